/* QR codes for receipt printers (libqrencode), as a 1-bit image that
 * escpos.c sends as a GS v 0 raster block. In the render module and, alone,
 * in the light module yizhan-qr.so (render-int.h), so that a receipt's QR
 * code does not load cairo and pango (issue 20). */
#include <string.h>

#include <qrencode.h>

#include "../intl.h"
#include "render-int.h"

/* Module size in dots: 6, 5 or 4 when the code with its quiet zone fits the
 * paper, smaller only when it must. 0 when it cannot fit at all. */
static int qr_module_dots(int modules, int width_dots)
{
	for (int m = 6; m >= 1; m--)
		if (modules * m <= width_dots)
			return m;
	return 0;
}

int yzr_raster_qr(const char *data, int width_dots, yz_bitmap *bm, yz_err *err)
{
	memset(bm, 0, sizeof *bm);
	QRcode *qr = QRcode_encodeString(data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr) {
		yz_err_set(err, _("The QR code could not be made: its text is too long."));
		return -1;
	}
	const int quiet = 4;
	int m = qr_module_dots(qr->width + 2 * quiet, width_dots);
	if (m == 0 || !yz_bitmap_init(bm, width_dots, (qr->width + 2 * quiet) * m)) {
		QRcode_free(qr);
		yz_bitmap_free(bm);
		yz_err_set(err, _("The QR code does not fit on the paper."));
		return -1;
	}
	int x0 = (bm->width - qr->width * m) / 2;
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++) {
			if (!(qr->data[y * qr->width + x] & 1))
				continue;
			for (int dy = 0; dy < m; dy++)
				for (int dx = 0; dx < m; dx++)
					yz_bitmap_set(bm, x0 + x * m + dx, (quiet + y) * m + dy);
		}
	QRcode_free(qr);
	return 0;
}
