/* What the hub benchmarks of issue 17 (bench_hub_*17.c) share, besides the
 * clock and percentiles of bench_util.h: making the hub in the private
 * PostgreSQL of tests/lib/with-postgres and registering its stations (and
 * departments) with real login roles, the admin's own connection and its SQL
 * (filling the stations' rows quickly), and running the real yizhan program
 * with its wall time, processor time and peak memory. Header-only, like
 * bench_util.h: each benchmark is one program. A helper says what went wrong
 * on stderr and returns -1 (or NULL); the benchmark then stops. */
#ifndef YZ_BENCH_HUB_UTIL_H
#define YZ_BENCH_HUB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "yizhan/hub.h"
#include "bench_util.h"

/* The admin's URL (YZ_PG_URL, from tests/lib/with-postgres), stdout made
 * line-buffered (the figures show as they come); NULL, the usage said, when
 * not run so or (with_yizhan) without the yizhan program as argument. */
static inline const char *bench_hub_admin_url(int argc, char **argv, bool with_yizhan)
{
	const char *admin = getenv("YZ_PG_URL");
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (admin && (!with_yizhan || argc >= 2))
		return admin;
	if (with_yizhan) {
		const char *slash = strrchr(argv[0], '/');
		fprintf(stderr, "usage: with-postgres %s PATH/TO/yizhan\n",
		        slash ? slash + 1 : argv[0]);
	} else {
		fprintf(stderr, "run under tests/lib/with-postgres\n");
	}
	return NULL;
}

/* For the benchmarks that run yizhan over a year of cases (hub stats, hub
 * ledger): the admin's URL as bench_hub_admin_url (the yizhan program their
 * argument) and their sizes: YZ_BENCH_CASES cases in all (default
 * 1000000), YZ_BENCH_STATIONS stations (200), YZ_BENCH_RUNS runs of each
 * (3). */
static inline const char *bench_hub_cases_args(int argc, char **argv, long *cases, long *stations,
                                               long *runs)
{
	const char *admin = bench_hub_admin_url(argc, argv, true);
	*cases = env_long("YZ_BENCH_CASES", 1000000);
	*stations = env_long("YZ_BENCH_STATIONS", 200);
	*runs = env_long("YZ_BENCH_RUNS", 3);
	return admin;
}

/* A station's or a department's login at the hub. */
typedef struct bench_hub_login {
	char code[17], role[64], pw[64], url[512];
} bench_hub_login;

/* Register a station (dept false) or a department, code and name; its login
 * role and password into l, and with url the URL it connects with. */
static inline int bench_hub_add(yz_hub *h, bool dept, const char *code, const char *name,
                                bench_hub_login *l, bool url)
{
	yz_err err = {{0}};
	snprintf(l->code, sizeof l->code, "%s", code);
	if ((dept ? yz_hub_dept_add : yz_hub_station_add)(h, code, name, l->role, l->pw, &err) !=
	    0) {
		fprintf(stderr, "%s add: %s\n", dept ? "dept" : "station", err.msg);
		return -1;
	}
	if (url && yz_hub_url_for(h, l->role, l->url, sizeof l->url, &err) != 0) {
		fprintf(stderr, "url: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* The hub made by the admin (yz_hub_migrate) with n stations registered,
 * codes prefix and three digits from 001 ("S001"), names "Station 1"...; the
 * logins of the first n_keep of them (URL too) into keep. The hub stays open
 * as the admin; NULL when something failed. */
static inline yz_hub *bench_hub_make(const char *admin, const char *prefix, long n,
                                     bench_hub_login *keep, long n_keep)
{
	yz_err err = {{0}};
	yz_hub *h;
	if (yz_hub_open(&h, admin, NULL, 0, &err) != 0 ||
	    yz_hub_migrate(h, NULL, NULL, &err) != 0) {
		fprintf(stderr, "hub: %s\n", err.msg);
		return NULL;
	}
	for (long i = 0; i < n; i++) {
		char code[17], name[64];
		bench_hub_login scratch;
		snprintf(code, sizeof code, "%s%03ld", prefix, i + 1);
		snprintf(name, sizeof name, "Station %ld", i + 1);
		if (bench_hub_add(h, false, code, name, i < n_keep ? &keep[i] : &scratch,
		                  i < n_keep) != 0)
			return NULL;
	}
	return h;
}

/* The admin's own connection (to fill the stations' rows with SQL); NULL
 * when it failed. */
static inline PGconn *bench_hub_admin(const char *admin)
{
	PGconn *a = PQconnectdb(admin);
	if (PQstatus(a) != CONNECTION_OK) {
		fprintf(stderr, "admin: %s\n", PQerrorMessage(a));
		return NULL;
	}
	return a;
}

/* The hub made with n_st stations (S001..., the logins of the first n_keep
 * into keep) and n_dept departments (D1... named "Department 1"..., the
 * first's login into dept), then the admin's own connection; NULL when
 * something failed. */
static inline PGconn *bench_hub_start(const char *admin, long n_st, bench_hub_login *keep,
                                      long n_keep, long n_dept, bench_hub_login *dept)
{
	yz_hub *h = bench_hub_make(admin, "S", n_st, keep, n_keep);
	if (!h)
		return NULL;
	for (long i = 0; i < n_dept; i++) {
		bench_hub_login other;
		char code[17], name[64];
		snprintf(code, sizeof code, "D%ld", i + 1);
		snprintf(name, sizeof name, "Department %ld", i + 1);
		if (bench_hub_add(h, true, code, name, i == 0 ? dept : &other, i == 0) != 0)
			return NULL;
	}
	yz_hub_close(h);
	return bench_hub_admin(admin);
}

/* Run q (one statement or several), its rows dropped; 0, or -1 said. */
static inline int bench_sql(PGconn *c, const char *q)
{
	PGresult *r = PQexec(c, q);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "SQL failed: %s\n%.300s\n", PQerrorMessage(c), q);
	PQclear(r);
	return ok ? 0 : -1;
}

/* The source of a fill, the temporary table src: a row per station and g
 * from 1 to per, with the station's code, g, its case number no
 * (S001-2025-000001, of year) and the columns cols_fmt makes (printf's
 * format and its arguments; s.n numbers the stations from 1 in code order). */
__attribute__((format(printf, 4, 5))) static inline int bench_hub_src(PGconn *a, long per, int year,
                                                                      const char *cols_fmt, ...)
{
	char cols[4096], q[4608];
	va_list ap;
	va_start(ap, cols_fmt);
	vsnprintf(cols, sizeof cols, cols_fmt, ap);
	va_end(ap);
	snprintf(q, sizeof q,
	         "CREATE TEMP TABLE src AS SELECT s.code, g,"
	         " s.code || '-%d-' || lpad(g::text, 6, '0') AS no,%s"
	         " FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM stations) s,"
	         " generate_series(1, %ld) g",
	         year, cols, per);
	return bench_sql(a, q);
}

/* Run argv (its stdout into out, up to n bytes with the NUL; the rest is
 * read and dropped so that it never blocks); its wall time in ms, processor
 * time in s (cpu_s may be NULL) and peak resident memory in KiB (from
 * wait4); 0 when it exited 0, else how it ended is said. */
static inline int bench_run(char *const argv[], char *out, size_t n, double *ms, double *cpu_s,
                            long *rss_kib)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	size_t got = 0;
	ssize_t k;
	while ((k = read(fd[0], out + got, got + 1 < n ? n - got - 1 : 0)) > 0)
		got += (size_t)k;
	char sink[4096];
	while (read(fd[0], sink, sizeof sink) > 0) /* more than we keep */
		;
	out[got] = '\0';
	close(fd[0]);
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*ms = now_ms() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "%s: %s %d\n", argv[0], WIFEXITED(status) ? "exit" : "signal",
		        WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	*rss_kib = ru.ru_maxrss;
	if (cpu_s)
		*cpu_s = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

#endif
