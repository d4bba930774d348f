/* store: station users (clerks, heads, admin): accounts and sign-in (the store module,
 * src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_USERS_H
#define YZ_STORE_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
} yz_user;

/* Password hashed with crypt() using yescrypt ("$y$", salt from crypt_gensalt). */
int yz_user_add(yz_store *st, const char *login, const char *name, const char *phone, yz_role role,
                const char *password, yz_err *err);
int yz_user_set_password(yz_store *st, const char *login, const char *password, yz_err *err);
int yz_user_get(yz_store *st, const char *login, yz_user *out, yz_err *err); /* 1 = no such user */
/* The active accounts, clerks first, then heads and admins, each by login. */
int yz_user_list(yz_store *st, yz_user *out, size_t max, size_t *n, yz_err *err);

typedef enum yz_login_result {
	YZ_LOGIN_OK,
	YZ_LOGIN_BAD,    /* unknown user or wrong password (the clerk is not told which) */
	YZ_LOGIN_LOCKED, /* 5 failures: locked 5 minutes; *locked_seconds = time left */
	YZ_LOGIN_ERROR,  /* database error, err set */
} yz_login_result;

#define YZ_LOGIN_MAX_FAILURES 5
#define YZ_LOGIN_LOCK_SECONDS 300

/* Checks the password; counts failures per account; a success resets the count.
 * now is passed in so that tests can move the clock. */
yz_login_result yz_user_login(yz_store *st, const char *login, const char *password, time_t now,
                              yz_user *out, int *locked_seconds, yz_err *err);

#endif
