/* Pinyin initials: the lookup in the table generated from Unihan at build time
 * (tools/gen_pinyin.py), the matcher behind "zs finds zhang san", and the keys
 * the registry indexes so that the matcher only has to confirm a few rows. */
#include <ctype.h>
#include <string.h>

#include "yizhan/text.h"

/* From the generated pinyin_table.c: sorted code points (low 21 bits) with the
 * primary initial above them, and the masks of initials. */
extern const uint32_t yz_pinyin_cps[];
extern const uint32_t yz_pinyin_masks[];
extern const size_t yz_pinyin_n;

/* Longest name the matcher looks at, in characters; longer tails are ignored. */
#define PY_MAX_CHARS 64

static long find_cp(uint32_t cp)
{
	size_t lo = 0, hi = yz_pinyin_n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t v = yz_pinyin_cps[mid] & 0x1fffffu;
		if (v == cp)
			return (long)mid;
		if (v < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

uint32_t yz_pinyin_mask(uint32_t cp)
{
	long i;

	if (cp < 0x80)
		return isalpha((int)cp) ? 1u << (tolower((int)cp) - 'a') : 0;
	i = find_cp(cp);
	return i < 0 ? 0 : yz_pinyin_masks[i];
}

char yz_pinyin_primary(uint32_t cp)
{
	long i;

	if (cp < 0x80)
		return isalpha((int)cp) ? (char)tolower((int)cp) : 0;
	i = find_cp(cp);
	return i < 0 ? 0 : (char)('a' + (yz_pinyin_cps[i] >> 21));
}

/* The characters of name that have initials: their masks and primary letters.
 * Returns how many. */
static size_t name_masks(const char *name, uint32_t *mask, char *primary)
{
	size_t n = 0, len = strlen(name);

	for (size_t i = 0; i < len && n < PY_MAX_CHARS;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(name + i, len - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		i += k;
		mask[n] = yz_pinyin_mask(cp);
		primary[n] = yz_pinyin_primary(cp);
		if (mask[n])
			n++;
	}
	return n;
}

/* The two-letter initial bit for c followed by 'h', or 0. */
static uint32_t retroflex_bit(char c)
{
	return c == 'z' ? YZ_PY_ZH : c == 'c' ? YZ_PY_CH : c == 's' ? YZ_PY_SH : 0;
}

/* Match q from character i on; sets *exact when some way of matching used every
 * character. Names are short, so plain recursion is fine. */
static bool match_from(const uint32_t *mask, size_t n, size_t i, const char *q, bool *exact)
{
	bool any = false;
	char c;
	uint32_t rb;

	if (!*q) {
		if (i == n)
			*exact = true;
		return true;
	}
	if (i == n)
		return false;
	c = (char)tolower((unsigned char)*q);
	if (c < 'a' || c > 'z')
		return false;
	if (mask[i] & (1u << (c - 'a')))
		any = match_from(mask, n, i + 1, q + 1, exact);
	rb = retroflex_bit(c);
	if (rb && tolower((unsigned char)q[1]) == 'h' && (mask[i] & rb))
		any = match_from(mask, n, i + 1, q + 2, exact) || any;
	return any;
}

bool yz_pinyin_match(const char *name, const char *query, bool *exact)
{
	uint32_t mask[PY_MAX_CHARS];
	char primary[PY_MAX_CHARS];
	size_t n;
	bool ex = false, ok;

	if (!name || !query || !*query)
		return false;
	n = name_masks(name, mask, primary);
	ok = match_from(mask, n, 0, query, &ex);
	if (exact)
		*exact = ok && ex;
	return ok;
}

/* Key writer: the strings so far and the room left. */
typedef struct keybuf {
	char *out;    /* the output buffer */
	size_t n;     /* its size */
	size_t used;  /* bytes written, without the NUL */
	size_t count; /* strings written */
	size_t max;   /* most strings wanted */
} keybuf;

static void key_emit(keybuf *kb, const char *s, size_t len)
{
	size_t need = len + (kb->count ? 1 : 0);

	if (kb->count >= kb->max || kb->used + need + 1 > kb->n)
		return;
	if (kb->count)
		kb->out[kb->used++] = ' ';
	memcpy(kb->out + kb->used, s, len);
	kb->used += len;
	kb->out[kb->used] = '\0';
	kb->count++;
}

/* The initials one character may stand for: its primary letter first, and
 * after each of z/c/s the two-letter zh/ch/sh when a reading starts so. */
static size_t alternatives(uint32_t mask, char primary, char alt[][3])
{
	size_t n = 0;

	for (int k = -1; k < 26; k++) {
		char c = k < 0 ? primary : (char)('a' + k);
		uint32_t rb;
		if (k >= 0 && (c == primary || !(mask & (1u << k))))
			continue;
		alt[n][0] = c;
		alt[n++][1] = '\0';
		rb = retroflex_bit(c);
		if (rb && (mask & rb)) {
			alt[n][0] = c;
			alt[n][1] = 'h';
			alt[n++][2] = '\0';
		}
	}
	return n;
}

/* Every combination of initials, primary readings first. */
static void keys_from(keybuf *kb, const uint32_t *mask, const char *primary, size_t n, size_t i,
                      char *cur, size_t clen)
{
	char alt[32][3];
	size_t na;

	if (kb->count >= kb->max)
		return;
	if (i == n) {
		key_emit(kb, cur, clen);
		return;
	}
	na = alternatives(mask[i], primary[i], alt);
	for (size_t a = 0; a < na; a++) {
		size_t l = strlen(alt[a]);
		memcpy(cur + clen, alt[a], l);
		keys_from(kb, mask, primary, n, i + 1, cur, clen + l);
	}
}

size_t yz_pinyin_keys(const char *name, size_t max_keys, char *out, size_t n)
{
	uint32_t mask[PY_MAX_CHARS];
	char primary[PY_MAX_CHARS], cur[2 * PY_MAX_CHARS + 1];
	keybuf kb = {out, n, 0, 0, max_keys};
	size_t len;

	if (n)
		out[0] = '\0';
	if (!name || !n)
		return 0;
	len = name_masks(name, mask, primary);
	if (len == 0)
		return 0;
	keys_from(&kb, mask, primary, len, 0, cur, 0);
	return kb.count;
}

/* Expand q from position i: each zh/ch/sh is kept or collapsed to its first
 * letter. */
static void query_from(keybuf *kb, const char *q, size_t i, char *cur, size_t clen)
{
	if (kb->count >= kb->max)
		return;
	if (!q[i]) {
		key_emit(kb, cur, clen);
		return;
	}
	cur[clen] = q[i];
	if (retroflex_bit(q[i]) && q[i + 1] == 'h')
		query_from(kb, q, i + 2, cur, clen + 1);
	query_from(kb, q, i + 1, cur, clen + 1);
}

size_t yz_pinyin_query_keys(const char *query, size_t max_keys, char *out, size_t n)
{
	char q[PY_MAX_CHARS + 1], cur[PY_MAX_CHARS + 1];
	keybuf kb = {out, n, 0, 0, max_keys};
	size_t len = query ? strlen(query) : 0;

	if (n)
		out[0] = '\0';
	if (len == 0 || len > PY_MAX_CHARS || !n)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (!isalpha((unsigned char)query[i]) || (unsigned char)query[i] >= 0x80)
			return 0;
		q[i] = (char)tolower((unsigned char)query[i]);
	}
	q[len] = '\0';
	query_from(&kb, q, 0, cur, 0);
	return kb.count;
}
