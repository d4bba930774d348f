/* ESC/POS renderer for 58/80 mm receipt printers.
 *
 * The document is laid out in columns (yz_receipt_lines, the same layout as
 * the preview), then each line becomes printer bytes:
 *   ESC a n            alignment (printers centre better than we can pad
 *                      double-size text)
 *   ESC E n, GS ! n    bold, double width and height (FS ! for Kanji too)
 *   FS & ... FS .      enter/leave two-byte (Kanji) mode around Chinese text
 *   text               converted with iconv to the printer's encoding
 *   GS v 0             raster image: QR codes, and whole lines holding a
 *                      character the encoding cannot take (never '?')
 * ending with a feed and GS V (cut). */
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "print-int.h"

/* Rows per GS v 0 block: small enough for the input buffer of cheap models. */
#define RASTER_BAND_ROWS 240

void yz_escpos_opts_default(yz_escpos_opts *o)
{
	o->columns = 48;
	o->encoding = "GB18030";
	o->kanji_mode = true;
	o->cut = true;
	o->set_code_table = false;
	o->code_table = 0;
	o->set_kanji_code = false;
	o->kanji_code = 0;
}

int yz_escpos_opts_for(yz_escpos_opts *o, int paper_mm, const char *profile)
{
	yz_escpos_opts_default(o);
	int rc = 0;
	if (paper_mm == 58)
		o->columns = 32;
	else if (paper_mm != 80)
		rc = -1;
	if (!profile || !*profile || strcmp(profile, "gb18030") == 0)
		return rc;
	if (strcmp(profile, "gbk") == 0) {
		o->encoding = "GBK";
	} else if (strcmp(profile, "gbk-plain") == 0) {
		o->encoding = "GBK";
		o->kanji_mode = false;
	} else if (strcmp(profile, "epson") == 0) {
		o->set_code_table = true; /* ESC t 0: PC437 for the single-byte half */
		o->set_kanji_code = true; /* FS C 0: the model's default two-byte code */
	} else {
		rc = -1;
	}
	return rc;
}

static void cmd(yz_buf *b, const char *bytes, size_t n)
{
	yz_buf_add(b, bytes, n);
}

/* GS v 0: the bitmap in bands, each a complete raster command. */
static void put_bitmap(yz_buf *b, const yz_bitmap *bm)
{
	int bytes_per_row = bm->width / 8;
	for (int y0 = 0; y0 < bm->height; y0 += RASTER_BAND_ROWS) {
		int rows = bm->height - y0 < RASTER_BAND_ROWS ? bm->height - y0 : RASTER_BAND_ROWS;
		unsigned char head[8] = {0x1D,
		                         0x76,
		                         0x30,
		                         0x00,
		                         (unsigned char)(bytes_per_row & 0xFF),
		                         (unsigned char)(bytes_per_row >> 8),
		                         (unsigned char)(rows & 0xFF),
		                         (unsigned char)(rows >> 8)};
		yz_buf_add(b, head, sizeof head);
		yz_buf_add(b, bm->bits + (size_t)y0 * (size_t)bytes_per_row,
		           (size_t)rows * (size_t)bytes_per_row);
	}
}

static void put_align(yz_buf *b, unsigned style)
{
	unsigned char n = (style & YZ_STYLE_CENTER) ? 1 : (style & YZ_STYLE_RIGHT) ? 2 : 0;
	unsigned char esc_a[3] = {0x1B, 0x61, n};
	yz_buf_add(b, esc_a, sizeof esc_a);
}

/* Bold and size on (on = true) or back to normal. */
static void put_style(yz_buf *b, unsigned style, bool on)
{
	if (style & YZ_STYLE_BOLD) {
		unsigned char esc_e[3] = {0x1B, 0x45, on ? 1 : 0};
		yz_buf_add(b, esc_e, sizeof esc_e);
	}
	if (style & YZ_STYLE_DOUBLE) {
		unsigned char gs_excl[3] = {0x1D, 0x21, on ? 0x11 : 0x00};
		unsigned char fs_excl[3] = {0x1C, 0x21, on ? 0x0C : 0x00};
		yz_buf_add(b, gs_excl, sizeof gs_excl);
		yz_buf_add(b, fs_excl, sizeof fs_excl);
	}
}

static bool has_high_bytes(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* A text line the encoding can take. */
static int put_encoded(yz_buf *b, const yz_rline *l, const yz_escpos_opts *o, yz_err *err)
{
	size_t n;
	char *enc = yz_iconv(l->text, strlen(l->text), "UTF-8", o->encoding, &n, NULL, err);
	if (!enc)
		return -1;
	bool kanji = o->kanji_mode && has_high_bytes(enc, n);
	if (kanji)
		cmd(b, "\x1C\x26", 2);
	yz_buf_add(b, enc, n);
	if (kanji)
		cmd(b, "\x1C\x2E", 2);
	free(enc);
	yz_buf_byte(b, '\n');
	return 0;
}

static int put_raster_text(const yz_print_opts *po, yz_buf *b, const yz_rline *l, int dots,
                           yz_err *err)
{
	yz_bitmap bm;
	/* the image carries alignment and size itself */
	if (yz_raster_text(po, l->text, l->style, dots, &bm, err) < 0)
		return -1;
	put_align(b, 0);
	put_bitmap(b, &bm);
	yz_bitmap_free(&bm);
	return 0;
}

static int put_qr(const yz_print_opts *po, yz_buf *b, const yz_rline *l, int dots, yz_err *err)
{
	yz_bitmap bm;
	if (yz_raster_qr(po, l->text, dots, &bm, err) < 0)
		return -1;
	put_align(b, 0);
	put_bitmap(b, &bm);
	yz_bitmap_free(&bm);
	return 0;
}

static int put_line(const yz_print_opts *po, yz_buf *b, const yz_rline *l, const yz_escpos_opts *o,
                    yz_err *err)
{
	int dots = o->columns * YZ_DOTS_PER_COLUMN;
	if (l->qr)
		return put_qr(po, b, l, dots, err);
	if (l->page) /* a new page (YZ_BLOCK_PAGE): a roll has none */
		return 0;
	if (!yz_text_encodable(l->text, o->encoding))
		return put_raster_text(po, b, l, dots, err);
	put_align(b, l->style);
	put_style(b, l->style, true);
	int rc = put_encoded(b, l, o, err);
	put_style(b, l->style, false);
	return rc;
}

static int render_lines(const yz_print_opts *po, yz_buf *b, const yz_rlines *lines,
                        const yz_escpos_opts *o, yz_err *err)
{
	cmd(b, "\x1B\x40", 2); /* ESC @: initialise */
	if (o->set_code_table) {
		unsigned char esc_t[3] = {0x1B, 0x74, o->code_table};
		yz_buf_add(b, esc_t, sizeof esc_t);
	}
	if (o->set_kanji_code) {
		unsigned char fs_c[3] = {0x1C, 0x43, o->kanji_code};
		yz_buf_add(b, fs_c, sizeof fs_c);
	}
	for (size_t i = 0; i < lines->n; i++)
		if (put_line(po, b, &lines->v[i], o, err) < 0)
			return -1;
	put_align(b, 0);
	cmd(b, "\x1B\x64\x04", 3); /* ESC d 4: feed past the cutter */
	if (o->cut)
		cmd(b, "\x1D\x56\x01", 3); /* GS V 1: partial cut */
	return 0;
}

int yz_escpos_render(const yz_print_opts *po, const yz_doc *d, const yz_escpos_opts *o,
                     unsigned char **out, size_t *len, yz_err *err)
{
	yz_escpos_opts opts;
	yz_escpos_opts_default(&opts);
	if (o) {
		opts = *o;
		if (!opts.encoding || !*opts.encoding)
			opts.encoding = "GB18030";
		if (opts.columns < 16)
			opts.columns = 16;
	}
	*out = NULL;
	*len = 0;
	yz_rlines lines;
	if (!d || d->oom || !yz_receipt_lines(d, opts.columns, &lines)) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory while preparing the receipt."));
		return -1;
	}
	yz_buf b = {0};
	int rc = render_lines(po, &b, &lines, &opts, err);
	yz_rlines_free(&lines);
	if (rc == 0 && b.oom) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory while preparing the receipt."));
		rc = -1;
	}
	if (rc < 0) {
		yz_buf_free(&b);
		return -1;
	}
	*out = yz_buf_take(&b, len);
	return *out ? 0 : -1;
}
