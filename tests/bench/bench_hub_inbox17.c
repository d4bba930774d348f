/* Hub benchmark (issue 17): the department's inbox at 1,000,000 forwarded
 * cases across 200 stations, its first screen (goal: 50 ms). Run under
 * tests/lib/with-postgres (YZ_PG_URL, PGPASSWORD, YZ_PG_CTL, YZ_PG_DIR).
 *
 * The admin makes the hub (yz_hub_migrate), registers the stations and the
 * departments (yz_hub_station_add, yz_hub_dept_add: real login roles), and
 * fills h_case and h_forward quickly with SQL over generate_series, each row's
 * raw text in the shape a station's sync_case / sync_forward view writes
 * (SQLite's compact json_object, keys in the view's order; the generated
 * columns and the inbox's index are the hub's own), then ANALYZE. One forward
 * per case; by default every forward goes to the one department measured (its
 * inbox holds all 1,000,000), a tenth of them still open (the rest answered
 * by the department long ago), dates over the last year, one in fifty with no
 * due date, and one open forward in a hundred answered at the hub but not yet
 * synced back (an answers row).
 *
 * Then the department's own role, through row-level security, reads the first
 * page (yz_hub_inbox, as `yizhan hub inbox` does):
 *   cold  the server restarted (its shared buffers empty; the system's file
 *         cache stays) and a new connection: the first page, each time;
 *   warm  one connection, the page again and again;
 *   all   the first page of --all (answered ones too), warm, three times.
 * Each prints p50/p99/max. Before them, the plans as the department's role
 * (SET ROLE: row-level security applies): EXPLAIN of the open page, custom
 * and generic, and EXPLAIN ANALYZE of the --all page (the statements' text
 * copied from src/hub/statements.c); last, the plan PostgreSQL ran for
 * yz_hub_inbox itself (auto_explain for the department's role: the first
 * execution on a connection and the eighth, after the server may have
 * switched to its generic plan).
 *
 *   YZ_BENCH_FORWARDS  forwarded cases in all (default 1000000)
 *   YZ_BENCH_STATIONS  stations (default 200)
 *   YZ_BENCH_DEPTS     departments they go to, round robin (default 1)
 *   YZ_BENCH_PAGE      rows on the first screen (default 30)
 *   YZ_BENCH_RUNS      warm runs (default 200); cold runs are a tenth (>= 3)
 *   YZ_BENCH_EXPLAIN_ONLY=1  fill, print the plans, stop
 *   YZ_BENCH_EXTRA_SQL  run as the admin after filling, before ANALYZE (to try
 *                      an index or a setting: its figures are then not the hub's)
 *
 * Prints figures; fails only when something went wrong (a short page, an
 * error), never because the machine is slow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../src/hub/hub_int.h" /* the inbox statements */
#include "bench_hub_util.h"

/* The first page as the department sees it; its time in ms, or < 0. */
static double first_page(yz_hub *h, const char *today, bool all, size_t page, size_t *rows)
{
	yz_hub_inbox_query q = {.dept = NULL, .today = today, .all = all, .limit = page};
	yz_hub_inbox_row *r;
	yz_err err = {{0}};
	double t0 = now_ms();
	if (yz_hub_inbox(h, &q, &r, rows, &err) != 0) {
		fprintf(stderr, "inbox: %s\n", err.msg);
		return -1;
	}
	double ms = now_ms() - t0;
	free(r);
	return ms;
}

static long file_size(const char *path)
{
	struct stat s;
	return stat(path, &s) == 0 ? (long)s.st_size : 0;
}

/* What the server log got from offset on, auto_explain's lines only. */
static void print_plan(const char *log, long from, const char *title)
{
	FILE *f = fopen(log, "r");
	if (!f)
		return;
	fseek(f, from, SEEK_SET);
	char line[2048];
	bool in = false;
	printf("%s\n", title);
	while (fgets(line, sizeof line, f)) {
		if (strstr(line, "duration:") && strstr(line, "plan:"))
			in = true;
		else if (line[0] != '\t')
			in = false;
		if (in)
			printf("  %s", line);
	}
	fclose(f);
}

/* The inbox's statements as src/hub/statements.c prepares them (yz_inbox_open,
 * the open first page, and yz_inbox_all, answered ones too), to show their
 * plans: PostgreSQL's custom plan (the values known) and its generic plan
 * (the one a connection may switch to after five runs). */
static const char inbox_open_sql[] = HUB_INBOX_OPEN_SQL HUB_INBOX_BY_OFFSET;
static const char inbox_all_sql[] = HUB_INBOX_ALL_SQL HUB_INBOX_BY_OFFSET;

static void explain(PGconn *a, const char *drole, const char *today, long page)
{
	char q[512];
	snprintf(q, sizeof q, "SET ROLE %s", drole);
	if (bench_sql(a, q) != 0)
		return;
	PGresult *r = PQprepare(a, "inbox_open", inbox_open_sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "prepare: %s\n", PQerrorMessage(a));
	PQclear(r);
	for (int generic = 0; generic < 2; generic++) {
		bench_sql(a, generic ? "SET plan_cache_mode = force_generic_plan"
		                     : "SET plan_cache_mode = force_custom_plan");
		snprintf(q, sizeof q, "EXPLAIN EXECUTE inbox_open('Department 1', '%s', %ld, 0)",
		         today, page);
		r = PQexec(a, q);
		printf("plan of the open first page as %s, %s (EXPLAIN):\n", drole,
		       generic ? "generic" : "custom");
		for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++)
			printf("  %s\n", PQgetvalue(r, i, 0));
		PQclear(r);
	}
	bench_sql(a, "DEALLOCATE inbox_open");
	bench_sql(a, "SET plan_cache_mode = force_custom_plan");
	r = PQprepare(a, "inbox_all", inbox_all_sql, 0, NULL);
	PQclear(r);
	snprintf(q, sizeof q,
	         "EXPLAIN (ANALYZE, BUFFERS) EXECUTE inbox_all('Department 1', '%s', %ld, 0)",
	         today, page);
	r = PQexec(a, q);
	printf("plan of the --all first page as %s, custom (EXPLAIN ANALYZE):\n", drole);
	for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++)
		printf("  %s\n", PQgetvalue(r, i, 0));
	PQclear(r);
	bench_sql(a, "DEALLOCATE inbox_all");
	bench_sql(a, "RESET plan_cache_mode");
	bench_sql(a, "RESET ROLE");
}

int main(int argc, char **argv)
{
	const char *admin = bench_hub_admin_url(argc, argv, false), *ctl = getenv("YZ_PG_CTL"),
	           *pgdir = getenv("YZ_PG_DIR");
	if (!admin)
		return 1;
	if (!ctl || !pgdir) {
		fprintf(stderr, "run under tests/lib/with-postgres\n");
		return 1;
	}
	long n_fwd = env_long("YZ_BENCH_FORWARDS", 1000000),
	     n_st = env_long("YZ_BENCH_STATIONS", 200), n_dept = env_long("YZ_BENCH_DEPTS", 1),
	     page = env_long("YZ_BENCH_PAGE", 30), runs = env_long("YZ_BENCH_RUNS", 200);
	long cold_runs = runs / 10 < 3 ? 3 : runs / 10;
	long per = (n_fwd + n_st - 1) / n_st;
	yz_err err = {{0}};
	yz_hub *h;
	bench_hub_login dept; /* the first department's: the one measured */
	PGconn *a = bench_hub_start(admin, n_st, NULL, 0, n_dept, &dept);
	if (!a)
		return 1;
	/* today: the bench's own clock; dates over the year before it */
	char today[11];
	time_t t = time(NULL);
	strftime(today, sizeof today, "%Y-%m-%d", localtime(&t));
	double t0 = now_ms();
	/* one row per (station, g): the case number no, its forward's fields */
	if (bench_hub_src(a, per, 2025,
	                  " 'Department ' || ((g + s.n) %% %ld + 1) AS dept,"
	                  " (date '%s' - (g * 7919 %% 365))::text AS sent,"
	                  " CASE WHEN g %% 50 = 0 THEN NULL"
	                  "  ELSE (date '%s' - (g * 7919 %% 365) + 15)::text END AS due,"
	                  " g %% 10 = 0 AS open",
	                  n_dept, today, today) != 0)
		return 1;
	char *q = malloc(8192);
	if (!q)
		return 1;
	/* the case's body as sync_case writes it */
	if (bench_sql(
	        a,
	        "INSERT INTO h_case (station, key, seq, raw) SELECT code, no, g * 2,"
	        " '{\"number\":\"' || no || '\",\"form\":\"subsistence_allowance\","
	        "\"item\":\"Subsistence allowance\",\"line\":\"civil\",\"state\":\"'"
	        " || CASE WHEN open THEN 'at_department' ELSE 'approved' END || '\",\"status\":\"'"
	        " || CASE WHEN open THEN 'open' ELSE 'closed' END || '\",\"result\":'"
	        " || CASE WHEN open THEN 'null' ELSE '\"resolved\"' END || ',\"clerk\":\"zhangli\","
	        "\"owner\":\"zhangli\",\"accepted\":\"' || sent || '\",\"due\":\"' || sent ||"
	        " '\",\"legal_due\":\"' || sent || '\",\"eff_due\":\"' || sent || '\",\"fwd_due\":'"
	        " || coalesce('\"' || due || '\"', 'null') || ',\"paused_since\":null,"
	        "\"extension_days\":0,\"promise_days\":20,\"legal_days\":30,\"closed_at\":'"
	        " || CASE WHEN open THEN 'null' ELSE '\"' || sent || 'T08:00:00Z\"' END ||"
	        " ',\"created_at\":\"' || sent || 'T01:00:00Z\",\"updated_at\":\"' || sent ||"
	        " 'T02:00:00Z\"}' FROM src") != 0)
		return 1;
	/* the forward's body as sync_forward writes it */
	if (bench_sql(
	        a,
	        "INSERT INTO h_forward (station, key, seq, raw) SELECT code,"
	        " no || '/' || lpad(g::text, 8, '0'), g * 2 + 1,"
	        " '{\"case\":\"' || no || '\",\"id\":' || g || ',\"department\":\"' || dept ||"
	        " '\",\"sent\":\"' || sent || '\",\"due\":' || coalesce('\"' || due || '\"', "
	        "'null')"
	        " || ',\"result\":' || CASE WHEN open THEN 'null' ELSE '\"approved\"' END ||"
	        " ',\"result_date\":' || CASE WHEN open THEN 'null' ELSE '\"' || sent || '\"' END "
	        "||"
	        " ',\"notified_how\":null,\"notified_date\":null,\"collected_date\":null,"
	        "\"actor\":\"zhangli\",\"created_at\":\"' || sent || 'T02:00:00Z\"}' FROM src") !=
	    0)
		return 1;
	/* answered at the hub, not yet fetched by the station */
	snprintf(q, 8192,
	         "INSERT INTO answers (station, case_no, forward_key, department, result,"
	         " result_date, answered_by) SELECT code, no, no || '/' || lpad(g::text, 8, '0'),"
	         " dept, 'approved', date '%s', '%s' FROM src WHERE open AND g %% 100 = 0",
	         today, dept.role);
	if (bench_sql(a, q) != 0)
		return 1;
	const char *extra = getenv("YZ_BENCH_EXTRA_SQL"); /* to try a change to the schema */
	if (extra && *extra && bench_sql(a, extra) != 0)
		return 1;
	if (bench_sql(a, "ANALYZE") != 0)
		return 1;
	PGresult *r = PQexec(a, "SELECT count(*), count(*) FILTER (WHERE result IS NULL),"
	                        " count(*) FILTER (WHERE department = 'Department 1'),"
	                        " count(*) FILTER (WHERE department = 'Department 1'"
	                        "  AND result IS NULL), (SELECT count(*) FROM answers),"
	                        " pg_size_pretty(pg_total_relation_size('h_forward'))"
	                        " FROM h_forward");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "count: %s\n", PQerrorMessage(a));
		return 1;
	}
	printf("hub filled in %.1f s: %s forwards (%s open) of %ld stations to %ld departments; "
	       "department 1: %s (%s open, %s answered at the hub); h_forward %s\n",
	       (now_ms() - t0) / 1e3, PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1), n_st, n_dept,
	       PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3), PQgetvalue(r, 0, 4), PQgetvalue(r, 0, 5));
	PQclear(r);
	explain(a, dept.role, today, page);
	PQfinish(a);
	fflush(stdout);
	if (getenv("YZ_BENCH_EXPLAIN_ONLY")) {
		free(q);
		return 0;
	}

	/* cold: a restarted server and a new connection each time */
	double *v = calloc((size_t)(runs > cold_runs ? runs : cold_runs), sizeof *v);
	double *conn = calloc((size_t)cold_runs, sizeof *conn);
	if (!v || !conn)
		return 1;
	size_t rows;
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s restart >/dev/null", ctl);
	for (long i = 0; i < cold_runs; i++) {
		if (system(cmd) != 0) {
			fprintf(stderr, "restart failed\n");
			return 1;
		}
		double c0 = now_ms();
		if (yz_hub_open(&h, dept.url, dept.pw, 0, &err) != 0) {
			fprintf(stderr, "department: %s\n", err.msg);
			return 1;
		}
		conn[i] = now_ms() - c0;
		if ((v[i] = first_page(h, today, false, (size_t)page, &rows)) < 0)
			return 1;
		yz_hub_close(h);
		if (rows != (size_t)page) {
			fprintf(stderr, "cold: %zu rows on the first page, not %ld\n", rows, page);
			return 1;
		}
	}
	double c50 = pct(v, (size_t)cold_runs, 0.5), c99 = pct(v, (size_t)cold_runs, 0.99);
	double cmax = v[cold_runs - 1], conn50 = pct(conn, (size_t)cold_runs, 0.5);
	printf(
	    "inbox first screen, cold (server restarted, new connection), %ld rows: p50 %.1f ms, "
	    "p99 %.1f ms, max %.1f ms over %ld runs (connecting: p50 %.1f ms more)\n",
	    page, c50, c99, cmax, cold_runs, conn50);

	/* warm: one connection, again and again */
	if (yz_hub_open(&h, dept.url, dept.pw, 0, &err) != 0) {
		fprintf(stderr, "department: %s\n", err.msg);
		return 1;
	}
	if (first_page(h, today, false, (size_t)page, &rows) < 0)
		return 1;
	for (long i = 0; i < runs; i++)
		if ((v[i] = first_page(h, today, false, (size_t)page, &rows)) < 0 ||
		    rows != (size_t)page) {
			fprintf(stderr, "warm: %zu rows\n", rows);
			return 1;
		}
	double w50 = pct(v, (size_t)runs, 0.5), w99 = pct(v, (size_t)runs, 0.99);
	printf("inbox first screen, warm (one connection), %ld rows: p50 %.1f ms, p99 %.1f ms, "
	       "max %.1f ms over %ld runs (goal 50 ms)\n",
	       page, w50, w99, v[runs - 1], runs);
	long all_runs = 3; /* seconds each at 1,000,000 */
	for (long i = 0; i < all_runs; i++)
		if ((v[i] = first_page(h, today, true, (size_t)page, &rows)) < 0)
			return 1;
	double a50 = pct(v, (size_t)all_runs, 0.5), a99 = pct(v, (size_t)all_runs, 0.99);
	printf("inbox --all first screen, warm, %ld rows: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
	       "over %ld runs\n",
	       page, a50, a99, v[all_runs - 1], all_runs);
	yz_hub_close(h);

	/* the plan: auto_explain for the department's role, at WARNING so that
	 * the server log (log_min_messages = warning) keeps it */
	a = PQconnectdb(admin);
	snprintf(q, 8192,
	         "ALTER ROLE %s SET session_preload_libraries = 'auto_explain';"
	         "ALTER ROLE %s SET auto_explain.log_min_duration = 0;"
	         "ALTER ROLE %s SET auto_explain.log_analyze = on;"
	         "ALTER ROLE %s SET auto_explain.log_buffers = on;"
	         "ALTER ROLE %s SET auto_explain.log_level = 'warning';"
	         "ALTER ROLE %s SET client_min_messages = 'error'",
	         dept.role, dept.role, dept.role, dept.role, dept.role, dept.role);
	if (PQstatus(a) != CONNECTION_OK || bench_sql(a, q) != 0)
		return 1;
	char log[1024];
	snprintf(log, sizeof log, "%s/server.log", pgdir);
	if (yz_hub_open(&h, dept.url, dept.pw, 0, &err) != 0) {
		fprintf(stderr, "department: %s\n", err.msg);
		return 1;
	}
	long off = file_size(log);
	first_page(h, today, false, (size_t)page, &rows);
	usleep(200000);
	print_plan(log, off, "plan, first execution on a connection:");
	for (int i = 0; i < 6; i++)
		first_page(h, today, false, (size_t)page, &rows);
	usleep(200000);
	off = file_size(log);
	first_page(h, today, false, (size_t)page, &rows);
	usleep(200000);
	print_plan(log, off,
	           "plan, eighth execution (the server's generic plan when it chose one):");
	yz_hub_close(h);
	snprintf(q, 8192, "ALTER ROLE %s RESET ALL", dept.role);
	bench_sql(a, q);
	PQfinish(a);
	free(q);
	free(v);
	free(conn);
	return 0;
}
