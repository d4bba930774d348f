/* Ju min shuo shi ri: the residents' talk day. The session (date, place, people
 * present) is recorded first; each item raised goes through the normal intake
 * (the form that says `talk_day yes`) and the case is linked to the session
 * when the clerk comes back here. The summary "accepted X, done Y" with its
 * categories can be printed on the A4 printer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { TALK_ROWS = 32 };

typedef struct talk {
	yz_talk_session ses;         /* the session */
	int64_t last_case;           /* the clerk's newest case before an intake */
	yz_talk_row rows[TALK_ROWS]; /* the summary per category */
	size_t n_rows;
	long accepted, done; /* totals */
	yz_listview lv;      /* the summary's rows (read-only: the arrows scroll) */
} talk;

static const yz_column columns[] = {
    {N_("Category"), COL_FIT, 40, 0, false},
    {N_("Accepted"), COL_FIT, 10, 0, true},
    {N_("Done"), COL_FIT, 10, 0, true},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const yz_talk_row *r = &((talk *)ctx)->rows[row];
	if (col == 0)
		return r->item;
	tui_fmt(buf, n, "%ld", col == 1 ? r->accepted : r->done);
	return buf;
}

/* Link the cases the clerk accepted since the last look (the intake knows
 * nothing of the session). */
static void link_new(yz_tui *t, talk *k)
{
	long linked = 0;
	yz_err err = {{0}};
	if (yz_service_talk_link_new(t->s, k->ses.id, &k->last_case, &linked, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	if (linked)
		tui_msg(t, TUI_MSG_OK, _("%ld items linked to the session."), linked);
}

static void talk_enter(yz_tui *t, yz_screen *sc)
{
	talk *k = sc->data;
	link_new(t, k);
	yz_err err = {{0}};
	if (yz_service_talk_rows(t->s, k->ses.id, k->rows, TALK_ROWS, &k->n_rows, &k->accepted,
	                         &k->done, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
}

static void talk_draw(yz_tui *t, yz_screen *sc)
{
	talk *k = sc->data;
	char buf[256];
	tui_title(t, _("Residents' talk day"));
	tui_fmt(buf, sizeof buf, _("Date %s    Place %s    Present %d"), k->ses.date, k->ses.place,
	        k->ses.attendees);
	tui_put(2, 2, buf, COLS - 4, A_BOLD);
	tui_fmt(buf, sizeof buf, _("Accepted %ld items, %ld done"), k->accepted, k->done);
	tui_put(4, 2, buf, COLS - 4, tui_attr(t, ROLE_OK));
	listview_set_rows(&k->lv, k->n_rows);
	listview_draw(t, &k->lv, 6, 1, COLS - 2, LINES - 2 - 6, true);
	if (!k->n_rows)
		tui_put(8, 4, _("No item yet: A takes a resident's request."), COLS - 6,
		        tui_attr(t, ROLE_DIM));
	t->cur_y = -1;
}

static void print_summary(yz_tui *t, talk *k)
{
	yz_err err = {{0}};
	yz_doc *d = yz_service_talk_doc(t->s, k->ses.id, &err); /* in the paper's language */
	if (!d) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	char name[64];
	tui_fmt(name, sizeof name, "talk-%lld", (long long)k->ses.id);
	yz_print_outcome po;
	memset(&po, 0, sizeof po);
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	int rc = yz_service_print_a4(t->s, d, NULL, name, &po, &err);
	yz_doc_free(d);
	if (rc != 0)
		tui_msg(t, TUI_MSG_ERROR, _("The summary did not print: %s"), err.msg);
	else if (po.saved)
		tui_msg(t, TUI_MSG_OK, _("The summary was saved to %s (no printer)."),
		        po.saved_path);
	else
		tui_msg(t, TUI_MSG_OK, "%s", _("The summary was printed."));
}

static bool talk_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	talk *tk = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_ch(k, 'a') || key_ch(k, 'A')) {
		const yz_form *f = yz_service_talk_form(t->s);
		tk->last_case = yz_service_talk_mark(t->s);
		if (f)
			screen_intake_push(t, f);
		else
			screen_catalogue_push(t);
	} else if (key_ch(k, 'c') || key_ch(k, 'C')) {
		tk->last_case = yz_service_talk_mark(t->s);
		screen_catalogue_push(t);
	} else if (key_ch(k, 'p') || key_ch(k, 'P')) {
		print_summary(t, tk);
	} else {
		return listview_key(&tk->lv, k); /* scroll a long summary */
	}
	return true;
}

static void talk_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	talk *k = sc->data;
	listview_free(&k->lv);
	free(k);
}

static size_t talk_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"A", N_("Resident's request")},
	                  {"C", N_("Other item")},
	                  {"P", N_("Print summary")},
	                  {"Esc", N_("Back")}};
	return tui_put_keys(out, max, k, 4);
}

static const yz_screen_ops talk_ops = {
    .name = "talk",
    .draw = talk_draw,
    .key = talk_key,
    .enter = talk_enter,
    .leave = talk_leave,
    .keys = talk_keys,
};

void screen_talk_push(yz_tui *t)
{
	char date[11], place[128] = "", people[8] = "";
	yz_date_format(t->s->today, date);
	yz_ask_field f[] = {{N_("Date (YYYY-MM-DD)"), date, sizeof date, 10, true},
	                    {N_("Place"), place, sizeof place, 40, true},
	                    {N_("People present"), people, sizeof people, 5, true}};
	if (!tui_ask(t, _("Residents' talk day"), _("A new session:"), f, 3))
		return;
	talk *k = calloc(1, sizeof *k);
	if (!k)
		return;
	yz_err err = {{0}};
	if (yz_service_talk_add(t->s, date, place, atoi(people), &k->ses.id, &err) != 0 ||
	    yz_service_talk_get(t->s, k->ses.id, &k->ses, &err) != 0) {
		tui_message(t, _("Not done"), err.msg);
		free(k);
		return;
	}
	k->last_case = yz_service_talk_mark(t->s);
	listview_init(&k->lv, columns, sizeof columns / sizeof columns[0], cell, k);
	k->lv.no_select = true;
	tui_push(t, &talk_ops, k);
}
