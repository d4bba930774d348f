/* Pinyin search of polyphonic names (issue 13): a name whose polyphonic
 * surname meets polyphonic given names is found by the initials of every
 * reading, through the search the counter uses (yz_registry_search, which the
 * service's resident search passes through), on a real SQLite file; a query
 * no reading gives finds nothing; a station whose keys were written by an
 * earlier yizhan is re-keyed when it opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

/* The characters, written as escapes (sources stay ASCII). */
#define DAN   "\u5355" /* dan, chan, shan (surname shan) */
#define ZHONG "\u91cd" /* zhong, chong */
#define CHAO  "\u671d" /* chao, zhao */
#define CHA   "\u67e5" /* cha, zha (surname zha) */
#define CHUAN "\u4f20" /* chuan, zhuan */
#define WEI   "\u5c09" /* wei, yu (yu in the compound surname yu chi) */
#define CHI   "\u8fdf" /* chi */
#define CHANG "\u957f" /* chang, zhang */
#define LE    "\u4e50" /* le, yue */

/* Register a resident named name; returns the id. */
static int64_t add(yz_store *st, const char *name, int seq)
{
	yz_err err = {0};
	yz_resident r;

	memset(&r, 0, sizeof r);
	snprintf(r.name, sizeof r.name, "%s", name);
	make_idno(330106, 1970 + seq % 40, 1 + seq % 12, 1 + seq % 28, 100 + seq, r.idno);
	if (yz_resident_add(st, &r, "clerk1", &err) != 0)
		fail_msg("add %s: %s", name, err.msg);
	return r.id;
}

/* Does query find resident id? *exact (may be NULL) receives its hit's flag. */
static bool finds(yz_store *st, const char *query, int64_t id, bool *exact)
{
	yz_search_hit hits[64];
	size_t n = 0;
	yz_err err = {0};

	if (yz_registry_search(st, query, hits, 64, &n, &err) != 0)
		fail_msg("search %s: %s", query, err.msg);
	for (size_t i = 0; i < n; i++) {
		if (hits[i].r.id != id)
			continue;
		if (exact)
			*exact = hits[i].exact && hits[i].how == YZ_MATCH_PINYIN;
		return true;
	}
	return false;
}

static size_t count_hits(yz_store *st, const char *query)
{
	yz_search_hit hits[64];
	size_t n = 0;
	yz_err err = {0};

	if (yz_registry_search(st, query, hits, 64, &n, &err) != 0)
		fail_msg("search %s: %s", query, err.msg);
	return n;
}

/* Some people whose names share letters with the polyphonic ones. */
static void add_others(yz_store *st)
{
	static const char *const names[] = {
	    "\u5f20\u4e09",       /* zhang san */
	    "\u9093\u6b63\u5ddd", /* deng zheng chuan */
	    "\u5b59\u5fd7\u6210", /* sun zhi cheng */
	    "\u6c88\u957f\u6797", /* shen chang lin */
	    "\u5468\u6625\u6885", /* zhou chun mei */
	    "\u6768\u521a",       /* yang gang */
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		add(st, names[i], 50 + (int)i);
}

/* The five names of the issue, each by the initials of its reading. */
static void test_five_names(void **state)
{
	fixture *fx = *state;
	static const struct {
		const char *name, *query;
	} cases[] = {
	    {DAN ZHONG CHAO, "szc"},     /* shan zhong chao */
	    {CHA CHAO ZHONG, "zcz"},     /* zha chao zhong */
	    {DAN CHAO CHUAN, "scc"},     /* shan chao chuan */
	    {WEI CHI DAN ZHONG, "ycdz"}, /* yu chi dan zhong */
	    {DAN CHANG LE, "shchl"},     /* shan chang le, zh/ch/sh typed whole */
	};
	int64_t id[5];
	bool exact;

	fx_clerk_and_resident(fx);
	add_others(fx->st);
	for (int i = 0; i < 5; i++)
		id[i] = add(fx->st, cases[i].name, i);
	for (int i = 0; i < 5; i++) {
		exact = false;
		if (!finds(fx->st, cases[i].query, id[i], &exact))
			fail_msg("%s is not found by %s", cases[i].name, cases[i].query);
		assert_true(exact);
		/* The same with every initial typed in capitals, and the first two
		 * letters as a prefix of the name. */
		char up[16], pre[3];
		for (size_t k = 0; k <= strlen(cases[i].query); k++)
			up[k] = (char)(cases[i].query[k] >= 'a' ? cases[i].query[k] - 32 : 0);
		assert_true(finds(fx->st, up, id[i], NULL));
		snprintf(pre, sizeof pre, "%s", cases[i].query);
		assert_true(finds(fx->st, pre, id[i], &exact));
		assert_false(exact);
	}
	/* Other readings of the same names. */
	assert_true(finds(fx->st, "shzhch", id[0], NULL)); /* shan zhong chao */
	assert_true(finds(fx->st, "dcz", id[0], NULL));    /* dan chong zhao */
	assert_true(finds(fx->st, "chcc", id[1], NULL));   /* cha chao chong */
	assert_true(finds(fx->st, "wcsc", id[3], NULL));   /* wei chi shan chong */
	assert_true(finds(fx->st, "szy", id[4], NULL));    /* shan zhang yue */
}

/* Initials no reading of the name gives find nothing. */
static void test_not_found(void **state)
{
	fixture *fx = *state;
	static const char *const none[] = {
	    "szx",  "xcz",    "ycdx",  "zhdz", "szcq", "shchx", "ycdzz", "sczcq",
	    "shsh", "ycdzhz", "zhcsh", "q",    "ww",   "shd",   "yd",
	};
	int64_t dzc;

	fx_clerk_and_resident(fx);
	dzc = add(fx->st, DAN ZHONG CHAO, 1);
	add(fx->st, CHA CHAO ZHONG, 2);
	add(fx->st, DAN CHAO CHUAN, 3);
	add(fx->st, WEI CHI DAN ZHONG, 4);
	add(fx->st, DAN CHANG LE, 5);
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		if (count_hits(fx->st, none[i]) != 0)
			fail_msg("%s finds someone", none[i]);
	}
	/* zh/ch/sh typed whole ask for that reading: dan, chan and shan are the
	 * readings of the surname, so "zh" in its place does not find it (zha
	 * chao chong does). */
	assert_true(finds(fx->st, "szc", dzc, NULL));
	assert_false(finds(fx->st, "zhzc", dzc, NULL));
	assert_int_equal(count_hits(fx->st, "zhzc"), 1);
}

/* The initials each character's readings begin with (from the dictionary, not
 * from yizhan's table), and the ways each can be typed. */
typedef struct han {
	const char *utf8;
	const char *forms[6]; /* NULL-terminated */
} han;

static const han POLY[] = {
    {DAN, {"d", "c", "ch", "s", "sh", NULL}}, {ZHONG, {"z", "zh", "c", "ch", NULL}},
    {CHAO, {"c", "ch", "z", "zh", NULL}},     {CHUAN, {"c", "ch", "z", "zh", NULL}},
    {CHANG, {"c", "ch", "z", "zh", NULL}},    {LE, {"l", "y", NULL}},
};
#define NPOLY (sizeof POLY / sizeof POLY[0])

static size_t nforms(const han *h)
{
	size_t n = 0;

	while (h->forms[n])
		n++;
	return n;
}

/* Every way of typing the initials of a name of six polyphonic characters
 * (5 x 4 x 4 x 4 x 4 x 2 = 2,560 queries) finds it as a whole-name match. */
static void test_every_reading(void **state)
{
	fixture *fx = *state;
	char name[64] = "", q[32];
	size_t total = 1, idx[NPOLY];
	int64_t id;

	fx_clerk_and_resident(fx);
	add_others(fx->st);
	for (size_t i = 0; i < NPOLY; i++) {
		strcat(name, POLY[i].utf8);
		total *= nforms(&POLY[i]);
	}
	id = add(fx->st, name, 7);
	assert_int_equal(total, 2560);
	for (size_t c = 0; c < total; c++) {
		size_t rest = c;
		bool exact = false;
		q[0] = '\0';
		for (size_t i = 0; i < NPOLY; i++) {
			idx[i] = rest % nforms(&POLY[i]);
			rest /= nforms(&POLY[i]);
			strcat(q, POLY[i].forms[idx[i]]);
		}
		if (!finds(fx->st, q, id, &exact) || !exact)
			fail_msg("%s is not found by %s", name, q);
	}
}

/* A long name of many polyphonic characters (24: more combinations than any
 * table could hold) is still found by every reading, and not by others. */
static void test_long_name(void **state)
{
	fixture *fx = *state;
	char name[128] = "", q[64], bad[64];
	uint64_t rng = 0x9e3779b97f4a7c15ULL;
	int64_t id;

	fx_clerk_and_resident(fx);
	add_others(fx->st);
	for (size_t i = 0; i < 24; i++)
		strcat(name, POLY[i % NPOLY].utf8);
	id = add(fx->st, name, 8);
	for (int t = 0; t < 300; t++) {
		bool exact = false;
		size_t cut;
		q[0] = '\0';
		for (size_t i = 0; i < 24; i++) {
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			const han *h = &POLY[i % NPOLY];
			strcat(q, h->forms[rng % nforms(h)]);
		}
		if (!finds(fx->st, q, id, &exact) || !exact)
			fail_msg("the 24-character name is not found by %s", q);
		/* Its first letters find it as a prefix. */
		cut = 3 + (size_t)(rng % 20);
		snprintf(bad, sizeof bad, "%.*s", (int)cut, q);
		if (!finds(fx->st, bad, id, &exact) || exact)
			fail_msg("the 24-character name is not found by the prefix %s", bad);
		/* A last initial no reading of le/yue gives finds nothing. */
		snprintf(bad, sizeof bad, "%.*sx", (int)strlen(q) - 1, q);
		if (finds(fx->st, bad, id, NULL))
			fail_msg("the 24-character name is found by %s", bad);
	}
}

/* A station whose keys an earlier yizhan wrote (at most 32 per name, the
 * first readings first: no key of 单重朝 began with s) is re-keyed when it is
 * opened, once. */
static void test_rekey_on_open(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	sqlite3 *db;
	int64_t id;
	bool exact = false;

	fx_clerk_and_resident(fx);
	id = add(fx->st, DAN ZHONG CHAO, 1);
	yz_store_close(fx->st);
	fx->st = NULL;
	db = fx_raw(fx);
	assert_int_equal(sqlite3_exec(db,
	                              "DELETE FROM resident_initials;"
	                              "INSERT INTO resident_initials(key, resident_id)"
	                              " SELECT 'dzc', id FROM residents;"
	                              "DELETE FROM meta WHERE key LIKE 'pinyin%';",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	if (yz_store_open(fx->path, &fx->st, &err) != 0)
		fail_msg("open: %s", err.msg);
	assert_true(finds(fx->st, "szc", id, &exact) && exact);
	assert_true(finds(fx->st, "dzc", id, &exact) && exact);
	/* Every resident has keys again, and none is left over from before:
	 * "dzc" is still a reading, "dzz" (dan zhong zhao) was not stored. */
	db = fx_raw(fx);
	assert_int_equal(raw_int(db,
	                         "SELECT count(*) FROM residents r WHERE NOT EXISTS"
	                         " (SELECT 1 FROM resident_initials k WHERE k.resident_id = r.id)"),
	                 0);
	assert_true(raw_int(db, "SELECT count(*) FROM resident_initials") > 2);
	sqlite3_close(db);
	assert_true(finds(fx->st, "dzz", id, NULL));
}

/* Issue 20: the counter's search finds ids first and reads the rows a list
 * shows. The two ways give the same hits in the same order; hits by the ID's
 * end, the phone and the name are not read until asked for, and a fill
 * reads only the hits it is given. */
static void test_ids_then_fill(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	enum { N = 30, MAX = 64 };
	int64_t id[N];

	fx_clerk_and_resident(fx);
	for (int i = 0; i < N; i++) {
		yz_resident r;
		memset(&r, 0, sizeof r);
		snprintf(r.name, sizeof r.name, "%s%s", CHANG, i % 2 ? DAN : LE);
		/* every ID ends in 0 + the same check digit's neighbours: shared ends */
		make_idno(330106, 1970 + i, 1 + i % 12, 1 + i % 28, 110, r.idno);
		snprintf(r.phone, sizeof r.phone, "1380000%04d", 7000 + i % 3);
		if (yz_resident_add(fx->st, &r, "clerk1", &err) != 0)
			fail_msg("add: %s", err.msg);
		id[i] = r.id;
	}
	char end[5];
	yz_resident first;
	assert_int_equal(yz_resident_get(fx->st, id[0], &first, &err), 0);
	snprintf(end, sizeof end, "%s", first.idno + 14);
	const char *const queries[] = {end, CHANG, CHANG LE, "7001", "13800007002", "zd", "cl"};
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		yz_search_hit whole[MAX], ids[MAX];
		size_t nw = 0, ni = 0;
		assert_int_equal(yz_registry_search(fx->st, queries[q], whole, MAX, &nw, &err), 0);
		assert_int_equal(yz_registry_search_ids(fx->st, queries[q], ids, MAX, &ni, &err),
		                 0);
		if (nw == 0)
			fail_msg("%s finds nobody", queries[q]);
		assert_int_equal(ni, nw);
		for (size_t i = 0; i < nw; i++)
			assert_true(whole[i].filled);
		/* the ID's end, the name and the phone come from their indexes only */
		if (ids[0].how != YZ_MATCH_PINYIN && ids[0].how != YZ_MATCH_PINYIN_PREFIX) {
			for (size_t i = 0; i < ni; i++)
				if (ids[i].filled)
					fail_msg("%s: hit %zu read before it was asked for",
					         queries[q], i);
		}
		/* the first two read; the others still not */
		assert_int_equal(yz_registry_fill(fx->st, ids, ni < 2 ? ni : 2, &err), 0);
		if (ni > 2 && ids[0].how != YZ_MATCH_PINYIN && ids[0].how != YZ_MATCH_PINYIN_PREFIX)
			assert_false(ids[2].filled);
		assert_int_equal(yz_registry_fill(fx->st, ids, ni, &err), 0);
		for (size_t i = 0; i < nw; i++) {
			assert_true(ids[i].filled);
			assert_int_equal(ids[i].r.id, whole[i].r.id);
			assert_int_equal(ids[i].how, whole[i].how);
			assert_int_equal(ids[i].exact, whole[i].exact);
			assert_string_equal(ids[i].r.name, whole[i].r.name);
			assert_string_equal(ids[i].r.idno, whole[i].r.idno);
			assert_string_equal(ids[i].masked_idno, whole[i].masked_idno);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_five_names, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_not_found, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_every_reading, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_long_name, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_rekey_on_open, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_ids_then_fill, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("search13", tests, NULL, NULL) ? 1 : 0;
}
