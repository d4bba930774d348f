/* Field validation: every type with valid, invalid and edge values, and the
 * message the clerk sees (in English here: no translation applies). */
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static yz_field_def field(yz_field_type t, const char *label)
{
	return (yz_field_def){.id = "f", .label = (char *)label, .type = t};
}

/* Asserts that value is valid for f. */
static void ok(const yz_field_def *f, const char *value)
{
	yz_err err = {{0}};
	bool valid = yz_field_validate(f, value, TODAY, &err);

	if (!valid)
		print_message("unexpected error for '%s': %s\n", value ? value : "(null)", err.msg);
	assert_true(valid);
}

/* Asserts that value is refused with a message starting "<label>: " and
 * containing part. */
static void bad(const yz_field_def *f, const char *value, const char *part)
{
	yz_err err = {{0}};
	bool valid = yz_field_validate(f, value, TODAY, &err);

	if (valid || strstr(err.msg, part) == NULL)
		print_message("value '%s': got \"%s\", want \"%s\"\n", value, err.msg, part);
	assert_false(valid);
	assert_non_null(strstr(err.msg, part));
	assert_int_equal(strncmp(err.msg, f->label, strlen(f->label)), 0);
	assert_int_equal(strncmp(err.msg + strlen(f->label), ": ", 2), 0);
}

static void test_required(void **state)
{
	yz_field_def f = field(YZ_FIELD_TEXT, "Note");

	(void)state;
	ok(&f, NULL);
	ok(&f, "");
	ok(&f, "   ");
	f.required = true;
	bad(&f, NULL, "this is required; please fill it in");
	bad(&f, "", "this is required");
	bad(&f, " \t", "this is required");
	bad(&f, "\u3000", "this is required"); /* ideographic space */
	f.type = YZ_FIELD_IDCARD;
	bad(&f, "", "this is required");
}

static void test_text(void **state)
{
	yz_field_def f = field(YZ_FIELD_TEXT, "Place");
	char long_ascii[62], cjk[31 * 3 + 1] = "";

	(void)state;
	memset(long_ascii, 'a', 60);
	long_ascii[60] = '\0';
	ok(&f, "Building 3, unit 2");
	ok(&f, long_ascii); /* exactly the default width, 60 */
	long_ascii[60] = 'a';
	long_ascii[61] = '\0';
	bad(&f, long_ascii, "too long; at most 60 columns");
	for (int i = 0; i < 30; i++)
		strcat(cjk, "\u5c45"); /* 30 CJK characters = 60 columns */
	ok(&f, cjk);
	strcat(cjk, "\u5c45");
	bad(&f, cjk, "at most 60 columns (a Chinese character takes 2)");
	f.width = 4;
	ok(&f, "\u5c45\u4f4f");
	bad(&f, "\u5c45\u4f4fa", "at most 4 columns");
	bad(&f, "two\nlines", "write it on one line");
	bad(&f, "bell\a", "remove the control characters");
	bad(&f, "esc\x1b[31m", "remove the control characters");
	bad(&f, "c1\xc2\x9b", "remove the control characters");
	bad(&f, "bad\xff", "not UTF-8");
	bad(&f, "\xe5\xb1", "not UTF-8"); /* truncated character */
}

static void test_name(void **state)
{
	yz_field_def f = field(YZ_FIELD_NAME, "Name");
	char thirty[31 * 3 + 1] = "";

	(void)state;
	ok(&f, "\u5f20\u4e09");                   /* Zhang San */
	ok(&f, "\u5f20");                         /* one character */
	ok(&f, "\u738b\U00020BB7");               /* Wang + U+20BB7 (Ext-B) */
	ok(&f, "\u9648\U0002A6A5");               /* Ext-C */
	ok(&f, "\u674e\u3400");                   /* Ext-A */
	ok(&f, "\u53e4\u4e3d\u00b7\u827e\u529b"); /* Guli U+00B7 Aili */
	ok(&f, "\u827e\u529b\u00b7\u4e70\u4e70\u63d0\u00b7\u5410\u5c14\u900a"); /* two dots */
	ok(&f, "John Smith");
	ok(&f, "Jos\u00e9 Garc\u00eda");
	ok(&f, "Anna\u00b7Maria");
	bad(&f, "\u5f20\u4e093", "a name has no digits");
	bad(&f, "\u5f20\uff13", "a name has no digits"); /* full-width digit */
	bad(&f, "\u53e4\u4e3d\u2022\u827e\u529b",
	    "write the dot in a name as the middle dot");        /* • */
	bad(&f, "\u53e4\u4e3d\u30fb\u827e\u529b", "middle dot"); /* katakana middle dot */
	bad(&f, "\u53e4\u4e3d.\u827e\u529b", "middle dot");
	bad(&f, "\u00b7\u827e\u529b", "stands between two parts of the name");
	bad(&f, "\u827e\u529b\u00b7", "stands between two parts");
	bad(&f, "\u827e\u00b7\u00b7\u529b", "stands between two parts");
	bad(&f, "\u5f20 \u4e09", "a space may only stand between two words of a foreign name");
	bad(&f, " John", "a space may only");
	bad(&f, "John  Smith", "a space may only");
	bad(&f, "\u5f20\u4e09!", "only contain Chinese characters, letters and the middle dot");
	bad(&f, "\u5f20(\u4e09)", "only contain Chinese characters");
	bad(&f, "\u5f20\n\u4e09", "write it on one line");
	for (int i = 0; i < 30; i++)
		strcat(thirty, "\u5f20");
	ok(&f, thirty);
	strcat(thirty, "\u5f20");
	bad(&f, thirty, "at most 30 characters");
	f.width = 4;
	ok(&f, "\u5f20\u4e09");
	bad(&f, "\u5f20\u4e09\u4e30", "at most 4 columns");
}

static void make_id(char out[19], const char *d17)
{
	memcpy(out, d17, 17);
	out[17] = yz_idcard_check_char(d17);
	out[18] = '\0';
}

static void test_idcard(void **state)
{
	yz_field_def f = field(YZ_FIELD_IDCARD, "ID number");
	yz_field_def r = field(YZ_FIELD_RESIDENT, "Applicant");
	char id[19], wrong[19], lower[19], future[19];

	(void)state;
	make_id(id, "11010519491231002");
	assert_int_equal(id[17], 'X');
	ok(&f, id);
	ok(&r, id);
	memcpy(lower, id, 19);
	lower[17] = 'x';
	ok(&f, lower);
	memcpy(wrong, id, 19);
	wrong[17] = '1';
	bad(&f, wrong, yz_idcard_message(YZ_ID_CHECKSUM));
	bad(&r, wrong, yz_idcard_message(YZ_ID_CHECKSUM));
	bad(&f, "110105491231002", yz_idcard_message(YZ_ID_OLD15));
	bad(&f, "1101051949123100", yz_idcard_message(YZ_ID_LENGTH));
	make_id(id, "11010519490230002"); /* 30 February */
	bad(&f, id, yz_idcard_message(YZ_ID_BIRTH_INVALID));
	make_id(future, "11010520250616002"); /* the day after TODAY */
	bad(&f, future, yz_idcard_message(YZ_ID_BIRTH_FUTURE));
	make_id(future, "11010520250615002"); /* born today */
	ok(&f, future);
}

static void test_phone(void **state)
{
	yz_field_def f = field(YZ_FIELD_PHONE, "Phone");
	const char *good[] = {"13812345678", "19912345678", "010-12345678",  "0571-8765432",
	                      "01012345678", "05718765432", "0755-88889999", NULL};
	const char *wrong[] = {"12812345678",   "1381234567",
	                       "138123456789",  "+8613812345678",
	                       "138-1234-5678", "010-123456",
	                       "010-123456789", "01-12345678",
	                       "00000-1234567", "010--12345678",
	                       "12345678",      "0101234567a",
	                       "2012345678",    NULL};

	(void)state;
	for (size_t i = 0; good[i]; i++)
		ok(&f, good[i]);
	for (size_t i = 0; wrong[i]; i++)
		bad(&f, wrong[i], "write a mobile number (11 digits starting with 1)");
}

static void test_date(void **state)
{
	yz_field_def f = field(YZ_FIELD_DATE, "Since");

	(void)state;
	ok(&f, "2019-03-01");
	ok(&f, "2024-02-29");
	ok(&f, "2030-01-01"); /* the future is fine unless not_future */
	bad(&f, "2023-02-29", "not a real date; write it as YYYY-MM-DD");
	bad(&f, "2019/03/01", "not a real date");
	bad(&f, "yesterday", "not a real date");
	bad(&f, "2019-13-01", "not a real date");
	f.not_future = true;
	ok(&f, "2025-06-15"); /* today */
	bad(&f, "2025-06-16", "the date is in the future (today is 2025-06-15)");
}

static void test_choice(void **state)
{
	char *opts[] = {"Apple", "Apricot", "Banana", "\u5176\u4ed6"};
	yz_field_def f = field(YZ_FIELD_CHOICE, "Fruit");

	(void)state;
	f.options = opts;
	f.n_options = 4;
	ok(&f, "Banana");
	ok(&f, "\u5176\u4ed6");
	bad(&f, "banana", "choose one of the listed options");
	bad(&f, "3", "choose one of the listed options"); /* numbers are resolved by the editor */
	bad(&f, "Banana ", "choose one");
	assert_string_equal(yz_field_choice_resolve(&f, "3"), "Banana");
	assert_string_equal(yz_field_choice_resolve(&f, "1"), "Apple");
	assert_string_equal(yz_field_choice_resolve(&f, "4"), "\u5176\u4ed6");
	assert_null(yz_field_choice_resolve(&f, "0"));
	assert_null(yz_field_choice_resolve(&f, "5"));
	assert_null(yz_field_choice_resolve(&f, "ap")); /* Apple or Apricot */
	assert_string_equal(yz_field_choice_resolve(&f, "apr"), "Apricot");
	assert_string_equal(yz_field_choice_resolve(&f, "BAN"), "Banana");
	assert_string_equal(yz_field_choice_resolve(&f, "\u5176"), "\u5176\u4ed6");
	assert_null(yz_field_choice_resolve(&f, ""));
	assert_null(yz_field_choice_resolve(&f, NULL));
	assert_null(yz_field_choice_resolve(&f, "x"));
	f.type = YZ_FIELD_TEXT;
	assert_null(yz_field_choice_resolve(&f, "1"));
}

static void test_yesno(void **state)
{
	yz_field_def f = field(YZ_FIELD_YESNO, "Reply");

	(void)state;
	ok(&f, "yes");
	ok(&f, "no");
	bad(&f, "Yes", "answer yes or no");
	bad(&f, "y", "answer yes or no");
	bad(&f, "1", "answer yes or no");
}

static void test_memo(void **state)
{
	yz_field_def f = field(YZ_FIELD_MEMO, "Content");
	char line[62];

	(void)state;
	ok(&f, "first line\nsecond line\n\nfourth");
	ok(&f, "ends with a newline\n");
	memset(line, 'm', 60);
	line[60] = '\0';
	ok(&f, line);
	/* A memo wraps in its box: the width holds no line back; its capacity
	 * in characters does ('\n' counts one). */
	f.width = 10;
	ok(&f, "short\n0123456789a");
	ok(&f, "\u5c45\u4f4f\u5c45\u4f4f\u5c45\u4f4f");
	f.max_chars = 5;
	ok(&f, "\u5c45\u4f4f\n\u5c45\u4f4f");
	bad(&f, "\u5c45\u4f4f\u5c45\n\u4f4f\u5c45", "at most 5 characters (it has 6)");
	f.max_chars = 0; /* the default: YZ_MEMO_MAX_CHARS */
	char *big = malloc(YZ_MEMO_MAX_CHARS * 3 + 4);
	assert_non_null(big);
	big[0] = '\0';
	for (int i = 0; i < YZ_MEMO_MAX_CHARS; i++)
		strcat(big, "\u5c45");
	ok(&f, big);
	strcat(big, "a");
	bad(&f, big, "too long");
	free(big);
	bad(&f, "tab\there", "remove the control characters");
	bad(&f, "cr\r\n", "remove the control characters");
	bad(&f, "\xc0\x80", "not UTF-8"); /* overlong NUL */
}

const struct CMUnitTest validate_tests[] = {
    cmocka_unit_test(test_required), cmocka_unit_test(test_text),  cmocka_unit_test(test_name),
    cmocka_unit_test(test_idcard),   cmocka_unit_test(test_phone), cmocka_unit_test(test_date),
    cmocka_unit_test(test_choice),   cmocka_unit_test(test_yesno), cmocka_unit_test(test_memo),
};
const size_t n_validate_tests = sizeof validate_tests / sizeof *validate_tests;
