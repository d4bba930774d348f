/* The field types of issue 3: valid, invalid and edge values, normalisation,
 * the new keys in form files, pages and workflow checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static yz_field_def field(yz_field_type t)
{
	return (yz_field_def){.id = "f", .label = "Amount", .type = t};
}

static void ok(const yz_field_def *f, const char *value)
{
	yz_err err = {{0}};
	bool valid = yz_field_validate(f, value, TODAY, &err);

	if (!valid)
		print_message("unexpected error for '%s': %s\n", value, err.msg);
	assert_true(valid);
}

static void bad(const yz_field_def *f, const char *value, const char *part)
{
	yz_err err = {{0}};
	bool valid = yz_field_validate(f, value, TODAY, &err);

	if (valid || strstr(err.msg, part) == NULL)
		print_message("value '%s': got \"%s\", want \"%s\"\n", value, err.msg, part);
	assert_false(valid);
	assert_non_null(strstr(err.msg, part));
	assert_int_equal(strncmp(err.msg, "Amount: ", 8), 0);
}

static void norm_is(const yz_field_def *f, const char *typed, const char *want)
{
	char *n = yz_field_normalize(f, typed);

	assert_non_null(n);
	if (strcmp(n, want) != 0)
		print_message("'%s' → '%s', want '%s'\n", typed, n, want);
	assert_string_equal(n, want);
	free(n);
}

static void test_money(void **state)
{
	yz_field_def f = field(YZ_FIELD_MONEY);

	(void)state;
	ok(&f, "0");
	ok(&f, "1234.5");
	ok(&f, "1234.50");
	ok(&f, "-3.00");
	bad(&f, "1.234", "at most 2 decimals");
	bad(&f, "abc", "write an amount in yuan");
	bad(&f, "1,000", "write an amount");
	bad(&f, ".5", "write an amount");
	f.has_min = true;
	f.min = 0;
	f.has_max = true;
	f.max = 100000000; /* 1,000,000.00 */
	bad(&f, "-0.01", "at least 0.00 yuan");
	ok(&f, "1000000");
	bad(&f, "1000000.01", "at most 1,000,000.00 yuan");
	norm_is(&f, " 1200 ", "1200.00");
	norm_is(&f, "0.5", "0.50");
	norm_is(&f, "x1", "x1");
}

static void test_integer(void **state)
{
	yz_field_def f = field(YZ_FIELD_INTEGER);

	(void)state;
	ok(&f, "0");
	ok(&f, "-12");
	ok(&f, "999999999999");
	bad(&f, "1.5", "write a whole number");
	bad(&f, "9999999999999", "write a whole number");
	bad(&f, "-", "write a whole number");
	f.has_min = f.has_max = true;
	f.min = 1;
	f.max = 10;
	bad(&f, "0", "at least 1");
	bad(&f, "11", "at most 10");
	ok(&f, "10");
	norm_is(&f, "007", "7");
	norm_is(&f, "+3", "3");
}

static void test_multichoice(void **state)
{
	char *opts[] = {"\u533b\u7597", "\u6559\u80b2", "\u4f4f\u623f"};
	yz_field_def f = field(YZ_FIELD_MULTICHOICE);

	(void)state;
	f.options = opts;
	f.n_options = 3;
	ok(&f, "\u533b\u7597");
	ok(&f, "\u533b\u7597" YZ_MULTI_SEP "\u4f4f\u623f");
	bad(&f, "\u533b\u7597" YZ_MULTI_SEP "x", "'x' is not one of the listed options");
	bad(&f, "\u533b\u7597" YZ_MULTI_SEP "\u533b\u7597", "is chosen twice");
	bad(&f, "\u533b\u7597" YZ_MULTI_SEP, "'' is not one");
	norm_is(&f, "1 3", "\u533b\u7597" YZ_MULTI_SEP "\u4f4f\u623f");
	norm_is(&f, "1,2", "\u533b\u7597" YZ_MULTI_SEP "\u6559\u80b2");
	norm_is(&f, "9", "9");
}

static void test_address_and_others(void **state)
{
	yz_field_def f = field(YZ_FIELD_ADDRESS);
	char wide[41 * 3 + 1] = "";

	(void)state;
	ok(&f, "\u5317\u4eac\u5e02\u6d77\u6dc0\u533a 1 \u53f7");
	for (int i = 0; i < 41; i++)
		strcat(wide, "\u8def");
	bad(&f, wide, "at most 80 columns"); /* 82 columns */
	f.width = 10;
	bad(&f, "\u5317\u4eac\u5e02\u6d77\u6dc0\u533a", "at most 10 columns");
	bad(&f, "a\x1b[31m", "control characters");
	f.type = YZ_FIELD_COMPUTED;
	ok(&f, "anything");
	f.type = YZ_FIELD_TABLE;
	ok(&f, "");
	f.type = YZ_FIELD_YESNO;
	norm_is(&f, "Y", "yes");
	norm_is(&f, "\u5426", "no");
	f.type = YZ_FIELD_DATE;
	norm_is(&f, "20240301", "2024-03-01");
	f.type = YZ_FIELD_IDCARD;
	norm_is(&f, "11010519491231002x", "11010519491231002X");
}

static void test_fixture_model(void **state)
{
	yz_form *f = load_fixture("household.form");
	const yz_field_def *m = yz_form_field(f, "members");

	(void)state;
	assert_int_equal(f->n_pages, 2);
	assert_string_equal(f->pages[0].title, "\u7533\u8bf7\u4eba");
	assert_int_equal(f->pages[0].first, 0);
	assert_int_equal(f->pages[0].n_fields, 7);
	assert_int_equal(f->pages[1].n_fields, f->n_fields - 7);
	assert_int_equal(m->page, 1);
	assert_int_equal(m->type, YZ_FIELD_TABLE);
	assert_int_equal(m->n_columns, 4);
	assert_int_equal(m->min_rows, 1);
	assert_int_equal(m->max_rows, 8);
	assert_string_equal(m->columns[2].id, "income");
	assert_int_equal(m->columns[2].type, YZ_FIELD_MONEY);
	assert_true(m->columns[3].has_max);
	assert_int_equal(m->columns[3].max, 150);
	assert_int_equal(yz_form_field(f, "other_income")->max, 10000000);
	assert_int_equal(yz_form_field(f, "per_capita")->format, YZ_FORMAT_MONEY);
	assert_string_equal(yz_expr_source(yz_form_field(f, "total")->expr),
	                    "sum(members.income) + other_income");
	assert_int_equal(f->n_rules, 1);
	assert_int_equal(f->n_states, 4);
	assert_true(yz_form_state(f, "approved")->terminal);
	assert_int_equal(yz_form_state(f, "received")->n_next, 2);
	assert_string_equal(f->documents[0].kind, "notice");
	{
		yz_catalogue cat = {.forms = &f, .n_forms = 1};
		yz_diags d = {0};
		int errors = yz_catalogue_check(&cat, &d);
		print_diags(&d);
		assert_int_equal(errors, 0);
		yz_diags_free(&d);
	}
	yz_form_free(f);
}

static const char header[] = "form t\n    title T\n    line \u8bc1\u660e\n    authority A\n"
                             "    kind \u5373\u529e\u4ef6\n";

/* Parse header + body and run the checker; returns all messages joined. */
static char *messages(const char *body)
{
	char text[4096];
	yz_diags d = {0};
	yz_form *f;
	char *out = calloc(1, 8192);

	snprintf(text, sizeof text, "%s%s", header, body);
	f = yz_form_parse("t.form", text, strlen(text), yz_clock_today(NULL), test_vocab(), &d);
	if (f) {
		yz_catalogue cat = {.forms = &f, .n_forms = 1};
		yz_catalogue_check(&cat, &d);
		yz_form_free(f);
	}
	for (size_t i = 0; i < d.n; i++) {
		strcat(out, d.items[i]);
		strcat(out, "\n");
	}
	yz_diags_free(&d);
	return out;
}

static void msg_is(const char *body, const char *want)
{
	char *got = messages(body);

	if (strcmp(got, want) != 0)
		print_message("--- got\n%s--- want\n%s", got, want);
	assert_string_equal(got, want);
	free(got);
}

static void test_workflow(void **state)
{
	(void)state;
	msg_is("state a\n    label A\n    next b\nstate b\n    label B\n    terminal yes\n", "");
	msg_is("state a\n    label A\n    next b\nstate b\n    label B\n    terminal yes\n"
	       "state c\n    label C\n    next b\n",
	       "t.form:12:1: state 'c' cannot be reached from the first state 'a'\n");
	msg_is("state a\n    label A\n    next b zz\nstate b\n    label B\n    terminal yes\n",
	       "t.form:8:12: state 'a' moves to unknown state 'zz': add a 'state zz' block or "
	       "correct the name\n");
	msg_is("state a\n    label A\nstate a\n    label B\n    terminal yes\n",
	       "t.form:8:7: duplicate state id 'a' (first on line 6)\n");
	msg_is("state a\n    label A\n",
	       "t.form:6:1: state 'a' leads nowhere: add 'next <state>' or 'terminal yes'\n");
}

static void test_new_keys_errors(void **state)
{
	(void)state;
	msg_is("field a money\n    label A\n    min 10\n    max 5\n",
	       "t.form:6:1: field 'a': min is larger than max\n");
	msg_is("field a money\n    label A\n    min 1.234\n",
	       "t.form:8:9: bad value '1.234': write an amount in yuan, such as 1050 or 1050.50\n");
	msg_is("field a text\n    label A\n    min 1\n",
	       "t.form:8:5: 'min' is not used by text fields\n");
	msg_is("field a computed\n    label A\n",
	       "t.form:6:1: computed field 'a' has no 'expr' line: add one\n");
	msg_is("field a computed\n    label A\n    expr b + 1\nfield b computed\n    label B\n"
	       "    expr a * 2\n",
	       "t.form:8:10: computed fields refer to each other in a circle: break the circle\n");
	msg_is("field a table\n    label A\n",
	       "t.form:6:1: table field 'a' has no columns: add 'column <id> <type>' lines\n");
	msg_is("field a table\n    label A\n    column x text\n        label X\n"
	       "    column x integer\n        label Y\n",
	       "t.form:10:12: duplicate column id 'x' (first on line 8)\n");
	msg_is("field a table\n    label A\n    column x memo\n        label X\n",
	       "t.form:8:14: a table column cannot be of type memo\n");
	msg_is("field a table\n    label A\n    column x text\n        colour red\n",
	       "t.form:8:1: column 'x' has no 'label' line: add one\n"
	       "t.form:9:9: unknown key 'colour' in a column block: write one of label, help, "
	       "required, width, option, not_future, min, max, example\n");
	msg_is("field a text\n    label A\n    visible_if a + 1\n",
	       "t.form:8:16: arithmetic needs numbers, not text\n");
	msg_is("field a integer\n    label A\n    visible_if a + 1\n",
	       "t.form:8:16: 'visible_if' needs a condition such as age(idno) >= 60, not a "
	       "number\n");
	msg_is("rule r\n    when 1 > 2\n    message {nosuch} {settings.std|money}\n",
	       "t.form:8:14: unknown key 'nosuch': a rule message may name fields of this form and "
	       "settings.<name>\n");
	msg_is("page P\n", "t.form:6:1: page 'P' has no fields: write field blocks below it\n");
	msg_is("field a multichoice\n    label A\n",
	       "t.form:6:1: multichoice field 'a' has no options: add 'option ...' lines\n");
	msg_is("document d\n    paper a4\n    kind letter\n    title T\n    body:\n        x\n",
	       "t.form:8:10: bad value 'letter': write one of certificate, notice, receipt\n");
}

/* The example key: kept in the model, checked against its own field. */
static void test_examples(void **state)
{
	static const char body[] =
	    "field a choice\n    label A\n    example Two\n    option One\n    option Two\n"
	    "field m table\n    label M\n    column n integer\n        label N\n"
	    "        example 7\n        max 9\n";
	char text[1024];
	yz_diags d = {0};
	yz_form *f;
	char *got;

	(void)state;
	snprintf(text, sizeof text, "%s%s", header, body);
	f = yz_form_parse("t.form", text, strlen(text), yz_clock_today(NULL), test_vocab(), &d);
	assert_non_null(f);
	assert_string_equal(f->fields[0].example, "Two");
	assert_int_equal(f->fields[0].example_line, 8);
	assert_string_equal(f->fields[1].columns[0].example, "7");
	assert_null(f->fields[1].example);
	yz_form_free(f);
	yz_diags_free(&d);

	/* Checked when the block ends, so options given after it count. */
	got = messages("field a choice\n    label A\n    example Three\n    option One\n");
	assert_non_null(strstr(got, "t.form:8:13: the example 'Three' is not a valid value: A:"));
	free(got);
	got = messages("field m table\n    label M\n    column n integer\n        label N\n"
	               "        example 12\n        max 9\n");
	assert_non_null(strstr(got, "t.form:10:17: the example '12' is not a valid value: N:"));
	free(got);
	got = messages("field d date\n    label D\n    not_future yes\n    example 2999-01-01\n");
	assert_non_null(strstr(got, "t.form:9:13: the example '2999-01-01' is not a valid value"));
	free(got);
	got = messages("field i idcard\n    label I\n    example 110101199001010010\n");
	assert_non_null(strstr(got, "t.form:8:13: the example '110101199001010010'"));
	free(got);
	msg_is("field a table\n    label A\n    example x\n    column x text\n        label X\n",
	       "t.form:8:5: 'example' is not used by table fields\n");
	msg_is("field a computed\n    label A\n    expr 1\n    example 1\n",
	       "t.form:9:5: 'example' is not used by computed fields\n");
}

const struct CMUnitTest types_tests[] = {
    cmocka_unit_test(test_money),           cmocka_unit_test(test_integer),
    cmocka_unit_test(test_multichoice),     cmocka_unit_test(test_address_and_others),
    cmocka_unit_test(test_fixture_model),   cmocka_unit_test(test_workflow),
    cmocka_unit_test(test_new_keys_errors), cmocka_unit_test(test_examples),
};
const size_t n_types_tests = sizeof types_tests / sizeof *types_tests;
