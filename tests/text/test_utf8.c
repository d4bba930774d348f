/* UTF-8 decoding must be strict: one name, one byte string. */
#include <stdlib.h>
#include <string.h>

#include "yizhan/text.h"
#include "tests.h"

static void decode_valid(void **state)
{
	(void)state;
	uint32_t cp = 0;
	assert_int_equal(yz_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(yz_utf8_decode(MIDDOT, 2, &cp), 2);
	assert_int_equal(cp, 0xB7);
	assert_int_equal(yz_utf8_decode(HAN_ZHANG, 3, &cp), 3);
	assert_int_equal(cp, 0x5F20);
	assert_int_equal(yz_utf8_decode(EXTB_20000, 4, &cp), 4);
	assert_int_equal(cp, 0x20000);
	assert_int_equal(yz_utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
}

static void decode_rejects(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(yz_utf8_decode("\xC0\xAF", 2, &cp), 0);         /* overlong '/' */
	assert_int_equal(yz_utf8_decode("\xC1\xBF", 2, &cp), 0);         /* overlong */
	assert_int_equal(yz_utf8_decode("\xE0\x80\xAF", 3, &cp), 0);     /* overlong 3-byte */
	assert_int_equal(yz_utf8_decode("\xF0\x80\x80\xAF", 4, &cp), 0); /* overlong 4-byte */
	assert_int_equal(yz_utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* surrogate D800 */
	assert_int_equal(yz_utf8_decode("\xED\xBF\xBF", 3, &cp), 0);     /* surrogate DFFF */
	assert_int_equal(yz_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* U+110000 */
	assert_int_equal(yz_utf8_decode("\xF5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(yz_utf8_decode("\x80", 1, &cp), 0);         /* lone continuation */
	assert_int_equal(yz_utf8_decode(HAN_ZHANG, 2, &cp), 0);      /* truncated by len */
	assert_int_equal(yz_utf8_decode("\xE5\xBC", 3, &cp), 0);     /* truncated by NUL */
	assert_int_equal(yz_utf8_decode("\xE5\x41\x41", 3, &cp), 0); /* bad continuation */
	assert_int_equal(yz_utf8_decode(EXTB_20000, 3, &cp), 0);
	assert_int_equal(yz_utf8_decode("", 0, &cp), 0);
	assert_int_equal(yz_utf8_decode("\xFF", 1, &cp), 0);
}

static void encode_round_trip(void **state)
{
	(void)state;
	const uint32_t cps[] = {0x0,    0x41,   0x7F,   0x80,    0xB7,    0x7FF,   0x800,
	                        0x5F20, 0xFFFD, 0xFFFF, 0x10000, 0x20000, 0x2A6A5, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		char buf[4];
		uint32_t back = 0xDEAD;
		size_t n = yz_utf8_encode(cps[i], buf);
		assert_true(n >= 1 && n <= 4);
		assert_int_equal(yz_utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	char buf[4];
	assert_int_equal(yz_utf8_encode(0xD800, buf), 0);
	assert_int_equal(yz_utf8_encode(0x110000, buf), 0);
	assert_int_equal(yz_utf8_encode(0x20000, buf), 4);
	assert_memory_equal(buf, EXTB_20000, 4);
}

static void valid_and_count(void **state)
{
	(void)state;
	const char *name = HAN_ZHANG EXTB_20000 MIDDOT "A";
	assert_true(yz_utf8_valid(name, strlen(name)));
	assert_int_equal(yz_utf8_chars(name), 4);
	assert_int_equal(yz_utf8_chars(""), 0);
	assert_false(yz_utf8_valid("ab\xC0\xAF", 4));
	assert_false(yz_utf8_valid(HAN_ZHANG, 2));
	assert_true(yz_utf8_valid("", 0));
}

static void strlcpy_never_splits(void **state)
{
	(void)state;
	char dst[6];
	/* "A" + 3-byte + 3-byte: only "A" + one Han fit in 5 bytes + NUL. */
	assert_false(yz_strlcpy_utf8(dst, "A" HAN_ZHANG HAN_SAN, sizeof dst));
	assert_string_equal(dst, "A" HAN_ZHANG);
	assert_true(yz_strlcpy_utf8(dst, "abcde", sizeof dst));
	assert_string_equal(dst, "abcde");
	assert_false(yz_strlcpy_utf8(dst, "abcdef", sizeof dst));
	assert_string_equal(dst, "abcde");
	char four[4];
	assert_false(yz_strlcpy_utf8(four, EXTB_20000, sizeof four));
	assert_string_equal(four, "");
	assert_false(yz_strlcpy_utf8(dst, "x", 0));
}

static void trim_ascii_and_ideographic(void **state)
{
	(void)state;
	char s1[] = "  \t" HAN_ZHANG " " HAN_SAN "\n ";
	assert_string_equal(yz_text_trim(s1), HAN_ZHANG " " HAN_SAN);
	char s2[] = "\xE3\x80\x80"
	            "abc"
	            "\xE3\x80\x80 \xE3\x80\x80";
	assert_string_equal(yz_text_trim(s2), "abc");
	char s3[] = "   ";
	assert_string_equal(yz_text_trim(s3), "");
	char s4[] = "\xE3\x80";
	assert_string_equal(yz_text_trim(s4), "\xE3\x80"); /* not a full U+3000 */
}

static void err_and_printf(void **state)
{
	(void)state;
	yz_err err;
	yz_err_set(&err, "code %d: %s", 42, "x");
	assert_string_equal(err.msg, "code 42: x");
	yz_err_set(NULL, "ignored %d", 1);
	/* A long message of 3-byte characters is cut on a character boundary. */
	char big[3 * 300 + 1] = "";
	for (int i = 0; i < 300; i++)
		strcat(big, HAN_ZHANG);
	yz_err_set(&err, "%s", big);
	assert_true(yz_utf8_valid(err.msg, strlen(err.msg)));
	assert_int_equal(strlen(err.msg), 3 * 170);
	char *p = yz_strdup_printf("%s-%04d", "HDQ", 7);
	assert_string_equal(p, "HDQ-0007");
	free(p);
	p = yz_strdup_printf("%s", big);
	assert_int_equal(strlen(p), 900);
	free(p);
}

int run_utf8_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decode_valid),         cmocka_unit_test(decode_rejects),
	    cmocka_unit_test(encode_round_trip),    cmocka_unit_test(valid_and_count),
	    cmocka_unit_test(strlcpy_never_splits), cmocka_unit_test(trim_ascii_and_ideographic),
	    cmocka_unit_test(err_and_printf),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
