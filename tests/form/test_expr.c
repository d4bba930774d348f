/* Expressions: precedence, exact money arithmetic, rounding of quotients,
 * aggregates over tables, age()/sex(), conditions, settings, and the errors a
 * form file gets when it is loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "yz_test_paths.h"

yz_form *load_fixture(const char *name)
{
	char path[1024];
	yz_diags d = {0};
	yz_form *f;

	snprintf(path, sizeof path, "%s/tests/form/fixtures/%s", YZ_SOURCE_ROOT, name);
	f = yz_form_load(path, yz_clock_today(NULL), test_vocab(), &d);
	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_non_null(f);
	yz_diags_free(&d);
	return f;
}

static const char *settings(const char *name, void *ctx)
{
	(void)ctx;
	return strcmp(name, "dibao_standard") == 0 ? "1050" : NULL;
}

static const yz_eval_env env = {{2025, 6, 15}, settings, NULL};

/* Evaluate src against f and v; returns the value. */
static yz_xval eval_ok(const yz_form *f, const yz_values *v, const char *src)
{
	yz_diags d = {0};
	yz_expr *e = yz_expr_parse(f, src, "x", 1, 1, &d);
	yz_err err = {{0}};
	yz_xval r;

	print_diags(&d);
	assert_non_null(e);
	if (!yz_expr_eval(e, v, &env, &r, &err))
		print_message("%s: %s\n", src, err.msg);
	assert_true(yz_expr_eval(e, v, &env, &r, &err));
	yz_expr_free(e);
	yz_diags_free(&d);
	return r;
}

static void num_is(const yz_form *f, const yz_values *v, const char *src, int64_t want)
{
	yz_xval r = eval_ok(f, v, src);

	if (r.kind != YZ_X_NUM || r.num != want)
		print_message("%s: got kind %d num %lld, want %lld\n", src, r.kind,
		              (long long)r.num, (long long)want);
	assert_int_equal(r.kind, YZ_X_NUM);
	assert_int_equal(r.num, want);
}

static void bool_is(const yz_form *f, const yz_values *v, const char *src, bool want)
{
	yz_xval r = eval_ok(f, v, src);

	assert_int_equal(r.kind, YZ_X_BOOL);
	if (r.b != want)
		print_message("%s: want %d\n", src, want);
	assert_int_equal(r.b, want);
}

/* Asserts that src does not compile, with a message containing part. */
static void parse_fails(const yz_form *f, const char *src, const char *want)
{
	yz_diags d = {0};
	yz_expr *e = yz_expr_parse(f, src, "x.form", 3, 10, &d);

	assert_null(e);
	assert_int_equal(d.n, 1);
	if (strstr(d.items[0], want) == NULL)
		print_message("%s: got %s, want %s\n", src, d.items[0], want);
	assert_non_null(strstr(d.items[0], want));
	yz_diags_free(&d);
}

static void test_arithmetic(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_values v = {0};

	(void)state;
	num_is(f, &v, "1 + 2 * 3", 700);
	num_is(f, &v, "(1 + 2) * 3", 900);
	num_is(f, &v, "10 - 4 - 3", 300);
	num_is(f, &v, "-2 * -3", 600);
	num_is(f, &v, "0.1 + 0.2", 30); /* exact: 0.30, not 0.30000000000000004 */
	num_is(f, &v, "1.05 * 3", 315);
	num_is(f, &v, "10 / 3", 333);   /* 3.333… → 3.33 */
	num_is(f, &v, "20 / 3", 667);   /* 6.666… → 6.67 */
	num_is(f, &v, "0.05 / 2", 3);   /* 0.025 → 0.03: half away from zero */
	num_is(f, &v, "-0.05 / 2", -3); /* → -0.03 */
	num_is(f, &v, "0.5 * 0.05", 3); /* 0.025 → 0.03 */
	num_is(f, &v, "settings.dibao_standard * 2", 210000);
	assert_int_equal(eval_ok(f, &v, "1 / 0").kind, YZ_X_EMPTY);
	yz_form_free(f);
}

static void test_tables(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_values v = {0};

	(void)state;
	num_is(f, &v, "count(members)", 0);
	num_is(f, &v, "sum(members.income)", 0);
	assert_int_equal(eval_ok(f, &v, "max(members.income)").kind, YZ_X_EMPTY);
	yz_table_add_row(&v, "members");
	yz_table_add_row(&v, "members");
	yz_table_add_row(&v, "members");
	yz_table_set(&v, "members", 1, "income", "1200.10");
	yz_table_set(&v, "members", 2, "income", "0.20");
	/* row 3: no income typed */
	num_is(f, &v, "count(members)", 300);
	num_is(f, &v, "count(members.income)", 200);
	num_is(f, &v, "sum(members.income)", 120030);
	num_is(f, &v, "min(members.income)", 20);
	num_is(f, &v, "max(members.income)", 120010);
	num_is(f, &v, "sum(members.income) / count(members)", 40010);
	/* An empty amount beside a typed one counts as 0. */
	num_is(f, &v, "sum(members.income) + other_income", 120030);
	yz_table_delete_row(&v, "members", 1);
	assert_int_equal(yz_table_rows(&v, "members"), 2);
	assert_string_equal(yz_table_get(&v, "members", 1, "income"), "0.20");
	assert_null(yz_table_get(&v, "members", 3, "income"));
	num_is(f, &v, "sum(members.income)", 20);
	yz_values_clear(&v);
	yz_form_free(f);
}

static void test_conditions(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_values v = {0};

	(void)state;
	bool_is(f, &v, "1 < 2 and 2 < 3", true);
	bool_is(f, &v, "1 > 2 or not 2 > 3", true);
	bool_is(f, &v, "not 1 = 1 or 1 = 1 and 2 = 3", false); /* and binds tighter */
	bool_is(f, &v, "1.5 >= 1.50", true);
	bool_is(f, &v, "1 != 1", false);
	bool_is(f, &v, "empty(phone)", true);
	bool_is(f, &v, "empty(members)", true);
	bool_is(f, &v, "reason = \"\u5176\u4ed6\"", false); /* empty is not equal to text */
	bool_is(f, &v, "reason != \"\u5176\u4ed6\"", true);
	bool_is(f, &v, "rooms > 1", false); /* comparisons with empty are false */
	yz_values_set(&v, "reason", "\u5176\u4ed6");
	yz_values_set(&v, "phone", "13800138000");
	yz_values_set(&v, "rooms", "3");
	bool_is(f, &v, "reason = \"\u5176\u4ed6\"", true);
	bool_is(f, &v, "empty(phone)", false);
	bool_is(f, &v, "rooms >= 3 and rooms < 4", true);
	/* 11010519491231002X: born 1949-12-31, female. */
	yz_values_set(&v, "applicant", "11010519491231002X");
	num_is(f, &v, "age(applicant)", 7500);
	bool_is(f, &v, "sex(applicant) = \"\u5973\"", true);
	bool_is(f, &v, "age(applicant) >= 60 and sex(applicant) = \"\u5973\"", true);
	yz_values_clear(&v);
	yz_form_free(f);
}

static void test_settings_missing(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_values v = {0};
	yz_diags d = {0};
	yz_expr *e = yz_expr_parse(f, "settings.nosuch + 1", "x", 1, 1, &d);
	yz_err err = {{0}};
	yz_xval r;

	(void)state;
	assert_non_null(e);
	assert_false(yz_expr_eval(e, &v, &env, &r, &err));
	assert_non_null(strstr(err.msg, "station setting 'nosuch' is not set"));
	yz_expr_free(e);
	yz_form_free(f);
}

static void test_errors(void **state)
{
	yz_form *f = load_fixture("household.form");

	(void)state;
	parse_fails(f, "nosuch + 1", "x.form:3:10: unknown field 'nosuch' in the expression");
	parse_fails(f, "1 + name", "x.form:3:14: arithmetic needs numbers, not text");
	parse_fails(f, "name = 3", "x.form:3:15: cannot compare text with a number");
	parse_fails(f, "sum(name)", "sum() takes a number column of a table");
	parse_fails(f, "sum(members.name)", "sum() takes a number column of a table");
	parse_fails(f, "sum(members.nosuch)", "table 'members' has no column 'nosuch'");
	parse_fails(f, "members.income > 1", "can only be used inside sum()");
	parse_fails(f, "members > 1", "'members' is a table: use count(members)");
	parse_fails(f, "age(name)", "age() takes an ID number field");
	parse_fails(f, "avg(members.income)", "unknown function 'avg'");
	parse_fails(f, "(1 + 2", "missing ')'");
	parse_fails(f, "1 +", "the expression ends too early");
	parse_fails(f, "1 2", "unexpected '2' after the expression");
	parse_fails(f, "0.125 * 2", "two decimals at most");
	parse_fails(f, "\"abc", "closing");
	parse_fails(f, "1 and 2", "'and' and 'or' join conditions, not a number");
	parse_fails(f, "not 3", "'not' needs a condition");
	parse_fails(f, "1 # 2", "x.form:3:12: unexpected '# 2' after the expression");
	yz_form_free(f);
}

static void test_deep_nesting(void **state)
{
	yz_form *f = load_fixture("household.form");
	char src[1000];
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 300; i++)
		src[n++] = '(';
	src[n++] = '1';
	for (int i = 0; i < 300; i++)
		src[n++] = ')';
	src[n] = '\0';
	parse_fails(f, src, "nested too deeply");
	yz_form_free(f);
}

static void test_compute_and_rule(void **state)
{
	yz_form *f = load_fixture("household.form");
	yz_values v = {0};
	yz_form_error w;
	yz_err err = {{0}};

	(void)state;
	yz_values_set(&v, "applicant", "11010519491231002X");
	yz_values_set(&v, "name", "\u738b\u82b3");
	yz_values_set(&v, "reason", "\u56e0\u75c5");
	for (int r = 1; r <= 3; r++) {
		yz_table_add_row(&v, "members");
		yz_table_set(&v, "members", r, "name", "\u674e\u56db");
		yz_table_set(&v, "members", r, "income", "1200");
	}
	assert_true(yz_form_compute(f, &v, &env));
	assert_string_equal(yz_values_get(&v, "total"), "3600.00");
	assert_string_equal(yz_values_get(&v, "per_capita"), "1200.00");
	assert_string_equal(yz_values_get(&v, "applicant_age"), "75");
	assert_false(yz_form_compute(f, &v, &env)); /* nothing changes twice */
	assert_false(yz_form_validate_full(f, &v, &env, &w, &err));
	assert_int_equal(w.rule, 0);
	assert_string_equal(err.msg, "\u5bb6\u5ead\u6708\u4eba\u5747\u6536\u5165 1,200.00 \u5143"
	                             "\uff0c\u9ad8\u4e8e\u672c\u5730\u4f4e\u4fdd\u6807\u51c6 "
	                             "1,050.00 \u5143\uff0c\u4e0d\u7b26\u5408\u4f4e\u4fdd\u6761"
	                             "\u4ef6");
	yz_table_set(&v, "members", 1, "income", "900");
	yz_table_set(&v, "members", 2, "income", "900");
	yz_table_set(&v, "members", 3, "income", "900.50");
	yz_form_compute(f, &v, &env);
	assert_string_equal(yz_values_get(&v, "per_capita"), "900.17"); /* 2700.50/3 */
	assert_true(yz_form_validate_full(f, &v, &env, &w, &err));
	/* Without the station setting the rule cannot be checked: it blocks. */
	assert_false(yz_form_validate_full(f, &v, &(yz_eval_env){TODAY, NULL, NULL}, &w, &err));
	assert_non_null(strstr(err.msg, "dibao_standard"));
	yz_values_clear(&v);
	yz_form_free(f);
}

static void test_visible_required_if(void **state)
{
	yz_form *f = load_fixture("household.form");
	const yz_field_def *note = yz_form_field(f, "reason_note");
	yz_values v = {0};
	yz_form_error w;
	yz_err err = {{0}};

	(void)state;
	yz_values_set(&v, "applicant", "11010519491231002X");
	yz_values_set(&v, "name", "\u738b\u82b3");
	yz_values_set(&v, "reason", "\u56e0\u75c5");
	yz_table_add_row(&v, "members");
	yz_table_set(&v, "members", 1, "name", "\u738b\u82b3");
	assert_false(yz_field_visible(note, &v, &env));
	assert_false(yz_field_required_now(note, &v, &env));
	assert_true(yz_form_validate_full(f, &v, &env, &w, &err));
	yz_values_set(&v, "reason", "\u5176\u4ed6");
	assert_true(yz_field_visible(note, &v, &env));
	assert_true(yz_field_required_now(note, &v, &env));
	assert_false(yz_form_validate_full(f, &v, &env, &w, &err));
	assert_int_equal(w.field, note - f->fields);
	assert_non_null(strstr(err.msg, "this is required"));
	/* A table row with a missing required cell points at the cell. */
	yz_values_set(&v, "reason_note", "x");
	yz_table_add_row(&v, "members");
	assert_false(yz_form_validate_full(f, &v, &env, &w, &err));
	assert_int_equal(w.row, 2);
	assert_int_equal(w.col, 0);
	assert_non_null(strstr(err.msg, ", row 2: "));
	yz_values_clear(&v);
	yz_form_free(f);
}

/* A form with dates for if(), add_months() and days(). */
static yz_form *dates_form(void)
{
	return parse_ok("dates.form", "form dates_test\n"
	                              "    title T\n"
	                              "    line \u793e\u4f1a\u6551\u52a9\n"
	                              "    authority \u793e\u533a\n"
	                              "    kind \u5373\u529e\u4ef6\n"
	                              "    promise 0\n"
	                              "field start date\n"
	                              "    label S\n"
	                              "field end date\n"
	                              "    label E\n"
	                              "field amount money\n"
	                              "    label A\n"
	                              "field note text\n"
	                              "    label N\n"
	                              "field review computed\n"
	                              "    label R\n"
	                              "    expr add_months(start, 12)\n"
	                              "field waited computed\n"
	                              "    label W\n"
	                              "    expr days(start, end)\n"
	                              "    format integer\n"
	                              "field band computed\n"
	                              "    label B\n"
	                              "    expr if(amount > 100, \"high\", \"low\")\n");
}

/* The text of a value borrows from the expression: compared before it is freed. */
static void text_is(const yz_form *f, const yz_values *v, const char *src, const char *want)
{
	yz_diags d = {0};
	yz_expr *e = yz_expr_parse(f, src, "x", 1, 1, &d);
	yz_err err = {{0}};
	yz_xval r;

	print_diags(&d);
	assert_non_null(e);
	assert_true(yz_expr_eval(e, v, &env, &r, &err));
	if (r.kind != YZ_X_TEXT || strcmp(r.text, want) != 0)
		print_message("%s: got kind %d, want %s\n", src, r.kind, want);
	assert_int_equal(r.kind, YZ_X_TEXT);
	assert_string_equal(r.text, want);
	yz_expr_free(e);
	yz_diags_free(&d);
}

static void test_add_months_days(void **state)
{
	yz_form *f = dates_form();
	yz_values v = {0};

	(void)state;
	text_is(f, &v, "add_months(\"2026-01-31\", 1)", "2026-02-28"); /* the month's last day */
	text_is(f, &v, "add_months(\"2024-01-31\", 1)", "2024-02-29"); /* a leap year */
	text_is(f, &v, "add_months(\"2026-03-31\", -1)", "2026-02-28");
	text_is(f, &v, "add_months(\"2026-11-15\", 2)", "2027-01-15");
	text_is(f, &v, "add_months(\"2026-01-15\", -13)", "2024-12-15");
	text_is(f, &v, "add_months(\"2026-05-20\", 0)", "2026-05-20");
	text_is(f, &v, "add_months(\"2026-05-20\", 1.5)", "2026-07-20"); /* 1.5 rounds to 2 */
	num_is(f, &v, "days(\"2026-01-01\", \"2026-12-31\")", 36400);
	num_is(f, &v, "days(\"2024-02-28\", \"2024-03-01\")", 200);
	num_is(f, &v, "days(\"2026-03-01\", \"2026-02-01\")", -2800);
	num_is(f, &v, "days(\"2026-01-31\", add_months(\"2026-01-31\", 1))", 2800);
	/* Empty dates give empty values; so do impossible ones. */
	assert_int_equal(eval_ok(f, &v, "add_months(start, 1)").kind, YZ_X_EMPTY);
	assert_int_equal(eval_ok(f, &v, "days(start, \"2026-01-01\")").kind, YZ_X_EMPTY);
	yz_values_set(&v, "start", "2026-02-30");
	assert_int_equal(eval_ok(f, &v, "add_months(start, 1)").kind, YZ_X_EMPTY);
	yz_values_set(&v, "start", "2026-08-31");
	yz_values_set(&v, "end", "2026-09-30");
	text_is(f, &v, "add_months(start, 6)", "2027-02-28");
	num_is(f, &v, "days(start, end)", 3000);
	bool_is(f, &v, "add_months(start, 1) = end", true);
	bool_is(f, &v, "add_months(start, 1) < add_months(end, 1)", true);
	/* Beyond the years a date may have: empty. */
	assert_int_equal(eval_ok(f, &v, "add_months(start, 12000)").kind, YZ_X_EMPTY);
	/* In a computed field. */
	yz_form_compute(f, &v, &env);
	assert_string_equal(yz_values_get(&v, "review"), "2027-08-31");
	assert_string_equal(yz_values_get(&v, "waited"), "30");
	yz_values_clear(&v);
	yz_form_free(f);
}

static void test_if(void **state)
{
	yz_form *f = dates_form();
	yz_values v = {0};

	(void)state;
	text_is(f, &v, "if(amount > 100, \"high\", \"low\")", "low"); /* empty: not > 100 */
	yz_values_set(&v, "amount", "150");
	text_is(f, &v, "if(amount > 100, \"high\", \"low\")", "high");
	num_is(f, &v, "if(amount > 100, amount - 100, 0) * 2", 10000);
	num_is(f, &v, "if(amount > 200, 1, if(amount > 100, 2, 3))", 200);
	bool_is(f, &v, "if(empty(note), amount > 100, amount > 1000)", true);
	text_is(f, &v, "if(empty(start), \"2026-01-01\", start)", "2026-01-01");
	yz_form_compute(f, &v, &env);
	assert_string_equal(yz_values_get(&v, "band"), "high");
	assert_null(yz_values_get(&v, "review")); /* no start date */
	yz_values_clear(&v);
	yz_form_free(f);
}

static void test_new_function_errors(void **state)
{
	yz_form *f = dates_form();

	(void)state;
	parse_fails(f, "if(1, 2, 3)",
	            "x.form:3:13: the first value of if() is a condition, not a number");
	parse_fails(
	    f, "if(amount > 1, 2, \"x\")",
	    "x.form:3:28: the two values of if() must be of one type, not a number and text");
	parse_fails(
	    f, "if(amount > 1, 2)",
	    "x.form:3:26: if() takes 3 values separated by commas: if(condition, value when "
	    "true, value when false)");
	parse_fails(f, "add_months(note, 1)", "x.form:3:21: add_months() takes a date first");
	parse_fails(f, "add_months(\"2026-13-01\", 1)", "add_months() takes a date first");
	parse_fails(f, "add_months(start, \"x\")",
	            "x.form:3:28: add_months() takes a number of months second, not text");
	parse_fails(f, "days(start)", "x.form:3:20: days() takes 2 values separated by commas");
	parse_fails(f, "days(start, amount)", "x.form:3:22: days() takes two dates");
	parse_fails(f, "days(start, end", "days() takes 2 values separated by commas");
	parse_fails(f, "avg(amount)",
	            "unknown function 'avg': use sum, count, min, max, age, sex, empty, if, "
	            "add_months, days or has");
	yz_form_free(f);
}

const struct CMUnitTest expr_tests[] = {
    cmocka_unit_test(test_arithmetic),
    cmocka_unit_test(test_tables),
    cmocka_unit_test(test_conditions),
    cmocka_unit_test(test_settings_missing),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_deep_nesting),
    cmocka_unit_test(test_compute_and_rule),
    cmocka_unit_test(test_visible_required_if),
    cmocka_unit_test(test_add_months_days),
    cmocka_unit_test(test_if),
    cmocka_unit_test(test_new_function_errors),
};
const size_t n_expr_tests = sizeof expr_tests / sizeof *expr_tests;
