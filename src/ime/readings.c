/* Full pinyin readings of characters (ime-int.h), from the table generated
 * from Unihan at build time (gen_readings.py). */
#include <string.h>

#include "ime-int.h"

extern const char *const yz_ime_syllables[];
extern const uint32_t yz_ime_reading_cps[];
extern const uint64_t yz_ime_reading_syls[];
extern const size_t yz_ime_readings_n;

/* cp's row, or -1. */
static long row_of(uint32_t cp)
{
	size_t lo = 0, hi = yz_ime_readings_n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (yz_ime_reading_cps[mid] == cp)
			return (long)mid;
		if (yz_ime_reading_cps[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Is t an initial only: one letter, or zh, ch, sh? */
static bool initial_only(const char *t)
{
	size_t n = strlen(t);
	return n == 1 || (n == 2 && t[1] == 'h' && (t[0] == 'z' || t[0] == 'c' || t[0] == 's'));
}

bool yz_ime_token_reads(uint32_t cp, const char *t, bool prefix)
{
	if (!t[0])
		return false;
	long r = row_of(cp);
	if (r < 0) /* no reading of its own: its initials, if any */
		return (yz_pinyin_mask(cp) & (1u << (t[0] - 'a'))) && initial_only(t);
	bool start = prefix || initial_only(t);
	size_t len = strlen(t);
	uint64_t v = yz_ime_reading_syls[r];
	for (int k = 0; k < 4; k++, v >>= 10) {
		unsigned i = (unsigned)(v & 0x3ff);
		if (i == 0)
			break;
		const char *s = yz_ime_syllables[i - 1];
		if (strcmp(s, t) == 0 || (start && strncmp(s, t, len) == 0))
			return true;
	}
	return false;
}
