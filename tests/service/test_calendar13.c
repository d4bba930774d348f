/* Issue 13, the working-day calendar in the service, on a real database, the
 * real forms/ and the session clock standing in December 2026, when the
 * official calendar (the station's copy of data/calendar.txt) ends with 2026:
 * - a case accepted now is due on the provisional calendar (New Year's Day
 *   2027 is off) and its receipt says the date is provisional, rendered to
 *   ESC/POS; a date within 2026 does not;
 * - when the official 2027 is added, the open cases are recomputed, the ones
 *   whose promised date moved are listed, each with a timeline event and an
 *   audit row, until the case's own clerk opens it (the head does not count);
 * - the admin's reminder: from 1 November the next year's official calendar
 *   is missing; this year's missing at any date; none once it is there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_count.h"
#include "fixture.h"
#include "yz_test_paths.h"

typedef struct cal13 {
	fixture *f;
	yz_calendar cal;
	time_t at; /* the session clock */
} cal13;

/* Local noon of date (TZ is the stations'). */
static void clock_at(cal13 *x, const char *date)
{
	struct tm tm = {0};
	assert_non_null(strptime(date, "%Y-%m-%d", &tm));
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	x->at = mktime(&tm);
	yz_service_set_clock(&x->f->s, yz_clock_fixed(&x->at));
}

static void reload_calendar(cal13 *x)
{
	yz_err err = {{0}};
	yz_calendar_free(&x->cal);
	if (yz_service_load_calendar(&x->f->cfg, &x->cal, &err) != 0)
		fail_msg("%s", err.msg);
	x->f->s.calendar = &x->cal;
}

static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	cal13 *x = calloc(1, sizeof *x);
	yz_err err = {{0}};
	char cmd[600];
	x->f = fixture_open("yzcal13");
	fixture *f = x->f;
	f->cfg.printer_a4[0] = f->cfg.printer_receipt[0] = '\0'; /* documents are saved */
	/* The station keeps its own copy of the official calendar (2025, 2026);
	 * the provisional years come from the program's data/ (YIZHAN_DATADIR). */
	snprintf(f->cfg.calendar_file, sizeof f->cfg.calendar_file, "%s/calendar.txt", f->home);
	snprintf(cmd, sizeof cmd, "cp '%s/data/calendar.txt' '%s'", YZ_SOURCE_ROOT,
	         f->cfg.calendar_file);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(
	    yz_user_add(f->store, "zhaozhan", "zhaozhan", "", YZ_ROLE_HEAD, "demo1234", &err), 0);
	reload_calendar(x);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	cal13 *x = *state;
	yz_calendar_free(&x->cal);
	void *f = x->f;
	free(x);
	return fixture_teardown(&f);
}

static void as(fixture *f, const char *login)
{
	assert_int_equal(yz_user_get(f->store, login, &f->s.user, NULL), 0);
}

/* The form filled with its examples for the applicant idno, every material,
 * submitted as the counter does. */
static yz_case submit(fixture *f, const char *form_id, const char *idno)
{
	const yz_form *form = yz_catalogue_find(&f->cat, form_id);
	const char *mats[32];
	yz_values v = {0};
	yz_case c;
	yz_err err = {{0}};
	assert_non_null(form);
	fixture_fill_applicant(&f->s, form, idno, NULL, NULL, &v);
	size_t n = fixture_all_materials(form, mats, 32);
	if (yz_service_submit_household(&f->s, form, &v, mats, n, &c, &err) != 0)
		fail_msg("submit %s: %s", form_id, err.msg);
	yz_values_clear(&v);
	return c;
}

/* The receipt's "Promised by" value, and its ESC/POS bytes hold it too. */
static void receipt_promise(fixture *f, const char *case_no, char *out, size_t n)
{
	yz_err err = {{0}};
	yz_doc *d = yz_service_build_doc(&f->s, case_no, "receipt", &err);
	if (!d)
		fail_msg("receipt: %s", err.msg);
	out[0] = '\0';
	for (size_t i = 0; i < d->n_blocks; i++)
		if (d->blocks[i].kind == YZ_BLOCK_KV && !strcmp(d->blocks[i].text, "Promised by"))
			snprintf(out, n, "%s", d->blocks[i].value);
	assert_true(out[0]);
	unsigned char *b = NULL;
	size_t len = 0;
	if (yz_escpos_render(NULL, d, NULL, &b, &len, &err) != 0)
		fail_msg("ESC/POS: %s", err.msg);
	/* the value may wrap on the roll: its date, and its mark when it has one */
	char date[11];
	snprintf(date, sizeof date, "%s", out);
	if (!memmem(b, len, date, strlen(date)))
		fail_msg("the receipt's bytes lack \"%s\"", date);
	if (strstr(out, "provisional") && !memmem(b, len, "provisional", 11))
		fail_msg("the receipt's bytes lack \"provisional\"");
	free(b);
	yz_doc_free(d);
}

/* 15 working days from Friday 2026-12-11: the 15th would be Friday
 * 2027-01-01 counted Monday to Friday; New Year's Day is off by law, so
 * Monday 2027-01-04, marked provisional on the receipt. A case due in 2026
 * is not marked. */
static void test_receipt_provisional(void **state)
{
	cal13 *x = *state;
	fixture *f = x->f;
	char promised[160];
	clock_at(x, "2026-12-11");
	yz_resident old = fixture_resident_born(f, "Li Shou", "19400105", "Wenyi Road 8");
	yz_case c = submit(f, "longevity_allowance", old.idno);
	assert_string_equal(c.accepted_date, "2026-12-11");
	assert_string_equal(c.due_date, "2027-01-04");
	receipt_promise(f, c.number, promised, sizeof promised);
	assert_string_equal(promised, "2027-01-04 (provisional: statutory holidays)");

	clock_at(x, "2026-12-01");
	yz_resident r = fixture_resident_born(f, "Zhao Yi", "19800101", "Wenyi Road 8");
	yz_case near = submit(f, "resident_request", r.idno);
	assert_string_equal(near.due_date, "2026-12-08");
	receipt_promise(f, near.number, promised, sizeof promised);
	assert_string_equal(promised, "2026-12-08");
}

/* The official 2027 is added (a made-up one that also gives 4 January off):
 * the case due 2027-01-04 moves to 2027-01-05; it is listed, its timeline and
 * the audit log say so, the receipt is no longer provisional, and the list
 * forgets it once its clerk has opened it. */
static void test_official_year_moves_dates(void **state)
{
	cal13 *x = *state;
	fixture *f = x->f;
	yz_err err = {{0}};
	long changed = -1;
	yz_due_move m[8];
	size_t n = 9;
	long total = -1;
	clock_at(x, "2026-12-11");
	yz_resident old = fixture_resident_born(f, "Li Shou", "19400105", "Wenyi Road 8");
	yz_case c = submit(f, "longevity_allowance", old.idno);
	yz_resident r = fixture_resident_born(f, "Zhao Yi", "19800101", "Wenyi Road 8");
	yz_case near = submit(f, "resident_request", r.idno); /* due 2026-12-18: stays */
	assert_int_equal(yz_service_calendar_sync(&f->s, &changed, &err), 0);
	assert_int_equal(changed, 0); /* already on this calendar */
	assert_int_equal(yz_service_due_moves(&f->s, true, m, 8, &n, &total, &err), 0);
	assert_int_equal(n, 0);

	append(f->cfg.calendar_file, "\nyear 2027\nholiday 2027-01-01..2027-01-04 test\n");
	reload_calendar(x);
	clock_at(x, "2026-12-14");
	as(f, "zhaozhan"); /* whoever opens the station first: the head, say */
	assert_int_equal(yz_service_calendar_sync(&f->s, &changed, &err), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(yz_service_due_moves(&f->s, true, m, 8, &n, &total, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_string_equal(m[0].number, c.number);
	assert_string_equal(m[0].owner, "zhangli");
	assert_string_equal(m[0].was, "2027-01-04");
	assert_string_equal(m[0].now, "2027-01-05");
	assert_int_equal(test_audit_count(f->cfg.db_path, "due_moved"), 1);
	yz_case_event ev[32];
	size_t ne = 0;
	bool logged = false;
	assert_int_equal(yz_service_case_timeline(&f->s, &c, ev, 32, &ne, &err), 0);
	for (size_t i = 0; i < ne; i++)
		logged |= !strcmp(ev[i].kind, "due_moved") &&
		          strstr(ev[i].note, "2027-01-04 -> 2027-01-05") != NULL;
	assert_true(logged);
	char promised[160];
	receipt_promise(f, c.number, promised, sizeof promised);
	assert_string_equal(promised, "2027-01-05");
	(void)near;

	/* zhangli's own list has it; the head opening it leaves it there */
	as(f, "zhangli");
	assert_int_equal(yz_service_due_moves(&f->s, false, m, 8, &n, &total, &err), 0);
	assert_int_equal(n, 1);
	yz_case got;
	assert_int_equal(yz_case_get(f->store, c.number, &got, &err), 0);
	yz_due_move one;
	as(f, "zhaozhan");
	assert_int_equal(yz_service_due_move_of(&f->s, &got, &one, &err), 1);
	assert_int_equal(yz_service_due_moves(&f->s, true, m, 8, &n, &total, &err), 0);
	assert_int_equal(n, 1);
	/* its clerk opening it has seen it: shown this time, then gone */
	as(f, "zhangli");
	assert_int_equal(yz_service_due_move_of(&f->s, &got, &one, &err), 1);
	assert_string_equal(one.now, "2027-01-05");
	assert_int_equal(yz_service_due_move_of(&f->s, &got, &one, &err), 0);
	assert_int_equal(yz_service_due_moves(&f->s, true, m, 8, &n, &total, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_service_case_timeline(&f->s, &c, ev, 32, &ne, &err), 0);
	assert_string_equal(ev[ne - 1].kind, "due_moved_seen");
}

/* The admin's reminder, by the session clock. */
static void test_missing_year_notice(void **state)
{
	cal13 *x = *state;
	fixture *f = x->f;
	clock_at(x, "2026-10-31");
	assert_int_equal(yz_service_calendar_missing(&f->s), 0);
	clock_at(x, "2026-11-01");
	assert_int_equal(yz_service_calendar_missing(&f->s), 2027);
	clock_at(x, "2026-12-31");
	assert_int_equal(yz_service_calendar_missing(&f->s), 2027);
	clock_at(x, "2027-03-01"); /* the year began without it */
	assert_int_equal(yz_service_calendar_missing(&f->s), 2027);
	append(f->cfg.calendar_file, "\nyear 2027\nholiday 2027-01-01 test\n");
	reload_calendar(x);
	clock_at(x, "2026-11-01");
	assert_int_equal(yz_service_calendar_missing(&f->s), 0);
	clock_at(x, "2027-11-01");
	assert_int_equal(yz_service_calendar_missing(&f->s), 2028);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	/* the program's own data, the provisional years (meson test sets it) */
	setenv("YIZHAN_DATADIR", YZ_SOURCE_ROOT, 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_receipt_provisional, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_official_year_moves_dates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_year_notice, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
