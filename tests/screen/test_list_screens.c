/* The list view on the screens (issue 11), the real binary under a pty at
 * 80x24:
 *  - home: a clerk with 14 open cases, 4 of them overdue. The overdue section
 *    and the queue share the rows, so the queue shows 10 of its 14; the other
 *    4 were out of reach before the dashboard's sections scrolled. Every one
 *    must come into view with the arrows and open with Enter.
 *  - the cases list (F4) in the Chinese UI: the state label "she qu yi shou li"
 *    (the community has accepted it, ten columns) shown whole; it was cut to
 *    its first four characters at a fixed width of eight.
 *  - typing in the cases list keeps the rows that match; Esc clears the search,
 *    a second Esc goes back.
 * The cases are made in the station's database before the program starts;
 * Chinese text as \u escapes (no Chinese in C sources). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

#define CLERK "chenjing"
/* The state label of the longevity allowance's first state. */
#define ACCEPTED_LABEL "\u793e\u533a\u5df2\u53d7\u7406"
#define LOGIN_ZH       "\u8bf7\u767b\u5f55"       /* "please log in" */
#define CASES_ZH       "\u4eca\u65e5\u529e\u4ef6" /* "today's cases" */
#define SEARCH_ZH      "\u67e5\u627e\uff1a"       /* "search: " */
#define NUMBER_ZH      "\u529e\u4ef6\u7f16\u53f7" /* "number" */
#define UP_ARROW       "\u2191"
#define DOWN_ARROW     "\u2193"

enum { N_CASES = 14, N_OVERDUE = 4 };

/* The clerk's cases in the order of their queue (by due date): the overdue
 * ones first. */
static char numbers[N_CASES][40];

/* A longevity allowance (gao ling jin tie) accepted today for CLERK, in its
 * first state; due: its due date. */
static int add_case(yz_store *st, const yz_resident *r, const char *code, const char *due,
                    char number[40], yz_err *err)
{
	time_t now = time(NULL);
	struct tm tm;
	char today[11];
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	yz_case_new in = {
	    .form_id = "longevity_allowance",
	    .item = "\u9ad8\u9f84\u6d25\u8d34\u7533\u8bf7",
	    .line = "\u8001\u5e74\u4e0e\u6b8b\u75be",
	    .resident_id = r->id,
	    .clerk_login = CLERK,
	    .accepted_date = today,
	    .due_date = due,
	    .status = YZ_CASE_ACCEPTED,
	    .state = "received",
	    .promise_days = 20,
	    .legal_days = 30,
	};
	yz_case c;
	if (yz_case_create(st, code, tm.tm_year + 1900, &in, &c, err) != 0)
		return -1;
	snprintf(number, 40, "%s", c.number);
	return 0;
}

/* A demo station, the clerk, and their 14 cases: 4 overdue (due in 2020), 10
 * due far ahead. */
static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzlist", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err = {{0}};
	yz_resident r;
	char code[17] = "";
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_user_add(st, CLERK, "Chen Jing", "", YZ_ROLE_CLERK, "demo1234", &err);
	if (rc == 0)
		rc = yz_resident_get(st, 1, &r, &err);
	if (rc == 0 && yz_store_meta_get(st, "station_code", code, sizeof code, &err) < 0)
		rc = -1;
	for (int i = 0; rc == 0 && i < N_CASES; i++) {
		char due[11];
		snprintf(due, sizeof due, i < N_OVERDUE ? "2020-01-%02d" : "2999-01-%02d",
		         i < N_OVERDUE ? i + 1 : i - N_OVERDUE + 1);
		rc = add_case(st, &r, code[0] ? code : "DEMO01", due, numbers[i], &err);
	}
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

/* Whether the row holding what also holds text. */
static bool row_has(vt *v, const char *what, const char *text)
{
	int y = vt_row_of(v, what);
	if (y < 0)
		return false;
	char *row = vt_row(v, y);
	bool has = strstr(row, text) != NULL;
	free(row);
	return has;
}

static void test_home_reaches_every_case(void **state)
{
	(void)state;
	vt *v = scr_start_en(CLERK);
	SEE(v, "Overdue (4)");
	SEE(v, "My queue (14)");
	SEE(v, numbers[N_OVERDUE + 4]); /* issue 12: a row less, for the column titles */
	/* The last five of the queue are below its window; before, they could
	 * not be reached at all. */
	assert_false(vt_wait_for(v, numbers[N_CASES - 1], 300));
	/* Down goes through the overdue section, then the queue: every case of
	 * the queue comes into view in turn. */
	for (int i = 0; i < N_OVERDUE; i++)
		vt_send(v, VT_DOWN);
	for (int i = 0; i < N_CASES; i++) {
		SEE(v, numbers[i]);
		if (i + 1 < N_CASES)
			vt_send(v, VT_DOWN);
	}
	assert_true(row_has(v, "My queue (14)", UP_ARROW "5")); /* 5 hidden above */
	/* The selection is on the last case: Enter opens it. */
	vt_send(v, VT_ENTER);
	SEE(v, "Deadlines");
	SEE(v, numbers[N_CASES - 1]);
	vt_esc(v);
	SEE(v, "My queue (14)");
	SEE(v, numbers[N_CASES - 1]); /* back where the clerk was */
	/* Home: the first case again, the queue scrolled back to its top. */
	vt_send(v, VT_HOME);
	assert_true(vt_wait_gone(v, numbers[N_CASES - 1], VT_TIMEOUT));
	SEE(v, numbers[N_OVERDUE]);
	assert_true(row_has(v, "My queue (14)", DOWN_ARROW "5")); /* 5 hidden below */
	vt_send(v, VT_ENTER);
	SEE(v, "Deadlines");
	SEE(v, numbers[0]); /* the first overdue case */
	vt_esc(v);
	SEE(v, "My queue (14)");
	scr_quit(v, "log in");
}

static void test_cases_state_whole_and_search(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, LOGIN_ZH, CLERK, "demo1234");
	vt_send(v, VT_F4);
	SEE(v, CASES_ZH " (14)");
	SEE(v, NUMBER_ZH);
	SEE(v, numbers[0]);
	/* The state label whole on the case's row. */
	assert_true(row_has(v, numbers[0], ACCEPTED_LABEL));
	/* Typing the end of a case number keeps that case alone. */
	const char *tail = numbers[7] + strlen(numbers[7]) - 6;
	vt_send(v, tail);
	SEE(v, SEARCH_ZH);
	SEE(v, numbers[7]);
	assert_true(vt_wait_gone(v, numbers[6], VT_TIMEOUT));
	assert_true(row_has(v, numbers[7], ACCEPTED_LABEL));
	/* Esc clears the search, then goes back home. */
	vt_esc(v);
	SEE(v, numbers[6]);
	assert_true(vt_wait_gone(v, SEARCH_ZH, VT_TIMEOUT));
	vt_esc(v);
	assert_true(vt_wait_gone(v, NUMBER_ZH, VT_TIMEOUT));
	scr_quit(v, LOGIN_ZH);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_home_reaches_every_case),
	    cmocka_unit_test(test_cases_state_whole_and_search),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
