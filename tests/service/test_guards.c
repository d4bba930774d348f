/* Issue 12, the counter's guards in the service, on a real database and the
 * real forms/:
 * - a case number typed as this year's last digits: the year is the session
 *   clock's, the station the configured one; a missing case is told by the
 *   whole number; a case the clerk may not see names its owner, audited;
 * - the duplicate guard: a second open longevity allowance for the same
 *   resident is refused (YZ_ERR_EXISTS) with the open case's number; a
 *   complaint (repeat yes) is not; the head's override is audited, a clerk's
 *   refused;
 * - a residence certificate: the residence start not before the applicant's
 *   birth, an address on record;
 * - a submit is one transaction (the review of issue 12): two counters
 *   submitting the same item for the same resident at once (two processes,
 *   this program run again with --counter) accept one case and refuse the
 *   other; the head's second case is not kept when its audit row cannot be
 *   written; the residence start typed is written back to the registry with
 *   the case, and the case is not kept when that write fails; a refused
 *   override is audited on the household path too. Failures are made real
 *   with a trigger in the station's file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "audit_count.h"
#include "fixture.h"
#include "yz_test_paths.h"

static int setup(void **state)
{
	fixture *f = fixture_open("yzguards");
	yz_err err = {{0}};
	f->cfg.printer_a4[0] = f->cfg.printer_receipt[0] = '\0'; /* documents are saved */
	assert_int_equal(
	    yz_user_add(f->store, "wangfang", "\u738b\u82b3", "", YZ_ROLE_CLERK, "demo1234", &err),
	    0);
	assert_int_equal(
	    yz_user_add(f->store, "zhaozhan", "zhaozhan", "", YZ_ROLE_HEAD, "demo1234", &err), 0);
	*state = f;
	return 0;
}

static void as(fixture *f, const char *login)
{
	assert_int_equal(yz_user_get(f->store, login, &f->s.user, NULL), 0);
}

/* The form filled for the applicant r (fill), every material, submitted as the
 * counter does (yz_service_submit_household: members registered with it). */
static int submit(fixture *f, const char *form_id, const yz_resident *r, const char *key,
                  const char *val, bool override, yz_case *c, yz_err *err)
{
	const yz_form *form = yz_catalogue_find(&f->cat, form_id);
	const char *mats[32];
	size_t n = 0;
	yz_values v = {0};
	assert_non_null(form);
	fixture_fill_applicant(&f->s, form, r->idno, key, val, &v);
	n = fixture_all_materials(form, mats, 32);
	if (override)
		yz_service_submit_override(&f->s);
	int rc = yz_service_submit_household(&f->s, form, &v, mats, n, c, err);
	yz_values_clear(&v);
	return rc;
}

static void test_number_by_digits(void **state)
{
	fixture *f = *state;
	char no[64], want[64];
	/* The session's clock decides the year, not the computer's. */
	time_t at = 1893456000; /* 2030-01-01 00:00 UTC: 2030 in every time zone of China */
	yz_service_set_clock(&f->s, yz_clock_fixed(&at));
	assert_true(yz_service_case_number(&f->s, " 43 ", no, sizeof no));
	snprintf(want, sizeof want, "%s-2030-000043", f->cfg.station_code);
	assert_string_equal(no, want);
	yz_service_set_clock(&f->s, yz_clock_real());
	snprintf(want, sizeof want, "%s-%04d-000043", f->cfg.station_code, f->s.today.year);
	assert_true(yz_service_case_number(&f->s, "000043", no, sizeof no));
	assert_string_equal(no, want);
	/* A whole number is taken as it is; nothing or 0 is no number. */
	assert_true(yz_service_case_number(&f->s, "X1-2020-000007", no, sizeof no));
	assert_string_equal(no, "X1-2020-000007");
	assert_false(yz_service_case_number(&f->s, "   ", no, sizeof no));
	assert_false(yz_service_case_number(&f->s, "0", no, sizeof no));
	assert_false(yz_service_case_number(&f->s, "1234567", no, sizeof no) &&
	             strstr(no, "-001234567"));

	/* Opening by the digits; the missing one by its whole number. */
	yz_resident r = fixture_resident_born(f, "Zhou Yi", "19400101", "Wenyi Road 8");
	yz_case c, got;
	yz_err err = {{0}};
	as(f, "zhangli");
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, false, &c, &err), 0);
	const char *digits = strrchr(c.number, '-') + 1;
	while (*digits == '0')
		digits++;
	assert_int_equal(yz_service_case_find(&f->s, digits, &got, &err), 0);
	assert_string_equal(got.number, c.number);
	assert_int_equal(yz_service_case_find(&f->s, "999999", &got, &err), 1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	snprintf(want, sizeof want, "%s-%04d-999999", f->cfg.station_code, f->s.today.year);
	assert_non_null(strstr(err.msg, want));

	/* wangfang holds no line of it: told whose case it is, and audited. */
	long before = test_audit_count(f->cfg.db_path, "case_denied");
	as(f, "wangfang");
	assert_int_equal(yz_service_case_find(&f->s, digits, &got, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_non_null(strstr(err.msg, "\u5f20\u4e3d")); /* zhangli by name */
	assert_null(strstr(err.msg, "No case"));
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), before + 1);
	/* The lifecycle's actions go through the same door. */
	assert_int_equal(yz_service_resume(&f->s, c.number, "", &err), -1);
	assert_non_null(strstr(err.msg, "\u5f20\u4e3d"));
	as(f, "zhangli");
}

static void test_duplicate_guard(void **state)
{
	fixture *f = *state;
	yz_resident r = fixture_resident_born(f, "Qian Lao", "19410202", "Wenyi Road 9");
	yz_case first, second, c;
	yz_err err = {{0}};
	as(f, "zhangli");
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, false, &first, &err), 0);
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, false, &c, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_non_null(strstr(err.msg, first.number));
	/* A clerk cannot override (refused and audited). */
	long denied = test_audit_count(f->cfg.db_path, "case_denied");
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, true, &c, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), denied + 1);
	/* The override is for one submit only: the next is guarded again. */
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, false, &c, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);

	/* Complaints repeat: two open at once are normal. */
	assert_int_equal(submit(f, "resident_request", &r, NULL, NULL, false, &c, &err), 0);
	assert_int_equal(submit(f, "resident_request", &r, NULL, NULL, false, &c, &err), 0);

	/* The head accepts a second one; the audit log names both. */
	as(f, "zhaozhan");
	assert_int_equal(test_audit_count(f->cfg.db_path, "duplicate_override"), 0);
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, true, &second, &err), 0);
	assert_string_not_equal(second.number, first.number);
	assert_int_equal(test_audit_count(f->cfg.db_path, "duplicate_override"), 1);

	/* Once the first is closed, a new one is no duplicate. */
	yz_resident r2 = fixture_resident_born(f, "Sun Lao", "19420303", "Wenyi Road 10");
	as(f, "zhangli");
	assert_int_equal(submit(f, "longevity_allowance", &r2, NULL, NULL, false, &first, &err), 0);
	assert_int_equal(yz_service_withdraw(&f->s, first.number, "moved away", &err), 0);
	assert_int_equal(submit(f, "longevity_allowance", &r2, NULL, NULL, false, &c, &err), 0);
}

static void test_residence_certificate(void **state)
{
	fixture *f = *state;
	yz_resident young = fixture_resident_born(f, "Li Xiao", "19950505", "Wenyi Road 11");
	yz_resident nowhere = fixture_resident_born(f, "Wu Ming", "19800808", "");
	yz_case c;
	yz_err err = {{0}};
	as(f, "zhangli");
	assert_int_equal(
	    submit(f, "residence_certificate", &young, "since", "1990-01-01", false, &c, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "1995-05-05"));
	assert_int_equal(
	    submit(f, "residence_certificate", &young, "since", "1995-05-05", false, &c, &err), 0);
	assert_int_equal(
	    submit(f, "residence_certificate", &nowhere, "since", "2019-03-01", false, &c, &err),
	    -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "Wu Ming"));
	assert_non_null(strstr(err.msg, "F6"));
}

/* ---- a submit is one transaction ------------------------------------------------------ */

/* Run sql on a connection of its own to the station's file (a trigger made or
 * dropped: a real failure inside the store's own statements). */
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

/* The open cases of form_id for resident r, counted in the file. */
static long open_cases(fixture *f, const char *form_id, const yz_resident *r)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long n = -1;
	assert_int_equal(sqlite3_open(f->cfg.db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT count(*) FROM cases c JOIN residents p ON"
	                                    " p.id = c.resident_id WHERE p.idno = ?1 AND"
	                                    " c.form_id = ?2 AND c.status = 'accepted'",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(s, 1, r->idno, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, form_id, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

/* What a counter process (--counter) exits with. */
enum { COUNTER_ACCEPTED = 0, COUNTER_FAILED = 1, COUNTER_REFUSED = 10 };

/* This program run again as a counter: `--counter HOME LOGIN IDNO FD`. It opens
 * the station in HOME on a connection of its own, writes one byte to FD when
 * it is about to submit, then submits a longevity allowance for IDNO as
 * LOGIN. */
static int counter_main(char **argv)
{
	yz_config cfg;
	yz_catalogue cat;
	yz_diags d = {0};
	yz_err err = {{0}};
	yz_store *st = NULL;
	yz_case c;
	yz_values v = {0};
	const char *mats[32];
	size_t n = 0;
	int rc = COUNTER_FAILED;

	yz_config_defaults(&cfg, argv[2]);
	if (yz_store_open(cfg.db_path, &st, &err) != 0 ||
	    yz_catalogue_load(YZ_SOURCE_ROOT "/forms", YZ_SOURCE_ROOT "/data/vocab",
	                      yz_clock_today(NULL), &cat, &d) != 0) {
		fprintf(stderr, "counter: %s\n", err.msg);
		return COUNTER_FAILED;
	}
	yz_session s = {.cfg = &cfg, .store = st, .cat = &cat};
	const yz_form *form = yz_catalogue_find(&cat, "longevity_allowance");
	yz_service_set_clock(&s, yz_clock_real());
	if (form && yz_user_get(st, argv[3], &s.user, &err) == 0) {
		fixture_fill_applicant(&s, form, argv[4], NULL, NULL, &v);
		n = fixture_all_materials(form, mats, 32);
		if (write(atoi(argv[5]), "r", 1) == 1 &&
		    yz_service_submit(&s, form, &v, mats, n, &c, &err) == 0)
			rc = COUNTER_ACCEPTED;
		else if (err.code == YZ_ERR_EXISTS)
			rc = COUNTER_REFUSED;
		printf("%s: %s\n", argv[3], rc == COUNTER_ACCEPTED ? c.number : err.msg);
	}
	yz_values_clear(&v);
	yz_diags_free(&d);
	yz_catalogue_free(&cat);
	yz_store_close(st);
	return rc;
}

/* Start a counter process for login; its pid. */
static pid_t counter_start(fixture *f, const char *login, const yz_resident *r, int fd)
{
	char fdbuf[16];
	snprintf(fdbuf, sizeof fdbuf, "%d", fd);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl("/proc/self/exe", "test_guards", "--counter", f->home, login, r->idno, fdbuf,
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int counter_wait(pid_t pid)
{
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* Two counters submit the same item for the same resident at the same moment:
 * while a write is under way (the test holds the lock), both get as far as
 * they can, then go on together. One case is accepted; the other counter is
 * refused with it, never a second open case. */
static void test_duplicate_race(void **state)
{
	fixture *f = *state;
	yz_resident r = fixture_resident_born(f, "Zheng Lao", "19400404", "Wenyi Road 12");
	yz_err err = {{0}};
	int ready[2];
	char byte;

	assert_int_equal(pipe(ready), 0);
	assert_int_equal(yz_store_begin(f->store, &err), 0); /* the write under way */
	pid_t a = counter_start(f, "zhangli", &r, ready[1]);
	pid_t b = counter_start(f, "wangfang", &r, ready[1]);
	close(ready[1]);
	assert_int_equal(read(ready[0], &byte, 1), 1);
	assert_int_equal(read(ready[0], &byte, 1), 1);
	close(ready[0]);
	usleep(1000 * 1000); /* both are in their submit, waiting for the lock */
	yz_store_rollback(f->store);
	int ra = counter_wait(a), rb = counter_wait(b);
	assert_int_equal(open_cases(f, "longevity_allowance", &r), 1);
	assert_true((ra == COUNTER_ACCEPTED && rb == COUNTER_REFUSED) ||
	            (ra == COUNTER_REFUSED && rb == COUNTER_ACCEPTED));
}

/* The head's second case and its audit row are one: no row, no case. */
static void test_override_audit_fails(void **state)
{
	fixture *f = *state;
	yz_resident r = fixture_resident_born(f, "Feng Lao", "19400505", "Wenyi Road 13");
	yz_case first, c;
	yz_err err = {{0}};
	as(f, "zhangli");
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, false, &first, &err), 0);
	as(f, "zhaozhan");
	exec_sql(f, "CREATE TRIGGER test_no_override BEFORE INSERT ON audit"
	            " WHEN NEW.action = 'duplicate_override'"
	            " BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;");
	long before = test_audit_count(f->cfg.db_path, "duplicate_override");
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, true, &c, &err), -1);
	assert_non_null(strstr(err.msg, "audit log could not be written"));
	assert_int_equal(open_cases(f, "longevity_allowance", &r), 1);
	exec_sql(f, "DROP TRIGGER test_no_override;");
	/* With the audit log back, the same override is kept, with its row. */
	assert_int_equal(submit(f, "longevity_allowance", &r, NULL, NULL, true, &c, &err), 0);
	assert_int_equal(open_cases(f, "longevity_allowance", &r), 2);
	assert_int_equal(test_audit_count(f->cfg.db_path, "duplicate_override"), before + 1);
	as(f, "zhangli");
}

/* One number, one source: the residence start typed on a residence
 * certificate reaches the registry with the case, whoever submits it; when it
 * cannot be written, the case is not kept either. */
static void test_write_back_with_case(void **state)
{
	fixture *f = *state;
	yz_resident r = fixture_resident_born(f, "Chu Yi", "19900606", "Wenyi Road 14"), got;
	yz_change h[16];
	size_t n = 0;
	yz_case c;
	yz_err err = {{0}};
	as(f, "zhangli");
	assert_int_equal(
	    submit(f, "residence_certificate", &r, "since", "2001-02-03", false, &c, &err), 0);
	assert_int_equal(yz_resident_by_idno(f->store, r.idno, &got, &err), 0);
	assert_string_equal(got.since, "2001-02-03");
	assert_int_equal(yz_history_list(f->store, "resident", got.id, h, 16, &n, &err), 0);
	bool named = false;
	for (size_t i = 0; i < n; i++)
		named |= !strcmp(h[i].field, "since") && !strcmp(h[i].case_no, c.number);
	assert_true(named);

	exec_sql(f, "CREATE TRIGGER test_no_since BEFORE UPDATE ON residents"
	            " WHEN NEW.since <> OLD.since"
	            " BEGIN SELECT RAISE(ABORT, 'registry unavailable'); END;");
	long cases = test_audit_count(f->cfg.db_path, "case_created");
	assert_int_equal(
	    submit(f, "residence_certificate", &r, "since", "2002-03-04", false, &c, &err), -1);
	assert_non_null(strstr(err.msg, "record could not be updated"));
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_created"), cases);
	exec_sql(f, "DROP TRIGGER test_no_since;");
	assert_int_equal(yz_resident_by_idno(f->store, r.idno, &got, &err), 0);
	assert_string_equal(got.since, "2001-02-03");
}

/* A household item (its members registered in the submit's transaction):
 * the guard holds, a clerk's override is refused and that refusal stays in the
 * audit log, the head's override is kept with its row. */
static void test_household_guard(void **state)
{
	fixture *f = *state;
	yz_resident r = fixture_resident_born(f, "Wei Da", "19700707", "Wenyi Road 15");
	yz_case first, c;
	yz_err err = {{0}};
	as(f, "zhangli");
	assert_int_equal(submit(f, "subsistence_allowance", &r, NULL, NULL, false, &first, &err),
	                 0);
	assert_int_equal(submit(f, "subsistence_allowance", &r, NULL, NULL, false, &c, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_non_null(strstr(err.msg, first.number));
	long denied = test_audit_count(f->cfg.db_path, "case_denied");
	assert_int_equal(submit(f, "subsistence_allowance", &r, NULL, NULL, true, &c, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), denied + 1);
	as(f, "zhaozhan");
	long overrides = test_audit_count(f->cfg.db_path, "duplicate_override");
	assert_int_equal(submit(f, "subsistence_allowance", &r, NULL, NULL, true, &c, &err), 0);
	assert_int_equal(open_cases(f, "subsistence_allowance", &r), 2);
	assert_int_equal(test_audit_count(f->cfg.db_path, "duplicate_override"), overrides + 1);
	as(f, "zhangli");
}

/* The income of the person with idno in the file ("" when none; "-" when not
 * registered). */
static void income_of(fixture *f, const char *idno, char out[32])
{
	yz_resident got;
	yz_err err = {{0}};
	int rc = yz_resident_by_idno(f->store, idno, &got, &err);
	assert_true(rc >= 0);
	snprintf(out, 32, "%s", rc == 0 ? got.income : "-");
}

/* A household item writes each member's monthly income to the registry in
 * the submit's transaction: a registry that refuses the update keeps no case
 * and registers nobody; otherwise the applicant's and a new member's incomes
 * are kept, the history naming the case. */
static void test_income_write_back(void **state)
{
	fixture *f = *state;
	yz_resident r = fixture_resident_born(f, "\u94b1\u4e8c", "19720808", "Wenyi Road 16");
	const yz_form *form = yz_catalogue_find(&f->cat, "subsistence_allowance");
	const char *mats[32];
	char spouse[19], income[32];
	size_t n = 0;
	yz_case c;
	yz_err err = {{0}};
	yz_values v = {0};
	assert_non_null(form);
	fixture_make_idno("33010619740309124", spouse);
	fixture_fill_applicant(&f->s, form, r.idno, NULL, NULL, &v);
	yz_table_set(&v, "members", 1, "name", r.name);
	yz_table_set(&v, "members", 1, "idno", r.idno);
	yz_table_set(&v, "members", 1, "relation", "\u672c\u4eba");
	yz_table_set(&v, "members", 1, "income", "1200");
	yz_table_add_row(&v, "members");
	yz_table_set(&v, "members", 2, "name", "\u94b1\u4e09");
	yz_table_set(&v, "members", 2, "idno", spouse);
	yz_table_set(&v, "members", 2, "relation", "\u914d\u5076");
	yz_table_set(&v, "members", 2, "income", "800.5");
	n = fixture_all_materials(form, mats, 32);
	as(f, "zhangli");

	exec_sql(f, "CREATE TRIGGER test_no_income BEFORE UPDATE ON residents"
	            " WHEN NEW.income <> OLD.income"
	            " BEGIN SELECT RAISE(ABORT, 'registry unavailable'); END;");
	long cases = test_audit_count(f->cfg.db_path, "case_created");
	assert_int_equal(yz_service_submit_household(&f->s, form, &v, mats, n, &c, &err), -1);
	if (!strstr(err.msg, "registry unavailable"))
		fail_msg("%s", err.msg);
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_created"), cases);
	assert_int_equal(open_cases(f, "subsistence_allowance", &r), 0);
	income_of(f, r.idno, income);
	assert_string_equal(income, "");
	income_of(f, spouse, income);
	assert_string_equal(income, "-"); /* not registered either */
	exec_sql(f, "DROP TRIGGER test_no_income;");

	assert_int_equal(yz_service_submit_household(&f->s, form, &v, mats, n, &c, &err), 0);
	income_of(f, r.idno, income);
	assert_string_equal(income, "1200.00");
	income_of(f, spouse, income);
	assert_string_equal(income, "800.50");
	yz_change h[16];
	size_t nh = 0;
	yz_resident got;
	assert_int_equal(yz_resident_by_idno(f->store, r.idno, &got, &err), 0);
	assert_int_equal(yz_history_list(f->store, "resident", got.id, h, 16, &nh, &err), 0);
	bool named = false;
	for (size_t i = 0; i < nh; i++)
		named |= !strcmp(h[i].field, "income") && !strcmp(h[i].new, "1200.00") &&
		         !strcmp(h[i].case_no, c.number);
	assert_true(named);
	yz_values_clear(&v);
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "--counter") == 0)
		return counter_main(argv);
	setenv("LANGUAGE", "en", 1); /* the messages asserted are the English msgids */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_number_by_digits),
	    cmocka_unit_test(test_duplicate_guard),
	    cmocka_unit_test(test_residence_certificate),
	    cmocka_unit_test(test_duplicate_race),
	    cmocka_unit_test(test_override_audit_fails),
	    cmocka_unit_test(test_write_back_with_case),
	    cmocka_unit_test(test_household_guard),
	    cmocka_unit_test(test_income_write_back),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
