/* The department's inbox at the district hub (issue 17): the real binary,
 * `yizhan hub` on a department's workstation (its yizhan.conf has hub,
 * hub_password and hub_dept, and there is no station), under a pty against
 * the private PostgreSQL of tests/lib/with-postgres. Two stations have pushed
 * forwards to two departments (through the hub module, as `yizhan sync` does):
 *   - the department sees only its own, by due date, the overdue one marked
 *     with the word (and not the other department's);
 *   - a case opened shows what the station shared (the applicant, the shared
 *     fields under the form's labels, the events) and says when the applicant is not shared; the
 * other department's case fields never show;
 *   - an answer in two lines, confirmed, leaves the open list, F3 shows it
 *     answered, and `yizhan hub inbox --all --format tsv` says answered; the
 *     station gets both lines (yz_hub_answers);
 *   - the hub stopped while answering: a message, the typed answer still in
 *     the dialog; the hub back, F9 sends it;
 *   - keyset paging: 230 forwards, End twice reaches the last in order;
 *   - 80x24 and larger, UTF-8 and a GB18030 terminal.
 * Usage (from meson, under with-postgres): screen_dept17 PATH/TO/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../screen/vt.h"
#include "yizhan/hub.h"

#define SEE(v, text)                                                                               \
	do {                                                                                       \
		if (!vt_wait_for(v, text, VT_TIMEOUT)) {                                           \
			fprintf(stderr, "expected on screen: %s\n", text);                         \
			vt_dump(v);                                                                \
			fail();                                                                    \
		}                                                                                  \
		if (getenv("YZ_SCREEN_DUMP"))                                                      \
			vt_dump(v);                                                                \
	} while (0)

/* Whether row r holds text; when not, the screen on stderr. */
static bool row_has(vt *v, int r, const char *text)
{
	char *row = vt_row(v, r);
	bool has = row && strstr(row, text);
	free(row);
	if (!has) {
		fprintf(stderr, "row %d has no %s\n", r, text);
		vt_dump(v);
	}
	return has;
}

static const char *exe;
static char home[256];   /* the department 民政所's workstation */
static char home_b[256]; /* the department 住建所's (paging) */

static const char *const env_zh[] = {
    "LANG=zh_CN.UTF-8",    "LANGUAGE",    "LC_ALL",     "LC_MESSAGES",    "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", "PGPASSWORD", "YIZHAN_HUB_URL", NULL,
};
static const char *const env_gb[] = {
    "LANG=zh_CN.GB18030",  "LANGUAGE",    "LC_ALL",     "LC_MESSAGES",    "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", "PGPASSWORD", "YIZHAN_HUB_URL", NULL,
};

static int ctl(const char *what)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "\"$YZ_PG_CTL\" %s >/dev/null", what);
	return system(cmd);
}

static void die(const char *what, const yz_err *err)
{
	fprintf(stderr, "screen_dept17: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* A station's forwarded case: the case row, its forward to dept, the fields,
 * the applicant (NULL: not shared), an event. */
typedef struct fwd_case {
	const char *station;
	const char *number;
	const char *item;
	const char *dept;
	const char *due; /* "" = none */
	const char *applicant;
	const char *form;
	const char *field_key;
	const char *field_value;
} fwd_case;

static char *dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dupf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* The rows of c (seq from *seq on) into rows; returns how many. */
/* The keys made here, freed once pushed. */
static char *made_keys[16];
static size_t n_made;

static const char *made(char *key)
{
	if (n_made < sizeof made_keys / sizeof made_keys[0])
		made_keys[n_made++] = key;
	return key;
}

static size_t case_rows(const fwd_case *c, int64_t *seq, yz_hub_change *rows, char **bodies)
{
	size_t n = 0;
#define ADD(k, key, body)                                                                          \
	do {                                                                                       \
		bodies[n] = (body);                                                                \
		rows[n] = (yz_hub_change){(*seq)++, k, (key), bodies[n]};                          \
		n++;                                                                               \
	} while (0)
	ADD("case", c->number,
	    dupf("{\"number\":\"%s\",\"form\":\"%s\",\"item\":\"%s\",\"state\":\"移交\","
	         "\"status\":\"open\",\"accepted\":\"2026-01-02\",\"due\":\"2026-02-01\"}",
	         c->number, c->form, c->item));
	if (c->applicant)
		ADD("applicant", c->number,
		    dupf("{\"case\":\"%s\",\"name\":\"%s\",\"idno\":\"110101199001011234\"}",
		         c->number, c->applicant));
	ADD("field", made(dupf("%s/0001", c->number)),
	    dupf("{\"case\":\"%s\",\"key\":\"%s\",\"value\":\"%s\"}", c->number, c->field_key,
	         c->field_value));
	ADD("event", made(dupf("%s/%010d", c->number, 1)),
	    dupf("{\"case\":\"%s\",\"at\":\"2026-01-02T09:00:00Z\",\"actor\":\"zhangli\","
	         "\"kind\":\"forward\",\"note\":\"转%s\"}",
	         c->number, c->dept));
	ADD("forward", made(dupf("%s/%08d", c->number, 1)),
	    dupf("{\"case\":\"%s\",\"id\":1,\"department\":\"%s\",\"sent\":\"2026-01-03\","
	         "\"due\":\"%s\",\"result\":null}",
	         c->number, c->dept, c->due));
#undef ADD
	return n;
}

static void push(const char *admin_url, const char *station, const char *password,
                 yz_hub_change *rows, size_t n)
{
	yz_err err = {{0}};
	yz_hub *h = NULL, *admin = NULL;
	char role[64], url[1024];
	snprintf(role, sizeof role, "yz_s_%s", station);
	for (char *p = role; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	if (yz_hub_open(&admin, admin_url, NULL, 5, &err) != 0 ||
	    yz_hub_url_for(admin, role, url, sizeof url, &err) != 0)
		die("admin", &err);
	yz_hub_close(admin);
	int64_t acked;
	if (yz_hub_open(&h, url, password, 5, &err) != 0 ||
	    yz_hub_push(h, station, rows, n, 0, &acked, &err) != 0)
		die("push", &err);
	yz_hub_close(h);
}

/* A department's workstation folder with its yizhan.conf. */
static void workstation(yz_hub *admin, const char *tag, const char *code, const char *name,
                        char *dir)
{
	char role[64], password[64], url[1024];
	yz_err err = {{0}};
	if (yz_hub_dept_add(admin, code, name, role, password, &err) != 0 ||
	    yz_hub_url_for(admin, role, url, sizeof url, &err) != 0)
		die("dept add", &err);
	snprintf(dir, 256, "/tmp/yz-dept17-%s-XXXXXX", tag);
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	char conf[300];
	snprintf(conf, sizeof conf, "%s/yizhan.conf", dir);
	FILE *f = fopen(conf, "w");
	if (!f)
		die("yizhan.conf", NULL);
	fprintf(f, "hub = %s\nhub_password = %s\nhub_dept = %s\n", url, password, code);
	fclose(f);
	chmod(conf, 0600);
}

static void today_plus(int days, char out[11])
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static char past[11], future[11];

static const fwd_case cases[] = {
    {"DH", "DH-2026-000001", "最低生活保障申请", "民政所", past, "张三", "subsistence_allowance",
     "hukou_type", "城镇"},
    {"MZ", "MZ-2026-000007", "临时救助申请", "民政所", future, NULL, "f1", "income", "800"},
    {"MZ", "MZ-2026-000008", "就业困难人员认定", "人社所", past, "李四", "f1", "income",
     "机密九九"},
};

static int setup(void **state)
{
	(void)state;
	const char *url = getenv("YZ_PG_URL");
	today_plus(-10, past);
	today_plus(30, future);
	yz_err err = {{0}};
	yz_hub *admin = NULL;
	int from, to;
	char role[64], pw_dh[64], pw_mz[64];
	if (yz_hub_open(&admin, url, NULL, 5, &err) != 0 ||
	    yz_hub_migrate(admin, &from, &to, &err) != 0 ||
	    yz_hub_station_add(admin, "DH", "东湖社区服务站", role, pw_dh, &err) != 0 ||
	    yz_hub_station_add(admin, "MZ", "民主社区服务站", role, pw_mz, &err) != 0)
		die("hub set-up", &err);
	workstation(admin, "a", "MZS", "民政所", home);
	workstation(admin, "b", "ZJS", "住建所", home_b);
	char rsj[256];
	workstation(admin, "c", "RSS", "人社所", rsj);
	yz_hub_close(admin);

	yz_hub_change rows[300];
	char *bodies[300], *keys[300];
	size_t n = 0;
	int64_t seq = 1;
	n = case_rows(&cases[0], &seq, rows, bodies);
	push(url, "DH", pw_dh, rows, n);
	for (size_t i = 0; i < n; i++)
		free(bodies[i]);
	seq = 1;
	n = case_rows(&cases[1], &seq, rows, bodies);
	n += case_rows(&cases[2], &seq, rows + n, bodies + n);
	push(url, "MZ", pw_mz, rows, n);
	for (size_t i = 0; i < n; i++)
		free(bodies[i]);
	for (size_t i = 0; i < n_made; i++)
		free(made_keys[i]);
	/* 230 forwards to 住建所, all due the same day: the key orders them. */
	for (int i = 0; i < 230; i++) {
		keys[i] = dupf("DH-2026-%06d/%08d", 100000 + i, 1);
		bodies[i] = dupf("{\"case\":\"DH-2026-%06d\",\"id\":1,\"department\":\"住建所\","
		                 "\"sent\":\"2026-01-03\",\"due\":\"%s\",\"result\":null}",
		                 100000 + i, future);
		rows[i] = (yz_hub_change){seq++, "forward", keys[i], bodies[i]};
	}
	push(url, "DH", pw_dh, rows, 230);
	for (int i = 0; i < 230; i++) {
		free(keys[i]);
		free(bodies[i]);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (getenv("YZ_KEEP_HOME"))
		return 0;
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' /tmp/yz-dept17-c-*", home, home_b);
	return system(cmd) == 0 ? 0 : -1;
}

static vt *start(const char *dir, const char *const *env, int rows, int cols, const char *charset)
{
	char *argv[] = {(char *)exe, "hub", "--home", (char *)dir, NULL};
	vt *v = vt_spawn_charset(argv, env, rows, cols, charset);
	assert_non_null(v);
	return v;
}

static void quit(vt *v)
{
	vt_send(v, VT_F10);
	assert_int_equal(vt_wait_exit(v, VT_TIMEOUT), 0);
	vt_close(v);
}

/* The line of `yizhan hub inbox --all --format tsv` for case number, into out. */
static void tsv_line(const char *number, char *out, size_t n)
{
	char cmd[700];
	snprintf(
	    cmd, sizeof cmd,
	    "env -u PGPASSWORD -u YIZHAN_HUB_URL '%s' hub inbox --all --format tsv --home '%s'",
	    exe, home);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[1024];
	out[0] = '\0';
	while (fgets(line, sizeof line, p))
		if (strstr(line, number))
			snprintf(out, n, "%s", line);
	assert_int_equal(pclose(p), 0);
}

static void inbox_and_answer(void **state)
{
	(void)state;
	vt *v = start(home, env_zh, 24, 80, NULL);
	SEE(v, "部门收件箱：民政所");
	SEE(v, "MZ-2026-000007");
	int r1 = vt_row_of(v, "DH-2026-000001"), r2 = vt_row_of(v, "MZ-2026-000007");
	assert_true(r1 > 0 && r2 > r1); /* by due date: the overdue one first */
	assert_true(row_has(v, r1, "已逾期"));
	assert_true(row_has(v, r1, "东湖社区"));
	char *row = vt_row(v, r2);
	assert_null(strstr(row, "已逾期"));
	free(row);
	char *text = vt_text(v);
	assert_null(strstr(text, "MZ-2026-000008")); /* 人社所's */
	free(text);

	/* The first case: what the station shared. */
	vt_send(v, VT_ENTER);
	SEE(v, "移交办件 DH-2026-000001");
	SEE(v, "张三");
	SEE(v, "户籍性质：城镇"); /* the form's label */
	SEE(v, "转民政所");
	text = vt_text(v);
	assert_null(strstr(text, "机密九九"));
	free(text);
	vt_esc(v);
	SEE(v, "部门收件箱");
	/* The second: its applicant is not shared. */
	vt_send(v, VT_DOWN VT_ENTER);
	SEE(v, "移交办件 MZ-2026-000007");
	SEE(v, "服务站不共享申请人信息");
	SEE(v, "income：800");
	vt_esc(v);
	SEE(v, "部门收件箱");

	/* Answer the first, in two lines. */
	vt_send(v, VT_UP VT_F2);
	SEE(v, "部门办理结果");
	vt_send(v, "同意补助" VT_ENTER "每月五百元");
	SEE(v, "每月五百元");
	vt_send(v, VT_F9);
	SEE(v, "把这条答复发给");
	vt_send(v, "y");
	SEE(v, "的答复已记入区汇总平台");
	SEE(v, "同意补助");
	vt_esc(v);
	assert_true(vt_wait_gone(v, "DH-2026-000001", VT_TIMEOUT));
	SEE(v, "MZ-2026-000007");
	/* F3: all, the answered one back with the word. */
	vt_send(v, VT_F3);
	SEE(v, "DH-2026-000001");
	r1 = vt_row_of(v, "DH-2026-000001");
	assert_true(row_has(v, r1, "已答复"));
	vt_send(v, VT_F3);
	assert_true(vt_wait_gone(v, "DH-2026-000001", VT_TIMEOUT));

	char line[1024];
	tsv_line("DH-2026-000001", line, sizeof line);
	assert_non_null(strstr(line, "\tanswered"));
	/* The station gets both lines. */
	yz_err err = {{0}};
	yz_hub *admin = NULL;
	yz_hub_answer *a = NULL;
	size_t n = 0;
	assert_int_equal(yz_hub_open(&admin, getenv("YZ_PG_URL"), NULL, 5, &err), 0);
	assert_int_equal(yz_hub_answers(admin, "DH", 0, 10, &a, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].result, "同意补助\n每月五百元");
	yz_hub_answers_free(a, n);
	yz_hub_close(admin);

	/* The hub stops while the second is being answered: the text stays. */
	SEE(v, "MZ-2026-000007");
	vt_send(v, VT_F2);
	SEE(v, "部门办理结果");
	vt_send(v, "材料齐全，予以救助");
	SEE(v, "予以救助");
	assert_int_equal(ctl("stop"), 0);
	vt_send(v, VT_F9);
	SEE(v, "把这条答复发给");
	vt_send(v, "y");
	SEE(v, "答复没有发出");
	SEE(v, "材料齐全，予以救助");
	SEE(v, "部门办理结果");
	/* Esc and F2 again: still there while the case is open. */
	vt_esc(v);
	assert_true(vt_wait_gone(v, "部门办理结果", VT_TIMEOUT));
	vt_send(v, VT_F2);
	SEE(v, "部门办理结果");
	SEE(v, "材料齐全，予以救助");
	assert_int_equal(ctl("start"), 0);
	vt_send(v, VT_F9);
	SEE(v, "把这条答复发给");
	vt_send(v, "y");
	SEE(v, "的答复已记入区汇总平台");
	vt_esc(v);
	assert_true(vt_wait_gone(v, "MZ-2026-000007", VT_TIMEOUT));
	SEE(v, "没有等待本部门答复的移交办件");

	/* Larger: the columns reflow. */
	vt_resize(v, 40, 120);
	vt_send(v, VT_F3);
	SEE(v, "MZ-2026-000007");
	SEE(v, "最低生活保障申请");
	quit(v);
}

static void keyset_paging_gb18030(void **state)
{
	(void)state;
	vt *v = start(home_b, env_gb, 24, 80, "GB18030");
	SEE(v, "部门收件箱：住建所");
	SEE(v, "DH-2026-100000");
	vt_send(v, VT_END);
	SEE(v, "DH-2026-100199");
	vt_send(v, VT_END);
	SEE(v, "DH-2026-100229");
	int last = vt_row_of(v, "DH-2026-100229");
	char *above = vt_row(v, last - 1);
	assert_non_null(strstr(above, "DH-2026-100228"));
	free(above);
	/* A case opened and closed: the list is read again as far as it was. */
	vt_send(v, VT_ENTER);
	SEE(v, "移交办件 DH-2026-100229");
	vt_esc(v);
	SEE(v, "部门收件箱");
	SEE(v, "DH-2026-100229");
	vt_send(v, VT_HOME);
	SEE(v, "DH-2026-100000");
	quit(v);
}

int main(int argc, char **argv)
{
	if (argc < 2 || !getenv("YZ_PG_URL")) {
		fprintf(stderr, "usage: with-postgres screen_dept17 PATH/TO/yizhan\n");
		return 2;
	}
	exe = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(inbox_and_answer),
	    cmocka_unit_test(keyset_paging_gb18030),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
