/* The groups of the tui widget tests; main.c runs them all. */
#ifndef YZ_TEST_TUI_H
#define YZ_TEST_TUI_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

int run_list_tests(void);
int run_choice_tests(void);
int run_wrap_tests(void);

#endif
