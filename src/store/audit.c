/* The audit log: append-only rows, each carrying the SHA-256 of the previous row's
 * hash and its own content, so that any edit or deletion breaks the chain.
 *
 * hash = hex(SHA-256(prev_hash US at US actor US action US detail)), where US is
 * the byte 0x1f: the separator keeps "ab"+"c" and "a"+"bc" apart. The first row's
 * prev_hash is 64 zeros. The id and hash of the newest row are also kept in meta
 * ("audit_head"), so that deleting the newest rows is detected too. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

#define HASH_HEX (2 * SHA256_DIGEST_SIZE)

static const char genesis[HASH_HEX + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void hash_row(const char *prev, const char *at, const char *actor, const char *action,
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
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* The newest row's hash, or the genesis value for an empty log. */
static int last_hash(yz_store *st, char out[HASH_HEX + 1], yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_col_cpy(s, 0, out, HASH_HEX + 1);
	else if (rc == SQLITE_DONE)
		memcpy(out, genesis, sizeof genesis);
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
	sqlite3_stmt *s;

	actor = actor ? actor : "";
	detail = detail ? detail : "";
	if (last_hash(st, prev, err) < 0)
		return -1;
	hash_row(prev, at, actor, action, detail, hash);
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

/* Check that the head recorded in meta is the last row walked. */
static int check_head(yz_store *st, int64_t last_id, const char *last, int64_t *bad_id, yz_err *err)
{
	char head[32 + HASH_HEX], want[32 + HASH_HEX];
	int rc = yz_store_meta_get(st, "audit_head", head, sizeof head, err);

	if (rc < 0)
		return -1;
	if (rc == 1 && last_id == 0)
		return 0; /* empty log, never written */
	snprintf(want, sizeof want, "%lld:%s", (long long)last_id, last);
	if (rc == 1 || strcmp(head, want) != 0) {
		/* Rows after last_id were removed (or the head was forged). */
		*bad_id = last_id + 1;
		return 1;
	}
	return 0;
}

int yz_audit_verify(yz_store *st, int64_t *bad_id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT id, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY id",
	    err);
	char prev[HASH_HEX + 1], want[HASH_HEX + 1];
	int64_t last_id = 0, dummy;
	int rc;

	if (!bad_id)
		bad_id = &dummy;
	*bad_id = 0;
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
		hash_row(prev, f[0], f[1], f[2], f[3], want);
		if (strcmp(f[4], prev) != 0 || strcmp(f[5], want) != 0) {
			*bad_id = id;
			sqlite3_finalize(s);
			return 1;
		}
		memcpy(prev, want, sizeof want);
		last_id = id;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	return check_head(st, last_id, prev, bad_id, err);
}
