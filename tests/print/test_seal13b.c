/* Issue 13, the seal area, read back from the real PDF (pdftotext
 * -bbox-layout for the lines, pdftocairo -svg for the dashed square):
 *   - the square holds the whole station name and the date it stands over,
 *     however long the name (the dashes never cut a character);
 *   - after lines to sign on, the clerk and the phone, the seal goes at the
 *     right beside them, as the stamp does on a paper, not below them: a
 *     hand-over slip whose seal would not fit under its closing lines stays on
 *     one page;
 *   - a household's table in the grid book stays on one page with its
 *     household line when it fits a page; a table longer than a page repeats
 *     the household line, marked continued, over its header on the next page
 *     (the print module's API, and the grid books of a fresh demo station
 *     made by the real binary, argv[1]). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print-test.h"

/* "Demo community party-and-people service centre" (10 characters) */
#define T_STATION "\u6f14\u793a\u793e\u533a\u515a\u7fa4\u670d\u52a1\u4e2d\u5fc3"
#define T_DATE    "2026-03-04"
#define T_CLERK   "Clerk"

#define T_HEADER "Relation"
#define T_HH     "Household"

static char tmpdir[64];
static const char *yizhan_exe;

/* The line of page p whose text is text, or NULL. */
static const t_bline *find_line(const t_bline *l, size_t n, int p, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].page == p && strcmp(l[i].text, text) == 0)
			return &l[i];
	return NULL;
}

static void assert_inside(const t_bline *l, double x0, double y0, double x1, double y1)
{
	if (l->x0 < x0 || l->x1 > x1 || l->y0 < y0 || l->y1 > y1)
		fail_msg("\"%s\" (%.1f,%.1f)-(%.1f,%.1f) is not inside the seal area "
		         "(%.1f,%.1f)-(%.1f,%.1f)",
		         l->text, l->x0, l->y0, l->x1, l->y1, x0, y0, x1, y1);
}

/* A slip: rows body lines, then the closing lines of a hand-over slip. */
static yz_doc *slip_doc(const char *station, int rows)
{
	yz_doc *d = yz_doc_new("slip");
	yz_doc_text(d, "Hand-over slip", YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	for (int i = 0; i < rows; i++) {
		char v[32];
		snprintf(v, sizeof v, "line %d", i + 1);
		yz_doc_kv(d, "Item", v);
	}
	size_t closing = d->n_blocks - 1;
	yz_doc_space(d, 1);
	yz_doc_signature(d, "Handed over by", "Received by");
	yz_doc_kv(d, T_CLERK, T_NAME);
	yz_doc_kv(d, "Phone", "021-12345678");
	yz_doc_seal(d, station, T_DATE, "(seal)");
	yz_doc_keep_together(d, closing);
	return d;
}

static void test_seal_holds_name_and_date(void **state)
{
	(void)state;
	const char *names[] = {T_STATION, T_STATION T_STATION};
	for (size_t k = 0; k < 2; k++) {
		yz_doc *d = slip_doc(names[k], 3);
		char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "seal.pdf");
		double x0, y0, x1, y1;
		assert_true(t_seal_rect(path, 1, &x0, &y0, &x1, &y1));
		size_t n;
		t_bline *l = t_text_lines(path, &n);
		const t_bline *name = NULL, *date = find_line(l, n, 1, T_DATE);
		for (size_t i = 0; i < n && !name; i++) /* a long name may wrap */
			if (l[i].page == 1 && strncmp(l[i].text, T_STATION, 6) == 0)
				name = &l[i];
		assert_non_null(name);
		assert_non_null(date);
		for (size_t i = 0; i < n; i++)
			if (l[i].page == 1 && l[i].y0 >= name->y0 && l[i].y1 <= date->y1 &&
			    l[i].x1 > (x0 + x1) / 2) /* the lines it stands over */
				assert_inside(&l[i], x0, y0, x1, y1);
		free(l);
		unlink(path);
		free(path);
		yz_doc_free(d);
	}
}

static void test_seal_beside_closing_lines(void **state)
{
	(void)state;
	yz_doc *d = slip_doc(T_STATION, 3);
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "beside.pdf");
	double x0, y0, x1, y1;
	assert_true(t_seal_rect(path, 1, &x0, &y0, &x1, &y1));
	size_t n;
	t_bline *l = t_text_lines(path, &n);
	const t_bline *clerk = NULL;
	for (size_t i = 0; i < n && !clerk; i++)
		if (l[i].page == 1 && strncmp(l[i].text, T_CLERK, strlen(T_CLERK)) == 0)
			clerk = &l[i];
	assert_non_null(clerk);
	/* beside: the square starts above the clerk's line ends, at its right */
	if (!(y0 < clerk->y1 && x0 > clerk->x1))
		fail_msg("seal (%.1f,%.1f)-(%.1f,%.1f) not beside the clerk's line "
		         "(%.1f,%.1f)-(%.1f,%.1f)",
		         x0, y0, x1, y1, clerk->x0, clerk->y0, clerk->x1, clerk->y1);
	/* no text line runs into the square but its own */
	for (size_t i = 0; i < n; i++)
		if (l[i].page == 1 && t_overlaps(&l[i], x0, y0, x1, y1) &&
		    strcmp(l[i].text, T_DATE) != 0 && strncmp(l[i].text, T_STATION, 6) != 0 &&
		    strcmp(l[i].text, "(seal)") != 0)
			fail_msg("\"%s\" runs into the seal area", l[i].text);
	free(l);
	unlink(path);
	free(path);
	yz_doc_free(d);
}

/* households households of rows members each, as the grid book lays them out
 * (a bold household line, then the member table), after lead filler lines;
 * with long set, one more household of 80 members, continued on later pages. */
static yz_doc *book_doc(int lead, int households, int rows, bool longer)
{
	yz_doc *d = yz_doc_new("book");
	for (int i = 0; i < lead; i++)
		yz_doc_kv(d, "Filler", "line");
	const char *h[] = {T_HEADER, "Name", "ID number"};
	for (int k = 0; k < households + (longer ? 1 : 0); k++) {
		bool last = longer && k == households;
		char line[64];
		snprintf(line, sizeof line, T_HH " %06d   Road %d   head: " T_NAME, k + 1, k);
		yz_doc_text(d, line, YZ_STYLE_BOLD);
		yz_doc_table(d, 3, h, NULL, "lll");
		snprintf(line, sizeof line, T_HH " %06d (continued)", k + 1);
		yz_doc_table_continued(d, line);
		for (int r = 0; r < (last ? 80 : rows); r++) {
			const char *cells[] = {"Child", T_NAME, "330102202604284535"};
			yz_doc_table_row(d, cells);
		}
	}
	return d;
}

/* Every page after the first starts with a household line; the continued
 * ones (count into *continued) only where the table is longer than a page. */
static void assert_pages_start_with_household(const char *path, const char *hh, const char *header,
                                              int *continued)
{
	int pages = t_pdf_pages(path);
	size_t n;
	t_bline *l = t_text_lines(path, &n);
	for (int p = 2; p <= pages; p++) {
		const t_bline *first = NULL;
		for (size_t i = 0; i < n && !first; i++)
			if (l[i].page == p)
				first = &l[i];
		assert_non_null(first);
		if (strncmp(first->text, header, strlen(header)) == 0)
			fail_msg(
			    "page %d of %d starts with the table header, no household line:\n%s", p,
			    pages, first->text);
		if (strncmp(first->text, hh, strlen(hh)) != 0)
			continue; /* the footer */
		if (strstr(first->text, "(continued)") || strstr(first->text, "\uff08\u7eed\uff09"))
			(*continued)++;
	}
	free(l);
}

static void test_household_kept_with_its_line(void **state)
{
	(void)state;
	for (int lead = 0; lead < 30; lead += 3) {
		yz_doc *d = book_doc(lead, 12, 4, false);
		char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "book.pdf");
		int continued = 0;
		assert_pages_start_with_household(path, T_HH, T_HEADER, &continued);
		assert_int_equal(continued, 0); /* every table fits a page */
		unlink(path);
		free(path);
		yz_doc_free(d);
	}
	yz_doc *d = book_doc(0, 1, 4, true);
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "long.pdf");
	int continued = 0;
	assert_pages_start_with_household(path, T_HH, T_HEADER, &continued);
	assert_int_equal(continued, t_pdf_pages(path) - 1);
	assert_true(continued >= 1);
	char *text = t_page_text(path, 2);
	assert_non_null(strstr(text, T_HH " 000002 (continued)"));
	free(text);
	unlink(path);
	free(path);
	yz_doc_free(d);
}

/* The grid books of a fresh demo station (`yizhan grid book GRID --pdf`). */
static void test_demo_grid_books(void **state)
{
	(void)state;
	char home[128], cmd[1024];
	snprintf(home, sizeof home, "%s/demo", tmpdir);
	char *out =
	    t_run("'%s' --home '%s' init --demo >/dev/null 2>&1 && '%s' --home '%s' grid list",
	          yizhan_exe, home, yizhan_exe, home);
	int books = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		char grid[128];
		if (sscanf(line, "%127s", grid) != 1)
			continue;
		char pdf[256];
		snprintf(pdf, sizeof pdf, "%s/book%d.pdf", tmpdir, books);
		snprintf(cmd, sizeof cmd,
		         "echo demo1234 | '%s' --home '%s' grid book '%s' --pdf '%s' --as admin "
		         "--password-fd 0 >/dev/null 2>&1", /* issue 14: as the demo's admin */
		         yizhan_exe, home, grid, pdf);
		if (system(cmd) != 0)
			fail_msg("%s failed", cmd);
		int continued = 0;
		/* the household line and the table's first header cell, in Chinese */
		assert_pages_start_with_household(pdf, "\u6237\u7f16\u53f7", "\u4e0e\u6237\u4e3b",
		                                  &continued);
		assert_int_equal(continued, 0);
		unlink(pdf);
		books++;
	}
	free(out);
	assert_true(books >= 2);
	free(t_run("rm -rf '%s'", home));
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_print_seal13b PATH/TO/yizhan\n");
		return 2;
	}
	yizhan_exe = argv[1];
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/yzseal13b.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seal_holds_name_and_date),
	    cmocka_unit_test(test_seal_beside_closing_lines),
	    cmocka_unit_test(test_household_kept_with_its_line),
	    cmocka_unit_test(test_demo_grid_books),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
