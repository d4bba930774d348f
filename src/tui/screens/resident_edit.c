/* Edit a registered resident (F6 on the person screen) with the record's form
 * (forms/registry/resident.form). The ID number stays as registered; every
 * changed field goes to the resident's history with the clerk and, when typed,
 * the case the change comes from (the line after the fields). */
#include "../../intl.h"
#include "../tui_int.h"

/* The edited person (f->r as loaded) with the form's values into r, saved. */
static bool save(yz_tui *t, yz_rform *f, yz_resident *r)
{
	*r = f->r; /* the values are written over it */
	if (!rform_read(t, f, r))
		return false;
	char case_no[40];
	yz_strlcpy_utf8(case_no, yz_line_text(&f->from_case), sizeof case_no);
	yz_text_trim(case_no);
	yz_err err = {{0}};
	if (yz_service_resident_update(t->s, r, case_no, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return false;
	}
	tui_msg(t, TUI_MSG_OK, _("Changes to %s saved."), r->name);
	return true;
}

static const yz_rscreen_kind edit_kind = {
    .title = N_("Edit resident: %s"),
    .hint = N_("Changes are kept in the resident's history with your name."),
    .save = save,
};

void screen_resident_edit_push(yz_tui *t, const yz_resident *r)
{
	rscreen_push(t, rscreen_new(t, &edit_kind, r, NULL, NULL));
}
