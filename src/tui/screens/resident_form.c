/* The rows a resident is typed into, shared by the new-resident screen and the
 * edit screen: name, ID number (checked as typed; read-only once registered),
 * phone, residence and hukou addresses, ethnicity (picked from the GB/T 3304
 * list), category, employment, notes, and when editing the case the change
 * comes from. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

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

/* A choice row over a store label table (label_at(from), label_at(from+1), …). */
static void choice_def(yz_field_def *d, char **opts, size_t max, const char *(*label_at)(int),
                       int from)
{
	size_t n = 0;
	for (const char *l; n < max && (l = label_at(from + (int)n)) != NULL; n++)
		opts[n] = (char *)l;
	d->type = YZ_FIELD_CHOICE;
	d->options = opts;
	d->n_options = n;
}

static const char *category_at(int i)
{
	static const char *const cats[] = {YZ_CAT_REGISTERED, YZ_CAT_RESIDENT, YZ_CAT_FLOATING};
	return i >= 0 && i < 3 ? cats[i] : NULL;
}

/* The check result beside the ID field: what is wrong, or what the number says. */
void rform_id_note(yz_tui *t, yz_rform *f)
{
	yz_row *r = &f->panel.rows[RF_IDNO];
	if (r->kind != ROW_EDIT)
		return;
	yz_idcard id;
	yz_id_status st = yz_idcard_check(r->edit.buf, t->s->today, &id);
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

void rform_init(yz_tui *t, yz_rform *f, const yz_resident *r)
{
	memset(f, 0, sizeof *f);
	f->edit = r != NULL;
	def(&f->defs[RF_NAME], "name", _("Name"), YZ_FIELD_NAME, true, 30);
	def(&f->defs[RF_IDNO], "idno", _("ID number"), YZ_FIELD_IDCARD, true, 18);
	def(&f->defs[RF_PHONE], "phone", _("Phone number"), YZ_FIELD_PHONE, false, 20);
	def(&f->defs[RF_ADDRESS], "address", _("Address"), YZ_FIELD_TEXT, false, 60);
	def(&f->defs[RF_HUKOU], "hukou", _("Hukou address"), YZ_FIELD_TEXT, false, 60);
	def(&f->defs[RF_ETHNICITY], "ethnicity", _("Ethnicity"), YZ_FIELD_TEXT, false, 20);
	def(&f->defs[RF_CATEGORY], "category", _("Category"), YZ_FIELD_CHOICE, false, 20);
	choice_def(&f->defs[RF_CATEGORY], f->cat_opts, 3, category_at, 0);
	def(&f->defs[RF_EMPLOYMENT], "employment", _("Employment"), YZ_FIELD_CHOICE, false, 20);
	choice_def(&f->defs[RF_EMPLOYMENT], f->emp_opts, RF_MAX_OPTS, yz_employment_label, 1);
	def(&f->defs[RF_NOTES], "notes", _("Notes"), YZ_FIELD_TEXT, false, 60);
	def(&f->defs[RF_CASE], "case", _("From case"), YZ_FIELD_TEXT, false, 30);
	panel_init(&f->panel, t->s->today, 12);
	size_t rows = f->edit ? RF_COUNT : RF_CASE;
	for (size_t i = 0; i < rows; i++) {
		yz_row_kind k = i == RF_ETHNICITY                    ? ROW_BUTTON
		                : i == RF_IDNO && f->edit            ? ROW_BUTTON
		                : f->defs[i].type == YZ_FIELD_CHOICE ? ROW_CHOICE
		                                                     : ROW_EDIT;
		panel_add(&f->panel, k, f->defs[i].label, &f->defs[i]);
	}
	f->panel.value_w = 40;
	if (!f->edit)
		f->panel.rows[RF_IDNO].edit.max_width = 18;
	if (r) {
		panel_set_value(&f->panel, RF_NAME, r->name);
		panel_set_value(&f->panel, RF_IDNO, r->idno);
		panel_set_value(&f->panel, RF_PHONE, r->phone);
		panel_set_value(&f->panel, RF_ADDRESS, r->address);
		panel_set_value(&f->panel, RF_HUKOU, r->hukou_address);
		panel_set_value(&f->panel, RF_ETHNICITY, r->ethnicity);
		panel_set_value(&f->panel, RF_CATEGORY, r->category);
		panel_set_value(&f->panel, RF_EMPLOYMENT, r->employment);
		panel_set_value(&f->panel, RF_NOTES, r->notes);
	} else {
		panel_set_value(&f->panel, RF_ETHNICITY, "");
	}
	panel_focus(&f->panel, RF_NAME);
}

void rform_free(yz_rform *f)
{
	panel_free(&f->panel);
}

/* Enter on the ethnicity row: the GB/T 3304 list, "01 name" per line. */
static void pick_ethnicity(yz_tui *t, yz_rform *f)
{
	char *items[128];
	size_t n = 0, sel = 0;
	const char *code, *name, *now = panel_value(&f->panel, RF_ETHNICITY);
	for (; n < 128 && (name = yz_ethnicity_at(n, &code)) != NULL; n++) {
		size_t len = strlen(code) + strlen(name) + 2;
		items[n] = malloc(len);
		if (!items[n])
			break;
		tui_fmt(items[n], len, "%s %s", code, name);
		if (strcmp(name, now) == 0)
			sel = n;
	}
	long i = tui_pick(t, _("Ethnicity"), items, n, sel);
	if (i >= 0)
		panel_set_value(&f->panel, RF_ETHNICITY, yz_ethnicity_at((size_t)i, &code));
	for (size_t k = 0; k < n; k++)
		free(items[k]);
}

yz_panel_event rform_key(yz_tui *t, yz_rform *f, tui_key k)
{
	size_t at = f->panel.focus;
	yz_panel_event ev = panel_key(t, &f->panel, k);
	if (ev == PANEL_BUTTON && at == RF_ETHNICITY) {
		pick_ethnicity(t, f);
		ev = PANEL_CHANGED;
	}
	if (at == RF_IDNO && (ev == PANEL_CHANGED || ev == PANEL_INVALID))
		rform_id_note(t, f);
	return ev;
}

bool rform_read(yz_tui *t, yz_rform *f, yz_resident *r)
{
	for (size_t i = 0; i < f->panel.n; i++)
		if (!panel_validate(t, &f->panel, i)) {
			panel_focus(&f->panel, i);
			return false;
		}
	if (!f->edit) {
		yz_idcard id;
		if (yz_idcard_check(panel_value(&f->panel, RF_IDNO), t->s->today, &id) !=
		    YZ_ID_OK) {
			panel_focus(&f->panel, RF_IDNO);
			rform_id_note(t, f);
			return false;
		}
		memcpy(r->idno, id.number, sizeof r->idno);
		yz_date_format(id.birth, r->birth);
		r->female = id.female;
	}
	yz_strlcpy_utf8(r->name, panel_value(&f->panel, RF_NAME), sizeof r->name);
	yz_text_trim(r->name);
	yz_strlcpy_utf8(r->phone, panel_value(&f->panel, RF_PHONE), sizeof r->phone);
	yz_strlcpy_utf8(r->address, panel_value(&f->panel, RF_ADDRESS), sizeof r->address);
	yz_strlcpy_utf8(r->hukou_address, panel_value(&f->panel, RF_HUKOU),
	                sizeof r->hukou_address);
	yz_strlcpy_utf8(r->ethnicity, panel_value(&f->panel, RF_ETHNICITY), sizeof r->ethnicity);
	yz_strlcpy_utf8(r->category, panel_value(&f->panel, RF_CATEGORY), sizeof r->category);
	yz_strlcpy_utf8(r->employment, panel_value(&f->panel, RF_EMPLOYMENT), sizeof r->employment);
	yz_strlcpy_utf8(r->notes, panel_value(&f->panel, RF_NOTES), sizeof r->notes);
	return true;
}
