/* Copies of the station database while counters work, and putting one back
 * (issue 14), with SQLite's online backup API (sqlite3_backup_init/step/finish).
 *
 * Taking a copy: the source connection holds one read transaction from the
 * first page to the last. In WAL mode a reader never blocks a writer, so the
 * counters commit as usual while the copy runs; their commits go to the -wal
 * after our snapshot and are not in the copy. Without that transaction a
 * backup that sees the source change starts again from the first page, and on
 * a busy station with a large database it might never finish. The copy steps
 * a bounded number of pages at a time.
 *
 * Putting one back: the backup API in the other direction, from the checked
 * copy into the live connection. SQLite writes every page in one write
 * transaction of the live database (through its -wal), and bumps the schema
 * cookie, so other counters' connections see either the old state or the new
 * one and prepare their statements again. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "store_int.h"

/* How often a busy step (another counter holds the write lock) is tried again,
 * after the connection's own busy timeout. */
#define BUSY_RETRIES 20

/* The tables every yizhan station has had since schema 1. */
static const char *const station_tables[] = {"meta", "users", "residents", "cases", "audit"};

static int fail_db(sqlite3 *db, int rc, const char *path, yz_err *err)
{
	const char *detail =
	    db && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_FULL:
		yz_err_setc(err, YZ_ERR_DISK_FULL,
		            _("The disk is full: the copy %s could not be written. Free some disk "
		              "space and try again."),
		            path);
		break;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		yz_err_setc(err, YZ_ERR_DAMAGED,
		            _("%s is damaged or is not a database of yizhan (%s)."), path, detail);
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_READONLY:
		yz_err_setc(err, YZ_ERR_DENIED, _("%s cannot be opened (%s)."), path, detail);
		break;
	default:
		yz_err_setc(err, YZ_ERR_IO, _("%s could not be read or written (%s)."), path,
		            detail);
		break;
	}
	return -1;
}

static int open_raw(const char *path, int flags, sqlite3 **db, yz_err *err)
{
	int rc = sqlite3_open_v2(path, db, flags, NULL);

	if (rc != SQLITE_OK) {
		fail_db(*db, rc, path, err);
		sqlite3_close_v2(*db);
		*db = NULL;
		return -1;
	}
	sqlite3_extended_result_codes(*db, 1);
	sqlite3_busy_timeout(*db, 5000);
	return 0;
}

/* Step b to the end, pages at a time; busy and locked steps are tried again. */
static int run_backup(sqlite3_backup *b, int pages)
{
	int rc, busy = 0;

	do {
		rc = sqlite3_backup_step(b, pages);
		if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
			if (++busy > BUSY_RETRIES)
				break;
			sqlite3_sleep(100);
			rc = SQLITE_OK;
		}
	} while (rc == SQLITE_OK);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Copy main of src into main of dest; the error (with its message) is on the
 * connection that failed. */
static int copy_db(sqlite3 *dest, sqlite3 *src, int pages, sqlite3 **failed)
{
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
	int rc;

	*failed = dest;
	if (!b)
		return sqlite3_extended_errcode(dest);
	rc = run_backup(b, pages);
	int fin = sqlite3_backup_finish(b);
	if (rc == SQLITE_OK)
		rc = fin;
	/* A failed read of the source shows on the source connection. */
	if (rc != SQLITE_OK && sqlite3_extended_errcode(src) != SQLITE_OK &&
	    sqlite3_extended_errcode(dest) == SQLITE_OK)
		*failed = src;
	return rc;
}

int yz_store_backup(yz_store *st, const char *dest_path, int pages_per_step, yz_err *err)
{
	sqlite3 *dest = NULL, *failed;
	int rc;

	if (pages_per_step <= 0)
		pages_per_step = YZ_BACKUP_STEP_PAGES;
	if (st->tx_depth > 0) {
		yz_err_setc(err, YZ_ERR_INTERNAL, _("Database error: %s"),
		            "backup inside a transaction");
		return -1;
	}
	/* One snapshot for the whole copy (see the top of this file). */
	if (st_exec(st, "BEGIN", err) < 0 ||
	    st_exec(st, "SELECT count(*) FROM sqlite_schema", err) < 0) {
		if (!sqlite3_get_autocommit(st->db))
			st_exec(st, "ROLLBACK", NULL);
		return -1;
	}
	if (open_raw(dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dest, err) < 0) {
		st_exec(st, "ROLLBACK", NULL);
		return -1;
	}
	rc = copy_db(dest, st->db, pages_per_step, &failed);
	if (rc != SQLITE_OK) {
		if (failed == dest)
			fail_db(dest, rc, dest_path, err);
		else
			st_fail(st, rc, err);
	}
	st_exec(st, "ROLLBACK", NULL);
	if (sqlite3_close(dest) != SQLITE_OK && rc == SQLITE_OK)
		rc = fail_db(dest, sqlite3_extended_errcode(dest), dest_path, err);
	return rc == SQLITE_OK ? 0 : -1;
}

int yz_store_copy_file(const char *src_path, const char *dest_path, yz_err *err)
{
	sqlite3 *src = NULL, *dest = NULL, *failed;
	struct stat sb;
	int rc;

	if (stat(src_path, &sb) != 0) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("%s cannot be opened (%s)."), src_path,
		            strerror(errno));
		return -1;
	}
	if (open_raw(src_path, SQLITE_OPEN_READONLY, &src, err) < 0)
		return -1;
	if (open_raw(dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dest, err) < 0) {
		sqlite3_close(src);
		return -1;
	}
	rc = copy_db(dest, src, YZ_BACKUP_STEP_PAGES, &failed);
	/* The new file is empty: a page that is no database is the source's. */
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		failed = src;
	if (rc != SQLITE_OK)
		fail_db(failed, rc, failed == src ? src_path : dest_path, err);
	sqlite3_close(src);
	if (sqlite3_close(dest) != SQLITE_OK && rc == SQLITE_OK)
		rc = fail_db(dest, sqlite3_extended_errcode(dest), dest_path, err);
	return rc == SQLITE_OK ? 0 : -1;
}

/* The first column of the first row of sql as text into buf ("" when none);
 * the SQLite result code. */
static int query_text(sqlite3 *db, const char *sql, const char *arg, char *buf, size_t n)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	buf[0] = '\0';
	if (rc != SQLITE_OK)
		return rc;
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		yz_strlcpy_utf8(buf, t ? t : "", n);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

static int check_station(sqlite3 *db, yz_copy_check *out)
{
	char v[64];
	int rc;

	out->station = true;
	for (size_t i = 0; i < sizeof station_tables / sizeof station_tables[0]; i++) {
		rc = query_text(db,
		                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ?1",
		                station_tables[i], v, sizeof v);
		if (rc != SQLITE_OK)
			return rc;
		if (!v[0])
			out->station = false;
	}
	if (!out->station)
		return SQLITE_OK;
	return query_text(db, "SELECT value FROM meta WHERE key = ?1", "station_code",
	                  out->station_code, sizeof out->station_code);
}

int yz_store_check_copy(const char *path, const char *shown, yz_copy_check *out, yz_err *err)
{
	sqlite3 *db = NULL;
	struct stat sb;
	char v[64];
	int rc;

	memset(out, 0, sizeof *out);
	if (stat(path, &sb) == 0)
		out->bytes = (int64_t)sb.st_size;
	if (!shown)
		shown = path;
	if (open_raw(path, SQLITE_OPEN_READWRITE, &db, err) < 0)
		return -1;
	/* A copy of a WAL database says WAL in its header: a copy is one file. */
	rc = query_text(db, "PRAGMA journal_mode=DELETE", NULL, v, sizeof v);
	if (rc == SQLITE_OK)
		rc = query_text(db, "PRAGMA user_version", NULL, v, sizeof v);
	if (rc == SQLITE_OK) {
		out->schema = (int)strtol(v, NULL, 10);
		rc = check_station(db, out);
	}
	if (rc == SQLITE_OK)
		rc = query_text(db, "PRAGMA integrity_check", NULL, out->problem,
		                sizeof out->problem);
	if (rc != SQLITE_OK) {
		fail_db(db, rc, shown, err);
		sqlite3_close(db);
		return -1;
	}
	out->intact = strcmp(out->problem, "ok") == 0;
	if (out->intact)
		out->problem[0] = '\0';
	/* One line for the message: "*** in database main ***\nPage 7: ..." */
	for (char *p = out->problem; *p; p++)
		if (*p == '\n')
			*p = ' ';
	sqlite3_close(db);
	return 0;
}

int yz_store_restore(yz_store *live, yz_store *src, yz_err *err)
{
	sqlite3 *failed;
	int rc;

	if (live->tx_depth > 0 || src->tx_depth > 0) {
		yz_err_setc(err, YZ_ERR_INTERNAL, _("Database error: %s"),
		            "restore inside a transaction");
		return -1;
	}
	/* All pages in one step: the live database's write transaction opens and
	 * commits once, so nobody ever reads half of each. */
	rc = copy_db(live->db, src->db, -1, &failed);
	if (rc != SQLITE_OK)
		return st_fail(failed == live->db ? live : src, rc, err);
	/* The district hub may hold changes numbered after the copy was made:
	 * the next sync numbers the station's anew (outbox.c). */
	return st_exec(live,
	               "INSERT INTO meta(key, value) VALUES ('" ST_RESTORED_KEY "', '1')"
	               " ON CONFLICT(key) DO UPDATE SET value = excluded.value;"
	               " DELETE FROM meta WHERE key = 'sync_restore_seen'",
	               err);
}
