/* yizhan ledger: the station's ledgers (tai zhang, forms/ledgers/) made from
 * what the counter recorded (issue 16), for the station head and the admin.
 *
 *   ledger list                      id, title and what each ledger lists
 *   ledger export NAME --from DATE --to DATE | --month 2026-11 | --quarter 2026Q4 | --year 2026
 *          [--line L] [--grid G] [--clerk LOGIN] [--state open|closed]
 *          [--format xlsx|csv|csv-utf8|pdf] [--out FILE] [--printer P] --as LOGIN
 *
 * Without --out the file gets the report's own name (station-ledger-period)
 * in the current folder; with --printer it is printed on that A4 printer.
 * The options' parsing is shared with `hub ledger export` (issue 17,
 * cmd_hub_ledger.c: app_ledger_parse, app_ledger_find). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

/* One line per ledger: its id, title and the source's word. */
int cmd_ledger_list(yz_app *a, int argc, char **argv)
{
	yz_ledger_set set = {0};
	yz_diags d = {0};

	(void)argv;
	if (argc > 0) {
		app_printf(stderr, _("yizhan ledger list: no arguments\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int rc = yz_service_ledgers(&a->sess, &set, &d);
	for (size_t i = 0; i < set.n; i++) {
		const yz_ledger *l = set.items[i];
		app_print_padded(stdout, l->id, 20);
		app_print_padded(stdout, l->title, 36);
		app_printf(stdout, "%s\n", yz_ledger_source_name(l->source));
	}
	if (rc != 0) {
		app_printf(
		    stderr, "%s\n",
		    _("yizhan ledger list: some ledger files have mistakes and are left out:"));
		app_diags_print(&d);
	}
	yz_diags_free(&d);
	yz_ledger_set_free(&set);
	return rc != 0;
}

static void export_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan ledger export NAME --from DATE --to DATE\n"
	             "       yizhan ledger export NAME --month 2026-11 | --quarter 2026Q4 | --year "
	             "2026\n"
	             "         [--line LINE] [--grid GRID] [--clerk LOGIN] [--state open|closed]\n"
	             "         [--format xlsx|csv|csv-utf8|pdf] [--out FILE] [--printer P] --as "
	             "LOGIN\n"
	             "Makes the ledger NAME (yizhan ledger list shows them) from what the counter "
	             "recorded in the period, for the station head and the admin. The period "
	             "applies to the ledger's own date (a case's acceptance for most). "
	             "--line, --grid, --clerk: only that business line, the applicants' grid, "
	             "the cases that clerk accepted; --state open: cases still open at the "
	             "period's end, closed: closed by then.\n"
	             "--format: xlsx (the default), csv (GB18030, for Excel on a Chinese "
	             "Windows), csv-utf8, pdf (A4). Without --out the file is named "
	             "station-ledger-period and written in the current folder. --printer P "
	             "prints it on the A4 printer P instead.\n"));
}

/* The options of `ledger export` (LEDGER_STATION) and `hub ledger export`
 * (LEDGER_HUB: --station and --url instead of --grid, --clerk and --printer). */
enum { LEDGER_STATION = 1 << 0, LEDGER_HUB = 1 << 1 };
static const app_opt ledger_opts[] = {
    {"--from", offsetof(app_ledger_opt, from), 0, false},
    {"--to", offsetof(app_ledger_opt, to), 0, false},
    {"--line", offsetof(app_ledger_opt, line), 0, false},
    {"--grid", offsetof(app_ledger_opt, grid), LEDGER_STATION, false},
    {"--clerk", offsetof(app_ledger_opt, clerk), LEDGER_STATION, false},
    {"--state", offsetof(app_ledger_opt, state), 0, false},
    {"--format", offsetof(app_ledger_opt, format), 0, false},
    {"--out", offsetof(app_ledger_opt, out), 0, false},
    {"--printer", offsetof(app_ledger_opt, printer), LEDGER_STATION, false},
    {"--station", offsetof(app_ledger_opt, station), LEDGER_HUB, false},
    {"--url", offsetof(app_ledger_opt, url), LEDGER_HUB, false},
};

static int parse_date(const char *cmd, const char *opt, const char *text, yz_date *d)
{
	char norm[11];
	const char *s = yz_date_norm(text, norm);

	if (s == norm && yz_date_parse(norm, d))
		return 0;
	app_printf(
	    stderr,
	    _("yizhan %s: %s %s is not a date: write it as 2026-11-01 (a day that exists)\n"), cmd,
	    opt, text);
	return 2;
}

/* The period the options give into q (and its file name's id into id). */
static int period_of(const char *cmd, const app_ledger_opt *o, yz_ledger_query *q, char *id,
                     size_t n)
{
	yz_err err = {{0}};
	yz_period p;

	if (o->period.n > 1 || (o->period.n && (o->from || o->to))) {
		app_printf(stderr,
		           _("yizhan %s: give one period: --from and --to, --month, --quarter or "
		             "--year\n"),
		           cmd);
		return 2;
	}
	if (o->period.n) {
		if (yz_period_parse(o->period.text, &p, &err) != 0 || p.kind != o->period.kind) {
			app_printf(
			    stderr,
			    _("yizhan %s: \"%s\" is not a period: write a month as 2026-11, a "
			      "quarter as 2026Q4, a year as 2026.\n"),
			    cmd, o->period.text);
			return 2;
		}
		q->from = p.from;
		q->to = p.to;
		snprintf(id, n, "%s", p.id);
		q->period_id = id;
		return 0;
	}
	if (!o->from || !o->to) {
		app_printf(stderr,
		           _("yizhan %s: which period? Give --from DATE --to DATE, or --month "
		             "2026-11, --quarter 2026Q4 or --year 2026.\n"),
		           cmd);
		return 2;
	}
	if (parse_date(cmd, "--from", o->from, &q->from) != 0 ||
	    parse_date(cmd, "--to", o->to, &q->to) != 0)
		return 2;
	if (yz_date_cmp(q->to, q->from) < 0) {
		app_printf(
		    stderr,
		    _("yizhan %s: --to %s comes before --from %s: give the earlier date with "
		      "--from\n"),
		    cmd, o->to, o->from);
		return 2;
	}
	return 0;
}

static int check_opts(const char *cmd, const app_ledger_opt *o, yz_ledger_query *q, int *format)
{
	if (!o->name) {
		app_printf(stderr,
		           _("yizhan %s: which ledger? Name it (yizhan %s list shows them).\n"),
		           cmd, strncmp(cmd, "hub ", 4) ? "ledger" : "hub ledger");
		return 2;
	}
	if (o->state) {
		if (!strcmp(o->state, "open"))
			q->state = 1;
		else if (!strcmp(o->state, "closed"))
			q->state = 2;
		else {
			app_printf(stderr, _("yizhan %s: --state is open or closed, not %s\n"), cmd,
			           o->state);
			return 2;
		}
	}
	*format = YZ_REPORT_XLSX;
	if (o->format && (*format = yz_report_format_from(o->format)) < 0) {
		app_printf(stderr, _("yizhan %s: --format is xlsx, csv, csv-utf8 or pdf, not %s\n"),
		           cmd, o->format);
		return 2;
	}
	if (o->out && o->printer) {
		app_printf(stderr, _("yizhan %s: either --out FILE or --printer P, not both\n"),
		           cmd);
		return 2;
	}
	q->line = o->line;
	q->grid = o->grid;
	q->clerk = o->clerk;
	q->station = o->station;
	return 0;
}

int app_ledger_parse(const char *cmd, bool hub, int argc, char **argv, app_ledger_opt *o,
                     yz_ledger_query *q, int *format, char *period_id, size_t n)
{
	int rc;

	*o = (app_ledger_opt){0};
	*q = (yz_ledger_query){0};
	const app_opts p = {.opt = ledger_opts,
	                    .n = sizeof ledger_opts / sizeof ledger_opts[0],
	                    .which = hub ? LEDGER_HUB : LEDGER_STATION,
	                    .period = &o->period,
	                    .word = &o->name,
	                    .help = &o->help};
	if ((rc = app_opts_parse(cmd, &p, argc, argv, o)) != 0 || o->help)
		return rc;
	if ((rc = check_opts(cmd, o, q, format)) != 0)
		return rc;
	return period_of(cmd, o, q, period_id, n);
}

size_t app_report_data_rows(const yz_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		n += r->rows[i].kind == YZ_ROW_DATA;
	return n;
}

static const char *ledger_id(const void *set, size_t i)
{
	return ((const yz_ledger_set *)set)->items[i]->id;
}

const yz_ledger *app_ledger_find(const char *cmd, const yz_ledger_set *set, const yz_diags *d,
                                 const char *name)
{
	const app_named w = {
	    ledger_id, _("yizhan %s: there is no ledger %s. The ledgers are: %s\n"),
	    _("Some ledger files have mistakes and are left out (yizhan forms check):")};
	long i = app_find_named(cmd, name, &w, set, set->n, d);
	return i < 0 ? NULL : set->items[i];
}

static int deliver(yz_app *a, const app_ledger_opt *o, const yz_report *r, int format)
{
	yz_err err = {{0}};
	char name[512];

	if (o->printer) {
		if (yz_service_report_print(&a->sess, r, o->printer, &err) != 0) {
			app_printf(stderr, "yizhan: %s\n", err.msg);
			return 1;
		}
		app_printf(stdout, _("Sent to printer %s: %zu rows.\n"), o->printer,
		           app_report_data_rows(r));
		return 0;
	}
	const char *out = o->out;
	if (!out) {
		yz_report_file_name(r, (yz_report_format)format, name, sizeof name);
		out = name;
	}
	if (yz_service_report_save(&a->sess, r, (yz_report_format)format, out, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return err.code == YZ_ERR_DENIED ? 2 : 1;
	}
	app_printf(stdout, _("Written: %s (%zu rows)\n"), out, app_report_data_rows(r));
	return 0;
}

int cmd_ledger_export(yz_app *a, int argc, char **argv)
{
	app_ledger_opt o;
	yz_ledger_query q;
	char period_id[16];
	int format = YZ_REPORT_XLSX, rc;

	if ((rc = app_ledger_parse("ledger export", false, argc, argv, &o, &q, &format, period_id,
	                           sizeof period_id)) != 0)
		return rc;
	if (o.help) {
		export_help();
		return 0;
	}
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "ledger export")) != 0)
		return rc;

	yz_ledger_set set = {0};
	yz_diags d = {0};
	yz_report *r = NULL;
	yz_err err = {{0}};
	yz_service_ledgers(&a->sess, &set, &d);
	const yz_ledger *l = app_ledger_find("ledger export", &set, &d, o.name);
	if (!l)
		rc = 2;
	else if (yz_service_ledger_run(&a->sess, l, &q, &r, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		rc = err.code == YZ_ERR_DENIED ? 2 : 1;
	} else {
		rc = deliver(a, &o, r, format);
	}
	yz_report_free(r);
	yz_diags_free(&d);
	yz_ledger_set_free(&set);
	return rc;
}
