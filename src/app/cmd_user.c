/* yizhan user add LOGIN NAME [--role clerk|head|admin] [--phone P]
 * yizhan user passwd LOGIN --as ADMIN   (issue 14: the admin's password first)
 * (issue 14: user add too runs as an admin, recorded under that account)
 * The station's admin adds clerks and sets passwords. The password is read from
 * the terminal without echo (or one line of standard input when it is not a
 * terminal, for scripts); it never appears on the command line. */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"

/* One line from stdin, without echo when it is a terminal. */
static int read_password(const char *prompt, char *buf, size_t n)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		app_printf(stderr, "%s", prompt);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return ok && buf[0] ? 0 : -1;
}

/* Asks twice on a terminal, once from a script. */
static int new_password(char *pw, size_t n)
{
	char again[256];
	if (read_password(_("New password: "), pw, n) != 0) {
		app_printf(stderr, _("yizhan: no password given\n"));
		return -1;
	}
	if (!isatty(STDIN_FILENO))
		return 0;
	if (read_password(_("Again: "), again, sizeof(again)) != 0 || strcmp(pw, again) != 0) {
		app_printf(stderr, _("yizhan: the two passwords differ; nothing changed\n"));
		return -1;
	}
	return 0;
}

static int parse_role(const char *s, yz_role *role)
{
	static const char *const names[] = {"clerk", "head", "admin"};
	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*role = (yz_role)i;
			return 0;
		}
	return -1;
}

int cmd_user_add(yz_app *a, int argc, char **argv)
{
	const char *login = NULL, *name = NULL, *phone = "";
	yz_role role = YZ_ROLE_CLERK;
	bool bad = false;
	for (int i = 0; i < argc && !bad; i++) {
		if (!strcmp(argv[i], "--role") && i + 1 < argc)
			bad = parse_role(argv[++i], &role) != 0;
		else if (!strcmp(argv[i], "--phone") && i + 1 < argc)
			phone = argv[++i];
		else if (argv[i][0] != '-' && !login)
			login = argv[i];
		else if (argv[i][0] != '-' && !name)
			name = argv[i];
		else
			bad = true;
	}
	if (bad || !login || !name) {
		app_printf(stderr, _("Usage: yizhan user add LOGIN NAME [--role clerk|head|admin] "
		                     "[--phone PHONE]\n"));
		return 2;
	}
	char pw[256];
	if (app_open(a) != 0)
		return 1;
	/* Issue 14: an account (perhaps an admin) is added by an admin only. */
	int rc = app_need_admin(a, "user add");
	if (rc != 0)
		return rc;
	if (new_password(pw, sizeof(pw)) != 0)
		return 1;
	yz_err err = {{0}};
	rc = yz_user_add(a->store, login, name, phone, role, pw, &err);
	memset(pw, 0, sizeof(pw));
	if (rc != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	/* The store's own user_added row has no actor: this one names who. */
	static const char *const names[] = {"clerk", "head", "admin"};
	char detail[256];
	snprintf(detail, sizeof detail, "%s (%s) added%s%s%s", login,
	         names[role <= YZ_ROLE_ADMIN ? role : 0], a->os_user[0] ? " (os " : "", a->os_user,
	         a->os_user[0] ? ")" : "");
	if (yz_audit_append(a->store, a->sess.user.login, "user_add", detail, &err) != 0)
		app_printf(stderr, "yizhan: %s\n", err.msg);
	app_printf(stdout, _("User %s (%s) added.\n"), login, name);
	return 0;
}

int cmd_user_passwd(yz_app *a, int argc, char **argv)
{
	if (argc != 1) {
		app_printf(stderr, _("Usage: yizhan user passwd LOGIN\n"));
		return 2;
	}
	/* Issue 14: the admin's own password first (--as or os_accounts); an
	 * admin whose password was handed out may change just that here. */
	a->may_change_password = true;
	if (app_open(a) != 0)
		return 1;
	int rc = app_need_admin(a, "user passwd");
	if (rc == 0 && a->sess.user.must_change && strcmp(argv[0], a->sess.user.login) != 0) {
		app_printf(stderr,
		           _("yizhan: account %s must change its password first: yizhan user "
		             "passwd %s --as %s\n"),
		           a->sess.user.login, a->sess.user.login, a->sess.user.login);
		rc = 1;
	}
	char pw[256];
	if (rc != 0 || new_password(pw, sizeof(pw)) != 0)
		return rc ? rc : 1;
	yz_err err = {{0}};
	/* One's own password is changed (the handed-out one refused again),
	 * another's is set. */
	rc = strcmp(argv[0], a->sess.user.login) == 0
	         ? yz_user_change_password(a->store, argv[0], pw, &err)
	         : yz_user_set_password(a->store, argv[0], pw, &err);
	memset(pw, 0, sizeof(pw));
	if (rc != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	app_printf(stdout, _("Password of %s changed.\n"), argv[0]);
	return 0;
}

int cmd_user_list(yz_app *a, int argc, char **argv)
{
	(void)argv;
	if (argc != 0) {
		app_printf(stderr, _("Usage: yizhan user list\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	yz_user u[256];
	size_t n = 0;
	yz_err err = {{0}};
	if (yz_user_list(a->store, u, 256, &n, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	const char *roles[] = {N_("clerk"), N_("station head"), N_("admin")};
	for (size_t i = 0; i < n; i++) {
		app_print_padded(stdout, u[i].login, 14);
		app_print_padded(stdout, u[i].name, 12);
		app_print_padded(stdout, _(roles[u[i].role <= YZ_ROLE_ADMIN ? u[i].role : 0]), 14);
		app_printf(stdout, "%s\n", u[i].phone);
	}
	return 0;
}
