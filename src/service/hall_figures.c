/* Issue 19, placeholder: the hall's figures (helper FIG). */
