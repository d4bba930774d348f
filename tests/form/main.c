/* Runs every group of the form module's tests. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tests.h"

void print_diags(const yz_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  %s\n", d->items[i]);
}

const yz_form_vocab *test_vocab(void)
{
	static yz_form_vocab v;
	static bool loaded;
	yz_err err = {0};

	if (!loaded && yz_form_vocab_load(VOCAB_DIR, &v, &err) != 0)
		fail_msg("%s", err.msg);
	loaded = true;
	return &v;
}

yz_form *parse_ok(const char *name, const char *text)
{
	yz_diags d = {0};
	yz_form *f =
	    yz_form_parse(name, text, strlen(text), yz_clock_today(NULL), test_vocab(), &d);

	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_non_null(f);
	yz_diags_free(&d);
	return f;
}

int main(void)
{
	int failed = 0;

	/* Display widths come from wcwidth(), which needs a UTF-8 locale. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "the C.UTF-8 locale is missing\n");
		return 1;
	}
	failed += _cmocka_run_group_tests("form", form_tests, n_form_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("validate", validate_tests, n_validate_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("template", template_tests, n_template_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("expr", expr_tests, n_expr_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("types", types_tests, n_types_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("engine", engine_tests, n_engine_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("broken", broken_tests, n_broken_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("line", line_tests, n_line_tests, NULL, NULL);
	failed += _cmocka_run_group_tests("ledger", ledger_tests, n_ledger_tests, ledger_setup,
	                                  ledger_teardown);
	failed += _cmocka_run_group_tests("survey", survey_tests, n_survey_tests, NULL, NULL);
	return failed != 0;
}
