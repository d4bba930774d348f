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

/* Most papers in one document: a print run of a whole sample (300) with room
 * to spare; more is a mistake in --count rather than a plan. */
#define PAPER_MAX 2000L
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

typedef enum { T_END, T_WORD, T_STR, T_NUM, T_OP } tok_kind;

typedef struct tok {
	tok_kind kind;
	char text[256];
} tok;

/* The tokens of a condition's source (form expressions: words, "strings",
 * numbers, operators); at most max. */
static size_t tokenize(const char *s, tok *out, size_t max)
{
	size_t n = 0;
	while (*s && n + 1 < max) {
		tok *t = &out[n];
		size_t len = 0;
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			s++;
			continue;
		}
		if (*s == '"') {
			t->kind = T_STR;
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				if (len + 1 < sizeof t->text)
					t->text[len++] = *s;
			}
			if (*s == '"')
				s++;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_') {
			t->kind = T_WORD;
			while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
			       (*s >= '0' && *s <= '9'))
				if (len + 1 < sizeof t->text)
					t->text[len++] = *s++;
				else
					s++;
		} else if ((*s >= '0' && *s <= '9') || *s == '-' || *s == '.') {
			t->kind = T_NUM;
			do
				t->text[len++] = *s++;
			while (((*s >= '0' && *s <= '9') || *s == '.') && len + 1 < sizeof t->text);
		} else {
			t->kind = T_OP;
			t->text[len++] = *s++;
			if ((t->text[0] == '!' || t->text[0] == '<' || t->text[0] == '>' ||
			     t->text[0] == '=') &&
			    *s == '=')
				t->text[len++] = *s++;
		}
		t->text[len] = '\0';
		n++;
	}
	out[n].kind = T_END;
	out[n].text[0] = '\0';
	return n;
}

/* How the paper names the field a condition tests: "question 3", a grid's
 * "question 5 (greenery)"; a field of no question as it is written. */
static void subject(const yz_survey *sv, const char *field, char *buf, size_t n)
{
	int item = -1;
	const yz_question *q = yz_survey_question_of(sv, field, &item);
	if (!q) {
		snprintf(buf, n, "%s", field);
		return;
	}
	int num = (int)(q - sv->questions) + 1;
	if (item >= 0 && (size_t)item < q->n_items)
		/* TRANSLATORS: a grid question's item named in a skip instruction:
		   "question 5 (greenery)" */
		snprintf(buf, n, P_("question %1$d (%2$s)"), num, q->items[item]);
	else
		/* TRANSLATORS: a question named in a skip instruction on the paper */
		snprintf(buf, n, P_("question %d"), num);
}

static bool is_word(const tok *t, const char *w)
{
	return t->kind == T_WORD && strcmp(t->text, w) == 0;
}

static bool is_op(const tok *t, const char *op)
{
	return t->kind == T_OP && strcmp(t->text, op) == 0;
}

/* A comparison's operator as a reader of the paper writes it. */
static const char *op_words(const char *op)
{
	if (!strcmp(op, ">="))
		return "\xe2\x89\xa5"; /* U+2265 */
	if (!strcmp(op, "<="))
		return "\xe2\x89\xa4"; /* U+2264 */
	if (!strcmp(op, "!="))
		return "\xe2\x89\xa0"; /* U+2260 */
	return op;
}

/* The condition of visible_if in words ("question 10 is "dissatisfied" or
 * "very dissatisfied""), appended to b. Question ids become their numbers;
 * `x = "a" or x = "b"` reads as one choice of two; what the words do not
 * cover is left as written. */
static void condition_words(const yz_survey *sv, const char *src, sbuf *b)
{
	tok t[128];
	size_t n = tokenize(src, t, sizeof t / sizeof t[0]);
	char subj[256], last[256] = "", piece[768];
	for (size_t i = 0; i < n; i++) {
		piece[0] = '\0';
		if (is_word(&t[i], "or") && t[i + 1].kind == T_WORD && is_op(&t[i + 2], "=") &&
		    t[i + 3].kind == T_STR) {
			subject(sv, t[i + 1].text, subj, sizeof subj);
			if (last[0] && strcmp(subj, last) == 0) {
				/* TRANSLATORS: a second choice of the same question in a
				   skip instruction: ... is "A" or "B" */
				snprintf(piece, sizeof piece, P_(" or \"%s\""), t[i + 3].text);
				sb_str(b, piece);
				i += 3;
				continue;
			}
		}
		if (is_word(&t[i], "or")) {
			sb_str(b, P_(" or "));
			last[0] = '\0';
		} else if (is_word(&t[i], "and")) {
			sb_str(b, P_(" and "));
			last[0] = '\0';
		} else if (is_word(&t[i], "not") && is_word(&t[i + 1], "empty") &&
		           is_op(&t[i + 2], "(") && t[i + 3].kind == T_WORD &&
		           is_op(&t[i + 4], ")")) {
			subject(sv, t[i + 3].text, subj, sizeof subj);
			snprintf(piece, sizeof piece, P_("%s is answered"), subj);
			i += 4;
		} else if (is_word(&t[i], "empty") && is_op(&t[i + 1], "(") &&
		           t[i + 2].kind == T_WORD && is_op(&t[i + 3], ")")) {
			subject(sv, t[i + 2].text, subj, sizeof subj);
			snprintf(piece, sizeof piece, P_("%s is not answered"), subj);
			i += 3;
		} else if (is_word(&t[i], "has") && is_op(&t[i + 1], "(") &&
		           t[i + 2].kind == T_WORD && is_op(&t[i + 3], ",") &&
		           t[i + 4].kind == T_STR && is_op(&t[i + 5], ")")) {
			subject(sv, t[i + 2].text, subj, sizeof subj);
			/* TRANSLATORS: a multiple-choice question's option ticked, in a
			   skip instruction */
			snprintf(piece, sizeof piece, P_("%1$s includes \"%2$s\""), subj,
			         t[i + 4].text);
			i += 5;
		} else if (is_word(&t[i], "not")) {
			sb_str(b, P_("not "));
		} else if (t[i].kind == T_WORD && t[i + 1].kind == T_OP &&
		           (is_op(&t[i + 1], "=") || is_op(&t[i + 1], "!=")) &&
		           t[i + 2].kind == T_STR) {
			subject(sv, t[i].text, subj, sizeof subj);
			if (is_op(&t[i + 1], "=")) {
				/* TRANSLATORS: an option chosen, in a skip instruction:
				   question 10 is "dissatisfied" */
				snprintf(piece, sizeof piece, P_("%1$s is \"%2$s\""), subj,
				         t[i + 2].text);
				snprintf(last, sizeof last, "%s", subj);
			} else {
				snprintf(piece, sizeof piece, P_("%1$s is not \"%2$s\""), subj,
				         t[i + 2].text);
			}
			i += 2;
		} else if (t[i].kind == T_WORD && yz_survey_question_of(sv, t[i].text, NULL)) {
			subject(sv, t[i].text, subj, sizeof subj);
			sb_str(b, subj);
		} else if (t[i].kind == T_OP) {
			sb_str(b, op_words(t[i].text));
		} else if (t[i].kind == T_STR) {
			snprintf(piece, sizeof piece, "\"%s\"", t[i].text);
		} else {
			sb_str(b, t[i].text);
		}
		sb_str(b, piece);
		if (t[i].kind == T_OP && t[i + 1].kind != T_END && !is_op(&t[i], "(") &&
		    !is_op(&t[i + 1], ")"))
			sb_str(b, " ");
	}
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

static void question(yz_doc *d, const yz_survey *sv, size_t i)
{
	const yz_question *q = &sv->questions[i];
	sbuf b = {0};
	char num[48];
	snprintf(num, sizeof num, "%zu. ", i + 1);
	sb_str(&b, num);
	sb_str(&b, q->label);
	char note[128];
	note[0] = '\0';
	if (q->kind == YZ_Q_MULTI && q->max_choices > 0)
		snprintf(note, sizeof note, P_("(multiple choice: up to %d)"), q->max_choices);
	else if (q->kind == YZ_Q_MULTI)
		snprintf(note, sizeof note, "%s", P_("(multiple choice)"));
	else if (q->kind == YZ_Q_GRID)
		snprintf(note, sizeof note, "%s", P_("(one box in each row)"));
	sb_str(&b, note);
	if (q->visible_if && yz_expr_source(q->visible_if)) {
		sbuf words = {0};
		condition_words(sv, yz_expr_source(q->visible_if), &words);
		size_t wl;
		char *w = sb_take(&words, &wl);
		char *skip = w ? yz_strdup_printf(P_("(Answer only if %s.)"), w) : NULL;
		if (skip)
			sb_str(&b, skip);
		else
			b.oom = true;
		free(skip);
		free(w);
	}
	size_t len;
	char *line = sb_take(&b, &len);
	if (!line) {
		d->oom = true;
		return;
	}
	size_t from = d->n_blocks; /* a question stays on one page when it fits one */
	yz_doc_text(d, line, YZ_STYLE_BOLD);
	free(line);
	if (q->help && *q->help)
		yz_doc_small(d, q->help, 0);
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
		break;
	}
	if (text)
		yz_doc_text(d, text, 0);
	free(text);
	/* the space after it ends the run: measured whole, not chained on */
	yz_doc_space(d, 1);
	yz_doc_keep_together(d, from);
}

/* ---- one paper ------------------------------------------------------------------------ */

static void paper(yz_doc *d, const yz_survey *sv, long serial)
{
	char number[32], *head;
	if (serial > 0)
		snprintf(number, sizeof number, "%04ld", serial);
	else
		snprintf(number, sizeof number, "__________");
	/* TRANSLATORS: at the top right of every page of a questionnaire */
	head = yz_strdup_printf(P_("Questionnaire no.: %s"), number);
	yz_doc_page_head(d, head ? head : number);
	free(head);

	yz_doc_text(d, sv->title, YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	if (sv->intro && *sv->intro) {
		/* a letter: its greeting as it is, its paragraphs indented */
		const char *p = sv->intro;
		bool first = true;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			char *para = n ? strndup(p, n) : NULL;
			if (n && !para)
				d->oom = true;
			if (para) {
				/* a greeting ends in a colon (U+FF1A on a Chinese paper) */
				bool greeting =
				    first && n >= 3 && !strcmp(para + n - 3, "\xef\xbc\x9a");
				greeting = greeting || (first && para[n - 1] == ':');
				yz_doc_text(d, para, greeting ? 0 : YZ_STYLE_INDENT);
				first = false;
			}
			free(para);
			p += n + (nl ? 1 : 0);
		}
	} else if (sv->purpose && *sv->purpose) {
		yz_doc_text(d, sv->purpose, YZ_STYLE_INDENT);
	}
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
		question(d, sv, i);
	}

	/* who filled it in: the mode field's first two options, in its order */
	size_t from = d->n_blocks;
	yz_doc_rule(d);
	char *how = yz_strdup_printf("%s\xe2\x96\xa1"
	                             "1 %s\xe3\x80\x80\xe2\x96\xa1"
	                             "2 %s",
	                             P_("How this paper was filled in: "), P_("by the resident"),
	                             P_("by a worker for the resident"));
	yz_doc_text(d, how ? how : "", 0);
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

yz_doc *yz_service_survey_paper(yz_session *s, const yz_survey *sv, long first, long count,
                                yz_err *err)
{
	if (!sv) {
		yz_err_setc(err, YZ_ERR_INVALID, _("No such survey."));
		return NULL;
	}
	if (count < 0 || count > PAPER_MAX) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Print from 1 to %ld papers at a time, not %ld."), PAPER_MAX, count);
		return NULL;
	}
	if (count > 0 && (first < 1 || first > YZ_SURVEY_SERIAL_MAX ||
	                  count > YZ_SURVEY_SERIAL_MAX - first + 1)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Papers are numbered from 1 to %ld: %ld papers from %ld do not fit."),
		            YZ_SURVEY_SERIAL_MAX, count, first);
		return NULL;
	}
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
