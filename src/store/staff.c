/* AB gang: who holds each business line (A) and who stands in (B), which lines
 * are sensitive, and who is away when. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

static int check_user(yz_store *st, const char *login, yz_err *err)
{
	yz_user u;
	int rc;

	if (!login || !*login)
		return 0;
	rc = yz_user_get(st, login, &u, err);
	if (rc == 1)
		yz_err_set(err, _("There is no clerk with the login \"%s\"."), login);
	return rc == 0 ? 0 : -1;
}

static int staff_tx(yz_store *st, const char *line, const char *a, const char *b, const char *actor,
                    const char *at, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO line_staff(line, a_login, b_login, updated_at)"
	                          " VALUES(?1, ?2, ?3, ?4) ON CONFLICT(line) DO UPDATE SET"
	                          " a_login = ?2, b_login = ?3, updated_at = ?4",
	                          err);
	char detail[256];

	if (!s)
		return -1;
	st_bind_str(s, 1, line);
	st_bind_str(s, 2, a);
	st_bind_str(s, 3, b);
	st_bind_str(s, 4, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "%.64s A=%s B=%s", line, a ? a : "", b ? b : "");
	return st_audit_at(st, at, actor, "line_staff", detail, err);
}

int yz_line_staff_set(yz_store *st, const char *line, const char *a_login, const char *b_login,
                      const char *actor, yz_err *err)
{
	char at[21];

	if (!line || !*line) {
		yz_err_set(err, _("Name the business line."));
		return -1;
	}
	if (a_login && b_login && *a_login && !strcmp(a_login, b_login)) {
		yz_err_set(err, _("The A and the B clerk of a line must be two different people."));
		return -1;
	}
	if (check_user(st, a_login, err) < 0 || check_user(st, b_login, err) < 0)
		return -1;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, staff_tx(st, line, a_login, b_login, actor, at, err) == 0, err);
}

static int sensitive_tx(yz_store *st, const char *line, bool on, const char *actor, const char *at,
                        yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO line_staff(line, sensitive, updated_at)"
	                          " VALUES(?1, ?2, ?3) ON CONFLICT(line) DO UPDATE SET"
	                          " sensitive = ?2, updated_at = ?3",
	                          err);
	char detail[128];

	if (!s)
		return -1;
	st_bind_str(s, 1, line);
	sqlite3_bind_int(s, 2, on);
	st_bind_str(s, 3, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "%.64s sensitive=%d", line, on);
	return st_audit_at(st, at, actor, "line_sensitive", detail, err);
}

int yz_line_set_sensitive(yz_store *st, const char *line, bool sensitive, const char *actor,
                          yz_err *err)
{
	char at[21];

	if (!line || !*line) {
		yz_err_set(err, _("Name the business line."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, sensitive_tx(st, line, sensitive, actor, at, err) == 0, err);
}

static void staff_from_row(sqlite3_stmt *s, void *out)
{
	yz_line_staff *l = out;

	memset(l, 0, sizeof *l);
	st_col_cpy(s, 0, l->line, sizeof l->line);
	st_col_cpy(s, 1, l->a_login, sizeof l->a_login);
	st_col_cpy(s, 2, l->b_login, sizeof l->b_login);
	l->sensitive = sqlite3_column_int(s, 3) != 0;
}

int yz_line_staff_get(yz_store *st, const char *line, yz_line_staff *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT line, a_login, b_login, sensitive FROM line_staff WHERE line = ?1", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, line);
	return st_get_row(st, s, staff_from_row, out, err);
}

int yz_line_staff_list(yz_store *st, yz_line_staff *out, size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT line, a_login, b_login, sensitive FROM line_staff ORDER BY line", err);

	*n = 0;
	if (!s)
		return -1;
	return st_get_rows(st, s, staff_from_row, out, sizeof *out, max, n, err);
}

/* ---- absences ---------------------------------------------------------------------- */

static int absence_tx(yz_store *st, const char *login, const char *from, const char *until,
                      const char *actor, const char *at, int64_t *id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO absences(login, from_date, until_date, actor,"
	                          " created_at) VALUES(?1, ?2, ?3, ?4, ?5)",
	                          err);
	char detail[128];

	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	st_bind_str(s, 2, from);
	st_bind_str(s, 3, until);
	st_bind_str(s, 4, actor);
	st_bind_str(s, 5, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	snprintf(detail, sizeof detail, "%s %s..%s", login, from, until);
	return st_audit_at(st, at, actor, "absence", detail, err);
}

/* Whether typed is a date in the stored form YYYY-MM-DD, into *d. */
static bool stored_date(const char *typed, yz_date *d)
{
	char buf[11];

	return typed && yz_date_norm(typed, buf) == buf && !strcmp(buf, typed) &&
	       yz_date_parse(buf, d);
}

int yz_absence_add(yz_store *st, const char *login, const char *from, const char *until,
                   const char *actor, int64_t *id, yz_err *err)
{
	yz_date f, u;
	char at[21];

	if (!stored_date(from, &f) || !stored_date(until, &u) || yz_date_cmp(f, u) > 0) {
		yz_err_set(err, _("An absence needs a first and a last day (YYYY-MM-DD), the first "
		                  "not after the last."));
		return -1;
	}
	if (!login || !*login) {
		yz_err_set(err, _("Name the clerk who is away."));
		return -1;
	}
	if (check_user(st, login, err) < 0)
		return -1;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, absence_tx(st, login, from, until, actor, at, id, err) == 0, err);
}

int yz_absence_end(yz_store *st, int64_t id, const char *until, const char *actor, yz_err *err)
{
	sqlite3_stmt *s;
	char at[21], detail[64];
	yz_date d;
	int ok;

	if (!stored_date(until, &d)) {
		yz_err_set(err, _("The last day away must be a date (YYYY-MM-DD)."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	s = st_prep(st, "UPDATE absences SET until_date = ?2 WHERE id = ?1", err);
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		st_bind_str(s, 2, until);
	}
	ok = s && st_exec_stmt(st, s, err) == 0 &&
	     st_exec(st, "DELETE FROM absences WHERE until_date < from_date", err) == 0;
	snprintf(detail, sizeof detail, "%lld until %s", (long long)id, until);
	ok = ok && st_audit_at(st, at, actor, "absence_end", detail, err) == 0;
	return st_tx_end(st, ok, err);
}

static void absence_from_row(sqlite3_stmt *s, void *out)
{
	yz_absence *a = out;

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, a->login, sizeof a->login);
	st_col_cpy(s, 2, a->from, sizeof a->from);
	st_col_cpy(s, 3, a->until, sizeof a->until);
	st_col_cpy(s, 4, a->actor, sizeof a->actor);
}

static int cancel_tx(yz_store *st, int64_t id, const char *actor, const char *at, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "DELETE FROM absences WHERE id = ?1"
	                          " RETURNING id, login, from_date, until_date, actor",
	                          err);
	char detail[128];
	yz_absence a;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = st_get_row(st, s, absence_from_row, &a, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, "%s", _("This absence was removed already."));
	if (rc != 0)
		return -1;
	snprintf(detail, sizeof detail, "%lld %s %s..%s", (long long)id, a.login, a.from, a.until);
	return st_audit_at(st, at, actor, "absence_cancel", detail, err);
}

int yz_absence_cancel(yz_store *st, int64_t id, const char *actor, yz_err *err)
{
	char at[21];

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, cancel_tx(st, id, actor, at, err) == 0, err);
}

int yz_absence_list(yz_store *st, const char *on, yz_absence *out, size_t max, size_t *n,
                    yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT id, login, from_date, until_date, actor FROM absences"
	                          " WHERE ?1 IS NULL OR until_date >= ?1 ORDER BY from_date, id",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	st_bind_text(s, 1, on);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		absence_from_row(s, &out[(*n)++]);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

int yz_user_absent(yz_store *st, const char *login, const char *date, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT 1 FROM absences WHERE login = ?1 AND from_date <= ?2"
	                          " AND until_date >= ?2 LIMIT 1",
	                          err);
	int rc;

	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	st_bind_str(s, 2, date);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int yz_cover_list(yz_store *st, const char *login, const char *date, yz_cover *out, size_t max,
                  size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT l.a_login, l.line FROM line_staff l WHERE l.b_login = ?1"
	                          " AND l.a_login <> '' AND EXISTS (SELECT 1 FROM absences a"
	                          " WHERE a.login = l.a_login AND a.from_date <= ?2"
	                          " AND a.until_date >= ?2) ORDER BY l.line",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	st_bind_str(s, 2, date);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		yz_cover *c = &out[(*n)++];
		memset(c, 0, sizeof *c);
		st_col_cpy(s, 0, c->a_login, sizeof c->a_login);
		st_col_cpy(s, 1, c->line, sizeof c->line);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}
