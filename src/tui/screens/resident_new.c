/* A new resident: the record's form (forms/registry/resident.form: name, ID
 * number checked as typed with the result shown at the field, phone,
 * addresses, ethnicity, category, employment …), added to the registry with
 * F9 or Enter on the last field. The duplicate guard: an ID number already registered is
 * refused (with the name it belongs to); the same name at the same address is
 * shown to the clerk, who says whether it is another person. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { DUPS_MAX = 4 };

typedef struct rnew {
	yz_rform form;      /* the rows */
	yz_pick_fn on_done; /* gets the new resident */
	void *ctx;          /* for on_done */
} rnew;

/* The ID number is somebody's already: say whose, do not add. */
static bool id_taken(yz_tui *t, const yz_resident *r)
{
	yz_resident old;
	if (yz_service_resident_by_idno(t->s, r->idno, &old, NULL) != 0)
		return false;
	char masked[19];
	yz_idcard_mask(old.idno, masked);
	tui_msg(
	    t, TUI_MSG_ERROR,
	    _("ID number %s is already registered to %s (%s). Press Esc and find them with F3."),
	    masked, old.name, old.address);
	return true;
}

/* Somebody of the same name lives at the same address: ask before adding. */
static bool same_person_feared(yz_tui *t, const yz_resident *r)
{
	yz_resident dups[DUPS_MAX];
	size_t n = 0;
	if (yz_service_resident_duplicates(t->s, r, dups, DUPS_MAX, &n, NULL) != 0 || n == 0)
		return false;
	char text[1024], masked[19];
	size_t o = 0;
	tui_fmt(text, sizeof text, _("The registry already has %s at this address:"), r->name);
	o = strlen(text);
	for (size_t i = 0; i < n && o + 1 < sizeof text; i++) {
		yz_idcard_mask(dups[i].idno, masked);
		tui_fmt(text + o, sizeof text - o, "\n  %s  %s  %s", dups[i].name, masked,
		        dups[i].birth);
		o = strlen(text);
	}
	tui_fmt(text + o, sizeof text - o, "\n\n%s",
	        _("Is this a different person? Y adds them; N goes back."));
	if (tui_confirm(t, _("Same name at the same address"), text))
		return false;
	tui_msg(t, TUI_MSG_INFO, _("Not added. Press Esc and find the registered person with F3."));
	return true;
}

static void save(yz_tui *t, rnew *n)
{
	yz_resident r = {0};
	if (!rform_read(t, &n->form, &r))
		return;
	if (id_taken(t, &r)) {
		rform_focus(&n->form, YZ_RITEM_IDNO);
		return;
	}
	if (same_person_feared(t, &r))
		return;
	yz_err err = {{0}};
	if (yz_service_resident_add(t->s, &r, &err) != 0) {
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
	rform_draw(t, &n->form, 4, LINES - 3);
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
	bool done = false, used = rform_key(t, &n->form, k, &done);
	if (done)
		save(t, n);
	return used;
}

static void rnew_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	rnew *n = sc->data;
	rform_free(&n->form);
	free(n);
}

static size_t rnew_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	rnew *n = sc->data;
	return rform_keys(&n->form, out, max);
}

static char *rnew_help(yz_tui *t, yz_screen *sc, char *title, size_t size)
{
	(void)t;
	rnew *n = sc->data;
	return rform_help(&n->form, title, size);
}

static const yz_screen_ops rnew_ops = {
    .name = "resident_new",
    .draw = rnew_draw,
    .key = rnew_key,
    .leave = rnew_leave,
    .keys = rnew_keys,
    .help = rnew_help,
};

/* What the clerk typed in the search that found nobody is not typed twice: a
 * whole ID number goes to the ID row, anything else that is not a number to the
 * name row; the cursor goes to the first row still empty. */
static void prefill(rnew *n, const char *typed)
{
	size_t len = typed ? strlen(typed) : 0;
	if (len == 0)
		return;
	bool digits = strspn(typed, "0123456789Xx") == len;
	const yz_field_def *name = rform_field(&n->form, YZ_RITEM_NAME);
	if (digits && len == 18) {
		rform_set(&n->form, YZ_RITEM_IDNO, typed);
	} else if (!digits && (unsigned char)typed[0] >= 0x80 && name &&
	           yz_text_width(typed) <= (name->width > 0 ? name->width : 30)) {
		rform_set(&n->form, YZ_RITEM_NAME, typed);
		rform_focus(&n->form, YZ_RITEM_IDNO);
	}
}

void screen_resident_new_push(yz_tui *t, yz_pick_fn on_done, void *ctx, const char *typed)
{
	rnew *n = calloc(1, sizeof *n);
	if (!n)
		return;
	n->on_done = on_done;
	n->ctx = ctx;
	if (!rform_init(t, &n->form, NULL)) {
		free(n);
		return;
	}
	prefill(n, typed);
	tui_push(t, &rnew_ops, n);
}
