/* service/cases.h: what the screens read about cases and the station's queues
 * (the case view, the home screen, the approvals and follow-ups lists, the
 * print queue). Thin reads: a case is opened, with its permission check, by
 * yz_service_case_open; these read what belongs to a case already shown. */
#ifndef YZ_SERVICE_CASES_H
#define YZ_SERVICE_CASES_H

#include "yizhan/store/cases.h"
#include "yizhan/store/lifecycle.h"
#include "yizhan/store/dashboard.h"
#include "yizhan/store/jobs.h"
#include "yizhan/service/session.h"

/* The case numbered case_no: 0, 1 when there is none, -1 on error. */
int yz_service_case_get(yz_session *s, const char *case_no, yz_case *out, yz_err *err);

/* The whole case number a clerk means by typed (blanks around it ignored): 1 to
 * 6 digits are the last digits of this year's number of this station ("43" ->
 * "<station>-2026-000043", the year from the session's clock); anything else is
 * taken as typed. False (out "") when it is empty or not a number at all. */
bool yz_service_case_number(yz_session *s, const char *typed, char *out, size_t n);
/* Open the case a clerk typed (a whole number or this year's last digits) for
 * viewing: 0 with *out; 1 when there is none (err: "No case numbered <the whole
 * number tried>"); -1 when it is no case number (YZ_ERR_INVALID), when s->user
 * may not see it (YZ_ERR_DENIED: err names whose case it is; an audit row
 * "case_denied" is written) or on error. */
int yz_service_case_find(yz_session *s, const char *typed, yz_case *out, yz_err *err);
/* Its field values (field id -> value) in intake order; free with yz_service_kv_free. */
int yz_service_case_fields(yz_session *s, const yz_case *c, yz_kv_list *out, yz_err *err);
/* The materials received (labels in keys); free with yz_service_kv_free. */
int yz_service_case_materials(yz_session *s, const yz_case *c, yz_kv_list *out, yz_err *err);
/* Its timeline, oldest first: up to max events, *n written. */
int yz_service_case_timeline(yz_session *s, const yz_case *c, yz_case_event *out, size_t max,
                             size_t *n, yz_err *err);
/* Its latest forward to a department: 0, 1 when it was never forwarded, -1 on error. */
int yz_service_case_last_forward(yz_session *s, const yz_case *c, yz_case_forward *out,
                                 yz_err *err);
/* The resident's rating (1-5) and comment: 0, 1 when not rated, -1 on error. */
int yz_service_case_rating(yz_session *s, const yz_case *c, int *score, char *comment, size_t n,
                           yz_err *err);
/* Free a list a yz_service_* call filled (fields, materials, drafts, departments). */
void yz_service_kv_free(yz_kv_list *kv);

/* Cases the station accepted on s->today. */
int yz_service_count_accepted(yz_session *s, long *n, yz_err *err);
/* The date a dashboard section orders its rows by, to show beside each. */
const char *yz_service_dash_date(const yz_case *c, yz_dash_section sec);

/* The requests in state (YZ_APPROVAL_PENDING, ...; YZ_APPROVAL_ANY = all) of every
 * case, oldest first. */
int yz_service_approval_list(yz_session *s, yz_approval_state state, yz_approval *out, size_t max,
                             size_t *n, yz_err *err);
/* The follow-ups in state (YZ_FOLLOWUP_OPEN, _DONE; YZ_FOLLOWUP_ANY = all), by due
 * date. */
int yz_service_followup_list(yz_session *s, yz_followup_state state, yz_followup *out, size_t max,
                             size_t *n, yz_err *err);

/* Print jobs in state, oldest first. */
int yz_service_job_list(yz_session *s, yz_print_job_state state, yz_print_job *out, size_t max,
                        size_t *n, yz_err *err);
/* The newest max print jobs in state, newest first (the print queue's recently
 * printed: the latest, however many were printed before). */
int yz_service_job_newest(yz_session *s, yz_print_job_state state, yz_print_job *out, size_t max,
                          size_t *n, yz_err *err);
/* How many print jobs are in state: every one, counted by the database. */
int yz_service_job_count(yz_session *s, yz_print_job_state state, long *n, yz_err *err);

#endif
