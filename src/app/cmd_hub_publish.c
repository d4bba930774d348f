/* yizhan hub publish (issue 17): the district's forms, ledgers and working-day
 * calendar, published at the hub for its stations' next sync.
 *   hub publish FILE… [--as NAME]   check each file, then publish them all (or none)
 *   hub publish --list [--format tsv]  what is published: name, version, size, date…
 *   hub publish --withdraw NAME     the stations remove the file at their next sync
 * Every form of FILE… is read as a station will read it: with this machine's
 * forms (forms_dir), the forms the district published already and the others
 * given, against the vocabulary of yizhan.conf (yz_config_vocab_dir); a ledger
 * against that catalogue; a calendar by the calendar's parser. A file with an
 * error is refused with the parser's file:line:col message and nothing is
 * published. Only the hub's administrator may publish (PostgreSQL refuses the
 * others). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"
#include "hub_cli.h"
#include "yizhan/service/sync.h"

typedef struct pub_opts {
	const char *url;      /* --url */
	const char *as;       /* --as NAME (one file only) */
	const char *withdraw; /* --withdraw NAME */
	const char *format;   /* --format text|tsv (--list) */
	bool list;            /* --list */
	bool help;            /* --help */
	char **files;         /* the words that are not options */
	int n_files;
} pub_opts;

/* One file of the command line, read and named. */
typedef struct pub_file {
	const char *path; /* as given */
	char name[128];   /* its name at the hub */
	char *text;       /* its bytes (malloc'd) */
	size_t len;
} pub_file;

static const char cmd[] = "hub publish";

static void usage(FILE *out)
{
	app_printf(out, "%s",
	           _("Usage: yizhan hub publish FILE... [--as NAME] [--url URL]\n"
	             "       yizhan hub publish --list [--format tsv] [--url URL]\n"
	             "       yizhan hub publish --withdraw NAME [--url URL]\n"
	             "A .form file is published as forms/NAME.form, a .ledger file as "
	             "forms/ledgers/NAME.ledger, a calendar (its name contains \"calendar\", or "
	             "--as calendar.txt) as calendar.txt.\n"));
}

static int parse(int argc, char **argv, pub_opts *o)
{
	*o = (pub_opts){.files = argv};
	for (int i = 0; i < argc; i++) {
		const char **val = !strcmp(argv[i], "--url")        ? &o->url
		                   : !strcmp(argv[i], "--as")       ? &o->as
		                   : !strcmp(argv[i], "--withdraw") ? &o->withdraw
		                   : !strcmp(argv[i], "--format")   ? &o->format
		                                                    : NULL;
		if (val) {
			if (app_take_value(cmd, argc, argv, &i, val) != 0)
				return 2;
		} else if (!strcmp(argv[i], "--list")) {
			o->list = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			o->help = true;
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			app_printf(stderr, _("yizhan %s: unknown option \"%s\"\n"), cmd, argv[i]);
			return 2;
		} else {
			o->files[o->n_files++] = argv[i]; /* argv's words, in place */
		}
	}
	int modes = (o->n_files > 0) + o->list + (o->withdraw != NULL);
	if (modes != 1 || (o->as && o->n_files != 1)) {
		usage(stderr);
		return 2;
	}
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "tsv")) {
		app_printf(stderr, _("yizhan %s: --format is text or tsv, not %s\n"), cmd,
		           o->format);
		return 2;
	}
	return 0;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), e = strlen(end);
	return n >= e && !strcmp(s + n - e, end);
}

/* The name at the hub of path (or of --as). 0, or 2 after a message. */
static int name_of(const char *path, const char *as, char *out, size_t n)
{
	const char *base = as ? as : strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (as && yz_hub_published_name_ok(as))
		snprintf(out, n, "%s", as);
	else if (ends_with(base, ".form") && !strchr(base, '/'))
		snprintf(out, n, "forms/%s", base);
	else if (ends_with(base, ".ledger") && !strchr(base, '/'))
		snprintf(out, n, "forms/ledgers/%s", base);
	else if (strstr(base, "calendar"))
		snprintf(out, n, "calendar.txt");
	else
		out[0] = '\0';
	if (!yz_hub_published_name_ok(out)) {
		app_printf(stderr,
		           _("yizhan %s: %s: not a form (.form), a ledger (.ledger) or a calendar; "
		             "a name is letters, digits, _ . and - (give --as NAME)\n"),
		           cmd, as ? as : path);
		return 2;
	}
	return 0;
}

/* Read every file and name it; two files under one name are refused. */
static int read_files(const pub_opts *o, pub_file *f)
{
	for (int i = 0; i < o->n_files; i++) {
		f[i].path = o->files[i];
		if (name_of(f[i].path, o->as, f[i].name, sizeof f[i].name) != 0)
			return 2;
		for (int j = 0; j < i; j++)
			if (!strcmp(f[i].name, f[j].name)) {
				app_printf(stderr, _("yizhan %s: %s and %s would both be %s\n"),
				           cmd, f[j].path, f[i].path, f[i].name);
				return 2;
			}
		yz_err err = {{0}};
		f[i].text = yz_infile_read(f[i].path, YZ_HUB_PUBLISH_MAX, &f[i].len, &err);
		if (!f[i].text) {
			app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
			return 1;
		}
		if (memchr(f[i].text, '\0', f[i].len) || !yz_utf8_valid(f[i].text, f[i].len)) {
			app_printf(stderr, _("yizhan %s: %s is not UTF-8 text\n"), cmd, f[i].path);
			return 1;
		}
	}
	return 0;
}

/* ---- the checks ---------------------------------------------------------------- */

/* A folder for the check: the district's files as a station will have them
 * (those published already, then these), its forms read over forms_dir. */
typedef struct check_dir {
	char dir[64];   /* the temporary folder, "" when none */
	char forms[96]; /* dir/forms: the overlay */
} check_dir;

static int put_file(check_dir *c, const char *base, const char *text, size_t len)
{
	char path[256];
	yz_err err = {{0}};
	snprintf(path, sizeof path, "%s/%s", c->forms, base);
	if (yz_outfile_write(path, text, len, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		return -1;
	}
	return 0;
}

/* Print the diagnostics about the files being published (the temporary
 * path replaced by the file's own); how many there were. */
static size_t report_diags(const yz_diags *d, const check_dir *c, const pub_file *f, int n)
{
	size_t bad = 0;
	for (size_t i = 0; i < d->n; i++)
		for (int k = 0; k < n; k++) {
			char tmp[256];
			if (strncmp(f[k].name, "forms/", 6) || strchr(f[k].name + 6, '/'))
				continue;
			snprintf(tmp, sizeof tmp, "%s/%s", c->forms, f[k].name + 6);
			size_t tl = strlen(tmp);
			if (!strncmp(d->items[i], tmp, tl) && d->items[i][tl] == ':') {
				app_printf(stderr, "%s%s\n", f[k].path, d->items[i] + tl);
				bad++;
			} else if (strstr(d->items[i], tmp)) {
				app_printf(stderr, "%s: %s\n", f[k].path, d->items[i]);
				bad++;
			}
		}
	return bad;
}

/* Check every file as a station will read it. 0 when all are good. */
static int check_files(yz_app *a, yz_hub *h, pub_file *f, int n)
{
	check_dir c;
	memset(&c, 0, sizeof c);
	yz_err err = {{0}};
	size_t bad = 0;
	const char *tmp = getenv("TMPDIR");
	snprintf(c.dir, sizeof c.dir, "%s/yizhan-publish.XXXXXX",
	         tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(c.dir)) {
		app_printf(stderr, "yizhan %s: %s: %s\n", cmd, c.dir, strerror(errno));
		return 1;
	}
	snprintf(c.forms, sizeof c.forms, "%s/forms", c.dir);
	int rc = 0;
	if (yz_service_district_files(h, c.dir, &err) != 0 ||
	    yz_private_dir(c.forms, true, &err) < 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		rc = -1;
	}
	for (int i = 0; i < n && rc == 0; i++)
		if (!strncmp(f[i].name, "forms/", 6) && !strchr(f[i].name + 6, '/'))
			rc = put_file(&c, f[i].name + 6, f[i].text, f[i].len);
	yz_catalogue cat = {0};
	yz_diags diags = {0};
	if (rc == 0) {
		char vocab[PATH_MAX];
		yz_config_vocab_dir(&a->cfg, vocab, sizeof vocab);
		yz_catalogue_load_with(a->cfg.forms_dir, c.forms, vocab,
		                       yz_clock_today(&a->sess.clock), &cat, &diags);
		yz_catalogue_check(&cat, &diags);
		bad += report_diags(&diags, &c, f, n);
	}
	/* the ledgers against the forms the stations will have */
	for (int i = 0; i < n && rc == 0; i++) {
		if (strncmp(f[i].name, "forms/ledgers/", 14))
			continue;
		yz_diags ld = {0};
		yz_ledger *l = yz_ledger_parse(f[i].path, f[i].text, f[i].len, &cat, &ld);
		for (size_t k = 0; k < ld.n; k++)
			app_printf(stderr, "%s\n", ld.items[k]);
		bad += l ? 0 : ld.n ? ld.n : 1;
		yz_ledger_free(l);
		yz_diags_free(&ld);
	}
	for (int i = 0; i < n && rc == 0; i++) {
		if (strcmp(f[i].name, "calendar.txt"))
			continue;
		yz_calendar cal = {0};
		yz_err e = {{0}};
		if (yz_calendar_parse(f[i].text, f[i].len, f[i].path, &cal, &e) != 0) {
			app_printf(stderr, "%s\n", e.msg);
			bad++;
		} else {
			yz_calendar_free(&cal);
		}
	}
	yz_diags_free(&diags);
	yz_catalogue_free(&cat);
	app_remove_tree(c.dir);
	if (rc != 0)
		return 1;
	if (bad) {
		app_printf(stderr, _("yizhan %s: %zu problems found; nothing was published.\n"),
		           cmd, bad);
		return 1;
	}
	return 0;
}

/* ---- the modes ----------------------------------------------------------------- */

static int publish(yz_app *a, yz_hub *h, const pub_opts *o)
{
	pub_file *f = calloc((size_t)o->n_files, sizeof *f);
	yz_hub_pub_file *p = calloc((size_t)o->n_files, sizeof *p);
	int rc = f && p ? read_files(o, f) : 1;
	if (!f || !p)
		app_printf(stderr, "yizhan %s: %s\n", cmd, _("out of memory"));
	if (rc == 0)
		rc = check_files(a, h, f, o->n_files);
	yz_err err = {{0}};
	for (int i = 0; rc == 0 && i < o->n_files; i++)
		p[i] = (yz_hub_pub_file){.name = f[i].name, .body = f[i].text, .len = f[i].len};
	if (rc == 0 && yz_hub_publish(h, p, (size_t)o->n_files, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		rc = 1;
	}
	for (int i = 0; rc == 0 && i < o->n_files; i++)
		if (p[i].version)
			app_printf(stdout, _("Published %s as %s (version %lld).\n"), f[i].path,
			           f[i].name, (long long)p[i].version);
		else
			app_printf(stdout, _("%s: the hub holds the same %s already; unchanged.\n"),
			           f[i].path, f[i].name);
	if (rc == 0)
		app_printf(stdout, "%s\n",
		           _("The stations take them at their next sync (yizhan sync)."));
	for (int i = 0; f && i < o->n_files; i++)
		free(f[i].text);
	free(f);
	free(p);
	return rc;
}

static int list(yz_hub *h, const pub_opts *o)
{
	bool tsv = o->format && !strcmp(o->format, "tsv");
	yz_hub_published *p = NULL;
	size_t n = 0;
	yz_err err = {{0}};
	if (yz_hub_published_list(h, &p, &n, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		return 1;
	}
	if (!tsv && n) {
		app_print_padded(stdout, _("Published file"), 34);
		app_print_padded(stdout, _("Version"), 9);
		app_print_padded(stdout, _("Size"), 10);
		app_print_padded(stdout, _("Date (UTC)"), 22);
		app_print_padded(stdout, "SHA-256", 14);
		app_printf(stdout, "%s\n", _("Published by"));
	}
	for (size_t i = 0; i < n; i++) {
		char ver[24], size[24], sha[13];
		snprintf(ver, sizeof ver, "%lld", (long long)p[i].version);
		snprintf(size, sizeof size, "%lld", (long long)p[i].size);
		snprintf(sha, sizeof sha, "%.12s", p[i].sha256);
		if (tsv) {
			app_printf(stdout, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p[i].name, ver,
			           p[i].withdrawn ? "withdrawn" : "published", size,
			           p[i].published_at, sha, p[i].published_by);
			continue;
		}
		app_print_padded(stdout, p[i].name, 34);
		app_print_padded(stdout, ver, 9);
		app_print_padded(stdout, p[i].withdrawn ? _("withdrawn") : size, 10);
		app_print_padded(stdout, p[i].published_at, 22);
		app_print_padded(stdout, sha, 14);
		app_printf(stdout, "%s\n", p[i].published_by);
	}
	if (!tsv && !n)
		app_printf(stderr, "%s\n", _("Nothing is published at the hub yet."));
	yz_hub_published_free(p, n);
	return 0;
}

static int withdraw(yz_hub *h, const pub_opts *o)
{
	char name[128];
	if (name_of(o->withdraw, NULL, name, sizeof name) != 0)
		return 2;
	/* the name as --list shows it, or a file's name as it was published */
	if (yz_hub_published_name_ok(o->withdraw))
		snprintf(name, sizeof name, "%s", o->withdraw);
	int64_t version = 0;
	yz_err err = {{0}};
	if (yz_hub_withdraw(h, name, &version, &err) != 0) {
		app_printf(stderr, "yizhan %s: %s\n", cmd, err.msg);
		return 1;
	}
	app_printf(stdout,
	           _("Withdrew %s (version %lld): the stations remove it at their next sync.\n"),
	           name, (long long)version);
	return 0;
}

int cmd_hub_publish(yz_app *a, int argc, char **argv)
{
	pub_opts o;
	int rc = parse(argc, argv, &o);
	if (rc != 0)
		return rc;
	if (o.help) {
		usage(stdout);
		return 0;
	}
	yz_hub *h = NULL;
	if (app_hub_connect(a, cmd, o.url, &h) != 0)
		return 1;
	rc = o.list ? list(h, &o) : o.withdraw ? withdraw(h, &o) : publish(a, h, &o);
	yz_hub_close(h);
	return rc;
}
