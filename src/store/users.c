/* Clerks and their passwords: yescrypt hashes from libcrypt, constant-time
 * comparison, the password rules (password.c) on every password set, and a
 * growing wait after YZ_LOGIN_MAX_FAILURES wrong passwords in a row — for an
 * account in users, for a name that is no account in login_throttle. */
#include <crypt.h>
#include <nettle/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

/* Hashed when the login is unknown, so that an unknown login costs as much time as
 * a wrong password and the clerk (or a guesser) cannot tell them apart. */
#define DUMMY_SETTING "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$"

static bool login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;

	if (n < 1 || n > YZ_LOGIN_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* crypt the password with setting (a fresh salt or a stored hash) into out. */
static int crypt_into(const char *password, const char *setting, char *out, size_t n)
{
	struct crypt_data *cd = calloc(1, sizeof *cd);
	const char *h;
	int rc = -1;

	if (!cd)
		return -1;
	h = crypt_rn(password, setting, cd, sizeof *cd);
	/* crypt_rn returns NULL on failure; a leading '*' also marks an invalid hash. */
	if (h && h[0] != '*' && strlen(h) < n) {
		memcpy(out, h, strlen(h) + 1);
		rc = 0;
	}
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return rc;
}

int st_password_hash(const char *password, char *out, size_t n, yz_err *err)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];

	if (!password || !*password) {
		yz_err_set(err, _("The password must not be empty."));
		return -1;
	}
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) ||
	    crypt_into(password, salt, out, n) < 0) {
		yz_err_set(err, _("The password could not be encrypted (libcrypt without "
		                  "yescrypt?). Ask the administrator."));
		return -1;
	}
	return 0;
}

/* Compare two NUL-terminated strings in time that depends only on their lengths. */
static bool equal_ct(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	unsigned char diff = na != nb;
	size_t n = na < nb ? na : nb;

	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)b[i];
	return diff == 0;
}

int yz_user_add(yz_store *st, const char *login, const char *name, const char *phone, yz_role role,
                const char *password, yz_err *err)
{
	char hash[CRYPT_OUTPUT_SIZE], now[21], detail[256];
	sqlite3_stmt *s;
	int ok;

	if (!login_valid(login)) {
		yz_err_set(err, _("A login is 1 to 32 characters: small letters a-z, digits, '_' "
		                  "and '.'."));
		return -1;
	}
	if (!name || !*name) {
		yz_err_set(err, _("Type the clerk's name."));
		return -1;
	}
	if (yz_password_check(login, password, err) < 0 ||
	    st_password_hash(password, hash, sizeof hash, err) < 0)
		return -1;
	if (yz_user_get(st, login, NULL, err) == 0) {
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("The login %s is already taken. Choose another one."), login);
		return -1;
	}
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	s = st_prep(st,
	            "INSERT INTO users(login, name, phone, role, pw_hash, created_at)"
	            " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	            err);
	if (s) {
		st_bind_str(s, 1, login);
		st_bind_str(s, 2, name);
		st_bind_str(s, 3, phone);
		sqlite3_bind_int(s, 4, (int)role);
		st_bind_str(s, 5, hash);
		st_bind_str(s, 6, now);
	}
	snprintf(detail, sizeof detail, "%s role=%d", login, (int)role);
	ok = st_exec_stmt(st, s, err) == 0 &&
	     st_audit_at(st, now, "-", "user_added", detail, err) == 0;
	explicit_bzero(hash, sizeof hash);
	return st_tx_end(st, ok, err);
}

/* Store the hash of password for login and audit action (by login). */
static int store_password(yz_store *st, const char *login, const char *password, const char *action,
                          yz_err *err)
{
	char hash[CRYPT_OUTPUT_SIZE], now[21];
	sqlite3_stmt *s;
	int ok;

	if (yz_password_check(login, password, err) < 0 ||
	    st_password_hash(password, hash, sizeof hash, err) < 0)
		return -1;
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	s = st_prep(st,
	            "UPDATE users SET pw_hash = ?2, failures = 0, locked_until = 0,"
	            " must_change = 0 WHERE login = ?1",
	            err);
	if (s) {
		st_bind_str(s, 1, login);
		st_bind_str(s, 2, hash);
	}
	ok = st_exec_stmt(st, s, err) == 0;
	if (ok && sqlite3_changes(st->db) == 0) {
		yz_err_set(err, _("There is no clerk with the login %s."), login);
		ok = 0;
	}
	ok = ok && st_audit_at(st, now, login, action, login, err) == 0;
	explicit_bzero(hash, sizeof hash);
	return st_tx_end(st, ok, err);
}

int yz_user_set_password(yz_store *st, const char *login, const char *password, yz_err *err)
{
	return store_password(st, login, password, "password_set", err);
}

static void user_from_row(sqlite3_stmt *s, yz_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, u->login, sizeof u->login);
	st_col_cpy(s, 2, u->name, sizeof u->name);
	st_col_cpy(s, 3, u->phone, sizeof u->phone);
	u->role = (yz_role)sqlite3_column_int(s, 4);
	u->must_change = sqlite3_column_int(s, 5) != 0;
}

int yz_user_get(yz_store *st, const char *login, yz_user *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT id, login, name, phone, role, must_change FROM users WHERE login = ?1",
	    err);
	int rc;

	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (out)
			user_from_row(s, out);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
	}
	sqlite3_finalize(s);
	return rc;
}

int yz_user_list(yz_store *st, yz_user *out, size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT id, login, name, phone, role, must_change FROM users"
	                          " WHERE active = 1"
	                          " ORDER BY role, login",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		user_from_row(s, &out[(*n)++]);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

/* The stored hash and lock state of an account. */
typedef struct login_row {
	yz_user user;                 /* the clerk */
	char hash[CRYPT_OUTPUT_SIZE]; /* crypt() string */
	int failures;                 /* wrong passwords since the last success or lock */
	int64_t locked_until;         /* unix seconds; 0 = not locked */
} login_row;

static int load_login(yz_store *st, const char *login, login_row *row, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st,
	            "SELECT id, login, name, phone, role, must_change, pw_hash, failures,"
	            " locked_until FROM users WHERE login = ?1 AND active = 1",
	            err);
	int rc;

	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		user_from_row(s, &row->user);
		st_col_cpy(s, 6, row->hash, sizeof row->hash);
		row->failures = sqlite3_column_int(s, 7);
		row->locked_until = sqlite3_column_int64(s, 8);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
	}
	sqlite3_finalize(s);
	return rc;
}

static int store_lock_state(yz_store *st, const char *login, int failures, int64_t locked_until,
                            yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "UPDATE users SET failures = ?2, locked_until = ?3 WHERE login = ?1", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	sqlite3_bind_int(s, 2, failures);
	sqlite3_bind_int64(s, 3, locked_until);
	return st_exec_stmt(st, s, err);
}

/* The outcome of one more wrong password after failures in a row: the new
 * count, and the moment the wait ends (0 = none). */
static void next_failure(int failures, time_t now, int *count, int64_t *until, int *wait)
{
	*count = failures < 1000000 ? failures + 1 : failures;
	*wait = yz_login_delay(*count);
	*until = *wait ? (int64_t)now + *wait : 0;
}

/* Record the outcome under the write lock, re-reading the counters so that two
 * counters failing at once both count. Returns the final result. */
static yz_login_result record_login(yz_store *st, const char *login, bool good, time_t now,
                                    int *locked_seconds, yz_err *err)
{
	login_row row;
	char at[21];
	yz_login_result res = YZ_LOGIN_ERROR;
	bool ok = false;
	int count, wait;
	int64_t until;

	yz_utc_stamp(now, at);
	if (st_tx_begin(st, err) < 0)
		return YZ_LOGIN_ERROR;
	if (load_login(st, login, &row, err) != 0)
		goto out;
	if (row.locked_until > now) {
		*locked_seconds = (int)(row.locked_until - now);
		res = YZ_LOGIN_LOCKED;
		ok = st_audit_at(st, at, login, "login_locked", login, err) == 0;
	} else if (good) {
		res = YZ_LOGIN_OK;
		ok = store_lock_state(st, login, 0, 0, err) == 0 &&
		     st_audit_at(st, at, login, "login_ok", login, err) == 0;
	} else {
		/* The wait runs from this failure; the count goes on until a success
		 * or the admin's unlock, so that each further failure waits longer. */
		next_failure(row.failures, now, &count, &until, &wait);
		*locked_seconds = wait;
		res = wait ? YZ_LOGIN_LOCKED : YZ_LOGIN_BAD;
		ok = store_lock_state(st, login, count, until, err) == 0 &&
		     st_audit_at(st, at, login, wait ? "login_failed_locked" : "login_failed",
		                 login, err) == 0;
	}
out:
	if (st_tx_end(st, ok, err) < 0)
		return YZ_LOGIN_ERROR;
	return res;
}

/* ---- names that are no account ---------------------------------------------------- */

/* The audit log's words for a name that is no account: nothing of what was
 * typed, which may be a password typed one field too early. */
#define UNKNOWN_DETAIL "unknown account"

/* The login_throttle key of a typed name that is no account: never the text
 * itself, but an HMAC of it under a key of the station key (which is not in
 * the database), so that the table gives away nothing typed, not even to a
 * guesser with a copy of station.db. Each name is counted on its own, as an
 * account is: a guesser cannot tell names from accounts by how they wait.
 * Without the station key (it could not be read) every such name shares
 * one count. */
static void throttle_who(yz_store *st, const char *typed, char who[65])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t key[32], mac[SHA256_DIGEST_SIZE];
	struct hmac_sha256_ctx ctx;
	yz_err ignored;

	if (yz_store_key_derive(st, "login-throttle", key, &ignored) != 0) {
		snprintf(who, 65, "%s", "*unknown");
		return;
	}
	hmac_sha256_set_key(&ctx, sizeof key, key);
	hmac_sha256_update(&ctx, strlen(typed ? typed : ""), (const uint8_t *)(typed ? typed : ""));
	hmac_sha256_digest(&ctx, sizeof mac, mac);
	/* 128 bits are plenty to keep names apart */
	for (size_t i = 0; i < 16; i++) {
		who[2 * i] = hex[mac[i] >> 4];
		who[2 * i + 1] = hex[mac[i] & 15];
	}
	who[32] = '\0';
	explicit_bzero(key, sizeof key);
	explicit_bzero(&ctx, sizeof ctx);
}

static int load_throttle(yz_store *st, const char *who, int *failures, int64_t *until, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT failures, locked_until FROM login_throttle WHERE who = ?1", err);
	int rc;

	*failures = 0;
	*until = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, who);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*failures = sqlite3_column_int(s, 0);
		*until = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

/* Store the count of who; names quiet for a day are forgotten. */
static int store_throttle(yz_store *st, const char *who, int failures, int64_t until, time_t now,
                          yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO login_throttle(who, failures, locked_until, last_at)"
	                          " VALUES(?1, ?2, ?3, ?4) ON CONFLICT(who) DO UPDATE SET"
	                          " failures = ?2, locked_until = ?3, last_at = ?4",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, who);
	sqlite3_bind_int(s, 2, failures);
	sqlite3_bind_int64(s, 3, until);
	sqlite3_bind_int64(s, 4, (int64_t)now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	s = st_prep(st, "DELETE FROM login_throttle WHERE last_at < ?1 AND locked_until < ?2", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, (int64_t)now - 86400);
	sqlite3_bind_int64(s, 2, (int64_t)now);
	return st_exec_stmt(st, s, err);
}

/* A name that is no account: as slow as a wrong password (the same hash is
 * computed), counted and made to wait as an account would be. */
static yz_login_result unknown_login(yz_store *st, const char *login, const char *password,
                                     time_t now, int *locked_seconds, yz_err *err)
{
	char hash[CRYPT_OUTPUT_SIZE], at[21], who[65];
	int failures, count, wait;
	int64_t until;
	yz_login_result res;
	bool ok;

	throttle_who(st, login, who);
	if (load_throttle(st, who, &failures, &until, err) < 0)
		return YZ_LOGIN_ERROR;
	if (until <= now)
		crypt_into(password ? password : "", DUMMY_SETTING, hash, sizeof hash);
	yz_utc_stamp(now, at);
	if (st_tx_begin(st, err) < 0)
		return YZ_LOGIN_ERROR;
	ok = load_throttle(st, who, &failures, &until, err) == 0;
	if (ok && until > now) {
		*locked_seconds = (int)(until - now);
		res = YZ_LOGIN_LOCKED;
		ok = st_audit_at(st, at, "-", "login_locked", UNKNOWN_DETAIL, err) == 0;
	} else if (ok) {
		next_failure(failures, now, &count, &until, &wait);
		*locked_seconds = wait;
		res = wait ? YZ_LOGIN_LOCKED : YZ_LOGIN_BAD;
		ok = store_throttle(st, who, count, until, now, err) == 0 &&
		     st_audit_at(st, at, "-", wait ? "login_failed_locked" : "login_failed",
		                 UNKNOWN_DETAIL, err) == 0;
	}
	if (st_tx_end(st, ok, err) < 0)
		return YZ_LOGIN_ERROR;
	return res;
}

yz_login_result yz_user_login(yz_store *st, const char *login, const char *password, time_t now,
                              yz_user *out, int *locked_seconds, yz_err *err)
{
	login_row row;
	char hash[CRYPT_OUTPUT_SIZE];
	int dummy, rc;
	bool good;
	yz_login_result res;

	if (!locked_seconds)
		locked_seconds = &dummy;
	*locked_seconds = 0;
	rc = login_valid(login) ? load_login(st, login, &row, err) : 1;
	if (rc < 0)
		return YZ_LOGIN_ERROR;
	if (rc == 1)
		return unknown_login(st, login, password, now, locked_seconds, err);
	/* The slow hash runs outside the transaction: other counters keep writing.
	 * A password longer than any that can be set is wrong, never cut. */
	good = row.locked_until <= now && password && strlen(password) <= YZ_PASSWORD_MAX &&
	       crypt_into(password, row.hash, hash, sizeof hash) == 0 && equal_ct(hash, row.hash);
	explicit_bzero(hash, sizeof hash);
	res = record_login(st, login, good, now, locked_seconds, err);
	if (res == YZ_LOGIN_OK && out)
		*out = row.user;
	return res;
}

/* ---- the admin's and the account's own changes ------------------------------------- */

int yz_user_change_password(yz_store *st, const char *login, const char *password, yz_err *err)
{
	login_row row;
	char hash[CRYPT_OUTPUT_SIZE];
	bool same;
	int rc = login_valid(login) ? load_login(st, login, &row, err) : 1;

	if (rc < 0)
		return -1;
	if (rc == 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("There is no clerk with the login %s."),
		            login ? login : "");
		return -1;
	}
	same = password && strlen(password) <= YZ_PASSWORD_MAX &&
	       crypt_into(password, row.hash, hash, sizeof hash) == 0 && equal_ct(hash, row.hash);
	explicit_bzero(hash, sizeof hash);
	explicit_bzero(row.hash, sizeof row.hash);
	if (same) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("This is the password you were given. Choose a new one of your own."));
		return -1;
	}
	return store_password(st, login, password, "password_changed", err);
}

int yz_user_set_must_change(yz_store *st, const char *login, bool on, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "UPDATE users SET must_change = ?2 WHERE login = ?1", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	sqlite3_bind_int(s, 2, on ? 1 : 0);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("There is no clerk with the login %s."),
		            login);
		return -1;
	}
	return 0;
}

int yz_user_unlock(yz_store *st, const char *login, const char *actor, yz_err *err)
{
	char now[21];
	int rc, changed = 0;
	bool ok;

	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	rc = login_valid(login) ? yz_user_get(st, login, NULL, err) : 1;
	ok = rc >= 0;
	if (rc == 0) {
		ok = store_lock_state(st, login, 0, 0, err) == 0 &&
		     st_audit_at(st, now, actor && *actor ? actor : "-", "user_unlocked", login,
		                 err) == 0;
		changed = 1;
	}
	if (st_tx_end(st, ok, err) < 0)
		return -1;
	return changed ? 0 : 1;
}

int yz_user_wait(yz_store *st, const char *login, time_t now, int *seconds, yz_err *err)
{
	login_row row;
	int rc = login_valid(login) ? load_login(st, login, &row, err) : 1;

	*seconds = 0;
	explicit_bzero(row.hash, sizeof row.hash);
	if (rc != 0)
		return rc;
	if (row.locked_until > now)
		*seconds = (int)(row.locked_until - now);
	return 0;
}
