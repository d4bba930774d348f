/* yizhan hall stats: the hall's figures over a span of days (issue 19), for
 * the station head and the admin.
 *
 *   hall stats [--from DATE] [--until DATE] [--by line|window|clerk|day|month]
 *              [--format text|tsv] --as LOGIN
 *
 * Without dates: this month up to today; without --by: by line. text (the
 * default) prints the table aligned for a terminal, tsv the same cells
 * tab-separated for a script (app_stats_print, as `yizhan stats` does). The
 * definitions are service/hall_figures.c's. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

/* Rows at most: a span of eleven years by day. */
#define MAX_ROWS 4096

typedef struct hall_stats_opt {
	const char *from, *until, *by, *format;
	bool help;
} hall_stats_opt;

static void help(void)
{
	app_printf(
	    stdout, "%s",
	    _("Usage: yizhan hall stats [--from DATE] [--until DATE]\n"
	      "                         [--by line|window|clerk|day|month] [--format text|tsv] "
	      "--as LOGIN\n"
	      "The hall's figures from the first day to the last (this month up to today when "
	      "none is given), for the station head and the admin, split by the line the "
	      "ticket was taken for (the default), the window and the clerk that called it, "
	      "the day or the month.\n\n"
	      "Tickets: tickets taken.\n"
	      "Served: tickets called and served (the window called the next or finished "
	      "it).\n"
	      "No-shows: tickets called that never came; no-show rate: no-shows / (served "
	      "+ no-shows).\n"
	      "Wait: minutes from taking the ticket to its first call (mean and longest), "
	      "over the tickets called.\n"
	      "Service: minutes from the first call to done, over the tickets served.\n"
	      "Appointments: bookings of the days not called off; kept rate: those that "
	      "arrived / appointments (by line, day or month only).\n"));
}

static int parse(int argc, char **argv, hall_stats_opt *o)
{
	static const app_opt opts[] = {
	    {"--from", offsetof(hall_stats_opt, from), 0, false},
	    {"--until", offsetof(hall_stats_opt, until), 0, false},
	    {"--by", offsetof(hall_stats_opt, by), 0, false},
	    {"--format", offsetof(hall_stats_opt, format), 0, false},
	};
	const app_opts p = {.opt = opts, .n = sizeof opts / sizeof opts[0], .help = &o->help};

	return app_opts_parse("hall stats", &p, argc, argv, o) != 0 ? 2 : 0;
}

/* --by's word as the service's letter; 0 when it is none of them. */
static char by_letter(const char *word)
{
	static const char *const words[] = {"line", "window", "clerk", "day", "month"};
	static const char letters[] = "lwcdm";

	if (!word)
		return 'l';
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(word, words[i]))
			return letters[i];
	return 0;
}

/* ---- the table ------------------------------------------------------------------ */

static void cell_minutes(long sum, int n, char *buf, size_t size)
{
	if (n > 0)
		snprintf(buf, size, "%.1f", (double)sum / n / 60.0);
	else
		buf[0] = '\0';
}

static void cell_rate(int part, int whole, char *buf, size_t size)
{
	if (whole > 0)
		snprintf(buf, size, "%.1f", 100.0 * part / whole);
	else
		buf[0] = '\0';
}

/* The row's name as the head reads it: a queue with its label, a window with
 * its own, "not called" for the tickets no window called. */
static void row_name(const yz_config *c, char by, const char *key, char *buf, size_t n)
{
	if (by == 'l') {
		/* A default queue's label is the program's word (translated), a
		 * station's own its words; a queue gone from yizhan.conf its
		 * letter alone. */
		const yz_queue_line *q = yz_config_queue(c, key);
		const char *label = !q ? "" : q->line == 0 && q->label[0] ? _(q->label) : q->label;
		snprintf(buf, n, "%s%s%s", key, *label ? " " : "", label);
	} else if (by == 'w' && atoi(key) > 0) {
		const yz_counter *k = yz_config_counter(c, atoi(key));
		yz_counter k0 = {.number = atoi(key)};
		yz_counter_label(k ? k : &k0, buf, n);
	} else if ((by == 'w' || by == 'c') && (!*key || !strcmp(key, "0"))) {
		snprintf(buf, n, "%s", _("not called"));
	} else {
		snprintf(buf, n, "%s", key);
	}
}

/* A row's cells (name given) into cells[0..n) backed by buf. */
static void row_cells(const yz_hall_fig *f, bool appts, char (*buf)[48], const char **cells)
{
	snprintf(buf[1], 48, "%d", f->issued);
	snprintf(buf[2], 48, "%d", f->served);
	snprintf(buf[3], 48, "%d", f->noshow);
	cell_rate(f->noshow, f->served + f->noshow, buf[4], 48);
	cell_minutes(f->wait_s_sum, f->called, buf[5], 48);
	if (f->called > 0)
		snprintf(buf[6], 48, "%.1f", f->wait_max_s / 60.0);
	else
		buf[6][0] = '\0';
	cell_minutes(f->serve_s_sum, f->served, buf[7], 48);
	snprintf(buf[8], 48, "%d", f->appts);
	cell_rate(f->appts_kept, f->appts, buf[9], 48);
	for (size_t c = 1; c < (appts ? 10u : 8u); c++)
		cells[c] = buf[c];
}

static void add_sum(yz_hall_fig *t, const yz_hall_fig *f)
{
	t->issued += f->issued;
	t->called += f->called;
	t->served += f->served;
	t->noshow += f->noshow;
	t->wait_s_sum += f->wait_s_sum;
	t->serve_s_sum += f->serve_s_sum;
	if (f->wait_max_s > t->wait_max_s)
		t->wait_max_s = f->wait_max_s;
	t->appts += f->appts;
	t->appts_kept += f->appts_kept;
}

static yz_report *make_report(yz_app *a, char by, const char *from, const char *until,
                              const yz_hall_fig *rows, size_t n)
{
	static const char *const key_labels[] = {N_("Line"), N_("Window"), N_("Clerk"), N_("Date"),
	                                         N_("Month")};
	static const char splits[] = "lwcdm";
	char period[64], period_id[32], name[128], buf[10][48];
	const char *cells[10];
	bool appts = by == 'l' || by == 'd' || by == 'm';
	yz_hall_fig total;
	yz_report *r;

	memset(&total, 0, sizeof total);
	snprintf(period, sizeof period, "%s - %s", from, until);
	snprintf(period_id, sizeof period_id, "%s-%s", from, until);
	r = yz_report_new(_("Hall figures"), a->cfg.station_name, "hall", period, period_id);
	if (!r)
		return NULL;
	yz_report_col(r, _(key_labels[strchr(splits, by) - splits]), YZ_CELL_TEXT, YZ_RTOTAL_NONE,
	              0);
	/* TRANSLATORS: hall stats' columns: tickets taken, tickets served. */
	yz_report_col(r, _("Tickets"), YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, _("Served"), YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, _("No-shows"), YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, _("No-show rate"), YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, _("Mean wait (min)"), YZ_CELL_NUMBER, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, _("Longest wait (min)"), YZ_CELL_NUMBER, YZ_RTOTAL_NONE, 0);
	yz_report_col(r, _("Mean service (min)"), YZ_CELL_NUMBER, YZ_RTOTAL_NONE, 0);
	if (appts) {
		yz_report_col(r, _("Appointments"), YZ_CELL_INT, YZ_RTOTAL_NONE, 0);
		yz_report_col(r, _("Kept rate"), YZ_CELL_PERCENT, YZ_RTOTAL_NONE, 0);
	}
	for (size_t i = 0; i < n; i++) {
		row_name(&a->cfg, by, rows[i].key, name, sizeof name);
		cells[0] = name;
		row_cells(&rows[i], appts, buf, cells);
		yz_report_row_add(r, YZ_ROW_DATA, cells);
		add_sum(&total, &rows[i]);
	}
	cells[0] = _("Total");
	row_cells(&total, appts, buf, cells);
	yz_report_row_add(r, YZ_ROW_TOTAL, cells);
	yz_report_set(r, &r->summary,
	              _("Wait: from the ticket to its first call. Service: from the first call to "
	                "done. No-show rate: no-shows / (served + no-shows)."));
	return r;
}

/* ---- the command -------------------------------------------------------------- */

/* The span as the service takes it (this month up to today by default),
 * for the title; typed dates the service refuses are shown as typed. */
static void span(const yz_app *a, const hall_stats_opt *o, char from[11], char until[11])
{
	char t[11], buf[11];

	yz_date_format(a->sess.today, t);
	snprintf(until, 11, "%s", o->until ? yz_date_norm(o->until, buf) : t);
	if (o->from)
		snprintf(from, 11, "%s", yz_date_norm(o->from, buf));
	else
		snprintf(from, 11, "%.8s01", until);
}

int cmd_hall_stats(yz_app *a, int argc, char **argv)
{
	hall_stats_opt o = {0};
	yz_err err = {{0}};
	char by, from[11], until[11];
	int format, rc;
	yz_hall_fig *rows;
	size_t n = 0;
	yz_report *r;

	if ((rc = parse(argc, argv, &o)) != 0)
		return rc;
	if (o.help) {
		help();
		return 0;
	}
	if (!(by = by_letter(o.by))) {
		app_printf(
		    stderr,
		    _("yizhan hall stats: --by is line, window, clerk, day or month, not %s\n"),
		    o.by);
		return 2;
	}
	if (o.format && strcmp(o.format, "text") != 0 && strcmp(o.format, "tsv") != 0) {
		app_printf(stderr, _("yizhan hall stats: --format is text or tsv, not %s\n"),
		           o.format);
		return 2;
	}
	format = o.format && !strcmp(o.format, "tsv") ? APP_STATS_TSV : APP_STATS_TEXT;
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "hall stats")) != 0)
		return rc;
	if (!(rows = calloc(MAX_ROWS, sizeof *rows))) {
		app_printf(stderr, "yizhan hall stats: %s\n", _("Out of memory."));
		return 1;
	}
	if (yz_service_hall_figures(&a->sess, o.from, o.until, by, rows, MAX_ROWS, &n, &err) != 0) {
		app_printf(stderr, "yizhan hall stats: %s\n", err.msg);
		free(rows);
		return err.code == YZ_ERR_DENIED || err.code == YZ_ERR_INVALID ? 2 : 1;
	}
	span(a, &o, from, until);
	r = make_report(a, by, from, until, rows, n);
	free(rows);
	if (!r || r->oom) {
		app_printf(stderr, "yizhan hall stats: %s\n", _("Out of memory."));
		yz_report_free(r);
		return 1;
	}
	app_stats_print(r, format);
	yz_report_free(r);
	return 0;
}
