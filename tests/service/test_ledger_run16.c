/* Issue 16, running ledgers on a hand-built station whose right answers are
 * known: a few residents in two grids, a special group only the head sees,
 * cases of several forms on known dates (closed on time and late, one
 * paused, one forwarded and answered, one rated badly), volunteers' hours
 * before and in the period; small ledger files written here. Checks the
 * report's rows and cells: every kind of key, the period, the line, clerk
 * and state filters, a condition, sort, groups with subtotals and the total,
 * the running balance from before the period, the sequence numbers; a clerk
 * refused with an audit row; a tag that names no special group refused by
 * yz_service_ledgers_load with the file, line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "audit_count.h"
#include "fixture.h"
#include "yizhan/store.h"

/* What the tests share: the station, its ledgers, the people. */
typedef struct world {
	fixture *f;
	yz_ledger_set set;
	char forms[300]; /* the temporary forms folder (ledgers/ in it) */
	time_t now;      /* the fixed clock */
	int64_t res_a, res_b, res_c, res_d;
	char num1[40], num2[40], num3[40];
} world;

static void set_day(world *w, const char *day)
{
	struct tm tm = {0};
	sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	w->now = mktime(&tm);
	yz_service_set_clock(&w->f->s, yz_clock_fixed(&w->now));
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int64_t add_resident(world *w, const char *name, const char *first17, int64_t household,
                            const char *relation)
{
	yz_err err = {{0}};
	yz_resident r = {0};

	snprintf(r.name, sizeof r.name, "%s", name);
	fixture_make_idno(first17, r.idno);
	snprintf(r.phone, sizeof r.phone, "1390000%04d", (int)(strlen(name) * 7 % 10000));
	r.household_id = household;
	snprintf(r.relation, sizeof r.relation, "%s", relation ? relation : "");
	if (yz_resident_add(w->f->store, &r, "zhangli", &err) != 0)
		fail_msg("resident %s: %s", name, err.msg);
	return r.id;
}

static int64_t room_household(world *w, int64_t station, const char *grid, const char *code)
{
	yz_err err = {{0}};
	int64_t g, b, u, room, h;

	assert_int_equal(yz_place_ensure(w->f->store, station, YZ_PLACE_GRID, grid, &g, &err), 0);
	assert_int_equal(yz_place_ensure(w->f->store, g, YZ_PLACE_BUILDING, code, &b, &err), 0);
	assert_int_equal(yz_place_ensure(w->f->store, b, YZ_PLACE_UNIT, "1单元", &u, &err), 0);
	assert_int_equal(yz_place_ensure(w->f->store, u, YZ_PLACE_ROOM, "101室", &room, &err), 0);
	assert_int_equal(yz_household_add_at(w->f->store, room, code, &h, &err), 0);
	return h;
}

/* A case of form_id for resident rid accepted on day (the clock set to it),
 * by clerk; on-the-spot ones closed at once. */
static yz_case add_case(world *w, const char *form_id, int64_t rid, const char *day,
                        const char *clerk, int promise, bool done, const char *const *keys,
                        const char *const *vals, size_t n)
{
	yz_err err = {{0}};
	yz_case c;
	const yz_form *form = yz_catalogue_find(&w->f->cat, form_id);

	assert_non_null(form);
	set_day(w, day);
	yz_case_new in = {.form_id = form->id,
	                  .item = form->title,
	                  .line = form->line,
	                  .resident_id = rid,
	                  .clerk_login = clerk,
	                  .accepted_date = day,
	                  .due_date = day,
	                  .status = done ? YZ_CASE_DONE : YZ_CASE_ACCEPTED,
	                  .promise_days = promise,
	                  .legal_days = promise + 10,
	                  .field_keys = keys,
	                  .field_vals = vals,
	                  .n_fields = n};
	if (yz_case_create(w->f->store, w->f->cfg.station_code, 2026, &in, &c, &err) != 0)
		fail_msg("case %s: %s", form_id, err.msg);
	if (!done) {
		assert_int_equal(
		    yz_case_recompute_due(w->f->store, NULL, c.id, (yz_date){2026, 1, 1}, &err), 0);
	}
	return c;
}

static yz_act act_on(world *w, const char *day, char buf[11])
{
	set_day(w, day);
	snprintf(buf, 11, "%s", day);
	return (yz_act){.actor = "zhangli", .today = buf};
}

/* The ledgers of the tests, in <forms>/ledgers. */
static const char ledger_cases[] =
    "ledger t_cases\n"
    "    title 测试办件\n"
    "    source cases\n"
    "    period case.accepted\n"
    "    sort number\n"
    "\n"
    "column no\n    label 序号\n    format seq\n"
    "column number\n    label 编号\n    value case.number\n"
    "    format id\n    total count\n"
    "column form\n    label 表\n    value case.form\n"
    "column name\n    label 姓名\n    value resident.name\n"
    "column status\n    label 状态\n    value case.status\n"
    "column result\n    label 结果\n    value case.result\n"
    "column closed\n    label 办结\n    value case.closed\n"
    "    format date\n"
    "column due\n    label 承诺\n    value case.due\n"
    "    format date\n"
    "column on_time\n    label 按时\n    value case.on_time\n"
    "column overdue\n    label 超期\n    value case.overdue\n"
    "column workdays\n    label 工作日\n    value case.workdays\n"
    "    format integer\n"
    "column pauses\n    label 补正\n    value case.pauses\n"
    "    format integer\n"
    "column dept\n    label 部门\n    value case.department\n"
    "column answer\n    label 答复\n    value forward.answer_days\n"
    "    format integer\n"
    "column rating\n    label 评价\n    value case.rating_label\n"
    "column grid\n    label 网格\n    value resident.grid\n"
    "column size\n    label 户人数\n    value resident.household_size\n"
    "    format integer\n"
    "column tags\n    label 类别\n    value resident.tags\n"
    "column clerk\n    label 受理人\n    value case.clerk\n";

static const char ledger_where[] = "ledger t_where\n"
                                   "    title 低保办件\n"
                                   "    source cases\n"
                                   "    where case.form = \"subsistence_allowance\"\n"
                                   "    sort accepted desc\n"
                                   "\n"
                                   "column number\n    label 编号\n    value case.number\n"
                                   "column accepted\n    label 受理\n    value case.accepted\n"
                                   "    format date\n"
                                   "column masked\n    label 身份证\n    value resident.idno\n"
                                   "    format id_masked\n"
                                   "column nm\n    label 姓名\n    value resident.name\n"
                                   "    format name_masked\n";

static const char ledger_vol[] = "ledger t_vol\n"
                                 "    title 时长\n"
                                 "    source cases\n"
                                 "    forms volunteer_hours\n"
                                 "    period case.accepted\n"
                                 "    sort volunteer\n"
                                 "    group volunteer\n"
                                 "\n"
                                 "column no\n    label 序号\n    format seq\n"
                                 "column volunteer\n    label 志愿者\n    value resident.name\n"
                                 "column hours\n    label 时长\n    value hours\n"
                                 "    format number\n    total sum\n"
                                 "column balance\n    label 累计\n    value hours\n"
                                 "    format number\n    running yes\n";

static const char ledger_res[] = "ledger t_res\n"
                                 "    title 名册\n"
                                 "    source residents\n"
                                 "    tags dibao corrections elderly\n"
                                 "    sort name kind\n"
                                 "    intro {station.name}：{period}，电话 {station.phone}\n"
                                 "\n"
                                 "column name\n    label 姓名\n    value resident.name\n"
                                 "column kind\n    label 类别\n    value tag.kind\n"
                                 "column age\n    label 年龄\n    value resident.age\n"
                                 "    format integer\n"
                                 "column tags\n    label 全部\n    value resident.tags\n"
                                 "column grid\n    label 网格\n    value household.grid\n"
                                 "column dibao\n    label 低保办件\n"
                                 "    value latest.subsistence_allowance\n"
                                 "column dibao_on\n    label 低保受理\n"
                                 "    value latest.subsistence_allowance.date\n    format date\n";

static const char ledger_fw[] = "ledger t_fw\n"
                                "    title 移交\n"
                                "    source forwards\n"
                                "\n"
                                "column number\n    label 编号\n    value case.number\n"
                                "column dept\n    label 部门\n    value forward.department\n"
                                "column sent\n    label 移交\n    value forward.sent\n"
                                "    format date\n"
                                "column answer\n    label 答复\n    value forward.result\n"
                                "column days\n    label 天数\n    value forward.answer_days\n"
                                "    format integer\n"
                                "column name\n    label 姓名\n    value resident.name\n";

static const char ledger_fw2[] = "ledger t_fw2\n"
                                 "    title 移交内容\n"
                                 "    source forwards\n"
                                 "    forms resident_request\n"
                                 "\n"
                                 "column number\n    label 编号\n    value case.number\n"
                                 "column dept\n    label 部门\n    value forward.department\n"
                                 "column content\n    label 内容\n    value content\n";

static const char ledger_fu[] = "ledger t_fu\n"
                                "    title 回访\n"
                                "    source followups\n"
                                "\n"
                                "column number\n    label 编号\n    value case.number\n"
                                "column due\n    label 应回访\n    value followup.due\n"
                                "    format date\n"
                                "column state\n    label 状态\n    value followup.state\n"
                                "column score\n    label 评分\n    value followup.score\n"
                                "    format integer\n"
                                "column comment\n    label 意见\n    value followup.comment\n";

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	yz_err err = {{0}};
	int64_t station, h1, h2;
	char day[11], path[400];
	yz_diags d = {0};

	assert_non_null(w);
	w->f = fixture_open("ledger16");
	snprintf(w->f->cfg.station_name, sizeof w->f->cfg.station_name, "%s", "幸福社区");
	snprintf(w->f->cfg.station_phone, sizeof w->f->cfg.station_phone, "%s", "0571-88886666");
	assert_int_equal(yz_user_add(w->f->store, "wang", "王站长", "13900000001", YZ_ROLE_HEAD,
	                             "demo1234", &err),
	                 0);
	assert_int_equal(yz_user_add(w->f->store, "liwei", "李伟", "13900000002", YZ_ROLE_CLERK,
	                             "demo1234", &err),
	                 0);

	/* Two grids; A and B in household 0001 (grid one), C alone in 0002
	 * (grid two), D in none. */
	assert_int_equal(
	    yz_place_ensure(w->f->store, 0, YZ_PLACE_STATION, "幸福社区", &station, &err), 0);
	h1 = room_household(w, station, "一网格", "0001");
	h2 = room_household(w, station, "二网格", "0002");
	set_day(w, "2026-01-05");
	w->res_a = add_resident(w, "王甲", "11010119800101003", h1, "户主");
	w->res_b = add_resident(w, "王乙", "11010119820202004", h1, "配偶");
	w->res_c = add_resident(w, "赵丙", "11010119400505005", h2, "户主");
	w->res_d = add_resident(w, "李丁", "11010119900303006", 0, NULL);
	assert_int_equal(yz_household_set_head(w->f->store, h1, w->res_a, "zhangli", NULL, &err),
	                 0);
	assert_int_equal(yz_household_set_head(w->f->store, h2, w->res_c, "zhangli", NULL, &err),
	                 0);
	yz_tag t = {.resident_id = w->res_a, .kind = YZ_TAG_DIBAO, .start = "2026-01-01"};
	assert_int_equal(yz_tag_add(w->f->store, &t, "zhangli", NULL, &err), 0);
	yz_tag t2 = {.resident_id = w->res_c, .kind = YZ_TAG_CORRECTIONS, .start = "2025-06-01"};
	assert_int_equal(yz_tag_add(w->f->store, &t2, "zhangli", NULL, &err), 0);
	/* a group that ended before the period */
	yz_tag t3 = {.resident_id = w->res_b,
	             .kind = YZ_TAG_DIBAO,
	             .start = "2025-01-01",
	             .end = "2026-06-30"};
	assert_int_equal(yz_tag_add(w->f->store, &t3, "zhangli", NULL, &err), 0);

	/* 1: di bao for A, accepted Monday 2 November, 10 working days, granted
	 * on the 10th: 6 working days, on time. */
	yz_case c1 = add_case(w, "subsistence_allowance", w->res_a, "2026-11-02", "zhangli", 10,
	                      false, NULL, NULL, 0);
	yz_act a = act_on(w, "2026-11-10", day);
	assert_int_equal(yz_case_close(w->f->store, c1.id, "done", YZ_RESULT_APPROVED, &a, &err),
	                 0);
	snprintf(w->num1, sizeof w->num1, "%s", c1.number);

	/* 2: a request of B, 5 working days (due 10 November), forwarded on the
	 * 4th to the city department, answered on the 9th (3 working days),
	 * resolved late on the 20th, rated dissatisfied. */
	yz_case c2 = add_case(w, "resident_request", w->res_b, "2026-11-03", "zhangli", 5, false,
	                      NULL, NULL, 0);
	a = act_on(w, "2026-11-04", day);
	assert_int_equal(
	    yz_case_forward_send(w->f->store, c2.id, "城管中队", "2026-11-10", &a, NULL, &err), 0);
	a = act_on(w, "2026-11-09", day);
	assert_int_equal(
	    yz_case_forward_result(w->f->store, c2.id, "已清理", "2026-11-09", &a, &err), 0);
	a = act_on(w, "2026-11-20", day);
	assert_int_equal(yz_case_close(w->f->store, c2.id, "done", YZ_RESULT_RESOLVED, &a, &err),
	                 0);
	a = act_on(w, "2026-11-21", day);
	assert_int_equal(
	    yz_case_rate(w->f->store, c2.id, 4, "太慢", "2026-11-25", false, &a, NULL, &err), 0);
	snprintf(w->num2, sizeof w->num2, "%s", c2.number);

	/* 3: di bao for C, accepted Thursday 5 November, paused from the 6th to
	 * the 12th (4 working days), open: due 25 November, overdue on the 30th. */
	yz_case c3 = add_case(w, "subsistence_allowance", w->res_c, "2026-11-05", "zhangli", 10,
	                      false, NULL, NULL, 0);
	a = act_on(w, "2026-11-06", day);
	assert_int_equal(yz_case_pause(w->f->store, c3.id, "户口本", "2026-11-13", &a, NULL, &err),
	                 0);
	a = act_on(w, "2026-11-12", day);
	assert_int_equal(yz_case_resume(w->f->store, NULL, c3.id, &a, &err), 0);
	snprintf(w->num3, sizeof w->num3, "%s", c3.number);

	/* Volunteers' hours: A 3 in October, 2 and 4 in November; D 5 (by liwei). */
	const char *k[] = {"activity", "hours"};
	const char *v1[] = {"清扫", "3"}, *v2[] = {"探访", "2"}, *v3[] = {"义诊", "4"},
	           *v4[] = {"宣传", "5"};
	add_case(w, "volunteer_hours", w->res_a, "2026-10-20", "zhangli", 0, true, k, v1, 2);
	add_case(w, "volunteer_hours", w->res_a, "2026-11-15", "zhangli", 0, true, k, v2, 2);
	add_case(w, "volunteer_hours", w->res_a, "2026-11-20", "zhangli", 0, true, k, v3, 2);
	add_case(w, "volunteer_hours", w->res_d, "2026-11-18", "liwei", 0, true, k, v4, 2);
	/* December: outside the period. */
	add_case(w, "subsistence_allowance", w->res_a, "2026-12-01", "zhangli", 10, false, NULL,
	         NULL, 0);
	set_day(w, "2026-12-06");

	snprintf(w->forms, sizeof w->forms, "%s/forms", w->f->home);
	assert_int_equal(mkdir(w->forms, 0750), 0);
	snprintf(path, sizeof path, "%s/ledgers", w->forms);
	assert_int_equal(mkdir(path, 0750), 0);
	snprintf(path, sizeof path, "%s/ledgers/t_cases.ledger", w->forms);
	write_file(path, ledger_cases);
	snprintf(path, sizeof path, "%s/ledgers/t_where.ledger", w->forms);
	write_file(path, ledger_where);
	snprintf(path, sizeof path, "%s/ledgers/t_vol.ledger", w->forms);
	write_file(path, ledger_vol);
	snprintf(path, sizeof path, "%s/ledgers/t_res.ledger", w->forms);
	write_file(path, ledger_res);
	snprintf(path, sizeof path, "%s/ledgers/t_fw.ledger", w->forms);
	write_file(path, ledger_fw);
	snprintf(path, sizeof path, "%s/ledgers/t_fu.ledger", w->forms);
	write_file(path, ledger_fu);
	snprintf(path, sizeof path, "%s/ledgers/t_fw2.ledger", w->forms);
	write_file(path, ledger_fw2);
	if (yz_service_ledgers_load(w->forms, &w->f->cat, &w->set, &d) != 0)
		fail_msg("ledgers: %s", d.n ? d.items[0] : "?");
	yz_diags_free(&d);
	assert_int_equal(w->set.n, 7);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	void *fs = w->f;
	yz_ledger_set_free(&w->set);
	free(w);
	return fixture_teardown(&fs);
}

static void as_user(world *w, const char *login)
{
	yz_err err = {{0}};
	assert_int_equal(yz_user_get(w->f->store, login, &w->f->s.user, &err), 0);
}

static yz_report *run(world *w, const char *id, yz_ledger_query *q)
{
	yz_report *r = NULL;
	yz_err err = {{0}};
	const yz_ledger *l = yz_ledger_find(&w->set, id);

	assert_non_null(l);
	if (yz_service_ledger_run(&w->f->s, l, q, &r, &err) != 0)
		fail_msg("run %s: %s", id, err.msg);
	assert_non_null(r);
	assert_false(r->oom);
	return r;
}

static long col_of(const yz_report *r, const char *label)
{
	for (size_t c = 0; c < r->n_cols; c++)
		if (!strcmp(r->cols[c].label, label))
			return (long)c;
	fail_msg("no column %s", label);
	return -1;
}

static const char *at(const yz_report *r, size_t row, const char *label)
{
	assert_true(row < r->n_rows);
	return r->rows[row].cells[col_of(r, label)];
}

static size_t count_kind(const yz_report *r, yz_row_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		n += r->rows[i].kind == k;
	return n;
}

/* The data row of case number, or fail. */
static size_t row_of(const yz_report *r, const char *number)
{
	for (size_t i = 0; i < r->n_rows; i++)
		if (r->rows[i].kind == YZ_ROW_DATA && !strcmp(at(r, i, "编号"), number))
			return i;
	fail_msg("no row of %s", number);
	return 0;
}

static yz_ledger_query november(void)
{
	return (yz_ledger_query){
	    .from = {2026, 11, 1}, .to = {2026, 11, 30}, .period_id = "2026-11"};
}

/* Every key a case row shows, against the dates and counts worked out by hand. */
static void test_case_keys(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();

	as_user(w, "wang");
	yz_report *r = run(w, "t_cases", &q);
	/* 3 cases + 3 volunteer registrations in November; the total row last */
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 6);
	assert_int_equal(r->rows[r->n_rows - 1].kind, YZ_ROW_TOTAL);
	assert_string_equal(r->rows[r->n_rows - 1].cells[col_of(r, "编号")], "6");
	assert_string_equal(r->title, "测试办件");
	assert_string_equal(r->station, "幸福社区");
	assert_string_equal(r->period, "2026-11-01 至 2026-11-30");
	assert_string_equal(r->period_id, "2026-11");
	assert_string_equal(r->made_by, "王站长");
	assert_string_equal(r->made_on, "2026-12-06");
	assert_int_equal(r->n_sign, 3);
	assert_string_equal(r->sign[0], "制表人");
	/* sorted by number: the cases in the order they were taken, numbered 1.. */
	assert_string_equal(at(r, 0, "编号"), w->num1);
	assert_string_equal(at(r, 0, "序号"), "1");
	assert_string_equal(at(r, 1, "序号"), "2");
	assert_int_equal(r->cols[col_of(r, "编号")].kind, YZ_CELL_CODE);
	assert_int_equal(r->cols[col_of(r, "办结")].kind, YZ_CELL_DATE);

	size_t i = row_of(r, w->num1);
	assert_string_equal(at(r, i, "表"), "subsistence_allowance");
	assert_string_equal(at(r, i, "姓名"), "王甲");
	assert_string_equal(at(r, i, "状态"), "已办结");
	assert_string_equal(at(r, i, "结果"), "批准");
	assert_string_equal(at(r, i, "办结"), "2026-11-10");
	assert_string_equal(at(r, i, "承诺"), "2026-11-16");
	assert_string_equal(at(r, i, "按时"), "是");
	assert_string_equal(at(r, i, "超期"), "否");
	assert_string_equal(at(r, i, "工作日"), "6");
	assert_string_equal(at(r, i, "补正"), "0");
	assert_string_equal(at(r, i, "部门"), "");
	assert_string_equal(at(r, i, "网格"), "一网格");
	assert_string_equal(at(r, i, "户人数"), "2");
	assert_string_equal(at(r, i, "类别"), "低保户");
	assert_string_equal(at(r, i, "受理人"), "张丽");

	i = row_of(r, w->num2);
	assert_string_equal(at(r, i, "姓名"), "王乙");
	assert_string_equal(at(r, i, "结果"), "已解决");
	assert_string_equal(at(r, i, "承诺"), "2026-11-10");
	assert_string_equal(at(r, i, "按时"), "否");
	assert_string_equal(at(r, i, "超期"), "是");
	assert_string_equal(at(r, i, "工作日"), "13");
	assert_string_equal(at(r, i, "部门"), "城管中队");
	assert_string_equal(at(r, i, "答复"), "3");
	assert_string_equal(at(r, i, "评价"), "不满意");
	assert_string_equal(at(r, i, "类别"), ""); /* B's di bao ended in June */

	i = row_of(r, w->num3);
	assert_string_equal(at(r, i, "姓名"), "赵丙");
	assert_string_equal(at(r, i, "状态"), "在办");
	assert_string_equal(at(r, i, "结果"), "");
	assert_string_equal(at(r, i, "办结"), "");
	assert_string_equal(at(r, i, "承诺"), "2026-11-25");
	assert_string_equal(at(r, i, "按时"), "");
	assert_string_equal(at(r, i, "超期"), "是");
	assert_string_equal(at(r, i, "工作日"), "");
	assert_string_equal(at(r, i, "补正"), "1");
	assert_string_equal(at(r, i, "网格"), "二网格");
	assert_string_equal(at(r, i, "户人数"), "1");
	/* the head sees the sensitive group and the derived one (86 years old) */
	assert_non_null(strstr(at(r, i, "类别"), "社区矫正对象"));
	assert_non_null(strstr(at(r, i, "类别"), "高龄"));
	yz_report_free(r);
}

/* The line, clerk, grid and state filters; the period's edges. */
static void test_filters(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();
	const yz_form *dibao = yz_catalogue_find(&w->f->cat, "subsistence_allowance");

	as_user(w, "wang");
	q.line = dibao->line;
	yz_report *r = run(w, "t_cases", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 2);
	yz_report_free(r);

	q = november();
	q.clerk = "liwei";
	r = run(w, "t_cases", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 1);
	assert_string_equal(at(r, 0, "姓名"), "李丁");
	assert_string_equal(at(r, 0, "网格"), "");
	yz_report_free(r);

	q = november();
	q.grid = "二网格";
	r = run(w, "t_cases", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 1);
	yz_report_free(r);

	q = november();
	q.state = 1; /* open on 30 November */
	r = run(w, "t_cases", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 1);
	assert_string_equal(at(r, 0, "编号"), w->num3);
	yz_report_free(r);

	q.state = 2;
	r = run(w, "t_cases", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 5);
	yz_report_free(r);

	/* 1 to 3 November: the first two cases only */
	q = november();
	q.to = (yz_date){2026, 11, 3};
	q.period_id = NULL;
	r = run(w, "t_cases", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 2);
	assert_string_equal(r->period_id, "20261101-20261103");
	/* open at the period's end: the request closed on the 20th was open on the 3rd */
	size_t i = row_of(r, w->num2);
	assert_string_equal(at(r, i, "超期"), "否");
	yz_report_free(r);
}

/* A condition, a descending sort, masked ID numbers and names. */
static void test_where_sort(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();

	as_user(w, "wang");
	yz_report *r = run(w, "t_where", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 2);
	assert_int_equal(count_kind(r, YZ_ROW_TOTAL), 0);
	assert_string_equal(at(r, 0, "编号"), w->num3);
	assert_string_equal(at(r, 1, "编号"), w->num1);
	assert_string_equal(at(r, 0, "姓名"), "赵*");
	const char *m = at(r, 1, "身份证");
	assert_int_equal(strlen(m), 18);
	assert_memory_equal(m, "110101********", 14);
	yz_report_free(r);
}

/* Groups with their subtotals, the total, the time bank's balance from
 * before the period, the sequence across groups. */
static void test_groups_running(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();

	as_user(w, "wang");
	yz_report *r = run(w, "t_vol", &q);
	static const yz_row_kind kinds[] = {YZ_ROW_GROUP,    YZ_ROW_DATA, YZ_ROW_SUBTOTAL,
	                                    YZ_ROW_GROUP,    YZ_ROW_DATA, YZ_ROW_DATA,
	                                    YZ_ROW_SUBTOTAL, YZ_ROW_TOTAL};
	assert_int_equal(r->n_rows, 8);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(r->rows[i].kind, kinds[i]);
	assert_string_equal(r->rows[0].cells[0], "李丁");
	assert_string_equal(at(r, 1, "志愿者"), "李丁");
	assert_string_equal(at(r, 1, "序号"), "1");
	assert_string_equal(at(r, 1, "累计"), "5");
	assert_true(strtod(at(r, 2, "时长"), NULL) == 5.0);
	assert_string_equal(r->rows[3].cells[0], "王甲");
	assert_string_equal(at(r, 4, "序号"), "2");
	assert_string_equal(at(r, 4, "时长"), "2");
	assert_string_equal(at(r, 4, "累计"), "5"); /* 3 hours in October, 2 now */
	assert_string_equal(at(r, 5, "序号"), "3");
	assert_string_equal(at(r, 5, "累计"), "9");
	assert_true(strtod(at(r, 6, "时长"), NULL) == 6.0);
	assert_true(strtod(at(r, 7, "时长"), NULL) == 11.0);
	assert_int_equal(r->cols[col_of(r, "时长")].total, YZ_RTOTAL_SUM);
	yz_report_free(r);
}

/* Residents with their special groups: the one only the head sees, the
 * derived elderly one, a group that ended before the period left out; the
 * notice's intro expanded. */
static void test_residents(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();

	as_user(w, "wang");
	yz_report *r = run(w, "t_res", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 3);
	/* sorted by name (code points): wang jia, zhao bing twice */
	assert_string_equal(at(r, 0, "姓名"), "王甲");
	assert_string_equal(at(r, 0, "类别"), "低保户");
	assert_string_equal(at(r, 0, "年龄"), "46");
	assert_string_equal(at(r, 0, "网格"), "一网格");
	assert_string_equal(at(r, 1, "姓名"), "赵丙");
	assert_string_equal(at(r, 2, "姓名"), "赵丙");
	bool corr =
	    !strcmp(at(r, 1, "类别"), "社区矫正对象") || !strcmp(at(r, 2, "类别"), "社区矫正对象");
	bool old = !strcmp(at(r, 1, "类别"), "高龄") || !strcmp(at(r, 2, "类别"), "高龄");
	assert_true(corr && old);
	assert_string_equal(at(r, 1, "年龄"), "86");
	/* each one's latest di bao case by the period's end (A's of December is later) */
	assert_string_equal(at(r, 0, "低保办件"), "批准");
	assert_string_equal(at(r, 0, "低保受理"), "2026-11-02");
	assert_string_equal(at(r, 1, "低保办件"), "在办");
	assert_string_equal(at(r, 1, "低保受理"), "2026-11-05");
	assert_true(r->notice);
	assert_non_null(r->intro);
	assert_string_equal(r->intro, "幸福社区：2026-11-01 至 2026-11-30，电话 0571-88886666");
	yz_report_free(r);
}

/* A forward's row (the department's answer in working days) and a bad
 * rating's follow-up. */
static void test_forwards_followups(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();

	as_user(w, "wang");
	yz_report *r = run(w, "t_fw", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 1);
	assert_string_equal(at(r, 0, "编号"), w->num2);
	assert_string_equal(at(r, 0, "部门"), "城管中队");
	assert_string_equal(at(r, 0, "移交"), "2026-11-04");
	assert_string_equal(at(r, 0, "答复"), "已清理");
	assert_string_equal(at(r, 0, "天数"), "3");
	assert_string_equal(at(r, 0, "姓名"), "王乙");
	yz_report_free(r);

	r = run(w, "t_fu", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 1);
	assert_string_equal(at(r, 0, "编号"), w->num2);
	assert_string_equal(at(r, 0, "应回访"), "2026-11-25");
	assert_string_equal(at(r, 0, "状态"), "待回访");
	assert_string_equal(at(r, 0, "评分"), "4");
	assert_string_equal(at(r, 0, "意见"), "太慢");
	yz_report_free(r);

	/* October: neither */
	q.from = (yz_date){2026, 10, 1};
	q.to = (yz_date){2026, 10, 31};
	r = run(w, "t_fw", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 0);
	yz_report_free(r);
}

/* A clerk may not run a ledger: refused in words, an audit row. */
static void test_clerk_refused(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();
	yz_report *r = NULL;
	yz_err err = {{0}};
	long before = test_audit_count(w->f->cfg.db_path, "ledger_denied");

	as_user(w, "zhangli");
	assert_int_equal(
	    yz_service_ledger_run(&w->f->s, yz_ledger_find(&w->set, "t_res"), &q, &r, &err), -1);
	assert_null(r);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(test_audit_count(w->f->cfg.db_path, "ledger_denied"), before + 1);
}

/* Saved to a file and printed on the A4 printer (the private cupsd): each an
 * audit row naming the ledger, the period and the rows. */
static void test_save_print(void **state)
{
	world *w = *state;
	yz_ledger_query q = november();
	yz_err err = {{0}};
	char path[400];
	struct stat sb;
	long saved = test_audit_count(w->f->cfg.db_path, "report_saved");
	long printed = test_audit_count(w->f->cfg.db_path, "report_printed");

	as_user(w, "wang");
	yz_report *r = run(w, "t_vol", &q);
	snprintf(path, sizeof path, "%s/vol.csv", w->f->home);
	if (yz_service_report_save(&w->f->s, r, YZ_REPORT_CSV_UTF8, path, &err) != 0)
		fail_msg("save: %s", err.msg);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(test_audit_count(w->f->cfg.db_path, "report_saved"), saved + 1);

	fixture_printers(w->f);
	int before = fixture_count_captured("a4");
	if (yz_service_report_print(&w->f->s, r, NULL, &err) != 0)
		fail_msg("print: %s", err.msg);
	for (int i = 0; i < 200 && fixture_count_captured("a4") == before; i++)
		usleep(50000);
	assert_int_equal(fixture_count_captured("a4"), before + 1);
	assert_int_equal(test_audit_count(w->f->cfg.db_path, "report_printed"), printed + 1);
	w->f->cfg.printer_a4[0] = '\0';
	w->f->cfg.printer_receipt[0] = '\0';

	/* a clerk may not take it out of the program either */
	as_user(w, "zhangli");
	assert_int_equal(yz_service_report_save(&w->f->s, r, YZ_REPORT_CSV_UTF8, path, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	assert_int_equal(test_audit_count(w->f->cfg.db_path, "report_saved"), saved + 1);
	yz_report_free(r);
}

/* A tag that names no special group: the file, line and column. */
static void test_bad_tag(void **state)
{
	world *w = *state;
	char dir[400], path[450];
	yz_ledger_set set = {0};
	yz_diags d = {0};

	snprintf(dir, sizeof dir, "%s/forms2", w->f->home);
	assert_int_equal(mkdir(dir, 0750), 0);
	snprintf(path, sizeof path, "%s/ledgers", dir);
	assert_int_equal(mkdir(path, 0750), 0);
	snprintf(path, sizeof path, "%s/ledgers/t_bad.ledger", dir);
	write_file(path, "ledger t_bad\n"
	                 "    title 坏\n"
	                 "    source residents\n"
	                 "    tags dibao nosuchgroup\n"
	                 "\n"
	                 "column name\n    label 姓名\n    value resident.name\n");
	assert_int_equal(yz_service_ledgers_load(dir, &w->f->cat, &set, &d), -1);
	assert_int_equal(set.n, 0);
	assert_true(d.n >= 1);
	char want[500];
	snprintf(want, sizeof want, "%s:4:16:", path);
	if (strncmp(d.items[0], want, strlen(want)) != 0)
		fail_msg("diag: %s (want %s)", d.items[0], want);
	assert_non_null(strstr(d.items[0], "nosuchgroup"));
	yz_diags_free(&d);
	yz_ledger_set_free(&set);
}

/* ---- the promised date, on time and overdue as the statistics count them ---- */

static const char ledger_due[] = "ledger t_due\n"
                                 "    title 承诺\n"
                                 "    source cases\n"
                                 "    forms resident_request\n"
                                 "    period case.accepted\n"
                                 "    sort number\n"
                                 "\n"
                                 "column number\n    label 编号\n    value case.number\n"
                                 "column closed\n    label 办结\n    value case.closed\n"
                                 "    format date\n"
                                 "column due\n    label 承诺\n    value case.due\n"
                                 "    format date\n"
                                 "column on_time\n    label 按时\n    value case.on_time\n"
                                 "column overdue\n    label 超期\n    value case.overdue\n"
                                 "column content\n    label 诉求内容\n    value content\n";

/* The ledger's rows over q agree with yz_service_stats over the same days:
 * closed in the period on time / late, open at its end and overdue. */
static void agrees_with_stats(world *w, const yz_report *r, const yz_ledger_query *q)
{
	yz_period p = {.kind = YZ_PERIOD_MONTH, .from = q->from, .to = q->to};
	yz_stats st = {0};
	yz_err err = {{0}};
	char from[11], to[11];
	long on_time = 0, late = 0, overdue_open = 0, open_end = 0, finished = 0;

	yz_date_format(q->from, from);
	yz_date_format(q->to, to);
	snprintf(p.id, sizeof p.id, "%.7s", from);
	if (yz_service_stats(&w->f->s, &p, YZ_STATS_BY_NONE, &st, &err) != 0)
		fail_msg("stats: %s", err.msg);
	for (size_t i = 0; i < r->n_rows; i++) {
		if (r->rows[i].kind != YZ_ROW_DATA)
			continue;
		const char *closed = at(r, i, "办结");
		if (*closed && strcmp(closed, from) >= 0 && strcmp(closed, to) <= 0) {
			finished++;
			on_time += !strcmp(at(r, i, "按时"), "是");
			late += !strcmp(at(r, i, "按时"), "否");
		} else if (!*closed || strcmp(closed, to) > 0) {
			open_end++;
			overdue_open += !strcmp(at(r, i, "超期"), "是");
		}
	}
	assert_int_equal(st.total.accepted, count_kind(r, YZ_ROW_DATA));
	assert_int_equal(st.total.finished, finished);
	assert_int_equal(st.total.on_time, on_time);
	assert_int_equal(st.total.late, late);
	assert_int_equal(st.total.open_end, open_end);
	assert_int_equal(st.total.overdue_open, overdue_open);
	yz_stats_free(&st);
}

/* Four requests accepted in August 2026 (weekdays only: no calendar):
 * P on Monday 24 August, 5 days, waiting for the resident from the 27th to
 * Friday 4 September (6 working days), closed on Tuesday 8 September, its
 * promised date with the whole pause; S on the spot (0 days) on Monday the
 * 3rd, closed the next day; O on Wednesday the 26th, 10 days (due 9
 * September), open; M on Monday the 10th, 5 days (due the 17th), open, with a
 * 2,000-character request. */
static void test_due_like_stats(void **state)
{
	world *base = *state, w0 = {0}, *w = &w0;
	yz_err err = {{0}};
	yz_diags d = {0};
	yz_ledger_set set = {0};
	char day[11], path[400], memo[2000 * 3 + 1];
	yz_report *r;
	const yz_ledger *l;

	(void)base;
	w->f = fixture_open("ledger16due");
	assert_int_equal(yz_user_add(w->f->store, "wang", "王站长", "13900000001", YZ_ROLE_HEAD,
	                             "demo1234", &err),
	                 0);
	set_day(w, "2026-08-01");
	int64_t rid = add_resident(w, "钱戊", "11010119700101007", 0, NULL);
	for (size_t i = 0; i < 2000; i++)
		memcpy(memo + 3 * i, i % 2 ? "\xe6\xb0\xb4" : "\xe5\x8e\x8b", 3); /* shui ya */
	memo[sizeof memo - 1] = '\0';
	const char *k[] = {"content"};
	const char *v_short[] = {"楼道灯不亮"}, *v_long[] = {memo};

	yz_case s =
	    add_case(w, "resident_request", rid, "2026-08-03", "zhangli", 0, false, k, v_short, 1);
	yz_act a = act_on(w, "2026-08-04", day);
	assert_int_equal(yz_case_close(w->f->store, s.id, "done", YZ_RESULT_RESOLVED, &a, &err), 0);
	yz_case m =
	    add_case(w, "resident_request", rid, "2026-08-10", "zhangli", 5, false, k, v_long, 1);
	yz_case p =
	    add_case(w, "resident_request", rid, "2026-08-24", "zhangli", 5, false, k, v_short, 1);
	yz_case o =
	    add_case(w, "resident_request", rid, "2026-08-26", "zhangli", 10, false, k, v_short, 1);
	a = act_on(w, "2026-08-27", day);
	assert_int_equal(yz_case_pause(w->f->store, p.id, "照片", "2026-09-04", &a, NULL, &err), 0);
	a = act_on(w, "2026-09-04", day);
	assert_int_equal(yz_case_resume(w->f->store, NULL, p.id, &a, &err), 0);

	snprintf(w->forms, sizeof w->forms, "%s/forms", w->f->home);
	assert_int_equal(mkdir(w->forms, 0750), 0);
	snprintf(path, sizeof path, "%s/ledgers", w->forms);
	assert_int_equal(mkdir(path, 0750), 0);
	snprintf(path, sizeof path, "%s/ledgers/t_due.ledger", w->forms);
	write_file(path, ledger_due);
	if (yz_service_ledgers_load(w->forms, &w->f->cat, &set, &d) != 0)
		fail_msg("ledgers: %s", d.n ? d.items[0] : "?");
	yz_diags_free(&d);
	w->set = set;
	l = yz_ledger_find(&w->set, "t_due");
	assert_non_null(l);
	as_user(w, "wang");

	/* August and September on Saturday 5 September (running): O is due
	 * on the 9th, not overdue today; M is. */
	set_day(w, "2026-09-05");
	yz_ledger_query q = {.from = {2026, 8, 1}, .to = {2026, 9, 30}};
	r = run(w, "t_due", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 4);
	size_t io = row_of(r, o.number), im = row_of(r, m.number), ip = row_of(r, p.number),
	       is = row_of(r, s.number);
	assert_string_equal(at(r, io, "承诺"), "2026-09-09");
	assert_string_equal(at(r, io, "超期"), "否");
	assert_string_equal(at(r, im, "超期"), "是");
	assert_string_equal(at(r, ip, "承诺"), "2026-09-08");
	assert_string_equal(at(r, ip, "超期"), "否");
	assert_string_equal(at(r, is, "按时"), "是");
	assert_string_equal(at(r, is, "超期"), "否");
	agrees_with_stats(w, r, &q);
	yz_report_free(r);

	/* P closed on the 8th, in time with its whole pause. */
	a = act_on(w, "2026-09-08", day);
	assert_int_equal(yz_case_close(w->f->store, p.id, "done", YZ_RESULT_RESOLVED, &a, &err), 0);
	set_day(w, "2026-12-06");

	/* August, exported in December: P and O open at its end, not overdue
	 * then; S on time; M overdue; the long request whole. */
	q = (yz_ledger_query){.from = {2026, 8, 1}, .to = {2026, 8, 31}, .period_id = "2026-08"};
	r = run(w, "t_due", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 4);
	io = row_of(r, o.number), im = row_of(r, m.number), ip = row_of(r, p.number),
	is = row_of(r, s.number);
	assert_string_equal(at(r, ip, "承诺"), "2026-09-08");
	assert_string_equal(at(r, ip, "按时"), "是");
	assert_string_equal(at(r, ip, "超期"), "否");
	assert_string_equal(at(r, io, "超期"), "否");
	assert_string_equal(at(r, is, "按时"), "是");
	assert_string_equal(at(r, im, "超期"), "是");
	assert_int_equal(strlen(at(r, im, "诉求内容")), strlen(memo));
	assert_string_equal(at(r, im, "诉求内容"), memo);
	agrees_with_stats(w, r, &q);
	yz_report_free(r);

	/* August and September, in December: P closed in it on time. */
	q = (yz_ledger_query){.from = {2026, 8, 1}, .to = {2026, 9, 30}};
	r = run(w, "t_due", &q);
	ip = row_of(r, p.number);
	assert_string_equal(at(r, ip, "按时"), "是");
	assert_string_equal(at(r, ip, "超期"), "否");
	agrees_with_stats(w, r, &q);
	yz_report_free(r);

	yz_ledger_set_free(&w->set);
	void *fs = w->f;
	fixture_teardown(&fs);
}

/* A case forwarded twice is two rows of a forwards' ledger, each with the
 * case's form fields (the second once came out empty). Last: it adds a
 * case in December that the other tests do not expect. */
static void test_forwarded_twice(void **state)
{
	world *w = *state;
	yz_err err = {{0}};
	const char *keys[] = {"content"}, *vals[] = {"路灯不亮"};
	yz_case c = add_case(w, "resident_request", w->res_a, "2026-12-01", "zhangli", 5, false,
	                     keys, vals, 1);
	char day[11];
	yz_act a = act_on(w, "2026-12-01", day);
	assert_int_equal(
	    yz_case_forward_send(w->f->store, c.id, "城管中队", "2026-12-04", &a, NULL, &err), 0);
	a = act_on(w, "2026-12-02", day);
	assert_int_equal(
	    yz_case_forward_result(w->f->store, c.id, "转供电所", "2026-12-02", &a, &err), 0);
	a = act_on(w, "2026-12-03", day);
	if (yz_case_forward_send(w->f->store, c.id, "供电所", "2026-12-08", &a, NULL, &err) != 0)
		fail_msg("second forward: %s", err.msg);
	yz_ledger_query q = november();
	q.from = (yz_date){2026, 12, 1};
	q.to = (yz_date){2026, 12, 31};
	as_user(w, "wang");
	yz_report *r = run(w, "t_fw2", &q);
	assert_int_equal(count_kind(r, YZ_ROW_DATA), 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(at(r, i, "编号"), c.number);
		assert_string_equal(at(r, i, "内容"), "路灯不亮");
	}
	yz_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_case_keys),       cmocka_unit_test(test_filters),
	    cmocka_unit_test(test_where_sort),      cmocka_unit_test(test_groups_running),
	    cmocka_unit_test(test_residents),       cmocka_unit_test(test_clerk_refused),
	    cmocka_unit_test(test_bad_tag),         cmocka_unit_test(test_forwards_followups),
	    cmocka_unit_test(test_save_print),      cmocka_unit_test(test_due_like_stats),
	    cmocka_unit_test(test_forwarded_twice),
	};
	fixture_ui_language("zh_CN");
	return cmocka_run_group_tests(tests, setup, teardown);
}
