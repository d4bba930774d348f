/* Issue 19, placeholder: home visits and the route sheet (helper APPT). */
