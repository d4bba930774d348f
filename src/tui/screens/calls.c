/* Issue 19, placeholder: calling at the counter (helper CALLS). */
