/* Issue 19, placeholder: yz_hall_figures (helper FIG). */
