/* Templates: expansion, escapes, filters, the keys a template names, and the
 * catalogue's cross-reference check of templates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static const char *lookup(const char *key, void *ctx)
{
	static const char *const kv[][2] = {
	    {"name", "\u5f20\u4e09"}, {"since", "2019-03-01"}, {"idno", "11010519491231002X"},
	    {"resident.name", "R"},   {"text", "not a date"},  {"empty", ""},
	};

	(*(int *)ctx)++;
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++)
		if (strcmp(kv[i][0], key) == 0)
			return kv[i][1];
	return NULL;
}

static void expands_to(const char *tmpl, const char *want)
{
	int calls = 0;
	char *got = yz_template_expand(tmpl, lookup, &calls);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_expand(void **state)
{
	(void)state;
	expands_to("", "");
	expands_to("no keys", "no keys");
	expands_to("{name}", "\u5f20\u4e09");
	expands_to("Hello {name}, since {since}.", "Hello \u5f20\u4e09, since 2019-03-01.");
	expands_to("{resident.name}{name}", "R\u5f20\u4e09");
	expands_to("[{missing}]", "[]");
	expands_to("[{empty}]", "[]");
	expands_to("a\n\nb {name}\n", "a\n\nb \u5f20\u4e09\n");
	/* Escapes and text that is not a reference stay as written. */
	expands_to("{{name}", "{name}");
	expands_to("{{{name}", "{\u5f20\u4e09");
	expands_to("a } b", "a } b");
	expands_to("{", "{");
	expands_to("{name", "{name");
	expands_to("{ name}", "{ name}");
	expands_to("{}", "{}");
	expands_to("{na-me}", "{na-me}");
	expands_to("{name|}", "{name|}");
	expands_to("x{", "x{");
	expands_to("{\u5f20}", "{\u5f20}");
}

static void test_filters(void **state)
{
	(void)state;
	expands_to("{since|cn}", "2019\u5e743\u67081\u65e5"); /* 2019 nian 3 yue 1 ri */
	expands_to("{text|cn}", "not a date");
	expands_to("{idno|mask}", "110105********002X");
	expands_to("{missing|cn}", "");
	expands_to("{name|nosuch}", "\u5f20\u4e09");
}

static void test_lookup_calls(void **state)
{
	int calls = 0;
	char *s;

	(void)state;
	s = yz_template_expand("{name} {{x} {since|cn} {bad", lookup, &calls);
	assert_int_equal(calls, 2);
	free(s);
	s = yz_template_expand("{name}", NULL, NULL);
	assert_string_equal(s, "");
	free(s);
	s = yz_template_expand(NULL, lookup, &calls);
	assert_string_equal(s, "");
	free(s);
}

static void test_keys(void **state)
{
	char **keys = NULL;
	size_t n;

	(void)state;
	n = yz_template_keys("{a} {{b} {c|cn} {a} {resident.name} {bad {d}", &keys);
	assert_int_equal(n, 4);
	assert_string_equal(keys[0], "a");
	assert_string_equal(keys[1], "c");
	assert_string_equal(keys[2], "resident.name");
	assert_string_equal(keys[3], "d");
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	n = yz_template_keys("nothing here", &keys);
	assert_int_equal(n, 0);
	free(keys);
}

/* A form whose certificate names the given body line, checked by the catalogue. */
static int check_body(const char *fields, const char *body, yz_diags *d)
{
	char text[2048];
	yz_catalogue cat = {0};
	yz_form *f;
	int errors;

	snprintf(text, sizeof text,
	         "form t\n    title T\n    line \u8bc1\u660e\n    authority A\n"
	         "    kind \u767b\u8bb0\n%sdocument d\n    paper receipt\n    title D\n"
	         "    body:\n        first line\n        %s\n",
	         fields, body);
	f = parse_ok("t.form", text);
	cat.forms = &f;
	cat.n_forms = 1;
	errors = yz_catalogue_check(&cat, d);
	yz_form_free(f);
	return errors;
}

static void check_fails(const char *fields, const char *body, const char *want)
{
	yz_diags d = {0};

	assert_int_equal(check_body(fields, body, &d), 1);
	assert_int_equal(d.n, 1);
	if (strcmp(d.items[0], want) != 0)
		print_message("got  %s\nwant %s\n", d.items[0], want);
	assert_string_equal(d.items[0], want);
	yz_diags_free(&d);
}

static void test_check(void **state)
{
	const char *fields = "field when date\n    label W\nfield who resident\n    label R\n"
	                     "field id idcard\n    label I\n";
	yz_diags d = {0};

	(void)state;
	assert_int_equal(
	    check_body(fields,
	               "{when?} {when|cn?} {who?} {who|mask?} {id|mask?} {resident.idno|mask} "
	               "{{x} {case.date|cn} {today_cn} {station.name} {clerk.name}",
	               &d),
	    0);
	assert_int_equal(d.n, 0);
	check_fails(fields, "ab {nosuch}",
	            "t.form:17:13: unknown key 'nosuch': it is neither a "
	            "field of this form nor a service key");
	check_fails("", "{resident.name}",
	            "t.form:11:10: 'resident.name' needs a field of type "
	            "resident in this form");
	check_fails(fields, "{who|cn}",
	            "t.form:17:10: '|cn' writes dates, and 'who' is not a date");
	check_fails(fields, "{today|mask}",
	            "t.form:17:10: '|mask' hides ID numbers, and 'today' is not an ID number");
	check_fails(fields, "{when|upper}",
	            "t.form:17:10: unknown filter in 'when': write |cn (dates), |mask (ID numbers) "
	            "or |money (amounts)");
	check_fails(fields, "\u5c45{when",
	            "t.form:17:10: a '{' that starts no {key}: write {key} or {key|filter}, or {{ "
	            "for the character {");
}

const struct CMUnitTest template_tests[] = {
    cmocka_unit_test(test_expand),       cmocka_unit_test(test_filters),
    cmocka_unit_test(test_lookup_calls), cmocka_unit_test(test_keys),
    cmocka_unit_test(test_check),
};
const size_t n_template_tests = sizeof template_tests / sizeof *template_tests;
