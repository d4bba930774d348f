/* Issue 16, the report and its files, read back by independent readers:
 *
 * - xlsx through Debian's python3-openpyxl (tests/lib/xlsx_read.py): an ID
 *   number ending in X, an 18-digit number and a phone as strings, a date as
 *   a date (yyyy-mm-dd), money 1234.5 with the format 0.00, a percentage as
 *   a fraction, the subtotals and the total as SUBTOTAL formulas with their
 *   values cached, the merged title row, the frozen header, the print set-up
 *   (A4 landscape, header rows repeated, one page wide, page numbers);
 * - CSV: GB18030 bytes of a CJK Ext-B name (a four-byte sequence), no BOM;
 *   UTF-8 with its BOM; a cell that would be a formula written after a quote,
 *   ID numbers after a tab;
 * - PDF through poppler's pdftotext: the header row again on page 2 of a
 *   long table, "page 2 of N" in Chinese, the signature labels;
 * - every file 0640; a symbolic link or a folder as the target refused with
 *   the clerk's message and nothing left behind.
 *
 * Run as `test_report16 --diskfull DIR` (tests/service/report16_diskfull.sh,
 * DIR on a full tmpfs) it checks a full disk instead: the clerk is told the
 * disk is full and nothing (whole, half or temporary) is left in DIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "yizhan/service.h"
#include "yizhan/store/outfile.h"
#include "yz_test_paths.h"

#define ID_X     "11010519491231002X"
#define ID_DIGIT "330106198503121234"
#define PHONE    "13800138000"
#define NAME_EXT "张𠮷" /* U+5F20 U+20BB7: the second a CJK Ext-B character */

static char dir[256]; /* this run's folder */

/* Every cell kind, two groups with subtotals, the total. */
static yz_report *sample(void)
{
	yz_report *r = yz_report_new("低保对象台账", "幸福社区", "dibao",
	                             "2026-11-01 至 2026-11-30", "2026-11");
	assert_non_null(r);
	yz_report_col(r, "序号", YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, "姓名", YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, "身份证号", YZ_CELL_CODE, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, "联系电话", YZ_CELL_CODE, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, "出生日期", YZ_CELL_DATE, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, "金额", YZ_CELL_MONEY, YZ_RTOTAL_SUM, 0);
	yz_report_col(r, "人数", YZ_CELL_INT, YZ_RTOTAL_SUM, 0);
	yz_report_col(r, "比例", YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, "备注", YZ_CELL_TEXT, YZ_RTOTAL_COUNT, 0);
	const char *g1[] = {"第一网格", "", "", "", "", "", "", "", ""};
	const char *d1[] = {"1",       NAME_EXT, ID_X,   PHONE, "1949-12-31",
	                    "1234.50", "3",      "97.5", "=1+1"};
	const char *d2[] = {"2", "阿依古丽·买买提", ID_DIGIT, "", "", "1234.50", "2", "", ""};
	const char *g2[] = {"第二网格", "", "", "", "", "", "", "", ""};
	const char *d3[] = {"3",      "李四", ID_DIGIT, "0571-88886666", "2026-11-03",
	                    "100.00", "1",    "50",     "+86 联系"};
	yz_report_row_add(r, YZ_ROW_GROUP, g1);
	yz_report_row_add(r, YZ_ROW_DATA, d1);
	yz_report_row_add(r, YZ_ROW_DATA, d2);
	yz_report_row_add(r, YZ_ROW_SUBTOTAL, NULL);
	yz_report_row_add(r, YZ_ROW_GROUP, g2);
	yz_report_row_add(r, YZ_ROW_DATA, d3);
	yz_report_row_add(r, YZ_ROW_SUBTOTAL, NULL);
	yz_report_row_add(r, YZ_ROW_TOTAL, NULL);
	yz_report_sign(r, "制表人");
	yz_report_sign(r, "审核人");
	yz_report_sign(r, "日期");
	yz_report_set(r, &r->made_by, "王芳");
	yz_report_set(r, &r->made_on, "2026-12-06");
	yz_report_set(r, &r->summary, "本月受理各类事项 3 项。");
	r->landscape = true;
	assert_false(r->oom);
	return r;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t cap = 0, n = 0, k;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		k = fread(buf + n, 1, 4096, f);
		n += k;
	} while (k > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The standard output of a shell command (malloc'd). */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *buf = NULL;
	size_t cap = 0, n = 0, k;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		k = fread(buf + n, 1, 4096, p);
		n += k;
	} while (k > 0);
	buf[n] = '\0';
	int rc = pclose(p);
	if (rc != 0)
		fail_msg("%s: exit %d\n%s", cmd, rc, buf);
	return buf;
}

static void has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; (p = strstr(p, line)); p++)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return;
	fail_msg("no line\n  %s\nin\n%s", line, text);
}

static void has(const char *text, const char *part)
{
	assert_non_null(text);
	if (!strstr(text, part))
		fail_msg("no \"%s\" in\n%.20000s", part, text);
}

/* A copy of s without spaces and line breaks (pdftotext's spacing between
 * Chinese and digits varies). */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	assert_non_null(out);
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			*o++ = *s;
	*o = '\0';
	return out;
}

/* The page text holds "page n of total" in Chinese. */
static void has_page(const char *text, int n, int total)
{
	char want[64];
	snprintf(want, sizeof want, "第%d页共%d页", n, total);
	char *t = squeeze(text);
	if (!strstr(t, want))
		fail_msg("no \"%s\" in\n%s", want, text);
	free(t);
}

static void mode_0640(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
}

/* The folder holds only the given names (no temporary of any kind). */
static void only(const char *folder, const char *const *names, size_t n)
{
	DIR *d = opendir(folder);
	struct dirent *e;
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		bool known = false;
		for (size_t i = 0; i < n; i++)
			known = known || !strcmp(e->d_name, names[i]);
		if (!known)
			fail_msg("%s left in %s", e->d_name, folder);
	}
	closedir(d);
}

static void path_of(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", dir, name);
}

/* ---- the model ------------------------------------------------------------------ */

static void test_model(void **state)
{
	(void)state;
	yz_report *r = sample();
	/* subtotal and total rows made from the data rows */
	assert_string_equal(r->rows[3].cells[0], "小计");
	assert_string_equal(r->rows[3].cells[5], "2469.00");
	assert_string_equal(r->rows[3].cells[6], "5");
	assert_string_equal(r->rows[3].cells[8], "1");
	assert_string_equal(r->rows[3].cells[7], "");
	assert_string_equal(r->rows[6].cells[5], "100.00");
	assert_string_equal(r->rows[7].cells[0], "合计");
	assert_string_equal(r->rows[7].cells[5], "2569.00");
	assert_string_equal(r->rows[7].cells[6], "6");
	assert_string_equal(r->rows[7].cells[8], "2");

	char name[300];
	yz_report_file_name(r, YZ_REPORT_XLSX, name, sizeof name);
	assert_string_equal(name, "幸福社区-dibao-2026-11.xlsx");
	yz_report_file_name(r, YZ_REPORT_CSV_UTF8, name, sizeof name);
	assert_string_equal(name, "幸福社区-dibao-2026-11.csv");
	yz_report_set(r, &r->station, ".幸福/社区\x01:*?");
	yz_report_file_name(r, YZ_REPORT_PDF, name, sizeof name);
	/* (sanitized on the way in: the control character is gone already) */
	assert_string_equal(name, "_幸福_社区___-dibao-2026-11.pdf");
	/* cut at a character, the extension kept */
	char small[16];
	yz_report_file_name(r, YZ_REPORT_XLSX, small, sizeof small);
	assert_string_equal(small, "_幸福_-d.xlsx"); /* 15 bytes */

	assert_int_equal(yz_report_format_from("xlsx"), YZ_REPORT_XLSX);
	assert_int_equal(yz_report_format_from("csv"), YZ_REPORT_CSV_GB18030);
	assert_int_equal(yz_report_format_from("csv-utf8"), YZ_REPORT_CSV_UTF8);
	assert_int_equal(yz_report_format_from("pdf"), YZ_REPORT_PDF);
	assert_int_equal(yz_report_format_from("docx"), -1);
	assert_string_equal(yz_report_format_ext(YZ_REPORT_CSV_GB18030), "csv");
	yz_report_free(r);
}

/* ---- xlsx ------------------------------------------------------------------------ */

static void test_xlsx(void **state)
{
	(void)state;
	yz_report *r = sample();
	char name[300], path[600];
	yz_err err = {{0}};
	yz_report_file_name(r, YZ_REPORT_XLSX, name, sizeof name);
	path_of(path, sizeof path, name);
	if (yz_report_write(r, YZ_REPORT_XLSX, NULL, path, &err) != 0)
		fail_msg("%s", err.msg);
	mode_0640(path);
	const char *names[] = {name};
	only(dir, names, 1);

	char cmd[1024];
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/tests/lib/xlsx_read.py '%s'", YZ_SOURCE_ROOT,
	         path);
	char *out = run(cmd);
	has_line(out, "sheet 低保对象台账");
	has_line(out, "cell A1 str \"低保对象台账\" fmt General bold");
	has(out, "cell A2 str \"");
	has(out, "幸福社区");
	has(out, "2026-11-01 至 2026-11-30");
	has_line(out, "cell A3 str \"本月受理各类事项 3 项。\" fmt General");
	has_line(out, "cell C4 str \"身份证号\" fmt General bold");
	has_line(out, "cell A5 str \"第一网格\" fmt General bold");
	/* the row of the first data row: codes as strings, never numbers */
	has_line(out, "cell A6 num 1 fmt 0");
	has_line(out, "cell B6 str \"" NAME_EXT "\" fmt General");
	has_line(out, "cell C6 str \"" ID_X "\" fmt @");
	has_line(out, "cell C7 str \"" ID_DIGIT "\" fmt @");
	has_line(out, "cell D6 str \"" PHONE "\" fmt @");
	has_line(out, "cell E6 date 1949-12-31 fmt yyyy-mm-dd");
	has_line(out, "cell F6 num 1234.5 fmt 0.00");
	has_line(out, "cell G6 num 3 fmt 0");
	has_line(out, "cell H6 num 0.975 fmt 0.0%");
	has_line(out, "cell I6 str \"=1+1\" fmt General");
	has_line(out, "cell E10 date 2026-11-03 fmt yyyy-mm-dd");
	/* subtotals and the total: formulas with their values cached */
	has_line(out, "cell A8 str \"小计\" fmt General bold");
	has_line(out, "cell F8 formula \"=SUBTOTAL(9,F6:F7)\" cached 2469 fmt 0.00 bold");
	has_line(out, "cell G8 formula \"=SUBTOTAL(9,G6:G7)\" cached 5 fmt 0 bold");
	has_line(out, "cell I8 formula \"=SUBTOTAL(3,I6:I7)\" cached 1 fmt 0 bold");
	has_line(out, "cell F11 formula \"=SUBTOTAL(9,F10)\" cached 100 fmt 0.00 bold");
	has_line(out, "cell A12 str \"合计\" fmt General bold");
	has_line(out, "cell F12 formula \"=SUBTOTAL(9,F5:F11)\" cached 2569 fmt 0.00 bold");
	has_line(out, "cell I12 formula \"=SUBTOTAL(3,I5:I11)\" cached 2 fmt 0 bold");
	/* the signature line, the maker and the date filled in */
	has(out, "cell A14 str \"制表人：王芳");
	has(out, "审核人：____");
	has(out, "日期：2026-12-06\"");
	/* the sheet's set-up */
	has_line(out, "merged A1:I1");
	has_line(out, "merged A2:I2");
	has_line(out, "freeze A5");
	has_line(out, "print_titles $4:$4");
	has_line(out, "orientation landscape");
	has_line(out, "paper 9");
	has_line(out, "fit_width 1");
	has_line(out, "fit_height 0");
	has_line(out, "fit_to_page True");
	has_line(out, "footer \"&C第 &P 页 共 &N 页\"");
	/* widths by display width: the ID column holds 18 characters, the
	   name column a minority name of 15 columns (CJK counts two) */
	double wc = 0, wb = 0, wa = 0;
	const char *p = strstr(out, "\nwidth C ");
	assert_non_null(p);
	wc = atof(p + 9);
	p = strstr(out, "\nwidth B ");
	assert_non_null(p);
	wb = atof(p + 9);
	p = strstr(out, "\nwidth A ");
	assert_non_null(p);
	wa = atof(p + 9);
	assert_true(wc >= 20 && wc < 22);
	assert_true(wb >= 17 && wb < 19);
	assert_true(wa < wb);
	free(out);

	/* the JSON form the ledger tests use */
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/tests/lib/xlsx_read.py '%s' --json",
	         YZ_SOURCE_ROOT, path);
	out = run(cmd);
	has(out, "\"C6\": {");
	has(out, "\"value\": \"" ID_X "\"");
	free(out);

	/* written again over the old file: replaced whole */
	assert_int_equal(yz_report_write(r, YZ_REPORT_XLSX, NULL, path, &err), 0);
	only(dir, names, 1);
	unlink(path);
	yz_report_free(r);
}

/* ---- CSV ------------------------------------------------------------------------- */

static void test_csv(void **state)
{
	(void)state;
	yz_report *r = sample();
	char path[600];
	yz_err err = {{0}};
	size_t len;

	path_of(path, sizeof path, "gb.csv");
	if (yz_report_write(r, YZ_REPORT_CSV_GB18030, NULL, path, &err) != 0)
		fail_msg("%s", err.msg);
	mode_0640(path);
	char *gb = slurp(path, &len);
	/* U+20BB7 in GB18030: four bytes, 95 34 B2 35 (after U+5F20: D5 C5) */
	assert_true(memmem(gb, len, "\xd5\xc5\x95\x34\xb2\x35", 6) != NULL);
	assert_true(memcmp(gb, "\xef\xbb\xbf", 3) != 0);
	free(gb);
	/* the same text read back through iconv */
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "iconv -f GB18030 -t UTF-8 '%s'", path);
	char *text = run(cmd);
	has(text, "序号,姓名,身份证号,联系电话,出生日期,金额,人数,比例,备注\r\n");
	has(text, "1," NAME_EXT ",\t" ID_X ",\t" PHONE ",1949-12-31,1234.50,3,97.5%,'=1+1\r\n");
	has(text, "3,李四,\t" ID_DIGIT ",\t0571-88886666,2026-11-03,100.00,1,50%,'+86 联系\r\n");
	has(text, "\r\n小计（第一网格）,,,,,2469.00,5,,1\r\n");
	has(text, "\r\n合计,,,,,2569.00,6,,2\r\n");
	assert_null(strstr(text, "\r\n第一网格,")); /* group headings are left out */
	free(text);

	path_of(path, sizeof path, "utf8.csv");
	assert_int_equal(yz_report_write(r, YZ_REPORT_CSV_UTF8, NULL, path, &err), 0);
	mode_0640(path);
	char *u = slurp(path, &len);
	assert_memory_equal(u, "\xef\xbb\xbf序号,", strlen("\xef\xbb\xbf序号,"));
	has(u, NAME_EXT);
	free(u);
	const char *names[] = {"gb.csv", "utf8.csv"};
	only(dir, names, 2);
	unlink(path);
	path_of(path, sizeof path, "gb.csv");
	unlink(path);
	yz_report_free(r);
}

/* ---- PDF ------------------------------------------------------------------------- */

static void test_pdf(void **state)
{
	(void)state;
	yz_report *r = sample();
	char path[600], cmd[1024];
	yz_err err = {{0}};
	/* a long table: many data rows in the second group */
	for (int i = 4; i < 120; i++) {
		char no[8], money[16];
		snprintf(no, sizeof no, "%d", i);
		snprintf(money, sizeof money, "%d.00", i);
		const char *d[] = {no, "赵钱孙", ID_DIGIT, PHONE, "2026-11-03", money, "1", "", ""};
		yz_report_row_add(r, YZ_ROW_DATA, d);
	}
	yz_report_row_add(r, YZ_ROW_TOTAL, NULL);
	r->landscape = false;
	path_of(path, sizeof path, "report.pdf");
	if (yz_report_write(r, YZ_REPORT_PDF, NULL, path, &err) != 0)
		fail_msg("%s", err.msg);
	mode_0640(path);

	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
	char *info = run(cmd);
	int pages = atoi(info);
	free(info);
	assert_true(pages >= 3);

	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f 1 -l 1 '%s' -", path);
	char *p1 = run(cmd);
	has(p1, "低保对象台账");
	has(p1, "幸福社区");
	has(p1, "身份证号");
	has(p1, ID_X);
	has_page(p1, 1, pages);
	free(p1);

	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f 2 -l 2 '%s' -", path);
	char *p2 = run(cmd);
	has(p2, "身份证号"); /* the header row again */
	has(p2, "出生日期");
	has(p2, "赵钱孙");
	has_page(p2, 2, pages);
	free(p2);

	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f %d -l %d '%s' -", pages, pages, path);
	char *last = run(cmd);
	has(last, "合计");
	has(last, "制表人");
	has(last, "王芳");
	has(last, "审核人");
	has(last, "日期");
	has(last, "2026-12-06");
	has_page(last, pages, pages);
	free(last);
	unlink(path);
	yz_report_free(r);
}

/* A notice: its intro and outro, the seal lines. */
static void test_notice_doc(void **state)
{
	(void)state;
	yz_report *r = sample();
	r->notice = true;
	yz_report_set(r, &r->intro, "经审核，下列家庭拟纳入最低生活保障，现予公示。");
	yz_report_set(r, &r->outro, "公示期七天，如有异议请致电 0571-88886666。");
	yz_doc *d = yz_report_doc(r);
	assert_non_null(d);
	assert_true(d->page_numbers);
	bool seal = false, table = false;
	for (size_t i = 0; i < d->n_blocks; i++) {
		seal = seal || d->blocks[i].kind == YZ_BLOCK_SEAL_BOX;
		if (d->blocks[i].kind == YZ_BLOCK_TABLE) {
			table = true;
			assert_int_equal(d->blocks[i].table->n_cols, 9);
			assert_int_equal(d->blocks[i].table->align[5], YZ_ALIGN_RIGHT); /* money */
			assert_int_equal(d->blocks[i].table->align[2], YZ_ALIGN_LEFT);  /* ID */
			assert_int_equal(d->blocks[i].table->weight[2], 18);
		}
	}
	assert_true(seal && table);
	char path[600], cmd[1024];
	unsigned char *pdf = NULL;
	size_t len = 0;
	yz_err err = {{0}};
	if (yz_pdf_render(NULL, d, YZ_PAPER_A4, &pdf, &len, &err) != 0)
		fail_msg("%s", err.msg);
	path_of(path, sizeof path, "notice.pdf");
	assert_int_equal(yz_outfile_write(path, pdf, len, &err), 0);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
	char *text = run(cmd);
	has(text, "现予公示");
	has(text, "如有异议");
	has_page(text, 1, 2); /* the table and the notice's text fill more than a page */
	free(text);
	/* landscape as the report asks: wider than high */
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Page size: *//p'", path);
	char *size = run(cmd);
	double w = 0, h = 0;
	assert_int_equal(sscanf(size, "%lf x %lf", &w, &h), 2);
	assert_true(w > h);
	free(size);
	free(pdf);
	unlink(path);
	yz_doc_free(d);
	yz_report_free(r);
}

/* A report of one column and no rows: every format still makes its file. */
static void test_empty(void **state)
{
	(void)state;
	yz_report *r = yz_report_new("空表", "幸福社区", "empty", "", "2026");
	yz_report_col(r, "姓名", YZ_CELL_TEXT, YZ_RTOTAL_COUNT, 0);
	yz_report_row_add(r, YZ_ROW_TOTAL, NULL);
	const yz_report_format fs[] = {YZ_REPORT_XLSX, YZ_REPORT_CSV_GB18030, YZ_REPORT_CSV_UTF8,
	                               YZ_REPORT_PDF};
	for (size_t i = 0; i < sizeof fs / sizeof *fs; i++) {
		char path[600];
		yz_err err = {{0}};
		path_of(path, sizeof path, "empty");
		if (yz_report_write(r, fs[i], NULL, path, &err) != 0)
			fail_msg("%s", err.msg);
		mode_0640(path);
		unlink(path);
	}
	assert_string_equal(r->rows[0].cells[0], "合计");
	yz_report_free(r);
}

/* ---- refusals -------------------------------------------------------------------- */

static void test_refused(void **state)
{
	(void)state;
	yz_report *r = sample();
	char victim[600], link[600], folder[600];
	path_of(victim, sizeof victim, "victim.txt");
	path_of(link, sizeof link, "link.xlsx");
	path_of(folder, sizeof folder, "folder.xlsx");
	FILE *f = fopen(victim, "w");
	assert_non_null(f);
	fputs("keep me\n", f);
	fclose(f);
	assert_int_equal(symlink(victim, link), 0);
	assert_int_equal(mkdir(folder, 0750), 0);
	const yz_report_format fs[] = {YZ_REPORT_XLSX, YZ_REPORT_CSV_GB18030, YZ_REPORT_CSV_UTF8,
	                               YZ_REPORT_PDF};
	for (size_t i = 0; i < sizeof fs / sizeof *fs; i++) {
		yz_err err = {{0}};
		assert_int_equal(yz_report_write(r, fs[i], NULL, link, &err), -1);
		assert_int_equal(err.code, YZ_ERR_INVALID);
		has(err.msg, "是符号链接");
		has(err.msg, "link.xlsx");
		yz_err err2 = {{0}};
		assert_int_equal(yz_report_write(r, fs[i], NULL, folder, &err2), -1);
		has(err2.msg, "是文件夹");
	}
	size_t len;
	char *kept = slurp(victim, &len);
	assert_string_equal(kept, "keep me\n");
	free(kept);
	const char *names[] = {"victim.txt", "link.xlsx", "folder.xlsx"};
	only(dir, names, 3);
	only(folder, NULL, 0);
	/* a folder that does not exist: told, nothing made */
	char missing[700];
	snprintf(missing, sizeof missing, "%s/no-such-folder/a.xlsx", dir);
	yz_err err = {{0}};
	assert_int_equal(yz_report_write(r, YZ_REPORT_XLSX, NULL, missing, &err), -1);
	has(err.msg, "no-such-folder");
	only(dir, names, 3);
	rmdir(folder);
	unlink(link);
	unlink(victim);
	yz_report_free(r);
}

/* Issue 18: a number column's total has as many decimals as it needs (the
 * same hundredths text as money, its zeros dropped); money keeps two. */
static void test_number_totals(void **state)
{
	(void)state;
	yz_report *r = yz_report_new("t", "s", "n", "p", "2026-11");
	assert_non_null(r);
	yz_report_col(r, "", YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0); /* the total's label */
	yz_report_col(r, "a", YZ_CELL_NUMBER, YZ_RTOTAL_SUM, 0);
	yz_report_col(r, "b", YZ_CELL_NUMBER, YZ_RTOTAL_SUM, 0);
	yz_report_col(r, "c", YZ_CELL_NUMBER, YZ_RTOTAL_SUM, 0);
	yz_report_col(r, "d", YZ_CELL_MONEY, YZ_RTOTAL_SUM, 0);
	const char *d1[] = {"x", "1.25", "1", "0.5", "1"};
	const char *d2[] = {"y", "2.25", "2", "-1.05", "2"};
	yz_report_row_add(r, YZ_ROW_DATA, d1);
	yz_report_row_add(r, YZ_ROW_DATA, d2);
	yz_report_row_add(r, YZ_ROW_TOTAL, NULL);
	assert_false(r->oom);
	assert_string_equal(r->rows[2].cells[1], "3.5");
	assert_string_equal(r->rows[2].cells[2], "3");
	assert_string_equal(r->rows[2].cells[3], "-0.55");
	assert_string_equal(r->rows[2].cells[4], "3.00");
	yz_report_free(r);
}

/* Issue 18: a workbook is refused as a single report is, before the work:
 * no name, a symbolic link, a sheet that ran out of memory. */
static void test_book_refused(void **state)
{
	(void)state;
	yz_report *r = sample();
	const yz_report *sheets[] = {r, r};
	char link[600], victim[600];
	path_of(victim, sizeof victim, "victim.txt");
	path_of(link, sizeof link, "book.xlsx");
	FILE *f = fopen(victim, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(symlink(victim, link), 0);
	yz_err err = {{0}};
	assert_int_equal(yz_report_book_write(sheets, 2, "", &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	yz_err err2 = {{0}};
	assert_int_equal(yz_report_book_write(sheets, 2, link, &err2), -1);
	assert_int_equal(err2.code, YZ_ERR_INVALID);
	has(err2.msg, "是符号链接");
	r->oom = true;
	yz_err err3 = {{0}};
	assert_int_equal(yz_report_book_write(sheets, 2, link, &err3), -1);
	assert_int_equal(err3.code, YZ_ERR_NO_MEMORY);
	r->oom = false;
	const char *names[] = {"victim.txt", "book.xlsx"};
	only(dir, names, 2);
	unlink(link);
	unlink(victim);
	yz_report_free(r);
}

/* ---- a full disk (run by report16_diskfull.sh) ------------------------------------ */

static int diskfull(const char *full)
{
	fixture_ui_language("zh_CN");
	yz_paper_lang_set("zh_CN");
	yz_report *r = sample();
	/* a report big enough not to fit in what is left */
	for (int i = 0; i < 20000; i++) {
		char no[8];
		snprintf(no, sizeof no, "%d", i);
		const char *d[] = {no,     "赵钱孙", ID_DIGIT, PHONE, "2026-11-03",
		                   "1.00", "1",      "",       "x"};
		yz_report_row_add(r, YZ_ROW_DATA, d);
	}
	const yz_report_format fs[] = {YZ_REPORT_XLSX, YZ_REPORT_CSV_GB18030};
	int bad = 0;
	for (size_t i = 0; i < 2; i++) {
		char path[600];
		yz_err err = {{0}};
		snprintf(path, sizeof path, "%s/out.%s", full, yz_report_format_ext(fs[i]));
		int rc = yz_report_write(r, fs[i], NULL, path, &err);
		printf("%s: rc %d, %s: %s\n", yz_report_format_ext(fs[i]), rc,
		       yz_err_code_name(err.code), err.msg);
		if (rc == 0 || err.code != YZ_ERR_DISK_FULL || !strstr(err.msg, "磁盘已满"))
			bad++;
	}
	DIR *d = opendir(full);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, "fill")) {
			printf("left behind: %s\n", e->d_name);
			bad++;
		}
	if (d)
		closedir(d);
	yz_report_free(r);
	return bad ? 1 : 0;
}

static int setup(void **state)
{
	(void)state;
	fixture_ui_language("zh_CN");
	yz_paper_lang_set("zh_CN");
	snprintf(dir, sizeof dir, "/tmp/yzreport.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rmdir(dir);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--diskfull"))
		return diskfull(argv[2]);
	umask(022); /* the files are 0640 whatever the umask allows */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_model),        cmocka_unit_test(test_xlsx),
	    cmocka_unit_test(test_csv),          cmocka_unit_test(test_pdf),
	    cmocka_unit_test(test_notice_doc),   cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_refused),      cmocka_unit_test(test_number_totals),
	    cmocka_unit_test(test_book_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
