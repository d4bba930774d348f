/* yizhan calendar …: the station's working-day calendar.
 *   calendar workdays FROM N   the date N working days after FROM on the
 *                              station's calendar (holidays and make-up (tiaoxiu)
 *                              working days from calendar_file; the statutory
 *                              holidays for a year it lacks)
 *   calendar moved             the open cases whose promised date a new calendar
 *                              moved, not yet seen by their clerks */
#include <limits.h>
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
	yz_date due = yz_add_workdays(&a->calendar, from, (int)n, &uncovered);
	yz_date_format(due, out);
	printf("%s\n", out);
	char cal[PATH_MAX]; /* the file the notes name: the one in force */
	yz_config_calendar_in_force(&a->cfg, cal, sizeof cal);
	int first = 0, last = 0; /* the years on the way counted provisionally */
	for (int y = from.year; y <= due.year; y++)
		if (yz_calendar_provisional(&a->calendar, y)) {
			first = first ? first : y;
			last = y;
		}
	if (first && first == last)
		app_printf(stderr,
		           _("Note: provisional. %d is not in the calendar %s yet; its statutory "
		             "holidays were counted (no make-up working days).\n"),
		           first, cal);
	else if (first)
		app_printf(stderr,
		           _("Note: provisional. %d to %d are not in the calendar %s yet; their "
		             "statutory holidays were counted (no make-up working days).\n"),
		           first, last, cal);
	if (uncovered)
		app_printf(stderr,
		           _("Note: the calendar %s lacks a year on the way; Monday to Friday "
		             "were counted there. Add the year's holidays to the file.\n"),
		           cal);
	return 0;
}

int cmd_calendar_moved(yz_app *a, int argc, char **argv)
{
	(void)argv;
	if (argc != 0) {
		app_printf(stderr, _("Usage: yizhan calendar moved\n"));
		return 2;
	}
	/* Opening the station recomputes the due dates when the calendar changed. */
	if (app_open(a) != 0)
		return 1;
	enum { MAX = 1000 };
	yz_due_move *m = calloc(MAX, sizeof *m);
	size_t n = 0;
	long total = 0;
	yz_err err = {{0}};
	if (!m || yz_service_due_moves(&a->sess, true, m, MAX, &n, &total, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", m ? err.msg : _("out of memory"));
		free(m);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		app_print_padded(stdout, m[i].number, 22);
		app_print_padded(stdout, m[i].owner_name[0] ? m[i].owner_name : m[i].owner, 12);
		app_printf(stdout, "%s -> %s\n", m[i].was, m[i].now);
	}
	if (total > (long)n)
		app_printf(stderr, _("… and %ld more.\n"), total - (long)n);
	if (!total)
		app_printf(stderr, _("No promised date has moved.\n"));
	else
		app_printf(stderr,
		           _("%ld promised dates moved with the new calendar. Each clerk sees "
		             "theirs on home until they open the case.\n"),
		           total);
	free(m);
	return 0;
}
