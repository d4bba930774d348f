/* The survey language (yizhan/form/survey.h): forms/surveys/<id>.survey → a
 * yz_survey and the form a paper is keyed into.
 *
 * The block rules are the form language's (lexer.c for lines, parse.c's
 * helpers for words and "key:" text), in the shape of ledger.c: a
 * `survey <id>` block first, then `section <title>` headings and
 * `question <id> <kind>` blocks with indented "key value" lines. What
 * depends on more than one line (a question's options against its kind, the
 * expressions, the entry form's field ids) is checked when the whole file
 * has been read, so keys may come in any order. Every error is reported as
 * "file:line:col: message"; a survey is returned only when there was none. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "expr.h"
#include "form_internal.h"
#include "lexer.h"
#include "parser.h"
#include "yizhan/form/survey.h"

/* Most keys a block kind has (the size of seen). */
#define SMAX_KEYS 16
/* Points a scale may have: 2..11 (0-10 is the widest scale in use). */
#define SCALE_MIN 2
#define SCALE_MAX 11

typedef enum sblock {
	SB_NONE,     /* before the first block, or after a block ended */
	SB_SURVEY,   /* survey <id> */
	SB_SECTION,  /* section <title> (no keys) */
	SB_QUESTION, /* question <id> <kind> */
	SB_SKIP,     /* a block whose header was wrong: its lines are skipped */
} sblock;

/* Where something was written. */
typedef struct spos {
	int line; /* 1-based */
	int col;  /* 1-based, characters */
} spos;

/* What a question's lines said that is checked when the question ends or the
 * file has been read. */
typedef struct qraw {
	spos kind_at;        /* the kind word on the header */
	spos *option_at;     /* where each option (and the other's text, last) was written */
	size_t cap_options;  /* capacity of q->options and option_at */
	size_t cap_items;    /* of q->items */
	spos other_at;       /* `other`'s value (line 0: none) */
	spos max_at;         /* `max`'s value (line 0: none) */
	spos min_at;         /* `min`'s value */
	spos scale_at;       /* `scale`'s value */
	spos demographic_at; /* `demographic`'s value */
	char *visible_if;    /* as written, NULL when none */
	spos visible_at;     /* where it starts */
	int option_line;     /* the first `option` line (0: none) */
	int max_value;       /* `max` as read (before the kind says what it means) */
	bool max_ok;         /* it was a number */
} qraw;

typedef struct sparser {
	const char *path;      /* for messages */
	yz_diags *diags;       /* where messages go */
	int errors;            /* messages added so far */
	const yzf_line *lines; /* all lines of the file */
	size_t n_lines;
	yz_survey *s;          /* being built */
	qraw *raw;             /* per question, parallel to s->questions */
	size_t cap_q;          /* capacity of s->questions and raw */
	sblock block;          /* the block being read */
	int block_line;        /* line of its header */
	int key_indent;        /* indentation of its key lines; -1 before the first */
	int seen[SMAX_KEYS];   /* line where key i of the block was given, 0 = not yet */
	bool damaged;          /* a line of the block was lost to an encoding error */
	int id_col;            /* column of the survey's id on its header */
	char *section;         /* the current section's title (owned by sections[]) */
	char **sections;       /* every section's title, in order */
	int *section_line;     /* the line of each */
	size_t *section_first; /* the index of the first question after each */
	size_t n_sections;
	size_t cap_sections;
	char *valid_if; /* the survey's valid_if as written */
	spos valid_at;  /* where it starts */
} sparser;

/* One "key value" (or "key:" + text) line handed to a key's setter. */
typedef struct sarg {
	const yzf_line *line; /* the key's line */
	const char *val;      /* the value (NUL terminated), or the text block */
	spos at;              /* where the value (or the text) starts */
} sarg;

typedef struct skey {
	const char *name;                       /* as written */
	bool text;                              /* may also be written "key:" + lines */
	bool repeat;                            /* may be given more than once */
	bool required;                          /* the block is incomplete without it */
	void (*set)(sparser *p, const sarg *a); /* store the value */
} skey;

static void serr(sparser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void serr(sparser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yzf_vdiag(p->diags, p->path, &p->errors, line, col, fmt, ap);
	va_end(ap);
}

static void oom(sparser *p, int line)
{
	serr(p, line, 0, "%s", _("out of memory"));
}

static char *dup_or_oom(sparser *p, const char *s, int line)
{
	char *d = yzf_strdup(s);

	if (d == NULL)
		oom(p, line);
	return d;
}

/* The words of a value (split at blanks) with their columns on the key line. */
static size_t value_words(const sarg *a, yzf_word *w, size_t max)
{
	yzf_line l = *a->line;
	size_t n;

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

/* A whole number from lo to hi, or an error; false then. */
static bool whole_number(sparser *p, const sarg *a, long lo, long hi, long *out)
{
	const char *s = a->val;
	long v = 0;
	bool neg = *s == '-';

	if (neg)
		s++;
	for (; *s >= '0' && *s <= '9' && v <= 1000000000L; s++)
		v = v * 10 + (*s - '0');
	if (neg)
		v = -v;
	if (*s != '\0' || s == a->val + neg || v < lo || v > hi) {
		serr(p, a->at.line, a->at.col,
		     _("bad value '%s': write a whole number from %ld to %ld"), a->val, lo, hi);
		return false;
	}
	*out = v;
	return true;
}

static bool yes_no(sparser *p, const sarg *a, bool *out)
{
	if (strcmp(a->val, "yes") == 0 || strcmp(a->val, "no") == 0) {
		*out = a->val[0] == 'y';
		return true;
	}
	serr(p, a->at.line, a->at.col, _("bad value '%s': write yes or no"), a->val);
	return false;
}

/* ---- the survey block's keys ------------------------------------------------ */

static void set_title(sparser *p, const sarg *a)
{
	p->s->title = dup_or_oom(p, a->val, a->at.line);
}

static void set_purpose(sparser *p, const sarg *a)
{
	p->s->purpose = dup_or_oom(p, a->val, a->at.line);
}

static void set_target(sparser *p, const sarg *a)
{
	p->s->target = dup_or_oom(p, a->val, a->at.line);
}

static void set_intro(sparser *p, const sarg *a)
{
	p->s->intro = dup_or_oom(p, a->val, a->at.line);
}

static void set_period(sparser *p, const sarg *a)
{
	yzf_word w[3];
	size_t n = value_words(a, w, 3);
	yz_date d[2];

	if (n != 2) {
		serr(p, a->at.line, a->at.col, "%s",
		     _("'period' takes two dates, the first and the last day: period 2026-12-01 "
		       "2026-12-31"));
		return;
	}
	for (int i = 0; i < 2; i++) {
		char buf[11] = "";
		if (w[i].len == 10)
			memcpy(buf, w[i].s, 10);
		if (w[i].len != 10 || !yz_date_parse(buf, &d[i])) {
			serr(p, a->at.line, w[i].col, _("bad date '%.*s': write YYYY-MM-DD"),
			     (int)w[i].len, w[i].s);
			return;
		}
	}
	if (yz_date_cmp(d[0], d[1]) > 0) {
		serr(p, a->at.line, w[1].col, "%s",
		     _("the period ends before it starts: write the first day first"));
		return;
	}
	p->s->from = d[0];
	p->s->to = d[1];
}

static void set_sample(sparser *p, const sarg *a)
{
	long v;

	if (whole_number(p, a, 1, 1000000, &v))
		p->s->sample = v;
}

static void set_anonymous(sparser *p, const sarg *a)
{
	yes_no(p, a, &p->s->anonymous);
}

static void set_double_entry(sparser *p, const sarg *a)
{
	yes_no(p, a, &p->s->double_entry);
}

static void set_valid_answered(sparser *p, const sarg *a)
{
	long v;

	if (whole_number(p, a, 0, 100, &v))
		p->s->valid_answered = (int)v;
}

static void set_valid_if(sparser *p, const sarg *a)
{
	p->valid_if = dup_or_oom(p, a->val, a->at.line);
	p->valid_at = a->at;
}

static const skey survey_keys[] = {
    {"title", false, false, true, set_title},
    {"purpose", true, false, true, set_purpose},
    {"period", false, false, true, set_period},
    {"target", false, false, true, set_target},
    {"sample", false, false, false, set_sample},
    {"anonymous", false, false, false, set_anonymous},
    {"double_entry", false, false, false, set_double_entry},
    {"valid_answered", false, false, false, set_valid_answered},
    {"valid_if", false, false, false, set_valid_if},
    {"intro", true, false, false, set_intro},
    {NULL, false, false, false, NULL},
};

/* ---- the question block's keys -------------------------------------------- */

static yz_question *cur_q(sparser *p)
{
	return &p->s->questions[p->s->n_questions - 1];
}

static qraw *cur_raw(sparser *p)
{
	return &p->raw[p->s->n_questions - 1];
}

static void set_label(sparser *p, const sarg *a)
{
	cur_q(p)->label = dup_or_oom(p, a->val, a->at.line);
}

static void set_help(sparser *p, const sarg *a)
{
	cur_q(p)->help = dup_or_oom(p, a->val, a->at.line);
}

/* Append an option (or a scale point) to the question; false on ENOMEM. */
static bool push_option(sparser *p, const char *s, size_t len, spos at)
{
	yz_question *q = cur_q(p);
	qraw *r = cur_raw(p);

	if (q->n_options + 1 > r->cap_options) {
		size_t cap = r->cap_options ? r->cap_options * 2 : 8;
		char **o = realloc(q->options, cap * sizeof *o);
		spos *at2 = o ? realloc(r->option_at, cap * sizeof *at2) : NULL;
		if (o)
			q->options = o;
		if (at2 == NULL) {
			oom(p, at.line);
			return false;
		}
		r->option_at = at2;
		r->cap_options = cap;
	}
	if ((q->options[q->n_options] = yzf_strndup(s, len)) == NULL) {
		oom(p, at.line);
		return false;
	}
	r->option_at[q->n_options++] = at;
	return true;
}

static void set_option(sparser *p, const sarg *a)
{
	if (cur_raw(p)->option_line == 0)
		cur_raw(p)->option_line = a->at.line;
	push_option(p, a->val, strlen(a->val), a->at);
}

static void set_other(sparser *p, const sarg *a)
{
	cur_q(p)->other = dup_or_oom(p, a->val, a->at.line);
	cur_raw(p)->other_at = a->at;
}

static void set_max(sparser *p, const sarg *a)
{
	long v;

	cur_raw(p)->max_at = a->at;
	if (whole_number(p, a, -999999999L, 999999999L, &v)) {
		cur_raw(p)->max_value = (int)v;
		cur_raw(p)->max_ok = true;
	}
}

static void set_min(sparser *p, const sarg *a)
{
	long v;

	cur_raw(p)->min_at = a->at;
	if (whole_number(p, a, -999999999L, 999999999L, &v)) {
		cur_q(p)->min = v;
		cur_q(p)->has_min = true;
	}
}

static void set_scale(sparser *p, const sarg *a)
{
	size_t n = value_words(a, NULL, 0);
	yzf_word *w = calloc(n ? n : 1, sizeof *w);

	cur_raw(p)->scale_at = a->at;
	if (w == NULL) {
		oom(p, a->at.line);
		return;
	}
	value_words(a, w, n);
	if (n < SCALE_MIN || n > SCALE_MAX)
		serr(p, a->at.line, a->at.col,
		     _("a scale has from %d to %d points, written on one line with blanks "
		       "between them, best first"),
		     SCALE_MIN, SCALE_MAX);
	else
		for (size_t i = 0; i < n; i++)
			if (!push_option(p, w[i].s, w[i].len, (spos){a->at.line, w[i].col}))
				break;
	free(w);
}

static void set_item(sparser *p, const sarg *a)
{
	yz_question *q = cur_q(p);
	qraw *r = cur_raw(p);

	if (!yzf_grow(&q->items, &r->cap_items, q->n_items, sizeof *q->items) ||
	    (q->items[q->n_items] = yzf_strdup(a->val)) == NULL) {
		oom(p, a->at.line);
		return;
	}
	q->n_items++;
}

static void set_visible_if(sparser *p, const sarg *a)
{
	cur_raw(p)->visible_if = dup_or_oom(p, a->val, a->at.line);
	cur_raw(p)->visible_at = a->at;
}

static void set_demographic(sparser *p, const sarg *a)
{
	const char *s = a->val;

	cur_raw(p)->demographic_at = a->at;
	for (; *s >= 'a' && *s <= 'z'; s++)
		;
	if (*s != '\0' || s == a->val) {
		serr(p, a->at.line, a->at.col,
		     _("bad value '%s': write a lower-case word, such as age, sex, education or "
		       "employment"),
		     a->val);
		return;
	}
	cur_q(p)->demographic = dup_or_oom(p, a->val, a->at.line);
}

static const skey question_keys[] = {
    {"label", false, false, true, set_label},
    {"help", true, false, false, set_help},
    {"option", false, true, false, set_option},
    {"other", false, false, false, set_other},
    {"max", false, false, false, set_max},
    {"min", false, false, false, set_min},
    {"scale", false, false, false, set_scale},
    {"item", false, true, false, set_item},
    {"visible_if", false, false, false, set_visible_if},
    {"demographic", false, false, false, set_demographic},
    {NULL, false, false, false, NULL},
};

static const skey *block_keys(sblock b)
{
	return b == SB_SURVEY ? survey_keys : b == SB_QUESTION ? question_keys : NULL;
}

static const char *block_word(sblock b)
{
	return b == SB_SURVEY ? "survey" : b == SB_SECTION ? "section" : "question";
}

/* ---- kinds ------------------------------------------------------------------- */

static const char *const kind_words[] = {
    [YZ_Q_SINGLE] = "single", [YZ_Q_MULTI] = "multi",   [YZ_Q_SCALE] = "scale",
    [YZ_Q_GRID] = "grid",     [YZ_Q_NUMBER] = "number", [YZ_Q_DATE] = "date",
    [YZ_Q_TEXT] = "text",     [YZ_Q_LONG] = "long",     NULL,
};

/* The kinds as the messages list them: "single, multi, ..., long". */
static void kinds_list(char *buf, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; kind_words[i] && at < n; i++)
		at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? ", " : "", kind_words[i]);
}

/* The kind word w names, or -1. */
static int kind_of(const yzf_word *w)
{
	for (int i = 0; kind_words[i]; i++)
		if (word_eq(w, kind_words[i]))
			return i;
	return -1;
}

static bool has_options(yz_question_kind k)
{
	return k == YZ_Q_SINGLE || k == YZ_Q_MULTI;
}

static bool has_scale(yz_question_kind k)
{
	return k == YZ_Q_SCALE || k == YZ_Q_GRID;
}

/* ---- blocks ------------------------------------------------------------------ */

/* A block header "<word> <id>" and need - 2 more words: the id well made;
 * missing is what to say when words are missing. False after the message. */
static bool header_id(sparser *p, const yzf_line *l, const yzf_word *w, size_t n, size_t need,
                      const char *missing)
{
	if (n < need) {
		serr(p, l->no, yzf_col(l, l->s + l->len), "%s", missing);
		return false;
	}
	if (n > need) {
		serr(p, l->no, w[need].col, _("unexpected '%.*s' after the header"),
		     (int)w[need].len, w[need].s);
		return false;
	}
	if (!yzf_id_valid(w[1].s, w[1].len)) {
		serr(p, l->no, w[1].col,
		     _("bad id '%.*s': use lower-case letters, digits and _, starting with a "
		       "letter"),
		     (int)w[1].len, w[1].s);
		return false;
	}
	return true;
}

static bool start_survey(sparser *p, const yzf_line *l, const yzf_word *w, size_t n)
{
	if (p->s->id != NULL) {
		serr(p, l->no, 1, "%s",
		     _("a file holds one survey: remove this second 'survey' block"));
		return false;
	}
	if (!header_id(p, l, w, n, 2, _("'survey' needs an id: survey <id>")))
		return false;
	p->s->id = yzf_strndup(w[1].s, w[1].len);
	p->s->line = l->no;
	p->id_col = w[1].col;
	if (p->s->id == NULL)
		oom(p, l->no);
	return p->s->id != NULL;
}

static bool start_section(sparser *p, const yzf_line *l, const yzf_word *w, size_t n)
{
	const char *title;

	if (n < 2) {
		serr(p, l->no, yzf_col(l, l->s + l->len), "%s",
		     _("'section' needs a title: section <title>"));
		return false;
	}
	title = w[1].s;
	if (!yzf_grow(&p->sections, &p->cap_sections, p->n_sections, sizeof *p->sections)) {
		oom(p, l->no);
		return false;
	}
	{
		size_t cap = p->n_sections;
		int *ln = realloc(p->section_line, (cap + 1) * sizeof *ln);
		size_t *first = ln ? realloc(p->section_first, (cap + 1) * sizeof *first) : NULL;
		if (ln)
			p->section_line = ln;
		if (first == NULL) {
			oom(p, l->no);
			return false;
		}
		p->section_first = first;
	}
	p->sections[p->n_sections] = yzf_strndup(title, (size_t)(l->s + l->len - title));
	if (p->sections[p->n_sections] == NULL) {
		oom(p, l->no);
		return false;
	}
	p->section_line[p->n_sections] = l->no;
	p->section_first[p->n_sections] = p->s->n_questions;
	p->section = p->sections[p->n_sections++];
	return true;
}

/* A new question of kind at the end of the survey: id w[1], the kind's
 * word w[2]. */
static bool push_question(sparser *p, const yzf_line *l, const yzf_word *w, int kind)
{
	yz_survey *s = p->s;
	yz_question *q;

	if (s->n_questions + 1 > p->cap_q) {
		size_t cap = p->cap_q ? p->cap_q * 2 : 16;
		yz_question *nq = realloc(s->questions, cap * sizeof *nq);
		qraw *r = nq ? realloc(p->raw, cap * sizeof *r) : NULL;
		if (nq)
			s->questions = nq;
		if (r == NULL) {
			oom(p, l->no);
			return false;
		}
		p->raw = r;
		p->cap_q = cap;
	}
	q = &s->questions[s->n_questions];
	*q = (yz_question){
	    .id = yzf_strndup(w[1].s, w[1].len),
	    .kind = (yz_question_kind)kind,
	    .line = l->no,
	};
	p->raw[s->n_questions] = (qraw){.kind_at = {l->no, w[2].col}};
	if (q->id == NULL) {
		oom(p, l->no);
		return false;
	}
	if (p->section && (q->section = yzf_strdup(p->section)) == NULL) {
		free(q->id);
		oom(p, l->no);
		return false;
	}
	s->n_questions++;
	return true;
}

static bool start_question(sparser *p, const yzf_line *l, const yzf_word *w, size_t n)
{
	yz_survey *s = p->s;
	char kinds[128], missing[320];
	int kind;

	kinds_list(kinds, sizeof kinds);
	snprintf(missing, sizeof missing,
	         _("'question' needs an id and a kind: question <id> <kind>, the kind one of %s"),
	         kinds);
	if (!header_id(p, l, w, n, 3, missing))
		return false;
	if ((kind = kind_of(&w[2])) < 0) {
		serr(p, l->no, w[2].col, _("unknown question kind '%.*s': write one of %s"),
		     (int)w[2].len, w[2].s, kinds);
		return false;
	}
	for (size_t i = 0; i < s->n_questions; i++) {
		if (word_eq(&w[1], s->questions[i].id)) {
			serr(p, l->no, w[1].col,
			     _("duplicate question id '%.*s' (first on line %d)"), (int)w[1].len,
			     w[1].s, s->questions[i].line);
			return false;
		}
	}
	return push_question(p, l, w, kind);
}

/* start_block, end_block and key_line are the survey's yzf_block_rules (vp
 * is the sparser). */
static void start_block(void *vp, const yzf_line *l)
{
	sparser *p = vp;
	yzf_word w[4];
	size_t n = yzf_split_words(l, w, 4);
	sblock b = word_eq(&w[0], "survey")     ? SB_SURVEY
	           : word_eq(&w[0], "section")  ? SB_SECTION
	           : word_eq(&w[0], "question") ? SB_QUESTION
	                                        : SB_NONE;
	bool ok;

	memset(p->seen, 0, sizeof p->seen);
	p->damaged = false;
	p->key_indent = -1;
	p->block_line = l->no;
	p->block = SB_SKIP;
	if (b == SB_NONE) {
		serr(p, l->no, 1, _("unknown block '%.*s': write survey, section or question"),
		     (int)w[0].len, w[0].s);
		return;
	}
	if (b != SB_SURVEY && p->s->id == NULL) {
		serr(p, l->no, 1,
		     _("'%s' before the survey block: start the file with 'survey <id>'"),
		     block_word(b));
		return;
	}
	ok = b == SB_SURVEY    ? start_survey(p, l, w, n)
	     : b == SB_SECTION ? start_section(p, l, w, n)
	                       : start_question(p, l, w, n);
	if (ok)
		p->block = b;
}

static const char *block_id(const sparser *p)
{
	return p->block == SB_QUESTION ? p->s->questions[p->s->n_questions - 1].id : p->s->id;
}

/* Whether the option text can be one: no U+3001 (it joins a multichoice's
 * picks) and no '"' (has() writes options in double quotes). */
static void check_option_text(sparser *p, const char *o, spos at)
{
	if (strstr(o, YZ_MULTI_SEP))
		serr(p, at.line, at.col,
		     _("an option may not hold '%s': the picks of a multiple choice are joined by "
		       "it; write the option without it"),
		     YZ_MULTI_SEP);
	else if (strchr(o, '"'))
		serr(p, at.line, at.col, "%s",
		     _("an option may not hold '\"': write the option without it"));
}

/* Each option's text, and no option (points: no point of the scale) written
 * twice. */
static void check_unique(sparser *p, const yz_question *q, const qraw *r, bool points)
{
	for (size_t i = 0; i < q->n_options; i++) {
		check_option_text(p, q->options[i], r->option_at[i]);
		for (size_t j = 0; j < i; j++) {
			if (strcmp(q->options[i], q->options[j]) != 0)
				continue;
			if (points)
				serr(p, r->option_at[i].line, r->option_at[i].col,
				     _("point '%s' is written twice on the scale"), q->options[i]);
			else
				serr(p, r->option_at[i].line, r->option_at[i].col,
				     _("option '%s' is written twice (first on line %d)"),
				     q->options[i], r->option_at[j].line);
			break;
		}
	}
}

/* A single or multi question: 'option' lines (two at least), no 'scale';
 * its "other" becomes the last option. */
static void check_options(sparser *p, yz_question *q, const qraw *r, const char *kind)
{
	if (r->scale_at.line)
		serr(p, r->scale_at.line, r->scale_at.col,
		     _("'scale' is for scale and grid questions, not %s: write 'option' "
		       "lines"),
		     kind);
	else if (q->n_options < 2)
		serr(p, q->line, 0,
		     _("question '%s' has %zu options: a %s question needs at least 2 "
		       "'option' "
		       "lines"),
		     q->id, q->n_options, kind);
	if (q->other)
		push_option(p, q->other, strlen(q->other), r->other_at);
	check_unique(p, q, r, false);
}

/* A scale or grid question: one 'scale' line. */
static void check_scale(sparser *p, const yz_question *q, const qraw *r, const char *kind)
{
	if (!r->scale_at.line)
		serr(p, q->line, 0,
		     _("question '%s' has no 'scale' line: a %s question needs its points "
		       "on "
		       "one line, best first"),
		     q->id, kind);
	check_unique(p, q, r, true);
}

/* 'max' (a multi's most ticks, a number's top) and 'min' (a number's). */
static void check_bounds(sparser *p, yz_question *q, const qraw *r, const char *kind)
{
	if (r->max_at.line && r->max_ok) {
		if (q->kind == YZ_Q_MULTI) {
			if (r->max_value < 1 || (size_t)r->max_value > q->n_options)
				serr(p, r->max_at.line, r->max_at.col,
				     _("'max' of a multi question is the most options a paper may "
				       "tick: "
				       "write a number from 1 to %zu"),
				     q->n_options);
			else
				q->max_choices = r->max_value;
		} else if (q->kind == YZ_Q_NUMBER) {
			q->max = r->max_value;
			q->has_max = true;
		} else {
			serr(p, r->max_at.line, r->max_at.col,
			     _("'max' is for multi and number questions, not %s: remove it"), kind);
		}
	}
	if (r->min_at.line && q->kind != YZ_Q_NUMBER)
		serr(p, r->min_at.line, r->min_at.col,
		     _("'min' is for number questions, not %s: remove it"), kind);
	if (q->has_min && q->has_max && q->min > q->max)
		serr(p, r->min_at.line, r->min_at.col,
		     _("'min' (%lld) is larger than 'max' (%lld)"), (long long)q->min,
		     (long long)q->max);
}

/* The checks a question's lines allow once the block has ended. */
static void end_question(sparser *p)
{
	yz_question *q = cur_q(p);
	qraw *r = cur_raw(p);
	const char *kind = kind_words[q->kind];

	if (has_options(q->kind)) {
		check_options(p, q, r, kind);
	} else {
		if (r->option_line)
			serr(p, r->option_line, 0,
			     _("'option' is for single and multi questions, not %s: remove it"),
			     kind);
		if (r->other_at.line)
			serr(p, r->other_at.line, r->other_at.col,
			     _("'other' is for single and multi questions, not %s: remove it"),
			     kind);
		if (has_scale(q->kind))
			check_scale(p, q, r, kind);
		else if (r->scale_at.line)
			serr(p, r->scale_at.line, r->scale_at.col,
			     _("'scale' is for scale and grid questions, not %s: remove it"), kind);
	}
	if (q->kind == YZ_Q_GRID && q->n_items == 0)
		serr(p, q->line, 0,
		     _("grid question '%s' has no 'item' lines: write one per row of the grid"),
		     q->id);
	if (q->kind != YZ_Q_GRID && q->n_items > 0)
		serr(p, q->line, 0, _("'item' is for grid questions, not %s: remove it"), kind);
	check_bounds(p, q, r, kind);
	if (q->demographic && q->kind != YZ_Q_SINGLE && q->kind != YZ_Q_SCALE)
		serr(p, r->demographic_at.line, r->demographic_at.col,
		     _("a demographic question is a single or scale question (the tallies are "
		       "cross-tabulated by its answer), not %s"),
		     kind);
}

static void end_block(void *vp)
{
	sparser *p = vp;
	const skey *keys = block_keys(p->block);

	/* A line lost to an encoding error may have held any key. */
	for (size_t i = 0; keys && keys[i].name && !p->damaged; i++)
		if (keys[i].required && p->seen[i] == 0)
			serr(p, p->block_line, 0, _("%s '%s' has no '%s' line: add one"),
			     block_word(p->block), block_id(p), keys[i].name);
	if (p->block == SB_QUESTION)
		end_question(p);
	p->block = SB_NONE;
}

/* ---- key lines --------------------------------------------------------------- */

static void unknown_key(sparser *p, const yzf_line *l, const skey *keys, size_t klen)
{
	const char *names[SMAX_KEYS + 1];
	size_t n = 0;
	char *all;

	for (; keys[n].name && n < SMAX_KEYS; n++)
		names[n] = keys[n].name;
	names[n] = NULL;
	all = yzf_join(names);
	serr(p, l->no, yzf_col(l, l->s), _("unknown key '%.*s' in a %s block: write one of %s"),
	     (int)klen, l->s, block_word(p->block), all ? all : "");
	free(all);
}

static bool indent_ok(sparser *p, const yzf_line *l)
{
	const char *why = yzf_indent_problem(l, p->block != SB_NONE, &p->key_indent);

	if (why)
		serr(p, l->no, l->indent_chars + 1, "%s", why);
	return why == NULL;
}

/* The value of the key line at i into a (malloc'd a->val); NULL with a message
 * when there is none. */
static char *key_value(sparser *p, size_t i, const skey *k, size_t klen, bool colon, sarg *a)
{
	const yzf_line *l = &p->lines[i];
	const char *v;
	size_t vlen;
	char *val;

	if (colon) {
		if (klen != l->len) {
			serr(p, l->no, yzf_col(l, l->s + klen),
			     _("write the text of '%s:' on the lines below it, indented"), k->name);
			return NULL;
		}
		val = yzf_gather_text(p->lines, p->n_lines, i, &a->at.line, &a->at.col);
		if (val == NULL)
			serr(p, l->no, yzf_col(l, l->s),
			     _("'%s:' has no text: write it on the indented lines below"), k->name);
		return val;
	}
	v = yzf_line_value(l, klen, &vlen);
	a->at = (spos){l->no, yzf_col(l, v)};
	if (vlen == 0) {
		serr(p, l->no, a->at.col, _("'%s' needs a value"), k->name);
		return NULL;
	}
	if ((val = yzf_strndup(v, vlen)) == NULL)
		oom(p, l->no);
	return val;
}

/* Read the key line at *i (and its text block); *i moves past them. */
static void key_line(void *vp, size_t *i)
{
	sparser *p = vp;
	size_t at = *i, klen = 0, index;
	const yzf_line *l = &p->lines[at];
	const skey *keys = block_keys(p->block), *k = NULL;
	sarg a = {.line = l};
	bool colon;
	char *val;

	while (klen < l->len && l->s[klen] != ' ' && l->s[klen] != '\t')
		klen++;
	colon = l->s[klen - 1] == ':';
	/* A "key:" owns the indented lines below it even when the key is wrong, so
	 * that one mistake gives one message. */
	*i = colon ? yzf_text_end(p->lines, p->n_lines, at) : at + 1;
	if (p->block == SB_SKIP || !indent_ok(p, l))
		return;
	if (p->block == SB_SECTION) {
		serr(p, l->no, yzf_col(l, l->s), "%s",
		     _("a section has no keys: it is a heading; write the questions below it as "
		       "'question <id> <kind>' blocks, not indented"));
		p->block = SB_SKIP;
		return;
	}
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
	if (p->seen[index] != 0 && !k->repeat) {
		serr(p, l->no, yzf_col(l, l->s), _("'%s' is given twice (first on line %d)"),
		     k->name, p->seen[index]);
		return;
	}
	p->seen[index] = l->no;
	if (colon && !k->text) {
		serr(p, l->no, yzf_col(l, l->s),
		     _("'%s' takes its value on the same line, without ':'"), k->name);
		return;
	}
	if ((val = key_value(p, at, k, klen, colon, &a)) == NULL)
		return;
	a.val = val;
	k->set(p, &a);
	free(val);
}

static void read_lines(sparser *p)
{
	static const yzf_block_rules rules = {start_block, end_block, key_line};

	yzf_read_blocks(p->lines, p->n_lines, p, &p->damaged, &rules);
}

/* ---- the entry form ------------------------------------------------------------ */

/* The modes as stored and as the entry form and the papers word them: the
 * one table every part reads (issue 18). */
static const struct {
	const char *id;
	const char *label; /* msgid */
} modes[YZ_SURVEY_N_MODES] = {
    [YZ_SURVEY_SELF] = {"self", N_("filled in by the resident")},
    [YZ_SURVEY_PROXY] = {"proxy", N_("filled in for the resident")},
    [YZ_SURVEY_COUNTER] = {"counter", N_("answered at the counter")},
};

/* m itself, or SELF when it is out of range (as the old switch's default). */
static size_t mode_index(yz_survey_mode m)
{
	return (unsigned)m < YZ_SURVEY_N_MODES ? (size_t)m : YZ_SURVEY_SELF;
}

const char *yz_survey_mode_id(yz_survey_mode m)
{
	return modes[mode_index(m)].id;
}

const char *yz_survey_mode_msgid(yz_survey_mode m)
{
	return modes[mode_index(m)].label;
}

const char *yz_survey_mode_label(yz_survey_mode m)
{
	return _(yz_survey_mode_msgid(m));
}

int yz_survey_mode_of(const char *label)
{
	/* The translated label (the entry form's option), the msgid (a draft read
	 * back in another UI language) or the stored id. */
	for (int m = 0; label && m < YZ_SURVEY_N_MODES; m++)
		if (strcmp(label, yz_survey_mode_label((yz_survey_mode)m)) == 0 ||
		    strcmp(label, modes[m].label) == 0 || strcmp(label, modes[m].id) == 0)
			return m;
	return -1;
}

void yz_survey_serial_text(long serial, char *buf, size_t n)
{
	if (buf && n)
		snprintf(buf, n, "%04ld", serial);
}

bool yz_survey_is_head_field(const char *field_id)
{
	static const char *const head[] = {YZ_SURVEY_F_SERIAL, YZ_SURVEY_F_MODE, YZ_SURVEY_F_PROXY,
	                                   YZ_SURVEY_F_RESPONDENT};

	for (size_t i = 0; field_id && i < sizeof head / sizeof *head; i++)
		if (strcmp(field_id, head[i]) == 0)
			return true;
	return false;
}

/* An entry field being built: which question it belongs to, for its
 * visible_if. */
typedef struct efield {
	long q;     /* question index, -1 for the fixed fields */
	bool other; /* the question's "other" text */
} efield;

typedef struct ebuild {
	yz_form *f;
	size_t cap;
	efield *of; /* parallel to f->fields */
	size_t cap_of;
} ebuild;

static yz_field_def *push_entry(sparser *p, ebuild *b, const char *id, yz_field_type t, char *label,
                                long q, bool other)
{
	yz_form *f = b->f;
	yz_field_def *d;
	char *idc = yzf_strdup(id);

	if (idc == NULL || label == NULL ||
	    !yzf_grow(&f->fields, &b->cap, f->n_fields, sizeof *f->fields) ||
	    !yzf_grow(&b->of, &b->cap_of, f->n_fields, sizeof *b->of)) {
		free(idc);
		free(label);
		oom(p, p->s->line);
		return NULL;
	}
	d = &f->fields[f->n_fields];
	*d = (yz_field_def){.id = idc, .label = label, .type = t, .page = 0};
	b->of[f->n_fields] = (efield){q, other};
	f->n_fields++;
	return d;
}

static bool copy_options(yz_field_def *d, char *const *o, size_t n)
{
	if ((d->options = calloc(n ? n : 1, sizeof *d->options)) == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((d->options[i] = yzf_strdup(o[i])) == NULL)
			return false;
		else
			d->n_options = i + 1;
	return true;
}

/* The number the paper prints before a question: its place from 1. */
static char *numbered(size_t i, const char *label)
{
	return yz_strdup_printf("%zu. %s", i + 1, label ? label : "");
}

/* The entry field type of each kind of question (a grid: of each item). */
static const yz_field_type entry_types[] = {
    [YZ_Q_SINGLE] = YZ_FIELD_CHOICE,  [YZ_Q_MULTI] = YZ_FIELD_MULTICHOICE,
    [YZ_Q_SCALE] = YZ_FIELD_CHOICE,   [YZ_Q_GRID] = YZ_FIELD_CHOICE,
    [YZ_Q_NUMBER] = YZ_FIELD_INTEGER, [YZ_Q_DATE] = YZ_FIELD_DATE,
    [YZ_Q_TEXT] = YZ_FIELD_TEXT,      [YZ_Q_LONG] = YZ_FIELD_MEMO,
};

/* A grid's choice field per item, "<id>_<n>" labelled "<label>: <item>". */
static bool add_grid_fields(sparser *p, ebuild *b, size_t qi)
{
	const yz_question *q = &p->s->questions[qi];
	char id[160];

	/* "6.2 item": the form's column of labels is narrow, and a row per item
	 * must say which item it is (the question in full is under the form) */
	for (size_t i = 0; i < q->n_items; i++) {
		yz_field_def *d;
		yz_survey_field_id(q, (int)i, id, sizeof id);
		d = push_entry(p, b, id, YZ_FIELD_CHOICE,
		               yz_strdup_printf("%zu.%zu %s", qi + 1, i + 1, q->items[i]), (long)qi,
		               false);
		if (d == NULL || !copy_options(d, q->options, q->n_options))
			return false;
	}
	return true;
}

static bool add_question_fields(sparser *p, ebuild *b, size_t qi)
{
	const yz_question *q = &p->s->questions[qi];
	yz_field_def *d;
	char *id;

	if (q->kind == YZ_Q_GRID)
		return add_grid_fields(p, b, qi);
	d = push_entry(p, b, q->id, entry_types[q->kind], numbered(qi, q->label), (long)qi, false);
	if (d == NULL || (q->options && !copy_options(d, q->options, q->n_options)))
		return false;
	/* zero for the kinds without them */
	d->max_choices = q->max_choices;
	d->has_min = q->has_min;
	d->has_max = q->has_max;
	d->min = q->min;
	d->max = q->max;
	if (q->help && (d->help = yzf_strdup(q->help)) == NULL)
		return false;
	if (q->other) {
		id = yz_strdup_printf("%s%s", q->id, YZ_SURVEY_OTHER_SUFFIX);
		d = id ? push_entry(p, b, id, YZ_FIELD_TEXT, numbered(qi, q->other), (long)qi, true)
		       : NULL;
		free(id);
		if (d == NULL)
			return false;
	}
	return true;
}

/* The fixed fields every paper has: serial, mode, proxy, respondent. */
static bool add_fixed_fields(sparser *p, ebuild *b)
{
	yz_field_def *d;

	d = push_entry(p, b, YZ_SURVEY_F_SERIAL, YZ_FIELD_INTEGER, yzf_strdup(_("paper number")),
	               -1, false);
	if (d == NULL)
		return false;
	*d = (yz_field_def){.id = d->id,
	                    .label = d->label,
	                    .type = YZ_FIELD_INTEGER,
	                    .required = true,
	                    .has_min = true,
	                    .has_max = true,
	                    .min = 1,
	                    .max = YZ_SURVEY_SERIAL_MAX};
	d = push_entry(p, b, YZ_SURVEY_F_MODE, YZ_FIELD_CHOICE,
	               yzf_strdup(_("how it was filled in")), -1, false);
	if (d == NULL)
		return false;
	d->required = true;
	{
		char *labels[YZ_SURVEY_N_MODES];
		for (int m = 0; m < YZ_SURVEY_N_MODES; m++)
			labels[m] = (char *)yz_survey_mode_label((yz_survey_mode)m);
		if (!copy_options(d, labels, YZ_SURVEY_N_MODES))
			return false;
	}
	if (push_entry(p, b, YZ_SURVEY_F_PROXY, YZ_FIELD_NAME, yzf_strdup(_("filled in by")), -1,
	               false) == NULL)
		return false;
	if (!p->s->anonymous && push_entry(p, b, YZ_SURVEY_F_RESPONDENT, YZ_FIELD_RESIDENT,
	                                   yzf_strdup(_("respondent")), -1, false) == NULL)
		return false;
	return true;
}

/* Pages: the fixed fields and the questions before the first section on the
 * first, then one per section. */
static bool add_pages(sparser *p, ebuild *b)
{
	yz_form *f = b->f;
	size_t fi = 0;

	if ((f->pages = calloc(p->n_sections + 1, sizeof *f->pages)) == NULL)
		return false;
	f->pages[0] = (yz_page_def){.first = 0};
	f->n_pages = 1;
	for (size_t s = 0; s < p->n_sections; s++) {
		/* the first field of the section's first question */
		while (fi < f->n_fields &&
		       (b->of[fi].q < 0 || (size_t)b->of[fi].q < p->section_first[s]))
			fi++;
		if (fi == f->n_fields ||
		    (s + 1 < p->n_sections && p->section_first[s + 1] == p->section_first[s]))
			continue; /* told in finish() */
		if (fi == f->pages[f->n_pages - 1].first) {
			/* a section right at the top: it names the first page */
			free(f->pages[f->n_pages - 1].title);
			f->pages[f->n_pages - 1].title = NULL;
			f->n_pages--;
		}
		f->pages[f->n_pages] = (yz_page_def){
		    .title = yzf_strdup(p->sections[s]), .first = fi, .line = p->section_line[s]};
		if (f->pages[f->n_pages].title == NULL)
			return false;
		f->n_pages++;
	}
	for (size_t i = 0; i < f->n_pages; i++) {
		size_t end = i + 1 < f->n_pages ? f->pages[i + 1].first : f->n_fields;
		f->pages[i].n_fields = end - f->pages[i].first;
		for (size_t j = f->pages[i].first; j < end; j++)
			f->fields[j].page = (int)i;
	}
	return true;
}

/* Entry field ids are unique: a question's id may not be a fixed field's,
 * nor another question's field ("q_1" of a grid, "q_other"). */
static void check_entry_ids(sparser *p, const yz_form *f, const efield *of)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(f->fields[i].id, f->fields[j].id) != 0)
				continue;
			long q = of[i].q >= 0 ? of[i].q : of[j].q;
			const yz_question *qq = q >= 0 ? &p->s->questions[q] : NULL;
			serr(p, qq ? qq->line : p->s->line, 0,
			     _("field id '%s' is used twice in the entry form (serial, mode, proxy "
			       "and "
			       "respondent are the paper's own; a grid's items are <id>_1, <id>_2 "
			       "and so on; "
			       "an 'other' text is <id>_other): rename the question"),
			     f->fields[i].id);
			break;
		}
	}
}

/* Compile a condition written at `at` against the entry form; NULL with
 * messages on error. */
static yz_expr *condition(sparser *p, const yz_form *f, const char *src, spos at, const char *key)
{
	yz_expr *e = yzx_new(src, at.line, at.col);
	int errs;

	if (e == NULL) {
		oom(p, at.line);
		return NULL;
	}
	errs = yzx_compile(f, e, p->path, p->diags);
	p->errors += errs;
	if (errs == 0 && e->type != T_BOOL) {
		serr(p, at.line, at.col,
		     _("'%s' needs a condition such as age(idno) >= 60, not %s"), key,
		     e->type == T_NUM ? _("a number") : _("text"));
		errs = 1;
	}
	if (errs) {
		yz_expr_free(e);
		return NULL;
	}
	return e;
}

/* Each question's visible_if on its fields; the "other" text is asked when the
 * question is and its "other" is picked. */
static void compile_conditions(sparser *p, ebuild *b)
{
	yz_form *f = b->f;
	yz_survey *s = p->s;
	bool *failed = calloc(s->n_questions ? s->n_questions : 1, sizeof *failed);

	if (failed == NULL) {
		oom(p, s->line);
		return;
	}
	for (size_t i = 0; i < f->n_fields; i++) {
		long qi = b->of[i].q;
		const qraw *r;
		yz_question *q;
		char *src;
		if (qi < 0)
			continue;
		q = &s->questions[qi];
		r = &p->raw[qi];
		if (b->of[i].other) {
			src = r->visible_if ? yz_strdup_printf("(%s) and has(%s, \"%s\")",
			                                       r->visible_if, q->id, q->other)
			                    : yz_strdup_printf("has(%s, \"%s\")", q->id, q->other);
			if (src == NULL) {
				oom(p, q->line);
				continue;
			}
			if (!failed[qi])
				f->fields[i].visible_if = condition(
				    p, f, src, r->visible_if ? r->visible_at : r->other_at,
				    "visible_if");
			free(src);
			continue;
		}
		if (r->visible_if == NULL || failed[qi])
			continue;
		f->fields[i].visible_if =
		    condition(p, f, r->visible_if, r->visible_at, "visible_if");
		if (f->fields[i].visible_if == NULL)
			failed[qi] = true;
		else if (q->visible_if == NULL)
			q->visible_if = f->fields[i].visible_if;
	}
	free(failed);
	if (p->valid_if)
		s->valid_if = condition(p, f, p->valid_if, p->valid_at, "valid_if");
}

static void build_entry(sparser *p)
{
	ebuild b = {0};
	yz_survey *s = p->s;

	if ((b.f = calloc(1, sizeof *b.f)) == NULL) {
		oom(p, s->line);
		return;
	}
	s->entry = b.f;
	b.f->record = true;
	b.f->src_line = s->line;
	if ((b.f->path = yzf_strdup(s->path)) == NULL || (b.f->id = yzf_strdup(s->id)) == NULL ||
	    (s->title && (b.f->title = yzf_strdup(s->title)) == NULL)) {
		oom(p, s->line);
		free(b.of);
		return;
	}
	bool ok = add_fixed_fields(p, &b);
	for (size_t i = 0; ok && i < s->n_questions; i++)
		ok = add_question_fields(p, &b, i);
	if (!ok || !add_pages(p, &b)) {
		if (ok)
			oom(p, s->line);
		free(b.of);
		return;
	}
	check_entry_ids(p, b.f, b.of);
	/* The proxy's name is asked when the paper was filled in for the resident. */
	if (p->errors == 0) {
		char *src = yz_strdup_printf("%s = \"%s\"", YZ_SURVEY_F_MODE,
		                             yz_survey_mode_label(YZ_SURVEY_PROXY));
		yz_field_def *proxy = (yz_field_def *)yz_form_field(b.f, YZ_SURVEY_F_PROXY);
		if (src && proxy) {
			proxy->visible_if = yzx_new(src, s->line, 1);
			if (proxy->visible_if == NULL ||
			    (p->errors += yzx_compile(b.f, proxy->visible_if, p->path, p->diags)))
				oom(p, s->line);
		}
		free(src);
		compile_conditions(p, &b);
	}
	free(b.of);
}

/* ---- checks at the end of the file ----------------------------------------------- */

/* The id must be the file's name without ".survey". */
static void check_file_name(sparser *p)
{
	const char *base = strrchr(p->path, '/');
	size_t n;

	base = base ? base + 1 : p->path;
	n = strlen(base);
	if (n > 7 && strcmp(base + n - 7, ".survey") == 0)
		n -= 7;
	if (strlen(p->s->id) != n || strncmp(p->s->id, base, n) != 0)
		serr(
		    p, p->s->line, p->id_col,
		    _("the survey's id '%s' differs from its file name '%.*s': make them the same"),
		    p->s->id, (int)n, base);
}

static void finish(sparser *p)
{
	yz_survey *s = p->s;
	int errors;

	if (s->id == NULL) {
		if (p->errors == 0)
			serr(p, 1, 1, "%s",
			     _("no survey here: a survey file starts with 'survey <id>'"));
		return;
	}
	if (s->n_questions == 0)
		serr(p, s->line, 0,
		     _("survey '%s' has no questions: add 'question <id> <kind>' blocks below it"),
		     s->id);
	for (size_t i = 0; i < p->n_sections; i++) {
		size_t end = i + 1 < p->n_sections ? p->section_first[i + 1] : s->n_questions;
		if (p->section_first[i] == end)
			serr(p, p->section_line[i], 0,
			     _("section '%s' has no questions: write question blocks below it"),
			     p->sections[i]);
	}
	/* The entry form is built from questions that are right in themselves;
	 * a file name that differs does not stop it. */
	errors = p->errors;
	check_file_name(p);
	if (errors == 0)
		build_entry(p);
}

/* ---- files --------------------------------------------------------------------- */

static void free_parser(sparser *p)
{
	for (size_t i = 0; p->s && i < p->s->n_questions; i++) {
		free(p->raw[i].option_at);
		free(p->raw[i].visible_if);
	}
	free(p->raw);
	for (size_t i = 0; i < p->n_sections; i++)
		free(p->sections[i]);
	free(p->sections);
	free(p->section_line);
	free(p->section_first);
	free(p->valid_if);
}

yz_survey *yz_survey_parse(const char *path, const char *text, size_t len, yz_diags *diags)
{
	size_t first_diag = diags ? diags->n : 0, n = 0;
	yzf_line *lines = NULL;
	sparser p = {.path = path, .diags = diags, .key_indent = -1};

	p.s = calloc(1, sizeof *p.s);
	if (p.s == NULL || (p.s->path = yzf_strdup(path)) == NULL) {
		yz_diags_add(diags, path, 0, 0, "%s", _("out of memory"));
		free(p.s);
		return NULL;
	}
	p.errors = yzf_split_lines(path, text, len, diags, &lines, &n);
	p.lines = lines;
	p.n_lines = n;
	read_lines(&p);
	finish(&p);
	free(lines);
	free_parser(&p);
	yzf_sort_diags(diags, first_diag, path);
	if (p.errors != 0) {
		yz_survey_free(p.s);
		return NULL;
	}
	return p.s;
}

yz_survey *yz_survey_load(const char *path, yz_diags *diags)
{
	size_t len;
	char *text = yzf_slurp(path, &len, diags);
	yz_survey *s;

	if (text == NULL)
		return NULL;
	s = yz_survey_parse(path, text, len, diags);
	free(text);
	return s;
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; w && i < n; i++)
		free(w[i]);
	free(w);
}

void yz_survey_free(yz_survey *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_questions; i++) {
		yz_question *q = &s->questions[i];
		free(q->id);
		free(q->label);
		free(q->help);
		free_words(q->options, q->n_options);
		free(q->other); /* options' last holds a copy */
		free_words(q->items, q->n_items);
		free(q->demographic);
		free(q->section);
		/* q->visible_if is its first entry field's, freed with the form */
	}
	free(s->questions);
	yz_expr_free(s->valid_if);
	yz_form_free(s->entry);
	free(s->path);
	free(s->id);
	free(s->title);
	free(s->purpose);
	free(s->target);
	free(s->intro);
	free(s);
}

/* ---- folders ----------------------------------------------------------------- */

static int survey_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 7 && strcmp(e->d_name + n - 7, ".survey") == 0;
}

/* Byte order, not the locale's collation: the same order on every machine. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool add_survey(yz_survey_set *set, yz_survey *s, yz_diags *diags)
{
	const yz_survey *other = yz_survey_set_find(set, s->id);
	yz_survey **items;

	if (other != NULL) {
		yz_diags_add(diags, s->path, s->line, 1, _("duplicate survey id '%s' (also in %s)"),
		             s->id, other->path);
		yz_survey_free(s);
		return false;
	}
	items = realloc(set->items, (set->n + 1) * sizeof *items);
	if (items == NULL) {
		yz_diags_add(diags, s->path, 0, 0, "%s", _("out of memory"));
		yz_survey_free(s);
		return false;
	}
	set->items = items;
	set->items[set->n++] = s;
	return true;
}

/* The *.survey names of dir (sorted), or -1 with a message; a missing folder
 * has none. */
static int list_dir(const char *dir, struct dirent ***names, yz_diags *diags)
{
	int n;

	*names = NULL;
	if (dir == NULL)
		return 0;
	if ((n = scandir(dir, names, survey_file, by_name)) < 0) {
		*names = NULL;
		if (errno == ENOENT)
			return 0;
		yz_diags_add(diags, dir, 0, 0, _("cannot open the folder: %s"), strerror(errno));
		return -1;
	}
	return n;
}

static bool in_names(struct dirent **names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i]->d_name, name) == 0)
			return true;
	return false;
}

static bool load_into(yz_survey_set *out, const char *dir, const char *name, yz_diags *diags)
{
	char *path = yz_strdup_printf("%s/%s", dir, name);
	yz_survey *s = path ? yz_survey_load(path, diags) : NULL;

	free(path);
	return s != NULL && add_survey(out, s, diags);
}

int yz_survey_set_load_with(const char *dir, const char *overlay, yz_survey_set *out,
                            yz_diags *diags)
{
	struct dirent **names, **over;
	int n = list_dir(dir, &names, diags), m;
	bool ok = n >= 0;

	out->items = NULL;
	out->n = 0;
	m = list_dir(overlay, &over, diags);
	ok = m >= 0 && ok;
	for (int i = 0; i < n; i++) {
		/* the district's file of this name replaces the station's; when it
		 * cannot be read, the station's stays */
		if (m > 0 && in_names(over, m, names[i]->d_name)) {
			if (load_into(out, overlay, names[i]->d_name, diags))
				continue;
			ok = false;
		}
		ok = load_into(out, dir, names[i]->d_name, diags) && ok;
	}
	for (int i = 0; i < m; i++)
		if (n <= 0 || !in_names(names, n, over[i]->d_name))
			ok = load_into(out, overlay, over[i]->d_name, diags) && ok;
	for (int i = 0; i < n; i++)
		free(names[i]);
	for (int i = 0; i < m; i++)
		free(over[i]);
	free(names);
	free(over);
	return ok ? 0 : -1;
}

int yz_survey_set_load(const char *dir, yz_survey_set *out, yz_diags *diags)
{
	return yz_survey_set_load_with(dir, NULL, out, diags);
}

void yz_survey_set_free(yz_survey_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		yz_survey_free(set->items[i]);
	free(set->items);
	set->items = NULL;
	set->n = 0;
}

const yz_survey *yz_survey_set_find(const yz_survey_set *set, const char *id)
{
	for (size_t i = 0; set && id && i < set->n; i++)
		if (strcmp(set->items[i]->id, id) == 0)
			return set->items[i];
	return NULL;
}

/* ---- questions and papers ------------------------------------------------------ */

const yz_question *yz_survey_question(const yz_survey *s, const char *id)
{
	for (size_t i = 0; s && id && i < s->n_questions; i++)
		if (strcmp(s->questions[i].id, id) == 0)
			return &s->questions[i];
	return NULL;
}

const yz_question *yz_survey_question_of(const yz_survey *s, const char *field_id, int *item)
{
	if (item)
		*item = -1;
	for (size_t i = 0; s && field_id && i < s->n_questions; i++) {
		const yz_question *q = &s->questions[i];
		size_t n = strlen(q->id);
		const char *rest = field_id + n;
		if (strncmp(field_id, q->id, n) != 0)
			continue;
		if (*rest == '\0' && q->kind != YZ_Q_GRID)
			return q;
		if (q->other && strcmp(rest, YZ_SURVEY_OTHER_SUFFIX) == 0)
			return q;
		if (q->kind == YZ_Q_GRID && rest[0] == '_' && rest[1] >= '1' && rest[1] <= '9') {
			char *end;
			long k = strtol(rest + 1, &end, 10);
			if (*end == '\0' && k >= 1 && (size_t)k <= q->n_items) {
				if (item)
					*item = (int)(k - 1);
				return q;
			}
		}
	}
	return NULL;
}

size_t yz_survey_question_no(const yz_survey *s, const yz_question *q)
{
	return s && q ? (size_t)(q - s->questions) + 1 : 0;
}

void yz_survey_field_id(const yz_question *q, int item, char *buf, size_t n)
{
	if (buf && n) {
		if (item < 0)
			snprintf(buf, n, "%s", q->id);
		else
			snprintf(buf, n, "%s_%d", q->id, item + 1);
	}
}

void yz_survey_question_title(const yz_survey *s, const yz_question *q, int item, const char *sep,
                              char *buf, size_t n)
{
	if (buf == NULL || n == 0)
		return;
	if (item < 0 || (size_t)item >= q->n_items)
		snprintf(buf, n, "%zu. %s", yz_survey_question_no(s, q), q->label);
	else
		snprintf(buf, n, "%zu.%d %s%s%s", yz_survey_question_no(s, q), item + 1, q->label,
		         sep ? sep : ": ", q->items[item]);
}

size_t yz_survey_fields_of(const yz_survey *s, const yz_question *q, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; s && q && s->entry && i < s->entry->n_fields; i++) {
		const char *id = s->entry->fields[i].id;
		if (yz_survey_question_of(s, id, NULL) != q)
			continue;
		if (n < max)
			out[n] = id;
		n++;
	}
	return n;
}

bool yz_survey_asked(const yz_survey *s, const yz_question *q, const yz_values *v,
                     const yz_eval_env *env)
{
	yz_xval x;

	(void)s;
	if (q == NULL || q->visible_if == NULL)
		return true;
	return yz_expr_eval(q->visible_if, v, env, &x, NULL) && x.kind == YZ_X_BOOL && x.b;
}

/* Whether the paper answers q: any of its own fields holds a value (not the
 * "other" text alone: it only says what the "other" pick was). */
static bool answered(const yz_survey *s, const yz_question *q, const yz_values *v)
{
	size_t qlen = strlen(q->id);

	for (size_t i = 0; s->entry && i < s->entry->n_fields; i++) {
		const char *id = s->entry->fields[i].id, *val;
		if (yz_survey_question_of(s, id, NULL) != q ||
		    (q->other && strcmp(id + qlen, YZ_SURVEY_OTHER_SUFFIX) == 0))
			continue;
		if ((val = yz_values_get(v, id)) != NULL && *val)
			return true;
	}
	return false;
}

bool yz_survey_valid(const yz_survey *s, const yz_values *v, const yz_eval_env *env, int *asked,
                     int *answered_out)
{
	int a = 0, b = 0;
	yz_xval x;
	bool ok;

	for (size_t i = 0; s && i < s->n_questions; i++) {
		const yz_question *q = &s->questions[i];
		if (!yz_survey_asked(s, q, v, env))
			continue;
		a++;
		if (answered(s, q, v))
			b++;
	}
	if (asked)
		*asked = a;
	if (answered_out)
		*answered_out = b;
	if (s == NULL)
		return false;
	/* in integers: b / a >= valid_answered / 100 */
	ok = (long)b * 100 >= (long)s->valid_answered * a;
	if (ok && s->valid_if)
		ok = yz_expr_eval(s->valid_if, v, env, &x, NULL) && x.kind == YZ_X_BOOL && x.b;
	return ok;
}

int yz_survey_scale_score(size_t i, size_t n)
{
	return i < n ? (int)(n - i) : 0;
}
