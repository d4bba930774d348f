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
	yz_listview lv;         /* the list of v */
	char today[11];         /* late ones are shown in the error colour */
} fup;

/* The selected follow-up (there is one whenever n > 0). */
static size_t sel_row(const fup *f)
{
	size_t row = 0;
	listview_selected(&f->lv, &row);
	return row;
}

static const yz_column columns[] = {
    {N_("Due"), COL_FIT, 10, 0, false},    {N_("Case"), COL_FIT, 24, 0, false},
    {N_("Item"), COL_FLEX, 10, 1, false},  {N_("Resident"), COL_FIT, 16, 0, false},
    {N_("Rating"), COL_FIT, 20, 0, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const yz_followup *p = &((fup *)ctx)->v[row];
	switch (col) {
	case 0:
		return p->due_date;
	case 1:
		return p->case_number;
	case 2:
		return p->item;
	case 3:
		return p->resident_name;
	default:
		tui_fmt(buf, n, "%d %s", p->score, yz_service_rating_label(p->score));
		return buf;
	}
}

static attr_t cell_attr(const yz_tui *t, void *ctx, size_t row, size_t col, bool sel)
{
	(void)col;
	fup *f = ctx;
	bool late = strcmp(f->v[row].due_date, f->today) < 0;
	return !sel && late ? tui_attr(t, ROLE_ERROR) : 0;
}

static void fup_enter(yz_tui *t, yz_screen *sc)
{
	fup *f = sc->data;
	yz_err err = {{0}};
	if (yz_service_followup_list(t->s, YZ_FOLLOWUP_OPEN, f->v, FUP_MAX, &f->n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	listview_set_rows(&f->lv, f->n);
}

static void fup_draw(yz_tui *t, yz_screen *sc)
{
	fup *f = sc->data;
	char buf[512];
	yz_date_format(t->s->today, f->today);
	tui_fmt(buf, sizeof buf, "%s (%zu)", _("Follow-ups open"), f->n);
	tui_title(t, buf);
	listview_draw(t, &f->lv, 2, 1, COLS - 2, LINES - 2 - 5, true);
	if (!f->n)
		tui_put(4, 4, _("No follow-up is open."), COLS - 6, tui_attr(t, ROLE_DIM));
	if (f->n) {
		tui_fmt(buf, sizeof buf, "%s: %s", _("Comment"), f->v[sel_row(f)].comment);
		tui_put(LINES - 4, 2, buf, COLS - 4, A_BOLD);
	}
	t->cur_y = -1;
}

static void record(yz_tui *t, fup *f)
{
	const yz_followup *p = &f->v[sel_row(f)];
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
		yz_strlcpy_utf8(no, f->v[sel_row(f)].case_number, sizeof no);
		screen_case_view_push(t, no);
	} else {
		return listview_key(&f->lv, k);
	}
	return true;
}

static void fup_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	fup *f = sc->data;
	listview_free(&f->lv);
	free(f);
}

static size_t fup_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	fup *f = sc->data;
	yz_keyhint k[] = {
	    {"Esc", N_("Back")}, {"Enter", N_("Done, with a note")}, {"O", N_("Open case")}};
	size_t n = f->n ? 3 : 1;
	return tui_put_keys(out, max, k, n);
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
	if (!f)
		return;
	listview_init(&f->lv, columns, sizeof columns / sizeof columns[0], cell, f);
	f->lv.attr = cell_attr;
	tui_push(t, &fup_ops, f);
}
