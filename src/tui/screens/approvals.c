/* The station head's approvals: refusals, extensions and the closing of badly
 * rated complaints wait here; A approves and J rejects, each with a note. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { APPR_MAX = 200 };

typedef struct appr {
	yz_approval v[APPR_MAX]; /* the pending requests, oldest first */
	size_t n;                /* how many */
	yz_listview lv;          /* the list of v */
} appr;

/* The selected request (there is one whenever n > 0). */
static size_t sel_row(const appr *a)
{
	size_t row = 0;
	listview_selected(&a->lv, &row);
	return row;
}

static void appr_enter(yz_tui *t, yz_screen *sc)
{
	appr *a = sc->data;
	yz_err err = {{0}};
	if (yz_service_approval_list(t->s, YZ_APPROVAL_PENDING, a->v, APPR_MAX, &a->n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	listview_set_rows(&a->lv, a->n);
}

static const char *kind_name(const char *kind)
{
	if (!strcmp(kind, YZ_APPROVAL_REFUSE))
		return _("Not accepted");
	if (!strcmp(kind, YZ_APPROVAL_EXTENSION))
		return _("Extension");
	if (!strcmp(kind, YZ_APPROVAL_BAD_RATING))
		return _("Close (bad rating)");
	return kind;
}

static const yz_column columns[] = {
    {N_("Case"), COL_FIT, 24, 0, false},  {N_("Request"), COL_FIT, 18, 0, false},
    {N_("Item"), COL_FLEX, 10, 1, false}, {N_("By"), COL_FIT, 12, 0, false},
    {N_("Days"), COL_FIT, 4, 0, true},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const yz_approval *p = &((appr *)ctx)->v[row];
	switch (col) {
	case 0:
		return p->case_number;
	case 1:
		return kind_name(p->kind);
	case 2:
		return p->item;
	case 3:
		return p->requested_by;
	default:
		tui_fmt(buf, n, "%d", p->days);
		return p->days ? buf : "";
	}
}

static void appr_draw(yz_tui *t, yz_screen *sc)
{
	appr *a = sc->data;
	char buf[640];
	tui_fmt(buf, sizeof buf, "%s (%zu)", _("Approvals pending"), a->n);
	tui_title(t, buf);
	listview_draw(t, &a->lv, 2, 1, COLS - 2, LINES - 2 - 5, true);
	if (!a->n)
		tui_put(4, 4, _("Nothing waits for a decision."), COLS - 6, tui_attr(t, ROLE_DIM));
	if (a->n) {
		tui_fmt(buf, sizeof buf, "%s: %s", _("Reason"), a->v[sel_row(a)].reason);
		tui_put(LINES - 4, 2, buf, COLS - 4, A_BOLD);
	}
	t->cur_y = -1;
}

static void decide(yz_tui *t, appr *a, bool approve)
{
	const yz_approval *p = &a->v[sel_row(a)];
	char note[256] = "", title[256];
	yz_ask_field f[] = {{N_("Note"), note, sizeof note, 0, !approve}};
	tui_fmt(title, sizeof title, "%s %s", approve ? _("Approve") : _("Reject"), p->case_number);
	if (!tui_ask(t, title, kind_name(p->kind), f, 1))
		return;
	yz_print_outcome po;
	memset(&po, 0, sizeof po);
	yz_err err = {{0}};
	int rc = yz_service_decide(t->s, p->id, approve, note, &po, &err);
	if (rc != 0)
		tui_message(t, _("Not done"), err.msg);
	tui_outcome_msg(t, approve ? _("Approved.") : _("Rejected."), rc, &po, &err);
	appr_enter(t, tui_top(t));
}

static bool appr_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	appr *a = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
	} else if (a->n && (key_ch(k, 'a') || key_ch(k, 'A'))) {
		decide(t, a, true);
	} else if (a->n && (key_ch(k, 'j') || key_ch(k, 'J'))) {
		decide(t, a, false);
	} else if (a->n && key_enter(k)) {
		char no[40];
		yz_strlcpy_utf8(no, a->v[sel_row(a)].case_number, sizeof no);
		screen_case_view_push(t, no);
	} else {
		return listview_key(&a->lv, k);
	}
	return true;
}

static void appr_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	appr *a = sc->data;
	listview_free(&a->lv);
	free(a);
}

static size_t appr_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	appr *a = sc->data;
	yz_keyhint k[] = {{"Esc", N_("Back")},
	                  {"A", N_("Approve")},
	                  {"J", N_("Reject")},
	                  {"Enter", N_("Open case")}};
	size_t n = a->n ? 4 : 1;
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
}

static const yz_screen_ops appr_ops = {
    .name = "approvals",
    .draw = appr_draw,
    .key = appr_key,
    .enter = appr_enter,
    .leave = appr_leave,
    .keys = appr_keys,
};

void screen_approvals_push(yz_tui *t)
{
	appr *a = calloc(1, sizeof *a);
	if (!a)
		return;
	listview_init(&a->lv, columns, sizeof columns / sizeof columns[0], cell, a);
	tui_push(t, &appr_ops, a);
}
