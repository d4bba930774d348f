/* Issue 12, the case after intake (English UI, the forms' own Chinese labels in
 * UTF-8 escapes: no Chinese in C sources). Run under tests/lib/with-cupsd.
 *
 *  - A complaint (居民诉求) moves on events: forwarding (F) puts it in the
 *    forwarded step, the department's result (F) in the next one; from
 *    "replied" D closes it asking how it ended once; no step reads
 *    "回访满意" before the resident has rated.
 *  - Dates typed in dialogs as 20261214 are shown and stored as 2026-12-14;
 *    the date offered for bringing materials (补正) is a working day of the
 *    station's calendar; a dialog the action refused opens again with what was
 *    typed and ticked.
 *  - The materials the resident brings when the case resumes are ticked and
 *    recorded as received on the case.
 *  - The rating screen shows the five words with their keys, 5 very satisfied
 *    and 1 very dissatisfied; timelines (case view and `yizhan cases show`)
 *    show the words, not the score, and local times, never 2026-12-05T18:20:30Z. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_fixture.h"
#include "yizhan/core.h"
#include "yizhan/store.h"
#include "yz_test_paths.h"

/* Labels of forms/resident_request.form's steps. */
#define STEP_FORWARDED "\u5df2\u8f6c\u6709\u5173\u90e8\u95e8" /* yi zhuan you guan bu men */
#define STEP_HANDLING  "\u529e\u7406\u4e2d"                   /* ban li zhong */
#define STEP_DONE      "\u5df2\u529e\u7ed3"                   /* yi ban jie */
#define SATISFIED_WORD "\u56de\u8bbf\u6ee1\u610f"             /* hui fang man yi */

static char complaint[40]; /* a resident_request case, zhangli's, in "received" */
static char dibao[40];     /* a subsistence_allowance case, zhangli's, in "received" */
static char waiting[40];   /* a subsistence_allowance case waiting for two materials */
static char closed[40];    /* a resident_request case closed, not rated, a paper printed */
#define WAIT_1 "hukou booklet"
#define WAIT_2 "income certificate"
#define WAIT_3 "bank card copy"

/* A date days ahead, as typed (YYYYMMDD) and as stored (YYYY-MM-DD). */
static void ahead(int days, char typed[9], char stored[11])
{
	char t[11];
	yz_date d;
	scr_today(t);
	yz_date_parse(t, &d);
	yz_date_format(yz_date_from_days(yz_date_to_days(d) + days), stored);
	snprintf(typed, 9, "%.4s%.2s%.2s", stored, stored + 5, stored + 8);
}

static int accept(yz_store *st, const char *form, const char *item, const char *line,
                  char number[40], int64_t *id, yz_err *err)
{
	yz_resident r;
	char today[11], code[17] = "";
	scr_today(today);
	if (yz_resident_get(st, 1, &r, err) != 0 ||
	    yz_store_meta_get(st, "station_code", code, sizeof code, err) < 0)
		return -1;
	yz_case_new in = {
	    .form_id = form,
	    .item = item,
	    .line = line,
	    .resident_id = r.id,
	    .clerk_login = "zhangli",
	    .accepted_date = today,
	    .due_date = "",
	    .status = YZ_CASE_ACCEPTED,
	    .state = "received",
	    .promise_days = 5,
	    .legal_days = 15,
	};
	yz_case c;
	if (yz_case_create(st, code[0] ? code : "DEMO01", atoi(today), &in, &c, err) != 0)
		return -1;
	snprintf(number, 40, "%s", c.number);
	*id = c.id;
	return 0;
}

#define ITEM_REQUEST "\u5c45\u6c11\u8bc9\u6c42"
#define LINE_REQUEST "\u8bc9\u6c42"
#define ITEM_DIBAO   "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7"
#define LINE_DIBAO   "\u793e\u4f1a\u6551\u52a9"

/* The cases of the tests; the waiting and the closed one brought there through
 * the store, as the actions before them left them. */
static int make_cases(yz_store *st, yz_err *err)
{
	int64_t id;
	char today[11], by[11], typed[9];
	scr_today(today);
	ahead(7, typed, by);
	yz_act a = {.actor = "zhangli", .today = today, .note = ""};
	if (accept(st, "resident_request", ITEM_REQUEST, LINE_REQUEST, complaint, &id, err) != 0 ||
	    accept(st, "subsistence_allowance", ITEM_DIBAO, LINE_DIBAO, dibao, &id, err) != 0 ||
	    accept(st, "subsistence_allowance", ITEM_DIBAO, LINE_DIBAO, waiting, &id, err) != 0 ||
	    yz_case_pause(st, id, WAIT_1 "\n" WAIT_2 "\n" WAIT_3, by, &a, NULL, err) != 0 ||
	    accept(st, "resident_request", ITEM_REQUEST, LINE_REQUEST, closed, &id, err) != 0 ||
	    yz_case_event_add(st, id, "zhangli", "printed", "slip", err) != 0)
		return -1;
	return yz_case_close(st, id, "done", YZ_RESULT_RESOLVED, &a, err);
}

static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzday", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err = {{0}};
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = make_cases(st, &err);
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

static void quit(vt *v)
{
	scr_quit(v, "log in");
}

/* F4, F7: the case by its number, its view open. */
static void open_case(vt *v, const char *number)
{
	scr_open_case(v, number);
	SEE(v, "Deadlines");
}

/* Whether text holds a UTC time as stored: 2026-12-05T18:20:30Z. */
static bool has_utc(const char *text)
{
	for (const char *p = text; (p = strchr(p, 'T')) != NULL; p++) {
		if (p - text < 10 || !isdigit((unsigned char)p[-1]) || p[-3] != '-')
			continue;
		if (isdigit((unsigned char)p[1]) && p[3] == ':' && strchr(p, 'Z') &&
		    strchr(p, 'Z') - p <= 9)
			return true;
	}
	return false;
}

/* Whether the screen shows text anywhere now (no waiting). */
static bool shown(vt *v, const char *text)
{
	vt_pump(v, 100);
	char *s = vt_text(v);
	bool yes = strstr(s, text) != NULL;
	free(s);
	return yes;
}

static void no_satisfied_step(vt *v)
{
	if (shown(v, SATISFIED_WORD)) {
		fprintf(stderr, "a step speaks of the rating before the resident rated:\n");
		vt_dump(v);
		fail();
	}
}

static yz_case load(const char *number)
{
	yz_store *st;
	yz_err err = {{0}};
	yz_case c;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_get(st, number, &c, &err), 0);
	yz_store_close(st);
	return c;
}

static void test_complaint_moves_on_events(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	open_case(v, complaint);

	/* F: forward to the first department: the case is at the forwarded step. */
	scr_forward_first(v);
	SEE(v, "Step: " STEP_FORWARDED);
	assert_string_equal(load(complaint).state, "transferred");
	no_satisfied_step(v);

	/* The department's result: on to the next step by itself. */
	vt_send(v, "f");
	SEE(v, "Department's result");
	vt_send(v, "pipe replaced");
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER);
	SEE(v, "result is recorded");
	SEE(v, "Step: " STEP_HANDLING);
	assert_string_equal(load(complaint).state, "handling");

	/* One step by hand (the answer given), then D asks how it ended once. */
	vt_send(v, "t");
	SEE(v, "Next step");
	vt_send(v, "1");
	SEE(v, "Note");
	vt_send(v, VT_ENTER);
	SEE(v, "The case moved on");
	assert_string_equal(load(complaint).state, "replied");
	no_satisfied_step(v);
	SEE(v, "DClose");
	scr_close_first(v);
	/* Closed at once: the rating screen, no second question. */
	SEE(v, "Please press a number");
	yz_case c = load(complaint);
	assert_int_equal(c.status, YZ_CASE_DONE);
	assert_string_equal(c.state, "done");
	/* Not rated yet: the closed case says nothing of satisfaction. */
	vt_esc(v);
	SEE(v, "Step: " STEP_DONE);
	no_satisfied_step(v);
	vt_esc(v);
	SEE(v, "By number");
	vt_esc(v);
	quit(v);
}

static void test_rating_words_and_local_times(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	open_case(v, closed);

	/* G: the five words with their keys, 5 the best; the resident rates 5. */
	vt_send(v, "g");
	SEE(v, "Please press a number");
	SEE(v, "[ 5 ]   very satisfied");
	SEE(v, "[ 4 ]   satisfied");
	SEE(v, "[ 3 ]   fairly satisfied");
	SEE(v, "[ 2 ]   dissatisfied");
	SEE(v, "[ 1 ]   very dissatisfied");
	assert_true(vt_row_of(v, "[ 5 ]") < vt_row_of(v, "[ 1 ]"));
	vt_send(v, "5");
	SEE(v, "Comment (optional)");
	SEE(v, "Rating: very satisfied");
	vt_send(v, "quick fix");
	vt_send(v, VT_ENTER);
	SEE(v, "Thank you. Rated very satisfied.");
	/* Stored on its own scale: 1 = very satisfied. */
	assert_int_equal(load(closed).rating, 1);

	/* The timeline and the papers: words and local times. */
	for (int i = 0; i < 6; i++)
		vt_send(v, VT_PGDN);
	SEE(v, "quick fix");
	SEE(v, "Documents printed");
	char *text = vt_text(v);
	bool utc = has_utc(text);
	free(text);
	if (utc)
		vt_dump(v);
	assert_false(utc);
	int row = vt_row_of(v, "quick fix");
	char *line = vt_row(v, row);
	const char *words = strstr(line, "very satisfied");
	bool digit_before = false;
	for (const char *p = line; words && p < words; p++)
		digit_before |= p[0] == ' ' && p[1] >= '1' && p[1] <= '5' && p[2] == ' ';
	if (!words || digit_before)
		vt_dump(v);
	assert_non_null(words);
	assert_false(digit_before);
	free(line);
	vt_esc(v);
	SEE(v, "By number");
	vt_esc(v);
	quit(v);

	/* `yizhan cases show`: the same timeline in words and local times. */
	static char out[65536];
	const char *args[] = {"cases", "show", closed, NULL};
	assert_int_equal(scr_command(args, out, sizeof out), 0);
	if (has_utc(out))
		fprintf(stderr, "%s", out);
	assert_false(has_utc(out));
	char *rated = strstr(out, "quick fix");
	assert_non_null(rated);
	char *bol = rated;
	while (bol > out && bol[-1] != '\n')
		bol--;
	/* after the time (2026-12-05 18:20), no score: the words */
	for (const char *p = bol + 20; p < rated; p++)
		assert_false(isdigit((unsigned char)*p));
}

/* The date the Bring-by field offers, read off the dialog. */
static void offered_date(vt *v, char out[11])
{
	int row = vt_row_of(v, "Bring by");
	assert_true(row >= 0);
	char *line = vt_row(v, row);
	const char *p = strstr(line, "Bring by");
	out[0] = 0;
	for (; p && *p; p++)
		if (isdigit((unsigned char)p[0]) && strlen(p) >= 10 && p[4] == '-' && p[7] == '-') {
			snprintf(out, 11, "%.10s", p);
			break;
		}
	free(line);
}

static void test_dialog_dates(void **state)
{
	(void)state;
	char typed[9], stored[11], offered[11];
	ahead(12, typed, stored);
	vt *v = scr_start_en("zhangli");
	open_case(v, dibao);

	/* S: tick two materials, one free item; the date offered is a working day. */
	vt_send(v, "s");
	SEE(v, "What is missing");
	vt_send(v, "1");
	vt_send(v, "2");
	SEE(v, "2 [x]");
	vt_send(v, VT_ENTER);
	SEE(v, "Also missing");
	vt_send(v, "bank card copy");
	vt_send(v, VT_TAB);
	SEE(v, "Bring by");
	offered_date(v, offered);
	yz_calendar cal = {0};
	yz_err err = {{0}};
	char path[512];
	snprintf(path, sizeof path, "%s/data/calendar.txt", YZ_SOURCE_ROOT);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char cal_text[65536];
	size_t len = fread(cal_text, 1, sizeof cal_text - 1, f);
	fclose(f);
	assert_int_equal(yz_calendar_parse(cal_text, len, path, &cal, &err), 0);
	yz_date d;
	assert_true(yz_date_parse(offered, &d));
	if (!yz_is_workday(&cal, d))
		fprintf(stderr, "the date offered, %s, is not a working day\n", offered);
	assert_true(yz_is_workday(&cal, d));
	yz_calendar_free(&cal);

	/* A date that is none: refused, and the dialogs open again as typed. */
	vt_send(v, VT_CTRL_U);
	vt_send(v, "20261399");
	vt_send(v, VT_ENTER);
	SEE(v, "Not done");
	vt_send(v, VT_ENTER);
	SEE(v, "What is missing");
	SEE(v, "1 [x]");
	SEE(v, "2 [x]");
	vt_send(v, VT_ENTER);
	SEE(v, "Also missing");
	SEE(v, "bank card copy");
	SEE(v, "20261399");
	/* Now a date typed without dashes: shown and stored with them. */
	vt_send(v, VT_TAB);
	vt_send(v, VT_CTRL_U);
	vt_send(v, typed);
	vt_send(v, VT_UP);
	SEE(v, stored);
	vt_send(v, VT_DOWN);
	vt_send(v, VT_ENTER);
	SEE(v, "the clock stopped");
	SEE(v, "Waiting for the resident since");

	yz_store *st;
	yz_case c = load(dibao);
	yz_case_pause_rec p[4];
	size_t np = 0;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_pauses(st, c.id, p, 4, &np, &err), 0);
	yz_store_close(st);
	assert_int_equal(np, 1);
	assert_string_equal(p[0].bring_by, stored);
	assert_non_null(strstr(p[0].missing, "bank card copy"));
	assert_non_null(strchr(p[0].missing, '\n')); /* the ticked materials kept */

	/* F: the department's due date typed without dashes, stored with them. */
	scr_materials_complete(v);
	ahead(9, typed, stored);
	vt_send(v, "f");
	SEE(v, "Forward to which department");
	vt_send(v, "1");
	SEE(v, "Department due");
	vt_send(v, typed);
	vt_send(v, VT_TAB);
	SEE(v, stored);
	vt_send(v, VT_ENTER);
	SEE(v, "Forwarded.");
	assert_string_equal(load(dibao).dept_due, stored);
	vt_esc(v);
	SEE(v, "By number");
	vt_esc(v);
	quit(v);
}

/* M on a case waiting for three items: all ticked at first; the one that did
 * not come unticked; the two that came are the case's materials now. */
static void test_materials_at_resume(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	open_case(v, waiting);
	SEE(v, "Waiting for the resident since");
	vt_send(v, "m");
	SEE(v, "Which materials did the resident bring?");
	SEE(v, "1 [x]");
	SEE(v, "3 [x]");
	vt_send(v, "3");
	SEE(v, "3 [ ]");
	vt_send(v, VT_ENTER);
	SEE(v, "The clock starts again");
	vt_send(v, VT_ENTER);
	SEE(v, "the clock runs again");
	SEE(v, "[x] " WAIT_1);
	SEE(v, "[x] " WAIT_2);
	assert_int_equal(vt_row_of(v, "[x] " WAIT_3), -1);

	yz_store *st;
	yz_err err = {{0}};
	yz_kv_list m = {0};
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_materials(st, load(waiting).id, &m, &err), 0);
	yz_store_close(st);
	bool got1 = false, got2 = false, got3 = false;
	for (size_t i = 0; i < m.n; i++) {
		got1 |= !strcmp(m.keys[i], WAIT_1);
		got2 |= !strcmp(m.keys[i], WAIT_2);
		got3 |= !strcmp(m.keys[i], WAIT_3);
	}
	yz_kv_free(&m);
	assert_true(got1);
	assert_true(got2);
	assert_false(got3);
	vt_esc(v);
	SEE(v, "By number");
	vt_esc(v);
	quit(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_complaint_moves_on_events),
	    cmocka_unit_test(test_dialog_dates),
	    cmocka_unit_test(test_materials_at_resume),
	    cmocka_unit_test(test_rating_words_and_local_times),
	};
	return cmocka_run_group_tests_name("day: the case after intake", tests, group_setup,
	                                   scr_teardown);
}
