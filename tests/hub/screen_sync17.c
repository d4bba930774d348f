/* The counter UI and the district hub (issue 17): the real binary under a pty
 * on a demo station, its hub a private PostgreSQL (tests/lib/with-postgres).
 *   - no hub: no line about it on home, no helper process;
 *   - with `hub` and hub_every = 1: a helper process (yizhan-sync) syncs in
 *     the background, the clerk's screen stays as it was, home says when the
 *     station synced and that nothing waits — while the clerk sits on it, no
 *     key pressed —, at 80x24 with every section of the dashboard still there;
 *   - the hub stopped: the helper's next round fails, home says so (again
 *     without a key) with the gist, and no word of the sync's own output reaches the screen;
 *   - no zombies: the helper reaps its syncs, the counter reaps the helper when
 *     it ends, and the helper ends when the counter is killed.
 *
 * usage (under with-postgres and with-cupsd): screen_sync17 /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../screen/screen_fixture.h"

static const char login_prompt[] = "请登录";
static const char home_seen[] = "今日受理";
/* How often home reads again while no key comes (src/tui/tui_int.h TUI_TICK_MS). */
#define TICK_MS 5000

/* A process's parent, state letter and name from /proc/PID/stat; -1 when it
 * is gone. */
static pid_t proc_info(pid_t pid, char *state, char comm[32])
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *open = strchr(buf, '('), *close = strrchr(buf, ')');
	int ppid;
	if (!open || !close || sscanf(close + 1, " %c %d", state, &ppid) != 2)
		return -1;
	snprintf(comm, 32, "%.*s", (int)(close - open - 1), open + 1);
	return (pid_t)ppid;
}

/* The children of parent: the one named name (its pid, or -1) and how many
 * are zombies. */
static pid_t children(pid_t parent, const char *name, int *zombies)
{
	DIR *d = opendir("/proc");
	pid_t found = -1;
	struct dirent *e;
	*zombies = 0;
	while (d && (e = readdir(d))) {
		char *end, st = 0, comm[32];
		long pid = strtol(e->d_name, &end, 10);
		if (*end || pid <= 0 || proc_info((pid_t)pid, &st, comm) != parent)
			continue;
		if (st == 'Z')
			(*zombies)++;
		else if (name && !strcmp(comm, name))
			found = (pid_t)pid;
	}
	if (d)
		closedir(d);
	return found;
}

/* The helper of the counter under v (it may take a moment to appear). */
static pid_t helper_of(vt *v)
{
	int z;
	for (int i = 0; i < 50; i++) {
		pid_t p = children(vt_pid(v), "yizhan-sync", &z);
		if (p > 0)
			return p;
		vt_pump(v, 100);
	}
	return -1;
}

/* True when pid is gone, or a zombie that is not the counter's to reap. */
static bool ended(pid_t pid)
{
	char st, comm[32];
	pid_t parent = proc_info(pid, &st, comm);
	return parent < 0 || st == 'Z';
}

/* A value of `yizhan sync --status` into out ("" when the line is empty). */
static void status(const char *key, char *out, size_t n)
{
	static const char *const args[] = {"sync", "--status", NULL};
	char buf[2048];
	out[0] = '\0';
	assert_int_equal(scr_command(args, buf, sizeof buf), 0);
	size_t k = strlen(key);
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		if (!strncmp(line, key, k) && line[k] == '\t')
			snprintf(out, n, "%s", line + k + 1);
}

/* Wait (pumping the screen) until `sync --status`'s key is not empty and not
 * before; false after timeout_s. */
static bool wait_status(vt *v, const char *key, const char *before, int timeout_s)
{
	char now[512];
	for (int i = 0; i < timeout_s * 2; i++) {
		status(key, now, sizeof now);
		if (now[0] && strcmp(now, before) != 0)
			return true;
		vt_pump(v, 500);
	}
	return false;
}

/* Home is read when it comes back on top: F4 (the cases) and Esc. */
static void home_again(vt *v)
{
	vt_send(v, VT_F4);
	vt_pump(v, 300);
	vt_esc(v);
	SEE(v, home_seen);
}

static int ctl(const char *what)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "\"$YZ_PG_CTL\" %s", what);
	return system(cmd);
}

static void no_hub(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, login_prompt, "zhangli", "demo1234");
	SEE(v, home_seen);
	char *text = vt_text(v);
	assert_null(strstr(text, "区汇总平台"));
	free(text);
	int z;
	assert_int_equal(children(vt_pid(v), "yizhan-sync", &z), -1);
	scr_quit(v, login_prompt);
}

static void synced_then_failed(void **state)
{
	(void)state;
	char out[2048], conf[2200];
	static const char *const init[] = {"hub", "init", NULL};
	static const char *const add[] = {"hub", "station", "add", "DEMO01", "演示社区", NULL};
	assert_int_equal(scr_command(init, out, sizeof out), 0);
	assert_int_equal(scr_command(add, out, sizeof out), 0);
	snprintf(conf, sizeof conf, "%shub_every = 1\n", out);
	scr_conf_append(conf);

	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, login_prompt, "zhangli", "demo1234");
	SEE(v, home_seen);
	SEE(v, "区汇总平台：尚未同步"); /* the outbox is not on before the first sync */
	pid_t helper = helper_of(v);
	assert_true(helper > 0);
	/* The first round comes about 10 s after the counter opened. */
	assert_true(wait_status(v, "last_sync", "", 40));
	/* Home reads the sync's outcome again by itself (its tick), no key needed. */
	assert_true(vt_wait_for(v, "已同步，待送 0 条改动", 3 * TICK_MS));
	int row = vt_row_of(v, "区汇总平台");
	assert_int_equal(row, 3); /* under the figures */
	SEE(v, "我的办件");       /* every section of the dashboard still fits */
	int zombies;
	children(vt_pid(v), NULL, &zombies);
	assert_int_equal(zombies, 0);
	children(helper, NULL, &zombies);
	assert_int_equal(zombies, 0);

	/* The hub goes away: the next round (a minute after the first) fails. */
	assert_int_equal(ctl("stop"), 0);
	assert_true(wait_status(v, "last_error", "", 90));
	assert_true(vt_wait_for(v, "同步失败", 3 * TICK_MS));
	home_again(v);
	SEE(v, "同步失败");
	SEE(v, "待送 0 条改动，上次同步");
	char *text = vt_text(v);
	assert_null(strstr(text, "yizhan")); /* the sync's own words went nowhere */
	free(text);
	assert_int_equal(ctl("start"), 0);
	children(helper, NULL, &zombies);
	assert_int_equal(zombies, 0);

	/* The counter ends: it reaps its helper. */
	scr_quit(v, login_prompt);
	for (int i = 0; i < 20 && !ended(helper); i++)
		usleep(100000);
	char st, comm[32];
	assert_true(proc_info(helper, &st, comm) < 0);
}

static void killed_counter(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, login_prompt, "zhangli", "demo1234");
	SEE(v, home_seen);
	pid_t helper = helper_of(v);
	assert_true(helper > 0);
	vt_kill(v, SIGKILL);
	int i = 0;
	while (i++ < 50 && !ended(helper))
		usleep(100000);
	assert_true(ended(helper));
	vt_close(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const char *url = getenv("YZ_PG_URL");
	if (!url) {
		fprintf(stderr, "screen_sync17: run me under tests/lib/with-postgres\n");
		return 2;
	}
	setenv("YIZHAN_HUB_URL", url, 1); /* the hub's admin commands */
	if (scr_station("sync17", NULL) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(no_hub),
	    cmocka_unit_test(synced_then_failed),
	    cmocka_unit_test(killed_counter),
	};
	return cmocka_run_group_tests(tests, NULL, scr_teardown);
}
