/* Cases: numbers allocated inside the inserting transaction, fields, materials,
 * timeline, status, lists and the home screen's figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "kv.h"
#include "store_int.h"

/* States after which a case is no longer open. Schema 3 closes every case as
 * 'done' (the result says how); the older words stay for safety. */
#define TERMINAL_SQL "('done', 'refused', 'withdrawn')"

void st_case_from_row(sqlite3_stmt *s, yz_case *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, c->number, sizeof c->number);
	st_col_cpy(s, 2, c->form_id, sizeof c->form_id);
	st_col_cpy(s, 3, c->item, sizeof c->item);
	st_col_cpy(s, 4, c->line, sizeof c->line);
	c->resident_id = sqlite3_column_int64(s, 5);
	st_col_cpy(s, 6, c->resident_name, sizeof c->resident_name);
	st_col_cpy(s, 7, c->resident_idno, sizeof c->resident_idno);
	c->status = st_case_status_from((const char *)sqlite3_column_text(s, 8));
	st_col_cpy(s, 9, c->clerk_login, sizeof c->clerk_login);
	st_col_cpy(s, 10, c->clerk_name, sizeof c->clerk_name);
	st_col_cpy(s, 11, c->accepted_date, sizeof c->accepted_date);
	st_col_cpy(s, 12, c->due_date, sizeof c->due_date);
	st_col_cpy(s, 13, c->created_at, sizeof c->created_at);
	st_col_cpy(s, 14, c->state, sizeof c->state);
	c->result = st_case_result_from((const char *)sqlite3_column_text(s, 15));
	st_col_cpy(s, 16, c->owner, sizeof c->owner);
	st_col_cpy(s, 17, c->owner_name, sizeof c->owner_name);
	st_col_cpy(s, 18, c->paused_since, sizeof c->paused_since);
	c->forward_id = sqlite3_column_int64(s, 19);
	st_col_cpy(s, 20, c->department, sizeof c->department);
	st_col_cpy(s, 21, c->dept_due, sizeof c->dept_due);
	c->extension_days = sqlite3_column_int(s, 22);
	c->promise_days = sqlite3_column_int(s, 23);
	c->legal_days = sqlite3_column_int(s, 24);
	st_col_cpy(s, 25, c->legal_due_date, sizeof c->legal_due_date);
	st_col_cpy(s, 26, c->eff_due, sizeof c->eff_due);
	st_col_cpy(s, 27, c->closed_at, sizeof c->closed_at);
	c->rating = sqlite3_column_int(s, 28);
	c->sensitive = sqlite3_column_int(s, 29) != 0;
}

static int get_case(yz_store *st, sqlite3_stmt *s, yz_case *out, yz_err *err)
{
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (out)
			st_case_from_row(s, out);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
	}
	sqlite3_finalize(s);
	return rc;
}

int yz_case_get(yz_store *st, const char *number, yz_case *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT " CASE_COLS CASE_FROM " WHERE c.number = ?1", err);

	if (s)
		st_bind_str(s, 1, number);
	return get_case(st, s, out, err);
}

int yz_case_get_by_id(yz_store *st, int64_t id, yz_case *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT " CASE_COLS CASE_FROM " WHERE c.id = ?1", err);

	if (s)
		sqlite3_bind_int64(s, 1, id);
	return get_case(st, s, out, err);
}

/* A resident has few cases: cases_resident finds them, whatever the number of
 * cases of the form or of the station. The unary + keeps the planner off the
 * form's and the status's indexes (every case of the form, every open case). */
int yz_case_open_of(yz_store *st, const char *form_id, int64_t resident_id, yz_case *out,
                    yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " CASE_COLS CASE_FROM " WHERE c.resident_id = ?2"
	                          " AND +c.form_id = ?1 AND +c.status = 'accepted' LIMIT 1",
	                          err);

	if (s) {
		st_bind_str(s, 1, form_id);
		sqlite3_bind_int64(s, 2, resident_id);
	}
	return get_case(st, s, out, err);
}

/* ---- creation ---------------------------------------------------------------- */

static int check_new(const char *station, int year, const yz_case_new *in, yz_err *err)
{
	yz_date d;

	if (!yz_station_code_valid(station)) {
		yz_err_set(err, _("The station code is not set correctly in yizhan.conf (1 to 16 "
		                  "capital letters or digits)."));
		return -1;
	}
	if (!in->form_id || !*in->form_id || !in->item || !*in->item || !in->clerk_login ||
	    !*in->clerk_login) {
		yz_err_set(err, _("The case has no service item or no clerk."));
		return -1;
	}
	if (!in->accepted_date || !yz_date_parse(in->accepted_date, &d) ||
	    (in->due_date && *in->due_date && !yz_date_parse(in->due_date, &d))) {
		yz_err_set(err, _("The case's dates are not valid dates."));
		return -1;
	}
	if (year < 1900 || year > 2999) {
		yz_err_set(err, _("The case year %d is not valid."), year);
		return -1;
	}
	if (!st_case_status_text(in->status)) {
		yz_err_set(err, _("No new status was given for the case."));
		return -1;
	}
	return 0;
}

/* The next sequence for (station, year), under the caller's write lock. */
static int next_seq(yz_store *st, const char *station, int year, long *seq, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st,
	            "INSERT INTO case_counters(station, year, last_seq) VALUES(?1, ?2, 1)"
	            " ON CONFLICT(station, year) DO UPDATE SET last_seq = last_seq + 1"
	            " RETURNING last_seq",
	            err);
	int rc;

	if (!s)
		return -1;
	st_bind_str(s, 1, station);
	sqlite3_bind_int(s, 2, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*seq = (long)sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

/* Fill name and ID number as they are at intake (the case keeps them even if the
 * registry changes later). */
static int resident_snapshot(yz_store *st, int64_t id, yz_resident *r, yz_err *err)
{
	int rc;

	memset(r, 0, sizeof *r);
	if (id <= 0) { /* a person who did not register (e.g. an anonymous consultation) */
		snprintf(r->name, sizeof r->name, "%s", _("anonymous"));
		return 0;
	}
	rc = yz_resident_get(st, id, r, err);
	if (rc == 1)
		yz_err_set(err, _("The resident of this case is not in the registry any more."));
	return rc == 0 ? 0 : -1;
}

static int insert_case(yz_store *st, const char *number, const char *station, int year, long seq,
                       const yz_case_new *in, const yz_resident *r, const char *at, int64_t *id,
                       yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st,
	    "INSERT INTO cases(number, station, year, seq, form_id, item, line, resident_id,"
	    " resident_name, resident_idno, status, clerk_login, accepted_date, due_date,"
	    " created_at, updated_at, state, result, owner, promise_days, legal_days,"
	    " legal_due_date, eff_due, closed_at)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16,"
	    " ?17, ?12, ?18, ?19, ?20, CASE WHEN ?11 = 'done' THEN '' ELSE ?14 END,"
	    " CASE WHEN ?11 = 'done' THEN ?15 ELSE '' END)",
	    err);
	bool closed = in->status == YZ_CASE_DONE;
	bool limits = in->promise_days > 0 || in->legal_days > 0 || !in->due_date ||
	              !*in->due_date || strcmp(in->due_date, in->accepted_date) == 0;

	if (!s)
		return -1;
	st_bind_str(s, 1, number);
	st_bind_str(s, 2, station);
	sqlite3_bind_int(s, 3, year);
	sqlite3_bind_int64(s, 4, seq);
	st_bind_str(s, 5, in->form_id);
	st_bind_str(s, 6, in->item);
	st_bind_str(s, 7, in->line);
	if (r->id > 0)
		sqlite3_bind_int64(s, 8, r->id);
	st_bind_str(s, 9, r->name);
	st_bind_str(s, 10, r->idno);
	st_bind_str(s, 11, st_case_status_text(in->status));
	st_bind_str(s, 12, in->clerk_login);
	st_bind_str(s, 13, in->accepted_date);
	st_bind_str(s, 14, in->due_date);
	st_bind_str(s, 15, at);
	st_bind_str(s, 16,
	            in->state && *in->state ? in->state
	            : closed                ? YZ_STATE_DONE
	                                    : YZ_STATE_ACCEPTED);
	st_bind_str(s, 17, st_case_result_text(closed ? YZ_RESULT_APPROVED : YZ_RESULT_NONE));
	/* A skeleton caller that gave a due date but no limits: unknown (-1), filled
	 * from the form by yz_cases_fill_limits. */
	sqlite3_bind_int(s, 18, limits ? in->promise_days : -1);
	sqlite3_bind_int(s, 19, limits ? in->legal_days : -1);
	st_bind_str(s, 20, in->legal_due_date);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int insert_list(yz_store *st, const char *sql, int64_t id, const char *const *keys,
                       const char *const *vals, size_t n, yz_err *err)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = st_prep(st, sql, err);
		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		st_bind_str(s, 3, keys[i]);
		if (vals)
			st_bind_str(s, 4, vals[i]);
		if (st_exec_stmt(st, s, err) < 0)
			return -1;
	}
	return 0;
}

int st_event_full(yz_store *st, int64_t case_id, const char *actor, const char *kind,
                  const char *note, const char *at, const char *from, const char *to,
                  const char *on_behalf, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO case_events(case_id, at, actor, kind, note,"
	                          " from_state, to_state, on_behalf)"
	                          " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	st_bind_str(s, 2, at);
	st_bind_str(s, 3, actor);
	st_bind_str(s, 4, kind);
	st_bind_str(s, 5, note);
	st_bind_str(s, 6, from);
	st_bind_str(s, 7, to);
	st_bind_str(s, 8, on_behalf);
	return st_exec_stmt(st, s, err);
}

static int event_at(yz_store *st, int64_t case_id, const char *actor, const char *kind,
                    const char *note, const char *at, yz_err *err)
{
	return st_event_full(st, case_id, actor, kind, note, at, "", "", "", err);
}

/* Everything of a new case inside the open transaction; *id receives its id. */
static int create_in_tx(yz_store *st, const char *station, int year, const yz_case_new *in,
                        const char *at, char number[40], int64_t *id, yz_err *err)
{
	yz_resident r;
	long seq = 0;
	char detail[256];
	const char *status = st_case_status_text(in->status);

	if (resident_snapshot(st, in->resident_id, &r, err) < 0 ||
	    next_seq(st, station, year, &seq, err) < 0)
		return -1;
	if (!yz_caseno_format(number, 40, station, year, seq)) {
		yz_err_set(err, _("All case numbers of %d are used up for station %s."), year,
		           station);
		return -1;
	}
	if (insert_case(st, number, station, year, seq, in, &r, at, id, err) < 0 ||
	    insert_list(st,
	                "INSERT INTO case_fields(case_id, ord, key, value) VALUES(?1, ?2, ?3, ?4)",
	                *id, in->field_keys, in->field_vals, in->n_fields, err) < 0 ||
	    insert_list(st, "INSERT INTO case_materials(case_id, ord, label) VALUES(?1, ?2, ?3)",
	                *id, in->materials, NULL, in->n_materials, err) < 0 ||
	    event_at(st, *id, in->clerk_login, st_case_status_text(YZ_CASE_ACCEPTED), "", at, err) <
	        0)
		return -1;
	if (in->status != YZ_CASE_ACCEPTED &&
	    event_at(st, *id, in->clerk_login, status, "", at, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "%s %.64s resident %lld status %.24s", number, in->form_id,
	         (long long)r.id, status);
	return st_audit_at(st, at, in->clerk_login, "case_created", detail, err);
}

int yz_case_create(yz_store *st, const char *station_code, int year, const yz_case_new *in,
                   yz_case *out, yz_err *err)
{
	char number[40], now[21];
	int64_t id = 0;

	st_now(st, now);
	if (check_new(station_code, year, in, err) < 0 || st_tx_begin(st, err) < 0)
		return -1;
	if (st_tx_end(st, create_in_tx(st, station_code, year, in, now, number, &id, err) == 0,
	              err) < 0)
		return -1;
	if (out && yz_case_get_by_id(st, id, out, err) != 0)
		return -1;
	return 0;
}

/* ---- fields, materials, timeline -------------------------------------------- */

static int read_kv(yz_store *st, sqlite3_stmt *s, int64_t case_id, yz_kv_list *out, yz_err *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);
		const char *v = (const char *)sqlite3_column_text(s, 1);
		if (yz_kv_push(out, k, v) < 0) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
			rc = -1;
			break;
		}
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != -1)
		st_fail(st, rc, err);
	yz_kv_free(out);
	return -1;
}

int yz_case_fields(yz_store *st, int64_t case_id, yz_kv_list *out, yz_err *err)
{
	return read_kv(
	    st,
	    st_prep(st, "SELECT key, value FROM case_fields WHERE case_id = ?1 ORDER BY ord", err),
	    case_id, out, err);
}

int yz_case_materials(yz_store *st, int64_t case_id, yz_kv_list *out, yz_err *err)
{
	return read_kv(
	    st,
	    st_prep(st, "SELECT label, '' FROM case_materials WHERE case_id = ?1 ORDER BY ord",
	            err),
	    case_id, out, err);
}

int yz_case_event_add(yz_store *st, int64_t case_id, const char *actor, const char *kind,
                      const char *note, yz_err *err)
{
	char now[21];

	st_now(st, now);
	if (!kind || !*kind) {
		yz_err_set(err, _("The timeline entry has no kind."));
		return -1;
	}
	return event_at(st, case_id, actor, kind, note, now, err);
}

int yz_case_timeline(yz_store *st, int64_t case_id, yz_case_event *out, size_t max, size_t *n,
                     yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT e.at, e.actor, coalesce(u.name, ''), e.kind, e.note,"
	                          " e.from_state, e.to_state, e.on_behalf"
	                          " FROM case_events e LEFT JOIN users u ON u.login = e.actor"
	                          " WHERE e.case_id = ?1 ORDER BY e.id LIMIT ?2",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		yz_case_event *e = &out[(*n)++];
		memset(e, 0, sizeof *e);
		st_col_cpy(s, 0, e->at, sizeof e->at);
		st_col_cpy(s, 1, e->actor, sizeof e->actor);
		st_col_cpy(s, 2, e->actor_name, sizeof e->actor_name);
		st_col_cpy(s, 3, e->kind, sizeof e->kind);
		st_col_cpy(s, 4, e->note, sizeof e->note);
		st_col_cpy(s, 5, e->from_state, sizeof e->from_state);
		st_col_cpy(s, 6, e->to_state, sizeof e->to_state);
		st_col_cpy(s, 7, e->on_behalf, sizeof e->on_behalf);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

/* ---- status -------------------------------------------------------------------- */

static int status_in_tx(yz_store *st, int64_t case_id, const char *status, const char *actor,
                        const char *note, const char *at, yz_err *err)
{
	yz_case c;
	char detail[128];
	const char *was;
	sqlite3_stmt *s;
	int rc = yz_case_get_by_id(st, case_id, &c, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This case does not exist."));
	if (rc != 0)
		return -1;
	/* Closing through the skeleton's call closes the lifecycle too. */
	s = st_prep(st,
	            "UPDATE cases SET status = ?2, updated_at = ?3,"
	            " state = CASE WHEN ?2 = 'done' AND state = 'accepted' THEN 'done'"
	            "   WHEN ?2 = 'accepted' AND state = 'done' THEN 'accepted' ELSE state END,"
	            " result = CASE WHEN ?2 = 'done' THEN"
	            "   CASE WHEN result = '' THEN 'resolved' ELSE result END ELSE '' END,"
	            " closed_at = CASE WHEN ?2 = 'done' THEN ?3 ELSE '' END,"
	            " eff_due = CASE WHEN ?2 = 'done' THEN '' ELSE due_date END,"
	            " paused_since = CASE WHEN ?2 = 'done' THEN '' ELSE paused_since END"
	            " WHERE id = ?1",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	st_bind_str(s, 2, status);
	st_bind_str(s, 3, at);
	if (st_exec_stmt(st, s, err) < 0 || event_at(st, case_id, actor, status, note, at, err) < 0)
		return -1;
	was = st_case_status_text(c.status);
	snprintf(detail, sizeof detail, "%s %s -> %.24s", c.number, was ? was : "?", status);
	return st_audit_at(st, at, actor, "case_status", detail, err);
}

int yz_case_set_status(yz_store *st, int64_t case_id, yz_case_status status, const char *actor,
                       const char *note, yz_err *err)
{
	char now[21];
	const char *word = st_case_status_text(status);

	if (!word) {
		yz_err_set(err, _("No new status was given for the case."));
		return -1;
	}
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, status_in_tx(st, case_id, word, actor, note, now, err) == 0, err);
}

/* ---- lists and figures ------------------------------------------------------------ */

/* The condition of a filter's selection. */
static const char *which_sql(yz_case_select w)
{
	switch (w) {
	case YZ_CASES_OPEN:
		return " AND c.status = 'accepted'";
	case YZ_CASES_CLOSED:
		return " AND c.status <> 'accepted'";
	case YZ_CASES_PAUSED:
		return " AND c.status = 'accepted' AND c.paused_since <> ''";
	case YZ_CASES_FORWARDED:
		return " AND c.status = 'accepted' AND c.forward_id IS NOT NULL";
	case YZ_CASES_ALL:
		break;
	}
	return "";
}

/* What a clerk may see: own cases, and the cases of lines where they are A or B. */
#define VISIBLE_SQL                                                                                \
	" AND (c.owner = ?8 OR (c.clerk_login = ?8 AND coalesce(ls.sensitive, 0) = 0) OR c.line "  \
	"IN"                                                                                       \
	" (SELECT line FROM line_staff WHERE a_login = ?8 OR b_login = ?8))"

/* The SQL for a filter, from fixed fragments only; values are bound as ?1..?10. */
static void list_sql(const yz_case_filter *f, char *sql, size_t n)
{
	yz_case_filter z = {0};

	if (!f)
		f = &z;
	snprintf(
	    sql, n, "SELECT " CASE_COLS CASE_FROM " WHERE 1%s%s%s%s%s%s%s%s%s ORDER BY %s LIMIT ?4",
	    f->accepted_date ? " AND c.accepted_date = ?1" : "", which_sql(f->which),
	    f->clerk_login ? " AND c.clerk_login = ?3" : "", f->owner ? " AND c.owner = ?5" : "",
	    f->line ? " AND c.line = ?6" : "",
	    f->overdue_on ? " AND c.status = 'accepted' AND c.eff_due <> '' AND c.eff_due < ?7"
	                  : "",
	    f->due_by ? " AND c.status = 'accepted' AND c.eff_due <> '' AND c.eff_due <= ?10" : "",
	    f->due_from ? " AND c.status = 'accepted' AND c.eff_due >= ?11" : "",
	    f->visible_to ? VISIBLE_SQL : "",
	    f->by_due ? "CASE WHEN c.eff_due = '' THEN c.due_date ELSE c.eff_due END, c.id"
	              : "c.id DESC");
}

static void list_bind(sqlite3_stmt *s, const yz_case_filter *f)
{
	sqlite3_bind_int64(s, 4, f && f->limit ? (sqlite3_int64)f->limit : -1);
	if (!f)
		return;
	if (f->accepted_date)
		st_bind_str(s, 1, f->accepted_date);
	if (f->clerk_login)
		st_bind_str(s, 3, f->clerk_login);
	if (f->owner)
		st_bind_str(s, 5, f->owner);
	if (f->line)
		st_bind_str(s, 6, f->line);
	if (f->overdue_on)
		st_bind_str(s, 7, f->overdue_on);
	if (f->visible_to)
		st_bind_str(s, 8, f->visible_to);
	if (f->due_by)
		st_bind_str(s, 10, f->due_by);
	if (f->due_from)
		st_bind_str(s, 11, f->due_from);
}

int yz_case_list(yz_store *st, const yz_case_filter *f, yz_case_cb cb, void *ctx, yz_err *err)
{
	char sql[2048];
	sqlite3_stmt *s;
	yz_case c;
	int rc;

	list_sql(f, sql, sizeof sql);
	s = st_prep(st, sql, err);
	if (!s)
		return -1;
	list_bind(s, f);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		st_case_from_row(s, &c);
		if (cb(&c, ctx) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int count_query(yz_store *st, const char *sql, const char *today, long *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, sql, err);
	int rc;

	if (!s)
		return -1;
	if (sqlite3_bind_parameter_count(s) > 0)
		st_bind_str(s, 1, today);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

int yz_case_count_accepted(yz_store *st, const char *date, long *n, yz_err *err)
{
	return count_query(st, "SELECT count(*) FROM cases WHERE accepted_date = ?1", date, n, err);
}

int yz_case_stats_get(yz_store *st, const char *today, yz_case_stats *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	if (count_query(st, "SELECT count(*) FROM cases WHERE accepted_date = ?1", today,
	                &out->accepted_today, err) < 0 ||
	    /* Positive terms on (status, eff_due) keep both counts on the index: a
	     * NOT IN walks every case of the station. Overdue is what the dashboard
	     * calls overdue: the effective due date (not while paused) has passed. */
	    count_query(st, "SELECT count(*) FROM cases WHERE status = 'accepted'", today,
	                &out->open, err) < 0 ||
	    count_query(st,
	                "SELECT count(*) FROM cases WHERE status = 'accepted'"
	                " AND eff_due > '' AND eff_due < ?1",
	                today, &out->overdue, err) < 0)
		return -1;
	return 0;
}
