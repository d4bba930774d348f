/* AB gang: the A and B clerk of each business line and the clerks' absences.
 * Anyone reads them; only the station head or the admin changes them — the
 * staff screen's key is no guard, the check is here, and a refusal is written
 * to the audit log. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"

#include "workflow_int.h"

int yz_service_line_staff_list(yz_session *s, yz_line_staff *out, size_t max, size_t *n,
                               yz_err *err)
{
	return yz_line_staff_list(s->store, out, max, n, err);
}

int yz_service_line_check(yz_session *s, const char *line, yz_err *err)
{
	const char *const *lines = yz_form_business_lines(s->cat);
	char all[1024] = "";
	size_t used = 0;

	for (size_t i = 0; lines[i]; i++) {
		if (line && !strcmp(line, lines[i]))
			return 0;
		int w = snprintf(all + used, sizeof all - used, "%s%s", i ? _(", ") : "", lines[i]);
		if (w > 0 && (size_t)w < sizeof all - used)
			used += (size_t)w;
	}
	yz_err_setc(err, YZ_ERR_NOT_FOUND,
	            _("There is no business line \"%s\"; nothing was changed. The business lines "
	              "are: %s (data/vocab/lines.txt; `yizhan staff list` shows who covers each)."),
	            line ? line : "", all);
	return -1;
}

int yz_service_line_staff_set(yz_session *s, const char *line, const char *a_login,
                              const char *b_login, yz_err *err)
{
	if (svc_require(s, SVC_ROLES_STAFF, "line_staff", line, err) < 0 ||
	    yz_service_line_check(s, line, err) < 0)
		return -1;
	return yz_line_staff_set(s->store, line, a_login, b_login, s->user.login, err);
}

int yz_service_absence_list(yz_session *s, yz_absence *out, size_t max, size_t *n, yz_err *err)
{
	char today[11];

	yz_date_format(s->today, today);
	return yz_absence_list(s->store, today, out, max, n, err);
}

/* A day of an absence as typed (2026-12-14 or 20261214) in the stored form
 * into out; -1 with a message naming what was typed when it is not a date
 * (first: the first day away, else the last). */
static int absence_day(const char *typed, bool first, char out[11], yz_err *err)
{
	if (typed && yz_date_norm(typed, out) == out)
		return 0;
	if (first)
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The first day away, \"%s\", is not a date. Type it as YYYY-MM-DD "
		              "or YYYYMMDD, e.g. 2026-12-14 or 20261214."),
		            typed ? typed : "");
	else
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The last day away, \"%s\", is not a date. Type it as YYYY-MM-DD "
		              "or YYYYMMDD, e.g. 2026-12-14 or 20261214."),
		            typed ? typed : "");
	return -1;
}

int yz_service_absence_add(yz_session *s, const char *login, const char *from, const char *until,
                           int64_t *id, yz_err *err)
{
	char f[11], u[11];

	if (svc_require(s, SVC_ROLES_STAFF, "absence_add", login, err) < 0)
		return -1;
	if (absence_day(from, true, f, err) < 0 || absence_day(until, false, u, err) < 0)
		return -1;
	return yz_absence_add(s->store, login, f, u, s->user.login, id, err);
}

enum { ABS_SCAN = 256, LINES_SCAN = 64, DAYS_SCAN = 366, USERS_SCAN = 512 };

/* The absence id among those that include today or come later: 0, or -1
 * with a message when there is none (it is over, or was removed). */
static int current_absence(yz_session *s, int64_t id, yz_absence *out, yz_err *err)
{
	char today[11];
	size_t n = 0;
	yz_absence *v = calloc(ABS_SCAN, sizeof *v);
	int rc = -1;

	if (!v) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	yz_date_format(s->today, today);
	if (yz_absence_list(s->store, today, v, ABS_SCAN, &n, err) == 0) {
		for (size_t i = 0; rc && i < n; i++)
			if (v[i].id == id) {
				*out = v[i];
				rc = 0;
			}
		if (rc)
			yz_err_setc(err, YZ_ERR_NOT_FOUND, "%s",
			            _("This absence is over or was removed: the list shows the "
			              "ones of today and later."));
	}
	free(v);
	return rc;
}

int yz_service_absence_end(yz_session *s, int64_t id, const char *until, yz_err *err)
{
	char today[11], day[11], subject[24], name[128];
	yz_absence a;

	snprintf(subject, sizeof subject, "%lld", (long long)id);
	if (svc_require(s, SVC_ROLES_STAFF, "absence_end", subject, err) < 0)
		return -1;
	if (until)
		return absence_day(until, false, day, err) < 0
		           ? -1
		           : yz_absence_end(s->store, id, day, s->user.login, err);
	if (current_absence(s, id, &a, err) < 0)
		return -1;
	yz_date_format(s->today, today);
	if (strcmp(a.from, today) > 0) { /* not begun: ending it would delete it unsaid */
		yz_service_user_name(s, a.login, name, sizeof name);
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s's absence from %s has not begun: cancel it instead."), name,
		            a.from);
		return -1;
	}
	/* Back today: the last day away was yesterday (an absence that began
	 * today is removed: the clerk is not away at all). */
	yz_date_format(yz_date_from_days(yz_date_to_days(s->today) - 1), day);
	return yz_absence_end(s->store, id, day, s->user.login, err);
}

int yz_service_absence_cancel(yz_session *s, int64_t id, yz_err *err)
{
	char today[11], subject[24], name[128];
	yz_absence a;

	snprintf(subject, sizeof subject, "%lld", (long long)id);
	if (svc_require(s, SVC_ROLES_STAFF, "absence_cancel", subject, err) < 0 ||
	    current_absence(s, id, &a, err) < 0)
		return -1;
	yz_date_format(s->today, today);
	if (strcmp(a.from, today) <= 0) {
		yz_service_user_name(s, a.login, name, sizeof name);
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s's absence began on %s: end it instead (back today)."), name,
		            a.from);
		return -1;
	}
	return yz_absence_cancel(s->store, id, s->user.login, err);
}

const char *yz_service_user_name(yz_session *s, const char *login, char *out, size_t n)
{
	yz_user u;

	if (login && *login && yz_user_get(s->store, login, &u, NULL) == 0 && u.name[0])
		snprintf(out, n, "%s", u.name);
	else
		snprintf(out, n, "%s", login ? login : "");
	return out;
}

/* Whether login is away on day (nobody, "", always is). */
static bool away_on(const yz_absence *v, size_t n, const char *login, const char *day)
{
	if (!*login)
		return true;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].login, login) && strcmp(v[i].from, day) <= 0 &&
		    strcmp(v[i].until, day) >= 0)
			return true;
	return false;
}

/* The first day from first to last (at most DAYS_SCAN of them) on which both
 * clerks of l are away, into day; false when there is none. */
static bool first_gap(const yz_line_staff *l, const yz_absence *v, size_t n, yz_date first,
                      yz_date last, char day[11])
{
	long d0 = yz_date_to_days(first), d1 = yz_date_to_days(last);
	for (long d = d0; d <= d1 && d - d0 < DAYS_SCAN; d++) {
		yz_date_format(yz_date_from_days(d), day);
		if (away_on(v, n, l->a_login, day) && away_on(v, n, l->b_login, day))
			return true;
	}
	return false;
}

/* The station's lines and the absences that end on or after from, plus
 * login's proposed one (when login is set). */
typedef struct staffing {
	yz_line_staff lines[LINES_SCAN];
	size_t n_lines;
	yz_absence abs[ABS_SCAN + 1];
	size_t n_abs;
} staffing;

static int load_staffing(yz_session *s, const char *login, const char *from, const char *until,
                         staffing *st, yz_err *err)
{
	if (yz_line_staff_list(s->store, st->lines, LINES_SCAN, &st->n_lines, err) != 0 ||
	    yz_absence_list(s->store, from, st->abs, ABS_SCAN, &st->n_abs, err) != 0)
		return -1;
	if (login && *login) {
		yz_absence *a = &st->abs[st->n_abs++];
		memset(a, 0, sizeof *a);
		snprintf(a->login, sizeof a->login, "%s", login);
		snprintf(a->from, sizeof a->from, "%s", from);
		snprintf(a->until, sizeof a->until, "%s", until);
	}
	return 0;
}

int yz_service_uncovered_lines(yz_session *s, const char *login, const char *from,
                               const char *until, yz_uncovered *out, size_t max, size_t *n,
                               yz_err *err)
{
	yz_date f, u;
	char day[11], nf[11], nu[11];

	*n = 0;
	if (!from || !until || !yz_date_parse(from, &f) || !yz_date_parse(until, &u))
		return 0;
	yz_date_format(f, nf); /* 20261214 compares as 2026-12-14 */
	yz_date_format(u, nu);
	staffing *st = calloc(1, sizeof *st);
	if (!st) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	int rc = load_staffing(s, login, nf, nu, st, err);
	for (size_t i = 0; rc == 0 && i < st->n_lines && *n < max; i++) {
		const yz_line_staff *l = &st->lines[i];
		bool held = login && *login
		                ? !strcmp(l->a_login, login) || !strcmp(l->b_login, login)
		                : l->a_login[0] || l->b_login[0];
		if (!held || !first_gap(l, st->abs, st->n_abs, f, u, day))
			continue;
		yz_uncovered *o = &out[(*n)++];
		memset(o, 0, sizeof *o);
		snprintf(o->line, sizeof o->line, "%s", l->line);
		yz_service_user_name(s, l->a_login, o->a_name, sizeof o->a_name);
		yz_service_user_name(s, l->b_login, o->b_name, sizeof o->b_name);
		snprintf(o->day, sizeof o->day, "%s", day);
	}
	free(st);
	return rc;
}

int yz_service_my_absence(yz_session *s, yz_absence *out, char *covers, size_t n, yz_err *err)
{
	char today[11], name[128];
	yz_date_format(s->today, today);
	*covers = '\0';
	staffing *st = calloc(1, sizeof *st);
	if (!st) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	int rc = load_staffing(s, NULL, today, today, st, err) == 0 ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < st->n_abs; i++)
		if (!strcmp(st->abs[i].login, s->user.login) &&
		    strcmp(st->abs[i].from, today) <= 0) {
			*out = st->abs[i];
			rc = 1;
		}
	/* The B clerks of the lines the clerk holds as A, each named once. */
	size_t len = 0;
	for (size_t i = 0; rc == 1 && i < st->n_lines; i++) {
		const yz_line_staff *l = &st->lines[i];
		if (strcmp(l->a_login, s->user.login) || !l->b_login[0])
			continue;
		yz_service_user_name(s, l->b_login, name, sizeof name);
		if (strstr(covers, name) || len + strlen(name) + 3 >= n)
			continue;
		len += (size_t)snprintf(covers + len, n - len, "%s%s", len ? ", " : "", name);
	}
	free(st);
	return rc;
}

/* Whether login is an active account: 1, 0 (no such login, or deactivated),
 * -1 on error. */
static int active_login(yz_session *s, const char *login, yz_err *err)
{
	size_t n = 0;
	yz_user *v = calloc(USERS_SCAN, sizeof *v);
	int rc = 0;

	if (!v) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	if (yz_user_list(s->store, v, USERS_SCAN, &n, err) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = !strcmp(v[i].login, login);
	free(v);
	return rc;
}

int yz_service_case_taker(yz_session *s, const char *line, const char *login, char out[33],
                          yz_err *err)
{
	yz_line_staff ls;
	char today[11];
	int here[3] = {0}; /* per candidate: 0 gone, 1 away today, 2 at work */

	memset(&ls, 0, sizeof ls);
	if (line && *line && yz_line_staff_get(s->store, line, &ls, err) < 0)
		return -1;
	const char *who[3] = {login ? login : "", ls.a_login, ls.b_login};
	yz_date_format(s->today, today);
	for (int i = 0; i < 3; i++) {
		int active = *who[i] ? active_login(s, who[i], err) : 0;
		int away = active == 1 ? yz_user_absent(s->store, who[i], today, err) : 0;
		if (active < 0 || away < 0)
			return -1;
		here[i] = active ? 2 - away : 0;
	}
	/* At work today first; else the first one who is only away (their B
	 * clerk works their queue); else the one who routes it. */
	for (int want = 2; want >= 1; want--)
		for (int i = 0; i < 3; i++)
			if (here[i] == want) {
				snprintf(out, 33, "%s", who[i]);
				return 0;
			}
	snprintf(out, 33, "%s", s->user.login);
	return 0;
}
