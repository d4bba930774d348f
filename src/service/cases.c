/* What the screens read about cases and the station's queues: thin calls to
 * the store, so that a screen never holds the store itself. */
#include <string.h>

#include "workflow_int.h"

int yz_service_case_get(yz_session *s, const char *case_no, yz_case *out, yz_err *err)
{
	return yz_case_get(s->store, case_no, out, err);
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
