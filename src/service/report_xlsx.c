/* A report as an .xlsx workbook through libxlsxwriter: what an office opens
 * in Excel or WPS and prints as it is. The cells keep their types (an ID
 * number or a phone is a string, never 4.2e17; a date a date; money a number
 * with two decimals), the subtotals and the total are formulas with their
 * values cached (a reader without a calculation engine still sees them), and
 * the print set-up is done: A4, the header row on every page, one page wide,
 * page numbers in the footer.
 *
 * Where it is written: libxlsxwriter writes to a file name and its own
 * temporary files, so the workbook is made in a private folder (mkdtemp,
 * 0700) beside the target, then copied into yz_outfile's temporary and
 * committed: the name holds the old file or the whole new one, never half
 * of it, and a full disk is told as such. libxlsxwriter runs in its
 * constant-memory mode (rows are written in order anyway): a year's 100,000
 * cases never sit in memory twice.
 *
 * A workbook may hold several reports as its sheets (issue 18: a survey's
 * overview, its questions and cross-tabs): the formats are the workbook's,
 * each sheet is written whole, in order, as a single report's would be. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "../intl.h"
#include "report_int.h"
#include "yizhan/core.h"
#include "yizhan/store/outfile.h"

/* libxlsxwriter is opened on the first workbook, not linked (issue 20): it
 * brings OpenSSL's libcrypto, minizip and zlib, whose loading every start of
 * the program would pay — the counter's first screen among them — while only
 * an export writes a workbook. Its functions are called through this table,
 * filled by name from the library Debian's libxlsxwriter-dev links
 * (YZ_XLSXWRITER_SONAME). The functions used, each named once: the table's
 * fields and the names looked up. */
#define LX_FUNCS(X)                                                                                \
	X(format_set_align)                                                                        \
	X(format_set_bg_color)                                                                     \
	X(format_set_bold)                                                                         \
	X(format_set_border)                                                                       \
	X(format_set_font_size)                                                                    \
	X(format_set_num_format)                                                                   \
	X(format_set_text_wrap)                                                                    \
	X(lxw_rowcol_to_range)                                                                     \
	X(lxw_strerror)                                                                            \
	X(workbook_add_format)                                                                     \
	X(workbook_add_worksheet)                                                                  \
	X(workbook_close)                                                                          \
	X(workbook_new_opt)                                                                        \
	X(workbook_set_properties)                                                                 \
	X(worksheet_center_horizontally)                                                           \
	X(worksheet_fit_to_pages)                                                                  \
	X(worksheet_freeze_panes)                                                                  \
	X(worksheet_merge_range)                                                                   \
	X(worksheet_repeat_rows)                                                                   \
	X(worksheet_set_column)                                                                    \
	X(worksheet_set_footer)                                                                    \
	X(worksheet_set_landscape)                                                                 \
	X(worksheet_set_paper)                                                                     \
	X(worksheet_set_portrait)                                                                  \
	X(worksheet_set_row)                                                                       \
	X(worksheet_write_blank)                                                                   \
	X(worksheet_write_datetime)                                                                \
	X(worksheet_write_formula_num)                                                             \
	X(worksheet_write_number)                                                                  \
	X(worksheet_write_string)

#define LX_FN(name) __typeof__(name) *name;
typedef struct xlsx_lib {
	LX_FUNCS(LX_FN)
} xlsx_lib;
#undef LX_FN

/* Open libxlsxwriter and fill lib; -1 with err when it cannot be. */
static int lx_load(xlsx_lib *lib, yz_err *err)
{
#define LX_SYM(name) {#name, offsetof(xlsx_lib, name)},
	static const struct {
		const char *name;
		size_t off;
	} syms[] = {LX_FUNCS(LX_SYM)};
#undef LX_SYM
	void *h = dlopen(YZ_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *e = h ? NULL : dlerror();
	const char *missing = h ? NULL : e ? e : YZ_XLSXWRITER_SONAME;
	for (size_t i = 0; h && !missing && i < sizeof syms / sizeof *syms; i++) {
		void *f = dlsym(h, syms[i].name);
		if (f)
			memcpy((char *)lib + syms[i].off, &f, sizeof f);
		else
			missing = syms[i].name;
	}
	if (!missing)
		return 0; /* the library stays loaded: the next workbook finds it */
	if (h)
		dlclose(h);
	yz_err_setc(err, YZ_ERR_NOT_FOUND,
	            _("Spreadsheets cannot be written: a part is missing (%s; the package "
	              "libxlsxwriter). Save as CSV meanwhile, and call the station's technical "
	              "support."),
	            missing);
	return -1;
}

/* The number formats of the cell kinds, in yz_cell_kind's order. */
static const char *const num_formats[] = {
    [YZ_CELL_TEXT] = NULL,      [YZ_CELL_CODE] = "@", [YZ_CELL_DATE] = "yyyy-mm-dd",
    [YZ_CELL_MONEY] = "0.00",   [YZ_CELL_INT] = "0",  [YZ_CELL_NUMBER] = "0.0#",
    [YZ_CELL_PERCENT] = "0.0%",
};
#define N_KINDS (sizeof num_formats / sizeof *num_formats)

/* Excel's longest cell text, in characters; longer text is cut (bytes are
 * at least characters, so cutting at this many bytes is safe). */
#define CELL_MAX 32767

/* Everything one workbook is written with. */
typedef struct xl {
	const xlsx_lib *lx; /* libxlsxwriter's functions */
	const yz_report *r;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *title;         /* the title row: large, bold, centred */
	lxw_format *line;          /* the station and period: centred */
	lxw_format *para;          /* summary, intro, outro: wrapped, top-left */
	lxw_format *head;          /* the header row: bold, boxed, grey, centred, wrapped */
	lxw_format *cell[N_KINDS]; /* data cells of each kind, boxed */
	lxw_format *bold[N_KINDS]; /* the same, bold: group, subtotal and total rows */
	lxw_format *sign;          /* the signature line */
	lxw_format *pct2;          /* PERCENT cells of a report in hundredths: 0.00% */
	lxw_format *pct2b;         /* the same, bold */
	lxw_format *pct;           /* the PERCENT cells' format of the sheet being written */
	lxw_format *pctb;          /* the same, bold (a total row's percentages) */
	int width;                 /* the columns' widths together, in characters */
	lxw_row_t row;             /* the next sheet row */
} xl;

static void make_formats(xl *x)
{
	x->title = x->lx->workbook_add_format(x->wb);
	x->lx->format_set_bold(x->title);
	x->lx->format_set_font_size(x->title, 16);
	x->lx->format_set_align(x->title, LXW_ALIGN_CENTER);
	x->lx->format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
	x->line = x->lx->workbook_add_format(x->wb);
	x->lx->format_set_align(x->line, LXW_ALIGN_CENTER);
	x->para = x->lx->workbook_add_format(x->wb);
	x->lx->format_set_text_wrap(x->para);
	x->lx->format_set_align(x->para, LXW_ALIGN_VERTICAL_TOP);
	x->head = x->lx->workbook_add_format(x->wb);
	x->lx->format_set_bold(x->head);
	x->lx->format_set_border(x->head, LXW_BORDER_THIN);
	x->lx->format_set_bg_color(x->head, 0xD9D9D9);
	x->lx->format_set_align(x->head, LXW_ALIGN_CENTER);
	x->lx->format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
	x->lx->format_set_text_wrap(x->head);
	for (size_t k = 0; k < N_KINDS; k++) {
		for (int b = 0; b < 2; b++) {
			lxw_format *f = x->lx->workbook_add_format(x->wb);
			x->lx->format_set_border(f, LXW_BORDER_THIN);
			if (num_formats[k])
				x->lx->format_set_num_format(f, num_formats[k]);
			if (b)
				x->lx->format_set_bold(f);
			*(b ? &x->bold[k] : &x->cell[k]) = f;
		}
	}
	x->sign = x->lx->workbook_add_format(x->wb);
	x->pct2 = x->lx->workbook_add_format(x->wb);
	x->lx->format_set_border(x->pct2, LXW_BORDER_THIN);
	x->lx->format_set_num_format(x->pct2, "0.00%");
	x->pct2b = x->lx->workbook_add_format(x->wb);
	x->lx->format_set_border(x->pct2b, LXW_BORDER_THIN);
	x->lx->format_set_num_format(x->pct2b, "0.00%");
	x->lx->format_set_bold(x->pct2b);
}

/* The sheet's name from the title: no [ ] : * ? / \, at most 31 UTF-16
 * units (a character beyond the BMP counts two), no quote at either end. */
static void sheet_name(const char *title, char *buf, size_t n)
{
	size_t o = 0, len = strlen(title);
	int units = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(title + i, len - i, &cp);
		if (k == 0)
			break;
		int u = cp > 0xffff ? 2 : 1;
		if (units + u > 31 || o + k + 1 > n)
			break;
		if (cp < 0x80 && strchr("[]:*?/\\", (int)cp))
			buf[o] = '_';
		else
			memcpy(buf + o, title + i, k);
		o += cp < 0x80 && strchr("[]:*?/\\", (int)cp) ? 1 : k;
		units += u;
		i += k;
	}
	buf[o] = '\0';
	while (o > 0 && buf[o - 1] == '\'')
		buf[--o] = '\0';
	if (buf[0] == '\'')
		buf[0] = '_';
}

/* A text cell, cut to what a cell holds. */
static void put_string(xl *x, lxw_col_t c, const char *s, lxw_format *f)
{
	if (strlen(s) <= CELL_MAX) {
		x->lx->worksheet_write_string(x->ws, x->row, c, s, f);
		return;
	}
	size_t cut = CELL_MAX;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	char *part = strndup(s, cut);
	if (part)
		x->lx->worksheet_write_string(x->ws, x->row, c, part, f);
	free(part);
}

/* Text in a row's cells merged over the table's width. */
static void put_merged(xl *x, const char *text, lxw_format *f)
{
	lxw_col_t last = (lxw_col_t)(x->r->n_cols - 1);
	if (last == 0 || strlen(text) > CELL_MAX)
		put_string(x, 0, text, f);
	else
		x->lx->worksheet_merge_range(x->ws, x->row, 0, x->row, last, text, f);
}

/* A line of text over the whole width (merged), height for its lines. */
static void put_wide(xl *x, const char *text, lxw_format *f, double line_height)
{
	int lines = 1, col = 0, w = x->width > 8 ? x->width : 8;
	for (const char *p = text; *p;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(p, strlen(p), &cp);
		if (k == 0)
			k = 1;
		int cw = cp == '\n' ? 0 : yz_cp_width(cp) > 0 ? yz_cp_width(cp) : 0;
		if (cp == '\n' || col + cw > w) {
			lines++;
			col = 0;
		}
		col += cw;
		p += k;
	}
	x->lx->worksheet_set_row(x->ws, x->row, line_height * lines, NULL);
	put_merged(x, text, f);
	x->row++;
}

/* The rows above the table: title, station and period, summary, intro. */
static void put_top(xl *x)
{
	const yz_report *r = x->r;
	x->lx->worksheet_set_row(x->ws, x->row, 30, NULL);
	put_merged(x, r->title, x->title);
	x->row++;
	char *line = rpt_station_line(r);
	if (line) {
		put_wide(x, line, x->line, 18);
		free(line);
	}
	if (r->summary && *r->summary)
		put_wide(x, r->summary, x->para, 18);
	if (r->intro && *r->intro)
		put_wide(x, r->intro, x->para, 18);
}

/* A number cell from canonical text; text that is no number stays text. */
static void put_number(xl *x, lxw_col_t c, yz_cell_kind kind, const char *s, lxw_format *f)
{
	int64_t h;
	if (!rpt_hundredths(s, &h)) { /* a label ("Subtotal") or a word: text */
		put_string(x, c, s,
		           f == x->bold[kind] || f == x->pctb ? x->bold[YZ_CELL_TEXT]
		                                              : x->cell[YZ_CELL_TEXT]);
		return;
	}
	/* one division of the integer: h / 10000.0 is the double nearest the
	 * exact hundredths (0.6667), which libxlsxwriter writes and a reader
	 * reads back as such; dividing twice leaves float noise
	 * (0.6667000000000001) */
	double v = (double)h / (kind == YZ_CELL_PERCENT ? 10000.0 : 100.0);
	x->lx->worksheet_write_number(x->ws, x->row, c, v, f);
}

static void put_cell(xl *x, lxw_col_t c, yz_cell_kind kind, const char *s, bool bold)
{
	lxw_format *f = bold ? x->bold[kind] : x->cell[kind];
	if (kind == YZ_CELL_PERCENT)
		f = bold ? x->pctb : x->pct;
	yz_date d;
	if (!*s) {
		x->lx->worksheet_write_blank(x->ws, x->row, c, f);
	} else if (kind == YZ_CELL_DATE && strlen(s) == 10 && yz_date_parse(s, &d)) {
		lxw_datetime dt = {.year = d.year, .month = d.month, .day = d.day};
		x->lx->worksheet_write_datetime(x->ws, x->row, c, &dt, f);
	} else if (rpt_numeric(kind)) {
		put_number(x, c, kind, s, f);
	} else {
		put_string(x, c, s, kind == YZ_CELL_DATE ? x->cell[YZ_CELL_TEXT] : f);
	}
}

/* The value a subtotal or total cell caches: the model's when it is a
 * number, else what the formula gives over rows from..to-1 of the report. */
static double cached(const yz_report *r, size_t c, const char *cell, size_t from, size_t to)
{
	const yz_report_column *col = &r->cols[c];
	int64_t h, sum = 0;
	long count = 0;
	double k = col->kind == YZ_CELL_PERCENT ? 10000.0 : 100.0;
	if (rpt_hundredths(cell, &h))
		return col->total == YZ_RTOTAL_COUNT ? (double)h / 100.0 : (double)h / k;
	for (size_t i = from; i < to; i++) {
		const char *s = r->rows[i].cells[c];
		if (r->rows[i].kind != YZ_ROW_DATA || !*s)
			continue;
		count++;
		if (rpt_hundredths(s, &h))
			sum += h;
	}
	return col->total == YZ_RTOTAL_COUNT ? (double)count : (double)sum / k;
}

/* A subtotal or total row (report row i): each summed or counted column a
 * SUBTOTAL formula over the sheet rows first..last with its value cached;
 * from..to are the report rows they hold. */
static void put_sums(xl *x, size_t i, lxw_row_t first, lxw_row_t last, size_t from, size_t to)
{
	const yz_report *r = x->r;
	const yz_report_row *row = &r->rows[i];
	for (size_t c = 0; c < r->n_cols; c++) {
		const yz_report_column *col = &r->cols[c];
		bool formula = col->total == YZ_RTOTAL_COUNT ||
		               (col->total == YZ_RTOTAL_SUM && rpt_numeric(col->kind));
		if (!formula || last < first || c == 0) {
			put_cell(x, (lxw_col_t)c, col->kind, row->cells[c], true);
			continue;
		}
		char range[32], text[64];
		x->lx->lxw_rowcol_to_range(range, first, (lxw_col_t)c, last, (lxw_col_t)c);
		snprintf(text, sizeof text, "=SUBTOTAL(%d,%s)",
		         col->total == YZ_RTOTAL_COUNT ? 3 : 9, range);
		lxw_format *f = col->total == YZ_RTOTAL_COUNT  ? x->bold[YZ_CELL_INT]
		                : col->kind == YZ_CELL_PERCENT ? x->pctb
		                                               : x->bold[col->kind];
		x->lx->worksheet_write_formula_num(x->ws, x->row, (lxw_col_t)c, text, f,
		                                   cached(r, c, row->cells[c], from, to));
	}
}

/* The header row and the table's rows. */
static void put_table(xl *x)
{
	const yz_report *r = x->r;
	lxw_row_t head = x->row;
	x->lx->worksheet_set_row(x->ws, x->row, 20, NULL);
	for (size_t c = 0; c < r->n_cols; c++)
		put_string(x, (lxw_col_t)c, r->cols[c].label, x->head);
	x->row++;
	x->lx->worksheet_freeze_panes(x->ws, x->row, 0);
	x->lx->worksheet_repeat_rows(x->ws, head, head);
	lxw_row_t table = x->row; /* the first row under the header */
	lxw_row_t run = x->row;   /* the first sheet row of the data rows since a heading */
	size_t run_from = 0;      /* the same in report rows */
	for (size_t i = 0; i < r->n_rows; i++) {
		const yz_report_row *row = &r->rows[i];
		if (row->kind == YZ_ROW_SUBTOTAL) {
			put_sums(x, i, run, x->row - 1, run_from, i);
		} else if (row->kind == YZ_ROW_TOTAL) {
			put_sums(x, i, table, x->row - 1, 0, i);
		} else {
			bool bold = row->kind == YZ_ROW_GROUP;
			for (size_t c = 0; c < r->n_cols; c++)
				put_cell(x, (lxw_col_t)c, bold ? YZ_CELL_TEXT : r->cols[c].kind,
				         row->cells[c], bold);
		}
		x->row++;
		if (row->kind != YZ_ROW_DATA) {
			run = x->row;
			run_from = i + 1;
		}
	}
}

/* The rows under the table: a notice's outro, the signature line. */
static void put_bottom(xl *x)
{
	if (x->r->outro && *x->r->outro) {
		x->row++;
		put_wide(x, x->r->outro, x->para, 18);
	}
	char *sign = rpt_sign_line(x->r);
	if (sign) {
		x->row++;
		x->lx->worksheet_set_row(x->ws, x->row, 24, NULL);
		put_string(x, 0, sign, x->sign);
		free(sign);
	}
}

/* The columns' widths (display width: a Chinese character counts two, as
 * it is about two of Excel's width units) and the print set-up. */
static void set_up(xl *x)
{
	const yz_report *r = x->r;
	x->width = 0;
	for (size_t c = 0; c < r->n_cols; c++) {
		int w = rpt_col_width(r, c) + 2;
		x->width += w;
		x->lx->worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
	x->lx->worksheet_set_paper(x->ws, 9); /* A4 */
	if (r->landscape)
		x->lx->worksheet_set_landscape(x->ws);
	else
		x->lx->worksheet_set_portrait(x->ws);
	x->lx->worksheet_fit_to_pages(x->ws, 1, 0);
	x->lx->worksheet_center_horizontally(x->ws);
	char footer[256];
	/* TRANSLATORS: a spreadsheet's page footer: &P is the page's number,
	   &N the number of pages; keep both */
	snprintf(footer, sizeof footer, "&C%s", P_("Page &P of &N"));
	x->lx->worksheet_set_footer(x->ws, footer);
}

/* The creation time written into the workbook: made_on's midnight (the
 * same report, the same bytes), else now. */
static time_t made_time(const yz_report *r)
{
	yz_date d;
	if (!r->made_on || !yz_date_parse(r->made_on, &d))
		return 0;
	struct tm tm = {.tm_year = d.year - 1900, .tm_mon = d.month - 1, .tm_mday = d.day};
	return timegm(&tm);
}

/* One sheet: report r in a new worksheet of x's workbook. */
static void put_sheet(xl *x, const yz_report *r)
{
	char name[128];
	x->r = r;
	x->row = 0;
	sheet_name(r->sheet[0] ? r->sheet : r->title, name, sizeof name);
	x->ws = x->lx->workbook_add_worksheet(x->wb, *name ? name : NULL);
	if (!x->ws) /* a name used twice: Excel's own */
		x->ws = x->lx->workbook_add_worksheet(x->wb, NULL);
	if (!x->ws)
		return;
	x->pct = r->pct_hundredths ? x->pct2 : x->cell[YZ_CELL_PERCENT];
	x->pctb = r->pct_hundredths ? x->pct2b : x->bold[YZ_CELL_PERCENT];
	set_up(x);
	put_top(x);
	put_table(x);
	put_bottom(x);
}

/* Write the workbook of n sheets to file (in the private folder tmpdir). */
static lxw_error make_book(const xlsx_lib *lx, const yz_report *const *sheets, size_t n,
                           const char *file, char *tmpdir)
{
	const yz_report *r = sheets[0];
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = tmpdir};
	xl x = {.lx = lx, .r = r, .wb = lx->workbook_new_opt(file, &opt)};
	if (!x.wb)
		return LXW_ERROR_CREATING_XLSX_FILE;
	lxw_doc_properties props = {.title = r->title,
	                            .company = r->station,
	                            .author = r->made_by ? r->made_by : "",
	                            .created = made_time(r)};
	lx->workbook_set_properties(x.wb, &props);
	make_formats(&x);
	for (size_t i = 0; i < n; i++)
		put_sheet(&x, sheets[i]);
	return lx->workbook_close(x.wb);
}

/* ---- the private folder and the commit ------------------------------------------- */

/* Remove the private folder and whatever libxlsxwriter left in it. */
static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[PATH_MAX];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    snprintf(p, sizeof p, "%s/%s", dir, e->d_name) < (int)sizeof p)
			unlink(p);
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Whether the disk of dir is (nearly) full: a failed write's errno may be
 * lost inside libxlsxwriter and its zip library. */
static bool disk_full(const char *dir, int e)
{
	struct statvfs sv;
	if (e == ENOSPC || e == EDQUOT)
		return true;
	return statvfs(dir, &sv) == 0 && (unsigned long long)sv.f_bavail * sv.f_frsize < 256 * 1024;
}

static void fail(const char *path, const char *dir, int e, const char *why, yz_err *err)
{
	if (disk_full(dir, e))
		yz_err_setc(err, YZ_ERR_DISK_FULL,
		            _("The disk is full: %s was not written (an older file of that name "
		              "is as it was)."),
		            path);
	else
		yz_err_setc(err, e == EACCES || e == EPERM ? YZ_ERR_DENIED : YZ_ERR_IO,
		            _("Cannot write %s: %s."), path, why ? why : strerror(e ? e : EIO));
}

/* Copy the finished workbook into path through yz_outfile. */
static int commit_copy(const char *book, const char *path, yz_err *err)
{
	int fd = open(book, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	yz_outfile o;
	char buf[65536];
	ssize_t n;
	if (fd < 0) {
		yz_err_setc(err, YZ_ERR_IO, _("Cannot write %s: %s."), path, strerror(errno));
		return -1;
	}
	if (yz_outfile_open(&o, path, err) != 0) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (fwrite(buf, 1, (size_t)n, o.f) != (size_t)n)
			break; /* the stream's error flag fails the commit with errno */
	int e = n < 0 ? errno : 0;
	close(fd);
	if (e) {
		yz_outfile_abort(&o);
		yz_err_setc(err, YZ_ERR_IO, _("Cannot write %s: %s."), path, strerror(e));
		return -1;
	}
	return yz_outfile_commit(&o, err);
}

int rpt_write_book(const yz_report *const *sheets, size_t n, const char *path, yz_err *err)
{
	char dir[PATH_MAX], tmp[PATH_MAX], book[PATH_MAX];
	for (size_t i = 0; i < n; i++) {
		const yz_report *r = sheets[i];
		if (r->n_rows + 16 >= LXW_ROW_MAX) {
			yz_err_setc(
			    err, YZ_ERR_INVALID,
			    _("The table has %zu rows, more than a spreadsheet holds (1,048,576). "
			      "Choose a shorter period, or save it as CSV."),
			    r->n_rows);
			return -1;
		}
		if (r->n_cols == 0 || r->n_cols > LXW_COL_MAX) {
			yz_err_setc(err, YZ_ERR_INVALID, _("Cannot write %s: %s."), path,
			            strerror(EINVAL));
			return -1;
		}
	}
	if (n == 0) {
		yz_err_setc(err, YZ_ERR_INVALID, _("Cannot write %s: %s."), path, strerror(EINVAL));
		return -1;
	}
	xlsx_lib lib;
	const xlsx_lib *lx = &lib;
	if (lx_load(&lib, err) != 0)
		return -1;
	if (!yz_path_folder(path, dir, sizeof dir) ||
	    snprintf(tmp, sizeof tmp, "%s/.yizhan-xlsx.XXXXXX", dir) >= (int)sizeof tmp ||
	    snprintf(book, sizeof book, "%s/.yizhan-xlsx.XXXXXX/book.xlsx", dir) >=
	        (int)sizeof book) {
		yz_err_setc(err, YZ_ERR_INVALID, _("Cannot write %s: %s."), path,
		            strerror(ENAMETOOLONG));
		return -1;
	}
	if (!mkdtemp(tmp)) {
		fail(path, dir, errno, NULL, err);
		return -1;
	}
	snprintf(book, sizeof book, "%s/book.xlsx", tmp);
	errno = 0;
	/* libxlsxwriter tells its failures on stderr ("[ERROR] workbook_close():
	 * ..."), which in the counter UI would land on the clerk's screen; the
	 * clerk gets the error below in plain words instead. */
	fflush(stderr);
	int saved_err = dup(STDERR_FILENO), nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved_err >= 0 && nul >= 0)
		dup2(nul, STDERR_FILENO);
	lxw_error le = make_book(lx, sheets, n, book, tmp);
	if (saved_err >= 0 && nul >= 0)
		dup2(saved_err, STDERR_FILENO);
	if (saved_err >= 0)
		close(saved_err);
	if (nul >= 0)
		close(nul);
	int e = errno;
	int rc;
	if (le != LXW_NO_ERROR) {
		fail(path, tmp, e, lx->lxw_strerror(le), err);
		rc = -1;
	} else {
		rc = commit_copy(book, path, err);
	}
	remove_dir(tmp);
	return rc;
}

int rpt_write_xlsx(const yz_report *r, const char *path, yz_err *err)
{
	return rpt_write_book(&r, 1, path, err);
}
