/* First screen (issue 20, goal 1: the login screen with 1,000,000 residents
 * no slower than `dialog --msgbox` started the same way; goal 4: <= 100 ms on
 * a quarter of one core). Round by round, interleaved, each program is started
 * under a pty of 80x24 through vt_spawn with the same environment
 * (LANG=zh_CN.UTF-8, TERM=xterm-256color): `yizhan --home H` (its login
 * screen), `dialog --msgbox TEXT 7 40` and `whiptail --msgbox TEXT 7 40`.
 * For each start:
 *   - first byte: from just before the fork to the moment the pty has
 *     something to read (poll on the master, nothing read);
 *   - complete screen: from the same moment to the moment the terminal
 *     (libvterm) shows the complete screen — the screen the program shows
 *     once idle, taken from an untimed start of each program before the
 *     rounds (and checked for what it must show: for yizhan the title bar,
 *     the station name, "请登录" and the password row, the key bar; for
 *     dialog and whiptail the text and the OK button);
 *   - first key (yizhan): a letter typed into the user name the moment the
 *     login screen is complete, from the fork to its echo on the terminal —
 *     what a clerk who types at once sees, whatever the program still does
 *     after its first paint;
 *   - CPU: the program's CPU time (user + system, every thread: the rusage
 *     of its end) once its output has been quiet for 50 ms and it is killed
 *     (SIGKILL: no exit of its own) — its whole start-up's cost, work after
 *     the first paint and in other threads included, the one figure the
 *     machine's load hardly moves.
 * Each program is killed after its start (vt_close). Prints p50, p90, p99 and
 * max of each, the ratios, and README rows; the load average before and after.
 * Then, the figure no load moves: the instructions of one start of each
 * (valgrind's callgrind, user space: to the complete screen and on until the
 * program is idle, work after the first paint included, and the exit on
 * SIGTERM that follows), and yizhan's top functions by inclusive cost when
 * callgrind_annotate is there. Not when confined (the count is the same).
 *
 * With YZ_BENCH_CGROUP set (tests/bench/confine: 25% of one core by default)
 * all three programs run confined; the benchmark itself does not.
 *
 * Environment: YZ_BENCH_HOME a station to use (it is only opened: the login
 * screen writes nothing); else a demo station of YZ_BENCH_RESIDENTS residents
 * (default 1000000, some minutes) is made in TMPDIR and removed after.
 * YZ_BENCH_ROUNDS measured rounds (default 50).
 *
 * usage: bench_start20 /path/to/yizhan */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../screen/vt.h"
#include "bench_util.h"

enum { ROWS = 24, COLS = 80, NPROG = 3, MAX_ROUNDS = 1000, START_TIMEOUT_MS = 10000 };

/* Quiet this long after the complete screen: the start-up is over (CPU read). */
#define QUIET_MS 50

#define VALGRIND "/usr/bin/valgrind"

/* The message box's text: Chinese, as the login screen's, so the references
 * draw wide characters too. */
#define BOX_TEXT "\u4e00\u7ad9 \u7a97\u53e3\u53d7\u7406\uff1a\u8bf7\u767b\u5f55"

static const char *const env[] = {
    "LANG=zh_CN.UTF-8",    "LANGUAGE",    "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", NULL,
};

/* One program started round after round. */
typedef struct prog {
	const char *name;         /* as printed */
	char *argv[8];            /* its command line */
	const char *marks[6];     /* what its complete screen must show (NULL ends) */
	char *idle;               /* its complete screen, from the untimed start */
	double first[MAX_ROUNDS]; /* fork -> first byte on the pty (ms) */
	double done[MAX_ROUNDS];  /* fork -> the complete screen on the terminal (ms) */
	double cpu[MAX_ROUNDS];   /* its CPU time until quiet (ms) */
	const char *key;          /* a key typed at its complete screen, or NULL */
	char *typed;              /* its screen once that key is handled */
	double echo[MAX_ROUNDS];  /* fork -> the key typed at the complete screen shown (ms) */
	int n;                    /* rounds measured */
	double ir;                /* instructions of one start under callgrind; < 0 unknown */
	const char *tag;          /* its callgrind file's suffix */
} prog;

/* The descriptor the next open() gets: forkpty's master takes it (checked). */
static int next_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	return fd;
}

static bool is_pty_master(int fd)
{
	char link[64], target[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof target - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	return strcmp(target, "/dev/ptmx") == 0 || strcmp(target, "/dev/pts/ptmx") == 0;
}

/* Wait up to ms for something to read on fd, reading nothing; 1 readable,
 * 0 timeout, -1 hung up or failed. */
static int readable(int fd, double ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int r;
	do
		r = poll(&p, 1, ms > 0 ? (int)(ms + 0.999) : 0);
	while (r < 0 && errno == EINTR);
	if (r > 0 && !(p.revents & POLLIN))
		return -1;
	return r > 0 ? 1 : r < 0 ? -1 : 0;
}

static bool screen_is(vt *v, const char *want)
{
	char *s = vt_text(v);
	bool same = s && strcmp(s, want) == 0;
	free(s);
	return same;
}

/* Read what the program writes until it has been quiet for ms. */
static void settle(vt *v, int fd, int ms)
{
	double end = now_ms() + START_TIMEOUT_MS;
	while (readable(fd, ms) > 0 && now_ms() < end)
		vt_pump(v, 0);
}

/* The untimed start: the program's complete screen, checked for its marks. */
static bool calibrate(prog *p)
{
	int fd = next_fd();
	vt *v = vt_spawn(p->argv, env, ROWS, COLS);
	if (!v || !is_pty_master(fd)) {
		fprintf(stderr, "%s: not started under a pty\n", p->name);
		vt_close(v);
		return false;
	}
	if (readable(fd, START_TIMEOUT_MS) != 1) {
		fprintf(stderr, "%s: wrote nothing in %d ms\n", p->name, START_TIMEOUT_MS);
		vt_close(v);
		return false;
	}
	settle(v, fd, 500);
	p->idle = vt_text(v);
	bool ok = p->idle != NULL;
	for (int i = 0; ok && p->marks[i]; i++) {
		if (!strstr(p->idle, p->marks[i])) {
			fprintf(stderr, "%s: its screen lacks \"%s\"\n", p->name, p->marks[i]);
			ok = false;
		}
	}
	if (ok && p->key) {
		vt_send_now(v, p->key);
		settle(v, fd, 500);
		p->typed = vt_text(v);
		if (!p->typed || strcmp(p->typed, p->idle) == 0) {
			fprintf(stderr, "%s: the key typed at its screen changed nothing\n",
			        p->name);
			ok = false;
		}
	}
	if (!ok || getenv("YZ_BENCH_VERBOSE"))
		vt_dump(v);
	vt_close(v);
	return ok;
}

/* Read until the terminal shows want: the time since t0, or -1 (the screen
 * dumped) when it does not come by end. */
static double wait_screen(prog *p, vt *v, int fd, const char *want, double t0, double end)
{
	for (;;) {
		vt_pump(v, 0);
		if (screen_is(v, want))
			return now_ms() - t0;
		if (now_ms() >= end || readable(fd, end - now_ms()) < 0)
			break;
	}
	fprintf(stderr, "%s: the screen awaited did not come in %d ms; it shows:\n", p->name,
	        START_TIMEOUT_MS);
	vt_dump(v);
	return -1;
}

/* One timed start: first byte, complete screen, the key typed at once (if
 * any) shown, CPU; false (said) when a screen does not come. */
static bool start_once(prog *p)
{
	int fd = next_fd();
	double t0 = now_ms();
	vt *v = vt_spawn(p->argv, env, ROWS, COLS);
	if (!v || !is_pty_master(fd)) {
		fprintf(stderr, "%s: not started under a pty\n", p->name);
		vt_close(v);
		return false;
	}
	double end = t0 + START_TIMEOUT_MS;
	if (readable(fd, end - now_ms()) != 1) {
		fprintf(stderr, "%s: wrote nothing in %d ms\n", p->name, START_TIMEOUT_MS);
		vt_close(v);
		return false;
	}
	double first = now_ms() - t0;
	double done = wait_screen(p, v, fd, p->idle, t0, end), echo = -1;
	/* A clerk types at once: the key is taken when the program is ready for
	 * it, after whatever it does once the screen is there. */
	if (done >= 0 && p->key) {
		vt_send_now(v, p->key);
		echo = wait_screen(p, v, fd, p->typed, t0, end);
	}
	if (done < 0 || (p->key && echo < 0)) {
		vt_close(v);
		return false;
	}
	settle(v, fd, QUIET_MS);
	p->first[p->n] = first;
	p->done[p->n] = done;
	p->echo[p->n] = echo;
	vt_kill(v, SIGKILL);
	p->cpu[p->n] = vt_cpu_ms(v);
	p->n++;
	vt_close(v);
	return true;
}

/* The total of a callgrind output file ("totals:" or "summary:"); -1 if none. */
static double callgrind_total(const char *path)
{
	char line[256];
	double total = -1;
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "totals:", 7) || !strncmp(line, "summary:", 8))
			total = atof(strchr(line, ':') + 1);
	if (f)
		fclose(f);
	return total;
}

/* The processor time so far (ms) of the program's live threads, from the
 * scheduler's nanoseconds (/proc/PID/task/TID/schedstat); -1 when unread. */
static double live_cpu_ms(pid_t pid)
{
	char path[96];
	unsigned long long total = 0, ns;
	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/%d/task/%s/schedstat", (int)pid, e->d_name);
		FILE *f = fopen(path, "r");
		if (f && fscanf(f, "%llu", &ns) == 1)
			total += ns;
		if (f)
			fclose(f);
	}
	closedir(d);
	return (double)total / 1e6;
}

/* Wait until the program has used no processor for quiet_ms: it is idle,
 * waiting for a key (work done after the first paint included); false after
 * timeout_ms. */
static bool idle_cpu(vt *v, int quiet_ms, int timeout_ms)
{
	double end = now_ms() + timeout_ms, last = -1;
	while (now_ms() < end) {
		vt_pump(v, quiet_ms);
		double c = live_cpu_ms(vt_pid(v));
		/* less: a thread has ended (its work is done) */
		if (c >= 0 && last >= 0 && c - last < 0.5)
			return true;
		last = c;
	}
	return false;
}

/* One start under callgrind, to the complete screen and on until the program
 * is idle (what it does after its first paint counts: the old PC pays for it
 * before the first key), then SIGTERM: the program exits and callgrind
 * writes its file to dir. Counted so, the figure does not depend on when the
 * benchmark looks. False (said) when the program does not come to its screen
 * or callgrind writes no total. */
static bool start_ir(prog *p, const char *dir)
{
	char out[PATH_MAX + 64], opt[PATH_MAX + 96];
	snprintf(out, sizeof out, "%s/callgrind.%s", dir, p->tag);
	snprintf(opt, sizeof opt, "--callgrind-out-file=%s", out);
	char *argv[16] = {VALGRIND, "--tool=callgrind", "--quiet", opt};
	for (int i = 0; p->argv[i] && i < 11; i++)
		argv[4 + i] = p->argv[i];
	vt *v = vt_spawn(argv, env, ROWS, COLS);
	if (!v)
		return false;
	double end = now_ms() + 120000; /* valgrind is 20-50 times slower */
	bool shown = false;
	while (!(shown = screen_is(v, p->idle)) && now_ms() < end)
		vt_pump(v, 50);
	if (!shown || !idle_cpu(v, 1000, 120000)) {
		fprintf(stderr,
		        "%s under callgrind: no complete screen, or never idle, in 120 s; it "
		        "shows:\n",
		        p->name);
		vt_dump(v);
		shown = false;
	}
	vt_kill(v, SIGTERM);
	vt_close(v);
	p->ir = shown ? callgrind_total(out) : -1;
	if (shown && p->ir < 0)
		fprintf(stderr, "%s: callgrind wrote no total to %s\n", p->name, out);
	return p->ir >= 0;
}

/* yizhan's own costliest functions, inclusive, from its callgrind file: where
 * its start goes (SQLite's and libc's frames are inside them). */
static void top_functions(const char *dir)
{
	char cmd[PATH_MAX + 160], line[512];
	snprintf(cmd, sizeof cmd,
	         "callgrind_annotate --inclusive=yes '%s/callgrind.yizhan' 2>/dev/null", dir);
	FILE *f = popen(cmd, "r");
	for (int shown = 0; f && shown < 15 && fgets(line, sizeof line, f);) {
		/* "  9,317,651 (16.16%)  /…/src/app/app.c:app_load_forms [/…/yizhan]" */
		char *count = line + strspn(line, " ");
		char *src = strstr(count, "/src/"), *lib = strstr(count, " [");
		if (!src || !lib || src > lib || *count < '0' || *count > '9')
			continue;
		*lib = '\0';
		count[strcspn(count, " ")] = '\0';
		printf("    %14s  %s\n", count, src + 1);
		shown++;
	}
	if (f)
		pclose(f);
}

static void loadavg(char *out, size_t n)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double a = 0, b = 0, c = 0;
	if (!f || fscanf(f, "%lf %lf %lf", &a, &b, &c) != 3)
		snprintf(out, n, "unknown");
	else
		snprintf(out, n, "%.2f %.2f %.2f", a, b, c);
	if (f)
		fclose(f);
}

/* p50, p90, p99 and max of n values (sorted in place). */
typedef struct dist {
	double p50, p90, p99, max;
} dist;

static dist dist_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return (dist){pct_sorted(v, (size_t)n, 0.50), pct_sorted(v, (size_t)n, 0.90),
	              pct_sorted(v, (size_t)n, 0.99), v[n - 1]};
}

static void print_dist(const char *what, const char *name, dist d)
{
	printf("  %-9s %-32s p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f ms\n", what, name, d.p50,
	       d.p90, d.p99, d.max);
}

/* A README row: yizhan's p50 · p90 · p99 against a reference's. */
static void row(const char *what, dist y, dist r, const char *ref)
{
	printf("| %s | %.1f · %.1f · %.1f ms | %.1f · %.1f · %.1f ms (%s) | %.2f× · %.2f× · "
	       "%.2f× |\n",
	       what, y.p50, y.p90, y.p99, r.p50, r.p90, r.p99, ref, y.p50 / r.p50, y.p90 / r.p90,
	       y.p99 / r.p99);
}

/* The station's residents, counted once before the rounds (SQLite counts them
 * on its smallest index; the start-up itself reads none). */
static long long residents_of(const char *db_path)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long n = -1;
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM residents", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return n;
}

/* The station to start on (bench_station): YZ_BENCH_HOME, which must hold
 * one (it is only opened), else a new demo station in TMPDIR (made is set:
 * remove it after). */
static int station(const char *yizhan, char *home, bool *made)
{
	const char *given = getenv("YZ_BENCH_HOME");
	char db[PATH_MAX + 16];
	struct stat sb;
	*made = !given;
	snprintf(db, sizeof db, "%s/station.db", given ? given : "");
	if (given && stat(db, &sb) != 0) {
		fprintf(stderr, "YZ_BENCH_HOME=%s holds no station\n", given);
		return -1;
	}
	return bench_station(yizhan, "yzstart20", home);
}

/* The station's name from its yizhan.conf ("station_name = …"): the login
 * screen shows it; "" when the file has none. */
static void station_name(const char *home, char *out, size_t n)
{
	char path[PATH_MAX + 16], line[512];
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	FILE *f = fopen(path, "r");
	out[0] = '\0';
	while (f && fgets(line, sizeof line, f)) {
		char *v = line + strspn(line, " \t");
		if (strncmp(v, "station_name", 12) != 0)
			continue;
		v += 12 + strspn(v + 12, " \t");
		if (*v != '=')
			continue;
		v += 1 + strspn(v + 1, " \t");
		v[strcspn(v, "\r\n")] = '\0';
		snprintf(out, n, "%s", v);
	}
	if (f)
		fclose(f);
}

static void report(prog *ps, long long residents, const char *load0)
{
	char load1[64], what[160];
	const char *confined = getenv("YZ_BENCH_CGROUP");
	loadavg(load1, sizeof load1);
	dist first[NPROG], done[NPROG], cpu[NPROG], echo = {0};
	for (int i = 0; i < NPROG; i++) {
		first[i] = dist_of(ps[i].first, ps[i].n);
		done[i] = dist_of(ps[i].done, ps[i].n);
		cpu[i] = dist_of(ps[i].cpu, ps[i].n);
	}
	echo = dist_of(ps[0].echo, ps[0].n);
	char how[128] = "";
	if (confined && *confined)
		snprintf(how, sizeof how, ", confined to %s of %s us of CPU %s",
		         getenv("YZ_CONFINE_QUOTA") ? getenv("YZ_CONFINE_QUOTA") : "?",
		         getenv("YZ_CONFINE_PERIOD") ? getenv("YZ_CONFINE_PERIOD") : "?",
		         getenv("YZ_BENCH_CPU") ? getenv("YZ_BENCH_CPU") : "0");
	printf("first screen, %lld residents, %d rounds (yizhan, dialog, whiptail interleaved), "
	       "pty %dx%d, LANG=zh_CN.UTF-8%s; load average %s before, %s after\n",
	       residents, ps[0].n, COLS, ROWS, how, load0, load1);
	for (int i = 0; i < NPROG; i++) {
		print_dist("screen", ps[i].name, done[i]);
		print_dist("1st byte", ps[i].name, first[i]);
		print_dist("CPU", ps[i].name, cpu[i]);
		if (ps[i].key)
			print_dist("1st key", ps[i].name, echo);
	}
	const char *old = how[0] ? ", 25% of one core" : "";
	snprintf(what, sizeof what,
	         "first screen: login, %lld residents, fork to complete screen, p50 · p90 · p99%s; "
	         "load %s",
	         residents, old, load1);
	row(what, done[0], done[1], "dialog --msgbox");
	row(what, done[0], done[2], "whiptail --msgbox");
	snprintf(what, sizeof what,
	         "first key: a letter typed into the user name the moment the login screen is "
	         "complete, fork to its echo (reference: the box complete)%s",
	         old);
	row(what, echo, done[1], "dialog --msgbox");
	snprintf(what, sizeof what, "first screen: fork to first byte%s", old);
	row(what, first[0], first[1], "dialog --msgbox");
	snprintf(what, sizeof what, "first screen: CPU of the start until idle (user + system)%s",
	         old);
	row(what, cpu[0], cpu[1], "dialog --msgbox");
	if (ps[0].ir > 0 && ps[1].ir > 0) {
		printf(
		    "instructions of one start (callgrind, user space, until idle at the complete "
		    "screen, and the exit): yizhan %.1f M, dialog %.1f M, whiptail %.1f M\n",
		    ps[0].ir / 1e6, ps[1].ir / 1e6, ps[2].ir / 1e6);
		printf("| first screen: instructions of the start until idle (callgrind) "
		       "| %.1f M Ir | %.1f M Ir (dialog --msgbox) | %.1f× |\n",
		       ps[0].ir / 1e6, ps[1].ir / 1e6, ps[0].ir / ps[1].ir);
	}
	if (how[0])
		printf(
		    "goal 4 (<= 100 ms on 25%% of one core): yizhan's complete screen p50 %.1f ms "
		    "(%s), p99 %.1f ms (%s); its first key p50 %.1f ms, p99 %.1f ms\n",
		    done[0].p50, done[0].p50 <= 100 ? "met" : "NOT met", done[0].p99,
		    done[0].p99 <= 100 ? "met" : "NOT met", echo.p50, echo.p99);
	else
		printf(
		    "goal 1 (<= 1.0x dialog --msgbox): p50 %.2fx (%s), p99 %.2fx (%s); the first "
		    "key p50 %.2fx\n",
		    done[0].p50 / done[1].p50, done[0].p50 <= done[1].p50 ? "met" : "NOT met",
		    done[0].p99 / done[1].p99, done[0].p99 <= done[1].p99 ? "met" : "NOT met",
		    echo.p50 / done[1].p50);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s /path/to/yizhan\n", argv[0]);
		return 2;
	}
	char home[PATH_MAX], db[PATH_MAX + 16], load0[64];
	bool made;
	if (station(argv[1], home, &made) != 0)
		return 1;
	snprintf(db, sizeof db, "%s/station.db", home);
	long long residents = residents_of(db);
	int rounds = (int)env_long("YZ_BENCH_ROUNDS", 50);
	if (rounds > MAX_ROUNDS)
		rounds = MAX_ROUNDS;

	static prog ps[NPROG] = {
	    {.name = "yizhan (login screen)",
	     .tag = "yizhan",
	     .key = "z",
	     .marks = {"\u4e00\u7ad9", "\u8bf7\u767b\u5f55", "\u5bc6\u7801", "F1", NULL}},
	    {.name = "dialog --msgbox",
	     .tag = "dialog",
	     .argv = {"/usr/bin/dialog", "--msgbox", BOX_TEXT, "7", "40", NULL},
	     .marks = {BOX_TEXT, "< \u786e\u8ba4 >", NULL}}, /* OK */
	    {.name = "whiptail --msgbox",
	     .tag = "whiptail",
	     .argv = {"/usr/bin/whiptail", "--msgbox", BOX_TEXT, "7", "40", NULL},
	     .marks = {BOX_TEXT, "<\u786e\u5b9a>", NULL}}, /* OK */
	};
	ps[0].argv[0] = argv[1];
	ps[0].argv[1] = "--home";
	ps[0].argv[2] = home;
	ps[0].argv[3] = NULL;
	static char name[256];
	station_name(home, name, sizeof name);
	if (name[0])
		ps[0].marks[4] = name;

	int rc = 0;
	for (int i = 0; i < NPROG && rc == 0; i++)
		if (!calibrate(&ps[i]))
			rc = 1;
	loadavg(load0, sizeof load0);
	for (int r = 0; r < rounds && rc == 0; r++)
		for (int i = 0; i < NPROG && rc == 0; i++)
			if (!start_once(&ps[i]))
				rc = 1;
	/* Instructions: once each, after the timed rounds (valgrind's own start
	 * would load the machine under them). */
	bool confined = getenv("YZ_BENCH_CGROUP") && *getenv("YZ_BENCH_CGROUP");
	char cgdir[PATH_MAX];
	snprintf(cgdir, sizeof cgdir, "%s/yzstart20-cg.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (rc == 0 && !confined) {
		if (access(VALGRIND, X_OK) != 0) {
			fprintf(stderr, "%s is missing (./run installs valgrind)\n", VALGRIND);
			rc = 1;
		} else if (!mkdtemp(cgdir)) {
			perror(cgdir);
			rc = 1;
		}
		for (int i = 0; i < NPROG && rc == 0; i++)
			if (!start_ir(&ps[i], cgdir))
				rc = 1;
	}
	if (rc == 0) {
		report(ps, residents, load0);
		if (!confined) {
			printf("  yizhan's own costliest functions at start, inclusive Ir "
			       "(callgrind_annotate):\n");
			top_functions(cgdir);
		}
	}
	if (!confined && strstr(cgdir, "XXXXXX") == NULL) {
		char cmd[PATH_MAX + 16];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", cgdir);
		if (system(cmd) != 0)
			rc = 1;
	}
	for (int i = 0; i < NPROG; i++) {
		free(ps[i].idle);
		free(ps[i].typed);
	}
	if (made) {
		char cmd[PATH_MAX + 16];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
		if (system(cmd) != 0)
			rc = 1;
	}
	return rc;
}
