/* Every key within 5 ms (issue 20): the real binary under a pty at 80x24 on a
 * station of 1,000,000 residents and 100,000 cases, each key timed from its
 * write to the last byte of its answer (vt_key_ms: the silence after the draw
 * is not counted). Per screen, at least 200 keys: the home screen's dashboard
 * (moving the selection), the case list of recent cases (Down/Up, PgDn/PgUp),
 * a real demo case in the case view (scrolling), the resident search (typing
 * the last digits of an ID number and the first characters of a name, each
 * key searching again), and the intake of a residence certificate (typing
 * letters and Chinese into a text field, moving between fields with Tab and
 * Shift-Tab), and the station head's statistics (F11: month by month). The reference in the same
 * run, the same kind of keys: typing into `dialog --inputbox`, scrolling `dialog --menu` of 1,000
 * items and `less` on a file of 100,000 lines. Prints p50, p99 and max of each, the program's CPU
 * time per key (/proc/PID/schedstat before and after each key: what a loaded machine hardly moves),
 * the load average with every figure, and README rows `| what | yizhan | reference (name) | ratio
 * |`.
 *
 * The station: YZ_BENCH_HOME (a copy of a demo station: the cases are added
 * to it once, by SQL, as bench_dashboard does; its drafts are removed) or,
 * unset, one built here (`init --demo --residents YZ_BENCH_RESIDENTS`, default
 * 1000000: minutes) and removed after. With YZ_BENCH_CGROUP set (run through
 * tests/bench/confine) the programs run confined, goal 20 ms instead of 5 ms.
 * YZ_BENCH_KEYS: keys per series (default 200); YZ_BENCH_QUIET_MS: the
 * silence that ends a draw (default 30); YZ_BENCH_ONLY: the phases to run
 * (home menu list view less search inputbox intake stats; default all).
 *
 * usage: bench_keys20 /path/to/yizhan */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../screen/vt.h"
#include "bench_util.h"

enum { ROWS = 24, COLS = 80, CASES = 100000, NAMES = 64 };

/* A key that wrote nothing for this long wrote nothing (a list at its end). */
enum { NOTHING_MS = 500 };

#define VT_F7 "\033[18~"

static const char *const env[] = {
    "LANG=zh_CN.UTF-8",    "LANGUAGE",    "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", NULL,
};

/* The CPU time the kernel has given process pid, in ms (/proc/PID/schedstat:
 * nanoseconds, unlike the 10 ms ticks of /proc/PID/stat); -1 when unknown.
 * What a key costs whatever else the machine is doing. */
static double cpu_ms(pid_t pid)
{
	char path[64];
	unsigned long long ns = 0;
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	FILE *f = fopen(path, "r");
	int ok = f && fscanf(f, "%llu", &ns) == 1;
	if (f)
		fclose(f);
	return ok ? (double)ns / 1e6 : -1;
}

static int quiet_ms;    /* silence that ends a draw */
static long per_series; /* keys timed per series */

/* One series of timed keys. */
typedef struct series {
	const char *what; /* e.g. "case list: Down/Up" */
	double *ms;       /* each key's time */
	double *cpu_key;  /* each key's CPU time in the program */
	size_t n;         /* keys timed */
	long silent;      /* keys meant to redraw that wrote nothing */
	double cpu;       /* the program's CPU time over the keys timed, ms */
	double load;      /* 1-minute load average when it ended */
} series;

static double loadavg(void)
{
	double l = -1;
	FILE *f = fopen("/proc/loadavg", "r");
	if (f && fscanf(f, "%lf", &l) != 1)
		l = -1;
	if (f)
		fclose(f);
	return l;
}

static series *series_new(const char *what)
{
	series *s = calloc(1, sizeof *s);
	if (!s || !(s->ms = calloc((size_t)per_series, sizeof *s->ms)) ||
	    !(s->cpu_key = calloc((size_t)per_series, sizeof *s->cpu_key))) {
		perror("calloc");
		exit(1);
	}
	s->what = what;
	return s;
}

static bool full(const series *s)
{
	return (long)s->n >= per_series;
}

/* Times one key into s; false when it wrote fewer than min bytes (nothing,
 * or for a scrolling key only a bell: the end of the list). */
static bool timed(vt *v, series *s, const char *key, size_t min)
{
	size_t bytes = 0;
	vt_pump(v, 0);
	double c0 = cpu_ms(vt_pid(v));
	double t = vt_key_ms(v, key, quiet_ms, NOTHING_MS, &bytes);
	double c1 = cpu_ms(vt_pid(v));
	s->load = loadavg();
	if (t < 0 || bytes < min)
		return false;
	if (!full(s)) {
		s->cpu_key[s->n] = c0 >= 0 && c1 >= c0 ? c1 - c0 : 0;
		s->cpu += s->cpu_key[s->n];
		s->ms[s->n++] = t;
	}
	return true;
}

/* Typed keys, each meant to redraw something (the field at least). */
static void type(vt *v, series *s, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n && !full(s); i++)
		if (!timed(v, s, keys[i], 1))
			s->silent++;
}

/* Scrolls with fwd until a key changes nothing (the end), then with back, and
 * so on until s is full. False when neither key moves anything. */
static bool scroll(vt *v, series *s, const char *fwd, const char *back)
{
	const char *k[2] = {fwd, back};
	int dir = 0, stuck = 0;
	while (!full(s)) {
		if (timed(v, s, k[dir], 2)) {
			stuck = 0;
			continue;
		}
		dir ^= 1;
		if (++stuck > 2) {
			fprintf(stderr, "%s: neither key scrolls\n", s->what);
			vt_dump(v);
			return false;
		}
	}
	return true;
}

/* UTF-8 characters of text, one key each (a Chinese character typed through
 * the terminal, as an input method outside the program sends it). */
static size_t split_chars(const char *text, char out[][8], size_t max)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p && n < max; n++) {
		size_t len = 1;
		while ((p[len] & 0xc0) == 0x80)
			len++;
		memcpy(out[n], p, len);
		out[n][len] = '\0';
		p += len;
	}
	return n;
}

/* Typing text then erasing it with Backspace, key by key, into s. */
static void type_erase(vt *v, series *s, const char *text)
{
	char ch[64][8];
	size_t n = split_chars(text, ch, 64);
	const char *keys[128];
	for (size_t i = 0; i < n; i++) {
		keys[i] = ch[i];
		keys[n + i] = VT_BS;
	}
	type(v, s, keys, 2 * n);
}

static void report(const series *y, const char *goal_what)
{
	double *c = malloc((y->n ? y->n : 1) * sizeof *c);
	if (!c || !y->n) {
		free(c); /* a phase not run (YZ_BENCH_ONLY) */
		return;
	}
	memcpy(c, y->ms, y->n * sizeof *c);
	qsort(c, y->n, sizeof *c, cmp_double);
	printf("%-34s %3zu keys  p50 %6.2f  p99 %6.2f  max %6.2f ms", y->what, y->n,
	       pct_sorted(c, y->n, 0.5), pct_sorted(c, y->n, 0.99), c[y->n - 1]);
	memcpy(c, y->cpu_key, y->n * sizeof *c);
	qsort(c, y->n, sizeof *c, cmp_double);
	printf("  CPU mean %5.2f  p99 %5.2f  max %5.2f ms  (load %.2f)%s%s\n",
	       y->cpu / (double)y->n, pct_sorted(c, y->n, 0.99), c[y->n - 1], y->load,
	       y->silent ? "  [keys without redraw: see below]" : "", goal_what);
	if (y->silent)
		printf("%-36s %ld keys wrote nothing\n", "", y->silent);
	free(c);
}

static double p99(const series *s)
{
	double *c = malloc((s->n ? s->n : 1) * sizeof *c);
	if (!c || !s->n) {
		free(c);
		return -1;
	}
	memcpy(c, s->ms, s->n * sizeof *c);
	double r = pct(c, s->n, 0.99);
	free(c);
	return r;
}

static double p50(const series *s)
{
	double *c = malloc((s->n ? s->n : 1) * sizeof *c);
	if (!c || !s->n) {
		free(c);
		return -1;
	}
	memcpy(c, s->ms, s->n * sizeof *c);
	double r = pct(c, s->n, 0.5);
	free(c);
	return r;
}

/* A README row: yizhan's and the reference's p50/p99 and CPU per key, and
 * the ratio of the p99s. */
static void row(const series *y, const series *ref, const char *ref_name)
{
	if (!y->n)
		return; /* a phase not run (YZ_BENCH_ONLY) */
	printf("| %s | %.2f / %.2f ms, CPU %.2f ms |", y->what, p50(y), p99(y),
	       y->n ? y->cpu / (double)y->n : 0);
	if (!ref || !ref->n) {
		printf(" — | — |\n");
		return;
	}
	printf(" %.2f / %.2f ms, CPU %.2f ms (%s) | %.2f× |\n", p50(ref), p99(ref),
	       ref->n ? ref->cpu / (double)ref->n : 0, ref_name,
	       p99(ref) > 0 ? p99(y) / p99(ref) : 0);
}

/* ---- the station ----------------------------------------------------------------- */

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The cases bench_dashboard adds (open, a fifth of them the demo clerk's,
 * accepted over the last 330 days, due 28 days later, a tenth waiting for the
 * resident), up to CASES of them, in one transaction; ANALYZE after. The
 * demo's drafts go, so that no intake starts with "continue?". */
static int add_cases(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	int have = 0;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM cases WHERE station = 'BENCH'", -1, &s,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		have = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (exec(db, "DELETE FROM drafts") != 0 || exec(db, "BEGIN") != 0)
		return -1;
	if (sqlite3_prepare_v2(
	        db,
	        "INSERT INTO cases(number, station, year, seq, form_id, item, line,"
	        " resident_name, status, clerk_login, owner, accepted_date, due_date,"
	        " eff_due, paused_since, state, promise_days, legal_days,"
	        " created_at, updated_at) VALUES(printf('BENCH-2026-%06d', ?1), 'BENCH', 2026, ?1,"
	        " 'resident_request', 'Item', 'L', 'Name', 'accepted', ?2, ?2, ?3, ?4,"
	        " CASE WHEN ?5 THEN '' ELSE ?4 END, CASE WHEN ?5 THEN ?3 ELSE '' END,"
	        " 'received', 20, 40, ?3 || 'T01:00:00Z', ?3 || 'T01:00:00Z')",
	        -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	time_t now = time(NULL);
	for (int i = have + 1; i <= CASES; i++) {
		char acc[16], due[16];
		time_t a = now - (time_t)(i % 330) * 86400, d = a + 28 * 86400;
		strftime(acc, sizeof acc, "%Y-%m-%d", localtime(&a));
		strftime(due, sizeof due, "%Y-%m-%d", localtime(&d));
		sqlite3_bind_int(s, 1, i);
		sqlite3_bind_text(s, 2, i % 5 == 0 ? "zhangli" : "wangfang", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, acc, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, due, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 5, (i / 10) % 10 == 3);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
			return -1;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	int rc = exec(db, "COMMIT") || (have < CASES && exec(db, "ANALYZE"));
	sqlite3_close(db);
	return rc ? -1 : 0;
}

/* What the keys type: real residents' ID numbers and names, and a real demo
 * case (one with a body) to open. */
typedef struct picks {
	char idno[NAMES][20];
	char name[NAMES][64];
	size_t n;
	char case_no[40];
	long residents, cases; /* on the station */
} picks;

static int pick(const char *path, picks *p)
{
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db,
	                       "SELECT (SELECT count(*) FROM residents),"
	                       " (SELECT count(*) FROM cases)",
	                       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW) {
		p->residents = sqlite3_column_int(s, 0);
		p->cases = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	/* Spread over the registry by rowid, without a full scan. */
	sqlite3_int64 max = 0;
	if (sqlite3_prepare_v2(db, "SELECT max(id) FROM residents", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		max = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_prepare_v2(db,
	                   "SELECT idno, name FROM residents WHERE id >= ?1 ORDER BY id LIMIT 1",
	                   -1, &s, NULL);
	for (int i = 0; s && i < NAMES; i++) {
		sqlite3_bind_int64(s, 1, max * i / NAMES + 1);
		if (sqlite3_step(s) == SQLITE_ROW) {
			snprintf(p->idno[p->n], sizeof p->idno[0], "%s", sqlite3_column_text(s, 0));
			snprintf(p->name[p->n], sizeof p->name[0], "%s", sqlite3_column_text(s, 1));
			p->n++;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	/* The demo case with the longest timeline: the most to scroll. */
	sqlite3_prepare_v2(db,
	                   "SELECT c.number FROM cases c WHERE c.station <> 'BENCH'"
	                   " ORDER BY (SELECT count(*) FROM case_fields f WHERE f.case_id = c.id)"
	                   " DESC, c.id LIMIT 1",
	                   -1, &s, NULL);
	if (s && sqlite3_step(s) == SQLITE_ROW)
		snprintf(p->case_no, sizeof p->case_no, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return p->n >= 8 && p->case_no[0] ? 0 : -1;
}

/* ---- yizhan's screens ------------------------------------------------------------ */

static bool seen(vt *v, const char *text)
{
	if (vt_wait_for(v, text, 30000))
		return true;
	fprintf(stderr, "never on the screen: %s\n", text);
	vt_dump(v);
	return false;
}

/* The home screen: its dashboard's selection down and up. */
static bool home_keys(vt *v, series *s)
{
	return scroll(v, s, VT_DOWN, VT_UP);
}

/* F4, F5 (every recent case): Down/Up, then PgDn/PgUp; F10 home. */
static bool case_list(vt *v, series *lines, series *pages)
{
	vt_send(v, VT_F4);
	if (!seen(v, "\u4eca\u65e5\u529e\u4ef6")) /* today's cases */
		return false;
	vt_send(v, VT_F5);
	if (!seen(v, "\u8fd1\u671f\u529e\u4ef6")) /* recent cases */
		return false;
	vt_pump(v, 200);
	bool ok = scroll(v, lines, VT_DOWN, VT_UP) && scroll(v, pages, VT_PGDN, VT_PGUP);
	vt_send(v, VT_F10);
	return ok && seen(v, "\u4eca\u65e5\u53d7\u7406"); /* accepted today */
}

/* The case view of a real demo case (F4, F7, its number): scrolled down and up. */
static bool case_view(vt *v, const char *number, series *s)
{
	vt_send(v, VT_F4);
	if (!seen(v, "\u4eca\u65e5\u529e\u4ef6"))
		return false;
	vt_send(v, VT_F7);
	vt_pump(v, 300);
	vt_send(v, number);
	vt_send(v, VT_ENTER);
	if (!seen(v, number))
		return false;
	vt_pump(v, 300);
	bool ok = scroll(v, s, VT_DOWN, VT_UP);
	vt_esc(v);
	vt_send(v, VT_F10);
	return ok && seen(v, "\u4eca\u65e5\u53d7\u7406");
}

/* F3: the last 6 characters of ID numbers typed and erased (each key searches
 * again, down to one digit), then the first two characters of names. */
static bool search(vt *v, const picks *p, series *ids, series *names)
{
	vt_send(v, VT_F3);
	if (!seen(v, "\u67e5\u627e\u5c45\u6c11")) /* find a resident */
		return false;
	vt_pump(v, 200);
	for (size_t i = 0; !full(ids); i = (i + 1) % p->n)
		type_erase(v, ids, p->idno[i] + 12);
	for (size_t i = 0; !full(names); i = (i + 1) % p->n) {
		char first[2][8];
		char two[16];
		split_chars(p->name[i], first, 2);
		snprintf(two, sizeof two, "%s%s", first[0], first[1]);
		type_erase(v, names, two);
	}
	vt_esc(v);
	return seen(v, "\u4eca\u65e5\u53d7\u7406");
}

/* F2, the residence certificate (its digit in the catalogue, or its pinyin
 * initials), the applicant by ID number; then the purpose note typed into
 * (letters, Chinese, Backspace) and the fields moved through (Tab, Shift-Tab).
 * Leaves the program on the form. */
static bool editor(vt *v, const picks *p, series *typing, series *moving)
{
	const char *item = "\u5c45\u4f4f\u8bc1\u660e"; /* residence certificate */
	vt_send(v, VT_F2);
	if (!seen(v, "\u9009\u62e9\u4e8b\u9879")) /* choose an item */
		return false;
	char d = '\0', want[64];
	for (char c = '1'; c <= '9' && !d; c++) {
		snprintf(want, sizeof want, "%c  %s", c, item);
		if (vt_row_of(v, want) >= 0)
			d = c;
	}
	char key[2] = {d, '\0'};
	vt_send(v, d ? key : "jzzm");
	if (!d && seen(v, item))
		vt_send(v, VT_ENTER);
	if (!seen(v, "\u7533\u8bf7\u4eba")) /* applicant */
		return false;
	vt_send(v, p->idno[0]); /* the whole number: one hit, Enter takes it */
	vt_pump(v, 500);
	vt_send(v, VT_ENTER);
	if (!seen(v, "\u8bc1\u660e\u7528\u9014")) /* purpose */
		return false;
	vt_pump(v, 500);
	/* Tab: the purpose note, the field after the purpose (which starts
	 * empty); a letter typed there shows on its row. */
	int row = vt_row_of(v, "\u7528\u9014\u8bf4\u660e");
	vt_send(v, VT_TAB);
	vt_send(v, "Q");
	vt_pump(v, 300);
	char *r = row >= 0 ? vt_row(v, row) : NULL;
	bool there = r && strstr(r, "Q");
	free(r);
	if (!there) {
		fprintf(stderr, "the purpose note did not take a letter\n");
		vt_dump(v);
		return false;
	}
	vt_send(v, VT_BS);
	static const char *const notes[] = {
	    "banli huzhao",
	    "\u529e\u7406\u62a4\u7167\u548c\u51fa\u5165\u5883\u624b\u7eed",
	    "kai hu yinhang",
	    "\u5b50\u5973\u5165\u5b66\u5c31\u8fd1\u62a5\u540d\u6750\u6599",
	};
	for (size_t i = 0; !full(typing); i = (i + 1) % 4)
		type_erase(v, typing, notes[i]);
	return scroll(v, moving, VT_TAB, VT_BTAB);
}

/* From the intake: the form left (its draft kept), the clerk logged out, the
 * station head in; F11, the statistics: the month before, ten times, and
 * back (each key reads that month's figures from the cases again). */
static bool statistics(vt *v, series *s)
{
	vt_esc(v);
	if (vt_wait_for(v, "[Y]", 2000))
		vt_send(v, "y");
	if (!seen(v, "\u4eca\u65e5\u53d7\u7406"))
		return false;
	vt_send(v, VT_F10);
	if (!seen(v, "\u8bf7\u767b\u5f55")) /* log in */
		return false;
	vt_send(v, "zhaozhan\rdemo1234\r");
	if (!seen(v, "\u4eca\u65e5\u53d7\u7406"))
		return false;
	vt_send(v, "\033[23~");                   /* F11 */
	if (!seen(v, "\u6309\u4e1a\u52a1\u7ebf")) /* by business line */
		return false;
	vt_pump(v, 300);
	while (!full(s)) {
		for (int i = 0; i < 20 && !full(s); i++)
			if (!timed(v, s, i < 10 ? VT_LEFT : VT_RIGHT, 2))
				s->silent++;
	}
	return true;
}

/* ---- the references -------------------------------------------------------------- */

static vt *spawn(char **argv, const char *text)
{
	vt *v = vt_spawn(argv, env, ROWS, COLS);
	if (!v || !vt_wait_for(v, text, 10000)) {
		fprintf(stderr, "%s did not start\n", argv[0]);
		if (v)
			vt_dump(v);
		vt_close(v);
		return NULL;
	}
	vt_pump(v, 200);
	return v;
}

static bool ref_inputbox(const char *dialog, series *s)
{
	char *argv[] = {(char *)dialog, "--inputbox", "Purpose", "8", "60", NULL};
	vt *v = spawn(argv, "Purpose");
	if (!v)
		return false;
	static const char *const notes[] = {
	    "banli huzhao",
	    "\u529e\u7406\u62a4\u7167\u548c\u51fa\u5165\u5883\u624b\u7eed",
	    "kai hu yinhang",
	    "\u5b50\u5973\u5165\u5b66\u5c31\u8fd1\u62a5\u540d\u6750\u6599",
	};
	for (size_t i = 0; !full(s); i = (i + 1) % 4)
		type_erase(v, s, notes[i]);
	vt_close(v);
	return true;
}

static bool ref_menu(const char *dialog, series *lines, series *pages)
{
	enum { ITEMS = 1000 };
	char **argv = calloc(2 * ITEMS + 8, sizeof *argv);
	char(*tag)[16] = calloc(ITEMS, sizeof *tag);
	if (!argv || !tag)
		return false;
	size_t a = 0;
	argv[a++] = (char *)dialog;
	argv[a++] = "--menu";
	argv[a++] = "Cases";
	argv[a++] = "22";
	argv[a++] = "76";
	argv[a++] = "18";
	for (int i = 0; i < ITEMS; i++) {
		snprintf(tag[i], sizeof tag[i], "%06d", i + 1);
		argv[a++] = tag[i];
		argv[a++] = "\u5c45\u4f4f\u8bc1\u660e  \u5f20\u4e3d  \u5df2\u53d7\u7406";
	}
	vt *v = spawn(argv, "000001");
	bool ok = v && scroll(v, lines, VT_DOWN, VT_UP) && scroll(v, pages, VT_PGDN, VT_PGUP);
	vt_close(v);
	free(argv);
	free(tag);
	return ok;
}

static bool ref_less(const char *less, series *s)
{
	char path[] = "/tmp/yz-keys20-less-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f)
		return false;
	for (int i = 1; i <= 100000; i++)
		fprintf(f, "BENCH-2026-%06d  \u5c45\u4f4f\u8bc1\u660e  \u5f20\u4e3d  %d\n", i, i);
	fclose(f);
	char *argv[] = {(char *)less, path, NULL};
	vt *v = spawn(argv, "BENCH-2026-000001");
	bool ok = v && scroll(v, s, VT_DOWN, VT_UP);
	vt_close(v);
	unlink(path);
	return ok;
}

/* Whether the phase named is to run: YZ_BENCH_ONLY, when set, names those
 * that do (e.g. "search inputbox"): to profile one screen. */
static bool want(const char *phase)
{
	const char *only = getenv("YZ_BENCH_ONLY");
	return !only || !*only || strstr(only, phase);
}

/* The full path of prog on PATH, or NULL. */
static const char *which(const char *prog, char *buf, size_t n)
{
	const char *path = getenv("PATH");
	for (const char *p = path ? path : "/usr/bin:/bin"; p && *p;) {
		const char *c = strchr(p, ':');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		snprintf(buf, n, "%.*s/%s", (int)l, p, prog);
		if (access(buf, X_OK) == 0)
			return buf;
		p = c ? c + 1 : NULL;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s /path/to/yizhan\n", argv[0]);
		return 2;
	}
	quiet_ms = (int)env_long("YZ_BENCH_QUIET_MS", 30);
	per_series = env_long("YZ_BENCH_KEYS", 200);
	bool confined = getenv("YZ_BENCH_CGROUP") && *getenv("YZ_BENCH_CGROUP");
	char home[PATH_MAX], db[PATH_MAX + 16], dialog[PATH_MAX], less[PATH_MAX];
	bool own = !getenv("YZ_BENCH_HOME");
	if (bench_station(argv[1], "yzkeys20", home) != 0)
		return 1;
	snprintf(db, sizeof db, "%s/station.db", home);
	picks p = {0};
	if (add_cases(db) != 0 || pick(db, &p) != 0) {
		fprintf(stderr, "the station %s has no residents or cases to use\n", home);
		return 1;
	}
	if (!which("dialog", dialog, sizeof dialog) || !which("less", less, sizeof less)) {
		fprintf(stderr, "dialog and less are needed (the references)\n");
		return 1;
	}

	series *home_s = series_new("home: dashboard Down/Up");
	series *list_l = series_new("case list: Down/Up");
	series *list_p = series_new("case list: PgDn/PgUp");
	series *view = series_new("case view: Down/Up");
	series *ids = series_new("search: ID number's last digits");
	series *names = series_new("search: name's first characters");
	series *typing = series_new("intake: typing a text field");
	series *moving = series_new("intake: Tab/Shift-Tab");
	series *stats = series_new("statistics: Left/Right (months)");
	series *r_in = series_new("dialog --inputbox: typing");
	series *r_ml = series_new("dialog --menu 1000: Down/Up");
	series *r_mp = series_new("dialog --menu 1000: PgDn/PgUp");
	series *r_less = series_new("less 100000 lines: Down/Up");

	char *args[] = {argv[1], "--home", home, NULL};
	vt *v = vt_spawn(args, env, ROWS, COLS);
	if (!v || !seen(v, "\u8bf7\u767b\u5f55")) /* log in */
		return 1;
	vt_send(v, "zhangli\rdemo1234\r");
	if (!seen(v, "\u4eca\u65e5\u53d7\u7406"))
		return 1;
	vt_pump(v, 500);
	/* yizhan and the references alternate screen by screen, so that both see
	 * the same moments of the machine. */
	bool ok = !want("home") || home_keys(v, home_s);
	ok = ok && (!want("menu") || ref_menu(dialog, r_ml, r_mp));
	ok = ok && (!want("list") || case_list(v, list_l, list_p));
	ok = ok && (!want("view") || case_view(v, p.case_no, view));
	ok = ok && (!want("less") || ref_less(less, r_less));
	ok = ok && (!want("search") || search(v, &p, ids, names));
	ok = ok && (!want("inputbox") || ref_inputbox(dialog, r_in));
	ok = ok && (!want("intake") || editor(v, &p, typing, moving));
	ok = ok && (!want("stats") || statistics(v, stats));
	vt_close(v);
	if (!ok)
		return 1;

	double goal = confined ? 20 : 5;
	printf("keys at 80x24 through the pty, %ld residents + %ld cases, write to last byte "
	       "drawn (silence of %d ms ends a draw)%s; goal p99 <= %.0f ms\n",
	       p.residents, p.cases, quiet_ms, confined ? ", confined (YZ_BENCH_CGROUP)" : "",
	       goal);
	series *all[] = {home_s, list_l, list_p, view, ids,  names, typing,
	                 moving, stats,  r_in,   r_ml, r_mp, r_less}; /* yizhan's: 9 */
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		report(all[i], (i < 9 && p99(all[i]) > goal) ? "  MISSES the goal" : "");
	printf("\n| key (p50 / p99, CPU per key)%s | yizhan | reference | ratio (p99) |\n"
	       "|---|---|---|---|\n",
	       confined ? " (confined)" : "");
	row(home_s, r_ml, "dialog --menu, Down/Up");
	row(list_l, r_ml, "dialog --menu, Down/Up");
	row(list_p, r_mp, "dialog --menu, PgDn/PgUp");
	row(view, r_less, "less, Down/Up");
	row(ids, r_in, "dialog --inputbox, typing");
	row(names, r_in, "dialog --inputbox, typing");
	row(typing, r_in, "dialog --inputbox, typing");
	row(moving, NULL, NULL);
	row(stats, NULL, NULL);
	printf("(load average %.2f at the end)\n", loadavg());
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		free(all[i]->ms);
		free(all[i]->cpu_key);
		free(all[i]);
	}
	if (own) {
		char cmd[PATH_MAX + 16];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
		if (system(cmd) != 0)
			return 1;
	}
	return 0;
}
