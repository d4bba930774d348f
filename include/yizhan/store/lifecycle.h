/* store: the case lifecycle: transitions, deadlines, pauses, forwards, approvals,
 * ratings and follow-ups (the store module, src/store/; the whole API:
 * yizhan/store.h). */
#ifndef YZ_STORE_LIFECYCLE_H
#define YZ_STORE_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/cases.h"

/* ---- case lifecycle (schema 3, issue 4) ----------------------------------------
 * The store keeps the records and makes each action one transaction with its
 * timeline event and audit row; who may do what is decided by the service
 * (yz_service_*), which calls these. Dates that depend on working days are
 * computed here from the calendar the caller passes (NULL = Monday to Friday). */

/* Who acts, for whom, why, and on which local date. */
typedef struct yz_act {
	const char *actor;     /* login doing it */
	const char *on_behalf; /* the absent A clerk a B clerk covers; NULL or "" otherwise */
	const char *note;      /* free text for the timeline; may be NULL */
	const char *today;     /* local date YYYY-MM-DD of the action */
	const char *to_state;  /* the workflow state the action moves the case to, in the
	                        * same transaction (forward, result, resume); NULL or ""
	                        * = it stays where it is */
	/* The state the caller saw the case in and computed to_state from: the
	 * action is refused when another counter moved the case meanwhile (issue
	 * 12); NULL or "" = any. */
	const char *from_state;
} yz_act;

/* Built-in states of forms without a workflow, and the states closing actions set.
 * A case's workflow state (yz_case.state) is an id its form declares (forms list
 * their states), not a closed vocabulary: it stays text, and these are the
 * ids the program itself uses. */
#define YZ_STATE_ACCEPTED  "accepted"
#define YZ_STATE_DONE      "done"
#define YZ_STATE_REJECTED  "rejected"  /* bu yu shou li */
#define YZ_STATE_WITHDRAWN "withdrawn" /* che hui */
/* The step a form names for "at a department": forwarding (yi jiao) moves a case
 * there when its current step leads there (forms/resident_request.form). */
#define YZ_STATE_FORWARDED "transferred"

int yz_case_get_by_id(yz_store *st, int64_t id, yz_case *out, yz_err *err); /* 1 = none */

/* Move the open case from state from (checked: someone else may have moved it) to
 * state to. Event "transition" with from/to. */
int yz_case_transition(yz_store *st, int64_t case_id, const char *from, const char *to,
                       const yz_act *a, yz_err *err);
/* Close the open case in state (a workflow state id) with result (YZ_RESULT_APPROVED
 * ... _REJECTED); event "closed". */
int yz_case_close(yz_store *st, int64_t case_id, const char *state, yz_case_result result,
                  const yz_act *a, yz_err *err);
/* Open a closed case again in state (a bad rating the head did not accept). */
int yz_case_reopen(yz_store *st, int64_t case_id, const char *state, const yz_act *a, yz_err *err);
/* Give the case to another clerk; the reason is a->note. Event "handed_over". */
int yz_case_hand_over(yz_store *st, int64_t case_id, const char *to_login, const yz_act *a,
                      yz_err *err);

/* Due dates from the limits, pauses and extension (a pause still open counts up
 * to on); legal is the legal deadline (limit legal_days, pauses, no extension). */
int yz_case_deadline(yz_store *st, const yz_calendar *cal, int64_t case_id, yz_date on,
                     yz_deadline *due, yz_deadline *legal, yz_err *err);
/* Recompute and store due_date, legal_due_date, eff_due of one open case. */
int yz_case_recompute_due(yz_store *st, const yz_calendar *cal, int64_t case_id, yz_date on,
                          yz_err *err);
/* The same for every open case, in one transaction; *n = cases changed. */
int yz_cases_recompute_all(yz_store *st, const yz_calendar *cal, yz_date on, long *n, yz_err *err);

/* ---- promised dates moved by a new calendar (issue 13) -------------------------
 * When the calendar changes (the official year replaces the provisional one),
 * an open case whose promised date moves gets an event "due_moved" (note
 * "old -> new") and an audit row, and stays on the list of moves until its
 * clerk has seen it (event "due_moved_seen"). The list lives in meta, keys
 * "due_moved:<case id>" = "<date the resident was given> <date now>". */
typedef struct yz_due_move {
	int64_t case_id;
	char number[40];      /* the case */
	char owner[33];       /* its clerk's login */
	char owner_name[128]; /* and name ('' when the account is gone) */
	char was[11];         /* the promised date before (printed on the receipt) */
	char now[11];         /* the promised date now */
} yz_due_move;

/* yz_cases_recompute_all, recording each promised date that moves as above
 * (actor: who ran it); *moved = cases whose promised date moved. */
int yz_cases_recompute_calendar(yz_store *st, const yz_calendar *cal, yz_date on, const char *actor,
                                long *moved, yz_err *err);
/* The moves not seen yet of open cases, by case number; of owner's cases
 * (NULL = all). Up to max into out, *n filled, *total (may be NULL) all. */
int yz_due_moves_list(yz_store *st, const char *owner, yz_due_move *out, size_t max, size_t *n,
                      long *total, yz_err *err);
/* The move of one case not seen yet: 0 with *m, 1 none, -1 error. */
int yz_due_move_get(yz_store *st, int64_t case_id, yz_due_move *m, yz_err *err);
/* actor has seen the move of the case: off the list, event "due_moved_seen". */
int yz_due_move_seen(yz_store *st, int64_t case_id, const char *actor, yz_err *err);
/* Cases of schema 2 have no limits stored: set them for a form's cases. */
int yz_cases_fill_limits(yz_store *st, const char *form_id, int promise_days, int legal_days,
                         yz_err *err);

/* Bu zheng: one stop of the clock. */
typedef struct yz_case_pause_rec {
	int64_t id;
	char from[11];      /* date the case started waiting */
	char until[11];     /* date the materials came; "" while waiting */
	char missing[1024]; /* what is missing, one item per line */
	char bring_by[11];  /* date the resident was asked to bring them by */
	char actor[33];
} yz_case_pause_rec;

/* Stop the clock from a->today; missing (one item per line) and bring_by are
 * required. *pause_id (may be NULL) receives the row. Event "paused". */
int yz_case_pause(yz_store *st, int64_t case_id, const char *missing, const char *bring_by,
                  const yz_act *a, int64_t *pause_id, yz_err *err);
/* Restart the clock on a->today and recompute the due dates. Event "resumed". */
int yz_case_resume(yz_store *st, const yz_calendar *cal, int64_t case_id, const yz_act *a,
                   yz_err *err);
/* The same, the n materials the resident brought (labels) added to the case's
 * materials received (those already there once), in the same transaction. */
int yz_case_resume_with(yz_store *st, const yz_calendar *cal, int64_t case_id,
                        const char *const *materials, size_t n, const yz_act *a, yz_err *err);
/* Oldest first. */
int yz_case_pauses(yz_store *st, int64_t case_id, yz_case_pause_rec *out, size_t max, size_t *n,
                   yz_err *err);

/* How the resident was told a department's result (yz_case_forward.notified_how);
 * stored as text ("phone", ...), converted by the store alone. */
typedef enum yz_notify_how {
	YZ_NOTIFY_NONE,    /* not told yet */
	YZ_NOTIFY_PHONE,   /* by phone */
	YZ_NOTIFY_SMS,     /* by text message */
	YZ_NOTIFY_VISIT,   /* on a home visit */
	YZ_NOTIFY_COUNTER, /* at the counter */
	YZ_NOTIFY_UNKNOWN, /* read from a damaged database */
} yz_notify_how;

/* Forwarding (yi jiao): the case at a department. */
typedef struct yz_case_forward {
	int64_t id;
	int64_t case_id;
	char department[128];
	char sent_date[11];
	char dept_due[11]; /* "" = none agreed */
	char result[256];  /* the department's answer; "" until it comes */
	char result_date[11];
	yz_notify_how notified_how; /* YZ_NOTIFY_NONE until the resident was told */
	char notified_date[11];
	char collected_date[11]; /* the resident collected the result */
	char actor[33];
} yz_case_forward;

/* Send the case on a->today; dept_due may be "" (none). Event "forwarded" (from
 * the case's state to a->to_state when it moves). */
int yz_case_forward_send(yz_store *st, int64_t case_id, const char *department,
                         const char *dept_due, const yz_act *a, int64_t *forward_id, yz_err *err);
/* The department's result came back on result_date: the case no longer waits
 * (and moves to a->to_state when set). Event "dept_result". */
int yz_case_forward_result(yz_store *st, int64_t case_id, const char *result,
                           const char *result_date, const yz_act *a, yz_err *err);
/* The resident was told (how: YZ_NOTIFY_PHONE ... _COUNTER) on a->today. Event
 * "notified", its note a->note or else the way's stored word ("phone", ...). */
int yz_case_forward_notified(yz_store *st, int64_t case_id, yz_notify_how how, const yz_act *a,
                             yz_err *err);
/* The resident collected the result on a->today. */
int yz_case_forward_collected(yz_store *st, int64_t case_id, const yz_act *a, yz_err *err);
/* Oldest first; the last one is the current or latest. */
int yz_case_forwards(yz_store *st, int64_t case_id, yz_case_forward *out, size_t max, size_t *n,
                     yz_err *err);
int yz_forward_get(yz_store *st, int64_t id, yz_case_forward *out, yz_err *err); /* 1 = none */

/* Decisions for the station head: what is asked (stored as text, converted by
 * the store alone; a word no version wrote reads as the _UNKNOWN value) ... */
typedef enum yz_approval_kind {
	YZ_APPROVAL_REFUSE,       /* not accepting the case (bu yu shou li) */
	YZ_APPROVAL_EXTENSION,    /* more working days (yan qi) */
	YZ_APPROVAL_BAD_RATING,   /* closing a badly rated complaint */
	YZ_APPROVAL_KIND_UNKNOWN, /* read from a damaged database */
} yz_approval_kind;

/* ... and where the request stands. */
typedef enum yz_approval_state {
	YZ_APPROVAL_ANY = -1,      /* in a list's filter only: every state */
	YZ_APPROVAL_PENDING,       /* waits for the head */
	YZ_APPROVAL_APPROVED,      /* the head said yes */
	YZ_APPROVAL_REJECTED,      /* the head said no */
	YZ_APPROVAL_STATE_UNKNOWN, /* read from a damaged database */
} yz_approval_state;

typedef struct yz_approval {
	int64_t id;
	int64_t case_id;
	char case_number[40];
	char item[128];
	char resident_name[128];
	yz_approval_kind kind; /* what is asked */
	char requested_by[33];
	char requested_at[21]; /* UTC */
	char reason[512];
	int days;                /* extension: working days asked */
	yz_approval_state state; /* where it stands */
	char decided_by[33];
	char decided_at[21];
	char note[256]; /* the head's note */
} yz_approval;

/* A pending request; one pending request of a kind per case. Event
 * "<kind>_requested". */
int yz_approval_request(yz_store *st, int64_t case_id, yz_approval_kind kind, const char *reason,
                        int days, const yz_act *a, int64_t *id, yz_err *err);
/* Record the head's decision and apply it in the same transaction: extension →
 * extension days added and due dates recomputed (cal); refuse → closed as
 * YZ_RESULT_REJECTED; close_bad_rating rejected → the case is open again.
 * Event "<kind>_approved" or "<kind>_rejected". */
int yz_approval_decide(yz_store *st, const yz_calendar *cal, int64_t id, bool approve,
                       const yz_act *a, yz_err *err);
int yz_approval_get(yz_store *st, int64_t id, yz_approval *out, yz_err *err); /* 1 = none */
/* Approvals in state (YZ_APPROVAL_ANY = all) of case_id (0 = all cases), oldest
 * first. */
int yz_approval_list(yz_store *st, yz_approval_state state, int64_t case_id, yz_approval *out,
                     size_t max, size_t *n, yz_err *err);

/* Ratings (hao cha ping): 1 very satisfied, 2 satisfied, 3 fairly satisfied, 4 dissatisfied,
 * 5 very dissatisfied. */
#define YZ_RATING_BAD 4 /* from here on a follow-up is opened */

/* Where a follow-up stands (stored as text, converted by the store alone). */
typedef enum yz_followup_state {
	YZ_FOLLOWUP_ANY = -1, /* in a list's filter only: every state */
	YZ_FOLLOWUP_OPEN,     /* the call is still to be made */
	YZ_FOLLOWUP_DONE,     /* called back; note says what the resident said */
	YZ_FOLLOWUP_UNKNOWN,  /* read from a damaged database */
} yz_followup_state;

/* How a follow-up ended (schema 5; stored as text, converted by the store). */
typedef enum yz_followup_outcome {
	YZ_FOLLOWUP_NO_OUTCOME, /* still open, or closed before outcomes were kept */
	YZ_FOLLOWUP_SATISFIED,  /* the resident is satisfied now */
	YZ_FOLLOWUP_REOPENED,   /* the matter is handled again as a new case */
	YZ_FOLLOWUP_UNREACHED,  /* not reached after YZ_FOLLOWUP_ATTEMPTS calls */
} yz_followup_outcome;

/* Calls that do not reach the resident before a follow-up is closed as
 * unreached; until then each one makes it due again the next working day. */
#define YZ_FOLLOWUP_ATTEMPTS 3

typedef struct yz_followup {
	int64_t id;
	int64_t case_id;
	char case_number[40];
	char item[128];
	char resident_name[128];
	int score;         /* the rating that opened it */
	char comment[256]; /* the resident's comment */
	char due_date[11];
	yz_followup_state state; /* open or done */
	char note[512];
	char done_by[33];
	char done_at[21];
	char resident_phone[32];     /* the resident's phone in the registry ("" = none) */
	yz_followup_outcome outcome; /* how it ended (schema 5) */
	int attempts;                /* calls that did not reach the resident */
	int64_t new_case_id;         /* REOPENED: the new case (0 = none) */
	char new_case_number[40];    /* its number */
} yz_followup;

/* Store the rating of a closed case (once). When score >= YZ_RATING_BAD a
 * follow-up due on followup_due is opened, and when bad_rating_approval a
 * close_bad_rating approval too. *followup_id (may be NULL) receives it (0 when
 * none). Event "rated". */
int yz_case_rate(yz_store *st, int64_t case_id, int score, const char *comment,
                 const char *followup_due, bool bad_rating_approval, const yz_act *a,
                 int64_t *followup_id, yz_err *err);
/* 1 = not rated. */
int yz_case_rating(yz_store *st, int64_t case_id, int *score, char *comment, size_t n, yz_err *err);
/* Close a follow-up with the head's note (required): the resident is
 * satisfied now. */
int yz_followup_done(yz_store *st, int64_t id, const yz_act *a, yz_err *err);
/* Close an open follow-up with its outcome (SATISFIED or REOPENED) and the
 * head's note (a->note, required). REOPENED names new_case_id, a case made in
 * the caller's transaction (yz_store_begin): the follow-up links it, and the
 * timelines of both cases name the other. Events "followup_done" and, on the
 * new case, "reopened_from". */
int yz_followup_close(yz_store *st, int64_t id, yz_followup_outcome outcome, int64_t new_case_id,
                      const yz_act *a, yz_err *err);
/* A call that did not reach the resident: one attempt more; the follow-up is
 * due again on next_due, or at the YZ_FOLLOWUP_ATTEMPTS-th attempt closed as
 * UNREACHED (*closed, may be NULL, says which). Event "followup_unreached". */
int yz_followup_unreached(yz_store *st, int64_t id, const char *next_due, const yz_act *a,
                          bool *closed, yz_err *err);
int yz_followup_get(yz_store *st, int64_t id, yz_followup *out, yz_err *err); /* 1 = none */
/* Follow-ups in state (YZ_FOLLOWUP_ANY = all), by due date. */
int yz_followup_list(yz_store *st, yz_followup_state state, yz_followup *out, size_t max, size_t *n,
                     yz_err *err);

#endif
