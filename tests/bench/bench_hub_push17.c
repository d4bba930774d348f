/* Hub benchmark (issue 17): 50 stations syncing at once against one hub on
 * this machine. Run under tests/lib/with-postgres (YZ_PG_URL, PGPASSWORD).
 * The admin makes the hub (yz_hub_migrate) and registers the stations
 * (yz_hub_station_add: each its own login role, row-level security); then
 * one process per station connects as the station's role and, when all are
 * connected, pushes its changes in batches through yz_hub_push, as
 * `yizhan sync` does, timing each batch. The parent gathers the times and
 * prints the total wall time and the per-batch latency p50/p99; then checks,
 * as the admin, that the hub holds every change of every station.
 *
 * The changes look like a station's: per case a case row (sent twice: made,
 * then updated), its applicant, two fields and three events, with bodies of
 * the keys and about the sizes the station's sync_<kind> views write.
 *
 *   YZ_BENCH_STATIONS  processes (default 50)
 *   YZ_BENCH_CHANGES   changes per station (default 10000)
 *   YZ_BENCH_BATCH     changes per batch (default 1000, the sync's default)
 *
 * Prints figures; fails only when something went wrong (a push refused, a
 * change missing at the hub), never because the machine is slow. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_hub_util.h"

/* The i-th change of a station (seq i + 1): eight changes a case. */
static void make_change(const char *code, long i, yz_hub_change *c, char *key, size_t nkey,
                        char *body, size_t nbody)
{
	long n = i / 8 + 1, slot = i % 8;
	char no[40];
	snprintf(no, sizeof no, "%s-2026-%06ld", code, n);
	c->seq = i + 1;
	c->body = body;
	c->key = key;
	switch (slot) {
	case 0:
	case 7: /* made, then updated (the same key again, newer seq) */
		c->kind = "case";
		snprintf(key, nkey, "%s", no);
		snprintf(
		    body, nbody,
		    "{\"number\":\"%s\",\"form\":\"resident_request\",\"item\":\"Resident "
		    "request\",\"line\":\"civil\",\"state\":\"%s\",\"status\":\"%s\",\"result\":"
		    "%s,\"clerk\":\"zhangli\",\"owner\":\"zhangli\",\"accepted\":\"2026-03-02\","
		    "\"due\":\"2026-03-16\",\"legal_due\":\"2026-03-30\",\"eff_due\":\"2026-03-"
		    "16\",\"fwd_due\":null,\"paused_since\":null,\"extension_days\":0,"
		    "\"promise_days\":10,\"legal_days\":20,\"closed_at\":%s,\"created_at\":"
		    "\"2026-03-02T01:23:45Z\",\"updated_at\":\"2026-03-%02ldT02:00:00Z\"}",
		    no, slot ? "done" : "review", slot ? "closed" : "open",
		    slot ? "\"resolved\"" : "null", slot ? "\"2026-03-10T02:00:00Z\"" : "null",
		    slot ? 10L : 2L);
		break;
	case 1:
		c->kind = "applicant";
		snprintf(key, nkey, "%s", no);
		snprintf(
		    body, nbody,
		    "{\"case\":\"%s\",\"name\":\"Wang Xiaoming\",\"idno\":\"1101051980%08ld\"}", no,
		    n % 100000000);
		break;
	case 2:
	case 3:
		c->kind = "field";
		snprintf(key, nkey, "%s/%04ld", no, slot - 1);
		snprintf(body, nbody, "{\"case\":\"%s\",\"key\":\"%s\",\"value\":\"%s\"}", no,
		         slot == 2 ? "purpose" : "phone",
		         slot == 2 ? "Proof of residence for the school" : "13800138000");
		break;
	default:
		c->kind = "event";
		snprintf(key, nkey, "%s/%010ld", no, n * 3 + slot - 4);
		snprintf(
		    body, nbody,
		    "{\"case\":\"%s\",\"at\":\"2026-03-02T01:2%ld:00Z\",\"actor\":\"zhangli\","
		    "\"kind\":\"%s\",\"note\":\"\",\"from\":%s,\"to\":\"%s\",\"on_behalf\":null}",
		    no, slot, slot == 4 ? "accepted" : "step", slot == 4 ? "null" : "\"review\"",
		    slot == 6 ? "done" : "review");
		break;
	}
}

/* One station's process: wait for the start, push every batch, write the
 * batch times (ms, doubles) to fd. */
static int station(const char *url, const char *pw, const char *code, long changes, long batch,
                   int start_fd, int out_fd)
{
	yz_err err = {{0}};
	yz_hub *h;
	if (yz_hub_open(&h, url, pw, 0, &err) != 0) {
		fprintf(stderr, "%s: connect: %s\n", code, err.msg);
		return 1;
	}
	yz_hub_change *rows = calloc((size_t)batch, sizeof *rows);
	char *keys = malloc((size_t)batch * 64), *bodies = malloc((size_t)batch * 1024);
	if (!rows || !keys || !bodies)
		return 1;
	char go;
	if (read(start_fd, &go, 1) < 0) /* EOF: the parent let everyone go */
		return 1;
	for (long done = 0; done < changes;) {
		long n = changes - done < batch ? changes - done : batch;
		for (long i = 0; i < n; i++)
			make_change(code, done + i, &rows[i], keys + i * 64, 64, bodies + i * 1024,
			            1024);
		int64_t acked = 0;
		double t0 = now_ms();
		if (yz_hub_push(h, code, rows, (size_t)n, changes - done - n, &acked, &err) != 0) {
			fprintf(stderr, "%s: push: %s\n", code, err.msg);
			return 1;
		}
		double ms = now_ms() - t0;
		if (acked < done + n) {
			fprintf(stderr, "%s: acked %" PRId64 " < %ld\n", code, acked, done + n);
			return 1;
		}
		if (write(out_fd, &ms, sizeof ms) != (ssize_t)sizeof ms)
			return 1;
		done += n;
	}
	yz_hub_close(h);
	free(rows);
	free(keys);
	free(bodies);
	return 0;
}

int main(int argc, char **argv)
{
	const char *admin = bench_hub_admin_url(argc, argv, false);
	if (!admin)
		return 1;
	long n_st = env_long("YZ_BENCH_STATIONS", 50),
	     changes = env_long("YZ_BENCH_CHANGES", 10000),
	     batch = env_long("YZ_BENCH_BATCH", 1000);
	yz_err err = {{0}};
	bench_hub_login *st = calloc((size_t)n_st, sizeof *st);
	if (!st)
		return 1;
	yz_hub *h = bench_hub_make(admin, "B", n_st, st, n_st);
	if (!h)
		return 1;
	int start[2], times[2];
	if (pipe(start) != 0 || pipe(times) != 0)
		return 1;
	pid_t *kids = calloc((size_t)n_st, sizeof *kids);
	if (!kids)
		return 1;
	fflush(NULL);
	for (long i = 0; i < n_st; i++) {
		kids[i] = fork();
		if (kids[i] < 0)
			return 1;
		if (kids[i] == 0) {
			close(start[1]);
			close(times[0]);
			_exit(station(st[i].url, st[i].pw, st[i].code, changes, batch, start[0],
			              times[1]));
		}
	}
	close(start[0]);
	close(times[1]);
	/* Let them connect first: the figure is the sync, not 50 logins. */
	sleep(2 + (unsigned)n_st / 25);
	double t0 = now_ms();
	close(start[1]); /* every child's read() returns: all start at once */
	size_t cap = (size_t)n_st * (size_t)((changes + batch - 1) / batch), n = 0;
	double *lat = calloc(cap ? cap : 1, sizeof *lat), ms;
	if (!lat)
		return 1;
	while (read(times[0], &ms, sizeof ms) == (ssize_t)sizeof ms)
		if (n < cap)
			lat[n++] = ms;
	int failed = 0;
	for (long i = 0; i < n_st; i++) {
		int status;
		if (waitpid(kids[i], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	}
	double wall = now_ms() - t0;
	if (failed || n != cap) {
		fprintf(stderr, "%d station processes failed; %zu of %zu batches timed\n", failed,
		        n, cap);
		return 1;
	}
	qsort(lat, n, sizeof *lat, cmp_double);
	/* What the hub holds: every change of every station. */
	yz_hub_station *sts;
	size_t n_sts;
	if (yz_hub_stations(h, &sts, &n_sts, &err) != 0) {
		fprintf(stderr, "stations: %s\n", err.msg);
		return 1;
	}
	int64_t received = 0;
	for (size_t i = 0; i < n_sts; i++) {
		received += sts[i].rows;
		if (sts[i].last_seq != changes || sts[i].backlog != 0) {
			fprintf(stderr, "%s: last_seq %" PRId64 " backlog %" PRId64 "\n",
			        sts[i].code, sts[i].last_seq, sts[i].backlog);
			return 1;
		}
	}
	free(sts);
	yz_hub_close(h);
	long total = n_st * changes;
	if (received != total) {
		fprintf(stderr, "the hub received %" PRId64 " changes, not %ld\n", received, total);
		return 1;
	}
	printf("hub push: %ld stations at once x %ld changes (batch %ld): %ld changes in %.1f s "
	       "wall, %.0f changes/s; per batch p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu "
	       "batches)\n",
	       n_st, changes, batch, total, wall / 1e3, (double)total / (wall / 1e3),
	       pct_sorted(lat, n, 0.50), pct_sorted(lat, n, 0.99), lat[n - 1], n);
	free(lat);
	free(kids);
	free(st);
	return 0;
}
