/* Issue 13, import and export of residents, against a real station file:
 * --update with history, a rejects file that imports again once corrected,
 * a stray quote rejecting one row only, hidden characters rejected with row
 * and column, exports safe to open in Excel/WPS that import back, CR-only
 * line endings, and a bad byte naming its row in an auto-detected file. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

#define HEADINGS  FX_IMPORT_HEADINGS
#define HEADER    HEADINGS "\r\n"
#define BOM       "\xef\xbb\xbf"
#define HAN       "\u6c49\u65cf"             /* han zu */
#define REASON    "\u9000\u56de\u539f\u56e0" /* the rejects file's reason column */
#define COL_NAME  "\u59d3\u540d"             /* xing ming */
#define COL_PHONE "\u8054\u7cfb\u7535\u8bdd"
#define COL_IDNO  "\u8eab\u4efd\u8bc1\u53f7"

static void paths(const fixture *fx, const char *name, char *in, char *rej)
{
	snprintf(in, 160, "%s/%s.csv", fx->dir, name);
	snprintf(rej, 160, "%s/%s.rejects.csv", fx->dir, name);
}

/* --update changes a registered resident matched by ID number, one history row
 * per changed value; without it the row is rejected, as before. */
static void test_update(void **state)
{
	fixture *fx = *state;
	char a[19], b[19], in[160], rej[160], csv[4096] = HEADER, csv2[4096] = HEADER;
	yz_import_report rep;
	yz_err err = {0};
	yz_resident r;

	make_idno(330106, 1980, 1, 2, 101, a);
	make_idno(330106, 1985, 6, 7, 202, b);
	fx_import_row(csv, sizeof csv, "", a, "\u7532", HAN ",13900000001,,,,,,");
	paths(fx, "first", in, rej);
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(yz_resident_by_idno(fx->st, a, &r, &err), 0);
	assert_string_equal(r.birth, "1980-01-02"); /* the ID number's birth date */
	int64_t id = r.id;

	/* A new phone and notes, the nationality cell left empty; b is new. */
	fx_import_row(csv2, sizeof csv2, "", a, "\u7532", ",13900000002,,,,,,\u5df2\u642c\u5bb6");
	fx_import_row(csv2, sizeof csv2, "", b, "\u4e59", HAN ",,,,,,,");
	paths(fx, "second", in, rej);
	fx_write_file(in, csv2, strlen(csv2));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.rejected, 1);
	size_t len;
	char *text = fx_read_file(rej, &len);
	fx_expect_in(text, "already registered");
	fx_expect_in(text, "--update");
	free(text);
	assert_int_equal(yz_resident_get(fx->st, id, &r, &err), 0);
	assert_string_equal(r.phone, "13900000001");

	assert_int_equal(fx_import(fx, in, rej, true, &rep, &err), 0);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.unchanged, 1); /* b, as the last import left it */
	assert_int_equal(rep.imported, 0);
	assert_int_equal(rep.rejected, 0);
	assert_int_equal(access(rej, F_OK), -1);
	assert_int_equal(yz_resident_get(fx->st, id, &r, &err), 0);
	assert_string_equal(r.phone, "13900000002");
	assert_string_equal(r.notes, "\u5df2\u642c\u5bb6");
	assert_string_equal(r.ethnicity, HAN); /* an empty cell keeps the value */

	yz_change ch[16];
	size_t n = 0;
	assert_int_equal(yz_history_newest(fx->st, "resident", id, ch, 16, &n, &err), 0);
	assert_int_equal(n, 2);
	bool phone = false, notes = false;
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(ch[i].actor, "clerk1");
		if (!strcmp(ch[i].field, "phone")) {
			phone = true;
			assert_string_equal(ch[i].old, "13900000001");
			assert_string_equal(ch[i].new, "13900000002");
		}
		notes = notes || !strcmp(ch[i].field, "notes");
	}
	assert_true(phone && notes);

	/* One resident twice in one --update file: the second row is rejected. */
	char csv3[4096] = HEADER;
	fx_import_row(csv3, sizeof csv3, "", a, "\u7532", ",13900000003,,,,,,");
	fx_import_row(csv3, sizeof csv3, "", a, "\u7532", ",13900000004,,,,,,");
	paths(fx, "third", in, rej);
	fx_write_file(in, csv3, strlen(csv3));
	assert_int_equal(fx_import(fx, in, rej, true, &rep, &err), 0);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.rejected, 1);
	text = fx_read_file(rej, &len);
	fx_expect_in(text, "Row 3, " COL_IDNO ": This ID number appears earlier in this file.");
	free(text);
	assert_int_equal(yz_resident_get(fx->st, id, &r, &err), 0);
	assert_string_equal(r.phone, "13900000003");
}

/* Replace the first what in text (a buffer of 1 MB) with with. */
static void replace(char *text, const char *what, const char *with)
{
	char *at = strstr(text, what);

	if (!at)
		fail_msg("\"%s\" is not in:\n%s", what, text);
	memmove(at + strlen(with), at + strlen(what), strlen(at + strlen(what)) + 1);
	memcpy(at, with, strlen(with));
}

/* The rejects file has the import's columns and the row's cells, then the
 * reason: corrected, it imports as it is. */
static void test_rejects_import_again(void **state)
{
	fixture *fx = *state;
	char ids[4][19], in[160], rej[160], again[160], again_rej[160], csv[4096] = BOM HEADER;
	yz_import_report rep;
	yz_err err = {0};
	yz_resident r;

	for (int i = 0; i < 4; i++)
		make_idno(330106, 1970 + i, 3, 4, 300 + i, ids[i]);
	fx_import_row(csv, sizeof csv, "H1", ids[0], "\u7532",
	              HAN ",,,,,\u676d\u5dde,\u6237\u4e3b,");
	fx_import_row(csv, sizeof csv, "H1", ids[1], "\u4e59",
	              HAN ",12ab,,,,\u676d\u5dde,\u914d\u5076,=SUM(1)");
	fx_import_row(csv, sizeof csv, "", ids[2], "\u4e19", HAN ",,,,,,,\"\u6709,\u9017\u53f7\"");
	fx_import_row(csv, sizeof csv, "", ids[3], "\u4e01", "\u706b\u661f\u65cf,,,,,,,");
	paths(fx, "in", in, rej);
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.rejected, 2);

	size_t len;
	char *text = fx_read_file(rej, &len);
	const char *first = BOM HEADINGS "," REASON "\r\n";
	if (strncmp(text, first, strlen(first)) != 0)
		fail_msg("the rejects file does not start with the import's headings:\n%s", text);
	/* The row's own cells (the ID number and the phone kept as text, the
	 * formula-like note quoted), then the reason with row and column. */
	char line[1024];
	snprintf(line, sizeof line,
	         "\r\n\tH1,\t%s,\u4e59," HAN
	         ",\t12ab,,,,\u676d\u5dde,\u914d\u5076,'=SUM(1),\"Row 3, " COL_PHONE
	         ": Not a phone number",
	         ids[1]);
	fx_expect_in(text, line);
	snprintf(line, sizeof line, "\r\n,\t%s,\u4e01,\u706b\u661f\u65cf,,,,,,,,\"Row 5, ", ids[3]);
	fx_expect_in(text, line);

	/* The clerk corrects the two cells in the rejects file and imports it. */
	replace(text, "12ab", "13900000009");
	replace(text, "\u706b\u661f\u65cf", HAN);
	paths(fx, "again", again, again_rej);
	fx_write_file(again, text, strlen(text));
	free(text);
	assert_int_equal(fx_import(fx, again, again_rej, false, &rep, &err), 0);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.rejected, 0);
	assert_int_equal(yz_resident_by_idno(fx->st, ids[1], &r, &err), 0);
	assert_string_equal(r.phone, "13900000009");
	assert_string_equal(r.notes, "=SUM(1)");
	assert_string_equal(r.relation, "\u914d\u5076");
	assert_true(r.household_id > 0);
	assert_int_equal(yz_resident_count(fx->st), 4);
}

/* An unclosed or misplaced quote rejects its own row; the rows after it are
 * read. */
static void test_stray_quote(void **state)
{
	fixture *fx = *state;
	const char *bad[] = {"\"O'Brien", "\"O\"Brien", "O\"Brien\""};
	char in[160], rej[160];
	yz_import_report rep;
	yz_err err = {0};

	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char csv[4096] = HEADER, id[19], name[32];
		make_idno(330106, 1990, 1, 1, (int)(100 + 10 * k), id);
		fx_import_row(csv, sizeof csv, "", id, bad[k], HAN ",,,,,,,");
		for (int i = 1; i <= 5; i++) {
			make_idno(330106, 1990, 1, 1, (int)(100 + 10 * k + i), id);
			snprintf(name, sizeof name, "\u597d\u4eba%d", i);
			fx_import_row(csv, sizeof csv, "", id, name, HAN ",,,,,,,");
		}
		/* A well-formed quoted note after the broken row is read as one. */
		make_idno(330106, 1990, 1, 1, (int)(100 + 10 * k + 6), id);
		fx_import_row(csv, sizeof csv, "", id, "\u6b63\u5e38",
		              HAN ",,,,,,,\"a,\"\"b\"\"\nc\"");
		paths(fx, "quote", in, rej);
		fx_write_file(in, csv, strlen(csv));
		assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
		if (k < 2) {
			assert_int_equal(rep.rows, 7);
			assert_int_equal(rep.imported, 6);
			assert_int_equal(rep.rejected, 1);
			size_t len;
			char *text = fx_read_file(rej, &len);
			fx_expect_in(text, "\"Row 2: ");
			free(text);
		} else {
			/* A quote inside an unquoted cell is text (as Excel reads it). */
			assert_int_equal(rep.imported, 7);
		}
		yz_resident r;
		assert_int_equal(yz_resident_by_idno(fx->st, id, &r, &err), 0);
		assert_string_equal(r.notes, "a,\"b\"\nc");
	}
	assert_int_equal(yz_resident_count(fx->st), 19);
}

/* NUL, C0/C1 controls, bidi overrides and zero-width characters in any field
 * are rejected with row and column; a BOM at the start of the file is not. */
static void test_hidden_characters(void **state)
{
	fixture *fx = *state;
	const struct {
		const char *name, *notes, *expect;
	} rows[] = {
	    {"\u5f20\0\u4e09", "", "Row 2, " COL_NAME ": "},
	    {"\u5f20\x01\u4e09", "", "U+0001"},
	    {"\u5f20\xc2\x9b\u4e09", "", "U+009B"},
	    {"\u5f20\u202e\u4e09", "", "U+202E"},
	    {"\u5f20\u4e09", "\u2066x\u2069", "Row 6, \u5907\u6ce8: "},
	    {"\u5f20\u200b\u4e09", "", "U+200B"},
	    {"\u5f20\ufeff\u4e09", "", "U+FEFF"},
	    {"\u5f20\x7f\u4e09", "", "U+007F"},
	    {"\u5f20\u4e09", "\"\u4e24\n\u884c\"", NULL},
	};
	char csv[8192] = BOM HEADER, in[160], rej[160];
	size_t len = strlen(csv);
	yz_import_report rep;
	yz_err err = {0};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char id[19];
		make_idno(330106, 1991, 2, 3, (int)(400 + i), id);
		/* The name may hold a NUL: put it in with its length. */
		size_t nlen = i == 0 ? 7 : strlen(rows[i].name);
		len += (size_t)snprintf(csv + len, sizeof csv - len, ",%s,", id);
		memcpy(csv + len, rows[i].name, nlen);
		len += nlen;
		len += (size_t)snprintf(csv + len, sizeof csv - len, "," HAN ",,,,,,,%s\r\n",
		                        rows[i].notes);
	}
	paths(fx, "hidden", in, rej);
	fx_write_file(in, csv, len);
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_string_equal(rep.encoding, "UTF-8");
	assert_int_equal(rep.rows, 9);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.rejected, 8);
	char *text = fx_read_file(rej, &len);
	assert_true(yz_utf8_valid(text, len));
	assert_null(memchr(text, '\0', len));
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (rows[i].expect)
			fx_expect_in(text, rows[i].expect);
	/* The hidden characters are shown as U+FFFD where they were. */
	fx_expect_in(text, ",\u5f20\ufffd\u4e09,");
	assert_null(strstr(text, "\u202e"));
	free(text);
	assert_int_equal(yz_resident_count(fx->st), 1);
}

/* Every cell of an exported file as a spreadsheet sees it: none starts with
 * = + - @ (a formula); the ID numbers start with a tab (text). */
static void check_cells(const char *text, size_t len, const char *idno)
{
	char want[32];
	const char *p = text + 3;

	snprintf(want, sizeof want, ",\t%s,", idno);
	fx_expect_in(text, want);
	while (p < text + len) {
		const char *cell = *p == '"' ? p + 1 : p;
		if (*cell && strchr("=+-@", *cell))
			fail_msg("a cell starts with %c: %.60s", *cell, cell);
		/* To the next cell: commas inside quotes do not end it. */
		bool quoted = *p == '"';
		for (p = quoted ? p + 1 : p; p < text + len; p++) {
			if (quoted && *p == '"' && p[1] == '"')
				p++;
			else if (quoted && *p == '"')
				quoted = false;
			else if (!quoted && (*p == ',' || *p == '\n'))
				break;
		}
		p++;
	}
}

/* The export is safe in Excel and WPS and imports back to the same values. */
static void test_export_safe(void **state)
{
	fixture *fx = *state;
	char e1[160], e2[160], rej[160], other[160], in[160], csv[2048] = HEADER;
	yz_resident r = {0}, back;
	yz_import_report rep;
	yz_store *st2 = NULL;
	yz_err err = {0};
	long rows;

	make_idno(330106, 1975, 5, 5, 511, r.idno);
	snprintf(r.name, sizeof r.name, "@SUM(1)");
	snprintf(r.phone, sizeof r.phone, "+8613900000001");
	snprintf(r.hukou_address, sizeof r.hukou_address, "-1+2");
	snprintf(r.address, sizeof r.address, "+\u676d\u5dde");
	snprintf(r.notes, sizeof r.notes, "=HYPERLINK(\"http://x\",\"y\")");
	assert_int_equal(yz_resident_add(fx->st, &r, "clerk1", &err), 0);
	yz_resident q = {0};
	make_idno(330106, 1976, 6, 6, 612, q.idno);
	snprintf(q.name, sizeof q.name, "\u5f20\u4e09");
	snprintf(q.phone, sizeof q.phone, "057188888888");
	snprintf(q.notes, sizeof q.notes, "'=not a formula");
	assert_int_equal(yz_resident_add(fx->st, &q, "clerk1", &err), 0);
	char id3[19];
	make_idno(330106, 1977, 7, 7, 713, id3);
	fx_import_row(csv, sizeof csv, "000123", id3, "\u674e\u56db",
	              HAN ",,,,,\u676d\u5dde,\u6237\u4e3b,-");
	paths(fx, "hh", in, rej);
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, 1);

	snprintf(e1, sizeof e1, "%s/e1.csv", fx->dir);
	snprintf(e2, sizeof e2, "%s/e2.csv", fx->dir);
	snprintf(other, sizeof other, "%s/other.db", fx->dir);
	assert_int_equal(yz_residents_export(fx->st, e1, NULL, &rows, &err), 0);
	assert_int_equal(rows, 3);
	size_t l1, l2;
	char *a = fx_read_file(e1, &l1);
	check_cells(a, l1, r.idno);
	fx_expect_in(a, ",'@SUM(1),");
	fx_expect_in(a, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
	fx_expect_in(a, ",'+8613900000001,");
	fx_expect_in(a, ",\t057188888888,");
	fx_expect_in(a, ",''=not a formula\r\n");
	fx_expect_in(a, "\r\n\t000123,");

	/* Into a new station: the values are what they were, the export the same. */
	assert_int_equal(yz_store_open(other, &st2, &err), 0);
	assert_int_equal(yz_residents_import(st2, e1, NULL, rej, "admin", &rep, &err), 0);
	assert_int_equal(rep.imported, 3);
	assert_int_equal(yz_resident_by_idno(st2, r.idno, &back, &err), 0);
	assert_string_equal(back.name, r.name);
	assert_string_equal(back.phone, r.phone);
	assert_string_equal(back.hukou_address, r.hukou_address);
	assert_string_equal(back.address, r.address);
	assert_string_equal(back.notes, r.notes);
	assert_int_equal(yz_resident_by_idno(st2, q.idno, &back, &err), 0);
	assert_string_equal(back.phone, "057188888888");
	assert_string_equal(back.notes, "'=not a formula");
	assert_int_equal(yz_resident_by_idno(st2, id3, &back, &err), 0);
	assert_string_equal(back.notes, "-");
	yz_household h;
	assert_int_equal(yz_household_get(st2, back.household_id, &h, &err), 0);
	assert_string_equal(h.code, "000123");
	assert_int_equal(yz_residents_export(st2, e2, NULL, &rows, &err), 0);
	yz_store_close(st2);
	char *b = fx_read_file(e2, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
}

/* A file with the old Mac line ends (CR only) is read row by row. */
static void test_cr_only(void **state)
{
	fixture *fx = *state;
	char csv[2048] = BOM HEADINGS "\r", in[160], rej[160];
	yz_import_report rep;
	yz_err err = {0};

	for (int i = 0; i < 3; i++) {
		char id[19];
		make_idno(330106, 1992, 3, 4, 500 + i, id);
		size_t used = strlen(csv);
		snprintf(csv + used, sizeof csv - used, ",%s,\u4eba%d," HAN ",,,,,,,\r", id, i);
	}
	paths(fx, "cr", in, rej);
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.imported, 3);
	assert_int_equal(rep.rejected, 0);
}

/* The headings and four rows of three-character names (an odd number of UTF-8
 * bytes before a comma, as real names give); returns the length. */
static size_t four_rows(char *csv, size_t n, int seq)
{
	const char *names[] = {"\u6b27\u9633\u4fee", "\u53f8\u9a6c\u5149", "\u8bf8\u845b\u4eae",
	                       "\u4e0a\u5b98\u5a49"};

	snprintf(csv, n, HEADER);
	for (int i = 0; i < 4; i++) {
		char id[19];
		make_idno(330106, 1993, 4, 5, seq + i, id);
		fx_import_row(csv, n, "", id, names[i], HAN ",,,,,\u676d\u5dde\u5e02,,");
	}
	return strlen(csv);
}

/* One bad byte in a file whose encoding is detected rejects its row, named;
 * the other rows are read in the right encoding. */
static void test_bad_byte(void **state)
{
	fixture *fx = *state;
	char csv[4096], bad[4096], in[160], rej[160];
	yz_import_report rep;
	yz_err err = {0};
	yz_resident r;
	size_t len, glen;

	/* UTF-8, a stray byte in the third name (row 4). */
	len = four_rows(csv, sizeof csv, 600);
	char *at = strstr(csv, "\u8bf8\u845b");
	size_t off = (size_t)(at - csv) + 3;
	memcpy(bad, csv, off);
	bad[off] = '\xff';
	memcpy(bad + off + 1, csv + off, len - off);
	paths(fx, "u8", in, rej);
	fx_write_file(in, bad, len + 1);
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_string_equal(rep.encoding, "UTF-8");
	assert_int_equal(rep.imported, 3);
	assert_int_equal(rep.rejected, 1);
	char *text = fx_read_file(rej, &glen);
	fx_expect_in(text, "Row 4, " COL_NAME ": ");
	free(text);
	char id[19];
	make_idno(330106, 1993, 4, 5, 603, id);
	assert_int_equal(yz_resident_by_idno(fx->st, id, &r, &err), 0);
	assert_string_equal(r.name, "\u4e0a\u5b98\u5a49");

	/* GB18030, a stray byte in the fourth name (row 5). */
	len = four_rows(csv, sizeof csv, 700);
	char *gb = yz_iconv(csv, len, "UTF-8", "GB18030", &glen, NULL, &err);
	assert_non_null(gb);
	char *name = yz_iconv("\u4e0a\u5b98", 6, "UTF-8", "GB18030", NULL, NULL, &err);
	assert_non_null(name);
	at = gb && name ? memmem(gb, glen, name, 4) : NULL;
	assert_non_null(at);
	off = (size_t)(at - gb) + 2;
	memcpy(bad, gb, off);
	bad[off] = '\xff';
	memcpy(bad + off + 1, gb + off, glen - off);
	paths(fx, "gb", in, rej);
	fx_write_file(in, bad, glen + 1);
	free(gb);
	free(name);
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_string_equal(rep.encoding, "GB18030");
	assert_int_equal(rep.imported, 3);
	assert_int_equal(rep.rejected, 1);
	text = fx_read_file(rej, &glen);
	fx_expect_in(text, "Row 5, " COL_NAME ": ");
	assert_true(yz_utf8_valid(text, glen));
	free(text);
	make_idno(330106, 1993, 4, 5, 700, id);
	assert_int_equal(yz_resident_by_idno(fx->st, id, &r, &err), 0);
	assert_string_equal(r.name, "\u6b27\u9633\u4fee");
	assert_string_equal(r.address, "\u676d\u5dde\u5e02");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_update, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_rejects_import_again, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_stray_quote, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_hidden_characters, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_export_safe, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_cr_only, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_bad_byte, fx_setup, fx_teardown),
	};

	/* Messages are checked in English: no translation catalogue is loaded. */
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	return cmocka_run_group_tests_name("import13", tests, NULL, NULL);
}
