/* Home visits (shang men dai ban, issue 19): a case served at the resident's
 * home is planned for a day with the staff who go; the resident's address,
 * phone and grid are copied from the registry when it is planned (the route
 * sheet is what the staff carry, and it must not change under them); the
 * result is entered on return and the case goes on through its workflow as
 * any other. The route sheet is the day's visits on A4, grouped by grid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* The most visits of one day the list and the sheet hold. */
#define VISITS_MAX 500

static const char *day_of(const char *typed, char out[11], yz_date *d, yz_err *err)
{
	const char *day = yz_date_norm(typed, out);

	if (!day || strlen(day) != 10 || !yz_date_parse(day, d)) {
		yz_err_setc(err, YZ_ERR_INVALID, _("\"%s\" is not a date: type it as 2026-12-14."),
		            typed ? typed : "");
		return NULL;
	}
	return day;
}

/* Each login of staff (space-separated) is an account: 0, or -1 naming the
 * first that is not. The logins are copied to out single-spaced. */
static int staff_check(yz_session *s, const char *staff, char *out, size_t n, yz_err *err)
{
	const char *p = staff ? staff : "";
	size_t used = 0;

	out[0] = '\0';
	p += strspn(p, " \t,");
	while (*p) {
		size_t len = strcspn(p, " \t,");
		char login[YZ_LOGIN_MAX + 1];
		yz_user u;
		int rc;

		if (len > YZ_LOGIN_MAX) {
			yz_err_setc(err, YZ_ERR_INVALID, _("\"%.*s\" is not a login."), (int)len,
			            p);
			return -1;
		}
		memcpy(login, p, len);
		login[len] = '\0';
		if ((rc = yz_user_get(s->store, login, &u, err)) < 0)
			return -1;
		if (rc == 1) {
			yz_err_setc(err, YZ_ERR_NOT_FOUND,
			            _("There is no account \"%s\": the staff who go are named by "
			              "their logins (yizhan user list)."),
			            login);
			return -1;
		}
		if (used + len + 2 > n) {
			yz_err_setc(err, YZ_ERR_INVALID, "%s", _("Too many staff for one visit."));
			return -1;
		}
		used += (size_t)snprintf(out + used, n - used, "%s%s", used ? " " : "", login);
		p += len;
		p += strspn(p, " \t,");
	}
	if (!used) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("Who goes? Name the staff of the visit by their logins."));
		return -1;
	}
	return 0;
}

/* The resident of c from the registry: address (the household's when the
 * person's own is empty), phone and grid name into v. */
static int resident_into(yz_session *s, const yz_case *c, yz_visit *v, yz_err *err)
{
	yz_resident r;
	yz_household h;
	yz_place g;
	int rc = yz_resident_get(s->store, c->resident_id, &r, err);

	snprintf(v->idno, sizeof v->idno, "%s", c->resident_idno);
	yz_strlcpy_utf8(v->name, c->resident_name, sizeof v->name);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return 0; /* a case without a registered person: the sheet leaves the blanks */
	yz_strlcpy_utf8(v->address, r.address, sizeof v->address);
	yz_strlcpy_utf8(v->phone, r.phone, sizeof v->phone);
	if (r.household_id && yz_household_get(s->store, r.household_id, &h, NULL) == 0) {
		if (!v->address[0])
			yz_strlcpy_utf8(v->address, h.address, sizeof v->address);
		if (yz_service_household_grid(s, &h, &g, NULL) == 0)
			yz_strlcpy_utf8(v->grid, g.name, sizeof v->grid);
	}
	return 0;
}

int yz_service_visit_plan(yz_session *s, const char *case_no, const char *day, const char *staff,
                          yz_visit *out, yz_err *err)
{
	yz_case c;
	yz_visit v = {0}, old;
	char buf[11];
	const char *dd;
	yz_date d;
	int rc;

	if (!s->user.login[0]) {
		yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in to plan a home visit."));
		return -1;
	}
	if (!(dd = day_of(day, buf, &d, err)))
		return -1;
	if (yz_date_cmp(d, s->today) < 0) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s has passed: plan a visit from today on."),
		            dd);
		return -1;
	}
	/* The simple rule: staff go out on working days only; a visit on a rest
	 * day is refused, not planned with a warning. */
	if (!yz_is_workday(s->calendar, d)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is not a working day: plan the visit on a working day."), dd);
		return -1;
	}
	if ((rc = yz_service_case_find(s, case_no ? case_no : "", &c, err)) != 0)
		return -1;
	if (c.status != YZ_CASE_ACCEPTED) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Case %s is closed: a home visit is planned for an open case."),
		            c.number);
		return -1;
	}
	if (staff_check(s, staff, v.staff, sizeof v.staff, err) < 0)
		return -1;
	if ((rc = yz_visit_of_case(s->store, c.id, &old, err)) < 0)
		return -1;
	if (rc == 0) {
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("A home visit for case %s is planned already (on %s, visit %lld): "
		              "enter its result first."),
		            c.number, old.day, (long long)old.id);
		return -1;
	}
	v.case_id = c.id;
	snprintf(v.case_no, sizeof v.case_no, "%s", c.number);
	snprintf(v.day, sizeof v.day, "%s", dd);
	yz_strlcpy_utf8(v.item, c.item, sizeof v.item);
	if (resident_into(s, &c, &v, err) < 0 || yz_visit_add(s->store, &v, s->user.login, err) < 0)
		return -1;
	if (out)
		*out = v;
	return 0;
}

/* The kiosk's session has no clerk: it may take tickets and check in, never
 * read residents' bookings or visits (names, ID numbers, addresses). */
static int need_clerk(const yz_session *s, yz_err *err)
{
	if (s->user.login[0])
		return 0;
	yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in first."));
	return -1;
}

const char *yz_service_visit_state_text(yz_visit_state st)
{
	switch (st) {
	case YZ_VISIT_PLANNED:
		return _("planned");
	case YZ_VISIT_DONE:
		return _("visited");
	case YZ_VISIT_NOT_MET:
		return _("not met");
	case YZ_VISIT_CANCELLED:
		return _("cancelled");
	}
	return "?";
}

int yz_service_visit_list(yz_session *s, const char *day, yz_visit *out, size_t max, size_t *n,
                          yz_err *err)
{
	if (need_clerk(s, err) != 0)
		return -1;
	char buf[11];
	const char *dd;
	yz_date d;

	*n = 0;
	if (!day || !*day) {
		yz_date_format(s->today, buf);
		dd = buf;
	} else if (!(dd = day_of(day, buf, &d, err))) {
		return -1;
	}
	return yz_visit_list(s->store, dd, out, max, n, err);
}

int yz_service_visit_result(yz_session *s, int64_t id, yz_visit_state state, const char *result,
                            yz_err *err)
{
	yz_visit v;

	if (!s->user.login[0]) {
		yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in to enter a visit's result."));
		return -1;
	}
	if (state == YZ_VISIT_NOT_MET && (!result || !*result)) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("Say why the visit did not serve the resident (nobody at home, "
		              "in hospital ...)."));
		return -1;
	}
	if (result && strlen(result) >= sizeof v.result) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The result is too long (at most %zu bytes, about %zu Chinese "
		              "characters): shorten it."),
		            sizeof v.result - 1, (sizeof v.result - 1) / 3);
		return -1;
	}
	if (yz_visit_get(s->store, id, &v, err) != 0)
		return -1;
	return yz_visit_result(s->store, id, state, result ? result : "", s->user.login, err);
}

/* ---- the route sheet -------------------------------------------------------------- */

static const char *state_word(yz_visit_state st)
{
	switch (st) {
	case YZ_VISIT_DONE:
		return P_("visited");
	case YZ_VISIT_NOT_MET:
		return P_("not met");
	case YZ_VISIT_CANCELLED:
		return P_("cancelled");
	case YZ_VISIT_PLANNED:
		break;
	}
	return "";
}

/* One grid's table: its visits from v[from] while the grid stays the same;
 * returns the index after them. */
static size_t grid_table(yz_session *s, yz_doc *d, const yz_visit *v, size_t from, size_t n)
{
	const char *head[] = {P_("No."),  P_("Resident"), P_("Address"), P_("Contact phone"),
	                      P_("Item"), P_("Case"),     P_("Staff"),   P_("Visit result")};
	static const int weight[] = {3, 8, 18, 9, 12, 12, 8, 14};
	char title[160], no[16];
	size_t i;

	snprintf(title, sizeof title, "%s%s%s", P_("Grid"), yz_paper_sep(),
	         v[from].grid[0] ? v[from].grid : P_("(no grid)"));
	yz_doc_text(d, title, YZ_STYLE_BOLD);
	yz_doc_table(d, 8, head, weight, "rlllllll");
	yz_doc_table_continued(d, title);
	for (i = from; i < n && !strcmp(v[i].grid, v[from].grid); i++) {
		char staff[400];
		snprintf(no, sizeof no, "%zu", i - from + 1);
		yz_service_visit_staff_names(s, v[i].staff, staff, sizeof staff);
		const char *cells[8] = {
		    no,        v[i].name,    v[i].address, v[i].phone,
		    v[i].item, v[i].case_no, staff,        state_word(v[i].state)};
		yz_doc_table_row(d, cells);
	}
	yz_doc_space(d, 1);
	return i;
}

yz_doc *yz_service_route_sheet(yz_session *s, const char *day, yz_err *err)
{
	if (need_clerk(s, err) != 0)
		return NULL;
	yz_visit *v = calloc(VISITS_MAX, sizeof *v);
	size_t n = 0;
	char buf[11], line[256];
	const char *dd;
	yz_date dt;
	yz_doc *d = NULL;

	if (!v) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return NULL;
	}
	if (!day || !*day) {
		yz_date_format(s->today, buf);
		dd = buf;
	} else if (!(dd = day_of(day, buf, &dt, err))) {
		goto out;
	}
	if (yz_visit_list(s->store, dd, v, VISITS_MAX, &n, err) < 0)
		goto out;
	d = yz_doc_new(P_("Home visits route sheet"));
	if (!d) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		goto out;
	}
	yz_doc_set_created(d, yz_clock_now(&s->clock));
	d->landscape = true; /* eight columns with addresses: too narrow on a portrait page */
	yz_doc_page_numbers(d);
	yz_doc_text(d, s->cfg->station_name, YZ_STYLE_CENTER);
	yz_doc_text(d, P_("Home visits route sheet"),
	            YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	snprintf(line, sizeof line, P_("Day: %1$s   Visits: %2$zu"), dd, n);
	yz_doc_text(d, line, YZ_STYLE_CENTER);
	yz_doc_space(d, 1);
	if (n == 0)
		yz_doc_text(d, P_("No home visits are planned for this day."), 0);
	for (size_t i = 0; i < n;)
		i = grid_table(s, d, v, i, n);
	yz_doc_small(d,
	             P_("Write the result of each visit in its box and enter it on return "
	                "(yizhan visit result, or the case's visit key)."),
	             0);
	yz_doc_signature(d, P_("Staff"), P_("Date"));
out:
	free(v);
	return d;
}

int yz_service_visit_of_case(yz_session *s, const char *case_no, yz_visit *out, yz_err *err)
{
	if (need_clerk(s, err) != 0)
		return -1;
	yz_case c;
	int rc = yz_case_get(s->store, case_no, &c, err);

	return rc != 0 ? rc : yz_visit_of_case(s->store, c.id, out, err);
}

const char *yz_service_visit_staff_names(yz_session *s, const char *logins, char *out, size_t n)
{
	const char *p = logins ? logins : "";
	size_t used = 0;

	if (n)
		out[0] = '\0';
	p += strspn(p, " ");
	while (*p && used + 1 < n) {
		size_t len = strcspn(p, " ");
		char login[YZ_LOGIN_MAX + 1], name[128];
		int k;

		snprintf(login, sizeof login, "%.*s", (int)len, p);
		yz_service_user_name(s, login, name, sizeof name);
		k = snprintf(out + used, n - used, "%s%s", used ? " " : "", name);
		if (k < 0 || (size_t)k >= n - used) {
			out[used] = '\0'; /* a name that does not fit is left out whole */
			break;
		}
		used += (size_t)k;
		p += len;
		p += strspn(p, " ");
	}
	return out;
}

int yz_service_visit_staff_away(yz_session *s, const char *logins, const char *day, char *out,
                                size_t n, yz_err *err)
{
	const char *p = logins ? logins : "";
	size_t used = 0;

	if (n)
		out[0] = '\0';
	p += strspn(p, " ");
	while (*p) {
		size_t len = strcspn(p, " ");
		char login[YZ_LOGIN_MAX + 1], name[128];
		int rc, k;

		snprintf(login, sizeof login, "%.*s", (int)len, p);
		if ((rc = yz_user_absent(s->store, login, day, err)) < 0)
			return -1;
		if (rc == 1 && used + 1 < n) {
			yz_service_user_name(s, login, name, sizeof name);
			k = snprintf(out + used, n - used, "%s%s", used ? " " : "", name);
			if (k < 0 || (size_t)k >= n - used)
				out[used] = '\0';
			else
				used += (size_t)k;
		}
		p += len;
		p += strspn(p, " ");
	}
	return 0;
}

int yz_service_visit_last_of_case(yz_session *s, const char *case_no, yz_visit *out, yz_err *err)
{
	if (need_clerk(s, err) != 0)
		return -1;
	yz_case c;
	int rc = yz_case_get(s->store, case_no, &c, err);
	if (rc != 0)
		return rc;
	rc = yz_visit_of_case(s->store, c.id, out, err);
	if (rc <= 0)
		return rc;
	/* No planned one: the newest with its result. */
	return yz_visit_last_of_case(s->store, c.id, out, err);
}
