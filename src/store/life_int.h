/* Internal to the store's case-lifecycle files (lifecycle.c, deadline.c,
 * forward.c, approvals.c): the pieces every action is built from. */
#ifndef YZ_STORE_LIFE_INT_H
#define YZ_STORE_LIFE_INT_H

#include "store_int.h"

/* The case, which must be open (else err says it is closed). */
int st_life_load_open(yz_store *st, int64_t id, yz_case *c, yz_err *err);
/* Timeline event (note and on_behalf from a) and audit row. */
int st_life_event(yz_store *st, const yz_case *c, const char *kind, const char *from,
                  const char *to, const yz_act *a, const char *at, yz_err *err);
/* Run sql with ?1 = id and text parameters ?2..?4 (as many as it has). */
int st_life_exec(yz_store *st, const char *sql, int64_t id, const char *t2, const char *t3,
                 const char *t4, yz_err *err);
/* Recompute eff_due (and updated_at) of a case from its other columns. */
int st_life_fix_eff(yz_store *st, int64_t id, const char *at, yz_err *err);
/* Move c to a->to_state when it is set and differs (the event of an action
 * that moves the case); *to is the state the case is in afterwards. Refused
 * (YZ_ERR_EXISTS) when a->from_state is set and c is no longer in it. */
int st_life_move(yz_store *st, const yz_case *c, const yz_act *a, const char **to, yz_err *err);
/* Close a transaction begun by the caller: commit when rc == 0; returns rc. */
int st_life_end(yz_store *st, int rc, yz_err *err);
/* Close / reopen inside the caller's transaction. */
int st_life_close_tx(yz_store *st, const yz_case *c, const char *state, yz_case_result result,
                     const yz_act *a, const char *at, yz_err *err);
int st_life_reopen_tx(yz_store *st, const yz_case *c, const char *state, const yz_act *a,
                      const char *at, yz_err *err);
/* The department's result of the forward case id waits on, inside the
 * caller's transaction (forward.c): the forward's result, the case back from
 * the department and moved to a->to_state, event dept_result. A clerk's
 * yz_case_forward_result and a hub's answer (outbox.c) both. */
int st_forward_result_tx(yz_store *st, int64_t id, const char *result, const char *date,
                         const yz_act *a, const char *at, yz_err *err);
/* Due dates of one case recomputed inside the caller's transaction. */
int st_life_recompute_tx(yz_store *st, const yz_calendar *cal, int64_t id, yz_date on,
                         const char *at, yz_err *err);

#endif
