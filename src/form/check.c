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

/* What the key stands for: a field (*field set), a service key, or nothing. */
static const char *key_problem(const yz_form *f, const char *key, const yz_field_def **field)
{
	*field = yz_form_field(f, key);
	if (*field != NULL)
		return NULL;
	if (!yzf_in_list(yzf_service_keys, key))
		return _("unknown key '%s': it is neither a field of this form nor a service key");
	if (strncmp(key, "resident.", 9) == 0 && !has_resident_field(f))
		return _("'%s' needs a field of type resident in this form");
	return NULL;
}

static const char *filter_problem(const yzf_ref *ref, const char *key, const yz_field_def *field)
{
	bool cn = ref->filter_len == 2 && memcmp(ref->filter, "cn", 2) == 0;
	bool mask = ref->filter_len == 4 && memcmp(ref->filter, "mask", 4) == 0;

	if (!cn && !mask)
		return _("unknown filter in '%s': write |cn (dates) or |mask (ID numbers)");
	if (cn && !(field ? field->type == YZ_FIELD_DATE : yzf_in_list(date_keys, key)))
		return _("'|cn' writes dates, and '%s' is not a date");
	if (mask && !(field ? field->type == YZ_FIELD_IDCARD || field->type == YZ_FIELD_RESIDENT
	                    : strcmp(key, "resident.idno") == 0))
		return _("'|mask' hides ID numbers, and '%s' is not an ID number");
	return NULL;
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

int yz_catalogue_check(const yz_catalogue *cat, yz_diags *diags)
{
	int errors = 0;

	for (size_t i = 0; i < cat->n_forms; i++)
		for (size_t j = 0; j < cat->forms[i]->n_documents; j++)
			errors +=
			    check_document(cat->forms[i], &cat->forms[i]->documents[j], diags);
	return errors;
}
