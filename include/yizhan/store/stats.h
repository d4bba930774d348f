/* store/stats.h: what the station's statistics read (issue 16) — the few
 * columns of every case that matters to a period, its bu zheng pauses, the
 * forwards sent and the ratings given in the period, streamed to callbacks:
 * the small sets read first, then the cases merged with them (never a query
 * per case: one scan of the table for a period that holds many, the open and
 * the lately closed through an index for one that holds few), inside one read
 * transaction so that the figures agree with each other. The counting itself (working days,
 * on time, the splits) is the service's (service/stats.h). The store module,
 * src/store/stats.c; the whole API: yizhan/store.h. */
#ifndef YZ_STORE_STATS_H
#define YZ_STORE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/store/db.h"

/* What to read: the period's days, and which keys each record carries. */
typedef struct yz_stats_query {
	yz_date from; /* first day (local) */
	yz_date to;   /* last day (local, inclusive) */
	bool keys;    /* each record with its case's line, form, item and clerk */
	bool grid;    /* ... and the applicant's grid (resident → household → place) */
} yz_stats_query;

/* The keys of the case a record belongs to ("" when not asked for or not
 * known). The strings live until the callback returns. */
typedef struct yz_stats_keys {
	const char *line;    /* business line, as the case recorded it */
	const char *form_id; /* the form's id */
	const char *item;    /* the item's title, as the case recorded it */
	const char *clerk;   /* login of the clerk who accepted it */
	const char *grid;    /* name of the applicant's household's grid */
} yz_stats_keys;

/* A stretch the clock stood still (bu zheng). */
typedef struct yz_stats_pause {
	char from[11];  /* the day the case started waiting */
	char until[11]; /* the day the clock ran again; "" still waiting */
} yz_stats_pause;

/* Most pauses of one case handed on (more are very unlikely; the rest are
 * counted in n_pauses_all). */
#define YZ_STATS_MAX_PAUSES 16

/* A case accepted by the period's last day and not closed before its first. */
typedef struct yz_stats_case {
	int64_t id;
	char accepted[11];  /* accepted_date */
	char closed[11];    /* the local date it was closed; "" while open */
	char due[11];       /* the promised date, pauses and approved extensions counted in
	                       ("" unknown) */
	int promise_days;   /* the promised working days at intake (0 on the spot, -1 unknown) */
	yz_stats_keys keys; /* as asked for */
	yz_stats_pause pauses[YZ_STATS_MAX_PAUSES]; /* its pauses started by the period's end */
	size_t n_pauses;                            /* in pauses */
	size_t n_pauses_all;                        /* all of them (n_pauses or more) */
} yz_stats_case;

/* A forward (yi jiao) sent in the period. */
typedef struct yz_stats_forward {
	int64_t case_id;
	const char *department;
	char sent[11];      /* sent_date */
	char due[11];       /* the department's due date ("" none) */
	char answered[11];  /* the date its result came back ("" not yet) */
	yz_stats_keys keys; /* its case's */
} yz_stats_forward;

/* A rating (hao cha ping) given in the period. */
typedef struct yz_stats_rating {
	int64_t case_id;
	int score;          /* 1 very satisfied .. 5 very dissatisfied */
	char date[11];      /* the local date it was given */
	bool followed;      /* a follow-up (hui fang) of its case is done */
	yz_stats_keys keys; /* its case's */
} yz_stats_rating;

/* Where the records go; a callback returning non-zero stops the reading
 * (yz_stats_read then returns -1 with err as the callback left it). Any
 * callback may be NULL (that pass is skipped). */
typedef struct yz_stats_sink {
	int (*on_case)(const yz_stats_case *c, void *ctx);
	int (*on_forward)(const yz_stats_forward *f, void *ctx);
	int (*on_rating)(const yz_stats_rating *r, void *ctx);
	void *ctx;
} yz_stats_sink;

/* Read the period q into sink: every case accepted by q->to and open or closed
 * on or after q->from, the forwards sent from q->from to q->to, the ratings
 * given on those days (local dates). The records come in the order of their
 * cases' ids, a case's forwards and rating right after the case's own record.
 * 0, or -1 with err. */
int yz_stats_read(yz_store *st, const yz_stats_query *q, const yz_stats_sink *sink, yz_err *err);

/* The local date of a UTC stamp "YYYY-MM-DDTHH:MM:SSZ" into out ("" when it is
 * not one). */
void yz_stats_local_date(const char *stamp, char out[11]);

#endif
