/* The station head's follow-ups (hui fang): every rating of "dissatisfied" or
 * worse opens one, due in 3 working days. The list shows the resident's phone;
 * Enter records the call with its outcome — satisfied now, reopened as a new
 * case (linked to the old one), or not reached (due again the next working
 * day; closed after YZ_FOLLOWUP_ATTEMPTS calls) — and a note. */
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
    {N_("Due"), COL_FIT, 10, 0, false},   {N_("Case"), COL_FIT, 24, 0, false},
    {N_("Item"), COL_FLEX, 6, 1, false},  {N_("Resident"), COL_FIT, 12, 0, false},
    {N_("Phone"), COL_FIT, 13, 0, false}, {N_("Rating"), COL_FIT, 18, 0, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
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
	case 4:
		return p->resident_phone[0] ? p->resident_phone : "-";
	default: /* the words only: the number means opposite things on the two scales */
		return p->score ? yz_service_rating_label(p->score) : "-";
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
	listview_draw(t, &f->lv, 2, 1, COLS - 2, LINES - 2 - 6, true);
	if (!f->n)
		tui_put(4, 4, _("No follow-up is open."), COLS - 6, tui_attr(t, ROLE_DIM));
	if (f->n) {
		const yz_followup *p = &f->v[sel_row(f)];
		tui_fmt(buf, sizeof buf, "%s: %s", _("Comment"), p->comment);
		tui_put(LINES - 5, 2, buf, COLS - 4, A_BOLD);
		tui_fmt(buf, sizeof buf, _("Call %s on %s"), p->resident_name,
		        p->resident_phone[0] ? p->resident_phone : _("(no phone on record)"));
		if (p->attempts)
			tui_fmt(buf + strlen(buf), sizeof buf - strlen(buf),
			        _("  (not reached %d of %d times)"), p->attempts,
			        YZ_FOLLOWUP_ATTEMPTS);
		tui_put(LINES - 4, 2, buf, COLS - 4, A_NORMAL);
	}
	t->cur_y = -1;
}

/* Tell how recording the call went. */
static void tell(yz_tui *t, yz_followup_outcome outcome, int rc, const yz_followup *p,
                 const yz_case *nc, const yz_err *err)
{
	char owner[128];
	if (rc < 0) {
		tui_message(t, _("Not done"), err->msg);
		tui_msg(t, TUI_MSG_ERROR, "%s", err->msg);
	} else if (outcome == YZ_FOLLOWUP_REOPENED) {
		yz_service_user_name(t->s, nc->owner, owner, sizeof owner);
		tui_msg(t, TUI_MSG_OK, _("Follow-up recorded: reopened as case %s, in %s's queue."),
		        nc->number, owner);
	} else if (outcome == YZ_FOLLOWUP_UNREACHED && rc == 1) {
		tui_msg(t, TUI_MSG_INFO,
		        _("Follow-up recorded: not reached after %d calls, so it is closed."),
		        YZ_FOLLOWUP_ATTEMPTS);
	} else if (outcome == YZ_FOLLOWUP_UNREACHED) {
		tui_msg(t, TUI_MSG_INFO,
		        _("Follow-up recorded: not reached (call %d of %d); due again the next "
		          "working day."),
		        p->attempts + 1, YZ_FOLLOWUP_ATTEMPTS);
	} else {
		tui_msg(t, TUI_MSG_OK, "%s", _("Follow-up recorded: the resident is satisfied."));
	}
}

/* Enter: how the call ended, then what the resident said. A refused call
 * comes back with the outcome and the note as typed, to try again (or Esc);
 * one another counter recorded meanwhile is told and leaves the list. */
static void record(yz_tui *t, fup *f)
{
	const yz_followup p = f->v[sel_row(f)];
	char *ends[] = {_("Satisfied now"), _("Not solved: reopen as a new case"),
	                _("Could not reach the resident")};
	static const yz_followup_outcome outcome_of[] = {
	    YZ_FOLLOWUP_SATISFIED, YZ_FOLLOWUP_REOPENED, YZ_FOLLOWUP_UNREACHED};
	char title[160], note[512] = "";
	tui_fmt(title, sizeof title, _("How did the call to %s end?"), p.resident_name);
	yz_err err = {{0}};
	yz_case nc;
	long k = 0;
	while ((k = tui_pick(t, title, ends, 3, (size_t)k)) >= 0) {
		yz_followup_outcome outcome = outcome_of[k];
		yz_ask_field fl[] = {{N_("What the resident said"), note, sizeof note, 0,
		                      outcome != YZ_FOLLOWUP_UNREACHED}};
		if (!tui_ask(t, ends[k], p.case_number, fl, 1))
			break;
		memset(&err, 0, sizeof err);
		memset(&nc, 0, sizeof nc);
		int rc = yz_service_followup_close(t->s, p.id, outcome, note, &nc, &err);
		if (rc >= 0 || err.code == YZ_ERR_NOT_FOUND) {
			tell(t, outcome, rc, &p, &nc, &err);
			break;
		}
		tui_message(t, _("Not done"), err.msg);
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
	    {"Esc", N_("Back")}, {"Enter", N_("Record the call")}, {"O", N_("Open case")}};
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
