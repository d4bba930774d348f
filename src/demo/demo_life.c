/* The demo station's case lifecycle: A and B clerks on every line, one line
 * sensitive, a clerk away (so that the other covers), and open cases in every
 * dashboard section — waiting for materials, at a department, waiting for the
 * head's decision, rated badly with a follow-up. Runs inside the demo's
 * transaction; the order of the cases fixes every choice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "demo_int.h"

/* Lines (UTF-8): family planning and health (sensitive), certificates. */
/* Departments and what is missing (UTF-8). */
#define DEPT_STREET "\u8857\u9053\u793e\u4f1a\u4e8b\u52a1\u529e" /* jie dao she hui shi wu ban */
#define DEPT_LABOUR "\u4eba\u793e\u6240"                         /* ren she suo */
#define MISSING_1   "\u6237\u53e3\u7c3f\u539f\u4ef6\n\u6536\u5165\u8bc1\u660e" /* hukou; income */
#define REASON_EXT  "\u9700\u5165\u6237\u8c03\u67e5"             /* home visit needed */
#define REASON_REF  "\u6237\u7c4d\u4e0d\u5728\u672c\u793e\u533a" /* hukou elsewhere */
#define COMMENT_BAD "\u7b49\u5f85\u65f6\u95f4\u592a\u957f"       /* waited too long */

/* Case ids collected from a list. */
typedef struct id_list {
	int64_t *ids;
	size_t n, cap;
	bool failed; /* out of memory */
} id_list;

/* Open cases with a promise (yz_case_list calls this newest first). */
static int collect_promised(const yz_case *cs, void *ctx)
{
	id_list *l = ctx;

	if (cs->promise_days <= 0)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		int64_t *ids = realloc(l->ids, cap * sizeof *ids);
		if (!ids) {
			l->failed = true;
			return 1;
		}
		l->ids = ids;
		l->cap = cap;
	}
	l->ids[l->n++] = cs->id;
	return 0;
}

/* Open cases of login with a promise, oldest first: up to max ids into out. */
static int open_cases(demo_ctx *c, const char *login, int64_t *out, size_t max, size_t *n,
                      yz_err *err)
{
	yz_case_filter f = {.owner = login, .which = YZ_CASES_OPEN};
	id_list l = {0};
	int rc = yz_case_list(c->st, &f, collect_promised, &l, err);

	if (rc == 0 && l.failed) {
		yz_err_set(err, _("Out of memory."));
		rc = -1;
	}
	for (*n = 0; rc == 0 && *n < max && *n < l.n; (*n)++)
		out[*n] = l.ids[l.n - 1 - *n];
	free(l.ids);
	return rc;
}

/* The latest closed cases (yz_case_list calls this newest first). */
static int collect_closed(const yz_case *cs, void *ctx)
{
	id_list *l = ctx;

	if (l->n < l->cap)
		l->ids[l->n++] = cs->id;
	return l->n == l->cap;
}

static int done_cases(demo_ctx *c, int64_t *out, size_t max, size_t *n, yz_err *err)
{
	yz_case_filter f = {.which = YZ_CASES_CLOSED, .limit = max};
	id_list l = {.ids = out, .cap = max};
	int rc = max ? yz_case_list(c->st, &f, collect_closed, &l, err) : 0;

	*n = l.n;
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every line of the cases, in byte order: A clerk a, B clerk b; certificates the
 * other way round. */
static int staff(demo_ctx *c, const char *a, const char *b, yz_err *err)
{
	if (c->n_lines > 1) /* a station without cases has no lines (and lines NULL) */
		qsort(c->lines, c->n_lines, sizeof *c->lines, cmp_str);
	for (size_t i = 0; i < c->n_lines; i++) {
		bool certs = !strcmp(c->lines[i], c->sec[S_STAFFING]->words[0]);
		/* Certificates are B's line, A stands in: A covers while B is away. */
		if (yz_line_staff_set(c->st, c->lines[i], certs ? b : a, certs ? a : b, c->actor,
		                      err) < 0)
			return -1;
	}
	return yz_line_set_sensitive(c->st, c->sec[S_STAFFING]->words[1], true, c->actor, err);
}

/* A day some working days back, as the date of a pause or a forward. */
static void days_ago(yz_date today, int n, char out[11])
{
	yz_date_format(yz_date_from_days(yz_date_to_days(today) - n), out);
}

/* An action on case cs n days back, but never before the case was accepted
 * (issue 13: a forward dated before the acceptance): its date in out, and
 * the store's clock set to a moment of that day after the case's intake and
 * not after now (the timeline in order). demo_settle gives the clock back. */
static void act_day(demo_ctx *c, const yz_case *cs, int n, char out[11])
{
	yz_date acc;
	long day = yz_date_to_days(c->today) - n;
	if (yz_date_parse(cs->accepted_date, &acc) && day < yz_date_to_days(acc))
		day = yz_date_to_days(acc);
	yz_date_format(yz_date_from_days(day), out);
	time_t now = yz_clock_now(&c->clock), intake = yz_utc_parse(cs->created_at);
	time_t at = now - 86400L * (long)(yz_date_to_days(c->today) - day);
	if (intake != (time_t)-1 && at <= intake)
		at = intake + 60;
	c->at = at < now ? at : now;
	yz_store_set_clock(c->st, yz_clock_fixed(&c->at));
}

static void demo_settle(demo_ctx *c)
{
	yz_store_set_clock(c->st, c->clock);
}

/* The i-th open case of a: every seventh waits for materials, at a department
 * or for the head. */
static int open_action(demo_ctx *c, int64_t id, size_t i, const char *a, yz_err *err)
{
	char t[11], back[11], due[11];
	yz_act act = {.actor = a, .today = t};
	yz_case cs;
	int rc = 0;

	yz_date_format(c->today, t);
	if (i % 7 != 1 && i % 7 != 3 && i % 7 != 5)
		return 0;
	if (yz_case_get_by_id(c->st, id, &cs, err) != 0)
		return -1;
	switch (i % 7) {
	case 1: /* waiting for materials since a few days */
		act_day(c, &cs, 2, back);
		act.today = back;
		days_ago(c->today, -5, due);
		rc = yz_case_pause(c->st, id, MISSING_1, due, &act, NULL, err);
		break;
	case 3: /* at a department; the first one is overdue there */
		act_day(c, &cs, i == 3 ? 12 : 1, back);
		days_ago(c->today, i == 3 ? 2 : -8, due);
		if (strcmp(due, back) < 0) /* not due there before it was sent */
			snprintf(due, sizeof due, "%s", back);
		act.today = back;
		rc = yz_case_forward_send(c->st, id, i == 3 ? DEPT_STREET : DEPT_LABOUR, due, &act,
		                          NULL, err);
		break;
	case 5: /* waiting for the head */
		rc = yz_approval_request(
		    c->st, id, i == 5 ? YZ_APPROVAL_EXTENSION : YZ_APPROVAL_REFUSE,
		    i == 5 ? REASON_EXT : REASON_REF, i == 5 ? 5 : 0, &act, NULL, err);
		break;
	}
	demo_settle(c);
	return rc;
}

static int open_actions(demo_ctx *c, const char *a, yz_err *err)
{
	int64_t ids[64];
	size_t n;

	if (open_cases(c, a, ids, 64, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (open_action(c, ids[i], i, a, err) < 0)
			return -1;
	return 0;
}

/* The latest closed cases rated, some badly (a follow-up each). */
static int ratings(demo_ctx *c, const char *a, yz_err *err)
{
	static const int scores[] = {1, 2, 1, 5, 3, 1};
	int64_t ids[6];
	size_t n;
	char t[11], due[11];
	yz_act act = {.actor = a, .today = t};

	yz_date_format(c->today, t);
	days_ago(c->today, -3, due);
	if (done_cases(c, ids, 6, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (yz_case_rate(c->st, ids[i], scores[i],
		                 scores[i] >= YZ_RATING_BAD ? COMMENT_BAD : "", due, false, &act,
		                 NULL, err) < 0)
			return -1;
	return 0;
}

int demo_lifecycle(demo_ctx *c, yz_err *err)
{
	const char *a = c->clerks[0], *b = c->n_clerks > 1 ? c->clerks[1] : a;
	char from[11], until[11];

	yz_date_format(c->today, from);
	days_ago(c->today, -2, until);
	if (staff(c, a, b, err) < 0 ||
	    (strcmp(a, b) && yz_absence_add(c->st, b, from, until, c->actor, NULL, err) < 0) ||
	    open_actions(c, a, err) < 0)
		return -1;
	return ratings(c, a, err);
}
