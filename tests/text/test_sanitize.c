/* Nothing from outside may drive the terminal or the printer. */
#include <stdlib.h>
#include <string.h>

#include "yizhan/text.h"
#include "tests.h"

/* Sanitises s and compares with want. */
static void check(const char *s, bool keep, const char *want)
{
	char *out = yz_text_sanitize(s, keep);
	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

static void removes_escapes(void **state)
{
	(void)state;
	check("a\x1B[31mred\x1B[0m", false, "ared");
	check("a\x1B[2J\x1B[1;1Hb", false, "ab");                         /* clear screen, home */
	check("x\x1B[?1049hy", false, "xy");                              /* private mode */
	check("\x1B]0;evil title\x07name", false, "name");                /* OSC with BEL */
	check("\x1B]8;;http://x\x1B\\link\x1B]8;;\x1B\\", false, "link"); /* OSC 8 with ST */
	check("a\x1BPdcs data\x1B\\b", false, "ab");                      /* DCS */
	check("a\x1B_apc\x1B\\b", false, "ab");                           /* APC */
	check("a\x1B^pm\x07"
	      "b",
	      false, "ab");             /* PM */
	check("a\x1B(Bb", false, "ab"); /* charset designation */
	check("a\x1B"
	      "7b\x1B"
	      "8c",
	      false, "abc"); /* save/restore cursor */
	check("a\x1B"
	      "cb",
	      false, "ab");                      /* full reset */
	check("a\x1B]0;never ends", false, "a"); /* unterminated OSC */
	check("a\x1B", false, "a");              /* lone ESC at end */
	check("\x1B[31", false, "");             /* truncated CSI */
}

static void removes_c1_and_controls(void **state)
{
	(void)state;
	check("a\xC2\x9B"
	      "31mb",
	      false, "ab"); /* C1 CSI */
	check("a\xC2\x9D"
	      "0;t\xC2\x9C"
	      "b",
	      false, "ab"); /* C1 OSC ... C1 ST */
	check("a\xC2\x85"
	      "b\xC2\x80"
	      "c\xC2\x9F",
	      false, "abc"); /* NEL, PAD, APC */
	check("a\x01\x02\x07\x08\x0D\x7F"
	      "b",
	      false, "ab");
	check("a\tb", false, "a b");
	check("l1\r\nl2", false, "l1l2");
	check("l1\r\nl2", true, "l1\nl2");
	check("a\x1D"
	      "V\x00"
	      "b",
	      false, "aV"); /* ESC/POS GS: GS dropped; NUL ends C string */
}

static void drops_invalid_keeps_text(void **state)
{
	(void)state;
	check("a\xFF"
	      "b\xC0\xAF"
	      "c\xED\xA0\x80"
	      "d",
	      false, "abcd");
	check(HAN_ZHANG EXTB_20000 MIDDOT HAN_SAN, false, HAN_ZHANG EXTB_20000 MIDDOT HAN_SAN);
	check("\xE5\xBC", false, "");
	check("", false, "");
	char *out = yz_text_sanitize(NULL, true);
	assert_string_equal(out, "");
	free(out);
}

int run_sanitize_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(removes_escapes),
	    cmocka_unit_test(removes_c1_and_controls),
	    cmocka_unit_test(drops_invalid_keeps_text),
	};
	return cmocka_run_group_tests_name("sanitize", tests, NULL, NULL);
}
