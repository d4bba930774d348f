/* yizhan backup [DEST] and yizhan restore FILE (issue 14).
 *
 * backup: a copy of station.db taken while the counters work (the store's
 * online backup, one snapshot), checked before it gets its name (PRAGMA
 * integrity_check, and the audit chain verified with the station's key), named
 * station-YYYYmmdd-HHMMSS.db (local time) in the backup folder (0750; the file
 * 0640, written through yz_outfile: never a half copy under the name). The
 * folder keeps the newest backup_keep of these; nothing else in it is touched.
 *
 * restore: the file is copied beside the station and checked there (a yizhan
 * station of a schema this program knows, integrity_check, its audit chain
 * verified with THIS station's key, so a copy of another station or an edited
 * one is refused); the live state is first kept as before-restore-*.db in the
 * backup folder; then the copy replaces the live database in one transaction.
 *
 * The station key is never in a copy: it stays in station.key on the machine. */
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"

/* The copies this command names and may delete: station-YYYYmmdd-HHMMSS.db. */
#define COPY_PREFIX   "station-"
#define COPY_SUFFIX   ".db"
#define COPY_NAME_LEN (sizeof COPY_PREFIX - 1 + 15 + sizeof COPY_SUFFIX - 1)

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void say_err(const yz_err *err)
{
	app_printf(stderr, "yizhan: %s\n", err->msg);
}

/* Who may: an admin account acting (--as, or os_accounts), or root with no
 * account named (the backup timer). An account named that is not an admin is
 * refused, root or not. */
static int may_run(yz_app *a, const char *cmd)
{
	if (a->acting || geteuid() != 0)
		return app_need_admin(a, cmd);
	return 0;
}

/* Who the audit row names: the acting account, else the OS account (root). */
static void actor(const yz_app *a, char *out, size_t n)
{
	const struct passwd *pw = getpwuid(geteuid());
	if (a->acting)
		snprintf(out, n, "%s", a->sess.user.login);
	else
		snprintf(out, n, "os:%s", pw ? pw->pw_name : "root");
}

/* The backup folder: DEST, else the setting backup_dir (its default: see
 * yz_config_backup_dir). Made when absent (0750), tightened when ours. */
static int backup_folder(yz_app *a, const char *dest, char *out, size_t n)
{
	yz_err err = {{0}};
	if (dest)
		snprintf(out, n, "%s", dest);
	else
		yz_config_backup_dir(&a->cfg, out, n);
	if (yz_private_dir(out, true, &err) != 0) {
		say_err(&err);
		return -1;
	}
	return 0;
}

/* folder/PREFIX-YYYYmmdd-HHMMSS.db for now, a name not taken yet (a second
 * copy in the same second waits for the next). */
static int copy_name(yz_app *a, const char *folder, const char *prefix, char *out, size_t n)
{
	for (int tries = 0; tries < 3; tries++) {
		time_t now = yz_clock_now(&a->sess.clock);
		struct tm tm;
		char stamp[32];
		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		snprintf(out, n, "%s/%s%s%s", folder, prefix, stamp, COPY_SUFFIX);
		struct stat sb;
		if (lstat(out, &sb) != 0 && errno == ENOENT)
			return 0;
		sleep(1);
	}
	app_printf(stderr, _("yizhan: %s already exists.\n"), out);
	return -1;
}

/* The figures of one copy, for the message and the benchmark's table. */
typedef struct copy_times {
	double copy_s, verify_s;
	int64_t bytes;
} copy_times;

/* The audit chain of the copy at path, with the station's key: 0 intact, 1
 * broken (a message said so), -1 could not be checked. */
static int verify_audit(const char *path, const char *key_path, const char *shown)
{
	yz_store *copy = NULL;
	yz_err err = {{0}};
	int64_t bad = 0;
	if (yz_store_open_key(path, key_path, &copy, &err) != 0) {
		/* The key file says whose station it is: another's is refused at open. */
		if (err.code == YZ_ERR_INVALID)
			app_printf(
			    stderr,
			    _("yizhan: %s does not check with this station's key: it is a copy "
			      "of another station, or it was altered.\n"),
			    shown);
		else
			say_err(&err);
		return 1;
	}
	int rc = yz_audit_verify(copy, &bad, &err);
	yz_store_close(copy);
	if (rc < 0)
		say_err(&err);
	else if (rc == 1)
		app_printf(stderr,
		           _("yizhan: %s does not check with this station's key (%s): it is a copy "
		             "of another station, or it was altered.\n"),
		           shown, err.msg[0] ? err.msg : "audit");
	return rc;
}

/* Copy the live station into path through a temporary (see yz_outfile),
 * checked before it gets the name. A check that fails keeps the copy only when
 * !must_pass (the state a restore replaces is kept whatever it is: it may be
 * the reason for the restore), with a warning. 0 or -1 with the reason on
 * stderr. */
static int take_copy(yz_app *a, const char *path, bool must_pass, copy_times *t)
{
	yz_outfile o;
	yz_err err = {{0}};
	char key[PATH_MAX];
	struct timespec t0;
	yz_copy_check chk;

	if (yz_store_key_path(a->store, key, sizeof key) != 0 ||
	    yz_outfile_open(&o, path, &err) != 0) {
		say_err(&err);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (yz_store_backup(a->store, o.tmp, 0, &err) != 0) {
		say_err(&err);
		yz_outfile_abort(&o);
		return -1;
	}
	t->copy_s = seconds_since(&t0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* The audit chain first: opening the copy with the store puts it in WAL
	 * mode; the look below makes it one file again. */
	int audit_rc = verify_audit(o.tmp, key, path);
	if ((must_pass && audit_rc != 0) || yz_store_check_copy(o.tmp, path, &chk, &err) != 0) {
		if (err.msg[0])
			say_err(&err);
		yz_outfile_abort(&o);
		return -1;
	}
	t->verify_s = seconds_since(&t0);
	t->bytes = chk.bytes;
	if (!chk.intact && must_pass) {
		app_printf(stderr,
		           _("yizhan: the copy failed its check (integrity_check: %s); it was "
		             "not kept.\n"),
		           chk.problem);
		yz_outfile_abort(&o);
		return -1;
	}
	if (!chk.intact)
		app_printf(stderr,
		           _("yizhan: warning: the station as it was is damaged "
		             "(integrity_check: %s); it is kept as it was.\n"),
		           chk.problem);
	if (yz_outfile_commit(&o, &err) != 0) {
		say_err(&err);
		return -1;
	}
	return 0;
}

static int newer_first(const void *x, const void *y)
{
	return -strcmp(*(char *const *)x, *(char *const *)y);
}

/* True for station-YYYYmmdd-HHMMSS.db and nothing else. */
static bool is_copy_name(const char *name)
{
	if (strlen(name) != COPY_NAME_LEN ||
	    strncmp(name, COPY_PREFIX, sizeof COPY_PREFIX - 1) != 0)
		return false;
	const char *p = name + sizeof COPY_PREFIX - 1;
	for (int i = 0; i < 15; i++)
		if (i == 8 ? p[i] != '-' : (p[i] < '0' || p[i] > '9'))
			return false;
	return strcmp(p + 15, COPY_SUFFIX) == 0;
}

/* Keep the newest keep copies of ours in folder (keep <= 0: all); only
 * regular files of this user named by is_copy_name are removed. */
static void prune(const char *folder, int keep)
{
	DIR *d = keep > 0 ? opendir(folder) : NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[PATH_MAX];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
		if (!is_copy_name(e->d_name) || lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    sb.st_uid != geteuid())
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			char **grown = realloc(names, cap * sizeof *names);
			if (!grown)
				break;
			names = grown;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, newer_first);
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX];
		yz_err err = {{0}};
		snprintf(path, sizeof path, "%s/%s", folder, names[i]);
		if (i >= (size_t)keep) {
			if (yz_outfile_remove(path, &err) == 0)
				app_printf(stdout, _("Removed the old copy %s.\n"), path);
			else
				say_err(&err);
		}
		free(names[i]);
	}
	free(names);
}

static void audit(yz_app *a, const char *action, const char *detail)
{
	yz_err err = {{0}};
	char who[96], what[3 * PATH_MAX + 128];
	actor(a, who, sizeof who);
	/* A mapped OS account is named with the account it acts as. */
	if (a->os_user[0])
		snprintf(what, sizeof what, "%s (os %s)", detail, a->os_user);
	else
		snprintf(what, sizeof what, "%s", detail);
	if (yz_audit_append(a->store, who, action, what, &err) != 0)
		say_err(&err);
}

int cmd_backup(yz_app *a, int argc, char **argv)
{
	const char *dest = NULL;
	if (argc > 1 || (argc == 1 && argv[0][0] == '-')) {
		app_printf(stderr, _("Usage: yizhan backup [FOLDER]\n"));
		return 2;
	}
	if (argc == 1)
		dest = argv[0];
	if (app_open(a) != 0)
		return 1;
	int rc = may_run(a, "backup");
	if (rc != 0)
		return rc;
	char folder[PATH_MAX], path[PATH_MAX + 64];
	copy_times t = {0};
	if (backup_folder(a, dest, folder, sizeof folder) != 0 ||
	    copy_name(a, folder, COPY_PREFIX, path, sizeof path) != 0 ||
	    take_copy(a, path, true, &t) != 0)
		return 1;
	char detail[PATH_MAX + 128];
	snprintf(detail, sizeof detail, "%s bytes=%lld", path, (long long)t.bytes);
	audit(a, "backup", detail);
	app_printf(stdout,
	           _("Backup %s (%.1f MB) written and checked: integrity and audit log intact "
	             "(copy %.1f s, check %.1f s).\n"),
	           path, (double)t.bytes / 1e6, t.copy_s, t.verify_s);
	prune(folder, a->cfg.backup_keep);
	return 0;
}

/* ---- restore ---- */

/* The checks of a copy to restore, on its working copy at tmp; 0 when it may
 * replace the station, else -1 with the reason on stderr. */
static int check_restore(yz_app *a, const char *file, const char *tmp, yz_store **src)
{
	yz_err err = {{0}};
	yz_copy_check chk;
	char key[PATH_MAX];

	if (yz_store_copy_file(file, tmp, &err) != 0 ||
	    yz_store_check_copy(tmp, file, &chk, &err) != 0) {
		say_err(&err);
		return -1;
	}
	if (!chk.station || chk.schema <= 0) {
		app_printf(stderr, _("yizhan: %s is not a database of a yizhan station.\n"), file);
		return -1;
	}
	if (chk.schema > YZ_SCHEMA_VERSION) {
		app_printf(stderr,
		           _("yizhan: %s was written by a newer version of yizhan (schema %d; this "
		             "program knows up to %d).\n"),
		           file, chk.schema, YZ_SCHEMA_VERSION);
		return -1;
	}
	if (!chk.intact) {
		app_printf(stderr, _("yizhan: %s is damaged (integrity_check: %s).\n"), file,
		           chk.problem);
		return -1;
	}
	if (yz_store_key_path(a->store, key, sizeof key) != 0 || verify_audit(tmp, key, file) != 0)
		return -1;
	if (yz_store_open_key(tmp, key, src, &err) != 0) {
		say_err(&err);
		return -1;
	}
	return 0;
}

/* The live state, kept before it is replaced: before-restore-*.db in the
 * backup folder, checked as a backup is. */
static int keep_live(yz_app *a, char *path, size_t n)
{
	char folder[PATH_MAX];
	copy_times t;
	if (backup_folder(a, NULL, folder, sizeof folder) != 0 ||
	    copy_name(a, folder, "before-restore-", path, n) != 0 ||
	    take_copy(a, path, false, &t) != 0) {
		app_printf(stderr, _("yizhan: the station as it is could not be kept first.\n"));
		return -1;
	}
	return 0;
}

int cmd_restore(yz_app *a, int argc, char **argv)
{
	if (argc != 1 || argv[0][0] == '-') {
		app_printf(stderr, _("Usage: yizhan restore FILE\n"));
		return 2;
	}
	const char *file = argv[0];
	struct stat sb;
	if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		app_printf(stderr,
		           _("yizhan: %s is not a file that can be restored: nothing was "
		             "changed.\n"),
		           file);
		return 1;
	}
	if (app_open(a) != 0)
		return 1;
	int denied = may_run(a, "restore");
	if (denied != 0)
		return denied;

	/* The working copy: beside the station (same disk, the station's group),
	 * removed at the end whatever happens. */
	char work[PATH_MAX + 32], kept[PATH_MAX + 64];
	snprintf(work, sizeof work, "%s/restore-check.db", a->cfg.home);
	yz_outfile o;
	yz_err err = {{0}};
	yz_store *src = NULL;
	if (yz_outfile_open(&o, work, &err) != 0) {
		say_err(&err);
		return 1;
	}
	int rc = 1;
	if (check_restore(a, file, o.tmp, &src) != 0 || keep_live(a, kept, sizeof kept) != 0)
		goto out;
	if (yz_store_restore(a->store, src, &err) != 0) {
		say_err(&err);
		goto out;
	}
	char detail[3 * PATH_MAX];
	snprintf(detail, sizeof detail, "from=%s kept=%s", file, kept);
	audit(a, "restore", detail);
	app_printf(stdout, _("The station was restored from %s. Its state before is kept in %s.\n"),
	           file, kept);
	rc = 0;
out:
	if (rc != 0)
		app_printf(stderr, _("yizhan: the station was not changed.\n"));
	yz_store_close(src);
	yz_outfile_abort(&o);
	return rc;
}
