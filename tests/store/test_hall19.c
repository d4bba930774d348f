/* The hall's tickets and calls in the store (issue 19): numbering per day and
 * queue, two processes issuing at once, the order of calls, transfer, no-show,
 * recall, tickets and cases linked both ways, the display's calls, the
 * queues' counts, and a schema-9 station (tests/store/fixtures/schema-v9.*)
 * upgraded to the hall's tables. Real files; the store's clock is fixed and
 * moved by hand so that the times of issue are known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests.h"

#define DAY  "2026-12-07"
#define DAY2 "2026-12-08"

static time_t now_t = 1796605200; /* 2026-12-07T01:00:00Z */

static int setup(void **state)
{
	fx_setup(state);
	fixture *fx = *state;
	now_t = 1796605200;
	yz_store_set_clock(fx->st, yz_clock_fixed(&now_t));
	return 0;
}

static yz_ticket issue(fixture *fx, const char *day, const char *queue, bool priority, int *ahead)
{
	yz_err err = {0};
	yz_ticket t;

	if (yz_ticket_issue(fx->st, day, queue, priority, 0, &t, ahead, &err) != 0)
		fail_msg("issue %s: %s", queue, err.msg);
	now_t += 60; /* a minute between tickets: the times of issue differ */
	return t;
}

static int call(fixture *fx, const char *queues, int counter, yz_ticket *out)
{
	const char *q[8];
	char letters[8][2];
	size_t n = 0;
	yz_err err = {0};

	for (const char *p = queues; *p && n < 8; p++, n++) {
		letters[n][0] = *p;
		letters[n][1] = '\0';
		q[n] = letters[n];
	}
	int rc = yz_ticket_call_next(fx->st, DAY, q, n, counter, "clerk1", out, &err);
	if (rc < 0)
		fail_msg("call: %s", err.msg);
	now_t += 30;
	return rc;
}

static void numbering(void **state)
{
	fixture *fx = *state;
	int ahead = -1;
	yz_ticket t;

	t = issue(fx, DAY, "A", false, &ahead);
	assert_string_equal(t.code, "A001");
	assert_int_equal(t.number, 1);
	assert_int_equal(ahead, 0);
	assert_int_equal(t.state, YZ_TICKET_WAITING);
	assert_string_equal(t.issued_at, "2026-12-07T01:00:00Z");
	t = issue(fx, DAY, "A", false, &ahead);
	assert_string_equal(t.code, "A002");
	assert_int_equal(ahead, 1);
	t = issue(fx, DAY, "B", false, &ahead);
	assert_string_equal(t.code, "B001");
	assert_int_equal(ahead, 0);
	/* A priority ticket counts only the priority ones ahead of it. */
	t = issue(fx, DAY, "A", true, &ahead);
	assert_string_equal(t.code, "A003");
	assert_true(t.priority);
	assert_int_equal(ahead, 0);
	t = issue(fx, DAY, "A", false, &ahead);
	assert_int_equal(ahead, 3);
	/* The next day starts again at 1. */
	t = issue(fx, DAY2, "A", false, &ahead);
	assert_string_equal(t.code, "A001");
	assert_string_equal(t.day, DAY2);
	assert_int_equal(ahead, 0);

	yz_ticket list[16];
	size_t n = 0;
	yz_err err = {0};
	assert_int_equal(yz_ticket_list(fx->st, DAY, list, 16, &n, &err), 0);
	assert_int_equal(n, 5);
	assert_string_equal(list[0].code, "A001");
	assert_string_equal(list[4].code, "A004");
}

static void bad_queue_and_limit(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_ticket t;

	assert_int_equal(yz_ticket_issue(fx->st, DAY, "a", false, 0, &t, NULL, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "capital letter"));
	assert_int_equal(yz_ticket_issue(fx->st, DAY, "AB", false, 0, &t, NULL, &err), -1);
	/* The 999th of a queue is the last of the day. */
	sqlite3 *db = fx_raw(fx);
	assert_int_equal(sqlite3_exec(db,
	                              "INSERT INTO queue_tickets(day, code, queue, number, state,"
	                              " issued_at) VALUES ('" DAY "', 'C999', 'C', 999, 0, 'x')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_ticket_issue(fx->st, DAY, "C", false, 0, &t, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "999"));
	t = issue(fx, DAY, "D", false, NULL);
	assert_string_equal(t.code, "D001");
}

/* Two kiosks (processes) issuing at once never print the same number. */
static void two_issuers(void **state)
{
	fixture *fx = *state;
	enum { PER = 150 };
	pid_t kids[2];

	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		assert_true(kids[k] >= 0);
		if (kids[k] == 0) {
			yz_store *st = NULL;
			yz_err err = {0};
			int bad = 0;
			if (yz_store_open(fx->path, &st, &err) != 0)
				_exit(2);
			for (int i = 0; i < PER; i++) {
				yz_ticket t;
				if (yz_ticket_issue(st, DAY, "A", false, 0, &t, NULL, &err) != 0)
					bad++;
			}
			yz_store_close(st);
			_exit(bad ? 1 : 0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int status = 0;
		assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	sqlite3 *db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM queue_tickets"), 2 * PER);
	assert_int_equal(raw_int(db, "SELECT count(DISTINCT code) FROM queue_tickets"), 2 * PER);
	assert_int_equal(raw_int(db, "SELECT max(number) FROM queue_tickets"), 2 * PER);
	sqlite3_close(db);
}

/* Two counters (processes) calling at once never call the same ticket. */
static void two_callers(void **state)
{
	fixture *fx = *state;
	enum { N = 120 };
	pid_t kids[2];

	for (int i = 0; i < N; i++) {
		yz_ticket t;
		yz_err err = {0};
		assert_int_equal(
		    yz_ticket_issue(fx->st, DAY, i % 2 ? "A" : "B", false, 0, &t, NULL, &err), 0);
	}
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		assert_true(kids[k] >= 0);
		if (kids[k] == 0) {
			yz_store *st = NULL;
			yz_err err = {0};
			const char *q[2] = {"A", "B"};
			yz_ticket t;
			int rc;
			if (yz_store_open(fx->path, &st, &err) != 0)
				_exit(2);
			while ((rc = yz_ticket_call_next(st, DAY, q, 2, k + 1, "clerk1", &t,
			                                 &err)) == 0)
				;
			yz_store_close(st);
			_exit(rc == 1 ? 0 : 1);
		}
	}
	for (int k = 0; k < 2; k++) {
		int status = 0;
		assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	sqlite3 *db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM hall_calls"), N);
	assert_int_equal(raw_int(db, "SELECT count(DISTINCT ticket_id) FROM hall_calls"), N);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM queue_tickets WHERE state = 2"), N);
	sqlite3_close(db);
}

static void call_order(void **state)
{
	fixture *fx = *state;
	yz_ticket t, got;
	yz_err err = {0};

	issue(fx, DAY, "A", false, NULL);              /* A001 */
	issue(fx, DAY, "B", false, NULL);              /* B001 */
	issue(fx, DAY, "A", false, NULL);              /* A002 */
	yz_ticket p = issue(fx, DAY, "A", true, NULL); /* A003, priority */
	assert_int_equal(call(fx, "A", 1, &t), 0);
	assert_string_equal(t.code, p.code); /* priority first */
	assert_int_equal(t.state, YZ_TICKET_CALLED);
	assert_int_equal(t.counter, 1);
	assert_int_equal(t.calls, 1);
	assert_string_equal(t.clerk, "clerk1");
	assert_true(t.called_at[0]);
	/* Then by time of issue, across the counter's queues. */
	assert_int_equal(call(fx, "AB", 1, &t), 0);
	assert_string_equal(t.code, "A001");
	assert_int_equal(yz_ticket_get(fx->st, p.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_TICKET_DONE); /* the one served before is done */
	assert_true(got.done_at[0]);
	assert_int_equal(call(fx, "AB", 2, &t), 0);
	assert_string_equal(t.code, "B001");
	assert_int_equal(call(fx, "B", 2, &t), 1); /* nobody waits in B */
	assert_int_equal(yz_ticket_serving(fx->st, DAY, 2, &t, &err), 1);
	assert_int_equal(yz_ticket_serving(fx->st, DAY, 1, &t, &err), 0);
	assert_string_equal(t.code, "A001");
	assert_int_equal(yz_ticket_done(fx->st, t.id, &err), 0);
	assert_int_equal(yz_ticket_serving(fx->st, DAY, 1, &t, &err), 1);
	/* Done twice: refused in words. */
	assert_int_equal(yz_ticket_done(fx->st, got.id, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
}

static void transfer_keeps_time(void **state)
{
	fixture *fx = *state;
	yz_ticket a, t;
	yz_err err = {0};

	a = issue(fx, DAY, "A", false, NULL); /* A001, first of all */
	issue(fx, DAY, "B", false, NULL);     /* B001 */
	issue(fx, DAY, "B", false, NULL);     /* B002 */
	assert_int_equal(call(fx, "A", 1, &t), 0);
	assert_string_equal(t.code, "A001");
	char first_call[21];
	memcpy(first_call, t.called_at, sizeof first_call);
	assert_int_equal(yz_ticket_transfer(fx->st, a.id, "A", "clerk1", &err),
	                 -1); /* same queue */
	assert_int_equal(yz_ticket_transfer(fx->st, a.id, "B", "clerk1", &err), 0);
	assert_int_equal(yz_ticket_get(fx->st, a.id, &t, &err), 0);
	assert_int_equal(t.state, YZ_TICKET_WAITING);
	assert_string_equal(t.queue, "B");
	assert_string_equal(t.from_queue, "A");
	assert_string_equal(t.code, "A001");
	assert_string_equal(t.issued_at, a.issued_at);
	/* It comes before B001 (issued later), keeps its first call. */
	assert_int_equal(call(fx, "B", 2, &t), 0);
	assert_string_equal(t.code, "A001");
	assert_string_equal(t.called_at, first_call);
	assert_int_equal(t.counter, 2);
	/* Not being served: a transfer is refused. */
	assert_int_equal(yz_ticket_done(fx->st, t.id, &err), 0);
	assert_int_equal(yz_ticket_transfer(fx->st, a.id, "C", "clerk1", &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	sqlite3 *db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit WHERE action = 'ticket_transfer'"
	                             " AND actor = 'clerk1' AND detail LIKE '%A001 A->B%'"),
	                 1);
	/* Issue and call leave no audit rows. */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit WHERE action LIKE 'ticket%'"), 1);
	sqlite3_close(db);
	/* B's own numbering is unchanged by the transfer. */
	t = issue(fx, DAY, "B", false, NULL);
	assert_string_equal(t.code, "B003");
}

static void noshow_and_recall(void **state)
{
	fixture *fx = *state;
	yz_ticket a, t;
	yz_err err = {0};

	a = issue(fx, DAY, "A", false, NULL);
	assert_int_equal(yz_ticket_noshow(fx->st, a.id, "clerk1", &err), -1); /* not called yet */
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_int_equal(call(fx, "A", 3, &t), 0);
	/* Recall at another window: refused; at its own: a call row marked recall. */
	assert_int_equal(yz_ticket_recall(fx->st, a.id, 2, "clerk1", &err), -1);
	assert_non_null(strstr(err.msg, "A001"));
	assert_int_equal(yz_ticket_recall(fx->st, a.id, 3, "clerk1", &err), 0);
	assert_int_equal(yz_ticket_get(fx->st, a.id, &t, &err), 0);
	assert_int_equal(t.calls, 2);
	yz_hall_call c[4];
	size_t n = 0;
	assert_int_equal(yz_hall_calls_after(fx->st, DAY, 0, c, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_false(c[0].recall);
	assert_true(c[1].recall);
	assert_int_equal(c[1].counter, 3);
	assert_string_equal(c[1].code, "A001");
	assert_int_equal(yz_ticket_noshow(fx->st, a.id, "clerk1", &err), 0);
	assert_int_equal(yz_ticket_get(fx->st, a.id, &t, &err), 0);
	assert_int_equal(t.state, YZ_TICKET_NOSHOW);
	assert_true(t.done_at[0]);
	assert_int_equal(yz_ticket_recall(fx->st, a.id, 3, "clerk1", &err), -1);
	sqlite3 *db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit WHERE action = 'ticket_noshow'"
	                             " AND detail LIKE '%A001%'"),
	                 1);
	sqlite3_close(db);
	/* The audit chain still verifies with the new rows. */
	int64_t bad = -1;
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);
}

static int64_t add_case(fixture *fx, int64_t rid, yz_case *c)
{
	yz_case_new in;
	yz_err err = {0};

	memset(&in, 0, sizeof in);
	in.form_id = "residence-cert";
	in.item = "Residence certificate";
	in.line = "certificates";
	in.resident_id = rid;
	in.clerk_login = "clerk1";
	in.accepted_date = DAY;
	in.due_date = DAY;
	in.status = YZ_CASE_ACCEPTED;
	if (yz_case_create(fx->st, "HZ01", 2026, &in, c, &err) != 0)
		fail_msg("case: %s", err.msg);
	return c->id;
}

static void links(void **state)
{
	fixture *fx = *state;
	int64_t rid = fx_clerk_and_resident(fx);
	yz_case c1, c2, c3;
	yz_ticket a, t;
	yz_err err = {0};
	char nums[4][40];
	size_t n = 0;

	a = issue(fx, DAY, "C", false, NULL);
	add_case(fx, rid, &c1);
	add_case(fx, rid, &c2);
	add_case(fx, rid, &c3);
	assert_int_equal(yz_ticket_link_case(fx->st, a.id, c1.id, &err), 0);
	assert_int_equal(yz_ticket_link_case(fx->st, a.id, c2.id, &err), 0);
	/* A case has one ticket. */
	assert_int_equal(yz_ticket_link_case(fx->st, a.id, c1.id, &err), -1);
	assert_int_equal(yz_ticket_of_case(fx->st, c2.id, &t, &err), 0);
	assert_string_equal(t.code, "C001");
	assert_int_equal(yz_ticket_of_case(fx->st, c3.id, &t, &err), 1);
	assert_int_equal(yz_ticket_case_numbers(fx->st, a.id, nums, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(nums[0], c1.number);
	assert_string_equal(nums[1], c2.number);
	/* In the caller's transaction: a rollback takes the link too. */
	assert_int_equal(yz_store_begin(fx->st, &err), 0);
	assert_int_equal(yz_ticket_link_case(fx->st, a.id, c3.id, &err), 0);
	yz_store_rollback(fx->st);
	assert_int_equal(yz_ticket_of_case(fx->st, c3.id, &t, &err), 1);
}

static void display_calls(void **state)
{
	fixture *fx = *state;
	yz_hall_call c[8];
	size_t n = 9;
	int64_t last = -1;
	yz_ticket t;
	yz_err err = {0};

	assert_int_equal(yz_hall_last_call(fx->st, DAY, &last, &err), 0);
	assert_int_equal(last, 0);
	for (int i = 0; i < 4; i++)
		issue(fx, DAY, i % 2 ? "B" : "A", false, NULL);
	assert_int_equal(call(fx, "A", 1, &t), 0); /* A001 */
	assert_int_equal(call(fx, "B", 2, &t), 0); /* B001 */
	assert_int_equal(yz_hall_last_call(fx->st, DAY, &last, &err), 0);
	assert_true(last > 0);
	assert_int_equal(yz_hall_calls_after(fx->st, DAY, last, c, 8, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(call(fx, "AB", 1, &t), 0); /* A002 */
	assert_int_equal(yz_hall_calls_after(fx->st, DAY, last, c, 8, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].code, "A002");
	assert_string_equal(c[0].queue, "A");
	assert_int_equal(c[0].counter, 1);
	assert_true(c[0].id > last);
	assert_int_equal(yz_hall_calls_after(fx->st, DAY, 0, c, 2, &n, &err), 0);
	assert_int_equal(n, 2); /* at most max, oldest first */
	assert_string_equal(c[0].code, "A001");
	assert_int_equal(yz_hall_calls_recent(fx->st, DAY, c, 8, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(c[0].code, "A002"); /* newest first */
	assert_string_equal(c[2].code, "A001");
	/* Another day's display sees none of them. */
	assert_int_equal(yz_hall_last_call(fx->st, DAY2, &last, &err), 0);
	assert_int_equal(last, 0);
	assert_int_equal(yz_hall_calls_recent(fx->st, DAY2, c, 8, &n, &err), 0);
	assert_int_equal(n, 0);
}

static void counts(void **state)
{
	fixture *fx = *state;
	yz_queue_count qc[3];
	const char *qs[3] = {"A", "B", "C"};
	yz_ticket t;
	yz_err err = {0};

	for (int i = 0; i < 4; i++)
		issue(fx, DAY, "A", false, NULL);
	issue(fx, DAY, "B", false, NULL);
	assert_int_equal(call(fx, "A", 1, &t), 0); /* A001 at 1 */
	now_t += 90;
	assert_int_equal(call(fx, "A", 1, &t), 0); /* A001 done after 120 s; A002 at 1 */
	assert_int_equal(call(fx, "A", 2, &t), 0); /* A003 at 2 */
	assert_int_equal(yz_ticket_noshow(fx->st, t.id, "clerk1", &err), 0);
	assert_int_equal(call(fx, "B", 3, &t), 0); /* B001 at 3 */
	assert_int_equal(yz_ticket_transfer(fx->st, t.id, "A", "clerk1", &err), 0);
	assert_int_equal(yz_queue_counts(fx->st, DAY, qs, 3, qc, &err), 0);
	assert_string_equal(qc[0].queue, "A");
	assert_int_equal(qc[0].waiting, 2); /* A004 and B001 transferred */
	assert_int_equal(qc[0].issued, 4);  /* by the queue of issue */
	assert_int_equal(qc[0].served, 1);
	assert_int_equal(qc[0].noshow, 1);
	assert_int_equal(qc[0].service_s_sum, 120);
	assert_int_equal(qc[0].counters, 3); /* windows 1, 2 and 3 (B001, now A's) */
	assert_int_equal(qc[1].waiting, 0);
	assert_int_equal(qc[1].issued, 1);
	assert_int_equal(qc[2].issued, 0);
	/* Two hours later no window has called from A in the last hour. */
	now_t += 7200;
	assert_int_equal(yz_queue_counts(fx->st, DAY, qs, 1, qc, &err), 0);
	assert_int_equal(qc[0].counters, 0);
}

/* A station of schema 9, made by that version (fixtures/schema-v9.*), opens
 * with the hall's tables and takes tickets. */
static void from_schema9(void **state)
{
	fixture *fx = *state;
	const char *dir = getenv("YZ_STORE_FIXTURES");
	char path[512], key[512];
	size_t len = 0;
	yz_err err = {0};

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/schema-v9.sql", dir);
	char *sql = fx_read_file(path, &len);
	sqlite3 *db = fx_raw(fx);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("load %s: %s", path, msg);
	free(sql);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 9);
	assert_int_equal(
	    raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'queue_tickets'"), 0);
	long long cases = raw_int(db, "SELECT count(*) FROM cases");
	sqlite3_close(db);
	snprintf(path, sizeof path, "%s/schema-v9.key", dir);
	char *k = fx_read_file(path, &len);
	snprintf(key, sizeof key, "%s/station.key", fx->dir);
	fx_write_file(key, k, len);
	free(k);

	yz_store *st = NULL;
	if (yz_store_open(fx->path, &st, &err) != 0)
		fail_msg("open: %s", err.msg);
	yz_store_set_clock(st, yz_clock_fixed(&now_t));
	yz_ticket t;
	assert_int_equal(yz_ticket_issue(st, DAY, "A", false, 0, &t, NULL, &err), 0);
	assert_string_equal(t.code, "A001");
	yz_case c;
	assert_int_equal(yz_case_get(st, "DEMO01-2026-000056", &c, &err), 0);
	assert_int_equal(yz_ticket_link_case(st, t.id, c.id, &err), 0);
	int64_t bad = -1;
	assert_int_equal(yz_audit_verify(st, &bad, &err), 0);
	yz_store_close(st);
	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), YZ_SCHEMA_VERSION);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM cases"), cases);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM ticket_cases"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND"
	                             " name IN ('queue_tickets_day', 'ticket_cases_ticket',"
	                             " 'hall_calls_day', 'appointments_slot', 'appointments_idno',"
	                             " 'home_visits_day')"),
	                 6);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(numbering, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(bad_queue_and_limit, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(two_issuers, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(two_callers, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(call_order, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(transfer_keeps_time, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(noshow_and_recall, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(links, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(display_calls, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(counts, setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(from_schema9, fx_setup_closed, fx_teardown),
	};
	return cmocka_run_group_tests_name("hall19", tests, NULL, NULL);
}
