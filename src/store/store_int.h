/* Internal to the store module: the connection, transaction nesting and the small
 * helpers every file uses to run prepared statements and report errors. */
#ifndef YZ_STORE_INT_H
#define YZ_STORE_INT_H

#include <nettle/hmac.h>
#include <sqlite3.h>

#include "yizhan/store.h"

/* Bytes of each key of the station key (key.c). */
#define ST_KEY_BYTES 32

/* Statements kept prepared for the searches that run on every keystroke. */
#define ST_STMT_CACHE 16

struct yz_store {
	sqlite3 *db;         /* the open connection */
	int tx_depth;        /* 0 = no transaction; 1 = BEGIN IMMEDIATE; >1 = savepoints inside */
	char path[4096];     /* file name, for messages */
	char key_path[4096]; /* the station key file (key.c) */
	bool keyed;          /* the keys below are loaded */
	uint8_t master[ST_KEY_BYTES];         /* keys of the audit chain and rows, by purpose */
	uint8_t verify[ST_KEY_BYTES];         /* key of the verification codes */
	struct hmac_sha256_ctx chain_mac;     /* keyed for the audit chain (copied per row) */
	struct hmac_sha256_ctx row_mac;       /* keyed for the rows' MACs (copied per row) */
	const char *cache_sql[ST_STMT_CACHE]; /* SQL texts (constants) of the cached ... */
	sqlite3_stmt *cache[ST_STMT_CACHE];   /* ... prepared statements (search) */
	yz_clock clock; /* the time of every stamp written; zero = the real clock */
	/* Issue 14: waiting for another counter's write lock (db.c). */
	yz_store_wait_fn wait_fn; /* asked while waiting; NULL = give up after a timeout */
	void *wait_ctx;           /* its argument */
	long long wait_start_ms;  /* monotonic time the current wait began */
	bool wait_given_up;       /* the last wait ended because wait_fn said so */
	/* Issue 20: a batch of residents added in bulk (residents.c). */
	int batch_depth;      /* the batch's transaction level; 0 = no batch */
	char batch_actor[64]; /* who adds them: the batch's audit row names them */
	long batch_n;         /* residents added in the batch so far */
	int64_t batch_first;  /* the first one's id */
	int64_t batch_last;   /* the last one's id */
};

/* The head of a household as stored in residents.relation ("hu zhu"). Written
 * with universal character names: no Chinese characters in C sources. */
#define YZ_REL_HEAD "\u6237\u4e3b"

/* Prepare sql (a constant). On failure sets err and returns NULL. */
sqlite3_stmt *st_prep(yz_store *st, const char *sql, yz_err *err);

/* Set err from an SQLite result code and the connection's last error, in words
 * for the clerk (disk full, busy, damaged file, ...). Returns -1. */
int st_fail(yz_store *st, int rc, yz_err *err);

/* A statement for sql (a constant: the cache is keyed by its address), kept
 * prepared across calls. Reset it with sqlite3_reset when done; never finalize
 * it (yz_store_close does). NULL with err set on failure. */
sqlite3_stmt *st_prep_cached(yz_store *st, const char *sql, yz_err *err);

/* Step a statement that returns no rows (or whose rows are ignored), finalize it.
 * Returns 0 or -1 with err set. */
int st_exec_stmt(yz_store *st, sqlite3_stmt *s, yz_err *err);

/* Fills the record at out (of the type the caller's query reads) from the
 * current row of s. */
typedef void (*st_row_fn)(sqlite3_stmt *s, void *out);

/* Step s (prepared and bound) once and finalize it: on a row, fill out with fn
 * (unless out is NULL) and return 0; 1 when there is no row; -1 with err set. */
int st_get_row(yz_store *st, sqlite3_stmt *s, st_row_fn fn, void *out, yz_err *err);

/* Step s (prepared and bound) and finalize it, filling up to max records of
 * size bytes each from out with fn; *n is their number. 0, or -1 with err set. */
int st_get_rows(yz_store *st, sqlite3_stmt *s, st_row_fn fn, void *out, size_t size, size_t max,
                size_t *n, yz_err *err);

/* meta's mark of a station put back from a copy (backup.c sets it, the
 * sync's bookkeeping in outbox.c reads and clears it). */
#define ST_RESTORED_KEY "sync_restored"

/* Run a constant SQL text without parameters (DDL, BEGIN, COMMIT). */
int st_exec(yz_store *st, const char *sql, yz_err *err);

/* Bind a C string as text; NULL binds SQL NULL. */
int st_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Bind a C string as text; NULL binds "". */
int st_bind_str(sqlite3_stmt *s, int i, const char *v);

/* Copy column i (text; NULL gives "") into buf of size n. */
void st_col_cpy(sqlite3_stmt *s, int i, char *buf, size_t n);

/* Transactions that nest: the outermost level is BEGIN IMMEDIATE (taking the write
 * lock up front so that read-then-write sequences never deadlock between
 * processes, retried while another counter holds the lock); inner levels are
 * savepoints. tx_end commits (ok) or rolls back its own level. */
int st_tx_begin(yz_store *st, yz_err *err);
int st_tx_end(yz_store *st, bool ok, yz_err *err);

/* Now by the store's clock, as a UTC stamp. */
void st_now(yz_store *st, char buf[21]);

/* Today's local date by the store's clock, for validating ID numbers against. */
yz_date st_today(yz_store *st);

/* ---- the station key (key.c) ---- */

/* Set st->key_path from key_path (NULL or "": station.key beside st->path). */
int st_key_path_set(yz_store *st, const char *key_path, yz_err *err);
/* Load the key before anything is written; a station older than schema 6 (or a
 * new one, version 0) without a key file gets one. A station of schema 6 or
 * later refuses a missing, damaged or foreign key. */
int st_key_prepare(yz_store *st, int version, yz_err *err);
/* Read the key file again (after an upgrade another counter may have done). */
int st_key_reload(yz_store *st, yz_err *err);
/* Schema 6: move meta.verify_secret into the key file, note the key's
 * fingerprint in meta (inside the migration's transaction). */
int st_key_upgrade(yz_store *st, yz_err *err);
/* HMAC-SHA256(key, purpose). */
void st_hmac(const uint8_t key[ST_KEY_BYTES], const char *purpose, uint8_t out[ST_KEY_BYTES]);

/* ---- the audit trail (audit.c) ---- */

/* Register the SQL functions of the rows' MACs on st's connection (at open). */
int st_audit_functions(yz_store *st, yz_err *err);
/* Create this connection's triggers that keep the rows' MACs (at open, after
 * the migrations): TEMP triggers, so another program's connection has none
 * and its edits leave MACs that audit verify reports. */
int st_audit_triggers(yz_store *st, yz_err *err);
/* Schema 6: check the old SHA-256 chain, chain the log again with the key,
 * MAC every covered row (inside the migration's transaction). */
int st_audit_upgrade(yz_store *st, yz_err *err);

/* Audit row inside the caller's transaction (the caller holds the write lock). */
int st_audit_at(yz_store *st, const char *at, const char *actor, const char *action,
                const char *detail, yz_err *err);

/* ---- closed vocabularies stored as text (vocab.c) ----
 * The words the database holds for each enum. To text: NULL for a value that is
 * never stored (unknown, a filter's "any"). From text: the vocabulary's unknown
 * value for a word no version wrote. Only the store converts. */
const char *st_case_status_text(yz_case_status v);
yz_case_status st_case_status_from(const char *text);
const char *st_case_result_text(yz_case_result v); /* YZ_RESULT_NONE: "" */
yz_case_result st_case_result_from(const char *text);
const char *st_notify_text(yz_notify_how v); /* YZ_NOTIFY_NONE: "" */
yz_notify_how st_notify_from(const char *text);
const char *st_approval_kind_text(yz_approval_kind v);
yz_approval_kind st_approval_kind_from(const char *text);
const char *st_approval_state_text(yz_approval_state v);
yz_approval_state st_approval_state_from(const char *text);
const char *st_followup_state_text(yz_followup_state v);
yz_followup_state st_followup_state_from(const char *text);

/* ---- cases (cases.c, lifecycle.c, dashboard.c) ---- */

/* The columns st_case_from_row reads, and the joins they need. */
#define CASE_COLS                                                                                  \
	"c.id, c.number, c.form_id, c.item, c.line, coalesce(c.resident_id, 0), c.resident_name,"  \
	" c.resident_idno, c.status, c.clerk_login, coalesce(u.name, ''), c.accepted_date,"        \
	" c.due_date, c.created_at, c.state, c.result, c.owner, coalesce(o.name, ''),"             \
	" c.paused_since, coalesce(c.forward_id, 0), coalesce(f.department, ''), c.fwd_due,"       \
	" c.extension_days, c.promise_days, c.legal_days, c.legal_due_date, c.eff_due,"            \
	" c.closed_at, coalesce(rt.score, 0), coalesce(ls.sensitive, 0)"
#define CASE_FROM                                                                                  \
	" FROM cases c LEFT JOIN users u ON u.login = c.clerk_login"                               \
	" LEFT JOIN users o ON o.login = c.owner"                                                  \
	" LEFT JOIN case_forwards f ON f.id = c.forward_id"                                        \
	" LEFT JOIN ratings rt ON rt.case_id = c.id"                                               \
	" LEFT JOIN line_staff ls ON ls.line = c.line"

void st_case_from_row(sqlite3_stmt *s, yz_case *c);

/* A timeline row inside the caller's transaction. */
int st_event_full(yz_store *st, int64_t case_id, const char *actor, const char *kind,
                  const char *note, const char *at, const char *from, const char *to,
                  const char *on_behalf, yz_err *err);

/* Hash a password with yescrypt; out receives the crypt string. */
int st_password_hash(const char *password, char *out, size_t n, yz_err *err);

/* ---- the registry (labels.c, registry.c) ---- */

/* Stored codes of the labels: -1 when the label is unknown. */
int st_employment_code(const char *label);
int st_category_code(const char *label);
const char *st_category_label(int code);
const char *st_employment_label_of(int code);
bool st_relation_known(const char *label);
bool st_disability_known(const char *label);

/* Most pinyin key strings kept per person: every combination of readings of
 * a name (a 4-character name of 3 initials each has 81); a longer name with
 * more is keyed by its leading characters (yz_pinyin_keys), never cut short
 * of a reading. */
#define ST_MAX_PINYIN_KEYS 256

/* Index the pinyin initials of name for resident id / remove them. */
int st_initials_put(yz_store *st, int64_t id, const char *name, yz_err *err);
int st_initials_del(yz_store *st, int64_t id, const char *name, yz_err *err);
/* Make every resident's pinyin keys again when they were made under another
 * yz_pinyin_keys_version (meta "pinyin_keys"): at open, once per upgrade. */
int st_initials_refresh(yz_store *st, yz_err *err);

/* A row of registry_history inside the caller's transaction. */
int st_history_add(yz_store *st, const char *entity, int64_t id, const char *field, const char *old,
                   const char *new, const char *actor, const char *case_no, const char *at,
                   yz_err *err);

/* The address text of a household into buf ("" when none); 0, 1 = none, -1. */
int st_household_address(yz_store *st, int64_t id, char *buf, size_t n, yz_err *err);

/* A phone number: digits, with '-' and one leading '+' allowed, 7 to 20
 * characters; "" is allowed too. */
bool st_phone_ok(const char *p);

/* Check and normalise a resident's fields (name, ID number with birth and sex,
 * nationality, phone, category, employment, relation). */
int st_resident_check(yz_store *st, yz_resident *r, yz_err *err);

/* The columns of a resident as yz_resident reads them (residents r joined with
 * households h) and the reader. */
#define ST_RESIDENT_SELECT                                                                         \
	"SELECT r.id, r.name, r.idno, r.birth, r.female, r.ethnicity, r.phone,"                    \
	" CASE WHEN r.address <> '' THEN r.address ELSE coalesce(h.address, '') END,"              \
	" r.household_id, r.relation, r.hukou_address, r.category, r.employment, r.notes,"         \
	" r.since, r.income"                                                                       \
	" FROM residents r LEFT JOIN households h ON h.id = r.household_id"
void st_resident_from_row(sqlite3_stmt *s, yz_resident *r);
/* Issue 20: the resident was added by the batch still open (residents.c):
 * what comes with it in the batch (its tags) is part of its bulk entry, as
 * its creation is, and writes no history row of its own. */
bool st_batch_resident(const yz_store *st, int64_t resident_id);

#endif
