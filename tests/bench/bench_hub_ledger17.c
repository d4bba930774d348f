/* Hub benchmark (issue 17): a month's case register (ban jian deng ji bu)
 * across 200 stations, by the real `yizhan hub ledger export` (time and peak
 * memory). Run under tests/lib/with-postgres (YZ_PG_URL, PGPASSWORD);
 * argument: the yizhan program.
 *
 * The admin makes the hub and registers the stations (real login roles),
 * then fills a year of the stations' rows with SQL over generate_series,
 * each row's raw text in the shape the station's sync views write
 * (src/store/schema.c SYNC_VIEW_*): 1,000,000 cases accepted over the year
 * before today, 19 in 20 closed 0-29 days after, on five lines and ten
 * items; the applicant shared on half of them, a pause on one in twenty, a
 * forward on one in ten, a rating on one in three, a tombstone in a
 * thousand; then ANALYZE.
 *
 * Then, from a workstation with no station (an empty home), three runs each
 * (the median and the slowest wall time; the process's peak resident memory
 * from wait4):
 *   xlsx, csv   the last full month's case_register of the whole district
 *               (about 83,000 rows), the admin's login;
 *   station     the same month as csv for one station (--station).
 * The rows written are checked against a count made in SQL.
 *
 *   YZ_BENCH_CASES     cases in all (default 1000000)
 *   YZ_BENCH_STATIONS  stations (default 200)
 *   YZ_BENCH_RUNS      runs of each (default 3)
 *   YZ_BENCH_EXTRA_SQL run as the admin after filling, before ANALYZE (to try
 *                      an index: its figures are then not the hub's)
 *
 * Prints figures; fails only when something went wrong, never because the
 * machine is slow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_hub_util.h"

/* The rows `Written: FILE (N rows)` says. */
static long rows_of(const char *out)
{
	const char *p = strrchr(out, '(');
	return p ? atol(p + 1) : -1;
}

static int measure(const char *what, char *const argv[], long want, long runs)
{
	double ms[16];
	long rss = 0;
	char out[1024];
	if (runs > 16)
		runs = 16;
	for (long i = 0; i < runs; i++) {
		long r;
		if (bench_run(argv, out, sizeof out, &ms[i], NULL, &r) != 0) {
			fprintf(stderr, "%s failed: %s\n", what, out);
			return -1;
		}
		if (rows_of(out) != want) {
			fprintf(stderr, "%s: %ld rows written, the hub holds %ld\n", what,
			        rows_of(out), want);
			return -1;
		}
		if (r > rss)
			rss = r;
	}
	double slowest = pct(ms, (size_t)runs, 1.0);
	printf("%-44s %7ld rows: median %7.0f ms, slowest %7.0f ms, peak memory %6.1f MiB\n", what,
	       want, pct_sorted(ms, (size_t)runs, 0.5), slowest, (double)rss / 1024);
	return 0;
}

static const char fill_sql[] =
    /* one row per case: station, number, days before today accepted, its kind */
    "CREATE TEMP TABLE src AS SELECT s.code, g, s.code || '-' || to_char(d, 'YYYY') || '-' ||"
    " lpad(g::text, 6, '0') AS no, d::date AS acc, g %% 20 <> 0 AS closed,"
    " (d + (g %% 30) * interval '1 day')::date AS shut FROM (SELECT code FROM stations) s,"
    " generate_series(1, %ld) g, LATERAL (SELECT current_date - 1 - (g * 7919 %% 365) AS d) x;"
    "INSERT INTO h_case (station, key, seq, raw) SELECT code, no, g * 10,"
    " json_build_object('number', no, 'form', 'form' || g %% 10, 'item', 'Item ' || g %% 10,"
    " 'line', 'line' || g %% 5, 'state', CASE WHEN closed THEN 'done' ELSE 'review' END,"
    " 'status', CASE WHEN closed THEN 'done' ELSE 'accepted' END, 'result', CASE WHEN closed"
    " THEN 'approved' ELSE '' END, 'clerk', 'clerk' || g %% 7, 'owner', 'clerk' || g %% 7,"
    " 'accepted', acc::text, 'due', (acc + 20)::text, 'legal_due', (acc + 30)::text,"
    " 'eff_due', (acc + 20)::text, 'fwd_due', null, 'paused_since', '', 'extension_days', 0,"
    " 'promise_days', 10, 'legal_days', 20, 'closed_at', CASE WHEN closed THEN"
    " to_char(shut, 'YYYY-MM-DD') || 'T03:00:00Z' ELSE '' END, 'created_at',"
    " acc::text || 'T01:00:00Z', 'updated_at', acc::text || 'T02:00:00Z')::text FROM src;"
    "INSERT INTO h_applicant (station, key, seq, raw) SELECT code, no, g * 10 + 1,"
    " json_build_object('case', no, 'name', '居民' || g, 'idno', '11010119800101' ||"
    " lpad((g %% 10000)::text, 4, '0'))::text FROM src WHERE g %% 2 = 0;"
    "INSERT INTO h_pause (station, key, seq, raw) SELECT code, no || '/00000001', g * 10 + 2,"
    " json_build_object('case', no, 'from', (acc + 2)::text, 'until', (acc + 5)::text)::text"
    " FROM src WHERE g %% 20 = 1;"
    "INSERT INTO h_forward (station, key, seq, raw) SELECT code, no || '/' || lpad(g::text, 8,"
    " '0'), g * 10 + 3, json_build_object('case', no, 'id', g, 'department', 'Department 1',"
    " 'sent', (acc + 1)::text, 'due', (acc + 15)::text, 'result', CASE WHEN closed THEN"
    " 'approved' ELSE '' END, 'result_date', CASE WHEN closed THEN shut::text ELSE '' END,"
    " 'notified_how', '', 'notified_date', '')::text FROM src WHERE g %% 10 = 3;"
    "INSERT INTO h_rating (station, key, seq, raw) SELECT code, no, g * 10 + 4,"
    " json_build_object('case', no, 'score', 1 + g %% 5, 'comment', '')::text"
    " FROM src WHERE closed AND g %% 3 = 0;"
    "UPDATE h_case SET raw = NULL WHERE seq %% 10000 = 0;"
    "ANALYZE";

int main(int argc, char **argv)
{
	long n_cases, n_st, runs;
	const char *admin = bench_hub_cases_args(argc, argv, &n_cases, &n_st, &runs);
	if (!admin)
		return 1;
	PGconn *a = bench_hub_start(admin, n_st, NULL, 0, 0, NULL);
	if (!a)
		return 1;
	char q[8192];
	double t0 = now_ms();
	snprintf(q, sizeof q, fill_sql, (n_cases + n_st - 1) / n_st);
	if (bench_sql(a, q) != 0)
		return 1;
	const char *extra = getenv("YZ_BENCH_EXTRA_SQL"); /* to try an index */
	if (extra && *extra && (bench_sql(a, extra) != 0 || bench_sql(a, "ANALYZE") != 0))
		return 1;
	/* the last full month, and what it holds */
	PGresult *r =
	    PQexec(a, "SELECT to_char(date_trunc('month', current_date) - interval '1 day',"
	              " 'YYYY-MM'), (SELECT count(*) FROM h_case WHERE raw IS NOT NULL),"
	              " pg_size_pretty(pg_total_relation_size('h_case'))");
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return 1;
	char month[8];
	snprintf(month, sizeof month, "%s", PQgetvalue(r, 0, 0));
	printf("hub filled in %.1f s: %s cases of %ld stations (h_case %s)\n",
	       (now_ms() - t0) / 1e3, PQgetvalue(r, 0, 1), n_st, PQgetvalue(r, 0, 2));
	PQclear(r);
	snprintf(q, sizeof q,
	         "SELECT count(*), count(*) FILTER (WHERE station = 'S001') FROM h_case"
	         " WHERE raw IS NOT NULL AND body ->> 'accepted' LIKE '%s-%%'",
	         month);
	r = PQexec(a, q);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return 1;
	long all = atol(PQgetvalue(r, 0, 0)), one = atol(PQgetvalue(r, 0, 1));
	PQclear(r);
	PQfinish(a);

	setenv("LANGUAGE", "en", 1); /* "Written: FILE (N rows)" read back */
	char home[] = "/tmp/yzbenchledgerXXXXXX";
	if (!mkdtemp(home))
		return 1;
	char url[1024], out_x[1100], out_c[1100], out_s[1100], hopt[1100];
	snprintf(url, sizeof url, "%s", admin);
	snprintf(out_x, sizeof out_x, "%s/district.xlsx", home);
	snprintf(out_c, sizeof out_c, "%s/district.csv", home);
	snprintf(out_s, sizeof out_s, "%s/s001.csv", home);
	snprintf(hopt, sizeof hopt, "%s", home);
	char *x[] = {argv[1], "hub", "ledger", "export", "case_register", "--month", month,
	             "--out", out_x, "--url",  url,      "--home",        hopt,      NULL};
	char *c[] = {argv[1], "hub",    "ledger", "export",   "case_register", "--month",
	             month,   "--out",  out_c,    "--format", "csv-utf8",      "--url",
	             url,     "--home", hopt,     NULL};
	char *s[] = {argv[1], "hub",    "ledger",   "export", "case_register", "--month", month,
	             "--out", out_s,    "--format", "csv",    "--station",     "S001",    "--url",
	             url,     "--home", hopt,       NULL};
	char title[128];
	snprintf(title, sizeof title, "case_register %s, %ld stations, xlsx", month, n_st);
	if (measure(title, x, all, runs) != 0)
		return 1;
	snprintf(title, sizeof title, "case_register %s, %ld stations, csv-utf8", month, n_st);
	if (measure(title, c, all, runs) != 0)
		return 1;
	snprintf(title, sizeof title, "case_register %s, one station (--station), csv", month);
	if (measure(title, s, one, runs) != 0)
		return 1;
	unlink(out_x);
	unlink(out_c);
	unlink(out_s);
	rmdir(home);
	return 0;
}
