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
	yz_list list;            /* selection over v */
} appr;

static void appr_enter(yz_tui *t, yz_screen *sc)
{
	appr *a = sc->data;
	yz_err err = {{0}};
	if (yz_approval_list(t->s->store, YZ_APPROVAL_PENDING, 0, a->v, APPR_MAX, &a->n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	a->list.n = a->n;
	list_scroll(&a->list, 1);
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

static int appr_height(void)
{
	return LINES - 2 - 6;
}

static void appr_draw(yz_tui *t, yz_screen *sc)
{
	appr *a = sc->data;
	char buf[640];
	tui_fmt(buf, sizeof buf, "%s (%zu)", _("Approvals pending"), a->n);
	tui_title(t, buf);
	attr_t hd = tui_attr(t, ROLE_HEADER);
	tui_put(2, 2, _("Case"), 19, hd);
	tui_put(2, 22, _("Request"), 14, hd);
	tui_put(2, 37, _("Item"), 18, hd);
	tui_put(2, 56, _("By"), 10, hd);
	tui_put(2, 67, _("Days"), COLS - 68, hd);
	if (!a->n)
		tui_put(4, 4, _("Nothing waits for a decision."), COLS - 6, tui_attr(t, ROLE_DIM));
	int h = appr_height();
	list_scroll(&a->list, h);
	for (int i = 0; i < h && a->list.top + (size_t)i < a->n; i++) {
		size_t k = a->list.top + (size_t)i;
		const yz_approval *p = &a->v[k];
		attr_t at = k == a->list.sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		int y = 3 + i;
		tui_put_pad(y, 1, "", COLS - 2, at);
		tui_put(y, 2, p->case_number, 19, at);
		tui_put(y, 22, kind_name(p->kind), 14, at);
		tui_put(y, 37, p->item, 18, at);
		tui_put(y, 56, p->requested_by, 10, at);
		tui_fmt(buf, sizeof buf, "%d", p->days);
		tui_put(y, 67, p->days ? buf : "", COLS - 68, at);
	}
	if (a->n) {
		tui_fmt(buf, sizeof buf, "%s: %s", _("Reason"), a->v[a->list.sel].reason);
		tui_put(LINES - 4, 2, buf, COLS - 4, A_BOLD);
	}
	t->cur_y = -1;
}

static void decide(yz_tui *t, appr *a, bool approve)
{
	const yz_approval *p = &a->v[a->list.sel];
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
		yz_strlcpy_utf8(no, a->v[a->list.sel].case_number, sizeof no);
		screen_case_view_push(t, no);
	} else {
		return list_key(&a->list, k, appr_height());
	}
	return true;
}

static void appr_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
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
	if (a)
		tui_push(t, &appr_ops, a);
}
