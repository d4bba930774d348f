/* store/surveys.h: the papers of the station's surveys (issue 18): serials
 * issued, papers keyed once or twice, their answers per keying (pass 0 holds
 * the answers that count), the respondent of a named survey and the count of
 * papers each worker filled in for residents of an anonymous one. The
 * service decides what a keying means (yz_service_survey_enter); the store
 * keeps it. The store module, src/store/surveys.c; all of it: yizhan/store.h. */
#ifndef YZ_STORE_SURVEYS_H
#define YZ_STORE_SURVEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/store/db.h"

/* The highest serial a paper may have (9 digits on the paper). */
#define YZ_SURVEY_SERIAL_MAX 999999999L
/* Responses taken at the counter have serials from here on, drawn at random
 * (yz_spaper_counter_serial); printed papers' batches stay below it, so that
 * no batch ever takes a number a counter response holds. */
#define YZ_SURVEY_COUNTER_FIRST 500000000L

/* What keying did to a paper (survey_papers.state). */
enum { YZ_SPAPER_COUNTED = 0, YZ_SPAPER_WAITING = 1, YZ_SPAPER_DIFFERENT = 2 };

/* A stored paper and who keyed it. */
typedef struct yz_spaper {
	int64_t id;
	long serial;
	char mode[8];        /* "self", "proxy", "counter" (the first keying's) */
	int state;           /* YZ_SPAPER_* */
	char entered_on[11]; /* the first keying's day */
	int64_t clerk[3];    /* users.id of who keyed pass 0, 1, 2 (0 = none) */
	char clerk_name[3][128];
	char pass_mode[3][8]; /* each pass's mode ("" = no such pass) */
} yz_spaper;

/* Record serials first .. first + count - 1 of survey as issued; *added
 * (may be NULL) gets how many were new. 0, or -1 with err. */
int yz_spaper_issue(yz_store *st, const char *survey, long first, long count, long *added,
                    yz_err *err);
/* The serial after the highest issued or keyed (1 when none); responses
 * taken at the counter are left out (their numbers are drawn at random). */
int yz_spaper_next_serial(yz_store *st, const char *survey, long *out, yz_err *err);
/* Issue the next count serials (after yz_spaper_next_serial's) in one write
 * transaction, so that two counters printing at once never get the same
 * numbers; *first gets the first. 0, or -1 with err. */
int yz_spaper_issue_next(yz_store *st, const char *survey, long count, long *first, yz_err *err);
/* A serial for a response taken at the counter: drawn at random among those
 * neither issued nor keyed, so that its number says nothing of when it was
 * taken (an anonymous survey's response would otherwise be told by its place
 * beside the clerk's cases of the day). 0, or -1 with err. */
int yz_spaper_counter_serial(yz_store *st, const char *survey, long *out, yz_err *err);

/* The serials recorded as issued for survey: how many, the lowest and the
 * highest, and whether serial is one of them. */
typedef struct yz_spaper_span {
	long n, lo, hi;
	bool issued;
} yz_spaper_span;
int yz_spaper_issued_span(yz_store *st, const char *survey, long serial, yz_spaper_span *out,
                          yz_err *err);

/* Remove paper (its keyings, answers and respondent) so that it can be keyed
 * again; its serial stays issued. The audit row survey_voided in the same
 * transaction. 0, -1 with err (YZ_ERR_NOT_FOUND: no such paper). */
int yz_spaper_void(yz_store *st, int64_t paper, const char *audit_actor, const char *audit_detail,
                   yz_err *err);

/* Paper serial of survey into out: 0, 1 when there is none, -1 with err. */
int yz_spaper_get(yz_store *st, const char *survey, long serial, yz_spaper *out, yz_err *err);

/* One keying of a paper, written as one transaction by yz_spaper_put. */
typedef struct yz_spaper_keying {
	const char *survey;
	long serial;
	const char *mode;          /* "self", "proxy", "counter" */
	int pass;                  /* 0 single entry, 1 or 2 double entry */
	int64_t clerk;             /* users.id */
	const char *day;           /* YYYY-MM-DD: never a time */
	const char *const *fields; /* the answers: entry field ids and values, */
	const char *const *values; /* none empty */
	size_t n;
	/* pass 2 only: the state the comparison gave (COUNTED: pass 0 is written
	 * as a copy of these answers, with this clerk; DIFFERENT: waits). */
	int state;
	/* the first keying (pass 0 or 1) only: */
	int64_t resident;         /* a named survey's respondent (0 = none) */
	const char *proxy;        /* who filled it in (NULL or "" = nobody) */
	bool anonymous;           /* the proxy is counted per survey, never kept with the paper */
	const char *audit_actor;  /* the audit row written in the same transaction: */
	const char *audit_detail; /* "survey needs serial 12 pass 1" (never answers) */
} yz_spaper_keying;

/* Store one keying: pass 0 or 1 makes the paper (refused with YZ_ERR_INVALID
 * when the serial is there already: another counter was faster), pass 2
 * adds to it. 0, or -1 with err and nothing stored. */
int yz_spaper_put(yz_store *st, const yz_spaper_keying *k, yz_err *err);

/* The answers of one pass of a paper, in field order: fn(field, value, ctx)
 * for each; fn returns 0 to go on. 0, or -1 with err. */
typedef int (*yz_sanswer_fn)(const char *field, const char *value, void *ctx);
int yz_spaper_answers(yz_store *st, int64_t paper, int pass, yz_sanswer_fn fn, void *ctx,
                      yz_err *err);

/* Settle a paper that waits for a third look: pass 0 gets these answers
 * (none empty), the paper's mode becomes mode, its state COUNTED, clerk is
 * recorded as pass 0's keying, and the audit row in the same transaction.
 * 0, or -1 with err. */
int yz_spaper_settle(yz_store *st, int64_t paper, const char *mode, int64_t clerk, const char *day,
                     const char *const *fields, const char *const *values, size_t n,
                     const char *audit_actor, const char *audit_detail, yz_err *err);

/* The papers of survey in the state state (-1: every state), by serial:
 * fn(paper, ctx) for each; fn returns 0 to go on. */
typedef int (*yz_spaper_fn)(const yz_spaper *p, void *ctx);
int yz_spaper_each(yz_store *st, const char *survey, int state, yz_spaper_fn fn, void *ctx,
                   yz_err *err);

/* The papers that count of survey with their pass-0 answers, by serial:
 * fn(serial, mode, n, fields, values, ctx); fn returns 0 to go on. */
typedef int (*yz_scounted_fn)(long serial, const char *mode, size_t n, const char *const *fields,
                              const char *const *values, void *ctx);
int yz_spaper_each_counted(yz_store *st, const char *survey, yz_scounted_fn fn, void *ctx,
                           yz_err *err);

/* The counts of survey's papers. */
typedef struct yz_spaper_counts {
	long issued;     /* serials issued */
	long returned;   /* papers keyed at least once */
	long counted;    /* state COUNTED */
	long waiting;    /* state WAITING */
	long different;  /* state DIFFERENT */
	long by_mode[3]; /* counted papers: self, proxy, counter */
} yz_spaper_counts;
int yz_spaper_counts_get(yz_store *st, const char *survey, yz_spaper_counts *out, yz_err *err);

#endif
