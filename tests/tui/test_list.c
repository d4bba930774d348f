/* The list view without a terminal: column widths for a total width, a cell
 * cut with an ellipsis at a character boundary (CJK characters two columns
 * wide), the window kept round the selection, the "more" markers, the filter
 * of search-as-you-type, headings skipped by the selection. Chinese text is
 * written as \u escapes (no Chinese in C sources). */
#include "tests.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tui_int.h"

/* "she qu yi shou li" (the community has accepted the case), ten columns. */
#define ACCEPTED  "\u793e\u533a\u5df2\u53d7\u7406"
#define ZHANG_SAN "\u5f20\u4e09"
#define LI_SI     "\u674e\u56db"
#define ELL       "\u2026"

static tui_key code(int c)
{
	return (tui_key){.is_code = true, .code = c};
}

static tui_key ch(wint_t c)
{
	return (tui_key){.ch = c};
}

/* ---- widths ------------------------------------------------------------------ */

static void test_layout_fixed_and_flex(void **state)
{
	(void)state;
	const yz_column cols[] = {{"", COL_FIXED, 5, 0, false},
	                          {"", COL_FLEX, 10, 1, false},
	                          {"", COL_FIXED, 3, 0, false}};
	int nat[3] = {0}, w[3];
	list_layout(cols, 3, nat, 40, w);
	/* The flex column takes what the others and the two gaps leave. */
	assert_int_equal(w[0], 5);
	assert_int_equal(w[1], 40 - 5 - 3 - 2);
	assert_int_equal(w[2], 3);
}

static void test_layout_fit_and_shares(void **state)
{
	(void)state;
	const yz_column cols[] = {{"", COL_FIT, 20, 0, false},
	                          {"", COL_FIT, 0, 0, false},
	                          {"", COL_FLEX, 4, 2, false},
	                          {"", COL_FLEX, 4, 1, false},
	                          {"", COL_FIT, 6, 0, false}};
	int nat[5] = {12, 9, 0, 0, 30}, w[5];
	list_layout(cols, 5, nat, 80, w);
	assert_int_equal(w[0], 12); /* its widest cell */
	assert_int_equal(w[1], 9);  /* no limit */
	assert_int_equal(w[4], 6);  /* at most its width */
	/* Room left: 80 - (12 + 9 + 4 + 4 + 6) - 4 gaps = 41, shared 2:1, the
	 * rest of the division to the last flex column. */
	assert_int_equal(w[2], 4 + 41 * 2 / 3);
	assert_int_equal(w[3], 4 + 41 - 41 * 2 / 3);
	assert_int_equal(w[0] + w[1] + w[2] + w[3] + w[4] + 4, 80);
}

static void test_layout_too_narrow(void **state)
{
	(void)state;
	const yz_column cols[] = {{"", COL_FIXED, 10, 0, false},
	                          {"", COL_FIT, 0, 0, false},
	                          {"", COL_FLEX, 20, 1, false}};
	int nat[3] = {0, 25, 0}, w[3];
	list_layout(cols, 3, nat, 40, w);
	/* 10 + 25 + 20 + 2 = 57: the widest of fit and flex give way first, the
	 * fixed column keeps its width. */
	assert_int_equal(w[0], 10);
	assert_int_equal(w[0] + w[1] + w[2] + 2, 40);
	assert_true(w[1] >= 13 && w[1] <= 15);
	assert_true(w[2] >= 13 && w[2] <= 15);
	/* Far too narrow: columns go to 0 and their gaps with them; never more
	 * than the total. */
	list_layout(cols, 3, nat, 6, w);
	int used = 0, shown = 0;
	for (int j = 0; j < 3; j++)
		if (w[j] > 0)
			used += w[j], shown++;
	assert_true(used + (shown > 1 ? shown - 1 : 0) <= 6);
	list_layout(cols, 3, nat, 0, w);
	assert_int_equal(w[0] + w[1] + w[2], 0);
}

/* ---- cutting ------------------------------------------------------------------- */

static void test_cut_fits_whole(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(list_cut("DEMO01-2026-000001", 18, out, sizeof out), 18);
	assert_string_equal(out, "DEMO01-2026-000001");
	/* Ten columns: whole in ten, the bug was a fixed column of eight. */
	assert_int_equal(list_cut(ACCEPTED, 10, out, sizeof out), 10);
	assert_string_equal(out, ACCEPTED);
	assert_int_equal(list_cut("", 5, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void test_cut_cjk_with_ellipsis(void **state)
{
	(void)state;
	char out[64];
	/* Eight columns: three characters and the ellipsis (7), never the four
	 * characters that looked whole. */
	assert_int_equal(list_cut(ACCEPTED, 8, out, sizeof out), 7);
	assert_string_equal(out, "\u793e\u533a\u5df2" ELL);
	assert_int_equal(list_cut(ACCEPTED, 9, out, sizeof out), 9);
	assert_string_equal(out, "\u793e\u533a\u5df2\u53d7" ELL);
	/* Never half a character: 4 columns hold one character and the ellipsis. */
	assert_int_equal(list_cut(ACCEPTED, 4, out, sizeof out), 3);
	assert_string_equal(out, "\u793e" ELL);
	assert_int_equal(list_cut(ACCEPTED, 1, out, sizeof out), 1);
	assert_string_equal(out, ELL);
	assert_int_equal(list_cut(ACCEPTED, 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* Mixed text: ASCII one column, CJK two. */
	assert_int_equal(list_cut("ab" ZHANG_SAN, 4, out, sizeof out), 3);
	assert_string_equal(out, "ab" ELL);
	assert_int_equal(list_cut("Subsistence allowance", 10, out, sizeof out), 10);
	assert_string_equal(out, "Subsisten" ELL);
}

static void test_cut_small_buffer(void **state)
{
	(void)state;
	char out[8];
	/* 8 bytes: two characters (6 bytes) would leave no room for the ellipsis
	 * (3) and the NUL, so one character and the ellipsis. */
	int w = list_cut(ACCEPTED, 9, out, sizeof out);
	assert_string_equal(out, "\u793e" ELL);
	assert_int_equal(w, 3);
	char tiny[3];
	list_cut(ACCEPTED, 9, tiny, sizeof tiny);
	assert_string_equal(tiny, ""); /* not even one character: nothing, never half */
}

/* In a GB18030 locale the ellipsis is two columns wide (as the terminal draws
 * it): the cut makes room for both. */
static void test_cut_gb18030_locale(void **state)
{
	(void)state;
	if (!setlocale(LC_CTYPE, "zh_CN.GB18030") && !setlocale(LC_CTYPE, "zh_CN.gb18030"))
		skip();
	char out[64];
	int w = list_cut(ACCEPTED, 7, out, sizeof out);
	int wide = yz_text_width(ELL);
	setlocale(LC_CTYPE, "C.UTF-8");
	assert_int_equal(wide, 2);
	assert_string_equal(out, "\u793e\u533a" ELL);
	assert_int_equal(w, 6);
}

/* ---- markers, filter, window ------------------------------------------------- */

static void test_markers(void **state)
{
	(void)state;
	char m[32];
	list_markers(0, 0, m, sizeof m);
	assert_string_equal(m, "");
	list_markers(3, 0, m, sizeof m);
	assert_string_equal(m, "\u2191"
	                       "3");
	list_markers(0, 12, m, sizeof m);
	assert_string_equal(m, "\u2193"
	                       "12");
	list_markers(3, 12, m, sizeof m);
	assert_string_equal(m, "\u2191"
	                       "3 \u2193"
	                       "12");
}

static void test_match(void **state)
{
	(void)state;
	assert_true(list_match("DEMO01-2026-000014", ""));
	assert_true(list_match("DEMO01-2026-000014", "0014"));
	assert_true(list_match("Subsistence allowance", "ALLOW"));
	assert_false(list_match("Subsistence allowance", "pension"));
	assert_true(list_match(ACCEPTED, "\u5df2\u53d7")); /* typed through an IME */
	/* Pinyin initials from the first character: zhang san. */
	assert_true(list_match(ZHANG_SAN, "zs"));
	assert_true(list_match(ZHANG_SAN, "zhs"));
	assert_false(list_match(ZHANG_SAN, "ls"));
	assert_true(list_match(LI_SI, "ls"));
	assert_false(list_match("", "a"));
}

static void test_window(void **state)
{
	(void)state;
	size_t top = 0;
	list_window(100, 0, 10, &top);
	assert_int_equal(top, 0);
	list_window(100, 9, 10, &top);
	assert_int_equal(top, 0);
	list_window(100, 15, 10, &top); /* down past the bottom: the least move */
	assert_int_equal(top, 6);
	list_window(100, 10, 10, &top); /* still in view: stays */
	assert_int_equal(top, 6);
	list_window(100, 3, 10, &top); /* up past the top */
	assert_int_equal(top, 3);
	list_window(100, 99, 10, &top);
	assert_int_equal(top, 90);
	/* The rows went down to 12 (or the window grew): no empty rows below
	 * while rows are hidden above. */
	list_window(12, 11, 10, &top);
	assert_int_equal(top, 2);
	list_window(12, 11, 20, &top);
	assert_int_equal(top, 0);
	list_window(0, 0, 10, &top);
	assert_int_equal(top, 0);
}

/* ---- the widget with a screen's callbacks -------------------------------------- */

/* Rows of a fake screen: a heading every 5 rows, names alternating. */
typedef struct fake {
	size_t n;
	bool headings;
	bool long_state; /* row 3's state grows (changed in place) */
} fake;

static const char *fake_cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	fake *f = ctx;
	if (f->headings && row % 5 == 0) {
		snprintf(buf, n, "Group %zu", row / 5);
		return buf;
	}
	if (col == 0)
		snprintf(buf, n, "DEMO01-2026-%06zu", row + 1);
	else if (col == 1)
		return row % 2 ? ZHANG_SAN : LI_SI;
	else
		return row == 7                    ? ACCEPTED
		       : f->long_state && row == 3 ? "waiting for the office"
		                                   : "ok";
	return buf;
}

static bool fake_heading(void *ctx, size_t row)
{
	fake *f = ctx;
	return f->headings && row % 5 == 0;
}

static const yz_column fake_cols[] = {{"Number", COL_FIT, 24, 0, false},
                                      {"Resident", COL_FIT, 12, 0, false},
                                      {"State", COL_FIT, 16, 0, false},
                                      {"Note", COL_FLEX, 4, 1, false}};

static void test_widths_from_rows(void **state)
{
	(void)state;
	fake f = {.n = 20};
	yz_listview lv;
	listview_init(&lv, fake_cols, 4, fake_cell, &f);
	listview_set_rows(&lv, f.n);
	int w[4];
	listview_widths(&lv, 80, w);
	assert_int_equal(w[0], 18); /* the case numbers */
	assert_int_equal(w[1], 8);  /* "Resident" is wider than a 2-character name */
	assert_int_equal(w[2], 10); /* the CJK state, two columns a character */
	assert_int_equal(w[3], 78 - 18 - 8 - 10 - 3); /* the rest, margins out */
	listview_free(&lv);
}

/* Issue 20: the rows are measured once per listview_set_rows, not at every
 * draw; a row on screen changed in place widens its column at the next draw,
 * and rows set again are measured again. */
static void test_widths_kept_and_widened(void **state)
{
	(void)state;
	fake f = {.n = 20};
	yz_listview lv;
	listview_init(&lv, fake_cols, 4, fake_cell, &f);
	listview_set_rows(&lv, f.n);
	lv.height = 10; /* rows 0-9 on screen */
	int w[4];
	listview_widths(&lv, 80, w);
	assert_int_equal(w[2], 10);
	f.long_state = true; /* row 3, on screen, changed in place */
	listview_widths(&lv, 80, w);
	assert_int_equal(w[2], 16); /* 22 wide, the column's most */
	f.long_state = false;
	listview_widths(&lv, 80, w);
	assert_int_equal(w[2], 16); /* kept until the rows are set again */
	listview_set_rows(&lv, f.n);
	listview_widths(&lv, 80, w);
	assert_int_equal(w[2], 10);
	listview_free(&lv);
}

static void test_keys_window_and_markers(void **state)
{
	(void)state;
	fake f = {.n = 14};
	yz_listview lv;
	listview_init(&lv, fake_cols, 4, fake_cell, &f);
	listview_set_rows(&lv, f.n);
	lv.height = 8; /* as a draw of 8 rows leaves it */
	size_t row, above, below;
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 0);
	listview_hidden(&lv, &above, &below);
	assert_int_equal(above, 0);
	assert_int_equal(below, 6); /* the bug of the dashboard: 6 unreachable */
	/* Every row can be reached with Down. */
	for (size_t i = 1; i < 14; i++) {
		assert_true(listview_key(&lv, code(KEY_DOWN)));
		assert_true(listview_selected(&lv, &row));
		assert_int_equal(row, i);
		assert_true(lv.list.sel >= lv.list.top && lv.list.sel < lv.list.top + 8);
	}
	assert_true(listview_key(&lv, code(KEY_DOWN))); /* at the end: stays */
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 13);
	listview_hidden(&lv, &above, &below);
	assert_int_equal(above, 6);
	assert_int_equal(below, 0);
	assert_true(listview_key(&lv, code(KEY_HOME)));
	assert_int_equal(lv.list.sel, 0);
	assert_int_equal(lv.list.top, 0);
	assert_true(listview_key(&lv, code(KEY_NPAGE))); /* a page is height - 1 */
	assert_int_equal(lv.list.sel, 7);
	assert_true(listview_key(&lv, code(KEY_NPAGE)));
	assert_int_equal(lv.list.sel, 13);
	assert_true(listview_key(&lv, code(KEY_PPAGE)));
	assert_int_equal(lv.list.sel, 6);
	assert_true(listview_key(&lv, code(KEY_END)));
	assert_int_equal(lv.list.sel, 13);
	assert_int_equal(lv.list.top, 6);
	assert_false(listview_key(&lv, code(KEY_F(5)))); /* not a list key */
	assert_false(listview_key(&lv, ch('a')));
	/* Fewer rows after a reload: the selection stays in range. */
	listview_set_rows(&lv, 3);
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 2);
	assert_int_equal(lv.list.top, 0);
	listview_set_rows(&lv, 0);
	assert_false(listview_selected(&lv, &row));
	listview_free(&lv);
}

static void test_headings_skipped(void **state)
{
	(void)state;
	fake f = {.n = 15, .headings = true}; /* headings at 0, 5, 10 */
	yz_listview lv;
	listview_init(&lv, fake_cols, 4, fake_cell, &f);
	lv.heading = fake_heading;
	listview_set_rows(&lv, f.n);
	lv.height = 4;
	size_t row;
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 1); /* the first row that is not a heading */
	for (int i = 0; i < 3; i++)
		listview_key(&lv, code(KEY_DOWN));
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 4);
	listview_key(&lv, code(KEY_DOWN)); /* over the heading of group 1 */
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 6);
	listview_key(&lv, code(KEY_UP)); /* and back over it */
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 4);
	listview_key(&lv, code(KEY_HOME));
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 1);
	assert_int_equal(lv.list.top, 0); /* its heading in view with it */
	listview_key(&lv, code(KEY_UP));  /* nothing above but the heading */
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 1);
	/* Scrolled down to row 12, then up to the first row of its group: the
	 * group's heading comes into view above it. */
	listview_key(&lv, code(KEY_END));
	listview_select(&lv, 12);
	lv.list.top = 12;
	listview_key(&lv, code(KEY_UP));
	assert_int_equal(lv.list.sel, 11);
	assert_int_equal(lv.list.top, 10);
	/* Hidden counts leave the headings out. */
	size_t above, below;
	lv.list.top = 0;
	listview_hidden(&lv, &above, &below);
	assert_int_equal(above, 0);
	assert_int_equal(below, 15 - 4 - 2); /* rows 4..14 less headings 5 and 10 */
	listview_free(&lv);
}

static void test_search_filters(void **state)
{
	(void)state;
	fake f = {.n = 14};
	yz_listview lv;
	listview_init(&lv, fake_cols, 4, fake_cell, &f);
	lv.search = true;
	listview_set_rows(&lv, f.n);
	lv.height = 8;
	listview_key(&lv, code(KEY_DOWN));
	/* "zs": the rows of zhang san (odd rows) by pinyin initials. */
	assert_true(listview_search_key(&lv, ch('z')));
	assert_true(listview_search_key(&lv, ch('s')));
	assert_string_equal(lv.query, "zs");
	assert_int_equal(listview_count(&lv), 7);
	size_t row;
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 1); /* the first match */
	for (size_t i = 0; i < listview_count(&lv); i++)
		assert_int_equal(listview_row(&lv, i) % 2, 1);
	listview_key(&lv, code(KEY_DOWN));
	assert_true(listview_selected(&lv, &row));
	assert_int_equal(row, 3);
	/* Backspace takes a character back; Esc clears; then neither is ours. */
	assert_true(listview_search_key(&lv, code(KEY_BACKSPACE)));
	assert_string_equal(lv.query, "z");
	assert_true(listview_search_key(&lv, ch(0x53d7))); /* a CJK character */
	assert_int_equal(listview_count(&lv), 0);          /* "z" + it: nothing */
	assert_false(listview_selected(&lv, &row));
	assert_true(listview_search_key(&lv, ch(127)));
	assert_string_equal(lv.query, "z");
	assert_true(listview_search_key(&lv, ch(27)));
	assert_string_equal(lv.query, "");
	assert_int_equal(listview_count(&lv), 14);
	assert_false(listview_search_key(&lv, ch(27)));
	assert_false(listview_search_key(&lv, code(KEY_BACKSPACE)));
	assert_false(listview_search_key(&lv, code(KEY_F(5))));
	/* A typed state (through an IME) finds the one row in that state. */
	assert_true(listview_search_key(&lv, ch(0x53d7)));
	assert_int_equal(listview_count(&lv), 1);
	assert_int_equal(listview_row(&lv, 0), 7);
	/* With search off, typing is the screen's. */
	lv.search = false;
	assert_false(listview_search_key(&lv, ch('x')));
	listview_free(&lv);
}

static void test_read_only_scrolls(void **state)
{
	(void)state;
	fake f = {.n = 20};
	yz_listview lv;
	listview_init(&lv, fake_cols, 4, fake_cell, &f);
	lv.no_select = true;
	listview_set_rows(&lv, f.n);
	lv.height = 5;
	size_t row, above, below;
	assert_false(listview_selected(&lv, &row));
	assert_true(listview_key(&lv, code(KEY_DOWN)));
	assert_int_equal(lv.list.top, 1);
	assert_true(listview_key(&lv, code(KEY_END)));
	assert_int_equal(lv.list.top, 15);
	listview_hidden(&lv, &above, &below);
	assert_int_equal(above, 15);
	assert_int_equal(below, 0);
	assert_true(listview_key(&lv, code(KEY_DOWN)));
	assert_int_equal(lv.list.top, 15);
	assert_true(listview_key(&lv, code(KEY_PPAGE)));
	assert_int_equal(lv.list.top, 11);
	listview_free(&lv);
}

int run_list_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout_fixed_and_flex),
	    cmocka_unit_test(test_layout_fit_and_shares),
	    cmocka_unit_test(test_layout_too_narrow),
	    cmocka_unit_test(test_cut_fits_whole),
	    cmocka_unit_test(test_cut_cjk_with_ellipsis),
	    cmocka_unit_test(test_cut_small_buffer),
	    cmocka_unit_test(test_cut_gb18030_locale),
	    cmocka_unit_test(test_markers),
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_window),
	    cmocka_unit_test(test_widths_from_rows),
	    cmocka_unit_test(test_widths_kept_and_widened),
	    cmocka_unit_test(test_keys_window_and_markers),
	    cmocka_unit_test(test_headings_skipped),
	    cmocka_unit_test(test_search_filters),
	    cmocka_unit_test(test_read_only_scrolls),
	};
	return cmocka_run_group_tests_name("list view", tests, NULL, NULL);
}
