/* The groups of store tests and the helpers they share; main.c runs them all.
 * Every test opens a fresh, real SQLite file in its own temporary folder. */
#ifndef YZ_TEST_STORE_H
#define YZ_TEST_STORE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "yizhan/store.h"

/* A temporary folder with a station database in it. */
typedef struct fixture {
	char dir[64];   /* mkdtemp folder */
	char path[128]; /* dir/station.db */
	yz_store *st;   /* open store, or NULL */
} fixture;

/* cmocka setup/teardown: a fixture with the store open. */
int fx_setup(void **state);
int fx_teardown(void **state);
/* The same folder handling without opening the store. */
int fx_setup_closed(void **state);

/* A raw sqlite3 connection to the fixture's file (for tampering and checks). */
sqlite3 *fx_raw(const fixture *fx);
/* One integer from a SQL query on a raw connection. */
long long raw_int(sqlite3 *db, const char *sql);

/* A valid ID number for region (e.g. 330106), birth date and a 3-digit sequence
 * (odd = male). */
void make_idno(int region, int y, int m, int d, int seq, char out[19]);

/* Adds the clerk "clerk1" (password "secret1") and one resident; returns its id. */
int64_t fx_clerk_and_resident(fixture *fx);

int run_db_tests(void);
int run_user_tests(void);
int run_resident_tests(void);
int run_case_tests(void);
int run_misc_tests(void);
int run_registry_tests(void);
int run_import_tests(void);
int run_lifecycle_tests(void);
int run_vocab_tests(void);

#endif
