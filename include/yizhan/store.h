/* store: the station's SQLite database — schema and migrations, users, residents
 * and households, cases with their fields and timeline, print jobs, drafts and the
 * hash-chained audit log.
 *
 * One file per station, WAL mode, foreign_keys=ON, synchronous=FULL, busy timeout;
 * several counter processes may share it. Every statement is prepared with bound
 * parameters. Functions return 0 on success and -1 on failure with a translated
 * message in err (err may be NULL). Times are UTC "YYYY-MM-DDTHH:MM:SSZ"; dates
 * "YYYY-MM-DD". */
#ifndef YZ_STORE_H
#define YZ_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "yizhan/core.h"
#include "yizhan/text.h"

typedef struct yz_store yz_store;

/* The schema version this code writes (PRAGMA user_version). */
#define YZ_SCHEMA_VERSION 1

/* Open (creating if absent) and migrate to YZ_SCHEMA_VERSION. */
int yz_store_open(const char *path, yz_store **out, yz_err *err);
void yz_store_close(yz_store *st);
int yz_store_user_version(yz_store *st);

/* Settings kept in the database (key → value), e.g. "station_code". */
int yz_store_meta_set(yz_store *st, const char *key, const char *value, yz_err *err);
/* Copies into buf; returns 0, or 1 when the key is absent, -1 on error. */
int yz_store_meta_get(yz_store *st, const char *key, char *buf, size_t n, yz_err *err);

/* ---- users -------------------------------------------------------------- */

typedef enum yz_role { YZ_ROLE_CLERK = 0, YZ_ROLE_HEAD = 1, YZ_ROLE_ADMIN = 2 } yz_role;

typedef struct yz_user {
	int64_t id;
	char login[33]; /* [a-z0-9_.]{1,32} */
	char name[128]; /* display name, UTF-8 */
	char phone[32];
	yz_role role;
} yz_user;

/* Password hashed with crypt() using yescrypt ("$y$", salt from crypt_gensalt). */
int yz_user_add(yz_store *st, const char *login, const char *name, const char *phone, yz_role role,
		const char *password, yz_err *err);
int yz_user_set_password(yz_store *st, const char *login, const char *password, yz_err *err);
int yz_user_get(yz_store *st, const char *login, yz_user *out, yz_err *err); /* 1 = no such user */

typedef enum yz_login_result {
	YZ_LOGIN_OK,
	YZ_LOGIN_BAD,    /* unknown user or wrong password (the clerk is not told which) */
	YZ_LOGIN_LOCKED, /* 5 failures: locked for 5 minutes; *locked_seconds says how long is left */
	YZ_LOGIN_ERROR,  /* database error, err set */
} yz_login_result;

#define YZ_LOGIN_MAX_FAILURES 5
#define YZ_LOGIN_LOCK_SECONDS 300

/* Checks the password; counts failures per account; a success resets the count.
 * now is passed in so that tests can move the clock. */
yz_login_result yz_user_login(yz_store *st, const char *login, const char *password, time_t now,
			      yz_user *out, int *locked_seconds, yz_err *err);

/* ---- residents ----------------------------------------------------------- */

typedef struct yz_resident {
	int64_t id;
	char name[128];
	char idno[19];     /* 18 characters, upper-case X */
	char birth[11];    /* derived from idno */
	int female;        /* derived from idno */
	char ethnicity[32];
	char phone[32];
	char address[256]; /* residence address */
	int64_t household_id; /* 0 = none */
	char relation[32];    /* relationship to the household head: 户主, 配偶, 子女, … */
} yz_resident;

/* Insert; r->id receives the new id. The ID number must be valid and unique. */
int yz_resident_add(yz_store *st, yz_resident *r, const char *actor, yz_err *err);
/* Update name/phone/address/…; every changed column is written to resident_history. */
int yz_resident_update(yz_store *st, const yz_resident *r, const char *actor, const char *case_no,
		       yz_err *err);
int yz_resident_get(yz_store *st, int64_t id, yz_resident *out, yz_err *err); /* 1 = none */
int yz_resident_by_idno(yz_store *st, const char *idno, yz_resident *out, yz_err *err); /* 1 = none */

/* Find by full ID number, ID suffix (4-6 characters), exact name or name prefix.
 * Exact matches first. Fills up to max results; *n receives how many. */
int yz_resident_find(yz_store *st, const char *query, yz_resident *out, size_t max, size_t *n,
		     yz_err *err);
long yz_resident_count(yz_store *st);

/* Create a household with an address; returns its id in *id. */
int yz_household_add(yz_store *st, const char *address, int64_t *id, yz_err *err);
/* Members of a household, head first. */
int yz_household_members(yz_store *st, int64_t household_id, yz_resident *out, size_t max,
			 size_t *n, yz_err *err);

/* ---- cases --------------------------------------------------------------- */

/* Case states of the skeleton; the case-lifecycle work adds the workflow. */
#define YZ_CASE_ACCEPTED "accepted" /* 已受理 */
#define YZ_CASE_DONE     "done"     /* 已办结 */

typedef struct yz_case {
	int64_t id;
	char number[40];     /* <station>-<year>-<6 digits> */
	char form_id[64];
	char item[128];      /* the form's title at the time of intake */
	char line[64];       /* business line */
	int64_t resident_id;
	char resident_name[128];
	char resident_idno[19];
	char status[24];     /* YZ_CASE_* */
	char clerk_login[33];
	char clerk_name[128];
	char accepted_date[11]; /* local date of intake */
	char due_date[11];      /* promised date; "" if none */
	char created_at[21];    /* UTC */
} yz_case;

/* Values and materials of a new case, as the intake collected them. */
typedef struct yz_case_new {
	const char *form_id;
	const char *item;
	const char *line;
	int64_t resident_id;
	const char *clerk_login;
	const char *accepted_date; /* local date YYYY-MM-DD */
	const char *due_date;      /* may be "" */
	const char *status;        /* usually YZ_CASE_ACCEPTED; on-the-spot items YZ_CASE_DONE */
	const char *const *field_keys; /* n_fields field id → value pairs */
	const char *const *field_vals;
	size_t n_fields;
	const char *const *materials; /* labels of the materials received */
	size_t n_materials;
} yz_case_new;

/* In one transaction: allocate the next number for (station, year) — no gaps, no
 * duplicates across processes —, insert the case, its fields and materials, a
 * timeline event "accepted" and an audit row. out receives the stored case. */
int yz_case_create(yz_store *st, const char *station_code, int year, const yz_case_new *in,
		   yz_case *out, yz_err *err);

int yz_case_get(yz_store *st, const char *number, yz_case *out, yz_err *err); /* 1 = none */

/* The case's field values (field id → value), in intake order; caller frees with
 * yz_kv_free. */
typedef struct yz_kv_list {
	char **keys;
	char **vals;
	size_t n;
} yz_kv_list;
void yz_kv_free(yz_kv_list *kv);
int yz_case_fields(yz_store *st, int64_t case_id, yz_kv_list *out, yz_err *err);
/* Materials received (labels in keys, "" in vals). */
int yz_case_materials(yz_store *st, int64_t case_id, yz_kv_list *out, yz_err *err);

typedef struct yz_case_event {
	char at[21];        /* UTC */
	char actor[33];     /* login */
	char actor_name[128];
	char kind[32];      /* accepted, printed, print_failed, reprinted, done, … */
	char note[256];
} yz_case_event;

int yz_case_event_add(yz_store *st, int64_t case_id, const char *actor, const char *kind,
		      const char *note, yz_err *err);
/* Oldest first; returns up to max, *n the number written. */
int yz_case_timeline(yz_store *st, int64_t case_id, yz_case_event *out, size_t max, size_t *n,
		     yz_err *err);
int yz_case_set_status(yz_store *st, int64_t case_id, const char *status, const char *actor,
		       const char *note, yz_err *err);

typedef struct yz_case_filter {
	const char *accepted_date; /* only cases accepted on this local date; NULL = any */
	const char *status;        /* NULL = any */
	const char *clerk_login;   /* NULL = any */
	size_t limit;              /* 0 = no limit */
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

/* ---- print jobs ------------------------------------------------------------ */

/* States of a print job. */
#define YZ_JOB_PENDING "pending"
#define YZ_JOB_SENT    "sent"    /* accepted by CUPS */
#define YZ_JOB_PRINTED "printed" /* CUPS reports completed */
#define YZ_JOB_FAILED  "failed"  /* not accepted; reason says why; waits in the reprint list */

typedef struct yz_print_job {
	int64_t id;
	int64_t case_id;
	char case_number[40];
	char doc[24];       /* receipt, certificate, … */
	char printer[128];  /* CUPS destination */
	char state[16];     /* YZ_JOB_* */
	char reason[256];   /* translated reason of the last failure */
	int cups_job_id;    /* 0 until CUPS accepted it */
	int attempts;
	char created_at[21];
	char updated_at[21];
} yz_print_job;

int yz_job_add(yz_store *st, int64_t case_id, const char *doc, const char *printer, int64_t *id,
	       yz_err *err);
int yz_job_update(yz_store *st, int64_t job_id, const char *state, int cups_job_id,
		  const char *reason, yz_err *err);
int yz_job_get(yz_store *st, int64_t job_id, yz_print_job *out, yz_err *err); /* 1 = none */
/* Jobs in state (NULL = failed and pending), oldest first. */
int yz_job_list(yz_store *st, const char *state, yz_print_job *out, size_t max, size_t *n,
		yz_err *err);

/* ---- drafts: nothing typed is lost ---------------------------------------- */

/* One draft per (clerk, form). Values are saved on every change. */
int yz_draft_save(yz_store *st, const char *clerk, const char *form_id, const yz_kv_list *values,
		  yz_err *err);
int yz_draft_load(yz_store *st, const char *clerk, const char *form_id, yz_kv_list *out,
		  yz_err *err); /* 1 = none */
int yz_draft_delete(yz_store *st, const char *clerk, const char *form_id, yz_err *err);

/* ---- audit log: append-only, each row hashes the previous one ------------- */

int yz_audit_append(yz_store *st, const char *actor, const char *action, const char *detail,
		    yz_err *err);
/* 0 when the chain is intact; 1 with *bad_id the first broken row; -1 on error. */
int yz_audit_verify(yz_store *st, int64_t *bad_id, yz_err *err);

/* ---- demo station ---------------------------------------------------------- */

typedef struct yz_demo_item {
	const char *form_id;
	const char *title;
	const char *line;
	int promise_days;
} yz_demo_item;

/* Fill an empty station with demo clerks (see README for logins), about
 * n_residents residents in households (valid ID numbers of one city), and
 * n_cases cases spread over items, days and states. Deterministic for a seed.
 * Names, streets and other Chinese sample data come from data_dir/demo.txt. */
int yz_store_demo_fill(yz_store *st, const char *data_dir, const char *station_code, yz_date today,
		       unsigned seed,
		       int n_residents, int n_cases, const yz_demo_item *items, size_t n_items,
		       yz_err *err);

#endif
