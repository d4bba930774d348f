/* Sync benchmark (issue 17): one station's backlog of 100,000 changes sent
 * by the real `yizhan sync` to a hub on this machine (goal: 30 s). Run under
 * tests/lib/with-postgres (YZ_PG_URL, PGPASSWORD); argument: the yizhan
 * program.
 *
 * The station: `yizhan init` (a real station: yizhan.conf, key, database),
 * then the demo generator (yz_demo_fill: residents and cases over the last
 * months in their states, with events, pauses, forwards, ratings and
 * follow-ups, on the store's public API, one transaction) with enough cases
 * for the backlog, then yz_outbox_enable, which seeds the outbox with every
 * row of every kind (the station's past): that outbox is the backlog. The
 * hub: `yizhan hub init` and `yizhan hub station add` as its admin, the two
 * lines appended to the station's yizhan.conf. Then `yizhan sync --format
 * tsv` is timed (wall time, and the processor time of the yizhan process),
 * and `yizhan sync --verify` must find station and hub alike.
 *
 *   YZ_BENCH_CHANGES  the backlog wanted (default 100000; the demo's cases
 *                     are chosen for it, the outbox then holds a little more)
 *   YZ_BENCH_BATCH    `sync --batch N` (default: none, the sync's own 1000)
 *
 * Prints figures; fails only when something went wrong (sync or verify
 * failed, changes left waiting), never because the machine is slow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "yizhan/demo.h"
#include "yizhan/service.h"
#include "yizhan/store.h"
#include "yz_test_paths.h"

#include "bench_util.h"

/* Outbox rows the demo makes per case (every kind), measured on this
 * generator: the cases are the backlog wanted over this, plus a little. */
#define ROWS_PER_CASE 4.5

/* Run a shell command line; its output in out (may be NULL). */
static int run(const char *cmd, char *out, size_t n)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	size_t got = 0;
	char buf[4096];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, p)) > 0)
		if (out && got + k < n) {
			memcpy(out + got, buf, k);
			got += k;
		}
	if (out)
		out[got] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static long field(const char *tsv, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = tsv; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, n) && p[n] == '\t')
			return atol(p + n + 1);
	return -1;
}

static double children_cpu_s(void)
{
	struct rusage u;
	getrusage(RUSAGE_CHILDREN, &u);
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
	       (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/* The demo's items: each form with the demo's generic fields. */
static int fill(const char *home, long cases, long *backlog)
{
	yz_config cfg;
	yz_err err = {{0}};
	char path[4096], vocab[4096];
	yz_config_defaults(&cfg, home);
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	if (yz_config_load(&cfg, path, &err) != 0) {
		fprintf(stderr, "yizhan.conf: %s\n", err.msg);
		return -1;
	}
	yz_store *st;
	if (yz_store_open_key(cfg.db_path, cfg.key_file, &st, &err) != 0) {
		fprintf(stderr, "station.db: %s\n", err.msg);
		return -1;
	}
	yz_clock clock = yz_clock_real();
	yz_date today = yz_clock_today(&clock);
	yz_config_vocab_dir(&cfg, vocab, sizeof vocab);
	yz_catalogue cat;
	yz_calendar cal;
	yz_diags diags = {0};
	int rc = yz_catalogue_load(cfg.forms_dir, vocab, today, &cat, &diags);
	yz_diags_free(&diags);
	if ((rc != 0 && cat.n_forms == 0) || yz_service_load_calendar(&cfg, &cal, &err) != 0) {
		fprintf(stderr, "forms or calendar: %s\n", err.msg);
		return -1;
	}
	yz_demo_item items[64];
	/* no sample fields: empty lists, not NULL (the demo copies them) */
	static const char *const none[1] = {NULL};
	size_t n = 0;
	for (size_t i = 0; i < cat.n_forms && n < 64; i++, n++) {
		const yz_form *f = cat.forms[i];
		memset(&items[n], 0, sizeof items[n]);
		items[n].form_id = f->id;
		items[n].title = f->title;
		items[n].line = f->line;
		items[n].promise_days = f->promise_days;
		items[n].legal_days = f->legal_days;
		items[n].first_state = f->n_states ? f->states[0].id : NULL;
		for (size_t k = 0; k < f->n_states && !items[n].close_state; k++)
			if (f->states[k].terminal)
				items[n].close_state = f->states[k].id;
		items[n].close_result = yz_service_form_results(f, &cat.vocab)[0];
		items[n].field_keys = items[n].field_vals = items[n].materials = none;
	}
	double t0 = now_ms();
	if (yz_demo_fill(st, YZ_SOURCE_ROOT "/data", cfg.station_code, today, &cal, 17,
	                 (int)(cases / 5 + 100), (int)cases, items, n, &err) != 0) {
		fprintf(stderr, "demo: %s\n", err.msg);
		return -1;
	}
	double t1 = now_ms();
	int64_t seeded = 0;
	if (yz_outbox_enable(st, "bench", &seeded, &err) != 0) {
		fprintf(stderr, "outbox: %s\n", err.msg);
		return -1;
	}
	printf("station %s: %ld demo cases in %.1f s, outbox enabled in %.1f s: %lld changes "
	       "waiting (%.1f a case)\n",
	       cfg.station_code, cases, (t1 - t0) / 1e3, (now_ms() - t1) / 1e3, (long long)seeded,
	       (double)seeded / (double)cases);
	*backlog = (long)seeded;
	yz_store_close(st);
	yz_catalogue_free(&cat);
	yz_calendar_free(&cal);
	return 0;
}

int main(int argc, char **argv)
{
	const char *url = getenv("YZ_PG_URL");
	if (argc != 2 || !url) {
		fprintf(stderr, "usage: with-postgres bench_sync17 PATH/TO/yizhan\n");
		return 1;
	}
	const char *yz = argv[1];
	long want = env_long("YZ_BENCH_CHANGES", 100000), batch = env_long("YZ_BENCH_BATCH", 0);
	long cases = (long)((double)want / ROWS_PER_CASE) + 1;
	char dir[] = "/tmp/yz-bench-sync-XXXXXX", st[128], cmd[2048], out[8192];
	if (!mkdtemp(dir))
		return 1;
	snprintf(st, sizeof st, "%s/st", dir);
	setenv("LANGUAGE", "en", 1);
	snprintf(cmd, sizeof cmd, "'%s' init --home '%s' >/dev/null && mkdir '%s/admin'", yz, st,
	         dir);
	if (run(cmd, NULL, 0) != 0) {
		fprintf(stderr, "yizhan init failed\n");
		return 1;
	}
	long backlog;
	if (fill(st, cases, &backlog) != 0)
		return 1;
	snprintf(cmd, sizeof cmd,
	         "'%s' hub init --url \"$YZ_PG_URL\" --home '%s/admin' >/dev/null &&"
	         " '%s' hub station add \"$(sed -n 's/^station_code = //p' '%s/yizhan.conf')\""
	         " 'Bench station' --url \"$YZ_PG_URL\" --home '%s/admin' >>'%s/yizhan.conf'",
	         yz, dir, yz, st, dir, st);
	if (run(cmd, NULL, 0) != 0) {
		fprintf(stderr, "hub init or station add failed\n");
		return 1;
	}
	char bopt[32] = "";
	if (batch)
		snprintf(bopt, sizeof bopt, "--batch %ld", batch);
	snprintf(cmd, sizeof cmd, "'%s' sync --format tsv %s --home '%s'", yz, bopt, st);
	double cpu0 = children_cpu_s(), t0 = now_ms();
	int rc = run(cmd, out, sizeof out);
	double wall = (now_ms() - t0) / 1e3, cpu = children_cpu_s() - cpu0;
	long sent = field(out, "sent"), batches = field(out, "batches"),
	     waiting = field(out, "waiting");
	if (rc != 0 || sent <= 0 || waiting != 0) {
		fprintf(stderr, "sync failed (exit %d): %s\n", rc, out);
		return 1;
	}
	printf("sync: backlog %ld changes (%ld shared, sent) in %ld batches of %ld: %.1f s wall "
	       "(goal 30 s), %.0f changes/s; yizhan's own processor time %.1f s\n",
	       backlog, sent, batches, batch ? batch : 1000L, wall, (double)backlog / wall, cpu);
	snprintf(cmd, sizeof cmd, "'%s' sync --verify --home '%s'", yz, st);
	t0 = now_ms();
	rc = run(cmd, out, sizeof out);
	int kinds = 0;
	for (const char *p = out; (p = strchr(p, '\n')); p++)
		kinds++;
	printf("sync --verify: %s (%d kinds compared) in %.1f s\n", rc == 0 ? "ok" : "DIFFERS",
	       kinds, (now_ms() - t0) / 1e3);
	if (rc != 0)
		fprintf(stderr, "%s", out);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (!getenv("YZ_BENCH_KEEP"))
		run(cmd, NULL, 0);
	else
		printf("kept %s\n", dir);
	return rc == 0 ? 0 : 1;
}
