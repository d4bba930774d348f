/* store: station users (clerks, heads, admin): accounts and sign-in (the store module,
 * src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_USERS_H
#define YZ_STORE_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

typedef enum yz_role { YZ_ROLE_CLERK = 0, YZ_ROLE_HEAD = 1, YZ_ROLE_ADMIN = 2 } yz_role;

typedef struct yz_user {
	int64_t id;
	char login[33]; /* [a-z0-9_.]{1,32} */
	char name[128]; /* display name, UTF-8 */
	char phone[32];
	yz_role role;
	/* The password was handed out (the one-time admin password of `init`, a
	 * reset): the account chooses its own at the next login before anything
	 * else (issue 14). */
	bool must_change;
} yz_user;

/* Issue 14: the limits of what is typed to sign in. Longer input is refused,
 * never cut to fit. */
#define YZ_LOGIN_MAX    32  /* bytes of a login */
#define YZ_PASSWORD_MIN 8   /* characters of a password, at least */
#define YZ_PASSWORD_MAX 128 /* bytes of a password, at most */

/* The one password rule of the station: at least YZ_PASSWORD_MIN characters,
 * at most YZ_PASSWORD_MAX bytes, not the login (login may be NULL), not one of
 * the common passwords of data/common-passwords.txt (case ignored). 0, or -1
 * with the rule that failed in err (YZ_ERR_INVALID). yz_user_add and
 * yz_user_set_password apply it. */
int yz_password_check(const char *login, const char *password, yz_err *err);

/* Password hashed with crypt() using yescrypt ("$y$", salt from crypt_gensalt). */
int yz_user_add(yz_store *st, const char *login, const char *name, const char *phone, yz_role role,
                const char *password, yz_err *err);
/* Sets the password (yz_password_check first), clears must_change and the
 * wrong-password count. */
int yz_user_set_password(yz_store *st, const char *login, const char *password, yz_err *err);
/* The account's own change at the first login: like yz_user_set_password, but
 * the password handed out is refused (it must be a new one). Audited as
 * password_changed by the account. */
int yz_user_change_password(yz_store *st, const char *login, const char *password, yz_err *err);
/* Mark the account's password as handed out (on) or chosen (off). */
int yz_user_set_must_change(yz_store *st, const char *login, bool on, yz_err *err);
/* The admin (actor) lets an account in again at once: the wrong-password
 * count and the wait are cleared; audited as user_unlocked. 1 = no such
 * account. */
int yz_user_unlock(yz_store *st, const char *login, const char *actor, yz_err *err);
/* Whether the account waits now (after too many wrong passwords): the seconds
 * left into *seconds (0 = it does not wait). 1 = no such account. */
int yz_user_wait(yz_store *st, const char *login, time_t now, int *seconds, yz_err *err);
int yz_user_get(yz_store *st, const char *login, yz_user *out, yz_err *err); /* 1 = no such user */
/* The active accounts, clerks first, then heads and admins, each by login. */
int yz_user_list(yz_store *st, yz_user *out, size_t max, size_t *n, yz_err *err);

typedef enum yz_login_result {
	YZ_LOGIN_OK,
	YZ_LOGIN_BAD,    /* unknown user or wrong password (the clerk is not told which) */
	YZ_LOGIN_LOCKED, /* too many failures: it waits; *locked_seconds = time left */
	YZ_LOGIN_ERROR,  /* database error, err set */
} yz_login_result;

/* Issue 14: a wait that grows, never a lock that keeps the admin out. From the
 * YZ_LOGIN_MAX_FAILURES-th wrong password in a row the account waits
 * YZ_LOGIN_DELAY_FIRST seconds, twice as long after each further one, at most
 * YZ_LOGIN_DELAY_MAX; a password typed while it waits is not even checked. A
 * success or the admin's unlock (yz_user_unlock) ends it. Names that are no
 * account are counted the same way (table login_throttle, under a key that is
 * not the typed text), so that a guesser cannot tell them from accounts. */
#define YZ_LOGIN_MAX_FAILURES 5
#define YZ_LOGIN_DELAY_FIRST  30
#define YZ_LOGIN_DELAY_MAX    900

/* The wait after failures wrong passwords in a row: 0 below
 * YZ_LOGIN_MAX_FAILURES, then 30, 60, 120 … seconds up to YZ_LOGIN_DELAY_MAX. */
int yz_login_delay(int failures);

/* Checks the password; counts failures per account; a success resets the count.
 * now is passed in so that tests can move the clock. A login longer than
 * YZ_LOGIN_MAX or a password longer than YZ_PASSWORD_MAX is a failure (never
 * cut). The audit row of a name that is no account says "unknown account" and
 * keeps nothing of what was typed (it may be a password typed one field too
 * early). out->must_change: the password must be changed before anything else. */
yz_login_result yz_user_login(yz_store *st, const char *login, const char *password, time_t now,
                              yz_user *out, int *locked_seconds, yz_err *err);

#endif
