/* Which code points `u+XXXX` may type (ime-int.h): the table generated from
 * the Unicode data at build time (gen_assigned.py). */
#include <stdint.h>

#include "ime-int.h"

extern const uint32_t yz_ime_assigned[][2];
extern const size_t yz_ime_assigned_n;

bool yz_ime_cp_ok(uint32_t cp)
{
	size_t lo = 0, hi = yz_ime_assigned_n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < yz_ime_assigned[mid][0])
			hi = mid;
		else if (cp > yz_ime_assigned[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}
