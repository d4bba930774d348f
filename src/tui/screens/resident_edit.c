/* Edit a registered resident (F6 on the person screen). The ID number stays as
 * registered; every changed field goes to the resident's history with the clerk
 * and, when typed, the case the change comes from. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct redit {
	yz_rform form; /* the rows */
	yz_resident r; /* the resident as loaded; the rows are written over it */
} redit;

static void save(yz_tui *t, redit *e)
{
	yz_resident r = e->r;
	if (!rform_read(t, &e->form, &r))
		return;
	char case_no[40];
	yz_strlcpy_utf8(case_no, panel_value(&e->form.panel, RF_CASE), sizeof case_no);
	yz_text_trim(case_no);
	yz_err err = {{0}};
	if (yz_resident_update(t->s->store, &r, t->s->user.login, case_no[0] ? case_no : NULL,
	                       &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	tui_msg(t, TUI_MSG_OK, _("Changes to %s saved."), r.name);
	tui_pop(t); /* the person screen reloads in its enter */
}

static void redit_draw(yz_tui *t, yz_screen *sc)
{
	redit *e = sc->data;
	char title[256];
	tui_fmt(title, sizeof title, _("Edit resident: %s"), e->r.name);
	tui_title(t, title);
	tui_put(2, 2, _("Changes are kept in the resident's history with your name."), COLS - 4,
	        tui_attr(t, ROLE_DIM));
	panel_draw(t, &e->form.panel, 4, LINES - 3);
}

static bool redit_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	redit *e = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_code(k, KEY_F(9)) || key_ch(k, TUI_CTRL('s'))) {
		save(t, e);
		return true;
	}
	yz_panel_event ev = rform_key(t, &e->form, k);
	if (ev == PANEL_DONE)
		save(t, e);
	return ev != PANEL_NONE;
}

static void redit_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	redit *e = sc->data;
	rform_free(&e->form);
	free(e);
}

static size_t redit_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	redit *e = sc->data;
	yz_keyhint k[4] = {{"Tab", N_("Next")}, {"F9", N_("Save")}, {"Esc", N_("Cancel")}};
	size_t c = 3;
	if (e->form.panel.focus == RF_ETHNICITY)
		k[c++] = (yz_keyhint){"Enter", N_("Choose")};
	c = c < max ? c : max;
	memcpy(out, k, c * sizeof *k);
	return c;
}

static const yz_screen_ops redit_ops = {
    .name = "resident_edit",
    .draw = redit_draw,
    .key = redit_key,
    .leave = redit_leave,
    .keys = redit_keys,
};

void screen_resident_edit_push(yz_tui *t, const yz_resident *r)
{
	redit *e = calloc(1, sizeof *e);
	if (!e)
		return;
	e->r = *r;
	rform_init(t, &e->form, r);
	tui_push(t, &redit_ops, e);
}
