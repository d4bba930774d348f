/* Issue 15, what typing Chinese at the counter needs from the registry:
 * - the station's places as words for address fields in pinyin mode
 *   (yz_service_place_words), on a demo station, on addresses of an imported
 *   registry, and bounded;
 * - the registry's pinyin initials find a name by its surname's reading as a
 *   surname (shan, xie, zeng, ou, qiu, piao, zha, ge, qin; compound surnames),
 *   the reading a clerk types in pinyin mode, and a name with the Ext-B
 *   character U+20BB7 of the registry's test data by its initials.
 * Real parts: a real SQLite station filled by the demo generator from
 * data/demo.txt, the registry's own search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "yizhan/demo.h"
#include "yizhan/service.h"
#include "yz_test_paths.h"

typedef struct station {
	char dir[64];
	char path[128];
	yz_store *st;
	yz_session s;
} station;

static int setup(void **state)
{
	station *t = calloc(1, sizeof *t);
	yz_err err = {0};

	assert_non_null(t);
	snprintf(t->dir, sizeof t->dir, "/tmp/yzplaces15.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof t->path, "%s/station.db", t->dir);
	if (yz_store_open(t->path, &t->st, &err) != 0)
		fail_msg("open: %s", err.msg);
	t->s.store = t->st;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	station *t = *state;
	char cmd[128];

	yz_store_close(t->st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

/* The index of w in words, -1 when absent. */
static long find_word(char **words, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(words[i], w) == 0)
			return (long)i;
	return -1;
}

static long need_word(char **words, size_t n, const char *w)
{
	long i = find_word(words, n, w);

	if (i < 0)
		fail_msg("\"%s\" is not among the %zu place words", w, n);
	return i;
}

static void no_word(char **words, size_t n, const char *w)
{
	if (find_word(words, n, w) >= 0)
		fail_msg("\"%s\" should not be a place word", w);
}

/* What every list must be: NULL-ended, each word once, no unit or room. */
static void check_list(char **words, size_t n)
{
	assert_non_null(words);
	assert_null(words[n]);
	assert_true(n <= YZ_PLACE_WORDS_MAX);
	for (size_t i = 0; i < n; i++) {
		assert_true(words[i][0] != '\0');
		if (strstr(words[i], "单元") || strstr(words[i], "室"))
			fail_msg("\"%s\" goes down to a unit or room", words[i]);
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(words[i], words[j]) == 0)
				fail_msg("\"%s\" is listed twice", words[i]);
	}
}

/* ---- an empty registry ---------------------------------------------------------- */

static void test_empty(void **state)
{
	station *t = *state;
	yz_err err = {0};
	char **words = (char **)1;
	size_t n = 99;

	assert_int_equal(yz_service_place_words(&t->s, &words, &n, &err), 0);
	assert_int_equal(n, 0);
	check_list(words, n);
	yz_service_place_words_free(words);
}

/* ---- a demo station --------------------------------------------------------------- */

static const yz_demo_item demo_item = {
    .form_id = "residence-cert", .title = "Residence certificate", .line = "certificates"};

/* The demo's streets (data/demo.txt [regions]: code, district, streets). */
typedef struct region {
	char district[32];
	char streets[8][32];
	size_t n;
} region;

static size_t demo_regions(region *out, size_t max)
{
	FILE *f = fopen(YZ_SOURCE_ROOT "/data/demo.txt", "r");
	char line[512];
	size_t n = 0;
	int in = 0;

	assert_non_null(f);
	while (fgets(line, sizeof line, f) && n < max) {
		char *tok, *save;
		if (line[0] == '[') {
			in = strncmp(line, "[regions]", 9) == 0;
			continue;
		}
		if (!in || line[0] == '#' || line[0] == '\n')
			continue;
		tok = strtok_r(line, " \t\n", &save); /* code */
		tok = strtok_r(NULL, " \t\n", &save);
		assert_non_null(tok);
		snprintf(out[n].district, sizeof out[n].district, "%s", tok);
		out[n].n = 0;
		while ((tok = strtok_r(NULL, " \t\n", &save)) && out[n].n < 8)
			snprintf(out[n].streets[out[n].n++], 32, "%s", tok);
		n++;
	}
	fclose(f);
	assert_true(n > 0);
	return n;
}

/* Every building of the station, through the place tree. */
static size_t demo_buildings(yz_store *st, yz_place *out, size_t max)
{
	yz_place stations[4], grids[32];
	size_t ns = 0, total = 0;
	yz_err err = {0};

	assert_int_equal(yz_place_children(st, 0, stations, 4, &ns, &err), 0);
	for (size_t i = 0; i < ns; i++) {
		size_t ng = 0;
		assert_int_equal(yz_place_children(st, stations[i].id, grids, 32, &ng, &err), 0);
		for (size_t g = 0; g < ng; g++) {
			size_t nb = 0;
			assert_int_equal(
			    yz_place_children(st, grids[g].id, out + total, max - total, &nb, &err),
			    0);
			total += nb;
		}
	}
	return total;
}

static void test_demo_station(void **state)
{
	station *t = *state;
	yz_date today = {2026, 5, 12};
	static yz_place b[4096];
	region reg[32];
	size_t nreg = demo_regions(reg, 32), nb, n = 0, checked = 0;
	yz_err err = {0};
	char **words = NULL;
	long last_road = -1, first_whole = -1;

	if (yz_demo_fill(t->st, YZ_SOURCE_ROOT "/data", "DEMO01", today, NULL, 7, 400, 0,
	                 &demo_item, 1, &err) != 0)
		fail_msg("demo: %s", err.msg);
	nb = demo_buildings(t->st, b, 4096);
	assert_true(nb > 20);

	assert_int_equal(yz_service_place_words(&t->s, &words, &n, &err), 0);
	check_list(words, n);
	print_message("%zu buildings give %zu place words; the first: %s, %s, %s\n", nb, n,
	              words[0], words[1], words[2]);
	need_word(words, n, "杭州市");
	for (size_t i = 0; i < nb; i++) {
		/* The whole building, its district, its road, and from the road on. */
		long whole = need_word(words, n, b[i].name);
		if (first_whole < 0 || whole < first_whole)
			first_whole = whole;
		for (size_t r = 0; r < nreg; r++) {
			if (!strstr(b[i].name, reg[r].district))
				continue;
			need_word(words, n, reg[r].district);
			for (size_t k = 0; k < reg[r].n; k++) {
				const char *road = strstr(b[i].name, reg[r].streets[k]);
				if (!road)
					continue;
				long at = need_word(words, n, reg[r].streets[k]);
				if (at > last_road)
					last_road = at;
				long tail = need_word(words, n, road);
				assert_true(tail > at);
				assert_true(tail < whole);
				checked++;
			}
		}
	}
	/* Every building's road was found; the roads come before the whole
	 * addresses (typed more often, shorter). */
	assert_int_equal(checked, nb);
	assert_true(last_road < first_whole);
	/* Not a building's number alone, nor the house number. */
	for (size_t i = 0; i < n; i++)
		assert_false(words[i][0] >= '0' && words[i][0] <= '9');
	yz_service_place_words_free(words);
}

/* ---- addresses of households without a place (an imported registry) ------------- */

static void test_imported_addresses(void **state)
{
	station *t = *state;
	yz_err err = {0};
	char **words = NULL;
	size_t n = 0;
	int64_t id;
	static const char *const addr[] = {
	    "杭州市西湖区文一西路588号3幢2单元301室",
	    "杭州市萧山区市心路100号阳光小区3号楼1单元502室",
	    "杭州市拱墅区东新园路5号",
	    "上城区清泰街道望江路12号2幢1203",
	    "钱江大道8号",
	};

	for (size_t i = 0; i < sizeof addr / sizeof *addr; i++)
		assert_int_equal(yz_household_add(t->st, addr[i], &id, &err), 0);
	assert_int_equal(yz_service_place_words(&t->s, &words, &n, &err), 0);
	check_list(words, n);
	for (size_t i = 0; i < n; i++)
		print_message("  %s\n", words[i]);

	/* cut before the unit and room */
	need_word(words, n, "杭州市西湖区文一西路588号3幢");
	need_word(words, n, "文一西路588号3幢");
	need_word(words, n, "文一西路");
	need_word(words, n, "西湖区");
	need_word(words, n, "杭州市");
	/* a compound, a "3 hao lou", a road beginning with shi */
	need_word(words, n, "市心路");
	need_word(words, n, "阳光小区");
	need_word(words, n, "萧山区");
	need_word(words, n, "市心路100号阳光小区3号楼");
	no_word(words, n, "市心路100号阳光小区3号");
	/* a road with yuan in its name */
	need_word(words, n, "东新园路");
	need_word(words, n, "东新园路5号");
	no_word(words, n, "东新园");
	/* a subdistrict (jie dao); a room number without shi dropped */
	need_word(words, n, "清泰街道");
	need_word(words, n, "望江路12号2幢");
	need_word(words, n, "上城区清泰街道望江路12号2幢");
	/* an avenue, no city */
	need_word(words, n, "钱江大道");
	need_word(words, n, "钱江大道8号");
	yz_service_place_words_free(words);
}

/* ---- bounded: a registry of more buildings than the list holds -------------------- */

enum { BUILDINGS = 3000 };

static void test_bounded(void **state)
{
	station *t = *state;
	sqlite3 *db;
	sqlite3_stmt *ins;
	yz_err err = {0};
	char **words = NULL, name[128], road[64];
	size_t n = 0, roads = 0;
	struct timespec t0, t1;

	/* 3000 buildings on 3000 roads: 3000 roads, 3000 from the road on and 3000
	 * whole addresses, more than YZ_PLACE_WORDS_MAX. Written straight into the
	 * file: the store has no bulk insert of places. */
	assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "INSERT INTO places(parent_id, kind, name, created_at)"
	                                    " VALUES(NULL, 2, ?1, '2026-05-12T08:00:00Z')",
	                                    -1, &ins, NULL),
	                 SQLITE_OK);
	for (unsigned i = 0; i < BUILDINGS; i++) {
		/* two common characters (U+4E00 + i/60, U+4E60 + i%60) and "lu" */
		char a[8], c[8];
		a[yz_utf8_encode(0x4e00 + i / 60, a)] = '\0';
		c[yz_utf8_encode(0x4e60 + i % 60, c)] = '\0';
		snprintf(road, sizeof road, "%s%s路", a, c);
		snprintf(name, sizeof name, "杭州市上城区%s%u号1幢", road, i + 1);
		sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(yz_service_place_words(&t->s, &words, &n, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("%u buildings: %zu words in %.1f ms\n", BUILDINGS, n,
	              (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	check_list(words, n);
	assert_int_equal(n, YZ_PLACE_WORDS_MAX);
	/* what is cut is whole addresses: every road and the district are kept */
	need_word(words, n, "上城区");
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(words[i]);
		if (len > 3 && strcmp(words[i] + len - 3, "路") == 0)
			roads++;
	}
	assert_true(roads >= 2990); /* a few character pairs may lack pinyin */
	yz_service_place_words_free(words);
}

/* ---- names by the initials of their surname's reading --------------------------- */

/* A name, the initials of how it is read (its surname as a surname), the same
 * with zh/ch/sh typed whole, and its surname's length in characters. */
static const struct {
	const char *name, *read, *read_long;
	size_t surname;
} readings[] = {
    {"单重朝", "scc", "shchch", 1},   /* shan chong chao */
    {"解晓明", "xxm", "xxm", 1},      /* xie */
    {"曾国强", "zgq", "zgq", 1},      /* zeng */
    {"区志华", "ozh", "ozhh", 1},     /* ou */
    {"仇建国", "qjg", "qjg", 1},      /* qiu */
    {"朴秀英", "pxy", "pxy", 1},      /* piao */
    {"查文斌", "zwb", "zhwb", 1},     /* zha */
    {"盖立新", "glx", "glx", 1},      /* ge */
    {"覃海燕", "qhy", "qhy", 1},      /* qin */
    {"欧阳晓燕", "oyxy", "oyxy", 2},  /* ou yang */
    {"尉迟敬德", "ycjd", "ychjd", 2}, /* yu chi */
    {"长孙无忌", "zswj", "zhswj", 2}, /* zhang sun */
    {"万俟雪", "mqx", "mqx", 2},      /* mo qi */
    {"司马光", "smg", "smg", 2},      /* si ma */
    {"诸葛亮", "zgl", "zhgl", 2},     /* zhu ge */
    {"单于飞", "cyf", "chyf", 2},     /* chan yu */
    {"王\U00020BB7", "wj", "wj", 1},  /* wang ji: U+20BB7, the registry's Ext-B name */
};

/* The hit for name among the search's hits for q (NULL when absent). */
static const yz_search_hit *hit_of(const yz_search_hit *h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].r.name, name) == 0)
			return &h[i];
	return NULL;
}

static void test_surname_readings(void **state)
{
	station *t = *state;
	const size_t nr = sizeof readings / sizeof *readings;
	yz_search_hit hits[32];
	yz_err err = {0};
	char first17[18], keys[2048];

	for (size_t i = 0; i < nr; i++) {
		yz_resident r = {0};
		snprintf(first17, sizeof first17, "33010619850312%03zu", 100 + i);
		memcpy(r.idno, first17, 17);
		r.idno[17] = yz_idcard_check_char(first17);
		r.idno[18] = '\0';
		snprintf(r.name, sizeof r.name, "%s", readings[i].name);
		if (yz_resident_add(t->st, &r, "zhangli", &err) != 0)
			fail_msg("%s: %s", readings[i].name, err.msg);
	}
	for (size_t i = 0; i < nr; i++) {
		const char *q[2] = {readings[i].read, readings[i].read_long};
		for (int k = 0; k < 2; k++) {
			size_t n = 0;
			assert_int_equal(
			    yz_service_resident_search(&t->s, q[k], hits, 32, &n, &err), 0);
			const yz_search_hit *h = hit_of(hits, n, readings[i].name);
			if (!h)
				fail_msg("\"%s\" does not find %s", q[k], readings[i].name);
			assert_int_equal(h->how, YZ_MATCH_PINYIN);
			assert_true(h->exact);
			/* exact hits first */
			assert_true(hits[0].exact);
		}
		/* The registry's first key is how the surname is read. */
		assert_true(yz_pinyin_keys(readings[i].name, 64, keys, sizeof keys) > 0);
		if (strncmp(keys, readings[i].read, readings[i].surname) != 0)
			fail_msg("%s: the first key \"%.8s\" does not start as \"%s\"",
			         readings[i].name, keys, readings[i].read);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_demo_station, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_imported_addresses, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bounded, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_surname_readings, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
