/* Renderer tests: the text layout, the ESC/POS bytes and the PDF (checked with
 * poppler's pdftotext, pdffonts and pdfinfo). No printer or cupsd needed. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print-test.h"

/* ---- helpers ------------------------------------------------------------------- */

/* Split s at '\n' (in place); returns the number of lines. */
static size_t split_lines(char *s, char **lines, size_t max)
{
	size_t n = 0;
	char *p = s;
	while (*p && n < max) {
		lines[n++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

static void assert_lines_fit(char *text, int columns)
{
	char *lines[256];
	size_t n = split_lines(text, lines, 256);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		if (yz_text_width(lines[i]) > columns)
			fail_msg("line %zu is %d columns wide (max %d): %s", i,
			         yz_text_width(lines[i]), columns, lines[i]);
		assert_true(yz_utf8_valid(lines[i], strlen(lines[i])));
	}
}

/* A raster block found in ESC/POS bytes. */
typedef struct raster {
	size_t at;  /* offset of GS v 0 */
	int width;  /* dots */
	int height; /* dots */
	long black; /* black dots */
} raster;

/* Walk the bytes: raster blocks (skipping their data) and the text between
 * FS & and FS . decoded from the encoding, one segment per line. */
static int parse_escpos(const unsigned char *b, size_t n, const char *encoding, raster *rs, int max,
                        char *text, size_t text_size)
{
	int nr = 0;
	size_t tl = 0;
	text[0] = '\0';
	for (size_t i = 0; i < n;) {
		if (i + 8 <= n && b[i] == 0x1D && b[i + 1] == 0x76 && b[i + 2] == 0x30) {
			int xb = b[i + 4] | b[i + 5] << 8, rows = b[i + 6] | b[i + 7] << 8;
			size_t len = (size_t)xb * (size_t)rows;
			assert_true(i + 8 + len <= n);
			if (nr < max) {
				rs[nr] = (raster){.at = i, .width = xb * 8, .height = rows};
				for (size_t k = 0; k < len; k++)
					rs[nr].black += __builtin_popcount(b[i + 8 + k]);
			}
			nr++;
			i += 8 + len;
		} else if (i + 2 <= n && b[i] == 0x1C && b[i + 1] == 0x26) {
			size_t start = i + 2, end = start;
			while (end + 1 < n && !(b[end] == 0x1C && b[end + 1] == 0x2E))
				end++;
			assert_true(end + 1 < n); /* FS . closes every FS & */
			size_t ulen;
			char *u = yz_iconv((const char *)b + start, end - start, encoding, "UTF-8",
			                   &ulen, NULL, NULL);
			assert_non_null(u);
			tl += (size_t)snprintf(text + tl, text_size - tl, "%s\n", u);
			assert_true(tl < text_size);
			free(u);
			i = end + 2;
		} else {
			i++;
		}
	}
	return nr;
}

static char *tmpdir_make(void)
{
	char tmpl[] = "/tmp/yzprint.XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	return strdup(dir);
}

/* ---- layout ---------------------------------------------------------------------- */

static void test_layout_wraps_by_width(void **state)
{
	(void)state;
	/* 30 characters of Chinese with full-width punctuation */
	const char *para = "\u5c45\u6c11\u5f20\u4e09\u7533\u8bf7\u5c45\u4f4f\u8bc1\u660e"
	                   "\uff0c\u7528\u4e8e\u5b50\u5973\u5165\u5b66\u62a5\u540d\u3002"
	                   "\u8bf7\u643a\u5e26\u8eab\u4efd\u8bc1\u548c\u6237\u53e3\u7c3f";
	yz_doc *d = yz_doc_new("t");
	yz_doc_text(d, para, 0);
	for (int cols = 7; cols <= 48; cols += 5) {
		char *out = yz_doc_layout_text(d, cols < 8 ? 8 : cols);
		assert_non_null(out);
		/* joined again, the lines give the paragraph back: nothing lost */
		char joined[512] = "";
		char *copy = strdup(out);
		char *lines[64];
		size_t n = split_lines(copy, lines, 64);
		assert_true(n >= 2);
		for (size_t i = 0; i < n; i++) {
			strcat(joined, lines[i]);
			/* closing punctuation never starts a line */
			assert_true(strncmp(lines[i], "\uff0c", 3) != 0);
			assert_true(strncmp(lines[i], "\u3002", 3) != 0);
		}
		assert_string_equal(joined, para);
		free(copy);
		assert_lines_fit(out, cols < 8 ? 8 : cols);
		free(out);
	}
	yz_doc_free(d);
}

static void test_layout_never_splits_characters(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	/* odd widths against two-column characters, Ext-B and ASCII mixed */
	yz_doc_text(d, "a\u5f20b\u4e09" T_RARE_CHAR "cd\u738b" T_RARE_CHAR "e\u00b7f", 0);
	char *out = yz_doc_layout_text(d, 9);
	assert_lines_fit(out, 9);
	free(out);
	yz_doc_free(d);
}

static void test_layout_latin_words_kept(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	yz_doc_text(d, "residence certificate for school enrolment", 0);
	char *out = yz_doc_layout_text(d, 16);
	assert_string_equal(out, "residence\ncertificate for\nschool enrolment\n");
	free(out);
	yz_doc_free(d);
}

static void test_layout_kv_aligned(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	/* key U+7533 U+8BF7 U+4E8B U+7531 (4 chars + colon = 10 columns) */
	yz_doc_kv(d, "\u7533\u8bf7\u4e8b\u7531",
	          "\u5b50\u5973\u5165\u5b66\u62a5\u540d\u9700\u8981\u63d0\u4f9b\u5c45"
	          "\u4f4f\u8bc1\u660e\u6750\u6599\u9f50\u5168");
	char *out = yz_doc_layout_text(d, 32);
	char *lines[16];
	size_t n = split_lines(out, lines, 16);
	assert_int_equal(n, 2);
	assert_true(strncmp(lines[0], "\u7533\u8bf7\u4e8b\u7531\uff1a", 15) == 0);
	assert_int_equal(yz_text_width(lines[0]), 32);
	/* the value's second line starts under its first: 10 spaces */
	assert_true(strncmp(lines[1], "          ", 10) == 0 && lines[1][10] != ' ');
	free(out);
	yz_doc_free(d);
}

static void test_layout_alignment_and_styles(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	yz_doc_text(d, "\u56de\u6267", YZ_STYLE_CENTER); /* 4 columns */
	yz_doc_text(d, "2025-03-04", YZ_STYLE_RIGHT);    /* 10 columns */
	yz_doc_text(d, "\u7279\u6b64\u8bc1\u660e", YZ_STYLE_INDENT);
	yz_doc_rule(d);
	yz_doc_space(d, 1);
	yz_doc_qr(d, "X-1");
	char *out = yz_doc_layout_text(d, 48);
	char expect[512];
	snprintf(expect, sizeof expect,
	         "%22s\u56de\u6267\n%38s2025-03-04\n    \u7279\u6b64\u8bc1\u660e\n"
	         "------------------------------------------------\n\n[QR: X-1]\n",
	         "", "");
	assert_string_equal(out, expect);
	free(out);
	yz_doc_free(d);
}

static void test_layout_double_wraps_at_half(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	/* 20 CJK characters = 40 columns; double size on 48 columns holds 12 */
	yz_doc_text(d,
	            "\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341"
	            "\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341",
	            YZ_STYLE_DOUBLE);
	char *out = yz_doc_layout_text(d, 48);
	assert_lines_fit(out, 24);
	free(out);
	yz_doc_free(d);
}

/* ---- ESC/POS ---------------------------------------------------------------------- */

static void test_escpos_receipt_bytes(void **state)
{
	(void)state;
	yz_doc *d = t_receipt_doc(T_NAME);
	yz_escpos_opts o;
	yz_escpos_opts_default(&o);
	assert_int_equal(o.columns, 48);
	unsigned char *b;
	size_t n;
	yz_err err = {{0}};
	assert_int_equal(yz_escpos_render(NULL, d, &o, &b, &n, &err), 0);
	assert_true(n > 100);
	assert_memory_equal(b, "\x1B\x40", 2);             /* ESC @ */
	assert_memory_equal(b + n - 3, "\x1D\x56\x01", 3); /* GS V 1 */
	assert_true(t_find(b, n, "\x1C\x26", 2) >= 0);     /* FS & */
	assert_true(t_find(b, n, "\x1C\x2E", 2) >= 0);     /* FS . */
	assert_true(t_find(b, n, "\x1B\x45\x01", 3) >= 0); /* ESC E 1 (bold) */
	assert_true(t_find(b, n, "\x1D\x21\x11", 3) >= 0); /* GS ! 0x11 (double) */
	assert_true(t_find(b, n, "\x1B\x61\x01", 3) >= 0); /* ESC a 1 (centre) */
	/* the GB18030 bytes of the name are there as such */
	size_t gl;
	char *gb = yz_iconv(T_NAME, strlen(T_NAME), "UTF-8", "GB18030", &gl, NULL, NULL);
	assert_non_null(gb);
	assert_true(t_find(b, n, gb, gl) >= 0);
	free(gb);
	/* the Kanji-mode text decodes from GB18030 to the receipt's content */
	raster rs[8];
	char text[4096];
	int nr = parse_escpos(b, n, "GB18030", rs, 8, text, sizeof text);
	assert_non_null(strstr(text, T_NAME));
	assert_non_null(strstr(text, T_CASE_NO));
	assert_non_null(strstr(text, T_ITEM));
	assert_non_null(strstr(text, "110101********1234"));
	/* one raster block: the QR code, 576 dots wide, modules of 4-6 dots */
	assert_int_equal(nr, 1);
	assert_int_equal(rs[0].width, 576);
	assert_true(rs[0].height >= 29 * 4 && rs[0].height <= 41 * 6);
	assert_true(rs[0].black > 1000);
	free(b);
	yz_doc_free(d);
}

static void test_escpos_58mm(void **state)
{
	(void)state;
	yz_doc *d = t_receipt_doc(T_NAME);
	yz_escpos_opts o;
	yz_escpos_opts_default(&o);
	o.columns = 32;
	unsigned char *b;
	size_t n;
	assert_int_equal(yz_escpos_render(NULL, d, &o, &b, &n, NULL), 0);
	raster rs[4];
	char text[4096];
	assert_int_equal(parse_escpos(b, n, "GB18030", rs, 4, text, sizeof text), 1);
	assert_int_equal(rs[0].width, 384);
	/* every text line fits 32 columns */
	char *lines[64];
	size_t nl = split_lines(text, lines, 64);
	for (size_t i = 0; i < nl; i++)
		assert_true(yz_text_width(lines[i]) <= 32);
	free(b);
	yz_doc_free(d);
}

/* GBK cannot take an Ext-B character: that line becomes a raster image, never
 * a '?'. GB18030 can take it: no image, the four-byte code is sent. */
static void test_escpos_rare_name_raster(void **state)
{
	(void)state;
	yz_doc *d = t_receipt_doc(T_RARE_NAME);
	yz_escpos_opts o;
	yz_escpos_opts_default(&o);
	o.encoding = "GBK";
	unsigned char *b;
	size_t n;
	yz_err err = {{0}};
	assert_int_equal(yz_escpos_render(NULL, d, &o, &b, &n, &err), 0);
	raster rs[8];
	char text[4096];
	int nr = parse_escpos(b, n, "GBK", rs, 8, text, sizeof text);
	assert_int_equal(nr, 2); /* the name line, then the QR code */
	assert_true(rs[0].at < rs[1].at);
	assert_int_equal(rs[0].width, 576);
	assert_true(rs[0].height >= 24);
	assert_true(rs[0].black > 200); /* key and name were drawn */
	/* the name line is not in the text, and nothing was replaced by '?' */
	assert_null(strstr(text, "\u738b"));
	assert_null(strchr(text, '?'));
	assert_non_null(strstr(text, T_CASE_NO));
	size_t gl;
	char *wang = yz_iconv("\u738b", 3, "UTF-8", "GBK", &gl, NULL, NULL);
	assert_int_equal(t_find(b, n, wang, gl), -1);
	free(wang);
	free(b);

	o.encoding = "GB18030";
	assert_int_equal(yz_escpos_render(NULL, d, &o, &b, &n, &err), 0);
	assert_int_equal(parse_escpos(b, n, "GB18030", rs, 8, text, sizeof text), 1);
	assert_non_null(strstr(text, T_RARE_NAME));
	free(b);
	yz_doc_free(d);
}

/* The middle dot of minority names (U+00B7) is in GBK: printed as text. */
static void test_escpos_middle_dot_is_text(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	const char *name = "\u963f\u4f9d\u53e4\u4e3d\u00b7\u4e70\u4e70\u63d0";
	yz_doc_kv(d, "\u7533\u8bf7\u4eba", name);
	yz_escpos_opts o;
	yz_escpos_opts_default(&o);
	o.encoding = "GBK";
	o.cut = false;
	unsigned char *b;
	size_t n;
	assert_int_equal(yz_escpos_render(NULL, d, &o, &b, &n, NULL), 0);
	raster rs[2];
	char text[512];
	assert_int_equal(parse_escpos(b, n, "GBK", rs, 2, text, sizeof text), 0);
	assert_non_null(strstr(text, name));
	assert_int_equal(t_find(b, n, "\x1D\x56", 2), -1); /* no cut asked */
	free(b);
	yz_doc_free(d);
}

static void test_escpos_no_control_injection(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_new("t");
	yz_doc_kv(d, "name",
	          "A\x1B"
	          "d\x09"
	          "B\x1D"
	          "V");
	unsigned char *b;
	size_t n;
	assert_int_equal(yz_escpos_render(NULL, d, NULL, &b, &n, NULL), 0);
	/* the typed escape characters are gone: only our own commands remain */
	assert_int_equal(t_count(b, n, "\x1D\x56", 2), 1);
	assert_int_equal(t_count(b, n, "\x1B\x64", 2), 1);
	free(b);
	yz_doc_free(d);
}

/* ---- PDF ---------------------------------------------------------------------------- */

static void test_pdf_certificate(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	yz_doc *d = t_certificate_doc(T_RARE_NAME);
	char *path = t_render_pdf(d, YZ_PAPER_A4, dir, "cert.pdf");

	char *text = t_run("pdftotext -enc UTF-8 '%s' -", path);
	assert_non_null(strstr(text, T_RARE_NAME)); /* the Ext-B character too */
	assert_non_null(strstr(text, T_CASE_NO));
	assert_non_null(strstr(text, T_ITEM));
	free(text);

	/* every font embedded; the rare character came from fonts-hanazono (HanaMinA has the JIS X
	 * 0213 ones, HanaMinB the rest) */
	char *fonts = t_run("pdffonts '%s'", path);
	char *lines[32];
	size_t nl = split_lines(fonts, lines, 32);
	assert_true(nl >= 3);
	for (size_t i = 2; i < nl; i++)
		if (lines[i][0] && !strstr(lines[i], " yes "))
			fail_msg("font not embedded: %s", lines[i]);
	free(fonts);
	fonts = t_run("pdffonts '%s'", path);
	assert_non_null(strstr(fonts, "HanaMin"));
	free(fonts);

	char *info = t_run("pdfinfo '%s'", path);
	assert_non_null(strstr(info, "595.276 x 841.89 pts (A4)"));
	char *pages = strstr(info, "Pages:");
	assert_non_null(pages);
	assert_int_equal(atoi(pages + 6), 1);
	assert_non_null(strstr(info, T_CASE_NO)); /* the Title */
	free(info);

	unlink(path);
	free(path);
	yz_doc_free(d);
	rmdir(dir);
	free(dir);
}

static void test_pdf_a5_and_pages(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	yz_doc *d = yz_doc_new("ledger");
	char line[128];
	for (int i = 1; i <= 120; i++) {
		snprintf(line, sizeof line,
		         "%03d \u5c45\u6c11\u5f20\u4e09\u7533\u8bf7"
		         "\u5c45\u4f4f\u8bc1\u660e",
		         i);
		yz_doc_text(d, line, 0);
	}
	char *path = t_render_pdf(d, YZ_PAPER_A5, dir, "a5.pdf");
	char *info = t_run("pdfinfo '%s'", path);
	assert_non_null(strstr(info, "419.528 x 595.276 pts"));
	char *pages = strstr(info, "Pages:");
	assert_non_null(pages);
	assert_true(atoi(pages + 6) > 3);
	free(info);
	char *text = t_run("pdftotext -enc UTF-8 '%s' -", path);
	assert_non_null(strstr(text, "001 "));
	assert_non_null(strstr(text, "120 "));
	free(text);
	unlink(path);
	free(path);
	yz_doc_free(d);
	rmdir(dir);
	free(dir);
}

int main(void)
{
	/* wcwidth needs a UTF-8 locale; C.UTF-8 always exists */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout_wraps_by_width),
	    cmocka_unit_test(test_layout_never_splits_characters),
	    cmocka_unit_test(test_layout_latin_words_kept),
	    cmocka_unit_test(test_layout_kv_aligned),
	    cmocka_unit_test(test_layout_alignment_and_styles),
	    cmocka_unit_test(test_layout_double_wraps_at_half),
	    cmocka_unit_test(test_escpos_receipt_bytes),
	    cmocka_unit_test(test_escpos_58mm),
	    cmocka_unit_test(test_escpos_rare_name_raster),
	    cmocka_unit_test(test_escpos_middle_dot_is_text),
	    cmocka_unit_test(test_escpos_no_control_injection),
	    cmocka_unit_test(test_pdf_certificate),
	    cmocka_unit_test(test_pdf_a5_and_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
