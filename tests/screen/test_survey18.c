/* The survey screens (issue 18), the real binary under a pty read back
 * through libvterm, in the Chinese UI at 80x24, on a demo station with the
 * shipped forms/surveys/needs.survey (anonymous, keyed twice):
 *  - a clerk opens the surveys (S on home), keys paper 0037 in quick mode —
 *    the keys counted, at most 40 — and the screen says it waits for its
 *    second keying; the same clerk's second keying of 0037 is refused at the
 *    serial, the cursor stays there; a paper keyed halfway is kept when the
 *    clerk leaves (Esc asks) and offered back with its answers;
 *  - another clerk keys 0037 again with one answer different: the screen says
 *    one answer differs;
 *  - the head opens the differences (D): the answer with both keyings; 2
 *    takes the second, F10 settles the paper; no paper waits any more;
 *  - the head's tallies (T) count the paper, and while they are open a clerk
 *    at another terminal keys paper 0038: the tallies show it within seconds;
 *  - P prints ten numbered papers from the next free serial on the A4 queue:
 *    the service records them as issued, and the tallies then give the
 *    tally's rates (returned 2 of 11 issued, 2 valid) and the modes by name.
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

#include "screen_fixture.h"

#define VT_F10 "\033[21~"
#define HEAD   "zhaozhan"
#define CLERK1 "zhangli"
#define CLERK2 "wangfang"

#define LOGIN_ZH   "\u8bf7\u767b\u5f55"                               /* please log in */
#define HOME_ZH    "\u4eca\u65e5\u53d7\u7406"                         /* accepted today */
#define NEEDS_ZH   "\u5c45\u6c11\u670d\u52a1\u9700\u6c42\u8c03\u67e5" /* the needs survey */
#define SURVEYS_ZH "\u95ee\u5377\u8c03\u67e5"                         /* surveys (the title) */
#define KEYING_ZH  "\u5f55\u5165\u95ee\u5377"                         /* keying papers */
#define SERIAL_ZH  "\u8bf7\u8f93\u5165\u95ee\u5377\u7f16\u53f7"       /* type the serial number */
#define STORED_ZH  "\u5df2\u5f55\u5165 "                              /* stored */
#define DIFFS_ZH   "\u5f55\u5165\u5dee\u5f02"                         /* differences */
#define TALLY_ZH   "\u6c47\u603b"                                     /* tallies */
#define LEAVE_ZH   "\u79bb\u5f00\u8fd9\u4efd\u95ee\u5377"             /* leave this paper */
#define KEPT_ZH    "\u6ca1\u6709\u5f55\u5b8c"                         /* not keyed to the end */
#define AGE_ZH     "\u60a8\u7684\u5e74\u9f84"                         /* your age */

/* The typical paper 0037 (as tests/bench/bench_survey_keys18.c): filled in by
 * the resident; male, 60-69, junior middle school, retired, a couple;
 * services 1, 3 and 12; used 1-2 times; the notice board; satisfied;
 * weekends; no suggestion (Enter on the last question stores it). */
#define PAPER_37                                                                                   \
	"37\r"                                                                                     \
	"1"                                                                                        \
	"1"                                                                                        \
	"4"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"1 3 12\r"                                                                                 \
	"2"                                                                                        \
	"1"                                                                                        \
	"2"                                                                                        \
	"3"                                                                                        \
	"\r"
/* The same paper with the age keyed as 70-79 (5). */
#define PAPER_37_AGE5                                                                              \
	"37\r"                                                                                     \
	"1"                                                                                        \
	"1"                                                                                        \
	"5"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"1 3 12\r"                                                                                 \
	"2"                                                                                        \
	"1"                                                                                        \
	"2"                                                                                        \
	"3"                                                                                        \
	"\r"
/* Paper 0038, first keying. */
#define PAPER_38                                                                                   \
	"38\r"                                                                                     \
	"3"                                                                                        \
	"2"                                                                                        \
	"1"                                                                                        \
	"5"                                                                                        \
	"1"                                                                                        \
	"3"                                                                                        \
	"6\r"                                                                                      \
	"1"                                                                                        \
	"2"                                                                                        \
	"1"                                                                                        \
	"4"                                                                                        \
	"\r"

static int group_setup(void **state)
{
	(void)state;
	return scr_station("yzsurvey", NULL);
}

/* Logged in as user, on the list of surveys. */
static vt *on_surveys(const char *user)
{
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, LOGIN_ZH, user, "demo1234");
	SEE(v, HOME_ZH);
	vt_pump(v, 300);
	vt_esc(v); /* a greeting's message, when there is one */
	SEE(v, HOME_ZH);
	vt_send(v, "S");
	SEE(v, SURVEYS_ZH);
	SEE(v, NEEDS_ZH);
	return v;
}

/* On the list: the needs survey selected (the list's first row is row 3). */
static void select_needs(vt *v)
{
	int y = vt_row_of(v, "  " NEEDS_ZH);
	assert_true(y >= 3);
	for (int i = 3; i < y; i++)
		vt_send(v, VT_DOWN);
	vt_pump(v, 200);
}

/* On the list: the needs survey selected, Enter, the keying screen. */
static void open_needs(vt *v)
{
	select_needs(v);
	vt_send(v, VT_ENTER);
	SEE(v, KEYING_ZH "\uff1a" NEEDS_ZH);
	SEE(v, SERIAL_ZH);
}

/* Back from the keying screen (nothing half-keyed) and the list to home. */
static void leave_to_home(vt *v)
{
	vt_esc(v);
	SEE(v, SURVEYS_ZH);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

static void test_first_keying_and_refusal(void **state)
{
	(void)state;
	vt *v = on_surveys(CLERK1);
	open_needs(v);
	long before = vt_keys(v);
	vt_send(v, PAPER_37);
	SEE(v, STORED_ZH "0037");
	long keys = vt_keys(v) - before;
	fprintf(stderr, "# keys for one needs paper: %ld\n", keys);
	assert_true(keys <= 40);
	SEE(v, "\u7b2c1\u904d"); /* keying 1 */
	SEE(v, SERIAL_ZH);       /* a fresh paper, its number first */
	/* The same clerk cannot key 0037 a second time: the cursor stays on the
	 * number with the reason, no keying is said. */
	vt_send(v, "37\r");
	SEE(v,
	    "\u53e6\u4e00\u4f4d\u5de5\u4f5c\u4eba\u5458\u5f55\u5165"); /* another clerk keys it */
	SEE(v, SERIAL_ZH);
	assert_true(vt_row_of(v, "\u95ee\u5377 0037\uff1a") < 0); /* "paper 0037:" */
	/* The cursor stays on the number: a digit typed now goes into it. */
	vt_send(v, "9");
	SEE(v, "\u95ee\u5377\u7f16\u53f7  379"); /* "paper number  379" */
	/* Nothing typed is lost: paper 0040 keyed halfway, Esc asks and keeps
	 * it; opened again, it is offered back with what was keyed. */
	vt_send(v, VT_CTRL_U);
	vt_send(v, "40\r"
	           "1"
	           "2");
	SEE(v, "\u95ee\u5377 0040\uff1a"); /* "paper 0040:" */
	vt_esc(v);
	SEE(v, LEAVE_ZH);
	vt_send(v, "y");
	SEE(v, SURVEYS_ZH);
	vt_send(v, VT_ENTER);
	SEE(v, KEPT_ZH "\uff08\u7f16\u53f7 40\uff09"); /* (serial number 40) */
	vt_send(v, "y");
	SEE(v, "\u95ee\u5377 0040\uff1a");             /* paper 0040, checked again */
	SEE(v, "1. \u60a8\u7684\u6027\u522b  \u5973"); /* "1. your sex  female" */
	/* Left again, then dropped when offered: a fresh paper. */
	vt_esc(v);
	SEE(v, LEAVE_ZH);
	vt_send(v, "y");
	SEE(v, SURVEYS_ZH);
	vt_send(v, VT_ENTER);
	SEE(v, KEPT_ZH);
	vt_send(v, "n");
	SEE(v, SERIAL_ZH);
	assert_true(vt_row_of(v, "0040") < 0);
	/* Nothing half-keyed: Esc leaves without asking. */
	leave_to_home(v);
}

static void test_second_keying_differs(void **state)
{
	(void)state;
	vt *v = on_surveys(CLERK2);
	open_needs(v);
	vt_send(v, "37\r");
	SEE(v, "\u7b2c2\u904d"); /* keying 2 of 2, said once the number is left */
	vt_send(v, PAPER_37_AGE5 + 3);
	SEE(v,
	    STORED_ZH "0037\uff08\u7b2c2\u904d\uff0c\u4e0e\u7b2c1\u904d\u67091\u5904\u4e0d\u540c");
	leave_to_home(v);
}

static void test_third_look_and_tallies(void **state)
{
	(void)state;
	vt *v = on_surveys(HEAD);
	select_needs(v);
	vt_send(v, "D");
	SEE(v, DIFFS_ZH);
	SEE(v, AGE_ZH);
	int y = vt_row_of(v, AGE_ZH);
	char *row = vt_row(v, y);
	assert_non_null(strstr(row, "0037"));
	assert_non_null(strstr(row, "60-69"));
	assert_non_null(strstr(row, "70-79"));
	free(row);
	vt_send(v, "2"); /* the second keying's answer */
	vt_send(v, VT_UP);
	vt_send(v, VT_F10);
	SEE(v, "0037 \u5df2\u6838\u5b9a"); /* settled */
	SEE(v, "0 \u4efd\u4e24\u904d\u5f55\u5165\u4e0d\u4e00\u81f4");
	vt_esc(v);
	SEE(v, SURVEYS_ZH);
	/* The tallies: one paper counted, 70-79 once. */
	vt_send(v, "T");
	SEE(v, TALLY_ZH);
	SEE(v, "\u56de\u6536 1"); /* returned 1 */
	SEE(v, "\u8ba1\u5165 1"); /* counted 1 */
	/* A clerk keys 0038 at another counter: the tallies follow. */
	vt *c = on_surveys(CLERK1);
	open_needs(c);
	vt_send(c, PAPER_38);
	SEE(c, STORED_ZH "0038");
	leave_to_home(c);
	if (!vt_wait_for(v, "\u56de\u6536 2", 15000)) { /* returned 2 */
		vt_dump(v);
		fail();
	}
	vt_esc(v);
	SEE(v, SURVEYS_ZH);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

/* P on the list: ten papers from the next free serial sent to the A4 printer
 * (the private cupsd's a4 queue), recorded as issued by the service (0038:
 * paper 0038 came back from the counter, which has no issued serial); the
 * tallies then give the rates of the tally. */
static void test_print_and_rates(void **state)
{
	(void)state;
	vt *v = on_surveys(HEAD);
	select_needs(v);
	int a4 = scr_captures("a4-");
	vt_send(v, "P");
	SEE(v, "\u4efd\u6570"); /* number of papers */
	vt_send(v, VT_ENTER);   /* 10, from the next free serial */
	vt_send(v, VT_ENTER);
	SEE(v,
	    "\u7b2c 0038 \u81f3 0047 \u53f7\u95ee\u5377\u5df2\u9001\u6253\u5370\u673a"); /* sent */
	assert_true(scr_wait_captures("a4-", a4 + 1));
	/* Issued: the ten papers and 0037 keyed; returned 2 of them, both valid. */
	vt_send(v, "T");
	SEE(v, TALLY_ZH);
	SEE(v, "\u53d1\u653e 11");            /* issued 11 */
	SEE(v, "\u56de\u6536\u7387 18.18%");  /* return rate */
	SEE(v, "\u6709\u6548\u7387 100.00%"); /* valid rate */
	/* The modes by the entry form's labels: one by the resident, one at the counter. */
	SEE(v, "\u5c45\u6c11\u81ea\u586b 1");
	vt_esc(v);
	SEE(v, SURVEYS_ZH);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_keying_and_refusal),
	    cmocka_unit_test(test_second_keying_differs),
	    cmocka_unit_test(test_third_look_and_tallies),
	    cmocka_unit_test(test_print_and_rates),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
