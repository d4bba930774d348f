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

/* Capacities in characters and bytes: FULL at the key that does not fit,
 * nothing half inserted; a paste stops there too, and says so. */
static void test_capacity(void **state)
{
	yz_line l;

	(void)state;
	yz_line_init(&l, 0, false);
	l.newlines = true;
	l.max_chars = 4;
	assert_int_equal(type(&l, "\u8def\u8def\u8def"), YZ_LINE_CHANGED);
	assert_int_equal(yz_line_insert(&l, '\n'), YZ_LINE_CHANGED); /* a break counts one */
	assert_int_equal(yz_line_insert(&l, 'a'), YZ_LINE_FULL);
	assert_int_equal(yz_line_chars(&l), 4);
	assert_int_equal(yz_line_insert_text(&l, "bc"), YZ_LINE_FULL);
	yz_line_edit(&l, YZ_LINE_KILL);
	assert_int_equal(yz_line_insert_text(&l, "abcdef"), YZ_LINE_CHANGED);
	assert_string_equal(yz_line_text(&l), "abcd");
	/* Bytes: a caller's buffer of 7 bytes holds two CJK characters, not three. */
	l.max_chars = 0;
	l.max_bytes = 7;
	yz_line_edit(&l, YZ_LINE_KILL);
	assert_int_equal(type(&l, "\u8def\u8def"), YZ_LINE_CHANGED);
	assert_int_equal(yz_line_insert(&l, 0x8def), YZ_LINE_FULL);
	assert_int_equal(yz_line_insert(&l, 'x'), YZ_LINE_CHANGED);
	assert_int_equal(yz_line_insert(&l, 'y'), YZ_LINE_FULL);
	assert_int_equal(strlen(yz_line_text(&l)), 7);
	yz_line_free(&l);
}

/* The rows of a box as strings, "|" between them. */
static void rows_of(yz_line *l, int w, int h, bool keep, char *out, yz_line_box *b)
{
	yz_line_row row[16];

	yz_line_box_of(l, w, h, keep, row, b);
	out[0] = '\0';
	for (size_t i = 0; i < b->shown; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, yz_line_text(l) + row[i].start, row[i].bytes);
	}
}

/* A memo (newlines allowed) holding text, the cursor at its end. */
static void memo_init(yz_line *l, const char *text)
{
	yz_line_init(l, 0, false);
	l->newlines = true;
	type(l, text);
}

/* The line's text replaced by text, then its rows in a w x h box as rows_of. */
static void retype(yz_line *l, const char *text, int w, int h, char *out, yz_line_box *b)
{
	yz_line_edit(l, YZ_LINE_KILL);
	type(l, text);
	rows_of(l, w, h, true, out, b);
}

/* A memo wrapped in a box 5 columns wide (4 for text, one for the cursor):
 * Chinese two columns, never half a character; a '\n' starts a row. */
static void test_box_wrap(void **state)
{
	yz_line l;
	yz_line_box b;
	char s[256];

	(void)state;
	memo_init(&l, "ab\u8def\u8def\u8def\ncd\n");
	rows_of(&l, 5, 8, true, s, &b);
	assert_string_equal(s, "ab\u8def|\u8def\u8def|cd|");
	assert_int_equal(b.rows, 4);
	assert_int_equal(b.cursor_row, 3); /* after the last break: an empty row */
	assert_int_equal(b.cursor_col, 0);
	/* A row holds 4 columns: a fifth is never drawn, the cursor gets its own. */
	retype(&l, "abcd", 5, 8, s, &b);
	assert_string_equal(s, "abcd");
	assert_int_equal(b.cursor_col, 4);
	type(&l, "e");
	rows_of(&l, 5, 8, true, s, &b);
	assert_string_equal(s, "abcd|e");
	assert_int_equal(b.cursor_row, 1);
	assert_int_equal(b.cursor_col, 1);
	/* Taller than the box: it scrolls with the cursor, and back. */
	retype(&l, "aaaabbbbccccdddd", 5, 2, s, &b);
	assert_string_equal(s, "cccc|dddd");
	assert_int_equal(b.top, 2);
	assert_int_equal(b.cursor_row, 1);
	yz_line_edit(&l, YZ_LINE_HOME);
	rows_of(&l, 5, 2, true, s, &b);
	assert_string_equal(s, "aaaa|bbbb");
	assert_int_equal(b.cursor_row, 0);
	yz_line_free(&l);
}

/* Up and Down by rows, to the nearest column; refused on the first and last
 * row (a form leaves the memo there). */
static void test_vertical(void **state)
{
	yz_line l;
	yz_line_box b;
	char s[256];

	(void)state;
	memo_init(&l, "\u4e00\u4e8c\u4e09\nabcdefgh");
	rows_of(&l, 7, 8, true, s, &b); /* 6 columns a row */
	assert_string_equal(s, "\u4e00\u4e8c\u4e09|abcdef|gh");
	assert_int_equal(yz_line_vertical(&l, 7, 1), YZ_LINE_REFUSED);
	assert_int_equal(yz_line_vertical(&l, 7, -1), YZ_LINE_MOVED); /* "gh|" -> "ab|" */
	assert_int_equal(l.cursor, 6);
	assert_int_equal(yz_line_vertical(&l, 7, -1), YZ_LINE_MOVED); /* column 2: after U+4E00 */
	assert_int_equal(l.cursor, 1);
	assert_int_equal(yz_line_vertical(&l, 7, -1), YZ_LINE_REFUSED);
	yz_line_insert(&l, 'X');
	assert_string_equal(yz_line_text(&l), "\u4e00X\u4e8c\u4e09\nabcdefgh");
	/* The first row wraps now ("\u4e00X\u4e8c|\u4e09"); Down from column 3 stops at
	 * the end of the short row, before its '\n'. */
	assert_int_equal(yz_line_vertical(&l, 7, 1), YZ_LINE_MOVED);
	assert_int_equal(l.cursor, 4);
	/* At the end of a wrapped row the cursor stays on it, never on the next. */
	yz_line_edit(&l, YZ_LINE_END);
	assert_int_equal(yz_line_vertical(&l, 7, -1), YZ_LINE_MOVED); /* "gh|" */
	assert_int_equal(yz_line_vertical(&l, 7, 1), YZ_LINE_MOVED);
	assert_int_equal(l.cursor, l.len);
	yz_line_free(&l);
}

const struct CMUnitTest line_tests[] = {
    cmocka_unit_test(test_capacity),         cmocka_unit_test(test_box_wrap),
    cmocka_unit_test(test_vertical),         cmocka_unit_test(test_insert_and_move),
    cmocka_unit_test(test_cjk_width),        cmocka_unit_test(test_backspace_wide),
    cmocka_unit_test(test_masked),           cmocka_unit_test(test_max_width),
    cmocka_unit_test(test_controls_refused), cmocka_unit_test(test_scrolling),
};
const size_t n_line_tests = sizeof line_tests / sizeof line_tests[0];
