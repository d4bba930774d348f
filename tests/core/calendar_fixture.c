/* The calendar tests' shared helpers: see calendar_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "calendar_fixture.h"
#include "yz_test_paths.h"

char *cal_read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	char *text = calloc(1, 1 << 20);
	assert_non_null(text);
	*n = fread(text, 1, (1 << 20) - 1, f);
	fclose(f);
	return text;
}

void cal_load(yz_calendar *cal, const char *official, bool provisional)
{
	size_t n = 0;
	yz_err err = {{0}};
	char *text = official ? cal_read_file(official, &n) : calloc(1, 1);
	assert_non_null(text);
	if (yz_calendar_parse(text, n, official ? official : "calendar.txt", cal, &err) != 0)
		fail_msg("%s", err.msg);
	free(text);
	if (!provisional)
		return;
	text = cal_read_file(YZ_SOURCE_ROOT "/data/holidays-provisional.txt", &n);
	if (yz_calendar_add_provisional(cal, text, n, "holidays-provisional.txt", &err) != 0)
		fail_msg("%s", err.msg);
	free(text);
}

yz_date cal_day(const char *text)
{
	yz_date d;
	assert_true(yz_date_parse(text, &d));
	return d;
}

void cal_assert_date(yz_date d, const char *want)
{
	char buf[11];
	yz_date_format(d, buf);
	assert_string_equal(buf, want);
}
