/* Evaluating expressions against the values typed so far.
 *
 * Numbers are int64 hundredths. A product is (a × b) / 100 and a quotient
 * (a × 100) / b, each rounded half away from zero to hundredths, computed in
 * 128 bits so that no intermediate overflows; a result beyond ±10^15 yuan is an
 * error. An empty field is "empty": in arithmetic it counts as 0 next to a
 * value (two empties give empty), sum() skips it,
 * a comparison with it is false (except = and != between two values, where
 * empty equals only empty), and a division by zero is empty.
 *
 * Dates are text YYYY-MM-DD: add_months() and days() read them, and give
 * empty for an empty or impossible date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "expr.h"
#include "form_internal.h"

#define XNUM_LIMIT ((__int128)100000000000000000LL) /* 10^15 yuan in hundredths */

/* Everything evaluation needs. */
typedef struct xeval {
	const yz_values *v;     /* the values */
	const yz_eval_env *env; /* today, settings */
	yz_err *err;            /* the message when evaluation fails */
} xeval;

static const yz_xval empty_val = {.kind = YZ_X_EMPTY};

static yz_xval num(int64_t n)
{
	return (yz_xval){.kind = YZ_X_NUM, .num = n};
}

static yz_xval boolean(bool b)
{
	return (yz_xval){.kind = YZ_X_BOOL, .b = b};
}

/* Text of a value as a number of the static type t. */
static yz_xval from_text(const char *s, xtype t)
{
	int64_t n;

	if (s == NULL || *s == '\0')
		return empty_val;
	if (t == T_BOOL)
		return boolean(strcmp(s, "yes") == 0);
	if (t == T_TEXT)
		return (yz_xval){.kind = YZ_X_TEXT, .text = s};
	return yz_money_parse(s, &n) ? num(n) : empty_val;
}

/* Divide, rounding half away from zero. */
static __int128 div_round(__int128 a, __int128 b)
{
	__int128 q = a / b, r = a % b;

	if (r < 0)
		r = -r;
	if (2 * r >= (b < 0 ? -b : b))
		q += (a < 0) != (b < 0) ? -1 : 1;
	return q;
}

static bool arith(xeval *x, xkind k, int64_t a, int64_t b, yz_xval *out)
{
	__int128 r;

	switch (k) {
	case N_ADD:
		r = (__int128)a + b;
		break;
	case N_SUB:
		r = (__int128)a - b;
		break;
	case N_MUL:
		r = div_round((__int128)a * b, 100);
		break;
	default:
		if (b == 0) {
			*out = empty_val;
			return true;
		}
		r = div_round((__int128)a * 100, b);
		break;
	}
	if (r > XNUM_LIMIT || r < -XNUM_LIMIT) {
		yz_err_set(x->err, "%s", _("a number in a calculation is too large"));
		return false;
	}
	*out = num((int64_t)r);
	return true;
}

static int cmp_vals(const yz_xval *a, const yz_xval *b)
{
	if (a->kind == YZ_X_NUM)
		return a->num < b->num ? -1 : a->num > b->num;
	if (a->kind == YZ_X_BOOL)
		return (int)a->b - (int)b->b;
	return strcmp(a->text, b->text);
}

static yz_xval compare(xkind k, const yz_xval *a, const yz_xval *b)
{
	bool ea = a->kind == YZ_X_EMPTY, eb = b->kind == YZ_X_EMPTY;
	int c;

	if (ea || eb) {
		if (k == N_EQ || k == N_NE)
			return boolean((ea && eb) == (k == N_EQ));
		return boolean(false);
	}
	c = cmp_vals(a, b);
	switch (k) {
	case N_EQ:
		return boolean(c == 0);
	case N_NE:
		return boolean(c != 0);
	case N_LT:
		return boolean(c < 0);
	case N_LE:
		return boolean(c <= 0);
	case N_GT:
		return boolean(c > 0);
	default:
		return boolean(c >= 0);
	}
}

/* sum, min, max, count over a column (or count of a table's rows). */
static bool aggregate(xeval *x, const xnode *n, yz_xval *out)
{
	const xnode *a = n->a;
	int rows = yz_table_rows(x->v, a->field->id), seen = 0;
	__int128 acc = 0;

	if (n->kind == N_COUNT && a->kind == N_FIELD) {
		*out = num((int64_t)rows * 100);
		return true;
	}
	for (int r = 1; r <= rows; r++) {
		yz_xval c = from_text(yz_table_get(x->v, a->field->id, r, a->column->id), a->type);
		if (c.kind == YZ_X_EMPTY)
			continue;
		if (n->kind == N_SUM || n->kind == N_COUNT)
			acc += n->kind == N_SUM ? c.num : 100;
		else if (seen == 0 || (n->kind == N_MIN ? c.num < acc : c.num > acc))
			acc = c.num;
		seen++;
	}
	if (acc > XNUM_LIMIT || acc < -XNUM_LIMIT) {
		yz_err_set(x->err, "%s", _("a number in a calculation is too large"));
		return false;
	}
	*out = seen == 0 && (n->kind == N_MIN || n->kind == N_MAX) ? empty_val : num((int64_t)acc);
	return true;
}

static yz_xval id_function(xeval *x, const xnode *n)
{
	yz_idcard id;
	const char *s = yz_values_get(x->v, n->a->field->id);

	if (s == NULL || yz_idcard_check(s, x->env->today, &id) != YZ_ID_OK)
		return empty_val;
	if (n->kind == N_AGE)
		return num((int64_t)yz_age_on(id.birth, x->env->today) * 100);
	/* The words of the ID card's sex field: nan (male), nv (female). */
	return (yz_xval){.kind = YZ_X_TEXT, .text = id.female ? "\u5973" : "\u7537"};
}

static bool setting(xeval *x, const xnode *n, yz_xval *out)
{
	const char *s =
	    x->env && x->env->setting ? x->env->setting(n->str, x->env->setting_ctx) : NULL;
	int64_t v;

	if (s == NULL || *s == '\0') {
		yz_err_set(
		    x->err,
		    _("the station setting '%s' is not set: ask the administrator to set it"),
		    n->str);
		return false;
	}
	if (!yz_money_parse(s, &v)) {
		yz_err_set(
		    x->err,
		    _("the station setting '%s' is '%s', not a number: ask the administrator "
		      "to correct it"),
		    n->str, s);
		return false;
	}
	*out = num(v);
	return true;
}

static bool eval(xeval *x, const xnode *n, yz_xval *out);

/* The date a value holds, false when it is empty or not a date. */
static bool date_of(const yz_xval *v, yz_date *d)
{
	return v->kind == YZ_X_TEXT && strlen(v->text) == 10 && yz_date_parse(v->text, d);
}

/* add_months(a, b): the same day b months later (earlier when b < 0), the
 * month's last day when it has no such day (01-31 + 1 month = 02-28 or 29).
 * Months are whole: b is rounded half away from zero. The text lives in the
 * node until the expression is evaluated again. */
static bool add_months(xeval *x, const xnode *n, yz_xval *out)
{
	yz_xval a, b;
	yz_date d;
	long months, m;
	int last;

	if (!eval(x, n->a, &a) || !eval(x, n->b, &b))
		return false;
	*out = empty_val;
	if (!date_of(&a, &d))
		return true;
	months = b.kind == YZ_X_NUM ? (long)(div_round(b.num, 100)) : 0;
	if (months > 12000 || months < -12000)
		return true; /* beyond any year a date may have */
	m = (long)d.year * 12 + (d.month - 1) + months;
	d.year = (int)(m / 12);
	d.month = (int)(m % 12) + 1;
	if (d.year < 1900 || d.year > 2999)
		return true;
	last = yz_days_in_month(d.year, d.month);
	if (d.day > last)
		d.day = last;
	if (!yz_date_valid(d.year, d.month, d.day))
		return true;
	/* The node is the expression's own memory, written only here. */
	yz_date_format(d, ((xnode *)n)->date);
	*out = (yz_xval){.kind = YZ_X_TEXT, .text = n->date};
	return true;
}

/* days(a, b): calendar days from a to b (negative when b is earlier). */
static bool days(xeval *x, const xnode *n, yz_xval *out)
{
	yz_xval a, b;
	yz_date da, db;

	if (!eval(x, n->a, &a) || !eval(x, n->b, &b))
		return false;
	*out = date_of(&a, &da) && date_of(&b, &db)
	           ? num((int64_t)(yz_date_to_days(db) - yz_date_to_days(da)) * 100)
	           : empty_val;
	return true;
}

static bool eval_binary(xeval *x, const xnode *n, yz_xval *out)
{
	yz_xval a, b;

	if (!eval(x, n->a, &a))
		return false;
	if (n->kind == N_AND || n->kind == N_OR) {
		bool at = a.kind == YZ_X_BOOL && a.b;
		if (at == (n->kind == N_OR)) {
			*out = boolean(at);
			return true;
		}
		if (!eval(x, n->b, &b))
			return false;
		*out = boolean(b.kind == YZ_X_BOOL && b.b);
		return true;
	}
	if (!eval(x, n->b, &b))
		return false;
	if (n->kind >= N_EQ) {
		*out = compare(n->kind, &a, &b);
		return true;
	}
	/* An empty amount next to a typed one counts as 0 (an optional "other
	 * income" left blank); with nothing typed at all the result stays empty. */
	if (a.kind == YZ_X_EMPTY && b.kind == YZ_X_EMPTY) {
		*out = empty_val;
		return true;
	}
	return arith(x, n->kind, a.kind == YZ_X_EMPTY ? 0 : a.num, b.kind == YZ_X_EMPTY ? 0 : b.num,
	             out);
}

static bool eval(xeval *x, const xnode *n, yz_xval *out)
{
	switch (n->kind) {
	case N_NUM:
		*out = num(n->num);
		return true;
	case N_STR:
		*out = (yz_xval){.kind = YZ_X_TEXT, .text = n->str};
		return true;
	case N_FIELD:
		*out = from_text(yz_values_get(x->v, n->field->id), n->type);
		return true;
	case N_SETTING:
		return setting(x, n, out);
	case N_NEG:
		if (!eval(x, n->a, out))
			return false;
		if (out->kind == YZ_X_NUM)
			out->num = -out->num;
		return true;
	case N_NOT:
		if (!eval(x, n->a, out))
			return false;
		*out = boolean(!(out->kind == YZ_X_BOOL && out->b));
		return true;
	case N_SUM:
	case N_COUNT:
	case N_MIN:
	case N_MAX:
		return aggregate(x, n, out);
	case N_AGE:
	case N_SEX:
		*out = id_function(x, n);
		return true;
	case N_IF: {
		yz_xval c;
		if (!eval(x, n->a, &c))
			return false;
		return eval(x, c.kind == YZ_X_BOOL && c.b ? n->b : n->c, out);
	}
	case N_ADDM:
		return add_months(x, n, out);
	case N_DAYS:
		return days(x, n, out);
	case N_HAS:
		*out = boolean(yz_multi_has(yz_values_get(x->v, n->a->field->id), n->b->str));
		return true;
	case N_EMPTY: {
		const char *s = yz_values_get(x->v, n->a->field->id);
		bool e = n->a->field->type == YZ_FIELD_TABLE
		             ? yz_table_rows(x->v, n->a->field->id) == 0
		             : s == NULL || *s == '\0';
		*out = boolean(e);
		return true;
	}
	default:
		return eval_binary(x, n, out);
	}
}

bool yz_expr_eval(const yz_expr *e, const yz_values *v, const yz_eval_env *env, yz_xval *out,
                  yz_err *err)
{
	static const yz_eval_env none = {{2000, 1, 1}, NULL, NULL};
	xeval x = {.v = v, .env = env ? env : &none, .err = err};

	*out = empty_val;
	if (e == NULL || e->root == NULL) {
		yz_err_set(err, "%s", _("the expression could not be read"));
		return false;
	}
	return eval(&x, e->root, out);
}

void yz_number_format(int64_t h, yz_value_format fmt, char buf[32])
{
	if (fmt == YZ_FORMAT_INTEGER || (fmt != YZ_FORMAT_MONEY && h % 100 == 0)) {
		snprintf(buf, 32, "%lld", (long long)div_round(h, 100));
		return;
	}
	yz_money_format(h, buf);
}

/* The text a computed field stores for value r (buf 32 bytes). */
static const char *computed_text(const yz_field_def *f, const yz_xval *r, char *buf)
{
	switch (r->kind) {
	case YZ_X_NUM:
		yz_number_format(r->num, f->format, buf);
		return buf;
	case YZ_X_TEXT:
		return r->text;
	case YZ_X_BOOL:
		return r->b ? "yes" : "no";
	default:
		return NULL;
	}
}

bool yz_form_compute(const yz_form *f, yz_values *v, const yz_eval_env *env)
{
	bool any = false;

	/* A computed field may use another one written below it: repeat until
	 * nothing changes (the circle check at load time bounds this). */
	for (size_t pass = 0; pass <= f->n_fields; pass++) {
		bool changed = false;
		for (size_t i = 0; i < f->n_fields; i++) {
			const yz_field_def *d = &f->fields[i];
			char buf[32];
			yz_xval r;
			const char *t, *old;
			if (d->type != YZ_FIELD_COMPUTED)
				continue;
			t = yz_expr_eval(d->expr, v, env, &r, NULL) ? computed_text(d, &r, buf)
			                                            : NULL;
			old = yz_values_get(v, d->id);
			if ((t == NULL) != (old == NULL) || (t && strcmp(t, old) != 0)) {
				yz_values_set(v, d->id, t);
				changed = true;
			}
		}
		any = any || changed;
		if (!changed)
			break;
	}
	return any;
}

/* A condition's value; false when it cannot be evaluated. */
static bool condition(const yz_expr *e, const yz_values *v, const yz_eval_env *env)
{
	yz_xval r;

	return yz_expr_eval(e, v, env, &r, NULL) && r.kind == YZ_X_BOOL && r.b;
}

bool yz_field_visible(const yz_field_def *field, const yz_values *v, const yz_eval_env *env)
{
	return field->visible_if == NULL || condition(field->visible_if, v, env);
}

bool yz_field_required_now(const yz_field_def *field, const yz_values *v, const yz_eval_env *env)
{
	return field->required ||
	       (field->required_if != NULL && condition(field->required_if, v, env));
}
