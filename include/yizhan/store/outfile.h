/* store/outfile.h: files yizhan writes and the settings files it reads
 * (issue 14). Three rules:
 *
 * 1. A file named by a user (an export, a rejects file, a saved PDF, a saved
 *    document, a backup) is never a way to destroy a file: a device, a
 *    symbolic link, a folder, a FIFO or socket, or a regular file of another
 *    user is refused with the file's name and left as it was. The new content
 *    goes to a temporary file (0640, created with O_EXCL, never through a
 *    link) in the same folder and is renamed over the name only once it is
 *    complete and on the disk (fsync): no half file ever sits under the name,
 *    and a failed write leaves an older file of that name as it was.
 *
 * 2. The station's own folders and files (the data directory, station.db and
 *    its -wal/-shm, yizhan.conf, station.key, the folder of saved documents)
 *    are for the owner and the station's group only (0750 folders, 0640 files
 *    or stricter when yizhan makes them): one found open to other users is
 *    closed to them when it is ours, refused with a plain reason when not.
 *
 * 3. A settings or calendar file is read only when it is a regular file of
 *    a settings file's size: `calendar_file = /dev/zero` or a FIFO is refused
 *    with the file's name, never read (yz_infile_read).
 *
 * The store module, src/store/outfile.c; the whole API: yizhan/store.h. */
#ifndef YZ_STORE_OUTFILE_H
#define YZ_STORE_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "yizhan/text.h"

/* The mode of every file yizhan makes: the owner reads and writes, the
 * station's group reads. Folders get YZ_DIR_MODE. */
#define YZ_FILE_MODE 0640
#define YZ_DIR_MODE  0750

/* An output file being written. Zero it (or let yz_outfile_open do it); after
 * yz_outfile_open succeeded, write to f, then yz_outfile_commit or
 * yz_outfile_abort exactly once (each closes f). */
typedef struct yz_outfile {
	FILE *f;             /* the temporary, open for writing (binary) */
	char path[PATH_MAX]; /* the name the file gets on commit */
	char tmp[PATH_MAX];  /* the temporary: ".NAME.XXXXXX" in path's folder */
} yz_outfile;

/* Whether path may be written by yz_outfile_*: 0 when it does not exist or
 * is a regular file of this user (it will be replaced); else -1 and err
 * names the file and what it is (a device, a link, a folder, a pipe, another
 * user's file; code YZ_ERR_INVALID or YZ_ERR_DENIED). Nothing is changed.
 * Commands call it before long work, so that a wrong name is told first. */
int yz_outfile_check(const char *path, yz_err *err);

/* Start writing path: yz_outfile_check, then a new temporary file beside it
 * (mode YZ_FILE_MODE). 0 with o->f open; -1 with err set and nothing left
 * behind. */
int yz_outfile_open(yz_outfile *o, const char *path, yz_err *err);

/* Finish: flush, fsync, close, check path again, rename the temporary over
 * path, fsync the folder. 0 when path now holds what was written; -1 with err
 * set (YZ_ERR_DISK_FULL for a full disk or quota, YZ_ERR_IO otherwise), the
 * temporary removed and an older file at path as it was. Also -1 when a write
 * to o->f failed earlier (the stream's error flag is checked). */
int yz_outfile_commit(yz_outfile *o, yz_err *err);

/* The content written so far on the disk (fflush, fsync), the file still
 * open and not yet under its name: for a caller that must know the file is
 * whole before it commits something else (the import's rejects, before the
 * rows go in). 0, or -1 with err set (then yz_outfile_abort). */
int yz_outfile_sync(yz_outfile *o, yz_err *err);

/* Give up: close and remove the temporary; path is not touched. Safe to call
 * on a zeroed yz_outfile or after commit (then it does nothing). */
void yz_outfile_abort(yz_outfile *o);

/* The whole file at once: open, write len bytes of data, commit. */
int yz_outfile_write(const char *path, const void *data, size_t len, yz_err *err);

/* Remove path when it is a regular file of this user (an old rejects file
 * that no longer applies); a missing file is fine. Anything else is left as
 * it was: -1 with err set as yz_outfile_check does. */
int yz_outfile_remove(const char *path, yz_err *err);

/* The station's own folder at path, closed to other users. When absent and
 * create is true, it is made (YZ_DIR_MODE; its parent must exist). When it
 * exists and is ours (or we are root), any permission for other users is
 * taken away (chmod o-rwx; the group's bits stay as the station set them).
 * Refused (-1, err naming the folder and what to do): a shared folder every
 * user may write to (sticky and world-writable, such as /tmp: choose a
 * folder of the station's own), another user's folder open to other users,
 * or a path that is not a folder. 0 when absent and create is false. */
int yz_private_dir(const char *path, bool create, yz_err *err);

/* The same for one of the station's own files (station.db, its -wal and
 * -shm, yizhan.conf, station.key): absent is fine (0); ours and open to
 * other users: chmod o-rwx; another user's open to other users, or not a
 * regular file: -1 with err set. */
int yz_private_file(const char *path, yz_err *err);

/* The most yizhan reads from a settings or calendar file (yizhan.conf, the
 * working-day calendar): far above a real one (a few KB), far below what
 * would hurt an old PC. */
#define YZ_INFILE_MAX (1024 * 1024)

/* path's folder into buf ("." for a bare name, "/" for a file of the root);
 * false when it does not fit in n bytes. */
bool yz_path_folder(const char *path, char *buf, size_t n);

/* The whole of the settings or calendar file at path, NUL-terminated
 * (malloc'd, *len bytes without the NUL), or NULL with err naming the file:
 * YZ_ERR_NOT_FOUND when it does not exist, YZ_ERR_INVALID when it is not a
 * regular file (a device, a folder, a FIFO: opened without blocking, nothing
 * read) or holds more than max bytes (nothing is kept; the message gives the
 * limit), YZ_ERR_IO otherwise. */
char *yz_infile_read(const char *path, size_t max, size_t *len, yz_err *err);

#endif
