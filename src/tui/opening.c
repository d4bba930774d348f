/* Issue 20: the station opened behind the login screen. Opening it — the
 * store with its audit triggers, the forms, the calendar — costs tens of
 * milliseconds (more on an old PC, seconds when the schema is upgraded), and
 * typing a name and a password needs none of it: the opener runs in a thread
 * of its own while the login screen takes keys, and the first key that needs
 * the station (the password's Enter, any other screen's key) waits for it.
 *
 * The thread touches no curses and receives no signals (SIGWINCH must
 * interrupt the key loop's read, a hang-up end it); the key loop touches
 * nothing of the session the opener fills until it has joined the thread. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "../intl.h"
#include "tui_int.h"

struct tui_opening {
	pthread_t thread;
	yz_tui_open_fn open;
	yz_session *s;
	void *ctx;
	int rc;           /* open's answer, once ended */
	atomic_bool done; /* open has returned */
};

static void *run_open(void *arg)
{
	struct tui_opening *o = arg;
	o->rc = o->open(o->s, o->ctx);
	atomic_store(&o->done, true);
	return NULL;
}

void tui_opening_start(yz_tui *t, yz_tui_open_fn open, void *ctx)
{
	struct tui_opening *o = calloc(1, sizeof *o);
	sigset_t all, old;
	if (o) {
		*o = (struct tui_opening){.open = open, .s = t->s, .ctx = ctx};
		atomic_init(&o->done, false);
		/* The thread inherits a mask that blocks every signal. */
		sigfillset(&all);
		pthread_sigmask(SIG_SETMASK, &all, &old);
		int rc = pthread_create(&o->thread, NULL, run_open, o);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		if (rc == 0) {
			t->opening = o;
			return;
		}
		free(o);
	}
	/* No thread (no memory, a thread limit): opened here, as before. */
	t->open_failed = open(t->s, ctx) != 0;
	if (t->open_failed)
		t->quit = true;
	else
		tui_wait_install(t, true);
}

/* The opening has ended: its thread joined, its answer taken. */
static bool opened(yz_tui *t)
{
	struct tui_opening *o = t->opening;
	pthread_join(o->thread, NULL);
	t->open_failed = o->rc != 0;
	t->opening = NULL;
	free(o);
	if (t->open_failed) {
		t->quit = true; /* the opener has kept its reasons for after the screen */
		return false;
	}
	tui_wait_install(t, true); /* issue 14: a held write lock is shown, Esc gives up */
	return true;
}

bool tui_station_poll(yz_tui *t)
{
	if (!t->opening)
		return !t->open_failed;
	return atomic_load(&t->opening->done) && opened(t);
}

bool tui_station(yz_tui *t)
{
	if (!t->opening)
		return !t->open_failed;
	bool told = !atomic_load(&t->opening->done);
	if (told) {
		/* Still opening (a large station, a slow disk, an upgrade): said
		 * while the key waits. */
		tui_msg(t, TUI_MSG_INFO, "%s", _("Opening the station…"));
		tui_draw(t);
	}
	bool ok = opened(t);
	if (ok && told)
		tui_msg_clear(t);
	return ok;
}
