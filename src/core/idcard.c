/* Resident ID numbers: GB 11643-1999. Six digits of region (GB/T 2260), eight
 * of birth date, three of sequence (odd for men, even for women) and an
 * ISO 7064 MOD 11-2 check character. */
#include <string.h>

#include "../intl.h"
#include "yizhan/core.h"

/* Longest input examined; anything longer is certainly not an ID number. */
#define ID_TYPED_MAX 128

bool yz_region_plausible(int code6)
{
	static const struct {
		int lo, hi; /* province prefix range, inclusive */
	} provinces[] = {
	    {11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 82},
	};
	if (code6 < 100000 || code6 > 999999)
		return false;
	/* Residence permits for Hong Kong, Macao and Taiwan residents (2018) carry
	 * exactly 810000, 820000 and 830000: the one place a province-level code
	 * appears in a personal number. */
	if (code6 == 810000 || code6 == 820000 || code6 == 830000)
		return true;
	int prov = code6 / 10000;
	bool known = false;
	for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
		if (prov >= provinces[i].lo && prov <= provinces[i].hi)
			known = true;
	/* A person is registered in a city or county, never in a province as a
	 * whole, so xx0000 is a typing error. A full GB/T 2260 table is not kept:
	 * codes change every year and old numbers keep their old codes. */
	return known && code6 % 10000 != 0;
}

char yz_idcard_check_char(const char digits17[17])
{
	static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		if (digits17[i] < '0' || digits17[i] > '9')
			return '?';
		sum += (digits17[i] - '0') * weights[i];
	}
	return check[sum % 11];
}

/* One typed character mapped to '0'-'9' or 'X'; full-width digits and X come
 * from Chinese input methods left in full-width mode. 0 for anything else. */
static char id_char(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (char)cp;
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (char)('0' + (cp - 0xFF10));
	if (cp == 'x' || cp == 'X' || cp == 0xFF38 || cp == 0xFF58)
		return 'X';
	return 0;
}

/* Normalises typed into norm (room for 19); returns the number of characters
 * seen and sets *bad when one of them cannot be part of an ID number. */
static size_t normalise(const char *typed, char norm[19], bool *bad)
{
	char buf[ID_TYPED_MAX];
	size_t count = 0, i = 0;

	*bad = false;
	if (!yz_strlcpy_utf8(buf, typed, sizeof buf))
		*bad = true; /* far too long to be a number */
	yz_text_trim(buf);
	size_t len = strlen(buf);
	while (i < len) {
		uint32_t cp = 0;
		size_t n = yz_utf8_decode(buf + i, len - i, &cp);
		char c = n ? id_char(cp) : 0;
		if (c == 0)
			*bad = true;
		if (count < 18)
			norm[count] = c;
		count++;
		i += n ? n : 1;
	}
	norm[count < 18 ? count : 18] = '\0';
	return count;
}

/* Checks an 18-character number made only of digits and X. */
static yz_id_status check18(const char *num, yz_date today, yz_idcard *out)
{
	if (strchr(num, 'X') && strchr(num, 'X') != num + 17)
		return YZ_ID_CHARS;
	int region = 0;
	for (int i = 0; i < 6; i++)
		region = region * 10 + (num[i] - '0');
	if (!yz_region_plausible(region))
		return YZ_ID_REGION;
	char date[9];
	memcpy(date, num + 6, 8);
	date[8] = '\0';
	yz_date birth;
	if (!yz_date_parse(date, &birth))
		return YZ_ID_BIRTH_INVALID;
	if (yz_date_cmp(birth, today) > 0)
		return YZ_ID_BIRTH_FUTURE;
	if (yz_idcard_check_char(num) != num[17])
		return YZ_ID_CHECKSUM;
	if (out) {
		memcpy(out->number, num, 19);
		out->birth = birth;
		out->female = (num[16] - '0') % 2 == 0;
		out->region = region;
	}
	return YZ_ID_OK;
}

yz_id_status yz_idcard_check(const char *typed, yz_date today, yz_idcard *out)
{
	char norm[19];
	bool bad;

	if (!typed)
		return YZ_ID_EMPTY;
	size_t count = normalise(typed, norm, &bad);
	if (count == 0)
		return YZ_ID_EMPTY;
	if (bad)
		return YZ_ID_CHARS;
	if (count == 15)
		return strchr(norm, 'X') ? YZ_ID_CHARS : YZ_ID_OLD15;
	if (count != 18)
		return YZ_ID_LENGTH;
	return check18(norm, today, out);
}

const char *yz_idcard_message(yz_id_status st)
{
	switch (st) {
	case YZ_ID_OK:
		return _("The ID number is valid.");
	case YZ_ID_EMPTY:
		return _("Type the resident's 18-digit ID number.");
	case YZ_ID_OLD15:
		return _("This is an old 15-digit ID number. Ask for the 18-digit number on the "
		         "resident's current ID card.");
	case YZ_ID_LENGTH:
		return _("An ID number has 18 characters. Check the number on the ID card and "
		         "type it again.");
	case YZ_ID_CHARS:
		return _("An ID number has 17 digits and then a digit or X. Check the number on "
		         "the ID card and type it again.");
	case YZ_ID_REGION:
		return _("The first six digits are not a known region code. Check the number on "
		         "the ID card.");
	case YZ_ID_BIRTH_INVALID:
		return _("Digits 7 to 14 are not a real date of birth. Check the number on the "
		         "ID card.");
	case YZ_ID_BIRTH_FUTURE:
		return _("The date of birth in this number is after today. Check the number on "
		         "the ID card.");
	case YZ_ID_CHECKSUM:
		return _("The last character does not match the other digits: one of them is "
		         "probably mistyped. Check the number on the ID card.");
	}
	return _("The ID number is not valid. Check the number on the ID card.");
}

void yz_idcard_mask(const char *number, char out[19])
{
	size_t len = number ? strlen(number) : 0;
	bool ascii = true;

	for (size_t i = 0; i < len; i++)
		if ((unsigned char)number[i] >= 0x80)
			ascii = false;
	if (len >= 10 && ascii) {
		memcpy(out, number, 6);
		memset(out + 6, '*', 8);
		memcpy(out + 14, number + len - 4, 4);
		out[18] = '\0';
		return;
	}
	/* Too short to show any part safely (or not a number at all): one star per
	 * character, at most 18. */
	size_t stars = number ? yz_utf8_chars(number) : 0;
	if (stars > 18)
		stars = 18;
	memset(out, '*', stars);
	out[stars] = '\0';
}
