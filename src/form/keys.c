/* The key tables of the form language's blocks and the setters that store
 * each key's value into the form being built. A new key is a new row. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "expr.h"
#include "form_internal.h"
#include "parser.h"

#define perr yzf_perr

void yzf_vdiag(yz_diags *diags, const char *path, int *errors, int line, int col, const char *fmt,
               va_list ap)
{
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	/* Every message points somewhere: a whole line is pointed at its start. */
	yz_diags_add(diags, path, line, line > 0 && col == 0 ? 1 : col, "%s",
	             msg ? msg : "out of memory");
	free(msg);
	(*errors)++;
}

void yzf_perr(yzf_parser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yzf_vdiag(p->diags, p->path, &p->errors, line, col, fmt, ap);
	va_end(ap);
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

/* Without a vocabulary (a registry record's form, which is no service item)
 * the line and kind are kept as written, unchecked, and the kind is NONE. */
static void set_form_line(yzf_parser *p, const yzf_arg *a)
{
	if (!p->vocab || parse_word(p, a, (const char *const *)p->vocab->lines))
		p->form->line = dup_value(p, a);
}

static void set_form_authority(yzf_parser *p, const yzf_arg *a)
{
	p->form->authority = dup_value(p, a);
}

static void set_form_kind(yzf_parser *p, const yzf_arg *a)
{
	char *all;

	p->form->kind_id = yzf_vocab_kind(p->vocab, a->val);
	if (!p->vocab || p->form->kind_id != YZ_FORM_KIND_NONE) {
		p->form->kind = dup_value(p, a);
		return;
	}
	all = yzf_vocab_kind_words(p->vocab);
	perr(p, a->line->no, a->col, _("bad value '%s': write one of %s"), a->val, all ? all : "");
	free(all);
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

static void set_form_talk_day(yzf_parser *p, const yzf_arg *a)
{
	parse_bool(p, a, &p->form->talk_day);
}

/* `record yes`: the form of a registry record (forms/registry/), which needs
 * no line, authority or kind (parse.c waives them). */
static void set_form_record(yzf_parser *p, const yzf_arg *a)
{
	parse_bool(p, a, &p->form->record);
}

/* `repeat yes`: a second open case of this item for the same resident is
 * normal (complaints, consultations, volunteer hours); without it submitting
 * one is refused (service/submit.c). */
static void set_form_repeat(yzf_parser *p, const yzf_arg *a)
{
	parse_bool(p, a, &p->form->repeat);
}

/* `language en`: the form's documents are in English (forms/ are Chinese
 * unless they say so); any language papers are printed in. */
static void set_form_language(yzf_parser *p, const yzf_arg *a)
{
	static const char *const words[] = {"zh_CN", "en", NULL};

	if (parse_word(p, a, words))
		p->form->language = dup_value(p, a);
}

static const yzf_key form_keys[] = {
    {"title", false, false, true, set_form_title},
    {"line", false, false, true, set_form_line},
    {"authority", false, false, true, set_form_authority},
    {"kind", false, false, true, set_form_kind},
    {"promise", false, false, false, set_form_promise},
    {"legal", false, false, false, set_form_legal},
    {"keywords", false, false, false, set_form_keywords},
    {"talk_day", false, false, false, set_form_talk_day},
    {"record", false, false, false, set_form_record},
    {"repeat", false, false, false, set_form_repeat},
    {"language", false, false, false, set_form_language},
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
	return p->column ? p->column : &p->form->fields[p->form->n_fields - 1];
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
	                  t == YZ_FIELD_TEXT || t == YZ_FIELD_NAME || t == YZ_FIELD_MEMO ||
	                      t == YZ_FIELD_ADDRESS))
		parse_int(p, a, 1, 200, &cur_field(p)->width);
}

/* A memo's capacity in characters: the editor refuses (and says so) past it. */
static void set_field_max_chars(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "max_chars", cur_field(p)->type == YZ_FIELD_MEMO))
		parse_int(p, a, 1, 20000, &cur_field(p)->max_chars);
}

static void set_field_option(yzf_parser *p, const yzf_arg *a)
{
	yz_field_def *f = cur_field(p);
	char *opt;

	if (!key_fits_type(p, a, "option",
	                   f->type == YZ_FIELD_CHOICE || f->type == YZ_FIELD_MULTICHOICE))
		return;
	if (f->type == YZ_FIELD_MULTICHOICE && strstr(a->val, YZ_MULTI_SEP) != NULL) {
		perr(p, a->line->no, a->col, "%s",
		     _("a multichoice option cannot hold the ideographic comma: it separates the "
		       "chosen options"));
		return;
	}
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

/* `not_before_birth yes` (date): not before the birth date in the ID number of
 * the form's applicant (its first resident field). */
static void set_field_not_before_birth(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "not_before_birth", cur_field(p)->type == YZ_FIELD_DATE))
		parse_bool(p, a, &cur_field(p)->not_before_birth);
}

/* `need_address yes` (resident): the person picked must have an address in the
 * registry (service/submit.c checks it). */
static void set_field_need_address(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "need_address", cur_field(p)->type == YZ_FIELD_RESIDENT))
		parse_bool(p, a, &cur_field(p)->need_address);
}

/* `share yes` (any field; a table's columns follow it): the field's values
 * leave the station for the district hub (service/sync.c). */
static void set_field_share(yzf_parser *p, const yzf_arg *a)
{
	parse_bool(p, a, &cur_field(p)->share);
}

/* A money amount or an integer for min/max, by the field's type. */
static void set_field_bound(yzf_parser *p, const yzf_arg *a, bool is_max)
{
	yz_field_def *f = cur_field(p);
	const char *key = is_max ? "max" : "min";
	int64_t v = 0;
	bool ok;

	if (!key_fits_type(p, a, key,
	                   f->type == YZ_FIELD_MONEY || f->type == YZ_FIELD_INTEGER ||
	                       (is_max && f->type == YZ_FIELD_MULTICHOICE)))
		return;
	if (f->type == YZ_FIELD_MULTICHOICE) {
		/* the most options a value may hold (issue 18); checked against the
		 * options when the field ends */
		char *end;
		long n = strtol(a->val, &end, 10);
		if (*end != '\0' || end == a->val || n < 1 || n > 1000) {
			perr(p, a->line->no, a->col,
			     _("bad value '%s': a multichoice field's max is the most options a "
			       "value "
			       "may hold, a whole number from 1"),
			     a->val);
			return;
		}
		f->max_choices = (int)n;
		return;
	}
	if (f->type == YZ_FIELD_MONEY) {
		ok = yz_money_parse(a->val, &v);
	} else {
		char *end;
		long long n = strtoll(a->val, &end, 10);
		ok = *end == '\0' && n > -1000000000000LL && n < 1000000000000LL;
		v = n;
	}
	if (!ok) {
		perr(p, a->line->no, a->col,
		     f->type == YZ_FIELD_MONEY
		         ? _("bad value '%s': write an amount in yuan, such as 1050 or 1050.50")
		         : _("bad value '%s': write a whole number"),
		     a->val);
		return;
	}
	if (is_max) {
		f->has_max = true;
		f->max = v;
	} else {
		f->has_min = true;
		f->min = v;
	}
}

static void set_field_min(yzf_parser *p, const yzf_arg *a)
{
	set_field_bound(p, a, false);
}

static void set_field_max(yzf_parser *p, const yzf_arg *a)
{
	set_field_bound(p, a, true);
}

static void set_field_min_rows(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "min_rows", cur_field(p)->type == YZ_FIELD_TABLE))
		parse_int(p, a, 0, YZ_TABLE_MAX_ROWS, &cur_field(p)->min_rows);
}

static void set_field_max_rows(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "max_rows", cur_field(p)->type == YZ_FIELD_TABLE))
		parse_int(p, a, 1, YZ_TABLE_MAX_ROWS, &cur_field(p)->max_rows);
}

/* An expression is compiled after the whole file is read (yzf_compile_exprs). */
static void set_expr(yzf_parser *p, const yzf_arg *a, yz_expr **slot)
{
	if ((*slot = yzx_new(a->val, a->line->no, a->col)) == NULL)
		oom(p, a->line->no);
}

static void set_field_expr(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "expr", cur_field(p)->type == YZ_FIELD_COMPUTED))
		set_expr(p, a, &cur_field(p)->expr);
}

static void set_field_format(yzf_parser *p, const yzf_arg *a)
{
	static const char *const words[] = {"money", "integer", "text", NULL};
	yz_field_def *f = cur_field(p);

	if (!key_fits_type(p, a, "format", f->type == YZ_FIELD_COMPUTED) ||
	    !parse_word(p, a, words))
		return;
	f->format = a->val[0] == 'm'   ? YZ_FORMAT_MONEY
	            : a->val[0] == 'i' ? YZ_FORMAT_INTEGER
	                               : YZ_FORMAT_TEXT;
}

static void set_field_visible_if(yzf_parser *p, const yzf_arg *a)
{
	set_expr(p, a, &cur_field(p)->visible_if);
}

static void set_field_required_if(yzf_parser *p, const yzf_arg *a)
{
	if (key_fits_type(p, a, "required_if", cur_field(p)->type != YZ_FIELD_COMPUTED))
		set_expr(p, a, &cur_field(p)->required_if);
}

/* The example is checked against the whole field when its block ends
 * (yzf_end_field): options and bounds may come after it. */
static void set_field_example(yzf_parser *p, const yzf_arg *a)
{
	yz_field_def *f = cur_field(p);

	if (!key_fits_type(p, a, "example",
	                   f->type != YZ_FIELD_TABLE && f->type != YZ_FIELD_COMPUTED))
		return;
	f->example = dup_value(p, a);
	f->example_line = a->line->no;
	f->example_col = a->col;
}

/* Never called: parse.c reads a column's sub-block itself. The row makes the
 * key known (and listed in messages). */
static void set_field_column(yzf_parser *p, const yzf_arg *a)
{
	(void)p;
	(void)a;
}

static const yzf_key field_keys[] = {
    {"label", false, false, true, set_field_label},
    {"help", false, false, false, set_field_help},
    {"required", false, false, false, set_field_required},
    {"width", false, false, false, set_field_width},
    {"max_chars", false, false, false, set_field_max_chars},
    {"option", false, true, false, set_field_option},
    {"not_future", false, false, false, set_field_not_future},
    {"not_before_birth", false, false, false, set_field_not_before_birth},
    {"need_address", false, false, false, set_field_need_address},
    {"share", false, false, false, set_field_share},
    {"min", false, false, false, set_field_min},
    {"max", false, false, false, set_field_max},
    {"min_rows", false, false, false, set_field_min_rows},
    {"max_rows", false, false, false, set_field_max_rows},
    {"column", false, true, false, set_field_column},
    {"expr", false, false, false, set_field_expr},
    {"format", false, false, false, set_field_format},
    {"visible_if", false, false, false, set_field_visible_if},
    {"required_if", false, false, false, set_field_required_if},
    {"example", false, false, false, set_field_example},
    {NULL, false, false, false, NULL},
};

/* The keys of a table's column: a subset of the field's. */
static const yzf_key column_keys[] = {
    {"label", false, false, true, set_field_label},
    {"help", false, false, false, set_field_help},
    {"required", false, false, false, set_field_required},
    {"width", false, false, false, set_field_width},
    {"option", false, true, false, set_field_option},
    {"not_future", false, false, false, set_field_not_future},
    {"min", false, false, false, set_field_min},
    {"max", false, false, false, set_field_max},
    {"example", false, false, false, set_field_example},
    {NULL, false, false, false, NULL},
};

/* ---- rule and state blocks ---------------------------------------------- */

static yz_rule_def *cur_rule(yzf_parser *p)
{
	return &p->form->rules[p->form->n_rules - 1];
}

static void set_rule_when(yzf_parser *p, const yzf_arg *a)
{
	set_expr(p, a, &cur_rule(p)->when);
}

static void set_rule_message(yzf_parser *p, const yzf_arg *a)
{
	yz_rule_def *r = cur_rule(p);

	r->message = dup_value(p, a);
	r->message_line = a->line->no;
	r->message_col = a->col;
}

static const yzf_key rule_keys[] = {
    {"when", false, false, true, set_rule_when},
    {"message", false, false, true, set_rule_message},
    {NULL, false, false, false, NULL},
};

static yz_state_def *cur_state(yzf_parser *p)
{
	return &p->form->states[p->form->n_states - 1];
}

static void set_state_label(yzf_parser *p, const yzf_arg *a)
{
	cur_state(p)->label = dup_value(p, a);
}

static void set_state_terminal(yzf_parser *p, const yzf_arg *a)
{
	parse_bool(p, a, &cur_state(p)->terminal);
}

/* Appends one element to a state's parallel next arrays; false on ENOMEM. */
static bool grow_next(yz_state_def *st)
{
	char **next = realloc(st->next, (st->n_next + 1) * sizeof *next);
	int *cols, *lines;

	if (next == NULL)
		return false;
	st->next = next;
	if ((cols = realloc(st->next_col, (st->n_next + 1) * sizeof *cols)) == NULL)
		return false;
	st->next_col = cols;
	if ((lines = realloc(st->next_line, (st->n_next + 1) * sizeof *lines)) == NULL)
		return false;
	st->next_line = lines;
	return true;
}

/* Adds one id of a "next" line. */
static void add_next(yzf_parser *p, const yzf_arg *a, const char *w, size_t n, int col)
{
	yz_state_def *st = cur_state(p);
	char *id;

	if (!yzf_id_valid(w, n)) {
		perr(p, a->line->no, col,
		     _("bad id '%.*s': use lower-case letters, digits and _, starting with a "
		       "letter"),
		     (int)n, w);
		return;
	}
	id = yzf_strndup(w, n);
	if (id == NULL || !grow_next(st)) {
		free(id);
		oom(p, a->line->no);
		return;
	}
	st->next[st->n_next] = id;
	st->next_col[st->n_next] = col;
	st->next_line[st->n_next++] = a->line->no;
}

/* Characters in the first n bytes of s. */
static int chars_in(const char *s, size_t n)
{
	int c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static void set_state_next(yzf_parser *p, const yzf_arg *a)
{
	const char *s = a->val;
	int col = a->col;

	while (*s) {
		size_t n = strcspn(s, " \t");
		add_next(p, a, s, n, col);
		col += chars_in(s, n);
		s += n;
		while (*s == ' ' || *s == '\t') {
			s++;
			col++;
		}
	}
}

static const yzf_key state_keys[] = {
    {"label", false, false, true, set_state_label},
    {"terminal", false, false, false, set_state_terminal},
    {"next", false, true, false, set_state_next},
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

static void set_doc_kind(yzf_parser *p, const yzf_arg *a)
{
	static const char *const kinds[] = {"certificate", "notice", "receipt", NULL};

	if (parse_word(p, a, kinds))
		cur_document(p)->kind = dup_value(p, a);
}

static const yzf_key document_keys[] = {
    {"paper", false, false, true, set_doc_paper},
    {"title", false, false, true, set_doc_title},
    {"body", true, false, true, set_doc_body},
    {"kind", false, false, false, set_doc_kind},
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
	case B_RULE:
		return rule_keys;
	case B_STATE:
		return state_keys;
	case B_COLUMN:
		return column_keys;
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
	case B_PAGE:
		return "page";
	case B_RULE:
		return "rule";
	case B_STATE:
		return "state";
	case B_COLUMN:
		return "column";
	default:
		return "";
	}
}
