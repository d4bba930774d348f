/* Issue 19, placeholder: appointments (helper APPT). */
