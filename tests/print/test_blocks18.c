/* Issue 18's print blocks: the bar chart row (yz_doc_bar, a survey report's
 * tallies) and the page head (yz_doc_page_head, a questionnaire's serial on
 * every page), in the text layout, on a receipt and in the PDF (read back
 * with pdftotext and pdftocairo's SVG). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print-test.h"
#include "yizhan/text.h"

/* U+95EE U+5377 U+7F16 U+53F7 U+FF1A: "questionnaire no.:" */
#define T_SERIAL "\u95ee\u5377\u7f16\u53f7\uff1a"
/* U+517B U+8001 U+670D U+52A1: an option, "elderly care" */
#define T_OPTION "\u517b\u8001\u670d\u52a1"
/* U+25A1 WHITE SQUARE: the box ticked on paper */
#define T_BOX "\u25a1"

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

static int hashes(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '#';
	return n;
}

static yz_doc *bars_doc(void)
{
	yz_doc *d = yz_doc_new("bars");
	yz_doc_text(d, "Q3", YZ_STYLE_BOLD);
	yz_doc_bar(d, T_OPTION, 1000, "40 (100.00%)");
	yz_doc_bar(d, "half", 500, "20 (50.00%)");
	yz_doc_bar(d, "quarter", 250, "10 (25.00%)");
	yz_doc_bar(d, "none", 0, "0 (0.00%)");
	yz_doc_bar(d, "too much", 4000, "x"); /* clamped to a full bar */
	yz_doc_bar(d, "a label far too long for its share of the line, it wraps", 100, "4");
	yz_doc_set_created(d, T_CREATED);
	return d;
}

/* The text layout: '#' runs in proportion, the same scale on every row, the
 * value after the bar, nothing wider than the paper. */
static void test_layout_bars(void **state)
{
	(void)state;
	yz_doc *d = bars_doc();
	assert_false(d->oom);
	assert_int_equal(d->blocks[1].kind, YZ_BLOCK_BAR);
	assert_int_equal(d->blocks[5].n, 1000);
	int widths[] = {48, 32, 80};
	for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
		char *text = yz_doc_layout_text(d, widths[k]);
		assert_non_null(text);
		char *l[64];
		size_t n = split_lines(text, l, 64);
		assert_true(n >= 7);
		for (size_t i = 0; i < n; i++)
			if (yz_text_width(l[i]) > widths[k])
				fail_msg("%d columns: line %zu too wide: %s", widths[k], i, l[i]);
		/* at 32 columns the values go under their bars: rows by label */
		size_t at[6] = {0}, k2 = 0;
		for (size_t i = 0; i < n && k2 < 6; i++)
			if (strncmp(l[i], T_OPTION, strlen(T_OPTION)) == 0 ||
			    !strncmp(l[i], "half ", 5) || !strncmp(l[i], "quarter ", 8) ||
			    !strncmp(l[i], "none ", 5) || !strncmp(l[i], "too much ", 9) ||
			    !strncmp(l[i], "a label", 7))
				at[k2++] = i;
		assert_int_equal(k2, 6);
		char *r[8];
		for (size_t i = 0; i < 6; i++)
			r[i + 1] = l[at[i]];
		r[7] = l[at[5] + 1];
		int full = hashes(r[1]);
		assert_true(full > 4);
		assert_true(abs(hashes(r[2]) - full / 2) <= 1);
		assert_true(abs(hashes(r[3]) - full / 4) <= 1);
		assert_int_equal(hashes(r[4]), 0);
		assert_int_equal(hashes(r[5]), full);
		/* the bars start in one column, the value right after the bar */
		/* (the option: 12 bytes, 8 columns) */
		assert_true(strchr(r[1], '#') - r[1] - 12 + 8 == strchr(r[2], '#') - r[2]);
		assert_non_null(strstr(r[2], "# 20 (50.00%)"));
		assert_non_null(strstr(r[4], "none"));
		assert_non_null(strstr(r[4], "0 (0.00%)"));
		/* the long label wraps in its share, its bar on its first line */
		assert_non_null(strstr(r[6], "a label"));
		assert_true(hashes(r[6]) >= 0 && hashes(r[6]) <= full / 10 + 1);
		assert_int_equal(hashes(r[7]), 0);
		free(text);
	}
	yz_doc_free(d);
}

static yz_doc *papers_doc(int papers, int lines)
{
	yz_doc *d = yz_doc_new("papers");
	for (int p = 1; p <= papers; p++) {
		char head[64];
		snprintf(head, sizeof head, T_SERIAL "%04d", p);
		yz_doc_page_head(d, head);
		yz_doc_text(d, "Survey", YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
		for (int i = 1; i <= lines; i++) {
			char q[128];
			snprintf(q, sizeof q, "%d. question %d of paper %d", i, i, p);
			yz_doc_text(d, q, 0);
			yz_doc_text(d, T_BOX "1 " T_OPTION "  " T_BOX "2 no", 0);
		}
	}
	yz_doc_page_head(d, NULL); /* the last page: no head */
	yz_doc_text(d, "notes", 0);
	yz_doc_set_created(d, T_CREATED);
	return d;
}

/* The text layout: a form feed line, then the head once. */
static void test_layout_page(void **state)
{
	(void)state;
	yz_doc *d = papers_doc(2, 1);
	assert_int_equal(d->blocks[0].kind, YZ_BLOCK_PAGE);
	char *text = yz_doc_layout_text(d, 48);
	assert_non_null(text);
	assert_memory_equal(text, "\f\n", 2);
	assert_int_equal(t_count((unsigned char *)text, strlen(text), "\f\n", 2), 3);
	char *at = strstr(text, T_SERIAL "0002");
	assert_non_null(at);
	assert_true(at > text && at[-1] == ' '); /* right-aligned */
	free(text);
	yz_doc_free(d);
}

/* A receipt has no pages: no form feed byte reaches the printer. */
static void test_escpos_page(void **state)
{
	(void)state;
	yz_doc *d = papers_doc(2, 1);
	unsigned char *out;
	size_t n;
	yz_err err = {{0}};
	assert_int_equal(yz_escpos_render(NULL, d, NULL, &out, &n, &err), 0);
	/* (0x0C also appears as FS ! 12, double-size Chinese: look for a line) */
	assert_true(t_find(out, n, "\f\n", 2) < 0);
	assert_true(t_find(out, n, "question 1 of paper 2", 21) > 0);
	free(out);
	yz_doc_free(d);
}

/* The PDF: each paper starts a page, its serial at the top right of every
 * one of its pages (in the top margin), none after the NULL head. */
static void test_pdf_page_heads(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/yz-blocks18-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	yz_doc *d = papers_doc(3, 20); /* 20 questions: two pages a paper */
	char *path = t_render_pdf(d, YZ_PAPER_A4, dir, "papers.pdf");
	int pages = t_pdf_pages(path);
	assert_int_equal(pages, 7); /* 3 papers x 2 pages, then the notes */
	size_t n;
	t_bline *l = t_text_lines(path, &n);
	int heads[8] = {0};
	for (size_t i = 0; i < n; i++) {
		const char *s = strstr(l[i].text, T_SERIAL);
		if (!s)
			continue;
		int serial = atoi(s + strlen(T_SERIAL));
		/* paper p on pages 2p-1 and 2p */
		assert_int_equal(serial, (l[i].page + 1) / 2);
		assert_true(l[i].x1 > 595.0 / 2 && l[i].x1 <= 595.0 - 60); /* at the right */
		assert_true(l[i].y1 < 100);                                /* above the text */
		heads[l[i].page]++;
		/* each paper's questions are on its own pages */
	}
	for (int p = 1; p <= 6; p++)
		assert_int_equal(heads[p], 1);
	assert_int_equal(heads[7], 0);
	for (size_t i = 0; i < n; i++) {
		int q, paper;
		if (sscanf(l[i].text, "%d.question%dofpaper%d", &q, &q, &paper) == 3)
			assert_true(l[i].page == 2 * paper - 1 || l[i].page == 2 * paper);
	}
	/* the boxes are text the fonts have (pdftotext reads them back) */
	char *p1 = t_page_text(path, 1);
	assert_non_null(strstr(p1, T_BOX "1"));
	free(p1);
	free(l);
	unlink(path);
	free(path);
	yz_doc_free(d);

	/* a head at the top of the first page starts no empty page */
	d = papers_doc(1, 2);
	path = t_render_pdf(d, YZ_PAPER_A4, dir, "one.pdf");
	assert_int_equal(t_pdf_pages(path), 2); /* the paper, then the notes' page */
	unlink(path);
	free(path);
	yz_doc_free(d);
	rmdir(dir);
}

/* The grey bars in pdftocairo's SVG: filled paths, widths in proportion. */
static int svg_bars(const char *path, double *x, double *w, int max)
{
	char *svg = t_run("pdftocairo -svg '%s' -", path);
	int n = 0;
	for (char *p = svg; n < max && (p = strstr(p, "<path ")); p++) {
		char *end = strstr(p, "/>");
		char *fill = strstr(p, "fill:rgb(");
		if (!fill || fill > end)
			continue;
		double r;
		if (sscanf(fill, "fill:rgb(%lf%%", &r) != 1 || r < 40 || r > 70)
			continue;
		double x0, y0, x1, y1;
		char *dd = strstr(p, " d=\"");
		if (!dd || dd > end ||
		    sscanf(dd, " d=\"M %lf %lf L %lf %lf", &x0, &y0, &x1, &y1) != 4)
			continue;
		x[n] = x0;
		w[n++] = x1 - x0;
	}
	free(svg);
	return n;
}

static void test_pdf_bars(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/yz-blocks18-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	yz_doc *d = bars_doc();
	char *path = t_render_pdf(d, YZ_PAPER_A4, dir, "bars.pdf");
	assert_int_equal(t_pdf_pages(path), 1);
	double x[16], w[16];
	int n = svg_bars(path, x, w, 16);
	assert_int_equal(n, 5); /* the zero bar draws nothing */
	for (int i = 0; i < n; i++)
		assert_true(x[i] > x[0] - 0.01 && x[i] < x[0] + 0.01); /* one left edge */
	assert_true(w[0] > 150);
	assert_true(w[1] > w[0] / 2 - 0.5 && w[1] < w[0] / 2 + 0.5);
	assert_true(w[2] > w[0] / 4 - 0.5 && w[2] < w[0] / 4 + 0.5);
	assert_true(w[3] > w[0] - 0.01 && w[3] < w[0] + 0.01);
	/* the values after their bars, the labels at the left */
	size_t nl;
	t_bline *l = t_text_lines(path, &nl);
	bool value = false, label = false;
	for (size_t i = 0; i < nl; i++) {
		if (strstr(l[i].text, "20(50.00%)") || strstr(l[i].text, "20 (50.00%)")) {
			value = true;
			assert_true(l[i].x0 >= x[1] + w[1]);
			assert_true(l[i].x0 < x[1] + w[1] + 15);
		}
		if (strstr(l[i].text, T_OPTION)) {
			label = true;
			assert_true(l[i].x1 < x[0]);
		}
	}
	assert_true(value && label);
	free(l);
	unlink(path);
	free(path);
	yz_doc_free(d);
	rmdir(dir);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout_bars), cmocka_unit_test(test_layout_page),
	    cmocka_unit_test(test_escpos_page), cmocka_unit_test(test_pdf_page_heads),
	    cmocka_unit_test(test_pdf_bars),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
