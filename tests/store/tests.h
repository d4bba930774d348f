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

/* Adds the clerk "clerk1" (password "secret-1") and one resident; returns its id. */
int64_t fx_clerk_and_resident(fixture *fx);

/* The headings of a residents import file (yz_residents_import), without the
 * line break. */
#define FX_IMPORT_HEADINGS                                                                         \
	"\u6237\u7f16\u53f7,\u8eab\u4efd\u8bc1\u53f7,\u59d3\u540d,\u6c11\u65cf,"                   \
	"\u8054\u7cfb\u7535\u8bdd,\u4eba\u5458\u7c7b\u522b,\u5c31\u4e1a\u72b6\u51b5,"              \
	"\u6237\u7c4d\u5730\u5740,\u5c45\u4f4f\u5730\u5740,\u4e0e\u6237\u4e3b\u5173\u7cfb,"        \
	"\u5907\u6ce8"

/* Write len bytes of text to a new file at path. */
void fx_write_file(const char *path, const char *text, size_t len);
/* The whole file at path, NUL-terminated, its length in *len, in a buffer
 * with 1 MB to spare for editing it in place (free it). */
char *fx_read_file(const char *path, size_t *len);
/* Append one row of an import file to buf (n bytes): household, ID number,
 * name, then rest (the other eight cells, comma-separated), CR LF. */
void fx_import_row(char *buf, size_t n, const char *hh, const char *idno, const char *name,
                   const char *rest);
/* Import path into the fixture's station as user clerk1, rejects to rej
 * (NULL: the default name), updating registered residents when update is set. */
int fx_import(fixture *fx, const char *path, const char *rej, bool update, yz_import_report *rep,
              yz_err *err);
/* Fail the test unless what occurs in text. */
void fx_expect_in(const char *text, const char *what);

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
