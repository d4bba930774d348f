/* Internal to the report writers (src/service/report*.c): what the model
 * gives each output, so that xlsx, CSV and the paper say the same. */
#ifndef YZ_SERVICE_REPORT_INT_H
#define YZ_SERVICE_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/service/report.h"

/* A canonical number ("1234.50", "-3", "12.5": a sign, digits, up to two
 * decimals) in hundredths; false for anything else (text, "", "1e5"). */
bool rpt_hundredths(const char *s, int64_t *out);

/* Whether a column of this kind holds numbers (right-aligned on paper). */
bool rpt_numeric(yz_cell_kind kind);

/* A cell as people read it (a percentage with its "%"), into buf; cell
 * itself when it needs no change. */
const char *rpt_shown(yz_cell_kind kind, const char *cell, char *buf, size_t n);

/* The display width column c wants: its set width, else that of its widest
 * cell as shown (header included; CJK counts two), at least 4, at most 60. */
int rpt_col_width(const yz_report *r, size_t c);

/* The line under the title: the station and the period, in the paper's
 * language (malloc'd; NULL on ENOMEM). */
char *rpt_station_line(const yz_report *r);

/* What is printed beside signature label i: made_by beside the first,
 * made_on beside the paper's "Date"; NULL for a line to sign on. */
const char *rpt_sign_value(const yz_report *r, size_t i);

/* The signature line of a spreadsheet: "label: value   label: ____ ..."
 * (malloc'd; NULL on ENOMEM or when there are no labels). */
char *rpt_sign_line(const yz_report *r);

/* The name of the group a SUBTOTAL row at index row closes (the last GROUP
 * row above it), or NULL. */
const char *rpt_group_of(const yz_report *r, size_t row);

/* The guard every writer of a file passes first: built false (the report or
 * the document ran out of memory) is YZ_ERR_NO_MEMORY; no path, or one
 * yz_outfile_check refuses, is told before the work. 0, or -1 with err.
 * yz_report_write, yz_report_book_write and the survey's report use it. */
int rpt_write_check(bool built, const char *path, yz_err *err);

/* The writers, after rpt_write_check passed. */
int rpt_write_xlsx(const yz_report *r, const char *path, yz_err *err);
/* The same for a workbook of n sheets (yz_report_book_write, after its
 * checks). */
int rpt_write_book(const yz_report *const *sheets, size_t n, const char *path, yz_err *err);
int rpt_write_csv(const yz_report *r, bool gb18030, const char *path, yz_err *err);

/* Render d as an A4 PDF (the render module, po) and write it to path through
 * yz_outfile; d is freed. NULL d means it could not be built (out of memory).
 * The ledgers' and the survey's PDF both. 0, or -1 with err. */
int rpt_write_doc_pdf(yz_doc *d, const yz_print_opts *po, const char *path, yz_err *err);

#endif
