/* Edit a registered resident (F6 on the person screen) with the record's form
 * (forms/registry/resident.form). The ID number stays as registered; every
 * changed field goes to the resident's history with the clerk and, when typed,
 * the case the change comes from (the line after the fields). */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct redit {
	yz_rform form; /* the record; form.r is the resident as loaded */
} redit;

static void save(yz_tui *t, redit *e)
{
	yz_resident r = e->form.r; /* the values are written over it */
	if (!rform_read(t, &e->form, &r))
		return;
	char case_no[40];
	yz_strlcpy_utf8(case_no, yz_line_text(&e->form.from_case), sizeof case_no);
	yz_text_trim(case_no);
	yz_err err = {{0}};
	if (yz_service_resident_update(t->s, &r, case_no, &err) != 0) {
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
	tui_fmt(title, sizeof title, _("Edit resident: %s"), e->form.r.name);
	tui_title(t, title);
	tui_put(2, 2, _("Changes are kept in the resident's history with your name."), COLS - 4,
	        tui_attr(t, ROLE_DIM));
	rform_draw(t, &e->form, 4, LINES - 3);
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
	bool done = false, used = rform_key(t, &e->form, k, &done);
	if (done)
		save(t, e);
	return used;
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
	return rform_keys(&e->form, out, max);
}

static char *redit_help(yz_tui *t, yz_screen *sc, char *title, size_t size)
{
	(void)t;
	redit *e = sc->data;
	return rform_help(&e->form, title, size);
}

static const yz_screen_ops redit_ops = {
    .name = "resident_edit",
    .draw = redit_draw,
    .key = redit_key,
    .leave = redit_leave,
    .keys = redit_keys,
    .help = redit_help,
};

void screen_resident_edit_push(yz_tui *t, const yz_resident *r)
{
	redit *e = calloc(1, sizeof *e);
	if (!e)
		return;
	if (!rform_init(t, &e->form, r)) {
		free(e);
		return;
	}
	tui_push(t, &redit_ops, e);
}
