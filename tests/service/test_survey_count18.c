/* Issue 18, the counting of a survey on a hand-made response set whose every
 * figure is worked out by hand below. The survey (SURVEY, parsed with
 * yz_survey_parse) has a single choice (sex, the demographic question), a
 * multiple choice with "other" (svc), a scale (sat), a text asked only of
 * those dissatisfied (why: skip logic), a grid of two items (env) and a number
 * (kids); a paper is valid when sex is answered and at least half of the
 * questions it asks are. 22 papers are keyed through the service by the clerk
 * (the real station file, single entry): papers 1-20 valid, 21 without sex
 * (valid_if) and 22 with one answer of five (valid_answered) left out. 25
 * serials were issued.
 *
 *  #  sex svc     sat     why     env1 env2 kids  mode
 *  1  M   A B     good    -       G    G    0     self (1-10)
 *  2  M   A       good    -       G    M    1
 *  3  M   B C     fair    -       M    M    2
 *  4  M   A O     bad     noisy   B    B    0     (other: "road")
 *  5  M   -       good    -       G    -    -
 *  6  M   A B C   fair    -       M    G    3
 *  7  M   C       bad     nobody  -    B    1
 *  8  M   A       good    -       G    G    0
 *  9  F   B       good    -       G    M    2
 * 10  F   A B     fair    -       M    M    1
 * 11  F   C O     good    -       G    G    0     proxy (11-15), other: "housework"
 * 12  F   A       bad     (blank) B    M    4
 * 13  F   B C     good    -       G    G    1
 * 14  F   A C     fair    -       M    B    -
 * 15  F   -       -       -       G    G    2
 * 16  F   A B     good    -       G    M    0     counter (16-22)
 * 17  F   B       fair    -       -    -    1
 * 18  F   A       good    -       G    G    0
 * 19  F   A B C   bad     far     B    B    2
 * 20  F   C       good    -       M    G    1
 * 21  -   A       good    -       G    G    0     invalid: no sex
 * 22  M   -       -       -       -    -    -     invalid: 1 of 5 answered
 *
 * (A 养老, B 医疗, C 托育, O 其他; good/fair/bad = 满意/一般/不满意 scoring
 * 3/2/1; G/M/B = 好/中/差 scoring 3/2/1.) The figures are in each test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit_count.h"
#include "fixture.h"
#include "yizhan/service.h"
#include "yizhan/store.h"

static const char SURVEY[] = "survey t18\n"
                             "    title 社区服务测试调查\n"
                             "    purpose 检验问卷统计的每个数字\n"
                             "    period 2026-12-01 2026-12-31\n"
                             "    target 全体居民\n"
                             "    sample 25\n"
                             "    anonymous yes\n"
                             "    valid_answered 50\n"
                             "    valid_if not empty(sex)\n"
                             "\n"
                             "question sex single\n"
                             "    label 您的性别\n"
                             "    option 男\n"
                             "    option 女\n"
                             "    demographic sex\n"
                             "\n"
                             "question svc multi\n"
                             "    label 您需要哪些服务\n"
                             "    option 养老\n"
                             "    option 医疗\n"
                             "    option 托育\n"
                             "    other 其他\n"
                             "    max 3\n"
                             "\n"
                             "question sat scale\n"
                             "    label 您对社区服务满意吗\n"
                             "    scale 满意 一般 不满意\n"
                             "\n"
                             "question why text\n"
                             "    label 不满意的原因\n"
                             "    visible_if sat = \"不满意\"\n"
                             "\n"
                             "question env grid\n"
                             "    label 环境评价\n"
                             "    item 绿化\n"
                             "    item 卫生\n"
                             "    scale 好 中 差\n"
                             "\n"
                             "question kids number\n"
                             "    label 家中儿童人数\n"
                             "    min 0\n"
                             "    max 10\n";

/* The papers, as the table above. */
typedef struct hand {
	const char *sex, *svc, *other, *sat, *why, *env1, *env2, *kids;
} hand;

#define S_ "\xe3\x80\x81" /* YZ_MULTI_SEP */
static const hand PAPERS[22] = {
    {"男", "养老" S_ "医疗", "", "满意", "", "好", "好", "0"},
    {"男", "养老", "", "满意", "", "好", "中", "1"},
    {"男", "医疗" S_ "托育", "", "一般", "", "中", "中", "2"},
    {"男", "养老" S_ "其他", "修路", "不满意", "太吵", "差", "差", "0"},
    {"男", "", "", "满意", "", "好", "", ""},
    {"男", "养老" S_ "医疗" S_ "托育", "", "一般", "", "中", "好", "3"},
    {"男", "托育", "", "不满意", "没人管", "", "差", "1"},
    {"男", "养老", "", "满意", "", "好", "好", "0"},
    {"女", "医疗", "", "满意", "", "好", "中", "2"},
    {"女", "养老" S_ "医疗", "", "一般", "", "中", "中", "1"},
    {"女", "托育" S_ "其他", "家政", "满意", "", "好", "好", "0"},
    {"女", "养老", "", "不满意", "", "差", "中", "4"},
    {"女", "医疗" S_ "托育", "", "满意", "", "好", "好", "1"},
    {"女", "养老" S_ "托育", "", "一般", "", "中", "差", ""},
    {"女", "", "", "", "", "好", "好", "2"},
    {"女", "养老" S_ "医疗", "", "满意", "", "好", "中", "0"},
    {"女", "医疗", "", "一般", "", "", "", "1"},
    {"女", "养老", "", "满意", "", "好", "好", "0"},
    {"女", "养老" S_ "医疗" S_ "托育", "", "不满意", "太远", "差", "差", "2"},
    {"女", "托育", "", "满意", "", "中", "好", "1"},
    {"", "养老", "", "满意", "", "好", "好", "0"},
    {"男", "", "", "", "", "", "", ""},
};

static struct {
	fixture *f;
	yz_survey *sv;
	yz_survey_tally *t; /* counted by sex */
	yz_user head, clerk;
} S;

/* Key PAPERS[i] into sv as paper serial, brought back as mode; the state
 * the keying must end in. */
static void key_hand(yz_survey *sv, int i, long serial_no, yz_survey_mode mode,
                     yz_survey_entry_state state)
{
	const hand *h = &PAPERS[i];
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {{0}};
	char serial[16];

	snprintf(serial, sizeof serial, "%ld", serial_no);
	yz_values_set(&v, "serial", serial);
	yz_values_set(&v, "mode", yz_survey_mode_label(mode));
	if (mode == YZ_SURVEY_PROXY)
		yz_values_set(&v, "proxy", "王芳");
	yz_values_set(&v, "sex", h->sex);
	yz_values_set(&v, "svc", h->svc);
	yz_values_set(&v, "svc_other", h->other);
	yz_values_set(&v, "sat", h->sat);
	yz_values_set(&v, "why", h->why);
	yz_values_set(&v, "env_1", h->env1);
	yz_values_set(&v, "env_2", h->env2);
	yz_values_set(&v, "kids", h->kids);
	if (yz_service_survey_enter(&S.f->s, sv, &v, &out, &err) != 0)
		fail_msg("paper %ld: %s", serial_no, err.msg);
	assert_int_equal(out.state, state);
	yz_values_clear(&v);
}

static void key_paper(int i)
{
	yz_survey_mode mode = i < 10   ? YZ_SURVEY_SELF
	                      : i < 15 ? YZ_SURVEY_PROXY
	                               : YZ_SURVEY_COUNTER;
	key_hand(S.sv, i, i + 1, mode, YZ_SENTRY_COUNTED);
}

static int setup(void **state)
{
	yz_diags diags = {0};
	yz_err err = {{0}};
	(void)state;

	S.f = fixture_open("yzsurveycount");
	S.sv = yz_survey_parse("t18.survey", SURVEY, sizeof SURVEY - 1, &diags);
	if (!S.sv) {
		for (size_t i = 0; i < diags.n; i++)
			fprintf(stderr, "%s\n", diags.items[i]);
		return -1;
	}
	yz_diags_free(&diags);
	/* the head records the issue (issuing is the head's), the clerk
	 * zhangli (the fixture's user) keys */
	assert_int_equal(yz_user_add(S.f->store, "wangzhan", "王站长", "13700000000", YZ_ROLE_HEAD,
	                             "demo1234", &err),
	                 0);
	assert_int_equal(yz_user_get(S.f->store, "wangzhan", &S.head, &err), 0);
	assert_int_equal(yz_user_get(S.f->store, "zhangli", &S.clerk, &err), 0);
	S.f->s.user = S.head;
	assert_int_equal(yz_service_survey_issue(&S.f->s, S.sv, 1, 25, &err), 0);
	S.f->s.user = S.clerk;
	for (int i = 0; i < 22; i++)
		key_paper(i);
	S.f->s.user = S.head;
	if (yz_service_survey_count(&S.f->s, S.sv, "sex", &S.t, &err) != 0) {
		fprintf(stderr, "count: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	yz_survey_tally_free(S.t);
	yz_survey_free(S.sv);
	void *f = S.f;
	(void)state;
	return fixture_teardown(&f);
}

/* The qtally of question id (a grid's item 0-based, else -1). */
static const yz_survey_qtally *qt(const char *id, int item)
{
	for (size_t i = 0; i < S.t->n_qs; i++)
		if (!strcmp(S.t->qs[i].q->id, id) && S.t->qs[i].item == item)
			return &S.t->qs[i];
	fail_msg("no tally of %s", id);
	return NULL;
}

static void line_is(const yz_survey_qtally *q, size_t i, const char *label, long n, int64_t pct,
                    int64_t pct_mentions)
{
	assert_true(i < q->n_lines);
	if (label)
		assert_string_equal(q->lines[i].label, label);
	assert_int_equal(q->lines[i].n, n);
	assert_int_equal(q->lines[i].pct, pct);
	assert_int_equal(q->lines[i].pct_mentions, pct_mentions);
}

/* Issued 25, returned 22 (every paper keyed), counted 22 (single entry),
 * valid 20 (21: no sex; 22: 1 of its 5 questions answered = 20 % < 50 %).
 * By mode: self 1-10, proxy 11-15, counter 16-22. The rates below. */
static void test_papers(void **state)
{
	(void)state;
	const yz_survey_papers *p = &S.t->papers;
	assert_int_equal(p->issued, 25);
	assert_int_equal(p->returned, 22);
	assert_int_equal(p->counted, 22);
	assert_int_equal(p->valid, 20);
	assert_int_equal(p->waiting, 0);
	assert_int_equal(p->different, 0);
	assert_int_equal(p->by_mode[YZ_SURVEY_SELF], 10);
	assert_int_equal(p->by_mode[YZ_SURVEY_PROXY], 5);
	assert_int_equal(p->by_mode[YZ_SURVEY_COUNTER], 7);
	/* the rates in hundredths: returned 22 / issued 25 = 88.00 %; valid 20 /
	 * returned 22 = 90.909... % = 90.91 % (half up) */
	assert_int_equal(p->return_rate, 8800);
	assert_int_equal(p->valid_rate, 9091);
	/* one tally per question, a grid's per item: sex svc sat why env.1 env.2 kids */
	assert_int_equal(S.t->n_qs, 7);
}

/* sex over the 20 valid papers (paper 21's "养老" and 22's "男" are not
 * counted): 男 8 = 40.00 %, 女 12 = 60.00 %, no answer 0. */
static void test_single(void **state)
{
	(void)state;
	const yz_survey_qtally *q = qt("sex", -1);
	assert_string_equal(q->title, "1. 您的性别");
	assert_int_equal(q->base, 20);
	assert_int_equal(q->answered, 20);
	assert_int_equal(q->n_lines, 3);
	line_is(q, 0, "男", 8, 4000, 0);
	line_is(q, 1, "女", 12, 6000, 0);
	line_is(q, 2, NULL, 0, 0, 0);
	assert_false(q->has_mean);
}

/* svc: base 20, respondents 18 (5 and 15 ticked nothing), 30 ticks.
 * 养老 11 (1 2 4 6 8 10 12 14 16 18 19): 11/18 = 61.11 %, 11/30 = 36.67 %;
 * 医疗 9 (1 3 6 9 10 13 16 17 19): 50.00 %, 30.00 %;
 * 托育 8 (3 6 7 11 13 14 19 20): 44.44 %, 26.67 %;
 * 其他 2 (4 11): 11.11 %, 6.67 %. No no-answer line. Others: 修路, 家政. */
static void test_multi(void **state)
{
	(void)state;
	const yz_survey_qtally *q = qt("svc", -1);
	assert_int_equal(q->base, 20);
	assert_int_equal(q->answered, 18);
	assert_int_equal(q->mentions, 30);
	assert_int_equal(q->n_lines, 4);
	line_is(q, 0, "养老", 11, 6111, 3667);
	line_is(q, 1, "医疗", 9, 5000, 3000);
	line_is(q, 2, "托育", 8, 4444, 2667);
	line_is(q, 3, "其他", 2, 1111, 667);
	assert_int_equal(q->n_texts, 2);
	assert_string_equal(q->texts[0], "修路");
	assert_string_equal(q->texts[1], "家政");
}

/* sat: base 20; 满意 10 = 50.00 %, 一般 5 = 25.00 %, 不满意 4 = 20.00 %, no
 * answer 1 (15) = 5.00 %. Mean score (3 2 1) = (30 + 10 + 4) / 19 = 2.3158 →
 * 2.32. */
static void test_scale(void **state)
{
	(void)state;
	const yz_survey_qtally *q = qt("sat", -1);
	assert_int_equal(q->base, 20);
	assert_int_equal(q->answered, 19);
	line_is(q, 0, "满意", 10, 5000, 0);
	line_is(q, 1, "一般", 5, 2500, 0);
	line_is(q, 2, "不满意", 4, 2000, 0);
	line_is(q, 3, NULL, 1, 500, 0);
	assert_true(q->has_mean);
	assert_int_equal(q->mean, 232);
}

/* why is asked only of the 4 dissatisfied valid papers (4 7 12 19): base 4,
 * not 20; 3 answered (12 left it blank); the texts in serial order. */
static void test_skip_logic(void **state)
{
	(void)state;
	const yz_survey_qtally *q = qt("why", -1);
	assert_int_equal(q->base, 4);
	assert_int_equal(q->answered, 3);
	assert_int_equal(q->n_lines, 0);
	assert_int_equal(q->n_texts, 3);
	assert_string_equal(q->texts[0], "太吵");
	assert_string_equal(q->texts[1], "没人管");
	assert_string_equal(q->texts[2], "太远");
}

/* The grid's items. 绿化: 好 10 = 50.00 %, 中 5 = 25.00 %, 差 3 = 15.00 %,
 * no answer 2 (7 17) = 10.00 %, mean (30 + 10 + 3) / 18 = 2.3889 → 2.39.
 * 卫生: 好 8 = 40.00 %, 中 6 = 30.00 %, 差 4 = 20.00 %, no answer 2 (5 17),
 * mean (24 + 12 + 4) / 18 = 2.2222 → 2.22. Numbers: kids answered by 18 (5
 * and 14 blank; "0" is an answer), sum 21, mean 1.1667 → 1.17. */
static void test_grid_number(void **state)
{
	(void)state;
	const yz_survey_qtally *g1 = qt("env", 0), *g2 = qt("env", 1), *k = qt("kids", -1);
	assert_string_equal(g1->title, "5.1 环境评价\xef\xbc\x9a绿化");
	assert_int_equal(g1->base, 20);
	line_is(g1, 0, "好", 10, 5000, 0);
	line_is(g1, 1, "中", 5, 2500, 0);
	line_is(g1, 2, "差", 3, 1500, 0);
	line_is(g1, 3, NULL, 2, 1000, 0);
	assert_int_equal(g1->mean, 239);
	line_is(g2, 0, "好", 8, 4000, 0);
	line_is(g2, 1, "中", 6, 3000, 0);
	line_is(g2, 2, "差", 4, 2000, 0);
	line_is(g2, 3, NULL, 2, 1000, 0);
	assert_int_equal(g2->mean, 222);
	assert_int_equal(k->base, 20);
	assert_int_equal(k->answered, 18);
	assert_true(k->has_mean);
	assert_int_equal(k->mean, 117);
	assert_int_equal(k->n_lines, 0);
}

static const yz_survey_xtab *xt(const char *id, int item)
{
	for (size_t i = 0; i < S.t->n_xtabs; i++)
		if (!strcmp(S.t->xtabs[i].q->id, id) && S.t->xtabs[i].item == item)
			return &S.t->xtabs[i];
	fail_msg("no cross-tab of %s", id);
	return NULL;
}

static void cell_is(const yz_survey_xtab *x, size_t row, size_t col, long n, int64_t pct)
{
	assert_int_equal(x->n[row * x->n_cols + col], n);
	assert_int_equal(x->pct[row * x->n_cols + col], pct);
}

/* Cross-tabs by sex: svc, sat, env.1, env.2 (not sex by itself, not the text
 * and the number). sat × sex (15 left sat blank):
 *          男 (8)        女 (11)        total (19)
 * 满意     4  50.00 %    6  54.55 %     10  52.63 %
 * 一般     2  25.00 %    3  27.27 %      5  26.32 %
 * 不满意   2  25.00 %    2  18.18 %      4  21.05 %
 * svc × sex, of each column's respondents (男 7: 5 blank; 女 11: 15 blank):
 * 养老 5 71.43 % | 6 54.55 % | 11 61.11 %;  医疗 3 42.86 % | 6 54.55 % | 9 50.00 %;
 * 托育 3 42.86 % | 5 45.45 % | 8 44.44 %;   其他 1 14.29 % | 1 9.09 % | 2 11.11 %. */
static void test_crosstab(void **state)
{
	(void)state;
	assert_int_equal(S.t->n_xtabs, 4);
	const yz_survey_xtab *x = xt("sat", -1);
	assert_ptr_equal(x->by, yz_survey_question(S.sv, "sex"));
	assert_string_equal(x->title, "3. 您对社区服务满意吗 \xc3\x97 您的性别");
	assert_int_equal(x->n_rows, 3);
	assert_int_equal(x->n_cols, 3);
	assert_string_equal(x->col_labels[0], "男");
	assert_string_equal(x->row_labels[2], "不满意");
	assert_int_equal(x->col_base[0], 8);
	assert_int_equal(x->col_base[1], 11);
	assert_int_equal(x->col_base[2], 19);
	cell_is(x, 0, 0, 4, 5000);
	cell_is(x, 0, 1, 6, 5455);
	cell_is(x, 0, 2, 10, 5263);
	cell_is(x, 1, 0, 2, 2500);
	cell_is(x, 1, 1, 3, 2727);
	cell_is(x, 1, 2, 5, 2632);
	cell_is(x, 2, 0, 2, 2500);
	cell_is(x, 2, 1, 2, 1818);
	cell_is(x, 2, 2, 4, 2105);

	x = xt("svc", -1);
	assert_int_equal(x->n_rows, 4);
	assert_int_equal(x->col_base[0], 7);
	assert_int_equal(x->col_base[1], 11);
	assert_int_equal(x->col_base[2], 18);
	cell_is(x, 0, 0, 5, 7143);
	cell_is(x, 0, 1, 6, 5455);
	cell_is(x, 0, 2, 11, 6111);
	cell_is(x, 1, 0, 3, 4286);
	cell_is(x, 1, 1, 6, 5455);
	cell_is(x, 2, 0, 3, 4286);
	cell_is(x, 2, 1, 5, 4545);
	cell_is(x, 3, 0, 1, 1429);
	cell_is(x, 3, 1, 1, 909);
	cell_is(x, 3, 2, 2, 1111);
	x = xt("env", 1); /* 卫生 × sex: 男 answered 7 (5 blank), 好 1 6 8 = 3 */
	assert_int_equal(x->col_base[0], 7);
	cell_is(x, 0, 0, 3, 4286);
}

/* A clerk may not count, nor write the report: refused with an audit row
 * each; a split by a question that is no single choice is refused in words. */
static void test_refused(void **state)
{
	(void)state;
	yz_survey_tally *t = NULL;
	yz_err err = {{0}};
	long before = test_audit_count(S.f->cfg.db_path, "survey_denied");
	assert_int_equal(yz_user_get(S.f->store, "zhangli", &S.f->s.user, &err), 0);
	assert_int_equal(yz_service_survey_count(&S.f->s, S.sv, NULL, &t, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_null(t);
	char path[512];
	snprintf(path, sizeof path, "%s/clerk.xlsx", S.f->home);
	assert_int_equal(yz_service_survey_report(&S.f->s, S.t, YZ_REPORT_XLSX, path, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	assert_int_equal(test_audit_count(S.f->cfg.db_path, "survey_denied"), before + 2);
	S.f->s.user = S.head;
	assert_int_equal(yz_service_survey_count(&S.f->s, S.sv, "svc", &t, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(yz_service_survey_count(&S.f->s, S.sv, "nosuch", &t, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	/* without a split: no cross-tabs, the same tallies */
	assert_int_equal(yz_service_survey_count(&S.f->s, S.sv, NULL, &t, &err), 0);
	assert_int_equal(t->n_xtabs, 0);
	assert_int_equal(t->n_qs, 7);
	assert_int_equal(t->qs[1].lines[0].n, 11);
	yz_survey_tally_free(t);
}

/* The report's files are written and audited (survey_report), 0640; the
 * name says the station, the survey and the day. */
static void test_report_files(void **state)
{
	(void)state;
	yz_err err = {{0}};
	char path[512], name[256];
	struct stat st;
	long before = test_audit_count(S.f->cfg.db_path, "survey_report");
	const yz_report_format fs[] = {YZ_REPORT_XLSX, YZ_REPORT_CSV_UTF8, YZ_REPORT_CSV_GB18030,
	                               YZ_REPORT_PDF};
	for (size_t i = 0; i < sizeof fs / sizeof *fs; i++) {
		yz_service_survey_file_name(&S.f->s, S.t, fs[i], name, sizeof name);
		assert_non_null(strstr(name, "-survey-t18-"));
		snprintf(path, sizeof path, "%s/%zu-%s", S.f->home, i, name);
		if (yz_service_survey_report(&S.f->s, S.t, fs[i], path, &err) != 0)
			fail_msg("%s: %s", path, err.msg);
		assert_int_equal(stat(path, &st), 0);
		assert_true(st.st_size > 100);
		assert_int_equal(st.st_mode & 0777, 0640);
	}
	assert_int_equal(test_audit_count(S.f->cfg.db_path, "survey_report"), before + 4);
}

/* A survey whose issue was never recorded and whose one paper is invalid
 * (no sex): issued 0, returned 1, valid 0; every base 0 and every
 * percentage 0 (no division by zero); the paper says the return rate cannot
 * be given, with a dash for it. */
static void test_nothing_issued(void **state)
{
	(void)state;
	yz_diags diags = {0};
	yz_err err = {{0}};
	yz_survey_tally *t = NULL;
	char text[sizeof SURVEY + 8], path[512], out[8192], cmd[700];
	snprintf(text, sizeof text, "survey t18b%s", SURVEY + strlen("survey t18"));
	yz_survey *sv = yz_survey_parse("t18b.survey", text, strlen(text), &diags);
	assert_non_null(sv);
	yz_diags_free(&diags);
	yz_values v = {0};
	yz_survey_entered en;
	yz_values_set(&v, "serial", "7");
	yz_values_set(&v, "mode", yz_survey_mode_label(YZ_SURVEY_SELF));
	yz_values_set(&v, "svc", "医疗");
	yz_values_set(&v, "sat", "一般");
	yz_values_set(&v, "kids", "1");
	if (yz_service_survey_enter(&S.f->s, sv, &v, &en, &err) != 0)
		fail_msg("enter: %s", err.msg);
	yz_values_clear(&v);
	assert_int_equal(yz_service_survey_count(&S.f->s, sv, "sex", &t, &err), 0);
	assert_int_equal(t->papers.issued, 0);
	assert_int_equal(t->papers.returned, 1);
	assert_int_equal(t->papers.valid, 0);
	assert_int_equal(t->papers.return_rate, -1); /* no base: nothing issued */
	assert_int_equal(t->papers.valid_rate, 0);   /* 0 of 1 returned */
	for (size_t i = 0; i < t->n_qs; i++) {
		assert_int_equal(t->qs[i].base, 0);
		for (size_t l = 0; l < t->qs[i].n_lines; l++)
			assert_int_equal(t->qs[i].lines[l].pct, 0);
	}
	assert_int_equal(t->xtabs[0].col_base[2], 0);
	snprintf(path, sizeof path, "%s/nothing.pdf", S.f->home);
	assert_int_equal(yz_service_survey_report(&S.f->s, t, YZ_REPORT_PDF, path, &err), 0);
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	assert_int_equal(fixture_run(cmd, true, out, sizeof out), 0);
	assert_non_null(strstr(out, "未记录问卷发放数，无法计算回收率"));
	assert_non_null(strstr(out, "回收率：无（未记录发放数）"));
	assert_non_null(strstr(out, "\xe2\x80\x94")); /* the dash in the rate's cell */
	snprintf(path, sizeof path, "%s/nothing.xlsx", S.f->home);
	assert_int_equal(yz_service_survey_report(&S.f->s, t, YZ_REPORT_XLSX, path, &err), 0);
	/* the CSV: each column's base on the base row (0 everywhere), and a
	 * column of no papers has a dash, not 0.00 % */
	snprintf(path, sizeof path, "%s/nothing.csv", S.f->home);
	assert_int_equal(yz_service_survey_report(&S.f->s, t, YZ_REPORT_CSV_UTF8, path, &err), 0);
	snprintf(cmd, sizeof cmd, "tr -d '\\r' <'%s'", path);
	assert_int_equal(fixture_run(cmd, true, out, sizeof out), 0);
	assert_non_null(strstr(out, "\n2. 您需要哪些服务,基数,0,,,,0,,0,,0,\n"));
	assert_non_null(strstr(out, "\n2. 您需要哪些服务,养老,0,0.00%,0.00%,,0,,0,,0,\n"));
	assert_non_null(strstr(out, "\n3. 您对社区服务满意吗,满意,0,0.00%,,,0,,0,,0,\n"));
	yz_survey_tally_free(t);
	yz_survey_free(sv);
}

/* The survey again (t18c), keyed twice: papers 1, 2 and 3 (PAPERS 1, 2 and
 * 21, brought back by the residents) by zhangli and by lisi, so they count;
 * paper 4 (PAPERS 3) by zhangli only: it waits for its second keying. Four
 * serials issued. The tally by sex, counted by the head. */
static yz_survey_tally *waiting_tally(yz_survey **sv)
{
	yz_diags diags = {0};
	yz_err err = {{0}};
	yz_survey_tally *t = NULL;
	yz_user lisi;
	char text[sizeof SURVEY + 64];
	static const int hand_of[4] = {0, 1, 20, 2};

	snprintf(text, sizeof text, "survey t18c\n    double_entry yes%s",
	         SURVEY + strlen("survey t18"));
	*sv = yz_survey_parse("t18c.survey", text, strlen(text), &diags);
	for (size_t i = 0; i < diags.n; i++)
		fprintf(stderr, "%s\n", diags.items[i]);
	yz_diags_free(&diags);
	assert_non_null(*sv);
	assert_int_equal(
	    yz_user_add(S.f->store, "lisi", "李四", "13900000000", YZ_ROLE_CLERK, "demo1234", &err),
	    0);
	assert_int_equal(yz_user_get(S.f->store, "lisi", &lisi, &err), 0);
	S.f->s.user = S.head;
	assert_int_equal(yz_service_survey_issue(&S.f->s, *sv, 1, 4, &err), 0);
	S.f->s.user = S.clerk;
	for (int i = 0; i < 4; i++)
		key_hand(*sv, hand_of[i], i + 1, YZ_SURVEY_SELF, YZ_SENTRY_WAITING);
	S.f->s.user = lisi;
	for (int i = 0; i < 3; i++)
		key_hand(*sv, hand_of[i], i + 1, YZ_SURVEY_SELF, YZ_SENTRY_COUNTED);
	S.f->s.user = S.head;
	if (yz_service_survey_count(&S.f->s, *sv, "sex", &t, &err) != 0)
		fail_msg("count: %s", err.msg);
	return t;
}

/* The valid rate is of the papers that count, not of those returned: a paper
 * waiting for its second keying is neither valid nor invalid yet. Issued 4,
 * returned 4 (100.00 %), counted 3, waiting 1, valid 2 (paper 3 has no sex):
 * valid rate = 2 / 3 = 66.666... % = 66.67 % (before the mend 2 / 4 = 50.00 %).
 * The overview names the rate's base and the waiting paper beside it (the
 * workbook's 0.6667 is read back in survey_count18.sh). */
static void test_waiting(void **state)
{
	(void)state;
	yz_survey *sv = NULL;
	yz_survey_tally *t = waiting_tally(&sv);
	char path[512], out[8192], cmd[700];
	const yz_survey_papers *p = &t->papers;
	assert_int_equal(p->issued, 4);
	assert_int_equal(p->returned, 4);
	assert_int_equal(p->counted, 3);
	assert_int_equal(p->waiting, 1);
	assert_int_equal(p->different, 0);
	assert_int_equal(p->valid, 2);
	assert_int_equal(p->return_rate, 10000);
	assert_int_equal(p->valid_rate, 6667);
	snprintf(path, sizeof path, "%s/waiting.pdf", S.f->home);
	yz_err err = {{0}};
	assert_int_equal(yz_service_survey_report(&S.f->s, t, YZ_REPORT_PDF, path, &err), 0);
	snprintf(cmd, sizeof cmd, "pdftotext '%s' - | tr -d ' \\n'", path);
	assert_int_equal(fixture_run(cmd, true, out, sizeof out), 0);
	assert_non_null(strstr(out, "66.67%"));
	assert_non_null(strstr(out, "有效率=有效÷计入"));
	assert_non_null(strstr(out, "另有1份问卷等待录入"));
	assert_null(strstr(out, "有效÷回收"));
	yz_survey_tally_free(t);
	yz_survey_free(sv);
}

/* A number question whose answers add up beyond what a mean in hundredths
 * holds (sum * 100 > INT64_MAX). The entry takes at most 12 digits, so the
 * sum needs some 92 000 papers of 999 999 999 999 to get there; two papers
 * of the most the entry takes count (mean 999999999999.00), then the same
 * two papers' stored answers made 50 000 000 000 000 000 each (a database
 * edited by hand) add up to 10^17 > INT64_MAX / 100 = 92 233 720 368 547 758:
 * the counting refuses in words naming the question, instead of
 * overflowing. */
static void test_mean_overflow(void **state)
{
	(void)state;
	static const char text[] = "survey t18d\n"
	                           "    title 面积调查\n"
	                           "    purpose 检验平均数的上限\n"
	                           "    target 全体居民\n"
	                           "    period 2026-12-01 2026-12-31\n"
	                           "\n"
	                           "question area number\n"
	                           "    label 住房面积\n";
	yz_diags diags = {0};
	yz_err err = {{0}};
	yz_survey_tally *t = NULL;
	yz_survey_entered en;
	yz_values v = {0};
	yz_survey *sv = yz_survey_parse("t18d.survey", text, sizeof text - 1, &diags);
	for (size_t i = 0; i < diags.n; i++)
		fprintf(stderr, "%s\n", diags.items[i]);
	yz_diags_free(&diags);
	assert_non_null(sv);
	S.f->s.user = S.clerk;
	for (int i = 1; i <= 2; i++) {
		char serial[8];
		snprintf(serial, sizeof serial, "%d", i);
		yz_values_set(&v, "serial", serial);
		yz_values_set(&v, "mode", yz_survey_mode_label(YZ_SURVEY_SELF));
		yz_values_set(&v, "area", "999999999999");
		if (yz_service_survey_enter(&S.f->s, sv, &v, &en, &err) != 0)
			fail_msg("enter: %s", err.msg);
		yz_values_clear(&v);
	}
	S.f->s.user = S.head;
	assert_int_equal(yz_service_survey_count(&S.f->s, sv, NULL, &t, &err), 0);
	assert_int_equal(t->qs[0].answered, 2);
	assert_int_equal(t->qs[0].mean, 99999999999900);
	yz_survey_tally_free(t);
	t = NULL;
	char cmd[700];
	snprintf(cmd, sizeof cmd,
	         "sqlite3 '%s' \"UPDATE survey_answers SET value = '50000000000000000' "
	         "WHERE field = 'area'\"",
	         S.f->cfg.db_path);
	char out[1024];
	assert_int_equal(fixture_run(cmd, false, out, sizeof out), 0);
	assert_int_equal(yz_service_survey_count(&S.f->s, sv, NULL, &t, &err), -1);
	assert_null(t);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "住房面积"));
	yz_survey_free(sv);
}

/* --write DIR: the report as report.xlsx, report.csv (UTF-8) and report.pdf
 * in DIR, for survey_count18.sh to read back with independent readers. */
static int write_files(const char *dir)
{
	yz_err err = {{0}};
	char path[512];
	static const struct {
		yz_report_format f;
		const char *name;
	} out[] = {{YZ_REPORT_XLSX, "report.xlsx"},
	           {YZ_REPORT_CSV_UTF8, "report.csv"},
	           {YZ_REPORT_PDF, "report.pdf"}};
	if (setup(NULL) != 0)
		return 1;
	for (size_t i = 0; i < sizeof out / sizeof *out; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, out[i].name);
		if (yz_service_survey_report(&S.f->s, S.t, out[i].f, path, &err) != 0) {
			fprintf(stderr, "%s: %s\n", path, err.msg);
			return 1;
		}
	}
	/* and waiting.xlsx: the survey of test_waiting (valid rate 66.67 %) */
	yz_survey *sv = NULL;
	yz_survey_tally *t = waiting_tally(&sv);
	snprintf(path, sizeof path, "%s/waiting.xlsx", dir);
	int rc = yz_service_survey_report(&S.f->s, t, YZ_REPORT_XLSX, path, &err);
	if (rc != 0)
		fprintf(stderr, "%s: %s\n", path, err.msg);
	yz_survey_tally_free(t);
	yz_survey_free(sv);
	if (rc != 0)
		return 1;
	teardown(NULL);
	return 0;
}

int main(int argc, char **argv)
{
	fixture_ui_language("zh_CN");
	if (argc == 3 && !strcmp(argv[1], "--write"))
		return write_files(argv[2]);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_papers),       cmocka_unit_test(test_single),
	    cmocka_unit_test(test_multi),        cmocka_unit_test(test_scale),
	    cmocka_unit_test(test_skip_logic),   cmocka_unit_test(test_grid_number),
	    cmocka_unit_test(test_crosstab),     cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_report_files), cmocka_unit_test(test_nothing_issued),
	    cmocka_unit_test(test_waiting),      cmocka_unit_test(test_mean_overflow),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
