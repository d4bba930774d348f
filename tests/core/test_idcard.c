/* Resident ID numbers as a clerk types them. */
#include <string.h>

#include "yizhan/core.h"
#include "tests.h"

static const yz_date today = {.year = 2025, .month = 6, .day = 15};

static yz_id_status check(const char *typed)
{
	return yz_idcard_check(typed, today, NULL);
}

static void valid_numbers(void **state)
{
	(void)state;
	yz_idcard id;
	memset(&id, 0, sizeof id);
	assert_int_equal(yz_idcard_check("11010519491231002X", today, &id), YZ_ID_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(id.birth.year, 1949);
	assert_int_equal(id.birth.month, 12);
	assert_int_equal(id.birth.day, 31);
	assert_int_equal(id.female, 1); /* 17th digit 2 is even */
	assert_int_equal(id.region, 110105);
	assert_int_equal(yz_idcard_check("440304200002291535", today, &id), YZ_ID_OK);
	assert_int_equal(id.female, 0); /* 17th digit 3 is odd */
	assert_int_equal(id.birth.day, 29);
	assert_int_equal(check("11010519000101001X"), YZ_ID_OK); /* born 1900-01-01 */
	assert_int_equal(check("810000199001011230"), YZ_ID_OK); /* HK residence permit */
	assert_int_equal(yz_idcard_check_char("11010519491231002"), 'X');
	assert_int_equal(yz_idcard_check_char("44030420000229153"), '5');
}

static void lower_x_and_spaces_normalised(void **state)
{
	(void)state;
	yz_idcard id;
	assert_int_equal(yz_idcard_check("  11010519491231002x ", today, &id), YZ_ID_OK);
	assert_string_equal(id.number, "11010519491231002X");
	/* Full-width digits and X typed with a Chinese input method in full-width
	 * mode (U+FF11 ... U+FF38), surrounded by ideographic spaces. */
	const char *wide =
	    "\xE3\x80\x80"
	    "\xEF\xBC\x91\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x95"
	    "19491231002"
	    "\xEF\xBC\xB8";
	assert_int_equal(yz_idcard_check(wide, today, &id), YZ_ID_OK);
	assert_string_equal(id.number, "11010519491231002X");
}

static void wrong_check_digit(void **state)
{
	(void)state;
	assert_int_equal(check("110105194912310021"), YZ_ID_CHECKSUM);
	assert_int_equal(check("440304200002291536"), YZ_ID_CHECKSUM);
	/* One mistyped digit in the sequence part. */
	assert_int_equal(check("11010519491231003X"), YZ_ID_CHECKSUM);
}

static void birth_dates(void **state)
{
	(void)state;
	/* 2025-02-30 does not exist (check digit correct for the rest). */
	assert_int_equal(check("310115202502300029"), YZ_ID_BIRTH_INVALID);
	assert_int_equal(check("110105194913310021"), YZ_ID_BIRTH_INVALID); /* month 13 */
	assert_int_equal(check("110105189912310015"), YZ_ID_BIRTH_INVALID); /* before 1900 */
	/* 2099-12-31 is after today. */
	assert_int_equal(check("320102209912310010"), YZ_ID_BIRTH_FUTURE);
	yz_date later = {.year = 2100, .month = 1, .day = 1};
	assert_int_equal(yz_idcard_check("320102209912310010", later, NULL), YZ_ID_OK);
	/* Born today is fine. */
	yz_date d2024 = {.year = 2024, .month = 1, .day = 1};
	assert_int_equal(yz_idcard_check("530102202401010013", d2024, NULL), YZ_ID_OK);
	yz_date d2023 = {.year = 2023, .month = 12, .day = 31};
	assert_int_equal(yz_idcard_check("530102202401010013", d2023, NULL), YZ_ID_BIRTH_FUTURE);
}

static void old_fifteen_digit(void **state)
{
	(void)state;
	assert_int_equal(check("110105491231002"), YZ_ID_OLD15);
	assert_int_equal(check(" 110105491231002 "), YZ_ID_OLD15);
	const char *msg = yz_idcard_message(YZ_ID_OLD15);
	assert_non_null(strstr(msg, "15-digit"));
	assert_non_null(strstr(msg, "18-digit"));
	assert_string_not_equal(msg, yz_idcard_message(YZ_ID_LENGTH));
}

static void region_codes(void **state)
{
	(void)state;
	assert_int_equal(check("99010519800101001X"), YZ_ID_REGION); /* no province 99 */
	assert_int_equal(check("110000198001010019"), YZ_ID_REGION); /* province only */
	assert_true(yz_region_plausible(110105));
	assert_true(yz_region_plausible(650102));
	assert_true(yz_region_plausible(820000));
	assert_true(yz_region_plausible(830000));
	assert_false(yz_region_plausible(110000));
	assert_false(yz_region_plausible(160101));
	assert_false(yz_region_plausible(830101));
	assert_false(yz_region_plausible(12345));
	assert_false(yz_region_plausible(1101050));
}

static void length_and_characters(void **state)
{
	(void)state;
	assert_int_equal(check(""), YZ_ID_EMPTY);
	assert_int_equal(check("   "), YZ_ID_EMPTY);
	assert_int_equal(check(NULL), YZ_ID_EMPTY);
	assert_int_equal(check("11010519491231002"), YZ_ID_LENGTH);
	assert_int_equal(check("11010519491231002X1"), YZ_ID_LENGTH);
	assert_int_equal(check("1101051949123100AX"), YZ_ID_CHARS);
	assert_int_equal(check("abcdefghijklmnopqr"), YZ_ID_CHARS);
	assert_int_equal(check("1101051949X231002X"), YZ_ID_CHARS); /* X not last */
	assert_int_equal(check("110105 19491231002X"), YZ_ID_CHARS);
	assert_int_equal(check("11010549123100X"), YZ_ID_CHARS);
	char longer[300];
	memset(longer, '1', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	assert_int_equal(check(longer), YZ_ID_CHARS);
}

static void every_status_has_a_message(void **state)
{
	(void)state;
	for (int st = YZ_ID_OK; st <= YZ_ID_CHECKSUM; st++) {
		const char *msg = yz_idcard_message((yz_id_status)st);
		assert_non_null(msg);
		assert_true(strlen(msg) > 10);
		for (int other = YZ_ID_OK; other < st; other++)
			assert_string_not_equal(msg, yz_idcard_message((yz_id_status)other));
	}
}

static void masking(void **state)
{
	(void)state;
	char out[19];
	yz_idcard_mask("11010519491231002X", out);
	assert_string_equal(out, "110105********002X");
	yz_idcard_mask("1234567890", out);
	assert_string_equal(out, "123456********7890");
	yz_idcard_mask("123456789", out);
	assert_string_equal(out, "*********");
	yz_idcard_mask("", out);
	assert_string_equal(out, "");
	yz_idcard_mask(NULL, out);
	assert_string_equal(out, "");
}

int run_idcard_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_numbers),
	    cmocka_unit_test(lower_x_and_spaces_normalised),
	    cmocka_unit_test(wrong_check_digit),
	    cmocka_unit_test(birth_dates),
	    cmocka_unit_test(old_fifteen_digit),
	    cmocka_unit_test(region_codes),
	    cmocka_unit_test(length_and_characters),
	    cmocka_unit_test(every_status_has_a_message),
	    cmocka_unit_test(masking),
	};
	return cmocka_run_group_tests_name("idcard", tests, NULL, NULL);
}
