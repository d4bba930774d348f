/* store: the audit log: append-only, each row hashes the previous one (the store
 * module, src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_AUDIT_H
#define YZ_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

int yz_audit_append(yz_store *st, const char *actor, const char *action, const char *detail,
                    yz_err *err);
/* 0 when the chain is intact; 1 with *bad_id the first broken row; -1 on error. */
int yz_audit_verify(yz_store *st, int64_t *bad_id, yz_err *err);

#endif
