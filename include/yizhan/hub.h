/* hub: the district hub on PostgreSQL (issue 17) — the hub's schema and its
 * migrations, the stations and departments it serves (each a PostgreSQL role
 * that row-level security confines to its own rows), the station's sync (a
 * batch of changes in, the departments' answers out, the digests that show hub
 * and station agree) and the departments' inbox and answers. All PostgreSQL
 * and all of the hub's SQL live here, written through libpq with prepared
 * statements; the module knows nothing of SQLite, forms or sessions (it may
 * use text and core only). The service (service/sync.h) joins it to the
 * station's store.
 *
 * Functions return 0 on success and -1 with a message a clerk or an admin can
 * read in err (the server's own words after ours when it gave any). A
 * connection that failed (server gone, link dropped) is reported the same way;
 * the caller closes it and tries again later. Times are UTC
 * "YYYY-MM-DDTHH:MM:SSZ"; dates "YYYY-MM-DD". */
#ifndef YZ_HUB_H
#define YZ_HUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/text.h"

/* The hub's schema version that this program writes (hub_meta.version). */
#define YZ_HUB_SCHEMA_VERSION 1

typedef struct yz_hub yz_hub;

/* Connect. url: a libpq connection URI or "key=value" string ("" = libpq's
 * defaults: PGHOST, PGDATABASE…); password: NULL or "" = libpq's usual ways
 * (in the URL, PGPASSWORD, ~/.pgpass). connect_timeout_s: 0 = 10 s. The
 * connection's statements time out after 60 s (statement_timeout) so that a
 * hung hub never holds a station's sync for ever. */
int yz_hub_open(yz_hub **out, const char *url, const char *password, int connect_timeout_s,
                yz_err *err);
void yz_hub_close(yz_hub *h);

/* ---- the hub's administrator ---------------------------------------------------- */

/* Create the schema or migrate it to YZ_HUB_SCHEMA_VERSION, in one transaction;
 * *from and *to (may be NULL) tell the version before and after (0 = new). Needs a
 * role that may create tables and roles (the database's owner with CREATEROLE,
 * or a superuser). A hub newer than this program is refused. */
int yz_hub_migrate(yz_hub *h, int *from, int *to, yz_err *err);

/* Register a station: code [A-Z0-9]{1,16} (the station's case-number prefix),
 * its name; creates its login role yz_s_<code in lower case> with a new random
 * password. The role (a NUL-terminated name) and the password go to role and
 * password (each at least 64 bytes). A code already registered is refused. */
int yz_hub_station_add(yz_hub *h, const char *code, const char *name, char *role, char *password,
                       yz_err *err);
/* Register a department: code [A-Z0-9_]{1,16}; name exactly as the stations'
 * data/departments.txt spells it (forwards name their department so); its
 * login role is yz_d_<code in lower case>. */
int yz_hub_dept_add(yz_hub *h, const char *code, const char *name, char *role, char *password,
                    yz_err *err);

/* A station as the hub sees it. */
typedef struct yz_hub_station {
	char code[17];
	char name[160];
	char last_sync[21]; /* "" = never */
	int64_t last_seq;   /* the highest change received */
	int64_t backlog;    /* changes the station said were still waiting */
	int64_t rows;       /* changes received in all */
} yz_hub_station;

/* All stations, by code; *out is malloc'd (free()). */
int yz_hub_stations(yz_hub *h, yz_hub_station **out, size_t *n, yz_err *err);

/* What the connection's URL would be for another role: the same host, port
 * and database as h's, user role; for the lines `hub station add` prints. */
int yz_hub_url_for(yz_hub *h, const char *role, char *out, size_t n, yz_err *err);

/* ---- a station's sync -------------------------------------------------------------- */

/* One change (the station's outbox row). body NULL = the row was deleted. */
typedef struct yz_hub_change {
	int64_t seq;
	const char *kind; /* case, applicant, field, event, pause, forward, rating, followup */
	const char *key;
	const char *body; /* JSON text as the station wrote it; NULL = deleted */
} yz_hub_change;

/* Store a batch for station in one transaction; rows the hub already has
 * (station, seq) change nothing, so a batch sent again after a lost answer is
 * harmless. backlog: how many changes the station still has waiting after
 * this batch (the hub's status shows it). *acked = the highest seq the hub now
 * holds for the station (at least the batch's highest when this returns 0). */
int yz_hub_push(yz_hub *h, const char *station, const yz_hub_change *rows, size_t n,
                int64_t backlog, int64_t *acked, yz_err *err);

/* The highest seq the hub holds for station (0 = none): after a lost answer. */
int yz_hub_last_seq(yz_hub *h, const char *station, int64_t *seq, yz_err *err);
/* The same, and the id of the newest answer the hub holds for station (0 =
 * none): a hub put back from an older backup holds less of both than the
 * station has seen. */
int yz_hub_last_seen(yz_hub *h, const char *station, int64_t *seq, int64_t *answer_id, yz_err *err);

/* A department's answer to a forwarded case, for the station. */
typedef struct yz_hub_answer {
	int64_t id;           /* increasing per hub; the station keeps the last applied */
	char case_no[40];     /* the station's case number */
	char forward_key[64]; /* the forward's key (case number '/' id as %08d) */
	char department[160]; /* the department's name as the forward named it */
	char *result;         /* what the department decided (malloc'd) */
	char result_date[11];
	char answered_by[64]; /* the department's role (or admin) that answered */
	char answered_at[21];
} yz_hub_answer;

/* The answers for station with id > after_id, oldest first, at most max. */
int yz_hub_answers(yz_hub *h, const char *station, int64_t after_id, size_t max,
                   yz_hub_answer **out, size_t *n, yz_err *err);
void yz_hub_answers_free(yz_hub_answer *a, size_t n);

/* The hub's count and SHA-256 (64 lowercase hex digits) of station's rows of
 * one kind (the digest: the SHA-256 of "key\t" body "\n" of each row in key order). */
int yz_hub_digest(yz_hub *h, const char *station, const char *kind, int64_t *count, char hex[65],
                  yz_err *err);

/* The kinds in their order, NULL-terminated. */
extern const char *const yz_hub_kinds[];

/* ---- departments ------------------------------------------------------------------ */

/* One forwarded case in a department's inbox. */
typedef struct yz_hub_inbox_row {
	char station[17];
	char station_name[160];
	char case_no[40];
	char forward_key[64];
	char item[160];
	char department[160];
	char sent[11];
	char due[11];     /* "" = no due date */
	bool overdue;     /* open past due (as of today) */
	bool answered;    /* an answer waits at the hub or the station recorded one */
	char answer[256]; /* the answer's first words when answered */
} yz_hub_inbox_row;

typedef struct yz_hub_inbox_query {
	const char *dept;     /* department code; NULL = the connection's own (its role) */
	const char *today;    /* local date, for "overdue" */
	bool all;             /* answered ones too (else open only) */
	size_t offset, limit; /* a page; limit 0 = 100 */
	/* Keyset paging (the department's screen): the page after this row of
	 * the previous page, in the inbox's order (due, sent, station, key);
	 * offset is then ignored. NULL = the page at offset. */
	const yz_hub_inbox_row *after;
} yz_hub_inbox_query;

/* The department's forwarded cases from every station, by due date (none
 * last), then sent date; *out is malloc'd (free()). */
int yz_hub_inbox(yz_hub *h, const yz_hub_inbox_query *q, yz_hub_inbox_row **out, size_t *n,
                 yz_err *err);

/* Answer the forward (station, forward_key) for the department dept (code; NULL
 * = the connection's own). Refused when the forward is not the department's or
 * already answered. */
int yz_hub_answer_forward(yz_hub *h, const char *dept, const char *station, const char *forward_key,
                          const char *result, const char *result_date, yz_err *err);

/* The open forward of case_no at station to dept (NULL = own) → its key. */
int yz_hub_forward_of(yz_hub *h, const char *dept, const char *station, const char *case_no,
                      char key[64], yz_err *err);

/* One of a case's shared fields at the hub (the form's key, its value). */
typedef struct yz_hub_field {
	char *key;
	char *value;
} yz_hub_field;

/* One of a case's events at the hub. */
typedef struct yz_hub_event {
	char at[32];
	char kind[40];
	char actor[64];
	char *note; /* "" when none */
} yz_hub_event;

/* A forwarded case as its department may see it: what the station shared of
 * it (the case row, the applicant when the form shares it, the fields it
 * shares, the events) and the forward itself. Every string is valid UTF-8. */
typedef struct yz_hub_case_view {
	yz_hub_inbox_row fwd; /* the forward, as in the inbox (answer: first words) */
	char form[64];
	char state[64];  /* the case's step at the station */
	char status[32]; /* open, paused, closed … (the station's word) */
	char accepted[32];
	char case_due[11];        /* the station's promised date; "" = none */
	bool applicant;           /* the station shares the applicant */
	char applicant_name[160]; /* when applicant */
	char applicant_idno[40];
	yz_hub_field *fields; /* by key */
	size_t n_fields;
	yz_hub_event *events; /* oldest first */
	size_t n_events;
	char *answer; /* the whole answer when answered (the hub's, else the station's) */
	char answer_date[11];
} yz_hub_case_view;

/* The case of forward (station, forward_key) as department dept (code; NULL =
 * the connection's own) may see it: refused (NOT_FOUND) when the forward is
 * not that department's. A department's own role reads only through its
 * row-level security. today: local date for "overdue" (NULL = the hub's).
 * Free with yz_hub_case_view_free (also after a failure). */
int yz_hub_case_view_get(yz_hub *h, const char *dept, const char *station, const char *forward_key,
                         const char *today, yz_hub_case_view *out, yz_err *err);
void yz_hub_case_view_free(yz_hub_case_view *v);

/* ---- district statistics (hub/stats.c) ------------------------------------------- */

/* ---- ledgers across stations (hub/ledger.c) --------------------------------------- */

/* ---- files published to the stations (hub/publish.c) ------------------------------ */

#endif
