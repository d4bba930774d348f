/* The closed vocabularies of cases that the database keeps as text — a case's
 * status and result, how a resident was told a department's result, the kind
 * and state of a request to the station head, the state of a follow-up — and
 * their enums. This file is the one place the stored words are written down
 * (SQL conditions such as "status = 'accepted'" aside), so the rest of the
 * program works with enums, and a database written by any earlier version
 * reads the same: the words are those it stored.
 *
 * Text no version wrote (a damaged or hand-edited database) reads as the
 * vocabulary's unknown value, which is shown as such and never written back. */
#include <string.h>

#include "store_int.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The word of value v in a table of n words; NULL when v has none (the
 * unknown value, a list filter's "any"). */
static const char *word_of(const char *const *words, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? words[v] : NULL;
}

/* The value whose word is text, or unknown. */
static int value_of(const char *const *words, size_t n, const char *text, int unknown)
{
	for (size_t i = 0; text && i < n; i++)
		if (words[i] && strcmp(text, words[i]) == 0)
			return (int)i;
	return unknown;
}

static const char *const case_status_words[] = {
    [YZ_CASE_ACCEPTED] = "accepted",
    [YZ_CASE_DONE] = "done",
};

const char *st_case_status_text(yz_case_status v)
{
	return word_of(case_status_words, N_OF(case_status_words), (int)v);
}

yz_case_status st_case_status_from(const char *text)
{
	return (yz_case_status)value_of(case_status_words, N_OF(case_status_words), text,
	                                YZ_CASE_STATUS_UNKNOWN);
}

static const char *const case_result_words[] = {
    [YZ_RESULT_NONE] = "",
    [YZ_RESULT_APPROVED] = "approved",
    [YZ_RESULT_REFUSED] = "refused",
    [YZ_RESULT_ANSWERED] = "answered",
    [YZ_RESULT_RESOLVED] = "resolved",
    [YZ_RESULT_WITHDRAWN] = "withdrawn",
    [YZ_RESULT_REJECTED] = "rejected",
};

const char *st_case_result_text(yz_case_result v)
{
	return word_of(case_result_words, N_OF(case_result_words), (int)v);
}

yz_case_result st_case_result_from(const char *text)
{
	return (yz_case_result)value_of(case_result_words, N_OF(case_result_words), text,
	                                YZ_RESULT_UNKNOWN);
}

static const char *const notify_words[] = {
    [YZ_NOTIFY_NONE] = "",       [YZ_NOTIFY_PHONE] = "phone",     [YZ_NOTIFY_SMS] = "sms",
    [YZ_NOTIFY_VISIT] = "visit", [YZ_NOTIFY_COUNTER] = "counter",
};

const char *st_notify_text(yz_notify_how v)
{
	return word_of(notify_words, N_OF(notify_words), (int)v);
}

yz_notify_how st_notify_from(const char *text)
{
	return (yz_notify_how)value_of(notify_words, N_OF(notify_words), text, YZ_NOTIFY_UNKNOWN);
}

static const char *const approval_kind_words[] = {
    [YZ_APPROVAL_REFUSE] = "refuse",
    [YZ_APPROVAL_EXTENSION] = "extension",
    [YZ_APPROVAL_BAD_RATING] = "close_bad_rating",
};

const char *st_approval_kind_text(yz_approval_kind v)
{
	return word_of(approval_kind_words, N_OF(approval_kind_words), (int)v);
}

yz_approval_kind st_approval_kind_from(const char *text)
{
	return (yz_approval_kind)value_of(approval_kind_words, N_OF(approval_kind_words), text,
	                                  YZ_APPROVAL_KIND_UNKNOWN);
}

static const char *const approval_state_words[] = {
    [YZ_APPROVAL_PENDING] = "pending",
    [YZ_APPROVAL_APPROVED] = "approved",
    [YZ_APPROVAL_REJECTED] = "rejected",
};

const char *st_approval_state_text(yz_approval_state v)
{
	return word_of(approval_state_words, N_OF(approval_state_words), (int)v);
}

yz_approval_state st_approval_state_from(const char *text)
{
	return (yz_approval_state)value_of(approval_state_words, N_OF(approval_state_words), text,
	                                   YZ_APPROVAL_STATE_UNKNOWN);
}

static const char *const followup_state_words[] = {
    [YZ_FOLLOWUP_OPEN] = "open",
    [YZ_FOLLOWUP_DONE] = "done",
};

const char *st_followup_state_text(yz_followup_state v)
{
	return word_of(followup_state_words, N_OF(followup_state_words), (int)v);
}

yz_followup_state st_followup_state_from(const char *text)
{
	return (yz_followup_state)value_of(followup_state_words, N_OF(followup_state_words), text,
	                                   YZ_FOLLOWUP_UNKNOWN);
}
