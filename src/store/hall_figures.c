/* The hall's figures (issue 19): tickets of a span of days counted in SQL,
 * grouped by the queue they were issued for, the window or clerk that last
 * called them, the day or the month; the appointments of the same days beside
 * them (by queue, day or month: a window or a clerk has none). Two grouped
 * reads of the (day, ...) indexes in one read transaction, merged here, so a
 * month of a busy hall (30,000 tickets) is two statements, not a query per
 * ticket.
 *
 * Times are the stamps the store wrote (UTC, "YYYY-MM-DDTHH:MM:SSZ", which
 * SQLite's strftime reads with its Z); differences are whole seconds, never
 * below zero (two counters' clocks a second apart must not make a negative
 * wait). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

/* Seconds from the ticket to its first call, and from the first call to
 * done. */
#define WAIT_S  "max(0, strftime('%s', called_at) - strftime('%s', issued_at))"
#define SERVE_S "max(0, strftime('%s', done_at) - strftime('%s', called_at))"
#define CALLED  "called_at != ''"
#define SERVED  "state = ?3 AND called_at != '' AND done_at != ''"

/* The grouping key of a ticket for each `by`: the queue it was issued for
 * (its code's letter: a transferred ticket counts with the line the resident
 * asked for, its wait up to the first call there), the window and the clerk
 * of its last call (0 and "" when never called), its day, its month. */
#define TICKETS_SQL(key)                                                                           \
	"SELECT " key ", count(*), sum(" CALLED "), sum(state = ?3), sum(state = ?4),"             \
	" total(CASE WHEN " CALLED " THEN " WAIT_S " END),"                                        \
	" total(CASE WHEN " SERVED " THEN " SERVE_S " END),"                                       \
	" coalesce(max(CASE WHEN " CALLED " THEN " WAIT_S " END), 0)"                              \
	" FROM queue_tickets WHERE day >= ?1 AND day <= ?2 GROUP BY 1 ORDER BY 1"

/* Appointments of the days that were not called off: how many, how many
 * arrived. */
#define APPTS_SQL(key)                                                                             \
	"SELECT " key ", count(*), sum(state = ?3) FROM appointments"                              \
	" WHERE day >= ?1 AND day <= ?2 AND state != ?4 GROUP BY 1 ORDER BY 1"

static const char *tickets_sql(char by)
{
	switch (by) {
	case 'l':
		return TICKETS_SQL("substr(code, 1, 1)");
	case 'w':
		return TICKETS_SQL("counter");
	case 'c':
		return TICKETS_SQL("clerk");
	case 'd':
		return TICKETS_SQL("day");
	case 'm':
		return TICKETS_SQL("substr(day, 1, 7)");
	default:
		return NULL;
	}
}

static const char *appts_sql(char by)
{
	switch (by) {
	case 'l':
		return APPTS_SQL("queue");
	case 'd':
		return APPTS_SQL("day");
	case 'm':
		return APPTS_SQL("substr(day, 1, 7)");
	default:
		return NULL; /* windows and clerks have no appointments */
	}
}

static void fig_from_row(sqlite3_stmt *s, void *out)
{
	yz_hall_fig *f = out;

	memset(f, 0, sizeof *f);
	st_col_cpy(s, 0, f->key, sizeof f->key);
	f->issued = sqlite3_column_int(s, 1);
	f->called = sqlite3_column_int(s, 2);
	f->served = sqlite3_column_int(s, 3);
	f->noshow = sqlite3_column_int(s, 4);
	f->wait_s_sum = (long)sqlite3_column_int64(s, 5);
	f->serve_s_sum = (long)sqlite3_column_int64(s, 6);
	f->wait_max_s = sqlite3_column_int(s, 7);
}

/* Rows by key as text: after the appointments are merged (queue letters,
 * dates, months: never windows, which SQL orders by number). */
static int cmp_fig(const void *a, const void *b)
{
	return strcmp(((const yz_hall_fig *)a)->key, ((const yz_hall_fig *)b)->key);
}

/* The appointments of the days into the ticket rows out[0..*n): a key with
 * appointments and no tickets (a day everyone booked missed) gets a row of
 * its own while there is room. */
static int merge_appts(yz_store *st, const char *from, const char *until, char by, yz_hall_fig *out,
                       size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, appts_sql(by), err);
	int rc;

	if (!s)
		return -1;
	st_bind_str(s, 1, from);
	st_bind_str(s, 2, until);
	sqlite3_bind_int(s, 3, YZ_APPT_ARRIVED);
	sqlite3_bind_int(s, 4, YZ_APPT_CANCELLED);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char key[40];
		size_t i;

		st_col_cpy(s, 0, key, sizeof key);
		for (i = 0; i < *n && strcmp(out[i].key, key) != 0; i++)
			;
		if (i == *n) {
			if (*n == max)
				continue;
			memset(&out[i], 0, sizeof out[i]);
			snprintf(out[i].key, sizeof out[i].key, "%s", key);
			(*n)++;
		}
		out[i].appts = sqlite3_column_int(s, 1);
		out[i].appts_kept = sqlite3_column_int(s, 2);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int read_figures(yz_store *st, const char *from, const char *until, char by,
                        yz_hall_fig *out, size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, tickets_sql(by), err);

	if (!s)
		return -1;
	st_bind_str(s, 1, from);
	st_bind_str(s, 2, until);
	sqlite3_bind_int(s, 3, YZ_TICKET_DONE);
	sqlite3_bind_int(s, 4, YZ_TICKET_NOSHOW);
	if (st_get_rows(st, s, fig_from_row, out, sizeof *out, max, n, err) != 0)
		return -1;
	if (appts_sql(by) && merge_appts(st, from, until, by, out, max, n, err) != 0)
		return -1;
	if (appts_sql(by) && *n > 1)
		qsort(out, *n, sizeof *out, cmp_fig);
	return 0;
}

int yz_hall_figures(yz_store *st, const char *from, const char *until, char by, yz_hall_fig *out,
                    size_t max, size_t *n, yz_err *err)
{
	int rc;

	*n = 0;
	if (!tickets_sql(by)) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("The hall's figures are split by line, window, clerk, day or month."));
		return -1;
	}
	/* One read transaction: the tickets and the appointments of one moment. */
	if (st->tx_depth == 0)
		st_exec(st, "BEGIN", NULL);
	rc = read_figures(st, from, until, by, out, max, n, err);
	if (st->tx_depth == 0)
		st_exec(st, "COMMIT", NULL);
	return rc;
}
