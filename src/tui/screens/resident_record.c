/* The resident's record on a screen of its own: a new person (resident_new.c)
 * and a change to a registered one (resident_edit.c) are this one screen with
 * the record's form (resident_form.c). Both draw the form under a title and a
 * line of hint, take the form's keys, save with F9, Ctrl-S or Enter on the
 * last line, and leave with Esc (nothing saved); a kind says the title, the
 * hint and what saving does. */
#include <stdlib.h>

#include "../../intl.h"
#include "../tui_int.h"

/* Save as the kind says; once saved the screen leaves, then on_done gets the
 * person (a search that was waiting for them). */
static void rs_save(yz_tui *t, yz_rscreen *rs)
{
	yz_resident r;
	if (!rs->kind->save(t, &rs->form, &r))
		return;
	yz_pick_fn fn = rs->on_done;
	void *ctx = rs->ctx;
	tui_pop(t); /* frees rs; the screen below reloads in its enter */
	if (fn)
		fn(t, ctx, &r);
}

static void rs_draw(yz_tui *t, yz_screen *sc)
{
	yz_rscreen *rs = sc->data;
	char title[256];
	tui_fmt(title, sizeof title, _(rs->kind->title), rs->form.r.name);
	tui_title(t, title);
	tui_put(2, 2, _(rs->kind->hint), COLS - 4, tui_attr(t, ROLE_DIM));
	rform_draw(t, &rs->form, 4, LINES - 3);
}

static bool rs_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	yz_rscreen *rs = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_code(k, KEY_F(9)) || key_ch(k, TUI_CTRL('s'))) {
		rs_save(t, rs);
		return true;
	}
	bool done = false, used = rform_key(t, &rs->form, k, &done);
	if (done)
		rs_save(t, rs);
	return used;
}

static void rs_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	yz_rscreen *rs = sc->data;
	rform_free(&rs->form);
	free(rs);
}

static size_t rs_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	yz_rscreen *rs = sc->data;
	return rform_keys(&rs->form, out, max);
}

static char *rs_help(yz_tui *t, yz_screen *sc, char *title, size_t size)
{
	(void)t;
	yz_rscreen *rs = sc->data;
	return rform_help(&rs->form, title, size);
}

static tui_field_kind rs_field(yz_tui *t, yz_screen *sc, tui_focus *at)
{
	(void)t;
	yz_rscreen *rs = sc->data;
	return rform_field_kind(&rs->form, at);
}

static const yz_screen_ops rscreen_ops = {
    .name = "resident_record",
    .draw = rs_draw,
    .key = rs_key,
    .leave = rs_leave,
    .keys = rs_keys,
    .help = rs_help,
    .field = rs_field,
};

yz_rscreen *rscreen_new(yz_tui *t, const yz_rscreen_kind *kind, const yz_resident *r,
                        yz_pick_fn on_done, void *ctx)
{
	yz_rscreen *rs = calloc(1, sizeof *rs);
	if (!rs)
		return NULL;
	if (!rform_init(t, &rs->form, r)) {
		free(rs);
		return NULL;
	}
	rs->kind = kind;
	rs->on_done = on_done;
	rs->ctx = ctx;
	return rs;
}

void rscreen_push(yz_tui *t, yz_rscreen *rs)
{
	if (rs)
		tui_push(t, &rscreen_ops, rs);
}
