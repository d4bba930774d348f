/* records/stats.h: the records the statistics are counted from (issue 16;
 * issue 17 at the hub) — what to read, the keys of a case, a case with its
 * bu zheng pauses, a forward, a rating, and the sink they are handed to.
 * Plain types (core only): the station's store (store/stats.h,
 * yz_stats_read) and the district hub (hub.h, yz_hub_stats_read) read them
 * alike, the service (service/stats.h) counts them whichever read them. */
#ifndef YZ_RECORDS_STATS_H
#define YZ_RECORDS_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"

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
	const char *grid;    /* name of the applicant's household's grid ("" at the hub:
	                        residents stay at each station) */
	const char *station; /* the station's code ("" at a station: its own) */
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
	int64_t id;         /* the station's case id; at the hub a number unique over one read */
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
	int64_t case_id; /* its case's id */
	const char *department;
	char sent[11];      /* sent_date */
	char due[11];       /* the department's due date ("" none) */
	char answered[11];  /* the date its result came back ("" not yet) */
	yz_stats_keys keys; /* its case's */
} yz_stats_forward;

/* A rating (hao cha ping) given in the period. */
typedef struct yz_stats_rating {
	int64_t case_id;    /* as a forward's */
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

#endif
