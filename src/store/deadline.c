/* Due dates of cases: computed with core's working-day calendar from the limits
 * stored at intake, the stops of the clock and the approved extension, and
 * stored so that the dashboard can sort and count by them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "life_int.h"

/* Most stops of the clock one case can have that count. */
#define MAX_PAUSES 32

/* What the computation needs of a case. */
typedef struct due_in {
	int64_t id;
	yz_date accepted;
	int promise, legal, extension;
	char due[11], legal_due[11]; /* as stored */
} due_in;

static int load_pauses(yz_store *st, int64_t id, yz_date on, yz_pause *p, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep_cached(
	    st, "SELECT from_date, until_date FROM case_pauses WHERE case_id = ?1 ORDER BY id",
	    err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (*n < MAX_PAUSES && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *from = (const char *)sqlite3_column_text(s, 0);
		const char *until = (const char *)sqlite3_column_text(s, 1);
		yz_pause *q = &p[*n];
		if (!from || !yz_date_parse(from, &q->from))
			continue;
		if (!until || !*until || !yz_date_parse(until, &q->until))
			q->until = on; /* still waiting: counts up to today */
		(*n)++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

static void compute(const yz_calendar *cal, const due_in *c, const yz_pause *p, size_t np,
                    yz_deadline *due, yz_deadline *legal)
{
	*due = yz_deadline_compute(cal, c->accepted, c->promise, p, np, c->extension);
	*legal = yz_deadline_compute(cal, c->accepted, c->legal, p, np, 0);
}

static int load_in(yz_store *st, int64_t id, due_in *c, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT accepted_date, promise_days, legal_days, extension_days,"
	                          " due_date, legal_due_date FROM cases WHERE id = ?1",
	                          err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		char acc[11];
		c->id = id;
		st_col_cpy(s, 0, acc, sizeof acc);
		yz_date_parse(acc, &c->accepted);
		c->promise = sqlite3_column_int(s, 1);
		c->legal = sqlite3_column_int(s, 2);
		c->extension = sqlite3_column_int(s, 3);
		st_col_cpy(s, 4, c->due, sizeof c->due);
		st_col_cpy(s, 5, c->legal_due, sizeof c->legal_due);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This case does not exist."));
	else if (rc != SQLITE_ROW)
		st_fail(st, rc, err);
	return rc == SQLITE_ROW ? 0 : -1;
}

int yz_case_deadline(yz_store *st, const yz_calendar *cal, int64_t case_id, yz_date on,
                     yz_deadline *due, yz_deadline *legal, yz_err *err)
{
	due_in c;
	yz_pause p[MAX_PAUSES];
	size_t np;

	if (load_in(st, case_id, &c, err) < 0 || load_pauses(st, case_id, on, p, &np, err) < 0)
		return -1;
	compute(cal, &c, p, np, due, legal);
	return 0;
}

/* Store the new dates of c when they differ; *changed is set then, and d
 * holds the promised date now. */
static int store_dates(yz_store *st, const yz_calendar *cal, const due_in *c, yz_date on,
                       const char *at, bool *changed, char d[11], yz_err *err)
{
	yz_pause p[MAX_PAUSES];
	size_t np;
	yz_deadline due, legal;
	char l[11] = "";

	*changed = false;
	snprintf(d, 11, "%s", c->due);
	if (c->promise < 0)
		return 0; /* limits unknown (old case): keep what intake stored */
	if (load_pauses(st, c->id, on, p, &np, err) < 0)
		return -1;
	compute(cal, c, p, np, &due, &legal);
	yz_date_format(due.due, d);
	if (c->legal > 0)
		yz_date_format(legal.due, l);
	if (!strcmp(d, c->due) && !strcmp(l, c->legal_due))
		return 0;
	*changed = true;
	if (st_life_exec(st, "UPDATE cases SET due_date = ?2, legal_due_date = ?3 WHERE id = ?1",
	                 c->id, d, l, NULL, err) < 0)
		return -1;
	return st_life_fix_eff(st, c->id, at, err);
}

int st_life_recompute_tx(yz_store *st, const yz_calendar *cal, int64_t id, yz_date on,
                         const char *at, yz_err *err)
{
	due_in c;
	bool changed;
	char d[11];

	if (load_in(st, id, &c, err) < 0)
		return -1;
	return store_dates(st, cal, &c, on, at, &changed, d, err);
}

int yz_case_recompute_due(yz_store *st, const yz_calendar *cal, int64_t case_id, yz_date on,
                          yz_err *err)
{
	char at[21];

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, st_life_recompute_tx(st, cal, case_id, on, at, err), err);
}

/* ---- promised dates moved by a new calendar ------------------------------------- */

#define MOVE_KEY "due_moved:" /* meta keys of the moves not seen yet; ';' follows ':' */

static void move_key(int64_t id, char key[40])
{
	snprintf(key, 40, MOVE_KEY "%lld", (long long)id);
}

/* The promised date of case id (number) moved from was to now: the event,
 * the audit row and the entry on the list (which keeps the date the resident
 * was given when an earlier move is not seen yet; a date moved back to it
 * leaves the list). */
static int record_move(yz_store *st, int64_t id, const char *number, const char *was,
                       const char *now, const char *actor, const char *at, yz_err *err)
{
	char key[40], old[32] = "", value[32], note[64], detail[128];
	const char *given = was;

	move_key(id, key);
	if (yz_store_meta_get(st, key, old, sizeof old, err) < 0)
		return -1;
	if (strlen(old) == 21 && old[10] == ' ') {
		old[10] = '\0';
		given = old;
	}
	snprintf(note, sizeof note, "%s -> %s", was, now);
	snprintf(detail, sizeof detail, "%s %s", number, note);
	if (st_event_full(st, id, actor, "due_moved", note, at, "", "", "", err) < 0 ||
	    st_audit_at(st, at, actor, "due_moved", detail, err) < 0)
		return -1;
	if (!strcmp(given, now))
		return st_life_exec(st, "DELETE FROM meta WHERE key = ?2", 0, key, NULL, NULL, err);
	snprintf(value, sizeof value, "%s %s", given, now);
	return yz_store_meta_set(st, key, value, err);
}

static int recompute_all_tx(yz_store *st, const yz_calendar *cal, yz_date on, const char *at,
                            const char *actor, long *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT id, accepted_date, promise_days, legal_days,"
	                          " extension_days, due_date, legal_due_date, number,"
	                          " paused_since = '' FROM cases"
	                          " WHERE status = 'accepted' AND promise_days >= 0",
	                          err);
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		due_in c;
		char acc[11], d[11], number[40];
		bool changed;
		c.id = sqlite3_column_int64(s, 0);
		st_col_cpy(s, 1, acc, sizeof acc);
		if (!yz_date_parse(acc, &c.accepted))
			continue;
		c.promise = sqlite3_column_int(s, 2);
		c.legal = sqlite3_column_int(s, 3);
		c.extension = sqlite3_column_int(s, 4);
		st_col_cpy(s, 5, c.due, sizeof c.due);
		st_col_cpy(s, 6, c.legal_due, sizeof c.legal_due);
		st_col_cpy(s, 7, number, sizeof number);
		/* A case waiting for the resident has no date to keep yet: its clock
		 * stands still and the date moves with today; not a move to tell. */
		bool told = actor && sqlite3_column_int(s, 8);
		if (store_dates(st, cal, &c, on, at, &changed, d, err) < 0 ||
		    (told && changed && strcmp(d, c.due) != 0 &&
		     record_move(st, c.id, number, c.due, d, actor, at, err) < 0)) {
			sqlite3_finalize(s);
			return -1;
		}
		/* with an actor: the promised dates that moved and are told; else any */
		*n += actor ? told && changed && strcmp(d, c.due) != 0 : changed;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int yz_cases_recompute_all(yz_store *st, const yz_calendar *cal, yz_date on, long *n, yz_err *err)
{
	char at[21];
	long dummy = 0;

	if (!n)
		n = &dummy;
	*n = 0;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, recompute_all_tx(st, cal, on, at, NULL, n, err), err);
}

int yz_cases_recompute_calendar(yz_store *st, const yz_calendar *cal, yz_date on, const char *actor,
                                long *moved, yz_err *err)
{
	char at[21];
	long dummy = 0;

	if (!moved)
		moved = &dummy;
	*moved = 0;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(
	    st, recompute_all_tx(st, cal, on, at, actor && *actor ? actor : "system", moved, err),
	    err);
}

/* A move from a row: case id, number, owner, owner's name, meta value. */
static void move_from_row(sqlite3_stmt *s, yz_due_move *m)
{
	char value[32];

	memset(m, 0, sizeof *m);
	m->case_id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, m->number, sizeof m->number);
	st_col_cpy(s, 2, m->owner, sizeof m->owner);
	st_col_cpy(s, 3, m->owner_name, sizeof m->owner_name);
	st_col_cpy(s, 4, value, sizeof value);
	snprintf(m->was, sizeof m->was, "%.10s", value);
	snprintf(m->now, sizeof m->now, "%s", strlen(value) > 11 ? value + 11 : "");
}

/* The moves' rows: meta's keys in their range (the primary key), joined to
 * the open cases they name. */
#define MOVES_SQL                                                                                  \
	"SELECT c.id, c.number, c.owner, coalesce(u.name, ''), m.value FROM meta m"                \
	" JOIN cases c ON c.id = CAST(substr(m.key, 11) AS INTEGER)"                               \
	" LEFT JOIN users u ON u.login = c.owner"                                                  \
	" WHERE m.key >= 'due_moved:' AND m.key < 'due_moved;' AND c.status = 'accepted'"

int yz_due_moves_list(yz_store *st, const char *owner, yz_due_move *out, size_t max, size_t *n,
                      long *total, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, MOVES_SQL " AND (?1 = '' OR c.owner = ?1) ORDER BY c.number", err);
	int rc;
	long all = 0;

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, owner ? owner : "");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (all++, *n < max)
			move_from_row(s, &out[(*n)++]);
	sqlite3_finalize(s);
	if (total)
		*total = all;
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int yz_due_move_get(yz_store *st, int64_t case_id, yz_due_move *m, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, MOVES_SQL " AND c.id = ?1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		move_from_row(s, m);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
}

static int move_seen_tx(yz_store *st, int64_t case_id, const char *actor, const char *at,
                        yz_err *err)
{
	yz_due_move m;
	char key[40], note[64];
	int rc = yz_due_move_get(st, case_id, &m, err);

	if (rc != 0)
		return rc < 0 ? -1 : 0; /* seen already (another counter) */
	move_key(case_id, key);
	snprintf(note, sizeof note, "%s -> %s", m.was, m.now);
	if (st_life_exec(st, "DELETE FROM meta WHERE key = ?2", 0, key, NULL, NULL, err) < 0)
		return -1;
	return st_event_full(st, case_id, actor, "due_moved_seen", note, at, "", "", "", err);
}

int yz_due_move_seen(yz_store *st, int64_t case_id, const char *actor, yz_err *err)
{
	char at[21];

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, move_seen_tx(st, case_id, actor, at, err), err);
}

int yz_cases_fill_limits(yz_store *st, const char *form_id, int promise_days, int legal_days,
                         yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE cases SET promise_days = ?2, legal_days = ?3"
	                          " WHERE form_id = ?1 AND promise_days < 0",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, form_id);
	sqlite3_bind_int(s, 2, promise_days);
	sqlite3_bind_int(s, 3, legal_days);
	return st_exec_stmt(st, s, err);
}
