/* yizhan --kiosk: the counter is the whole machine for the clerk.
 *
 * A small supervisor runs the counter UI in a child process and waits. When the
 * child dies by a signal (a crash, kill -9) or fails, a new child starts at the
 * login screen; nothing typed is lost because the forms keep every change as a
 * draft in the database. When the child keeps dying, the pause before the next
 * start grows (up to a minute) and the terminal says so in plain words, so a
 * broken station does not spin the CPU. The supervisor ends only when:
 *   - the UI ended with status 0: an admin ended the counter on purpose (F12 on
 *     the admin's home; the login screen cannot quit in kiosk mode);
 *   - the terminal is gone (SIGHUP: the SSH link dropped, the console closed):
 *     starting again into a dead terminal would help nobody;
 *   - it is told to stop (SIGTERM: systemctl stop, shutdown).
 * It forwards SIGHUP and SIGTERM to the child. The same works under the shipped
 * systemd unit and under sshd's ForceCommand; the unit's Restart= is the second
 * line of defence, for when the supervisor itself is killed.
 *
 * The keyboard's signals (Ctrl-C SIGINT, Ctrl-\ SIGQUIT, Ctrl-Z SIGTSTP) are
 * ignored here, before the first fork, so that the child inherits SIG_IGN for
 * its whole life: before curses starts, while it runs in raw mode, after it
 * ends, and when they come from kill rather than from the keyboard. ncurses
 * leaves a signal alone that is already ignored. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"
#include "kiosk.h"

/* A UI that ran this long before it died was not crash-looping: the next
 * start comes without a pause. */
#define KIOSK_STABLE_S 60
/* The longest pause between two starts of a UI that keeps dying. */
#define KIOSK_PAUSE_MAX_S 60

/* Set from the signal handler: the process-wide state of the supervisor (the
 * only place it can live; src/app may hold it). */
static volatile sig_atomic_t stop_sig; /* SIGHUP or SIGTERM received: no restart */
static volatile sig_atomic_t child;    /* the UI child's pid, 0 when there is none */

static void on_stop(int sig)
{
	int saved = errno;
	stop_sig = sig;
	if (child > 0)
		kill((pid_t)child, sig); /* async-signal-safe; the child may be gone */
	errno = saved;
}

static void set_handler(int sig, void (*fn)(int))
{
	/* No SA_RESTART: waitpid and nanosleep return with EINTR. */
	struct sigaction sa = {.sa_handler = fn};
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Block or unblock SIGHUP and SIGTERM; old (may be NULL) gets the mask before. */
static void stop_signals(int how, sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigprocmask(how, &set, old);
}

static long long now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* The terminal hung up: reads give EOF and terminal ioctls fail with EIO. */
static bool terminal_gone(void)
{
	struct termios tio;
	return tcgetattr(STDIN_FILENO, &tio) != 0 && errno == EIO;
}

/* The pause before the n-th start in a row of a UI that keeps dying:
 * none for the first restart, then 1, 2, 4 … seconds up to the maximum. */
static unsigned pause_for(unsigned failures)
{
	if (failures <= 1)
		return 0;
	unsigned p = 1;
	for (unsigned i = 2; i < failures && p < KIOSK_PAUSE_MAX_S; i++)
		p *= 2;
	return p < KIOSK_PAUSE_MAX_S ? p : KIOSK_PAUSE_MAX_S;
}

/* What happened, in plain words, on the terminal the clerk looks at. */
static void tell(pid_t pid, int fork_errno, int st, unsigned failures, unsigned pause)
{
	if (pid < 0)
		app_printf(stderr, _("yizhan: the counter could not be started: %s.\n"),
		           strerror(fork_errno));
	else if (WIFSIGNALED(st))
		app_printf(stderr, _("yizhan: the counter stopped unexpectedly (signal %d).\n"),
		           WTERMSIG(st));
	else
		app_printf(stderr,
		           _("yizhan: the counter stopped with an error (exit status %d).\n"),
		           WEXITSTATUS(st));
	if (pause == 0)
		app_printf(stderr, "%s\n",
		           _("Starting it again. What was typed into forms is kept as a draft."));
	else
		app_printf(stderr,
		           _("Starting it again in %u s. What was typed into forms is kept as a "
		             "draft.\n"),
		           pause);
	if (failures >= 3)
		app_printf(stderr, "%s\n",
		           _("It keeps stopping: please tell the station's administrator."));
	fflush(stderr);
}

/* Sleep s seconds unless told to stop meanwhile. The stop signals are blocked
 * while stop_sig is checked and let in only inside pselect, so one that comes
 * just before the sleep wakes it instead of waiting out the pause. */
static void pause_unless_stopped(unsigned s)
{
	sigset_t open;
	stop_signals(SIG_BLOCK, &open);
	sigdelset(&open, SIGHUP);
	sigdelset(&open, SIGTERM);
	for (long long end = now_s() + s, left; !stop_sig && (left = end - now_s()) > 0;) {
		struct timespec ts = {.tv_sec = (time_t)left};
		pselect(0, NULL, NULL, NULL, &ts, &open);
	}
	stop_signals(SIG_UNBLOCK, NULL);
}

/* Wait for the child; *st gets its wait status. It is first waited for
 * without being reaped: until it is reaped its pid cannot be reused, so the
 * stop handler's kill() never reaches another process. Then, with the stop
 * signals held, child is cleared and the child reaped. */
static void wait_child(pid_t pid, int *st)
{
	siginfo_t info;
	while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR)
		;
	stop_signals(SIG_BLOCK, NULL);
	child = 0;
	if (waitpid(pid, st, 0) < 0)
		*st = 1 << 8; /* cannot happen (SIGCHLD is ours): count it a failure */
	stop_signals(SIG_UNBLOCK, NULL);
}

/* In a fresh child: SIGHUP and SIGTERM end it as they end any program (ncurses
 * restores the terminal on SIGTERM); the keyboard's signals stay ignored. */
static void child_setup(void)
{
	set_handler(SIGHUP, SIG_DFL);
	set_handler(SIGTERM, SIG_DFL);
	stop_signals(SIG_UNBLOCK, NULL);
}

bool app_kiosk_supervise(int *status)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return false;
	static const int keyboard[] = {SIGINT, SIGQUIT, SIGTSTP};
	for (size_t i = 0; i < sizeof keyboard / sizeof *keyboard; i++)
		set_handler(keyboard[i], SIG_IGN);
	set_handler(SIGHUP, on_stop);
	set_handler(SIGTERM, on_stop);
	set_handler(SIGCHLD, SIG_DFL); /* an inherited SIG_IGN would reap the child for us */
	/* A child killed in raw mode leaves the terminal raw: put it back before
	 * telling the clerk anything. */
	struct termios tio;
	bool have_tio = tcgetattr(STDIN_FILENO, &tio) == 0;
	unsigned failures = 0;
	for (;;) {
		/* A stop signal between fork and the child's own handlers must not
		 * run the supervisor's handler in the child: blocked until then. */
		stop_signals(SIG_BLOCK, NULL);
		if (stop_sig) {
			*status = 128 + stop_sig;
			return true;
		}
		long long started = now_s();
		pid_t pid = fork();
		int fork_errno = errno;
		if (pid == 0) {
			child_setup();
			return false;
		}
		if (pid > 0)
			child = pid;
		stop_signals(SIG_UNBLOCK, NULL);
		int st = 0;
		if (pid > 0)
			wait_child(pid, &st);
		if (!stop_sig && (terminal_gone() || (WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP)))
			stop_sig = SIGHUP;
		if (stop_sig) {
			*status = 128 + stop_sig;
			return true;
		}
		if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			*status = KIOSK_EXIT_ENDED;
			return true;
		}
		if (have_tio)
			tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		failures = pid > 0 && now_s() - started >= KIOSK_STABLE_S ? 1 : failures + 1;
		unsigned pause = pause_for(failures);
		tell(pid, fork_errno, st, failures, pause);
		pause_unless_stopped(pause);
	}
}
