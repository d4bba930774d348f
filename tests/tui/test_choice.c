/* The choice helpers of the field editor (src/tui/choice.c): what a clerk types
 * into a choice cell picks an option by number, by the start of its text or by
 * its pinyin initials; a multichoice value is switched option by option and
 * keeps the form's order. Chinese options as \u escapes. */
#include "tests.h"

#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

#define EMPLOYED   "\u5c31\u4e1a" /* jiu ye */
#define UNEMPLOYED "\u5931\u4e1a" /* shi ye */
#define RETIRED    "\u9000\u4f11" /* tui xiu */

static char *opts[] = {EMPLOYED, UNEMPLOYED, RETIRED, "Other"};

static yz_field_def def(void)
{
	yz_field_def d;
	memset(&d, 0, sizeof d);
	d.id = "employment";
	d.type = YZ_FIELD_CHOICE;
	d.options = opts;
	d.n_options = 4;
	return d;
}

static void test_matches(void **state)
{
	(void)state;
	yz_field_def d = def();
	for (size_t i = 0; i < 4; i++)
		assert_true(choice_matches(&d, i, "")); /* nothing typed: every option */
	assert_true(choice_matches(&d, 1, "2"));        /* its number */
	assert_false(choice_matches(&d, 0, "2"));
	assert_true(choice_matches(&d, 0, "jy")); /* pinyin initials */
	assert_false(choice_matches(&d, 1, "jy"));
	assert_true(choice_matches(&d, 1, "sy"));
	assert_true(choice_matches(&d, 2, "\u9000")); /* the start of the text */
	assert_false(choice_matches(&d, 2, "\u4f11"));
	assert_true(choice_matches(&d, 3, "oTH")); /* ASCII in any case */
	assert_false(choice_matches(&d, 3, "x"));
}

static void test_pick(void **state)
{
	(void)state;
	yz_field_def d = def();
	assert_int_equal(choice_pick(&d, RETIRED), 2); /* exactly its text */
	assert_int_equal(choice_pick(&d, "3"), 2);     /* its number */
	assert_int_equal(choice_pick(&d, "5"), -1);    /* no such number */
	assert_int_equal(choice_pick(&d, "0"), -1);
	assert_int_equal(choice_pick(&d, "sy"), 1); /* the first that matches */
	assert_int_equal(choice_pick(&d, "Oth"), 3);
	assert_int_equal(choice_pick(&d, "zz"), -1);
	assert_int_equal(choice_pick(&d, ""), -1);
	assert_int_equal(choice_pick(NULL, "1"), -1);
	char hint[128];
	choice_hint(&d, "sy", hint, sizeof hint);
	assert_string_equal(hint, "2 " UNEMPLOYED);
	choice_hint(&d, "", hint, sizeof hint);
	assert_string_equal(hint, "1 " EMPLOYED "  2 " UNEMPLOYED "  3 " RETIRED "  4 Other");
	choice_hint(&d, "", hint, 12); /* short buffer: whole options only */
	assert_string_equal(hint, "1 " EMPLOYED);
}

static void test_multi_toggle(void **state)
{
	(void)state;
	yz_field_def d = def();
	d.type = YZ_FIELD_MULTICHOICE;
	char *v = multi_toggle(&d, "", 2);
	assert_non_null(v);
	assert_string_equal(v, RETIRED);
	char *v2 = multi_toggle(&d, v, 0); /* in the form's order, not the clicks' */
	assert_string_equal(v2, EMPLOYED YZ_MULTI_SEP RETIRED);
	assert_true(multi_has(&d, v2, 0));
	assert_false(multi_has(&d, v2, 1));
	assert_true(multi_has(&d, v2, 2));
	assert_false(multi_has(&d, v2, 9));
	char *v3 = multi_toggle(&d, v2, 2); /* off again */
	assert_string_equal(v3, EMPLOYED);
	char *v4 = multi_toggle(&d, v3, 0);
	assert_string_equal(v4, "");
	/* An option whose text starts another's is not counted as that one. */
	assert_false(multi_has(&d, EMPLOYED "x", 0));
	free(v);
	free(v2);
	free(v3);
	free(v4);
}

int run_choice_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_matches),
	    cmocka_unit_test(test_pick),
	    cmocka_unit_test(test_multi_toggle),
	};
	return cmocka_run_group_tests_name("choice helpers", tests, NULL, NULL);
}
