/* The registry at station scale: writes a CSV of N residents (default 1,000,000)
 * in households, imports it, and times searches by ID suffix, name prefix and
 * pinyin initials (p50/p99 over 2000 queries each) and prints the database size;
 * then times a backup of it (issue 14: the copy, its check, its size).
 *
 *   bench_registry [N] [DIR]
 *
 * Targets (issue 5): each search p99 < 5 ms, import < 60 s, database < 400 MB. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yizhan/store.h"
#include "bench_util.h"

#define QUERIES 2000

/* The last ones of each list are polyphonic (issue 13): the surnames zha and yu
 * chi, the given names chao/zhao and chuan/zhuan. */
static const char *const surnames[] = {
    "\u738b", "\u674e", "\u5f20",       "\u5218",       "\u9648",       "\u6768", "\u9ec4",
    "\u8d75", "\u5434", "\u5468",       "\u5f90",       "\u5b59",       "\u9a6c", "\u6731",
    "\u80e1", "\u90ed", "\u4f55",       "\u9ad8",       "\u6797",       "\u7f57", "\u90d1",
    "\u6881", "\u8c22", "\u5b8b",       "\u5510",       "\u8bb8",       "\u97e9", "\u51af",
    "\u9093", "\u66f9", "\u5f6d",       "\u66fe",       "\u8096",       "\u7530", "\u8463",
    "\u8881", "\u6f58", "\u4e8e",       "\u848b",       "\u8521",       "\u4f59", "\u675c",
    "\u53f6", "\u7a0b", "\u82cf",       "\u9b4f",       "\u5415",       "\u4e01", "\u4efb",
    "\u6c88", "\u5355", "\u6b27\u9633", "\u8bf8\u845b", "\u4e0a\u5b98", "\u67e5", "\u5c09\u8fdf",
};
static const char *const given[] = {
    "\u4f1f", "\u82b3", "\u5a1c", "\u654f", "\u9759", "\u4e3d",     "\u5f3a", "\u78ca", "\u519b",
    "\u6d0b", "\u52c7", "\u8273", "\u6770", "\u5a1f", "\u6d9b",     "\u660e", "\u8d85", "\u79c0",
    "\u971e", "\u5e73", "\u521a", "\u6842", "\u82f1", "\u534e",     "\u7389", "\u840d", "\u7ea2",
    "\u5efa", "\u6587", "\u8f89", "\u529b", "\u658c", "\u5b87",     "\u6d69", "\u51ef", "\u4fca",
    "\u5e06", "\u6668", "\u777f", "\u822a", "\u4e50", "\u957f",     "\u91cd", "\u884c", "\u5609",
    "\u742a", "\u96ea", "\u5a77", "\u6167", "\u9896", "\u6b23",     "\u6021", "\u6db5", "\u7476",
    "\u96ef", "\u857e", "\u6676", "\u6d01", "\u4e39", "\U00020bb7", "\u671d", "\u4f20",
};
static const char *const districts[] = {"330102", "330105", "330106", "330108", "330109", "330110"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A small deterministic generator (xorshift64*). */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

/* Unique by construction: district, birth date and sequence from the index. */
static void idno_for(long i, char out[19])
{
	/* The sequence varies fastest, as at a real station (about 90 people share
	 * the last four characters in a million); births spread over 55 years. */
	long seq = i % 1000;
	long day = ((i / 1000) % 20000) * 7919 % 20000;
	long region = (i / 1000 / 20000) % (long)COUNT(districts);
	time_t t = (time_t)(-315619200L + day * 86400L); /* from 1960-01-01 */
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 19, "%s%04d%02d%02d%03ld", districts[region], tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, seq);
	out[17] = yz_idcard_check_char(out);
	out[18] = '\0';
}

static void name_for(char *out, size_t n)
{
	const char *s = surnames[rnd() % COUNT(surnames)];
	const char *g1 = given[rnd() % COUNT(given)];
	const char *g2 = rnd() % 3 ? given[rnd() % COUNT(given)] : "";

	snprintf(out, n, "%s%s%s", s, g1, g2);
}

static int write_csv(const char *path, long n)
{
	FILE *f = fopen(path, "wb");
	long hh = 0, left = 0;
	char idno[19], name[64], addr[160];

	if (!f)
		return -1;
	fputs("\xef\xbb\xbf\u6237\u7f16\u53f7,\u8eab\u4efd\u8bc1\u53f7,\u59d3\u540d,\u6c11\u65cf,"
	      "\u8054\u7cfb\u7535\u8bdd,\u4eba\u5458\u7c7b\u522b,\u5c31\u4e1a\u72b6\u51b5,"
	      "\u6237\u7c4d\u5730\u5740,\u5c45\u4f4f\u5730\u5740,"
	      "\u4e0e\u6237\u4e3b\u5173\u7cfb,\u5907\u6ce8\r\n",
	      f);
	for (long i = 0; i < n; i++) {
		bool head = left == 0;
		if (head) {
			hh++;
			left = 1 + (long)(rnd() % 5);
			snprintf(addr, sizeof addr,
			         "\u676d\u5dde\u5e02\u897f\u6e56\u533a\u6587\u4e09\u8def%lu\u53f7%"
			         "lu\u5e62%lu\u5355\u5143%lu%02lu\u5ba4",
			         (unsigned long)(hh / 300 + 1), (unsigned long)(rnd() % 30 + 1),
			         (unsigned long)(rnd() % 4 + 1), (unsigned long)(rnd() % 18 + 1),
			         (unsigned long)(rnd() % 4 + 1));
		}
		left--;
		idno_for(i, idno);
		name_for(name, sizeof name);
		fprintf(f, "H%07ld,%s,%s,\u6c49\u65cf,1%lu%09lu,%s,%s,%s,%s,%s,\r\n", hh, idno,
		        name, (unsigned long)(3 + rnd() % 6), (unsigned long)(rnd() % 1000000000),
		        i % 7 ? "\u6237\u7c4d\u4eba\u53e3" : "\u6d41\u52a8\u4eba\u53e3",
		        i % 5 ? "\u5728\u4e1a" : "\u9000\u4f11", i % 3 ? addr : "", addr,
		        head ? "\u6237\u4e3b" : "\u5b50\u5973");
	}
	return fclose(f);
}

/* Time QUERIES searches; q(i) gives the i-th query. */
static void time_search(yz_store *st, const char *what, void (*q)(long, long, char *), long n)
{
	static double ms[QUERIES];
	yz_search_hit hits[20];
	char query[64];
	size_t found, total = 0;
	yz_err err;

	for (int i = 0; i < QUERIES; i++) {
		q(i, n, query);
		double t0 = now_s();
		if (yz_registry_search(st, query, hits, 20, &found, &err) != 0)
			fprintf(stderr, "search %s: %s\n", query, err.msg);
		ms[i] = (now_s() - t0) * 1000.0;
		total += found;
	}
	qsort(ms, QUERIES, sizeof ms[0], cmp_double);
	printf("search by %-16s p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%.1f hits/query)\n", what,
	       ms[QUERIES / 2], ms[QUERIES * 99 / 100], ms[QUERIES - 1], (double)total / QUERIES);
}

static void q_suffix(long i, long n, char *out)
{
	char idno[19];

	idno_for((long)(rnd() % (uint64_t)n), idno);
	strcpy(out, idno + (i % 3 == 0 ? 12 : i % 3 == 1 ? 13 : 14));
}

static void q_name(long i, long n, char *out)
{
	(void)n;
	snprintf(out, 64, "%s%s", surnames[rnd() % COUNT(surnames)],
	         i % 2 ? given[rnd() % COUNT(given)] : "");
}

static void q_pinyin(long i, long n, char *out)
{
	/* The last eleven (issue 13): names whose polyphonic surname meets
	 * polyphonic given names, and zh/ch/sh typed whole, which the search
	 * confirms on the names its one-letter keys give. */
	static const char *const q[] = {
	    "zs",  "zhs",  "wf",    "lj",  "cl",     "zw",   "wxm",  "lh",   "ywm",
	    "sh",  "dt",   "zhy",   "oyh", "cjh",    "xl",   "hy",   "szc",  "zcz",
	    "scc", "ycdz", "shchl", "shz", "shzhch", "chzh", "zhch", "shsh", "zhzhz",
	};
	(void)n;
	strcpy(out, q[(unsigned long)i % COUNT(q)]);
}

/* Issue 14: the work of `yizhan backup` at this scale: the online copy, its
 * check (the audit chain with the station key, then integrity_check) and the
 * copy's size. 0, or 1 when a step failed or the copy is not intact. */
static int bench_backup(yz_store *st, const char *dir)
{
	char copy[320], key[4096];
	yz_err err = {0};
	yz_copy_check chk;
	yz_store *c;
	int64_t bad = 0;
	int rc;

	snprintf(copy, sizeof copy, "%s/station-copy.db", dir);
	double t0 = now_s();
	if (yz_store_backup(st, copy, 0, &err) != 0) {
		fprintf(stderr, "backup: %s\n", err.msg);
		return 1;
	}
	double t_copy = now_s() - t0;
	t0 = now_s();
	if (yz_store_key_path(st, key, sizeof key) != 0 ||
	    yz_store_open_key(copy, key, &c, &err) != 0) {
		fprintf(stderr, "backup: open the copy: %s\n", err.msg);
		return 1;
	}
	rc = yz_audit_verify(c, &bad, &err);
	yz_store_close(c);
	double t_audit = now_s() - t0;
	t0 = now_s();
	if (rc != 0 || yz_store_check_copy(copy, NULL, &chk, &err) != 0 || !chk.intact) {
		fprintf(stderr, "backup: the copy does not check (audit %d, row %lld): %s\n", rc,
		        (long long)bad, err.msg);
		return 1;
	}
	double t_check = now_s() - t0;
	printf("backup: copy %.1f s; check %.1f s (audit chain %.1f s, integrity_check %.1f s); "
	       "copy %.1f MB\n",
	       t_copy, t_audit + t_check, t_audit, t_check, chk.bytes / 1e6);
	unlink(copy);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	char dir[256], csv[300], db[300], rej[300];
	yz_import_report rep;
	yz_store *st;
	yz_err err;
	struct stat sb;

	snprintf(dir, sizeof dir, "%s/yz-bench-XXXXXX", argc > 2 ? argv[2] : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	snprintf(csv, sizeof csv, "%s/residents.csv", dir);
	snprintf(db, sizeof db, "%s/station.db", dir);
	snprintf(rej, sizeof rej, "%s/rejects.csv", dir);
	double t0 = now_s();
	if (write_csv(csv, n) != 0)
		return 1;
	stat(csv, &sb);
	printf("residents: %ld; CSV %.1f MB written in %.1f s\n", n, sb.st_size / 1e6,
	       now_s() - t0);
	if (yz_store_open(db, &st, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t0 = now_s();
	if (yz_residents_import(st, csv, NULL, rej, "admin", &rep, &err) != 0) {
		fprintf(stderr, "import: %s\n", err.msg);
		return 1;
	}
	printf("import: %ld rows, %ld imported, %ld rejected in %.1f s (target < 60 s)\n", rep.rows,
	       rep.imported, rep.rejected, now_s() - t0);
	stat(db, &sb);
	printf("database: %.1f MB (target < 400 MB)\n", sb.st_size / 1e6);
	time_search(st, "ID suffix", q_suffix, n);
	time_search(st, "name prefix", q_name, n);
	time_search(st, "pinyin initials", q_pinyin, n);
	int backup_rc = bench_backup(st, dir);
	char key[4096] = "";
	yz_store_key_path(st, key, sizeof key);
	yz_store_close(st);
	unlink(key);
	unlink(csv);
	unlink(db);
	unlink(rej);
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", db);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", db);
	unlink(wal);
	rmdir(dir);
	return rep.imported == n && backup_rc == 0 ? 0 : 1;
}
