/* Calling at the counter (issue 19): the real binary under ptys, two counters
 * as processes (--counter 1 serves queue A, --counter 2 queues A and B),
 * tickets issued in the station's database as the kiosk does:
 *  - home shows "N calls the next" with the waiting count and N in the key
 *    bar at 80 columns; N at each counter calls the next ticket of its
 *    queues, in order (A001 at counter 1, A002 at counter 2);
 *  - a residence certificate submitted while A001 is served is linked to it
 *    (ticket_cases, both ways);
 *  - R calls it again (a recall row, "called 2 times"); N then finishes it
 *    (DONE) and calls A003; X asks, then marks it a no-show;
 *  - T sends A002 to queue B (picked from a list): it waits there with its
 *    code and time of issue, so counter 2's N calls it before B001;
 *  - counter 2's program killed and started again: after the login its
 *    ticket is still shown (yz_service_serving); E finishes it;
 *  - a terminal that is not one of the station's counters is refused in
 *    words naming the number; a station that issued no ticket shows no line;
 *  - the head's home shows the day's hall line; Y opens the appointments;
 *  - the English admin's key bar keeps F8 at 80 columns with the hall in use;
 *  - a transferred appointment's served line fits 80 columns in whole words;
 *    after F10 another clerk's sign-in does not take over the ticket.
 *
 * usage: test_calls19 /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "flows.h"
#include "screen_fixture.h"
#include "yizhan/store.h"

#define LOGIN_PROMPT "请登录"
#define HOME_SEEN    "今日受理"
#define SERVING      "正在办理"

static const char counters_conf[] = "\n"
                                    "[counter 1]\n"
                                    "queues = A\n"
                                    "\n"
                                    "[counter 2]\n"
                                    "queues = A B\n";

static char idno_suffix[8]; /* a resident whose ID ending finds only them */

/* One text value of a query on the station's database ("" when no row). */
static void db_text(const char *sql, const char *arg, char *out, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *s;

	out[0] = '\0';
	assert_int_equal(sqlite3_open_v2(scr_db(), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* A ticket's column (state, queue, from_queue, calls) by its code today. */
static void ticket_col(const char *col, const char *code, char *out, size_t n)
{
	char sql[256], today[11];
	scr_today(today);
	snprintf(sql, sizeof sql, "SELECT %s FROM queue_tickets WHERE code = ?1 AND day = '%s'",
	         col, today);
	db_text(sql, code, out, n);
}

static void assert_ticket(const char *code, const char *col, const char *want)
{
	char got[64];
	ticket_col(col, code, got, sizeof got);
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "ticket %s: %s is \"%s\", expected \"%s\"\n", code, col, got, want);
		fail();
	}
}

/* Issue today's tickets of queue, as the kiosk does (yz_ticket_issue). */
static void issue(const char *queue, int n)
{
	yz_store *st;
	yz_err err = {{0}};
	char today[11];
	scr_today(today);
	assert_int_equal(scr_store_open(&st, &err), 0);
	for (int i = 0; i < n; i++) {
		yz_ticket t;
		if (yz_ticket_issue(st, today, queue, false, 0, &t, NULL, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			fail();
		}
	}
	yz_store_close(st);
}

/* A resident with an address and a residence start whose last four ID
 * characters find only them (the residence certificate's quick pick). */
static int pick_resident(yz_store *st)
{
	long count = yz_resident_count(st);
	for (long id = 1; id <= count; id++) {
		yz_resident r;
		yz_search_hit hits[4];
		size_t n = 0;
		bool more = true;
		if (yz_resident_get(st, id, &r, NULL) != 0 || !r.since[0] || !r.address[0])
			continue;
		const char *q = r.idno + 14;
		if (yz_registry_search(st, q, hits, 4, &n, NULL) != 0 || n != 1 ||
		    hits[0].r.id != r.id || yz_resident_idno_more(st, q, &more, NULL) != 0 || more)
			continue;
		snprintf(idno_suffix, sizeof idno_suffix, "%s", q);
		return 0;
	}
	fprintf(stderr, "the demo registry has no resident with a sure ID ending\n");
	return -1;
}

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzcalls", NULL) != 0)
		return -1;
	scr_conf_append(counters_conf);
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = pick_resident(st);
	yz_store_close(st);
	return rc;
}

/* A clerk at counter ("1", "2"; NULL: none given) on the home screen. */
static vt *at_counter(const char *counter, const char *user)
{
	const char *const args[] = {"--counter", counter, NULL};
	vt *v = scr_start_args(scr_env_zh, 24, 80, counter ? args : NULL);
	scr_login(v, LOGIN_PROMPT, user, "demo1234");
	SEE(v, HOME_SEEN);
	/* The demo marks wangfang away today: told over home first. */
	if (vt_wait_for(v, "你已登记", 1000)) {
		vt_send(v, VT_ENTER);
		assert_true(vt_wait_gone(v, "你已登记", VT_TIMEOUT));
	}
	return v;
}

/* The key bar (the last row) holds text. */
static bool bar_has(vt *v, const char *text)
{
	vt_pump(v, 200);
	char *bar = vt_row(v, 23);
	bool has = strstr(bar, text) != NULL;
	free(bar);
	return has;
}

/* The row of "正在办理" holds text. */
static void serving_row_has(vt *v, const char *text)
{
	if (!scr_wait_row(v, SERVING, text))
		fail();
}

/* ---- the tests ------------------------------------------------------------------- */

/* Before any ticket: no line on home, no N in the key bar. */
static void test_no_hall_no_line(void **state)
{
	(void)state;
	vt *v = at_counter("1", "zhangli");
	vt_pump(v, 300);
	assert_int_equal(vt_row_of(v, "叫号"), -1);
	assert_false(bar_has(v, "N叫号"));
	scr_quit(v, LOGIN_PROMPT);
}

static void test_calls_at_two_counters(void **state)
{
	(void)state;
	issue("A", 3); /* A001 A002 A003 */
	issue("B", 1); /* B001 */
	vt *v1 = at_counter("1", "zhangli");
	SEE(v1, "叫号：按 N 叫下一位（A 等候 3 人）");
	assert_true(bar_has(v1, "N叫号"));
	assert_true(bar_has(v1, "F10退出登录")); /* still at 80 columns */
	vt_send(v1, "n");
	SEE(v1, SERVING);
	serving_row_has(v1, "A001");
	serving_row_has(v1, "已叫 1 次");
	assert_ticket("A001", "state", "1"); /* CALLED */
	assert_ticket("A001", "counter", "1");

	vt *v2 = at_counter("2", "wangfang");
	SEE(v2, "叫号：按 N 叫下一位（A B 等候 3 人）"); /* A002 A003 B001 */
	vt_send(v2, "N");
	serving_row_has(v2, "A002");
	assert_ticket("A002", "counter", "2");

	/* Counter 1 serves A001's resident a residence certificate: the case
	 * and the ticket are linked. */
	assert_true(flow_residence(v1, idno_suffix) > 0);
	char number[40], linked[16];
	scr_case_number(v1, number, sizeof number);
	db_text("SELECT q.code FROM ticket_cases l JOIN queue_tickets q ON q.id = l.ticket_id "
	        "JOIN cases c ON c.id = l.case_id WHERE c.number = ?1",
	        number, linked, sizeof linked);
	assert_string_equal(linked, "A001");
	vt_send(v1, VT_ENTER);
	SEE(v1, HOME_SEEN);
	serving_row_has(v1, "A001"); /* still served: the resident may have more */

	/* R: called again. */
	vt_send(v1, "r");
	serving_row_has(v1, "已叫 2 次");
	SEE(v1, "已重呼 A001");
	db_text("SELECT count(*) FROM hall_calls h JOIN queue_tickets q ON q.id = h.ticket_id "
	        "WHERE q.code = ?1 AND h.recall = 1",
	        "A001", linked, sizeof linked);
	assert_string_equal(linked, "1");

	/* N: A001 done, A003 called; X: asked, then a no-show. */
	vt_send(v1, "n");
	serving_row_has(v1, "A003");
	assert_ticket("A001", "state", "2"); /* DONE */
	vt_send(v1, "x");
	SEE(v1, "A003 未到窗口");
	vt_send(v1, "y");
	SEE(v1, "A003 已标记为未到");
	assert_true(vt_wait_gone(v1, SERVING, VT_TIMEOUT));
	SEE(v1, "叫号：按 N 叫下一位（A 等候 0 人）");
	assert_ticket("A003", "state", "3"); /* NOSHOW */
	/* Nobody waits in A: said, nothing called. */
	vt_send(v1, "n");
	SEE(v1, "本窗口的队列无人等候");

	/* T at counter 2: A002 goes to queue B, picked from the list (A is not
	 * offered: it is the ticket's own). */
	vt_send(v2, "t");
	SEE(v2, "A002 转到哪个队列");
	SEE(v2, "1 B  "); /* B first: the station's next queue */
	assert_int_equal(vt_row_of(v2, " A  "), -1);
	vt_send(v2, VT_ENTER);
	SEE(v2, "A002 已转到 B 队列");
	assert_ticket("A002", "queue", "B");
	assert_ticket("A002", "from_queue", "A");
	assert_ticket("A002", "state", "0"); /* WAITING */
	/* Issued before B001, it keeps its place: called first. */
	vt_send(v2, "n");
	serving_row_has(v2, "A002");
	serving_row_has(v2, "由 A 队列转来"); /* 队列, as everywhere */
	assert_ticket("A002", "state", "1");
	assert_ticket("B001", "state", "0");

	/* Counter 2's program dies; started again, its ticket is still served. */
	int st = vt_kill(v2, SIGKILL);
	assert_true(st >= 0 && WIFSIGNALED(st));
	vt_close(v2);
	v2 = at_counter("2", "wangfang");
	serving_row_has(v2, "A002");
	vt_send(v2, "e");
	SEE(v2, "A002 已办毕");
	assert_true(vt_wait_gone(v2, SERVING, VT_TIMEOUT));
	assert_ticket("A002", "state", "2");
	/* R without a ticket: said, nothing done. */
	vt_send(v2, "r");
	SEE(v2, "本窗口没有正在办理的号");

	scr_quit(v1, LOGIN_PROMPT);
	scr_quit(v2, LOGIN_PROMPT);
}

/* A terminal that is not one of the station's counters: refused in words. */
static void test_unknown_counter_refused(void **state)
{
	(void)state;
	vt *v = at_counter("9", "zhangli");
	vt_send(v, "n");
	/* The number asked for is named, and what to do about it. */
	SEE(v, "yizhan.conf 中没有 9 号窗口");
	assert_int_equal(vt_row_of(v, SERVING), -1);
	assert_ticket("B001", "state", "0");
	scr_quit(v, LOGIN_PROMPT);
}

/* The head's home: the day's hall line; Y opens the appointments. */
/* A booking of today in queue A whose slot ended at 00:01; its id. */
static long long book_ended_slot(void)
{
	yz_store *st;
	yz_err err = {{0}};
	yz_appointment ap = {0};
	yz_resident r;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_resident_get(st, 1, &r, &err), 0);
	scr_today(ap.day);
	snprintf(ap.queue, sizeof ap.queue, "A");
	snprintf(ap.slot, sizeof ap.slot, "00:00-00:01");
	snprintf(ap.idno, sizeof ap.idno, "%s", r.idno);
	snprintf(ap.name, sizeof ap.name, "%s", "x");
	snprintf(ap.clerk, sizeof ap.clerk, "zhangli");
	if (yz_appt_book(st, &ap, 2, "zhangli", &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		fail();
	}
	yz_store_close(st);
	return (long long)ap.id;
}

static void test_head_line_and_appointments(void **state)
{
	(void)state;
	/* A booking whose slot has ended: home marks it missed (issue 19). */
	long long booked = book_ended_slot();
	char id[24], got[16] = "";
	snprintf(id, sizeof id, "%lld", booked);
	vt *v = at_counter("1", "zhaozhan");
	SEE(v, "叫号：按 N 叫下一位");
	db_text("SELECT state FROM appointments WHERE id = ?1", id, got, sizeof got);
	assert_string_equal(got, "2"); /* YZ_APPT_MISSED */
	int row = vt_row_of(v, "叫号：按 N 叫下一位");
	assert_true(row > 0);
	char *line = vt_row(v, row + 1);            /* the head's figures under it */
	if (!strstr(line, "今日大厅：等候 1 人")) { /* B001 still waits */
		fprintf(stderr, "the head's hall line: %s\n", line);
		fail();
	}
	free(line);
	vt_send(v, "y");
	SEE(v, "当日预约"); /* the appointments' title */
	vt_esc(v);
	SEE(v, HOME_SEEN);
	scr_quit(v, LOGIN_PROMPT);
}

/* The English admin: F8 still in the key bar at 80 columns, the line shown. */
static void test_admin_bar_english(void **state)
{
	(void)state;
	const char *const args[] = {"--counter", "1", NULL};
	vt *v = scr_start_args(scr_env_en, 24, 80, args);
	scr_login(v, "log in", "admin", "demo1234");
	SEE(v, "Accepted today");
	SEE(v, "Calls: press N for the next ticket");
	assert_true(bar_has(v, "F8Printers"));
	assert_true(bar_has(v, "F10Log out"));
	vt_send(v, VT_F1); /* every key in F1's help, N among them */
	SEE(v, "Call next");
	SEE(v, "Bookings");
	vt_esc(v);
	SEE(v, "Accepted today");
	scr_quit(v, "log in");
}

/* The longest served line at 80 columns, a transferred appointment ticket:
 * whole words (the keys are left to the key bar and F1), nothing cut. Then
 * F10 and another clerk's sign-in at the same window: the first clerk's
 * ticket is not shown as theirs (it stays CALLED); their N finishes it. */
static void test_long_line_and_next_clerk(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err = {{0}};
	yz_ticket tk;
	char today[11];
	scr_today(today);
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_ticket_issue(st, today, "A", true, 0, &tk, NULL, &err), 0);
	yz_store_close(st);

	vt *v = at_counter("2", "wangfang");
	vt_send(v, "n"); /* the appointment first */
	serving_row_has(v, tk.code);
	vt_send(v, "t");
	SEE(v, "转到哪个队列");
	vt_send(v, VT_ENTER); /* B */
	SEE(v, "已转到 B 队列");
	vt_send(v, "n");
	serving_row_has(v, "已叫 1 次");
	serving_row_has(v, "（由 A 队列转来） · 预约 · 已叫 1 次");
	char *row = vt_row(v, vt_row_of(v, SERVING));
	if (strstr(row, "\u2026") || strstr(row, "R重呼")) {
		fprintf(stderr, "the served line at 80 columns: %s\n", row);
		fail();
	}
	free(row);
	assert_ticket(tk.code, "state", "1");

	/* wangfang signs out; zhangli signs in at counter 2. */
	vt_send(v, VT_F10);
	SEE(v, LOGIN_PROMPT);
	scr_login(v, LOGIN_PROMPT, "zhangli", "demo1234");
	SEE(v, HOME_SEEN);
	SEE(v, "叫号：按 N 叫下一位");
	assert_int_equal(vt_row_of(v, SERVING), -1);
	assert_ticket(tk.code, "state", "1"); /* still wangfang's, CALLED */
	vt_send(v, "n");
	serving_row_has(v, "B001");
	assert_ticket(tk.code, "state", "2"); /* DONE */
	assert_ticket("B001", "clerk", "zhangli");
	vt_send(v, "e");
	SEE(v, "B001 已办毕");
	scr_quit(v, LOGIN_PROMPT);
}

int main(int argc, char **argv)
{
	int rc = scr_args(argc, argv);
	if (rc)
		return rc;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_hall_no_line),
	    cmocka_unit_test(test_calls_at_two_counters),
	    cmocka_unit_test(test_unknown_counter_refused),
	    cmocka_unit_test(test_head_line_and_appointments),
	    cmocka_unit_test(test_admin_bar_english),
	    cmocka_unit_test(test_long_line_and_next_clerk),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
