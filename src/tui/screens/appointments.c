/* Issue 19, placeholder: booking appointments (helper APPT). */
