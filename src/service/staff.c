/* AB gang: the A and B clerk of each business line and the clerks' absences.
 * Anyone reads them; only the station head or the admin changes them — the
 * staff screen's key is no guard, the check is here, and a refusal is written
 * to the audit log. */
#include <stdio.h>
#include <string.h>

#include "workflow_int.h"

int yz_service_line_staff_list(yz_session *s, yz_line_staff *out, size_t max, size_t *n,
                               yz_err *err)
{
	return yz_line_staff_list(s->store, out, max, n, err);
}

int yz_service_line_staff_set(yz_session *s, const char *line, const char *a_login,
                              const char *b_login, yz_err *err)
{
	if (svc_require(s, SVC_ROLES_STAFF, "line_staff", line, err) < 0)
		return -1;
	return yz_line_staff_set(s->store, line, a_login, b_login, s->user.login, err);
}

int yz_service_absence_list(yz_session *s, yz_absence *out, size_t max, size_t *n, yz_err *err)
{
	char today[11];

	yz_date_format(s->today, today);
	return yz_absence_list(s->store, today, out, max, n, err);
}

int yz_service_absence_add(yz_session *s, const char *login, const char *from, const char *until,
                           int64_t *id, yz_err *err)
{
	if (svc_require(s, SVC_ROLES_STAFF, "absence_add", login, err) < 0)
		return -1;
	return yz_absence_add(s->store, login, from, until, s->user.login, id, err);
}

int yz_service_absence_end(yz_session *s, int64_t id, const char *until, yz_err *err)
{
	char today[11], subject[24];

	snprintf(subject, sizeof subject, "%lld", (long long)id);
	if (svc_require(s, SVC_ROLES_STAFF, "absence_end", subject, err) < 0)
		return -1;
	yz_date_format(s->today, today);
	return yz_absence_end(s->store, id, until ? until : today, s->user.login, err);
}
