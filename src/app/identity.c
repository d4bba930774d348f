/* Who is acting on the command line (issue 14).
 *
 * A command that shows or exports residents' personal data runs as a named
 * account of the station, never anonymously:
 *
 *   --as LOGIN          the account; its password is read from the terminal
 *                       without echo, or with
 *   --password-fd N     one line from file descriptor N (scripts)
 *   os_accounts = li:zhangli, …   (yizhan.conf) the OS account the program
 *                       runs as stands for that station account, no password
 *
 * The password goes through the store's sign-in (yz_user_login), so a wrong
 * one counts towards the account's lockout like one typed at the counter.
 * Without an account the session keeps the most restricted view (a clerk's,
 * no sensitive special groups) and such a command is refused before it reads
 * anything. What was read or exported is written to the audit log under the
 * account (app_audit_read). */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"

enum { PASSWORD_MAX = YZ_PASSWORD_MAX + 1 }; /* the longest allowed, and its NUL */

/* One line from fd into buf; 0, -1 when nothing came, -2 when the line does
 * not fit (refused, never cut). Reads byte by byte: nothing past the line is
 * taken from a descriptor the caller may read further. */
static int read_line_fd(int fd, char *buf, size_t n)
{
	size_t len = 0;
	for (;;) {
		char ch;
		ssize_t r = read(fd, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || ch == '\n')
			break;
		if (len + 1 >= n) {
			memset(buf, 0, n);
			return -2;
		}
		buf[len++] = ch;
	}
	if (len && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	return len ? 0 : -1;
}

/* The password from the controlling terminal, without echo; -3 when there
 * is no terminal. */
static int read_password_tty(const char *login, char *buf, size_t n)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -3;
	struct termios old, quiet;
	bool tty = tcgetattr(fd, &old) == 0;
	char prompt[160];
	snprintf(prompt, sizeof prompt, _("Password of %s: "), login);
	if (write(fd, prompt, strlen(prompt)) < 0) { /* the prompt is a courtesy */
	}
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	int rc = read_line_fd(fd, buf, n);
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) < 0) {
		}
	}
	close(fd);
	return rc;
}

static int read_password(yz_app *a, char *buf, size_t n)
{
	if (!a->password_fd_opt)
		return read_password_tty(a->as_opt, buf, n);
	char *end;
	long fd = strtol(a->password_fd_opt, &end, 10);
	if (*end || end == a->password_fd_opt || fd < 0 || fd > 1024) {
		app_printf(stderr, _("yizhan: --password-fd takes the number of an open file "
		                     "descriptor, such as 3\n"));
		return -4;
	}
	return read_line_fd((int)fd, buf, n);
}

/* The OS account the program runs as (the effective user). */
static const char *os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	return pw ? pw->pw_name : NULL;
}

/* The station account os_accounts maps user to, into login; 1 = none, -1 =
 * a malformed entry (told). */
static int mapped_login(const yz_config *c, const char *user, char *login, size_t n)
{
	const char *p = c->os_accounts;
	while (*p) {
		size_t len = strcspn(p, ",");
		char entry[160];
		snprintf(entry, sizeof entry, "%.*s", (int)len, p);
		p += len + (p[len] == ',');
		char *s = entry, *colon;
		while (*s == ' ' || *s == '\t')
			s++;
		char *e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (!*s)
			continue;
		colon = strchr(s, ':');
		if (!colon || colon == s || !colon[1] || strchr(colon + 1, ':')) {
			app_printf(stderr,
			           _("yizhan: yizhan.conf: os_accounts: \"%s\" is not "
			             "OS-ACCOUNT:LOGIN (for example root:admin, li:zhangli)\n"),
			           s);
			return -1;
		}
		*colon = '\0';
		if (user && strcmp(s, user) == 0) {
			snprintf(login, n, "%s", colon + 1);
			return 0;
		}
	}
	return 1;
}

/* Signs in with --as and its password; 0, or the exit status. */
static int sign_in(yz_app *a)
{
	char pw[PASSWORD_MAX];
	int rc = read_password(a, pw, sizeof pw);
	if (rc == -4)
		return 2;
	if (rc == -3) {
		app_printf(stderr,
		           _("yizhan: there is no terminal to ask the password of %s on: give it "
		             "with --password-fd N (one line on file descriptor N)\n"),
		           a->as_opt);
		return 2;
	}
	if (rc == -2) {
		app_printf(stderr, _("yizhan: the password is longer than %d bytes: refused\n"),
		           PASSWORD_MAX - 1);
		return 1;
	}
	if (rc != 0) {
		app_printf(stderr, _("yizhan: no password given for %s\n"), a->as_opt);
		return 1;
	}
	yz_user u;
	int locked = 0;
	yz_err err = {{0}};
	yz_login_result r = yz_user_login(a->store, a->as_opt, pw, time(NULL), &u, &locked, &err);
	memset(pw, 0, sizeof pw);
	switch (r) {
	case YZ_LOGIN_OK:
		break;
	case YZ_LOGIN_BAD:
		app_printf(stderr, _("yizhan: wrong account or password for %s; nothing done\n"),
		           a->as_opt);
		return 1;
	case YZ_LOGIN_LOCKED:
		app_printf(stderr,
		           _("yizhan: account %s is locked after too many wrong passwords; try "
		             "again in %d seconds\n"),
		           a->as_opt, locked);
		return 1;
	default:
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	a->sess.user = u;
	a->acting = true;
	return 0;
}

/* Acts as the account os_accounts maps this OS user to, if any; 0, or the
 * exit status. */
static int mapped(yz_app *a)
{
	const char *user = os_user();
	char login[64];
	int rc = mapped_login(&a->cfg, user, login, sizeof login);
	if (rc != 0)
		return rc < 0 ? 1 : 0;
	yz_user u;
	yz_err err = {{0}};
	rc = yz_user_get(a->store, login, &u, &err);
	if (rc == 1) {
		app_printf(stderr,
		           _("yizhan: yizhan.conf: os_accounts maps %s to %s, which is not an "
		             "account of this station\n"),
		           user, login);
		return 1;
	}
	if (rc != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	a->sess.user = u;
	a->acting = true;
	snprintf(a->os_user, sizeof a->os_user, "%s", user);
	return 0;
}

int app_identity_resolve(yz_app *a)
{
	/* No account yet: the most restricted view (a clerk's: no sensitive
	 * special group), acting as the OS account (below). */
	a->sess.user.role = YZ_ROLE_CLERK;
	a->acting = false;
	if (a->as_opt) {
		int rc = sign_in(a);
		if (rc != 0)
			return rc;
	} else if (a->password_fd_opt) {
		app_printf(stderr, _("yizhan: --password-fd gives the password of the account "
		                     "named with --as LOGIN, which is missing\n"));
		return 2;
	} else {
		int rc = mapped(a);
		if (rc != 0)
			return rc;
	}
	if (!a->acting)
		app_identity_nobody(a);
	return 0;
}

void app_identity_nobody(yz_app *a)
{
	/* Nobody signed in: what is written meanwhile (a calendar change moving
	 * due dates, an anchor) names the OS account, never an account of the
	 * station that did not act. */
	const char *user = os_user();
	yz_user nobody = {.role = YZ_ROLE_CLERK};
	snprintf(nobody.login, sizeof nobody.login, "os:%.29s", user ? user : "?");
	a->sess.user = nobody;
	a->acting = false;
}

/* An account whose password was handed out (init's, a reset) does nothing
 * else before it chooses its own; 0, or 1 after saying how. */
static int must_change(yz_app *a)
{
	if (!a->sess.user.must_change || a->may_change_password)
		return 0;
	app_printf(stderr,
	           _("yizhan: account %s must change its password first: yizhan user "
	             "passwd %s --as %s\n"),
	           a->sess.user.login, a->sess.user.login, a->sess.user.login);
	return 1;
}

int app_need_account(yz_app *a, const char *cmd)
{
	if (a->acting)
		return must_change(a);
	app_printf(stderr,
	           _("yizhan %s: this command shows or exports residents' personal data and "
	             "runs only as a named account: add --as LOGIN (the password is asked), "
	             "or map your OS account in yizhan.conf (os_accounts). Nothing was shown.\n"),
	           cmd);
	return 2;
}

int app_need_admin(yz_app *a, const char *cmd)
{
	if (a->acting && a->sess.user.role == YZ_ROLE_ADMIN)
		return must_change(a);
	if (a->acting)
		app_printf(stderr,
		           _("yizhan %s: only an admin account can do this; %s is not one\n"), cmd,
		           a->sess.user.login);
	else
		app_printf(stderr,
		           _("yizhan %s: needs the admin's password: add --as admin (the password "
		             "is asked), or map your OS account in yizhan.conf (os_accounts)\n"),
		           cmd);
	return 2;
}

int app_need_head(yz_app *a, const char *cmd)
{
	if (a->acting && a->sess.user.role >= YZ_ROLE_HEAD)
		return must_change(a);
	if (a->acting)
		app_printf(stderr,
		           _("yizhan %s: only the station head or an admin account can do this; %s "
		             "is not one\n"),
		           cmd, a->sess.user.login);
	else
		app_printf(stderr,
		           _("yizhan %s: needs the password of the station head or an admin: add "
		             "--as LOGIN (the password is asked), or map your OS account in "
		             "yizhan.conf (os_accounts)\n"),
		           cmd);
	return 2;
}

int app_audit_read(yz_app *a, const char *action, const char *fmt, ...)
{
	char what[768], detail[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	/* How the account was established stays with the row: a mapped OS
	 * account is named, so the audit says which person at the machine. */
	if (a->os_user[0])
		snprintf(detail, sizeof detail, "%s (os %s)", what, a->os_user);
	else
		snprintf(detail, sizeof detail, "%s", what);
	yz_err err = {{0}};
	if (yz_audit_append(a->store, a->sess.user.login, action, detail, &err) == 0)
		return 0;
	app_printf(stderr,
	           _("yizhan: the audit log could not be written, so nothing is shown: %s\n"),
	           err.msg);
	return -1;
}
