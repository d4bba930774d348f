/* Case numbers "<station>-<year>-<6 digits>". */
#include <string.h>

#include "yizhan/core.h"
#include "tests.h"

static void format(void **state)
{
	(void)state;
	char buf[32];
	assert_true(yz_caseno_format(buf, sizeof buf, "HDQ01", 2026, 123));
	assert_string_equal(buf, "HDQ01-2026-000123");
	assert_true(yz_caseno_format(buf, sizeof buf, "A", 2026, 1));
	assert_string_equal(buf, "A-2026-000001");
	assert_true(yz_caseno_format(buf, sizeof buf, "ABCDEFGHIJ123456", 2999, 999999));
	assert_string_equal(buf, "ABCDEFGHIJ123456-2999-999999");
	assert_false(yz_caseno_format(buf, sizeof buf, "HDQ01", 2026, 0));
	assert_false(yz_caseno_format(buf, sizeof buf, "HDQ01", 2026, 1000000));
	assert_false(yz_caseno_format(buf, sizeof buf, "HDQ01", 2026, -5));
	assert_false(yz_caseno_format(buf, sizeof buf, "HDQ01", 1899, 5));
	assert_false(yz_caseno_format(buf, sizeof buf, "hdq01", 2026, 5));
	assert_false(yz_caseno_format(buf, sizeof buf, "", 2026, 5));
	assert_false(yz_caseno_format(buf, sizeof buf, "ABCDEFGHIJ1234567", 2026, 5));
	assert_false(yz_caseno_format(buf, sizeof buf, "HD-Q", 2026, 5));
	assert_false(yz_caseno_format(buf, sizeof buf, NULL, 2026, 5));
	/* "HDQ01-2026-000123" is 17 bytes: 18 fits, 17 does not. */
	assert_true(yz_caseno_format(buf, 18, "HDQ01", 2026, 123));
	assert_false(yz_caseno_format(buf, 17, "HDQ01", 2026, 123));
	assert_string_equal(buf, "");
}

static void parse(void **state)
{
	(void)state;
	char station[17];
	int year = 0;
	long seq = 0;
	assert_true(yz_caseno_parse("HDQ01-2026-000123", station, &year, &seq));
	assert_string_equal(station, "HDQ01");
	assert_int_equal(year, 2026);
	assert_int_equal(seq, 123);
	assert_true(yz_caseno_parse("ABCDEFGHIJ123456-2999-999999", station, &year, &seq));
	assert_string_equal(station, "ABCDEFGHIJ123456");
	assert_int_equal(seq, 999999);
	assert_false(yz_caseno_parse("HDQ01-2026-000000", station, &year, &seq));
	assert_false(yz_caseno_parse("HDQ01-2026-00123", station, &year, &seq));
	assert_false(yz_caseno_parse("HDQ01-2026-0001234", station, &year, &seq));
	assert_false(yz_caseno_parse("HDQ01-26-000123", station, &year, &seq));
	assert_false(yz_caseno_parse("hdq01-2026-000123", station, &year, &seq));
	assert_false(yz_caseno_parse("-2026-000123", station, &year, &seq));
	assert_false(yz_caseno_parse("ABCDEFGHIJ1234567-2026-000123", station, &year, &seq));
	assert_false(yz_caseno_parse("HDQ01-2026-00012a", station, &year, &seq));
	assert_false(yz_caseno_parse("HDQ01_2026_000123", station, &year, &seq));
	assert_false(yz_caseno_parse("HDQ01-2026-000123 ", station, &year, &seq));
	assert_false(yz_caseno_parse("", station, &year, &seq));
	assert_false(yz_caseno_parse(NULL, station, &year, &seq));
	assert_true(yz_caseno_parse("Z9-1900-000001", NULL, NULL, NULL));
}

static void round_trip(void **state)
{
	(void)state;
	const long seqs[] = {1, 9, 10, 999, 1000, 123456, 999999};
	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		char buf[40], station[17];
		int year;
		long seq;
		assert_true(yz_caseno_format(buf, sizeof buf, "S7", 2030, seqs[i]));
		assert_true(yz_caseno_parse(buf, station, &year, &seq));
		assert_string_equal(station, "S7");
		assert_int_equal(year, 2030);
		assert_int_equal(seq, seqs[i]);
	}
	assert_true(yz_station_code_valid("0"));
	assert_false(yz_station_code_valid("A B"));
}

int run_caseno_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(format),
	    cmocka_unit_test(parse),
	    cmocka_unit_test(round_trip),
	};
	return cmocka_run_group_tests_name("caseno", tests, NULL, NULL);
}
