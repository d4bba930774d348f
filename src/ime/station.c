/* The station's folders of pinyin input: where each counter's librime files
 * live, and how the counters of a station share what they learnt (librime's
 * sync, one counter at a time). ime.c opens the engine in the folder this
 * file prepares (ime_station_open) and asks for a sync on opening, now and
 * then, and on closing (ime_station_sync). */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "ime-int.h"
#include "yz_config.h"

/* A second program of the same counter at once gets "<id>.2", and so on, up
 * to this many folders for one id. */
#define SLOT_MAX 8
/* How long a sync waits for another counter's to end (ms). */
#define SYNC_WAIT_MS 3000

void ime_own_path(const char *name, char *out, size_t n)
{
	const char *env = getenv("YIZHAN_DATADIR");
	snprintf(out, n, "%s/%s", env && *env ? env : YZ_DATADIR, name);
}

/* nftw's callback: the owner and the group only, whatever the umask was
 * when librime or leveldb made the file. */
static int tighten_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type == FTW_F && (st->st_mode & 0027))
		chmod(path, st->st_mode & 0750 & ~0027u);
	else if ((type == FTW_D || type == FTW_DP) && (st->st_mode & 0027))
		chmod(path, (st->st_mode & 02750) | 0700);
	return 0;
}

/* Files and folders under dir: 0640/0750 at most. The counter's umask (027)
 * already makes them so; this holds for any other caller, and for files
 * leveldb made before. */
void ime_tighten(const char *dir)
{
	nftw(dir, tighten_one, 8, FTW_PHYS);
}

/* Writes data/rime/NAME into the user folder when it differs (librime then
 * deploys again): the configuration yizhan gives librime. */
static int install_config(const char *user_dir, const char *name, yz_err *err)
{
	char src[PATH_MAX], dst[PATH_MAX], tmp[PATH_MAX + 8];
	char rel[128];
	snprintf(rel, sizeof rel, "data/rime/%s", name);
	ime_own_path(rel, src, sizeof src);
	snprintf(dst, sizeof dst, "%s/%s", user_dir, name);
	char want[8192], have[8192];
	size_t nw = 0, nh = 0;
	FILE *f = fopen(src, "r");
	if (f) {
		nw = fread(want, 1, sizeof want, f);
		fclose(f);
	}
	if (!f || nw == sizeof want) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("The pinyin settings %s cannot be read. Reinstall yizhan."), src);
		return -1;
	}
	f = fopen(dst, "r");
	if (f) {
		nh = fread(have, 1, sizeof have, f);
		fclose(f);
		if (nh == nw && memcmp(want, have, nw) == 0)
			return 0;
	}
	snprintf(tmp, sizeof tmp, "%s.new", dst);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	bool ok = fd >= 0 && write(fd, want, nw) == (ssize_t)nw;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok && rename(tmp, dst) != 0)
		ok = false;
	if (!ok) {
		int e = errno;
		unlink(tmp);
		yz_err_setc(err, e == ENOSPC ? YZ_ERR_DISK_FULL : YZ_ERR_IO,
		            _("Pinyin input could not write its settings in %s: %s."), user_dir,
		            strerror(e));
		return -1;
	}
	return 0;
}

static int make_dir(const char *dir, yz_err *err)
{
	if (mkdir(dir, 0750) == 0 || errno == EEXIST) {
		struct stat st;
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
	}
	int e = errno;
	yz_err_setc(err,
	            e == ENOSPC   ? YZ_ERR_DISK_FULL
	            : e == EACCES ? YZ_ERR_DENIED
	                          : YZ_ERR_IO,
	            _("Pinyin input cannot make its folder %s: %s."), dir, strerror(e));
	return -1;
}

/* librime's shared data: Debian's, or $YIZHAN_RIME_SHARED_DIR (a station
 * that keeps it elsewhere; the tests' folder without it). */
const char *ime_shared_dir(void)
{
	const char *env = getenv("YIZHAN_RIME_SHARED_DIR");
	return env && *env ? env : YZ_IME_SHARED_DIR;
}

/* ---- the station's folders ------------------------------------------------- */

/* A station's rime folder (the station data folder's "rime") holds:
 *   <id>/           one counter's librime user folder (an "installation" in
 *                   librime's words): its user dictionary (LevelDB), its
 *                   deployed schema, installation.yaml; of the OS account
 *                   the counter runs under, 0750/0640; yizhan.lock in it is
 *                   held (flock) while a program uses it;
 *   sync/           librime's sync folder, shared by the station's counters;
 *   sync/<id>/      the snapshot of each counter's learnt words
 *                   (luna_pinyin.userdb.txt), written by librime.
 * Why not one folder for the station: LevelDB locks the user dictionary for
 * the first program that opens it, and a second counter typing pinyin at the
 * same time would learn nothing, silently. Learnt words are the station's
 * all the same through librime's own sync (RimeSyncUserData): on opening,
 * the engine merges every counter's snapshot into its own dictionary; on
 * closing, and now and then after it learnt something, it merges again and
 * writes its own snapshot. So what counter 1 learnt is offered at counter 2
 * from its next opening on.
 *
 * The counters of a station may run under different OS accounts of the
 * station's group (its data folder is then 2770, like /var/lib/yizhan). Each
 * account writes only its own: its counter folders and its snapshot folder;
 * it reads the others' snapshots through the group. For that the rime
 * folder and the sync folder are as open to the group as the station's data
 * folder: 2770 (group-writable, setgid so that what is made in them is of
 * the station's group) when it is group-writable, else 0750. A counter id
 * whose folder belongs to another account gets a folder of its own
 * ("<id>.2"), as a second program of the same counter at once does. */

/* The mode of the rime and sync folders: see above. */
static mode_t shared_mode(const char *rime_dir)
{
	char parent[PATH_MAX];
	snprintf(parent, sizeof parent, "%s", rime_dir);
	char *slash = strrchr(parent, '/');
	if (slash == parent)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(parent, sizeof parent, ".");
	struct stat st;
	if (stat(parent, &st) == 0 && (st.st_mode & S_IWGRP))
		return 02770;
	return 0750;
}

/* A folder made with mode (the umask would take the group's write and the
 * setgid off), or set to it when it is this account's. */
static int make_shared_dir(const char *dir, mode_t mode, yz_err *err)
{
	if (make_dir(dir, err) != 0)
		return -1;
	struct stat st;
	if (stat(dir, &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 07777) != mode)
		chmod(dir, mode);
	return 0;
}

/* A counter's id is part of a folder's name. */
bool ime_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > YZ_IME_ID_MAX || id[0] == '.' || id[0] == '-' || strcmp(id, "sync") == 0)
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

/* The id of a program that names no counter: its OS account's. */
void ime_account_id(char *out, size_t n)
{
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name) {
		snprintf(out, n, "user-%s", pw->pw_name);
		if (ime_id_ok(out))
			return;
	}
	snprintf(out, n, "uid-%u", (unsigned)geteuid());
}

/* This program's counter folder: "<id>", else (held by another program of
 * the same counter, or another account's) "<id>.2" and so on, each a
 * counter folder of its own whose learnt words reach the station the same
 * way. When all SLOT_MAX are held, the first of this account's is used
 * without its lock: the program types, but learns nothing (librime cannot
 * open the user dictionary another program holds). */
static int claim_folder(ime_station *sta, const char *rime_dir, const char *id, yz_err *err)
{
	char fallback[PATH_MAX] = "", fallback_id[sizeof sta->id] = "";
	for (int slot = 1; slot <= SLOT_MAX; slot++) {
		char name[sizeof sta->id], dir[PATH_MAX], lock[PATH_MAX + 16];
		if (slot == 1)
			snprintf(name, sizeof name, "%s", id);
		else
			snprintf(name, sizeof name, "%s.%d", id, slot);
		snprintf(dir, sizeof dir, "%s/%s", rime_dir, name);
		if (make_dir(dir, err) != 0)
			return -1;
		struct stat st;
		if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
			continue; /* another account's */
		if (!fallback[0]) {
			snprintf(fallback, sizeof fallback, "%s", dir);
			snprintf(fallback_id, sizeof fallback_id, "%s", name);
		}
		snprintf(lock, sizeof lock, "%s/yizhan.lock", dir);
		int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
		if (fd < 0)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			sta->lock_fd = fd;
			snprintf(sta->user_dir, sizeof sta->user_dir, "%s", dir);
			snprintf(sta->id, sizeof sta->id, "%s", name);
			return 0;
		}
		close(fd);
	}
	if (!fallback[0]) {
		yz_err_setc(
		    err, YZ_ERR_DENIED,
		    _("Pinyin input cannot make a folder of its own in %s: its folders belong "
		      "to other accounts."),
		    rime_dir);
		return -1;
	}
	snprintf(sta->user_dir, sizeof sta->user_dir, "%s", fallback);
	snprintf(sta->id, sizeof sta->id, "%s", fallback_id);
	return 0;
}

/* The value of "key: value" in text (quotes taken off), "" when absent. */
static void yaml_value(const char *text, const char *key, char *out, size_t n)
{
	out[0] = '\0';
	size_t kn = strlen(key);
	for (const char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : NULL;
		if (strncmp(line, key, kn) != 0 || line[kn] != ':')
			continue;
		const char *v = line + kn + 1;
		v += strspn(v, " ");
		size_t len = strcspn(v, "\n");
		if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
			v++;
			len -= 2;
		}
		if (len < n) {
			memcpy(out, v, len);
			out[len] = '\0';
		}
		return;
	}
}

/* installation.yaml in the counter folder names the installation (librime's
 * installation_id: the name of its snapshot folder) and the station's sync
 * folder. librime adds its own lines to it; it is written only when one of
 * the two differs (a new file makes librime deploy again). */
static int write_installation(const ime_station *sta, yz_err *err)
{
	char path[PATH_MAX + 32], tmp[PATH_MAX + 40], text[4096] = "";
	snprintf(path, sizeof path, "%s/installation.yaml", sta->user_dir);
	FILE *f = fopen(path, "r");
	if (f) {
		size_t got = fread(text, 1, sizeof text - 1, f);
		text[got] = '\0';
		fclose(f);
	}
	char id[sizeof sta->id + 8], sync[PATH_MAX];
	yaml_value(text, "installation_id", id, sizeof id);
	yaml_value(text, "sync_dir", sync, sizeof sync);
	if (strcmp(id, sta->id) == 0 && strcmp(sync, sta->sync_dir) == 0)
		return 0;
	snprintf(tmp, sizeof tmp, "%s.new", path);
	f = fopen(tmp, "w");
	bool ok = f != NULL;
	if (ok) {
		/* double quotes: a path with '"' or '\' is not written as it is */
		fprintf(f, "installation_id: \"%s\"\nsync_dir: \"", sta->id);
		for (const char *p = sta->sync_dir; *p; p++)
			fprintf(f, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
		fputs("\"\n", f);
		ok = !ferror(f);
		if (fclose(f) != 0)
			ok = false;
	}
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		int e = errno;
		unlink(tmp);
		yz_err_setc(err, e == ENOSPC ? YZ_ERR_DISK_FULL : YZ_ERR_IO,
		            _("Pinyin input could not write its settings in %s: %s."),
		            sta->user_dir, strerror(e));
		return -1;
	}
	return 0;
}

/* librime's sync (the module's sync), one counter at a time: a snapshot
 * being written is not read half-written by another counter. The lock is
 * yizhan.lock in the sync folder (librime looks only at its folders); a
 * counter that cannot have it within SYNC_WAIT_MS syncs another time.
 * merge: take the others' words in too (on opening), else only give this
 * counter's (on closing, and now and then). again: a session follows (else
 * the engine is about to close). False only when the session could not be
 * made again. */
int ime_station_sync(ime_station *sta, const yz_ime_ops *ops, yz_ime_engine *eng, bool merge,
                     bool again)
{
	if (sta->lock_fd < 0)
		return 0; /* learns nothing: nothing to give, nothing to merge into */
	char lock[PATH_MAX + 16];
	snprintf(lock, sizeof lock, "%s/yizhan.lock", sta->sync_dir);
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		fd = open(lock, O_RDONLY | O_CLOEXEC); /* another account's: a read lock file */
	bool locked = false;
	struct timespec tick = {0, 10000000};
	for (int waited = 0; fd >= 0 && waited <= SYNC_WAIT_MS; waited += 10) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			locked = true;
			break;
		}
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		nanosleep(&tick, NULL);
	}
	int rc = 0;
	if (locked) {
		rc = ops->sync(eng, merge, again) ? 1 : -1;
		char own[PATH_MAX + YZ_IME_ID_MAX + 16];
		snprintf(own, sizeof own, "%s/%s", sta->sync_dir, sta->id);
		ime_tighten(own);
		ime_tighten(sta->user_dir);
		flock(fd, LOCK_UN);
	}
	if (fd >= 0)
		close(fd);
	return rc;
}

int ime_station_open(ime_station *sta, const char *rime_dir, const char *id, yz_err *err)
{
	char sync[PATH_MAX], userdb[PATH_MAX + 32];
	mode_t mode = shared_mode(rime_dir);
	sta->lock_fd = -1;
	snprintf(sync, sizeof sync, "%s/sync", rime_dir);
	if (make_shared_dir(rime_dir, mode, err) != 0 || make_shared_dir(sync, mode, err) != 0 ||
	    claim_folder(sta, rime_dir, id, err) != 0)
		return -1;
	if (!realpath(sync, sta->sync_dir)) {
		int e = errno;
		yz_err_setc(err, YZ_ERR_IO, _("Pinyin input cannot make its folder %s: %s."), sync,
		            strerror(e));
		return -1;
	}
	/* The user dictionary's folder is made before librime deploys: librime
	 * deploys again whenever the user folder changed after its last
	 * deployment, and the session would make that folder just after it, so
	 * the next day's open would deploy once more for nothing. */
	snprintf(userdb, sizeof userdb, "%s/" YZ_IME_USERDB ".userdb", sta->user_dir);
	if (write_installation(sta, err) != 0 || make_dir(userdb, err) != 0 ||
	    install_config(sta->user_dir, "default.custom.yaml", err) != 0) {
		ime_tighten(sta->user_dir);
		return -1;
	}
	return 0;
}

void ime_station_close(ime_station *sta)
{
	if (sta->lock_fd >= 0)
		close(sta->lock_fd); /* the counter folder is free again */
	sta->lock_fd = -1;
}
