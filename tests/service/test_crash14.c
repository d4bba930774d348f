/* Issue 14, a committed case always has its print jobs and never leaves its
 * draft behind: the counter's submit (yz_service_submit_counter) writes the
 * case, removes the clerk's draft of the form and inserts a pending job for
 * each paper in ONE transaction. Failures are made real with a trigger in the
 * station's file (a print-job insert, then the draft's removal, refused by
 * SQLite): neither the case nor the draft's removal is kept. After a good
 * submit another connection sees the case, its jobs and no draft, and the
 * jobs print (saved: no printer is set) once, never twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fixture.h"

static int setup(void **state)
{
	fixture *f = fixture_open("yzcrash14");
	f->cfg.printer_a4[0] = f->cfg.printer_receipt[0] = '\0'; /* documents are saved */
	snprintf(f->cfg.station_phone, sizeof f->cfg.station_phone, "0571-87000000");
	*state = f;
	return 0;
}

/* Run sql on a connection of its own to the station's file. */
static void exec_sql(fixture *f, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(f->cfg.db_path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_close(db);
}

/* One number read through a connection of its own (what is committed). */
static long count_sql(fixture *f, const char *sql, int64_t arg)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long n = -1;
	assert_int_equal(sqlite3_open(f->cfg.db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static long n_cases(fixture *f)
{
	return count_sql(f, "SELECT count(*) FROM cases", 0);
}

static long n_drafts(fixture *f)
{
	return count_sql(f, "SELECT count(*) FROM drafts", 0);
}

static long n_jobs(fixture *f)
{
	return count_sql(f, "SELECT count(*) FROM print_jobs", 0);
}

/* The clerk's draft of form, as the intake screen keeps it on every change. */
static void keep_draft(fixture *f, const yz_form *form)
{
	yz_kv_list kv = {0};
	yz_err err = {{0}};
	assert_int_equal(yz_kv_push(&kv, "purpose", "half typed"), 0);
	assert_int_equal(yz_service_draft_save(&f->s, form->id, &kv, &err), 0);
	yz_kv_free(&kv);
}

static int submit(fixture *f, const yz_form *form, yz_submitted *out, yz_err *err)
{
	const char *mats[32];
	yz_values v = {0};
	fixture_fill_applicant(&f->s, form, f->idno, NULL, NULL, &v);
	size_t n = fixture_all_materials(form, mats, 32);
	int rc = yz_service_submit_counter(&f->s, form, &v, mats, n, out, err);
	yz_values_clear(&v);
	return rc;
}

/* A step after the case that fails: nothing of the submit is kept. */
static void refused_step(fixture *f, const yz_form *form, const char *trigger, const char *drop)
{
	yz_submitted sub;
	yz_err err = {{0}};
	long cases = n_cases(f), jobs = n_jobs(f);
	keep_draft(f, form);
	exec_sql(f, trigger);
	assert_int_equal(submit(f, form, &sub, &err), -1);
	assert_non_null(strstr(err.msg, "injected"));
	exec_sql(f, drop);
	assert_int_equal(n_cases(f), cases);
	assert_int_equal(n_jobs(f), jobs);
	assert_int_equal(n_drafts(f), 1); /* the clerk's typing is still there */
	yz_kv_list kv = {0};
	assert_int_equal(yz_service_draft_load(&f->s, form->id, &kv, &err), 0);
	yz_kv_free(&kv);
}

static void test_job_insert_fails(void **state)
{
	fixture *f = *state;
	fixture_resident(f, "Lin Yi");
	const yz_form *form = yz_catalogue_find(&f->cat, "residence_certificate");
	assert_non_null(form);
	refused_step(f, form,
	             "CREATE TRIGGER test_no_job BEFORE INSERT ON print_jobs"
	             " BEGIN SELECT RAISE(ABORT, 'injected: no print job'); END;",
	             "DROP TRIGGER test_no_job;");
}

static void test_draft_removal_fails(void **state)
{
	fixture *f = *state;
	fixture_resident(f, "Lin Er");
	const yz_form *form = yz_catalogue_find(&f->cat, "residence_certificate");
	assert_non_null(form);
	refused_step(f, form,
	             "CREATE TRIGGER test_no_draft_removal BEFORE DELETE ON drafts"
	             " BEGIN SELECT RAISE(ABORT, 'injected: draft kept'); END;",
	             "DROP TRIGGER test_no_draft_removal;");
}

static void test_committed_together(void **state)
{
	fixture *f = *state;
	fixture_resident(f, "Lin San");
	const yz_form *form = yz_catalogue_find(&f->cat, "residence_certificate");
	yz_submitted sub;
	yz_err err = {{0}};
	assert_non_null(form);
	keep_draft(f, form);
	long cases = n_cases(f);
	assert_int_equal(submit(f, form, &sub, &err), 0);
	/* Seen from another connection: the case, no draft, a job per paper. */
	assert_int_equal(n_cases(f), cases + 1);
	assert_int_equal(n_drafts(f), 0);
	assert_true(sub.n_docs >= 2); /* the receipt and the certificate */
	assert_string_equal(sub.docs[0], "receipt");
	assert_int_equal(
	    count_sql(f, "SELECT count(*) FROM print_jobs WHERE case_id = ?1", sub.c.id),
	    (long)sub.n_docs);
	assert_int_equal(count_sql(f,
	                           "SELECT count(*) FROM print_jobs WHERE case_id = ?1 AND"
	                           " doc = 'receipt' AND state = 'pending'",
	                           sub.c.id),
	                 1);
	for (size_t i = 0; i < sub.n_docs; i++) {
		yz_print_outcome out;
		yz_print_job j;
		assert_true(sub.jobs[i] > 0);
		assert_int_equal(yz_job_get(f->store, sub.jobs[i], &j, &err), 0);
		assert_int_equal(j.case_id, sub.c.id);
		assert_string_equal(j.doc, sub.docs[i]);
		/* Printed (saved) on that very job, not a new one. */
		if (yz_service_print_job(&f->s, sub.jobs[i], &out, &err) != 0)
			fail_msg("%s: %s", sub.docs[i], err.msg);
		assert_true(out.saved);
		assert_int_equal(out.job_id, sub.jobs[i]);
		assert_int_equal(yz_job_get(f->store, sub.jobs[i], &j, &err), 0);
		assert_int_equal(j.state, YZ_JOB_SAVED);
		/* Never twice. */
		assert_int_equal(yz_service_print_job(&f->s, sub.jobs[i], &out, &err), -1);
	}
	assert_int_equal(
	    count_sql(f, "SELECT count(*) FROM print_jobs WHERE case_id = ?1", sub.c.id),
	    (long)sub.n_docs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_job_insert_fails, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_draft_removal_fails, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_committed_together, setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
