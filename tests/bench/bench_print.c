/* bench_print: how long the renderers take, per document.
 *
 *   acceptance receipt, ESC/POS 80 mm GB18030   (target: under 1 ms)
 *   acceptance receipt, ESC/POS 80 mm GBK, the rare name drawn as an image
 *   A4 certificate, PDF                         (target: under 30 ms)
 *   A4 ledger of 200 rows, PDF (tables over several pages)
 *
 * Each document is built once and rendered many times after a warm-up (the
 * first render loads fonts); the figures are mean and 99th percentile of a
 * single render. Run with `meson test -C BUILD --benchmark print -v`. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../print/print-test.h"
#include "bench_util.h"

typedef int (*render_fn)(const yz_doc *d, const void *opts, unsigned char **out, size_t *len);

static int render_escpos(const yz_doc *d, const void *opts, unsigned char **out, size_t *len)
{
	return yz_escpos_render(NULL, d, opts, out, len, NULL);
}

static int render_pdf(const yz_doc *d, const void *opts, unsigned char **out, size_t *len)
{
	return yz_pdf_render(NULL, d, *(const yz_paper *)opts, out, len, NULL);
}

/* Render n times; print mean and p99. Returns the p99 in ms, or -1. */
static double bench(const char *name, yz_doc *d, render_fn fn, const void *opts, int n)
{
	double *t = malloc((size_t)n * sizeof *t);
	unsigned char *out;
	size_t len = 0;
	if (!t || fn(d, opts, &out, &len) != 0) { /* warm-up */
		free(t);
		fprintf(stderr, "%s: render failed\n", name);
		return -1;
	}
	free(out);
	double sum = 0;
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		if (fn(d, opts, &out, &len) != 0) {
			free(t);
			return -1;
		}
		t[i] = now_ms() - t0;
		sum += t[i];
		free(out);
	}
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	double p99 = t[(size_t)((double)n * 0.99)];
	printf("%-44s %6d runs  mean %8.3f ms  p99 %8.3f ms  (%zu bytes)\n", name, n, sum / n, p99,
	       len);
	free(t);
	yz_doc_free(d);
	return p99;
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	yz_escpos_opts gb, gbk;
	yz_escpos_opts_for(&gb, 80, "gb18030");
	yz_escpos_opts_for(&gbk, 80, "gbk");
	yz_paper a4 = YZ_PAPER_A4;
	double receipt = bench("acceptance receipt, ESC/POS GB18030", t_acceptance_doc(T_RARE_NAME),
	                       render_escpos, &gb, 2000);
	bench("acceptance receipt, ESC/POS GBK + raster name", t_acceptance_doc(T_RARE_NAME),
	      render_escpos, &gbk, 500);
	double cert =
	    bench("A4 certificate, PDF", t_certificate_doc(T_RARE_NAME), render_pdf, &a4, 200);
	bench("A4 ledger of 200 rows, PDF", t_ledger_doc(200), render_pdf, &a4, 20);
	printf("targets: receipt p99 under 1 ms: %s; A4 certificate p99 under 30 ms: %s\n",
	       receipt >= 0 && receipt < 1.0 ? "met" : "NOT met",
	       cert >= 0 && cert < 30.0 ? "met" : "NOT met");
	return receipt < 0 || cert < 0;
}
