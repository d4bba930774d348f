/* Wrapping for the screen (tui_wrap in src/tui/draw.c): English breaks at
 * spaces and never inside a word, Chinese between any two characters but never
 * before a closing punctuation mark, a word longer than the line is cut with
 * its rest on the next line: nothing is lost. Chinese as \u escapes. */
#include "tests.h"

#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

/* s wrapped at w columns, the lines joined by "|". */
static char *wrapped(const char *s, int w)
{
	char *out = calloc(1, strlen(s) * 2 + 64);
	assert_non_null(out);
	while (*s) {
		size_t shown, next = tui_wrap(s, w, &shown);
		assert_true(next > 0);
		assert_true(shown <= next);
		if (*out)
			strcat(out, "|");
		strncat(out, s, shown);
		s += next;
	}
	return out;
}

static void eq(const char *s, int w, const char *want)
{
	char *got = wrapped(s, w);
	assert_string_equal(got, want);
	free(got);
}

static void test_english(void **state)
{
	(void)state;
	eq("Enter starts a new line, Up/Down move by line, Tab goes to the next field", 20,
	   "Enter starts a new|line, Up/Down move|by line, Tab goes to|the next field");
	eq("short", 20, "short");
	eq("two  spaces here", 6, "two|spaces|here");
	eq("a verylongwordthatdoesnotfit end", 8, "a|verylong|wordthat|doesnotf|it end");
	eq("line one\nline two", 40, "line one|line two");
}

static void test_chinese(void **state)
{
	(void)state;
	/* 4 characters a line of 8 columns; the comma never starts a line. */
	eq("\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b", 8,
	   "\u4e00\u4e8c\u4e09\u56db|\u4e94\u516d\u4e03\u516b");
	eq("\u4e00\u4e8c\u4e09\u56db\uff0c\u4e94\u516d", 8,
	   "\u4e00\u4e8c\u4e09|\u56db\uff0c\u4e94\u516d");
	/* Chinese beside English: a break between them, never inside the word. */
	eq("\u53d1\u751f\u5730\u70b9 is full", 10, "\u53d1\u751f\u5730\u70b9|is full");
}

int run_wrap_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_english),
	    cmocka_unit_test(test_chinese),
	};
	return cmocka_run_group_tests_name("wrapping", tests, NULL, NULL);
}
