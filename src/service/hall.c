/* Issue 19, placeholder: queues served, the kiosk's tickets, calls at the counter, the hall's state (helper CORE). */
