/* print: the document model, its two renderers (ESC/POS for receipt printers, PDF
 * through cairo + pango for A4/A5) and submission to CUPS through the destination
 * API.
 *
 * A document is a list of blocks filled by the service layer from form templates.
 * Renderers never see the database; CUPS submission never sees the document. */
#ifndef YZ_PRINT_H
#define YZ_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "yizhan/text.h"

/* ---- how the library runs ------------------------------------------------- */

/* What the program tells every call that may load the render module
 * (yizhan-render.so: PDF, raster images, CUPS). NULL means all false. */
typedef struct yz_print_opts {
	bool isolated; /* run each such call in a short-lived child process, so the
	                  module's libraries (~10-20 MB) never stay in this one: the
	                  counter UI, which runs all day (src/print/loader.c) */
} yz_print_opts;

/* ---- document model ------------------------------------------------------ */

typedef enum yz_block_kind {
	YZ_BLOCK_TEXT,      /* a line or paragraph (wrapped), with style flags */
	YZ_BLOCK_KV,        /* "key: value" row (yz_doc.kv_sep); value wraps under itself */
	YZ_BLOCK_RULE,      /* horizontal line */
	YZ_BLOCK_QR,        /* QR code of text */
	YZ_BLOCK_SPACE,     /* vertical space of n lines */
	YZ_BLOCK_SEAL_BOX,  /* issuer's lines at the right with the seal area over them */
	YZ_BLOCK_TABLE,     /* a table: header row + rows, cells wrap (ledgers, household sheets) */
	YZ_BLOCK_SIGNATURE, /* "label: ________   label2: ______" lines to sign on */
	YZ_BLOCK_CODE,      /* "key: CODE" with the code bold (verification codes) */
	YZ_BLOCK_BAR,       /* a bar chart's row: label, a bar of n permille, value text */
	YZ_BLOCK_PAGE,      /* a new page; text (or NULL) printed at the head of each page */
} yz_block_kind;

enum {
	YZ_STYLE_BOLD = 1u << 0,
	YZ_STYLE_DOUBLE = 1u << 1, /* double width and height (receipt) / large (PDF) */
	YZ_STYLE_CENTER = 1u << 2,
	YZ_STYLE_RIGHT = 1u << 3,
	YZ_STYLE_INDENT = 1u << 4, /* paragraph: first line indented by two characters */
	YZ_STYLE_SMALL = 1u << 5,  /* small print: smaller in PDF; on a receipt, normal size
	                              (the printers' Chinese fonts have one size) */
	YZ_STYLE_KEEP = 1u << 6,   /* PDF: on the page of the next block (set by
	                              yz_doc_keep_together; headings keep anyway) */
};

/* Per-column alignment of a table (yz_table.align). */
typedef enum yz_align { YZ_ALIGN_LEFT, YZ_ALIGN_RIGHT, YZ_ALIGN_CENTER } yz_align;

/* A table block's content. The receipt layout sizes columns by display width
 * (natural widths, the widest column shrunk first when they do not fit); the
 * PDF sizes them in proportion to weight (or to natural width when every
 * weight is 0) and repeats the header on each page. */
typedef struct yz_table {
	size_t n_cols;   /* columns, >= 1 */
	char **header;   /* n_cols header cells (bold on paper) */
	int *weight;     /* n_cols relative widths for PDF; 0 = from content */
	yz_align *align; /* n_cols alignments */
	char **cells;    /* n_rows * n_cols cells, row by row */
	size_t n_rows;   /* rows (header not counted) */
	size_t cap_rows; /* rows allocated */
	char *continued; /* PDF: the line over the header on the pages a long table runs
	                    on to (yz_doc_table_continued), or NULL */
} yz_table;

typedef struct yz_block {
	yz_block_kind kind;
	unsigned style;  /* YZ_STYLE_* */
	char *text;      /* TEXT: the text; KV: the key; QR: the data; SEAL_BOX: caption;
	                    BAR: the label; PAGE: the pages' head, or NULL */
	char *value;     /* KV: the value; SEAL_BOX: the area's label or NULL; BAR: the
	                    value text after the bar */
	int n;           /* SPACE: lines; BAR: the bar's length, permille (0..1000) */
	yz_table *table; /* TABLE: the table (owned); NULL otherwise */
} yz_block;

typedef struct yz_doc {
	char *title; /* job title for CUPS and the PDF metadata */
	yz_block *blocks;
	size_t n_blocks;
	size_t cap;
	bool oom;          /* an allocation failed while building: renderers refuse it */
	time_t created;    /* PDF creation date; 0 = SOURCE_DATE_EPOCH when set, else cairo's own
	                      (the time of rendering): the service sets it from its clock */
	char kv_sep[8];    /* after a key (KV and CODE rows, signature labels): the full-width
	                      colon on a Chinese paper, ": " on an English one; yz_doc_new takes
	                      it from the document language (yz_paper_lang) */
	bool page_numbers; /* PDF: page_fmt centred at the foot of every page (set by
	                      yz_doc_page_numbers; false: no footer, as before) */
	char page_fmt[64]; /* the footer in the document language: its first %d the
	                      page's number, its second the number of pages */
	bool landscape;    /* PDF: landscape pages whatever the tables (a wide register) */
} yz_doc;

/* A new document in the document language of the moment (yz_paper_lang):
 * it decides the separator after each key. Returns NULL on ENOMEM. */
yz_doc *yz_doc_new(const char *title);
/* The separator after a key on a paper of the document language of the
 * moment (yz_paper_lang): the full-width colon on a Chinese paper, ": " on
 * an English one; what yz_doc_new puts in kv_sep. */
const char *yz_paper_sep(void);
void yz_doc_free(yz_doc *d);
void yz_doc_text(yz_doc *d, const char *text, unsigned style);
void yz_doc_kv(yz_doc *d, const char *key, const char *value);
void yz_doc_rule(yz_doc *d);
void yz_doc_qr(yz_doc *d, const char *data);
void yz_doc_space(yz_doc *d, int lines);
/* The seal area over the caption's lines (the issuing office, the date):
 * yz_doc_seal without a label. */
void yz_doc_seal_box(yz_doc *d, const char *caption);
/* The closing lines of a certificate at the right, the issuing office over
 * the date, with the seal area (a dashed square of seal size, in PDF) drawn
 * over them, where the stamp goes; label (may be NULL), e.g. "(seal)", is
 * printed small in the area. */
void yz_doc_seal(yz_doc *d, const char *issuer, const char *date, const char *label);
/* Keep the blocks from index from (d->n_blocks taken before adding the first
 * of them) to the last one added on one page of the PDF: a certificate's
 * closing lines with the end of its body. A new page starts before them
 * rather than split them (a paragraph of four lines or more leaves all but
 * its last two behind), unless they are taller than a page. */
void yz_doc_keep_together(yz_doc *d, size_t from);

/* Small print (notes, legal text): YZ_STYLE_SMALL plus style. */
void yz_doc_small(yz_doc *d, const char *text, unsigned style);
/* A verification code line: "key: CODE", the code bold (and in a fixed-width
 * face on PDF, so 0/O and 1/I are told apart). */
void yz_doc_code(yz_doc *d, const char *key, const char *code);
/* A line to sign on: "label: ______" across the line, or two fields
 * "label: ______  label2: ______" (e.g. signature and date); label2 may be NULL. */
void yz_doc_signature(yz_doc *d, const char *label, const char *label2);
/* Start a table of n_cols columns with the given header cells. weight (n_cols
 * ints, may be NULL) gives PDF column proportions; align (n_cols chars 'l',
 * 'r', 'c', may be NULL = all left) the alignment of each column, e.g. "llr"
 * for a money column. Rows are added with yz_doc_table_row. */
void yz_doc_table(yz_doc *d, size_t n_cols, const char *const *header, const int *weight,
                  const char *align);
/* Add a row (n_cols cells, NULL cells are empty) to the table just started
 * (the document's last block must be the table). */
void yz_doc_table_row(yz_doc *d, const char *const *cells);
/* On paper, the line (bold) that goes over the header of the table just
 * started on each page it runs on to, e.g. "Household 000040 (continued)". */
void yz_doc_table_continued(yz_doc *d, const char *line);
/* A bar chart's row (a survey report's tallies): label at the left (a fixed
 * share of the width, wrapping there), then a bar permille/1000 of the rest
 * long (clamped to 0..1000), the value text ("12 (34.5%)") right after it.
 * Rows one after the other make the chart: bars of the same permille are
 * the same length on every row. PDF: a filled grey bar; the text layout: a
 * run of '#'. */
void yz_doc_bar(yz_doc *d, const char *label, int permille, const char *value);
/* A new page starts here (unless the document is at the top of a page) and
 * text (NULL: none) is printed at the head, top right, of this page and of
 * every page after it until the next call: a questionnaire's serial number
 * on each of its pages. PDF; the text layout (yz_doc_layout_text) writes a
 * line holding only a form feed ("\f\n") and the head once under it,
 * right-aligned; a receipt feeds nothing for the new page. */
void yz_doc_page_head(yz_doc *d, const char *text);
/* Fix the creation date written into the PDF (reproducible output). */
void yz_doc_set_created(yz_doc *d, time_t when);
/* Number the PDF's pages: "page N of M" (in the document language of the
 * moment) centred in the bottom margin of every page. A long register, a
 * ledger. The receipt and the text layout are not changed. */
void yz_doc_page_numbers(yz_doc *d);

/* The test page for the admin screen: station and printer name, the date and
 * time of when, a line of Chinese (with a CJK Ext-B character and the middle
 * dot of minority names), ASCII, bold and double-size samples, a small table
 * and a QR code. Prints on receipt (ESC/POS) and A4 (PDF) printers alike.
 * Returns NULL on ENOMEM. */
yz_doc *yz_doc_test_page(const char *station, const char *printer, time_t when);

/* Plain-text layout of the document at the given width in columns (for the TUI
 * preview and for tests): lines separated by '\n', CJK counted as two columns.
 * QR codes appear as a "[QR: data]" line, a new page (yz_doc_page_head) as a
 * line holding only a form feed ("\f"). Returns malloc'd UTF-8, NULL on
 * ENOMEM or a document that ran out of memory while built. */
char *yz_doc_layout_text(const yz_doc *d, int columns);

/* ---- ESC/POS ----------------------------------------------------------------- */

typedef struct yz_escpos_opts {
	int columns;              /* 48 for 80 mm, 32 for 58 mm */
	const char *encoding;     /* iconv name: "GB18030" (default) or "GBK" */
	bool kanji_mode;          /* send FS & / FS . around two-byte text (most Chinese models) */
	bool cut;                 /* GS V at the end */
	bool set_code_table;      /* send ESC t code_table after ESC @ */
	unsigned char code_table; /* character code table (ESC t n) */
	bool set_kanji_code;      /* send FS C kanji_code after ESC @ */
	unsigned char kanji_code; /* Kanji code system (FS C n) */
} yz_escpos_opts;

void yz_escpos_opts_default(yz_escpos_opts *o); /* 48 columns, GB18030, kanji, cut */

/* Options for a printer model: paper_mm 58 (32 columns) or 80 (48 columns);
 * profile one of
 *   "gb18030"   GB18030, FS & / FS . around Chinese (the default; current models)
 *   "gbk"       GBK, FS & / FS . (older models; rare characters become images)
 *   "gbk-plain" GBK without FS & / FS . (models that are in Chinese mode from
 *               power-on and print FS & as garbage)
 *   "epson"     GB18030, ESC t 0, FS C 0 and FS & (models with a Kanji code
 *               system switch, e.g. Epson's Chinese TM series)
 * NULL or "" means "gb18030". Returns 0, or -1 (o set to the defaults for the
 * paper) when the paper or the profile is unknown. */
int yz_escpos_opts_for(yz_escpos_opts *o, int paper_mm, const char *profile);

/* Render to printer bytes (ESC @ … GS V). Text the encoding cannot take is printed
 * as a raster image, never as '?' (through the render module: po). Returns 0,
 * or -1 with err. *out is malloc'd. */
int yz_escpos_render(const yz_print_opts *po, const yz_doc *d, const yz_escpos_opts *o,
                     unsigned char **out, size_t *len, yz_err *err);

/* ---- PDF ------------------------------------------------------------------- */

typedef enum yz_paper { YZ_PAPER_A4, YZ_PAPER_A5 } yz_paper;

/* Render to a PDF (cairo + pango, CJK font embedded; fontconfig fallback reaches
 * fonts-hanazono for rare characters). *out is malloc'd. Lines never break
 * inside a number and its unit ("1502" and its room word); a heading stays
 * with what follows it; a document that would spill a few lines onto a
 * second page is set closer to fit one; pages turn landscape when a table's
 * columns do not fit a portrait one without breaking a name or a number. */
int yz_pdf_render(const yz_print_opts *po, const yz_doc *d, yz_paper paper, unsigned char **out,
                  size_t *len, yz_err *err);

/* ---- CUPS --------------------------------------------------------------------- */

#define YZ_MIME_RAW "application/vnd.cups-raw"
#define YZ_MIME_PDF "application/pdf"

/* Submit data to the destination printer (the server comes from CUPS_SERVER /
 * client.conf, as for every CUPS client). Connecting is bounded by timeout_ms.
 * Returns 0 with *job_id (> 0) when the job was accepted; -1 with *job_id 0 and
 * err (code YZ_ERR_PRINTER: no such printer, printer stopped, server
 * unreachable, …) otherwise. A stopped (disabled) printer is a failure: the job
 * would only wait there. */
int yz_cups_submit(const yz_print_opts *po, const char *printer, const char *title,
                   const char *mime, const unsigned char *data, size_t len, int timeout_ms,
                   int *job_id, yz_err *err);

/* The longest a document's render and send may take together with this send
 * timeout (the limits the counter UI's print children run under): a job left
 * unsent longer than this was abandoned. */
int yz_print_limit_ms(int timeout_ms);

/* What became of a submitted job (the print queue of issue 6 tracks it). */
typedef enum yz_job_state {
	YZ_CUPS_JOB_UNKNOWN,  /* the server does not know the job (any more) */
	YZ_CUPS_JOB_PENDING,  /* waiting in the queue */
	YZ_CUPS_JOB_HELD,     /* held by an operator or for authentication */
	YZ_CUPS_JOB_PRINTING, /* being sent to the printer */
	YZ_CUPS_JOB_DONE,     /* the printer took all of it */
	YZ_CUPS_JOB_FAILED,   /* stopped, cancelled or aborted: needs a reprint */
} yz_job_state;

/* What the server says about a job. */
typedef struct yz_cups_job {
	yz_job_state state; /* what became of it */
	char why[256];      /* FAILED: why it did not print, translated ("Print job 12 did not
	                       print: paper out"); "" otherwise */
} yz_cups_job;

/* Ask the server (bounded by timeout_ms) about a job that yz_cups_submit
 * returned. Returns 0 with *out; -1 with out->state UNKNOWN and err (code
 * YZ_ERR_PRINTER) when the server cannot be asked. */
int yz_cups_job_state(const yz_print_opts *po, int job_id, int timeout_ms, yz_cups_job *out,
                      yz_err *err);

/* A short translated name of a job state for the print queue screen
 * ("waiting", "held", "printed", ...). */
const char *yz_job_state_name(yz_job_state state);

/* Names of the CUPS destinations (for the admin screen); returns count, fills up
 * to max malloc'd names. */
size_t yz_cups_list(const yz_print_opts *po, char **names, size_t max);

#endif
