/* A simulated morning in the hall (issue 19): the real binary under ptys as
 * the hall runs it — the ticket kiosk (`yizhan ticket`), three counters
 * (--counter 1 serves A; 2 serves B and covers A; 3 serves C) and the hall
 * display (`yizhan hall --wav-dir DIR`) — on one demo station under the
 * private cupsd:
 *  - residents take A001 A002 B001 C001 at the kiosk, and one with a booking
 *    of C for the afternoon arrives early: C002, a priority ticket;
 *  - window 1 calls A001, window 2 (covering A) A002 — the line's order —,
 *    window 3 C002 before C001 (the appointment first); each call is on the
 *    display;
 *  - window 1 serves A001 a residence certificate: the case is linked;
 *  - A002 never comes (X at window 2); window 2 calls B001 and transfers it
 *    to A; window 1's next call is B001 (it kept its place), served a
 *    certificate there, linked; window 3 serves C002 one, then calls C001;
 *  - every ticket printed on the kiosk's queue; every call spoken into a WAV
 *    that is RIFF/WAVE 16-bit PCM, 0.5 to 10 s long and not silent.
 *
 * usage: test_morning19 /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flows.h"
#include "screen_fixture.h"
#include "yizhan/store.h"

#define LOGIN_PROMPT "请登录"
#define HOME_SEEN    "今日受理"
#define SERVING      "正在办理"
#define KIOSK_MENU   "请按业务对应的键取号"

static const char counters_conf[] = "\n"
                                    "[counter 1]\n"
                                    "label = 1号窗口\n"
                                    "queues = A\n"
                                    "\n"
                                    "[counter 2]\n"
                                    "label = 2号窗口\n"
                                    "queues = B A\n"
                                    "\n"
                                    "[counter 3]\n"
                                    "label = 3号窗口\n"
                                    "queues = C\n";

static char wav_dir[PATH_MAX];
static char idno_suffix[8];

/* ---- the station ---------------------------------------------------------------- */

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

/* A column of today's ticket code equals want. */
static void ticket_is(const char *code, const char *col, const char *want)
{
	char sql[256], today[11], got[64];
	scr_today(today);
	snprintf(sql, sizeof sql, "SELECT %s FROM queue_tickets WHERE code = ?1 AND day = '%s'",
	         col, today);
	db_text(sql, code, got, sizeof got);
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "ticket %s: %s is \"%s\", expected \"%s\"\n", code, col, got, want);
		fail();
	}
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

/* The kiosk prints on its own queue "tickets" (with-cupsd makes it from
 * YZ_CUPS_QUEUES): the demo's empty ticket_printer line gets the name. */
static void ticket_printer(void)
{
	char path[PATH_MAX + 16];
	static char buf[1 << 16];
	snprintf(path, sizeof path, "%s/yizhan.conf", scr_home());
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *at = strstr(buf, "\nticket_printer = \n");
	assert_non_null(at);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(buf, 1, (size_t)(at - buf), f);
	fputs("\nticket_printer = tickets\n", f);
	fputs(at + strlen("\nticket_printer = \n"), f);
	assert_int_equal(fclose(f), 0);
}

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzmorning", NULL) != 0)
		return -1;
	ticket_printer();
	scr_conf_append(counters_conf);
	snprintf(wav_dir, sizeof wav_dir, "%s/wav", scr_home());
	if (mkdir(wav_dir, 0750) != 0)
		return -1;
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = pick_resident(st);
	yz_store_close(st);
	return rc;
}

/* ---- the processes ------------------------------------------------------------- */

/* A clerk at counter on the home screen. */
static vt *at_counter(const char *counter, const char *user)
{
	const char *const args[] = {"--counter", counter, NULL};
	vt *v = scr_start_args(scr_env_zh, 24, 80, args);
	scr_login(v, LOGIN_PROMPT, user, "demo1234");
	SEE(v, HOME_SEEN);
	/* The demo marks someone away today: told over home first. */
	if (vt_wait_for(v, "你已登记", 1000)) {
		vt_send(v, VT_ENTER);
		assert_true(vt_wait_gone(v, "你已登记", VT_TIMEOUT));
	}
	return v;
}

/* The kiosk takes a ticket by key: code shown, then back to the menu. */
static void take(vt *k, const char *key, const char *code)
{
	char line[64];
	vt_send(k, key);
	SEE(k, "您的号码");
	snprintf(line, sizeof line, "%s  ", code);
	SEE(k, line);
	vt_send(k, " ");
	SEE(k, KIOSK_MENU);
}

/* N at counter v calls code; the display shows it. */
static void call(vt *v, vt *hall, const char *code, const char *window)
{
	char words[64];
	vt_send(v, "n");
	if (!scr_wait_row(v, SERVING, code))
		fail();
	snprintf(words, sizeof words, "请 %s 号到 %s", code, window);
	SEE(hall, words);
}

/* A residence certificate for the resident at counter v while code is
 * served: the case records the ticket. */
static void serve_case(vt *v, const char *code)
{
	char number[40], linked[16];
	assert_true(flow_residence(v, idno_suffix) > 0);
	scr_case_number(v, number, sizeof number);
	db_text("SELECT q.code FROM ticket_cases l JOIN queue_tickets q ON q.id = l.ticket_id "
	        "JOIN cases c ON c.id = l.case_id WHERE c.number = ?1",
	        number, linked, sizeof linked);
	assert_string_equal(linked, code);
	vt_send(v, VT_ENTER);
	SEE(v, HOME_SEEN);
}

/* ---- the spoken calls ------------------------------------------------------------- */

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
	return le16(p) | (unsigned long)le16(p + 2) << 16;
}

/* The WAV of call id: whole within the timeout; its seconds and loudest
 * sample (16-bit PCM). */
static void wav_check(long id)
{
	char path[PATH_MAX + 32];
	static unsigned char buf[4 << 20];
	size_t n = 0;
	snprintf(path, sizeof path, "%s/call-%ld.wav", wav_dir, id);
	for (int i = 0; i < 600; i++) { /* the calls are spoken one after another */
		FILE *f = fopen(path, "rb");
		n = f ? fread(buf, 1, sizeof buf, f) : 0;
		if (f)
			fclose(f);
		if (n > 44 && !memcmp(buf, "RIFF", 4) && le32(buf + 4) + 8 == n)
			break;
		usleep(100000);
	}
	if (!(n > 44 && !memcmp(buf, "RIFF", 4) && !memcmp(buf + 8, "WAVE", 4))) {
		fprintf(stderr, "call %ld: no whole WAV in %s\n", id, path);
		fail();
	}
	unsigned channels = 0, bits = 0;
	unsigned long rate = 0, data = 0;
	const unsigned char *pcm = NULL;
	for (size_t at = 12; at + 8 <= n;) {
		unsigned long len = le32(buf + at + 4);
		if (!memcmp(buf + at, "fmt ", 4) && len >= 16) {
			assert_int_equal(le16(buf + at + 8), 1); /* PCM */
			channels = le16(buf + at + 10);
			rate = le32(buf + at + 12);
			bits = le16(buf + at + 22);
		} else if (!memcmp(buf + at, "data", 4)) {
			pcm = buf + at + 8;
			data = len <= n - at - 8 ? len : n - at - 8;
		}
		at += 8 + len + (len & 1);
	}
	assert_int_equal(bits, 16);
	assert_non_null(pcm);
	assert_true(channels > 0 && rate > 0);
	double seconds = (double)data / (rate * 2.0 * channels);
	int loudest = 0;
	for (unsigned long i = 0; i + 1 < data; i += 2) {
		int s = (int16_t)le16(pcm + i);
		if (abs(s) > loudest)
			loudest = abs(s);
	}
	if (seconds < 0.5 || seconds > 10 || loudest < 1000) {
		fprintf(stderr, "call %ld: %.2f s, loudest sample %d\n", id, seconds, loudest);
		fail();
	}
}

/* ---- the morning ------------------------------------------------------------------ */

static void test_morning(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err = {{0}};
	char got[64];

	const char *const hall_args[] = {"hall", "--wav-dir", wav_dir, NULL};
	vt *hall = scr_start_args(scr_env_zh, 48, 160, hall_args);
	SEE(hall, "1号窗口");
	SEE(hall, "3号窗口");
	const char *const kiosk_args[] = {"ticket", NULL};
	vt *k = scr_start_args(scr_env_zh, 24, 80, kiosk_args);
	SEE(k, KIOSK_MENU);

	/* A booking of C for the afternoon, made as a clerk makes it. */
	assert_int_equal(scr_store_open(&st, &err), 0);
	yz_resident r;
	assert_int_equal(yz_resident_get(st, 7, &r, &err), 0);
	yz_appointment a = {0};
	scr_today(a.day);
	snprintf(a.queue, sizeof a.queue, "C");
	snprintf(a.slot, sizeof a.slot, "16:00-16:30");
	snprintf(a.idno, sizeof a.idno, "%s", r.idno);
	snprintf(a.name, sizeof a.name, "%s", r.name);
	assert_int_equal(yz_appt_book(st, &a, 2, "zhangli", &err), 0);
	yz_store_close(st);

	take(k, "A", "A001");
	take(k, "A", "A002");
	take(k, "B", "B001");
	take(k, "C", "C001");
	/* The booked resident arrives early: a priority ticket of C. */
	vt_send(k, VT_F2);
	SEE(k, "请输入预约号或身份证号");
	vt_send(k, a.number);
	vt_send(k, VT_ENTER);
	SEE(k, "您的号码");
	SEE(k, "C002  ");
	vt_send(k, " ");
	SEE(k, KIOSK_MENU);
	ticket_is("C002", "priority", "1");
	assert_true(scr_wait_captures("tickets-", 5));

	vt *c1 = at_counter("1", "zhangli");
	vt *c2 = at_counter("2", "wangfang");
	vt *c3 = at_counter("3", "zhaozhan");
	/* Each line in order; window 2 covers A; the appointment first in C. */
	call(c1, hall, "A001", "1号窗口");
	call(c2, hall, "A002", "2号窗口");
	call(c3, hall, "C002", "3号窗口");

	serve_case(c1, "A001");
	/* A002 never comes. */
	vt_send(c2, "x");
	SEE(c2, "A002 未到窗口");
	vt_send(c2, "y");
	SEE(c2, "A002 已标记为未到");
	ticket_is("A002", "state", "3");
	/* B001 belongs to A: transferred, it keeps its place there. */
	call(c2, hall, "B001", "2号窗口");
	vt_send(c2, "t");
	SEE(c2, "B001 转到哪个队列");
	SEE(c2, "1 A  ");
	vt_send(c2, VT_ENTER);
	SEE(c2, "B001 已转到 A 队列");
	call(c1, hall, "B001", "1号窗口");
	ticket_is("A001", "state", "2");
	ticket_is("B001", "from_queue", "B");
	serve_case(c1, "B001");
	serve_case(c3, "C002");
	call(c3, hall, "C001", "3号窗口");
	ticket_is("C002", "state", "2");
	serve_case(c3, "C001");

	/* The display's last calls, newest first. */
	SEE(hall, "C001 → 3号窗口");
	SEE(hall, "B001 → 1号窗口");
	SEE(hall, "C002 → 3号窗口");
	SEE(hall, "A002 → 2号窗口");

	/* Every call spoken (six: A001 A002 C002 B001 twice C001). */
	db_text("SELECT count(*) FROM hall_calls", NULL, got, sizeof got);
	assert_string_equal(got, "6");
	for (long id = 1; id <= 6; id++)
		wav_check(id);

	vt_send(hall, "q");
	int status = vt_wait_exit(hall, VT_TIMEOUT);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	vt_close(hall);
	vt_send(k, "\021"); /* Ctrl-Q, then the word: the kiosk ends */
	SEE(k, "工作人员专用");
	vt_send(k, "quit" VT_ENTER);
	status = vt_wait_exit(k, VT_TIMEOUT);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	vt_close(k);
	vt_close(c1);
	vt_close(c2);
	vt_close(c3);
}

int main(int argc, char **argv)
{
	int rc = scr_args(argc, argv);
	if (rc)
		return rc;
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_morning)};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
