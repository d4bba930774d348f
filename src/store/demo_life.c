/* The demo station's case lifecycle: A and B clerks on every line, one line
 * sensitive, a clerk away (so that the other covers), and open cases in every
 * dashboard section — waiting for materials, at a department, waiting for the
 * head's decision, rated badly with a follow-up. Runs inside the demo's
 * transaction; the order of the cases fixes every choice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "demo.h"
#include "store_int.h"

/* Lines (UTF-8): family planning and health (sensitive), certificates. */
#define LINE_SENSITIVE "\u8ba1\u751f\u536b\u751f"
#define LINE_CERTS     "\u8bc1\u660e"
/* Departments and what is missing (UTF-8). */
#define DEPT_STREET "\u8857\u9053\u793e\u4f1a\u4e8b\u52a1\u529e" /* jie dao she hui shi wu ban */
#define DEPT_LABOUR "\u4eba\u793e\u6240"                         /* ren she suo */
#define MISSING_1   "\u6237\u53e3\u7c3f\u539f\u4ef6\n\u6536\u5165\u8bc1\u660e" /* hukou; income */
#define REASON_EXT  "\u9700\u5165\u6237\u8c03\u67e5"             /* home visit needed */
#define REASON_REF  "\u6237\u7c4d\u4e0d\u5728\u672c\u793e\u533a" /* hukou elsewhere */
#define COMMENT_BAD "\u7b49\u5f85\u65f6\u95f4\u592a\u957f"       /* waited too long */

/* Open cases of login with a promise, oldest first: ids into out. */
static int open_cases(yz_store *st, const char *login, int64_t *out, size_t max, size_t *n,
                      yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT id FROM cases WHERE owner = ?1 AND status = 'accepted'"
	                          " AND promise_days > 0 ORDER BY id",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		out[(*n)++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

static int done_cases(yz_store *st, int64_t *out, size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT id FROM cases WHERE status = 'done' ORDER BY id DESC", err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		out[(*n)++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

static int staff(yz_store *st, const char *a, const char *b, const char *admin, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT DISTINCT line FROM cases WHERE line <> ''", err);
	int rc = SQLITE_DONE;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char line[64];
		st_col_cpy(s, 0, line, sizeof line);
		bool certs = !strcmp(line, LINE_CERTS);
		/* Certificates are B's line, A stands in: A covers while B is away. */
		if (yz_line_staff_set(st, line, certs ? b : a, certs ? a : b, admin, err) < 0) {
			sqlite3_finalize(s);
			return -1;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	return yz_line_set_sensitive(st, LINE_SENSITIVE, true, admin, err);
}

/* A day some working days back, as the date of a pause or a forward. */
static void days_ago(yz_date today, int n, char out[11])
{
	yz_date_format(yz_date_from_days(yz_date_to_days(today) - n), out);
}

static int open_actions(yz_store *st, const char *a, const char *head, yz_date today, yz_err *err)
{
	int64_t ids[64];
	size_t n;
	char t[11], back[11], due[11];
	yz_act act = {.actor = a, .today = t};
	yz_act boss = {.actor = head, .today = t};

	yz_date_format(today, t);
	if (open_cases(st, a, ids, 64, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int rc = 0;
		switch (i % 7) {
		case 1: /* waiting for materials since a few days */
			days_ago(today, 2, back);
			act.today = back;
			days_ago(today, -5, due);
			rc = yz_case_pause(st, ids[i], MISSING_1, due, &act, NULL, err);
			act.today = t;
			break;
		case 3: /* at a department; the first one is overdue there */
			days_ago(today, i == 3 ? 12 : 1, back);
			days_ago(today, i == 3 ? 2 : -8, due);
			act.today = back;
			rc = yz_case_forward_send(st, ids[i], i == 3 ? DEPT_STREET : DEPT_LABOUR,
			                          due, &act, NULL, err);
			act.today = t;
			break;
		case 5: /* waiting for the head */
			rc = yz_approval_request(
			    st, ids[i], i == 5 ? YZ_APPROVAL_EXTENSION : YZ_APPROVAL_REFUSE,
			    i == 5 ? REASON_EXT : REASON_REF, i == 5 ? 5 : 0, &act, NULL, err);
			break;
		}
		if (rc < 0)
			return -1;
	}
	(void)boss;
	return 0;
}

static int ratings(yz_store *st, const char *a, yz_date today, yz_err *err)
{
	static const int scores[] = {1, 2, 1, 5, 3, 1};
	int64_t ids[6];
	size_t n;
	char t[11], due[11];
	yz_act act = {.actor = a, .today = t};

	yz_date_format(today, t);
	days_ago(today, -3, due);
	if (done_cases(st, ids, 6, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (yz_case_rate(st, ids[i], scores[i],
		                 scores[i] >= YZ_RATING_BAD ? COMMENT_BAD : "", due, false, &act,
		                 NULL, err) < 0)
			return -1;
	return 0;
}

int st_demo_lifecycle(yz_store *st, const char *a, const char *b, const char *admin, yz_date today,
                      yz_err *err)
{
	char head[33] = "", from[11], until[11];
	sqlite3_stmt *s = st_prep(st, "SELECT login FROM users WHERE role = 1 LIMIT 1", err);

	if (!s)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		st_col_cpy(s, 0, head, sizeof head);
	sqlite3_finalize(s);
	if (!b || !*b)
		b = a;
	yz_date_format(today, from);
	days_ago(today, -2, until);
	if (staff(st, a, b, admin, err) < 0 ||
	    (strcmp(a, b) && yz_absence_add(st, b, from, until, admin, NULL, err) < 0) ||
	    open_actions(st, a, head[0] ? head : admin, today, err) < 0)
		return -1;
	return ratings(st, a, today, err);
}
