/* Instructions per key (issue 20): what one typed character in a form field
 * and one step down a list cost yizhan, counted by valgrind's callgrind rather
 * than timed, so the figure does not depend on the machine's load.
 *
 * Method: each case runs twice under callgrind, the real binary under a pty at
 * 80x24, identical but for the number of measured keys (n1, then n2). Each key
 * is sent alone and the next only once the program sleeps again with no CPU
 * used for 30 ms (so curses never skips a redraw for typeahead: every key is
 * handled and drawn). Start-up, login, the way to the screen and the end are
 * the same in both runs, so (Ir(n2) - Ir(n1)) / (n2 - n1) is the cost of one
 * key: handling, the draft saved, drawing, curses' output. The per-function
 * figures are the same difference of callgrind_annotate's inclusive counts.
 *
 * Cases: a letter and a Chinese character (UTF-8 direct input) typed into
 * 居住证明's "purpose note" text field; Down in the recent cases list (a
 * station with 100,000 cases; the list holds the newest 500); Down in the
 * resident search's hits for "zs" on 1,000,000 residents. The references, in
 * the same run and the same way: `dialog --inputbox` (the same characters)
 * and `dialog --menu` of 1,000 items (Down).
 *
 * Station: YZ_BENCH_HOME (used and changed: 100,000 cases are added when it
 * has fewer, drafts are removed before each run), else one of
 * YZ_BENCH_RESIDENTS (default 1,000,000) residents built here and removed
 * after. YZ_CG_ONLY=typing|chinese|cases|search|ref runs one group (or
 * several, comma separated); YZ_CG_KEEP=1 keeps the callgrind files.
 *
 * usage: bench_callgrind20 /path/to/yizhan */
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../screen/vt.h"
#include "bench_util.h"

enum { ROWS = 24, COLS = 80, CASES = 100000 };

static const char *const env[] = {
    "LANG=zh_CN.UTF-8",    "LANGUAGE",    "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", NULL,
};

static char home[PATH_MAX], db_path[PATH_MAX + 16], out_dir[PATH_MAX];
static char idno[32]; /* a resident to apply for: their whole ID number */

/* ---- the station ---------------------------------------------------------------- */

static int sql(sqlite3 *db, const char *q)
{
	char *msg = NULL;
	if (sqlite3_exec(db, q, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	fprintf(stderr, "%s: %s\n", q, msg ? msg : "?");
	sqlite3_free(msg);
	return -1;
}

static long long count(sqlite3 *db, const char *q)
{
	sqlite3_stmt *s;
	long long n = -1;
	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Open cases as bench_dashboard.c writes them (one transaction: an fsync per
 * intake would take hours), a fifth of them the clerk zhangli's. */
static int add_cases(sqlite3 *db, int n)
{
	sqlite3_stmt *s;
	if (sql(db, "BEGIN") != 0 ||
	    sqlite3_prepare_v2(
	        db,
	        "INSERT INTO cases(number, station, year, seq, form_id, item, line,"
	        " resident_name, status, clerk_login, owner, accepted_date, due_date,"
	        " eff_due, paused_since, state, promise_days, legal_days, created_at, updated_at)"
	        " VALUES(printf('CGRIND-2026-%06d', ?1), 'CGRIND', 2026, ?1, 'resident_request',"
	        " '居民诉求', 'L', '张丽', 'accepted', ?2, ?2, date('2026-01-05', '+' || (?1 % 330)"
	        " || ' days'), date('2026-02-02', '+' || (?1 % 330) || ' days'),"
	        " date('2026-02-02', '+' || (?1 % 330) || ' days'), '', 'received', 20, 40,"
	        " '2026-01-05T01:00:00Z', '2026-01-05T01:00:00Z')",
	        -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "cases: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	for (int i = 1; i <= n; i++) {
		sqlite3_bind_int(s, 1, i);
		sqlite3_bind_text(s, 2, i % 5 == 0 ? "zhangli" : "wangfang", -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
			sqlite3_finalize(s);
			return -1;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return sql(db, "COMMIT; ANALYZE;");
}

/* The station of YZ_BENCH_HOME, or a new one; then 100,000 cases at least and
 * a resident to apply for. */
static int station(const char *yizhan, bool *made)
{
	struct stat sb;
	*made = false;
	if (getenv("YZ_BENCH_HOME"))
		snprintf(home, sizeof home, "%s", getenv("YZ_BENCH_HOME"));
	else
		snprintf(home, sizeof home, "%s/yzcg20.%ld",
		         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	snprintf(db_path, sizeof db_path, "%s/station.db", home);
	if (stat(db_path, &sb) != 0) {
		const char *n =
		    getenv("YZ_BENCH_RESIDENTS") ? getenv("YZ_BENCH_RESIDENTS") : "1000000";
		char cmd[PATH_MAX * 3];
		snprintf(cmd, sizeof cmd, "'%s' init --demo --residents %s --home '%s' >/dev/null",
		         yizhan, n, home);
		double t0 = now_s();
		if (system(cmd) != 0) {
			fprintf(stderr, "init --demo failed\n");
			return -1;
		}
		*made = true;
		printf("demo station of %s residents built in %.0f s\n", n, now_s() - t0);
	}
	sqlite3 *db;
	if (sqlite3_open(db_path, &db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(db, 10000);
	long long cases = count(db, "SELECT count(*) FROM cases");
	int rc = cases < 0 ? -1 : cases < CASES ? add_cases(db, CASES - (int)cases) : 0;
	/* One in the middle of the registry: not the demo's first rows. */
	sqlite3_stmt *s;
	if (rc == 0 &&
	    sqlite3_prepare_v2(db,
	                       "SELECT idno FROM residents WHERE id >= (SELECT max(id) / "
	                       "2 FROM residents) ORDER BY id LIMIT 1",
	                       -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			snprintf(idno, sizeof idno, "%s", (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	printf("station %s: %lld residents, %lld cases\n", home,
	       count(db, "SELECT count(*) FROM residents"),
	       count(db, "SELECT count(*) FROM cases"));
	sqlite3_close(db);
	return rc == 0 && idno[0] ? 0 : -1;
}

/* Every run starts from the same station: no draft to offer back. */
static int clear_drafts(void)
{
	sqlite3 *db;
	if (sqlite3_open(db_path, &db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(db, 10000);
	int rc = sql(db, "DELETE FROM drafts; PRAGMA wal_checkpoint(TRUNCATE);");
	sqlite3_close(db);
	return rc;
}

/* ---- driving the program ----------------------------------------------------------- */

/* The process's CPU time so far (ns) and its state letter. */
static long long cpu_ns(pid_t pid, char *state)
{
	char path[64], buf[512];
	long long ns = -1;
	snprintf(path, sizeof path, "/proc/%ld/schedstat", (long)pid);
	FILE *f = fopen(path, "r");
	if (f && fscanf(f, "%lld", &ns) != 1)
		ns = -1;
	if (f)
		fclose(f);
	*state = '?';
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	f = fopen(path, "r");
	if (f && fgets(buf, sizeof buf, f)) {
		const char *p = strrchr(buf, ')');
		if (p && p[1] == ' ')
			*state = p[2];
	}
	if (f)
		fclose(f);
	return ns;
}

/* Waits until the program sleeps and has used no CPU for 30 ms: the key is
 * handled and drawn, the program waits for the next one. */
static bool settle(vt *v)
{
	long long last = -2;
	int still = 0;
	for (double end = now_ms() + 120000; now_ms() < end;) {
		vt_pump(v, 10);
		char st;
		long long ns = cpu_ns(vt_pid(v), &st);
		if (ns < 0)
			return false;
		still = ns == last && st == 'S' ? still + 1 : 0;
		if (still >= 3)
			return true;
		last = ns;
	}
	fprintf(stderr, "the program never settled\n");
	return false;
}

/* One key alone, handled and drawn before the next. */
static bool key(vt *v, const char *k)
{
	vt_send_now(v, k);
	return settle(v);
}

static bool wait_settled(vt *v, const char *text)
{
	if (!vt_wait_for(v, text, 120000)) {
		fprintf(stderr, "expected on screen: %s\n", text);
		vt_dump(v);
		return false;
	}
	return settle(v);
}

/* The n measured keys: characters of text in turn, or one key n times. */
static bool keys(vt *v, const char *text, bool chars, int n)
{
	const char *p = text;
	for (int i = 0; i < n; i++) {
		char k[8] = "";
		if (!chars) {
			snprintf(k, sizeof k, "%s", text);
		} else {
			if (!*p)
				p = text;
			size_t len = 1;
			while ((p[len] & 0xC0) == 0x80)
				len++;
			memcpy(k, p, len);
			p += len;
		}
		if (!key(v, k))
			return false;
	}
	return true;
}

/* A case: how to reach the screen, and the measured key. */
typedef struct scenario {
	const char *tag;   /* file names */
	const char *what;  /* README row */
	bool yizhan;       /* the program is yizhan (else argv is the reference's) */
	bool (*to)(vt *v); /* from the start to the screen, settled */
	const char *key;   /* the key, or the characters typed in turn */
	bool chars;        /* key is a text typed character by character */
	int n1, n2;        /* the two runs' numbers of measured keys */
} scenario;

static bool login(vt *v)
{
	if (!wait_settled(v, "请登录") || !key(v, "zhangli") || !key(v, "\r") ||
	    !key(v, "demo1234") || !key(v, "\r"))
		return false;
	return wait_settled(v, "今日受理");
}

/* 居住证明 for a resident by the whole ID number, the focus in the purpose
 * note (a free text field). */
static bool to_note(vt *v)
{
	if (!login(v) || !key(v, VT_F2) || !wait_settled(v, "选择事项"))
		return false;
	char d[2] = "";
	for (char c = '1'; c <= '9' && !d[0]; c++) {
		char want[64];
		snprintf(want, sizeof want, "%c  居住证明", c);
		if (vt_row_of(v, want) >= 0)
			d[0] = c;
	}
	if (d[0] ? !key(v, d) : !keys(v, "jzzm", true, 4) || !key(v, VT_ENTER))
		return false;
	if (!wait_settled(v, "申请人") || !keys(v, idno, true, (int)strlen(idno)))
		return false;
	if (vt_row_of(v, "证明用途") < 0 && !key(v, VT_ENTER))
		return false;
	/* The purpose (a choice), then its note. */
	return wait_settled(v, "证明用途") && key(v, "6") && key(v, VT_TAB) &&
	       wait_settled(v, "用途说明");
}

/* All recent cases (F4, F5). */
static bool to_cases(vt *v)
{
	return login(v) && key(v, VT_F4) && key(v, VT_F5) && wait_settled(v, "(500)");
}

/* F3, "zs": the first 200 of the residents whose name's initials are z s. */
static bool to_search(vt *v)
{
	return login(v) && key(v, VT_F3) && wait_settled(v, "查找居民") && key(v, "z") &&
	       key(v, "s");
}

static bool to_inputbox(vt *v)
{
	return wait_settled(v, "Purpose");
}

static bool to_menu(vt *v)
{
	return wait_settled(v, "Item 1");
}

static char *menu_argv[4 + 2 * 1000 + 8];

/* Whether the keys did what they should: all the characters typed are on
 * the screen (the counts stay within the field: a key refused at a full
 * field would be measured otherwise); the list moved (the screen is not what
 * it was). */
static bool took(vt *v, const scenario *sc, int n, const char *before)
{
	char *now = vt_text(v);
	bool ok = now && before && strcmp(now, before) != 0;
	free(now);
	if (ok && sc->chars) {
		char typed[1024] = "";
		size_t len = 0;
		const char *p = sc->key;
		for (int i = 0; i < n && len < sizeof typed - 8; i++) {
			if (!*p)
				p = sc->key;
			do
				typed[len++] = *p++;
			while ((*p & 0xC0) == 0x80);
		}
		typed[len] = '\0';
		ok = vt_row_of(v, typed) >= 0;
	}
	if (!ok)
		fprintf(stderr, "%s: the keys did not show (%s)\n", sc->tag,
		        sc->chars ? "what was typed is not on the screen"
		                  : "the screen did not change");
	return ok;
}

/* The total Ir of a callgrind file. */
static long long totals(const char *file)
{
	FILE *f = fopen(file, "r");
	char line[512];
	long long ir = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "totals:", 7) || (ir < 0 && !strncmp(line, "summary:", 8)))
			ir = atoll(strchr(line, ':') + 1);
	if (f)
		fclose(f);
	return ir;
}

/* One run of sc with n measured keys under callgrind; its total Ir, and its
 * output file in file. */
static long long run(const scenario *sc, char *const argv[], int n, char *file, size_t len)
{
	char out[PATH_MAX + 64], log[PATH_MAX + 64];
	/* A forked child (printing, the sync ticker) writes a file of its own:
	 * the program's is the one of its pid. */
	snprintf(out, sizeof out, "--callgrind-out-file=%s/%s-%d.%%p.out", out_dir, sc->tag, n);
	snprintf(log, sizeof log, "--log-file=%s/%s-%d.%%p.log", out_dir, sc->tag, n);
	char *vg[16 + sizeof menu_argv / sizeof *menu_argv] = {
	    getenv("YZ_VALGRIND") ? getenv("YZ_VALGRIND") : "/usr/bin/valgrind",
	    "--tool=callgrind",
	    out,
	    log,
	    "--trace-children=no",
	    "--child-silent-after-fork=yes"};
	size_t at = 6;
	for (size_t i = 0; argv[i]; i++)
		vg[at++] = argv[i];
	vg[at] = NULL;
	if (sc->yizhan && clear_drafts() != 0)
		return -1;
	vt *v = vt_spawn(vg, env, ROWS, COLS);
	if (!v)
		return -1;
	snprintf(file, len, "%s/%s-%d.%ld.out", out_dir, sc->tag, n, (long)vt_pid(v));
	bool ok = sc->to(v);
	char *before = ok ? vt_text(v) : NULL;
	ok = ok && keys(v, sc->key, sc->chars, n) && took(v, sc, n, before);
	free(before);
	if (!ok)
		vt_dump(v);
	/* The same end in both runs: callgrind writes its file as the program
	 * ends by the signal. */
	vt_kill(v, SIGTERM);
	vt_close(v);
	long long ir = ok ? totals(file) : -1;
	if (ok && ir < 0)
		fprintf(stderr, "%s: no totals in %s\n", sc->tag, file);
	return ir;
}

/* ---- per function ------------------------------------------------------------------ */

typedef struct fn {
	char name[200];
	long long ir;
} fn;

static int by_name(const void *a, const void *b)
{
	return strcmp(((const fn *)a)->name, ((const fn *)b)->name);
}

static int by_ir(const void *a, const void *b)
{
	long long x = ((const fn *)a)->ir, y = ((const fn *)b)->ir;
	return (y > x) - (y < x);
}

/* callgrind_annotate's per-function counts of file (inclusive or self),
 * sorted by name; *n of them. */
static fn *annotate(const char *file, bool inclusive, size_t *n)
{
	char cmd[PATH_MAX + 128], line[1024];
	/* From /: in the build folder it finds the sources by their relative
	 * names and lists such functions twice. */
	snprintf(cmd, sizeof cmd,
	         "cd / && callgrind_annotate --auto=no --inclusive=%s --threshold=100 '%s'",
	         inclusive ? "yes" : "no", file);
	FILE *p = popen(cmd, "r");
	size_t cap = 0;
	fn *v = NULL;
	*n = 0;
	while (p && fgets(line, sizeof line, p)) {
		/* "1,234,567 (12.34%)  file:function [object]" */
		char *s = line, num[32];
		size_t k = 0;
		while (*s == ' ')
			s++;
		while ((*s >= '0' && *s <= '9') || *s == ',')
			if (*s++ != ',' && k < sizeof num - 1)
				num[k++] = s[-1];
		num[k] = '\0';
		if (!k || *s != ' ')
			continue;
		while (*s == ' ')
			s++;
		if (*s == '(')
			s = strchr(s, ')') ? strchr(s, ')') + 1 : s;
		while (*s == ' ')
			s++;
		s[strcspn(s, "\n")] = '\0';
		if (!*s || strstr(s, "PROGRAM TOTALS"))
			continue;
		/* "file:function [object]"; the object's base name is kept: a
		 * static function of the same file may be in two objects. */
		char *obj = strstr(s, " [");
		if (!obj)
			continue;
		*obj = '\0';
		obj = strrchr(obj + 2, '/') ? strrchr(obj + 2, '/') + 1 : obj + 2;
		obj[strcspn(obj, "]")] = '\0';
		if (*n == cap) {
			cap = cap ? 2 * cap : 1024;
			fn *m = realloc(v, cap * sizeof *v);
			if (!m)
				break;
			v = m;
		}
		/* "dir/file.c:function": the file's base name is enough. */
		char *colon = strchr(s, ':'), *base = s;
		for (char *c = s; colon && c < colon; c++)
			if (*c == '/')
				base = c + 1;
		snprintf(v[*n].name, sizeof v[*n].name, "%s [%s]", base, obj);
		v[(*n)++].ir = atoll(num);
	}
	if (p)
		pclose(p);
	if (!v)
		return NULL;
	qsort(v, *n, sizeof *v, by_name);
	size_t w = 0;
	for (size_t i = 0; i < *n; i++)
		if (!w || strcmp(v[w - 1].name, v[i].name) != 0)
			v[w++] = v[i];
	*n = w;
	return v;
}

/* The functions' counts of b minus a's, per key, the biggest YZ_CG_TOP
 * (default 10) printed. */
static void top_functions(const char *what, const char *a, const char *b, int keys, bool inclusive)
{
	size_t na, nb;
	fn *fa = annotate(a, inclusive, &na), *fb = annotate(b, inclusive, &nb);
	if (!fb) {
		free(fa);
		return;
	}
	for (size_t i = 0; i < nb; i++) {
		fn *m = fa ? bsearch(&fb[i], fa, na, sizeof *fa, by_name) : NULL;
		fb[i].ir -= m ? m->ir : 0;
	}
	qsort(fb, nb, sizeof *fb, by_ir);
	long top = env_long("YZ_CG_TOP", 10);
	printf("top %ld functions of %s by %s Ir per key:\n", top, what,
	       inclusive ? "inclusive" : "self");
	for (size_t i = 0, shown = 0; i < nb && (long)shown < top; i++) {
		/* What every key goes through up to the key loop says nothing. */
		static const char *const outer[] = {"(below main)", "__libc_start_main",
		                                    "main.c:main ", "yz_tui_run", "[ld-linux"};
		bool skip = false;
		for (size_t o = 0; o < sizeof outer / sizeof *outer; o++)
			skip = skip || strstr(fb[i].name, outer[o]) != NULL;
		if (!skip) {
			printf("  %12.0f  %s\n", (double)fb[i].ir / keys, fb[i].name);
			shown++;
		}
	}
	free(fa);
	free(fb);
}

/* ---- the cases --------------------------------------------------------------------- */

/* Both runs of sc; the Ir per key (negative on failure). */
static double measure(const scenario *sc, char *const argv[])
{
	char fa[PATH_MAX + 64], fb[PATH_MAX + 64];
	double t0 = now_s();
	long long a = run(sc, argv, sc->n1, fa, sizeof fa);
	long long b = a < 0 ? -1 : run(sc, argv, sc->n2, fb, sizeof fb);
	if (a < 0 || b < 0) {
		fprintf(stderr, "%s: a run failed (logs in %s)\n", sc->tag, out_dir);
		return -1;
	}
	double per = (double)(b - a) / (sc->n2 - sc->n1);
	printf("%s: %.0f Ir per key (%lld Ir with %d keys, %lld with %d; %.0f s)\n", sc->what, per,
	       a, sc->n1, b, sc->n2, now_s() - t0);
	if (sc->yizhan && sc->chars && !strcmp(sc->key, "abcdefghijklmnopqrstuvwxyz")) {
		/* How repeatable: the first run again. The station has grown by
		 * the runs' logins (audit rows), which moves SQLite's pages a
		 * little; the references write nothing and repeat to the Ir. */
		char fc[PATH_MAX + 64];
		long long c = run(sc, argv, sc->n1, fc, sizeof fc);
		if (c >= 0)
			printf("  the run of %d keys again: %lld Ir, %+.0f Ir per key (%.2f%%)\n",
			       sc->n1, c, (double)(c - a) / (sc->n2 - sc->n1),
			       100.0 * (double)(c - a) / (double)(b - a));
	}
	if (sc->yizhan && sc->chars) {
		top_functions(sc->what, fa, fb, sc->n2 - sc->n1, true);
		top_functions(sc->what, fa, fb, sc->n2 - sc->n1, false);
	} else if (sc->yizhan) {
		top_functions(sc->what, fa, fb, sc->n2 - sc->n1, true);
	}
	fflush(stdout);
	return per;
}

static bool wanted(const char *group)
{
	const char *only = getenv("YZ_CG_ONLY");
	return !only || !*only || strstr(only, group) != NULL;
}

static void row(const char *what, double y, double r, const char *ref)
{
	if (y > 0 && r > 0)
		printf("| %s | %.0f Ir | %.0f Ir (%s) | %.1f× |\n", what, y, r, ref, y / r);
	else if (y > 0)
		printf("| %s | %.0f Ir | — | — |\n", what, y);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s /path/to/yizhan\n", argv[0]);
		return 2;
	}
	bool made = false;
	bool yz = wanted("typing") || wanted("chinese") || wanted("cases") || wanted("search");
	if (yz && station(argv[1], &made) != 0)
		return 1;
	snprintf(out_dir, sizeof out_dir, "%s/yzcg20-out.%ld",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	if (mkdir(out_dir, 0750) != 0)
		return 1;
	char *yz_argv[] = {argv[1], "--home", home, NULL};
	char *input_argv[] = {"/usr/bin/dialog", "--inputbox", "Purpose", "8", "60", NULL};
	static char tags[1000][2][16];
	size_t m = 0;
	menu_argv[m++] = "/usr/bin/dialog";
	menu_argv[m++] = "--menu";
	menu_argv[m++] = "Pick";
	menu_argv[m++] = "20";
	menu_argv[m++] = "60";
	menu_argv[m++] = "13";
	for (int i = 0; i < 1000; i++) {
		snprintf(tags[i][0], sizeof tags[i][0], "%d", i + 1);
		snprintf(tags[i][1], sizeof tags[i][1], "Item %d", i + 1);
		menu_argv[m++] = tags[i][0];
		menu_argv[m++] = tags[i][1];
	}
	menu_argv[m] = NULL;

	static const char latin[] = "abcdefghijklmnopqrstuvwxyz";
	static const char hanzi[] = "办理护照出国探亲签证需要居住证明用于子女入学";
	const scenario sc[] = {
	    /* The note takes 40 columns: 40 letters, 20 Chinese characters. */
	    {"type", "typed letter in a form field (居住证明, purpose note)", true, to_note, latin,
	     true, 5, 35},
	    {"type-zh", "typed Chinese character in a form field (UTF-8)", true, to_note, hanzi,
	     true, 2, 18},
	    {"cases", "scroll step (Down) in the recent cases, 100,000 cases", true, to_cases,
	     VT_DOWN, false, 20, 120},
	    {"search", "scroll step (Down) in the resident search, 1,000,000 residents", true,
	     to_search, VT_DOWN, false, 20, 120},
	    {"ref-type", "dialog --inputbox: typed letter", false, to_inputbox, latin, true, 5, 35},
	    {"ref-type-zh", "dialog --inputbox: typed Chinese character", false, to_inputbox, hanzi,
	     true, 2, 18},
	    {"ref-menu", "dialog --menu of 1,000 items: Down", false, to_menu, VT_DOWN, false, 20,
	     120},
	};
	double ir[7] = {0};
	const char *group[] = {"typing", "chinese", "cases", "search", "ref", "ref", "ref"};
	char load[64] = "";
	FILE *f = fopen("/proc/loadavg", "r");
	if (!f || !fgets(load, sizeof load, f))
		snprintf(load, sizeof load, "?\n");
	if (f)
		fclose(f);
	printf("callgrind, instructions per key (independent of load; load average now %s", load);
	int failed = 0;
	for (size_t i = 0; i < sizeof sc / sizeof *sc; i++) {
		if (!wanted(group[i]))
			continue;
		char *const *a = !sc[i].yizhan ? (i == 6 ? menu_argv : input_argv) : yz_argv;
		ir[i] = measure(&sc[i], a);
		failed += ir[i] < 0;
	}
	printf("\n| Ir per key (callgrind) | yizhan | reference | ratio |\n|---|---|---|---|\n");
	row("typed letter in a form field", ir[0], ir[4], "dialog --inputbox");
	row("typed Chinese character in a form field", ir[1], ir[5], "dialog --inputbox");
	row("scroll step, case list (100,000 cases)", ir[2], ir[6], "dialog --menu, 1,000 items");
	row("scroll step, resident search (1,000,000 residents)", ir[3], ir[6],
	    "dialog --menu, 1,000 items");
	char cmd[PATH_MAX * 2 + 16];
	if (!getenv("YZ_CG_KEEP")) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", out_dir);
		failed += system(cmd) != 0;
	} else {
		printf("callgrind files kept in %s\n", out_dir);
	}
	if (made) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
		failed += system(cmd) != 0;
	}
	return failed ? 1 : 0;
}
