/* Errors (a code and a clerk's message) and formatted allocation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yizhan/text.h"

/* Cuts an incomplete UTF-8 sequence off the end of s, left there when
 * vsnprintf truncated the message inside a multi-byte character: a clerk
 * screen must never receive half a character. */
static void cut_partial_tail(char *s)
{
	size_t len = strlen(s), start = len;

	/* Back over up to three continuation bytes to the lead byte. */
	while (start > 0 && len - start < 3 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	start--;
	if (yz_utf8_decode(s + start, len - start, NULL) == 0 && (unsigned char)s[start] >= 0xC0)
		s[start] = '\0';
}

static void err_vset(yz_err *err, yz_errcode code, const char *fmt, va_list ap)
{
	int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	if (n >= (int)sizeof err->msg)
		cut_partial_tail(err->msg);
	err->code = code;
}

void yz_err_setc(yz_err *err, yz_errcode code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	err_vset(err, code, fmt, ap);
	va_end(ap);
}

void yz_err_set(yz_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	err_vset(err, YZ_ERR_FAILED, fmt, ap);
	va_end(ap);
}

void yz_err_clear(yz_err *err)
{
	if (err)
		*err = (yz_err){{0}};
}

const char *yz_err_code_name(yz_errcode code)
{
	static const char *const names[] = {
#define YZ_ERR_NAME_(name, token) [YZ_ERR_##name] = token,
	    YZ_ERR_CODES(YZ_ERR_NAME_)
#undef YZ_ERR_NAME_
	};
	if ((unsigned)code >= sizeof names / sizeof names[0] || !names[code])
		return "?";
	return names[code];
}

char *yz_strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *out = NULL;

	va_start(ap, fmt);
	int n = vasprintf(&out, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : out;
}
