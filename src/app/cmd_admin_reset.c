/* yizhan admin-reset [LOGIN]: a lost admin password (issue 14).
 *
 * `user passwd` needs the admin's own password; when it is lost, the OS root
 * account of the station PC (who can read and replace the station's files
 * anyway) sets a new one-time password for the admin account (LOGIN, default
 * admin), shown once and to be changed at the next sign-in. The reset is
 * written to the audit log. */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"

/* A one-time password as `init` makes one: 12 letters and digits that are
 * not mistaken for each other. */
static int one_time_password(char *pw, size_t n)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
	unsigned char rnd[12];
	if (n <= sizeof rnd || getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		return -1;
	for (size_t i = 0; i < sizeof rnd; i++)
		pw[i] = alphabet[rnd[i] % (sizeof alphabet - 1)];
	pw[sizeof rnd] = '\0';
	return 0;
}

static int reset(yz_app *a, const char *login)
{
	yz_user u;
	yz_err err = {{0}};
	int rc = yz_user_get(a->store, login, &u, &err);
	if (rc == 1 || (rc == 0 && u.role != YZ_ROLE_ADMIN)) {
		app_printf(stderr,
		           _("yizhan admin-reset: %s is not an admin account of this station\n"),
		           login);
		return 1;
	}
	char pw[32], detail[128];
	if (rc != 0 || one_time_password(pw, sizeof pw) != 0 ||
	    yz_user_set_password(a->store, login, pw, &err) != 0 ||
	    yz_user_set_must_change(a->store, login, true, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg[0] ? err.msg : _("No random numbers."));
		return 1;
	}
	snprintf(detail, sizeof detail, "%s: new one-time password", login);
	if (yz_audit_append(a->store, "os:root", "admin_reset", detail, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	app_printf(stdout,
	           _("The password of %s is now %s (shown only now). It must be changed at "
	             "the next sign-in.\n"),
	           login, pw);
	memset(pw, 0, sizeof pw);
	return 0;
}

int cmd_admin_reset(yz_app *a, int argc, char **argv)
{
	if (argc > 1 || (argc == 1 && argv[0][0] == '-')) {
		app_printf(stderr, _("Usage: yizhan admin-reset [LOGIN]\n"));
		return 2;
	}
	if (geteuid() != 0) {
		app_printf(stderr,
		           _("yizhan admin-reset: only the OS root account of this computer "
		             "can reset an admin password (sudo yizhan admin-reset). "
		             "Nothing changed.\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	return reset(a, argc == 1 ? argv[0] : "admin");
}
