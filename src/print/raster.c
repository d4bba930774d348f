/* 1-bit images for receipt printers: a line of text drawn by pango (for
 * characters the printer's encoding cannot take; QR codes are qr.c's). It
 * becomes a GS v 0 raster block, which every ESC/POS model understands.
 * Part of the render module (render-int.h): escpos.c reaches it through
 * yz_raster_text (loader.c). */
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "../intl.h"
#include "render-int.h"

/* ---- text ------------------------------------------------------------------------ */

/* A layout for one receipt line: receipt fonts at 24 dots (48 when double),
 * as wide as the paper, aligned per style. */
static PangoLayout *line_layout(cairo_t *cr, const char *text, unsigned style, int width)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(YZ_RECEIPT_FONTS);
	int px = (style & YZ_STYLE_DOUBLE) ? 2 * YZ_RECEIPT_LINE_DOTS : YZ_RECEIPT_LINE_DOTS;
	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	if (style & YZ_STYLE_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(layout, width * PANGO_SCALE);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (style & YZ_STYLE_CENTER)
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	else if (style & YZ_STYLE_RIGHT)
		pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
	pango_layout_set_text(layout, text, -1);
	return layout;
}

/* Height in dots the line needs (at least one text line). */
static int measure_line(const char *text, unsigned style, int width)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
	cairo_t *cr = cairo_create(s);
	PangoLayout *layout = line_layout(cr, text, style, width);
	int w, h;
	pango_layout_get_pixel_size(layout, &w, &h);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	int min = (style & YZ_STYLE_DOUBLE) ? 2 * YZ_RECEIPT_LINE_DOTS : YZ_RECEIPT_LINE_DOTS;
	return h > min ? h : min;
}

/* Threshold the alpha of an A8 surface into the bitmap. */
static void threshold(cairo_surface_t *s, yz_bitmap *bm)
{
	cairo_surface_flush(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	int w = cairo_image_surface_get_width(s);
	for (int y = 0; y < bm->height; y++)
		for (int x = 0; x < w; x++)
			if (px[(size_t)y * (size_t)stride + (size_t)x] >= 128)
				yz_bitmap_set(bm, x, y);
}

int yzr_raster_text(const char *text, unsigned style, int width_dots, yz_bitmap *bm, yz_err *err)
{
	memset(bm, 0, sizeof *bm);
	int width = (width_dots + 7) / 8 * 8;
	int height = measure_line(text, style, width);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || !yz_bitmap_init(bm, width, height)) {
		cairo_surface_destroy(s);
		yz_bitmap_free(bm);
		yz_err_set(err, _("Could not draw a line of the receipt as an image (out of "
		                  "memory)."));
		return -1;
	}
	cairo_t *cr = cairo_create(s);
	PangoLayout *layout = line_layout(cr, text, style, width);
	cairo_set_source_rgba(cr, 0, 0, 0, 1);
	cairo_move_to(cr, 0, 0);
	pango_cairo_show_layout(cr, layout);
	g_object_unref(layout);
	cairo_destroy(cr);
	threshold(s, bm);
	cairo_surface_destroy(s);
	return 0;
}
