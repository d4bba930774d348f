/* Issue 13, review of the residents import, against a real station file:
 * the rejects file never costs the clerk a file (not the input, not an old
 * rejects file when the import fails; written aside and put in place at the
 * end); a household keeps one head through an import (a second head is a
 * reject with row and column, a head who leaves or stops being head leaves the
 * household without one, with the registry's history); and every invisible
 * character of the Unicode Character Database (Cc, Cf, Zl, Zp and the default
 * ignorables, variation selectors included) is refused with row and column. */
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"

#define HEADER   FX_IMPORT_HEADINGS "\r\n"
#define BOM      "\xef\xbb\xbf"
#define HAN      "\u6c49\u65cf"       /* han zu */
#define HEAD     "\u6237\u4e3b"       /* hu zhu: head of household */
#define SPOUSE   "\u914d\u5076"       /* pei ou */
#define CHILD    "\u5b50\u5973"       /* zi nv */
#define COL_HH   "\u6237\u7f16\u53f7" /* hu bian hao */
#define COL_REL  "\u4e0e\u6237\u4e3b\u5173\u7cfb"
#define COL_NAME "\u59d3\u540d"

/* The file at path holds exactly want. */
static void expect_file(const char *path, const char *want)
{
	size_t len = 0;
	char *text = fx_read_file(path, &len);

	assert_int_equal(len, strlen(want));
	assert_memory_equal(text, want, len);
	free(text);
}

/* The number of entries of dir (. and .. aside). */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A file of one bad row (a phone that is no phone) and one good row. */
static void good_and_bad(char *csv, size_t n, int seq)
{
	char a[19], b[19];

	make_idno(330106, 1980, 1, 2, seq, a);
	make_idno(330106, 1981, 3, 4, seq + 2, b);
	snprintf(csv, n, BOM HEADER);
	fx_import_row(csv, n, "", b, "\u4e59", HAN ",12ab,,,,,,");
	fx_import_row(csv, n, "", a, "\u7532", HAN ",13900000001,,,,,,");
}

/* The rejects path names the file being imported (the same spelling, another
 * spelling, a hard link, or the rejects file of an earlier import imported
 * again): refused before anything is read or written, the file as it was. */
static void test_rejects_never_the_input(void **state)
{
	fixture *fx = *state;
	char csv[4096], in[160], other[200], link_path[160], rej[160];
	yz_import_report rep;
	yz_err err = {0};

	good_and_bad(csv, sizeof csv, 101);
	snprintf(in, sizeof in, "%s/self.csv", fx->dir);
	fx_write_file(in, csv, strlen(csv));

	assert_int_equal(fx_import(fx, in, in, false, &rep, &err), -1);
	fx_expect_in(err.msg, "self.csv is the file being imported");
	expect_file(in, csv);
	assert_int_equal(yz_resident_count(fx->st), 0);

	snprintf(other, sizeof other, "%s/./../%s/self.csv", fx->dir, strrchr(fx->dir, '/') + 1);
	assert_int_equal(fx_import(fx, in, other, false, &rep, &err), -1);
	expect_file(in, csv);
	snprintf(link_path, sizeof link_path, "%s/hard.csv", fx->dir);
	assert_int_equal(link(in, link_path), 0);
	assert_int_equal(fx_import(fx, link_path, in, false, &rep, &err), -1);
	expect_file(in, csv);
	assert_int_equal(yz_resident_count(fx->st), 0);

	/* The README's way: the rejects file, corrected or not, imported again
	 * with itself named as the rejects. */
	snprintf(rej, sizeof rej, "%s/x.rejects.csv", fx->dir);
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.rejected, 1);
	size_t len;
	char *before = fx_read_file(rej, &len);
	assert_int_equal(fx_import(fx, rej, rej, false, &rep, &err), -1);
	fx_expect_in(err.msg, "x.rejects.csv is the file being imported");
	expect_file(rej, before);
	free(before);
}

/* An import that fails keeps the clerk's old rejects file: before anything is
 * read (no file, an unknown encoding, wrong headings) and after rows were
 * read and rejected (the database refuses a row). */
static void test_old_rejects_kept_on_failure(void **state)
{
	fixture *fx = *state;
	const char old[] = BOM "the clerk's rejects of yesterday\r\n";
	char csv[4096], in[160], rej[160], missing[160];
	yz_import_report rep;
	yz_err err = {0};
	yz_import_opts o = {.encoding = "latin-1", .reject_path = NULL, .actor = "clerk1"};

	snprintf(in, sizeof in, "%s/in.csv", fx->dir);
	snprintf(rej, sizeof rej, "%s/in.csv.rejects.csv", fx->dir);
	snprintf(missing, sizeof missing, "%s/missing.csv", fx->dir);
	good_and_bad(csv, sizeof csv, 201);
	fx_write_file(in, csv, strlen(csv));
	fx_write_file(rej, old, strlen(old));

	assert_int_equal(fx_import(fx, missing, rej, false, &rep, &err), -1);
	fx_expect_in(err.msg, "Cannot open");
	expect_file(rej, old);

	o.reject_path = rej;
	assert_int_equal(yz_residents_import_with(fx->st, in, &o, &rep, &err), -1);
	fx_expect_in(err.msg, "Unknown encoding");
	expect_file(rej, old);

	char bad_head[] = BOM "name,idno\r\n";
	fx_write_file(missing, bad_head, strlen(bad_head));
	assert_int_equal(fx_import(fx, missing, rej, false, &rep, &err), -1);
	fx_expect_in(err.msg, "column headings");
	expect_file(rej, old);

	/* Rows read, one rejected, then the database refuses the good row: the
	 * import is undone and the rejects of that attempt are not kept. */
	sqlite3 *db = fx_raw(fx);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE TRIGGER no_more BEFORE INSERT ON residents"
	                              " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), -1);
	expect_file(rej, old);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER no_more", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(yz_resident_count(fx->st), 0);
	/* db, -wal, -shm, station.key (issue 14), in, missing, rejects: no
	 * temporary file left */
	assert_int_equal(entries(fx->dir), 7);

	/* A good import replaces it, for the owner and the group only. */
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.rejected, 1);
	size_t len;
	char *text = fx_read_file(rej, &len);
	fx_expect_in(text, "Row 2, ");
	free(text);
	struct stat sb;
	assert_int_equal(stat(rej, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(entries(fx->dir), 7);
}

/* The id of the household numbered code, 0 when none. */
static long long household_id(sqlite3 *db, const char *code)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM households WHERE code = '%s'",
	         code);
	return raw_int(db, sql);
}

static long long head_of(sqlite3 *db, const char *code)
{
	char sql[160];

	snprintf(sql, sizeof sql,
	         "SELECT coalesce(max(head_id), 0) FROM households WHERE code = '%s'", code);
	return raw_int(db, sql);
}

static long long resident_id(sqlite3 *db, const char *idno)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT id FROM residents WHERE idno = '%s'", idno);
	return raw_int(db, sql);
}

/* One household, one head: a second head is rejected with row and column and
 * the head's name; a head moved away or no longer head leaves the household
 * without one (the history says so), and a member who becomes head of a
 * household without one heads it. */
static void test_one_head(void **state)
{
	fixture *fx = *state;
	char a[19], b[19], c[19], d[19], e[19], csv[4096] = BOM HEADER, in[160], rej[160];
	yz_import_report rep;
	yz_err err = {0};
	size_t len;
	char *text;

	make_idno(330106, 1970, 1, 1, 301, a);
	make_idno(330106, 1972, 2, 2, 302, b);
	make_idno(330106, 1960, 3, 3, 303, c);
	make_idno(330106, 1990, 4, 4, 305, d);
	make_idno(330106, 1992, 5, 5, 307, e);
	fx_import_row(csv, sizeof csv, "000001", a, "\u77f3\u534e\u535a", HAN ",,,,,," HEAD ",");
	fx_import_row(csv, sizeof csv, "000001", b, "\u77f3\u9759", HAN ",,,,,," SPOUSE ",");
	fx_import_row(csv, sizeof csv, "000002", c, "\u6bdb\u7acb\u94ed", HAN ",,,,,," HEAD ",");
	fx_import_row(csv, sizeof csv, "000002", d, "\u6bdb\u96ef", HAN ",,,,,," HEAD ",");
	snprintf(in, sizeof in, "%s/in.csv", fx->dir);
	snprintf(rej, sizeof rej, "%s/in.rejects.csv", fx->dir);
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, 3);
	assert_int_equal(rep.rejected, 1);
	text = fx_read_file(rej, &len);
	fx_expect_in(text,
	             "Row 5, " COL_REL
	             ": Household 000002 already has a head of household, \u6bdb\u7acb\u94ed.");
	free(text);

	sqlite3 *db = fx_raw(fx);
	long long ia = resident_id(db, a), ib = resident_id(db, b), ic = resident_id(db, c);
	long long h1 = household_id(db, "000001");
	assert_int_equal(head_of(db, "000001"), ia);
	assert_int_equal(head_of(db, "000002"), ic);

	/* The review's case: the head of 000001 moved to 000002, his relation
	 * left as it is (an export edited in a spreadsheet). */
	snprintf(csv, sizeof csv, BOM HEADER);
	fx_import_row(csv, sizeof csv, "000002", a, "", ",,,,,,,");
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, true, &rep, &err), 0);
	assert_int_equal(rep.rejected, 1);
	assert_int_equal(rep.updated, 0);
	text = fx_read_file(rej, &len);
	fx_expect_in(text,
	             "Row 2, " COL_HH
	             ": Household 000002 already has a head of household, \u6bdb\u7acb\u94ed.");
	free(text);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM residents r JOIN households h"
	                             " ON h.id = r.household_id WHERE h.code = '000001'"),
	                 2);
	assert_int_equal(head_of(db, "000001"), ia);

	/* Moved as a child of 000002: 000001 has no head any more, with a
	 * history row saying so; 000002 keeps its one head. */
	snprintf(csv, sizeof csv, BOM HEADER);
	fx_import_row(csv, sizeof csv, "000002", a, "", ",,,,,," CHILD ",");
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, true, &rep, &err), 0);
	assert_int_equal(rep.rejected, 0);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(head_of(db, "000001"), 0);
	assert_int_equal(head_of(db, "000002"), ic);
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM registry_history WHERE entity = 'household'"
	         " AND entity_id = %lld AND field = 'head_id' AND old = '%lld' AND new = '0'"
	         " AND actor = 'clerk1'",
	         h1, ia);
	assert_int_equal(raw_int(db, sql), 1);

	/* The spouse becomes head of 000001, which has none: she heads it. */
	snprintf(csv, sizeof csv, BOM HEADER);
	fx_import_row(csv, sizeof csv, "", b, "", ",,,,,," HEAD ",");
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, true, &rep, &err), 0);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(head_of(db, "000001"), ib);

	/* And stops being head without leaving: 000001 has no head again. */
	snprintf(csv, sizeof csv, BOM HEADER);
	fx_import_row(csv, sizeof csv, "", b, "", ",,,,,," SPOUSE ",");
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, true, &rep, &err), 0);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(head_of(db, "000001"), 0);

	/* A new resident as a second head of 000002 is refused; as the head of a
	 * new household, accepted. */
	snprintf(csv, sizeof csv, BOM HEADER);
	fx_import_row(csv, sizeof csv, "000002", e, "\u6bdb\u5c0f", HAN ",,,,,," HEAD ",");
	fx_import_row(csv, sizeof csv, "000003", d, "\u6bdb\u96ef", HAN ",,,,,," HEAD ",");
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.rejected, 1);
	assert_int_equal(head_of(db, "000003"), resident_id(db, d));
	assert_int_equal(head_of(db, "000002"), ic);
	sqlite3_close(db);
}

/* Invisible characters by the Unicode Character Database: each one, in a
 * name, is rejected naming the row, the column and the code; characters one
 * sees (a rare Ext-B name, the middle dot of minority names) come in. */
static void test_invisible_characters(void **state)
{
	fixture *fx = *state;
	static const char *const hidden[] = {
	    "\u2060", "\u061c",     "\u2028",     "\u2029",     "\u00ad",     "\u034f", "\ufff9",
	    "\ufffa", "\ufffb",     "\U000e0001", "\U000e0041", "\U000e007f", "\ufe00", "\ufe0f",
	    "\u180e", "\U000e0100", "\U000e01ef", "\u3164",     "\u200d",     "\u0600",
	};
	static const char *const codes[] = {
	    "U+2060", "U+061C",  "U+2028",  "U+2029",  "U+00AD",  "U+034F", "U+FFF9",
	    "U+FFFA", "U+FFFB",  "U+E0001", "U+E0041", "U+E007F", "U+FE00", "U+FE0F",
	    "U+180E", "U+E0100", "U+E01EF", "U+3164",  "U+200D",  "U+0600",
	};
	static const char *const seen[] = {
	    "\u5f20\u4e09",                   /* zhang san */
	    "\U00020000\u4e09",               /* CJK Ext-B */
	    "\u963f\u4e0d\u90fd\u00b7\u70ed", /* a minority name with the middle dot */
	    "\u5f20\ufe10\u4e09",             /* a vertical comma: seen, not a selector */
	};
	enum { NH = sizeof hidden / sizeof hidden[0], NS = sizeof seen / sizeof seen[0] };
	char csv[16384] = BOM HEADER, in[160], rej[160], id[19], name[64];
	yz_import_report rep;
	yz_err err = {0};
	size_t len;

	assert_int_equal(NH, sizeof codes / sizeof codes[0]);
	for (int i = 0; i < NH; i++) {
		make_idno(330106, 1991, 2, 3, 400 + 2 * i, id);
		snprintf(name, sizeof name, "\u5f20%s\u4e09", hidden[i]);
		fx_import_row(csv, sizeof csv, "", id, name, HAN ",,,,,,,");
	}
	for (int i = 0; i < NS; i++) {
		make_idno(330106, 1992, 2, 3, 400 + 2 * i, id);
		fx_import_row(csv, sizeof csv, "", id, seen[i], HAN ",,,,,,,");
	}
	snprintf(in, sizeof in, "%s/hidden.csv", fx->dir);
	snprintf(rej, sizeof rej, "%s/hidden.rejects.csv", fx->dir);
	fx_write_file(in, csv, strlen(csv));
	assert_int_equal(fx_import(fx, in, rej, false, &rep, &err), 0);
	assert_int_equal(rep.imported, NS);
	assert_int_equal(rep.rejected, NH);
	char *text = fx_read_file(rej, &len);
	for (int i = 0; i < NH; i++) {
		char want[96];
		snprintf(want, sizeof want, "Row %d, " COL_NAME ": ", i + 2);
		fx_expect_in(text, want);
		snprintf(want, sizeof want, "(%s)", codes[i]);
		fx_expect_in(text, want);
		/* Shown as U+FFFD where it was, never as itself. */
		if (strstr(text, hidden[i]))
			fail_msg("%s is in the rejects file as it is", codes[i]);
	}
	free(text);

	/* Straight from the table: the edges of its ranges. */
	assert_int_equal(yz_cp_hidden(0x2028), YZ_HIDDEN_SEPARATOR);
	assert_int_equal(yz_cp_hidden(0x061C), YZ_HIDDEN_BIDI);
	assert_int_equal(yz_cp_hidden(0x202E), YZ_HIDDEN_BIDI);
	assert_int_equal(yz_cp_hidden(0x0085), YZ_HIDDEN_CONTROL);
	assert_int_equal(yz_cp_hidden(0xFFFD), YZ_HIDDEN_REPLACEMENT);
	assert_int_equal(yz_cp_hidden(0xFE0F), YZ_HIDDEN_ZERO_WIDTH);
	assert_int_equal(yz_cp_hidden(0xFE10), YZ_HIDDEN_NONE);
	assert_int_equal(yz_cp_hidden(0xFEFF), YZ_HIDDEN_ZERO_WIDTH);
	assert_int_equal(yz_cp_hidden(0xE01EF), YZ_HIDDEN_ZERO_WIDTH);
	assert_int_equal(yz_cp_hidden(0x20), YZ_HIDDEN_NONE);
	assert_int_equal(yz_cp_hidden(0x7E), YZ_HIDDEN_NONE);
	assert_int_equal(yz_cp_hidden(0x00B7), YZ_HIDDEN_NONE);
	assert_int_equal(yz_cp_hidden(0x4E00), YZ_HIDDEN_NONE);
	assert_int_equal(yz_cp_hidden(0x20000), YZ_HIDDEN_NONE);
	assert_int_equal(yz_cp_hidden(0xE000), YZ_HIDDEN_NONE); /* private use: old rare names */
	assert_int_equal(yz_cp_hidden(0x10FFFF), YZ_HIDDEN_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_rejects_never_the_input, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_old_rejects_kept_on_failure, fx_setup,
	                                    fx_teardown),
	    cmocka_unit_test_setup_teardown(test_one_head, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_invisible_characters, fx_setup, fx_teardown),
	};

	/* Messages are checked in English: no translation catalogue is loaded. */
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	return cmocka_run_group_tests_name("import13b", tests, NULL, NULL);
}
