/* The intake engine without a terminal: keys in, values, cursor, scroll and
 * messages out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static const char *settings(const char *name, void *ctx)
{
	(void)ctx;
	return strcmp(name, "dibao_standard") == 0 ? "1050" : NULL;
}

static const yz_eval_env env = {{2025, 6, 15}, settings, NULL};

/* Field indexes of tests/form/fixtures/household.form. */
enum {
	F_APPLICANT,
	F_NAME,
	F_PHONE,
	F_REASON,
	F_NOTE,
	F_NEEDS,
	F_ADDRESS,
	F_MEMBERS,
	F_OTHER,
	F_ROOMS
};

static void type(yz_engine *e, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s + i, n - i, &cp);
		assert_true(k > 0);
		yz_engine_key(e, YZ_KEY_CHAR, cp);
		i += k;
	}
}

static int changes;

static void count_change(yz_engine *e, void *ctx)
{
	(void)e;
	(void)ctx;
	changes++;
}

static void test_editing(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_engine *e = yz_engine_new(f, &env);

	(void)state;
	yz_engine_on_change(e, count_change, NULL);
	changes = 0;
	assert_int_equal(yz_engine_field_index(e), F_APPLICANT);
	assert_true(yz_engine_goto(e, F_NAME, 0, 0));
	/* CJK, an Ext-B character (U+20BB7) and the middle dot. */
	type(e, "\u963f\U00020BB7\u00b7\u6728");
	assert_string_equal(yz_engine_text(e), "\u963f\U00020BB7\u00b7\u6728");
	assert_int_equal(yz_engine_cursor(e), 4);
	assert_int_equal(changes, 4);
	assert_string_equal(yz_values_get(yz_engine_values(e), "name"), yz_engine_text(e));
	assert_int_equal(yz_engine_key(e, YZ_KEY_LEFT, 0), YZ_KEY_DONE);
	assert_int_equal(yz_engine_key(e, YZ_KEY_LEFT, 0), YZ_KEY_DONE);
	assert_int_equal(yz_engine_cursor(e), 2);
	yz_engine_key(e, YZ_KEY_BACKSPACE, 0); /* removes the Ext-B character */
	assert_string_equal(yz_engine_text(e), "\u963f\u00b7\u6728");
	assert_int_equal(yz_engine_cursor(e), 1);
	yz_engine_key(e, YZ_KEY_DELETE, 0); /* removes the dot */
	assert_string_equal(yz_engine_text(e), "\u963f\u6728");
	yz_engine_key(e, YZ_KEY_HOME, 0);
	assert_int_equal(yz_engine_cursor(e), 0);
	assert_int_equal(yz_engine_key(e, YZ_KEY_LEFT, 0), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_BACKSPACE, 0), YZ_KEY_REFUSED);
	type(e, "\u5e03");
	assert_string_equal(yz_engine_text(e), "\u5e03\u963f\u6728");
	yz_engine_key(e, YZ_KEY_END, 0);
	assert_int_equal(yz_engine_cursor(e), 3);
	assert_int_equal(yz_engine_key(e, YZ_KEY_RIGHT, 0), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_DELETE, 0), YZ_KEY_REFUSED);
	/* Control characters and escape never enter. */
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 0x1b), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 0x7f), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 0x9b), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 0xd800), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '\n'), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEWLINE, 0), YZ_KEY_REFUSED);
	assert_string_equal(yz_engine_text(e), "\u5e03\u963f\u6728");
	yz_engine_key(e, YZ_KEY_KILL_LINE, 0);
	assert_string_equal(yz_engine_text(e), "");
	assert_int_equal(yz_engine_cursor(e), 0);
	assert_null(yz_values_get(yz_engine_values(e), "name"));
	assert_true(yz_engine_changed(e));
	yz_engine_free(e);
	yz_form_free(f);
}

static void test_width_and_scroll(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_engine *e = yz_engine_new(f, &env);
	yz_engine_view v;

	(void)state;
	assert_true(yz_engine_goto(e, F_ADDRESS, 0, 0)); /* width 40 */
	for (int i = 0; i < 20; i++)
		assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 0x8def), YZ_KEY_DONE);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 0x8def), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 'a'), YZ_KEY_REFUSED);
	assert_non_null(strstr(yz_engine_message(e), "is full: at most 40 columns"));
	yz_engine_key(e, YZ_KEY_KILL_LINE, 0);
	type(e, "a\u8def\u8def\u8def\u8def\u8def\u8def"); /* 13 columns */
	/* Box of 6 columns: the cursor at the end needs 1 column after the text. */
	yz_engine_view_of(e, 6, &v);
	assert_int_equal(v.cursor_col, 4);
	assert_int_equal(v.scroll, 9); /* "a" + 4 wide characters scrolled off */
	assert_int_equal(v.start, 1 + 4 * 3);
	assert_int_equal(v.bytes, 2 * 3);
	/* Odd box width: never half a character on either side. */
	for (int w = 1; w <= 14; w++) {
		for (size_t c = 0; c <= 7; c++) {
			yz_engine_key(e, YZ_KEY_HOME, 0);
			for (size_t i = 0; i < c; i++)
				yz_engine_key(e, YZ_KEY_RIGHT, 0);
			yz_engine_view_of(e, w, &v);
			assert_true(v.cursor_col >= 0 && (v.cursor_col < w || w < 3));
			assert_true(v.start == 0 || v.start == 1 || (v.start - 1) % 3 == 0);
			assert_true(yz_text_width(yz_engine_text(e) + v.start) >= 0);
		}
	}
	/* Scroll is kept while the cursor moves back inside the box. */
	yz_engine_key(e, YZ_KEY_END, 0);
	yz_engine_view_of(e, 6, &v);
	yz_engine_key(e, YZ_KEY_LEFT, 0);
	yz_engine_view_of(e, 6, &v);
	assert_int_equal(v.scroll, 9);
	assert_int_equal(v.cursor_col, 2);
	yz_engine_key(e, YZ_KEY_HOME, 0);
	yz_engine_view_of(e, 6, &v);
	assert_int_equal(v.scroll, 0);
	assert_int_equal(v.cursor_col, 0);
	yz_engine_free(e);
	yz_form_free(f);
}

static void test_autoskip_and_leave(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_engine *e = yz_engine_new(f, &env);

	(void)state;
	/* Letters other than X are refused in an ID number. */
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 'a'), YZ_KEY_REFUSED);
	/* A wrong check digit: the 18th character tries to move on and stays. */
	type(e, "110105194912310021");
	assert_int_equal(yz_engine_field_index(e), F_APPLICANT);
	assert_non_null(strstr(yz_engine_message(e), "\u7533\u8bf7\u4eba\u8eab\u4efd\u8bc1: "));
	assert_int_equal(yz_engine_cursor(e), 18);
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_INVALID);
	assert_int_equal(yz_engine_field_index(e), F_APPLICANT);
	yz_engine_key(e, YZ_KEY_BACKSPACE, 0);
	assert_string_equal(yz_engine_message(e), "");
	type(e, "x"); /* lower-case x becomes X and the field is full: auto-skip */
	assert_string_equal(yz_values_get(yz_engine_values(e), "applicant"), "11010519491231002X");
	assert_int_equal(yz_engine_field_index(e), F_NAME);
	assert_string_equal(yz_values_get(yz_engine_values(e), "applicant_age"), "75");
	/* An empty required field may be left (submit checks it). */
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_DONE);
	assert_int_equal(yz_engine_field_index(e), F_PHONE);
	type(e, "123");
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_INVALID);
	assert_int_equal(yz_engine_key(e, YZ_KEY_PREV, 0), YZ_KEY_INVALID);
	assert_int_equal(yz_engine_field_index(e), F_PHONE);
	assert_int_equal(yz_engine_cursor(e), 3);
	yz_engine_key(e, YZ_KEY_KILL_LINE, 0);
	type(e, "13800138000");
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_DONE);
	/* The choice is typed as its number and stored as its text. */
	assert_int_equal(yz_engine_field_index(e), F_REASON);
	type(e, "1");
	yz_engine_key(e, YZ_KEY_NEXT, 0);
	assert_string_equal(yz_values_get(yz_engine_values(e), "reason"), "\u56e0\u75c5");
	assert_int_equal(yz_engine_field_index(e), F_NEEDS); /* the note is hidden */
	assert_false(yz_engine_field_visible(e, F_NOTE));
	yz_engine_key(e, YZ_KEY_PREV, 0);
	yz_engine_key(e, YZ_KEY_KILL_LINE, 0);
	type(e, "3");
	yz_engine_key(e, YZ_KEY_NEXT, 0);
	assert_int_equal(yz_engine_field_index(e), F_NOTE);
	assert_true(yz_engine_field_visible(e, F_NOTE));
	yz_engine_key(e, YZ_KEY_NEXT, 0);
	type(e, "1 3");
	yz_engine_key(e, YZ_KEY_NEXT, 0);
	assert_string_equal(yz_values_get(yz_engine_values(e), "needs"),
	                    "\u533b\u7597" YZ_MULTI_SEP "\u4f4f\u623f");
	assert_int_equal(yz_engine_field_index(e), F_ADDRESS);
	yz_engine_free(e);
	yz_form_free(f);
}

static void test_pages_tables_submit(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_engine *e = yz_engine_new(f, &env);
	const yz_values *v = yz_engine_values(e);

	(void)state;
	assert_int_equal(yz_engine_page(e), 0);
	assert_int_equal(yz_engine_key(e, YZ_KEY_PAGE_PREV, 0), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_PAGE_NEXT, 0), YZ_KEY_DONE);
	assert_int_equal(yz_engine_page(e), 1);
	assert_int_equal(yz_engine_field_index(e), F_MEMBERS);
	assert_int_equal(yz_engine_row(e), 0);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 'a'), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_key(e, YZ_KEY_ROW_DELETE, 0), YZ_KEY_REFUSED);
	for (int r = 1; r <= 3; r++) {
		assert_int_equal(yz_engine_key(e, YZ_KEY_ROW_ADD, 0), YZ_KEY_DONE);
		assert_int_equal(yz_engine_row(e), r);
		assert_int_equal(yz_engine_col(e), 0);
		type(e, r == 2 ? "\U00020BB7\u660e" : "\u674e\u56db");
		yz_engine_key(e, YZ_KEY_NEXT, 0);
		type(e, "1");
		yz_engine_key(e, YZ_KEY_NEXT, 0);
		assert_string_equal(yz_engine_cell_def(e)->id, "income");
		type(e, "1200");
		yz_engine_key(e, YZ_KEY_NEXT, 0);
	}
	assert_string_equal(yz_table_get(v, "members", 2, "name"), "\U00020BB7\u660e");
	assert_string_equal(yz_table_get(v, "members", 3, "income"), "1200.00");
	assert_string_equal(yz_values_get(v, "total"), "3600.00");
	assert_string_equal(yz_values_get(v, "per_capita"), "1200.00");
	/* Past the last cell of the last row: the next field. */
	assert_string_equal(yz_engine_cell_def(e)->id, "age");
	yz_engine_key(e, YZ_KEY_NEXT, 0);
	assert_int_equal(yz_engine_field_index(e), F_OTHER);
	/* Submit: the first error is the applicant's ID number, on page 0. */
	assert_int_equal(yz_engine_key(e, YZ_KEY_SUBMIT, 0), YZ_KEY_BLOCKED);
	assert_int_equal(yz_engine_field_index(e), F_APPLICANT);
	assert_int_equal(yz_engine_page(e), 0);
	assert_non_null(strstr(yz_engine_message(e), "this is required"));
	type(e, "11010519491231002X");
	type(e, "\u738b\u82b3");
	yz_engine_key(e, YZ_KEY_NEXT, 0);
	yz_engine_key(e, YZ_KEY_NEXT, 0);
	type(e, "2");
	/* The rule blocks with both figures. */
	assert_int_equal(yz_engine_submit(e), YZ_KEY_BLOCKED);
	assert_non_null(strstr(yz_engine_message(e), "1,200.00"));
	assert_non_null(strstr(yz_engine_message(e), "1,050.00"));
	/* Lower the second member's income: 1200 + 0 + 1200 = 800 per person. */
	assert_true(yz_engine_goto(e, F_MEMBERS, 2, 2));
	yz_engine_key(e, YZ_KEY_KILL_LINE, 0);
	type(e, "0");
	assert_string_equal(yz_values_get(v, "per_capita"), "800.00");
	assert_int_equal(yz_engine_submit(e), YZ_KEY_SUBMITTED);
	/* Delete row 1: rows move up. */
	assert_true(yz_engine_goto(e, F_MEMBERS, 1, 0));
	assert_int_equal(yz_engine_key(e, YZ_KEY_ROW_DELETE, 0), YZ_KEY_DONE);
	assert_int_equal(yz_table_rows(v, "members"), 2);
	assert_string_equal(yz_table_get(v, "members", 1, "name"), "\U00020BB7\u660e");
	assert_string_equal(yz_engine_text(e), "\U00020BB7\u660e");
	assert_string_equal(yz_values_get(v, "per_capita"), "600.00");
	yz_engine_free(e);
	yz_form_free(f);
}

/* Tab on the last field says how to submit: F9, the key the intake screen
 * submits with (it named F10, which leaves the form). */
static void test_last_field_names_submit_key(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_engine *e = yz_engine_new(f, &env);

	(void)state;
	assert_true(yz_engine_goto(e, F_ROOMS, 0, 0));
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_REFUSED);
	assert_int_equal(yz_engine_field_index(e), F_ROOMS);
	assert_non_null(strstr(yz_engine_message(e), "press F9 to submit"));
	assert_null(strstr(yz_engine_message(e), "F10"));
	yz_engine_free(e);
	yz_form_free(f);
}

static void test_draft(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_engine *e = yz_engine_new(f, &env);
	yz_values draft = {0};

	(void)state;
	yz_values_set(&draft, "name", "\u738b\u82b3");
	yz_values_set(&draft, "members.rows", "1");
	yz_values_set(&draft, "members.1.income", "500.00");
	yz_engine_load(e, &draft);
	assert_string_equal(yz_values_get(yz_engine_values(e), "per_capita"), "500.00");
	assert_int_equal(yz_engine_field_index(e), F_APPLICANT);
	assert_true(yz_engine_goto(e, F_NAME, 0, 0));
	assert_string_equal(yz_engine_text(e), "\u738b\u82b3");
	assert_int_equal(yz_engine_cursor(e), 2);
	assert_false(yz_engine_goto(e, 10, 0, 0)); /* computed: read-only */
	assert_true(yz_engine_set_text(e, "\u674e\x1b[2J\u56db"));
	assert_string_equal(yz_engine_text(e), "\u674e\u56db");
	yz_values_clear(&draft);
	yz_engine_free(e);
	yz_form_free(f);
}

const struct CMUnitTest engine_tests[] = {
    cmocka_unit_test(test_editing),
    cmocka_unit_test(test_width_and_scroll),
    cmocka_unit_test(test_autoskip_and_leave),
    cmocka_unit_test(test_pages_tables_submit),
    cmocka_unit_test(test_last_field_names_submit_key),
    cmocka_unit_test(test_draft),
};
const size_t n_engine_tests = sizeof engine_tests / sizeof *engine_tests;
