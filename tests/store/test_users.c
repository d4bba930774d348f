/* Clerks: yescrypt hashes, wrong passwords, unknown logins and the lockout. */
#include <string.h>

#include "tests.h"

static void add_and_login(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_user u;
	int left = -1;
	sqlite3 *db;

	assert_int_equal(yz_user_add(fx->st, "zhangli", "Zhang Li", "13900000001", YZ_ROLE_CLERK,
	                             "demo1234", &err),
	                 0);
	assert_int_equal(yz_user_get(fx->st, "zhangli", &u, &err), 0);
	assert_string_equal(u.name, "Zhang Li");
	assert_int_equal(u.role, YZ_ROLE_CLERK);
	assert_int_equal(yz_user_get(fx->st, "nobody", &u, &err), 1);

	/* Stored as a yescrypt string, never the password. */
	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "SELECT pw_hash LIKE '$y$%' FROM users"), 1);
	assert_int_equal(raw_int(db, "SELECT instr(pw_hash, 'demo1234') FROM users"), 0);
	sqlite3_close(db);

	memset(&u, 0, sizeof u);
	assert_int_equal(yz_user_login(fx->st, "zhangli", "demo1234", 1000, &u, &left, &err),
	                 YZ_LOGIN_OK);
	assert_string_equal(u.login, "zhangli");
	assert_int_equal(left, 0);
	assert_int_equal(yz_user_login(fx->st, "zhangli", "demo1235", 1001, &u, &left, &err),
	                 YZ_LOGIN_BAD);
	assert_int_equal(yz_user_login(fx->st, "zhangli", "", 1002, &u, &left, &err), YZ_LOGIN_BAD);
	assert_int_equal(yz_user_login(fx->st, "nobody", "demo1234", 1003, &u, &left, &err),
	                 YZ_LOGIN_BAD);
	assert_int_equal(yz_user_login(fx->st, "Bad Login;--", "x", 1004, &u, &left, &err),
	                 YZ_LOGIN_BAD);
}

static void add_refused(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};

	assert_int_equal(
	    yz_user_add(fx->st, "Zhang Li", "Zhang", "", YZ_ROLE_CLERK, "pw-12345", &err), -1);
	assert_non_null(strstr(err.msg, "login"));
	assert_int_equal(yz_user_add(fx->st, "zl", "", "", YZ_ROLE_CLERK, "pw-12345", &err), -1);
	assert_int_equal(yz_user_add(fx->st, "zl", "Z", "", YZ_ROLE_CLERK, "", &err), -1);
	assert_int_equal(yz_user_add(fx->st, "zl", "Z", "", YZ_ROLE_CLERK, "pw-12345", &err), 0);
	err.msg[0] = '\0';
	assert_int_equal(yz_user_add(fx->st, "zl", "Z2", "", YZ_ROLE_CLERK, "pw-12345", &err), -1);
	assert_non_null(strstr(err.msg, "already taken"));
	assert_int_equal(err.code, YZ_ERR_EXISTS);
}

static void lockout_after_five(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_user u;
	int left = 0;
	const time_t t0 = 1767225600; /* 2026-01-01 00:00 UTC */

	assert_int_equal(
	    yz_user_add(fx->st, "wangfang", "Wang Fang", "", YZ_ROLE_CLERK, "right-pw", &err), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    yz_user_login(fx->st, "wangfang", "wrong", t0 + i, &u, &left, &err),
		    YZ_LOGIN_BAD);
	/* The fifth failure locks the account, from that moment. */
	assert_int_equal(yz_user_login(fx->st, "wangfang", "wrong", t0 + 4, &u, &left, &err),
	                 YZ_LOGIN_LOCKED);
	assert_int_equal(left, YZ_LOGIN_DELAY_FIRST);
	/* Even the right password is refused while locked. */
	assert_int_equal(yz_user_login(fx->st, "wangfang", "right-pw", t0 + 14, &u, &left, &err),
	                 YZ_LOGIN_LOCKED);
	assert_int_equal(left, YZ_LOGIN_DELAY_FIRST - 10);
	assert_int_equal(
	    yz_user_login(fx->st, "wangfang", "right-pw", t0 + 4 + 29, &u, &left, &err),
	    YZ_LOGIN_LOCKED);
	assert_int_equal(left, 1);
	/* 30 s after the fifth failure the account opens again (issue 14: a wait,
	 * not a lock of 5 minutes). */
	assert_int_equal(
	    yz_user_login(fx->st, "wangfang", "right-pw", t0 + 4 + 30, &u, &left, &err),
	    YZ_LOGIN_OK);
	/* A success resets the count: four more failures do not lock. */
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    yz_user_login(fx->st, "wangfang", "wrong", t0 + 400 + i, &u, &left, &err),
		    YZ_LOGIN_BAD);
	assert_int_equal(yz_user_login(fx->st, "wangfang", "right-pw", t0 + 410, &u, &left, &err),
	                 YZ_LOGIN_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(
		    yz_user_login(fx->st, "wangfang", "wrong", t0 + 420 + i, &u, &left, &err),
		    YZ_LOGIN_BAD);
}

static void set_password(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_user u;
	int left;

	assert_int_equal(yz_user_add(fx->st, "zz", "Z", "", YZ_ROLE_HEAD, "old-pass1", &err), 0);
	assert_int_equal(yz_user_set_password(fx->st, "zz", "new-pass1", &err), 0);
	assert_int_equal(yz_user_login(fx->st, "zz", "old-pass1", 10, &u, &left, &err),
	                 YZ_LOGIN_BAD);
	assert_int_equal(yz_user_login(fx->st, "zz", "new-pass1", 11, &u, &left, &err),
	                 YZ_LOGIN_OK);
	assert_int_equal(u.role, YZ_ROLE_HEAD);
	assert_int_equal(yz_user_set_password(fx->st, "ghost", "x-pass-12", &err), -1);
}

int run_user_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(add_and_login, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(add_refused, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(lockout_after_five, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(set_password, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store/users", tests, NULL, NULL);
}
