/* store: the station database: open, migrate, cache, clock, meta settings (the store
 * module, src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_DB_H
#define YZ_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"

typedef struct yz_store yz_store;

/* The schema version this code writes (PRAGMA user_version). */
#define YZ_SCHEMA_VERSION 10

/* Open (creating if absent) and migrate to YZ_SCHEMA_VERSION. The station key
 * (the keys of the audit chain and of the verification codes, never kept in the
 * database) is the file "station.key" beside path. */
int yz_store_open(const char *path, yz_store **out, yz_err *err);
/* The same with the station key at key_path (the setting key_file; NULL = the
 * file "station.key" beside path). A new station gets a new key (0640, made with
 * getrandom), as does an older station opened for the first time by a version
 * that keeps one; a station that has a key and cannot read it is refused with
 * the file's name, and nothing is written. A backup copy elsewhere is opened
 * with the station's key path. */
int yz_store_open_key(const char *path, const char *key_path, yz_store **out, yz_err *err);
/* The path of the key file of the open store into buf; 0, or -1 when it does
 * not fit. */
int yz_store_key_path(const yz_store *st, char *buf, size_t n);
/* A key of the station for one purpose (e.g. "login-throttle"): 32 bytes of
 * HMAC-SHA256 keyed with the station key; never stored in the database. */
int yz_store_key_derive(yz_store *st, const char *purpose, uint8_t out[32], yz_err *err);
/* The key of the printed documents' verification codes (an older station's
 * secret, moved out of the database when it was upgraded). */
int yz_store_verify_key(yz_store *st, uint8_t out[32], yz_err *err);
void yz_store_close(yz_store *st);
int yz_store_user_version(yz_store *st);
/* The clock the store stamps its rows with and checks ID numbers' birth dates
 * against (a store opens with the real one). The service sets the session's
 * (yz_service_set_clock). */
void yz_store_set_clock(yz_store *st, yz_clock clock);
/* The clock the store stamps with now (to set it back after a while on another:
 * the demo stamps its month of cases at past times this way). */
yz_clock yz_store_clock(const yz_store *st);

/* A batch of changes as one transaction: everything between yz_store_begin and
 * yz_store_commit is kept together, or nothing of it after yz_store_rollback (or
 * a failed commit). Inside a batch the store's own calls are savepoints of it;
 * batches nest the same way. Holds the write lock: other counters wait. */
int yz_store_begin(yz_store *st, yz_err *err);
int yz_store_commit(yz_store *st, yz_err *err);
void yz_store_rollback(yz_store *st);

/* Issue 14: while another counter holds the write lock, the store waits for
 * it. Without a wait function a statement gives up after 5 seconds
 * (YZ_ERR_BUSY). With one, fn is called about every 20 ms while waiting (the
 * store sleeps between calls; waited_ms is the time since the wait began, 0
 * on the first call): true waits on, false gives up at once, and the write
 * fails with YZ_ERR_BUSY and words saying nothing was saved. fn must not use
 * the store. NULL fn restores the timeout. */
typedef bool (*yz_store_wait_fn)(void *ctx, int waited_ms);
void yz_store_set_wait(yz_store *st, yz_store_wait_fn fn, void *ctx);

/* SQLite's page cache of this connection, in KiB (at least 64). Opening sets
 * YZ_STORE_CACHE_KB_DEFAULT (8 MB), which suits commands and imports; the
 * counter UI, which stays open all day beside other programs, asks for
 * YZ_STORE_CACHE_KB_UI (issue 5: under 16 MB resident with 1,000,000
 * residents) and its searches still take well under a millisecond. */
#define YZ_STORE_CACHE_KB_DEFAULT 8192
#define YZ_STORE_CACHE_KB_UI      1024
int yz_store_set_cache_kb(yz_store *st, int kb, yz_err *err);

/* Issue 20: the station file rewritten packed (SQLite's VACUUM). A bulk fill
 * (the demo, an import that is most of the registry) leaves every index
 * about a tenth empty, its rows having come in no index's order: 31 MB of
 * a million residents and 100,000 cases. Rows keep their ids and MACs. Not
 * inside a transaction; takes as long as writing the file again. */
int yz_store_compact(yz_store *st, yz_err *err);

/* Settings kept in the database (key → value), e.g. "station_code". */
int yz_store_meta_set(yz_store *st, const char *key, const char *value, yz_err *err);
/* Set only when the key has no value yet (the first of two racing writers wins). */
int yz_store_meta_add(yz_store *st, const char *key, const char *value, yz_err *err);
/* Copies into buf; returns 0, or 1 when the key is absent, -1 on error. */
int yz_store_meta_get(yz_store *st, const char *key, char *buf, size_t n, yz_err *err);

#endif
