/* Working days on the official calendar, against dates worked out by hand from
 * the State Council notices for 2025 and 2026 (holidays and 调休 days). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_fixture.h"
#include "tests.h"
#include "yizhan/core.h"
#include "yz_test_paths.h"

static yz_calendar cal;

static int load_real_calendar(void **state)
{
	(void)state;
	cal_load(&cal, YZ_SOURCE_ROOT "/data/calendar.txt", false);
	return 0;
}

static int free_calendar(void **state)
{
	(void)state;
	yz_calendar_free(&cal);
	return 0;
}

/* from, n, expected: worked out by hand. */
static const char *const table[][3] = {
    /* 2025 Spring Festival: Jan 26 (Sun) and Feb 8 (Sat) are working days. */
    {"2025-01-24", "1", "2025-01-26"},
    {"2025-01-24", "2", "2025-01-27"},
    {"2025-01-24", "3", "2025-02-05"},
    {"2025-01-27", "4", "2025-02-08"},
    /* 2025 National Day and Mid-Autumn: Sep 28 (Sun), Oct 11 (Sat) worked. */
    {"2025-09-26", "1", "2025-09-28"},
    {"2025-09-30", "1", "2025-10-09"},
    {"2025-09-30", "3", "2025-10-11"},
    /* Across the year end: Jan 1-3 2026 off, Jan 4 (Sun) worked. */
    {"2025-12-30", "3", "2026-01-05"},
    {"2025-12-31", "1", "2026-01-04"},
    /* 2026 Spring Festival: Feb 14 and Feb 28 (Sat) worked, Feb 15-23 off. */
    {"2026-02-13", "1", "2026-02-14"},
    {"2026-02-13", "2", "2026-02-24"},
    {"2026-02-24", "4", "2026-02-28"},
    {"2026-02-12", "5", "2026-02-26"},
    /* 2026 Mid-Autumn Sep 25-27, National Day Oct 1-7; Sep 20, Oct 10 worked. */
    {"2026-09-18", "1", "2026-09-20"},
    {"2026-09-24", "1", "2026-09-28"},
    {"2026-09-30", "1", "2026-10-08"},
    {"2026-09-30", "3", "2026-10-10"},
    {"2026-09-28", "5", "2026-10-10"},
    /* An ordinary week, and n = 0. */
    {"2026-11-20", "1", "2026-11-23"},
    {"2026-11-22", "0", "2026-11-22"},
};

static void test_hand_checked_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		bool uncovered = true;
		yz_date got =
		    yz_add_workdays(&cal, cal_day(table[i][0]), atoi(table[i][1]), &uncovered);
		char buf[11];
		yz_date_format(got, buf);
		if (strcmp(buf, table[i][2]) != 0)
			fail_msg("%s + %s working days: got %s, want %s", table[i][0], table[i][1],
			         buf, table[i][2]);
		assert_false(uncovered);
	}
}

static void test_year_totals(void **state)
{
	(void)state;
	/* 261 weekdays − 18 weekday holidays + 5 make-up days (2025);
	 * 261 − 19 + 6 (2026). */
	assert_int_equal(yz_workdays_between(&cal, cal_day("2024-12-31"), cal_day("2025-12-31")),
	                 248);
	assert_int_equal(yz_workdays_between(&cal, cal_day("2025-12-31"), cal_day("2026-12-31")),
	                 248);
	assert_int_equal(yz_workdays_between(&cal, cal_day("2026-02-13"), cal_day("2026-02-28")),
	                 6);
	assert_int_equal(yz_workdays_between(&cal, cal_day("2026-02-28"), cal_day("2026-02-13")),
	                 0);
	assert_true(yz_is_workday(&cal, cal_day("2026-10-10")));  /* a Saturday, 调休 */
	assert_false(yz_is_workday(&cal, cal_day("2026-10-05"))); /* a Monday, National Day */
	assert_false(yz_is_workday(&cal, cal_day("2026-11-22"))); /* an ordinary Sunday */
}

static void test_uncovered_year(void **state)
{
	(void)state;
	bool uncovered = false;
	/* 2027 is not in the file yet: Monday to Friday, and said so. */
	cal_assert_date(yz_add_workdays(&cal, cal_day("2026-12-30"), 5, &uncovered), "2027-01-06");
	assert_true(uncovered);
	assert_false(yz_calendar_covers(&cal, 2027));
	assert_true(yz_calendar_covers(&cal, 2026));
}

static void test_deadline_with_pause_and_extension(void **state)
{
	(void)state;
	yz_deadline dl = yz_deadline_compute(&cal, cal_day("2026-09-14"), 5, NULL, 0, 0);
	cal_assert_date(dl.due, "2026-09-20"); /* the 调休 Sunday counts */
	/* 补正: waiting Wednesday to Friday stops the clock for 2 working days. */
	yz_pause p = {cal_day("2026-09-16"), cal_day("2026-09-18")};
	dl = yz_deadline_compute(&cal, cal_day("2026-09-14"), 5, &p, 1, 0);
	assert_int_equal(dl.paused_days, 2);
	cal_assert_date(dl.due, "2026-09-22");
	/* An extension of 3 working days runs over the Mid-Autumn holiday. */
	dl = yz_deadline_compute(&cal, cal_day("2026-09-14"), 5, &p, 1, 3);
	assert_int_equal(dl.extension_days, 3);
	cal_assert_date(dl.due, "2026-09-28");
	assert_false(dl.uncovered);
}

static const char *parse_error(const char *text)
{
	static yz_err err;
	yz_calendar c;
	memset(&err, 0, sizeof(err));
	if (yz_calendar_parse(text, strlen(text), "cal.txt", &c, &err) == 0) {
		yz_calendar_free(&c);
		return "";
	}
	return err.msg;
}

static void test_parse_errors(void **state)
{
	(void)state;
	assert_string_equal(parse_error("# only a comment\n\nyear 2026\n"), "");
	assert_non_null(strstr(parse_error("holiday 2026-01-01\n"), "cal.txt:1:"));
	assert_non_null(strstr(parse_error("year 2026\nworkday 2026-02-16 Mon\n"), "cal.txt:2:"));
	assert_non_null(strstr(parse_error("year 2026\nholiday 2026-02-30\n"), "2026-02-30"));
	assert_non_null(strstr(parse_error("year 2026\nholiday 2026-03-05..2026-03-01\n"), ":2:"));
	assert_non_null(strstr(parse_error("year 2026\nholiday 2025-12-31\n"), ":2:"));
	assert_non_null(strstr(parse_error("year 26\n"), ":1:"));
	assert_non_null(strstr(parse_error("year 2026\nvacation 2026-03-01\n"), ":2:"));
}

int run_calendar_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hand_checked_table),
	    cmocka_unit_test(test_year_totals),
	    cmocka_unit_test(test_uncovered_year),
	    cmocka_unit_test(test_deadline_with_pause_and_extension),
	    cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests_name("calendar", tests, load_real_calendar, free_calendar);
}
