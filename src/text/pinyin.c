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

/* ---- keys -------------------------------------------------------------------- */

/* Surnames read otherwise than their characters' most common reading (a
 * character of a name's first place is its surname): the initial of the
 * surname reading comes first in the keys, so the first key is how the name
 * is read. By code point. */
static const struct {
	uint32_t cp;
	char initial;
} surname_initial[] = {
    {0x4EC7, 'q'}, /* qiu, not chou */
    {0x533A, 'o'}, /* ou, not qu */
    {0x5355, 's'}, /* shan, not dan */
    {0x53E5, 'g'}, /* gou, not ju */
    {0x53EC, 's'}, /* shao, not zhao */
    {0x5C09, 'w'}, /* wei (yu only in yu chi, below) */
    {0x6298, 's'}, /* she, not zhe */
    {0x66FE, 'z'}, /* zeng, not ceng */
    {0x67E5, 'z'}, /* zha, not cha */
    {0x796D, 'z'}, /* zhai, not ji */
    {0x79CD, 'c'}, /* chong, not zhong */
    {0x79D8, 'b'}, /* bi, not mi */
    {0x7E41, 'p'}, /* po, not fan */
    {0x7FDF, 'z'}, /* zhai, not di */
    {0x8398, 's'}, /* shen, not xin */
    {0x8983, 'q'}, /* qin, not tan */
    {0x89E3, 'x'}, /* xie, not jie */
    {0x90C7, 'x'}, /* xun, not huan */
    {0x91CD, 'c'}, /* chong, not zhong */
    {0x9697, 'w'}, /* wei, not kui */
};

/* Compound surnames with a polyphonic character: both initials. */
static const struct {
	uint32_t cp[2];
	char initial[2];
} compound_initial[] = {
    {{0x5355, 0x4E8E}, {'c', 'y'}}, /* chan yu */
    {{0x4E07, 0x4FDF}, {'m', 'q'}}, /* mo qi */
    {{0x5C09, 0x8FDF}, {'y', 'c'}}, /* yu chi */
    {{0x6FB9, 0x53F0}, {'t', 't'}}, /* tan tai */
    {{0x957F, 0x5B59}, {'z', 's'}}, /* zhang sun */
};

#define N_SURNAMES  (sizeof surname_initial / sizeof surname_initial[0])
#define N_COMPOUNDS (sizeof compound_initial / sizeof compound_initial[0])

/* Bump when the keys' form changes: stations re-key (yz_pinyin_keys_version). */
#define PY_KEYS_FORM 2u

/* The first two characters with readings of name (0 when absent). */
static void leading_cps(const char *name, uint32_t cp[2])
{
	size_t len = strlen(name), got = 0;

	cp[0] = cp[1] = 0;
	for (size_t i = 0; i < len && got < 2;) {
		uint32_t c;
		size_t k = yz_utf8_decode(name + i, len - i, &c);
		if (k == 0) {
			i++;
			continue;
		}
		i += k;
		if (yz_pinyin_mask(c))
			cp[got++] = c;
	}
}

/* The initial each of the first two characters has as a surname ('\0' for
 * none), when its readings hold it. */
static void surname_first(const char *name, const uint32_t *mask, size_t n, char first[2])
{
	uint32_t cp[2];

	first[0] = first[1] = '\0';
	leading_cps(name, cp);
	for (size_t i = 0; i < N_COMPOUNDS && n >= 2; i++) {
		if (compound_initial[i].cp[0] == cp[0] && compound_initial[i].cp[1] == cp[1]) {
			first[0] = compound_initial[i].initial[0];
			first[1] = compound_initial[i].initial[1];
		}
	}
	for (size_t i = 0; i < N_SURNAMES && !first[0] && n >= 1; i++) {
		if (surname_initial[i].cp == cp[0])
			first[0] = surname_initial[i].initial;
	}
	for (int i = 0; i < 2; i++) {
		if (first[i] && !(mask[i] & (1u << (first[i] - 'a'))))
			first[i] = '\0';
	}
}

/* The one-letter initials a character's readings start with, `lead` (when
 * one of them) first, then its most common reading's, then the others in
 * alphabetical order. zh/ch/sh count as z/c/s: the matcher tells them apart
 * on the name. Returns how many (at most 26). */
static size_t letters(uint32_t mask, char lead, char primary, char *out)
{
	size_t n = 0;

	if (lead)
		out[n++] = lead;
	if (primary && primary != lead && (mask & (1u << (primary - 'a'))))
		out[n++] = primary;
	for (int k = 0; k < 26; k++) {
		char c = (char)('a' + k);
		if ((mask & (1u << k)) && c != lead && c != primary)
			out[n++] = c;
	}
	return n;
}

/* Write every combination of alt[0..k) in order, the first character
 * outermost, each followed by mark (when not '\0') and a space. Returns the
 * bytes written. */
static size_t write_combinations(char alt[][26], const size_t *na, size_t k, char mark, char *out)
{
	size_t idx[PY_MAX_CHARS] = {0}, used = 0;

	for (;;) {
		for (size_t i = 0; i < k; i++)
			out[used++] = alt[i][idx[i]];
		if (mark)
			out[used++] = mark;
		out[used++] = ' ';
		/* The last character varies fastest. */
		size_t i = k;
		while (i > 0 && ++idx[i - 1] == na[i - 1])
			idx[--i] = 0;
		if (i == 0)
			return used;
	}
}

size_t yz_pinyin_keys(const char *name, size_t max_keys, char *out, size_t n)
{
	uint32_t mask[PY_MAX_CHARS];
	char primary[PY_MAX_CHARS], alt[PY_MAX_CHARS][26], first[2];
	size_t na[PY_MAX_CHARS], len, k = 0, count = 1, used;

	if (n)
		out[0] = '\0';
	if (!name || !n)
		return 0;
	len = name_masks(name, mask, primary);
	if (len == 0)
		return 0;
	surname_first(name, mask, len, first);
	for (size_t i = 0; i < len; i++)
		na[i] = letters(mask[i], i < 2 ? first[i] : '\0', primary[i], alt[i]);
	/* The longest run of leading characters whose combinations all fit:
	 * count keys of k letters, '{' when the name goes on, a space each. */
	while (k < len && count * na[k] <= max_keys &&
	       count * na[k] * (k + 1 + (k + 1 < len ? 2 : 1)) <= n) {
		count *= na[k];
		k++;
	}
	if (k == 0)
		return 0;
	used = write_combinations(alt, na, k, k < len ? '{' : '\0', out);
	out[used - 1] = '\0';
	return count;
}

/* One step of FNV-1a over the four bytes of v. */
static uint32_t fnv_mix(uint32_t h, uint32_t v)
{
	for (int b = 0; b < 4; b++)
		h = (h ^ ((v >> (8 * b)) & 0xffu)) * 16777619u;
	return h;
}

uint32_t yz_pinyin_keys_version(void)
{
	/* Over the keys' form, the reading table and the surnames. */
	uint32_t h = fnv_mix(fnv_mix(2166136261u, PY_KEYS_FORM), (uint32_t)yz_pinyin_n);

	for (size_t i = 0; i < yz_pinyin_n; i++)
		h = fnv_mix(fnv_mix(h, yz_pinyin_cps[i]), yz_pinyin_masks[i]);
	for (size_t i = 0; i < N_SURNAMES; i++)
		h = fnv_mix(h, surname_initial[i].cp << 8 | (uint32_t)surname_initial[i].initial);
	for (size_t i = 0; i < N_COMPOUNDS; i++) {
		for (int j = 0; j < 2; j++)
			h = fnv_mix(h, compound_initial[i].cp[j] << 8 |
			                   (uint32_t)compound_initial[i].initial[j]);
	}
	return h;
}

/* ---- queries ----------------------------------------------------------------- */

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
