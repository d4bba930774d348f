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
#define YZ_SCHEMA_VERSION 4

/* Open (creating if absent) and migrate to YZ_SCHEMA_VERSION. */
int yz_store_open(const char *path, yz_store **out, yz_err *err);
void yz_store_close(yz_store *st);
int yz_store_user_version(yz_store *st);

/* SQLite's page cache of this connection, in KiB (at least 64). Opening sets
 * YZ_STORE_CACHE_KB_DEFAULT (8 MB), which suits commands and imports; the
 * counter UI, which stays open all day beside other programs, asks for
 * YZ_STORE_CACHE_KB_UI (issue 5: under 16 MB resident with 1,000,000
 * residents) and its searches still take well under a millisecond. */
#define YZ_STORE_CACHE_KB_DEFAULT 8192
#define YZ_STORE_CACHE_KB_UI      1024
int yz_store_set_cache_kb(yz_store *st, int kb, yz_err *err);

/* Settings kept in the database (key → value), e.g. "station_code". */
int yz_store_meta_set(yz_store *st, const char *key, const char *value, yz_err *err);
/* Set only when the key has no value yet (the first of two racing writers wins). */
int yz_store_meta_add(yz_store *st, const char *key, const char *value, yz_err *err);
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
/* The active accounts, clerks first, then heads and admins, each by login. */
int yz_user_list(yz_store *st, yz_user *out, size_t max, size_t *n, yz_err *err);

typedef enum yz_login_result {
	YZ_LOGIN_OK,
	YZ_LOGIN_BAD,    /* unknown user or wrong password (the clerk is not told which) */
	YZ_LOGIN_LOCKED, /* 5 failures: locked 5 minutes; *locked_seconds = time left */
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
	char idno[19];  /* 18 characters, upper-case X */
	char birth[11]; /* derived from idno */
	int female;     /* derived from idno */
	char ethnicity[32];
	char phone[32];
	char address[256];    /* residence address */
	int64_t household_id; /* 0 = none */
	char relation[32];    /* relationship to the household head: 户主, 配偶, 子女, … */
	/* Schema 2: */
	char hukou_address[256]; /* registered (hukou) address; "" = unknown */
	char category[32];       /* YZ_CAT_* label, "" = not stated */
	char employment[32];     /* one of yz_employment_label(), "" = not stated */
	char notes[512];         /* the clerk's notes */
} yz_resident;

/* Insert; r->id receives the new id. The ID number must be valid and unique. */
int yz_resident_add(yz_store *st, yz_resident *r, const char *actor, yz_err *err);
/* Update name/phone/address/…; every changed column is written to resident_history. */
int yz_resident_update(yz_store *st, const yz_resident *r, const char *actor, const char *case_no,
                       yz_err *err);
int yz_resident_get(yz_store *st, int64_t id, yz_resident *out, yz_err *err); /* 1 = none */
int yz_resident_by_idno(yz_store *st, const char *idno, yz_resident *out,
                        yz_err *err); /* 1 = none */

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

/* ---- the registry (schema 2): labels, places, households, tags, rentals ---- */

/* Person categories (UTF-8 labels, as stored and exported): registered
 * (hu ji ren kou), resident (chang zhu ren kou), floating (liu dong ren kou). */
#define YZ_CAT_REGISTERED "\u6237\u7c4d\u4eba\u53e3"
#define YZ_CAT_RESIDENT   "\u5e38\u4f4f\u4eba\u53e3"
#define YZ_CAT_FLOATING   "\u6d41\u52a8\u4eba\u53e3"

/* The employment statuses the registry accepts: index 1.. (0 is ""); NULL past
 * the end. */
const char *yz_employment_label(int i);
/* The relationships to the head of household, 0 = the head; NULL past the end. */
const char *yz_relation_label(int i);

/* GB/T 3304 nationalities (the 56, then 97 other and 98 foreign-born), from
 * data/ethnicities.txt at build time. i from 0; NULL past the end. */
const char *yz_ethnicity_at(size_t i, const char **code);
/* Name for a code ("01") or a name; NULL when neither is known. */
const char *yz_ethnicity_lookup(const char *code_or_name);

/* Places: station > grid (wang ge, with its leader) > building or lane > unit >
 * room. Each kind's parent is the kind before it. */
typedef enum yz_place_kind {
	YZ_PLACE_STATION = 0,
	YZ_PLACE_GRID = 1,
	YZ_PLACE_BUILDING = 2,
	YZ_PLACE_UNIT = 3,
	YZ_PLACE_ROOM = 4,
} yz_place_kind;

typedef struct yz_place {
	int64_t id;
	int64_t parent_id;  /* 0 for a station */
	yz_place_kind kind; /* its level */
	char name[128];     /* as written on the door: "13 zhuang", "1 dan yuan", "1504 shi" */
	char leader[128];   /* grids: the grid leader (wang ge zhang) */
	char leader_phone[32];
} yz_place;

/* The place under parent with this name, created when absent (kind must be the
 * level under the parent's). *id receives it. */
int yz_place_ensure(yz_store *st, int64_t parent_id, yz_place_kind kind, const char *name,
                    int64_t *id, yz_err *err);
int yz_place_get(yz_store *st, int64_t id, yz_place *out, yz_err *err); /* 1 = none */
/* Children in name order. */
int yz_place_children(yz_store *st, int64_t parent_id, yz_place *out, size_t max, size_t *n,
                      yz_err *err);
/* Set a grid's leader; kept in the history. */
int yz_place_set_leader(yz_store *st, int64_t grid_id, const char *leader, const char *phone,
                        const char *actor, yz_err *err);
/* The address of a place below its grid: building, unit and room names joined. */
int yz_place_address(yz_store *st, int64_t id, char *buf, size_t n, yz_err *err);
/* The grid a place lies in (itself for a grid); 0 when none. */
int64_t yz_place_grid(yz_store *st, int64_t id);

/* A household (hu): its address, its head and its number (hu bian hao), which
 * the CSV exchange uses to keep members together. */
typedef struct yz_household {
	int64_t id;
	char code[24];     /* household number; unique */
	char address[256]; /* residence address */
	int64_t place_id;  /* room, 0 when only the address text is known */
	int64_t head_id;   /* resident, 0 while unknown */
	char created_at[21];
} yz_household;

/* A household at a room: the address is the room's path. code may be NULL (the
 * id is used). */
int yz_household_add_at(yz_store *st, int64_t place_id, const char *code, int64_t *id, yz_err *err);
int yz_household_get(yz_store *st, int64_t id, yz_household *out, yz_err *err); /* 1 = none */
/* Change the head or the address (place_id 0 keeps the place, address NULL keeps
 * the text); every change goes to the history with actor and case. */
int yz_household_set_head(yz_store *st, int64_t id, int64_t resident_id, const char *actor,
                          const char *case_no, yz_err *err);
int yz_household_move(yz_store *st, int64_t id, int64_t place_id, const char *address,
                      const char *actor, const char *case_no, yz_err *err);
/* Households of a grid (for the grid book, yi zu yi ce), in address order. The
 * callback returns non-zero to stop. */
typedef int (*yz_household_cb)(const yz_household *h, void *ctx);
int yz_household_list_grid(yz_store *st, int64_t grid_id, yz_household_cb cb, void *ctx,
                           yz_err *err);

/* Special groups. Sensitive kinds are shown only to roles at or above
 * yz_tag_min_role(). YZ_TAG_ELDERLY is derived from the age, never stored. */
typedef enum yz_tag_kind {
	YZ_TAG_DIBAO,       /* minimum living allowance household */
	YZ_TAG_TEKUN,       /* destitute persons support */
	YZ_TAG_DISABLED,    /* disability: detail = category, grade 1-4 */
	YZ_TAG_ELDERLY,     /* 80 and over (derived) */
	YZ_TAG_ALONE,       /* elderly living alone */
	YZ_TAG_EMPTY_NEST,  /* empty-nest elderly */
	YZ_TAG_UNEMPLOYED,  /* registered unemployed */
	YZ_TAG_HARD_EMPLOY, /* hard to employ */
	YZ_TAG_YOUFU,       /* entitled groups (you fu dui xiang) */
	YZ_TAG_VETERAN,     /* retired soldier */
	YZ_TAG_LEFT_BEHIND, /* left-behind child */
	YZ_TAG_FLOATING,    /* floating population */
	YZ_TAG_CORRECTIONS, /* under community correction: sensitive */
	YZ_TAG_COUNT
} yz_tag_kind;

/* Age from which YZ_TAG_ELDERLY is shown. */
#define YZ_ELDERLY_AGE 80

typedef struct yz_tag {
	int64_t id; /* 0 for the derived YZ_TAG_ELDERLY */
	int64_t resident_id;
	yz_tag_kind kind;
	char detail[64]; /* disability category (one of yz_disability_label) */
	int grade;       /* disability grade 1-4; 0 otherwise */
	char start[11];  /* YYYY-MM-DD */
	char end[11];    /* "" while it lasts */
} yz_tag;

const char *yz_tag_code(yz_tag_kind k);  /* ASCII: "dibao", "corrections", … */
const char *yz_tag_label(yz_tag_kind k); /* UTF-8 label for sheets and CSV */
/* Kind for a code or label; -1 when unknown. */
int yz_tag_kind_from(const char *code_or_label);
/* The least role that may see this kind. */
yz_role yz_tag_min_role(yz_tag_kind k);
/* Disability categories, index 0..; NULL past the end. */
const char *yz_disability_label(int i);

/* Add a tag (t->id receives its id); history row with actor and case. */
int yz_tag_add(yz_store *st, yz_tag *t, const char *actor, const char *case_no, yz_err *err);
/* Close a tag on end (YYYY-MM-DD); history row. */
int yz_tag_end(yz_store *st, int64_t tag_id, const char *end, const char *actor,
               const char *case_no, yz_err *err);
/* The tags of a resident the viewer may see, including the derived elderly tag
 * (age on today). current_only: only tags without an end or ending after today. */
int yz_tag_list(yz_store *st, int64_t resident_id, yz_role viewer, const char *today,
                bool current_only, yz_tag *out, size_t max, size_t *n, yz_err *err);

/* Rentals (chu zu fang wu): a room, its landlord and tenants. */
typedef struct yz_rental {
	int64_t id;
	int64_t room_id;     /* place of kind YZ_PLACE_ROOM */
	int64_t landlord_id; /* resident */
	char start[11];
	char end[11]; /* "" while let */
	char notes[256];
} yz_rental;

int yz_rental_add(yz_store *st, yz_rental *r, const int64_t *tenants, size_t n_tenants,
                  const char *actor, const char *case_no, yz_err *err);
int yz_rental_get(yz_store *st, int64_t id, yz_rental *out, int64_t *tenants, size_t max,
                  size_t *n_tenants, yz_err *err); /* 1 = none */
int yz_rental_end(yz_store *st, int64_t id, const char *end, const char *actor, const char *case_no,
                  yz_err *err);
/* Rentals of a room, newest first. */
int yz_rental_list_room(yz_store *st, int64_t room_id, yz_rental *out, size_t max, size_t *n,
                        yz_err *err);

/* One kept change. */
typedef struct yz_change {
	char field[32]; /* column or event ("tag_added", …) */
	char old[256];
	char new[256];
	char actor[33];
	char case_no[40]; /* "" when not from a case */
	char at[21];      /* UTC */
} yz_change;

/* History of "resident", "household", "tag", "rental" or "place" id, oldest first. */
int yz_history_list(yz_store *st, const char *entity, int64_t id, yz_change *out, size_t max,
                    size_t *n, yz_err *err);

/* ---- search (F3, resident fields, `yizhan residents find`) ------------------ */

typedef enum yz_match {
	YZ_MATCH_IDNO,          /* the full ID number */
	YZ_MATCH_NAME,          /* the exact name */
	YZ_MATCH_PINYIN,        /* pinyin initials of the whole name */
	YZ_MATCH_PHONE,         /* the full phone number */
	YZ_MATCH_ADDRESS,       /* building-unit-room exactly */
	YZ_MATCH_IDNO_SUFFIX,   /* the last 4-6 characters of the ID number */
	YZ_MATCH_NAME_PREFIX,   /* the name starts with the query */
	YZ_MATCH_PINYIN_PREFIX, /* the initials start with the query */
	YZ_MATCH_PHONE_SUFFIX,  /* the last 4+ digits of the phone */
	YZ_MATCH_ADDRESS_PREFIX /* building, or building and unit */
} yz_match;

typedef struct yz_search_hit {
	yz_resident r;
	char masked_idno[19]; /* what lists show */
	yz_match how;
	bool exact; /* how < YZ_MATCH_IDNO_SUFFIX */
} yz_search_hit;

/* Everything the query may mean, exact matches first, then prefixes and
 * suffixes; at most max hits, each person once. */
int yz_registry_search(yz_store *st, const char *query, yz_search_hit *out, size_t max, size_t *n,
                       yz_err *err);

/* The "building-unit-room" key of an address ("13-1-1504" for both "...13 zhuang 1
 * dan yuan 1504 shi" and "13-1-1504"): the last three runs of digits. */
void yz_address_key(const char *address, char *out, size_t n);

/* Residents with the same name at the same address as r (not r itself): the
 * clerk is asked whether it is the same person before adding. */
int yz_resident_duplicates(yz_store *st, const yz_resident *r, yz_resident *out, size_t max,
                           size_t *n, yz_err *err);

/* ---- CSV exchange ------------------------------------------------------------ */

/* The CSV columns, in order (header row in Chinese). */
#define YZ_CSV_COLUMNS 11

typedef struct yz_import_report {
	long rows;         /* data rows read (header excluded) */
	long imported;     /* rows added */
	long rejected;     /* rows written to the reject report */
	char encoding[16]; /* "UTF-8" or "GB18030", as detected or given */
} yz_import_report;

/* Import residents. encoding NULL or "" = detect (UTF-8 with or without BOM,
 * else GB18030). Every row is checked; good rows go in one transaction, bad
 * rows to reject_path as CSV "row,column,value,reason" (written only when
 * there are any). Returns 0 when the file was read (even with rejects), -1 when
 * nothing could be imported (err says why). */
int yz_residents_import(yz_store *st, const char *path, const char *encoding,
                        const char *reject_path, const char *actor, yz_import_report *rep,
                        yz_err *err);
/* Export every resident with the import's columns (UTF-8 with BOM, or
 * GB18030). *rows receives the number written. */
int yz_residents_export(yz_store *st, const char *path, const char *encoding, long *rows,
                        yz_err *err);

/* ---- cases --------------------------------------------------------------- */

/* Case states of the skeleton; the case-lifecycle work adds the workflow. */
#define YZ_CASE_ACCEPTED "accepted" /* 已受理 */
#define YZ_CASE_DONE     "done"     /* 已办结 */

typedef struct yz_case {
	int64_t id;
	char number[40]; /* <station>-<year>-<6 digits> */
	char form_id[64];
	char item[128]; /* the form's title at the time of intake */
	char line[64];  /* business line */
	int64_t resident_id;
	char resident_name[128];
	char resident_idno[19];
	char status[24]; /* YZ_CASE_* */
	char clerk_login[33];
	char clerk_name[128];
	char accepted_date[11]; /* local date of intake */
	char due_date[11];      /* promised date; "" if none */
	char created_at[21];    /* UTC */
	/* Schema 3: the lifecycle (issue 4). status stays YZ_CASE_ACCEPTED while the
	 * case is open and YZ_CASE_DONE once closed; result says how it ended. */
	char state[64];  /* workflow state id of the form ("accepted"/"done" built in) */
	char result[16]; /* YZ_RESULT_*; "" while open */
	char owner[33];  /* login responsible now (first clerk until a hand-over) */
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

/* How a closed case ended (yz_case.result). */
#define YZ_RESULT_APPROVED  "approved"  /* granted */
#define YZ_RESULT_REFUSED   "refused"   /* decided against the applicant */
#define YZ_RESULT_ANSWERED  "answered"  /* a question or request answered */
#define YZ_RESULT_RESOLVED  "resolved"  /* a problem solved */
#define YZ_RESULT_WITHDRAWN "withdrawn" /* the resident withdrew it (che hui) */
#define YZ_RESULT_REJECTED  "rejected"  /* not accepted (bu yu shou li), head approved */

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
int yz_case_set_status(yz_store *st, int64_t case_id, const char *status, const char *actor,
                       const char *note, yz_err *err);

typedef struct yz_case_filter {
	const char *accepted_date; /* only cases accepted on this local date; NULL = any */
	const char *status;        /* NULL = any */
	const char *clerk_login;   /* NULL = any */
	size_t limit;              /* 0 = no limit */
	/* Schema 3 (NULL / 0 = no condition): */
	const char *owner;      /* cases this login owns now */
	const char *line;       /* business line */
	const char *state;      /* "open", "closed", "paused", "forwarded", or a YZ_CASE_* status */
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

/* ---- case lifecycle (schema 3, issue 4) ----------------------------------------
 * The store keeps the records and makes each action one transaction with its
 * timeline event and audit row; who may do what is decided by the service
 * (yz_service_*), which calls these. Dates that depend on working days are
 * computed here from the calendar the caller passes (NULL = Monday to Friday). */

/* Who acts, for whom, why, and on which local date. */
typedef struct yz_act {
	const char *actor;     /* login doing it */
	const char *on_behalf; /* the absent A clerk a B clerk covers; NULL or "" otherwise */
	const char *note;      /* free text for the timeline; may be NULL */
	const char *today;     /* local date YYYY-MM-DD of the action */
} yz_act;

/* Built-in states of forms without a workflow, and the states closing actions set. */
#define YZ_STATE_ACCEPTED  "accepted"
#define YZ_STATE_DONE      "done"
#define YZ_STATE_REJECTED  "rejected"  /* bu yu shou li */
#define YZ_STATE_WITHDRAWN "withdrawn" /* che hui */

int yz_case_get_by_id(yz_store *st, int64_t id, yz_case *out, yz_err *err); /* 1 = none */

/* Move the open case from state from (checked: someone else may have moved it) to
 * state to. Event "transition" with from/to. */
int yz_case_transition(yz_store *st, int64_t case_id, const char *from, const char *to,
                       const yz_act *a, yz_err *err);
/* Close the open case in state with result (YZ_RESULT_*); event "closed". */
int yz_case_close(yz_store *st, int64_t case_id, const char *state, const char *result,
                  const yz_act *a, yz_err *err);
/* Open a closed case again in state (a bad rating the head did not accept). */
int yz_case_reopen(yz_store *st, int64_t case_id, const char *state, const yz_act *a, yz_err *err);
/* Give the case to another clerk; the reason is a->note. Event "handed_over". */
int yz_case_hand_over(yz_store *st, int64_t case_id, const char *to_login, const yz_act *a,
                      yz_err *err);

/* Due dates from the limits, pauses and extension (a pause still open counts up
 * to on); legal is the legal deadline (limit legal_days, pauses, no extension). */
int yz_case_deadline(yz_store *st, const yz_calendar *cal, int64_t case_id, yz_date on,
                     yz_deadline *due, yz_deadline *legal, yz_err *err);
/* Recompute and store due_date, legal_due_date, eff_due of one open case. */
int yz_case_recompute_due(yz_store *st, const yz_calendar *cal, int64_t case_id, yz_date on,
                          yz_err *err);
/* The same for every open case, in one transaction; *n = cases changed. */
int yz_cases_recompute_all(yz_store *st, const yz_calendar *cal, yz_date on, long *n, yz_err *err);
/* Cases of schema 2 have no limits stored: set them for a form's cases. */
int yz_cases_fill_limits(yz_store *st, const char *form_id, int promise_days, int legal_days,
                         yz_err *err);

/* Bu zheng: one stop of the clock. */
typedef struct yz_case_pause_rec {
	int64_t id;
	char from[11];      /* date the case started waiting */
	char until[11];     /* date the materials came; "" while waiting */
	char missing[1024]; /* what is missing, one item per line */
	char bring_by[11];  /* date the resident was asked to bring them by */
	char actor[33];
} yz_case_pause_rec;

/* Stop the clock from a->today; missing (one item per line) and bring_by are
 * required. *pause_id (may be NULL) receives the row. Event "paused". */
int yz_case_pause(yz_store *st, int64_t case_id, const char *missing, const char *bring_by,
                  const yz_act *a, int64_t *pause_id, yz_err *err);
/* Restart the clock on a->today and recompute the due dates. Event "resumed". */
int yz_case_resume(yz_store *st, const yz_calendar *cal, int64_t case_id, const yz_act *a,
                   yz_err *err);
/* Oldest first. */
int yz_case_pauses(yz_store *st, int64_t case_id, yz_case_pause_rec *out, size_t max, size_t *n,
                   yz_err *err);

/* Forwarding (yi jiao): the case at a department. */
typedef struct yz_case_forward {
	int64_t id;
	int64_t case_id;
	char department[128];
	char sent_date[11];
	char dept_due[11]; /* "" = none agreed */
	char result[256];  /* the department's answer; "" until it comes */
	char result_date[11];
	char notified_how[32]; /* phone, sms, visit, counter (YZ_NOTIFY_*) */
	char notified_date[11];
	char collected_date[11]; /* the resident collected the result */
	char actor[33];
} yz_case_forward;

#define YZ_NOTIFY_PHONE   "phone"
#define YZ_NOTIFY_SMS     "sms"
#define YZ_NOTIFY_VISIT   "visit"
#define YZ_NOTIFY_COUNTER "counter"

/* Send the case on a->today; dept_due may be "" (none). Event "forwarded". */
int yz_case_forward_send(yz_store *st, int64_t case_id, const char *department,
                         const char *dept_due, const yz_act *a, int64_t *forward_id, yz_err *err);
/* The department's result came back on result_date: the case no longer waits. */
int yz_case_forward_result(yz_store *st, int64_t case_id, const char *result,
                           const char *result_date, const yz_act *a, yz_err *err);
/* The resident was told (how: YZ_NOTIFY_*) on a->today. */
int yz_case_forward_notified(yz_store *st, int64_t case_id, const char *how, const yz_act *a,
                             yz_err *err);
/* The resident collected the result on a->today. */
int yz_case_forward_collected(yz_store *st, int64_t case_id, const yz_act *a, yz_err *err);
/* Oldest first; the last one is the current or latest. */
int yz_case_forwards(yz_store *st, int64_t case_id, yz_case_forward *out, size_t max, size_t *n,
                     yz_err *err);
int yz_forward_get(yz_store *st, int64_t id, yz_case_forward *out, yz_err *err); /* 1 = none */

/* Decisions for the station head. */
#define YZ_APPROVAL_REFUSE     "refuse"           /* bu yu shou li */
#define YZ_APPROVAL_EXTENSION  "extension"        /* yan qi */
#define YZ_APPROVAL_BAD_RATING "close_bad_rating" /* closing a badly rated complaint */
#define YZ_APPROVAL_PENDING    "pending"
#define YZ_APPROVAL_APPROVED   "approved"
#define YZ_APPROVAL_REJECTED   "rejected"

typedef struct yz_approval {
	int64_t id;
	int64_t case_id;
	char case_number[40];
	char item[128];
	char resident_name[128];
	char kind[20]; /* YZ_APPROVAL_REFUSE, … */
	char requested_by[33];
	char requested_at[21]; /* UTC */
	char reason[512];
	int days;       /* extension: working days asked */
	char state[12]; /* YZ_APPROVAL_PENDING, … */
	char decided_by[33];
	char decided_at[21];
	char note[256]; /* the head's note */
} yz_approval;

/* A pending request; one pending request of a kind per case. Event
 * "<kind>_requested". */
int yz_approval_request(yz_store *st, int64_t case_id, const char *kind, const char *reason,
                        int days, const yz_act *a, int64_t *id, yz_err *err);
/* Record the head's decision and apply it in the same transaction: extension →
 * extension days added and due dates recomputed (cal); refuse → closed as
 * YZ_RESULT_REJECTED; close_bad_rating rejected → the case is open again.
 * Event "<kind>_approved" or "<kind>_rejected". */
int yz_approval_decide(yz_store *st, const yz_calendar *cal, int64_t id, bool approve,
                       const yz_act *a, yz_err *err);
int yz_approval_get(yz_store *st, int64_t id, yz_approval *out, yz_err *err); /* 1 = none */
/* Approvals in state (NULL = all) of case_id (0 = all cases), oldest first. */
int yz_approval_list(yz_store *st, const char *state, int64_t case_id, yz_approval *out, size_t max,
                     size_t *n, yz_err *err);

/* Ratings (hao cha ping): 1 very satisfied, 2 satisfied, 3 fairly satisfied, 4 dissatisfied,
 * 5 very dissatisfied. */
#define YZ_RATING_BAD 4 /* from here on a follow-up is opened */

typedef struct yz_followup {
	int64_t id;
	int64_t case_id;
	char case_number[40];
	char item[128];
	char resident_name[128];
	int score;         /* the rating that opened it */
	char comment[256]; /* the resident's comment */
	char due_date[11];
	char state[8]; /* "open" | "done" */
	char note[512];
	char done_by[33];
	char done_at[21];
} yz_followup;

/* Store the rating of a closed case (once). When score >= YZ_RATING_BAD a
 * follow-up due on followup_due is opened, and when bad_rating_approval a
 * close_bad_rating approval too. *followup_id (may be NULL) receives it (0 when
 * none). Event "rated". */
int yz_case_rate(yz_store *st, int64_t case_id, int score, const char *comment,
                 const char *followup_due, bool bad_rating_approval, const yz_act *a,
                 int64_t *followup_id, yz_err *err);
/* 1 = not rated. */
int yz_case_rating(yz_store *st, int64_t case_id, int *score, char *comment, size_t n, yz_err *err);
/* Close a follow-up with the head's note (required). */
int yz_followup_done(yz_store *st, int64_t id, const yz_act *a, yz_err *err);
/* Follow-ups in state ("open", "done", NULL = all), by due date. */
int yz_followup_list(yz_store *st, const char *state, yz_followup *out, size_t max, size_t *n,
                     yz_err *err);

/* AB gang: the A and B clerk of a business line, and whether it is sensitive. */
typedef struct yz_line_staff {
	char line[64];
	char a_login[33]; /* "" = nobody */
	char b_login[33];
	bool sensitive; /* only the head, the admin and A/B see its cases */
} yz_line_staff;

/* Set A and B of a line (either may be "" = nobody; both must be users). */
int yz_line_staff_set(yz_store *st, const char *line, const char *a_login, const char *b_login,
                      const char *actor, yz_err *err);
int yz_line_set_sensitive(yz_store *st, const char *line, bool sensitive, const char *actor,
                          yz_err *err);
int yz_line_staff_get(yz_store *st, const char *line, yz_line_staff *out,
                      yz_err *err); /* 1 = none */
int yz_line_staff_list(yz_store *st, yz_line_staff *out, size_t max, size_t *n, yz_err *err);

typedef struct yz_absence {
	int64_t id;
	char login[33];
	char from[11];  /* first day away */
	char until[11]; /* last day away (inclusive) */
	char actor[33];
} yz_absence;

int yz_absence_add(yz_store *st, const char *login, const char *from, const char *until,
                   const char *actor, int64_t *id, yz_err *err);
/* End an absence early: its last day becomes until (before from deletes it). */
int yz_absence_end(yz_store *st, int64_t id, const char *until, const char *actor, yz_err *err);
/* Absences that include on or come later (on NULL = all), by start. */
int yz_absence_list(yz_store *st, const char *on, yz_absence *out, size_t max, size_t *n,
                    yz_err *err);
/* 1 when login is away on date, 0 when not, -1 on error. */
int yz_user_absent(yz_store *st, const char *login, const char *date, yz_err *err);

/* The queues a clerk works: their own, and for each line where they are B and
 * the A clerk is away on the date, that A's cases of the line. */
#define YZ_MAX_COVER 8
typedef struct yz_cover {
	char a_login[33]; /* the absent A clerk */
	char line[64];    /* the line covered */
} yz_cover;
int yz_cover_list(yz_store *st, const char *login, const char *date, yz_cover *out, size_t max,
                  size_t *n, yz_err *err);

/* The dashboard (the clerk's home). */
typedef enum yz_dash_section {
	YZ_DASH_QUEUE,         /* my open cases, by due date */
	YZ_DASH_DUE_SOON,      /* due from today to the soon date */
	YZ_DASH_OVERDUE,       /* past due (or past the department's due date) */
	YZ_DASH_WAIT_RESIDENT, /* paused (bu zheng), by date asked */
	YZ_DASH_WAIT_DEPT,     /* at a department, by the department's due date */
	YZ_DASH_SECTIONS
} yz_dash_section;

#define YZ_DASH_ROWS 20

typedef struct yz_dash_list {
	long count;                 /* cases in the section */
	size_t n;                   /* rows filled (at most YZ_DASH_ROWS) */
	yz_case rows[YZ_DASH_ROWS]; /* the first rows, soonest due first */
} yz_dash_list;

typedef struct yz_dashboard {
	yz_dash_list sec[YZ_DASH_SECTIONS]; /* by yz_dash_section */
	yz_cover cover[YZ_MAX_COVER];       /* queues of absent A clerks included */
	size_t n_cover;
	long approvals_pending; /* station-wide (for the head) */
	long followups_open;    /* station-wide (for the head) */
} yz_dashboard;

/* Fill the dashboard of login for today (YYYY-MM-DD); soon is the last date that
 * counts as "due soon" (today + 2 working days, computed by the caller). login
 * NULL: every open case of the station (the head's view). About 150 KB:
 * allocate it. */
int yz_dashboard_get(yz_store *st, const char *login, const char *today, const char *soon,
                     yz_dashboard *out, yz_err *err);
/* The date a section's rows are in order of, to show beside each: the promised
 * due date in the queue, the due date with pauses and extensions for due-soon
 * and overdue, the day it was paused, the department's due date. */
const char *yz_dash_date(const yz_case *c, yz_dash_section sec);

/* Residents' sessions (ju min shuo shi ri): a session and the cases raised there. */
typedef struct yz_talk_session {
	int64_t id;
	char date[11];
	char place[128];
	int attendees;
	char actor[33];
} yz_talk_session;

typedef struct yz_talk_row {
	char item[128]; /* category: the service item of the cases */
	long accepted;  /* cases raised */
	long done;      /* of them closed */
} yz_talk_row;

int yz_talk_add(yz_store *st, const char *date, const char *place, int attendees, const char *actor,
                int64_t *id, yz_err *err);
int yz_talk_get(yz_store *st, int64_t id, yz_talk_session *out, yz_err *err); /* 1 = none */
int yz_talk_link(yz_store *st, int64_t session_id, int64_t case_id, const char *actor, yz_err *err);
/* Per category, by item; totals in *accepted and *done. */
int yz_talk_summary(yz_store *st, int64_t session_id, yz_talk_row *out, size_t max, size_t *n,
                    long *accepted, long *done, yz_err *err);

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
	char doc[24];      /* receipt, certificate, … */
	char printer[128]; /* CUPS destination */
	char state[16];    /* YZ_JOB_* */
	char reason[256];  /* translated reason of the last failure */
	int cups_job_id;   /* 0 until CUPS accepted it */
	int attempts;
	char created_at[21];
	char updated_at[21];
} yz_print_job;

int yz_job_add(yz_store *st, int64_t case_id, const char *doc, const char *printer, int64_t *id,
               yz_err *err);
int yz_job_update(yz_store *st, int64_t job_id, const char *state, int cups_job_id,
                  const char *reason, yz_err *err);
int yz_job_get(yz_store *st, int64_t job_id, yz_print_job *out, yz_err *err); /* 1 = none */
/* Take a job for a retry, as it was when read (seen: state, time of the last
 * change, CUPS id): it becomes pending with the note as its reason, unless
 * another counter changed it meanwhile. A failed job taken is pending, so a
 * second taker loses; a pending job must be older than a print can take
 * (the caller checks), so taking it changes its time and a second taker loses.
 * 0 = taken, 1 = changed by someone else (do not send it), -1 = error. */
int yz_job_claim(yz_store *st, const yz_print_job *seen, const char *note, yz_err *err);
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
	int legal_days;          /* issue 4: legal limit (0 = none) */
	const char *first_state; /* the form's first workflow state; NULL = built-in */
	/* What intake would record for this item (issue 3's forms). Field values
	 * are samples; a value of several lines is a list to draw one from per
	 * case. Some keys take the resident's own data instead: applicant_field
	 * the ID number, "phone" and "address" the registry's. No fields and no
	 * materials: the demo's generic purpose and materials. */
	const char *const *field_keys;
	const char *const *field_vals;
	size_t n_fields;
	const char *applicant_field;  /* the form's resident field, or NULL */
	const char *const *materials; /* labels of the materials received */
	size_t n_materials;
	/* How a finished case of a form with a workflow ends: its terminal state
	 * and result (NULL = the built-in "done", resolved). */
	const char *close_state;
	const char *close_result;
} yz_demo_item;

/* Fill an empty station with demo clerks (see README for logins), about
 * n_residents residents in households (valid ID numbers of one city), and
 * n_cases cases spread over items, days and states. Deterministic for a seed.
 * Names, streets and other Chinese sample data come from data_dir/demo.txt. */
int yz_store_demo_fill(yz_store *st, const char *data_dir, const char *station_code, yz_date today,
                       unsigned seed, int n_residents, int n_cases, const yz_demo_item *items,
                       size_t n_items, yz_err *err);

#endif
