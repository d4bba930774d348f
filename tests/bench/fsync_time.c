/* An LD_PRELOAD shim for benchmarks (issue 20): where a process spends its
 * time waiting for the disk, and when it starts its helpers. Each call below,
 * in the process and in every child it forks (the preload is inherited), is
 * appended as one line to the file named by YZ_FSYNC_LOG:
 *
 *   <pid> <what> <start ms> <duration ms> [<path>]
 *
 * what: fsync, fdatasync, sync_file_range (the call's time: what
 * synchronous=FULL costs a commit), fork (an instant: the print child
 * starts), dlopen (the module's load in that child, with its path), connect
 * (an instant: the child reaches the print server, rendering done).
 * Times are CLOCK_MONOTONIC in milliseconds, the clock of bench_util.h's
 * now_ms(), so the benchmark lines them up with its own key and first byte.
 * Each line is one write() to a file opened O_APPEND: lines of several
 * processes never mix. Without YZ_FSYNC_LOG the calls only pass through.
 *
 * Used by bench_commit_print20 (meson builds it as a shared module). */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static double mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The next definition of name after this library's (libc's). */
static void *next(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

/* One line into the log; errno as the call left it, so the caller sees the
 * call's own. Opened each time: a process that closes every descriptor it
 * does not know (a forked child) cannot lose it, and the cost (microseconds)
 * is outside the measured calls' spans. */
static void note(const char *what, double start, double dur, const char *path)
{
	const char *log = getenv("YZ_FSYNC_LOG");
	if (!log || !*log)
		return;
	int saved = errno;
	char line[512];
	int n = snprintf(line, sizeof line, "%ld %s %.3f %.3f %s\n", (long)getpid(), what, start,
	                 dur, path ? path : "-");
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd >= 0 && n > 0) {
		ssize_t w = write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
		(void)w;
	}
	if (fd >= 0)
		close(fd);
	errno = saved;
}

int fsync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))next("fsync");
	double t = mono_ms();
	int rc = real(fd);
	note("fsync", t, mono_ms() - t, NULL);
	return rc;
}

int fdatasync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))next("fdatasync");
	double t = mono_ms();
	int rc = real(fd);
	note("fdatasync", t, mono_ms() - t, NULL);
	return rc;
}

int sync_file_range(int fd, off_t off, off_t n, unsigned int flags)
{
	static int (*real)(int, off_t, off_t, unsigned int);
	if (!real)
		real = (int (*)(int, off_t, off_t, unsigned int))next("sync_file_range");
	double t = mono_ms();
	int rc = real(fd, off, n, flags);
	note("sync_file_range", t, mono_ms() - t, NULL);
	return rc;
}

pid_t fork(void)
{
	static pid_t (*real)(void);
	if (!real)
		real = (pid_t(*)(void))next("fork");
	double t = mono_ms();
	pid_t pid = real();
	if (pid > 0)
		note("fork", t, 0, NULL);
	return pid;
}

void *dlopen(const char *file, int flags)
{
	static void *(*real)(const char *, int);
	if (!real)
		real = (void *(*)(const char *, int))next("dlopen");
	double t = mono_ms();
	void *h = real(file, flags);
	note("dlopen", t, mono_ms() - t, file);
	return h;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	static int (*real)(int, const struct sockaddr *, socklen_t);
	if (!real)
		real = (int (*)(int, const struct sockaddr *, socklen_t))next("connect");
	double t = mono_ms();
	int rc = real(fd, addr, len);
	note("connect", t, mono_ms() - t, NULL);
	return rc;
}
