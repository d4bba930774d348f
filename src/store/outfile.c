/* Files yizhan writes (issue 14): output files named by a user, written
 * through a temporary file and a rename, and the station's own files kept
 * for the owner and the group.
 *
 * Why a temporary and a rename: the name a clerk types may already be a
 * file they need (yesterday's export, a rejects file they are correcting),
 * and the disk may fill in the middle. Writing beside it and renaming only a
 * complete, fsync'd file means the name holds either the old file or the
 * whole new one, never half of it.
 *
 * Why the checks: a name is only a name. `residents export /dev/sda1` once
 * replaced a device node with residents' data, a rejects path that was a
 * device was deleted, a symbolic link would lead the write elsewhere, and a
 * FIFO would hang the command. Only a missing file or a regular file of this
 * user is written; lstat() looks at the name itself, never what a link points
 * to. The check runs again right before the rename, so a name changed while
 * the file was written is still refused (rename() replaces a directory entry
 * and never writes through a link or into a device). */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "yizhan/store/outfile.h"

/* The owner's login for a message, or the number. */
static void owner_name(uid_t uid, char *buf, size_t n)
{
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name)
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "%lu", (unsigned long)uid);
}

/* Why the entry st (of path) must not be written, into err. */
static int refuse(const char *path, const struct stat *st, yz_err *err)
{
	char who[64];

	if (S_ISLNK(st->st_mode))
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is a symbolic link: yizhan does not write through links. Name "
		              "a new file, or the file itself."),
		            path);
	else if (S_ISDIR(st->st_mode))
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is a folder, not a file: nothing was written. Name a file in "
		              "it."),
		            path);
	else if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is a device, not a file: nothing was written to it. Name a "
		              "new file."),
		            path);
	else if (!S_ISREG(st->st_mode))
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is a pipe or a socket, not a file: nothing was written to it. "
		              "Name a new file."),
		            path);
	else {
		owner_name(st->st_uid, who, sizeof who);
		yz_err_setc(err, YZ_ERR_DENIED,
		            _("%s belongs to another user (%s): yizhan replaces only your own "
		              "files. Name another file."),
		            path, who);
	}
	return -1;
}

int yz_outfile_check(const char *path, yz_err *err)
{
	struct stat st;

	if (!path || !*path) {
		yz_err_setc(err, YZ_ERR_INVALID, _("No file name was given."));
		return -1;
	}
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		yz_err_setc(err, errno == EACCES ? YZ_ERR_DENIED : YZ_ERR_IO,
		            _("Cannot write %s: %s."), path, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode) && st.st_uid == geteuid())
		return 0;
	return refuse(path, &st, err);
}

bool yz_path_folder(const char *path, char *buf, size_t n)
{
	const char *slash = strrchr(path, '/');
	int len;

	if (!slash)
		return snprintf(buf, n, ".") < (int)n;
	len = slash == path ? 1 : (int)(slash - path);
	return snprintf(buf, n, "%.*s", len, path) < (int)n;
}

static void write_error(const char *path, int e, yz_err *err)
{
	if (e == ENOSPC || e == EDQUOT)
		yz_err_setc(err, YZ_ERR_DISK_FULL,
		            _("The disk is full: %s was not written (an older file of that name "
		              "is as it was)."),
		            path);
	else
		yz_err_setc(err, e == EACCES || e == EPERM ? YZ_ERR_DENIED : YZ_ERR_IO,
		            _("Cannot write %s: %s."), path, strerror(e));
}

int yz_outfile_open(yz_outfile *o, const char *path, yz_err *err)
{
	char dir[PATH_MAX];
	const char *base;
	int fd, e;

	memset(o, 0, sizeof *o);
	if (yz_outfile_check(path, err) != 0)
		return -1;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!*base) { /* "folder/": a folder that does not exist yet */
		yz_err_setc(err, YZ_ERR_INVALID, _("No file name was given."));
		return -1;
	}
	if (!yz_path_folder(path, dir, sizeof dir) ||
	    snprintf(o->path, sizeof o->path, "%s", path) >= (int)sizeof o->path ||
	    snprintf(o->tmp, sizeof o->tmp, "%s/.%s.XXXXXX", dir, base) >= (int)sizeof o->tmp) {
		yz_err_setc(err, YZ_ERR_INVALID, _("Cannot write %s: %s."), path,
		            strerror(ENAMETOOLONG));
		memset(o, 0, sizeof *o);
		return -1;
	}
	/* mkostemp: O_CREAT|O_EXCL with mode 0600, so never an existing file
	 * and never through a link; then the station's mode. */
	fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0 || fchmod(fd, YZ_FILE_MODE) != 0 || !(o->f = fdopen(fd, "wb"))) {
		e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		write_error(path, e, err);
		memset(o, 0, sizeof *o);
		return -1;
	}
	return 0;
}

int yz_outfile_sync(yz_outfile *o, yz_err *err)
{
	/* fflush first: after a failed write it tries again and tells why
	 * (ENOSPC: "the disk is full"), where the error flag alone cannot. */
	errno = 0;
	if (o->f && fflush(o->f) == 0 && !ferror(o->f) && fsync(fileno(o->f)) == 0)
		return 0;
	write_error(o->path, errno ? errno : EIO, err);
	return -1;
}

void yz_outfile_abort(yz_outfile *o)
{
	if (!o->f)
		return;
	fclose(o->f);
	o->f = NULL;
	unlink(o->tmp);
}

/* The folder's entry of the rename on the disk too (a power cut after the
 * commit keeps the new name). Best effort: the data itself is already
 * fsync'd. */
static void sync_folder(const char *path)
{
	char dir[PATH_MAX];
	int fd;

	if (!yz_path_folder(path, dir, sizeof dir))
		return;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int yz_outfile_commit(yz_outfile *o, yz_err *err)
{
	FILE *f = o->f;
	int e = 0;

	if (!f) {
		yz_err_setc(err, YZ_ERR_INTERNAL, _("Cannot write %s: %s."), o->path,
		            strerror(EBADF));
		return -1;
	}
	o->f = NULL;
	errno = 0; /* fflush first, as in yz_outfile_sync */
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)
		e = errno ? errno : EIO;
	/* closed exactly once, whatever happened before */
	if (fclose(f) != 0 && !e)
		e = errno ? errno : EIO;
	if (e) {
		unlink(o->tmp);
		write_error(o->path, e, err);
		return -1;
	}
	if (yz_outfile_check(o->path, err) != 0) {
		unlink(o->tmp);
		return -1;
	}
	if (rename(o->tmp, o->path) != 0) {
		e = errno;
		unlink(o->tmp);
		write_error(o->path, e, err);
		return -1;
	}
	sync_folder(o->path);
	return 0;
}

int yz_outfile_write(const char *path, const void *data, size_t len, yz_err *err)
{
	yz_outfile o;

	if (yz_outfile_open(&o, path, err) != 0)
		return -1;
	if (len && fwrite(data, 1, len, o.f) != len) {
		/* the stream's error flag makes the commit fail with errno */
		int e = errno;
		yz_outfile_abort(&o);
		write_error(path, e ? e : EIO, err);
		return -1;
	}
	return yz_outfile_commit(&o, err);
}

int yz_outfile_remove(const char *path, yz_err *err)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : (write_error(path, errno, err), -1);
	if (yz_outfile_check(path, err) != 0)
		return -1;
	if (unlink(path) != 0 && errno != ENOENT) {
		write_error(path, errno, err);
		return -1;
	}
	return 0;
}

/* ---- the station's own files ------------------------------------------------------------ */

/* Take away what other users may do to an entry of ours, or of anyone's
 * when we are root (the group's bits stay as the station set them: a station
 * whose counters are several accounts of its group may need them); refuse
 * one of another user that every user may read. */
static int tighten(const char *path, const struct stat *st, yz_err *err)
{
	char who[64];

	if (!(st->st_mode & 0007))
		return 0;
	if (st->st_uid == geteuid() || geteuid() == 0) {
		if (chmod(path, st->st_mode & 07770) == 0)
			return 0;
		yz_err_setc(err, YZ_ERR_DENIED,
		            _("%s can be read by every user of this computer and cannot be "
		              "closed to them: %s. Run: chmod o-rwx %s"),
		            path, strerror(errno), path);
		return -1;
	}
	owner_name(st->st_uid, who, sizeof who);
	yz_err_setc(err, YZ_ERR_DENIED,
	            _("%s can be read by every user of this computer and belongs to %s, so "
	              "yizhan cannot close it. Ask them or the administrator to run: chmod "
	              "o-rwx %s"),
	            path, who, path);
	return -1;
}

int yz_private_dir(const char *path, bool create, yz_err *err)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT || !create) {
			if (errno == ENOENT)
				return 0;
			yz_err_setc(err, YZ_ERR_IO, _("Cannot use the folder %s: %s."), path,
			            strerror(errno));
			return -1;
		}
		if (mkdir(path, YZ_DIR_MODE) != 0 && errno != EEXIST) {
			write_error(path, errno, err);
			return -1;
		}
		if (stat(path, &st) != 0) {
			yz_err_setc(err, YZ_ERR_IO, _("Cannot use the folder %s: %s."), path,
			            strerror(errno));
			return -1;
		}
	}
	if (!S_ISDIR(st.st_mode)) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s is not a folder."), path);
		return -1;
	}
	/* /tmp and the like: shared by everyone, never a station's own. */
	if ((st.st_mode & S_ISVTX) && (st.st_mode & 0002)) {
		yz_err_setc(err, YZ_ERR_DENIED,
		            _("%s is a folder every user of this computer can write to: residents' "
		              "data cannot be kept there. Choose a folder of the station's own."),
		            path);
		return -1;
	}
	return tighten(path, &st, err);
}

int yz_private_file(const char *path, yz_err *err)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		yz_err_setc(err, YZ_ERR_IO, _("Cannot read %s: %s."), path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is not an ordinary file: yizhan keeps the station's data only in "
		              "ordinary files."),
		            path);
		return -1;
	}
	return tighten(path, &st, err);
}

/* ---- settings and calendar files -------------------------------------------------------- */

static char *read_error(const char *path, int e, yz_err *err)
{
	yz_err_setc(err,
	            e == ENOENT   ? YZ_ERR_NOT_FOUND
	            : e == EACCES ? YZ_ERR_DENIED
	                          : YZ_ERR_IO,
	            _("Cannot read %s: %s."), path, strerror(e));
	return NULL;
}

static char *too_large(const char *path, size_t max, yz_err *err)
{
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("%s is larger than %zu KB, the most yizhan reads from a settings or "
	              "calendar file: nothing was read. Check that the name is right."),
	            path, max / 1024);
	return NULL;
}

char *yz_infile_read(const char *path, size_t max, size_t *len, yz_err *err)
{
	struct stat st;
	size_t got = 0;
	char *buf;
	ssize_t n;
	int fd, e;

	*len = 0;
	/* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return read_error(path, errno, err);
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		return read_error(path, e, err);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is not an ordinary file (a device, a folder or a pipe): yizhan "
		              "read nothing from it. Name the settings or calendar file itself."),
		            path);
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return too_large(path, max, err);
	}
	buf = malloc(max + 2);
	if (!buf) {
		close(fd);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return NULL;
	}
	/* Up to max + 1 bytes: a file that grew since fstat is still caught. */
	while (got <= max && (n = read(fd, buf + got, max + 1 - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			close(fd);
			free(buf);
			return read_error(path, e, err);
		}
		got += (size_t)n;
	}
	close(fd);
	if (got > max) {
		free(buf);
		return too_large(path, max, err);
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}
