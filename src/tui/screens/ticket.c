/* The ticket kiosk (issue 19: `yizhan ticket`): the residents' terminal by the
 * hall's door, with a receipt printer. Nobody signs in. One key takes a
 * ticket of a queue — its letter, or its place 1..9, no Enter — which is
 * printed and shown in big characters with the queue, how many wait ahead
 * and the estimate, for a few seconds (any key goes back sooner). F2 or Y
 * checks in an appointment by its booking number or the resident's ID
 * number. A printer that is down costs nothing: the number is shown, the
 * resident told to remember it or ask the staff, and the ticket stays valid.
 *
 * The kiosk only writes tickets, so it keeps working while the counters'
 * programs are restarted. It runs its own loop rather than the counter UI's
 * screen stack: no key bar, no F1 help, nothing a resident could open by
 * accident. It ends with Ctrl-Q followed by typing the word "quit" and Enter
 * (the staff's; a resident's stray keys never spell it, and the screen after
 * Ctrl-Q only says "Staff only." so that nobody learns the word from it), or
 * when its terminal goes away.
 *
 * An ID number is private: a check-in that fails clears what was typed, its
 * message never repeats it, and the screen goes back to the menu after a few
 * seconds; a half-typed check-in goes back after INPUT_MS without a key. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../../intl.h"
#include "../tui_int.h"

/* How long a ticket stays shown; how long a half-typed check-in or the
 * ending's question waits for the next key before going back. */
#define SLIP_MS  5000
#define INPUT_MS 20000
#define QUIT_MS  10000
/* Keys on a fresh slip are ignored this long: a double press, queued while
 * the ticket printed, must not take the slip away (and a third a ticket). */
#define SLIP_DEAF_MS 1000
/* How often the waiting counts are read again while nothing happens. */
#define COUNTS_MS 2000
/* The loop's wait for a key: the clock and the counts keep moving. */
#define POLL_MS 100

typedef enum kiosk_mode {
	KIOSK_MENU,   /* the queues, one key each */
	KIOSK_SLIP,   /* a ticket just taken, in big characters */
	KIOSK_ARRIVE, /* typing a booking number or an ID number */
	KIOSK_QUIT,   /* Ctrl-Q: the word "quit" being typed */
} kiosk_mode;

typedef struct kiosk {
	yz_tui *t;
	kiosk_mode mode;
	yz_hall_state hs;    /* the queues' waiting counts */
	bool hs_ok;          /* hs was read */
	long long hs_ms;     /* when */
	long long until_ms;  /* the slip, the typing: back to the menu then */
	long long slip_ms;   /* when the slip was shown (printed) */
	yz_ticket_slip slip; /* the ticket shown */
	char print_msg[512]; /* what the printer did, in the resident's words */
	bool print_bad;      /* the ticket did not print */
	char typed[24];      /* the booking number / ID number, or "quit" */
	char msg[512];       /* a refusal on the menu or the check-in */
	bool done;           /* "quit" was typed */
} kiosk;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A queue's name as the resident reads it: the station's own label as
 * written; a default queue's label is an English msgid (yz_config_defaults). */
static void queue_label(const yz_queue_line *q, char *buf, size_t n)
{
	if (!q->label[0])
		tui_fmt(buf, n, _("Queue %s"), q->letter);
	else
		tui_fmt(buf, n, "%s", q->line == 0 ? _(q->label) : q->label);
}

static int waiting_of(const kiosk *k, const char *letter)
{
	if (!k->hs_ok)
		return -1;
	for (size_t i = 0; i < k->hs.n_queues; i++)
		if (strcmp(k->hs.queues[i].queue, letter) == 0)
			return k->hs.queues[i].waiting;
	return -1;
}

static void read_counts(kiosk *k)
{
	yz_err err = {{0}};
	yz_service_new_day(k->t->s);
	k->hs_ok = yz_service_hall_state(k->t->s, &k->hs, &err) == 0;
	k->hs_ms = now_ms();
}

/* A queue lettered Y takes Y: then only F2 checks in. */
static bool y_is_queue(const yz_config *c)
{
	for (int i = 0; i < c->n_queues; i++)
		if (strcmp(c->queues[i].letter, "Y") == 0)
			return true;
	return false;
}

/* ---- drawing --------------------------------------------------------------------- */

static void draw_menu(kiosk *k)
{
	yz_tui *t = k->t;
	const yz_config *c = t->s->cfg;
	tui_title(t, _("Take a ticket"));
	tui_put_center(2, _("Press the key of your business to take a ticket"),
	               tui_attr(t, ROLE_TITLE));
	int n = c->n_queues;
	/* Each queue's letter in big characters when the terminal has the rows
	 * (6 a queue), else two text rows a queue. */
	int room = LINES - 4 - 4;
	bool big = n > 0 && room >= n * 6 && COLS >= 60;
	int per = big ? 6 : 2, y = 4;
	if (!big && room >= n * 3)
		per = 3;
	for (int i = 0; i < n && y + 1 < LINES - 4; i++, y += per) {
		const yz_queue_line *q = &c->queues[i];
		char label[128], keys[32], wait[64];
		queue_label(q, label, sizeof label);
		if (i < 9)
			tui_fmt(keys, sizeof keys, "%s / %d", q->letter, i + 1);
		else
			tui_fmt(keys, sizeof keys, "%s", q->letter);
		int w = waiting_of(k, q->letter);
		if (w >= 0)
			tui_fmt(wait, sizeof wait, _("%d waiting"), w);
		else
			wait[0] = '\0';
		int x = COLS / 8;
		if (big) {
			tui_big_draw(y, x, q->letter, 1, tui_attr(t, ROLE_TITLE));
			x += tui_big_width(q->letter, 1) + 4;
			tui_put(y + 1, x, label, COLS - x - 16, A_BOLD);
			tui_put(y + 3, x, keys, 20, tui_attr(t, ROLE_KEY));
			tui_put(y + 3, x + 12, wait, COLS - x - 12, A_NORMAL);
		} else {
			tui_put(y, x, keys, 8, tui_attr(t, ROLE_KEY));
			tui_put(y, x + 10, label, COLS / 2, A_BOLD);
			tui_put(y, COLS - COLS / 8 - yz_text_width(wait), wait, COLS / 4, A_NORMAL);
		}
	}
	if (k->msg[0])
		tui_put_center(LINES - 4, k->msg, tui_attr(t, ROLE_ERROR));
	tui_put_center(LINES - 2,
	               y_is_queue(c) ? _("Have an appointment? Press F2 to check in.")
	                             : _("Have an appointment? Press F2 or Y to check in."),
	               A_NORMAL);
}

static void draw_slip(kiosk *k)
{
	yz_tui *t = k->t;
	const yz_ticket_slip *sl = &k->slip;
	tui_title(t, _("Your ticket"));
	tui_put_center(2, _("Your number"), tui_attr(t, ROLE_TITLE));
	/* The rows below the number: queue, ahead, estimate, appointment,
	 * printer, the hint; the number takes what is left, at most scale 2. */
	int below = 8, top = 4;
	int scale = tui_big_fit(sl->t.code, COLS - 2, LINES - top - below - 1, 2);
	int y = top;
	if (scale > 0) {
		int w = tui_big_width(sl->t.code, scale);
		tui_big_draw(y, (COLS - w) / 2, sl->t.code, scale, A_BOLD);
		y += tui_big_height(scale) + 1;
	} else {
		tui_put_center(y, sl->t.code, A_BOLD | A_REVERSE);
		y += 2;
	}
	char buf[256];
	tui_fmt(buf, sizeof buf, "%s  %s", sl->t.code, sl->label);
	tui_put_center(y++, buf, A_BOLD);
	if (sl->ahead > 0)
		tui_fmt(buf, sizeof buf,
		        dngettext(YZ_DOMAIN, "%d person ahead of you, about %d minutes",
		                  "%d people ahead of you, about %d minutes",
		                  (unsigned long)sl->ahead),
		        sl->ahead, sl->wait_min);
	else
		tui_fmt(buf, sizeof buf, "%s", _("Nobody ahead of you: you are called next."));
	tui_put_center(y++, buf, A_NORMAL);
	if (sl->appt_no[0]) {
		tui_fmt(buf, sizeof buf, _("Appointment %s (%s): you are called first."),
		        sl->appt_no, sl->appt_slot);
		tui_put_center(y++, buf, A_NORMAL);
	}
	y++;
	tui_put_center(y++, k->print_msg, tui_attr(t, k->print_bad ? ROLE_ERROR : ROLE_OK));
	tui_put_center(LINES - 2, _("Please wait to be called. Any key goes back."),
	               tui_attr(t, ROLE_DIM));
}

static void draw_input(kiosk *k, const char *title, const char *prompt, const char *hint)
{
	yz_tui *t = k->t;
	tui_title(t, title);
	int y = LINES / 2 - 3;
	tui_put_center(y, prompt, tui_attr(t, ROLE_TITLE));
	int w = 24, x = (COLS - w) / 2;
	tui_put_pad(y + 2, x, k->typed, w, tui_attr(t, ROLE_FIELD));
	t->cur_y = y + 2;
	t->cur_x = x + (int)strlen(k->typed);
	if (k->msg[0])
		tui_put_center(y + 4, k->msg, tui_attr(t, ROLE_ERROR));
	tui_put_center(LINES - 2, hint, tui_attr(t, ROLE_DIM));
}

static void draw(kiosk *k)
{
	erase();
	k->t->cur_y = -1;
	if (!tui_size_ok()) {
		char buf[160];
		tui_fmt(buf, sizeof buf, _("terminal too small (need %d×%d)"), TUI_MIN_COLS,
		        TUI_MIN_LINES);
		tui_put_center(LINES / 2, buf, A_BOLD);
	} else if (k->mode == KIOSK_MENU) {
		draw_menu(k);
	} else if (k->mode == KIOSK_SLIP) {
		draw_slip(k);
	} else if (k->mode == KIOSK_ARRIVE) {
		draw_input(k, _("Check in an appointment"),
		           _("Type your booking number or your ID number, then Enter."),
		           _("Esc goes back."));
	} else {
		draw_input(k, _("End the ticket kiosk"), _("Staff only."),
		           _("Any other key goes back."));
	}
	if (k->t->cur_y >= 0) {
		move(k->t->cur_y, k->t->cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- taking a ticket ---------------------------------------------------------------- */

/* The slip is shown before it prints (the resident sees the number at once),
 * then the printer's outcome under it. */
static void show_and_print(kiosk *k)
{
	yz_tui *t = k->t;
	k->mode = KIOSK_SLIP;
	tui_fmt(k->print_msg, sizeof k->print_msg, "%s", _("Printing your ticket…"));
	k->print_bad = false;
	draw(k);
	yz_print_outcome po;
	memset(&po, 0, sizeof po);
	yz_err err = {{0}};
	int rc = yz_service_ticket_print(t->s, &k->slip, &po, &err);
	if (rc == 0 && po.printed) {
		tui_fmt(k->print_msg, sizeof k->print_msg, "%s", _("Please take your ticket."));
	} else {
		/* No paper came out (a printer down, or none set up and the ticket
		 * saved as a file): the number is the ticket all the same. */
		k->print_bad = true;
		tui_fmt(k->print_msg, sizeof k->print_msg,
		        _("The ticket could not be printed: please remember your number %s, or "
		          "ask the staff. Your number is valid."),
		        k->slip.t.code);
	}
	/* Keys pressed while it printed are dropped, and the next second's too. */
	flushinp();
	k->slip_ms = now_ms();
	k->until_ms = k->slip_ms + SLIP_MS;
	read_counts(k);
}

static void take(kiosk *k, const yz_queue_line *q)
{
	yz_err err = {{0}};
	yz_service_new_day(k->t->s);
	memset(&k->slip, 0, sizeof k->slip);
	if (yz_service_ticket_take(k->t->s, q->letter, &k->slip, &err) != 0) {
		tui_fmt(k->msg, sizeof k->msg, "%s", err.msg);
		return;
	}
	k->msg[0] = '\0';
	show_and_print(k);
}

static void arrive(kiosk *k)
{
	yz_err err = {{0}};
	yz_service_new_day(k->t->s);
	memset(&k->slip, 0, sizeof k->slip);
	if (yz_service_ticket_arrive(k->t->s, k->typed, &k->slip, &err) != 0) {
		/* What was typed may be an ID number: it leaves the screen at once
		 * (the message does not repeat it), and the kiosk goes back to the
		 * menu after a slip's time unless the resident types again. */
		tui_fmt(k->msg, sizeof k->msg, "%s", err.msg[0] ? err.msg : _("Not found."));
		memset(k->typed, 0, sizeof k->typed);
		k->until_ms = now_ms() + SLIP_MS;
		return;
	}
	k->msg[0] = '\0';
	k->typed[0] = '\0';
	show_and_print(k);
}

/* ---- keys ---------------------------------------------------------------------------- */

static void to_menu(kiosk *k)
{
	k->mode = KIOSK_MENU;
	k->typed[0] = '\0';
	k->msg[0] = '\0';
}

static void menu_key(kiosk *k, int r, wint_t c)
{
	const yz_config *cfg = k->t->s->cfg;
	if (r == KEY_CODE_YES && c == KEY_F(2)) {
		k->mode = KIOSK_ARRIVE;
	} else if (r != KEY_CODE_YES && c == TUI_CTRL('q')) {
		k->mode = KIOSK_QUIT;
	} else if (r != KEY_CODE_YES) {
		for (int i = 0; i < cfg->n_queues; i++) {
			const yz_queue_line *q = &cfg->queues[i];
			bool letter = c < 128 && (wint_t)q->letter[0] == (c & ~0x20u) && c >= 'A';
			if (letter || (i < 9 && c == (wint_t)('1' + i))) {
				take(k, q);
				return;
			}
		}
		/* Y checks in only when no queue is Y (that queue took it above). */
		if (c != 'y' && c != 'Y')
			return;
		k->mode = KIOSK_ARRIVE;
	} else {
		return;
	}
	k->typed[0] = '\0';
	k->msg[0] = '\0';
	k->until_ms = now_ms() + (k->mode == KIOSK_QUIT ? QUIT_MS : INPUT_MS);
}

/* Typing into k->typed: what a booking number or an ID number holds (and
 * the letters of "quit"). */
static void input_key(kiosk *k, int r, wint_t c)
{
	size_t len = strlen(k->typed);
	k->until_ms = now_ms() + (k->mode == KIOSK_QUIT ? QUIT_MS : INPUT_MS);
	if (r == KEY_CODE_YES && c == KEY_BACKSPACE) {
		if (len)
			k->typed[len - 1] = '\0';
		return;
	}
	if (r == KEY_CODE_YES && c == KEY_ENTER)
		c = '\r', r = OK;
	if (r == KEY_CODE_YES) {
		if (k->mode == KIOSK_QUIT)
			to_menu(k);
		return;
	}
	if (c == TUI_ESC) {
		to_menu(k);
	} else if (c == 127 || c == 8) {
		if (len)
			k->typed[len - 1] = '\0';
	} else if (c == '\r' || c == '\n') {
		if (k->mode == KIOSK_QUIT) {
			if (strcmp(k->typed, "quit") == 0)
				k->done = true;
			else
				to_menu(k);
		} else if (len) {
			arrive(k);
		}
	} else if (c < 128 && (c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	                       (c >= 'A' && c <= 'Z'))) {
		if (len + 1 < sizeof k->typed && len < 20) {
			/* A booking number and an ID number's X are capitals. */
			char ch = (char)c;
			if (k->mode == KIOSK_ARRIVE && ch >= 'a' && ch <= 'z')
				ch = (char)(ch - 'a' + 'A');
			k->typed[len] = ch;
			k->typed[len + 1] = '\0';
		}
	} else if (k->mode == KIOSK_QUIT) {
		to_menu(k);
	}
}

static void key(kiosk *k, int r, wint_t c)
{
	if (!tui_size_ok())
		return;
	switch (k->mode) {
	case KIOSK_MENU:
		menu_key(k, r, c);
		break;
	case KIOSK_SLIP:
		/* Any key goes back, it takes nothing; but not in the first second. */
		if (now_ms() - k->slip_ms >= SLIP_DEAF_MS)
			to_menu(k);
		break;
	case KIOSK_ARRIVE:
	case KIOSK_QUIT:
		input_key(k, r, c);
		break;
	}
}

int yz_tui_run_ticket(yz_session *s)
{
	yz_tui t = {.s = s, .cur_y = -1};
	if (!tui_start_curses(&t))
		return 1;
	kiosk k = {.t = &t, .mode = KIOSK_MENU};
	read_counts(&k);
	while (!k.done) {
		draw(&k);
		timeout(POLL_MS);
		wint_t c;
		int r = get_wch(&c);
		long long now = now_ms();
		if (r == ERR) {
			if (tui_terminal_gone())
				break;
			if (k.mode != KIOSK_MENU && now >= k.until_ms)
				to_menu(&k);
			if (now - k.hs_ms >= COUNTS_MS)
				read_counts(&k);
			continue;
		}
		if (r == KEY_CODE_YES && c == KEY_RESIZE)
			continue;
		key(&k, r, c);
	}
	endwin();
	return 0;
}
