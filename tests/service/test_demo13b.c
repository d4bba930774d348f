/* Issue 13, review fixes:
 * - A household table is a table with a name and a relation column, with or
 *   without an ID number column (the 家庭经济状况证明's has none): the demo and
 *   the counter fill it from the applicant's household in the registry, never
 *   with the form's example people. Over a fresh `yizhan init --demo` station,
 *   every case whose form has such a table lists the applicant's household:
 *   the applicant first as "self", then the others, by the registry's names.
 * - `yizhan calendar workdays` names the year that is counted provisionally.
 * Real parts: SQLite files, the real forms/ catalogue, the real binary
 * (argv[1]). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "yizhan/service.h"

static const char *yizhan_exe; /* the real binary, from the command line */

#define SELF_ZH "\u672c\u4eba" /* ben ren: the applicant themself */
#define HEAD_ZH "\u6237\u4e3b" /* hu zhu: the household's head */

enum { MEMBERS_MAX = 64 };

static int setup(void **state)
{
	*state = fixture_open("yzdemo13b");
	return 0;
}

/* The table's column id of type, NULL when it has none. */
static bool has_column(const yz_field_def *t, const char *id, yz_field_type type)
{
	const yz_field_def *c = yz_table_column(t, id);
	return c && c->type == type;
}

/* ---- the family finance certificate's table is a household table ---------------- */

static void test_table_without_idno(void **state)
{
	fixture *f = *state;
	const yz_form *form = yz_catalogue_find(&f->cat, "family_finance_certificate");
	assert_non_null(form);
	const yz_field_def *t = yz_service_household_table(form);
	if (!t)
		fail_msg("the family finance certificate's members table is not a household table");
	assert_string_equal(t->id, "members");

	/* the counter's row for the applicant: the registry's name, "self" */
	fixture_resident(f, "\u7f57\u6625"); /* luo chun */
	yz_resident r;
	yz_kv_list kv = {0};
	yz_err err = {{0}};
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	assert_int_equal(yz_service_member_row(&f->s, t, &r, &r, &kv, &err), 0);
	bool name = false, self = false;
	for (size_t i = 0; i < kv.n; i++) {
		name |= strcmp(kv.keys[i], "name") == 0 && strcmp(kv.vals[i], r.name) == 0;
		self |= strcmp(kv.keys[i], "relation") == 0 && strcmp(kv.vals[i], SELF_ZH) == 0;
	}
	assert_true(name);
	assert_true(self);
	yz_kv_free(&kv);

	/* the row a name is in, with no ID column to match */
	yz_values v = {0};
	int row = yz_table_add_row(&v, "members");
	yz_table_set(&v, "members", row, "name", "\u674e\u7f8e\u534e"); /* li mei hua */
	row = yz_table_add_row(&v, "members");
	yz_table_set(&v, "members", row, "name", r.name);
	assert_int_equal(yz_service_member_in_table(t, &v, &r), 2);
	yz_table_set(&v, "members", row, "name", "\u675c\u4e3d\u6021"); /* du li yi */
	assert_int_equal(yz_service_member_in_table(t, &v, &r), 0);
	yz_values_clear(&v);
}

/* Submitted as the counter submits it: the applicant's income typed into row
 * 1 goes back to the registry (found by name, the table has no ID column); a
 * name typed in that the household does not have is not registered. */
static void test_submit_without_idno(void **state)
{
	fixture *f = *state;
	static const char *mats[] = {"\u7533\u8bf7\u4eba\u5c45\u6c11\u8eab\u4efd\u8bc1",
	                             "\u6237\u53e3\u7c3f"}; /* ID card, household register */
	const yz_form *form = yz_catalogue_find(&f->cat, "family_finance_certificate");
	fixture_resident(f, "\u7f57\u6625"); /* luo chun */
	yz_resident r;
	yz_err err = {{0}};
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	assert_string_not_equal(r.income, "1850.00");

	yz_values v = {0};
	yz_values_set(&v, "resident", f->idno);
	yz_values_set(&v, "phone", "13957112345");
	yz_values_set(&v, "purpose", "\u5b66\u8d39\u51cf\u514d"); /* tuition waiver */
	yz_values_set(&v, "hardship", "\u5931\u4e1a");            /* unemployment */
	int row = yz_table_add_row(&v, "members");
	yz_table_set(&v, "members", row, "name", r.name);
	yz_table_set(&v, "members", row, "relation", SELF_ZH);
	yz_table_set(&v, "members", row, "income", "1850");
	row = yz_table_add_row(&v, "members");
	yz_table_set(&v, "members", row, "name", "\u675c\u4e3d\u6021"); /* du li yi */
	yz_table_set(&v, "members", row, "relation", "\u914d\u5076");   /* spouse */
	yz_table_set(&v, "members", row, "income", "0");
	yz_case c;
	if (yz_service_submit_household(&f->s, form, &v, mats, 2, &c, &err) != 0)
		fail_msg("submit: %s", err.msg);
	yz_values_clear(&v);

	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	assert_string_equal(r.income, "1850.00");
	assert_int_equal(r.household_id, 0); /* nobody registered into a household */
}

/* ---- every demo household table lists the applicant's household ------------------ */

typedef struct demo_walk {
	yz_session *s;
	size_t tables;  /* household tables checked */
	size_t finance; /* of them, family finance certificates */
} demo_walk;

static const char *field_of(const yz_kv_list *kv, const char *key)
{
	for (size_t i = 0; i < kv->n; i++)
		if (strcmp(kv->keys[i], key) == 0)
			return kv->vals[i];
	return NULL;
}

/* The applicant's household's names in want (the applicant first); *n. */
static void household_names(yz_session *s, const yz_resident *a, char want[][64], size_t *n)
{
	yz_resident *m = calloc(MEMBERS_MAX, sizeof *m);
	size_t k = 0;
	yz_err err = {{0}};
	assert_non_null(m);
	snprintf(want[0], 64, "%s", a->name);
	*n = 1;
	if (a->household_id > 0)
		assert_int_equal(
		    yz_service_household_members(s, a->household_id, m, MEMBERS_MAX, &k, &err), 0);
	for (size_t i = 0; i < k; i++)
		if (m[i].id != a->id)
			snprintf(want[(*n)++], 64, "%s", m[i].name);
	free(m);
}

static void check_table(demo_walk *w, const yz_case *c, const yz_field_def *t, const yz_kv_list *kv,
                        const yz_resident *a)
{
	char want[MEMBERS_MAX][64], key[128];
	size_t n = 0;
	household_names(w->s, a, want, &n);
	int max = t->max_rows > 0 ? t->max_rows : YZ_TABLE_MAX_ROWS;
	size_t expect = n < (size_t)max ? n : (size_t)max;

	snprintf(key, sizeof key, "%s.rows", t->id);
	const char *rows = field_of(kv, key);
	if (!rows || (size_t)atoi(rows) != expect)
		fail_msg("demo case %s (%s, %s): %s rows, the household has %zu", c->number,
		         c->form_id, a->name, rows ? rows : "no", n);
	snprintf(key, sizeof key, "%s.1.relation", t->id);
	const char *rel = field_of(kv, key);
	if (!rel || (strcmp(rel, SELF_ZH) != 0 && strcmp(rel, HEAD_ZH) != 0))
		fail_msg("demo case %s: member 1's relation is %s", c->number, rel ? rel : "none");
	for (size_t r = 1; r <= expect; r++) {
		snprintf(key, sizeof key, "%s.%zu.name", t->id, r);
		const char *name = field_of(kv, key);
		bool known = false;
		for (size_t i = 0; name && i < n; i++)
			known |= strcmp(want[i], name) == 0;
		if (!known || (r == 1 && strcmp(name, a->name) != 0))
			fail_msg("demo case %s (%s): member %zu is %s, not of %s's household",
			         c->number, c->form_id, r, name ? name : "nobody", a->name);
		for (size_t q = 1; q < r; q++) { /* nobody twice */
			snprintf(key, sizeof key, "%s.%zu.name", t->id, q);
			if (strcmp(field_of(kv, key), name) == 0)
				fail_msg("demo case %s: %s listed twice", c->number, name);
		}
	}
	w->tables++;
	w->finance += strcmp(c->form_id, "family_finance_certificate") == 0;
}

static int check_case(const yz_case *c, void *ctx)
{
	demo_walk *w = ctx;
	const yz_form *form = yz_catalogue_find(w->s->cat, c->form_id);
	yz_kv_list kv = {0};
	yz_err err = {{0}};
	assert_non_null(form);
	assert_int_equal(yz_case_fields(w->s->store, c->id, &kv, &err), 0);
	for (size_t i = 0; i < form->n_fields; i++) {
		const yz_field_def *t = &form->fields[i];
		/* the test's own rule: a name and a relation column */
		if (t->type != YZ_FIELD_TABLE || !has_column(t, "name", YZ_FIELD_NAME) ||
		    !has_column(t, "relation", YZ_FIELD_CHOICE))
			continue;
		const char *idno = NULL;
		for (size_t j = 0; j < form->n_fields && !idno; j++)
			if (form->fields[j].type == YZ_FIELD_RESIDENT)
				idno = field_of(&kv, form->fields[j].id);
		yz_resident a;
		assert_non_null(idno);
		assert_int_equal(yz_resident_by_idno(w->s->store, idno, &a, &err), 0);
		check_table(w, c, t, &kv, &a);
	}
	yz_kv_free(&kv);
	return 0;
}

static void test_demo_households(void **state)
{
	fixture *f = *state;
	char home[] = "/tmp/yzdemo13b-demo.XXXXXX";
	yz_err err = {{0}};
	fixture demo;
	fixture_open_demo(f, yizhan_exe, home, &demo);

	demo_walk w = {.s = &demo.s};
	yz_case_filter all = {0};
	assert_int_equal(yz_case_list(demo.store, &all, check_case, &w, &err), 0);
	print_message("%zu household tables, %zu family finance certificates\n", w.tables,
	              w.finance);
	assert_true(w.finance > 0);
	assert_true(w.tables > w.finance);
	fixture_close_demo(&demo);
}

/* ---- the provisional year named ------------------------------------------------ */

static void workdays_note(const char *lang, const char *from, const char *n, const char *want)
{
	char home[] = "/tmp/yzdemo13b-cal.XXXXXX", cmd[1024], msg[2048];
	assert_non_null(mkdtemp(home));
	snprintf(cmd, sizeof cmd,
	         "LANG=C.UTF-8 LC_ALL= LANGUAGE=%s '%s' --home '%s' calendar workdays %s %s", lang,
	         yizhan_exe, home, from, n);
	assert_int_equal(fixture_run(cmd, false, msg, sizeof msg), 0);
	if (!strstr(msg, want))
		fail_msg("%s: the note does not say \"%s\":\n%s", lang, want, msg);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	assert_int_equal(system(cmd), 0);
}

static void test_calendar_names_year(void **state)
{
	(void)state;
	/* the note is on stderr; the date (in 2027) on stdout is not read */
	workdays_note("en", "2026-12-05", "20", "2027 is not in the calendar");
	workdays_note("zh_CN", "2026-12-05", "20", "2027 \u5e74"); /* nian: year */
	/* a span over two years not in the calendar names both */
	workdays_note("en", "2026-12-05", "400", "2027 to 2028");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_demo13b PATH/TO/yizhan\n");
		return 2;
	}
	yizhan_exe = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_table_without_idno, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_submit_without_idno, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_demo_households, setup, fixture_teardown),
	    cmocka_unit_test(test_calendar_names_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
