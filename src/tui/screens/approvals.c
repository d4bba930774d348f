/* The station head's approvals: refusals, extensions and the closing of badly
 * rated complaints wait here; A approves and J rejects, each with a note. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { APPR_MAX = 200 };

/* The list screen's data. */
typedef struct appr {
	yz_approval v[APPR_MAX];  /* the pending requests, oldest first */
	char by[APPR_MAX][64];    /* who asked, by name */
	char asked[APPR_MAX][11]; /* the local day it was asked */
} appr;

/* The selected request; NULL when there is none. */
static const yz_approval *selected(const yz_listscreen *ls)
{
	size_t row;
	return listscreen_selected(ls, &row) ? &((const appr *)ls->data)->v[row] : NULL;
}

/* The local day of a stored UTC time ("" when it is not one). */
static void local_day(const char *utc, char out[11])
{
	time_t when = yz_utc_parse(utc);
	struct tm tm;
	out[0] = '\0';
	if (when != (time_t)-1 && localtime_r(&when, &tm))
		strftime(out, 11, "%Y-%m-%d", &tm);
}

static size_t appr_load(yz_tui *t, yz_listscreen *ls)
{
	appr *a = ls->data;
	size_t n = 0;
	yz_err err = {{0}};
	if (yz_service_approval_list(t->s, YZ_APPROVAL_PENDING, a->v, APPR_MAX, &n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	for (size_t i = 0; i < n; i++) {
		yz_service_user_name(t->s, a->v[i].requested_by, a->by[i], sizeof a->by[i]);
		local_day(a->v[i].requested_at, a->asked[i]);
	}
	return n;
}

static const char *kind_name(yz_approval_kind kind)
{
	switch (kind) {
	case YZ_APPROVAL_REFUSE:
		return _("Not accepted");
	case YZ_APPROVAL_EXTENSION:
		return _("Extension");
	case YZ_APPROVAL_BAD_RATING:
		return _("Close (bad rating)");
	case YZ_APPROVAL_KIND_UNKNOWN:
		break;
	}
	return _("unknown");
}

static const yz_column columns[] = {
    {N_("Case"), COL_FIT, 24, 0, false},  {N_("Request"), COL_FIT, 18, 0, false},
    {N_("Item"), COL_FLEX, 10, 1, false}, {N_("By"), COL_FIT, 12, 0, false},
    {N_("Asked"), COL_FIT, 10, 0, false}, {N_("Days"), COL_FIT, 4, 0, true},
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
		return ((appr *)ctx)->by[row];
	case 4:
		return ((appr *)ctx)->asked[row];
	default:
		tui_fmt(buf, n, "%d", p->days);
		return p->days ? buf : "";
	}
}

/* The selected request's reason in full, below the list. */
static void appr_draw(yz_tui *t, yz_listscreen *ls)
{
	(void)t;
	const yz_approval *p = selected(ls);
	char buf[640];
	if (!p)
		return;
	tui_fmt(buf, sizeof buf, "%s: %s", _("Reason"), p->reason);
	tui_put(LINES - 4, 2, buf, COLS - 4, A_BOLD);
}

static void decide(yz_tui *t, yz_listscreen *ls, const yz_approval *p, bool approve)
{
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
	listscreen_reload(t, ls);
}

/* A and J decide the selected request, Enter opens its case. */
static bool appr_key(yz_tui *t, yz_listscreen *ls, tui_key k)
{
	const yz_approval *p = selected(ls);
	if (!p)
		return false;
	if (key_ch(k, 'a') || key_ch(k, 'A')) {
		decide(t, ls, p, true);
	} else if (key_ch(k, 'j') || key_ch(k, 'J')) {
		decide(t, ls, p, false);
	} else if (key_enter(k)) {
		char no[40];
		yz_strlcpy_utf8(no, p->case_number, sizeof no);
		screen_case_view_push(t, no);
	} else {
		return false;
	}
	return true;
}

static const yz_keyhint keys[] = {
    {"Esc", N_("Back")}, {"A", N_("Approve")}, {"J", N_("Reject")}, {"Enter", N_("Open case")}};

static const yz_listscreen_def appr_def = {
    .title = N_("Approvals pending"),
    .count = true,
    .empty = N_("Nothing waits for a decision."),
    .cols = columns,
    .n_cols = sizeof columns / sizeof columns[0],
    .cell = cell,
    .below = 3, /* the reason */
    .load = appr_load,
    .draw = appr_draw,
    .key = appr_key,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .n_keys_empty = 1, /* Esc */
};

void screen_approvals_push(yz_tui *t)
{
	listscreen_push(t, &appr_def, calloc(1, sizeof(appr)));
}
