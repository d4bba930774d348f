/* Four processes share one station database and allocate 10,000 case numbers
 * together, one transaction per case: afterwards the numbers are 1..10000 with
 * no gap and no duplicate. Prints the time taken. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yizhan/store.h"

#define PROCS 4
#define TOTAL 10000

static int child(const char *path, int k)
{
	yz_store *st;
	yz_err err = {0};
	char login[16];
	yz_case_new in = {.form_id = "f",
	                  .item = "i",
	                  .line = "L",
	                  .accepted_date = "2026-03-30",
	                  .due_date = "",
	                  .status = YZ_CASE_ACCEPTED,
	                  .promise_days = 5};

	snprintf(login, sizeof login, "clerk%d", k);
	in.clerk_login = login;
	if (yz_store_open(path, &st, &err) != 0) {
		fprintf(stderr, "child %d: %s\n", k, err.msg);
		return 1;
	}
	for (int i = 0; i < TOTAL / PROCS; i++) {
		if (yz_case_create(st, "C1", 2026, &in, NULL, &err) != 0) {
			fprintf(stderr, "child %d case %d: %s\n", k, i, err.msg);
			yz_store_close(st);
			return 1;
		}
	}
	yz_store_close(st);
	return 0;
}

static long long one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

int main(void)
{
	char dir[] = "/tmp/yz-conc-XXXXXX", path[64], cmd[128];
	yz_store *st;
	yz_err err = {0};
	struct timespec t0, t1;
	int bad = 0;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/station.db", dir);
	if (yz_store_open(path, &st, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	for (int k = 0; k < PROCS; k++) {
		char login[16];
		snprintf(login, sizeof login, "clerk%d", k);
		if (yz_user_add(st, login, login, "", YZ_ROLE_CLERK, "pw123456", &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
	}
	yz_store_close(st);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int k = 0; k < PROCS; k++) {
		pid_t p = fork();
		if (p == 0)
			_exit(child(path, k));
	}
	for (int k = 0; k < PROCS; k++) {
		int status;
		wait(&status);
		bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	sqlite3 *db;
	sqlite3_open(path, &db);
	long long n = one(db, "SELECT count(*) FROM cases");
	long long distinct = one(db, "SELECT count(DISTINCT number) FROM cases");
	long long lo = one(db, "SELECT min(seq) FROM cases"),
	          hi = one(db, "SELECT max(seq) FROM cases");
	long long per = one(db, "SELECT count(DISTINCT clerk_login) FROM cases");
	sqlite3_close(db);
	printf(
	    "%d processes, %lld cases in %.2f s: numbers %lld..%lld, %lld distinct, %lld clerks\n",
	    PROCS, n, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, lo,
	    hi, distinct, per);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		bad = 1;
	if (bad || n != TOTAL || distinct != TOTAL || lo != 1 || hi != TOTAL || per != PROCS) {
		printf("FAIL\n");
		return 1;
	}
	return 0;
}
