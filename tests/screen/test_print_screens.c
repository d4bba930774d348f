/* Issue 6 screens under a pty (English UI, so that the assertions do not wait
 * for the translations): the print queue with a failed job printed elsewhere,
 * the admin's printers screen with a test page, and the preview before
 * printing from the case view. Run under tests/lib/with-cupsd. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

static char failed_case[40]; /* the case whose receipt job failed */

static int first_case(const yz_case *c, void *ctx)
{
	*(yz_case *)ctx = *c;
	return 1;
}

/* A demo station, an admin, and a receipt job that failed on a missing printer. */
static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzpscr", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	yz_case c = {0};
	yz_case_filter f = {.limit = 1};
	int64_t job;
	int rc = yz_user_add(st, "boss", "Boss", "", YZ_ROLE_ADMIN, "demo1234", &err);
	if (rc == 0)
		rc = yz_case_list(st, &f, first_case, &c, &err);
	if (rc == 0)
		rc = yz_job_add(st, c.id, "receipt", "nosuch", &job, &err);
	if (rc == 0)
		rc = yz_job_update(st, job, YZ_JOB_FAILED, 0, "No such printer: nosuch", &err);
	snprintf(failed_case, sizeof failed_case, "%s", c.number);
	yz_store_close(st);
	return rc;
}

static void quit(vt *v)
{
	scr_quit(v, "log in");
}

/* True when the process pid maps a file whose name has needle in it. */
static bool maps(pid_t pid, const char *needle)
{
	char path[64], line[4096];
	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	bool found = false;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

static void test_queue_failed_job_elsewhere(void **state)
{
	(void)state;
	vt *v = scr_start_en("boss");
	SEE(v, "F8"); /* the admin's printers key */
	vt_send(v, VT_F4);
	SEE(v, failed_case);
	vt_send(v, VT_F6);
	SEE(v, "Print queue");
	SEE(v, failed_case);
	SEE(v, "failed");
	SEE(v, "No such printer: nosuch"); /* the reason in plain words */
	SEE(v, "Print elsewhere");
	int before = scr_captures("receipt-");
	vt_send(v, "e");
	SEE(v, "Print on which printer?");
	SEE(v, "broken");
	/* issue 13: offered first is the printer of the receipt's paper (the
	 * receipt printer), never the next in the list (a4) */
	vt_send(v, VT_ENTER);
	SEE(v, "Sent to the printer.");
	SEE(v, "Print jobs waiting for a retry (0)"); /* the failed row was moved */
	for (int i = 0; i < 300 && scr_captures("receipt-") == before; i++)
		usleep(100 * 1000);
	assert_int_equal(scr_captures("receipt-"), before + 1);
	/* The app told the print library to run isolated (yz_print_opts): the
	 * receipt was made and sent by a child, the counter never mapped the
	 * module. */
	assert_false(maps(vt_pid(v), "yizhan-render"));
	assert_false(maps(vt_pid(v), "libcairo"));
	assert_false(maps(vt_pid(v), "libcups"));
	vt_send(v, VT_ENTER); /* retry the new job, which is not failed: refused */
	SEE(v, "Only a failed job can be retried");
	vt_esc(v);
	scr_esc_quit(v);
}

static void test_printers_test_page(void **state)
{
	(void)state;
	vt *v = scr_start_en("boss");
	vt_send(v, "\033[19~"); /* F8 */
	SEE(v, "Printers");
	SEE(v, "receipts");
	SEE(v, "broken");
	int before = scr_captures("a4-");
	vt_send(v, "t"); /* a4 is the first */
	SEE(v, "Test page sent to a4");
	for (int i = 0; i < 300 && scr_captures("a4-") == before; i++)
		usleep(100 * 1000);
	assert_int_equal(scr_captures("a4-"), before + 1);
	scr_esc_quit(v);
}

static void test_clerk_has_no_printers_key(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	assert_false(vt_wait_for(v, "Printers", 500));
	vt_send(v, "\033[19~"); /* F8 does nothing for a clerk */
	assert_false(vt_wait_for(v, "Test page", 500));
	quit(v);
}

static void test_preview_then_print(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	vt_send(v, VT_F4);
	SEE(v, failed_case);
	vt_send(v, VT_ENTER);
	SEE(v, "Preview");
	vt_send(v, "v");
	for (int i = 0; i < 100; i++) {
		vt_pump(v, 50);
		char *s = vt_text(v);
		bool pick = strstr(s, "Preview which document?") != NULL;
		bool shown = strstr(s, "Preview: ") != NULL;
		free(s);
		if (pick)
			vt_send(v, VT_ENTER); /* the receipt is the first */
		if (pick || shown)
			break;
	}
	SEE(v, "Preview: Receipt");
	/* issue 13: the paper is in the station's language (Chinese), whatever
	 * the clerk's: its "verification code", not the English UI's words */
	SEE(v, "\u9a8c\u8bc1\u7801");
	assert_int_equal(vt_row_of(v, "Verification code"), -1);
	SEE(v, failed_case);
	int before = scr_captures("receipt-");
	vt_esc(v);
	SEE(v, "Print this document now?");
	vt_send(v, "y");
	SEE(v, "sent to printer receipt");
	for (int i = 0; i < 300 && scr_captures("receipt-") == before; i++)
		usleep(100 * 1000);
	assert_int_equal(scr_captures("receipt-"), before + 1);
	vt_esc(v);
	scr_esc_quit(v);
}

/* 230 jobs printed, the last on its own printer: the print queue shows it
 * among the recently printed (it showed the newest of the oldest 200). */
static void test_queue_shows_newest_printed(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err;
	yz_case c = {0};
	yz_case_filter f = {.limit = 1};
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_list(st, &f, first_case, &c, &err), 0);
	for (int i = 0; i < 230; i++) {
		int64_t job;
		const char *printer = i == 229 ? "latest-printer" : "receipt";
		assert_int_equal(yz_job_add(st, c.id, "receipt", printer, &job, &err), 0);
		assert_int_equal(yz_job_update(st, job, YZ_JOB_PRINTED, 0, "", &err), 0);
	}
	yz_store_close(st);
	vt *v = scr_start_en("boss");
	scr_print_queue(v);
	SEE(v, "latest-printer");
	vt_esc(v);
	scr_esc_quit(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_queue_failed_job_elsewhere),
	    cmocka_unit_test(test_printers_test_page),
	    cmocka_unit_test(test_clerk_has_no_printers_key),
	    cmocka_unit_test(test_preview_then_print),
	    cmocka_unit_test(test_queue_shows_newest_printed),
	};
	return cmocka_run_group_tests_name("print screens", tests, group_setup, scr_teardown);
}
