/* Issue 16, the statistics on a hand-built station whose right answers are
 * worked out by hand below (not the demo's random data): cases accepted
 * before the National Day holiday of 2026 closed on time and late on the real
 * calendar (data/calendar.txt: 09-25..27 and 10-01..07 off, Sunday 09-20 and
 * Saturday 10-10 make-up working days), a case on time only because its bu
 * zheng pause is not counted, an approved extension, on-the-spot items, a
 * case open past its date at the month's end, forwards and their answer days,
 * ratings 1..5 with one bad rating followed up and one not; the splits by
 * line, item, clerk, grid and month; month, quarter and year; the summary
 * sentence exactly; a clerk refused with an audit row.
 *
 * Every case goes through the store's real lifecycle calls (pause, resume,
 * extension, forward, close, rate, follow-up) on a real SQLite file, with the
 * store's clock set to the moment each step happens (Asia/Shanghai).
 *
 * The calendar around National Day 2026 (W = working day, - = day off):
 *
 *   Sep 18 Fr W  19 Sa -  20 Su W (make-up)  21 Mo W  22 Tu W  23 We W  24 Th W
 *       25 Fr -  26 Sa -  27 Su -  28 Mo W  29 Tu W  30 We W
 *   Oct  1..7 -  (Th..We)  8 Th W  9 Fr W  10 Sa W (make-up)  11 Su -
 *       12 Mo W  13 Tu W  14 We W  15 Th W  16 Fr W  17 Sa -  18 Su -
 *       19 Mo W  20 Tu W  21 We W  22 Th W  23 Fr W  24, 25 -
 *       26 Mo W  27 Tu W  28 We W  29 Th W  30 Fr W  31 Sa -
 *   Nov  1 Su -  2 Mo W  3 Tu W  4 We W  5 Th W
 *
 * The cases (clerk, applicant's grid; "wd" = working days):
 *   A 居民诉求 (line 诉求), 5 wd, zhangli, grid 一网格: accepted 09-29; due
 *     09-30, 10-08, 10-09, 10-10, 10-12 → 10-12; closed 10-12: on time,
 *     took (09-29, 10-12] = 5 wd. Rated 1.
 *   B 居民诉求, 5 wd, lisi, 二网格: accepted 09-30; due 10-08, 09, 10, 12, 13
 *     → 10-13; closed 10-14 at 00:30 (UTC still 10-13): late, took
 *     (09-30, 10-14] = 6 wd. Forwarded 10-08 to 区住建局 due 10-12, answered
 *     10-13 (late): (10-08, 10-13] = 10-09, 10-10, 10-12, 10-13 = 4 wd.
 *     Rated 4 (bad), its follow-up done.
 *   C 临时救助申请 (社会救助), 5 wd, zhangli, 一网格: accepted 10-12 (Mon);
 *     due 13, 14, 15, 16, 19 → 10-19; paused (bu zheng) 10-13 .. 10-16:
 *     (10-13, 10-16] = 3 wd, so due 5 + 3 = 8 wd → 10-22; closed 10-21: on
 *     time only because the pause is not counted; took (10-12, 10-21] = 7 wd
 *     - 3 paused = 4 wd. Rated 2.
 *   D 居民诉求, 5 wd, lisi, 二网格: accepted 10-19; due 20, 21, 22, 23, 26 →
 *     10-26; extension of 3 wd approved → 27, 28, 29 → 10-29; closed 10-28:
 *     on time by the extension; took (10-19, 10-28] = 7 wd. Rated 5 (bad),
 *     its follow-up NOT done.
 *   E 居住证明 (证明), on the spot, zhangli, 一网格: accepted and closed 10-15:
 *     on time, 0 wd. Rated 3.
 *   E2 居住证明, on the spot, zhangli, no household (no grid): accepted 10-16
 *     (Fri), closed 10-19 (Mon): on the spot, so on time; took 1 wd.
 *   F 临时救助申请, 10 wd, zhangli, 一网格: accepted 10-14; due 15, 16, 19, 20,
 *     21, 22, 23, 26, 27, 28 → 10-28; open at October's end and past due;
 *     forwarded 10-20 to 区住建局 due 10-27, answered 11-02: (10-20, 11-02] =
 *     21, 22, 23, 26, 27, 28, 29, 30, 11-02 = 9 wd (late); closed 11-03:
 *     late, took (10-14, 11-03] = 14 wd.
 *   G 居民诉求, 5 wd, lisi, 二网格: accepted 10-29; due 30, 11-02, 03, 04, 05 →
 *     11-05; open at October's end, not past due; forwarded 10-30 to
 *     街道城管科 due 11-03, answered 11-02: (10-30, 11-02] = 1 wd; closed
 *     11-04: on time, took (10-29, 11-04] = 4 wd. Rated 1 on 11-04.
 *   H 居民诉求, 5 wd, zhangli, 二网格: accepted 09-18 (Fri); due 09-20 (make-up
 *     Sunday), 21, 22, 23, 24 → 09-24; closed 09-21: on time, took
 *     (09-18, 09-21] = 09-20 + 09-21 = 2 wd.
 *   I 居住证明, on the spot, lisi, 一网格: accepted and closed 12-01; rated 2.
 *   J 失业登记 (劳动就业), on the spot, zhangli, 一网格: 03-10, 0 wd.
 * Today (the stats' "now") is 2027-01-15: every period below has ended. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_count.h"
#include "fixture.h"
#include "yizhan/service.h"
#include "yizhan/store.h"
#include "yz_test_paths.h"

typedef struct station {
	fixture *f;
	yz_calendar cal;
	time_t now;         /* the store's and the session's clock */
	int64_t r1, r2, r3; /* applicants: grid 1, grid 2, no household */
	int64_t a, b, c, d, e, e2, f_, g, h, i, j;
} station;

static station S;

/* Local time (Asia/Shanghai) of date at hh:mm. */
static time_t local_at(const char *date, int hh, int mm)
{
	struct tm tm = {0};
	assert_non_null(strptime(date, "%Y-%m-%d", &tm));
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void at(const char *date, int hh, int mm)
{
	S.now = local_at(date, hh, mm);
}

static yz_act act(const char *actor, const char *today, const char *note)
{
	return (yz_act){.actor = actor, .today = today, .note = note};
}

static int64_t resident(const char *name, const char *first17, int64_t household)
{
	yz_resident r = {0};
	yz_err err = {{0}};
	snprintf(r.name, sizeof r.name, "%s", name);
	fixture_make_idno(first17, r.idno);
	r.household_id = household;
	if (household)
		snprintf(r.relation, sizeof r.relation, "户主");
	if (yz_resident_add(S.f->store, &r, "zhangli", &err) != 0)
		fail_msg("resident: %s", err.msg);
	return r.id;
}

/* A household in a room of grid `grid` (building 1, unit 1, room `room`). */
static int64_t household(int64_t station_id, const char *grid, const char *room)
{
	int64_t g, b, u, rm, h;
	yz_err err = {{0}};
	yz_store *st = S.f->store;
	assert_int_equal(yz_place_ensure(st, station_id, YZ_PLACE_GRID, grid, &g, &err), 0);
	assert_int_equal(yz_place_ensure(st, g, YZ_PLACE_BUILDING, "1幢", &b, &err), 0);
	assert_int_equal(yz_place_ensure(st, b, YZ_PLACE_UNIT, "1单元", &u, &err), 0);
	assert_int_equal(yz_place_ensure(st, u, YZ_PLACE_ROOM, room, &rm, &err), 0);
	if (yz_household_add_at(st, rm, NULL, &h, &err) != 0)
		fail_msg("household: %s", err.msg);
	return h;
}

/* A case of form_id accepted at 09:00 on `accepted`, promised in `promise`
 * working days, due on `due` (worked out by hand: checked against core's
 * deadline on the real calendar). promise 0: on the spot, closed at once
 * unless keep_open. */
static int64_t accept(const char *form_id, int64_t resident_id, const char *clerk,
                      const char *accepted, int promise, const char *due, bool keep_open)
{
	const yz_form *form = yz_catalogue_find(&S.f->cat, form_id);
	yz_err err = {{0}};
	yz_case c;
	yz_date acc, want;
	char got[11];

	assert_non_null(form);
	assert_true(yz_date_parse(accepted, &acc));
	assert_true(yz_date_parse(due, &want));
	yz_date_format(yz_deadline_compute(&S.cal, acc, promise, NULL, 0, 0).due, got);
	assert_string_equal(got, due); /* the hand arithmetic agrees with the calendar */
	yz_case_new in = {.form_id = form->id,
	                  .item = form->title,
	                  .line = form->line,
	                  .resident_id = resident_id,
	                  .clerk_login = clerk,
	                  .accepted_date = accepted,
	                  .due_date = due,
	                  .status = promise == 0 && !keep_open ? YZ_CASE_DONE : YZ_CASE_ACCEPTED,
	                  .promise_days = promise,
	                  .legal_days = promise ? promise * 3 : 1};
	at(accepted, 9, 0);
	if (yz_case_create(S.f->store, S.f->cfg.station_code, acc.year, &in, &c, &err) != 0)
		fail_msg("case: %s", err.msg);
	return c.id;
}

static void close_at(int64_t id, const char *date, int hh, int mm)
{
	yz_err err = {{0}};
	yz_act a = act("zhangli", date, NULL);
	at(date, hh, mm);
	if (yz_case_close(S.f->store, id, "done", YZ_RESULT_RESOLVED, &a, &err) != 0)
		fail_msg("close: %s", err.msg);
}

static void forward(int64_t id, const char *dept, const char *sent, const char *due,
                    const char *answered)
{
	yz_err err = {{0}};
	yz_act a = act("zhangli", sent, NULL);
	at(sent, 10, 0);
	if (yz_case_forward_send(S.f->store, id, dept, due, &a, NULL, &err) != 0)
		fail_msg("forward: %s", err.msg);
	a.today = answered;
	at(answered, 10, 0);
	if (yz_case_forward_result(S.f->store, id, "已处理", answered, &a, &err) != 0)
		fail_msg("result: %s", err.msg);
}

/* Rated at 15:00 on date; bad ones open a follow-up, done when followed. */
static void rate(int64_t id, int score, const char *date, bool followed)
{
	yz_err err = {{0}};
	yz_act a = act("zhangli", date, NULL);
	int64_t fu = 0;
	at(date, 15, 0);
	if (yz_case_rate(S.f->store, id, score, "", date, false, &a, &fu, &err) != 0)
		fail_msg("rate: %s", err.msg);
	if (followed) {
		yz_act h = act("wangzhan", date, "回访：居民表示理解");
		assert_true(fu > 0);
		if (yz_followup_done(S.f->store, fu, &h, &err) != 0)
			fail_msg("follow-up: %s", err.msg);
	}
}

static void due_is(int64_t id, const char *want)
{
	yz_case c;
	yz_err err = {{0}};
	assert_int_equal(yz_case_get_by_id(S.f->store, id, &c, &err), 0);
	assert_string_equal(c.due_date, want);
}

static void build(void)
{
	yz_store *st = S.f->store;
	yz_err err = {{0}};
	int64_t sid, aid;

	assert_int_equal(
	    yz_user_add(st, "lisi", "李四", "13900000000", YZ_ROLE_CLERK, "demo1234", &err), 0);
	assert_int_equal(
	    yz_user_add(st, "wangzhan", "王站长", "13700000000", YZ_ROLE_HEAD, "demo1234", &err),
	    0);
	at("2026-01-05", 9, 0);
	assert_int_equal(yz_place_ensure(st, 0, YZ_PLACE_STATION, "幸福社区", &sid, &err), 0);
	S.r1 = resident("赵一", "33010619800101001", household(sid, "一网格", "101室"));
	S.r2 = resident("钱二", "33010619800202002", household(sid, "二网格", "201室"));
	S.r3 = resident("孙三", "33010619800303003", 0);

	S.a = accept("resident_request", S.r1, "zhangli", "2026-09-29", 5, "2026-10-12", false);
	S.b = accept("resident_request", S.r2, "lisi", "2026-09-30", 5, "2026-10-13", false);
	S.h = accept("resident_request", S.r2, "zhangli", "2026-09-18", 5, "2026-09-24", false);
	S.j = accept("unemployment_registration", S.r1, "zhangli", "2026-03-10", 0, "2026-03-10",
	             false);
	close_at(S.h, "2026-09-21", 16, 0);

	/* B: at the department over the holiday, answered late, closed just
	 * after midnight local time (16:30 UTC the day before: the local date
	 * counts, so it is late). */
	forward(S.b, "区住建局", "2026-10-08", "2026-10-12", "2026-10-13");
	close_at(S.a, "2026-10-12", 11, 0);
	rate(S.a, 1, "2026-10-12", false);

	S.c = accept("temporary_assistance", S.r1, "zhangli", "2026-10-12", 5, "2026-10-19", false);
	yz_act a = act("zhangli", "2026-10-13", NULL);
	at("2026-10-13", 10, 0);
	assert_int_equal(yz_case_pause(st, S.c, "户口簿", "2026-10-20", &a, NULL, &err), 0);
	close_at(S.b, "2026-10-14", 0, 30);
	rate(S.b, 4, "2026-10-14", true);

	S.f_ =
	    accept("temporary_assistance", S.r1, "zhangli", "2026-10-14", 10, "2026-10-28", false);
	S.e =
	    accept("residence_certificate", S.r1, "zhangli", "2026-10-15", 0, "2026-10-15", false);
	rate(S.e, 3, "2026-10-15", false);
	S.e2 =
	    accept("residence_certificate", S.r3, "zhangli", "2026-10-16", 0, "2026-10-16", true);
	a.today = "2026-10-16";
	at("2026-10-16", 10, 0);
	assert_int_equal(yz_case_resume(st, &S.cal, S.c, &a, &err), 0);
	due_is(S.c, "2026-10-22"); /* 5 + 3 paused working days */

	S.d = accept("resident_request", S.r2, "lisi", "2026-10-19", 5, "2026-10-26", false);
	close_at(S.e2, "2026-10-19", 11, 0);
	a = act("lisi", "2026-10-20", NULL);
	at("2026-10-20", 9, 0);
	assert_int_equal(
	    yz_approval_request(st, S.d, YZ_APPROVAL_EXTENSION, "需现场核实", 3, &a, &aid, &err),
	    0);
	a = act("wangzhan", "2026-10-20", NULL);
	assert_int_equal(yz_approval_decide(st, &S.cal, aid, true, &a, &err), 0);
	due_is(S.d, "2026-10-29"); /* 5 + 3 extension working days */

	yz_act fa = act("zhangli", "2026-10-20", NULL);
	at("2026-10-20", 10, 0);
	assert_int_equal(yz_case_forward_send(st, S.f_, "区住建局", "2026-10-27", &fa, NULL, &err),
	                 0);
	close_at(S.c, "2026-10-21", 10, 0);
	rate(S.c, 2, "2026-10-21", false);
	close_at(S.d, "2026-10-28", 10, 0);
	rate(S.d, 5, "2026-10-28", false);

	S.g = accept("resident_request", S.r2, "lisi", "2026-10-29", 5, "2026-11-05", false);
	forward(S.g, "街道城管科", "2026-10-30", "2026-11-03", "2026-11-02");
	fa.today = "2026-11-02";
	at("2026-11-02", 11, 0);
	assert_int_equal(yz_case_forward_result(st, S.f_, "已处理", "2026-11-02", &fa, &err), 0);
	close_at(S.f_, "2026-11-03", 10, 0);
	close_at(S.g, "2026-11-04", 10, 0);
	rate(S.g, 1, "2026-11-04", false);

	S.i = accept("residence_certificate", S.r1, "lisi", "2026-12-01", 0, "2026-12-01", false);
	rate(S.i, 2, "2026-12-01", false);
}

static int setup(void **state)
{
	char *text;
	size_t len;
	yz_err err = {{0}};

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	fixture_ui_language("en"); /* the clerk's UI in English: papers stay Chinese */
	memset(&S, 0, sizeof S);
	S.f = *state = fixture_open("yzstats16");
	FILE *fp = fopen(YZ_SOURCE_ROOT "/data/calendar.txt", "r");
	assert_non_null(fp);
	text = malloc(1 << 16);
	assert_non_null(text);
	len = fread(text, 1, 1 << 16, fp);
	fclose(fp);
	assert_int_equal(yz_calendar_parse(text, len, "calendar.txt", &S.cal, &err), 0);
	free(text);
	S.f->s.calendar = &S.cal;
	yz_service_set_clock(&S.f->s, yz_clock_fixed(&S.now));
	build();
	/* The statistics are read on 2027-01-15 by the station head. */
	at("2027-01-15", 10, 0);
	yz_service_set_clock(&S.f->s, yz_clock_fixed(&S.now));
	assert_int_equal(yz_user_get(S.f->store, "wangzhan", &S.f->s.user, &err), 0);
	return 0;
}

static int teardown(void **state)
{
	yz_calendar_free(&S.cal);
	return fixture_teardown(state);
}

static void stats_of(const char *period, yz_stats_by by, yz_stats *st)
{
	yz_period p;
	yz_err err = {{0}};
	assert_int_equal(yz_period_parse(period, &p, &err), 0);
	if (yz_service_stats(&S.f->s, &p, by, st, &err) != 0)
		fail_msg("stats: %s", err.msg);
}

static const yz_stats_row *row(const yz_stats *st, const char *key)
{
	for (size_t i = 0; i < st->n_rows; i++)
		if (!strcmp(st->rows[i].key, key))
			return &st->rows[i];
	fail_msg("no row %s", key);
	return NULL;
}

/* accepted finished on_time late overdue_open open_end workdays forwarded
 * answered answer_days corrections rated satisfied bad bad_followed */
static void figures(const yz_stats_row *r, const long want[15])
{
	long got[15] = {
	    r->accepted,    r->finished,     r->on_time,   r->late,     r->overdue_open,
	    r->open_end,    r->workdays_sum, r->forwarded, r->answered, r->answer_days_sum,
	    r->corrections, r->rated,        r->satisfied, r->bad,      r->bad_followed};
	for (int i = 0; i < 15; i++)
		if (got[i] != want[i])
			fail_msg("%s: figure %d is %ld, not %ld", r->key[0] ? r->key : "station", i,
			         got[i], want[i]);
}

static void test_periods(void **state)
{
	yz_period p, q;
	yz_err err = {{0}};
	char label[64];
	(void)state;

	assert_int_equal(yz_period_parse("2026-11", &p, &err), 0);
	assert_int_equal(p.kind, YZ_PERIOD_MONTH);
	assert_int_equal(p.to.day, 30);
	assert_int_equal(yz_period_parse("2026q4", &p, &err), 0);
	assert_string_equal(p.id, "2026Q4");
	assert_int_equal(p.from.month, 10);
	assert_int_equal(p.to.day, 31);
	yz_period_label(&p, label, sizeof label);
	assert_string_equal(label, "2026年第四季度");
	yz_period_step(&p, 1, &q);
	assert_string_equal(q.id, "2027Q1");
	yz_period_step(&q, -2, &q);
	assert_string_equal(q.id, "2026Q3");
	assert_int_equal(yz_period_parse("2024-02", &p, &err), 0);
	assert_int_equal(p.to.day, 29); /* a leap year's February */
	yz_period_label(&p, label, sizeof label);
	assert_string_equal(label, "2024年2月");
	yz_period_of(YZ_PERIOD_YEAR, (yz_date){2026, 7, 9}, &p);
	assert_string_equal(p.id, "2026");
	yz_period_label(&p, label, sizeof label);
	assert_string_equal(label, "2026年");
	assert_int_equal(yz_period_parse("2026-13", &p, &err), -1);
	assert_int_equal(yz_period_parse("2026Q5", &p, &err), -1);
	assert_int_equal(yz_period_parse("26", &p, &err), -1);
	assert_int_equal(yz_stats_by_from("grid"), YZ_STATS_BY_GRID);
	assert_int_equal(yz_stats_by_from("nonsense"), -1);
}

static void test_month(void **state)
{
	yz_stats st;
	(void)state;

	stats_of("2026-10", YZ_STATS_BY_NONE, &st);
	/* In the set: A, B (accepted in September, closed in October), C, D, E,
	 * E2, F, G. accepted C D E E2 F G = 6; finished A B C D E E2 = 6; on time
	 * A C D E E2 = 5, late B = 1; open at the end F G = 2, past due F
	 * (10-28) = 1; working days A 5 + B 6 + C 4 + D 7 + E 0 + E2 1 = 23;
	 * forwarded B's, F's, G's = 3, answered by 10-31 B's = 1 in 4 wd; bu
	 * zheng C = 1; rated A1 B4 C2 D5 E3 = 5, satisfied A C = 2, bad B D = 2,
	 * followed B = 1. */
	figures(&st.total, (long[15]){6, 6, 5, 1, 1, 2, 23, 3, 1, 4, 1, 5, 2, 2, 1});
	for (int i = 0; i < 5; i++)
		assert_int_equal(st.ratings[i], 1);
	assert_int_equal(st.n_rows, 0);
	/* Departments, most forwarded first: 区住建局 B's (answered late) and F's
	 * (unanswered, past its due 10-27 at the month's end): 2 overdue;
	 * 街道城管科 G's: due 11-03, not yet. */
	assert_int_equal(st.n_depts, 2);
	assert_string_equal(st.depts[0].department, "区住建局");
	assert_int_equal(st.depts[0].forwarded, 2);
	assert_int_equal(st.depts[0].answered, 1);
	assert_int_equal(st.depts[0].answer_days_sum, 4);
	assert_int_equal(st.depts[0].overdue, 2);
	assert_string_equal(st.depts[1].department, "街道城管科");
	assert_int_equal(st.depts[1].answered, 0);
	assert_int_equal(st.depts[1].overdue, 0);
	/* 5 / 6 = 83.3 %; 2 / 5 = 40.0 %. */
	char *sum = yz_stats_summary(&st);
	assert_string_equal(sum, "本月受理各类事项 6 项，已办结 6 项，按时办结率 83.3%，期末在办 "
	                         "2 项；群众评价 5 次，满意率 40.0%，差评 2 件，已回访 1 件。");
	free(sum);
	yz_stats_free(&st);
}

static void test_month_by_line(void **state)
{
	yz_stats st;
	(void)state;

	stats_of("2026-10", YZ_STATS_BY_LINE, &st);
	/* In the catalogue's order of lines: 社会救助, 证明, 诉求 (no 劳动就业 case
	 * in October). */
	assert_int_equal(st.n_rows, 3);
	assert_string_equal(st.rows[0].key, "社会救助");
	assert_string_equal(st.rows[1].key, "证明");
	assert_string_equal(st.rows[2].key, "诉求");
	/* 社会救助 C F: accepted 2, finished C 1 on time, F open and past due,
	 * C took 4 wd, F's forward unanswered, C's pause, C rated 2. */
	figures(&st.rows[0], (long[15]){2, 1, 1, 0, 1, 1, 4, 1, 0, 0, 1, 1, 1, 0, 0});
	/* 证明 E E2: both on the spot and on time, 0 + 1 wd, E rated 3. */
	figures(&st.rows[1], (long[15]){2, 2, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0});
	/* 诉求 A B D G: accepted D G; finished A B D, on time A D, late B; G open
	 * (not past due); 5 + 6 + 7 wd; B's and G's forwards, B's answered in 4;
	 * rated A1 B4 D5: 1 satisfied, 2 bad, 1 followed. */
	figures(&st.rows[2], (long[15]){2, 3, 2, 1, 0, 1, 18, 2, 1, 4, 0, 3, 1, 2, 1});
	figures(&st.total, (long[15]){6, 6, 5, 1, 1, 2, 23, 3, 1, 4, 1, 5, 2, 2, 1});
	yz_stats_free(&st);

	stats_of("2026-10", YZ_STATS_BY_ITEM, &st);
	assert_int_equal(st.n_rows, 3);
	assert_string_equal(st.rows[0].key, "临时救助申请");
	assert_string_equal(st.rows[1].key, "居住证明");
	assert_string_equal(st.rows[2].key, "居民诉求");
	assert_int_equal(st.rows[2].finished, 3);
	yz_stats_free(&st);
}

static void test_month_by_clerk_grid(void **state)
{
	yz_stats st;
	(void)state;

	stats_of("2026-10", YZ_STATS_BY_CLERK, &st);
	assert_int_equal(st.n_rows, 2);
	/* 张丽 A C E E2 F: accepted C E E2 F = 4; finished A C E E2 = 4 on time;
	 * F open past due; 5 + 4 + 0 + 1 = 10 wd; F's forward; C's pause; rated
	 * A1 C2 E3. */
	figures(row(&st, "张丽"), (long[15]){4, 4, 4, 0, 1, 1, 10, 1, 0, 0, 1, 3, 2, 0, 0});
	/* 李四 B D G: accepted D G; finished B (late) D; G open; 6 + 7 wd; B's
	 * and G's forwards, B's answered in 4; rated B4 D5, B followed. */
	figures(row(&st, "李四"), (long[15]){2, 2, 1, 1, 0, 1, 13, 2, 1, 4, 0, 2, 0, 2, 1});
	yz_stats_free(&st);

	stats_of("2026-10", YZ_STATS_BY_GRID, &st);
	assert_int_equal(st.n_rows, 3);
	/* 一网格 A C E F: accepted C E F; finished A C E on time; F open past
	 * due; 5 + 4 + 0 wd; F's forward; C's pause; rated A1 C2 E3. */
	figures(row(&st, "一网格"), (long[15]){3, 3, 3, 0, 1, 1, 9, 1, 0, 0, 1, 3, 2, 0, 0});
	/* 二网格 B D G: as 李四's. */
	figures(row(&st, "二网格"), (long[15]){2, 2, 1, 1, 0, 1, 13, 2, 1, 4, 0, 2, 0, 2, 1});
	/* E2's applicant has no household: no grid, last. */
	assert_string_equal(st.rows[2].key, "未分网格");
	figures(&st.rows[2], (long[15]){1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
	yz_stats_free(&st);
}

static void test_quarter_year(void **state)
{
	yz_stats st;
	(void)state;

	stats_of("2026Q4", YZ_STATS_BY_NONE, &st);
	/* Q4 adds November (F late, G on time) and December (I): accepted C D E
	 * E2 F G I = 7; finished A B C D E E2 F G I = 9; on time 7 (late B F);
	 * nothing open at the end; 23 + F 14 + G 4 + I 0 = 41 wd; the three
	 * forwards all answered: 4 + 9 + 1 = 14 wd; rated 5 + G1 + I2 = 7,
	 * satisfied 4. */
	figures(&st.total, (long[15]){7, 9, 7, 2, 0, 0, 41, 3, 3, 14, 1, 7, 4, 2, 1});
	assert_string_equal(st.depts[0].department, "区住建局");
	assert_int_equal(st.depts[0].answer_days_sum, 13); /* B 4 + F 9 */
	assert_int_equal(st.depts[0].overdue, 2);          /* both answered late */
	assert_int_equal(st.depts[1].overdue, 0);          /* G's answered 11-02 <= 11-03 */
	/* 7 / 9 = 77.8 %; 4 / 7 = 57.1 %. */
	char *sum = yz_stats_summary(&st);
	assert_string_equal(sum, "本季度受理各类事项 7 项，已办结 9 项，按时办结率 77.8%，期末在办 "
	                         "0 项；群众评价 7 次，满意率 57.1%，差评 2 件，已回访 1 件。");
	free(sum);
	yz_stats_free(&st);

	stats_of("2026", YZ_STATS_BY_NONE, &st);
	/* The year adds H (September, on time, 2 wd over the make-up Sunday
	 * 09-20) and J (March, on the spot): 11 accepted and finished, 9 on
	 * time, 41 + 2 + 0 = 43 wd. */
	figures(&st.total, (long[15]){11, 11, 9, 2, 0, 0, 43, 3, 3, 14, 1, 7, 4, 2, 1});
	char *y = yz_stats_summary(&st); /* 9 / 11 = 81.8 % */
	assert_string_equal(y, "本年度受理各类事项 11 项，已办结 11 项，按时办结率 81.8%，期末在办 "
	                       "0 项；群众评价 7 次，满意率 57.1%，差评 2 件，已回访 1 件。");
	free(y);
	yz_stats_free(&st);

	stats_of("2026", YZ_STATS_BY_MONTH, &st);
	assert_int_equal(st.n_rows, 12);
	assert_string_equal(st.rows[8].key, "2026年9月");
	/* September: accepted A B H; finished H; A and B open at its end, due in
	 * October: not overdue. */
	figures(&st.rows[8], (long[15]){3, 1, 1, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0});
	/* October's row is October's figures. */
	figures(&st.rows[9], (long[15]){6, 6, 5, 1, 1, 2, 23, 3, 1, 4, 1, 5, 2, 2, 1});
	assert_int_equal(st.rows[2].accepted, 1); /* J in March */
	assert_int_equal(st.rows[0].accepted, 0);
	yz_stats_free(&st);

	stats_of("2026", YZ_STATS_BY_LINE, &st);
	assert_int_equal(st.n_rows, 4);
	assert_string_equal(st.rows[1].key, "劳动就业");
	yz_stats_free(&st);
}

/* The report handed in: the split rows, the station's row, the departments
 * and the ratings, in the paper's words. */
static void test_report(void **state)
{
	yz_stats st;
	(void)state;

	stats_of("2026-10", YZ_STATS_BY_LINE, &st);
	yz_report *r = yz_stats_report(&S.f->s, &st);
	assert_non_null(r);
	assert_false(r->oom);
	assert_string_equal(r->title, "2026年10月工作统计");
	assert_string_equal(r->period_id, "2026-10");
	assert_int_equal(r->n_cols, 15);
	assert_string_equal(r->cols[4].label, "按时办结率");
	assert_int_equal(r->cols[4].kind, YZ_CELL_PERCENT);
	/* GROUP, 3 lines, the station's subtotal, GROUP + 2 departments, GROUP +
	 * 5 scores. */
	assert_int_equal(r->n_rows, 1 + 3 + 1 + 3 + 6);
	assert_int_equal(r->rows[0].kind, YZ_ROW_GROUP);
	const yz_report_row *t = &r->rows[4];
	assert_int_equal(t->kind, YZ_ROW_SUBTOTAL);
	assert_string_equal(t->cells[0], "全站合计");
	assert_string_equal(t->cells[1], "6");
	assert_string_equal(t->cells[4], "83.3");
	assert_string_equal(t->cells[5], "2");    /* overdue: B late + F open past due */
	assert_string_equal(t->cells[7], "3.83"); /* 23 / 6 */
	assert_string_equal(t->cells[12], "40.0");
	assert_string_equal(r->rows[3].cells[7], "6"); /* 诉求: 18 / 3 */
	assert_string_equal(r->rows[6].cells[0], "区住建局");
	assert_string_equal(r->rows[9].cells[0], "非常满意");
	assert_non_null(r->summary);
	assert_non_null(strstr(r->summary, "按时办结率 83.3%"));
	yz_report_free(r);
	yz_stats_free(&st);
}

/* A clerk is refused, with an audit row. */
static void test_clerk_refused(void **state)
{
	yz_stats st;
	yz_period p;
	yz_err err = {{0}};
	yz_user head = S.f->s.user;
	long before = test_audit_count(S.f->cfg.db_path, "stats_denied");
	(void)state;

	assert_int_equal(yz_user_get(S.f->store, "zhangli", &S.f->s.user, &err), 0);
	assert_int_equal(yz_period_parse("2026-10", &p, &err), 0);
	assert_int_equal(yz_service_stats(&S.f->s, &p, YZ_STATS_BY_LINE, &st, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_null(st.rows);
	assert_int_equal(test_audit_count(S.f->cfg.db_path, "stats_denied"), before + 1);
	S.f->s.user = head;
}

/* Today's clock for the figures (the station head reads them at 10:00). */
static void today_is(const char *date)
{
	at(date, 10, 0);
	yz_service_new_day(&S.f->s);
}

/* A month still running: a forward answered today counts as answered, as a
 * case closed today counts as finished. */
static void test_running_answered_today(void **state)
{
	yz_stats st;
	(void)state;

	today_is("2026-10-13"); /* B's forward (sent 10-08) is answered today */
	stats_of("2026-10", YZ_STATS_BY_NONE, &st);
	assert_int_equal(st.total.answered, 1);
	assert_int_equal(st.total.answer_days_sum, 4); /* (10-08, 10-13] */
	assert_string_equal(st.depts[0].department, "区住建局");
	assert_int_equal(st.depts[0].answered, 1);
	assert_int_equal(st.depts[0].answer_days_sum, 4);
	yz_stats_free(&st);
	stats_of("2026", YZ_STATS_BY_MONTH, &st);
	assert_int_equal(st.rows[9].answered, 1); /* October's row too */
	assert_int_equal(st.rows[9].answer_days_sum, 4);
	yz_stats_free(&st);
	today_is("2027-01-15");
}

/* A month still to come (the screen steps into next month): its open cases
 * are judged as of today, not as if every day before it had passed. Run
 * last: it adds two open cases in December. */
static void test_future_period(void **state)
{
	yz_stats st;
	(void)state;

	/* P due 12-08 (past due on 12-10), Q due 12-16 (not yet): both open. */
	accept("resident_request", S.r1, "zhangli", "2026-12-01", 5, "2026-12-08", false);
	accept("resident_request", S.r2, "lisi", "2026-12-09", 5, "2026-12-16", false);
	today_is("2026-12-10");
	stats_of("2026-12", YZ_STATS_BY_NONE, &st);
	assert_int_equal(st.total.open_end, 2);
	assert_int_equal(st.total.overdue_open, 1);
	yz_stats_free(&st);
	stats_of("2027-01", YZ_STATS_BY_NONE, &st);
	assert_int_equal(st.total.open_end, 2);
	assert_int_equal(st.total.overdue_open, 1); /* only P, as today */
	yz_stats_free(&st);
	stats_of("2027", YZ_STATS_BY_MONTH, &st);
	assert_int_equal(st.rows[0].overdue_open, 1);
	assert_int_equal(st.rows[5].overdue_open, 1);
	yz_stats_free(&st);
	stats_of("2027Q1", YZ_STATS_BY_LINE, &st);
	assert_int_equal(st.total.overdue_open, 1);
	yz_stats_free(&st);
	today_is("2027-01-15");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_periods),       cmocka_unit_test(test_month),
	    cmocka_unit_test(test_month_by_line), cmocka_unit_test(test_month_by_clerk_grid),
	    cmocka_unit_test(test_quarter_year),  cmocka_unit_test(test_report),
	    cmocka_unit_test(test_clerk_refused), cmocka_unit_test(test_running_answered_today),
	    cmocka_unit_test(test_future_period),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
