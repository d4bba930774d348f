/* The counter UI's main loop: curses set-up, the screen stack, key reading, and
 * the "terminal too small" wait. There is one key loop (tui_step): the main
 * loop runs it until the UI ends, a modal dialog until the dialog has left the
 * stack (tui_run_modal), so that resizes, the status line and the drawing are
 * the stack's everywhere. */
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "tui_int.h"

/* How long curses waits after Esc for the rest of a key's sequence: long enough
 * for a sequence split over an SSH link, short enough that Esc feels instant. */
#define TUI_ESCDELAY 50
/* Issue 20: how often the key loop asks whether the station has opened. */
#define OPENING_POLL_MS 50

void tui_push(yz_tui *t, const yz_screen_ops *ops, void *data)
{
	if (t->depth == TUI_STACK_MAX) {
		/* Deeper than any path through the screens; refuse rather than overflow. */
		if (ops->leave) {
			yz_screen sc = {ops, data};
			ops->leave(t, &sc);
		}
		return;
	}
	yz_screen *sc = &t->stack[t->depth++];
	sc->ops = ops;
	sc->data = data;
	if (ops->enter)
		ops->enter(t, sc);
}

static void pop_one(yz_tui *t)
{
	yz_screen *sc = &t->stack[--t->depth];
	tui_ime_drop(t, sc->data); /* issue 15: what was composed there goes with it */
	if (sc->ops->leave)
		sc->ops->leave(t, sc);
	sc->ops = NULL;
	sc->data = NULL;
}

void tui_pop(yz_tui *t)
{
	if (t->depth == 0)
		return;
	/* A dialog's caller is still inside its own key handler, waiting for the
	 * answer: the screen it uncovers is not entered (reloaded) under it. */
	bool modal = tui_top(t)->ops->modal;
	pop_one(t);
	if (modal)
		return;
	if (t->depth > 0) {
		yz_screen *top = tui_top(t);
		if (top->ops->enter)
			top->ops->enter(t, top);
	} else {
		t->quit = true;
	}
}

void tui_pop_to(yz_tui *t, size_t depth)
{
	if (t->depth <= depth)
		return;
	while (t->depth > depth + 1)
		pop_one(t);
	tui_pop(t);
}

yz_screen *tui_top(yz_tui *t)
{
	return t->depth ? &t->stack[t->depth - 1] : NULL;
}

size_t tui_put_keys(yz_keyhint *out, size_t max, const yz_keyhint *k, size_t n)
{
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
}

void tui_msg(yz_tui *t, yz_msg_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
	t->status_kind = kind;
}

void tui_msg_clear(yz_tui *t)
{
	t->status[0] = '\0';
}

bool tui_size_ok(void)
{
	return LINES >= TUI_MIN_LINES && COLS >= TUI_MIN_COLS;
}

static void draw_too_small(void)
{
	erase();
	char buf[160];
	snprintf(buf, sizeof buf, _("terminal too small (need %d×%d)"), TUI_MIN_COLS,
	         TUI_MIN_LINES);
	int y = LINES / 2;
	tui_put_center(y > 0 ? y - 1 : 0, buf, A_BOLD);
	char now[64];
	snprintf(now, sizeof now, _("now %dx%d"), COLS, LINES);
	if (LINES > 2)
		tui_put_center(y + 1, now, A_NORMAL);
}

void tui_draw(yz_tui *t)
{
	if (!tui_size_ok()) {
		draw_too_small();
		curs_set(0);
		refresh();
		return;
	}
	erase();
	t->cur_y = -1;
	tui_ime_follow(t); /* issue 15: a field left drops its pinyin */
	yz_screen *sc = tui_top(t);
	/* Dialogs are drawn over the screen they were opened from (and over each
	 * other): from the first screen under them up to the top. */
	size_t base = t->depth;
	while (base > 1 && t->stack[base - 1].ops->modal && !t->stack[base - 1].ops->opaque)
		base--;
	for (size_t i = base ? base - 1 : 0; i < t->depth; i++)
		t->stack[i].ops->draw(t, &t->stack[i]);
	/* F1 is valid everywhere; the screen on top adds the keys valid now. */
	yz_keyhint k[TUI_KEYS_MAX] = {{"F1", N_("Help")}};
	size_t nk = 1;
	nk += tui_ime_hints(t, k + nk, TUI_KEYS_MAX - nk); /* issue 15: Ctrl-Space in a field */
	if (sc && sc->ops->keys)
		nk += sc->ops->keys(t, sc, k + nk, TUI_KEYS_MAX - nk);
	tui_draw_status(t);
	tui_draw_keybar(t, k, nk);
	tui_ime_draw(t); /* issue 15: while composing, the candidates over the key bar */
	if (t->cur_y >= 0) {
		move(t->cur_y, t->cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* Throw away the rest of an escape sequence that curses did not recognise, so
 * that its bytes never reach a field: CSI (ESC [ … final byte), OSC/DCS
 * (… BEL or ESC \), or a two-byte ESC x. */
static void swallow_sequence(wint_t first)
{
	wint_t c;
	if (first == '[') {
		while (get_wch(&c) != ERR)
			if (c >= 0x40 && c <= 0x7e)
				return;
	} else if (first == ']' || first == 'P' || first == '_' || first == '^') {
		while (get_wch(&c) != ERR) {
			if (c == 7)
				return;
			if (c == TUI_ESC) {
				get_wch(&c);
				return;
			}
		}
	}
}

/* Read one key, waiting at most wait_ms (-1: for ever; nothing came: none);
 * a terminal resize is returned as KEY_RESIZE. */
static tui_key tui_getkey(yz_tui *t, int wait_ms)
{
	tui_key k = {0};
	wint_t c;
	int r;
	if (tui_ime_next(t, &k)) /* issue 15: what the pinyin input chose, as typed */
		return k;
	if (t->n_ahead > 0) { /* typed during a wait for another window (wait.c) */
		r = t->ahead_r[0];
		c = t->ahead_c[0];
		t->n_ahead--;
		memmove(t->ahead_r, t->ahead_r + 1, (size_t)t->n_ahead * sizeof t->ahead_r[0]);
		memmove(t->ahead_c, t->ahead_c + 1, (size_t)t->n_ahead * sizeof t->ahead_c[0]);
		k.is_code = r == KEY_CODE_YES;
		if (k.is_code)
			k.code = (int)c;
		else
			k.ch = c;
		return k;
	}
	r = get_wch(&c);
	if (r == ERR) {
		if (tui_terminal_gone())
			t->quit = true; /* as a hang-up would end it, its drafts kept */
		k.none = true;
		return k;
	}
	if (r == KEY_CODE_YES) {
		k.is_code = true;
		k.code = (int)c;
		return k;
	}
	if (c == TUI_ESC) {
		/* Curses has already waited TUI_ESCDELAY: whatever came right behind
		 * the Esc is buffered now and belongs to a sequence it did not know. */
		timeout(0);
		wint_t next;
		int r2 = get_wch(&next);
		if (r2 == OK)
			swallow_sequence(next);
		timeout(wait_ms);
		if (r2 != ERR) {
			k.none = true;
			return k;
		}
	}
	k.ch = c;
	return k;
}

static void init_colours(yz_tui *t)
{
	t->colour = has_colors();
	if (!t->colour)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_RED, -1);
	init_pair(2, COLOR_GREEN, -1);
	init_pair(3, COLOR_BLACK, COLOR_CYAN);
	init_pair(4, COLOR_BLUE, -1);
}

attr_t tui_attr(const yz_tui *t, enum tui_role role)
{
	bool c = t->colour;
	switch (role) {
	case ROLE_TITLE:
		return A_BOLD;
	case ROLE_FIELD:
		return A_UNDERLINE;
	case ROLE_FOCUS:
		return A_REVERSE;
	case ROLE_KEY:
		return A_REVERSE | A_BOLD;
	case ROLE_ERROR:
		return A_BOLD | (c ? COLOR_PAIR(1) : 0);
	case ROLE_OK:
		return A_BOLD | (c ? COLOR_PAIR(2) : 0);
	case ROLE_DIM:
		return A_DIM;
	case ROLE_HEADER:
		return A_BOLD | (c ? COLOR_PAIR(4) : A_UNDERLINE);
	case ROLE_NORMAL:
	default:
		return A_NORMAL;
	}
}

/* Issue 20: whether the key may be handled while the station still opens:
 * on a screen that takes keys before it (the login's typing), but not
 * Ctrl-Space (pinyin input reads the station's words). */
static bool before_station(const yz_screen *sc, tui_key k)
{
	return sc->ops->before_station && (k.is_code || k.ch != 0);
}

static void handle_key(yz_tui *t, tui_key k)
{
	yz_screen *sc = tui_top(t);
	if (!sc)
		return;
	if (!before_station(sc, k) && !tui_station(t))
		return;
	if (tui_ime_key(t, k)) /* issue 15: Ctrl-Space, and pinyin in pinyin mode */
		return;
	if (key_code(k, KEY_F(1))) {
		yz_keyhint h[TUI_KEYS_MAX];
		size_t n = sc->ops->keys ? sc->ops->keys(t, sc, h, TUI_KEYS_MAX) : 0;
		char *text = NULL, title[256];
		size_t len = 0;
		tui_fmt(title, sizeof title, "%s", _("Keys of this screen"));
		char *help = sc->ops->help ? sc->ops->help(t, sc, title, sizeof title) : NULL;
		FILE *f = open_memstream(&text, &len);
		if (!f) {
			free(help);
			return;
		}
		/* The screen's own help (the field's) comes before its keys; in a
		 * text field how to type Chinese follows it (issue 15). */
		if (help)
			fprintf(f, "%s\n", help);
		bool ime = tui_ime_help(t, f);
		if (help || ime)
			fprintf(f, "%s\n", _("Keys of this screen"));
		free(help);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%-8s %s\n", h[i].key, _(h[i].label));
		if (ime)
			fprintf(f, "%-8s %s\n", "^Space", _("Pinyin or direct input"));
		fprintf(f, "%-8s %s\n", "F1", _("This help"));
		fclose(f);
		tui_textview(t, title, text);
		free(text);
		return;
	}
	if (!sc->ops->key(t, sc, k) && !k.none && !key_code(k, KEY_RESIZE))
		beep();
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Issue 14: how long the key loop may wait before the counter locks: -1 when
 * it does not lock now (nobody logged in, a password still to choose, the
 * lock already up, idle_lock_minutes 0), 0 when it is time. The wait is
 * curses' own timeout: no polling. */
static int lock_wait_ms(yz_tui *t, int *idle)
{
	*idle = yz_service_idle_lock_seconds(t->s);
	if (*idle <= 0 || t->locked || t->handover || t->quit || !t->s->user.login[0] ||
	    t->s->user.must_change)
		return -1;
	long long now = now_ms();
	if (!t->last_key_ms)
		t->last_key_ms = now;
	long long left = t->last_key_ms + (long long)*idle * 1000 - now;
	return left <= 0 ? 0 : left > 3600000 ? 3600000 : (int)left;
}

/* The one key loop's turn: draw, wait for a key, hand it to the screen on top.
 * A resize only redraws; while the terminal is too small keys are not used. */
static void tui_step(yz_tui *t)
{
	/* Issue 20: while the station opens, the session is the opener's: no
	 * lock (nobody is signed in), no day; a short wait, to end the UI soon
	 * when the opening fails with no key coming. */
	bool open = tui_station_poll(t);
	if (t->quit)
		return;
	int idle = 0, wait = open ? lock_wait_ms(t, &idle) : OPENING_POLL_MS;
	if (wait == 0) {
		tui_lock(t, idle);
		return;
	}
	tui_draw(t);
	yz_screen *top = tui_top(t);
	bool ticks = top && top->ops->tick;
	if (ticks && (wait < 0 || wait > TUI_TICK_MS))
		wait = TUI_TICK_MS;
	timeout(wait);
	tui_key k = tui_getkey(t, wait);
	if (!k.none && !key_code(k, KEY_RESIZE))
		t->last_key_ms = now_ms();
	if (k.none && ticks && tui_top(t) == top && now_ms() - t->last_tick_ms >= TUI_TICK_MS) {
		t->last_tick_ms = now_ms();
		top->ops->tick(t, top);
	}
	if (k.none || key_code(k, KEY_RESIZE))
		return;
	if (!tui_size_ok())
		return; /* wait until the terminal is big enough again */
	/* Each key's work is dated today, also after midnight. */
	if (open)
		yz_service_new_day(t->s);
	handle_key(t, k);
}

bool tui_run_modal(yz_tui *t, const yz_screen_ops *ops, void *data)
{
	size_t depth = t->depth;

	tui_push(t, ops, data);
	if (t->depth <= depth)
		return false; /* the stack is full: tui_push has let it go */
	while (t->depth > depth && !t->quit && !t->handover)
		tui_step(t);
	/* Ended from outside (quit): the dialog's data lives in the caller's frame,
	 * so it leaves the stack before the caller returns. */
	while (t->depth > depth)
		pop_one(t);
	return true;
}

bool tui_ending(const yz_tui *t)
{
	return t->quit || t->handover;
}

/* Another clerk logged in at the lock, and every screen's key handler has
 * returned: the session's screens leave (their drafts stay), then the new
 * clerk's session starts at the login screen. */
static void end_handover(yz_tui *t)
{
	yz_user u = t->handover_user;
	t->handover = false;
	memset(&t->handover_user, 0, sizeof t->handover_user);
	tui_msg_clear(t);
	tui_pop_to(t, 1);
	t->ime.pinyin = false; /* the new clerk starts in direct input */
	tui_login_handover(t, &u);
	t->last_key_ms = now_ms();
}

/* Whether the main loop goes on. In kiosk mode only the admin's end leaves it
 * (quit set with home still on the stack); a stack emptied any other way starts
 * again at the login screen. */
static bool keep_running(yz_tui *t)
{
	if (!t->quit && t->depth > 0)
		return true;
	if (!t->kiosk || t->depth > 0)
		return false;
	t->quit = false;
	screen_login_push(t);
	return t->depth > 0;
}

/* The terminal as every screen wants it: no echo, the function keys decoded,
 * the colours, and raw, not cbreak: Ctrl-S (submit) must reach us instead of
 * stopping output; Ctrl-C, Ctrl-\ and Ctrl-Z arrive as keys, not as
 * signals. False when the terminal cannot be used. */
static bool start_curses(yz_tui *t)
{
	if (!initscr())
		return false;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(TUI_ESCDELAY);
	init_colours(t);
	return true;
}

/* A terminal gone without a SIGHUP reaching us (the signal ignored, as under
 * nohup or a tracer) reads as end of file at once, for ever: asked when a read
 * gave nothing, so that no loop spins on the dead terminal. */
bool tui_terminal_gone(void)
{
	struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&in, 1, 0) == 1 && (in.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* Issue 19: the same set-up for the full-screen programs that run their own
 * loop (the ticket kiosk, the hall display: screens/ticket.c, hall.c). */
bool tui_start_curses(yz_tui *t)
{
	return start_curses(t);
}

int yz_tui_run(yz_session *s, bool kiosk, yz_tui_open_fn open, void *ctx)
{
	yz_tui t = {.s = s, .cur_y = -1, .kiosk = kiosk};
	if (kiosk) {
		/* The keyboard's signals never end or stop a kiosk, even when they
		 * come from kill; ignored before initscr, ncurses leaves them so.
		 * (yizhan --kiosk's supervisor has ignored them already.) */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);
	}
	if (!start_curses(&t))
		return 1;
	/* Issue 20: the login screen first, then the station behind it, opened
	 * while the clerk types (opening.c). */
	screen_login_push(&t);
	tui_draw(&t);
	tui_opening_start(&t, open, ctx);
	while (keep_running(&t)) {
		tui_step(&t);
		if (t.handover)
			end_handover(&t);
	}
	/* Quit before the opening ended: it ends before the store is closed. */
	if (t.opening)
		tui_station(&t);
	/* Kiosk mode: an empty stack here means the login screen could not be
	 * made again (no memory), not an end on purpose. */
	int rc = t.open_failed || (t.kiosk && t.depth == 0) ? 1 : 0;
	tui_pop_to(&t, 0);
	tui_ime_end(&t);
	tui_wait_install(&t, false); /* t ends here */
	endwin();
	return rc;
}

int yz_tui_run_dept(yz_session *s, struct yz_district *d)
{
	yz_tui t = {.s = s, .cur_y = -1};
	if (!start_curses(&t))
		return 1;
	yz_service_new_day(s);
	screen_dept_inbox_push(&t, d);
	while (keep_running(&t))
		tui_step(&t);
	tui_pop_to(&t, 0);
	tui_ime_end(&t);
	endwin();
	return 0;
}
