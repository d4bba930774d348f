/* Disk (issue 20; goal: 1,000,000 residents + 100,000 cases in at most 600 MB).
 *
 * Builds a demo station of YZ_BENCH_RESIDENTS residents (default 1000000) and
 * YZ_BENCH_CASES cases (default 100000; `init --demo --cases`: real cases
 * through the store's intake path, with bodies, timelines and audit rows), or
 * takes the station in YZ_BENCH_HOME as it is (its WAL is checkpointed: the
 * file is changed in form, not in content). Prints the file's size after a
 * checkpoint that truncates the WAL, what each table and index costs (SQLite's
 * dbstat) with bytes per row of its table, what a resident and a case cost,
 * and checks the audit log (`yizhan audit verify`). The reference, in the
 * same run: the same residents exported to CSV (the file's bytes) and
 * imported into an empty station (`yizhan residents import`), measured the
 * same way. README rows at the end.
 *
 * usage: bench_disk20 /path/to/yizhan */
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_util.h"

#define MB (1024.0 * 1024.0)

/* What the tables are for: the registry, the cases, the audit log, the rest. */
enum part { P_REGISTRY, P_CASES, P_AUDIT, P_OTHER, P_COUNT };
static const char *const part_name[P_COUNT] = {"registry", "cases", "audit", "other"};

static enum part part_of(const char *table)
{
	static const char *const registry[] = {
	    "residents", "resident_initials", "resident_tags", "resident_history", "households",
	    "places",    "registry_history",  "rentals",       "rental_tenants"};
	if (!strcmp(table, "audit") || !strcmp(table, "audit_sums"))
		return P_AUDIT;
	for (size_t i = 0; i < sizeof registry / sizeof *registry; i++)
		if (!strcmp(table, registry[i]))
			return P_REGISTRY;
	if (!strncmp(table, "case", 4) || !strcmp(table, "approvals") ||
	    !strcmp(table, "ratings") || !strcmp(table, "followups") ||
	    !strcmp(table, "print_jobs") || !strcmp(table, "outbox") || !strncmp(table, "talk_", 5))
		return P_CASES;
	return P_OTHER;
}

/* One station measured. */
typedef struct station {
	const char *what;           /* its name in the output */
	char db[PATH_MAX];          /* its station.db */
	long long file;             /* bytes of station.db after the checkpoint */
	long long wal;              /* bytes of the WAL after it (0 when truncated) */
	long long part[P_COUNT];    /* bytes per part */
	long long residents, cases; /* rows */
	long long audit_rows;       /* rows of the audit log */
} station;

static int run(const char *cmd)
{
	int rc = system(cmd);
	if (rc != 0)
		fprintf(stderr, "bench_disk20: failed (%d): %s\n", rc, cmd);
	return rc;
}

static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Rows of a table, by name (quoted: the names come from sqlite_schema). */
static long long rows_of(sqlite3 *db, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table);
	long long n = count(db, sql);
	sqlite3_free(sql);
	return n;
}

/* Checkpoint (TRUNCATE), then the size of the file and what dbstat says of
 * every table and index: printed when verbose. 0 or -1. */
static int measure(station *s, bool verbose)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	char wal[PATH_MAX + 8];

	if (sqlite3_open_v2(s->db, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA busy_timeout = 10000; PRAGMA wal_checkpoint(TRUNCATE)", NULL,
	                 NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_disk20: %s: %s\n", s->db, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	snprintf(wal, sizeof wal, "%s-wal", s->db);
	s->file = file_size(s->db);
	s->wal = file_size(wal);
	s->residents = count(db, "SELECT count(*) FROM residents");
	s->cases = count(db, "SELECT count(*) FROM cases");
	s->audit_rows = count(db, "SELECT count(*) FROM audit");
	memset(s->part, 0, sizeof s->part);
	if (sqlite3_prepare_v2(db,
	                       "SELECT d.name, coalesce(m.tbl_name, d.name), m.type = 'index',"
	                       " sum(d.pgsize), sum(d.unused) FROM dbstat d"
	                       " LEFT JOIN sqlite_schema m ON m.name = d.name"
	                       " GROUP BY d.name ORDER BY 4 DESC",
	                       -1, &q, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_disk20: dbstat: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	if (verbose)
		printf("%-30s %-18s %9s %6s %10s %8s %7s\n", s->what, "table", "MB", "%", "rows",
		       "B/row", "unused");
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		const char *table = (const char *)sqlite3_column_text(q, 1);
		long long bytes = sqlite3_column_int64(q, 3), unused = sqlite3_column_int64(q, 4);
		s->part[part_of(table)] += bytes;
		if (!verbose || (double)bytes < 0.002 * (double)s->file)
			continue; /* the small ones are in their part's total */
		long long rows = rows_of(db, table);
		printf("%-30s %-18s %9.1f %6.1f %10lld %8.1f %6.1f%%\n", name, table, bytes / MB,
		       100.0 * (double)bytes / (double)s->file, rows,
		       rows > 0 ? (double)bytes / (double)rows : 0.0,
		       100.0 * (double)unused / (double)bytes);
	}
	sqlite3_finalize(q);
	if (verbose) {
		printf("%s: %.1f MB (WAL %lld bytes after the checkpoint); %lld residents, %lld "
		       "cases, %lld audit rows\n",
		       s->what, s->file / MB, s->wal, s->residents, s->cases, s->audit_rows);
		for (int p = 0; p < P_COUNT; p++)
			printf("  %-9s %9.1f MB\n", part_name[p], s->part[p] / MB);
		if (sqlite3_prepare_v2(db,
		                       "SELECT action, count(*) FROM audit GROUP BY action"
		                       " ORDER BY 2 DESC LIMIT 8",
		                       -1, &q, NULL) == SQLITE_OK) {
			printf("  audit rows by action:");
			while (sqlite3_step(q) == SQLITE_ROW)
				printf(" %s %lld", sqlite3_column_text(q, 0),
				       (long long)sqlite3_column_int64(q, 1));
			printf("\n");
			sqlite3_finalize(q);
		}
	}
	sqlite3_close(db);
	return 0;
}

static void load(char *out, size_t n)
{
	FILE *f = fopen("/proc/loadavg", "r");
	if (!f || !fgets(out, (int)n, f))
		snprintf(out, n, "?");
	out[strcspn(out, "\n")] = '\0';
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench_disk20 /path/to/yizhan\n");
		return 2;
	}
	const char *yz = argv[1];
	long residents = env_long("YZ_BENCH_RESIDENTS", 1000000);
	long cases = env_long("YZ_BENCH_CASES", 100000);
	const char *keep = getenv("YZ_BENCH_HOME");
	char tmp[] = "/tmp/yzdisk20.XXXXXX", home[PATH_MAX], ref[PATH_MAX], csv[PATH_MAX];
	char cmd[4 * PATH_MAX + 256], la[128];
	station demo = {.what = "demo station"}, imp = {.what = "import of its residents"};
	double t0, t_demo = 0, t_imp, t_verify;
	int rc = 1;

	if (!mkdtemp(tmp)) {
		perror("bench_disk20: mkdtemp");
		return 1;
	}
	snprintf(home, sizeof home, "%s", keep && *keep ? keep : tmp);
	snprintf(home + strlen(home), sizeof home - strlen(home), "%s",
	         keep && *keep ? "" : "/demo");
	snprintf(ref, sizeof ref, "%s/import", tmp);
	snprintf(csv, sizeof csv, "%s/residents.csv", tmp);
	snprintf(demo.db, sizeof demo.db, "%s/station.db", home);
	snprintf(imp.db, sizeof imp.db, "%s/station.db", ref);

	if (access(demo.db, F_OK) != 0) {
		printf("building a demo station of %ld residents and %ld cases in %s "
		       "(minutes)\n",
		       residents, cases, home);
		fflush(stdout);
		snprintf(cmd, sizeof cmd,
		         "'%s' init --demo --residents %ld --cases %ld --home '%s' >/dev/null", yz,
		         residents, cases, home);
		t0 = now_s();
		if (run(cmd) != 0)
			goto out;
		t_demo = now_s() - t0;
	}
	if (measure(&demo, true) != 0)
		goto out;

	/* The audit log of the whole station, checked as the admin checks it. */
	snprintf(cmd, sizeof cmd, "'%s' --home '%s' audit verify >/dev/null", yz, home);
	t0 = now_s();
	if (run(cmd) != 0) {
		fprintf(stderr, "bench_disk20: the demo station's audit log does not verify\n");
		goto out;
	}
	t_verify = now_s() - t0;

	/* The reference: the same residents through the CSV exchange, into a
	 * station with the demo's accounts and nothing else. */
	snprintf(cmd, sizeof cmd,
	         "echo demo1234 | '%s' --home '%s' residents export '%s' --as zhangli "
	         "--password-fd 0 >/dev/null &&"
	         " '%s' init --demo --residents 0 --cases 0 --home '%s' >/dev/null",
	         yz, home, csv, yz, ref);
	if (run(cmd) != 0)
		goto out;
	snprintf(cmd, sizeof cmd,
	         "echo demo1234 | '%s' --home '%s' residents import '%s' --as zhangli "
	         "--password-fd 0 >/dev/null",
	         yz, ref, csv);
	t0 = now_s();
	if (run(cmd) != 0)
		goto out;
	t_imp = now_s() - t0;
	if (measure(&imp, true) != 0)
		goto out;

	long long csv_bytes = file_size(csv);
	double per_res = demo.residents > 0 ? (double)demo.part[P_REGISTRY] / demo.residents : 0;
	double per_res_imp = imp.residents > 0 ? (double)imp.part[P_REGISTRY] / imp.residents : 0;
	double per_case = demo.cases > 0 ? (double)demo.part[P_CASES] / demo.cases : 0;
	load(la, sizeof la);
	printf("\ndemo built in %.0f s (0 = taken as it was), audit verify %.1f s, import %.1f s;"
	       " load %s\n",
	       t_demo, t_verify, t_imp, la);
	printf("audit log: %lld rows, %.1f MB (%.0f B a row)\n", demo.audit_rows,
	       demo.part[P_AUDIT] / MB,
	       demo.audit_rows ? (double)demo.part[P_AUDIT] / demo.audit_rows : 0.0);
	printf("\n| what | yizhan | reference (name) | ratio |\n|---|---|---|---|\n");
	printf("| station file, %lld residents + %lld cases (WAL checkpointed) | %.0f MB |"
	       " goal 600 MB | %.2f |\n",
	       demo.residents, demo.cases, demo.file / MB, demo.file / MB / 600.0);
	printf("| the registry's tables and indexes (residents, households, places, tags,"
	       " history) | %.0f MB | import of the same residents: station %.0f MB,"
	       " registry %.0f MB | %.2f |\n",
	       demo.part[P_REGISTRY] / MB, imp.file / MB, imp.part[P_REGISTRY] / MB,
	       imp.part[P_REGISTRY] ? (double)demo.part[P_REGISTRY] / imp.part[P_REGISTRY] : 0.0);
	printf("| bytes per resident (registry) | %.0f B | import %.0f B; CSV %.0f B |"
	       " %.2f |\n",
	       per_res, per_res_imp, imp.residents ? (double)csv_bytes / imp.residents : 0.0,
	       per_res_imp > 0 ? per_res / per_res_imp : 0.0);
	printf("| bytes per case (cases, fields, materials, events, forwards, ratings) | %.0f B"
	       " | - | - |\n",
	       per_case);
	printf("| audit log | %.0f MB, %lld rows | import %.0f MB, %lld rows | - |\n",
	       demo.part[P_AUDIT] / MB, demo.audit_rows, imp.part[P_AUDIT] / MB, imp.audit_rows);
	printf("| the CSV of the residents | %.0f MB | - | - |\n", csv_bytes / MB);
	rc = 0; /* a figure against the goal, not a test */
out:
	if (!getenv("YZ_BENCH_KEEP")) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_disk20: %s left behind\n", tmp);
	} else {
		printf("kept: %s\n", tmp);
	}
	return rc;
}
