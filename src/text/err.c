/* Clerk messages and formatted allocation. */
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

void yz_err_set(yz_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof err->msg)
		cut_partial_tail(err->msg);
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
