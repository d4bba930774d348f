/* Issue 19, placeholder: big characters drawn from the terminal's cells (helper HALL). */
