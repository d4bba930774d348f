/* The whole service catalogue through the service layer: every form of forms/
 * is filled with the example values its file gives for each field (tables with
 * two rows of column examples), must pass yz_form_validate_full and become a
 * case through yz_service_submit, on a real SQLite file. Then the important
 * rules of each form are broken one at a time and must block with their
 * message, showing the figures. Nothing is printed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "yizhan/service.h"
#include "yz_config.h"

/* The station settings the catalogue's expressions use, with the values the
 * negative cases below expect in the messages. */
static const char *const settings[][2] = {
    {"dibao_standard", "1240.00"},      {"temp_aid_max", "7440.00"},
    {"temp_aid_urgent_max", "3000.00"}, {"housing_income_line", "2480.00"},
    {"housing_area_line", "15"},        {"rental_min_area", "5"},
};

static int setup(void **state)
{
	fixture *f = fixture_open("yzcat");
	for (size_t i = 0; i < sizeof settings / sizeof *settings; i++)
		assert_true(yz_config_set_setting(&f->cfg, settings[i][0], settings[i][1]));
	/* the documents print the station's phone: a paper never has a blank (issue 13) */
	snprintf(f->cfg.station_phone, sizeof f->cfg.station_phone, "0571-88886666");
	*state = f;
	return 0;
}

/* A valid ID number of someone born on date (YYYYMMDD) of the given sex. */
static void make_idno(const char *yyyymmdd, bool female, char out[19])
{
	char first17[18];

	snprintf(first17, sizeof first17, "330106%s12%c", yyyymmdd, female ? '2' : '1');
	memcpy(out, first17, 17);
	out[17] = yz_idcard_check_char(first17);
	out[18] = '\0';
}

/* An ID number of someone who is `years` old today (born on 1 January). */
static void idno_of_age(const fixture *f, int years, bool female, char out[19])
{
	char birth[9];

	snprintf(birth, sizeof birth, "%04d0101", f->s.today.year - years);
	make_idno(birth, female, out);
}

static const yz_form *form_of(fixture *f, const char *id)
{
	const yz_form *form = yz_catalogue_find(&f->cat, id);

	if (form == NULL)
		fail_msg("forms/ has no form %s", id);
	return form;
}

/* The catalogue the brief asks for (subsistence_allowance is tested by its
 * own screen tests, but it is in the folder and filled below like the rest). */
static void test_catalogue_complete(void **state)
{
	static const char *const ids[] = {
	    "residence_certificate", "kinship_certificate",       "family_finance_certificate",
	    "consent_letter",        "subsistence_allowance",     "extreme_poverty_support",
	    "temporary_assistance",  "low_rent_housing",          "longevity_allowance",
	    "disability_subsidies",  "unemployment_registration", "employment_difficulty",
	    "public_welfare_job",    "vocational_training",       "resident_pension",
	    "medical_insurance",     "pension_certification",     "birth_registration",
	    "migrant_registration",  "rental_house_filing",       "resident_request",
	    "dispute_mediation",     "policy_consultation",       "volunteer_registration",
	    "volunteer_hours",
	};
	fixture *f = *state;
	yz_diags d = {0};

	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		form_of(f, ids[i]);
	assert_int_equal(yz_catalogue_check(&f->cat, &d), 0);
	yz_diags_free(&d);
	/* Every item that is forwarded or followed up has a workflow to follow. */
	for (size_t i = 0; i < f->cat.n_forms; i++) {
		const yz_form *form = f->cat.forms[i];
		bool tracked = strcmp(form->kind, "承诺件") == 0 || strcmp(form->kind, "诉求") == 0;
		if (tracked && form->n_states == 0)
			fail_msg("%s is a %s item without workflow states", form->id, form->kind);
	}
}

/* Submits v; returns the service's result, err set. */
static int submit(fixture *f, const yz_form *form, const yz_values *v, yz_case *c, yz_err *err)
{
	const char *mats[32];
	size_t n = fixture_all_materials(form, mats, 32);

	return yz_service_submit(&f->s, form, v, mats, n, c, err);
}

static void test_every_form_accepts_its_examples(void **state)
{
	fixture *f = *state;
	yz_eval_env env;

	yz_service_eval_env(&f->s, &env);
	for (size_t i = 0; i < f->cat.n_forms; i++) {
		const yz_form *form = f->cat.forms[i];
		yz_values v = {0};
		yz_form_error where;
		yz_err err = {{0}};
		yz_case c;

		fixture_fill_examples(f, form, &v);
		if (!yz_form_validate_full(form, &v, &env, &where, &err))
			fail_msg("%s: the examples do not validate (field %ld, rule %ld): %s",
			         form->id, where.field, where.rule, err.msg);
		if (submit(f, form, &v, &c, &err) != 0)
			fail_msg("%s: submit failed: %s", form->id, err.msg);
		assert_string_equal(c.form_id, form->id);
		assert_string_equal(c.item, form->title);
		assert_true(strlen(c.number) > 10);
		assert_int_equal(c.status,
		                 form->promise_days == 0 ? YZ_CASE_DONE : YZ_CASE_ACCEPTED);
		yz_values_clear(&v);
	}
}

/* Fills form id with its examples, applies the changes (key, value pairs, a
 * NULL value removes), and expects submit to be blocked with a message that
 * holds every one of want (NULL terminated). */
static void expect_blocked(fixture *f, const char *id, const char *const *changes,
                           const char *const *want)
{
	const yz_form *form = form_of(f, id);
	yz_values v = {0};
	yz_eval_env env;
	yz_err err = {{0}};
	yz_case c;

	yz_service_eval_env(&f->s, &env);
	fixture_fill_examples(f, form, &v);
	for (size_t i = 0; changes[i]; i += 2) {
		yz_values_set(&v, changes[i], changes[i + 1]);
		if (changes[i + 1] && yz_form_field(form, changes[i]) &&
		    yz_form_field(form, changes[i])->type == YZ_FIELD_RESIDENT)
			fixture_ensure_resident(f, changes[i + 1], NULL, NULL);
	}
	yz_form_compute(form, &v, &env);
	if (yz_form_validate_full(form, &v, &env, NULL, &err))
		fail_msg("%s: %s = %s was not blocked", id, changes[0],
		         changes[1] ? changes[1] : "(empty)");
	for (size_t i = 0; want[i]; i++)
		if (strstr(err.msg, want[i]) == NULL)
			fail_msg("%s: the message \"%s\" lacks \"%s\"", id, err.msg, want[i]);
	assert_int_equal(submit(f, form, &v, &c, &err), -1);
	yz_values_clear(&v);
}

#define CHANGES(...) ((const char *const[]){__VA_ARGS__, NULL, NULL})
#define WANT(...)    ((const char *const[]){__VA_ARGS__, NULL})

static void test_longevity_allowance(void **state)
{
	fixture *f = *state;
	const yz_form *form = form_of(f, "longevity_allowance");
	char id70[19], id92[19];
	yz_values v = {0};
	yz_eval_env env;

	idno_of_age(f, 70, false, id70);
	expect_blocked(f, "longevity_allowance", CHANGES("resident", id70),
	               WANT("70 周岁", "未满 80 周岁"));
	/* The bracket follows the age read from the ID number. */
	yz_service_eval_env(&f->s, &env);
	idno_of_age(f, 92, true, id92);
	fixture_fill_examples(f, form, &v);
	yz_values_set(&v, "resident", id92);
	yz_form_compute(form, &v, &env);
	assert_string_equal(yz_values_get(&v, "age_now"), "92");
	assert_false(yz_field_visible(yz_form_field(form, "bracket_80"), &v, &env));
	assert_true(yz_field_visible(yz_form_field(form, "bracket_90"), &v, &env));
	assert_false(yz_field_visible(yz_form_field(form, "bracket_100"), &v, &env));
	assert_string_equal(yz_values_get(&v, "bracket_90"), "90-99周岁");
	yz_values_clear(&v);
}

static void test_employment_difficulty_4050(void **state)
{
	fixture *f = *state;
	const yz_form *form = form_of(f, "employment_difficulty");
	char woman35[19], man45[19], woman40[19], man50[19];
	yz_eval_env env;
	yz_err err = {{0}};

	idno_of_age(f, 35, true, woman35);
	idno_of_age(f, 45, false, man45);
	expect_blocked(f, "employment_difficulty", CHANGES("resident", woman35),
	               WANT("女性", "35 周岁", "未满 40 周岁"));
	expect_blocked(f, "employment_difficulty", CHANGES("resident", man45),
	               WANT("男性", "45 周岁", "未满 50 周岁"));
	expect_blocked(f, "employment_difficulty", CHANGES("registered", "no"), WANT("失业登记"));
	/* Exactly 40 (women) and 50 (men) qualify. */
	yz_service_eval_env(&f->s, &env);
	idno_of_age(f, 40, true, woman40);
	idno_of_age(f, 50, false, man50);
	for (int i = 0; i < 2; i++) {
		yz_values v = {0};
		fixture_fill_examples(f, form, &v);
		yz_values_set(&v, "resident", i == 0 ? woman40 : man50);
		yz_form_compute(form, &v, &env);
		if (!yz_form_validate_full(form, &v, &env, NULL, &err))
			fail_msg("4050 at the boundary refused: %s", err.msg);
		yz_values_clear(&v);
	}
}

static void test_assistance_rules(void **state)
{
	fixture *f = *state;
	char id41[19];

	expect_blocked(f, "temporary_assistance", CHANGES("urgent", "no", "amount", "9000"),
	               WANT("9,000.00", "7,440.00"));
	expect_blocked(f, "temporary_assistance", CHANGES("amount", "5000"),
	               WANT("5,000.00", "3,000.00"));
	expect_blocked(f, "temporary_assistance",
	               CHANGES("aid_type", "支出型", "expense_kind", "医疗", "expense", "18000"),
	               WANT("急难型"));
	expect_blocked(f, "low_rent_housing", CHANGES("members.1.income", "5000"),
	               WANT("3,400.00", "2,480.00"));
	expect_blocked(f, "low_rent_housing", CHANGES("housing_area", "60"),
	               WANT("30 平方米", "15 平方米"));
	expect_blocked(f, "low_rent_housing", CHANGES("other_house", "yes"), WANT("住房"));
	idno_of_age(f, 41, false, id41);
	expect_blocked(f, "extreme_poverty_support", CHANGES("resident", id41),
	               WANT("41 周岁", "60 周岁"));
	expect_blocked(f, "extreme_poverty_support", CHANGES("monthly_income", "2000"),
	               WANT("2,000.00", "1,240.00"));
}

static void test_disability_and_insurance_rules(void **state)
{
	fixture *f = *state;
	char id14[19];

	expect_blocked(f, "disability_subsidies", CHANGES("grade", "三级"),
	               WANT("肢体残疾三级", "一级、二级"));
	expect_blocked(f, "disability_subsidies", CHANGES("family", "其他"), WANT("低保家庭"));
	idno_of_age(f, 14, true, id14);
	expect_blocked(f, "resident_pension", CHANGES("resident", id14),
	               WANT("14 周岁", "16 周岁"));
	expect_blocked(f, "resident_pension", CHANGES("in_school", "yes"), WANT("在校学生"));
	expect_blocked(f, "resident_pension", CHANGES("employee_pension", "yes"),
	               WANT("职工养老保险"));
	expect_blocked(f, "medical_insurance", CHANGES("employee_insured", "yes"),
	               WANT("职工医保"));
	expect_blocked(f, "pension_certification", CHANGES("present", "no"), WANT("不在场"));
	expect_blocked(f, "unemployment_registration", CHANGES("resident", id14), WANT("14 周岁"));
	expect_blocked(f, "vocational_training", CHANGES("trained_this_year", "yes"),
	               WANT("培训补贴"));
	expect_blocked(f, "public_welfare_job", CHANGES("certified", "no"),
	               WANT("就业困难人员认定"));
}

static void test_other_rules(void **state)
{
	fixture *f = *state;
	char tomorrow[11], id16[19];

	yz_date_format(yz_date_from_days(yz_date_to_days(f->s.today) + 1), tomorrow);
	expect_blocked(f, "volunteer_hours", CHANGES("activity_on", tomorrow), WANT("活动日期"));
	expect_blocked(f, "volunteer_hours", CHANGES("hours", "13"), WANT("服务时长"));
	idno_of_age(f, 16, false, id16);
	expect_blocked(f, "volunteer_registration",
	               CHANGES("resident", id16, "guardian_consent", "no"),
	               WANT("16 周岁", "监护人同意"));
	expect_blocked(f, "consent_letter", CHANGES("people", "1200"), WANT("1200 人", "安全许可"));
	expect_blocked(f, "consent_letter", CHANGES("end_on", "2027-06-01"),
	               WANT("2027-06-01", "2027-06-05"));
	expect_blocked(f, "rental_house_filing", CHANGES("area", "8"),
	               WANT("4 平方米", "5 平方米"));
	expect_blocked(f, "rental_house_filing", CHANGES("lease_to", "2026-08-01"),
	               WANT("2026-08-01"));
	expect_blocked(f, "dispute_mediation", CHANGES("in_court", "yes"), WANT("人民调解范围"));
	expect_blocked(f, "dispute_mediation", CHANGES("parties.rows", "1"), WANT("当事人"));
	expect_blocked(f, "family_finance_certificate", CHANGES("school", NULL), WANT("就读学校"));
	expect_blocked(f, "residence_certificate", CHANGES("purpose", "其他", "purpose_note", NULL),
	               WANT("用途说明"));
	expect_blocked(f, "migrant_registration", CHANGES("landlord_name", NULL), WANT("房东姓名"));
	expect_blocked(f, "policy_consultation", CHANGES("answered", "no", "phone", NULL),
	               WANT("联系电话"));
}

/* A consultation whose asker does not register is taken all the same, under
 * "anonymous"; a form whose applicant is required still refuses without one. */
static void test_anonymous_consultation(void **state)
{
	fixture *f = *state;
	yz_values v = {0};
	yz_err err = {{0}};
	yz_case c;
	const yz_form *form = form_of(f, "policy_consultation");

	fixture_fill_examples(f, form, &v);
	yz_values_set(&v, "resident", NULL);
	yz_values_set(&v, "phone", NULL);
	assert_int_equal(submit(f, form, &v, &c, &err), 0);
	assert_int_equal(c.resident_id, 0);
	assert_string_equal(c.resident_name, "anonymous");
	assert_string_equal(c.resident_idno, "");
	/* its receipt and answer slip are made without a registry record */
	const char *docs[] = {"receipt", "slip"};
	for (size_t i = 0; i < 2; i++) {
		yz_doc *d = yz_service_build_doc(&f->s, c.number, docs[i], &err);
		if (!d)
			fail_msg("%s: %s", docs[i], err.msg);
		yz_doc_free(d);
	}
	yz_values_clear(&v);
	/* not answered on the spot: a phone number is needed to call back */
	fixture_fill_examples(f, form, &v);
	yz_values_set(&v, "resident", NULL);
	yz_values_set(&v, "answered", "no");
	yz_values_set(&v, "phone", NULL);
	assert_int_not_equal(submit(f, form, &v, &c, &err), 0);
	yz_values_clear(&v);

	form = form_of(f, "residence_certificate");
	fixture_fill_examples(f, form, &v);
	yz_values_set(&v, "resident", NULL);
	memset(&err, 0, sizeof err);
	assert_int_not_equal(submit(f, form, &v, &c, &err), 0);
	assert_true(err.msg[0] != '\0');
	yz_values_clear(&v);
}

/* A stored field as the case view and `cases show` give it: table cells under
 * their table, row and column; ID numbers masked; yes/no in words. */
static void test_field_shown(void **state)
{
	fixture *f = *state;
	const yz_form *form = form_of(f, "subsistence_allowance");
	char label[256], buf[19];
	const char *text;

	text = yz_service_field_shown(form, "members.2.idno", "330106197408221248", label,
	                              sizeof label, buf);
	assert_string_equal(label, "共同生活的家庭成员 2·身份证号");
	assert_string_equal(text, "330106********1248");
	text = yz_service_field_shown(form, "members.rows", "3", label, sizeof label, buf);
	assert_string_equal(label, "共同生活的家庭成员 (rows)");
	assert_string_equal(text, "3");
	text = yz_service_field_shown(form, "vehicle", "no", label, sizeof label, buf);
	assert_string_equal(text, "no");
	assert_string_not_equal(label, "vehicle");
	/* keys the form does not know, and no form at all: as stored */
	text = yz_service_field_shown(form, "members.x.idno", "1", label, sizeof label, buf);
	assert_string_equal(label, "members.x.idno");
	text = yz_service_field_shown(NULL, "purpose", "子女入学", label, sizeof label, buf);
	assert_string_equal(label, "purpose");
	/* a long value (a memo) comes back whole, not cut to a buffer */
	char memo[3000];
	memset(memo, 'a', sizeof memo - 1);
	memo[sizeof memo - 1] = '\0';
	assert_ptr_equal(
	    yz_service_field_shown(form, "vehicle_note", memo, label, sizeof label, buf), memo);
	assert_string_equal(text, "子女入学");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_catalogue_complete, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_every_form_accepts_its_examples, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_longevity_allowance, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_employment_difficulty_4050, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_assistance_rules, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_disability_and_insurance_rules, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_other_rules, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_field_shown, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_anonymous_consultation, setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
