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

static void page_setup(pdf_page *pg, yz_paper paper, double w, double h)
{
	bool a4 = paper == YZ_PAPER_A4;
	/* margins close to the official document layout (GB/T 9704): about 28 mm
	 * left, 26 mm right, 37 mm top, 35 mm bottom on A4; scaled down on A5 */
	double k = a4 ? 1.0 : 0.7;
	pg->width = w;
	pg->left = 79 * k;
	pg->right = w - 74 * k;
	pg->top = 100 * k;
	pg->bottom = h - 90 * k;
	pg->y = pg->top;
	pg->body = a4 ? 14 : 11;
	pg->large = a4 ? 22 : 17;
	pg->small = a4 ? 10.5 : 8.5; /* 10.5 pt is the Chinese "size 5" of forms */
	pg->spacing = 1.5;
}

void yz_pdf_new_page(pdf_page *pg)
{
	cairo_show_page(pg->cr);
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
	pango_layout_set_text(layout, text, -1);
	return layout;
}

/* Draw a layout at x from pg->y line by line, starting a new page whenever a
 * line would cross the bottom margin. */
static void show_paged(pdf_page *pg, PangoLayout *layout, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	double offset = 0; /* layout y that maps to the page's pg->y */
	double start = pg->y, end = pg->y;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double top = PU(r.y), bot = PU(r.y + r.height);
		if (start + bot - offset > pg->bottom && start + top - offset > pg->top) {
			yz_pdf_new_page(pg);
			start = pg->top;
			offset = top;
		}
		double base = PU(pango_layout_iter_get_baseline(it));
		cairo_move_to(pg->cr, x + PU(r.x), start + base - offset);
		pango_cairo_show_layout_line(pg->cr, pango_layout_iter_get_line_readonly(it));
		end = start + bot - offset;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
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

/* "key: value" with the value wrapping in its own column. */
static void draw_kv(pdf_page *pg, const yz_block *b)
{
	char *key = yz_strdup_printf("%s\xef\xbc\x9a", b->text);
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
		PangoLayout *vl = yz_pdf_layout(pg, b->value, 0, width - vx);
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
	pg->y += pg->body * 0.2;
}

/* "label: ______" from x over width points, the line on the text's baseline. */
static void sign_field(pdf_page *pg, const char *label, double x, double width, double y)
{
	char *text = yz_strdup_printf("%s\xef\xbc\x9a", label);
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
	if (pg->y + h > pg->bottom)
		yz_pdf_new_page(pg);
	double width = pg->right - pg->left;
	double y = pg->y + pg->body * pg->spacing * 0.8;
	bool two = b->value && *b->value;
	sign_field(pg, b->text, pg->left, two ? width * 0.55 : width * 0.6, y);
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

/* The seal area at the right: a dashed square of seal size (42 mm on A4) with
 * the caption (issuing office, date) across its lower half, where the stamp
 * will overlap it as on any Chinese certificate. */
static void draw_seal(pdf_page *pg, const yz_block *b)
{
	double box = pg->body * 8.5;
	if (pg->y + box > pg->bottom)
		yz_pdf_new_page(pg);
	double bx = pg->right - box;
	cairo_save(pg->cr);
	cairo_set_source_rgb(pg->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(pg->cr, 0.5);
	double dash[] = {3, 3};
	cairo_set_dash(pg->cr, dash, 2, 0);
	cairo_rectangle(pg->cr, bx, pg->y, box, box);
	cairo_stroke(pg->cr);
	cairo_restore(pg->cr);

	double cw = box + 2 * pg->body;
	PangoLayout *cl = yz_pdf_layout(pg, b->text, YZ_STYLE_CENTER, cw);
	double cx = bx + box / 2 - cw / 2;
	if (cx + cw > pg->right)
		cx = pg->right - cw;
	int w, h;
	pango_layout_get_size(cl, &w, &h);
	double cy = pg->y + box * 0.45;
	cairo_move_to(pg->cr, cx, cy);
	pango_cairo_show_layout(pg->cr, cl);
	g_object_unref(cl);
	double end = cy + PU(h) > pg->y + box ? cy + PU(h) : pg->y + box;
	pg->y = end + pg->body * 0.5;
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
		pg->y += b->n * pg->body * pg->spacing;
		if (pg->y > pg->bottom)
			yz_pdf_new_page(pg);
		break;
	case YZ_BLOCK_SEAL_BOX:
		draw_seal(pg, b);
		break;
	}
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
	yz_buf buf = {0};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, &buf, w, h);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "yizhan " YZ_VERSION);
	set_dates(s, d->created);
	pdf_page pg = {.cr = cairo_create(s)};
	page_setup(&pg, paper, w, h);
	cairo_set_source_rgb(pg.cr, 0, 0, 0);
	for (size_t i = 0; i < d->n_blocks; i++)
		draw_block(&pg, &d->blocks[i]);
	cairo_show_page(pg.cr);
	cairo_status_t st = cairo_status(pg.cr);
	cairo_destroy(pg.cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS || buf.oom) {
		yz_buf_free(&buf);
		yz_err_set(err, _("The PDF could not be made: %s."), cairo_status_to_string(st));
		return -1;
	}
	*out = yz_buf_take(&buf, len);
	return *out ? 0 : -1;
}
