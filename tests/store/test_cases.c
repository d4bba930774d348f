/* Cases: numbering (also across processes), fields, materials, timeline, status,
 * lists and the home screen's figures. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests.h"

static yz_case_new new_case(int64_t resident, const char *date, const char *due,
                            yz_case_status status)
{
	yz_case_new in;

	memset(&in, 0, sizeof in);
	in.form_id = "residence-cert";
	in.item = "Residence certificate";
	in.line = "certificates";
	in.resident_id = resident;
	in.clerk_login = "clerk1";
	in.accepted_date = date;
	in.due_date = due;
	in.status = status;
	return in;
}

static void numbering(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_case_new in = new_case(rid, "2026-12-31", "", YZ_CASE_ACCEPTED);
	yz_case c;
	char want[40];

	for (int i = 1; i <= 12; i++) {
		if (yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err) != 0)
			fail_msg("create: %s", err.msg);
		snprintf(want, sizeof want, "HZ01-2026-%06d", i);
		assert_string_equal(c.number, want);
	}
	/* A new year starts again at 1; so does another station. */
	in.accepted_date = "2027-01-01";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2027, &in, &c, &err), 0);
	assert_string_equal(c.number, "HZ01-2027-000001");
	assert_int_equal(yz_case_create(fx->st, "HZ02", 2027, &in, &c, &err), 0);
	assert_string_equal(c.number, "HZ02-2027-000001");
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), 0);
	assert_string_equal(c.number, "HZ01-2026-000013");
	/* Refused input uses no number. */
	assert_int_equal(yz_case_create(fx->st, "hz 01", 2026, &in, &c, &err), -1);
	in.accepted_date = "2026-02-30";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), -1);
	in.accepted_date = "2026-03-01";
	in.resident_id = 9999;
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), -1);
	in.resident_id = rid;
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), 0);
	assert_string_equal(c.number, "HZ01-2026-000014");
}

enum { PROCS = 4, PER_PROC = 250 };

/* A child process: its own connection, PER_PROC cases as fast as it can. */
static int child_creates(const char *path)
{
	yz_store *st = NULL;
	yz_err err = {0};
	yz_case_new in = new_case(0, "2026-06-01", "", YZ_CASE_ACCEPTED);

	if (yz_store_open(path, &st, &err) != 0)
		return 1;
	for (int i = 0; i < PER_PROC; i++) {
		if (yz_case_create(st, "HZ01", 2026, &in, NULL, &err) != 0) {
			fprintf(stderr, "child: %s\n", err.msg);
			yz_store_close(st);
			return 1;
		}
	}
	yz_store_close(st);
	return 0;
}

static void numbering_across_processes(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	pid_t pids[PROCS];
	int64_t bad = -1;
	sqlite3 *db;

	fx_clerk_and_resident(fx);
	/* No SQLite connection may cross a fork: close ours, reopen afterwards. */
	yz_store_close(fx->st);
	fx->st = NULL;
	for (int i = 0; i < PROCS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(child_creates(fx->path));
	}
	for (int i = 0; i < PROCS; i++) {
		int status = 0;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM cases"), PROCS * PER_PROC);
	assert_int_equal(raw_int(db, "SELECT count(DISTINCT number) FROM cases"), PROCS * PER_PROC);
	assert_int_equal(raw_int(db, "SELECT min(seq) FROM cases"), 1);
	assert_int_equal(raw_int(db, "SELECT max(seq) FROM cases"), PROCS * PER_PROC);
	assert_int_equal(raw_int(db, "SELECT last_seq FROM case_counters"), PROCS * PER_PROC);
	sqlite3_close(db);
	if (yz_store_open(fx->path, &fx->st, &err) != 0)
		fail_msg("reopen: %s", err.msg);
	/* Every process appended to the same audit chain without breaking it. */
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);
}

static void round_trip(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	const char *keys[] = {"purpose", "note", "empty"};
	const char *vals[] = {"school \u5165\u5b66", "line1\nline2", ""};
	const char *mats[] = {"id card", "household book"};
	yz_case_new in = new_case(rid, "2026-03-02", "2026-03-09", YZ_CASE_ACCEPTED);
	yz_case c, got;
	yz_kv_list kv;
	yz_case_event ev[8];
	size_t n;

	in.field_keys = keys;
	in.field_vals = vals;
	in.n_fields = 3;
	in.materials = mats;
	in.n_materials = 2;
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), 0);
	assert_int_equal(yz_case_get(fx->st, c.number, &got, &err), 0);
	assert_int_equal(got.id, c.id);
	assert_string_equal(got.form_id, "residence-cert");
	assert_string_equal(got.item, "Residence certificate");
	assert_string_equal(got.line, "certificates");
	assert_int_equal(got.resident_id, rid);
	assert_string_equal(got.resident_name, "Resident A");
	assert_int_equal(strlen(got.resident_idno), 18);
	assert_int_equal(got.status, YZ_CASE_ACCEPTED);
	assert_string_equal(got.clerk_login, "clerk1");
	assert_string_equal(got.clerk_name, "Clerk One");
	assert_string_equal(got.accepted_date, "2026-03-02");
	assert_string_equal(got.due_date, "2026-03-09");
	assert_int_equal(strlen(got.created_at), 20);
	assert_int_equal(yz_case_get(fx->st, "HZ01-2026-999999", &got, &err), 1);

	assert_int_equal(yz_case_fields(fx->st, c.id, &kv, &err), 0);
	assert_int_equal(kv.n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(kv.keys[i], keys[i]);
		assert_string_equal(kv.vals[i], vals[i]);
	}
	yz_kv_free(&kv);
	assert_int_equal(yz_case_materials(fx->st, c.id, &kv, &err), 0);
	assert_int_equal(kv.n, 2);
	assert_string_equal(kv.keys[1], "household book");
	assert_string_equal(kv.vals[1], "");
	yz_kv_free(&kv);

	assert_int_equal(yz_case_event_add(fx->st, c.id, "clerk1", "printed", "receipt", &err), 0);
	assert_int_equal(
	    yz_case_set_status(fx->st, c.id, YZ_CASE_DONE, "clerk1", "handed over", &err), 0);
	assert_int_equal(yz_case_set_status(fx->st, 9999, YZ_CASE_DONE, "clerk1", "", &err), -1);
	assert_int_equal(yz_case_timeline(fx->st, c.id, ev, 8, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ev[0].kind, "accepted");
	assert_string_equal(ev[0].actor_name, "Clerk One");
	assert_string_equal(ev[1].kind, "printed");
	assert_string_equal(ev[1].note, "receipt");
	assert_string_equal(ev[2].kind, "done");
	assert_string_equal(ev[2].note, "handed over");
	assert_int_equal(yz_case_timeline(fx->st, c.id, ev, 2, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(yz_case_get(fx->st, c.number, &got, &err), 0);
	assert_int_equal(got.status, YZ_CASE_DONE);

	/* An on-the-spot case is created done, with both events. */
	in.status = YZ_CASE_DONE;
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), 0);
	assert_int_equal(yz_case_timeline(fx->st, c.id, ev, 8, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ev[1].kind, "done");
}

/* Collects case numbers from yz_case_list. */
typedef struct seen {
	char numbers[16][40]; /* in callback order */
	int n;                /* how many */
	int stop_after;       /* 0 = never stop */
} seen;

static int collect_cb(const yz_case *c, void *ctx)
{
	seen *s = ctx;

	snprintf(s->numbers[s->n++], 40, "%s", c->number);
	return s->stop_after && s->n >= s->stop_after;
}

static void stats_and_lists(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_case_stats stats;
	yz_case c;
	seen s;
	yz_case_filter f;
	struct {
		const char *date, *due;
		yz_case_status status;
	} rows[] = {
	    {"2026-03-10", "", YZ_CASE_DONE},               /* today, on the spot */
	    {"2026-03-10", "2026-03-17", YZ_CASE_ACCEPTED}, /* today, open */
	    {"2026-03-01", "2026-03-09", YZ_CASE_ACCEPTED}, /* overdue */
	    {"2026-03-01", "2026-03-10", YZ_CASE_ACCEPTED}, /* due today: not overdue */
	    {"2026-02-20", "2026-02-27", YZ_CASE_DONE},     /* late but done */
	    {"2026-02-20", "", YZ_CASE_ACCEPTED},           /* open without due date */
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		yz_case_new in = new_case(rid, rows[i].date, rows[i].due, rows[i].status);
		assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), 0);
	}
	assert_int_equal(yz_case_stats_get(fx->st, "2026-03-10", &stats, &err), 0);
	assert_int_equal(stats.accepted_today, 2);
	assert_int_equal(stats.open, 4);
	assert_int_equal(stats.overdue, 1);

	memset(&s, 0, sizeof s);
	assert_int_equal(yz_case_list(fx->st, NULL, collect_cb, &s, &err), 0);
	assert_int_equal(s.n, 6);
	assert_string_equal(s.numbers[0], "HZ01-2026-000006"); /* newest first */
	memset(&s, 0, sizeof s);
	memset(&f, 0, sizeof f);
	f.accepted_date = "2026-03-10";
	assert_int_equal(yz_case_list(fx->st, &f, collect_cb, &s, &err), 0);
	assert_int_equal(s.n, 2);
	memset(&s, 0, sizeof s);
	f.which = YZ_CASES_OPEN;
	f.clerk_login = "clerk1";
	assert_int_equal(yz_case_list(fx->st, &f, collect_cb, &s, &err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.numbers[0], "HZ01-2026-000002");
	memset(&s, 0, sizeof s);
	memset(&f, 0, sizeof f);
	f.limit = 3;
	assert_int_equal(yz_case_list(fx->st, &f, collect_cb, &s, &err), 0);
	assert_int_equal(s.n, 3);
	memset(&s, 0, sizeof s);
	s.stop_after = 2;
	assert_int_equal(yz_case_list(fx->st, NULL, collect_cb, &s, &err), 0);
	assert_int_equal(s.n, 2);
	memset(&s, 0, sizeof s);
	memset(&f, 0, sizeof f);
	f.clerk_login = "someone-else";
	assert_int_equal(yz_case_list(fx->st, &f, collect_cb, &s, &err), 0);
	assert_int_equal(s.n, 0);
}

/* The station's habits: the most used items of the latest cases, and a
 * field's usual value — given at least twice and more often than any other. */
static void habits(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	const char *keys[] = {"purpose"};
	const char *vals[1];
	yz_case_new in = new_case(rid, "2026-03-02", "", YZ_CASE_DONE);
	char usual[64];
	yz_form_use use[4];
	size_t n;

	in.field_keys = keys;
	in.field_vals = vals;
	in.n_fields = 1;
	/* No case yet: no habit. */
	assert_int_equal(yz_habit_usual_value(fx->st, "residence-cert", "purpose", 200, usual,
	                                      sizeof usual, &err),
	                 1);
	/* Each value once: no habit either (the demo's month, a new station). */
	vals[0] = "school";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, NULL, &err), 0);
	vals[0] = "other";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, NULL, &err), 0);
	assert_int_equal(yz_habit_usual_value(fx->st, "residence-cert", "purpose", 200, usual,
	                                      sizeof usual, &err),
	                 1);
	assert_string_equal(usual, "");
	/* Twice, more than any other: the usual value. */
	vals[0] = "school";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, NULL, &err), 0);
	assert_int_equal(yz_habit_usual_value(fx->st, "residence-cert", "purpose", 200, usual,
	                                      sizeof usual, &err),
	                 0);
	assert_string_equal(usual, "school");
	/* As common as another again: no habit. */
	vals[0] = "other";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, NULL, &err), 0);
	assert_int_equal(yz_habit_usual_value(fx->st, "residence-cert", "purpose", 200, usual,
	                                      sizeof usual, &err),
	                 1);
	/* Only the latest cases count: of the last two, "other" twice. */
	assert_int_equal(
	    yz_habit_usual_value(fx->st, "residence-cert", "purpose", 2, usual, sizeof usual, &err),
	    1);
	vals[0] = "other";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, NULL, &err), 0);
	assert_int_equal(
	    yz_habit_usual_value(fx->st, "residence-cert", "purpose", 2, usual, sizeof usual, &err),
	    0);
	assert_string_equal(usual, "other");
	/* The most used items: this form, with its five cases. */
	in.form_id = "kinship-cert";
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, NULL, &err), 0);
	assert_int_equal(yz_habit_top_forms(fx->st, 200, use, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(use[0].form_id, "residence-cert");
	assert_int_equal(use[0].count, 5);
	assert_string_equal(use[1].form_id, "kinship-cert");
}

int run_case_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(numbering, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(numbering_across_processes, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(round_trip, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(stats_and_lists, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(habits, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store/cases", tests, NULL, NULL);
}
