/* The resident record's form (forms/registry/resident.form): the form the
 * counter registers and edits a person with, filled with the same form engine
 * as every service item. Its field ids name the registry's items; this file
 * knows them, checks a record form against them (`yizhan forms check`, and
 * before the form is used), and turns the form's values into a yz_resident
 * and back. The registry's vocabularies (categories, employment statuses, the
 * GB/T 3304 nationalities) stay the store's: a choice's options must be its
 * labels. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "yizhan/service.h"

/* The folder of the record forms inside a forms folder, and the resident's. */
#define RECORD_DIR    "registry"
#define RESIDENT_FORM RECORD_DIR "/resident.form"

/* Whether a choice field's options may be offered for an item: each must be a
 * label the registry stores. */
typedef bool (*label_ok_fn)(const char *option);

static bool category_ok(const char *o)
{
	return strcmp(o, YZ_CAT_REGISTERED) == 0 || strcmp(o, YZ_CAT_RESIDENT) == 0 ||
	       strcmp(o, YZ_CAT_FLOATING) == 0;
}

static bool employment_ok(const char *o)
{
	for (int i = 1; yz_employment_label(i); i++)
		if (strcmp(o, yz_employment_label(i)) == 0)
			return true;
	return false;
}

static bool ethnicity_ok(const char *o)
{
	return yz_ethnicity_lookup(o) != NULL && strcmp(yz_ethnicity_lookup(o), o) == 0;
}

/* The registry's items, in yz_resident_item order. */
static const struct item {
	const char *id;      /* the field id that holds it */
	unsigned types;      /* the field types it may have (bits of yz_field_type) */
	size_t offset, size; /* where it goes in yz_resident */
	label_ok_fn labels;  /* a choice's options must pass this; NULL = no choice */
} items[] = {
#define T(x)  (1u << YZ_FIELD_##x)
#define AT(m) offsetof(yz_resident, m), sizeof(((yz_resident *)0)->m)
    [YZ_RITEM_NAME] = {"name", T(NAME), AT(name), NULL},
    [YZ_RITEM_IDNO] = {"idno", T(IDCARD), AT(idno), NULL},
    [YZ_RITEM_PHONE] = {"phone", T(PHONE), AT(phone), NULL},
    [YZ_RITEM_ADDRESS] = {"address", T(ADDRESS) | T(TEXT), AT(address), NULL},
    [YZ_RITEM_HUKOU_ADDRESS] = {"hukou_address", T(ADDRESS) | T(TEXT), AT(hukou_address), NULL},
    [YZ_RITEM_ETHNICITY] = {"ethnicity", T(TEXT) | T(CHOICE), AT(ethnicity), ethnicity_ok},
    [YZ_RITEM_CATEGORY] = {"category", T(CHOICE), AT(category), category_ok},
    [YZ_RITEM_EMPLOYMENT] = {"employment", T(CHOICE), AT(employment), employment_ok},
    [YZ_RITEM_NOTES] = {"notes", T(TEXT), AT(notes), NULL},
    [YZ_RITEM_SINCE] = {"since", T(DATE), AT(since), NULL},
    [YZ_RITEM_INCOME] = {"income", T(MONEY), AT(income), NULL},
#undef AT
#undef T
};

enum { N_ITEMS = sizeof items / sizeof items[0] };

yz_resident_item yz_service_resident_item(const yz_field_def *d)
{
	for (size_t i = 0; d && i < N_ITEMS; i++)
		if (strcmp(d->id, items[i].id) == 0)
			return (yz_resident_item)i;
	return YZ_RITEM_NONE;
}

/* ---- checking a record form -------------------------------------------------------- */

/* "name, idno, …" of the items, for messages. */
static void item_list(char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < N_ITEMS && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "", items[i].id);
}

/* The widest value a text field may take, in display columns (as the engine). */
static int field_columns(const yz_field_def *d)
{
	if (d->type == YZ_FIELD_ADDRESS)
		return d->width > 0 ? d->width : 80;
	return d->width > 0 ? d->width : 60;
}

static void check_field(const yz_form *f, const yz_field_def *d, yz_diags *diags)
{
	yz_resident_item it = yz_service_resident_item(d);
	char list[256];

	if (it == YZ_RITEM_NONE) {
		item_list(list, sizeof list);
		yz_diags_add(diags, f->path, d->line, 1,
		             _("field '%s' is not an item of the resident registry: use one of %s"),
		             d->id, list);
		return;
	}
	const struct item *m = &items[it];
	if (!(m->types & (1u << d->type))) {
		yz_diags_add(
		    diags, f->path, d->line, 1,
		    _("field '%s' cannot be a %s field: the registry keeps it as another type"),
		    d->id, yz_field_type_name(d->type));
		return;
	}
	for (size_t k = 0; m->labels && k < d->n_options; k++)
		if (!m->labels(d->options[k]))
			yz_diags_add(
			    diags, f->path, d->line, 1,
			    _("field '%s': option '%s' is not one the registry keeps; write "
			      "it as the registry does"),
			    d->id, d->options[k]);
	/* A character may take three bytes for one column (the middle dot, say);
	 * an item with its own words (ethnicity) is checked against them instead. */
	if ((d->type == YZ_FIELD_TEXT || d->type == YZ_FIELD_ADDRESS) && !m->labels &&
	    (size_t)field_columns(d) * 3 >= m->size)
		yz_diags_add(
		    diags, f->path, d->line, 1,
		    _("field '%s' is wider than the registry keeps: write width %zu or less"),
		    d->id, (m->size - 1) / 3);
}

/* Everything a record form must be besides parsing: `record yes`, registry
 * items only, name and ID number present and required, nothing a record does
 * not have (materials, documents, states). */
static void check_record(const yz_form *f, yz_diags *diags)
{
	if (!f->record)
		yz_diags_add(diags, f->path, f->src_line, 1, "%s",
		             _("a registry record's form needs the line 'record yes'"));
	if (strcmp(f->id, "resident") != 0)
		yz_diags_add(diags, f->path, f->src_line, 1,
		             _("unknown record form '%s': the registry has the record 'resident'"),
		             f->id);
	if (f->n_materials || f->n_documents || f->n_states)
		yz_diags_add(diags, f->path, f->src_line, 1, "%s",
		             _("a registry record has no materials, documents or states"));
	for (size_t i = 0; i < f->n_fields; i++)
		check_field(f, &f->fields[i], diags);
	for (int it = YZ_RITEM_NAME; it <= YZ_RITEM_IDNO; it++) {
		const yz_field_def *d = yz_form_field(f, items[it].id);
		if (!d || !d->required)
			yz_diags_add(
			    diags, f->path, f->src_line, 1,
			    _("a resident's record needs the field '%s' with 'required yes'"),
			    items[it].id);
	}
}

/* Byte order, as the catalogue: the same order on every machine. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int record_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".form") == 0;
}

int yz_service_check_record_forms(const char *forms_dir, yz_date today, yz_diags *diags,
                                  size_t *n_forms)
{
	char dir[PATH_MAX];
	struct dirent **names = NULL;
	size_t before = diags->n;
	int n;

	*n_forms = 0;
	snprintf(dir, sizeof dir, "%s/%s", forms_dir, RECORD_DIR);
	if ((n = scandir(dir, &names, record_file, by_name)) < 0) {
		if (errno == ENOENT)
			return 0; /* no record forms here: the installed ones are used */
		yz_diags_add(diags, dir, 0, 0, _("cannot open the folder: %s"), strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *path = yz_strdup_printf("%s/%s", dir, names[i]->d_name);
		yz_form *f = path ? yz_form_load(path, today, NULL, diags) : NULL;
		if (f) {
			check_record(f, diags);
			(*n_forms)++;
		}
		yz_form_free(f);
		free(path);
		free(names[i]);
	}
	free(names);
	return diags->n == before ? 0 : -1;
}

yz_form *yz_service_resident_form(yz_session *s, yz_err *err)
{
	char path[PATH_MAX], own[PATH_MAX];
	yz_diags diags = {0};
	yz_form *f;

	/* The station's forms folder, else the one installed with yizhan: a
	 * station that keeps only its service items still registers people. */
	snprintf(path, sizeof path, "%s/%s", s->cfg->forms_dir, RESIDENT_FORM);
	if (access(path, F_OK) != 0) {
		yz_config_own_path("forms", own, sizeof own);
		snprintf(path, sizeof path, "%s/%s", own, RESIDENT_FORM);
	}
	f = yz_form_load(path, s->today, NULL, &diags); /* a record has no kind or line */
	if (f)
		check_record(f, &diags);
	if (diags.n > 0) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("The resident form cannot be used; ask the admin to run 'yizhan forms "
		      "check': %s"),
		    diags.items[0]);
		yz_form_free(f);
		f = NULL;
	}
	yz_diags_free(&diags);
	return f;
}

/* ---- values and the resident ------------------------------------------------------- */

void yz_service_resident_values(const yz_form *f, const yz_resident *r, yz_values *out)
{
	yz_values_clear(out);
	for (size_t i = 0; i < f->n_fields; i++) {
		yz_resident_item it = yz_service_resident_item(&f->fields[i]);
		const char *v = it == YZ_RITEM_NONE ? "" : (const char *)r + items[it].offset;
		if (*v)
			yz_values_set(out, f->fields[i].id, v);
	}
}

/* The registry's name of an ethnicity typed as a name or a GB/T 3304 code. */
static const char *ethnicity_of(const char *typed)
{
	return *typed ? yz_ethnicity_lookup(typed) : "";
}

/* Fail at field i with the message err already has, or fmt. */
static int bad_field(const yz_form *f, const yz_field_def *d, long *field, yz_err *err,
                     const char *msg)
{
	if (field)
		*field = d ? (long)(d - f->fields) : -1;
	if (msg)
		yz_err_setc(err, YZ_ERR_INVALID, "%s", msg);
	return -1;
}

/* The ID number of a new person, with the birth date and sex it gives. */
static int read_idno(yz_session *s, const yz_form *f, const yz_values *v, yz_resident *r,
                     long *field, yz_err *err)
{
	const yz_field_def *d = yz_form_field(f, items[YZ_RITEM_IDNO].id);
	const char *idno = yz_values_get(v, d ? d->id : "");
	yz_idcard id;
	yz_id_status st = yz_idcard_check(idno ? idno : "", s->today, &id);

	if (st != YZ_ID_OK)
		return bad_field(f, d, field, err, yz_idcard_message(st));
	memcpy(r->idno, id.number, sizeof r->idno);
	yz_date_format(id.birth, r->birth);
	r->female = id.female;
	return 0;
}

/* The name in Chinese characters unless marked as a foreign or minority-script
 * name (F2: "name.script" = "other" in v), as on a service item's form; a
 * registered person whose name stays as registered is not asked again. */
static bool name_ok(const yz_form *f, const yz_values *v, const yz_resident *r,
                    yz_form_error *where, yz_err *err)
{
	const char *name = yz_values_get(v, items[YZ_RITEM_NAME].id);

	if (r->id != 0 && name && strcmp(name, r->name) == 0)
		return true;
	return yz_form_check_names(f, v, where, err);
}

int yz_service_resident_read(yz_session *s, const yz_form *f, const yz_values *v, yz_resident *r,
                             long *field, yz_err *err)
{
	yz_eval_env env;
	yz_form_error where;

	if (field)
		*field = -1;
	yz_service_eval_env(s, &env);
	if (!yz_form_validate_full(f, v, &env, &where, err) || !name_ok(f, v, r, &where, err))
		return bad_field(f, where.field >= 0 ? &f->fields[where.field] : NULL, field, err,
		                 NULL);
	if (r->id == 0 && read_idno(s, f, v, r, field, err) < 0)
		return -1;
	for (size_t i = 0; i < f->n_fields; i++) {
		const yz_field_def *d = &f->fields[i];
		yz_resident_item it = yz_service_resident_item(d);
		const char *val = yz_values_get(v, d->id);
		char buf[512];
		if (it == YZ_RITEM_NONE || it == YZ_RITEM_IDNO || !yz_field_visible(d, v, &env))
			continue;
		yz_strlcpy_utf8(buf, val ? val : "", sizeof buf);
		yz_text_trim(buf);
		const char *put = it == YZ_RITEM_ETHNICITY ? ethnicity_of(buf) : buf;
		if (put == NULL)
			return bad_field(f, d, field, err,
			                 _("Ethnicity: choose one from the list (press Enter)."));
		if (!yz_strlcpy_utf8((char *)r + items[it].offset, put, items[it].size))
			return bad_field(f, d, field, err,
			                 _("This is longer than the registry keeps."));
	}
	return 0;
}
