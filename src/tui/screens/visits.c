/* Home visits at the counter (shang men fu wu, issue 19): the visits of a day
 * by grid (D another day), R enters the selected visit's result on return, P
 * prints the day's route sheet on the A4 printer, Enter opens the case. The
 * case view plans a visit for its case (tui_visit_case). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { VISITS_MAX = 300 };

typedef struct visits {
	char day[11];                /* the day shown */
	yz_visit v[VISITS_MAX];      /* its visits by grid, then address */
	char staff[VISITS_MAX][200]; /* each one's staff by name */
} visits;

static size_t visits_load(yz_tui *t, yz_listscreen *ls)
{
	visits *a = ls->data;
	size_t n = 0;
	yz_err err = {{0}};

	if (yz_service_visit_list(t->s, a->day, a->v, VISITS_MAX, &n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	for (size_t i = 0; i < n; i++)
		yz_service_visit_staff_names(t->s, a->v[i].staff, a->staff[i], sizeof a->staff[i]);
	return n;
}

static const yz_column columns[] = {
    {N_("Grid"), COL_FIT, 10, 0, false},     {N_("Name"), COL_FIT, 10, 0, false},
    {N_("Address"), COL_FLEX, 16, 1, false}, {N_("Item"), COL_FIT, 12, 0, false},
    {N_("Staff"), COL_FIT, 12, 0, false},    {N_("State"), COL_FIT, 8, 0, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const yz_visit *p = &((visits *)ctx)->v[row];

	(void)buf;
	(void)n;
	switch (col) {
	case 0:
		return p->grid;
	case 1:
		return p->name;
	case 2:
		return p->address;
	case 3:
		return p->item;
	case 4:
		return ((visits *)ctx)->staff[row];
	default:
		return yz_service_visit_state_text(p->state);
	}
}

static void visits_draw(yz_tui *t, yz_listscreen *ls)
{
	const visits *a = ls->data;
	size_t row;
	char buf[700];

	tui_fmt(buf, sizeof buf, _("Day %s"), a->day);
	tui_put(LINES - 4, 2, buf, COLS - 4, A_BOLD);
	if (!listscreen_selected(ls, &row))
		return;
	const yz_visit *v = &a->v[row];
	if (v->result[0]) {
		char res[600];
		tui_fmt(res, sizeof res, _("%s: %s"), _("Result"), v->result);
		tui_fmt(buf, sizeof buf, "%s  %s  %s", v->case_no, v->phone, res);
	} else
		tui_fmt(buf, sizeof buf, "%s  %s", v->case_no, v->phone);
	tui_put(LINES - 3, 2, buf, COLS - 4, tui_attr(t, ROLE_DIM));
}

/* Enter the result of visit v: done, not met (with why) or cancelled. True
 * when it was entered. */
static bool enter_result(yz_tui *t, const yz_visit *v)
{
	char *items[] = {(char *)_("Done: served at home"), (char *)_("Not met"),
	                 (char *)_("Cancelled")};
	static const yz_visit_state states[] = {YZ_VISIT_DONE, YZ_VISIT_NOT_MET,
	                                        YZ_VISIT_CANCELLED};
	char result[400] = "", title[160];
	yz_err err = {{0}};

	tui_fmt(title, sizeof title, _("Result of the visit to %s"), v->name);
	long k = tui_pick(t, title, items, 3, 0);
	if (k < 0)
		return false;
	/* Not met: the words are why (the service asks for them). */
	yz_ask_field f[] = {
	    {k == 1 ? N_("Why not met") : N_("What happened"), result, sizeof result, 0, k == 1}};
	/* A refusal (too long ...) comes back to the field with what was typed. */
	for (;;) {
		if (!tui_ask(t, title, NULL, f, 1))
			return false;
		memset(&err, 0, sizeof err);
		if (yz_service_visit_result(t->s, v->id, states[k], result, &err) == 0)
			break;
		tui_message(t, _("Not done"), err.msg);
		if (err.code != YZ_ERR_INVALID)
			return false;
	}
	tui_msg(t, TUI_MSG_OK, _("The visit's result is entered: the case goes on as usual."));
	return true;
}

static void print_sheet(yz_tui *t, const char *day)
{
	yz_err err = {{0}};
	yz_doc *d = yz_service_route_sheet(t->s, day, &err);
	char name[64];
	yz_print_outcome po;

	if (!d) {
		tui_message(t, _("Not done"), err.msg);
		return;
	}
	tui_fmt(name, sizeof name, "route-sheet-%s", day);
	memset(&po, 0, sizeof po);
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	int rc = yz_service_print_a4(t->s, d, NULL, name, &po, &err);
	yz_doc_free(d);
	if (rc != 0)
		tui_msg(t, TUI_MSG_ERROR, _("The route sheet did not print: %s"), err.msg);
	else if (po.saved)
		tui_msg(t, TUI_MSG_OK, _("The route sheet was saved to %s (no printer)."),
		        po.saved_path);
	else
		tui_msg(t, TUI_MSG_OK, "%s", _("The route sheet was printed."));
}

static bool visits_key(yz_tui *t, yz_listscreen *ls, tui_key k)
{
	visits *a = ls->data;
	size_t row;
	bool sel = listscreen_selected(ls, &row);

	if (key_ch(k, 'd') || key_ch(k, 'D')) {
		char day[11];
		yz_date d;
		tui_fmt(day, sizeof day, "%s", a->day);
		yz_ask_field f[] = {{N_("Day (YYYY-MM-DD)"), day, sizeof day, 10, true}};
		if (!tui_ask(t, _("Home visits of"), NULL, f, 1))
			return true;
		if (!yz_date_parse(day, &d)) {
			tui_msg(t, TUI_MSG_ERROR, _("\"%s\" is not a date: type it as 2026-12-14."),
			        day);
			return true;
		}
		yz_date_format(d, a->day);
		listscreen_reload(t, ls);
	} else if (key_ch(k, 'p') || key_ch(k, 'P')) {
		print_sheet(t, a->day);
	} else if ((key_ch(k, 'r') || key_ch(k, 'R')) && sel) {
		if (a->v[row].state != YZ_VISIT_PLANNED)
			tui_msg(t, TUI_MSG_ERROR, "%s", _("Its result is entered already."));
		else if (enter_result(t, &a->v[row]))
			listscreen_reload(t, ls);
	} else if (key_enter(k) && sel) {
		char no[40];
		tui_fmt(no, sizeof no, "%s", a->v[row].case_no);
		screen_case_view_push(t, no);
	} else {
		return false;
	}
	return true;
}

static const yz_keyhint keys[] = {{"Esc", N_("Back")},
                                  {"D", N_("Day")},
                                  {"P", N_("Route sheet")},
                                  {"R", N_("Visit result")},
                                  {"Enter", N_("Open case")}};

static const yz_listscreen_def visits_def = {
    .title = N_("Home visits"),
    .count = true,
    .empty = N_("No home visits that day: plan one from its case (U in the case view)."),
    .cols = columns,
    .n_cols = sizeof columns / sizeof columns[0],
    .cell = cell,
    .below = 3, /* the day and the selected visit's case, phone and result */
    .load = visits_load,
    .draw = visits_draw,
    .key = visits_key,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .n_keys_empty = 3, /* Esc, Day, Route sheet */
};

int tui_visits(yz_tui *t)
{
	visits *a = calloc(1, sizeof *a);

	if (!a)
		return -1;
	yz_date_format(t->s->today, a->day);
	listscreen_push(t, &visits_def, a);
	return 0;
}

/* The words of a planned visit's confirmation: the day, the staff by name,
 * the resident and address, and a warning naming those away that day (an
 * absence is a warning, not a refusal: the clerk may know they are back). */
static void planned_words(yz_tui *t, const yz_visit *v, char *msg, size_t n)
{
	char names[400], away[400] = "", words[600];
	yz_err err = {{0}};

	yz_service_visit_staff_names(t->s, v->staff, names, sizeof names);
	tui_fmt(msg, n, _("Home visit planned on %s by %s: %s, %s."), v->day, names, v->name,
	        v->address[0] ? v->address : _("(no address in the registry)"));
	if (yz_service_visit_staff_away(t->s, v->staff, v->day, away, sizeof away, &err) != 0) {
		tui_fmt(words, sizeof words, "%s %s", msg, err.msg);
		tui_fmt(msg, n, "%s", words);
	} else if (away[0]) {
		tui_fmt(words, sizeof words, _("%s Warning: %s is away that day (absence)."), msg,
		        away);
		tui_fmt(msg, n, "%s", words);
	}
}

void tui_visit_case(yz_tui *t, const yz_case *c)
{
	yz_visit v;
	yz_err err = {{0}};
	int rc = yz_service_visit_of_case(t->s, c->number, &v, &err);

	if (rc < 0) {
		tui_message(t, _("Not done"), err.msg);
		return;
	}
	if (rc == 0) {
		/* planned already: this is the return from it */
		enter_result(t, &v);
		return;
	}
	char day[11], staff[200], msg[1000];
	yz_date tomorrow = yz_add_workdays(t->s->calendar, t->s->today, 1, NULL);
	yz_date_format(tomorrow, day);
	tui_fmt(staff, sizeof staff, "%s", t->s->user.login);
	yz_ask_field f[] = {{N_("Day (YYYY-MM-DD)"), day, sizeof day, 10, true},
	                    {N_("Staff who go (logins)"), staff, sizeof staff, 60, true}};
	char title[120];
	tui_fmt(title, sizeof title, _("Home visit for case %s"), c->number);
	/* A refusal goes back to the dialog with what was typed (the buffers
	 * keep it); Esc ends. */
	for (;;) {
		if (!tui_ask(t, title, _("The address, phone and grid come from the registry."), f,
		             2))
			return;
		memset(&err, 0, sizeof err);
		if (yz_service_visit_plan(t->s, c->number, day, staff, &v, &err) == 0)
			break;
		tui_message(t, _("Not planned"), err.msg);
	}
	planned_words(t, &v, msg, sizeof msg);
	tui_message(t, _("Planned"), msg);
}
