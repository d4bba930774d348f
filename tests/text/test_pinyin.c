/* The pinyin table generated from Unihan and the initials matcher: polyphonic
 * characters match every reading, zh/ch/sh count as one initial or two. Names
 * are written in Chinese here and turned into \u escapes by tools/uescape.py. */
#include <string.h>

#include "tests.h"
#include "yizhan/text.h"

#define BIT(c) (1u << ((c) - 'a'))

static void test_polyphonic_masks(void **state)
{
	(void)state;
	/* dan shan chan */
	uint32_t m = yz_pinyin_mask(0x5355);
	assert_true(m & BIT('d'));
	assert_true(m & BIT('s'));
	assert_true(m & BIT('c'));
	assert_true(m & YZ_PY_SH);
	assert_true(m & YZ_PY_CH);
	assert_false(m & BIT('z'));
	/* zhong chong */
	m = yz_pinyin_mask(0x91CD);
	assert_true((m & BIT('z')) && (m & BIT('c')) && (m & YZ_PY_ZH) && (m & YZ_PY_CH));
	/* chang zhang */
	m = yz_pinyin_mask(0x957F);
	assert_true((m & BIT('z')) && (m & BIT('c')) && (m & YZ_PY_ZH) && (m & YZ_PY_CH));
	/* xing hang */
	m = yz_pinyin_mask(0x884C);
	assert_true((m & BIT('x')) && (m & BIT('h')));
	/* le yue */
	m = yz_pinyin_mask(0x4E50);
	assert_true((m & BIT('l')) && (m & BIT('y')));
	assert_int_equal(yz_pinyin_primary(0x4E50), 'l');
	/* ceng zeng: no zh reading */
	m = yz_pinyin_mask(0x66FE);
	assert_true((m & BIT('z')) && (m & BIT('c')));
	assert_false(m & YZ_PY_ZH);
	assert_int_equal(yz_pinyin_primary(0x66FE), 'c');
	/* Deng: the archaic reading shan of kHanyuPinyin is left out. */
	assert_int_equal(yz_pinyin_mask(0x9093), BIT('d'));
	/* CJK Ext-B U+2A6A5 (zhe) is in the table; the middle dot is not. */
	assert_true(yz_pinyin_mask(0x2A6A5) & YZ_PY_ZH);
	assert_int_equal(yz_pinyin_mask(0xB7), 0);
	assert_int_equal(yz_pinyin_mask('Q'), BIT('q'));
}

static void test_match(void **state)
{
	bool exact = false;

	(void)state;
	assert_true(yz_pinyin_match("\u5f20\u4e09", "zs", &exact));
	assert_true(exact);
	assert_true(yz_pinyin_match("\u5f20\u4e09", "zhs", &exact) && exact);
	assert_true(yz_pinyin_match("\u5f20\u4e09", "ZS", &exact) && exact);
	assert_true(yz_pinyin_match("\u5f20\u4e09\u4e30", "zs", &exact));
	assert_false(exact);
	assert_false(yz_pinyin_match("\u5f20\u4e09", "zsf", NULL));
	assert_false(yz_pinyin_match("\u5f20\u4e09", "ls", NULL));
	assert_false(yz_pinyin_match("\u5f20\u4e09", "", NULL));
	/* Polyphonic: shan tian, dan tian, chan tian */
	assert_true(yz_pinyin_match("\u5355\u7530", "st", &exact) && exact);
	assert_true(yz_pinyin_match("\u5355\u7530", "dt", &exact) && exact);
	assert_true(yz_pinyin_match("\u5355\u7530", "sht", &exact) && exact);
	assert_true(yz_pinyin_match("\u5355\u7530", "cht", &exact) && exact);
	assert_false(yz_pinyin_match("\u5355\u7530", "zt", NULL));
	assert_true(yz_pinyin_match("\u66fe\u4e50", "zy", &exact) && exact);
	assert_true(yz_pinyin_match("\u66fe\u4e50", "cl", &exact) && exact);
	assert_false(yz_pinyin_match("\u66fe\u4e50", "zhl", NULL));
	assert_true(yz_pinyin_match("\u91cd\u884c", "chh", &exact) && exact);
	assert_true(yz_pinyin_match("\u91cd\u884c", "zhx", &exact) && exact);
	assert_true(yz_pinyin_match("\u957f\u4e50", "cl", &exact) && exact);
	assert_true(yz_pinyin_match("\u957f\u4e50", "zhy", &exact) && exact);
	/* Minority names: the middle dot is skipped. */
	assert_true(yz_pinyin_match("\u963f\u535c\u675c\u62c9\u00b7\u4e70\u4e70\u63d0", "abdlmmt",
	                            &exact) &&
	            exact);
	assert_true(
	    yz_pinyin_match("\u963f\u535c\u675c\u62c9\u00b7\u4e70\u4e70\u63d0", "abdlm", &exact) &&
	    !exact);
}

static void test_keys(void **state)
{
	char buf[256];

	(void)state;
	/* One letter per character (issue 13): zh/ch/sh count as z/c/s, the
	 * search tells them apart on the name. */
	assert_int_equal(yz_pinyin_keys("\u5f20\u4e09", 16, buf, sizeof buf), 1);
	assert_string_equal(buf, "zs");
	/* shan/dan/chan tian: the surname's reading first. */
	assert_int_equal(yz_pinyin_keys("\u5355\u7530", 16, buf, sizeof buf), 3);
	assert_string_equal(buf, "st dt ct");
	/* zeng/ceng x le/yue: four keys, the surname zeng first. */
	assert_int_equal(yz_pinyin_keys("\u66fe\u4e50", 16, buf, sizeof buf), 4);
	assert_string_equal(buf, "zl zy cl cy");
	/* Fewer wanted than there are: every reading of the first character,
	 * marked as going on, rather than some readings of both. */
	assert_int_equal(yz_pinyin_keys("\u66fe\u4e50", 2, buf, sizeof buf), 2);
	assert_string_equal(buf, "z{ c{");
	assert_int_equal(yz_pinyin_keys("\u00b7", 16, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	/* A small buffer never overflows. */
	assert_int_equal(yz_pinyin_keys("\u66fe\u4e50", 16, buf, 6), 2);
	assert_string_equal(buf, "z{ c{");
	assert_int_equal(yz_pinyin_keys("\u66fe\u4e50", 16, buf, 5), 0);
}

static void test_query_keys(void **state)
{
	char buf[256];

	(void)state;
	assert_int_equal(yz_pinyin_query_keys("zhs", 16, buf, sizeof buf), 2);
	assert_string_equal(buf, "zs zhs");
	assert_int_equal(yz_pinyin_query_keys("ZhSh", 16, buf, sizeof buf), 4);
	assert_string_equal(buf, "zs zsh zhs zhsh");
	assert_int_equal(yz_pinyin_query_keys("zs", 16, buf, sizeof buf), 1);
	assert_int_equal(yz_pinyin_query_keys("z3", 16, buf, sizeof buf), 0);
	assert_int_equal(yz_pinyin_query_keys("", 16, buf, sizeof buf), 0);
}

int run_pinyin_tests(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_polyphonic_masks),
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_keys),
	    cmocka_unit_test(test_query_keys),
	};
	return cmocka_run_group_tests_name("pinyin", tests, NULL, NULL);
}
