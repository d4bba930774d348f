/* Issue 19, placeholder: the hall display (helper HALL). */
