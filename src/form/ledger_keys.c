/* The keys of a ledger's row, per source (yizhan/form/ledger.h): what the
 * service fills in every row and what a ledger's columns and condition may
 * name. One table per source, built from the groups of keys each source has;
 * a new key is a new row here, filled by src/service/ledgers.c. The meaning
 * of each key is documented in forms/README.md (section 18). */
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "ledger_int.h"

#define T YZ_LKEY_TEXT
#define N YZ_LKEY_NUMBER
#define D YZ_LKEY_DATE

/* The case: sources cases, forwards, followups and talk. */
#define CASE_KEYS                                                                                  \
	{"case.number", T, N_("Case number")}, {"case.item", T, N_("Service item")},               \
	    {"case.form", T, N_("Form id")}, {"case.line", T, N_("Business line")},                \
	    {"case.status", T, N_("Case status")}, {"case.result", T, N_("Case result")},          \
	    {"case.state", T, N_("Workflow state")}, {"case.accepted", D, N_("Date accepted")},    \
	    {"case.closed", D, N_("Date closed")}, {"case.due", D, N_("Promised date")},           \
	    {"case.legal_due", D, N_("Legal deadline")}, {"case.clerk", T, N_("Accepting clerk")}, \
	    {"case.clerk_login", T, N_("Accepting clerk's login")},                                \
	    {"case.owner", T, N_("Case owner")}, {"case.on_time", T, N_("Closed on time")},        \
	    {"case.overdue", T, N_("Overdue")}, {"case.workdays", N, N_("Working days taken")},    \
	    {"case.pauses", N, N_("Requests for more material")},                                  \
	    {"case.department", T, N_("Department forwarded to")},                                 \
	    {"case.dept_result", T, N_("Department's result")},                                    \
	    {"case.dept_result_date", D, N_("Date of the department's result")},                   \
	    {"case.rating", N, N_("Rating score")}, {"case.rating_label", T, N_("Rating")},        \
	{                                                                                          \
		"case.rating_comment", T, N_("Rating comment")                                     \
	}

/* The resident (for a case, the applicant): every source but households. */
#define RESIDENT_KEYS                                                                              \
	{"resident.name", T, N_("Resident's name")}, {"resident.idno", T, N_("ID number")},        \
	    {"resident.sex", T, N_("Sex")}, {"resident.birth", D, N_("Date of birth")},            \
	    {"resident.age", N, N_("Age")}, {"resident.phone", T, N_("Resident's phone")},         \
	    {"resident.address", T, N_("Address")}, {"resident.ethnicity", T, N_("Ethnicity")},    \
	    {"resident.grid", T, N_("Grid")}, {"resident.household", T, N_("Household code")},     \
	    {"resident.household_size", N, N_("Household size")},                                  \
	    {"resident.relation", T, N_("Relation to the head of household")},                     \
	{                                                                                          \
		"resident.tags", T, N_("Special groups")                                           \
	}

/* The household (for a case or a resident, theirs): residents, households,
 * cases. */
#define HOUSEHOLD_KEYS                                                                             \
	{"household.code", T, N_("Household code")},                                               \
	    {"household.address", T, N_("Household address")},                                     \
	    {"household.head", T, N_("Head of household")},                                        \
	    {"household.size", N, N_("Household size")},                                           \
	{                                                                                          \
		"household.grid", T, N_("Grid")                                                    \
	}

/* The special group a resident's row is about: residents. */
#define TAG_KEYS                                                                                   \
	{"tag.kind", T, N_("Special group")}, {"tag.detail", T, N_("Group detail")},               \
	    {"tag.grade", N, N_("Grade")}, {"tag.start", D, N_("In the group since")},             \
	{                                                                                          \
		"tag.end", D, N_("In the group until")                                             \
	}

/* The forward (for a case, its latest): forwards, cases. */
#define FORWARD_KEYS                                                                               \
	{"forward.department", T, N_("Department forwarded to")},                                  \
	    {"forward.sent", D, N_("Date forwarded")},                                             \
	    {"forward.due", D, N_("Department's due date")},                                       \
	    {"forward.result", T, N_("Department's result")},                                      \
	    {"forward.result_date", D, N_("Date of the department's result")},                     \
	    {"forward.answer_days", N, N_("Working days to answer")},                              \
	    {"forward.notified", D, N_("Date the resident was told")},                             \
	{                                                                                          \
		"forward.notified_how", T, N_("How the resident was told")                         \
	}

/* The follow-up of a badly rated case: followups. */
#define FOLLOWUP_KEYS                                                                              \
	{"followup.due", D, N_("Follow-up due")}, {"followup.state", T, N_("Follow-up state")},    \
	    {"followup.outcome", T, N_("Follow-up outcome")},                                      \
	    {"followup.note", T, N_("Follow-up note")},                                            \
	    {"followup.done_by", T, N_("Followed up by")},                                         \
	    {"followup.done_date", D, N_("Date followed up")},                                     \
	    {"followup.attempts", N, N_("Follow-up attempts")},                                    \
	    {"followup.score", N, N_("Score at the follow-up")},                                   \
	{                                                                                          \
		"followup.comment", T, N_("Resident's comment")                                    \
	}

/* The residents' talk day a case was raised at: talk. */
#define TALK_KEYS                                                                                  \
	{"talk.date", D, N_("Talk day")}, {"talk.place", T, N_("Place")},                          \
	{                                                                                          \
		"talk.attendees", N, N_("Attendees")                                               \
	}

#define END                                                                                        \
	{                                                                                          \
		NULL, T, NULL                                                                      \
	}

static const yz_ledger_key cases_keys[] = {CASE_KEYS, RESIDENT_KEYS, HOUSEHOLD_KEYS, FORWARD_KEYS,
                                           END};
static const yz_ledger_key residents_keys[] = {RESIDENT_KEYS, HOUSEHOLD_KEYS, TAG_KEYS, END};
static const yz_ledger_key households_keys[] = {HOUSEHOLD_KEYS, END};
static const yz_ledger_key forwards_keys[] = {CASE_KEYS, RESIDENT_KEYS, FORWARD_KEYS, END};
static const yz_ledger_key followups_keys[] = {CASE_KEYS, RESIDENT_KEYS, FOLLOWUP_KEYS, END};
static const yz_ledger_key talk_keys[] = {CASE_KEYS, RESIDENT_KEYS, TALK_KEYS, END};

/* Per source: its word in ledger files, its keys, the default period key, and
 * what comes on top of the keys. */
static const struct {
	const char *word;          /* `source <word>` */
	const yz_ledger_key *keys; /* the table above */
	const char *period;        /* the default `period` (NULL = none) */
	bool forms;                /* `forms` may list forms whose fields the row has */
	bool latest;               /* latest.<form> keys */
} sources[] = {
    [YZ_LSRC_CASES] = {"cases", cases_keys, "case.accepted", true, true},
    [YZ_LSRC_RESIDENTS] = {"residents", residents_keys, NULL, false, true},
    [YZ_LSRC_HOUSEHOLDS] = {"households", households_keys, NULL, false, true},
    [YZ_LSRC_FORWARDS] = {"forwards", forwards_keys, "forward.sent", true, false},
    [YZ_LSRC_FOLLOWUPS] = {"followups", followups_keys, "followup.due", false, false},
    [YZ_LSRC_TALK] = {"talk", talk_keys, "talk.date", true, false},
};

#define N_SOURCES (sizeof sources / sizeof *sources)

static const yz_ledger_key no_keys[] = {END};

const yz_ledger_key *yz_ledger_keys(yz_ledger_source src)
{
	return (size_t)src < N_SOURCES ? sources[src].keys : no_keys;
}

const char *yz_ledger_source_name(yz_ledger_source src)
{
	return (size_t)src < N_SOURCES ? sources[src].word : "?";
}

bool yzl_source_parse(const char *word, yz_ledger_source *out)
{
	for (size_t i = 0; i < N_SOURCES; i++) {
		if (strcmp(sources[i].word, word) == 0) {
			*out = (yz_ledger_source)i;
			return true;
		}
	}
	return false;
}

const char *yzl_source_words(void)
{
	return "cases, residents, households, forwards, followups, talk";
}

const char *yzl_default_period(yz_ledger_source src)
{
	return sources[src].period;
}

bool yzl_source_has_forms(yz_ledger_source src)
{
	return sources[src].forms;
}

bool yzl_source_has_latest(yz_ledger_source src)
{
	return sources[src].latest;
}

const yz_ledger_key *yzl_key_find(yz_ledger_source src, const char *key)
{
	for (const yz_ledger_key *k = yz_ledger_keys(src); k->key; k++)
		if (strcmp(k->key, key) == 0)
			return k;
	return NULL;
}
