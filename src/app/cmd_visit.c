/* yizhan visit: home visits (shang men fu wu, issue 19).
 *
 *   visit plan CASE DAY STAFF... --as LOGIN
 *   visit list [DAY] --as LOGIN
 *   visit result ID done|notmet|cancel [TEXT...] --as LOGIN
 *   visit sheet [DAY] [--out FILE.pdf | --print [--printer P]] --as LOGIN
 *
 * The address, phone and grid come from the registry when the visit is
 * planned; the route sheet is the day's visits on A4 grouped by grid, saved
 * as a PDF (--out) or printed on the A4 printer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

#define VISIT_LIST_MAX 500

typedef struct visit_args {
	const char *word[16]; /* the positional words after the subcommand */
	int n;
	const char *out, *printer;
	bool print, help;
} visit_args;

static int visit_parse(const char *cmd, int argc, char **argv, visit_args *o)
{
	*o = (visit_args){0};
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		if (!strcmp(w, "--help") || !strcmp(w, "-h")) {
			o->help = true;
		} else if (!strcmp(w, "--print")) {
			o->print = true;
		} else if (!strcmp(w, "--out") || !strcmp(w, "--printer")) {
			if (app_take_value(cmd, argc, argv, &i,
			                   w[2] == 'o' ? &o->out : &o->printer) != 0)
				return 2;
		} else if (w[0] == '-' && w[1] == '-') {
			app_printf(stderr, _("yizhan %s: unknown option \"%s\"\n"), cmd, w);
			return 2;
		} else if (o->n >= (int)(sizeof o->word / sizeof o->word[0])) {
			app_printf(stderr, _("yizhan %s: too many arguments (\"%s\")\n"), cmd, w);
			return 2;
		} else {
			o->word[o->n++] = w;
		}
	}
	return 0;
}

static void visit_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan visit plan CASE DAY STAFF...\n"
	             "       yizhan visit list [DAY]\n"
	             "       yizhan visit result ID done|notmet|cancel [TEXT...]\n"
	             "       yizhan visit sheet [DAY] [--out FILE.pdf | --print [--printer P]]\n"
	             "Home visits. plan: case CASE (open) is served at the resident's home on "
	             "DAY by STAFF (logins); the address, phone and grid come from the registry. "
	             "list: the visits of DAY (today when not given). result: what the visit "
	             "did on return: done, notmet (say why) or cancel. sheet: the route sheet of "
	             "DAY on A4, grouped by grid: --out saves the PDF, --print (the default) "
	             "prints it on the A4 printer (--printer P: that one).\n"));
}

/* The words from..n-1 of o joined by spaces into buf. */
static void join(const visit_args *o, int from, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = from; i < o->n && used < n; i++)
		used +=
		    (size_t)snprintf(buf + used, n - used, "%s%s", i > from ? " " : "", o->word[i]);
}

static int visit_plan(yz_app *a, const visit_args *o)
{
	const char *cmd = "visit plan";
	char staff[256];
	yz_visit v;
	yz_err err = {{0}};
	int rc;

	if (o->n < 3) {
		app_printf(stderr,
		           _("yizhan %s: give CASE DAY STAFF... (see yizhan visit --help)\n"), cmd);
		return 2;
	}
	join(o, 2, staff, sizeof staff);
	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	if (yz_service_visit_plan(&a->sess, o->word[0], o->word[1], staff, &v, &err) != 0)
		return app_fail(&err);
	char names[400], away[400];
	yz_service_visit_staff_names(&a->sess, v.staff, names, sizeof names);
	app_printf(stdout, _("Home visit %lld planned: case %s, %s, %s, on %s by %s.\n"),
	           (long long)v.id, v.case_no, v.name, v.address[0] ? v.address : _("(no address)"),
	           v.day, names);
	/* Planned all the same: an absence is a warning (they may be back). */
	memset(&err, 0, sizeof err);
	if (yz_service_visit_staff_away(&a->sess, v.staff, v.day, away, sizeof away, &err) != 0)
		app_printf(stderr, "yizhan: %s\n", err.msg);
	else if (away[0])
		app_printf(stdout, _("Warning: %s is away that day (absence).\n"), away);
	return 0;
}

static int visit_list(yz_app *a, const visit_args *o)
{
	const char *cmd = "visit list";
	yz_err err = {{0}};
	size_t n = 0;
	int rc;

	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	yz_visit *v = calloc(VISIT_LIST_MAX, sizeof *v);
	if (!v) {
		app_printf(stderr, "yizhan: %s\n", _("Out of memory."));
		return 1;
	}
	if (yz_service_visit_list(&a->sess, o->n ? o->word[0] : NULL, v, VISIT_LIST_MAX, &n,
	                          &err) != 0) {
		free(v);
		return app_fail(&err);
	}
	if (app_audit_read(a, "visit_list", "%zu home visits of %.16s listed", n,
	                   o->n ? o->word[0] : "today") != 0) {
		free(v);
		return 1;
	}
	app_print_col(_("ID"), 6);
	app_print_col(_("GRID"), 12);
	app_print_col(_("NAME"), 12);
	app_print_col(_("ADDRESS"), 30);
	app_print_col(_("CASE"), 20);
	app_print_col(_("STAFF"), 16);
	app_printf(stdout, "%s\n", _("STATE"));
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)v[i].id);
		app_print_col(id, 6);
		app_print_col(v[i].grid, 12);
		app_print_col(v[i].name, 12);
		app_print_col(v[i].address, 30);
		app_print_col(v[i].case_no, 20);
		app_print_col(v[i].staff, 16);
		if (v[i].result[0]) {
			app_printf(stdout, _("%s: %s"), yz_service_visit_state_text(v[i].state),
			           v[i].result);
			app_printf(stdout, "\n");
		} else
			app_printf(stdout, "%s\n", yz_service_visit_state_text(v[i].state));
	}
	free(v);
	return 0;
}

static int visit_result(yz_app *a, const visit_args *o)
{
	const char *cmd = "visit result";
	char text[512], *end = NULL;
	yz_visit_state st;
	yz_err err = {{0}};
	long long id;
	int rc;

	if (o->n < 2) {
		app_printf(stderr, _("yizhan %s: give ID done|notmet|cancel [TEXT...]\n"), cmd);
		return 2;
	}
	errno = 0;
	id = strtoll(o->word[0], &end, 10);
	if (errno || !end || *end || id <= 0) {
		app_printf(stderr,
		           _("yizhan %s: \"%s\" is not a visit's number (yizhan visit list "
		             "shows them)\n"),
		           cmd, o->word[0]);
		return 2;
	}
	if (!strcmp(o->word[1], "done")) {
		st = YZ_VISIT_DONE;
	} else if (!strcmp(o->word[1], "notmet")) {
		st = YZ_VISIT_NOT_MET;
	} else if (!strcmp(o->word[1], "cancel")) {
		st = YZ_VISIT_CANCELLED;
	} else {
		app_printf(stderr,
		           _("yizhan %s: the result is done, notmet or cancel, not \"%s\"\n"), cmd,
		           o->word[1]);
		return 2;
	}
	join(o, 2, text, sizeof text);
	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	if (yz_service_visit_result(&a->sess, (int64_t)id, st, text, &err) != 0)
		return app_fail(&err);
	app_printf(stdout, _("Home visit %lld: %s.\n"), id, yz_service_visit_state_text(st));
	return 0;
}

static int visit_sheet(yz_app *a, const visit_args *o)
{
	const char *cmd = "visit sheet";
	yz_err err = {{0}};
	char day[11], name[64], what[64];
	int rc;

	if (o->out && (o->print || o->printer)) {
		app_printf(stderr, _("yizhan %s: either --out FILE or --print, not both\n"), cmd);
		return 2;
	}
	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	if (!o->n)
		yz_date_format(a->sess.today, day);
	else if (yz_date_norm(o->word[0], day) != day) {
		app_printf(stderr, _("yizhan %s: \"%s\" is not a date: type it as 2026-12-14\n"),
		           cmd, o->word[0]);
		return 2;
	}
	yz_doc *d = yz_service_route_sheet(&a->sess, day, &err);
	if (!d)
		return app_fail(&err);
	snprintf(name, sizeof name, "route-sheet-%s", day);
	snprintf(what, sizeof what, "route sheet %s", day);
	app_registry_opt ro = {.arg = day, .printer = o->printer, .pdf = o->out};
	return app_registry_deliver(a, d, &ro, name, "visit_sheet", what);
}

int cmd_visit(yz_app *a, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(yz_app *, const visit_args *);
	} subs[] = {{"plan", visit_plan},
	            {"list", visit_list},
	            {"result", visit_result},
	            {"sheet", visit_sheet}};
	visit_args o;

	if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		visit_help();
		return argc < 1 ? 2 : 0;
	}
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(argv[0], subs[i].name) != 0)
			continue;
		char cmd[32];
		snprintf(cmd, sizeof cmd, "visit %s", subs[i].name);
		int rc = visit_parse(cmd, argc - 1, argv + 1, &o);
		if (rc != 0)
			return rc;
		if (o.help) {
			visit_help();
			return 0;
		}
		return subs[i].run(a, &o);
	}
	app_printf(stderr,
	           _("yizhan visit: unknown subcommand \"%s\" (plan, list, result, sheet)\n"),
	           argv[0]);
	return 2;
}
