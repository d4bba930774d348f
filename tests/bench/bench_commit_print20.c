/* Commit to the first printed byte (issue 20; goal <= 150 ms): the real binary
 * under a pty, a clerk serving a known demo resident's 居住证明 (F2, the
 * item, the ID number's last four to six characters, the usual purpose, F12): the
 * time from the submit key (F9) to the first byte of the acceptance receipt
 * at the printer — the private cupsd's capture backend writing the job
 * (tests/lib/with-cupsd), seen through inotify on its folder. The commit
 * (synchronous=FULL) is inside the span: the case, its print jobs and the
 * registry's write-back in one transaction, then the receipt built, rendered
 * and sent by the print child (src/print/loader.c's isolated mode).
 *
 * Where the time goes, from tests/bench/fsync_time.c preloaded into the UI
 * (and so into its print children): the commit is F9 to the end of the UI's
 * last fsync before it forks its first print child; fsync is the time the
 * UI spends in fsync/fdatasync/sync_file_range before that fork (what the
 * span waits for; also shown: any process's up to the first byte, the UI's
 * job rows written while CUPS works included); the print children's part
 * runs from that fork to the connect() to the print server (their dlopen()s
 * of the render modules shown apart), CUPS's from there to the first byte.
 * YZ_BENCH_EVENTS=1 prints every round's events on stderr.
 *
 * Reference in the same run, round by round: `lp -d receipt -o raw` of the
 * same receipt's bytes (the first one captured) to the same queue, from the
 * fork of lp to its first byte at the backend — CUPS's own floor. Both run
 * through vt_spawn, so with YZ_BENCH_CGROUP set (tests/bench/confine) the UI,
 * its print children and lp run confined (the benchmark and cupsd do not).
 *
 * Environment: YZ_BENCH_HOME a station to use (else a demo station of the
 * default size is made in TMPDIR and removed; YZ_BENCH_RESIDENTS passes
 * --residents to it), YZ_BENCH_ROUNDS (default 60) measured rounds after
 * two warm-up ones, YZ_CAPTURE_DIR and CUPS_SERVER from with-cupsd.
 *
 * usage: with-cupsd bench_commit_print20 /path/to/yizhan /path/to/libfsync_time.so */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../screen/vt.h"
#include "bench_util.h"
#include "yizhan/store.h"

#define VT_F12_KEY "\033[24~"

enum { ROWS = 24, COLS = 80, WHO = 8, MAX_ROUNDS = 1000 };

/* One measured round of yizhan: the span and its parts (ms). */
typedef struct round {
	double total;      /* F9 -> first byte at the printer */
	double commit;     /* F9 -> the UI's last fsync before its first print child */
	double fsync;      /* time in fsync & co. from F9 to the first byte, any process */
	double fsync_path; /* of it the UI's before its first print child: waited for */
	double after;      /* commit -> first fork (the receipt built, the screen drawn) */
	double child;      /* first fork -> connect() to cupsd (render, module load) */
	double dlopen;     /* of it: the children's dlopen() calls */
	double cups;       /* connect() -> first byte (submission, scheduling, backend) */
	int forks;         /* print children started before the first byte */
} round;

static const char *yizhan, *shim, *capture;
static char home[PATH_MAX], logpath[PATH_MAX], receipt_file[PATH_MAX];
static bool made_home;
static int ino = -1;
static long log_at; /* bytes of the shim's log already read */

static void loadavg(char *out, size_t n)
{
	FILE *f = fopen("/proc/loadavg", "r");
	float a = 0, b = 0, c = 0;
	if (!f || fscanf(f, "%f %f %f", &a, &b, &c) != 3)
		a = b = c = -1;
	if (f)
		fclose(f);
	snprintf(out, n, "%.2f %.2f %.2f", a, b, c);
}

static int run_cmd(char *const argv[])
{
	pid_t pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The station: YZ_BENCH_HOME, else a fresh demo station. */
static int station(void)
{
	const char *h = getenv("YZ_BENCH_HOME");
	if (h && *h) {
		snprintf(home, sizeof home, "%s", h);
		return 0;
	}
	snprintf(home, sizeof home, "%s/yzcommitprint.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(home))
		return -1;
	made_home = true;
	char *argv[8] = {(char *)yizhan, "init", "--demo", "--home", home, NULL};
	const char *n = getenv("YZ_BENCH_RESIDENTS");
	if (n && *n) {
		argv[5] = "--residents";
		argv[6] = (char *)n;
		argv[7] = NULL;
	}
	double t = now_ms();
	if (run_cmd(argv) != 0) {
		fprintf(stderr, "bench_commit_print20: yizhan init --demo failed\n");
		return -1;
	}
	printf("demo station (%s residents) built in %.1f s\n", n && *n ? n : "default",
	       (now_ms() - t) / 1e3);
	return 0;
}

/* A resident to serve and how the clerk names them. */
typedef struct served {
	yz_resident r; /* from the registry */
	int from;      /* the ID number's characters from here on name them */
} served;

/* Whether the ID number's characters from `from` on name r alone. */
static bool names_alone(yz_store *st, const yz_resident *r, int from)
{
	yz_search_hit hit[2];
	size_t k = 0;
	bool more = true;
	const char *q = r->idno + from;
	return yz_registry_search(st, q, hit, 2, &k, NULL) == 0 && k == 1 && hit[0].r.id == r->id &&
	       yz_resident_idno_more(st, q, &more, NULL) == 0 && !more;
}

/* Residents with a residence start and an address on record whose last four
 * to six ID characters name them for sure (the counter's rule, as bench_keys;
 * a big registry needs more than four). */
static int pick(served *out, size_t want)
{
	char db[PATH_MAX + 16];
	yz_store *st;
	yz_err err = {{0}};
	size_t got = 0;

	snprintf(db, sizeof db, "%s/station.db", home);
	if (yz_store_open(db, &st, &err) != 0) {
		fprintf(stderr, "bench_commit_print20: %s: %s\n", db, err.msg);
		return -1;
	}
	for (long id = 1, n = yz_resident_count(st); id <= n && got < want; id++) {
		served *w = &out[got];
		if (yz_resident_get(st, id, &w->r, NULL) != 0 || !w->r.since[0] || !w->r.address[0])
			continue;
		for (w->from = 14; w->from >= 12 && !names_alone(st, &w->r, w->from); w->from--)
			;
		if (w->from >= 12)
			got++;
	}
	yz_store_close(st);
	return got == want ? 0 : -1;
}

/* ---- the printer's side: inotify on the capture folder ---------------------- */

/* The folder's events, read ahead of the one handed out. */
static char evbuf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
static size_t ev_len, ev_at;

/* The next event, or NULL when none comes within ms. */
static const struct inotify_event *next_event(int ms)
{
	if (ev_at >= ev_len) {
		struct pollfd p = {.fd = ino, .events = POLLIN};
		ev_len = ev_at = 0;
		if (poll(&p, 1, ms) <= 0)
			return NULL;
		ssize_t n = read(ino, evbuf, sizeof evbuf);
		if (n <= 0)
			return NULL;
		ev_len = (size_t)n;
	}
	const struct inotify_event *ev = (const struct inotify_event *)(evbuf + ev_at);
	ev_at += sizeof *ev + ev->len;
	return ev;
}

static void drain_events(void)
{
	while (next_event(0))
		;
}

/* Waits (pumping v's output, when v, so the program never blocks on its
 * terminal) for a capture file of the queue prefix ("receipt-") to get its
 * first bytes (whole: to be complete, renamed from .part): ms since `since`
 * at that moment, or -1 after timeout_ms. The name into name when not NULL. */
static double wait_capture(vt *v, const char *prefix, bool whole, double since, int timeout_ms,
                           char *name, size_t n)
{
	size_t plen = strlen(prefix);
	while (now_ms() - since < timeout_ms) {
		if (v)
			vt_pump(v, 0);
		const struct inotify_event *ev = next_event(2);
		if (!ev || !ev->len || strncmp(ev->name, prefix, plen) != 0)
			continue;
		double at = now_ms();
		bool part = strstr(ev->name, ".part") != NULL;
		if (whole ? !(ev->mask & IN_MOVED_TO) || part : !(ev->mask & IN_MODIFY))
			continue;
		char path[PATH_MAX + 256];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", capture, ev->name);
		/* a write of no bytes is not a first byte (the .part may be
		 * renamed already: then its bytes were there) */
		if (!whole && stat(path, &sb) == 0 && sb.st_size == 0)
			continue;
		if (name)
			snprintf(name, n, "%s", ev->name);
		return at - since;
	}
	return -1;
}

/* ---- the shim's log ------------------------------------------------------------ */

typedef struct event {
	long pid;
	char what[24];
	double start, dur;
	char path[256];
} event;

/* The log's lines written since the last call, at most max. */
static size_t read_log(event *ev, size_t max)
{
	FILE *f = fopen(logpath, "r");
	size_t n = 0;
	char line[768];
	if (!f)
		return 0;
	fseek(f, log_at, SEEK_SET);
	while (n < max && fgets(line, sizeof line, f)) {
		event *e = &ev[n];
		if (sscanf(line, "%ld %23s %lf %lf %255s", &e->pid, e->what, &e->start, &e->dur,
		           e->path) == 5)
			n++;
	}
	log_at = ftell(f);
	fclose(f);
	return n;
}

/* Nothing before F9 counts. */
static void log_skip(void)
{
	struct stat sb;
	log_at = stat(logpath, &sb) == 0 ? (long)sb.st_size : 0;
}

static bool is_sync(const event *e)
{
	return !strcmp(e->what, "fsync") || !strcmp(e->what, "fdatasync") ||
	       !strcmp(e->what, "sync_file_range");
}

/* The parts of a round from the events between F9 (t0) and the first byte (t1). */
static void split(round *r, long ui, double t0, double t1)
{
	static event ev[4096];
	size_t n = read_log(ev, sizeof ev / sizeof *ev);
	double fork_at = -1, connect_at = -1, commit_end = t0;
	/* the receipt's first print child, and its send: the first connect()
	 * after it (the A4 certificate's children may start before the
	 * receipt's first byte, and are not counted) */
	for (size_t i = 0; i < n; i++) {
		const event *e = &ev[i];
		if (e->start < t0 || e->start > t1)
			continue;
		if (e->pid == ui && !strcmp(e->what, "fork") && fork_at < 0)
			fork_at = e->start;
		if (e->pid != ui && !strcmp(e->what, "connect") && fork_at >= 0 && connect_at < 0)
			connect_at = e->start;
	}
	double end = fork_at >= 0 ? fork_at : t1, sent = connect_at >= 0 ? connect_at : t1;
	for (size_t i = 0; i < n; i++) {
		const event *e = &ev[i];
		if (getenv("YZ_BENCH_EVENTS")) /* the round's events, from F9 on */
			fprintf(stderr, "%+9.2f %-8s %s %9.2f ms %s\n", e->start - t0,
			        e->pid == ui ? "ui" : "child", e->what, e->dur, e->path);
		if (e->start < t0 || e->start > t1)
			continue;
		if (is_sync(e))
			r->fsync += e->dur;
		if (is_sync(e) && e->pid == ui && e->start < end) {
			r->fsync_path += e->dur;
			if (e->start + e->dur > commit_end)
				commit_end = e->start + e->dur;
		}
		if (e->pid == ui && !strcmp(e->what, "fork") && e->start <= sent)
			r->forks++;
		if (e->pid != ui && !strcmp(e->what, "dlopen") && e->start <= sent)
			r->dlopen += e->dur;
	}
	r->commit = commit_end - t0;
	r->after = fork_at >= 0 ? fork_at - commit_end : 0;
	r->child = fork_at >= 0 && connect_at >= fork_at ? connect_at - fork_at : 0;
	r->cups = connect_at >= 0 ? t1 - connect_at : 0;
}

/* ---- the clerk's side ---------------------------------------------------------- */

static bool seen(vt *v, const char *text)
{
	if (vt_wait_for(v, text, 20000))
		return true;
	fprintf(stderr, "bench_commit_print20: expected on screen: %s\n", text);
	vt_dump(v);
	return false;
}

static bool wait_home(vt *v)
{
	return seen(v, "\u4eca\u65e5\u53d7\u7406"); /* accepted today */
}

/* From home, a 居住证明 of who ready to submit (as tests/screen/flow_residence.c). */
static bool fill(vt *v, const served *who)
{
	vt_send(v, VT_F2);
	if (!seen(v, "\u9009\u62e9\u4e8b\u9879")) /* choose an item */
		return false;
	char d = '\0', want[64];
	for (char c = '1'; c <= '9' && !d; c++) {
		snprintf(want, sizeof want, "%c  \u5c45\u4f4f\u8bc1\u660e", c);
		if (vt_row_of(v, want) >= 0)
			d = c;
	}
	if (d) {
		char k[2] = {d, '\0'};
		vt_send(v, k);
	} else {
		vt_send(v, "jzzm");
		if (!seen(v, "\u5c45\u4f4f\u8bc1\u660e"))
			return false;
		vt_send(v, VT_ENTER);
	}
	if (!seen(v, "\u7533\u8bf7\u4eba")) /* applicant */
		return false;
	vt_send(v, who->r.idno + who->from);
	if (!seen(v, "\u7533\u8bf7\u4eba\uff1a") || !seen(v, "\u8bc1\u660e\u7528\u9014"))
		return false;
	int row = vt_row_of(v, "\u8bc1\u660e\u7528\u9014"); /* purpose */
	char *text = row >= 0 ? vt_row(v, row) : NULL;
	bool chosen = text && (strstr(text, "\u5b50\u5973\u5165\u5b66") || /* school */
	                       strstr(text, "\u5c31\u4e1a"));              /* work */
	free(text);
	if (!chosen)
		vt_send(v, "1");
	vt_send(v, VT_F12_KEY);
	if (!seen(v, "\u5168\u90e8\u6750\u6599\u5df2\u52fe\u9009")) /* every material ticked */
		return false;
	vt_pump(v, 150); /* the draft saved: the submit alone is timed */
	return true;
}

/* One intake: F9 timed to the receipt's first byte, then both papers waited
 * for and the clerk back home. False when a step did not happen. */
static bool serve(vt *v, const served *who, round *r)
{
	char name[256];
	if (!fill(v, who))
		return false;
	log_skip();
	drain_events();
	double t0 = now_ms();
	vt_send_now(v, VT_F9);
	double first = wait_capture(v, "receipt-", false, t0, 20000, NULL, 0);
	if (first < 0) {
		fprintf(stderr, "bench_commit_print20: no receipt at the printer in 20 s\n");
		vt_dump(v);
		return false;
	}
	memset(r, 0, sizeof *r);
	r->total = first;
	/* the receipt whole (kept for lp), then the A4 certificate whole */
	if (wait_capture(v, "receipt-", true, now_ms(), 20000, name, sizeof name) < 0 ||
	    wait_capture(v, "a4-", true, now_ms(), 30000, NULL, 0) < 0) {
		fprintf(stderr, "bench_commit_print20: the papers did not complete\n");
		return false;
	}
	split(r, (long)vt_pid(v), t0, t0 + first);
	if (!receipt_file[0])
		snprintf(receipt_file, sizeof receipt_file, "%s/%s", capture, name);
	if (!seen(v, "\u5df2\u9001\u6253\u5370\u673a a4")) /* sent to printer a4 */
		return false;
	vt_send(v, VT_ENTER);
	return wait_home(v);
}

/* The reference: lp of the receipt's bytes to the same queue, from its fork
 * to the first byte at the printer; -1 when it did not print. */
static double lp_once(void)
{
	static const char *const env[] = {"LANG=zh_CN.UTF-8",    "LANGUAGE",   "LC_ALL",
	                                  "TERM=xterm-256color", "LD_PRELOAD", NULL};
	char *argv[] = {"/usr/bin/lp", "-d",    "receipt",    "-o", "raw",
	                "-t",          "bench", receipt_file, NULL};
	drain_events();
	double t0 = now_ms();
	vt *v = vt_spawn(argv, env, ROWS, COLS);
	if (!v)
		return -1;
	double first = wait_capture(v, "receipt-", false, t0, 20000, NULL, 0);
	bool whole = first >= 0 && wait_capture(v, "receipt-", true, now_ms(), 20000, NULL, 0) >= 0;
	int st = vt_wait_exit(v, 10000);
	vt_close(v);
	if (!whole || st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench_commit_print20: lp did not print (status %d)\n", st);
		return -1;
	}
	return first;
}

/* ---- figures ------------------------------------------------------------------- */

/* p50 and p99 of one part over the rounds. */
static void part(const round *r, size_t n, size_t off, double *p50, double *p99)
{
	double *v = malloc(n * sizeof *v);
	if (!v) {
		*p50 = *p99 = -1;
		return;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = *(const double *)((const char *)&r[i] + off);
	*p50 = pct(v, n, 0.5);
	*p99 = pct_sorted(v, n, 0.99);
	free(v);
}

/* Where the UI runs: its cpu cgroup (the proof that confine took). */
static void show_cgroup(pid_t pid)
{
	char path[64], line[512];
	snprintf(path, sizeof path, "/proc/%ld/cgroup", (long)pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (strstr(line, ":cpu,") || strstr(line, ":cpu:") || strncmp(line, "0::", 3) == 0)
			printf("the UI's cgroup: %s", line);
	if (f)
		fclose(f);
}

/* The sum of one part over the rounds. */
static double sum(const round *r, size_t n, size_t off)
{
	double t = 0;
	for (size_t i = 0; i < n; i++)
		t += *(const double *)((const char *)&r[i] + off);
	return t;
}

static void report(const round *r, size_t n, double *lp, size_t n_lp, const char *how)
{
	char load[64];
	double t50, t99, c50, c99, f50, f99, p50, p99, a50, a99, ch50, ch99, d50, d99, u50, u99;
	double tmax = 0;
	int forks = 0;
	loadavg(load, sizeof load);
	part(r, n, offsetof(round, total), &t50, &t99);
	part(r, n, offsetof(round, commit), &c50, &c99);
	part(r, n, offsetof(round, fsync), &f50, &f99);
	part(r, n, offsetof(round, fsync_path), &p50, &p99);
	part(r, n, offsetof(round, after), &a50, &a99);
	part(r, n, offsetof(round, child), &ch50, &ch99);
	part(r, n, offsetof(round, dlopen), &d50, &d99);
	part(r, n, offsetof(round, cups), &u50, &u99);
	double total = sum(r, n, offsetof(round, total));
	double share_commit = total > 0 ? 100 * sum(r, n, offsetof(round, commit)) / total : 0;
	double share_path = total > 0 ? 100 * sum(r, n, offsetof(round, fsync_path)) / total : 0;
	double share_fsync = total > 0 ? 100 * sum(r, n, offsetof(round, fsync)) / total : 0;
	for (size_t i = 0; i < n; i++) {
		tmax = r[i].total > tmax ? r[i].total : tmax;
		forks = r[i].forks > forks ? r[i].forks : forks;
	}
	double l50 = pct(lp, n_lp, 0.5), l99 = pct_sorted(lp, n_lp, 0.99);
	printf("\n%s: %zu intakes, load average %s\n", how, n, load);
	printf("  F9 -> first receipt byte: p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal <= 150 "
	       "ms)%s\n",
	       t50, t99, tmax, t99 <= 150 ? "" : "  ** MISSED **");
	printf("  the commit (F9 -> its last fsync): p50 %.1f, p99 %.1f ms; %.0f%% of the span\n",
	       c50, c99, share_commit);
	printf("  fsync waited for (the UI's, before its print child): p50 %.1f, p99 %.1f ms; "
	       "%.0f%% of the span\n",
	       p50, p99, share_path);
	printf("  fsync in the span, any process (the UI's job rows while CUPS works too): "
	       "p50 %.1f, p99 %.1f ms; %.0f%% of the span\n",
	       f50, f99, share_fsync);
	printf("  commit -> print child forked (receipt built, screen drawn): p50 %.1f, p99 "
	       "%.1f ms\n",
	       a50, a99);
	printf("  print children -> connect to cupsd: p50 %.1f, p99 %.1f ms (of it dlopen p50 "
	       "%.1f, p99 %.1f ms; up to %d children)\n",
	       ch50, ch99, d50, d99, forks);
	printf("  connect -> first byte (CUPS, backend): p50 %.1f, p99 %.1f ms\n", u50, u99);
	printf("  reference lp -o raw of the same bytes: p50 %.1f ms, p99 %.1f ms (%zu runs)\n",
	       l50, l99, n_lp);
	printf("| commit -> first receipt byte (居住证明, p50 / p99%s; load %s) | %.0f / %.0f ms "
	       "(commit %.0f / %.0f, fsync %.0f / %.0f) | lp: %.0f / %.0f ms | %.2f / %.2f |\n",
	       getenv("YZ_BENCH_CGROUP") ? ", confined" : "", load, t50, t99, c50, c99, p50, p99,
	       l50, l99, l50 > 0 ? t50 / l50 : 0, l99 > 0 ? t99 / l99 : 0);
}

static void cleanup(void)
{
	if (ino >= 0)
		close(ino);
	if (logpath[0])
		unlink(logpath);
	if (made_home && !getenv("YZ_KEEP_HOME")) {
		char *argv[] = {"/bin/rm", "-rf", home, NULL};
		run_cmd(argv);
	}
}

int main(int argc, char **argv)
{
	static round r[MAX_ROUNDS];
	static double lp[MAX_ROUNDS];
	served who[WHO];
	size_t n = 0, n_lp = 0;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s /path/to/yizhan /path/to/libfsync_time.so\n", argv[0]);
		return 2;
	}
	yizhan = argv[1];
	shim = argv[2];
	capture = getenv("YZ_CAPTURE_DIR");
	if (!capture || !getenv("CUPS_SERVER")) {
		fprintf(stderr, "bench_commit_print20: run it under tests/lib/with-cupsd\n");
		return 1;
	}
	long rounds = env_long("YZ_BENCH_ROUNDS", 60);
	rounds = rounds > MAX_ROUNDS ? MAX_ROUNDS : rounds;
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(logpath, sizeof logpath, "%s/yzfsync.%ld.log",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (ino < 0 || inotify_add_watch(ino, capture, IN_MODIFY | IN_MOVED_TO) < 0) {
		perror("inotify");
		return 1;
	}
	if (station() != 0 || pick(who, WHO) != 0) {
		fprintf(stderr, "bench_commit_print20: no station with %d residents to serve\n",
		        WHO);
		cleanup();
		return 1;
	}
	char preload[PATH_MAX + 16], logenv[PATH_MAX + 16];
	snprintf(preload, sizeof preload, "LD_PRELOAD=%s", shim);
	snprintf(logenv, sizeof logenv, "YZ_FSYNC_LOG=%s", logpath);
	/* the sanitizers' runtime would insist on coming first */
	const char *const env[] = {
	    "LANG=zh_CN.UTF-8",
	    "LANGUAGE",
	    "LC_ALL",
	    "LC_MESSAGES",
	    "LC_CTYPE",
	    "TERM=xterm-256color",
	    "YIZHAN_HOME",
	    preload,
	    logenv,
	    "ASAN_OPTIONS=verify_asan_link_order=0",
	    NULL,
	};
	char *args[] = {(char *)yizhan, "--home", home, NULL};
	vt *v = vt_spawn(args, env, ROWS, COLS);
	if (!v || !seen(v, "\u8bf7\u767b\u5f55")) { /* please log in */
		cleanup();
		return 1;
	}
	vt_send(v, "zhangli\rdemo1234\r");
	if (!wait_home(v))
		goto out;
	const char *how = getenv("YZ_BENCH_CGROUP") ? "confined (YZ_BENCH_CGROUP)" : "unconfined";
	show_cgroup(vt_pid(v));
	printf("commit -> first printed byte, %s, %ld rounds after 2 warm-up ones\n", how, rounds);
	for (long i = 0; i < rounds + 2; i++) {
		round one;
		if (!serve(v, &who[i % WHO], &one))
			goto out;
		if (i < 2) {
			printf("warm-up %ld: %.1f ms (commit %.1f, fsync %.1f)\n", i + 1, one.total,
			       one.commit, one.fsync_path);
			continue;
		}
		r[n++] = one;
		double l = lp_once();
		if (l < 0)
			goto out;
		lp[n_lp++] = l;
	}
	report(r, n, lp, n_lp, how);
	rc = 0;
out:
	vt_close(v);
	cleanup();
	return rc;
}
