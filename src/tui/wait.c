/* Issue 14: waiting for another window's save. While another counter holds the
 * station's write lock, the store asks tui_store_wait about every 20 ms (it
 * sleeps in between: no spinning). After a moment the status line says so and
 * the key bar offers Esc; Esc gives up, and the write fails with words saying
 * nothing was saved — the screen keeps what the clerk typed. Only the two
 * bottom rows are drawn here: the store is busy, and a screen's draw may read
 * it. Other keys pressed meanwhile are kept, in order, for the screens once
 * the wait is over (tui.c reads them before the terminal). */
#include "../intl.h"
#include "tui_int.h"

/* A lock held shorter than this (another counter's ordinary save) goes
 * unannounced. */
#define WAIT_SHOW_MS 150

static void draw_waiting(yz_tui *t)
{
	static const yz_keyhint k[] = {{"Esc", N_("Stop waiting")}};
	move(LINES - 2, 0);
	clrtoeol();
	tui_put(LINES - 2, 1, _("Waiting for another window to save..."), COLS - 2,
	        tui_attr(t, ROLE_ERROR));
	tui_draw_keybar(t, k, 1);
	curs_set(0);
	refresh();
}

/* true: wait on; false: the clerk pressed Esc. */
static bool tui_store_wait(void *ctx, int waited_ms)
{
	yz_tui *t = ctx;
	/* Esc gives up the whole key's work (F9 saves the draft, then submits):
	 * its later writes do not wait again. */
	if (t->wait_refused && t->wait_refused_key == t->last_key_ms)
		return false;
	t->wait_refused = false;
	if (waited_ms == 0)
		t->waiting = false;
	if (waited_ms < WAIT_SHOW_MS || !tui_size_ok())
		return true;
	if (!t->waiting) {
		t->waiting = true;
		draw_waiting(t);
	}
	wint_t c;
	int r;
	timeout(0); /* the key loop sets its own timeout before each key */
	while ((r = get_wch(&c)) != ERR) {
		if (r == OK && c == TUI_ESC) {
			t->waiting = false;
			t->wait_refused = true;
			t->wait_refused_key = t->last_key_ms;
			return false;
		}
		if (r == KEY_CODE_YES && c == KEY_RESIZE)
			draw_waiting(t);
		else if (t->n_ahead < (int)(sizeof t->ahead_c / sizeof t->ahead_c[0])) {
			t->ahead_r[t->n_ahead] = r;
			t->ahead_c[t->n_ahead++] = c;
		}
	}
	return true;
}

void tui_wait_install(yz_tui *t, bool on)
{
	yz_service_set_wait(t->s, on ? tui_store_wait : NULL, on ? t : NULL);
}
