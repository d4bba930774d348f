/* Issue 19, the hall's figures on a hand-built day whose right answers are
 * worked out by hand below: tickets issued, called, served, marked no-show
 * and transferred through the store's real calls on a real SQLite file, the
 * store's clock set to the moment of each step (Asia/Shanghai); appointments
 * arrived, missed and called off. Then yz_service_hall_figures by line,
 * window, clerk, day and month, a span that leaves a day out, the head's
 * home line (yz_service_hall_today), a clerk refused with an audit row, bad
 * dates and a bad split refused in words; the station's statistics
 * (yz_service_stats, issue 16) carrying the hall's figures of the month in
 * the summary sentence and the report's lines, in Chinese and English.
 *
 * Window 1 is zhangli's (queue A), window 2 lisi's (queues B, C, D).
 *
 *   11-30 09:00 D001 issued; 09:10 called at 2 (lisi); 09:20 done
 *         -> outside the span 12-01..12-03 (only in the month of November)
 *   12-01 09:00 A001  09:01 A002  09:02 B001 issued
 *         09:05 window 1 calls A001          wait 300
 *         09:06 window 2 calls B001          wait 240
 *         09:15 window 1 calls next: A001 done (service 600), A002 called
 *                                            wait 840 (the longest)
 *         09:16 A002 no-show at window 1
 *         09:20 B001 done at window 2        service 840
 *         09:21 B002 issued
 *         09:30 window 2 calls B002          wait 540
 *         09:32 B002 transferred to A (it keeps its first call)
 *         09:40 window 1 calls B002 (last window 1, clerk zhangli)
 *         09:50 B002 done at window 1        service 09:30 -> 09:50 = 1200
 *         10:00 A003 issued, never called
 *   12-02 14:00 C001 issued; 14:10 called at 2 (wait 600); 14:30 done
 *         (service 1200)
 *   Appointments: 12-01 queue A: one arrived, one missed, one cancelled (not
 *   counted); 12-02 queue C: one booked (not kept); 12-03 queue D: one
 *   missed (a day without tickets).
 *
 * By line (the letter of the ticket's code):
 *   A: issued 3 (A001 A002 A003), called 2, served 1, no-show 1,
 *      wait 300 + 840 = 1140, longest 840, service 600; appointments 2, kept 1
 *   B: issued 2, called 2, served 2, wait 240 + 540 = 780, longest 540,
 *      service 840 + 1200 = 2040
 *   C: issued 1, called 1, served 1, wait 600, service 1200; appts 1, kept 0
 *   D: no tickets; appointments 1, kept 0
 * By window (its last call): 0: A003; 1: A001 A002 B002 -> issued 3, called 3,
 *   served 2, no-show 1, wait 300 + 840 + 540 = 1680, service 600 + 1200 =
 *   1800; 2: B001 C001 -> issued 2, served 2, wait 240 + 600 = 840, longest
 *   600, service 840 + 1200 = 2040. By clerk the same with "", lisi, zhangli.
 * By day: 12-01: issued 5, called 4, served 3, no-show 1, wait 1920, longest
 *   840, service 2640, appts 2 kept 1; 12-02: 1 ticket (as C), appts 1;
 *   12-03: appts 1, nothing else.
 * By month from 11-01: 2026-11: D001 (wait 600, service 600); 2026-12: issued
 *   6, called 5, served 4, no-show 1, wait 2520, service 3840, appts 4, kept 1.
 * The head's line at 12-01 10:05: A003 waiting; served 3; mean wait 1920 / 4
 *   = 480 s = 8 min; mean service 2640 / 3 = 880 s = 14.7 -> 15 min; no-shows
 *   1 / (3 + 1) = 25%. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit_count.h"
#include "fixture.h"
#include "yizhan/service.h"
#include "yizhan/store.h"

typedef struct station {
	fixture *f;
	const char *exe; /* the real binary (argv[1]) */
	time_t now;      /* the store's and the sessions' clock */
	yz_session head; /* wangzhan, the station head */
} station;

static station S;

/* Local time (Asia/Shanghai) of date at hh:mm. */
static void at(const char *date, int hh, int mm)
{
	struct tm tm = {0};
	assert_non_null(strptime(date, "%Y-%m-%d", &tm));
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	S.now = mktime(&tm);
	yz_service_new_day(&S.f->s);
	yz_service_new_day(&S.head);
}

static yz_ticket issue(const char *day, const char *queue, const char *code)
{
	yz_ticket t;
	yz_err err = {{0}};
	if (yz_ticket_issue(S.f->store, day, queue, false, 0, &t, NULL, &err) != 0)
		fail_msg("issue %s: %s", code, err.msg);
	assert_string_equal(t.code, code);
	return t;
}

/* Window counter calls the next of queues (letters, space-separated). */
static yz_ticket call(const char *day, const char *queues, int counter, const char *clerk,
                      const char *code)
{
	const char *q[4];
	char buf[4][2];
	size_t n = 0;
	yz_ticket t;
	yz_err err = {{0}};

	for (const char *p = queues; *p && n < 4; p++)
		if (*p != ' ') {
			buf[n][0] = *p;
			buf[n][1] = '\0';
			q[n] = buf[n];
			n++;
		}
	if (yz_ticket_call_next(S.f->store, day, q, n, counter, clerk, &t, &err) != 0)
		fail_msg("call %s: %s", code, err.msg);
	assert_string_equal(t.code, code);
	return t;
}

static void done(const yz_ticket *t)
{
	yz_err err = {{0}};
	if (yz_ticket_done(S.f->store, t->id, &err) != 0)
		fail_msg("done %s: %s", t->code, err.msg);
}

static void appt(const char *day, const char *queue, const char *idno17, yz_appt_state state)
{
	yz_appointment a = {0};
	yz_err err = {{0}};

	snprintf(a.queue, sizeof a.queue, "%s", queue);
	snprintf(a.day, sizeof a.day, "%s", day);
	snprintf(a.slot, sizeof a.slot, "09:00-09:30");
	fixture_make_idno(idno17, a.idno);
	snprintf(a.name, sizeof a.name, "resident %s", idno17 + 14);
	if (yz_appt_book(S.f->store, &a, 5, "zhangli", &err) != 0)
		fail_msg("book: %s", err.msg);
	if (state != YZ_APPT_BOOKED &&
	    yz_appt_set_state(S.f->store, a.id, state, 0, "zhangli", &err) != 0)
		fail_msg("appointment state: %s", err.msg);
}

static void build(void)
{
	yz_err err = {{0}};
	yz_ticket a1, a2, b1, b2, c1, d1;

	at("2026-11-25", 9, 0);
	appt("2026-12-01", "A", "33010619800101001", YZ_APPT_ARRIVED);
	appt("2026-12-01", "A", "33010619800101002", YZ_APPT_MISSED);
	appt("2026-12-01", "A", "33010619800101003", YZ_APPT_CANCELLED);
	appt("2026-12-02", "C", "33010619800101004", YZ_APPT_BOOKED);
	appt("2026-12-03", "D", "33010619800101005", YZ_APPT_MISSED);

	at("2026-11-30", 9, 0);
	d1 = issue("2026-11-30", "D", "D001");
	at("2026-11-30", 9, 10);
	call("2026-11-30", "B C D", 2, "lisi", "D001");
	at("2026-11-30", 9, 20);
	done(&d1);

	at("2026-12-01", 9, 0);
	a1 = issue("2026-12-01", "A", "A001");
	at("2026-12-01", 9, 1);
	a2 = issue("2026-12-01", "A", "A002");
	at("2026-12-01", 9, 2);
	b1 = issue("2026-12-01", "B", "B001");
	at("2026-12-01", 9, 5);
	call("2026-12-01", "A", 1, "zhangli", "A001");
	at("2026-12-01", 9, 6);
	call("2026-12-01", "B C D", 2, "lisi", "B001");
	at("2026-12-01", 9, 15);
	call("2026-12-01", "A", 1, "zhangli", "A002"); /* A001 done */
	at("2026-12-01", 9, 16);
	assert_int_equal(yz_ticket_noshow(S.f->store, a2.id, "zhangli", &err), 0);
	at("2026-12-01", 9, 20);
	done(&b1);
	at("2026-12-01", 9, 21);
	b2 = issue("2026-12-01", "B", "B002");
	at("2026-12-01", 9, 30);
	call("2026-12-01", "B C D", 2, "lisi", "B002");
	at("2026-12-01", 9, 32);
	assert_int_equal(yz_ticket_transfer(S.f->store, b2.id, "A", "lisi", &err), 0);
	at("2026-12-01", 9, 40);
	call("2026-12-01", "A", 1, "zhangli", "B002");
	at("2026-12-01", 9, 50);
	done(&b2);
	at("2026-12-01", 10, 0);
	issue("2026-12-01", "A", "A003");
	(void)a1;

	/* The head's line before the next day: A003 waits. */
	at("2026-12-01", 10, 5);
	{
		char line[256];
		if (yz_service_hall_today(&S.head, line, sizeof line, &err) != 0)
			fail_msg("today: %s", err.msg);
		assert_string_equal(line, "Hall today: 1 waiting, 3 served, mean wait 8 min, mean "
		                          "service 15 min, no-shows 25%");
	}

	at("2026-12-02", 14, 0);
	c1 = issue("2026-12-02", "C", "C001");
	at("2026-12-02", 14, 10);
	call("2026-12-02", "B C D", 2, "lisi", "C001");
	at("2026-12-02", 14, 30);
	done(&c1);
}

static int setup(void **state)
{
	yz_err err = {{0}};
	(void)state;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	S.f = fixture_open("yz-hallfig19");
	assert_int_equal(yz_user_add(S.f->store, "lisi", "Li Si", "13900000000", YZ_ROLE_CLERK,
	                             "demo1234", &err),
	                 0);
	assert_int_equal(yz_user_add(S.f->store, "wangzhan", "Wang", "13700000000", YZ_ROLE_HEAD,
	                             "demo1234", &err),
	                 0);
	S.head = S.f->s;
	assert_int_equal(yz_user_get(S.f->store, "wangzhan", &S.head.user, &err), 0);
	yz_service_set_clock(&S.f->s, yz_clock_fixed(&S.now));
	yz_service_set_clock(&S.head, yz_clock_fixed(&S.now));
	build();
	at("2026-12-07", 10, 0); /* the head reads the figures a week later */
	*state = S.f;
	return 0;
}

/* The figures of the span by `by` into out (at most 16 rows); their number. */
static size_t figures(const char *from, const char *until, char by, yz_hall_fig *out)
{
	yz_err err = {{0}};
	size_t n = 99;
	if (yz_service_hall_figures(&S.head, from, until, by, out, 16, &n, &err) != 0)
		fail_msg("figures by %c: %s", by, err.msg);
	return n;
}

/* One row, every figure. */
static void row_is(const yz_hall_fig *f, const char *key, int issued, int called, int served,
                   int noshow, long wait, long serve, int wait_max, int appts, int kept)
{
	assert_string_equal(f->key, key);
	assert_int_equal(f->issued, issued);
	assert_int_equal(f->called, called);
	assert_int_equal(f->served, served);
	assert_int_equal(f->noshow, noshow);
	assert_int_equal(f->wait_s_sum, wait);
	assert_int_equal(f->serve_s_sum, serve);
	assert_int_equal(f->wait_max_s, wait_max);
	assert_int_equal(f->appts, appts);
	assert_int_equal(f->appts_kept, kept);
}

static void test_by_line(void **state)
{
	yz_hall_fig r[16];
	(void)state;

	assert_int_equal(figures("2026-12-01", "2026-12-03", 'l', r), 4);
	row_is(&r[0], "A", 3, 2, 1, 1, 1140, 600, 840, 2, 1);
	/* B002 counts with B, the line it was taken for, though window 1
	 * served it in A; its service runs from its first call. */
	row_is(&r[1], "B", 2, 2, 2, 0, 780, 2040, 540, 0, 0);
	row_is(&r[2], "C", 1, 1, 1, 0, 600, 1200, 600, 1, 0);
	row_is(&r[3], "D", 0, 0, 0, 0, 0, 0, 0, 1, 0);
}

static void test_by_window_and_clerk(void **state)
{
	yz_hall_fig r[16];
	(void)state;

	assert_int_equal(figures("2026-12-01", "2026-12-03", 'w', r), 3);
	row_is(&r[0], "0", 1, 0, 0, 0, 0, 0, 0, 0, 0);
	row_is(&r[1], "1", 3, 3, 2, 1, 1680, 1800, 840, 0, 0);
	row_is(&r[2], "2", 2, 2, 2, 0, 840, 2040, 600, 0, 0);

	assert_int_equal(figures("2026-12-01", "2026-12-03", 'c', r), 3);
	row_is(&r[0], "", 1, 0, 0, 0, 0, 0, 0, 0, 0);
	row_is(&r[1], "lisi", 2, 2, 2, 0, 840, 2040, 600, 0, 0);
	row_is(&r[2], "zhangli", 3, 3, 2, 1, 1680, 1800, 840, 0, 0);
}

static void test_by_day_and_month(void **state)
{
	yz_hall_fig r[16];
	(void)state;

	assert_int_equal(figures("2026-12-01", "2026-12-03", 'd', r), 3);
	row_is(&r[0], "2026-12-01", 5, 4, 3, 1, 1920, 2640, 840, 2, 1);
	row_is(&r[1], "2026-12-02", 1, 1, 1, 0, 600, 1200, 600, 1, 0);
	row_is(&r[2], "2026-12-03", 0, 0, 0, 0, 0, 0, 0, 1, 0);

	/* Dates as forms accept them. */
	assert_int_equal(figures("20261101", "2026-12-31", 'm', r), 2);
	row_is(&r[0], "2026-11", 1, 1, 1, 0, 600, 600, 600, 0, 0);
	row_is(&r[1], "2026-12", 6, 5, 4, 1, 2520, 3840, 840, 4, 1);

	/* One day: 11-30 alone. */
	assert_int_equal(figures("2026-11-30", "2026-11-30", 'l', r), 1);
	row_is(&r[0], "D", 1, 1, 1, 0, 600, 600, 600, 0, 0);

	/* Without dates: this month (12-01) up to today (12-07). */
	assert_int_equal(figures(NULL, NULL, 'm', r), 1);
	row_is(&r[0], "2026-12", 6, 5, 4, 1, 2520, 3840, 840, 4, 1);

	/* A span with nothing in it: no rows. */
	assert_int_equal(figures("2025-01-01", "2025-12-31", 'l', r), 0);
}

/* max cuts the rows (the first ones kept). */
static void test_max_rows(void **state)
{
	yz_hall_fig r[2];
	yz_err err = {{0}};
	size_t n = 0;
	(void)state;

	assert_int_equal(
	    yz_service_hall_figures(&S.head, "2026-12-01", "2026-12-03", 'l', r, 2, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].key, "A");
	assert_string_equal(r[1].key, "B");
}

/* A clerk is refused, with an audit row; nothing is handed out. */
static void test_clerk_refused(void **state)
{
	yz_hall_fig r[16];
	yz_err err = {{0}};
	size_t n = 7;
	char line[256] = "";
	long before = test_audit_count(S.f->cfg.db_path, "stats_denied");
	(void)state;

	assert_int_equal(
	    yz_service_hall_figures(&S.f->s, "2026-12-01", "2026-12-03", 'l', r, 16, &n, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "station head"));
	assert_int_equal(yz_service_hall_today(&S.f->s, line, sizeof line, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_string_equal(line, "");
	assert_int_equal(test_audit_count(S.f->cfg.db_path, "stats_denied"), before + 2);
}

/* Bad input: told in words, nothing counted. */
static void test_bad_input(void **state)
{
	yz_hall_fig r[16];
	yz_err err = {{0}};
	size_t n = 7;
	(void)state;

	assert_int_equal(
	    yz_service_hall_figures(&S.head, "2026-13-01", "2026-12-03", 'l', r, 16, &n, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "\"2026-13-01\" is not a date"));
	assert_int_equal(n, 0);
	assert_int_equal(
	    yz_service_hall_figures(&S.head, "2026-12-03", "2026-12-01", 'l', r, 16, &n, &err), -1);
	assert_non_null(strstr(err.msg, "after the last day"));
	assert_int_equal(
	    yz_service_hall_figures(&S.head, "2026-12-01", "2026-12-03", 'x', r, 16, &n, &err), -1);
	assert_non_null(strstr(err.msg, "split by line, window, clerk, day or month"));
}

/* A day without tickets: the head's line says so without dividing by 0. */
static void test_today_empty(void **state)
{
	char line[256];
	yz_err err = {{0}};
	(void)state;

	assert_int_equal(yz_service_hall_today(&S.head, line, sizeof line, &err), 0);
	assert_string_equal(line, "Hall today: 0 waiting, 0 served, mean wait -, mean service -, "
	                          "no-shows -");
}

/* The station's statistics (issue 16) carry the hall's figures of the
 * period's days: December 2026 as `by month` above (issued 6, called 5,
 * served 4, no-show 1, wait 2520 s, service 3840 s, appointments 4 kept 1):
 * mean wait 2520 / 5 = 504 s = 8.4 min, mean service 3840 / 4 = 960 s =
 * 16.0 min, no-shows 1 / (4 + 1) = 20.0 %, kept 1 / 4 = 25.0 %; the summary
 * sentence's clause and the report's lines per queue in the station's
 * language, Chinese and English; October, without tickets, says nothing of
 * the hall. */
static void test_station_stats(void **state)
{
	yz_period p;
	yz_stats st;
	yz_report *r;
	yz_err err = {{0}};
	char *sum;
	(void)state;

	fixture_ui_language("en"); /* the head's screen in English: papers follow the station */
	assert_int_equal(yz_period_parse("2026-12", &p, &err), 0);
	snprintf(S.f->cfg.document_language, sizeof S.f->cfg.document_language, "en");
	if (yz_service_stats(&S.head, &p, YZ_STATS_BY_LINE, &st, &err) != 0)
		fail_msg("stats: %s", err.msg);
	assert_true(st.has_hall);
	row_is(&st.hall, "", 6, 5, 4, 1, 2520, 3840, 840, 4, 1);
	assert_int_equal(st.n_hall_queues, 4);
	assert_string_equal(st.hall_queues[0].name, "A Social assistance");
	row_is(&st.hall_queues[0].fig, "A", 3, 2, 1, 1, 1140, 600, 840, 2, 1);
	assert_string_equal(st.hall_queues[3].name, "D Requests and consultations");
	row_is(&st.hall_queues[3].fig, "D", 0, 0, 0, 0, 0, 0, 0, 1, 0);
	assert_non_null(sum = yz_stats_summary(&st));
	assert_non_null(strstr(sum, "; no ratings from residents; the hall issued 6 tickets, mean "
	                            "wait 8.4 minutes, mean service 16.0 minutes, no-show rate "
	                            "20.0%, appointments kept 25.0%."));
	free(sum);
	/* The lines under the table: A's wait 1140 / 2 = 9.5 min, service 10.0,
	 * no-shows 1 / 2; D has only an appointment, missed: nothing to
	 * divide but the kept rate. */
	assert_non_null(r = yz_stats_report(&S.head, &st));
	assert_non_null(r->outro);
	assert_non_null(strstr(r->outro, "The hall, by the queue the ticket was taken for:\n"
	                                 "A Social assistance: 3 tickets, mean wait 9.5 minutes, "
	                                 "mean service 10.0 minutes, no-show rate 50.0%, "
	                                 "appointments kept 50.0%.\n"));
	assert_non_null(strstr(r->outro, "\nD Requests and consultations: 0 tickets, "
	                                 "appointments kept 0.0%."));
	assert_non_null(strstr(r->summary, "the hall issued 6 tickets"));
	yz_report_free(r);
	yz_stats_free(&st);
	assert_false(st.has_hall);
	assert_null(st.hall_queues);

	/* In Chinese, the station's default. */
	snprintf(S.f->cfg.document_language, sizeof S.f->cfg.document_language, "zh_CN");
	if (yz_service_stats(&S.head, &p, YZ_STATS_BY_NONE, &st, &err) != 0)
		fail_msg("stats: %s", err.msg);
	assert_true(st.has_hall);
	assert_non_null(sum = yz_stats_summary(&st));
	assert_non_null(strstr(sum, "；本期无群众评价；大厅取号 6 张，平均等候 8.4 分钟，平均办理 "
	                            "16.0 分钟，未到率 20.0%，预约守约率 25.0%。"));
	free(sum);
	assert_non_null(r = yz_stats_report(&S.head, &st));
	assert_non_null(r->outro);
	assert_non_null(strstr(r->outro,
	                       "大厅叫号情况（按取号队列）：\nA 社会救助：取号 3 张，平均等候 "
	                       "9.5 分钟，平均办理 10.0 分钟，未到率 50.0%，预约守约率 "
	                       "50.0%。\n"));
	assert_non_null(strstr(r->outro, "\nD 诉求咨询：取号 0 张，预约守约率 0.0%。"));
	yz_report_free(r);
	yz_stats_free(&st);

	/* October: no ticket, no word of the hall. */
	snprintf(S.f->cfg.document_language, sizeof S.f->cfg.document_language, "en");
	assert_int_equal(yz_period_parse("2026-10", &p, &err), 0);
	if (yz_service_stats(&S.head, &p, YZ_STATS_BY_NONE, &st, &err) != 0)
		fail_msg("stats: %s", err.msg);
	assert_false(st.has_hall);
	assert_int_equal(st.n_hall_queues, 0);
	assert_non_null(sum = yz_stats_summary(&st));
	assert_null(strstr(sum, "hall"));
	free(sum);
	assert_non_null(r = yz_stats_report(&S.head, &st));
	assert_null(r->outro);
	yz_report_free(r);
	yz_stats_free(&st);
}

/* `yizhan hall stats` through the real binary on the same station file, the
 * OS account acting as the head (os_accounts): the table as tsv, every cell
 * from the figures above (A: wait 1140 s / 2 = 9.5 min, longest 14.0, service
 * 10.0; the total: wait 2520 s / 5 = 8.4 min, service 3840 s / 4 = 16.0); a
 * clerk refused; bad arguments refused with exit 2. */
static void test_cli(void **state)
{
	char conf[512], cmd[2048], out[8192], pw[300];
	struct passwd *me = getpwuid(geteuid());
	FILE *f;
	int rc;
	(void)state;

	assert_non_null(me);
	snprintf(conf, sizeof conf, "os_accounts = %s:wangzhan\n", me->pw_name);
	fixture_conf(S.f, conf);
#define YZ_CMD "LANGUAGE=en LANG=C.UTF-8 LC_ALL= TZ=Asia/Shanghai '%s' --home '%s' "
	snprintf(cmd, sizeof cmd,
	         YZ_CMD "hall stats --from 2026-12-01 --until 20261203 --format tsv", S.exe,
	         S.f->home);
	rc = fixture_run(cmd, true, out, sizeof out);
	if (rc != 0)
		fail_msg("hall stats: %s", out);
	assert_non_null(strstr(out, "Line\tTickets\tServed\tNo-shows\tNo-show rate\tMean wait "
	                            "(min)\tLongest wait (min)\tMean service (min)\tAppointments"
	                            "\tKept rate\n"));
	assert_non_null(
	    strstr(out, "\nA Social assistance\t3\t1\t1\t50.0\t9.5\t14.0\t10.0\t2\t50.0\n"));
	assert_non_null(strstr(out, "\t2\t2\t0\t0.0\t6.5\t9.0\t17.0\t0\t\n"));
	assert_non_null(strstr(out, "\nD Requests and consultations\t0\t0\t0\t\t\t\t\t1\t0.0\n"));
	assert_non_null(strstr(out, "\nTotal\t6\t4\t1\t20.0\t8.4\t14.0\t16.0\t4\t25.0\n"));

	/* By window, as text: the windows' labels and the tickets nobody
	 * called. */
	snprintf(cmd, sizeof cmd,
	         YZ_CMD "hall stats --from 2026-12-01 --until 2026-12-03 --by window", S.exe,
	         S.f->home);
	rc = fixture_run(cmd, true, out, sizeof out);
	if (rc != 0)
		fail_msg("hall stats --by window: %s", out);
	assert_non_null(strstr(out, "2026-12-01 - 2026-12-03"));
	assert_non_null(strstr(out, "not called"));
	assert_non_null(strstr(out, "Window 2"));
	assert_null(strstr(out, "Appointments"));

	/* A clerk: refused, exit 2, nothing printed but the reason. */
	snprintf(pw, sizeof pw, "%s/pw", S.f->home);
	assert_non_null(f = fopen(pw, "w"));
	fputs("demo1234\n", f);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof cmd, YZ_CMD "hall stats --as lisi --password-fd 3 3<'%s'", S.exe,
	         S.f->home, pw);
	rc = fixture_run(cmd, true, out, sizeof out);
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 2);
	assert_non_null(strstr(out, "Only the station head or the admin can see the hall's "
	                            "figures."));
	assert_null(strstr(out, "Tickets"));

	snprintf(cmd, sizeof cmd, YZ_CMD "hall stats --by queue", S.exe, S.f->home);
	rc = fixture_run(cmd, true, out, sizeof out);
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 2);
	assert_non_null(strstr(out, "--by is line, window, clerk, day or month, not queue"));
	snprintf(cmd, sizeof cmd, YZ_CMD "hall stats --from 2026-02-30", S.exe, S.f->home);
	rc = fixture_run(cmd, true, out, sizeof out);
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 2);
	assert_non_null(strstr(out, "\"2026-02-30\" is not a date"));
	snprintf(cmd, sizeof cmd, YZ_CMD "hall stats --format xlsx", S.exe, S.f->home);
	rc = fixture_run(cmd, true, out, sizeof out);
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 2);
	assert_non_null(strstr(out, "--format is text or tsv, not xlsx"));
#undef YZ_CMD
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_by_line),
	    cmocka_unit_test(test_by_window_and_clerk),
	    cmocka_unit_test(test_by_day_and_month),
	    cmocka_unit_test(test_max_rows),
	    cmocka_unit_test(test_clerk_refused),
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_today_empty),
	    cmocka_unit_test(test_station_stats),
	    cmocka_unit_test(test_cli),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: %s YIZHAN\n", argv[0]);
		return 2;
	}
	S.exe = argv[1];
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
