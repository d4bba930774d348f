/* The counting of a survey (issue 18): the papers that count, as
 * yz_service_survey_each gives them (single entry, or reconciled: the one
 * source, never SQL here), are checked by the survey's validity rule; the
 * valid ones make every question's table and the cross-tabulations by a
 * demographic question. Every figure is an integer: percentages in hundredths
 * of a percent and means in hundredths, rounded half up, so that the paper,
 * the workbook and the screen say the same and a test can work them out by
 * hand. The denominators (README, "Counting a survey"):
 *   base       the valid papers that were asked the question (skip logic);
 *   single, scale, grid item: each option's % of the base, and a no-answer line;
 *   multi      % of respondents (those who ticked any option) and % of
 *              mentions (all ticks);
 *   cross-tab  a column's % of its papers that answered the question. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* ---- numbers ------------------------------------------------------------------ */

/* num / den rounded half up (towards +infinity on a tie), for any sign of num;
 * den > 0. */
static int64_t div_half_up(int64_t num, int64_t den)
{
	int64_t q = 2 * num + den, d = 2 * den;
	return q >= 0 ? q / d : -((-q + d - 1) / d);
}

int64_t svc_survey_pct(long n, long base)
{
	return base > 0 ? div_half_up((int64_t)n * 10000, base) : 0;
}

/* The papers' rates (hundredths of a percent), -1 when the base is 0 or
 * unknown (issued 0: papers came back and no issue was recorded). The valid
 * rate is of the papers that count: a paper waiting for its second keying
 * (or a third look) is neither valid nor invalid yet, so it must not lower
 * the rate (the outputs show the waiting papers beside it). */
static void rates(yz_survey_papers *p)
{
	p->return_rate = p->issued > 0 ? svc_survey_pct(p->returned, p->issued) : -1;
	p->valid_rate = p->counted > 0 ? svc_survey_pct(p->valid, p->counted) : -1;
}

/* ---- the papers ------------------------------------------------------------------ */

typedef struct paper {
	long serial;
	yz_survey_mode mode;
	yz_values v;
} paper;

typedef struct paper_list {
	paper *items;
	size_t n, cap;
	bool oom;
} paper_list;

static void values_copy(yz_values *to, const yz_values *from)
{
	for (size_t i = 0; i < from->n; i++)
		yz_values_set(to, from->keys[i], from->vals[i]);
}

/* yz_service_survey_each's callback: keep a copy of the paper. */
static int keep_paper(long serial, yz_survey_mode mode, const yz_values *answers, void *ctx)
{
	paper_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		paper *p = realloc(l->items, cap * sizeof *p);
		if (!p) {
			l->oom = true;
			return -1;
		}
		l->items = p;
		l->cap = cap;
	}
	paper *p = &l->items[l->n++];
	memset(p, 0, sizeof *p);
	p->serial = serial;
	p->mode = mode;
	values_copy(&p->v, answers);
	return 0;
}

static void papers_free(paper_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		yz_values_clear(&l->items[i].v);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- one question's answers ---------------------------------------------------- */

static bool empty(const char *s)
{
	return !s || !*s;
}

/* The index of option text s in q's options, or -1. */
static int option_index(const yz_question *q, const char *s)
{
	for (size_t i = 0; s && i < q->n_options; i++)
		if (!strcmp(q->options[i], s))
			return (int)i;
	return -1;
}

/* Mark in picked[] (q->n_options) the options value holds: one, or a multi's
 * options joined by YZ_MULTI_SEP. How many were picked. */
static size_t picks(const yz_question *q, const char *value, bool *picked)
{
	const char *p = value, *pick;
	size_t n = 0, len;

	memset(picked, 0, q->n_options * sizeof *picked);
	if (empty(value))
		return 0;
	if (q->kind != YZ_Q_MULTI) {
		int i = option_index(q, value);
		if (i >= 0)
			picked[i] = true;
		return i >= 0;
	}
	while (yz_multi_next(&p, &pick, &len))
		for (size_t i = 0; i < q->n_options; i++)
			if (!picked[i] && strlen(q->options[i]) == len &&
			    !memcmp(q->options[i], pick, len)) {
				picked[i] = true;
				n++;
				break;
			}
	return n;
}

/* ---- the counting core -------------------------------------------------------------- */

/* What the core works on: the survey, the papers and the expressions' env. */
typedef struct counter {
	const yz_survey *sv;
	const yz_eval_env *env;
	const paper *papers;
	size_t n;
	bool *valid; /* n: valid by the survey's rule */
	bool *asked; /* n: asked the question being counted */
	bool *picked;
	bool oom;
	const yz_question *too_big; /* a number question whose answers overflow the mean */
} counter;

static char *dup_or_oom(counter *c, const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		c->oom = true;
	return d;
}

static void add_text(counter *c, yz_survey_qtally *t, const char *s)
{
	char **texts = realloc(t->texts, (t->n_texts + 1) * sizeof *texts);
	if (!texts) {
		c->oom = true;
		return;
	}
	t->texts = texts;
	t->texts[t->n_texts] = dup_or_oom(c, s);
	if (t->texts[t->n_texts])
		t->n_texts++;
}

static char *title_of(counter *c, const yz_question *q, int item)
{
	char buf[1024];
	char *t;

	yz_survey_question_title(c->sv, q, item, yz_paper_sep(), buf, sizeof buf);
	t = strdup(buf);
	if (!t)
		c->oom = true;
	return t;
}

static bool is_choice(const yz_question *q)
{
	return q->kind == YZ_Q_SINGLE || q->kind == YZ_Q_MULTI || q->kind == YZ_Q_SCALE ||
	       q->kind == YZ_Q_GRID;
}

/* One valid paper's answer s to choice question q into t and n[] (per
 * option), its scores into *sum; the "other" text kept. */
static void tally_choice(counter *c, const yz_question *q, const yz_values *v, const char *s,
                         yz_survey_qtally *t, long *n, int64_t *sum)
{
	char other[160];
	size_t k = picks(q, s, c->picked);

	if (k == 0)
		return;
	t->answered++;
	t->mentions += (long)k;
	for (size_t o = 0; o < q->n_options; o++) {
		if (!c->picked[o])
			continue;
		n[o]++;
		if (q->kind == YZ_Q_SCALE || q->kind == YZ_Q_GRID)
			*sum += yz_survey_scale_score(o, q->n_options);
	}
	snprintf(other, sizeof other, "%s%s", q->id, YZ_SURVEY_OTHER_SUFFIX);
	const char *text = q->other ? yz_values_get(v, other) : NULL;
	if (!empty(text))
		add_text(c, t, text);
}

/* A choice question's lines from its counts n[] (n_options + 1): a multi's
 * are shares of its respondents; the others' of the base, with the papers
 * that left it blank as the last line. */
static void finish_lines(counter *c, const yz_question *q, long *n, yz_survey_qtally *t)
{
	bool multi = q->kind == YZ_Q_MULTI;
	long base = multi ? t->answered : t->base;

	t->n_lines = q->n_options + (multi ? 0 : 1);
	t->lines = calloc(t->n_lines, sizeof *t->lines);
	if (!t->lines) {
		t->n_lines = 0;
		c->oom = true;
		return;
	}
	n[q->n_options] = t->base - t->answered;
	for (size_t o = 0; o < t->n_lines; o++) {
		yz_survey_line *l = &t->lines[o];
		l->label = dup_or_oom(c, o < q->n_options ? q->options[o] : P_("No answer"));
		l->n = n[o];
		l->pct = svc_survey_pct(n[o], base);
		l->pct_mentions = multi ? svc_survey_pct(n[o], t->mentions) : 0;
	}
}

/* Add number answer s to *sum, which must stay within INT64_MAX / 100 either
 * way so that the mean's sum * 100 cannot overflow; false (c->too_big set)
 * when it does not. */
static bool add_number(counter *c, const yz_question *q, const char *s, int64_t *sum)
{
	const int64_t most = INT64_MAX / 100;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno == ERANGE || v > most || v < -most || (v > 0 && *sum > most - v) ||
	    (v < 0 && *sum < -most - v)) {
		c->too_big = q;
		return false;
	}
	*sum += v;
	return true;
}

/* Question q (a grid's item) over the valid papers asked it. */
static void count_question(counter *c, const yz_question *q, int item, yz_survey_qtally *t)
{
	char field[160];
	bool choice = is_choice(q);
	long *n = choice ? calloc(q->n_options + 1, sizeof *n) : NULL;
	int64_t sum = 0;

	yz_survey_field_id(q, item, field, sizeof field);
	t->q = q;
	t->item = item;
	t->title = title_of(c, q, item);
	if (choice && !n) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < c->n; i++) {
		if (!c->valid[i] || !c->asked[i])
			continue;
		const yz_values *v = &c->papers[i].v;
		const char *s = yz_values_get(v, field);
		t->base++;
		if (choice)
			tally_choice(c, q, v, s, t, n, &sum);
		else if (!empty(s)) {
			t->answered++;
			if (q->kind == YZ_Q_NUMBER && !add_number(c, q, s, &sum))
				break;
			else if (q->kind == YZ_Q_TEXT || q->kind == YZ_Q_LONG)
				add_text(c, t, s);
		}
	}
	if (q->kind != YZ_Q_MULTI)
		t->mentions = 0;
	t->has_mean = q->kind == YZ_Q_SCALE || q->kind == YZ_Q_GRID || q->kind == YZ_Q_NUMBER;
	if (c->too_big == q)
		t->has_mean = false;
	if (t->has_mean && t->answered > 0)
		t->mean = div_half_up(sum * 100, t->answered);
	if (choice)
		finish_lines(c, q, n, t);
	free(n);
}

static void mark_asked(counter *c, const yz_question *q)
{
	for (size_t i = 0; i < c->n; i++)
		c->asked[i] = c->valid[i] && yz_survey_asked(c->sv, q, &c->papers[i].v, c->env);
}

/* x's title, labels and tables for q (a grid's item) by by, zeroed; false
 * when out of memory. */
static bool xtab_new(counter *c, const yz_question *q, int item, const yz_question *by,
                     yz_survey_xtab *x)
{
	x->q = q;
	x->item = item;
	x->by = by;
	char *qt = title_of(c, q, item);
	x->title = qt ? yz_strdup_printf("%s \xc3\x97 %s", qt, by->label) : NULL;
	free(qt);
	if (!x->title)
		c->oom = true;
	x->n_rows = q->n_options;
	x->n_cols = by->n_options + 1;
	x->row_labels = calloc(x->n_rows, sizeof *x->row_labels);
	x->col_labels = calloc(x->n_cols, sizeof *x->col_labels);
	x->n = calloc(x->n_rows * x->n_cols, sizeof *x->n);
	x->pct = calloc(x->n_rows * x->n_cols, sizeof *x->pct);
	x->col_base = calloc(x->n_cols, sizeof *x->col_base);
	if (!x->row_labels || !x->col_labels || !x->n || !x->pct || !x->col_base) {
		c->oom = true;
		return false;
	}
	for (size_t r = 0; r < x->n_rows; r++)
		x->row_labels[r] = dup_or_oom(c, q->options[r]);
	for (size_t k = 0; k < by->n_options; k++)
		x->col_labels[k] = dup_or_oom(c, by->options[k]);
	x->col_labels[by->n_options] = dup_or_oom(c, P_("Total"));
	return true;
}

/* Question q (a grid's item) by question by: counts and column percentages. */
static void count_xtab(counter *c, const yz_question *q, int item, const yz_question *by,
                       yz_survey_xtab *x)
{
	char field[160];
	bool *col_pick = calloc(by->n_options ? by->n_options : 1, sizeof *col_pick);

	yz_survey_field_id(q, item, field, sizeof field);
	if (!xtab_new(c, q, item, by, x) || !col_pick) {
		c->oom = true;
		free(col_pick);
		return;
	}
	size_t total = by->n_options;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->asked[i])
			continue;
		const yz_values *v = &c->papers[i].v;
		if (picks(q, yz_values_get(v, field), c->picked) == 0)
			continue;
		/* the column: the paper's answer to by when it was asked it and gave
		 * one; every paper that answered q is in the total */
		int col = -1;
		if (yz_survey_asked(c->sv, by, v, c->env) &&
		    picks(by, yz_values_get(v, by->id), col_pick) == 1)
			for (size_t k = 0; k < by->n_options; k++)
				if (col_pick[k])
					col = (int)k;
		x->col_base[total]++;
		if (col >= 0)
			x->col_base[col]++;
		for (size_t r = 0; r < x->n_rows; r++) {
			if (!c->picked[r])
				continue;
			x->n[r * x->n_cols + total]++;
			if (col >= 0)
				x->n[r * x->n_cols + (size_t)col]++;
		}
	}
	for (size_t r = 0; r < x->n_rows; r++)
		for (size_t k = 0; k < x->n_cols; k++)
			x->pct[r * x->n_cols + k] =
			    svc_survey_pct(x->n[r * x->n_cols + k], x->col_base[k]);
	free(col_pick);
}

/* The tallies of papers p[0..n) into t (t->sv and t->papers set by the
 * caller, t->papers.valid set here). */
static int tally(const yz_survey *sv, const yz_eval_env *env, const paper *p, size_t n,
                 const yz_question *by, yz_survey_tally *t, yz_err *err)
{
	size_t most = 2;
	for (size_t k = 0; k < sv->n_questions; k++)
		if (sv->questions[k].n_options > most)
			most = sv->questions[k].n_options;
	counter c = {.sv = sv, .env = env, .papers = p, .n = n};
	c.valid = calloc(n ? n : 1, sizeof *c.valid);
	c.asked = calloc(n ? n : 1, sizeof *c.asked);
	c.picked = calloc(most, sizeof *c.picked);
	size_t n_qs = 0, n_x = 0;
	for (size_t k = 0; k < sv->n_questions; k++) {
		const yz_question *q = &sv->questions[k];
		size_t parts = q->kind == YZ_Q_GRID ? q->n_items : 1;
		n_qs += parts;
		if (by && q != by && is_choice(q))
			n_x += parts;
	}
	t->qs = calloc(n_qs ? n_qs : 1, sizeof *t->qs);
	t->xtabs = calloc(n_x ? n_x : 1, sizeof *t->xtabs);
	if (!c.valid || !c.asked || !c.picked || !t->qs || !t->xtabs)
		goto oom;
	t->papers.valid = 0;
	for (size_t i = 0; i < n; i++) {
		c.valid[i] = yz_survey_valid(sv, &p[i].v, env, NULL, NULL);
		t->papers.valid += c.valid[i];
	}
	for (size_t k = 0; k < sv->n_questions && !c.oom; k++) {
		const yz_question *q = &sv->questions[k];
		int parts = q->kind == YZ_Q_GRID ? (int)q->n_items : 1;
		mark_asked(&c, q);
		for (int it = 0; it < parts; it++) {
			int item = q->kind == YZ_Q_GRID ? it : -1;
			count_question(&c, q, item, &t->qs[t->n_qs++]);
			if (by && q != by && is_choice(q))
				count_xtab(&c, q, item, by, &t->xtabs[t->n_xtabs++]);
		}
	}
	if (c.oom)
		goto oom;
	if (c.too_big) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The answers to question \"%s\" add up to more than can be counted, "
		              "so their mean cannot be given: look for a mistyped number on its "
		              "papers."),
		            c.too_big->label);
		goto fail;
	}
	free(c.valid);
	free(c.asked);
	free(c.picked);
	return 0;
oom:
	yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
fail:
	free(c.valid);
	free(c.asked);
	free(c.picked);
	return -1;
}

/* ---- the service --------------------------------------------------------------------- */

/* The question to cross-tabulate by: a SINGLE or SCALE question of sv. */
static int by_question(const yz_survey *sv, const char *by, const yz_question **out, yz_err *err)
{
	*out = NULL;
	if (!by || !*by)
		return 0;
	const yz_question *q = yz_survey_question(sv, by);
	if (!q) {
		yz_err_setc(err, YZ_ERR_INVALID, _("The survey %1$s has no question \"%2$s\"."),
		            sv->id, by);
		return -1;
	}
	if (q->kind != YZ_Q_SINGLE && q->kind != YZ_Q_SCALE) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("The tallies can be split only by a question with one answer (single "
		      "choice or scale), such as a demographic question; \"%s\" is not one."),
		    by);
		return -1;
	}
	*out = q;
	return 0;
}

static int by_serial(const void *a, const void *b)
{
	long x = ((const paper *)a)->serial, y = ((const paper *)b)->serial;
	return (x > y) - (x < y);
}

int yz_service_survey_count(yz_session *s, const yz_survey *sv, const char *by,
                            yz_survey_tally **out, yz_err *err)
{
	const yz_question *byq;
	paper_list l = {0};
	yz_eval_env env;

	*out = NULL;
	if (svc_survey_require_head(s, sv, "count", err) < 0)
		return -1;
	if (by_question(sv, by, &byq, err) != 0)
		return -1;
	yz_survey_tally *t = calloc(1, sizeof *t);
	if (!t) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	t->sv = sv;
	t->made_on = s->today;
	yz_paper_lang_set(s->cfg->document_language);
	yz_service_eval_env(s, &env);
	if (yz_service_survey_papers_count(s, sv, &t->papers, err) != 0 ||
	    yz_service_survey_each(s, sv, keep_paper, &l, err) != 0) {
		if (l.oom)
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		goto fail;
	}
	qsort(l.items, l.n, sizeof *l.items, by_serial);
	if (tally(sv, &env, l.items, l.n, byq, t, err) != 0)
		goto fail;
	rates(&t->papers);
	papers_free(&l);
	*out = t;
	return 0;
fail:
	papers_free(&l);
	yz_survey_tally_free(t);
	return -1;
}

static void qtally_free(yz_survey_qtally *q)
{
	free(q->title);
	for (size_t i = 0; i < q->n_lines; i++)
		free(q->lines[i].label);
	free(q->lines);
	for (size_t i = 0; i < q->n_texts; i++)
		free(q->texts[i]);
	free(q->texts);
}

static void xtab_free(yz_survey_xtab *x)
{
	free(x->title);
	for (size_t i = 0; x->row_labels && i < x->n_rows; i++)
		free(x->row_labels[i]);
	for (size_t i = 0; x->col_labels && i < x->n_cols; i++)
		free(x->col_labels[i]);
	free(x->row_labels);
	free(x->col_labels);
	free(x->n);
	free(x->pct);
	free(x->col_base);
}

void yz_survey_tally_free(yz_survey_tally *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_qs; i++)
		qtally_free(&t->qs[i]);
	for (size_t i = 0; i < t->n_xtabs; i++)
		xtab_free(&t->xtabs[i]);
	free(t->qs);
	free(t->xtabs);
	free(t);
}
