/* The password rules (issue 14), in one place: yz_user_add and
 * yz_user_set_password apply them, so `user add`, `user passwd`, the first
 * login's change and `admin-reset` all refuse the same passwords with the same
 * words. And the growing wait after wrong passwords. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../intl.h"
#include "store_int.h"

/* Generated from data/common-passwords.txt (tools/gen_passwords.py): sorted
 * by bytes, lowercased. */
extern const char *const st_common_passwords[];
extern const size_t st_common_passwords_n;

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Whether password, ASCII case ignored, is one of the list. */
static bool is_common(const char *password)
{
	char low[YZ_PASSWORD_MAX + 1];
	size_t n = strlen(password);

	for (size_t i = 0; i < n; i++) {
		char c = password[i];
		low[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	low[n] = '\0';
	bool found = bsearch(low, st_common_passwords, st_common_passwords_n,
	                     sizeof st_common_passwords[0], cmp_word) != NULL;
	explicit_bzero(low, sizeof low);
	return found;
}

int yz_password_check(const char *login, const char *password, yz_err *err)
{
	size_t bytes = password ? strlen(password) : 0;

	/* Longer than the limit is refused, never cut to fit. */
	if (bytes > YZ_PASSWORD_MAX) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The password is too long: at most %d bytes (letters and digits are "
		              "one byte each). Nothing was changed."),
		            YZ_PASSWORD_MAX);
		return -1;
	}
	if (bytes == 0 || yz_utf8_chars(password) < YZ_PASSWORD_MIN) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The password is too short: it needs at least %d characters."),
		            YZ_PASSWORD_MIN);
		return -1;
	}
	if (login && strcasecmp(login, password) == 0) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The password must not be the login name. Choose another one."));
		return -1;
	}
	if (is_common(password)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("This password is one of the common passwords that are guessed first "
		              "(such as 12345678 or 88888888). Choose another one."));
		return -1;
	}
	return 0;
}

int yz_login_delay(int failures)
{
	int delay = YZ_LOGIN_DELAY_FIRST;

	if (failures < YZ_LOGIN_MAX_FAILURES)
		return 0;
	/* 30 s at the fifth failure, doubling with each one after, capped. */
	for (int i = YZ_LOGIN_MAX_FAILURES; i < failures && delay < YZ_LOGIN_DELAY_MAX; i++)
		delay *= 2;
	return delay < YZ_LOGIN_DELAY_MAX ? delay : YZ_LOGIN_DELAY_MAX;
}
