/* Cases (F4): today's cases, or all recent ones; Enter opens one. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { CASES_MAX = 500 };

typedef struct cases {
	yz_tui *t;          /* for the state labels of the cells */
	bool all;           /* recent cases of every day instead of today's */
	yz_case *v;         /* the cases, newest first */
	const char **state; /* their state labels, found when loaded */
	size_t n;           /* how many */
	yz_listview lv;     /* the list of v; typing filters it */
} cases;

/* Widths from the text: a state such as "community accepted" in Chinese is
 * ten columns and is shown whole (it was cut at a fixed eight). */
static const yz_column columns[] = {
    {N_("Number"), COL_FIT, 24, 0, false},   {N_("Item"), COL_FLEX, 12, 1, false},
    {N_("Resident"), COL_FIT, 16, 0, false}, {N_("State"), COL_FIT, 16, 0, false},
    {N_("Date"), COL_FIT, 5, 0, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
	cases *cs = ctx;
	const yz_case *c = &cs->v[row];
	switch (col) {
	case 0:
		return c->number;
	case 1:
		return c->item;
	case 2:
		return c->resident_name;
	case 3:
		return cs->state[row];
	default: /* MM-DD */
		return strlen(c->accepted_date) > 5 ? c->accepted_date + 5 : c->accepted_date;
	}
}

static int add_case(const yz_case *c, void *ctx)
{
	cases *cs = ctx;
	if (cs->n >= CASES_MAX)
		return 1;
	/* The label once: every draw measures every row's cells, and finding it
	 * (the case's form, then gettext) for 500 rows on every key took
	 * milliseconds (issue 20). */
	cs->v[cs->n] = *c;
	cs->state[cs->n] = yz_service_state_label(cs->t->s, &cs->v[cs->n]);
	cs->n++;
	return 0;
}

static void load(yz_tui *t, cases *cs)
{
	char today[11];
	yz_date_format(t->s->today, today);
	yz_case_filter f = {.accepted_date = cs->all ? NULL : today, .limit = CASES_MAX};
	cs->n = 0;
	yz_err err = {{0}};
	/* Only the cases this clerk may see (own, A/B lines; all for the head). */
	if (yz_service_case_list(t->s, &f, add_case, cs, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	listview_set_rows(&cs->lv, cs->n);
}

static void cases_draw(yz_tui *t, yz_screen *sc)
{
	cases *cs = sc->data;
	char buf[128];
	tui_fmt(buf, sizeof buf, "%s (%zu)", cs->all ? _("Recent cases") : _("Today's cases"),
	        cs->n);
	tui_title(t, buf);
	if (cs->n)
		listview_draw_query(t, &cs->lv, 1, 2, COLS - 4);
	listview_draw(t, &cs->lv, 2, 1, COLS - 2, LINES - 2 - 3, true);
	if (cs->n == 0)
		tui_put(4, 4, cs->all ? _("No cases yet.") : _("No cases today. F5 shows all."),
		        COLS - 6, tui_attr(t, ROLE_DIM));
	else if (listview_count(&cs->lv) == 0)
		tui_put(4, 4, _("Nothing matches. Backspace to widen the search."), COLS - 6,
		        tui_attr(t, ROLE_DIM));
}

/* F7: a case by its number (a resident brings the receipt): the whole number
 * or this year's last digits. */
static void open_number(yz_tui *t)
{
	char no[40] = "";
	yz_ask_field f[] = {{N_("Case number"), no, sizeof no, 39, true}};
	if (tui_ask(t, _("Open a case"), _("The whole number, or this year's last digits: 43."), f,
	            1))
		screen_case_view_push(t, no);
}

/* The whole number the search means when it is only digits (this year's last
 * digits), into no; false for any other search. */
static bool search_number(yz_tui *t, const cases *cs, char *no, size_t n)
{
	const char *q = cs->lv.query;
	size_t len = strlen(q);
	return len && strspn(q, "0123456789") == len && yz_service_case_number(t->s, q, no, n);
}

/* Typing digits selects the case whose number they end this year's number
 * with ("43": ...-2026-000043), not the first row that holds them (000143). */
static void select_number(yz_tui *t, cases *cs)
{
	char no[64];
	if (!search_number(t, cs, no, sizeof no))
		return;
	for (size_t i = 0; i < listview_count(&cs->lv); i++)
		if (!strcmp(cs->v[listview_row(&cs->lv, i)].number, no)) {
			listview_select(&cs->lv, listview_row(&cs->lv, i));
			return;
		}
}

/* Enter on a digits search whose case is not in the list (another day's):
 * that case is opened, or the clerk is told there is none by the whole
 * number. True when the key was used so. */
static bool open_searched(yz_tui *t, cases *cs)
{
	char no[64];
	if (!search_number(t, cs, no, sizeof no))
		return false;
	for (size_t i = 0; i < cs->n; i++)
		if (!strcmp(cs->v[i].number, no))
			return false; /* listed: selected as it was typed */
	screen_case_view_push(t, no);
	return true;
}

static bool cases_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	cases *cs = sc->data;
	size_t row;
	if (listview_search_key(&cs->lv, k)) { /* Esc clears a search first */
		select_number(t, cs);
		return true;
	}
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_enter(k)) {
		if (open_searched(t, cs))
			return true;
		if (!listview_selected(&cs->lv, &row))
			return false;
		screen_case_view_push(t, cs->v[row].number);
		return true;
	}
	if (key_code(k, KEY_F(5))) {
		cs->all = !cs->all;
		cs->lv.list.sel = cs->lv.list.top = 0;
		load(t, cs);
		return true;
	}
	if (key_code(k, KEY_F(6))) {
		screen_jobs_push(t);
		return true;
	}
	if (key_code(k, KEY_F(7))) {
		open_number(t);
		return true;
	}
	return listview_key(&cs->lv, k);
}

static void cases_enter(yz_tui *t, yz_screen *sc)
{
	load(t, sc->data);
}

static void cases_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	cases *cs = sc->data;
	listview_free(&cs->lv);
	free(cs->v);
	free(cs->state);
	free(cs);
}

static size_t cases_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	cases *cs = sc->data;
	yz_keyhint k[] = {{"Enter", N_("Open")},
	                  {"F5", cs->all ? N_("Today") : N_("All recent")},
	                  {"F6", N_("Failed prints")},
	                  {"F7", N_("By number")},
	                  {"Esc", N_("Back")}};
	size_t n = sizeof k / sizeof k[0];
	return tui_put_keys(out, max, k, n);
}

static const yz_screen_ops cases_ops = {
    .name = "cases",
    .draw = cases_draw,
    .key = cases_key,
    .enter = cases_enter,
    .leave = cases_leave,
    .keys = cases_keys,
};

void screen_cases_push(yz_tui *t)
{
	cases *cs = calloc(1, sizeof *cs);
	if (!cs)
		return;
	cs->v = calloc(CASES_MAX, sizeof *cs->v);
	cs->state = calloc(CASES_MAX, sizeof *cs->state);
	if (!cs->v || !cs->state) {
		free(cs->v);
		free(cs->state);
		free(cs);
		return;
	}
	cs->t = t;
	listview_init(&cs->lv, columns, sizeof columns / sizeof columns[0], cell, cs);
	cs->lv.search = true; /* a long list: typing filters it */
	tui_push(t, &cases_ops, cs);
}
