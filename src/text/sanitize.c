/* Removing what must never reach a terminal or a printer from outside text
 * (imports, pasted input, database contents written by older versions).
 * A stray escape sequence could move the cursor, retitle the window or, on
 * an ESC/POS printer, cut the paper; a raw C1 byte is a CSI to some terminals. */
#include <stdlib.h>
#include <string.h>

#include "yizhan/text.h"

#define ESC 0x1B
#define BEL 0x07

/* The kinds of sequence that start after ESC (or as their C1 equivalent). */
enum seq_kind {
	SEQ_NONE,   /* not an introducer */
	SEQ_CSI,    /* ESC [ params intermediates final */
	SEQ_STRING, /* OSC, DCS, SOS, PM, APC: runs to BEL or ST */
};

static enum seq_kind kind_of_escape(unsigned char c)
{
	if (c == '[')
		return SEQ_CSI;
	if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
		return SEQ_STRING;
	return SEQ_NONE;
}

/* C1 controls U+0090 DCS, U+0098 SOS, U+009B CSI, U+009D OSC, U+009E PM,
 * U+009F APC start the same sequences as their ESC forms. */
static enum seq_kind kind_of_c1(uint32_t cp)
{
	if (cp == 0x9B)
		return SEQ_CSI;
	if (cp == 0x90 || cp == 0x98 || cp == 0x9D || cp == 0x9E || cp == 0x9F)
		return SEQ_STRING;
	return SEQ_NONE;
}

/* Skips CSI parameters, intermediates and the final byte. Returns the index
 * after the sequence. A byte that cannot belong to the sequence ends it and is
 * then judged on its own. */
static size_t skip_csi(const unsigned char *u, size_t i, size_t len)
{
	while (i < len && u[i] >= 0x20 && u[i] <= 0x3F)
		i++;
	if (i < len && u[i] >= 0x40 && u[i] <= 0x7E)
		i++;
	return i;
}

/* Skips a control string up to and including its terminator: BEL, ESC \ or
 * the C1 ST (C2 9C). An unterminated string runs to the end, as a terminal
 * would swallow it. */
static size_t skip_string(const unsigned char *u, size_t i, size_t len)
{
	while (i < len) {
		if (u[i] == BEL)
			return i + 1;
		if (u[i] == ESC && i + 1 < len && u[i + 1] == '\\')
			return i + 2;
		if (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0x9C)
			return i + 2;
		i++;
	}
	return len;
}

/* Skips ESC and whatever follows it; i is the index of the ESC. */
static size_t skip_escape(const unsigned char *u, size_t i, size_t len)
{
	i++;
	if (i >= len)
		return i;
	switch (kind_of_escape(u[i])) {
	case SEQ_CSI:
		return skip_csi(u, i + 1, len);
	case SEQ_STRING:
		return skip_string(u, i + 1, len);
	case SEQ_NONE:
		break;
	}
	/* nF sequences (ESC ( B and the like): intermediates, then a final byte. */
	while (i < len && u[i] >= 0x20 && u[i] <= 0x2F)
		i++;
	if (i < len && u[i] >= 0x30 && u[i] <= 0x7E)
		i++;
	return i;
}

/* Handles one decoded code point: copies it, replaces it or skips a sequence.
 * Returns the index of the next byte to look at. */
static size_t sanitize_cp(const unsigned char *u, size_t i, size_t n, size_t len, uint32_t cp,
                          bool keep_newlines, char *out, size_t *o)
{
	if (cp == ESC)
		return skip_escape(u, i, len);
	if (cp >= 0x80 && cp <= 0x9F) {
		switch (kind_of_c1(cp)) {
		case SEQ_CSI:
			return skip_csi(u, i + n, len);
		case SEQ_STRING:
			return skip_string(u, i + n, len);
		case SEQ_NONE:
			return i + n;
		}
	}
	if (cp == '\t') {
		out[(*o)++] = ' ';
	} else if (cp == '\n' && keep_newlines) {
		out[(*o)++] = '\n';
	} else if (cp >= 0x20 && cp != 0x7F) {
		memcpy(out + *o, u + i, n);
		*o += n;
	}
	return i + n;
}

char *yz_text_sanitize(const char *s, bool keep_newlines)
{
	if (!s)
		s = "";
	size_t len = strlen(s), i = 0, o = 0;
	const unsigned char *u = (const unsigned char *)s;
	char *out = malloc(len + 1); /* output is never longer than the input */

	if (!out)
		return NULL;
	while (i < len) {
		uint32_t cp;
		size_t n = yz_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++; /* invalid byte: dropped */
			continue;
		}
		i = sanitize_cp(u, i, n, len, cp, keep_newlines, out, &o);
	}
	out[o] = '\0';
	return out;
}

/* From the generated hidden_table.c (tools/gen_hidden.py, Debian's
 * unicode-data): sorted, disjoint ranges {first, last | kind << 24}. A table
 * made from the Unicode Character Database rather than a list typed here: a
 * hand-made list missed the word joiner, the soft hyphen, the variation
 * selectors, the tags and more. */
extern const uint32_t yz_hidden_ranges[][2];
extern const size_t yz_hidden_n;

yz_hidden_kind yz_cp_hidden(uint32_t cp)
{
	size_t lo = 0, hi = yz_hidden_n;

	if (cp >= 0x20 && cp < 0x7F)
		return YZ_HIDDEN_NONE;
	if (cp == 0xFFFD)
		return YZ_HIDDEN_REPLACEMENT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < yz_hidden_ranges[mid][0])
			hi = mid;
		else if (cp > (yz_hidden_ranges[mid][1] & 0xFFFFFF))
			lo = mid + 1;
		else
			return (yz_hidden_kind)(yz_hidden_ranges[mid][1] >> 24);
	}
	return YZ_HIDDEN_NONE;
}

size_t yz_text_find_hidden(const char *s, size_t len, bool newlines, uint32_t *cp)
{
	size_t i = 0;

	while (i < len) {
		uint32_t c;
		size_t n = yz_utf8_decode(s + i, len - i, &c);
		if (n == 0) {
			i++;
			continue;
		}
		if (yz_cp_hidden(c) != YZ_HIDDEN_NONE && !(newlines && (c == '\n' || c == '\r'))) {
			if (cp)
				*cp = c;
			return i;
		}
		i += n;
	}
	return len;
}
