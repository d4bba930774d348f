/* yizhan hub stats: the district's figures (issue 17) — the station's
 * statistics (`yizhan stats`, the same definitions) counted at the hub across
 * the stations, per station, line, item or month, with the departments'
 * answer times across stations.
 *
 *   hub stats [--month 2026-11 | --quarter 2026Q4 | --year 2026]
 *             [--by station|line|item|month] [--station CODE]
 *             [--format text|tsv|xlsx|csv|csv-utf8|pdf] [--out FILE] [--url URL]
 *
 * Without a period: this month. Printed and written as `yizhan stats` does
 * (app_stats_*, yz_stats_report, yz_report_write). Needs no station: a
 * workstation with yizhan.conf's hub settings (or --url) does; the working
 * days are the calendar the district published (else this machine's), the
 * lines' order and the items' titles its forms. The hub's admin login only
 * (the service refuses others): no station account, no audit row. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"
#include "hub_cli.h"

typedef struct hub_stats_opt {
	app_period_opt period;
	const char *by, *station, *format, *out, *url;
	bool help;
} hub_stats_opt;

static const char cmd[] = "hub stats";

static void help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan hub stats [--month 2026-11 | --quarter 2026Q4 | --year 2026]\n"
	             "                        [--by station|line|item|month] [--station CODE]\n"
	             "                        [--format text|tsv|xlsx|csv|csv-utf8|pdf] [--out "
	             "FILE] [--url URL]\n"
	             "The district's figures of a period (this month when none is given), "
	             "counted at the hub over what the stations synced, with the definitions of "
	             "yizhan stats (see yizhan stats --help): for the district, or split by "
	             "station, business line, item or month; --station CODE: one station only. "
	             "Only the hub's admin login may. Not split "
	             "by clerk or grid: clerks and residents are known only at each station.\n"));
}

static int parse(int argc, char **argv, hub_stats_opt *o)
{
	static const app_opt opts[] = {
	    {"--by", offsetof(hub_stats_opt, by), 0, false},
	    {"--station", offsetof(hub_stats_opt, station), 0, false},
	    {"--format", offsetof(hub_stats_opt, format), 0, false},
	    {"--out", offsetof(hub_stats_opt, out), 0, false},
	    {"--url", offsetof(hub_stats_opt, url), 0, false},
	};
	const app_opts p = {
	    .opt = opts, .n = sizeof opts / sizeof opts[0], .period = &o->period, .help = &o->help};

	if (app_opts_parse(cmd, &p, argc, argv, o) != 0)
		return 2;
	if (o->period.n > 1) {
		app_printf(stderr, "%s\n",
		           _("yizhan hub stats: give one period: --month, --quarter or --year"));
		return 2;
	}
	return 0;
}

int cmd_hub_stats(yz_app *a, int argc, char **argv)
{
	hub_stats_opt o = {0};
	yz_period p;
	yz_stats st;
	yz_err err = {{0}};
	yz_hub *h = NULL;
	yz_report *r;
	int by = YZ_STATS_BY_NONE, format, rc;

	if ((rc = parse(argc, argv, &o)) != 0)
		return rc;
	if (o.help) {
		help();
		return 0;
	}
	if (o.period.text && app_stats_period(cmd, &o.period, (yz_date){0}, &p) != 0)
		return 2;
	if (o.by && ((by = yz_stats_by_from(o.by)) < 0)) {
		app_printf(stderr,
		           _("yizhan hub stats: --by is station, line, item or month, not %s\n"),
		           o.by);
		return 2;
	}
	if (app_stats_format(cmd, o.format, &format) != 0)
		return 2;
	if (app_hub_session(a, cmd, o.url, false, &h) != 0)
		return 1;
	if (!o.period.text)
		yz_period_of(YZ_PERIOD_MONTH, a->sess.today, &p);
	if (yz_service_district_stats(&a->sess, h, o.station, &p, (yz_stats_by)by, &st, &err) !=
	    0) {
		app_hub_fail(cmd, h, &err);
		return err.code == YZ_ERR_INVALID || err.code == YZ_ERR_NOT_FOUND ||
		               err.code == YZ_ERR_DENIED
		           ? 2
		           : 1;
	}
	yz_hub_close(h);
	r = yz_stats_report(&a->sess, &st);
	if (!r || r->oom) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, _("Out of memory."));
		rc = 1;
	} else if (format < 0) {
		app_stats_print(r, format);
		rc = 0;
	} else {
		rc = app_hub_write(a, cmd, r, (yz_report_format)format, o.out, false);
	}
	yz_report_free(r);
	yz_stats_free(&st);
	return rc;
}
