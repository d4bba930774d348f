/* Display widths: rare names must line up like common ones. */
#include <locale.h>
#include <string.h>

#include "yizhan/text.h"
#include "tests.h"

static void cp_widths(void **state)
{
	(void)state;
	assert_int_equal(yz_cp_width('A'), 1);
	assert_int_equal(yz_cp_width(0xB7), 1);    /* middle dot in minority names */
	assert_int_equal(yz_cp_width(0x5F20), 2);  /* common Han */
	assert_int_equal(yz_cp_width(0x3400), 2);  /* Ext-A */
	assert_int_equal(yz_cp_width(0x20000), 2); /* Ext-B first */
	assert_int_equal(yz_cp_width(0x2A6A5), 2); /* Ext-B near the end */
	assert_int_equal(yz_cp_width(0x2B740), 2); /* Ext-D */
	assert_int_equal(yz_cp_width(0x30000), 2); /* Ext-G */
	assert_int_equal(yz_cp_width(0x31350), 2); /* Ext-H: unknown to glibc 2.36 */
	assert_int_equal(yz_cp_width(0x2EBF0), 2); /* Ext-I: unknown to glibc 2.36 */
	assert_int_equal(yz_cp_width(0x2F800), 2); /* compatibility supplement */
	assert_int_equal(yz_cp_width(0x3000), 2);  /* ideographic space */
	assert_int_equal(yz_cp_width(0xFF10), 2);  /* full-width digit */
	assert_int_equal(yz_cp_width(0x0301), 0);  /* combining acute */
	assert_int_equal(yz_cp_width(0x200B), 0);  /* zero-width space */
	assert_int_equal(yz_cp_width('\n'), -1);
	assert_int_equal(yz_cp_width(0x1B), -1);
	assert_int_equal(yz_cp_width(0x7F), -1);
	assert_int_equal(yz_cp_width(0x9B), -1);
}

static void text_widths(void **state)
{
	(void)state;
	assert_int_equal(yz_text_width(""), 0);
	assert_int_equal(yz_text_width("abc"), 3);
	assert_int_equal(yz_text_width(HAN_ZHANG HAN_SAN), 4);
	assert_int_equal(yz_text_width(HAN_ZHANG EXTB_20000), 4);
	/* A minority name "A·B" style: Han, dot, Han. */
	assert_int_equal(yz_text_width(HAN_ZHANG MIDDOT HAN_SAN), 5);
	assert_int_equal(yz_text_width("e\xCC\x81"), 1); /* e + combining acute */
	assert_int_equal(yz_text_width("a\tb"), 2);      /* controls count 0 */
	assert_int_equal(yz_text_width("a\xFF\xFE"), 3); /* invalid bytes count 1 */
	assert_int_equal(yz_text_width(NULL), 0);
}

static void fit_never_splits_wide(void **state)
{
	(void)state;
	const char *s = "A" HAN_ZHANG EXTB_20000 "B";
	int w = -1;
	assert_int_equal(yz_text_fit(s, 0, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(yz_text_fit(s, 1, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(yz_text_fit(s, 2, &w), 1); /* Han would need column 3 */
	assert_int_equal(w, 1);
	assert_int_equal(yz_text_fit(s, 3, &w), 4);
	assert_int_equal(w, 3);
	assert_int_equal(yz_text_fit(s, 4, &w), 4); /* Ext-B stays out whole */
	assert_int_equal(w, 3);
	assert_int_equal(yz_text_fit(s, 5, &w), 8);
	assert_int_equal(w, 5);
	assert_int_equal(yz_text_fit(s, 6, &w), 9);
	assert_int_equal(w, 6);
	assert_int_equal(yz_text_fit(s, 100, &w), strlen(s));
	assert_int_equal(w, 6);
	assert_int_equal(yz_text_fit(s, -3, NULL), 0);
	/* A combining mark travels with its base character. */
	assert_int_equal(yz_text_fit("e\xCC\x81x", 1, &w), 3);
	assert_int_equal(w, 1);
}

static void fit_agrees_with_width(void **state)
{
	(void)state;
	const char *s = HAN_ZHANG MIDDOT EXTB_2A6A5 "ab" HAN_SAN;
	int total = yz_text_width(s);
	for (int cols = 0; cols <= total + 1; cols++) {
		int w;
		size_t n = yz_text_fit(s, cols, &w);
		assert_true(w <= cols);
		assert_true(yz_utf8_valid(s, n));
		char prefix[64];
		memcpy(prefix, s, n);
		prefix[n] = '\0';
		assert_int_equal(yz_text_width(prefix), w);
	}
}

/* The same widths in a GB18030 terminal locale (the setup generates
 * zh_CN.GB18030). glibc's GB18030 charmap leaves Ext-C and later without a
 * width, and makes the middle dot wide, as GB18030 terminals draw it. */
static void gb18030_locale(void **state)
{
	(void)state;
	char *old = setlocale(LC_CTYPE, "zh_CN.GB18030");
	if (!old)
		fail_msg("locale zh_CN.GB18030 is missing: run the setup in README");
	assert_int_equal(yz_cp_width(0x20000), 2);
	assert_int_equal(yz_cp_width(0x2A700), 2); /* Ext-C: -1 from this charmap */
	assert_int_equal(yz_cp_width(0x31350), 2);
	assert_int_equal(yz_cp_width(0x5F20), 2);
	assert_int_equal(yz_cp_width(0xB7), 2);
	assert_int_equal(yz_cp_width('A'), 1);
	assert_int_equal(yz_cp_width(0x1B), -1);
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(yz_cp_width(0xB7), 1);
}

int run_width_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cp_widths),
	    cmocka_unit_test(text_widths),
	    cmocka_unit_test(fit_never_splits_wide),
	    cmocka_unit_test(fit_agrees_with_width),
	    cmocka_unit_test(gb18030_locale),
	};
	return cmocka_run_group_tests_name("width", tests, NULL, NULL);
}
