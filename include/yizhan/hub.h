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
#include "yizhan/records/ledger.h"

/* The hub's schema version that this program writes (hub_meta.version). */
#define YZ_HUB_SCHEMA_VERSION 2

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

/* Whether the connection's login is the hub's admin (the owner of its
 * tables or a member of that role), not a station's or a department's; a
 * hub with no schema yet is an error. */
int yz_hub_is_admin(yz_hub *h, bool *admin, yz_err *err);

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

#include "yizhan/records/stats.h"

/* The records of the statistics of period q, read at the hub across stations:
 * the same records and the same meaning as the station's yz_stats_read
 * (store/stats.h) — every case accepted by q->to and open or closed on or
 * after q->from, with its pauses started by q->to; the forwards sent in the
 * period, answered on their own result date, else on the date of the hub's
 * answer (a department answered here, the station not synced yet); the
 * ratings given in it, followed when a follow-up of their case is done. Every
 * record's keys are filled (station code, line, form, item, clerk login; grid
 * ""), whatever q asks. station: one station's code, NULL = every station the
 * login may read (row-level security: the admin every one, a station's login
 * its own). Deleted rows never count. Cases get ids unique over this read,
 * their forwards and rating the same; a case's record comes first, then its
 * forwards and its rating (the cases in no particular order).
 * One read-only snapshot, streamed a row at a time (a million cases are never
 * held at once). 0, or -1 with err (a callback returning non-zero stops the
 * reading, err as it left it). */
int yz_hub_stats_read(yz_hub *h, const char *station, const yz_stats_query *q,
                      const yz_stats_sink *sink, yz_err *err);

/* ---- ledgers across stations (hub/ledger.c) --------------------------------------- */

/* The rows of the stations' ledgers as the hub holds them, the same records
 * the station's store streams (records/ledger.h): cases (the case, its
 * applicant when its form shares it, its shared fields when q->fields, its
 * latest forward with the department's answer made at the hub when the
 * station has not synced it yet, its rating and pauses), forwards and
 * follow-ups; q->station narrows to one station. What the hub does not hold
 * is "" (a household, the registry's person, users' names: logins instead;
 * a follow-up's outcome and attempts). One REPEATABLE READ READ ONLY
 * transaction (the rows and their fields agree), cursors fetched in chunks
 * (a district's year is never one result in memory), rows in (station, case
 * number) order; deleted rows never. Row-level security decides whose rows a
 * login reads. 0 at the end, the callback's value when it stopped, -1 with
 * err. */
int yz_hub_lrows_cases(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err);
int yz_hub_lrows_forwards(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err);
int yz_hub_lrows_followups(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx,
                           yz_err *err);
/* Each shared applicant's latest case of form_id accepted on or before to
 * ("" = any), at station (NULL or "" = every station the login reads): for
 * a ledger's latest.<form>. The person is the yz_lrow_person.id the readers
 * above give the applicant (the same station and ID number, the same id);
 * status and result are the station's words. In no particular order. 0, the
 * callback's value when it stopped, -1 with err. */
typedef int (*yz_hub_latest_cb)(int64_t person_id, const char *status, const char *result,
                                const char *accepted, void *ctx);
int yz_hub_lrows_latest(yz_hub *h, const char *station, const char *form_id, const char *to,
                        yz_hub_latest_cb cb, void *ctx, yz_err *err);

/* ---- files published to the stations (hub/publish.c) ------------------------------ */

/* What the district publishes to its stations: a form "forms/NAME.form", a
 * ledger "forms/ledgers/NAME.ledger" or the working-day calendar
 * "calendar.txt" (NAME: letters, digits, '_', '.', '-', not starting with a
 * dot). Every station and department reads them; only the hub's owner
 * (`hub init`'s admin) publishes. Each publication or withdrawal gets a new
 * version, greater than every earlier one; a station takes what came after
 * the last version it took (yz_hub_published_since). */
#define YZ_HUB_PUBLISH_MAX (1024 * 1024) /* the largest file published, bytes */

/* Whether name is one a file may be published under. */
bool yz_hub_published_name_ok(const char *name);

/* One file to publish; version is filled: the new version, or 0 when the hub
 * held the same bytes under that name already (nothing changed). */
typedef struct yz_hub_pub_file {
	const char *name; /* as yz_hub_published_name_ok */
	const char *body; /* UTF-8 text, no NUL, at most YZ_HUB_PUBLISH_MAX bytes */
	size_t len;
	int64_t version; /* out */
} yz_hub_pub_file;

/* Publish n files in one transaction: all or none. */
int yz_hub_publish(yz_hub *h, yz_hub_pub_file *files, size_t n, yz_err *err);
/* Withdraw a published file: the stations remove it at their next sync.
 * *version: the withdrawal's version. NOT_FOUND when nothing of that name is
 * published (or it is withdrawn already). */
int yz_hub_withdraw(yz_hub *h, const char *name, int64_t *version, yz_err *err);

/* A published file (or its withdrawal). */
typedef struct yz_hub_published {
	char name[128];
	int64_t version;
	bool withdrawn;
	int64_t size;          /* bytes; 0 when withdrawn */
	char sha256[65];       /* of body, lowercase hex; "" when withdrawn */
	char published_at[21]; /* UTC, of the publication or withdrawal */
	char published_by[64]; /* the hub's role that did it */
	char *body;            /* malloc'd, NUL-terminated; NULL when withdrawn or listed */
} yz_hub_published;

/* Everything published, withdrawn ones too, by name (bodies not read). */
int yz_hub_published_list(yz_hub *h, yz_hub_published **out, size_t *n, yz_err *err);
/* For a station's sync: the rows with version > after, withdrawals too,
 * oldest first, at most max (0 = 50), with their bodies. *hub_version: the
 * hub's newest version (0 = nothing ever published; -1 = a hub of schema
 * version 1, which publishes nothing: no rows then): less than after when
 * the hub was put back from an older backup. */
int yz_hub_published_since(yz_hub *h, int64_t after, size_t max, yz_hub_published **out, size_t *n,
                           int64_t *hub_version, yz_err *err);
void yz_hub_published_free(yz_hub_published *p, size_t n);

#endif
