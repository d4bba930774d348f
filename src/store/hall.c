/* Issue 19, placeholder: tickets, calls, links, hall calls, queue counts (helper CORE). */
