/* Issue 4 screens under a pty (English UI, so that the assertions do not wait
 * for the translations): the dashboard's sections with the demo data; a di bao
 * (subsistence allowance) case through missing materials, resumption,
 * forwarding to the street office, the department's result, the workflow to
 * approval and closing with a rating of 2 (dissatisfied), then the follow-up on
 * the station head's screen; and a clerk refused a case of a line they do not
 * hold, with the audit row. Run under tests/lib/with-cupsd.
 *
 * The rating keys (issue 12): 5 is very satisfied and 1 very dissatisfied, the
 * habit of stars; a follow-up is opened from 2 (dissatisfied) down, a rating
 * of 4 (satisfied) opens none, so the test presses 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

static char dibao[40]; /* the subsistence-allowance case the tests work */

/* A di bao application accepted today by zhangli, in its first state. Line and
 * item in UTF-8 escapes (no Chinese in C sources). */
static int accept_dibao(yz_store *st, char number[40], yz_err *err)
{
	yz_resident r;
	size_t n = 0;
	time_t now = time(NULL);
	struct tm tm;
	char today[11], code[17] = "";
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if (yz_resident_find(st, "1", &r, 1, &n, err) != 0 || n == 0) {
		if (yz_resident_get(st, 1, &r, err) != 0)
			return -1;
	}
	if (yz_store_meta_get(st, "station_code", code, sizeof code, err) < 0)
		return -1;
	yz_case_new in = {
	    .form_id = "subsistence_allowance",
	    .item = "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7",
	    .line = "\u793e\u4f1a\u6551\u52a9",
	    .resident_id = r.id,
	    .clerk_login = "zhangli",
	    .accepted_date = today,
	    .due_date = "",
	    .status = YZ_CASE_ACCEPTED,
	    .state = "received",
	    .promise_days = 40,
	    .legal_days = 60,
	};
	yz_case c;
	if (yz_case_create(st, code[0] ? code : "DEMO01", tm.tm_year + 1900, &in, &c, err) != 0)
		return -1;
	snprintf(number, 40, "%s", c.number);
	return 0;
}

/* A demo station, a clerk who holds no line, and the di bao case. */
static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzlife", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_user_add(st, "liwei", "Li Wei", "", YZ_ROLE_CLERK, "demo1234", &err);
	if (rc == 0)
		rc = accept_dibao(st, dibao, &err);
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

static void quit(vt *v)
{
	scr_quit(v, "log in");
}

static void test_dashboard_sections(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	SEE(v, "Overdue (");
	SEE(v, "Due within 2 working days (");
	SEE(v, "Waiting for the resident (");
	SEE(v, "Waiting for a department (");
	SEE(v, "My queue (");
	/* The demo has a paused case and one at a department for zhangli. */
	const char *busy[] = {"Waiting for the resident", "Waiting for a department"};
	for (int i = 0; i < 2; i++) {
		char *row = vt_row(v, vt_row_of(v, busy[i]));
		bool empty = strstr(row, "(0)") != NULL;
		free(row);
		assert_false(empty);
	}
	/* Enter opens the selected case. */
	vt_send(v, VT_ENTER);
	SEE(v, "Deadlines");
	vt_send(v, "\033[6~"); /* PgDn: the timeline follows the fields */
	SEE(v, "Timeline");
	vt_esc(v);
	SEE(v, "My queue (");
	/* Smaller and larger: every section keeps its heading. */
	vt_resize(v, 30, 100);
	SEE(v, "My queue (");
	vt_resize(v, 24, 80);
	SEE(v, "My queue (");
	quit(v);
}

/* One workflow step: T, the option's number, an empty note. */
static void step(vt *v, const char *option, const char *label)
{
	vt_send(v, "t");
	SEE(v, "Next step");
	vt_send(v, option);
	SEE(v, "Note");
	vt_send(v, VT_ENTER);
	SEE(v, "The case moved on");
	SEE(v, label);
}

static void test_dibao_through_to_follow_up(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	scr_open_case(v, dibao);
	SEE(v, "Deadlines");
	SEE(v, "Missing");

	/* Bu zheng: tick the first material, one free item, the date as offered. */
	vt_send(v, "s");
	SEE(v, "What is missing");
	SEE(v, "1 [ ]"); /* the list view's columns: number, tick, material */
	vt_send(v, "1");
	SEE(v, "1 [x]");
	vt_send(v, VT_DOWN " "); /* Space ticks the selected row, again unticks it */
	SEE(v, "2 [x]");
	vt_send(v, " ");
	assert_true(vt_wait_gone(v, "2 [x]", VT_TIMEOUT));
	vt_send(v, VT_ENTER);
	SEE(v, "Also missing");
	vt_send(v, "bank card copy");
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER);
	SEE(v, "the clock stopped");
	SEE(v, "Waiting for the resident since");
	SEE(v, "Complete");

	/* Materials complete: what came is ticked (all, as offered; issue 12). */
	scr_materials_complete(v);

	/* Forward to the street office: the first department of the list. */
	scr_forward_first(v);
	SEE(v, "Result back");

	/* The department's result comes back. */
	vt_send(v, "f");
	SEE(v, "Department's result");
	vt_send(v, "passed street review");
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER);
	SEE(v, "result is recorded");
	vt_send(v, "n");
	SEE(v, "How was the resident told");
	vt_send(v, "1");
	SEE(v, "The resident was told");

	/* The workflow to approval: investigation, appraisal, street review,
	 * publicity, district approval, approved. */
	step(v, "2", "Step");
	for (int i = 0; i < 5; i++)
		step(v, "1", "Step");
	SEE(v, "Close");

	/* Close as approved; the resident presses 2 (dissatisfied). */
	scr_close_first(v);
	SEE(v, "Please press a number");
	SEE(v, "very dissatisfied");
	vt_send(v, "2");
	SEE(v, "Comment (optional)");
	vt_send(v, "waited long");
	vt_send(v, VT_ENTER);
	SEE(v, "follow-up");
	/* Back on the case: rated, so the rating key is gone; the rating is at the
	 * end of the view. */
	assert_true(vt_wait_gone(v, "GRate", VT_TIMEOUT));
	for (int i = 0; i < 4; i++)
		vt_send(v, VT_PGDN);
	SEE(v, "dissatisfied  waited long");
	assert_int_equal(vt_row_of(v, "4 dissatisfied"), -1); /* words, not the score */
	vt_esc(v);
	SEE(v, "By number");
	vt_esc(v);
	SEE(v, "My queue");
	quit(v);

	/* The station head sees the follow-up and records the call. */
	v = scr_start_en("zhaozhan");
	SEE(v, "Follow-ups open");
	vt_send(v, VT_F6);
	SEE(v, dibao);
	int row = vt_row_of(v, dibao);
	assert_true(row > 0);
	char *line = vt_row(v, row);
	assert_non_null(strstr(line, "dissatisfied"));
	free(line);
	/* Select it and record the call. */
	while (!strstr((line = vt_row(v, row)), "waited long") && vt_row_of(v, "waited long") < 0) {
		free(line);
		vt_send(v, VT_DOWN);
		vt_pump(v, 100);
	}
	free(line);
	vt_send(v, VT_ENTER);
	SEE(v, "How did the call to"); /* issue 12: the call ends with an outcome */
	vt_send(v, "1");               /* satisfied now */
	SEE(v, "What the resident said");
	vt_send(v, "called back, apologised");
	vt_send(v, VT_ENTER);
	SEE(v, "Follow-up recorded");
	assert_true(vt_wait_gone(v, dibao, VT_TIMEOUT));
	vt_esc(v);
	quit(v);
}

static void test_clerk_refused_other_line(void **state)
{
	(void)state;
	long before = scr_audit_count("case_denied", "liwei", dibao);
	assert_true(before >= 0);
	vt *v = scr_start_en("liwei");
	scr_open_case(v, dibao);
	SEE(v, "Cannot open the case");
	vt_send(v, VT_ENTER);
	assert_true(vt_wait_gone(v, "Cannot open the case", VT_TIMEOUT));
	assert_int_equal(vt_row_of(v, "Deadlines"), -1);
	vt_esc(v);
	SEE(v, "My queue");
	quit(v);
	assert_int_equal(scr_audit_count("case_denied", "liwei", dibao), before + 1);
}

/* 转交: the clerk picks the colleague from a list (not a login typed from
 * memory), gives a reason, and the colleague owns the case from then on. */
static void test_hand_over(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err = {{0}};
	char number[40];
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(accept_dibao(st, number, &err), 0);
	yz_store_close(st);

	vt *v = scr_start_en("zhangli");
	scr_open_case(v, number);
	SEE(v, "Deadlines");
	vt_send(v, "h");
	SEE(v, "Hand over to which clerk?");
	SEE(v, "(wangfang)");
	SEE(v, "(zhaozhan)");
	assert_false(vt_wait_for(v, "(zhangli)", 300)); /* not to the owner */
	assert_false(vt_wait_for(v, "(admin)", 300));
	/* clerks by login, then the head: liwei, wangfang, zhaozhan */
	vt_send(v, "2");
	SEE(v, "Reason");
	vt_send(v, "moves to window 2");
	vt_send(v, VT_ENTER);
	SEE(v, "Handed over.");
	vt_esc(v); /* the case, the case list, home */
	SEE(v, "By number");
	vt_esc(v);
	SEE(v, "My queue (");
	quit(v);

	yz_case c;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_get(st, number, &c, &err), 0);
	assert_string_equal(c.owner, "wangfang");
	yz_store_close(st);
}

/* AB岗 on the head's staff screen (F7): a line's A and B and an absence, each
 * clerk picked from a list. */
static void test_staff_screen(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err = {{0}};
	yz_line_staff lines[32], l;
	size_t n = 0;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_line_staff_list(st, lines, 32, &n, &err), 0);
	yz_store_close(st);
	assert_true(n > 0);

	vt *v = scr_start_en("zhaozhan");
	SEE(v, "All open cases ("); /* the head's home: every queue */
	vt_send(v, "\033[18~");     /* F7 */
	SEE(v, "Staff: A/B clerks and absences");
	SEE(v, "SSet A/B");
	vt_send(v, "s");
	SEE(v, "Set A/B for which line?");
	vt_send(v, "1");
	SEE(v, "A clerk (takes the line's cases)");
	SEE(v, "(nobody)");
	assert_false(vt_wait_for(v, "(admin)", 300));
	vt_send(v, "2"); /* after (nobody): clerks by login, liwei first */
	SEE(v, "B clerk (covers when A is away)");
	assert_false(vt_wait_for(v, "(liwei)", 300)); /* not B of their own line */
	vt_send(v, "3");                              /* (nobody), wangfang, zhangli */
	/* issue 12: the clerks by name, not login */
	SEE(v, "A Li Wei, B \u5f20\u4e3d.");

	vt_send(v, "a");
	SEE(v, "Who is away?");
	vt_send(v, "1"); /* liwei */
	SEE(v, "From (YYYY-MM-DD)");
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER); /* today until today */
	SEE(v, "Li Wei is marked absent");
	vt_esc(v);
	SEE(v, "Accepted today");
	quit(v);

	char today[11];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_line_staff_get(st, lines[0].line, &l, &err), 0);
	assert_string_equal(l.a_login, "liwei");
	assert_string_equal(l.b_login, "zhangli");
	assert_int_equal(yz_user_absent(st, "liwei", today, &err), 1);
	yz_store_close(st);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dashboard_sections),
	    cmocka_unit_test(test_clerk_refused_other_line),
	    cmocka_unit_test(test_dibao_through_to_follow_up),
	    cmocka_unit_test(test_hand_over),
	    cmocka_unit_test(test_staff_screen),
	};
	return cmocka_run_group_tests_name("lifecycle screens", tests, group_setup, scr_teardown);
}
