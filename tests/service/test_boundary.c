/* The service boundary (issue 11), on a real database and the real forms/:
 * - one answer to "what may this user do with this case now": for cases in
 *   every state, each action yz_service_case_actions refuses is refused by
 *   the service's action with that reason and one audit row, and each action
 *   it allows succeeds (a key shown is a key that works);
 * - staff A/B lines and absences are refused, and audited, for anyone but the
 *   station head or the admin;
 * - registry prefill follows the form's fields (id and type), not two names;
 * - the talk day's form is the one the forms declare;
 * - bugs: a resident's history shows the newest changes (not the oldest 64),
 *   and the failed print jobs are counted, not loaded 64 at most. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "audit_count.h"
#include "fixture.h"

static int setup(void **state)
{
	fixture *f = fixture_open("yzbound");
	yz_err err = {{0}};
	const struct {
		const char *login;
		yz_role role;
	} users[] = {
	    {"wangfang", YZ_ROLE_CLERK}, {"zhaozhan", YZ_ROLE_HEAD}, {"admin", YZ_ROLE_ADMIN}};

	f->cfg.printer_a4[0] = f->cfg.printer_receipt[0] = '\0'; /* documents are saved */
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
		assert_int_equal(yz_user_add(f->store, users[i].login, users[i].login, "",
		                             users[i].role, "demo1234", &err),
		                 0);
	fixture_resident(f, "Wang Jixiang");
	*state = f;
	return 0;
}

static void as(fixture *f, const char *login)
{
	assert_int_equal(yz_user_get(f->store, login, &f->s.user, NULL), 0);
}

/* A case of form_id taken by zhangli today, as intake would store it. */
static yz_case take(fixture *f, const char *form_id)
{
	const yz_form *form = yz_catalogue_find(&f->cat, form_id);
	char today[11], due[11], legal[11];
	yz_case c;
	yz_err err = {{0}};
	assert_non_null(form);
	yz_date_format(f->s.today, today);
	yz_date_format(yz_add_workdays(NULL, f->s.today, form->promise_days, NULL), due);
	yz_date_format(yz_add_workdays(NULL, f->s.today, form->legal_days, NULL), legal);
	yz_case_new in = fixture_case_new(f, form, today);
	in.due_date = due;
	in.status = YZ_CASE_ACCEPTED;
	in.state = form->n_states ? form->states[0].id : NULL;
	in.promise_days = form->promise_days;
	in.legal_days = form->legal_days;
	in.legal_due_date = legal;
	assert_int_equal(yz_case_create(f->store, "T1", 2026, &in, &c, &err), 0);
	return c;
}

/* ---- one answer for the key bar and the enforcement ------------------------------- */

typedef enum scenario {
	SC_OPEN,        /* di bao, first step, zhangli's own */
	SC_PAUSED,      /* waiting for the resident's materials */
	SC_FORWARDED,   /* at a department */
	SC_RESULT_BACK, /* the department answered; the resident not told yet */
	SC_TOLD,        /* the resident was told, has not collected */
	SC_LAST_STEP,   /* a complaint at its workflow's last step */
	SC_CLOSED,      /* closed, not rated */
	SC_RATED,       /* closed and rated */
	SC_NOT_MINE,    /* open; wangfang (the line's B) looks while A is at work */
	SC_COUNT
} scenario;

static const char *const sc_names[SC_COUNT] = {
    "open", "paused", "forwarded", "result", "told", "last step", "closed", "rated", "not mine"};

/* A case brought to scenario sc, zhangli acting (wangfang for SC_NOT_MINE). */
static yz_case make(fixture *f, scenario sc)
{
	yz_err err = {{0}};
	char by[11];
	yz_case c = take(f, sc == SC_LAST_STEP || sc == SC_CLOSED || sc == SC_RATED
	                        ? "resident_request"
	                        : "subsistence_allowance");
	as(f, "zhangli");
	yz_date_format(yz_date_from_days(yz_date_to_days(f->s.today) + 7), by);
	if (sc == SC_PAUSED)
		assert_int_equal(yz_service_pause(&f->s, c.number, "hukou", by, NULL, &err), 0);
	if (sc == SC_FORWARDED || sc == SC_RESULT_BACK || sc == SC_TOLD)
		assert_int_equal(yz_service_forward(&f->s, c.number, "Dept", "", "", NULL, &err),
		                 0);
	if (sc == SC_RESULT_BACK || sc == SC_TOLD)
		assert_int_equal(yz_service_forward_result(&f->s, c.number, "ok", NULL, &err), 0);
	if (sc == SC_TOLD)
		assert_int_equal(
		    yz_service_forward_notified(&f->s, c.number, YZ_NOTIFY_PHONE, &err), 0);
	if (sc == SC_LAST_STEP || sc == SC_CLOSED || sc == SC_RATED) {
		const char *path[] = {"assigned", "handling", "replied", "done"};
		for (size_t i = 0; i < 4; i++)
			assert_int_equal(yz_service_transition(&f->s, c.number, path[i], "", &err),
			                 0);
	}
	if (sc == SC_CLOSED || sc == SC_RATED)
		assert_int_equal(yz_service_close(&f->s, c.number, YZ_RESULT_RESOLVED, "", &err),
		                 0);
	if (sc == SC_RATED)
		assert_int_equal(yz_service_rate(&f->s, c.number, 2, "", &err), 0);
	if (sc == SC_NOT_MINE) {
		assert_int_equal(
		    yz_line_staff_set(f->store, c.line, "zhangli", "wangfang", "admin", &err), 0);
		as(f, "wangfang");
	}
	assert_int_equal(yz_service_case_get(&f->s, c.number, &c, &err), 0);
	return c;
}

/* Do action a on case c the way the case view's key would. */
static int run(fixture *f, const yz_case *c, yz_case_action a, yz_err *err)
{
	const yz_state_def *next[8];
	const yz_case_result *res = yz_service_close_results(&f->s, c);
	char by[11];
	yz_date_format(yz_date_from_days(yz_date_to_days(f->s.today) + 7), by);
	switch (a) {
	case YZ_ACTION_NEXT:
		return yz_service_transition(
		    &f->s, c->number,
		    yz_service_next_states(&f->s, c, next, 8) ? next[0]->id : "investigation", "",
		    err);
	case YZ_ACTION_CLOSE:
		return yz_service_close(&f->s, c->number, res[0], "", err);
	case YZ_ACTION_RATE:
		return yz_service_rate(&f->s, c->number, 2, "", err);
	case YZ_ACTION_RESUME:
		return yz_service_resume(&f->s, c->number, "", err);
	case YZ_ACTION_FW_RESULT:
		return yz_service_forward_result(&f->s, c->number, "ok", NULL, err);
	case YZ_ACTION_NOTIFIED:
		return yz_service_forward_notified(&f->s, c->number, YZ_NOTIFY_PHONE, err);
	case YZ_ACTION_COLLECTED:
		return yz_service_forward_collected(&f->s, c->number, err);
	case YZ_ACTION_PAUSE:
		return yz_service_pause(&f->s, c->number, "hukou", by, NULL, err);
	case YZ_ACTION_FORWARD:
		return yz_service_forward(&f->s, c->number, "Dept", "", "", NULL, err);
	case YZ_ACTION_EXTEND:
		return yz_service_extension_request(&f->s, c->number, 1, "visit", err);
	case YZ_ACTION_HAND_OVER:
		return yz_service_hand_over(&f->s, c->number, "wangfang", "away", err);
	case YZ_ACTION_REFUSE:
		return yz_service_refuse(&f->s, c->number, "elsewhere", err);
	case YZ_ACTION_WITHDRAW:
		return yz_service_withdraw(&f->s, c->number, "moved", err);
	default:
		fail();
	}
	return 0;
}

static void test_actions_shown_are_allowed(void **state)
{
	fixture *f = *state;
	/* What the key bar of each scenario shows (1) and hides (0), in
	 * yz_case_action order: next close rate resume fw_result notified collected
	 * pause forward extend hand_over refuse withdraw. */
	static const char *const expect[SC_COUNT] = {
	    [SC_OPEN] = "1000000111111",      [SC_PAUSED] = "0001000000111",
	    [SC_FORWARDED] = "1000100001110", [SC_RESULT_BACK] = "1000010111111",
	    [SC_TOLD] = "1000001111111",      [SC_LAST_STEP] = "0100000000001",
	    [SC_CLOSED] = "0010000000000",    [SC_RATED] = "0000000000000",
	    [SC_NOT_MINE] = "0000000000000",
	};

	for (int sc = 0; sc < SC_COUNT; sc++) {
		yz_case c = make(f, (scenario)sc);
		yz_case_actions ca;
		yz_err err = {{0}};
		assert_int_equal(yz_service_case_actions(&f->s, &c, &ca, &err), 0);
		for (int a = 0; a < YZ_ACTION_COUNT; a++) {
			if (ca.may[a] != (expect[sc][a] == '1'))
				fail_msg("%s: %s is %s", sc_names[sc], yz_service_action_name(a),
				         ca.may[a] ? "allowed" : "refused");
			if (!ca.may[a])
				assert_true(ca.why[a][0]);
		}
		/* Every action allowed works, each on a fresh case in the scenario. */
		for (int a = 0; a < YZ_ACTION_COUNT; a++) {
			if (!ca.may[a])
				continue;
			yz_case k = make(f, (scenario)sc);
			if (run(f, &k, a, &err) != 0)
				fail_msg("%s: %s allowed but failed: %s", sc_names[sc],
				         yz_service_action_name(a), err.msg);
		}
	}
}

static void test_actions_refused_are_refused(void **state)
{
	fixture *f = *state;

	for (int sc = 0; sc < SC_COUNT; sc++) {
		yz_case c = make(f, (scenario)sc);
		yz_case_actions ca;
		yz_err err = {{0}};
		assert_int_equal(yz_service_case_actions(&f->s, &c, &ca, &err), 0);
		for (int a = 0; a < YZ_ACTION_COUNT; a++) {
			if (ca.may[a])
				continue;
			long before = test_audit_count(f->cfg.db_path, "case_denied");
			yz_err e = {{0}};
			if (run(f, &c, a, &e) == 0)
				fail_msg("%s: %s refused on the key bar but done", sc_names[sc],
				         yz_service_action_name(a));
			/* the same reason, written to the audit log */
			if (!strstr(e.msg, ca.why[a]))
				fail_msg("%s: %s: \"%s\" is not \"%s\"", sc_names[sc],
				         yz_service_action_name(a), e.msg, ca.why[a]);
			assert_int_equal(e.code, YZ_ERR_DENIED);
			assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), before + 1);
			/* and nothing changed */
			yz_case now;
			assert_int_equal(yz_service_case_get(&f->s, c.number, &now, &err), 0);
			assert_string_equal(now.state, c.state);
			assert_string_equal(now.owner, c.owner);
			assert_int_equal(now.status, c.status);
		}
	}
}

/* The B clerk acts for the absent A: allowed, and the timeline says for whom. */
static void test_b_clerk_covers(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_case c = make(f, SC_NOT_MINE);
	yz_case_actions ca;
	char today[11];

	yz_date_format(f->s.today, today);
	assert_int_equal(yz_absence_add(f->store, "zhangli", today, today, "admin", NULL, &err), 0);
	assert_int_equal(yz_service_case_actions(&f->s, &c, &ca, &err), 0);
	assert_true(ca.may[YZ_ACTION_NEXT]);
	assert_string_equal(ca.on_behalf, "zhangli");
	assert_int_equal(run(f, &c, YZ_ACTION_NEXT, &err), 0);
	yz_case_event ev[8];
	size_t n = 0;
	assert_int_equal(yz_service_case_timeline(&f->s, &c, ev, 8, &n, &err), 0);
	assert_string_equal(ev[n - 1].actor, "wangfang");
	assert_string_equal(ev[n - 1].on_behalf, "zhangli");
}

/* ---- staff: only the head or the admin ----------------------------------------- */

static void test_staff_refused_for_clerks(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_line_staff ls[8];
	yz_absence ab[8];
	size_t n = 0;
	int64_t id = 0;
	char today[11];
	const char *line = "\u8bc1\u660e"; /* a business line (zheng ming) */

	yz_date_format(f->s.today, today);
	as(f, "zhangli");
	long before = test_audit_count(f->cfg.db_path, "case_denied");
	assert_int_equal(yz_service_line_staff_set(&f->s, line, "zhangli", "wangfang", &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_non_null(strstr(err.msg, "recorded"));
	assert_int_equal(yz_service_absence_add(&f->s, "wangfang", today, today, &id, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), before + 2);
	assert_true(yz_line_staff_get(f->store, line, &ls[0], &err) != 0 ||
	            strcmp(ls[0].a_login, "zhangli") != 0);
	assert_int_equal(yz_service_absence_list(&f->s, ab, 8, &n, &err), 0);
	assert_int_equal(n, 0);

	/* The head and the admin may; a clerk may not end what they set. */
	as(f, "zhaozhan");
	assert_int_equal(yz_service_line_staff_set(&f->s, line, "zhangli", "wangfang", &err), 0);
	assert_int_equal(yz_service_absence_add(&f->s, "wangfang", today, today, &id, &err), 0);
	as(f, "wangfang");
	assert_int_equal(yz_service_absence_end(&f->s, id, NULL, &err), -1);
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), before + 3);
	as(f, "admin");
	assert_int_equal(yz_service_absence_end(&f->s, id, NULL, &err), 0);
	assert_int_equal(yz_service_line_staff_set(&f->s, line, "wangfang", "", &err), 0);
	assert_int_equal(yz_line_staff_get(f->store, line, &ls[0], &err), 0);
	assert_string_equal(ls[0].a_login, "wangfang");
}

/* ---- registry prefill and the talk day's form ----------------------------------- */

static void test_prefill_by_the_forms_fields(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_resident r;
	yz_kv_list kv;
	yz_values now = {0};

	assert_int_equal(yz_service_resident_by_idno(&f->s, f->idno, &r, &err), 0);
	snprintf(r.phone, sizeof r.phone, "13588012345");
	snprintf(r.hukou_address, sizeof r.hukou_address, "Fuyang, Anhui");
	snprintf(r.category, sizeof r.category, "%s", YZ_CAT_FLOATING);
	/* The migrants' form has phone and hukou_address; a choice "category" in the
	 * complaints form shares only the name and stays empty. */
	assert_int_equal(
	    yz_service_registry_prefill(&f->s, yz_catalogue_find(&f->cat, "migrant_registration"),
	                                &now, &r, &kv, &err),
	    0);
	bool phone = false, hukou = false;
	for (size_t i = 0; i < kv.n; i++) {
		phone = phone || (!strcmp(kv.keys[i], "phone") && !strcmp(kv.vals[i], r.phone));
		hukou = hukou || (!strcmp(kv.keys[i], "hukou_address") &&
		                  !strcmp(kv.vals[i], r.hukou_address));
	}
	assert_true(phone && hukou);
	yz_service_kv_free(&kv);
	const yz_form *req = yz_catalogue_find(&f->cat, "resident_request");
	assert_non_null(yz_form_field(req, "category"));
	assert_int_equal(yz_service_registry_prefill(&f->s, req, &now, &r, &kv, &err), 0);
	for (size_t i = 0; i < kv.n; i++)
		assert_string_not_equal(kv.keys[i], "category");
	assert_int_equal(kv.n, 1); /* phone; its address field is a place, not "address" */
	yz_service_kv_free(&kv);
	/* A field already typed is left alone. */
	yz_values_set(&now, "phone", "0571-88886666");
	assert_int_equal(yz_service_registry_prefill(&f->s, req, &now, &r, &kv, &err), 0);
	assert_int_equal(kv.n, 0);
	yz_service_kv_free(&kv);
	yz_values_clear(&now);
}

/* Closing results follow the kind and the line's id in data/vocab, never a
 * word written in C: the consultation line (its station word comes from
 * lines.txt) is answered, a request resolved first, others approved. */
static void test_close_results_by_vocab(void **state)
{
	fixture *f = *state;
	const yz_form_vocab *v = &f->cat.vocab;
	const yz_form *consult = yz_catalogue_find(&f->cat, "policy_consultation");
	const yz_form *req = yz_catalogue_find(&f->cat, "resident_request");
	const yz_form *cert = yz_catalogue_find(&f->cat, "residence_certificate");
	assert_non_null(consult);
	assert_int_equal(yz_service_form_results(consult, v)[0], YZ_RESULT_ANSWERED);
	assert_int_equal(yz_service_form_results(consult, v)[1], YZ_RESULT_NONE);
	assert_int_equal(yz_service_form_results(req, v)[0], YZ_RESULT_RESOLVED);
	assert_int_equal(yz_service_form_results(cert, v)[0], YZ_RESULT_APPROVED);
}

static void test_talk_form_is_declared(void **state)
{
	fixture *f = *state;
	const yz_form *t = yz_service_talk_form(&f->s);
	assert_non_null(t);
	assert_true(t->talk_day);
	assert_string_equal(t->id, "resident_request");
	/* Without any form saying so, no form is taken. */
	for (size_t i = 0; i < f->cat.n_forms; i++)
		f->cat.forms[i]->talk_day = false;
	assert_null(yz_service_talk_form(&f->s));
}

static void test_talk_links_new_cases(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	int64_t ses, mark;
	long linked = 0;
	char today[11];

	yz_date_format(f->s.today, today);
	take(f, "resident_request");
	assert_int_equal(yz_service_talk_add(&f->s, today, "Hall", 12, &ses, &err), 0);
	mark = yz_service_talk_mark(&f->s);
	assert_true(mark > 0);
	yz_case a = take(f, "resident_request"), b = take(f, "subsistence_allowance");
	assert_int_equal(yz_service_talk_link_new(&f->s, ses, &mark, &linked, &err), 0);
	assert_int_equal(linked, 2);
	assert_int_equal(mark, b.id > a.id ? b.id : a.id);
	assert_int_equal(yz_service_talk_link_new(&f->s, ses, &mark, &linked, &err), 0);
	assert_int_equal(linked, 0); /* nothing new since */
	yz_talk_row rows[4];
	size_t n;
	long acc, done;
	assert_int_equal(yz_service_talk_rows(&f->s, ses, rows, 4, &n, &acc, &done, &err), 0);
	assert_int_equal(acc, 2);
}

/* ---- bugs ----------------------------------------------------------------------- */

/* A resident changed 70 times: the history shows the newest 64, newest first
 * (it showed the oldest 64, and never the latest change). */
static void test_history_newest(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_resident r;
	yz_change ch[64];
	size_t n = 0;

	assert_int_equal(yz_service_resident_by_idno(&f->s, f->idno, &r, &err), 0);
	for (int i = 1; i <= 70; i++) {
		snprintf(r.phone, sizeof r.phone, "135880%05d", i);
		assert_int_equal(yz_service_resident_update(&f->s, &r, NULL, &err), 0);
	}
	assert_int_equal(yz_service_resident_history(&f->s, r.id, ch, 64, &n, &err), 0);
	assert_int_equal(n, 64);
	assert_string_equal(ch[0].field, "phone");
	assert_string_equal(ch[0].new, "13588000070"); /* the latest change first */
	assert_string_equal(ch[63].new, "13588000007");
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(ch[i - 1].at, ch[i].at) >= 0);
	/* A group's change made last comes before them all (a second later: the
	 * times are stored to the second). */
	sleep(1);
	yz_tag t = {.resident_id = r.id, .kind = YZ_TAG_DIBAO};
	yz_date_format(f->s.today, t.start);
	assert_int_equal(yz_tag_add(f->store, &t, "zhangli", NULL, &err), 0);
	assert_int_equal(yz_service_resident_history(&f->s, r.id, ch, 64, &n, &err), 0);
	assert_int_equal(n, 64);
	assert_string_not_equal(ch[0].field, "phone");
	assert_string_equal(ch[1].new, "13588000070");
}

/* 70 failed print jobs: all 70 are counted (home stopped at 64). */
static void test_failed_jobs_counted(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_case c = take(f, "subsistence_allowance");
	long n = 0;

	for (int i = 0; i < 70; i++) {
		int64_t id;
		assert_int_equal(yz_job_add(f->store, c.id, "receipt", "receipt", &id, &err), 0);
		assert_int_equal(yz_job_update(f->store, id, YZ_JOB_FAILED, 0, "paper out", &err),
		                 0);
	}
	assert_int_equal(yz_service_job_count(&f->s, YZ_JOB_FAILED, &n, &err), 0);
	assert_int_equal(n, 70);
	assert_int_equal(yz_service_job_count(&f->s, YZ_JOB_PRINTED, &n, &err), 0);
	assert_int_equal(n, 0);
}

/* 230 jobs printed: the print queue's recently printed are the newest 20,
 * newest first (it read the oldest 200 and showed the newest of those, so a
 * job printed after the 200th never appeared). */
static void test_printed_jobs_newest(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_case c = take(f, "subsistence_allowance");
	int64_t ids[230];
	yz_print_job v[20];
	size_t n = 0;

	for (int i = 0; i < 230; i++) {
		assert_int_equal(yz_job_add(f->store, c.id, "receipt", "receipt", &ids[i], &err),
		                 0);
		assert_int_equal(yz_job_update(f->store, ids[i], YZ_JOB_PRINTED, 0, "", &err), 0);
	}
	assert_int_equal(yz_service_job_newest(&f->s, YZ_JOB_PRINTED, v, 20, &n, &err), 0);
	assert_int_equal(n, 20);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].id, ids[229 - i]); /* the last printed first */
		assert_int_equal(v[i].state, YZ_JOB_PRINTED);
	}
	/* The queue of a state that waits stays oldest first. */
	assert_int_equal(yz_service_job_list(&f->s, YZ_JOB_PRINTED, v, 20, &n, &err), 0);
	assert_int_equal(v[0].id, ids[0]);
	assert_int_equal(yz_service_job_newest(&f->s, YZ_JOB_FAILED, v, 20, &n, &err), 0);
	assert_int_equal(n, 0);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_actions_shown_are_allowed, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_actions_refused_are_refused, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_b_clerk_covers, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_staff_refused_for_clerks, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_prefill_by_the_forms_fields, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_close_results_by_vocab, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_talk_form_is_declared, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_talk_links_new_cases, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_history_newest, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_failed_jobs_counted, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_printed_jobs_newest, setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
