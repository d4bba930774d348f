/* The resident registry: checked ID numbers, duplicates, history, households and
 * the finder. Chinese names are written as \u escapes (no Chinese in C files). */
#include <stdio.h>
#include <string.h>

#include "tests.h"

#define ZHANG_SAN     "\u5f20\u4e09"
#define ZHANG_SANFENG "\u5f20\u4e09\u4e30"
#define ZHANG_WEI     "\u5f20\u4f1f"
#define LI_SI         "\u674e\u56db"
#define ZHANG         "\u5f20"
#define REL_HEAD      "\u6237\u4e3b"
#define REL_CHILD     "\u5b50\u5973"

static int64_t add(fixture *fx, const char *name, const char *idno, int64_t hh, const char *rel)
{
	yz_err err = {0};
	yz_resident r;

	memset(&r, 0, sizeof r);
	snprintf(r.name, sizeof r.name, "%s", name);
	snprintf(r.idno, sizeof r.idno, "%s", idno);
	snprintf(r.relation, sizeof r.relation, "%s", rel ? rel : "");
	r.household_id = hh;
	if (yz_resident_add(fx->st, &r, "clerk1", &err) != 0)
		fail_msg("add %s: %s", idno, err.msg);
	return r.id;
}

/* An ID number whose check character is X. */
static void idno_with_x(char out[19])
{
	for (int seq = 1; seq < 1000; seq++) {
		make_idno(330102, 1975, 8, 9, seq, out);
		if (out[17] == 'X')
			return;
	}
	fail_msg("no X check digit found");
}

static void add_derives_and_refuses(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_resident r, got;
	char id[19], bad[19];

	make_idno(330106, 1990, 2, 28, 124, id); /* 4 is even: female */
	memset(&r, 0, sizeof r);
	snprintf(r.name, sizeof r.name, LI_SI);
	snprintf(r.idno, sizeof r.idno, "%s", id);
	assert_int_equal(yz_resident_add(fx->st, &r, "clerk1", &err), 0);
	assert_true(r.id > 0);
	assert_int_equal(yz_resident_get(fx->st, r.id, &got, &err), 0);
	assert_string_equal(got.birth, "1990-02-28");
	assert_int_equal(got.female, 1);
	assert_string_equal(got.name, LI_SI);
	assert_int_equal(yz_resident_count(fx->st), 1);

	/* The same ID number again: refused, naming who has it. */
	r.id = 0;
	snprintf(r.name, sizeof r.name, "Other");
	assert_int_equal(yz_resident_add(fx->st, &r, "clerk1", &err), -1);
	assert_non_null(strstr(err.msg, "already registered"));
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_int_equal(r.id, 0);

	/* A wrong check digit, a 15-digit number, a birth in the future: refused. */
	memcpy(bad, id, sizeof bad);
	bad[17] = bad[17] == '0' ? '1' : '0';
	snprintf(r.idno, sizeof r.idno, "%s", bad);
	err.msg[0] = '\0';
	assert_int_equal(yz_resident_add(fx->st, &r, "clerk1", &err), -1);
	assert_true(err.msg[0] != '\0');
	snprintf(r.idno, sizeof r.idno, "330106900228124");
	assert_int_equal(yz_resident_add(fx->st, &r, "clerk1", &err), -1);
	make_idno(330106, 2999, 1, 1, 123, bad);
	snprintf(r.idno, sizeof r.idno, "%s", bad);
	assert_int_equal(yz_resident_add(fx->st, &r, "clerk1", &err), -1);
	/* No name. */
	make_idno(330106, 1990, 2, 28, 126, bad);
	snprintf(r.idno, sizeof r.idno, "%s", bad);
	r.name[0] = '\0';
	assert_int_equal(yz_resident_add(fx->st, &r, "clerk1", &err), -1);
	assert_int_equal(yz_resident_count(fx->st), 1);
}

static void find_ordering(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_resident out[10];
	size_t n = 0;
	char a[19], b[19], c[19], d[19], x[19], lower[19], q[8];
	int64_t ia, ib, ic, idd, ix;

	make_idno(330106, 1960, 1, 1, 111, a);
	make_idno(330105, 1970, 3, 4, 222, b);
	make_idno(330108, 1985, 6, 7, 333, c);
	make_idno(330110, 2001, 9, 10, 444, d);
	idno_with_x(x);
	ic = add(fx, ZHANG_SANFENG, c, 0, NULL);
	ia = add(fx, ZHANG_SAN, a, 0, NULL);
	idd = add(fx, ZHANG_WEI, d, 0, NULL);
	ib = add(fx, ZHANG_SAN, b, 0, NULL);
	ix = add(fx, LI_SI, x, 0, NULL);

	/* Exact name first (by registration), then longer names with the prefix. */
	assert_int_equal(yz_resident_find(fx->st, ZHANG_SAN, out, 10, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].id, ia);
	assert_int_equal(out[1].id, ib);
	assert_int_equal(out[2].id, ic);
	assert_int_equal(yz_resident_find(fx->st, " " ZHANG " ", out, 10, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(out[0].name, ZHANG_SAN);
	assert_string_equal(out[2].name, ZHANG_SANFENG);
	assert_int_equal(out[3].id, idd);
	/* The limit is respected across both parts. */
	assert_int_equal(yz_resident_find(fx->st, ZHANG, out, 2, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(yz_resident_find(fx->st, "Nobody", out, 10, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_resident_find(fx->st, "", out, 10, &n, &err), 0);
	assert_int_equal(n, 0);

	/* Full ID number, with a lower-case x. */
	memcpy(lower, x, sizeof lower);
	lower[17] = 'x';
	assert_int_equal(yz_resident_find(fx->st, lower, out, 10, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].id, ix);
	assert_string_equal(out[0].idno, x);
	assert_int_equal(yz_resident_find(fx->st, d, out, 10, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].id, idd);

	/* Suffixes of 4, 5 and 6 characters. */
	for (int len = 4; len <= 6; len++) {
		snprintf(q, sizeof q, "%s", b + 18 - len);
		assert_int_equal(yz_resident_find(fx->st, q, out, 10, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(out[0].id, ib);
	}
	snprintf(q, sizeof q, "%s", lower + 13);
	assert_int_equal(yz_resident_find(fx->st, q, out, 10, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].id, ix);
	assert_int_equal(yz_resident_by_idno(fx->st, lower, out, &err), 0);
	assert_int_equal(out[0].id, ix);
	assert_int_equal(yz_resident_by_idno(fx->st, "330106196001011110", out, &err), 1);
}

static void update_keeps_history(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_resident r;
	char a[19], b[19];
	sqlite3 *db;
	int64_t ia;

	make_idno(330106, 1960, 1, 1, 111, a);
	make_idno(330105, 1970, 3, 4, 222, b);
	ia = add(fx, ZHANG_SAN, a, 0, NULL);
	add(fx, LI_SI, b, 0, NULL);
	assert_int_equal(yz_resident_get(fx->st, ia, &r, &err), 0);
	snprintf(r.phone, sizeof r.phone, "13912345678");
	snprintf(r.address, sizeof r.address, "Wensan Road 1");
	assert_int_equal(yz_resident_update(fx->st, &r, "clerk1", "HZ01-2026-000007", &err), 0);
	/* Nothing changed: no history. */
	assert_int_equal(yz_resident_update(fx->st, &r, "clerk1", NULL, &err), 0);
	/* Taking another resident's ID number is refused. */
	snprintf(r.idno, sizeof r.idno, "%s", b);
	assert_int_equal(yz_resident_update(fx->st, &r, "clerk1", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "already registered"));

	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM resident_history"), 2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM resident_history WHERE field = 'phone'"
	                             " AND old = '' AND new = '13912345678' AND actor = 'clerk1'"
	                             " AND case_no = 'HZ01-2026-000007'"),
	                 1);
	sqlite3_close(db);
	assert_int_equal(yz_resident_get(fx->st, ia, &r, &err), 0);
	assert_string_equal(r.idno, a);
	assert_string_equal(r.phone, "13912345678");
	assert_int_equal(yz_resident_get(fx->st, 999, &r, &err), 1);
}

static void household_head_first(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_resident out[6];
	size_t n = 0;
	int64_t hh, child, head;
	char a[19], b[19];

	assert_int_equal(yz_household_add(fx->st, "", &hh, &err), -1);
	assert_int_equal(yz_household_add(fx->st, "Wensan Road 1-2-301", &hh, &err), 0);
	make_idno(330106, 2010, 1, 1, 111, a);
	make_idno(330106, 1980, 1, 1, 113, b);
	child = add(fx, ZHANG_WEI, a, hh, REL_CHILD);
	head = add(fx, ZHANG_SAN, b, hh, REL_HEAD);
	assert_int_equal(yz_household_members(fx->st, hh, out, 6, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].id, head);
	assert_int_equal(out[1].id, child);
	assert_int_equal(out[0].household_id, hh);
	assert_string_equal(out[0].relation, REL_HEAD);
}

/* A special-group tag of resident id, started 2020-01-01. */
static void tag_dibao(fixture *fx, int64_t id)
{
	yz_err err = {0};
	yz_tag t;
	memset(&t, 0, sizeof t);
	t.resident_id = id;
	t.kind = YZ_TAG_DIBAO;
	snprintf(t.start, sizeof t.start, "2020-01-01");
	if (yz_tag_add(fx->st, &t, "demo", NULL, &err) != 0)
		fail_msg("tag: %s", err.msg);
}

/* Issue 20: a batch of residents (the demo's registry) writes one audit row
 * for the batch, not one per resident; every row keeps its MAC (the audit
 * verifies); a head heads a household without one; the tags of the batch's
 * residents write no history row each (those of anyone else still do); a
 * batch ended by the rollback of its transaction leaves none open behind it. */
static void batch_one_audit_row(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	sqlite3 *db = fx_raw(fx);
	char id[19];
	int64_t hh, bad = 0;

	assert_int_equal(yz_household_add(fx->st, "Wensan Road 1-2-302", &hh, &err), 0);
	make_idno(330106, 1960, 1, 1, 17, id);
	int64_t earlier = add(fx, LI_SI, id, 0, NULL);
	long long before = raw_int(db, "SELECT count(*) FROM audit");
	long long history = raw_int(db, "SELECT count(*) FROM registry_history");
	assert_int_equal(yz_resident_batch_begin(fx->st, "demo", &err), 0);
	assert_int_not_equal(yz_resident_batch_begin(fx->st, "demo", &err), 0); /* one at a time */
	make_idno(330106, 1970, 1, 1, 11, id);
	int64_t head = add(fx, ZHANG_SAN, id, hh, REL_HEAD);
	make_idno(330106, 1995, 1, 1, 13, id);
	int64_t child = add(fx, ZHANG_WEI, id, hh, REL_CHILD);
	tag_dibao(fx, head);
	tag_dibao(fx, earlier); /* not the batch's: its history row */
	assert_int_equal(yz_resident_batch_end(fx->st, true, &err), 0);
	/* (the raw connection sees the batch once it is committed) */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM registry_history"), history + 1);
	tag_dibao(fx, child); /* after the batch: its history row */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM registry_history"), history + 2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM resident_tags"), 3);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit") - before, 1);
	char q[160];
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM audit WHERE action = 'residents_added'"
	         " AND detail = 'residents added 2 ids %lld-%lld' AND actor = 'demo'",
	         (long long)head, (long long)child);
	assert_int_equal(raw_int(db, q), 1);
	snprintf(q, sizeof q, "SELECT head_id FROM households WHERE id = %lld", (long long)hh);
	assert_int_equal(raw_int(db, q), head);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);

	/* A batch inside a transaction that is rolled back leaves nothing open. */
	assert_int_equal(yz_store_begin(fx->st, &err), 0);
	assert_int_equal(yz_resident_batch_begin(fx->st, "demo", &err), 0);
	yz_store_rollback(fx->st); /* the batch's level, its end never called */
	yz_store_rollback(fx->st); /* the caller's */
	assert_int_equal(yz_store_begin(fx->st, &err), 0);
	assert_int_equal(yz_store_begin(fx->st, &err), 0); /* the depth the batch had */
	before = raw_int(db, "SELECT count(*) FROM audit");
	make_idno(330106, 1980, 1, 1, 15, id);
	add(fx, LI_SI, id, 0, NULL);
	assert_int_equal(yz_store_commit(fx->st, &err), 0);
	assert_int_equal(yz_store_commit(fx->st, &err), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit") - before, 1); /* its own row */
	assert_int_not_equal(yz_resident_batch_end(fx->st, true, &err), 0);      /* none open */
	sqlite3_close(db);
}

/* Issue 20: compacting a filled station gives its free pages back (residents
 * added in no index's order leave the indexes part empty) and changes no row:
 * the same residents, the audit still verifies, the store goes on working;
 * refused inside a transaction. */
static void compact_packs_the_file(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	char id[19], name[32];
	int64_t bad = 0;

	assert_int_equal(yz_resident_batch_begin(fx->st, "demo", &err), 0);
	for (int i = 0; i < 3000; i++) {
		/* names and numbers in no order of their indexes */
		unsigned h = (unsigned)i * 2654435761u;
		static const char *const part[] = {"\u738b", "\u674e", "\u5f20", "\u5218",
		                                   "\u9648", "\u6768", "\u8d75", "\u9ec4"};
		snprintf(name, sizeof name, "%s%s%s", part[h % 8], part[(h >> 3) % 8],
		         part[(h >> 6) % 8]);
		make_idno(330106, 1940 + (int)(h % 60), 1 + (int)(h >> 8) % 12,
		          1 + (int)(h >> 12) % 28, (int)(h >> 16) % 999, id);
		yz_resident r;
		memset(&r, 0, sizeof r);
		snprintf(r.name, sizeof r.name, "%s", name);
		snprintf(r.idno, sizeof r.idno, "%s", id);
		if (yz_resident_add(fx->st, &r, "demo", &err) != 0)
			continue; /* the same number drawn twice */
	}
	assert_int_equal(yz_resident_batch_end(fx->st, true, &err), 0);
	sqlite3 *db = fx_raw(fx);
	long long pages = raw_int(db, "PRAGMA page_count");
	long long people = raw_int(db, "SELECT count(*) FROM residents");
	long long sum = raw_int(db, "SELECT sum(id * length(name)) FROM residents");
	sqlite3_close(db);

	assert_int_equal(yz_store_begin(fx->st, &err), 0);
	assert_int_not_equal(yz_store_compact(fx->st, &err), 0); /* not in a transaction */
	yz_store_rollback(fx->st);
	assert_int_equal(yz_store_compact(fx->st, &err), 0);

	db = fx_raw(fx);
	long long after = raw_int(db, "PRAGMA page_count");
	if (after >= pages)
		fail_msg("compacting left %lld pages of %lld", after, pages);
	assert_int_equal(raw_int(db, "PRAGMA freelist_count"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM residents"), people);
	assert_int_equal(raw_int(db, "SELECT sum(id * length(name)) FROM residents"), sum);
	sqlite3_close(db);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);
	make_idno(330106, 1990, 5, 5, 5, id);
	assert_true(add(fx, LI_SI, id, 0, NULL) > 0);
}

int run_resident_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(add_derives_and_refuses, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(batch_one_audit_row, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(compact_packs_the_file, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(find_ordering, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(update_keeps_history, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(household_head_first, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store/residents", tests, NULL, NULL);
}
