/* libFuzzer target for the working-day calendar (data/calendar.txt, or the
 * station's calendar_file), parsed by yz_calendar_parse: the text that
 * yz_service_load_calendar reads from the file. Besides not crashing, leaking
 * or hanging: a calendar that parses answers as it was written (a make-up day
 * is a working day, a holiday that is not also a make-up day is not), and
 * counting n working days forward and back agrees around every listed day. */
#include <stdio.h>
#include <stdlib.h>

#include "yizhan/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, long day)
{
	yz_date d = yz_date_from_days(day);
	fprintf(stderr, "fuzz_calendar: %s (%04d-%02d-%02d)\n", what, d.year, d.month, d.day);
	abort();
}

static bool listed(const long *v, size_t n, long day)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == day)
			return true;
	return false;
}

/* n working days after the day before `day`, and back. */
static void check_count(const yz_calendar *cal, long day, int n)
{
	yz_date from = yz_date_from_days(day - 1);
	yz_date to = yz_add_workdays(cal, from, n, NULL);

	if (yz_workdays_between(cal, from, to) != n)
		fail("adding working days and counting them disagree", day);
	if (n > 0 && !yz_is_workday(cal, to))
		fail("a due date that is not a working day", day);
}

static void check(const yz_calendar *cal)
{
	for (size_t i = 0; i < cal->n_years; i++)
		if (!yz_calendar_covers(cal, cal->years[i]))
			fail("a year of the file is not covered", 0);
	for (size_t i = 0; i < cal->n_workdays && i < 64; i++) {
		if (!yz_is_workday(cal, yz_date_from_days(cal->workdays[i])))
			fail("a make-up working day is not a working day", cal->workdays[i]);
		check_count(cal, cal->workdays[i], 1 + (int)(i % 7));
	}
	for (size_t i = 0; i < cal->n_holidays && i < 64; i++) {
		long d = cal->holidays[i];
		if (!listed(cal->workdays, cal->n_workdays, d) &&
		    yz_is_workday(cal, yz_date_from_days(d)))
			fail("a holiday is a working day", d);
		check_count(cal, d, 1 + (int)(i % 7));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yz_calendar cal;
	yz_err err = {0};

	if (yz_calendar_parse((const char *)data, size, "calendar.txt", &cal, &err) == 0) {
		check(&cal);
		yz_calendar_free(&cal);
	} else if (!err.msg[0]) {
		fprintf(stderr, "fuzz_calendar: a calendar refused without a message\n");
		abort();
	}
	return 0;
}
