/* A person's record on the counter, shared by the new-resident screen and the
 * edit screen: forms/registry/resident.form (the service loads and checks it)
 * filled with the form engine and drawn with the form view, like every
 * service item. Beside that: the ID number's check shown at the field (birth
 * and sex when it is right), Enter on the ethnicity opens the GB/T 3304 list,
 * the ID number stays as registered when editing, and an edit has one line
 * more after the fields, the case the change comes from. The service turns
 * the values into the registry's record (yz_service_resident_read). */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

const yz_field_def *rform_field(const yz_rform *f, yz_resident_item item)
{
	for (size_t i = 0; i < f->form->n_fields; i++)
		if (yz_service_resident_item(&f->form->fields[i]) == item)
			return &f->form->fields[i];
	return NULL;
}

bool rform_init(yz_tui *t, yz_rform *f, const yz_resident *r)
{
	yz_err err = {{0}};

	memset(f, 0, sizeof *f);
	if ((f->form = yz_service_resident_form(t->s, &err)) == NULL) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return false;
	}
	yz_service_eval_env(t->s, &f->env);
	f->eng = yz_engine_new(f->form, &f->env);
	if (!f->eng || !yz_line_init(&f->from_case, 30, false)) {
		rform_free(f);
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return false;
	}
	f->edit = r != NULL;
	if (r) {
		yz_values v = {0};
		f->r = *r;
		yz_service_resident_values(f->form, r, &v);
		yz_engine_load(f->eng, &v);
		yz_values_clear(&v);
	}
	f->fv.eng = f->eng;
	f->fv.s = t->s;
	f->fv.env = f->env;
	return true;
}

void rform_free(yz_rform *f)
{
	yz_engine_free(f->eng);
	yz_form_free(f->form);
	yz_line_free(&f->from_case);
	memset(f, 0, sizeof *f);
}

void rform_focus(yz_rform *f, yz_resident_item item)
{
	const yz_field_def *d = rform_field(f, item);

	if (d && yz_engine_goto(f->eng, (size_t)(d - f->form->fields), 0, 0))
		f->on_case = false;
}

void rform_set(yz_rform *f, yz_resident_item item, const char *v)
{
	const yz_field_def *d = rform_field(f, item);
	size_t at = yz_engine_field_index(f->eng);

	if (d && yz_engine_goto(f->eng, (size_t)(d - f->form->fields), 0, 0)) {
		yz_engine_set_text(f->eng, v);
		yz_engine_goto(f->eng, at, 0, 0);
	}
}

/* ---- drawing ----------------------------------------------------------------------- */

/* The check result beside the ID number: what is wrong, or what it says. */
static void id_note(yz_tui *t, yz_rform *f)
{
	const yz_field_def *d = rform_field(f, YZ_RITEM_IDNO);
	const char *v = d ? yz_values_get(yz_engine_values(f->eng), d->id) : NULL;
	yz_idcard id;
	yz_id_status st;

	f->fv.note[0] = '\0';
	if (!d || !v)
		return;
	f->fv.note_field = (size_t)(d - f->form->fields);
	st = yz_idcard_check(v, t->s->today, &id);
	if (st == YZ_ID_OK) {
		char born[11];
		yz_date_format(id.birth, born);
		tui_fmt(f->fv.note, sizeof f->fv.note, _("born %s, %s"), born,
		        id.female ? _("female") : _("male"));
	} else if (st != YZ_ID_EMPTY) {
		tui_fmt(f->fv.note, sizeof f->fv.note, "%s", yz_idcard_message(st));
	}
}

/* Editing: the line after the fields, the case the change comes from. */
static void draw_case(yz_tui *t, void *ctx, size_t i, int y, bool focus)
{
	yz_rform *f = ctx;
	char label[128];
	int lw = f->fv.label_w, cx;

	(void)i;
	tui_fmt(label, sizeof label, " %s", _("From case"));
	int lx = 1 + lw - yz_text_width(label);
	tui_put(y, lx > 1 ? lx : 1, label, lw, focus ? A_BOLD : A_NORMAL);
	tui_line_draw(&f->from_case, y, 2 + lw + 1, f->from_case.max_width + 1,
	              tui_attr(t, focus ? ROLE_FOCUS : ROLE_FIELD), &cx);
	if (focus) {
		t->cur_y = y;
		t->cur_x = cx;
	}
}

static bool on_ethnicity(const yz_rform *f)
{
	return !f->on_case &&
	       yz_service_resident_item(yz_engine_cell_def(f->eng)) == YZ_RITEM_ETHNICITY;
}

void rform_draw(yz_tui *t, yz_rform *f, int y0, int y1)
{
	char hint[512] = "";

	id_note(t, f);
	formview_draw(t, &f->fv, y0, y1, f->edit ? 1 : 0, f->on_case ? 0 : -1, draw_case, f);
	if (on_ethnicity(f))
		tui_fmt(hint, sizeof hint, "%s",
		        _("Enter opens the list of ethnicities (GB/T 3304)"));
	else if (!f->on_case)
		formview_hint(&f->fv, hint, sizeof hint);
	tui_put(y1, 2, hint, COLS - 4, tui_attr(t, ROLE_DIM));
}

/* ---- keys ---------------------------------------------------------------------------- */

/* Enter on the ethnicity: the GB/T 3304 list, "01 name" per line. */
static void pick_ethnicity(yz_tui *t, yz_rform *f)
{
	char *items[128];
	size_t n = 0, sel = 0;
	const char *code, *name, *now = yz_engine_text(f->eng);
	for (; n < 128 && (name = yz_service_ethnicity_at(n, &code)) != NULL; n++) {
		size_t len = strlen(code) + strlen(name) + 2;
		items[n] = malloc(len);
		if (!items[n])
			break;
		tui_fmt(items[n], len, "%s %s", code, name);
		if (strcmp(name, now) == 0 || strcmp(code, now) == 0)
			sel = n;
	}
	long i = tui_pick(t, _("Ethnicity"), items, n, sel);
	if (i >= 0) {
		yz_engine_set_text(f->eng, yz_service_ethnicity_at((size_t)i, &code));
		tui_msg_clear(t);
	}
	for (size_t k = 0; k < n; k++)
		free(items[k]);
}

/* Tab/Enter (forward) or Shift-Tab. Past the last field: the case line when
 * editing, else saving (*save). */
static void step(yz_tui *t, yz_rform *f, bool forward, bool *save)
{
	formview_resolve_choice(&f->fv);
	yz_key_result r = yz_engine_key(f->eng, forward ? YZ_KEY_NEXT : YZ_KEY_PREV, 0);
	if (forward && r == YZ_KEY_REFUSED) {
		tui_msg_clear(t);
		if (f->edit)
			f->on_case = true;
		else
			*save = true;
		return;
	}
	formview_report(t, &f->fv, r);
}

/* Keys of the case line. */
static bool case_key(yz_tui *t, yz_rform *f, tui_key k, bool *save)
{
	if (key_enter(k) || key_ch(k, '\t') || key_code(k, KEY_DOWN)) {
		*save = true;
		return true;
	}
	if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP)) {
		f->on_case = false;
		return true;
	}
	return tui_line_key(t, &f->from_case, k, NULL);
}

/* A key that would change the registered ID number. */
static bool changes_id(const yz_rform *f, tui_key k)
{
	yz_line_op op;

	if (!f->edit || yz_service_resident_item(yz_engine_cell_def(f->eng)) != YZ_RITEM_IDNO)
		return false;
	return tui_line_op(k, &op) ? op >= YZ_LINE_BACKSPACE : key_printable(k);
}

static bool on_name(const yz_rform *f)
{
	return !f->on_case && yz_service_resident_item(yz_engine_cell_def(f->eng)) == YZ_RITEM_NAME;
}

/* F2 on the name: marked as a foreign or minority-script name (letters other
 * than Chinese characters accepted when saving), or the mark taken off; as on
 * a service item's form (issue 12). */
static void mark_name(yz_tui *t, yz_rform *f)
{
	f->name_other = !f->name_other;
	tui_msg(t, TUI_MSG_INFO, "%s",
	        f->name_other
	            ? _("Marked as a foreign or minority-script name: letters other than Chinese "
	                "characters are accepted.")
	            : _("Mark taken off: the name is written in Chinese characters."));
}

bool rform_key(yz_tui *t, yz_rform *f, tui_key k, bool *save)
{
	*save = false;
	if (f->on_case)
		return case_key(t, f, k, save);
	if (on_name(f) && key_code(k, KEY_F(2))) {
		mark_name(t, f);
		return true;
	}
	if (on_ethnicity(f) && key_enter(k)) {
		pick_ethnicity(t, f);
		return true;
	}
	if (key_enter(k) || key_ch(k, '\t') || key_code(k, KEY_DOWN))
		step(t, f, true, save);
	else if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP))
		step(t, f, false, save);
	else if (key_code(k, KEY_NPAGE) || key_code(k, KEY_PPAGE)) {
		formview_resolve_choice(&f->fv);
		formview_run(t, &f->fv,
		             key_code(k, KEY_NPAGE) ? YZ_KEY_PAGE_NEXT : YZ_KEY_PAGE_PREV, 0);
	} else if (changes_id(f, k))
		tui_msg(
		    t, TUI_MSG_INFO, "%s",
		    _("The ID number stays as registered; a wrong one needs a new registration."));
	else
		return formview_edit_key(t, &f->fv, k);
	return true;
}

bool rform_read(yz_tui *t, yz_rform *f, yz_resident *r)
{
	yz_err err = {{0}};
	long field = -1;

	formview_resolve_choice(&f->fv);
	yz_key_result kr = yz_engine_submit(f->eng);
	if (kr != YZ_KEY_SUBMITTED) {
		f->on_case = false;
		formview_report(t, &f->fv, kr);
		return false;
	}
	/* The values with the name's mark (F2), for the service's name check. */
	const yz_values *ev = yz_engine_values(f->eng);
	const yz_field_def *name = rform_field(f, YZ_RITEM_NAME);
	yz_values v = {0};
	char key[128];
	for (size_t i = 0; i < ev->n; i++)
		yz_values_set(&v, ev->keys[i], ev->vals[i]);
	if (name && f->name_other) {
		tui_fmt(key, sizeof key, "%s%s", name->id, YZ_NAME_MARK_SUFFIX);
		yz_values_set(&v, key, YZ_NAME_MARK_OTHER);
	}
	int rc = yz_service_resident_read(t->s, f->form, &v, r, &field, &err);
	yz_values_clear(&v);
	if (rc != 0) {
		if (field >= 0 && yz_engine_goto(f->eng, (size_t)field, 0, 0))
			f->on_case = false;
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return false;
	}
	return true;
}

tui_field_kind rform_field_kind(const yz_rform *f, tui_focus *at)
{
	if (f->on_case) /* the case the change comes from: a case number */
		return TUI_FIELD_NONE;
	const yz_field_def *d = yz_engine_cell_def(f->eng);
	*at = (tui_focus){d, yz_engine_text(f->eng), yz_engine_cursor(f->eng)};
	return formview_field_kind(d);
}

size_t rform_keys(yz_rform *f, yz_keyhint *out, size_t max)
{
	yz_keyhint k[5] = {{"Tab", N_("Next")}, {"F9", N_("Save")}, {"Esc", N_("Cancel")}};
	size_t n = 3;
	if (on_ethnicity(f))
		k[n++] = (yz_keyhint){"Enter", N_("Choose")};
	if (on_name(f)) /* issue 12: a name in another script */
		k[n++] =
		    (yz_keyhint){"F2", f->name_other ? N_("Chinese name") : N_("Foreign name")};
	return tui_put_keys(out, max, k, n);
}

char *rform_help(yz_rform *f, char *title, size_t n)
{
	const yz_field_def *d = yz_engine_cell_def(f->eng);
	char hint[512] = "";

	if (f->on_case || !d) {
		tui_fmt(title, n, "%s", _("From case"));
		return yz_strdup_printf("%s\n",
		                        _("The number of the case this change comes from, "
		                          "if it comes from one; it is kept in the history."));
	}
	tui_fmt(title, n, "%s", d->label);
	formview_hint(&f->fv, hint, sizeof hint);
	return yz_strdup_printf("%s%s%s\n",
	                        d->help ? d->help : _("No help was written for this field."),
	                        *hint ? "\n\n" : "", hint);
}
