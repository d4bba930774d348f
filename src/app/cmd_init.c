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
#include "yizhan/demo.h"

#define DEMO_RESIDENTS   200
#define DEMO_CASES       40
#define DEMO_SEED        20261122u
#define DEMO_COMPACT_MIN 10000 /* residents of a demo packed after its fill (issue 20) */

static int mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0750) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0750) != 0 && errno != EEXIST ? -1 : 0;
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

/* A demo value for a field, as a clerk would have entered it: the form's own
 * example; for a choice its options, one drawn per case; NULL = left empty
 * (computed, tables, fields shown only on a condition, no example). */
static char *demo_value(const yz_field_def *d)
{
	if (d->type == YZ_FIELD_COMPUTED || d->type == YZ_FIELD_TABLE || d->visible_if)
		return NULL;
	if (d->type == YZ_FIELD_RESIDENT)
		return strdup(""); /* the store puts the resident's ID number here */
	if (d->type == YZ_FIELD_CHOICE && d->n_options > 0) {
		size_t len = 1;
		for (size_t i = 0; i < d->n_options; i++)
			len += strlen(d->options[i]) + 1;
		char *list = malloc(len), *p = list;
		for (size_t i = 0; list && i < d->n_options; i++)
			p += sprintf(p, i ? "\n%s" : "%s", d->options[i]);
		return list;
	}
	if (d->example)
		return strdup(d->example);
	return d->type == YZ_FIELD_YESNO ? strdup("no") : NULL;
}

/* A demo case's fields completed as the counter would record them: tables,
 * fields shown on a condition, computed values (issue 13: every document of a
 * demo case prints without a blank). */
static int demo_complete(void *ctx, const yz_demo_item *it, const yz_resident *r,
                         const yz_kv_list *drawn, yz_kv_list *out, yz_err *err)
{
	yz_app *a = ctx;
	const yz_form *f = yz_catalogue_find(&a->cat, it->form_id);
	if (!f) {
		memset(out, 0, sizeof *out);
		return 0;
	}
	return yz_service_sample_fields(&a->sess, f, r, drawn, out, err);
}

/* What intake would record for one form: sample fields, the resident field,
 * the required materials received. Arrays are owned by the item. */
static void demo_item(const yz_form *f, const yz_form_vocab *vocab, yz_demo_item *it)
{
	memset(it, 0, sizeof *it);
	it->form_id = f->id;
	it->title = f->title;
	it->line = f->line;
	it->promise_days = f->promise_days;
	it->legal_days = f->legal_days;
	it->first_state = f->n_states ? f->states[0].id : NULL;
	for (size_t i = 0; i < f->n_states && !it->close_state; i++)
		if (f->states[i].terminal) /* the forms list the good ending first */
			it->close_state = f->states[i].id;
	it->close_result = yz_service_form_results(f, vocab)[0];
	const char **keys = calloc(f->n_fields + 1, sizeof *keys);
	const char **vals = calloc(f->n_fields + 1, sizeof *vals);
	const char **mats = calloc(f->n_materials + 1, sizeof *mats);
	if (!keys || !vals || !mats) {
		free(keys), free(vals), free(mats);
		return; /* the demo's generic fields */
	}
	for (size_t i = 0; i < f->n_fields; i++) {
		const yz_field_def *d = &f->fields[i];
		char *v = demo_value(d);
		if (!v)
			continue;
		if (d->type == YZ_FIELD_RESIDENT && !it->applicant_field)
			it->applicant_field = d->id;
		keys[it->n_fields] = d->id;
		vals[it->n_fields++] = v;
	}
	for (size_t i = 0; i < f->n_materials; i++)
		if (f->materials[i].required)
			mats[it->n_materials++] = f->materials[i].label;
	if (it->n_materials == 0 && f->n_materials > 0)
		mats[it->n_materials++] = f->materials[0].label;
	it->field_keys = keys;
	it->field_vals = vals;
	it->materials = mats;
}

static void demo_item_free(yz_demo_item *it)
{
	for (size_t i = 0; i < it->n_fields; i++)
		free((char *)it->field_vals[i]);
	free((void *)it->field_keys);
	free((void *)it->field_vals);
	free((void *)it->materials);
}

static int fill_demo(yz_app *a, int residents, int cases)
{
	yz_demo_item items[64];
	size_t n = 0;
	for (size_t i = 0; i < a->cat.n_forms && n < 64; i++, n++) {
		demo_item(a->cat.forms[i], &a->cat.vocab, &items[n]);
		items[n].complete = demo_complete;
		items[n].complete_ctx = a;
	}
	yz_err err = {{0}};
	char data[PATH_MAX]; /* the demo's sample data: the program's own data/ */
	yz_config_own_path("data", data, sizeof data);
	int rc = yz_demo_fill(a->store, data, a->cfg.station_code, a->sess.today, a->sess.calendar,
	                      DEMO_SEED, residents, cases, items, n, &err);
	for (size_t i = 0; i < n; i++)
		demo_item_free(&items[i]);
	if (rc != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	/* The demo's dates were drawn in calendar days: put them on working days. */
	if (yz_cases_recompute_all(a->store, a->sess.calendar, a->sess.today, NULL, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	/* Issue 20: a large demo's free space back, as after an import (it
	 * needs the file's size again on the disk meanwhile; without it the
	 * station is as filled, only larger). */
	if (yz_resident_count(a->store) >= DEMO_COMPACT_MIN &&
	    yz_store_compact(a->store, &err) != 0)
		app_printf(stderr, "yizhan: %s\n", err.msg);
	if (cases == DEMO_CASES)
		app_printf(stdout,
		           _("Demo station created: %ld residents. Log in as zhangli / "
		             "demo1234.\n"),
		           yz_resident_count(a->store));
	else
		app_printf(stdout,
		           _("Demo station created: %ld residents, %d cases of the last month. Log "
		             "in as zhangli / demo1234.\n"),
		           yz_resident_count(a->store), cases);
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
	/* Issue 14: handed out, so changed at the first login. */
	if (yz_user_add(a->store, "admin", _("Administrator"), "", YZ_ROLE_ADMIN, pw, &err) != 0 ||
	    yz_user_set_must_change(a->store, "admin", true, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return -1;
	}
	app_printf(stdout,
	           _("Station created. Log in as admin with password %s (shown only now; you "
	             "choose your own at the first login).\n"),
	           pw);
	size_t papers = yz_service_phoneless_papers(&a->sess);
	if (papers) /* issue 13: before a clerk meets the refusal */
		app_printf(
		    stdout,
		    _("Station phone not set: %zu papers print it and cannot be printed. Set "
		      "station_phone in %s/yizhan.conf.\n"),
		    papers, a->cfg.home);
	return 0;
}

/* The value of a number option from 0 to max into *out; false when it is none. */
static bool count_arg(const char *arg, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	return end != arg && !*end && errno == 0 && *out >= 0 && *out <= max;
}

int cmd_init(yz_app *a, int argc, char **argv)
{
	bool demo = false;
	long residents = DEMO_RESIDENTS;
	long cases = DEMO_CASES;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0) {
			demo = true;
		} else if (strcmp(argv[i], "--residents") == 0 && i + 1 < argc) {
			if (!count_arg(argv[++i], 2000000, &residents)) {
				app_printf(stderr,
				           _("yizhan init: --residents takes a number from 0 "
				             "to 2000000\n"));
				return 2;
			}
		} else if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc) {
			/* Issue 20: a station with 100,000 cases, each made as the
			 * demo's month always made them (the store's intake path:
			 * fields, materials, timeline, audit), for the disk and key
			 * figures. */
			if (!count_arg(argv[++i], 1000000, &cases)) {
				app_printf(stderr,
				           _("yizhan init: --cases takes a number from 0 to "
				             "1000000\n"));
				return 2;
			}
		} else {
			app_printf(stderr, _("yizhan init: unknown option \"%s\"\n"), argv[i]);
			return 2;
		}
	}
	/* Nothing is created when the program's own forms or calendar are gone. */
	yz_err err = {{0}};
	if (yz_config_check_own(&a->cfg, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	if (mkdir_p(a->cfg.home) != 0) {
		app_printf(stderr, _("yizhan: cannot create %s: %s\n"), a->cfg.home,
		           strerror(errno));
		return 1;
	}
	/* Issue 14: a folder made beforehand (mkdir, a package) closed to other
	 * users before anything goes in; /tmp and the like refused. */
	if (app_private_station(&a->cfg, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	if (access(a->cfg.db_path, F_OK) == 0) {
		app_printf(stdout, _("A station already exists in %s; nothing changed.\n"),
		           a->cfg.home);
		return 0;
	}
	if (write_config(a, demo) != 0 || app_load_config(a, a->cfg.home) != 0)
		return 1;
	if (yz_store_open_key(a->cfg.db_path, a->cfg.key_file, &a->store, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	yz_store_close(a->store);
	a->store = NULL;
	if (app_open(a) != 0)
		return 1;
	yz_store_meta_set(a->store, "station_code", a->cfg.station_code, NULL);
	return (demo ? fill_demo(a, (int)residents, (int)cases) : add_admin(a)) == 0 ? 0 : 1;
}
