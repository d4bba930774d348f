/* Tables in a PDF (ledgers, the household sheet): columns in proportion to
 * their weights or sized by their content, never so narrow that a cell breaks
 * an ID number or a name while the columns fit; cells wrapped by pango inside
 * ruled boxes, and the header row repeated at the top of every page the
 * table continues on. */
#include <stdlib.h>
#include <string.h>

#include "pdf-int.h"

/* Space between a cell's rule and its text, points. */
#define CELL_PAD 3.0

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

/* A piece of a cell up to this many columns (six Chinese characters: a name,
 * a relation, an ethnicity, a category) is never broken inside. */
#define WHOLE_COLUMNS 12

/* Bytes of the character at s that a cell may break after (a space, a
 * newline, the middle dot of minority names, a comma), or 0. */
static size_t break_after(const char *s)
{
	static const char *const marks[] = {" ",      "\n",     ",",      ";",     "\u00b7",
	                                    "\u3001", "\uff0c", "\uff1b", "\u3002"};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (!strncmp(s, marks[i], strlen(marks[i])))
			return strlen(marks[i]);
	return 0;
}

/* Points of the widest piece of cell that must stay on one line: each piece
 * between break marks whole when it is short, else its longest run of digits
 * and letters. */
static double cell_unit_points(pdf_page *pg, const char *cell, unsigned style)
{
	double need = 0;
	const char *p = cell;
	while (*p) {
		size_t len = 0, mark = 0;
		while (p[len] && !(mark = break_after(p + len)))
			len++;
		size_t piece = len + (mark && p[len] != ' ' && p[len] != '\n' ? mark : 0);
		char *copy = strndup(p, piece);
		if (!copy)
			return need;
		double pts;
		if (yz_text_width(copy) <= WHOLE_COLUMNS) {
			pts = text_points(pg, copy, piece, style);
		} else {
			size_t at, ulen;
			pts = yz_text_widest_unit(copy, &at, &ulen) > 2
			          ? text_points(pg, copy + at, ulen, style)
			          : 0;
		}
		free(copy);
		need = pts > need ? pts : need;
		p += len + mark;
	}
	return need;
}

/* The points column c needs so that its header stays on one line and no
 * cell breaks a name, a number or another short piece. */
static double unit_points(pdf_page *pg, const yz_table *t, size_t c)
{
	const char *h = t->header[c];
	double need =
	    strchr(h, '\n') ? 0 : text_points(pg, h, strlen(h), YZ_STYLE_SMALL | YZ_STYLE_BOLD);
	for (size_t r = 0; r < t->n_rows; r++) {
		double p = cell_unit_points(pg, t->cells[r * t->n_cols + c], YZ_STYLE_SMALL);
		need = p > need ? p : need;
	}
	return need;
}

/* The points of column c's widest line (header included). */
static double natural_points(pdf_page *pg, const yz_table *t, size_t c)
{
	double need = 0;
	for (size_t r = 0; r <= t->n_rows; r++) {
		const char *cell = r == 0 ? t->header[c] : t->cells[(r - 1) * t->n_cols + c];
		unsigned style = YZ_STYLE_SMALL | (r == 0 ? YZ_STYLE_BOLD : 0);
		for (const char *p = cell;;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			double pts = text_points(pg, p, len, style);
			need = pts > need ? pts : need;
			if (!nl)
				break;
			p = nl + 1;
		}
	}
	return need;
}

/* Widen the columns narrower than their need, taking the room from the
 * others in proportion to what they have beyond their own need; nothing
 * changes when the needs do not fit the page together. */
static void keep_units_whole(pdf_page *pg, const yz_table *t, const double *need, double *w)
{
	double total_need = 0, deficit = 0, spare = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		total_need += need[c];
		if (w[c] < need[c])
			deficit += need[c] - w[c];
		else
			spare += w[c] - need[c];
	}
	if (deficit > 0 && total_need <= pg->right - pg->left)
		for (size_t c = 0; c < t->n_cols; c++)
			w[c] = w[c] < need[c] ? need[c] : w[c] - (w[c] - need[c]) * deficit / spare;
}

double yz_pdf_table_min_width(pdf_page *pg, const yz_table *t)
{
	double sum = 0;
	for (size_t c = 0; c < t->n_cols; c++)
		sum += unit_points(pg, t, c);
	return sum;
}

/* Column widths in points, summing to the text width. Weighted tables share
 * the width by weight; the others by content: every column its widest line
 * when they all fit, else its unbreakable need plus a share of the rest in
 * proportion to what its lines want beyond that. Either way no column is
 * narrower than its need while the needs fit together. */
static void column_widths(pdf_page *pg, const yz_table *t, double *w)
{
	double *need = calloc(2 * t->n_cols, sizeof *need);
	if (!need)
		return;
	double *nat = need + t->n_cols;
	bool weighted = false;
	double avail = pg->right - pg->left, sum_w = 0, sum_need = 0, sum_nat = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		weighted = weighted || t->weight[c] > 0;
		need[c] = unit_points(pg, t, c);
		nat[c] = natural_points(pg, t, c);
		nat[c] = nat[c] > need[c] ? nat[c] : need[c];
		sum_need += need[c];
		sum_nat += nat[c];
	}
	for (size_t c = 0; c < t->n_cols; c++) {
		if (weighted)
			w[c] = t->weight[c] > 0 ? t->weight[c] : 1;
		else if (sum_nat <= avail)
			w[c] = nat[c];
		else if (sum_need <= avail && sum_nat > sum_need)
			w[c] = need[c] +
			       (avail - sum_need) * (nat[c] - need[c]) / (sum_nat - sum_need);
		else
			w[c] = nat[c];
		sum_w += w[c];
	}
	for (size_t c = 0; c < t->n_cols; c++)
		w[c] = sum_w > 0 ? avail * w[c] / sum_w : avail / (double)t->n_cols;
	keep_units_whole(pg, t, need, w);
	free(need);
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

static double fitting_size(pdf_page *pg, const yz_table *t);

static double table_lead_at(pdf_page *pg, const yz_table *t);

double yz_pdf_table_lead(pdf_page *pg, const yz_table *t)
{
	double small = pg->small, fit = fitting_size(pg, t);
	if (fit > 0)
		pg->small = fit;
	double h = table_lead_at(pg, t);
	pg->small = small;
	return h;
}

static double table_lead_at(pdf_page *pg, const yz_table *t)
{
	double *w = calloc(t->n_cols, sizeof *w);
	PangoLayout **l = calloc(t->n_cols, sizeof *l);
	double h = 0;
	if (w && l) {
		column_widths(pg, t, w);
		h = row_layouts(pg, t, t->header, w, true, l);
		for (size_t c = 0; c < t->n_cols; c++)
			g_object_unref(l[c]);
		if (t->n_rows > 0) {
			h += row_layouts(pg, t, t->cells, w, false, l);
			for (size_t c = 0; c < t->n_cols; c++)
				g_object_unref(l[c]);
		}
	}
	free(w);
	free(l);
	return h;
}

/* On a page the table runs on to, its continued line (bold) over the header. */
static void draw_continued(pdf_page *pg, const yz_table *t)
{
	if (!t->continued || !*t->continued)
		return;
	PangoLayout *cl = yz_pdf_layout(pg, t->continued, YZ_STYLE_BOLD, pg->right - pg->left);
	int h;
	pango_layout_get_size(cl, NULL, &h);
	cairo_move_to(pg->cr, pg->left, pg->y);
	pango_cairo_show_layout(pg->cr, cl);
	g_object_unref(cl);
	pg->y += PU(h) + pg->body * 0.3;
}

/* A table whose columns' needs do not fit the text width at the small size
 * is set smaller (down to 7.5 pt), so that ID numbers, dates and names stay
 * whole instead of every column being cut in proportion: the size it takes,
 * 0 when the small size fits. */
static double fitting_size(pdf_page *pg, const yz_table *t)
{
	double avail = pg->right - pg->left, small = pg->small, size = small;
	double pads = (double)t->n_cols * (2 * CELL_PAD + 1);
	double need = yz_pdf_table_min_width(pg, t);
	/* the text scales with the size, the padding does not; two corrections
	 * for what the fonts round */
	for (int i = 0; i < 3 && need > avail && size > 7.5 && need > pads; i++) {
		size *= (avail - pads) / (need - pads) * 0.99;
		size = size < 7.5 ? 7.5 : size;
		pg->small = size;
		need = yz_pdf_table_min_width(pg, t);
		pg->small = small;
	}
	return size < small ? size : 0;
}

void yz_pdf_table(pdf_page *pg, const yz_table *t)
{
	double small = pg->small, fit = fitting_size(pg, t);
	if (fit > 0)
		pg->small = fit;
	yz_pdf_table_at(pg, t);
	pg->small = small;
}

void yz_pdf_table_at(pdf_page *pg, const yz_table *t)
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
	double first_row = pg->y; /* where the page's first row goes */
	for (size_t r = 0; r < t->n_rows; r++) {
		double h = row_layouts(pg, t, t->cells + r * t->n_cols, w, false, l);
		/* a row never splits; a row taller than a page is drawn as it is */
		if (pg->y + h > pg->bottom && pg->y > first_row + 1) {
			yz_pdf_new_page(pg);
			draw_continued(pg, t);
			first_row = pg->y + hh;
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
