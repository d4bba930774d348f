/* store: copies of the station database taken while counters work, and putting
 * one back (issue 14), with SQLite's online backup API. The store module,
 * src/store/backup.c; the whole API: yizhan/store.h.
 *
 * A copy is one consistent state of the database: the copy reads one snapshot
 * from start to end (a read transaction, which in WAL mode never holds a
 * counter's write up), so commits made while it runs are not in it and never
 * make it start again. Checking a copy reads it alone; the audit chain of a copy
 * is checked by opening it with the station's key (yz_store_open_key) and
 * yz_audit_verify. */
#ifndef YZ_STORE_BACKUP_H
#define YZ_STORE_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

/* Pages copied per step of a backup (4 MB of 4 KiB pages): each step is short,
 * so the copy never keeps the disk to itself for long. */
#define YZ_BACKUP_STEP_PAGES 1024

/* Copy the open station st into the file at dest_path (which must not exist or
 * be empty: a temporary of yz_outfile_open), pages_per_step pages at a time (<=
 * 0: YZ_BACKUP_STEP_PAGES). dest_path gets one consistent state of st. 0, or -1
 * with err set (the disk full, dest_path unwritable). */
int yz_store_backup(yz_store *st, const char *dest_path, int pages_per_step, yz_err *err);

/* Copy the database file at src_path (opened read-only, never changed) into the
 * new file at dest_path. -1 with err code YZ_ERR_DAMAGED and plain words when
 * src_path is not an SQLite database or is damaged. */
int yz_store_copy_file(const char *src_path, const char *dest_path, yz_err *err);

/* What a look at a copy found. */
typedef struct yz_copy_check {
	int schema;            /* PRAGMA user_version: 0 = not a yizhan database */
	bool station;          /* the tables of a yizhan station are there */
	bool intact;           /* PRAGMA integrity_check said "ok" */
	char problem[256];     /* the first thing integrity_check found, when not intact */
	char station_code[17]; /* meta station_code, "" when absent */
	int64_t bytes;         /* the file's size */
} yz_copy_check;

/* Look at the copy at path, alone (no station key needed): makes it a single
 * file (rollback journal mode, no -wal beside it), then reads its schema, its
 * tables and PRAGMA integrity_check into *out. 0 when it could be read (the
 * findings are in *out); -1 with err set (code YZ_ERR_DAMAGED when it is not a
 * database at all), naming the file shown (NULL: path; a working copy is
 * told by the name of the file it was made from). */
int yz_store_check_copy(const char *path, const char *shown, yz_copy_check *out, yz_err *err);

/* Replace the whole content of the open station live by that of the open
 * database src (a checked copy), in one transaction of live: counters that
 * have it open see the old state or the new one, never a mix, and go on with
 * the new one (the -wal stays consistent). Waits for other counters' writes.
 * 0, or -1 with err set and live unchanged. */
int yz_store_restore(yz_store *live, yz_store *src, yz_err *err);

#endif
