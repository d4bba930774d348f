/* The case lifecycle's rules: who may see and change a case (owner, AB cover,
 * the station head), which step may follow which (the form's states), what needs
 * the head's approval, and what is printed on the way. The records themselves
 * are kept by the store (yz_case_*, yz_approval_*). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

/* The id (data/vocab/lines.txt) of the business line whose cases are
 * answered questions: the station's word for it is data, its id is not. */
#define LINE_CONSULTATIONS "consultations"

/* Working days the head has for a follow-up call after a bad rating. */
#define FOLLOWUP_DAYS 3
/* "Due soon" on the dashboard: within this many working days. */
#define DUE_SOON_DAYS 2

void svc_act(yz_session *s, svc_act_buf *b, const char *on_behalf, const char *note)
{
	yz_date_format(s->today, b->today);
	snprintf(b->on_behalf, sizeof b->on_behalf, "%s", on_behalf ? on_behalf : "");
	b->act.actor = s->user.login;
	b->act.on_behalf = b->on_behalf;
	b->act.note = note ? note : "";
	b->act.today = b->today;
	b->act.to_state = NULL;
	b->act.from_state = NULL;
}

bool yz_service_may_see(yz_session *s, const yz_case *c)
{
	yz_line_staff ls;
	const char *me = s->user.login;

	if (yz_service_is_head(s) || !strcmp(c->owner, me))
		return true;
	if (!c->sensitive && !strcmp(c->clerk_login, me))
		return true; /* the first clerk keeps an eye on what they took */
	if (c->line[0] && yz_line_staff_get(s->store, c->line, &ls, NULL) == 0)
		return !strcmp(ls.a_login, me) || !strcmp(ls.b_login, me);
	return false;
}

int yz_service_case_open(yz_session *s, const char *case_no, yz_case *out, yz_err *err)
{
	int rc = yz_case_get(s->store, case_no, out, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("No case numbered %s"), case_no);
	if (rc != 0)
		return rc;
	if (yz_service_may_see(s, out))
		return 0;
	char why[384];
	snprintf(why, sizeof why,
	         _("Case %s belongs to the line \"%s\", which you do not hold. Ask the station "
	           "head if you need it."),
	         case_no, out->line);
	return svc_refuse(s, "open", case_no, why, err);
}

/* ---- states and results ------------------------------------------------------------ */

static const yz_form *form_of(yz_session *s, const yz_case *c)
{
	return s->cat ? yz_catalogue_find(s->cat, c->form_id) : NULL;
}

/* The form's state of c, or NULL (no workflow, or a state the form no longer
 * has); *f its form. */
static const yz_state_def *cur_state(yz_session *s, const yz_case *c, const yz_form **f)
{
	*f = form_of(s, c);
	return *f && (*f)->n_states ? yz_form_state(*f, c->state) : NULL;
}

/* Whether c's result leaves its last step open: requests and consultations
 * end resolved or answered whichever step ends them, while a decision
 * (approved / refused) ends in the step the clerk picked. */
static bool result_free_of_step(yz_session *s, const yz_case *c)
{
	for (const yz_case_result *r = yz_service_close_results(s, c); *r != YZ_RESULT_NONE; r++)
		if (*r == YZ_RESULT_APPROVED || *r == YZ_RESULT_REFUSED)
			return false;
	return true;
}

/* The step closing puts c in: its own when that ends the case; else, for a
 * case whose result does not pick the step, the first step after the current
 * one when that ends the case (a complaint's "replied" -> "done"), so that D
 * asks how it ended once, rather than T and then D. NULL: not yet. */
static const yz_state_def *close_step(yz_session *s, const yz_case *c)
{
	const yz_form *f;
	const yz_state_def *st = cur_state(s, c, &f), *nx;

	if (!st || st->terminal)
		return st;
	if (st->n_next == 0 || !result_free_of_step(s, c))
		return NULL;
	nx = yz_form_state(f, st->next[0]);
	return nx && nx->terminal ? nx : NULL;
}

const char *svc_event_step(yz_session *s, const yz_case *c, svc_event e)
{
	const yz_form *f;
	const yz_state_def *st = cur_state(s, c, &f), *nx;

	if (!st)
		return NULL;
	if (e == SVC_EVENT_FORWARD) {
		for (size_t i = 0; i < st->n_next; i++)
			if (!strcmp(st->next[i], YZ_STATE_FORWARDED))
				return st->next[i];
		return NULL;
	}
	/* The result came back: on to the step after the forwarded one. */
	if (strcmp(st->id, YZ_STATE_FORWARDED) != 0)
		return NULL;
	for (size_t i = 0; i < st->n_next; i++)
		if ((nx = yz_form_state(f, st->next[i])) && !nx->terminal)
			return nx->id;
	return NULL;
}

size_t yz_service_next_states(yz_session *s, const yz_case *c, const yz_state_def **out, size_t max)
{
	const yz_form *f;
	const yz_state_def *cur = cur_state(s, c, &f);
	const yz_state_def *closing = cur && !cur->terminal ? close_step(s, c) : NULL;
	size_t n = 0;

	/* The steps events reach are not offered by hand: the forwarded step (F
	 * records the forward and moves there) and the step closing ends in (D). */
	for (size_t i = 0; cur && i < cur->n_next && n < max; i++) {
		const yz_state_def *nx = yz_form_state(f, cur->next[i]);
		if (nx && nx != closing && strcmp(nx->id, YZ_STATE_FORWARDED) != 0)
			out[n++] = nx;
	}
	return n;
}

const char *yz_service_state_label(yz_session *s, const yz_case *c)
{
	const yz_form *f = form_of(s, c);
	const yz_state_def *st = f && f->n_states ? yz_form_state(f, c->state) : NULL;

	if (st && st->label)
		return st->label;
	if (!strcmp(c->state, YZ_STATE_ACCEPTED))
		return _("accepted");
	if (!strcmp(c->state, YZ_STATE_DONE))
		return _("done");
	if (!strcmp(c->state, YZ_STATE_REJECTED))
		return _("not accepted");
	if (!strcmp(c->state, YZ_STATE_WITHDRAWN))
		return _("withdrawn");
	/* A state the form no longer has (the file was edited, or the case came
	 * from before its workflow): say at least whether it is open. */
	return c->status == YZ_CASE_DONE ? _("done") : _("accepted");
}

bool yz_service_may_close(yz_session *s, const yz_case *c)
{
	const yz_form *f = form_of(s, c);

	if (!f || !f->n_states)
		return true;
	return close_step(s, c) != NULL;
}

const yz_case_result *yz_service_close_results(yz_session *s, const yz_case *c)
{
	return yz_service_form_results(form_of(s, c), s->cat ? &s->cat->vocab : NULL);
}

/* Whether f's business line is the one vocab knows by id. */
static bool form_line_is(const yz_form *f, const yz_form_vocab *vocab, const char *id)
{
	for (size_t i = 0; f->line && vocab && i < vocab->n_lines; i++)
		if (!strcmp(vocab->lines[i], f->line))
			return !strcmp(vocab->line_ids[i], id);
	return false;
}

const yz_case_result *yz_service_form_results(const yz_form *f, const yz_form_vocab *vocab)
{
	static const yz_case_result consult[] = {YZ_RESULT_ANSWERED, YZ_RESULT_NONE};
	static const yz_case_result request[] = {YZ_RESULT_RESOLVED, YZ_RESULT_ANSWERED,
	                                         YZ_RESULT_NONE};
	static const yz_case_result decision[] = {YZ_RESULT_APPROVED, YZ_RESULT_REFUSED,
	                                          YZ_RESULT_NONE};
	static const yz_case_result any[] = {YZ_RESULT_APPROVED, YZ_RESULT_REFUSED,
	                                     YZ_RESULT_ANSWERED, YZ_RESULT_RESOLVED,
	                                     YZ_RESULT_NONE};

	if (!f || f->kind_id == YZ_FORM_KIND_NONE)
		return any;
	if (form_line_is(f, vocab, LINE_CONSULTATIONS))
		return consult;
	if (f->kind_id == YZ_FORM_KIND_REQUEST)
		return request;
	return decision;
}

const char *yz_service_result_label(yz_case_result r)
{
	switch (r) {
	case YZ_RESULT_NONE:
		return "";
	case YZ_RESULT_APPROVED:
		return _("approved");
	case YZ_RESULT_REFUSED:
		return _("refused");
	case YZ_RESULT_ANSWERED:
		return _("answered");
	case YZ_RESULT_RESOLVED:
		return _("resolved");
	case YZ_RESULT_WITHDRAWN:
		return _("withdrawn");
	case YZ_RESULT_REJECTED:
		return _("not accepted");
	case YZ_RESULT_UNKNOWN:
		break;
	}
	return _("unknown");
}

static bool result_allowed(yz_session *s, const yz_case *c, yz_case_result result)
{
	const yz_case_result *r = yz_service_close_results(s, c);

	for (; *r != YZ_RESULT_NONE; r++)
		if (*r == result)
			return true;
	return false;
}

/* ---- transitions and closing --------------------------------------------------------- */

/* Close c, which svc_begin allowed to be closed (b), with result. */
static int close_case(yz_session *s, const yz_case *c, svc_act_buf *b, yz_case_result result,
                      yz_err *err)
{
	const yz_form *f = form_of(s, c);
	const yz_state_def *end = close_step(s, c);
	const char *state = !f || !f->n_states ? YZ_STATE_DONE : end ? end->id : c->state;

	if (!result_allowed(s, c, result)) {
		yz_err_set(err, _("Choose how the case ended from the list."));
		return -1;
	}
	return yz_case_close(s->store, c->id, state, result, &b->act, err);
}

/* Whether moving case_no to `to` means closing it: "done" for a form without
 * states. */
static bool done_closes(yz_session *s, const char *case_no, const char *to)
{
	yz_case c;
	const yz_form *f;

	if (!to || strcmp(to, YZ_STATE_DONE) != 0 || yz_case_get(s->store, case_no, &c, NULL) != 0)
		return false;
	f = form_of(s, &c);
	return !f || !f->n_states;
}

int yz_service_transition(yz_session *s, const char *case_no, const char *to, const char *note,
                          yz_err *err)
{
	yz_case c;
	const yz_form *f;
	const yz_state_def *cur;
	svc_act_buf b;

	if (done_closes(s, case_no, to)) {
		if (svc_begin(s, case_no, YZ_ACTION_CLOSE, note, &c, &b, err) < 0)
			return -1;
		return close_case(s, &c, &b, YZ_RESULT_RESOLVED, err);
	}
	if (svc_begin(s, case_no, YZ_ACTION_NEXT, note, &c, &b, err) < 0)
		return -1;
	/* Any step the form allows (also those events reach, for scripts). */
	cur = cur_state(s, &c, &f);
	for (size_t i = 0; cur && i < cur->n_next; i++)
		if (to && !strcmp(cur->next[i], to) && yz_form_state(f, to))
			return yz_case_transition(s->store, c.id, c.state, to, &b.act, err);
	yz_err_set(err, _("Case %s cannot go from \"%s\" to \"%s\"."), c.number,
	           yz_service_state_label(s, &c), to ? to : "");
	return -1;
}

int yz_service_close(yz_session *s, const char *case_no, yz_case_result result, const char *note,
                     yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (svc_begin(s, case_no, YZ_ACTION_CLOSE, note, &c, &b, err) < 0)
		return -1;
	return close_case(s, &c, &b, result, err);
}

int yz_service_withdraw(yz_session *s, const char *case_no, const char *reason, yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (!reason || !*reason) {
		yz_err_set(err, _("Write down why the resident withdraws the case."));
		return -1;
	}
	if (svc_begin(s, case_no, YZ_ACTION_WITHDRAW, reason, &c, &b, err) < 0)
		return -1;
	if (c.paused_since[0] && yz_case_resume(s->store, s->calendar, c.id, &b.act, err) < 0)
		return -1;
	return yz_case_close(s->store, c.id, YZ_STATE_WITHDRAWN, YZ_RESULT_WITHDRAWN, &b.act, err);
}

int yz_service_refuse(yz_session *s, const char *case_no, const char *reason, yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (!reason || !*reason) {
		yz_err_set(err, _("Write down why the case cannot be accepted: the resident gets "
		                  "it in writing."));
		return -1;
	}
	if (svc_begin(s, case_no, YZ_ACTION_REFUSE, reason, &c, &b, err) < 0)
		return -1;
	return yz_approval_request(s->store, c.id, YZ_APPROVAL_REFUSE, reason, 0, &b.act, NULL,
	                           err);
}

int yz_service_hand_over(yz_session *s, const char *case_no, const char *to_login,
                         const char *reason, yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (svc_begin(s, case_no, YZ_ACTION_HAND_OVER, reason, &c, &b, err) < 0)
		return -1;
	return yz_case_hand_over(s->store, c.id, to_login, &b.act, err);
}

/* ---- dashboard and lists ------------------------------------------------------------ */

int yz_service_dashboard(yz_session *s, yz_dashboard *out, yz_err *err)
{
	char today[11], soon[11];

	yz_date_format(s->today, today);
	yz_date_format(yz_add_workdays(s->calendar, s->today, DUE_SOON_DAYS, NULL), soon);
	/* The station head sees every queue; a clerk their own and the covered ones. */
	return yz_dashboard_get(s->store, yz_service_is_head(s) ? NULL : s->user.login, today, soon,
	                        out, err);
}

int yz_service_case_list(yz_session *s, const yz_case_filter *f, yz_case_cb cb, void *ctx,
                         yz_err *err)
{
	yz_case_filter g = {0};

	if (f)
		g = *f;
	if (!yz_service_is_head(s))
		g.visible_to = s->user.login;
	return yz_case_list(s->store, &g, cb, ctx, err);
}

int yz_service_deadline(yz_session *s, const yz_case *c, yz_deadline *due, yz_deadline *legal,
                        yz_err *err)
{
	return yz_case_deadline(s->store, s->calendar, c->id, s->today, due, legal, err);
}

/* ---- ratings and follow-ups -------------------------------------------------------- */

const char *yz_service_rating_label(int score)
{
	switch (score) {
	case 1:
		return _("very satisfied");
	case 2:
		return _("satisfied");
	case 3:
		return _("fairly satisfied");
	case 4:
		return _("dissatisfied");
	case 5:
		return _("very dissatisfied");
	default:
		return _("not rated");
	}
}

int yz_service_rating_of_key(int key)
{
	return key >= 1 && key <= 5 ? 6 - key : 0;
}

int yz_service_rating_key(int score)
{
	return yz_service_rating_of_key(score);
}

const char *yz_service_event_note(const yz_case_event *e, char *buf, size_t n)
{
	char *end;
	long score;

	if (strcmp(e->kind, "rated") != 0)
		return e->note;
	/* Stored as "<score> <comment>" since schema 3: the words, not the score. */
	score = strtol(e->note, &end, 10);
	if (end == e->note || score < 1 || score > 5)
		return e->note;
	while (*end == ' ')
		end++;
	snprintf(buf, n, "%s%s%s", yz_service_rating_label((int)score), *end ? "  " : "", end);
	return buf;
}

int yz_service_rate(yz_session *s, const char *case_no, int score, const char *comment, yz_err *err)
{
	yz_case c;
	svc_act_buf b;
	char due[11];
	const yz_form *f;
	bool complaint;

	if (svc_begin(s, case_no, YZ_ACTION_RATE, NULL, &c, &b, err) < 0)
		return -1;
	f = form_of(s, &c);
	complaint = f && f->kind_id == YZ_FORM_KIND_REQUEST;
	yz_date_format(yz_add_workdays(s->calendar, s->today, FOLLOWUP_DAYS, NULL), due);
	return yz_case_rate(s->store, c.id, score, comment, due, complaint, &b.act, NULL, err);
}

/* Follow-up calls and decisions are the station head's (not the admin's). */
static int need_head(yz_session *s, const char *what, yz_err *err)
{
	return svc_require(s, SVC_ROLE(YZ_ROLE_HEAD), what, NULL, err);
}

int yz_service_followup_done(yz_session *s, int64_t followup_id, const char *note, yz_err *err)
{
	svc_act_buf b;

	if (need_head(s, "followup", err) < 0)
		return -1;
	svc_act(s, &b, NULL, note);
	return yz_followup_done(s->store, followup_id, &b.act, err);
}

/* The new case a follow-up reopens: the old one's item, resident and fields,
 * accepted today with the form's limits, in the queue of the clerk who owned
 * the old one — or, when they are away today or no longer work here, of the
 * line's A or B clerk, as yz_service_case_taker routes it. */
static int reopen_case(yz_session *s, const yz_case *old, yz_case *out, yz_err *err)
{
	const yz_form *f = yz_catalogue_find(s->cat, old->form_id);
	int promise = f ? f->promise_days : old->promise_days > 0 ? old->promise_days : 0;
	int legal_days = f ? f->legal_days : old->legal_days > 0 ? old->legal_days : 0;
	char today[11], due[11], legal[11] = "", taker[33];
	yz_kv_list kv;
	if (yz_service_case_taker(s, old->line, old->owner[0] ? old->owner : old->clerk_login,
	                          taker, err) != 0 ||
	    yz_case_fields(s->store, old->id, &kv, err) != 0)
		return -1;
	yz_date_format(s->today, today);
	yz_date_format(yz_add_workdays(s->calendar, s->today, promise, NULL), due);
	if (legal_days > 0)
		yz_date_format(yz_add_workdays(s->calendar, s->today, legal_days, NULL), legal);
	yz_case_new in = {
	    .form_id = old->form_id,
	    .item = old->item,
	    .line = old->line,
	    .resident_id = old->resident_id,
	    .clerk_login = taker,
	    .accepted_date = today,
	    .due_date = due,
	    .status = YZ_CASE_ACCEPTED, /* handled again, whatever the item */
	    .field_keys = (const char *const *)kv.keys,
	    .field_vals = (const char *const *)kv.vals,
	    .n_fields = kv.n,
	    .state = f && f->n_states ? f->states[0].id : NULL,
	    .promise_days = promise,
	    .legal_days = legal_days,
	    .legal_due_date = legal,
	};
	int rc = yz_case_create(s->store, s->cfg->station_code, s->today.year, &in, out, err);
	yz_kv_free(&kv);
	return rc;
}

static int followup_reopen(yz_session *s, int64_t id, const yz_act *act, yz_case *out, yz_err *err)
{
	yz_followup fu;
	yz_case old;
	int rc = yz_followup_get(s->store, id, &fu, err);
	if (rc == 1 || (rc == 0 && fu.state != YZ_FOLLOWUP_OPEN))
		yz_err_setc(err, YZ_ERR_NOT_FOUND, "%s",
		            _("This follow-up does not exist or is already done."));
	if (rc != 0 || fu.state != YZ_FOLLOWUP_OPEN)
		return -1;
	if (!act->note || !*act->note) { /* before a case is made */
		yz_err_set(err, _("Write down what the resident said on the follow-up call."));
		return -1;
	}
	if (yz_case_get_by_id(s->store, fu.case_id, &old, err) != 0 ||
	    yz_store_begin(s->store, err) != 0)
		return -1;
	/* The new case and the follow-up's link to it: both or neither. */
	if (reopen_case(s, &old, out, err) != 0 ||
	    yz_followup_close(s->store, id, YZ_FOLLOWUP_REOPENED, out->id, act, err) != 0) {
		yz_store_rollback(s->store);
		return -1;
	}
	return yz_store_commit(s->store, err);
}

int yz_service_followup_close(yz_session *s, int64_t followup_id, yz_followup_outcome outcome,
                              const char *note, yz_case *new_case, yz_err *err)
{
	svc_act_buf b;
	char next[11];
	bool closed = false;

	if (need_head(s, "followup", err) < 0)
		return -1;
	svc_act(s, &b, NULL, note);
	switch (outcome) {
	case YZ_FOLLOWUP_SATISFIED:
		return yz_followup_close(s->store, followup_id, outcome, 0, &b.act, err);
	case YZ_FOLLOWUP_REOPENED:
		return followup_reopen(s, followup_id, &b.act, new_case, err);
	case YZ_FOLLOWUP_UNREACHED: /* called again the next working day */
		yz_date_format(yz_add_workdays(s->calendar, s->today, 1, NULL), next);
		if (yz_followup_unreached(s->store, followup_id, next, &b.act, &closed, err) != 0)
			return -1;
		return closed ? 1 : 0;
	case YZ_FOLLOWUP_NO_OUTCOME:
		break;
	}
	yz_err_setc(err, YZ_ERR_INVALID, "%s", _("Say how the follow-up call ended."));
	return -1;
}

/* ---- approvals ------------------------------------------------------------------------- */

int svc_check_extension(yz_session *s, const yz_case *c, int days, yz_err *err)
{
	yz_deadline due, legal;
	int room;

	if (days <= 0) {
		yz_err_set(err, _("An extension needs a number of working days (1 or more)."));
		return -1;
	}
	if (c->legal_days <= 0)
		return 0; /* no legal limit on record */
	if (yz_service_deadline(s, c, &due, &legal, err) < 0)
		return -1;
	room = yz_workdays_between(s->calendar, due.due, legal.due);
	if (days > room) {
		char l[11];
		yz_date_format(legal.due, l);
		yz_err_set(err,
		           _("An extension of %d working days would pass the legal deadline %s. "
		             "At most %d working days are possible."),
		           days, l, room);
		return -1;
	}
	return 0;
}

int yz_service_extension_request(yz_session *s, const char *case_no, int days, const char *reason,
                                 yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (svc_begin(s, case_no, YZ_ACTION_EXTEND, reason, &c, &b, err) < 0 ||
	    svc_check_extension(s, &c, days, err) < 0)
		return -1;
	return yz_approval_request(s->store, c.id, YZ_APPROVAL_EXTENSION, reason, days, &b.act,
	                           NULL, err);
}

int yz_service_decide(yz_session *s, int64_t approval_id, bool approve, const char *note,
                      yz_print_outcome *po, yz_err *err)
{
	yz_approval ap;
	yz_case c;
	svc_act_buf b;
	int rc;

	if (need_head(s, "decide", err) < 0)
		return -1;
	rc = yz_approval_get(s->store, approval_id, &ap, err);
	if (rc == 1)
		yz_err_set(err, _("This request does not exist."));
	if (rc != 0)
		return -1;
	if (approve && ap.kind == YZ_APPROVAL_EXTENSION && ap.state == YZ_APPROVAL_PENDING &&
	    (yz_case_get_by_id(s->store, ap.case_id, &c, err) != 0 ||
	     svc_check_extension(s, &c, ap.days, err) < 0))
		return -1;
	svc_act(s, &b, NULL, note);
	if (yz_approval_decide(s->store, s->calendar, approval_id, approve, &b.act, err) < 0)
		return -1;
	svc_print_after(s, ap.case_number, SVC_DOC_REFUSAL,
	                approve && ap.kind == YZ_APPROVAL_REFUSE ? po : NULL, err);
	return 0;
}
