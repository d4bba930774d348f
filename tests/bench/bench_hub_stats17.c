/* Hub benchmark (issue 17): the district's statistics of a year, 1,000,000
 * cases across 200 stations, by the real `yizhan hub stats` (time and peak
 * memory). Run under tests/lib/with-postgres (YZ_PG_URL, PGPASSWORD);
 * argument: the yizhan program.
 *
 * The admin makes the hub (yz_hub_migrate) and registers the stations
 * (yz_hub_station_add: real login roles), then fills the stations' rows with
 * SQL over generate_series, each row's raw text in the shape the station's
 * sync views write (src/store/schema.c SYNC_VIEW_*): cases accepted over last
 * year (the year measured), 19 in 20 closed 0-29 days after, on five lines and
 * ten items, a bu zheng pause on one case in twenty, a forward on one in
 * ten (a tenth of those answered at the hub only: an answers row), a rating on
 * one in three (a fifth of them bad, half of those followed up), a case in a
 * thousand deleted (a tombstone); then ANALYZE.
 *
 * Then `yizhan hub stats --year Y --format tsv --url URL` from a workstation
 * with no station (an empty home), the admin's login, each split three times
 * (the median and the slowest of wall time; the yizhan process's processor
 * time and peak resident memory, from wait4):
 *   none, station, line, month   the whole district;
 *   one station                  --station S001 (a station's own login is
 *                                refused: the admin's only).
 * The cases' district total is checked against a count made in SQL.
 *
 *   YZ_BENCH_CASES     cases in all (default 1000000)
 *   YZ_BENCH_STATIONS  stations (default 200)
 *   YZ_BENCH_RUNS      runs of each (default 3)
 *
 * Prints figures; fails only when something went wrong, never because the
 * machine is slow. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_hub_util.h"

/* The accepted count of the row whose key starts with key in a tsv. */
static long accepted_of(const char *tsv, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = tsv; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, n)) {
			const char *tab = strchr(p, '\t');
			return tab ? atol(tab + 1) : -1;
		}
	return -1;
}

int main(int argc, char **argv)
{
	long n_cases, n_st, runs;
	const char *admin = bench_hub_cases_args(argc, argv, &n_cases, &n_st, &runs);
	if (!admin)
		return 1;
	long per = (n_cases + n_st - 1) / n_st;
	PGconn *a = bench_hub_start(admin, n_st, NULL, 0, 0, NULL);
	if (!a)
		return 1;
	time_t now = time(NULL);
	struct tm tm = *localtime(&now);
	int year = tm.tm_year + 1900 - 1; /* last year: a whole one */
	double t0 = now_ms();
	/* one row per (station, g): the case's dates and keys */
	if (bench_hub_src(a, per, year,
	                  " date '%d-01-01' + (g * 7919 %% 365) AS acc,"
	                  " g %% 20 <> 0 AS closed, (g * 31 %% 30) AS took,"
	                  " 'line' || (g %% 5) AS line, 'item' || (g %% 10) AS form,"
	                  " 'clerk' || (g %% 7) AS clerk",
	                  year) != 0)
		return 1;
	char *q = malloc(16384);
	if (!q)
		return 1;
	/* the case's body as sync_case writes it */
	if (bench_sql(
	        a, "INSERT INTO h_case (station, key, seq, raw) SELECT code, no, g * 8,"
	           " '{\"number\":\"' || no || '\",\"form\":\"' || form || '\",\"item\":\"Item '"
	           " || form || '\",\"line\":\"' || line || '\",\"state\":\"'"
	           " || CASE WHEN closed THEN 'done' ELSE 'accepted' END || '\",\"status\":\"'"
	           " || CASE WHEN closed THEN 'done' ELSE 'accepted' END || '\",\"result\":\"\","
	           "\"clerk\":\"' || clerk || '\",\"owner\":\"' || clerk || '\",\"accepted\":\"' ||"
	           " acc || '\",\"due\":\"' || (acc + 20) || '\",\"legal_due\":\"' || (acc + 30) ||"
	           " '\",\"eff_due\":\"\",\"fwd_due\":\"\",\"paused_since\":\"\","
	           "\"extension_days\":0,\"promise_days\":14,\"legal_days\":20,\"closed_at\":\"'"
	           " || CASE WHEN closed THEN (acc + took)::text || 'T03:00:00Z' ELSE '' END ||"
	           " '\",\"created_at\":\"' || acc || 'T01:00:00Z\",\"updated_at\":\"' || acc ||"
	           " 'T02:00:00Z\"}' FROM src") != 0)
		return 1;
	if (bench_sql(
	        a,
	        "INSERT INTO h_pause (station, key, seq, raw) SELECT code, no || '/' ||"
	        " lpad(g::text, 8, '0'), g * 8 + 1, '{\"case\":\"' || no || '\",\"from\":\"' ||"
	        " (acc + 2) || '\",\"until\":\"' || (acc + 6) || '\",\"missing\":\"ID card\","
	        "\"bring_by\":\"' || (acc + 9) || '\",\"actor\":\"' || clerk || '\","
	        "\"created_at\":\"' || (acc + 2) || 'T03:00:00Z\"}' FROM src WHERE g % 20 = 3") !=
	    0)
		return 1;
	if (bench_sql(
	        a,
	        "INSERT INTO h_forward (station, key, seq, raw) SELECT code, no || '/' ||"
	        " lpad(g::text, 8, '0'), g * 8 + 2, '{\"case\":\"' || no || '\",\"id\":' || g ||"
	        " ',\"department\":\"Department ' || (g % 12) || '\",\"sent\":\"' || (acc + 1) ||"
	        " '\",\"due\":\"' || (acc + 11) || '\",\"result\":\"' || CASE WHEN g % 100 < 90"
	        " THEN 'approved' ELSE '' END || '\",\"result_date\":\"' || CASE WHEN g % 100 < 90"
	        " THEN (acc + 1 + g % 15)::text ELSE '' END || '\",\"notified_how\":\"\","
	        "\"notified_date\":\"\",\"collected_date\":\"\",\"actor\":\"' || clerk || '\","
	        "\"created_at\":\"' || (acc + 1) || 'T02:00:00Z\"}' FROM src WHERE g % 10 = 1") !=
	    0)
		return 1;
	/* answered at the hub, the station not synced yet */
	if (bench_sql(a, "INSERT INTO answers (station, case_no, forward_key, department, result,"
	                 " result_date) SELECT code, no, no || '/' || lpad(g::text, 8, '0'),"
	                 " 'Department ' || (g % 12), 'approved', acc + 5 FROM src"
	                 " WHERE g % 10 = 1 AND g % 100 >= 90 AND g % 200 < 100") != 0)
		return 1;
	if (bench_sql(
	        a, "INSERT INTO h_rating (station, key, seq, raw) SELECT code, no, g * 8 + 3,"
	           " '{\"case\":\"' || no || '\",\"score\":' || (1 + g % 5) || ',\"comment\":\"\","
	           "\"actor\":\"' || clerk || '\",\"at\":\"' || (acc + took) || 'T05:00:00Z\"}'"
	           " FROM src WHERE closed AND g % 3 = 0") != 0)
		return 1;
	if (bench_sql(
	        a, "INSERT INTO h_followup (station, key, seq, raw) SELECT code, no || '/' ||"
	           " lpad(g::text, 8, '0'), g * 8 + 4, '{\"case\":\"' || no || '\",\"due\":\"' ||"
	           " (acc + took + 3) || '\",\"state\":\"' || CASE WHEN g % 2 = 0 THEN 'done' ELSE"
	           " 'open' END || '\",\"note\":\"\",\"done_by\":\"\",\"done_at\":\"\","
	           "\"created_at\":\"' || acc || 'T06:00:00Z\"}'"
	           " FROM src WHERE closed AND g % 3 = 0 AND 1 + g % 5 >= 4") != 0)
		return 1;
	/* a case in a thousand deleted at its station: a tombstone */
	if (bench_sql(
	        a, "UPDATE h_case SET raw = NULL, seq = seq + 7 WHERE split_part(key, '-', 3)::int"
	           " % 1000 = 7") != 0 ||
	    bench_sql(a, "ANALYZE") != 0)
		return 1;
	snprintf(q, 16384,
	         "SELECT (SELECT count(*) FROM h_case WHERE raw IS NOT NULL),"
	         " (SELECT count(*) FROM h_case WHERE raw IS NOT NULL"
	         "  AND body ->> 'accepted' BETWEEN '%d-01-01' AND '%d-12-31'),"
	         " (SELECT count(*) FROM h_pause), (SELECT count(*) FROM h_forward),"
	         " (SELECT count(*) FROM answers), (SELECT count(*) FROM h_rating),"
	         " (SELECT count(*) FROM h_followup),"
	         " pg_size_pretty(pg_total_relation_size('h_case')),"
	         " (SELECT count(*) FROM h_case WHERE raw IS NOT NULL AND station = 'S001'"
	         "  AND body ->> 'accepted' BETWEEN '%d-01-01' AND '%d-12-31')",
	         year, year, year, year);
	PGresult *r = PQexec(a, q);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "count: %s\n", PQerrorMessage(a));
		return 1;
	}
	long want = atol(PQgetvalue(r, 0, 1)), want_one = atol(PQgetvalue(r, 0, 8));
	printf("hub filled in %.1f s: %s cases (%ld accepted in %d) of %ld stations, %s pauses, "
	       "%s forwards (%s answered at the hub only), %s ratings, %s follow-ups; "
	       "h_case %s\n",
	       (now_ms() - t0) / 1e3, PQgetvalue(r, 0, 0), want, year, n_st, PQgetvalue(r, 0, 2),
	       PQgetvalue(r, 0, 3), PQgetvalue(r, 0, 4), PQgetvalue(r, 0, 5), PQgetvalue(r, 0, 6),
	       PQgetvalue(r, 0, 7));
	PQclear(r);
	PQfinish(a);

	/* a workstation with no station: an empty home */
	char home[] = "/tmp/yzbenchstats.XXXXXX", y[8], url[1024];
	if (!mkdtemp(home))
		return 1;
	snprintf(y, sizeof y, "%d", year);
	size_t cap = 1 << 20;
	char *out = malloc(cap);
	double *v = calloc((size_t)runs, sizeof *v);
	if (!out || !v)
		return 1;
	struct {
		const char *label, *by, *station;
		long want;
	} cases[] = {
	    {"district, no split", "none", NULL, want},
	    {"district by station", "station", NULL, want},
	    {"district by line", "line", NULL, want},
	    {"district by month", "month", NULL, want},
	    {"one station (--station S001)", "none", "S001", want_one},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		long rss = 0, peak = 0;
		double cpu = 0, cpu_sum = 0;
		snprintf(url, sizeof url, "%s", admin);
		char *args[] = {(char *)argv[1],
		                "hub",
		                "stats",
		                "--year",
		                y,
		                "--format",
		                "tsv",
		                "--url",
		                url,
		                "--home",
		                home,
		                "--by",
		                (char *)cases[c].by,
		                NULL,
		                NULL,
		                NULL};
		if (cases[c].station) {
			args[11] = "--station";
			args[12] = (char *)cases[c].station;
		} else if (!strcmp(cases[c].by, "none")) {
			args[11] = NULL;
		}
		for (long i = 0; i < runs; i++) {
			if (bench_run(args, out, cap, &v[i], &cpu, &rss) != 0) {
				fprintf(stderr, "%s: yizhan hub stats failed (after %.1f s)\n",
				        cases[c].label, v[i] / 1e3);
				return 1;
			}
			if (rss > peak)
				peak = rss;
			cpu_sum += cpu;
		}
		/* accepted: the only data row when not split (line 2), else the
		 * stations' or the lines' rows added up (by month: the test checks
		 * the months; here the year's whole, the row after the twelve) */
		long got = -1;
		const char *second = strchr(out, '\n');
		if (!strcmp(cases[c].by, "none")) {
			got = second ? accepted_of(second + 1, "") : -1;
		} else if (!strcmp(cases[c].by, "month")) {
			const char *p = out;
			for (int i = 0; i < 14 && p; i++) /* header, group, 12 months */
				p = (p = strchr(p, '\n')) ? p + 1 : NULL;
			got = p ? accepted_of(p, "") : -1;
		} else {
			/* the rows' keys: "S001 Station 1", "line0" */
			bool st = !strcmp(cases[c].by, "station");
			got = 0;
			for (const char *p = out; p && *p;
			     p = strchr(p, '\n'), p = p ? p + 1 : NULL)
				if ((st ? p[0] == 'S' && p[1] >= '0' && p[1] <= '9'
				        : !strncmp(p, "line", 4)) &&
				    strchr(p, '\t'))
					got += atol(strchr(p, '\t') + 1);
		}
		if (got != cases[c].want) {
			fprintf(stderr, "%s: %ld cases accepted, the hub holds %ld\n%.2000s\n",
			        cases[c].label, got, cases[c].want, out);
			return 1;
		}
		double p50 = pct(v, (size_t)runs, 0.5), mx = v[runs - 1];
		printf(
		    "hub stats --year %s, %s: median %.2f s, slowest %.2f s over %ld runs "
		    "(yizhan's processor time %.2f s a run); peak memory %.1f MiB (%ld accepted)\n",
		    y, cases[c].label, p50 / 1e3, mx / 1e3, runs, cpu_sum / (double)runs,
		    (double)peak / 1024.0, got);
	}
	rmdir(home);
	free(out);
	free(v);
	free(q);
	return 0;
}
