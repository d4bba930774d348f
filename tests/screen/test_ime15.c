/* Screen tests of issue 15: Chinese typed inside the program, in pinyin, on a
 * terminal with no input method of its own (the pty of these tests). The real
 * binary, keys as a clerk presses them, the screen read back:
 *  - a new resident's name 欧阳晓燕 and a 10-character address typed in pinyin
 *    (Ctrl-Space, pinyin, digits), saved, read back from the database; the
 *    keys for 欧阳晓燕, 单重朝 and the address counted and printed (# keys);
 *  - a 诉求 (a resident request) whose place and text are typed in pinyin,
 *    submitted, its values read back from the case;
 *  - the engine is not loaded before the first Ctrl-Space (librime not in
 *    the process's maps, no rime folder in the station's), and Ctrl-Space
 *    outside a text field only says where it works;
 *  - the candidate bar takes the bottom row only: at 80x24 the field's line
 *    and everything above stay as they were;
 *  - the same typing in a GB18030 terminal;
 *  - a name field emptied (Ctrl-U, Backspace) gets its surnames first again;
 *  - in direct input (the terminal's own IME), Chinese characters typed in an
 *    address field complete to the station's places: Right takes the first,
 *    Esc hides them; librime stays unloaded.
 *
 * usage: test_ime15 /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "screen_fixture.h"
#include "yizhan/core.h"
#include "yizhan/store.h"
#include "yizhan/text.h"

enum { ROWS = 24, COLS = 80 };

/* The first switch loads the engine and, on a new station, prepares its data
 * in the station's folder: give it time under ASan on a loaded machine. */
#define LOAD_TIMEOUT 60000

static yz_resident applicant; /* a demo resident who brings the request */

static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzime", NULL) != 0)
		return -1;
	return scr_demo_resident(9, &applicant);
}

/* ---- the candidate bar ------------------------------------------------------- */

/* The new-resident form from home, its name field focused. */
static void open_new_resident(vt *v)
{
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	vt_send(v, VT_F5);
	SEE(v, "按身份证上的信息填写");
}

/* A counter of env's terminal, zhangli logged in, at a new resident's form. */
static vt *start_at_new_resident(const char *const *env)
{
	vt *v = scr_start(env, ROWS, COLS, NULL);
	scr_login(v, "请登录", "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_new_resident(v);
	return v;
}

/* Leave the form unsaved (not kept as a draft), then the search, and quit. */
static void leave_unsaved(vt *v)
{
	vt_esc(v);
	if (vt_wait_for(v, "[Y]", 1000)) /* leave without keeping it */
		vt_send(v, "y");
	SEE(v, "查找居民");
	vt_esc(v);
	SEE(v, "今日受理");
	scr_quit(v, "请登录");
}

/* Switch the field to pinyin (Ctrl-Space) and wait until it says so. */
static void pinyin_on(vt *v)
{
	vt_ctrl_space(v);
	if (!vt_wait_for(v, "拼音输入：", LOAD_TIMEOUT)) {
		fprintf(stderr, "expected on screen: 拼音输入：\n");
		vt_dump(v);
		fail();
	}
	SEE(v, "^Space拼音");
}

/* Keys pressed for target typed in pinyin, printed for the README. */
static long keys_for(vt *v, const char *pinyin, const char *target)
{
	long before = vt_keys(v);
	assert_true(vt_type_pinyin(v, pinyin, target, VT_TIMEOUT));
	long n = vt_keys(v) - before;
	printf("# keys: %s %ld (pinyin %s, %zu characters)\n", target, n, pinyin,
	       yz_utf8_chars(target));
	return n;
}

/* ---- the tests ------------------------------------------------------------------ */

/* First of the group: nothing loaded before the first switch; Ctrl-Space on
 * home and in the ID number field only says where it works. */
static void test_not_loaded_until_used(void **state)
{
	(void)state;
	char dir[4200];
	struct stat sb;
	snprintf(dir, sizeof dir, "%s/rime", scr_home());

	vt *v = scr_start(scr_env_zh, ROWS, COLS, NULL);
	scr_login(v, "请登录", "zhangli", "demo1234");
	SEE(v, "今日受理");
	vt_ctrl_space(v);
	SEE(v, "只在文字、姓名、地址或内容栏中切换拼音输入");
	SEE(v, "今日受理");
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	vt_send(v, VT_F5);
	SEE(v, "按身份证上的信息填写");
	vt_send(v, VT_TAB); /* the ID number: not a text field */
	vt_pump(v, 200);
	char *bar = vt_row(v, ROWS - 1);
	assert_non_null(bar);
	assert_null(strstr(bar, "^Space"));
	free(bar);
	vt_ctrl_space(v);
	SEE(v, "只在文字、姓名、地址或内容栏中切换拼音输入");
	vt_send(v, "110");
	SEE(v, "110");
	assert_false(vt_rime_mapped(v) == 1);
	assert_int_not_equal(stat(dir, &sb), 0);

	/* The name field: the key bar offers the switch; the first one loads. */
	vt_send(v, VT_CTRL_U VT_BTAB);
	SEE(v, "^Space英文");
	pinyin_on(v);
	assert_true(vt_rime_mapped(v) == 1);
	assert_int_equal(stat(dir, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 007, 0); /* the owner's and the group's only */
	/* F1 in the field tells how. */
	vt_send(v, VT_F1);
	SEE(v, "输入汉字：按 Ctrl-空格");
	SEE(v, "当前：拼音输入。");
	vt_esc(v);
	SEE(v, "按身份证上的信息填写");
	/* Esc drops what is being composed; the next Esc leaves the form. */
	vt_send(v, "zhang");
	char *row = vt_bottom_when(v, NULL, true, VT_TIMEOUT);
	assert_non_null(row);
	free(row);
	vt_esc(v);
	row = vt_bottom_when(v, NULL, false, VT_TIMEOUT);
	assert_non_null(row);
	assert_non_null(strstr(row, "^Space拼音"));
	free(row);
	SEE(v, "按身份证上的信息填写");
	vt_esc(v);
	SEE(v, "查找居民");
	vt_esc(v);
	SEE(v, "今日受理");
	scr_quit(v, "请登录");
}

/* The engine cannot load (its module is missing): the clerk is told, and
 * the field stays in direct input with nothing lost. */
static void test_engine_missing(void **state)
{
	(void)state;
	static const char *const env[] = {"LANG=zh_CN.UTF-8",
	                                  "LANGUAGE",
	                                  "LC_ALL",
	                                  "LC_MESSAGES",
	                                  "LC_CTYPE",
	                                  "TERM=xterm-256color",
	                                  "YIZHAN_HOME",
	                                  "YIZHAN_IME_MODULE=/nonexistent/yizhan-ime.so",
	                                  NULL};
	vt *v = start_at_new_resident(env);
	vt_send(v, "Li");
	SEE(v, "*姓名  Li");
	vt_ctrl_space(v);
	SEE(v, "拼音输入不可用：");
	SEE(v, "按键照常直接输入。");
	SEE(v, "^Space英文");
	vt_send(v, "ming");
	SEE(v, "*姓名  Liming");
	leave_unsaved(v);
}

/* A new resident: the name and the address typed in pinyin, saved as typed. */
static void test_new_resident_in_pinyin(void **state)
{
	(void)state;
	char idno[19] = "11010519900307002";
	idno[17] = yz_idcard_check_char(idno);
	idno[18] = '\0';
	const char *name = "欧阳晓燕", *address = "西湖区文三路和平新村";

	vt *v = start_at_new_resident(scr_env_zh);
	pinyin_on(v);

	/* 单重朝: 单 read shan as a surname, first in a name field. */
	keys_for(v, "shanchongchao", "单重朝");
	SEE(v, "单重朝");
	vt_send(v, VT_CTRL_U);
	assert_true(vt_wait_gone(v, "单重朝", VT_TIMEOUT));
	/* A character beyond the BMP by its code point, measured as two columns. */
	vt_send(v, "u+20bb7");
	char *bar = vt_bottom_when(v, NULL, true, VT_TIMEOUT);
	assert_non_null(bar);
	assert_non_null(strstr(bar, " 1.\U00020BB7"));
	free(bar);
	/* its code point as a note after it: "1." and the character, 4 columns */
	int col = vt_col_of(v, ROWS - 1, "1.\U00020BB7");
	assert_true(col > 0);
	assert_int_equal(vt_col_of(v, ROWS - 1, "U+20BB7"), col + 5);
	vt_send(v, " ");
	SEE(v, "*姓名  \U00020BB7");
	vt_send(v, VT_CTRL_U);

	keys_for(v, "ouyangxiaoyan", name);
	SEE(v, name);

	/* The ID number and the phone are typed as they are, pinyin on or not. */
	vt_send(v, VT_TAB);
	vt_send(v, idno); /* a whole ID number moves on to the phone by itself */
	vt_send(v, VT_TAB);
	/* The address in one go: the station's places (西湖区, 文三路) are
	 * picked from the pinyin and the rest goes on composing. */
	keys_for(v, "xihuquwensanluhepingxincun", address);
	SEE(v, address);
	vt_send(v, VT_F9);
	SEE(v, "欧阳晓燕 已登记到居民库。");

	yz_store *st;
	yz_err err;
	yz_resident r;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_resident_by_idno(st, idno, &r, &err), 0);
	assert_string_equal(r.name, name);
	assert_string_equal(r.address, address);
	yz_store_close(st);

	vt_esc(v); /* the person's page, then the search */
	SEE(v, "查找居民");
	vt_esc(v);
	SEE(v, "今日受理");
	scr_quit(v, "请登录");
}

/* Open 居民诉求 from home, the applicant found by ID, up to the place. */
static void open_request(vt *v)
{
	vt_send(v, VT_F2);
	vt_send(v, "jmsq");
	SEE(v, "居民诉求");
	vt_send(v, VT_ENTER);
	if (vt_wait_for(v, "[Y]", 1000)) /* a draft left by a failed run is declined */
		vt_send(v, "n");
	SEE(v, "身份证号、姓名");
	vt_send(v, applicant.idno);
	SEE(v, applicant.name);
	vt_send(v, VT_ENTER);
	SEE(v, "诉求内容");
	/* phone, category, urgent: not text fields, typed as they are */
	vt_send(v, VT_CTRL_U "13588012345" VT_TAB VT_CTRL_U "1" VT_TAB "n" VT_TAB);
}

/* The value of field id of case number, malloc'd; NULL when there is none. */
static char *case_value(const char *number, const char *id)
{
	yz_store *st;
	yz_err err;
	yz_case cs;
	yz_kv_list kv = {0};
	char *v = NULL;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_get(st, number, &cs, &err), 0);
	assert_int_equal(yz_case_fields(st, cs.id, &kv, &err), 0);
	for (size_t i = 0; i < kv.n; i++)
		if (strcmp(kv.keys[i], id) == 0)
			v = strdup(kv.vals[i]);
	yz_kv_free(&kv);
	yz_store_close(st);
	return v;
}

/* A 诉求 whose place and text are typed in pinyin; the candidate bar covers
 * the key bar only. */
static void test_request_in_pinyin(void **state)
{
	(void)state;
	const char *place = "文三路", *content = "楼道的灯坏了请尽快修理";

	vt *v = scr_start(scr_env_zh, ROWS, COLS, NULL);
	scr_login(v, "请登录", "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_request(v);
	SEE(v, "发生地点");
	pinyin_on(v);
	keys_for(v, "wensanlu", place);
	vt_send(v, VT_TAB);
	SEE(v, "Enter换行");

	/* Composing in the memo: rows 0 .. 21 (the form, the field's line, the
	 * hint) stay as they were; the candidates are on row 23. */
	char *before[ROWS - 2];
	for (int i = 0; i < ROWS - 2; i++)
		before[i] = vt_row(v, i);
	vt_send(v, "loudao");
	char *bar = vt_bottom_when(v, NULL, true, VT_TIMEOUT);
	assert_non_null(bar);
	assert_non_null(strstr(bar, "lou dao"));
	for (int i = 0; i < ROWS - 2; i++) {
		char *now = vt_row(v, i);
		if (strcmp(now, before[i]) != 0) {
			fprintf(stderr, "row %d changed:\n  %s\n  %s\n", i, before[i], now);
			vt_dump(v);
		}
		assert_string_equal(now, before[i]);
		free(now);
		free(before[i]);
	}
	free(bar);
	vt_esc(v); /* dropped: the memo is still empty */
	char *row = vt_bottom_when(v, NULL, false, VT_TIMEOUT);
	assert_non_null(row);
	free(row);

	keys_for(v, "loudaodedenghuaileqingjinkuaixiuli", content);
	SEE(v, content);
	/* Tab leaves the memo: source (a choice) and reply (yes/no) as typed. */
	vt_send(v, VT_TAB VT_CTRL_U "1" VT_TAB "y");
	vt_send(v, VT_F9);
	SEE(v, "已受理：办件编号");
	char number[40];
	scr_case_number(v, number, sizeof number);
	char *got = case_value(number, "content");
	assert_non_null(got);
	assert_string_equal(got, content);
	free(got);
	got = case_value(number, "place");
	assert_non_null(got);
	assert_string_equal(got, place);
	free(got);
	vt_send(v, VT_ENTER);
	SEE(v, "今日受理");
	scr_quit(v, "请登录");
}

/* A GB18030 terminal: the bar drawn in GB18030, the name typed into the
 * search (a name field) in pinyin. */
static void test_gb18030(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_gb, ROWS, COLS, "GB18030");
	scr_login(v, "请登录", "zhangli", "demo1234");
	SEE(v, "今日受理");
	vt_send(v, VT_F3);
	SEE(v, "查找居民");
	pinyin_on(v);
	vt_send(v, "ouyang");
	char *bar = vt_bottom_when(v, NULL, true, VT_TIMEOUT);
	assert_non_null(bar);
	assert_non_null(strstr(bar, "ou yang  1.欧阳 "));
	free(bar);
	vt_send(v, "1");
	SEE(v, "身份证号、姓名、拼音首字母、电话或门牌：欧阳");
	vt_esc(v);
	SEE(v, "今日受理");
	scr_quit(v, "请登录");
}

/* The candidate bar of what was just typed, its first candidate in out. */
static void first_candidate(vt *v, char *out, size_t n)
{
	char *bar = vt_bottom_when(v, NULL, true, VT_TIMEOUT);
	assert_non_null(bar);
	if (!vt_bar_candidate(bar, 1, out, n)) {
		fprintf(stderr, "no candidate 1 in: %s\n", bar);
		fail();
	}
	free(bar);
}

/* A name typed, then the field emptied: the next name gets its surnames first
 * again (单 before 山 for shan), after Ctrl-U and after Backspace alike. */
static void test_name_emptied_surnames_again(void **state)
{
	(void)state;
	char c[96];

	vt *v = start_at_new_resident(scr_env_zh);
	pinyin_on(v);
	assert_true(vt_type_pinyin(v, "ouyangxiaoyan", "欧阳晓燕", VT_TIMEOUT));
	SEE(v, "*姓名  欧阳晓燕");
	vt_send(v, VT_CTRL_U);
	assert_true(vt_wait_gone(v, "欧阳晓燕", VT_TIMEOUT));
	vt_send(v, "shan");
	first_candidate(v, c, sizeof c);
	assert_string_equal(c, "单");
	vt_send(v, "1");
	SEE(v, "*姓名  单");
	/* a given name picked, then Backspace to the empty field */
	assert_true(vt_type_pinyin(v, "ming", "明", VT_TIMEOUT));
	SEE(v, "*姓名  单明");
	vt_send(v, VT_BS VT_BS);
	assert_true(vt_wait_gone(v, "单明", VT_TIMEOUT));
	vt_send(v, "shan");
	first_candidate(v, c, sizeof c);
	assert_string_equal(c, "单");
	vt_esc(v); /* the pinyin dropped; then the form left without keeping it */
	char *row = vt_bottom_when(v, NULL, false, VT_TIMEOUT);
	assert_non_null(row);
	free(row);
	leave_unsaved(v);
}

/* Direct input, as from a terminal with its own input method (the UTF-8 of
 * the characters arrives): 江城 in a new resident's address shows the
 * station's places on the bottom row, Right types the rest of the first;
 * Esc hides them, a character more shows them again. The engine is never
 * loaded for it. */
static void test_places_complete_characters(void **state)
{
	(void)state;
	char idno[19] = "33010219850612001";
	idno[17] = yz_idcard_check_char(idno);
	idno[18] = '\0';

	vt *v = start_at_new_resident(scr_env_zh);
	SEE(v, "^Space英文");
	vt_send(v, "王芳" VT_TAB);
	vt_send(v, idno); /* a whole ID number moves on to the phone by itself */
	vt_send(v, VT_TAB);
	vt_send(v, "江城");
	SEE(v, "江城 \u2192 江城路");
	char *bar = vt_row(v, ROWS - 1);
	assert_non_null(bar);
	assert_non_null(strstr(bar, "→补全"));
	assert_non_null(strstr(bar, "江城路21号16幢"));
	assert_null(strstr(bar, " 1.")); /* no pinyin candidates */
	free(bar);
	int y = vt_row_of(v, "住址");
	assert_true(y >= 0 && y < ROWS - 2);

	/* Right at the end types the rest of the first place, as if typed. */
	vt_send(v, VT_RIGHT);
	SEE(v, "住址  江城路");
	char *line = vt_row(v, y);
	assert_non_null(line);
	assert_null(strstr(line, "江城路21")); /* the first only: 江城路 */
	free(line);
	/* a house number after it hides them (no Chinese characters at the end) */
	vt_send(v, "21");
	SEE(v, "住址  江城路21");
	assert_true(vt_wait_gone(v, "→补全", VT_TIMEOUT));

	/* Esc hides them and stays in the form; one character more narrows. */
	vt_send(v, VT_CTRL_U "江城");
	assert_true(vt_wait_for(v, "→补全", VT_TIMEOUT));
	vt_esc(v);
	assert_true(vt_wait_gone(v, "→补全", VT_TIMEOUT));
	SEE(v, "住址  江城");
	vt_send(v, "路");
	SEE(v, "江城路 \u2192 江城路");
	assert_false(vt_rime_mapped(v) == 1);

	/* Leaving the field hides them. */
	vt_send(v, VT_BTAB);
	assert_true(vt_wait_gone(v, "→补全", VT_TIMEOUT));
	leave_unsaved(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_not_loaded_until_used),
	    cmocka_unit_test(test_engine_missing),
	    cmocka_unit_test(test_new_resident_in_pinyin),
	    cmocka_unit_test(test_request_in_pinyin),
	    cmocka_unit_test(test_gb18030),
	    cmocka_unit_test(test_name_emptied_surnames_again),
	    cmocka_unit_test(test_places_complete_characters),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
