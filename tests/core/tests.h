/* The groups of core tests; main.c runs them all. */
#ifndef YZ_TEST_CORE_H
#define YZ_TEST_CORE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

int run_date_tests(void);
int run_idcard_tests(void);
int run_caseno_tests(void);
int run_money_tests(void);
int run_calendar_tests(void);

#endif
