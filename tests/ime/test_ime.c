/* Pinyin input (issue 15): the real module, the real librime and Debian's
 * Luna Pinyin data, a new station folder for each test (its "rime" folder is
 * the user dir). The module is found through $YIZHAN_IME_MODULE, which meson
 * sets for every test (yz_tree_vars). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "yizhan/ime.h"

typedef struct station {
	char home[64];    /* the station's data folder */
	char rime[96];    /* its rime folder, the user dir */
	yz_ime *ime;      /* open on it */
	char typed[1024]; /* everything committed so far, as a field would hold it */
} station;

static void station_new(station *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->home, sizeof s->home, "/tmp/yz-ime.XXXXXX");
	assert_non_null(mkdtemp(s->home));
	snprintf(s->rime, sizeof s->rime, "%s/rime", s->home);
}

static void station_open(station *s)
{
	yz_err err = {{0}};
	s->ime = yz_ime_open(s->rime, &err);
	if (!s->ime)
		fail_msg("yz_ime_open: %s", err.msg);
}

/* One counter of the station. */
static void station_open_at(station *s, const char *counter)
{
	yz_err err = {{0}};
	s->ime = yz_ime_open_at(s->rime, counter, &err);
	if (!s->ime)
		fail_msg("yz_ime_open_at %s: %s", counter, err.msg);
}

static void station_close(station *s)
{
	yz_ime_close(s->ime);
	s->ime = NULL;
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	station *s = malloc(sizeof *s);
	station_new(s);
	station_open(s);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	station *s = *state;
	if (s->ime)
		station_close(s);
	nftw(s->home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(s);
	return 0;
}

/* One key; what it commits goes to s->typed. */
static yz_ime_result key(station *s, uint32_t k)
{
	char out[256];
	yz_ime_result r = yz_ime_key(s->ime, k, out, sizeof out);
	if (r == YZ_IME_COMMIT)
		strncat(s->typed, out, sizeof s->typed - strlen(s->typed) - 1);
	return r;
}

/* Every character of keys, as keys; each must be taken. */
static void type(station *s, const char *keys)
{
	for (const char *p = keys; *p; p++)
		assert_int_not_equal(key(s, (unsigned char)*p), YZ_IME_PASS);
}

/* The index of text on the page shown, -1 when absent. */
static int on_page(station *s, const char *text)
{
	const yz_ime_view *v = yz_ime_view_get(s->ime);
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->cand[i], text) == 0)
			return (int)i;
	return -1;
}

static const char *first(station *s)
{
	const yz_ime_view *v = yz_ime_view_get(s->ime);
	return v->n ? v->cand[0] : "";
}

/* Picks text on the page shown with its digit. */
static yz_ime_result pick(station *s, const char *text)
{
	int i = on_page(s, text);
	if (i < 0) {
		const yz_ime_view *v = yz_ime_view_get(s->ime);
		fail_msg("%s is not on the page of \"%s\" (first: %s)", text, v->preedit,
		         v->n ? v->cand[0] : "-");
	}
	return key(s, (uint32_t)('1' + i));
}

/* The page (0 = first) on which text shows, paging with '=' from the first;
 * -1 when not within max pages. Leaves the paging where it found it. */
static int page_of(station *s, const char *text, int max)
{
	int found = -1, pages = 0;
	for (; pages < max; pages++) {
		if (on_page(s, text) >= 0) {
			found = pages;
			break;
		}
		if (yz_ime_view_get(s->ime)->last_page)
			break;
		key(s, '=');
	}
	for (int i = 0; i < pages; i++)
		key(s, '-');
	return found;
}

/* A program that links the library maps nothing of librime until the
 * first open (run first, before any open in this process). */
static void test_not_mapped_before_open(void **state)
{
	(void)state;
	FILE *f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	char line[512];
	while (fgets(line, sizeof line, f))
		if (strstr(line, "librime") || strstr(line, "yizhan-ime.so"))
			fail_msg("mapped before yz_ime_open: %s", line);
	fclose(f);
}

/* ---- full, abbreviated, mixed pinyin ---------------------------------------- */

static void test_full_pinyin(void **state)
{
	station *s = *state;
	assert_false(yz_ime_composing(s->ime));
	type(s, "zhangsan");
	assert_true(yz_ime_composing(s->ime));
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "zhang san");
	assert_string_equal(first(s), "张三");
	assert_int_equal(key(s, ' '), YZ_IME_COMMIT); /* Space picks the highlighted */
	assert_string_equal(s->typed, "张三");
	assert_false(yz_ime_composing(s->ime));
	assert_int_equal(yz_ime_view_get(s->ime)->n, 0);
}

/* ' separates syllables; Space picks (it is not a separator): "zhang san"
 * typed with a space is 张 then "san" composing. */
static void test_separator_and_space(void **state)
{
	station *s = *state;
	type(s, "xi'an");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "xi'an");
	assert_string_equal(first(s), "西安");
	assert_int_equal(key(s, YZ_IME_K_ENTER), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "西安");

	s->typed[0] = '\0';
	type(s, "zhang san");
	assert_string_equal(s->typed, "张");
	assert_true(yz_ime_composing(s->ime));
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "san");
	assert_int_equal(pick(s, "三"), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "张三");
}

static void test_abbreviated_and_mixed(void **state)
{
	station *s = *state;
	type(s, "zs");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "z s");
	assert_true(on_page(s, "只是") >= 0);
	key(s, YZ_IME_K_ESC);
	/* a name: the surname first, then the given name */
	yz_ime_set_kind(s->ime, YZ_IME_NAME);
	type(s, "zs");
	assert_string_equal(first(s), "张");
	assert_int_equal(key(s, '1'), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "张");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "s");
	type(s, "an");
	assert_int_equal(pick(s, "三"), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "张三");

	/* mixed: a full syllable, an initial */
	yz_ime_set_kind(s->ime, YZ_IME_TEXT);
	s->typed[0] = '\0';
	type(s, "zhangs");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "zhang s");
	assert_int_equal(pick(s, "张三"), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "张三");
	yz_ime_set_kind(s->ime, YZ_IME_NAME);
	s->typed[0] = '\0';
	type(s, "zhangs");
	assert_string_equal(first(s), "张"); /* before 长孙: zhang s may be zhang san */
	assert_true(on_page(s, "长孙") >= 0);
}

/* A pick of a part leaves the rest composing; the pick of the rest types
 * the whole. */
static void test_partial_pick(void **state)
{
	station *s = *state;
	type(s, "xingfuli");
	assert_int_equal(pick(s, "幸福"), YZ_IME_USED);
	assert_string_equal(s->typed, "");
	assert_true(yz_ime_composing(s->ime));
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "幸福li");
	assert_int_equal(pick(s, "里"), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "幸福里");
	assert_false(yz_ime_composing(s->ime));
}

/* ---- keys --------------------------------------------------------------------- */

static void test_paging_and_picking(void **state)
{
	station *s = *state;
	type(s, "ji");
	const yz_ime_view *v = yz_ime_view_get(s->ime);
	assert_int_equal(v->n, YZ_IME_PAGE);
	assert_int_equal(v->page, 0);
	assert_int_equal(v->highlighted, 0);
	char page0[YZ_IME_PAGE][64];
	for (size_t i = 0; i < v->n; i++)
		snprintf(page0[i], sizeof page0[i], "%s", v->cand[i]);
	assert_int_equal(key(s, '='), YZ_IME_USED);
	v = yz_ime_view_get(s->ime);
	assert_int_equal(v->page, 1);
	assert_string_not_equal(v->cand[0], page0[0]);
	char p1[64];
	snprintf(p1, sizeof p1, "%s", v->cand[2]);
	key(s, '-');
	assert_int_equal(yz_ime_view_get(s->ime)->page, 0);
	key(s, '-'); /* no page before the first */
	assert_int_equal(yz_ime_view_get(s->ime)->page, 0);
	key(s, YZ_IME_K_PGDN);
	assert_int_equal(yz_ime_view_get(s->ime)->page, 1);
	key(s, YZ_IME_K_PGUP);
	key(s, YZ_IME_K_PGDN);
	/* a digit picks on the page shown */
	assert_int_equal(key(s, '3'), YZ_IME_COMMIT);
	assert_string_equal(s->typed, p1);
	/* Down moves the highlight; Enter picks it (the order is read again:
	 * the engine has learnt the character just picked) */
	s->typed[0] = '\0';
	type(s, "ji");
	v = yz_ime_view_get(s->ime);
	for (size_t i = 0; i < v->n; i++)
		snprintf(page0[i], sizeof page0[i], "%s", v->cand[i]);
	key(s, YZ_IME_K_DOWN);
	key(s, YZ_IME_K_DOWN);
	assert_int_equal(yz_ime_view_get(s->ime)->highlighted, 2);
	key(s, YZ_IME_K_UP);
	assert_int_equal(key(s, YZ_IME_K_ENTER), YZ_IME_COMMIT);
	assert_string_equal(s->typed, page0[1]);
	/* a digit with nothing there is taken, and nothing typed */
	s->typed[0] = '\0';
	type(s, "zhongguo");
	assert_string_equal(first(s), "中国");
	for (int i = 0; i < 500 && !yz_ime_view_get(s->ime)->last_page; i++)
		key(s, '=');
	assert_true(yz_ime_view_get(s->ime)->last_page);
	size_t n = yz_ime_view_get(s->ime)->n;
	if (n < YZ_IME_PAGE)
		assert_int_equal(key(s, (uint32_t)('1' + n)), YZ_IME_USED);
	assert_string_equal(s->typed, "");
}

static void test_backspace_esc(void **state)
{
	station *s = *state;
	type(s, "zhangx");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "zhang x");
	key(s, YZ_IME_K_BACKSPACE);
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "zhang");
	type(s, "san");
	assert_string_equal(first(s), "张三");
	for (int i = 0; i < 8; i++)
		assert_int_equal(key(s, YZ_IME_K_BACKSPACE), YZ_IME_USED);
	assert_false(yz_ime_composing(s->ime));
	/* nothing composed: the key is the field's */
	assert_int_equal(key(s, YZ_IME_K_BACKSPACE), YZ_IME_PASS);
	assert_int_equal(key(s, '5'), YZ_IME_PASS);
	assert_int_equal(key(s, 'A'), YZ_IME_PASS);
	assert_int_equal(key(s, ' '), YZ_IME_PASS);
	assert_int_equal(key(s, YZ_IME_K_ENTER), YZ_IME_PASS);
	/* Esc drops what is composed, and types nothing */
	type(s, "nihao");
	assert_int_equal(key(s, YZ_IME_K_ESC), YZ_IME_USED);
	assert_false(yz_ime_composing(s->ime));
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "");
	assert_string_equal(s->typed, "");
	/* Tab while composing is the caller's; the composition stays */
	type(s, "ni");
	assert_int_equal(key(s, '\t'), YZ_IME_PASS);
	assert_true(yz_ime_composing(s->ime));
	yz_ime_clear(s->ime);
	assert_false(yz_ime_composing(s->ime));
	/* with nothing to pick, Enter types the letters */
	type(s, "iphone");
	if (yz_ime_view_get(s->ime)->n == 0) {
		assert_int_equal(key(s, YZ_IME_K_ENTER), YZ_IME_COMMIT);
		assert_string_equal(s->typed, "iphone");
	}
}

/* Simplified characters out (luna_pinyin_simp: Luna's dictionary through
 * OpenCC's t2s). */
static void test_simplified(void **state)
{
	station *s = *state;
	type(s, "guojia");
	assert_string_equal(first(s), "国家");
	assert_int_equal(on_page(s, "國家"), -1);
	key(s, YZ_IME_K_ESC);
	type(s, "shequfuwu");
	assert_string_equal(first(s), "社区服务");
	key(s, YZ_IME_K_ESC);
	type(s, "dian");
	assert_true(on_page(s, "电") >= 0);
	assert_int_equal(on_page(s, "電"), -1);
}

/* ---- names ---------------------------------------------------------------------- */

static void test_name_compound_surnames(void **state)
{
	station *s = *state;
	yz_ime_set_kind(s->ime, YZ_IME_NAME);
	type(s, "ouyangxiaoyan");
	assert_string_equal(first(s), "欧阳");
	assert_int_equal(key(s, '1'), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "欧阳");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "xiao yan");
	/* the given name: the engine's order (晓燕 on its second page) */
	int p = page_of(s, "晓燕", 2);
	assert_true(p >= 0);
	for (int i = 0; i < p; i++)
		key(s, '=');
	assert_int_equal(pick(s, "晓燕"), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "欧阳晓燕");

	static const char *const compound[][2] = {
	    {"yuchi", "尉迟"},  {"zhangsun", "长孙"},  {"moqi", "万俟"},   {"sima", "司马"},
	    {"zhuge", "诸葛"},  {"shangguan", "上官"}, {"situ", "司徒"},   {"huangfu", "皇甫"},
	    {"linghu", "令狐"}, {"dongfang", "东方"},  {"xiahou", "夏侯"}, {"murong", "慕容"},
	    {"duanmu", "端木"}, {"ouyang", "欧阳"},    {"oyxy", "欧阳"},   {"yuwen", "宇文"},
	};
	for (size_t i = 0; i < sizeof compound / sizeof *compound; i++) {
		yz_ime_set_kind(s->ime, YZ_IME_NAME);
		type(s, compound[i][0]);
		if (strcmp(first(s), compound[i][1]) != 0)
			fail_msg("%s: %s first, not %s", compound[i][0], first(s), compound[i][1]);
	}
}

/* The polyphonic surnames under their surname reading, on the first page
 * (the engine ranks 单 84th under shan). */
static void test_name_polyphonic(void **state)
{
	station *s = *state;
	static const char *const poly[][2] = {
	    {"shan", "单"}, {"xie", "解"}, {"zeng", "曾"}, {"ou", "区"},  {"qiu", "仇"},
	    {"piao", "朴"}, {"zha", "查"}, {"ge", "盖"},   {"qin", "覃"},
	};
	for (size_t i = 0; i < sizeof poly / sizeof *poly; i++) {
		yz_ime_set_kind(s->ime, YZ_IME_NAME);
		type(s, poly[i][0]);
		if (on_page(s, poly[i][1]) < 0)
			fail_msg("%s not on the first page of %s", poly[i][1], poly[i][0]);
	}
	/* 单重朝: 单 first, the rest composing */
	yz_ime_set_kind(s->ime, YZ_IME_NAME);
	type(s, "shanzhongchao");
	assert_string_equal(first(s), "单");
	assert_int_equal(key(s, ' '), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "单");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "zhong chao");
	/* the given name: the engine's order, no surnames first */
	assert_string_not_equal(first(s), "钟");
	/* in free text the same letters are the engine's */
	yz_ime_set_kind(s->ime, YZ_IME_TEXT);
	type(s, "shan");
	assert_string_not_equal(first(s), "单");
}

/* ---- addresses -------------------------------------------------------------------- */

static void test_address_words(void **state)
{
	station *s = *state;
	static const char *const places[] = {"景福里", "解放路88号", "阳光小区", "桂花巷"};
	yz_err err = {{0}};
	assert_int_equal(yz_ime_set_words(s->ime, places, 4, &err), 0);
	yz_ime_set_kind(s->ime, YZ_IME_ADDRESS);
	type(s, "jfl");
	assert_string_equal(first(s), "景福里"); /* the station's, in its order */
	assert_int_equal(on_page(s, "解放路88号"), 1);
	assert_int_equal(key(s, '2'), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "解放路88号");
	/* full pinyin */
	s->typed[0] = '\0';
	type(s, "jiefanglu");
	assert_string_equal(first(s), "解放路88号");
	key(s, YZ_IME_K_ESC);
	/* the initials of a run inside a place: from there on */
	type(s, "xq");
	assert_string_equal(first(s), "小区");
	key(s, YZ_IME_K_ESC);
	type(s, "ghx");
	assert_string_equal(first(s), "桂花巷");
	key(s, YZ_IME_K_ESC);
	/* not in a text field */
	yz_ime_set_kind(s->ime, YZ_IME_TEXT);
	type(s, "ghx");
	assert_string_not_equal(first(s), "桂花巷");
}

/* A long address typed in one go: after a pick that covers only its start,
 * the rest is converted as usual (the places matching the rest first, then
 * the engine's), and the whole is typed into the field (issue 15: the bar
 * showed the station's other places after 西湖区 was picked). */
static const char *const long_places[] = {"上城区", "上塘路", "五常大道", "人民路", "文三路"};

static void test_address_rest_after_engine_pick(void **state)
{
	station *s = *state;
	yz_err err = {{0}};
	assert_int_equal(yz_ime_set_words(s->ime, long_places, 5, &err), 0);
	yz_ime_set_kind(s->ime, YZ_IME_ADDRESS);
	type(s, "xihuquwensanluhepingxincun");
	/* 西湖区 is the engine's (not a place here): its pick leaves the rest */
	assert_int_equal(pick(s, "西湖区"), YZ_IME_USED);
	assert_true(yz_ime_composing(s->ime));
	assert_string_equal(s->typed, "");
	const yz_ime_view *v = yz_ime_view_get(s->ime);
	assert_non_null(strstr(v->preedit, "西湖区wen"));
	/* the place matching the rest first, no other place */
	assert_string_equal(first(s), "文三路");
	assert_int_equal(on_page(s, "上城区"), -1);
	assert_int_equal(on_page(s, "上塘路"), -1);
	assert_int_equal(on_page(s, "人民路"), -1);
	/* the picked start and the place go into the field; the rest composes */
	assert_int_equal(pick(s, "文三路"), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "西湖区文三路");
	assert_true(yz_ime_composing(s->ime));
	v = yz_ime_view_get(s->ime);
	assert_string_equal(v->preedit, "he ping xin cun");
	assert_int_equal(pick(s, "和平新村"), YZ_IME_COMMIT);
	assert_false(yz_ime_composing(s->ime));
	assert_string_equal(s->typed, "西湖区文三路和平新村");
}

static void test_address_rest_after_place_pick(void **state)
{
	station *s = *state;
	static const char *const places[] = {"上城区", "西湖区", "人民路", "文三路"};
	yz_err err = {{0}};
	assert_int_equal(yz_ime_set_words(s->ime, places, 4, &err), 0);
	yz_ime_set_kind(s->ime, YZ_IME_ADDRESS);
	type(s, "xihuquwensanluhepingxincun");
	/* a place that starts the input is offered first */
	assert_string_equal(first(s), "西湖区");
	assert_int_equal(key(s, '1'), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "西湖区");
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "wen san lu he ping xin cun");
	assert_string_equal(first(s), "文三路");
	assert_int_equal(on_page(s, "上城区"), -1);
	assert_int_equal(key(s, ' '), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "西湖区文三路");
	/* the engine's candidates for the rest; an engine pick of a part of
	 * it, then the last */
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "he ping xin cun");
	assert_int_equal(pick(s, "和平"), YZ_IME_USED);
	assert_int_equal(on_page(s, "上城区"), -1);
	assert_int_equal(pick(s, "新村"), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "西湖区文三路和平新村");
	assert_false(yz_ime_composing(s->ime));
	/* a single character picked at the start: the rest converts as usual */
	s->typed[0] = '\0';
	type(s, "xihuquwensanlu");
	assert_int_equal(page_of(s, "洗", 10) >= 0, 1);
	while (on_page(s, "洗") < 0)
		key(s, '=');
	assert_int_equal(pick(s, "洗"), YZ_IME_USED);
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "洗hu qu wen san lu");
	assert_int_equal(on_page(s, "上城区"), -1);
	assert_int_equal(on_page(s, "西湖区"), -1);
	assert_int_not_equal(on_page(s, "湖区"), -1);
}

/* ---- learning --------------------------------------------------------------------- */

static void test_learning_per_station(void **state)
{
	station *s = *state;
	type(s, "xfl");
	assert_string_not_equal(first(s), "幸福里");
	key(s, YZ_IME_K_ESC);
	/* composed once, by picking its parts */
	type(s, "xingfu");
	assert_int_equal(pick(s, "幸福"), YZ_IME_COMMIT);
	type(s, "li");
	assert_int_equal(pick(s, "里"), YZ_IME_COMMIT);
	type(s, "xingfuli");
	assert_int_equal(pick(s, "幸福"), YZ_IME_USED);
	assert_int_equal(pick(s, "里"), YZ_IME_COMMIT);
	type(s, "xfl");
	assert_string_equal(first(s), "幸福里");
	/* after close and reopen */
	station_close(s);
	station_open(s);
	type(s, "xfl");
	assert_string_equal(first(s), "幸福里");
	station_close(s);
	/* another station has not learnt it */
	station other;
	station_new(&other);
	station_open(&other);
	type(&other, "xfl");
	assert_string_not_equal(first(&other), "幸福里");
	station_close(&other);
	nftw(other.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- learning at a station with several counters ----------------------------------- */

/* Without cmocka's asserts (they may not run in a forked child): the keys,
 * 0 when each was taken. */
static int type_c(station *s, const char *keys)
{
	for (const char *p = keys; *p; p++)
		if (key(s, (unsigned char)*p) == YZ_IME_PASS)
			return -1;
	return 0;
}

/* Picks text on the page shown: what yz_ime_key said, or -1 when absent. */
static int pick_c(station *s, const char *text)
{
	int i = on_page(s, text);
	return i < 0 ? -1 : (int)key(s, (uint32_t)('1' + i));
}

/* Teaches the engine a phrase of two parts, as test_learning_per_station
 * does (typed once by its parts, once whole picking the parts); then abbrev
 * (its initials) offers it first. 0 when it went so, else a step's number. */
static int teach(station *s, const char *p1, const char *w1, const char *p2, const char *w2,
                 const char *abbrev)
{
	char whole[64], both[64];
	snprintf(whole, sizeof whole, "%s%s", p1, p2);
	snprintf(both, sizeof both, "%s%s", w1, w2);
	if (type_c(s, abbrev) != 0 || strcmp(first(s), both) == 0)
		return 1; /* known before */
	key(s, YZ_IME_K_ESC);
	if (type_c(s, p1) != 0 || pick_c(s, w1) != YZ_IME_COMMIT)
		return 2;
	if (type_c(s, p2) != 0 || pick_c(s, w2) != YZ_IME_COMMIT)
		return 3;
	if (type_c(s, whole) != 0 || pick_c(s, w1) != YZ_IME_USED || pick_c(s, w2) != YZ_IME_COMMIT)
		return 4;
	if (type_c(s, abbrev) != 0 || strcmp(first(s), both) != 0)
		return 5;
	key(s, YZ_IME_K_ESC);
	return 0;
}

/* Whether abbrev offers text first at this station now (a new engine). */
static int offers_first(station *s, const char *counter, const char *abbrev, const char *text)
{
	yz_err err = {{0}};
	s->ime = yz_ime_open_at(s->rime, counter, &err);
	if (!s->ime)
		return 20;
	int rc = type_c(s, abbrev) != 0 ? 21 : strcmp(first(s), text) != 0 ? 22 : 0;
	station_close(s);
	return rc;
}

/* The other counter programs are this test program run again (a program
 * forked after librime ran inherits LevelDB's state without its thread):
 *   test_ime --counter RIME COUNTER UID GID WHAT
 * COUNTER "-": yz_ime_open's own id; UID 0: stays root; WHAT:
 *   teach-xfl      learn 幸福里
 *   first-xfl      xfl offers 幸福里 first (also first-hpl: 和平里)
 *   see-xfl-teach-hpl  both: xfl offers 幸福里, then learn 和平里
 * A WHAT starting with "wait-" first reads a byte on its input. The exit
 * status is 0, or the step that failed. */
static int counter_main(char **argv)
{
	station s;
	memset(&s, 0, sizeof s);
	snprintf(s.rime, sizeof s.rime, "%s", argv[0]);
	const char *counter = strcmp(argv[1], "-") == 0 ? NULL : argv[1];
	uid_t uid = (uid_t)atol(argv[2]);
	gid_t gid = (gid_t)atol(argv[3]);
	const char *what = argv[4];
	if (uid != 0 && (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0))
		return 30;
	umask(027); /* the counter program's */
	if (strncmp(what, "wait-", 5) == 0) {
		char c;
		if (read(0, &c, 1) != 1)
			return 31;
		what += 5;
	}
	yz_err err = {{0}};
	s.ime = yz_ime_open_at(s.rime, counter, &err);
	if (!s.ime) {
		fprintf(stderr, "%s\n", err.msg);
		return 32;
	}
	int rc = 33;
	if (strcmp(what, "teach-xfl") == 0)
		rc = teach(&s, "xingfu", "幸福", "li", "里", "xfl");
	else if (strcmp(what, "first-xfl") == 0)
		rc = type_c(&s, "xfl") != 0 || strcmp(first(&s), "幸福里") != 0 ? 34 : 0;
	else if (strcmp(what, "first-hpl") == 0)
		rc = type_c(&s, "hpl") != 0 || strcmp(first(&s), "和平里") != 0 ? 35 : 0;
	else if (strcmp(what, "see-xfl-teach-hpl") == 0) {
		rc = type_c(&s, "xfl") != 0 || strcmp(first(&s), "幸福里") != 0 ? 36 : 0;
		key(&s, YZ_IME_K_ESC);
		if (rc == 0)
			rc = teach(&s, "heping", "和平", "li", "里", "hpl");
	}
	station_close(&s);
	return rc;
}

/* Starts a counter program (counter_main) on s; with go, its input is a
 * pipe whose writing end is *go. */
static pid_t counter_start(station *s, const char *counter, uid_t uid, gid_t gid, const char *what,
                           int *go)
{
	char u[16], g[16];
	snprintf(u, sizeof u, "%u", (unsigned)uid);
	snprintf(g, sizeof g, "%u", (unsigned)gid);
	int fds[2] = {-1, -1};
	if (go)
		assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (go) {
			dup2(fds[0], 0);
			close(fds[0]);
			close(fds[1]);
		}
		execl("/proc/self/exe", "test_ime", "--counter", s->rime, counter, u, g, what,
		      (char *)NULL);
		_exit(127);
	}
	if (go) {
		close(fds[0]);
		*go = fds[1];
	}
	return pid;
}

/* The counter program's exit status, asserted 0. */
static void counter_ok(pid_t pid)
{
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st) != 0)
		fail_msg("the other counter program failed at step %d", WEXITSTATUS(st));
}

/* Counter 1 learns 幸福里 and closes; counter 2, opened afterwards, offers it
 * first for xfl. Learnt words are the station's: not another station's. */
static void test_counters_share_words(void **state)
{
	(void)state;
	station s;
	station_new(&s);
	station_open_at(&s, "counter-1");
	assert_int_equal(teach(&s, "xingfu", "幸福", "li", "里", "xfl"), 0);
	station_close(&s);
	station_open_at(&s, "counter-2");
	type(&s, "xfl");
	assert_string_equal(first(&s), "幸福里");
	station_close(&s);
	/* counter 1 still has it */
	assert_int_equal(offers_first(&s, "counter-1", "xfl", "幸福里"), 0);
	/* not at another station */
	station other;
	station_new(&other);
	station_open_at(&other, "counter-2");
	type(&other, "xfl");
	assert_string_not_equal(first(&other), "幸福里");
	station_close(&other);
	nftw(other.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	/* a counter's id is a folder's name: no path in it */
	yz_err err = {{0}};
	assert_null(yz_ime_open_at(s.rime, "../x", &err));
	assert_int_equal(err.code, YZ_ERR_INVALID);
}

/* Two programs of one station at the same time (here: of the same counter,
 * the same OS account, as yz_ime_open names it): both type, and what the
 * second learnt is the station's once it closed (it used to learn nothing:
 * librime's user dictionary was locked by the first). */
static void test_two_programs_at_once(void **state)
{
	(void)state;
	station s;
	station_new(&s);
	int go;
	pid_t pid = counter_start(&s, "-", 0, 0, "wait-teach-xfl", &go);
	station_open(&s); /* the first holds its folder all along */
	assert_int_equal(write(go, "1", 1), 1);
	close(go);
	for (int i = 0; i < 20; i++) { /* and types meanwhile */
		type(&s, "nihao");
		assert_int_equal(key(&s, ' '), YZ_IME_COMMIT);
	}
	counter_ok(pid);
	station_close(&s);
	/* the next program learns what the second learnt */
	station_open(&s);
	type(&s, "xfl");
	assert_string_equal(first(&s), "幸福里");
	station_close(&s);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* While a counter stays open, what it learnt goes to the station now and
 * then ($YIZHAN_IME_SYNC_SECONDS=0: after each learnt pick): a counter
 * opened meanwhile has it. */
static void test_words_given_while_open(void **state)
{
	(void)state;
	station s;
	station_new(&s);
	setenv("YIZHAN_IME_SYNC_SECONDS", "0", 1);
	station_open_at(&s, "counter-1");
	unsetenv("YIZHAN_IME_SYNC_SECONDS");
	assert_int_equal(teach(&s, "xingfu", "幸福", "li", "里", "xfl"), 0);
	counter_ok(counter_start(&s, "counter-2", 0, 0, "first-xfl", NULL));
	type(&s, "xfl"); /* the engine goes on after a sync */
	assert_string_equal(first(&s), "幸福里");
	station_close(&s);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Counters under different OS accounts of the station's group (its data
 * folder 2770, of that group): each sees what the others learnt and adds its
 * own. Needs root (to be other accounts); skipped else. */
static void test_accounts_of_the_group(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	struct group *g = getgrnam("nogroup");
	gid_t gid = g ? g->gr_gid : 65534;
	station s;
	station_new(&s);
	assert_int_equal(chown(s.home, 0, gid), 0);
	assert_int_equal(chmod(s.home, 02770), 0);
	station_open_at(&s, "counter-1");
	assert_int_equal(teach(&s, "xingfu", "幸福", "li", "里", "xfl"), 0);
	station_close(&s);
	/* another account sees 幸福里 and learns 和平里; a third has both */
	counter_ok(counter_start(&s, "counter-2", 65534, gid, "see-xfl-teach-hpl", NULL));
	counter_ok(counter_start(&s, "counter-3", 54321, gid, "first-hpl", NULL));
	counter_ok(counter_start(&s, "counter-3", 54321, gid, "first-xfl", NULL));
	/* the first account's counter gets 和平里 too */
	assert_int_equal(offers_first(&s, "counter-1", "hpl", "和平里"), 0);
	/* a counter id whose folder is another account's: a folder of its own */
	counter_ok(counter_start(&s, "counter-1", 54321, gid, "first-xfl", NULL));
	char path[256];
	snprintf(path, sizeof path, "%s/counter-1.2", s.rime);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_uid, 54321);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- rare characters ---------------------------------------------------------------- */

static void test_rare_by_pinyin(void **state)
{
	station *s = *state;
	/* Luna Pinyin lacks U+20BB7; the surname list has it under ji */
	yz_ime_set_kind(s->ime, YZ_IME_NAME);
	type(s, "ji");
	assert_int_equal(page_of(s, "\U00020BB7", 5), 0);
	int i = on_page(s, "\U00020BB7");
	assert_string_equal(yz_ime_view_get(s->ime)->comment[i], "");
	assert_int_equal(key(s, (uint32_t)('1' + i)), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "\U00020BB7");
	/* Ext-B characters the dictionary has carry their code point */
	yz_ime_set_kind(s->ime, YZ_IME_TEXT);
	type(s, "zhang");
	for (int p = 0; p < 6; p++) {
		const yz_ime_view *v = yz_ime_view_get(s->ime);
		for (size_t k = 0; k < v->n; k++)
			if ((unsigned char)v->cand[k][0] == 0xf0 && strlen(v->cand[k]) == 4)
				assert_memory_equal(v->comment[k], "U+2", 3);
		key(s, '=');
	}
}

/* A character by its strokes (h s p n z): 𠮷 is 一丨一丨乙一. */
static void test_rare_by_strokes(void **state)
{
	station *s = *state;
	type(s, "`hshszh");
	int i = on_page(s, "\U00020BB7");
	assert_true(i >= 0);
	assert_string_equal(yz_ime_view_get(s->ime)->comment[i], "U+20BB7");
	assert_int_equal(key(s, (uint32_t)('1' + i)), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "\U00020BB7");
	assert_false(yz_ime_composing(s->ime));
}

static void test_code_point(void **state)
{
	station *s = *state;
	type(s, "u+20bb7");
	const yz_ime_view *v = yz_ime_view_get(s->ime);
	assert_string_equal(v->preedit, "u+20bb7");
	assert_int_equal(v->n, 1);
	assert_string_equal(v->cand[0], "\U00020BB7");
	assert_string_equal(v->comment[0], "U+20BB7");
	assert_string_equal(v->note, "");
	assert_int_equal(key(s, ' '), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "\U00020BB7");
	assert_false(yz_ime_composing(s->ime));
	/* U+00B7, the dot of minority names */
	s->typed[0] = '\0';
	type(s, "u+B7");
	assert_int_equal(key(s, YZ_IME_K_ENTER), YZ_IME_COMMIT);
	assert_string_equal(s->typed, "\u00b7");
	/* refused, with a note: surrogate, unassigned, control, private use,
	 * format character, beyond U+10FFFF */
	static const char *const bad[] = {"u+d800", "u+378", "u+7", "u+e000", "u+200b", "u+110000"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		type(s, bad[i]);
		v = yz_ime_view_get(s->ime);
		if (v->n != 0 || !v->note[0])
			fail_msg("%s offers %zu candidates, note \"%s\"", bad[i], v->n, v->note);
		assert_int_equal(key(s, ' '), YZ_IME_USED);
		assert_int_equal(key(s, YZ_IME_K_ESC), YZ_IME_USED);
		assert_false(yz_ime_composing(s->ime));
	}
	/* Backspace edits the digits, then goes back to "u" */
	type(s, "u+4e");
	key(s, YZ_IME_K_BACKSPACE);
	key(s, YZ_IME_K_BACKSPACE);
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "u+");
	key(s, YZ_IME_K_BACKSPACE);
	assert_string_equal(yz_ime_view_get(s->ime)->preedit, "u");
	assert_string_equal(s->typed, "\u00b7");
}

/* ---- files --------------------------------------------------------------------------- */

static int bad_modes;
static char bad_path[512];

static int check_mode(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)type;
	(void)ftw;
	if (st->st_mode & 0027) {
		bad_modes++;
		snprintf(bad_path, sizeof bad_path, "%s %o", path, (unsigned)(st->st_mode & 07777));
	}
	return 0;
}

/* Whatever the umask, nothing the engine writes is for others. */
static void test_file_modes(void **state)
{
	(void)state;
	mode_t old = umask(022);
	station s;
	station_new(&s);
	station_open_at(&s, "counter-1");
	type(&s, "xingfu");
	pick(&s, "幸福");
	type(&s, "jiefanglu");
	key(&s, ' ');
	station_close(&s);
	umask(old);
	struct stat st;
	assert_int_equal(stat(s.rime, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	bad_modes = 0;
	nftw(s.rime, check_mode, 16, FTW_PHYS);
	if (bad_modes)
		fail_msg("%d files or folders open to others, e.g. %s", bad_modes, bad_path);
	/* the learnt words are there, and the counter's snapshot for the
	 * station's other counters */
	char db[160];
	snprintf(db, sizeof db, "%s/counter-1/luna_pinyin.userdb", s.rime);
	assert_int_equal(stat(db, &st), 0);
	snprintf(db, sizeof db, "%s/sync/counter-1/luna_pinyin.userdb.txt", s.rime);
	assert_int_equal(stat(db, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The mode of path, masked. */
static unsigned mode_of(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		fail_msg("%s is missing", path);
	return (unsigned)(st.st_mode & 07777);
}

/* At a station whose counters run under several OS accounts of its group
 * (its data folder is 2770), every account can make its counter folder in
 * the rime folder and add its words to the sync folder: both 2770, setgid so
 * that what is made in them is of the station's group. The rest stays the
 * owner's (0750 folders, 0640 files), the others read the snapshots. */
static void test_group_station_modes(void **state)
{
	(void)state;
	mode_t old = umask(022);
	station s;
	station_new(&s);
	assert_int_equal(chmod(s.home, 02770), 0);
	station_open_at(&s, "counter-1");
	type(&s, "xingfu");
	pick(&s, "幸福");
	station_close(&s);
	umask(old);
	char path[256];
	assert_int_equal(mode_of(s.rime), 02770);
	snprintf(path, sizeof path, "%s/sync", s.rime);
	assert_int_equal(mode_of(path), 02770);
	snprintf(path, sizeof path, "%s/counter-1", s.rime);
	assert_int_equal(mode_of(path) & 0777, 0750);
	snprintf(path, sizeof path, "%s/sync/counter-1", s.rime);
	assert_int_equal(mode_of(path) & 0777, 0750);
	assert_true(mode_of(path) & 02000); /* of the station's group */
	snprintf(path, sizeof path, "%s/sync/counter-1/luna_pinyin.userdb.txt", s.rime);
	assert_int_equal(mode_of(path), 0640);
	/* nothing but the two shared folders is open to the group's writing
	 * or to others */
	snprintf(path, sizeof path, "%s/counter-1", s.rime);
	bad_modes = 0;
	nftw(path, check_mode, 16, FTW_PHYS);
	snprintf(path, sizeof path, "%s/sync/counter-1", s.rime);
	nftw(path, check_mode, 16, FTW_PHYS);
	if (bad_modes)
		fail_msg("%d files or folders open to others, e.g. %s", bad_modes, bad_path);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Nothing on the terminal (stderr) and no log in /tmp, even on a deploy. */
static void test_quiet(void **state)
{
	(void)state;
	char log[] = "/tmp/yz-ime-stderr.XXXXXX";
	int fd = mkstemp(log);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(2);
	dup2(fd, 2);
	station s;
	station_new(&s);
	station_open(&s);
	type(&s, "nihao");
	key(&s, ' ');
	station_close(&s);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	close(fd);
	unlink(log);
	assert_int_equal(st.st_size, 0);
	DIR *d = opendir("/tmp");
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		if (strncmp(e->d_name, "rime.yizhan", 11) == 0)
			fail_msg("librime left /tmp/%s", e->d_name);
	closedir(d);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the module ------------------------------------------------------------------------ */

static void test_one_engine(void **state)
{
	station *s = *state;
	station t;
	station_new(&t);
	yz_err err = {{0}};
	assert_null(yz_ime_open(t.rime, &err));
	assert_int_equal(err.code, YZ_ERR_BUSY);
	nftw(t.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	type(s, "ni");
	assert_true(yz_ime_composing(s->ime));
}

static void test_module_missing(void **state)
{
	(void)state;
	const char *mod = getenv("YIZHAN_IME_MODULE");
	assert_non_null(mod);
	char keep[1024];
	snprintf(keep, sizeof keep, "%s", mod);
	station s;
	station_new(&s);
	yz_err err = {{0}};
	setenv("YIZHAN_IME_MODULE", "/nonexistent/yizhan-ime.so", 1);
	assert_null(yz_ime_open(s.rime, &err));
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "/nonexistent/yizhan-ime.so"));
	/* a module of another version of yizhan */
	const char *other = getenv("YZ_TEST_OTHER_MODULE");
	assert_non_null(other);
	setenv("YIZHAN_IME_MODULE", other, 1);
	yz_err_clear(&err);
	assert_null(yz_ime_open(s.rime, &err));
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "another version"));
	setenv("YIZHAN_IME_MODULE", keep, 1);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Without Luna Pinyin's data the clerk is told which Debian packages. */
static void test_data_missing(void **state)
{
	(void)state;
	station s;
	station_new(&s);
	yz_err err = {{0}};
	setenv("YIZHAN_RIME_SHARED_DIR", s.home, 1); /* a folder without the data */
	assert_null(yz_ime_open(s.rime, &err));
	unsetenv("YIZHAN_RIME_SHARED_DIR");
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "rime-data-luna-pinyin"));
	/* and nothing is left half-open: the real data opens */
	station_open(&s);
	station_close(&s);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A surname list that is not one is refused with the line, and so is one
 * too large to be a surname list. */
static void test_surnames_damaged(void **state)
{
	(void)state;
	station s;
	station_new(&s);
	char path[256], data[128];
	snprintf(data, sizeof data, "%s/data", s.home);
	assert_int_equal(mkdir(data, 0750), 0);
	snprintf(path, sizeof path, "%s/rime", data);
	assert_int_equal(mkdir(path, 0750), 0);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "cp '%s/data/rime/default.custom.yaml' '%s/'",
	         getenv("YIZHAN_DATADIR"), path);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/surnames.txt", data);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# a comment\n王 wang\n欧阳 ou\n", f); /* two characters, one syllable */
	fclose(f);
	char keep[1024];
	snprintf(keep, sizeof keep, "%s", getenv("YIZHAN_DATADIR"));
	setenv("YIZHAN_DATADIR", s.home, 1);
	yz_err err = {{0}};
	assert_null(yz_ime_open(s.rime, &err));
	assert_int_equal(err.code, YZ_ERR_DAMAGED);
	assert_non_null(strstr(err.msg, "line 3"));
	/* 300 KiB of good lines: over the limit */
	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 40000; i++)
		fputs("王 wang\n", f);
	fclose(f);
	yz_err_clear(&err);
	assert_null(yz_ime_open(s.rime, &err));
	assert_int_equal(err.code, YZ_ERR_DAMAGED);
	/* missing */
	unlink(path);
	yz_err_clear(&err);
	assert_null(yz_ime_open(s.rime, &err));
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	setenv("YIZHAN_DATADIR", keep, 1);
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The clerk's messages in Chinese (po/zh_CN.po). */
static void test_message_translated(void **state)
{
	(void)state;
	setenv("LANGUAGE", "zh_CN", 1);
	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain("yizhan", getenv("YIZHAN_LOCALEDIR"));
	bind_textdomain_codeset("yizhan", "UTF-8");
	station s;
	station_new(&s);
	yz_err err = {{0}};
	setenv("YIZHAN_IME_MODULE", "/nonexistent/yizhan-ime.so", 1);
	assert_null(yz_ime_open(s.rime, &err));
	assert_non_null(strstr(err.msg, "拼音"));
	nftw(s.home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	unsetenv("LANGUAGE");
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	if (argc == 7 && strcmp(argv[1], "--counter") == 0)
		return counter_main(argv + 2);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_not_mapped_before_open),
	    cmocka_unit_test_setup_teardown(test_full_pinyin, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_separator_and_space, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_abbreviated_and_mixed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_partial_pick, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_paging_and_picking, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_backspace_esc, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_simplified, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_name_compound_surnames, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_name_polyphonic, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_address_words, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_address_rest_after_engine_pick, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_address_rest_after_place_pick, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_learning_per_station, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rare_by_pinyin, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rare_by_strokes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_code_point, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_one_engine, setup, teardown),
	    cmocka_unit_test(test_counters_share_words),
	    cmocka_unit_test(test_two_programs_at_once),
	    cmocka_unit_test(test_words_given_while_open),
	    cmocka_unit_test(test_accounts_of_the_group),
	    cmocka_unit_test(test_file_modes),
	    cmocka_unit_test(test_group_station_modes),
	    cmocka_unit_test(test_quiet),
	    cmocka_unit_test(test_module_missing),
	    cmocka_unit_test(test_data_missing),
	    cmocka_unit_test(test_surnames_damaged),
	    cmocka_unit_test(test_message_translated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
