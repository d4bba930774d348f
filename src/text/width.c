/* Display width. wcwidth() is the single source of truth so that our layout
 * agrees with ncursesw, which asks the same function. */
#include <string.h>
#include <wchar.h>

#include "yizhan/text.h"

/* glibc takes its width table from the Unicode version it was built with;
 * Debian 12's glibc 2.36 knows Unicode 14, so CJK Extension H (U+31350..,
 * Unicode 15) and Extension I (U+2EBF0.., Unicode 15.1) come back as -1, and
 * in a zh_CN.GB18030 locale the charmap gives no width to Extension C and
 * later at all: a rare name would shift every column after it. Unicode gives
 * the whole of planes 2 and 3 East Asian Width "W" and the BMP ideograph
 * blocks were assigned long ago, so when wcwidth does not know one of these
 * code points it is an ideograph and takes two columns. */
static bool cjk_ideograph(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* Unified Ideographs */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* Compatibility Ideographs */
	       (cp >= 0x20000 && cp <= 0x2FFFD) || /* plane 2: Ext B-F, I, compat. suppl. */
	       (cp >= 0x30000 && cp <= 0x3FFFD);   /* plane 3: Ext G, H */
}

int yz_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return -1;
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	if (cjk_ideograph(cp))
		return 2;
	/* Unassigned or unknown to this libc: the terminal draws one cell. */
	return 1;
}

/* Width of the character (or invalid byte) at s; *step receives its length. */
static int width_at(const char *s, size_t len, size_t *step)
{
	uint32_t cp;
	size_t n = yz_utf8_decode(s, len, &cp);

	if (n == 0) {
		*step = 1;
		return 1;
	}
	*step = n;
	int w = yz_cp_width(cp);
	return w < 0 ? 0 : w;
}

int yz_text_width(const char *s)
{
	int total = 0;
	size_t i = 0, step;

	if (!s)
		return 0;
	size_t len = strlen(s);
	while (i < len) {
		total += width_at(s + i, len - i, &step);
		i += step;
	}
	return total;
}

size_t yz_text_fit(const char *s, int cols, int *width)
{
	int total = 0;
	size_t i = 0, step;

	if (!s || cols < 0)
		cols = 0;
	size_t len = s ? strlen(s) : 0;
	while (i < len) {
		int w = width_at(s + i, len - i, &step);
		if (total + w > cols)
			break; /* a wide character at the edge stays out whole */
		total += w;
		i += step;
	}
	if (width)
		*width = total;
	return i;
}
