/* Opening, migrating and refusing station databases. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"

static void open_migrate_reopen(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	char buf[64];
	sqlite3 *db;

	assert_int_equal(yz_store_user_version(fx->st), YZ_SCHEMA_VERSION);
	assert_int_equal(yz_store_meta_get(fx->st, "station_code", buf, sizeof buf, &err), 1);
	assert_int_equal(yz_store_meta_set(fx->st, "station_code", "HZ01", &err), 0);
	assert_int_equal(yz_store_meta_set(fx->st, "station_code", "HZ02", &err), 0);
	/* meta_add keeps the first value: the second of two racing writers loses */
	assert_int_equal(yz_store_meta_add(fx->st, "station_code", "HZ03", &err), 0);
	assert_int_equal(yz_store_meta_add(fx->st, "secret", "first", &err), 0);
	assert_int_equal(yz_store_meta_add(fx->st, "secret", "second", &err), 0);
	assert_int_equal(yz_store_meta_get(fx->st, "secret", buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "first");
	yz_store_close(fx->st);
	fx->st = NULL;

	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), YZ_SCHEMA_VERSION);
	/* WAL is a property of the file: it persists after close. */
	assert_int_equal(raw_int(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'cases'"), 1);
	sqlite3_close(db);

	if (yz_store_open(fx->path, &fx->st, &err) != 0)
		fail_msg("reopen: %s", err.msg);
	assert_int_equal(yz_store_user_version(fx->st), YZ_SCHEMA_VERSION);
	assert_int_equal(yz_store_meta_get(fx->st, "station_code", buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "HZ02");
}

/* A plain SQLite file at version 0 (as an old yizhan would have left) is migrated. */
static void version_zero_file_migrated(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	sqlite3 *db = fx_raw(fx);

	assert_int_equal(sqlite3_exec(db, "CREATE TABLE unrelated(x)", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	if (yz_store_open(fx->path, &fx->st, &err) != 0)
		fail_msg("open: %s", err.msg);
	assert_int_equal(yz_store_user_version(fx->st), YZ_SCHEMA_VERSION);
}

static void newer_version_refused(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	sqlite3 *db = fx_raw(fx);

	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(yz_store_open(fx->path, &fx->st, &err), -1);
	assert_null(fx->st);
	assert_non_null(strstr(err.msg, "newer version"));
	assert_non_null(strstr(err.msg, "99"));
	db = fx_raw(fx);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 99);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema"), 0);
	sqlite3_close(db);
}

static void not_a_database_refused(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	FILE *f = fopen(fx->path, "wb");

	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("this is not a database; ", f);
	fclose(f);
	assert_int_equal(yz_store_open(fx->path, &fx->st, &err), -1);
	assert_null(fx->st);
	assert_non_null(strstr(err.msg, "not a yizhan database"));
	assert_int_equal(err.code, YZ_ERR_DAMAGED); /* told apart by its code */
}

/* A station file that cannot be opened (here a folder stands where it should
 * be) is told apart from a damaged one by the code, not by the words. */
static void unopenable_told_apart(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};

	assert_int_equal(mkdir(fx->path, 0750), 0);
	assert_int_equal(yz_store_open(fx->path, &fx->st, &err), -1);
	assert_null(fx->st);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_non_null(strstr(err.msg, "permissions"));
	assert_int_equal(rmdir(fx->path), 0);
}

static void foreign_keys_enforced(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	yz_case_new in = {.form_id = "f",
	                  .item = "Item",
	                  .line = "line",
	                  .clerk_login = "nobody",
	                  .accepted_date = "2026-03-02",
	                  .due_date = ""};

	/* No such clerk: the foreign key refuses the case and no number is used up. */
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, NULL, &err), -1);
	assert_true(err.msg[0] != '\0');
	assert_int_equal(err.code, YZ_ERR_INVALID); /* a constraint, not the disk */
	fx_clerk_and_resident(fx);
	in.clerk_login = "clerk1";
	yz_case c;
	assert_int_equal(yz_case_create(fx->st, "HZ01", 2026, &in, &c, &err), 0);
	assert_string_equal(c.number, "HZ01-2026-000001");
}

int run_db_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(open_migrate_reopen, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(version_zero_file_migrated, fx_setup_closed,
	                                    fx_teardown),
	    cmocka_unit_test_setup_teardown(newer_version_refused, fx_setup_closed, fx_teardown),
	    cmocka_unit_test_setup_teardown(not_a_database_refused, fx_setup_closed, fx_teardown),
	    cmocka_unit_test_setup_teardown(unopenable_told_apart, fx_setup_closed, fx_teardown),
	    cmocka_unit_test_setup_teardown(foreign_keys_enforced, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store/db", tests, NULL, NULL);
}
