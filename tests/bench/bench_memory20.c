/* A day's memory at the counter (issue 20: resident memory <= 16 MB after a
 * full day's flows). The real binary under a pty (80x24, Chinese UI) on a
 * demo station of YZ_BENCH_RESIDENTS residents (default 1,000,000; reuses
 * YZ_BENCH_HOME when it holds a station, else builds one and removes it),
 * printing to the private cupsd of tests/lib/with-cupsd. One process all day:
 *
 *   login     the login screen, then the clerk (zhangli) on the home screen
 *   search    F3: pinyin initials, a name, a flat, an ID ending; each first
 *             hit opened
 *   forms     F2 and an intake of every form of forms/ the catalogue offers
 *             the clerk, for a resident the form suits: F12 (materials), then
 *             F9, answering what submit asks (a date, a phone, a name, an ID
 *             number, "n" to a yes-no question, "2" to the rest) until the
 *             case is accepted — or, for a form whose rules refuse these
 *             generic answers, left at that refusal (each outcome printed)
 *   print     a residence certificate of a known resident (receipt + A4 to
 *             the cupsd) and both papers of it reprinted from the case view
 *   ledgers   F10, the head (zhaozhan) logs in; L, the case register of the
 *             month saved as .xlsx
 *
 * After each phase: VmRSS and VmHWM of the UI process (/proc/PID/status).
 * References in the same run, each under the same pty: `dialog --inputbox`
 * drawn, and the `sqlite3` shell after `SELECT count(*) FROM residents` on
 * the same station.db (its page cache holding what the count read). Prints
 * README rows | what | yizhan | reference | ratio | and the load average.
 *
 * usage: bench_memory20 /path/to/yizhan   (under tests/lib/with-cupsd) */
#include <dirent.h>
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

enum { ROWS = 24, COLS = 80, MAX_FORMS = 64, MAX_PHASES = 12 };

#define VT_F11 "\033[23~"
#define VT_F12 "\033[24~"

#define HOME_ZH  "\u4eca\u65e5\u53d7\u7406"                         /* accepted today */
#define LOGIN_ZH "\u8bf7\u767b\u5f55"                               /* please log in */
#define PICK_ZH  "\u9009\u62e9\u4e8b\u9879"                         /* choose an item */
#define FIND_ZH  "\u67e5\u627e\u5c45\u6c11"                         /* find a resident */
#define ACCEPTED "\u5df2\u53d7\u7406\uff1a\u529e\u4ef6\u7f16\u53f7" /* accepted: case number */
#define DRAFT_ZH "\u8349\u7a3f"                                     /* draft */
#define SEARCH   "\u8eab\u4efd\u8bc1\u53f7\u3001\u59d3\u540d"       /* ID number, name */

static const char *const env[] = {
    "LANG=zh_CN.UTF-8",    "LANGUAGE",    "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", NULL,
};

/* One figure of the day. */
typedef struct phase {
	const char *what;
	long rss, hwm; /* kB */
} phase;

static phase phases[MAX_PHASES];
static int n_phases;

static long status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, field, strlen(field)))
			kb = atol(line + strlen(field));
	if (f)
		fclose(f);
	return kb;
}

static void record(vt *v, const char *what)
{
	vt_pump(v, 300); /* settled: the last screen drawn */
	phase *p = &phases[n_phases++];
	p->what = what;
	p->rss = status_kb(vt_pid(v), "VmRSS:");
	p->hwm = status_kb(vt_pid(v), "VmHWM:");
	printf("  %-9s VmRSS %6ld kB  VmHWM %6ld kB\n", what, p->rss, p->hwm);
	fflush(stdout);
}

/* Wait for text, looking every 10 ms; false (the screen on stderr) after ms. */
static bool see(vt *v, const char *text, int ms)
{
	double end = now_ms() + ms;
	for (;;) {
		vt_pump(v, 0);
		if (vt_row_of(v, text) >= 0)
			return true;
		if (now_ms() > end)
			break;
		vt_pump(v, 10);
	}
	fprintf(stderr, "expected on screen: %s\n", text);
	vt_dump(v);
	return false;
}

static bool on(vt *v, const char *text)
{
	return vt_row_of(v, text) >= 0;
}

/* Back to the home screen: Esc, leaving any form without keeping a draft. */
static bool go_home(vt *v)
{
	for (int i = 0; i < 8; i++) {
		vt_pump(v, 100);
		if (on(v, HOME_ZH))
			return true;
		if (on(v, "[Y]") || on(v, DRAFT_ZH))
			vt_send(v, "y"); /* leave (the draft is removed below) */
		else
			vt_esc(v);
	}
	return see(v, HOME_ZH, 3000);
}

/* From home: key until text shows (a busy UI, a key lost to a closing
 * dialog: home again and once more), at most three times. */
static bool key_until(vt *v, const char *key, const char *text)
{
	for (int i = 0; i < 3; i++) {
		vt_send(v, key);
		for (int waited = 0; waited < 6000 && !on(v, text); waited += 50)
			vt_pump(v, 50);
		if (on(v, text))
			return true;
		go_home(v);
	}
	return see(v, text, 100);
}

/* ---- the station ------------------------------------------------------------------ */

/* A resident's ID number by SQL (a random one of those matching cond, so
 * that a reused station meets no open case of an earlier run). */
static bool resident(sqlite3 *db, const char *cond, char out[24])
{
	char sql[512];
	sqlite3_stmt *s;
	bool ok = false;
	snprintf(sql, sizeof sql,
	         "SELECT idno FROM residents WHERE id >= abs(random()) %% (SELECT max(id) FROM"
	         " residents) AND since != '' AND %s LIMIT 1",
	         cond);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return false;
	for (int tries = 0; tries < 5 && !ok; tries++) {
		if (sqlite3_step(s) == SQLITE_ROW) {
			snprintf(out, 24, "%s", (const char *)sqlite3_column_text(s, 0));
			ok = true;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return ok;
}

/* ---- forms ------------------------------------------------------------------------ */

typedef struct form_item {
	char id[64], title[128], keyword[32];
} form_item;

static form_item forms[MAX_FORMS];
static size_t n_forms;

static int cmp_form(const void *a, const void *b)
{
	return strcmp(((const form_item *)a)->id, ((const form_item *)b)->id);
}

/* The forms of $YIZHAN_DATADIR/forms (the catalogue's): id, title, the first
 * keyword (its pinyin initials). */
static void read_forms(void)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/forms",
	         getenv("YIZHAN_DATADIR") ? getenv("YIZHAN_DATADIR") : ".");
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d)) && n_forms < MAX_FORMS;) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".form") != 0)
			continue;
		char path[PATH_MAX + 300], line[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "r");
		form_item *it = &forms[n_forms];
		memset(it, 0, sizeof *it);
		while (f && fgets(line, sizeof line, f)) {
			char a[128], b[128];
			if (sscanf(line, "form %63s", a) == 1 && !it->id[0])
				snprintf(it->id, sizeof it->id, "%s", a);
			else if (sscanf(line, " title %127s", b) == 1 && !it->title[0])
				snprintf(it->title, sizeof it->title, "%s", b);
			else if (sscanf(line, " keywords %31s", a) == 1 && !it->keyword[0])
				snprintf(it->keyword, sizeof it->keyword, "%s", a);
		}
		if (f)
			fclose(f);
		if (it->id[0] && it->title[0] && it->keyword[0])
			n_forms++;
	}
	if (d)
		closedir(d);
	qsort(forms, n_forms, sizeof *forms, cmp_form);
}

/* The applicant a form suits: the elderly allowances and pensions' checks an
 * elder, the rest an adult of working age. */
static const char *applicant_for(const char *form_id, const char *elder, const char *adult)
{
	return strstr(form_id, "longevity") || strstr(form_id, "pension_cert") ? elder : adult;
}

/* What submit may answer: the case accepted, or a message of the status
 * line that submit() knows what to do with. */
static const char *const asks[] = {
    ACCEPTED,
    "\u5fc5\u4ea4\u6750\u6599\u672a\u52fe\u9009",         /* material not ticked */
    "\u8bf7\u586b\u624b\u673a\u53f7",                     /* write a mobile number */
    "\u65e5\u671f\u4e0d\u5bf9",                           /* not a real date */
    "\u65e5\u671f\uff1a\u5fc5\u586b",                     /* date: required */
    "\u59d3\u540d\u4e2d\u4e0d\u80fd\u6709\u6570\u5b57",   /* no digits in a name */
    "\u4e0d\u80fd\u5c0f\u4e8e",                           /* not below */
    "\u8eab\u4efd\u8bc1\u53f7\u7801\u5e94\u4e3a18\u4f4d", /* 18 characters */
    "\u5fc5\u586b\uff0c\u8bf7\u586b\u5199",               /* required */
};

static bool answered(vt *v)
{
	for (size_t i = 0; i < sizeof asks / sizeof *asks; i++)
		if (on(v, asks[i]))
			return true;
	return false;
}

/* F9 until the case is accepted, answering what submit asks (other_idno for
 * another person's ID number); false when it stops at something else (a
 * rule of the form). */
static bool submit(vt *v, const char *today, const char *other_idno)
{
	for (int i = 0; i < 24; i++) {
		/* Submit's answer: the case, or what it asks for on the status
		 * line, once that changed (a busy machine and a big registry: up
		 * to 3 s). */
		char *before = vt_row(v, ROWS - 2);
		vt_send(v, VT_F9);
		bool changed = false;
		for (int waited = 0; waited < 3000 && !on(v, ACCEPTED); waited += 50) {
			char *now = vt_row(v, ROWS - 2);
			changed = now && before && strcmp(now, before) != 0;
			free(now);
			if (changed && answered(v))
				break;
			vt_pump(v, 50);
		}
		free(before);
		if (on(v, ACCEPTED))
			return true;
		if (!changed && i > 0)
			return false; /* the same answer again: it does not satisfy it */
		if (on(v, "Y \u662f\uff0cN \u5426")) { /* a yes-no field: no */
			vt_send(v, "n");
			continue;
		}
		if (on(v, "\u5fc5\u4ea4\u6750\u6599\u672a\u52fe\u9009")) /* material not ticked */
			vt_send(v, " ");
		else if (on(v, "\u8bf7\u586b\u624b\u673a\u53f7")) /* write a mobile number */
			vt_send(v, VT_CTRL_U "13588012345");
		else if (on(v, "\u65e5\u671f\u4e0d\u5bf9") || /* not a real date */
		         on(v, "\u65e5\u671f\uff1a\u5fc5\u586b")) {
			vt_send(v, VT_CTRL_U);
			vt_send(v, today);
		} else if (on(v, "\u59d3\u540d\u4e2d\u4e0d\u80fd\u6709\u6570\u5b57")) {
			vt_send(v, VT_CTRL_U "\u738b\u5efa\u56fd"); /* no digits in a name */
		} else if (on(v, "\u4e0d\u80fd\u5c0f\u4e8e")) {
			vt_send(v, VT_CTRL_U "60"); /* not below */
		} else if (on(v, "\u8eab\u4efd\u8bc1\u53f7\u7801\u5e94\u4e3a18\u4f4d")) {
			vt_send(v, VT_CTRL_U); /* an ID number of 18 characters: another's */
			vt_send(v, other_idno);
		} else if (on(v, "\u5fc5\u586b\uff0c\u8bf7\u586b\u5199")) /* required */
			/* The second option: a yes-no question's "no", which the
			 * forms' refusing rules mostly ask about ("has another
			 * house", "already insured"). */
			vt_send(v, "2");
		else
			return false;
	}
	return false;
}

/* Every form the catalogue offers: opened, its applicant picked by the whole
 * ID number, submitted as far as it goes. Counts into taken and tried. */
static void all_forms(vt *v, const char *elder, const char *adult, const char *today, int *taken,
                      int *tried)
{
	for (size_t i = 0; i < n_forms; i++) {
		form_item *it = &forms[i];
		if (!key_until(v, VT_F2, PICK_ZH))
			break;
		vt_send(v, it->keyword);
		vt_pump(v, 300);
		if (!see(v, it->title, 2000)) {
			printf("    %-28s not offered to the clerk\n", it->id);
			go_home(v);
			continue;
		}
		vt_send(v, VT_ENTER);
		vt_pump(v, 300);
		if (on(v, DRAFT_ZH) && on(v, "[Y]"))
			vt_send(v, "n"); /* a fresh form */
		(*tried)++;
		const char *who = applicant_for(it->id, elder, adult);
		if (see(v, SEARCH, 3000)) {
			vt_send(v, who);
			vt_pump(v, 400);
			if (on(v, SEARCH))
				vt_send(v, VT_ENTER);
		}
		vt_pump(v, 300);
		vt_send(v, VT_F12);
		bool ok = submit(v, today, who == elder ? adult : elder);
		*taken += ok;
		char *status = vt_row(v, ROWS - 2);
		printf("    %-28s %s\n", it->id, ok ? "accepted" : status ? status : "");
		free(status);
		if (ok)
			vt_send(v, VT_ENTER);
		go_home(v);
	}
}

/* ---- references ------------------------------------------------------------------- */

/* A program under the same pty until text shows, then its VmRSS/VmHWM. */
static bool reference(char *const argv[], const char *send, const char *text, long *rss, long *hwm)
{
	vt *v = vt_spawn(argv, env, ROWS, COLS);
	if (!v)
		return false;
	bool ok = true;
	if (send) {
		vt_pump(v, 300);
		vt_send(v, send);
	}
	ok = see(v, text, 20000);
	vt_pump(v, 300);
	*rss = status_kb(vt_pid(v), "VmRSS:");
	*hwm = status_kb(vt_pid(v), "VmHWM:");
	vt_close(v);
	return ok && *rss > 0;
}

/* ---- the day ---------------------------------------------------------------------- */

static bool login(vt *v, const char *user)
{
	if (!see(v, LOGIN_ZH, 30000))
		return false;
	vt_send(v, user);
	vt_send(v, VT_ENTER "demo1234" VT_ENTER);
	return see(v, HOME_ZH, 30000);
}

static bool searches(vt *v, const char *adult)
{
	const char *queries[] = {"zs", "zhs", "wjh", "13-1-1504", adult + 12};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		vt_send(v, VT_F3);
		if (!see(v, FIND_ZH, 10000))
			return false;
		vt_send(v, queries[i]);
		vt_pump(v, 1000);
		vt_send(v, VT_ENTER); /* the first hit, if any */
		vt_pump(v, 500);
		if (!go_home(v))
			return false;
	}
	return true;
}

/* A residence certificate (the station's most common paper) of r, both
 * papers to the cupsd, then reprinted from the case view (R receipt, P A4). */
static bool printing(vt *v, const char *r)
{
	if (!key_until(v, VT_F2, PICK_ZH))
		return false;
	vt_send(v, "jzzm");
	if (!see(v, "\u5c45\u4f4f\u8bc1\u660e", 3000))
		return false;
	vt_send(v, VT_ENTER);
	vt_pump(v, 300);
	if (on(v, DRAFT_ZH) && on(v, "[Y]"))
		vt_send(v, "n");
	if (!see(v, SEARCH, 3000))
		return false;
	vt_send(v, r);
	vt_pump(v, 400);
	if (on(v, SEARCH))
		vt_send(v, VT_ENTER);
	vt_pump(v, 300);
	vt_send(v, "1" VT_F12);
	if (!submit(v, "2019-03-01", r) || !see(v, "\u5df2\u9001\u6253\u5370\u673a a4", 20000))
		return false;
	char *line = vt_text(v), number[40] = "";
	char *at = line ? strstr(line, ACCEPTED) : NULL;
	if (at)
		sscanf(at + strlen(ACCEPTED), " %39s", number);
	free(line);
	vt_send(v, VT_ENTER);
	if (!go_home(v) || !number[0])
		return false;
	if (!key_until(v, VT_F4, "\u6309\u7f16\u53f7")) /* by number */
		return false;
	vt_send(v, "\033[18~");                                          /* F7 */
	if (!see(v, "\u6309\u7f16\u53f7\u6253\u5f00\u529e\u4ef6", 5000)) /* open a case */
		return false;
	vt_send(v, number);
	vt_send(v, VT_ENTER);
	if (!see(v, number, 5000))
		return false;
	vt_send(v, "r");
	vt_pump(v, 3000);
	vt_send(v, "p");
	vt_pump(v, 4000);
	return go_home(v);
}

/* The head: L, the case register of this month saved as .xlsx. */
static bool ledgers(vt *v)
{
	vt_send(v, VT_F10);
	if (!login(v, "zhaozhan"))
		return false;
	vt_send(v, "L");
	if (!see(v, "\u529e\u4ef6\u767b\u8bb0\u7c3f", 10000)) /* the case register */
		return false;
	vt_send(v, VT_ENTER);
	if (!see(v, "xlsx", 5000))
		return false;
	vt_send(v, VT_ENTER);
	vt_pump(v, 500);
	vt_send(v, VT_ENTER VT_ENTER);
	if (!see(v, "\u5df2\u4fdd\u5b58", 60000)) /* saved */
		return false;
	vt_send(v, VT_ENTER);
	return go_home(v);
}

static void row(const char *what, long kb, const char *ref, long ref_kb)
{
	printf("| %s | %.1f MB | %.1f MB (%s) | %.2f |\n", what, kb / 1024.0, ref_kb / 1024.0, ref,
	       ref_kb > 0 ? (double)kb / (double)ref_kb : 0.0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s /path/to/yizhan\n", argv[0]);
		return 2;
	}
	const char *n = getenv("YZ_BENCH_RESIDENTS") ? getenv("YZ_BENCH_RESIDENTS") : "1000000";
	char home[PATH_MAX], db_path[PATH_MAX + 16];
	if (bench_station(argv[1], "yzmem20", home) != 0)
		return 1;
	snprintf(db_path, sizeof db_path, "%s/station.db", home);
	if (!getenv("CUPS_SERVER"))
		fprintf(stderr, "no private cupsd (run under tests/lib/with-cupsd): papers fail\n");

	/* Applicants: an elder of 85 to 95, an adult woman of 30 to 45. */
	char elder[24] = "", adult[24] = "", today[11];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	sqlite3 *db;
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    !resident(db, "birth BETWEEN date('now', '-95 years') AND date('now', '-85 years')",
	              elder) ||
	    !resident(db,
	              "female = 1 AND birth BETWEEN date('now', '-45 years') AND"
	              " date('now', '-30 years')",
	              adult)) {
		fprintf(stderr, "no elder or adult in the station's registry\n");
		return 1;
	}
	sqlite3_close(db);
	read_forms();

	char loadavg[64] = "";
	FILE *la = fopen("/proc/loadavg", "r");
	if (la && fgets(loadavg, sizeof loadavg, la))
		loadavg[strcspn(loadavg, "\n")] = '\0';
	if (la)
		fclose(la);
	printf("a day at the counter, %s residents (load average %s):\n", n, loadavg);

	double t0 = now_s();
	char *args[] = {argv[1], "--home", home, NULL};
	vt *v = vt_spawn(args, env, ROWS, COLS);
	int taken = 0, tried = 0;
	bool ok = v && see(v, LOGIN_ZH, 30000);
	if (ok)
		record(v, "start");
	ok = ok && login(v, "zhangli");
	if (ok)
		record(v, "login");
	ok = ok && searches(v, adult);
	if (ok)
		record(v, "search");
	if (ok) {
		all_forms(v, elder, adult, today, &taken, &tried);
		ok = on(v, HOME_ZH);
		printf("    %d of %d forms accepted\n", taken, tried);
		record(v, "forms");
	}
	char r[24];
	sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL);
	ok = ok && resident(db, "birth < date('now', '-20 years')", r);
	sqlite3_close(db);
	ok = ok && printing(v, r);
	if (ok)
		record(v, "print");
	ok = ok && ledgers(v);
	if (ok)
		record(v, "ledgers");
	if (v) {
		vt_send(v, VT_F10);
		vt_pump(v, 500);
		vt_send(v, VT_F10);
		vt_wait_exit(v, 10000);
		vt_close(v);
	}
	printf("  the day took %.0f s\n", now_s() - t0);

	/* References, the same pty and locale. */
	long d_rss = -1, d_hwm = -1, q_rss = -1, q_hwm = -1;
	char *dialog[] = {"/usr/bin/dialog", "--inputbox", "\u59d3\u540d", "8", "40", NULL};
	char *shell[] = {"/usr/bin/sqlite3", db_path, NULL};
	bool refs = reference(dialog, NULL, "\u53d6\u6d88", &d_rss, &d_hwm); /* Cancel */
	refs = reference(shell, "SELECT count(*) FROM residents;\r", n, &q_rss, &q_hwm) && refs;
	printf("  dialog --inputbox: VmRSS %ld kB VmHWM %ld kB; sqlite3 shell after SELECT "
	       "count(*) FROM residents: VmRSS %ld kB VmHWM %ld kB\n",
	       d_rss, d_hwm, q_rss, q_hwm);

	long last = n_phases ? phases[n_phases - 1].rss : -1, peak = 0, top = 0;
	for (int i = 0; i < n_phases; i++) {
		top = phases[i].rss > top ? phases[i].rss : top;
		peak = phases[i].hwm > peak ? phases[i].hwm : peak;
	}
	printf("README rows (goal: VmRSS <= 16 MB after the day):\n");
	for (int i = 0; i < n_phases; i++) {
		char what[128];
		snprintf(what, sizeof what, "RSS after %s (%s residents)", phases[i].what, n);
		row(what, phases[i].rss, "dialog --inputbox", d_rss);
	}
	row("RSS after the day", last, "sqlite3 shell after count(*)", q_rss);
	row("peak RSS of the day (VmHWM)", peak, "sqlite3 shell VmHWM", q_hwm);
	printf("RSS after the day %ld kB, highest after a phase %ld kB: %s\n", last, top,
	       ok && top <= 16384 ? "goal met"
	       : ok               ? "GOAL MISSED"
	                          : "the day did not complete");

	if (!getenv("YZ_BENCH_HOME")) {
		char cmd[PATH_MAX + 16];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
		if (system(cmd) != 0)
			return 1;
	}
	return ok && refs ? 0 : 1;
}
