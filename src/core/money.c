/* Money as integer fen (1/100 yuan). Never floating point: 0.1 + 0.2 must be
 * 0.30 on a subsidy ledger. */
#include <string.h>

#include "yizhan/core.h"

/* Integer part limited so that yuan * 100 + 99 fits in int64_t. */
#define MAX_INT_DIGITS 16

/* Skips an optional yen sign: U+00A5 or the full-width U+FFE5 that Chinese
 * input methods produce. */
static const char *skip_yen(const char *s)
{
	if (strncmp(s, "\xC2\xA5", 2) == 0)
		return s + 2;
	if (strncmp(s, "\xEF\xBF\xA5", 3) == 0)
		return s + 3;
	return s;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* Parses "digits[.d[d]]" up to the end of s (trailing spaces allowed). */
static bool parse_amount(const char *s, int64_t *fen)
{
	int64_t yuan = 0, cents = 0;
	int n = 0;

	for (; *s >= '0' && *s <= '9'; s++, n++) {
		if (n == MAX_INT_DIGITS)
			return false;
		yuan = yuan * 10 + (*s - '0');
	}
	if (n == 0)
		return false;
	if (*s == '.') {
		s++;
		int d = 0;
		for (; *s >= '0' && *s <= '9'; s++, d++) {
			if (d == 2)
				return false; /* a third decimal is not a sum of money */
			cents = cents * 10 + (*s - '0');
		}
		if (d == 0)
			return false;
		if (d == 1)
			cents *= 10;
	}
	if (*skip_spaces(s) != '\0')
		return false;
	*fen = yuan * 100 + cents;
	return true;
}

bool yz_money_parse(const char *s, int64_t *fen)
{
	bool neg = false;
	int64_t v;

	if (!s)
		return false;
	s = skip_spaces(s);
	if (*s == '-') {
		neg = true;
		s = skip_yen(s + 1);
	} else {
		s = skip_yen(s);
		if (*s == '-') {
			neg = true;
			s++;
		}
	}
	if (!parse_amount(s, &v))
		return false;
	if (fen)
		*fen = neg ? -v : v;
	return true;
}

void yz_hundredths_format(int64_t hundredths, char buf[32])
{
	/* Work in unsigned so that INT64_MIN has a magnitude too. */
	uint64_t mag = hundredths < 0 ? 0 - (uint64_t)hundredths : (uint64_t)hundredths;
	char tmp[32];
	int i = (int)sizeof tmp;

	tmp[--i] = '\0';
	tmp[--i] = (char)('0' + mag % 10);
	tmp[--i] = (char)('0' + mag / 10 % 10);
	tmp[--i] = '.';
	mag /= 100;
	do {
		tmp[--i] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0);
	if (hundredths < 0)
		tmp[--i] = '-';
	memcpy(buf, tmp + i, sizeof tmp - (size_t)i);
}

void yz_money_format(int64_t fen, char buf[32])
{
	yz_hundredths_format(fen, buf);
}
