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
/* Render d as a PDF on paper (it must start as a PDF does) into dir/name;
 * its path (free it). */
char *t_render_pdf(const yz_doc *d, yz_paper paper, const char *dir, const char *name);
/* The number of pages of the PDF at path (pdfinfo). */
int t_pdf_pages(const char *path);
/* One text line of a PDF, as pdftotext -bbox-layout gives it. */
typedef struct t_bline {
	int page;              /* its page, 1 = the first */
	double x0, y0, x1, y1; /* its box in points, y from the page's top */
	char text[512];        /* its words, joined without spaces */
} t_bline;
/* Every text line of the PDF at path; *n gets how many (free the array). */
t_bline *t_text_lines(const char *path, size_t *n);
/* The text of page p of the PDF at path (pdftotext's reading order), malloc'd. */
char *t_page_text(const char *path, int p);
/* The seal area (the dashed square) of page (1 = the first) of the PDF at
 * path, from pdftocairo's SVG; false when the page has none. */
bool t_seal_rect(const char *path, int page, double *x0, double *y0, double *x1, double *y1);
/* Whether line l's box and the rectangle overlap. */
bool t_overlaps(const t_bline *l, double x0, double y0, double x1, double y1);
/* Write a file; returns 0 or -1. */
int t_write(const char *path, const unsigned char *data, size_t len);
/* Read a whole file (malloc'd) or NULL. */
unsigned char *t_read(const char *path, size_t *len);

#endif
