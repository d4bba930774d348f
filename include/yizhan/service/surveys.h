/* service/surveys.h: the station's surveys (issue 18): the survey files
 * (forms/surveys/, the language of yizhan/form/survey.h, and those the
 * district published into <district>/forms/surveys), papers issued and
 * printed, papers keyed (once, or twice by two clerks and reconciled), and
 * the counting: issued / returned / valid, every question's tallies, cross-
 * tabulations by a demographic question, and the report made of them (A4
 * PDF with bar charts, .xlsx, CSV).
 *
 * Who may: every clerk keys papers and prints questionnaires; a paper's
 * second keying is by another clerk than its first; the differences are
 * settled by the head or by a clerk who keyed neither; the counting and the
 * report are the head's and the admin's, and so is voiding a keyed paper. A
 * refusal is audited with its reason, as everywhere.
 *
 * Anonymous surveys: nothing stored of a paper names or links a person — no
 * respondent, no ID, no phone, the day it was keyed but not the time; who
 * filled papers in for residents (dai tian) is counted per worker and
 * survey, never kept with a paper; a paper's id is random, a response
 * taken at the counter gets a random serial and no clerk, and no audit row
 * of the survey names a serial. The service module, src/service/survey*.c;
 * all of it: yizhan/service.h. */
#ifndef YZ_SERVICE_SURVEYS_H
#define YZ_SERVICE_SURVEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/form/survey.h"
#include "yizhan/print.h"
#include "yizhan/service/report.h"
#include "yizhan/service/session.h"

/* ---- the files -------------------------------------------------------------- */

/* The surveys of forms_dir/surveys (yz_survey_set_load): `yizhan forms check`. */
int yz_service_surveys_load(const char *forms_dir, yz_survey_set *out, yz_diags *diags);
/* The session's: its forms folder's, then the district's published ones. */
int yz_service_surveys(const yz_session *s, yz_survey_set *out, yz_diags *diags);

/* ---- papers ----------------------------------------------------------------- */

/* Record that papers first .. first + count - 1 were handed out (printed with
 * those serial numbers, or copies numbered by hand). A serial already issued
 * is not counted twice. Any clerk (printing issues), but at most
 * YZ_SURVEY_PRINT_MAX serials a call: a typo's two million would fill the
 * disk under the write lock. 0, or -1 with err. */
int yz_service_survey_issue(yz_session *s, const yz_survey *sv, long first, long count,
                            yz_err *err);
/* yz_service_survey_issue, with how many of the serials were new into *added
 * (count - *added were issued before: a reprint). */
int yz_service_survey_issue_added(yz_session *s, const yz_survey *sv, long first, long count,
                                  long *added, yz_err *err);
/* Issue the next count papers (after yz_service_survey_next_serial's) in one
 * write transaction, so that two counters printing at once never get the same
 * serials; *first gets the first. At most YZ_SURVEY_PRINT_MAX a call. */
int yz_service_survey_issue_next(yz_session *s, const yz_survey *sv, long count, long *first,
                                 yz_err *err);
/* The serial after the highest one issued or keyed (1 for a new survey): the
 * first of the next batch of papers. Responses taken at the counter are left
 * out: their numbers are drawn at random (yz_service_survey_counter_serial). */
int yz_service_survey_next_serial(yz_session *s, const yz_survey *sv, long *out, yz_err *err);
/* The serial of a response taken at the counter (every survey, named or
 * anonymous): a random one neither issued nor keyed, so that its number says
 * nothing of when it was taken. 0, or -1 with err. */
int yz_service_survey_counter_serial(yz_session *s, const yz_survey *sv, long *out, yz_err *err);
/* Void paper serial (head or admin): its keyings and answers go, so that it
 * can be keyed again; its serial stays issued (a counter response's number
 * is freed). An anonymous survey's proxy count is not lowered: nothing ties
 * a paper to its proxy. Audited with the reason (and, unless the survey is
 * anonymous, the serial). 0, or -1 with err. */
int yz_service_survey_void(yz_session *s, const yz_survey *sv, long serial, const char *reason,
                           yz_err *err);

/* The questionnaire as an A4 document: count papers numbered first, first +
 * 1, ... (count 0: one paper with an empty serial box), each on new pages
 * with its serial number at the head of every page; the survey's title,
 * purpose, intro, the instructions, numbered boxes for every option, the
 * skip instructions in words ("answer 7 only if ..."), and the box the
 * worker fills in when filling in for a resident (dai tian). In the
 * station's document language. With count > 0 the serials are recorded as
 * issued first (yz_service_survey_issue): a print that then fails is printed
 * again with the same first and never counted twice. At most
 * YZ_SURVEY_PRINT_MAX papers at once. NULL with err. */
#define YZ_SURVEY_PRINT_MAX 2000
/* The name a batch of papers' PDF is saved under: "survey-<id>-<first>-<last>.pdf"
 * ("survey-<id>.pdf" for count 0), the screen's and the command line's. */
void yz_service_survey_paper_name(const yz_survey *sv, long first, long count, char *buf, size_t n);
yz_doc *yz_service_survey_paper(yz_session *s, const yz_survey *sv, long first, long count,
                                yz_err *err);

/* ---- keying ----------------------------------------------------------------- */

/* Which keying the next entry of paper serial would be, before the clerk
 * keys its answers (the entry screen asks right after the serial): 0 the only
 * one (a single-entry survey), 1 or 2 (double entry). -1 with err when it may
 * not be keyed by this clerk: already keyed (and, double entry, keyed twice),
 * this clerk keyed its first entry, a serial out of range (1..999999999). */
int yz_service_survey_serial_check(yz_session *s, const yz_survey *sv, long serial, int *pass,
                                   yz_err *err);
/* serial_check for a paper (counter false) or a response taken at the counter
 * (counter true: its serial, from yz_service_survey_counter_serial, is never
 * among those issued). When the survey has serials recorded as issued, a
 * paper's serial that is not one of them is refused in words (a mistyped
 * number would raise the issued count); with none recorded, any is taken. */
int yz_service_survey_serial_check_at(yz_session *s, const yz_survey *sv, long serial, bool counter,
                                      int *pass, yz_err *err);

/* What keying a paper did. */
typedef enum yz_survey_entry_state {
	YZ_SENTRY_COUNTED,   /* single entry, or the second keying agreed: it counts */
	YZ_SENTRY_WAITING,   /* double entry: the first keying; waits for the second */
	YZ_SENTRY_DIFFERENT, /* the second keying differs: waits for a third look */
} yz_survey_entry_state;

typedef struct yz_survey_entered {
	long serial;                 /* the paper's number */
	int pass;                    /* 0, 1 or 2, as yz_service_survey_serial_check */
	yz_survey_entry_state state; /* what happens to it now */
	size_t n_diffs;              /* DIFFERENT: how many answers differ */
} yz_survey_entered;

/* Store one paper: v is the entry form's values (yz_survey.entry) as the
 * engine validated them — serial, mode, proxy, respondent and the answers.
 * Checks again what serial_check checks and the entry form's validation;
 * answers of questions the skip logic does not ask are not stored. For an
 * anonymous survey the proxy's name goes to the per-worker count only. A
 * response taken at the counter (mode counter) counts at once, double entry
 * or not: there is no paper to key again (out->pass 0); an anonymous
 * survey's keeps no clerk (the audit row says only that a counter response
 * of the survey was taken, and by whom). A multichoice is stored with its
 * picks in option order, so that two keyings of the same ticks agree.
 * Audited: the survey, the keying and, unless the survey is anonymous, the
 * serial; never answers. 0, or -1 with err (nothing stored). */
int yz_service_survey_enter(yz_session *s, const yz_survey *sv, const yz_values *v,
                            yz_survey_entered *out, yz_err *err);

/* The draft of a half-keyed paper (the keying screen saves it at every
 * change, yz_service_draft_*): every value typed but, for an anonymous
 * survey, the proxy's name, which is never kept with answers. 0, or -1. */
int yz_service_survey_draft_save(yz_session *s, const yz_survey *sv, const char *draft_id,
                                 const yz_values *v, yz_err *err);

/* ---- double entry ------------------------------------------------------------ */

/* One answer the two keyings of a paper disagree on. */
typedef struct yz_survey_diff {
	long serial; /* the paper */
	char *field; /* the entry field's id ("q3", "env_2", "services_other") */
	char *label; /* the question as people read it ("3. 您的年龄", "5. 环境评价：绿化") */
	char *first;  /* the first keying's value ("" when it left it empty) */
	char *second; /* the second's */
	char *clerk1; /* who keyed each (names) */
	char *clerk2;
} yz_survey_diff;

typedef struct yz_survey_diffs {
	yz_survey_diff *items; /* by serial, then in the entry form's order */
	size_t n;
	size_t n_papers;  /* papers with differences */
	size_t n_waiting; /* papers keyed once, waiting for the second keying */
} yz_survey_diffs;

/* The differences of every paper waiting for a third look (serial 0), or of
 * one. 0, or -1 with err. */
int yz_service_survey_diffs(yz_session *s, const yz_survey *sv, long serial, yz_survey_diffs *out,
                            yz_err *err);
void yz_survey_diffs_free(yz_survey_diffs *d);

/* Settle paper serial: final holds the right value of each field that
 * differs (a field absent takes the first keying's value; "" = no answer);
 * the fields both keyings agree on are kept. The paper then counts. Refused
 * to either of its keying clerks unless head or admin. 0, or -1 with err. */
int yz_service_survey_reconcile(yz_session *s, const yz_survey *sv, long serial,
                                const yz_values *final, yz_err *err);

/* ---- counting ----------------------------------------------------------------- */

/* The papers that count (single entry, or reconciled), one at a time: each
 * paper's serial, mode and answers (entry field id -> value). The callback
 * returns 0 to go on. Every answer of every paper: the head's and the
 * admin's only (the counting and the report); a clerk's call is refused and
 * audited. 0, or -1 with err. */
typedef int (*yz_survey_paper_fn)(long serial, yz_survey_mode mode, const yz_values *answers,
                                  void *ctx);
int yz_service_survey_each(yz_session *s, const yz_survey *sv, yz_survey_paper_fn fn, void *ctx,
                           yz_err *err);

/* The papers of a survey as the head counts them. */
typedef struct yz_survey_papers {
	long issued;     /* serials recorded as issued and every paper keyed (a paper that
	                  * came back went out); 0 = unknown: papers came back and no issue
	                  * was ever recorded (the rates say so) */
	long returned;   /* papers keyed at least once (counter responses included) */
	long counted;    /* papers that count (single entry, or reconciled) */
	long valid;      /* of those, valid by the survey's rule */
	long waiting;    /* keyed once, waiting for the second keying */
	long different;  /* waiting for a third look */
	long by_mode[3]; /* counted papers by yz_survey_mode */
	/* The rates, in hundredths of a percent (9750 = 97.50 %), -1 when their
	 * base is 0 or unknown; filled by yz_service_survey_count only: */
	int64_t return_rate; /* returned / issued (hui shou lv) */
	int64_t valid_rate;  /* valid / counted (you xiao lv) */
} yz_survey_papers;

/* The stored papers of sv: issued, returned, counted, waiting, different and
 * by_mode (the keying helper's, from the store); valid is left 0 — the
 * counting computes it with yz_survey_valid. Any clerk. 0, or -1 with err. */
int yz_service_survey_papers_count(yz_session *s, const yz_survey *sv, yz_survey_papers *out,
                                   yz_err *err);

/* One line of a question's table: an option, a scale's point, or the line
 * of papers that left it unanswered (numbers have no lines, only a mean). */
typedef struct yz_survey_line {
	char *label;          /* the option's text; "未回答" (no answer) is the last line */
	long n;               /* papers (multi: respondents who ticked it) */
	int64_t pct;          /* hundredths of a percent of the base (1234 = 12.34 %) */
	int64_t pct_mentions; /* multi: of the mentions; 0 otherwise */
} yz_survey_line;

/* A question's tallies (a grid: one per item, q set, item >= 0). */
typedef struct yz_survey_qtally {
	const yz_question *q;
	int item;              /* GRID: the item (0-based); -1 otherwise */
	char *title;           /* "3. 您的年龄", "5.2 环境评价：卫生" */
	long base;             /* valid papers that were asked it: the percentages' base */
	long answered;         /* of them, those that answered */
	long mentions;         /* MULTI: ticks in all */
	yz_survey_line *lines; /* SINGLE/MULTI/SCALE/GRID: every option, then the no-answer
	                        * line (multi: none; its base is those who answered) */
	size_t n_lines;
	bool has_mean; /* SCALE/GRID (scores, yz_survey_scale_score), NUMBER */
	int64_t mean;  /* hundredths */
	char **texts;  /* the "other" texts, TEXT and LONG answers, as given */
	size_t n_texts;
} yz_survey_qtally;

/* A cross-tabulation of question q by demographic question by. */
typedef struct yz_survey_xtab {
	const yz_question *q; /* rows: its options (a grid: one table per item) */
	int item;
	const yz_question *by; /* columns: its options, then the total */
	char *title;           /* "3. 您最需要的服务 × 年龄" */
	size_t n_rows, n_cols; /* n_cols = by's options + 1 (the total) */
	char **row_labels;     /* n_rows */
	char **col_labels;     /* n_cols */
	long *n;               /* n_rows * n_cols counts */
	int64_t *pct;          /* the column percentages, hundredths */
	long *col_base;        /* n_cols: valid papers of the column that answered q */
} yz_survey_xtab;

typedef struct yz_survey_tally {
	const yz_survey *sv;
	yz_survey_papers papers;
	yz_survey_qtally *qs; /* in question order */
	size_t n_qs;
	yz_survey_xtab *xtabs; /* with `by`: every choice question (not by itself) by it */
	size_t n_xtabs;
	yz_date made_on;
} yz_survey_tally;

/* Count survey sv for the head or the admin; by: NULL, or the id of a
 * demographic question (or any SINGLE/SCALE question) to cross-tabulate every
 * other choice question by. 0, or -1 with err. */
int yz_service_survey_count(yz_session *s, const yz_survey *sv, const char *by,
                            yz_survey_tally **out, yz_err *err);
void yz_survey_tally_free(yz_survey_tally *t);

/* The report of a tally written to path: PDF (A4: the papers and their rates
 * with the denominators named, a table and a bar chart per question, the
 * other texts, the cross-tabs), xlsx (a sheet "概况", one per question, one
 * per cross-tab, and the raw answers without personal data), CSV (one row
 * per question and line: question, option, n, percentages; with a cross-tab,
 * its cells after). Audited. 0, or -1 with err. */
int yz_service_survey_report(yz_session *s, const yz_survey_tally *t, yz_report_format f,
                             const char *path, yz_err *err);
/* The file name a report gets: "<station>-survey-<id>-<date>.<ext>". */
void yz_service_survey_file_name(yz_session *s, const yz_survey_tally *t, yz_report_format f,
                                 char *buf, size_t n);

#endif
