/* A survey's report (issue 18), made of its tally: the A4 PDF (the papers
 * with their rates and the denominators named, per question a table and a bar
 * chart, the other texts, the cross-tabs), the .xlsx workbook (an overview
 * sheet, one per question, one per cross-tab, and the raw answers of the valid
 * papers without the proxy or the respondent) and the CSV (one table: the
 * base, a row per line and the mean of each question, the cross-tab's cells
 * after). In the station's document language. Every figure is the tally's:
 * counts as they are, percentages, rates and means from its hundredths
 * (yz_hundredths_format); nothing is counted or rounded here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "report_int.h"
#include "service_int.h"

/* ---- numbers as text ------------------------------------------------------------ */

static void whole(long v, char *buf, size_t n)
{
	snprintf(buf, n, "%ld", v);
}

/* The cell of a percentage without a base (a cross-tab's column nobody is
 * in): an em dash, not 0.00 %. */
#define NO_PCT "\xe2\x80\x94"

/* "12 (34.56%)": a count and its share, as the paper's cells say it. */
static void count_pct(long n, int64_t pct, char *buf, size_t size)
{
	char p[32];
	yz_hundredths_format(pct, p);
	snprintf(buf, size, "%ld (%s%%)", n, p);
}

/* A rate cell as the paper shows it: "12.34%", or the dash as it is. */
static const char *shown_pct(const char *cell, char *buf, size_t n)
{
	int64_t v;
	return rpt_hundredths(cell, &v) ? rpt_shown(YZ_CELL_PERCENT, cell, buf, n) : cell;
}

/* ---- what every output says --------------------------------------------------------- */

/* How a paper came back, in the entry form's words (the document language). */
static const char *mode_word(int m)
{
	return P_(yz_survey_mode_msgid((yz_survey_mode)m));
}

/* The period as the paper says it. */
static void period_text(const yz_survey *sv, char *buf, size_t n)
{
	char from[11], to[11];
	yz_date_format(sv->from, from);
	yz_date_format(sv->to, to);
	/* TRANSLATORS: a period on paper: its first and last day. */
	snprintf(buf, n, P_("%1$s to %2$s"), from, to);
}

/* The sentence under a question's title: its base, and its mean. */
static char *base_line(const yz_survey_qtally *q)
{
	const yz_question *qq = q->q;
	char mean[32] = "";
	if (q->has_mean && q->answered > 0)
		yz_hundredths_format(q->mean, mean);
	char *line;
	if (qq->kind == YZ_Q_MULTI)
		line = yz_strdup_printf(
		    P_("Base: %1$ld valid papers were asked it, %2$ld of them ticked at least one "
		       "option (the respondents); %3$ld ticks in all (the mentions)."),
		    q->base, q->answered, q->mentions);
	else
		line =
		    yz_strdup_printf(P_("Base: %1$ld valid papers were asked it; %2$ld answered."),
		                     q->base, q->answered);
	if (line && *mean) {
		char *more =
		    qq->kind == YZ_Q_NUMBER
		        ? yz_strdup_printf(P_("%1$s Mean of the answers: %2$s."), line, mean)
		        : yz_strdup_printf(
		              P_("%1$s Mean score: %2$s (%3$zu = \"%4$s\", 1 = \"%5$s\")."), line,
		              mean, qq->n_options, qq->options[0], qq->options[qq->n_options - 1]);
		free(line);
		line = more;
	}
	return line;
}

/* The definitions, with their denominators, as the paper prints them. */
static const char *definitions(void)
{
	return P_("Returned: papers keyed at least once. Counted: papers keyed once in a "
	          "single-entry survey, or keyed twice and reconciled. Valid: counted papers "
	          "that meet the survey's validity rule. Return rate = returned / issued; "
	          "valid rate = valid / counted (the papers waiting for their second keying "
	          "or a third look are not counted yet, so they are in neither). Each question's "
	          "percentages are of its "
	          "base, the valid papers that were asked it (skip logic applied); a "
	          "multiple-choice question's are of its respondents (the papers that ticked "
	          "at least one option) and of its mentions (all ticks). A cross-tab's "
	          "percentages are of its column: the papers of that column that answered the "
	          "question. Percentages in hundredths, rounded half up.");
}

static bool multi(const yz_survey_qtally *q)
{
	return q->q->kind == YZ_Q_MULTI;
}

/* ---- the overview as a report (the workbook's first sheet) ---------------------------------- */

static yz_report *new_report(yz_session *s, const yz_survey_tally *t, const char *title)
{
	char period[64], day[11];
	period_text(t->sv, period, sizeof period);
	yz_date_format(t->made_on, day);
	char *code = yz_strdup_printf("survey-%s", t->sv->id);
	yz_report *r = code ? yz_report_new(title, s->cfg->station_name, code, period, day) : NULL;
	free(code);
	if (!r)
		return NULL;
	r->pct_hundredths = true;
	yz_report_set(r, &r->made_on, day);
	yz_report_set(r, &r->made_by, s->user.name);
	return r;
}

static void papers_rows(yz_report *r, const yz_survey_tally *t)
{
	const yz_survey_papers *p = &t->papers;
	char n[32], pct[32], valid_note[256];
	const char *c[4];
	/* the valid rate's base is the counted papers: the waiting ones are
	 * named beside it, so that a low count is not read as a low rate */
	if (p->waiting + p->different > 0)
		snprintf(valid_note, sizeof valid_note,
		         P_("valid rate = valid / counted; %ld papers still waiting for keying are "
		            "not counted yet"),
		         p->waiting + p->different);
	else
		snprintf(valid_note, sizeof valid_note, "%s", P_("valid rate = valid / counted"));
	/* rate: the tally's, -1 when its base is 0 or unknown; NO_RATE: a row
	 * without one */
	enum { NO_RATE = -2 };
	struct {
		const char *what;
		long n;
		int64_t rate;
		const char *note;
	} rows[] = {
	    {P_("Issued"), p->issued, NO_RATE,
	     p->issued ? P_("serial numbers handed out") : P_("the issue was not recorded")},
	    {P_("Returned"), p->returned, p->return_rate,
	     p->issued ? P_("return rate = returned / issued")
	               : P_("return rate: none (the issue was not recorded)")},
	    {P_("Counted"), p->counted, NO_RATE, P_("single entry, or keyed twice and reconciled")},
	    {P_("Waiting for the second keying"), p->waiting, NO_RATE, ""},
	    {P_("Waiting for a third look"), p->different, NO_RATE, ""},
	    {P_("Valid"), p->valid, p->valid_rate, valid_note},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		whole(rows[i].n, n, sizeof n);
		c[0] = rows[i].what;
		c[1] = n;
		c[2] = "";
		if (rows[i].rate >= 0) {
			yz_hundredths_format(rows[i].rate, pct);
			c[2] = pct;
		} else if (rows[i].rate == -1) {
			c[2] = "\xe2\x80\x94"; /* an em dash: no base for the rate */
		}
		c[3] = rows[i].note;
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
	for (int m = 0; m < YZ_SURVEY_N_MODES; m++) {
		whole(p->by_mode[m], n, sizeof n);
		c[0] = mode_word(m);
		c[1] = n;
		c[2] = "";
		c[3] = P_("counted papers");
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
}

static yz_report *overview(yz_session *s, const yz_survey_tally *t)
{
	const yz_survey *sv = t->sv;
	yz_report *r = new_report(s, t, sv->title);
	if (!r)
		return NULL;
	snprintf(r->sheet, sizeof r->sheet, "%s", P_("Overview"));
	char *summary = yz_strdup_printf(
	    "%s%s%s\n%s%s%s\n%s", P_("Purpose"), yz_paper_sep(), sv->purpose ? sv->purpose : "",
	    P_("Target"), yz_paper_sep(), sv->target ? sv->target : "", definitions());
	if (!summary)
		r->oom = true;
	yz_report_set(r, &r->summary, summary);
	free(summary);
	yz_report_col(r, P_("Papers"), YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("Number of papers"), YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("Percentage"), YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("Denominator"), YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	papers_rows(r, t);
	return r;
}

/* ---- a question's sheet ------------------------------------------------------------------------
 */

static char *texts_heading(const yz_survey_qtally *q);

static void text_rows(yz_report *r, const yz_survey_qtally *q)
{
	const char **c = calloc(r->n_cols, sizeof *c);
	if (!c) {
		r->oom = true;
		return;
	}
	if (q->n_texts > 0) {
		for (size_t k = 0; k < r->n_cols; k++)
			c[k] = "";
		char *h = texts_heading(q);
		c[0] = h ? h : "";
		if (!h)
			r->oom = true;
		yz_report_row_add(r, YZ_ROW_GROUP, c);
		free(h);
		for (size_t i = 0; i < q->n_texts; i++) {
			c[0] = q->texts[i];
			yz_report_row_add(r, YZ_ROW_DATA, c);
		}
	}
	free(c);
}

static yz_report *question_sheet(yz_session *s, const yz_survey_tally *t, const yz_survey_qtally *q)
{
	yz_report *r = new_report(s, t, q->title);
	if (!r)
		return NULL;
	size_t num = yz_survey_question_no(t->sv, q->q);
	if (q->item >= 0)
		snprintf(r->sheet, sizeof r->sheet, "Q%zu.%d", num, q->item + 1);
	else
		snprintf(r->sheet, sizeof r->sheet, "Q%zu", num);
	char *line = base_line(q);
	if (!line)
		r->oom = true;
	yz_report_set(r, &r->summary, line);
	free(line);
	yz_report_col(r, P_("Option"), YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("Number of papers"), YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, multi(q) ? P_("% of respondents") : P_("% of base"), YZ_CELL_PERCENT,
	              YZ_RTOTAL_NONE, 0);
	if (multi(q))
		yz_report_col(r, P_("% of mentions"), YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
	char n[32], p[32], m[32];
	const char *c[4];
	for (size_t i = 0; i < q->n_lines; i++) {
		const yz_survey_line *l = &q->lines[i];
		whole(l->n, n, sizeof n);
		yz_hundredths_format(l->pct, p);
		yz_hundredths_format(l->pct_mentions, m);
		c[0] = l->label;
		c[1] = n;
		c[2] = p;
		c[3] = m;
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
	if (q->n_lines == 0) { /* numbers, dates, texts: answered or not */
		long k[2] = {q->answered, q->base - q->answered};
		const char *words[2] = {P_("Answered"), P_("No answer")};
		for (int i = 0; i < 2; i++) {
			whole(k[i], n, sizeof n);
			c[0] = words[i];
			c[1] = n;
			c[2] = "";
			if (q->base > 0) {
				yz_hundredths_format(svc_survey_pct(k[i], q->base), p);
				c[2] = p;
			}
			yz_report_row_add(r, YZ_ROW_DATA, c);
		}
	}
	text_rows(r, q);
	return r;
}

/* ---- a cross-tab ------------------------------------------------------------------------------
 */

static yz_report *xtab_sheet(yz_session *s, const yz_survey_tally *t, const yz_survey_xtab *x,
                             size_t index)
{
	yz_report *r = new_report(s, t, x->title);
	if (!r)
		return NULL;
	snprintf(r->sheet, sizeof r->sheet, "X%zu", index + 1);
	yz_report_set(r, &r->summary,
	              P_("Counts and column percentages: each column's percentages are of its "
	                 "papers that answered the question (the last row); the total column "
	                 "holds every valid paper that answered it."));
	yz_report_col(r, x->q->label, YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	for (size_t k = 0; k < x->n_cols; k++) {
		char *pc = yz_strdup_printf("%s %%", x->col_labels[k]);
		yz_report_col(r, x->col_labels[k], YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
		yz_report_col(r, pc ? pc : "%", YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
		free(pc);
	}
	size_t nc = 1 + 2 * x->n_cols;
	const char **c = calloc(nc, sizeof *c);
	char(*buf)[32] = calloc(nc, sizeof *buf);
	if (!c || !buf) {
		r->oom = true;
		free(c);
		free(buf);
		return r;
	}
	for (size_t row = 0; row <= x->n_rows; row++) {
		bool base = row == x->n_rows;
		c[0] = base ? P_("Papers that answered") : x->row_labels[row];
		for (size_t k = 0; k < x->n_cols; k++) {
			whole(base ? x->col_base[k] : x->n[row * x->n_cols + k], buf[1 + 2 * k],
			      32);
			c[1 + 2 * k] = buf[1 + 2 * k];
			if (x->col_base[k] == 0) /* no papers in the column: no percentage */
				snprintf(buf[2 + 2 * k], 32, "%s", NO_PCT);
			else
				yz_hundredths_format(base ? 10000 : x->pct[row * x->n_cols + k],
				                     buf[2 + 2 * k]);
			c[2 + 2 * k] = buf[2 + 2 * k];
		}
		yz_report_row_add(r, base ? YZ_ROW_TOTAL : YZ_ROW_DATA, c);
	}
	free(c);
	free(buf);
	return r;
}

/* ---- the raw answers ------------------------------------------------------------------------ */

/* Whether entry field f goes into the raw answers: no proxy, no respondent
 * (nothing that names a person), serial and mode as their own columns. */
static bool raw_field(const yz_field_def *f)
{
	return !yz_survey_is_head_field(f->id);
}

typedef struct raw_ctx {
	yz_report *r;
	const yz_survey *sv;
	yz_eval_env env;
	const char **cells;
	char serial[24];
} raw_ctx;

static int raw_paper(long serial, yz_survey_mode mode, const yz_values *v, void *ctx)
{
	raw_ctx *x = ctx;
	if (!yz_survey_valid(x->sv, v, &x->env, NULL, NULL))
		return 0;
	yz_survey_serial_text(serial, x->serial, sizeof x->serial); /* "0001", as on the paper */
	x->cells[0] = x->serial;
	x->cells[1] = mode_word((int)mode);
	size_t c = 2;
	for (size_t i = 0; i < x->sv->entry->n_fields; i++) {
		const yz_field_def *f = &x->sv->entry->fields[i];
		if (!raw_field(f))
			continue;
		const char *val = yz_values_get(v, f->id);
		x->cells[c++] = val ? val : "";
	}
	yz_report_row_add(x->r, YZ_ROW_DATA, x->cells);
	return x->r->oom ? -1 : 0;
}

static yz_report *raw_sheet(yz_session *s, const yz_survey_tally *t, yz_err *err)
{
	const yz_survey *sv = t->sv;
	yz_report *r = new_report(s, t, P_("Raw answers of the valid papers"));
	if (!r)
		return NULL;
	snprintf(r->sheet, sizeof r->sheet, "%s", P_("Raw answers"));
	yz_report_col(r, P_("Serial"), YZ_CELL_CODE, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("How it came back"), YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	for (size_t i = 0; i < sv->entry->n_fields; i++)
		if (raw_field(&sv->entry->fields[i]))
			yz_report_col(r, sv->entry->fields[i].label, YZ_CELL_TEXT, YZ_RTOTAL_NONE,
			              0);
	raw_ctx x = {.r = r, .sv = sv};
	yz_service_eval_env(s, &x.env);
	x.cells = calloc(r->n_cols, sizeof *x.cells);
	if (!x.cells) {
		r->oom = true;
		return r;
	}
	if (yz_service_survey_each(s, sv, raw_paper, &x, err) != 0 && !r->oom) {
		free(x.cells);
		yz_report_free(r);
		return NULL;
	}
	free(x.cells);
	return r;
}

/* ---- the workbook ---------------------------------------------------------------------------- */

static int write_xlsx(yz_session *s, const yz_survey_tally *t, const char *path, yz_err *err)
{
	size_t n = 0, cap = 2 + t->n_qs + t->n_xtabs;
	yz_report **sheets = calloc(cap, sizeof *sheets);
	int rc = -1;
	yz_err e2 = {0};
	if (!sheets) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	sheets[n++] = overview(s, t);
	for (size_t i = 0; i < t->n_qs; i++)
		sheets[n++] = question_sheet(s, t, &t->qs[i]);
	for (size_t i = 0; i < t->n_xtabs; i++)
		sheets[n++] = xtab_sheet(s, t, &t->xtabs[i], i);
	sheets[n] = raw_sheet(s, t, &e2);
	if (!sheets[n] && e2.code != 0) { /* the papers could not be read */
		if (err)
			*err = e2;
		goto out;
	}
	n++;
	rc = yz_report_book_write((const yz_report *const *)sheets, n, path, err);
out:
	for (size_t i = 0; i < cap; i++)
		yz_report_free(sheets[i]);
	free(sheets);
	return rc;
}

/* ---- the CSV --------------------------------------------------------------------------------- */

/* The cross-tab of qtally q, or NULL. */
static const yz_survey_xtab *xtab_of(const yz_survey_tally *t, const yz_survey_qtally *q)
{
	for (size_t i = 0; i < t->n_xtabs; i++)
		if (t->xtabs[i].q == q->q && t->xtabs[i].item == q->item)
			return &t->xtabs[i];
	return NULL;
}

/* The CSV's rows of question q: its base (with each column's base of x),
 * its lines (with x's cells after them, from column fixed on; a column of
 * no papers has its percentages empty) or, without lines, the papers
 * that answered it and those that did not, then its mean. c and buf hold r->n_cols cells. */
static void csv_question_rows(yz_report *r, const yz_survey_qtally *q, const yz_survey_xtab *x,
                              size_t fixed, const char **c, char (*buf)[32])
{
	for (size_t k = 0; k < r->n_cols; k++)
		c[k] = "";
	c[0] = q->title;
	c[1] = P_("Base");
	whole(q->base, buf[2], 32);
	c[2] = buf[2];
	/* each column's base: its papers that answered the question */
	for (size_t k = 0; x && k < x->n_cols; k++) {
		whole(x->col_base[k], buf[fixed + 2 * k], 32);
		c[fixed + 2 * k] = buf[fixed + 2 * k];
	}
	yz_report_row_add(r, YZ_ROW_DATA, c);
	for (size_t l = 0; l < q->n_lines; l++) {
		const yz_survey_line *ln = &q->lines[l];
		for (size_t k = 1; k < r->n_cols; k++)
			c[k] = "";
		c[1] = ln->label;
		whole(ln->n, buf[2], 32);
		c[2] = buf[2];
		yz_hundredths_format(ln->pct, buf[3]);
		c[3] = buf[3];
		if (multi(q)) {
			yz_hundredths_format(ln->pct_mentions, buf[4]);
			c[4] = buf[4];
		}
		for (size_t k = 0; x && l < x->n_rows && k < x->n_cols; k++) {
			size_t col = fixed + 2 * k;
			whole(x->n[l * x->n_cols + k], buf[col], 32);
			yz_hundredths_format(x->pct[l * x->n_cols + k], buf[col + 1]);
			c[col] = buf[col];
			/* a column of no papers: no percentage (an empty cell, which
			 * a spreadsheet does not take for 0 %) */
			c[col + 1] = x->col_base[k] ? buf[col + 1] : "";
		}
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
	if (q->n_lines == 0) { /* numbers, dates, texts: answered or not, as the xlsx */
		long k[2] = {q->answered, q->base - q->answered};
		const char *words[2] = {P_("Answered"), P_("No answer")};
		for (int i = 0; i < 2; i++) {
			for (size_t j = 1; j < r->n_cols; j++)
				c[j] = "";
			c[1] = words[i];
			whole(k[i], buf[2], 32);
			c[2] = buf[2];
			if (q->base > 0) {
				yz_hundredths_format(svc_survey_pct(k[i], q->base), buf[3]);
				c[3] = buf[3];
			}
			yz_report_row_add(r, YZ_ROW_DATA, c);
		}
	}
	if (q->has_mean && q->answered > 0) {
		for (size_t k = 1; k < r->n_cols; k++)
			c[k] = "";
		c[1] = P_("Mean");
		whole(q->answered, buf[2], 32);
		c[2] = buf[2];
		yz_hundredths_format(q->mean, buf[5]);
		c[5] = buf[5];
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
}

static int write_csv(yz_session *s, const yz_survey_tally *t, bool gb18030, const char *path,
                     yz_err *err)
{
	yz_report *r = new_report(s, t, t->sv->title);
	const yz_survey_xtab *any = t->n_xtabs ? &t->xtabs[0] : NULL;
	if (!r) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	yz_report_col(r, P_("Question"), YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("Option"), YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("Number of papers"), YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("% of base"), YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("% of mentions"), YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, P_("Mean"), YZ_CELL_NUMBER, YZ_RTOTAL_NONE, 0);
	size_t fixed = r->n_cols;
	for (size_t k = 0; any && k < any->n_cols; k++) {
		char *pc = yz_strdup_printf("%s %%", any->col_labels[k]);
		yz_report_col(r, any->col_labels[k], YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
		yz_report_col(r, pc ? pc : "%", YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
		free(pc);
	}
	const char **c = calloc(r->n_cols, sizeof *c);
	char(*buf)[32] = calloc(r->n_cols, sizeof *buf);
	if (!c || !buf)
		r->oom = true;
	for (size_t i = 0; i < t->n_qs && c && buf; i++)
		csv_question_rows(r, &t->qs[i], xtab_of(t, &t->qs[i]), fixed, c, buf);
	free(c);
	free(buf);
	int rc = yz_report_write(r, gb18030 ? YZ_REPORT_CSV_GB18030 : YZ_REPORT_CSV_UTF8, &s->print,
	                         path, err);
	yz_report_free(r);
	return rc;
}

/* ---- the paper ----------------------------------------------------------------------------------
 */

/* A question's lines on the document: a table of counts and percentages,
 * then a bar per line. */
static void doc_lines(yz_doc *d, const yz_survey_qtally *q)
{
	bool m = multi(q);
	const char *head[4] = {P_("Option"), P_("Number of papers"),
	                       m ? P_("% of respondents") : P_("% of base"), P_("% of mentions")};
	int weight[4] = {40, 10, 14, 14};
	char n[32], p[32], pm[32];
	const char *c[4];
	yz_doc_table(d, m ? 4 : 3, head, weight, m ? "lrrr" : "lrr");
	for (size_t i = 0; i < q->n_lines; i++) {
		const yz_survey_line *l = &q->lines[i];
		whole(l->n, n, sizeof n);
		yz_hundredths_format(l->pct, p);
		strcat(p, "%");
		yz_hundredths_format(l->pct_mentions, pm);
		strcat(pm, "%");
		c[0] = l->label;
		c[1] = n;
		c[2] = p;
		c[3] = pm;
		yz_doc_table_row(d, c);
	}
	/* the bars: each line's share of the base (a multi's: of its respondents) */
	for (size_t i = 0; i < q->n_lines; i++) {
		const yz_survey_line *l = &q->lines[i];
		char v[48];
		count_pct(l->n, l->pct, v, sizeof v);
		yz_doc_bar(d, l->label, (int)((l->pct + 5) / 10), v);
	}
}

/* The heading of a question's written answers: an "other" option's, or a
 * text question's. */
static char *texts_heading(const yz_survey_qtally *q)
{
	if (q->q->other && q->q->kind != YZ_Q_TEXT && q->q->kind != YZ_Q_LONG)
		/* TRANSLATORS: above the texts written beside an "other, please
		 * state" option (%s: the option's text) */
		return yz_strdup_printf(P_("Written in beside \"%s\":"), q->q->other);
	return yz_strdup_printf("%s", P_("The answers as given"));
}

static void doc_question(yz_doc *d, const yz_survey_qtally *q)
{
	size_t from = d->n_blocks;
	yz_doc_text(d, q->title, YZ_STYLE_BOLD);
	char *line = base_line(q);
	if (!line)
		d->oom = true;
	yz_doc_small(d, line ? line : "", 0);
	free(line);
	if (q->n_lines > 0)
		doc_lines(d, q);
	/* the title, its table and its chart on one page (a question of many
	 * options taller than a page flows on) */
	yz_doc_keep_together(d, from);
	if (q->n_texts > 0) {
		char *h = texts_heading(q);
		if (!h)
			d->oom = true;
		yz_doc_small(d, h ? h : "", YZ_STYLE_BOLD);
		free(h);
		for (size_t i = 0; i < q->n_texts; i++) {
			char *t = yz_strdup_printf("\xc2\xb7 %s", q->texts[i]);
			yz_doc_small(d, t ? t : "", YZ_STYLE_INDENT);
			free(t);
		}
	}
	yz_doc_space(d, 1);
}

static void doc_xtab(yz_doc *d, const yz_survey_xtab *x)
{
	size_t nc = 1 + x->n_cols;
	const char **head = calloc(nc, sizeof *head);
	const char **c = calloc(nc, sizeof *c);
	int *weight = calloc(nc, sizeof *weight);
	char *align = calloc(nc + 1, 1);
	char(*buf)[48] = calloc(nc, sizeof *buf);
	if (!head || !c || !weight || !align || !buf) {
		d->oom = true;
		goto out;
	}
	size_t from = d->n_blocks;
	yz_doc_text(d, x->title, YZ_STYLE_BOLD);
	head[0] = x->q->label;
	weight[0] = 24;
	align[0] = 'l';
	for (size_t k = 0; k < x->n_cols; k++) {
		head[1 + k] = x->col_labels[k];
		weight[1 + k] = 12;
		align[1 + k] = 'r';
	}
	yz_doc_table(d, nc, head, weight, align);
	for (size_t row = 0; row <= x->n_rows; row++) {
		bool base = row == x->n_rows;
		c[0] = base ? P_("Papers that answered") : x->row_labels[row];
		for (size_t k = 0; k < x->n_cols; k++) {
			if (base || x->col_base[k] == 0)
				whole(base ? x->col_base[k] : 0, buf[1 + k], sizeof buf[0]);
			else
				count_pct(x->n[row * x->n_cols + k], x->pct[row * x->n_cols + k],
				          buf[1 + k], sizeof buf[0]);
			c[1 + k] = buf[1 + k];
		}
		yz_doc_table_row(d, c);
	}
	yz_doc_keep_together(d, from);
	yz_doc_space(d, 1);
out:
	free(head);
	free(c);
	free(weight);
	free(align);
	free(buf);
}

/* The report's head: its title, the station and the day, the survey's
 * purpose, period, target and planned sample. */
static void doc_head(yz_session *s, yz_doc *d, const yz_survey_tally *t)
{
	const yz_survey *sv = t->sv;
	char period[64], day[11];
	char *title = yz_strdup_printf(P_("%s: report"), sv->title);
	yz_doc_text(d, title ? title : sv->title,
	            YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	free(title);
	yz_date_format(t->made_on, day);
	char *line =
	    yz_strdup_printf(P_("Station: %1$s    Made on: %2$s"), s->cfg->station_name, day);
	yz_doc_text(d, line ? line : "", YZ_STYLE_CENTER);
	free(line);
	period_text(sv, period, sizeof period);
	yz_doc_kv(d, P_("Purpose"), sv->purpose ? sv->purpose : "");
	yz_doc_kv(d, P_("Period"), period);
	yz_doc_kv(d, P_("Target"), sv->target ? sv->target : "");
	if (sv->sample > 0) {
		char n[32];
		whole(sv->sample, n, sizeof n);
		yz_doc_kv(d, P_("Planned sample"), n);
	}
}

/* The papers: the overview sheet's table, then the definitions. */
static void doc_papers(yz_session *s, yz_doc *d, const yz_survey_tally *t)
{
	yz_doc_text(d, P_("The papers"), YZ_STYLE_BOLD);
	yz_report *r = overview(s, t);
	if (!r || r->oom) {
		d->oom = true;
	} else {
		const char *head[4] = {r->cols[0].label, r->cols[1].label, r->cols[2].label,
		                       r->cols[3].label};
		int weight[4] = {24, 8, 10, 30};
		yz_doc_table(d, 4, head, weight, "lrrl");
		for (size_t i = 0; i < r->n_rows; i++) {
			char pct[40];
			const char *c[4] = {r->rows[i].cells[0], r->rows[i].cells[1],
			                    shown_pct(r->rows[i].cells[2], pct, sizeof pct),
			                    r->rows[i].cells[3]};
			yz_doc_table_row(d, c);
		}
	}
	yz_report_free(r);
	if (t->papers.issued == 0)
		yz_doc_small(d,
		             P_("The papers issued were not recorded: the return rate cannot be "
		                "given."),
		             0);
	yz_doc_small(d, definitions(), 0);
	yz_doc_space(d, 1);
}

static yz_doc *survey_doc(yz_session *s, const yz_survey_tally *t)
{
	yz_doc *d = yz_doc_new(t->sv->title);
	if (!d)
		return NULL;
	doc_head(s, d, t);
	doc_papers(s, d, t);
	yz_doc_text(d, P_("The questions"), YZ_STYLE_BOLD);
	for (size_t i = 0; i < t->n_qs; i++)
		doc_question(d, &t->qs[i]);
	if (t->n_xtabs > 0) {
		yz_doc_text(d, P_("Cross-tabulations"), YZ_STYLE_BOLD);
		yz_doc_small(
		    d,
		    P_("Each cell: papers (the column's percentage). A column's percentages "
		       "are of its papers that answered the question (the last row); the "
		       "total column holds every valid paper that answered it."),
		    0);
		for (size_t i = 0; i < t->n_xtabs; i++)
			doc_xtab(d, &t->xtabs[i]);
	}
	yz_doc_space(d, 1);
	yz_doc_signature(d, P_("Made by"), P_("Reviewed by"));
	yz_doc_page_numbers(d);
	struct tm tm = {.tm_year = t->made_on.year - 1900,
	                .tm_mon = t->made_on.month - 1,
	                .tm_mday = t->made_on.day};
	yz_doc_set_created(d, timegm(&tm)); /* the same tally, the same bytes */
	if (d->oom) {
		yz_doc_free(d);
		return NULL;
	}
	return d;
}

/* ---- the service ---------------------------------------------------------------------------- */

int yz_service_survey_report(yz_session *s, const yz_survey_tally *t, yz_report_format f,
                             const char *path, yz_err *err)
{
	char detail[1024];
	int rc;

	if (svc_survey_require_head(s, t->sv, "report", err) < 0 ||
	    rpt_write_check(true, path, err) != 0)
		return -1;
	yz_paper_lang_set(s->cfg->document_language);
	switch (f) {
	case YZ_REPORT_XLSX:
		rc = write_xlsx(s, t, path, err);
		break;
	case YZ_REPORT_CSV_GB18030:
	case YZ_REPORT_CSV_UTF8:
		rc = write_csv(s, t, f == YZ_REPORT_CSV_GB18030, path, err);
		break;
	case YZ_REPORT_PDF:
		rc = rpt_write_doc_pdf(survey_doc(s, t), &s->print, path, err);
		break;
	default:
		yz_err_setc(err, YZ_ERR_INVALID, "%s", _("Unknown file format."));
		return -1;
	}
	if (rc != 0)
		return -1;
	/* who wrote which survey's figures where; never an answer */
	snprintf(detail, sizeof detail, "survey %s by %s -> %s", t->sv->id,
	         t->n_xtabs ? t->xtabs[0].by->id : "-", path);
	yz_audit_append(s->store, s->user.login[0] ? s->user.login : "-", "survey_report", detail,
	                NULL);
	return 0;
}

void yz_service_survey_file_name(yz_session *s, const yz_survey_tally *t, yz_report_format f,
                                 char *buf, size_t n)
{
	char day[11];
	yz_date_format(t->made_on, day);
	char *code = yz_strdup_printf("survey-%s", t->sv->id);
	yz_report *r =
	    code ? yz_report_new(t->sv->title, s->cfg->station_name, code, "", day) : NULL;
	if (r)
		yz_report_file_name(r, f, buf, n);
	else if (n > 0)
		snprintf(buf, n, "survey.%s", yz_report_format_ext(f));
	yz_report_free(r);
	free(code);
}
