/* Issue 14, signing in: the password rule in one place (length, not the
 * login, not a common password; what is longer than a limit refused, never
 * cut), the growing wait after wrong passwords instead of a lock, names that
 * are no account counted too and never written down, the admin's unlock, the
 * first login's own password, the idle lock's setting and its audit rows; and
 * the same through the command line (`user add`, `user unlock`, `init`). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static const char *yizhan_exe;

static int setup(void **state)
{
	fixture_ui_language("en");
	*state = fixture_open("yzsignin14");
	return 0;
}

/* One number from a query on the station's file (a fresh connection). */
static long long sql_int(fixture *f, const char *sql, const char *arg)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v = -1;
	assert_int_equal(sqlite3_open_v2(f->cfg.db_path, &db, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Rows of the audit log holding text anywhere (actor or detail). */
static long long audit_holding(fixture *f, const char *text)
{
	return sql_int(
	    f,
	    "SELECT count(*) FROM audit WHERE instr(actor, ?1) > 0 OR instr(detail, ?1) > 0"
	    " OR instr(action, ?1) > 0",
	    text);
}

static long long audit_rows(fixture *f, const char *action)
{
	return sql_int(f, "SELECT count(*) FROM audit WHERE action = ?1", action);
}

static void expect_refused(const char *login, const char *pw, const char *why)
{
	yz_err err = {{0}};
	if (yz_password_check(login, pw, &err) == 0)
		fail_msg("password \"%s\" accepted; expected refused: %s", pw, why);
	if (!strstr(err.msg, why))
		fail_msg("password \"%s\": \"%s\" does not say \"%s\"", pw, err.msg, why);
	assert_int_equal(err.code, YZ_ERR_INVALID);
}

static void test_password_rule(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	char long_pw[200];

	expect_refused("liwei", "short-7", "at least 8 characters");
	expect_refused("liwei", "", "at least 8 characters");
	expect_refused("zhangli12", "ZhangLi12", "not be the login");
	/* Chinese stations' favourites and the world's, any case */
	expect_refused("liwei", "12345678", "common passwords");
	expect_refused("liwei", "88888888", "common passwords");
	expect_refused("liwei", "PassWord", "common passwords");
	expect_refused("liwei", "qwertyui", "common passwords");
	expect_refused("liwei", "abc12345", "common passwords");
	expect_refused("liwei", "woaini1314", "common passwords");
	expect_refused("liwei", "shequ123", "common passwords");
	/* Longer than the limit: refused, not cut. */
	memset(long_pw, 'k', YZ_PASSWORD_MAX + 1);
	long_pw[YZ_PASSWORD_MAX + 1] = '\0';
	expect_refused("liwei", long_pw, "too long");
	long_pw[YZ_PASSWORD_MAX] = '\0';
	assert_int_equal(yz_password_check("liwei", long_pw, &err), 0);
	assert_int_equal(yz_password_check("liwei", "Lan-tian-9", &err), 0);
	assert_int_equal(yz_password_check("liwei", "demo1234", &err), 0); /* the demo's */
	/* eight Chinese characters are eight characters (24 bytes) */
	assert_int_equal(yz_password_check("liwei",
	                                   "\u6211\u4eec\u7684\u793e\u533a\u670d\u52a1"
	                                   "\u7ad9",
	                                   &err),
	                 0);
	expect_refused("liwei", "\u6211\u4eec\u7684\u793e\u533a\u670d\u52a1", "at least 8");

	/* The store applies it to every password it sets. */
	assert_int_equal(
	    yz_user_add(f->store, "liwei", "Li Wei", "", YZ_ROLE_CLERK, "12345678", &err), -1);
	assert_non_null(strstr(err.msg, "common passwords"));
	assert_int_equal(yz_user_get(f->store, "liwei", NULL, &err), 1);
	assert_int_equal(yz_user_set_password(f->store, "zhangli", "zhangli", &err), -1);
	assert_non_null(strstr(err.msg, "at least 8"));
	assert_int_equal(yz_user_set_password(f->store, "zhangli", "Zhangli", &err), -1);
	assert_int_equal(yz_user_set_password(f->store, "zhangli", long_pw, &err), 0);
	int left;
	assert_int_equal(yz_user_login(f->store, "zhangli", long_pw, 1000, NULL, &left, &err),
	                 YZ_LOGIN_OK);
}

static void test_limits_not_cut(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	char login[40], pw[YZ_PASSWORD_MAX + 8];
	yz_user u;
	int left;

	memset(login, 'a', YZ_LOGIN_MAX);
	login[YZ_LOGIN_MAX] = '\0';
	memset(pw, 'p', YZ_PASSWORD_MAX);
	pw[YZ_PASSWORD_MAX] = '\0';
	assert_int_equal(yz_user_add(f->store, login, "Long", "", YZ_ROLE_CLERK, pw, &err), 0);
	assert_int_equal(yz_user_login(f->store, login, pw, 1000, &u, &left, &err), YZ_LOGIN_OK);
	/* One more byte of login or password: a failure, not the account cut to fit. */
	strcat(pw, "p");
	assert_int_equal(yz_user_login(f->store, login, pw, 1001, &u, &left, &err), YZ_LOGIN_BAD);
	pw[YZ_PASSWORD_MAX] = '\0';
	strcat(login, "a");
	assert_int_equal(yz_user_login(f->store, login, pw, 1002, &u, &left, &err), YZ_LOGIN_BAD);
	assert_int_equal(
	    yz_user_add(f->store, login, "Longer", "", YZ_ROLE_CLERK, "Lan-tian-9", &err), -1);
}

static void test_growing_wait(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_user u;
	int left = -1;
	time_t t = 1767225600; /* 2026-01-01 00:00 UTC */

	assert_int_equal(yz_login_delay(4), 0);
	assert_int_equal(yz_login_delay(5), 30);
	assert_int_equal(yz_login_delay(6), 60);
	assert_int_equal(yz_login_delay(7), 120);
	assert_int_equal(yz_login_delay(9), 480);
	assert_int_equal(yz_login_delay(10), 900);
	assert_int_equal(yz_login_delay(1000), 900);

	assert_int_equal(
	    yz_user_add(f->store, "wangfang", "Wang Fang", "", YZ_ROLE_CLERK, "Right-pass-1", &err),
	    0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    yz_user_login(f->store, "wangfang", "wrong-one", t++, &u, &left, &err),
		    YZ_LOGIN_BAD);
	/* The fifth: a wait of 30 seconds, from now. */
	assert_int_equal(yz_user_login(f->store, "wangfang", "wrong-one", t, &u, &left, &err),
	                 YZ_LOGIN_LOCKED);
	assert_int_equal(left, 30);
	/* While it waits even the right password is not checked. */
	assert_int_equal(
	    yz_user_login(f->store, "wangfang", "Right-pass-1", t + 10, &u, &left, &err),
	    YZ_LOGIN_LOCKED);
	assert_int_equal(left, 20);
	t += 30;
	/* Each failure after a wait waits twice as long, up to 15 minutes. */
	int want[] = {60, 120, 240, 480, 900, 900};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (i)
			t += left;
		assert_int_equal(
		    yz_user_login(f->store, "wangfang", "wrong-one", t, &u, &left, &err),
		    YZ_LOGIN_LOCKED);
		assert_int_equal(left, want[i]);
	}
	assert_int_equal(audit_rows(f, "login_failed_locked"), 7);
	/* Never a lock for good: after the wait the right password opens it, and
	 * the count starts again. */
	t += left;
	assert_int_equal(yz_user_login(f->store, "wangfang", "Right-pass-1", t, &u, &left, &err),
	                 YZ_LOGIN_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    yz_user_login(f->store, "wangfang", "wrong-one", ++t, &u, &left, &err),
		    YZ_LOGIN_BAD);
}

static void test_admin_unlock(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_user admin;
	int left = 0, waited = -1;
	time_t now = time(NULL);

	assert_int_equal(
	    yz_user_add(f->store, "boss", "Boss", "", YZ_ROLE_ADMIN, "Boss-pass-9", &err), 0);
	assert_int_equal(yz_user_get(f->store, "boss", &admin, &err), 0);
	for (int i = 0; i < 5; i++)
		yz_user_login(f->store, "zhangli", "not-hers", now, NULL, &left, &err);
	assert_int_equal(left, 30);
	/* a clerk cannot */
	assert_int_equal(yz_service_user_unlock(&f->s, "zhangli", &waited, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(yz_user_login(f->store, "zhangli", "demo1234", now + 1, NULL, &left, &err),
	                 YZ_LOGIN_LOCKED);
	/* the admin can, at once */
	f->s.user = admin;
	assert_int_equal(yz_service_user_unlock(&f->s, "zhangli", &waited, &err), 0);
	assert_true(waited > 0 && waited <= 30);
	assert_int_equal(
	    sql_int(f,
	            "SELECT count(*) FROM audit WHERE action = 'user_unlocked' AND actor = ?1"
	            " AND detail = 'zhangli'",
	            "boss"),
	    1);
	assert_int_equal(yz_user_login(f->store, "zhangli", "demo1234", now + 2, NULL, &left, &err),
	                 YZ_LOGIN_OK);
	assert_int_equal(yz_service_user_unlock(&f->s, "ghost", &waited, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
}

static void test_unknown_names(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	int left = 0;
	time_t now = 1767225600;
	char long_name[80];

	/* A password typed into the user field, over and over. */
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    yz_user_login(f->store, "demo1234", "", now + i, NULL, &left, &err),
		    YZ_LOGIN_BAD);
	/* counted as an account's would be */
	assert_int_equal(yz_user_login(f->store, "demo1234", "", now + 4, NULL, &left, &err),
	                 YZ_LOGIN_LOCKED);
	assert_int_equal(left, 30);
	/* Each name on its own (under the station key), as an account would be:
	 * another name that is no account does not wait yet. */
	assert_int_equal(yz_user_login(f->store, "nobody", "", now + 5, NULL, &left, &err),
	                 YZ_LOGIN_BAD);
	memset(long_name, 'z', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	assert_int_not_equal(yz_user_login(f->store, long_name, "x", now + 5, NULL, &left, &err),
	                     YZ_LOGIN_OK);
	/* Nothing typed is kept: neither in the audit log nor in the count. */
	assert_int_equal(audit_holding(f, "demo1234"), 0);
	assert_int_equal(audit_holding(f, "zzzzzzzz"), 0);
	assert_int_equal(
	    sql_int(f, "SELECT count(*) FROM login_throttle WHERE instr(who, ?1) > 0", "demo1234"),
	    0);
	assert_true(sql_int(f, "SELECT count(*) FROM audit WHERE detail = ?1", "unknown account") >=
	            5);
	/* the accounts are not held up by it */
	assert_int_equal(yz_user_login(f->store, "zhangli", "demo1234", now + 6, NULL, &left, &err),
	                 YZ_LOGIN_OK);
}

static void test_first_login_change(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_user u;
	int left;

	assert_int_equal(
	    yz_user_add(f->store, "admin", "Admin", "", YZ_ROLE_ADMIN, "k3x9m2p7q8rt", &err), 0);
	assert_int_equal(yz_user_get(f->store, "admin", &u, &err), 0);
	assert_false(u.must_change);
	assert_int_equal(yz_user_set_must_change(f->store, "admin", true, &err), 0);
	assert_int_equal(yz_user_get(f->store, "admin", &u, &err), 0);
	assert_true(u.must_change);
	memset(&u, 0, sizeof u);
	assert_int_equal(yz_service_login(&f->s, "admin", "k3x9m2p7q8rt", time(NULL), &left, &err),
	                 YZ_LOGIN_OK);
	assert_true(f->s.user.must_change);
	/* the one handed out again, a weak one: refused, still to change */
	assert_int_equal(yz_service_change_password(&f->s, "k3x9m2p7q8rt", &err), -1);
	assert_non_null(strstr(err.msg, "you were given"));
	assert_int_equal(yz_service_change_password(&f->s, "admin123", &err), -1);
	assert_non_null(strstr(err.msg, "common passwords"));
	assert_true(f->s.user.must_change);
	assert_int_equal(yz_service_change_password(&f->s, "Hu-lan-37", &err), 0);
	assert_false(f->s.user.must_change);
	assert_int_equal(yz_user_get(f->store, "admin", &u, &err), 0);
	assert_false(u.must_change);
	assert_int_equal(
	    sql_int(f,
	            "SELECT count(*) FROM audit WHERE action = 'password_changed' AND actor = ?1",
	            "admin"),
	    1);
	assert_int_equal(
	    yz_user_login(f->store, "admin", "k3x9m2p7q8rt", time(NULL), &u, &left, &err),
	    YZ_LOGIN_BAD);
	assert_int_equal(yz_user_login(f->store, "admin", "Hu-lan-37", time(NULL), &u, &left, &err),
	                 YZ_LOGIN_OK);
	assert_false(u.must_change);
}

static void test_idle_setting(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};

	unsetenv("YIZHAN_IDLE_LOCK_SECONDS");
	assert_int_equal(f->cfg.idle_lock_minutes, 5);
	assert_int_equal(yz_service_idle_lock_seconds(&f->s), 300);
	fixture_conf(f, "idle_lock_minutes = 0\n");
	assert_int_equal(yz_service_idle_lock_seconds(&f->s), 0);
	fixture_conf(f, "idle_lock_minutes = 12\n");
	assert_int_equal(yz_service_idle_lock_seconds(&f->s), 720);
	setenv("YIZHAN_IDLE_LOCK_SECONDS", "3", 1);
	assert_int_equal(yz_service_idle_lock_seconds(&f->s), 3);
	unsetenv("YIZHAN_IDLE_LOCK_SECONDS");

	yz_config c;
	char path[300];
	yz_config_defaults(&c, f->home);
	snprintf(path, sizeof path, "%s/bad.conf", f->home);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("idle_lock_minutes = 1441\n", fp);
	fclose(fp);
	assert_int_equal(yz_config_load(&c, path, &err), -1);
	assert_non_null(strstr(err.msg, "idle_lock_minutes"));

	/* the lock's audit rows */
	assert_int_equal(yz_service_lock_audit(&f->s, YZ_LOCK_LOCKED, NULL, &err), 0);
	assert_int_equal(yz_service_lock_audit(&f->s, YZ_LOCK_UNLOCKED, NULL, &err), 0);
	assert_int_equal(yz_service_lock_audit(&f->s, YZ_LOCK_HANDOVER, "wangfang", &err), 0);
	assert_int_equal(sql_int(f,
	                         "SELECT count(*) FROM audit WHERE action IN ('counter_locked',"
	                         " 'counter_unlocked') AND actor = ?1",
	                         "zhangli"),
	                 2);
	assert_int_equal(sql_int(f,
	                         "SELECT count(*) FROM audit WHERE action = 'counter_handover'"
	                         " AND actor = 'wangfang' AND instr(detail, ?1) > 0",
	                         "from zhangli"),
	                 1);
}

/* ---- the command line ------------------------------------------------------------ */

static void test_cli(void **state)
{
	fixture *f = *state;
	char home[] = "/tmp/yzsignin14cli.XXXXXX", cmd[2048], out[4096];
	fixture demo;
	yz_err err = {{0}};
	yz_user u;

	fixture_open_demo(f, yizhan_exe, home, &demo);
	/* the demo's accounts are not asked to change their password */
	assert_int_equal(yz_user_get(demo.store, "admin", &u, &err), 0);
	assert_false(u.must_change);
	assert_int_equal(yz_user_get(demo.store, "zhangli", &u, &err), 0);
	assert_false(u.must_change);

	/* user add: a password longer than the limit on stdin is refused, not cut.
	 * It runs as the admin (issue 14), whose password is on descriptor 3. */
	char pwfile[300];
	snprintf(pwfile, sizeof pwfile, "%s/admin.pw", home);
	FILE *pf = fopen(pwfile, "w");
	assert_non_null(pf);
	fputs("demo1234\n", pf);
	fclose(pf);
	snprintf(
	    cmd, sizeof cmd,
	    "LANGUAGE=en; export LANGUAGE; printf '%%0200d\\n' 7 | '%s' user add liwei 'Li Wei'"
	    " --home '%s' --as admin --password-fd 3 3<'%s'",
	    yizhan_exe, home, pwfile);
	assert_int_not_equal(fixture_run(cmd, true, out, sizeof out), 0);
	if (!strstr(out, "too long"))
		fail_msg("user add, 200 bytes: %s", out);
	snprintf(cmd, sizeof cmd,
	         "LANGUAGE=en; export LANGUAGE; echo 88888888 | '%s' user add liwei 'Li Wei'"
	         " --home '%s' --as admin --password-fd 3 3<'%s'",
	         yizhan_exe, home, pwfile);
	assert_int_not_equal(fixture_run(cmd, true, out, sizeof out), 0);
	if (!strstr(out, "common passwords"))
		fail_msg("user add, 88888888: %s", out);
	assert_int_equal(yz_user_get(demo.store, "liwei", &u, &err), 1);

	/* user unlock: the admin's, with the admin's password */
	int left = 0;
	for (int i = 0; i < 5; i++)
		yz_user_login(demo.store, "wangfang", "not-hers", time(NULL), NULL, &left, &err);
	assert_true(left > 0);
	snprintf(
	    cmd, sizeof cmd,
	    "LANGUAGE=en; export LANGUAGE; echo demo1234 | '%s' user unlock wangfang --home '%s'"
	    " --as zhangli --password-fd 0",
	    yizhan_exe, home);
	assert_int_not_equal(fixture_run(cmd, true, out, sizeof out), 0);
	assert_int_equal(yz_user_wait(demo.store, "wangfang", time(NULL), &left, &err), 0);
	assert_true(left > 0);
	snprintf(
	    cmd, sizeof cmd,
	    "LANGUAGE=en; export LANGUAGE; echo demo1234 | '%s' user unlock wangfang --home '%s'"
	    " --as admin --password-fd 0",
	    yizhan_exe, home);
	if (fixture_run(cmd, true, out, sizeof out) != 0)
		fail_msg("user unlock: %s", out);
	assert_non_null(strstr(out, "wangfang may log in again"));
	assert_int_equal(yz_user_wait(demo.store, "wangfang", time(NULL), &left, &err), 0);
	assert_int_equal(left, 0);
	assert_int_equal(
	    yz_user_login(demo.store, "wangfang", "demo1234", time(NULL), NULL, &left, &err),
	    YZ_LOGIN_OK);
	fixture_close_demo(&demo);

	/* A real station: init's one-time admin password is to be changed. */
	char real[] = "/tmp/yzsignin14init.XXXXXX";
	assert_non_null(mkdtemp(real));
	snprintf(cmd, sizeof cmd, "LANGUAGE=en; export LANGUAGE; '%s' --home '%s' init", yizhan_exe,
	         real);
	if (fixture_run(cmd, true, out, sizeof out) != 0)
		fail_msg("init: %s", out);
	assert_non_null(strstr(out, "choose your own at the first login"));
	yz_store *st;
	char db[300];
	snprintf(db, sizeof db, "%s/station.db", real);
	assert_int_equal(yz_store_open(db, &st, &err), 0);
	assert_int_equal(yz_user_get(st, "admin", &u, &err), 0);
	assert_true(u.must_change);
	yz_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", real);
	assert_int_equal(system(cmd), 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_signin14 PATH/TO/yizhan\n");
		return 2;
	}
	yizhan_exe = argv[1];
	unsetenv("YIZHAN_IDLE_LOCK_SECONDS");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_password_rule, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_limits_not_cut, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_growing_wait, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_admin_unlock, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_names, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_first_login_change, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_idle_setting, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_cli, setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
