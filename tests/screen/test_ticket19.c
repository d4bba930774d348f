/* The ticket kiosk (issue 19: `yizhan ticket`) under a pty, as a resident uses
 * it: A takes the first ticket of queue A, the number shown in big characters
 * (the block characters' rows are checked against the font's picture of
 * "A001"), the queue and the printer's outcome beside it; the ticket printed
 * on the kiosk's own receipt queue of the private cupsd (with-cupsd makes
 * "tickets" from YZ_CUPS_QUEUES); back on the menu A's row counts 1 waiting;
 * 2 takes B001 by the queue's place; a triple press takes one ticket and the
 * slip stays. A booking number nobody has is refused in words; an ID number
 * nobody booked is refused, the digits gone from the screen at once and the
 * menu back by itself; today's booking checks in by its number as a priority
 * ticket (printed), and a second time by the ID number is refused. Ctrl-Q
 * says "Staff only" (not the word); anything but "quit" goes back; a terminal
 * too small says
 * so; a printer that is not there still gives
 * the resident a valid number (in the database) with the words to remember
 * it; Ctrl-Q, quit, Enter ends the kiosk with 0.
 *
 * usage: test_ticket19 /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

#define VT_CTRL_Q "\021"

static const char *const kiosk_args[] = {"ticket", NULL};
static const char *yizhan; /* the binary (argv[1]) */

/* ---- big characters as a resident sees them ------------------------------------ */

/* The font's pictures of what the test looks for (src/tui/bigtext.c): 5 rows
 * of 4 dots; a dot is 2 columns by 1 row at scale 1. */
static const struct {
	char ch;
	const char *rows[5];
} pics[] = {
    {'0', {" ## ", "#  #", "#  #", "#  #", " ## "}},
    {'1', {" #  ", "##  ", " #  ", " #  ", "### "}},
    {'2', {"### ", "   #", " ## ", "#   ", "####"}},
    {'A', {" ## ", "#  #", "####", "#  #", "#  #"}},
    {'B', {"### ", "#  #", "### ", "#  #", "### "}},
    {'C', {" ###", "#   ", "#   ", "#   ", " ###"}},
};

/* Row r of code's picture at scale, one character a column: '#' lit. */
static void picture_row(const char *code, int scale, int r, char *out)
{
	size_t k = 0;
	for (size_t i = 0; code[i]; i++) {
		const char *row = NULL;
		for (size_t p = 0; p < sizeof pics / sizeof pics[0]; p++)
			if (pics[p].ch == code[i])
				row = pics[p].rows[r / scale];
		assert_non_null(row);
		for (int c = 0; c < 5; c++) /* 4 dots and the dot between characters */
			for (int d = 0; d < 2 * scale; d++)
				out[k++] = c < 4 && row[c] == '#' ? '#' : ' ';
	}
	k -= 2 * (size_t)scale; /* no gap after the last */
	out[k] = '\0';
}

/* A screen row as cells: '#' for a full block, ' ' for anything else (a
 * wide character is two cells). */
static void cells(vt *v, int row, char *out, size_t n)
{
	char *s = vt_row(v, row);
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 2 < n;) {
		unsigned cp = *p;
		int len = cp < 0x80 ? 1 : cp < 0xe0 ? 2 : cp < 0xf0 ? 3 : 4;
		if (len > 1) {
			cp &= 0x3f >> (len - 1);
			for (int i = 1; i < len && p[i]; i++)
				cp = (cp << 6) | (p[i] & 0x3f);
		}
		p += len;
		out[k++] = cp == 0x2588 ? '#' : ' ';
		if (cp >= 0x2e80)
			out[k++] = ' ';
	}
	/* Blank to the right margin and beyond: trailing blanks are part of a
	 * glyph's picture. */
	while (k + 1 < n && k < 400)
		out[k++] = ' ';
	out[k] = '\0';
	free(s);
}

/* Whether code is drawn in big characters at scale somewhere on the screen:
 * each of its rows under the one before, at the same column. */
static bool big_seen(vt *v, const char *code, int scale)
{
	int rows = 5 * scale;
	char want[5 * 2][512], have[64][1024];
	for (int r = 0; r < rows && r < 10; r++)
		picture_row(code, scale, r, want[r]);
	for (int y = 0; y < 64; y++)
		cells(v, y, have[y], sizeof have[y]);
	size_t w = strlen(want[0]);
	for (int y = 0; y + rows <= 64; y++) {
		for (size_t x = 0; x + w <= strlen(have[y]); x++) {
			int r = 0;
			while (r < rows && strlen(have[y + r]) >= x + w &&
			       memcmp(have[y + r] + x, want[r], w) == 0)
				r++;
			if (r == rows)
				return true;
		}
	}
	return false;
}

static void see_big(vt *v, const char *code, int scale)
{
	for (int i = 0; i < VT_TIMEOUT / 100; i++) {
		if (big_seen(v, code, scale))
			return;
		vt_pump(v, 100);
	}
	fprintf(stderr, "expected %s in big characters at scale %d\n", code, scale);
	vt_dump(v);
	fail();
}

/* ---- the station ------------------------------------------------------------------ */

/* yizhan.conf's top-level key line put first (before any section). */
static void conf_prepend(const char *line)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/yizhan.conf", scr_home());
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* An earlier ticket_printer line goes. */
	char *old = strstr(buf, "ticket_printer = ");
	if (old) {
		char *end = strchr(old, '\n');
		memmove(old, end + 1, strlen(end + 1) + 1);
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s\n%s", line, buf);
	assert_int_equal(fclose(f), 0);
}

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzticket19", NULL) != 0)
		return -1;
	conf_prepend("ticket_printer = tickets");
	return 0;
}

/* The first captured job on the tickets queue holding text. */
static bool captured_with(const char *text)
{
	const char *dir = getenv("YZ_CAPTURE_DIR");
	for (int i = 0; i < VT_TIMEOUT / 100; i++) {
		DIR *d = opendir(dir);
		assert_non_null(d);
		bool found = false;
		for (struct dirent *e; !found && (e = readdir(d));) {
			if (strncmp(e->d_name, "tickets-", 8) != 0 || strstr(e->d_name, ".part"))
				continue;
			char path[PATH_MAX];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			FILE *f = fopen(path, "rb");
			if (!f)
				continue;
			static char buf[1 << 16];
			size_t n = fread(buf, 1, sizeof buf, f);
			fclose(f);
			found = memmem(buf, n, text, strlen(text)) != NULL;
		}
		closedir(d);
		if (found)
			return true;
		usleep(100000);
	}
	return false;
}

/* A key on a ticket shown: the slip is deaf for its first second (a double
 * press must not take it away), so the key waits that out. */
static void slip_key(vt *v, const char *keys)
{
	vt_pump(v, 1200);
	vt_send(v, keys);
}

/* Ctrl-Q, quit, Enter: the kiosk ends with 0. */
static void kiosk_end(vt *v)
{
	slip_key(v, " "); /* a ticket still shown goes (a space takes nothing) */
	SEE(v, "请按业务对应的键取号");
	vt_send(v, VT_CTRL_Q);
	/* The prompt does not say the word: only the staff know it. */
	SEE(v, "工作人员专用");
	assert_int_equal(vt_row_of(v, "quit"), -1);
	vt_send(v, "quit" VT_ENTER);
	int status = vt_wait_exit(v, VT_TIMEOUT);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	vt_close(v);
}

/* ---- the tests ------------------------------------------------------------------------ */

static void test_take_a_then_b(void **state)
{
	(void)state;
	vt *v = scr_start_args(scr_env_zh, 24, 80, kiosk_args);
	SEE(v, "请按业务对应的键取号");
	SEE(v, "社会救助");
	SEE(v, "社保就业");
	vt_send(v, "A");
	SEE(v, "您的号码");
	see_big(v, "A001", 2); /* 76 columns: scale 2 fits 80x24 */
	SEE(v, "A001  社会救助");
	SEE(v, "前面没有人");
	SEE(v, "请取走号票");
	assert_true(captured_with("A001"));
	/* Any key goes back, taking nothing. */
	slip_key(v, "x");
	SEE(v, "请按业务对应的键取号");
	assert_true(scr_wait_row(v, "社会救助", "等候 1 人"));
	/* B by its place among the queues. */
	vt_send(v, "2");
	see_big(v, "B001", 2);
	SEE(v, "B001  社保就业");
	assert_true(captured_with("B001"));
	assert_true(scr_wait_captures("tickets-", 2));
	/* Shown for a few seconds, then the menu again by itself. */
	assert_true(vt_wait_gone(v, "您的号码", VT_TIMEOUT));
	assert_true(scr_wait_row(v, "社保就业", "等候 1 人"));
	/* A second A waits behind the first. Pressed three times at once (an
	 * impatient hand): one ticket, the slip stays (counted below: 2 wait). */
	vt_send(v, "aaa");
	see_big(v, "A002", 2);
	SEE(v, "前面还有 1 人");
	vt_pump(v, 300);
	SEE(v, "您的号码");
	slip_key(v, " ");
	/* A tall terminal: each queue's letter big; the menu reflows. */
	vt_resize(v, 48, 160);
	see_big(v, "C", 1);
	SEE(v, "诉求咨询");
	/* Too small: said, and keys do nothing. */
	vt_resize(v, 20, 60);
	SEE(v, "终端窗口太小");
	vt_send(v, "A");
	vt_resize(v, 24, 80);
	SEE(v, "请按业务对应的键取号");
	assert_true(scr_wait_row(v, "社会救助", "等候 2 人"));
	kiosk_end(v);
}

static void test_checkin_and_quit_guard(void **state)
{
	(void)state;
	vt *v = scr_start_args(scr_env_zh, 24, 80, kiosk_args);
	SEE(v, "请按业务对应的键取号");
	/* A booking number nobody has: refused in words, what was typed kept. */
	vt_send(v, VT_F2);
	SEE(v, "请输入预约号或身份证号");
	vt_send(v, "y20991231-009" VT_ENTER);
	SEE(v, "今天没有该号码的预约");
	SEE(v, "请输入预约号或身份证号");
	SEE(v, "Esc 返回");
	vt_esc(v);
	SEE(v, "请按业务对应的键取号");
	/* An ID number nobody booked: refused, and the number leaves the screen
	 * at once (residents behind read it); the menu comes back by itself. */
	vt_send(v, VT_F2);
	SEE(v, "请输入预约号或身份证号");
	vt_send(v, "11010519491231002X" VT_ENTER);
	SEE(v, "今天没有该号码的预约");
	assert_int_equal(vt_row_of(v, "11010519491231002X"), -1);
	assert_int_equal(vt_row_of(v, "1101051949"), -1);
	assert_true(vt_wait_for(v, "请按业务对应的键取号", VT_TIMEOUT));
	/* A booking of today (made as a clerk makes it) checks in by its number,
	 * typed in small letters: a priority ticket of its queue, printed. */
	yz_store *st;
	yz_err err = {{0}};
	assert_int_equal(scr_store_open(&st, &err), 0);
	yz_resident r;
	assert_int_equal(yz_resident_get(st, 7, &r, &err), 0);
	yz_appointment a = {0};
	scr_today(a.day);
	snprintf(a.queue, sizeof a.queue, "B");
	snprintf(a.slot, sizeof a.slot, "16:00-16:30");
	snprintf(a.idno, sizeof a.idno, "%s", r.idno);
	snprintf(a.name, sizeof a.name, "%s", r.name);
	assert_int_equal(yz_appt_book(st, &a, 2, "zhangli", &err), 0);
	char typed[32];
	snprintf(typed, sizeof typed, "%s", a.number);
	typed[0] = 'y';
	int before = scr_captures("tickets-");
	vt_send(v, "Y");
	SEE(v, "请输入预约号或身份证号");
	vt_send(v, typed);
	vt_send(v, VT_ENTER);
	SEE(v, "您的号码");
	char line[96];
	snprintf(line, sizeof line, "预约 %s（16:00-16:30）", a.number);
	SEE(v, line);
	yz_appointment got;
	assert_int_equal(yz_appt_find(st, a.day, a.number, &got, &err), 0);
	assert_int_equal(got.state, YZ_APPT_ARRIVED);
	yz_ticket t;
	assert_int_equal(yz_ticket_get(st, got.ticket_id, &t, &err), 0);
	assert_true(t.priority);
	assert_int_equal(t.queue[0], 'B');
	see_big(v, t.code, 2);
	assert_true(scr_wait_captures("tickets-", before + 1));
	/* The same booking again, by the ID number: refused in words. */
	slip_key(v, " ");
	SEE(v, "请按业务对应的键取号");
	vt_send(v, VT_F2);
	SEE(v, "请输入预约号或身份证号");
	vt_send(v, r.idno);
	vt_send(v, VT_ENTER);
	SEE(v, a.number);
	SEE(v, "请输入预约号或身份证号");
	vt_esc(v);
	SEE(v, "请按业务对应的键取号");
	yz_store_close(st);
	/* Ctrl-Q then anything but quit: back to the menu, the kiosk goes on. */
	vt_send(v, VT_CTRL_Q);
	SEE(v, "结束取号机");
	vt_send(v, "qu" VT_ENTER);
	SEE(v, "请按业务对应的键取号");
	vt_send(v, VT_CTRL_Q "A" VT_ENTER);
	SEE(v, "请按业务对应的键取号");
	kiosk_end(v);
}

static void test_printer_down(void **state)
{
	(void)state;
	conf_prepend("ticket_printer = nosuch");
	vt *v = scr_start_args(scr_env_zh, 24, 80, kiosk_args);
	SEE(v, "请按业务对应的键取号");
	vt_send(v, "C");
	see_big(v, "C001", 2);
	SEE(v, "请记住您的号码 C001");
	SEE(v, "号码有效");
	kiosk_end(v);
	/* The ticket is valid: it waits in the database. */
	yz_store *st;
	yz_err err = {{0}};
	assert_int_equal(scr_store_open(&st, &err), 0);
	char today[11];
	scr_today(today);
	yz_ticket t[16];
	size_t n = 0;
	assert_int_equal(yz_ticket_list(st, today, t, 16, &n, &err), 0);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(t[i].code, "C001") == 0 && t[i].state == YZ_TICKET_WAITING;
	assert_true(found);
	yz_store_close(st);
	conf_prepend("ticket_printer = tickets");
}

/* A GB18030 terminal (a station's console set up so): the number is drawn in
 * reversed spaces, never in a character the terminal may lack. */
static void test_gb18030(void **state)
{
	(void)state;
	char *argv[] = {(char *)yizhan, "--home", (char *)scr_home(), "ticket", NULL};
	vt *v = vt_spawn_charset(argv, scr_env_gb, 24, 80, "GB18030");
	assert_non_null(v);
	SEE(v, "请按业务对应的键取号");
	vt_send(v, "D");
	SEE(v, "D001  诉求咨询");
	SEE(v, "您的号码");
	char *text = vt_text(v);
	assert_null(strstr(text, "\xe2\x96\x88")); /* no full block */
	free(text);
	kiosk_end(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	yizhan = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_take_a_then_b),
	    cmocka_unit_test(test_checkin_and_quit_guard),
	    cmocka_unit_test(test_printer_down),
	    cmocka_unit_test(test_gb18030),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
