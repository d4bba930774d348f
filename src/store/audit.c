/* The audit trail, keyed with the station key (key.c), which is never in the
 * database: whoever holds only a copy of station.db cannot rewrite it unseen.
 *
 * The log: append-only rows, each carrying the MAC of the previous row and its
 * own content, so that any edit or deletion breaks the chain:
 *   hash = hex(HMAC-SHA256(K_chain, prev_hash US at US actor US action US detail))
 * where US is the byte 0x1f (keeps "ab"+"c" and "a"+"bc" apart) and the first
 * row's prev_hash is 64 zeros. The id and hash of the newest row are also kept
 * in meta ("audit_head"), so that deleting the newest rows is detected; a head
 * written down off the machine (yz_audit_anchor) catches a log cut back
 * together with that meta row. Schema 5 and earlier chained with plain SHA-256:
 * the upgrade checks that chain and chains the log again with the key.
 *
 * The data: every row of the registry and of the cases (the tables of
 * covered[]) carries mac = the first 12 bytes of HMAC-SHA256(K_rows, table and
 * every column's type and value). The last 16 bytes of the same HMAC, which are
 * stored nowhere, are added (XOR) into audit_sums, with a count of rows per
 * table: a deleted row changes the sum, and without the key nobody can take it
 * out again. This connection's TEMP triggers keep both after every insert,
 * update and delete the program makes; another program (the sqlite3 shell) has
 * no such triggers, so what it changes keeps a MAC that no longer fits. The
 * functions the triggers call are SQLITE_DIRECTONLY: a trigger planted in the
 * file cannot call them. */
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "schema.h"
#include "store_int.h"
#include <unistd.h>

#define HASH_HEX   (2 * SHA256_DIGEST_SIZE)
#define ROW_MAC    12 /* bytes of a row's MAC kept in its mac column */
#define SUM_BYTES  16 /* bytes of a row's share of audit_sums (digest[16..31]) */
#define MAX_COLS   64
#define ANCHOR_HEX 16 /* hex digits of the head's MAC an anchor carries */
/* Problems named one by one before "and N more". */
#define MAX_NAMED 20

static const char genesis[HASH_HEX + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The tables whose rows carry a MAC, and how a changed row is named. */
typedef enum { NAME_CASE, NAME_OF_CASE, NAME_RESIDENT, NAME_RECORD } name_how;
static const struct covered {
	const char *table;
	name_how how;
	const char *what;  /* N_() words for one record, in "... changed outside yizhan" */
	const char *label; /* N_() words for the table's records, in counts */
} covered[] = {
    {"users", NAME_RECORD, N_("user account"), N_("user accounts")},
    {"places", NAME_RECORD, N_("place"), N_("places")},
    {"households", NAME_RECORD, N_("household"), N_("households")},
    {"residents", NAME_RESIDENT, N_("resident"), N_("residents")},
    {"resident_history", NAME_RECORD, N_("change of a resident"), N_("changes of residents")},
    {"resident_tags", NAME_RECORD, N_("resident tag"), N_("resident tags")},
    {"rentals", NAME_RECORD, N_("rental"), N_("rentals")},
    {"rental_tenants", NAME_RECORD, N_("rental tenant"), N_("rental tenants")},
    {"registry_history", NAME_RECORD, N_("change of the registry"), N_("changes of the registry")},
    {"cases", NAME_CASE, N_("case"), N_("cases")},
    {"case_fields", NAME_OF_CASE, N_("a field"), N_("case fields")},
    {"case_materials", NAME_OF_CASE, N_("a material"), N_("case materials")},
    {"case_events", NAME_OF_CASE, N_("an event of its timeline"), N_("case events")},
    {"case_pauses", NAME_OF_CASE, N_("a wait for materials"), N_("waits for materials")},
    {"case_forwards", NAME_OF_CASE, N_("a forwarding"), N_("forwardings")},
    {"approvals", NAME_OF_CASE, N_("an approval"), N_("approvals")},
    {"ratings", NAME_OF_CASE, N_("its rating"), N_("ratings")},
    {"followups", NAME_OF_CASE, N_("a follow-up"), N_("follow-ups")},
    {"line_staff", NAME_RECORD, N_("business line staffing"), N_("business line staffing")},
    {"absences", NAME_RECORD, N_("absence"), N_("absences")},
    {"talk_sessions", NAME_RECORD, N_("residents' session"), N_("residents' sessions")},
    {"talk_items", NAME_OF_CASE, N_("its residents' session"), N_("cases of residents' sessions")},
};
#define N_COVERED (sizeof covered / sizeof covered[0])

/* ---- the chain ------------------------------------------------------------- */

static void hex_of(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void hash_row(yz_store *st, const char *prev, const char *at, const char *actor,
                     const char *action, const char *detail, char out[HASH_HEX + 1])
{
	const char *parts[] = {prev, at, actor, action, detail};
	struct hmac_sha256_ctx ctx = st->chain_mac;
	uint8_t digest[SHA256_DIGEST_SIZE];

	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (i > 0)
			hmac_sha256_update(&ctx, 1, (const uint8_t *)"\x1f");
		hmac_sha256_update(&ctx, strlen(parts[i]), (const uint8_t *)parts[i]);
	}
	hmac_sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
	hex_of(digest, SHA256_DIGEST_SIZE, out);
}

/* The chain of schema 5 and earlier: plain SHA-256 (checked once, at the upgrade). */
static void sha_row(const char *prev, const char *at, const char *actor, const char *action,
                    const char *detail, char out[HASH_HEX + 1])
{
	const char *parts[] = {prev, at, actor, action, detail};
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (i > 0)
			sha256_update(&ctx, 1, (const uint8_t *)"\x1f");
		sha256_update(&ctx, strlen(parts[i]), (const uint8_t *)parts[i]);
	}
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
	hex_of(digest, SHA256_DIGEST_SIZE, out);
}

/* The newest row's id and hash, or 0 and the genesis value for an empty log. */
static int last_row(yz_store *st, int64_t *id, char out[HASH_HEX + 1], yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	*id = 0;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		st_col_cpy(s, 1, out, HASH_HEX + 1);
	} else if (rc == SQLITE_DONE) {
		memcpy(out, genesis, sizeof genesis);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int set_head(yz_store *st, int64_t id, const char *hash, yz_err *err)
{
	char head[32 + HASH_HEX];

	snprintf(head, sizeof head, "%lld:%s", (long long)id, hash);
	return yz_store_meta_set(st, "audit_head", head, err);
}

int st_audit_at(yz_store *st, const char *at, const char *actor, const char *action,
                const char *detail, yz_err *err)
{
	char prev[HASH_HEX + 1], hash[HASH_HEX + 1];
	int64_t last;
	sqlite3_stmt *s;

	actor = actor ? actor : "";
	detail = detail ? detail : "";
	if (last_row(st, &last, prev, err) < 0)
		return -1;
	hash_row(st, prev, at, actor, action, detail, hash);
	s = st_prep(st,
	            "INSERT INTO audit(at, actor, action, detail, prev_hash, hash)"
	            " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, at);
	st_bind_str(s, 2, actor);
	st_bind_str(s, 3, action);
	st_bind_str(s, 4, detail);
	st_bind_str(s, 5, prev);
	st_bind_str(s, 6, hash);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	return set_head(st, sqlite3_last_insert_rowid(st->db), hash, err);
}

int yz_audit_append(yz_store *st, const char *actor, const char *action, const char *detail,
                    yz_err *err)
{
	char now[21];

	st_now(st, now);
	/* The chain is read and extended under the write lock: no two counters can
	 * append on the same predecessor. */
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, st_audit_at(st, now, actor, action, detail, err) == 0, err);
}

/* ---- the rows' MACs -------------------------------------------------------- */

/* HMAC-SHA256(K_rows, table, then per value a type byte, its length and bytes). */
static void row_digest(yz_store *st, const char *table, int n, sqlite3_value **v,
                       uint8_t d[SHA256_DIGEST_SIZE])
{
	struct hmac_sha256_ctx ctx = st->row_mac;

	hmac_sha256_update(&ctx, strlen(table) + 1, (const uint8_t *)table);
	for (int i = 0; i < n; i++) {
		uint8_t head[9];
		const uint8_t *bytes = NULL;
		int64_t len = 0;
		char num[32];
		switch (sqlite3_value_type(v[i])) {
		case SQLITE_INTEGER:
			head[0] = 'i';
			len =
			    snprintf(num, sizeof num, "%lld", (long long)sqlite3_value_int64(v[i]));
			bytes = (const uint8_t *)num;
			break;
		case SQLITE_FLOAT:
			head[0] = 'r';
			len = snprintf(num, sizeof num, "%.17g", sqlite3_value_double(v[i]));
			bytes = (const uint8_t *)num;
			break;
		case SQLITE_TEXT:
			head[0] = 't';
			bytes = sqlite3_value_text(v[i]);
			len = sqlite3_value_bytes(v[i]);
			break;
		case SQLITE_BLOB:
			head[0] = 'b';
			bytes = sqlite3_value_blob(v[i]);
			len = sqlite3_value_bytes(v[i]);
			break;
		default:
			head[0] = 'n';
			break;
		}
		for (int b = 0; b < 8; b++)
			head[1 + b] = (uint8_t)((uint64_t)len >> (8 * b));
		hmac_sha256_update(&ctx, sizeof head, head);
		if (len > 0 && bytes)
			hmac_sha256_update(&ctx, (size_t)len, bytes);
	}
	hmac_sha256_digest(&ctx, SHA256_DIGEST_SIZE, d);
}

/* yz_rowmac(table, v1, ...): the row's MAC. */
static void fn_rowmac(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	yz_store *st = sqlite3_user_data(c);
	uint8_t d[SHA256_DIGEST_SIZE];
	const char *table = (const char *)sqlite3_value_text(argv[0]);

	row_digest(st, table ? table : "", argc - 1, argv + 1, d);
	sqlite3_result_blob(c, d, ROW_MAC, SQLITE_TRANSIENT);
}

static void sum_xor(uint8_t sum[SUM_BYTES], const uint8_t d[SHA256_DIGEST_SIZE])
{
	for (int i = 0; i < SUM_BYTES; i++)
		sum[i] ^= d[SHA256_DIGEST_SIZE - SUM_BYTES + i];
}

/* yz_rowsum(sum, table, v1, ...): sum with the row's share added or taken out. */
static void fn_rowsum(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	yz_store *st = sqlite3_user_data(c);
	uint8_t d[SHA256_DIGEST_SIZE], sum[SUM_BYTES] = {0};
	const char *table = (const char *)sqlite3_value_text(argv[1]);

	if (sqlite3_value_bytes(argv[0]) == SUM_BYTES)
		memcpy(sum, sqlite3_value_blob(argv[0]), SUM_BYTES);
	row_digest(st, table ? table : "", argc - 2, argv + 2, d);
	sum_xor(sum, d);
	sqlite3_result_blob(c, sum, SUM_BYTES, SQLITE_TRANSIENT);
}

/* yz_rowsum_all(table, v1, ...): the sum of a whole table (aggregate). */
static void fn_sum_step(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	yz_store *st = sqlite3_user_data(c);
	uint8_t d[SHA256_DIGEST_SIZE], *sum = sqlite3_aggregate_context(c, SUM_BYTES);
	const char *table = (const char *)sqlite3_value_text(argv[0]);

	if (!sum)
		return;
	row_digest(st, table ? table : "", argc - 1, argv + 1, d);
	sum_xor(sum, d);
}

static void fn_sum_final(sqlite3_context *c)
{
	uint8_t zero[SUM_BYTES] = {0}, *sum = sqlite3_aggregate_context(c, 0);

	sqlite3_result_blob(c, sum ? sum : zero, SUM_BYTES, SQLITE_TRANSIENT);
}

int st_audit_functions(yz_store *st, yz_err *err)
{
	const int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
	int rc = sqlite3_create_function(st->db, "yz_rowmac", -1, flags, st, fn_rowmac, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "yz_rowsum", -1, flags, st, fn_rowsum, NULL,
		                             NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "yz_rowsum_all", -1, flags, st, NULL,
		                             fn_sum_step, fn_sum_final);
	return rc == SQLITE_OK ? 0 : st_fail(st, rc, err);
}

/* The columns of a covered table, in order, without mac. */
typedef struct tcols {
	char name[MAX_COLS][64];
	bool pk[MAX_COLS];
	int n;
	bool rowid; /* false: WITHOUT ROWID, rows are found by their primary key */
} tcols;

static int table_cols(yz_store *st, const char *table, tcols *t, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT name, pk FROM pragma_table_info(?1, 'main') ORDER BY cid", err);
	int rc;

	t->n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, table);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		if (!name || strcmp(name, "mac") == 0 || t->n == MAX_COLS)
			continue;
		snprintf(t->name[t->n], sizeof t->name[t->n], "%s", name);
		t->pk[t->n++] = sqlite3_column_int(s, 1) > 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	s = st_prep(st,
	            "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?1"
	            " AND sql LIKE '%WITHOUT ROWID%'",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, table);
	rc = sqlite3_step(s);
	t->rowid = rc == SQLITE_DONE;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

/* "'table', P.c1, P.c2, ..." (P = NEW or OLD; "" for the columns themselves). */
static void args_of(sqlite3_str *q, const char *table, const tcols *t, const char *p)
{
	sqlite3_str_appendf(q, "'%q'", table);
	for (int i = 0; i < t->n; i++)
		sqlite3_str_appendf(q, ", %s\"%w\"", p, t->name[i]);
}

/* The row of NEW: "rowid = NEW.rowid" or its primary key's columns. */
static void where_new(sqlite3_str *q, const tcols *t)
{
	if (t->rowid) {
		sqlite3_str_appendall(q, "rowid = NEW.rowid");
		return;
	}
	const char *and = "";
	for (int i = 0; i < t->n; i++) {
		if (!t->pk[i])
			continue;
		sqlite3_str_appendf(q, "%s\"%w\" = NEW.\"%w\"", and, t->name[i], t->name[i]);
		and = " AND ";
	}
}

static void triggers_of(sqlite3_str *q, const char *table, const tcols *t)
{
	/* Insert: the new row's MAC, its share into the sum. */
	sqlite3_str_appendf(q,
	                    "CREATE TEMP TRIGGER \"yz_mac_%w_i\" AFTER INSERT ON main.\"%w\" BEGIN"
	                    " UPDATE \"%w\" SET mac = yz_rowmac(",
	                    table, table, table);
	args_of(q, table, t, "NEW.");
	sqlite3_str_appendall(q, ") WHERE ");
	where_new(q, t);
	sqlite3_str_appendall(q, "; UPDATE audit_sums SET n = n + 1, sum = yz_rowsum(sum, ");
	args_of(q, table, t, "NEW.");
	sqlite3_str_appendf(q, ") WHERE tbl = '%q'; END;", table);

	/* Update of any column but mac: the MAC again, the old share out, the new in. */
	sqlite3_str_appendf(q, "CREATE TEMP TRIGGER \"yz_mac_%w_u\" AFTER UPDATE OF ", table);
	for (int i = 0; i < t->n; i++)
		sqlite3_str_appendf(q, "%s\"%w\"", i ? ", " : "", t->name[i]);
	sqlite3_str_appendf(q, " ON main.\"%w\" BEGIN UPDATE \"%w\" SET mac = yz_rowmac(", table,
	                    table);
	args_of(q, table, t, "NEW.");
	sqlite3_str_appendall(q, ") WHERE ");
	where_new(q, t);
	sqlite3_str_appendall(q, "; UPDATE audit_sums SET sum = yz_rowsum(yz_rowsum(sum, ");
	args_of(q, table, t, "OLD.");
	sqlite3_str_appendall(q, "), ");
	args_of(q, table, t, "NEW.");
	sqlite3_str_appendf(q, ") WHERE tbl = '%q'; END;", table);

	/* Delete: the old share out. */
	sqlite3_str_appendf(q,
	                    "CREATE TEMP TRIGGER \"yz_mac_%w_d\" AFTER DELETE ON main.\"%w\" BEGIN"
	                    " UPDATE audit_sums SET n = n - 1, sum = yz_rowsum(sum, ",
	                    table, table);
	args_of(q, table, t, "OLD.");
	sqlite3_str_appendf(q, ") WHERE tbl = '%q'; END;", table);
}

static int exec_str(yz_store *st, sqlite3_str *q, yz_err *err)
{
	int rc = sqlite3_str_errcode(q);
	char *sql = sqlite3_str_finish(q);

	if (rc != SQLITE_OK || !sql) {
		sqlite3_free(sql);
		return st_fail(st, rc != SQLITE_OK ? rc : SQLITE_NOMEM, err);
	}
	rc = st_exec(st, sql, err);
	sqlite3_free(sql);
	return rc;
}

int st_audit_triggers(yz_store *st, yz_err *err)
{
	sqlite3_str *q = sqlite3_str_new(st->db);
	tcols t;

	for (size_t i = 0; i < N_COVERED; i++) {
		if (table_cols(st, covered[i].table, &t, err) < 0) {
			sqlite3_free(sqlite3_str_finish(q));
			return -1;
		}
		triggers_of(q, covered[i].table, &t);
	}
	return exec_str(st, q, err);
}

/* MAC every row of each covered table and set its sum (the upgrade). */
static int sign_all(yz_store *st, yz_err *err)
{
	for (size_t i = 0; i < N_COVERED; i++) {
		sqlite3_str *q = sqlite3_str_new(st->db);
		const char *table = covered[i].table;
		tcols t;

		if (table_cols(st, table, &t, err) < 0) {
			sqlite3_free(sqlite3_str_finish(q));
			return -1;
		}
		sqlite3_str_appendf(q, "UPDATE main.\"%w\" SET mac = yz_rowmac(", table);
		args_of(q, table, &t, "");
		sqlite3_str_appendf(q,
		                    ");"
		                    "INSERT INTO audit_sums(tbl, n, sum)"
		                    " SELECT '%q', count(*), yz_rowsum_all(",
		                    table);
		args_of(q, table, &t, "");
		sqlite3_str_appendf(
		    q,
		    ") FROM main.\"%w\" WHERE true"
		    " ON CONFLICT(tbl) DO UPDATE SET n = excluded.n, sum = excluded.sum;",
		    table);
		if (exec_str(st, q, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- the upgrade ----------------------------------------------------------- */

/* Walk the schema-5 chain: 0 intact, else the first broken row (or the row
 * after the last when the head in meta does not match). */
static int old_chain_check(yz_store *st, int64_t *bad, int64_t *rows, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT id, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY id",
	    err);
	char prev[HASH_HEX + 1], want[HASH_HEX + 1], head[32 + HASH_HEX], have[32 + HASH_HEX];
	int64_t last = 0;
	int rc;

	*bad = 0;
	*rows = 0;
	if (!s)
		return -1;
	memcpy(prev, genesis, sizeof genesis);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *f[6];
		for (int i = 0; i < 6; i++) {
			f[i] = (const char *)sqlite3_column_text(s, i + 1);
			f[i] = f[i] ? f[i] : "";
		}
		last = sqlite3_column_int64(s, 0);
		(*rows)++;
		sha_row(prev, f[0], f[1], f[2], f[3], want);
		if (!*bad && (strcmp(f[4], prev) != 0 || strcmp(f[5], want) != 0))
			*bad = last;
		/* Walk on from the stored hash: the head check below compares it. */
		snprintf(prev, sizeof prev, "%s", f[5]);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	rc = yz_store_meta_get(st, "audit_head", head, sizeof head, err);
	if (rc < 0)
		return -1;
	snprintf(have, sizeof have, "%lld:%s", (long long)last, prev);
	if (!*bad && last > 0 && (rc == 1 || strcmp(head, have) != 0))
		*bad = last + 1;
	return 0;
}

/* Chain every row again with the key, in order. */
static int rechain(yz_store *st, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT id, at, actor, action, detail FROM audit ORDER BY id", err);
	sqlite3_stmt *u = NULL;
	char prev[HASH_HEX + 1], hash[HASH_HEX + 1];
	int64_t last = 0;
	int rc;

	if (!s || st_exec(st, "DROP TRIGGER IF EXISTS audit_no_update", err) < 0)
		goto fail;
	u = st_prep(st, "UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE id = ?3", err);
	if (!u)
		goto fail;
	memcpy(prev, genesis, sizeof genesis);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *f[4];
		for (int i = 0; i < 4; i++) {
			f[i] = (const char *)sqlite3_column_text(s, i + 1);
			f[i] = f[i] ? f[i] : "";
		}
		last = sqlite3_column_int64(s, 0);
		hash_row(st, prev, f[0], f[1], f[2], f[3], hash);
		sqlite3_reset(u);
		st_bind_str(u, 1, prev);
		st_bind_str(u, 2, hash);
		sqlite3_bind_int64(u, 3, last);
		if (sqlite3_step(u) != SQLITE_DONE) {
			st_fail(st, sqlite3_errcode(st->db), err);
			goto fail;
		}
		memcpy(prev, hash, sizeof hash);
	}
	if (rc != SQLITE_DONE) {
		st_fail(st, rc, err);
		goto fail;
	}
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	if (st_exec(st,
	            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	            " BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
	            err) < 0)
		return -1;
	return last > 0 ? set_head(st, last, prev, err) : 0;
fail:
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	return -1;
}

int st_audit_upgrade(yz_store *st, yz_err *err)
{
	int64_t bad, rows;
	char detail[160], now[21];

	if (old_chain_check(st, &bad, &rows, err) < 0 || rechain(st, err) < 0 ||
	    sign_all(st, err) < 0)
		return -1;
	if (rows == 0)
		return 0; /* a new station: nothing to record */
	/* What the old chain showed stays in the new one (the log is in English
	 * words for the technical support, as its other rows). */
	if (bad)
		snprintf(
		    detail, sizeof detail,
		    "chained with the station key; the SHA-256 chain of %lld rows was broken at "
		    "row %lld before",
		    (long long)rows, (long long)bad);
	else
		snprintf(detail, sizeof detail,
		         "chained with the station key; the SHA-256 chain of %lld rows was intact",
		         (long long)rows);
	st_now(st, now);
	return st_audit_at(st, now, "yizhan", "audit_keyed", detail, err);
}

/* ---- checking -------------------------------------------------------------- */

typedef struct checker {
	yz_store *st;
	yz_audit_problem_fn fn;
	void *ctx;
	int problems;
	int64_t chain_bad; /* first broken row of the chain, 0 = none */
} checker;

static void problem(checker *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(checker *k, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	k->problems++;
	if (k->problems > MAX_NAMED + 1)
		return;
	if (k->problems == MAX_NAMED + 1) {
		snprintf(msg, sizeof msg, "%s",
		         _("(more changes follow; the first are named above)"));
	} else {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
	}
	if (k->fn)
		k->fn(k->ctx, msg);
}

static int check_chain(checker *k, char head_hash[HASH_HEX + 1], int64_t *last_id, yz_err *err)
{
	yz_store *st = k->st;
	sqlite3_stmt *s = st_prep(
	    st, "SELECT id, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY id",
	    err);
	char prev[HASH_HEX + 1], want[HASH_HEX + 1], head[32 + HASH_HEX], have[32 + HASH_HEX];
	int rc;

	*last_id = 0;
	if (!s)
		return -1;
	memcpy(prev, genesis, sizeof genesis);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *f[6];
		for (int i = 0; i < 6; i++) {
			f[i] = (const char *)sqlite3_column_text(s, i + 1);
			f[i] = f[i] ? f[i] : "";
		}
		hash_row(st, prev, f[0], f[1], f[2], f[3], want);
		if (strcmp(f[4], prev) != 0 || strcmp(f[5], want) != 0) {
			k->chain_bad = id;
			problem(k, _("The audit log was altered: the chain breaks at row %lld."),
			        (long long)id);
			break;
		}
		memcpy(prev, want, sizeof want);
		*last_id = id;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return st_fail(st, rc, err);
	memcpy(head_hash, prev, sizeof prev);
	if (k->chain_bad)
		return 0;
	/* The head recorded in meta is the last row walked: rows after it were
	 * removed otherwise (or the head was forged). */
	rc = yz_store_meta_get(st, "audit_head", head, sizeof head, err);
	if (rc < 0)
		return -1;
	if (rc == 1 && *last_id == 0)
		return 0; /* empty log, never written */
	snprintf(have, sizeof have, "%lld:%s", (long long)*last_id, prev);
	if (rc == 1 || strcmp(head, have) != 0) {
		k->chain_bad = *last_id + 1;
		problem(k, _("The audit log was altered: the chain breaks at row %lld."),
		        (long long)k->chain_bad);
	}
	return 0;
}

/* The case number of case id (or "#id" when there is no such case). */
static void case_number(yz_store *st, int64_t id, char *out, size_t n)
{
	sqlite3_stmt *s = st_prep(st, "SELECT number FROM cases WHERE id = ?1", NULL);

	snprintf(out, n, "#%lld", (long long)id);
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		st_col_cpy(s, 0, out, n);
	sqlite3_finalize(s);
}

static int col_index(const tcols *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->name[i], name) == 0)
			return i;
	return -1;
}

static void name_row(checker *k, const struct covered *c, const tcols *t, sqlite3_stmt *s)
{
	char num[64];
	int id = col_index(t, "id"), cid = col_index(t, "case_id");

	switch (c->how) {
	case NAME_CASE:
		st_col_cpy(s, col_index(t, "number"), num, sizeof num);
		problem(k, _("case %s changed outside yizhan"), num);
		return;
	case NAME_OF_CASE:
		if (cid >= 0) {
			case_number(k->st, sqlite3_column_int64(s, cid), num, sizeof num);
			problem(k, _("case %s: %s changed outside yizhan"), num, _(c->what));
			return;
		}
		break;
	case NAME_RESIDENT: {
		char name[128];
		st_col_cpy(s, col_index(t, "name"), name, sizeof name);
		problem(k, _("resident %s (record %lld) changed outside yizhan"), name,
		        (long long)sqlite3_column_int64(s, id));
		return;
	}
	case NAME_RECORD:
		break;
	}
	if (id >= 0) {
		problem(k, _("%s record %lld changed outside yizhan"), _(c->what),
		        (long long)sqlite3_column_int64(s, id));
	} else {
		st_col_cpy(s, 0, num, sizeof num);
		problem(k, _("%s %s changed outside yizhan"), _(c->what), num);
	}
}

static int check_case_gaps(checker *k, yz_err *err);

/* Every row's MAC, then the table's count and sum. */
static int check_table(checker *k, const struct covered *c, yz_err *err)
{
	yz_store *st = k->st;
	sqlite3_str *q = sqlite3_str_new(st->db);
	sqlite3_stmt *s = NULL;
	tcols t;
	uint8_t d[SHA256_DIGEST_SIZE], sum[SUM_BYTES] = {0};
	int64_t rows = 0;
	int rc, named = k->problems;

	if (table_cols(st, c->table, &t, err) < 0) {
		sqlite3_free(sqlite3_str_finish(q));
		return -1;
	}
	sqlite3_str_appendall(q, "SELECT ");
	for (int i = 0; i < t.n; i++)
		sqlite3_str_appendf(q, "\"%w\", ", t.name[i]);
	sqlite3_str_appendf(q, "mac FROM main.\"%w\"", c->table);
	char *sql = sqlite3_str_finish(q);
	if (!sql)
		return st_fail(st, SQLITE_NOMEM, err);
	s = st_prep(st, sql, err);
	sqlite3_free(sql);
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_value *v[MAX_COLS];
		for (int i = 0; i < t.n; i++)
			v[i] = sqlite3_column_value(s, i);
		row_digest(st, c->table, t.n, v, d);
		sum_xor(sum, d);
		rows++;
		if (sqlite3_column_bytes(s, t.n) != ROW_MAC ||
		    memcmp(sqlite3_column_blob(s, t.n), d, ROW_MAC) != 0)
			name_row(k, c, &t, s);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, rc, err);

	s = st_prep(st, "SELECT n, sum FROM audit_sums WHERE tbl = ?1", err);
	if (!s)
		return -1;
	st_bind_str(s, 1, c->table);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(s, 0);
		bool same = sqlite3_column_bytes(s, 1) == SUM_BYTES &&
		            memcmp(sqlite3_column_blob(s, 1), sum, SUM_BYTES) == 0;
		if (n > rows)
			problem(k, _("%s: %lld deleted outside yizhan (%lld now, %lld recorded)"),
			        _(c->label), (long long)(n - rows), (long long)rows, (long long)n);
		else if (n < rows)
			problem(k, _("%s: %lld added outside yizhan (%lld now, %lld recorded)"),
			        _(c->label), (long long)(rows - n), (long long)rows, (long long)n);
		else if (!same && k->problems == named)
			problem(k, _("%s: records deleted or replaced outside yizhan"),
			        _(c->label));
		/* Cases gone: named by the holes in the years' sequences. */
		if (n > rows && strcmp(c->table, "cases") == 0) {
			sqlite3_finalize(s);
			return check_case_gaps(k, err);
		}
	} else if (rc == SQLITE_DONE) {
		problem(k, _("%s: the record of their number was deleted outside yizhan"),
		        _(c->label));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

/* Case numbers missing from a year's sequence: a deleted case, named. */
static int check_case_gaps(checker *k, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(k->st,
	            "WITH RECURSIVE n(station, year, seq, last) AS ("
	            "  SELECT station, year, 1, last_seq FROM case_counters WHERE last_seq > 0"
	            "  UNION ALL SELECT station, year, seq + 1, last FROM n WHERE seq < last)"
	            " SELECT printf('%s-%04d-%06d', n.station, n.year, n.seq) FROM n"
	            " WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.station = n.station"
	            "  AND c.year = n.year AND c.seq = n.seq) LIMIT 21",
	            err);
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		problem(k, _("case %s was deleted outside yizhan"),
		        (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(k->st, rc, err);
}

/* One of the outbox's triggers (schema 8), word for word as the schema made it. */
static bool sync_trigger(const char *sql)
{
	for (size_t i = 0; sql && i < st_n_sync_triggers; i++)
		if (strcmp(sql, st_sync_triggers[i]) == 0)
			return true;
	return false;
}

/* Triggers in the file other than the log's own and the outbox's: a trigger
 * planted there (or one of those rewritten) runs inside yizhan's own writes. */
static int check_planted(checker *k, yz_err *err)
{
	sqlite3_stmt *s = st_prep(k->st,
	                          "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger'"
	                          " AND name NOT IN ('audit_no_update', 'audit_no_delete')",
	                          err);
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (!sync_trigger((const char *)sqlite3_column_text(s, 1)))
			problem(k, _("a trigger %s was added to the database outside yizhan"),
			        (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(k->st, rc, err);
}

/* "1234 3f2a-9b1c-07de-55aa": the row number and the first 16 hex digits of
 * its hash, in any case, with any spaces, dashes or colons. */
static bool parse_anchor(const char *text, int64_t *id, char hex[ANCHOR_HEX + 1])
{
	const char *p = text;
	size_t n = 0;

	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	*id = 0;
	while (*p >= '0' && *p <= '9') {
		if (*id > INT64_MAX / 10 - 10)
			return false;
		*id = *id * 10 + (*p++ - '0');
	}
	for (; *p; p++) {
		int c = *p;
		if (c == ' ' || c == '-' || c == ':' || c == '\t' || c == '\n')
			continue;
		if (c >= 'A' && c <= 'F')
			c += 'a' - 'A';
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) || n == ANCHOR_HEX)
			return false;
		hex[n++] = (char)c;
	}
	hex[n] = '\0';
	return n == ANCHOR_HEX && *id > 0;
}

static int check_anchor(checker *k, const char *text, yz_err *err)
{
	int64_t id;
	char hex[ANCHOR_HEX + 1], hash[HASH_HEX + 1];
	sqlite3_stmt *s;
	int rc;

	if (!parse_anchor(text, &id, hex)) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("%s is not an anchor: write the row number and the 16 letters and "
		      "digits that yizhan audit anchor printed, such as 1234 3f2a-9b1c-07de-55aa."),
		    text);
		return -1;
	}
	s = st_prep(k->st, "SELECT hash FROM audit WHERE id = ?1", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_col_cpy(s, 0, hash, sizeof hash);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		problem(k, _("The audit log was cut back: row %lld of the anchor %s is gone."),
		        (long long)id, text);
	else if (rc == SQLITE_ROW && strncmp(hash, hex, ANCHOR_HEX) != 0)
		problem(k, _("The audit log was rewritten: row %lld does not match the anchor %s."),
		        (long long)id, text);
	else if (rc != SQLITE_ROW)
		return st_fail(k->st, rc, err);
	return 0;
}

/* The anchors yizhan audit anchor noted in the file beside the key. */
static void anchors_path(yz_store *st, char *buf, size_t n)
{
	snprintf(buf, n, "%s.anchors", st->key_path);
}

static int check_noted_anchors(checker *k)
{
	char path[sizeof k->st->key_path + 16], line[256], last[256] = "";
	FILE *f;
	int lines = 0;
	yz_err ignored;

	anchors_path(k->st, path, sizeof path);
	f = fopen(path, "re");
	if (!f)
		return 0; /* none noted (or not readable: the ledger's anchors still count) */
	/* The newest anchor is the last line; "#" starts a comment (the time). */
	while (fgets(line, sizeof line, f) && lines++ < 1000000) {
		size_t len = strcspn(line, "#\r\n");
		while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		line[len] = '\0';
		if (line[0])
			snprintf(last, sizeof last, "%s", line);
	}
	fclose(f);
	/* A damaged line is not the log's fault: only a well-formed one is checked. */
	if (last[0] && check_anchor(k, last, &ignored) < 0 && ignored.code != YZ_ERR_INVALID)
		return -1;
	return 0;
}

/* Everything: the chain and its head, the anchors, every covered row. noted:
 * also the newest anchor noted beside the key (not for a backup copy, which
 * may well be older than it). */
static int check_all(yz_store *st, const char *anchor, bool noted, checker *k, yz_err *err)
{
	char head[HASH_HEX + 1];
	int64_t last;

	if (!st->keyed) {
		yz_err_set(err, _("The station key %s was not loaded."), st->key_path);
		return -1;
	}
	if (check_chain(k, head, &last, err) < 0)
		return -1;
	if (anchor && anchor[0] && check_anchor(k, anchor, err) < 0)
		return -1;
	if (noted && check_noted_anchors(k) < 0)
		return -1;
	for (size_t i = 0; i < N_COVERED; i++)
		if (check_table(k, &covered[i], err) < 0)
			return -1;
	return check_planted(k, err) < 0 ? -1 : k->problems;
}

int yz_audit_check(yz_store *st, const char *anchor, yz_audit_problem_fn fn, void *ctx, yz_err *err)
{
	checker k = {.st = st, .fn = fn, .ctx = ctx};

	return check_all(st, anchor, true, &k, err);
}

static void keep_first(void *ctx, const char *what)
{
	char *first = ctx;

	if (!first[0])
		snprintf(first, 512, "%s", what);
}

int yz_audit_verify(yz_store *st, int64_t *bad_id, yz_err *err)
{
	char first[512] = "";
	checker k = {.st = st, .fn = keep_first, .ctx = first};
	int rc = check_all(st, NULL, false, &k, err);

	if (bad_id)
		*bad_id = k.chain_bad;
	if (rc > 0 && err)
		yz_err_setc(err, YZ_ERR_DAMAGED, "%s", first);
	return rc < 0 ? -1 : rc > 0;
}

int yz_audit_anchor(yz_store *st, const char *actor, char *out, size_t n, yz_err *err)
{
	char now[21], hash[HASH_HEX + 1], path[sizeof st->key_path + 16];
	int64_t id;

	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	if (st_tx_end(st,
	              st_audit_at(st, now, actor, "audit_anchor", "", err) == 0 &&
	                  last_row(st, &id, hash, err) == 0,
	              err) < 0)
		return -1;
	snprintf(out, n, "%lld %.4s-%.4s-%.4s-%.4s", (long long)id, hash, hash + 4, hash + 8,
	         hash + 12);
	/* Noted beside the key too, so that audit verify checks the newest one
	 * without --anchor (a key kept in a read-only folder: the ledger only). */
	anchors_path(st, path, sizeof path);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
	FILE *f = fd >= 0 ? fdopen(fd, "a") : NULL;
	if (f) {
		fprintf(f, "%s\t# %s %s\n", out, now, actor ? actor : "");
		fclose(f);
	} else if (fd >= 0) {
		close(fd);
	}
	return 0;
}
