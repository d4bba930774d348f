/* The block reader of the form language: lines (lexer.c) → blocks → a yz_form.
 *
 * A file is a sequence of blocks. A block starts with an unindented header
 * ("form <id>", "field <id> <type>", "material <id>", "document <id>") and
 * continues with indented "key value" lines; a key written "key:" takes the
 * more-indented lines below it as text. Keys are looked up in a table per block
 * (keys.c), so later additions are new rows and new block kinds and files written
 * today keep their meaning. Every error found is reported; a form is returned
 * only when there was none. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "expr.h"
#include "form_internal.h"
#include "parser.h"

size_t yzf_split_words(const yzf_line *l, yzf_word *w, size_t max)
{
	const char *p = l->s, *end = l->s + l->len;
	size_t n = 0;

	while (p < end) {
		const char *q = p;
		while (q < end && *q != ' ' && *q != '\t')
			q++;
		if (n < max)
			w[n] = (yzf_word){p, (size_t)(q - p), yzf_col(l, p)};
		n++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		p = q;
	}
	return n;
}

#define split_words yzf_split_words

static bool word_is(const yzf_word *w, const char *s)
{
	return w->len == strlen(s) && memcmp(w->s, s, w->len) == 0;
}

static bool check_id(yzf_parser *p, const yzf_line *l, const yzf_word *w)
{
	if (yzf_id_valid(w->s, w->len))
		return true;
	yzf_perr(p, l->no, w->col,
	         _("bad id '%.*s': use lower-case letters, digits and _, starting with a letter"),
	         (int)w->len, w->s);
	return false;
}

static const char *const type_names[] = {
    [YZ_FIELD_TEXT] = "text",         [YZ_FIELD_NAME] = "name",
    [YZ_FIELD_IDCARD] = "idcard",     [YZ_FIELD_PHONE] = "phone",
    [YZ_FIELD_DATE] = "date",         [YZ_FIELD_CHOICE] = "choice",
    [YZ_FIELD_YESNO] = "yesno",       [YZ_FIELD_MEMO] = "memo",
    [YZ_FIELD_RESIDENT] = "resident", [YZ_FIELD_MONEY] = "money",
    [YZ_FIELD_INTEGER] = "integer",   [YZ_FIELD_MULTICHOICE] = "multichoice",
    [YZ_FIELD_ADDRESS] = "address",   [YZ_FIELD_TABLE] = "table",
    [YZ_FIELD_COMPUTED] = "computed", NULL,
};

const char *yz_field_type_name(yz_field_type t)
{
	if ((size_t)t >= sizeof type_names / sizeof *type_names - 1)
		return "?";
	return type_names[t];
}

static bool parse_type(yzf_parser *p, const yzf_line *l, const yzf_word *w, yz_field_type *t)
{
	char *all;

	for (size_t i = 0; type_names[i]; i++) {
		if (word_is(w, type_names[i])) {
			*t = (yz_field_type)i;
			return true;
		}
	}
	all = yzf_join(type_names);
	yzf_perr(p, l->no, w->col, _("unknown field type '%.*s': write one of %s"), (int)w->len,
	         w->s, all ? all : "");
	free(all);
	return false;
}

/* ---- block headers ------------------------------------------------------ */

/* Line of an earlier element with the same id, 0 if none. */
static int earlier_id(yzf_parser *p, yzf_block b, const yzf_word *w)
{
	yz_form *f = p->form;

	for (size_t i = 0; b == B_FIELD && i < f->n_fields; i++)
		if (word_is(w, f->fields[i].id))
			return f->fields[i].line;
	for (size_t i = 0; b == B_MATERIAL && i < f->n_materials; i++)
		if (word_is(w, f->materials[i].id))
			return f->materials[i].line;
	for (size_t i = 0; b == B_DOCUMENT && i < f->n_documents; i++)
		if (word_is(w, f->documents[i].id))
			return f->documents[i].line;
	for (size_t i = 0; b == B_RULE && i < f->n_rules; i++)
		if (word_is(w, f->rules[i].id))
			return f->rules[i].line;
	for (size_t i = 0; b == B_STATE && i < f->n_states; i++)
		if (word_is(w, f->states[i].id))
			return f->states[i].line;
	return 0;
}

/* Append a zeroed element for block b with its defaults; false on ENOMEM. */
static bool push_element(yzf_parser *p, yzf_block b, char *id, int line)
{
	yz_form *f = p->form;

	if (b == B_FIELD) {
		if (!yzf_grow(&f->fields, &p->cap_fields, f->n_fields, sizeof *f->fields))
			return false;
		f->fields[f->n_fields++] = (yz_field_def){.id = id, .line = line};
		p->cap_options = 0;
		p->cap_columns = 0;
	} else if (b == B_MATERIAL) {
		if (!yzf_grow(&f->materials, &p->cap_materials, f->n_materials,
		              sizeof *f->materials))
			return false;
		f->materials[f->n_materials++] = (yz_material_def){
		    .id = id, .required = true, .original = true, .count = 1, .line = line};
	} else if (b == B_RULE) {
		if (!yzf_grow(&f->rules, &p->cap_rules, f->n_rules, sizeof *f->rules))
			return false;
		f->rules[f->n_rules++] = (yz_rule_def){.id = id, .line = line};
	} else if (b == B_STATE) {
		if (!yzf_grow(&f->states, &p->cap_states, f->n_states, sizeof *f->states))
			return false;
		f->states[f->n_states++] = (yz_state_def){.id = id, .line = line};
		p->cap_next = 0;
	} else {
		if (!yzf_grow(&f->documents, &p->cap_documents, f->n_documents,
		              sizeof *f->documents))
			return false;
		f->documents[f->n_documents++] = (yz_document_def){.id = id, .line = line};
	}
	return true;
}

static yzf_block header_block(const yzf_word *w)
{
	static const yzf_block blocks[] = {B_FORM, B_MATERIAL, B_FIELD, B_DOCUMENT,
	                                   B_PAGE, B_RULE,     B_STATE};

	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (word_is(w, yzf_block_word(blocks[i])))
			return blocks[i];
	return B_NONE;
}

/* Checks the header's word count; the field header has a type after the id. */
static bool header_shape(yzf_parser *p, const yzf_line *l, yzf_block b, const yzf_word *w, size_t n)
{
	size_t want = b == B_FIELD ? 3 : 2;

	if (n < want) {
		yzf_perr(p, l->no, (int)l->len ? yzf_col(l, l->s + l->len) : 1,
		         b == B_FIELD ? _("'field' needs an id and a type: field <id> <type>")
		                      : _("'%s' needs an id: %s <id>"),
		         yzf_block_word(b), yzf_block_word(b));
		return false;
	}
	if (n > want) {
		yzf_perr(p, l->no, w[want].col, _("unexpected '%.*s' after the header"),
		         (int)w[want].len, w[want].s);
		return false;
	}
	return check_id(p, l, &w[1]);
}

/* The form block: only one per file, and first. */
static bool start_form(yzf_parser *p, const yzf_line *l, const yzf_word *w)
{
	if (p->form->id != NULL) {
		yzf_perr(p, l->no, 1, "%s",
		         _("a file holds one form: remove this second 'form' block"));
		return false;
	}
	p->form->id = yzf_strndup(w[1].s, w[1].len);
	p->form->src_line = l->no;
	return p->form->id != NULL;
}

static bool start_element(yzf_parser *p, const yzf_line *l, yzf_block b, const yzf_word *w)
{
	yz_field_type t = YZ_FIELD_TEXT;
	int first;
	char *id;

	if (p->form->id == NULL) {
		yzf_perr(p, l->no, 1,
		         _("'%s' before the form block: start the file with 'form <id>'"),
		         yzf_block_word(b));
		return false;
	}
	if (b == B_FIELD && !parse_type(p, l, &w[2], &t))
		return false;
	if ((first = earlier_id(p, b, &w[1])) != 0) {
		yzf_perr(p, l->no, w[1].col, _("duplicate %s id '%.*s' (first on line %d)"),
		         yzf_block_word(b), (int)w[1].len, w[1].s, first);
		return false;
	}
	if (b == B_FIELD && w[1].len < 64) {
		char buf[64];
		memcpy(buf, w[1].s, w[1].len);
		buf[w[1].len] = '\0';
		if (yzf_in_list(yzf_service_keys, buf)) {
			yzf_perr(p, l->no, w[1].col,
			         _("field id '%s' is a service key: choose another id"), buf);
			return false;
		}
	}
	if (b == B_DOCUMENT && word_is(&w[1], "receipt")) {
		yzf_perr(p, l->no, w[1].col, "%s",
		         _("'receipt' is the acceptance receipt every case prints: choose another "
		           "document id"));
		return false;
	}
	id = yzf_strndup(w[1].s, w[1].len);
	if (id == NULL || !push_element(p, b, id, l->no)) {
		free(id);
		yzf_perr(p, l->no, 0, "%s", _("out of memory"));
		return false;
	}
	if (b == B_FIELD)
		p->form->fields[p->form->n_fields - 1].type = t;
	return true;
}

/* "page <title>": the fields below belong to a new page. */
static bool start_page(yzf_parser *p, const yzf_line *l, const yzf_word *w, size_t n)
{
	yz_form *f = p->form;
	const char *title;
	char *t;

	if (f->id == NULL) {
		yzf_perr(p, l->no, 1, "%s",
		         _("'page' before the form block: start the file with 'form <id>'"));
		return false;
	}
	if (n < 2) {
		yzf_perr(p, l->no, yzf_col(l, l->s + l->len), "%s",
		         _("'page' needs a title: page <title>"));
		return false;
	}
	title = w[1].s;
	t = yzf_strndup(title, (size_t)(l->s + l->len - title));
	if (t == NULL || !yzf_grow(&f->pages, &p->cap_pages, f->n_pages, sizeof *f->pages)) {
		free(t);
		yzf_perr(p, l->no, 0, "%s", _("out of memory"));
		return false;
	}
	f->pages[f->n_pages++] = (yz_page_def){.title = t, .first = f->n_fields, .line = l->no};
	return true;
}

static void start_block(yzf_parser *p, const yzf_line *l)
{
	yzf_word w[4]; /* the longest header has 3 words; a 4th is reported */
	size_t n = split_words(l, w, 4);
	yzf_block b = header_block(&w[0]);
	bool ok;

	memset(p->seen_line, 0, sizeof p->seen_line);
	p->damaged = false;
	p->column_seen = false;
	p->key_indent = -1;
	p->block_line = l->no;
	p->block = B_SKIP;
	if (b == B_NONE) {
		yzf_perr(p, l->no, 1,
		         _("unknown block '%.*s': write form, material, field, document, page, "
		           "rule or state"),
		         (int)w[0].len, w[0].s);
		return;
	}
	if (b == B_PAGE) {
		if (start_page(p, l, w, n))
			p->block = b;
		return;
	}
	ok = header_shape(p, l, b, w, n);
	ok = ok && (b == B_FORM ? start_form(p, l, w) : start_element(p, l, b, w));
	if (ok)
		p->block = b;
}

/* ---- the end of a block ------------------------------------------------- */

static const char *block_id(yzf_parser *p)
{
	yz_form *f = p->form;

	switch (p->block) {
	case B_FIELD:
		return f->fields[f->n_fields - 1].id;
	case B_MATERIAL:
		return f->materials[f->n_materials - 1].id;
	case B_DOCUMENT:
		return f->documents[f->n_documents - 1].id;
	case B_RULE:
		return f->rules[f->n_rules - 1].id;
	case B_STATE:
		return f->states[f->n_states - 1].id;
	case B_COLUMN:
		return p->column->id;
	default:
		return f->id;
	}
}

static void end_form(yzf_parser *p)
{
	yz_form *f = p->form;

	if (!p->legal_given)
		f->legal_days = f->promise_days;
	if (f->legal_days < f->promise_days)
		yzf_perr(p, p->block_line, 0,
		         _("the legal time limit (%d days) is shorter than the promise (%d days)"),
		         f->legal_days, f->promise_days);
	if (f->kind_id == YZ_FORM_KIND_ON_THE_SPOT && f->promise_days != 0)
		yzf_perr(p, p->block_line, 0,
		         _("a %s item is done on the spot: its promise must be 0 days"), f->kind);
}

/* A registry record's form (`record yes`) is no service item: it has no
 * business line, deciding authority or kind. */
static bool waived(const yzf_parser *p, const char *key)
{
	return p->block == B_FORM && p->form->record &&
	       (strcmp(key, "line") == 0 || strcmp(key, "authority") == 0 ||
	        strcmp(key, "kind") == 0);
}

static void end_block(yzf_parser *p)
{
	const yzf_key *keys = yzf_block_keys(p->block);

	if (keys == NULL)
		return;
	/* A line lost to an encoding error may have held any key. */
	for (size_t i = 0; keys[i].name && !p->damaged; i++)
		if (keys[i].required && p->seen_line[i] == 0 && !waived(p, keys[i].name))
			yzf_perr(p, p->block_line, 0,
			         keys[i].text ? _("%s '%s' has no '%s:' text: add it")
			                      : _("%s '%s' has no '%s' line: add one"),
			         yzf_block_word(p->block), block_id(p), keys[i].name);
	if (p->block == B_FIELD)
		yzf_end_field(p, &p->form->fields[p->form->n_fields - 1], p->block_line);
	if (p->block == B_COLUMN)
		yzf_end_field(p, p->column, p->block_line);
	if (p->block == B_FORM)
		end_form(p);
	p->block = B_NONE;
}

/* ---- key lines ---------------------------------------------------------- */

char *yzf_gather_text(const yzf_line *lines, size_t n_lines, size_t i, int *text_line,
                      int *text_col)
{
	const yzf_line *key = &lines[i];
	size_t first = 0, last = 0, size = 1;
	int min = INT_MAX;
	char *text, *o;

	for (size_t j = i + 1; j < n_lines; j++) {
		const yzf_line *l = &lines[j];
		if (!l->blank && l->indent <= key->indent)
			break;
		if (!l->blank) {
			first = first ? first : j;
			last = j;
			min = l->indent < min ? l->indent : min;
		}
		size += l->raw_len + 1;
	}
	if (first == 0)
		return NULL;
	text = o = malloc(size);
	if (text == NULL)
		return NULL;
	for (size_t j = first; j <= last; j++) {
		const yzf_line *l = &lines[j];
		const char *s = l->raw, *end = l->blank ? l->raw : l->s + l->len;
		int col = 0;
		/* Remove min columns of indentation, no more. */
		while (s < end && col < min && (*s == ' ' || *s == '\t')) {
			col = *s == '\t' ? (col / 8 + 1) * 8 : col + 1;
			s++;
		}
		if (j == first) {
			*text_line = l->no;
			*text_col = yzf_col(l, s);
		}
		memcpy(o, s, (size_t)(end - s));
		o += end - s;
		*o++ = j == last ? '\0' : '\n';
	}
	return text;
}

/* The text of a "key:" block (yzf_gather_text) for the key line i. */
static char *gather_text(yzf_parser *p, size_t i, yzf_arg *a)
{
	return yzf_gather_text(p->lines, p->n_lines, i, &a->text_line, &a->text_col);
}

static const yzf_key *find_key(const yzf_key *keys, const char *s, size_t len, size_t *index)
{
	for (size_t i = 0; keys[i].name; i++) {
		if (strlen(keys[i].name) == len && memcmp(keys[i].name, s, len) == 0) {
			*index = i;
			return &keys[i];
		}
	}
	return NULL;
}

static void unknown_key(yzf_parser *p, const yzf_line *l, const yzf_key *keys, size_t klen)
{
	const char *names[YZF_MAX_KEYS + 1];
	size_t n = 0;
	char *all;

	for (; keys[n].name && n < YZF_MAX_KEYS; n++)
		names[n] = keys[n].name;
	names[n] = NULL;
	all = yzf_join(names);
	yzf_perr(p, l->no, yzf_col(l, l->s), _("unknown key '%.*s' in a %s block: write one of %s"),
	         (int)klen, l->s, yzf_block_word(p->block), all ? all : "");
	free(all);
}

/* Whether the key may be given here; reports why not. */
static bool key_allowed(yzf_parser *p, const yzf_line *l, const yzf_key *k, size_t index,
                        bool colon)
{
	int col = yzf_col(l, l->s), first = index < YZF_MAX_KEYS ? p->seen_line[index] : 0;

	/* Seen even when written wrongly, so that one mistake gives one message. */
	if (index < YZF_MAX_KEYS && first == 0)
		p->seen_line[index] = l->no;
	if (k->text && !colon) {
		yzf_perr(p, l->no, col, _("'%s' takes text on the lines below: write '%s:'"),
		         k->name, k->name);
		return false;
	}
	if (!k->text && colon) {
		yzf_perr(p, l->no, col, _("'%s' takes its value on the same line, without ':'"),
		         k->name);
		return false;
	}
	if (!k->repeat && first != 0) {
		yzf_perr(p, l->no, col, _("'%s' is given twice (first on line %d)"), k->name,
		         first);
		return false;
	}
	return true;
}

const char *yzf_indent_problem(const yzf_line *l, bool in_block, int *key_indent)
{
	if (!in_block)
		return _(
		    "indented line outside any block: start a block with an unindented header");
	if (*key_indent < 0)
		*key_indent = l->indent;
	if (l->indent != *key_indent)
		return _("indentation differs from the lines above: line up the keys of a block");
	return NULL;
}

/* Whether l lines up with the block's other keys; reports why not. */
static bool indent_ok(yzf_parser *p, const yzf_line *l)
{
	const char *why = yzf_indent_problem(l, p->block != B_NONE, &p->key_indent);

	if (why)
		yzf_perr(p, l->no, l->indent_chars + 1, "%s", why);
	return why == NULL;
}

const char *yzf_line_value(const yzf_line *l, size_t klen, size_t *vlen)
{
	const char *v = l->s + klen, *end = l->s + l->len;

	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	*vlen = (size_t)(end - v);
	return v;
}

size_t yzf_text_end(const yzf_line *lines, size_t n_lines, size_t i)
{
	size_t next = i + 1;

	for (size_t j = i + 1; j < n_lines; j++) {
		const yzf_line *l = &lines[j];
		if (!l->blank && l->indent <= lines[i].indent)
			break;
		if (!l->blank)
			next = j + 1;
	}
	return next;
}

static size_t text_end(const yzf_parser *p, size_t i)
{
	return yzf_text_end(p->lines, p->n_lines, i);
}

/* The value of a key line into a->val (malloc'd); false when there is none. */
static char *key_value(yzf_parser *p, size_t i, const yzf_key *k, size_t klen, yzf_arg *a)
{
	const yzf_line *l = &p->lines[i];
	size_t vlen;
	const char *v;
	char *val;

	if (k->text) {
		if (klen != l->len) {
			yzf_perr(p, l->no, yzf_col(l, l->s + klen + 1),
			         _("write the text of '%s:' on the lines below it, indented"),
			         k->name);
			return NULL;
		}
		if ((val = gather_text(p, i, a)) == NULL)
			yzf_perr(p, l->no, yzf_col(l, l->s),
			         _("'%s:' has no text: write it on the indented lines below"),
			         k->name);
		return val;
	}
	v = yzf_line_value(l, klen, &vlen);
	a->col = yzf_col(l, v);
	if (vlen == 0) {
		yzf_perr(p, l->no, a->col, _("'%s' needs a value"), k->name);
		return NULL;
	}
	if ((val = yzf_strndup(v, vlen)) == NULL)
		yzf_perr(p, l->no, 0, "%s", _("out of memory"));
	return val;
}

static void key_line(yzf_parser *p, size_t *i);

/* The types a table column may have: one-line values. */
static bool column_type_ok(yz_field_type t)
{
	return t != YZ_FIELD_MEMO && t != YZ_FIELD_RESIDENT && t != YZ_FIELD_TABLE &&
	       t != YZ_FIELD_COMPUTED && t != YZ_FIELD_MULTICHOICE;
}

/* The header "column <id> <type>" of a table's column; pushes the column. */
static bool column_header(yzf_parser *p, const yzf_line *l, yz_field_def *t)
{
	yzf_word w[4];
	size_t n = split_words(l, w, 4);
	yz_field_type type;

	if (t->type != YZ_FIELD_TABLE) {
		yzf_perr(p, l->no, w[0].col, _("'column' is only used by table fields"));
		return false;
	}
	if (n != 3) {
		yzf_perr(p, l->no, n > 3 ? w[3].col : yzf_col(l, l->s + l->len), "%s",
		         _("'column' needs an id and a type: column <id> <type>"));
		return false;
	}
	if (!check_id(p, l, &w[1]) || !parse_type(p, l, &w[2], &type))
		return false;
	if (!column_type_ok(type)) {
		yzf_perr(p, l->no, w[2].col, _("a table column cannot be of type %s"),
		         yz_field_type_name(type));
		return false;
	}
	for (size_t i = 0; i < t->n_columns; i++) {
		if (word_is(&w[1], t->columns[i].id)) {
			yzf_perr(p, l->no, w[1].col,
			         _("duplicate column id '%.*s' (first on line %d)"), (int)w[1].len,
			         w[1].s, t->columns[i].line);
			return false;
		}
	}
	if (!yzf_grow(&t->columns, &p->cap_columns, t->n_columns, sizeof *t->columns)) {
		yzf_perr(p, l->no, 0, "%s", _("out of memory"));
		return false;
	}
	t->columns[t->n_columns] = (yz_field_def){
	    .id = yzf_strndup(w[1].s, w[1].len), .type = type, .line = l->no, .page = -1};
	if (t->columns[t->n_columns].id == NULL) {
		yzf_perr(p, l->no, 0, "%s", _("out of memory"));
		return false;
	}
	t->n_columns++;
	return true;
}

/* A table's column: its header line at, its keys on lines at+1 .. end. */
static void column_block(yzf_parser *p, size_t at, size_t end)
{
	yz_field_def *t = &p->form->fields[p->form->n_fields - 1];
	int seen[YZF_MAX_KEYS], key_indent = p->key_indent, block_line = p->block_line;
	size_t cap_options = p->cap_options;

	if (!column_header(p, &p->lines[at], t))
		return;
	memcpy(seen, p->seen_line, sizeof seen);
	memset(p->seen_line, 0, sizeof p->seen_line);
	p->column = &t->columns[t->n_columns - 1];
	p->block = B_COLUMN;
	p->block_line = p->lines[at].no;
	p->key_indent = -1;
	p->cap_options = 0;
	for (size_t j = at + 1; j < end;) {
		const yzf_line *l = &p->lines[j];
		if (l->blank || l->comment || l->bad)
			j++;
		else
			key_line(p, &j);
	}
	end_block(p);
	memcpy(p->seen_line, seen, sizeof seen);
	p->column = NULL;
	p->block = B_FIELD;
	p->key_indent = key_indent;
	p->block_line = block_line;
	p->cap_options = cap_options;
}

/* Read the key line at *i (and its text block); *i moves past them. */
static void key_line(yzf_parser *p, size_t *i)
{
	size_t at = *i;
	const yzf_line *l = &p->lines[at];
	const yzf_key *keys = yzf_block_keys(p->block), *k;
	size_t klen = 0, index = 0;
	yzf_arg a = {.line = l};
	bool colon;
	char *val;

	bool column;

	while (klen < l->len && l->s[klen] != ' ' && l->s[klen] != '\t')
		klen++;
	colon = l->s[klen - 1] == ':';
	column = p->block == B_FIELD && klen == 6 && memcmp(l->s, "column", 6) == 0;
	/* A "key:" owns the indented lines below it even when the key is wrong, so
	 * that one mistake gives one message; so does a table's "column". */
	*i = colon || column ? text_end(p, at) : at + 1;
	if (p->block == B_SKIP || !indent_ok(p, l))
		return;
	if (p->block == B_PAGE) {
		yzf_perr(p, l->no, yzf_col(l, l->s), "%s",
		         _("a page has no keys: write the page's fields below the page line"));
		return;
	}
	if (column) {
		p->column_seen = true;
		column_block(p, at, *i);
		return;
	}
	if ((k = find_key(keys, l->s, klen - colon, &index)) == NULL) {
		unknown_key(p, l, keys, klen);
		return;
	}
	if (!key_allowed(p, l, k, index, colon) || (val = key_value(p, at, k, klen, &a)) == NULL)
		return;
	a.val = val;
	k->set(p, &a);
	free(val);
}

/* ---- files -------------------------------------------------------------- */

void yzf_read_blocks(const yzf_line *lines, size_t n_lines, void *p, bool *damaged,
                     const yzf_block_rules *rules)
{
	for (size_t i = 0; i < n_lines;) {
		const yzf_line *l = &lines[i];
		if (l->blank || l->comment || l->bad) {
			*damaged = *damaged || (l->bad && l->indent > 0);
			i++;
		} else if (l->indent == 0) {
			rules->end(p);
			rules->start(p, l);
			i++;
		} else {
			rules->key_line(p, &i);
		}
	}
	rules->end(p);
}

/* The form's yzf_block_rules (key_line is also called by column_block). */
static void start_cb(void *p, const yzf_line *l)
{
	start_block(p, l);
}

static void end_cb(void *p)
{
	end_block(p);
}

static void key_line_cb(void *p, size_t *i)
{
	key_line(p, i);
}

static void read_lines(yzf_parser *p)
{
	static const yzf_block_rules rules = {start_cb, end_cb, key_line_cb};

	yzf_read_blocks(p->lines, p->n_lines, p, &p->damaged, &rules);
	if (p->form->id == NULL && p->errors == 0)
		yzf_perr(p, 1, 1, "%s", _("no form here: a form file starts with 'form <id>'"));
	if (p->form->id != NULL) {
		yzf_build_pages(p);
		yzf_compile_exprs(p);
	}
}

/* Line and column of a message "path:line:col: …" (0 when absent). */
static void diag_pos(const char *item, size_t skip, long *line, long *col)
{
	char *end;

	*line = strtol(item + skip, &end, 10);
	*col = *end == ':' ? strtol(end + 1, &end, 10) : 0;
}

/* Messages are found block by block (a missing key when the block ends); the
 * admin reads them best in line order. */
void yzf_sort_diags(yz_diags *d, size_t from, const char *path)
{
	size_t skip = strlen(path) + 1;

	for (size_t i = from + 1; d && i < d->n; i++) {
		char *item = d->items[i];
		long line, col, l2, c2;
		size_t j = i;
		diag_pos(item, skip, &line, &col);
		for (; j > from; j--) {
			diag_pos(d->items[j - 1], skip, &l2, &c2);
			if (l2 < line || (l2 == line && c2 <= col))
				break;
			d->items[j] = d->items[j - 1];
		}
		d->items[j] = item;
	}
}

yz_form *yz_form_parse(const char *path, const char *text, size_t len, yz_date today,
                       const yz_form_vocab *vocab, yz_diags *diags)
{
	size_t first_diag = diags ? diags->n : 0;
	yzf_line *lines = NULL;
	size_t n = 0;
	yzf_parser p = {.path = path,
	                .diags = diags,
	                .block = B_NONE,
	                .key_indent = -1,
	                .today = today,
	                .vocab = vocab};

	p.form = calloc(1, sizeof *p.form);
	if (p.form == NULL || (p.form->path = yzf_strdup(path)) == NULL) {
		yz_diags_add(diags, path, 0, 0, "%s", _("out of memory"));
		free(p.form);
		return NULL;
	}
	p.errors = yzf_split_lines(path, text, len, diags, &lines, &n);
	p.lines = lines;
	p.n_lines = n;
	read_lines(&p);
	free(lines);
	yzf_sort_diags(diags, first_diag, path);
	if (p.errors != 0) {
		yz_form_free(p.form);
		return NULL;
	}
	return p.form;
}

char *yzf_slurp(const char *path, size_t *len, yz_diags *diags)
{
	FILE *fp = fopen(path, "rb");
	char *buf;

	if (fp == NULL) {
		yz_diags_add(diags, path, 0, 0, _("cannot open the file: %s"), strerror(errno));
		return NULL;
	}
	buf = malloc(YZF_MAX_FILE + 1);
	*len = buf ? fread(buf, 1, YZF_MAX_FILE + 1, fp) : 0;
	if (buf == NULL || ferror(fp) || *len > YZF_MAX_FILE) {
		yz_diags_add(diags, path, 0, 0, "%s",
		             buf == NULL ? _("out of memory")
		             : ferror(fp)
		                 ? _("cannot read the file")
		                 : _("the file is larger than 1 MB: this is not a form file"));
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

yz_form *yz_form_load(const char *path, yz_date today, const yz_form_vocab *vocab, yz_diags *diags)
{
	size_t len;
	char *text = yzf_slurp(path, &len, diags);
	yz_form *f;

	if (text == NULL)
		return NULL;
	f = yz_form_parse(path, text, len, today, vocab, diags);
	free(text);
	return f;
}

void yz_form_free(yz_form *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n_fields; i++) {
		yz_field_def *d = &f->fields[i];
		for (size_t j = 0; j < d->n_options; j++)
			free(d->options[j]);
		free(d->options);
		free(d->id);
		free(d->label);
		free(d->help);
		free(d->example);
		for (size_t j = 0; j < d->n_columns; j++)
			yzf_free_field(&d->columns[j]);
		free(d->columns);
		yz_expr_free(d->expr);
		yz_expr_free(d->visible_if);
		yz_expr_free(d->required_if);
	}
	for (size_t i = 0; i < f->n_pages; i++)
		free(f->pages[i].title);
	for (size_t i = 0; i < f->n_rules; i++) {
		free(f->rules[i].id);
		free(f->rules[i].message);
		yz_expr_free(f->rules[i].when);
	}
	for (size_t i = 0; i < f->n_states; i++) {
		yz_state_def *st = &f->states[i];
		for (size_t j = 0; j < st->n_next; j++)
			free(st->next[j]);
		free(st->next);
		free(st->next_col);
		free(st->next_line);
		free(st->id);
		free(st->label);
	}
	free(f->pages);
	free(f->rules);
	free(f->states);
	for (size_t i = 0; i < f->n_materials; i++) {
		free(f->materials[i].id);
		free(f->materials[i].label);
		free(f->materials[i].note);
	}
	for (size_t i = 0; i < f->n_documents; i++) {
		free(f->documents[i].id);
		free(f->documents[i].paper);
		free(f->documents[i].title);
		free(f->documents[i].body);
		free(f->documents[i].kind);
	}
	free(f->fields);
	free(f->materials);
	free(f->documents);
	free(f->path);
	free(f->id);
	free(f->title);
	free(f->line);
	free(f->authority);
	free(f->kind);
	free(f->keywords);
	free(f->language);
	free(f);
}
