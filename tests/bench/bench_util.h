/* What the benchmarks share: a monotonic clock in milliseconds, sizes from
 * the environment, and percentiles. Header-only (each benchmark is one
 * program). */
#ifndef YZ_BENCH_UTIL_H
#define YZ_BENCH_UTIL_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static inline double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static inline double now_s(void)
{
	return now_ms() / 1e3;
}

/* The environment's positive number name, else def. */
static inline long env_long(const char *name, long def)
{
	const char *v = getenv(name);
	return v && atol(v) > 0 ? atol(v) : def;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The p-th quantile (0..1) of n values already sorted. */
static inline double pct_sorted(const double *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

/* The same of n values in any order (sorts them). */
static inline double pct(double *v, size_t n, double p)
{
	qsort(v, n, sizeof *v, cmp_double);
	return pct_sorted(v, n, p);
}

/* The station a benchmark runs on, into home (PATH_MAX bytes): $YZ_BENCH_HOME
 * when set, else a new folder TMPDIR/<tag>.<pid>; either gets a demo station of
 * $YZ_BENCH_RESIDENTS residents (default 1,000,000: minutes) made by the program
 * yizhan when it holds none. 0, or -1 when `init --demo` failed. */
static inline int bench_station(const char *yizhan, const char *tag, char *home)
{
	const char *n = getenv("YZ_BENCH_RESIDENTS") ? getenv("YZ_BENCH_RESIDENTS") : "1000000";
	char db[PATH_MAX + 16], cmd[PATH_MAX * 3];
	struct stat sb;
	if (getenv("YZ_BENCH_HOME"))
		snprintf(home, PATH_MAX, "%s", getenv("YZ_BENCH_HOME"));
	else
		snprintf(home, PATH_MAX, "%s/%s.%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		         tag, (long)getpid());
	snprintf(db, sizeof db, "%s/station.db", home);
	if (stat(db, &sb) == 0)
		return 0;
	snprintf(cmd, sizeof cmd, "'%s' init --demo --residents %s --home '%s' >/dev/null", yizhan,
	         n, home);
	double t0 = now_s();
	if (system(cmd) != 0) {
		fprintf(stderr, "init --demo failed\n");
		return -1;
	}
	printf("demo station of %s residents built in %.0f s\n", n, now_s() - t0);
	return 0;
}

#endif
