/* yizhan sync: the station and the district hub (issue 17).
 *
 *   sync [--batch N] [--format text|tsv]   send what waits, take the answers
 *   sync --verify                          the station's and the hub's digests
 *   sync --digest                          the station's digests (no network)
 *   sync --status                          the last sync, what waits, the district's
 *                                          version of published files (no network)
 *
 * No account signs in: it runs from cron or from the counter UI's child, and
 * the departments' answers it applies are the hub's ("hub" on the timeline).
 * A failed sync loses nothing: it says why, exits 1, and the next one sends
 * what is still waiting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "app.h"

typedef enum sync_what {
	SYNC_RUN,    /* send and receive */
	SYNC_VERIFY, /* compare the digests with the hub's */
	SYNC_DIGEST, /* the station's digests */
	SYNC_STATUS, /* the bookkeeping */
} sync_what;

typedef struct sync_opt {
	sync_what what;
	int n_what; /* how many of --verify, --digest, --status */
	long batch; /* 0 = the default */
	bool tsv;   /* --format tsv */
	bool help;
} sync_opt;

static void sync_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan sync [--batch N] [--format text|tsv]\n"
	             "       yizhan sync --verify | --digest | --status\n"
	             "Sends the station's changes to the district hub named by hub = ... in "
	             "yizhan.conf and applies the departments' answers to its forwarded cases. "
	             "Nothing at the counter waits for it, and a failed sync loses nothing: the "
	             "next one sends what is still waiting.\n\n"
	             "--batch N   changes per batch (1-100000; default 1000)\n"
	             "--format    text (one sentence) or tsv (sent, batches, answers, waiting)\n"
	             "--verify    compare the station's rows with the hub's, kind by kind (count "
	             "and SHA-256); exit 1 when any differs\n"
	             "--digest    the station's count and SHA-256 of each kind, without the "
	             "network\n"
	             "--status    when the station last reached the hub, how many changes wait, "
	             "the last failure\n"));
	app_printf(stdout, "%s",
	           _("\nThe sync also takes the forms, ledgers and calendar the district "
	             "published (yizhan hub publish) into the station's folder district/; "
	             "--status shows their version (district_version).\n"));
}

static int take_batch(const char *v, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < 1 || n > 100000) {
		app_printf(stderr,
		           _("yizhan sync: --batch takes a number from 1 to 100000, not %s\n"), v);
		return 2;
	}
	*out = n;
	return 0;
}

static int parse_opts(int argc, char **argv, sync_opt *o)
{
	static const struct {
		const char *flag;
		sync_what what;
	} whats[] = {
	    {"--verify", SYNC_VERIFY}, {"--digest", SYNC_DIGEST}, {"--status", SYNC_STATUS}};
	const char *v;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		bool known = false;
		for (size_t k = 0; k < sizeof whats / sizeof whats[0]; k++)
			if (!strcmp(a, whats[k].flag)) {
				o->what = whats[k].what;
				o->n_what++;
				known = true;
			}
		if (known)
			continue;
		if (!strcmp(a, "--batch")) {
			if (app_take_value("sync", argc, argv, &i, &v) != 0 ||
			    take_batch(v, &o->batch))
				return 2;
		} else if (!strcmp(a, "--format")) {
			if (app_take_value("sync", argc, argv, &i, &v) != 0)
				return 2;
			if (strcmp(v, "tsv") != 0 && strcmp(v, "text") != 0) {
				app_printf(stderr,
				           _("yizhan sync: --format is text or tsv, not %s\n"), v);
				return 2;
			}
			o->tsv = !strcmp(v, "tsv");
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			o->help = true;
		} else {
			app_printf(stderr,
			           _("yizhan sync: unknown argument %s (see yizhan sync --help)\n"),
			           a);
			return 2;
		}
	}
	if (o->n_what > 1) {
		app_printf(stderr, "%s\n",
		           _("yizhan sync: give one of --verify, --digest and --status"));
		return 2;
	}
	return 0;
}

/* ---- digests ------------------------------------------------------------------- */

typedef struct digest_out {
	bool verify; /* kind, here, hub, ok|DIFFERS; else kind, count, sha256 */
} digest_out;

static void print_digest(void *ctx, const char *kind, int64_t here, const char *hex_here,
                         int64_t hub, const char *hex_hub)
{
	const digest_out *d = ctx;

	if (!d->verify) {
		printf("%s\t%lld\t%s\n", kind, (long long)here, hex_here);
		return;
	}
	printf("%s\t%lld\t%lld\t%s\n", kind, (long long)here, (long long)hub,
	       here == hub && hex_hub && !strcmp(hex_here, hex_hub) ? "ok" : "DIFFERS");
}

static int run_digest(yz_app *a, bool verify)
{
	digest_out d = {.verify = verify};
	yz_err err = {{0}};
	bool same = true;
	int rc = verify ? yz_service_sync_verify(&a->sess, print_digest, &d, &same, &err)
	                : yz_service_sync_digest(&a->sess, print_digest, &d, &err);

	if (rc < 0) {
		app_printf(stderr, "yizhan sync: %s\n", err.msg);
		return 1;
	}
	if (!same)
		app_printf(stderr, "%s\n",
		           _("yizhan sync: the hub differs from the station in the kinds marked "
		             "DIFFERS. Run yizhan sync again; if they still differ, tell the hub's "
		             "administrator."));
	return same ? 0 : 1;
}

/* ---- status and the sync itself ------------------------------------------------ */

static int run_status(yz_app *a)
{
	yz_sync_state st;
	yz_err err = {{0}};

	if (yz_service_sync_state(&a->sess, &st, &err) < 0) {
		app_printf(stderr, "yizhan sync: %s\n", err.msg);
		return 1;
	}
	int64_t district = 0;
	if (yz_service_district_version(&a->sess, &district, &err) < 0) {
		app_printf(stderr, "yizhan sync: %s\n", err.msg);
		return 1;
	}
	printf("last_sync\t%s\nwaiting\t%lld\ndistrict_version\t%lld\n", st.last_sync,
	       (long long)st.waiting, (long long)district);
	if (st.running) {
		/* A sync started and has not ended: still running, or killed. */
		char local[32] = "";
		struct tm tm;
		time_t t = yz_utc_parse(st.last_try);
		if (t != (time_t)-1 && localtime_r(&t, &tm))
			strftime(local, sizeof local, "%Y-%m-%d %H:%M", &tm);
		/* TRANSLATORS: %s is the local time the sync started, "2026-12-06 16:30" */
		app_printf(stdout, "last_error\t");
		app_printf(
		    stdout,
		    _("A sync started at %s and has not finished (it is still running or was "
		      "stopped); nothing is lost."),
		    local);
		app_printf(stdout, "\n");
	} else {
		app_printf(stdout, "last_error\t%s\n", st.last_error);
	}
	return 0;
}

static int run_sync(yz_app *a, const sync_opt *o)
{
	yz_sync_opts so = {.batch = (size_t)o->batch};
	yz_sync_report r;
	yz_err err = {{0}};
	int rc = yz_service_sync(&a->sess, &so, &r, &err);

	if (rc < 0) {
		app_printf(stderr, "yizhan sync: %s\n", err.msg);
		if (r.waiting > 0)
			app_printf(stderr,
			           _("yizhan sync: nothing is lost; the %lld changes still "
			             "waiting go with the next sync.\n"),
			           (long long)r.waiting);
		return 1;
	}
	if (r.hub_behind)
		app_printf(stderr,
		           _("yizhan sync: the district hub held this station's changes only up to "
		             "number %lld, fewer than it had acknowledged: it was put back from an "
		             "older backup, or is a new hub. The station's present state (%lld "
		             "rows) was sent again. Tell the hub's administrator.\n"),
		           (long long)r.hub_seq, (long long)r.reseeded);
	else if (r.hub_seq > 0)
		app_printf(
		    stderr,
		    _("yizhan sync: the district hub already held this station's changes up "
		      "to number %lld, numbers the station was giving again: it was put back "
		      "from an older backup. Its present state (%lld rows) was sent again "
		      "and the hub now takes it as the newest. What the hub received after "
		      "that backup and the station no longer has (cases or records made "
		      "after the backup and lost) stays at the hub; yizhan sync --verify "
		      "shows the difference. Tell the hub's administrator.\n"),
		    (long long)r.hub_seq, (long long)r.reseeded);
	/* the changes went; the district's files wait for the next sync */
	if (r.district_error[0])
		app_printf(stderr, _("yizhan sync: the district's files were not all taken: %s\n"),
		           r.district_error);
	if (o->tsv) {
		printf("sent\t%lld\nbatches\t%lld\nanswers\t%lld\nwaiting\t%lld\n",
		       (long long)r.sent, (long long)r.batches, (long long)r.answers,
		       (long long)r.waiting);
		/* only when the district's files came: a script's four lines stay */
		if (r.district_files > 0)
			printf("district\t%lld\n", (long long)r.district_files);
		return 0;
	}
	app_printf(stdout,
	           _("sent %lld changes in %lld batches, received %lld answers, %lld "
	             "waiting\n"),
	           (long long)r.sent, (long long)r.batches, (long long)r.answers,
	           (long long)r.waiting);
	if (r.district_files > 0)
		/* TRANSLATORS: %lld files, then their names ("forms/x.form, calendar.txt") */
		app_printf(
		    stdout,
		    dngettext(YZ_DOMAIN,
		              "%lld file from the district: %s. The counters take it when "
		              "they next start; yizhan forms check shows the forms in use.\n",
		              "%lld files from the district: %s. The counters take them when "
		              "they next start; yizhan forms check shows the forms in use.\n",
		              (unsigned long)r.district_files),
		    (long long)r.district_files, r.district_names);
	return 0;
}

int cmd_sync(yz_app *a, int argc, char **argv)
{
	sync_opt o = {.what = SYNC_RUN};
	int rc = parse_opts(argc, argv, &o);

	if (rc != 0)
		return rc;
	if (o.help) {
		sync_help();
		return 0;
	}
	if (app_open(a) != 0)
		return 1;
	switch (o.what) {
	case SYNC_VERIFY:
		return run_digest(a, true);
	case SYNC_DIGEST:
		return run_digest(a, false);
	case SYNC_STATUS:
		return run_status(a);
	case SYNC_RUN:
		break;
	}
	return run_sync(a, &o);
}
