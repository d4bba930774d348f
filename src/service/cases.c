/* What the screens read about cases and the station's queues: thin calls to
 * the store, so that a screen never holds the store itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

int yz_service_case_get(yz_session *s, const char *case_no, yz_case *out, yz_err *err)
{
	return yz_case_get(s->store, case_no, out, err);
}

/* ---- a case number as the clerk types it ------------------------------------------- */

/* Leading and trailing blanks of typed into buf; false when it does not fit. */
static bool trimmed(const char *typed, char *buf, size_t n)
{
	const char *p = typed ? typed : "";
	while (*p == ' ' || *p == '\t')
		p++;
	size_t len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len >= n)
		return false;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return true;
}

bool yz_service_case_number(yz_session *s, const char *typed, char *out, size_t n)
{
	char t[64];
	size_t len;

	if (!n)
		return false;
	out[0] = '\0';
	if (!trimmed(typed, t, sizeof t) || !t[0])
		return false;
	len = strlen(t);
	if (len <= 6 && strspn(t, "0123456789") == len) {
		/* The last digits of this year's sequence, on the session's clock. */
		long seq = strtol(t, NULL, 10);
		return yz_caseno_format(out, n, s->cfg->station_code, s->today.year, seq);
	}
	if (len >= n)
		return false;
	memcpy(out, t, len + 1);
	return true;
}

/* Refuse to show case c to s->user, naming whose case it is (the attempt is
 * written to the audit log as every refused opening). */
static int refuse_see(yz_session *s, const yz_case *c, yz_err *err)
{
	char why[384];

	snprintf(why, sizeof why,
	         _("Case %s belongs to %s: you have no right to see it. Ask the station head "
	           "if you need it."),
	         c->number, c->owner_name[0] ? c->owner_name : c->owner);
	return svc_refuse(s, "open", c->number, why, err);
}

int yz_service_case_find(yz_session *s, const char *typed, yz_case *out, yz_err *err)
{
	char no[64];

	if (!yz_service_case_number(s, typed, no, sizeof no)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("\"%s\" is not a case number: type it whole (%s-%d-000043) or "
		              "this year's last digits (43)"),
		            typed ? typed : "", s->cfg->station_code, s->today.year);
		return -1;
	}
	int rc = yz_case_get(s->store, no, out, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("No case numbered %s"), no);
	if (rc != 0)
		return rc;
	if (yz_service_may_see(s, out))
		return 0;
	return refuse_see(s, out, err);
}

int yz_service_case_fields(yz_session *s, const yz_case *c, yz_kv_list *out, yz_err *err)
{
	return yz_case_fields(s->store, c->id, out, err);
}

int yz_service_case_materials(yz_session *s, const yz_case *c, yz_kv_list *out, yz_err *err)
{
	return yz_case_materials(s->store, c->id, out, err);
}

int yz_service_case_timeline(yz_session *s, const yz_case *c, yz_case_event *out, size_t max,
                             size_t *n, yz_err *err)
{
	return yz_case_timeline(s->store, c->id, out, max, n, err);
}

int yz_service_case_last_forward(yz_session *s, const yz_case *c, yz_case_forward *out, yz_err *err)
{
	yz_case_forward fw[16];
	size_t n = 0;

	/* Oldest first; a case is seldom forwarded more than a few times. */
	if (yz_case_forwards(s->store, c->id, fw, 16, &n, err) < 0)
		return -1;
	if (n == 0)
		return 1;
	*out = fw[n - 1];
	return 0;
}

int yz_service_case_rating(yz_session *s, const yz_case *c, int *score, char *comment, size_t n,
                           yz_err *err)
{
	return yz_case_rating(s->store, c->id, score, comment, n, err);
}

void yz_service_kv_free(yz_kv_list *kv)
{
	yz_kv_free(kv);
}

int yz_service_count_accepted(yz_session *s, long *n, yz_err *err)
{
	char today[11];

	yz_date_format(s->today, today);
	return yz_case_count_accepted(s->store, today, n, err);
}

const char *yz_service_dash_date(const yz_case *c, yz_dash_section sec)
{
	return yz_dash_date(c, sec);
}

int yz_service_approval_list(yz_session *s, yz_approval_state state, yz_approval *out, size_t max,
                             size_t *n, yz_err *err)
{
	return yz_approval_list(s->store, state, 0, out, max, n, err);
}

int yz_service_followup_list(yz_session *s, yz_followup_state state, yz_followup *out, size_t max,
                             size_t *n, yz_err *err)
{
	return yz_followup_list(s->store, state, out, max, n, err);
}

int yz_service_job_list(yz_session *s, yz_print_job_state state, yz_print_job *out, size_t max,
                        size_t *n, yz_err *err)
{
	return yz_job_list(s->store, state, out, max, n, err);
}

int yz_service_job_newest(yz_session *s, yz_print_job_state state, yz_print_job *out, size_t max,
                          size_t *n, yz_err *err)
{
	return yz_job_newest(s->store, state, out, max, n, err);
}

int yz_service_job_count(yz_session *s, yz_print_job_state state, long *n, yz_err *err)
{
	return yz_job_count(s->store, state, n, err);
}
