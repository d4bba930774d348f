/* store/outbox.h: what the district must know (issue 17). While sync is
 * enabled, every change of a case and of its lifecycle records (the kinds:
 * case, applicant, field, event, pause, forward, rating, followup) is appended to the outbox by
 * triggers, in the transaction that made it; the sync (service/sync.h) reads it in batches, sends
 * them and acks what the hub holds. The departments' answers come back through
 * yz_sync_apply_answer. The store module, src/store/outbox.c; the whole API:
 * yizhan/store.h. */
#ifndef YZ_STORE_OUTBOX_H
#define YZ_STORE_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/text.h"
#include "yizhan/store/db.h"
#include "yizhan/store/lifecycle.h"

/* Whether a row of kind "applicant" (field NULL) or "field" (field = the
 * case_fields key, e.g. "members.2.income") of a case of form form_id may go to
 * the district. Other kinds are always sent. */
typedef bool (*yz_share_fn)(void *ctx, const char *form_id, const char *kind, const char *field);

/* The sync's bookkeeping (one row). */
typedef struct yz_sync_state {
	bool enabled;         /* the outbox is being written */
	int64_t acked_seq;    /* every change up to this one is at the hub */
	int64_t last_seq;     /* the highest seq the station ever gave (0 = none), acked or not */
	int64_t waiting;      /* changes after acked_seq */
	int64_t answer_id;    /* the last hub answer applied */
	char last_sync[21];   /* UTC time of the last sync that reached the hub; "" = never */
	char last_try[21];    /* UTC time of the last attempt */
	char last_error[256]; /* the last attempt's failure; "" = it went well */
	bool running;         /* a sync started at last_try has not ended (or was killed) */
} yz_sync_state;

int yz_sync_state_get(yz_store *st, yz_sync_state *out, yz_err *err);

/* Start writing the outbox: in one transaction, set enabled and append every
 * current row of every kind (so the hub gets the station's past too), with
 * an audit row "sync_enabled" by actor (NULL or "": "sync"), detail
 * "seeded=N". Does nothing when already enabled. *seeded (may be NULL) = rows
 * appended. */
int yz_outbox_enable(yz_store *st, const char *actor, int64_t *seeded, yz_err *err);

/* The hub holds changes of this station up to hub_seq, more than the station
 * ever gave (it was restored from an older backup): numbers up to there are
 * taken at the hub and a change sent with one would be ignored. In one
 * transaction: the outbox's numbering goes on above hub_seq (and above the
 * station's own highest), deletions not yet sent are appended again, every
 * current row of every kind is appended again (as yz_outbox_enable seeds, so
 * the hub takes the station's present state as the newer), the old rows go,
 * acked_seq = the new base; an audit row "sync_renumbered" by actor, detail
 * "hub_seq=H station_seq=S from=F seeded=N". *seeded (may be NULL) = rows
 * seeded. Rows the hub has and the station no longer has stay at the hub. */
int yz_outbox_renumber(yz_store *st, int64_t hub_seq, const char *actor, int64_t *seeded,
                       yz_err *err);

/* The hub holds answers for the station only up to id (it was put back from
 * an older backup, or is a new one): the answers after id are taken again
 * from now on (answer_id lowered to id when above it; applying one twice
 * changes nothing). */
int yz_sync_answers_from(yz_store *st, int64_t id, yz_err *err);

/* Whether the station was put back from a copy (yz_store_restore marks it)
 * since the sync last acked or renumbered: the hub may then hold numbers the station gives again
 * even when the station has numbered past them since. */
int yz_sync_restored(yz_store *st, bool *restored, yz_err *err);

/* One change to send. */
typedef struct yz_outbox_row {
	int64_t seq;
	char kind[12];
	char *key;
	char *body; /* NULL = deleted */
} yz_outbox_row;

typedef struct yz_outbox_batch {
	yz_outbox_row *rows; /* the shared ones, by seq */
	size_t n;
	int64_t last_seq; /* the highest seq read (shared or not): ack up to it when sent */
} yz_outbox_batch;

/* Up to max rows after after_seq (shared or not: not shared ones are skipped
 * but counted towards max and last_seq). shared NULL: every row is shared. */
int yz_outbox_read(yz_store *st, int64_t after_seq, size_t max, yz_share_fn shared, void *ctx,
                   yz_outbox_batch *out, yz_err *err);
void yz_outbox_batch_free(yz_outbox_batch *b);

/* The hub holds every change up to seq: remember it (acked_seq, last_sync =
 * now, last_error cleared) and delete those rows from the outbox. */
int yz_outbox_ack(yz_store *st, int64_t seq, yz_err *err);

/* last_try = now, and: msg NULL, an attempt starts (running; a sync killed
 * midway leaves it set, for the home screen and `sync --status`); msg "" or
 * a failure's message, the attempt ended (running cleared, last_error =
 * msg). */
int yz_sync_note_try(yz_store *st, const char *msg, yz_err *err);

/* The station's count and SHA-256 (lowercase hex) of its shared rows of one
 * kind, from the live tables (each row's "key\t" body "\n" in key order, SHA-256).
 * shared NULL: every row. An unknown kind: YZ_ERR_INTERNAL. */
int yz_outbox_digest(yz_store *st, const char *kind, yz_share_fn shared, void *ctx, int64_t *count,
                     char hex[65], yz_err *err);

/* A department's answer from the hub (yz_hub_answer, as the service hands it). */
typedef struct yz_sync_answer {
	int64_t id;
	const char *case_no;
	int64_t forward_id; /* from the forward key */
	const char *department;
	const char *result;
	const char *result_date;
	const char *answered_by;
} yz_sync_answer;

/* Apply one answer in one transaction (idempotent: an id not after
 * answer_id does nothing, *applied = 0). The case still waiting on that
 * forward: as yz_case_forward_result with a (a->to_state from the service's
 * workflow; a->actor "hub"), *applied = 1; when it still waits but was moved
 * on meanwhile (a->from_state set and no longer its state), -1 with
 * YZ_ERR_BUSY and nothing kept: read the case again and retry. A case that
 * no longer waits on it: an event "dept_answer", note "<department>:
 * <result> (<result_date>) - <a->note>", *applied = 2. answer_id moves on in
 * the same transaction. A case number the station does not know is skipped
 * (answer_id moves on, *applied = 0). */
int yz_sync_apply_answer(yz_store *st, const yz_sync_answer *ans, const yz_act *a, int *applied,
                         yz_err *err);

#endif
