/* Expressions of the form language: a recursive-descent parser into a small
 * tree, name resolution and type checking against the form when it is loaded,
 * and evaluation against the values typed so far.
 *
 *   or      := and { "or" and }
 *   and     := not { "and" not }
 *   not     := "not" not | compare
 *   compare := sum [ ("=" | "!=" | "<" | "<=" | ">" | ">=") sum ]
 *   sum     := product { ("+" | "-") product }
 *   product := unary { ("*" | "/") unary }
 *   unary   := "-" unary | primary
 *   primary := number | "text" | name | name "(" args ")" | "(" or ")"
 *   args    := name                       (sum count min max age sex empty)
 *            | or { "," or }              (if add_months days)
 *
 * Numbers are exact: int64 hundredths (fen), so 0.1 + 0.2 is 0.30. A product
 * and a quotient are rounded to hundredths, half away from zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "expr.h"
#include "form_internal.h"

/* Deepest nesting accepted: keeps the parser's recursion bounded. */
#define XMAX_DEPTH 64

typedef struct xparser {
	const yz_form *form; /* names are resolved against it */
	yz_expr *e;          /* being parsed */
	const char *p;       /* next character */
	const char *path;    /* for messages */
	yz_diags *diags;     /* where messages go */
	int errors;          /* messages added */
	int depth;           /* current nesting */
	bool row;            /* a ledger's row: names are keys such as "case.number" */
} xparser;

static int col_of(const xparser *x, const char *at)
{
	int col = x->e->col;

	for (const char *s = x->e->src; s < at;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s, (size_t)(at - s), &cp);
		s += k ? k : 1;
		col++;
	}
	return col;
}

static void xerr(xparser *x, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void xerr(xparser *x, const char *at, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	if (x->errors++ > 0)
		return; /* the first mistake explains the rest */
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	yz_diags_add(x->diags, x->path, x->e->line, col_of(x, at), "%s",
	             msg ? msg : "out of memory");
	free(msg);
}

static xnode *node(xparser *x, xkind k, const char *at)
{
	xnode *n = calloc(1, sizeof *n);

	if (n == NULL) {
		xerr(x, at, "%s", _("out of memory"));
		return NULL;
	}
	n->kind = k;
	n->at = at;
	return n;
}

void yzx_free_node(xnode *n)
{
	if (n == NULL)
		return;
	yzx_free_node(n->a);
	yzx_free_node(n->b);
	yzx_free_node(n->c);
	free(n->str);
	free(n);
}

/* ---- lexical ------------------------------------------------------------- */

static void skip_blanks(xparser *x)
{
	while (*x->p == ' ' || *x->p == '\t')
		x->p++;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.';
}

/* Whether the next token is the word w (not a prefix of a longer name). */
static bool at_word(xparser *x, const char *w)
{
	size_t n = strlen(w);

	skip_blanks(x);
	return strncmp(x->p, w, n) == 0 && !name_char(x->p[n]);
}

static bool accept(xparser *x, const char *op)
{
	size_t n = strlen(op);

	skip_blanks(x);
	if (strncmp(x->p, op, n) != 0)
		return false;
	x->p += n;
	return true;
}

static const char *type_word(xtype t)
{
	switch (t) {
	case T_NUM:
		return _("a number");
	case T_TEXT:
		return _("text");
	default:
		return _("a condition");
	}
}

/* ---- primaries ----------------------------------------------------------- */

static xnode *parse_or(xparser *x);

/* number := digits [ "." d [d] ] */
static xnode *parse_number(xparser *x)
{
	const char *at = x->p;
	int64_t v = 0;
	int digits = 0, dec = 0;
	xnode *n;

	for (; *x->p >= '0' && *x->p <= '9'; x->p++, digits++)
		if (digits < 16)
			v = v * 10 + (*x->p - '0');
	if (digits > 15) {
		xerr(x, at, "%s", _("number too large"));
		return NULL;
	}
	v *= 100;
	if (*x->p == '.') {
		x->p++;
		for (int scale = 10; *x->p >= '0' && *x->p <= '9'; x->p++, dec++, scale /= 10)
			v += (*x->p - '0') * scale;
		if (dec == 0 || dec > 2) {
			xerr(x, at, "%s",
			     _("write numbers with one or two decimals at most, such as 1050 or "
			       "0.5"));
			return NULL;
		}
	}
	if ((n = node(x, N_NUM, at)) != NULL) {
		n->num = v;
		n->type = T_NUM;
	}
	return n;
}

static xnode *parse_string(xparser *x)
{
	const char *at = x->p, *end = strchr(x->p + 1, '"');
	xnode *n;

	if (end == NULL) {
		xerr(x, at, "%s", _("text without its closing \": add it"));
		return NULL;
	}
	if ((n = node(x, N_STR, at)) == NULL)
		return NULL;
	n->str = yzf_strndup(at + 1, (size_t)(end - at - 1));
	n->type = T_TEXT;
	x->p = end + 1;
	return n;
}

/* A plain field reference "id" (no dot). */
static xnode *field_ref(xparser *x, const char *at, const char *name)
{
	const yz_field_def *f = yz_form_field(x->form, name);
	xnode *n;

	if (f == NULL) {
		if (x->row)
			xerr(x, at,
			     _("unknown name '%s': neither a key of the ledger's source nor a "
			       "field of its forms"),
			     name);
		else
			xerr(x, at, _("unknown field '%s' in the expression"), name);
		return NULL;
	}
	if ((n = node(x, N_FIELD, at)) == NULL)
		return NULL;
	n->field = f;
	n->type = yzx_field_type(f);
	if (f->type == YZ_FIELD_COMPUTED && f->expr)
		n->type = yzx_compute_type(x->form, f, x->path, x->diags, &x->errors);
	return n;
}

/* "table.column": only inside an aggregate; *col_out set. */
static xnode *column_ref(xparser *x, const char *at, const char *name)
{
	const char *dot = strchr(name, '.');
	char table[64];
	const yz_field_def *t, *c;
	xnode *n;

	if ((size_t)(dot - name) >= sizeof table || strchr(dot + 1, '.')) {
		xerr(x, at, _("unknown name '%s' in the expression"), name);
		return NULL;
	}
	memcpy(table, name, (size_t)(dot - name));
	table[dot - name] = '\0';
	t = yz_form_field(x->form, table);
	if (t == NULL && x->row) {
		xerr(x, at,
		     _("unknown name '%s': neither a key of the ledger's source nor a field of its "
		       "forms"),
		     name);
		return NULL;
	}
	if (t == NULL || t->type != YZ_FIELD_TABLE) {
		xerr(x, at, _("'%s' is not a table field of this form"), table);
		return NULL;
	}
	if ((c = yz_table_column(t, dot + 1)) == NULL) {
		xerr(x, at, _("table '%s' has no column '%s'"), table, dot + 1);
		return NULL;
	}
	if ((n = node(x, N_COLUMN, at)) == NULL)
		return NULL;
	n->field = t;
	n->column = c;
	n->type = yzx_field_type(c);
	return n;
}

static xnode *parse_name_ref(xparser *x, const char *at, const char *name)
{
	xnode *n;

	if (strncmp(name, "settings.", 9) == 0) {
		if (!yzf_id_valid(name + 9, strlen(name + 9))) {
			xerr(x, at, _("bad setting name '%s'"), name);
			return NULL;
		}
		if ((n = node(x, N_SETTING, at)) != NULL) {
			n->str = yzf_strdup(name + 9);
			n->type = T_NUM;
		}
		return n;
	}
	/* A ledger row's keys are single names with dots ("case.number"); a
	 * form's field ids never hold one. */
	if (strchr(name, '.') && yz_form_field(x->form, name))
		return field_ref(x, at, name);
	return strchr(name, '.') ? column_ref(x, at, name) : field_ref(x, at, name);
}

/* The functions: name, kind, how many values they take. The first ones take
 * one name; those with a usage take values (any expressions) separated by
 * commas. */
typedef struct xfunc {
	const char *name;  /* as written */
	xkind kind;        /* node kind */
	int arity;         /* values in the parentheses */
	const char *usage; /* N_: how to write a call of it, NULL for one name */
} xfunc;

static const xfunc funcs[] = {
    {"sum", N_SUM, 1, NULL},
    {"count", N_COUNT, 1, NULL},
    {"min", N_MIN, 1, NULL},
    {"max", N_MAX, 1, NULL},
    {"age", N_AGE, 1, NULL},
    {"sex", N_SEX, 1, NULL},
    {"empty", N_EMPTY, 1, NULL},
    {"if", N_IF, 3, N_("if(condition, value when true, value when false)")},
    {"add_months", N_ADDM, 2, N_("add_months(date, months)")},
    {"days", N_DAYS, 2, N_("days(first date, second date)")},
    {"has", N_HAS, 2, N_("has(field, \"option\")")},
    {NULL, N_NUM, 0, NULL},
};

/* Whether n is a date: a date field or key, a date written as "YYYY-MM-DD",
 * add_months(), or if() between dates. A computed text field may hold one. */
bool yzx_is_date(const xnode *n)
{
	yz_date d;

	switch (n->kind) {
	case N_FIELD:
		return n->field->type == YZ_FIELD_DATE ||
		       (n->field->type == YZ_FIELD_COMPUTED && n->type == T_TEXT);
	case N_STR:
		return yz_date_parse(n->str, &d) && strlen(n->str) == 10;
	case N_ADDM:
		return true;
	case N_IF:
		return yzx_is_date(n->b) && yzx_is_date(n->c);
	default:
		return false;
	}
}

/* The values a yesno field holds, whatever the clerk typed (types.c). */
static const char *const yesno_values[] = {"yes", "no", NULL};

/* Tell that str is none of the options of f (its values, for a yesno). */
static void option_error(xparser *x, const char *at, const yz_field_def *f, const char *str)
{
	const char **list;
	char *all;

	if (f->type == YZ_FIELD_YESNO) {
		all = yzf_join(yesno_values);
	} else {
		list = calloc(f->n_options + 1, sizeof *list);
		for (size_t i = 0; list && i < f->n_options; i++)
			list[i] = f->options[i];
		all = list ? yzf_join(list) : NULL;
		free(list);
	}
	xerr(x, at, _("'%s' is not an option of field '%s': write one of %s"), str, f->id,
	     all ? all : "");
	free(all);
}

/* A field (or a table's column) compared with = or != as text: the field
 * whose values are a fixed list, else NULL. */
static const yz_field_def *listed_field(const xnode *n)
{
	const yz_field_def *f = n->kind == N_FIELD    ? n->field
	                        : n->kind == N_COLUMN ? n->column
	                                              : NULL;

	if (f && (f->type == YZ_FIELD_CHOICE || f->type == YZ_FIELD_YESNO))
		return f;
	return NULL;
}

/* satisfy = "very unhappy" or sex != "male" where no option is written so
 * (hen bu man yi, nan xing: a misspelt option): a text that is none of the field's
 * options can never be equal to its value, so the condition would silently
 * always be false (or true); tell it when the file is read, as has() does.
 * "" stays allowed: it means "not answered". */
static bool check_listed(xparser *x, const xnode *a, const xnode *b)
{
	const yz_field_def *f = listed_field(a) ? listed_field(a) : listed_field(b);
	const xnode *lit = listed_field(a) ? b : a;

	if (f == NULL || lit->kind != N_STR || lit->str[0] == '\0')
		return true;
	if (f->type == YZ_FIELD_YESNO) {
		for (size_t i = 0; yesno_values[i]; i++)
			if (strcmp(yesno_values[i], lit->str) == 0)
				return true;
	} else {
		for (size_t i = 0; i < f->n_options; i++)
			if (strcmp(f->options[i], lit->str) == 0)
				return true;
	}
	option_error(x, lit->at, f, lit->str);
	return false;
}

/* has(field, "option"): a choice or multichoice field and one of its options
 * written as text, so that a misspelt option is told when the file is read
 * rather than never matching. */
static bool check_has(xparser *x, xnode *n)
{
	const yz_field_def *f = n->a->kind == N_FIELD ? n->a->field : NULL;

	if (f == NULL || (f->type != YZ_FIELD_CHOICE && f->type != YZ_FIELD_MULTICHOICE)) {
		xerr(x, n->a->at, "%s",
		     _("has() takes a choice or multichoice field first: has(field, \"option\")"));
		return false;
	}
	if (n->b->kind != N_STR) {
		xerr(x, n->b->at, "%s",
		     _("has() takes one of the field's options second, written in double quotes"));
		return false;
	}
	for (size_t i = 0; i < f->n_options; i++) {
		if (strcmp(f->options[i], n->b->str) == 0) {
			n->type = T_BOOL;
			return true;
		}
	}
	option_error(x, n->b->at, f, n->b->str);
	return false;
}

/* Check the values of if(), add_months(), days() and has(); sets the call's type. */
static bool check_values(xparser *x, xnode *n)
{
	const xnode *bad;

	switch (n->kind) {
	case N_IF:
		if (n->a->type != T_BOOL) {
			xerr(x, n->a->at, _("the first value of if() is a condition, not %s"),
			     type_word(n->a->type));
			return false;
		}
		if (n->b->type != n->c->type) {
			xerr(x, n->c->at,
			     _("the two values of if() must be of one type, not %s and %s"),
			     type_word(n->b->type), type_word(n->c->type));
			return false;
		}
		n->type = n->b->type;
		return true;
	case N_ADDM:
		if (!yzx_is_date(n->a)) {
			xerr(x, n->a->at, "%s",
			     _("add_months() takes a date first: a date field or \"YYYY-MM-DD\""));
			return false;
		}
		if (n->b->type != T_NUM) {
			xerr(x, n->b->at, _("add_months() takes a number of months second, not %s"),
			     type_word(n->b->type));
			return false;
		}
		n->type = T_TEXT;
		return true;
	case N_HAS:
		return check_has(x, n);
	default: /* days */
		bad = !yzx_is_date(n->a) ? n->a : !yzx_is_date(n->b) ? n->b : NULL;
		if (bad) {
			xerr(x, bad->at, "%s",
			     _("days() takes two dates: date fields or \"YYYY-MM-DD\""));
			return false;
		}
		n->type = T_NUM;
		return true;
	}
}

/* The values of a call of f, after its name: "(" or { "," or } ")". */
static xnode *parse_values(xparser *x, const char *at, const xfunc *f)
{
	xnode *n = node(x, f->kind, at);
	xnode **slot[3];

	if (n == NULL)
		return NULL;
	slot[0] = &n->a;
	slot[1] = &n->b;
	slot[2] = &n->c;
	x->p++; /* ( */
	for (int i = 0; i < f->arity; i++) {
		if (i > 0 && !accept(x, ",")) {
			skip_blanks(x);
			xerr(x, x->p, _("%s() takes %d values separated by commas: %s"), f->name,
			     f->arity, _(f->usage));
			yzx_free_node(n);
			return NULL;
		}
		if ((*slot[i] = parse_or(x)) == NULL) {
			yzx_free_node(n);
			return NULL;
		}
	}
	if (!accept(x, ")")) {
		skip_blanks(x);
		xerr(x, x->p, _("%s() takes %d values separated by commas: %s"), f->name, f->arity,
		     _(f->usage));
		yzx_free_node(n);
		return NULL;
	}
	if (!check_values(x, n)) {
		yzx_free_node(n);
		return NULL;
	}
	return n;
}

/* Check the argument of a function call; sets the call's type. */
static bool check_call(xparser *x, xnode *n)
{
	xnode *a = n->a;
	const char *fn = n->str;

	switch (n->kind) {
	case N_SUM:
	case N_MIN:
	case N_MAX:
		if (a->kind != N_COLUMN || a->type != T_NUM) {
			xerr(x, a->at,
			     _("%s() takes a number column of a table, such as %s(members.income)"),
			     fn, fn);
			return false;
		}
		n->type = T_NUM;
		return true;
	case N_COUNT:
		if (a->kind != N_COLUMN &&
		    !(a->kind == N_FIELD && a->field->type == YZ_FIELD_TABLE)) {
			xerr(x, a->at, "%s",
			     _("count() takes a table or a table column, such as count(members)"));
			return false;
		}
		n->type = T_NUM;
		return true;
	case N_AGE:
	case N_SEX:
		if (a->kind != N_FIELD ||
		    (a->field->type != YZ_FIELD_IDCARD && a->field->type != YZ_FIELD_RESIDENT)) {
			xerr(x, a->at, _("%s() takes an ID number field (idcard or resident)"), fn);
			return false;
		}
		n->type = n->kind == N_AGE ? T_NUM : T_TEXT;
		return true;
	default: /* empty */
		if (a->kind != N_FIELD) {
			xerr(x, a->at, "%s", _("empty() takes a field, such as empty(phone)"));
			return false;
		}
		n->type = T_BOOL;
		return true;
	}
}

static xnode *parse_call(xparser *x, const char *at, const char *name)
{
	const xfunc *f = funcs;
	const char *arg_at;
	char arg[128];
	size_t len = 0;
	xnode *n;

	while (f->name && strcmp(f->name, name) != 0)
		f++;
	if (f->name == NULL) {
		xerr(x, at,
		     _("unknown function '%s': use sum, count, min, max, age, sex, empty, if, "
		       "add_months, days or has"),
		     name);
		return NULL;
	}
	if (f->usage)
		return parse_values(x, at, f);
	x->p++; /* ( */
	skip_blanks(x);
	arg_at = x->p;
	while (name_char(x->p[len]) && len < sizeof arg - 1)
		len++;
	memcpy(arg, x->p, len);
	arg[len] = '\0';
	x->p += len;
	if (len == 0 || !accept(x, ")")) {
		xerr(x, arg_at, _("%s() takes one name in parentheses, such as %s(members)"), name,
		     name);
		return NULL;
	}
	if ((n = node(x, f->kind, at)) == NULL)
		return NULL;
	n->str = yzf_strdup(name);
	n->a = parse_name_ref(x, arg_at, arg);
	if (n->a == NULL || n->str == NULL || !check_call(x, n)) {
		yzx_free_node(n);
		return NULL;
	}
	return n;
}

static xnode *parse_name(xparser *x)
{
	const char *at = x->p;
	char name[128];
	size_t len = 0;
	xnode *n;

	while (name_char(x->p[len]))
		len++;
	if (len >= sizeof name) {
		xerr(x, at, "%s", _("name too long"));
		return NULL;
	}
	memcpy(name, at, len);
	name[len] = '\0';
	x->p += len;
	skip_blanks(x);
	if (*x->p == '(')
		return parse_call(x, at, name);
	if ((n = parse_name_ref(x, at, name)) != NULL && n->kind == N_COLUMN) {
		xerr(x, at,
		     _("a table column such as '%s' can only be used inside sum(), min(), max() or "
		       "count()"),
		     name);
		yzx_free_node(n);
		return NULL;
	}
	if (n && n->kind == N_FIELD && n->field->type == YZ_FIELD_TABLE) {
		xerr(x, at, _("'%s' is a table: use count(%s) or sum(%s.<column>)"), name, name,
		     name);
		yzx_free_node(n);
		return NULL;
	}
	return n;
}

static xnode *parse_primary(xparser *x)
{
	xnode *n;

	skip_blanks(x);
	if (*x->p >= '0' && *x->p <= '9')
		return parse_number(x);
	if (*x->p == '"')
		return parse_string(x);
	if (*x->p == '(') {
		const char *at = x->p++;
		n = parse_or(x);
		if (n && !accept(x, ")")) {
			xerr(x, x->p, "%s", _("missing ')'"));
			yzx_free_node(n);
			return NULL;
		}
		(void)at;
		return n;
	}
	if ((*x->p >= 'a' && *x->p <= 'z') || (*x->p >= 'A' && *x->p <= 'Z') || *x->p == '_')
		return parse_name(x);
	if (*x->p == '\0')
		xerr(x, x->p, "%s", _("the expression ends too early: a value is missing"));
	else
		xerr(x, x->p, "%s",
		     _("unexpected character: write a number, \"text\", a field or ("));
	return NULL;
}

/* ---- operators ----------------------------------------------------------- */

/* A binary node a op b, after checking the operand types. */
static xnode *binary(xparser *x, xkind k, const char *at, xnode *a, xnode *b)
{
	xnode *n;
	bool ok;

	if (a == NULL || b == NULL) {
		yzx_free_node(a);
		yzx_free_node(b);
		return NULL;
	}
	if (k == N_AND || k == N_OR) {
		ok = a->type == T_BOOL && b->type == T_BOOL;
		if (!ok)
			xerr(x, a->type != T_BOOL ? a->at : b->at,
			     _("'and' and 'or' join conditions, not %s"),
			     type_word(a->type != T_BOOL ? a->type : b->type));
	} else if (k >= N_EQ) {
		ok = a->type == b->type && (a->type != T_BOOL || k <= N_NE);
		if (!ok)
			xerr(x, at, _("cannot compare %s with %s"), type_word(a->type),
			     type_word(b->type));
		else if (k <= N_NE)
			ok = check_listed(x, a, b);
	} else {
		ok = a->type == T_NUM && b->type == T_NUM;
		if (!ok)
			xerr(x, a->type != T_NUM ? a->at : b->at,
			     _("arithmetic needs numbers, not %s"),
			     type_word(a->type != T_NUM ? a->type : b->type));
	}
	if (!ok || (n = node(x, k, at)) == NULL) {
		yzx_free_node(a);
		yzx_free_node(b);
		return NULL;
	}
	n->a = a;
	n->b = b;
	n->type = k >= N_EQ || k == N_AND || k == N_OR ? T_BOOL : T_NUM;
	return n;
}

static xnode *parse_unary(xparser *x)
{
	const char *at;
	xnode *n, *a;

	skip_blanks(x);
	at = x->p;
	if (!accept(x, "-"))
		return parse_primary(x);
	if (++x->depth > XMAX_DEPTH) {
		xerr(x, at, "%s", _("the expression is nested too deeply"));
		return NULL;
	}
	a = parse_unary(x);
	x->depth--;
	if (a && a->type != T_NUM) {
		xerr(x, at, _("'-' needs a number, not %s"), type_word(a->type));
		yzx_free_node(a);
		return NULL;
	}
	if (a == NULL || (n = node(x, N_NEG, at)) == NULL) {
		yzx_free_node(a);
		return NULL;
	}
	n->a = a;
	n->type = T_NUM;
	return n;
}

static xnode *parse_product(xparser *x)
{
	xnode *n = parse_unary(x);

	while (n) {
		const char *at = (skip_blanks(x), x->p);
		if (accept(x, "*"))
			n = binary(x, N_MUL, at, n, parse_unary(x));
		else if (accept(x, "/"))
			n = binary(x, N_DIV, at, n, parse_unary(x));
		else
			break;
	}
	return n;
}

static xnode *parse_sum(xparser *x)
{
	xnode *n = parse_product(x);

	while (n) {
		const char *at = (skip_blanks(x), x->p);
		if (accept(x, "+"))
			n = binary(x, N_ADD, at, n, parse_product(x));
		else if (accept(x, "-"))
			n = binary(x, N_SUB, at, n, parse_product(x));
		else
			break;
	}
	return n;
}

static xnode *parse_compare(xparser *x)
{
	static const struct {
		const char *op; /* longest first */
		xkind kind;     /* node */
	} ops[] = {{"!=", N_NE}, {"<=", N_LE}, {">=", N_GE}, {"=", N_EQ},
	           {"<", N_LT},  {">", N_GT},  {NULL, N_NUM}};
	xnode *n = parse_sum(x);
	const char *at = (skip_blanks(x), x->p);

	for (size_t i = 0; n && ops[i].op; i++)
		if (accept(x, ops[i].op))
			return binary(x, ops[i].kind, at, n, parse_sum(x));
	return n;
}

static xnode *parse_not(xparser *x)
{
	const char *at;
	xnode *n, *a;

	if (!at_word(x, "not"))
		return parse_compare(x);
	at = x->p;
	x->p += 3;
	if (++x->depth > XMAX_DEPTH) {
		xerr(x, at, "%s", _("the expression is nested too deeply"));
		return NULL;
	}
	a = parse_not(x);
	x->depth--;
	if (a && a->type != T_BOOL) {
		xerr(x, a->at, _("'not' needs a condition, not %s"), type_word(a->type));
		yzx_free_node(a);
		return NULL;
	}
	if (a == NULL || (n = node(x, N_NOT, at)) == NULL) {
		yzx_free_node(a);
		return NULL;
	}
	n->a = a;
	n->type = T_BOOL;
	return n;
}

static xnode *parse_and(xparser *x)
{
	xnode *n = parse_not(x);

	while (n && at_word(x, "and")) {
		const char *at = x->p;
		x->p += 3;
		n = binary(x, N_AND, at, n, parse_not(x));
	}
	return n;
}

static xnode *parse_or(xparser *x)
{
	xnode *n;

	if (++x->depth > XMAX_DEPTH) {
		xerr(x, x->p, "%s", _("the expression is nested too deeply"));
		return NULL;
	}
	n = parse_and(x);
	while (n && at_word(x, "or")) {
		const char *at = x->p;
		x->p += 2;
		n = binary(x, N_OR, at, n, parse_and(x));
	}
	x->depth--;
	return n;
}

/* ---- compiling ----------------------------------------------------------- */

xtype yzx_field_type(const yz_field_def *f)
{
	switch (f->type) {
	case YZ_FIELD_MONEY:
	case YZ_FIELD_INTEGER:
		return T_NUM;
	case YZ_FIELD_COMPUTED:
		return f->format == YZ_FORMAT_MONEY || f->format == YZ_FORMAT_INTEGER ? T_NUM
		                                                                      : T_TEXT;
	default:
		return T_TEXT;
	}
}

yz_expr *yzx_new(const char *src, int line, int col)
{
	yz_expr *e = calloc(1, sizeof *e);

	if (e == NULL || (e->src = yzf_strdup(src)) == NULL) {
		free(e);
		return NULL;
	}
	e->line = line;
	e->col = col;
	return e;
}

static int compile(const yz_form *f, yz_expr *e, const char *path, yz_diags *diags, bool row)
{
	xparser x = {.form = f, .e = e, .p = e->src, .path = path, .diags = diags, .row = row};

	if (e->state == X_DONE || e->state == X_FAILED)
		return e->state == X_FAILED;
	if (e->state == X_BUSY) {
		yz_diags_add(
		    diags, path, e->line, e->col, "%s",
		    _("computed fields refer to each other in a circle: break the circle"));
		e->state = X_FAILED;
		return 1;
	}
	e->state = X_BUSY;
	e->root = parse_or(&x);
	skip_blanks(&x);
	if (e->root && *x.p != '\0')
		xerr(&x, x.p, _("unexpected '%s' after the expression"), x.p);
	if (x.errors) {
		yzx_free_node(e->root);
		e->root = NULL;
	}
	e->type = e->root ? e->root->type : T_NUM;
	e->state = x.errors ? X_FAILED : X_DONE;
	return x.errors;
}

int yzx_compile(const yz_form *f, yz_expr *e, const char *path, yz_diags *diags)
{
	return compile(f, e, path, diags, false);
}

int yzx_compile_row(const yz_form *f, yz_expr *e, const char *path, yz_diags *diags)
{
	return compile(f, e, path, diags, true);
}

xtype yzx_compute_type(const yz_form *f, const yz_field_def *c, const char *path, yz_diags *d,
                       int *errors)
{
	if (c->format == YZ_FORMAT_MONEY || c->format == YZ_FORMAT_INTEGER)
		return T_NUM;
	if (c->format == YZ_FORMAT_TEXT)
		return T_TEXT;
	if (c->expr->state == X_BUSY) {
		/* The circle is reported once, at the field that closes it. */
		*errors += 1;
		yz_diags_add(
		    d, path, c->expr->line, c->expr->col, "%s",
		    _("computed fields refer to each other in a circle: break the circle"));
		return T_NUM;
	}
	yzx_compile(f, c->expr, path, d);
	return c->expr->type;
}

yz_expr *yz_expr_parse(const yz_form *f, const char *src, const char *path, int line, int col,
                       yz_diags *diags)
{
	yz_expr *e = yzx_new(src, line, col);

	if (e == NULL)
		return NULL;
	if (yzx_compile(f, e, path, diags) != 0) {
		yz_expr_free(e);
		return NULL;
	}
	return e;
}

void yz_expr_free(yz_expr *e)
{
	if (e == NULL)
		return;
	yzx_free_node(e->root);
	free(e->src);
	free(e);
}

const char *yz_expr_source(const yz_expr *e)
{
	return e ? e->src : "";
}
