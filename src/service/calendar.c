/* The station's working-day calendar beyond the official file: the
 * provisional years (data/holidays-provisional.txt), the admin's reminder
 * that next year's official calendar is missing, and the promised dates a new
 * calendar moved, until each case's clerk has seen them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "yizhan/service.h"
#include "yizhan/store/outfile.h"

#define PROVISIONAL_FILE "holidays-provisional.txt"

void yz_config_provisional_file(const yz_config *cfg, char *out, size_t n)
{
	const char *slash = strrchr(cfg->calendar_file, '/');
	int dir = slash ? (int)(slash - cfg->calendar_file) : 1;

	snprintf(out, n, "%.*s/" PROVISIONAL_FILE, dir, slash ? cfg->calendar_file : ".");
	if (access(out, F_OK) != 0)
		yz_config_own_path("data/" PROVISIONAL_FILE, out, n);
}

int yz_service_load_provisional(const yz_config *cfg, yz_calendar *cal, yz_err *err)
{
	char path[PATH_MAX], *text;
	size_t len = 0;
	yz_err why = {{0}};

	yz_config_provisional_file(cfg, path, sizeof path);
	/* a regular file of a calendar's size, as the calendar itself (issue 14) */
	if (!(text = yz_infile_read(path, YZ_INFILE_MAX, &len, &why))) {
		if (why.code == YZ_ERR_NOT_FOUND)
			return 0;
		if (err)
			*err = why;
		return -1;
	}
	int rc = yz_calendar_add_provisional(cal, text, len, path, err);
	free(text);
	return rc;
}

bool yz_service_date_provisional(const yz_session *s, const char *from, const char *due)
{
	yz_date a, b;

	return from && due && yz_date_parse(from, &a) && yz_date_parse(due, &b) &&
	       yz_calendar_span_provisional(s->calendar, a, b);
}

int yz_service_calendar_missing(const yz_session *s)
{
	int year = s->today.year;

	if (!s->calendar) /* Monday to Friday by choice: nothing to add */
		return 0;
	if (!yz_calendar_covers(s->calendar, year))
		return year;
	/* The State Council publishes next year's holidays in November. */
	if (s->today.month >= 11 && !yz_calendar_covers(s->calendar, year + 1))
		return year + 1;
	return 0;
}

int yz_service_due_moves(yz_session *s, bool all, yz_due_move *out, size_t max, size_t *n,
                         long *total, yz_err *err)
{
	return yz_due_moves_list(s->store, all ? NULL : s->user.login, out, max, n, total, err);
}

int yz_service_due_move_of(yz_session *s, const yz_case *c, yz_due_move *m, yz_err *err)
{
	int rc = yz_due_move_get(s->store, c->id, m, err);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (!strcmp(c->owner, s->user.login) &&
	    yz_due_move_seen(s->store, c->id, s->user.login, err) < 0)
		return -1;
	return 1;
}
