/* service/report.h: a finished table a station hands in (issue 16): a ledger
 * run over a period, or the statistics, and the files and papers made from it:
 * .xlsx (libxlsxwriter), CSV (GB18030 or UTF-8 with BOM), A4 PDF (the
 * document model and its renderer; the header row on every page, page
 * numbers, signature lines) or the A4 printer. Cells are kept as canonical
 * text (dates YYYY-MM-DD, money "1234.50", whole numbers "12") with the
 * column's kind, so every output writes the same values in its own types.
 * The service module, src/service/report*.c; all of it: yizhan/service.h. */
#ifndef YZ_SERVICE_REPORT_H
#define YZ_SERVICE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/print.h"
#include "yizhan/text.h"

/* The type of a column's cells. */
typedef enum yz_cell_kind {
	YZ_CELL_TEXT,    /* text */
	YZ_CELL_CODE,    /* an ID number, phone or other code: always text (xlsx: a string cell;
	                    never 4.2e17) */
	YZ_CELL_DATE,    /* YYYY-MM-DD (xlsx: a date with a date format) */
	YZ_CELL_MONEY,   /* "1234.50" (xlsx: a number, format 0.00) */
	YZ_CELL_INT,     /* "12" (xlsx: a number, format 0) */
	YZ_CELL_NUMBER,  /* "12.5": up to 2 decimals (xlsx: a number, format 0.0#) */
	YZ_CELL_PERCENT, /* "97.5" meaning 97.5 % (xlsx: 0.975 with format 0.0%) */
} yz_cell_kind;

/* What a row is. */
typedef enum yz_row_kind {
	YZ_ROW_DATA,     /* a row of the ledger */
	YZ_ROW_GROUP,    /* the heading of a group: cells[0] holds its name, the others "" */
	YZ_ROW_SUBTOTAL, /* the subtotal of the group above (cells[0] "小计" in the paper's
	                    language, summed columns filled) */
	YZ_ROW_TOTAL,    /* the total of the whole report (last row) */
} yz_row_kind;

/* How a subtotal or total cell is made; xlsx writes it as a formula over the
 * data rows (SUBTOTAL(9, …) / SUBTOTAL(3, …)) with its value cached. */
typedef enum yz_report_total {
	YZ_RTOTAL_NONE,  /* empty in total rows */
	YZ_RTOTAL_SUM,   /* the sum of the data rows above */
	YZ_RTOTAL_COUNT, /* the number of non-empty data rows above */
} yz_report_total;

/* A column (the type is yz_report_column: yz_report_col is the function
 * that adds one). */
typedef struct yz_report_column {
	char *label;           /* header cell */
	yz_cell_kind kind;     /* its cells' type */
	yz_report_total total; /* what its subtotal/total cells hold */
	int width;             /* display cells wanted (0 = from the content, computed) */
} yz_report_column;

typedef struct yz_report_row {
	yz_row_kind kind;
	char **cells; /* n_cols cells, never NULL ("" when empty) */
} yz_report_row;

typedef struct yz_report {
	char *title;     /* "低保对象台账", "2026年11月工作统计" */
	char *station;   /* the station's name (title row and file name) */
	char *code;      /* the ledger's id or "stats": the file name's middle */
	char *period;    /* the period as the paper says it: "2026-11-01 至 2026-11-30" */
	char *period_id; /* as the file name says it: "2026-11", "2026Q4", "2026",
	                    "20261101-20261130" */
	yz_report_column *cols;
	size_t n_cols;
	yz_report_row *rows;
	size_t n_rows;
	size_t cap_rows;
	bool landscape; /* A4 landscape */
	char **sign;    /* signature labels (zhi biao ren, shen he ren, ri qi) */
	size_t n_sign;
	char *made_by; /* who made it (the zhi biao ren's name, printed beside the label) */
	char *made_on; /* the date it was made, YYYY-MM-DD */
	char *intro;   /* a notice's text above the table, or NULL */
	char *outro;   /* a notice's text under it, or NULL */
	char *summary; /* statistics: the summary sentence under the title, or NULL */
	bool notice;   /* a public notice (gong shi): its paper has the seal lines */
	bool oom;      /* an allocation failed while building: every writer refuses it */
	/* Issue 18, a workbook of several sheets (yz_report_book_write): */
	char sheet[128];     /* the sheet's name ("Q3"); "" = made from the title */
	bool pct_hundredths; /* PERCENT cells carry hundredths of a percent ("12.34"): the
	                        xlsx format shows two decimals (0.00%) */
} yz_report;

/* Building (the ledger runner and the statistics): all copy their strings
 * (sanitized: no control characters; newlines kept in intro, outro and
 * summary). NULL on ENOMEM; after that a failed allocation sets r->oom. The
 * columns are added before the first row. */
yz_report *yz_report_new(const char *title, const char *station, const char *code,
                         const char *period, const char *period_id);
void yz_report_free(yz_report *r);
void yz_report_col(yz_report *r, const char *label, yz_cell_kind kind, yz_report_total total,
                   int width);
/* Append a row of n_cols cells (NULL cells are ""). A SUBTOTAL or TOTAL row
 * may leave its cells NULL: cells[0] becomes the paper's word for "Subtotal" /
 * "Total", and a column with a total gets the sum or count of the data
 * rows it covers (a subtotal: the rows since the last GROUP or SUBTOTAL row;
 * the total: every data row), written canonically for the column's kind
 * (money "1234.50"). A cell given is kept as it is. */
void yz_report_row_add(yz_report *r, yz_row_kind kind, const char *const *cells);
void yz_report_sign(yz_report *r, const char *label);
/* Set a string member (title, made_by, intro, ...) to a copy of text. */
void yz_report_set(yz_report *r, char **member, const char *text);

/* The file formats. */
typedef enum yz_report_format {
	YZ_REPORT_XLSX,        /* .xlsx */
	YZ_REPORT_CSV_GB18030, /* .csv in GB18030 (what Excel in a Chinese Windows opens) */
	YZ_REPORT_CSV_UTF8,    /* .csv in UTF-8 with a BOM */
	YZ_REPORT_PDF,         /* .pdf, A4 */
} yz_report_format;

/* "xlsx", "csv" (GB18030), "csv-utf8", "pdf" → format; -1 when unknown. */
int yz_report_format_from(const char *word);
const char *yz_report_format_ext(yz_report_format f); /* "xlsx", "csv", "pdf" */

/* The file's name: "<station>-<code>-<period_id>.<ext>", e.g.
 * "幸福社区-dibao-2026-11.xlsx": '/', control characters and the characters a
 * USB stick's file system cannot hold (\ : * ? " < > |) become '_', a leading
 * '.' too; cut at a character (never inside one) to fit n and 255 bytes, the
 * extension kept. */
void yz_report_file_name(const yz_report *r, yz_report_format f, char *buf, size_t n);

/* Write the report to path in format f (through yz_outfile: never half a file;
 * the PDF through the render module, po). 0, or -1 with err in the clerk's
 * words (disk full, a folder that is not ours, ...).
 * xlsx: a title row merged over the columns, the station and period (and the
 * summary, a notice's intro) under it, the header row frozen and repeated on
 * every printed page, the columns as wide as their widest cell, then the
 * rows: CODE cells strings, DATE cells dates (yyyy-mm-dd), MONEY numbers
 * (0.00), INT (0), NUMBER (0.0#), PERCENT fractions (0.0%); GROUP, SUBTOTAL
 * and TOTAL rows bold, their summed and counted cells formulas
 * (SUBTOTAL(9, ...) / SUBTOTAL(3, ...) over the group's or every data row)
 * with the value cached; the signature line under the table; A4 in the
 * report's orientation, one page wide, "page N of M" in the footer. Written
 * in libxlsxwriter's constant-memory mode inside a private folder beside
 * path, then committed through yz_outfile.
 * CSV (RFC 4180, CRLF): the header row, then every row but the group
 * headings (a subtotal's first cell names its group); a cell starting with
 * = + - @ is written after a quote (never a formula), a CODE cell after a
 * tab (Excel keeps it text), as the residents' export does; PERCENT as
 * "97.5%". */
int yz_report_write(const yz_report *r, yz_report_format f, const yz_print_opts *po,
                    const char *path, yz_err *err);
/* Issue 18: several reports as the sheets of one .xlsx workbook (a survey's
 * overview, one sheet per question and per cross-tab, the raw answers), each
 * sheet as yz_report_write writes a single one (title rows, header row
 * frozen and repeated, types, formulas, print set-up), named by its sheet
 * member (else its title; a name used twice gets Excel's "SheetN"). The
 * workbook's properties are the first report's. Through yz_outfile as
 * yz_report_write: never half a file. 0, or -1 with err. */
int yz_report_book_write(const yz_report *const *sheets, size_t n, const char *path, yz_err *err);
/* The report as a document (A4 PDF or printer): title, station and period,
 * summary, intro, the table with its header on every page (numbers right-
 * aligned, columns in proportion to their widths), outro, signature lines
 * (made_by beside the first label, made_on beside a label that is the
 * paper's word for "Date"), a notice's
 * seal lines, "page N of M" on every page, landscape when the report is.
 * Its creation date is made_on's (the same report gives the same bytes).
 * NULL on ENOMEM. */
yz_doc *yz_report_doc(const yz_report *r);

#endif
