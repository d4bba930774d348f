/* Clerks and their passwords: yescrypt hashes from libcrypt, constant-time
 * comparison, and a lock of YZ_LOGIN_LOCK_SECONDS after YZ_LOGIN_MAX_FAILURES
 * wrong passwords in a row. */
#include <crypt.h>
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

	if (n < 1 || n > 32)
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
	if (st_password_hash(password, hash, sizeof hash, err) < 0)
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

int yz_user_set_password(yz_store *st, const char *login, const char *password, yz_err *err)
{
	char hash[CRYPT_OUTPUT_SIZE], now[21];
	sqlite3_stmt *s;
	int ok;

	if (st_password_hash(password, hash, sizeof hash, err) < 0)
		return -1;
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	s = st_prep(
	    st, "UPDATE users SET pw_hash = ?2, failures = 0, locked_until = 0 WHERE login = ?1",
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
	ok = ok && st_audit_at(st, now, login, "password_set", login, err) == 0;
	explicit_bzero(hash, sizeof hash);
	return st_tx_end(st, ok, err);
}

static void user_from_row(sqlite3_stmt *s, yz_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, u->login, sizeof u->login);
	st_col_cpy(s, 2, u->name, sizeof u->name);
	st_col_cpy(s, 3, u->phone, sizeof u->phone);
	u->role = (yz_role)sqlite3_column_int(s, 4);
}

int yz_user_get(yz_store *st, const char *login, yz_user *out, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT id, login, name, phone, role FROM users WHERE login = ?1", err);
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
	                          "SELECT id, login, name, phone, role FROM users WHERE active = 1"
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
	            "SELECT id, login, name, phone, role, pw_hash, failures, locked_until"
	            " FROM users WHERE login = ?1 AND active = 1",
	            err);
	int rc;

	if (!s)
		return -1;
	st_bind_str(s, 1, login);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		user_from_row(s, &row->user);
		st_col_cpy(s, 5, row->hash, sizeof row->hash);
		row->failures = sqlite3_column_int(s, 6);
		row->locked_until = sqlite3_column_int64(s, 7);
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

/* Record the outcome under the write lock, re-reading the counters so that two
 * counters failing at once both count. Returns the final result. */
static yz_login_result record_login(yz_store *st, const char *login, bool good, time_t now,
                                    int *locked_seconds, yz_err *err)
{
	login_row row;
	char at[21];
	yz_login_result res = YZ_LOGIN_ERROR;
	bool ok = false;

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
	} else if (row.failures + 1 >= YZ_LOGIN_MAX_FAILURES) {
		/* The lock runs from this failure; the count starts again after it. */
		*locked_seconds = YZ_LOGIN_LOCK_SECONDS;
		res = YZ_LOGIN_LOCKED;
		ok = store_lock_state(st, login, 0, (int64_t)now + YZ_LOGIN_LOCK_SECONDS, err) ==
		         0 &&
		     st_audit_at(st, at, login, "login_failed_locked", login, err) == 0;
	} else {
		res = YZ_LOGIN_BAD;
		ok = store_lock_state(st, login, row.failures + 1, 0, err) == 0 &&
		     st_audit_at(st, at, login, "login_failed", login, err) == 0;
	}
out:
	if (st_tx_end(st, ok, err) < 0)
		return YZ_LOGIN_ERROR;
	return res;
}

static yz_login_result unknown_login(yz_store *st, const char *login, const char *password,
                                     time_t now, yz_err *err)
{
	char hash[CRYPT_OUTPUT_SIZE], at[21], detail[64];

	crypt_into(password ? password : "", DUMMY_SETTING, hash, sizeof hash);
	yz_utc_stamp(now, at);
	/* Keep the audit line short and free of control characters. */
	snprintf(detail, sizeof detail, "unknown:%.40s", login_valid(login) ? login : "?");
	if (st_tx_begin(st, err) < 0)
		return YZ_LOGIN_ERROR;
	if (st_tx_end(st, st_audit_at(st, at, "-", "login_failed", detail, err) == 0, err) < 0)
		return YZ_LOGIN_ERROR;
	return YZ_LOGIN_BAD;
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
		return unknown_login(st, login, password, now, err);
	/* The slow hash runs outside the transaction: other counters keep writing. */
	good = row.locked_until <= now &&
	       crypt_into(password ? password : "", row.hash, hash, sizeof hash) == 0 &&
	       equal_ct(hash, row.hash);
	explicit_bzero(hash, sizeof hash);
	res = record_login(st, login, good, now, locked_seconds, err);
	if (res == YZ_LOGIN_OK && out)
		*out = row.user;
	return res;
}
