/* Pinyin keys of polyphonic names (issue 13): every combination of the
 * readings' initials, the surname's reading first, none dropped by a cap; a
 * name with more combinations than are kept is keyed by its leading
 * characters and marked, so the search confirms the rest on the name. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "yizhan/text.h"

#define DAN   "\u5355" /* dan, chan, shan */
#define ZHONG "\u91cd" /* zhong, chong */
#define CHAO  "\u671d" /* chao, zhao */
#define CHA   "\u67e5" /* cha, zha */
#define CHUAN "\u4f20" /* chuan, zhuan */
#define WEI   "\u5c09" /* wei, yu */
#define CHI   "\u8fdf" /* chi */
#define CHANG "\u957f" /* chang, zhang */
#define LE    "\u4e50" /* le, yue */

static char buf[1 << 16];

/* Is word one of the space-separated keys? */
static bool has_key(const char *keys, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = keys; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, word, n) == 0)
			return true;
		p += len + (e ? 1 : 0);
	}
	return false;
}

/* The surname's reading comes first: the first key is how the name is read. */
static void test_surname_first(void **state)
{
	static const struct {
		const char *name, *first;
	} cases[] = {
	    {DAN ZHONG CHAO, "szc"},     /* shan zhong chao */
	    {CHA CHAO ZHONG, "zcz"},     /* zha chao zhong */
	    {DAN CHAO CHUAN, "scc"},     /* shan chao chuan */
	    {WEI CHI DAN ZHONG, "ycdz"}, /* yu chi dan zhong */
	    {DAN CHANG LE, "s"},         /* shan ... */
	    {ZHONG DAN, "cd"},           /* chong dan: zhong is no surname reading */
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_true(yz_pinyin_keys(cases[i].name, 256, buf, sizeof buf) > 0);
		if (strncmp(buf, cases[i].first, strlen(cases[i].first)) != 0)
			fail_msg("keys of case %zu start \"%s\", not \"%s\"", i, buf,
			         cases[i].first);
	}
}

/* Six polyphonic characters: 3 x 2 x 2 x 2 x 2 x 2 = 96 combinations of
 * initials, every one kept (zh/ch/sh stand as z/c/s in a key). */
static void test_every_combination(void **state)
{
	static const char *const sets[] = {"dcs", "zc", "cz", "cz", "cz", "ly"};
	char k[8] = "";
	size_t n;

	(void)state;
	n = yz_pinyin_keys(DAN ZHONG CHAO CHUAN CHANG LE, 256, buf, sizeof buf);
	assert_int_equal(n, 96);
	for (int c = 0; c < 96; c++) {
		int rest = c;
		for (int i = 0; i < 6; i++) {
			int m = (int)strlen(sets[i]);
			k[i] = sets[i][rest % m];
			rest /= m;
		}
		k[6] = '\0';
		if (!has_key(buf, k))
			fail_msg("key %s missing from %s", k, buf);
	}
	/* The five names of the issue have all of theirs. */
	assert_int_equal(yz_pinyin_keys(DAN ZHONG CHAO, 256, buf, sizeof buf), 12);
	assert_true(has_key(buf, "szc") && has_key(buf, "dcz") && has_key(buf, "ccc"));
	assert_int_equal(yz_pinyin_keys(WEI CHI DAN ZHONG, 256, buf, sizeof buf), 12);
	assert_true(has_key(buf, "ycdz") && has_key(buf, "wcsc"));
	assert_int_equal(yz_pinyin_keys(DAN CHANG LE, 256, buf, sizeof buf), 12);
	assert_true(has_key(buf, "scl") && has_key(buf, "dzy"));
}

/* More combinations than max_keys: the keys cover the leading characters
 * whose combinations fit, all of them, each marked with '{' (the search then
 * checks the rest of the name); nothing is dropped at random. */
static void test_many_characters(void **state)
{
	char name[256] = "";
	size_t n, len = 0;

	(void)state;
	for (int i = 0; i < 20; i++)
		strcat(name, i % 2 ? ZHONG : CHAO);
	n = yz_pinyin_keys(name, 256, buf, sizeof buf);
	/* 2^8 = 256 combinations of the first eight characters. */
	assert_int_equal(n, 256);
	for (const char *p = buf; *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		assert_int_equal(p[l - 1], '{');
		if (len == 0)
			len = l;
		assert_int_equal(l, len);
		p += l + (e ? 1 : 0);
	}
	assert_int_equal(len, 9);
	assert_true(has_key(buf, "czczczcz{") && has_key(buf, "zzzzzzzz{"));
	/* A buffer too small for them all keys fewer characters, never fewer
	 * readings. */
	n = yz_pinyin_keys(name, 256, buf, 64);
	assert_true(n > 0 && n < 256);
	assert_int_equal(buf[strcspn(buf, " ") - 1], '{');
	/* A name whose combinations fit is not marked. */
	assert_int_equal(yz_pinyin_keys(CHAO ZHONG, 256, buf, sizeof buf), 4);
	assert_null(strchr(buf, '{'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_surname_first),
	    cmocka_unit_test(test_every_combination),
	    cmocka_unit_test(test_many_characters),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests_name("pinyin13", tests, NULL, NULL) ? 1 : 0;
}
