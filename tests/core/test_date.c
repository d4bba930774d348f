/* Calendar arithmetic: leap years, weekdays, day counts, ages. */
#include <string.h>
#include <time.h>

#include "yizhan/core.h"
#include "tests.h"

static yz_date D(int y, int m, int d)
{
	return (yz_date){.year = y, .month = m, .day = d};
}

static void validity_and_leap_years(void **state)
{
	(void)state;
	assert_true(yz_date_valid(2000, 2, 29));  /* divisible by 400 */
	assert_false(yz_date_valid(2100, 2, 29)); /* divisible by 100 only */
	assert_false(yz_date_valid(1900, 2, 29));
	assert_true(yz_date_valid(2024, 2, 29));
	assert_false(yz_date_valid(2023, 2, 29));
	assert_false(yz_date_valid(2024, 2, 30));
	assert_false(yz_date_valid(2024, 4, 31));
	assert_true(yz_date_valid(2024, 12, 31));
	assert_false(yz_date_valid(2024, 13, 1));
	assert_false(yz_date_valid(2024, 0, 1));
	assert_false(yz_date_valid(2024, 1, 0));
	assert_false(yz_date_valid(1899, 12, 31));
	assert_true(yz_date_valid(1900, 1, 1));
	assert_true(yz_date_valid(2999, 12, 31));
	assert_false(yz_date_valid(3000, 1, 1));
	assert_int_equal(yz_days_in_month(2024, 2), 29);
	assert_int_equal(yz_days_in_month(2023, 2), 28);
	assert_int_equal(yz_days_in_month(2023, 11), 30);
	assert_int_equal(yz_days_in_month(2023, 13), 0);
}

static void parse_and_format(void **state)
{
	(void)state;
	yz_date d = D(0, 0, 0);
	char buf[11];
	assert_true(yz_date_parse("2000-02-29", &d));
	assert_int_equal(d.year, 2000);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	assert_true(yz_date_parse("20240307", &d));
	yz_date_format(d, buf);
	assert_string_equal(buf, "2024-03-07");
	assert_false(yz_date_parse("2100-02-29", &d));
	assert_false(yz_date_parse("2023-02-30", &d));
	assert_false(yz_date_parse("2023-2-3", &d));
	assert_false(yz_date_parse("2023/02/03", &d));
	assert_false(yz_date_parse("2023-02-03 ", &d));
	assert_false(yz_date_parse("2023-0a-03", &d));
	assert_false(yz_date_parse("", &d));
	assert_false(yz_date_parse(NULL, &d));
	assert_false(yz_date_parse("1899-12-31", &d));
	yz_date_format(D(1900, 1, 1), buf);
	assert_string_equal(buf, "1900-01-01");
}

static void days_and_weekday(void **state)
{
	(void)state;
	assert_int_equal(yz_date_to_days(D(1970, 1, 1)), 0);
	assert_int_equal(yz_date_to_days(D(2000, 3, 1)), 11017);
	assert_int_equal(yz_date_to_days(D(1900, 1, 1)), -25567);
	assert_int_equal(yz_date_weekday(D(1970, 1, 1)), 3);  /* Thursday */
	assert_int_equal(yz_date_weekday(D(2024, 1, 1)), 0);  /* Monday */
	assert_int_equal(yz_date_weekday(D(2025, 10, 1)), 2); /* Wednesday */
	assert_int_equal(yz_date_weekday(D(1900, 1, 1)), 0);  /* Monday */
	assert_int_equal(yz_date_weekday(D(1949, 10, 1)), 5); /* Saturday */
	/* Every day from 1900 to 2999 survives the round trip, in order. */
	long first = yz_date_to_days(D(1900, 1, 1)), last = yz_date_to_days(D(2999, 12, 31));
	yz_date prev = yz_date_from_days(first - 1);
	for (long n = first; n <= last; n++) {
		yz_date d = yz_date_from_days(n);
		if (!yz_date_valid(d.year, d.month, d.day) || yz_date_to_days(d) != n ||
		    yz_date_cmp(prev, d) >= 0)
			fail_msg("day %ld broke the round trip", n);
		prev = d;
	}
	assert_int_equal(yz_date_cmp(D(2024, 1, 2), D(2024, 1, 2)), 0);
	assert_int_equal(yz_date_cmp(D(2024, 1, 2), D(2024, 2, 1)), -1);
	assert_int_equal(yz_date_cmp(D(2025, 1, 1), D(2024, 12, 31)), 1);
}

static void ages(void **state)
{
	(void)state;
	assert_int_equal(yz_age_on(D(1949, 12, 31), D(2024, 12, 30)), 74);
	assert_int_equal(yz_age_on(D(1949, 12, 31), D(2024, 12, 31)), 75);
	assert_int_equal(yz_age_on(D(2000, 2, 29), D(2023, 2, 28)), 22);
	assert_int_equal(yz_age_on(D(2000, 2, 29), D(2023, 3, 1)), 23);
	assert_int_equal(yz_age_on(D(2000, 2, 29), D(2024, 2, 29)), 24);
	assert_int_equal(yz_age_on(D(2024, 5, 1), D(2024, 5, 1)), 0);
}

static void clock_conversions(void **state)
{
	(void)state;
	char buf[21];
	yz_utc_stamp(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	yz_utc_stamp(1709800000, buf);
	assert_string_equal(buf, "2024-03-07T08:26:40Z");
	assert_int_equal(yz_utc_parse(buf), 1709800000); /* the stamp read back */
	assert_int_equal(yz_utc_parse("2024-03-07 08:26"), -1);
	assert_int_equal(yz_utc_parse(NULL), -1);
	/* 2024-03-06 16:30 UTC is already 7 March in Beijing (TZ set in main). */
	yz_date d = yz_date_from_time(1709742600);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 3);
	assert_int_equal(d.day, 7);
}

int run_date_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(validity_and_leap_years), cmocka_unit_test(parse_and_format),
	    cmocka_unit_test(days_and_weekday),        cmocka_unit_test(ages),
	    cmocka_unit_test(clock_conversions),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
