/* Internal: the list of schema migrations (schema.c). */
#ifndef YZ_STORE_SCHEMA_H
#define YZ_STORE_SCHEMA_H

#include <stddef.h>

#include "yizhan/text.h"

/* st_migrations[i] takes user_version i to i + 1. */
extern const char *const st_migrations[];
extern const size_t st_n_migrations;

/* The triggers of the outbox (schema 8), each as its CREATE TRIGGER text is
 * kept in sqlite_schema. */
extern const char *const st_sync_triggers[];
extern const size_t st_n_sync_triggers;

/* The part of a migration SQL cannot do (registry.c): called inside the
 * migration's transaction after st_migrations[to - 1] ran. */
struct yz_store;
int st_migration_fixup(struct yz_store *st, int to, yz_err *err);

#endif
