/* The hall display (issue 19: `yizhan hall`): a TV or monitor on a terminal,
 * for the residents waiting. Each window with the ticket it serves, the code
 * in big characters; the last calls; how many wait in each queue. The newest
 * call is shown reversed for a few seconds. The layout follows the terminal's
 * size: the windows in as many columns as fit, at scale 2 when the room
 * allows, else 1, else in plain text.
 *
 * It polls: every 100 ms one indexed read of today's newest call id
 * (yz_service_hall_last); a new id reads the calls after the last one seen and
 * the whole state, redraws and queues each call for speaking. Other changes
 * (a ticket taken, a no-show) are read every 2 s. The voice runs in a child
 * process the display never waits for — at most one at a time, so calls are
 * spoken one after another, never over each other — reaped with WNOHANG as
 * the loop goes round, so drawing never stops for it. A player that hangs
 * would silence the display for good: the child leads its own process group
 * (the player spawned by it too), and past SPEAK_MAX_MS the whole group is
 * killed and the voice error shown. No keys are needed; q or Ctrl-Q ends it. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../intl.h"
#include "../tui_int.h"

#define POLL_MS      100
#define STATE_MS     2000
#define HIGHLIGHT_MS 6000
/* Calls waiting to be spoken (a burst of calls at opening time). */
#define SPEAK_QUEUE 32
/* Longest a call may take to speak (a call is a few seconds); then killed. */
#define SPEAK_MAX_MS 30000
/* At quit, a call being spoken gets this long to finish its WAV. */
#define SPEAK_QUIT_MS 5000

typedef struct hall {
	yz_tui *t;
	const char *wav_dir; /* the calls' WAV files go there; NULL = played */
	yz_hall_state hs;
	bool hs_ok;
	char err[512];       /* a read failed: shown on the last row until one works */
	char voice_err[512]; /* the voice failed: shown until a call is spoken */
	long long hs_ms;     /* when hs was read */
	int64_t seen;        /* the newest call id read */
	bool seen_unknown;   /* the first read failed: the next good one sets seen */
	int64_t fresh;       /* the newest call, highlighted until fresh_until */
	long long fresh_until;
	yz_hall_call speak[SPEAK_QUEUE]; /* calls still to speak, oldest first */
	size_t n_speak;
	pid_t speaker;        /* the child speaking now; 0 = none */
	int speaker_fd;       /* the read end of its pipe: why it failed */
	long long speaker_ms; /* when it started */
} hall;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the voice ---------------------------------------------------------------------- */

/* Start speaking the oldest queued call in a child. The words are made here
 * (files only); the child only speaks: it touches neither the database nor
 * the terminal, and leaves with _exit. */
static void speak_next(hall *h)
{
	if (h->speaker || h->n_speak == 0)
		return;
	yz_hall_call c = h->speak[0];
	h->n_speak--;
	memmove(h->speak, h->speak + 1, h->n_speak * sizeof h->speak[0]);
	char words[512];
	yz_err err = {{0}};
	if (yz_service_call_words(h->t->s, &c, words, sizeof words, &err) != 0) {
		tui_fmt(h->voice_err, sizeof h->voice_err, "%s", err.msg);
		return;
	}
	char wav[4096] = "";
	if (h->wav_dir)
		tui_fmt(wav, sizeof wav, "%s/call-%lld.wav", h->wav_dir, (long long)c.id);
	int fd[2];
	if (pipe(fd) != 0)
		return;
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		/* Its own group: the display can kill it with its player. */
		setpgid(0, 0);
		/* The player's own words never reach the display's screen. */
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		yz_err e = {{0}};
		int rc = yz_service_speak(h->t->s, words, &c, wav[0] ? wav : NULL, &e);
		if (rc != 0 && write(fd[1], e.msg, strnlen(e.msg, sizeof e.msg)) < 0)
			rc = 2;
		_exit(rc == 0 ? 0 : 1);
	}
	close(fd[1]);
	fcntl(fd[0], F_SETFL, O_NONBLOCK);
	setpgid(pid, pid); /* as the child does: whichever runs first */
	h->speaker = pid;
	h->speaker_ms = now_ms();
	h->speaker_fd = fd[0];
}

/* The speaking child done? Its failure is shown; the next call starts. */
static void reap(hall *h, bool wait)
{
	if (!h->speaker)
		return;
	int status;
	pid_t r = waitpid(h->speaker, &status, wait ? 0 : WNOHANG);
	if (r == 0 || (r < 0 && errno == EINTR))
		return;
	if (r == h->speaker && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
		char msg[sizeof h->err];
		ssize_t n = read(h->speaker_fd, msg, sizeof msg - 1);
		msg[n > 0 ? n : 0] = '\0';
		tui_fmt(h->voice_err, sizeof h->voice_err, _("The call could not be spoken: %s"),
		        msg[0] ? msg : _("the voice program failed"));
	} else if (r == h->speaker) {
		h->voice_err[0] = '\0';
	}
	close(h->speaker_fd);
	h->speaker = 0;
}

/* A speaking child past its time (a hung player), or still going at quit: its
 * whole group is killed, reaped, and the voice error shown. */
static void kill_speaker(hall *h)
{
	if (!h->speaker)
		return;
	kill(-h->speaker, SIGKILL);
	kill(h->speaker, SIGKILL);
	while (waitpid(h->speaker, NULL, 0) < 0 && errno == EINTR)
		;
	close(h->speaker_fd);
	h->speaker = 0;
	tui_fmt(h->voice_err, sizeof h->voice_err, _("The call could not be spoken: %s"),
	        _("the voice program did not finish in time"));
}

/* ---- reading -------------------------------------------------------------------------- */

static void read_state(hall *h)
{
	yz_err err = {{0}};
	h->hs_ok = yz_service_hall_state(h->t->s, &h->hs, &err) == 0;
	h->hs_ms = now_ms();
	if (!h->hs_ok)
		tui_fmt(h->err, sizeof h->err, "%s", err.msg);
	else
		h->err[0] = '\0';
}

/* The calls after the last seen: queued for the voice, the newest
 * highlighted. */
static void read_calls(hall *h)
{
	yz_hall_call c[SPEAK_QUEUE];
	size_t n = 0;
	yz_err err = {{0}};
	if (yz_service_hall_calls(h->t->s, h->seen, c, SPEAK_QUEUE, &n, &err) != 0) {
		tui_fmt(h->err, sizeof h->err, "%s", err.msg);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (c[i].id > h->seen)
			h->seen = c[i].id;
		if (h->n_speak == SPEAK_QUEUE) /* far behind: the oldest goes unsaid */
			memmove(h->speak, h->speak + 1, --h->n_speak * sizeof h->speak[0]);
		h->speak[h->n_speak++] = c[i];
		h->fresh = c[i].id;
		h->fresh_until = now_ms() + HIGHLIGHT_MS;
	}
}

/* One turn of the poll: today's newest call id; a new one reads the calls
 * and the state. */
static void poll_calls(hall *h)
{
	yz_service_new_day(h->t->s);
	int64_t last = 0;
	yz_err err = {{0}};
	if (yz_service_hall_last(h->t->s, &last, &err) != 0) {
		tui_fmt(h->err, sizeof h->err, "%s", err.msg);
		return;
	}
	if (h->seen_unknown) {
		/* The display's first read failed: the calls made before it started
		 * are shown (the state), not spoken. */
		h->seen_unknown = false;
		h->seen = last;
		read_state(h);
		return;
	}
	if (last < h->seen)
		h->seen = 0; /* a new day: its ids go on, but the old day's are gone */
	if (last != h->seen) {
		read_calls(h);
		read_state(h);
	} else if (now_ms() - h->hs_ms >= STATE_MS) {
		read_state(h);
	}
}

/* ---- drawing ----------------------------------------------------------------------- */

static const yz_hall_call *fresh_call(const hall *h)
{
	if (!h->fresh || now_ms() >= h->fresh_until)
		return NULL;
	for (size_t i = 0; i < h->hs.n_recent; i++)
		if (h->hs.recent[i].id == h->fresh)
			return &h->hs.recent[i];
	return NULL;
}

static const char *window_label(const hall *h, int counter, char *buf, size_t n)
{
	for (size_t i = 0; i < h->hs.n_windows; i++)
		if (h->hs.windows[i].counter == counter && h->hs.windows[i].label[0])
			return h->hs.windows[i].label;
	tui_fmt(buf, n, _("Window %d"), counter);
	return buf;
}

static void queue_label(const yz_config *c, const char *letter, char *buf, size_t n)
{
	const yz_queue_line *q = yz_config_queue(c, letter);
	if (!q || !q->label[0])
		tui_fmt(buf, n, _("Queue %s"), letter);
	else
		tui_fmt(buf, n, "%s", q->line == 0 ? _(q->label) : q->label);
}

/* The windows laid out in a grid of cells at the largest scale whose grid
 * fits w x rows; returns the rows used. */
static int draw_windows(hall *h, int y0, int rows)
{
	int n = (int)h->hs.n_windows;
	if (n == 0)
		return 0;
	const yz_hall_call *f = fresh_call(h);
	int scale = 2, cols = 1, cell_w = COLS, cell_h = 1;
	for (; scale >= 0; scale--) {
		/* A cell: the label, the code big, a blank row; at least 24 wide. */
		int big_w = tui_big_width("A000", scale);
		cell_w = (scale ? big_w : 16) + 2;
		if (cell_w < 24)
			cell_w = 24;
		cols = COLS / cell_w;
		if (cols < 1)
			cols = 1;
		if (cols > n)
			cols = n;
		cell_h = scale ? 1 + tui_big_height(scale) + 1 : 1;
		if ((n + cols - 1) / cols * cell_h <= rows)
			break;
	}
	if (scale < 0)
		scale = 0;
	cell_w = COLS / cols;
	/* A line between the columns: two codes side by side read as two. */
	int grid_h = (n + cols - 1) / cols * cell_h;
	for (int k = 1; k < cols; k++)
		mvvline(y0, k * cell_w - 1, ACS_VLINE, grid_h < rows ? grid_h : rows);
	for (int i = 0; i < n; i++) {
		const yz_hall_window *w = &h->hs.windows[i];
		int y = y0 + (i / cols) * cell_h, x = (i % cols) * cell_w;
		if (y + cell_h > y0 + rows)
			break; /* more windows than rows even in text: the first ones */
		bool hot = f && f->counter == w->counter && strcmp(f->code, w->code) == 0;
		attr_t a = hot ? A_REVERSE | A_BOLD : A_BOLD;
		char label[128];
		tui_fmt(label, sizeof label, "%s", w->label);
		if (!label[0])
			tui_fmt(label, sizeof label, _("Window %d"), w->counter);
		if (scale == 0) {
			tui_put_pad(y, x + 1, label, cell_w / 2, a);
			tui_put(y, x + 1 + cell_w / 2, w->code[0] ? w->code : "-", cell_w / 2 - 2,
			        a);
			continue;
		}
		tui_put_pad(y, x + 1, label, cell_w - 2, a);
		if (w->code[0]) {
			int bw = tui_big_width(w->code, scale);
			tui_big_draw(y + 1, x + (cell_w - bw) / 2, w->code, scale,
			             hot ? A_BOLD : A_NORMAL);
		} else {
			tui_put(y + 1 + tui_big_height(scale) / 2, x + cell_w / 2 - 1, "-", 2,
			        tui_attr(h->t, ROLE_DIM));
		}
	}
	return ((n + cols - 1) / cols) * cell_h;
}

/* "A012 → Window 2" entries, newest first, as many as the rows hold. */
static void draw_recent(hall *h, int y, int rows)
{
	tui_put(y, 1, _("Last calls"), COLS - 2, tui_attr(h->t, ROLE_HEADER));
	int x = 1;
	y++;
	rows--;
	const yz_hall_call *f = fresh_call(h);
	for (size_t i = 0; i < h->hs.n_recent && rows > 0; i++) {
		const yz_hall_call *c = &h->hs.recent[i];
		char lb[96], buf[160];
		tui_fmt(buf, sizeof buf, "%s → %s", c->code,
		        window_label(h, c->counter, lb, sizeof lb));
		int w = yz_text_width(buf) + 2;
		if (x > 1 && x + w > COLS) {
			if (--rows == 0)
				break;
			y++;
			x = 1;
		}
		tui_put(y, x, buf, COLS - x, f && f->id == c->id ? A_REVERSE | A_BOLD : A_NORMAL);
		x += w + 2;
	}
}

static void draw_waiting(hall *h, int y)
{
	int x = 1;
	x += tui_put(y, x, _("Waiting:"), COLS - x, tui_attr(h->t, ROLE_HEADER)) + 1;
	for (size_t i = 0; i < h->hs.n_queues; i++) {
		const yz_queue_count *q = &h->hs.queues[i];
		char lb[96], buf[160];
		queue_label(h->t->s->cfg, q->queue, lb, sizeof lb);
		tui_fmt(buf, sizeof buf, _("%s %s: %d"), q->queue, lb, q->waiting);
		if (x + yz_text_width(buf) > COLS)
			break;
		x += tui_put(y, x, buf, COLS - x, A_NORMAL) + 3;
	}
}

static void draw_title(hall *h)
{
	yz_tui *t = h->t;
	const yz_hall_call *f = fresh_call(h);
	char title[256], lb[96];
	if (f) {
		/* The call in words, as it is spoken. */
		tui_fmt(title, sizeof title, _("Number %s, please go to %s"), f->code,
		        window_label(h, f->counter, lb, sizeof lb));
		tui_put_pad(0, 0, "", COLS, A_REVERSE | A_BOLD);
		tui_put_center(0, title, A_REVERSE | A_BOLD);
	} else {
		/* The clock beside the title: the station's name keeps the right. */
		time_t now = time(NULL);
		struct tm tm;
		char clock[8];
		localtime_r(&now, &tm);
		strftime(clock, sizeof clock, "%H:%M", &tm);
		tui_fmt(title, sizeof title, "%s  %s", _("Now serving"), clock);
		tui_title(t, title);
	}
}

static void draw(hall *h)
{
	erase();
	if (!tui_size_ok()) {
		char buf[160];
		tui_fmt(buf, sizeof buf, _("terminal too small (need %d×%d)"), TUI_MIN_COLS,
		        TUI_MIN_LINES);
		tui_put_center(LINES / 2, buf, A_BOLD);
		refresh();
		return;
	}
	draw_title(h);
	/* From the bottom: an error row, the waiting row, the last calls (a
	 * header and two rows, more on a tall screen); the windows get the
	 * rest. */
	int bottom = LINES - 1;
	const char *why = h->err[0] ? h->err : h->voice_err;
	if (why[0])
		tui_put(bottom, 1, why, COLS - 2, tui_attr(h->t, ROLE_ERROR));
	bottom--;
	draw_waiting(h, bottom);
	int recent_rows = LINES >= 40 ? 4 : 3;
	int recent_y = bottom - 1 - recent_rows;
	int used = draw_windows(h, 2, recent_y - 2);
	if (used < recent_y - 2 - recent_rows) {
		/* Spare rows: the last calls move up under the windows. */
		recent_y = 2 + used + 1;
		recent_rows = bottom - 1 - recent_y;
	}
	draw_recent(h, recent_y, recent_rows);
	curs_set(0);
	refresh();
}

int yz_tui_run_hall(yz_session *s, const char *wav_dir)
{
	yz_tui t = {.s = s, .cur_y = -1};
	if (!tui_start_curses(&t))
		return 1;
	hall h = {.t = &t, .wav_dir = wav_dir && *wav_dir ? wav_dir : NULL};
	/* The day's calls so far are shown (the state), not spoken again. */
	yz_service_new_day(s);
	yz_err err = {{0}};
	if (yz_service_hall_last(s, &h.seen, &err) != 0) {
		tui_fmt(h.err, sizeof h.err, "%s", err.msg);
		h.seen = 0;
		h.seen_unknown = true;
	}
	read_state(&h);
	bool done = false;
	while (!done) {
		draw(&h);
		timeout(POLL_MS);
		wint_t c;
		int r = get_wch(&c);
		if ((r == OK && (c == 'q' || c == 'Q' || c == TUI_CTRL('q'))) ||
		    (r == ERR && tui_terminal_gone()))
			done = true;
		poll_calls(&h);
		reap(&h, false);
		if (h.speaker && now_ms() - h.speaker_ms >= SPEAK_MAX_MS)
			kill_speaker(&h);
		speak_next(&h);
	}
	/* A call being spoken gets a few seconds to finish (its WAV complete),
	 * then is killed; the rest are let go. */
	long long quit_ms = now_ms();
	while (h.speaker && now_ms() - quit_ms < SPEAK_QUIT_MS) {
		reap(&h, false);
		if (h.speaker)
			napms(50);
	}
	kill_speaker(&h);
	endwin();
	return 0;
}
