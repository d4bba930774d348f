/* store: the audit log: append-only, each row keyed-hashes the previous one (the store
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
/* The chain (keyed with the station key) and its head, and the MAC of every
 * row of the registry and of the cases with each table's count and keyed sum:
 * 0 when all is intact; 1 when something was altered outside yizhan, with
 * err's message naming the first thing found (a row of the chain, a case, a
 * resident, ...) and *bad_id the first broken row of the chain (0 when the
 * chain itself is intact and the data was altered); -1 on error. Checks no
 * anchor (a backup copy may be older than the newest one). */
int yz_audit_verify(yz_store *st, int64_t *bad_id, yz_err *err);

/* Called once for each thing found altered, in words for the admin (after 20,
 * once more to say that more follow). */
typedef void (*yz_audit_problem_fn)(void *ctx, const char *what);
/* All that yz_audit_verify checks, every problem told to fn, and that the
 * chain still holds anchor ("1234 3f2a-9b1c-07de-55aa": a row number and its
 * MAC, as yz_audit_anchor gave it; NULL = none) and the newest anchor noted in
 * the file beside the station key. The number of problems (0 = intact), or -1
 * (an anchor that is no anchor: YZ_ERR_INVALID). */
int yz_audit_check(yz_store *st, const char *anchor, yz_audit_problem_fn fn, void *ctx,
                   yz_err *err);

/* Write an audit row "audit_anchor" by actor and put the head of the chain
 * then (that row's number and the first 16 hex digits of its MAC, grouped:
 * "1234 3f2a-9b1c-07de-55aa") into out, for the station head's ledger; it is
 * also noted in the file "<key file>.anchors". 0 or -1. */
int yz_audit_anchor(yz_store *st, const char *actor, char *out, size_t n, yz_err *err);

#endif
