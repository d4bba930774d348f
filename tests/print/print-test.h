/* Shared by the print tests: sample documents and small helpers. Chinese test
 * text is written with \u escapes (sources stay ASCII). */
#ifndef YZ_PRINT_TEST_H
#define YZ_PRINT_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <time.h>
#include <setjmp.h>
#include <cmocka.h>

#include "yizhan/print.h"

/* U+5F20 U+4E09: a common name */
#define T_NAME "\u5f20\u4e09"
/* U+738B U+20BB7: a name whose second character is in CJK Ext-B (outside GBK) */
#define T_RARE_NAME "\u738b\U00020BB7"
#define T_RARE_CHAR "\U00020BB7"
#define T_CASE_NO   "310101001-2025-000123"
/* U+5C45 U+4F4F U+8BC1 U+660E: residence certificate */
#define T_ITEM "\u5c45\u4f4f\u8bc1\u660e"

/* The acceptance receipt of issue 2, with the given resident name. */
yz_doc *t_receipt_doc(const char *name);
/* A certificate for A4, with the given resident name. */
yz_doc *t_certificate_doc(const char *name);

/* The acceptance receipt of issue 6 (station, window, case number, item,
 * masked ID, materials, promised date, clerk and phone, verification code,
 * QR of case number and code). */
yz_doc *t_acceptance_doc(const char *name);
/* The household sheet: a title, the head of household, a member table with a
 * long remark, small print and a signature line. */
yz_doc *t_household_doc(void);
/* A ledger of rows table rows (to run over several pages). */
yz_doc *t_ledger_doc(int rows);
/* The fixed creation date of sample PDFs (2025-03-04 00:00:00 UTC). */
#define T_CREATED ((time_t)1741046400)

/* Position of needle in hay, or -1. */
long t_find(const unsigned char *hay, size_t n, const void *needle, size_t m);
/* Occurrences of needle in hay. */
int t_count(const unsigned char *hay, size_t n, const void *needle, size_t m);
/* Run a shell command and return its standard output (malloc'd). */
char *t_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write a file; returns 0 or -1. */
int t_write(const char *path, const unsigned char *data, size_t len);
/* Read a whole file (malloc'd) or NULL. */
unsigned char *t_read(const char *path, size_t *len);

#endif
