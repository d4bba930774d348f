/* Issue 18, keying survey papers on a real station file: a named survey keyed
 * once (the respondent kept, the serial refused the second time, serials out
 * of range refused, skip logic: the answer to a question the paper does not
 * ask is not stored, nor an empty one); an anonymous survey keyed twice by
 * two clerks with planted differences, listed field by field with their
 * labels and clerks, the same clerk refused for the second keying, settled
 * by a third look (the keying clerks refused) and only then handed to the
 * counting by yz_service_survey_each; and the SQL over the station file:
 * no survey_people row, no ID number, phone or resident id in any survey
 * table, dates without a time, the proxy's name only in survey_proxies.
 * Issued serials and the next serial; the papers' counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_count.h"
#include "fixture.h"
#include "yizhan/service.h"
#include "yizhan/store.h"

/* A named survey keyed once: every kind of question the skip logic and the
 * "other" text touch. */
static const char named_src[] = "survey health\n"
                                "    title 健康状况调查\n"
                                "    purpose 了解居民的健康状况\n"
                                "    period 2026-12-01 2026-12-31\n"
                                "    target 全体居民\n"
                                "\n"
                                "question sex single\n"
                                "    label 您的性别\n"
                                "    option 男\n"
                                "    option 女\n"
                                "    demographic sex\n"
                                "\n"
                                "question smoke single\n"
                                "    label 您吸烟吗\n"
                                "    option 吸烟\n"
                                "    option 不吸烟\n"
                                "\n"
                                "question perday number\n"
                                "    label 每天吸几支\n"
                                "    min 1\n"
                                "    max 60\n"
                                "    visible_if smoke = \"吸烟\"\n"
                                "\n"
                                "question services multi\n"
                                "    label 您需要哪些服务\n"
                                "    option 养老服务\n"
                                "    option 助餐服务\n"
                                "    option 医疗服务\n"
                                "    other 其他（请注明）\n"
                                "    max 2\n"
                                "\n"
                                "question env grid\n"
                                "    label 环境评价\n"
                                "    item 绿化\n"
                                "    item 卫生\n"
                                "    scale 满意 一般 不满意\n"
                                "\n"
                                "question note text\n"
                                "    label 其他意见\n";

/* An anonymous survey keyed twice. */
static const char anon_src[] = "survey needs\n"
                               "    title 居民服务需求调查\n"
                               "    purpose 了解居民最需要的社区服务\n"
                               "    period 2026-12-01 2026-12-31\n"
                               "    target 全体居民\n"
                               "    anonymous yes\n"
                               "    double_entry yes\n"
                               "\n"
                               "question sex single\n"
                               "    label 您的性别\n"
                               "    option 男\n"
                               "    option 女\n"
                               "    demographic sex\n"
                               "\n"
                               "question satisfy scale\n"
                               "    label 您对社区服务总体满意吗\n"
                               "    scale 非常满意 满意 一般 不满意 非常不满意\n"
                               "\n"
                               "question why long\n"
                               "    label 不满意的原因\n"
                               "    visible_if satisfy = \"不满意\" or satisfy = \"非常不满意\"\n"
                               "\n"
                               "question env grid\n"
                               "    label 环境评价\n"
                               "    item 绿化\n"
                               "    item 卫生\n"
                               "    scale 满意 一般 不满意\n";

typedef struct st18 {
	fixture *f;
	yz_survey *named, *anon;
	yz_user zhangli, lisi, wangwu, head;
	char db[512];
} st18;

static st18 S;

static yz_survey *parse(const char *name, const char *src)
{
	yz_diags d = {0};
	yz_survey *sv = yz_survey_parse(name, src, strlen(src), &d);

	if (!sv)
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.items[i]);
	assert_non_null(sv);
	yz_diags_free(&d);
	return sv;
}

static int setup(void **state)
{
	yz_err err = {0};

	S.f = *state = fixture_open("yzsurvey18");
	snprintf(S.db, sizeof S.db, "%s", S.f->cfg.db_path);
	assert_int_equal(
	    yz_user_add(S.f->store, "lisi", "李四", "13900000000", YZ_ROLE_CLERK, "demo1234", &err),
	    0);
	assert_int_equal(yz_user_add(S.f->store, "wangwu", "王五", "13900000001", YZ_ROLE_CLERK,
	                             "demo1234", &err),
	                 0);
	assert_int_equal(yz_user_add(S.f->store, "wangzhan", "王站长", "13700000000", YZ_ROLE_HEAD,
	                             "demo1234", &err),
	                 0);
	S.zhangli = S.f->s.user;
	assert_int_equal(yz_user_get(S.f->store, "lisi", &S.lisi, &err), 0);
	assert_int_equal(yz_user_get(S.f->store, "wangwu", &S.wangwu, &err), 0);
	assert_int_equal(yz_user_get(S.f->store, "wangzhan", &S.head, &err), 0);
	fixture_resident(S.f, "陈秀英");
	S.named = parse("health.survey", named_src);
	S.anon = parse("needs.survey", anon_src);
	return 0;
}

static int teardown(void **state)
{
	yz_survey_free(S.named);
	yz_survey_free(S.anon);
	return fixture_teardown(state);
}

static void as(const yz_user *u)
{
	S.f->s.user = *u;
}

/* ---- SQL over the station file ---------------------------------------------------- */

static long sql_long(const char *sql, const char *arg)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long n = -1;

	assert_int_equal(sqlite3_open(S.db, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

/* Rows of table with text anywhere in any column. */
static long anywhere(const char *table, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char sql[512];
	long n = 0;
	char cols[16][64];
	size_t nc = 0;

	assert_int_equal(sqlite3_open(S.db, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW && nc < 16)
		snprintf(cols[nc++], sizeof cols[0], "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	assert_true(nc > 0);
	for (size_t i = 0; i < nc; i++) {
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM %s WHERE instr(CAST(%s AS TEXT), ?1)", table,
		         cols[i]);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW)
			n += (long)sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return n;
}

/* The answer a pass of a paper stored for field, or NULL-like "-" when none. */
static void stored(const char *survey, long serial, int pass, const char *field, char *out,
                   size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *s;

	snprintf(out, n, "-");
	assert_int_equal(sqlite3_open(S.db, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "SELECT a.value FROM survey_answers a JOIN survey_papers p"
	                       " ON p.id = a.paper WHERE p.survey = ?1"
	                       " AND p.serial = ?2 AND a.pass = ?3 AND a.field = ?4",
	                       -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, survey, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, serial);
	sqlite3_bind_int(s, 3, pass);
	sqlite3_bind_text(s, 4, field, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* ---- papers ------------------------------------------------------------------------- */

static void paper(yz_values *v, long serial, yz_survey_mode mode)
{
	char buf[32];

	yz_values_clear(v);
	snprintf(buf, sizeof buf, "%ld", serial);
	yz_values_set(v, YZ_SURVEY_F_SERIAL, buf);
	yz_values_set(v, YZ_SURVEY_F_MODE, yz_survey_mode_label(mode));
}

static int enter(const yz_survey *sv, const yz_values *v, yz_survey_entered *out, yz_err *err)
{
	memset(err, 0, sizeof *err);
	return yz_service_survey_enter(&S.f->s, sv, v, out, err);
}

/* What yz_service_survey_each handed on. */
typedef struct seen {
	long serial[16];
	yz_survey_mode mode[16];
	char sex[16][16];
	char env2[16][16];
	char why[16][64];
	size_t n_answers[16];
	size_t n;
} seen;

static int collect(long serial, yz_survey_mode mode, const yz_values *v, void *ctx)
{
	seen *x = ctx;
	const char *t;

	assert_true(x->n < 16);
	x->serial[x->n] = serial;
	x->mode[x->n] = mode;
	t = yz_values_get(v, "sex");
	snprintf(x->sex[x->n], sizeof x->sex[0], "%s", t ? t : "");
	t = yz_values_get(v, "env_2");
	snprintf(x->env2[x->n], sizeof x->env2[0], "%s", t ? t : "");
	t = yz_values_get(v, "why");
	snprintf(x->why[x->n], sizeof x->why[0], "%s", t ? t : "");
	x->n_answers[x->n] = v->n;
	x->n++;
	return 0;
}

/* Every answer: the head's (the counting's) only. */
static void each(const yz_survey *sv, seen *x)
{
	yz_err err = {0};
	yz_user was = S.f->s.user;

	memset(x, 0, sizeof *x);
	as(&S.head);
	assert_int_equal(yz_service_survey_each(&S.f->s, sv, collect, x, &err), 0);
	as(&was);
}

/* ---- tests -------------------------------------------------------------------------- */

/* Single entry: the paper counts at once, its respondent kept; the same
 * serial is refused the second time and out-of-range serials always. */
static void test_single_entry(void **state)
{
	(void)state;
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	seen x;
	int pass = -1;
	char val[64];
	yz_resident r;
	yz_survey_papers pp;

	as(&S.zhangli);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.named, 1, &pass, &err), 0);
	assert_int_equal(pass, 0);

	paper(&v, 1, YZ_SURVEY_PROXY);
	yz_values_set(&v, YZ_SURVEY_F_PROXY, "王芳");
	yz_values_set(&v, YZ_SURVEY_F_RESPONDENT, S.f->idno);
	yz_values_set(&v, "sex", "女");
	yz_values_set(&v, "smoke", "吸烟");
	yz_values_set(&v, "perday", "10");
	yz_values_set(&v, "services", "养老服务" YZ_MULTI_SEP "其他（请注明）");
	yz_values_set(&v, "services_other", "理发");
	yz_values_set(&v, "env_1", "满意");
	yz_values_set(&v, "env_2", "");
	yz_values_set(&v, "note", "");
	if (enter(S.named, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	assert_int_equal(out.serial, 1);
	assert_int_equal(out.pass, 0);
	assert_int_equal(out.state, YZ_SENTRY_COUNTED);
	assert_int_equal(out.n_diffs, 0);

	/* Pass 0 holds the answers; the empty ones are no rows. */
	stored("health", 1, 0, "perday", val, sizeof val);
	assert_string_equal(val, "10");
	stored("health", 1, 0, "services_other", val, sizeof val);
	assert_string_equal(val, "理发");
	stored("health", 1, 0, "env_2", val, sizeof val);
	assert_string_equal(val, "-");
	stored("health", 1, 0, "note", val, sizeof val);
	assert_string_equal(val, "-");
	/* The head fields are the paper's columns, not answers. */
	assert_int_equal(sql_long("SELECT count(*) FROM survey_answers WHERE field IN"
	                          " ('serial', 'mode', 'proxy', 'respondent')",
	                          NULL),
	                 0);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_answers a JOIN survey_papers p"
	                          " ON p.id = a.paper WHERE p.survey = 'health'",
	                          NULL),
	                 6); /* sex smoke perday services services_other env_1 */

	/* A named survey keeps who answered and who filled it in. */
	assert_int_equal(yz_resident_by_idno(S.f->store, S.f->idno, &r, &err), 0);
	char rid[32];
	snprintf(rid, sizeof rid, "%lld", (long long)r.id);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_people WHERE resident = ?1"
	                          " AND proxy = '王芳'",
	                          rid),
	                 1);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_proxies", NULL), 0);
	assert_int_equal(test_audit_count(S.db, "survey_entered"), 1);

	/* The same serial again: refused, nothing more stored. */
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.named, 1, &pass, &err), -1);
	assert_non_null(strstr(err.msg, "1"));
	assert_int_equal(enter(S.named, &v, &out, &err), -1);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_papers", NULL), 1);
	assert_int_equal(test_audit_count(S.db, "survey_entered"), 1);

	/* Serials out of range. */
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.named, 0, &pass, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.named, 1000000000L, &pass, &err),
	                 -1);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.named, 999999999L, &pass, &err),
	                 0);
	paper(&v, 1000000000L, YZ_SURVEY_SELF);
	assert_int_equal(enter(S.named, &v, &out, &err), -1);
	paper(&v, 0, YZ_SURVEY_SELF);
	assert_int_equal(enter(S.named, &v, &out, &err), -1);
	/* No mode: refused. */
	yz_values_clear(&v);
	yz_values_set(&v, YZ_SURVEY_F_SERIAL, "7");
	assert_int_equal(enter(S.named, &v, &out, &err), -1);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_papers", NULL), 1);

	/* The counting sees it, with the serial and mode among the values. */
	each(S.named, &x);
	assert_int_equal(x.n, 1);
	assert_int_equal(x.serial[0], 1);
	assert_int_equal(x.mode[0], YZ_SURVEY_PROXY);
	assert_string_equal(x.sex[0], "女");
	assert_int_equal(x.n_answers[0], 2 + 6);

	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &pp, &err), 0);
	assert_int_equal(pp.returned, 1);
	assert_int_equal(pp.counted, 1);
	assert_int_equal(pp.waiting, 0);
	assert_int_equal(pp.by_mode[YZ_SURVEY_PROXY], 1);
	assert_int_equal(pp.valid, 0);
	yz_values_clear(&v);
}

/* Skip logic: the number of cigarettes is not asked of a non-smoker, and
 * the "other" text not unless "other" is ticked: neither is stored. */
static void test_skip_logic(void **state)
{
	(void)state;
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	char val[64];

	as(&S.zhangli);
	paper(&v, 2, YZ_SURVEY_SELF);
	yz_values_set(&v, "sex", "男");
	yz_values_set(&v, "smoke", "不吸烟");
	yz_values_set(&v, "perday", "20");
	yz_values_set(&v, "services", "助餐服务");
	yz_values_set(&v, "services_other", "修鞋");
	yz_values_set(&v, "note", "很好");
	if (enter(S.named, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	stored("health", 2, 0, "smoke", val, sizeof val);
	assert_string_equal(val, "不吸烟");
	stored("health", 2, 0, "perday", val, sizeof val);
	assert_string_equal(val, "-");
	stored("health", 2, 0, "services_other", val, sizeof val);
	assert_string_equal(val, "-");
	stored("health", 2, 0, "note", val, sizeof val);
	assert_string_equal(val, "很好");
	/* Self-filled, no respondent given: no row of people. */
	assert_int_equal(sql_long("SELECT count(*) FROM survey_people p JOIN survey_papers s"
	                          " ON s.id = p.paper WHERE s.serial = 2",
	                          NULL),
	                 0);

	/* A value the entry form refuses (61 cigarettes; max 60): nothing stored. */
	paper(&v, 3, YZ_SURVEY_SELF);
	yz_values_set(&v, "smoke", "吸烟");
	yz_values_set(&v, "perday", "61");
	assert_int_equal(enter(S.named, &v, &out, &err), -1);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_papers WHERE serial = 3", NULL), 0);
	yz_values_clear(&v);
}

/* The anonymous survey's paper as a clerk keys it: sex, satisfaction (and
 * why when unhappy), the grid. */
static void needs_paper(yz_values *v, long serial, yz_survey_mode mode, const char *sex,
                        const char *satisfy, const char *why, const char *env1, const char *env2)
{
	paper(v, serial, mode);
	if (mode == YZ_SURVEY_PROXY)
		yz_values_set(v, YZ_SURVEY_F_PROXY, "王芳");
	yz_values_set(v, "sex", sex);
	yz_values_set(v, "satisfy", satisfy);
	if (why)
		yz_values_set(v, "why", why);
	yz_values_set(v, "env_1", env1);
	yz_values_set(v, "env_2", env2);
}

static void test_double_entry(void **state)
{
	(void)state;
	yz_values v = {0}, fin = {0};
	yz_survey_entered out;
	yz_err err = {0};
	yz_survey_diffs d;
	yz_survey_papers pp;
	seen x;
	int pass = -1;
	long denied;

	/* Paper 5: zhangli keys it first. */
	as(&S.zhangli);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.anon, 5, &pass, &err), 0);
	assert_int_equal(pass, 1);
	needs_paper(&v, 5, YZ_SURVEY_PROXY, "女", "不满意", "路灯坏了", "满意", "一般");
	if (enter(S.anon, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	assert_int_equal(out.pass, 1);
	assert_int_equal(out.state, YZ_SENTRY_WAITING);
	each(S.anon, &x);
	assert_int_equal(x.n, 0);

	/* zhangli may not key it the second time: refused and audited. */
	denied = test_audit_count(S.db, "survey_denied");
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.anon, 5, &pass, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(enter(S.anon, &v, &out, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(test_audit_count(S.db, "survey_denied"), denied + 2);

	/* lisi keys it the second time with two differences: sex and the
	 * grid's second item. */
	as(&S.lisi);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.anon, 5, &pass, &err), 0);
	assert_int_equal(pass, 2);
	needs_paper(&v, 5, YZ_SURVEY_PROXY, "男", "不满意", "路灯坏了", "满意", "不满意");
	if (enter(S.anon, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	assert_int_equal(out.pass, 2);
	assert_int_equal(out.state, YZ_SENTRY_DIFFERENT);
	assert_int_equal(out.n_diffs, 2);
	/* A third keying: refused. */
	as(&S.wangwu);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.anon, 5, &pass, &err), -1);

	/* Paper 6: both keyings agree: it counts at once. */
	as(&S.lisi);
	needs_paper(&v, 6, YZ_SURVEY_SELF, "男", "满意", NULL, "一般", "一般");
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	as(&S.wangwu);
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	assert_int_equal(out.state, YZ_SENTRY_COUNTED);
	assert_int_equal(out.n_diffs, 0);
	/* Paper 7: keyed once, waiting. */
	needs_paper(&v, 7, YZ_SURVEY_PROXY, "女", "一般", NULL, "满意", "满意");
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	assert_int_equal(out.state, YZ_SENTRY_WAITING);

	/* Only paper 6 counts. */
	each(S.anon, &x);
	assert_int_equal(x.n, 1);
	assert_int_equal(x.serial[0], 6);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.anon, &pp, &err), 0);
	assert_int_equal(pp.returned, 3);
	assert_int_equal(pp.counted, 1);
	assert_int_equal(pp.waiting, 1);
	assert_int_equal(pp.different, 1);
	/* Papers came back and no issue was recorded: unknown, not 100 %. */
	assert_int_equal(pp.issued, 0);

	/* The differences, field by field with the labels and the clerks. */
	assert_int_equal(yz_service_survey_diffs(&S.f->s, S.anon, 0, &d, &err), 0);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.n_papers, 1);
	assert_int_equal(d.n_waiting, 1);
	assert_int_equal(d.items[0].serial, 5);
	assert_string_equal(d.items[0].field, "sex");
	assert_non_null(strstr(d.items[0].label, "您的性别"));
	assert_string_equal(d.items[0].first, "女");
	assert_string_equal(d.items[0].second, "男");
	assert_string_equal(d.items[0].clerk1, S.zhangli.name);
	assert_string_equal(d.items[0].clerk2, "李四");
	assert_string_equal(d.items[1].field, "env_2");
	assert_non_null(strstr(d.items[1].label, "卫生"));
	assert_string_equal(d.items[1].first, "一般");
	assert_string_equal(d.items[1].second, "不满意");
	yz_survey_diffs_free(&d);
	assert_int_equal(yz_service_survey_diffs(&S.f->s, S.anon, 6, &d, &err), 0);
	assert_int_equal(d.n, 0);
	yz_survey_diffs_free(&d);

	/* Settling: the two keying clerks are refused (audited). */
	denied = test_audit_count(S.db, "survey_denied");
	yz_values_set(&fin, "sex", "女");
	as(&S.lisi);
	assert_int_equal(yz_service_survey_reconcile(&S.f->s, S.anon, 5, &fin, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	as(&S.zhangli);
	assert_int_equal(yz_service_survey_reconcile(&S.f->s, S.anon, 5, &fin, &err), -1);
	assert_int_equal(test_audit_count(S.db, "survey_denied"), denied + 2);
	/* A value no option has: refused. */
	as(&S.wangwu);
	yz_values_set(&fin, "env_2", "很差");
	assert_int_equal(yz_service_survey_reconcile(&S.f->s, S.anon, 5, &fin, &err), -1);
	each(S.anon, &x);
	assert_int_equal(x.n, 1);
	/* wangwu, who keyed neither, settles it: sex as given, env_2 absent from
	 * final takes the first keying's value. */
	yz_values_clear(&fin);
	yz_values_set(&fin, "sex", "女");
	if (yz_service_survey_reconcile(&S.f->s, S.anon, 5, &fin, &err) != 0)
		fail_msg("reconcile: %s", err.msg);
	assert_int_equal(test_audit_count(S.db, "survey_reconciled"), 1);
	assert_int_equal(yz_service_survey_reconcile(&S.f->s, S.anon, 5, &fin, &err), -1);
	/* The anonymous survey's audit rows name no paper: not its keyings, not
	 * the refusals above, not the settling (each has a row of its own). */
	assert_true(
	    sql_long("SELECT count(*) FROM audit WHERE detail LIKE 'survey needs%'", NULL) >= 8);
	assert_int_equal(sql_long("SELECT count(*) FROM audit WHERE detail LIKE 'survey needs%'"
	                          " AND detail LIKE '%serial %'",
	                          NULL),
	                 0);

	each(S.anon, &x);
	assert_int_equal(x.n, 2);
	assert_int_equal(x.serial[0], 5);
	assert_string_equal(x.sex[0], "女");
	assert_string_equal(x.env2[0], "一般");
	assert_string_equal(x.why[0], "路灯坏了");
	assert_int_equal(x.mode[0], YZ_SURVEY_PROXY);
	assert_int_equal(x.serial[1], 6);
	assert_string_equal(x.env2[1], "一般");
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.anon, &pp, &err), 0);
	assert_int_equal(pp.counted, 2);
	assert_int_equal(pp.different, 0);
	assert_int_equal(pp.by_mode[YZ_SURVEY_PROXY], 1);
	assert_int_equal(pp.by_mode[YZ_SURVEY_SELF], 1);

	/* The head settles too (paper 8: the head keyed neither). */
	as(&S.lisi);
	needs_paper(&v, 8, YZ_SURVEY_SELF, "男", "满意", NULL, "满意", "满意");
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	as(&S.zhangli);
	needs_paper(&v, 8, YZ_SURVEY_SELF, "男", "非常不满意", "太吵", "满意", "满意");
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	assert_int_equal(out.n_diffs, 2); /* satisfy, and why only the second asked */
	assert_int_equal(yz_service_survey_diffs(&S.f->s, S.anon, 8, &d, &err), 0);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.items[0].field, "satisfy");
	assert_string_equal(d.items[1].field, "why");
	assert_string_equal(d.items[1].first, "");
	assert_string_equal(d.items[1].second, "太吵");
	yz_survey_diffs_free(&d);
	/* The head picks the first keying's 满意: "why" is then not asked, so
	 * the second keying's reason is not kept even though final gives it. */
	as(&S.head);
	yz_values_clear(&fin);
	yz_values_set(&fin, "satisfy", "满意");
	yz_values_set(&fin, "why", "太吵");
	assert_int_equal(yz_service_survey_reconcile(&S.f->s, S.anon, 8, &fin, &err), 0);
	char val[64];
	stored("needs", 8, 0, "satisfy", val, sizeof val);
	assert_string_equal(val, "满意");
	stored("needs", 8, 0, "why", val, sizeof val);
	assert_string_equal(val, "-");

	/* A response answered at the counter: there is no paper to key again,
	 * so it counts at once (pass 0) though the survey is keyed twice, and it
	 * cannot be keyed a second time. Its number is the counter's, drawn at
	 * random from YZ_SURVEY_COUNTER_FIRST up; that range is refused to a
	 * returned paper. */
	as(&S.zhangli);
	long cs = 0;
	needs_paper(&v, YZ_SURVEY_COUNTER_FIRST + 4, YZ_SURVEY_SELF, "女", "满意", NULL, "满意",
	            "一般");
	assert_int_equal(enter(S.anon, &v, &out, &err), -1);
	assert_int_equal(yz_service_survey_counter_serial(&S.f->s, S.anon, &cs, &err), 0);
	assert_true(cs >= YZ_SURVEY_COUNTER_FIRST && cs <= YZ_SURVEY_SERIAL_MAX);
	needs_paper(&v, cs, YZ_SURVEY_COUNTER, "女", "满意", NULL, "满意", "一般");
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	assert_int_equal(out.pass, 0);
	assert_int_equal(out.state, YZ_SENTRY_COUNTED);
	as(&S.lisi);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.anon, cs, &pass, &err), -1);
	each(S.anon, &x);
	assert_int_equal(x.n, 4);
	assert_int_equal(x.serial[3], cs);
	assert_int_equal(x.mode[3], YZ_SURVEY_COUNTER);
	yz_values_clear(&fin);
	yz_values_clear(&v);
}

/* The anonymous survey in the station file: nothing links a paper to a
 * person. */
static void test_anonymous_sql(void **state)
{
	(void)state;
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	yz_resident r;
	char rid[32];
	const char *tables[] = {"survey_papers", "survey_entries", "survey_answers",
	                        "survey_people", "survey_proxies", "survey_issued"};

	/* A caller that sends a respondent for an anonymous survey: not kept. */
	as(&S.zhangli);
	needs_paper(&v, 9, YZ_SURVEY_PROXY, "女", "满意", NULL, "满意", "满意");
	yz_values_set(&v, YZ_SURVEY_F_RESPONDENT, S.f->idno);
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);

	assert_int_equal(sql_long("SELECT count(*) FROM survey_people p JOIN survey_papers s"
	                          " ON s.id = p.paper WHERE s.survey = 'needs'",
	                          NULL),
	                 0);
	/* No ID number, phone or resident id in any survey table's any column. */
	assert_int_equal(yz_resident_by_idno(S.f->store, S.f->idno, &r, &err), 0);
	snprintf(rid, sizeof rid, "%lld", (long long)r.id);
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		assert_int_equal(anywhere(tables[t], S.f->idno), 0);
		assert_int_equal(anywhere(tables[t], "陈秀英"), 0);
		if (r.phone[0])
			assert_int_equal(anywhere(tables[t], r.phone), 0);
	}
	assert_int_equal(
	    sql_long("SELECT count(*) FROM survey_answers WHERE instr(value, ?1) > 0", S.f->idno),
	    0);
	if (r.phone[0])
		assert_int_equal(
		    sql_long("SELECT count(*) FROM survey_answers WHERE instr(value, ?1)", r.phone),
		    0);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_people WHERE resident = ?1 AND"
	                          " paper IN (SELECT id FROM survey_papers WHERE survey = 'needs')",
	                          rid),
	                 0);
	/* Only survey_people has a column that can hold a person. */
	assert_int_equal(
	    sql_long("SELECT count(*) FROM sqlite_schema m, pragma_table_info(m.name) c"
	             " WHERE m.type = 'table' AND m.name LIKE 'survey%'"
	             " AND (c.name LIKE '%resident%' OR c.name LIKE '%idno%'"
	             " OR c.name LIKE '%phone%' OR c.name LIKE '%proxy%')"
	             " AND m.name NOT IN ('survey_people', 'survey_proxies')",
	             NULL),
	    0);
	/* Days, never times. */
	assert_int_equal(sql_long("SELECT count(*) FROM survey_papers WHERE entered_on NOT GLOB"
	                          " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'",
	                          NULL),
	                 0);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_entries WHERE entered_on NOT GLOB"
	                          " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'",
	                          NULL),
	                 0);
	assert_true(sql_long("SELECT count(*) FROM survey_papers", NULL) >= 5);
	/* The proxy: counted per worker (papers 5, 7 and 9 of the anonymous
	 * survey: first keyings only), never with a paper. */
	assert_int_equal(sql_long("SELECT papers FROM survey_proxies WHERE survey = 'needs'"
	                          " AND proxy = '王芳'",
	                          NULL),
	                 3);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_answers WHERE value = '王芳'", NULL),
	                 0);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_people p JOIN survey_papers s"
	                          " ON s.id = p.paper WHERE s.survey = 'needs'",
	                          NULL),
	                 0);
	yz_values_clear(&v);
}

/* The value of key in a draft read back, or NULL. */
static const char *kv_get(const yz_kv_list *kv, const char *key)
{
	for (size_t i = 0; i < kv->n; i++)
		if (!strcmp(kv->keys[i], key))
			return kv->vals[i];
	return NULL;
}

/* A half-keyed paper's draft: every value typed, but an anonymous survey's
 * never keeps the proxy's name; a named survey's does. */
static void test_draft(void **state)
{
	(void)state;
	yz_err err = {0};
	yz_values v = {0};
	yz_kv_list kv = {0};

	as(&S.zhangli);
	paper(&v, 31, YZ_SURVEY_PROXY);
	yz_values_set(&v, YZ_SURVEY_F_PROXY, "王芳");
	yz_values_set(&v, "sex", "女");
	if (yz_service_survey_draft_save(&S.f->s, S.anon, "survey18-anon", &v, &err) != 0)
		fail_msg("draft: %s", err.msg);
	assert_int_equal(yz_service_draft_load(&S.f->s, "survey18-anon", &kv, &err), 0);
	assert_string_equal(kv_get(&kv, YZ_SURVEY_F_SERIAL), "31");
	assert_string_equal(kv_get(&kv, "sex"), "女");
	assert_null(kv_get(&kv, YZ_SURVEY_F_PROXY));
	yz_service_kv_free(&kv);
	assert_int_equal(sql_long("SELECT count(*) FROM drafts WHERE data LIKE '%王芳%'", NULL), 0);

	if (yz_service_survey_draft_save(&S.f->s, S.named, "survey18-named", &v, &err) != 0)
		fail_msg("draft: %s", err.msg);
	assert_int_equal(yz_service_draft_load(&S.f->s, "survey18-named", &kv, &err), 0);
	assert_string_equal(kv_get(&kv, YZ_SURVEY_F_PROXY), "王芳");
	yz_service_kv_free(&kv);
	assert_int_equal(yz_service_draft_delete(&S.f->s, "survey18-anon", &err), 0);
	assert_int_equal(yz_service_draft_delete(&S.f->s, "survey18-named", &err), 0);
	yz_values_clear(&v);
}

/* Serials handed out: recorded once each, the next batch after them. */
static void test_issue(void **state)
{
	(void)state;
	yz_err err = {0};
	long next = 0;
	yz_survey_papers pp;
	yz_survey_entered out;
	yz_values v = {0};

	as(&S.zhangli);
	/* health: papers 1 and 2 were keyed, none issued. */
	assert_int_equal(yz_service_survey_next_serial(&S.f->s, S.named, &next, &err), 0);
	assert_int_equal(next, 3);
	assert_int_equal(yz_service_survey_issue(&S.f->s, S.named, 1, 10, &err), 0);
	assert_int_equal(yz_service_survey_next_serial(&S.f->s, S.named, &next, &err), 0);
	assert_int_equal(next, 11);
	assert_int_equal(yz_service_survey_issue(&S.f->s, S.named, 5, 10, &err), 0);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &pp, &err), 0);
	assert_int_equal(pp.issued, 14);
	assert_int_equal(test_audit_count(S.db, "survey_issued"), 2);
	/* A counter response counts as issued too. */
	long cs = 0;
	assert_int_equal(yz_service_survey_counter_serial(&S.f->s, S.named, &cs, &err), 0);
	paper(&v, cs, YZ_SURVEY_COUNTER);
	yz_values_set(&v, "sex", "男");
	assert_int_equal(enter(S.named, &v, &out, &err), 0);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &pp, &err), 0);
	assert_int_equal(pp.issued, 15);
	assert_int_equal(pp.returned, 3);
	/* ... but not in the next batch's number: counter responses' serials are
	 * drawn at random (yz_service_survey_counter_serial), so the next paper
	 * follows the highest one issued, 14. */
	assert_int_equal(yz_service_survey_next_serial(&S.f->s, S.named, &next, &err), 0);
	assert_int_equal(next, 15);
	/* Out of range: refused. */
	assert_int_equal(yz_service_survey_issue(&S.f->s, S.named, 999999999L, 2, &err), -1);
	assert_int_equal(yz_service_survey_issue(&S.f->s, S.named, 0, 2, &err), -1);
	assert_int_equal(test_audit_count(S.db, "survey_issued"), 2);
	/* Another survey's serials are its own. */
	assert_int_equal(yz_service_survey_next_serial(&S.f->s, S.anon, &next, &err), 0);
	assert_int_equal(next, 10);
	yz_values_clear(&v);
}

/* The two keyings disagree on how the paper came back: the mode is a
 * difference like any answer, and the settled paper takes the mode given. */
static void test_mode_differs(void **state)
{
	(void)state;
	yz_values v = {0}, fin = {0};
	yz_survey_entered out;
	yz_err err = {0};
	yz_survey_diffs d;
	yz_survey_papers pp;
	seen x;
	long proxy_before;

	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.anon, &pp, &err), 0);
	proxy_before = pp.by_mode[YZ_SURVEY_PROXY];
	as(&S.lisi);
	needs_paper(&v, 10, YZ_SURVEY_SELF, "男", "一般", NULL, "满意", "满意");
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	as(&S.wangwu);
	needs_paper(&v, 10, YZ_SURVEY_PROXY, "男", "一般", NULL, "满意", "满意");
	assert_int_equal(enter(S.anon, &v, &out, &err), 0);
	assert_int_equal(out.state, YZ_SENTRY_DIFFERENT);
	assert_int_equal(out.n_diffs, 1);
	assert_int_equal(yz_service_survey_diffs(&S.f->s, S.anon, 10, &d, &err), 0);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].field, YZ_SURVEY_F_MODE);
	assert_string_equal(d.items[0].first, yz_survey_mode_label(YZ_SURVEY_SELF));
	assert_string_equal(d.items[0].second, yz_survey_mode_label(YZ_SURVEY_PROXY));
	assert_string_equal(d.items[0].clerk2, "王五");
	yz_survey_diffs_free(&d);
	as(&S.zhangli);
	yz_values_set(&fin, YZ_SURVEY_F_MODE, yz_survey_mode_label(YZ_SURVEY_PROXY));
	assert_int_equal(yz_service_survey_reconcile(&S.f->s, S.anon, 10, &fin, &err), 0);
	each(S.anon, &x);
	assert_true(x.n >= 2);
	/* by serial: 10 comes before the counter response's (from 500000000) */
	assert_int_equal(x.serial[x.n - 2], 10);
	assert_int_equal(x.mode[x.n - 2], YZ_SURVEY_PROXY);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.anon, &pp, &err), 0);
	assert_int_equal(pp.by_mode[YZ_SURVEY_PROXY], proxy_before + 1);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_papers WHERE survey = 'needs'"
	                          " AND serial = 10 AND mode = 'proxy' AND state = 0",
	                          NULL),
	                 1);
	yz_values_clear(&fin);
	yz_values_clear(&v);
}

/* Nobody signed in: refused and audited, nothing stored. */
static void test_signed_out(void **state)
{
	(void)state;
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	yz_user nobody = {0};
	long denied = test_audit_count(S.db, "survey_denied");
	long papers = sql_long("SELECT count(*) FROM survey_papers", NULL);

	as(&nobody);
	paper(&v, 30, YZ_SURVEY_SELF);
	assert_int_equal(enter(S.named, &v, &out, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(yz_service_survey_issue(&S.f->s, S.named, 40, 5, &err), -1);
	assert_int_equal(test_audit_count(S.db, "survey_denied"), denied + 2);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_papers", NULL), papers);
	as(&S.zhangli);
	yz_values_clear(&v);
}

/* A whole paper of a shipped survey: every question asked answered (its
 * first option, a number in range, a date, a few words), keyed twice alike. */
static void fill_all(const yz_survey *sv, yz_values *v, long serial)
{
	paper(v, serial, YZ_SURVEY_SELF);
	for (size_t i = 0; i < sv->n_questions; i++) {
		const yz_question *q = &sv->questions[i];
		char buf[64];
		switch (q->kind) {
		case YZ_Q_SINGLE:
		case YZ_Q_MULTI:
		case YZ_Q_SCALE:
			yz_values_set(v, q->id, q->options[0]);
			break;
		case YZ_Q_GRID:
			for (size_t k = 0; k < q->n_items; k++) {
				snprintf(buf, sizeof buf, "%s_%zu", q->id, k + 1);
				yz_values_set(v, buf, q->options[0]);
			}
			break;
		case YZ_Q_NUMBER:
			snprintf(buf, sizeof buf, "%lld", (long long)(q->has_min ? q->min : 1));
			yz_values_set(v, q->id, buf);
			break;
		case YZ_Q_DATE:
			yz_values_set(v, q->id, "2026-12-01");
			break;
		case YZ_Q_TEXT:
		case YZ_Q_LONG:
			yz_values_set(v, q->id, "挺好");
			break;
		}
	}
}

typedef struct one_paper {
	yz_values v;
	long n;
} one_paper;

static int keep_one(long serial, yz_survey_mode mode, const yz_values *v, void *ctx)
{
	one_paper *o = ctx;

	if (serial != 100)
		return 0; /* the test's earlier papers of the same survey id */
	assert_int_equal(mode, YZ_SURVEY_SELF);
	for (size_t i = 0; i < v->n; i++)
		yz_values_set(&o->v, v->keys[i], v->vals[i]);
	o->n++;
	return 0;
}

/* The shipped surveys (forms/surveys) and the district's published ones over
 * them; a paper of the needs survey keyed twice alike counts with every
 * answer it was asked. */
static void test_shipped_surveys(void **state)
{
	(void)state;
	yz_survey_set set = {0};
	yz_diags d = {0};
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	one_paper o = {0};
	yz_eval_env env;
	const yz_survey *needs;
	char dir[600], path[700];
	FILE *f;

	if (yz_service_surveys(&S.f->s, &set, &d) != 0)
		fail_msg("surveys: %s", d.n ? d.items[0] : "?");
	needs = yz_survey_set_find(&set, "needs");
	assert_non_null(needs);
	assert_non_null(yz_survey_set_find(&set, "satisfaction"));
	assert_non_null(yz_survey_set_find(&set, "employment"));
	assert_non_null(yz_survey_set_find(&set, "environment"));
	assert_true(needs->anonymous);
	assert_true(needs->double_entry);

	/* The shipped needs survey's id is the same as the test's anonymous one:
	 * its papers start after those (serial 100). */
	fill_all(needs, &v, 100);
	as(&S.zhangli);
	if (enter(needs, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	assert_int_equal(out.state, YZ_SENTRY_WAITING);
	as(&S.lisi);
	assert_int_equal(enter(needs, &v, &out, &err), 0);
	assert_int_equal(out.state, YZ_SENTRY_COUNTED);
	as(&S.head);
	assert_int_equal(yz_service_survey_each(&S.f->s, needs, keep_one, &o, &err), 0);
	/* Every question the paper asks has its answer back; none other. */
	yz_service_eval_env(&S.f->s, &env);
	size_t asked = 0;
	for (size_t i = 0; i < needs->n_questions; i++) {
		const yz_question *q = &needs->questions[i];
		const char *ids[64];
		size_t n = yz_survey_fields_of(needs, q, ids, 64);
		bool is_asked = yz_survey_asked(needs, q, &v, &env);
		asked += is_asked;
		for (size_t k = 0; k < n && k < 64; k++) {
			const char *mine = yz_values_get(&v, ids[k]);
			const char *back = yz_values_get(&o.v, ids[k]);
			if (is_asked && mine && mine[0])
				assert_string_equal(back ? back : "(none)", mine);
			else
				assert_null(back);
		}
	}
	assert_int_equal(o.n, 1);
	assert_true(asked >= 10);
	char val[64];
	stored("needs", 100, 0, needs->questions[0].id, val, sizeof val);
	assert_string_equal(val, yz_values_get(&v, needs->questions[0].id));
	yz_values_clear(&o.v);
	yz_survey_set_free(&set);
	yz_diags_free(&d);

	/* The district publishes its own needs survey and another one. */
	yz_config_district_forms_dir(&S.f->cfg, dir, sizeof dir);
	snprintf(path, sizeof path, "mkdir -p '%s/surveys'", dir);
	assert_int_equal(system(path), 0);
	snprintf(path, sizeof path, "%s/surveys/needs.survey", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(anon_src, f);
	fclose(f);
	snprintf(path, sizeof path, "%s/surveys/health.survey", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(named_src, f);
	fclose(f);
	if (yz_service_surveys(&S.f->s, &set, &d) != 0)
		fail_msg("surveys: %s", d.n ? d.items[0] : "?");
	needs = yz_survey_set_find(&set, "needs");
	assert_non_null(needs);
	assert_int_equal(needs->n_questions, 4); /* the district's */
	assert_non_null(yz_survey_set_find(&set, "health"));
	assert_non_null(yz_survey_set_find(&set, "satisfaction"));
	yz_survey_set_free(&set);
	yz_diags_free(&d);
	yz_values_clear(&v);
}

/* ---- issue 18, the third round's mends ------------------------------------------------ */

/* An anonymous survey's response at the counter (mend18 X2 0, 1): a random
 * serial outside the run of the papers (next_serial does not move), no clerk
 * with it, a paper id not in keying order, and no audit row of the survey
 * naming a serial — keying, refusals and void alike. */
static void test_anonymous_counter(void **state)
{
	(void)state;
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	long next_before = 0, next_after = 0, serial = 0, serial2 = 0;
	char num[32], sql[256];

	as(&S.zhangli);
	assert_int_equal(yz_service_survey_next_serial(&S.f->s, S.anon, &next_before, &err), 0);
	assert_int_equal(yz_service_survey_counter_serial(&S.f->s, S.anon, &serial, &err), 0);
	assert_int_equal(yz_service_survey_counter_serial(&S.f->s, S.anon, &serial2, &err), 0);
	assert_true(serial >= 1 && serial <= YZ_SURVEY_SERIAL_MAX);
	/* a billion numbers: two draws alike, or the next one, once in 10^9 */
	assert_true(serial != serial2);
	assert_true(serial != next_before);
	needs_paper(&v, serial, YZ_SURVEY_COUNTER, "男", "满意", NULL, "满意", "一般");
	if (enter(S.anon, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	assert_int_equal(out.serial, serial);
	assert_int_equal(out.pass, 0);
	assert_int_equal(out.state, YZ_SENTRY_COUNTED);
	/* next_serial leaves the counter paper out */
	assert_int_equal(yz_service_survey_next_serial(&S.f->s, S.anon, &next_after, &err), 0);
	assert_int_equal(next_after, next_before);
	/* no clerk with pass 0 of the counter response */
	snprintf(num, sizeof num, "%ld", serial);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_entries e JOIN survey_papers p ON"
	                          " p.id = e.paper WHERE p.survey = 'needs' AND p.serial = ?1"
	                          " AND e.pass = 0 AND e.clerk IS NULL",
	                          num),
	                 1);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_entries e JOIN survey_papers p ON"
	                          " p.id = e.paper WHERE p.survey = 'needs' AND p.serial = ?1"
	                          " AND e.clerk IS NOT NULL",
	                          num),
	                 0);
	/* the papers' ids are not in keying order: drawn from 1..9e18, none of
	 * them is small */
	assert_int_equal(sql_long("SELECT count(*) FROM survey_papers WHERE id < 1000000", NULL),
	                 0);
	/* the same serial again: refused, and the refusal does not name it */
	assert_int_equal(enter(S.anon, &v, &out, &err), -1);
	/* the audit says a counter response of the survey was taken, by whom,
	 * nothing more */
	assert_true(sql_long("SELECT count(*) FROM audit WHERE action = 'survey_entered' AND"
	                     " detail = 'survey needs counter response' AND actor = 'zhangli'",
	                     NULL) >= 1);
	/* a named survey's counter response: random too, its clerk kept */
	assert_int_equal(yz_service_survey_counter_serial(&S.f->s, S.named, &serial2, &err), 0);
	paper(&v, serial2, YZ_SURVEY_COUNTER);
	yz_values_set(&v, "sex", "男");
	if (enter(S.named, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	snprintf(num, sizeof num, "%ld", serial2);
	assert_int_equal(sql_long("SELECT count(*) FROM survey_entries e JOIN survey_papers p ON"
	                          " p.id = e.paper WHERE p.survey = 'health' AND p.serial = ?1"
	                          " AND e.pass = 0 AND e.clerk IS NOT NULL",
	                          num),
	                 1);
	/* void the anonymous one (the head): its audit row has the reason, not
	 * the serial */
	as(&S.head);
	if (yz_service_survey_void(&S.f->s, S.anon, serial, "测试作废", &err) != 0)
		fail_msg("void: %s", err.msg);
	as(&S.zhangli);
	/* no audit row of the anonymous survey names a serial: keying, reconcile
	 * (test_double_entry), refusals, void */
	snprintf(sql, sizeof sql, "%ld", serial);
	assert_int_equal(sql_long("SELECT count(*) FROM audit WHERE detail LIKE 'survey needs%'"
	                          " AND (detail LIKE '%serial%' OR instr(detail, ?1) > 0)",
	                          sql),
	                 0);
	assert_true(
	    sql_long("SELECT count(*) FROM audit WHERE detail LIKE 'survey needs%'", NULL) >= 5);
	yz_values_clear(&v);
}

/* A paper voided (mend18 X2 3): refused to a clerk (audited), done by the
 * head with the reason in the audit; the paper goes, so it can be keyed
 * again, and its serial stays issued. */
static void test_void(void **state)
{
	(void)state;
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	yz_survey_papers before, after;
	long denied = test_audit_count(S.db, "survey_denied");
	char val[64];

	as(&S.zhangli);
	/* health paper 1 (test_single_entry), issued in test_issue */
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &before, &err), 0);
	assert_int_equal(yz_service_survey_void(&S.f->s, S.named, 1, "录错了", &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(test_audit_count(S.db, "survey_denied"), denied + 1);
	as(&S.head);
	assert_int_equal(yz_service_survey_void(&S.f->s, S.named, 1, "", &err), -1);
	assert_int_equal(yz_service_survey_void(&S.f->s, S.named, 77, "录错了", &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	long voided = test_audit_count(S.db, "survey_voided");
	if (yz_service_survey_void(&S.f->s, S.named, 1, "录错了", &err) != 0)
		fail_msg("void: %s", err.msg);
	assert_int_equal(test_audit_count(S.db, "survey_voided"), voided + 1);
	assert_int_equal(sql_long("SELECT count(*) FROM audit WHERE action = 'survey_voided' AND"
	                          " detail = 'survey health serial 1 reason: 录错了'",
	                          NULL),
	                 1);
	assert_int_equal(
	    sql_long("SELECT count(*) FROM survey_papers WHERE survey = 'health' AND serial = 1",
	             NULL),
	    0);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &after, &err), 0);
	assert_int_equal(after.issued, before.issued);
	assert_int_equal(after.returned, before.returned - 1);
	/* keyed again, with the right answer */
	as(&S.zhangli);
	paper(&v, 1, YZ_SURVEY_SELF);
	yz_values_set(&v, "sex", "男");
	if (enter(S.named, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	stored("health", 1, 0, "sex", val, sizeof val);
	assert_string_equal(val, "男");
	yz_values_clear(&v);
}

/* Printing numbered papers records their issue; batches (mend18 X2 4, 8, 2)
 * are taken in one write transaction and never overlap; a reprint adds
 * nothing; at most YZ_SURVEY_PRINT_MAX a call. */
static void test_batches(void **state)
{
	(void)state;
	yz_err err = {0};
	yz_survey_papers before, after;
	long first1 = 0, first2 = 0, next = 0, added = -1;

	as(&S.zhangli);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &before, &err), 0);
	assert_int_equal(yz_service_survey_next_serial(&S.f->s, S.named, &next, &err), 0);
	yz_doc *d = yz_service_survey_paper(&S.f->s, S.named, next, 3, &err);
	assert_non_null(d);
	yz_doc_free(d);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &after, &err), 0);
	assert_int_equal(after.issued, before.issued + 3);
	/* two batches one after the other: the second starts after the first */
	assert_int_equal(yz_service_survey_issue_next(&S.f->s, S.named, 4, &first1, &err), 0);
	assert_int_equal(first1, next + 3);
	assert_int_equal(yz_service_survey_issue_next(&S.f->s, S.named, 5, &first2, &err), 0);
	assert_int_equal(first2, first1 + 4);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &after, &err), 0);
	/* 15 .. 26: the counter response of test_issue has a number of the
	 * counter's range, never in a batch */
	assert_int_equal(next, 15);
	assert_int_equal(after.issued, before.issued + 3 + 4 + 5);
	/* a reprint of the first batch: nothing new, no issue audited */
	long issued_rows = test_audit_count(S.db, "survey_issued");
	assert_int_equal(yz_service_survey_issue_added(&S.f->s, S.named, first1, 4, &added, &err),
	                 0);
	assert_int_equal(added, 0);
	assert_int_equal(test_audit_count(S.db, "survey_issued"), issued_rows);
	assert_int_equal(
	    yz_service_survey_issue_added(&S.f->s, S.named, first2 + 3, 4, &added, &err), 0);
	assert_int_equal(added, 2);
	/* a slip of the keyboard: refused, nothing recorded */
	assert_int_equal(yz_service_survey_issue(&S.f->s, S.named, first2 + 10, 2000000, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(
	    yz_service_survey_issue_next(&S.f->s, S.named, YZ_SURVEY_PRINT_MAX + 1, &first1, &err),
	    -1);
	assert_int_equal(
	    yz_service_survey_issue(&S.f->s, S.named, first2 + 10, YZ_SURVEY_PRINT_MAX, &err), 0);
	assert_int_equal(yz_service_survey_papers_count(&S.f->s, S.named, &after, &err), 0);
	assert_int_equal(after.issued, before.issued + 3 + 4 + 5 + 2 + YZ_SURVEY_PRINT_MAX);
}

/* A serial never issued (mend18 X2 6): refused when the survey has issued
 * serials, naming their extent and how to record more; a counter response's
 * random serial is not a paper and is taken; with no issue recorded, any. */
static void test_unissued(void **state)
{
	(void)state;
	yz_err err = {0};
	int pass = -1;
	long hi = sql_long("SELECT max(serial) FROM survey_issued WHERE survey = 'health'", NULL);

	as(&S.zhangli);
	assert_true(hi > 0);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.named, hi + 1000, &pass, &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "0001"));
	assert_non_null(strstr(err.msg, "yizhan survey issue"));
	assert_int_equal(
	    yz_service_survey_serial_check_at(&S.f->s, S.named, hi + 1000, true, &pass, &err), 0);
	/* an issued one that was not keyed: taken */
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.named, hi, &pass, &err), 0);
	/* the anonymous survey has no issue recorded: any serial */
	assert_int_equal(
	    sql_long("SELECT count(*) FROM survey_issued WHERE survey = 'needs'", NULL), 0);
	assert_int_equal(yz_service_survey_serial_check(&S.f->s, S.anon, 555, &pass, &err), 0);
}

/* A multichoice keyed twice with the same ticks in another order (mend18 X2
 * 5): the same answer, stored in option order. */
static const char multi_src[] = "survey picks\n"
                                "    title 服务需求\n"
                                "    purpose 了解需求\n"
                                "    period 2026-12-01 2026-12-31\n"
                                "    target 全体居民\n"
                                "    double_entry yes\n"
                                "\n"
                                "question services multi\n"
                                "    label 您需要哪些服务\n"
                                "    option 养老服务\n"
                                "    option 助餐服务\n"
                                "    option 医疗服务\n";

static void test_multichoice_order(void **state)
{
	(void)state;
	yz_survey *sv = parse("picks.survey", multi_src);
	yz_values v = {0};
	yz_survey_entered out;
	yz_err err = {0};
	char val[128];

	as(&S.lisi);
	paper(&v, 1, YZ_SURVEY_SELF);
	yz_values_set(&v, "services", "医疗服务" YZ_MULTI_SEP "养老服务");
	if (enter(sv, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	as(&S.wangwu);
	yz_values_set(&v, "services", "养老服务" YZ_MULTI_SEP "医疗服务");
	if (enter(sv, &v, &out, &err) != 0)
		fail_msg("enter: %s", err.msg);
	assert_int_equal(out.state, YZ_SENTRY_COUNTED);
	assert_int_equal(out.n_diffs, 0);
	stored("picks", 1, 1, "services", val, sizeof val);
	assert_string_equal(val, "养老服务" YZ_MULTI_SEP "医疗服务");
	stored("picks", 1, 0, "services", val, sizeof val);
	assert_string_equal(val, "养老服务" YZ_MULTI_SEP "医疗服务");
	yz_values_clear(&v);
	yz_survey_free(sv);
}

/* Every answer of a survey is the head's and the admin's (mend18 X2 7): a
 * clerk's call is refused and audited. */
static void test_each_head_only(void **state)
{
	(void)state;
	yz_err err = {0};
	seen x;
	long denied = test_audit_count(S.db, "survey_denied");

	as(&S.zhangli);
	memset(&x, 0, sizeof x);
	assert_int_equal(yz_service_survey_each(&S.f->s, S.anon, collect, &x, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(x.n, 0);
	assert_int_equal(test_audit_count(S.db, "survey_denied"), denied + 1);
	as(&S.head);
	assert_int_equal(yz_service_survey_each(&S.f->s, S.anon, collect, &x, &err), 0);
	assert_true(x.n > 0);
	as(&S.zhangli);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_single_entry),
	    cmocka_unit_test(test_skip_logic),
	    cmocka_unit_test(test_double_entry),
	    cmocka_unit_test(test_anonymous_sql),
	    cmocka_unit_test(test_issue),
	    cmocka_unit_test(test_mode_differs),
	    cmocka_unit_test(test_draft),
	    cmocka_unit_test(test_signed_out),
	    cmocka_unit_test(test_shipped_surveys),
	    cmocka_unit_test(test_anonymous_counter),
	    cmocka_unit_test(test_void),
	    cmocka_unit_test(test_batches),
	    cmocka_unit_test(test_unissued),
	    cmocka_unit_test(test_multichoice_order),
	    cmocka_unit_test(test_each_head_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
