/* Dashboard benchmark (issue 4): 100,000 open cases spread over 10 clerks (a
 * tenth paused, a tenth at a department), one clerk covering an absent A; the
 * time of yz_dashboard_get (five sections counted and their first rows read),
 * mean and p99 over 300 runs. The rows are written with plain SQL in one
 * transaction so that setting up takes seconds, not the hours 100,000 fsynced
 * intakes would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yizhan/store.h"
#include "bench_util.h"

#define CASES  100000
#define CLERKS 10
#define RUNS   300

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int fill(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char sql[256];
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (int k = 0; k < CLERKS; k++) {
		snprintf(sql, sizeof sql,
		         "INSERT INTO users(login, name, role, pw_hash, created_at)"
		         " VALUES('clerk%d', 'Clerk %d', 0, 'x', 't')",
		         k, k);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	sqlite3_exec(db,
	             "INSERT INTO line_staff VALUES('L0','clerk1','clerk0',0,'t');"
	             "INSERT INTO absences(login, from_date, until_date, actor, created_at)"
	             " VALUES('clerk1','2026-04-01','2026-04-30','admin','t');",
	             NULL, NULL, NULL);
	sqlite3_prepare_v2(
	    db,
	    "INSERT INTO cases(number, station, year, seq, form_id, item, line,"
	    " resident_name, status, clerk_login, owner, accepted_date, due_date,"
	    " eff_due, paused_since, state, promise_days, legal_days,"
	    " created_at, updated_at) VALUES(printf('B-2026-%06d', ?1), 'B', 2026, ?1,"
	    " 'f', 'Item', ?2, 'Name', 'accepted', ?3, ?3, ?4, ?5,"
	    " CASE WHEN ?6 THEN '' ELSE ?5 END, CASE WHEN ?6 THEN ?4 ELSE '' END,"
	    " 'received', 20, 40, 't', 't')",
	    -1, &s, NULL);
	for (int i = 1; i <= CASES; i++) {
		char line[8], clerk[16], acc[11], due[11];
		yz_date d = yz_date_from_days(yz_date_to_days((yz_date){2026, 1, 5}) + i % 120);
		yz_date_format(d, acc);
		yz_date_format(yz_date_from_days(yz_date_to_days(d) + 28), due);
		snprintf(line, sizeof line, "L%d", i % 7);
		snprintf(clerk, sizeof clerk, "clerk%d", i % CLERKS);
		sqlite3_bind_int(s, 1, i);
		sqlite3_bind_text(s, 2, line, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, clerk, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, acc, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 5, due, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 6, (i / 10) % 10 == 3);
		if (sqlite3_step(s) != SQLITE_DONE)
			return -1;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	/* A tenth at a department. */
	sqlite3_exec(
	    db,
	    "INSERT INTO case_forwards(case_id, department, sent_date, dept_due, actor,"
	    " created_at) SELECT id, 'Dept', accepted_date, due_date, owner, 't' FROM cases"
	    " WHERE (seq / 10) % 10 = 7;"
	    "UPDATE cases SET forward_id = (SELECT f.id FROM case_forwards f"
	    " WHERE f.case_id = cases.id), fwd_due = due_date WHERE (seq / 10) % 10 = 7;"
	    "COMMIT; ANALYZE;",
	    NULL, NULL, NULL);
	sqlite3_close(db);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/yz-bench-cases-XXXXXX", path[64], cmd[96];
	yz_store *st;
	yz_err err = {0};
	double t[RUNS], sum = 0, t0;
	yz_dashboard *d = calloc(1, sizeof *d);

	if (!d || !mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/station.db", dir);
	if (yz_store_open(path, &st, &err) != 0)
		return 1;
	yz_store_close(st);
	t0 = now_ms();
	if (fill(path) != 0) {
		fprintf(stderr, "fill failed\n");
		return 1;
	}
	printf("filled %d open cases in %.1f s\n", CASES, (now_ms() - t0) / 1e3);
	if (yz_store_open(path, &st, &err) != 0)
		return 1;
	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		if (yz_dashboard_get(st, "clerk0", "2026-04-15", "2026-04-17", d, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		t[i] = now_ms() - t0;
		sum += t[i];
	}
	qsort(t, RUNS, sizeof t[0], cmp_d);
	printf(
	    "dashboard of clerk0 (own queue %ld + cover of clerk1's line L0): queue %ld, due soon "
	    "%ld, overdue %ld, waiting resident %ld, waiting department %ld\n",
	    d->sec[YZ_DASH_QUEUE].count, d->sec[YZ_DASH_QUEUE].count,
	    d->sec[YZ_DASH_DUE_SOON].count, d->sec[YZ_DASH_OVERDUE].count,
	    d->sec[YZ_DASH_WAIT_RESIDENT].count, d->sec[YZ_DASH_WAIT_DEPT].count);
	printf(
	    "dashboard query over %d runs: mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
	    RUNS, sum / RUNS, t[RUNS / 2], t[RUNS * 99 / 100], t[RUNS - 1]);
	yz_store_close(st);
	free(d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
