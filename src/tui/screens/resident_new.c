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

/* The form's values into r, added to the registry unless the person is
 * registered already. */
static bool save(yz_tui *t, yz_rform *f, yz_resident *r)
{
	*r = (yz_resident){0};
	if (!rform_read(t, f, r))
		return false;
	if (id_taken(t, r)) {
		rform_focus(f, YZ_RITEM_IDNO);
		return false;
	}
	if (same_person_feared(t, r))
		return false;
	yz_err err = {{0}};
	if (yz_service_resident_add(t->s, r, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return false;
	}
	tui_msg(t, TUI_MSG_OK, _("%s added to the registry."), r->name);
	return true;
}

static const yz_rscreen_kind new_kind = {
    .title = N_("New resident"),
    .hint = N_("Type the resident as on the ID card. Fields with * are required."),
    .save = save,
};

/* What the clerk typed in the search that found nobody is not typed twice: a
 * whole ID number goes to the ID row, anything else that is not a number to the
 * name row; the cursor goes to the first row still empty. */
static void prefill(yz_rform *f, const char *typed)
{
	size_t len = typed ? strlen(typed) : 0;
	if (len == 0)
		return;
	bool digits = strspn(typed, "0123456789Xx") == len;
	const yz_field_def *name = rform_field(f, YZ_RITEM_NAME);
	if (digits && len == 18) {
		rform_set(f, YZ_RITEM_IDNO, typed);
	} else if (!digits && (unsigned char)typed[0] >= 0x80 && name &&
	           yz_text_width(typed) <= (name->width > 0 ? name->width : 30)) {
		rform_set(f, YZ_RITEM_NAME, typed);
		rform_focus(f, YZ_RITEM_IDNO);
	}
}

void screen_resident_new_push(yz_tui *t, yz_pick_fn on_done, void *ctx, const char *typed)
{
	yz_rscreen *rs = rscreen_new(t, &new_kind, NULL, on_done, ctx);
	if (rs)
		prefill(&rs->form, typed);
	rscreen_push(t, rs);
}
