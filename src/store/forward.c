/* Forwarding (quan cheng dai ban): the case goes to a department with a hand-over
 * slip; the department's result comes back; the resident is told and collects
 * it. While the case is at the department its due date there counts for the
 * owner's "overdue". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "life_int.h"

static bool valid_date(const char *s)
{
	yz_date d;

	return s && yz_date_parse(s, &d);
}

static int insert_forward(yz_store *st, int64_t id, const char *dept, const char *due,
                          const yz_act *a, const char *at, int64_t *fid, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO case_forwards(case_id, department, sent_date,"
	                          " dept_due, actor, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	st_bind_str(s, 2, dept);
	st_bind_str(s, 3, a->today);
	st_bind_str(s, 4, due);
	st_bind_str(s, 5, a->actor);
	st_bind_str(s, 6, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	*fid = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int send_tx(yz_store *st, int64_t id, const char *dept, const char *due, const yz_act *a,
                   const char *at, int64_t *fid, yz_err *err)
{
	yz_case c;
	char idbuf[24];
	const char *to;

	if (st_life_load_open(st, id, &c, err) < 0)
		return -1;
	if (c.forward_id) {
		yz_err_set(err, _("Case %s is already at %s."), c.number, c.department);
		return -1;
	}
	if (insert_forward(st, id, dept, due, a, at, fid, err) < 0)
		return -1;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)*fid);
	if (st_life_exec(st,
	                 "UPDATE cases SET forward_id = CAST(?2 AS INTEGER), fwd_due = ?3"
	                 " WHERE id = ?1",
	                 id, idbuf, due, NULL, err) < 0 ||
	    st_life_move(st, &c, a, &to, err) < 0 || st_life_fix_eff(st, id, at, err) < 0)
		return -1;
	return st_life_event(st, &c, "forwarded", c.state, to, a, at, err);
}

int yz_case_forward_send(yz_store *st, int64_t case_id, const char *department,
                         const char *dept_due, const yz_act *a, int64_t *forward_id, yz_err *err)
{
	char at[21];
	int64_t fid = 0;

	if (!department || !*department) {
		yz_err_set(err, _("Choose the department the case goes to."));
		return -1;
	}
	if (dept_due && *dept_due && (!valid_date(dept_due) || strcmp(dept_due, a->today) < 0)) {
		yz_err_set(err, _("The department's due date must be a date from today on."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	if (st_life_end(st, send_tx(st, case_id, department, dept_due, a, at, &fid, err), err) < 0)
		return -1;
	if (forward_id)
		*forward_id = fid;
	return 0;
}

/* The latest forward of a case (current or not). */
static int latest_forward(yz_store *st, int64_t case_id, yz_case_forward *f, yz_err *err)
{
	yz_case_forward all[64];
	size_t n = 0;

	if (yz_case_forwards(st, case_id, all, 64, &n, err) < 0)
		return -1;
	if (n == 0) {
		yz_err_set(err, _("This case was never forwarded to a department."));
		return -1;
	}
	*f = all[n - 1];
	return 0;
}

int st_forward_result_tx(yz_store *st, int64_t id, const char *result, const char *date,
                         const yz_act *a, const char *at, yz_err *err)
{
	yz_case c;
	sqlite3_stmt *s;
	const char *to;

	if (st_life_load_open(st, id, &c, err) < 0)
		return -1;
	if (!c.forward_id) {
		yz_err_set(err, _("Case %s is not waiting on a department."), c.number);
		return -1;
	}
	s = st_prep(st, "UPDATE case_forwards SET result = ?2, result_date = ?3 WHERE id = ?1",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c.forward_id);
	st_bind_str(s, 2, result);
	st_bind_str(s, 3, date);
	if (st_exec_stmt(st, s, err) < 0 ||
	    st_life_exec(st, "UPDATE cases SET forward_id = NULL, fwd_due = '' WHERE id = ?1", id,
	                 NULL, NULL, NULL, err) < 0 ||
	    st_life_move(st, &c, a, &to, err) < 0 || st_life_fix_eff(st, id, at, err) < 0)
		return -1;
	return st_life_event(st, &c, "dept_result", c.state, to, a, at, err);
}

int yz_case_forward_result(yz_store *st, int64_t case_id, const char *result,
                           const char *result_date, const yz_act *a, yz_err *err)
{
	char at[21];

	if (!result || !*result || !valid_date(result_date)) {
		yz_err_set(err, _("Write down the department's result and the date it came."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, st_forward_result_tx(st, case_id, result, result_date, a, at, err),
	                   err);
}

/* Set one column of the latest forward (after the result came back). */
static int latest_set(yz_store *st, int64_t case_id, const char *sql, const char *v1,
                      const char *v2, const char *kind, const yz_act *a, yz_err *err)
{
	yz_case c;
	yz_case_forward f;
	sqlite3_stmt *s;
	char at[21];
	int rc = -1;

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	if (yz_case_get_by_id(st, case_id, &c, err) != 0 ||
	    latest_forward(st, case_id, &f, err) < 0)
		goto out;
	if (!f.result[0]) {
		yz_err_set(err, _("The department's result has not come back yet."));
		goto out;
	}
	s = st_prep(st, sql, err);
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, f.id);
	st_bind_str(s, 2, v1);
	if (v2)
		st_bind_str(s, 3, v2);
	if (st_exec_stmt(st, s, err) == 0)
		rc = st_life_event(st, &c, kind, c.state, c.state, a, at, err);
out:
	return st_life_end(st, rc, err);
}

int yz_case_forward_notified(yz_store *st, int64_t case_id, yz_notify_how how, const yz_act *a,
                             yz_err *err)
{
	const char *word = st_notify_text(how);
	yz_act noted = *a;

	if (!word || !*word) {
		yz_err_set(err, _("Say how the resident was told: phone, text message, visit or "
		                  "at the counter."));
		return -1;
	}
	/* The timeline's note is the way's word, as it has always been. */
	if (!noted.note || !*noted.note)
		noted.note = word;
	return latest_set(st, case_id,
	                  "UPDATE case_forwards SET notified_how = ?2, notified_date = ?3"
	                  " WHERE id = ?1",
	                  word, a->today, "notified", &noted, err);
}

int yz_case_forward_collected(yz_store *st, int64_t case_id, const yz_act *a, yz_err *err)
{
	return latest_set(st, case_id, "UPDATE case_forwards SET collected_date = ?2 WHERE id = ?1",
	                  a->today, NULL, "collected", a, err);
}

static void forward_from_row(sqlite3_stmt *s, void *out)
{
	yz_case_forward *f = out;

	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	f->case_id = sqlite3_column_int64(s, 1);
	st_col_cpy(s, 2, f->department, sizeof f->department);
	st_col_cpy(s, 3, f->sent_date, sizeof f->sent_date);
	st_col_cpy(s, 4, f->dept_due, sizeof f->dept_due);
	st_col_cpy(s, 5, f->result, sizeof f->result);
	st_col_cpy(s, 6, f->result_date, sizeof f->result_date);
	f->notified_how = st_notify_from((const char *)sqlite3_column_text(s, 7));
	st_col_cpy(s, 8, f->notified_date, sizeof f->notified_date);
	st_col_cpy(s, 9, f->collected_date, sizeof f->collected_date);
	st_col_cpy(s, 10, f->actor, sizeof f->actor);
}

#define FORWARD_COLS                                                                               \
	"SELECT id, case_id, department, sent_date, dept_due, result, result_date,"                \
	" notified_how, notified_date, collected_date, actor FROM case_forwards"

int yz_case_forwards(yz_store *st, int64_t case_id, yz_case_forward *out, size_t max, size_t *n,
                     yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, FORWARD_COLS " WHERE case_id = ?1 ORDER BY id", err);

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	return st_get_rows(st, s, forward_from_row, out, sizeof *out, max, n, err);
}

int yz_forward_get(yz_store *st, int64_t id, yz_case_forward *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, FORWARD_COLS " WHERE id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return st_get_row(st, s, forward_from_row, out, err);
}
