/* Shared declarations of the form module's test files. */
#ifndef YZ_TEST_FORM_H
#define YZ_TEST_FORM_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "yizhan/form.h"
#include "yz_test_paths.h"

/* A date used as "today" throughout: fixed, so that tests never depend on the clock. */
#define TODAY ((yz_date){2025, 6, 15})

/* The source tree's data/vocab (kinds and business lines), read once. */
#define VOCAB_DIR YZ_SOURCE_ROOT "/data/vocab"
const yz_form_vocab *test_vocab(void);

/* Parse text as a form named name; fails the test on any error. */
yz_form *parse_ok(const char *name, const char *text);

/* Print diagnostics (to see what went wrong when a test fails). */
void print_diags(const yz_diags *d);

extern const struct CMUnitTest form_tests[];
extern const size_t n_form_tests;
extern const struct CMUnitTest validate_tests[];
extern const size_t n_validate_tests;
extern const struct CMUnitTest template_tests[];
extern const size_t n_template_tests;
/* Load tests/form/fixtures/NAME; fails the test on any error. */
yz_form *load_fixture(const char *name);

extern const struct CMUnitTest expr_tests[];
extern const size_t n_expr_tests;
extern const struct CMUnitTest types_tests[];
extern const size_t n_types_tests;
extern const struct CMUnitTest engine_tests[];
extern const size_t n_engine_tests;
extern const struct CMUnitTest broken_tests[];
extern const size_t n_broken_tests;
extern const struct CMUnitTest line_tests[];
extern const size_t n_line_tests;
/* The ledger language (test_ledger.c); setup reads the real catalogue. */
extern const struct CMUnitTest ledger_tests[];
extern const size_t n_ledger_tests;
int ledger_setup(void **state);
/* The survey language and the engine's quick mode (test_survey.c, issue 18). */
extern const struct CMUnitTest survey_tests[];
extern const size_t n_survey_tests;
int ledger_teardown(void **state);

#endif
