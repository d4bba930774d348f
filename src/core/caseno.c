/* Case numbers "<station>-<year>-<6-digit sequence>". The store allocates the
 * sequence; this file only writes and reads the text form. */
#include <stdio.h>
#include <string.h>

#include "yizhan/core.h"

#define STATION_MAX 16

bool yz_station_code_valid(const char *code)
{
	size_t len = code ? strlen(code) : 0;

	if (len < 1 || len > STATION_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
			return false;
	return true;
}

bool yz_caseno_format(char *buf, size_t n, const char *station, int year, long seq)
{
	if (!buf || n == 0)
		return false;
	buf[0] = '\0';
	if (!yz_station_code_valid(station) || year < 1900 || year > 2999 || seq < 1 ||
	    seq > 999999)
		return false;
	int w = snprintf(buf, n, "%s-%04d-%06ld", station, year, seq);
	if (w < 0 || (size_t)w >= n) {
		buf[0] = '\0';
		return false;
	}
	return true;
}

/* Reads exactly n digits; -1 when one is missing. */
static long digits(const char *s, int n)
{
	long v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool yz_caseno_parse(const char *s, char station[17], int *year, long *seq)
{
	const char *dash = s ? strchr(s, '-') : NULL;

	if (!dash)
		return false;
	size_t slen = (size_t)(dash - s);
	/* After the station: "-YYYY-NNNNNN" and nothing more. */
	if (slen < 1 || slen > STATION_MAX || strlen(dash) != 12 || dash[5] != '-')
		return false;
	char code[STATION_MAX + 1];
	memcpy(code, s, slen);
	code[slen] = '\0';
	long y = digits(dash + 1, 4), q = digits(dash + 6, 6);
	if (!yz_station_code_valid(code) || y < 1900 || y > 2999 || q < 1)
		return false;
	if (station)
		memcpy(station, code, slen + 1);
	if (year)
		*year = (int)y;
	if (seq)
		*seq = q;
	return true;
}
