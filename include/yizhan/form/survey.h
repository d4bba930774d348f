/* form/survey.h: the survey language (issue 18). A survey (wen juan diao cha)
 * is a file forms/surveys/<id>.survey: what it is for (title, purpose, period,
 * target, planned sample), whether it is anonymous and keyed twice, the rule
 * that makes a returned paper valid, and its questions — single and multiple
 * choice (with "other, please state" and a most-choices limit), scales, grids
 * of items x scale, numbers, dates, short and long text — with skip logic in
 * the form language's expressions and the demographic questions the tallies
 * are cross-tabulated by. The parser checks everything when the file is read
 * and builds, beside the questions, the form the counter keys a paper into
 * (yz_survey.entry): the engine, its checks and its screen are the forms'.
 * The form module, src/form/survey.c; the syntax: forms/README.md section 20. */
#ifndef YZ_FORM_SURVEY_H
#define YZ_FORM_SURVEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/form.h"

/* The kinds of question. */
typedef enum yz_question_kind {
	YZ_Q_SINGLE, /* one of options (entry: a choice field) */
	YZ_Q_MULTI,  /* some of options, at most max_choices (a multichoice field) */
	YZ_Q_SCALE,  /* one of a scale's points, best first (a choice field); has a mean */
	YZ_Q_GRID,   /* items x one scale: a choice field per item, "<id>_<n>" (n from 1) */
	YZ_Q_NUMBER, /* a whole number in [min, max] (an integer field); has a mean */
	YZ_Q_DATE,   /* a date (a date field) */
	YZ_Q_TEXT,   /* a line of text (a text field) */
	YZ_Q_LONG,   /* several lines (a memo field) */
} yz_question_kind;

/* One question of a survey. */
typedef struct yz_question {
	char *id;    /* [a-z][a-z0-9_]*, unique in the survey; its entry field's id */
	char *label; /* the question as printed ("您的年龄") */
	char *help;  /* the clerk's F1 text and the paper's note under it; may be NULL */
	yz_question_kind kind;
	char **options; /* SINGLE/MULTI: the options; SCALE/GRID: the scale's points, best
	                 * first; NULL for the others */
	size_t n_options;
	char *other;         /* SINGLE/MULTI: the last option's text when it is "other, please
	                      * state" (options[n_options - 1] holds a copy of it); its text goes
	                      * to the entry field "<id>_other", shown when it is picked; NULL
	                      * when none */
	int max_choices;     /* MULTI: most options a paper may tick (0 = any number) */
	char **items;        /* GRID: the rows' items ("绿化", "卫生"); NULL otherwise */
	size_t n_items;      /* GRID: how many */
	bool has_min;        /* NUMBER: min given */
	bool has_max;        /* NUMBER: max given */
	int64_t min, max;    /* NUMBER: the range */
	char *demographic;   /* a demographic question the tallies may be cross-tabulated by:
	                      * the word of its `demographic` line ("age", "sex", "education",
	                      * "employment" or another lower-case word); NULL otherwise.
	                      * Only SINGLE and SCALE questions may be one. */
	yz_expr *visible_if; /* asked only when true (skip logic); NULL = always. Compiled
	                      * against entry; the object of its first entry field (owned by
	                      * entry; a grid's other items and the "other" text have copies,
	                      * the "other" text's ANDed with has(<id>, "<other>")) */
	char *section;       /* the title of the section it is in, or NULL */
	int line;            /* line of its header, for messages */
} yz_question;

/* The ids of the fields every entry form starts with (before the questions). */
#define YZ_SURVEY_F_SERIAL     "serial"     /* integer: the paper's serial number */
#define YZ_SURVEY_F_MODE       "mode"       /* choice: self-filled / proxy / at the counter */
#define YZ_SURVEY_F_PROXY      "proxy"      /* name: who filled it in (mode = proxy) */
#define YZ_SURVEY_F_RESPONDENT "respondent" /* resident: who answered (not anonymous only) */
/* The suffix of a question's "other, please state" text field. */
#define YZ_SURVEY_OTHER_SUFFIX "_other"

/* How a paper came back, as stored ("self", "proxy", "counter"). */
typedef enum yz_survey_mode {
	YZ_SURVEY_SELF,    /* filled in by the resident */
	YZ_SURVEY_PROXY,   /* filled in on the resident's behalf (dai tian) */
	YZ_SURVEY_COUNTER, /* answered at the counter, keyed directly */
} yz_survey_mode;
const char *yz_survey_mode_id(yz_survey_mode m); /* "self", "proxy", "counter" */
/* The option text the entry form's mode field shows for m (translated). */
const char *yz_survey_mode_label(yz_survey_mode m);
/* The mode of the mode field's value (its option text), -1 when none. */
int yz_survey_mode_of(const char *label);

/* A survey. */
typedef struct yz_survey {
	char *path;         /* source file */
	char *id;           /* the file's `survey <id>` */
	char *title;        /* 居民服务需求调查 */
	char *purpose;      /* why it is done (printed on the paper and the report) */
	yz_date from, to;   /* the period it runs */
	char *target;       /* whom it asks: "全体居民", a grid, a tag group (text) */
	long sample;        /* the planned number of papers (0 = not said) */
	bool anonymous;     /* no resident, ID or phone is stored, nothing links a paper to
	                     * a person: no respondent field; the proxy is kept apart */
	bool double_entry;  /* every paper keyed twice by different clerks; only reconciled
	                     * papers count */
	int valid_answered; /* a returned paper is valid when at least this percentage of
	                     * the questions it asks (skip logic applied) is answered: 0-100 */
	yz_expr *valid_if;  /* and this holds (NULL = nothing more), against entry */
	char *intro;        /* the paper's opening words to the resident, or NULL */
	yz_question *questions;
	size_t n_questions;
	yz_form *entry; /* the form a paper is keyed into: serial, mode, proxy,
	                 * respondent (not anonymous), then the questions' fields in
	                 * order (a grid's per item, an "other" text after its
	                 * question), a page per section; kind NONE, record yes */
	int line;       /* line of the "survey" header */
} yz_survey;

/* Parse one survey (path for messages); NULL with messages in diags. */
yz_survey *yz_survey_parse(const char *path, const char *text, size_t len, yz_diags *diags);
yz_survey *yz_survey_load(const char *path, yz_diags *diags);
void yz_survey_free(yz_survey *s);

/* The surveys of a folder (forms/surveys), in file-name order (with an
 * overlay: dir's names, then those only the overlay has). */
typedef struct yz_survey_set {
	yz_survey **items;
	size_t n;
} yz_survey_set;

/* Every *.survey of dir into out (a missing folder: none); a file with errors
 * is reported and left out; two surveys of one id are an error. 0, or -1
 * (out still holds the good ones). */
int yz_survey_set_load(const char *dir, yz_survey_set *out, yz_diags *diags);
/* The same, then the files of overlay (NULL or missing: none; the district's
 * published surveys): one named as a file of dir replaces it (when it has
 * errors, they are reported and dir's is read instead). */
int yz_survey_set_load_with(const char *dir, const char *overlay, yz_survey_set *out,
                            yz_diags *diags);
void yz_survey_set_free(yz_survey_set *set);
const yz_survey *yz_survey_set_find(const yz_survey_set *set, const char *id);

/* The question an entry field belongs to (a grid's item field, an other
 * text), or NULL for serial, mode, proxy, respondent; *item is the grid
 * item's index (0-based) or -1. */
const yz_question *yz_survey_question_of(const yz_survey *s, const char *field_id, int *item);
const yz_question *yz_survey_question(const yz_survey *s, const char *id);

/* The entry fields of question q in entry order, for the counting and the
 * differences: "<id>" (a grid: "<id>_1" .. "<id>_<n_items>") and then
 * "<id>_other" when it has one. Writes up to max pointers to entry's field
 * ids into out; returns how many there are. */
size_t yz_survey_fields_of(const yz_survey *s, const yz_question *q, const char **out, size_t max);

/* Whether question q is asked of a paper with answers v (its visible_if). */
bool yz_survey_asked(const yz_survey *s, const yz_question *q, const yz_values *v,
                     const yz_eval_env *env);
/* Whether the paper with answers v is valid: of the questions it asks, at
 * least valid_answered percent answered (a grid counts as answered when any
 * item is; a multi when any option is ticked), and valid_if holds. *asked
 * and *answered (may be NULL) get the counts. */
bool yz_survey_valid(const yz_survey *s, const yz_values *v, const yz_eval_env *env, int *asked,
                     int *answered);

/* The entry form, in detail: fields serial (integer 1..999999999, required,
 * labelled "paper number"), mode (choice of the three yz_survey_mode_label
 * texts, required), proxy (name, visible_if mode = the proxy label),
 * respondent (resident; not anonymous only), then per question: single and
 * scale a choice, multi a multichoice with max_choices, grid a choice per
 * item "<id>_<n>" labelled "<label>: <item>", number an integer with the
 * question's min/max, date a date, text a text, long a memo, other a text
 * "<id>_other". Labels start with the question's number ("3. "); nothing but
 * serial and mode is required. Key papers into it with the engine in quick
 * mode (yz_engine_set_quick, form.h): a digit picks an option and moves on. */

/* The score of a scale point (option index i of n, best first): n - i, so
 * that on a five-point scale the best is 5 and the worst 1. */
int yz_survey_scale_score(size_t i, size_t n);

/* ---- names every part writes the same way (issue 18's re-read) ------------- */

/* How many modes there are (yz_survey_mode). */
#define YZ_SURVEY_N_MODES 3
/* The untranslated label of mode m (the msgid): the screen translates it with
 * _(), papers and reports with P_() in the document language. */
const char *yz_survey_mode_msgid(yz_survey_mode m);

/* The serial numbers a paper may have: 1 .. YZ_SURVEY_SERIAL_MAX. */
#ifndef YZ_SURVEY_SERIAL_MAX
#define YZ_SURVEY_SERIAL_MAX 999999999L
#endif
/* A serial as every paper, screen and report writes it: "0012" (four digits
 * at least). */
void yz_survey_serial_text(long serial, char *buf, size_t n);

/* Whether field_id is one of the entry form's head fields (serial, mode,
 * proxy, respondent): never an answer. */
bool yz_survey_is_head_field(const char *field_id);

/* The number of question q as printed (1-based, in file order). */
size_t yz_survey_question_no(const yz_survey *s, const yz_question *q);
/* The id of q's entry field: "<id>", a grid item's "<id>_<item + 1>" (item
 * >= 0). */
void yz_survey_field_id(const yz_question *q, int item, char *buf, size_t n);
/* A question's title as the tallies, the report and the differences name it:
 * "3. label", a grid item "5.2 label<sep>item" (sep: the caller's language's
 * colon). */
void yz_survey_question_title(const yz_survey *s, const yz_question *q, int item, const char *sep,
                              char *buf, size_t n);

#endif
