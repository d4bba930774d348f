/* Internal to the store module: the connection, transaction nesting and the small
 * helpers every file uses to run prepared statements and report errors. */
#ifndef YZ_STORE_INT_H
#define YZ_STORE_INT_H

#include <sqlite3.h>

#include "yizhan/store.h"

struct yz_store {
	sqlite3 *db;     /* the open connection */
	int tx_depth;    /* 0 = no transaction; 1 = BEGIN IMMEDIATE; >1 = savepoints inside */
	char path[4096]; /* file name, for messages */
};

/* The head of a household as stored in residents.relation ("hu zhu"). Written
 * with universal character names: no Chinese characters in C sources. */
#define YZ_REL_HEAD "\u6237\u4e3b"

/* Prepare sql (a constant). On failure sets err and returns NULL. */
sqlite3_stmt *st_prep(yz_store *st, const char *sql, yz_err *err);

/* Set err from an SQLite result code and the connection's last error, in words
 * for the clerk (disk full, busy, damaged file, ...). Returns -1. */
int st_fail(yz_store *st, int rc, yz_err *err);

/* Step a statement that returns no rows (or whose rows are ignored), finalize it.
 * Returns 0 or -1 with err set. */
int st_exec_stmt(yz_store *st, sqlite3_stmt *s, yz_err *err);

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

/* Now as a UTC stamp. */
void st_now(char buf[21]);

/* Today's local date, for validating ID numbers against. */
yz_date st_today(void);

/* Audit row inside the caller's transaction (the caller holds the write lock). */
int st_audit_at(yz_store *st, const char *at, const char *actor, const char *action,
                const char *detail, yz_err *err);

/* Case creation with explicit timestamps (the demo back-dates its cases). */
int st_case_create_at(yz_store *st, const char *station_code, int year, const yz_case_new *in,
                      const char *at, yz_case *out, yz_err *err);
int st_case_set_status_at(yz_store *st, int64_t case_id, const char *status, const char *actor,
                          const char *note, const char *at, yz_err *err);

/* Hash a password with yescrypt; out receives the crypt string. */
int st_password_hash(const char *password, char *out, size_t n, yz_err *err);

#endif
