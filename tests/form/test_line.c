/* The one field editor (yz_line) without a terminal: what a clerk types, where
 * the cursor is, what a box of a given width shows. The widths are wcwidth's
 * (main.c sets C.UTF-8): a CJK character takes two columns. */
#include <string.h>

#include "tests.h"

/* Type a UTF-8 string one code point at a time; returns the last result. */
static yz_line_result type(yz_line *l, const char *s)
{
	yz_line_result r = YZ_LINE_MOVED;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s + i, n - i, &cp);
		assert_true(k > 0);
		r = yz_line_insert(l, cp);
		i += k;
	}
	return r;
}

static void test_insert_and_move(void **state)
{
	yz_line l;

	(void)state;
	assert_true(yz_line_init(&l, 0, false));
	assert_string_equal(yz_line_text(&l), "");
	assert_int_equal(type(&l, "ab"), YZ_LINE_CHANGED);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_LEFT), YZ_LINE_MOVED);
	assert_int_equal(yz_line_insert(&l, 'X'), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "aXb");
	assert_int_equal(l.cursor, 2);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_HOME), YZ_LINE_MOVED);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_LEFT), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_BACKSPACE), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_DELETE), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "Xb");
	assert_int_equal(yz_line_edit(&l, YZ_LINE_END), YZ_LINE_MOVED);
	assert_int_equal(l.cursor, 2);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_RIGHT), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_DELETE), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_KILL), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "");
	assert_int_equal(l.cursor, 0);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_KILL), YZ_LINE_REFUSED);
	yz_line_free(&l);
}

/* A name with a CJK Ext-B character and the middle dot: characters, not bytes,
 * and two columns for each CJK character. */
static void test_cjk_width(void **state)
{
	yz_line l;

	(void)state;
	yz_line_init(&l, 0, false);
	type(&l, "\u963f\U00020BB7\u00b7\u6728");
	assert_int_equal(l.len, 4);
	assert_int_equal(l.cursor, 4);
	assert_int_equal(yz_line_width(&l), 2 + 2 + 1 + 2);
	assert_int_equal(strlen(yz_line_text(&l)), 3 + 4 + 2 + 3);
	yz_line_free(&l);
}

/* Backspace takes the whole wide character before the cursor, also a 4-byte one. */
static void test_backspace_wide(void **state)
{
	yz_line l;

	(void)state;
	yz_line_init(&l, 0, false);
	type(&l, "\u738b\U00020BB7");
	assert_int_equal(yz_line_edit(&l, YZ_LINE_BACKSPACE), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "\u738b");
	assert_int_equal(yz_line_width(&l), 2);
	assert_int_equal(yz_line_edit(&l, YZ_LINE_BACKSPACE), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "");
	yz_line_free(&l);
}

/* A password: every character counts and shows as one '*', whatever its width. */
static void test_masked(void **state)
{
	yz_line l;
	yz_line_view v;

	(void)state;
	yz_line_init(&l, 4, true);
	type(&l, "\u5bc6a\u7801");
	assert_string_equal(yz_line_text(&l), "\u5bc6a\u7801"); /* the text itself is kept */
	assert_int_equal(yz_line_width(&l), 3);
	assert_int_equal(yz_line_insert(&l, 'b'), YZ_LINE_CHANGED);
	assert_int_equal(yz_line_insert(&l, 'c'), YZ_LINE_FULL); /* 4 characters */
	yz_line_view_of(&l, 10, &v);
	assert_int_equal(v.chars, 4);
	assert_int_equal(v.cursor_col, 4);
	yz_line_free(&l);
}

/* The field's max width: a wide character that would pass it is refused whole,
 * a narrow one still fits; a paste stops at the limit, never half a character. */
static void test_max_width(void **state)
{
	yz_line l;

	(void)state;
	yz_line_init(&l, 5, false);
	assert_int_equal(type(&l, "\u4e00\u4e8c"), YZ_LINE_CHANGED); /* 4 columns */
	assert_int_equal(yz_line_insert(&l, 0x4e09), YZ_LINE_FULL);
	assert_string_equal(yz_line_text(&l), "\u4e00\u4e8c");
	assert_int_equal(yz_line_insert(&l, '3'), YZ_LINE_CHANGED);
	assert_int_equal(yz_line_insert(&l, '4'), YZ_LINE_FULL);
	yz_line_edit(&l, YZ_LINE_KILL);
	assert_int_equal(yz_line_insert_text(&l, "a\u4e00\u4e8c\u4e09"), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "a\u4e00\u4e8c");
	assert_int_equal(yz_line_insert_text(&l, "\u4e09"), YZ_LINE_FULL);
	/* A value set by the program is kept whole: the limit is for typing. */
	assert_true(yz_line_set(&l, "\u4e00\u4e8c\u4e09\u56db"));
	assert_int_equal(yz_line_width(&l), 8);
	assert_int_equal(l.cursor, 4);
	yz_line_free(&l);
}

/* Control characters and escape sequences never enter the text: typed they are
 * refused, pasted or set they are dropped (the rest is kept). */
static void test_controls_refused(void **state)
{
	yz_line l;

	(void)state;
	yz_line_init(&l, 0, false);
	assert_int_equal(yz_line_insert(&l, 0x1b), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_insert(&l, '\t'), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_insert(&l, '\n'), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_insert(&l, 0x7f), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_insert(&l, 0x9b), YZ_LINE_REFUSED);   /* C1 CSI */
	assert_int_equal(yz_line_insert(&l, 0xd800), YZ_LINE_REFUSED); /* a surrogate */
	assert_int_equal(yz_line_insert(&l, 0x110000), YZ_LINE_REFUSED);
	assert_int_equal(l.len, 0);
	assert_int_equal(yz_line_insert_text(&l, "ab\x1b[2Jcd\x07"), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "abcd");
	assert_true(yz_line_set(&l, "x\x1b]0;title\x07y\nz"));
	assert_string_equal(yz_line_text(&l), "xyz");
	/* A memo keeps its line breaks, which take no column. */
	l.newlines = true;
	assert_true(yz_line_set(&l, "x\ny"));
	assert_string_equal(yz_line_text(&l), "x\ny");
	assert_int_equal(yz_line_insert(&l, '\n'), YZ_LINE_CHANGED);
	assert_int_equal(yz_line_width(&l), 2);
	yz_line_free(&l);
}

/* The window over a long line: the cursor always inside the box with a column
 * for itself, the start never inside a character, the scroll kept while the
 * cursor moves back inside the box, and shown again in full after a deletion. */
static void test_scrolling(void **state)
{
	yz_line l;
	yz_line_view v;

	(void)state;
	yz_line_init(&l, 0, false);
	type(&l, "a\u8def\u8def\u8def\u8def\u8def\u8def"); /* 13 columns */
	yz_line_view_of(&l, 6, &v);
	assert_int_equal(v.scroll, 9); /* "a" and 4 wide characters off the left */
	assert_int_equal(v.start, 1 + 4 * 3);
	assert_int_equal(v.bytes, 2 * 3);
	assert_int_equal(v.chars, 2);
	assert_int_equal(v.cursor_col, 4);
	yz_line_edit(&l, YZ_LINE_LEFT);
	yz_line_view_of(&l, 6, &v);
	assert_int_equal(v.scroll, 9);
	assert_int_equal(v.cursor_col, 2);
	/* An odd width: the box shows whole characters only. */
	for (int w = 1; w <= 14; w++) {
		for (size_t c = 0; c <= 7; c++) {
			yz_line_edit(&l, YZ_LINE_HOME);
			for (size_t i = 0; i < c; i++)
				yz_line_edit(&l, YZ_LINE_RIGHT);
			yz_line_view_of(&l, w, &v);
			assert_true(v.cursor_col >= 0 && (v.cursor_col < w || w < 2));
			assert_true(v.start == 0 || (v.start - 1) % 3 == 0);
			assert_true(v.bytes == 0 || (v.start + v.bytes - 1) % 3 == 0);
			assert_true(yz_text_width(yz_line_text(&l) + v.start) >= 0);
		}
	}
	/* Deleting from the end: the window moves back to show what is left. */
	yz_line_edit(&l, YZ_LINE_END);
	yz_line_view_of(&l, 6, &v);
	for (int i = 0; i < 4; i++)
		yz_line_edit(&l, YZ_LINE_BACKSPACE);
	yz_line_view_of(&l, 6, &v);
	assert_int_equal(v.scroll, 0);
	assert_int_equal(v.cursor_col, 5);
	yz_line_edit(&l, YZ_LINE_HOME);
	yz_line_view_of(&l, 6, &v);
	assert_int_equal(v.scroll, 0);
	assert_int_equal(v.cursor_col, 0);
	yz_line_free(&l);
}

const struct CMUnitTest line_tests[] = {
    cmocka_unit_test(test_insert_and_move), cmocka_unit_test(test_cjk_width),
    cmocka_unit_test(test_backspace_wide),  cmocka_unit_test(test_masked),
    cmocka_unit_test(test_max_width),       cmocka_unit_test(test_controls_refused),
    cmocka_unit_test(test_scrolling),
};
const size_t n_line_tests = sizeof line_tests / sizeof line_tests[0];
