/* Opening the station database: pragmas, migrations, transactions that nest and
 * the error messages a clerk reads when the disk or the file misbehaves. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "schema.h"
#include "store_int.h"

/* How long one statement waits for another counter's write lock. */
#define BUSY_TIMEOUT_MS 5000
/* How many times BEGIN IMMEDIATE is tried again after a busy timeout. */
#define BEGIN_RETRIES 3
/* How often a waiting connection tries the lock again (and asks its wait
 * function, issue 14): short, so that a lock let go for a moment between an
 * import's batches is taken, and Esc is seen at once. */
#define WAIT_STEP_MS 20

/* The yz_errcode of an SQLite result code: a caller tells a full disk from a
 * locked database by the code, never by the words. */
static yz_errcode errcode_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return YZ_ERR_DISK_FULL;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return YZ_ERR_BUSY;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
	case SQLITE_AUTH:
		return YZ_ERR_DENIED;
	case SQLITE_IOERR:
		return YZ_ERR_IO;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return YZ_ERR_DAMAGED;
	case SQLITE_NOMEM:
		return YZ_ERR_NO_MEMORY;
	case SQLITE_CONSTRAINT:
		return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY
		           ? YZ_ERR_EXISTS
		           : YZ_ERR_INVALID;
	default:
		return YZ_ERR_INTERNAL;
	}
}

int st_fail(yz_store *st, int rc, yz_err *err)
{
	const char *detail = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);

	/* A full disk often shows as an I/O error (the WAL index or journal could
	 * not grow): the clerk is told the disk is full, not to "check the disk". */
	if ((rc & 0xff) == SQLITE_IOERR && st && st->db &&
	    (sqlite3_system_errno(st->db) == ENOSPC || sqlite3_system_errno(st->db) == EDQUOT))
		rc = SQLITE_FULL;
	yz_errcode code = errcode_of(rc);
	switch (code) {
	case YZ_ERR_DISK_FULL:
		yz_err_setc(err, code,
		            _("The disk is full: nothing was saved. Free some disk space and "
		              "try again."));
		break;
	case YZ_ERR_BUSY:
		if (st && st->wait_given_up)
			yz_err_setc(err, code,
			            _("You stopped waiting for another window to save: nothing was "
			              "saved. Try again in a moment."));
		else
			yz_err_setc(err, code,
			            _("Another counter kept the database busy for too long. Try "
			              "again in a moment."));
		break;
	case YZ_ERR_DENIED:
		yz_err_setc(err, code,
		            _("The station database cannot be opened for writing (%s). Ask the "
		              "administrator to check the file and its permissions."),
		            detail);
		break;
	case YZ_ERR_IO:
		yz_err_setc(err, code,
		            _("The station database could not be read or written (%s). Check "
		              "the disk."),
		            detail);
		break;
	case YZ_ERR_DAMAGED:
		yz_err_setc(err, code,
		            _("The station database is damaged or is not a yizhan database (%s). "
		              "Restore it from the backup."),
		            detail);
		break;
	default:
		yz_err_setc(err, code, _("Database error: %s"), detail);
		break;
	}
	return -1;
}

sqlite3_stmt *st_prep(yz_store *st, const char *sql, yz_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK) {
		st_fail(st, rc, err);
		return NULL;
	}
	return s;
}

sqlite3_stmt *st_prep_cached(yz_store *st, const char *sql, yz_err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < ST_STMT_CACHE && st->cache_sql[i]; i++) {
		if (st->cache_sql[i] == sql) {
			sqlite3_reset(st->cache[i]);
			sqlite3_clear_bindings(st->cache[i]);
			return st->cache[i];
		}
	}
	if (i == ST_STMT_CACHE) {
		yz_err_setc(err, YZ_ERR_INTERNAL, _("Database error: %s"), "statement cache full");
		return NULL;
	}
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->cache[i], NULL);
	if (rc != SQLITE_OK) {
		st_fail(st, rc, err);
		st->cache[i] = NULL;
		return NULL;
	}
	st->cache_sql[i] = sql;
	return st->cache[i];
}

int st_exec_stmt(yz_store *st, sqlite3_stmt *s, yz_err *err)
{
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		st_fail(st, rc, err);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int st_exec(yz_store *st, const char *sql, yz_err *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : st_fail(st, rc, err);
}

int st_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

int st_bind_str(sqlite3_stmt *s, int i, const char *v)
{
	return sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

void st_col_cpy(sqlite3_stmt *s, int i, char *buf, size_t n)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	yz_strlcpy_utf8(buf, t ? t : "", n);
}

void st_now(yz_store *st, char buf[21])
{
	yz_utc_stamp(yz_clock_now(&st->clock), buf);
}

yz_date st_today(yz_store *st)
{
	return yz_clock_today(&st->clock);
}

void yz_store_set_clock(yz_store *st, yz_clock clock)
{
	st->clock = clock;
}

yz_clock yz_store_clock(const yz_store *st)
{
	return st->clock;
}

/* ---- transactions -------------------------------------------------------- */

static int begin_immediate(yz_store *st, yz_err *err)
{
	int rc = SQLITE_OK;

	st->wait_given_up = false;
	for (int i = 0; i <= BEGIN_RETRIES; i++) {
		rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		/* The wait function ends the wait when it says so: no retry. */
		if ((rc & 0xff) != SQLITE_BUSY || st->wait_given_up)
			break;
		/* The busy handler already waited BUSY_TIMEOUT_MS; a long print-queue
		 * write or a checkpoint may still be running: wait a little more. */
		usleep(100000);
	}
	return rc == SQLITE_OK ? 0 : st_fail(st, rc, err);
}

int st_tx_begin(yz_store *st, yz_err *err)
{
	if (st->tx_depth == 0) {
		if (begin_immediate(st, err) < 0)
			return -1;
	} else if (st_exec(st, "SAVEPOINT yz_inner", err) < 0) {
		return -1;
	}
	st->tx_depth++;
	return 0;
}

int st_tx_end(yz_store *st, bool ok, yz_err *err)
{
	yz_err ignored;

	if (st->tx_depth <= 0)
		return 0;
	st->tx_depth--;
	/* A batch of residents (residents.c) ends with its transaction, however
	 * that ended: a later transaction of the same depth is no batch. One
	 * committed without yz_resident_batch_end would keep residents without
	 * their audit row: it is rolled back instead. */
	if (st->batch_depth > st->tx_depth) {
		if (ok && st->batch_n > 0) {
			yz_err_setc(err, YZ_ERR_INTERNAL, _("Database error: %s"),
			            "a batch of residents committed without its end");
			ok = false;
		}
		st->batch_depth = 0;
	}
	if (st->tx_depth > 0) {
		if (ok)
			return st_exec(st, "RELEASE yz_inner", err);
		/* Keep the caller's message: the rollback's own status is secondary. */
		st_exec(st, "ROLLBACK TO yz_inner", &ignored);
		st_exec(st, "RELEASE yz_inner", &ignored);
		return -1;
	}
	if (ok && st_exec(st, "COMMIT", err) == 0)
		return 0;
	if (!sqlite3_get_autocommit(st->db))
		st_exec(st, "ROLLBACK", &ignored);
	return -1;
}

int yz_store_begin(yz_store *st, yz_err *err)
{
	return st_tx_begin(st, err);
}

int yz_store_commit(yz_store *st, yz_err *err)
{
	return st_tx_end(st, true, err);
}

void yz_store_rollback(yz_store *st)
{
	st_tx_end(st, false, NULL);
}

/* ---- open and migrate ----------------------------------------------------- */

static int read_user_version(yz_store *st, int *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "PRAGMA user_version", err);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		st_fail(st, rc, err);
		sqlite3_finalize(s);
		return -1;
	}
	*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static int set_pragmas(yz_store *st, yz_err *err)
{
	/* Issue 20: a new station's file in pages of 8 KiB (before WAL fixes the
	 * size): half the pages' headers and ends, 1% smaller at a million
	 * residents. An existing file keeps its size (a WAL file's never changes). */
	if (st_exec(st, "PRAGMA page_size=8192", err) < 0 ||
	    /* WAL lets counters read while one writes; FULL syncs the WAL on every
	     * commit so that a power cut loses nothing that was acknowledged. */
	    st_exec(st, "PRAGMA journal_mode=WAL", err) < 0 ||
	    st_exec(st, "PRAGMA foreign_keys=ON", err) < 0 ||
	    st_exec(st, "PRAGMA synchronous=FULL", err) < 0 ||
	    /* 8 MB of page cache by default: commands and imports keep the search
	     * indexes' upper levels in memory (the UI asks for less, see
	     * yz_store_set_cache_kb). */
	    yz_store_set_cache_kb(st, YZ_STORE_CACHE_KB_DEFAULT, err) < 0)
		return -1;
	return 0;
}

int yz_store_set_cache_kb(yz_store *st, int kb, yz_err *err)
{
	char sql[64];
	if (kb < 64)
		kb = 64; /* below that every search reads its index pages from the OS again */
	/* PRAGMA takes no parameters; the number comes from the caller's code, not
	 * from text. A negative size is in KiB; shrinking frees the pages over it. */
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", kb);
	return st_exec(st, sql, err);
}

int yz_store_compact(yz_store *st, yz_err *err)
{
	if (st->tx_depth > 0) {
		yz_err_set(err, _("The station file cannot be compacted inside a transaction."));
		return -1;
	}
	/* VACUUM writes the packed file through the WAL; the checkpoint puts it
	 * in place and empties the WAL again. */
	if (st_exec(st, "VACUUM", err) < 0)
		return -1;
	return st_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", err);
}

static int refuse_newer(yz_store *st, int version, yz_err *err)
{
	yz_err_set(err,
	           _("The station database %s was written by a newer version of yizhan (schema "
	             "%d; this program knows up to %d). Install the newer yizhan; the file was "
	             "not changed."),
	           st->path, version, YZ_SCHEMA_VERSION);
	return -1;
}

/* A failed upgrade of a station's data is told as such, with what SQLite said:
 * the admin must know the file is untouched (the transaction rolled back) and
 * that the old program still opens it. A new, empty file (version 0) needs no
 * such words. */
static int upgrade_failed(yz_store *st, int from, yz_err *err)
{
	if (from > 0 && err) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err->msg);
		yz_err_setc(err, err->code,
		            _("Upgrading the station database %s from schema %d to %d failed (%s). "
		              "The file was not changed; keep it and call the station's technical "
		              "support."),
		            st->path, from, YZ_SCHEMA_VERSION, why);
	}
	return -1;
}

static int migrate(yz_store *st, yz_err *err)
{
	int version, from;
	char sql[64];

	if (st_tx_begin(st, err) < 0)
		return -1;
	/* Read again under the write lock: another counter may have migrated. */
	if (read_user_version(st, &version, err) < 0)
		return st_tx_end(st, false, NULL);
	if (version > YZ_SCHEMA_VERSION) {
		st_tx_end(st, false, NULL);
		return refuse_newer(st, version, err);
	}
	for (from = version; version < YZ_SCHEMA_VERSION && (size_t)version < st_n_migrations;
	     version++) {
		if (st_exec(st, st_migrations[version], err) < 0 ||
		    st_migration_fixup(st, version + 1, err) < 0) {
			st_tx_end(st, false, NULL);
			return upgrade_failed(st, from, err);
		}
	}
	/* PRAGMA takes no parameters; the number comes from this code, not from text. */
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version);
	if (st_exec(st, sql, err) < 0) {
		st_tx_end(st, false, NULL);
		return upgrade_failed(st, from, err);
	}
	if (st_tx_end(st, true, err) < 0)
		return upgrade_failed(st, from, err);
	return 0;
}

/* ---- waiting for another counter's write lock (issue 14) ------------------ */

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's busy handler: count is 0 on the first call of a wait. Nonzero
 * tries again after the sleep; 0 gives up (the statement fails busy). */
static int busy_wait(void *arg, int count)
{
	yz_store *st = arg;
	long long now = mono_ms();

	if (count == 0) {
		st->wait_start_ms = now;
		st->wait_given_up = false;
	}
	int waited = (int)(now - st->wait_start_ms);
	if (st->wait_fn) {
		if (!st->wait_fn(st->wait_ctx, waited)) {
			st->wait_given_up = true;
			return 0;
		}
	} else if (waited >= BUSY_TIMEOUT_MS) {
		return 0;
	}
	sqlite3_sleep(WAIT_STEP_MS);
	return 1;
}

void yz_store_set_wait(yz_store *st, yz_store_wait_fn fn, void *ctx)
{
	st->wait_fn = fn;
	st->wait_ctx = ctx;
}

static int open_db(yz_store *st, const char *path, yz_err *err)
{
	int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

	if (rc != SQLITE_OK)
		return st_fail(st, rc, err);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_handler(st->db, busy_wait, st);
	return 0;
}

int yz_store_open(const char *path, yz_store **out, yz_err *err)
{
	return yz_store_open_key(path, NULL, out, err);
}

/* The MAC triggers of the audit trail (audit.c) make every write a statement
 * that may need undoing after it changed pages, so SQLite keeps a statement
 * journal; past 64 KiB (the default) it goes to a temporary file for the rest
 * of the transaction, which made a large import almost twice as slow. 120 KiB keeps
 * a row's journal in memory and is as fast as 1 MB (57 s for the million-row
 * import either way). Not more: SQLite allocates the whole size at once for
 * every write's journal and frees it after, and an allocation under 128 KiB
 * comes from the heap instead of an mmap and munmap of its own (in glibc by
 * default, and under ASan, where 1 MB made every write 20 times slower).
 * Process-wide and only possible before SQLite's first use: the first open
 * sets it (later, SQLite refuses and nothing changes). */
#define STMT_JOURNAL_SPILL (120 << 10)

int yz_store_open_key(const char *path, const char *key_path, yz_store **out, yz_err *err)
{
	static bool configured;
	yz_store *st;
	int version;

	if (!configured) {
		configured = true;
		sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_SPILL);
	}
	st = calloc(1, sizeof *st);

	*out = NULL;
	if (!st) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	yz_strlcpy_utf8(st->path, path, sizeof st->path);
	if (st_key_path_set(st, key_path, err) < 0)
		goto fail;
	if (open_db(st, path, err) < 0 || read_user_version(st, &version, err) < 0)
		goto fail;
	if (version > YZ_SCHEMA_VERSION) {
		refuse_newer(st, version, err);
		goto fail;
	}
	/* The station key before anything is written: a station whose key is
	 * missing or damaged is refused untouched. */
	if (st_key_prepare(st, version, err) < 0 || st_audit_functions(st, err) < 0)
		goto fail;
	if (set_pragmas(st, err) < 0)
		goto fail;
	if (version < YZ_SCHEMA_VERSION && migrate(st, err) < 0)
		goto fail;
	/* An upgrade may have moved the old verification secret into the file. */
	if (version < 6 && st_key_reload(st, err) < 0)
		goto fail;
	if (st_audit_triggers(st, err) < 0)
		goto fail;
	/* Pinyin keys made by another yizhan or reading table: made again, once. */
	if (st_initials_refresh(st, err) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	yz_store_close(st);
	return -1;
}

void yz_store_close(yz_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < ST_STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i]);
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st);
}

int yz_store_user_version(yz_store *st)
{
	int v = -1;

	if (read_user_version(st, &v, NULL) < 0)
		return -1;
	return v;
}

/* ---- meta ---------------------------------------------------------------- */

int yz_store_meta_set(yz_store *st, const char *key, const char *value, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO meta(key, value) VALUES(?1, ?2)"
	                          " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, key);
	st_bind_str(s, 2, value);
	return st_exec_stmt(st, s, err);
}

int yz_store_meta_add(yz_store *st, const char *key, const char *value, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "INSERT OR IGNORE INTO meta(key, value) VALUES(?1, ?2)", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, key);
	st_bind_str(s, 2, value);
	return st_exec_stmt(st, s, err);
}

int yz_store_meta_get(yz_store *st, const char *key, char *buf, size_t n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT value FROM meta WHERE key = ?1", err);
	int rc;

	if (!s)
		return -1;
	st_bind_str(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st_col_cpy(s, 0, buf, n);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		if (n)
			buf[0] = '\0';
		rc = 1;
	} else {
		rc = st_fail(st, rc, err);
	}
	sqlite3_finalize(s);
	return rc;
}

int st_get_row(yz_store *st, sqlite3_stmt *s, st_row_fn fn, void *out, yz_err *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW && out)
		fn(s, out);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
}

int st_get_rows(yz_store *st, sqlite3_stmt *s, st_row_fn fn, void *out, size_t size, size_t max,
                size_t *n, yz_err *err)
{
	int rc = SQLITE_DONE;

	*n = 0;
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(s, (char *)out + size * (*n)++);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}
