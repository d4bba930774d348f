/* service/signin.h: signing in at the counter (issue 14): the first login's
 * own password, the counter's lock after an idle time and what ends it (the
 * clerk's password, or another clerk taking over), and the admin's unlock of
 * an account that waits after wrong passwords. The password rule and the
 * growing wait are the store's (yizhan/store/users.h). */
#ifndef YZ_SERVICE_SIGNIN_H
#define YZ_SERVICE_SIGNIN_H

#include <stdbool.h>
#include <time.h>

#include "yizhan/service/session.h"

/* s->user chooses their own password (yz_password_check's rule; not the one
 * handed out) and is no longer asked to: s->user.must_change cleared. */
int yz_service_change_password(yz_session *s, const char *password, yz_err *err);

/* Check login's password as yz_service_login does (counted, audited), without
 * making it s->user: on the lock screen the new clerk's session starts only
 * once the old one has ended. */
yz_login_result yz_service_check_login(yz_session *s, const char *login, const char *password,
                                       time_t now, yz_user *out, int *locked_seconds, yz_err *err);

/* Seconds without a key after which the counter locks: idle_lock_minutes of
 * yizhan.conf, or the environment variable YIZHAN_IDLE_LOCK_SECONDS when set
 * (for tests, which cannot wait minutes); 0 = never. */
int yz_service_idle_lock_seconds(const yz_session *s);

/* What happened to a counter's lock, for the audit log. */
typedef enum yz_lock_event {
	YZ_LOCK_LOCKED,   /* idle: the screen was hidden (actor: s->user) */
	YZ_LOCK_UNLOCKED, /* s->user's password continued the session */
	YZ_LOCK_HANDOVER, /* another clerk (other) signed in: s->user's session ended */
} yz_lock_event;

/* Write the audit row of ev (counter_locked, counter_unlocked by s->user;
 * counter_handover by other, detail "from LOGIN"), the counter named; 0 or -1. */
int yz_service_lock_audit(yz_session *s, yz_lock_event ev, const char *other, yz_err *err);

/* The admin (s->user) lets login in again at once: its wrong-password count
 * and wait are cleared (audited user_unlocked). Refused (YZ_ERR_DENIED,
 * audited) for anyone but an admin; YZ_ERR_NOT_FOUND for no such account.
 * *waited: the seconds it still had to wait (may be NULL). */
int yz_service_user_unlock(yz_session *s, const char *login, int *waited, yz_err *err);

#endif
