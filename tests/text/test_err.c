/* Errors: a code and a message in one yz_err. */
#include <string.h>

#include "tests.h"
#include "yizhan/text.h"

static void zero_is_no_error(void **state)
{
	(void)state;
	yz_err a = {0}, b = {{0}};
	assert_int_equal(a.code, YZ_ERR_NONE);
	assert_int_equal(b.code, YZ_ERR_NONE);
	assert_string_equal(a.msg, "");
	assert_string_equal(yz_err_code_name(YZ_ERR_NONE), "none");
}

static void set_with_and_without_code(void **state)
{
	(void)state;
	yz_err err = {0};
	yz_err_setc(&err, YZ_ERR_DISK_FULL, "disk %s", "full");
	assert_int_equal(err.code, YZ_ERR_DISK_FULL);
	assert_string_equal(err.msg, "disk full");
	assert_string_equal(yz_err_code_name(err.code), "disk_full");
	/* the plain setter still works, with the generic code */
	yz_err_set(&err, "%d apples", 3);
	assert_int_equal(err.code, YZ_ERR_FAILED);
	assert_string_equal(err.msg, "3 apples");
	yz_err_clear(&err);
	assert_int_equal(err.code, YZ_ERR_NONE);
	assert_string_equal(err.msg, "");
	/* NULL is allowed everywhere */
	yz_err_setc(NULL, YZ_ERR_IO, "x");
	yz_err_set(NULL, "x");
	yz_err_clear(NULL);
}

/* A message cut at the buffer's end never ends in half a character, and keeps
 * its code. */
static void long_message_cut_whole(void **state)
{
	(void)state;
	char text[2000] = "";
	for (int i = 0; i < 300; i++)
		strcat(text, HAN_ZHANG);
	yz_err err = {0};
	yz_err_setc(&err, YZ_ERR_PRINTER, "x%s", text);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	size_t n = strlen(err.msg);
	assert_true(n < sizeof err.msg);
	assert_int_equal((n - 1) % 3, 0); /* "x" and whole three-byte characters */
}

static void every_code_has_a_name(void **state)
{
	(void)state;
	for (int c = YZ_ERR_NONE; c <= YZ_ERR_INTERNAL; c++)
		assert_string_not_equal(yz_err_code_name((yz_errcode)c), "?");
	assert_string_equal(yz_err_code_name((yz_errcode)(YZ_ERR_INTERNAL + 1)), "?");
	assert_string_equal(yz_err_code_name((yz_errcode)-1), "?");
}

int run_err_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(zero_is_no_error),
	    cmocka_unit_test(set_with_and_without_code),
	    cmocka_unit_test(long_message_cut_whole),
	    cmocka_unit_test(every_code_has_a_name),
	};
	return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
