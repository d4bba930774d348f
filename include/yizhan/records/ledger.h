/* records/ledger.h: the rows ledgers are made of (issue 16; issue 17 at the
 * hub) — which rows to read, and one row of a source: a case with its
 * applicant, household, latest forward and rating, a forward, a follow-up, a
 * talk day's case, a resident's special group, a household. Plain types
 * (core only): the station's store (store/ledger.h, yz_lrows_*) and the
 * district hub (hub.h, yz_hub_lrows_*) stream them alike, and the service
 * (service/ledgers.h) makes a ledger of them whichever read them.
 *
 * Every string lives until the callback returns and is never NULL ("" when
 * empty). A closed vocabulary (a case's status and result, how a resident was
 * told, a follow-up's state and outcome) comes as the word the station's
 * database keeps, which is also the word it sends to the hub; the store's
 * yz_lrow_*_of (store/ledger.h) turn them into its enums. */
#ifndef YZ_RECORDS_LEDGER_H
#define YZ_RECORDS_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"

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
	/* The hub: only this station's rows (its code), NULL or "" = every
	 * station the login may read. The store has one station and ignores it. */
	const char *station;
} yz_lrow_query;

/* A person of the registry as a ledger sees them (the applicant of a case,
 * or the resident of a row). id 0: none (a case without a registry entry
 * keeps the name and ID number it was taken with). At the hub there is no
 * registry: a case whose form shares its applicant has a person, one id for
 * one station's ID number (yz_hub_lrows_latest's), with the name and ID
 * number shared and the birth and sex the ID number gives; the rest is "". */
typedef struct yz_lrow_person {
	int64_t id;
	const char *name, *idno, *birth, *ethnicity, *phone;
	bool female;
	const char *address;  /* own, or the household's */
	const char *relation; /* to the household's head */
	const char *tags;     /* codes of the special groups lasting into the period,
	                         space separated (stored ones; elderly is derived) */
} yz_lrow_person;

/* A household. id 0: none (always at the hub). */
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
	const char *notified_how; /* "" not told yet, "phone", "sms", "visit", "counter" */
	const char *notified;
} yz_lrow_forward;

/* Most pauses of one case handed on (n_pauses_all counts them all). */
#define YZ_LROW_MAX_PAUSES 16

/* A case with what ledgers show of it. */
typedef struct yz_lrow_case {
	int64_t id; /* the station's id; at the hub a number unique within the read */
	const char *number, *form_id, *item, *line, *state;
	const char *status; /* "accepted" (open), "done" (closed) */
	const char *result; /* "" (open), "approved", "refused", "answered", "resolved",
	                       "withdrawn", "rejected" */
	const char *clerk_login, *clerk_name, *owner_name; /* the hub: names are logins */
	const char *accepted;                              /* local date */
	char closed[11];                                   /* local date it was closed; "" open */
	const char *due;                                   /* the promised date as stored */
	const char *legal_due;                             /* the legal deadline as stored */
	int promise_days;                                  /* -1 unknown (old case) */
	int extension_days;
	bool sensitive;                      /* its line is sensitive (the hub: false, see
	                                        service/ledgers.h) */
	yz_pause pauses[YZ_LROW_MAX_PAUSES]; /* until {0} while still waiting */
	size_t n_pauses, n_pauses_all;
	int rating; /* 1-5, 0 = not rated */
	const char *rating_comment;
	yz_lrow_forward forward;                   /* the latest forward */
	const char *resident_name, *resident_idno; /* as taken at intake ("" at the hub
	                                              when its form does not share them) */
	/* Form fields in intake order (table cells "members.2.income"), when asked;
	 * at the hub only the fields the form shares. */
	const char *const *field_keys;
	const char *const *field_vals;
	size_t n_fields;
	/* The station the case is of: its code and name ("" at a station: its
	 * own, yizhan.conf's). */
	const char *station, *station_name;
} yz_lrow_case;

/* A follow-up (hui fang). */
typedef struct yz_lrow_followup {
	int64_t id;
	const char *due, *note;
	const char *done_by; /* the name of who called (the login when the account is gone;
	                        always the login at the hub) */
	const char *done_at; /* UTC */
	const char *state;   /* "open", "done" */
	const char *outcome; /* "" none, "satisfied", "reopened", "unreached" */
	int attempts;        /* -1 unknown (the hub) */
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

#endif
