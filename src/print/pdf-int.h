/* Internal to the PDF renderer (pdf.c, pdf_table.c): the page being drawn
 * and the helpers both files use. */
#ifndef YZ_PDF_INT_H
#define YZ_PDF_INT_H

#include <pango/pangocairo.h>

#include "render-int.h"

#define PU(x) ((double)(x) / PANGO_SCALE)

/* Where the next block goes on the current page. */
typedef struct pdf_page {
	cairo_t *cr;              /* drawing on the PDF surface */
	double width;             /* page width, points */
	double left;              /* x of the text column's left edge */
	double right;             /* x of its right edge */
	double top;               /* y where a page's text starts */
	double bottom;            /* y below which nothing is drawn */
	double y;                 /* top of the next block */
	double body;              /* body text size, points */
	double large;             /* YZ_STYLE_DOUBLE text size (titles), points */
	double small;             /* YZ_STYLE_SMALL text size (small print, tables), points */
	double spacing;           /* line spacing factor for body text */
	double gaps;              /* factor of YZ_BLOCK_SPACE heights: 1, less when tightened */
	int pages;                /* pages finished so far */
	int split_at;             /* the next paragraph breaks the page before this line (its
	                             last two go with the blocks kept with it); -1 = none */
	cairo_surface_t *scratch; /* a PDF surface writing nowhere: blocks are drawn on
	                             it to measure them (same font metrics as the page) */
	const char *sep;          /* after a key: the document's (yz_doc_sep) */
	double side_top;          /* y where closing lines beside the seal began (the seal
	                             goes at their right, from there); -1 = none */
	double side_right;        /* the text column's right edge before them */
	int side_page;            /* the page they began on */
	const char *foot;         /* the page-number line's format (yz_doc.page_fmt), or NULL */
	int total;                /* pages of the whole document: the footer is drawn when
	                             foot is set and this is known (> 0; the second pass) */
	double foot_y;            /* the middle of the bottom margin, where the footer goes */
	const char *head;         /* the line at the head of the page (YZ_BLOCK_PAGE), or NULL:
	                             drawn as the page is finished, like the footer */
	bool measuring;           /* drawn on the scratch surface to be measured: a new page
	                             (YZ_BLOCK_PAGE) is not started */
} pdf_page;

/* Monospace face for verification codes: 0/O and 1/I differ. */
#define YZ_CODE_FONTS "DejaVu Sans Mono, WenQuanYi Zen Hei Mono"

/* Finish the page and start the next one at its top. */
void yz_pdf_new_page(pdf_page *pg);
/* A pango layout of text in the body fonts, sized and aligned per style,
 * wrapped at width points (no wrapping when width <= 0). */
PangoLayout *yz_pdf_layout(pdf_page *pg, const char *text, unsigned style, double width);
/* Draw a table (pdf_table.c). */
void yz_pdf_table(pdf_page *pg, const yz_table *t);
void yz_pdf_table_at(pdf_page *pg, const yz_table *t);
/* Points the table's columns need side by side so that no cell breaks a
 * number, a name or another short word (the page turns landscape when they
 * do not fit a portrait one). */
double yz_pdf_table_min_width(pdf_page *pg, const yz_table *t);
/* Points of the table's header row and first row: what must follow a
 * heading on its page. */
double yz_pdf_table_lead(pdf_page *pg, const yz_table *t);

#endif
