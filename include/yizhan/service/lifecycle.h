/* service/lifecycle.h: the case lifecycle: actions, deadlines, dashboard, talk days
 * (the service module, src/service/; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_LIFECYCLE_H
#define YZ_SERVICE_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/store/cases.h"
#include "yizhan/store/lifecycle.h"
#include "yizhan/store/dashboard.h"
#include "yizhan/store/talk.h"
#include "yizhan/service/documents.h"

/* ---- issue 4: the case lifecycle (src/service/workflow.c, lifecycle_docs.c) ------
 * Every action checks that s->user may act on the case (owner; the B clerk of the
 * line while the A clerk is away — the timeline then says "B for A"; the station
 * head and the admin), works on s->today with s->calendar, and returns 0, or -1
 * with a message for the clerk in err. Cases the user may not see are refused
 * with a plain message and the attempt is written to the audit log. */

/* Open a case for viewing: 0 with *out, 1 when there is no such case, -1 when it
 * is refused (err says why; an audit row "case_denied" is written) or on error. */
int yz_service_case_open(yz_session *s, const char *case_no, yz_case *out, yz_err *err);
/* Whether s->user may see c (no audit row; for filtering lists). */
bool yz_service_may_see(yz_session *s, const yz_case *c);

/* The states the clerk may move the case to by hand (T): the form's `next`
 * list without the steps events reach — the forwarded step (YZ_STATE_FORWARDED,
 * reached by forwarding) and the step closing ends in; none for forms without
 * states. Pointers into the catalogue; returns how many. */
size_t yz_service_next_states(yz_session *s, const yz_case *c, const yz_state_def **out,
                              size_t max);
/* The label of the case's current state for people ("accepted"/"done" translated
 * for forms without states). */
const char *yz_service_state_label(yz_session *s, const yz_case *c);
/* Whether the case may be closed now: in a terminal state, its form has no
 * states, or — for a case whose result does not pick its last step (requests,
 * consultations) — the first step after the current one ends the case; closing
 * then moves it there ("asks for the result once"). */
bool yz_service_may_close(yz_session *s, const yz_case *c);
/* The results a clerk may choose when closing (ended by YZ_RESULT_NONE): cases
 * of the consultations line (its id in data/vocab/lines.txt) are answered,
 * requests (kind request) resolved or answered, others approved or refused. */
const yz_case_result *yz_service_close_results(yz_session *s, const yz_case *c);
/* The same for a form (NULL: any result) read with vocab (the catalogue's). */
const yz_case_result *yz_service_form_results(const yz_form *f, const yz_form_vocab *vocab);
/* A result in words ("approved", translated; "" for none, "unknown" for a
 * damaged one). */
const char *yz_service_result_label(yz_case_result result);

/* Move to state `to` (must be in the current state's next list in the form)
 * with a note. For a form without states, "done" closes the case as resolved. */
int yz_service_transition(yz_session *s, const char *case_no, const char *to, const char *note,
                          yz_err *err);
/* Close with a result (one of yz_service_close_results). The resident rates next. */
int yz_service_close(yz_session *s, const char *case_no, yz_case_result result, const char *note,
                     yz_err *err);
/* The resident withdraws the case (reason required): closed as withdrawn. */
int yz_service_withdraw(yz_session *s, const char *case_no, const char *reason, yz_err *err);
/* Not accepted (bu yu shou li): reason required; waits for the station head. When
 * the head approves, the case closes as rejected and the notice can be printed
 * (document "refusal_notice"). */
int yz_service_refuse(yz_session *s, const char *case_no, const char *reason, yz_err *err);
/* Hand the case to another clerk with a reason. */
int yz_service_hand_over(yz_session *s, const char *case_no, const char *to_login,
                         const char *reason, yz_err *err);

/* Bu zheng: the clock stops. missing lists exactly what is missing, one item per
 * line (materials of the form and free text); bring_by the date to bring them.
 * The one-time notice (document "missing_notice") is printed when po is not NULL
 * (po receives the outcome). A printing failure does not undo the pause: the
 * call returns 0 with err set (code YZ_ERR_PRINTER: the job waits in the
 * reprint list), so that err->code YZ_ERR_NONE after 0 means all went well.
 * The same holds for every action below that prints (forward, decide). */
int yz_service_pause(yz_session *s, const char *case_no, const char *missing, const char *bring_by,
                     yz_print_outcome *po, yz_err *err);
/* The materials came: the clock restarts; due dates move by the paused working days. */
int yz_service_resume(yz_session *s, const char *case_no, const char *note, yz_err *err);
/* The same, the n materials the resident brought (labels) ticked as received in
 * the case's materials and named in the timeline. */
int yz_service_resume_with(yz_session *s, const char *case_no, const char *const *materials,
                           size_t n, const char *note, yz_err *err);
/* What the case waits for (the open pause's list, one item a line) into out:
 * 0, 1 when it waits for nothing, -1 on error. */
int yz_service_case_missing(yz_session *s, const yz_case *c, char *out, size_t n, yz_err *err);
/* The date offered for bringing missing materials: 5 working days from today
 * on the station's calendar. */
void yz_service_bring_by_default(yz_session *s, char out[11]);

/* Ask the station head for days more working days (reason required). Refused at
 * once when the new due date would pass the legal deadline (err gives the most
 * days possible). */
int yz_service_extension_request(yz_session *s, const char *case_no, int days, const char *reason,
                                 yz_err *err);
/* The station head decides a pending request (extension, refuse, close_bad_rating).
 * An approved refusal prints the refusal notice when po is not NULL. */
int yz_service_decide(yz_session *s, int64_t approval_id, bool approve, const char *note,
                      yz_print_outcome *po, yz_err *err);

/* Forward to a department (the list: yz_service_departments) with the
 * department's due date (may be "" or NULL); prints the hand-over slip (document
 * "transfer_slip") when po is not NULL. A case whose step leads to the forwarded
 * step (YZ_STATE_FORWARDED) moves there. Dates here and below may be typed
 * 20261214: they are stored as 2026-12-14. */
int yz_service_forward(yz_session *s, const char *case_no, const char *department,
                       const char *dept_due, const char *note, yz_print_outcome *po, yz_err *err);
/* The department's result and the date it came (NULL = today). A case at the
 * forwarded step moves on to the step after it. */
int yz_service_forward_result(yz_session *s, const char *case_no, const char *result,
                              const char *date, yz_err *err);
/* How the resident was told: YZ_NOTIFY_PHONE, _SMS, _VISIT or _COUNTER. */
int yz_service_forward_notified(yz_session *s, const char *case_no, yz_notify_how how, yz_err *err);
int yz_service_forward_collected(yz_session *s, const char *case_no, yz_err *err);
/* Departments from data/departments.txt beside the calendar file, one a line;
 * caller frees with yz_kv_free (names in keys). Built-in list when the file is
 * missing. */
int yz_service_departments(yz_session *s, yz_kv_list *out, yz_err *err);

/* The resident's rating of a closed case, 1-5 (1 very satisfied .. 5 very
 * dissatisfied), comment optional. 4 or 5 opens a follow-up for the station head
 * due in 3 working days; for a complaint (form kind su qiu) the head must also
 * confirm the closing (approval close_bad_rating). */
int yz_service_rate(yz_session *s, const char *case_no, int score, const char *comment,
                    yz_err *err);
/* The rating's words (1 → "very satisfied", translated). */
/* The resident's keys are the habit of stars, 5 best .. 1 worst; the stored
 * score keeps its meaning (1 = very satisfied): key 5 is score 1. 0 for a key
 * outside 1-5. */
int yz_service_rating_of_key(int key);
/* The key of a stored score (score 1 → key 5). */
int yz_service_rating_key(int score);
/* A timeline event's note for people: a rating's score in words ("satisfied
 * slow"), other notes as stored. buf (n bytes) may be used. */
const char *yz_service_event_note(const yz_case_event *e, char *buf, size_t n);
const char *yz_service_rating_label(int score);
/* The head records the follow-up call (note required). */
int yz_service_followup_done(yz_session *s, int64_t followup_id, const char *note, yz_err *err);
/* The head ends a follow-up call with its outcome and a note (required except
 * for UNREACHED): SATISFIED closes it; REOPENED opens a new case of the same
 * item, resident and fields in the old owner's queue, linked to the follow-up
 * and named in both timelines (*new_case receives it); UNREACHED counts an
 * attempt and makes it due again the next working day, and closes it at the
 * YZ_FOLLOWUP_ATTEMPTS-th. Returns 0, 1 when that last attempt closed it, or
 * -1 with err. */
int yz_service_followup_close(yz_session *s, int64_t followup_id, yz_followup_outcome outcome,
                              const char *note, yz_case *new_case, yz_err *err);

/* Dashboard of s->user: "due soon" = due within 2 working days; a station head
 * or admin gets every open case of the station. out is large (allocate it). */
int yz_service_dashboard(yz_session *s, yz_dashboard *out, yz_err *err);
/* yz_case_list restricted to what s->user may see. */
int yz_service_case_list(yz_session *s, const yz_case_filter *f, yz_case_cb cb, void *ctx,
                         yz_err *err);

/* How the case's due dates are computed (for the case view and `cases show`):
 * as of today, with a still-open pause counted up to today. */
int yz_service_deadline(yz_session *s, const yz_case *c, yz_deadline *due, yz_deadline *legal,
                        yz_err *err);

/* At session start: when the calendar file's text (or the provisional
 * file's) changed since the last run (their hashes are kept in meta
 * "calendar_hash"), recompute the due dates of every open case; each promised
 * date that moves is recorded as s->user's (yz_cases_recompute_calendar).
 * Cases of older stations get their limits from the forms first. *changed
 * (may be NULL) = cases whose promised dates moved; -1 with err on failure. */
int yz_service_calendar_sync(yz_session *s, long *changed, yz_err *err);

/* Ju min shuo shi ri: a session; cases raised there are linked to it. */
int yz_service_talk_add(yz_session *s, const char *date, const char *place, int attendees,
                        int64_t *id, yz_err *err);
int yz_service_talk_link(yz_session *s, int64_t session_id, const char *case_no, yz_err *err);
/* "Accepted X items, Y done" and one line per category, in the station's
 * document language (the printed summary, yz_service_talk_doc); malloc'd. */
char *yz_service_talk_summary(yz_session *s, int64_t session_id, yz_err *err);

/* The clerk's words for a timeline event kind ("paused" → waiting for materials). */
const char *yz_service_event_label(const char *kind);
/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" as local "YYYY-MM-DD HH:MM". */
void yz_service_local_time(const char *utc, char *buf, size_t n);
/* A stored field of a case as people see it: its label into label (a table
 * cell as "<table> <row>·<column>") and the value to show: an ID number masked
 * into buf, yes/no in words, anything else val itself; a name's mark as another
 * script (F2, "<name>.script") as "<name's label> (foreign or minority script)":
 * yes. f may be NULL (the form is gone): the key and the value as stored. */
const char *yz_service_field_shown(const yz_form *f, const char *key, const char *val, char *label,
                                   size_t ln, char buf[19]);

/* One header per concept (issue 11); what the screens call instead of the store. */

#endif
