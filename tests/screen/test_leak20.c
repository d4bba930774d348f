/* Issue 20, memory: no growth over 1,000 intakes in one session. The real
 * binary under a pty, one clerk logged in once, serves YZ_LEAK_INTAKES
 * (default 1000) residence certificates (居住证明) of known demo residents
 * with the fewest keys (flows.h: F2, the item's digit, the ID ending, the
 * usual purpose, F12, F9), then Enter back home. The UI's VmRSS is read after
 * 10%, 25%, 50%, 75% and 100% of the intakes (100, 250, 500, 750 and 1000);
 * the test fails when it grew by more than YZ_LEAK_BOUND_KB (default 1024)
 * from the first sample to the last. Every sample is printed.
 *
 * The papers: rendering a receipt and an A4 certificate takes the print
 * child (src/print/loader.c: a forked process, whose memory is never the
 * UI's) up to a second on a busy machine, more than a thousand intakes can
 * afford. So those intakes run with the render module absent: each paper
 * goes through the UI's side of printing (the document built, the job row,
 * the child forked) and fails at once into the reprint list. A second
 * session then serves YZ_LEAK_PRINTED (default 20) more with both papers
 * printed at the private cupsd of tests/lib/with-cupsd (captured), and
 * fails on more growth than YZ_LEAK_PRINT_BOUND_KB (default 512).
 *
 * Under ASan (tests/screen/meson.build) the suite asks for fewer intakes with
 * a small quarantine and a looser bound; LeakSanitizer's own check when the
 * program exits (with 0) counts as well.
 *
 * usage: test_leak20 /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "flows.h"
#include "screen_fixture.h"
#include "yizhan/store.h"

enum { SAMPLES = 5 };

/* The fractions of the intakes after which RSS is read, in per mille. */
static const int sample_at[SAMPLES] = {100, 250, 500, 750, 1000};
/* With papers printed, the first ones still grow the UI a little (the
 * print path's first use): the samples start at a quarter. */
static const int print_sample_at[SAMPLES] = {250, 440, 625, 810, 1000};

static long intakes = 1000;       /* YZ_LEAK_INTAKES */
static long bound_kb = 1024;      /* YZ_LEAK_BOUND_KB */
static long printed = 20;         /* YZ_LEAK_PRINTED: intakes with papers printed */
static long print_bound_kb = 512; /* YZ_LEAK_PRINT_BOUND_KB */

/* The ID endings (4 to 6 characters) that name one resident each for sure;
 * each served once (a second open certificate would be a duplicate). */
static char (*suffix)[8];
static long n_suffix;

static long env_long(const char *name, long dflt)
{
	const char *s = getenv(name);
	return s && *s ? strtol(s, NULL, 10) : dflt;
}

/* The shortest ending of r's ID number, 4 to 6 characters, that the registry
 * finds only r by and that starts no longer ending: the applicant's search
 * then picks r as it is typed (yz_service_resident_sure). */
static bool sure_ending(yz_store *st, const yz_resident *r, char out[8])
{
	size_t len = strlen(r->idno);
	for (size_t k = 4; k <= 6 && len == 18; k++) {
		const char *q = r->idno + len - k;
		yz_search_hit hits[2];
		size_t n = 0;
		bool more = true;
		if (yz_registry_search(st, q, hits, 2, &n, NULL) != 0 || n != 1 ||
		    hits[0].r.id != r->id || yz_resident_idno_more(st, q, &more, NULL) != 0 || more)
			continue;
		snprintf(out, 8, "%s", q);
		return true;
	}
	return false;
}

/* Residents with a residence start and an address (the certificate needs
 * both from the registry) and a sure ID ending. */
static int pick_residents(yz_store *st)
{
	long count = yz_resident_count(st);
	long want = intakes + printed;
	suffix = calloc((size_t)want, sizeof *suffix);
	if (!suffix)
		return -1;
	for (long id = 1; id <= count && n_suffix < want; id++) {
		yz_resident r;
		if (yz_resident_get(st, id, &r, NULL) != 0 || !r.since[0] || !r.address[0])
			continue;
		if (sure_ending(st, &r, suffix[n_suffix]))
			n_suffix++;
	}
	if (n_suffix < want) {
		fprintf(stderr,
		        "the demo registry has %ld residents with a sure ID ending, not %ld\n",
		        n_suffix, want);
		return -1;
	}
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	intakes = env_long("YZ_LEAK_INTAKES", intakes);
	bound_kb = env_long("YZ_LEAK_BOUND_KB", bound_kb);
	printed = env_long("YZ_LEAK_PRINTED", printed);
	print_bound_kb = env_long("YZ_LEAK_PRINT_BOUND_KB", print_bound_kb);
	if (intakes < 10 || printed < 5) {
		fprintf(stderr, "YZ_LEAK_INTAKES: at least 10; YZ_LEAK_PRINTED: at least 5\n");
		return -1;
	}
	setenv("LANG", "zh_CN.UTF-8", 1);
	/* Enough residents that the intakes find as many with a sure ending. */
	char residents[32];
	snprintf(residents, sizeof residents, "%ld", (intakes + printed) * 2 + 200);
	const char *const extra[] = {"--residents", residents, NULL};
	if (scr_station("yzleak", extra) != 0)
		return -1;
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = pick_residents(st);
	yz_store_close(st);
	return rc;
}

static int group_teardown(void **state)
{
	free(suffix);
	return scr_teardown(state);
}

/* Wait until text or other (NULL: none) is on the screen, looking every 2 ms;
 * false (the screen shown) after VT_TIMEOUT. */
static bool see_either(vt *v, const char *text, const char *other)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		vt_pump(v, 0);
		if (vt_row_of(v, text) >= 0 || (other && vt_row_of(v, other) >= 0))
			return true;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 > VT_TIMEOUT)
			break;
		vt_pump(v, 2);
	}
	fprintf(stderr, "expected on screen: %s\n", text);
	vt_dump(v);
	return false;
}

static bool see(vt *v, const char *text)
{
	return see_either(v, text, NULL);
}

/* The UI process's VmRSS in kB, -1 when unreadable. */
static long rss_kb(vt *v)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%ld/status", (long)vt_pid(v));
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = atol(line + 6);
	if (f)
		fclose(f);
	return kb;
}

/* The UI process's CPU time so far (user + system), in seconds. */
static double cpu_s(vt *v)
{
	char path[64], buf[1024];
	unsigned long ut = 0, st = 0;
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)vt_pid(v));
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	/* After the command's name in parentheses: state is field 3, utime 14. */
	const char *p = strrchr(buf, ')');
	if (!p ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return 0;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* The digit the catalogue shows in front of the certificate, '\0' if none. */
static char item_digit(vt *v)
{
	for (char d = '1'; d <= '9'; d++) {
		char want[32];
		snprintf(want, sizeof want, "%c  居住证明", d);
		if (vt_row_of(v, want) >= 0)
			return d;
	}
	return '\0';
}

/* Whether the purpose row shows one of the options (the usual one). */
static bool purpose_set(vt *v)
{
	static const char *const options[] = {"子女入学", "就业", "办理居住证", "银行开户",
	                                      "社保医保"};
	int row = vt_row_of(v, "证明用途");
	char *text = row >= 0 ? vt_row(v, row) : NULL;
	bool set = false;
	for (size_t i = 0; text && !set && i < sizeof options / sizeof options[0]; i++)
		set = strstr(text, options[i]) != NULL;
	free(text);
	return set;
}

/* How the papers of each intake end: at the private cupsd, or failing at
 * once (the render module absent: the document built, its job row written,
 * the print child forked, and the job left in the reprint list). */
typedef enum { PAPERS_PRINTED, PAPERS_FAIL } papers;

/* One certificate from the home screen back to it: flow_residence's keys,
 * written at once (vt_send reads 20 ms after each). */
static bool intake(vt *v, const char *ending, papers how)
{
	vt_send_now(v, VT_F2);
	if (!see(v, "选择事项"))
		return false;
	char d[2] = {item_digit(v), '\0'};
	if (d[0]) {
		vt_send_now(v, d);
	} else {
		vt_send_now(v, "jzzm");
		if (!see(v, "居住证明"))
			return false;
		vt_send_now(v, VT_ENTER);
	}
	if (!see(v, "申请人"))
		return false;
	vt_send_now(v, ending);
	/* The form past the applicant (picked as typed). The purpose starts with
	 * the station's usual one; with none, the first (for school), as
	 * flow_residence does. */
	if (!see(v, "居住起始日期") || !see(v, "证明用途"))
		return false;
	if (!purpose_set(v))
		vt_send_now(v, "1");
	vt_send_now(v, VT_F12);
	if (!see(v, "全部材料已勾选"))
		return false;
	vt_send_now(v, VT_F9);
	if (!see(v, "已受理：办件编号"))
		return false;
	if (how == PAPERS_PRINTED ? !see(v, "回执：已送打印机") || !see(v, "已送打印机 a4")
	                          : !see_either(v, "回执：打印失败", "回执：已送打印机") ||
	                                !see_either(v, "居住证明：打印失败", "已送打印机 a4"))
		return false;
	vt_send_now(v, VT_ENTER);
	return see(v, "今日受理");
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* n intakes in one session of the clerk, the residents from first on; VmRSS
 * after 10%, 25%, 50%, 75% and 100% of them; fails on more growth than
 * bound from the first sample to the last. */
static void intakes_in_one_session(const char *const env[], long first, long n, papers how,
                                   long bound)
{
	const int *when = how == PAPERS_PRINTED ? print_sample_at : sample_at;
	long rss[SAMPLES], at[SAMPLES];
	int next = 0;
	struct timespec t0;

	vt *v = scr_start(env, 24, 80, NULL);
	scr_login(v, "请登录", "zhangli", "demo1234");
	SEE(v, "今日受理");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	double cpu0 = cpu_s(v);
	for (long i = 1; i <= n; i++) {
		if (!intake(v, suffix[first + i - 1], how)) {
			fprintf(stderr, "intake %ld of %ld (ID ending %s) did not go through\n", i,
			        n, suffix[first + i - 1]);
			fail();
		}
		while (next < SAMPLES && i == (n * when[next] + 999) / 1000) {
			at[next] = i;
			rss[next++] = rss_kb(v);
		}
	}
	double took = seconds_since(&t0), cpu = cpu_s(v) - cpu0;
	printf("%ld intakes of a residence certificate in one session, %s: %.1f s (%.0f ms "
	       "each, the UI's CPU %.0f ms each); VmRSS",
	       n,
	       how == PAPERS_PRINTED ? "receipt and A4 printed to the private cupsd"
	                             : "receipt and A4 failing at once (no render module)",
	       took, took * 1e3 / (double)n, cpu * 1e3 / (double)n);
	for (int k = 0; k < SAMPLES; k++)
		printf(" %ld kB after %ld%s", rss[k], at[k], k + 1 < SAMPLES ? "," : ";");
	long growth = rss[SAMPLES - 1] - rss[0];
	printf(" growth %+ld kB from intake %ld to %ld (bound %ld kB)\n", growth, at[0],
	       at[SAMPLES - 1], bound);
	fflush(stdout);
	for (int k = 0; k < SAMPLES; k++)
		assert_true(rss[k] > 0);
	assert_true(growth <= bound);
	/* Out cleanly: under ASan, LeakSanitizer's check at exit must pass too. */
	scr_quit(v, "请登录");
}

/* The thousand intakes. Each paper goes through the UI's side of printing
 * and fails at once, as with the printing components missing: rendering
 * happens in a child process (src/print/loader.c), whose memory is not the
 * UI's, and takes a second a certificate on a busy machine, which a thousand
 * intakes cannot afford. */
static void test_no_growth_over_intakes(void **state)
{
	(void)state;
	static const char *const env[] = {
	    "LANG=zh_CN.UTF-8",
	    "LANGUAGE",
	    "LC_ALL",
	    "LC_MESSAGES",
	    "LC_CTYPE",
	    "TERM=xterm-256color",
	    "YIZHAN_HOME",
	    "YIZHAN_RENDER_MODULE=/nonexistent/yizhan-render.so",
	    NULL,
	};
	intakes_in_one_session(env, 0, intakes, PAPERS_FAIL, bound_kb);
}

/* The same with both papers printed at the private cupsd, fewer of them. */
static void test_no_growth_printing(void **state)
{
	(void)state;
	int receipts = scr_captures("receipt-"), a4 = scr_captures("a4-");
	intakes_in_one_session(scr_env_zh, intakes, printed, PAPERS_PRINTED, print_bound_kb);
	assert_true(scr_wait_captures("receipt-", receipts + (int)printed));
	assert_true(scr_wait_captures("a4-", a4 + (int)printed));
}

int main(int argc, char **argv)
{
	int rc = scr_args(argc, argv);
	if (rc != 0)
		return rc;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_growth_over_intakes),
	    cmocka_unit_test(test_no_growth_printing),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
