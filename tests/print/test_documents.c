/* The documents of issue 6 through both renderers: tables, signature lines,
 * verification codes, small print, the test page, printer profiles, golden
 * files and reproducible PDFs.
 *
 * Golden files: tests/print/golden/ holds the exact bytes (ESC/POS) and text
 * layouts expected for a fixed set of documents. After an intended change of
 * the output, regenerate them with
 *   YZ_UPDATE_GOLDEN=1 meson test -C BUILD print-documents
 * and review the difference (cmp -l, or the .txt files with git diff) before
 * committing. The raster images in them (QR codes, a rare name drawn as an
 * image) depend on libqrencode and on the fonts installed (fonts-wqy-zenhei,
 * fonts-hanazono), i.e. on the Debian release the CI runs. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cups/ipp.h>

#include "print-test.h"
#include "yz_test_paths.h"

/* Private to src/print (print-int.h), exposed for this test. */
yz_job_state yz_cups_map_job_state(int ipp_state);

#define GOLDEN_DIR YZ_SOURCE_ROOT "/tests/print/golden"

/* ---- helpers ------------------------------------------------------------------- */

/* Compare data with golden/<name> byte for byte, or write it there when
 * YZ_UPDATE_GOLDEN=1. */
static void golden(const char *name, const void *data, size_t len)
{
	char *path = yz_strdup_printf("%s/%s", GOLDEN_DIR, name);
	const char *update = getenv("YZ_UPDATE_GOLDEN");
	if (update && strcmp(update, "1") == 0) {
		assert_int_equal(t_write(path, data, len), 0);
		free(path);
		return;
	}
	size_t glen;
	unsigned char *g = t_read(path, &glen);
	if (!g)
		fail_msg("no golden file %s: run with YZ_UPDATE_GOLDEN=1 to create it", path);
	size_t i = 0;
	while (i < len && i < glen && g[i] == ((const unsigned char *)data)[i])
		i++;
	if (i != len || i != glen)
		fail_msg("%s differs at byte %zu (%zu bytes made, %zu expected); if the change "
		         "is intended, run with YZ_UPDATE_GOLDEN=1",
		         path, i, len, glen);
	free(g);
	free(path);
}

static unsigned char *escpos(yz_doc *d, int paper_mm, const char *profile, size_t *n)
{
	yz_escpos_opts o;
	assert_int_equal(yz_escpos_opts_for(&o, paper_mm, profile), 0);
	unsigned char *b;
	yz_err err = {{0}};
	if (yz_escpos_render(NULL, d, &o, &b, n, &err) != 0)
		fail_msg("yz_escpos_render: %s", err.msg);
	return b;
}

static void golden_escpos(const char *name, yz_doc *d, int paper_mm, const char *profile)
{
	size_t n;
	unsigned char *b = escpos(d, paper_mm, profile, &n);
	golden(name, b, n);
	free(b);
}

static void golden_text(const char *name, yz_doc *d, int columns)
{
	char *text = yz_doc_layout_text(d, columns);
	assert_non_null(text);
	golden(name, text, strlen(text));
	free(text);
}

static unsigned char *pdf(yz_doc *d, yz_paper paper, size_t *n)
{
	unsigned char *b;
	yz_err err = {{0}};
	if (yz_pdf_render(NULL, d, paper, &b, n, &err) != 0)
		fail_msg("yz_pdf_render: %s", err.msg);
	return b;
}

/* Render to a temporary file; returns its path (malloc'd). */
static char *pdf_file(yz_doc *d, yz_paper paper)
{
	size_t n;
	unsigned char *b = pdf(d, paper, &n);
	char tmpl[] = "/tmp/yzdoc.XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(t_write(tmpl, b, n), 0);
	free(b);
	return strdup(tmpl);
}

static void assert_fonts_embedded(const char *path)
{
	char *fonts = t_run("pdffonts '%s' | tail -n +3", path);
	assert_true(strlen(fonts) > 0);
	for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n"))
		if (!strstr(line, " yes "))
			fail_msg("font not embedded: %s", line);
	free(fonts);
}

/* ---- golden files ---------------------------------------------------------------- */

static void test_golden_escpos(void **state)
{
	(void)state;
	yz_doc *d = t_acceptance_doc(T_RARE_NAME);
	/* 80 mm, GB18030: the Ext-B character goes as its four-byte code */
	golden_escpos("acceptance-80mm-gb18030.bin", d, 80, "gb18030");
	/* GBK cannot take it: the name line is a raster image */
	golden_escpos("acceptance-80mm-gbk-raster.bin", d, 80, "gbk");
	yz_doc_free(d);
	d = t_acceptance_doc(T_NAME);
	golden_escpos("acceptance-58mm.bin", d, 58, "gb18030");
	yz_doc_free(d);
	d = t_household_doc();
	golden_escpos("household-80mm-table.bin", d, 80, "gb18030");
	yz_doc_free(d);
	d = yz_doc_test_page("station", "receipt", T_CREATED);
	golden_escpos("test-page-58mm-epson.bin", d, 58, "epson");
	yz_doc_free(d);
}

static void test_golden_text(void **state)
{
	(void)state;
	yz_doc *d = t_acceptance_doc(T_RARE_NAME);
	golden_text("acceptance-48.txt", d, 48);
	golden_text("acceptance-32.txt", d, 32);
	yz_doc_free(d);
	d = t_household_doc();
	golden_text("household-48.txt", d, 48);
	golden_text("household-32.txt", d, 32);
	yz_doc_free(d);
}

/* ---- document model and receipt layout --------------------------------------------- */

static void test_table_layout(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	/* No., name, amount: the amount column right-aligned */
	yz_doc_table(d, 3, (const char *[]){"No.", "\u59d3\u540d", "Amount"}, NULL, "lrr");
	yz_doc_table_row(d, (const char *[]){"1", T_NAME, "12.50"});
	yz_doc_table_row(d, (const char *[]){"2", T_RARE_NAME, "1,234.00"});
	char *out = yz_doc_layout_text(d, 48);
	/* natural widths 3, 4, 8 with one space between */
	assert_string_equal(out, "No. \u59d3\u540d   Amount\n"
	                         "-----------------\n"
	                         "1   \u5f20\u4e09    12.50\n"
	                         "2   \u738b\U00020BB7 1,234.00\n");
	free(out);
	yz_doc_free(d);
}

/* Too wide for the paper: the long text column wraps, the case number and
 * date columns stay whole, nothing is lost and every line fits. */
static void test_table_wraps_to_fit(void **state)
{
	(void)state;
	yz_doc *d = t_household_doc();
	for (int cols = 32; cols <= 48; cols += 16) {
		char *out = yz_doc_layout_text(d, cols);
		assert_non_null(out);
		for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
			if (yz_text_width(line) > cols)
				fail_msg("%d columns: line too wide: %s", cols, line);
		free(out);
		out = yz_doc_layout_text(d, cols);
		assert_non_null(strstr(out, "1998-11-30")); /* not split */
		assert_non_null(strstr(out, T_RARE_NAME));
		free(out);
	}
	yz_doc_free(d);
}

static void test_table_header_bold_on_receipt(void **state)
{
	(void)state;
	yz_doc *d = t_household_doc();
	size_t n;
	unsigned char *b = escpos(d, 80, NULL, &n);
	/* header in bold: ESC E 1, FS &, "name" in GB18030, ... */
	size_t gl;
	char *gb = yz_iconv("\u59d3\u540d", 6, "UTF-8", "GB18030", &gl, NULL, NULL);
	long h = t_find(b, n, gb, gl);
	long bold = t_find(b, n, "\x1B\x45\x01", 3);
	assert_true(h > 0 && bold > 0 && bold < h);
	free(gb);
	free(b);
	yz_doc_free(d);
}

static void test_signature_code_small(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	yz_doc_signature(d, "Signed", "Date");
	yz_doc_signature(d, "Resident", NULL);
	yz_doc_code(d, "Code", "7QK2M9");
	yz_doc_small(d, "small print", YZ_STYLE_RIGHT);
	char *out = yz_doc_layout_text(d, 32);
	assert_string_equal(out, "Signed\uff1a_______  Date\uff1a_________\n"
	                         "Resident\uff1a______________________\n"
	                         "Code\uff1a7QK2M9\n"
	                         "                     small print\n");
	free(out);
	/* on paper the code line is bold */
	size_t n;
	unsigned char *b = escpos(d, 58, NULL, &n);
	long code = t_find(b, n, "7QK2M9", 6);
	long bold = t_find(b, n, "\x1B\x45\x01", 3);
	assert_true(bold > 0 && bold < code);
	free(b);
	yz_doc_free(d);
}

static void test_table_row_needs_table(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	yz_doc_table_row(d, (const char *[]){"x"}); /* no table: ignored */
	assert_int_equal(d->n_blocks, 0);
	yz_doc_table(d, 2, NULL, NULL, NULL); /* empty header cells */
	yz_doc_table_row(d, NULL);            /* empty row */
	yz_doc_table_row(d, (const char *[]){"a\x1B", NULL});
	assert_int_equal(d->blocks[0].table->n_rows, 2);
	assert_string_equal(d->blocks[0].table->cells[2], "a"); /* sanitized */
	assert_false(d->oom);
	yz_doc_free(d);
}

/* ---- ESC/POS profiles ----------------------------------------------------------------- */

static void test_escpos_profiles(void **state)
{
	(void)state;
	yz_escpos_opts o;
	assert_int_equal(yz_escpos_opts_for(&o, 58, NULL), 0);
	assert_int_equal(o.columns, 32);
	assert_string_equal(o.encoding, "GB18030");
	assert_int_equal(yz_escpos_opts_for(&o, 80, "gbk"), 0);
	assert_int_equal(o.columns, 48);
	assert_string_equal(o.encoding, "GBK");
	assert_true(o.kanji_mode);
	assert_int_equal(yz_escpos_opts_for(&o, 76, NULL), -1);
	assert_int_equal(o.columns, 48);
	assert_int_equal(yz_escpos_opts_for(&o, 80, "no-such-model"), -1);
	assert_string_equal(o.encoding, "GB18030");

	yz_doc *d = yz_doc_new("t");
	yz_doc_text(d, T_NAME, 0);
	size_t n;
	/* epson: ESC @, ESC t 0, FS C 0, then FS & around the text */
	unsigned char *b = escpos(d, 80, "epson", &n);
	assert_memory_equal(b, "\x1B\x40\x1B\x74\x00\x1C\x43\x00", 8);
	assert_true(t_find(b, n, "\x1C\x26", 2) > 0);
	free(b);
	/* gbk-plain: no Kanji mode commands, the GBK bytes as they are */
	b = escpos(d, 80, "gbk-plain", &n);
	assert_int_equal(t_find(b, n, "\x1C\x26", 2), -1);
	assert_int_equal(t_find(b, n, "\x1C\x2E", 2), -1);
	assert_true(t_find(b, n, "\xD5\xC5\xC8\xFD", 4) > 0); /* GBK of the name */
	free(b);
	/* the default sends neither ESC t nor FS C */
	b = escpos(d, 80, NULL, &n);
	assert_int_equal(t_find(b, n, "\x1B\x74", 2), -1);
	assert_int_equal(t_find(b, n, "\x1C\x43", 2), -1);
	free(b);
	yz_doc_free(d);
}

/* QR codes of arbitrary text: a URL-like string and Chinese. */
static void test_qr_arbitrary_text(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	yz_doc_qr(d, "https://verify.example/v?c=310101001-2025-000123&k=7QK2M9");
	yz_doc_qr(d, T_CASE_NO " \u9a8c\u8bc1\u7801 7QK2M9");
	size_t n;
	unsigned char *b = escpos(d, 58, NULL, &n);
	assert_true(t_count(b, n, "\x1D\x76\x30\x00", 4) >= 2); /* in bands */
	free(b);
	char *text = yz_doc_layout_text(d, 32);
	assert_non_null(strstr(text, "[QR: https://verify.example/v?c="));
	free(text);
	yz_doc_free(d);
	/* too much for a QR code on a receipt: a plain failure, not a crash */
	char big[4000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	d = yz_doc_new("t");
	yz_doc_qr(d, big);
	yz_err err = {{0}};
	yz_escpos_opts o;
	yz_escpos_opts_for(&o, 58, NULL);
	assert_int_equal(yz_escpos_render(NULL, d, &o, &b, &n, &err), -1);
	assert_true(err.msg[0] != '\0');
	yz_doc_free(d);
}

/* ---- test page ----------------------------------------------------------------------- */

static void test_test_page(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_test_page("\u4e1c\u98ce\u793e\u533a", "receipt-1", T_CREATED);
	assert_non_null(d);
	char *text = yz_doc_layout_text(d, 48);
	assert_non_null(strstr(text, "receipt-1"));
	assert_non_null(strstr(text, "\u4e1c\u98ce\u793e\u533a"));
	assert_non_null(strstr(text, T_RARE_CHAR));
	assert_non_null(strstr(text, "[QR: yizhan test page receipt-1 "));
	free(text);
	/* GBK printer: the rare-character line as an image, plus the QR code */
	size_t n;
	unsigned char *b = escpos(d, 80, "gbk", &n);
	assert_true(t_count(b, n, "\x1D\x76\x30\x00", 4) >= 2);
	free(b);
	char *path = pdf_file(d, YZ_PAPER_A4);
	text = t_run("pdftotext -enc UTF-8 '%s' -", path);
	assert_non_null(strstr(text, "receipt-1"));
	assert_non_null(strstr(text, T_RARE_CHAR));
	free(text);
	assert_fonts_embedded(path);
	unlink(path);
	free(path);
	yz_doc_free(d);
}

/* ---- PDF --------------------------------------------------------------------------------- */

static void test_pdf_reproducible(void **state)
{
	(void)state;
	yz_doc *d = t_certificate_doc(T_RARE_NAME);
	size_t n1, n2;
	unsigned char *a = pdf(d, YZ_PAPER_A4, &n1);
	unsigned char *b = pdf(d, YZ_PAPER_A4, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	/* CreationDate (cairo 1.16 writes it without the "D:" prefix) */
	assert_true(t_find(a, n1, "20250304000000", 14) > 0);
	free(a);
	free(b);
	yz_doc_free(d);
	/* no date in the document: SOURCE_DATE_EPOCH decides */
	d = yz_doc_new("t");
	yz_doc_text(d, "x", 0);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	a = pdf(d, YZ_PAPER_A5, &n1);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_true(t_find(a, n1, "20231114221320", 14) > 0);
	free(a);
	yz_doc_free(d);
}

static void test_pdf_household(void **state)
{
	(void)state;
	yz_doc *d = t_household_doc();
	for (int p = 0; p < 2; p++) {
		char *path = pdf_file(d, p ? YZ_PAPER_A5 : YZ_PAPER_A4);
		char *info = t_run("pdfinfo '%s'", path);
		assert_non_null(
		    strstr(info, p ? "419.528 x 595.276 pts" : "595.276 x 841.89 pts (A4)"));
		free(info);
		char *text = t_run("pdftotext -enc UTF-8 '%s' -", path);
		assert_non_null(strstr(text, "1998-11-30"));
		if (!strstr(text, T_RARE_NAME))
			fail_msg("no rare name in:\n%s", text);
		assert_non_null(strstr(text, "\u4e0e\u6237\u4e3b\u5173\u7cfb")); /* header cell */
		assert_non_null(strstr(text, "\u65e5\u671f"));                   /* signature */
		free(text);
		assert_fonts_embedded(path);
		assert_int_equal(t_pdf_pages(path), 1);
		unlink(path);
		free(path);
	}
	yz_doc_free(d);
}

/* A ledger across pages: every page starts with the header row, and every
 * row is there once. */
static void test_pdf_table_pages(void **state)
{
	(void)state;
	yz_doc *d = t_ledger_doc(150);
	for (int p = 0; p < 2; p++) {
		char *path = pdf_file(d, p ? YZ_PAPER_A5 : YZ_PAPER_A4);
		int pages = t_pdf_pages(path);
		assert_true(pages >= (p ? 5 : 3));
		for (int i = 1; i <= pages; i++) {
			char *text = t_run("pdftotext -enc UTF-8 -f %d -l %d '%s' -", i, i, path);
			/* the header's "case number" cell, once per page */
			if (t_count((unsigned char *)text, strlen(text), "\u53d7\u7406\u7f16\u53f7",
			            12) != 1)
				fail_msg("page %d of %d lacks the header:\n%s", i, pages, text);
			free(text);
		}
		char *text = t_run("pdftotext -enc UTF-8 '%s' -", path);
		for (int r = 1; r <= 150; r++) {
			char cno[32];
			snprintf(cno, sizeof cno, "310101001-2025-%06d", r);
			if (t_count((unsigned char *)text, strlen(text), cno, strlen(cno)) != 1)
				fail_msg(
				    "row %d is there %d times:\n%.3000s", r,
				    t_count((unsigned char *)text, strlen(text), cno, strlen(cno)),
				    text);
		}
		free(text);
		unlink(path);
		free(path);
	}
	yz_doc_free(d);
}

/* ---- CUPS job states (no server needed) ------------------------------------------------- */

static void test_job_state_mapping(void **state)
{
	(void)state;
	assert_int_equal(yz_cups_map_job_state(IPP_JSTATE_PENDING), YZ_CUPS_JOB_PENDING);
	assert_int_equal(yz_cups_map_job_state(IPP_JSTATE_HELD), YZ_CUPS_JOB_HELD);
	assert_int_equal(yz_cups_map_job_state(IPP_JSTATE_PROCESSING), YZ_CUPS_JOB_PRINTING);
	assert_int_equal(yz_cups_map_job_state(IPP_JSTATE_STOPPED), YZ_CUPS_JOB_FAILED);
	assert_int_equal(yz_cups_map_job_state(IPP_JSTATE_CANCELED), YZ_CUPS_JOB_FAILED);
	assert_int_equal(yz_cups_map_job_state(IPP_JSTATE_ABORTED), YZ_CUPS_JOB_FAILED);
	assert_int_equal(yz_cups_map_job_state(IPP_JSTATE_COMPLETED), YZ_CUPS_JOB_DONE);
	assert_int_equal(yz_cups_map_job_state(0), YZ_CUPS_JOB_UNKNOWN);
	assert_int_equal(yz_cups_map_job_state(42), YZ_CUPS_JOB_UNKNOWN);
	for (int s = YZ_CUPS_JOB_UNKNOWN; s <= YZ_CUPS_JOB_FAILED; s++)
		assert_true(yz_job_state_name((yz_job_state)s)[0] != '\0');
	assert_string_equal(yz_job_state_name(YZ_CUPS_JOB_DONE), "printed");
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	setenv("LANGUAGE", "C", 1);
	if (getenv("YZ_TEST_FILTER")) /* run some tests only, e.g. "test_pdf_*" */
		cmocka_set_test_filter(getenv("YZ_TEST_FILTER"));
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden_escpos),
	    cmocka_unit_test(test_golden_text),
	    cmocka_unit_test(test_table_layout),
	    cmocka_unit_test(test_table_wraps_to_fit),
	    cmocka_unit_test(test_table_header_bold_on_receipt),
	    cmocka_unit_test(test_signature_code_small),
	    cmocka_unit_test(test_table_row_needs_table),
	    cmocka_unit_test(test_escpos_profiles),
	    cmocka_unit_test(test_qr_arbitrary_text),
	    cmocka_unit_test(test_test_page),
	    cmocka_unit_test(test_pdf_reproducible),
	    cmocka_unit_test(test_pdf_household),
	    cmocka_unit_test(test_pdf_table_pages),
	    cmocka_unit_test(test_job_state_mapping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
