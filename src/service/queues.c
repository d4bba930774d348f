/* Issue 19, placeholder: yizhan.conf's [queue X] sections (helper CORE). */
