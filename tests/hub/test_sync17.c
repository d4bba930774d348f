/* The station's side of the district hub (service/sync.c), against a private
 * PostgreSQL (tests/lib/with-postgres) and a real station database:
 *
 * - a resident's request forwarded to a department (the form's "transferred"
 *   step) and answered at the hub moves on to the step after it, as the
 *   clerk's own recording of the result would, with a dept_result event by
 *   "hub"; the next sync applies nothing again;
 * - a case the clerk already moved on (the result came by phone) keeps the
 *   clerk's result: the hub's answer is only noted (dept_answer);
 * - a batch the hub took whose answer was lost is acked from the hub's
 *   last_seq and not sent again;
 * - a hub that cannot be reached: -1 with a message, the failure kept for
 *   the home screen, nothing acked; the next sync sends it all;
 * - a station whose numbering went back behind the hub's (its file put back
 *   by hand) is numbered on above the hub's, its present state sent again:
 *   the change made since is not ignored;
 * - the share filter reads the forms' `share`.
 *
 * Each test registers a station of its own at the hub (the admin's
 * connection, YZ_PG_URL and PGPASSWORD), so that the tests do not see each
 * other's rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/fixture.h"
#include "yizhan/hub.h"

#define DEPT      "\u8857\u9053\u57ce\u7ba1\u79d1" /* the street's city-management office */
#define DEPT_CODE "CG17"
#define ANSWER    "\u5df2\u4fee\u590d"                         /* repaired */
#define BY_PHONE  "\u7535\u8bdd\u544a\u77e5\u5df2\u4fee\u590d" /* told by phone: repaired */

static yz_hub *admin;

/* A station of its own at the hub for f: code, its role's URL and password
 * in f's configuration. */
static void register_station(fixture *f, const char *code)
{
	char role[64], password[64];
	yz_err err = {{0}};

	snprintf(f->cfg.station_code, sizeof f->cfg.station_code, "%s", code);
	if (yz_hub_station_add(admin, code, "test station", role, password, &err) < 0 ||
	    yz_hub_url_for(admin, role, f->cfg.hub, sizeof f->cfg.hub, &err) < 0)
		fail_msg("station %s: %s", code, err.msg);
	snprintf(f->cfg.hub_password, sizeof f->cfg.hub_password, "%s", password);
}

static fixture *station(const char *code)
{
	fixture *f = fixture_open("yzsync17");
	fixture_resident(f, "\u674e\u56db");
	register_station(f, code);
	return f;
}

static yz_sync_report sync_ok(fixture *f)
{
	yz_sync_report r;
	yz_err err = {{0}};

	if (yz_service_sync(&f->s, NULL, &r, &err) != 0)
		fail_msg("sync: %s", err.msg);
	return r;
}

/* A resident's request, forwarded to DEPT (the form's forwarded step). */
static void forwarded_request(fixture *f, yz_case *c)
{
	yz_err err = {{0}};

	fixture_submit_request(f, "\u6587\u4e00\u8def 8 \u53f7", "\u6c34\u538b\u4f4e", c);
	if (yz_service_forward(&f->s, c->number, DEPT, "", NULL, NULL, &err) != 0)
		fail_msg("forward: %s", err.msg);
	assert_int_equal(yz_case_get(f->store, c->number, c, &err), 0);
	assert_string_equal(c->state, YZ_STATE_FORWARDED);
}

/* The department answers the case's open forward at the hub. */
static void answer_at_hub(fixture *f, const yz_case *c, const char *result)
{
	char key[64];
	yz_err err = {{0}};

	if (yz_hub_forward_of(admin, DEPT_CODE, f->cfg.station_code, c->number, key, &err) != 0 ||
	    yz_hub_answer_forward(admin, DEPT_CODE, f->cfg.station_code, key, result, "2026-12-01",
	                          &err) != 0)
		fail_msg("answer at the hub: %s", err.msg);
}

/* How many events of kind the case has, and the last one's actor and note. */
static int events(fixture *f, const yz_case *c, const char *kind, char *actor, char *note, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int count = 0;

	assert_int_equal(sqlite3_open_v2(f->cfg.db_path, &db, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT actor, note FROM case_events WHERE case_id = ?1"
	                                    " AND kind = ?2 ORDER BY id",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		count++;
		snprintf(actor, n, "%s", (const char *)sqlite3_column_text(s, 0));
		snprintf(note, n, "%s", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return count;
}

static void last_forward(fixture *f, const yz_case *c, yz_case_forward *fw)
{
	yz_case_forward all[8];
	size_t n = 0;
	yz_err err = {{0}};

	assert_int_equal(yz_case_forwards(f->store, c->id, all, 8, &n, &err), 0);
	assert_true(n > 0);
	*fw = all[n - 1];
}

static void verify_same(fixture *f)
{
	bool same = false;
	yz_err err = {{0}};

	if (yz_service_sync_verify(&f->s, NULL, NULL, &same, &err) != 0)
		fail_msg("verify: %s", err.msg);
	assert_true(same);
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_answer_moves_case(void **state)
{
	fixture *f = *state = station("SYNCA17");
	yz_case c;
	yz_case_forward fw;
	char actor[256], note[256];

	forwarded_request(f, &c);
	yz_sync_report r = sync_ok(f);
	assert_true(r.sent > 0);
	assert_int_equal(r.answers, 0);
	assert_int_equal(r.waiting, 0);

	answer_at_hub(f, &c, ANSWER);
	r = sync_ok(f);
	assert_int_equal(r.answers, 1);
	assert_int_equal(r.waiting, 0); /* the answer's own changes went back too */
	yz_err err = {{0}};
	assert_int_equal(yz_case_get(f->store, c.number, &c, &err), 0);
	assert_string_equal(c.state, "handling"); /* the step after "transferred" */
	assert_int_equal(c.forward_id, 0);        /* no longer at the department */
	last_forward(f, &c, &fw);
	assert_string_equal(fw.result, ANSWER);
	assert_string_equal(fw.result_date, "2026-12-01");
	assert_int_equal(events(f, &c, "dept_result", actor, note, sizeof note), 1);
	assert_string_equal(actor, "hub");
	assert_non_null(strstr(note, DEPT));

	r = sync_ok(f); /* nothing twice */
	assert_int_equal(r.answers, 0);
	assert_int_equal(r.sent, 0);
	assert_int_equal(events(f, &c, "dept_result", actor, note, sizeof note), 1);
	verify_same(f);
}

static void test_answer_after_phone(void **state)
{
	fixture *f = *state = station("SYNCB17");
	yz_case c;
	yz_case_forward fw;
	yz_err err = {{0}};
	char actor[256], note[256];

	forwarded_request(f, &c);
	sync_ok(f);
	/* The department phoned; the clerk recorded it before the hub's answer
	 * reached the station. */
	if (yz_service_forward_result(&f->s, c.number, BY_PHONE, NULL, &err) != 0)
		fail_msg("result: %s", err.msg);
	answer_at_hub(f, &c, ANSWER);
	yz_sync_report r = sync_ok(f);
	assert_int_equal(r.answers, 1);
	assert_int_equal(yz_case_get(f->store, c.number, &c, &err), 0);
	assert_string_equal(c.state, "handling"); /* moved once, by the clerk */
	last_forward(f, &c, &fw);
	assert_string_equal(fw.result, BY_PHONE); /* the clerk's stays */
	assert_int_equal(events(f, &c, "dept_result", actor, note, sizeof note), 1);
	assert_string_equal(actor, "zhangli");
	assert_int_equal(events(f, &c, "dept_answer", actor, note, sizeof note), 1);
	assert_string_equal(actor, "hub");
	assert_non_null(strstr(note, ANSWER)); /* both facts kept */
	assert_non_null(strstr(note, DEPT));
	assert_int_equal(sync_ok(f).answers, 0);
	verify_same(f);
}

static void test_lost_ack(void **state)
{
	fixture *f = *state = station("SYNCC17");
	yz_case c;
	yz_outbox_batch b = {0};
	yz_sync_state st;
	yz_hub *as_station;
	int64_t acked = 0;
	yz_err err = {{0}};

	forwarded_request(f, &c);
	assert_int_equal(yz_outbox_enable(f->store, NULL, NULL, &err), 0);
	assert_int_equal(yz_outbox_read(f->store, 0, 100000, yz_service_shared, &f->cat, &b, &err),
	                 0);
	assert_true(b.n > 4);
	/* The first half reached the hub, but its answer never came back. */
	size_t half = b.n / 2;
	yz_hub_change *ch = calloc(half, sizeof *ch);
	assert_non_null(ch);
	for (size_t i = 0; i < half; i++)
		ch[i] =
		    (yz_hub_change){b.rows[i].seq, b.rows[i].kind, b.rows[i].key, b.rows[i].body};
	if (yz_hub_open(&as_station, f->cfg.hub, f->cfg.hub_password, 0, &err) != 0 ||
	    yz_hub_push(as_station, f->cfg.station_code, ch, half, 0, &acked, &err) != 0)
		fail_msg("push: %s", err.msg);
	yz_hub_close(as_station);
	free(ch);
	assert_int_equal(yz_sync_state_get(f->store, &st, &err), 0);
	assert_int_equal(st.acked_seq, 0);

	yz_sync_report r = sync_ok(f);
	assert_int_equal(r.sent, (int64_t)(b.n - half)); /* the rest only */
	assert_int_equal(r.waiting, 0);
	yz_outbox_batch_free(&b);
	verify_same(f);
}

/* A station file put back by hand (no `yizhan restore`, no audit row of it):
 * its numbering went back while the hub kept what came after. The hub being
 * ahead of anything the station ever numbered is seen; the numbering moves
 * above it and the present state goes again; the change made since is at
 * the hub, not ignored. */
static void test_numbering_behind_hub(void **state)
{
	fixture *f = *state = station("SYNCE17");
	yz_case c1, c2, c3, c4;
	yz_sync_state st;
	sqlite3 *db;
	char sql[160];
	yz_err err = {{0}};

	forwarded_request(f, &c1);
	sync_ok(f);
	assert_int_equal(yz_sync_state_get(f->store, &st, &err), 0);
	int64_t back = st.last_seq;
	assert_true(back > 0 && st.waiting == 0);
	forwarded_request(f, &c2);
	forwarded_request(f, &c3);
	sync_ok(f);
	assert_int_equal(yz_sync_state_get(f->store, &st, &err), 0);
	int64_t hub_seq = st.last_seq;
	assert_true(hub_seq > back);

	assert_int_equal(sqlite3_open(f->cfg.db_path, &db), SQLITE_OK);
	snprintf(sql, sizeof sql,
	         "UPDATE sqlite_sequence SET seq = %lld WHERE name = 'outbox';"
	         "UPDATE sync_state SET acked_seq = %lld",
	         (long long)back, (long long)back);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(yz_sync_state_get(f->store, &st, &err), 0);
	assert_int_equal(st.last_seq, back);

	forwarded_request(f, &c4); /* numbered again from back + 1 */
	assert_int_equal(yz_sync_state_get(f->store, &st, &err), 0);
	assert_true(st.last_seq < hub_seq);
	yz_sync_report r = sync_ok(f);
	assert_int_equal(r.hub_seq, hub_seq);
	assert_true(r.reseeded > 0);
	assert_true(r.sent > 0 && r.sent <= r.reseeded); /* the shared ones */
	assert_int_equal(r.waiting, 0);
	assert_int_equal(yz_sync_state_get(f->store, &st, &err), 0);
	assert_int_equal(st.last_seq, hub_seq + r.reseeded);
	verify_same(f); /* c4 is at the hub */
	r = sync_ok(f);
	assert_int_equal(r.hub_seq, 0);
	assert_int_equal(r.sent, 0);
}

static void test_hub_unreachable(void **state)
{
	fixture *f = *state = station("SYNCD17");
	yz_case c;
	yz_sync_state st;
	yz_sync_report r;
	yz_err err = {{0}};
	char good[sizeof f->cfg.hub];

	forwarded_request(f, &c);
	snprintf(good, sizeof good, "%s", f->cfg.hub);
	snprintf(f->cfg.hub, sizeof f->cfg.hub, "%s",
	         "postgresql://yz_s_syncd17@/yizhan_hub?host=/nonexistent/yz-sync17");
	assert_int_equal(yz_service_sync(&f->s, NULL, &r, &err), -1);
	assert_true(err.msg[0] != '\0');
	assert_int_equal(yz_service_sync_state(&f->s, &st, &err), 0);
	assert_true(st.last_error[0] != '\0'); /* for the home screen */
	assert_true(st.last_try[0] != '\0');
	assert_string_equal(st.last_sync, "");
	assert_int_equal(st.acked_seq, 0);
	assert_true(st.waiting > 0);
	assert_int_equal(r.waiting, st.waiting);

	snprintf(f->cfg.hub, sizeof f->cfg.hub, "%s", good);
	int64_t waiting = st.waiting;
	r = sync_ok(f);
	assert_int_equal(yz_service_sync_state(&f->s, &st, &err), 0);
	assert_string_equal(st.last_error, "");
	assert_true(st.last_sync[0] != '\0');
	assert_int_equal(st.waiting, 0);
	assert_true(r.sent > 0 && r.sent <= waiting);
	verify_same(f);
}

/* No hub at all: told, nothing changes. */
static void test_no_hub(void **state)
{
	fixture *f = *state = fixture_open("yzsync17");
	yz_err err = {{0}};
	bool same;

	assert_int_equal(yz_service_sync(&f->s, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "hub station add"));
	assert_int_equal(yz_service_sync_verify(&f->s, NULL, NULL, &same, &err), -1);
}

static void test_share_filter(void **state)
{
	fixture *f = *state = fixture_open("yzsync17");
	void *cat = &f->cat;

	/* resident_request: the applicant, what is asked; not the phone */
	assert_true(yz_service_shared(cat, "resident_request", "applicant", NULL));
	assert_true(yz_service_shared(cat, "resident_request", "field", "content"));
	assert_true(yz_service_shared(cat, "resident_request", "field", "category"));
	assert_false(yz_service_shared(cat, "resident_request", "field", "phone"));
	assert_false(yz_service_shared(cat, "resident_request", "field", "no_such_field"));
	/* a table's cells follow the table: subsistence_allowance shares the
	 * figures, not the members */
	assert_false(yz_service_shared(cat, "subsistence_allowance", "field", "members.2.income"));
	assert_false(yz_service_shared(cat, "subsistence_allowance", "field", "members"));
	assert_true(yz_service_shared(cat, "subsistence_allowance", "field", "per_capita"));
	/* an on-the-spot certificate shares nothing of the resident */
	assert_false(yz_service_shared(cat, "residence_certificate", "applicant", NULL));
	/* a form the station does not know: nothing of its residents */
	assert_false(yz_service_shared(cat, "gone_form", "applicant", NULL));
	assert_false(yz_service_shared(cat, "gone_form", "field", "content"));
	/* the other kinds always go */
	assert_true(yz_service_shared(cat, "gone_form", "case", NULL));
	assert_true(yz_service_shared(cat, "residence_certificate", "event", NULL));
}

static int group_setup(void **state)
{
	char role[64], password[64];
	yz_err err = {{0}};

	(void)state;
	if (yz_hub_open(&admin, getenv("YZ_PG_URL"), NULL, 0, &err) != 0 ||
	    yz_hub_migrate(admin, NULL, NULL, &err) != 0 ||
	    yz_hub_dept_add(admin, DEPT_CODE, DEPT, role, password, &err) != 0) {
		fprintf(stderr, "hub: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	yz_hub_close(admin);
	return 0;
}

int main(void)
{
	if (!getenv("YZ_PG_URL")) {
		fprintf(stderr, "test_sync17: run under tests/lib/with-postgres\n");
		return 1;
	}
	fixture_ui_language("en");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_share_filter, fixture_teardown),
	    cmocka_unit_test_teardown(test_no_hub, fixture_teardown),
	    cmocka_unit_test_teardown(test_answer_moves_case, fixture_teardown),
	    cmocka_unit_test_teardown(test_answer_after_phone, fixture_teardown),
	    cmocka_unit_test_teardown(test_lost_ack, fixture_teardown),
	    cmocka_unit_test_teardown(test_hub_unreachable, fixture_teardown),
	    cmocka_unit_test_teardown(test_numbering_behind_hub, fixture_teardown),
	};
	return cmocka_run_group_tests_name("sync17", tests, group_setup, group_teardown);
}
