/* store/ledger.h: the rows of the station's ledgers (issue 16) — cases,
 * residents with their special groups, households, forwards, follow-ups and
 * the talk day's cases — streamed to a callback as the raw values the service
 * turns into a ledger's keys (service/ledgers.h); the row types are plain
 * records (records/ledger.h), which the district hub streams too. Each source is one
 * statement over its tables with the applicant, household, grid, latest
 * forward and rating joined (never a query per row: a year has 100,000
 * cases); a case's form fields come from a second statement read in the same
 * case order beside it. The store module, src/store/ledger_rows.c; the
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

#include "yizhan/records/ledger.h"

/* The enums of a row's words (records/ledger.h): a word no version of the
 * station wrote reads as the vocabulary's unknown value (the outcome's: none). */
yz_case_status yz_lrow_status_of(const char *word);
yz_case_result yz_lrow_result_of(const char *word);
yz_notify_how yz_lrow_notify_of(const char *word);
yz_followup_state yz_lrow_fu_state_of(const char *word);
yz_followup_outcome yz_lrow_fu_outcome_of(const char *word);

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
