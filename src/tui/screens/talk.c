/* Ju min shuo shi ri: the residents' talk day. The session (date, place, people
 * present) is recorded first; each item raised goes through the normal intake
 * (usually the resident request form) and the case is linked to the session
 * when the clerk comes back here. The summary "accepted X, done Y" with its
 * categories can be printed on the A4 printer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* The form of a resident request (ju min su qiu). */
#define TALK_FORM "resident_request"

enum { TALK_ROWS = 32 };

typedef struct talk {
	yz_talk_session ses;         /* the session */
	int64_t last_case;           /* the clerk's newest case before an intake */
	yz_talk_row rows[TALK_ROWS]; /* the summary per category */
	size_t n_rows;
	long accepted, done; /* totals */
} talk;

static int newest(const yz_case *c, void *ctx)
{
	*(int64_t *)ctx = c->id;
	return 1;
}

static int64_t clerk_newest(yz_tui *t)
{
	int64_t id = 0;
	yz_case_filter f = {.clerk_login = t->s->user.login, .limit = 1};
	yz_case_list(t->s->store, &f, newest, &id, NULL);
	return id;
}

typedef struct link_ctx {
	yz_tui *t;
	talk *k;
	int64_t max; /* the newest case linked */
	long linked; /* how many */
} link_ctx;

static int link_one(const yz_case *c, void *ctx)
{
	link_ctx *l = ctx;
	if (c->id <= l->k->last_case)
		return 1; /* newest first: the rest are older */
	yz_err err = {{0}};
	if (yz_service_talk_link(l->t->s, l->k->ses.id, c->number, &err) != 0)
		tui_msg(l->t, TUI_MSG_ERROR, "%s", err.msg);
	else
		l->linked++;
	if (c->id > l->max)
		l->max = c->id;
	return 0;
}

/* Link the cases the clerk accepted since the last look (the intake knows
 * nothing of the session). */
static void link_new(yz_tui *t, talk *k)
{
	link_ctx l = {t, k, k->last_case, 0};
	yz_case_filter f = {.clerk_login = t->s->user.login, .limit = 50};
	yz_case_list(t->s->store, &f, link_one, &l, NULL);
	k->last_case = l.max;
	if (l.linked)
		tui_msg(t, TUI_MSG_OK, _("%ld items linked to the session."), l.linked);
}

static void talk_enter(yz_tui *t, yz_screen *sc)
{
	talk *k = sc->data;
	link_new(t, k);
	yz_err err = {{0}};
	if (yz_talk_summary(t->s->store, k->ses.id, k->rows, TALK_ROWS, &k->n_rows, &k->accepted,
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
	attr_t hd = tui_attr(t, ROLE_HEADER);
	tui_put(6, 2, _("Category"), 40, hd);
	tui_put(6, 44, _("Accepted"), 10, hd);
	tui_put(6, 56, _("Done"), 10, hd);
	for (size_t i = 0; i < k->n_rows && 7 + (int)i < LINES - 2; i++) {
		tui_put(7 + (int)i, 2, k->rows[i].item, 40, A_NORMAL);
		tui_fmt(buf, sizeof buf, "%ld", k->rows[i].accepted);
		tui_put(7 + (int)i, 44, buf, 10, A_NORMAL);
		tui_fmt(buf, sizeof buf, "%ld", k->rows[i].done);
		tui_put(7 + (int)i, 56, buf, 10, A_NORMAL);
	}
	if (!k->n_rows)
		tui_put(8, 4, _("No item yet: A takes a resident's request."), COLS - 6,
		        tui_attr(t, ROLE_DIM));
	t->cur_y = -1;
}

static void print_summary(yz_tui *t, talk *k)
{
	yz_err err = {{0}};
	char *text = yz_service_talk_summary(t->s, k->ses.id, &err);
	if (!text) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	yz_doc *d = yz_doc_new(_("Residents' talk day"));
	char buf[256], name[64];
	tui_fmt(buf, sizeof buf, _("Date %s    Place %s    Present %d"), k->ses.date, k->ses.place,
	        k->ses.attendees);
	if (d) {
		yz_doc_text(d, t->s->cfg->station_name, 0);
		yz_doc_text(d, buf, 0);
		yz_doc_rule(d);
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
			yz_doc_text(d, line, 0);
	}
	free(text);
	if (!d)
		return;
	tui_fmt(name, sizeof name, "talk-%lld", (long long)k->ses.id);
	yz_print_outcome po;
	memset(&po, 0, sizeof po);
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	int rc = yz_service_print_a4(t->s, d, NULL, name, &po, &err);
	yz_doc_free(d);
	if (rc != 0)
		tui_msg(t, TUI_MSG_ERROR, _("The summary did not print: %s"),
		        po.reason[0] ? po.reason : err.msg);
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
		const yz_form *f = yz_catalogue_find(t->s->cat, TALK_FORM);
		tk->last_case = clerk_newest(t);
		if (f)
			screen_intake_push(t, f);
		else
			screen_catalogue_push(t);
	} else if (key_ch(k, 'c') || key_ch(k, 'C')) {
		tk->last_case = clerk_newest(t);
		screen_catalogue_push(t);
	} else if (key_ch(k, 'p') || key_ch(k, 'P')) {
		print_summary(t, tk);
	} else {
		return false;
	}
	return true;
}

static void talk_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t talk_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"A", N_("Resident's request")},
	                  {"C", N_("Other item")},
	                  {"P", N_("Print summary")},
	                  {"Esc", N_("Back")}};
	size_t n = max < 4 ? max : 4;
	memcpy(out, k, n * sizeof *k);
	return n;
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
	    yz_talk_get(t->s->store, k->ses.id, &k->ses, &err) != 0) {
		tui_message(t, _("Not done"), err.msg);
		free(k);
		return;
	}
	k->last_case = clerk_newest(t);
	tui_push(t, &talk_ops, k);
}
