/* The field types of issue 3 (money, integer, multichoice), the canonical
 * text of typed values, and everything submit checks: visible fields, table
 * rows, and the rules with their messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../intl.h"
#include "form_internal.h"

/* ---- money, integer, multichoice ---------------------------------------- */

void yzf_money_grouped(int64_t fen, char buf[40])
{
	char plain[32], *o = buf;
	const char *s = plain, *dot;
	size_t digits;

	yz_money_format(fen, plain);
	if (*s == '-')
		*o++ = *s++;
	dot = strchr(s, '.');
	digits = dot ? (size_t)(dot - s) : strlen(s);
	for (size_t i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0)
			*o++ = ',';
		*o++ = s[i];
	}
	strcpy(o, s + digits);
}

bool yzf_validate_money(const yz_field_def *f, const char *v, yz_err *err)
{
	int64_t fen;
	char b[40];

	if (!yz_money_parse(v, &fen)) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("%s: write an amount in yuan with at most 2 decimals, such as 1050.50"),
		    f->label);
		return false;
	}
	if (f->has_min && fen < f->min) {
		yzf_money_grouped(f->min, b);
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: at least %s yuan"), f->label, b);
		return false;
	}
	if (f->has_max && fen > f->max) {
		yzf_money_grouped(f->max, b);
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: at most %s yuan"), f->label, b);
		return false;
	}
	return true;
}

/* A whole number "-12" / "12" of at most 12 digits. */
static bool parse_integer(const char *s, int64_t *out)
{
	int64_t v = 0;
	int n = 0;
	bool neg = *s == '-';

	for (s += neg; *s >= '0' && *s <= '9'; s++, n++)
		if (n < 13)
			v = v * 10 + (*s - '0');
	if (n == 0 || n > 12 || *s != '\0')
		return false;
	*out = neg ? -v : v;
	return true;
}

bool yzf_validate_integer(const yz_field_def *f, const char *v, yz_err *err)
{
	int64_t n;

	if (!parse_integer(v, &n)) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: write a whole number, such as 3"),
		            f->label);
		return false;
	}
	if (f->has_min && n < f->min) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: at least %lld"), f->label,
		            (long long)f->min);
		return false;
	}
	if (f->has_max && n > f->max) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: at most %lld"), f->label,
		            (long long)f->max);
		return false;
	}
	return true;
}

static long option_index(const yz_field_def *f, const char *s, size_t n)
{
	for (size_t i = 0; i < f->n_options; i++)
		if (strlen(f->options[i]) == n && memcmp(f->options[i], s, n) == 0)
			return (long)i;
	return -1;
}

bool yz_multi_next(const char **p, const char **pick, size_t *len)
{
	const char *e;

	/* The end, or a trailing separator: nothing more to pick. */
	if (p == NULL || *p == NULL || **p == '\0')
		return false;
	e = strstr(*p, YZ_MULTI_SEP);
	*pick = *p;
	*len = e ? (size_t)(e - *p) : strlen(*p);
	*p = e ? e + strlen(YZ_MULTI_SEP) : NULL;
	return true;
}

bool yz_multi_has(const char *value, const char *option)
{
	const char *pick;
	size_t len, n = option ? strlen(option) : 0;

	while (option && yz_multi_next(&value, &pick, &len))
		if (len == n && memcmp(pick, option, n) == 0)
			return true;
	return false;
}

/* Whether the value is empty or ends in a separator: an empty pick the walk
 * (yz_multi_next) does not give, so validation names it itself. */
static bool empty_last_pick(const char *v)
{
	size_t n = strlen(v), sep = strlen(YZ_MULTI_SEP);

	return n == 0 || (n >= sep && strcmp(v + n - sep, YZ_MULTI_SEP) == 0);
}

bool yzf_validate_multichoice(const yz_field_def *f, const char *v, yz_err *err)
{
	size_t picks = 0, n;
	unsigned char seen[256] = {0};
	const char *p;

	for (const char *at = v; yz_multi_next(&at, &p, &n);) {
		long i = option_index(f, p, n);
		if (i < 0) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s: '%.*s' is not one of the listed options"), f->label,
			            (int)n, p);
			return false;
		}
		if (i < 256 && seen[i]++) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s: '%.*s' is chosen twice"), f->label,
			            (int)n, p);
			return false;
		}
		if (f->max_choices > 0 && ++picks > (size_t)f->max_choices) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s: choose at most %d"), f->label,
			            f->max_choices);
			return false;
		}
	}
	if (empty_last_pick(v)) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: '%.*s' is not one of the listed options"),
		            f->label, 0, "");
		return false;
	}
	return true;
}

/* ---- canonical text ----------------------------------------------------- */

/* "1 3" / "1,3" / "1、3" / option texts → options joined by the separator. */
static char *normalize_multi(const yz_field_def *f, const char *t)
{
	size_t cap = strlen(t) + 1;
	char *out, *copy = yzf_strdup(t), *save = NULL;

	for (size_t i = 0; i < f->n_options; i++)
		cap += strlen(f->options[i]) + 4;
	out = calloc(1, cap);
	if (out == NULL || copy == NULL) {
		free(out);
		free(copy);
		return NULL;
	}
	/* The separator's bytes, ',' and blanks all split. */
	for (char *w = strtok_r(copy, " ,\xe3\x80\x81\xef\xbc\x8c", &save); w;
	     w = strtok_r(NULL, " ,\xe3\x80\x81\xef\xbc\x8c", &save)) {
		const char *o = yz_field_choice_resolve(&(yz_field_def){.type = YZ_FIELD_CHOICE,
		                                                        .options = f->options,
		                                                        .n_options = f->n_options},
		                                        w);
		if (o == NULL) {
			free(copy);
			free(out);
			return yzf_strdup(t); /* validation explains */
		}
		if (*out)
			strcat(out, YZ_MULTI_SEP);
		if (strlen(out) + strlen(o) + 4 < cap)
			strcat(out, o);
	}
	free(copy);
	return out;
}

static const char *yesno_word(const char *t)
{
	static const char *const yes[] = {"yes", "y", "1", "\u662f", "\u6709", NULL};
	static const char *const no[] = {"no", "n", "0", "2", "\u5426", "\u65e0", NULL};

	for (size_t i = 0; yes[i]; i++)
		if (strcasecmp(t, yes[i]) == 0)
			return "yes";
	for (size_t i = 0; no[i]; i++)
		if (strcasecmp(t, no[i]) == 0)
			return "no";
	return NULL;
}

static char *normalize_trimmed(const yz_field_def *f, char *t)
{
	char buf[40];
	int64_t n;
	yz_date d;
	const char *o;

	switch (f->type) {
	case YZ_FIELD_MONEY:
		if (!yz_money_parse(t, &n))
			return t;
		yz_money_format(n, buf);
		break;
	case YZ_FIELD_INTEGER:
		if (!parse_integer(t[0] == '+' ? t + 1 : t, &n))
			return t;
		snprintf(buf, sizeof buf, "%lld", (long long)n);
		break;
	case YZ_FIELD_DATE:
		if (!yz_date_parse(t, &d))
			return t;
		yz_date_format(d, buf);
		break;
	case YZ_FIELD_IDCARD:
	case YZ_FIELD_RESIDENT:
		for (char *c = t; *c; c++)
			*c = *c == 'x' ? 'X' : *c;
		return t;
	case YZ_FIELD_CHOICE:
		if ((o = yz_field_choice_resolve(f, t)) == NULL)
			return t;
		free(t);
		return yzf_strdup(o);
	case YZ_FIELD_YESNO:
		if ((o = yesno_word(t)) == NULL)
			return t;
		free(t);
		return yzf_strdup(o);
	case YZ_FIELD_MULTICHOICE: {
		char *m = *t ? normalize_multi(f, t) : NULL;
		if (m == NULL)
			return t;
		free(t);
		return m;
	}
	default:
		return t;
	}
	free(t);
	return yzf_strdup(buf);
}

char *yz_field_normalize(const yz_field_def *f, const char *typed)
{
	char *t = yzf_strdup(typed ? typed : "");

	if (t == NULL)
		return NULL;
	if (f->type != YZ_FIELD_MEMO) {
		yz_text_trim(t);
	} else {
		/* Blank lines and spaces after the last word go (an Enter too many);
		 * a paragraph's indentation at the start stays. */
		size_t n = strlen(t);
		while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' ' || t[n - 1] == '\t'))
			t[--n] = '\0';
	}
	return normalize_trimmed(f, t);
}

/* ---- submit ------------------------------------------------------------- */

static bool validate_table(const yz_field_def *t, const yz_values *v, const yz_eval_env *env,
                           yz_form_error *where, yz_err *err)
{
	int rows = yz_table_rows(v, t->id);
	int max = t->max_rows > 0 ? t->max_rows : YZ_TABLE_MAX_ROWS;
	int min = t->min_rows > 0 ? t->min_rows : yz_field_required_now(t, v, env);

	if (rows < min) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: add at least %d rows"), t->label, min);
		return false;
	}
	if (rows > max) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: at most %d rows"), t->label, max);
		return false;
	}
	for (int r = 1; r <= rows; r++) {
		for (size_t c = 0; c < t->n_columns; c++) {
			yz_err cell;
			if (yz_field_validate(&t->columns[c],
			                      yz_table_get(v, t->id, r, t->columns[c].id),
			                      env->today, &cell))
				continue;
			yz_err_setc(err, YZ_ERR_INVALID, _("%s, row %d: %s"), t->label, r,
			            cell.msg);
			where->row = r;
			where->col = (long)c;
			return false;
		}
	}
	return true;
}

bool yzf_validate_fields(const yz_form *f, const yz_values *v, const yz_eval_env *env,
                         yz_form_error *where, yz_err *err)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const yz_field_def *d = &f->fields[i];
		yz_field_def now;
		*where = (yz_form_error){.field = (long)i, .row = 0, .col = -1, .rule = -1};
		if (d->type == YZ_FIELD_COMPUTED || !yz_field_visible(d, v, env))
			continue;
		if (d->type == YZ_FIELD_TABLE) {
			if (!validate_table(d, v, env, where, err))
				return false;
			continue;
		}
		now = *d;
		now.required = yz_field_required_now(d, v, env);
		if (!yz_field_validate(&now, yz_values_get(v, d->id), env->today, err))
			return false;
	}
	return true;
}

/* Lookup for rule messages: values first, then settings. */
typedef struct rule_ctx {
	const yz_values *v;     /* the values */
	const yz_eval_env *env; /* the settings */
} rule_ctx;

static const char *rule_lookup(const char *key, void *p)
{
	rule_ctx *c = p;

	if (strncmp(key, "settings.", 9) == 0)
		return c->env && c->env->setting ? c->env->setting(key + 9, c->env->setting_ctx)
		                                 : NULL;
	return yz_values_get(c->v, key);
}

char *yz_rule_message(const yz_rule_def *r, const yz_values *v, const yz_eval_env *env)
{
	rule_ctx c = {v, env};

	return yz_template_expand(r->message, rule_lookup, &c);
}

bool yz_form_validate_full(const yz_form *f, const yz_values *v, const yz_eval_env *env,
                           yz_form_error *where, yz_err *err)
{
	yz_form_error w;

	if (!yzf_validate_fields(f, v, env, &w, err)) {
		if (where)
			*where = w;
		return false;
	}
	for (size_t i = 0; i < f->n_rules; i++) {
		yz_xval r;
		yz_err why;
		char *msg;
		w = (yz_form_error){.field = -1, .row = 0, .col = -1, .rule = (long)i};
		if (where)
			*where = w;
		if (!yz_expr_eval(f->rules[i].when, v, env, &r, &why)) {
			yz_err_setc(err, YZ_ERR_INVALID, "%s", why.msg);
			return false;
		}
		if (r.kind != YZ_X_BOOL || !r.b)
			continue;
		msg = yz_rule_message(&f->rules[i], v, env);
		yz_err_setc(err, YZ_ERR_INVALID, "%s", msg ? msg : f->rules[i].id);
		free(msg);
		return false;
	}
	return true;
}

const yz_state_def *yz_form_state(const yz_form *f, const char *id)
{
	for (size_t i = 0; id && i < f->n_states; i++)
		if (strcmp(f->states[i].id, id) == 0)
			return &f->states[i];
	return NULL;
}
