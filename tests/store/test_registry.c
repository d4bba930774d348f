/* The registry of schema 2: search ranking, duplicates, tags by role, history,
 * places and the migration of a version 1 station. Chinese test data is turned
 * into \u escapes by tools/uescape.py (sources stay ASCII). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/schema.h"
#include "tests.h"

static int64_t person(fixture *fx, const char *name, int seq, const char *phone, int64_t hh,
                      const char *rel)
{
	yz_err err = {0};
	yz_resident r;

	memset(&r, 0, sizeof r);
	snprintf(r.name, sizeof r.name, "%s", name);
	make_idno(330106, 1960 + seq % 40, 1 + seq % 12, 1 + seq % 28, seq, r.idno);
	snprintf(r.phone, sizeof r.phone, "%s", phone ? phone : "");
	snprintf(r.relation, sizeof r.relation, "%s", rel ? rel : "");
	r.household_id = hh;
	yz_household h;
	if (hh && yz_household_get(fx->st, hh, &h, &err) == 0)
		snprintf(r.address, sizeof r.address, "%s", h.address);
	if (yz_resident_add(fx->st, &r, "clerk1", &err) != 0)
		fail_msg("add %s: %s", name, err.msg);
	return r.id;
}

/* The rooms 13-1-1504 and 13-10-101 with a household each. */
static void two_households(fixture *fx, int64_t *a, int64_t *b)
{
	yz_err err = {0};
	int64_t stn, grid, bld, u1, u10, r1, r2;

	assert_int_equal(yz_place_ensure(fx->st, 0, YZ_PLACE_STATION, "DEMO01", &stn, &err), 0);
	assert_int_equal(
	    yz_place_ensure(fx->st, stn, YZ_PLACE_GRID, "\u7b2c\u4e00\u7f51\u683c", &grid, &err),
	    0);
	assert_int_equal(yz_place_ensure(fx->st, grid, YZ_PLACE_BUILDING,
	                                 "\u6587\u4e09\u8def8\u53f713\u5e62", &bld, &err),
	                 0);
	assert_int_equal(yz_place_ensure(fx->st, bld, YZ_PLACE_UNIT, "1\u5355\u5143", &u1, &err),
	                 0);
	assert_int_equal(yz_place_ensure(fx->st, bld, YZ_PLACE_UNIT, "10\u5355\u5143", &u10, &err),
	                 0);
	assert_int_equal(yz_place_ensure(fx->st, u1, YZ_PLACE_ROOM, "1504\u5ba4", &r1, &err), 0);
	assert_int_equal(yz_place_ensure(fx->st, u10, YZ_PLACE_ROOM, "101\u5ba4", &r2, &err), 0);
	/* A room cannot hang under a grid. */
	assert_int_equal(yz_place_ensure(fx->st, grid, YZ_PLACE_ROOM, "x", &r2, &err), -1);
	assert_int_equal(yz_household_add_at(fx->st, r1, NULL, a, &err), 0);
	assert_int_equal(yz_place_ensure(fx->st, u10, YZ_PLACE_ROOM, "101\u5ba4", &r2, &err), 0);
	assert_int_equal(yz_household_add_at(fx->st, r2, "H-2", b, &err), 0);
	assert_int_equal(yz_place_grid(fx->st, r1), grid);
}

static void test_search_ranking(void **state)
{
	fixture *fx = *state;
	yz_search_hit h[16];
	yz_err err = {0};
	size_t n;
	int64_t hh1, hh2;

	fx_clerk_and_resident(fx);
	two_households(fx, &hh1, &hh2);
	int64_t zs = person(fx, "\u5f20\u4e09", 11, "13957112345", hh1, "\u6237\u4e3b");
	int64_t zsf = person(fx, "\u5f20\u4e09\u4e30", 12, "13800004321", hh1, "\u5b50\u5973");
	int64_t zshan = person(fx, "\u7ae0\u5c71", 13, "", hh2, "\u6237\u4e3b");
	int64_t ceng = person(fx, "\u66fe\u5c71", 14, "", 0, NULL);

	/* Pinyin: whole-name matches first (any reading), then prefixes. */
	assert_int_equal(yz_registry_search(fx->st, "zs", h, 16, &n, &err), 0);
	assert_int_equal(n, 4);
	for (int i = 0; i < 3; i++) {
		assert_true(h[i].exact);
		assert_int_equal(h[i].how, YZ_MATCH_PINYIN);
		assert_true(h[i].r.id == zs || h[i].r.id == zshan || h[i].r.id == ceng);
	}
	assert_int_equal(h[3].r.id, zsf);
	assert_int_equal(h[3].how, YZ_MATCH_PINYIN_PREFIX);
	assert_false(h[3].exact);
	/* zhs: zeng has no zh reading. */
	assert_int_equal(yz_registry_search(fx->st, "zhs", h, 16, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(h[2].r.id, zsf);
	/* The limit keeps the best. */
	assert_int_equal(yz_registry_search(fx->st, "zs", h, 2, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_true(h[0].exact && h[1].exact);

	/* Name: exact, then prefix. */
	assert_int_equal(yz_registry_search(fx->st, "\u5f20\u4e09", h, 16, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].r.id, zs);
	assert_int_equal(h[0].how, YZ_MATCH_NAME);
	assert_int_equal(h[1].how, YZ_MATCH_NAME_PREFIX);

	/* ID number: whole, last 4-6; masked in the hit. */
	yz_resident r;
	assert_int_equal(yz_resident_get(fx->st, zs, &r, &err), 0);
	assert_int_equal(yz_registry_search(fx->st, r.idno, h, 16, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].how, YZ_MATCH_IDNO);
	assert_memory_equal(h[0].masked_idno + 6, "********", 8);
	assert_null(strstr(h[0].masked_idno, r.idno + 6));
	assert_int_equal(yz_registry_search(fx->st, r.idno + 12, h, 16, &n, &err), 0);
	assert_true(n >= 1);
	assert_int_equal(h[0].r.id, zs);
	assert_int_equal(h[0].how, YZ_MATCH_IDNO_SUFFIX);

	/* Phone: whole number first, then the last digits. */
	assert_int_equal(yz_registry_search(fx->st, "13957112345", h, 16, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].how, YZ_MATCH_PHONE);
	assert_int_equal(yz_registry_search(fx->st, "4321", h, 16, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].r.id, zsf);
	assert_int_equal(h[0].how, YZ_MATCH_PHONE_SUFFIX);

	/* Address: "13\u5e621\u5355\u51431504" and "13-1-1504" are the same flat; "13-1" is a
	 * prefix of it but not of 13-10-101. */
	assert_int_equal(yz_registry_search(fx->st, "13\u5e621\u5355\u51431504", h, 16, &n, &err),
	                 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].r.id, zs); /* the head first */
	assert_int_equal(h[0].how, YZ_MATCH_ADDRESS);
	assert_int_equal(yz_registry_search(fx->st, "13-1-1504", h, 16, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(yz_registry_search(fx->st, "13-1", h, 16, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].how, YZ_MATCH_ADDRESS_PREFIX);
	assert_int_equal(yz_registry_search(fx->st, "13-10", h, 16, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].r.id, zshan);
	assert_int_equal(yz_registry_search(fx->st, "13", h, 16, &n, &err), 0);
	assert_int_equal(n, 0); /* two digits: neither an ID suffix nor a flat */
	assert_int_equal(yz_registry_search(fx->st, "   ", h, 16, &n, &err), 0);
	assert_int_equal(n, 0);
}

static void test_duplicates_and_household(void **state)
{
	fixture *fx = *state;
	yz_resident same, out[4];
	yz_household h;
	yz_change ch[8];
	yz_err err = {0};
	size_t n;
	int64_t hh1, hh2;

	fx_clerk_and_resident(fx);
	two_households(fx, &hh1, &hh2);
	int64_t a = person(fx, "\u674e\u56db", 21, "", hh1, "\u6237\u4e3b");
	int64_t b = person(fx, "\u738b\u4e94", 22, "", hh1, "\u914d\u5076");
	memset(&same, 0, sizeof same);
	snprintf(same.name, sizeof same.name, "\u674e\u56db");
	snprintf(same.address, sizeof same.address, "13-1-1504");
	assert_int_equal(yz_resident_duplicates(fx->st, &same, out, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].id, a);
	same.id = a; /* the person themself is no duplicate */
	assert_int_equal(yz_resident_duplicates(fx->st, &same, out, 4, &n, &err), 0);
	assert_int_equal(n, 0);

	/* The household's address text is the room's path; its code is set. */
	assert_int_equal(yz_household_get(fx->st, hh1, &h, &err), 0);
	assert_string_equal(h.address, "\u6587\u4e09\u8def8\u53f713\u5e621\u5355\u51431504\u5ba4");
	assert_true(h.code[0] != '\0');
	assert_int_equal(yz_household_get(fx->st, hh2, &h, &err), 0);
	assert_string_equal(h.code, "H-2");
	/* Head and move are kept in the history. */
	assert_int_equal(
	    yz_household_set_head(fx->st, hh1, b, "clerk1", "DEMO01-2026-000001", &err), 0);
	assert_int_equal(yz_household_set_head(fx->st, hh1, 1, "clerk1", NULL, &err), -1);
	assert_int_equal(
	    yz_household_move(fx->st, hh1, 0, "\u65b0\u5730\u57401\u53f7", "clerk1", NULL, &err),
	    0);
	assert_int_equal(yz_history_list(fx->st, "household", hh1, ch, 8, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ch[0].field, "head_id");
	assert_string_equal(ch[0].case_no, "DEMO01-2026-000001");
	assert_string_equal(ch[1].field, "address");
	assert_string_equal(ch[1].old, "\u6587\u4e09\u8def8\u53f713\u5e621\u5355\u51431504\u5ba4");
	assert_string_equal(ch[1].new, "\u65b0\u5730\u57401\u53f7");
	/* Members follow their household's address. */
	yz_resident r;
	assert_int_equal(yz_resident_get(fx->st, a, &r, &err), 0);
	assert_string_equal(r.address, "\u65b0\u5730\u57401\u53f7");
	/* Resident changes keep old and new with the case. */
	r.phone[0] = '\0';
	snprintf(r.phone, sizeof r.phone, "13900001111");
	snprintf(r.employment, sizeof r.employment, "\u9000\u4f11");
	assert_int_equal(yz_resident_update(fx->st, &r, "clerk1", "DEMO01-2026-000002", &err), 0);
	assert_int_equal(yz_history_list(fx->st, "resident", a, ch, 8, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ch[0].field, "phone");
	assert_string_equal(ch[0].new, "13900001111");
	assert_string_equal(ch[1].field, "employment");
	assert_string_equal(ch[1].actor, "clerk1");
	/* Unknown vocabulary is refused. */
	snprintf(r.category, sizeof r.category, "\u5916\u661f\u4eba");
	assert_int_equal(yz_resident_update(fx->st, &r, "clerk1", NULL, &err), -1);
	snprintf(r.category, sizeof r.category, "%s", YZ_CAT_FLOATING);
	snprintf(r.ethnicity, sizeof r.ethnicity, "03"); /* a GB/T 3304 code */
	assert_int_equal(yz_resident_update(fx->st, &r, "clerk1", NULL, &err), 0);
	assert_int_equal(yz_resident_get(fx->st, a, &r, &err), 0);
	assert_string_equal(r.ethnicity, "\u56de\u65cf");
	assert_string_equal(r.category, "\u6d41\u52a8\u4eba\u53e3");
	const char *code;
	assert_string_equal(yz_ethnicity_at(55, &code), "\u57fa\u8bfa\u65cf");
	assert_string_equal(code, "56");
}

static void test_tags_by_role(void **state)
{
	fixture *fx = *state;
	yz_tag t, out[8];
	yz_change ch[4];
	yz_err err = {0};
	size_t n;

	fx_clerk_and_resident(fx);
	int64_t old = person(fx, "\u8d75\u8001", 1, "", 0, NULL); /* born 1961: under 80 */
	yz_resident r;
	assert_int_equal(yz_resident_get(fx->st, old, &r, &err), 0);
	memset(&t, 0, sizeof t);
	t.resident_id = old;
	t.kind = YZ_TAG_CORRECTIONS;
	snprintf(t.start, sizeof t.start, "2025-01-01");
	assert_int_equal(yz_tag_add(fx->st, &t, "head1", "DEMO01-2026-000003", &err), 0);
	t.kind = YZ_TAG_DISABLED;
	assert_int_equal(yz_tag_add(fx->st, &t, "clerk1", NULL, &err), -1); /* no grade */
	snprintf(t.detail, sizeof t.detail, "\u80a2\u4f53");
	t.grade = 2;
	assert_int_equal(yz_tag_add(fx->st, &t, "clerk1", NULL, &err), 0);
	t.kind = YZ_TAG_ELDERLY;
	assert_int_equal(yz_tag_add(fx->st, &t, "clerk1", NULL, &err), -1); /* derived */

	assert_int_equal(
	    yz_tag_list(fx->st, old, YZ_ROLE_CLERK, "2026-06-01", true, out, 8, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].kind, YZ_TAG_DISABLED);
	assert_string_equal(out[0].detail, "\u80a2\u4f53");
	assert_int_equal(
	    yz_tag_list(fx->st, old, YZ_ROLE_HEAD, "2026-06-01", true, out, 8, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].kind, YZ_TAG_CORRECTIONS);
	/* Ended tags drop out of the current list but stay in the full one. */
	assert_int_equal(yz_tag_end(fx->st, out[0].id, "2026-03-01", "head1", NULL, &err), 0);
	assert_int_equal(yz_tag_end(fx->st, out[1].id, "2020-01-01", "head1", NULL, &err), -1);
	assert_int_equal(
	    yz_tag_list(fx->st, old, YZ_ROLE_ADMIN, "2026-06-01", true, out, 8, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(
	    yz_tag_list(fx->st, old, YZ_ROLE_ADMIN, "2026-06-01", false, out, 8, &n, &err), 0);
	assert_int_equal(n, 2);
	/* The derived elderly tag from the 80th birthday on. */
	char on[11];
	snprintf(on, sizeof on, "%.4d%s", atoi(r.birth) + 80, r.birth + 4);
	assert_int_equal(yz_tag_list(fx->st, old, YZ_ROLE_CLERK, on, true, out, 8, &n, &err), 0);
	assert_int_equal(out[0].kind, YZ_TAG_ELDERLY);
	assert_string_equal(out[0].start, on);
	assert_int_equal(yz_tag_min_role(YZ_TAG_CORRECTIONS), YZ_ROLE_HEAD);
	assert_int_equal(yz_tag_kind_from("\u793e\u533a\u77eb\u6b63\u5bf9\u8c61"),
	                 YZ_TAG_CORRECTIONS);
	assert_int_equal(yz_tag_kind_from("dibao"), YZ_TAG_DIBAO);
	/* History of the tag: added with its case, then ended. */
	assert_int_equal(yz_history_list(fx->st, "tag", 1, ch, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ch[0].field, "tag_added");
	assert_string_equal(ch[0].case_no, "DEMO01-2026-000003");
	assert_string_equal(ch[1].field, "end_date");
	assert_string_equal(ch[1].new, "2026-03-01");
}

static void test_rentals_and_leader(void **state)
{
	fixture *fx = *state;
	yz_rental rt, got;
	yz_place p;
	yz_change ch[4];
	int64_t tenants[4], hh1, hh2;
	yz_err err = {0};
	size_t n;

	fx_clerk_and_resident(fx);
	two_households(fx, &hh1, &hh2);
	int64_t landlord = person(fx, "\u94b1\u623f\u4e1c", 31, "", hh1, "\u6237\u4e3b");
	int64_t t1 = person(fx, "\u5b59\u79df\u5ba2", 32, "", 0, NULL);
	yz_household h;
	assert_int_equal(yz_household_get(fx->st, hh2, &h, &err), 0);
	memset(&rt, 0, sizeof rt);
	rt.room_id = h.place_id;
	rt.landlord_id = landlord;
	snprintf(rt.start, sizeof rt.start, "2026-01-01");
	assert_int_equal(yz_rental_add(fx->st, &rt, &t1, 1, "clerk1", "DEMO01-2026-000009", &err),
	                 0);
	assert_int_equal(yz_rental_get(fx->st, rt.id, &got, tenants, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(tenants[0], t1);
	assert_int_equal(got.landlord_id, landlord);
	assert_int_equal(yz_rental_end(fx->st, rt.id, "2026-05-31", "clerk1", NULL, &err), 0);
	yz_rental list[2];
	assert_int_equal(yz_rental_list_room(fx->st, h.place_id, list, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].end, "2026-05-31");
	assert_int_equal(yz_history_list(fx->st, "rental", rt.id, ch, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	/* Grid leader. */
	int64_t grid = yz_place_grid(fx->st, h.place_id);
	assert_int_equal(
	    yz_place_set_leader(fx->st, grid, "\u5468\u7f51\u683c", "13900000000", "admin", &err),
	    0);
	assert_int_equal(yz_place_get(fx->st, grid, &p, &err), 0);
	assert_string_equal(p.leader, "\u5468\u7f51\u683c");
	assert_int_equal(yz_place_set_leader(fx->st, h.place_id, "x", "", "admin", &err), -1);
	assert_int_equal(yz_history_list(fx->st, "place", grid, ch, 4, &n, &err), 0);
	assert_int_equal(n, 2);
}

/* A version 1 station as the skeleton wrote it, with data, migrated to 2. */
static void test_migration_from_v1(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	char id1[19], id2[19], sql[1024];
	yz_err err = {0};

	make_idno(330106, 1980, 5, 17, 123, id1);
	make_idno(330106, 1982, 6, 1, 124, id2);
	assert_int_equal(sqlite3_exec(db, st_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	snprintf(
	    sql, sizeof sql,
	    "INSERT INTO users VALUES(1,'clerk1','C','',0,'x',0,0,1,'2026-01-01T00:00:00Z');"
	    "INSERT INTO households "
	    "VALUES(1,'\u6587\u4e09\u8def8\u53f713\u5e621\u5355\u51431504\u5ba4','2026-01-01T00:00:"
	    "00Z');"
	    "INSERT INTO residents VALUES(1,'%s','%s','\u5f20\u4e09','1980-05-17',0,'\u6c49\u65cf',"
	    "'13957112345','\u6587\u4e09\u8def8\u53f713\u5e621\u5355\u51431504\u5ba4',1,'"
	    "\u6237\u4e3b','t','t');"
	    "INSERT INTO residents VALUES(2,'%s','%s','\u674e\u56db','1982-06-01',0,'',"
	    "'','\u522b\u59041\u53f7',1,'\u914d\u5076','t','t');"
	    "INSERT INTO resident_history VALUES(1,1,'phone','1','13957112345','clerk1',NULL,'t');"
	    "INSERT INTO cases(id,number,station,year,seq,form_id,item,resident_id,status,"
	    "clerk_login,accepted_date,created_at,updated_at) VALUES(1,'DEMO01-2026-000001',"
	    "'DEMO01',2026,1,'f','i',1,'accepted','clerk1','2026-01-02','t','t');"
	    "PRAGMA user_version=1;",
	    id1, "x", id2, "y");
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	if (yz_store_open(fx->path, &fx->st, &err) != 0)
		fail_msg("open: %s", err.msg);
	assert_int_equal(yz_store_user_version(fx->st), YZ_SCHEMA_VERSION);
	yz_resident r;
	assert_int_equal(yz_resident_get(fx->st, 1, &r, &err), 0);
	assert_string_equal(r.name, "\u5f20\u4e09");
	assert_string_equal(r.address, "\u6587\u4e09\u8def8\u53f713\u5e621\u5355\u51431504\u5ba4");
	assert_string_equal(r.phone, "13957112345");
	assert_string_equal(r.relation, "\u6237\u4e3b");
	assert_int_equal(yz_resident_get(fx->st, 2, &r, &err), 0);
	assert_string_equal(r.address,
	                    "\u522b\u59041\u53f7"); /* differed from the household's: kept */
	yz_household h;
	assert_int_equal(yz_household_get(fx->st, 1, &h, &err), 0);
	assert_int_equal(h.head_id, 1);
	assert_string_equal(h.code, "000001");
	yz_search_hit hits[4];
	size_t n;
	assert_int_equal(yz_registry_search(fx->st, "zs", hits, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(yz_registry_search(fx->st, "13-1-1504", hits, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(yz_registry_search(fx->st, id2 + 13, hits, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	yz_change ch[2];
	assert_int_equal(yz_history_list(fx->st, "resident", 1, ch, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	yz_case c;
	assert_int_equal(yz_case_get(fx->st, "DEMO01-2026-000001", &c, &err), 0);
	assert_int_equal(c.resident_id, 1);
	assert_int_equal(yz_resident_count(fx->st), 2);
}

int run_registry_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_search_ranking, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_duplicates_and_household, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_tags_by_role, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_rentals_and_leader, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_migration_from_v1, fx_setup_closed, fx_teardown),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
