/* yizhan residents find|import|export: the registry from the command line.
 *
 *   residents find QUERY [--limit N]      one match per line, best first
 *   residents import FILE.csv [--encoding utf-8|gb18030] [--rejects FILE] [--update]
 *   residents export FILE.csv [--encoding utf-8|gb18030] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

#define FIND_DEFAULT_LIMIT 20
#define FIND_MAX_LIMIT     1000
#define COMPACT_MIN        10000 /* residents an import adds before the file is packed */

/* Options shared by the three commands. */
typedef struct res_opts {
	const char *arg;      /* the query or the file */
	const char *encoding; /* --encoding, NULL = detect / UTF-8 */
	const char *rejects;  /* --rejects, NULL = FILE.rejects.csv (never FILE itself: a
	                       * rejects file imported again keeps its name) */
	long limit;           /* --limit */
	bool update;          /* --update (import): registered residents are updated */
} res_opts;

static int parse(const char *cmd, int argc, char **argv, res_opts *o)
{
	o->limit = FIND_DEFAULT_LIMIT;
	for (int i = 0; i < argc; i++) {
		bool has_value = i + 1 < argc;
		if (!strcmp(argv[i], "--limit") && has_value) {
			char *end;
			o->limit = strtol(argv[++i], &end, 10);
			if (*end || o->limit < 1 || o->limit > FIND_MAX_LIMIT) {
				app_printf(stderr,
				           _("yizhan %s: --limit takes a number from 1 to %d\n"),
				           cmd, FIND_MAX_LIMIT);
				return 2;
			}
		} else if (!strcmp(argv[i], "--encoding") && has_value) {
			o->encoding = argv[++i];
		} else if (!strcmp(argv[i], "--rejects") && has_value) {
			o->rejects = argv[++i];
		} else if (!strcmp(argv[i], "--update") && !strcmp(cmd, "residents import")) {
			o->update = true;
		} else if (app_take_arg(cmd, argv[i], &o->arg) != 0) {
			return 2;
		}
	}
	return app_need_arg(cmd, o->arg);
}

int cmd_residents_find(yz_app *a, int argc, char **argv)
{
	res_opts o = {0};
	int rc = parse("residents find", argc, argv, &o);
	if (rc != 0)
		return rc;
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "residents find")) != 0)
		return rc;
	yz_search_hit *hits = calloc((size_t)o.limit, sizeof *hits);
	size_t n = 0;
	yz_err err = {{0}};
	if (!hits || yz_registry_search(a->store, o.arg, hits, (size_t)o.limit, &n, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", hits ? err.msg : _("Out of memory."));
		free(hits);
		return 1;
	}
	/* What was looked for stays in the audit log as the screen shows an ID
	 * number: masked. */
	char shown[19];
	bool idno = strlen(o.arg) >= 15 && strspn(o.arg, "0123456789Xx") == strlen(o.arg);
	if (idno)
		yz_idcard_mask(o.arg, shown);
	if (app_audit_read(a, "residents_find", "\"%.64s\": %zu residents shown",
	                   idno ? shown : o.arg, n) != 0) {
		free(hits);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		app_print_padded(stdout, hits[i].masked_idno, 20);
		app_print_padded(stdout, hits[i].r.name, 18);
		app_printf(stdout, "%s\n", hits[i].r.address);
	}
	if (n == 0)
		app_printf(stderr, _("No resident matches \"%s\".\n"), o.arg);
	free(hits);
	return n ? 0 : 1;
}

int cmd_residents_import(yz_app *a, int argc, char **argv)
{
	res_opts o = {0};
	int rc = parse("residents import", argc, argv, &o);
	if (rc != 0)
		return rc;
	if (app_open(a) != 0)
		return 1;
	/* Issue 14: recorded as the account that ran it. */
	if ((rc = app_need_account(a, "residents import")) != 0)
		return rc;
	char *rejects = o.rejects ? strdup(o.rejects) : yz_strdup_printf("%s.rejects.csv", o.arg);
	yz_import_report rep;
	yz_err err = {{0}};
	yz_import_opts io = {o.encoding, rejects, a->sess.user.login, o.update};
	rc = rejects ? yz_residents_import_with(a->store, o.arg, &io, &rep, &err) : -1;
	if (rc != 0) {
		app_printf(stderr, "yizhan: %s\n", rejects ? err.msg : _("Out of memory."));
		free(rejects);
		return 1;
	}
	/* Issue 20: an import that is most of the registry (a station's first
	 * fill) leaves its indexes a tenth empty: the file is packed, as the
	 * demo's is. A few rows into a large station are not worth rewriting it. */
	if (rep.imported >= COMPACT_MIN && rep.imported * 2 >= yz_resident_count(a->store) &&
	    yz_store_compact(a->store, &err) != 0)
		app_printf(stderr, "yizhan: %s\n", err.msg); /* the import itself stands */
	/* The rows read decide the plural ("1 row read"); the other counts
	 * follow a participle that does not change. */
	unsigned long nrows = (unsigned long)rep.rows;
	if (o.update)
		app_printf(
		    stdout,
		    dngettext(YZ_DOMAIN,
		              "%s (%s): %ld row read, %ld added, %ld updated, %ld unchanged, "
		              "%ld rejected.\n",
		              "%s (%s): %ld rows read, %ld added, %ld updated, %ld unchanged, "
		              "%ld rejected.\n",
		              nrows),
		    o.arg, rep.encoding, rep.rows, rep.imported, rep.updated, rep.unchanged,
		    rep.rejected);
	else
		app_printf(
		    stdout,
		    dngettext(YZ_DOMAIN, "%s (%s): %ld row read, %ld imported, %ld rejected.\n",
		              "%s (%s): %ld rows read, %ld imported, %ld rejected.\n", nrows),
		    o.arg, rep.encoding, rep.rows, rep.imported, rep.rejected);
	if (rep.rejected)
		app_printf(stdout,
		           _("The rejected rows and the reasons are in %s: correct them "
		             "there and import that file again.\n"),
		           rejects);
	free(rejects);
	return rep.rejected ? 3 : 0;
}

int cmd_residents_export(yz_app *a, int argc, char **argv)
{
	res_opts o = {0};
	int rc = parse("residents export", argc, argv, &o);
	if (rc != 0)
		return rc;
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "residents export")) != 0)
		return rc;
	long rows = 0;
	yz_err err = {{0}};
	if (yz_residents_export(a->store, o.arg, o.encoding, &rows, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	/* An export nobody can account for is not kept. */
	if (app_audit_read(a, "residents_export", "%ld residents to %.512s", rows, o.arg) != 0) {
		remove(o.arg);
		return 1;
	}
	app_printf(stdout,
	           dngettext(YZ_DOMAIN, "%ld resident written to %s.\n",
	                     "%ld residents written to %s.\n", (unsigned long)rows),
	           rows, o.arg);
	return 0;
}
