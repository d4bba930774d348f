/* Issue 12, the head's and the clerks' side of a day (English UI). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

/* The print queue's failed jobs: a notice of missing materials (a4, with a
 * reason longer than a row), a hand-over slip (a4) and a receipt (on a
 * printer that does not exist). */
#define LONG_REASON                                                                                \
	"The printer a4 stopped: paper jam in tray 2. Open the front cover, take out the "         \
	"jammed sheet, close the cover and press the green button, then retry."

static int first_case(const yz_case *c, void *ctx)
{
	*(yz_case *)ctx = *c;
	return 1;
}

static int failed_job(yz_store *st, yz_case_select which, const char *doc, const char *printer,
                      const char *reason, yz_err *err)
{
	yz_case c = {0};
	yz_case_filter f = {.which = which, .limit = 1};
	int64_t job;
	if (yz_case_list(st, &f, first_case, &c, err) != 0 || !c.id ||
	    yz_job_add(st, c.id, doc, printer, &job, err) != 0)
		return -1;
	return yz_job_update(st, job, YZ_JOB_FAILED, 0, reason, err);
}

/* Two follow-ups more (three with the demo's), on closed cases that have
 * none, due in the days ahead: written as the rating of a dissatisfied
 * resident leaves them. */
static int more_followups(yz_store *st, yz_err *err)
{
	sqlite3 *h;
	(void)st;
	if (sqlite3_open_v2(scr_db(), &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err->msg, sizeof err->msg, "cannot open %s", scr_db());
		return -1;
	}
	int rc =
	    sqlite3_exec(h,
	                 "INSERT INTO followups(case_id, due_date, created_at)"
	                 " SELECT id, date('now', 'localtime', '+' || (id % 3 + 1) || ' days'),"
	                 " '2026-01-01T00:00:00Z' FROM cases WHERE status = 'done'"
	                 " AND id NOT IN (SELECT case_id FROM followups) ORDER BY id LIMIT 2",
	                 NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		snprintf(err->msg, sizeof err->msg, "%s", sqlite3_errmsg(h));
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : -1;
}

static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzdaystaff", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err = {{0}};
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = failed_job(st, YZ_CASES_PAUSED, "missing_notice", "a4", LONG_REASON, &err);
	if (rc == 0)
		rc = failed_job(st, YZ_CASES_FORWARDED, "transfer_slip", "a4", "a4 is offline",
		                &err);
	if (rc == 0)
		rc = failed_job(st, YZ_CASES_CLOSED, "receipt", "nosuch", "No such printer: nosuch",
		                &err);
	if (rc == 0)
		rc = more_followups(st, &err);
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

/* Names of the demo's accounts (UTF-8 escapes: no Chinese in C sources). */
#define ZHANGLI  "\u5f20\u4e3d" /* zhangli */
#define WANGFANG "\u738b\u82b3" /* wangfang */
#define CERTS    "\u8bc1\u660e" /* the certificates line: A wangfang, B zhangli */

/* The first row holding both a and b, or -1. */
static int row_with(vt *v, const char *a, const char *b)
{
	for (int r = 0; r < 24; r++) {
		char *line = vt_row(v, r);
		bool both = strstr(line, a) && strstr(line, b);
		free(line);
		if (both)
			return r;
	}
	return -1;
}

static void quit(vt *v)
{
	scr_quit(v, "log in");
}

static int absent(const char *login, const char *day)
{
	yz_store *st;
	yz_err err = {{0}};
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_user_absent(st, login, day, &err);
	yz_store_close(st);
	return rc;
}

/* AB gang: the head marks zhangli away today while wangfang (the B clerk of
 * zhangli's lines, the A clerk of the certificates) is away too: a warning
 * names the lines nobody covers, the absence is in the list at once, by name,
 * the head's home names the lines, zhangli is told at log-in, and "back today"
 * ends the absence today. */
static void test_absence_cover(void **state)
{
	(void)state;
	char day[11];
	scr_today(day);
	vt *v = scr_start_en("zhaozhan");
	vt_send(v, "\033[18~"); /* F7 */
	SEE(v, "Staff: A/B clerks and absences");
	/* The A/B lines and the absences by name, not login. */
	SEE(v, ZHANGLI);
	assert_true(row_with(v, CERTS, WANGFANG) > 0);
	assert_int_equal(vt_row_of(v, "zhangli"), -1);
	assert_int_equal(vt_row_of(v, "wangfang"), -1);
	assert_true(row_with(v, WANGFANG, day) > 0); /* the demo's absence */

	vt_send(v, "a");
	SEE(v, "Who is away?");
	vt_send(v, "2"); /* 1 wangfang, 2 zhangli, 3 zhaozhan */
	SEE(v, "From (YYYY-MM-DD)");
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER); /* today until today */
	SEE(v, "A line without cover");
	SEE(v, CERTS " (A " WANGFANG ", B " ZHANGLI ")");
	vt_send(v, "y");
	SEE(v, ZHANGLI " is marked absent from");
	/* In the list right away, by name. */
	assert_true(row_with(v, ZHANGLI, day) > 0);
	assert_int_equal(absent("zhangli", day), 1);
	vt_esc(v);
	SEE(v, "Nobody covers today (F7):");
	int r = vt_row_of(v, "Nobody covers today (F7):");
	char *rows = vt_text(v); /* the line names go on over two rows */
	char *two = malloc(strlen(rows) + 1);
	char *a = vt_row(v, r), *b = vt_row(v, r + 1);
	snprintf(two, strlen(rows) + 1, "%s %s", a, b);
	assert_non_null(strstr(two, CERTS));
	free(a), free(b), free(two), free(rows);
	quit(v);

	/* zhangli logs in and is told. */
	v = scr_start(scr_env_en, 24, 80, NULL);
	scr_login(v, "log in", "zhangli", "demo1234");
	SEE(v, "You are marked away");
	SEE(v, "You are marked away from"); /* (the dialog's wrapping is not asserted) */
	SEE(v, WANGFANG " works your queue");
	vt_send(v, VT_ENTER);
	assert_true(vt_wait_gone(v, "You are marked away", VT_TIMEOUT));
	SEE(v, "Accepted today");
	/* The queue zhangli covers as B, the absent A clerk by name. */
	SEE(v, "Covering (B clerk) for: " WANGFANG "/" CERTS);
	quit(v);

	/* Back today: E on zhangli's absence ends it today. */
	v = scr_start_en("zhaozhan");
	vt_send(v, "\033[18~"); /* F7 */
	SEE(v, "Staff: A/B clerks and absences");
	vt_send(v, VT_DOWN); /* wangfang's first (from the same day, set earlier) */
	vt_send(v, "e");
	SEE(v, ZHANGLI " is back today?");
	vt_send(v, "y");
	SEE(v, ZHANGLI " is back");
	for (int i = 0; i < 50 && row_with(v, ZHANGLI, day) != -1; i++)
		vt_pump(v, 100); /* the list is drawn again after the message */
	assert_int_equal(row_with(v, ZHANGLI, day), -1); /* gone from the list */
	assert_true(row_with(v, WANGFANG, day) > 0);     /* wangfang's stays */
	assert_int_equal(vt_row_of(v, "Nobody is marked"), -1);
	assert_int_equal(absent("zhangli", day), 0);
	assert_int_equal(absent("wangfang", day), 1);
	vt_esc(v);
	SEE(v, "Accepted today");
	assert_int_equal(vt_row_of(v, "Nobody covers today"), -1);
	quit(v);
}

/* The day days from today, as YYYY-MM-DD and as typed YYYYMMDD. */
static void day_ahead(int days, char iso[11], char typed[9])
{
	char today[11];
	yz_date d;
	scr_today(today);
	assert_true(yz_date_parse(today, &d));
	yz_date_format(yz_date_from_days(yz_date_to_days(d) + days), iso);
	snprintf(typed, 9, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
}

/* The absence dialog refused (a day that is no date, named in the message)
 * comes back with what was typed; the days typed as 20261214 are stored as
 * dates; E on an absence that has not begun offers to cancel it, and does. */
static void test_absence_refused_planned(void **state)
{
	(void)state;
	char from[11], from8[9], until[11], until8[9];
	day_ahead(30, from, from8);
	day_ahead(32, until, until8);
	vt *v = scr_start_en("zhaozhan");
	vt_send(v, "\033[18~"); /* F7 */
	SEE(v, "Staff: A/B clerks and absences");
	vt_send(v, "a");
	SEE(v, "Who is away?");
	vt_send(v, "3"); /* zhaozhan, who holds no line: no warning */
	SEE(v, "From (YYYY-MM-DD)");
	vt_send(v, VT_CTRL_U);
	vt_send(v, "20261332");
	vt_send(v, VT_TAB);
	vt_send(v, VT_CTRL_U);
	vt_send(v, until8);
	vt_send(v, VT_ENTER);
	SEE(v, "Not done");
	SEE(v, "\"20261332\", is not a date");
	vt_send(v, VT_ENTER);
	/* Back in the dialog with both days as typed (the last one as a date). */
	SEE(v, "Mark a clerk absent");
	assert_true(scr_wait_row(v, "From (YYYY-MM-DD)", "20261332"));
	assert_true(scr_wait_row(v, "Until (YYYY-MM-DD)", until));
	vt_send(v, VT_CTRL_U);
	vt_send(v, from8);
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER);
	SEE(v, "is marked absent from");
	assert_true(row_with(v, from, until) > 0);
	assert_int_equal(absent("zhaozhan", from), 1);

	/* Selected, not begun: E cancels it, after asking. */
	SEE(v, "Cancel absence");
	vt_send(v, "e");
	SEE(v, "Cancel the planned absence");
	SEE(v, "Cancel this planned absence?");
	vt_send(v, "y");
	SEE(v, "is cancelled");
	/* Gone from the list: the message is the only row with its days. */
	assert_int_equal(vt_row_of(v, from), vt_row_of(v, "is cancelled"));
	assert_int_equal(absent("zhaozhan", from), 0);
	assert_true(scr_audit_count("absence_cancel", "zhaozhan", from) == 1);
	vt_esc(v);
	SEE(v, "Accepted today");
	quit(v);
}

/* The station head's home: the column titles over the dashboard (the date
 * column among them) and whose case each is, by name. */
static void test_dashboard_titles_names(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhaozhan");
	SEE(v, "Clerk, state");
	int r = vt_row_of(v, "Clerk, state");
	char *line = vt_row(v, r);
	assert_non_null(strstr(line, "Due date"));
	assert_non_null(strstr(line, "Case"));
	assert_non_null(strstr(line, "Resident"));
	free(line);
	SEE(v, ZHANGLI);
	assert_int_equal(vt_row_of(v, "zhangli"), -1);
	quit(v);
}

/* Approvals: who asked by name, and the day asked under a title. */
static void test_approvals_names(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhaozhan");
	vt_send(v, VT_F5);
	SEE(v, "Approvals pending");
	SEE(v, "Asked");
	int r = vt_row_of(v, "Asked");
	char *line = vt_row(v, r);
	assert_non_null(strstr(line, "By"));
	free(line);
	char day[11];
	scr_today(day);
	assert_true(row_with(v, ZHANGLI, day) > 0);
	assert_int_equal(vt_row_of(v, "zhangli"), -1);
	scr_esc_quit(v);
}

/* The print queue (F4, F6): documents by their titles, the long reason
 * wrapped whole, and each key that prints again (R reprint, Enter retry, E
 * elsewhere) takes its failure off the count, on the home screen too. */
static void test_print_queue(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhaozhan");
	SEE(v, "3 print jobs failed");
	scr_print_queue(v);
	SEE(v, "Print jobs waiting for a retry (3)");
	SEE(v, "One-time notice");
	SEE(v, "Hand-over slip");
	assert_int_equal(vt_row_of(v, "missing_n"), -1);
	assert_int_equal(vt_row_of(v, "transfer_s"), -1);
	/* The first failed job is selected: its reason whole, over two rows. */
	SEE(v, "Why: The printer a4 stopped");
	SEE(v, "green button");
	SEE(v, "retry.");
	int r = vt_row_of(v, "Why: The printer a4 stopped");
	assert_true(vt_row_of(v, "green button") > r);
	assert_true(vt_row_of(v, "retry.") > r);

	vt_send(v, "r"); /* reprint the notice as a new job */
	SEE(v, "Sent to the printer.");
	SEE(v, "Print jobs waiting for a retry (2)");
	vt_send(v, VT_HOME);
	vt_send(v, VT_ENTER); /* retry the hand-over slip on a4 */
	SEE(v, "Print jobs waiting for a retry (1)");
	vt_send(v, VT_HOME);
	vt_send(v, "e"); /* the receipt on another printer */
	SEE(v, "Print on which printer?");
	vt_send(v, VT_ENTER);
	SEE(v, "Print jobs waiting for a retry (0)");
	vt_esc(v);
	vt_esc(v);
	SEE(v, "Accepted today");
	assert_int_equal(vt_row_of(v, "print jobs failed"), -1);
	quit(v);
}

static size_t open_followups(yz_followup *out, size_t max)
{
	yz_store *st;
	yz_err err = {{0}};
	size_t n = 0;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_followup_list(st, YZ_FOLLOWUP_OPEN, out, max, &n, &err), 0);
	yz_store_close(st);
	return n;
}

static void followup_get(int64_t id, yz_followup *out)
{
	yz_store *st;
	yz_err err = {{0}};
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_followup_get(st, id, out, &err), 0);
	yz_store_close(st);
}

/* Enter on the first follow-up, the outcome's number, the note. */
static void record_first(vt *v, const yz_followup *f, const char *outcome, const char *note)
{
	vt_send(v, VT_HOME);
	SEE(v, f->case_number);
	vt_send(v, VT_ENTER);
	SEE(v, "How did the call to");
	SEE(v, "3 Could not reach the resident");
	vt_send(v, outcome);
	SEE(v, "What the resident said");
	vt_send(v, note);
	vt_send(v, VT_ENTER);
	SEE(v, "Follow-up recorded");
}

/* Follow-up (hui fang): the resident's phone on the screen; each call ends with
 * an outcome: satisfied now; reopened as a new case linked to the old one (the
 * same resident and item, in the old owner's queue, each timeline naming the
 * other); could not reach (the follow-up stays due, the next working day, with
 * the call counted). */
static void test_followup_outcomes(void **state)
{
	(void)state;
	yz_followup fu[8], after;
	size_t n = open_followups(fu, 8);
	assert_true(n >= 3);
	vt *v = scr_start_en("zhaozhan");
	vt_send(v, VT_F6);
	SEE(v, "Follow-ups open (");
	SEE(v, "Phone");
	assert_true(fu[0].resident_phone[0] != '\0');
	assert_true(row_with(v, fu[0].case_number, fu[0].resident_phone) > 0);
	SEE(v, "Call "); /* the selected one's name and phone in full below */

	/* Satisfied now. */
	record_first(v, &fu[0], "1", "fixed now, thanks");
	SEE(v, "the resident is satisfied");
	assert_true(vt_wait_gone(v, fu[0].case_number, VT_TIMEOUT));
	followup_get(fu[0].id, &after);
	assert_int_equal(after.state, YZ_FOLLOWUP_DONE);
	assert_int_equal(after.outcome, YZ_FOLLOWUP_SATISFIED);

	/* Not solved: a new case. Its old owner is away today: it goes to the
	 * line's B clerk, a new one. */
	yz_store *st;
	yz_err err = {{0}};
	yz_case old, nc;
	char day[11];
	scr_today(day);
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_get_by_id(st, fu[1].case_id, &old, &err), 0);
	assert_true(old.line[0] && old.owner[0]);
	assert_int_equal(
	    yz_user_add(st, "liuyang", "Liu Yang", "", YZ_ROLE_CLERK, "demo1234", &err), 0);
	assert_int_equal(yz_line_staff_set(st, old.line, old.owner, "liuyang", "admin", &err), 0);
	if (yz_user_absent(st, old.owner, day, &err) == 0)
		assert_int_equal(yz_absence_add(st, old.owner, day, day, "admin", NULL, &err), 0);
	yz_store_close(st);
	record_first(v, &fu[1], "2", "still no answer from the office");
	SEE(v, "reopened as case");
	SEE(v, "in Liu Yang's queue");
	followup_get(fu[1].id, &after);
	assert_int_equal(after.outcome, YZ_FOLLOWUP_REOPENED);
	assert_true(after.new_case_id > 0);
	SEE(v, after.new_case_number);
	yz_case_event ev[64];
	size_t ne = 0;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_get_by_id(st, after.new_case_id, &nc, &err), 0);
	assert_int_equal(nc.status, YZ_CASE_ACCEPTED);
	assert_int_equal(nc.resident_id, old.resident_id);
	assert_string_equal(nc.item, old.item);
	assert_string_equal(nc.owner, "liuyang");
	assert_int_equal(yz_case_timeline(st, old.id, ev, 64, &ne, &err), 0);
	bool linked = false;
	for (size_t i = 0; i < ne; i++)
		linked = linked || strstr(ev[i].note, nc.number) != NULL;
	assert_true(linked);
	assert_int_equal(yz_case_timeline(st, nc.id, ev, 64, &ne, &err), 0);
	linked = false;
	for (size_t i = 0; i < ne; i++)
		linked = linked || strstr(ev[i].note, old.number) != NULL;
	assert_true(linked);
	yz_store_close(st);

	/* Could not reach: still due, the next working day, one call counted. */
	record_first(v, &fu[2], "3", "");
	SEE(v, "not reached (call 1 of 3)");
	followup_get(fu[2].id, &after);
	assert_int_equal(after.state, YZ_FOLLOWUP_OPEN);
	assert_int_equal(after.attempts, 1);
	assert_true(strcmp(after.due_date, day) > 0);
	SEE(v, fu[2].case_number); /* still in the list */
	scr_esc_quit(v);
}

static void sql(const char *text)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(scr_db(), &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	int rc = sqlite3_exec(h, text, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", text, sqlite3_errmsg(h));
	sqlite3_close(h);
	assert_int_equal(rc, SQLITE_OK);
}

/* A follow-up call the database refuses (a trigger stands in for a failing
 * disk) comes back with the outcome and the note as typed; once the database
 * takes it again, Enter twice records it. */
static void test_followup_refused_keeps_note(void **state)
{
	(void)state;
	yz_followup fu[8], after;
	size_t n = open_followups(fu, 8);
	assert_true(n >= 1);
	vt *v = scr_start_en("zhaozhan");
	vt_send(v, VT_F6);
	SEE(v, "Follow-ups open (");
	sql("CREATE TRIGGER test_refuse BEFORE UPDATE ON followups"
	    " BEGIN SELECT RAISE(ABORT, 'the disk refused it'); END");
	vt_send(v, VT_HOME);
	SEE(v, fu[0].case_number);
	vt_send(v, VT_ENTER);
	SEE(v, "How did the call to");
	vt_send(v, "1");
	SEE(v, "What the resident said");
	vt_send(v, "happy now");
	vt_send(v, VT_ENTER);
	SEE(v, "Not done");
	SEE(v, "the disk refused it");
	sql("DROP TRIGGER test_refuse");
	vt_send(v, VT_ENTER);
	SEE(v, "How did the call to"); /* the outcome as picked */
	vt_send(v, VT_ENTER);
	SEE(v, "What the resident said");
	SEE(v, "happy now");
	vt_send(v, VT_ENTER);
	SEE(v, "the resident is satisfied");
	followup_get(fu[0].id, &after);
	assert_int_equal(after.state, YZ_FOLLOWUP_DONE);
	assert_int_equal(after.outcome, YZ_FOLLOWUP_SATISFIED);
	assert_string_equal(after.note, "happy now");
	scr_esc_quit(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_absence_cover),
	    cmocka_unit_test(test_absence_refused_planned), /* before liuyang joins */
	    cmocka_unit_test(test_dashboard_titles_names),
	    cmocka_unit_test(test_approvals_names),
	    cmocka_unit_test(test_print_queue),
	    cmocka_unit_test(test_followup_outcomes),
	    cmocka_unit_test(test_followup_refused_keeps_note),
	};
	return cmocka_run_group_tests_name("day staff", tests, group_setup, scr_teardown);
}
