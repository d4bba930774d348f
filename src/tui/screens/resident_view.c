/* One resident and the members of their household. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { MEMBERS_MAX = 32 };

typedef struct rview {
	yz_resident r;                    /* the person */
	yz_resident members[MEMBERS_MAX]; /* their household, head first */
	size_t n_members;
} rview;

static void kv(int y, const char *k, const char *v)
{
	tui_put(y, 4, k, 14, A_BOLD);
	tui_put(y, 18, v, COLS - 20, A_NORMAL);
}

static void rview_draw(yz_tui *t, yz_screen *sc)
{
	rview *v = sc->data;
	const yz_resident *r = &v->r;
	char masked[19];
	yz_idcard_mask(r->idno, masked);
	tui_title(t, _("Resident"));
	kv(2, _("Name"), r->name);
	kv(3, _("ID number"), masked);
	kv(4, _("Sex"), r->female ? _("female") : _("male"));
	kv(5, _("Born"), r->birth);
	kv(6, _("Ethnicity"), r->ethnicity);
	kv(7, _("Phone number"), r->phone);
	kv(8, _("Address"), r->address);
	kv(9, _("Relation"), r->relation);
	attr_t h = tui_attr(t, ROLE_HEADER);
	tui_put(11, 2, _("Household members"), 40, h);
	if (v->n_members == 0)
		tui_put(12, 4, _("(not in a household)"), 40, tui_attr(t, ROLE_DIM));
	for (size_t i = 0; i < v->n_members && 12 + (int)i < LINES - 2; i++) {
		const yz_resident *m = &v->members[i];
		int y = 12 + (int)i;
		attr_t a = m->id == r->id ? A_BOLD : A_NORMAL;
		yz_idcard_mask(m->idno, masked);
		tui_put(y, 4, m->relation, 10, a);
		tui_put(y, 16, m->name, 16, a);
		tui_put(y, 34, masked, 20, a);
		tui_put(y, 56, m->birth, 12, a);
	}
}

static bool rview_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	(void)sc;
	if (key_esc(k) || key_enter(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	return false;
}

static void rview_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t rview_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	if (max < 1)
		return 0;
	out[0] = (yz_keyhint){"Esc", N_("Back")};
	return 1;
}

static const yz_screen_ops rview_ops = {
    .name = "resident_view",
    .draw = rview_draw,
    .key = rview_key,
    .leave = rview_leave,
    .keys = rview_keys,
};

void screen_resident_view_push(yz_tui *t, const yz_resident *r)
{
	rview *v = calloc(1, sizeof *v);
	if (!v)
		return;
	v->r = *r;
	yz_err err = {{0}};
	if (r->household_id && yz_household_members(t->s->store, r->household_id, v->members,
	                                            MEMBERS_MAX, &v->n_members, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	tui_push(t, &rview_ops, v);
}
