/* Counting audit rows for the service tests (audit_count.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "audit_count.h"

long test_audit_count(const char *db_path, const char *action)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long n = -1;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM audit WHERE action = ?1", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}
