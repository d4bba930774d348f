/* The hall display (issue 19: `yizhan hall --wav-dir DIR`) under a pty: calls
 * made by another process (this test, through the store, as a counter's
 * program does) reach the screen: the window's ticket in big characters
 * (four windows two a row at scale 1 at 80x24, scale 2 on a 160x48 screen:
 * the block characters' rows checked against the font's picture), the newest
 * call in words on the title, the last calls, the waiting per queue; each
 * call is spoken into DIR/call-<id>.wav (a RIFF/WAVE file with sound in it).
 * q ends it with 0. Started again it shows the day's calls without speaking
 * them again; a recall is spoken (and only it). Without espeak-ng the call
 * is shown and why it was not heard is said. That a call shows within 1 s
 * is the benchmark's (tests/bench/bench_hall19.c: p50/p99 of call to
 * display), not a timed test.
 *
 * usage: test_hall19 /path/to/yizhan */
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

static const char hall_conf[] = "\n"
                                "[counter 1]\n"
                                "label = 1号窗口\n"
                                "\n"
                                "[counter 2]\n"
                                "label = 2号窗口\n"
                                "\n"
                                "[counter 3]\n"
                                "label = 3号窗口\n"
                                "\n"
                                "[counter 4]\n"
                                "label = 4号窗口\n";

static char wav_dir[PATH_MAX];

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

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzhall19", NULL) != 0)
		return -1;
	scr_conf_append(hall_conf);
	snprintf(wav_dir, sizeof wav_dir, "%s/wav", scr_home());
	return mkdir(wav_dir, 0750);
}

/* A ticket of queue taken, as the kiosk takes it. */
static void issue(yz_store *st, const char *queue, const char *code)
{
	char today[11];
	scr_today(today);
	yz_ticket t;
	int ahead = 0;
	yz_err err = {{0}};
	assert_int_equal(yz_ticket_issue(st, today, queue, false, 0, &t, &ahead, &err), 0);
	assert_string_equal(t.code, code);
}

/* Counter calls the next of queue A, as its clerk's N does; the call's id. */
static int64_t call_next(yz_store *st, int counter, const char *code)
{
	char today[11];
	scr_today(today);
	const char *const queues[] = {"A", "B"};
	yz_ticket t;
	yz_err err = {{0}};
	assert_int_equal(yz_ticket_call_next(st, today, queues, 2, counter, "zhangli", &t, &err),
	                 0);
	assert_string_equal(t.code, code);
	int64_t id = 0;
	assert_int_equal(yz_hall_last_call(st, today, &id, &err), 0);
	assert_true(id > 0);
	return id;
}

/* The call's WAV: written whole (RIFF, WAVE, data after the header) in time. */
static void see_wav(int64_t id)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/call-%lld.wav", wav_dir, (long long)id);
	for (int i = 0; i < 2 * VT_TIMEOUT / 100; i++) {
		FILE *f = fopen(path, "rb");
		unsigned char h[44];
		size_t n = f ? fread(h, 1, sizeof h, f) : 0;
		struct stat sb;
		bool whole = f && n == sizeof h && stat(path, &sb) == 0 && !memcmp(h, "RIFF", 4) &&
		             !memcmp(h + 8, "WAVE", 4) && sb.st_size > 44 + 8000;
		if (f)
			fclose(f);
		if (whole) {
			assert_int_equal(sb.st_mode & 0007,
			                 0); /* the station's files: not the world's */
			return;
		}
		usleep(100000);
	}
	fprintf(stderr, "no spoken call in %s\n", path);
	fail();
}

/* The calls' files in the WAV folder. */
static int wav_files(void)
{
	DIR *d = opendir(wav_dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strncmp(e->d_name, "call-", 5) == 0;
	closedir(d);
	return n;
}

static void test_calls_shown_and_spoken(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err = {{0}};
	assert_int_equal(scr_store_open(&st, &err), 0);
	issue(st, "A", "A001");
	issue(st, "A", "A002");
	issue(st, "B", "B001");
	const char *const args[] = {"hall", "--wav-dir", wav_dir, NULL};
	vt *v = scr_start_args(scr_env_zh, 24, 80, args);
	SEE(v, "1号窗口");
	SEE(v, "2号窗口");
	SEE(v, "最近叫号");
	/* Four windows at 80x24: two a row, big characters at scale 1 still. */
	assert_true(scr_wait_row(v, "1号窗口", "2号窗口"));
	assert_true(scr_wait_row(v, "3号窗口", "4号窗口"));
	/* Another process calls: the display sees it by itself. */
	int64_t first = call_next(st, 2, "A001");
	SEE(v, "请 A001 号到 2号窗口");
	see_big(v, "A001", 1);
	SEE(v, "A001 → 2号窗口");
	assert_true(scr_wait_row(v, "等候：", "A 社会救助 1"));
	assert_true(scr_wait_row(v, "等候：", "B 社保就业 1"));
	see_wav(first);
	/* A big screen: scale 2, the windows side by side. */
	vt_resize(v, 48, 160);
	see_big(v, "A001", 2);
	int64_t second = call_next(st, 1, "A002");
	SEE(v, "请 A002 号到 1号窗口");
	see_big(v, "A002", 2);
	see_big(v, "A001", 2);
	assert_true(scr_wait_row(v, "A002 → 1号窗口", "A001 → 2号窗口"));
	see_wav(second);
	/* Back at 80x24: scale 1 again. */
	vt_resize(v, 24, 80);
	see_big(v, "A002", 1);
	vt_send(v, "q");
	int status = vt_wait_exit(v, VT_TIMEOUT);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	vt_close(v);
	/* Started again: the day's calls so far are shown, not spoken again; a
	 * recall is (the newest in words again), and only it. */
	v = scr_start_args(scr_env_zh, 24, 80, args);
	see_big(v, "A002", 1);
	see_big(v, "A001", 1);
	char today[11];
	scr_today(today);
	yz_ticket t;
	assert_int_equal(yz_ticket_serving(st, today, 2, &t, &err), 0);
	assert_int_equal(yz_ticket_recall(st, t.id, 2, "zhangli", &err), 0);
	int64_t third = 0;
	assert_int_equal(yz_hall_last_call(st, today, &third, &err), 0);
	SEE(v, "请 A001 号到 2号窗口");
	see_wav(third);
	assert_int_equal(wav_files(), 3);
	vt_send(v, "\021"); /* Ctrl-Q ends it too */
	status = vt_wait_exit(v, VT_TIMEOUT);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	vt_close(v);
	yz_store_close(st);
}

/* No voice program (espeak-ng not on PATH): the call is shown all the same,
 * and why it was not heard is said on the last row. */
static void test_voice_missing(void **state)
{
	(void)state;
	static const char *const env[] = {
	    "LANG=zh_CN.UTF-8", "LANGUAGE",          "LC_ALL",
	    "LC_MESSAGES",      "LC_CTYPE",          "TERM=xterm-256color",
	    "YIZHAN_HOME",      "PATH=/nonexistent", NULL,
	};
	const char *const args[] = {"hall", NULL};
	vt *v = scr_start_args(env, 24, 80, args);
	SEE(v, "最近叫号");
	yz_store *st;
	yz_err err = {{0}};
	assert_int_equal(scr_store_open(&st, &err), 0);
	call_next(st, 1, "B001");
	SEE(v, "请 B001 号到 1号窗口");
	see_big(v, "B001", 1);
	SEE(v, "叫号语音未能播放");
	vt_send(v, "q");
	int status = vt_wait_exit(v, VT_TIMEOUT);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	vt_close(v);
	yz_store_close(st);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_calls_shown_and_spoken),
	    cmocka_unit_test(test_voice_missing),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
