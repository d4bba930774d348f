/* Issue 19, placeholder: the ticket kiosk (helper HALL). */
