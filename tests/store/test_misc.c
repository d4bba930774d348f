/* Print jobs, drafts, the audit chain and the demo station. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "yizhan/demo.h"
#include "yz_test_paths.h"

static void print_jobs(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_case_new in;
	yz_case c;
	yz_print_job jobs[4], j;
	int64_t receipt, cert;
	size_t n;
	sqlite3 *db;

	memset(&in, 0, sizeof in);
	in.form_id = "f";
	in.item = "Item";
	in.resident_id = rid;
	in.clerk_login = "clerk1";
	in.accepted_date = "2026-03-02";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), 0);
	assert_int_equal(yz_job_add(fx->st, c.id, "receipt", "pos80", &receipt, &err), 0);
	assert_int_equal(yz_job_add(fx->st, c.id, "certificate", "a4", &cert, &err), 0);
	assert_int_equal(yz_job_add(fx->st, c.id, "", "a4", NULL, &err), -1);

	assert_int_equal(yz_job_get(fx->st, receipt, &j, &err), 0);
	assert_int_equal(j.state, YZ_JOB_PENDING);
	assert_string_equal(j.case_number, c.number);
	assert_string_equal(j.printer, "pos80");
	assert_int_equal(j.attempts, 0);
	assert_int_equal(yz_job_list(fx->st, YZ_JOB_PENDING, jobs, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(jobs[0].id, receipt);

	assert_int_equal(yz_job_update(fx->st, receipt, YZ_JOB_SENT, 42, "", &err), 0);
	assert_int_equal(yz_job_update(fx->st, receipt, YZ_JOB_PRINTED, 0, "", &err), 0);
	assert_int_equal(yz_job_get(fx->st, receipt, &j, &err), 0);
	assert_int_equal(j.state, YZ_JOB_PRINTED);
	assert_int_equal(j.cups_job_id, 42);
	assert_int_equal(j.attempts, 1);

	assert_int_equal(
	    yz_job_update(fx->st, cert, YZ_JOB_FAILED, 0, "The printer a4 is off.", &err), 0);
	assert_int_equal(yz_job_update(fx->st, cert, YZ_JOB_FAILED, 0, "Still off.", &err), 0);
	assert_int_equal(yz_job_get(fx->st, cert, &j, &err), 0);
	assert_int_equal(j.attempts, 2);
	assert_string_equal(j.reason, "Still off.");
	assert_int_equal(yz_job_list(fx->st, YZ_JOB_FAILED, jobs, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(jobs[0].id, cert);
	assert_int_equal(jobs[0].state, YZ_JOB_FAILED);
	assert_int_equal(yz_job_list(fx->st, YZ_JOB_PENDING, jobs, 4, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_job_list(fx->st, YZ_JOB_PRINTED, jobs, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(jobs[0].id, receipt);
	assert_int_equal(yz_job_update(fx->st, 999, YZ_JOB_SENT, 1, "", &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_int_equal(yz_job_get(fx->st, 999, &j, &err), 1);

	/* Two counters retry the failed certificate at once: both read it failed,
	 * only the first takes it, the second is told not to send it. */
	yz_print_job seen1, seen2;
	assert_int_equal(yz_job_get(fx->st, cert, &seen1, &err), 0);
	assert_int_equal(yz_job_get(fx->st, cert, &seen2, &err), 0);
	assert_int_equal(yz_job_claim(fx->st, &seen1, "retried by clerk1", &err), 0);
	assert_int_equal(yz_job_claim(fx->st, &seen2, "retried by clerk2", &err), 1);
	assert_int_equal(yz_job_get(fx->st, cert, &j, &err), 0);
	assert_int_equal(j.state, YZ_JOB_PENDING);
	assert_string_equal(j.reason, "retried by clerk1");
	assert_int_equal(j.attempts, 2); /* taking it is not a submission */

	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit WHERE action = 'print_failed'"),
	                 2);
	/* Stored as the words older versions wrote (the enum ends at jobs.c). */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM print_jobs WHERE state = 'printed'"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM print_jobs WHERE state = 'pending'"), 1);
	sqlite3_close(db);
}

static void drafts(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	char *keys[] = {"name", "purpose", "odd,key:3", "empty"};
	char *vals[] = {"\u5f20\u4e09 \U00021484", "a,b:c\n12:x,", "", ""};
	yz_kv_list kv = {keys, vals, 4}, got;

	assert_int_equal(yz_draft_load(fx->st, "clerk1", "residence-cert", &got, &err), 1);
	assert_int_equal(yz_draft_save(fx->st, "clerk1", "residence-cert", &kv, &err), 0);
	assert_int_equal(yz_draft_load(fx->st, "clerk1", "residence-cert", &got, &err), 0);
	assert_int_equal(got.n, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(got.keys[i], keys[i]);
		assert_string_equal(got.vals[i], vals[i]);
	}
	yz_kv_free(&got);
	/* Saving again replaces; other clerks and forms are separate. */
	kv.n = 1;
	assert_int_equal(yz_draft_save(fx->st, "clerk1", "residence-cert", &kv, &err), 0);
	assert_int_equal(yz_draft_load(fx->st, "clerk1", "residence-cert", &got, &err), 0);
	assert_int_equal(got.n, 1);
	yz_kv_free(&got);
	assert_int_equal(yz_draft_load(fx->st, "clerk2", "residence-cert", &got, &err), 1);
	assert_int_equal(yz_draft_load(fx->st, "clerk1", "other", &got, &err), 1);
	kv.n = 0;
	assert_int_equal(yz_draft_save(fx->st, "clerk1", "other", &kv, &err), 0);
	assert_int_equal(yz_draft_load(fx->st, "clerk1", "other", &got, &err), 0);
	assert_int_equal(got.n, 0);
	yz_kv_free(&got);
	assert_int_equal(yz_draft_delete(fx->st, "clerk1", "residence-cert", &err), 0);
	assert_int_equal(yz_draft_load(fx->st, "clerk1", "residence-cert", &got, &err), 1);
}

static void append_some(fixture *fx, int n)
{
	yz_err err = {0};
	char detail[32];

	for (int i = 0; i < n; i++) {
		snprintf(detail, sizeof detail, "entry %d", i);
		if (yz_audit_append(fx->st, "clerk1", "test", detail, &err) != 0)
			fail_msg("append: %s", err.msg);
	}
}

static void audit_detects_update(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t bad = -1;
	sqlite3 *db;

	append_some(fx, 5);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);
	assert_int_equal(bad, 0);
	db = fx_raw(fx);
	/* The triggers refuse a plain edit... */
	assert_int_not_equal(
	    sqlite3_exec(db, "UPDATE audit SET detail = 'x' WHERE id = 3", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit WHERE id = 3", NULL, NULL, NULL),
	                     SQLITE_OK);
	/* ...and whoever drops them first is caught by the chain. */
	assert_int_equal(sqlite3_exec(db,
	                              "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
	                              "UPDATE audit SET detail = 'entry 9' WHERE id = 3",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 1);
	assert_int_equal(bad, 3);
}

static void audit_detects_delete(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t bad = -1;
	sqlite3 *db;

	append_some(fx, 6);
	db = fx_raw(fx);
	assert_int_equal(
	    sqlite3_exec(db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2", NULL,
	                 NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 1);
	assert_int_equal(bad, 3);
	sqlite3_close(db);
}

static void audit_detects_tail_delete(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t bad = -1;
	sqlite3 *db;

	append_some(fx, 4);
	db = fx_raw(fx);
	assert_int_equal(
	    sqlite3_exec(db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 4", NULL,
	                 NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 1);
	assert_int_equal(bad, 4);
}

static const yz_demo_item demo_items[] = {
    {.form_id = "residence-cert",
     .title = "Residence certificate",
     .line = "certificates",
     .promise_days = 0,
     .legal_days = 0},
    {.form_id = "dibao",
     .title = "Minimum living allowance",
     .line = "social-assistance",
     .promise_days = 20,
     .legal_days = 60},
    {.form_id = "unemployment",
     .title = "Unemployment registration",
     .line = "employment",
     .promise_days = 5,
     .legal_days = 10},
};

/* Fill a second station with a seed and return its people as one string. */
static char *people_of(const char *path, unsigned seed, yz_date today)
{
	yz_store *st = NULL;
	yz_err err = {0};
	sqlite3 *db;
	sqlite3_stmt *s;
	size_t len = 0;
	char *all = NULL;

	if (yz_store_open(path, &st, &err) != 0 ||
	    yz_demo_fill(st, YZ_SOURCE_ROOT "/data", "HZ01", today, NULL, seed, 50, 5, demo_items,
	                 3, &err) != 0)
		fail_msg("demo: %s", err.msg);
	yz_store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "SELECT group_concat(name || idno || relation || address"
	                       " || phone, '|') FROM residents ORDER BY id",
	                       -1, &s, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	len = (size_t)sqlite3_column_bytes(s, 0);
	all = strndup((const char *)sqlite3_column_text(s, 0), len);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return all;
}

static void check_demo_residents(fixture *fx, yz_date today)
{
	sqlite3 *db = fx_raw(fx);
	sqlite3_stmt *s;
	int dot = 0, astral = 0, n = 0;

	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT idno, birth, female, name FROM residents", -1, &s, NULL),
	    SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		yz_idcard card;
		char birth[11];
		const char *name = (const char *)sqlite3_column_text(s, 3);
		yz_id_status ids =
		    yz_idcard_check((const char *)sqlite3_column_text(s, 0), today, &card);
		if (ids != YZ_ID_OK)
			fail_msg("demo ID %s: %d", sqlite3_column_text(s, 0), ids);
		yz_date_format(card.birth, birth);
		assert_string_equal(birth, (const char *)sqlite3_column_text(s, 1));
		assert_int_equal(card.female, sqlite3_column_int(s, 2));
		assert_int_equal(card.region / 100, 3301); /* one city: Hangzhou */
		dot += strstr(name, "\u00b7") != NULL;
		for (const unsigned char *p = (const unsigned char *)name; *p; p++)
			astral += *p >= 0xf0;
		n++;
	}
	sqlite3_finalize(s);
	assert_true(n >= 200);
	assert_true(dot > 0);    /* minority names with U+00B7 */
	assert_true(astral > 0); /* rare characters beyond the BMP */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM users"), 4);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM households"),
	                 raw_int(db, "SELECT count(DISTINCT household_id) FROM residents"));
	sqlite3_close(db);
}

/* The cases were stamped at their own past times (their intake event too),
 * over the month, none after the store's now; the store has its clock back. */
static void check_demo_stamps(fixture *fx, const time_t *now)
{
	sqlite3 *db = fx_raw(fx);
	char now_s[21], sql[256];

	yz_utc_stamp(*now, now_s);
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM cases WHERE created_at > '%s' OR closed_at > '%s'", now_s,
	         now_s);
	assert_int_equal(raw_int(db, sql), 0);
	assert_true(raw_int(db, "SELECT count(DISTINCT substr(created_at, 1, 10)) FROM cases") >
	            10);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM cases c WHERE created_at <>"
	                             " (SELECT at FROM case_events e WHERE e.case_id = c.id"
	                             " ORDER BY e.id LIMIT 1)"),
	                 0);
	assert_true(raw_int(db, "SELECT count(*) FROM cases WHERE closed_at > created_at") > 0);
	sqlite3_close(db);
	assert_ptr_equal(yz_store_clock(fx->st).ctx, now);
}

static void demo_fill(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	time_t now = time(NULL);
	yz_date today = yz_date_from_time(now);
	char today_s[11], other[160];
	yz_case_stats stats;
	yz_user u;
	int64_t bad = -1;
	int left;
	sqlite3 *db;
	char *a, *b, *c;

	yz_date_format(today, today_s);
	yz_store_set_clock(fx->st, yz_clock_fixed(&now));
	if (yz_demo_fill(fx->st, YZ_SOURCE_ROOT "/data", "HZ01", today, NULL, 7, 200, 40,
	                 demo_items, 3, &err) != 0)
		fail_msg("demo: %s", err.msg);
	check_demo_stamps(fx, &now);
	check_demo_residents(fx, today);
	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM cases"), 40);
	assert_int_equal(raw_int(db, "SELECT count(DISTINCT clerk_login) FROM cases"), 2);
	sqlite3_close(db);
	assert_int_equal(yz_case_stats_get(fx->st, today_s, &stats, &err), 0);
	assert_true(stats.accepted_today > 0);
	assert_true(stats.open > 0);
	assert_true(stats.overdue > 0);
	assert_int_equal(yz_user_login(fx->st, "zhangli", "demo1234", time(NULL), &u, &left, &err),
	                 YZ_LOGIN_OK);
	assert_int_equal(u.role, YZ_ROLE_CLERK);
	assert_int_equal(yz_user_login(fx->st, "zhaozhan", "demo1234", time(NULL), &u, &left, &err),
	                 YZ_LOGIN_OK);
	assert_int_equal(u.role, YZ_ROLE_HEAD);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);

	/* Same seed, same station; another seed, another station. */
	snprintf(other, sizeof other, "%s/a.db", fx->dir);
	a = people_of(other, 11, today);
	snprintf(other, sizeof other, "%s/b.db", fx->dir);
	b = people_of(other, 11, today);
	snprintf(other, sizeof other, "%s/c.db", fx->dir);
	c = people_of(other, 12, today);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	free(a);
	free(b);
	free(c);

	/* A missing data folder is reported, and nothing is half-filled. */
	assert_int_equal(yz_demo_fill(fx->st, "/nonexistent", "HZ01", today, NULL, 1, 10, 1,
	                              demo_items, 3, &err),
	                 -1);
	assert_non_null(strstr(err.msg, "demo.txt"));
}

int run_misc_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(print_jobs, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(drafts, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(audit_detects_update, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(audit_detects_delete, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(audit_detects_tail_delete, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(demo_fill, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store/misc", tests, NULL, NULL);
}
