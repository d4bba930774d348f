/* store/ledger.h: the rows of the station's ledgers (issue 16) — cases,
 * residents with their special groups, households, forwards, follow-ups and
 * the talk day's cases — streamed to a callback as the raw values the service
 * turns into a ledger's keys (service/ledgers.h). Each source is one
 * statement over its tables with the applicant, household, grid, latest
 * forward and rating joined (never a query per row: a year has 100,000
 * cases); a case's form fields come from a second statement read in the same
 * case order beside it. Every string lives until the callback returns and is
 * never NULL ("" when empty). The store module, src/store/ledger_rows.c; the
 * whole API: yizhan/store.h. */
#ifndef YZ_STORE_LEDGER_H
#define YZ_STORE_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/db.h"
#include "yizhan/store/lifecycle.h"

/* Which rows to read. The date bounds apply to the source's own date (cases:
 * accepted; forwards: sent; follow-ups: due; talk: the session's day);
 * "" = no bound. Other conditions the service applies itself. */
typedef struct yz_lrow_query {
	const char *forms; /* " form_a form_b " (spaces around each id), "" = every form */
	const char *from;  /* the source's date on or after this, "" = any */
	const char *to;    /* on or before this, "" = any */
	const char *line;  /* only this business line, "" = all */
	const char *clerk; /* only cases accepted by this login, "" = all */
	bool fields;       /* cases: each with its form fields */
	/* Residents: the special groups (codes, " dibao elderly ") lasting into
	 * tag_from..tag_to (start <= to and (end = "" or end >= from)); "elderly"
	 * is derived: 80 or older on tag_to. */
	const char *tags;
	const char *tag_from;
	const char *tag_to;
	/* What a ledger does not show need not be read (each costs a lookup per
	 * row): the person's groups (yz_lrow_person.tags ""), the household's
	 * size (0). */
	bool no_person_tags;
	bool no_household_size;
} yz_lrow_query;

/* A person of the registry as a ledger sees them (the applicant of a case,
 * or the resident of a row). id 0: none (a case without a registry entry
 * keeps the name and ID number it was taken with). */
typedef struct yz_lrow_person {
	int64_t id;
	const char *name, *idno, *birth, *ethnicity, *phone;
	bool female;
	const char *address;  /* own, or the household's */
	const char *relation; /* to the household's head */
	const char *tags;     /* codes of the special groups lasting into the period,
	                         space separated (stored ones; elderly is derived) */
} yz_lrow_person;

/* A household. id 0: none. */
typedef struct yz_lrow_household {
	int64_t id;
	const char *code, *address;
	const char *head; /* the head's name */
	int64_t head_id;  /* the head's resident id (0 = none) */
	long size;        /* members in the registry */
	const char *grid; /* the grid its place lies in ("" = none) */
} yz_lrow_household;

/* A forward (yi jiao) of a case. id 0: none. */
typedef struct yz_lrow_forward {
	int64_t id;
	const char *department, *sent, *due, *result, *result_date;
	yz_notify_how notified_how;
	const char *notified;
} yz_lrow_forward;

/* Most pauses of one case handed on (n_pauses_all counts them all). */
#define YZ_LROW_MAX_PAUSES 16

/* A case with what ledgers show of it. */
typedef struct yz_lrow_case {
	int64_t id;
	const char *number, *form_id, *item, *line, *state;
	yz_case_status status;
	yz_case_result result;
	const char *clerk_login, *clerk_name, *owner_name;
	const char *accepted;  /* local date */
	char closed[11];       /* local date it was closed; "" open */
	const char *due;       /* the promised date as stored */
	const char *legal_due; /* the legal deadline as stored */
	int promise_days;      /* -1 unknown (old case) */
	int extension_days;
	bool sensitive;                      /* its line is sensitive */
	yz_pause pauses[YZ_LROW_MAX_PAUSES]; /* until {0} while still waiting */
	size_t n_pauses, n_pauses_all;
	int rating; /* 1-5, 0 = not rated */
	const char *rating_comment;
	yz_lrow_forward forward;                   /* the latest forward */
	const char *resident_name, *resident_idno; /* as taken at intake */
	/* Form fields in intake order (table cells "members.2.income"), when asked. */
	const char *const *field_keys;
	const char *const *field_vals;
	size_t n_fields;
} yz_lrow_case;

/* A follow-up (hui fang). */
typedef struct yz_lrow_followup {
	int64_t id;
	const char *due, *note;
	const char *done_by; /* the name of who called (the login when the account is gone) */
	const char *done_at; /* UTC */
	yz_followup_state state;
	yz_followup_outcome outcome;
	int attempts;
} yz_lrow_followup;

/* A talk day's session. */
typedef struct yz_lrow_talk {
	int64_t id;
	const char *date, *place;
	long attendees;
} yz_lrow_talk;

/* A special group of a resident (the derived elderly one: id 0, kind "elderly"). */
typedef struct yz_lrow_tag {
	int64_t id;
	const char *kind; /* yz_tag_code */
	const char *detail;
	int grade;
	const char *start, *end;
} yz_lrow_tag;

/* One row. The members of the source (and what it joins) are filled. */
typedef struct yz_lrow {
	const yz_lrow_case *c;      /* cases, forwards, follow-ups, talk */
	const yz_lrow_person *p;    /* every source but households (a case's applicant) */
	const yz_lrow_household *h; /* the person's household; households: the row */
	const yz_lrow_forward *fw;  /* forwards: the row's forward */
	const yz_lrow_followup *fu; /* follow-ups */
	const yz_lrow_talk *talk;   /* talk */
	const yz_lrow_tag *tag;     /* residents */
} yz_lrow;

/* Called for each row; non-zero stops (the reader then returns that value). */
typedef int (*yz_lrow_cb)(const yz_lrow *row, void *ctx);

/* The sources' readers; 0 at the end, the callback's value when it stopped,
 * -1 with err. Cases come in case order (id), residents by resident, then by
 * group; households by code; forwards, follow-ups and talk by their id. */
int yz_lrows_cases(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err);
int yz_lrows_forwards(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err);
int yz_lrows_followups(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err);
int yz_lrows_talk(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err);
int yz_lrows_residents(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err);
int yz_lrows_households(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx,
                        yz_err *err);

/* Each resident's latest case of form_id accepted on or before `to` ("" =
 * any): called once per resident, by resident id. */
typedef int (*yz_lrow_latest_cb)(int64_t resident_id, yz_case_status status, yz_case_result result,
                                 const char *accepted, void *ctx);
int yz_lrows_latest(yz_store *st, const char *form_id, const char *to, yz_lrow_latest_cb cb,
                    void *ctx, yz_err *err);

#endif
