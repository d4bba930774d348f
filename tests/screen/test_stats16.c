/* The statistics and ledgers screens (issue 16), the real binary under a pty
 * read back through libvterm, in the Chinese UI:
 *  - the station head opens the statistics with F11 on this month; Left goes
 *    to the month before; Y, Left and M go to January of last year, a month
 *    whose cases this test made (the demo's are all of this year): there the
 *    figures and the summary sentence are the known ones at 80x24;
 *  - the line chart's bars are in proportion to the figures (in eighths of a
 *    cell), also after the terminal grew; the ratings chart counts per score;
 *    on a GB18030 terminal the bars are '#' cells, in proportion too;
 *  - a clerk's home neither shows nor takes F11 (nor L);
 *  - L opens the ledgers; the first (the case register) saved as .xlsx lands
 *    in the station's save folder with the month in its name, its rows told.
 *
 * The known month M (January of last year):
 *   social assistance (she hui jiu zhu), 4 cases: one closed on time and
 *     rated 1, one closed late and rated 5 (its follow-up left open), one
 *     open and past its promised date at M's end, one open and not due;
 *   old age and disability (lao nian yu can ji), 2 cases: one closed on
 *     time and rated 2, one open and not due.
 *   So: accepted 6, finished 3, on time 2 (66.7%), late 1, overdue and
 *   open 1, open at the end 3, rated 3 (66.7% satisfied), bad 1, followed
 *   up 0; the bars 4:2 accepted and 2:1 finished.
 * Chinese text as \u escapes (no Chinese in C sources). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

#define VT_F11   "\033[23~"
#define HEAD     "zhaozhan"
#define CLERK    "zhangli"
#define LOGIN_ZH "\u8bf7\u767b\u5f55"             /* please log in */
#define HOME_ZH  "\u4eca\u65e5\u53d7\u7406"       /* accepted today */
#define BY_LINE  "\u6309\u4e1a\u52a1\u7ebf"       /* by line (the chart's tab) */
#define STATS_ZH "\u7edf\u8ba1"                   /* statistics */
#define LEDGERS  "\u53f0\u8d26"                   /* ledgers */
#define REGISTER "\u529e\u4ef6\u767b\u8bb0\u7c3f" /* the case register */
#define LINE_SA  "\u793e\u4f1a\u6551\u52a9"       /* social assistance */
#define LINE_OA  "\u8001\u5e74\u4e0e\u6b8b\u75be" /* old age and disability */
#define SAVED_ZH "\u5df2\u4fdd\u5b58"             /* saved */
#define VERY_SAT "\u975e\u5e38\u6ee1\u610f"       /* very satisfied */

/* The known month: year and month. */
static int m_year, m_month;

static void day_of_m(int d, char out[11])
{
	snprintf(out, 11, "%04d-%02d-%02d", m_year, m_month, d);
}

/* Local noon of day d of M: the moment the store stamps what follows. */
static time_t noon(int d)
{
	struct tm tm = {0};
	tm.tm_year = m_year - 1900;
	tm.tm_mon = m_month - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* One known case: accepted on day acc with promised date due ("" = far
 * ahead), closed on day closed (0 = open) and rated score (0 = not). */
typedef struct known {
	const char *form, *item, *line;
	int acc, due, closed, score;
} known;

static const known cases[] = {
    {"subsistence_allowance", "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7", LINE_SA, 5, 25,
     12, 1},
    {"subsistence_allowance", "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7", LINE_SA, 5, 10,
     20, 5},
    {"subsistence_allowance", "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7", LINE_SA, 6, 15, 0,
     0},
    {"subsistence_allowance", "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7", LINE_SA, 7, 0, 0,
     0},
    {"longevity_allowance", "\u9ad8\u9f84\u6d25\u8d34\u7533\u8bf7", LINE_OA, 5, 25, 8, 2},
    {"longevity_allowance", "\u9ad8\u9f84\u6d25\u8d34\u7533\u8bf7", LINE_OA, 6, 0, 0, 0},
};

static int add_known(yz_store *st, const char *code, const yz_resident *r, const known *k,
                     yz_err *err)
{
	char acc[11], due[11], closed[11];
	time_t at = noon(k->acc);
	day_of_m(k->acc, acc);
	if (k->due)
		day_of_m(k->due, due);
	else
		snprintf(due, sizeof due, "2999-01-01");
	yz_case_new in = {
	    .form_id = k->form,
	    .item = k->item,
	    .line = k->line,
	    .resident_id = r->id,
	    .clerk_login = CLERK,
	    .accepted_date = acc,
	    .due_date = due,
	    .status = YZ_CASE_ACCEPTED,
	    .state = "received",
	    .promise_days = 15,
	    .legal_days = 20,
	};
	yz_case c;
	yz_store_set_clock(st, yz_clock_fixed(&at));
	int rc = yz_case_create(st, code, m_year, &in, &c, err);
	if (rc == 0 && k->closed) {
		at = noon(k->closed);
		day_of_m(k->closed, closed);
		yz_act a = {.actor = CLERK, .today = closed};
		rc = yz_case_close(st, c.id, "done", YZ_RESULT_APPROVED, &a, err);
		if (rc == 0 && k->score)
			rc = yz_case_rate(st, c.id, k->score, "", closed, false, &a, NULL, err);
	}
	yz_store_set_clock(st, yz_clock_real());
	return rc;
}

/* A demo station and the known month's cases. */
static int group_setup(void **state)
{
	(void)state;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	m_year = tm.tm_year + 1900 - 1; /* January of last year */
	m_month = 1;
	if (scr_station("yzstats", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err = {{0}};
	yz_resident r;
	char code[17] = "";
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_resident_get(st, 1, &r, &err);
	if (rc == 0 && yz_store_meta_get(st, "station_code", code, sizeof code, &err) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < sizeof cases / sizeof cases[0]; i++)
		rc = add_known(st, code[0] ? code : "DEMO01", &r, &cases[i], &err);
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

/* The period's label as the screen shows it: "2026年9月"; month 0: the
 * year's, "2026年". */
static void month_label(int year, int month, char *out, size_t n)
{
	if (month)
		snprintf(out, n, "%d\u5e74%d\u6708", year, month);
	else
		snprintf(out, n, "%d\u5e74 ", year);
}

/* Whether one of the figures' rows (2 to 5 at 80x24, under the title and the
 * period) holds label followed by one space and value, then a blank or the
 * row's end (so "6" does not match "60", nor the summary sentence below). */
static bool see_figure(vt *v, const char *label, const char *value)
{
	char want[128];
	snprintf(want, sizeof want, "%s %s", label, value);
	for (int wait = 0; wait < 50; wait++) {
		for (int y = 2; y <= 5; y++) {
			char *row = vt_row(v, y);
			bool found = false;
			for (const char *p = row; !found && (p = strstr(p, want)) != NULL; p++) {
				char after = p[strlen(want)];
				/* a label, not the end of a longer one ("ban jie" in "an shi ban
				 * jie") */
				bool start = p == row || p[-1] == ' ';
				found = start && (after == ' ' || after == '\0');
			}
			free(row);
			if (found)
				return true;
		}
		vt_pump(v, 100);
	}
	fprintf(stderr, "expected the figure \"%s\"\n", want);
	vt_dump(v);
	return false;
}

/* The eighths of a cell in the block-character runs of row y: runs[0] the
 * first bar, runs[1] the second; returns how many runs. */
static int bar_runs(vt *v, int y, int runs[2])
{
	static const char *const part[] = {"\u258f", "\u258e", "\u258d", "\u258c",
	                                   "\u258b", "\u258a", "\u2589", "\u2588"};
	char *row = vt_row(v, y);
	int n = 0;
	bool in = false;
	runs[0] = runs[1] = 0;
	for (const char *p = row; *p;) {
		int e = 0;
		for (int i = 0; i < 8; i++)
			if (!strncmp(p, part[i], strlen(part[i]))) {
				e = i + 1;
				p += strlen(part[i]);
				break;
			}
		if (!e) {
			in = false;
			p++;
			continue;
		}
		if (!in) {
			in = true;
			n++;
		}
		if (n <= 2)
			runs[n - 1] += e;
	}
	free(row);
	return n;
}

/* a is b times factor, give or take the rounding to an eighth. */
static bool in_proportion(int a, int b, int factor)
{
	return b > 0 && abs(a - factor * b) <= factor;
}

static void check_bars(vt *v)
{
	int sa[2], oa[2];
	int ysa = vt_row_of(v, LINE_SA " "), yoa = vt_row_of(v, LINE_OA " ");
	if (ysa < 0 || yoa < 0 || bar_runs(v, ysa, sa) != 2 || bar_runs(v, yoa, oa) != 2) {
		fprintf(stderr, "expected two bars on the lines' rows\n");
		vt_dump(v);
		fail();
	}
	fprintf(stderr, "bars (eighths): %s %d %d, %s %d %d\n", LINE_SA, sa[0], sa[1], LINE_OA,
	        oa[0], oa[1]);
	assert_true(in_proportion(sa[0], oa[0], 2)); /* accepted 4 : 2 */
	assert_true(in_proportion(sa[0], sa[1], 2)); /* 4 accepted : 2 finished */
	assert_true(in_proportion(sa[1], oa[1], 2)); /* finished 2 : 1 */
	assert_true(in_proportion(sa[0], oa[1], 4)); /* 4 : 1 */
}

static vt *head_on_stats(int rows, int cols)
{
	vt *v = scr_start(scr_env_zh, rows, cols, NULL);
	scr_login(v, LOGIN_ZH, HEAD, "demo1234");
	SEE(v, HOME_ZH);
	vt_send(v, VT_F11);
	SEE(v, BY_LINE);
	return v;
}

static void test_head_sees_the_month(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, LOGIN_ZH, HEAD, "demo1234");
	SEE(v, HOME_ZH);
	vt_send(v, VT_F1); /* the head's keys list F11 and L */
	SEE(v, "F11");
	SEE(v, STATS_ZH);
	vt_esc(v);
	SEE(v, HOME_ZH);
	vt_send(v, VT_F11);
	SEE(v, BY_LINE);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char label[32];
	month_label(tm.tm_year + 1900, tm.tm_mon + 1, label, sizeof label);
	SEE(v, label); /* this month first */
	/* Left: the month before. */
	int prev = tm.tm_year * 12 + tm.tm_mon - 1;
	month_label(prev / 12 + 1900, prev % 12 + 1, label, sizeof label);
	vt_send(v, VT_LEFT);
	SEE(v, label);
	vt_send(v, "Y"); /* this year */
	month_label(tm.tm_year + 1900, 0, label, sizeof label);
	SEE(v, label);
	vt_send(v, VT_LEFT); /* last year */
	vt_send(v, "M");     /* its first month */
	month_label(m_year, m_month, label, sizeof label);
	SEE(v, label);
	/* The known figures. */
	assert_true(see_figure(v, "\u53d7\u7406", "6"));                     /* accepted */
	assert_true(see_figure(v, "\u529e\u7ed3", "3"));                     /* finished */
	assert_true(see_figure(v, "\u6309\u65f6\u529e\u7ed3", "2 (66.7%)")); /* on time */
	assert_true(see_figure(v, "\u8d85\u65f6\u529e\u7ed3", "1"));         /* late */
	assert_true(see_figure(v, "\u903e\u671f\u672a\u7ed3", "1"));         /* overdue, open */
	assert_true(see_figure(v, "\u671f\u672b\u5728\u529e", "3"));         /* open at the end */
	assert_true(see_figure(v, "\u8bc4\u4ef7", "3\uff08\u6ee1\u610f 66.7%\uff09"));   /* rated */
	assert_true(see_figure(v, "\u5dee\u8bc4", "1\uff08\u5df2\u56de\u8bbf 0\uff09")); /* bad */
	/* The summary sentence, in the reports' words. */
	SEE(v, "\u53d7\u7406\u5404\u7c7b\u4e8b\u9879 6 \u9879"); /* accepted ... 6 */
	SEE(v, "\u5df2\u529e\u7ed3 3 \u9879");                   /* finished 3 */
	/* The line chart: bars in proportion. */
	SEE(v, LINE_SA);
	check_bars(v);
	/* Wider and taller: the bars grow, still in proportion. */
	int before[2], after[2];
	bar_runs(v, vt_row_of(v, LINE_SA " "), before);
	vt_resize(v, 30, 120);
	vt_pump(v, 500);
	SEE(v, LINE_SA);
	check_bars(v);
	bar_runs(v, vt_row_of(v, LINE_SA " "), after);
	assert_true(after[0] > before[0]);
	vt_resize(v, 24, 80);
	vt_pump(v, 500);
	/* The ratings chart: one of scores 1, 2 and 5. */
	vt_send(v, "3");
	SEE(v, VERY_SAT);
	int y = vt_row_of(v, "1 " VERY_SAT);
	assert_true(y >= 0);
	char *row = vt_row(v, y), *p = strstr(row, VERY_SAT) + strlen(VERY_SAT);
	while (*p == ' ')
		p++;
	assert_memory_equal(p, "1 \u2588", strlen("1 \u2588")); /* one, and its bar */
	free(row);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

static void test_clerk_has_no_statistics(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, LOGIN_ZH, CLERK, "demo1234");
	SEE(v, HOME_ZH);
	assert_true(vt_row_of(v, "F11") < 0); /* not in the key bar */
	vt_send(v, VT_F11);
	assert_false(vt_wait_for(v, BY_LINE, 800));
	vt_send(v, "L");
	assert_false(vt_wait_for(v, REGISTER, 800));
	/* Nor in F1's list of keys. */
	vt_send(v, VT_F1);
	SEE(v, "F10");
	assert_true(vt_row_of(v, "F11") < 0);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

/* The lengths of the runs of '#' on row y (at most two). */
static int hash_runs(vt *v, int y, int runs[2])
{
	char *row = vt_row(v, y);
	int n = 0;
	runs[0] = runs[1] = 0;
	for (const char *p = row; *p; p++) {
		if (*p != '#')
			continue;
		if (p == row || p[-1] != '#')
			n++;
		if (n <= 2)
			runs[n - 1]++;
	}
	free(row);
	return n;
}

/* A GB18030 terminal (a station console): the bars are '#' cells, no block
 * characters, still in proportion. */
static void test_gb18030_bars(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_gb, 24, 80, "GB18030");
	scr_login(v, LOGIN_ZH, HEAD, "demo1234");
	SEE(v, HOME_ZH);
	vt_send(v, VT_F11);
	SEE(v, BY_LINE);
	vt_send(v, "Y");
	vt_send(v, VT_LEFT);
	vt_send(v, "M");
	char label[32];
	month_label(m_year, m_month, label, sizeof label);
	SEE(v, label);
	SEE(v, LINE_OA);
	int sa[2], oa[2];
	assert_int_equal(hash_runs(v, vt_row_of(v, LINE_SA " "), sa), 2);
	assert_int_equal(hash_runs(v, vt_row_of(v, LINE_OA " "), oa), 2);
	assert_true(vt_row_of(v, "\u2588") < 0);
	assert_true(abs(sa[0] - 2 * oa[0]) <= 1); /* 4 : 2, to a cell */
	assert_true(abs(sa[0] - 2 * sa[1]) <= 1); /* 4 : 2 */
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

/* Files in the save folder whose name ends with suffix; the first into path. */
static int saved_files(const char *suffix, char *path, size_t n)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/printed", scr_home());
	DIR *d = opendir(dir);
	int count = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name), sl = strlen(suffix);
		if (len >= sl && !strcmp(e->d_name + len - sl, suffix)) {
			if (!count++)
				snprintf(path, n, "%s/%s", dir, e->d_name);
		}
	}
	if (d)
		closedir(d);
	return count;
}

static void test_ledger_saved_as_xlsx(void **state)
{
	(void)state;
	vt *v = head_on_stats(24, 80);
	vt_send(v, "Y");
	vt_send(v, VT_LEFT);
	vt_send(v, "M");
	char label[32], suffix[64], path[PATH_MAX + 300];
	month_label(m_year, m_month, label, sizeof label);
	SEE(v, label);
	vt_send(v, "L");
	SEE(v, REGISTER); /* the list of ledgers, the case register first */
	SEE(v, "case_register");
	vt_send(v, VT_ENTER);
	SEE(v, "xlsx"); /* the formats: the workbook first */
	vt_send(v, VT_ENTER);
	char from[11], to[11];
	day_of_m(1, from);
	day_of_m(31, to);
	SEE(v, from); /* the period, the month's dates offered */
	SEE(v, to);
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER);
	SEE(v, SAVED_ZH);
	SEE(v, "\u5171 6 \u884c"); /* "6 rows": the six cases of the month */
	snprintf(suffix, sizeof suffix, "-case_register-%04d-%02d.xlsx", m_year, m_month);
	assert_int_equal(saved_files(suffix, path, sizeof path), 1);
	FILE *f = fopen(path, "rb");
	char magic[2] = {0};
	assert_non_null(f);
	assert_int_equal(fread(magic, 1, 2, f), 2);
	fclose(f);
	assert_memory_equal(magic, "PK", 2); /* a zip: an xlsx workbook */
	vt_send(v, VT_ENTER);                /* the message acknowledged */
	vt_esc(v);
	SEE(v, BY_LINE);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_head_sees_the_month),
	    cmocka_unit_test(test_clerk_has_no_statistics),
	    cmocka_unit_test(test_gb18030_bars),
	    cmocka_unit_test(test_ledger_saved_as_xlsx),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
