/* The questionnaire on paper (issue 18): what a community worker carries door
 * to door. Every paper starts on a new page with its serial number at the
 * head of each of its pages (the clerk keys the serial first, and a page
 * separated from its paper still says which paper it belongs to); every
 * option has a numbered box, because the number is what the clerk types; the
 * skip logic is written out in words from the survey file's conditions; and
 * a worker who fills a paper in for an elderly resident (dai tian) signs for
 * it. Everything printed is in the station's document language (P_). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* Display columns of an A4 line in the body type (14 pt on 442 pt): 63; a
 * little less, so that a line of options never wraps inside an option. */
#define PAPER_COLS 58

/* ---- a growing string ------------------------------------------------------------- */

typedef struct sbuf {
	char *p;
	size_t n, cap;
	bool oom; /* an allocation failed: sb_take gives NULL */
} sbuf;

static void sb_str(sbuf *b, const char *s)
{
	size_t len = strlen(s);
	if (b->oom)
		return;
	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		while (cap < b->n + len + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, len + 1);
	b->n += len;
}

static void sb_byte(sbuf *b, char c)
{
	char s[2] = {c, '\0'};
	sb_str(b, s);
}

/* The string (malloc'd; "" when nothing was added), or NULL when memory ran
 * out; b is empty afterwards. */
static char *sb_take(sbuf *b, size_t *len)
{
	char *p = b->oom ? NULL : b->p ? b->p : strdup("");
	if (b->oom)
		free(b->p);
	*len = p ? strlen(p) : 0;
	*b = (sbuf){0};
	return p;
}

/* ---- the skip logic in words ---------------------------------------------------- */

/* How the paper names the field a condition tests: "question 3", a grid's
 * "question 5 (greenery)"; a field of no question as it is written. */
static void subject(const char *field, void *ctx, char *buf, size_t n)
{
	const yz_survey *sv = ctx;
	int item = -1;
	const yz_question *q = yz_survey_question_of(sv, field, &item);
	if (!q) {
		snprintf(buf, n, "%s", field);
		return;
	}
	int num = (int)yz_survey_question_no(sv, q);
	if (item >= 0 && (size_t)item < q->n_items)
		/* TRANSLATORS: a grid question's item named in a skip instruction:
		   "question 5 (greenery)" */
		snprintf(buf, n, P_("question %1$d (%2$s)"), num, q->items[item]);
	else
		/* TRANSLATORS: a question named in a skip instruction on the paper */
		snprintf(buf, n, P_("question %d"), num);
}

/* q's skip instruction, "(Answer only if question 10 is "dissatisfied" or
 * "very dissatisfied".)": the form's own reading of the condition
 * (yz_expr_describe) in the paper's words. NULL when memory runs out. */
static char *skip_words(const yz_survey *sv, const yz_question *q)
{
	const yz_expr_words w = {
	    .field = subject,
	    .ctx = (void *)sv,
	    /* TRANSLATORS: an option chosen, in a skip instruction:
	       question 10 is "dissatisfied" */
	    .is = P_("%1$s is \"%2$s\""),
	    .is_not = P_("%1$s is not \"%2$s\""),
	    /* TRANSLATORS: a second choice of the same question in a
	       skip instruction: ... is "A" or "B" */
	    .or_option = P_(" or \"%s\""),
	    /* TRANSLATORS: a multiple-choice question's option ticked, in a
	       skip instruction */
	    .includes = P_("%1$s includes \"%2$s\""),
	    .answered = P_("%s is answered"),
	    .not_answered = P_("%s is not answered"),
	    .or_word = P_(" or "),
	    .and_word = P_(" and "),
	    .not_word = P_("not "),
	};
	char *words = yz_expr_describe(q->visible_if, &w);
	char *skip = words ? yz_strdup_printf(P_("(Answer only if %s.)"), words) : NULL;
	free(words);
	return skip;
}

/* ---- the questions ---------------------------------------------------------------- */

/* Display columns of s as printed (the box is a full-width square). */
static int cols_of(const char *s)
{
	return yz_text_width(s);
}

/* Pad b with blanks from column at to column to: ideographic spaces, a
 * plain one for an odd column. */
static void pad_to(sbuf *b, int at, int to)
{
	for (; at + 2 <= to; at += 2)
		sb_str(b, "\xe3\x80\x80"); /* U+3000 */
	if (at < to)
		sb_byte(b, ' ');
}

/* The options with their numbered boxes, "\u25a11 option", in columns of
 * equal width (a quarter, a third or half of the line, as the widest of them
 * needs) so that they line up under each other; an option wider than half
 * the line has a line of its own; the "other" option gets a line to write
 * on. An option never breaks across lines. */
static void options(yz_doc *d, const yz_question *q)
{
	size_t n = q->n_options;
	char **cell = calloc(n ? n : 1, sizeof *cell);
	int *w = calloc(n ? n : 1, sizeof *w);
	if (!cell || !w) {
		free(cell);
		free(w);
		d->oom = true;
		return;
	}
	int colw = PAPER_COLS / 4;
	for (size_t i = 0; i < n; i++) {
		bool other = q->other && i + 1 == n;
		cell[i] = yz_strdup_printf("\xe2\x96\xa1%zu %s%s", i + 1, q->options[i],
		                           other ? "__________" : "");
		if (!cell[i]) {
			d->oom = true;
			goto out;
		}
		w[i] = cols_of(cell[i]) + 1; /* the box is two columns wide */
		for (int k = 4; k >= 2; k--) {
			int c = PAPER_COLS / k;
			if (w[i] + 2 <= c) {
				colw = c > colw ? c : colw;
				break;
			}
		}
	}
	sbuf b = {0};
	int used = 0; /* columns of the current line taken */
	for (size_t i = 0; i < n; i++) {
		int span = w[i] + 2 <= colw ? colw : PAPER_COLS;
		if (used > 0 && used + span > PAPER_COLS) {
			sb_byte(&b, '\n');
			used = 0;
		}
		sb_str(&b, cell[i]);
		if (used + span < PAPER_COLS && i + 1 < n)
			pad_to(&b, w[i], span);
		used += span;
	}
	size_t len;
	char *text = sb_take(&b, &len);
	if (text)
		yz_doc_text(d, text, 0);
	else
		d->oom = true;
	free(text);
out:
	for (size_t i = 0; i < n; i++)
		free(cell[i]);
	free(cell);
	free(w);
}

/* A grid: items down, the scale's points across, a box in every cell. */
static void grid(yz_doc *d, const yz_question *q)
{
	size_t nc = q->n_options + 1;
	const char **head = calloc(nc, sizeof *head);
	const char **row = calloc(nc, sizeof *row);
	int *weight = calloc(nc, sizeof *weight);
	char *align = calloc(nc + 1, 1);
	char(*box)[16] = calloc(nc, sizeof *box);
	if (!head || !row || !weight || !align || !box) {
		d->oom = true;
		goto out;
	}
	head[0] = P_("Item rated");
	weight[0] = 4;
	align[0] = 'l';
	for (size_t k = 0; k < q->n_options; k++) {
		head[k + 1] = q->options[k];
		weight[k + 1] = 2;
		align[k + 1] = 'c';
		snprintf(box[k + 1], sizeof box[0], "\xe2\x96\xa1%zu", k + 1);
		row[k + 1] = box[k + 1];
	}
	yz_doc_table(d, nc, head, weight, align);
	for (size_t i = 0; i < q->n_items; i++) {
		row[0] = q->items[i];
		yz_doc_table_row(d, row);
	}
out:
	free(head);
	free(row);
	free(weight);
	free(align);
	free(box);
}

/* Room to write a long answer: three ruled lines. */
static void ruled_lines(yz_doc *d, int n)
{
	for (int i = 0; i < n; i++) {
		yz_doc_space(d, 1);
		yz_doc_rule(d);
	}
}

/* The question's heading: "3. label", what kind of answer it wants and its
 * skip instruction. NULL when memory runs out. */
static char *question_line(const yz_survey *sv, const yz_question *q)
{
	sbuf b = {0};
	char num[48], note[128] = "";
	size_t len;

	snprintf(num, sizeof num, "%zu. ", yz_survey_question_no(sv, q));
	sb_str(&b, num);
	sb_str(&b, q->label);
	if (q->kind == YZ_Q_MULTI && q->max_choices > 0)
		snprintf(note, sizeof note, P_("(multiple choice: up to %d)"), q->max_choices);
	else if (q->kind == YZ_Q_MULTI)
		snprintf(note, sizeof note, "%s", P_("(multiple choice)"));
	else if (q->kind == YZ_Q_GRID)
		snprintf(note, sizeof note, "%s", P_("(one box in each row)"));
	sb_str(&b, note);
	if (q->visible_if) {
		char *skip = skip_words(sv, q);
		if (skip)
			sb_str(&b, skip);
		else
			b.oom = true;
		free(skip);
	}
	return sb_take(&b, &len);
}

/* Where the answer goes: boxes, a grid, a line or ruled lines. */
static void answer_space(yz_doc *d, const yz_question *q)
{
	char *text = NULL;

	switch (q->kind) {
	case YZ_Q_SINGLE:
	case YZ_Q_MULTI:
	case YZ_Q_SCALE:
		options(d, q);
		break;
	case YZ_Q_GRID:
		grid(d, q);
		break;
	case YZ_Q_NUMBER:
		if (q->has_min && q->has_max)
			text = yz_strdup_printf(
			    P_("Answer: __________ (a number from %1$lld to %2$lld)"),
			    (long long)q->min, (long long)q->max);
		else
			text = yz_strdup_printf("%s", P_("Answer: __________ (a number)"));
		break;
	case YZ_Q_DATE:
		text = yz_strdup_printf("%s", P_("Answer: ________ year ____ month ____ day"));
		break;
	case YZ_Q_TEXT:
		text = yz_strdup_printf("%s", P_("Answer: ______________________________"));
		break;
	case YZ_Q_LONG:
		ruled_lines(d, 3);
		return;
	}
	if (text)
		yz_doc_text(d, text, 0);
	else if (q->kind != YZ_Q_SINGLE && q->kind != YZ_Q_MULTI && q->kind != YZ_Q_SCALE &&
	         q->kind != YZ_Q_GRID)
		d->oom = true;
	free(text);
}

static void question(yz_doc *d, const yz_survey *sv, const yz_question *q)
{
	char *line = question_line(sv, q);
	if (!line) {
		d->oom = true;
		return;
	}
	size_t from = d->n_blocks; /* a question stays on one page when it fits one */
	yz_doc_text(d, line, YZ_STYLE_BOLD);
	free(line);
	if (q->help && *q->help)
		yz_doc_small(d, q->help, 0);
	answer_space(d, q);
	/* the space after it ends the run: measured whole, not chained on */
	yz_doc_space(d, 1);
	yz_doc_keep_together(d, from);
}

/* ---- one paper ------------------------------------------------------------------------ */

/* The page head every page of the paper carries (its serial) and the
 * title. */
static void paper_head(yz_doc *d, const yz_survey *sv, long serial)
{
	char number[32], *head;
	if (serial > 0)
		yz_survey_serial_text(serial, number, sizeof number);
	else
		snprintf(number, sizeof number, "__________");
	/* TRANSLATORS: at the top right of every page of a questionnaire */
	head = yz_strdup_printf(P_("Questionnaire no.: %s"), number);
	yz_doc_page_head(d, head ? head : number);
	free(head);
	yz_doc_text(d, sv->title, YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
}

/* The intro, a letter: its greeting as it is, its paragraphs indented. */
static void intro(yz_doc *d, const char *p)
{
	bool first = true;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *para = n ? strndup(p, n) : NULL;
		if (n && !para)
			d->oom = true;
		if (para) {
			/* a greeting ends in a colon (U+FF1A on a Chinese paper) */
			bool greeting = first && n >= 3 && !strcmp(para + n - 3, "\xef\xbc\x9a");
			greeting = greeting || (first && para[n - 1] == ':');
			yz_doc_text(d, para, greeting ? 0 : YZ_STYLE_INDENT);
			first = false;
		}
		free(para);
		p += n + (nl ? 1 : 0);
	}
}

/* How the paper came back, boxed with the numbers of the entry form's mode
 * options (the digit the clerk types; yz_survey_mode's order) in the entry
 * form's words; "at the counter" is no paper's. Then the signatures. */
static void paper_foot(yz_doc *d)
{
	static const yz_survey_mode on_paper[] = {YZ_SURVEY_SELF, YZ_SURVEY_PROXY};
	size_t from = d->n_blocks, len;
	sbuf b = {0};
	char box[32];

	yz_doc_rule(d);
	sb_str(&b, P_("How this paper was filled in: "));
	for (size_t i = 0; i < sizeof on_paper / sizeof *on_paper; i++) {
		/* ideographic space between the boxes, then U+25A1 and the digit */
		snprintf(box, sizeof box, "%s\xe2\x96\xa1%d ", i ? "\xe3\x80\x80" : "",
		         (int)on_paper[i] + 1);
		sb_str(&b, box);
		sb_str(&b, P_(yz_survey_mode_msgid(on_paper[i])));
	}
	char *how = sb_take(&b, &len);
	yz_doc_text(d, how ? how : "", 0);
	if (!how)
		d->oom = true;
	free(how);
	yz_doc_small(d,
	             P_("A worker who filled in this paper for the resident (who could not write, "
	                "or asked for help) signs here:"),
	             0);
	yz_doc_signature(d, P_("Filled in by (signature)"), P_("Relation to respondent"));
	yz_doc_signature(d, P_("Surveyed by"), P_("Date"));
	yz_doc_keep_together(d, from);
	yz_doc_text(d, P_("Thank you for your support!"), YZ_STYLE_CENTER);
}

static void paper(yz_doc *d, const yz_survey *sv, long serial)
{
	paper_head(d, sv, serial);
	if (sv->intro && *sv->intro)
		intro(d, sv->intro);
	else if (sv->purpose && *sv->purpose)
		yz_doc_text(d, sv->purpose, YZ_STYLE_INDENT);
	yz_doc_small(d,
	             P_("How to fill in: put a tick in the box in front of your answer; unless a "
	                "question says otherwise, choose one answer only."),
	             YZ_STYLE_BOLD);
	if (!sv->anonymous)
		yz_doc_signature(d, P_("Respondent's name"), NULL);
	yz_doc_space(d, 1);

	const char *section = NULL;
	for (size_t i = 0; i < sv->n_questions; i++) {
		const yz_question *q = &sv->questions[i];
		if (q->section && (!section || strcmp(section, q->section) != 0)) {
			yz_doc_text(d, q->section, YZ_STYLE_BOLD);
			section = q->section;
		}
		question(d, sv, q);
	}
	paper_foot(d);
}

void yz_service_survey_paper_name(const yz_survey *sv, long first, long count, char *buf, size_t n)
{
	char a[32], b[32];

	if (buf == NULL || n == 0)
		return;
	if (count <= 0) {
		snprintf(buf, n, "survey-%s.pdf", sv ? sv->id : "");
		return;
	}
	yz_survey_serial_text(first, a, sizeof a);
	yz_survey_serial_text(first + count - 1, b, sizeof b);
	snprintf(buf, n, "survey-%s-%s-%s.pdf", sv ? sv->id : "", a, b);
}

yz_doc *yz_service_survey_paper(yz_session *s, const yz_survey *sv, long first, long count,
                                yz_err *err)
{
	if (!sv) {
		yz_err_setc(err, YZ_ERR_INVALID, _("No such survey."));
		return NULL;
	}
	if (count < 0 || count > YZ_SURVEY_PRINT_MAX) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Print from 1 to %ld papers at a time, not %ld."),
		            (long)YZ_SURVEY_PRINT_MAX, count);
		return NULL;
	}
	/* Recorded before the papers are made, so that no paper reaches a
	 * resident uncounted; a print that then fails is printed again with the
	 * same first and counted once (the issue skips serials already issued).
	 * The issue checks the serials' range. */
	if (count > 0 && !s) {
		yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in first."));
		return NULL;
	}
	if (count > 0 && yz_service_survey_issue(s, sv, first, count, err) < 0)
		return NULL;
	yz_doc *d = yz_doc_new(sv->title);
	if (!d) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY,
		            _("Out of memory while preparing the document."));
		return NULL;
	}
	if (count == 0)
		paper(d, sv, 0);
	for (long k = 0; k < count; k++)
		paper(d, sv, first + k);
	if (s)
		yz_doc_set_created(d, yz_clock_now(&s->clock));
	if (d->oom) {
		yz_doc_free(d);
		yz_err_setc(err, YZ_ERR_NO_MEMORY,
		            _("Out of memory while preparing the document."));
		return NULL;
	}
	return d;
}
