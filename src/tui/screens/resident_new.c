/* A new resident: name, ID number (checked as typed, the result shown at the
 * field), phone and address, added to the registry with F9. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { R_NAME, R_IDNO, R_PHONE, R_ADDRESS, R_COUNT };

typedef struct rnew {
	yz_panel panel;             /* the four rows */
	yz_field_def defs[R_COUNT]; /* their validation */
	yz_pick_fn on_done;         /* gets the new resident */
	void *ctx;                  /* for on_done */
} rnew;

/* The check result beside the ID field: what is wrong, or what the number says. */
static void id_note(yz_tui *t, rnew *n)
{
	yz_row *r = &n->panel.rows[R_IDNO];
	const char *v = r->edit.buf;
	yz_idcard id;
	yz_id_status st = yz_idcard_check(v, t->s->today, &id);
	if (st == YZ_ID_EMPTY) {
		r->note[0] = '\0';
	} else if (st == YZ_ID_OK) {
		char born[11];
		yz_date_format(id.birth, born);
		tui_fmt(r->note, sizeof r->note, _("born %s, %s"), born,
		        id.female ? _("female") : _("male"));
	} else {
		tui_fmt(r->note, sizeof r->note, "%s", yz_idcard_message(st));
	}
}

static void save(yz_tui *t, rnew *n)
{
	for (size_t i = 0; i < R_COUNT; i++)
		if (!panel_validate(t, &n->panel, i)) {
			panel_focus(&n->panel, i);
			return;
		}
	yz_resident r = {0};
	yz_idcard id;
	if (yz_idcard_check(panel_value(&n->panel, R_IDNO), t->s->today, &id) != YZ_ID_OK) {
		panel_focus(&n->panel, R_IDNO);
		id_note(t, n);
		return;
	}
	yz_strlcpy_utf8(r.name, panel_value(&n->panel, R_NAME), sizeof r.name);
	yz_text_trim(r.name);
	memcpy(r.idno, id.number, sizeof r.idno);
	yz_date_format(id.birth, r.birth);
	r.female = id.female;
	yz_strlcpy_utf8(r.phone, panel_value(&n->panel, R_PHONE), sizeof r.phone);
	yz_strlcpy_utf8(r.address, panel_value(&n->panel, R_ADDRESS), sizeof r.address);
	yz_err err = {{0}};
	if (yz_resident_add(t->s->store, &r, t->s->user.login, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	tui_msg(t, TUI_MSG_OK, _("%s added to the registry."), r.name);
	yz_pick_fn fn = n->on_done;
	void *ctx = n->ctx;
	tui_pop(t); /* frees n */
	if (fn)
		fn(t, ctx, &r);
}

static void rnew_draw(yz_tui *t, yz_screen *sc)
{
	rnew *n = sc->data;
	tui_title(t, _("New resident"));
	tui_put(2, 2, _("Type the resident as on the ID card. Fields with * are required."),
	        COLS - 4, tui_attr(t, ROLE_DIM));
	panel_draw(t, &n->panel, 4, LINES - 3);
}

static bool rnew_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	rnew *n = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_code(k, KEY_F(9)) || key_ch(k, TUI_CTRL('s'))) {
		save(t, n);
		return true;
	}
	size_t at = n->panel.focus;
	yz_panel_event ev = panel_key(t, &n->panel, k);
	if (at == R_IDNO && (ev == PANEL_CHANGED || ev == PANEL_INVALID))
		id_note(t, n);
	if (ev == PANEL_DONE)
		save(t, n);
	return ev != PANEL_NONE;
}

static void rnew_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	rnew *n = sc->data;
	panel_free(&n->panel);
	free(n);
}

static size_t rnew_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"Tab", N_("Next")}, {"F9", N_("Save")}, {"Esc", N_("Cancel")}};
	size_t n = sizeof k / sizeof k[0];
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
}

static const yz_screen_ops rnew_ops = {
    .name = "resident_new",
    .draw = rnew_draw,
    .key = rnew_key,
    .leave = rnew_leave,
    .keys = rnew_keys,
};

static void def(yz_field_def *d, const char *id, const char *label, yz_field_type type,
                bool required, int width)
{
	/* The form model's fields are not const; these point at string literals and
	 * translations that are never written through. */
	d->id = (char *)id;
	d->label = (char *)label;
	d->type = type;
	d->required = required;
	d->width = width;
}

/* What the clerk typed in the search that found nobody is not typed twice: a
 * whole ID number goes to the ID row, anything else that is not a number to the
 * name row; the cursor goes to the first row still empty. */
static void prefill(yz_tui *t, rnew *n, const char *typed)
{
	size_t len = typed ? strlen(typed) : 0;
	if (len == 0)
		return;
	bool digits = strspn(typed, "0123456789Xx") == len;
	if (digits && len == 18) {
		panel_set_value(&n->panel, R_IDNO, typed);
		id_note(t, n);
	} else if (!digits && yz_text_width(typed) <= n->defs[R_NAME].width) {
		panel_set_value(&n->panel, R_NAME, typed);
		panel_focus(&n->panel, R_IDNO);
	}
}

void screen_resident_new_push(yz_tui *t, yz_pick_fn on_done, void *ctx, const char *typed)
{
	rnew *n = calloc(1, sizeof *n);
	if (!n)
		return;
	n->on_done = on_done;
	n->ctx = ctx;
	def(&n->defs[R_NAME], "name", _("Name"), YZ_FIELD_NAME, true, 30);
	def(&n->defs[R_IDNO], "idno", _("ID number"), YZ_FIELD_IDCARD, true, 18);
	def(&n->defs[R_PHONE], "phone", _("Phone number"), YZ_FIELD_PHONE, false, 20);
	def(&n->defs[R_ADDRESS], "address", _("Address"), YZ_FIELD_TEXT, false, 60);
	panel_init(&n->panel, t->s->today, 12);
	for (size_t i = 0; i < R_COUNT; i++)
		panel_add(&n->panel, ROW_EDIT, n->defs[i].label, &n->defs[i]);
	n->panel.value_w = 40;
	n->panel.rows[R_IDNO].edit.max_width = 18;
	panel_focus(&n->panel, R_NAME);
	prefill(t, n, typed);
	tui_push(t, &rnew_ops, n);
}
