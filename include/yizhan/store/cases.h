/* store: cases: creation with their numbers, fields, materials, timeline and lists
 * (the store module, src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_CASES_H
#define YZ_STORE_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

/* Whether a case is open or closed (yz_case.status). The database keeps it as
 * text, the words every version wrote; only the store converts (src/store/vocab.c).
 * A word no version wrote (a damaged or hand-edited file) reads as
 * YZ_CASE_STATUS_UNKNOWN: shown as unknown, treated as not open, never written. */
typedef enum yz_case_status {
	YZ_CASE_ACCEPTED,       /* open: accepted and not closed yet (yi shou li) */
	YZ_CASE_DONE,           /* closed; yz_case.result says how (yi ban jie) */
	YZ_CASE_STATUS_UNKNOWN, /* read from a damaged database */
} yz_case_status;

/* How a closed case ended (yz_case.result); stored as text like the status. */
typedef enum yz_case_result {
	YZ_RESULT_NONE,      /* the case is open (no result yet) */
	YZ_RESULT_APPROVED,  /* granted */
	YZ_RESULT_REFUSED,   /* decided against the applicant */
	YZ_RESULT_ANSWERED,  /* a question or request answered */
	YZ_RESULT_RESOLVED,  /* a problem solved */
	YZ_RESULT_WITHDRAWN, /* the resident withdrew it (che hui) */
	YZ_RESULT_REJECTED,  /* not accepted (bu yu shou li), head approved */
	YZ_RESULT_UNKNOWN,   /* read from a damaged database */
} yz_case_result;

typedef struct yz_case {
	int64_t id;
	char number[40]; /* <station>-<year>-<6 digits> */
	char form_id[64];
	char item[128]; /* the form's title at the time of intake */
	char line[64];  /* business line */
	int64_t resident_id;
	char resident_name[128];
	char resident_idno[19];
	yz_case_status status; /* open or closed */
	char clerk_login[33];
	char clerk_name[128];
	char accepted_date[11]; /* local date of intake */
	char due_date[11];      /* promised date; "" if none */
	char created_at[21];    /* UTC */
	/* Schema 3: the lifecycle (issue 4). status stays YZ_CASE_ACCEPTED while the
	 * case is open and YZ_CASE_DONE once closed; result says how it ended.
	 * The workflow state is not a closed vocabulary: each form declares its own
	 * states, so it stays the form's state id (text), not an enum. */
	char state[64];        /* workflow state id of the form (YZ_STATE_* built in) */
	yz_case_result result; /* YZ_RESULT_NONE while open */
	char owner[33];        /* login responsible now (first clerk until a hand-over) */
	char owner_name[128];
	char paused_since[11];   /* date the clock stopped (bu zheng); "" when running */
	int64_t forward_id;      /* case_forwards row while at a department; 0 otherwise */
	char department[128];    /* that department; "" when not forwarded */
	char dept_due[11];       /* the department's due date; "" when none */
	int extension_days;      /* approved extensions, working days */
	int promise_days;        /* promised limit at intake (-1 = unknown, old case) */
	int legal_days;          /* legal limit at intake (-1 = unknown) */
	char legal_due_date[11]; /* computed legal deadline; "" when unknown */
	char eff_due[11];        /* earlier of due_date and dept_due; "" while paused/closed */
	char closed_at[21];      /* UTC; "" while open */
	int rating;              /* 1-5 (1 = very satisfied), 0 = not rated */
	bool sensitive;          /* the case's line is sensitive */
} yz_case;

/* Values and materials of a new case, as the intake collected them. */
typedef struct yz_case_new {
	const char *form_id;
	const char *item;
	const char *line;
	int64_t resident_id;
	const char *clerk_login;
	const char *accepted_date;     /* local date YYYY-MM-DD */
	const char *due_date;          /* may be "" */
	yz_case_status status;         /* YZ_CASE_ACCEPTED (the zero value); on-the-spot items
	                                  YZ_CASE_DONE */
	const char *const *field_keys; /* n_fields field id → value pairs */
	const char *const *field_vals;
	size_t n_fields;
	const char *const *materials; /* labels of the materials received */
	size_t n_materials;
	/* Schema 3 (all optional: zero values keep the skeleton's behaviour). */
	const char *state;          /* initial workflow state; NULL = "accepted"/"done" */
	int promise_days;           /* promised limit; with legal_days 0 = unknown */
	int legal_days;             /* legal limit */
	const char *legal_due_date; /* computed legal deadline; NULL = "" */
} yz_case_new;

/* In one transaction: allocate the next number for (station, year) — no gaps, no
 * duplicates across processes —, insert the case, its fields and materials, a
 * timeline event "accepted" and an audit row. out receives the stored case. */
int yz_case_create(yz_store *st, const char *station_code, int year, const yz_case_new *in,
                   yz_case *out, yz_err *err);

int yz_case_get(yz_store *st, const char *number, yz_case *out, yz_err *err); /* 1 = none */
/* An open case (YZ_CASE_ACCEPTED) of form form_id for resident resident_id —
 * the duplicate guard's question, answered by the resident's index: 0 with it
 * in *out (may be NULL), 1 when there is none, -1 on error. Inside the
 * caller's transaction (yz_store_begin) the answer holds until its commit. */
int yz_case_open_of(yz_store *st, const char *form_id, int64_t resident_id, yz_case *out,
                    yz_err *err);

/* The case's field values (field id → value), in intake order; caller frees with
 * yz_kv_free. */
typedef struct yz_kv_list {
	char **keys;
	char **vals;
	size_t n;
} yz_kv_list;
void yz_kv_free(yz_kv_list *kv);
/* Append a copy of key and val (NULL = "") to kv; 0, or -1 when out of memory
 * (kv unchanged). */
int yz_kv_push(yz_kv_list *kv, const char *key, const char *val);
int yz_case_fields(yz_store *st, int64_t case_id, yz_kv_list *out, yz_err *err);
/* Materials received (labels in keys, "" in vals). */
int yz_case_materials(yz_store *st, int64_t case_id, yz_kv_list *out, yz_err *err);

typedef struct yz_case_event {
	char at[21];    /* UTC */
	char actor[33]; /* login */
	char actor_name[128];
	char kind[32]; /* accepted, printed, print_failed, reprinted, done, … */
	char note[256];
	char from_state[64]; /* schema 3: state before a transition ("" for other events) */
	char to_state[64];   /* state after it */
	char on_behalf[33];  /* B clerk acting for this absent A clerk; "" otherwise */
} yz_case_event;

int yz_case_event_add(yz_store *st, int64_t case_id, const char *actor, const char *kind,
                      const char *note, yz_err *err);
/* Oldest first; returns up to max, *n the number written. */
int yz_case_timeline(yz_store *st, int64_t case_id, yz_case_event *out, size_t max, size_t *n,
                     yz_err *err);
/* Open (YZ_CASE_ACCEPTED) or close (YZ_CASE_DONE, result resolved unless set)
 * the case; event of the status's name ("accepted", "done"). */
int yz_case_set_status(yz_store *st, int64_t case_id, yz_case_status status, const char *actor,
                       const char *note, yz_err *err);

/* Which cases a list selects by where they stand (yz_case_filter.which). */
typedef enum yz_case_select {
	YZ_CASES_ALL,       /* every case */
	YZ_CASES_OPEN,      /* open (status YZ_CASE_ACCEPTED) */
	YZ_CASES_CLOSED,    /* not open */
	YZ_CASES_PAUSED,    /* open and waiting for the resident's materials (bu zheng) */
	YZ_CASES_FORWARDED, /* open and at a department (yi jiao) */
} yz_case_select;

typedef struct yz_case_filter {
	const char *accepted_date; /* only cases accepted on this local date; NULL = any */
	yz_case_select which;      /* open, closed, ...; YZ_CASES_ALL (0) = any */
	const char *clerk_login;   /* NULL = any */
	size_t limit;              /* 0 = no limit */
	/* Schema 3 (NULL / 0 = no condition): */
	const char *owner;      /* cases this login owns now */
	const char *line;       /* business line */
	const char *overdue_on; /* open cases whose eff_due is before this date */
	const char *due_by;     /* open cases whose eff_due is on or before this date */
	const char *due_from;   /* open cases whose eff_due is on or after this date */
	const char *visible_to; /* only cases this clerk may see (own + A/B lines); NULL = all */
	bool by_due;            /* sort by due date (soonest first) instead of newest first */
} yz_case_filter;

/* Newest first. The callback returns non-zero to stop. */
typedef int (*yz_case_cb)(const yz_case *c, void *ctx);
int yz_case_list(yz_store *st, const yz_case_filter *f, yz_case_cb cb, void *ctx, yz_err *err);

/* Today's figures for the home screen: accepted today, open (not done), overdue
 * (open with a due date before today). */
typedef struct yz_case_stats {
	long accepted_today;
	long open;
	long overdue;
} yz_case_stats;
int yz_case_stats_get(yz_store *st, const char *today, yz_case_stats *out, yz_err *err);
/* Cases accepted on date (station-wide): the cheap part of the figures. */
int yz_case_count_accepted(yz_store *st, const char *date, long *n, yz_err *err);

#endif
