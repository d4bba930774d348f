/* Cases (F4): today's cases, or all recent ones; Enter opens one. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { CASES_MAX = 500 };

typedef struct cases {
	bool all;     /* recent cases of every day instead of today's */
	yz_case *v;   /* the cases, newest first */
	size_t n;     /* how many */
	yz_list list; /* selection over v */
} cases;

static int add_case(const yz_case *c, void *ctx)
{
	cases *cs = ctx;
	if (cs->n >= CASES_MAX)
		return 1;
	cs->v[cs->n++] = *c;
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
	cs->list.n = cs->n;
	list_scroll(&cs->list, 1);
}

static int list_height(void)
{
	return LINES - 2 - 4;
}

static void cases_draw(yz_tui *t, yz_screen *sc)
{
	cases *cs = sc->data;
	char buf[128];
	tui_fmt(buf, sizeof buf, "%s (%zu)", cs->all ? _("Recent cases") : _("Today's cases"),
	        cs->n);
	tui_title(t, buf);
	attr_t h = tui_attr(t, ROLE_HEADER);
	tui_put(2, 2, _("Number"), 20, h);
	tui_put(2, 23, _("Item"), 22, h);
	tui_put(2, 46, _("Resident"), 12, h);
	tui_put(2, 59, _("State"), 8, h);
	tui_put(2, 68, _("Date"), COLS - 69, h);
	if (cs->n == 0)
		tui_put(4, 4, cs->all ? _("No cases yet.") : _("No cases today. F5 shows all."),
		        COLS - 6, tui_attr(t, ROLE_DIM));
	int lh = list_height();
	list_scroll(&cs->list, lh);
	for (int i = 0; i < lh && cs->list.top + (size_t)i < cs->n; i++) {
		size_t k = cs->list.top + (size_t)i;
		const yz_case *c = &cs->v[k];
		attr_t a = k == cs->list.sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		int y = 3 + i;
		tui_put_pad(y, 1, "", COLS - 2, a);
		tui_put(y, 2, c->number, 20, a);
		tui_put(y, 23, c->item, 22, a);
		tui_put(y, 46, c->resident_name, 12, a);
		tui_put(y, 59, yz_service_state_label(t->s, c), 8, a);
		tui_put(y, 68, c->accepted_date + 5, COLS - 69, a);
	}
}

/* F7: a case by its number (a resident brings the receipt). */
static void open_number(yz_tui *t)
{
	char no[40] = "";
	yz_ask_field f[] = {{N_("Case number"), no, sizeof no, 39, true}};
	if (tui_ask(t, _("Open a case"), NULL, f, 1))
		screen_case_view_push(t, no);
}

static bool cases_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	cases *cs = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_enter(k)) {
		if (cs->n == 0)
			return false;
		screen_case_view_push(t, cs->v[cs->list.sel].number);
		return true;
	}
	if (key_code(k, KEY_F(5))) {
		cs->all = !cs->all;
		cs->list.sel = cs->list.top = 0;
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
	return list_key(&cs->list, k, list_height());
}

static void cases_enter(yz_tui *t, yz_screen *sc)
{
	load(t, sc->data);
}

static void cases_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	cases *cs = sc->data;
	free(cs->v);
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
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
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
	if (!cs->v) {
		free(cs);
		return;
	}
	tui_push(t, &cases_ops, cs);
}
