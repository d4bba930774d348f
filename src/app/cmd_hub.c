/* yizhan hub …: the district hub on PostgreSQL (issue 17), for its admin and
 * for the departments that answer forwarded cases there.
 *   hub init [URL]                 create or migrate the hub's schema
 *   hub station add CODE NAME      register a station; prints its yizhan.conf lines
 *   hub dept add CODE NAME         register a department; the same
 *   hub status [--format tsv]      the stations: last sync, last change, backlog
 *   hub digest STATION             the hub's count and SHA-256 of each kind
 *   hub inbox [--dept CODE] [--all] [--format tsv]
 *                                  the department's forwarded cases, by due date
 *   hub answer [--dept CODE] STATION CASE RESULT [--date YYYY-MM-DD]
 *                                  answer a case's open forward
 *   hub [--dept CODE]              the department's inbox, full screen
 *                                  (screens/dept_inbox.c, service/district.h)
 * Every command takes --url URL; without it $YIZHAN_HUB_URL, else yizhan.conf's
 * `hub` with its `hub_password`. The hub's own roles decide who may do what
 * (PostgreSQL's logins and row-level security): no station account is needed. */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"
#include "hub_cli.h"
#include "yizhan/hub.h"
#include "yizhan/service/district.h"
#include "yizhan/service/sync.h"
#include "yizhan/tui.h"

/* The options every hub command reads. */
typedef struct hub_opts {
	const char *url;     /* --url, or the one word of `hub init URL` */
	const char *dept;    /* --dept CODE */
	const char *format;  /* --format text|tsv */
	const char *date;    /* --date YYYY-MM-DD (answer) */
	bool all;            /* --all (inbox) */
	const char *args[4]; /* the words that are not options, in order */
	int n_args;          /* how many */
} hub_opts;

/* Options anywhere; the other words in order. want_args: how many words the
 * command takes (at most 4). 0, or 2 after a message. */
static int parse(const char *cmd, int argc, char **argv, int want_args, hub_opts *o)
{
	*o = (hub_opts){0};
	for (int i = 0; i < argc; i++) {
		const char **val = !strcmp(argv[i], "--url")      ? &o->url
		                   : !strcmp(argv[i], "--dept")   ? &o->dept
		                   : !strcmp(argv[i], "--format") ? &o->format
		                   : !strcmp(argv[i], "--date")   ? &o->date
		                                                  : NULL;
		if (val) {
			if (app_take_value(cmd, argc, argv, &i, val) != 0)
				return 2;
		} else if (!strcmp(argv[i], "--all")) {
			o->all = true;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			app_printf(stderr, _("yizhan %s: unknown option \"%s\"\n"), cmd, argv[i]);
			return 2;
		} else if (o->n_args < want_args) {
			o->args[o->n_args++] = argv[i];
		} else {
			app_printf(stderr, _("yizhan %s: too many words (see yizhan --help)\n"),
			           cmd);
			return 2;
		}
	}
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "tsv")) {
		app_printf(stderr, _("yizhan %s: --format is text or tsv, not %s\n"), cmd,
		           o->format);
		return 2;
	}
	return 0;
}

static bool tsv(const hub_opts *o)
{
	return o->format && !strcmp(o->format, "tsv");
}

int app_hub_connect(yz_app *a, const char *cmd, const char *url, yz_hub **h)
{
	const char *password = NULL;
	if (!url || !*url)
		url = getenv("YIZHAN_HUB_URL");
	if (!url || !*url) {
		url = a->cfg.hub;
		password = a->cfg.hub_password;
	}
	if (!url || !*url) {
		app_printf(stderr,
		           _("yizhan %s: which hub? Give --url postgresql://…, set YIZHAN_HUB_URL, "
		             "or write hub = … in yizhan.conf.\n"),
		           cmd);
		return 1;
	}
	yz_err err = {{0}};
	if (yz_hub_open(h, url, password, 0, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		return 1;
	}
	return 0;
}

/* The copy of the district's published files made for this run, removed
 * when the program ends ("" = none). */
static char district_copy[PATH_MAX];

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

void app_remove_tree(const char *dir)
{
	if (dir && dir[0])
		nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void district_copy_remove(void)
{
	app_remove_tree(district_copy);
	district_copy[0] = '\0';
}

/* What the district publishes now, into a private temporary folder that
 * the session reads as its district folder: the hub counts with the
 * calendar and lists the ledgers the stations have. 0, or -1 with err. */
static int copy_district(yz_app *a, yz_hub *h, yz_err *err)
{
	static bool registered;
	const char *tmp = getenv("TMPDIR");

	district_copy_remove();
	snprintf(district_copy, sizeof district_copy, "%s/yizhan-district.XXXXXX",
	         tmp && *tmp && strlen(tmp) < PATH_MAX - 64 ? tmp : "/tmp");
	if (!mkdtemp(district_copy)) { /* 0700 */
		yz_err_setc(err, YZ_ERR_IO, "%s: %s", district_copy, strerror(errno));
		district_copy[0] = '\0';
		return -1;
	}
	if (!registered)
		registered = atexit(district_copy_remove) == 0;
	snprintf(a->cfg.district_dir, sizeof a->cfg.district_dir, "%s", district_copy);
	return yz_service_district_files(h, district_copy, err);
}

int app_hub_session(yz_app *a, const char *cmd, const char *url, bool need_forms, yz_hub **h)
{
	yz_err err = {{0}};

	*h = NULL;
	if (app_hub_connect(a, cmd, url, h) != 0)
		return 1;
	if (copy_district(a, *h, &err) != 0 ||
	    yz_service_load_calendar(&a->cfg, &a->calendar, &err) != 0) {
		app_hub_fail(cmd, *h, &err);
		*h = NULL;
		return 1;
	}
	if (app_load_forms(a, false) != 0 && need_forms) {
		app_printf(stderr, _("yizhan: no usable forms in %s\n"), a->cfg.forms_dir);
		yz_hub_close(*h);
		*h = NULL;
		return 1;
	}
	a->sess.cfg = &a->cfg;
	a->sess.store = NULL;
	a->sess.cat = &a->cat;
	a->sess.calendar = &a->calendar;
	yz_service_set_clock(&a->sess, a->sess.clock);
	return 0;
}

int app_hub_write(yz_app *a, const char *cmd, const yz_report *r, yz_report_format f,
                  const char *out, bool rows)
{
	char name[512];
	yz_err err = {{0}};

	if (!out) {
		yz_report_file_name(r, f, name, sizeof name);
		out = name;
	}
	if (yz_report_write(r, f, &a->sess.print, out, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		return 1;
	}
	if (rows)
		app_printf(stdout, _("Written: %s (%zu rows)\n"), out, app_report_data_rows(r));
	else
		app_printf(stdout, _("Written: %s\n"), out);
	return 0;
}

int app_hub_fail(const char *cmd, yz_hub *h, const yz_err *err)
{
	app_printf(stderr, "yizhan %s: %s\n", cmd, err->msg);
	yz_hub_close(h);
	return 1;
}

int cmd_hub_init(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub init";
	hub_opts o;
	if (parse(cmd, argc, argv, 1, &o) != 0)
		return 2;
	if (o.n_args && o.url) {
		app_printf(stderr, _("yizhan %s: give the URL once\n"), cmd);
		return 2;
	}
	if (o.n_args)
		o.url = o.args[0];
	yz_hub *h = NULL;
	if (app_hub_connect(a, cmd, o.url, &h) != 0)
		return 1;
	yz_err err = {{0}};
	int from = 0, to = 0;
	if (yz_hub_migrate(h, &from, &to, &err) != 0)
		return app_hub_fail(cmd, h, &err);
	if (from == 0)
		app_printf(stdout, _("Created the hub's schema, version %d.\n"), to);
	else if (from == to)
		app_printf(stdout, _("The hub's schema is up to date, version %d.\n"), to);
	else
		app_printf(stdout, _("Migrated the hub's schema from version %d to version %d.\n"),
		           from, to);
	yz_hub_close(h);
	return 0;
}

/* station add / dept add: the lines for the new member's yizhan.conf. */
static int add_member(yz_app *a, bool station, int argc, char **argv)
{
	const char *cmd = station ? "hub station add" : "hub dept add";
	if (argc < 1 || strcmp(argv[0], "add")) {
		app_printf(stderr, station
		                       ? _("Usage: yizhan hub station add CODE NAME [--url URL]\n")
		                       : _("Usage: yizhan hub dept add CODE NAME [--url URL]\n"));
		return 2;
	}
	hub_opts o;
	if (parse(cmd, argc - 1, argv + 1, 2, &o) != 0)
		return 2;
	if (o.n_args != 2) {
		app_printf(stderr, station
		                       ? _("Usage: yizhan hub station add CODE NAME [--url URL]\n")
		                       : _("Usage: yizhan hub dept add CODE NAME [--url URL]\n"));
		return 2;
	}
	yz_hub *h = NULL;
	if (app_hub_connect(a, cmd, o.url, &h) != 0)
		return 1;
	yz_err err = {{0}};
	char role[64], password[64], url[512];
	int rc = station ? yz_hub_station_add(h, o.args[0], o.args[1], role, password, &err)
	                 : yz_hub_dept_add(h, o.args[0], o.args[1], role, password, &err);
	if (rc != 0 || yz_hub_url_for(h, role, url, sizeof url, &err) != 0)
		return app_hub_fail(cmd, h, &err);
	if (station)
		app_printf(
		    stdout,
		    _("# yizhan.conf of station %s (%s): these lines connect it to the hub.\n"),
		    o.args[0], o.args[1]);
	else
		app_printf(stdout,
		           _("# yizhan.conf of the department %s (%s) at its workstation: these "
		             "lines connect it to the hub.\n"),
		           o.args[0], o.args[1]);
	app_printf(stdout, "hub = %s\nhub_password = %s\n", url, password);
	if (!station)
		app_printf(stdout, "hub_dept = %s\n", o.args[0]);
	app_printf(stdout, "%s\n",
	           _("# The password is shown only now: keep it in that file (mode 0640) only."));
	yz_hub_close(h);
	return 0;
}

int cmd_hub_station(yz_app *a, int argc, char **argv)
{
	return add_member(a, true, argc, argv);
}

int cmd_hub_dept(yz_app *a, int argc, char **argv)
{
	return add_member(a, false, argc, argv);
}

int cmd_hub_status(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub status";
	hub_opts o;
	if (parse(cmd, argc, argv, 0, &o) != 0)
		return 2;
	yz_hub *h = NULL;
	if (app_hub_connect(a, cmd, o.url, &h) != 0)
		return 1;
	yz_err err = {{0}};
	yz_hub_station *s = NULL;
	size_t n = 0;
	if (yz_hub_stations(h, &s, &n, &err) != 0)
		return app_hub_fail(cmd, h, &err);
	if (!tsv(&o) && n) {
		app_print_padded(stdout, _("Station"), 10);
		app_print_padded(stdout, _("Station name"), 24);
		app_print_padded(stdout, _("Last sync (UTC)"), 22);
		app_print_padded(stdout, _("Last change"), 13);
		app_printf(stdout, "%s\n", _("Waiting"));
	}
	for (size_t i = 0; i < n; i++) {
		if (tsv(&o)) {
			app_printf(stdout, "%s\t%s\t%s\t%lld\t%lld\n", s[i].code, s[i].name,
			           s[i].last_sync, (long long)s[i].last_seq,
			           (long long)s[i].backlog);
			continue;
		}
		char seq[24];
		snprintf(seq, sizeof seq, "%lld", (long long)s[i].last_seq);
		app_print_padded(stdout, s[i].code, 10);
		app_print_padded(stdout, s[i].name, 24);
		app_print_padded(stdout, s[i].last_sync[0] ? s[i].last_sync : _("never"), 22);
		app_print_padded(stdout, seq, 13);
		app_printf(stdout, "%lld\n", (long long)s[i].backlog);
	}
	if (!tsv(&o) && !n)
		app_printf(stderr, "%s\n",
		           _("No station is registered at the hub yet (yizhan hub station add)."));
	free(s);
	yz_hub_close(h);
	return 0;
}

int cmd_hub_digest(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub digest";
	hub_opts o;
	if (parse(cmd, argc, argv, 1, &o) != 0)
		return 2;
	if (o.n_args != 1) {
		app_printf(stderr, _("Usage: yizhan hub digest STATION [--url URL]\n"));
		return 2;
	}
	yz_hub *h = NULL;
	if (app_hub_connect(a, cmd, o.url, &h) != 0)
		return 1;
	for (int k = 0; yz_hub_kinds[k]; k++) {
		yz_err err = {{0}};
		int64_t count = 0;
		char hex[65];
		if (yz_hub_digest(h, o.args[0], yz_hub_kinds[k], &count, hex, &err) != 0)
			return app_hub_fail(cmd, h, &err);
		app_printf(stdout, "%s\t%lld\t%s\n", yz_hub_kinds[k], (long long)count, hex);
	}
	yz_hub_close(h);
	return 0;
}

/* The department: --dept, else yizhan.conf's hub_dept, else NULL (the
 * login's own). */
static const char *dept_of(const yz_app *a, const hub_opts *o)
{
	if (o->dept && *o->dept)
		return o->dept;
	return a->cfg.hub_dept[0] ? a->cfg.hub_dept : NULL;
}

static void inbox_row(const yz_hub_inbox_row *r, bool as_tsv)
{
	const char *state = r->answered ? "answered" : r->overdue ? "overdue" : "open";
	if (as_tsv) {
		app_printf(stdout, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->station, r->case_no,
		           r->forward_key, r->item, r->sent, r->due, state);
		return;
	}
	const char *shown = r->answered ? _("answered") : r->overdue ? _("OVERDUE") : _("open");
	app_print_padded(stdout, r->due[0] ? r->due : "-", 12);
	app_print_padded(stdout, shown, 10);
	app_print_padded(stdout, r->station_name[0] ? r->station_name : r->station, 20);
	app_print_padded(stdout, r->case_no, 18);
	app_print_padded(stdout, r->sent, 12);
	app_printf(stdout, "%s%s%s\n", r->item, r->answered && r->answer[0] ? "  " : "",
	           r->answered ? r->answer : "");
}

static void inbox_header(void)
{
	app_print_padded(stdout, _("Answer due"), 12);
	app_print_padded(stdout, _("State"), 10);
	app_print_padded(stdout, _("Station"), 20);
	app_print_padded(stdout, _("Case"), 18);
	app_print_padded(stdout, _("Sent"), 12);
	app_printf(stdout, "%s\n", _("Item"));
}

int cmd_hub_inbox(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub inbox";
	hub_opts o;
	if (parse(cmd, argc, argv, 0, &o) != 0)
		return 2;
	yz_hub *h = NULL;
	if (app_hub_connect(a, cmd, o.url, &h) != 0)
		return 1;
	char today[11];
	yz_date_format(yz_clock_today(&a->sess.clock), today);
	yz_hub_inbox_query q = {.dept = dept_of(a, &o), .today = today, .all = o.all, .limit = 500};
	size_t shown = 0;
	for (;;) {
		yz_err err = {{0}};
		yz_hub_inbox_row *r = NULL;
		size_t n = 0;
		if (yz_hub_inbox(h, &q, &r, &n, &err) != 0)
			return app_hub_fail(cmd, h, &err);
		if (!tsv(&o) && !q.offset && n)
			inbox_header();
		for (size_t i = 0; i < n; i++)
			inbox_row(&r[i], tsv(&o));
		free(r);
		shown += n;
		if (n < q.limit)
			break;
		q.offset += n;
	}
	if (!tsv(&o))
		app_printf(stderr,
		           o.all ? _("%zu forwarded cases.\n")
		                 : _("%zu forwarded cases wait for an answer.\n"),
		           shown);
	yz_hub_close(h);
	return 0;
}

int cmd_hub_answer(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub answer";
	hub_opts o;
	if (parse(cmd, argc, argv, 3, &o) != 0)
		return 2;
	if (o.n_args != 3 || !*o.args[2]) {
		app_printf(stderr, _("Usage: yizhan hub answer [--dept CODE] STATION CASE RESULT "
		                     "[--date YYYY-MM-DD]\n"));
		return 2;
	}
	char date[11];
	if (o.date) {
		yz_date d;
		if (!yz_date_parse(o.date, &d)) {
			app_printf(stderr, _("yizhan %s: %s is not a date (YYYY-MM-DD)\n"), cmd,
			           o.date);
			return 2;
		}
		yz_date_format(d, date);
	} else {
		yz_date_format(yz_clock_today(&a->sess.clock), date);
	}
	yz_hub *h = NULL;
	if (app_hub_connect(a, cmd, o.url, &h) != 0)
		return 1;
	yz_err err = {{0}};
	char key[64];
	const char *dept = dept_of(a, &o);
	if (yz_hub_forward_of(h, dept, o.args[0], o.args[1], key, &err) != 0 ||
	    yz_hub_answer_forward(h, dept, o.args[0], key, o.args[2], date, &err) != 0)
		return app_hub_fail(cmd, h, &err);
	app_printf(stdout,
	           _("Answered case %s of station %s (%s). The station gets the answer when it "
	             "next syncs.\n"),
	           o.args[1], o.args[0], date);
	yz_hub_close(h);
	return 0;
}

/* yizhan hub [--dept CODE]: the department's inbox on the whole terminal, for
 * a department's workstation (yizhan.conf: hub, hub_password, hub_dept; no
 * station database). --url, else $YIZHAN_HUB_URL, names another hub (its
 * password then by libpq's usual ways). */
int cmd_hub_screen(yz_app *a, int argc, char **argv)
{
	const char *cmd = "hub";
	hub_opts o;
	if (parse(cmd, argc, argv, 0, &o) != 0)
		return 2;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		app_printf(stderr, "%s\n",
		           _("yizhan hub: the department's inbox needs a terminal (standard input "
		             "or output is redirected); yizhan hub inbox lists it without one."));
		return 2;
	}
	const char *url = o.url && *o.url ? o.url : getenv("YIZHAN_HUB_URL");
	if (url && *url) {
		snprintf(a->cfg.hub, sizeof a->cfg.hub, "%s", url);
		a->cfg.hub_password[0] = '\0';
	}
	const char *dept = dept_of(a, &o);
	if (!a->cfg.hub[0]) {
		app_printf(
		    stderr, "%s\n",
		    _("yizhan hub: this workstation is not a department's: yizhan.conf needs "
		      "hub = …, hub_password = … and hub_dept = … (yizhan hub dept add prints "
		      "them), or give --dept CODE."));
		return 1;
	}
	/* The forms, for the labels of the cases' fields (best effort: without
	 * them the fields show as the stations keyed them). */
	app_load_forms(a, false);
	yz_district *d = NULL;
	yz_err err = {{0}};
	if (yz_district_open(&d, &a->cfg, &a->cat, dept, 10, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		return 1;
	}
	a->sess.cfg = &a->cfg;
	/* No station here: the title's right side stays empty rather than
	 * showing the default station name of an unset yizhan.conf. */
	a->cfg.station_name[0] = '\0';
	int rc = yz_tui_run_dept(&a->sess, d);
	yz_district_close(d);
	return rc;
}
