/* The dashboard: a clerk's open cases in five sections, each counted and its
 * first rows read in due-date order straight from an index on (owner, status,
 * date). A B clerk covering an absent A gets A's cases of that line too: each
 * queue is read on its own and the rows are merged, which keeps every query an
 * index range scan however many cases the station has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

/* One queue: an owner, and for a covered A clerk the line covered (NULL = all);
 * for the station head every open case (no owner). */
#define SLOT_SQL    " c.owner = ?1 AND c.status = 'accepted'"
#define STATION_SQL " c.status = 'accepted'"
#define SLOT(owner) ((owner) ? SLOT_SQL : STATION_SQL)
/* The line condition of a covered queue; a constant "?2 IS NULL OR" would keep
 * the planner from the (owner, status, date) indexes. */
#define LINE_SQL " AND c.line = ?2"

/* Per section: the condition (parameters ?3 today, ?4 soon) and the sort key. */
static const struct section_sql {
	const char *where;
	const char *order;
} sections[YZ_DASH_SECTIONS] = {
    [YZ_DASH_QUEUE] = {"", "c.due_date"},
    [YZ_DASH_DUE_SOON] = {" AND c.eff_due >= ?3 AND c.eff_due <= ?4", "c.eff_due"},
    [YZ_DASH_OVERDUE] = {" AND c.eff_due > '' AND c.eff_due < ?3", "c.eff_due"},
    [YZ_DASH_WAIT_RESIDENT] = {" AND c.paused_since <> ''", "c.paused_since"},
    [YZ_DASH_WAIT_DEPT] = {" AND c.forward_id IS NOT NULL", "c.fwd_due"},
};

static void bind_slot(sqlite3_stmt *s, const char *owner, const char *line, const char *today,
                      const char *soon)
{
	int n = sqlite3_bind_parameter_count(s);

	if (owner)
		st_bind_str(s, 1, owner);
	if (line)
		st_bind_str(s, 2, line);
	if (n >= 3)
		st_bind_str(s, 3, today);
	if (n >= 4)
		st_bind_str(s, 4, soon);
}

static int count_slot(yz_store *st, int sec, const char *owner, const char *line, const char *today,
                      const char *soon, long *count, yz_err *err)
{
	char sql[512];
	sqlite3_stmt *s;
	int rc;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases c WHERE%s%s%s", SLOT(owner),
	         line ? LINE_SQL : "", sections[sec].where);
	s = st_prep(st, sql, err);
	if (!s)
		return -1;
	bind_slot(s, owner, line, today, soon);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count += (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

/* Appends up to YZ_DASH_ROWS rows of one queue to buf. */
static int rows_slot(yz_store *st, int sec, const char *owner, const char *line, const char *today,
                     const char *soon, yz_case *buf, size_t *n, yz_err *err)
{
	char sql[2048];
	sqlite3_stmt *s;
	int rc = SQLITE_DONE;
	size_t got = 0;

	snprintf(sql, sizeof sql,
	         "SELECT " CASE_COLS CASE_FROM " WHERE%s%s%s ORDER BY %s, c.id LIMIT %d",
	         SLOT(owner), line ? LINE_SQL : "", sections[sec].where, sections[sec].order,
	         YZ_DASH_ROWS);
	s = st_prep(st, sql, err);
	if (!s)
		return -1;
	bind_slot(s, owner, line, today, soon);
	while (got < YZ_DASH_ROWS && (rc = sqlite3_step(s)) == SQLITE_ROW)
		st_case_from_row(s, &buf[(*n) + got++]);
	*n += got;
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

const char *yz_dash_date(const yz_case *c, yz_dash_section sec)
{
	switch (sec) {
	case YZ_DASH_QUEUE:
		return c->due_date;
	case YZ_DASH_WAIT_RESIDENT:
		return c->paused_since;
	case YZ_DASH_WAIT_DEPT:
		return c->dept_due;
	default:
		return c->eff_due;
	}
}

static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const yz_case *x = a, *y = b;
	int sec = *(const int *)ctx;
	int d = strcmp(yz_dash_date(x, sec), yz_dash_date(y, sec));

	return d ? d : (x->id > y->id) - (x->id < y->id);
}

/* Fill one section from the clerk's own queue and each covered queue. */
static int fill_section(yz_store *st, int sec, const char *login, const yz_dashboard *d,
                        const char *today, const char *soon, yz_dash_list *out, yz_case *buf,
                        yz_err *err)
{
	size_t n = 0;

	out->count = 0;
	if (count_slot(st, sec, login, NULL, today, soon, &out->count, err) < 0 ||
	    rows_slot(st, sec, login, NULL, today, soon, buf, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < d->n_cover; i++) {
		const yz_cover *c = &d->cover[i];
		if (count_slot(st, sec, c->a_login, c->line, today, soon, &out->count, err) < 0 ||
		    rows_slot(st, sec, c->a_login, c->line, today, soon, buf, &n, err) < 0)
			return -1;
	}
	if (d->n_cover)
		qsort_r(buf, n, sizeof *buf, cmp_rows, &sec);
	out->n = n < YZ_DASH_ROWS ? n : YZ_DASH_ROWS;
	memcpy(out->rows, buf, out->n * sizeof *buf);
	return 0;
}

static int count_sql(yz_store *st, const char *sql, long *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, sql, err);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

int yz_dashboard_get(yz_store *st, const char *login, const char *today, const char *soon,
                     yz_dashboard *out, yz_err *err)
{
	yz_case *buf;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (login &&
	    yz_cover_list(st, login, today, out->cover, YZ_MAX_COVER, &out->n_cover, err) < 0)
		return -1;
	buf = malloc((out->n_cover + 1) * YZ_DASH_ROWS * sizeof *buf);
	if (!buf) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	/* One read transaction: the sections agree with each other. */
	if (st->tx_depth == 0)
		st_exec(st, "BEGIN", NULL);
	for (int sec = 0; sec < YZ_DASH_SECTIONS && rc == 0; sec++)
		rc = fill_section(st, sec, login, out, today, soon, &out->sec[sec], buf, err);
	if (rc == 0)
		rc = count_sql(st, "SELECT count(*) FROM approvals WHERE state = 'pending'",
		               &out->approvals_pending, err);
	if (rc == 0)
		rc = count_sql(st, "SELECT count(*) FROM followups WHERE state = 'open'",
		               &out->followups_open, err);
	if (st->tx_depth == 0)
		st_exec(st, "COMMIT", NULL);
	free(buf);
	return rc;
}
