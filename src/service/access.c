/* Who may do what: signing in, the accounts, the refusal every write of the
 * service goes through, and the one answer to "what may this user do with
 * this case now" — the case view's key bar shows it, svc_begin enforces it. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

yz_login_result yz_service_login(yz_session *s, const char *login, const char *password, time_t now,
                                 int *locked_seconds, yz_err *err)
{
	yz_user u;
	yz_login_result r = yz_user_login(s->store, login, password, now, &u, locked_seconds, err);

	if (r == YZ_LOGIN_OK)
		s->user = u;
	return r;
}

int yz_service_user_list(yz_session *s, yz_user *out, size_t max, size_t *n, yz_err *err)
{
	return yz_user_list(s->store, out, max, n, err);
}

bool yz_service_is_head(const yz_session *s)
{
	return s->user.role == YZ_ROLE_HEAD || s->user.role == YZ_ROLE_ADMIN;
}

/* ---- refusals --------------------------------------------------------------------- */

int svc_refuse_as(yz_session *s, const char *action, const char *subject, const char *why,
                  yz_err *err)
{
	char detail[512];

	/* One kind of audit row for every refused attempt, the reason with it. */
	snprintf(detail, sizeof detail, "%s: %s", subject ? subject : "", why);
	yz_audit_append(s->store, s->user.login[0] ? s->user.login : "-", action, detail, NULL);
	/* TRANSLATORS: a refusal's reason, then that the attempt was written to
	 * the audit log. */
	yz_err_setc(err, YZ_ERR_DENIED, _("%s (This attempt was recorded.)"), why);
	return -1;
}

int svc_refuse(yz_session *s, const char *what, const char *subject, const char *why, yz_err *err)
{
	char subj[256];

	snprintf(subj, sizeof subj, "%s %s", what, subject ? subject : "");
	return svc_refuse_as(s, "case_denied", subj, why, err);
}

int svc_require_as(yz_session *s, const char *action, bool head, const char *subject,
                   const char *why, yz_err *err)
{
	if (!s->user.login[0])
		return svc_refuse_as(s, action, subject, _("Sign in first."), err);
	if (!head || yz_service_is_head(s))
		return 0;
	return svc_refuse_as(s, action, subject,
	                     why ? why : _("Only the station head or the admin can do this."), err);
}

int svc_require(yz_session *s, unsigned roles, const char *what, const char *subject, yz_err *err)
{
	char subj[256];

	if (s->user.login[0] && (roles & SVC_ROLE(s->user.role)))
		return 0;
	snprintf(subj, sizeof subj, "%s %s", what, subject ? subject : "");
	if (!s->user.login[0])
		return svc_refuse_as(s, "case_denied", subj, _("Sign in first."), err);
	return svc_refuse_as(s, "case_denied", subj,
	                     roles == SVC_ROLE(YZ_ROLE_HEAD)
	                         ? _("Only the station head can do this.")
	                         : _("Only the station head or the admin can do this."),
	                     err);
}

/* ---- what may be done to a case ---------------------------------------------------- */

static const char *const action_names[YZ_ACTION_COUNT] = {
    [YZ_ACTION_NEXT] = "next",           [YZ_ACTION_CLOSE] = "close",
    [YZ_ACTION_RATE] = "rate",           [YZ_ACTION_RESUME] = "resume",
    [YZ_ACTION_FW_RESULT] = "fw_result", [YZ_ACTION_NOTIFIED] = "notified",
    [YZ_ACTION_COLLECTED] = "collected", [YZ_ACTION_PAUSE] = "pause",
    [YZ_ACTION_FORWARD] = "forward",     [YZ_ACTION_EXTEND] = "extend",
    [YZ_ACTION_HAND_OVER] = "hand_over", [YZ_ACTION_REFUSE] = "refuse",
    [YZ_ACTION_WITHDRAW] = "withdraw",
};

const char *yz_service_action_name(yz_case_action a)
{
	return a < YZ_ACTION_COUNT ? action_names[a] : "?";
}

/* Whether s->user may change c at all: its owner, the head or the admin, or
 * the line's B clerk while the owner, its A clerk, is away today. */
static int may_act(yz_session *s, const yz_case *c, yz_case_actions *out, yz_err *err)
{
	yz_line_staff ls;
	char today[11];
	int rc;

	if (yz_service_is_head(s) || !strcmp(c->owner, s->user.login))
		return 1;
	if (!s->user.login[0] || !c->line[0])
		return 0;
	rc = yz_line_staff_get(s->store, c->line, &ls, err);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (strcmp(ls.b_login, s->user.login) != 0 || strcmp(ls.a_login, c->owner) != 0)
		return 0;
	yz_date_format(s->today, today);
	rc = yz_user_absent(s->store, c->owner, today, err);
	if (rc == 1)
		snprintf(out->on_behalf, sizeof out->on_behalf, "%s", c->owner);
	return rc;
}

static void refuse_all(yz_case_actions *out, const char *why)
{
	for (int a = 0; a < YZ_ACTION_COUNT; a++) {
		out->may[a] = false;
		snprintf(out->why[a], sizeof out->why[a], "%s", why);
	}
}

/* Rating: once the case is closed (unless it was not accepted), once. */
static bool rate_allows(const yz_case *c, char *buf, size_t n)
{
	bool open = c->status != YZ_CASE_DONE;

	if (open)
		snprintf(buf, n,
		         _("Case %s is still open: the resident rates it once it is closed."),
		         c->number);
	else if (c->rating)
		snprintf(buf, n, _("Case %s is rated already."), c->number);
	else if (c->result == YZ_RESULT_REJECTED)
		snprintf(buf, n, _("Case %s was not accepted: there is nothing to rate."),
		         c->number);
	return !open && !c->rating && c->result != YZ_RESULT_REJECTED;
}

/* Telling the resident the department's result, and their collecting it:
 * after the result came, also once the case is closed. */
static bool told_allows(const yz_case *c, const yz_case_forward *fw, bool last_step,
                        yz_case_action a, char *buf, size_t n)
{
	bool told = fw->notified_how != YZ_NOTIFY_NONE;

	if (!fw->id || !fw->result[0])
		snprintf(buf, n, _("No department's result of case %s is waiting to be told."),
		         c->number);
	else if (a == YZ_ACTION_NOTIFIED && told)
		snprintf(buf, n, _("The resident was told the result of case %s already."),
		         c->number);
	else if (a == YZ_ACTION_COLLECTED && !told)
		snprintf(buf, n, _("Tell the resident the result of case %s first."), c->number);
	else if (a == YZ_ACTION_COLLECTED && fw->collected_date[0])
		snprintf(buf, n, _("The resident collected the result of case %s already."),
		         c->number);
	else if (last_step)
		snprintf(buf, n, _("Case %s has come to the end of its steps: close it."),
		         c->number);
	else
		return true;
	return false;
}

/* The actions on an open case that is not at its workflow's last step. */
static bool open_allows(yz_session *s, const yz_case *c, const yz_case_forward *fw,
                        yz_case_action a, char *buf, size_t n)
{
	bool paused = c->paused_since[0], fwd = c->forward_id != 0;
	const yz_state_def *next[1];

	switch (a) {
	case YZ_ACTION_RESUME:
		if (!paused)
			snprintf(buf, n, _("Case %s does not wait for materials."), c->number);
		return paused;
	case YZ_ACTION_FW_RESULT:
		if (!fwd || fw->result[0])
			snprintf(buf, n, _("Case %s does not wait for a department."), c->number);
		return fwd && !fw->result[0];
	case YZ_ACTION_HAND_OVER:
	case YZ_ACTION_REFUSE:
		return true;
	default:
		break;
	}
	if (paused && a != YZ_ACTION_WITHDRAW) {
		snprintf(buf, n,
		         _("Case %s waits for the resident's materials: record that they came "
		           "before moving it on."),
		         c->number);
		return false;
	}
	/* Closing (withdrawn too), a new forward or pause wait for the department. */
	if (fwd && a != YZ_ACTION_NEXT && a != YZ_ACTION_EXTEND) {
		snprintf(buf, n, _("Case %s waits for the department %s: record its result first."),
		         c->number, c->department);
		return false;
	}
	if (a == YZ_ACTION_NEXT && yz_service_next_states(s, c, next, 1) == 0) {
		snprintf(buf, n, _("Case %s has no further step: close it."), c->number);
		return false;
	}
	if (a == YZ_ACTION_CLOSE && !yz_service_may_close(s, c)) {
		snprintf(buf, n,
		         _("Case %s is at the step \"%s\", which does not end the case: "
		           "move it on first."),
		         c->number, yz_service_state_label(s, c));
		return false;
	}
	return true;
}

/* Whether action a is allowed by the state of case c; else why into buf. */
static bool state_allows(yz_session *s, const yz_case *c, const yz_case_forward *fw,
                         yz_case_action a, char *buf, size_t n)
{
	bool open = c->status != YZ_CASE_DONE;
	const yz_form *f = s->cat ? yz_catalogue_find(s->cat, c->form_id) : NULL;
	const yz_state_def *sd = f && f->n_states ? yz_form_state(f, c->state) : NULL;
	bool last_step = open && sd && sd->terminal;

	if (a == YZ_ACTION_RATE)
		return rate_allows(c, buf, n);
	if (a == YZ_ACTION_NOTIFIED || a == YZ_ACTION_COLLECTED)
		return told_allows(c, fw, last_step, a, buf, n);
	if (!open) {
		snprintf(buf, n, _("Case %s is already closed: nothing was changed."), c->number);
		return false;
	}
	/* The workflow has ended: only closing (or withdrawing) is left. */
	if (last_step && a != YZ_ACTION_CLOSE && a != YZ_ACTION_WITHDRAW) {
		snprintf(buf, n, _("Case %s has come to the end of its steps: close it."),
		         c->number);
		return false;
	}
	return open_allows(s, c, fw, a, buf, n);
}

int yz_service_case_actions(yz_session *s, const yz_case *c, yz_case_actions *out, yz_err *err)
{
	yz_case_forward fw;
	char why[320];
	int rc;

	memset(out, 0, sizeof *out);
	rc = may_act(s, c, out, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		snprintf(why, sizeof why,
		         _("Case %s is in the hands of %s. Only they, their B clerk while they are "
		           "away, or the station head can change it."),
		         c->number, c->owner_name[0] ? c->owner_name : c->owner);
		refuse_all(out, why);
		return 0;
	}
	rc = yz_service_case_last_forward(s, c, &fw, err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		memset(&fw, 0, sizeof fw);
	for (int a = 0; a < YZ_ACTION_COUNT; a++)
		out->may[a] = state_allows(s, c, &fw, a, out->why[a], sizeof out->why[a]);
	return 0;
}

int svc_begin(yz_session *s, const char *case_no, yz_case_action a, const char *note, yz_case *c,
              svc_act_buf *b, yz_err *err)
{
	yz_case_actions ca;

	if (yz_service_case_find(s, case_no, c, err) != 0 ||
	    yz_service_case_actions(s, c, &ca, err) < 0)
		return -1;
	if (!ca.may[a])
		return svc_refuse(s, yz_service_action_name(a), c->number, ca.why[a], err);
	svc_act(s, b, ca.on_behalf, note);
	return 0;
}
