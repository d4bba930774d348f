/* Statistics benchmark (issue 16): a station with 1,000,000 cases over 2026
 * (YZ_BENCH_CASES to change) — 12 items on 8 lines, 10 clerks, 10,000
 * applicants in households on 20 grids, a tenth still open, 3 % paused for bu
 * zheng, 5 % forwarded, a third rated (bad ones followed up or not) — and the
 * time of yz_service_stats: the year by line (the goal: 1 s), the year for the
 * station alone and by month and by grid, a month by clerk, and this month
 * (today is 2027-01-15) by line as the statistics screen reads it first: the
 * open cases through cases_closed_day, not the whole table. Each is run three
 * times; the best and the worst are printed.
 *
 * YZ_BENCH_KEEP=1 keeps the station and prints its folder; YZ_BENCH_HOME=
 * that folder runs the figures on it again without filling.
 *
 * The station is made by yz_store_open (the real schema) and filled with
 * plain SQL in one transaction: INSERT ... SELECT over a recursive counter,
 * so that setting up takes seconds, not the days a million fsynced intakes
 * would. The rows are what the lifecycle writes (status, closed_at as a UTC
 * stamp, due dates, pauses, forwards, ratings, follow-ups); their MACs are
 * not, as no test here reads them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yizhan/service.h"
#include "yizhan/store.h"
#include "yz_test_paths.h"
#include "bench_util.h"

static double ms_of(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* This process's processor time: on a machine shared with other work the
 * wall time says more about the others than about the statistics. */
static double cpu_ms(void)
{
	return ms_of(CLOCK_PROCESS_CPUTIME_ID);
}

static int run(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "fill: %s\n", msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int fill(const char *path, long cases)
{
	sqlite3 *db;
	char sql[4096];

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (run(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; BEGIN") < 0)
		return -1;
	for (int k = 0; k < 10; k++) {
		snprintf(sql, sizeof sql,
		         "INSERT INTO users(login, name, role, pw_hash, created_at)"
		         " VALUES('clerk%d', 'Clerk %d', 0, 'x', 't')",
		         k, k);
		if (run(db, sql) < 0)
			return -1;
	}
	/* station > 20 grids > a building > a unit > 25 rooms; 10,000 households
	 * and applicants, 20 to a room */
	snprintf(sql, sizeof sql,
	         "INSERT INTO places(id, parent_id, kind, name, created_at) VALUES(1, NULL, 0, "
	         "'S', 't');"
	         "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < 19)"
	         " INSERT INTO places(id, parent_id, kind, name, created_at)"
	         "  SELECT 100 + i, 1, 1, 'Grid ' || i, 't' FROM g"
	         "  UNION ALL SELECT 200 + i, 100 + i, 2, 'B', 't' FROM g"
	         "  UNION ALL SELECT 300 + i, 200 + i, 3, 'U', 't' FROM g;"
	         "WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 499)"
	         " INSERT INTO places(id, parent_id, kind, name, created_at)"
	         "  SELECT 1000 + i, 300 + i / 25, 4, 'R' || i, 't' FROM r;"
	         "WITH RECURSIVE h(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM h WHERE i < 10000)"
	         " INSERT INTO households(id, address, created_at, code, place_id)"
	         "  SELECT i, 'A', 't', printf('%%06d', i), 1000 + i %% 500 FROM h;"
	         "WITH RECURSIVE h(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM h WHERE i < 10000)"
	         " INSERT INTO residents(id, idno, name, birth, female, household_id, relation,"
	         "  created_at, updated_at)"
	         "  SELECT i, printf('X%%017d', i), 'N', '1970-01-01', 0, i, '', 't', 't' FROM h;");
	if (run(db, sql) < 0)
		return -1;
	/* The cases, numbered in the order they were accepted over 2026; items
	 * 0-2 on the spot; a tenth open; the others closed 0-16 days later at
	 * 10:00 Beijing time. */
	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
	         " INSERT INTO cases(id, number, station, year, seq, form_id, item, line,"
	         "  resident_id, resident_name, status, clerk_login, owner, accepted_date,"
	         "  due_date, promise_days, legal_days, created_at, updated_at, state, result,"
	         "  closed_at)"
	         " SELECT i, printf('B-2026-%%07d', i), 'B', 2026, i, 'f' || (i %% 12),"
	         "  'Item ' || (i %% 12), 'L' || (i %% 12 %% 8), 1 + i %% 10000, 'N',"
	         "  CASE WHEN i %% 10 = 0 THEN 'accepted' ELSE 'done' END,"
	         "  'clerk' || (i %% 10), 'clerk' || (i %% 10), a,"
	         "  CASE WHEN i %% 12 < 3 THEN a ELSE date(a, '+14 days') END,"
	         "  CASE WHEN i %% 12 < 3 THEN 0 ELSE 10 END, 20, 't', 't',"
	         "  CASE WHEN i %% 10 = 0 THEN 'accepted' ELSE 'done' END,"
	         "  CASE WHEN i %% 10 = 0 THEN '' ELSE 'resolved' END,"
	         "  CASE WHEN i %% 10 = 0 THEN '' ELSE"
	         "   strftime('%%Y-%%m-%%dT02:00:00Z', a, '+' || (CASE WHEN i %% 12 < 3 THEN 0"
	         "   ELSE i %% 17 END) || ' days') END"
	         " FROM (SELECT i, date('2026-01-01', '+' || ((i - 1) * 365 / %ld) || ' days') AS a"
	         " FROM n);",
	         cases, cases);
	if (run(db, sql) < 0)
		return -1;
	if (run(db,
	        "INSERT INTO case_pauses(case_id, from_date, until_date, missing, bring_by, actor,"
	        " created_at) SELECT id, date(accepted_date, '+1 day'), date(accepted_date, '+4 "
	        "days'),"
	        " 'x', date(accepted_date, '+5 days'), 'clerk0', 't' FROM cases WHERE id % 33 = 5;"
	        "INSERT INTO case_forwards(case_id, department, sent_date, dept_due, result,"
	        " result_date, actor, created_at) SELECT id, 'Dept ' || (id % 6),"
	        " date(accepted_date, '+1 day'), date(accepted_date, '+8 days'),"
	        " CASE WHEN id % 7 = 0 THEN '' ELSE 'ok' END,"
	        " CASE WHEN id % 7 = 0 THEN '' ELSE date(accepted_date, '+' || (2 + id % 9) ||"
	        " ' days') END, 'clerk0', 't' FROM cases WHERE id % 20 = 3;"
	        "INSERT INTO ratings(case_id, score, actor, at) SELECT id, 1 + id % 5, 'clerk0',"
	        " closed_at FROM cases WHERE status = 'done' AND id % 3 = 0;"
	        "INSERT INTO followups(case_id, due_date, state, created_at) SELECT case_id,"
	        " date(at), CASE WHEN case_id % 2 = 0 THEN 'done' ELSE 'open' END, at"
	        " FROM ratings WHERE score >= 4;"
	        "COMMIT; ANALYZE;") < 0)
		return -1;
	sqlite3_close(db);
	return 0;
}

/* The machine's load, printed beside the times (other work shares it). */
static const char *load_average(void)
{
	static char buf[64];
	FILE *f = fopen("/proc/loadavg", "r");
	if (!f || !fgets(buf, sizeof buf, f))
		snprintf(buf, sizeof buf, "?");
	if (f)
		fclose(f);
	buf[strcspn(buf, " ")] = '\0';
	return buf;
}

static int load_calendar(yz_calendar *cal)
{
	FILE *f = fopen(YZ_SOURCE_ROOT "/data/calendar.txt", "r");
	static char text[1 << 16];
	size_t len;
	yz_err err = {{0}};

	if (!f)
		return -1;
	len = fread(text, 1, sizeof text, f);
	fclose(f);
	return yz_calendar_parse(text, len, "calendar.txt", cal, &err);
}

/* Three runs of one figure set; prints the best and the worst. */
static int measure(yz_session *s, const char *what, const char *period, yz_stats_by by)
{
	yz_period p;
	yz_stats st;
	yz_err err = {{0}};
	double best = 1e9, worst = 0, cpu_best = 1e9;

	if (yz_period_parse(period, &p, &err) != 0)
		return -1;
	for (int i = 0; i < 3; i++) {
		double t0 = now_ms(), c0 = cpu_ms();
		if (yz_service_stats(s, &p, by, &st, &err) != 0) {
			fprintf(stderr, "%s: %s\n", what, err.msg);
			return -1;
		}
		double t = now_ms() - t0, c = cpu_ms() - c0;
		cpu_best = c < cpu_best ? c : cpu_best;
		best = t < best ? t : best;
		worst = t > worst ? t : worst;
		if (i < 2)
			yz_stats_free(&st);
	}
	printf("%-24s %6.0f ms (worst %.0f ms; processor %.0f ms): %zu rows; accepted %ld, "
	       "finished %ld, on time %ld, open at the end %ld, forwarded %ld, rated %ld\n",
	       what, best, worst, cpu_best, st.n_rows, st.total.accepted, st.total.finished,
	       st.total.on_time, st.total.open_end, st.total.forwarded, st.total.rated);
	yz_stats_free(&st);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/yz-bench-stats-XXXXXX", cmd[96];
	const char *env = getenv("YZ_BENCH_CASES");
	long cases = env && atol(env) > 0 ? atol(env) : 1000000;
	yz_config cfg;
	yz_catalogue cat;
	yz_calendar cal;
	yz_diags d = {0};
	yz_err err = {{0}};
	yz_store *st;
	double t0;

	const char *keep = getenv("YZ_BENCH_HOME"); /* a station filled before: reused */

	setenv("TZ", "Asia/Shanghai", 1);
	if (keep && *keep && strlen(keep) < sizeof dir)
		snprintf(dir, sizeof dir, "%s", keep);
	else if (!mkdtemp(dir))
		return 1;
	yz_config_defaults(&cfg, dir);
	if (!keep || !*keep) {
		if (yz_store_open(cfg.db_path, &st, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		yz_store_close(st);
		t0 = now_ms();
		if (fill(cfg.db_path, cases) != 0)
			return 1;
		printf("filled %ld cases over 2026 in %.1f s\n", cases, (now_ms() - t0) / 1e3);
	}
	printf("load average %s on %ld processors\n", load_average(),
	       sysconf(_SC_NPROCESSORS_ONLN));
	if (yz_store_open(cfg.db_path, &st, &err) != 0 || load_calendar(&cal) != 0 ||
	    yz_catalogue_load(YZ_SOURCE_ROOT "/forms", YZ_SOURCE_ROOT "/data/vocab",
	                      (yz_date){2027, 1, 15}, &cat, &d) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return 1;
	}
	yz_session s = {
	    .cfg = &cfg, .store = st, .cat = &cat, .calendar = &cal, .today = {2027, 1, 15}};
	snprintf(s.user.login, sizeof s.user.login, "head");
	s.user.role = YZ_ROLE_HEAD;
	int rc = measure(&s, "year 2026 by line", "2026", YZ_STATS_BY_LINE) |
	         measure(&s, "year 2026, the station", "2026", YZ_STATS_BY_NONE) |
	         measure(&s, "year 2026 by month", "2026", YZ_STATS_BY_MONTH) |
	         measure(&s, "year 2026 by grid", "2026", YZ_STATS_BY_GRID) |
	         measure(&s, "2026-11 by clerk", "2026-11", YZ_STATS_BY_CLERK) |
	         /* what the statistics screen reads first: this month by line */
	         measure(&s, "2027-01 by line (screen)", "2027-01", YZ_STATS_BY_LINE);
	yz_store_close(st);
	yz_catalogue_free(&cat);
	yz_diags_free(&d);
	yz_calendar_free(&cal);
	if (keep || getenv("YZ_BENCH_KEEP")) { /* YZ_BENCH_HOME=<it> runs on it again */
		printf("kept %s\n", dir);
		return rc == 0 ? 0 : 1;
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return rc == 0 && system(cmd) == 0 ? 0 : 1;
}
