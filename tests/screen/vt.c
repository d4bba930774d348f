/* Screen-test harness: forkpty + libvterm. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

struct vt {
	pid_t pid;           /* the program */
	int fd;              /* pty master */
	VTerm *term;         /* the emulated terminal */
	VTermScreen *screen; /* its screen */
	int rows, cols;      /* current size */
	int status;          /* wait status once exited */
	bool exited;         /* the program has exited */
	double cpu_ms;       /* its processor time, all threads, once exited */
	iconv_t from_prog;   /* the program's charset to UTF-8; (iconv_t)-1 = UTF-8 */
	iconv_t to_prog;     /* UTF-8 keys to the program's charset */
	char pend[8];        /* an incomplete multibyte sequence left by the last read */
	size_t npend;        /* bytes in pend */
	long keys;           /* keys sent so far (see vt_keys) */
	bool feeding;        /* inside libvterm (feed): do not read more */
};

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Answers the terminal gives (cursor position reports …) go back to the program. */
static void feed(vt *v, const char *buf, size_t n);

/* Read what the program wrote, without waiting, unless inside libvterm. */
static void drain(vt *v)
{
	char buf[4096];
	ssize_t r;
	if (v->feeding)
		return;
	while ((r = read(v->fd, buf, sizeof buf)) > 0)
		feed(v, buf, (size_t)r);
}

/* Write keys (or the terminal's answers) to the program. The pty holds only a
 * few kilobytes the program has not read yet: while it is full, read what the
 * program writes (it may be waiting for that) and try again. Keys that cannot
 * be written within 10 s are said on stderr, never dropped silently. */
static void output_cb(const char *s, size_t len, void *user)
{
	vt *v = user;
	long deadline = now_ms() + 10000;
	while (len > 0) {
		ssize_t w = write(v->fd, s, len);
		if (w > 0) {
			s += w, len -= (size_t)w;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && errno == EAGAIN && now_ms() < deadline) {
			drain(v);
			struct pollfd p = {.fd = v->fd, .events = POLLOUT};
			poll(&p, 1, 10);
		} else {
			fprintf(stderr, "vt: %zu bytes of keys not sent: %s\n", len,
			        w < 0 ? strerror(errno) : "the terminal takes no more");
			return;
		}
	}
}

static void child_env(const char *const env[])
{
	for (size_t i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		if (!eq) {
			unsetenv(env[i]);
			continue;
		}
		char name[128];
		size_t n = (size_t)(eq - env[i]);
		if (n >= sizeof name)
			continue;
		memcpy(name, env[i], n);
		name[n] = '\0';
		setenv(name, eq + 1, 1);
	}
}

/* Issue 20, the old PC: with YZ_BENCH_CGROUP naming a cgroup's process list
 * (made by tests/bench/confine, which sets its CPU quota), the program runs in
 * it and on one core (YZ_BENCH_CPU, default 0) — the program and the
 * reference alike, the benchmark itself outside. Tests never set it. */
static void child_confine(void)
{
	const char *procs = getenv("YZ_BENCH_CGROUP");
	if (!procs || !*procs)
		return;
	FILE *f = fopen(procs, "w");
	if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0) {
		perror(procs);
		_exit(126);
	}
	const char *c = getenv("YZ_BENCH_CPU");
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(c ? atoi(c) : 0, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0) {
		perror("sched_setaffinity");
		_exit(126);
	}
}

vt *vt_spawn(char *const argv[], const char *const env[], int rows, int cols)
{
	return vt_spawn_charset(argv, env, rows, cols, NULL);
}

/* Open both converters for a program speaking charset; false when iconv lacks it. */
static bool open_charset(vt *v, const char *charset)
{
	v->from_prog = v->to_prog = (iconv_t)-1;
	if (!charset)
		return true;
	v->from_prog = iconv_open("UTF-8", charset);
	v->to_prog = iconv_open(charset, "UTF-8");
	return v->from_prog != (iconv_t)-1 && v->to_prog != (iconv_t)-1;
}

static void close_charset(vt *v)
{
	if (v->from_prog != (iconv_t)-1)
		iconv_close(v->from_prog);
	if (v->to_prog != (iconv_t)-1)
		iconv_close(v->to_prog);
}

vt *vt_spawn_charset(char *const argv[], const char *const env[], int rows, int cols,
                     const char *charset)
{
	vt *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	if (!open_charset(v, charset)) {
		fprintf(stderr, "vt: iconv cannot convert %s\n", charset);
		close_charset(v);
		free(v);
		return NULL;
	}
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	v->pid = forkpty(&v->fd, NULL, NULL, &ws);
	if (v->pid < 0) {
		close_charset(v);
		free(v);
		return NULL;
	}
	if (v->pid == 0) {
		child_env(env);
		child_confine();
		execv(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	fcntl(v->fd, F_SETFL, fcntl(v->fd, F_GETFL) | O_NONBLOCK);
	v->rows = rows;
	v->cols = cols;
	v->term = vterm_new(rows, cols);
	vterm_set_utf8(v->term, 1);
	vterm_output_set_callback(v->term, output_cb, v);
	v->screen = vterm_obtain_screen(v->term);
	vterm_screen_reset(v->screen, 1);
	return v;
}

/* Keys typed in UTF-8 (the test's source) in the program's charset; caller frees. */
static char *keys_for_program(vt *v, const char *keys, size_t *len)
{
	size_t in_left = strlen(keys), cap = in_left * 4 + 16, out_left = cap;
	char *out = malloc(cap), *in = (char *)keys, *o = out;
	if (!out)
		return NULL;
	iconv(v->to_prog, NULL, NULL, NULL, NULL);
	if (iconv(v->to_prog, &in, &in_left, &o, &out_left) == (size_t)-1) {
		fprintf(stderr, "vt: keys not convertible: %s\n", keys);
		free(out);
		return NULL;
	}
	iconv(v->to_prog, NULL, NULL, &o, &out_left);
	*len = (size_t)(o - out);
	return out;
}

/* How many keys a clerk presses to send s: an escape sequence (a function or
 * cursor key) is one key, a lone Esc is one, every other character one. */
static long count_keys(const char *s)
{
	long n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
		if (p[0] == 0x1b && (p[1] == '[' || p[1] == 'O')) {
			p += 2;
			while (*p && !(*p >= 0x40 && *p <= 0x7e))
				p++; /* parameters */
			if (*p)
				p++; /* the final byte */
		} else {
			p++;
			while ((*p & 0xc0) == 0x80)
				p++; /* the rest of a UTF-8 character */
		}
	}
	return n;
}

long vt_keys(const vt *v)
{
	return v->keys;
}

void vt_send(vt *v, const char *keys)
{
	v->keys += count_keys(keys);
	/* Keep reading while writing, so that a program blocked on output cannot
	 * stall the test. */
	vt_pump(v, 0);
	if (v->to_prog == (iconv_t)-1) {
		output_cb(keys, strlen(keys), v);
	} else {
		size_t len = 0;
		char *conv = keys_for_program(v, keys, &len);
		if (conv)
			output_cb(conv, len, v);
		free(conv);
	}
	vt_pump(v, 20);
}

void vt_ctrl_space(vt *v)
{
	v->keys++;
	vt_pump(v, 0);
	output_cb("", 1, v); /* the NUL byte */
	vt_pump(v, 20);
}

void vt_send_now(vt *v, const char *keys)
{
	output_cb(keys, strlen(keys), v);
}

/* Hand the program's output to libvterm in UTF-8. A multibyte character may be
 * split between two reads: its first bytes wait in pend for the next read. A
 * byte that cannot start a character shows as U+FFFD, as a terminal would. */
static void feed_term(vt *v, const char *buf, size_t n)
{
	if (v->from_prog == (iconv_t)-1) {
		vterm_input_write(v->term, buf, n);
		return;
	}
	char in_buf[sizeof v->pend + 4096], out_buf[4 * sizeof in_buf];
	size_t in_left = v->npend + n;
	memcpy(in_buf, v->pend, v->npend);
	memcpy(in_buf + v->npend, buf, n);
	v->npend = 0;
	char *in = in_buf;
	while (in_left > 0) {
		char *o = out_buf;
		size_t out_left = sizeof out_buf;
		size_t r = iconv(v->from_prog, &in, &in_left, &o, &out_left);
		int e = errno;
		vterm_input_write(v->term, out_buf, (size_t)(o - out_buf));
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL && in_left < sizeof v->pend) {
			memcpy(v->pend, in, in_left);
			v->npend = in_left;
			return;
		}
		vterm_input_write(v->term, "\xef\xbf\xbd", 3);
		in++, in_left--;
	}
}

static void feed(vt *v, const char *buf, size_t n)
{
	v->feeding = true;
	feed_term(v, buf, n);
	v->feeding = false;
}

void vt_esc(vt *v)
{
	vt_send(v, "\033");
	vt_pump(v, 300); /* longer than the program's ESCDELAY */
}

void vt_pump(vt *v, int ms)
{
	long end = now_ms() + ms;
	for (;;) {
		long left = end - now_ms();
		struct pollfd p = {.fd = v->fd, .events = POLLIN};
		int r = poll(&p, 1, left > 0 ? (int)left : 0);
		if (r > 0) {
			char buf[4096];
			ssize_t n = read(v->fd, buf, sizeof buf);
			if (n > 0) {
				feed(v, buf, (size_t)n);
				continue;
			}
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
				return; /* the program closed the pty */
		}
		if (left <= 0)
			return;
	}
}

/* One row as UTF-8; with cols set, (*cols)[i] is the screen column of byte i. */
static char *row_text(vt *v, int row, int **cols)
{
	size_t cap = (size_t)v->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1, len = 0;
	char *s = malloc(cap);
	int *map = cols ? calloc(cap, sizeof *map) : NULL;
	if (!s || (cols && !map)) {
		free(s);
		free(map);
		return NULL;
	}
	for (int col = 0; col < v->cols;) {
		VTermScreenCell cell;
		VTermPos pos = {.row = row, .col = col};
		if (!vterm_screen_get_cell(v->screen, pos, &cell)) {
			col++;
			continue;
		}
		/* The bytes this cell adds (at most 4 per character) are at col. */
		for (size_t b = len; map && b < cap && b < len + 4 * VTERM_MAX_CHARS_PER_CELL; b++)
			map[b] = col;
		if (cell.chars[0] == 0) {
			s[len++] = ' ';
		} else {
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++) {
				uint32_t c = cell.chars[i];
				if (c < 0x80) {
					s[len++] = (char)c;
				} else if (c < 0x800) {
					s[len++] = (char)(0xc0 | c >> 6);
					s[len++] = (char)(0x80 | (c & 0x3f));
				} else if (c < 0x10000) {
					s[len++] = (char)(0xe0 | c >> 12);
					s[len++] = (char)(0x80 | ((c >> 6) & 0x3f));
					s[len++] = (char)(0x80 | (c & 0x3f));
				} else {
					s[len++] = (char)(0xf0 | c >> 18);
					s[len++] = (char)(0x80 | ((c >> 12) & 0x3f));
					s[len++] = (char)(0x80 | ((c >> 6) & 0x3f));
					s[len++] = (char)(0x80 | (c & 0x3f));
				}
			}
		}
		/* A wide character fills two cells; the second is its continuation. */
		col += cell.width > 0 ? cell.width : 1;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	s[len] = '\0';
	if (cols)
		*cols = map;
	return s;
}

char *vt_row(vt *v, int row)
{
	return row_text(v, row, NULL);
}

int vt_col_of(vt *v, int row, const char *text)
{
	int *map = NULL;
	char *s = row_text(v, row, &map);
	const char *hit = s ? strstr(s, text) : NULL;
	int col = hit ? map[hit - s] : -1;
	free(s);
	free(map);
	return col;
}

int vt_row_of(vt *v, const char *text)
{
	for (int r = 0; r < v->rows; r++) {
		char *s = vt_row(v, r);
		bool found = s && strstr(s, text);
		free(s);
		if (found)
			return r;
	}
	return -1;
}

char *vt_text(vt *v)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	for (int r = 0; r < v->rows; r++) {
		char *row = vt_row(v, r);
		fprintf(f, "%s\n", row ? row : "");
		free(row);
	}
	fclose(f);
	return out;
}

void vt_dump(vt *v)
{
	char *s = vt_text(v);
	fprintf(stderr, "---- screen %dx%d ----\n%s---------------------\n", v->cols, v->rows,
	        s ? s : "");
	free(s);
}

static bool on_screen(vt *v, const char *text)
{
	char *s = vt_text(v);
	bool found = s && strstr(s, text) != NULL;
	free(s);
	return found;
}

bool vt_wait_for(vt *v, const char *text, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	for (;;) {
		vt_pump(v, 0);
		if (on_screen(v, text))
			return true;
		if (now_ms() >= end)
			return false;
		vt_pump(v, 50);
	}
}

bool vt_wait_gone(vt *v, const char *text, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	for (;;) {
		vt_pump(v, 0);
		if (!on_screen(v, text))
			return true;
		if (now_ms() >= end)
			return false;
		vt_pump(v, 50);
	}
}

void vt_resize(vt *v, int rows, int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	vterm_set_size(v->term, rows, cols);
	v->rows = rows;
	v->cols = cols;
	/* The kernel sends SIGWINCH to the pty's foreground process group. */
	ioctl(v->fd, TIOCSWINSZ, &ws);
	vt_pump(v, 50);
}

int vt_wait_exit(vt *v, int timeout_ms)
{
	if (v->exited)
		return v->status;
	long end = now_ms() + timeout_ms;
	for (;;) {
		vt_pump(v, 20);
		int st;
		struct rusage ru;
		pid_t r = wait4(v->pid, &st, WNOHANG, &ru);
		if (r == v->pid) {
			v->exited = true;
			v->status = st;
			v->cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
			            (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
			return st;
		}
		if (now_ms() >= end)
			return -1;
	}
}

int vt_kill(vt *v, int sig)
{
	if (!v->exited)
		kill(v->pid, sig);
	return vt_wait_exit(v, VT_TIMEOUT);
}

double vt_cpu_ms(const vt *v)
{
	return v->exited ? v->cpu_ms : -1;
}

pid_t vt_pid(vt *v)
{
	return v->pid;
}

int vt_hangup(vt *v)
{
	close(v->fd);
	v->fd = -1; /* poll ignores it; vt_pump then only waits */
	return vt_wait_exit(v, VT_TIMEOUT);
}

void vt_close(vt *v)
{
	if (!v)
		return;
	if (!v->exited) {
		kill(v->pid, SIGTERM);
		if (vt_wait_exit(v, 2000) < 0) {
			kill(v->pid, SIGKILL);
			waitpid(v->pid, NULL, 0);
		}
	}
	if (v->fd >= 0)
		close(v->fd);
	vterm_free(v->term);
	close_charset(v);
	free(v);
}

/* ---- pinyin input (issue 15) ------------------------------------------------ */

bool vt_bar_candidate(const char *row, int d, char *out, size_t n)
{
	char tag[8];
	snprintf(tag, sizeof tag, " %d.", d);
	const char *p = strstr(row, tag);
	if (!p)
		return false;
	p += strlen(tag);
	size_t len = strcspn(p, " ");
	if (len == 0 || len >= n)
		return false;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

char *vt_bottom_when(vt *v, const char *before, bool composing, int timeout_ms)
{
	char *last = NULL;
	for (int waited = 0; waited <= timeout_ms; waited += 60) {
		char *row = vt_row(v, v->rows - 1);
		bool bar = row && strstr(row, " 1.") != NULL;
		bool ok = row && bar == composing && (!before || strcmp(row, before) != 0);
		if (ok && last && strcmp(row, last) == 0) {
			free(last);
			return row;
		}
		free(last);
		last = ok ? row : NULL;
		if (!ok)
			free(row);
		vt_pump(v, 60);
	}
	free(last);
	return NULL;
}

bool vt_type_pinyin(vt *v, const char *pinyin, const char *target, int timeout_ms)
{
	size_t at = 0, len = strlen(target);
	vt_send(v, pinyin);
	char *row = vt_bottom_when(v, NULL, true, timeout_ms);
	for (int guard = 0; row && at < len && guard < 60; guard++) {
		int best = 0;
		size_t best_len = 0;
		for (int d = 1; d <= 9; d++) {
			char c[96];
			if (vt_bar_candidate(row, d, c, sizeof c) && strlen(c) > best_len &&
			    strncmp(target + at, c, strlen(c)) == 0) {
				best = d;
				best_len = strlen(c);
			}
		}
		char key[2] = {best ? (char)('0' + best) : '=', '\0'};
		vt_send(v, key);
		at += best_len;
		char *next = vt_bottom_when(v, row, at < len, timeout_ms);
		free(row);
		row = next;
	}
	if (at < len || !row) {
		fprintf(stderr, "pinyin %s: %s not typed (%zu of %zu bytes)\n", pinyin, target, at,
		        len);
		vt_dump(v);
	}
	free(row);
	return at == len;
}

int vt_rime_mapped(vt *v)
{
	char path[64], line[512];
	snprintf(path, sizeof path, "/proc/%d/maps", (int)v->pid);
	FILE *f = fopen(path, "r");
	bool found = false;
	if (!f)
		return -1;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, "librime") != NULL;
	fclose(f);
	return found;
}

/* ---- timing a key (issue 20) ------------------------------------------------- */

static double now_fine_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads until quiet_ms pass without a byte (or, before the first byte,
 * timeout_ms): the end of a draw is the last byte before the silence, so the
 * silence itself is never counted. Returns the time of that byte, or -1. */
static double settle_from(vt *v, double t0, int quiet_ms, int timeout_ms, size_t *bytes)
{
	double last = -1, now = now_fine_ms();
	size_t got = 0;
	for (;;) {
		double until = last < 0 ? t0 + timeout_ms : last + quiet_ms;
		if (now >= until)
			break;
		struct pollfd p = {.fd = v->fd, .events = POLLIN};
		int r = poll(&p, 1, (int)(until - now) + 1);
		now = now_fine_ms();
		if (r <= 0)
			continue;
		char buf[4096];
		ssize_t n = read(v->fd, buf, sizeof buf);
		if (n > 0) {
			feed(v, buf, (size_t)n);
			got += (size_t)n;
			last = now;
		} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			break; /* the program closed the pty */
		}
	}
	if (bytes)
		*bytes = got;
	return last;
}

double vt_settle(vt *v, int quiet_ms, int timeout_ms, size_t *bytes)
{
	double t0 = now_fine_ms(), last = settle_from(v, t0, quiet_ms, timeout_ms, bytes);
	return last < 0 ? -1 : last - t0;
}

double vt_key_ms(vt *v, const char *keys, int quiet_ms, int timeout_ms, size_t *bytes)
{
	vt_pump(v, 0); /* what came before the key is not its answer */
	v->keys += count_keys(keys);
	double t0 = now_fine_ms();
	output_cb(keys, strlen(keys), v);
	double last = settle_from(v, t0, quiet_ms, timeout_ms, bytes);
	return last < 0 ? -1 : last - t0;
}
