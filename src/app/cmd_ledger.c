/* yizhan ledger: the station's ledgers (tai zhang, forms/ledgers/) made from
 * what the counter recorded (issue 16), for the station head and the admin.
 *
 *   ledger list                      id, title and what each ledger lists
 *   ledger export NAME --from DATE --to DATE | --month 2026-11 | --quarter 2026Q4 | --year 2026
 *          [--line L] [--grid G] [--clerk LOGIN] [--state open|closed]
 *          [--format xlsx|csv|csv-utf8|pdf] [--out FILE] [--printer P] --as LOGIN
 *
 * Without --out the file gets the report's own name (station-ledger-period)
 * in the current folder; with --printer it is printed on that A4 printer. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

static void diags_print(const yz_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		app_printf(stderr, "%s\n", d->items[i]);
}

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
		diags_print(&d);
	}
	yz_diags_free(&d);
	yz_ledger_set_free(&set);
	return rc != 0;
}

typedef struct export_opt {
	const char *name, *from, *to, *line, *grid, *clerk, *state, *format, *out, *printer;
	app_period_opt period; /* --month, --quarter, --year */
	bool help;
} export_opt;

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

static int parse_opts(int argc, char **argv, export_opt *o)
{
	static const struct {
		const char *name;
		size_t at; /* offset of the member in export_opt */
	} values[] = {
	    {"--from", offsetof(export_opt, from)},       {"--to", offsetof(export_opt, to)},
	    {"--line", offsetof(export_opt, line)},       {"--grid", offsetof(export_opt, grid)},
	    {"--clerk", offsetof(export_opt, clerk)},     {"--state", offsetof(export_opt, state)},
	    {"--format", offsetof(export_opt, format)},   {"--out", offsetof(export_opt, out)},
	    {"--printer", offsetof(export_opt, printer)},
	};

	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		int took = app_take_period("ledger export", argc, argv, &i, &o->period);
		if (took == 2)
			return 2;
		bool known = took == 1;
		for (size_t k = 0; !known && k < sizeof values / sizeof values[0]; k++) {
			if (strcmp(arg, values[k].name) != 0)
				continue;
			if (app_take_value("ledger export", argc, argv, &i,
			                   (const char **)((char *)o + values[k].at)) != 0)
				return 2;
			known = true;
		}
		if (known)
			continue;
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			o->help = true;
		} else if (arg[0] != '-' && !o->name) {
			o->name = arg;
		} else {
			app_printf(
			    stderr,
			    _("yizhan ledger export: unknown argument %s (see yizhan ledger export "
			      "--help)\n"),
			    arg);
			return 2;
		}
	}
	return 0;
}

static int parse_date(const char *opt, const char *text, yz_date *d)
{
	char norm[11];
	const char *s = yz_date_norm(text, norm);

	if (s == norm && yz_date_parse(norm, d))
		return 0;
	app_printf(
	    stderr,
	    _("yizhan ledger export: %s %s is not a date: write it as 2026-11-01 (a day that "
	      "exists)\n"),
	    opt, text);
	return 2;
}

/* The period the options give into q (and its file name's id into id). */
static int period_of(const export_opt *o, yz_ledger_query *q, char *id, size_t n)
{
	yz_err err = {{0}};
	yz_period p;

	if (o->period.n > 1 || (o->period.n && (o->from || o->to))) {
		app_printf(stderr, "%s\n",
		           _("yizhan ledger export: give one period: --from and --to, --month, "
		             "--quarter or --year"));
		return 2;
	}
	if (o->period.n) {
		if (yz_period_parse(o->period.text, &p, &err) != 0 || p.kind != o->period.kind) {
			app_printf(
			    stderr,
			    _("yizhan ledger export: \"%s\" is not a period: write a month as "
			      "2026-11, a quarter as 2026Q4, a year as 2026.\n"),
			    o->period.text);
			return 2;
		}
		q->from = p.from;
		q->to = p.to;
		snprintf(id, n, "%s", p.id);
		q->period_id = id;
		return 0;
	}
	if (!o->from || !o->to) {
		app_printf(stderr, "%s\n",
		           _("yizhan ledger export: which period? Give --from DATE --to DATE, or "
		             "--month 2026-11, --quarter 2026Q4 or --year 2026."));
		return 2;
	}
	if (parse_date("--from", o->from, &q->from) != 0 || parse_date("--to", o->to, &q->to) != 0)
		return 2;
	if (yz_date_cmp(q->to, q->from) < 0) {
		app_printf(
		    stderr,
		    _("yizhan ledger export: --to %s comes before --from %s: give the earlier "
		      "date with --from\n"),
		    o->to, o->from);
		return 2;
	}
	return 0;
}

static int check_opts(const export_opt *o, yz_ledger_query *q, int *format)
{
	if (!o->name) {
		app_printf(
		    stderr, "%s\n",
		    _("yizhan ledger export: which ledger? Name it (yizhan ledger list shows "
		      "them)."));
		return 2;
	}
	if (o->state) {
		if (!strcmp(o->state, "open"))
			q->state = 1;
		else if (!strcmp(o->state, "closed"))
			q->state = 2;
		else {
			app_printf(stderr,
			           _("yizhan ledger export: --state is open or closed, not %s\n"),
			           o->state);
			return 2;
		}
	}
	*format = YZ_REPORT_XLSX;
	if (o->format && (*format = yz_report_format_from(o->format)) < 0) {
		app_printf(
		    stderr,
		    _("yizhan ledger export: --format is xlsx, csv, csv-utf8 or pdf, not %s\n"),
		    o->format);
		return 2;
	}
	if (o->out && o->printer) {
		app_printf(stderr, "%s\n",
		           _("yizhan ledger export: either --out FILE or --printer P, not both"));
		return 2;
	}
	q->line = o->line;
	q->grid = o->grid;
	q->clerk = o->clerk;
	return 0;
}

static size_t data_rows(const yz_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		n += r->rows[i].kind == YZ_ROW_DATA;
	return n;
}

/* The ledger named name, or a message listing the ones there are. */
static const yz_ledger *find_ledger(const yz_ledger_set *set, const yz_diags *d, const char *name)
{
	const yz_ledger *l = yz_ledger_find(set, name);
	size_t len = 1;

	if (l)
		return l;
	for (size_t i = 0; i < set->n; i++)
		len += strlen(set->items[i]->id) + 2;
	char *ids = calloc(1, len);
	for (size_t i = 0; ids && i < set->n; i++) {
		if (i)
			strcat(ids, ", ");
		strcat(ids, set->items[i]->id);
	}
	app_printf(stderr, _("yizhan ledger export: there is no ledger %s. The ledgers are: %s\n"),
	           name, ids && *ids ? ids : "-");
	free(ids);
	if (d->n) {
		app_printf(
		    stderr, "%s\n",
		    _("Some ledger files have mistakes and are left out (yizhan forms check):"));
		diags_print(d);
	}
	return NULL;
}

static int deliver(yz_app *a, const export_opt *o, const yz_report *r, int format)
{
	yz_err err = {{0}};
	char name[512];

	if (o->printer) {
		if (yz_service_report_print(&a->sess, r, o->printer, &err) != 0) {
			app_printf(stderr, "yizhan: %s\n", err.msg);
			return 1;
		}
		app_printf(stdout, _("Sent to printer %s: %zu rows.\n"), o->printer, data_rows(r));
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
	app_printf(stdout, _("Written: %s (%zu rows)\n"), out, data_rows(r));
	return 0;
}

int cmd_ledger_export(yz_app *a, int argc, char **argv)
{
	export_opt o = {0};
	yz_ledger_query q = {0};
	char period_id[16];
	int format, rc;

	if ((rc = parse_opts(argc, argv, &o)) != 0)
		return rc;
	if (o.help) {
		export_help();
		return 0;
	}
	if ((rc = check_opts(&o, &q, &format)) != 0 ||
	    (rc = period_of(&o, &q, period_id, sizeof period_id)) != 0)
		return rc;
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "ledger export")) != 0)
		return rc;

	yz_ledger_set set = {0};
	yz_diags d = {0};
	yz_report *r = NULL;
	yz_err err = {{0}};
	yz_service_ledgers(&a->sess, &set, &d);
	const yz_ledger *l = find_ledger(&set, &d, o.name);
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
