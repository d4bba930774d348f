/* AB gang in the service (issue 12), on a real database:
 * - absence days typed as a form takes dates (20261214) are stored as
 *   2026-12-14, so the absence starts and ends; what is not a date is refused
 *   with a message naming it, and the store refuses a day not in its form;
 * - "back today" on an absence that has not begun is refused (it would be
 *   deleted unsaid); cancelling it is its own, audited, action;
 * - a follow-up's case reopened goes to a clerk at work: the old owner, else
 *   the line's A or B clerk (owner away today, or deactivated);
 * - a follow-up whose case is gone is refused with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "audit_count.h"
#include "fixture.h"

#define LINE "\u8bc1\u660e" /* a business line (zheng ming) */

static int setup(void **state)
{
	fixture *f = fixture_open("yzstaff");
	yz_err err = {{0}};
	const struct {
		const char *login;
		yz_role role;
	} users[] = {
	    {"wangfang", YZ_ROLE_CLERK}, {"liwei", YZ_ROLE_CLERK}, {"zhaozhan", YZ_ROLE_HEAD}};

	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
		assert_int_equal(yz_user_add(f->store, users[i].login, users[i].login, "",
		                             users[i].role, "demo1234", &err),
		                 0);
	fixture_resident(f, "Wang Jixiang");
	assert_int_equal(yz_user_get(f->store, "zhaozhan", &f->s.user, &err), 0);
	assert_true(yz_date_parse("2026-12-07", &f->s.today)); /* a Monday */
	*state = f;
	return 0;
}

/* The absence id as listed (from today on); fails when it is not there. */
static yz_absence listed(fixture *f, int64_t id)
{
	yz_absence v[16];
	size_t n = 0;
	yz_err err = {{0}};
	assert_int_equal(yz_service_absence_list(&f->s, v, 16, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return v[i];
	fail_msg("absence %lld is not listed", (long long)id);
	return v[0];
}

static size_t n_listed(fixture *f)
{
	yz_absence v[16];
	size_t n = 0;
	yz_err err = {{0}};
	assert_int_equal(yz_service_absence_list(&f->s, v, 16, &n, &err), 0);
	return n;
}

static void test_absence_dates_normalised(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	int64_t id = 0;

	/* Typed as the forms take dates: stored as dates, so it starts and ends. */
	assert_int_equal(
	    yz_service_absence_add(&f->s, "zhangli", "20261214", "20261218", &id, &err), 0);
	yz_absence a = listed(f, id);
	assert_string_equal(a.from, "2026-12-14");
	assert_string_equal(a.until, "2026-12-18");
	assert_int_equal(yz_user_absent(f->store, "zhangli", "2026-12-15", &err), 1);
	assert_int_equal(yz_user_absent(f->store, "zhangli", "2026-12-19", &err), 0);
	/* What is not a date is refused, named. */
	assert_int_equal(
	    yz_service_absence_add(&f->s, "zhangli", "20261332", "20261218", &id, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "\"20261332\""));
	assert_non_null(strstr(err.msg, "first day"));
	assert_int_equal(
	    yz_service_absence_add(&f->s, "zhangli", "2026-12-14", "2026-02-30", &id, &err), -1);
	assert_non_null(strstr(err.msg, "\"2026-02-30\""));
	assert_non_null(strstr(err.msg, "last day"));
	/* The last day of an absence set by hand: normalised too. */
	assert_int_equal(yz_service_absence_end(&f->s, a.id, "20261216", &err), 0);
	assert_string_equal(listed(f, a.id).until, "2026-12-16");
	/* The store takes nothing but its own form. */
	assert_int_equal(
	    yz_absence_add(f->store, "zhangli", "20261220", "2026-12-21", "admin", NULL, &err), -1);
	assert_int_equal(
	    yz_absence_add(f->store, "zhangli", "2026-12-20", "20261221", "admin", NULL, &err), -1);
	assert_int_equal(yz_absence_end(f->store, a.id, "20261215", "admin", &err), -1);
	assert_string_equal(listed(f, a.id).until, "2026-12-16");
	/* The gap warning reads typed days as dates too (wangfang is B of zhangli's
	 * line and away on the 15th). */
	assert_int_equal(yz_line_staff_set(f->store, LINE, "zhangli", "wangfang", "admin", &err),
	                 0);
	assert_int_equal(
	    yz_absence_add(f->store, "wangfang", "2026-12-15", "2026-12-15", "admin", NULL, &err),
	    0);
	yz_uncovered gap[4];
	size_t n = 0;
	assert_int_equal(
	    yz_service_uncovered_lines(&f->s, "zhangli", "20261214", "20261216", gap, 4, &n, &err),
	    0);
	assert_int_equal(n, 1);
	assert_string_equal(gap[0].day, "2026-12-15");
}

static void test_planned_absence_cancelled(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	int64_t planned = 0, begun = 0;

	assert_int_equal(
	    yz_service_absence_add(&f->s, "wangfang", "2026-12-14", "2026-12-18", &planned, &err),
	    0);
	/* "Back today" on it would have deleted it without a word: refused. */
	assert_int_equal(yz_service_absence_end(&f->s, planned, NULL, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "has not begun"));
	assert_string_equal(listed(f, planned).from, "2026-12-14");
	/* Cancelled on purpose, and audited. */
	long before = test_audit_count(f->cfg.db_path, "absence_cancel");
	assert_int_equal(yz_service_absence_cancel(&f->s, planned, &err), 0);
	assert_int_equal(n_listed(f), 0);
	assert_int_equal(test_audit_count(f->cfg.db_path, "absence_cancel"), before + 1);
	assert_int_equal(yz_service_absence_cancel(&f->s, planned, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	/* One that has begun is ended, not cancelled; back on its first day
	 * removes it. */
	assert_int_equal(
	    yz_service_absence_add(&f->s, "wangfang", "2026-12-07", "2026-12-09", &begun, &err), 0);
	assert_int_equal(yz_service_absence_cancel(&f->s, begun, &err), -1);
	assert_non_null(strstr(err.msg, "end it instead"));
	assert_int_equal(yz_service_absence_end(&f->s, begun, NULL, &err), 0);
	assert_int_equal(yz_user_absent(f->store, "wangfang", "2026-12-07", &err), 0);
	/* Only the head or the admin. */
	assert_int_equal(
	    yz_service_absence_add(&f->s, "wangfang", "2026-12-21", "2026-12-22", &planned, &err),
	    0);
	assert_int_equal(yz_user_get(f->store, "zhangli", &f->s.user, &err), 0);
	assert_int_equal(yz_service_absence_cancel(&f->s, planned, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(n_listed(f), 1);
}

/* A closed case of the line owned by owner, rated "very dissatisfied": its
 * follow-up's id. */
static int64_t bad_case(fixture *f, const char *owner, yz_case *out)
{
	yz_resident r;
	yz_err err = {{0}};
	int64_t fu = 0;
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	yz_case_new in = {.form_id = "residence_certificate",
	                  .item = "Residence certificate",
	                  .line = LINE,
	                  .resident_id = r.id,
	                  .clerk_login = owner,
	                  .accepted_date = "2026-12-01",
	                  .due_date = "2026-12-01",
	                  .status = YZ_CASE_DONE};
	assert_int_equal(yz_case_create(f->store, "T1", 2026, &in, out, &err), 0);
	yz_act a = {.actor = owner, .note = "", .today = "2026-12-01"};
	assert_int_equal(yz_case_rate(f->store, out->id, 5, "nobody called back", "2026-12-04",
	                              false, &a, &fu, &err),
	                 0);
	assert_true(fu > 0);
	return fu;
}

/* The follow-up reopened: the new case's owner. */
static void reopened_to(fixture *f, int64_t fu, const char *want)
{
	yz_case nc;
	yz_err err = {{0}};
	memset(&nc, 0, sizeof nc);
	assert_int_equal(
	    yz_service_followup_close(&f->s, fu, YZ_FOLLOWUP_REOPENED, "still waiting", &nc, &err),
	    0);
	assert_string_equal(nc.owner, want);
}

static void exec_sql(fixture *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->cfg.db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_reopened_case_routed(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_case old;
	char today[11];

	yz_date_format(f->s.today, today);
	assert_int_equal(yz_line_staff_set(f->store, LINE, "zhangli", "wangfang", "admin", &err),
	                 0);
	/* The owner at work keeps it. */
	reopened_to(f, bad_case(f, "liwei", &old), "liwei");
	/* The owner away today: the line's A clerk. */
	int64_t fu = bad_case(f, "liwei", &old);
	assert_int_equal(yz_absence_add(f->store, "liwei", today, today, "admin", NULL, &err), 0);
	reopened_to(f, fu, "zhangli");
	/* The owner is the line's A, away: its B clerk. */
	fu = bad_case(f, "zhangli", &old);
	assert_int_equal(yz_absence_add(f->store, "zhangli", today, today, "admin", NULL, &err), 0);
	reopened_to(f, fu, "wangfang");
	/* Everybody away: the owner's queue, which its B clerk works. */
	fu = bad_case(f, "zhangli", &old);
	assert_int_equal(yz_absence_add(f->store, "wangfang", today, today, "admin", NULL, &err),
	                 0);
	reopened_to(f, fu, "zhangli");
	/* The owner no longer works here: the line's A (back at work). */
	exec_sql(f, "DELETE FROM absences");
	fu = bad_case(f, "liwei", &old);
	exec_sql(f, "UPDATE users SET active = 0 WHERE login = 'liwei'");
	reopened_to(f, fu, "zhangli");
}

/* A follow-up whose case is not in the database any more: refused with a
 * message (not -1 and an empty one). */
static void test_followup_without_case(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_case old;
	int64_t fu = bad_case(f, "zhangli", &old);
	char sql[160];
	snprintf(sql, sizeof sql,
	         "PRAGMA foreign_keys = OFF; UPDATE followups SET case_id = 999999 WHERE id = %lld",
	         (long long)fu);
	exec_sql(f, sql);
	yz_act a = {.actor = "zhaozhan", .note = "called", .today = "2026-12-07"};
	assert_int_equal(yz_followup_close(f->store, fu, YZ_FOLLOWUP_SATISFIED, 0, &a, &err), -1);
	assert_true(err.msg[0] != '\0');
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	bool closed = false;
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_followup_unreached(f->store, fu, "2026-12-08", &a, &closed, &err), -1);
	assert_true(err.msg[0] != '\0');
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_absence_dates_normalised, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_planned_absence_cancelled, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_reopened_case_routed, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_followup_without_case, setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("staff", tests, NULL, NULL);
}
