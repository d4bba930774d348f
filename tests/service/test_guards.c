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
 *   birth, an address on record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_count.h"
#include "fixture.h"

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

/* A resident born on birth (YYYYMMDD); address may be "". */
static yz_resident resident(fixture *f, const char *name, const char *birth, const char *address)
{
	char first17[18];
	yz_resident r = {0};
	yz_err err = {{0}};
	snprintf(first17, sizeof first17, "330106%s123", birth);
	fixture_make_idno(first17, r.idno);
	snprintf(r.name, sizeof r.name, "%s", name);
	snprintf(r.address, sizeof r.address, "%s", address);
	assert_int_equal(yz_resident_add(f->store, &r, "zhangli", &err), 0);
	return r;
}

/* The form's examples, the applicant r, every material. */
static int submit(fixture *f, const char *form_id, const yz_resident *r, const char *key,
                  const char *val, bool override, yz_case *c, yz_err *err)
{
	const yz_form *form = yz_catalogue_find(&f->cat, form_id);
	const char *mats[32];
	size_t n = 0;
	yz_values v = {0};
	yz_eval_env env;
	assert_non_null(form);
	for (size_t i = 0; i < form->n_fields; i++) {
		const yz_field_def *d = &form->fields[i];
		if (d->type == YZ_FIELD_COMPUTED || d->type == YZ_FIELD_TABLE)
			continue;
		yz_values_set(&v, d->id, d->type == YZ_FIELD_RESIDENT ? r->idno : d->example);
	}
	if (key)
		yz_values_set(&v, key, val);
	yz_service_eval_env(&f->s, &env);
	for (size_t i = 0; i < form->n_fields; i++)
		if (form->fields[i].type != YZ_FIELD_COMPUTED &&
		    !yz_field_visible(&form->fields[i], &v, &env))
			yz_values_set(&v, form->fields[i].id, NULL);
	yz_form_compute(form, &v, &env);
	for (size_t i = 0; i < form->n_materials && n < 32; i++)
		mats[n++] = form->materials[i].label;
	if (override)
		yz_service_submit_override(&f->s);
	int rc = yz_service_submit(&f->s, form, &v, mats, n, c, err);
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
	yz_resident r = resident(f, "Zhou Yi", "19400101", "Wenyi Road 8");
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
	yz_resident r = resident(f, "Qian Lao", "19410202", "Wenyi Road 9");
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
	yz_resident r2 = resident(f, "Sun Lao", "19420303", "Wenyi Road 10");
	as(f, "zhangli");
	assert_int_equal(submit(f, "longevity_allowance", &r2, NULL, NULL, false, &first, &err), 0);
	assert_int_equal(yz_service_withdraw(&f->s, first.number, "moved away", &err), 0);
	assert_int_equal(submit(f, "longevity_allowance", &r2, NULL, NULL, false, &c, &err), 0);
}

static void test_residence_certificate(void **state)
{
	fixture *f = *state;
	yz_resident young = resident(f, "Li Xiao", "19950505", "Wenyi Road 11");
	yz_resident nowhere = resident(f, "Wu Ming", "19800808", "");
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

int main(void)
{
	setenv("LANGUAGE", "en", 1); /* the messages asserted are the English msgids */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_number_by_digits),
	    cmocka_unit_test(test_duplicate_guard),
	    cmocka_unit_test(test_residence_certificate),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
