/* Internal to src/print: pieces shared by the document model, the text layout
 * and the two renderers. Not part of the public API. */
#ifndef YZ_PRINT_INT_H
#define YZ_PRINT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/print.h"

/* Fonts, best first. Noto CJK when installed, WenQuanYi (Debian's
 * fonts-wqy-zenhei) otherwise; HanaMin A/B (fonts-hanazono) cover CJK Ext-A..F,
 * so rare name characters still find a glyph through fontconfig. */
#define YZ_PRINT_FONTS "Noto Serif CJK SC, Noto Sans CJK SC, WenQuanYi Zen Hei, HanaMinA, HanaMinB"
/* Receipts: a sans face reads better on thermal paper. */
#define YZ_RECEIPT_FONTS "Noto Sans CJK SC, WenQuanYi Zen Hei, HanaMinA, HanaMinB"

/* Dots of a receipt column: font A is 12x24 dots, a CJK character 24x24. */
#define YZ_DOTS_PER_COLUMN   12
#define YZ_RECEIPT_LINE_DOTS 24

/* The separator after a key on d's paper (yz_doc.kv_sep; the full-width colon
 * when unset). */
const char *yz_doc_sep(const yz_doc *d);

/* ---- growing byte buffer ---------------------------------------------------- */

typedef struct yz_buf {
	unsigned char *p; /* bytes; NUL-terminated when used for text */
	size_t n;         /* bytes used */
	size_t cap;       /* bytes allocated */
	bool oom;         /* an allocation failed: the content is incomplete */
} yz_buf;

void yz_buf_add(yz_buf *b, const void *data, size_t n);
void yz_buf_byte(yz_buf *b, unsigned char c);
void yz_buf_str(yz_buf *b, const char *s);
void yz_buf_spaces(yz_buf *b, int n);
/* Hand the content over (NUL-terminated); the buffer is empty afterwards. */
unsigned char *yz_buf_take(yz_buf *b, size_t *len);
void yz_buf_free(yz_buf *b);

/* ---- wrapping ------------------------------------------------------------------- */

typedef struct yz_lines {
	char **v;   /* malloc'd UTF-8 lines */
	size_t n;   /* lines used */
	size_t cap; /* lines allocated */
} yz_lines;

/* Append a malloc'd copy of the first n bytes of s. Returns false on ENOMEM. */
bool yz_lines_addn(yz_lines *l, const char *s, size_t n);
void yz_lines_free(yz_lines *l);

/* Wrap text by display width: the first line gets first_cols columns, the
 * others cols. '\n' forces a break. A character is never split; a Latin word
 * is not split when a space allows a break; Chinese closing punctuation does
 * not start a line. */
bool yz_wrap(const char *text, int first_cols, int cols, yz_lines *out);
/* yz_wrap for a list ("A, B, C": the value of a key-value row): a line
 * breaks at a separator (the enumeration comma, a comma or a semicolon)
 * rather than inside an item that fits a line. */
bool yz_wrap_list(const char *text, int first_cols, int cols, yz_lines *out);

/* A number and the unit word after it ("1502" + room, "21" + number, "3" +
 * unit: one space between them allowed) or a run of ASCII digits and letters
 * at the start of s: its bytes (0 when s does not start with a digit or a
 * letter). run, space and word (may be NULL) get the bytes of its three
 * parts. A line is never broken inside it when it fits. */
size_t yz_text_unit(const char *s, size_t *run, size_t *space, size_t *word);
/* A copy of text with U+2060 WORD JOINER inside every number-and-unit, so
 * that pango never breaks "1502" from its room word (malloc'd; NULL on
 * ENOMEM). */
char *yz_text_join_units(const char *text);
/* A copy of the list text ("A, B, C", separators as for yz_wrap_list) with
 * U+2060 WORD JOINER between the characters of every item for which fits
 * (given the item, NUL-terminated, and ctx) says it fits a line: pango then
 * breaks the list at its separators, never inside such an item (malloc'd;
 * NULL on ENOMEM). */
char *yz_text_join_items(const char *text, bool (*fits)(const char *item, void *ctx), void *ctx);

/* ---- receipt lines ------------------------------------------------------------ */

/* One printed line of a receipt (or of the text preview): the document turned
 * into lines that fit the paper's columns. */
typedef struct yz_rline {
	char *text;     /* the line without alignment padding; QR: the data */
	unsigned style; /* YZ_STYLE_BOLD / DOUBLE / CENTER / RIGHT of the line */
	bool qr;        /* a QR code rather than text */
	bool page;      /* a new page starts here (YZ_BLOCK_PAGE); text is "": the text
	                   layout writes a form feed, a receipt (a roll) nothing */
} yz_rline;

typedef struct yz_rlines {
	yz_rline *v; /* lines */
	size_t n;    /* lines used */
	size_t cap;  /* lines allocated */
} yz_rlines;

/* Append a line; takes ownership of text (NULL means ENOMEM: false). */
bool yz_rl_push(yz_rlines *l, char *text, unsigned style, bool qr);

/* Widest line of text (lines split at '\n'), in columns. */
int yz_text_max_line_width(const char *text);

/* Width in columns of the widest piece of text that should not be broken: a
 * run of Latin letters, digits and number punctuation (a case number, a date,
 * an amount), or one character. *at and *len (may be NULL) get its bytes. */
int yz_text_widest_unit(const char *s, size_t *at, size_t *len);

/* Lay a table out in columns (table.c): column widths by display width, the
 * widest column shrunk first when the natural widths do not fit; the header
 * bold with a rule under it; cells wrap within their column. */
bool yz_lay_table(const yz_table *t, int columns, yz_rlines *out);

/* Lay the document out for a receipt of the given columns. Returns false on
 * ENOMEM (out is then freed). */
bool yz_receipt_lines(const yz_doc *d, int columns, yz_rlines *out);
void yz_rlines_free(yz_rlines *l);

/* ---- 1-bit images ------------------------------------------------------------- */

/* A 1-bit image as ESC/POS wants it: rows of width/8 bytes, most significant
 * bit leftmost, 1 = black. */
typedef struct yz_bitmap {
	int width;           /* dots, a multiple of 8 */
	int height;          /* dots */
	unsigned char *bits; /* height * width/8 bytes */
} yz_bitmap;

bool yz_bitmap_init(yz_bitmap *bm, int width, int height);
void yz_bitmap_set(yz_bitmap *bm, int x, int y);
void yz_bitmap_free(yz_bitmap *bm);

/* Render one line of text (pango + cairo on an A8 surface, thresholded) as
 * wide as the paper, aligned per style (CENTER/RIGHT), bold and double size
 * per style. */
int yz_raster_text(const yz_print_opts *po, const char *text, unsigned style, int width_dots,
                   yz_bitmap *bm, yz_err *err);

/* A QR code of data (libqrencode, level M) centred on a paper width_dots wide,
 * modules of 4-6 dots when they fit, with a quiet zone. */
int yz_raster_qr(const yz_print_opts *po, const char *data, int width_dots, yz_bitmap *bm,
                 yz_err *err);

/* ---- CUPS ---------------------------------------------------------------------- */

/* The yz_job_state of an IPP job-state value (exposed for tests). */
yz_job_state yz_cups_map_job_state(int ipp_state);

#endif
