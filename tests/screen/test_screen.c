/* Screen tests: the real yizhan binary under a pty, keys typed as a clerk types
 * them, the screen read back through libvterm. Runs under tests/lib/with-cupsd,
 * so documents go to the private CUPS queues "receipt" and "a4" and land in
 * $YZ_CAPTURE_DIR.
 *
 * usage: test_screen /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "screen_fixture.h"
#include "yizhan/store.h"
#include "yizhan/text.h"

static yz_resident applicant; /* a demo resident the tests serve */
static yz_resident rare;      /* a demo resident whose name has a character beyond the BMP */
static yz_resident rare_next; /* another resident listed with rare by their surname */
static size_t rare_at;        /* rare's place in the list of its surname search */
static char rare_query[16];   /* that search: rare's surname (first character) */
static yz_resident three;     /* a demo resident with a name of three BMP characters */
static char three_prefix[16]; /* its first two characters: a search finding few people */

static vt *start(int rows, int cols)
{
	return scr_start(scr_env_zh, rows, cols, NULL);
}

static void login(vt *v, const char *user, const char *password)
{
	scr_login(v, "请登录", user, password);
}

/* Home → F10 logs out; on the login screen F10 quits. */
static void quit(vt *v)
{
	scr_quit(v, "请登录");
}

/* Bytes of the first n UTF-8 characters of s. */
static size_t utf8_prefix(const char *s, size_t n)
{
	size_t b = 0;
	for (size_t i = 0; i < n && s[b]; i++)
		for (b++; ((unsigned char)s[b] & 0xc0) == 0x80; b++)
			;
	return b;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* rare: the first resident whose name has a 4-byte character and who shares a
 * surname with somebody, so that the list shows both on one screen page. */
static bool pick_rare(yz_store *st, const yz_resident *r)
{
	static yz_resident found[200];
	size_t n = 0;
	bool four_byte = false;
	for (const char *c = r->name; *c; c++)
		four_byte = four_byte || ((unsigned char)*c & 0xf8) == 0xf0;
	size_t b = utf8_prefix(r->name, 1);
	if (!four_byte || b >= sizeof rare_query || ((unsigned char)r->name[0] & 0xf8) == 0xf0)
		return false;
	memcpy(rare_query, r->name, b);
	rare_query[b] = '\0';
	if (yz_resident_find(st, rare_query, found, 200, &n, NULL) != 0 || n < 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (found[i].id == r->id) {
			rare = *r;
			rare_at = i;
			rare_next = found[i > 0 ? i - 1 : i + 1];
			return true;
		}
	return false;
}

/* three: a name of three BMP characters whose first two find at most 10 people. */
static bool pick_three(yz_store *st, const yz_resident *r)
{
	static yz_resident found[16];
	size_t n = 0;
	if (utf8_chars(r->name) != 3 || strlen(r->name) != 9 || strchr(r->name, '\xc2'))
		return false;
	size_t b = utf8_prefix(r->name, 2);
	memcpy(three_prefix, r->name, b);
	three_prefix[b] = '\0';
	if (yz_resident_find(st, three_prefix, found, 16, &n, NULL) != 0 || n > 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (found[i].id == r->id) {
			three = *r;
			return true;
		}
	return false;
}

static int pick_named_residents(yz_store *st)
{
	long count = yz_resident_count(st);
	for (long id = 1; id <= count && (!rare.id || !three.id); id++) {
		yz_resident r;
		if (yz_resident_get(st, id, &r, NULL) != 0)
			continue;
		if (!rare.id)
			pick_rare(st, &r);
		if (!three.id)
			pick_three(st, &r);
	}
	if (!rare.id || !three.id) {
		fprintf(stderr, "the demo registry lacks a rare name or a three-character name\n");
		return -1;
	}
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzscreen", NULL) != 0)
		return -1;
	/* A resident of the demo registry to serve. */
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_resident_get(st, 7, &applicant, &err);
	if (rc == 0)
		rc = pick_named_residents(st);
	yz_store_close(st);
	return rc == 0 ? 0 : -1;
}

/* ---- tests --------------------------------------------------------------------- */

static void test_too_small_then_resize(void **state)
{
	(void)state;
	vt *v = start(20, 60);
	SEE(v, "终端窗口太小");
	SEE(v, "80×24");
	vt_resize(v, 24, 80);
	SEE(v, "请登录");
	assert_true(vt_wait_gone(v, "终端窗口太小", VT_TIMEOUT));
	vt_resize(v, 23, 80);
	SEE(v, "终端窗口太小");
	vt_resize(v, 40, 120);
	SEE(v, "请登录");
	vt_send(v, VT_F10);
	assert_true(vt_wait_exit(v, VT_TIMEOUT) >= 0);
	vt_close(v);
}

static void test_wrong_password_then_lock(void **state)
{
	(void)state;
	vt *v = start(24, 80);
	login(v, "wangfang", "wrong");
	SEE(v, "用户名或密码不对");
	/* The password field is emptied and focused: just type again. */
	for (int i = 0; i < 3; i++) {
		vt_send(v, "wrong-again");
		vt_send(v, VT_ENTER);
	}
	vt_send(v, "wrong-fifth");
	vt_send(v, VT_ENTER);
	/* Issue 14: a wait of 30 seconds (growing after each further failure),
	 * no longer a lock of 5 minutes. */
	SEE(v, "须等 30 秒");
	/* Even the right password is refused while it waits, with the time left. */
	vt_send(v, "demo1234");
	vt_send(v, VT_ENTER);
	vt_pump(v, 500);
	SEE(v, "秒后才能再试");
	assert_int_equal(vt_row_of(v, "今日受理"), -1);
	vt_send(v, VT_F10);
	assert_true(vt_wait_exit(v, VT_TIMEOUT) >= 0);
	vt_close(v);
}

static void test_home_figures(void **state)
{
	(void)state;
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "张丽");
	SEE(v, "今日受理");
	SEE(v, "在办");
	SEE(v, "超期");
	/* The key bar shows the keys valid on the home screen. */
	SEE(v, "F2新办业务");
	SEE(v, "F10退出登录");
	quit(v);
}

/* The first receipt/a4 capture file, or "" when none yet. */
static bool captured(const char *prefix, char *path, size_t n)
{
	const char *dir = getenv("YZ_CAPTURE_DIR");
	assert_non_null(dir);
	DIR *d = opendir(dir);
	bool found = false;
	struct dirent *e;
	while (d && !found && (e = readdir(d)))
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
			snprintf(path, n, "%s/%s", dir, e->d_name);
			found = true;
		}
	if (d)
		closedir(d);
	return found;
}

static bool wait_capture(const char *prefix, char *path, size_t n)
{
	for (int i = 0; i < VT_TIMEOUT / 100; i++) {
		struct stat sb;
		if (captured(prefix, path, n) && stat(path, &sb) == 0 && sb.st_size > 0)
			return true;
		usleep(100000);
	}
	return false;
}

static void open_residence_form(vt *v)
{
	vt_send(v, VT_F2);
	SEE(v, "选择事项"); /* the whole catalogue may be longer than the screen */
	vt_send(v, "居住");
	SEE(v, "居住证明");
	vt_send(v, "证明");
	assert_true(vt_wait_gone(v, "生育服务登记", VT_TIMEOUT));
	vt_send(v, VT_ENTER);
}

static void test_serve_resident(void **state)
{
	(void)state;
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_residence_form(v);
	/* Straight into the resident search; a six-character ID suffix that can
	 * only mean them picks them without Enter (issue 12). */
	SEE(v, "申请人");
	vt_send(v, applicant.idno + 12);
	SEE(v, applicant.name);
	char masked[19];
	yz_idcard_mask(applicant.idno, masked);
	SEE(v, "证明用途");
	SEE(v, masked);
	vt_send(v, "1"); /* the first purpose, over the station's usual one */
	SEE(v, "子女入学");
	vt_send(v, VT_TAB);
	vt_send(v, "转学");
	vt_send(v, VT_TAB);
	/* The residence start comes from the registry (issue 12); cleared here.
	 * A date in the future is refused at the field; the cursor stays. */
	SEE(v, applicant.since);
	vt_send(v, VT_CTRL_U);
	vt_send(v, "2999-01-01");
	vt_send(v, VT_TAB);
	SEE(v, "日期晚于今天");
	vt_send(v, VT_CTRL_U);
	vt_send(v, "2019-03-01");
	vt_send(v, VT_TAB);
	/* Submitting without the materials is refused. */
	vt_send(v, VT_F9);
	SEE(v, "必交材料未勾选：居民身份证");
	vt_send(v, " ");
	vt_send(v, VT_TAB);
	vt_send(v, " ");
	vt_send(v, VT_F6); /* preview */
	SEE(v, "2019-03-01");
	vt_send(v, VT_ENTER);
	vt_send(v, VT_F9);
	SEE(v, "已受理：办件编号");
	char number[40];
	scr_case_number(v, number, sizeof number);
	assert_non_null(strstr(number, "-20"));
	/* Both documents went to the private CUPS. */
	SEE(v, "回执：已送打印机 receipt");
	SEE(v, "已送打印机 a4");
	char path[PATH_MAX];
	assert_true(wait_capture("receipt-", path, sizeof path));
	assert_true(wait_capture("a4-", path, sizeof path));
	/* The receipt's text on screen carries the number too. */
	vt_send(v, VT_ENTER);
	SEE(v, "今日受理");
	/* F4: the case is in today's list; open it and see its timeline. */
	vt_send(v, VT_F4);
	SEE(v, number);
	vt_send(v, VT_ENTER);
	SEE(v, "办理经过");
	SEE(v, "受理");
	SEE(v, "已打印");
	vt_send(v, "r"); /* reprint the receipt */
	SEE(v, "回执：已送打印机 receipt");
	vt_esc(v);
	SEE(v, "今日办件");
	vt_esc(v);
	SEE(v, "今日受理");
	quit(v);
}

/* Replace the first "key = ..." line of the station's yizhan.conf. */
static void set_conf(const char *key, const char *value)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 32], line[1024];
	snprintf(path, sizeof path, "%s/yizhan.conf", scr_home());
	snprintf(tmp, sizeof tmp, "%s.new", path);
	FILE *in = fopen(path, "r"), *out = fopen(tmp, "w");
	assert_non_null(in);
	assert_non_null(out);
	size_t klen = strlen(key);
	while (fgets(line, sizeof line, in))
		if (strncmp(line, key, klen) == 0 && (line[klen] == ' ' || line[klen] == '='))
			fprintf(out, "%s = %s\n", key, value);
		else
			fputs(line, out);
	fclose(in);
	fclose(out);
	assert_int_equal(rename(tmp, path), 0);
}

static void test_print_failure_waits_for_retry(void **state)
{
	(void)state;
	set_conf("printer_a4", "nosuch");
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_residence_form(v);
	SEE(v, "申请人");
	vt_send(v, applicant.idno);
	SEE(v, applicant.name);
	vt_send(v, VT_ENTER);
	SEE(v, "证明用途");
	vt_send(v, "3");
	vt_send(v, VT_TAB VT_TAB);
	vt_send(v, "2020-01-01");
	vt_send(v, VT_TAB);
	vt_send(v, " " VT_TAB " ");
	vt_send(v, VT_CTRL_S); /* Ctrl-S submits like F9 */
	SEE(v, "已受理：办件编号");
	char number[40];
	scr_case_number(v, number, sizeof number);
	/* The receipt printed; the certificate failed, in plain words. */
	SEE(v, "回执：已送打印机 receipt");
	SEE(v, "打印失败");
	SEE(v, "放入重打列表");
	vt_send(v, VT_ENTER);
	SEE(v, "等待重打"); /* the home screen counts the failed job */
	vt_send(v, VT_F4);
	SEE(v, number);
	vt_send(v, VT_F6);
	SEE(v, "等待重打的文书");
	SEE(v, number);
	vt_send(v, VT_ENTER); /* retry: still no such printer */
	SEE(v, "再次打印失败");
	vt_esc(v);
	vt_esc(v);
	SEE(v, "今日受理");
	quit(v);
	set_conf("printer_a4", "a4");
}

static void test_draft_offered_back(void **state)
{
	(void)state;
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_residence_form(v);
	SEE(v, "申请人");
	vt_send(v, applicant.idno);
	SEE(v, applicant.name);
	vt_send(v, VT_ENTER);
	SEE(v, "证明用途");
	vt_send(v, "2");
	vt_send(v, VT_TAB);
	vt_send(v, "草稿测试");
	vt_esc(v);
	SEE(v, "草稿");
	vt_send(v, "y");
	SEE(v, "今日受理");
	/* Opening the same form again offers the draft; taking it restores it. */
	open_residence_form(v);
	SEE(v, "是否继续");
	vt_send(v, "y");
	SEE(v, "草稿测试");
	SEE(v, "就业");
	SEE(v, applicant.name);
	vt_esc(v);
	vt_send(v, "y");
	SEE(v, "今日受理");
	quit(v);
}

static void test_find_resident(void **state)
{
	(void)state;
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	vt_send(v, applicant.idno + 14);
	SEE(v, applicant.name);
	vt_send(v, VT_ENTER);
	SEE(v, "同户成员");
	SEE(v, applicant.birth);
	vt_esc(v);
	vt_esc(v);
	SEE(v, "今日受理");
	/* F1 shows the keys of the screen; its key bar says Esc closes the view
	 * (the word for closing a case, 办结, was shown there once). */
	vt_send(v, VT_F1);
	SEE(v, "本屏按键");
	SEE(v, "Esc关闭");
	assert_int_equal(vt_row_of(v, "Esc办结"), -1);
	vt_send(v, VT_ENTER);
	quit(v);
}

static void test_new_resident(void **state)
{
	(void)state;
	/* A number the demo registry (another city) cannot hold. */
	char idno[19] = "11010519491231002";
	idno[17] = yz_idcard_check_char(idno);
	idno[18] = '\0';
	char bad[19];
	memcpy(bad, idno, sizeof bad);
	bad[17] = bad[17] == '0' ? '1' : '0';

	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	vt_send(v, VT_F5);
	SEE(v, "按身份证上的信息填写");
	vt_send(v, "欧阳·小明");
	vt_send(v, VT_TAB);
	/* A wrong check digit is shown at the field and the cursor stays there. */
	vt_send(v, bad);
	SEE(v, "校验");
	vt_send(v, VT_TAB);
	vt_send(v, VT_BS);
	vt_send(v, idno + 17);
	SEE(v, "出生 1949-12-31");
	/* A whole ID number moves on to the phone by itself, as in every form. */
	vt_send(v, "13800001111");
	vt_send(v, VT_TAB);
	vt_send(v, "测试路1号");
	vt_send(v, VT_F9);
	/* Added, then shown like any found resident. */
	SEE(v, "已登记到居民库");
	SEE(v, "同户成员");
	SEE(v, "欧阳·小明");
	SEE(v, "110105********");
	vt_esc(v);
	vt_esc(v);
	SEE(v, "今日受理");
	quit(v);
}

/* Screen column of text on the row holding key, or -1. */
static int column_on_row_of(vt *v, const char *key, const char *text)
{
	int row = vt_row_of(v, key);
	return row < 0 ? -1 : vt_col_of(v, row, text);
}

/* name as a GB18030 terminal shows it: characters that glibc's GB18030 locale
 * gives no width (CJK Ext-C and later) are drawn as the geta mark. */
static void shown_in_gb18030(const char *name, char *out, size_t n)
{
	char *old = strdup(setlocale(LC_CTYPE, NULL));
	assert_non_null(setlocale(LC_CTYPE, "zh_CN.GB18030"));
	size_t len = strlen(name), o = 0;
	while (len > 0) {
		uint32_t cp;
		size_t k = yz_utf8_decode(name, len, &cp);
		assert_true(k > 0);
		const char *put = wcwidth((wchar_t)cp) < 0 ? "\xe3\x80\x93" : name;
		size_t plen = put == name ? k : 3;
		assert_true(o + plen < n);
		memcpy(out + o, put, plen);
		o += plen;
		name += k;
		len -= k;
	}
	out[o] = '\0';
	setlocale(LC_CTYPE, old);
	free(old);
}

/* A GB18030 terminal: what the program writes is GB18030 (the harness turns it
 * into UTF-8 for libvterm) and the keys typed are GB18030 bytes. */
static void test_gb18030_terminal(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_gb, 24, 80, "GB18030");
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	SEE(v, "张丽");
	SEE(v, "F2新办业务");
	/* The catalogue filters on Chinese typed in GB18030. */
	vt_send(v, VT_F2);
	SEE(v, "选择事项");
	vt_send(v, "居住");
	SEE(v, "查找：居住");
	vt_send(v, "证明");
	SEE(v, "居住证明");
	assert_true(vt_wait_gone(v, "生育服务登记", VT_TIMEOUT));
	vt_esc(v); /* the first Esc empties the search, the second goes back */
	SEE(v, "最低生活保障申请");
	vt_esc(v);
	SEE(v, "今日受理");
	/* F3: a name prefix typed in Chinese finds the resident. */
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	vt_send(v, three_prefix);
	SEE(v, three.name);
	char masked[19];
	yz_idcard_mask(three.idno, masked);
	SEE(v, masked);
	/* A name beyond the BMP is four GB18030 bytes each way; the ID column after
	 * it stays in line with the header. */
	vt_send(v, VT_CTRL_U);
	vt_send(v, rare.name);
	yz_idcard_mask(rare.idno, masked);
	SEE(v, masked);
	char shown[160];
	shown_in_gb18030(rare.name, shown, sizeof shown);
	SEE(v, shown);
	assert_int_equal(column_on_row_of(v, masked, masked),
	                 column_on_row_of(v, "性别", "身份证号"));
	/* Nobody: said in words, in GB18030 too. glibc's GB18030 locale makes the
	 * quotation marks two columns wide (as GBK terminals draw them) but libvterm
	 * draws them one column wide, so only the text between them is compared. */
	vt_send(v, VT_CTRL_U);
	vt_send(v, "查无此人");
	SEE(v, "没有找到");
	SEE(v, "按 F5 登记新居民");
	vt_esc(v);
	SEE(v, "今日受理");
	quit(v);
}

/* LANG=en_US.UTF-8: the same screens in English. */
static void test_english_ui(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_en, 24, 80, NULL);
	SEE(v, "Please log in");
	SEE(v, "EnterLog in");
	SEE(v, "F10Quit");
	vt_send(v, "zhangli" VT_ENTER "demo1234" VT_ENTER);
	SEE(v, "Accepted today");
	SEE(v, "Clerk: 张丽");
	SEE(v, "F2New service");
	SEE(v, "F3Find resident");
	SEE(v, "F10Log out");
	vt_send(v, VT_F3);
	SEE(v, "ID number, name, initials, phone or flat");
	vt_send(v, "Nosuchname");
	SEE(v, "Nobody found for \"Nosuchname\". Press F5 to register a new resident.");
	vt_esc(v);
	SEE(v, "Accepted today");
	assert_true(vt_wait_gone(v, "今日受理", VT_TIMEOUT));
	vt_send(v, VT_F10);
	SEE(v, "Please log in");
	/* The last login is offered: the next clerk types their own name over it
	 * (never a password against zhangli's account) ... */
	vt_send(v, "zhaozhan" VT_ENTER "demo1234" VT_ENTER); /* wangfang is locked above */
	SEE(v, "Clerk: 赵强");
	vt_send(v, VT_F10);
	SEE(v, "Please log in");
	/* ... and the same clerk just presses Enter. */
	vt_send(v, VT_ENTER "demo1234" VT_ENTER);
	SEE(v, "Clerk: 赵强");
	vt_send(v, VT_F10);
	SEE(v, "Please log in");
	vt_send(v, VT_F10);
	assert_true(vt_wait_exit(v, VT_TIMEOUT) >= 0);
	vt_close(v);
}

/* A name with a CJK Ext-B (or later) character takes two columns like any other
 * Chinese character: the columns after it line up with the other rows. */
static void test_rare_name_aligned(void **state)
{
	(void)state;
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	vt_send(v, rare_query);
	char masked[19], masked_next[19];
	yz_idcard_mask(rare.idno, masked);
	yz_idcard_mask(rare_next.idno, masked_next);
	/* Walk the selection down to the rare name, so that the list shows it. */
	SEE(v, "性别");
	for (size_t i = 0; i < rare_at; i++)
		vt_send(v, VT_DOWN);
	SEE(v, masked);
	SEE(v, masked_next);
	int row = vt_row_of(v, masked);
	char *line = vt_row(v, row);
	assert_non_null(strstr(line, rare.name));
	free(line);
	int id_col = column_on_row_of(v, masked, masked);
	int id_col_next = column_on_row_of(v, masked_next, masked_next);
	int header_col = column_on_row_of(v, "性别", "身份证号");
	if (id_col != id_col_next || id_col != header_col)
		vt_dump(v);
	assert_int_equal(id_col, header_col);
	assert_int_equal(id_col, id_col_next);
	/* The sex column after the ID lines up too. */
	const char *sex = rare.female ? "女" : "男";
	const char *sex_next = rare_next.female ? "女" : "男";
	assert_int_equal(vt_col_of(v, row, sex) - id_col,
	                 column_on_row_of(v, masked_next, sex_next) - id_col_next);
	vt_esc(v);
	SEE(v, "今日受理");
	quit(v);
}

/* Wait for a or b; returns 0 for a, 1 for b, -1 after the timeout. */
static int wait_either(vt *v, const char *a, const char *b)
{
	for (int i = 0; i < VT_TIMEOUT / 50; i++) {
		char *s = (vt_pump(v, 50), vt_text(v));
		int r = s && strstr(s, a) ? 0 : s && strstr(s, b) ? 1 : -1;
		free(s);
		if (r >= 0)
			return r;
	}
	return -1;
}

/* Nobody found: said in words where the list would be, and F5 takes what was
 * typed into the new-resident screen. */
static void test_nobody_found(void **state)
{
	(void)state;
	char idno[19] = "11010819500101003";
	idno[17] = yz_idcard_check_char(idno);
	idno[18] = '\0';
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	/* In intake's applicant search (a draft left by another test is declined). */
	open_residence_form(v);
	if (wait_either(v, "是否继续", "申请人") == 0) {
		vt_send(v, "n");
		vt_send(v, VT_ENTER); /* the applicant row: open the search */
	}
	SEE(v, "申请人");
	vt_send(v, "查无此人");
	SEE(v, "没有找到“查无此人”；按 F5 登记新居民");
	SEE(v, "姓名只输前几个字也可以");
	vt_send(v, VT_F5);
	SEE(v, "按身份证上的信息填写");
	SEE(v, "查无此人");
	vt_esc(v);
	SEE(v, "没有找到“查无此人”");
	/* A name typed again finds somebody: the words go away. */
	vt_send(v, VT_CTRL_U);
	vt_send(v, applicant.name);
	SEE(v, applicant.name);
	assert_true(vt_wait_gone(v, "没有找到", VT_TIMEOUT));
	vt_esc(v);
	/* Nothing was typed into the form: Esc leaves at once, no question asked. */
	vt_esc(v);
	SEE(v, "今日受理");
	/* In F3, a whole ID number the registry lacks goes to the ID row. */
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	vt_send(v, idno);
	char want[64];
	snprintf(want, sizeof want, "没有找到“%s”", idno);
	SEE(v, want);
	vt_send(v, VT_F5);
	SEE(v, "按身份证上的信息填写");
	SEE(v, "出生 1950-01-01");
	vt_esc(v);
	vt_esc(v);
	SEE(v, "今日受理");
	quit(v);
}

/* ---- the 低保 application: pages, a household table, computed income, a rule ---- */

/* A valid ID number from its first 17 characters. */
static void make_idno(const char *first17, char out[19])
{
	memcpy(out, first17, 17);
	out[17] = yz_idcard_check_char(first17);
	out[18] = '\0';
}

/* F2, find the 低保 form, open it; a draft left by another test is declined
 * unless keep. Ends in the search for the 户主. */
static void open_dibao(vt *v, bool keep)
{
	vt_send(v, VT_F2);
	SEE(v, "选择事项");
	vt_send(v, "最低生活保障");
	SEE(v, "查找：最低生活保障");
	SEE(v, "最低生活保障申请");
	vt_send(v, VT_ENTER);
	if (!keep && wait_either(v, "是否继续", "户主") == 0)
		vt_send(v, "n");
}

static void pick_applicant(vt *v)
{
	SEE(v, "户主");
	vt_send(v, applicant.idno);
	SEE(v, applicant.name);
	vt_send(v, VT_ENTER);
	SEE(v, "联系电话");
}

static const char ext_b_name[] = "王\xf0\xa0\xae\xb7"; /* U+20BB7, CJK Ext-B */

static void test_dibao_application(void **state)
{
	(void)state;
	char id2[19], id3[19];
	make_idno("11010519820315002", id2);
	make_idno("11010520100608003", id3);
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_dibao(v, false);
	pick_applicant(v);
	SEE(v, "第 1/3 页 申请人（户主）");
	assert_int_equal(vt_row_of(v, "F3加一行"), -1); /* table keys only on a table */
	/* F1: the field's help, then the keys. */
	vt_send(v, VT_F1);
	SEE(v, "手机 11 位");
	SEE(v, "本屏按键");
	vt_send(v, VT_ENTER);
	assert_true(vt_wait_gone(v, "手机 11 位", VT_TIMEOUT));
	/* One number, one source: phone and address come from the registry; the
	 * clerk overwrites them here (Ctrl-U empties a field). */
	assert_true(applicant.phone[0] != '\0');
	SEE(v, applicant.phone);
	vt_send(v, "\025"
	           "13800138000" VT_TAB);
	/* A paste with an escape sequence and a control character: neither
	 * reaches the value nor the screen. */
	vt_send(v, "\025"
	           "和平街\033[31m3号\007");
	SEE(v, "和平街3号");
	assert_int_equal(vt_row_of(v, "[31m"), -1);
	vt_send(v, VT_TAB "1" VT_TAB);
	/* The reason typed as pinyin initials; "其他" shows the required note. */
	assert_int_equal(vt_row_of(v, "原因说明"), -1);
	vt_send(v, "qt");
	SEE(v, "-> 其他");
	vt_send(v, VT_TAB);
	SEE(v, "*原因说明");
	vt_send(v, "子女重病" VT_TAB);
	/* A multichoice: a number ticks that option, Space the highlighted one. */
	SEE(v, "[ ]1 老年人");
	vt_send(v, "3" VT_RIGHT " ");
	SEE(v, "[x]3 重度残疾人 [x]4 重病患者");
	vt_send(v, VT_TAB);
	/* Page 2: the household. */
	SEE(v, "第 2/3 页 家庭成员及收入");
	SEE(v, "F3加一行");
	/* Member 1 is the applicant, as "self", from the registry (issue 12):
	 * on to the income; the work column holds the registry's employment. */
	assert_true(scr_wait_row(v, applicant.idno, "本人"));
	vt_send(v, VT_TAB VT_TAB VT_TAB "1500" VT_TAB VT_TAB "1" VT_F3);
	vt_send(v, ext_b_name);
	vt_send(v, VT_TAB);
	vt_send(v, id2);
	vt_send(v, "2" VT_TAB "2000" VT_TAB "1" VT_TAB "1" VT_F3);
	vt_send(v, "李小明" VT_TAB);
	vt_send(v, id3);
	vt_send(v, "3" VT_TAB "800" VT_TAB "4" VT_TAB "1" VT_TAB);
	SEE(v, ext_b_name);
	assert_true(scr_wait_row(v, ext_b_name, "配偶"));
	assert_true(scr_wait_row(v, "李小明", "在校"));
	/* Computed live: household total and per-capita income. */
	assert_true(scr_wait_row(v, "家庭月收入合计", "4300.00"));
	assert_true(scr_wait_row(v, "家庭人均月收入", "1433.33"));
	assert_true(scr_wait_row(v, "家庭人口", "3"));
	/* PgUp/PgDn between pages. */
	vt_send(v, VT_PGUP);
	SEE(v, "第 1/3 页");
	SEE(v, "子女重病");
	vt_send(v, VT_PGDN);
	SEE(v, "第 2/3 页");
	vt_send(v, VT_PGDN);
	SEE(v, "第 3/3 页 家庭财产与承诺");
	vt_send(v, "n" VT_TAB "1" VT_TAB VT_TAB "y" VT_TAB);
	vt_send(v, "行动不便\n上午在家" VT_TAB);
	SEE(v, "上午在家");
	for (int i = 0; i < 9; i++)
		vt_send(v, " " VT_TAB);
	/* Too much income: the rule blocks, with both figures. */
	vt_send(v, VT_F9);
	SEE(v, "家庭人均月收入 1,433.33 元，高于本地低保标准 1,240.00 元，不符合申请条件");
	/* Lower the spouse's income: row 2, fourth column. */
	vt_send(v, VT_PGUP VT_PGUP);
	SEE(v, "第 2/3 页");
	vt_send(v, VT_DOWN VT_TAB VT_TAB VT_TAB VT_CTRL_U "500" VT_TAB);
	assert_true(scr_wait_row(v, "家庭人均月收入", "933.33"));
	assert_true(scr_wait_row(v, ext_b_name, "500.00"));
	vt_send(v, VT_F9);
	SEE(v, "已受理：办件编号");
	vt_send(v, VT_ENTER);
	SEE(v, "今日受理");
	quit(v);
}

/* A power cut in the middle of the household table: started again, the draft
 * comes back with every value, table rows included. Resizes on the way. */
static void test_dibao_draft_after_kill(void **state)
{
	(void)state;
	char id2[19], id3[19];
	make_idno("11010519820315002", id2);
	make_idno("11010520100608003", id3);
	vt *v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_dibao(v, false);
	pick_applicant(v);
	vt_send(v, "\025"
	           "13900001111" VT_TAB "\025"
	           "幸福路8号" VT_TAB "2" VT_TAB "1" VT_TAB "2" VT_TAB);
	SEE(v, "第 2/3 页");
	/* Member 1 is the applicant already (issue 12): income, work, health. */
	assert_true(scr_wait_row(v, applicant.idno, "本人"));
	vt_send(v, VT_TAB VT_TAB VT_TAB "650" VT_TAB VT_CTRL_U "3" VT_TAB "2" VT_F3);
	vt_send(v, ext_b_name);
	vt_send(v, VT_TAB);
	vt_send(v, id2);
	vt_send(v, "2" VT_TAB "250" VT_TAB "1" VT_TAB "4");
	/* Keys typed while the terminal is too small are dropped: let these land. */
	assert_true(scr_wait_row(v, ext_b_name, "250.00"));
	SEE(v, "4 残疾"); /* the health column's choice, shown in the hint line */
	/* Resize in the middle of the form: laid out again, then too small. */
	vt_resize(v, 30, 100);
	SEE(v, "第 2/3 页 家庭成员及收入");
	vt_resize(v, 20, 70);
	SEE(v, "终端窗口太小");
	vt_resize(v, 24, 80);
	SEE(v, "第 2/3 页 家庭成员及收入");
	vt_send(v, VT_F3 "李小明" VT_TAB);
	vt_send(v, id3);
	vt_send(v, "3" VT_TAB);
	assert_true(scr_wait_row(v, "李小明", "子女"));
	assert_true(scr_wait_row(v, "家庭人均月收入", "300.00"));
	assert_true(WIFSIGNALED(vt_kill(v, SIGKILL)));
	vt_close(v);

	v = start(24, 80);
	login(v, "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_dibao(v, true);
	SEE(v, "是否继续");
	vt_send(v, "y");
	SEE(v, "13900001111");
	SEE(v, "幸福路8号");
	SEE(v, "农村");
	SEE(v, "因病");
	SEE(v, "[x]2 未成年人");
	SEE(v, applicant.name);
	vt_send(v, VT_PGDN);
	SEE(v, "第 2/3 页");
	assert_true(scr_wait_row(v, ext_b_name, "250.00"));
	assert_true(scr_wait_row(v, ext_b_name, "配偶"));
	assert_true(scr_wait_row(v, ext_b_name, "残疾"));
	assert_true(scr_wait_row(v, "李小明", "子女"));
	assert_true(scr_wait_row(v, ext_b_name, id2));
	assert_true(scr_wait_row(v, applicant.idno, "650.00"));
	assert_true(scr_wait_row(v, "家庭月收入合计", "900.00"));
	assert_true(scr_wait_row(v, "家庭人均月收入", "300.00"));
	vt_esc(v);
	SEE(v, "草稿");
	vt_send(v, "y");
	SEE(v, "今日受理");
	quit(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_too_small_then_resize),
	    cmocka_unit_test(test_wrong_password_then_lock),
	    cmocka_unit_test(test_home_figures),
	    cmocka_unit_test(test_serve_resident),
	    cmocka_unit_test(test_print_failure_waits_for_retry),
	    cmocka_unit_test(test_draft_offered_back),
	    cmocka_unit_test(test_find_resident),
	    cmocka_unit_test(test_new_resident),
	    cmocka_unit_test(test_gb18030_terminal),
	    cmocka_unit_test(test_english_ui),
	    cmocka_unit_test(test_rare_name_aligned),
	    cmocka_unit_test(test_nobody_found),
	    cmocka_unit_test(test_dibao_draft_after_kill),
	    cmocka_unit_test(test_dibao_application),
	};
	/* YZ_SCREEN_ONLY=test_dibao* runs only the tests matching the pattern. */
	if (getenv("YZ_SCREEN_ONLY"))
		cmocka_set_test_filter(getenv("YZ_SCREEN_ONLY"));
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
