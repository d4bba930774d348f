/* Issue 19, placeholder: home visits at the counter (helper APPT). */
