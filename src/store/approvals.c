/* What the station head decides (refusing intake, extensions, closing a badly
 * rated complaint), the residents' ratings (hao cha ping) and the follow-up
 * calls (hui fang) a bad rating opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "life_int.h"

/* The stored word of a kind read back, for events ("<kind>_approved"). */
static const char *kind_word(yz_approval_kind k)
{
	const char *w = st_approval_kind_text(k);
	return w ? w : "unknown";
}

static int pending_of_kind(yz_store *st, int64_t case_id, yz_approval_kind kind, long *n,
                           yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT count(*) FROM approvals WHERE case_id = ?1 AND kind = ?2"
	                          " AND state = 'pending'",
	                          err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	st_bind_str(s, 2, st_approval_kind_text(kind));
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

static int insert_approval(yz_store *st, int64_t case_id, yz_approval_kind kind, const char *reason,
                           int days, const yz_act *a, const char *at, int64_t *id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO approvals(case_id, kind, requested_by, requested_at,"
	                          " reason, days) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	st_bind_str(s, 2, st_approval_kind_text(kind));
	st_bind_str(s, 3, a->actor);
	st_bind_str(s, 4, at);
	st_bind_str(s, 5, reason);
	sqlite3_bind_int(s, 6, days);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* In the caller's transaction; the case may be closed (close_bad_rating). */
static int request_tx(yz_store *st, const yz_case *c, yz_approval_kind kind, const char *reason,
                      int days, const yz_act *a, const char *at, int64_t *id, yz_err *err)
{
	char ev[40];
	long n;
	yz_act with_reason = *a;

	if (pending_of_kind(st, c->id, kind, &n, err) < 0)
		return -1;
	if (n > 0) {
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("Case %s already has a request of this kind waiting for the "
		              "station head."),
		            c->number);
		return -1;
	}
	if (insert_approval(st, c->id, kind, reason, days, a, at, id, err) < 0)
		return -1;
	snprintf(ev, sizeof ev, "%s_requested", kind_word(kind));
	with_reason.note = reason;
	return st_life_event(st, c, ev, c->state, c->state, &with_reason, at, err);
}

static int request_open_tx(yz_store *st, int64_t case_id, yz_approval_kind kind, const char *reason,
                           int days, const yz_act *a, const char *at, int64_t *id, yz_err *err)
{
	yz_case c;

	if (st_life_load_open(st, case_id, &c, err) < 0)
		return -1;
	return request_tx(st, &c, kind, reason, days, a, at, id, err);
}

int yz_approval_request(yz_store *st, int64_t case_id, yz_approval_kind kind, const char *reason,
                        int days, const yz_act *a, int64_t *id, yz_err *err)
{
	char at[21], k[16];

	if (!st_approval_kind_text(kind)) {
		snprintf(k, sizeof k, "%d", (int)kind);
		yz_err_set(err, _("Unknown kind of request: %s"), k);
		return -1;
	}
	if (!reason || !*reason) {
		yz_err_set(err, _("Write down the reason for the station head."));
		return -1;
	}
	if (kind == YZ_APPROVAL_EXTENSION && days <= 0) {
		yz_err_set(err, _("An extension needs a number of working days (1 or more)."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, request_open_tx(st, case_id, kind, reason, days, a, at, id, err),
	                   err);
}

/* ---- decisions -------------------------------------------------------------------- */

static int extend_tx(yz_store *st, const yz_calendar *cal, const yz_case *c, int days,
                     const yz_act *a, const char *at, yz_err *err)
{
	yz_date today;
	char d[24];

	if (!yz_date_parse(a->today, &today)) {
		yz_err_set(err, _("The case's dates are not valid dates."));
		return -1;
	}
	snprintf(d, sizeof d, "%d", days);
	if (st_life_exec(st,
	                 "UPDATE cases SET extension_days = extension_days + CAST(?2 AS INTEGER)"
	                 " WHERE id = ?1",
	                 c->id, d, NULL, NULL, err) < 0)
		return -1;
	return st_life_recompute_tx(st, cal, c->id, today, at, err);
}

/* The effect of an approved or rejected request on its case. */
static int apply_tx(yz_store *st, const yz_calendar *cal, const yz_approval *ap, bool approve,
                    yz_case *c, const yz_act *a, const char *at, yz_err *err)
{
	bool open = c->status == YZ_CASE_ACCEPTED;

	if (ap->kind == YZ_APPROVAL_BAD_RATING) {
		if (approve || open)
			return 0; /* the closing stands */
		return st_life_reopen_tx(st, c, YZ_STATE_ACCEPTED, a, at, err);
	}
	if (!open) {
		yz_err_set(err, _("Case %s is already closed: nothing was changed."), c->number);
		return -1;
	}
	if (!approve)
		return 0;
	if (ap->kind == YZ_APPROVAL_EXTENSION)
		return extend_tx(st, cal, c, ap->days, a, at, err);
	if (ap->kind != YZ_APPROVAL_REFUSE) { /* a damaged row: never taken for a refusal */
		yz_err_set(err, _("Unknown kind of request: %s"), kind_word(ap->kind));
		return -1;
	}
	/* Refusing intake: the clock and the department do not matter any more. */
	if (st_life_exec(st,
	                 "UPDATE cases SET paused_since = '', forward_id = NULL, fwd_due = ''"
	                 " WHERE id = ?1",
	                 c->id, NULL, NULL, NULL, err) < 0 ||
	    st_life_exec(st,
	                 "UPDATE case_pauses SET until_date = ?2 WHERE case_id = ?1"
	                 " AND until_date = ''",
	                 c->id, a->today, NULL, NULL, err) < 0)
		return -1;
	c->paused_since[0] = '\0';
	c->forward_id = 0;
	return st_life_close_tx(st, c, YZ_STATE_REJECTED, YZ_RESULT_REJECTED, a, at, err);
}

static int decide_tx(yz_store *st, const yz_calendar *cal, int64_t id, bool approve,
                     const yz_act *a, const char *at, yz_err *err)
{
	yz_approval ap;
	yz_case c;
	sqlite3_stmt *s;
	char ev[40];
	int rc = yz_approval_get(st, id, &ap, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This request does not exist."));
	if (rc != 0)
		return -1;
	if (ap.state != YZ_APPROVAL_PENDING) {
		yz_err_setc(err, YZ_ERR_EXISTS, _("This request was already decided by %s."),
		            ap.decided_by);
		return -1;
	}
	if (yz_case_get_by_id(st, ap.case_id, &c, err) != 0)
		return -1;
	s = st_prep(st,
	            "UPDATE approvals SET state = ?2, decided_by = ?3, decided_at = ?4, note = ?5"
	            " WHERE id = ?1",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	st_bind_str(s, 2,
	            st_approval_state_text(approve ? YZ_APPROVAL_APPROVED : YZ_APPROVAL_REJECTED));
	st_bind_str(s, 3, a->actor);
	st_bind_str(s, 4, at);
	st_bind_str(s, 5, a->note);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	snprintf(ev, sizeof ev, "%s_%s", kind_word(ap.kind), approve ? "approved" : "rejected");
	if (st_life_event(st, &c, ev, c.state, c.state, a, at, err) < 0)
		return -1;
	return apply_tx(st, cal, &ap, approve, &c, a, at, err);
}

int yz_approval_decide(yz_store *st, const yz_calendar *cal, int64_t id, bool approve,
                       const yz_act *a, yz_err *err)
{
	char at[21];

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, decide_tx(st, cal, id, approve, a, at, err), err);
}

#define APPROVAL_COLS                                                                              \
	"SELECT a.id, a.case_id, c.number, c.item, c.resident_name, a.kind, a.requested_by,"       \
	" a.requested_at, a.reason, a.days, a.state, a.decided_by, a.decided_at, a.note"           \
	" FROM approvals a JOIN cases c ON c.id = a.case_id"

static void approval_from_row(sqlite3_stmt *s, void *out)
{
	yz_approval *a = out;

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	a->case_id = sqlite3_column_int64(s, 1);
	st_col_cpy(s, 2, a->case_number, sizeof a->case_number);
	st_col_cpy(s, 3, a->item, sizeof a->item);
	st_col_cpy(s, 4, a->resident_name, sizeof a->resident_name);
	a->kind = st_approval_kind_from((const char *)sqlite3_column_text(s, 5));
	st_col_cpy(s, 6, a->requested_by, sizeof a->requested_by);
	st_col_cpy(s, 7, a->requested_at, sizeof a->requested_at);
	st_col_cpy(s, 8, a->reason, sizeof a->reason);
	a->days = sqlite3_column_int(s, 9);
	a->state = st_approval_state_from((const char *)sqlite3_column_text(s, 10));
	st_col_cpy(s, 11, a->decided_by, sizeof a->decided_by);
	st_col_cpy(s, 12, a->decided_at, sizeof a->decided_at);
	st_col_cpy(s, 13, a->note, sizeof a->note);
}

int yz_approval_get(yz_store *st, int64_t id, yz_approval *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, APPROVAL_COLS " WHERE a.id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return st_get_row(st, s, approval_from_row, out, err);
}

int yz_approval_list(yz_store *st, yz_approval_state state, int64_t case_id, yz_approval *out,
                     size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          APPROVAL_COLS " WHERE (?1 IS NULL OR a.state = ?1)"
	                                        " AND (?2 = 0 OR a.case_id = ?2) ORDER BY a.id",
	                          err);

	*n = 0;
	if (!s)
		return -1;
	if (state != YZ_APPROVAL_ANY) /* unbound: NULL, every state */
		st_bind_str(s, 1, st_approval_state_text(state));
	sqlite3_bind_int64(s, 2, case_id);
	return st_get_rows(st, s, approval_from_row, out, sizeof *out, max, n, err);
}

/* ---- ratings and follow-ups ------------------------------------------------------ */

static int insert_rating(yz_store *st, int64_t case_id, int score, const char *comment,
                         const yz_act *a, const char *at, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO ratings(case_id, score, comment, actor, at)"
	                          " VALUES(?1, ?2, ?3, ?4, ?5)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, score);
	st_bind_str(s, 3, comment);
	st_bind_str(s, 4, a->actor);
	st_bind_str(s, 5, at);
	return st_exec_stmt(st, s, err);
}

static int insert_followup(yz_store *st, int64_t case_id, const char *due, const char *at,
                           int64_t *id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO followups(case_id, due_date, created_at)"
	                          " VALUES(?1, ?2, ?3)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	st_bind_str(s, 2, due);
	st_bind_str(s, 3, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int rate_tx(yz_store *st, int64_t case_id, int score, const char *comment,
                   const char *fu_due, bool approval, const yz_act *a, const char *at, int64_t *fu,
                   yz_err *err)
{
	yz_case c;
	char note[320];
	yz_act ev = *a;
	int rc = yz_case_get_by_id(st, case_id, &c, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This case does not exist."));
	if (rc != 0)
		return -1;
	if (c.status != YZ_CASE_DONE) {
		yz_err_set(err,
		           _("Case %s is still open: the resident rates it when it is closed."),
		           c.number);
		return -1;
	}
	if (c.rating) {
		yz_err_setc(err, YZ_ERR_EXISTS, _("Case %s has already been rated."), c.number);
		return -1;
	}
	snprintf(note, sizeof note, "%d %s", score, comment ? comment : "");
	ev.note = note;
	if (insert_rating(st, case_id, score, comment, a, at, err) < 0 ||
	    st_life_event(st, &c, "rated", c.state, c.state, &ev, at, err) < 0)
		return -1;
	if (score < YZ_RATING_BAD)
		return 0;
	if (insert_followup(st, case_id, fu_due, at, fu, err) < 0)
		return -1;
	return approval ? request_tx(st, &c, YZ_APPROVAL_BAD_RATING, note, 0, a, at, NULL, err) : 0;
}

int yz_case_rate(yz_store *st, int64_t case_id, int score, const char *comment,
                 const char *followup_due, bool bad_rating_approval, const yz_act *a,
                 int64_t *followup_id, yz_err *err)
{
	char at[21];
	int64_t fu = 0;
	yz_date d;

	if (score < 1 || score > 5) {
		yz_err_set(err, _("The rating is a number from 1 (very satisfied) to 5 (very "
		                  "dissatisfied)."));
		return -1;
	}
	if (score >= YZ_RATING_BAD && (!followup_due || !yz_date_parse(followup_due, &d))) {
		yz_err_set(err, _("The follow-up needs a due date."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	if (st_life_end(st,
	                rate_tx(st, case_id, score, comment, followup_due, bad_rating_approval, a,
	                        at, &fu, err),
	                err) < 0)
		return -1;
	if (followup_id)
		*followup_id = fu;
	return 0;
}

int yz_case_rating(yz_store *st, int64_t case_id, int *score, char *comment, size_t n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT score, comment FROM ratings WHERE case_id = ?1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*score = sqlite3_column_int(s, 0);
		if (comment)
			st_col_cpy(s, 1, comment, n);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
}

/* How a follow-up ended, as stored (schema 5). */
static const char *const outcome_words[] = {
    [YZ_FOLLOWUP_NO_OUTCOME] = "",
    [YZ_FOLLOWUP_SATISFIED] = "satisfied",
    [YZ_FOLLOWUP_REOPENED] = "reopened",
    [YZ_FOLLOWUP_UNREACHED] = "unreached",
};

static yz_followup_outcome outcome_from(const char *text)
{
	for (size_t i = 1; text && i < sizeof outcome_words / sizeof outcome_words[0]; i++)
		if (!strcmp(text, outcome_words[i]))
			return (yz_followup_outcome)i;
	return YZ_FOLLOWUP_NO_OUTCOME;
}

/* The case with id id (a follow-up's, or the one it reopened) into c: 0, or
 * -1 with a message, also when there is no such case. */
static int followup_case(yz_store *st, int64_t id, yz_case *c, yz_err *err)
{
	int rc = yz_case_get_by_id(st, id, c, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("The case of this follow-up is not in the database (id %lld): "
		              "nothing was recorded."),
		            (long long)id);
	return rc == 0 ? 0 : -1;
}

/* The event on the case a follow-up closed, and for a reopened one the event
 * on the new case: each timeline names the other case. */
static int close_events(yz_store *st, int64_t case_id, int64_t new_case_id, const yz_act *a,
                        const char *at, yz_err *err)
{
	yz_case c, nc;
	yz_act ev = *a;
	char note[640];

	if (followup_case(st, case_id, &c, err) != 0)
		return -1;
	if (!new_case_id)
		return st_life_event(st, &c, "followup_done", c.state, c.state, a, at, err);
	if (followup_case(st, new_case_id, &nc, err) != 0)
		return -1;
	snprintf(note, sizeof note, _("%s (reopened as case %s)"), a->note, nc.number);
	ev.note = note;
	if (st_life_event(st, &c, "followup_done", c.state, c.state, &ev, at, err) < 0)
		return -1;
	snprintf(note, sizeof note, _("reopened from case %s after its follow-up: %s"), c.number,
	         a->note);
	return st_life_event(st, &nc, "reopened_from", nc.state, nc.state, &ev, at, err);
}

/* What an update of an open follow-up returns (RETURNING case_id, attempts). */
struct followup_hit {
	int64_t case_id;
	int attempts;
};

static void followup_hit_from_row(sqlite3_stmt *s, void *out)
{
	struct followup_hit *h = out;

	h->case_id = sqlite3_column_int64(s, 0);
	h->attempts = sqlite3_column_int(s, 1);
}

/* Step s, an UPDATE of one open follow-up, and finalize it: 0 with hit filled,
 * or -1 with err set (no row: the follow-up is gone or already done). */
static int followup_update(yz_store *st, sqlite3_stmt *s, struct followup_hit *hit, yz_err *err)
{
	int rc = st_get_row(st, s, followup_hit_from_row, hit, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("This follow-up does not exist or is already done."));
	return rc == 0 ? 0 : -1;
}

static int followup_close_tx(yz_store *st, int64_t id, yz_followup_outcome outcome,
                             int64_t new_case_id, const yz_act *a, const char *at, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE followups SET state = 'done', note = ?2, done_by = ?3,"
	                          " done_at = ?4, outcome = ?5, new_case_id = ?6"
	                          " WHERE id = ?1 AND state = 'open' RETURNING case_id, attempts",
	                          err);
	struct followup_hit hit;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	st_bind_str(s, 2, a->note);
	st_bind_str(s, 3, a->actor);
	st_bind_str(s, 4, at);
	st_bind_str(s, 5, outcome_words[outcome]);
	if (new_case_id)
		sqlite3_bind_int64(s, 6, new_case_id);
	if (followup_update(st, s, &hit, err) < 0)
		return -1;
	return close_events(st, hit.case_id, new_case_id, a, at, err);
}

int yz_followup_close(yz_store *st, int64_t id, yz_followup_outcome outcome, int64_t new_case_id,
                      const yz_act *a, yz_err *err)
{
	char at[21];

	if (!a->note || !*a->note) {
		yz_err_set(err, _("Write down what the resident said on the follow-up call."));
		return -1;
	}
	if ((outcome != YZ_FOLLOWUP_SATISFIED && outcome != YZ_FOLLOWUP_REOPENED) ||
	    (outcome == YZ_FOLLOWUP_REOPENED) != (new_case_id != 0)) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("A follow-up ends with the resident satisfied or with a new case."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, followup_close_tx(st, id, outcome, new_case_id, a, at, err), err);
}

int yz_followup_done(yz_store *st, int64_t id, const yz_act *a, yz_err *err)
{
	return yz_followup_close(st, id, YZ_FOLLOWUP_SATISFIED, 0, a, err);
}

static int followup_unreached_tx(yz_store *st, int64_t id, const char *next_due, const yz_act *a,
                                 const char *at, bool *closed, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE followups SET attempts = attempts + 1, due_date = ?2"
	                          " WHERE id = ?1 AND state = 'open' RETURNING case_id, attempts",
	                          err);
	struct followup_hit hit;
	yz_case c;
	yz_act ev = *a;
	char note[640];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	st_bind_str(s, 2, next_due);
	if (followup_update(st, s, &hit, err) < 0)
		return -1;
	*closed = hit.attempts >= YZ_FOLLOWUP_ATTEMPTS;
	if (*closed && st_life_exec(st,
	                            "UPDATE followups SET state = 'done', outcome = 'unreached',"
	                            " note = ?2, done_by = ?3, done_at = ?4 WHERE id = ?1",
	                            id, a->note ? a->note : "", a->actor, at, err) < 0)
		return -1;
	if (followup_case(st, hit.case_id, &c, err) != 0)
		return -1;
	snprintf(note, sizeof note, _("call %d of %d did not reach the resident%s%s"), hit.attempts,
	         YZ_FOLLOWUP_ATTEMPTS, a->note && *a->note ? ": " : "", a->note ? a->note : "");
	ev.note = note;
	return st_life_event(st, &c, "followup_unreached", c.state, c.state, &ev, at, err);
}

int yz_followup_unreached(yz_store *st, int64_t id, const char *next_due, const yz_act *a,
                          bool *closed, yz_err *err)
{
	char at[21];
	yz_date d;
	bool dummy;

	if (!next_due || !yz_date_parse(next_due, &d)) {
		yz_err_set(err, _("The follow-up needs a due date."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(
	    st, followup_unreached_tx(st, id, next_due, a, at, closed ? closed : &dummy, err), err);
}

#define FOLLOWUP_SELECT                                                                            \
	"SELECT f.id, f.case_id, c.number, c.item, c.resident_name, coalesce(r.score, 0),"         \
	" coalesce(r.comment, ''), f.due_date, f.state, f.note, f.done_by, f.done_at,"             \
	" coalesce(p.phone, ''), f.outcome, f.attempts, coalesce(f.new_case_id, 0),"               \
	" coalesce(nc.number, '')"                                                                 \
	" FROM followups f JOIN cases c ON c.id = f.case_id"                                       \
	" LEFT JOIN ratings r ON r.case_id = f.case_id"                                            \
	" LEFT JOIN residents p ON p.id = c.resident_id"                                           \
	" LEFT JOIN cases nc ON nc.id = f.new_case_id"

static void followup_from_row(sqlite3_stmt *s, void *out)
{
	yz_followup *f = out;

	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	f->case_id = sqlite3_column_int64(s, 1);
	st_col_cpy(s, 2, f->case_number, sizeof f->case_number);
	st_col_cpy(s, 3, f->item, sizeof f->item);
	st_col_cpy(s, 4, f->resident_name, sizeof f->resident_name);
	f->score = sqlite3_column_int(s, 5);
	st_col_cpy(s, 6, f->comment, sizeof f->comment);
	st_col_cpy(s, 7, f->due_date, sizeof f->due_date);
	f->state = st_followup_state_from((const char *)sqlite3_column_text(s, 8));
	st_col_cpy(s, 9, f->note, sizeof f->note);
	st_col_cpy(s, 10, f->done_by, sizeof f->done_by);
	st_col_cpy(s, 11, f->done_at, sizeof f->done_at);
	st_col_cpy(s, 12, f->resident_phone, sizeof f->resident_phone);
	f->outcome = outcome_from((const char *)sqlite3_column_text(s, 13));
	f->attempts = sqlite3_column_int(s, 14);
	f->new_case_id = sqlite3_column_int64(s, 15);
	st_col_cpy(s, 16, f->new_case_number, sizeof f->new_case_number);
}

int yz_followup_get(yz_store *st, int64_t id, yz_followup *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, FOLLOWUP_SELECT " WHERE f.id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return st_get_row(st, s, followup_from_row, out, err);
}

int yz_followup_list(yz_store *st, yz_followup_state state, yz_followup *out, size_t max, size_t *n,
                     yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, FOLLOWUP_SELECT " WHERE (?1 IS NULL OR f.state = ?1) ORDER BY f.due_date, f.id",
	    err);

	*n = 0;
	if (!s)
		return -1;
	if (state != YZ_FOLLOWUP_ANY) /* unbound: NULL, every state */
		st_bind_str(s, 1, st_followup_state_text(state));
	return st_get_rows(st, s, followup_from_row, out, sizeof *out, max, n, err);
}
