/* Screen tests of issue 12's memo and wrapping bullets: the real binary under a
 * pty, keys typed as a clerk types them.
 *  - A resident request whose 诉求内容 holds 2,000 Chinese characters typed on
 *    the keyboard, with line breaks (Ctrl-J and Enter): every key after a break
 *    still works, the text wraps in the box at its width, a full field says so
 *    at the key that did not fit, and the database holds the text whole.
 *  - The English UI at 80 and 120 columns: a long message wraps at spaces
 *    (never inside a word, nothing cut), F1 help too.
 *
 * usage: test_day_memo /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_fixture.h"
#include "yizhan/store.h"
#include "yizhan/text.h"

enum { CAPACITY = 2000 }; /* max_chars of 诉求内容 in forms/resident_request.form */

static yz_resident applicant; /* a demo resident who brings the request */

static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzmemo", NULL) != 0)
		return -1;
	return scr_demo_resident(9, &applicant);
}

/* n Chinese characters (UTF-8) into out, a sentence that does not repeat in
 * step with the box's 30 characters a row. */
static void chinese(char *out, size_t n, size_t seed)
{
	static const char *const cs[] = {"水", "压", "低", "五", "楼", "以", "上", "早",
	                                 "晚", "用", "困", "难", "已", "持", "续", "一",
	                                 "周", "请", "尽", "快", "派", "人", "修"};
	size_t k = sizeof cs / sizeof cs[0];
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		strcat(out, cs[(i * 7 + seed) % k]);
}

/* The last n characters of s (UTF-8, 3-byte characters). */
static const char *tail(const char *s, size_t n)
{
	return s + strlen(s) - 3 * n;
}

/* Open 居民诉求 from home, the applicant found by ID, up to the 诉求内容 box. */
static void open_request(vt *v, const char *search_prompt)
{
	vt_send(v, VT_F2);
	vt_send(v, "jmsq");
	SEE(v, "居民诉求");
	vt_send(v, VT_ENTER);
	/* A draft left by a failed run is declined. */
	if (vt_wait_for(v, "[Y]", 1000))
		vt_send(v, "n");
	SEE(v, search_prompt);
	vt_send(v, applicant.idno);
	SEE(v, applicant.name);
	vt_send(v, VT_ENTER);
	SEE(v, "诉求内容");
}

/* From the phone (where the cursor is once the applicant is picked): phone,
 * category, urgent, to the place. */
static void to_place(vt *v)
{
	vt_send(v, VT_CTRL_U "13588012345" VT_TAB VT_CTRL_U "1" VT_TAB "n" VT_TAB);
}

/* Type s (3-byte characters) into the memo 50 characters at a time, each
 * time waiting for the box's count to say they all arrived (*typed, the
 * characters so far): a pty drops what a busy program has not read yet. */
static void type_memo(vt *v, const char *s, size_t *typed)
{
	size_t n = strlen(s) / 3;
	for (size_t i = 0; i < n; i += 50) {
		char chunk[3 * 50 + 1], count[32];
		size_t k = n - i < 50 ? n - i : 50;
		memcpy(chunk, s + 3 * i, 3 * k);
		chunk[3 * k] = '\0';
		vt_send(v, chunk);
		*typed += k;
		snprintf(count, sizeof count, "%zu/%d", *typed, CAPACITY);
		SEE(v, count);
	}
}

static void test_memo_2000(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, "请登录", "zhangli", "demo1234");
	SEE(v, "今日受理");
	open_request(v, "身份证号、姓名");
	/* Fill what comes before the memo: phone, category, urgent, place. */
	to_place(v);
	vt_send(v, "文一路 8 号 2 幢" VT_TAB);
	SEE(v, "Enter 换行");
	/* The key bar and the hint say what Enter does here. */
	SEE(v, "Enter换行");

	/* Up/Down move by row: "一二三", a break, "四五六", Up, "甲" lands on row 1. */
	vt_send(v, "一二三\n四五六" VT_UP "甲");
	SEE(v, "一二三甲");
	SEE(v, "四五六");
	vt_send(v, VT_CTRL_U);
	assert_true(vt_wait_gone(v, "四五六", VT_TIMEOUT));

	/* 2,000 characters with two breaks: Ctrl-J after 700, Enter after 1,400.
	 * Today the box held 30 and after Ctrl-J refused every key. */
	size_t a = 700, b = 699, c = CAPACITY - a - b - 2;
	char *p1 = malloc(3 * a + 1), *p2 = malloc(3 * b + 1), *p3 = malloc(3 * c + 1);
	assert_non_null(p1);
	assert_non_null(p2);
	assert_non_null(p3);
	chinese(p1, a, 0);
	chinese(p2, b, 5);
	chinese(p3, c, 11);
	size_t typed = 0;
	type_memo(v, p1, &typed);
	vt_send(v, "\n"); /* Ctrl-J */
	typed++;
	type_memo(v, p2, &typed);
	vt_send(v, VT_ENTER);
	typed++;
	type_memo(v, p3, &typed);
	char count[32];
	snprintf(count, sizeof count, "%d/%d", CAPACITY, CAPACITY);
	SEE(v, count);
	/* Wrapped at the box's width (60 columns, 30 characters a row): the last
	 * row holds what is left of the third part, the row above 30 more. */
	size_t last = c % 30 ? c % 30 : 30;
	char end[3 * 30 + 1], above[3 * 30 + 1];
	snprintf(end, sizeof end, "%s", tail(p3, last));
	snprintf(above, sizeof above, "%.*s", 3 * 30, tail(p3, last + 30));
	SEE(v, end);
	int row = vt_row_of(v, end);
	assert_true(row > 0);
	char *prev = vt_row(v, row - 1);
	assert_non_null(prev);
	if (!strstr(prev, above)) {
		fprintf(stderr, "row %d: %s\nwanted: %s\n", row - 1, prev ? prev : "", above);
		vt_dump(v);
	}
	assert_non_null(strstr(prev, above));
	assert_int_equal(vt_col_of(v, row, end), vt_col_of(v, row - 1, above));
	free(prev);

	/* Full: the next key is refused and the status line says so. */
	vt_send(v, "多");
	SEE(v, "诉求内容已满：最多 2000 个字");
	SEE(v, count);
	char *now = vt_row(v, row);
	assert_non_null(now);
	assert_non_null(strstr(now, end));
	assert_string_equal(strstr(now, end), end); /* nothing after it */
	free(now);

	/* The rest of the form, submit; the database holds all 2,000 characters. */
	vt_send(v, VT_TAB VT_CTRL_U "1" VT_TAB "y");
	vt_send(v, VT_F9);
	SEE(v, "已受理：办件编号");
	char number[40];
	scr_case_number(v, number, sizeof number);

	size_t want_n = strlen(p1) + strlen(p2) + strlen(p3) + 3;
	char *want = malloc(want_n);
	assert_non_null(want);
	snprintf(want, want_n, "%s\n%s\n%s", p1, p2, p3);
	yz_store *st;
	yz_err err;
	yz_case cs;
	yz_kv_list kv = {0};
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_get(st, number, &cs, &err), 0);
	assert_int_equal(yz_case_fields(st, cs.id, &kv, &err), 0);
	const char *content = NULL;
	for (size_t i = 0; i < kv.n; i++)
		if (strcmp(kv.keys[i], "content") == 0)
			content = kv.vals[i];
	assert_non_null(content);
	assert_int_equal(strlen(content), strlen(want));
	assert_string_equal(content, want);
	yz_kv_free(&kv);
	yz_store_close(st);
	free(want);
	free(p1);
	free(p2);
	free(p3);
	vt_send(v, VT_ENTER);
	SEE(v, "今日受理");
	scr_quit(v, "请登录");
}

/* The words of s each whole on the screen, in order, over consecutive rows
 * from row: nothing cut, no word split across rows. */
static void wrapped_whole(vt *v, const char *s, int cols)
{
	char first[32]; /* the first three words find the row */
	size_t fl = strcspn(s, " ");
	fl += 1 + strcspn(s + fl + 1, " ");
	fl += 1 + strcspn(s + fl + 1, " ");
	snprintf(first, sizeof first, "%.*s", (int)fl, s);
	int row = vt_row_of(v, first);
	assert_true(row >= 0);
	char joined[1024] = "";
	for (int r = row; r < row + 4; r++) {
		char *t = vt_row(v, r);
		assert_non_null(t);
		for (char *bar; (bar = strstr(t, "\u2502")) != NULL;) /* a dialog's frame */
			memset(bar, ' ', 3);
		for (size_t e = strlen(t); e > 0 && t[e - 1] == ' '; e--)
			t[e - 1] = '\0';
		const char *from = r == row ? strstr(t, first) : t;
		while (*from == ' ')
			from++;
		if (*joined)
			strcat(joined, " ");
		strncat(joined, from, sizeof joined - strlen(joined) - 1);
		/* a row never ends inside a word of s */
		size_t tl = strlen(t);
		assert_true((int)yz_text_width(t) <= cols);
		free(t);
		if (strstr(joined, s) || tl == 0)
			break;
	}
	if (!strstr(joined, s)) {
		fprintf(stderr, "wanted whole: %s\nrows joined: %s\n", s, joined);
		vt_dump(v);
	}
	assert_non_null(strstr(joined, s));
}

static void test_english_wraps_at_spaces(void **state)
{
	(void)state;
	static const char full[] = "发生地点 is full: at most 50 columns (a Chinese character "
	                           "takes 2). Nothing more was added.";
	static const char hint[] =
	    "Enter starts a new line, Up/Down move by line, Tab goes to the next field";
	vt *v = scr_start_en("zhangli");
	open_request(v, "ID number");
	/* The place (an address 50 columns wide) typed full, one more letter. */
	to_place(v);
	for (int i = 0; i < 5; i++)
		vt_send(v, "Wenyi Road");
	SEE(v, "Wenyi RoadWenyi");
	vt_send(v, "x");
	SEE(v, "was added.");
	/* 80 columns: two rows, broken at a space. */
	wrapped_whole(v, full, 80);
	/* 120 columns: one row. */
	vt_resize(v, 24, 120);
	vt_pump(v, 300);
	vt_send(v, "y"); /* refused again: the message drawn at the new width */
	SEE(v, "Nothing more");
	assert_true(vt_row_of(v, full) >= 0);
	vt_resize(v, 24, 80);
	vt_pump(v, 300);

	/* F1 on the memo: the help wraps at spaces inside its box. */
	vt_send(v, VT_TAB);
	SEE(v, "Enter starts a new line");
	vt_send(v, VT_F1);
	SEE(v, "Esc or Enter closes");
	wrapped_whole(v, hint, 80);
	vt_esc(v);
	vt_resize(v, 24, 120);
	vt_send(v, VT_F1);
	SEE(v, "Esc or Enter closes");
	assert_true(vt_row_of(v, hint) >= 0);
	vt_esc(v);
	vt_esc(v); /* leave the form, its draft kept */
	SEE(v, "[Y]");
	vt_send(v, "y");
	SEE(v, "Accepted today");
	scr_quit(v, "log in");
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_memo_2000),
	    cmocka_unit_test(test_english_wraps_at_spaces),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
