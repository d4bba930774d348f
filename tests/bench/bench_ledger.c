/* Ledger benchmark (issue 16): a year's book of every case, the 100,000
 * cases of 2026 at a station of 20,000 residents in 10,000 households and
 * four grids (most closed, a tenth paused once, a twentieth forwarded and
 * answered, a tenth rated), made with forms/ledgers/case_register.ledger and
 * written as .xlsx: the seconds of the run (rows from the store, keys,
 * columns, sort), of the file, and the process's peak RSS. The goal: the
 * whole in 3 s or less. The rows are written with plain SQL in one
 * transaction, as bench_cases.c does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yizhan/service.h"
#include "yizhan/store.h"
#include "yz_test_paths.h"
#include "bench_util.h"

#define CASES      100000
#define RESIDENTS  20000
#define HOUSEHOLDS 10000

static const struct {
	const char *form, *item, *line;
} items[] = {
    {"subsistence_allowance", "Subsistence allowance", "Social assistance"},
    {"resident_request", "Resident request", "Requests"},
    {"residence_certificate", "Residence certificate", "Certificates"},
    {"unemployment_registration", "Unemployment registration", "Employment"},
    {"medical_insurance", "Medical insurance", "Social security"},
    {"volunteer_hours", "Volunteer hours", "Volunteers"},
};
#define N_ITEMS (sizeof items / sizeof items[0])

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int fill_registry(sqlite3 *db)
{
	sqlite3_stmt *s;
	char idno[19];

	if (exec(db, "INSERT INTO users(login, name, role, pw_hash, created_at) VALUES"
	             "('clerk0','Clerk Zero',0,'x','t'),('clerk1','Clerk One',0,'x','t'),"
	             "('head','Head',1,'x','t');"
	             "INSERT INTO places(id, parent_id, kind, name, created_at)"
	             " VALUES(1, NULL, 0, 'Station', 't');") < 0)
		return -1;
	/* 4 grids x 25 buildings x 2 units x 50 rooms */
	sqlite3_prepare_v2(db,
	                   "INSERT INTO places(id, parent_id, kind, name, created_at)"
	                   " VALUES(?1, ?2, ?3, printf('P%d', ?1), 't')",
	                   -1, &s, NULL);
	int id = 2, room0 = 0;
	for (int g = 0; g < 4; g++) {
		int gid = id++;
		sqlite3_bind_int(s, 1, gid), sqlite3_bind_int(s, 2, 1), sqlite3_bind_int(s, 3, 1);
		sqlite3_step(s), sqlite3_reset(s);
		for (int b = 0; b < 25; b++) {
			int bid = id++;
			sqlite3_bind_int(s, 1, bid), sqlite3_bind_int(s, 2, gid),
			    sqlite3_bind_int(s, 3, 2);
			sqlite3_step(s), sqlite3_reset(s);
			for (int u = 0; u < 2; u++) {
				int uid = id++;
				sqlite3_bind_int(s, 1, uid), sqlite3_bind_int(s, 2, bid),
				    sqlite3_bind_int(s, 3, 3);
				sqlite3_step(s), sqlite3_reset(s);
				for (int r = 0; r < 50; r++) {
					int rid = id++;
					if (!room0)
						room0 = rid;
					sqlite3_bind_int(s, 1, rid), sqlite3_bind_int(s, 2, uid),
					    sqlite3_bind_int(s, 3, 4);
					if (sqlite3_step(s) != SQLITE_DONE)
						return -1;
					sqlite3_reset(s);
				}
			}
		}
	}
	sqlite3_finalize(s);
	/* households at the rooms (their ids in places: every room after its unit) */
	if (exec(db, "INSERT INTO households(id, address, created_at, code, place_id)"
	             " SELECT row_number() OVER (ORDER BY id), 'Road ' || id, 't',"
	             " printf('%06d', row_number() OVER (ORDER BY id)), id FROM places"
	             " WHERE kind = 4") < 0)
		return -1;
	sqlite3_prepare_v2(
	    db,
	    "INSERT INTO residents(id, idno, name, birth, female, phone, household_id,"
	    " relation, created_at, updated_at) VALUES(?1, ?2, printf('Name%d', ?1),"
	    " ?3, ?1 % 2, printf('139%08d', ?1), ?4, ?5, 't', 't')",
	    -1, &s, NULL);
	for (int i = 1; i <= RESIDENTS; i++) {
		char birth[11];
		int y = 1930 + i % 80;
		snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, 1 + i % 12, 1 + i % 28);
		snprintf(idno, sizeof idno, "330106%04d%02d%02d%03d%c", y, 1 + i % 12, 1 + i % 28,
		         i % 1000, '0' + i % 10);
		sqlite3_bind_int(s, 1, i);
		sqlite3_bind_text(s, 2, idno, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, birth, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 4, 1 + (i - 1) % HOUSEHOLDS);
		sqlite3_bind_text(s, 5, i <= HOUSEHOLDS ? "head" : "spouse", -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fprintf(stderr, "resident %d: %s\n", i, sqlite3_errmsg(db));
			return -1;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return exec(db, "UPDATE households SET head_id = id;"
	                "INSERT INTO resident_tags(resident_id, kind, start_date, created_at)"
	                " SELECT id, 'dibao', '2025-01-01', 't' FROM residents WHERE id % 50 = 0;");
}

static int fill_cases(sqlite3 *db)
{
	sqlite3_stmt *s;

	sqlite3_prepare_v2(
	    db,
	    "INSERT INTO cases(id, number, station, year, seq, form_id, item, line, resident_id,"
	    " resident_name, resident_idno, status, clerk_login, owner, accepted_date, due_date,"
	    " state, result, promise_days, legal_days, closed_at, created_at, updated_at)"
	    " VALUES(?1, printf('B-2026-%06d', ?1), 'B', 2026, ?1, ?2, ?3, ?4, ?5,"
	    " printf('Name%d', ?5), '', ?6, printf('clerk%d', ?1 % 2), printf('clerk%d', ?1 % 2),"
	    " ?7, ?8, ?9, ?10, ?11, ?11 + 10, ?12, 't', 't')",
	    -1, &s, NULL);
	for (int i = 1; i <= CASES; i++) {
		char acc[11], due[11], closed[21];
		yz_date d = yz_date_from_days(yz_date_to_days((yz_date){2026, 1, 1}) + i % 365);
		int promise = 5 + i % 16;
		bool open = i % 5 == 0;
		yz_date_format(d, acc);
		yz_date_format(yz_add_workdays(NULL, d, promise, NULL), due);
		yz_date c = yz_date_from_days(yz_date_to_days(d) + 1 + i % 20);
		snprintf(closed, sizeof closed, "%04d-%02d-%02dT03:00:00Z", c.year, c.month, c.day);
		sqlite3_bind_int(s, 1, i);
		sqlite3_bind_text(s, 2, items[i % N_ITEMS].form, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, items[i % N_ITEMS].item, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, items[i % N_ITEMS].line, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, 1 + (i * 7) % RESIDENTS);
		sqlite3_bind_text(s, 6, open ? "accepted" : "done", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, acc, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 8, due, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 9, open ? "accepted" : "done", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10,
		                  open    ? ""
		                  : i % 3 ? "approved"
		                          : "resolved",
		                  -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 11, promise);
		sqlite3_bind_text(s, 12, open ? "" : closed, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fprintf(stderr, "case %d: %s\n", i, sqlite3_errmsg(db));
			return -1;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return exec(
	    db,
	    "INSERT INTO case_pauses(case_id, from_date, until_date, missing, bring_by, actor,"
	    " created_at) SELECT id, date(accepted_date, '+1 day'), date(accepted_date, '+4 day'),"
	    " 'x', date(accepted_date, '+5 day'), 'clerk0', 't' FROM cases WHERE id % 10 = 3;"
	    "INSERT INTO case_forwards(case_id, department, sent_date, dept_due, result,"
	    " result_date, actor, created_at) SELECT id, 'Dept', accepted_date,"
	    " date(accepted_date, '+7 day'), 'done', date(accepted_date, '+5 day'), 'clerk0', 't'"
	    " FROM cases WHERE id % 20 = 7;"
	    "INSERT INTO ratings(case_id, score, comment, actor, at) SELECT id, 1 + id % 5, '',"
	    " 'clerk0', 't' FROM cases WHERE id % 10 = 1 AND status = 'done';");
}

/* CPU seconds of this process so far (user and system): on a machine
 * shared with other work the wall clock says less about the code. */
static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int main(void)
{
	char dir[256] = "/tmp/yz-bench-ledger-XXXXXX", path[300], out[300], cmd[300];
	yz_store *st;
	yz_err err = {{0}};
	sqlite3 *db;
	yz_config cfg;
	yz_catalogue cat;
	yz_diags d = {0};
	yz_ledger_set set = {0};

	/* YZ_BENCH_HOME: a folder to make the station in once and reuse. */
	const char *keep = getenv("YZ_BENCH_HOME");
	if (keep && *keep)
		snprintf(dir, sizeof dir, "%s", keep);
	else if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/station.db", dir);
	double t0 = now_s();
	if (access(path, F_OK) != 0) {
		mkdir(dir, 0750);
		if (yz_store_open(path, &st, &err) != 0)
			return 1;
		yz_store_close(st);
		if (sqlite3_open(path, &db) != SQLITE_OK || exec(db, "BEGIN") < 0 ||
		    fill_registry(db) < 0 || fill_cases(db) < 0 ||
		    exec(db, "COMMIT; ANALYZE;") < 0) {
			fprintf(stderr, "fill failed\n");
			return 1;
		}
		sqlite3_close(db);
		printf("filled %d residents, %d cases of 2026 in %.1f s\n", RESIDENTS, CASES,
		       now_s() - t0);
	}

	yz_config_defaults(&cfg, dir);
	snprintf(cfg.station_name, sizeof cfg.station_name, "%s", "Bench station");
	if (yz_store_open(path, &st, &err) != 0 ||
	    yz_catalogue_load(YZ_SOURCE_ROOT "/forms", YZ_SOURCE_ROOT "/data/vocab",
	                      yz_clock_today(NULL), &cat, &d) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return 1;
	}
	yz_diags_free(&d);
	yz_session s = {.cfg = &cfg, .store = st, .cat = &cat};
	if (yz_user_get(st, "head", &s.user, &err) != 0)
		return 1;
	yz_service_set_clock(&s, yz_clock_real());
	if (yz_service_ledgers_load(YZ_SOURCE_ROOT "/forms", &cat, &set, &d) != 0 && d.n)
		fprintf(stderr, "ledgers: %s\n", d.items[0]);
	const yz_ledger *l = yz_ledger_find(&set, "case_register");
	if (!l) {
		fprintf(stderr, "no case_register ledger\n");
		return 1;
	}
	yz_ledger_query q = {.from = {2026, 1, 1}, .to = {2026, 12, 31}, .period_id = "2026"};
	yz_report *r = NULL;
	t0 = now_s();
	double c0 = cpu_s();
	if (yz_service_ledger_run(&s, l, &q, &r, &err) != 0) {
		fprintf(stderr, "run: %s\n", err.msg);
		return 1;
	}
	double t_run = now_s() - t0, c_run = cpu_s() - c0;
	/* YZ_BENCH_RUN_ONLY: the run alone (to profile it). */
	if (getenv("YZ_BENCH_RUN_ONLY")) {
		printf("case_register 2026: %zu rows; run %.2f s (CPU %.2f s)\n", r->n_rows, t_run,
		       c_run);
		yz_report_free(r);
		return 0;
	}
	snprintf(out, sizeof out, "%s/case_register.xlsx", dir);
	t0 = now_s();
	c0 = cpu_s();
	if (yz_report_write(r, YZ_REPORT_XLSX, &s.print, out, &err) != 0) {
		fprintf(stderr, "xlsx: %s\n", err.msg);
		return 1;
	}
	double t_xlsx = now_s() - t0, c_xlsx = cpu_s() - c0;
	struct stat sb;
	stat(out, &sb);
	printf("case_register 2026: %zu rows; run %.2f s (CPU %.2f s), xlsx %.2f s (CPU %.2f s, "
	       "%lld bytes), total %.2f s (CPU %.2f s; goal <= 3 s); peak RSS %ld MB\n",
	       r->n_rows, t_run, c_run, t_xlsx, c_xlsx, (long long)sb.st_size, t_run + t_xlsx,
	       c_run + c_xlsx, peak_rss_kb() / 1024);
	yz_report_free(r);
	yz_ledger_set_free(&set);
	yz_catalogue_free(&cat);
	yz_store_close(st);
	if (keep && *keep)
		return 0;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
