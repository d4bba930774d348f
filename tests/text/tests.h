/* The groups of text tests; main.c runs them all. */
#ifndef YZ_TEST_TEXT_H
#define YZ_TEST_TEXT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

int run_utf8_tests(void);
int run_width_tests(void);
int run_sanitize_tests(void);
int run_conv_tests(void);
int run_pinyin_tests(void);
int run_err_tests(void);

/* Sample strings written as escapes because sources stay ASCII/English only. */
#define EXTB_20000 "\xF0\xA0\x80\x80" /* U+20000, CJK Ext-B */
#define EXTB_2A6A5 "\xF0\xAA\x9A\xA5" /* U+2A6A5, last of Ext-B */
#define MIDDOT     "\xC2\xB7"         /* U+00B7, used in minority names */
#define HAN_ZHANG  "\xE5\xBC\xA0"     /* U+5F20 */
#define HAN_SAN    "\xE4\xB8\x89"     /* U+4E09 */

#endif
