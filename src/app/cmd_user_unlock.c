/* yizhan user unlock LOGIN --as ADMIN (issue 14)
 * After five wrong passwords in a row an account waits before each next try,
 * longer each time (30 s, 1 min, 2 min … at most 15 min). The admin lets it in
 * again at once: the count and the wait are cleared, and the unlock is written
 * to the audit log under the admin. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

int cmd_user_unlock(yz_app *a, int argc, char **argv)
{
	if (argc != 1 || argv[0][0] == '-') {
		app_printf(stderr, _("Usage: yizhan user unlock LOGIN\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int rc = app_need_admin(a, "user unlock");
	if (rc != 0)
		return rc;
	int waited = 0;
	yz_err err = {{0}};
	if (yz_service_user_unlock(&a->sess, argv[0], &waited, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	if (waited > 0)
		app_printf(stdout,
		           _("%s may log in again at once (%d seconds of waiting were left).\n"),
		           argv[0], waited);
	else
		app_printf(stdout, _("%s may log in; its count of wrong passwords starts again.\n"),
		           argv[0]);
	return 0;
}
