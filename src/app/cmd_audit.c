/* yizhan audit verify [--anchor TEXT]: check the audit log's keyed chain, its
 * head and anchors, and the MAC of every record of the registry and of the
 * cases; name what was changed outside yizhan.
 * yizhan audit anchor: print the chain's head for the station head's ledger. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

static void say_problem(void *ctx, const char *what)
{
	(void)ctx;
	app_printf(stdout, "  %s\n", what);
}

int cmd_audit_verify(yz_app *a, int argc, char **argv)
{
	const char *anchor = NULL;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--anchor") == 0 && i + 1 < argc) {
			anchor = argv[++i];
		} else if (strncmp(argv[i], "--anchor=", 9) == 0) {
			anchor = argv[i] + 9;
		} else {
			app_printf(stderr, _("Usage: yizhan audit verify [--anchor TEXT]\n"));
			return 2;
		}
	}
	if (app_open(a) != 0)
		return 1;
	yz_err err = {{0}};
	int rc = yz_audit_check(a->store, anchor, say_problem, NULL, &err);
	if (rc < 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return err.code == YZ_ERR_INVALID ? 2 : 1;
	}
	if (rc > 0) {
		app_printf(stdout,
		           _("The station's data was altered outside yizhan (%d findings above). "
		             "Keep the database as it is and tell the station head.\n"),
		           rc);
		return 1;
	}
	if (anchor)
		app_printf(stdout, _("The audit log is intact and holds the anchor %s.\n"), anchor);
	else
		app_printf(stdout, _("The audit log is intact.\n"));
	return 0;
}

int cmd_audit_anchor(yz_app *a, int argc, char **argv)
{
	(void)argv;
	if (argc > 0) {
		app_printf(stderr, _("Usage: yizhan audit anchor\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	char head[64];
	yz_err err = {{0}};
	if (yz_audit_anchor(a->store, a->sess.user.login, head, sizeof head, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	app_printf(stdout,
	           _("Head of the audit log: %s\n"
	             "Write it into the station's ledger with today's date. yizhan audit verify "
	             "--anchor \"%s\" checks later that the log still holds it.\n"),
	           head, head);
	return 0;
}
