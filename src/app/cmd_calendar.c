/* yizhan calendar workdays FROM N: the date N working days after FROM on the
 * station's calendar (holidays and make-up (tiaoxiu) working days from calendar_file). */
#include <stdio.h>
#include <stdlib.h>

#include "../intl.h"
#include "app.h"

int cmd_calendar_workdays(yz_app *a, int argc, char **argv)
{
	yz_date from;
	char *end = NULL;
	long n = argc == 2 ? strtol(argv[1], &end, 10) : -1;
	if (argc != 2 || !yz_date_parse(argv[0], &from) || *end || n < 0 || n > 3650) {
		app_printf(stderr, _("Usage: yizhan calendar workdays YYYY-MM-DD N   (N working "
		                     "days, 0-3650)\n"));
		return 2;
	}
	yz_err err = {{0}};
	if (yz_service_load_calendar(&a->cfg, &a->calendar, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	bool uncovered = false;
	char out[11];
	yz_date_format(yz_add_workdays(&a->calendar, from, (int)n, &uncovered), out);
	printf("%s\n", out);
	if (uncovered)
		app_printf(stderr,
		           _("Note: the calendar %s lacks a year on the way; Monday to Friday "
		             "were counted there. Add the year's holidays to the file.\n"),
		           a->cfg.calendar_file);
	return 0;
}
