/* yizhan audit verify: walk the audit log's hash chain; any edited or deleted row
 * breaks it. */
#include <stdio.h>

#include "../intl.h"
#include "app.h"

int cmd_audit_verify(yz_app *a, int argc, char **argv)
{
	(void)argv;
	if (argc > 0) {
		app_printf(stderr, _("Usage: yizhan audit verify\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int64_t bad = 0;
	yz_err err = {{0}};
	int rc = yz_audit_verify(a->store, &bad, &err);
	if (rc < 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	if (rc == 1) {
		app_printf(stdout, _("The audit log was altered: the chain breaks at row %lld.\n"),
		           (long long)bad);
		return 1;
	}
	app_printf(stdout, _("The audit log is intact.\n"));
	return 0;
}
