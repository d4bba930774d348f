/* Internal to src/print: the render module, yizhan-render.so.
 *
 * Everything that needs cairo, pango, libqrencode or libcups (pdf.c,
 * pdf_table.c, raster.c, cups.c) is built into a module that loader.c loads
 * with dlopen() on first use. Those libraries and theirs (glib, fontconfig,
 * freetype, harfbuzz, X11, gnutls, krb5, ...) map about 10 MB into a process;
 * the counter UI, which mostly searches and takes requests, stays small
 * without them (issue 5). The module exports one symbol, a yz_render_ops
 * table; its functions behave exactly as the public ones in print.h.
 * Two light modules beside it export the same table with only some calls:
 * yizhan-qr.so (qr.c, libqrencode) and yizhan-cups.so (cups.c, libcups), so
 * that a receipt's print child loads no cairo or pango (issue 20, loader.c). */
#ifndef YZ_RENDER_INT_H
#define YZ_RENDER_INT_H

#include "print-int.h"

/* Bumped whenever yz_render_ops or a structure it passes changes. */
#define YZ_RENDER_ABI 3 /* 3: yz_doc.kv_sep */
/* The name of the exported yz_render_ops in the module. */
#define YZ_RENDER_SYMBOL "yz_render_module_ops"

/* What the module offers; loader.c checks abi and version before use. The
 * functions run in the calling process: yz_print_opts are the loader's. */
typedef struct yz_render_ops {
	int abi;             /* YZ_RENDER_ABI of the module */
	const char *version; /* YZ_VERSION of the module: yz_doc and friends must match */
	/* yz_pdf_render */
	int (*pdf_render)(const yz_doc *d, yz_paper paper, unsigned char **out, size_t *len,
	                  yz_err *err);
	/* yz_raster_text */
	int (*raster_text)(const char *text, unsigned style, int width_dots, yz_bitmap *bm,
	                   yz_err *err);
	/* yz_raster_qr */
	int (*raster_qr)(const char *data, int width_dots, yz_bitmap *bm, yz_err *err);
	/* yz_cups_submit */
	int (*cups_submit)(const char *printer, const char *title, const char *mime,
	                   const unsigned char *data, size_t len, int timeout_ms, int *job_id,
	                   yz_err *err);
	/* yz_cups_job_state */
	int (*cups_job_state)(int job_id, int timeout_ms, yz_cups_job *out, yz_err *err);
	/* yz_cups_list */
	size_t (*cups_list)(char **names, size_t max);
} yz_render_ops;

/* The implementations inside the module. */
int yzr_pdf_render(const yz_doc *d, yz_paper paper, unsigned char **out, size_t *len, yz_err *err);
int yzr_raster_text(const char *text, unsigned style, int width_dots, yz_bitmap *bm, yz_err *err);
int yzr_raster_qr(const char *data, int width_dots, yz_bitmap *bm, yz_err *err);
int yzr_cups_submit(const char *printer, const char *title, const char *mime,
                    const unsigned char *data, size_t len, int timeout_ms, int *job_id,
                    yz_err *err);
int yzr_cups_job_state(int job_id, int timeout_ms, yz_cups_job *out, yz_err *err);
size_t yzr_cups_list(char **names, size_t max);

#endif
