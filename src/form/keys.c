/* The key tables of the form language's blocks and the setters that store
 * each key's value into the form being built. A new key is a new row. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"
#include "parser.h"

#define perr yzf_perr

void yzf_perr(yzf_parser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	/* Every message points somewhere: a whole line is pointed at its start. */
	yz_diags_add(p->diags, p->path, line, line > 0 && col == 0 ? 1 : col, "%s",
	             msg ? msg : "out of memory");
	free(msg);
	p->errors++;
}

static void oom(yzf_parser *p, int line)
{
	perr(p, line, 0, "%s", _("out of memory"));
}

/* ---- values ------------------------------------------------------------ */

static char *dup_value(yzf_parser *p, const yzf_arg *a)
{
	char *s = yzf_strdup(a->val);

	if (s == NULL)
		oom(p, a->line->no);
	return s;
}

static bool parse_bool(yzf_parser *p, const yzf_arg *a, bool *out)
{
	if (strcmp(a->val, "yes") == 0 || strcmp(a->val, "no") == 0) {
		*out = a->val[0] == 'y';
		return true;
	}
	perr(p, a->line->no, a->col, _("bad value '%s': write yes or no"), a->val);
	return false;
}

static bool parse_int(yzf_parser *p, const yzf_arg *a, int min, int max, int *out)
{
	long v = 0;
	const char *s = a->val;

	for (; *s >= '0' && *s <= '9' && v <= max; s++)
		v = v * 10 + (*s - '0');
	if (*a->val == '\0' || *s != '\0' || v < min || v > max) {
		perr(p, a->line->no, a->col,
		     _("bad value '%s': write a whole number from %d to %d"), a->val, min, max);
		return false;
	}
	*out = (int)v;
	return true;
}

static bool parse_word(yzf_parser *p, const yzf_arg *a, const char *const *words)
{
	char *all;

	if (yzf_in_list(words, a->val))
		return true;
	all = yzf_join(words);
	perr(p, a->line->no, a->col, _("bad value '%s': write one of %s"), a->val, all ? all : "");
	free(all);
	return false;
}

/* ---- form block --------------------------------------------------------- */

static void set_form_title(yzf_parser *p, const yzf_arg *a)
{
	p->form->title = dup_value(p, a);
}

static void set_form_line(yzf_parser *p, const yzf_arg *a)
{
	if (parse_word(p, a, yzf_business_lines))
		p->form->line = dup_value(p, a);
}

static void set_form_authority(yzf_parser *p, const yzf_arg *a)
{
	p->form->authority = dup_value(p, a);
}

static void set_form_kind(yzf_parser *p, const yzf_arg *a)
{
	if (parse_word(p, a, yzf_kinds))
		p->form->kind = dup_value(p, a);
}

static void set_form_promise(yzf_parser *p, const yzf_arg *a)
{
	parse_int(p, a, 0, 365, &p->form->promise_days);
}

static void set_form_legal(yzf_parser *p, const yzf_arg *a)
{
	p->legal_given = parse_int(p, a, 0, 365, &p->form->legal_days);
}

static void set_form_keywords(yzf_parser *p, const yzf_arg *a)
{
	p->form->keywords = dup_value(p, a);
}

static const yzf_key form_keys[] = {
    {"title", false, false, true, set_form_title},
    {"line", false, false, true, set_form_line},
    {"authority", false, false, true, set_form_authority},
    {"kind", false, false, true, set_form_kind},
    {"promise", false, false, false, set_form_promise},
    {"legal", false, false, false, set_form_legal},
    {"keywords", false, false, false, set_form_keywords},
    {NULL, false, false, false, NULL},
};

/* ---- material block ----------------------------------------------------- */

static yz_material_def *cur_material(yzf_parser *p)
{
	return &p->form->materials[p->form->n_materials - 1];
}

static void set_mat_label(yzf_parser *p, const yzf_arg *a)
{
	cur_material(p)->label = dup_value(p, a);
}

static void set_mat_required(yzf_parser *p, const yzf_arg *a)
{
	parse_bool(p, a, &cur_material(p)->required);
}

static void set_mat_provide(yzf_parser *p, const yzf_arg *a)
{
	static const char *const words[] = {"original", "copy", NULL};

	if (parse_word(p, a, words))
		cur_material(p)->original = strcmp(a->val, "original") == 0;
}

static void set_mat_count(yzf_parser *p, const yzf_arg *a)
{
	parse_int(p, a, 1, 20, &cur_material(p)->count);
}

static void set_mat_note(yzf_parser *p, const yzf_arg *a)
{
	cur_material(p)->note = dup_value(p, a);
}

static const yzf_key material_keys[] = {
    {"label", false, false, true, set_mat_label},
    {"required", false, false, false, set_mat_required},
    {"provide", false, false, false, set_mat_provide},
    {"count", false, false, false, set_mat_count},
    {"note", false, false, false, set_mat_note},
    {NULL, false, false, false, NULL},
};

/* ---- field block -------------------------------------------------------- */

static yz_field_def *cur_field(yzf_parser *p)
{
	return &p->form->fields[p->form->n_fields - 1];
}

/* Refuse a key that means nothing for the current field's type. */
static bool key_fits_type(yzf_parser *p, const yzf_arg *a, const char *key, bool fits)
{
	if (!fits)
		perr(p, a->line->no, yzf_col(a->line, a->line->s),
		     _("'%s' is not used by %s fields"), key,
		     yz_field_type_name(cur_field(p)->type));
	return fits;
}

static void set_field_label(yzf_parser *p, const yzf_arg *a)
{
	cur_field(p)->label = dup_value(p, a);
}

static void set_field_help(yzf_parser *p, const yzf_arg *a)
{
	cur_field(p)->help = dup_value(p, a);
}

static void set_field_required(yzf_parser *p, const yzf_arg *a)
{
	parse_bool(p, a, &cur_field(p)->required);
}

static void set_field_width(yzf_parser *p, const yzf_arg *a)
{
	yz_field_type t = cur_field(p)->type;

	if (key_fits_type(p, a, "width",
	                  t == YZ_FIELD_TEXT || t == YZ_FIELD_NAME || t == YZ_FIELD_MEMO))
		parse_int(p, a, 1, 200, &cur_field(p)->width);
}

static void set_field_option(yzf_parser *p, const yzf_arg *a)
{
	yz_field_def *f = cur_field(p);
	char *opt;

	if (!key_fits_type(p, a, "option", f->type == YZ_FIELD_CHOICE))
		return;
	for (size_t i = 0; i < f->n_options; i++) {
		if (strcmp(f->options[i], a->val) == 0) {
			perr(p, a->line->no, a->col, _("option '%s' is listed twice"), a->val);
			return;
		}
	}
	opt = dup_value(p, a);
	if (opt == NULL || !yzf_grow(&f->options, &p->cap_options, f->n_options, sizeof(char *))) {
		free(opt);
		oom(p, a->line->no);
		return;
	}
	f->options[f->n_options++] = opt;
}

static void set_field_not_future(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "not_future", cur_field(p)->type == YZ_FIELD_DATE))
		parse_bool(p, a, &cur_field(p)->not_future);
}

static const yzf_key field_keys[] = {
    {"label", false, false, true, set_field_label},
    {"help", false, false, false, set_field_help},
    {"required", false, false, false, set_field_required},
    {"width", false, false, false, set_field_width},
    {"option", false, true, false, set_field_option},
    {"not_future", false, false, false, set_field_not_future},
    {NULL, false, false, false, NULL},
};

/* ---- document block ----------------------------------------------------- */

static yz_document_def *cur_document(yzf_parser *p)
{
	return &p->form->documents[p->form->n_documents - 1];
}

static void set_doc_paper(yzf_parser *p, const yzf_arg *a)
{
	static const char *const papers[] = {"receipt", "a4", "a5", NULL};

	if (parse_word(p, a, papers))
		cur_document(p)->paper = dup_value(p, a);
}

static void set_doc_title(yzf_parser *p, const yzf_arg *a)
{
	cur_document(p)->title = dup_value(p, a);
}

static void set_doc_body(yzf_parser *p, const yzf_arg *a)
{
	yz_document_def *d = cur_document(p);

	d->body = dup_value(p, a);
	d->body_line = a->text_line;
	d->body_col = a->text_col;
}

static const yzf_key document_keys[] = {
    {"paper", false, false, true, set_doc_paper},
    {"title", false, false, true, set_doc_title},
    {"body", true, false, true, set_doc_body},
    {NULL, false, false, false, NULL},
};

const yzf_key *yzf_block_keys(yzf_block b)
{
	switch (b) {
	case B_FORM:
		return form_keys;
	case B_MATERIAL:
		return material_keys;
	case B_FIELD:
		return field_keys;
	case B_DOCUMENT:
		return document_keys;
	default:
		return NULL;
	}
}

const char *yzf_block_word(yzf_block b)
{
	switch (b) {
	case B_FORM:
		return "form";
	case B_MATERIAL:
		return "material";
	case B_FIELD:
		return "field";
	case B_DOCUMENT:
		return "document";
	default:
		return "";
	}
}
