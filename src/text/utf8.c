/* UTF-8 decoding and encoding, strict as RFC 3629 requires: overlong forms,
 * surrogates and code points above U+10FFFF are invalid, so that two different
 * byte strings never mean the same name. */
#include <string.h>

#include "yizhan/text.h"

/* Lead byte → sequence length and the payload bits it carries. */
static size_t utf8_lead(unsigned char c, uint32_t *cp)
{
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		*cp = c & 0x1F;
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		*cp = c & 0x0F;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		*cp = c & 0x07;
		return 4;
	}
	return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
}

size_t yz_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t v;

	if (!s || len == 0)
		return 0;
	size_t n = utf8_lead(u[0], &v);
	if (n == 0 || n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (u[i] & 0x3F);
	}
	/* Reject overlong 3/4-byte forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	if (cp)
		*cp = v;
	return n;
}

size_t yz_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool yz_utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	if (!s)
		return len == 0;
	while (i < len) {
		size_t n = yz_utf8_decode(s + i, len - i, NULL);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t yz_utf8_chars(const char *s)
{
	size_t count = 0;

	if (!s)
		return 0;
	/* Count every byte that is not a continuation byte; for valid input
	 * that is exactly one per code point. */
	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		if ((*u & 0xC0) != 0x80)
			count++;
	return count;
}

bool yz_strlcpy_utf8(char *dst, const char *src, size_t n)
{
	size_t used = 0;

	if (!dst || n == 0)
		return false;
	if (!src)
		src = "";
	size_t len = strlen(src);
	while (used < len) {
		size_t step = yz_utf8_decode(src + used, len - used, NULL);
		if (step == 0)
			step = 1; /* an invalid byte is copied alone, never with a neighbour */
		if (used + step > n - 1)
			break;
		used += step;
	}
	memcpy(dst, src, used);
	dst[used] = '\0';
	return used == len;
}

/* Length of an ASCII space or U+3000 (E3 80 80) at s, 0 otherwise. */
static size_t space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

char *yz_text_trim(char *s)
{
	size_t start = 0, n;

	if (!s)
		return s;
	while ((n = space_len(s + start)) > 0)
		start += n;
	size_t len = strlen(s + start);
	memmove(s, s + start, len + 1);
	for (;;) {
		if (len >= 1 && space_len(s + len - 1) == 1) {
			len -= 1;
		} else if (len >= 3 && space_len(s + len - 3) == 3) {
			len -= 3;
		} else {
			break;
		}
		s[len] = '\0';
	}
	return s;
}
