/* The report model (issue 16): a finished table of canonical text cells with
 * each column's kind, built by the ledger runner and the statistics, and the
 * pieces every output shares: the file's name, the line under the title, the
 * signature labels' values, totals computed from the data rows. The writers
 * are report_xlsx.c, report_csv.c and, for paper, yz_report_doc below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "report_int.h"
#include "yizhan/core.h"
#include "yizhan/store/outfile.h"

/* A sanitized copy of s (NULL: ""); NULL on ENOMEM. */
static char *copy(const char *s, bool newlines)
{
	return yz_text_sanitize(s ? s : "", newlines);
}

yz_report *yz_report_new(const char *title, const char *station, const char *code,
                         const char *period, const char *period_id)
{
	yz_report *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->title = copy(title, false);
	r->station = copy(station, false);
	r->code = copy(code, false);
	r->period = copy(period, false);
	r->period_id = copy(period_id, false);
	if (!r->title || !r->station || !r->code || !r->period || !r->period_id) {
		yz_report_free(r);
		return NULL;
	}
	return r;
}

void yz_report_free(yz_report *r)
{
	if (!r)
		return;
	for (size_t c = 0; c < r->n_cols; c++)
		free(r->cols[c].label);
	for (size_t i = 0; i < r->n_rows; i++) {
		for (size_t c = 0; c < r->n_cols; c++)
			free(r->rows[i].cells[c]);
		free(r->rows[i].cells);
	}
	for (size_t i = 0; i < r->n_sign; i++)
		free(r->sign[i]);
	free(r->cols);
	free(r->rows);
	free(r->sign);
	free(r->title);
	free(r->station);
	free(r->code);
	free(r->period);
	free(r->period_id);
	free(r->made_by);
	free(r->made_on);
	free(r->intro);
	free(r->outro);
	free(r->summary);
	free(r);
}

void yz_report_col(yz_report *r, const char *label, yz_cell_kind kind, yz_report_total total,
                   int width)
{
	if (!r || r->oom)
		return;
	if (r->n_rows > 0) { /* the rows have their cells already: a caller's mistake */
		r->oom = true;
		return;
	}
	yz_report_column *cols = realloc(r->cols, (r->n_cols + 1) * sizeof *cols);
	if (!cols) {
		r->oom = true;
		return;
	}
	r->cols = cols;
	yz_report_column *col = &cols[r->n_cols];
	col->label = copy(label, false);
	col->kind = kind;
	col->total = total;
	col->width = width > 0 ? width : 0;
	if (!col->label) {
		r->oom = true;
		return;
	}
	r->n_cols++;
}

/* ---- numbers ------------------------------------------------------------------ */

bool rpt_hundredths(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	int64_t v = 0;
	int digits = 0, decimals = -1;

	if (neg)
		s++;
	for (; *s; s++) {
		if (*s == '.' && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || decimals >= 2 || v > INT64_MAX / 1000)
			return false;
		v = v * 10 + (*s - '0');
		digits++;
		if (decimals >= 0)
			decimals++;
	}
	if (digits == 0 || decimals == 0)
		return false;
	for (int d = decimals < 0 ? 0 : decimals; d < 2; d++)
		v *= 10;
	*out = neg ? -v : v;
	return true;
}

bool rpt_numeric(yz_cell_kind kind)
{
	return kind == YZ_CELL_MONEY || kind == YZ_CELL_INT || kind == YZ_CELL_NUMBER ||
	       kind == YZ_CELL_PERCENT;
}

/* Hundredths as the column's canonical text: money with two decimals, the
 * others with as many as they need ("12.5", "3"). */
static void format_hundredths(yz_cell_kind kind, int64_t v, char *buf, size_t n)
{
	char text[32];
	yz_hundredths_format(v, text);
	size_t len = strlen(text);
	if (kind != YZ_CELL_MONEY && text[len - 1] == '0') {
		len -= text[len - 2] == '0' ? 3 : 1; /* "3.00" -> "3", "12.50" -> "12.5" */
		text[len] = '\0';
	}
	snprintf(buf, n, "%s", text);
}

const char *rpt_shown(yz_cell_kind kind, const char *cell, char *buf, size_t n)
{
	if (kind == YZ_CELL_PERCENT && *cell && snprintf(buf, n, "%s%%", cell) < (int)n)
		return buf;
	return cell;
}

/* ---- rows ----------------------------------------------------------------------- */

/* The total of column c over the data rows from index from to the end. */
static void total_of(const yz_report *r, size_t c, size_t from, char *buf, size_t n)
{
	const yz_report_column *col = &r->cols[c];
	int64_t sum = 0, v;
	long count = 0;

	buf[0] = '\0';
	for (size_t i = from; i < r->n_rows; i++) {
		const char *cell = r->rows[i].cells[c];
		if (r->rows[i].kind != YZ_ROW_DATA || !*cell)
			continue;
		count++;
		if (col->total == YZ_RTOTAL_SUM && rpt_hundredths(cell, &v))
			sum += v;
	}
	if (col->total == YZ_RTOTAL_COUNT)
		snprintf(buf, n, "%ld", count);
	else if (col->total == YZ_RTOTAL_SUM && rpt_numeric(col->kind))
		format_hundredths(col->kind, sum, buf, n);
}

/* The first row a SUBTOTAL (TOTAL: every row) appended now covers. */
static size_t covered_from(const yz_report *r, yz_row_kind kind)
{
	size_t i = r->n_rows;
	if (kind == YZ_ROW_TOTAL)
		return 0;
	while (i > 0 && r->rows[i - 1].kind == YZ_ROW_DATA)
		i--;
	return i;
}

void yz_report_row_add(yz_report *r, yz_row_kind kind, const char *const *cells)
{
	if (!r || r->oom)
		return;
	if (r->n_rows == r->cap_rows) {
		size_t cap = r->cap_rows ? r->cap_rows * 2 : 64;
		yz_report_row *rows = realloc(r->rows, cap * sizeof *rows);
		if (!rows) {
			r->oom = true;
			return;
		}
		r->rows = rows;
		r->cap_rows = cap;
	}
	char **row = calloc(r->n_cols ? r->n_cols : 1, sizeof *row);
	if (!row) {
		r->oom = true;
		return;
	}
	bool sums = kind == YZ_ROW_SUBTOTAL || kind == YZ_ROW_TOTAL;
	size_t from = sums ? covered_from(r, kind) : 0;
	for (size_t c = 0; c < r->n_cols; c++) {
		const char *cell = cells ? cells[c] : NULL;
		char made[32];
		if (sums && (!cell || !*cell) && c == 0)
			cell = kind == YZ_ROW_TOTAL ? P_("Total") : P_("Subtotal");
		else if (sums && (!cell || !*cell) && r->cols[c].total != YZ_RTOTAL_NONE) {
			total_of(r, c, from, made, sizeof made);
			cell = made;
		}
		row[c] = copy(cell, false);
		if (!row[c]) {
			while (c-- > 0)
				free(row[c]);
			free(row);
			r->oom = true;
			return;
		}
	}
	r->rows[r->n_rows].kind = kind;
	r->rows[r->n_rows].cells = row;
	r->n_rows++;
}

void yz_report_sign(yz_report *r, const char *label)
{
	if (!r || r->oom)
		return;
	char **sign = realloc(r->sign, (r->n_sign + 1) * sizeof *sign);
	if (!sign) {
		r->oom = true;
		return;
	}
	r->sign = sign;
	sign[r->n_sign] = copy(label, false);
	if (!sign[r->n_sign]) {
		r->oom = true;
		return;
	}
	r->n_sign++;
}

void yz_report_set(yz_report *r, char **member, const char *text)
{
	if (!r || !member)
		return;
	char *v = text ? copy(text, true) : NULL;
	if (text && !v) {
		r->oom = true;
		return;
	}
	free(*member);
	*member = v;
}

const char *rpt_group_of(const yz_report *r, size_t row)
{
	for (size_t i = row; i-- > 0;) {
		if (r->rows[i].kind == YZ_ROW_GROUP)
			return r->rows[i].cells[0];
		if (r->rows[i].kind != YZ_ROW_DATA)
			return NULL;
	}
	return NULL;
}

/* ---- what every output shares ------------------------------------------------------ */

int rpt_col_width(const yz_report *r, size_t c)
{
	const yz_report_column *col = &r->cols[c];
	char buf[64];
	if (col->width > 0)
		return col->width;
	int w = yz_text_width(col->label);
	for (size_t i = 0; i < r->n_rows; i++) {
		if (r->rows[i].kind == YZ_ROW_GROUP)
			continue; /* a group's name runs over the row */
		int cw = yz_text_width(rpt_shown(col->kind, r->rows[i].cells[c], buf, sizeof buf));
		w = cw > w ? cw : w;
	}
	return w < 4 ? 4 : w > 60 ? 60 : w;
}

char *rpt_station_line(const yz_report *r)
{
	if (!*r->period)
		return yz_strdup_printf(P_("Station: %s"), r->station);
	return yz_strdup_printf(P_("Station: %s    Period: %s"), r->station, r->period);
}

const char *rpt_sign_value(const yz_report *r, size_t i)
{
	const char *v = NULL;
	if (i == 0)
		v = r->made_by;
	else if (!strcmp(r->sign[i], P_("Date")))
		v = r->made_on;
	return v && *v ? v : NULL;
}

char *rpt_sign_line(const yz_report *r)
{
	char *line = NULL;
	for (size_t i = 0; i < r->n_sign; i++) {
		const char *v = rpt_sign_value(r, i);
		char *next = yz_strdup_printf("%s%s%s%s%s", line ? line : "", line ? "      " : "",
		                              r->sign[i], yz_paper_sep(), v ? v : "____________");
		free(line);
		if (!next)
			return NULL;
		line = next;
	}
	return line;
}

/* ---- names and formats ------------------------------------------------------------- */

int yz_report_format_from(const char *word)
{
	static const struct {
		const char *word;
		yz_report_format f;
	} words[] = {
	    {"xlsx", YZ_REPORT_XLSX},
	    {"csv", YZ_REPORT_CSV_GB18030},
	    {"csv-gb18030", YZ_REPORT_CSV_GB18030},
	    {"csv-utf8", YZ_REPORT_CSV_UTF8},
	    {"pdf", YZ_REPORT_PDF},
	};
	for (size_t i = 0; word && i < sizeof words / sizeof *words; i++)
		if (!strcmp(word, words[i].word))
			return (int)words[i].f;
	return -1;
}

const char *yz_report_format_ext(yz_report_format f)
{
	switch (f) {
	case YZ_REPORT_XLSX:
		return "xlsx";
	case YZ_REPORT_CSV_GB18030:
	case YZ_REPORT_CSV_UTF8:
		return "csv";
	case YZ_REPORT_PDF:
		return "pdf";
	}
	return "txt";
}

/* Append s to the name in buf (o bytes used, at most max), each character a
 * file name cannot hold as '_'; stops before a character that does not fit. */
static size_t name_add(char *buf, size_t o, size_t max, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s + i, len - i, &cp);
		bool bad = k == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
		           (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp)) || (o == 0 && cp == '.');
		size_t need = bad ? 1 : k;
		if (o + need > max)
			break;
		if (bad)
			buf[o++] = '_';
		else
			memcpy(buf + o, s + i, k);
		o += bad ? 0 : k;
		i += k ? k : 1;
	}
	return o;
}

void yz_report_file_name(const yz_report *r, yz_report_format f, char *buf, size_t n)
{
	const char *ext = yz_report_format_ext(f);
	if (n == 0)
		return;
	buf[0] = '\0';
	size_t tail = strlen(ext) + 1; /* ".ext" */
	size_t max = n - 1 < 255 ? n - 1 : 255;
	if (max <= tail)
		return;
	max -= tail;
	size_t o = name_add(buf, 0, max, r->station);
	o = name_add(buf, o, max, "-");
	o = name_add(buf, o, max, r->code);
	o = name_add(buf, o, max, "-");
	o = name_add(buf, o, max, r->period_id);
	snprintf(buf + o, n - o, ".%s", ext);
}

/* ---- paper ------------------------------------------------------------------------- */

/* Paragraphs of text, one per line, indented. */
static void paragraphs(yz_doc *d, const char *text)
{
	if (!text || !*text)
		return;
	char *all = strdup(text), *save = NULL;
	if (!all) {
		d->oom = true;
		return;
	}
	for (char *p = strtok_r(all, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
		if (*yz_text_trim(p))
			yz_doc_text(d, p, YZ_STYLE_INDENT);
	free(all);
}

/* The table: weights from the columns' widths, numbers at the right. */
static void doc_table(yz_doc *d, const yz_report *r)
{
	size_t n = r->n_cols;
	const char **head = calloc(n, sizeof *head);
	const char **cells = calloc(n, sizeof *cells);
	char(*shown)[64] = calloc(n, sizeof *shown);
	int *weight = calloc(n, sizeof *weight);
	char *align = calloc(n + 1, 1);
	if (!head || !cells || !shown || !weight || !align) {
		d->oom = true;
		goto out;
	}
	for (size_t c = 0; c < n; c++) {
		head[c] = r->cols[c].label;
		weight[c] = rpt_col_width(r, c);
		align[c] = rpt_numeric(r->cols[c].kind)      ? 'r'
		           : r->cols[c].kind == YZ_CELL_DATE ? 'c'
		                                             : 'l';
	}
	yz_doc_table(d, n, head, weight, align);
	for (size_t i = 0; i < r->n_rows && !d->oom; i++) {
		for (size_t c = 0; c < n; c++)
			cells[c] = rpt_shown(r->cols[c].kind, r->rows[i].cells[c], shown[c],
			                     sizeof shown[c]);
		yz_doc_table_row(d, cells);
	}
out:
	free(head);
	free(cells);
	free(shown);
	free(weight);
	free(align);
}

/* The labels to sign on, two a line; those with a value (the maker, the
 * date) as "label: value". */
static void doc_signatures(yz_doc *d, const yz_report *r)
{
	const char *pending = NULL;
	for (size_t i = 0; i < r->n_sign; i++) {
		const char *v = rpt_sign_value(r, i);
		if (v) {
			if (pending)
				yz_doc_signature(d, pending, NULL);
			pending = NULL;
			yz_doc_kv(d, r->sign[i], v);
		} else if (pending) {
			yz_doc_signature(d, pending, r->sign[i]);
			pending = NULL;
		} else {
			pending = r->sign[i];
		}
	}
	if (pending)
		yz_doc_signature(d, pending, NULL);
}

yz_doc *yz_report_doc(const yz_report *r)
{
	if (!r || r->oom)
		return NULL;
	yz_doc *d = yz_doc_new(r->title);
	if (!d)
		return NULL;
	yz_doc_text(d, r->title, YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	char *line = rpt_station_line(r);
	if (!line)
		d->oom = true;
	yz_doc_text(d, line ? line : "", YZ_STYLE_CENTER);
	free(line);
	paragraphs(d, r->summary);
	paragraphs(d, r->intro);
	if (r->n_cols > 0)
		doc_table(d, r);
	paragraphs(d, r->outro);
	if (r->n_sign > 0) { /* the lines to sign on stay together on one page */
		yz_doc_space(d, 1);
		size_t from = d->n_blocks;
		doc_signatures(d, r);
		yz_doc_keep_together(d, from);
	}
	if (r->notice) {
		yz_doc_space(d, 1);
		yz_doc_seal(d, r->station, r->made_on ? r->made_on : "", P_("(seal)"));
	}
	yz_doc_page_numbers(d);
	d->landscape = r->landscape;
	yz_date day;
	if (r->made_on && yz_date_parse(r->made_on, &day)) { /* the same report, the same bytes */
		struct tm tm = {
		    .tm_year = day.year - 1900, .tm_mon = day.month - 1, .tm_mday = day.day};
		yz_doc_set_created(d, timegm(&tm));
	}
	if (d->oom) {
		yz_doc_free(d);
		return NULL;
	}
	return d;
}

/* ---- writing ----------------------------------------------------------------------- */

int rpt_write_doc_pdf(yz_doc *d, const yz_print_opts *po, const char *path, yz_err *err)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc = -1;
	if (!d)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
	else if (yz_pdf_render(po, d, YZ_PAPER_A4, &pdf, &len, err) == 0)
		rc = yz_outfile_write(path, pdf, len, err);
	free(pdf);
	yz_doc_free(d);
	return rc;
}

int rpt_write_check(bool built, const char *path, yz_err *err)
{
	if (!built) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	if (!path || !*path) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s", _("No file name was given."));
		return -1;
	}
	/* a wrong name told before the work */
	return yz_outfile_check(path, err) != 0 ? -1 : 0;
}

int yz_report_write(const yz_report *r, yz_report_format f, const yz_print_opts *po,
                    const char *path, yz_err *err)
{
	if (rpt_write_check(r && !r->oom, path, err) != 0)
		return -1;
	switch (f) {
	case YZ_REPORT_XLSX:
		return rpt_write_xlsx(r, path, err);
	case YZ_REPORT_CSV_GB18030:
		return rpt_write_csv(r, true, path, err);
	case YZ_REPORT_CSV_UTF8:
		return rpt_write_csv(r, false, path, err);
	case YZ_REPORT_PDF:
		return rpt_write_doc_pdf(yz_report_doc(r), po, path, err);
	}
	yz_err_setc(err, YZ_ERR_INVALID, "%s", _("Unknown file format."));
	return -1;
}

int yz_report_book_write(const yz_report *const *sheets, size_t n, const char *path, yz_err *err)
{
	bool built = true;
	for (size_t i = 0; i < n; i++)
		built = built && sheets[i] && !sheets[i]->oom;
	if (rpt_write_check(built, path, err) != 0)
		return -1;
	return rpt_write_book(sheets, n, path, err);
}
