/* The ledger language (yizhan/form/ledger.h): a good ledger of every source
 * gives the right model; every check at load is reported at its line and
 * column; column values and conditions evaluate on a row (yz_ledger_eval),
 * table sums and if() included; a folder of ledgers loads in file-name order.
 * The forms named are the real catalogue's (forms/), plus two small test
 * forms for the type clash of listed forms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "yizhan/form/ledger.h"
#include "yz_test_paths.h"

#define FORMS_DIR   YZ_SOURCE_ROOT "/forms"
#define LEDGERS_DIR YZ_SOURCE_ROOT "/tests/form/fixtures/ledgers"

static yz_catalogue cat;

static int load_catalogue(void **state)
{
	yz_diags d = {0};

	(void)state;
	if (yz_catalogue_load(FORMS_DIR, VOCAB_DIR, yz_clock_today(NULL), &cat, &d) != 0)
		print_diags(&d);
	yz_diags_free(&d);
	return cat.n_forms > 0 ? 0 : -1;
}

static int free_catalogue(void **state)
{
	(void)state;
	yz_catalogue_free(&cat);
	return 0;
}

/* Parse text as <name>.ledger; fails the test on any message. */
static yz_ledger *ledger_ok(const char *name, const char *text)
{
	char path[128];
	yz_diags d = {0};
	yz_ledger *l;

	snprintf(path, sizeof path, "%s.ledger", name);
	l = yz_ledger_parse(path, text, strlen(text), &cat, &d);
	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_non_null(l);
	yz_diags_free(&d);
	return l;
}

/* Parse text as t.ledger; it must fail with want among its messages. */
static void ledger_fails(const char *text, const char *want)
{
	yz_diags d = {0};
	yz_ledger *l = yz_ledger_parse("t.ledger", text, strlen(text), &cat, &d);
	bool found = false;

	assert_null(l);
	for (size_t i = 0; i < d.n; i++)
		found = found || strstr(d.items[i], want) != NULL;
	if (!found) {
		print_message("want: %s\ngot:\n", want);
		print_diags(&d);
	}
	assert_true(found);
	yz_diags_free(&d);
}

static const yz_ledger_column *col(const yz_ledger *l, const char *id)
{
	for (size_t i = 0; i < l->n_cols; i++)
		if (strcmp(l->cols[i].id, id) == 0)
			return &l->cols[i];
	fail_msg("no column %s", id);
	return NULL;
}

static const char *settings(const char *name, void *ctx)
{
	(void)ctx;
	return strcmp(name, "review_months") == 0 ? "12" : NULL;
}

static const yz_eval_env env = {{2026, 11, 30}, settings, NULL};

static yz_xval eval(const yz_ledger *l, const yz_expr *e, const yz_values *row)
{
	yz_err err = {{0}};
	yz_xval r;

	if (!yz_ledger_eval(l, e, row, &env, &r, &err))
		fail_msg("%s: %s", yz_expr_source(e), err.msg);
	return r;
}

static void num_is(const yz_ledger *l, const yz_expr *e, const yz_values *row, int64_t want)
{
	yz_xval r = eval(l, e, row);

	if (r.kind != YZ_X_NUM || r.num != want)
		print_message("%s: kind %d num %lld, want %lld\n", yz_expr_source(e), r.kind,
		              (long long)r.num, (long long)want);
	assert_int_equal(r.kind, YZ_X_NUM);
	assert_int_equal(r.num, want);
}

static void text_is(const yz_ledger *l, const yz_expr *e, const yz_values *row, const char *want)
{
	yz_xval r = eval(l, e, row);

	if (r.kind != YZ_X_TEXT || strcmp(r.text, want) != 0)
		print_message("%s: kind %d, want %s\n", yz_expr_source(e), r.kind, want);
	assert_int_equal(r.kind, YZ_X_TEXT);
	assert_string_equal(r.text, want);
}

/* ---- good ledgers ------------------------------------------------------- */

static const char dibao[] = "# \u4f4e\u4fdd\u5bf9\u8c61\u53f0\u8d26\n"
                            "ledger dibao\n"
                            "    title \u4f4e\u4fdd\u5bf9\u8c61\u53f0\u8d26\n"
                            "    source cases\n"
                            "    forms subsistence_allowance temporary_assistance\n"
                            "    period case.closed\n"
                            "    where case.result = \"\u6279\u51c6\" and not empty(case.closed)\n"
                            "    sort grid name desc\n"
                            "    group grid\n"
                            "    paper a4 landscape\n"
                            "    sign \u5236\u8868\u4eba \u5ba1\u6838\u4eba\n"
                            "\n"
                            "column no\n"
                            "    label \u5e8f\u53f7\n"
                            "    format seq\n"
                            "column grid\n"
                            "    label \u7f51\u683c\n"
                            "    value resident.grid\n"
                            "column name\n"
                            "    label \u59d3\u540d\n"
                            "    value resident.name\n"
                            "column idno\n"
                            "    label \u8eab\u4efd\u8bc1\u53f7\n"
                            "    value resident.idno\n"
                            "    format id_masked\n"
                            "column size\n"
                            "    label \u4eba\u53e3\n"
                            "    value count(members)\n"
                            "    format integer\n"
                            "    total sum\n"
                            "column income\n"
                            "    label \u5bb6\u5ead\u6708\u6536\u5165\n"
                            "    value sum(members.income) + other_income\n"
                            "    format money\n"
                            "    total sum\n"
                            "    width 10\n"
                            "column per_capita\n"
                            "    label \u4eba\u5747\n"
                            "    value per_capita\n"
                            "column review\n"
                            "    label \u590d\u6838\u65e5\u671f\n"
                            "    value add_months(case.closed, settings.review_months)\n"
                            "column waited\n"
                            "    label \u7b49\u5f85\u5929\u6570\n"
                            "    value days(case.accepted, case.closed)\n"
                            "column kind\n"
                            "    label \u7c7b\u522b\n"
                            "    value if(per_capita > 500, \"\u4e00\u7c7b\", \"\u4e8c\u7c7b\")\n"
                            "    total count\n";

static void test_cases_model(void **state)
{
	yz_ledger *l = ledger_ok("dibao", dibao);

	(void)state;
	assert_string_equal(l->id, "dibao");
	assert_string_equal(l->title, "\u4f4e\u4fdd\u5bf9\u8c61\u53f0\u8d26");
	assert_int_equal(l->source, YZ_LSRC_CASES);
	assert_int_equal(l->n_forms, 2);
	assert_string_equal(l->forms[1], "temporary_assistance");
	assert_string_equal(l->period, "case.closed");
	assert_non_null(l->where);
	assert_int_equal(l->n_cols, 10);
	assert_int_equal(l->src_line, 2);
	assert_true(l->landscape);
	assert_int_equal(l->n_sign, 2);
	assert_false(l->no_sign);
	assert_null(l->intro);
	/* sort grid name desc; group grid */
	assert_int_equal(l->n_sort, 2);
	assert_int_equal(l->sort[0].col, 1);
	assert_false(l->sort[0].desc);
	assert_int_equal(l->sort[1].col, 2);
	assert_true(l->sort[1].desc);
	assert_int_equal(l->group, 1);
	/* formats: given, or from the value */
	assert_int_equal(col(l, "no")->format, YZ_COL_SEQ);
	assert_null(col(l, "no")->value);
	assert_int_equal(col(l, "grid")->format, YZ_COL_TEXT);
	assert_int_equal(col(l, "idno")->format, YZ_COL_ID_MASKED);
	assert_int_equal(col(l, "size")->total, YZ_TOTAL_SUM);
	assert_int_equal(col(l, "income")->width, 10);
	assert_int_equal(col(l, "per_capita")->format, YZ_COL_MONEY); /* a money field */
	assert_int_equal(col(l, "review")->format, YZ_COL_DATE);
	assert_int_equal(col(l, "waited")->format, YZ_COL_NUMBER);
	assert_int_equal(col(l, "kind")->format, YZ_COL_TEXT);
	assert_int_equal(col(l, "kind")->total, YZ_TOTAL_COUNT);
	assert_int_equal(col(l, "kind")->line, 46);
	assert_true(l->needs_fields);
	assert_int_equal(l->n_latest, 0);
	yz_ledger_free(l);
}

static void test_cases_eval(void **state)
{
	yz_ledger *l = ledger_ok("dibao", dibao);
	yz_values row = {0};

	(void)state;
	yz_values_set(&row, "resident.name", "\u738b\u82b3");
	yz_values_set(&row, "case.result", "\u6279\u51c6");
	yz_values_set(&row, "case.accepted", "2026-01-31");
	yz_values_set(&row, "case.closed", "2026-03-31");
	yz_values_set(&row, "other_income", "100.50");
	yz_values_set(&row, "per_capita", "433.50");
	for (int r = 1; r <= 3; r++) {
		yz_table_add_row(&row, "members");
		yz_table_set(&row, "members", r, "income", r == 2 ? "" : "600");
	}
	assert_true(eval(l, l->where, &row).b);
	text_is(l, col(l, "name")->value, &row, "\u738b\u82b3");
	num_is(l, col(l, "size")->value, &row, 300);
	num_is(l, col(l, "income")->value, &row, 130050);
	num_is(l, col(l, "per_capita")->value, &row, 43350);
	text_is(l, col(l, "review")->value, &row, "2027-03-31");
	num_is(l, col(l, "waited")->value, &row, 5900); /* 2026-01-31 .. 03-31: 59 days */
	text_is(l, col(l, "kind")->value, &row, "\u4e8c\u7c7b");
	yz_values_set(&row, "per_capita", "500.01");
	text_is(l, col(l, "kind")->value, &row, "\u4e00\u7c7b");
	/* An open case: no review date, no days, not in the ledger. */
	yz_values_set(&row, "case.closed", "");
	assert_int_equal(eval(l, col(l, "review")->value, &row).kind, YZ_X_EMPTY);
	assert_int_equal(eval(l, col(l, "waited")->value, &row).kind, YZ_X_EMPTY);
	assert_false(eval(l, l->where, &row).b);
	/* A key missing from the row is empty. */
	assert_int_equal(eval(l, col(l, "grid")->value, &row).kind, YZ_X_EMPTY);
	yz_values_clear(&row);
	yz_ledger_free(l);
}

static void test_residents(void **state)
{
	yz_ledger *l = ledger_ok("elderly", "ledger elderly\n"
	                                    "    title \u9ad8\u9f84\u8001\u4eba\u540d\u518c\n"
	                                    "    source residents\n"
	                                    "    tags elderly empty_nest\n"
	                                    "    where resident.age >= 80\n"
	                                    "column name\n"
	                                    "    label \u59d3\u540d\n"
	                                    "    value resident.name\n"
	                                    "column idno\n"
	                                    "    label \u8eab\u4efd\u8bc1\u53f7\n"
	                                    "    value resident.idno\n"
	                                    "column band\n"
	                                    "    label \u5e74\u9f84\u6bb5\n"
	                                    "    value if(resident.age >= 90, \"90+\", \"80-89\")\n"
	                                    "column allowance\n"
	                                    "    label \u9ad8\u9f84\u6d25\u8d34\n"
	                                    "    value latest.longevity_allowance\n"
	                                    "column since\n"
	                                    "    label \u7533\u8bf7\u65e5\u671f\n"
	                                    "    value latest.longevity_allowance.date\n"
	                                    "column phone\n"
	                                    "    label \u7535\u8bdd\n"
	                                    "    value resident.phone\n");
	yz_values row = {0};

	(void)state;
	assert_int_equal(l->source, YZ_LSRC_RESIDENTS);
	assert_null(l->period);
	assert_int_equal(l->n_tags, 2);
	assert_string_equal(l->tags[1], "empty_nest");
	assert_int_equal(l->tags_line, 4);
	assert_int_equal(l->tags_col[0], 10);
	assert_int_equal(l->tags_col[1], 18);
	assert_false(l->needs_fields);
	assert_int_equal(l->n_latest, 1);
	assert_string_equal(l->latest[0], "longevity_allowance");
	assert_int_equal(col(l, "idno")->format, YZ_COL_ID);
	assert_int_equal(col(l, "phone")->format, YZ_COL_PHONE);
	assert_int_equal(col(l, "since")->format, YZ_COL_DATE);
	assert_int_equal(l->group, -1);
	yz_values_set(&row, "resident.age", "91");
	assert_true(eval(l, l->where, &row).b);
	text_is(l, col(l, "band")->value, &row, "90+");
	yz_values_set(&row, "resident.age", "79");
	assert_false(eval(l, l->where, &row).b);
	yz_values_clear(&row);
	yz_ledger_free(l);
}

static void test_households(void **state)
{
	yz_ledger *l = ledger_ok("houses", "ledger houses\n"
	                                   "    title \u4f4f\u6237\n"
	                                   "    source households\n"
	                                   "    period none\n"
	                                   "    sort size desc\n"
	                                   "column code\n"
	                                   "    label \u6237\u7f16\u53f7\n"
	                                   "    value household.code\n"
	                                   "    format id\n"
	                                   "column size\n"
	                                   "    label \u4eba\u53e3\n"
	                                   "    value household.size\n"
	                                   "    format integer\n"
	                                   "    total sum\n");

	(void)state;
	assert_int_equal(l->source, YZ_LSRC_HOUSEHOLDS);
	assert_null(l->period);
	assert_int_equal(l->n_sort, 1);
	assert_true(l->sort[0].desc);
	assert_int_equal(col(l, "code")->format, YZ_COL_ID);
	yz_ledger_free(l);
}

static void test_forwards_followups_talk(void **state)
{
	yz_ledger *f = ledger_ok("fw", "ledger fw\n"
	                               "    title \u79fb\u4ea4\n"
	                               "    source forwards\n"
	                               "    forms resident_request\n"
	                               "column dept\n"
	                               "    label \u90e8\u95e8\n"
	                               "    value forward.department\n"
	                               "column answer\n"
	                               "    label \u7b54\u590d\u5de5\u4f5c\u65e5\n"
	                               "    value forward.answer_days\n"
	                               "    total sum\n"
	                               "column category\n"
	                               "    label \u7c7b\u522b\n"
	                               "    value category\n");
	yz_ledger *u = ledger_ok("fu", "ledger fu\n"
	                               "    title \u56de\u8bbf\n"
	                               "    source followups\n"
	                               "    sort followup.due\n"
	                               "column due\n"
	                               "    label \u671f\u9650\n"
	                               "    value followup.due\n"
	                               "column score\n"
	                               "    label \u8bc4\u5206\n"
	                               "    value followup.score\n"
	                               "    format integer\n");
	yz_ledger *t = ledger_ok("talk", "ledger talk\n"
	                                 "    title \u8bf4\u4e8b\n"
	                                 "    source talk\n"
	                                 "column date\n"
	                                 "    label \u65e5\u671f\n"
	                                 "    value talk.date\n"
	                                 "column who\n"
	                                 "    label \u4eba\u6570\n"
	                                 "    value talk.attendees\n"
	                                 "    running yes\n");

	(void)state;
	assert_string_equal(f->period, "forward.sent");
	assert_true(f->needs_fields);
	assert_int_equal(col(f, "answer")->format, YZ_COL_NUMBER);
	assert_string_equal(u->period, "followup.due");
	assert_int_equal(u->sort[0].col, 0); /* the column showing followup.due */
	assert_false(u->needs_fields);
	assert_string_equal(t->period, "talk.date");
	assert_true(col(t, "who")->running);
	yz_ledger_free(f);
	yz_ledger_free(u);
	yz_ledger_free(t);
}

static void test_notice(void **state)
{
	yz_ledger *l =
	    ledger_ok("notice", "ledger notice\n"
	                        "    title \u516c\u793a\n"
	                        "    source cases\n"
	                        "    forms subsistence_allowance\n"
	                        "    sign none\n"
	                        "    intro:\n"
	                        "        {station.name} {period}\n"
	                        "        \u516c\u793a\u671f {settings.objection_days} \u5929\n"
	                        "    outro \u7535\u8bdd {station.phone}\n"
	                        "column name\n"
	                        "    label \u59d3\u540d\n"
	                        "    value resident.name\n"
	                        "    format name_masked\n");

	(void)state;
	assert_true(l->no_sign);
	assert_int_equal(l->n_sign, 0);
	assert_string_equal(l->intro, "{station.name} {period}\n\u516c\u793a\u671f "
	                              "{settings.objection_days} \u5929");
	assert_string_equal(l->outro, "\u7535\u8bdd {station.phone}");
	assert_int_equal(l->cols[0].format, YZ_COL_NAME_MASKED);
	yz_ledger_free(l);
}

/* ---- errors ------------------------------------------------------------- */

#define HEAD                                                                                       \
	"ledger t\n"                                                                               \
	"    title T\n"                                                                            \
	"    source cases\n"
#define COL                                                                                        \
	"column a\n"                                                                               \
	"    label A\n"                                                                            \
	"    value case.number\n"

static void test_errors_blocks(void **state)
{
	(void)state;
	ledger_fails("form t\n", "t.ledger:1:1: unknown block 'form': write ledger or column");
	ledger_fails(HEAD COL "    colour red\n",
	             "t.ledger:7:5: unknown key 'colour' in a column block: write one of label, "
	             "value, format, total, width, running");
	ledger_fails(HEAD "    size 3\n" COL, "t.ledger:4:5: unknown key 'size' in a ledger block");
	ledger_fails("ledger t\n    source cases\n" COL,
	             "t.ledger:1:1: ledger 't' has no 'title' line: add one");
	ledger_fails("ledger t\n    title T\n" COL,
	             "t.ledger:1:1: ledger 't' has no 'source' line: add one");
	ledger_fails("ledger other\n    title T\n    source cases\n" COL,
	             "t.ledger:1:8: the ledger's id 'other' differs from its file name 't'");
	ledger_fails("ledger t\n    title T\n    source people\n" COL,
	             "t.ledger:3:12: unknown source 'people': write one of cases, residents, "
	             "households, forwards, followups, talk");
	ledger_fails(HEAD, "t.ledger:1:1: ledger 't' has no columns");
	ledger_fails(COL, "t.ledger:1:1: 'column' before the ledger block");
	ledger_fails(HEAD COL "column a\n    label B\n    value case.item\n",
	             "t.ledger:7:8: duplicate column id 'a' (first on line 4)");
	ledger_fails(HEAD "    title U\n" COL,
	             "t.ledger:4:5: 'title' is given twice (first on line 2)");
	ledger_fails("", "t.ledger:1:1: no ledger here");
	ledger_fails(HEAD "column b\n    value case.item\n",
	             "t.ledger:4:1: column 'b' has no 'label' line: add one");
}

static void test_errors_source(void **state)
{
	(void)state;
	ledger_fails(HEAD "    forms subsistence_allowance nosuch\n" COL,
	             "t.ledger:4:33: no form 'nosuch' in the catalogue");
	ledger_fails(
	    "ledger t\n    title T\n    source followups\n    forms resident_request\n" COL,
	    "t.ledger:4:11: 'forms' is for the sources cases, forwards and talk, not "
	    "followups");
	ledger_fails(HEAD "    tags dibao\n" COL,
	             "t.ledger:4:10: 'tags' is for the source residents, not cases");
	ledger_fails("ledger t\n    title T\n    source residents\n    tags dibao Elderly\n" COL,
	             "t.ledger:4:16: bad special group code 'Elderly'");
	ledger_fails("ledger t\n    title T\n    source residents\n" COL,
	             "t.ledger:1:1: ledger 't' lists residents: add a 'tags' line");
	ledger_fails(HEAD "    period case.number\n" COL,
	             "t.ledger:4:12: 'case.number' is not a date key of the source cases");
	ledger_fails(HEAD "    period tag.start\n" COL,
	             "t.ledger:4:12: 'tag.start' is not a date key of the source cases");
	ledger_fails(HEAD "    sort a nosuch\n" COL,
	             "t.ledger:4:12: unknown column 'nosuch' in 'sort': write one of a");
	ledger_fails(HEAD "    sort desc a\n" COL, "t.ledger:4:10: 'desc' follows the column");
	ledger_fails(HEAD "    group b\n" COL, "t.ledger:4:11: unknown column 'b' in 'group'");
	ledger_fails(HEAD "    group n\n" COL "column n\n    label N\n    format seq\n",
	             "t.ledger:4:11: column 'n' is the row's number");
	ledger_fails(HEAD "    paper a3\n" COL,
	             "t.ledger:4:11: bad value 'a3': write a4 portrait or a4 landscape");
	ledger_fails(HEAD "    intro {station.name} {case.number}\n" COL,
	             "t.ledger:4:26: unknown key {case.number}: a notice's text may hold");
	ledger_fails(HEAD
	             "    outro:\n        \u7535\u8bdd\n        \u8054\u7cfb {clerk.name}\n" COL,
	             "t.ledger:6:12: unknown key {clerk.name}");
}

/* Two test forms whose field 'rooms' is a number in one, text in the other. */
static void test_errors_forms_clash(void **state)
{
	yz_form *a = load_fixture("household.form");
	yz_form *b = parse_ok("other.form", "form other_test\n"
	                                    "    title T\n"
	                                    "    line \u793e\u4f1a\u6551\u52a9\n"
	                                    "    authority \u793e\u533a\n"
	                                    "    kind \u5373\u529e\u4ef6\n"
	                                    "    promise 0\n"
	                                    "field rooms text\n"
	                                    "    label R\n"
	                                    "field members table\n"
	                                    "    label M\n"
	                                    "    column income text\n"
	                                    "        label I\n");
	yz_form *both[] = {a, b};
	yz_catalogue two = {.forms = both, .n_forms = 2};
	const char *text = "ledger t\n"
	                   "    title T\n"
	                   "    source cases\n"
	                   "    forms household_test other_test\n" COL;
	yz_diags d = {0};

	(void)state;
	assert_null(yz_ledger_parse("t.ledger", text, strlen(text), &two, &d));
	print_diags(&d);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.items[0], "t.ledger:4:26: field 'rooms' is text in form other_test "
	                                "but a number in an earlier form of the list: a ledger "
	                                "lists forms whose fields of one id are of one type");
	assert_non_null(strstr(d.items[1], "t.ledger:4:26: column 'income' of table 'members'"));
	yz_diags_free(&d);
	yz_form_free(a);
	yz_form_free(b);
}

static void test_errors_columns(void **state)
{
	(void)state;
	ledger_fails(HEAD "column n\n    label N\n    format seq\n    value case.number\n",
	             "t.ledger:7:11: a 'format seq' column is numbered by the program");
	ledger_fails(HEAD "column n\n    label N\n",
	             "t.ledger:4:1: column 'n' has no 'value' line");
	ledger_fails(HEAD COL "    running yes\n",
	             "t.ledger:7:13: 'running yes' needs a number column; column 'a' is not one");
	ledger_fails(HEAD "column n\n    label N\n    format seq\n    running yes\n",
	             "t.ledger:7:13: 'running yes' needs a number column");
	ledger_fails(HEAD COL "    total sum\n",
	             "t.ledger:7:11: 'total sum' needs a number column; column 'a' is text");
	ledger_fails(HEAD COL "    total average\n",
	             "t.ledger:7:11: bad value 'average': write one of sum, count");
	ledger_fails(HEAD COL "    format euro\n", "t.ledger:7:12: bad value 'euro': write one of");
	ledger_fails(HEAD COL "    format money\n",
	             "t.ledger:7:12: format money needs a number, but the column's value is text");
	ledger_fails(HEAD COL "    format date\n", "t.ledger:7:12: format date needs a date");
	ledger_fails(HEAD COL "    width 0\n", "t.ledger:7:11: bad value '0'");
	ledger_fails(HEAD "column a\n    label A\n    value case.numbr\n",
	             "t.ledger:6:11: unknown name 'case.numbr': neither a key of the ledger's "
	             "source nor a field of its forms");
	ledger_fails(HEAD "column a\n    label A\n    value tag.kind\n",
	             "t.ledger:6:11: unknown name 'tag.kind'");
	ledger_fails(HEAD "column a\n    label A\n    value per_capita\n",
	             "t.ledger:6:11: unknown name 'per_capita'"); /* no forms listed */
	ledger_fails(HEAD "column a\n    label A\n    value case.workdays + case.item\n",
	             "t.ledger:6:27: arithmetic needs numbers, not text");
	ledger_fails(HEAD "column a\n    label A\n    value case.workdays > 3\n",
	             "t.ledger:6:11: a column shows a number or text, not a condition");
	ledger_fails(HEAD "    where case.workdays\n" COL,
	             "t.ledger:4:11: 'where' takes a condition");
	ledger_fails(HEAD "    where case.item = 1\n" COL,
	             "t.ledger:4:21: cannot compare text with a number");
	ledger_fails(HEAD "column a\n    label A\n    value days(case.number, case.closed)\n",
	             "t.ledger:6:16: days() takes two dates");
	ledger_fails("ledger t\n    title T\n    source households\n"
	             "column a\n    label A\n    value latest.nosuch\n",
	             "t.ledger:6:11: unknown name 'latest.nosuch'");
	ledger_fails("ledger t\n    title T\n    source talk\n"
	             "column a\n    label A\n    value latest.resident_request\n",
	             "t.ledger:6:11: unknown name 'latest.resident_request'");
}

/* ---- a folder ----------------------------------------------------------- */

static void test_load_folder(void **state)
{
	yz_ledger_set set = {0};
	yz_diags d = {0};

	(void)state;
	assert_int_equal(yz_ledgers_load(LEDGERS_DIR, &cat, &set, &d), -1);
	/* broken.ledger is reported and left out; the good ones are kept in
	 * file-name order. */
	print_diags(&d);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0], "/broken.ledger:7:11: unknown name 'resident.nme'"));
	assert_int_equal(set.n, 2);
	assert_string_equal(set.items[0]->id, "dibao_recipients");
	assert_string_equal(set.items[1]->id, "elderly");
	assert_non_null(yz_ledger_find(&set, "elderly"));
	assert_null(yz_ledger_find(&set, "broken"));
	yz_ledger_set_free(&set);
	yz_diags_free(&d);
	/* A station without a ledgers folder has none, and that is no error. */
	assert_int_equal(yz_ledgers_load(LEDGERS_DIR "/nosuch", &cat, &set, &d), 0);
	assert_int_equal(set.n, 0);
	assert_int_equal(d.n, 0);
}

static void test_keys_table(void **state)
{
	const yz_ledger_key *k;
	size_t n = 0;

	(void)state;
	for (k = yz_ledger_keys(YZ_LSRC_HOUSEHOLDS); k->key; k++)
		assert_int_equal(strncmp(k->key, "household.", 10), 0);
	for (k = yz_ledger_keys(YZ_LSRC_CASES); k->key; k++, n++) {
		assert_non_null(k->label);
		if (strcmp(k->key, "case.closed") == 0)
			assert_int_equal(k->type, YZ_LKEY_DATE);
		if (strcmp(k->key, "case.workdays") == 0)
			assert_int_equal(k->type, YZ_LKEY_NUMBER);
	}
	assert_int_equal(n, 24 + 13 + 5 + 8);
	assert_string_equal(yz_ledger_source_name(YZ_LSRC_TALK), "talk");
}

const struct CMUnitTest ledger_tests[] = {
    cmocka_unit_test(test_cases_model),
    cmocka_unit_test(test_cases_eval),
    cmocka_unit_test(test_residents),
    cmocka_unit_test(test_households),
    cmocka_unit_test(test_forwards_followups_talk),
    cmocka_unit_test(test_notice),
    cmocka_unit_test(test_errors_blocks),
    cmocka_unit_test(test_errors_source),
    cmocka_unit_test(test_errors_forms_clash),
    cmocka_unit_test(test_errors_columns),
    cmocka_unit_test(test_load_folder),
    cmocka_unit_test(test_keys_table),
};
const size_t n_ledger_tests = sizeof ledger_tests / sizeof *ledger_tests;

int ledger_setup(void **state)
{
	return load_catalogue(state);
}

int ledger_teardown(void **state)
{
	return free_catalogue(state);
}
