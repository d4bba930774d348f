/* Calendar dates, proleptic Gregorian. Day counting follows Howard Hinnant's
 * days_from_civil / civil_from_days, which are exact for every year and need
 * no tables. */
#include <stdio.h>
#include <string.h>

#include "yizhan/core.h"

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int yz_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && leap_year(year) ? 29 : days[month - 1];
}

bool yz_date_valid(int year, int month, int day)
{
	return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= yz_days_in_month(year, month);
}

/* Reads n ASCII digits at s; -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool yz_date_parse(const char *s, yz_date *out)
{
	int y, m, d;

	if (!s)
		return false;
	size_t len = strlen(s);
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		y = read_digits(s, 4);
		m = read_digits(s + 5, 2);
		d = read_digits(s + 8, 2);
	} else if (len == 8) {
		y = read_digits(s, 4);
		m = read_digits(s + 4, 2);
		d = read_digits(s + 6, 2);
	} else {
		return false;
	}
	if (!yz_date_valid(y, m, d))
		return false;
	if (out)
		*out = (yz_date){.year = y, .month = m, .day = d};
	return true;
}

/* Writes v as exactly n digits (v must fit). */
static void put_digits(char *buf, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		buf[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void yz_date_format(yz_date d, char buf[11])
{
	/* Out-of-range parts are shown as zeros rather than overflowing the buffer. */
	put_digits(buf, d.year >= 0 && d.year <= 9999 ? d.year : 0, 4);
	buf[4] = '-';
	put_digits(buf + 5, d.month >= 0 && d.month <= 99 ? d.month : 0, 2);
	buf[7] = '-';
	put_digits(buf + 8, d.day >= 0 && d.day <= 99 ? d.day : 0, 2);
	buf[10] = '\0';
}

const char *yz_date_norm(const char *typed, char out[11])
{
	yz_date d;

	if (!typed || !yz_date_parse(typed, &d))
		return typed;
	yz_date_format(d, out);
	return out;
}

long yz_date_to_days(yz_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12; /* March = 0 */
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

yz_date yz_date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int day = (int)(doy - (153 * mp + 2) / 5 + 1);
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);
	int year = (int)(yoe + era * 400 + (month <= 2));
	return (yz_date){.year = year, .month = month, .day = day};
}

int yz_date_cmp(yz_date a, yz_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

int yz_date_weekday(yz_date d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = (yz_date_to_days(d) + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

yz_date yz_date_from_time(time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return (yz_date){.year = 1970, .month = 1, .day = 1};
	return (yz_date){.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday};
}

int yz_age_on(yz_date birth, yz_date on)
{
	int age = on.year - birth.year;

	/* Not yet had this year's birthday. Someone born on 29 February turns a
	 * year older on 1 March in common years. */
	if (on.month < birth.month || (on.month == birth.month && on.day < birth.day))
		age--;
	return age;
}

time_t yz_utc_parse(const char *stamp)
{
	struct tm tm = {0};
	const char *end = stamp ? strptime(stamp, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;

	return end && *end == '\0' ? timegm(&tm) : (time_t)-1;
}

void yz_utc_local_date(const char *stamp, char out[11])
{
	time_t t = stamp && stamp[0] ? yz_utc_parse(stamp) : (time_t)-1;

	out[0] = '\0';
	if (t != (time_t)-1)
		yz_date_format(yz_date_from_time(t), out);
}

void yz_local_midnight_utc(yz_date d, char out[21])
{
	struct tm tm = {
	    .tm_year = d.year - 1900, .tm_mon = d.month - 1, .tm_mday = d.day, .tm_isdst = -1};

	yz_utc_stamp(mktime(&tm), out);
}

void yz_local_dates_get(yz_local_dates *c, const char *stamp, char out[11])
{
	unsigned h = 2166136261u;
	size_t i;

	if (!stamp || strlen(stamp) != 20) {
		yz_utc_local_date(stamp, out);
		return;
	}
	for (i = 0; i < 16; i++)
		h = (h ^ (unsigned char)stamp[i]) * 16777619u;
	i = h % YZ_LOCAL_DATES_SLOTS;
	if (memcmp(c->key[i], stamp, 16) != 0) {
		yz_utc_local_date(stamp, c->date[i]);
		memcpy(c->key[i], stamp, 16);
		c->key[i][16] = '\0';
	}
	memcpy(out, c->date[i], 11);
}

void yz_utc_stamp(time_t t, char buf[21])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, 21, "%s", "0000-00-00T00:00:00Z");
}
