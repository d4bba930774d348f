/* yizhan init [--demo]: create the data directory, a commented yizhan.conf and the
 * station database. Running it again on an existing station changes nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"
#include "yz_config.h"

#define DEMO_RESIDENTS 200
#define DEMO_CASES     40
#define DEMO_SEED      20261122u

static int mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

static const char *data_dir(void)
{
	if (access(YZ_SOURCE_ROOT "/data/demo.txt", R_OK) == 0)
		return YZ_SOURCE_ROOT "/data";
	return YZ_DATADIR "/data";
}

/* The demo talks to "virtual printers" of a private print server that ./run
 * starts in the data directory; real stations name their CUPS queues here. */
static void demo_printers(yz_config *c)
{
	snprintf(c->printer_receipt, sizeof(c->printer_receipt), "receipt");
	snprintf(c->printer_a4, sizeof(c->printer_a4), "a4");
	snprintf(c->station_phone, sizeof(c->station_phone), "0571-88886666");
}

static int write_config(yz_app *a, bool demo)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/yizhan.conf", a->cfg.home);
	if (access(path, F_OK) == 0)
		return 0;
	if (demo)
		demo_printers(&a->cfg);
	yz_err err = {{0}};
	if (yz_config_write(&a->cfg, path, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int fill_demo(yz_app *a, int residents)
{
	yz_demo_item items[64];
	size_t n = 0;
	for (size_t i = 0; i < a->cat.n_forms && n < 64; i++, n++) {
		const yz_form *f = a->cat.forms[i];
		items[n] = (yz_demo_item){f->id,         f->title,
		                          f->line,       f->promise_days,
		                          f->legal_days, f->n_states ? f->states[0].id : NULL};
	}
	yz_err err = {{0}};
	if (yz_store_demo_fill(a->store, data_dir(), a->cfg.station_code, a->sess.today, DEMO_SEED,
	                       residents, DEMO_CASES, items, n, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	/* The demo's dates were drawn in calendar days: put them on working days. */
	if (yz_cases_recompute_all(a->store, a->sess.calendar, a->sess.today, NULL, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	app_printf(stdout,
	           _("Demo station created: %ld residents. Log in as zhangli / demo1234.\n"),
	           yz_resident_count(a->store));
	return 0;
}

/* A new real station gets one admin account with a random password, shown once. */
static int add_admin(yz_app *a)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
	unsigned char rnd[12];
	char pw[sizeof(rnd) + 1];
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -1;
	for (size_t i = 0; i < sizeof(rnd); i++)
		pw[i] = alphabet[rnd[i] % (sizeof(alphabet) - 1)];
	pw[sizeof(rnd)] = '\0';
	yz_err err = {{0}};
	if (yz_user_add(a->store, "admin", _("Administrator"), "", YZ_ROLE_ADMIN, pw, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	app_printf(stdout,
	           _("Station created. Log in as admin with password %s (shown only now).\n"), pw);
	return 0;
}

int cmd_init(yz_app *a, int argc, char **argv)
{
	bool demo = false;
	long residents = DEMO_RESIDENTS;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0) {
			demo = true;
		} else if (strcmp(argv[i], "--residents") == 0 && i + 1 < argc) {
			char *end;
			residents = strtol(argv[++i], &end, 10);
			if (*end || residents < 0 || residents > 2000000) {
				app_printf(stderr,
				           _("yizhan init: --residents takes a number from 0 "
				             "to 2000000\n"));
				return 2;
			}
		} else {
			app_printf(stderr, _("yizhan init: unknown option \"%s\"\n"), argv[i]);
			return 2;
		}
	}
	if (mkdir_p(a->cfg.home) != 0) {
		app_printf(stderr, _("yizhan: cannot create %s: %s\n"), a->cfg.home,
		           strerror(errno));
		return 1;
	}
	if (access(a->cfg.db_path, F_OK) == 0) {
		app_printf(stdout, _("A station already exists in %s; nothing changed.\n"),
		           a->cfg.home);
		return 0;
	}
	if (write_config(a, demo) != 0 || app_load_config(a, a->cfg.home) != 0)
		return 1;
	yz_err err = {{0}};
	if (yz_store_open(a->cfg.db_path, &a->store, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	yz_store_close(a->store);
	a->store = NULL;
	if (app_open(a) != 0)
		return 1;
	yz_store_meta_set(a->store, "station_code", a->cfg.station_code, NULL);
	return (demo ? fill_demo(a, (int)residents) : add_admin(a)) == 0 ? 0 : 1;
}
