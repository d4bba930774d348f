/* The case lifecycle in the database: transitions, closing, hand-over, the
 * stopped clock (bu zheng), forwarding to departments and the computed due
 * dates. Each public function is one transaction with its timeline event and
 * audit row; who may call it is the service's business. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "life_int.h"

static const char *str_or(const char *s, const char *dflt)
{
	return s && *s ? s : dflt;
}

int st_life_load_open(yz_store *st, int64_t id, yz_case *c, yz_err *err)
{
	int rc = yz_case_get_by_id(st, id, c, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This case does not exist."));
	if (rc != 0)
		return -1;
	if (c->status != YZ_CASE_ACCEPTED) {
		yz_err_set(err, _("Case %s is already closed: nothing was changed."), c->number);
		return -1;
	}
	return 0;
}

int st_life_event(yz_store *st, const yz_case *c, const char *kind, const char *from,
                  const char *to, const yz_act *a, const char *at, yz_err *err)
{
	char detail[512];

	if (st_event_full(st, c->id, a->actor, kind, a->note, at, from, to, a->on_behalf, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "%s %s%s%s%s%s", c->number, from, *to ? " -> " : "", to,
	         a->on_behalf && *a->on_behalf ? " for " : "", str_or(a->on_behalf, ""));
	return st_audit_at(st, at, a->actor, kind, detail, err);
}

int st_life_exec(yz_store *st, const char *sql, int64_t id, const char *t2, const char *t3,
                 const char *t4, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, sql, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_bind_parameter_count(s) >= 2)
		st_bind_str(s, 2, t2);
	if (sqlite3_bind_parameter_count(s) >= 3)
		st_bind_str(s, 3, t3);
	if (sqlite3_bind_parameter_count(s) >= 4)
		st_bind_str(s, 4, t4);
	return st_exec_stmt(st, s, err);
}

int st_life_fix_eff(yz_store *st, int64_t id, const char *at, yz_err *err)
{
	return st_life_exec(st,
	                    "UPDATE cases SET updated_at = ?2, eff_due = CASE"
	                    " WHEN status <> 'accepted' OR paused_since <> '' THEN ''"
	                    " WHEN fwd_due <> '' AND (due_date = '' OR fwd_due < due_date)"
	                    " THEN fwd_due ELSE due_date END WHERE id = ?1",
	                    id, at, NULL, NULL, err);
}

int st_life_move(yz_store *st, const yz_case *c, const yz_act *a, const char **to, yz_err *err)
{
	*to = c->state;
	/* The step was computed from the state the caller saw, outside this
	 * transaction: another counter may have moved the case since. */
	if (a->from_state && *a->from_state && strcmp(a->from_state, c->state) != 0) {
		yz_err_setc(err, YZ_ERR_EXISTS, "%s",
		            _("This case was just handled at another counter. Open it again."));
		return -1;
	}
	if (!a->to_state || !*a->to_state || !strcmp(a->to_state, c->state))
		return 0;
	*to = a->to_state;
	return st_life_exec(st, "UPDATE cases SET state = ?2 WHERE id = ?1", c->id, a->to_state,
	                    NULL, NULL, err);
}

int st_life_end(yz_store *st, int rc, yz_err *err)
{
	return st_tx_end(st, rc == 0, err) < 0 ? -1 : rc;
}

static bool valid_date(const char *s)
{
	yz_date d;

	return s && yz_date_parse(s, &d);
}

/* ---- transitions, closing, hand-over ----------------------------------------- */

static int transition_tx(yz_store *st, int64_t id, const char *from, const char *to,
                         const yz_act *a, const char *at, yz_err *err)
{
	yz_case c;

	if (st_life_load_open(st, id, &c, err) < 0)
		return -1;
	if (strcmp(c.state, from) != 0) {
		yz_err_set(err, _("Case %s has moved on meanwhile (now: %s). Look at it again."),
		           c.number, c.state);
		return -1;
	}
	if (st_life_exec(st, "UPDATE cases SET state = ?2 WHERE id = ?1", id, to, NULL, NULL, err) <
	        0 ||
	    st_life_fix_eff(st, id, at, err) < 0)
		return -1;
	return st_life_event(st, &c, "transition", from, to, a, at, err);
}

int yz_case_transition(yz_store *st, int64_t case_id, const char *from, const char *to,
                       const yz_act *a, yz_err *err)
{
	char at[21];

	if (!from || !to || !*to) {
		yz_err_set(err, _("No step was chosen for the case."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, transition_tx(st, case_id, from, to, a, at, err), err);
}

int st_life_close_tx(yz_store *st, const yz_case *c, const char *state, yz_case_result result,
                     const yz_act *a, const char *at, yz_err *err)
{
	if (c->paused_since[0]) {
		yz_err_set(err, _("Case %s waits for the resident's materials: resume it first."),
		           c->number);
		return -1;
	}
	if (c->forward_id) {
		yz_err_set(err, _("Case %s is still at %s: record the department's result first."),
		           c->number, c->department);
		return -1;
	}
	if (st_life_exec(st,
	                 "UPDATE cases SET status = 'done', state = ?2, result = ?3,"
	                 " closed_at = ?4 WHERE id = ?1",
	                 c->id, state, st_case_result_text(result), at, err) < 0 ||
	    st_life_fix_eff(st, c->id, at, err) < 0)
		return -1;
	return st_life_event(st, c, "closed", c->state, state, a, at, err);
}

static int close_tx(yz_store *st, int64_t id, const char *state, yz_case_result result,
                    const yz_act *a, const char *at, yz_err *err)
{
	yz_case c;

	if (st_life_load_open(st, id, &c, err) < 0)
		return -1;
	return st_life_close_tx(st, &c, state, result, a, at, err);
}

/* A result a closed case may have: one with a word, other than none. */
static bool result_known(yz_case_result r)
{
	return r != YZ_RESULT_NONE && st_case_result_text(r) != NULL;
}

int yz_case_close(yz_store *st, int64_t case_id, const char *state, yz_case_result result,
                  const yz_act *a, yz_err *err)
{
	char at[21];

	if (!result_known(result) || !state || !*state) {
		yz_err_set(err, _("Choose how the case ended before closing it."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, close_tx(st, case_id, state, result, a, at, err), err);
}

int st_life_reopen_tx(yz_store *st, const yz_case *c, const char *state, const yz_act *a,
                      const char *at, yz_err *err)
{
	if (st_life_exec(st,
	                 "UPDATE cases SET status = 'accepted', state = ?2, result = '',"
	                 " closed_at = '' WHERE id = ?1",
	                 c->id, state, NULL, NULL, err) < 0 ||
	    st_life_fix_eff(st, c->id, at, err) < 0)
		return -1;
	return st_life_event(st, c, "reopened", c->state, state, a, at, err);
}

static int reopen_tx(yz_store *st, int64_t id, const char *state, const yz_act *a, const char *at,
                     yz_err *err)
{
	yz_case c;
	int rc = yz_case_get_by_id(st, id, &c, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This case does not exist."));
	if (rc != 0)
		return -1;
	if (c.status != YZ_CASE_DONE) {
		yz_err_set(err, _("Case %s is still open."), c.number);
		return -1;
	}
	return st_life_reopen_tx(st, &c, state, a, at, err);
}

int yz_case_reopen(yz_store *st, int64_t case_id, const char *state, const yz_act *a, yz_err *err)
{
	char at[21];

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, reopen_tx(st, case_id, state, a, at, err), err);
}

static int hand_over_tx(yz_store *st, int64_t id, const char *to, const yz_act *a, const char *at,
                        yz_err *err)
{
	yz_case c;
	yz_user u;
	int rc;

	if (st_life_load_open(st, id, &c, err) < 0)
		return -1;
	rc = yz_user_get(st, to, &u, err);
	if (rc == 1)
		yz_err_set(err, _("There is no clerk with the login \"%s\"."), to);
	if (rc != 0)
		return -1;
	if (!strcmp(c.owner, to)) {
		yz_err_set(err, _("Case %s already belongs to %s."), c.number, u.name);
		return -1;
	}
	if (st_life_exec(st, "UPDATE cases SET owner = ?2 WHERE id = ?1", id, to, NULL, NULL, err) <
	        0 ||
	    st_life_fix_eff(st, id, at, err) < 0)
		return -1;
	return st_life_event(st, &c, "handed_over", c.owner, to, a, at, err);
}

int yz_case_hand_over(yz_store *st, int64_t case_id, const char *to_login, const yz_act *a,
                      yz_err *err)
{
	char at[21];

	if (!to_login || !*to_login || !a->note || !*a->note) {
		yz_err_set(err, _("A hand-over needs the clerk who takes the case and a reason."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, hand_over_tx(st, case_id, to_login, a, at, err), err);
}

/* ---- the stopped clock (bu zheng) ------------------------------------------------ */

static int insert_pause(yz_store *st, int64_t id, const char *missing, const char *bring_by,
                        const yz_act *a, const char *at, int64_t *pause_id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO case_pauses(case_id, from_date, missing, bring_by,"
	                          " actor, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	st_bind_str(s, 2, a->today);
	st_bind_str(s, 3, missing);
	st_bind_str(s, 4, bring_by);
	st_bind_str(s, 5, a->actor);
	st_bind_str(s, 6, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (pause_id)
		*pause_id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int pause_tx(yz_store *st, int64_t id, const char *missing, const char *bring_by,
                    const yz_act *a, const char *at, int64_t *pause_id, yz_err *err)
{
	yz_case c;

	if (st_life_load_open(st, id, &c, err) < 0)
		return -1;
	if (c.paused_since[0]) {
		yz_err_set(err, _("Case %s already waits for the resident since %s."), c.number,
		           c.paused_since);
		return -1;
	}
	if (insert_pause(st, id, missing, bring_by, a, at, pause_id, err) < 0 ||
	    st_life_exec(st, "UPDATE cases SET paused_since = ?2 WHERE id = ?1", id, a->today, NULL,
	                 NULL, err) < 0 ||
	    st_life_fix_eff(st, id, at, err) < 0)
		return -1;
	return st_life_event(st, &c, "paused", c.state, c.state, a, at, err);
}

int yz_case_pause(yz_store *st, int64_t case_id, const char *missing, const char *bring_by,
                  const yz_act *a, int64_t *pause_id, yz_err *err)
{
	char at[21];

	if (!missing || !*missing) {
		yz_err_set(err, _("Write down exactly which materials are missing."));
		return -1;
	}
	if (!valid_date(bring_by) || !valid_date(a->today) || strcmp(bring_by, a->today) < 0) {
		yz_err_set(err, _("Give the date by which the resident should bring the materials "
		                  "(today or later)."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, pause_tx(st, case_id, missing, bring_by, a, at, pause_id, err), err);
}

/* Add the labels not yet among the case's materials, after the last one. */
static int add_materials(yz_store *st, int64_t id, const char *const *m, size_t n, yz_err *err)
{
	sqlite3_stmt *s;

	for (size_t i = 0; i < n; i++) {
		if (!m[i] || !*m[i])
			continue;
		s = st_prep(st,
		            "INSERT INTO case_materials(case_id, ord, label)"
		            " SELECT ?1, coalesce(max(ord), 0) + 1, ?2 FROM case_materials"
		            " WHERE case_id = ?1 AND NOT EXISTS (SELECT 1 FROM case_materials"
		            " WHERE case_id = ?1 AND label = ?2)",
		            err);
		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		st_bind_str(s, 2, m[i]);
		if (st_exec_stmt(st, s, err) < 0)
			return -1;
	}
	return 0;
}

static int resume_tx(yz_store *st, const yz_calendar *cal, int64_t id, const char *const *m,
                     size_t nm, const yz_act *a, const char *at, yz_err *err)
{
	yz_case c;
	yz_date today;
	const char *to;

	if (st_life_load_open(st, id, &c, err) < 0)
		return -1;
	if (!c.paused_since[0]) {
		yz_err_set(err, _("Case %s is not waiting for materials."), c.number);
		return -1;
	}
	if (!yz_date_parse(a->today, &today)) {
		yz_err_set(err, _("The case's dates are not valid dates."));
		return -1;
	}
	if (st_life_exec(st,
	                 "UPDATE case_pauses SET until_date = ?2 WHERE case_id = ?1"
	                 " AND until_date = ''",
	                 id, a->today, NULL, NULL, err) < 0 ||
	    st_life_exec(st, "UPDATE cases SET paused_since = '' WHERE id = ?1", id, NULL, NULL,
	                 NULL, err) < 0 ||
	    st_life_recompute_tx(st, cal, id, today, at, err) < 0 ||
	    add_materials(st, id, m, nm, err) < 0 || st_life_move(st, &c, a, &to, err) < 0 ||
	    st_life_fix_eff(st, id, at, err) < 0)
		return -1;
	return st_life_event(st, &c, "resumed", c.state, to, a, at, err);
}

int yz_case_resume_with(yz_store *st, const yz_calendar *cal, int64_t case_id,
                        const char *const *materials, size_t n, const yz_act *a, yz_err *err)
{
	char at[21];

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, resume_tx(st, cal, case_id, materials, n, a, at, err), err);
}

int yz_case_resume(yz_store *st, const yz_calendar *cal, int64_t case_id, const yz_act *a,
                   yz_err *err)
{
	return yz_case_resume_with(st, cal, case_id, NULL, 0, a, err);
}

int yz_case_pauses(yz_store *st, int64_t case_id, yz_case_pause_rec *out, size_t max, size_t *n,
                   yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT id, from_date, until_date, missing, bring_by, actor"
	                          " FROM case_pauses WHERE case_id = ?1 ORDER BY id",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		yz_case_pause_rec *p = &out[(*n)++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(s, 0);
		st_col_cpy(s, 1, p->from, sizeof p->from);
		st_col_cpy(s, 2, p->until, sizeof p->until);
		st_col_cpy(s, 3, p->missing, sizeof p->missing);
		st_col_cpy(s, 4, p->bring_by, sizeof p->bring_by);
		st_col_cpy(s, 5, p->actor, sizeof p->actor);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}
