/* Issue 19, the hall through the service on a real station file, the clock
 * fixed on Monday 2026-12-07 09:00 (local): the queues a counter calls from
 * (its clerk's AB lines, the counter's own `queues`, everything for a clerk
 * of no line), tickets taken at the kiosk with the number ahead and the
 * estimate, calls at two counters of different queues, a case submitted
 * while a ticket is served linked both ways, calls refused without a counter
 * or a clerk, an appointment checking in as a priority ticket, the printed
 * ticket's text, the display's state, and yizhan.conf's [queue X] sections
 * (errors named "yizhan.conf:LINE: ..."). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fixture.h"
#include "yizhan/service.h"
#include "yizhan/store.h"

#define DAY "2026-12-07"

static time_t now_t;

static void set_now(fixture *f, int h, int mi)
{
	struct tm tm = {.tm_year = 2026 - 1900,
	                .tm_mon = 11,
	                .tm_mday = 7,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_isdst = -1};
	now_t = mktime(&tm);
	yz_service_set_clock(&f->s, yz_clock_fixed(&now_t));
}

/* Two counters: window 1 calls A, window 2 calls B (the defaults' queues). */
static const char two_counters[] = "[counter 1]\n"
                                   "label = Window one\n"
                                   "queues = A\n"
                                   "[counter 2]\n"
                                   "queues = B\n";

static int setup(void **state)
{
	fixture *f = fixture_open("yzhall19");
	set_now(f, 9, 0);
	*state = f;
	return 0;
}

/* The session of f's clerk at counter number (0: the station has none). */
static void at_counter(fixture *f, yz_session *s, int number)
{
	*s = f->s;
	memset(&s->counter, 0, sizeof s->counter);
	s->ticket = 0;
	if (number > 0) {
		char n[8];
		snprintf(n, sizeof n, "%d", number);
		yz_counter_hints h = {.option = n};
		yz_counter_choose(f->s.cfg, &h, &s->counter);
		assert_int_equal(s->counter.state, YZ_COUNTER_CHOSEN);
	}
}

static void add_user(fixture *f, const char *login, yz_role role)
{
	yz_err err = {{0}};
	if (yz_user_add(f->store, login, login, "", role, "demo1234", &err) != 0)
		fail_msg("user %s: %s", login, err.msg);
}

static void queues_of(yz_session *s, char *out, size_t n)
{
	char q[YZ_MAX_QUEUES][YZ_QUEUE_LEN];
	size_t k = 0;
	yz_err err = {{0}};
	if (yz_service_my_queues(s, q, YZ_MAX_QUEUES, &k, &err) != 0)
		fail_msg("my queues: %s", err.msg);
	out[0] = '\0';
	for (size_t i = 0; i < k; i++)
		strncat(out, q[i], n - strlen(out) - 1);
}

static void test_my_queues(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	char got[16];

	add_user(f, "wangfang", YZ_ROLE_CLERK);
	add_user(f, "lihua", YZ_ROLE_CLERK);
	/* A clerk of no line: every queue. */
	queues_of(&f->s, got, sizeof got);
	assert_string_equal(got, "ABCD");
	/* By the AB gang: zhangli is A of social assistance (queue A), B of
	 * certificates (queue C); lines are named by their words. */
	assert_int_equal(yz_line_staff_set(f->store, "\u793e\u4f1a\u6551\u52a9", "zhangli",
	                                   "wangfang", "admin", &err),
	                 0);
	assert_int_equal(
	    yz_line_staff_set(f->store, "\u8bc1\u660e", "wangfang", "zhangli", "admin", &err), 0);
	/* lihua is B of employment (queue B), whose A wangfang is away today. */
	assert_int_equal(yz_line_staff_set(f->store, "\u52b3\u52a8\u5c31\u4e1a", "wangfang",
	                                   "lihua", "admin", &err),
	                 0);
	assert_int_equal(yz_absence_add(f->store, "wangfang", DAY, DAY, "admin", NULL, &err), 0);
	queues_of(&f->s, got, sizeof got);
	assert_string_equal(got, "AC");
	yz_session s = f->s;
	assert_int_equal(yz_user_get(f->store, "lihua", &s.user, &err), 0);
	queues_of(&s, got, sizeof got);
	assert_string_equal(got, "B");
	assert_int_equal(yz_user_get(f->store, "wangfang", &s.user, &err), 0);
	queues_of(&s, got, sizeof got);
	assert_string_equal(got, "ABC");
	/* A counter's own queues win, in the file's order. */
	fixture_conf(f, "[counter 3]\nqueues = D B\n");
	at_counter(f, &s, 3);
	queues_of(&s, got, sizeof got);
	assert_string_equal(got, "BD");
}

static void take(fixture *f, const char *queue, yz_ticket_slip *slip)
{
	yz_err err = {{0}};
	if (yz_service_ticket_take(&f->s, queue, slip, &err) != 0)
		fail_msg("take %s: %s", queue, err.msg);
}

static void test_take_and_estimate(void **state)
{
	fixture *f = *state;
	yz_ticket_slip sl;
	yz_ticket t;
	yz_err err = {{0}};

	/* The kiosk has no clerk. */
	yz_user nobody = {0};
	yz_user clerk = f->s.user;
	f->s.user = nobody;
	take(f, "A", &sl);
	assert_string_equal(sl.t.code, "A001");
	assert_string_equal(sl.t.day, DAY);
	assert_int_equal(sl.ahead, 0);
	assert_int_equal(sl.wait_min, 0);
	assert_string_equal(sl.label, "Social assistance"); /* the C locale's words */
	take(f, "A", &sl);
	assert_int_equal(sl.ahead, 1);
	assert_int_equal(sl.wait_min, 5); /* 5 minutes each before the first is served */
	take(f, "A", &sl);
	assert_int_equal(sl.ahead, 2);
	assert_int_equal(sl.wait_min, 10);
	take(f, "B", &sl);
	assert_string_equal(sl.t.code, "B001");
	assert_int_equal(sl.ahead, 0);
	assert_int_equal(yz_service_ticket_take(&f->s, "Q", &sl, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "[queue X]"));
	/* Served in 3 minutes by window 1: the mean is 3 minutes. */
	f->s.user = clerk;
	assert_int_equal(yz_service_call_next(&f->s, &t, &err), 0);
	assert_string_equal(t.code, "A001");
	now_t += 180;
	assert_int_equal(yz_service_call_finish(&f->s, &err), 0);
	assert_int_equal(f->s.ticket, 0);
	take(f, "A", &sl);
	assert_string_equal(sl.t.code, "A004");
	assert_int_equal(sl.ahead, 2);
	assert_int_equal(sl.wait_min, 6);
	/* Two windows calling from A halve it. */
	yz_session s2;
	fixture_conf(f, "[counter 1]\n[counter 2]\n");
	at_counter(f, &s2, 2);
	assert_int_equal(yz_service_call_next(&s2, &t, &err), 0);
	assert_string_equal(t.code, "A002");
	take(f, "A", &sl);
	assert_int_equal(sl.ahead, 2); /* A003, A004 */
	assert_int_equal(sl.wait_min, 3);
}

static void test_two_counters(void **state)
{
	fixture *f = *state;
	yz_session c1, c2;
	yz_ticket_slip sl;
	yz_ticket t;
	yz_err err = {{0}};

	fixture_conf(f, two_counters);
	at_counter(f, &c1, 1);
	at_counter(f, &c2, 2);
	take(f, "A", &sl);
	take(f, "B", &sl);
	take(f, "A", &sl);
	assert_int_equal(yz_service_call_next(&c1, &t, &err), 0);
	assert_string_equal(t.code, "A001");
	assert_int_equal(t.counter, 1);
	assert_int_equal(c1.ticket, t.id);
	assert_int_equal(yz_service_call_next(&c2, &t, &err), 0);
	assert_string_equal(t.code, "B001");
	assert_int_equal(t.counter, 2);
	/* Nobody waits in B: 1, and B001 is done. */
	assert_int_equal(yz_service_call_next(&c2, &t, &err), 1);
	assert_int_equal(c2.ticket, 0);
	assert_int_equal(yz_service_call_next(&c1, &t, &err), 0);
	assert_string_equal(t.code, "A002");
	/* Recall, then transfer to B: window 2 takes it. */
	assert_int_equal(yz_service_call_again(&c1, &err), 0);
	assert_int_equal(yz_service_call_transfer(&c1, "Z", &err), -1);
	assert_int_equal(c1.ticket, t.id); /* still served */
	assert_int_equal(yz_service_call_transfer(&c1, "B", &err), 0);
	assert_int_equal(c1.ticket, 0);
	assert_int_equal(yz_service_call_again(&c1, &err), -1);
	assert_int_equal(yz_service_call_next(&c2, &t, &err), 0);
	assert_string_equal(t.code, "A002");
	assert_string_equal(t.from_queue, "A");
	assert_int_equal(yz_service_call_noshow(&c2, &err), 0);
	assert_int_equal(c2.ticket, 0);
	assert_int_equal(yz_ticket_get(f->store, t.id, &t, &err), 0);
	assert_int_equal(t.state, YZ_TICKET_NOSHOW);
	/* A restarted counter finds its ticket again. */
	take(f, "A", &sl);
	assert_int_equal(yz_service_call_next(&c1, &t, &err), 0);
	yz_session again;
	at_counter(f, &again, 1);
	assert_int_equal(again.ticket, 0);
	yz_ticket back;
	assert_int_equal(yz_service_serving(&again, &back, &err), 0);
	assert_int_equal(again.ticket, t.id);
	assert_string_equal(back.code, "A003");
	assert_int_equal(yz_service_serving(&c2, &back, &err), 1);

	/* The display: windows by number, the codes served, the last calls. */
	yz_hall_state hs;
	assert_int_equal(yz_service_hall_state(&f->s, &hs, &err), 0);
	assert_int_equal(hs.n_windows, 2);
	assert_int_equal(hs.windows[0].counter, 1);
	assert_string_equal(hs.windows[0].label, "Window one");
	assert_string_equal(hs.windows[0].code, "A003");
	assert_string_equal(hs.windows[1].code, "");
	assert_true(hs.n_recent >= 5);
	assert_string_equal(hs.recent[0].code, "A003");
	assert_int_equal(hs.recent[0].id, hs.last_call);
	assert_int_equal(hs.n_queues, 4);
	assert_string_equal(hs.queues[0].queue, "A");
	assert_int_equal(hs.queues[0].issued, 3);
	int64_t last = 0;
	assert_int_equal(yz_service_hall_last(&f->s, &last, &err), 0);
	assert_int_equal(last, hs.last_call);
	yz_hall_call calls[16];
	size_t n = 0;
	assert_int_equal(yz_service_hall_calls(&f->s, 0, calls, 16, &n, &err), 0);
	assert_int_equal(n, 6); /* A001 B001 A002 A002(recall) A002(window 2) A003 */
	assert_true(calls[3].recall);
	assert_int_equal(calls[4].counter, 2);
}

static void test_submit_links(void **state)
{
	fixture *f = *state;
	yz_ticket_slip sl;
	yz_ticket t, of;
	yz_case c1, c2, c3;
	yz_err err = {{0}};
	char nums[4][40];
	size_t n = 0;

	fixture_resident(f, "\u738b\u82b3");
	take(f, "C", &sl);
	/* A station without counters is window 1. */
	assert_int_equal(yz_service_call_next(&f->s, &t, &err), 0);
	assert_int_equal(t.counter, 1);
	fixture_submit_certificate(f, &c1);
	fixture_submit_request(f, "Wenyi Road 5", "No water since Monday", &c2);
	assert_int_equal(yz_service_case_ticket(&f->s, c1.number, &of, &err), 0);
	assert_string_equal(of.code, "C001");
	assert_int_equal(yz_service_case_ticket(&f->s, c2.number, &of, &err), 0);
	assert_int_equal(of.id, t.id);
	assert_int_equal(yz_ticket_case_numbers(f->store, t.id, nums, 4, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(nums[0], c1.number);
	assert_string_equal(nums[1], c2.number);
	/* Finished: the next case is nobody's ticket. */
	assert_int_equal(yz_service_call_finish(&f->s, &err), 0);
	fixture_make_idno("33010619900101002", f->idno);
	fixture_ensure_resident(f, f->idno, NULL, NULL);
	fixture_submit_request(f, "Wenyi Road 7", "A broken lamp", &c3);
	assert_int_equal(yz_service_case_ticket(&f->s, c3.number, &of, &err), 1);
	assert_int_equal(yz_service_case_ticket(&f->s, "DEMO01-2026-999999", &of, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
}

static void test_refused(void **state)
{
	fixture *f = *state;
	yz_session s;
	yz_ticket_slip sl;
	yz_ticket t;
	yz_err err = {{0}};

	fixture_conf(f, two_counters);
	take(f, "A", &sl);
	/* Counters are configured and this terminal is none of them. */
	at_counter(f, &s, 0);
	yz_counter_hints h = {.option = "7"};
	yz_counter_choose(f->s.cfg, &h, &s.counter);
	assert_int_equal(s.counter.state, YZ_COUNTER_UNKNOWN);
	assert_int_equal(yz_service_call_next(&s, &t, &err), -1);
	/* Told which number is missing and what to do, not to do what was done. */
	assert_non_null(strstr(err.msg, "yizhan.conf has no window 7"));
	assert_non_null(strstr(err.msg, "[counter 7]"));
	assert_null(strstr(err.msg, "--counter N"));
	assert_int_equal(yz_service_serving(&s, &t, &err), -1);
	/* Counters configured, nothing asked, no SSH address matched. */
	at_counter(f, &s, 0);
	yz_counter_hints none = {.ssh_connection = "192.0.2.9 5000 192.0.2.1 22"};
	yz_counter_choose(f->s.cfg, &none, &s.counter);
	assert_int_equal(s.counter.state, YZ_COUNTER_UNKNOWN);
	assert_int_equal(yz_service_call_next(&s, &t, &err), -1);
	assert_non_null(strstr(err.msg, "--counter N"));
	/* Nobody signed in. */
	at_counter(f, &s, 1);
	memset(&s.user, 0, sizeof s.user);
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_service_call_next(&s, &t, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	/* Nothing was called. */
	yz_ticket list[4];
	size_t n = 0;
	assert_int_equal(yz_ticket_list(f->store, DAY, list, 4, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].state, YZ_TICKET_WAITING);
	/* No ticket served: recall, no-show, transfer, finish are refused. */
	at_counter(f, &s, 1);
	assert_int_equal(yz_service_call_again(&s, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_int_equal(yz_service_call_noshow(&s, &err), -1);
	assert_int_equal(yz_service_call_finish(&s, &err), -1);
}

/* A station without [counter N] sections is one window, number 1: a clerk who
 * starts the counter with --counter 1 (or YIZHAN_COUNTER=1) calls there;
 * another number is refused in words that name it. */
static void test_one_window_station(void **state)
{
	fixture *f = *state;
	yz_session s;
	yz_ticket_slip sl;
	yz_ticket t;
	yz_err err = {{0}};

	assert_int_equal(f->cfg.n_counters, 0);
	take(f, "A", &sl);
	take(f, "A", &sl);
	at_counter(f, &s, 0);
	yz_counter_hints opt = {.option = "1"};
	yz_counter_choose(f->s.cfg, &opt, &s.counter);
	assert_int_equal(yz_service_call_next(&s, &t, &err), 0);
	assert_string_equal(t.code, "A001");
	assert_int_equal(t.counter, 1);
	yz_ticket back;
	assert_int_equal(yz_service_serving(&s, &back, &err), 0);
	assert_string_equal(back.code, "A001");
	at_counter(f, &s, 0);
	yz_counter_hints env = {.env = "1"};
	yz_counter_choose(f->s.cfg, &env, &s.counter);
	assert_int_equal(yz_service_call_next(&s, &t, &err), 0);
	assert_string_equal(t.code, "A002");
	/* Window 2 is not there. */
	at_counter(f, &s, 0);
	yz_counter_hints two = {.option = "2"};
	yz_counter_choose(f->s.cfg, &two, &s.counter);
	assert_int_equal(yz_service_call_next(&s, &t, &err), -1);
	assert_string_equal(err.msg, "yizhan.conf has no window 2: add a [counter 2] section or "
	                             "start with the number of one of its windows.");
	/* In the clerk's language. */
	fixture_ui_language("zh_CN");
	assert_int_equal(yz_service_call_next(&s, &t, &err), -1);
	fixture_ui_language("en");
	assert_non_null(strstr(err.msg, "yizhan.conf \u4e2d\u6ca1\u6709 2 \u53f7\u7a97\u53e3"));
}

/* F10 and another clerk's sign-in at the same window: the first clerk's
 * ticket is not restored for the second (their cases would be linked to it);
 * it stays CALLED, the first clerk finds it again, the second's N finishes it. */
static void test_serving_is_the_clerks(void **state)
{
	fixture *f = *state;
	yz_session s;
	yz_ticket_slip sl;
	yz_ticket t, back;
	yz_err err = {{0}};

	add_user(f, "wangfang", YZ_ROLE_CLERK);
	take(f, "A", &sl);
	take(f, "A", &sl);
	at_counter(f, &s, 0); /* zhangli at the station's one window */
	assert_int_equal(yz_service_call_next(&s, &t, &err), 0);
	assert_string_equal(t.code, "A001");
	assert_int_equal(s.ticket, t.id);
	/* zhangli signs out, wangfang signs in on the same terminal. */
	assert_int_equal(yz_user_get(f->store, "wangfang", &s.user, &err), 0);
	assert_int_equal(yz_service_serving(&s, &back, &err), 1);
	assert_int_equal(s.ticket, 0);
	assert_int_equal(yz_ticket_get(f->store, t.id, &back, &err), 0);
	assert_int_equal(back.state, YZ_TICKET_CALLED);
	/* zhangli back: the ticket is theirs again. */
	assert_int_equal(yz_user_get(f->store, "zhangli", &s.user, &err), 0);
	assert_int_equal(yz_service_serving(&s, &back, &err), 0);
	assert_int_equal(s.ticket, t.id);
	/* wangfang again: N finishes A001 and calls A002 for wangfang. */
	assert_int_equal(yz_user_get(f->store, "wangfang", &s.user, &err), 0);
	assert_int_equal(yz_service_serving(&s, &back, &err), 1);
	yz_ticket next;
	assert_int_equal(yz_service_call_next(&s, &next, &err), 0);
	assert_string_equal(next.code, "A002");
	assert_int_equal(yz_ticket_get(f->store, t.id, &back, &err), 0);
	assert_int_equal(back.state, YZ_TICKET_DONE);
	assert_int_equal(yz_service_serving(&s, &back, &err), 0);
	assert_string_equal(back.clerk, "wangfang");
}

static void test_arrive(void **state)
{
	fixture *f = *state;
	yz_appointment ap;
	yz_ticket_slip sl;
	yz_ticket t;
	yz_err err = {{0}};

	fixture_resident(f, "\u738b\u82b3");
	if (yz_service_appt_book(&f->s, "A", DAY, "10:00-10:30", f->idno, NULL, NULL, &ap, &err) !=
	    0)
		fail_msg("book: %s", err.msg);
	take(f, "A", &sl);                       /* A001, plain */
	memset(&f->s.user, 0, sizeof f->s.user); /* the kiosk */
	assert_int_equal(yz_service_ticket_arrive(&f->s, "nobody", &sl, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	/* Early is fine; the booking number typed in lower case. */
	char key[20];
	snprintf(key, sizeof key, "%s", ap.number);
	key[0] = 'y';
	assert_int_equal(yz_service_ticket_arrive(&f->s, key, &sl, &err), 0);
	assert_string_equal(sl.t.code, "A002");
	assert_true(sl.t.priority);
	assert_int_equal(sl.t.appointment_id, ap.id);
	assert_int_equal(sl.ahead, 0); /* no priority ticket before it */
	assert_string_equal(sl.appt_no, ap.number);
	assert_string_equal(sl.appt_slot, "10:00-10:30");
	yz_appointment got;
	assert_int_equal(yz_appt_get(f->store, ap.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_APPT_ARRIVED);
	assert_int_equal(got.ticket_id, sl.t.id);
	/* Again, by the ID number: refused, naming the ticket. */
	assert_int_equal(yz_service_ticket_arrive(&f->s, f->idno, &sl, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_non_null(strstr(err.msg, "A002"));
	/* The appointment's ticket is called first. */
	assert_int_equal(yz_user_get(f->store, "zhangli", &f->s.user, &err), 0);
	assert_int_equal(yz_service_call_next(&f->s, &t, &err), 0);
	assert_string_equal(t.code, "A002");
}

static void test_ticket_doc(void **state)
{
	fixture *f = *state;
	yz_ticket_slip sl;
	yz_err err = {{0}};

	snprintf(f->cfg.station_name, sizeof f->cfg.station_name, "Wenyi Station");
	take(f, "B", &sl);
	take(f, "B", &sl);
	yz_doc *d = yz_service_ticket_doc(&f->s, &sl);
	assert_non_null(d);
	char *text = yz_doc_layout_text(d, 48);
	assert_non_null(text);
	/* In the station's document language, Chinese by default. */
	assert_non_null(strstr(text, "Wenyi Station"));
	assert_non_null(strstr(text, "B002"));
	assert_non_null(
	    strstr(text, "\u793e\u4fdd\u5c31\u4e1a")); /* social insurance, employment */
	/* waiting ahead: 1 (person) */
	assert_non_null(strstr(text, "\u524d\u9762\u7b49\u5019"));
	assert_non_null(strstr(text, "1 \u4eba"));
	assert_non_null(strstr(text, "\u7ea6 5 \u5206\u949f")); /* about 5 minutes */
	assert_non_null(strstr(text, "2026-12-07 09:00"));
	free(text);
	yz_doc_free(d);
	/* An English station's, and its own label as written. */
	fixture_conf(f, "document_language = en\n[queue B]\nlabel = Jobs and pensions\nlines = "
	                "employment\n");
	d = yz_service_ticket_doc(&f->s, &sl);
	text = yz_doc_layout_text(d, 48);
	assert_non_null(strstr(text, "Jobs and pensions"));
	assert_non_null(strstr(text, "Waiting ahead"));
	assert_non_null(strstr(text, "1 person"));
	assert_non_null(strstr(text, "about 5 min"));
	free(text);
	yz_doc_free(d);
	yz_ticket_slip more = sl;
	more.ahead = 3;
	d = yz_service_ticket_doc(&f->s, &more);
	text = yz_doc_layout_text(d, 48);
	assert_non_null(strstr(text, "3 people"));
	free(text);
	yz_doc_free(d);
	/* No printer: saved as a file, 0640, with the number in it. */
	yz_print_outcome po;
	assert_int_equal(yz_service_ticket_print(&f->s, &sl, &po, &err), 0);
	assert_true(po.saved);
	assert_false(po.printed);
	struct stat stt;
	assert_int_equal(stat(po.saved_path, &stt), 0);
	assert_int_equal(stt.st_mode & 0777, 0640);
	FILE *fp = fopen(po.saved_path, "rb");
	assert_non_null(fp);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	assert_non_null(memmem(buf, n, "B002", 4));
	assert_non_null(memmem(buf, n, "Wenyi Station", 13));
}

/* On the private cupsd: the ticket printer's queue gets the ticket in
 * GB18030; a printer that is not there is said in words and the ticket stays
 * valid. */
static void test_ticket_printed(void **state)
{
	fixture *f = *state;
	yz_ticket_slip sl;
	yz_print_outcome po;
	yz_err err = {{0}};
	size_t len = 0;

	snprintf(f->cfg.ticket_printer, sizeof f->cfg.ticket_printer, "receipt");
	take(f, "B", &sl);
	int before = fixture_count_captured("receipt");
	if (yz_service_ticket_print(&f->s, &sl, &po, &err) != 0)
		fail_msg("print: %s", err.msg);
	assert_true(po.printed);
	assert_string_equal(po.printer, "receipt");
	unsigned char *bytes = fixture_wait_capture("receipt", po.cups_job_id, &len);
	assert_non_null(bytes);
	assert_int_equal(fixture_count_captured("receipt"), before + 1);
	assert_non_null(memmem(bytes, len, "B001", 4));
	fixture_assert_gb18030(bytes, len, "\u793e\u4fdd\u5c31\u4e1a"); /* the queue's name */
	free(bytes);
	snprintf(f->cfg.ticket_printer, sizeof f->cfg.ticket_printer, "no-such-printer");
	take(f, "B", &sl);
	assert_int_equal(yz_service_ticket_print(&f->s, &sl, &po, &err), -1);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	assert_false(po.printed);
	yz_ticket t;
	assert_int_equal(yz_ticket_get(f->store, sl.t.id, &t, &err), 0);
	assert_int_equal(t.state, YZ_TICKET_WAITING);
}

/* yizhan.conf with text; "" when it loads, else its message. */
static const char *load(fixture *f, const char *text, yz_config *c)
{
	static yz_err err;
	char path[300];
	snprintf(path, sizeof path, "%s/yizhan.conf", f->home);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	yz_config_defaults(c, f->home);
	memset(&err, 0, sizeof err);
	return yz_config_load(c, path, &err) == 0 ? "" : err.msg;
}

static void assert_conf_error(fixture *f, const char *text, int line, const char *words)
{
	yz_config c;
	char where[64];
	const char *msg = load(f, text, &c);
	snprintf(where, sizeof where, "yizhan.conf:%d",
	         line); /* then ": " or the full-width colon */
	if (!strstr(msg, where) || !strstr(msg, words))
		fail_msg("\"%s\": want line %d and \"%s\"", msg, line, words);
}

static void test_config(void **state)
{
	fixture *f = *state;
	yz_config c;

	/* The defaults: four queues, English msgids translated where shown. */
	yz_config_defaults(&c, f->home);
	assert_int_equal(c.n_queues, 4);
	assert_string_equal(c.queues[0].letter, "A");
	assert_int_equal(c.queues[0].line, 0);
	assert_string_equal(c.queues[2].lines, "certificates migrants family_health");
	assert_int_equal(c.queues[3].slot_capacity, 2);
	assert_non_null(strstr(c.queues[1].slots, "09:00-09:30 09:30-10:00"));
	assert_string_equal(c.hall_voice, "espeak");
	assert_non_null(yz_config_queue(&c, "D"));
	assert_null(yz_config_queue(&c, "E"));
	/* A station's own sections replace them. */
	assert_string_equal(load(f,
	                         "ticket_printer = kiosk\n"
	                         "hall_voice = off\n"
	                         "[counter 1]\n"
	                         "queues = K\n"
	                         "[queue K]\n"
	                         "label = \xe7\xbb\xbc\xe5\x90\x88\n"
	                         "lines = requests consultations\n"
	                         "slots = 08:30-09:00 13:30-14:00\n"
	                         "slot_capacity = 5\n"
	                         "[queue M]\n"
	                         "lines = migrants\n",
	                         &c),
	                    "");
	assert_int_equal(c.n_queues, 2);
	assert_string_equal(c.queues[0].letter, "K");
	assert_int_equal(c.queues[0].line, 5);
	assert_string_equal(c.queues[0].label, "\xe7\xbb\xbc\xe5\x90\x88");
	assert_int_equal(c.queues[0].slot_capacity, 5);
	assert_string_equal(c.queues[1].slots, "");
	assert_string_equal(c.ticket_printer, "kiosk");
	assert_string_equal(c.hall_voice, "off");
	assert_string_equal(c.counters[0].queues, "K");
	/* Written and read back: the same queues. */
	char path[300];
	snprintf(path, sizeof path, "%s/written.conf", f->home);
	yz_err err = {{0}};
	assert_int_equal(yz_config_write(&c, path, &err), 0);
	yz_config d;
	yz_config_defaults(&d, f->home);
	if (yz_config_load(&d, path, &err) != 0)
		fail_msg("written file: %s", err.msg);
	assert_int_equal(d.n_queues, 2);
	assert_string_equal(d.queues[0].slots, "08:30-09:00 13:30-14:00");
	assert_string_equal(d.queues[1].lines, "migrants");
	assert_string_equal(d.counters[0].queues, "K");
	/* The defaults are written commented out: the file keeps them. */
	yz_config_defaults(&c, f->home);
	assert_int_equal(yz_config_write(&c, path, &err), 0);
	yz_config_defaults(&d, f->home);
	assert_int_equal(yz_config_load(&d, path, &err), 0);
	assert_int_equal(d.n_queues, 4);
	assert_int_equal(d.queues[0].line, 0);

	assert_conf_error(f, "[queue a]\n", 1, "capital letter");
	assert_conf_error(f, "[queue AB]\n", 1, "capital letter");
	assert_conf_error(f, "[queue A]\n[queue A]\n", 2, "already described on line 1");
	assert_conf_error(f, "[queue A]\nwindow = 2\n", 2,
	                  "unknown setting \"window\" for queue A");
	assert_conf_error(f, "[queue A]\nslots = 09:00-09:30 10:00-09:30\n", 2, "10:00-09:30");
	assert_conf_error(f, "[queue A]\nslots = 9:00-9:30\n", 2, "9:00-9:30");
	assert_conf_error(f, "[queue A]\nslot_capacity = 0\n", 2, "slot_capacity");
	assert_conf_error(f, "[queue A]\nlines = \xe8\xaf\x81\xe6\x98\x8e\n", 2, "lines");
	assert_conf_error(f, "[hall]\n", 1, "[queue X]");
	assert_conf_error(f, "[counter 1]\nqueues = A,b\n", 2, "queues");
	assert_conf_error(f, "[counter 1]\nqueues = E\n", 1, "queue E");
	assert_conf_error(f, "\n[queue A]\n[counter 1]\nqueues = B\n", 3, "no [queue B]");
	assert_conf_error(f,
	                  "[queue A]\n[queue B]\n[queue C]\n[queue D]\n[queue E]\n[queue F]\n"
	                  "[queue G]\n[queue H]\n[queue I]\n",
	                  9, "at most 8");
	yz_config e;
	const char *msg = load(f, "hall_voice = loud\n", &e);
	assert_non_null(strstr(msg, "hall_voice"));
	/* In Chinese too. */
	fixture_ui_language("zh_CN");
	assert_conf_error(f, "[queue A]\nwindow = 2\n", 2,
	                  "A \u961f\u5217\u6ca1\u6709\u8bbe\u7f6e\u9879");
	fixture_ui_language("en");
}

int main(void)
{
	/* The clerk's words in English unless a test asks for Chinese. */
	fixture_ui_language("en");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_my_queues, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_take_and_estimate, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_two_counters, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_submit_links, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refused, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_one_window_station, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_serving_is_the_clerks, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_arrive, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_ticket_doc, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_ticket_printed, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_config, setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("service_hall19", tests, NULL, NULL);
}
