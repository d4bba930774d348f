/* yizhan residents sheet: print a household's register sheet (yi hu yi biao).
 *
 *   residents sheet HOUSEHOLD_NUMBER [--printer P] [--pdf FILE] [--masked] --as LOGIN
 *
 * Without --pdf the sheet goes to the A4 printer (--printer, else the configured
 * one; with none configured it is saved in the save folder). The sheet is the
 * station's internal register and shows full ID numbers; --masked prints the
 * copy handed out. It runs as a named account (--as, identity.c) and shows
 * that account's view of the special groups: a clerk sees no sensitive one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

int app_take_arg(const char *cmd, const char *word, const char **arg)
{
	if (word[0] == '-' && word[1] == '-') {
		app_printf(stderr, _("yizhan %s: unknown option \"%s\"\n"), cmd, word);
		return 2;
	}
	if (*arg) {
		app_printf(stderr, _("yizhan %s: one argument only\n"), cmd);
		return 2;
	}
	*arg = word;
	return 0;
}

int app_take_value(const char *cmd, int argc, char **argv, int *i, const char **val)
{
	if (*i + 1 >= argc) {
		app_printf(stderr, _("yizhan %s: %s needs a value\n"), cmd, argv[*i]);
		return 2;
	}
	*val = argv[++*i];
	return 0;
}

int app_take_period(const char *cmd, int argc, char **argv, int *i, app_period_opt *p)
{
	static const struct {
		const char *name;
		yz_period_kind kind;
	} periods[] = {{"--month", YZ_PERIOD_MONTH},
	               {"--quarter", YZ_PERIOD_QUARTER},
	               {"--year", YZ_PERIOD_YEAR}};

	for (size_t k = 0; k < sizeof periods / sizeof periods[0]; k++) {
		if (strcmp(argv[*i], periods[k].name) != 0)
			continue;
		if (app_take_value(cmd, argc, argv, i, &p->text) != 0)
			return 2;
		p->kind = periods[k].kind;
		p->n++;
		return 1;
	}
	return 0;
}

int app_need_arg(const char *cmd, const char *arg)
{
	if (arg)
		return 0;
	app_printf(stderr, _("yizhan %s: what to work on is missing (see yizhan --help)\n"), cmd);
	return 2;
}

int app_registry_opts(const char *cmd, int argc, char **argv, app_registry_opt *o)
{
	for (int i = 0; i < argc; i++) {
		bool has_value = i + 1 < argc;
		if (!strcmp(argv[i], "--printer") && has_value) {
			o->printer = argv[++i];
		} else if (!strcmp(argv[i], "--pdf") && has_value) {
			o->pdf = argv[++i];
		} else if (!strcmp(argv[i], "--masked")) {
			o->masked = true;
		} else if (app_take_arg(cmd, argv[i], &o->arg) != 0) {
			return 2;
		}
	}
	return app_need_arg(cmd, o->arg);
}

int app_registry_deliver(yz_app *a, yz_doc *d, const app_registry_opt *o, const char *name,
                         const char *action, const char *what)
{
	/* Written before the document leaves: no audit row, no document. */
	if (app_audit_read(a, action, "%.160s%s to %.512s", what, o->masked ? " (masked)" : "",
	                   o->pdf       ? o->pdf
	                   : o->printer ? o->printer
	                                : "the A4 printer") != 0) {
		yz_doc_free(d);
		return 1;
	}
	yz_err err = {{0}};
	int rc = 0;
	if (o->pdf) {
		rc = yz_service_save_pdf(&a->sess, d, o->pdf, &err);
		if (rc == 0)
			app_printf(stdout, _("Saved to %s\n"), o->pdf);
	} else {
		yz_print_outcome out;
		rc = yz_service_print_a4(&a->sess, d, o->printer, name, &out, &err);
		if (rc == 0 && out.saved)
			app_printf(stdout, _("No A4 printer is set: saved to %s\n"),
			           out.saved_path);
		else if (rc == 0)
			app_printf(stdout, _("Sent to printer %s (job %d)\n"),
			           o->printer ? o->printer : a->cfg.printer_a4, out.cups_job_id);
	}
	if (rc != 0)
		app_printf(stderr, "yizhan: %s\n", err.msg);
	yz_doc_free(d);
	return rc == 0 ? 0 : 1;
}

int cmd_residents_sheet(yz_app *a, int argc, char **argv)
{
	app_registry_opt o = {0};
	int rc = app_registry_opts("residents sheet", argc, argv, &o);
	if (rc != 0)
		return rc;
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "residents sheet")) != 0)
		return rc;
	yz_household h;
	yz_err err = {{0}};
	rc = yz_service_household_by_code(&a->sess, o.arg, &h, &err);
	yz_doc *d = rc == 0 ? yz_service_household_sheet(&a->sess, h.id, !o.masked, &err) : NULL;
	if (!d) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	char name[64], what[80];
	snprintf(name, sizeof name, "household-%s", h.code);
	snprintf(what, sizeof what, "household %s", h.code);
	return app_registry_deliver(a, d, &o, name, "household_sheet", what);
}
