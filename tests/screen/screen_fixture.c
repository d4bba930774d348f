/* The screen tests' shared fixture: see screen_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <pwd.h>
#include <regex.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "screen_fixture.h"

static const char *exe;        /* the yizhan binary */
static char home[PATH_MAX];    /* the demo station of this run */
static char db[PATH_MAX + 16]; /* its database file */

const char *const scr_env_zh[] = {
    "LANG=zh_CN.UTF-8",    "LANGUAGE",    "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", NULL,
};
const char *const scr_env_gb[] = {
    "LANG=zh_CN.GB18030",  "LANGUAGE",    "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", NULL,
};
const char *const scr_env_en[] = {
    "LANG=en_US.UTF-8",    "LANGUAGE",    "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", NULL,
};

int scr_args(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s /path/to/yizhan\n", argv[0]);
		return 2;
	}
	exe = argv[1];
	return 0;
}

static int run(char *const argv[])
{
	pid_t pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int scr_station(const char *tag, const char *const extra[])
{
	snprintf(home, sizeof home, "%s/%s.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         tag);
	if (!mkdtemp(home))
		return -1;
	snprintf(db, sizeof db, "%s/station.db", home);
	char *argv[16] = {(char *)exe, "init", "--demo"};
	size_t n = 3;
	for (size_t i = 0; extra && extra[i] && n < 13; i++)
		argv[n++] = (char *)extra[i];
	argv[n++] = "--home";
	argv[n++] = home;
	argv[n] = NULL;
	if (run(argv) != 0) {
		fprintf(stderr, "yizhan init --demo failed\n");
		return -1;
	}
	/* Issue 14: the commands that show personal data (scr_command) run as a
	 * named account: the test's OS account stands for the demo's admin. */
	char conf[PATH_MAX + 16];
	snprintf(conf, sizeof conf, "%s/yizhan.conf", home);
	struct passwd *pw = getpwuid(geteuid());
	FILE *f = pw ? fopen(conf, "a") : NULL;
	if (!f || fprintf(f, "os_accounts = %s:admin\n", pw->pw_name) < 0 || fclose(f) != 0) {
		fprintf(stderr, "cannot map the OS account in %s\n", conf);
		return -1;
	}
	return 0;
}

const char *scr_home(void)
{
	return home;
}

const char *scr_db(void)
{
	return db;
}

int scr_store_open(yz_store **st, yz_err *err)
{
	if (yz_store_open(db, st, err) != 0) {
		fprintf(stderr, "%s\n", err->msg);
		return -1;
	}
	return 0;
}

int scr_teardown(void **state)
{
	(void)state;
	if (!getenv("YZ_KEEP_HOME")) {
		char *argv[] = {"/bin/rm", "-rf", home, NULL};
		run(argv);
	}
	return 0;
}

vt *scr_start(const char *const env[], int rows, int cols, const char *charset)
{
	char *argv[] = {(char *)exe, "--home", home, NULL};
	vt *v = vt_spawn_charset(argv, env, rows, cols, charset);
	assert_non_null(v);
	return v;
}

void scr_login(vt *v, const char *prompt, const char *user, const char *password)
{
	SEE(v, prompt);
	vt_send(v, user);
	vt_send(v, VT_ENTER);
	vt_send(v, password);
	vt_send(v, VT_ENTER);
}

void scr_quit(vt *v, const char *prompt)
{
	vt_send(v, VT_F10);
	SEE(v, prompt);
	vt_send(v, VT_F10);
	int st = vt_wait_exit(v, VT_TIMEOUT);
	assert_true(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	vt_close(v);
}

vt *scr_start_en(const char *user)
{
	vt *v = scr_start(scr_env_en, 24, 80, NULL);
	scr_login(v, "log in", user, "demo1234");
	SEE(v, "Accepted today");
	return v;
}

void scr_esc_quit(vt *v)
{
	vt_esc(v);
	SEE(v, "Accepted today");
	scr_quit(v, "log in");
}

vt *scr_start_args(const char *const env[], int rows, int cols, const char *const args[])
{
	char *argv[16] = {(char *)exe, "--home", home};
	size_t n = 3;
	for (size_t i = 0; args && args[i] && n < 15; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	vt *v = vt_spawn(argv, env, rows, cols);
	assert_non_null(v);
	return v;
}

void scr_conf_append(const char *text)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	FILE *f = fopen(path, "a");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

int scr_command(const char *const args[], char *out, size_t n)
{
	char *argv[16] = {(char *)exe};
	size_t k = 1;
	for (size_t i = 0; args[i] && k < 13; i++)
		argv[k++] = (char *)args[i];
	argv[k++] = "--home";
	argv[k++] = home;
	argv[k] = NULL;
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	size_t got = 0;
	ssize_t r;
	char buf[4096];
	while (pid > 0 && (r = read(fd[0], buf, sizeof buf)) > 0) /* all of it: never block it */
		for (ssize_t i = 0; i < r && got + 1 < n; i++)
			out[got++] = buf[i];
	out[got] = '\0';
	close(fd[0]);
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void scr_case_number(vt *v, char *out, size_t n)
{
	char *s = vt_text(v);
	regex_t re;
	regmatch_t m[1];
	assert_int_equal(
	    regcomp(&re, "已受理：办件编号 [A-Z0-9]+-20[0-9]{2}-[0-9]{6}", REG_EXTENDED), 0);
	int rc = regexec(&re, s, 1, m, 0);
	if (rc != 0)
		vt_dump(v);
	assert_int_equal(rc, 0);
	const char *num = strchr(s + m[0].rm_so, ' ') + 1;
	size_t len = (size_t)(s + m[0].rm_eo - num);
	assert_true(len < n);
	memcpy(out, num, len);
	out[len] = '\0';
	regfree(&re);
	free(s);
}

int scr_demo_resident(int64_t id, yz_resident *out)
{
	yz_store *st;
	yz_err err;
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_resident_get(st, id, out, &err);
	if (rc != 0)
		fprintf(stderr, "resident %lld: %s\n", (long long)id, err.msg);
	yz_store_close(st);
	return rc;
}

void scr_open_case(vt *v, const char *number)
{
	vt_send(v, VT_F4);
	SEE(v, "By number");
	vt_send(v, "\033[18~"); /* F7 */
	SEE(v, "Open a case");
	vt_send(v, number);
	vt_send(v, VT_ENTER);
}

void scr_materials_complete(vt *v)
{
	vt_send(v, "m");
	SEE(v, "Which materials did the resident bring?");
	vt_send(v, VT_ENTER);
	SEE(v, "The clock starts again");
	vt_send(v, VT_ENTER);
	SEE(v, "the clock runs again");
}

void scr_forward_first(vt *v)
{
	vt_send(v, "f");
	SEE(v, "Forward to which department");
	vt_send(v, "1");
	SEE(v, "Department due");
	vt_send(v, VT_ENTER);
	vt_send(v, VT_ENTER);
	SEE(v, "Forwarded.");
}

void scr_close_first(vt *v)
{
	vt_send(v, "d");
	SEE(v, "Close with which result");
	vt_send(v, "1");
	SEE(v, "Note");
	vt_send(v, VT_ENTER);
}

void scr_print_queue(vt *v)
{
	vt_send(v, VT_F4);
	SEE(v, "Failed prints");
	vt_send(v, VT_F6);
	SEE(v, "Print queue");
}

bool scr_wait_row(vt *v, const char *key, const char *text)
{
	for (int i = 0; i < VT_TIMEOUT / 50; i++) {
		vt_pump(v, 50);
		int row = vt_row_of(v, key);
		char *line = row >= 0 ? vt_row(v, row) : NULL;
		bool ok = line && strstr(line, text);
		free(line);
		if (ok)
			return true;
	}
	fprintf(stderr, "expected on the row of %s: %s\n", key, text);
	vt_dump(v);
	return false;
}

long scr_audit_count(const char *action, const char *actor, const char *like)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	long n = -1;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h,
	                       "SELECT count(*) FROM audit WHERE action = ?1 AND actor = ?2"
	                       " AND detail LIKE '%' || ?3 || '%'",
	                       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, actor, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, like, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return n;
}

int scr_captures(const char *prefix)
{
	const char *dir = getenv("YZ_CAPTURE_DIR");
	DIR *d = dir ? opendir(dir) : NULL;
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += !strncmp(e->d_name, prefix, strlen(prefix)) && !strstr(e->d_name, ".part");
	closedir(d);
	return n;
}

bool scr_wait_captures(const char *prefix, int want)
{
	for (int i = 0; i < VT_TIMEOUT / 100; i++) {
		if (scr_captures(prefix) >= want)
			return true;
		usleep(100000);
	}
	return false;
}

void scr_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

bool scr_seen(vt *v, const char *who, const char *text)
{
	if (vt_wait_for(v, text, VT_TIMEOUT))
		return true;
	fprintf(stderr, "%s: expected on screen: %s\n", who, text);
	vt_dump(v);
	return false;
}

/* The digit the catalogue shows in front of title ('\0' when it has none). */
static char digit_of(vt *v, const char *title)
{
	char want[128];

	for (char d = '1'; d <= '9'; d++) {
		snprintf(want, sizeof want, "%c  %s", d, title);
		if (vt_row_of(v, want) >= 0)
			return d;
	}
	return '\0';
}

bool scr_pick_item(vt *v, const char *who, const char *title, const char *pinyin)
{
	vt_send(v, VT_F2);
	if (!scr_seen(v, who, "\u9009\u62e9\u4e8b\u9879")) /* choose an item */
		return false;
	char d[2] = {digit_of(v, title), '\0'};
	if (d[0]) {
		vt_send(v, d);
		return true;
	}
	vt_send(v, pinyin);
	if (!scr_seen(v, who, title))
		return false;
	vt_send(v, VT_ENTER);
	return true;
}

void scr_submit_until(vt *v, const char *date, const char *until)
{
	/* Labels of the forms' fields, as the status line names them. */
	static const char since[] = "\u5c45\u4f4f\u8d77\u59cb\u65e5\u671f: this is required";
	static const char phone[] = "\u7535\u8bdd: this is required";
	static const char urgent[] = "\u7d27\u6025: this is required";
	static const char reply[] = "\u662f\u5426\u9700\u8981\u56de\u590d: this is required";

	for (int i = 0; i < 16; i++) {
		vt_send(v, VT_F9);
		vt_pump(v, 300);
		if (vt_wait_for(v, until, 700))
			return;
		if (vt_row_of(v, "Required material not ticked") >= 0)
			vt_send(v, " ");
		else if (vt_row_of(v, since) >= 0)
			vt_send(v, date);
		else if (vt_row_of(v, phone) >= 0 || vt_row_of(v, "write a mobile number") >= 0)
			vt_send(v, VT_CTRL_U "13588012345");
		else if (vt_row_of(v, urgent) >= 0 || vt_row_of(v, reply) >= 0)
			vt_send(v, "y");
		else if (vt_row_of(v, "this is required") >= 0)
			vt_send(v, "1");
		else if (vt_row_of(v, "is not written in Chinese") >= 0)
			break;
	}
	SEE(v, until);
}
