/* A department at the hub: the forwarded cases from every station (its
 * inbox), and its answers to them (hub_answer in schema.c), which the
 * stations fetch on their next sync. A department's own role sees only its
 * own forwards (row-level security); the admin names the department. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "hub_int.h"

/* The name of department code (NULL or "" = the connection's own), as the
 * stations' forwards spell it; remembered for the next page. */
static int dept_name(yz_hub *h, const char *code, yz_err *err)
{
	const char *key = code ? code : "";
	if (h->dept_name[0] && !strcmp(h->dept_code, key))
		return 0;
	h->dept_name[0] = '\0';
	const char *what = _("Could not find the department");
	PGresult *res;
	if (*key) {
		const char *v[] = {key};
		res = hub_run(h, HUB_DEPT_BY_CODE, v, what, err);
	} else {
		res = hub_run(h, HUB_DEPT_OWN, NULL, what, err);
	}
	if (!res)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		if (*key)
			yz_err_setc(
			    err, YZ_ERR_NOT_FOUND,
			    _("The hub has no department %s (or this login may not see it)."), key);
		else
			yz_err_setc(err, YZ_ERR_NOT_FOUND, "%s",
			            _("This login is not a department's: name the department "
			              "(--dept CODE, or hub_dept in yizhan.conf)."));
		return -1;
	}
	hub_copy(h->dept_code, sizeof h->dept_code, key);
	hub_copy(h->dept_name, sizeof h->dept_name, PQgetvalue(res, 0, *key ? 0 : 1));
	PQclear(res);
	return 0;
}

static bool is_true(const PGresult *res, int row, int col)
{
	return !strcmp(PQgetvalue(res, row, col), "t");
}

/* The date "overdue" is measured against: the caller's, else the hub's
 * today (its time zone), into buf. */
static const char *today_of(yz_hub *h, const char *today, char buf[11], const char *what,
                            yz_err *err)
{
	if (today && *today)
		return today;
	PGresult *d = hub_query(h, "SELECT to_char(current_date, 'YYYY-MM-DD')");
	if (!d || PQresultStatus(d) != PGRES_TUPLES_OK) {
		hub_fail(h, d, what, err);
		PQclear(d);
		return NULL;
	}
	hub_copy(buf, 11, PQgetvalue(d, 0, 0));
	PQclear(d);
	return buf;
}

/* Inbox rows from res (the columns of yz_hub_inbox_row, in order) into r. */
static void fill_rows(const PGresult *res, yz_hub_inbox_row *r)
{
	int rows = PQntuples(res);
	for (int i = 0; i < rows; i++) {
		hub_copy(r[i].station, sizeof r[i].station, PQgetvalue(res, i, 0));
		hub_copy(r[i].station_name, sizeof r[i].station_name, PQgetvalue(res, i, 1));
		hub_copy(r[i].case_no, sizeof r[i].case_no, PQgetvalue(res, i, 2));
		hub_copy(r[i].forward_key, sizeof r[i].forward_key, PQgetvalue(res, i, 3));
		hub_copy(r[i].item, sizeof r[i].item, PQgetvalue(res, i, 4));
		hub_copy(r[i].department, sizeof r[i].department, PQgetvalue(res, i, 5));
		hub_copy(r[i].sent, sizeof r[i].sent, PQgetvalue(res, i, 6));
		hub_copy(r[i].due, sizeof r[i].due, PQgetvalue(res, i, 7));
		r[i].overdue = is_true(res, i, 8);
		r[i].answered = is_true(res, i, 9);
		hub_copy(r[i].answer, sizeof r[i].answer, PQgetvalue(res, i, 10));
	}
}

/* ---- keyset paging (the department's screen) ------------------------------------
 *
 * The page after a row, in the inbox's order (due date, none last; sent;
 * station; key). Two ranges, each read in index order and stopped after the
 * page: the rows with a due date after the row's (when it has one), then the
 * rows without a due date after it, each an index range (hub_int.h), so a
 * page costs the same at the millionth row as at the first (no OFFSET to
 * skip). */
#define KS_DUE_AFTER                                                                               \
	" AND (f.dept_due, f.sent, f.station, f.key) > ($4, $5, $6, $7)"                           \
	" ORDER BY f.dept_due, f.sent, f.station, f.key LIMIT $3"
#define KS_NO_DUE " AND f.dept_due IS NULL ORDER BY f.sent, f.station, f.key LIMIT $3"
#define KS_NO_DUE_AFTER                                                                            \
	" AND f.dept_due IS NULL AND (f.sent, f.station, f.key) > ($4, $5, $6)"                    \
	" ORDER BY f.sent, f.station, f.key LIMIT $3"

static const char *const ks_sql[2][3] = {
    {HUB_INBOX_OPEN_SQL KS_DUE_AFTER, HUB_INBOX_OPEN_SQL KS_NO_DUE,
     HUB_INBOX_OPEN_SQL KS_NO_DUE_AFTER},
    {HUB_INBOX_ALL_SQL KS_DUE_AFTER, HUB_INBOX_ALL_SQL KS_NO_DUE,
     HUB_INBOX_ALL_SQL KS_NO_DUE_AFTER},
};

/* One range of a keyset page: rows appended to *r (grown), *n counted. */
static int ks_range(yz_hub *h, const char *sql, const char *const *v, int nv, yz_hub_inbox_row **r,
                    size_t *n, yz_err *err)
{
	PGresult *res = hub_wait(h, PQsendQueryParams(h->conn, sql, nv, NULL, v, NULL, NULL, 0));
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		hub_fail(h, res, _("Could not read the department's inbox"), err);
		PQclear(res);
		return -1;
	}
	size_t rows = (size_t)PQntuples(res);
	yz_hub_inbox_row *grown = realloc(*r, (*n + rows + 1) * sizeof **r);
	if (!grown) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	memset(grown + *n, 0, (rows + 1) * sizeof *grown);
	fill_rows(res, grown + *n);
	PQclear(res);
	*r = grown;
	*n += rows;
	return 0;
}

static int inbox_after(yz_hub *h, const yz_hub_inbox_query *q, const char *today,
                       yz_hub_inbox_row **out, size_t *n, yz_err *err)
{
	const yz_hub_inbox_row *a = q->after;
	size_t limit = q->limit ? q->limit : 100;
	char lim[24];
	snprintf(lim, sizeof lim, "%zu", limit);
	yz_hub_inbox_row *r = calloc(1, sizeof *r);
	size_t got = 0;
	if (!r) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	int all = q->all ? 1 : 0;
	int rc = 0;
	if (a->due[0]) {
		const char *v[] = {h->dept_name, today,      lim,           a->due,
		                   a->sent,      a->station, a->forward_key};
		rc = ks_range(h, ks_sql[all][0], v, 7, &r, &got, err);
		if (rc == 0 && got < limit) {
			snprintf(lim, sizeof lim, "%zu", limit - got);
			rc = ks_range(h, ks_sql[all][1], v, 3, &r, &got, err);
		}
	} else {
		const char *v[] = {h->dept_name, today, lim, a->sent, a->station, a->forward_key};
		rc = ks_range(h, ks_sql[all][2], v, 6, &r, &got, err);
	}
	if (rc != 0) {
		free(r);
		return -1;
	}
	*out = r;
	*n = got;
	return 0;
}

int yz_hub_inbox(yz_hub *h, const yz_hub_inbox_query *q, yz_hub_inbox_row **out, size_t *n,
                 yz_err *err)
{
	*out = NULL;
	*n = 0;
	if (dept_name(h, q->dept, err) != 0)
		return -1;
	char today[11];
	const char *day =
	    today_of(h, q->today, today, _("Could not read the department's inbox"), err);
	if (!day)
		return -1;
	if (q->after)
		return inbox_after(h, q, day, out, n, err);
	char lim[24], off[24];
	snprintf(lim, sizeof lim, "%zu", q->limit ? q->limit : 100);
	snprintf(off, sizeof off, "%zu", q->offset);
	const char *v[] = {h->dept_name, day, lim, off};
	PGresult *res = hub_run(h, q->all ? HUB_INBOX_ALL : HUB_INBOX_OPEN, v,
	                        _("Could not read the department's inbox"), err);
	if (!res)
		return -1;
	int rows = PQntuples(res);
	yz_hub_inbox_row *r = calloc(rows ? (size_t)rows : 1, sizeof *r);
	if (!r) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	fill_rows(res, r);
	PQclear(res);
	*out = r;
	*n = (size_t)rows;
	return 0;
}

/* YYYY-MM-DD with digits where they belong (the server checks the day). */
static bool date_shape(const char *d)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	return true;
}

int yz_hub_answer_forward(yz_hub *h, const char *dept, const char *station, const char *forward_key,
                          const char *result, const char *result_date, yz_err *err)
{
	const char *what = _("Could not record the answer");
	if (!result || !*result || strlen(result) > 4000 ||
	    !yz_utf8_valid(result, strlen(result))) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("The answer is missing, too long or not valid text."));
		return -1;
	}
	if (!date_shape(result_date)) {
		yz_err_setc(err, YZ_ERR_INVALID, _("\"%s\" is not a date (YYYY-MM-DD)."),
		            result_date ? result_date : "");
		return -1;
	}
	const char *v[] = {dept && *dept ? dept : NULL, station, forward_key, result, result_date};
	PGresult *res = hub_run(h, HUB_ANSWER, v, what, err);
	if (!res)
		return -1;
	char status[32];
	hub_copy(status, sizeof status, PQgetvalue(res, 0, 0));
	PQclear(res);
	if (!strcmp(status, "ok"))
		return 0;
	if (!strcmp(status, "no_department") && dept && *dept)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("%s: the hub has no department %s (or this login may not see it)."),
		            what, dept);
	else if (!strcmp(status, "no_department"))
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("%s: this login is not a department's: name the department (--dept "
		              "CODE)."),
		            what);
	else if (!strcmp(status, "no_forward"))
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("%s: the hub has no forward %s of station %s for this department."),
		            what, forward_key, station);
	else if (!strcmp(status, "other_department"))
		yz_err_setc(err, YZ_ERR_DENIED,
		            _("%s: the forward %s of station %s went to another department."), what,
		            forward_key, station);
	else if (!strcmp(status, "answered"))
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("%s: the forward %s of station %s is already answered."), what,
		            forward_key, station);
	else
		yz_err_setc(err, YZ_ERR_INTERNAL, "%s: %s", what, status);
	return -1;
}

int yz_hub_forward_of(yz_hub *h, const char *dept, const char *station, const char *case_no,
                      char key[64], yz_err *err)
{
	if (dept_name(h, dept, err) != 0)
		return -1;
	const char *v[] = {station, case_no, h->dept_name};
	PGresult *res = hub_run(h, HUB_FORWARD_OF, v, _("Could not find the forwarded case"), err);
	if (!res)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("Case %s of station %s has no open forward to %s at the hub."),
		            case_no, station, h->dept_name);
		return -1;
	}
	hub_copy(key, 64, PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

/* ---- a forwarded case as its department sees it ------------------------------------ */

/* Run sql with values v (n of them); the tuples or NULL with err filled. */
static PGresult *read_rows(yz_hub *h, const char *sql, const char *const *v, int n, yz_err *err)
{
	PGresult *res = hub_wait(h, PQsendQueryParams(h->conn, sql, n, NULL, v, NULL, NULL, 0));
	if (res && PQresultStatus(res) == PGRES_TUPLES_OK)
		return res;
	hub_fail(h, res, _("Could not read the forwarded case"), err);
	PQclear(res);
	return NULL;
}

static char *dup_value(const PGresult *res, int row, int col)
{
	return strdup(PQgetvalue(res, row, col));
}

/* The forward (the inbox's columns), only when it went to the department;
 * then the case's answer in full. */
static const char view_forward_sql[] =
    "SELECT f.station, s.name, f.case_no, f.key, coalesce(c.body ->> 'item', ''), "
    "f.department, coalesce(f.sent, ''), coalesce(f.dept_due, ''), "
    "f.result IS NULL AND a.id IS NULL AND f.dept_due < $4, "
    "f.result IS NOT NULL OR a.id IS NOT NULL, left(coalesce(a.result, f.result, ''), 80), "
    "coalesce(a.result, f.result), coalesce(to_char(a.result_date, 'YYYY-MM-DD'), "
    "f.body ->> 'result_date', ''), "
    "coalesce(c.body ->> 'form', ''), coalesce(c.body ->> 'state', ''), "
    "coalesce(c.body ->> 'status', ''), coalesce(c.body ->> 'accepted', ''), "
    "coalesce(c.body ->> 'due', '')"
    " FROM h_forward f JOIN stations s ON s.code = f.station"
    " LEFT JOIN h_case c ON c.station = f.station AND c.key = f.case_no AND c.raw IS NOT NULL"
    " LEFT JOIN answers a ON a.station = f.station AND a.forward_key = f.key"
    " WHERE f.station = $1 AND f.key = $2 AND f.department = $3 AND f.raw IS NOT NULL";
static const char view_applicant_sql[] =
    "SELECT coalesce(body ->> 'name', ''), coalesce(body ->> 'idno', '') FROM h_applicant"
    " WHERE station = $1 AND key = $2 AND raw IS NOT NULL";
static const char view_fields_sql[] =
    "SELECT coalesce(body ->> 'key', ''), coalesce(body ->> 'value', '') FROM h_field"
    " WHERE station = $1 AND case_no = $2 AND raw IS NOT NULL ORDER BY key";
static const char view_events_sql[] =
    "SELECT coalesce(body ->> 'at', ''), coalesce(body ->> 'kind', ''), "
    "coalesce(body ->> 'actor', ''), coalesce(body ->> 'note', '') FROM h_event"
    " WHERE station = $1 AND case_no = $2 AND raw IS NOT NULL ORDER BY key";

void yz_hub_case_view_free(yz_hub_case_view *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n_fields; i++) {
		free(v->fields[i].key);
		free(v->fields[i].value);
	}
	free(v->fields);
	for (size_t i = 0; i < v->n_events; i++)
		free(v->events[i].note);
	free(v->events);
	free(v->answer);
	memset(v, 0, sizeof *v);
}

static int view_lists(yz_hub *h, const char *const *v, yz_hub_case_view *out, yz_err *err)
{
	PGresult *res = read_rows(h, view_applicant_sql, v, 2, err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		out->applicant = true;
		hub_copy(out->applicant_name, sizeof out->applicant_name, PQgetvalue(res, 0, 0));
		hub_copy(out->applicant_idno, sizeof out->applicant_idno, PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	if (!(res = read_rows(h, view_fields_sql, v, 2, err)))
		return -1;
	int rows = PQntuples(res);
	bool oom = !(out->fields = calloc(rows ? (size_t)rows : 1, sizeof *out->fields));
	for (int i = 0; !oom && i < rows; i++) {
		out->fields[i].key = dup_value(res, i, 0);
		out->fields[i].value = dup_value(res, i, 1);
		out->n_fields++;
		oom = !out->fields[i].key || !out->fields[i].value;
	}
	PQclear(res);
	if (oom)
		goto no_memory;
	if (!(res = read_rows(h, view_events_sql, v, 2, err)))
		return -1;
	rows = PQntuples(res);
	oom = !(out->events = calloc(rows ? (size_t)rows : 1, sizeof *out->events));
	for (int i = 0; !oom && i < rows; i++) {
		yz_hub_event *e = &out->events[i];
		hub_copy(e->at, sizeof e->at, PQgetvalue(res, i, 0));
		hub_copy(e->kind, sizeof e->kind, PQgetvalue(res, i, 1));
		hub_copy(e->actor, sizeof e->actor, PQgetvalue(res, i, 2));
		e->note = dup_value(res, i, 3);
		out->n_events++;
		oom = !e->note;
	}
	PQclear(res);
	if (!oom)
		return 0;
no_memory:
	yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
	return -1;
}

int yz_hub_case_view_get(yz_hub *h, const char *dept, const char *station, const char *forward_key,
                         const char *today, yz_hub_case_view *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	if (dept_name(h, dept, err) != 0)
		return -1;
	char buf[11];
	const char *day = today_of(h, today, buf, _("Could not read the forwarded case"), err);
	if (!day)
		return -1;
	const char *v[] = {station, forward_key, h->dept_name, day};
	PGresult *res = read_rows(h, view_forward_sql, v, 4, err);
	if (!res)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("The hub has no forward %s of station %s for this department."),
		            forward_key, station);
		return -1;
	}
	fill_rows(res, &out->fwd);
	if (!PQgetisnull(res, 0, 11) && !(out->answer = dup_value(res, 0, 11))) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	hub_copy(out->answer_date, sizeof out->answer_date, PQgetvalue(res, 0, 12));
	hub_copy(out->form, sizeof out->form, PQgetvalue(res, 0, 13));
	hub_copy(out->state, sizeof out->state, PQgetvalue(res, 0, 14));
	hub_copy(out->status, sizeof out->status, PQgetvalue(res, 0, 15));
	hub_copy(out->accepted, sizeof out->accepted, PQgetvalue(res, 0, 16));
	hub_copy(out->case_due, sizeof out->case_due, PQgetvalue(res, 0, 17));
	PQclear(res);
	const char *c[] = {station, out->fwd.case_no};
	if (view_lists(h, c, out, err) != 0) {
		yz_hub_case_view_free(out);
		return -1;
	}
	return 0;
}
