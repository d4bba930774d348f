/* The closed vocabularies the store keeps as text and hands out as enums
 * (issue 11): every value goes into a real database and comes back the same,
 * stored as the very word earlier versions wrote (so their databases read the
 * same), and a word no version wrote — a damaged or hand-edited file — reads
 * as the unknown value instead of failing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

/* An open case of clerk1 accepted on 2026-03-30, due 2026-04-30. */
static yz_case open_case(fixture *fx, int64_t rid, yz_case_status status)
{
	yz_err err = {0};
	yz_case c;
	yz_case_new in = {.form_id = "subsistence_allowance",
	                  .item = "Dibao",
	                  .line = "L",
	                  .resident_id = rid,
	                  .clerk_login = "clerk1",
	                  .accepted_date = "2026-03-30",
	                  .due_date = "2026-04-30",
	                  .status = status,
	                  .promise_days = 20,
	                  .legal_days = 30};
	if (yz_case_create(fx->st, "T1", 2026, &in, &c, &err) != 0)
		fail_msg("create: %s", err.msg);
	return c;
}

static yz_case reload(fixture *fx, int64_t id)
{
	yz_case out;
	assert_int_equal(yz_case_get_by_id(fx->st, id, &out, NULL), 0);
	return out;
}

/* The text of one column of one row, as the file holds it. */
static void raw_text(sqlite3 *db, const char *sql, int64_t id, char *buf, size_t n)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_int64(s, 1, id);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(buf, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static int count_cb(const yz_case *c, void *ctx)
{
	(void)c;
	++*(int *)ctx;
	return 0;
}

static int count_cases(fixture *fx, yz_case_select which)
{
	yz_case_filter f = {.which = which};
	int n = 0;
	assert_int_equal(yz_case_list(fx->st, &f, count_cb, &n, NULL), 0);
	return n;
}

/* Status and result: each value stored and read back, as the old words. */
static void test_case_status_result(void **state)
{
	fixture *fx = *state;
	static const struct {
		yz_case_result r;
		const char *word;
	} results[] = {
	    {YZ_RESULT_APPROVED, "approved"},   {YZ_RESULT_REFUSED, "refused"},
	    {YZ_RESULT_ANSWERED, "answered"},   {YZ_RESULT_RESOLVED, "resolved"},
	    {YZ_RESULT_WITHDRAWN, "withdrawn"}, {YZ_RESULT_REJECTED, "rejected"},
	};
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = ""};
	sqlite3 *db = fx_raw(fx);
	char word[32];

	yz_case c = reload(fx, open_case(fx, rid, YZ_CASE_ACCEPTED).id);
	assert_int_equal(c.status, YZ_CASE_ACCEPTED);
	assert_int_equal(c.result, YZ_RESULT_NONE);
	raw_text(db, "SELECT status || '/' || result FROM cases WHERE id = ?1", c.id, word,
	         sizeof word);
	assert_string_equal(word, "accepted/");

	/* An on-the-spot case is created closed, as approved. */
	c = reload(fx, open_case(fx, rid, YZ_CASE_DONE).id);
	assert_int_equal(c.status, YZ_CASE_DONE);
	assert_int_equal(c.result, YZ_RESULT_APPROVED);
	raw_text(db, "SELECT status || '/' || result FROM cases WHERE id = ?1", c.id, word,
	         sizeof word);
	assert_string_equal(word, "done/approved");

	for (size_t i = 0; i < sizeof results / sizeof results[0]; i++) {
		c = open_case(fx, rid, YZ_CASE_ACCEPTED);
		assert_int_equal(yz_case_close(fx->st, c.id, "done", results[i].r, &a, &err), 0);
		c = reload(fx, c.id);
		assert_int_equal(c.status, YZ_CASE_DONE);
		assert_int_equal(c.result, results[i].r);
		raw_text(db, "SELECT status || '/' || result FROM cases WHERE id = ?1", c.id, word,
		         sizeof word);
		assert_true(strncmp(word, "done/", 5) == 0);
		assert_string_equal(word + 5, results[i].word);
	}
	/* Values that are never stored are refused, and nothing changes. */
	c = open_case(fx, rid, YZ_CASE_ACCEPTED);
	assert_int_equal(yz_case_close(fx->st, c.id, "done", YZ_RESULT_NONE, &a, &err), -1);
	assert_int_equal(yz_case_close(fx->st, c.id, "done", YZ_RESULT_UNKNOWN, &a, &err), -1);
	assert_int_equal(
	    yz_case_set_status(fx->st, c.id, YZ_CASE_STATUS_UNKNOWN, "clerk1", "", &err), -1);
	assert_int_equal(reload(fx, c.id).status, YZ_CASE_ACCEPTED);
	/* Set back and forth: the event is the status's word, as before. */
	assert_int_equal(yz_case_set_status(fx->st, c.id, YZ_CASE_DONE, "clerk1", "", &err), 0);
	assert_int_equal(reload(fx, c.id).status, YZ_CASE_DONE);
	assert_int_equal(reload(fx, c.id).result, YZ_RESULT_RESOLVED);
	assert_int_equal(yz_case_set_status(fx->st, c.id, YZ_CASE_ACCEPTED, "clerk1", "", &err), 0);
	assert_int_equal(reload(fx, c.id).status, YZ_CASE_ACCEPTED);
	assert_int_equal(reload(fx, c.id).result, YZ_RESULT_NONE);
	yz_case_event ev[8];
	size_t n;
	assert_int_equal(yz_case_timeline(fx->st, c.id, ev, 8, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ev[0].kind, "accepted");
	assert_string_equal(ev[1].kind, "done");
	assert_string_equal(ev[2].kind, "accepted");

	/* The first and the last case are open, the seven others closed. */
	assert_int_equal(count_cases(fx, YZ_CASES_ALL), 9);
	assert_int_equal(count_cases(fx, YZ_CASES_OPEN), 2);
	assert_int_equal(count_cases(fx, YZ_CASES_CLOSED), 7);
	assert_int_equal(count_cases(fx, YZ_CASES_PAUSED), 0);
	assert_int_equal(count_cases(fx, YZ_CASES_FORWARDED), 0);
	sqlite3_close(db);
}

/* How the resident was told: each way stored as its old word, which is also
 * the note of the timeline event ("yizhan cases show" prints it). */
static void test_notify_how(void **state)
{
	fixture *fx = *state;
	static const struct {
		yz_notify_how how;
		const char *word;
	} ways[] = {
	    {YZ_NOTIFY_PHONE, "phone"},
	    {YZ_NOTIFY_SMS, "sms"},
	    {YZ_NOTIFY_VISIT, "visit"},
	    {YZ_NOTIFY_COUNTER, "counter"},
	};
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = NULL};
	sqlite3 *db = fx_raw(fx);
	char word[32];

	for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++) {
		yz_case c = open_case(fx, rid, YZ_CASE_ACCEPTED);
		yz_case_forward f[2];
		size_t n;
		assert_int_equal(
		    yz_case_forward_send(fx->st, c.id, "Street office", "", &a, NULL, &err), 0);
		assert_int_equal(count_cases(fx, YZ_CASES_FORWARDED), 1);
		assert_int_equal(
		    yz_case_forward_result(fx->st, c.id, "granted", "2026-03-31", &a, &err), 0);
		assert_int_equal(yz_case_forwards(fx->st, c.id, f, 2, &n, &err), 0);
		assert_int_equal(f[0].notified_how, YZ_NOTIFY_NONE);
		assert_int_equal(yz_case_forward_notified(fx->st, c.id, YZ_NOTIFY_NONE, &a, &err),
		                 -1);
		assert_int_equal(
		    yz_case_forward_notified(fx->st, c.id, YZ_NOTIFY_UNKNOWN, &a, &err), -1);
		assert_int_equal(yz_case_forward_notified(fx->st, c.id, ways[i].how, &a, &err), 0);
		assert_int_equal(yz_case_forwards(fx->st, c.id, f, 2, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(f[0].notified_how, ways[i].how);
		raw_text(db, "SELECT notified_how FROM case_forwards WHERE id = ?1", f[0].id, word,
		         sizeof word);
		assert_string_equal(word, ways[i].word);
		raw_text(db,
		         "SELECT note FROM case_events WHERE case_id = ?1 AND kind = 'notified'",
		         c.id, word, sizeof word);
		assert_string_equal(word, ways[i].word);
	}
	sqlite3_close(db);
}

/* Requests to the head (each kind, each state) and follow-ups (each state). */
static void test_approvals_followups(void **state)
{
	fixture *fx = *state;
	static const struct {
		yz_approval_kind kind;
		const char *word;
	} kinds[] = {
	    {YZ_APPROVAL_REFUSE, "refuse"},
	    {YZ_APPROVAL_EXTENSION, "extension"},
	    {YZ_APPROVAL_BAD_RATING, "close_bad_rating"},
	};
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), id[3], fu;
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = "ok"};
	sqlite3 *db = fx_raw(fx);
	yz_case c = open_case(fx, rid, YZ_CASE_ACCEPTED);
	yz_approval ap;
	char word[32];

	assert_int_equal(
	    yz_approval_request(fx->st, c.id, YZ_APPROVAL_KIND_UNKNOWN, "why", 1, &a, NULL, &err),
	    -1);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(
		    yz_approval_request(fx->st, c.id, kinds[i].kind, "why", 2, &a, &id[i], &err),
		    0);
		assert_int_equal(yz_approval_get(fx->st, id[i], &ap, &err), 0);
		assert_int_equal(ap.kind, kinds[i].kind);
		assert_int_equal(ap.state, YZ_APPROVAL_PENDING);
		raw_text(db, "SELECT kind || '/' || state FROM approvals WHERE id = ?1", id[i],
		         word, sizeof word);
		assert_true(strncmp(word, kinds[i].word, strlen(kinds[i].word)) == 0);
		assert_string_equal(word + strlen(kinds[i].word), "/pending");
	}
	/* Approve the extension, reject the refusal and the closing. */
	assert_int_equal(yz_approval_decide(fx->st, NULL, id[1], true, &a, &err), 0);
	assert_int_equal(yz_approval_decide(fx->st, NULL, id[0], false, &a, &err), 0);
	assert_int_equal(yz_approval_decide(fx->st, NULL, id[2], false, &a, &err), 0);
	yz_approval list[4];
	size_t n;
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_PENDING, 0, list, 4, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_APPROVED, 0, list, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].kind, YZ_APPROVAL_EXTENSION);
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_REJECTED, c.id, list, 4, &n, &err),
	                 0);
	assert_int_equal(n, 2);
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_ANY, c.id, list, 4, &n, &err), 0);
	assert_int_equal(n, 3);
	raw_text(db, "SELECT state FROM approvals WHERE id = ?1", id[1], word, sizeof word);
	assert_string_equal(word, "approved");
	raw_text(db, "SELECT state FROM approvals WHERE id = ?1", id[0], word, sizeof word);
	assert_string_equal(word, "rejected");

	/* A bad rating opens a follow-up: open, then done. */
	assert_int_equal(yz_case_close(fx->st, c.id, "done", YZ_RESULT_RESOLVED, &a, &err), 0);
	assert_int_equal(yz_case_rate(fx->st, c.id, 5, "slow", "2026-04-03", false, &a, &fu, &err),
	                 0);
	yz_followup f[2];
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_OPEN, f, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].state, YZ_FOLLOWUP_OPEN);
	assert_int_equal(yz_followup_done(fx->st, fu, &a, &err), 0);
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_OPEN, f, 2, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_DONE, f, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].state, YZ_FOLLOWUP_DONE);
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_ANY, f, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	raw_text(db, "SELECT state FROM followups WHERE id = ?1", fu, word, sizeof word);
	assert_string_equal(word, "done");
	sqlite3_close(db);
}

/* Words no version wrote read as unknown: shown, never mistaken for a real
 * value, and the store refuses to act on them. */
static void test_damaged_words(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), ap, fu;
	yz_act a = {.actor = "clerk1", .today = "2026-03-31", .note = "ok"};
	yz_case c = open_case(fx, rid, YZ_CASE_ACCEPTED);
	yz_case d = open_case(fx, rid, YZ_CASE_ACCEPTED);
	sqlite3 *db;

	assert_int_equal(yz_case_forward_send(fx->st, c.id, "Street office", "", &a, NULL, &err),
	                 0);
	assert_int_equal(yz_case_forward_result(fx->st, c.id, "granted", "2026-03-31", &a, &err),
	                 0);
	assert_int_equal(yz_case_forward_notified(fx->st, c.id, YZ_NOTIFY_VISIT, &a, &err), 0);
	assert_int_equal(
	    yz_approval_request(fx->st, c.id, YZ_APPROVAL_EXTENSION, "why", 2, &a, &ap, &err), 0);
	assert_int_equal(yz_case_close(fx->st, d.id, "done", YZ_RESULT_ANSWERED, &a, &err), 0);
	assert_int_equal(yz_case_rate(fx->st, d.id, 4, "", "2026-04-03", false, &a, &fu, &err), 0);

	db = fx_raw(fx);
	raw_exec(db, "UPDATE cases SET status = 'archived', result = 'granted!'");
	raw_exec(db, "UPDATE case_forwards SET notified_how = 'pigeon'");
	raw_exec(db, "UPDATE approvals SET kind = 'bribe', state = 'maybe'");
	raw_exec(db, "UPDATE followups SET state = 'later'");
	sqlite3_close(db);

	c = reload(fx, c.id);
	assert_int_equal(c.status, YZ_CASE_STATUS_UNKNOWN);
	assert_int_equal(c.result, YZ_RESULT_UNKNOWN);
	/* Not open: nothing more happens to it (as for any status but accepted). */
	assert_int_equal(yz_case_close(fx->st, c.id, "done", YZ_RESULT_RESOLVED, &a, &err), -1);
	assert_int_equal(count_cases(fx, YZ_CASES_OPEN), 0);
	assert_int_equal(count_cases(fx, YZ_CASES_CLOSED), 2);

	yz_case_forward f[2];
	size_t n;
	assert_int_equal(yz_case_forwards(fx->st, c.id, f, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].notified_how, YZ_NOTIFY_UNKNOWN);

	yz_approval list[2];
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_PENDING, 0, list, 2, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_approval_list(fx->st, YZ_APPROVAL_ANY, 0, list, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].kind, YZ_APPROVAL_KIND_UNKNOWN);
	assert_int_equal(list[0].state, YZ_APPROVAL_STATE_UNKNOWN);
	/* Not pending: it cannot be decided. */
	assert_int_equal(yz_approval_decide(fx->st, NULL, ap, true, &a, &err), -1);

	yz_followup fl[2];
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_OPEN, fl, 2, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_followup_list(fx->st, YZ_FOLLOWUP_ANY, fl, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(fl[0].state, YZ_FOLLOWUP_UNKNOWN);
}

int run_vocab_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_case_status_result, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_notify_how, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_approvals_followups, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_words, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("vocab", tests, NULL, NULL);
}
