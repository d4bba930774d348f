/* service/access.h: who may do what. Signing in, the station's accounts, and
 * the one answer to "what may this user do with this case now" — the case
 * view's key bar shows it and every lifecycle action of the service enforces
 * it, so that a key shown is a key allowed and an action refused is refused
 * here, with the reason in the clerk's words and an audit row. */
#ifndef YZ_SERVICE_ACCESS_H
#define YZ_SERVICE_ACCESS_H

#include <stdbool.h>
#include <time.h>

#include "yizhan/store/cases.h"
#include "yizhan/service/session.h"

/* Check the password of login (failures are counted per account; from the
 * fifth in a row it waits before each next try, longer each time: see
 * yz_login_delay). On YZ_LOGIN_OK s->user becomes the clerk (with
 * must_change when the password was handed out). *locked_seconds: the time
 * left for YZ_LOGIN_LOCKED. */
yz_login_result yz_service_login(yz_session *s, const char *login, const char *password, time_t now,
                                 int *locked_seconds, yz_err *err);

/* The active accounts, clerks first, then heads and admins, each by login. */
int yz_service_user_list(yz_session *s, yz_user *out, size_t max, size_t *n, yz_err *err);

/* Whether s->user is the station head or the admin: the staff screen, the
 * approvals and the follow-ups are theirs. */
bool yz_service_is_head(const yz_session *s);

/* What may be done to one case, in the order a clerk most likely needs it. */
typedef enum yz_case_action {
	YZ_ACTION_NEXT,      /* move on to a next step of the form's workflow */
	YZ_ACTION_CLOSE,     /* close it with a result (ban jie) */
	YZ_ACTION_RATE,      /* record the resident's rating of a closed case */
	YZ_ACTION_RESUME,    /* the missing materials came: the clock runs again */
	YZ_ACTION_FW_RESULT, /* the department's result came back */
	YZ_ACTION_NOTIFIED,  /* the resident was told the department's result */
	YZ_ACTION_COLLECTED, /* the resident collected it */
	YZ_ACTION_PAUSE,     /* materials are missing (bu zheng): the clock stops */
	YZ_ACTION_FORWARD,   /* forward it to a department (yi jiao) */
	YZ_ACTION_EXTEND,    /* ask the station head for more working days */
	YZ_ACTION_HAND_OVER, /* give it to another clerk */
	YZ_ACTION_REFUSE,    /* not accepted (bu yu shou li); the head approves */
	YZ_ACTION_WITHDRAW,  /* the resident withdraws it */
	YZ_ACTION_COUNT
} yz_case_action;

typedef struct yz_case_actions {
	bool may[YZ_ACTION_COUNT];      /* allowed for s->user now */
	char why[YZ_ACTION_COUNT][320]; /* refused: why, in the clerk's words ("" when allowed) */
	char on_behalf[33];             /* the absent A clerk s->user acts for as B clerk, or "" */
} yz_case_actions;

/* What s->user may do with case c now (as loaded; the actions themselves load
 * it again): the right to act on it (its owner, the line's B clerk while the
 * owner is away, the station head or the admin) and what its state allows.
 * No audit row. 0, or -1 with err when the database could not be read. */
int yz_service_case_actions(yz_session *s, const yz_case *c, yz_case_actions *out, yz_err *err);

/* The action's name in the audit log ("next", "close", ...; ASCII). */
const char *yz_service_action_name(yz_case_action a);

#endif
