/* yizhan cases list [--today]: one case per line — number, item, resident with
 * masked ID number, status. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

static const char *status_words(const char *status)
{
	if (strcmp(status, YZ_CASE_ACCEPTED) == 0)
		return _("accepted");
	if (strcmp(status, YZ_CASE_DONE) == 0)
		return _("done");
	return status;
}

static int print_case(const yz_case *c, void *ctx)
{
	(void)ctx;
	char masked[19], who[192];
	yz_idcard_mask(c->resident_idno, masked);
	snprintf(who, sizeof(who), "%s %s", c->resident_name, masked);
	app_print_padded(stdout, c->number, 20);
	app_print_padded(stdout, c->item, 26);
	app_print_padded(stdout, who, 30);
	app_printf(stdout, "%s\n", status_words(c->status));
	return 0;
}

int cmd_cases_list(yz_app *a, int argc, char **argv)
{
	char today[11];
	yz_case_filter f = {0};
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--today") != 0) {
			app_printf(stderr, _("yizhan cases list: unknown option \"%s\"\n"),
			           argv[i]);
			return 2;
		}
		f.accepted_date = today;
	}
	if (app_open(a) != 0)
		return 1;
	yz_date_format(a->sess.today, today);
	yz_err err = {{0}};
	if (yz_case_list(a->store, &f, print_case, NULL, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	return 0;
}
