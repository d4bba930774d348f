/* The survey language (yizhan/form/survey.h) and what issue 18 added to the
 * form language: every shipped survey (forms/surveys) loads; a survey with
 * every construct (tests/form/surveys/all.survey) gives the right model and
 * entry form; golden messages of broken surveys (tests/form/surveys/broken:
 * NAME.survey → NAME.expected, YZ_UPDATE_GOLDEN=1 rewrites them); has();
 * a multichoice's max; and the engine's quick mode keying real papers,
 * keystrokes counted, skip logic jumping over a question not asked. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"
#include "yizhan/form/survey.h"
#include "yz_test_paths.h"

#define SURVEYS_DIR YZ_SOURCE_ROOT "/forms/surveys"
#define FIXTURE_DIR YZ_SOURCE_ROOT "/tests/form/surveys"
#define BROKEN_DIR  YZ_SOURCE_ROOT "/tests/form/surveys/broken"

static const yz_eval_env env = {{2026, 12, 6}, NULL, NULL};

static yz_survey *load_ok(const char *path)
{
	yz_diags d = {0};
	yz_survey *s = yz_survey_load(path, &d);

	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_non_null(s);
	yz_diags_free(&d);
	return s;
}

static const yz_field_def *field(const yz_survey *s, const char *id)
{
	const yz_field_def *f = yz_form_field(s->entry, id);

	if (f == NULL)
		fail_msg("no entry field %s", id);
	return f;
}

static size_t field_index(const yz_survey *s, const char *id)
{
	return (size_t)(field(s, id) - s->entry->fields);
}

/* ---- the shipped surveys -------------------------------------------------- */

static void test_shipped_surveys(void **state)
{
	static const char *const ids[] = {"employment", "environment", "needs", "satisfaction"};
	yz_survey_set set;
	yz_diags d = {0};

	(void)state;
	assert_int_equal(yz_survey_set_load(SURVEYS_DIR, &set, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(set.n, 4);
	for (size_t i = 0; i < set.n; i++) {
		const yz_survey *s = set.items[i];
		bool demo[3] = {false, false, false};
		assert_string_equal(s->id, ids[i]); /* file-name order */
		assert_non_null(s->title);
		assert_non_null(s->purpose);
		assert_non_null(s->target);
		assert_true(yz_date_cmp(s->from, s->to) <= 0);
		/* each asks the demographic questions the tallies are cut by */
		for (size_t j = 0; j < s->n_questions; j++) {
			const char *w = s->questions[j].demographic;
			demo[0] = demo[0] || (w && strcmp(w, "age") == 0);
			demo[1] = demo[1] || (w && strcmp(w, "sex") == 0);
			demo[2] = demo[2] || (w && strcmp(w, "education") == 0);
		}
		assert_true(demo[0] && demo[1] && demo[2]);
		assert_ptr_equal(yz_survey_set_find(&set, ids[i]), s);
	}
	assert_null(yz_survey_set_find(&set, "nosuch"));
	yz_survey_set_free(&set);
	yz_diags_free(&d);
}

static void test_needs_survey(void **state)
{
	yz_survey *s = load_ok(SURVEYS_DIR "/needs.survey");
	const yz_question *q = yz_survey_question(s, "services");
	const yz_field_def *f;

	(void)state;
	assert_string_equal(s->title, "\xe5\xb1\x85\xe6\xb0\x91\xe6\x9c\x8d\xe5\x8a\xa1\xe9\x9c\x80"
	                              "\xe6\xb1\x82\xe8\xb0\x83\xe6\x9f\xa5"); /* ju min fu wu xu
	                                                                        qiu diao cha */
	assert_int_equal(s->n_questions, 12);
	assert_true(s->anonymous);
	assert_true(s->double_entry);
	assert_null(yz_form_field(s->entry, YZ_SURVEY_F_RESPONDENT)); /* anonymous */
	assert_non_null(q);
	assert_int_equal(q->kind, YZ_Q_MULTI);
	assert_int_equal(q->n_options, 18); /* 17 services and "other" */
	assert_non_null(q->other);
	assert_string_equal(q->options[17], q->other);
	assert_int_equal(q->max_choices, 5);
	f = field(s, "services");
	assert_int_equal(f->type, YZ_FIELD_MULTICHOICE);
	assert_int_equal(f->max_choices, 5);
	assert_int_equal(field(s, "services_other")->type, YZ_FIELD_TEXT);
	yz_survey_free(s);
}

/* ---- every construct ------------------------------------------------------- */

static void test_every_construct(void **state)
{
	yz_survey *s = load_ok(FIXTURE_DIR "/all.survey");
	static const char *const entry_ids[] = {
	    "serial",   "mode",           "proxy", "respondent", "sex",     "age",
	    "services", "services_other", "pick",  "pick_other", "satisfy", "env_1",
	    "env_2",    "env_3",          "why",   "children",   "moved",   "job"};
	static const yz_field_type entry_types[] = {
	    YZ_FIELD_INTEGER, YZ_FIELD_CHOICE, YZ_FIELD_NAME,        YZ_FIELD_RESIDENT,
	    YZ_FIELD_CHOICE,  YZ_FIELD_CHOICE, YZ_FIELD_MULTICHOICE, YZ_FIELD_TEXT,
	    YZ_FIELD_CHOICE,  YZ_FIELD_TEXT,   YZ_FIELD_CHOICE,      YZ_FIELD_CHOICE,
	    YZ_FIELD_CHOICE,  YZ_FIELD_CHOICE, YZ_FIELD_MEMO,        YZ_FIELD_INTEGER,
	    YZ_FIELD_DATE,    YZ_FIELD_TEXT};
	const yz_question *q;
	const yz_form *e = s->entry;
	char buf[11];

	(void)state;
	assert_string_equal(s->id, "all");
	assert_int_equal(s->line, 3);
	assert_non_null(strstr(s->purpose, "\n")); /* a text block keeps its lines */
	yz_date_format(s->from, buf);
	assert_string_equal(buf, "2026-01-01");
	yz_date_format(s->to, buf);
	assert_string_equal(buf, "2026-12-31");
	assert_int_equal(s->sample, 20);
	assert_false(s->anonymous);
	assert_false(s->double_entry);
	assert_int_equal(s->valid_answered, 50);
	assert_non_null(s->valid_if);
	assert_string_equal(yz_expr_source(s->valid_if), "not empty(sex)");
	assert_non_null(s->intro);
	assert_int_equal(s->n_questions, 10);

	/* the entry form: fixed fields, then the questions' fields in order */
	assert_int_equal(e->n_fields, sizeof entry_ids / sizeof *entry_ids);
	for (size_t i = 0; i < e->n_fields; i++) {
		assert_string_equal(e->fields[i].id, entry_ids[i]);
		assert_int_equal(e->fields[i].type, entry_types[i]);
	}
	assert_true(e->record);
	assert_int_equal(e->kind_id, YZ_FORM_KIND_NONE);
	assert_true(field(s, "serial")->required);
	assert_true(field(s, "mode")->required);
	assert_int_equal(field(s, "serial")->min, 1);
	assert_int_equal(field(s, "serial")->max, 999999999);
	for (size_t i = 2; i < e->n_fields; i++)
		assert_false(e->fields[i].required); /* a paper may leave any question blank */
	assert_int_equal(field(s, "mode")->n_options, 3);
	assert_string_equal(field(s, "mode")->options[1], yz_survey_mode_label(YZ_SURVEY_PROXY));
	assert_string_equal(yz_expr_source(field(s, "proxy")->visible_if),
	                    "mode = \"filled in for the resident\"");

	/* pages: the fixed fields and the question before the first section,
	 * then one per section */
	assert_int_equal(e->n_pages, 3);
	assert_null(e->pages[0].title);
	assert_int_equal(e->pages[0].n_fields, 5);
	assert_string_equal(e->pages[1].title, "\xe4\xb8\x80\xe3\x80\x81\xe9\x80\x89\xe6\x8b\xa9"
	                                       "\xe9\xa2\x98");
	assert_int_equal(e->pages[1].first, field_index(s, "age"));
	assert_int_equal(e->pages[2].first, field_index(s, "env_1"));
	assert_int_equal(e->pages[2].n_fields, 7);
	assert_int_equal(field(s, "job")->page, 2);

	/* single with a demographic word, before any section */
	q = yz_survey_question(s, "sex");
	assert_int_equal(q->kind, YZ_Q_SINGLE);
	assert_int_equal(q->n_options, 2);
	assert_string_equal(q->demographic, "sex");
	assert_null(q->section);
	assert_null(q->visible_if);
	assert_int_equal(q->line, 20);
	assert_string_equal(field(s, "sex")->label, "1. \xe6\x80\xa7\xe5\x88\xab");
	/* help as a text block, in a section */
	q = yz_survey_question(s, "age");
	assert_non_null(q->help);
	assert_non_null(field(s, "age")->help);
	assert_non_null(q->section);
	assert_string_equal(field(s, "age")->label + 0, "2. \xe5\xb9\xb4\xe9\xbe\x84\xe6\xae\xb5");
	/* multi with other and max */
	q = yz_survey_question(s, "services");
	assert_int_equal(q->kind, YZ_Q_MULTI);
	assert_int_equal(q->n_options, 4);
	assert_string_equal(q->options[3], q->other);
	assert_int_equal(q->max_choices, 2);
	assert_int_equal(field(s, "services")->max_choices, 2);
	assert_int_equal(field(s, "services")->n_options, 4);
	assert_string_equal(yz_expr_source(field(s, "services_other")->visible_if),
	                    "has(services, \"\xe5\x85\xb6\xe4\xbb\x96\xef\xbc\x88\xe8\xaf\xb7\xe6"
	                    "\xb3\xa8\xe6\x98\x8e\xef\xbc\x89\")");
	/* single with other: the other field is visible when it is picked */
	q = yz_survey_question(s, "pick");
	assert_int_equal(q->n_options, 3);
	assert_int_equal(q->max_choices, 0);
	/* scale */
	q = yz_survey_question(s, "satisfy");
	assert_int_equal(q->kind, YZ_Q_SCALE);
	assert_int_equal(q->n_options, 5);
	assert_string_equal(q->demographic, "satisfaction");
	assert_int_equal(yz_survey_scale_score(0, q->n_options), 5);
	assert_int_equal(yz_survey_scale_score(4, q->n_options), 1);
	/* grid: a choice per item, labelled with the item, the question's
	 * condition on each */
	q = yz_survey_question(s, "env");
	assert_int_equal(q->kind, YZ_Q_GRID);
	assert_int_equal(q->n_items, 3);
	assert_int_equal(q->n_options, 3);
	assert_non_null(q->visible_if);
	assert_ptr_equal(q->visible_if, field(s, "env_1")->visible_if);
	{ /* labelled "<question>.<item> <item>": each row says which item it is */
		char want[128];
		snprintf(want, sizeof want, "%zu.2 %s", yz_survey_question_no(s, q), q->items[1]);
		assert_string_equal(field(s, "env_2")->label, want);
	}
	assert_non_null(field(s, "env_3")->visible_if);
	assert_int_equal(field(s, "env_2")->n_options, 3);
	assert_string_equal(field(s, "env_2")->label, "6.2 \xe5\x8d\xab\xe7\x94\x9f");
	/* long with skip logic, number with a range, date, text */
	q = yz_survey_question(s, "why");
	assert_int_equal(q->kind, YZ_Q_LONG);
	assert_non_null(q->visible_if);
	q = yz_survey_question(s, "children");
	assert_true(q->has_min && q->has_max);
	assert_int_equal(q->min, 0);
	assert_int_equal(q->max, 10);
	assert_int_equal(field(s, "children")->max, 10);
	assert_int_equal(yz_survey_question(s, "moved")->kind, YZ_Q_DATE);
	assert_int_equal(yz_survey_question(s, "job")->kind, YZ_Q_TEXT);
	assert_null(yz_survey_question(s, "nosuch"));
	yz_survey_free(s);
}

static void test_question_of_and_fields_of(void **state)
{
	yz_survey *s = load_ok(FIXTURE_DIR "/all.survey");
	const char *ids[8];
	int item = 99;

	(void)state;
	assert_null(yz_survey_question_of(s, "serial", &item));
	assert_int_equal(item, -1);
	assert_null(yz_survey_question_of(s, "respondent", NULL));
	assert_ptr_equal(yz_survey_question_of(s, "env_2", &item), yz_survey_question(s, "env"));
	assert_int_equal(item, 1);
	assert_null(yz_survey_question_of(s, "env_4", &item)); /* three items only */
	assert_null(yz_survey_question_of(s, "env", &item));   /* a grid has no field of its id */
	assert_ptr_equal(yz_survey_question_of(s, "services_other", &item),
	                 yz_survey_question(s, "services"));
	assert_int_equal(item, -1);
	assert_ptr_equal(yz_survey_question_of(s, "why", NULL), yz_survey_question(s, "why"));
	assert_null(yz_survey_question_of(s, "why_other", NULL)); /* no other */

	assert_int_equal(yz_survey_fields_of(s, yz_survey_question(s, "env"), ids, 8), 3);
	assert_string_equal(ids[0], "env_1");
	assert_string_equal(ids[2], "env_3");
	assert_int_equal(yz_survey_fields_of(s, yz_survey_question(s, "services"), ids, 8), 2);
	assert_string_equal(ids[0], "services");
	assert_string_equal(ids[1], "services_other");
	assert_int_equal(yz_survey_fields_of(s, yz_survey_question(s, "sex"), ids, 8), 1);
	/* more than max: counted, not written */
	assert_int_equal(yz_survey_fields_of(s, yz_survey_question(s, "env"), ids, 1), 3);
	yz_survey_free(s);
}

static void test_modes(void **state)
{
	(void)state;
	assert_string_equal(yz_survey_mode_id(YZ_SURVEY_SELF), "self");
	assert_string_equal(yz_survey_mode_id(YZ_SURVEY_PROXY), "proxy");
	assert_string_equal(yz_survey_mode_id(YZ_SURVEY_COUNTER), "counter");
	for (int m = YZ_SURVEY_SELF; m <= YZ_SURVEY_COUNTER; m++) {
		assert_int_equal(yz_survey_mode_of(yz_survey_mode_label((yz_survey_mode)m)), m);
		assert_int_equal(yz_survey_mode_of(yz_survey_mode_id((yz_survey_mode)m)), m);
	}
	assert_int_equal(yz_survey_mode_of("by post"), -1);
	assert_int_equal(yz_survey_mode_of(NULL), -1);
}

/* Skip logic and validity over answers. */
static void test_asked_and_valid(void **state)
{
	yz_survey *s = load_ok(FIXTURE_DIR "/all.survey");
	const yz_question *why = yz_survey_question(s, "why");
	const yz_question *grid = yz_survey_question(s, "env");
	const yz_question *job = yz_survey_question(s, "job");
	yz_values v = {0};
	int asked, answered;

	(void)state;
	/* nothing answered: 7 questions asked (env, why, job are not), none
	 * answered; valid_if (sex answered) fails */
	assert_false(yz_survey_asked(s, why, &v, &env));
	assert_false(yz_survey_asked(s, grid, &v, &env));
	assert_true(yz_survey_asked(s, yz_survey_question(s, "sex"), &v, &env));
	assert_false(yz_survey_valid(s, &v, &env, &asked, &answered));
	assert_int_equal(asked, 7);
	assert_int_equal(answered, 0);

	yz_values_set(&v, "sex", "\xe5\xa5\xb3");                             /* nv */
	yz_values_set(&v, "satisfy", "\xe4\xb8\x8d\xe6\xbb\xa1\xe6\x84\x8f"); /* bu man yi */
	assert_true(yz_survey_asked(s, why, &v, &env));
	assert_true(yz_survey_asked(s, grid, &v, &env));
	/* 9 asked (env and why now), 2 answered: 22% < 50% */
	assert_false(yz_survey_valid(s, &v, &env, &asked, &answered));
	assert_int_equal(asked, 9);
	assert_int_equal(answered, 2);
	/* a grid counts as answered when any item is; the other text alone does
	 * not answer its question */
	yz_values_set(&v, "env_3", "\xe5\xa5\xbd");
	yz_values_set(&v, "services_other", "x");
	assert_false(yz_survey_valid(s, &v, &env, &asked, &answered));
	assert_int_equal(answered, 3);
	yz_values_set(&v, "services", "\xe4\xb9\x99"); /* yi: job is asked now */
	assert_true(yz_survey_asked(s, job, &v, &env));
	yz_values_set(&v, "why", "x");
	/* 10 asked, 5 answered: exactly 50% is valid */
	assert_true(yz_survey_valid(s, &v, &env, &asked, &answered));
	assert_int_equal(asked, 10);
	assert_int_equal(answered, 5);
	/* valid_if decides too: without sex it is not valid, whatever else */
	yz_values_set(&v, "sex", NULL);
	yz_values_set(&v, "age", "60\xe5\xb2\x81\xe4\xbb\xa5\xe4\xb8\x8b");
	assert_false(yz_survey_valid(s, &v, &env, &asked, &answered));
	assert_int_equal(answered, 5);
	yz_values_clear(&v);
	yz_survey_free(s);
}

static void test_set_load_with_overlay(void **state)
{
	char dir[] = "/tmp/yz_survey_XXXXXX", path[256];
	yz_survey_set set;
	yz_diags d = {0};
	FILE *fp;
	const char *text = "survey needs\n    title District version\n    purpose p\n"
	                   "    period 2026-01-01 2026-01-31\n    target t\n"
	                   "question q single\n    label L\n    option a\n    option b\n";

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/needs.survey", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(yz_survey_set_load_with(SURVEYS_DIR, dir, &set, &d), 0);
	print_diags(&d);
	assert_int_equal(set.n, 4);
	assert_string_equal(yz_survey_set_find(&set, "needs")->title, "District version");
	yz_survey_set_free(&set);
	/* a missing folder has no surveys */
	assert_int_equal(yz_survey_set_load(YZ_SOURCE_ROOT "/nosuch", &set, &d), 0);
	assert_int_equal(set.n, 0);
	/* two files of one id: the second is refused */
	snprintf(path, sizeof path, "%s/other.survey", dir);
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(yz_survey_set_load(dir, &set, &d), -1);
	assert_int_equal(set.n, 1);
	assert_true(d.n >= 1);
	assert_non_null(strstr(d.items[d.n - 1], "differs from its file name 'other'"));
	yz_survey_set_free(&set);
	yz_diags_free(&d);
	remove(path);
	snprintf(path, sizeof path, "%s/needs.survey", dir);
	remove(path);
	rmdir(dir);
}

/* ---- broken surveys: golden messages --------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;

	if (fp == NULL)
		return NULL;
	buf = calloc(1, 1024 * 1024 + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, 1024 * 1024, fp);
	fclose(fp);
	return buf;
}

static char *messages_of(const char *name)
{
	char path[1024];
	size_t len, size = 1;
	yz_diags d = {0};
	char *text, *out;
	yz_survey *s;

	snprintf(path, sizeof path, "%s/%s", BROKEN_DIR, name);
	text = read_all(path, &len);
	assert_non_null(text);
	s = yz_survey_parse(name, text, len, &d);
	assert_null(s); /* every broken file is refused */
	for (size_t i = 0; i < d.n; i++)
		size += strlen(d.items[i]) + 1;
	out = calloc(1, size);
	assert_non_null(out);
	for (size_t i = 0; i < d.n; i++) {
		strcat(out, d.items[i]);
		strcat(out, "\n");
	}
	yz_diags_free(&d);
	free(text);
	return out;
}

static int is_survey(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 7 && strcmp(e->d_name + n - 7, ".survey") == 0;
}

static bool golden(const char *name, bool update)
{
	char path[1024];
	size_t len = 0;
	char *got = messages_of(name), *want;
	bool same;

	snprintf(path, sizeof path, "%s/%.*s.expected", BROKEN_DIR, (int)(strlen(name) - 7), name);
	if (update) {
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(got, fp);
		fclose(fp);
	}
	want = read_all(path, &len);
	same = want != NULL && strcmp(got, want) == 0 && got[0] != '\0';
	if (!same)
		print_message("%s:\n--- want\n%s--- got\n%s", name,
		              want ? want : "(no .expected)\n", got);
	free(got);
	free(want);
	return same;
}

static void test_broken_golden(void **state)
{
	struct dirent **names = NULL;
	int n = scandir(BROKEN_DIR, &names, is_survey, alphasort), failed = 0;
	bool update = getenv("YZ_UPDATE_GOLDEN") != NULL;

	(void)state;
	assert_true(n >= 12);
	for (int i = 0; i < n; i++) {
		failed += !golden(names[i]->d_name, update);
		free(names[i]);
	}
	free(names);
	assert_int_equal(failed, 0);
}

/* ---- has() ------------------------------------------------------------------ */

static const char has_form[] = "form t\n"
                               "    title T\n"
                               "    line \xe8\xaf\x81\xe6\x98\x8e\n"
                               "    authority \xe7\xa4\xbe\xe5\x8c\xba\n"
                               "    kind \xe5\x8d\xb3\xe5\x8a\x9e\xe4\xbb\xb6\n"
                               "    promise 0\n"
                               "    legal 0\n"
                               "field needs multichoice\n"
                               "    label Needs\n"
                               "    option meals\n"
                               "    option baths\n"
                               "    option rides\n"
                               "    max 2\n"
                               "field kind choice\n"
                               "    label Kind\n"
                               "    option one\n"
                               "    option one and more\n"
                               "field note text\n"
                               "    label Note\n";

static bool eval_bool(const yz_form *f, const char *src, const yz_values *v)
{
	yz_diags d = {0};
	yz_expr *e = yz_expr_parse(f, src, "t.form", 30, 16, &d);
	yz_err err = {{0}};
	yz_xval x;

	print_diags(&d);
	assert_non_null(e);
	assert_true(yz_expr_eval(e, v, &env, &x, &err));
	assert_int_equal(x.kind, YZ_X_BOOL);
	yz_expr_free(e);
	yz_diags_free(&d);
	return x.b;
}

static void expr_fails(const yz_form *f, const char *src, const char *want)
{
	yz_diags d = {0};
	yz_expr *e = yz_expr_parse(f, src, "t.form", 30, 16, &d);

	assert_null(e);
	assert_true(d.n >= 1);
	if (strcmp(d.items[0], want) != 0)
		print_message("want: %s\ngot:  %s\n", want, d.items[0]);
	assert_string_equal(d.items[0], want);
	yz_diags_free(&d);
}

static void test_has(void **state)
{
	yz_form *f = parse_ok("t.form", has_form);
	yz_values v = {0};

	(void)state;
	assert_false(eval_bool(f, "has(needs, \"baths\")", &v)); /* empty */
	yz_values_set(&v, "needs", "meals" YZ_MULTI_SEP "baths");
	assert_true(eval_bool(f, "has(needs, \"meals\")", &v));
	assert_true(eval_bool(f, "has(needs, \"baths\")", &v));
	assert_false(eval_bool(f, "has(needs, \"rides\")", &v));
	assert_true(eval_bool(f, "has(needs, \"meals\") and not has(needs, \"rides\")", &v));
	/* a choice holds one option: the whole value, not a part of it */
	yz_values_set(&v, "kind", "one and more");
	assert_true(eval_bool(f, "has(kind, \"one and more\")", &v));
	assert_false(eval_bool(f, "has(kind, \"one\")", &v));
	/* checked when read */
	expr_fails(f, "has(needs, \"walks\")",
	           "t.form:30:27: 'walks' is not an option of field 'needs': write one of meals, "
	           "baths, rides");
	expr_fails(f, "has(note, \"x\")",
	           "t.form:30:20: has() takes a choice or multichoice field first: has(field, "
	           "\"option\")");
	expr_fails(f, "has(needs, note)",
	           "t.form:30:27: has() takes one of the field's options second, written in "
	           "double quotes");
	expr_fails(f, "has(needs)",
	           "t.form:30:25: has() takes 2 values separated by commas: "
	           "has(field, \"option\")");
	yz_values_clear(&v);
	yz_form_free(f);
}

/* ---- multichoice max ------------------------------------------------------- */

static void test_multichoice_max(void **state)
{
	yz_form *f = parse_ok("t.form", has_form);
	const yz_field_def *needs = yz_form_field(f, "needs");
	yz_err err = {{0}};
	yz_diags d = {0};
	char *bad;

	(void)state;
	assert_int_equal(needs->max_choices, 2);
	assert_true(yz_field_validate(needs, "meals" YZ_MULTI_SEP "rides", TODAY, &err));
	assert_false(yz_field_validate(needs, "meals" YZ_MULTI_SEP "rides" YZ_MULTI_SEP "baths",
	                               TODAY, &err));
	assert_string_equal(err.msg, "Needs: choose at most 2");
	yz_form_free(f);

	/* more than the options, or not a number: told when read */
	bad = yz_strdup_printf("%.*smax 4\n", (int)(strstr(has_form, "max 2\n") - has_form),
	                       has_form);
	assert_null(yz_form_parse("t.form", bad, strlen(bad), TODAY, test_vocab(), &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0], "t.form:8:1: field 'needs': max is 4, but it has only 3 "
	                                "options");
	yz_diags_free(&d);
	free(bad);
	bad = yz_strdup_printf("%.*smax 0\n", (int)(strstr(has_form, "max 2\n") - has_form),
	                       has_form);
	assert_null(yz_form_parse("t.form", bad, strlen(bad), TODAY, test_vocab(), &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0],
	                    "t.form:13:9: bad value '0': a multichoice field's max is the most "
	                    "options a value may hold, a whole number from 1");
	yz_diags_free(&d);
	free(bad);
	/* min stays a number field's key */
	bad = yz_strdup_printf("%.*smin 1\n", (int)(strstr(has_form, "max 2\n") - has_form),
	                       has_form);
	assert_null(yz_form_parse("t.form", bad, strlen(bad), TODAY, test_vocab(), &d));
	assert_non_null(strstr(d.items[0], "'min' is not used by multichoice fields"));
	yz_diags_free(&d);
	free(bad);
}

/* ---- quick mode ------------------------------------------------------------ */

/* Keys of a paper: a character is a key; '\n' is Enter (NEXT). Counts them;
 * the last result in *last. */
static int keys(yz_engine *e, const char *s, yz_key_result *last)
{
	size_t n = strlen(s);
	int count = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s + i, n - i, &cp);
		assert_true(k > 0);
		*last = cp == '\n' ? yz_engine_key(e, YZ_KEY_NEXT, 0)
		                   : yz_engine_key(e, YZ_KEY_CHAR, cp);
		count++;
		i += k;
	}
	return count;
}

static const char *cell(const yz_engine *e)
{
	return yz_engine_cell_def(e)->id;
}

static const char *val(const yz_engine *e, const char *id)
{
	const char *v = yz_values_get(yz_engine_values(e), id);
	return v ? v : "";
}

/* One paper of the needs survey (12 questions), as a clerk keys it. */
static void test_quick_needs_paper(void **state)
{
	yz_survey *s = load_ok(SURVEYS_DIR "/needs.survey");
	yz_engine *e = yz_engine_new(s->entry, &env);
	yz_key_result r = YZ_KEY_DONE;
	int n = 0;

	(void)state;
	yz_engine_set_quick(e, true);
	/* serial 37, Enter; mode 1 (self-filled): one digit, on at once */
	n += keys(e, "37\n", &r);
	assert_string_equal(cell(e), "mode");
	n += keys(e, "1", &r);
	assert_string_equal(val(e, "mode"), yz_survey_mode_label(YZ_SURVEY_SELF));
	/* no proxy field (self-filled), no respondent (anonymous): sex next */
	assert_string_equal(cell(e), "sex");
	/* 1. sex 2, 2. age 4, 3. education 2, 4. employment 2, 5. household 3 */
	n += keys(e, "24223", &r);
	assert_string_equal(cell(e), "services");
	/* 6. services: five of 18 options; the fifth (14) cannot grow: on */
	n += keys(e, "1 3 5 12 14", &r);
	assert_int_equal(strncmp(val(e, "services"), field(s, "services")->options[0],
	                         strlen(field(s, "services")->options[0])),
	                 0);
	assert_non_null(strstr(val(e, "services"), field(s, "services")->options[13]));
	/* no "other" picked: its text is skipped */
	assert_string_equal(cell(e), "used");
	/* 7. used 2, 8. channel 2, 9. satisfy 2 (satisfied): 10. why is not asked */
	n += keys(e, "222", &r);
	assert_string_equal(cell(e), "time");
	/* 11. time 3; 12. suggest left blank: Enter on the last field submits */
	n += keys(e, "3\n", &r);
	assert_int_equal(r, YZ_KEY_SUBMITTED);
	print_message("needs paper: %d keys\n", n);
	assert_int_equal(n, 25);
	assert_true(n <= 40); /* the goal */
	assert_string_equal(val(e, "age"), "60-69\xe5\xb2\x81");
	assert_string_equal(val(e, "why"), "");
	yz_engine_free(e);
	yz_survey_free(s);
}

static void test_quick_choice_digits(void **state)
{
	yz_survey *s = load_ok(SURVEYS_DIR "/needs.survey");
	const yz_field_def *services = field(s, "services");
	yz_engine *e = yz_engine_new(s->entry, &env);
	yz_key_result r = YZ_KEY_DONE;
	char *want;

	(void)state;
	yz_engine_set_quick(e, true);
	keys(e, "5\n", &r);
	/* "0" first is refused; a number beyond the options is refused */
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '0'), YZ_KEY_REFUSED);
	assert_string_equal(yz_engine_message(e), "how it was filled in has options 1 to 3: type "
	                                          "the number of the ticked box");
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '4'), YZ_KEY_REFUSED);
	assert_string_equal(cell(e), "mode");
	/* 2 = filled in for the resident: the proxy's name is asked next */
	keys(e, "2", &r);
	assert_string_equal(cell(e), "proxy");
	keys(e, "\xe7\x8e\x8b\xe8\x8a\xb3\n", &r); /* wang fang */
	assert_string_equal(cell(e), "sex");
	keys(e, "1", &r);
	assert_string_equal(cell(e), "age");
	/* Enter on an empty cell moves on, no answer */
	keys(e, "\n", &r);
	assert_int_equal(r, YZ_KEY_DONE);
	assert_string_equal(cell(e), "education");
	assert_string_equal(val(e, "age"), "");
	/* a digit in a cell picked before picks again; a refused one keeps it */
	assert_true(yz_engine_goto(e, field_index(s, "sex"), 0, 0));
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '3'), YZ_KEY_REFUSED);
	assert_string_equal(val(e, "sex"), field(s, "sex")->options[0]);
	keys(e, "2", &r);
	assert_string_equal(val(e, "sex"), field(s, "sex")->options[1]);
	assert_string_equal(cell(e), "age");
	assert_true(yz_engine_goto(e, field_index(s, "services"), 0, 0));
	/* multichoice: "1" may grow into 10..18, so it waits; Enter takes it */
	keys(e, "1", &r);
	assert_string_equal(cell(e), "services");
	keys(e, "\n", &r);
	assert_string_equal(val(e, "services"), services->options[0]);
	assert_string_equal(cell(e), "used");
	/* a number that is no option is refused at the key: 19 of 18, a 0 first */
	assert_true(yz_engine_goto(e, field_index(s, "services"), 0, 0));
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '0'), YZ_KEY_REFUSED);
	assert_string_equal(yz_engine_text(e), services->options[0]); /* a refused key: kept */
	keys(e, "1", &r); /* a number: the value picked before makes room for it */
	assert_string_equal(yz_engine_text(e), "1");
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '9'), YZ_KEY_REFUSED);
	assert_non_null(strstr(yz_engine_message(e), "has options 1 to 18"));
	keys(e, "0 ", &r);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '0'), YZ_KEY_REFUSED);
	assert_string_equal(yz_engine_text(e), "10 ");
	assert_int_equal(yz_engine_key(e, YZ_KEY_KILL_LINE, 0), YZ_KEY_DONE);
	/* more than max: refused on leaving, with the count in words */
	assert_true(yz_engine_goto(e, field_index(s, "services"), 0, 0));
	keys(e, "2 3 4 5 1 6", &r); /* the fifth pick (1) might grow: no move yet */
	assert_string_equal(cell(e), "services");
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_INVALID);
	want = yz_strdup_printf("%s: choose at most 5", services->label);
	assert_string_equal(yz_engine_message(e), want);
	free(want);
	/* mend 18.3: refused, the numbers typed stay to be mended where typed */
	assert_string_equal(yz_engine_text(e), "2 3 4 5 1 6");
	assert_string_equal(val(e, "services"), "2 3 4 5 1 6");
	assert_int_equal(yz_engine_key(e, YZ_KEY_BACKSPACE, 0), YZ_KEY_DONE);
	assert_int_equal(yz_engine_key(e, YZ_KEY_BACKSPACE, 0), YZ_KEY_DONE);
	assert_string_equal(yz_engine_text(e), "2 3 4 5 1");
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_DONE);
	assert_string_equal(cell(e), "used");
	assert_non_null(strstr(val(e, "services"), services->options[4]));
	assert_true(yz_engine_goto(e, field_index(s, "services"), 0, 0));
	assert_int_equal(yz_engine_key(e, YZ_KEY_KILL_LINE, 0), YZ_KEY_DONE);
	/* the fifth pick "1" may still grow: it waits; "18" is other: its text next */
	keys(e, "2 3 4 5 1", &r);
	assert_string_equal(cell(e), "services");
	keys(e, "8", &r);
	assert_string_equal(cell(e), "services_other");
	want =
	    yz_strdup_printf("%s%s%s%s%s%s%s%s%s", services->options[1], YZ_MULTI_SEP,
	                     services->options[2], YZ_MULTI_SEP, services->options[3], YZ_MULTI_SEP,
	                     services->options[4], YZ_MULTI_SEP, services->options[17]);
	assert_string_equal(val(e, "services"), want);
	free(want);
	yz_engine_free(e);
	yz_survey_free(s);
}

/* Mend 18.2: back (PREV) on an answered choice, a digit with no option is
 * refused and the answer stays; one that may grow into an option waits
 * without wiping it either. */
static void test_quick_refused_keeps_answer(void **state)
{
	yz_survey *s = load_ok(SURVEYS_DIR "/needs.survey");
	const yz_field_def *age = field(s, "age");
	yz_engine *e = yz_engine_new(s->entry, &env);
	yz_key_result r = YZ_KEY_DONE;

	(void)state;
	yz_engine_set_quick(e, true);
	/* mend 18.4: a letter in the serial is refused in words */
	assert_string_equal(cell(e), "serial");
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '3'), YZ_KEY_DONE);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 'o'), YZ_KEY_REFUSED);
	assert_non_null(strstr(yz_engine_message(e), "takes a whole number: digits only"));
	assert_string_equal(yz_engine_text(e), "3");
	keys(e, "7\n1", &r);
	assert_string_equal(val(e, "serial"), "37");
	assert_string_equal(cell(e), "sex");
	keys(e, "24", &r);
	assert_string_equal(cell(e), "education");
	assert_string_equal(val(e, "age"), age->options[3]);
	assert_int_equal(yz_engine_key(e, YZ_KEY_PREV, 0), YZ_KEY_DONE);
	assert_string_equal(cell(e), "age");
	/* "9" of 6 options: refused, the answer kept, in the values and on screen */
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '9'), YZ_KEY_REFUSED);
	assert_non_null(strstr(yz_engine_message(e), "has options 1 to 6"));
	assert_string_equal(val(e, "age"), age->options[3]);
	assert_string_equal(yz_engine_text(e), age->options[3]);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '0'), YZ_KEY_REFUSED);
	assert_string_equal(val(e, "age"), age->options[3]);
	/* leaving keeps it too */
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_DONE);
	assert_string_equal(val(e, "age"), age->options[3]);
	assert_int_equal(yz_engine_key(e, YZ_KEY_PREV, 0), YZ_KEY_DONE);
	/* a digit that is an option picks again */
	keys(e, "2", &r);
	assert_string_equal(val(e, "age"), age->options[1]);
	assert_string_equal(cell(e), "education");
	/* another character replaces the answer instead of joining its text */
	assert_int_equal(yz_engine_key(e, YZ_KEY_PREV, 0), YZ_KEY_DONE);
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, 'x'), YZ_KEY_DONE);
	assert_string_equal(yz_engine_text(e), "x");
	yz_engine_free(e);
	yz_survey_free(s);
}

/* Skip logic while keying: "why" is asked only of the dissatisfied. */
static void test_quick_skip_logic(void **state)
{
	yz_survey *s = load_ok(SURVEYS_DIR "/needs.survey");
	yz_engine *e = yz_engine_new(s->entry, &env);
	yz_key_result r = YZ_KEY_DONE;

	(void)state;
	yz_engine_set_quick(e, true);
	assert_true(yz_engine_goto(e, field_index(s, "satisfy"), 0, 0));
	keys(e, "4", &r); /* dissatisfied */
	assert_string_equal(cell(e), "why");
	assert_true(yz_survey_asked(s, yz_survey_question(s, "why"), yz_engine_values(e), &env));
	assert_true(yz_engine_goto(e, field_index(s, "satisfy"), 0, 0));
	keys(e, "1", &r); /* very satisfied: "why" is jumped over */
	assert_string_equal(cell(e), "time");
	assert_false(yz_engine_field_visible(e, field_index(s, "why")));
	assert_false(yz_survey_asked(s, yz_survey_question(s, "why"), yz_engine_values(e), &env));
	/* without quick mode the last field does not submit: it says so */
	yz_engine_set_quick(e, false);
	assert_true(yz_engine_goto(e, field_index(s, "suggest"), 0, 0));
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_REFUSED);
	yz_engine_set_quick(e, true);
	/* quick: submit finds the serial and mode missing and goes there */
	assert_int_equal(yz_engine_key(e, YZ_KEY_NEXT, 0), YZ_KEY_BLOCKED);
	assert_string_equal(cell(e), "serial");
	yz_engine_free(e);
	yz_survey_free(s);
}

/* The employment survey's skip logic: the employed are asked about their
 * work, the unemployed about their search; neither sees the other's part. */
static void test_quick_employment_skip(void **state)
{
	yz_survey *s = load_ok(SURVEYS_DIR "/employment.survey");
	yz_engine *e = yz_engine_new(s->entry, &env);
	yz_key_result r = YZ_KEY_DONE;
	int n;

	(void)state;
	yz_engine_set_quick(e, true);
	/* serial, at the counter (3), no respondent picked (Enter) */
	n = keys(e, "801\n3\n", &r);
	assert_string_equal(cell(e), "sex");
	/* sex, age, education, hukou; status 1 (employed by a unit) */
	n += keys(e, "12411", &r);
	assert_string_equal(cell(e), "industry");
	n += keys(e, "3", &r);
	assert_string_equal(cell(e), "contract");
	n += keys(e, "1", &r);
	assert_string_equal(cell(e), "income");
	n += keys(e, "3", &r);
	/* months, registered and help are for the unemployed: jumped over */
	assert_string_equal(cell(e), "training");
	n += keys(e, "2\n", &r);
	assert_int_equal(r, YZ_KEY_SUBMITTED);
	assert_int_equal(n, 16);
	assert_false(yz_survey_asked(s, yz_survey_question(s, "help"), yz_engine_values(e), &env));

	/* another paper: unemployed (4), no industry, contract or income */
	yz_engine_load(e, NULL);
	keys(e, "802\n1\n2231", &r);
	assert_string_equal(cell(e), "status");
	keys(e, "4", &r);
	assert_string_equal(cell(e), "months");
	keys(e, "7\n", &r);
	assert_string_equal(cell(e), "registered");
	keys(e, "2", &r);
	assert_string_equal(cell(e), "help");
	keys(e, "1 2 7", &r); /* the third pick cannot grow (7 options): on */
	assert_string_equal(cell(e), "help_other");
	assert_true(yz_survey_asked(s, yz_survey_question(s, "help"), yz_engine_values(e), &env));
	assert_false(
	    yz_survey_asked(s, yz_survey_question(s, "income"), yz_engine_values(e), &env));
	yz_engine_free(e);
	yz_survey_free(s);
}

/* A grid keys as a choice per item; digits past the scale are refused. */
static void test_quick_grid(void **state)
{
	yz_survey *s = load_ok(FIXTURE_DIR "/all.survey");
	yz_engine *e = yz_engine_new(s->entry, &env);
	yz_key_result r = YZ_KEY_DONE;

	(void)state;
	yz_engine_set_quick(e, true);
	assert_true(yz_engine_goto(e, field_index(s, "satisfy"), 0, 0));
	keys(e, "3", &r);
	assert_string_equal(cell(e), "env_1");
	assert_int_equal(yz_engine_key(e, YZ_KEY_CHAR, '4'), YZ_KEY_REFUSED);
	keys(e, "123", &r);
	assert_string_equal(val(e, "env_1"), "\xe5\xa5\xbd");
	assert_string_equal(val(e, "env_3"), "\xe5\xb7\xae");
	/* "why" is not asked (neutral): the number of children next */
	assert_string_equal(cell(e), "children");
	keys(e, "11\n", &r);
	assert_int_equal(r, YZ_KEY_INVALID); /* max 10 */
	assert_string_equal(cell(e), "children");
	yz_engine_free(e);
	yz_survey_free(s);
}

/* ---- the names every part writes the same way (issue 18) -------------------- */

static void test_mode_table(void **state)
{
	(void)state;
	assert_int_equal(YZ_SURVEY_N_MODES, 3);
	/* LANGUAGE is empty: the label is the msgid */
	for (int m = 0; m < YZ_SURVEY_N_MODES; m++)
		assert_string_equal(yz_survey_mode_label((yz_survey_mode)m),
		                    yz_survey_mode_msgid((yz_survey_mode)m));
	assert_string_equal(yz_survey_mode_msgid(YZ_SURVEY_PROXY), "filled in for the resident");
	assert_string_equal(yz_survey_mode_msgid(YZ_SURVEY_COUNTER), "answered at the counter");
	assert_int_equal(yz_survey_mode_of("filled in by the resident"), YZ_SURVEY_SELF);
	/* out of range reads as SELF, as stored papers always had one of three */
	assert_string_equal(yz_survey_mode_id((yz_survey_mode)7), "self");
}

static void test_names(void **state)
{
	yz_survey *s = load_ok(FIXTURE_DIR "/all.survey");
	const yz_question *env_q = yz_survey_question(s, "env");
	const yz_question *why = yz_survey_question(s, "why");
	char buf[256];

	(void)state;
	yz_survey_serial_text(12, buf, sizeof buf);
	assert_string_equal(buf, "0012");
	yz_survey_serial_text(123456, buf, sizeof buf);
	assert_string_equal(buf, "123456");
	yz_survey_serial_text(YZ_SURVEY_SERIAL_MAX, buf, sizeof buf);
	assert_string_equal(buf, "999999999");

	assert_true(yz_survey_is_head_field(YZ_SURVEY_F_SERIAL));
	assert_true(yz_survey_is_head_field("mode"));
	assert_true(yz_survey_is_head_field("proxy"));
	assert_true(yz_survey_is_head_field("respondent"));
	assert_false(yz_survey_is_head_field("why"));
	assert_false(yz_survey_is_head_field("serials"));
	assert_false(yz_survey_is_head_field(NULL));

	/* every question's number is its place, and the entry form's label starts
	 * with it */
	for (size_t i = 0; i < s->n_questions; i++) {
		const yz_question *q = &s->questions[i];
		char want[16];
		assert_int_equal(yz_survey_question_no(s, q), i + 1);
		yz_survey_field_id(q, q->kind == YZ_Q_GRID ? 0 : -1, buf, sizeof buf);
		/* a grid's items: "6.1 item" */
		snprintf(want, sizeof want, q->kind == YZ_Q_GRID ? "%zu.1 " : "%zu. ", i + 1);
		assert_memory_equal(field(s, buf)->label, want, strlen(want));
	}
	yz_survey_field_id(env_q, 1, buf, sizeof buf);
	assert_string_equal(buf, "env_2");
	yz_survey_field_id(why, -1, buf, sizeof buf);
	assert_string_equal(buf, "why");

	size_t env_no = yz_survey_question_no(s, env_q), why_no = yz_survey_question_no(s, why);
	char want[256];
	yz_survey_question_title(s, env_q, 2, ": ", buf, sizeof buf);
	snprintf(want, sizeof want, "%zu.3 %s: %s", env_no, env_q->label, env_q->items[2]);
	assert_string_equal(buf, want);
	yz_survey_question_title(s, why, -1, ": ", buf, sizeof buf);
	snprintf(want, sizeof want, "%zu. %s", why_no, why->label);
	assert_string_equal(buf, want);
	yz_survey_free(s);
}

static void test_multi_walk(void **state)
{
	const char *p, *pick;
	size_t len;

	(void)state;
	p = "meals" YZ_MULTI_SEP "baths";
	assert_true(yz_multi_next(&p, &pick, &len));
	assert_int_equal(len, 5);
	assert_memory_equal(pick, "meals", 5);
	assert_true(yz_multi_next(&p, &pick, &len));
	assert_int_equal(len, 5);
	assert_memory_equal(pick, "baths", 5);
	assert_false(yz_multi_next(&p, &pick, &len));
	assert_false(yz_multi_next(&p, &pick, &len)); /* and stays done */
	p = "";
	assert_false(yz_multi_next(&p, &pick, &len));
	p = NULL;
	assert_false(yz_multi_next(&p, &pick, &len));
	/* an empty pick inside is one (validation names it); a trailing
	 * separator ends the walk */
	p = "a" YZ_MULTI_SEP YZ_MULTI_SEP "b" YZ_MULTI_SEP;
	assert_true(yz_multi_next(&p, &pick, &len));
	assert_true(yz_multi_next(&p, &pick, &len));
	assert_int_equal(len, 0);
	assert_true(yz_multi_next(&p, &pick, &len));
	assert_memory_equal(pick, "b", 1);
	assert_false(yz_multi_next(&p, &pick, &len));

	assert_true(yz_multi_has("meals" YZ_MULTI_SEP "baths", "baths"));
	assert_true(yz_multi_has("one and more", "one and more"));
	assert_false(yz_multi_has("one and more", "one"));
	assert_false(yz_multi_has("meals" YZ_MULTI_SEP "baths", "bath"));
	assert_false(yz_multi_has(NULL, "meals"));
	assert_false(yz_multi_has("", ""));
}

/* A multichoice value with an empty pick or a trailing separator is still
 * refused (yz_multi_next ends at a trailing one). */
static void test_multi_validate(void **state)
{
	yz_form *f = parse_ok("t.form", has_form);
	const yz_field_def *needs = yz_form_field(f, "needs");
	yz_err err = {{0}};

	(void)state;
	assert_true(yz_field_validate(needs, "meals" YZ_MULTI_SEP "baths", TODAY, &err));
	assert_false(yz_field_validate(needs, "meals" YZ_MULTI_SEP, TODAY, &err));
	assert_string_equal(err.msg, "Needs: '' is not one of the listed options");
	assert_false(
	    yz_field_validate(needs, "meals" YZ_MULTI_SEP YZ_MULTI_SEP "baths", TODAY, &err));
	assert_string_equal(err.msg, "Needs: '' is not one of the listed options");
	assert_false(yz_field_validate(needs, "meals" YZ_MULTI_SEP "meals", TODAY, &err));
	assert_string_equal(err.msg, "Needs: 'meals' is chosen twice");
	yz_form_free(f);
}

/* ---- a condition in words (yz_expr_describe) ---------------------------------- */

static void name_field(const char *id, void *ctx, char *buf, size_t n)
{
	(void)ctx;
	snprintf(buf, n, "<%s>", id);
}

static const yz_expr_words words = {
    .field = name_field,
    .is = "%1$s is \"%2$s\"",
    .is_not = "%1$s is not \"%2$s\"",
    .or_option = " or \"%s\"",
    .includes = "%1$s includes \"%2$s\"",
    .answered = "%s is answered",
    .not_answered = "%s is not answered",
    .or_word = " or ",
    .and_word = " and ",
    .not_word = "not ",
};

static void describes(const yz_form *f, const char *src, const char *want)
{
	yz_diags d = {0};
	yz_expr *e = yz_expr_parse(f, src, "t.form", 30, 16, &d);
	char *got;

	print_diags(&d);
	assert_non_null(e);
	got = yz_expr_describe(e, &words);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		print_message("src:  %s\nwant: %s\ngot:  %s\n", src, want, got);
	assert_string_equal(got, want);
	free(got);
	yz_expr_free(e);
	yz_diags_free(&d);
}

static void test_describe(void **state)
{
	static const char form[] = "form t\n"
	                           "    title T\n"
	                           "    line \xe8\xaf\x81\xe6\x98\x8e\n"
	                           "    authority \xe7\xa4\xbe\xe5\x8c\xba\n"
	                           "    kind \xe5\x8d\xb3\xe5\x8a\x9e\xe4\xbb\xb6\n"
	                           "    promise 0\n"
	                           "    legal 0\n"
	                           "field needs multichoice\n"
	                           "    label Needs\n"
	                           "    option meals\n"
	                           "    option baths\n"
	                           "field kind choice\n"
	                           "    label Kind\n"
	                           "    option a\n"
	                           "    option b\n"
	                           "    option c\n"
	                           "field other choice\n"
	                           "    label Other\n"
	                           "    option a\n"
	                           "    option b\n"
	                           "field people integer\n"
	                           "    label People\n";
	yz_form *f = parse_ok("t.form", form);

	(void)state;
	describes(f, "kind = \"a\"", "<kind> is \"a\"");
	/* options of one field after or: one choice of several */
	describes(f, "kind = \"a\" or kind = \"b\" or kind = \"c\"",
	          "<kind> is \"a\" or \"b\" or \"c\"");
	describes(f, "kind = \"a\" or other = \"b\"", "<kind> is \"a\" or <other> is \"b\"");
	describes(f, "kind = \"a\" or other = \"b\" or kind = \"c\"",
	          "<kind> is \"a\" or <other> is \"b\" or <kind> is \"c\"");
	describes(f, "kind != \"a\"", "<kind> is not \"a\"");
	describes(f, "not empty(kind)", "<kind> is answered");
	describes(f, "empty(kind)", "<kind> is not answered");
	describes(f, "has(needs, \"meals\") and not has(needs, \"baths\")",
	          "<needs> includes \"meals\" and not <needs> includes \"baths\"");
	/* the tree's grouping, bracketed where the words would read otherwise */
	describes(f, "(kind = \"a\" or kind = \"b\") and people >= 3",
	          "(<kind> is \"a\" or \"b\") and <people> \xe2\x89\xa5 3");
	describes(f, "kind = \"a\" and (other = \"a\" or people < 2.5)",
	          "<kind> is \"a\" and (<other> is \"a\" or <people> < 2.5)");
	describes(f, "people - (people - 1) != 0", "<people> - (<people> - 1) \xe2\x89\xa0 0");
	describes(f, "people * 2 + 1 <= 9", "<people> * 2 + 1 \xe2\x89\xa4 9");
	describes(f, "not (kind = \"a\" or other = \"b\")",
	          "not (<kind> is \"a\" or <other> is \"b\")");
	yz_form_free(f);
}

const struct CMUnitTest survey_tests[] = {
    cmocka_unit_test(test_mode_table),
    cmocka_unit_test(test_names),
    cmocka_unit_test(test_multi_walk),
    cmocka_unit_test(test_multi_validate),
    cmocka_unit_test(test_describe),
    cmocka_unit_test(test_shipped_surveys),
    cmocka_unit_test(test_needs_survey),
    cmocka_unit_test(test_every_construct),
    cmocka_unit_test(test_question_of_and_fields_of),
    cmocka_unit_test(test_modes),
    cmocka_unit_test(test_asked_and_valid),
    cmocka_unit_test(test_set_load_with_overlay),
    cmocka_unit_test(test_broken_golden),
    cmocka_unit_test(test_has),
    cmocka_unit_test(test_multichoice_max),
    cmocka_unit_test(test_quick_needs_paper),
    cmocka_unit_test(test_quick_choice_digits),
    cmocka_unit_test(test_quick_refused_keeps_answer),
    cmocka_unit_test(test_quick_skip_logic),
    cmocka_unit_test(test_quick_employment_skip),
    cmocka_unit_test(test_quick_grid),
};
const size_t n_survey_tests = sizeof survey_tests / sizeof *survey_tests;
