/* Issue 19, placeholder: the calls' words and sound (helper VOICE). */
