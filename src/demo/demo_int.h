/* Internal to the demo module: the parsed data/demo.txt (demo_data.c), the
 * seeded generator and the state the generator keeps while it fills a station
 * (demo.c: people and households; demo_cases.c: a month of cases;
 * demo_life.c: their lifecycle). Everything goes through the store's public
 * API (the concept headers under yizhan/store/). */
#ifndef YZ_DEMO_INT_H
#define YZ_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "yizhan/demo.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/db.h"
#include "yizhan/store/lifecycle.h"
#include "yizhan/store/residents.h"
#include "yizhan/store/staff.h"
#include "yizhan/store/talk.h"
#include "yizhan/store/users.h"

/* ---- data/demo.txt (demo_data.c) ---- */

/* One [section]: its words in file order, and where each line starts. */
typedef struct demo_section {
	char *name;         /* without brackets; points into demo_data.text */
	char **words;       /* every word of every line, in order */
	size_t n_words;     /* number of words */
	size_t *line_start; /* n_lines + 1 entries: index of each line's first word, then n_words */
	size_t n_lines;     /* number of non-comment lines */
} demo_section;

/* The whole file. */
typedef struct demo_data {
	char *text;         /* the file's bytes, cut into words in place */
	demo_section *secs; /* sections in file order */
	size_t n_secs;      /* number of sections */
} demo_data;

int demo_data_load(const char *dir, demo_data *d, yz_err *err);
void demo_data_free(demo_data *d);
/* NULL when absent. */
const demo_section *demo_section_get(const demo_data *d, const char *name);
/* The words of line i; *n receives their number. */
char *const *demo_line(const demo_section *s, size_t i, size_t *n);

/* ---- the seeded generator ---- */

/* splitmix64: a seed always gives the same sequence, on any platform. */
typedef struct demo_rng {
	uint64_t s; /* state */
} demo_rng;

static inline uint64_t demo_rng_next(demo_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1 (0 when n is 0). */
static inline size_t demo_below(demo_rng *r, size_t n)
{
	return n ? (size_t)(demo_rng_next(r) % n) : 0;
}

static inline bool demo_chance(demo_rng *r, unsigned percent)
{
	return demo_below(r, 100) < percent;
}

/* ---- the generator's state ---- */

/* The sections of data/demo.txt, by position in demo_ctx.sec. */
enum demo_sec {
	S_USERS,
	S_CITY,
	S_REGIONS,
	S_PARTS,
	S_SURNAMES,
	S_COMPOUND,
	S_MALE,
	S_FEMALE,
	S_RARE,
	S_MINORITY,
	S_ETHNIC,
	S_RELATIONS,
	S_PURPOSES,
	S_MATERIALS,
	S_GRIDS,
	S_STAFFING, /* two lines: the line B clerks hold, then the sensitive line */
	S_LEDGERS,  /* ledger_samples: "key words..." lines (demo_ledgers.c) */
	S_COUNT
};

/* Everything the generator needs while it runs. */
typedef struct demo_ctx {
	yz_store *st;                     /* the station being filled */
	demo_rng r;                       /* the seeded generator */
	yz_date today;                    /* the station's today */
	long today_days;                  /* today as days since 1970 */
	const yz_calendar *cal;           /* working days for promised dates (NULL:
	                                     Monday to Friday) */
	yz_clock clock;                   /* the store's clock when the demo began: the
	                                     real time of what is not back-dated; the
	                                     store gets it back at the end */
	time_t at;                        /* the past moment the store's clock stands at
	                                     while a case is stamped (demo_cases.c) */
	const demo_section *sec[S_COUNT]; /* sections by enum demo_sec */
	char actor[33];                   /* the admin login, for registry changes */
	char head[33];                    /* the station head's login ("" = none) */
	char clerks[16][33];              /* logins of the clerk accounts */
	size_t n_clerks;                  /* number of clerks */
	int64_t *res;                     /* ids of the residents added */
	size_t n_res;                     /* number of them */
	size_t cap_res;                   /* allocated entries of res */
	const char **lines;               /* business lines of the cases added (the
	                                     items' own strings), each once */
	size_t n_lines;                   /* number of them */
	int64_t station_place;            /* the station's place */
	int64_t grids[16];                /* its grids, by section word */
	size_t n_grids;                   /* number of grids */
	int hh_size;                      /* members of the household being added */
	unsigned houses;                  /* house numbers a street has (the drawn
	                                     1..300 folded into 1..houses): fewer
	                                     in a big station (demo.c) */
} demo_ctx;

/* A random word of a section. */
const char *demo_pick(demo_ctx *c, int sec);

/* The month of cases (demo_cases.c): n_cases over items, the last 29 days and
 * today, each stamped at its own past time; finished ones closed. */
int demo_add_cases(demo_ctx *c, const char *station, int n_cases, const yz_demo_item *items,
                   size_t n_items, yz_err *err);
/* One case of item it for resident rid (0 = one drawn), accepted offset days
 * ago at *t, its fields as the month's cases get them; on-the-spot items are
 * done, the others open. */
int demo_case_new(demo_ctx *c, const char *station, int offset, const yz_demo_item *it, int64_t rid,
                  time_t *t, yz_case *cs, yz_err *err);
/* The local time of a day, minutes after midnight. */
time_t demo_local_time(yz_date d, int minutes);

/* The lifecycle (demo_life.c): A and B clerks on every line of the cases, one
 * line sensitive, the second clerk away, open cases of the first paused,
 * forwarded and waiting for the head, and ratings of the latest closed cases. */
int demo_lifecycle(demo_ctx *c, yz_err *err);

/* Rows for every shipped ledger (demo_ledgers.c): cases of the ledgers' forms
 * in this year, all closed, forwards answered, ratings, a talk day, a done
 * follow-up, volunteers' hours. Runs after everything else. */
int demo_ledger_cases(demo_ctx *c, const char *station, const yz_demo_item *items, size_t n_items,
                      yz_err *err);

#endif
