/* Kiosk mode (yizhan --kiosk, issue 10): the counter is the whole terminal. The
 * real binary under a pty: the keyboard's signals neither end nor stop it, typed
 * or sent with kill; the login screen does not quit; log-out comes back to it; a
 * killed UI comes back by itself at the login screen with the clerk's draft; a
 * hang-up ends it and keeps the draft; a UI that cannot start is retried with a
 * growing pause; only the admin ends it, with exit status 0.
 *
 * usage: test_kiosk /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

#define VT_F12     "\033[24~"
#define VT_CTRL_C  "\003"
#define VT_CTRL_Z  "\032"
#define VT_CTRL_BS "\034" /* Ctrl-\ */

static const char *exe;       /* the yizhan binary */
static yz_resident applicant; /* a demo resident the forms are filled for */
static const char login_prompt[] = "请登录";
static const char home_seen[] = "今日受理";

static vt *start_kiosk(void)
{
	static const char *const args[] = {"--kiosk", NULL};
	vt *v = scr_start_args(scr_env_zh, 24, 80, args);
	SEE(v, login_prompt);
	return v;
}

/* The parent field of /proc/PID/stat (after "(comm)"), or -1; *state gets the
 * state letter (R, S, T stopped, Z zombie). */
static pid_t proc_parent(pid_t pid, char *state)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	int ppid;
	char st;
	if (!p || sscanf(p + 1, " %c %d", &st, &ppid) != 2)
		return -1;
	if (state)
		*state = st;
	return (pid_t)ppid;
}

/* A live child of parent other than not, or -1. */
static pid_t find_child(pid_t parent, pid_t not )
{
	DIR *d = opendir("/proc");
	pid_t found = -1;
	struct dirent *e;
	while (d && found < 0 && (e = readdir(d))) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		char st = 0;
		if (*end || pid <= 0 || pid == not )
			continue;
		if (proc_parent((pid_t)pid, &st) == parent && st != 'Z')
			found = (pid_t)pid;
	}
	if (d)
		closedir(d);
	return found;
}

/* The kiosk's UI process (the supervisor's child) other than not; fails the
 * test when none comes. */
static pid_t ui_pid(vt *v, pid_t not )
{
	for (int i = 0; i < VT_TIMEOUT / 50; i++) {
		pid_t p = find_child(vt_pid(v), not );
		if (p > 0)
			return p;
		vt_pump(v, 50);
	}
	fail_msg("the kiosk has no UI process");
	return -1;
}

/* Both processes still there, neither stopped, and the same UI as before. */
static void still_running(vt *v, pid_t ui)
{
	assert_true(vt_wait_exit(v, 300) < 0);
	char st = 0;
	assert_int_equal(proc_parent(ui, &st), vt_pid(v));
	if (st == 'T' || st == 'Z')
		fail_msg("the UI process is in state %c", st);
	assert_int_equal(proc_parent(vt_pid(v), &st), getpid());
	if (st == 'T')
		fail_msg("the kiosk's supervisor is stopped");
}

static bool on_screen(vt *v, const char *text)
{
	char *s = vt_text(v);
	bool found = s && strstr(s, text);
	free(s);
	return found;
}

static bool last_row_has(vt *v, const char *text)
{
	char *s = vt_row(v, 23);
	bool found = s && strstr(s, text);
	free(s);
	return found;
}

/* Home → F2, the residence certificate, the applicant, then text typed into
 * the field after the purpose: kept as a draft as it is typed. */
static void type_draft(vt *v, const char *text)
{
	vt_send(v, VT_F2);
	SEE(v, "选择事项");
	vt_send(v, "居住");
	SEE(v, "居住证明");
	vt_send(v, "证明");
	assert_true(vt_wait_gone(v, "生育服务登记", VT_TIMEOUT));
	vt_send(v, VT_ENTER);
	SEE(v, "申请人");
	vt_send(v, applicant.idno);
	SEE(v, applicant.name);
	vt_send(v, VT_ENTER);
	SEE(v, "证明用途");
	vt_send(v, "2");
	vt_send(v, VT_TAB);
	vt_send(v, text);
	SEE(v, text);
}

/* Log user in (password demo1234) at the login screen; home shows. The demo
 * marks wangfang away from today: she is told so at log-in and closes the
 * message. */
static void log_in(vt *v, const char *user)
{
	scr_login(v, login_prompt, user, "demo1234");
	SEE(v, home_seen);
	if (strcmp(user, "wangfang") == 0) {
		SEE(v, "你已登记不在岗");
		vt_send(v, VT_ENTER);
		assert_true(vt_wait_gone(v, "你已登记不在岗", VT_TIMEOUT));
	}
}

/* F1's list of this screen's keys does not offer key; the list is closed. */
static void help_lacks(vt *v, const char *key)
{
	vt_send(v, "\033OP"); /* F1 */
	SEE(v, "本屏按键");
	assert_false(on_screen(v, key));
	vt_send(v, VT_ENTER);
	assert_true(vt_wait_gone(v, "本屏按键", VT_TIMEOUT));
}

/* F12 on the home screen of someone who may not end the counter: nothing. */
static void f12_refused(vt *v)
{
	vt_send(v, VT_F12);
	vt_pump(v, 300);
	assert_false(on_screen(v, "结束窗口程序"));
}

/* Home → the same form: the draft is offered, taken, and shows text; then
 * leave the form (the draft stays) and come back home. */
static void draft_offered(vt *v, const char *text)
{
	vt_send(v, VT_F2);
	SEE(v, "选择事项");
	vt_send(v, "居住");
	SEE(v, "居住证明");
	vt_send(v, "证明");
	assert_true(vt_wait_gone(v, "生育服务登记", VT_TIMEOUT));
	vt_send(v, VT_ENTER);
	SEE(v, "是否继续");
	vt_send(v, "y");
	SEE(v, text);
	SEE(v, applicant.name);
	vt_esc(v);
	SEE(v, "草稿");
	vt_send(v, "y");
	SEE(v, home_seen);
}

/* ---- tests --------------------------------------------------------------------- */

/* Ctrl-C, Ctrl-Z and Ctrl-\ typed, and SIGINT, SIGQUIT and SIGTSTP sent with
 * kill to the supervisor, the UI and the whole process group (as the terminal
 * would send them): the same UI goes on, at login and at home. */
static void test_keyboard_signals_ignored(void **state)
{
	(void)state;
	vt *v = start_kiosk();
	pid_t ui = ui_pid(v, -1);
	vt_send(v, VT_CTRL_C VT_CTRL_Z VT_CTRL_BS);
	still_running(v, ui);
	SEE(v, login_prompt);
	static const int sigs[] = {SIGINT, SIGQUIT, SIGTSTP};
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		assert_int_equal(kill(vt_pid(v), sigs[i]), 0);
		assert_int_equal(kill(ui, sigs[i]), 0);
		assert_int_equal(kill(-getpgid(vt_pid(v)), sigs[i]), 0);
		vt_pump(v, 100);
		still_running(v, ui);
	}
	/* Still answering the keyboard. */
	log_in(v, "zhangli");
	vt_send(v, VT_CTRL_C VT_CTRL_Z VT_CTRL_BS);
	kill(ui, SIGINT);
	kill(ui, SIGTSTP);
	still_running(v, ui);
	SEE(v, home_seen);
	vt_close(v);
}

/* Esc and F10 at the login screen: still there, and the key bar offers no
 * F10 Quit (it does without --kiosk), nor does F1's help. */
static void test_login_never_quits(void **state)
{
	(void)state;
	vt *plain = scr_start(scr_env_zh, 24, 80, NULL);
	SEE(plain, login_prompt);
	assert_true(last_row_has(plain, "F10")); /* what kiosk mode takes away */
	vt_close(plain);

	vt *v = start_kiosk();
	pid_t ui = ui_pid(v, -1);
	assert_false(last_row_has(v, "F10"));
	vt_esc(v);
	vt_send(v, VT_F10);
	vt_esc(v);
	still_running(v, ui);
	SEE(v, login_prompt);
	help_lacks(v, "F10");
	still_running(v, ui);
	vt_close(v);
}

/* A clerk logs in and out: back at login, same UI. A clerk has no F12, and F12
 * does nothing for them. */
static void test_clerk_logout_cannot_end(void **state)
{
	(void)state;
	vt *v = start_kiosk();
	pid_t ui = ui_pid(v, -1);
	log_in(v, "zhangli");
	f12_refused(v);
	help_lacks(v, "F12");
	vt_send(v, VT_F10);
	SEE(v, login_prompt);
	still_running(v, ui);
	/* The station head cannot end it either. */
	log_in(v, "zhaozhan");
	f12_refused(v);
	vt_send(v, VT_F10);
	SEE(v, login_prompt);
	still_running(v, ui);
	vt_close(v);
}

/* kill -9 of the UI in the middle of a form: a new UI shows the login screen
 * by itself, and the form's draft is offered back after login. */
static void test_killed_ui_restarts_with_draft(void **state)
{
	(void)state;
	vt *v = start_kiosk();
	pid_t ui = ui_pid(v, -1);
	log_in(v, "zhangli");
	type_draft(v, "重启草稿");
	assert_false(on_screen(v, login_prompt));
	assert_int_equal(kill(ui, SIGKILL), 0);
	pid_t again = ui_pid(v, ui);
	assert_true(again != ui);
	SEE(v, login_prompt);
	assert_true(vt_wait_exit(v, 300) < 0);
	log_in(v, "zhangli");
	draft_offered(v, "重启草稿");
	still_running(v, again);
	vt_close(v);
}

/* The terminal hangs up (an SSH link drops) in the middle of a form: the kiosk
 * ends, as the shell convention says for SIGHUP (128+1), without starting
 * again into the dead terminal; the draft is there next time. */
static void test_hangup_ends_keeping_draft(void **state)
{
	(void)state;
	vt *v = start_kiosk();
	pid_t ui = ui_pid(v, -1);
	log_in(v, "wangfang");
	type_draft(v, "挂断草稿");
	int st = vt_hangup(v);
	assert_true(st >= 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 128 + SIGHUP);
	char s = 0;
	for (int i = 0; i < 100 && proc_parent(ui, &s) > 0 && s != 'Z'; i++)
		usleep(20000);
	assert_true(proc_parent(ui, &s) < 0 || s == 'Z'); /* the UI went with it */
	vt_close(v);

	v = start_kiosk();
	log_in(v, "wangfang");
	draft_offered(v, "挂断草稿");
	vt_close(v);
}

/* The terminal goes while SIGHUP is ignored (nohup, a tracer in between):
 * reads give end of file at once, for ever. The counter (not in kiosk mode)
 * ends by itself instead of spinning on the dead terminal, and the draft is
 * there next time. */
static void test_gone_terminal_without_sighup(void **state)
{
	(void)state;
	char *argv[] = {"/bin/sh",   "-c",     "trap '' HUP; exec \"$@\"", "sh",
	                (char *)exe, "--home", (char *)scr_home(),         NULL};
	vt *v = vt_spawn(argv, scr_env_zh, 24, 80);
	assert_non_null(v);
	SEE(v, login_prompt);
	log_in(v, "zhaozhan"); /* the clerks hold the other tests' drafts */
	type_draft(v, "无信号草稿");
	int st = vt_hangup(v); /* waits VT_TIMEOUT for the exit */
	assert_true(st >= 0);
	assert_true(WIFEXITED(st));
	vt_close(v);

	v = start_kiosk();
	log_in(v, "zhaozhan");
	draft_offered(v, "无信号草稿");
	vt_close(v);
}

/* A UI that cannot start (no station in the folder) is not restarted in a
 * tight loop: the pause grows and the terminal says so in plain words. Told to
 * stop (SIGTERM), the supervisor ends with 128+15; SIGINT does not end it. */
static void test_failing_ui_retried_with_pause(void **state)
{
	(void)state;
	char empty[PATH_MAX];
	snprintf(empty, sizeof empty, "%s/nostation.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(empty));
	char *argv[] = {(char *)exe, "--kiosk", "--home", empty, NULL};
	vt *v = vt_spawn(argv, scr_env_zh, 24, 80);
	assert_non_null(v);
	SEE(v, "yizhan init --home"); /* the UI's own reason */
	SEE(v, "窗口程序出错停止");
	SEE(v, "2 秒后重新启动");
	SEE(v, "程序反复停止，请告知服务站管理员");
	assert_false(on_screen(v, "4 秒后")); /* not yet: the pauses add up */
	kill(vt_pid(v), SIGINT);
	assert_true(vt_wait_exit(v, 300) < 0);
	int st = vt_kill(v, SIGTERM);
	assert_true(st >= 0 && WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 128 + SIGTERM);
	vt_close(v);
	rmdir(empty);
}

/* The admin's home offers F12 in kiosk mode; No keeps the counter, Yes ends it
 * with exit status 0 (the unit's "ended on purpose"). */
static void test_admin_ends(void **state)
{
	(void)state;
	vt *v = start_kiosk();
	pid_t ui = ui_pid(v, -1);
	log_in(v, "admin");
	vt_send(v, "\033OP"); /* F1 */
	SEE(v, "本屏按键");
	SEE(v, "F12");
	SEE(v, "结束窗口程序");
	vt_send(v, VT_ENTER);
	assert_true(vt_wait_gone(v, "本屏按键", VT_TIMEOUT));
	vt_send(v, VT_F12);
	SEE(v, "结束本终端上的窗口程序吗");
	vt_send(v, "n");
	assert_true(vt_wait_gone(v, "结束本终端上的窗口程序吗", VT_TIMEOUT));
	still_running(v, ui);
	vt_send(v, VT_F12);
	SEE(v, "结束本终端上的窗口程序吗");
	vt_send(v, "y");
	int st = vt_wait_exit(v, VT_TIMEOUT);
	assert_true(st >= 0 && WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	vt_close(v);
}

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzkiosk", NULL) != 0)
		return -1;
	return scr_demo_resident(7, &applicant);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	exe = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keyboard_signals_ignored),
	    cmocka_unit_test(test_login_never_quits),
	    cmocka_unit_test(test_clerk_logout_cannot_end),
	    cmocka_unit_test(test_killed_ui_restarts_with_draft),
	    cmocka_unit_test(test_hangup_ends_keeping_draft),
	    cmocka_unit_test(test_gone_terminal_without_sighup),
	    cmocka_unit_test(test_failing_ui_retried_with_pause),
	    cmocka_unit_test(test_admin_ends),
	};
	if (getenv("YZ_SCREEN_ONLY"))
		cmocka_set_test_filter(getenv("YZ_SCREEN_ONLY"));
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
