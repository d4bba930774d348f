/* A compiled expression in words (issue 18): a questionnaire's skip logic
 * printed for the resident ("answer only if question 5 is ..."). It walks the
 * parsed tree rather than the source text, so it reads exactly what the
 * program evaluates, precedence and all, and the caller only gives the
 * phrases (in the paper's language) and how a field is named. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

/* How tightly an operator binds: a child binding less tightly than its
 * parent needs parentheses to read the same. */
enum { P_OR = 1, P_AND, P_NOT, P_CMP, P_ADD, P_MUL, P_NEG, P_ATOM };

typedef struct walk {
	FILE *out;
	const yz_expr_words *w;
} walk;

static void part(const walk *k, const xnode *n, int outer, bool right);

static int prec(const xnode *n)
{
	switch (n->kind) {
	case N_OR:
		return P_OR;
	case N_AND:
		return P_AND;
	case N_NOT:
		return P_NOT;
	case N_ADD:
	case N_SUB:
		return P_ADD;
	case N_MUL:
	case N_DIV:
		return P_MUL;
	case N_NEG:
		return P_NEG;
	default:
		return n->kind >= N_EQ ? P_CMP : P_ATOM;
	}
}

/* A field (or a table's column) as the reader knows it. */
static void name_of(const walk *k, const xnode *n, char *buf, size_t len)
{
	char id[256];

	if (n->kind == N_COLUMN)
		snprintf(id, sizeof id, "%s.%s", n->field->id, n->column->id);
	else
		snprintf(id, sizeof id, "%s", n->field->id);
	if (k->w->field)
		k->w->field(id, k->w->ctx, buf, len);
	else
		snprintf(buf, len, "%s", id);
}

static bool is_name(const xnode *n)
{
	return n && (n->kind == N_FIELD || n->kind == N_COLUMN);
}

/* field = "option" or field != "option": worded with the caller's phrases. */
static bool is_option_test(const xnode *n)
{
	return (n->kind == N_EQ || n->kind == N_NE) && n->a->kind == N_FIELD && n->b->kind == N_STR;
}

/* A number of hundredths as written: 60, 1.5, 0.25. */
static void number(FILE *out, int64_t h)
{
	uint64_t u = h < 0 ? -(uint64_t)h : (uint64_t)h;
	unsigned frac = (unsigned)(u % 100);

	fprintf(out, "%s%llu", h < 0 ? "-" : "", (unsigned long long)(u / 100));
	if (frac % 10)
		fprintf(out, ".%02u", frac);
	else if (frac)
		fprintf(out, ".%u", frac / 10);
}

/* The operator signs a reader of a paper knows. */
static const char *sign(xkind kind)
{
	switch (kind) {
	case N_EQ:
		return "=";
	case N_NE:
		return "\xe2\x89\xa0"; /* U+2260 */
	case N_LT:
		return "<";
	case N_LE:
		return "\xe2\x89\xa4"; /* U+2264 */
	case N_GT:
		return ">";
	case N_GE:
		return "\xe2\x89\xa5"; /* U+2265 */
	case N_ADD:
		return "+";
	case N_SUB:
		return "-";
	case N_MUL:
		return "*";
	default:
		return "/";
	}
}

static const char *call_name(xkind kind)
{
	static const struct {
		xkind kind;
		const char *name;
	} calls[] = {{N_SUM, "sum"},         {N_COUNT, "count"}, {N_MIN, "min"},     {N_MAX, "max"},
	             {N_AGE, "age"},         {N_SEX, "sex"},     {N_EMPTY, "empty"}, {N_IF, "if"},
	             {N_ADDM, "add_months"}, {N_DAYS, "days"},   {N_HAS, "has"}};

	for (size_t i = 0; i < sizeof calls / sizeof *calls; i++)
		if (calls[i].kind == kind)
			return calls[i].name;
	return "?";
}

/* A call the words do not cover, as written: name(a, b, c). */
static void call(const walk *k, const xnode *n)
{
	const xnode *args[] = {n->a, n->b, n->c};

	fprintf(k->out, "%s(", call_name(n->kind));
	for (size_t i = 0; i < 3 && args[i]; i++) {
		if (i)
			fputs(", ", k->out);
		part(k, args[i], 0, false);
	}
	fputc(')', k->out);
}

/* The tests of one field worded with the caller's phrases; false for any
 * other node. */
static bool worded(const walk *k, const xnode *n)
{
	char subj[256];

	if (is_option_test(n)) {
		name_of(k, n->a, subj, sizeof subj);
		fprintf(k->out, n->kind == N_EQ ? k->w->is : k->w->is_not, subj, n->b->str);
	} else if (n->kind == N_HAS && is_name(n->a) && n->b->kind == N_STR) {
		name_of(k, n->a, subj, sizeof subj);
		fprintf(k->out, k->w->includes, subj, n->b->str);
	} else if (n->kind == N_EMPTY && is_name(n->a)) {
		name_of(k, n->a, subj, sizeof subj);
		fprintf(k->out, k->w->not_answered, subj);
	} else if (n->kind == N_NOT && n->a->kind == N_EMPTY && is_name(n->a->a)) {
		name_of(k, n->a->a, subj, sizeof subj);
		fprintf(k->out, k->w->answered, subj);
	} else {
		return false;
	}
	return true;
}

/* An or-chain: a further option of the field the previous operand tested
 * reads as one choice of several ("is "a" or "b""). *last: that operand. */
static void or_chain(const walk *k, const xnode *n, const xnode **last)
{
	const xnode *b;

	if (n->kind != N_OR) {
		part(k, n, P_OR, false);
		*last = n;
		return;
	}
	or_chain(k, n->a, last);
	b = n->b;
	if (*last && is_option_test(*last) && (*last)->kind == N_EQ && b->kind == N_EQ &&
	    is_option_test(b) && b->a->field == (*last)->a->field) {
		fprintf(k->out, k->w->or_option, b->b->str);
	} else {
		fputs(k->w->or_word, k->out);
		part(k, b, P_OR, true);
	}
	*last = b;
}

static void node_words(const walk *k, const xnode *n)
{
	char subj[256];
	const xnode *last = NULL;

	if (worded(k, n))
		return;
	switch (n->kind) {
	case N_OR:
		or_chain(k, n, &last);
		break;
	case N_AND:
		part(k, n->a, P_AND, false);
		fputs(k->w->and_word, k->out);
		part(k, n->b, P_AND, true);
		break;
	case N_NOT:
		fputs(k->w->not_word, k->out);
		part(k, n->a, P_NOT, true);
		break;
	case N_NEG:
		fputc('-', k->out);
		part(k, n->a, P_NEG, true);
		break;
	case N_NUM:
		number(k->out, n->num);
		break;
	case N_STR:
		fprintf(k->out, "\"%s\"", n->str);
		break;
	case N_FIELD:
	case N_COLUMN:
		name_of(k, n, subj, sizeof subj);
		fputs(subj, k->out);
		break;
	case N_SETTING:
		fprintf(k->out, "settings.%s", n->str);
		break;
	case N_ADD:
	case N_SUB:
	case N_MUL:
	case N_DIV:
	case N_EQ:
	case N_NE:
	case N_LT:
	case N_LE:
	case N_GT:
	case N_GE:
		part(k, n->a, prec(n), false);
		fprintf(k->out, " %s ", sign(n->kind));
		part(k, n->b, prec(n), true);
		break;
	default:
		call(k, n);
	}
}

/* n inside an operator of precedence outer (0: none); a right operand of
 * the same precedence is bracketed too, as a - (b - c) must be. */
static void part(const walk *k, const xnode *n, int outer, bool right)
{
	int p = prec(n);
	bool paren = p < outer || (right && p == outer && p != P_OR && p != P_AND);

	if (paren)
		fputc('(', k->out);
	node_words(k, n);
	if (paren)
		fputc(')', k->out);
}

char *yz_expr_describe(const yz_expr *e, const yz_expr_words *w)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	bool failed;

	if (e == NULL || w == NULL)
		return strdup("");
	if (e->root == NULL)
		return strdup(e->src ? e->src : "");
	/* stdio's memory stream grows the text; any failed write shows in
	 * ferror and fclose */
	if ((out = open_memstream(&buf, &len)) == NULL)
		return NULL;
	part(&(walk){out, w}, e->root, 0, false);
	failed = ferror(out) != 0;
	if (fclose(out) != 0 || failed) {
		free(buf);
		return NULL;
	}
	return buf;
}
