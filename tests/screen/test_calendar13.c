/* Issue 13, the working-day calendar on screen (English UI, the real binary
 * under a pty). The demo station is given a calendar file of its own that
 * lacks this year (and the next), so that whatever the date the test runs on:
 *  - the admin's home says this year's official calendar is missing and what
 *    to do;
 *  - a case due on the provisional calendar says so in the case view;
 *  - the official year is then added (with days off from tomorrow on): the
 *    open case's promised date moves; `yizhan calendar moved` lists it, its
 *    clerk's home says promised dates changed, the case view says from what
 *    to what, and once its clerk has opened it the list no longer has it.
 * The November rule (next year's calendar from 1 November) is tested on the
 * session clock in tests/service/test_calendar13.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/calendar_fixture.h"
#include "screen_fixture.h"
#include "yizhan/store.h"

static char number[40]; /* zhangli's case, accepted today, 15 working days */
static char cal_path[PATH_MAX];
static char year_text[8];

/* The calendar file with text, and what the program will count with it
 * (the provisional years from the source's data/, as meson test sets
 * YIZHAN_DATADIR). */
static void write_calendar(const char *text, yz_calendar *cal)
{
	FILE *f = fopen(cal_path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	cal_load(cal, cal_path, true);
}

static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzcal13", NULL) != 0)
		return -1;
	char today[11], due[11], code[17], cmd[2 * PATH_MAX + 80];
	yz_date d;
	scr_today(today);
	assert_true(yz_date_parse(today, &d));
	snprintf(year_text, sizeof year_text, "%d", d.year);
	/* A calendar of the station's own with no year near today. */
	snprintf(cal_path, sizeof cal_path, "%s/calendar.txt", scr_home());
	yz_calendar cal;
	write_calendar("year 2000\nholiday 2000-01-03 test\n", &cal);
	snprintf(cmd, sizeof cmd,
	         "sed -i 's|^calendar_file =.*|calendar_file = %s|' '%s/yizhan.conf'", cal_path,
	         scr_home());
	assert_int_equal(system(cmd), 0);
	yz_date_format(yz_add_workdays(&cal, d, 15, NULL), due);
	yz_calendar_free(&cal);

	yz_store *st;
	yz_err err = {{0}};
	yz_resident r = {0};
	if (scr_store_open(&st, &err) != 0)
		return -1;
	assert_int_equal(yz_store_meta_get(st, "station_code", code, sizeof code, &err), 0);
	char d17[18] = "33010619421103987";
	snprintf(r.idno, sizeof r.idno, "%s%c", d17, yz_idcard_check_char(d17));
	snprintf(r.name, sizeof r.name, "%s", "\u94b1\u5fb7\u5eb7");
	snprintf(r.address, sizeof r.address, "%s", "\u6587\u4e00\u8def 8 \u53f7");
	assert_int_equal(yz_resident_add(st, &r, "admin", &err), 0);
	yz_case_new in = {.form_id = "longevity_allowance",
	                  .item = "\u9ad8\u9f84\u6d25\u8d34\u7533\u8bf7",
	                  .line = "\u8001\u5e74\u4e0e\u6b8b\u75be",
	                  .resident_id = r.id,
	                  .clerk_login = "zhangli",
	                  .accepted_date = today,
	                  .due_date = due,
	                  .status = YZ_CASE_ACCEPTED,
	                  .state = "received",
	                  .promise_days = 15,
	                  .legal_days = 0};
	yz_case c;
	assert_int_equal(yz_case_create(st, code, d.year, &in, &c, &err), 0);
	snprintf(number, sizeof number, "%s", c.number);
	yz_store_close(st);
	return 0;
}

/* `yizhan calendar moved`'s output holds case: true/false. */
static bool listed(const char *case_no)
{
	char out[8192];
	const char *args[] = {"calendar", "moved", NULL};
	assert_int_equal(scr_command(args, out, sizeof out), 0);
	return strstr(out, case_no) != NULL;
}

static void test_provisional_and_admin_notice(void **state)
{
	(void)state;
	/* the program's first run on this calendar: nothing of ours moved */
	assert_false(listed(number));
	vt *v = scr_start(scr_env_en, 30, 100, NULL);
	scr_login(v, "log in", "admin", "demo1234");
	SEE(v, "Accepted today");
	char want[64];
	snprintf(want, sizeof want, "No official holiday calendar for %s", year_text);
	SEE(v, want);
	SEE(v, "calendar.txt");
	scr_quit(v, "log in");

	v = scr_start(scr_env_en, 30, 100, NULL);
	scr_login(v, "log in", "zhangli", "demo1234");
	SEE(v, "Accepted today");
	scr_open_case(v, number);
	SEE(v, "Provisional: a year on the way has no official holiday calendar yet");
	vt_esc(v); /* the case list */
	SEE(v, "By number");
	scr_esc_quit(v);
}

/* The official year arrives: 15 days off from tomorrow (clipped to the year,
 * the rest in the next one) move the promised date later. */
static void test_official_year_moves(void **state)
{
	(void)state;
	char today[11], text[512];
	yz_date d;
	scr_today(today);
	assert_true(yz_date_parse(today, &d));
	long first = yz_date_to_days(d) + 1, last = first + 14;
	yz_date a = yz_date_from_days(first), b = yz_date_from_days(last);
	char fa[11], fb[11];
	yz_date_format(a, fa);
	yz_date_format(b, fb);
	if (a.year == b.year)
		snprintf(text, sizeof text, "year 2000\nyear %d\nholiday %s..%s test\n", a.year, fa,
		         fb);
	else
		snprintf(text, sizeof text,
		         "year 2000\nyear %d\nholiday %s..%d-12-31 test\n"
		         "year %d\nholiday %d-01-01..%s test\n",
		         a.year, fa, a.year, b.year, b.year, fb);
	yz_calendar cal;
	write_calendar(text, &cal);
	yz_calendar_free(&cal);

	assert_true(listed(number)); /* the first run on the new calendar moved it */
	vt *v = scr_start(scr_env_en, 30, 100, NULL);
	scr_login(v, "log in", "zhangli", "demo1234");
	SEE(v, "Promised dates changed with the new calendar");
	scr_open_case(v, number);
	SEE(v, "Promised date changed with the new calendar: now");
	SEE(v, "Tell the resident");
	vt_esc(v); /* the case list */
	SEE(v, "By number");
	scr_esc_quit(v);
	assert_false(listed(number)); /* its clerk has seen it */
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_provisional_and_admin_notice),
	    cmocka_unit_test(test_official_year_moves),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
