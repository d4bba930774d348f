/* The case lifecycle's rules: who may see and change a case (owner, AB cover,
 * the station head), which step may follow which (the form's states), what needs
 * the head's approval, and what is printed on the way. The records themselves
 * are kept by the store (yz_case_*, yz_approval_*). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

/* Form kinds (UTF-8): consultation (zi xun) and request/complaint (su qiu). */
#define KIND_CONSULT "\u54a8\u8be2"
#define KIND_REQUEST "\u8bc9\u6c42"

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
}

static bool is_head(const yz_session *s)
{
	return s->user.role == YZ_ROLE_HEAD || s->user.role == YZ_ROLE_ADMIN;
}

void svc_denied(yz_session *s, const char *what, const char *case_no)
{
	char detail[160];

	snprintf(detail, sizeof detail, "%s %s", what, case_no ? case_no : "");
	yz_audit_append(s->store, s->user.login, "case_denied", detail, NULL);
}

bool yz_service_may_see(yz_session *s, const yz_case *c)
{
	yz_line_staff ls;
	const char *me = s->user.login;

	if (is_head(s) || !strcmp(c->owner, me))
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
		yz_err_set(err, _("No case numbered %s"), case_no);
	if (rc != 0)
		return rc;
	if (yz_service_may_see(s, out))
		return 0;
	svc_denied(s, "open", case_no);
	yz_err_set(err,
	           _("Case %s belongs to the line \"%s\", which you do not hold. Ask the station "
	             "head if you need it. (This attempt was recorded.)"),
	           case_no, out->line);
	return -1;
}

int svc_may_act(yz_session *s, const yz_case *c, char on_behalf[33], yz_err *err)
{
	yz_line_staff ls;
	char today[11];

	on_behalf[0] = '\0';
	if (is_head(s) || !strcmp(c->owner, s->user.login))
		return 0;
	yz_date_format(s->today, today);
	if (c->line[0] && yz_line_staff_get(s->store, c->line, &ls, NULL) == 0 &&
	    !strcmp(ls.b_login, s->user.login) && !strcmp(ls.a_login, c->owner) &&
	    yz_user_absent(s->store, c->owner, today, NULL) == 1) {
		snprintf(on_behalf, 33, "%s", c->owner);
		return 0;
	}
	svc_denied(s, "act", c->number);
	yz_err_set(err,
	           _("Case %s is in the hands of %s. Only they, their B clerk while they are "
	             "away, or the station head can change it. (This attempt was recorded.)"),
	           c->number, c->owner_name[0] ? c->owner_name : c->owner);
	return -1;
}

int svc_load_for_action(yz_session *s, const char *case_no, yz_case *c, char on_behalf[33],
                        yz_err *err)
{
	int rc = yz_service_case_open(s, case_no, c, err);

	if (rc != 0)
		return -1;
	if (svc_may_act(s, c, on_behalf, err) < 0)
		return -1;
	if (strcmp(c->status, YZ_CASE_ACCEPTED) != 0) {
		yz_err_set(err, _("Case %s is already closed: nothing was changed."), c->number);
		return -1;
	}
	return 0;
}

int svc_begin_action(yz_session *s, const char *case_no, const char *note, yz_case *c,
                     svc_act_buf *b, yz_err *err)
{
	char ob[33];

	if (svc_load_for_action(s, case_no, c, ob, err) < 0)
		return -1;
	svc_act(s, b, ob, note);
	return 0;
}

/* ---- states and results ------------------------------------------------------------ */

static const yz_form *form_of(yz_session *s, const yz_case *c)
{
	return s->cat ? yz_catalogue_find(s->cat, c->form_id) : NULL;
}

size_t yz_service_next_states(yz_session *s, const yz_case *c, const yz_state_def **out, size_t max)
{
	const yz_form *f = form_of(s, c);
	const yz_state_def *cur = f && f->n_states ? yz_form_state(f, c->state) : NULL;
	size_t n = 0;

	for (size_t i = 0; cur && i < cur->n_next && n < max; i++) {
		const yz_state_def *nx = yz_form_state(f, cur->next[i]);
		if (nx)
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
	return strcmp(c->status, YZ_CASE_DONE) == 0 ? _("done") : _("accepted");
}

bool yz_service_may_close(yz_session *s, const yz_case *c)
{
	const yz_form *f = form_of(s, c);
	const yz_state_def *st;

	if (!f || !f->n_states)
		return true;
	st = yz_form_state(f, c->state);
	return st && st->terminal;
}

const char *const *yz_service_close_results(yz_session *s, const yz_case *c)
{
	return yz_service_form_results(form_of(s, c));
}

const char *const *yz_service_form_results(const yz_form *f)
{
	static const char *const consult[] = {YZ_RESULT_ANSWERED, NULL};
	static const char *const request[] = {YZ_RESULT_RESOLVED, YZ_RESULT_ANSWERED, NULL};
	static const char *const decision[] = {YZ_RESULT_APPROVED, YZ_RESULT_REFUSED, NULL};
	static const char *const any[] = {YZ_RESULT_APPROVED, YZ_RESULT_REFUSED, YZ_RESULT_ANSWERED,
	                                  YZ_RESULT_RESOLVED, NULL};

	if (!f || !f->kind)
		return any;
	if (!strcmp(f->kind, KIND_CONSULT))
		return consult;
	if (!strcmp(f->kind, KIND_REQUEST))
		return request;
	return decision;
}

const char *yz_service_result_label(const char *r)
{
	if (!r || !*r)
		return "";
	if (!strcmp(r, YZ_RESULT_APPROVED))
		return _("approved");
	if (!strcmp(r, YZ_RESULT_REFUSED))
		return _("refused");
	if (!strcmp(r, YZ_RESULT_ANSWERED))
		return _("answered");
	if (!strcmp(r, YZ_RESULT_RESOLVED))
		return _("resolved");
	if (!strcmp(r, YZ_RESULT_WITHDRAWN))
		return _("withdrawn");
	if (!strcmp(r, YZ_RESULT_REJECTED))
		return _("not accepted");
	return r;
}

static bool result_allowed(yz_session *s, const yz_case *c, const char *result)
{
	const char *const *r = yz_service_close_results(s, c);

	for (; result && *r; r++)
		if (!strcmp(*r, result))
			return true;
	return false;
}

/* ---- transitions and closing --------------------------------------------------------- */

static int close_case(yz_session *s, yz_case *c, const char *ob, const char *result,
                      const char *note, yz_err *err)
{
	svc_act_buf b;
	const yz_form *f = form_of(s, c);
	const char *state = f && f->n_states ? c->state : YZ_STATE_DONE;

	if (!yz_service_may_close(s, c)) {
		yz_err_set(err,
		           _("Case %s is at the step \"%s\", which does not end the case: "
		             "move it on first."),
		           c->number, yz_service_state_label(s, c));
		return -1;
	}
	if (!result_allowed(s, c, result)) {
		yz_err_set(err, _("Choose how the case ended from the list."));
		return -1;
	}
	svc_act(s, &b, ob, note);
	return yz_case_close(s->store, c->id, state, result, &b.act, err);
}

int yz_service_transition(yz_session *s, const char *case_no, const char *to, const char *note,
                          yz_err *err)
{
	yz_case c;
	char ob[33];
	const yz_state_def *next[32];
	size_t n;
	svc_act_buf b;
	const yz_form *f;

	if (svc_load_for_action(s, case_no, &c, ob, err) < 0)
		return -1;
	f = form_of(s, &c);
	if ((!f || !f->n_states) && to && !strcmp(to, YZ_STATE_DONE))
		return close_case(s, &c, ob, YZ_RESULT_RESOLVED, note, err);
	if (c.paused_since[0]) {
		yz_err_set(err,
		           _("Case %s waits for the resident's materials: record that they "
		             "came before moving it on."),
		           c.number);
		return -1;
	}
	n = yz_service_next_states(s, &c, next, 32);
	for (size_t i = 0; i < n; i++) {
		if (to && !strcmp(next[i]->id, to)) {
			svc_act(s, &b, ob, note);
			return yz_case_transition(s->store, c.id, c.state, to, &b.act, err);
		}
	}
	yz_err_set(err, _("Case %s cannot go from \"%s\" to \"%s\"."), c.number,
	           yz_service_state_label(s, &c), to ? to : "");
	return -1;
}

int yz_service_close(yz_session *s, const char *case_no, const char *result, const char *note,
                     yz_err *err)
{
	yz_case c;
	char ob[33];

	if (svc_load_for_action(s, case_no, &c, ob, err) < 0)
		return -1;
	return close_case(s, &c, ob, result, note, err);
}

int yz_service_withdraw(yz_session *s, const char *case_no, const char *reason, yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (!reason || !*reason) {
		yz_err_set(err, _("Write down why the resident withdraws the case."));
		return -1;
	}
	if (svc_begin_action(s, case_no, reason, &c, &b, err) < 0)
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
	if (svc_begin_action(s, case_no, reason, &c, &b, err) < 0)
		return -1;
	return yz_approval_request(s->store, c.id, YZ_APPROVAL_REFUSE, reason, 0, &b.act, NULL,
	                           err);
}

int yz_service_hand_over(yz_session *s, const char *case_no, const char *to_login,
                         const char *reason, yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (svc_begin_action(s, case_no, reason, &c, &b, err) < 0)
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
	return yz_dashboard_get(s->store, is_head(s) ? NULL : s->user.login, today, soon, out, err);
}

int yz_service_case_list(yz_session *s, const yz_case_filter *f, yz_case_cb cb, void *ctx,
                         yz_err *err)
{
	yz_case_filter g = {0};

	if (f)
		g = *f;
	if (!is_head(s))
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

int yz_service_rate(yz_session *s, const char *case_no, int score, const char *comment, yz_err *err)
{
	yz_case c;
	svc_act_buf b;
	char due[11];
	const yz_form *f;
	bool complaint;

	if (yz_service_case_open(s, case_no, &c, err) != 0)
		return -1;
	f = form_of(s, &c);
	complaint = f && f->kind && !strcmp(f->kind, KIND_REQUEST);
	yz_date_format(yz_add_workdays(s->calendar, s->today, FOLLOWUP_DAYS, NULL), due);
	svc_act(s, &b, NULL, NULL);
	return yz_case_rate(s->store, c.id, score, comment, due, complaint, &b.act, NULL, err);
}

static int need_head(yz_session *s, const char *what, yz_err *err)
{
	if (s->user.role == YZ_ROLE_HEAD)
		return 0;
	svc_denied(s, what, NULL);
	yz_err_set(err, _("Only the station head can do this. (This attempt was recorded.)"));
	return -1;
}

int yz_service_followup_done(yz_session *s, int64_t followup_id, const char *note, yz_err *err)
{
	svc_act_buf b;

	if (need_head(s, "followup", err) < 0)
		return -1;
	svc_act(s, &b, NULL, note);
	return yz_followup_done(s->store, followup_id, &b.act, err);
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

	if (svc_begin_action(s, case_no, reason, &c, &b, err) < 0 ||
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
	if (approve && !strcmp(ap.kind, YZ_APPROVAL_EXTENSION) && ap.state[0] == 'p' &&
	    (yz_case_get_by_id(s->store, ap.case_id, &c, err) != 0 ||
	     svc_check_extension(s, &c, ap.days, err) < 0))
		return -1;
	svc_act(s, &b, NULL, note);
	if (yz_approval_decide(s->store, s->calendar, approval_id, approve, &b.act, err) < 0)
		return -1;
	if (po && approve && !strcmp(ap.kind, YZ_APPROVAL_REFUSE))
		yz_service_print(s, ap.case_number, SVC_DOC_REFUSAL, NULL, po, NULL);
	return 0;
}

/* ---- talk sessions ------------------------------------------------------------------- */

int yz_service_talk_add(yz_session *s, const char *date, const char *place, int attendees,
                        int64_t *id, yz_err *err)
{
	return yz_talk_add(s->store, date, place, attendees, s->user.login, id, err);
}

int yz_service_talk_link(yz_session *s, int64_t session_id, const char *case_no, yz_err *err)
{
	yz_case c;

	if (yz_service_case_open(s, case_no, &c, err) != 0)
		return -1;
	return yz_talk_link(s->store, session_id, c.id, s->user.login, err);
}

char *yz_service_talk_summary(yz_session *s, int64_t session_id, yz_err *err)
{
	yz_talk_row rows[64];
	size_t n;
	long acc, done;
	char *out = NULL, *line;
	size_t len = 0;
	FILE *f;

	if (yz_talk_summary(s->store, session_id, rows, 64, &n, &acc, &done, err) < 0)
		return NULL;
	f = open_memstream(&out, &len);
	if (!f) {
		yz_err_set(err, _("Out of memory."));
		return NULL;
	}
	fprintf(f, _("Accepted %ld items, %ld done"), acc, done);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		if (asprintf(&line, _("%s: accepted %ld, done %ld"), rows[i].item, rows[i].accepted,
		             rows[i].done) >= 0) {
			fprintf(f, "  %s\n", line);
			free(line);
		}
	}
	fclose(f);
	return out;
}
