/* Signing in at the counter (issue 14): the first login's own password, the
 * idle lock's audit rows and the admin's unlock. The rules themselves (the
 * password rule, the growing wait) are the store's, so that the command line
 * and the counter answer alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"
#include "yizhan/service/signin.h"

int yz_service_change_password(yz_session *s, const char *password, yz_err *err)
{
	if (!s->user.login[0]) {
		yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in first."));
		return -1;
	}
	if (yz_user_change_password(s->store, s->user.login, password, err) != 0)
		return -1;
	s->user.must_change = false;
	return 0;
}

yz_login_result yz_service_check_login(yz_session *s, const char *login, const char *password,
                                       time_t now, yz_user *out, int *locked_seconds, yz_err *err)
{
	return yz_user_login(s->store, login, password, now, out, locked_seconds, err);
}

int yz_service_idle_lock_seconds(const yz_session *s)
{
	const char *env = getenv("YIZHAN_IDLE_LOCK_SECONDS");
	char *end;

	if (env && *env) {
		long v = strtol(env, &end, 10);
		if (!*end && v >= 0 && v <= 86400)
			return (int)v;
	}
	return s->cfg->idle_lock_minutes * 60;
}

int yz_service_lock_audit(yz_session *s, yz_lock_event ev, const char *other, yz_err *err)
{
	static const char *const actions[] = {"counter_locked", "counter_unlocked",
	                                      "counter_handover"};
	char detail[256], where[160];
	const char *actor = s->user.login[0] ? s->user.login : "-";

	if ((unsigned)ev > YZ_LOCK_HANDOVER)
		return -1;
	/* Which counter: its number when known (the label is the clerk's words). */
	if (s->counter.number > 0)
		snprintf(where, sizeof where, "counter %d", s->counter.number);
	else
		snprintf(where, sizeof where, "counter ?");
	if (ev == YZ_LOCK_HANDOVER) {
		snprintf(detail, sizeof detail, "%s from %s", where, actor);
		actor = other && *other ? other : "-";
	} else {
		snprintf(detail, sizeof detail, "%s", where);
	}
	return yz_audit_append(s->store, actor, actions[ev], detail, err);
}

int yz_service_user_unlock(yz_session *s, const char *login, int *waited, yz_err *err)
{
	int left = 0, rc;

	if (waited)
		*waited = 0;
	if (!s->user.login[0] || s->user.role != YZ_ROLE_ADMIN)
		return svc_refuse(s, "user_unlock", login,
		                  _("Only the admin can let an account in again."), err);
	rc = yz_user_wait(s->store, login, yz_clock_now(&s->clock), &left, err);
	if (rc == 0)
		rc = yz_user_unlock(s->store, login, s->user.login, err);
	if (rc == 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("There is no clerk with the login %s."),
		            login);
		return -1;
	}
	if (rc != 0)
		return -1;
	if (waited)
		*waited = left;
	return 0;
}
