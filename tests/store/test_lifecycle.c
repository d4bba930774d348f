/* The case lifecycle in the store (issue 4): due dates through pauses and
 * extensions on the 2026 calendar (hand-computed), approvals, forwarding,
 * ratings and follow-ups, AB cover on the dashboard, talk sessions, and the
 * migration of a schema-2 station with cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/schema.h"
#include "tests.h"
#include "yz_test_paths.h"

static yz_calendar cal;

static void load_calendar(void)
{
	FILE *f = fopen(YZ_SOURCE_ROOT "/data/calendar.txt", "rb");
	char buf[16384];
	size_t n;
	yz_err err = {0};

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	yz_calendar_free(&cal);
	memset(&cal, 0, sizeof cal);
	if (yz_calendar_parse(buf, n, "calendar.txt", &cal, &err) != 0)
		fail_msg("calendar: %s", err.msg);
}

/* A case accepted on date with promise/legal limits, owned by clerk1. */
static yz_case make_case(fixture *fx, int64_t rid, const char *date, const char *line, int promise,
                         int legal)
{
	yz_err err = {0};
	yz_case c;
	yz_date d;
	char due[11], ldue[11];

	yz_date_parse(date, &d);
	yz_date_format(yz_add_workdays(&cal, d, promise, NULL), due);
	yz_date_format(yz_add_workdays(&cal, d, legal, NULL), ldue);
	yz_case_new in = {.form_id = "subsistence_allowance",
	                  .item = "Dibao",
	                  .line = line,
	                  .resident_id = rid,
	                  .clerk_login = "clerk1",
	                  .accepted_date = date,
	                  .due_date = due,
	                  .status = YZ_CASE_ACCEPTED,
	                  .state = "received",
	                  .promise_days = promise,
	                  .legal_days = legal,
	                  .legal_due_date = ldue};
	if (yz_case_create(fx->st, "T1", d.year, &in, &c, &err) != 0)
		fail_msg("create: %s", err.msg);
	return c;
}

static yz_case reload(fixture *fx, const yz_case *c)
{
	yz_case out;
	assert_int_equal(yz_case_get_by_id(fx->st, c->id, &out, NULL), 0);
	return out;
}

/* 2026-03-30 (Mon) + 5 working days, over Qingming (04-04..04-06) = 04-07;
 * legal 10 = 04-14. A pause from Wed 04-01 to Wed 04-08 stops 4 working days
 * (04-02, 04-03, 04-07, 04-08): due 04-13, legal 04-20. An extension of 3:
 * 04-16. */
static void test_deadlines_pause_extension(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), ap;
	yz_case c = make_case(fx, rid, "2026-03-30", "L", 5, 10);
	yz_act a = {.actor = "clerk1", .today = "2026-04-01", .note = "n"};

	assert_string_equal(c.due_date, "2026-04-07");
	assert_string_equal(c.legal_due_date, "2026-04-14");
	assert_string_equal(c.eff_due, "2026-04-07");
	assert_string_equal(c.state, "received");
	assert_string_equal(c.owner, "clerk1");

	/* No missing list, or a bring-by date in the past: refused. */
	assert_int_equal(yz_case_pause(fx->st, c.id, "", "2026-04-10", &a, NULL, &err), -1);
	assert_int_equal(yz_case_pause(fx->st, c.id, "hukou", "2026-03-01", &a, NULL, &err), -1);
	assert_int_equal(yz_case_pause(fx->st, c.id, "hukou\nincome", "2026-04-10", &a, NULL, &err),
	                 0);
	c = reload(fx, &c);
	assert_string_equal(c.paused_since, "2026-04-01");
	assert_string_equal(c.eff_due, ""); /* not overdue while the clock stands */
	assert_int_equal(yz_case_pause(fx->st, c.id, "x", "2026-04-10", &a, NULL, &err), -1);

	a.today = "2026-04-08";
	assert_int_equal(yz_case_resume(fx->st, &cal, c.id, &a, &err), 0);
	c = reload(fx, &c);
	assert_string_equal(c.paused_since, "");
	assert_string_equal(c.due_date, "2026-04-13");
	assert_string_equal(c.legal_due_date, "2026-04-20");
	assert_string_equal(c.eff_due, "2026-04-13");

	yz_deadline due, legal;
	yz_date on = {2026, 4, 8};
	assert_int_equal(yz_case_deadline(fx->st, &cal, c.id, on, &due, &legal, &err), 0);
	assert_int_equal(due.limit_days, 5);
	assert_int_equal(due.paused_days, 4);
	assert_int_equal(legal.limit_days, 10);

	/* Extension: requested, approved by the head, due moves by 3 working days. */
	assert_int_equal(
	    yz_approval_request(fx->st, c.id, YZ_APPROVAL_EXTENSION, "visit", 3, &a, &ap, &err), 0);
	assert_int_equal(
	    yz_approval_request(fx->st, c.id, YZ_APPROVAL_EXTENSION, "again", 2, &a, NULL, &err),
	    -1); /* one pending request of a kind */
	yz_act head = {.actor = "clerk1", .today = "2026-04-08", .note = "ok"};
	assert_int_equal(yz_approval_decide(fx->st, &cal, ap, true, &head, &err), 0);
	assert_int_equal(yz_approval_decide(fx->st, &cal, ap, true, &head, &err), -1);
	c = reload(fx, &c);
	assert_int_equal(c.extension_days, 3);
	assert_string_equal(c.due_date, "2026-04-16");
	assert_string_equal(c.legal_due_date, "2026-04-20");

	yz_approval list[4];
	size_t n;
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_ANY, c.id, list, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].state, YZ_APPROVAL_APPROVED);
	assert_string_equal(list[0].decided_by, "clerk1");
}

static void test_transitions_close_rate(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), fu;
	yz_case c = make_case(fx, rid, "2026-03-30", "L", 5, 10);
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = "visit done"};

	assert_int_equal(yz_case_transition(fx->st, c.id, "wrong", "investigation", &a, &err), -1);
	assert_int_equal(yz_case_transition(fx->st, c.id, "received", "investigation", &a, &err),
	                 0);
	/* Rating an open case is refused. */
	assert_int_equal(yz_case_rate(fx->st, c.id, 2, "", NULL, false, &a, NULL, &err), -1);
	assert_int_equal(yz_case_close(fx->st, c.id, "approved", YZ_RESULT_UNKNOWN, &a, &err), -1);
	assert_int_equal(yz_case_close(fx->st, c.id, "approved", YZ_RESULT_APPROVED, &a, &err), 0);
	c = reload(fx, &c);
	assert_int_equal(c.status, YZ_CASE_DONE);
	assert_int_equal(c.result, YZ_RESULT_APPROVED);
	assert_string_equal(c.eff_due, "");
	assert_true(c.closed_at[0]);
	assert_int_equal(yz_case_close(fx->st, c.id, "approved", YZ_RESULT_APPROVED, &a, &err), -1);

	yz_case_event ev[16];
	size_t n;
	assert_int_equal(yz_case_timeline(fx->st, c.id, ev, 16, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ev[1].kind, "transition");
	assert_string_equal(ev[1].from_state, "received");
	assert_string_equal(ev[1].to_state, "investigation");
	assert_string_equal(ev[1].note, "visit done");
	assert_string_equal(ev[2].kind, "closed");

	/* A bad rating (5) opens a follow-up and, for a complaint, an approval. */
	assert_int_equal(yz_case_rate(fx->st, c.id, 5, "slow", "2026-04-03", true, &a, &fu, &err),
	                 0);
	assert_true(fu > 0);
	assert_int_equal(yz_case_rate(fx->st, c.id, 1, "", NULL, false, &a, NULL, &err), -1);
	yz_followup f[4];
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_OPEN, f, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(f[0].due_date, "2026-04-03");
	assert_int_equal(f[0].score, 5);
	yz_act head = {.actor = "clerk1", .today = "2026-04-01", .note = ""};
	assert_int_equal(yz_followup_done(fx->st, f[0].id, &head, &err), -1); /* note required */
	head.note = "called back";
	assert_int_equal(yz_followup_done(fx->st, f[0].id, &head, &err), 0);
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_OPEN, f, 4, &n, &err), 0);
	assert_int_equal(n, 0);

	/* The head rejects closing the badly rated complaint: the case opens again. */
	yz_approval ap[4];
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_PENDING, 0, ap, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ap[0].kind, YZ_APPROVAL_BAD_RATING);
	assert_int_equal(yz_approval_decide(fx->st, &cal, ap[0].id, false, &head, &err), 0);
	c = reload(fx, &c);
	assert_int_equal(c.status, YZ_CASE_ACCEPTED);
	assert_int_equal(c.result, YZ_RESULT_NONE);
}

static void test_refuse_withdraw_handover(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), ap;
	yz_case c = make_case(fx, rid, "2026-03-30", "L", 5, 10);
	yz_case d = make_case(fx, rid, "2026-03-30", "L", 5, 10);
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = ""};

	assert_int_equal(
	    yz_approval_request(fx->st, c.id, YZ_APPROVAL_REFUSE, "", 0, &a, &ap, &err), -1);
	assert_int_equal(yz_approval_request(fx->st, c.id, YZ_APPROVAL_REFUSE, "hukou elsewhere", 0,
	                                     &a, &ap, &err),
	                 0);
	assert_int_equal(yz_approval_decide(fx->st, &cal, ap, true, &a, &err), 0);
	c = reload(fx, &c);
	assert_int_equal(c.status, YZ_CASE_DONE);
	assert_int_equal(c.result, YZ_RESULT_REJECTED);
	assert_string_equal(c.state, YZ_STATE_REJECTED);

	/* Hand-over needs a reason and a real clerk. */
	assert_int_equal(
	    yz_user_add(fx->st, "clerk2", "Clerk Two", "", YZ_ROLE_CLERK, "secret-2", &err), 0);
	assert_int_equal(yz_case_hand_over(fx->st, d.id, "clerk2", &a, &err), -1);
	a.note = "leave";
	assert_int_equal(yz_case_hand_over(fx->st, d.id, "nobody", &a, &err), -1);
	assert_int_equal(yz_case_hand_over(fx->st, d.id, "clerk2", &a, &err), 0);
	d = reload(fx, &d);
	assert_string_equal(d.owner, "clerk2");
	assert_string_equal(d.clerk_login, "clerk1");
	a.note = "resident moved";
	assert_int_equal(
	    yz_case_close(fx->st, d.id, YZ_STATE_WITHDRAWN, YZ_RESULT_WITHDRAWN, &a, &err), 0);
}

/* A forward with a department due date in the past makes the case overdue for
 * its owner although its own due date is later. */
static void test_forward_overdue_dashboard(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_case c = make_case(fx, rid, "2026-03-30", "L", 20, 30);
	yz_case p = make_case(fx, rid, "2026-03-30", "L", 20, 30);
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = ""};
	yz_dashboard *d = calloc(1, sizeof *d);

	assert_int_equal(yz_case_forward_send(fx->st, c.id, "", "", &a, NULL, &err), -1);
	assert_int_equal(
	    yz_case_forward_send(fx->st, c.id, "Street office", "2026-04-02", &a, NULL, &err), 0);
	assert_int_equal(yz_case_pause(fx->st, p.id, "photo", "2026-04-03", &a, NULL, &err), 0);
	assert_int_equal(yz_dashboard_get(fx->st, "clerk1", "2026-04-07", "2026-04-09", d, &err),
	                 0);
	assert_int_equal(d->sec[YZ_DASH_QUEUE].count, 2);
	assert_int_equal(d->sec[YZ_DASH_OVERDUE].count, 1);
	assert_string_equal(d->sec[YZ_DASH_OVERDUE].rows[0].number, c.number);
	assert_string_equal(d->sec[YZ_DASH_OVERDUE].rows[0].department, "Street office");
	assert_int_equal(d->sec[YZ_DASH_WAIT_DEPT].count, 1);
	assert_int_equal(d->sec[YZ_DASH_WAIT_RESIDENT].count, 1);
	assert_string_equal(d->sec[YZ_DASH_WAIT_RESIDENT].rows[0].number, p.number);
	/* Closing while at the department is refused; the result comes back first. */
	assert_int_equal(yz_case_close(fx->st, c.id, "x", YZ_RESULT_APPROVED, &a, &err), -1);
	assert_int_equal(yz_case_forward_notified(fx->st, c.id, YZ_NOTIFY_PHONE, &a, &err), -1);
	assert_int_equal(yz_case_forward_result(fx->st, c.id, "granted", "2026-04-03", &a, &err),
	                 0);
	assert_int_equal(yz_case_forward_notified(fx->st, c.id, YZ_NOTIFY_UNKNOWN, &a, &err), -1);
	assert_int_equal(yz_case_forward_notified(fx->st, c.id, YZ_NOTIFY_SMS, &a, &err), 0);
	assert_int_equal(yz_case_forward_collected(fx->st, c.id, &a, &err), 0);
	yz_case_forward f[2];
	size_t n;
	assert_int_equal(yz_case_forwards(fx->st, c.id, f, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(f[0].result, "granted");
	assert_int_equal(f[0].notified_how, YZ_NOTIFY_SMS);
	assert_string_equal(f[0].collected_date, "2026-03-31");
	assert_int_equal(yz_dashboard_get(fx->st, "clerk1", "2026-04-07", "2026-04-09", d, &err),
	                 0);
	assert_int_equal(d->sec[YZ_DASH_OVERDUE].count, 0);
	assert_int_equal(d->sec[YZ_DASH_WAIT_DEPT].count, 0);
	free(d);
}

/* Issue 12: a move's step is computed from the state a counter saw; another
 * counter moving the case meanwhile makes the move refused, nothing written,
 * instead of jumping the case to a step that no longer follows. */
static void test_move_from_stale_state(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_case c = make_case(fx, rid, "2026-03-30", "L", 20, 30);
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = ""};
	yz_case_forward f[2];
	size_t n = 9;

	/* Counter 1 saw "received" and computes "transferred"; counter 2 moves
	 * the case to "investigation" first. */
	a.from_state = "received";
	a.to_state = "transferred";
	assert_int_equal(yz_case_transition(fx->st, c.id, "received", "investigation", &a, &err),
	                 0);
	assert_int_equal(
	    yz_case_forward_send(fx->st, c.id, "Street office", "2026-04-02", &a, NULL, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_non_null(strstr(err.msg, "another counter"));
	c = reload(fx, &c);
	assert_string_equal(c.state, "investigation");
	assert_int_equal(c.forward_id, 0);
	assert_int_equal(yz_case_forwards(fx->st, c.id, f, 2, &n, &err), 0);
	assert_int_equal(n, 0);
	/* Seen as it is now, the move goes through. */
	a.from_state = "investigation";
	assert_int_equal(
	    yz_case_forward_send(fx->st, c.id, "Street office", "2026-04-02", &a, NULL, &err), 0);
	c = reload(fx, &c);
	assert_string_equal(c.state, "transferred");
	/* The result: computed from "transferred", but the case was moved on. */
	assert_int_equal(yz_case_transition(fx->st, c.id, "transferred", "review", &a, &err), 0);
	a.from_state = "transferred";
	a.to_state = "decided";
	assert_int_equal(yz_case_forward_result(fx->st, c.id, "granted", "2026-04-03", &a, &err),
	                 -1);
	c = reload(fx, &c);
	assert_string_equal(c.state, "review");
	assert_true(c.forward_id != 0); /* still waiting for the department */
}

/* B sees A's queue of the line only while A is away. */
static void test_ab_cover(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_dashboard *d = calloc(1, sizeof *d);

	assert_int_equal(yz_user_add(fx->st, "clerkb", "B", "", YZ_ROLE_CLERK, "secret-b", &err),
	                 0);
	make_case(fx, rid, "2026-03-30", "L", 5, 10);
	make_case(fx, rid, "2026-03-30", "OTHER", 5, 10);
	assert_int_equal(yz_line_staff_set(fx->st, "L", "clerk1", "clerk1", "admin", &err), -1);
	assert_int_equal(yz_line_staff_set(fx->st, "L", "clerk1", "ghost", "admin", &err), -1);
	assert_int_equal(yz_line_staff_set(fx->st, "L", "clerk1", "clerkb", "admin", &err), 0);
	assert_int_equal(yz_dashboard_get(fx->st, "clerkb", "2026-04-01", "2026-04-03", d, &err),
	                 0);
	assert_int_equal(d->sec[YZ_DASH_QUEUE].count, 0);
	assert_int_equal(
	    yz_absence_add(fx->st, "clerk1", "2026-04-01", "2026-03-30", "admin", NULL, &err), -1);
	assert_int_equal(
	    yz_absence_add(fx->st, "clerk1", "2026-04-01", "2026-04-02", "admin", NULL, &err), 0);
	assert_int_equal(yz_user_absent(fx->st, "clerk1", "2026-04-02", &err), 1);
	assert_int_equal(yz_user_absent(fx->st, "clerk1", "2026-04-03", &err), 0);
	assert_int_equal(yz_dashboard_get(fx->st, "clerkb", "2026-04-01", "2026-04-03", d, &err),
	                 0);
	assert_int_equal(d->n_cover, 1);
	assert_string_equal(d->cover[0].a_login, "clerk1");
	assert_int_equal(d->sec[YZ_DASH_QUEUE].count, 1); /* line L only, not OTHER */
	assert_string_equal(d->sec[YZ_DASH_QUEUE].rows[0].line, "L");
	assert_int_equal(yz_dashboard_get(fx->st, "clerkb", "2026-04-03", "2026-04-07", d, &err),
	                 0);
	assert_int_equal(d->sec[YZ_DASH_QUEUE].count, 0);
	/* The station head (no login) sees every open case, whoever owns it. */
	assert_int_equal(yz_dashboard_get(fx->st, NULL, "2026-04-03", "2026-04-07", d, &err), 0);
	assert_int_equal(d->n_cover, 0);
	assert_int_equal(d->sec[YZ_DASH_QUEUE].count, 2);
	assert_int_equal(d->sec[YZ_DASH_QUEUE].n, 2);
	free(d);
}

static void test_talk_summary(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), t;
	yz_case a = make_case(fx, rid, "2026-03-30", "L", 5, 10);
	yz_case b = make_case(fx, rid, "2026-03-30", "L", 5, 10);
	yz_act act = {.actor = "clerk1", .today = "2026-03-31", .note = ""};
	yz_talk_row rows[4];
	size_t n;
	long acc, done;

	assert_int_equal(yz_talk_add(fx->st, "2026-03-30", "", 10, "clerk1", &t, &err), -1);
	assert_int_equal(yz_talk_add(fx->st, "2026-03-30", "Hall", 10, "clerk1", &t, &err), 0);
	assert_int_equal(yz_talk_link(fx->st, t, a.id, "clerk1", &err), 0);
	assert_int_equal(yz_talk_link(fx->st, t, b.id, "clerk1", &err), 0);
	assert_int_equal(yz_talk_link(fx->st, t, b.id, "clerk1", &err), -1);
	assert_int_equal(yz_case_close(fx->st, a.id, "x", YZ_RESULT_RESOLVED, &act, &err), 0);
	assert_int_equal(yz_talk_summary(fx->st, t, rows, 4, &n, &acc, &done, &err), 0);
	assert_int_equal(acc, 2);
	assert_int_equal(done, 1);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].item, "Dibao");
}

/* A schema-2 station with an open and a closed case opens as schema 3: limits
 * unknown until filled, owner = clerk, closed case with a result. Then the
 * recompute puts the open case on working days. */
static void test_migrate_v2(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	sqlite3 *db = fx_raw(fx);

	for (int i = 0; i < 2; i++)
		assert_int_equal(sqlite3_exec(db, st_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db,
	                 "INSERT INTO users VALUES(1,'clerk1','C','',0,'x',0,0,1,'t');"
	                 "INSERT INTO cases(id,number,station,year,seq,form_id,item,status,"
	                 "clerk_login,accepted_date,due_date,created_at,updated_at,line) VALUES"
	                 "(1,'T1-2026-000001','T1',2026,1,'f','i','accepted','clerk1','2026-03-30',"
	                 "'2026-04-04','t','t','L'),"
	                 "(2,'T1-2026-000002','T1',2026,2,'f','i','done','clerk1','2026-03-30',"
	                 "'2026-04-04','t','u','L');"
	                 "INSERT INTO case_counters VALUES('T1',2026,2);"
	                 "INSERT INTO case_events(case_id,at,actor,kind) VALUES(1,'t','clerk1',"
	                 "'accepted');"
	                 "PRAGMA user_version=2;",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	if (yz_store_open(fx->path, &fx->st, &err) != 0)
		fail_msg("open: %s", err.msg);
	assert_int_equal(yz_store_user_version(fx->st), YZ_SCHEMA_VERSION);
	yz_case c;
	assert_int_equal(yz_case_get(fx->st, "T1-2026-000001", &c, &err), 0);
	assert_string_equal(c.owner, "clerk1");
	assert_string_equal(c.state, YZ_STATE_ACCEPTED);
	assert_int_equal(c.promise_days, -1);
	assert_string_equal(c.eff_due, "2026-04-04");
	assert_int_equal(yz_case_get(fx->st, "T1-2026-000002", &c, &err), 0);
	assert_int_equal(c.result, YZ_RESULT_RESOLVED);
	assert_string_equal(c.closed_at, "u");
	assert_string_equal(c.eff_due, "");
	yz_case_event ev[4];
	size_t n;
	assert_int_equal(yz_case_timeline(fx->st, 1, ev, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].from_state, "");

	long changed = 0;
	yz_date on = {2026, 3, 31};
	assert_int_equal(yz_cases_fill_limits(fx->st, "f", 5, 10, &err), 0);
	assert_int_equal(yz_cases_recompute_all(fx->st, &cal, on, &changed, &err), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(yz_case_get(fx->st, "T1-2026-000001", &c, &err), 0);
	assert_string_equal(c.due_date, "2026-04-07");
	assert_string_equal(c.legal_due_date, "2026-04-14");
	/* Numbers continue without a gap after the migration. */
	yz_case_new in = {.form_id = "f",
	                  .item = "i",
	                  .line = "L",
	                  .clerk_login = "clerk1",
	                  .accepted_date = "2026-03-31",
	                  .due_date = ""};
	assert_int_equal(yz_case_create(fx->st, "T1", 2026, &in, &c, &err), 0);
	assert_string_equal(c.number, "T1-2026-000003");
}

int run_lifecycle_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_deadlines_pause_extension, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_transitions_close_rate, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_refuse_withdraw_handover, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_forward_overdue_dashboard, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_move_from_stale_state, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_ab_cover, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_talk_summary, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_v2, fx_setup_closed, fx_teardown),
	};
	int rc;

	load_calendar();
	rc = cmocka_run_group_tests_name("lifecycle", tests, NULL, NULL);
	yz_calendar_free(&cal);
	return rc;
}
