/* Rows of the audit log with an action: the audit log has no reader in the
 * store's API, so tests count through a fresh connection to the station's file. */
#ifndef YZ_TEST_AUDIT_COUNT_H
#define YZ_TEST_AUDIT_COUNT_H

long test_audit_count(const char *db_path, const char *action);

#endif
