/* yizhan hub ledger: the stations' ledgers made at the district hub (issue
 * 17) — the same ledger files (forms/ledgers/, and the ones the district
 * published) run over every station's synced cases, a first column naming
 * the station.
 *
 *   hub ledger list                  the ledgers this machine has, and which
 *                                    of them the hub can make
 *   hub ledger export NAME --from DATE --to DATE | --month 2026-11 |
 *          --quarter 2026Q4 | --year 2026 [--station CODE] [--line L]
 *          [--state open|closed] [--format xlsx|csv|csv-utf8|pdf]
 *          [--out FILE] [--url URL]
 *
 * Needs no station: a workstation with yizhan.conf's hub settings (or --url)
 * does; the working days, the ledgers and the forms are the district's
 * published ones over this machine's. The hub's admin login only (the
 * service refuses others): no station account, no audit row. The options'
 * parsing is `ledger export`'s (cmd_ledger.c). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"
#include "hub_cli.h"

static void usage(FILE *f)
{
	app_printf(f, "%s",
	           _("Usage: yizhan hub ledger list [--url URL]\n"
	             "       yizhan hub ledger export NAME --from DATE --to DATE | --month 2026-11 "
	             "| --quarter 2026Q4 | --year 2026\n"
	             "         [--station CODE] [--line LINE] [--state open|closed]\n"
	             "         [--format xlsx|csv|csv-utf8|pdf] [--out FILE] [--url URL]\n"
	             "Makes the ledger NAME (the station's ledger files, yizhan hub ledger list "
	             "shows them) at the district hub over every station's synced cases, a "
	             "first column naming the station (--station CODE: that station only). "
	             "Ledgers of cases, forwards and follow-ups can be made there; those of "
	             "residents, households and talk days cannot (the registry stays at each "
	             "station); latest.* is by the applicant's ID number within a station. What "
	             "a station does not share (a field without share yes, an applicant its "
	             "form does not share) is empty. "
	             "Only the hub's admin login may.\n"
	             "--format: xlsx (the default), csv (GB18030), csv-utf8, pdf (A4). Without "
	             "--out the file is named district-ledger-period in the current folder.\n"));
}

/* Whether the hub can make l (it holds cases, forwards and follow-ups). */
static bool at_hub(const yz_ledger *l)
{
	return l->source == YZ_LSRC_CASES || l->source == YZ_LSRC_FORWARDS ||
	       l->source == YZ_LSRC_FOLLOWUPS;
}

static int list(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub ledger list";

	const char *url = NULL;
	yz_hub *h = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--url") && app_take_value(cmd, argc, argv, &i, &url) == 0)
			continue;
		usage(stderr);
		return 2;
	}
	/* the hub: the ledgers it published come with the installed ones */
	if (app_hub_session(a, cmd, url, true, &h) != 0)
		return 1;
	yz_hub_close(h);
	yz_ledger_set set = {0};
	yz_diags d = {0};
	int rc = yz_service_ledgers(&a->sess, &set, &d);
	for (size_t i = 0; i < set.n; i++) {
		const yz_ledger *l = set.items[i];
		app_print_padded(stdout, l->id, 20);
		app_print_padded(stdout, l->title, 36);
		app_print_padded(stdout, yz_ledger_source_name(l->source), 12);
		/* TRANSLATORS: hub ledger list: whether the hub can make the ledger. */
		app_printf(stdout, "%s\n", at_hub(l) ? _("at the hub") : _("stations only"));
	}
	if (rc != 0) {
		app_printf(stderr, "%s\n",
		           _("yizhan hub ledger list: some ledger files have mistakes and are left "
		             "out:"));
		app_diags_print(&d);
	}
	yz_diags_free(&d);
	yz_ledger_set_free(&set);
	return rc != 0;
}

static int export(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub ledger export";
	app_ledger_opt o;
	yz_ledger_query q;
	char period_id[16];
	int format = YZ_REPORT_XLSX, rc;

	if ((rc = app_ledger_parse(cmd, true, argc, argv, &o, &q, &format, period_id,
	                           sizeof period_id)) != 0)
		return rc;
	if (o.help) {
		usage(stdout);
		return 0;
	}
	yz_hub *h = NULL;
	if (app_hub_session(a, cmd, o.url, true, &h) != 0)
		return 1;
	yz_ledger_set set = {0};
	yz_diags d = {0};
	yz_service_ledgers(&a->sess, &set, &d);
	const yz_ledger *l = app_ledger_find(cmd, &set, &d, o.name);
	if (!l) {
		yz_hub_close(h);
		yz_diags_free(&d);
		yz_ledger_set_free(&set);
		return 2;
	}
	yz_report *r = NULL;
	yz_err err = {{0}};
	if (yz_service_district_ledger_check(l, &q, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		rc = 2;
	} else if (yz_service_district_ledger(&a->sess, h, l, &q, &r, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		rc = err.code == YZ_ERR_INVALID || err.code == YZ_ERR_DENIED ||
		             err.code == YZ_ERR_NOT_FOUND
		         ? 2
		         : 1;
	} else {
		rc = app_hub_write(a, cmd, r, (yz_report_format)format, o.out, true);
	}
	yz_hub_close(h);
	yz_report_free(r);
	yz_diags_free(&d);
	yz_ledger_set_free(&set);
	return rc;
}

int cmd_hub_ledger(yz_app *a, int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "list"))
		return list(a, argc - 1, argv + 1);
	if (argc >= 1 && !strcmp(argv[0], "export"))
		return export(a, argc - 1, argv + 1);
	if (argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return 2;
}
