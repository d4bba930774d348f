/* Issue 19, placeholder: appointments and home visits (helper APPT). */
