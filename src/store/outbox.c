/* The station's outbox to the district hub (issue 17). Schema 8's triggers
 * append every change of a case and of its lifecycle records while sync is
 * enabled, each as its kind's view (sync_<kind>, schema.c) makes the row; the
 * sync reads the outbox in batches, sends them and acks what the hub holds;
 * the digests read the same views, so what was sent and what the station
 * holds now are made by one expression. The departments' answers come back
 * through yz_sync_apply_answer. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "life_int.h"

/* Every kind with its view's rows in key order (bytewise, as the hub sorts
 * with COLLATE "C") and the copy of them all into the outbox when sync is
 * enabled. The kinds go in this order, so a case's row comes before its
 * records' rows. */
#define KIND(k, order)                                                                             \
	{                                                                                          \
		k, "SELECT key, form, field, body FROM sync_" k " ORDER BY key COLLATE BINARY",    \
		    "INSERT INTO outbox(kind, key, form, field, body, at)"                         \
		    " SELECT '" k "', key, form, field, body, ?1 FROM sync_" k " ORDER BY " order  \
	}
static const struct kind {
	const char *name;
	const char *digest_sql; /* key, form, field, body by key */
	const char *seed_sql;   /* ?1 = now */
} kinds[] = {
    KIND("case", "rid"),   KIND("applicant", "rid"), KIND("field", "case_id, rid"),
    KIND("event", "rid"),  KIND("pause", "rid"),     KIND("forward", "rid"),
    KIND("rating", "rid"), KIND("followup", "rid"),
};
#undef KIND
#define N_KINDS (sizeof kinds / sizeof kinds[0])

static const struct kind *kind_of(const char *name)
{
	for (size_t i = 0; name && i < N_KINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

/* Whether a row goes to the district: only applicant and field rows are
 * asked about (no callback: everything goes). */
static bool is_shared(yz_share_fn shared, void *ctx, const char *kind, const char *form,
                      const char *field)
{
	if (!shared)
		return true;
	if (strcmp(kind, "applicant") == 0)
		return shared(ctx, form ? form : "", kind, NULL);
	if (strcmp(kind, "field") == 0)
		return shared(ctx, form ? form : "", kind, field ? field : "");
	return true;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* ---- the bookkeeping -------------------------------------------------------- */

/* The highest seq the station has ever given: AUTOINCREMENT's own count
 * (sqlite_sequence), which acked rows deleted from the outbox do not lower. */
#define HIGHEST_SEQ                                                                                \
	"max((SELECT coalesce(max(seq), 0) FROM outbox),"                                          \
	" coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0))"

/* A station put back by yz_store_restore carries the mark ST_RESTORED_KEY in
 * meta (store/backup.c) until the sync has acked or renumbered after it. */
#define RESTORE_SEEN_SET "DELETE FROM meta WHERE key = '" ST_RESTORED_KEY "'"

static void state_from_row(sqlite3_stmt *s, void *out)
{
	yz_sync_state *o = out;

	o->enabled = sqlite3_column_int(s, 0) != 0;
	o->acked_seq = sqlite3_column_int64(s, 1);
	o->answer_id = sqlite3_column_int64(s, 2);
	st_col_cpy(s, 3, o->last_sync, sizeof o->last_sync);
	st_col_cpy(s, 4, o->last_try, sizeof o->last_try);
	st_col_cpy(s, 5, o->last_error, sizeof o->last_error);
	o->last_seq = sqlite3_column_int64(s, 6);
	o->waiting = sqlite3_column_int64(s, 7);
	o->running = sqlite3_column_int(s, 8) != 0;
}

int yz_sync_state_get(yz_store *st, yz_sync_state *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT enabled, acked_seq, answer_id, last_sync, last_try,"
	                          " last_error, " HIGHEST_SEQ ","
	                          " (SELECT count(*) FROM outbox WHERE seq > g.acked_seq), running"
	                          " FROM sync_state g",
	                          err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	rc = st_get_row(st, s, state_from_row, out, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_DAMAGED,
		            _("The station database is damaged or is not a yizhan database (%s). "
		              "Restore it from the backup."),
		            "sync_state");
	return rc == 0 ? 0 : -1;
}

/* Append every current row of every kind (each view's rows, a case's before
 * its records'); *seeded += how many. In the caller's transaction. */
static int seed_all(yz_store *st, const char *at, int64_t *seeded, yz_err *err)
{
	for (size_t i = 0; i < N_KINDS; i++) {
		sqlite3_stmt *s = st_prep(st, kinds[i].seed_sql, err);
		if (!s)
			return -1;
		st_bind_str(s, 1, at);
		if (st_exec_stmt(st, s, err) < 0)
			return -1;
		*seeded += sqlite3_changes(st->db);
	}
	return 0;
}

static int enable_tx(yz_store *st, const char *actor, const char *at, int64_t *seeded, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "UPDATE sync_state SET enabled = 1 WHERE enabled = 0", err);
	char detail[64];

	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return 0; /* already enabled */
	if (seed_all(st, at, seeded, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "seeded=%lld", (long long)*seeded);
	return st_audit_at(st, at, actor && *actor ? actor : "sync", "sync_enabled", detail, err);
}

int yz_outbox_enable(yz_store *st, const char *actor, int64_t *seeded, yz_err *err)
{
	char at[21];
	int64_t n = 0;

	if (seeded)
		*seeded = 0;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	if (st_life_end(st, enable_tx(st, actor, at, &n, err), err) < 0)
		return -1;
	if (seeded)
		*seeded = n;
	return 0;
}

static int int_of(yz_store *st, const char *sql, int64_t *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, sql, err);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int renumber_tx(yz_store *st, int64_t hub_seq, const char *actor, const char *at,
                       int64_t *seeded, yz_err *err)
{
	int64_t had, base;
	sqlite3_stmt *s;
	char detail[160];

	if (int_of(st, "SELECT " HIGHEST_SEQ, &had, err) < 0)
		return -1;
	base = had > hub_seq ? had : hub_seq;
	/* The numbering goes on above both (a change made meanwhile by a
	 * counter included: it is seeded again like the rest). */
	s = st_prep(st,
	            "INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox', 0"
	            " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')",
	            err);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	s = st_prep(st, "UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'outbox'", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, base);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	/* Deletions not sent yet go again (the seeding cannot tell them), then
	 * every row the station has now; the old numbers are gone. */
	s = st_prep(st,
	            "INSERT INTO outbox(kind, key, form, field, body, at)"
	            " SELECT kind, key, form, field, NULL, ?1 FROM outbox"
	            " WHERE body IS NULL AND seq <= ?2"
	            " AND seq > (SELECT acked_seq FROM sync_state) ORDER BY seq",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, at);
	sqlite3_bind_int64(s, 2, base);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	s = st_prep(st, "DELETE FROM outbox WHERE seq <= ?1", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, base);
	if (st_exec_stmt(st, s, err) < 0 || seed_all(st, at, seeded, err) < 0)
		return -1;
	s = st_prep(st, "UPDATE sync_state SET acked_seq = ?1", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, base);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	s = st_prep(st, RESTORE_SEEN_SET, err);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "hub_seq=%lld station_seq=%lld from=%lld seeded=%lld",
	         (long long)hub_seq, (long long)had, (long long)base + 1, (long long)*seeded);
	return st_audit_at(st, at, actor && *actor ? actor : "sync", "sync_renumbered", detail,
	                   err);
}

int yz_outbox_renumber(yz_store *st, int64_t hub_seq, const char *actor, int64_t *seeded,
                       yz_err *err)
{
	char at[21];
	int64_t n = 0;

	if (seeded)
		*seeded = 0;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	if (st_life_end(st, renumber_tx(st, hub_seq, actor, at, &n, err), err) < 0)
		return -1;
	if (seeded)
		*seeded = n;
	return 0;
}

int yz_sync_note_try(yz_store *st, const char *msg, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          msg ? "UPDATE sync_state SET last_try = ?1, last_error = ?2,"
	                                " running = 0"
	                              : "UPDATE sync_state SET last_try = ?1, running = 1",
	                          err);
	char at[21];

	if (!s)
		return -1;
	yz_utc_stamp(yz_clock_now(&st->clock), at);
	st_bind_str(s, 1, at);
	if (msg)
		st_bind_str(s, 2, msg);
	return st_exec_stmt(st, s, err);
}

int yz_sync_answers_from(yz_store *st, int64_t id, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "UPDATE sync_state SET answer_id = ?1 WHERE answer_id > ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return st_exec_stmt(st, s, err);
}

/* ---- a restored station ------------------------------------------------------ */

int yz_sync_restored(yz_store *st, bool *restored, yz_err *err)
{
	int64_t n = 0;
	int rc = int_of(st, "SELECT EXISTS (SELECT 1 FROM meta WHERE key = '" ST_RESTORED_KEY "')",
	                &n, err);

	*restored = rc == 0 && n != 0;
	return rc;
}

/* ---- reading and acking ----------------------------------------------------- */

void yz_outbox_batch_free(yz_outbox_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->rows[i].key);
		free(b->rows[i].body);
	}
	free(b->rows);
	b->rows = NULL;
	b->n = 0;
}

/* Append the current row of s (seq, kind, key, form, field, body) to b. */
static int batch_add(yz_outbox_batch *b, size_t *cap, sqlite3_stmt *s)
{
	yz_outbox_row *r;
	const char *body = col_text(s, 5);

	if (b->n == *cap) {
		size_t want = *cap ? 2 * *cap : 64;
		yz_outbox_row *more = realloc(b->rows, want * sizeof *more);
		if (!more)
			return -1;
		b->rows = more;
		*cap = want;
	}
	r = &b->rows[b->n];
	memset(r, 0, sizeof *r);
	r->seq = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, r->kind, sizeof r->kind);
	r->key = strdup(col_text(s, 2) ? col_text(s, 2) : "");
	r->body = body ? strdup(body) : NULL;
	b->n++; /* freed with the batch, even half made */
	return r->key && (r->body || !body) ? 0 : -1;
}

int yz_outbox_read(yz_store *st, int64_t after_seq, size_t max, yz_share_fn shared, void *ctx,
                   yz_outbox_batch *out, yz_err *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->last_seq = after_seq;
	if (max == 0)
		return 0;
	s = st_prep(st,
	            "SELECT seq, kind, key, form, field, body FROM outbox WHERE seq > ?1"
	            " ORDER BY seq LIMIT ?2",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, after_seq);
	sqlite3_bind_int64(s, 2, max > (size_t)INT64_MAX ? INT64_MAX : (int64_t)max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = col_text(s, 1);
		out->last_seq = sqlite3_column_int64(s, 0);
		if (!is_shared(shared, ctx, kind ? kind : "", col_text(s, 3), col_text(s, 4)))
			continue;
		if (batch_add(out, &cap, s) < 0) {
			sqlite3_finalize(s);
			yz_outbox_batch_free(out);
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
			return -1;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		yz_outbox_batch_free(out);
		return st_fail(st, rc, err);
	}
	return 0;
}

static int ack_tx(yz_store *st, int64_t seq, const char *at, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "DELETE FROM outbox WHERE seq <= ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	s = st_prep(st,
	            "UPDATE sync_state SET acked_seq = max(acked_seq, ?1), last_sync = ?2,"
	            " last_error = ''",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	st_bind_str(s, 2, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	s = st_prep(st, RESTORE_SEEN_SET, err);
	return st_exec_stmt(st, s, err);
}

int yz_outbox_ack(yz_store *st, int64_t seq, yz_err *err)
{
	char at[21];

	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_life_end(st, ack_tx(st, seq, at, err), err);
}

/* ---- digests ---------------------------------------------------------------- */

int yz_outbox_digest(yz_store *st, const char *kind, yz_share_fn shared, void *ctx, int64_t *count,
                     char hex[65], yz_err *err)
{
	const struct kind *k = kind_of(kind);
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	sqlite3_stmt *s;
	int64_t n = 0;
	int rc;

	*count = 0;
	hex[0] = '\0';
	if (!k) {
		yz_err_setc(err, YZ_ERR_INTERNAL, _("Database error: %s"),
		            "unknown kind of change");
		return -1;
	}
	s = st_prep(st, k->digest_sql, err);
	if (!s)
		return -1;
	sha256_init(&h);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const uint8_t *key = sqlite3_column_text(s, 0), *body;
		size_t key_len = (size_t)sqlite3_column_bytes(s, 0), body_len;
		if (!is_shared(shared, ctx, k->name, col_text(s, 1), col_text(s, 2)))
			continue;
		body = sqlite3_column_text(s, 3);
		body_len = (size_t)sqlite3_column_bytes(s, 3);
		sha256_update(&h, key_len, key ? key : (const uint8_t *)"");
		sha256_update(&h, 1, (const uint8_t *)"\t");
		sha256_update(&h, body_len, body ? body : (const uint8_t *)"");
		sha256_update(&h, 1, (const uint8_t *)"\n");
		n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	sha256_digest(&h, SHA256_DIGEST_SIZE, d);
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	*count = n;
	return 0;
}

/* ---- the departments' answers ----------------------------------------------- */

/* 1 when open case c still waits on forward fid (no result yet), 0 when not. */
static int still_waiting(yz_store *st, const yz_case *c, int64_t fid, yz_err *err)
{
	sqlite3_stmt *s;

	if (c->status != YZ_CASE_ACCEPTED || !c->forward_id || c->forward_id != fid)
		return 0;
	s = st_prep(
	    st, "SELECT 1 FROM case_forwards WHERE id = ?1 AND case_id = ?2 AND result = ''", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, fid);
	sqlite3_bind_int64(s, 2, c->id);
	int rc = st_get_row(st, s, NULL, NULL, err);
	return rc < 0 ? -1 : rc == 0;
}

/* The result as the case's forward takes it, in a savepoint: 0 done, 1 the
 * case moved on meanwhile (a->from_state) and nothing was changed, -1. */
static int answer_result(yz_store *st, const yz_case *c, const yz_sync_answer *ans, const yz_act *a,
                         const char *at, yz_err *err)
{
	yz_err inner = {0};
	yz_date d;
	const char *date =
	    ans->result_date && yz_date_parse(ans->result_date, &d) ? ans->result_date : a->today;
	int rc;

	if (st_tx_begin(st, err) < 0)
		return -1;
	rc = st_forward_result_tx(st, c->id, ans->result, date, a, at, &inner);
	if (st_tx_end(st, rc == 0, rc == 0 ? &inner : NULL) == 0)
		return 0;
	if (rc < 0 && inner.code == YZ_ERR_EXISTS)
		return 1;
	if (err)
		*err = inner;
	return -1;
}

/* The answer on the timeline of a case that no longer waits on it. */
static int answer_event(yz_store *st, const yz_case *c, const yz_sync_answer *ans, const yz_act *a,
                        const char *at, yz_err *err)
{
	char note[1024];
	yz_act noted = *a;
	const char *date = ans->result_date ? ans->result_date : "";

	snprintf(note, sizeof note, "%s: %s%s%s%s%s%s", ans->department ? ans->department : "",
	         ans->result ? ans->result : "", *date ? " (" : "", date, *date ? ")" : "",
	         a->note && *a->note ? " - " : "", a->note ? a->note : "");
	noted.note = note;
	return st_life_event(st, c, "dept_answer", c->state, c->state, &noted, at, err);
}

static int apply_tx(yz_store *st, const yz_sync_answer *ans, const yz_act *a, const char *at,
                    int *applied, yz_err *err)
{
	sqlite3_stmt *s;
	int64_t last;
	yz_case c;
	int rc;

	if (int_of(st, "SELECT answer_id FROM sync_state", &last, err) < 0)
		return -1;
	if (ans->id <= last)
		return 0;
	rc = yz_case_get(st, ans->case_no ? ans->case_no : "", &c, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		/* done: 0 the result was taken, 1 the case no longer waits on it. */
		int waiting = still_waiting(st, &c, ans->forward_id, err);
		int done = waiting == 1 ? answer_result(st, &c, ans, a, at, err) : 1;
		if (waiting < 0 || done < 0)
			return -1;
		if (waiting == 1 && done == 1) {
			/* still at the department, but its step is not the one the
			 * caller read: nothing is kept, the caller reads it again */
			yz_err_setc(err, YZ_ERR_BUSY,
			            _("Case %s moved on while its department's answer was being "
			              "recorded; try again."),
			            c.number);
			return -1;
		}
		if (done == 0)
			*applied = 1;
		else if (answer_event(st, &c, ans, a, at, err) < 0)
			return -1;
		else
			*applied = 2;
	}
	s = st_prep(st, "UPDATE sync_state SET answer_id = ?1", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, ans->id);
	return st_exec_stmt(st, s, err);
}

int yz_sync_apply_answer(yz_store *st, const yz_sync_answer *ans, const yz_act *a, int *applied,
                         yz_err *err)
{
	char at[21];
	int got = 0;

	if (applied)
		*applied = 0;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	if (st_life_end(st, apply_tx(st, ans, a, at, &got, err), err) < 0)
		return -1;
	if (applied)
		*applied = got;
	return 0;
}
