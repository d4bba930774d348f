/* The counter UI's sync with the district hub (issue 17).
 *
 * When yizhan.conf names a hub and hub_every is above 0, the counter UI starts
 * one small helper process, the ticker, once the station is open. The ticker
 * runs the program's own `yizhan sync` in a child process every hub_every
 * minutes and waits for it. The counter never waits for the network and never
 * shows the sync's output: the sync writes its outcome (when it last reached
 * the hub, what it failed with) into the station's sync_state, which the home
 * screen reads.
 *
 * Several counters share a station (consoles, SSH sessions), each with its own
 * ticker. They agree through the file sync.lock in the station's folder:
 *   - a ticker starts a sync only while it holds flock() on the file, and the
 *     sync process keeps holding it (it inherits the descriptor) until it
 *     ends, so a sync still running, whichever counter started it, is never
 *     started twice — also when the counter that started it has closed;
 *   - the file's time is set when a sync starts, and a ticker starts one only
 *     when that time is hub_every minutes old, so the station syncs about once
 *     every hub_every minutes however many counters are open.
 * A `yizhan sync` typed by hand takes no part in this; two syncs at once cost
 * only time (the hub ignores changes it already holds).
 *
 * The ticker lives in a session of its own (setsid: no terminal, so neither
 * the keyboard's signals nor a hang-up reach it through one; its output and
 * the sync's go to /dev/null), ends when the counter ends — also when the
 * counter is killed (PR_SET_PDEATHSIG) — and reaps its sync children; the
 * counter reaps the ticker. A sync running longer than UI_SYNC_MAX_S is
 * killed: a killed sync loses nothing (what the hub acknowledged stays
 * acknowledged, the rest goes next time). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ui_sync.h"

/* The first sync comes this long after the counter opened: the counter's own
 * start (the login screen, a calendar recomputed) goes first. */
#define UI_SYNC_FIRST_S 10
/* A sync that runs longer is killed (the hub's statements time out after 60 s
 * each; this catches a sync stuck in a way nobody foresaw). */
#define UI_SYNC_MAX_S 1800

/* Sleep s seconds (a signal does not cut it short). */
static void sleep_s(long s)
{
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += s;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &end, NULL) == EINTR)
		;
}

/* Wait for the sync child, killing it after UI_SYNC_MAX_S. SIGCHLD is blocked
 * in the ticker, so that sigtimedwait wakes when the child ends. */
static void wait_sync(pid_t pid)
{
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	int st;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long left = UI_SYNC_MAX_S - (long)(now.tv_sec - start.tv_sec);
		if (left <= 0)
			break;
		struct timespec ts = {.tv_sec = left};
		sigtimedwait(&chld, NULL, &ts);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
}

/* In the sync child: the lock goes with it, the signal mask is cleared (it
 * survives exec), and the program runs `yizhan --home HOME sync`. */
static void exec_sync(int lock_fd, const char *home)
{
	fcntl(lock_fd, F_SETFD, 0); /* no FD_CLOEXEC: the sync holds the lock */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	char *argv[] = {"yizhan", "--home", (char *)home, "sync", NULL};
	execv("/proc/self/exe", argv);
	_exit(127);
}

/* One turn: start a sync when it is time and none runs, and wait for it.
 * Returns the seconds until the next turn. */
static long turn(const char *home, long every_s)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/sync.lock", home);
	bool fresh = false; /* made now: its time says nothing of a sync */
	int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
		fresh = fd >= 0;
	}
	if (fd < 0) /* another account's file (a 2770 station folder): lock it all the same */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return every_s;
	struct stat st;
	time_t now = time(NULL);
	long age = !fresh && fstat(fd, &st) == 0 ? (long)(now - st.st_mtime) : every_s;
	if (age >= 0 && age < every_s) { /* another counter synced lately */
		close(fd);
		return every_s - age;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) { /* a sync is running */
		close(fd);
		return every_s;
	}
	futimens(fd, NULL); /* the start, for the other counters' tickers */
	pid_t pid = fork();
	if (pid == 0)
		exec_sync(fd, home);
	if (pid > 0)
		wait_sync(pid);
	close(fd);
	return every_s;
}

/* The ticker's life, in the forked child; never returns. */
static void ticker(pid_t counter, const char *home, int every_min)
{
	/* Ends with the counter, however the counter ends. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != counter)
		_exit(0);
	setsid();
	prctl(PR_SET_NAME, "yizhan-sync"); /* what ps and top call it */
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL); /* its syncs are waited for, never reaped unseen */
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	/* Nothing of the counter's: no terminal, none of its files. */
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	closefrom(3);
	long every_s = (long)every_min * 60;
	sleep_s(UI_SYNC_FIRST_S);
	for (;;)
		sleep_s(turn(home, every_s));
}

pid_t app_ui_sync_start(const yz_config *c)
{
	if (!c->hub[0] || c->hub_every <= 0)
		return 0;
	char home[PATH_MAX];
	snprintf(home, sizeof home, "%s", c->home);
	int every = c->hub_every > 24 * 60 ? 24 * 60 : c->hub_every;
	pid_t counter = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		ticker(counter, home, every);
		_exit(0);
	}
	return pid > 0 ? pid : 0;
}

void app_ui_sync_stop(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}
