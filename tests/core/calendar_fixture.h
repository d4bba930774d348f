/* What the calendar tests share (tests/core, and the screen test of the
 * working-day calendar): a calendar file read whole, a calendar loaded as the
 * program loads it, dates written as text. */
#ifndef YZ_TEST_CALENDAR_FIXTURE_H
#define YZ_TEST_CALENDAR_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/core.h"

/* The whole file at path, NUL-terminated, its length in *n (free it); fails
 * the test when it cannot be read. */
char *cal_read_file(const char *path, size_t *n);

/* cal parsed from the calendar file official (NULL: an empty official
 * calendar), then, when provisional is true, the provisional years of the
 * source tree's data/holidays-provisional.txt added; fails the test on an
 * error. */
void cal_load(yz_calendar *cal, const char *official, bool provisional);

/* The date written YYYY-MM-DD (fails the test on anything else). */
yz_date cal_day(const char *text);

/* Fail unless d is the date written want. */
void cal_assert_date(yz_date d, const char *want);

#endif
