/* The ledger language (yizhan/form/ledger.h): forms/ledgers/<id>.ledger →
 * a yz_ledger.
 *
 * The block rules are the form language's (lexer.c for lines, parse.c's
 * helpers for words and "key:" text): a `ledger <id>` block first, then one
 * `column <id>` block per column, each with indented "key value" lines.
 * What depends on more than one line (the source's keys, the columns sort and
 * group name, the expressions) is checked when the whole file has been read,
 * so keys may come in any order. Every error is reported as
 * "file:line:col: message"; a ledger is returned only when there was none. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "expr.h"
#include "form_internal.h"
#include "ledger_int.h"
#include "lexer.h"
#include "parser.h"

/* Most keys a block kind has (the size of seen). */
#define LMAX_KEYS 16

typedef enum lblock {
	LB_NONE,   /* before the first block, or after a block ended */
	LB_LEDGER, /* ledger <id> */
	LB_COLUMN, /* column <id> */
	LB_SKIP,   /* a block whose header was wrong: its lines are skipped */
} lblock;

/* Where something was written. */
typedef struct lpos {
	int line; /* 1-based */
	int col;  /* 1-based, characters */
} lpos;

/* What a column's lines said that is checked at the end of the file. */
typedef struct lcol_raw {
	char *value;       /* `value` as written, NULL when none */
	lpos value_at;     /* where the value starts */
	bool format_given; /* a `format` line */
	lpos format_at;    /* its value */
	lpos total_at;     /* `total`'s value */
	lpos running_at;   /* `running`'s value */
} lcol_raw;

/* A word of `sort`: a column (or a key a column shows), maybe reversed. */
typedef struct lsort_word {
	char *name; /* as written */
	lpos at;    /* where */
	bool desc;  /* followed by `desc` */
} lsort_word;

typedef struct lparser {
	const char *path;        /* for messages */
	yz_diags *diags;         /* where messages go */
	int errors;              /* messages added so far */
	const yz_catalogue *cat; /* the forms `forms` may name (NULL: none) */
	const yzf_line *lines;   /* all lines of the file */
	size_t n_lines;
	yz_ledger *l;        /* being built */
	lcol_raw *raw;       /* per column, parallel to l->cols */
	size_t cap_cols;     /* capacity of l->cols and raw */
	lblock block;        /* the block being read */
	int block_line;      /* line of its header */
	int key_indent;      /* indentation of its key lines; -1 before the first */
	int seen[LMAX_KEYS]; /* line where key i of the block was given, 0 = not yet */
	bool damaged;        /* a line of the block was lost to an encoding error */
	bool has_source;     /* `source` was read */
	lpos forms_at;       /* `forms`' value (line 0: none) */
	int *forms_col;      /* column of each form id */
	lpos tags_at;        /* `tags`' value */
	lpos period_at;      /* `period`'s value (line 0: none written) */
	bool period_none;    /* `period none` */
	char *where;         /* `where` as written */
	lpos where_at;       /* where it starts */
	lsort_word *sort;    /* `sort`'s words */
	size_t n_sort;
	char *group; /* `group` as written */
	lpos group_at;
	size_t n_keys; /* fields [0, n_keys) of the row form are keys */
	int id_col;    /* column of the ledger's id on its header */
} lparser;

/* One "key value" (or "key:" + text) line handed to a key's setter. */
typedef struct larg {
	const yzf_line *line; /* the key's line */
	const char *val;      /* the value (NUL terminated), or the text block */
	lpos at;              /* where the value (or the text) starts */
	bool block;           /* the text came from the indented lines below "key:" */
} larg;

typedef struct lkey {
	const char *name;                       /* as written */
	bool text;                              /* may also be written "key:" + lines */
	bool required;                          /* the block is incomplete without it */
	void (*set)(lparser *p, const larg *a); /* store the value */
} lkey;

static void lerr(lparser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void lerr(lparser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yzf_vdiag(p->diags, p->path, &p->errors, line, col, fmt, ap);
	va_end(ap);
}

static char *dup_or_oom(lparser *p, const char *s, int line)
{
	char *d = yzf_strdup(s);

	if (d == NULL)
		lerr(p, line, 0, "%s", _("out of memory"));
	return d;
}

/* The words of a value (split at blanks) with their columns: a pseudo-line
 * over the value so that yzf_split_words measures columns from the key line. */
static size_t value_words(const larg *a, yzf_word *w, size_t max)
{
	yzf_line l = *a->line;
	size_t n;

	/* The value is a copy: columns are counted from its start, then moved
	 * to where it starts on the line. */
	l.raw = l.s = a->val;
	l.len = strlen(a->val);
	n = yzf_split_words(&l, w, max);
	for (size_t i = 0; i < n && i < max; i++)
		w[i].col += a->at.col - 1;
	return n;
}

static bool word_eq(const yzf_word *w, const char *s)
{
	return w->len == strlen(s) && memcmp(w->s, s, w->len) == 0;
}

/* ---- the ledger block's keys ------------------------------------------------ */

static void set_title(lparser *p, const larg *a)
{
	p->l->title = dup_or_oom(p, a->val, a->at.line);
}

static void set_source(lparser *p, const larg *a)
{
	if (yzl_source_parse(a->val, &p->l->source)) {
		p->has_source = true;
		return;
	}
	lerr(p, a->at.line, a->at.col, _("unknown source '%s': write one of %s"), a->val,
	     yzl_source_words());
}

/* A list of words into *out (malloc'd copies) and their columns. */
static bool words_into(lparser *p, const larg *a, char ***out, size_t *n, int **cols)
{
	size_t cnt = value_words(a, NULL, 0);
	yzf_word *w = calloc(cnt ? cnt : 1, sizeof *w);

	*out = calloc(cnt ? cnt : 1, sizeof **out);
	*cols = calloc(cnt ? cnt : 1, sizeof **cols);
	if (w == NULL || *out == NULL || *cols == NULL) {
		free(w);
		lerr(p, a->at.line, 0, "%s", _("out of memory"));
		return false;
	}
	value_words(a, w, cnt);
	for (size_t i = 0; i < cnt; i++) {
		(*out)[i] = yzf_strndup(w[i].s, w[i].len);
		(*cols)[i] = w[i].col;
		if ((*out)[i] == NULL) {
			lerr(p, a->at.line, 0, "%s", _("out of memory"));
			break;
		}
		*n = i + 1;
	}
	free(w);
	return *n == cnt;
}

static void set_forms(lparser *p, const larg *a)
{
	yz_ledger *l = p->l;

	p->forms_at = a->at;
	if (!words_into(p, a, &l->forms, &l->n_forms, &p->forms_col))
		return;
	for (size_t i = 0; i < l->n_forms; i++) {
		if (p->cat == NULL || yz_catalogue_find(p->cat, l->forms[i]) == NULL) {
			lerr(p, a->at.line, p->forms_col[i],
			     _("no form '%s' in the catalogue: write the id of a form (its file "
			       "name without .form)"),
			     l->forms[i]);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(l->forms[i], l->forms[j]) == 0)
				lerr(p, a->at.line, p->forms_col[i], _("form '%s' is listed twice"),
				     l->forms[i]);
	}
}

static void set_tags(lparser *p, const larg *a)
{
	yz_ledger *l = p->l;

	p->tags_at = a->at;
	l->tags_line = a->at.line;
	if (!words_into(p, a, &l->tags, &l->n_tags, &l->tags_col))
		return;
	for (size_t i = 0; i < l->n_tags; i++)
		if (!yzf_id_valid(l->tags[i], strlen(l->tags[i])))
			lerr(p, a->at.line, l->tags_col[i],
			     _("bad special group code '%s': write its code in lower-case letters, "
			       "such as dibao or disabled"),
			     l->tags[i]);
}

static void set_period(lparser *p, const larg *a)
{
	p->period_at = a->at;
	if (strcmp(a->val, "none") == 0) {
		p->period_none = true;
		return;
	}
	p->l->period = dup_or_oom(p, a->val, a->at.line);
}

static void set_where(lparser *p, const larg *a)
{
	p->where = dup_or_oom(p, a->val, a->at.line);
	p->where_at = a->at;
}

static void set_sort(lparser *p, const larg *a)
{
	size_t cnt = value_words(a, NULL, 0);
	yzf_word *w = calloc(cnt ? cnt : 1, sizeof *w);

	p->sort = calloc(cnt ? cnt : 1, sizeof *p->sort);
	if (w == NULL || p->sort == NULL) {
		free(w);
		lerr(p, a->at.line, 0, "%s", _("out of memory"));
		return;
	}
	value_words(a, w, cnt);
	for (size_t i = 0; i < cnt; i++) {
		if (word_eq(&w[i], "desc")) {
			if (p->n_sort == 0 || p->sort[p->n_sort - 1].desc)
				lerr(
				    p, a->at.line, w[i].col, "%s",
				    _("'desc' follows the column it reverses, such as: sort amount "
				      "desc"));
			else
				p->sort[p->n_sort - 1].desc = true;
			continue;
		}
		p->sort[p->n_sort] =
		    (lsort_word){yzf_strndup(w[i].s, w[i].len), {a->at.line, w[i].col}, false};
		if (p->sort[p->n_sort].name == NULL)
			lerr(p, a->at.line, 0, "%s", _("out of memory"));
		else
			p->n_sort++;
	}
	free(w);
}

static void set_group(lparser *p, const larg *a)
{
	yzf_word w[2];

	if (value_words(a, w, 2) != 1) {
		lerr(p, a->at.line, a->at.col, "%s",
		     _("'group' takes one column: the rows are grouped by it, with subtotals"));
		return;
	}
	p->group = dup_or_oom(p, a->val, a->at.line);
	p->group_at = a->at;
}

static void set_paper(lparser *p, const larg *a)
{
	if (strcmp(a->val, "a4") == 0 || strcmp(a->val, "a4 portrait") == 0)
		return;
	if (strcmp(a->val, "a4 landscape") == 0) {
		p->l->landscape = true;
		return;
	}
	lerr(p, a->at.line, a->at.col, _("bad value '%s': write a4 portrait or a4 landscape"),
	     a->val);
}

static void set_sign(lparser *p, const larg *a)
{
	int *cols = NULL;

	if (strcmp(a->val, "none") == 0) {
		p->l->no_sign = true;
		return;
	}
	words_into(p, a, &p->l->sign, &p->l->n_sign, &cols);
	free(cols);
}

/* The keys a notice's text may hold: the station's name and phone, the
 * period, and station settings. */
static bool notice_key_ok(const char *key)
{
	return strcmp(key, "station.name") == 0 || strcmp(key, "station.phone") == 0 ||
	       strcmp(key, "period") == 0 ||
	       (strncmp(key, "settings.", 9) == 0 && yzf_id_valid(key + 9, strlen(key + 9)));
}

/* Where "{key" first is in a's text. */
static lpos ref_pos(const larg *a, const char *key)
{
	const char *hit = a->val, *line_start = a->val;
	size_t klen = strlen(key);
	lpos at = a->at;

	while ((hit = strchr(hit, '{')) != NULL && strncmp(hit + 1, key, klen) != 0)
		hit++;
	if (hit == NULL)
		return at;
	/* A text block's lines start at the column of its first line. */
	for (const char *s = a->val; s < hit; s++) {
		if (*s == '\n') {
			at.line++;
			line_start = s + 1;
		}
	}
	for (const char *s = line_start; s < hit; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			at.col++;
	return at;
}

static char *notice_text(lparser *p, const larg *a)
{
	char **keys = NULL;
	size_t n = yz_template_keys(a->val, &keys);

	for (size_t i = 0; i < n; i++) {
		if (!notice_key_ok(keys[i])) {
			lpos at = ref_pos(a, keys[i]);
			lerr(p, at.line, at.col,
			     _("unknown key {%s}: a notice's text may hold {station.name}, "
			       "{station.phone}, {period} and {settings.NAME}"),
			     keys[i]);
		}
		free(keys[i]);
	}
	free(keys);
	return dup_or_oom(p, a->val, a->at.line);
}

static void set_intro(lparser *p, const larg *a)
{
	p->l->intro = notice_text(p, a);
}

static void set_outro(lparser *p, const larg *a)
{
	p->l->outro = notice_text(p, a);
}

static const lkey ledger_keys[] = {
    {"title", false, true, set_title},    {"source", false, true, set_source},
    {"forms", false, false, set_forms},   {"tags", false, false, set_tags},
    {"period", false, false, set_period}, {"where", false, false, set_where},
    {"sort", false, false, set_sort},     {"group", false, false, set_group},
    {"paper", false, false, set_paper},   {"sign", false, false, set_sign},
    {"intro", true, false, set_intro},    {"outro", true, false, set_outro},
    {NULL, false, false, NULL},
};

/* ---- the column block's keys ---------------------------------------------- */

static yz_ledger_column *cur_col(lparser *p)
{
	return &p->l->cols[p->l->n_cols - 1];
}

static lcol_raw *cur_raw(lparser *p)
{
	return &p->raw[p->l->n_cols - 1];
}

static void set_label(lparser *p, const larg *a)
{
	cur_col(p)->label = dup_or_oom(p, a->val, a->at.line);
}

static void set_value(lparser *p, const larg *a)
{
	cur_raw(p)->value = dup_or_oom(p, a->val, a->at.line);
	cur_raw(p)->value_at = a->at;
}

static const char *const format_words[] = {
    [YZ_COL_TEXT] = "text",
    [YZ_COL_ID] = "id",
    [YZ_COL_ID_MASKED] = "id_masked",
    [YZ_COL_NAME_MASKED] = "name_masked",
    [YZ_COL_PHONE] = "phone",
    [YZ_COL_DATE] = "date",
    [YZ_COL_MONEY] = "money",
    [YZ_COL_INTEGER] = "integer",
    [YZ_COL_NUMBER] = "number",
    [YZ_COL_SEQ] = "seq",
    NULL,
};

/* A word of list, or an error naming them all; -1 then. */
static int one_of(lparser *p, const larg *a, const char *const *list)
{
	char *all;

	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], a->val) == 0)
			return i;
	all = yzf_join(list);
	lerr(p, a->at.line, a->at.col, _("bad value '%s': write one of %s"), a->val,
	     all ? all : "");
	free(all);
	return -1;
}

static void set_format(lparser *p, const larg *a)
{
	int i = one_of(p, a, format_words);

	cur_raw(p)->format_at = a->at;
	if (i < 0)
		return;
	cur_col(p)->format = (yz_col_format)i;
	cur_raw(p)->format_given = true;
}

static void set_total(lparser *p, const larg *a)
{
	static const char *const totals[] = {"sum", "count", NULL};
	int i = one_of(p, a, totals);

	cur_raw(p)->total_at = a->at;
	if (i >= 0)
		cur_col(p)->total = i == 0 ? YZ_TOTAL_SUM : YZ_TOTAL_COUNT;
}

static void set_width(lparser *p, const larg *a)
{
	long v = 0;
	const char *s = a->val;

	for (; *s >= '0' && *s <= '9' && v <= 200; s++)
		v = v * 10 + (*s - '0');
	if (*s != '\0' || v < 1 || v > 200) {
		lerr(p, a->at.line, a->at.col,
		     _("bad value '%s': write a whole number from %d to %d"), a->val, 1, 200);
		return;
	}
	cur_col(p)->width = (int)v;
}

static void set_running(lparser *p, const larg *a)
{
	static const char *const yesno[] = {"yes", "no", NULL};
	int i = one_of(p, a, yesno);

	cur_raw(p)->running_at = a->at;
	cur_col(p)->running = i == 0;
}

static const lkey column_keys[] = {
    {"label", false, true, set_label},    {"value", false, false, set_value},
    {"format", false, false, set_format}, {"total", false, false, set_total},
    {"width", false, false, set_width},   {"running", false, false, set_running},
    {NULL, false, false, NULL},
};

static const lkey *block_keys(lblock b)
{
	return b == LB_LEDGER ? ledger_keys : b == LB_COLUMN ? column_keys : NULL;
}

static const char *block_word(lblock b)
{
	return b == LB_LEDGER ? "ledger" : "column";
}

/* ---- blocks ------------------------------------------------------------------ */

static bool start_ledger(lparser *p, const yzf_line *l, const yzf_word *id)
{
	if (p->l->id != NULL) {
		lerr(p, l->no, 1, "%s",
		     _("a file holds one ledger: remove this second 'ledger' block"));
		return false;
	}
	p->l->id = yzf_strndup(id->s, id->len);
	p->l->src_line = l->no;
	p->id_col = id->col;
	return p->l->id != NULL;
}

static bool start_column(lparser *p, const yzf_line *l, const yzf_word *id)
{
	yz_ledger *L = p->l;

	if (L->id == NULL) {
		lerr(p, l->no, 1, "%s",
		     _("'column' before the ledger block: start the file with 'ledger <id>'"));
		return false;
	}
	for (size_t i = 0; i < L->n_cols; i++) {
		if (word_eq(id, L->cols[i].id)) {
			lerr(p, l->no, id->col, _("duplicate column id '%.*s' (first on line %d)"),
			     (int)id->len, id->s, L->cols[i].line);
			return false;
		}
	}
	if (L->n_cols + 1 > p->cap_cols) {
		size_t cap = p->cap_cols ? p->cap_cols * 2 : 8;
		yz_ledger_column *c = realloc(L->cols, cap * sizeof *c);
		lcol_raw *r = c ? realloc(p->raw, cap * sizeof *r) : NULL;
		if (c)
			L->cols = c;
		if (r == NULL) {
			lerr(p, l->no, 0, "%s", _("out of memory"));
			return false;
		}
		p->raw = r;
		p->cap_cols = cap;
	}
	L->cols[L->n_cols] = (yz_ledger_column){.id = yzf_strndup(id->s, id->len), .line = l->no};
	p->raw[L->n_cols] = (lcol_raw){0};
	if (L->cols[L->n_cols].id == NULL) {
		lerr(p, l->no, 0, "%s", _("out of memory"));
		return false;
	}
	L->n_cols++;
	return true;
}

/* start_block, end_block and key_line are the ledger's yzf_block_rules (vp
 * is the lparser). */
static void start_block(void *vp, const yzf_line *l)
{
	lparser *p = vp;
	yzf_word w[3];
	size_t n = yzf_split_words(l, w, 3);
	lblock b = word_eq(&w[0], "ledger")   ? LB_LEDGER
	           : word_eq(&w[0], "column") ? LB_COLUMN
	                                      : LB_NONE;
	bool ok;

	memset(p->seen, 0, sizeof p->seen);
	p->damaged = false;
	p->key_indent = -1;
	p->block_line = l->no;
	p->block = LB_SKIP;
	if (b == LB_NONE) {
		lerr(p, l->no, 1, _("unknown block '%.*s': write ledger or column"), (int)w[0].len,
		     w[0].s);
		return;
	}
	if (n < 2) {
		lerr(p, l->no, yzf_col(l, l->s + l->len), _("'%s' needs an id: %s <id>"),
		     block_word(b), block_word(b));
		return;
	}
	if (n > 2) {
		lerr(p, l->no, w[2].col, _("unexpected '%.*s' after the header"), (int)w[2].len,
		     w[2].s);
		return;
	}
	if (!yzf_id_valid(w[1].s, w[1].len)) {
		lerr(p, l->no, w[1].col,
		     _("bad id '%.*s': use lower-case letters, digits and _, starting with a "
		       "letter"),
		     (int)w[1].len, w[1].s);
		return;
	}
	ok = b == LB_LEDGER ? start_ledger(p, l, &w[1]) : start_column(p, l, &w[1]);
	if (ok)
		p->block = b;
}

static const char *block_id(const lparser *p)
{
	return p->block == LB_COLUMN ? p->l->cols[p->l->n_cols - 1].id : p->l->id;
}

static void end_block(void *vp)
{
	lparser *p = vp;
	const lkey *keys = block_keys(p->block);

	/* A line lost to an encoding error may have held any key. */
	for (size_t i = 0; keys && keys[i].name && !p->damaged; i++)
		if (keys[i].required && p->seen[i] == 0)
			lerr(p, p->block_line, 0, _("%s '%s' has no '%s' line: add one"),
			     block_word(p->block), block_id(p), keys[i].name);
	p->block = LB_NONE;
}

/* ---- key lines --------------------------------------------------------------- */

static void unknown_key(lparser *p, const yzf_line *l, const lkey *keys, size_t klen)
{
	const char *names[LMAX_KEYS + 1];
	size_t n = 0;
	char *all;

	for (; keys[n].name && n < LMAX_KEYS; n++)
		names[n] = keys[n].name;
	names[n] = NULL;
	all = yzf_join(names);
	lerr(p, l->no, yzf_col(l, l->s), _("unknown key '%.*s' in a %s block: write one of %s"),
	     (int)klen, l->s, block_word(p->block), all ? all : "");
	free(all);
}

static bool indent_ok(lparser *p, const yzf_line *l)
{
	const char *why = yzf_indent_problem(l, p->block != LB_NONE, &p->key_indent);

	if (why)
		lerr(p, l->no, l->indent_chars + 1, "%s", why);
	return why == NULL;
}

/* The value of the key line at i into a (malloc'd a->val); NULL with a message
 * when there is none. */
static char *key_value(lparser *p, size_t i, const lkey *k, size_t klen, bool colon, larg *a)
{
	const yzf_line *l = &p->lines[i];
	const char *v;
	size_t vlen;
	char *val;

	if (colon) {
		if (klen != l->len) {
			lerr(p, l->no, yzf_col(l, l->s + klen),
			     _("write the text of '%s:' on the lines below it, indented"), k->name);
			return NULL;
		}
		val = yzf_gather_text(p->lines, p->n_lines, i, &a->at.line, &a->at.col);
		if (val == NULL)
			lerr(p, l->no, yzf_col(l, l->s),
			     _("'%s:' has no text: write it on the indented lines below"), k->name);
		a->block = true;
		return val;
	}
	v = yzf_line_value(l, klen, &vlen);
	a->at = (lpos){l->no, yzf_col(l, v)};
	if (vlen == 0) {
		lerr(p, l->no, a->at.col, _("'%s' needs a value"), k->name);
		return NULL;
	}
	if ((val = yzf_strndup(v, vlen)) == NULL)
		lerr(p, l->no, 0, "%s", _("out of memory"));
	return val;
}

/* Read the key line at *i (and its text block); *i moves past them. */
static void key_line(void *vp, size_t *i)
{
	lparser *p = vp;
	size_t at = *i, klen = 0, index;
	const yzf_line *l = &p->lines[at];
	const lkey *keys = block_keys(p->block), *k = NULL;
	larg a = {.line = l};
	bool colon;
	char *val;

	while (klen < l->len && l->s[klen] != ' ' && l->s[klen] != '\t')
		klen++;
	colon = l->s[klen - 1] == ':';
	/* A "key:" owns the indented lines below it even when the key is wrong, so
	 * that one mistake gives one message. */
	*i = colon ? yzf_text_end(p->lines, p->n_lines, at) : at + 1;
	if (p->block == LB_SKIP || !indent_ok(p, l))
		return;
	for (index = 0; keys[index].name; index++) {
		if (strlen(keys[index].name) == klen - colon &&
		    memcmp(keys[index].name, l->s, klen - colon) == 0) {
			k = &keys[index];
			break;
		}
	}
	if (k == NULL) {
		unknown_key(p, l, keys, klen - colon);
		return;
	}
	if (p->seen[index] != 0) {
		lerr(p, l->no, yzf_col(l, l->s), _("'%s' is given twice (first on line %d)"),
		     k->name, p->seen[index]);
		return;
	}
	p->seen[index] = l->no;
	if (colon && !k->text) {
		lerr(p, l->no, yzf_col(l, l->s),
		     _("'%s' takes its value on the same line, without ':'"), k->name);
		return;
	}
	if ((val = key_value(p, at, k, klen, colon, &a)) == NULL)
		return;
	a.val = val;
	k->set(p, &a);
	free(val);
}

/* The block rules are the form language's (yzf_read_blocks). */
static void read_lines(lparser *p)
{
	static const yzf_block_rules rules = {start_block, end_block, key_line};

	yzf_read_blocks(p->lines, p->n_lines, p, &p->damaged, &rules);
}

/* ---- the row's form ------------------------------------------------------------ */

/* What a field is in a ledger's row: 'N' number, 'D' date, 'T' text, 'R' a
 * table (rows). */
static char field_kind(const yz_field_def *d)
{
	switch (d->type) {
	case YZ_FIELD_TABLE:
		return 'R';
	case YZ_FIELD_MONEY:
	case YZ_FIELD_INTEGER:
		return 'N';
	case YZ_FIELD_DATE:
		return 'D';
	case YZ_FIELD_COMPUTED:
		if (d->format == YZ_FORMAT_MONEY || d->format == YZ_FORMAT_INTEGER)
			return 'N';
		if (d->format == YZ_FORMAT_TEXT || d->expr == NULL)
			return 'T';
		return d->expr->state == X_DONE && d->expr->type == T_NUM ? 'N' : 'T';
	default:
		return 'T';
	}
}

static const char *kind_word(char k)
{
	switch (k) {
	case 'N':
		return _("a number");
	case 'D':
		return _("a date");
	case 'R':
		return _("a table");
	default:
		return _("text");
	}
}

/* The row's copy of a form's field: its id and type only; a computed field
 * becomes a plain number or text (the service fills its stored value). */
static bool copy_scalar(yz_field_def *to, const yz_field_def *d)
{
	char k = field_kind(d);

	*to = (yz_field_def){.id = yzf_strdup(d->id), .type = d->type, .page = -1};
	if (d->type == YZ_FIELD_COMPUTED)
		to->type = k != 'N'                         ? YZ_FIELD_TEXT
		           : d->format == YZ_FORMAT_INTEGER ? YZ_FIELD_INTEGER
		                                            : YZ_FIELD_MONEY;
	return to->id != NULL;
}

static bool push_field(yz_form *f, size_t *cap, const yz_field_def *d)
{
	if (!yzf_grow(&f->fields, cap, f->n_fields, sizeof *f->fields))
		return false;
	if (!copy_scalar(&f->fields[f->n_fields], d))
		return false;
	f->n_fields++;
	return true;
}

static bool push_key(yz_form *f, size_t *cap, const char *key, yz_lkey_type t)
{
	size_t n = strlen(key);
	yz_field_def d = {.id = (char *)key, .type = YZ_FIELD_TEXT};

	if (t == YZ_LKEY_NUMBER)
		d.type = YZ_FIELD_MONEY;
	else if (t == YZ_LKEY_DATE)
		d.type = YZ_FIELD_DATE;
	else if (n > 5 && strcmp(key + n - 5, ".idno") == 0)
		d.type = YZ_FIELD_IDCARD; /* age() and sex() take it */
	else if (n > 6 && strcmp(key + n - 6, ".phone") == 0)
		d.type = YZ_FIELD_PHONE;
	return push_field(f, cap, &d);
}

/* A table's columns merged into the row's table: a column of the same id
 * must be of the same kind. Returns the id of a column that is not, or NULL. */
static const char *merge_columns(yz_field_def *t, size_t *cap, const yz_field_def *from, bool *oom)
{
	for (size_t i = 0; i < from->n_columns; i++) {
		const yz_field_def *c = &from->columns[i];
		const yz_field_def *have = yz_table_column(t, c->id);
		if (have) {
			if (field_kind(have) != field_kind(c))
				return c->id;
			continue;
		}
		if (!yzf_grow(&t->columns, cap, t->n_columns, sizeof *t->columns) ||
		    !copy_scalar(&t->columns[t->n_columns], c)) {
			*oom = true;
			return NULL;
		}
		t->n_columns++;
	}
	return NULL;
}

/* The fields of form i of `forms` into the row's form; a field already there
 * (from an earlier form) must be of the same kind. */
static void add_form_fields(lparser *p, yz_form *row, size_t *cap, size_t i)
{
	const yz_form *f = yz_catalogue_find(p->cat, p->l->forms[i]);
	int line = p->forms_at.line, col = p->forms_col[i];

	for (size_t j = 0; f && j < f->n_fields; j++) {
		const yz_field_def *d = &f->fields[j];
		yz_field_def *have = (yz_field_def *)yz_form_field(row, d->id);
		const char *bad;
		bool oom = false;
		if (have == NULL) {
			size_t cap_cols = 0;
			if (!push_field(row, cap, d)) {
				lerr(p, line, 0, "%s", _("out of memory"));
				return;
			}
			have = &row->fields[row->n_fields - 1];
			if (d->type == YZ_FIELD_TABLE &&
			    merge_columns(have, &cap_cols, d, &oom) == NULL && oom)
				lerr(p, line, 0, "%s", _("out of memory"));
			continue;
		}
		if (field_kind(have) != field_kind(d)) {
			lerr(p, line, col,
			     _("field '%s' is %s in form %s but %s in an earlier form of the list: "
			       "a "
			       "ledger lists forms whose fields of one id are of one type"),
			     d->id, kind_word(field_kind(d)), f->id, kind_word(field_kind(have)));
			continue;
		}
		if (d->type != YZ_FIELD_TABLE)
			continue;
		{
			size_t cap_cols = have->n_columns;
			if ((bad = merge_columns(have, &cap_cols, d, &oom)) != NULL)
				lerr(p, line, col,
				     _("column '%s' of table '%s' is of another type in form %s "
				       "than "
				       "in an earlier form of the list"),
				     bad, d->id, f->id);
			else if (oom)
				lerr(p, line, 0, "%s", _("out of memory"));
		}
	}
}

/* The form a ledger's expressions are checked against and evaluated with:
 * the source's keys, latest.<form> keys, then the listed forms' fields. */
static yz_form *row_form(lparser *p)
{
	yz_form *row = calloc(1, sizeof *row);
	size_t cap = 0;
	bool ok = row != NULL;

	for (const yz_ledger_key *k = yz_ledger_keys(p->l->source); ok && k->key; k++)
		ok = push_key(row, &cap, k->key, k->type);
	for (size_t i = 0;
	     ok && p->cat && yzl_source_has_latest(p->l->source) && i < p->cat->n_forms; i++) {
		char *a = yz_strdup_printf("latest.%s", p->cat->forms[i]->id);
		char *b = yz_strdup_printf("latest.%s.date", p->cat->forms[i]->id);
		ok = a && b && push_key(row, &cap, a, YZ_LKEY_TEXT) &&
		     push_key(row, &cap, b, YZ_LKEY_DATE);
		free(a);
		free(b);
	}
	if (!ok) {
		lerr(p, p->l->src_line, 0, "%s", _("out of memory"));
		yz_form_free(row);
		return NULL;
	}
	p->n_keys = row->n_fields;
	for (size_t i = 0; p->cat && i < p->l->n_forms; i++)
		add_form_fields(p, row, &cap, i);
	return row;
}

/* ---- checks at the end of the file ----------------------------------------------- */

static void check_source_keys(lparser *p)
{
	yz_ledger *l = p->l;
	yz_ledger_source s = l->source;
	const yz_ledger_key *k;

	if (p->forms_at.line && !yzl_source_has_forms(s))
		lerr(p, p->forms_at.line, p->forms_at.col,
		     _("'forms' is for the sources cases, forwards and talk, not %s"),
		     yz_ledger_source_name(s));
	if (p->tags_at.line && s != YZ_LSRC_RESIDENTS)
		lerr(p, p->tags_at.line, p->tags_at.col,
		     _("'tags' is for the source residents, not %s"), yz_ledger_source_name(s));
	if (s == YZ_LSRC_RESIDENTS && l->n_tags == 0 && !p->tags_at.line)
		lerr(p, l->src_line, 0,
		     _("ledger '%s' lists residents: add a 'tags' line with the special groups, "
		       "such as tags elderly"),
		     l->id);
	if (p->period_none || l->period != NULL) {
		if (l->period &&
		    ((k = yzl_key_find(s, l->period)) == NULL || k->type != YZ_LKEY_DATE))
			lerr(p, p->period_at.line, p->period_at.col,
			     _("'%s' is not a date key of the source %s: write one (such as %s) or "
			       "none"),
			     l->period, yz_ledger_source_name(s),
			     yzl_default_period(s) ? yzl_default_period(s) : "tag.start");
		return;
	}
	if (yzl_default_period(s) && (l->period = yzf_strdup(yzl_default_period(s))) == NULL)
		lerr(p, l->src_line, 0, "%s", _("out of memory"));
}

/* Note what a compiled tree uses: form fields (needs_fields) and the forms of
 * latest.<form> keys. */
static void note_uses(lparser *p, const yz_form *row, const xnode *n)
{
	yz_ledger *l = p->l;

	if (n == NULL)
		return;
	if ((n->kind == N_FIELD || n->kind == N_COLUMN) && n->field) {
		size_t idx = (size_t)(n->field - row->fields);
		if (idx >= p->n_keys)
			l->needs_fields = true;
		if (strncmp(n->field->id, "latest.", 7) == 0) {
			const char *id = n->field->id + 7, *dot = strchr(id, '.');
			size_t len = dot ? (size_t)(dot - id) : strlen(id);
			bool seen = false;
			for (size_t i = 0; i < l->n_latest && !seen; i++)
				seen = strlen(l->latest[i]) == len &&
				       memcmp(l->latest[i], id, len) == 0;
			if (!seen) {
				char **v = realloc(l->latest, (l->n_latest + 1) * sizeof *v);
				if (v)
					l->latest = v;
				if (v == NULL || (v[l->n_latest] = yzf_strndup(id, len)) == NULL)
					lerr(p, l->src_line, 0, "%s", _("out of memory"));
				else
					l->n_latest++;
			}
		}
	}
	note_uses(p, row, n->a);
	note_uses(p, row, n->b);
	note_uses(p, row, n->c);
}

static yz_expr *compile(lparser *p, const yz_form *row, const char *src, lpos at)
{
	yz_expr *e = yzx_new(src, at.line, at.col);
	int errs;

	if (e == NULL) {
		lerr(p, at.line, 0, "%s", _("out of memory"));
		return NULL;
	}
	errs = yzx_compile_row(row, e, p->path, p->diags);
	p->errors += errs;
	if (errs) {
		yz_expr_free(e);
		return NULL;
	}
	note_uses(p, row, e->root);
	return e;
}

static const char *type_word(xtype t)
{
	return t == T_NUM ? _("a number") : t == T_TEXT ? _("text") : _("a condition");
}

/* The format a column gets when it names none: from what its value is. */
static yz_col_format default_format(const lparser *p, const yz_form *row, const xnode *n)
{
	if (n->kind == N_FIELD) {
		size_t idx = (size_t)(n->field - row->fields);
		switch (n->field->type) {
		case YZ_FIELD_IDCARD:
		case YZ_FIELD_RESIDENT:
			return YZ_COL_ID;
		case YZ_FIELD_PHONE:
			return YZ_COL_PHONE;
		case YZ_FIELD_MONEY:
			if (idx >= p->n_keys)
				return YZ_COL_MONEY;
			break;
		case YZ_FIELD_INTEGER:
			return YZ_COL_INTEGER;
		default:
			break;
		}
	}
	if (n->type == T_NUM)
		return YZ_COL_NUMBER;
	return yzx_is_date(n) ? YZ_COL_DATE : YZ_COL_TEXT;
}

/* Whether the column's format fits its value; reports why not. */
static void check_format(lparser *p, const yz_ledger_column *c, const lcol_raw *r)
{
	const xnode *n = c->value->root;
	const char *word = format_words[c->format];

	switch (c->format) {
	case YZ_COL_MONEY:
	case YZ_COL_INTEGER:
	case YZ_COL_NUMBER:
		if (n->type != T_NUM)
			lerr(p, r->format_at.line, r->format_at.col,
			     _("format %s needs a number, but the column's value is %s"), word,
			     type_word(n->type));
		break;
	case YZ_COL_DATE:
		if (!yzx_is_date(n))
			lerr(p, r->format_at.line, r->format_at.col, "%s",
			     _("format date needs a date: a date key or field, add_months(), or "
			       "\"YYYY-MM-DD\""));
		break;
	case YZ_COL_ID:
	case YZ_COL_ID_MASKED:
	case YZ_COL_NAME_MASKED:
	case YZ_COL_PHONE:
		if (n->type != T_TEXT)
			lerr(p, r->format_at.line, r->format_at.col,
			     _("format %s needs text, but the column's value is %s"), word,
			     type_word(n->type));
		break;
	default:
		break;
	}
}

static void check_column(lparser *p, const yz_form *row, size_t i)
{
	yz_ledger_column *c = &p->l->cols[i];
	const lcol_raw *r = &p->raw[i];
	bool number;

	if (c->format == YZ_COL_SEQ) {
		if (r->value)
			lerr(p, r->value_at.line, r->value_at.col, "%s",
			     _("a 'format seq' column is numbered by the program: remove its "
			       "'value' line"));
	} else if (r->value == NULL) {
		lerr(p, c->line, 0,
		     _("column '%s' has no 'value' line: add one (or 'format seq' for the "
		       "row's number)"),
		     c->id);
	} else if (row && (c->value = compile(p, row, r->value, r->value_at)) != NULL) {
		if (c->value->type == T_BOOL)
			lerr(p, r->value_at.line, r->value_at.col, "%s",
			     _("a column shows a number or text, not a condition: write "
			       "if(condition, \"...\", \"...\")"));
		else if (r->format_given)
			check_format(p, c, r);
		else
			c->format = default_format(p, row, c->value->root);
	}
	number = c->value && c->value->type == T_NUM;
	if (c->total == YZ_TOTAL_SUM && !number && (c->value || c->format == YZ_COL_SEQ))
		lerr(p, r->total_at.line, r->total_at.col,
		     _("'total sum' needs a number column; column '%s' is %s: write 'total count' "
		       "to count its rows"),
		     c->id, c->format == YZ_COL_SEQ ? _("the row's number") : _("text"));
	if (c->running && !number && (c->value || c->format == YZ_COL_SEQ))
		lerr(p, r->running_at.line, r->running_at.col,
		     _("'running yes' needs a number column; column '%s' is not one"), c->id);
}

/* The column a sort or group word names: its id, or the key its value is
 * exactly. -1 when none. */
static long column_named(const lparser *p, const char *name)
{
	for (size_t i = 0; i < p->l->n_cols; i++)
		if (strcmp(p->l->cols[i].id, name) == 0)
			return (long)i;
	for (size_t i = 0; i < p->l->n_cols; i++)
		if (p->raw[i].value && strcmp(p->raw[i].value, name) == 0)
			return (long)i;
	return -1;
}

static long resolve_column(lparser *p, const char *name, lpos at, const char *key)
{
	long c = column_named(p, name);
	const char **ids;
	char *all;

	if (c >= 0 && p->l->cols[c].format == YZ_COL_SEQ) {
		lerr(p, at.line, at.col,
		     _("column '%s' is the row's number, counted after sorting: '%s' cannot "
		       "name it"),
		     name, key);
		return -1;
	}
	if (c >= 0)
		return c;
	ids = calloc(p->l->n_cols + 1, sizeof *ids);
	for (size_t i = 0; ids && i < p->l->n_cols; i++)
		ids[i] = p->l->cols[i].id;
	all = ids ? yzf_join(ids) : NULL;
	lerr(p, at.line, at.col, _("unknown column '%s' in '%s': write one of %s"), name, key,
	     all ? all : "");
	free(all);
	free(ids);
	return -1;
}

static void resolve_sort_group(lparser *p)
{
	yz_ledger *l = p->l;

	l->group = -1;
	if (p->group) {
		l->group = resolve_column(p, p->group, p->group_at, "group");
	}
	if (p->n_sort == 0)
		return;
	if ((l->sort = calloc(p->n_sort, sizeof *l->sort)) == NULL) {
		lerr(p, l->src_line, 0, "%s", _("out of memory"));
		return;
	}
	for (size_t i = 0; i < p->n_sort; i++) {
		long c = resolve_column(p, p->sort[i].name, p->sort[i].at, "sort");
		if (c >= 0)
			l->sort[l->n_sort++] = (yz_ledger_sort){(size_t)c, p->sort[i].desc};
	}
}

/* The id must be the file's name without ".ledger". */
static void check_file_name(lparser *p)
{
	const char *base = strrchr(p->path, '/');
	size_t n;

	base = base ? base + 1 : p->path;
	n = strlen(base);
	if (n > 7 && strcmp(base + n - 7, ".ledger") == 0)
		n -= 7;
	if (strlen(p->l->id) != n || strncmp(p->l->id, base, n) != 0)
		lerr(p, p->l->src_line, p->id_col,
		     _("the ledger's id '%s' differs from its file name '%.*s': make them the "
		       "same"),
		     p->l->id, (int)n, base);
}

static void finish(lparser *p)
{
	yz_ledger *l = p->l;
	yz_form *row = NULL;

	if (l->id == NULL) {
		if (p->errors == 0)
			lerr(p, 1, 1, "%s",
			     _("no ledger here: a ledger file starts with 'ledger <id>'"));
		return;
	}
	check_file_name(p);
	if (l->n_cols == 0)
		lerr(p, l->src_line, 0,
		     _("ledger '%s' has no columns: add 'column <id>' blocks below it"), l->id);
	if (p->has_source) {
		check_source_keys(p);
		row = row_form(p);
		l->model = row;
	}
	if (row && p->where) {
		l->where = compile(p, row, p->where, p->where_at);
		if (l->where && l->where->type != T_BOOL) {
			lerr(p, p->where_at.line, p->where_at.col,
			     _("'where' takes a condition (a comparison, and, or, not, empty()), "
			       "not "
			       "%s"),
			     type_word(l->where->type));
		}
	}
	for (size_t i = 0; i < l->n_cols; i++)
		check_column(p, row, i);
	resolve_sort_group(p);
}

/* ---- files --------------------------------------------------------------------- */

static void free_parser(lparser *p)
{
	for (size_t i = 0; p->l && i < p->l->n_cols; i++)
		free(p->raw[i].value);
	free(p->raw);
	free(p->forms_col);
	free(p->where);
	for (size_t i = 0; i < p->n_sort; i++)
		free(p->sort[i].name);
	free(p->sort);
	free(p->group);
}

yz_ledger *yz_ledger_parse(const char *path, const char *text, size_t len, const yz_catalogue *cat,
                           yz_diags *diags)
{
	size_t first_diag = diags ? diags->n : 0, n = 0;
	yzf_line *lines = NULL;
	lparser p = {.path = path, .diags = diags, .cat = cat, .key_indent = -1};

	p.l = calloc(1, sizeof *p.l);
	if (p.l == NULL || (p.l->path = yzf_strdup(path)) == NULL) {
		yz_diags_add(diags, path, 0, 0, "%s", _("out of memory"));
		free(p.l);
		return NULL;
	}
	p.l->group = -1;
	p.errors = yzf_split_lines(path, text, len, diags, &lines, &n);
	p.lines = lines;
	p.n_lines = n;
	read_lines(&p);
	finish(&p);
	free(lines);
	free_parser(&p);
	yzf_sort_diags(diags, first_diag, path);
	if (p.errors != 0) {
		yz_ledger_free(p.l);
		return NULL;
	}
	return p.l;
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

void yz_ledger_free(yz_ledger *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n_cols; i++) {
		free(l->cols[i].id);
		free(l->cols[i].label);
		yz_expr_free(l->cols[i].value);
	}
	free(l->cols);
	free_words(l->forms, l->n_forms);
	free_words(l->tags, l->n_tags);
	free(l->tags_col);
	free_words(l->sign, l->n_sign);
	free_words(l->latest, l->n_latest);
	yz_expr_free(l->where);
	free(l->sort);
	free(l->path);
	free(l->id);
	free(l->title);
	free(l->period);
	free(l->intro);
	free(l->outro);
	yz_form_free(l->model);
	free(l);
}

static int ledger_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 7 && strcmp(e->d_name + n - 7, ".ledger") == 0;
}

/* Byte order, not the locale's collation: the same order on every machine. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool add_ledger(yz_ledger_set *s, yz_ledger *l, yz_diags *diags)
{
	const yz_ledger *other = yz_ledger_find(s, l->id);
	yz_ledger **items;

	if (other != NULL) {
		yz_diags_add(diags, l->path, l->src_line, 1,
		             _("duplicate ledger id '%s' (also in %s)"), l->id, other->path);
		yz_ledger_free(l);
		return false;
	}
	items = realloc(s->items, (s->n + 1) * sizeof *items);
	if (items == NULL) {
		yz_diags_add(diags, l->path, 0, 0, "%s", _("out of memory"));
		yz_ledger_free(l);
		return false;
	}
	s->items = items;
	s->items[s->n++] = l;
	return true;
}

static yz_ledger *ledger_load(const char *path, const yz_catalogue *cat, yz_diags *diags)
{
	size_t len;
	char *text = yzf_slurp(path, &len, diags);
	yz_ledger *l;

	if (text == NULL)
		return NULL;
	l = yz_ledger_parse(path, text, len, cat, diags);
	free(text);
	return l;
}

int yz_ledgers_load(const char *dir, const yz_catalogue *cat, yz_ledger_set *out, yz_diags *diags)
{
	struct dirent **names = NULL;
	bool ok = true;
	int n;

	out->items = NULL;
	out->n = 0;
	if ((n = scandir(dir, &names, ledger_file, by_name)) < 0) {
		if (errno == ENOENT)
			return 0; /* a station without ledgers */
		yz_diags_add(diags, dir, 0, 0, _("cannot open the folder: %s"), strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *path = yz_strdup_printf("%s/%s", dir, names[i]->d_name);
		yz_ledger *l = path ? ledger_load(path, cat, diags) : NULL;
		ok = l != NULL && add_ledger(out, l, diags) && ok;
		free(path);
		free(names[i]);
	}
	free(names);
	return ok ? 0 : -1;
}

void yz_ledger_set_free(yz_ledger_set *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		yz_ledger_free(s->items[i]);
	free(s->items);
	s->items = NULL;
	s->n = 0;
}

const yz_ledger *yz_ledger_find(const yz_ledger_set *s, const char *id)
{
	for (size_t i = 0; s && id && i < s->n; i++)
		if (strcmp(s->items[i]->id, id) == 0)
			return s->items[i];
	return NULL;
}

bool yz_ledger_eval(const yz_ledger *l, const yz_expr *e, const yz_values *row,
                    const yz_eval_env *env, yz_xval *out, yz_err *err)
{
	static const yz_values none = {0};

	(void)l;
	return yz_expr_eval(e, row ? row : &none, env, out, err);
}
