/* The station head's follow-ups (hui fang): every rating of "dissatisfied" or
 * worse opens one, due in 3 working days; Enter records the call with a note. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { FUP_MAX = 200 };

typedef struct fup {
	yz_followup v[FUP_MAX]; /* open follow-ups, by due date */
	size_t n;               /* how many */
	yz_list list;           /* selection over v */
} fup;

static void fup_enter(yz_tui *t, yz_screen *sc)
{
	fup *f = sc->data;
	yz_err err = {{0}};
	if (yz_followup_list(t->s->store, "open", f->v, FUP_MAX, &f->n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	f->list.n = f->n;
	list_scroll(&f->list, 1);
}

static int fup_height(void)
{
	return LINES - 2 - 6;
}

static void fup_draw(yz_tui *t, yz_screen *sc)
{
	fup *f = sc->data;
	char buf[512];
	char today[11];
	yz_date_format(t->s->today, today);
	tui_fmt(buf, sizeof buf, "%s (%zu)", _("Follow-ups open"), f->n);
	tui_title(t, buf);
	attr_t hd = tui_attr(t, ROLE_HEADER);
	tui_put(2, 2, _("Due"), 10, hd);
	tui_put(2, 13, _("Case"), 19, hd);
	tui_put(2, 33, _("Item"), 18, hd);
	tui_put(2, 52, _("Resident"), 10, hd);
	tui_put(2, 63, _("Rating"), COLS - 64, hd);
	if (!f->n)
		tui_put(4, 4, _("No follow-up is open."), COLS - 6, tui_attr(t, ROLE_DIM));
	int h = fup_height();
	list_scroll(&f->list, h);
	for (int i = 0; i < h && f->list.top + (size_t)i < f->n; i++) {
		size_t k = f->list.top + (size_t)i;
		const yz_followup *p = &f->v[k];
		bool late = strcmp(p->due_date, today) < 0;
		attr_t at = k == f->list.sel ? tui_attr(t, ROLE_FOCUS)
		            : late           ? tui_attr(t, ROLE_ERROR)
		                             : A_NORMAL;
		int y = 3 + i;
		tui_put_pad(y, 1, "", COLS - 2, at);
		tui_put(y, 2, p->due_date, 10, at);
		tui_put(y, 13, p->case_number, 19, at);
		tui_put(y, 33, p->item, 18, at);
		tui_put(y, 52, p->resident_name, 10, at);
		tui_fmt(buf, sizeof buf, "%d %s", p->score, yz_service_rating_label(p->score));
		tui_put(y, 63, buf, COLS - 64, at);
	}
	if (f->n) {
		tui_fmt(buf, sizeof buf, "%s: %s", _("Comment"), f->v[f->list.sel].comment);
		tui_put(LINES - 4, 2, buf, COLS - 4, A_BOLD);
	}
	t->cur_y = -1;
}

static void record(yz_tui *t, fup *f)
{
	const yz_followup *p = &f->v[f->list.sel];
	char note[512] = "";
	yz_ask_field fl[] = {{N_("What the resident said"), note, sizeof note, 0, true}};
	if (!tui_ask(t, _("Follow-up done"), p->case_number, fl, 1))
		return;
	yz_err err = {{0}};
	if (yz_service_followup_done(t->s, p->id, note, &err) != 0) {
		tui_message(t, _("Not done"), err.msg);
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	} else {
		tui_msg(t, TUI_MSG_OK, "%s", _("Follow-up recorded."));
	}
	fup_enter(t, tui_top(t));
}

static bool fup_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	fup *f = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
	} else if (f->n && key_enter(k)) {
		record(t, f);
	} else if (f->n && (key_ch(k, 'o') || key_ch(k, 'O'))) {
		char no[40];
		yz_strlcpy_utf8(no, f->v[f->list.sel].case_number, sizeof no);
		screen_case_view_push(t, no);
	} else {
		return list_key(&f->list, k, fup_height());
	}
	return true;
}

static void fup_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t fup_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	fup *f = sc->data;
	yz_keyhint k[] = {
	    {"Esc", N_("Back")}, {"Enter", N_("Done, with a note")}, {"O", N_("Open case")}};
	size_t n = f->n ? 3 : 1;
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
}

static const yz_screen_ops fup_ops = {
    .name = "followups",
    .draw = fup_draw,
    .key = fup_key,
    .enter = fup_enter,
    .leave = fup_leave,
    .keys = fup_keys,
};

void screen_followups_push(yz_tui *t)
{
	fup *f = calloc(1, sizeof *f);
	if (f)
		tui_push(t, &fup_ops, f);
}
