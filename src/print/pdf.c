/* PDF renderer for A4/A5 office printers: cairo's PDF surface with pango for
 * text. Pango breaks Chinese lines properly and, through fontconfig, falls back
 * to fonts-hanazono for rare name characters; cairo embeds the subset of each
 * font actually used, so the PDF prints the same on any machine.
 *
 * Units are PDF points (1/72 inch); font sizes are absolute point sizes so the
 * cairo context's resolution does not matter. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "../intl.h"
#include "pdf-int.h"
#include "yz_config.h"

/* The page's geometry and type sizes; tight sets lines and spaces closer
 * (a document that would leave a few lines on a second page). */
static void page_setup(pdf_page *pg, yz_paper paper, double w, double h, bool tight)
{
	bool a4 = paper == YZ_PAPER_A4;
	/* margins close to the official document layout (GB/T 9704): about 28 mm
	 * left, 26 mm right, 37 mm top, 35 mm bottom on A4; scaled down on A5;
	 * 20 mm all round on a landscape page (a wide register) */
	double k = a4 ? 1.0 : 0.7;
	bool wide = w > h;
	pg->width = w;
	pg->left = (wide ? 57 : 79) * k;
	pg->right = w - (wide ? 57 : 74) * k;
	pg->top = (wide ? 57 : 100) * k;
	pg->bottom = h - (wide ? 57 : 90) * k;
	pg->foot_y = (pg->bottom + h) / 2;
	pg->y = pg->top;
	pg->body = a4 ? 14 : 11;
	pg->large = a4 ? 22 : 17;
	pg->small = a4 ? 10.5 : 8.5; /* 10.5 pt is the Chinese "size 5" of forms */
	pg->spacing = tight ? 1.25 : 1.5;
	pg->gaps = tight ? 0.5 : 1.0;
	pg->split_at = -1;
	pg->side_top = -1;
}

/* The page's number and the number of pages, from the document's format:
 * its first %d gets n, its second total (%% is a percent sign); no printf
 * with a translated format. */
static void page_number_text(const char *fmt, int n, int total, char *buf, size_t size)
{
	size_t o = 0;
	int used = 0;
	for (const char *p = fmt; *p && o + 12 < size; p++) {
		if (p[0] == '%' && p[1] == 'd') {
			o += (size_t)snprintf(buf + o, size - o, "%d", used++ == 0 ? n : total);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf[o++] = '%';
			p++;
		} else {
			buf[o++] = *p;
		}
	}
	buf[o] = '\0';
}

/* The page-number line of the page being finished, small and centred in
 * the bottom margin (only once the number of pages is known). */
static void draw_footer(pdf_page *pg)
{
	if (!pg->foot || pg->total <= 0)
		return;
	char text[128];
	page_number_text(pg->foot, pg->pages + 1, pg->total, text, sizeof text);
	PangoLayout *l =
	    yz_pdf_layout(pg, text, YZ_STYLE_SMALL | YZ_STYLE_CENTER, pg->right - pg->left);
	int h;
	pango_layout_get_size(l, NULL, &h);
	cairo_move_to(pg->cr, pg->left, pg->foot_y - PU(h) / 2);
	pango_cairo_show_layout(pg->cr, l);
	g_object_unref(l);
}

/* The head of the page being finished (a questionnaire's serial number):
 * bold at the top right, in the top margin. */
static void draw_head(pdf_page *pg)
{
	if (!pg->head || !*pg->head)
		return;
	PangoLayout *l =
	    yz_pdf_layout(pg, pg->head, YZ_STYLE_BOLD | YZ_STYLE_RIGHT, pg->right - pg->left);
	cairo_move_to(pg->cr, pg->left, pg->top * 0.4);
	pango_cairo_show_layout(pg->cr, l);
	g_object_unref(l);
}

void yz_pdf_new_page(pdf_page *pg)
{
	draw_footer(pg);
	draw_head(pg);
	cairo_show_page(pg->cr);
	pg->pages++;
	pg->y = pg->top;
}

PangoLayout *yz_pdf_layout(pdf_page *pg, const char *text, unsigned style, double width)
{
	PangoLayout *layout = pango_cairo_create_layout(pg->cr);
	PangoFontDescription *fd = pango_font_description_from_string(YZ_PRINT_FONTS);
	double size = (style & YZ_STYLE_DOUBLE)  ? pg->large
	              : (style & YZ_STYLE_SMALL) ? pg->small
	                                         : pg->body;
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (style & (YZ_STYLE_BOLD | YZ_STYLE_DOUBLE))
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	/* small print and table cells are set tighter than body text */
	pango_layout_set_line_spacing(layout,
	                              (float)((style & YZ_STYLE_SMALL) ? 1.25 : pg->spacing));
	if (style & YZ_STYLE_CENTER)
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	else if (style & YZ_STYLE_RIGHT)
		pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
	if (style & YZ_STYLE_INDENT) /* two characters: two ems */
		pango_layout_set_indent(layout, (int)(2 * size * PANGO_SCALE));
	/* "1502" and its room word, "3" and its unit, stay on one line */
	char *joined = yz_text_join_units(text);
	pango_layout_set_text(layout, joined ? joined : text, -1);
	free(joined);
	return layout;
}

/* Where a layout of n lines (tops and bottoms in layout points) breaks
 * when drawn from pg->y: brk[i] is set when line i starts a new page. A
 * paragraph does not leave its first line alone at the foot of a page, nor
 * its last alone at the top of the next; pg->split_at forces a break. */
static void plan_breaks(const pdf_page *pg, int n, const double *top, const double *bot, bool *brk)
{
	double start = pg->y, offset = 0;
	bool fresh = pg->y <= pg->top + 0.5;
	int first = 0; /* first line on the current page */
	for (int i = 0; i < n; i++) {
		bool over = start + bot[i] - offset > pg->bottom && !(i == first && fresh);
		if (i == pg->split_at && i > first)
			over = true;
		if (!over)
			continue;
		int b = i;
		if (i == n - 1 && i - first >= 3 && pg->split_at < 0)
			b = i - 1; /* the last line takes the one before it along */
		else if (i - first == 1 && first == 0 && !fresh)
			b = 0; /* the first line alone: the paragraph starts on the next page */
		brk[b] = true;
		start = pg->top;
		offset = top[b];
		first = b;
		fresh = true;
		i = b;
	}
}

/* Draw a layout at x from pg->y line by line, starting a new page where
 * plan_breaks says. */
static void show_paged(pdf_page *pg, PangoLayout *layout, double x)
{
	int n = pango_layout_get_line_count(layout);
	double *top = calloc((size_t)n + 1, 2 * sizeof *top);
	bool *brk = calloc((size_t)n + 1, sizeof *brk);
	if (!top || !brk) {
		free(top);
		free(brk);
		return;
	}
	double *bot = top + n + 1;
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	int i = 0;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		top[i] = PU(r.y);
		bot[i++] = PU(r.y + r.height);
	} while (pango_layout_iter_next_line(it) && i < n);
	pango_layout_iter_free(it);
	plan_breaks(pg, n, top, bot, brk);
	pg->split_at = -1;

	it = pango_layout_get_iter(layout);
	double offset = 0; /* layout y that maps to the page's pg->y */
	double start = pg->y, end = pg->y;
	i = 0;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		if (i < n && brk[i]) {
			yz_pdf_new_page(pg);
			start = pg->top;
			offset = top[i];
		}
		double base = PU(pango_layout_iter_get_baseline(it));
		cairo_move_to(pg->cr, x + PU(r.x), start + base - offset);
		pango_cairo_show_layout_line(pg->cr, pango_layout_iter_get_line_readonly(it));
		end = start + PU(r.y + r.height) - offset;
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	free(top);
	free(brk);
	pg->y = end;
}

static void draw_text(pdf_page *pg, const yz_block *b)
{
	PangoLayout *layout = yz_pdf_layout(pg, b->text, b->style, pg->right - pg->left);
	show_paged(pg, layout, pg->left);
	g_object_unref(layout);
	double gap = (b->style & YZ_STYLE_DOUBLE) ? 1.0 : 0.3;
	pg->y += ((b->style & YZ_STYLE_SMALL) ? pg->small : pg->body) * gap;
}

/* A verification code in a bold fixed-width face. */
static void set_code_font(PangoLayout *layout, double size)
{
	PangoFontDescription *fd = pango_font_description_from_string(YZ_CODE_FONTS);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
}

/* A list item and the separator after it fit a line of the value column. */
typedef struct item_room {
	pdf_page *pg;
	double width; /* the value column, points */
} item_room;

static bool item_fits(const char *item, void *ctx)
{
	item_room *r = ctx;
	PangoLayout *l = yz_pdf_layout(r->pg, item, 0, 0);
	int w;
	pango_layout_get_size(l, &w, NULL);
	g_object_unref(l);
	return PU(w) + r->pg->body <= r->width;
}

/* The value of a key-value row laid out in width points: a list ("A, B, C")
 * breaks at its separators, not inside an item that fits a line. */
static PangoLayout *value_layout(pdf_page *pg, const char *value, double width)
{
	item_room room = {pg, width};
	char *joined = yz_text_join_items(value, item_fits, &room);
	PangoLayout *l = yz_pdf_layout(pg, joined ? joined : value, 0, width);
	free(joined);
	return l;
}

/* "key: value" with the value wrapping in its own column. */
static void draw_kv(pdf_page *pg, const yz_block *b)
{
	char *key = yz_strdup_printf("%s%s", b->text, pg->sep);
	if (!key)
		return;
	PangoLayout *kl = yz_pdf_layout(pg, key, 0, 0);
	free(key);
	int kw, kh;
	pango_layout_get_size(kl, &kw, &kh);
	double key_base = PU(pango_layout_get_baseline(kl));
	double width = pg->right - pg->left;
	double vx = PU(kw) < width / 2 ? PU(kw) : 2 * pg->body;
	if (pg->y + PU(kh) > pg->bottom)
		yz_pdf_new_page(pg);
	cairo_move_to(pg->cr, pg->left, pg->y);
	pango_cairo_show_layout(pg->cr, kl);
	g_object_unref(kl);
	if (vx != PU(kw)) /* a very long key: the value starts below it */
		pg->y += PU(kh);
	if (*b->value) {
		PangoLayout *vl = b->kind == YZ_BLOCK_CODE
		                      ? yz_pdf_layout(pg, b->value, 0, width - vx)
		                      : value_layout(pg, b->value, width - vx);
		double shift = 0; /* the code's face has other metrics: share the baseline */
		if (b->kind == YZ_BLOCK_CODE)
			set_code_font(vl, pg->body);
		if (b->kind == YZ_BLOCK_CODE && vx == PU(kw))
			shift = key_base - PU(pango_layout_get_baseline(vl));
		pg->y += shift;
		show_paged(pg, vl, pg->left + vx);
		pg->y -= shift > 0 ? 0 : shift;
		g_object_unref(vl);
	} else {
		pg->y += PU(kh);
	}
	if (pg->gaps >= 1) /* a little air between rows, none on a tightened page */
		pg->y += pg->body * 0.2;
}

/* "label: ______" from x over width points, the line on the text's baseline. */
static void sign_field(pdf_page *pg, const char *label, double x, double width, double y)
{
	char *text = yz_strdup_printf("%s%s", label, pg->sep);
	if (!text)
		return;
	PangoLayout *l = yz_pdf_layout(pg, text, 0, 0);
	free(text);
	int w;
	pango_layout_get_size(l, &w, NULL);
	double base = PU(pango_layout_get_baseline(l));
	cairo_move_to(pg->cr, x, y);
	pango_cairo_show_layout(pg->cr, l);
	g_object_unref(l);
	double x1 = x + PU(w) + 2, x2 = x + width;
	if (x2 < x1 + 4 * pg->body) /* a long label: at least four characters to sign on */
		x2 = x1 + 4 * pg->body;
	cairo_set_line_width(pg->cr, 0.6);
	cairo_move_to(pg->cr, x1, y + base + 2);
	cairo_line_to(pg->cr, x2, y + base + 2);
	cairo_stroke(pg->cr);
}

/* One or two signature fields on a line, with room above to write in. */
static void draw_signature(pdf_page *pg, const yz_block *b)
{
	double h = pg->body * pg->spacing * 2;
	double width = pg->right - pg->left;
	bool two = b->value && *b->value;
	if (two && pg->side_top >= 0) { /* beside the seal: one field a line */
		yz_block one = *b;
		one.value = NULL;
		draw_signature(pg, &one);
		one.text = b->value;
		draw_signature(pg, &one);
		return;
	}
	if (pg->y + h > pg->bottom)
		yz_pdf_new_page(pg);
	double y = pg->y + pg->body * pg->spacing * 0.8;
	sign_field(pg, b->text, pg->left,
	           two ? width * 0.55 : width * (pg->side_top >= 0 ? 0.9 : 0.6), y);
	if (two)
		sign_field(pg, b->value, pg->left + width * 0.62, width * 0.38, y);
	pg->y += h;
}

static void draw_rule(pdf_page *pg)
{
	double y = pg->y + pg->body * 0.5;
	cairo_set_line_width(pg->cr, 0.6);
	cairo_move_to(pg->cr, pg->left, y);
	cairo_line_to(pg->cr, pg->right, y);
	cairo_stroke(pg->cr);
	pg->y += pg->body;
}

/* A QR code as vector squares: sharp at any printer resolution. */
static void draw_qr(pdf_page *pg, const yz_block *b)
{
	QRcode *qr = QRcode_encodeString(b->text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return;
	double m = pg->body * 0.2, size = qr->width * m, quiet = 2 * m;
	if (pg->y + size + 2 * quiet > pg->bottom)
		yz_pdf_new_page(pg);
	double x0 = pg->left;
	if (b->style & YZ_STYLE_CENTER)
		x0 = (pg->left + pg->right - size) / 2;
	else if (b->style & YZ_STYLE_RIGHT)
		x0 = pg->right - size;
	double y0 = pg->y + quiet;
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				cairo_rectangle(pg->cr, x0 + x * m, y0 + y * m, m, m);
	cairo_fill(pg->cr);
	QRcode_free(qr);
	pg->y = y0 + size + quiet;
}

/* The issuer's closing lines (the office over the date, centred on each
 * other) and the seal area over them: their layout, its size (cw x ch points)
 * and the side of the dashed square: the seal's size (42 mm on A4), or more
 * so that it holds the lines with a margin, as a round stamp covers the
 * office's name and the date on any Chinese certificate. */
static PangoLayout *seal_layout(pdf_page *pg, const yz_block *b, double *cw, double *ch, double *bw,
                                double *bh)
{
	double width = pg->right - pg->left;
	PangoLayout *cl = yz_pdf_layout(pg, b->text, YZ_STYLE_CENTER, 0);
	int w, h;
	pango_layout_get_size(cl, &w, &h);
	if (PU(w) > width * 0.6) { /* a very long name wraps */
		g_object_unref(cl);
		cl = yz_pdf_layout(pg, b->text, YZ_STYLE_CENTER, width * 0.6);
		pango_layout_get_size(cl, &w, &h);
		g_object_unref(cl); /* centred on its longest line, not on the wrap width */
		cl = yz_pdf_layout(pg, b->text, YZ_STYLE_CENTER, PU(w) + 1);
		pango_layout_get_size(cl, &w, &h);
	}
	*cw = PU(w);
	*ch = PU(h);
	double margin = pg->body * 0.5;
	*bw = *bh = pg->body * 8.5;
	if (*bw < *cw + 2 * margin)
		*bw = *cw + 2 * margin;
	if (*bh < *ch + 2 * margin)
		*bh = *ch + 2 * margin;
	return cl;
}

/* The closing lines at the right with the seal area over them (the label
 * ("(seal)"), if any, small and grey at the top of the square); beside the
 * lines before it (pg->side_top) when they began on this page and it fits
 * there, else below them. */
static void draw_seal(pdf_page *pg, const yz_block *b)
{
	double top = -1;
	if (pg->side_top >= 0) {
		pg->right = pg->side_right;
		if (pg->side_page == pg->pages)
			top = pg->side_top;
		pg->side_top = -1;
	}
	double cw, ch, bw, height;
	PangoLayout *cl = seal_layout(pg, b, &cw, &ch, &bw, &height);
	if (top >= 0 && top + height > pg->bottom)
		top = -1;
	if (top < 0) {
		if (pg->y + height > pg->bottom && pg->y > pg->top)
			yz_pdf_new_page(pg);
		top = pg->y;
	}
	double bx = pg->right - bw, by = top;
	double cx = bx + (bw - cw) / 2, cy = top + (height - ch) / 2;
	cairo_move_to(pg->cr, cx, cy);
	pango_cairo_show_layout(pg->cr, cl);
	g_object_unref(cl);

	cairo_save(pg->cr);
	cairo_set_source_rgb(pg->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(pg->cr, 0.5);
	double dash[] = {3, 3};
	cairo_set_dash(pg->cr, dash, 2, 0);
	cairo_rectangle(pg->cr, bx, by, bw, height);
	cairo_stroke(pg->cr);
	if (b->value && *b->value) {
		PangoLayout *ll = yz_pdf_layout(pg, b->value, YZ_STYLE_SMALL | YZ_STYLE_CENTER, bw);
		cairo_move_to(pg->cr, bx, by + pg->small * 0.5);
		pango_cairo_show_layout(pg->cr, ll);
		g_object_unref(ll);
	}
	cairo_restore(pg->cr);
	if (pg->y < top + height)
		pg->y = top + height;
	pg->y += pg->body * 0.5 * pg->gaps;
}

/* A bar chart's row, in small print: the label wrapped in the left three
 * tenths of the text width, a grey bar of n permille of three fifths of the
 * rest (the same scale on every row), the value just after the bar. */
static void draw_bar(pdf_page *pg, const yz_block *b)
{
	double width = pg->right - pg->left, gap = pg->small * 0.6;
	double lw = width * 0.3, full = (width - lw - gap) * 0.6;
	double len = full * b->n / 1000.0;
	double bx = pg->left + lw + gap, vx = bx + len + (len > 0 ? gap : 0);
	PangoLayout *ll = yz_pdf_layout(pg, b->text, YZ_STYLE_SMALL, lw);
	PangoLayout *vl = yz_pdf_layout(pg, b->value, YZ_STYLE_SMALL, pg->right - vx);
	int lh, vh;
	pango_layout_get_size(ll, NULL, &lh);
	pango_layout_get_size(vl, NULL, &vh);
	PangoRectangle first;
	pango_layout_line_get_extents(pango_layout_get_line_readonly(ll, 0), NULL, &first);
	double line = PU(first.height) > 0 ? PU(first.height) : pg->small * 1.25;
	double bh = pg->small * 0.8;
	double h = PU(lh) > PU(vh) ? PU(lh) : PU(vh);
	if (h < bh)
		h = bh;
	if (pg->y + h > pg->bottom && pg->y > pg->top + 0.5)
		yz_pdf_new_page(pg);
	cairo_move_to(pg->cr, pg->left, pg->y);
	pango_cairo_show_layout(pg->cr, ll);
	if (len > 0) {
		cairo_save(pg->cr);
		cairo_set_source_rgb(pg->cr, 0.55, 0.55, 0.55);
		cairo_rectangle(pg->cr, bx, pg->y + (line - bh) / 2, len, bh);
		cairo_fill(pg->cr);
		cairo_restore(pg->cr);
	}
	cairo_move_to(pg->cr, vx, pg->y);
	pango_cairo_show_layout(pg->cr, vl);
	g_object_unref(ll);
	g_object_unref(vl);
	pg->y += h + pg->small * 0.3;
}

/* A new page (unless at the top of one) whose head, and that of the pages
 * after it, is the block's text. */
static void draw_page(pdf_page *pg, const yz_block *b)
{
	if (pg->measuring)
		return;
	if (pg->y > pg->top + 0.5)
		yz_pdf_new_page(pg);
	pg->head = b->text;
}

static void draw_block(pdf_page *pg, const yz_block *b)
{
	switch (b->kind) {
	case YZ_BLOCK_TEXT:
		draw_text(pg, b);
		break;
	case YZ_BLOCK_KV:
	case YZ_BLOCK_CODE:
		draw_kv(pg, b);
		break;
	case YZ_BLOCK_SIGNATURE:
		draw_signature(pg, b);
		break;
	case YZ_BLOCK_TABLE:
		yz_pdf_table(pg, b->table);
		break;
	case YZ_BLOCK_RULE:
		draw_rule(pg);
		break;
	case YZ_BLOCK_QR:
		draw_qr(pg, b);
		break;
	case YZ_BLOCK_SPACE:
		pg->y += b->n * pg->body * pg->spacing * pg->gaps;
		if (pg->y > pg->bottom)
			yz_pdf_new_page(pg);
		break;
	case YZ_BLOCK_SEAL_BOX:
		draw_seal(pg, b);
		break;
	case YZ_BLOCK_BAR:
		draw_bar(pg, b);
		break;
	case YZ_BLOCK_PAGE:
		draw_page(pg, b);
		break;
	}
}

/* ---- the seal beside the closing lines -------------------------------------- */

/* Lines that may run at the left of the seal: to sign on, key and value. */
static bool is_closing_line(const yz_block *b)
{
	return b->kind == YZ_BLOCK_SIGNATURE || b->kind == YZ_BLOCK_KV;
}

/* When block i is the first of up to four closing lines right before a seal
 * (or the space before them) with room at their left (half the text width at
 * least), the index of that seal; else 0. */
static size_t seal_beside(pdf_page *pg, const yz_doc *d, size_t i)
{
	size_t k = i;
	if (d->blocks[i].kind == YZ_BLOCK_SPACE)
		k++;
	else if (i > 0 &&
	         (is_closing_line(&d->blocks[i - 1]) || d->blocks[i - 1].kind == YZ_BLOCK_SPACE))
		return 0;
	size_t first = k;
	while (k < d->n_blocks && k < first + 4 && is_closing_line(&d->blocks[k]))
		k++;
	if (k == first || k >= d->n_blocks || d->blocks[k].kind != YZ_BLOCK_SEAL_BOX)
		return 0;
	double cw, ch, bw, bh;
	g_object_unref(seal_layout(pg, &d->blocks[k], &cw, &ch, &bw, &bh));
	return bw + pg->body <= (pg->right - pg->left) * 0.5 ? k : 0;
}

/* Draw block i of d, the closing lines before a seal narrowed to its left. */
static void draw_at(pdf_page *pg, const yz_doc *d, size_t i)
{
	if (pg->side_top < 0 && seal_beside(pg, d, i)) {
		double cw, ch, bw, bh;
		size_t k = seal_beside(pg, d, i);
		g_object_unref(seal_layout(pg, &d->blocks[k], &cw, &ch, &bw, &bh));
		pg->side_top = pg->y;
		pg->side_page = pg->pages;
		pg->side_right = pg->right;
		pg->right -= bw + pg->body;
	}
	draw_block(pg, &d->blocks[i]);
}

/* ---- keeping blocks together ------------------------------------------------ */

/* A heading: a title or a bold line of body text. */
static bool is_heading(const yz_block *b)
{
	return b->kind == YZ_BLOCK_TEXT && (b->style & (YZ_STYLE_BOLD | YZ_STYLE_DOUBLE)) &&
	       !(b->style & YZ_STYLE_SMALL);
}

/* Whether space or a rule at block i stays with what follows: after a
 * heading (and the space and rules after one). Not after the blocks of a
 * yz_doc_keep_together run: space that ends such a run ends it, so that the
 * run (a questionnaire's question) is measured whole and not chained to the
 * next one. */
static bool gap_after_heading(const yz_doc *d, size_t i)
{
	const yz_block *b = &d->blocks[i];
	if (b->kind != YZ_BLOCK_SPACE && b->kind != YZ_BLOCK_RULE)
		return false;
	if (i == 0)
		return false;
	const yz_block *p = &d->blocks[i - 1];
	return is_heading(p) || gap_after_heading(d, i - 1);
}

/* Whether block i stays on the page of the block after it: marked so by
 * yz_doc_keep_together, a heading, or space and rules after a heading. */
static bool keeps_next(const yz_doc *d, size_t i)
{
	const yz_block *b = &d->blocks[i];
	if ((b->style & YZ_STYLE_KEEP) || is_heading(b))
		return true;
	return gap_after_heading(d, i);
}

/* Points block b takes when drawn (its gap after included), measured on the
 * scratch surface. */
static double block_height(const pdf_page *pg, const yz_block *b)
{
	pdf_page m = *pg;
	m.cr = cairo_create(pg->scratch);
	m.y = m.top = 0;
	m.bottom = 1e9;
	m.split_at = -1;
	m.foot = NULL;
	m.head = NULL;
	m.measuring = true;
	draw_block(&m, b);
	cairo_destroy(m.cr);
	return m.y;
}

/* Points blocks from..to-1 of d take when drawn one after the other. */
static double run_height(const pdf_page *pg, const yz_doc *d, size_t from, size_t to)
{
	pdf_page m = *pg;
	m.cr = cairo_create(pg->scratch);
	m.y = m.top = 0;
	m.bottom = 1e9;
	m.split_at = -1;
	m.side_top = -1;
	m.foot = NULL;
	m.head = NULL;
	m.measuring = true;
	for (size_t k = from; k < to; k++)
		draw_at(&m, d, k);
	cairo_destroy(m.cr);
	return m.y;
}

/* A paragraph's line count and the points of its first two lines (lead)
 * and of its last two with the gap after it (tail). */
static int text_lines(pdf_page *pg, const yz_block *b, double *lead, double *tail)
{
	PangoLayout *l = yz_pdf_layout(pg, b->text, b->style, pg->right - pg->left);
	int n = pango_layout_get_line_count(l), h;
	pango_layout_get_size(l, NULL, &h);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double first_top = 0, second_bot = 0, tail_top = 0;
	for (int i = 0; i < n; i++) {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		if (i == 0)
			first_top = PU(r.y);
		if (i == (n > 1 ? 1 : 0))
			second_bot = PU(r.y + r.height);
		if (i == (n > 1 ? n - 2 : 0))
			tail_top = PU(r.y);
		pango_layout_iter_next_line(it);
	}
	pango_layout_iter_free(it);
	g_object_unref(l);
	double gap = ((b->style & YZ_STYLE_SMALL) ? pg->small : pg->body) *
	             ((b->style & YZ_STYLE_DOUBLE) ? 1.0 : 0.3);
	*lead = second_bot - first_top;
	*tail = PU(h) - tail_top + gap;
	return n;
}

/* The points that must follow a kept block on its page: a paragraph's first
 * two lines, a table's header and first row, anything else whole. */
static double lead_height(pdf_page *pg, const yz_block *b)
{
	double lead, tail;
	if (b->kind == YZ_BLOCK_TEXT) {
		text_lines(pg, b, &lead, &tail);
		return lead;
	}
	if (b->kind == YZ_BLOCK_TABLE)
		return yz_pdf_table_lead(pg, b->table);
	return block_height(pg, b);
}

/* Before drawing block i, the first of blocks kept together: when they do
 * not fit on what is left of the page but fit on a page, start a new page
 * before them, or, when the first is a paragraph of four lines or more,
 * only before its last two lines. */
static void keep_with_next(pdf_page *pg, const yz_doc *d, size_t i)
{
	size_t j = i;
	while (j < d->n_blocks && keeps_next(d, j))
		j++;
	double full = block_height(pg, &d->blocks[i]), mid = run_height(pg, d, i + 1, j);
	double lead = 0;
	if (j < d->n_blocks && j > i && d->blocks[j].kind == YZ_BLOCK_SEAL_BOX)
		lead = run_height(pg, d, i + 1, j + 1) - mid; /* perhaps beside the lines */
	else if (j < d->n_blocks && j > i)
		lead = lead_height(pg, &d->blocks[j]);
	if (j < d->n_blocks && j > i && d->blocks[j].kind == YZ_BLOCK_TABLE) {
		/* a table goes whole with its heading when both fit on a page */
		double all = block_height(pg, &d->blocks[j]);
		if (full + mid + all <= pg->bottom - pg->top)
			lead = all;
	}
	if (pg->y + full + mid + lead <= pg->bottom || pg->y <= pg->top + 0.5)
		return;
	double head_lead, tail = full;
	int n = 0;
	if (d->blocks[i].kind == YZ_BLOCK_TEXT)
		n = text_lines(pg, &d->blocks[i], &head_lead, &tail);
	if (n < 4)
		tail = full;
	if (tail + mid + lead > pg->bottom - pg->top)
		return; /* taller than a page: nothing to keep */
	if (n >= 4 && pg->y + full - tail <= pg->bottom)
		pg->split_at = n - 2;
	else
		yz_pdf_new_page(pg);
}

/* The creation date: the document's, else SOURCE_DATE_EPOCH (reproducible
 * builds' convention), else none of ours: cairo then writes the time of
 * rendering (the library reads no clock; the service dates its documents from
 * the session's). Written explicitly so that the same document gives the same
 * bytes (golden files, reprints that compare equal). */
static void set_dates(cairo_surface_t *s, time_t created)
{
	if (created == 0) {
		const char *env = getenv("SOURCE_DATE_EPOCH");
		char *end = NULL;
		long long v = env && *env ? strtoll(env, &end, 10) : -1;
		if (v < 0 || !end || *end != '\0')
			return;
		created = (time_t)v;
	}
	struct tm tm;
	char iso[32];
	if (!gmtime_r(&created, &tm) || !strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, iso);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, iso);
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	yz_buf *b = closure;
	yz_buf_add(b, data, length);
	return b->oom ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

static void paper_size(yz_paper paper, double *w, double *h)
{
	if (paper == YZ_PAPER_A5) {
		*w = 419.528;
		*h = 595.276;
	} else {
		*w = 595.276;
		*h = 841.890;
	}
}

/* Whether a table of d needs a landscape page: its columns' needs do not fit
 * the text width of a portrait one (measured on pg, a portrait page). */
static bool wants_landscape(pdf_page *pg, const yz_doc *d)
{
	for (size_t i = 0; i < d->n_blocks; i++)
		if (d->blocks[i].kind == YZ_BLOCK_TABLE &&
		    yz_pdf_table_min_width(pg, d->blocks[i].table) > pg->right - pg->left)
			return true;
	return false;
}

/* Draw d on a PDF surface of w x h points into buf; returns the pages, or
 * -1 with st set. total: the pages a pass before counted, for the page
 * numbers (0: none drawn). */
static int render_to(const yz_doc *d, yz_paper paper, double w, double h, bool tight, int total,
                     cairo_surface_t *scratch, yz_buf *buf, cairo_status_t *st)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, buf, w, h);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "yizhan " YZ_VERSION);
	set_dates(s, d->created);
	pdf_page pg = {.cr = cairo_create(s), .scratch = scratch, .sep = yz_doc_sep(d)};
	page_setup(&pg, paper, w, h, tight);
	pg.foot = d->page_numbers ? d->page_fmt : NULL;
	pg.total = total;
	cairo_set_source_rgb(pg.cr, 0, 0, 0);
	for (size_t i = 0; i < d->n_blocks; i++) {
		if (keeps_next(d, i) && (i == 0 || !keeps_next(d, i - 1)))
			keep_with_next(&pg, d, i);
		draw_at(&pg, d, i);
	}
	draw_footer(&pg);
	draw_head(&pg);
	cairo_show_page(pg.cr);
	*st = cairo_status(pg.cr);
	cairo_destroy(pg.cr);
	cairo_surface_finish(s);
	if (*st == CAIRO_STATUS_SUCCESS)
		*st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return *st == CAIRO_STATUS_SUCCESS && !buf->oom ? pg.pages + 1 : -1;
}

int yzr_pdf_render(const yz_doc *d, yz_paper paper, unsigned char **out, size_t *len, yz_err *err)
{
	*out = NULL;
	*len = 0;
	if (!d || d->oom) {
		yz_err_set(err, _("Out of memory while preparing the document."));
		return -1;
	}
	double w, h;
	paper_size(paper, &w, &h);
	cairo_surface_t *scratch = cairo_pdf_surface_create_for_stream(NULL, NULL, w, h);
	pdf_page probe = {.cr = cairo_create(scratch), .scratch = scratch, .sep = yz_doc_sep(d)};
	page_setup(&probe, paper, w, h, false);
	if (d->landscape || wants_landscape(&probe, d)) {
		double t = w;
		w = h;
		h = t;
	}
	cairo_destroy(probe.cr);
	yz_buf buf = {0};
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	int pages = render_to(d, paper, w, h, false, 0, scratch, &buf, &st);
	bool tightened = false;
	if (pages == 2) { /* a few lines over one page: closer lines may fit them */
		yz_buf tight = {0};
		cairo_status_t st2 = CAIRO_STATUS_SUCCESS;
		if (render_to(d, paper, w, h, true, 0, scratch, &tight, &st2) == 1) {
			yz_buf_free(&buf);
			buf = tight;
			pages = 1;
			tightened = true;
		} else {
			yz_buf_free(&tight);
		}
	}
	if (pages > 0 && d->page_numbers) { /* now that the number of pages is known */
		yz_buf_free(&buf);
		pages = render_to(d, paper, w, h, tightened, pages, scratch, &buf, &st);
	}
	cairo_surface_destroy(scratch);
	if (pages < 0) {
		yz_buf_free(&buf);
		yz_err_set(err, _("The PDF could not be made: %s."), cairo_status_to_string(st));
		return -1;
	}
	*out = yz_buf_take(&buf, len);
	return *out ? 0 : -1;
}
