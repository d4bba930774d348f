/* Tables on a receipt and in the text preview: column widths by display
 * width (a CJK character is two columns), cells wrapped within their column,
 * one space between columns. Ledgers and the household sheet are mostly
 * printed as PDF (pdf.c); this layout is what a receipt printer and the
 * preview show. */
#include <stdlib.h>
#include <string.h>

#include "print-int.h"

/* Columns between two table columns. */
#define COL_GAP 1
/* A column is never shrunk below this (one CJK character). */
#define COL_MIN 2

int yz_text_max_line_width(const char *text)
{
	int max = 0;
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		if (line) {
			int w = yz_text_width(line);
			max = w > max ? w : max;
			free(line);
		}
		if (!nl)
			return max;
		p = nl + 1;
	}
}

/* Natural width of column c: its widest line, header included. */
static int natural_width(const yz_table *t, size_t c)
{
	int w = yz_text_max_line_width(t->header[c]);
	for (size_t r = 0; r < t->n_rows; r++) {
		int cw = yz_text_max_line_width(t->cells[r * t->n_cols + c]);
		w = cw > w ? cw : w;
	}
	return w > COL_MIN ? w : COL_MIN;
}

static bool is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       c == '-' || c == '_' || c == '/' || c == '.' || c == ',' || c == ':' ||
	       c == '*'; /* a masked ID number (330102********8094) is one piece too */
}

int yz_text_widest_unit(const char *s, size_t *at, size_t *len)
{
	int max = 0, run = 0;
	size_t run_at = 0, best_at = 0, best_len = 0;
	for (size_t i = 0; s[i];) {
		uint32_t cp;
		size_t n = yz_utf8_decode(s + i, strlen(s + i), &cp);
		if (n == 0)
			n = 1;
		int w;
		if (n == 1 && is_word_byte((unsigned char)s[i])) {
			run_at = run ? run_at : i;
			w = ++run;
		} else {
			run = 0;
			run_at = i;
			w = n > 1 ? yz_cp_width(cp) : 1;
		}
		i += n;
		if (w > max) {
			max = w;
			best_at = run_at;
			best_len = i - run_at;
		}
	}
	if (at)
		*at = best_at;
	if (len)
		*len = best_len;
	return max;
}

/* The width below which column c would break a number or a word. */
static int unit_width(const yz_table *t, size_t c)
{
	int w = yz_text_widest_unit(t->header[c], NULL, NULL);
	for (size_t r = 0; r < t->n_rows; r++) {
		int cw = yz_text_widest_unit(t->cells[r * t->n_cols + c], NULL, NULL);
		w = cw > w ? cw : w;
	}
	return w > COL_MIN ? w : COL_MIN;
}

/* Take a column at a time from the widest column (the rightmost of equals)
 * that is wider than its floor, until the sum fits. Returns the new sum. */
static int shrink(const yz_table *t, int *w, const int *floor, int sum, int avail)
{
	while (sum > avail) {
		size_t widest = t->n_cols;
		for (size_t c = 0; c < t->n_cols; c++)
			if (w[c] > floor[c] && (widest == t->n_cols || w[c] >= w[widest]))
				widest = c;
		if (widest == t->n_cols)
			break;
		w[widest]--;
		sum--;
	}
	return sum;
}

/* Widths that fit `columns`: natural widths; when they do not fit, the
 * widest columns shrink first, first not below their longest number or word
 * (so case numbers, dates and amounts stay whole and text wraps), then, if
 * still needed, down to one CJK character. */
static void fit_widths(const yz_table *t, int columns, int *w, int *floor)
{
	int avail = columns - COL_GAP * (int)(t->n_cols - 1);
	int sum = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		sum += w[c] = natural_width(t, c);
		int u = unit_width(t, c);
		floor[c] = u < columns / 2 ? u : columns / 2;
	}
	sum = shrink(t, w, floor, sum, avail);
	for (size_t c = 0; c < t->n_cols; c++)
		floor[c] = COL_MIN;
	shrink(t, w, floor, sum, avail); /* too many columns: lines stay long */
}

/* Padding before a cell line of width cw in a column of width w. */
static int cell_pad(yz_align a, int cw, int w)
{
	if (cw >= w)
		return 0;
	return a == YZ_ALIGN_RIGHT ? w - cw : a == YZ_ALIGN_CENTER ? (w - cw) / 2 : 0;
}

/* Drop trailing spaces of a buffer holding one line. */
static void trim_right(yz_buf *b)
{
	while (b->n > 0 && b->p[b->n - 1] == ' ')
		b->p[--b->n] = '\0';
}

/* One table row (header or body): each cell wrapped to its width, the row as
 * tall as its tallest cell. */
static bool lay_row(const yz_table *t, char *const *cells, const int *w, unsigned style,
                    yz_rlines *out)
{
	yz_lines *wrapped = calloc(t->n_cols, sizeof *wrapped);
	if (!wrapped)
		return false;
	bool ok = true;
	size_t height = 1;
	for (size_t c = 0; c < t->n_cols && ok; c++) {
		ok = yz_wrap(cells[c], w[c], w[c], &wrapped[c]);
		height = wrapped[c].n > height ? wrapped[c].n : height;
	}
	for (size_t k = 0; k < height && ok; k++) {
		yz_buf line = {0};
		for (size_t c = 0; c < t->n_cols; c++) {
			const char *s = k < wrapped[c].n ? wrapped[c].v[k] : "";
			int sw = yz_text_width(s);
			int pad = cell_pad(t->align[c], sw, w[c]);
			yz_buf_spaces(&line, c > 0 ? COL_GAP + pad : pad);
			yz_buf_str(&line, s);
			yz_buf_spaces(&line, w[c] - pad - sw > 0 ? w[c] - pad - sw : 0);
		}
		trim_right(&line);
		size_t len;
		ok = !line.oom && yz_rl_push(out, (char *)yz_buf_take(&line, &len), style, false);
	}
	for (size_t c = 0; c < t->n_cols; c++)
		yz_lines_free(&wrapped[c]);
	free(wrapped);
	return ok;
}

static bool lay_rule(int width, yz_rlines *out)
{
	char *rule = malloc((size_t)width + 1);
	if (rule) {
		memset(rule, '-', (size_t)width);
		rule[width] = '\0';
	}
	return yz_rl_push(out, rule, 0, false);
}

bool yz_lay_table(const yz_table *t, int columns, yz_rlines *out)
{
	int *w = calloc(2 * t->n_cols, sizeof *w);
	if (!w)
		return false;
	fit_widths(t, columns, w, w + t->n_cols);
	int total = COL_GAP * (int)(t->n_cols - 1);
	for (size_t c = 0; c < t->n_cols; c++)
		total += w[c];
	bool ok = lay_row(t, t->header, w, YZ_STYLE_BOLD, out) &&
	          lay_rule(total < columns ? total : columns, out);
	for (size_t r = 0; r < t->n_rows && ok; r++)
		ok = lay_row(t, t->cells + r * t->n_cols, w, 0, out);
	free(w);
	return ok;
}
