/* Tables in a PDF (ledgers, the household sheet): columns in proportion to
 * their weights (or to their natural display width), cells wrapped by pango
 * inside ruled boxes, and the header row repeated at the top of every page
 * the table continues on. */
#include <stdlib.h>
#include <string.h>

#include "pdf-int.h"

/* Space between a cell's rule and its text, points. */
#define CELL_PAD 3.0
/* Natural widths count for proportions within these bounds (columns), so a
 * long remark does not squeeze a date column into wrapping. */
#define NATURAL_MIN 4
#define NATURAL_MAX 30

/* Points that text needs on one line in a cell of the given style. */
static double text_points(pdf_page *pg, const char *text, size_t len, unsigned style)
{
	char *copy = strndup(text, len);
	if (!copy)
		return 0;
	PangoLayout *l = yz_pdf_layout(pg, copy, style, 0);
	free(copy);
	int w;
	pango_layout_get_size(l, &w, NULL);
	g_object_unref(l);
	return PU(w) + 2 * CELL_PAD + 1;
}

/* The points column c needs so that its header stays on one line and its
 * longest number or word (a case number, a date) is not broken. */
static double unit_points(pdf_page *pg, const yz_table *t, size_t c)
{
	const char *h = t->header[c];
	double need =
	    strchr(h, '\n') ? 0 : text_points(pg, h, strlen(h), YZ_STYLE_SMALL | YZ_STYLE_BOLD);
	for (size_t r = 0; r < t->n_rows; r++) {
		const char *cell = t->cells[r * t->n_cols + c];
		size_t at, len;
		if (yz_text_widest_unit(cell, &at, &len) <= 2)
			continue; /* one CJK character: any column takes it */
		double p = text_points(pg, cell + at, len, YZ_STYLE_SMALL);
		need = p > need ? p : need;
	}
	return need;
}

/* Widen the columns narrower than their longest number or word, taking the
 * room from the others in proportion to what they have beyond their own
 * need; nothing changes when the needs do not fit the page together. */
static void keep_units_whole(pdf_page *pg, const yz_table *t, double *w)
{
	double *need = calloc(t->n_cols, sizeof *need);
	if (!need)
		return;
	double total_need = 0, deficit = 0, spare = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		need[c] = unit_points(pg, t, c);
		total_need += need[c];
		if (w[c] < need[c])
			deficit += need[c] - w[c];
		else
			spare += w[c] - need[c];
	}
	if (deficit > 0 && total_need <= pg->right - pg->left)
		for (size_t c = 0; c < t->n_cols; c++)
			w[c] = w[c] < need[c] ? need[c] : w[c] - (w[c] - need[c]) * deficit / spare;
	free(need);
}

/* Column widths in points, summing to the text width. */
static void column_widths(pdf_page *pg, const yz_table *t, double *w)
{
	bool weighted = false;
	for (size_t c = 0; c < t->n_cols; c++)
		weighted = weighted || t->weight[c] > 0;
	double sum = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		if (weighted) {
			w[c] = t->weight[c] > 0 ? t->weight[c] : 1;
		} else {
			int n = yz_text_max_line_width(t->header[c]);
			for (size_t r = 0; r < t->n_rows; r++) {
				int cw = yz_text_max_line_width(t->cells[r * t->n_cols + c]);
				n = cw > n ? cw : n;
			}
			w[c] = n < NATURAL_MIN ? NATURAL_MIN : n > NATURAL_MAX ? NATURAL_MAX : n;
		}
		sum += w[c];
	}
	for (size_t c = 0; c < t->n_cols; c++)
		w[c] = (pg->right - pg->left) * w[c] / sum;
	keep_units_whole(pg, t, w);
}

static unsigned cell_style(yz_align a, bool header)
{
	unsigned style = YZ_STYLE_SMALL | (header ? YZ_STYLE_BOLD | YZ_STYLE_CENTER : 0);
	if (a == YZ_ALIGN_RIGHT)
		style |= YZ_STYLE_RIGHT;
	else if (a == YZ_ALIGN_CENTER)
		style |= YZ_STYLE_CENTER;
	return style;
}

/* Lay out one row's cells; returns the row height in points. */
static double row_layouts(pdf_page *pg, const yz_table *t, char *const *cells, const double *w,
                          bool header, PangoLayout **out)
{
	double h = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		out[c] = yz_pdf_layout(pg, cells[c], cell_style(t->align[c], header),
		                       w[c] - 2 * CELL_PAD);
		int ch;
		pango_layout_get_size(out[c], NULL, &ch);
		h = PU(ch) > h ? PU(ch) : h;
	}
	return h + 2 * CELL_PAD;
}

/* Draw a laid-out row at pg->y and free its layouts. */
static void draw_row(pdf_page *pg, const yz_table *t, const double *w, PangoLayout **l, double h)
{
	double x = pg->left;
	cairo_set_line_width(pg->cr, 0.5);
	for (size_t c = 0; c < t->n_cols; c++) {
		cairo_rectangle(pg->cr, x, pg->y, w[c], h);
		cairo_stroke(pg->cr);
		cairo_move_to(pg->cr, x + CELL_PAD, pg->y + CELL_PAD);
		pango_cairo_show_layout(pg->cr, l[c]);
		g_object_unref(l[c]);
		x += w[c];
	}
	pg->y += h;
}

static void draw_header(pdf_page *pg, const yz_table *t, const double *w, PangoLayout **l)
{
	double h = row_layouts(pg, t, t->header, w, true, l);
	draw_row(pg, t, w, l, h);
}

void yz_pdf_table(pdf_page *pg, const yz_table *t)
{
	double *w = calloc(t->n_cols, sizeof *w);
	PangoLayout **l = calloc(t->n_cols, sizeof *l);
	if (!w || !l) {
		free(w);
		free(l);
		return;
	}
	column_widths(pg, t, w);
	/* the header with at least the first row, or both on the next page */
	double hh = row_layouts(pg, t, t->header, w, true, l);
	for (size_t c = 0; c < t->n_cols; c++)
		g_object_unref(l[c]);
	if (pg->y + hh + 2 * pg->small > pg->bottom)
		yz_pdf_new_page(pg);
	draw_header(pg, t, w, l);
	for (size_t r = 0; r < t->n_rows; r++) {
		double h = row_layouts(pg, t, t->cells + r * t->n_cols, w, false, l);
		/* a row never splits; a row taller than a page is drawn as it is */
		if (pg->y + h > pg->bottom && pg->y > pg->top + hh + 1) {
			yz_pdf_new_page(pg);
			PangoLayout **hl = calloc(t->n_cols, sizeof *hl);
			if (hl)
				draw_header(pg, t, w, hl);
			free(hl);
		}
		draw_row(pg, t, w, l, h);
	}
	pg->y += pg->body * 0.5;
	free(l);
	free(w);
}
