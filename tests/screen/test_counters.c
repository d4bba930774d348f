/* Several counters at one station (issue 10): three counters' sessions of the
 * real binary at once, each under its own pty, each picking its counter another
 * way (--counter, YIZHAN_COUNTER, the SSH client's address), each serving a
 * resident a residence certificate at the same time. Each receipt must arrive
 * on that counter's own queue of the private cupsd (receipt1, receipt2,
 * receipt3: with-cupsd makes them from YZ_CUPS_QUEUES) with that counter's
 * window label in its GB18030 bytes, and the three case numbers must follow
 * each other with no gap. Also: a session whose counter is unknown says so and
 * prints on the station's printers, and `yizhan print` follows --counter.
 *
 * usage: test_counters /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <iconv.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "screen_fixture.h"
#include "yizhan/core.h"
#include "yizhan/store.h"

#define N_COUNTERS 3

static const char counters_conf[] = "\n"
                                    "[counter 1]\n"
                                    "printer_receipt = receipt1\n"
                                    "\n"
                                    "[counter 2]\n"
                                    "label = 2号窗口 社会救助\n"
                                    "printer_receipt = receipt2\n"
                                    "ssh_from = 192.0.2.21\n"
                                    "\n"
                                    "[counter 3]\n"
                                    "label = 3号窗口 劳动保障\n"
                                    "printer_receipt = receipt3\n"
                                    "printer_a4 = a4\n"
                                    "ssh_from = 192.0.2.31 192.0.2.33\n";

/* A Chinese clerk's terminal with nothing of the caller's locale, home or
 * counter; counter and ssh set (NAME=value) or unset (NAME) the two ways a
 * session can be told its counter besides --counter. */
#define COUNTER_ENV(counter, ssh)                                                                  \
	{                                                                                          \
		"LANG=zh_CN.UTF-8", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE",               \
		    "TERM=xterm-256color", "YIZHAN_HOME", counter, ssh, "SSH_CLIENT", NULL         \
	}
static const char *const env_by_option[] = COUNTER_ENV("YIZHAN_COUNTER", "SSH_CONNECTION");
static const char *const env_by_variable[] = COUNTER_ENV("YIZHAN_COUNTER=2", "SSH_CONNECTION");
/* An SSH login from the second PC of counter 3 (no traffic: only the variable). */
static const char *const env_by_ssh[] =
    COUNTER_ENV("YIZHAN_COUNTER", "SSH_CONNECTION=192.0.2.33 50122 192.0.2.1 22");

/* What each counter's session is: how it picks its counter, who logs in,
 * what the counter is called. */
typedef struct counter_session {
	const char *const *env;
	const char *const *args; /* after --home DIR */
	const char *user;
	const char *label; /* the window printed on its receipts and shown */
	const char *queue; /* its receipt printer */
	yz_resident who;   /* the resident it serves */
	vt *v;
	char number[40]; /* the case accepted */
} counter_session;

static const char *const by_option[] = {"--counter", "1", NULL};

static counter_session sessions[N_COUNTERS] = {
    {env_by_option, by_option, "zhangli", "1号窗口", "receipt1", {0}, NULL, ""},
    {env_by_variable, NULL, "wangfang", "2号窗口 社会救助", "receipt2", {0}, NULL, ""},
    {env_by_ssh, NULL, "zhaozhan", "3号窗口 劳动保障", "receipt3", {0}, NULL, ""},
};

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzcounters", NULL) != 0)
		return -1;
	scr_conf_append(counters_conf);
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	/* Three registered residents of the demo registry, one per counter. */
	int rc = 0;
	for (int i = 0, id = 7; i < N_COUNTERS && rc == 0; i++, id += 4) {
		rc = yz_resident_get(st, id, &sessions[i].who, &err);
		if (rc == 0 && strlen(sessions[i].who.idno) != 18)
			rc = -1;
	}
	yz_store_close(st);
	if (rc != 0)
		fprintf(stderr, "the demo registry lacks residents 7, 11 and 15\n");
	return rc == 0 ? 0 : -1;
}

/* ---- helpers ----------------------------------------------------------------------- */

/* Files of the capture folder whose names start with prefix. */
static int count_captured(const char *prefix)
{
	DIR *d = opendir(getenv("YZ_CAPTURE_DIR"));
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	size_t len = strlen(prefix);
	while ((e = readdir(d)))
		n += strncmp(e->d_name, prefix, len) == 0 && strstr(e->d_name, ".part") == NULL;
	closedir(d);
	return n;
}

/* The bytes of the first job captured on queue (waits for it); caller frees. */
static char *wait_job(const char *queue, size_t *len)
{
	char prefix[64];
	snprintf(prefix, sizeof prefix, "%s-", queue);
	const char *dir = getenv("YZ_CAPTURE_DIR");
	for (int i = 0; i < VT_TIMEOUT / 100; i++) {
		DIR *d = opendir(dir);
		assert_non_null(d);
		struct dirent *e;
		char path[PATH_MAX] = "";
		while ((e = readdir(d)))
			if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 &&
			    !strstr(e->d_name, ".part"))
				snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		closedir(d);
		struct stat sb;
		if (path[0] && stat(path, &sb) == 0 && sb.st_size > 0) {
			FILE *f = fopen(path, "rb");
			assert_non_null(f);
			char *buf = malloc((size_t)sb.st_size);
			assert_non_null(buf);
			*len = fread(buf, 1, (size_t)sb.st_size, f);
			fclose(f);
			return buf;
		}
		usleep(100000);
	}
	fprintf(stderr, "nothing printed on %s\n", queue);
	fail();
	return NULL;
}

/* text in GB18030, as the receipt printer gets it (iconv). */
static size_t to_gb18030(const char *text, char *out, size_t n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)text, *o = out;
	size_t inleft = strlen(text), outleft = n;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	return n - outleft;
}

/* Every session gets keys, then every session must show text: the three
 * programs work at the same time, each step interleaved with the others. */
static void all_send(const char *keys)
{
	for (int i = 0; i < N_COUNTERS; i++)
		vt_send(sessions[i].v, keys);
}

static void all_see(const char *text)
{
	for (int i = 0; i < N_COUNTERS; i++)
		SEE(sessions[i].v, text);
}

/* The highest sequence of year among the station's cases other than the
 * sessions' own. */
typedef struct seq_scan {
	int year;
	long max;
} seq_scan;

static int scan_case(const yz_case *c, void *ctx)
{
	seq_scan *sc = ctx;
	char station[17];
	int year;
	long seq;
	for (int i = 0; i < N_COUNTERS; i++)
		if (strcmp(c->number, sessions[i].number) == 0)
			return 0;
	if (yz_caseno_parse(c->number, station, &year, &seq) && year == sc->year && seq > sc->max)
		sc->max = seq;
	return 0;
}

/* ---- tests --------------------------------------------------------------------------- */

static void test_three_counters_at_once(void **state)
{
	(void)state;
	int on_station_queue = count_captured("receipt-");
	/* Three terminals at once; each login screen names its counter. */
	for (int i = 0; i < N_COUNTERS; i++)
		sessions[i].v = scr_start_args(sessions[i].env, 24, 80, sessions[i].args);
	for (int i = 0; i < N_COUNTERS; i++) {
		SEE(sessions[i].v, "请登录");
		SEE(sessions[i].v, sessions[i].label);
	}
	for (int i = 0; i < N_COUNTERS; i++) {
		vt_send(sessions[i].v, sessions[i].user);
		vt_send(sessions[i].v, VT_ENTER);
	}
	all_send("demo1234" VT_ENTER);
	all_see("今日受理");
	/* The demo marks wangfang away from today: she is told at log-in. */
	for (int i = 0; i < N_COUNTERS; i++)
		if (strcmp(sessions[i].user, "wangfang") == 0) {
			SEE(sessions[i].v, "你已登记不在岗");
			vt_send(sessions[i].v, VT_ENTER);
			assert_true(vt_wait_gone(sessions[i].v, "你已登记不在岗", VT_TIMEOUT));
		}
	for (int i = 0; i < N_COUNTERS; i++) /* and so does home */
		SEE(sessions[i].v, sessions[i].label);
	/* F2, the residence certificate. */
	all_send(VT_F2);
	all_see("选择事项");
	all_send("居住证明");
	for (int i = 0; i < N_COUNTERS; i++)
		assert_true(vt_wait_gone(sessions[i].v, "生育服务登记", VT_TIMEOUT));
	all_send(VT_ENTER);
	all_see("申请人");
	/* Each counter its resident, by the full ID number. */
	for (int i = 0; i < N_COUNTERS; i++)
		vt_send(sessions[i].v, sessions[i].who.idno);
	for (int i = 0; i < N_COUNTERS; i++)
		SEE(sessions[i].v, sessions[i].who.name);
	all_send(VT_ENTER);
	all_see("证明用途");
	all_send("1" VT_TAB);
	all_send("转学" VT_TAB);
	all_send("2019-03-01" VT_TAB);
	all_send(" " VT_TAB " "); /* the materials seen */
	/* Submitted at the same moment: F9 in each terminal before reading any. */
	for (int i = 0; i < N_COUNTERS; i++)
		vt_send_now(sessions[i].v, VT_F9);
	all_see("已受理：办件编号");
	for (int i = 0; i < N_COUNTERS; i++)
		scr_case_number(sessions[i].v, sessions[i].number, sizeof sessions[i].number);
	/* Each receipt went to its counter's printer... */
	for (int i = 0; i < N_COUNTERS; i++) {
		char said[64];
		snprintf(said, sizeof said, "回执：已送打印机 %s", sessions[i].queue);
		SEE(sessions[i].v, said);
	}
	/* ...and arrived there, with the counter's window and the case's number. */
	for (int i = 0; i < N_COUNTERS; i++) {
		size_t len = 0;
		char *bytes = wait_job(sessions[i].queue, &len);
		char label[128];
		size_t llen = to_gb18030(sessions[i].label, label, sizeof label);
		if (!memmem(bytes, len, label, llen)) {
			fprintf(stderr, "%s: no \"%s\" in the receipt\n", sessions[i].queue,
			        sessions[i].label);
			fail();
		}
		assert_non_null(memmem(bytes, len, sessions[i].number, strlen(sessions[i].number)));
		for (int j = 0; j < N_COUNTERS; j++) /* and no other counter's window */
			if (j != i) {
				llen = to_gb18030(sessions[j].label, label, sizeof label);
				assert_null(memmem(bytes, len, label, llen));
			}
		free(bytes);
		assert_int_equal(count_captured(sessions[i].queue), 1);
	}
	assert_int_equal(count_captured("receipt-"), on_station_queue);
	/* Three numbers in a row, right after the station's last one: no gap. */
	long seq[N_COUNTERS];
	int year = 0;
	char station[17];
	for (int i = 0; i < N_COUNTERS; i++)
		assert_true(yz_caseno_parse(sessions[i].number, station, &year, &seq[i]));
	long lo = seq[0], hi = seq[0];
	for (int i = 1; i < N_COUNTERS; i++) {
		lo = seq[i] < lo ? seq[i] : lo;
		hi = seq[i] > hi ? seq[i] : hi;
		for (int j = 0; j < i; j++)
			assert_true(seq[i] != seq[j]);
	}
	assert_int_equal(hi - lo, N_COUNTERS - 1);
	yz_store *st;
	yz_err err;
	assert_int_equal(scr_store_open(&st, &err), 0);
	seq_scan sc = {.year = year, .max = 0};
	yz_case_filter f = {0};
	assert_int_equal(yz_case_list(st, &f, scan_case, &sc, &err), 0);
	assert_int_equal(lo, sc.max + 1);
	/* The job rows record the printer each receipt was sent to. */
	int found = 0;
	for (int64_t id = 1; id < 1000 && found < N_COUNTERS; id++) {
		yz_print_job j;
		if (yz_job_get(st, id, &j, NULL) != 0 || strcmp(j.doc, "receipt") != 0)
			continue;
		for (int i = 0; i < N_COUNTERS; i++)
			if (strcmp(j.case_number, sessions[i].number) == 0) {
				assert_string_equal(j.printer, sessions[i].queue);
				found++;
			}
	}
	assert_int_equal(found, N_COUNTERS);
	yz_store_close(st);
	/* Back home, and out. */
	all_send(VT_ENTER);
	all_see("今日受理");
	for (int i = 0; i < N_COUNTERS; i++)
		scr_quit(sessions[i].v, "请登录");
}

/* A counter that is not in yizhan.conf, and a console that names none: both
 * are told at login and print on the station's printers. */
static void test_unknown_counter(void **state)
{
	(void)state;
	const char *const seven[] = {"--counter", "7", NULL};
	vt *v = scr_start_args(env_by_option, 24, 80, seven);
	SEE(v, "请登录");
	SEE(v, "yizhan.conf 中没有 7 号窗口");
	scr_login(v, "请登录", "zhangli", "demo1234");
	SEE(v, "今日受理");
	SEE(v, "窗口未知");
	scr_quit(v, "请登录");
	v = scr_start_args(env_by_option, 24, 80, NULL);
	SEE(v, "请登录");
	SEE(v, "--counter N");
	vt_send(v, VT_F10);
	vt_close(v);
}

/* A demo case of a form whose "slip" is printed on the receipt roll. */
static int find_slip_case(const yz_case *c, void *ctx)
{
	static const char *const forms[] = {"resident_request", "policy_consultation",
	                                    "unemployment_registration", "volunteer_hours", NULL};
	for (int i = 0; forms[i]; i++)
		if (strcmp(c->form_id, forms[i]) == 0) {
			snprintf(ctx, 40, "%s", c->number);
			return 1;
		}
	return 0;
}

/* `yizhan print` follows --counter too; unknown, it says so and uses the
 * station's printer. */
static void test_print_command(void **state)
{
	(void)state;
	assert_true(sessions[1].number[0]); /* a case of the first test */
	int before2 = count_captured("receipt2-"), before = count_captured("receipt-");
	char out[1024];
	const char *const two[] = {
	    "print", sessions[1].number, "--doc", "receipt", "--counter", "2", NULL};
	assert_int_equal(scr_command(two, out, sizeof out), 0);
	assert_non_null(strstr(out, "打印机 receipt2（"));
	for (int i = 0; i < 100 && count_captured("receipt2-") == before2; i++)
		usleep(100000);
	assert_int_equal(count_captured("receipt2-"), before2 + 1);
	const char *const nine[] = {"print",   sessions[1].number, "--doc",
	                            "receipt", "--counter=9",      NULL};
	assert_int_equal(scr_command(nine, out, sizeof out), 0);
	assert_non_null(strstr(out, "打印机 receipt（"));
	for (int i = 0; i < 100 && count_captured("receipt-") == before; i++)
		usleep(100000);
	assert_int_equal(count_captured("receipt-"), before + 1);
	/* A form's slip is receipt paper: the counter's receipt printer, not A4. */
	char slip_case[40] = "";
	yz_store *st;
	yz_err err;
	assert_int_equal(scr_store_open(&st, &err), 0);
	yz_case_filter f = {0};
	assert_int_equal(yz_case_list(st, &f, find_slip_case, slip_case, &err), 0);
	yz_store_close(st);
	assert_true(slip_case[0]);
	int before3 = count_captured("receipt3-"), before_a4 = count_captured("a4-");
	const char *const slip[] = {"print", slip_case, "--doc", "slip", "--counter", "3", NULL};
	assert_int_equal(scr_command(slip, out, sizeof out), 0);
	assert_non_null(strstr(out, "打印机 receipt3（"));
	for (int i = 0; i < 100 && count_captured("receipt3-") == before3; i++)
		usleep(100000);
	assert_int_equal(count_captured("receipt3-"), before3 + 1);
	assert_int_equal(count_captured("a4-"), before_a4);
}

int main(int argc, char **argv)
{
	int rc = scr_args(argc, argv);
	if (rc)
		return rc;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_three_counters_at_once),
	    cmocka_unit_test(test_unknown_counter),
	    cmocka_unit_test(test_print_command),
	};
	return cmocka_run_group_tests_name("counters", tests, group_setup, scr_teardown);
}
