/* yizhan staff …: the A and B clerk of each business line, sensitive lines and
 * absences (AB gang), for the administrator. Issue 14: set, sensitive and
 * absent run as the station head or an admin (--as or os_accounts), recorded
 * under that account; list (logins and dates only) stays open.
 *   staff list                       lines with A, B and sensitivity; absences
 *   staff set LINE A [B]             "-" for nobody
 *   staff sensitive LINE yes|no
 *   staff absent LOGIN FROM UNTIL    dates YYYY-MM-DD (or YYYYMMDD), both days included */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

static const char *dash(const char *login)
{
	return login && strcmp(login, "-") ? login : "";
}

static int fail(yz_err *err)
{
	app_printf(stderr, "yizhan: %s\n", err->msg);
	return 1;
}

int cmd_staff_list(yz_app *a, int argc, char **argv)
{
	(void)argv;
	if (argc != 0) {
		app_printf(stderr, _("Usage: yizhan staff list\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	yz_line_staff l[64];
	yz_absence ab[64];
	size_t n = 0, m = 0;
	char today[11];
	yz_err err = {{0}};
	yz_date_format(a->sess.today, today);
	if (yz_line_staff_list(a->store, l, 64, &n, &err) != 0 ||
	    yz_absence_list(a->store, today, ab, 64, &m, &err) != 0)
		return fail(&err);
	for (size_t i = 0; i < n; i++) {
		app_print_padded(stdout, l[i].line, 16);
		app_printf(stdout, "A %-12s B %-12s%s\n", l[i].a_login[0] ? l[i].a_login : "-",
		           l[i].b_login[0] ? l[i].b_login : "-",
		           l[i].sensitive ? _(" sensitive") : "");
	}
	for (size_t i = 0; i < m; i++)
		app_printf(stdout, _("absent: %s from %s until %s\n"), ab[i].login, ab[i].from,
		           ab[i].until);
	return 0;
}

int cmd_staff_set(yz_app *a, int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		app_printf(stderr, _("Usage: yizhan staff set LINE A [B]   (\"-\" for nobody)\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int need = app_need_head(a, "staff set");
	if (need != 0)
		return need;
	yz_err err = {{0}};
	if (yz_service_line_check(&a->sess, argv[0], &err) != 0)
		return fail(&err); /* a typo'd line would be a line of its own */
	if (yz_line_staff_set(a->store, argv[0], dash(argv[1]), argc == 3 ? dash(argv[2]) : "",
	                      a->sess.user.login, &err) != 0)
		return fail(&err);
	return 0;
}

int cmd_staff_sensitive(yz_app *a, int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "yes") && strcmp(argv[1], "no"))) {
		app_printf(stderr, _("Usage: yizhan staff sensitive LINE yes|no\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int need = app_need_head(a, "staff sensitive");
	if (need != 0)
		return need;
	yz_err err = {{0}};
	if (yz_service_line_check(&a->sess, argv[0], &err) != 0)
		return fail(&err);
	if (yz_line_set_sensitive(a->store, argv[0], !strcmp(argv[1], "yes"), a->sess.user.login,
	                          &err) != 0)
		return fail(&err);
	return 0;
}

int cmd_staff_absent(yz_app *a, int argc, char **argv)
{
	if (argc != 3) {
		app_printf(stderr, _("Usage: yizhan staff absent LOGIN FROM UNTIL\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int need = app_need_head(a, "staff absent");
	if (need != 0)
		return need;
	yz_err err = {{0}};
	/* Dates as the counter takes them: 20261214 is 2026-12-14. */
	char from[11], until[11];
	if (yz_absence_add(a->store, argv[0], yz_date_norm(argv[1], from),
	                   yz_date_norm(argv[2], until), a->sess.user.login, NULL, &err) != 0)
		return fail(&err);
	return 0;
}
