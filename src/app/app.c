/* Opening a station: data directory, yizhan.conf, database and forms. */
#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"

void app_resolve_home(const char *opt, char *out, size_t n)
{
	const char *v;
	if (opt && *opt)
		snprintf(out, n, "%s", opt);
	else if ((v = getenv("YIZHAN_HOME")) && *v)
		snprintf(out, n, "%s", v);
	else if ((v = getenv("XDG_DATA_HOME")) && *v)
		snprintf(out, n, "%s/yizhan", v);
	else
		snprintf(out, n, "%s/.local/share/yizhan", (v = getenv("HOME")) && *v ? v : ".");
}

/* The session's counter (issue 10): --counter, $YIZHAN_COUNTER or the SSH
 * client's address; its label and printers are then the ones in force. */
static void choose_counter(yz_app *a)
{
	yz_counter_hints h = {
	    .option = a->counter_opt,
	    .env = getenv("YIZHAN_COUNTER"),
	    .ssh_connection = getenv("SSH_CONNECTION"),
	    .ssh_client = getenv("SSH_CLIENT"),
	};
	yz_counter_choose(&a->cfg, &h, &a->sess.counter);
	yz_config_use_counter(&a->cfg, &a->sess.counter);
}

int app_load_config(yz_app *a, const char *home_arg)
{
	char home[PATH_MAX]; /* home_arg may point into a->cfg, which is reset next */
	snprintf(home, sizeof(home), "%s", home_arg);
	yz_config_defaults(&a->cfg, home);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/yizhan.conf", home);
	if (access(path, F_OK) == 0) {
		yz_err err = {{0}};
		if (yz_config_load(&a->cfg, path, &err) != 0) {
			app_printf(stderr, "yizhan: %s\n", err.msg);
			return -1;
		}
		if (a->cfg.cups_server[0])
			setenv("CUPS_SERVER", a->cfg.cups_server, 1);
	}
	choose_counter(a);
	return 0;
}

int app_load_forms(yz_app *a, bool say)
{
	yz_diags diags = {0};
	char vocab[PATH_MAX], overlay[PATH_MAX];
	yz_config_vocab_dir(&a->cfg, vocab, sizeof vocab);
	/* The district's published forms over the station's (issue 17). */
	yz_config_district_forms_dir(&a->cfg, overlay, sizeof overlay);
	int rc = yz_catalogue_load_with(a->cfg.forms_dir, overlay, vocab,
	                                yz_clock_today(&a->sess.clock), &a->cat, &diags);
	for (size_t i = 0; say && i < diags.n; i++)
		app_printf(stderr, "%s\n", diags.items[i]);
	yz_diags_free(&diags);
	if (rc != 0 && a->cat.n_forms == 0) {
		if (say)
			app_printf(stderr, _("yizhan: no usable forms in %s\n"), a->cfg.forms_dir);
		return -1;
	}
	return 0;
}

/* Issue 14: the station's folder and files closed to other users (a folder
 * made 0755 by mkdir or a package, a station.db of an older version): ours
 * are tightened (chmod o-rwx), another user's open to all are refused. The
 * -wal and -shm SQLite makes later take station.db's mode. */
int app_private_station(const yz_config *c, yz_err *err)
{
	static const char *const files[] = {"%s/yizhan.conf", "%s", "%s-wal", "%s-shm"};
	char path[PATH_MAX];

	if (yz_private_dir(c->home, false, err) != 0)
		return -1;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, files[i], i == 0 ? c->home : c->db_path);
		if (yz_private_file(path, err) != 0)
			return -1;
	}
	return 0;
}

int app_need_station(const yz_app *a)
{
	if (access(a->cfg.db_path, F_OK) == 0)
		return 0;
	app_printf(stderr, _("yizhan: no station in %s. Create one with: yizhan init --home %s\n"),
	           a->cfg.home, a->cfg.home);
	return -1;
}

int app_open(yz_app *a)
{
	if (app_need_station(a) != 0)
		return -1;
	yz_err err = {{0}};
	if (app_private_station(&a->cfg, &err) != 0 ||
	    yz_store_open_key(a->cfg.db_path, a->cfg.key_file, &a->store, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	char key[PATH_MAX]; /* the station key too, wherever key_file puts it */
	if (yz_store_key_path(a->store, key, sizeof key) == 0 && yz_private_file(key, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		yz_store_close(a->store);
		a->store = NULL;
		return -1;
	}
	/* An installation with its forms or calendar gone: say so plainly. */
	if (yz_config_check_own(&a->cfg, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	if (app_load_forms(a, true) != 0)
		return -1;
	if (yz_service_load_calendar(&a->cfg, &a->calendar, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	a->sess.calendar = &a->calendar;
	if (a->sess.cfg != &a->cfg) /* the counter UI's key loop reads it meanwhile */
		a->sess.cfg = &a->cfg;
	a->sess.store = a->store;
	a->sess.cat = &a->cat;
	yz_service_set_clock(&a->sess, a->sess.clock); /* the store's stamps, today */
	/* Issue 14: the acting account (--as, os_accounts); without one a
	 * clerk's view under the OS account's name (identity.c). The counter UI
	 * signs in on its screen. */
	if (!a->command)
		app_identity_nobody(a);
	else if (app_identity_resolve(a) != 0)
		return -1;
	/* An edited calendar file moves the due dates of open cases (issue 4). */
	if (yz_service_calendar_sync(&a->sess, NULL, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	return 0;
}

void app_close(yz_app *a)
{
	if (a->store)
		yz_store_close(a->store);
	a->store = NULL;
	yz_catalogue_free(&a->cat);
	yz_calendar_free(&a->calendar);
}

void app_print(FILE *f, const char *utf8)
{
	const char *cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0) {
		fputs(utf8, f);
		return;
	}
	size_t len;
	char *conv = yz_iconv(utf8, strlen(utf8), "UTF-8", cs, &len, NULL, NULL);
	fputs(conv ? conv : utf8, f);
	free(conv);
}

void app_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) >= 0) {
		app_print(f, s);
		free(s);
	}
	va_end(ap);
}

void app_print_padded(FILE *f, const char *utf8, int width)
{
	app_print(f, utf8);
	for (int w = yz_text_width(utf8); w < width; w++)
		fputc(' ', f);
}

int app_open_acting(yz_app *a, const char *cmd)
{
	if (app_open(a) != 0)
		return 1;
	return app_need_account(a, cmd);
}

int app_fail(const yz_err *err)
{
	app_printf(stderr, "yizhan: %s\n", err->msg);
	return err->code == YZ_ERR_INVALID || err->code == YZ_ERR_EXISTS ||
	               err->code == YZ_ERR_NOT_FOUND || err->code == YZ_ERR_DENIED
	           ? 2
	           : 1;
}

void app_print_col(const char *text, int width)
{
	app_print_padded(stdout, text, width - 1);
	app_printf(stdout, " ");
}
