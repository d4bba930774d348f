/* Money in integer fen. */
#include <string.h>

#include "yizhan/core.h"
#include "tests.h"

static int64_t fen_of(const char *s)
{
	int64_t fen = -999999;
	if (!yz_money_parse(s, &fen))
		fail_msg("\"%s\" was not accepted", s);
	return fen;
}

static void parse_accepts(void **state)
{
	(void)state;
	assert_int_equal(fen_of("123"), 12300);
	assert_int_equal(fen_of("123.4"), 12340);
	assert_int_equal(fen_of("123.45"), 12345);
	assert_int_equal(fen_of("0.05"), 5);
	assert_int_equal(fen_of("\xC2\xA5"
	                        "123.45"),
	                 12345); /* U+00A5 */
	assert_int_equal(fen_of("\xEF\xBF\xA5"
	                        "1234.5"),
	                 123450); /* U+FFE5 full width */
	assert_int_equal(fen_of("-5.00"), -500);
	assert_int_equal(fen_of("-\xC2\xA5"
	                        "5"),
	                 -500);
	assert_int_equal(fen_of("\xC2\xA5-5"), -500);
	assert_int_equal(fen_of(" 42 "), 4200);
	assert_int_equal(fen_of("0"), 0);
	assert_int_equal(fen_of("9999999999999999.99"), INT64_C(999999999999999999));
}

static void parse_rejects(void **state)
{
	(void)state;
	const char *bad[] = {
	    "",
	    " ",
	    "12.345",
	    "1.",
	    ".5",
	    "abc",
	    "12a",
	    "1,234.00",
	    "--5",
	    "+5",
	    "1 2",
	    "\xC2\xA5",
	    "1.2.3",
	    "12.3x",
	    "99999999999999999",
	    "\xC2\xA5\xC2\xA5"
	    "1",
	    "5-",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t fen = 77;
		if (yz_money_parse(bad[i], &fen))
			fail_msg("\"%s\" was accepted as %lld", bad[i], (long long)fen);
		assert_int_equal(fen, 77);
	}
	assert_false(yz_money_parse(NULL, NULL));
}

static void format(void **state)
{
	(void)state;
	char buf[32];
	yz_money_format(123450, buf);
	assert_string_equal(buf, "1234.50");
	yz_money_format(0, buf);
	assert_string_equal(buf, "0.00");
	yz_money_format(5, buf);
	assert_string_equal(buf, "0.05");
	yz_money_format(-5, buf);
	assert_string_equal(buf, "-0.05");
	yz_money_format(-123456, buf);
	assert_string_equal(buf, "-1234.56");
	yz_money_format(INT64_MAX, buf);
	assert_string_equal(buf, "92233720368547758.07");
	yz_money_format(INT64_MIN, buf);
	assert_string_equal(buf, "-92233720368547758.08");
	/* Round trip through the parser. */
	const int64_t vals[] = {1, 10, 99, 100, 12345, -1, -100, 100000000};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		yz_money_format(vals[i], buf);
		assert_int_equal(fen_of(buf), vals[i]);
	}
}

/* A percentage or a mean in hundredths: always two decimals, the sign in
 * front; the same text as money of as many fen. */
static void hundredths(void **state)
{
	(void)state;
	char buf[32], fen[32];
	yz_hundredths_format(1234, buf);
	assert_string_equal(buf, "12.34");
	yz_hundredths_format(-50, buf);
	assert_string_equal(buf, "-0.50");
	yz_hundredths_format(10000, buf);
	assert_string_equal(buf, "100.00");
	yz_hundredths_format(0, buf);
	assert_string_equal(buf, "0.00");
	yz_hundredths_format(INT64_MIN, buf);
	assert_string_equal(buf, "-92233720368547758.08");
	const int64_t vals[] = {7, -7, 99, 12345, -100000};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		yz_hundredths_format(vals[i], buf);
		yz_money_format(vals[i], fen);
		assert_string_equal(buf, fen);
	}
}

int run_money_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_accepts),
	    cmocka_unit_test(parse_rejects),
	    cmocka_unit_test(format),
	    cmocka_unit_test(hundredths),
	};
	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
