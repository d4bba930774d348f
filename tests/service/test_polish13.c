/* Issue 13, printed documents, second round: what the engineers found after
 * the first one.
 * - A counter's default label ("Window 2") is the clerk's UI words on the
 *   screen and the document language's on the receipt.
 * - An on-the-spot case recorded without a promised date (as the demo records
 *   them) says done on the spot on its receipt, never "-".
 * - `yizhan cases show` marks a promised date counted on the provisional
 *   calendar, as the receipt and the case view do.
 * - `yizhan print --doc` takes any document of the case's form; a wrong id is
 *   answered with the ids the case has, and leaves no job in the print queue;
 *   the usage line says so.
 * - A fresh `yizhan init --demo` station: no lifecycle event, forward or pause
 *   of any case before the case was accepted, nor after today.
 * - An empty station_phone: `yizhan init` says which papers cannot print.
 * Real parts: SQLite files, the real forms/ catalogue, the catalogue built from
 * po/, the real binary (argv[1]). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "yizhan/service.h"

static const char *yizhan_exe; /* the real binary, from the command line */

#define WINDOW_2_ZH "2\u53f7\u7a97\u53e3"                              /* window no. 2 */
#define PROMISED_ZH "\u627f\u8bfa\u529e\u7ed3"                         /* promised by */
#define SPOT_ZH     "\u5373\u65f6\u529e\u7ed3"                         /* done on the spot */
#define PROV_ZH     "\u6309\u6cd5\u5b9a\u8282\u5047\u65e5\u6682\u5b9a" /* provisional */

static int setup_en(void **state)
{
	fixture_ui_language("en");
	fixture *f = *state = fixture_open("yzpolish");
	fixture_resident(f, "\u738b\u5c0f\u660e"); /* Wang Xiaoming */
	return 0;
}

/* The receipt of case_no as text (free it). */
static char *receipt_text(fixture *f, const char *case_no)
{
	yz_err err = {{0}};
	yz_doc *d = yz_service_build_doc(&f->s, case_no, "receipt", &err);
	if (!d)
		fail_msg("receipt: %s", err.msg);
	char *text = yz_doc_layout_text(d, 48);
	yz_doc_free(d);
	assert_non_null(text);
	return text;
}

/* The line of text that holds word (a copy in out). */
static const char *line_with(const char *text, const char *word, char *out, size_t n)
{
	const char *at = strstr(text, word);
	if (!at)
		fail_msg("no \"%s\" in:\n%s", word, text);
	while (at > text && at[-1] != '\n')
		at--;
	snprintf(out, n, "%.*s", (int)strcspn(at, "\n"), at);
	return out;
}

/* ---- 1. the counter's default label ------------------------------------------- */

/* Counter 2 without a label of its own, the session at it. */
static void at_counter_2(fixture *f, const char *more)
{
	char conf[256];
	yz_config_defaults(&f->cfg, f->home); /* a new file, not one more section */
	snprintf(conf, sizeof conf, "%s[counter 2]\nssh_from = 10.0.0.2\n", more);
	fixture_conf(f, conf);
	yz_counter_hints h = {.option = "2"};
	yz_counter_choose(&f->cfg, &h, &f->s.counter);
	assert_int_equal(f->s.counter.state, YZ_COUNTER_CHOSEN);
	yz_config_use_counter(&f->cfg, &f->s.counter);
}

static void test_counter_label_on_paper(void **state)
{
	fixture *f = *state; /* an English UI, Chinese papers (the default) */
	at_counter_2(f, "");
	char shown[128], line[256];
	yz_service_counter_text(&f->s, false, shown, sizeof shown);
	assert_string_equal(shown, "Window 2"); /* the screen: the clerk's language */

	yz_case c;
	fixture_submit_certificate(f, &c);
	char *text = receipt_text(f, c.number);
	line_with(text, "\u7a97\u53e3", line, sizeof line); /* the window's line */
	if (!strstr(line, WINDOW_2_ZH) || strstr(line, "Window"))
		fail_msg("the Chinese receipt's window: %s", line);
	free(text);

	/* a Chinese UI and English papers: the other way round */
	fixture_ui_language("zh_CN");
	at_counter_2(f, "document_language = en\n");
	yz_service_counter_text(&f->s, false, shown, sizeof shown);
	assert_string_equal(shown, WINDOW_2_ZH);
	text = receipt_text(f, c.number);
	line_with(text, "Window", line, sizeof line);
	if (!strstr(line, "Window 2"))
		fail_msg("the English receipt's window: %s", line);
	free(text);
}

/* ---- 5. an on-the-spot receipt without a promised date ------------------------ */

static void test_on_the_spot_without_date(void **state)
{
	fixture *f = *state;
	fixture_ui_language("zh_CN");
	const yz_form *form = yz_catalogue_find(&f->cat, "residence_certificate");
	assert_non_null(form);
	assert_int_equal(form->promise_days, 0);
	yz_resident r;
	yz_err err = {{0}};
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	char today[11];
	yz_date_format(f->s.today, today);
	/* as `init --demo` records an on-the-spot case: no promised date */
	yz_case_new in = {.form_id = form->id,
	                  .item = form->title,
	                  .line = form->line,
	                  .resident_id = r.id,
	                  .clerk_login = "zhangli",
	                  .accepted_date = today,
	                  .due_date = "",
	                  .status = YZ_CASE_DONE,
	                  .promise_days = 0,
	                  .legal_days = form->legal_days};
	yz_case c;
	assert_int_equal(
	    yz_case_create(f->store, f->cfg.station_code, f->s.today.year, &in, &c, &err), 0);
	char *text = receipt_text(f, c.number), line[256];
	line_with(text, PROMISED_ZH, line, sizeof line);
	if (!strstr(line, SPOT_ZH) || strstr(line, "-"))
		fail_msg("the promised line of an on-the-spot receipt: %s", line);
	free(text);
}

/* ---- the binary ---------------------------------------------------------------- */

/* f's settings written where the binary reads them. */
static void write_conf(fixture *f)
{
	char path[300];
	yz_err err = {{0}};
	snprintf(path, sizeof path, "%s/yizhan.conf", f->home);
	assert_int_equal(yz_config_write(&f->cfg, path, &err), 0);
}

/* ---- 2. cases show marks a provisional date ----------------------------------- */

/* A case of the longevity allowance accepted on accepted, 15 working days. */
static void stored_case(fixture *f, const char *accepted, yz_case *c)
{
	yz_err err = {{0}};
	const yz_form *form = yz_catalogue_find(&f->cat, "longevity_allowance");
	assert_non_null(form);
	yz_case_new in = fixture_case_new(f, form, accepted);
	in.status = YZ_CASE_ACCEPTED;
	in.state = form->n_states ? form->states[0].id : NULL;
	in.promise_days = 15;
	in.legal_days = 0;
	assert_int_equal(yz_case_create(f->store, f->cfg.station_code, 2026, &in, c, &err), 0);
}

static void cases_show(fixture *f, const char *lang, const char *number, char *out, size_t n)
{
	char cmd[1024];
	/* Issue 14: as the clerk, the password on standard input. */
	snprintf(cmd, sizeof cmd,
	         "echo demo1234 | LANG=C.UTF-8 LC_ALL= LANGUAGE=%s '%s' cases show %s --home '%s' "
	         "--as zhangli --password-fd 0",
	         lang, yizhan_exe, number, f->home);
	if (fixture_run(cmd, true, out, n) != 0)
		fail_msg("cases show: %s", out);
}

static void test_cases_show_provisional(void **state)
{
	fixture *f = *state;
	/* the station's official calendar has 2026 only: 2027 is provisional
	 * (the statutory holidays of data/holidays-provisional.txt) */
	snprintf(f->cfg.calendar_file, sizeof f->cfg.calendar_file, "%s/calendar.txt", f->home);
	FILE *cal = fopen(f->cfg.calendar_file, "w");
	assert_non_null(cal);
	fputs("year 2026\nholiday 2026-10-01..2026-10-07 national day\n", cal);
	assert_int_equal(fclose(cal), 0);
	write_conf(f);
	yz_err err = {{0}}; /* the commands run as the station's admin */
	assert_int_equal(
	    yz_user_add(f->store, "admin", "admin", "", YZ_ROLE_ADMIN, "demo1234", &err), 0);
	yz_case into_2027, in_2026;
	stored_case(f, "2026-12-21", &into_2027);
	stored_case(f, "2026-03-02", &in_2026);

	char out[8192], line[512];
	cases_show(f, "en", into_2027.number, out, sizeof out);
	line_with(out, "promised:", line, sizeof line);
	if (!strstr(line, "2027-") || !strstr(line, "(provisional: statutory holidays)"))
		fail_msg("not marked: %s", line);
	cases_show(f, "zh_CN", into_2027.number, out, sizeof out);
	if (!strstr(out, PROV_ZH))
		fail_msg("not marked in Chinese:\n%s", out);
	cases_show(f, "en", in_2026.number, out, sizeof out);
	line_with(out, "promised:", line, sizeof line);
	if (strstr(line, "provisional"))
		fail_msg("a 2026 date marked: %s", line);
}

/* ---- 3. print --doc: any document of the form, a wrong one named --------------- */

static void test_print_doc_ids(void **state)
{
	fixture *f = *state;
	write_conf(f); /* no printer: documents would be saved */
	yz_case c;
	fixture_submit_certificate(f, &c);
	char cmd[1024], out[4096];
	snprintf(cmd, sizeof cmd,
	         "echo demo1234 | LANG=C.UTF-8 LC_ALL= LANGUAGE=en '%s' print %s --doc proof "
	         "--home '%s' --as zhangli --password-fd 0",
	         yizhan_exe, c.number, f->home);
	assert_int_not_equal(fixture_run(cmd, true, out, sizeof out), 0);
	if (!strstr(out, "\"proof\"") || !strstr(out, "receipt") || !strstr(out, "certificate"))
		fail_msg("the documents of the case are not named: %s", out);
	if (strstr(out, "reprint list"))
		fail_msg("a wrong id left a job: %s", out);
	long failed = -1;
	yz_err err = {{0}};
	assert_int_equal(yz_service_job_count(&f->s, YZ_JOB_FAILED, &failed, &err), 0);
	assert_int_equal(failed, 0);

	/* the usage says a document id, not only receipt|certificate */
	snprintf(cmd, sizeof cmd, "LANG=C.UTF-8 LC_ALL= LANGUAGE=en '%s' print", yizhan_exe);
	assert_int_not_equal(fixture_run(cmd, true, out, sizeof out), 0);
	if (!strstr(out, "--doc receipt|DOC-ID"))
		fail_msg("usage: %s", out);
	snprintf(cmd, sizeof cmd, "LANG=C.UTF-8 LC_ALL= LANGUAGE=en '%s' --help", yizhan_exe);
	fixture_run(cmd, true, out, sizeof out);
	if (!strstr(out, "print CASE --doc receipt|DOC-ID") || strstr(out, "receipt|certificate"))
		fail_msg("--help: %s", out);
}

/* ---- 4. the demo's lifecycle after each case's acceptance ---------------------- */

typedef struct demo_walk {
	fixture *f;
	char today[11];
	size_t cases, checked;
} demo_walk;

static void in_case(const yz_case *c, const demo_walk *w, const char *what, const char *date)
{
	if (strncmp(date, c->accepted_date, 10) < 0 || strncmp(date, w->today, 10) > 0)
		fail_msg("%s: %s on %s, accepted %s, today %s", c->number, what, date,
		         c->accepted_date, w->today);
}

static int check_case(const yz_case *c, void *ctx)
{
	demo_walk *w = ctx;
	yz_store *st = w->f->store;
	yz_case_event ev[64];
	yz_case_forward fw[8];
	yz_case_pause_rec *pa = calloc(8, sizeof *pa);
	size_t n = 0;
	assert_non_null(pa);
	w->cases++;
	assert_int_equal(yz_case_timeline(st, c->id, ev, 64, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		char local[32];
		yz_service_local_time(ev[i].at, local, sizeof local);
		in_case(c, w, ev[i].kind, local);
		w->checked++;
	}
	assert_int_equal(yz_case_forwards(st, c->id, fw, 8, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		in_case(c, w, "forwarded", fw[i].sent_date);
		if (fw[i].dept_due[0] && strcmp(fw[i].dept_due, fw[i].sent_date) < 0)
			fail_msg("%s: due at the department %s before it was sent %s", c->number,
			         fw[i].dept_due, fw[i].sent_date);
		w->checked++;
	}
	assert_int_equal(yz_case_pauses(st, c->id, pa, 8, &n, NULL), 0);
	for (size_t i = 0; i < n; i++, w->checked++)
		in_case(c, w, "paused", pa[i].from);
	free(pa);
	return 0;
}

static void test_demo_dates(void **state)
{
	fixture *f = *state;
	char home[] = "/tmp/yzpolishdemo.XXXXXX";
	yz_err err = {{0}};
	fixture demo;
	fixture_open_demo(f, yizhan_exe, home, &demo);
	demo_walk w = {.f = &demo};
	yz_date_format(yz_clock_today(NULL), w.today);
	yz_case_filter all = {0};
	assert_int_equal(yz_case_list(demo.store, &all, check_case, &w, &err), 0);
	print_message("%zu demo cases, %zu dated events\n", w.cases, w.checked);
	assert_true(w.cases >= 40);
	fixture_close_demo(&demo);
}

/* ---- 6. init says when the station's phone is missing -------------------------- */

static void test_init_phone(void **state)
{
	(void)state;
	char home[] = "/tmp/yzpolishinit.XXXXXX", cmd[1024], out[4096];
	assert_non_null(mkdtemp(home));
	snprintf(cmd, sizeof cmd, "LANG=C.UTF-8 LC_ALL= LANGUAGE=en '%s' init --home '%s/st'",
	         yizhan_exe, home);
	if (fixture_run(cmd, true, out, sizeof out) != 0)
		fail_msg("init: %s", out);
	if (!strstr(out, "Station phone not set") || !strstr(out, "station_phone"))
		fail_msg("init does not say the phone is missing: %s", out);
	/* the demo has a phone: nothing said */
	snprintf(cmd, sizeof cmd,
	         "LANG=C.UTF-8 LC_ALL= LANGUAGE=en '%s' init --demo --home '%s/demo'", yizhan_exe,
	         home);
	if (fixture_run(cmd, true, out, sizeof out) != 0)
		fail_msg("init --demo: %s", out);
	assert_null(strstr(out, "Station phone"));
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	assert_int_equal(system(cmd), 0);
}

/* The count behind it: the forms' papers that print {station.phone}. */
static void test_phoneless_papers(void **state)
{
	fixture *f = *state;
	f->cfg.station_phone[0] = '\0';
	size_t n = yz_service_phoneless_papers(&f->s);
	assert_true(n >= 10); /* every form's receipt-paper slip, the residence certificate */
	snprintf(f->cfg.station_phone, sizeof f->cfg.station_phone, "0571-88886666");
	assert_int_equal(yz_service_phoneless_papers(&f->s), 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_polish13 PATH/TO/yizhan\n");
		return 2;
	}
	yizhan_exe = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_counter_label_on_paper, setup_en,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_on_the_spot_without_date, setup_en,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_cases_show_provisional, setup_en,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_print_doc_ids, setup_en, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_demo_dates, setup_en, fixture_teardown),
	    cmocka_unit_test(test_init_phone),
	    cmocka_unit_test_setup_teardown(test_phoneless_papers, setup_en, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
