/* The lifecycle's rules in the service (issue 4), on the real forms/ catalogue
 * and the 2026 calendar: form `next` rules, permissions (refused and audited),
 * AB cover, head-only decisions, extension within the legal limit, the one-time
 * notice saved as a PDF, ratings and follow-ups, talk-session summary. */
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
#include "yizhan/service.h"
#include "yz_test_paths.h"

typedef struct fixture {
	char home[64];
	yz_config cfg;
	yz_store *store;
	yz_catalogue cat;
	yz_calendar cal;
	yz_session s;
	int64_t rid;
} fixture;

static void as(fixture *f, const char *login)
{
	assert_int_equal(yz_user_get(f->store, login, &f->s.user, NULL), 0);
}

static void on(fixture *f, const char *date)
{
	assert_true(yz_date_parse(date, &f->s.today));
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	yz_err err = {{0}};
	yz_diags d = {0};
	yz_resident r = {0};

	snprintf(f->home, sizeof f->home, "/tmp/yzwf.XXXXXX");
	assert_non_null(mkdtemp(f->home));
	yz_config_defaults(&f->cfg, f->home);
	snprintf(f->cfg.calendar_file, sizeof f->cfg.calendar_file, "%s/data/calendar.txt",
	         YZ_SOURCE_ROOT);
	f->cfg.printer_a4[0] = f->cfg.printer_receipt[0] = '\0'; /* documents are saved */
	assert_int_equal(yz_store_open(f->cfg.db_path, &f->store, &err), 0);
	assert_int_equal(yz_catalogue_load(YZ_SOURCE_ROOT "/forms", YZ_SOURCE_ROOT "/data/vocab",
	                                   yz_clock_today(NULL), &f->cat, &d),
	                 0);
	yz_diags_free(&d);
	assert_int_equal(yz_service_load_calendar(&f->cfg, &f->cal, &err), 0);
	const struct {
		const char *login;
		yz_role role;
	} users[] = {{"zhangli", YZ_ROLE_CLERK},
	             {"wangfang", YZ_ROLE_CLERK},
	             {"liwei", YZ_ROLE_CLERK},
	             {"zhaozhan", YZ_ROLE_HEAD}};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(yz_user_add(f->store, users[i].login, users[i].login, "",
		                             users[i].role, "demo1234", &err),
		                 0);
	snprintf(r.name, sizeof r.name, "Wang Jixiang");
	memcpy(r.idno, "33010619850312123", 17);
	r.idno[17] = yz_idcard_check_char(r.idno);
	assert_int_equal(yz_resident_add(f->store, &r, "zhangli", &err), 0);
	f->rid = r.id;
	f->s = (yz_session){.cfg = &f->cfg, .store = f->store, .cat = &f->cat, .calendar = &f->cal};
	as(f, "zhangli");
	on(f, "2026-03-30");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char cmd[128];
	yz_store_close(f->store);
	yz_catalogue_free(&f->cat);
	yz_calendar_free(&f->cal);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->home);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* A case of form_id taken by the current user today, as submit would store it. */
static yz_case take(fixture *f, const char *form_id)
{
	const yz_form *form = yz_catalogue_find(&f->cat, form_id);
	char today[11], due[11], legal[11];
	yz_case c;
	yz_err err = {{0}};
	assert_non_null(form);
	yz_date_format(f->s.today, today);
	yz_date_format(yz_add_workdays(&f->cal, f->s.today, form->promise_days, NULL), due);
	yz_date_format(yz_add_workdays(&f->cal, f->s.today, form->legal_days, NULL), legal);
	yz_case_new in = {.form_id = form->id,
	                  .item = form->title,
	                  .line = form->line,
	                  .resident_id = f->rid,
	                  .clerk_login = f->s.user.login,
	                  .accepted_date = today,
	                  .due_date = due,
	                  .status = YZ_CASE_ACCEPTED,
	                  .state = form->n_states ? form->states[0].id : NULL,
	                  .promise_days = form->promise_days,
	                  .legal_days = form->legal_days,
	                  .legal_due_date = legal};
	assert_int_equal(yz_case_create(f->store, "T1", 2026, &in, &c, &err), 0);
	return c;
}

static void test_transitions(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_case c = take(f, "subsistence_allowance");
	const yz_state_def *next[8];

	assert_string_equal(c.state, "received");
	assert_int_equal(yz_service_next_states(&f->s, &c, next, 8), 3);
	assert_false(yz_service_may_close(&f->s, &c));
	assert_int_equal(yz_service_transition(&f->s, c.number, "approved", "", &err), -1);
	assert_int_equal(yz_service_close(&f->s, c.number, YZ_RESULT_APPROVED, "", &err), -1);
	assert_int_equal(yz_service_transition(&f->s, c.number, "investigation", "visit", &err), 0);
	assert_int_equal(yz_service_transition(&f->s, c.number, "rejected", "", &err), 0);
	assert_int_equal(yz_service_close(&f->s, c.number, YZ_RESULT_ANSWERED, "", &err), -1);
	assert_int_equal(yz_service_close(&f->s, c.number, YZ_RESULT_REFUSED, "", &err), 0);
	assert_int_equal(yz_service_transition(&f->s, c.number, "approved", "", &err), -1);
}

static void test_permissions(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_case c = take(f, "subsistence_allowance"), got;

	as(f, "liwei"); /* holds no line */
	assert_int_equal(yz_service_case_open(&f->s, c.number, &got, &err), -1);
	assert_non_null(strstr(err.msg, "recorded"));
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), 1);
	assert_int_equal(yz_service_pause(&f->s, c.number, "x", "2026-04-10", NULL, &err), -1);
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), 2);
	/* B of the line sees it but may not change it while A is at work. */
	assert_int_equal(yz_line_staff_set(f->store, c.line, "zhangli", "wangfang", "admin", &err),
	                 0);
	as(f, "wangfang");
	assert_int_equal(yz_service_case_open(&f->s, c.number, &got, &err), 0);
	assert_int_equal(yz_service_transition(&f->s, c.number, "investigation", "", &err), -1);
	assert_int_equal(test_audit_count(f->cfg.db_path, "case_denied"), 3);
	/* A is away: B works A's case and the timeline says for whom. */
	assert_int_equal(
	    yz_absence_add(f->store, "zhangli", "2026-03-30", "2026-04-03", "admin", NULL, &err),
	    0);
	assert_int_equal(yz_service_transition(&f->s, c.number, "investigation", "", &err), 0);
	yz_case_event ev[8];
	size_t n;
	assert_int_equal(yz_case_timeline(f->store, c.id, ev, 8, &n, &err), 0);
	assert_string_equal(ev[n - 1].actor, "wangfang");
	assert_string_equal(ev[n - 1].on_behalf, "zhangli");
	yz_dashboard *d = calloc(1, sizeof *d);
	assert_int_equal(yz_service_dashboard(&f->s, d, &err), 0);
	assert_int_equal(d->n_cover, 1);
	assert_int_equal(d->sec[YZ_DASH_QUEUE].count, 1);
	free(d);
	/* Sensitive line: a clerk who took the case but holds no A/B loses sight of it
	 * once it is handed to the line's A. */
	assert_int_equal(yz_line_set_sensitive(f->store, c.line, true, "admin", &err), 0);
	as(f, "liwei");
	yz_case k = take(f, "subsistence_allowance");
	assert_int_equal(yz_service_hand_over(&f->s, k.number, "", "x", &err), -1);
	assert_int_equal(yz_service_hand_over(&f->s, k.number, "zhangli", "line A", &err), 0);
	assert_int_equal(yz_service_case_open(&f->s, k.number, &got, &err), -1);
	/* Only the head decides. */
	assert_int_equal(yz_service_decide(&f->s, 1, true, "", NULL, &err), -1);
}

static void test_extension_pause_print(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_print_outcome po;
	yz_case c = take(f, "subsistence_allowance"); /* promise 40, legal 60 */

	on(f, "2026-04-01");
	assert_int_equal(
	    yz_service_pause(&f->s, c.number, "hukou\nincome proof", "2026-04-10", &po, &err), 0);
	assert_true(po.saved);
	assert_int_equal(access(po.saved_path, R_OK), 0);
	on(f, "2026-04-08");
	assert_int_equal(yz_service_resume(&f->s, c.number, "brought", &err), 0);
	yz_case_get(f->store, c.number, &c, &err);
	/* 03-30 + 40 + 4 paused working days; legal 60 + 4: room 20 days. */
	yz_deadline due, legal;
	assert_int_equal(yz_service_deadline(&f->s, &c, &due, &legal, &err), 0);
	assert_int_equal(due.paused_days, 4);
	assert_int_equal(yz_workdays_between(&f->cal, due.due, legal.due), 20);
	assert_int_equal(yz_service_extension_request(&f->s, c.number, 21, "visit", &err), -1);
	assert_non_null(strstr(err.msg, "20"));
	assert_int_equal(yz_service_extension_request(&f->s, c.number, 20, "visit", &err), 0);
	yz_approval ap[2];
	size_t n;
	assert_int_equal(yz_approval_list(f->store, YZ_APPROVAL_PENDING, 0, ap, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	as(f, "zhaozhan");
	assert_int_equal(yz_service_decide(&f->s, ap[0].id, true, "ok", NULL, &err), 0);
	yz_case_get(f->store, c.number, &c, &err);
	assert_string_equal(c.due_date, c.legal_due_date);
}

static void test_rating_followup_refuse_talk(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_print_outcome po;
	yz_case c = take(f, "resident_request"); /* a complaint (su qiu) */
	yz_case r = take(f, "subsistence_allowance");
	int64_t t;

	assert_int_equal(yz_service_talk_add(&f->s, "2026-03-30", "Hall", 12, &t, &err), 0);
	assert_int_equal(yz_service_talk_link(&f->s, t, c.number, &err), 0);
	assert_int_equal(yz_service_talk_link(&f->s, t, r.number, &err), 0);
	assert_int_equal(yz_service_rate(&f->s, c.number, 4, "", &err), -1); /* still open */
	const char *path[] = {"assigned", "handling", "replied", "done"};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(yz_service_transition(&f->s, c.number, path[i], "", &err), 0);
	assert_int_equal(yz_service_close(&f->s, c.number, YZ_RESULT_APPROVED, "", &err), -1);
	assert_int_equal(yz_service_close(&f->s, c.number, YZ_RESULT_RESOLVED, "", &err), 0);
	assert_int_equal(yz_service_rate(&f->s, c.number, 4, "slow", &err), 0);
	yz_followup fu[2];
	size_t n;
	assert_int_equal(yz_followup_list(f->store, YZ_FOLLOWUP_OPEN, fu, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(fu[0].due_date, "2026-04-02"); /* 3 working days */
	yz_dashboard *d = calloc(1, sizeof *d);
	as(f, "zhaozhan");
	assert_int_equal(yz_service_dashboard(&f->s, d, &err), 0);
	assert_int_equal(d->followups_open, 1);
	assert_int_equal(d->approvals_pending, 1); /* closing the complaint */
	free(d);
	assert_int_equal(yz_service_followup_done(&f->s, fu[0].id, "called", &err), 0);

	as(f, "zhangli");
	assert_int_equal(yz_service_refuse(&f->s, r.number, "", &err), -1);
	assert_int_equal(yz_service_refuse(&f->s, r.number, "hukou elsewhere", &err), 0);
	yz_approval ap[4];
	assert_int_equal(yz_approval_list(f->store, YZ_APPROVAL_PENDING, r.id, ap, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	as(f, "zhaozhan");
	assert_int_equal(yz_service_decide(&f->s, ap[0].id, true, "agreed", &po, &err), 0);
	assert_true(po.saved);
	yz_case_get(f->store, r.number, &r, &err);
	assert_int_equal(r.result, YZ_RESULT_REJECTED);

	char *sum = yz_service_talk_summary(&f->s, t, &err);
	assert_non_null(sum);
	assert_non_null(strstr(sum, "Accepted 2 items, 2 done"));
	free(sum);
}

static void test_calendar_sync(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	long changed = -1;
	take(f, "subsistence_allowance");
	assert_int_equal(yz_service_calendar_sync(&f->s, &changed, &err), 0);
	assert_int_equal(changed, 0); /* first run: dates already on this calendar */
	assert_int_equal(yz_service_calendar_sync(&f->s, &changed, &err), 0);
	assert_int_equal(changed, 0);
	/* A weekends-only calendar: the Qingming holiday no longer counts. */
	f->s.calendar = NULL;
	yz_store_meta_set(f->store, "calendar_hash", "old", &err);
	assert_int_equal(yz_service_calendar_sync(&f->s, &changed, &err), 0);
	assert_int_equal(changed, 1);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_transitions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_extension_pause_print, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rating_followup_refuse_talk, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_calendar_sync, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
