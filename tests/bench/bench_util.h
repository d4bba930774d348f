/* What the benchmarks share: a monotonic clock in milliseconds, sizes from
 * the environment, and percentiles. Header-only (each benchmark is one
 * program). */
#ifndef YZ_BENCH_UTIL_H
#define YZ_BENCH_UTIL_H

#include <stddef.h>
#include <stdlib.h>
#include <time.h>

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

#endif
