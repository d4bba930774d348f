/* Issue 13, the layout of printed documents, read back from the real PDFs
 * (poppler's pdftotext -bbox-layout for words and their boxes, pdftocairo -svg
 * for the seal area's dashed rectangle, pdfinfo for pages and orientation):
 *   - an address wraps at a whole unit: "1502<room>" is never cut between the
 *     number and its unit, nor inside a run of digits (PDF and receipt);
 *   - the seal area of a certificate lies over the station name and the date;
 *   - a certificate never ends with its closing lines alone on a second page;
 *   - a heading never stands alone at the bottom of a page;
 *   - the household sheet keeps every ID number and every name whole in its
 *     cell, and turns landscape when its columns do not fit a portrait A4.
 * Certificates and sheets come from the real service builders (a station in a
 * temporary folder, the real forms/); the rest from the print module's API. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../service/fixture.h"
#include "print-test.h"

/* Chinese test text, escaped (sources stay ASCII). */
/* room, number, building (two words), unit (two characters), floor, lane */
#define U_ROOM    "\u5ba4"
#define U_NUMBER  "\u53f7"
#define U_BLDG    "\u5e62"
#define U_UNIT    "\u5355\u5143"
#define U_UNIT1   "\u5355"
#define U_UNIT2   "\u5143"
#define U_ADDRESS "\u4f4f\u5740" /* address */
/* Jiangcheng Road 21, building 16, unit 3, room 1502 */
#define T_ADDRESS                                                                                  \
	"\u6c5f\u57ce\u8def"                                                                       \
	"21" U_NUMBER "16" U_BLDG "3" U_UNIT "1502" U_ROOM
/* a filler character (U+67D0) */
#define T_FILL "\u67d0"

/* ---- helpers ------------------------------------------------------------------- */

static char tmpdir[64];

/* Size of page p in points. */
static void page_size(const char *path, int p, double *w, double *h)
{
	char *info = t_run("pdfinfo -f %d -l %d '%s'", p, p, path);
	char *s = strstr(info, "size:");
	assert_non_null(s);
	assert_int_equal(sscanf(s + 5, " %lf x %lf", w, h), 2);
	free(info);
}

static bool is_alnum_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Fail when a line break of text (lines split at '\n', leading blanks
 * ignored) falls between a number and its unit, inside "unit", or inside a
 * run of digits and letters. */
static void assert_units_whole(const char *text, const char *what)
{
	const char *prev = NULL;
	size_t prev_len = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (len > 0 && *p == ' ')
			p++, len--;
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (prev && prev_len > 0 && len > 0) {
			bool digit_end = is_alnum_byte(prev[prev_len - 1]);
			bool bad = (digit_end && is_alnum_byte(p[0])) ||
			           (digit_end && (starts(p, U_ROOM) || starts(p, U_NUMBER) ||
			                          starts(p, U_BLDG) || starts(p, U_UNIT1))) ||
			           (ends(prev, prev_len, U_UNIT1) && starts(p, U_UNIT2));
			if (bad)
				fail_msg("%s: a line break cuts a unit:\n%.*s|\n%.*s|\nin:\n%s",
				         what, (int)prev_len, prev, (int)len, p, text);
		}
		prev = p;
		prev_len = len;
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* ---- addresses wrap at a whole unit -------------------------------------------- */

/* An address after k filler characters, as a key-value row and as running
 * text, so that the line ends at every place of the address in turn. */
static yz_doc *address_doc(int k)
{
	char fill[256] = "";
	for (int i = 0; i < k; i++)
		strcat(fill, T_FILL);
	char *value = yz_strdup_printf("%s%s", fill, T_ADDRESS);
	char *para = yz_strdup_printf(T_NAME "%s%s%s", fill, fill, T_ADDRESS);
	yz_doc *d = yz_doc_new("address");
	yz_doc_kv(d, U_ADDRESS, value);
	yz_doc_text(d, para, YZ_STYLE_INDENT);
	free(value);
	free(para);
	return d;
}

static void test_address_wraps_at_whole_unit(void **state)
{
	(void)state;
	for (int k = 0; k < 32; k++) {
		yz_doc *d = address_doc(k);
		char what[64];
		char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "address.pdf");
		char *text = t_page_text(path, 1);
		snprintf(what, sizeof what, "PDF, %d fillers", k);
		assert_units_whole(text, what);
		free(text);
		unlink(path);
		free(path);
		for (int cols = 32; cols <= 48; cols += 16) {
			text = yz_doc_layout_text(d, cols);
			snprintf(what, sizeof what, "receipt of %d columns, %d fillers", cols, k);
			assert_units_whole(text, what);
			free(text);
		}
		yz_doc_free(d);
	}
}

/* ---- certificates from the service --------------------------------------------- */

/* A family finance certificate whose hardship note is `note`; its PDF. */
static char *finance_certificate(fixture *f, const char *note, const char *name)
{
	const yz_form *form = yz_catalogue_find(&f->cat, "family_finance_certificate");
	assert_non_null(form);
	yz_values v = {0};
	fixture_fill_examples(f, form, &v);
	/* a resident of her own each time (one open case per person and item) */
	static int seq;
	char first17[18], idno[19];
	snprintf(first17, sizeof first17, "33010619820210%03d", ++seq % 1000);
	fixture_make_idno(first17, idno);
	fixture_ensure_resident(f, idno, T_NAME, T_ADDRESS);
	yz_values_set(&v, "resident", idno);
	yz_values_set(&v, "hardship_note", note);
	const char *mats[32];
	size_t nm = fixture_all_materials(form, mats, 32);
	yz_case c;
	yz_err err = {{0}};
	if (yz_service_submit(&f->s, form, &v, mats, nm, &c, &err) != 0)
		fail_msg("submit: %s", err.msg);
	yz_values_clear(&v);
	yz_doc *d = yz_service_build_doc(&f->s, c.number, "certificate", &err);
	if (!d)
		fail_msg("build: %s", err.msg);
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, name);
	yz_doc_free(d);
	return path;
}

static int setup_station(void **state)
{
	fixture *f = fixture_open("yzlay");
	snprintf(f->cfg.station_phone, sizeof f->cfg.station_phone, "0571-88886666");
	/* a station name of one word, as pdftotext joins it */
	snprintf(f->cfg.station_name, sizeof f->cfg.station_name, "%s",
	         "\u6f14\u793a\u793e\u533a\u670d\u52a1\u7ad9");
	*state = f;
	return 0;
}

/* The seal area (the dashed square) lies over the station name and the date
 * that close the certificate, where the stamp goes. */
static void test_seal_over_station_and_date(void **state)
{
	fixture *f = *state;
	char *path = finance_certificate(f, "\u5931\u4e1a", "seal.pdf");
	size_t n;
	t_bline *l = t_text_lines(path, &n);
	/* the closing station name: the last line of page 1 that is the name */
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (l[i].page == 1 && strcmp(l[i].text, f->cfg.station_name) == 0)
			at = i;
	if (at == n || at + 1 >= n || at == 0)
		fail_msg("no closing station name %s", f->cfg.station_name);
	const t_bline *date = &l[at + 1];
	double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
	assert_true(t_seal_rect(path, 1, &x0, &y0, &x1, &y1));
	if (!t_overlaps(&l[at], x0, y0, x1, y1) || !t_overlaps(date, x0, y0, x1, y1))
		fail_msg("the seal area (%.0f,%.0f)-(%.0f,%.0f) is not over the station name "
		         "(%.0f,%.0f)-(%.0f,%.0f) and the date \"%s\" (%.0f,%.0f)-(%.0f,%.0f)",
		         x0, y0, x1, y1, l[at].x0, l[at].y0, l[at].x1, l[at].y1, date->text,
		         date->x0, date->y0, date->x1, date->y1);
	/* it is the seal area of a certificate, not a box around nothing */
	assert_true(x1 - x0 > 100 && y1 - y0 > 100);
	free(l);
	unlink(path);
	free(path);
}

/* Hardship notes of growing length push the end of the certificate down the
 * page and onto the next: a second page never holds the closing lines alone
 * (station, date, seal, case number, serial, code), they come with body
 * text, or the page's spacing shrinks so that it fits. */
static void test_closing_not_alone(void **state)
{
	fixture *f = *state;
	/* "the household's main earner lost his job" (16 characters) */
	static const char *const piece = "\u5bb6\u5ead\u4e3b\u8981\u52b3\u52a8\u529b\u4e8e"
	                                 "\u4eca\u5e74\u5931\u4e1a\u65e0\u6536\u5165\u3002";
	char note[4096] = "";
	int two_pages = 0;
	for (int k = 0; k < 40; k++) {
		strcat(note, piece);
		char *path = finance_certificate(f, note, "closing.pdf");
		int pages = t_pdf_pages(path);
		if (pages > 1) {
			two_pages++;
			char *last = t_page_text(path, pages);
			/* the body's closing words come along */
			if (!strstr(last, "\u7279\u6b64\u8bc1\u660e"))
				fail_msg("%d characters of note: page %d holds only the closing "
				         "lines:\n%s",
				         16 * (k + 1), pages, last);
			free(last);
		}
		unlink(path);
		free(path);
	}
	/* the notes were long enough to need a second page at the end */
	assert_true(two_pages > 0);
}

/* ---- headings keep with what follows ------------------------------------------- */

/* Filler lines, then sections of a bold heading and a small table: whatever
 * the filler, no page ends with a heading. */
static void test_heading_not_alone(void **state)
{
	(void)state;
	for (int k = 0; k < 30; k++) {
		yz_doc *d = yz_doc_new("headings");
		for (int i = 0; i < k; i++)
			yz_doc_text(d, T_ITEM, 0);
		const char *head[] = {"No.", "\u59d3\u540d"};
		for (int s = 1; s <= 8; s++) {
			char h[32];
			snprintf(h, sizeof h, "Section %d", s);
			yz_doc_text(d, h, YZ_STYLE_BOLD);
			yz_doc_table(d, 2, head, NULL, "rl");
			for (int r = 1; r <= 4; r++) {
				char no[8];
				snprintf(no, sizeof no, "%d", r);
				yz_doc_table_row(d, (const char *[]){no, T_NAME});
			}
		}
		char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "headings.pdf");
		size_t n;
		t_bline *l = t_text_lines(path, &n);
		for (size_t i = 0; i + 1 < n; i++)
			if (l[i + 1].page != l[i].page && starts(l[i].text, "Section"))
				fail_msg("%d filler lines: page %d ends with the heading \"%s\"", k,
				         l[i].page, l[i].text);
		free(l);
		unlink(path);
		free(path);
		yz_doc_free(d);
	}
}

/* ---- the household sheet ------------------------------------------------------- */

static void add_member(fixture *f, int64_t household, const char *name, const char *first17,
                       const char *relation, char idno[19])
{
	yz_resident r = {0};
	yz_err err = {{0}};
	fixture_make_idno(first17, idno);
	snprintf(r.name, sizeof r.name, "%s", name);
	snprintf(r.idno, sizeof r.idno, "%s", idno);
	snprintf(r.relation, sizeof r.relation, "%s", relation);
	snprintf(r.ethnicity, sizeof r.ethnicity, "\u6c49\u65cf");
	snprintf(r.phone, sizeof r.phone, "13957191662");
	snprintf(r.category, sizeof r.category, "%s", YZ_CAT_REGISTERED);
	snprintf(r.address, sizeof r.address, "%s", T_ADDRESS);
	r.household_id = household;
	if (yz_resident_add(f->store, &r, "zhangli", &err) != 0)
		fail_msg("member %s: %s", name, err.msg);
}

/* A household with four-character and minority names: on its sheet every ID
 * number and every name stays on one line of its cell, and the sheet is
 * landscape because its columns do not fit a portrait A4. */
static void test_sheet_keeps_ids_and_names(void **state)
{
	fixture *f = *state;
	static const char *const names[] = {
	    "\u6b27\u9633\u660e\u6708",                         /* a four-character name */
	    "\u963f\u4f9d\u53e4\u4e3d\u00b7\u4e70\u4e70\u63d0", /* a minority name */
	    "\u53f8\u9a6c\u957f\u98ce",                         /* another compound surname */
	    T_RARE_NAME,                                        /* a CJK Ext-B character */
	};
	static const char *const first17[] = {"33010219731001809", "33010219951128828",
	                                      "33010219960624652", "33010219421031228"};
	/* head, child, child, parent */
	static const char *const rel[] = {"\u6237\u4e3b", "\u5b50\u5973", "\u5b50\u5973",
	                                  "\u7236\u6bcd"};
	int64_t hh;
	yz_err err = {{0}};
	assert_int_equal(yz_household_add(f->store, T_ADDRESS, &hh, &err), 0);
	char idno[4][19];
	for (int i = 0; i < 4; i++)
		add_member(f, hh, names[i], first17[i], rel[i], idno[i]);
	yz_doc *d = yz_service_household_sheet(&f->s, hh, true, &err);
	if (!d)
		fail_msg("sheet: %s", err.msg);
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "sheet.pdf");
	yz_doc_free(d);
	size_t n;
	t_bline *l = t_text_lines(path, &n);
	for (int i = 0; i < 4; i++) {
		bool id_whole = false, name_whole = false;
		for (size_t k = 0; k < n; k++) {
			id_whole = id_whole || strstr(l[k].text, idno[i]);
			name_whole = name_whole || strstr(l[k].text, names[i]);
		}
		if (!id_whole || !name_whole)
			fail_msg("%s %s is broken in its cell", names[i], idno[i]);
	}
	double w, h;
	page_size(path, 1, &w, &h);
	if (w < h)
		fail_msg("the sheet is portrait (%.0f x %.0f): its columns do not fit", w, h);
	free(l);
	unlink(path);
	free(path);
}

/* A table that fits a portrait page stays portrait. */
static void test_narrow_table_stays_portrait(void **state)
{
	(void)state;
	yz_doc *d = t_household_doc();
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "narrow.pdf");
	double w, h;
	page_size(path, 1, &w, &h);
	assert_true(w < h);
	unlink(path);
	free(path);
	yz_doc_free(d);
}

int main(void)
{
	/* wcwidth needs a UTF-8 locale; C.UTF-8 always exists */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/yzlay13.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_address_wraps_at_whole_unit),
	    cmocka_unit_test_setup_teardown(test_seal_over_station_and_date, setup_station,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_closing_not_alone, setup_station,
	                                    fixture_teardown),
	    cmocka_unit_test(test_heading_not_alone),
	    cmocka_unit_test_setup_teardown(test_sheet_keeps_ids_and_names, setup_station,
	                                    fixture_teardown),
	    cmocka_unit_test(test_narrow_table_stays_portrait),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
