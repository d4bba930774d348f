/* Cross-reference checks of a loaded catalogue (`yizhan forms check`): each
 * {key} of each document must name something that will have a value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"

/* Service keys that hold dates (YYYY-MM-DD), for the cn filter. */
static const char *const date_keys[] = {"case.date", "case.due_date", "today", "resident.birth",
                                        NULL};

/* Source position of p inside a document body. */
static void body_pos(const yz_document_def *d, const char *p, int *line, int *col)
{
	const char *s = d->body, *bol = d->body;

	*line = d->body_line;
	for (; s < p; s++) {
		if (*s == '\n') {
			(*line)++;
			bol = s + 1;
		}
	}
	*col = d->body_col;
	for (s = bol; s < p;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s, (size_t)(p - s), &cp);
		s += k ? k : 1;
		(*col)++;
	}
}

static bool has_resident_field(const yz_form *f)
{
	for (size_t i = 0; i < f->n_fields; i++)
		if (f->fields[i].type == YZ_FIELD_RESIDENT)
			return true;
	return false;
}

/* A table key "<table>.rows" or "<table>.<row>.<column>": the cell's column
 * (or the table itself for .rows) in *field; false when key is not one. */
static bool table_key(const yz_form *f, const char *key, const yz_field_def **field)
{
	const yz_field_def *table, *column;
	long row;

	if (!yz_table_key(f, key, &table, &row, &column))
		return false;
	*field = row ? column : table;
	return true;
}

/* What the key stands for: a field (*field set), a service key, or nothing.
 * settings.* keys are known only in rule messages (settings true). */
static const char *key_problem_in(const yz_form *f, const char *key, const yz_field_def **field,
                                  bool settings)
{
	*field = yz_form_field(f, key);
	if (*field != NULL || table_key(f, key, field))
		return NULL;
	if (settings && strncmp(key, "settings.", 9) == 0 && yzf_id_valid(key + 9, strlen(key + 9)))
		return NULL;
	if (settings)
		return _("unknown key '%s': a rule message may name fields of this form and "
		         "settings.<name>");
	if (!yzf_in_list(yzf_service_keys, key))
		return _("unknown key '%s': it is neither a field of this form nor a service key");
	if (strncmp(key, "resident.", 9) == 0 && !has_resident_field(f))
		return _("'%s' needs a field of type resident in this form");
	return NULL;
}

static const char *key_problem(const yz_form *f, const char *key, const yz_field_def **field)
{
	return key_problem_in(f, key, field, false);
}

static bool numeric_field(const yz_field_def *field)
{
	return field->type == YZ_FIELD_MONEY || field->type == YZ_FIELD_INTEGER ||
	       field->type == YZ_FIELD_COMPUTED;
}

static const char *filter_problem(const yzf_ref *ref, const char *key, const yz_field_def *field)
{
	bool cn = ref->filter_len == 2 && memcmp(ref->filter, "cn", 2) == 0;
	bool mask = ref->filter_len == 4 && memcmp(ref->filter, "mask", 4) == 0;
	bool money = ref->filter_len == 5 && memcmp(ref->filter, "money", 5) == 0;

	if (money && !(field ? numeric_field(field) : strncmp(key, "settings.", 9) == 0))
		return _("'|money' writes amounts, and '%s' is not a number");
	if (money)
		return NULL;
	if (!cn && !mask)
		return _("unknown filter in '%s': write |cn (dates), |mask (ID numbers) or |money "
		         "(amounts)");
	if (cn && !(field ? field->type == YZ_FIELD_DATE : yzf_in_list(date_keys, key)))
		return _("'|cn' writes dates, and '%s' is not a date");
	if (mask && !(field ? field->type == YZ_FIELD_IDCARD || field->type == YZ_FIELD_RESIDENT
	                    : strcmp(key, "resident.idno") == 0))
		return _("'|mask' hides ID numbers, and '%s' is not an ID number");
	return NULL;
}

/* Issue 13: whether a case taken as its form asks may have no value for a
 * reference: a field not required, or shown only on a condition; a table that
 * may have no rows; a cell of a row the table may lack or of a column not
 * required. Computed fields and service keys are not known here: printing
 * refuses them when they are blank. */
static bool may_be_empty(const yz_form *f, const char *key, const yz_field_def *field)
{
	const yz_field_def *table, *column;
	long row;

	if (yz_table_key(f, key, &table, &row, &column)) {
		int sure_rows = table->visible_if     ? 0
		                : table->min_rows > 0 ? table->min_rows
		                                      : table->required;
		if (row == 0)
			return sure_rows == 0;
		return row > sure_rows || !column->required || column->visible_if;
	}
	if (field == NULL || field->type == YZ_FIELD_COMPUTED)
		return field != NULL && field->visible_if != NULL;
	return !field->required || field->visible_if != NULL;
}

/* Checks one reference; returns 1 when it is wrong (message added). */
static int check_ref(const yz_form *f, const yz_document_def *d, const yzf_ref *ref,
                     yz_diags *diags)
{
	const yz_field_def *field = NULL;
	const char *problem;
	char key[128];
	int line, col;

	body_pos(d, ref->start, &line, &col);
	if (!ref->ok || ref->key_len >= sizeof key) {
		yz_diags_add(diags, f->path, line, col, "%s",
		             _("a '{' that starts no {key}: write {key} or {key|filter}, or {{ for "
		               "the character {"));
		return 1;
	}
	memcpy(key, ref->key, ref->key_len);
	key[ref->key_len] = '\0';
	problem = key_problem(f, key, &field);
	if (problem == NULL && ref->filter != NULL)
		problem = filter_problem(ref, key, field);
	if (problem == NULL && !ref->optional && may_be_empty(f, key, field))
		problem = _("'%1$s' may be left empty (its field is not always required), and a "
		            "paper is never printed with a blank: write {%1$s?} where the paper "
		            "may go without it, or make the field required");
	if (problem == NULL)
		return 0;
	yz_diags_add(diags, f->path, line, col + 1, problem, key);
	return 1;
}

static int check_document(const yz_form *f, const yz_document_def *d, yz_diags *diags)
{
	const char *p = d->body ? d->body : "";
	int errors = 0;

	while ((p = strchr(p, '{')) != NULL) {
		yzf_ref ref;
		if (p[1] == '{') {
			p += 2;
			continue;
		}
		yzf_scan_ref(p, &ref);
		errors += check_ref(f, d, &ref, diags);
		p += ref.ok ? ref.len : 1;
	}
	return errors;
}

/* Each {key} of a rule's message: a field or a station setting. */
static int check_rule(const yz_form *f, const yz_rule_def *r, yz_diags *diags)
{
	const char *p = r->message ? r->message : "";
	int errors = 0;

	while ((p = strchr(p, '{')) != NULL) {
		const yz_field_def *field = NULL;
		const char *problem;
		char key[128];
		yzf_ref ref;
		int col = r->message_col;
		if (p[1] == '{') {
			p += 2;
			continue;
		}
		yzf_scan_ref(p, &ref);
		for (const char *s = r->message; s < p; s++)
			col += ((unsigned char)*s & 0xc0) != 0x80;
		if (!ref.ok || ref.key_len >= sizeof key) {
			problem =
			    _("a '{' that starts no {key}: write {key} or {key|filter}, or {{ "
			      "for the character {");
			key[0] = '\0';
		} else {
			memcpy(key, ref.key, ref.key_len);
			key[ref.key_len] = '\0';
			problem = key_problem_in(f, key, &field, true);
			if (problem == NULL && ref.filter != NULL)
				problem = filter_problem(&ref, key, field);
			col++;
		}
		p += ref.ok ? ref.len : 1;
		if (problem == NULL)
			continue;
		yz_diags_add(diags, f->path, r->message_line, col, problem, key);
		errors++;
	}
	return errors;
}

int yz_catalogue_check(const yz_catalogue *cat, yz_diags *diags)
{
	int errors = 0;

	for (size_t i = 0; i < cat->n_forms; i++) {
		const yz_form *f = cat->forms[i];
		for (size_t j = 0; j < f->n_documents; j++)
			errors += check_document(f, &f->documents[j], diags);
		for (size_t j = 0; j < f->n_rules; j++)
			errors += check_rule(f, &f->rules[j], diags);
		errors += yzf_check_states(f, diags);
	}
	return errors;
}
