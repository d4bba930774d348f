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
 *    tally's rates (returned 2 of 11 issued, 2 valid) and the modes by name;
 *  - the mends of issue 18 (third round): C takes a random free serial; Enter
 *    on the empty required mode is refused; one draft per mode, and N says it
 *    throws the paper away; "1.18-34" option hints; a clerk's T said; the
 *    differences give a multichoice as its numbers, keep a 200-character
 *    right answer whole and say the "other" text dropped before F10; P with
 *    the printer gone offers the papers as a PDF and saves them.
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
/* Paper 0038, first keying (filled in by the resident). */
#define PAPER_38                                                                                   \
	"38\r"                                                                                     \
	"1"                                                                                        \
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
	/* Back where the clerk stopped: the next key answers the next question
	 * (age), not the last one keyed again. */
	vt_send(v, "3");
	SEE(v, "2. \u60a8\u7684\u5e74\u9f84  45-59\u5c81"); /* "2. your age  45-59" */
	SEE(v, "1. \u60a8\u7684\u6027\u522b  \u5973");
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
 * (the private cupsd's a4 queue), recorded as issued by the service (0039:
 * after 0037 and 0038, keyed before any issue was recorded); the
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
	    "\u7b2c 0039 \u81f3 0048 \u53f7\u95ee\u5377\u5df2\u9001\u6253\u5370\u673a"); /* sent */
	assert_true(scr_wait_captures("a4-", a4 + 1));
	/* Issued: the ten papers and 0037 keyed; returned 2 of them, both valid. */
	vt_send(v, "T");
	SEE(v, TALLY_ZH);
	SEE(v, "\u53d1\u653e 12");            /* issued 12: 0039-0048, and 0037, 0038 keyed */
	SEE(v, "\u56de\u6536\u7387 16.67%");  /* return rate 2 / 12 */
	SEE(v, "\u6709\u6548\u7387 100.00%"); /* valid rate */
	/* The counted papers by mode: 0037, by the resident (0038 waits for
	 * its second keying). */
	SEE(v, "\u8ba1\u5165 1\uff08\u5c45\u6c11\u81ea\u586b 1");
	vt_esc(v);
	SEE(v, SURVEYS_ZH);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

/* Set key = value in the station's yizhan.conf (as test_screen.c). */
static void set_conf(const char *key, const char *value)
{
	char path[4096 + 16], tmp[4096 + 32], line[1024];
	snprintf(path, sizeof path, "%s/yizhan.conf", scr_home());
	snprintf(tmp, sizeof tmp, "%s.new", path);
	FILE *in = fopen(path, "r"), *out = fopen(tmp, "w");
	assert_non_null(in);
	assert_non_null(out);
	size_t klen = strlen(key);
	while (fgets(line, sizeof line, in))
		if (strncmp(line, key, klen) == 0 && (line[klen] == ' ' || line[klen] == '='))
			fprintf(out, "%s = %s\n", key, value);
		else
			fputs(line, out);
	fclose(in);
	fclose(out);
	assert_int_equal(rename(tmp, path), 0);
}

/* The serial on row 1 of the keying screen ("问卷 0048：...") , or 0. */
static long paper_on_screen(vt *v)
{
	char *row = vt_row(v, 1);
	const char *p = strstr(row, "\u95ee\u5377 "); /* "paper " */
	long n = p ? strtol(p + strlen("\u95ee\u5377 "), NULL, 10) : 0;
	free(row);
	return n;
}

/* Issue 18's mends, a clerk:
 *  - T is refused in words (only the head and the admin see the tallies);
 *  - Enter on the empty required mode is refused at once, the cursor stays;
 *  - the options read "1.18-34岁 2.35-44岁" (the number apart from the label);
 *  - a paper left halfway is not offered at the counter (C: one draft per
 *    mode), and offered back on paper with what N does;
 *  - C takes a random free serial (not 0048, the next one to print) and the
 *    response is stored under it as usual. */
static void test_counter_and_paper_mends(void **state)
{
	(void)state;
	vt *v = on_surveys(CLERK1);
	select_needs(v);
	vt_send(v, "T");
	SEE(v, "\u53ea\u6709\u7ad9\u957f\u548c\u7ba1\u7406\u5458\u53ef\u4ee5\u770b\u7edf\u8ba1");
	vt_send(v, VT_ENTER);
	SEE(v, KEYING_ZH "\uff1a" NEEDS_ZH);
	/* The message of the list went with it. */
	assert_true(vt_row_of(v, "\u53ea\u6709\u7ad9\u957f") < 0);
	vt_send(v, "45\r");
	SEE(v, "\u95ee\u5377 0045\uff1a"); /* paper 0045: */
	vt_send(v, "\r");                  /* the mode left empty */
	SEE(v, "\u5fc5\u586b");            /* required */
	vt_send(v, "1");                   /* still on the mode: filled in by the resident */
	vt_send(v, "1");                   /* sex */
	SEE(v, AGE_ZH);
	SEE(v, "1.18-34\u5c81 2.35-44\u5c81"); /* 1.18-34 2.35-44 */
	vt_esc(v);
	SEE(v, LEAVE_ZH);
	vt_send(v, "y");
	SEE(v, SURVEYS_ZH);
	/* At the counter: the paper's draft is not offered; a random serial. */
	vt_send(v, "C");
	SEE(v, KEYING_ZH "\uff1a" NEEDS_ZH);
	SEE(v, "\u95ee\u5377 "); /* paper <number>: */
	assert_true(vt_row_of(v, KEPT_ZH) < 0);
	long serial = paper_on_screen(v);
	fprintf(stderr, "# counter serial: %ld\n", serial);
	assert_true(serial >= 1);
	assert_true(serial >= 500000000); /* the counter's range, never printed */
	vt_send(v, "1"
	           "4"
	           "2"
	           "2"
	           "2"
	           "1 3 12\r"
	           "2"
	           "1"
	           "2"
	           "3"
	           "\r");
	char want[64];
	snprintf(want, sizeof want, STORED_ZH "%04ld", serial);
	SEE(v, want);
	vt_esc(v);
	SEE(v, SURVEYS_ZH);
	/* The message of the keying went with it. */
	assert_true(vt_row_of(v, STORED_ZH) < 0);
	/* On paper: offered back, saying what N does; N throws it away. */
	vt_send(v, VT_ENTER);
	SEE(v, KEPT_ZH "\uff08\u7f16\u53f7 45\uff09");
	SEE(v,
	    "\u653e\u5f03\uff08\u5df2\u5f55\u5185\u5bb9\u5220\u9664\uff09"); /* N throws it away */
	vt_send(v, "n");
	SEE(v, SERIAL_ZH);
	leave_to_home(v);
}

/* Paper 0046: keying 1 ticks services 1 and 18 (other: "abc") and suggests
 * "x"; keying 2 ticks 1 alone and suggests "y". */
#define PAPER_46_1                                                                                 \
	"46\r"                                                                                     \
	"1"                                                                                        \
	"1"                                                                                        \
	"4"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"1 18\r"                                                                                   \
	"abc\r"                                                                                    \
	"2"                                                                                        \
	"1"                                                                                        \
	"2"                                                                                        \
	"3"                                                                                        \
	"x\t"
#define PAPER_46_2                                                                                 \
	"46\r"                                                                                     \
	"1"                                                                                        \
	"1"                                                                                        \
	"4"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"2"                                                                                        \
	"1\r"                                                                                      \
	"2"                                                                                        \
	"1"                                                                                        \
	"2"                                                                                        \
	"3"                                                                                        \
	"y\t"

/* The third look's mends: a multichoice's keyings as their numbers ("1 18"
 * and "1"); a right answer of 200 characters (600 bytes) kept whole, its end
 * there when the box is opened again; F10 says that the "other" text kept is
 * dropped when the choice kept has no "other". */
static void test_third_look_mends(void **state)
{
	(void)state;
	vt *c = on_surveys(CLERK1);
	open_needs(c);
	vt_send(c, PAPER_46_1);
	SEE(c, STORED_ZH "0046");
	leave_to_home(c);
	c = on_surveys(CLERK2);
	open_needs(c);
	vt_send(c, PAPER_46_2);
	SEE(c, STORED_ZH "0046");
	leave_to_home(c);

	vt *v = on_surveys(HEAD);
	select_needs(v);
	vt_send(v, "D");
	SEE(v, DIFFS_ZH);
	SEE(v, "0046");
	int y = vt_row_of(v, "0046");
	char *row = vt_row(v, y);
	assert_non_null(strstr(row, "1 18")); /* keying 1's services as numbers */
	free(row);
	vt_send(v, "2"); /* services: keying 2's, no "other" */
	vt_send(v, "1"); /* the other text: keying 1's "abc" */
	/* The suggestion: 200 characters typed, ending in a mark. */
	vt_send(v, VT_ENTER);
	SEE(v, "\u6b63\u786e\u7b54\u6848"); /* right answer */
	for (int i = 0; i < 49; i++)
		vt_send(v, "\u5efa\u8bae\u5f88\u591a");
	vt_send(v, "\u7ec8\u70b9\u6807\u8bb0\r"); /* "end mark" */
	vt_pump(v, 300);
	vt_send(v, VT_ENTER); /* opened again (the last row stays selected): its end too */
	SEE(v, "\u7ec8\u70b9\u6807\u8bb0");
	vt_esc(v);
	vt_send(v, VT_F10);
	SEE(v, "\u7b2c6\u9898"); /* question 6's other text is not kept */
	vt_send(v, "y");
	SEE(v, "0046 \u5df2\u6838\u5b9a"); /* settled */
	vt_esc(v);
	SEE(v, SURVEYS_ZH);
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
}

/* P with the A4 printer gone: the papers are recorded as issued, and offered
 * as a PDF in the save folder instead; Y saves them. */
static void test_print_offers_pdf(void **state)
{
	(void)state;
	set_conf("printer_a4", "nosuch");
	vt *v = on_surveys(HEAD);
	select_needs(v);
	vt_send(v, "P");
	SEE(v, "\u4efd\u6570");
	vt_send(v, VT_CTRL_U "2" VT_ENTER);
	vt_send(v, VT_ENTER);
	SEE(v, "PDF");
	SEE(v, "\u5df2\u767b\u8bb0\u4e3a\u53d1\u653e"); /* recorded as issued */
	vt_send(v, "y");
	SEE(v, "\u7b2c 0049 \u81f3 0050 \u53f7\u95ee\u5377\u5df2\u4fdd\u5b58\u5230"); /* saved to */
	char path[4096 + 64];
	snprintf(path, sizeof path, "%s/printed/survey-needs-0049-0050.pdf", scr_home());
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char magic[5] = {0};
	assert_int_equal(fread(magic, 1, 4, f), 4);
	fclose(f);
	assert_string_equal(magic, "%PDF");
	vt_esc(v);
	SEE(v, HOME_ZH);
	scr_quit(v, LOGIN_ZH);
	set_conf("printer_a4", "a4");
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
	    cmocka_unit_test(test_counter_and_paper_mends),
	    cmocka_unit_test(test_third_look_mends),
	    cmocka_unit_test(test_print_offers_pdf),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
