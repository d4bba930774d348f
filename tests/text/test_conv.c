/* GB18030 at the edges: rare names must survive, or fail loudly. */
#include <stdlib.h>
#include <string.h>

#include "yizhan/text.h"
#include "tests.h"

/* U+5F20 then U+20000 in GB18030: two bytes, then four. */
#define NAME_GB18030 "\xD5\xC5\x95\x32\x82\x36"

static void gb18030_round_trip(void **state)
{
	(void)state;
	const char *name = HAN_ZHANG EXTB_20000 MIDDOT HAN_SAN;
	size_t n = 0;
	yz_err err = {0};
	char *gb = yz_iconv(name, strlen(name), "UTF-8", "GB18030", &n, NULL, &err);
	assert_non_null(gb);
	assert_int_equal(n, 2 + 4 + 2 + 2);
	assert_memory_equal(gb, NAME_GB18030 "\xA1\xA4\xC8\xFD", n);
	assert_int_equal(gb[n], '\0');
	size_t back_len = 0;
	char *back = yz_iconv(gb, n, "GB18030", "UTF-8", &back_len, NULL, &err);
	assert_non_null(back);
	assert_int_equal(back_len, strlen(name));
	assert_string_equal(back, name);
	free(gb);
	free(back);
}

static void gbk_refuses_ext_b_with_offset(void **state)
{
	(void)state;
	const char *name = HAN_ZHANG EXTB_20000 HAN_SAN;
	size_t bad = 999, n = 77;
	yz_err err = {0};
	char *out = yz_iconv(name, strlen(name), "UTF-8", "GBK", &n, &bad, &err);
	assert_null(out);
	assert_int_equal(bad, 3); /* after the 3 bytes of U+5F20 */
	assert_non_null(strstr(err.msg, "U+20000"));
	assert_non_null(strstr(err.msg, EXTB_20000));
	assert_non_null(strstr(err.msg, "GBK"));
	/* Same at the very start, and deeper after ASCII. */
	out = yz_iconv("ab" EXTB_20000, 6, "UTF-8", "GBK", NULL, &bad, NULL);
	assert_null(out);
	assert_int_equal(bad, 2);
}

static void long_input_grows_buffer(void **state)
{
	(void)state;
	/* GB18030 four-byte output is as long as the UTF-8 input: make iconv
	 * run out of room several times. */
	size_t count = 5000, n = 0;
	char *in = malloc(count * 4 + 1);
	for (size_t i = 0; i < count; i++)
		memcpy(in + i * 4, EXTB_20000, 4);
	in[count * 4] = '\0';
	char *gb = yz_iconv(in, count * 4, "UTF-8", "UTF-16LE", &n, NULL, NULL);
	assert_non_null(gb);
	assert_int_equal(n, count * 4);
	free(gb);
	gb = yz_iconv(in, count * 4, "UTF-8", "GB18030", &n, NULL, NULL);
	assert_non_null(gb);
	assert_int_equal(n, count * 4);
	for (size_t i = 0; i < count; i++)
		assert_memory_equal(gb + i * 4, "\x95\x32\x82\x36", 4);
	free(gb);
	free(in);
}

static void bad_input_and_charset(void **state)
{
	(void)state;
	size_t bad = 999;
	yz_err err = {0};
	assert_null(yz_iconv("ab\xFF"
	                     "c",
	                     4, "UTF-8", "GB18030", NULL, &bad, &err));
	assert_int_equal(bad, 2);
	assert_non_null(strstr(err.msg, "byte 2"));
	err.msg[0] = '\0';
	assert_null(yz_iconv("a" HAN_ZHANG, 3, "UTF-8", "GB18030", NULL, &bad, &err));
	assert_int_equal(bad, 1); /* input ends inside U+5F20 */
	assert_true(err.msg[0] != '\0');
	err.msg[0] = '\0';
	assert_null(yz_iconv("a", 1, "UTF-8", "NO-SUCH-CHARSET", NULL, NULL, &err));
	assert_non_null(strstr(err.msg, "NO-SUCH-CHARSET"));
	size_t n = 5;
	char *empty = yz_iconv("", 0, "UTF-8", "GB18030", &n, NULL, NULL);
	assert_non_null(empty);
	assert_int_equal(n, 0);
	assert_string_equal(empty, "");
	free(empty);
}

static void encodable(void **state)
{
	(void)state;
	assert_true(yz_text_encodable(HAN_ZHANG HAN_SAN, "GBK"));
	assert_true(yz_text_encodable(HAN_ZHANG HAN_SAN, "GB2312"));
	assert_false(yz_text_encodable(HAN_ZHANG EXTB_20000, "GBK"));
	assert_true(yz_text_encodable(HAN_ZHANG EXTB_20000, "GB18030"));
	assert_true(yz_text_encodable(HAN_ZHANG MIDDOT HAN_SAN, "GBK"));
	assert_true(yz_text_encodable("abc", "ASCII"));
	assert_false(yz_text_encodable(HAN_ZHANG, "ASCII"));
	assert_false(yz_text_encodable("a", "NO-SUCH-CHARSET"));
	assert_true(yz_text_encodable("", "GBK"));
}

int run_conv_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(gb18030_round_trip),
	    cmocka_unit_test(gbk_refuses_ext_b_with_offset),
	    cmocka_unit_test(long_input_grows_buffer),
	    cmocka_unit_test(bad_input_and_charset),
	    cmocka_unit_test(encodable),
	};
	return cmocka_run_group_tests_name("conv", tests, NULL, NULL);
}
