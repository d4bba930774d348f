/* CSV import and export: encodings, every rejection reason, one transaction,
 * and the byte-for-byte round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"
#include "yizhan/demo.h"
#include "yz_test_paths.h"

#define HEADER FX_IMPORT_HEADINGS "\r\n"

/* Each bad row names its column and reason; good rows all go in. */
static void test_rejections(void **state)
{
	fixture *fx = *state;
	char ids[8][19], bad_check[19], path[160], rej[160], csv[8192] = HEADER;
	yz_import_report rep;
	yz_err err = {0};

	fx_clerk_and_resident(fx); /* 330106198005171230-ish, already registered */
	for (int i = 0; i < 8; i++)
		make_idno(330106, 1970 + i, 3, 4, 200 + i, ids[i]);
	yz_resident old;
	assert_int_equal(yz_resident_get(fx->st, 1, &old, &err), 0);
	memcpy(bad_check, ids[7], 19);
	bad_check[17] = bad_check[17] == '0' ? '1' : '0';
	const char *ok = "\u6c49\u65cf,13900000001,\u6237\u7c4d\u4eba\u53e3,\u5728\u4e1a,"
	                 "\u676d\u5dde\u5e02\u67d0\u8def1\u53f7,"
	                 "\u676d\u5dde\u5e02\u67d0\u8def1\u53f7,\u6237\u4e3b,";
	fx_import_row(csv, sizeof csv, "H1", ids[0], "\u597d\u4eba\u7532", ok); /* 2 ok */
	fx_import_row(csv, sizeof csv, "H1", ids[1], "\u597d\u4eba\u4e59",
	              "03,,\u5e38\u4f4f\u4eba\u53e3,\u9000\u4f11,,"
	              "\u676d\u5dde\u5e02\u67d0\u8def1\u53f7,"
	              "\u914d\u5076,\"\u5907\u6ce8,"
	              "\u6709\u9017\u53f7\"\"\u5f15\u53f7\"\"\n\u4e24\u884c\""); /* 3 ok */
	fx_import_row(csv, sizeof csv, "", ids[2], "", ok);                      /* 4 name */
	fx_import_row(csv, sizeof csv, "", bad_check, "\u574f\u53f7", ok);       /* 5 check digit */
	fx_import_row(csv, sizeof csv, "", old.idno, "\u91cd\u590d", ok);        /* 6 registered */
	fx_import_row(csv, sizeof csv, "H2", ids[0], "\u53c8\u6765", ok);        /* 7 in file */
	fx_import_row(csv, sizeof csv, "H2", ids[3], "\u67d0\u4eba",
	              "\u706b\u661f\u65cf,,,,,,\u6237\u4e3b,"); /* 8 nationality */
	fx_import_row(csv, sizeof csv, "H2", ids[3], "\u67d0\u4eba",
	              "\u6c49\u65cf,12ab,,,,,\u6237\u4e3b,"); /* 9 phone */
	fx_import_row(csv, sizeof csv, "H2", ids[3], "\u67d0\u4eba",
	              "\u6c49\u65cf,,\u5916\u661f\u4eba\u53e3,,,,\u6237\u4e3b,"); /* 10 category */
	fx_import_row(csv, sizeof csv, "H2", ids[3], "\u67d0\u4eba",
	              "\u6c49\u65cf,,,\u6253\u5de5,,,\u6237\u4e3b,"); /* 11 employment */
	fx_import_row(csv, sizeof csv, "H2", ids[3], "\u67d0\u4eba",
	              "\u6c49\u65cf,,,,,,\u8868\u54e5,"); /* 12 relation */
	fx_import_row(csv, sizeof csv, "", ids[3], "\u67d0\u4eba",
	              "\u6c49\u65cf,,,,,,\u6237\u4e3b,"); /* 13 no household */
	fx_import_row(csv, sizeof csv, "", ids[3], "\u67d0\001\u4eba",
	              "\u6c49\u65cf,,,,,,,"); /* 14 control */
	fx_import_row(csv, sizeof csv, "", ids[3], "\u5c11\u4e00\u5217",
	              "\u6c49\u65cf,,,,,"); /* 15 columns */
	fx_import_row(csv, sizeof csv, "", ids[4], "\xff\xfe",
	              "\u6c49\u65cf,,,,,,,"); /* 16 bytes */
	fx_import_row(csv, sizeof csv, "", ids[5], "\u4e19",
	              "\u6c49\u65cf,,,,,,,\"\u4e0d\u5b8c"); /* 17 quote */
	snprintf(path, sizeof path, "%s/in.csv", fx->dir);
	snprintf(rej, sizeof rej, "%s/rejects.csv", fx->dir);
	fx_write_file(path, csv, strlen(csv));

	assert_int_equal(yz_residents_import(fx->st, path, "utf-8", rej, "clerk1", &rep, &err), 0);
	assert_int_equal(rep.rows, 16);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.rejected, 14);
	assert_string_equal(rep.encoding, "UTF-8");
	size_t len;
	char *text = fx_read_file(rej, &len);
	/* The rejects file (issue 13): the import's columns with the row's cells,
	 * then the reason naming the row and the column. */
	const char *expect[] = {
	    "Row 4, \u59d3\u540d: The name is empty.",
	    "Row 5, \u8eab\u4efd\u8bc1\u53f7: ",
	    "Row 6, \u8eab\u4efd\u8bc1\u53f7: This ID number is already registered.",
	    "Row 7, \u8eab\u4efd\u8bc1\u53f7: This ID number appears earlier in this file.",
	    "\u706b\u661f\u65cf,,,,,,\u6237\u4e3b,,\"Row 8, \u6c11\u65cf: Not one of the 56 "
	    "nationalities",
	    "\t12ab,,,,,\u6237\u4e3b,,\"Row 9, \u8054\u7cfb\u7535\u8bdd: Not a phone number",
	    "Row 10, \u4eba\u5458\u7c7b\u522b: Not a population category",
	    "Row 11, \u5c31\u4e1a\u72b6\u51b5: Not an employment status",
	    "Row 12, \u4e0e\u6237\u4e3b\u5173\u7cfb: Not a relationship",
	    "Row 13, \u4e0e\u6237\u4e3b\u5173\u7cfb: A relationship needs a household number",
	    "\u67d0\ufffd\u4eba",
	    "Row 14, \u59d3\u540d: The text holds an invisible control character (U+0001)",
	    "Row 15: Wrong number of columns: every row needs 11, this one has 9.",
	    "\ufffd\ufffd,\u6c49\u65cf,",
	    "Row 16, \u59d3\u540d: The text is not valid",
	    "\u4e19,\u6c49\u65cf,,,,,,,\"\"\"\u4e0d\u5b8c\",\"Row 17: A quote opens a field",
	};
	const char *head = "\xef\xbb\xbf" HEADER;
	assert_memory_equal(text, head, strlen(head) - 2);
	assert_memory_equal(text + strlen(head) - 2, ",\u9000\u56de\u539f\u56e0\r\n", 15);
	for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
		if (!strstr(text, expect[i]))
			fail_msg("reject report lacks \"%s\":\n%s", expect[i], text);
	}
	free(text);
	/* The good rows: one household, head first, the quoted note intact. */
	yz_resident r;
	assert_int_equal(yz_resident_by_idno(fx->st, ids[1], &r, &err), 0);
	assert_string_equal(r.notes,
	                    "\u5907\u6ce8,\u6709\u9017\u53f7\"\u5f15\u53f7\"\n\u4e24\u884c");
	assert_string_equal(r.ethnicity, "\u56de\u65cf");
	assert_string_equal(r.address, "\u676d\u5dde\u5e02\u67d0\u8def1\u53f7");
	yz_household h;
	assert_int_equal(yz_household_get(fx->st, r.household_id, &h, &err), 0);
	assert_string_equal(h.code, "H1");
	assert_true(h.head_id > 0);
	assert_int_equal(yz_resident_count(fx->st), 3);
}

static void test_bad_files(void **state)
{
	fixture *fx = *state;
	char path[160], rej[160];
	yz_import_report rep;
	yz_err err = {0};

	snprintf(path, sizeof path, "%s/in.csv", fx->dir);
	snprintf(rej, sizeof rej, "%s/rejects.csv", fx->dir);
	fx_write_file(path, "a,b,c\r\n1,2,3\r\n", 14);
	assert_int_equal(yz_residents_import(fx->st, path, NULL, rej, "clerk1", &rep, &err), -1);
	assert_non_null(strstr(err.msg, "column headings"));
	assert_int_equal(yz_resident_count(fx->st), 0);
	assert_int_equal(yz_residents_import(fx->st, path, "latin1", rej, "clerk1", &rep, &err),
	                 -1);
	assert_int_equal(
	    yz_residents_import(fx->st, "/nonexistent/x.csv", NULL, rej, "c", &rep, &err), -1);
}

/* A quote inside an unquoted field is text, as Excel reads it: the row ends at
 * its line break and the rows after it are read (they were swallowed up to the
 * next quote of the file). */
static void test_quote_inside_field(void **state)
{
	fixture *fx = *state;
	char ids[2][19], path[160], rej[160], csv[2048] = HEADER;
	yz_import_report rep;
	yz_err err = {0};
	yz_resident r;

	make_idno(330106, 1981, 2, 3, 310, ids[0]);
	make_idno(330106, 1982, 2, 3, 320, ids[1]);
	fx_import_row(csv, sizeof csv, "", ids[0], "\u7532",
	              "\u6c49\u65cf,,,,,,,5\"\u5bf8\u7167\u7247");
	fx_import_row(csv, sizeof csv, "", ids[1], "\u4e59", "\u6c49\u65cf,,,,,,,\"\u5907\u6ce8\"");
	snprintf(path, sizeof path, "%s/in.csv", fx->dir);
	snprintf(rej, sizeof rej, "%s/rejects.csv", fx->dir);
	fx_write_file(path, csv, strlen(csv));

	assert_int_equal(yz_residents_import(fx->st, path, NULL, rej, "clerk1", &rep, &err), 0);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(yz_resident_by_idno(fx->st, ids[0], &r, &err), 0);
	assert_string_equal(r.notes, "5\"\u5bf8\u7167\u7247");
	assert_int_equal(yz_resident_by_idno(fx->st, ids[1], &r, &err), 0);
	assert_string_equal(r.notes, "\u5907\u6ce8");
}

/* Export -> import into a new station -> export gives the same bytes, in UTF-8
 * and through GB18030 (detected without being told). */
static void test_round_trip(void **state)
{
	fixture *fx = *state;
	yz_demo_item item = {.form_id = "residence_certificate",
	                     .title = "Residence",
	                     .line = "civil",
	                     .promise_days = 3};
	yz_date today = {2026, 5, 20};
	char e1[160], e2[160], g[160], rej[160], other[160];
	yz_import_report rep;
	yz_store *st2 = NULL;
	yz_err err = {0};
	long rows;

	if (yz_demo_fill(fx->st, YZ_SOURCE_ROOT "/data", "DEMO01", today, NULL, 7, 80, 0, &item, 1,
	                 &err) != 0)
		fail_msg("demo: %s", err.msg);
	snprintf(e1, sizeof e1, "%s/e1.csv", fx->dir);
	snprintf(e2, sizeof e2, "%s/e2.csv", fx->dir);
	snprintf(g, sizeof g, "%s/g.csv", fx->dir);
	snprintf(rej, sizeof rej, "%s/rej.csv", fx->dir);
	snprintf(other, sizeof other, "%s/other.db", fx->dir);
	assert_int_equal(yz_residents_export(fx->st, e1, NULL, &rows, &err), 0);
	assert_int_equal(rows, yz_resident_count(fx->st));
	assert_int_equal(yz_residents_export(fx->st, g, "gb18030", &rows, &err), 0);

	assert_int_equal(yz_store_open(other, &st2, &err), 0);
	assert_int_equal(yz_residents_import(st2, g, NULL, rej, "admin", &rep, &err), 0);
	assert_string_equal(rep.encoding, "GB18030");
	assert_int_equal(rep.rejected, 0);
	assert_int_equal(rep.imported, rows);
	assert_int_equal(yz_residents_export(st2, e2, "utf-8", &rows, &err), 0);
	yz_store_close(st2);
	size_t l1, l2;
	char *a = fx_read_file(e1, &l1), *b = fx_read_file(e2, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	/* Without the BOM it is still UTF-8. */
	fx_write_file(e2, a + 3, l1 - 3);
	unlink(other);
	assert_int_equal(yz_store_open(other, &st2, &err), 0);
	assert_int_equal(yz_residents_import(st2, e2, NULL, rej, "admin", &rep, &err), 0);
	assert_string_equal(rep.encoding, "UTF-8");
	assert_int_equal(rep.imported, rows);
	yz_store_close(st2);
	free(a);
	free(b);
}

int run_import_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_rejections, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_bad_files, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_quote_inside_field, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
