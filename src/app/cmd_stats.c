/* yizhan stats: the station's figures for a month, a quarter or a year (issue
 * 16), for the station head and the admin.
 *
 *   stats [--month 2026-11 | --quarter 2026Q4 | --year 2026]
 *         [--by line|item|clerk|grid|month] [--format text|tsv|xlsx|csv|csv-utf8|pdf]
 *         [--out FILE] --as LOGIN
 *
 * Without a period: this month. text (the default) prints the table aligned
 * for a terminal and the summary sentence, tsv the same cells tab-separated
 * for a script; the other formats write a file (--out, else the report's own
 * name in the current folder). The period, the formats and the printing are
 * shared with `yizhan hub stats` (app.h: app_stats_*). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"

typedef struct stats_opt {
	app_period_opt period; /* --month, --quarter, --year; none = this month */
	const char *by;
	const char *format;
	const char *out;
	bool help;
} stats_opt;

static void stats_help(void)
{
	app_printf(
	    stdout, "%s",
	    _("Usage: yizhan stats [--month 2026-11 | --quarter 2026Q4 | --year 2026]\n"
	      "                    [--by line|item|clerk|grid|month]\n"
	      "                    [--format text|tsv|xlsx|csv|csv-utf8|pdf] [--out FILE] --as "
	      "LOGIN\n"
	      "The station's figures of a period (this month when none is given), for the "
	      "station head and the admin, split by business line, item, the clerk who "
	      "accepted the case, the applicant's grid or month.\n\n"
	      "Accepted: cases accepted in the period.\n"
	      "Finished: cases closed in the period, whenever they were accepted.\n"
	      "On time: of those, closed on or before the date promised to the resident. "
	      "The days waiting for the resident's missing materials (bu zheng) and an "
	      "approved extension move that date; an on-the-spot item is always on time.\n"
	      "On-time rate: on time / finished.\n"
	      "Overdue: finished late, plus cases still open at the period's end and past "
	      "their promised date then (not while waiting for the resident).\n"
	      "Open at the end: accepted by the period's last day and not closed by then.\n"
	      "Average working days: from acceptance to closing, on the station's calendar "
	      "(holidays and make-up working days), the days waiting for the resident not "
	      "counted.\n"
	      "Forwarded: forwards to a department sent in the period; answer days: the "
	      "departments' average working days from sending to their answer.\n"
	      "Corrections: requests for missing materials (bu zheng) made in the period.\n"
	      "Ratings: residents' ratings given in the period; satisfied share: very "
	      "satisfied or satisfied / all; bad: dissatisfied or very dissatisfied; "
	      "followed up: bad ones whose follow-up call is done.\n"));
}

static int parse_opts(int argc, char **argv, stats_opt *o)
{
	static const app_opt opts[] = {
	    {"--by", offsetof(stats_opt, by), 0, false},
	    {"--format", offsetof(stats_opt, format), 0, false},
	    {"--out", offsetof(stats_opt, out), 0, false},
	};
	const app_opts p = {
	    .opt = opts, .n = sizeof opts / sizeof opts[0], .period = &o->period, .help = &o->help};

	if (app_opts_parse("stats", &p, argc, argv, o) != 0)
		return 2;
	if (o->period.n > 1) {
		app_printf(stderr, "%s\n",
		           _("yizhan stats: give one period: --month, --quarter or --year"));
		return 2;
	}
	return 0;
}

/* ---- the text table --------------------------------------------------------- */

/* A cell as the terminal shows it: a percentage with its sign. */
static const char *shown(const yz_report *r, size_t c, const char *cell, char *buf, size_t n)
{
	if (r->cols[c].kind == YZ_CELL_PERCENT && *cell) {
		snprintf(buf, n, "%s%%", cell);
		return buf;
	}
	return cell;
}

/* One line of the table: the key (column 0) and columns [from, to), cut of
 * its trailing blanks (a department's line leaves the cases' columns empty). */
static void print_line(const char *const *cells, const int *width, size_t from, size_t to)
{
	char *line = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&line, &size);

	if (!f)
		return;
	for (size_t c = 0; c < to; c = c ? c + 1 : from) {
		int w = yz_text_width(cells[c]);
		bool right = c > 0; /* the figures right, the names left */
		if (c > 0)
			fputs("  ", f);
		for (int i = w; right && i < width[c]; i++)
			fputc(' ', f);
		fputs(cells[c], f);
		for (int i = w; !right && i < width[c]; i++)
			fputc(' ', f);
	}
	fclose(f);
	while (size > 0 && line[size - 1] == ' ')
		line[--size] = '\0';
	app_printf(stdout, "%s\n", line);
	free(line);
}

/* The columns of a terminal on stdout; 0 when stdout is not one (a file or a
 * pipe gets the table in one piece). */
static int terminal_columns(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

/* The table's columns [from, to) under their header. */
static void print_part(const yz_report *r, const int *width, const char **cells, char (*buf)[48],
                       size_t from, size_t to)
{
	for (size_t c = 0; c < r->n_cols; c++)
		cells[c] = r->cols[c].label;
	print_line(cells, width, from, to);
	for (size_t i = 0; i < r->n_rows; i++) {
		const yz_report_row *row = &r->rows[i];
		if (row->kind == YZ_ROW_GROUP) {
			app_printf(stdout, "\n%s\n", row->cells[0]);
			continue;
		}
		for (size_t c = 0; c < r->n_cols; c++)
			cells[c] = shown(r, c, row->cells[c], buf[c], sizeof buf[c]);
		print_line(cells, width, from, to);
	}
}

/* The report's cells tab-separated, for a script: the header, then each row
 * (a group heading alone on its line), a percentage as its number. */
static void print_tsv(const yz_report *r)
{
	for (size_t i = 0; i <= r->n_rows; i++) {
		const yz_report_row *row = i ? &r->rows[i - 1] : NULL;
		size_t n = row && row->kind == YZ_ROW_GROUP ? 1 : r->n_cols;
		for (size_t c = 0; c < n; c++) {
			const char *cell = row ? row->cells[c] : r->cols[c].label;
			/* a tab or newline would shift the columns: none in the cells */
			char *clean = strdup(cell);
			for (char *t = clean; t && *t; t++)
				if (*t == '\t' || *t == '\n' || *t == '\r')
					*t = ' ';
			app_printf(stdout, "%s%s", c ? "\t" : "", clean ? clean : "");
			free(clean);
		}
		app_printf(stdout, "\n");
	}
}

/* The report aligned by display width (a Chinese character takes two
 * columns): numbers right, names left; a group heading on a line of its own. */
static void print_table(const yz_report *r)
{
	int *width = calloc(r->n_cols, sizeof *width);
	const char **cells = calloc(r->n_cols, sizeof *cells);
	char(*buf)[48] = calloc(r->n_cols, sizeof *buf);

	if (!width || !cells || !buf) {
		free(width);
		free(cells);
		free(buf);
		return;
	}
	for (size_t c = 0; c < r->n_cols; c++) {
		width[c] = yz_text_width(r->cols[c].label);
		for (size_t i = 0; i < r->n_rows; i++) {
			if (r->rows[i].kind == YZ_ROW_GROUP)
				continue;
			int w =
			    yz_text_width(shown(r, c, r->rows[i].cells[c], buf[c], sizeof buf[c]));
			if (w > width[c])
				width[c] = w;
		}
	}
	/* On a terminal narrower than the table (an 80-column console), the
	 * figures come in parts as wide as the terminal, each with the keys. */
	int cols = terminal_columns();
	size_t from = 1;
	do {
		size_t to = from;
		int used = width[0];
		while (to < r->n_cols && (to == from || cols <= 0 || used + 2 + width[to] <= cols))
			used += 2 + width[to++];
		if (from > 1)
			app_printf(stdout, "\n");
		print_part(r, width, cells, buf, from, to);
		from = to;
	} while (from < r->n_cols);
	free(width);
	free(cells);
	free(buf);
}

void app_stats_print(const yz_report *r, int format)
{
	if (format == APP_STATS_TSV) {
		print_tsv(r);
		return;
	}
	app_printf(stdout, "%s  %s  %s\n\n", r->title, r->station, r->period);
	print_table(r);
	app_printf(stdout, "\n%s\n", r->summary ? r->summary : "");
}

int app_stats_format(const char *cmd, const char *word, int *format)
{
	*format = APP_STATS_TEXT;
	if (!word || !strcmp(word, "text"))
		return 0;
	if (!strcmp(word, "tsv")) {
		*format = APP_STATS_TSV;
		return 0;
	}
	if ((*format = yz_report_format_from(word)) >= 0)
		return 0;
	app_printf(stderr,
	           _("yizhan %s: --format is text, tsv, xlsx, csv, csv-utf8 or pdf, not %s\n"), cmd,
	           word);
	return 2;
}

int app_stats_period(const char *cmd, const app_period_opt *o, yz_date today, yz_period *p)
{
	yz_err err = {{0}};

	if (!o->text) {
		yz_period_of(YZ_PERIOD_MONTH, today, p);
		return 0;
	}
	if (yz_period_parse(o->text, p, &err) != 0 || p->kind != o->kind) {
		if (!err.msg[0])
			yz_err_set(&err,
			           _("\"%s\" is not a period: write a month as 2026-11, a "
			             "quarter as 2026Q4, a year as 2026."),
			           o->text);
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		return 2;
	}
	return 0;
}

/* ---- the command ------------------------------------------------------------ */

static int write_file(yz_app *a, const yz_stats *st, const yz_report *r, yz_report_format f,
                      const char *out)
{
	char name[512];
	yz_err err = {{0}};

	if (!out) {
		yz_report_file_name(r, f, name, sizeof name);
		out = name;
	}
	if (yz_service_stats_save(&a->sess, st, r, f, out, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	app_printf(stdout, _("Written: %s\n"), out);
	return 0;
}

static int run(yz_app *a, const stats_opt *o, yz_period *p, int by, int format)
{
	yz_stats st;
	yz_err err = {{0}};
	yz_report *r;
	int rc;

	if (yz_service_stats(&a->sess, p, (yz_stats_by)by, &st, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return err.code == YZ_ERR_DENIED ? 2 : 1;
	}
	r = yz_stats_report(&a->sess, &st);
	if (!r || r->oom) {
		app_printf(stderr, "yizhan: %s\n", _("Out of memory."));
		yz_report_free(r);
		yz_stats_free(&st);
		return 1;
	}
	if (format < 0) {
		app_stats_print(r, format);
		rc = 0;
	} else {
		rc = write_file(a, &st, r, (yz_report_format)format, o->out);
	}
	yz_report_free(r);
	yz_stats_free(&st);
	return rc;
}

int cmd_stats(yz_app *a, int argc, char **argv)
{
	stats_opt o = {0};
	yz_period p;
	int by = YZ_STATS_BY_NONE, format = APP_STATS_TEXT, rc;

	if ((rc = parse_opts(argc, argv, &o)) != 0)
		return rc;
	if (o.help) {
		stats_help();
		return 0;
	}
	/* checked before the station opens; this month is known after */
	if (o.period.text && app_stats_period("stats", &o.period, (yz_date){0}, &p) != 0)
		return 2;
	if (o.by && ((by = yz_stats_by_from(o.by)) < 0 || by == YZ_STATS_BY_STATION)) {
		app_printf(stderr,
		           _("yizhan stats: --by is line, item, clerk, grid or month, not %s\n"),
		           o.by);
		return 2;
	}
	if (app_stats_format("stats", o.format, &format) != 0)
		return 2;
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "stats")) != 0)
		return rc;
	if (!o.period.text)
		yz_period_of(YZ_PERIOD_MONTH, a->sess.today, &p);
	return run(a, &o, &p, by, format);
}
