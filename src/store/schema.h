/* Internal: the list of schema migrations (schema.c). */
#ifndef YZ_STORE_SCHEMA_H
#define YZ_STORE_SCHEMA_H

#include <stddef.h>

/* st_migrations[i] takes user_version i to i + 1. */
extern const char *const st_migrations[];
extern const size_t st_n_migrations;

#endif
