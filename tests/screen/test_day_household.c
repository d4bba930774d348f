/* Issue 12, serving faster: a di bao application for a household of three from
 * the registry in at most 100 keys. The applicant is member 1 (relation "self")
 * without retyping; the household's other members come from the registry with
 * one key each (F7) or all at once (F8), with their employment; a member not
 * registered yet is typed into a row once and is in the registry after submit,
 * in the applicant's household, with a history row naming the case. The
 * incomes typed into a household application are the registry's monthly
 * incomes after submit (the history naming the case): the household's next
 * application starts with them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flows.h"
#include "screen_fixture.h"
#include "yizhan/store.h"

#define VT_F7 "\033[18~"
#define VT_F8 "\033[19~"

/* Words on the screen (UTF-8 escapes: no Chinese in C sources). */
#define W_LOGIN     "\u8bf7\u767b\u5f55"                               /* please log in */
#define W_HOME      "\u4eca\u65e5\u53d7\u7406"                         /* accepted today */
#define W_CATALOGUE "\u9009\u62e9\u4e8b\u9879"                         /* choose an item */
#define W_DIBAO     "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7" /* di bao application */
#define W_PHONE     "\u8054\u7cfb\u7535\u8bdd"                         /* phone */
#define W_PAGE2     "\u7b2c 2/3 \u9875"                                /* page 2/3 */
#define W_SELF      "\u672c\u4eba"                                     /* self */
#define W_SPOUSE    "\u914d\u5076"                                     /* spouse */
#define W_CHILD     "\u5b50\u5973"                                     /* child */
#define W_AT_SCHOOL "\u5728\u6821"                                     /* at school */
#define W_PICKER    "\u6237\u5185\u6210\u5458\uff08\u5c45\u6c11\u5e93\uff09" /* the list's title */
#define W_F7_KEY    "F7\u6237\u5185\u6210\u5458"                             /* F7 in the key bar */
#define W_LEAVE     "\u8349\u7a3f"                                           /* draft (leave?) */
#define W_HOUSING   "\u4f4f\u623f\u4fdd\u969c" /* housing support (low-rent housing) */

/* A child at school who is not in the registry (the demo's ID numbers are
 * 3301..; this one is 1101..), first 17 characters. */
#define NEW_NAME "\u6bdb\u5c0f\u96e8" /* a three-character name */
#define NEW_ID17 "11010520120917002"

/* A person registered just now, without a household, and their child. */
#define NEW_HEAD    "\u90d1\u6587\u6d9b" /* a three-character name */
#define NEW_HEAD17  "11010519800214003"
#define NEW_KID     "\u90d1\u5c0f\u6708"
#define NEW_KID17   "11010520150620004"
#define NEW_ADDRESS "\u548c\u5e73\u8def 12 \u53f7" /* street number 12 */

#define MEMBERS_MAX 16

/* A household of the demo registry: its head first. */
typedef struct household {
	yz_resident m[MEMBERS_MAX];
	size_t n;
} household;

static household three; /* three people: the head applies (the counted flow) */
static household two;   /* two people: the head applies with a child not registered */
static household other; /* head, spouse, child: F7 and F8; the spouse applies */
static char new_idno[19];

/* Whether somebody has an open di bao case (a second one may be refused). */
static int open_dibao(const yz_case *c, void *ctx)
{
	int64_t *who = ctx;
	if (strcmp(c->form_id, "subsistence_allowance") == 0 && c->resident_id == *who)
		*who = 0;
	return *who == 0;
}

/* The household of resident id when it has n people, its head is id and has
 * a phone and an address, and nobody has an open di bao case for the head. */
static bool take(yz_store *st, int64_t id, size_t n, bool couple, household *out)
{
	static household h;
	yz_resident r;
	yz_err err = {{0}};
	if (yz_resident_get(st, id, &r, &err) != 0 || !r.household_id || !r.phone[0] ||
	    !r.address[0])
		return false;
	if (yz_household_members(st, r.household_id, h.m, MEMBERS_MAX, &h.n, &err) != 0 ||
	    h.n != n || h.m[0].id != id)
		return false;
	if (couple && (strcmp(h.m[1].relation, W_SPOUSE) != 0 ||
	               strcmp(h.m[2].relation, W_CHILD) != 0 || !h.m[1].phone[0]))
		return false;
	int64_t who = id;
	yz_case_filter f = {.which = YZ_CASES_OPEN};
	if (yz_case_list(st, &f, open_dibao, &who, &err) != 0 || who != id)
		return false;
	*out = h;
	return true;
}

static int group_setup(void **state)
{
	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzhousehold", NULL) != 0)
		return -1;
	memcpy(new_idno, NEW_ID17, 17);
	new_idno[17] = yz_idcard_check_char(NEW_ID17);
	yz_store *st;
	yz_err err = {{0}};
	if (scr_store_open(&st, &err) != 0)
		return -1;
	long count = yz_resident_count(st);
	for (long id = 1; id <= count; id++) {
		if (!three.n && take(st, id, 3, false, &three))
			continue;
		if (!two.n && take(st, id, 2, false, &two))
			continue;
		if (!other.n)
			take(st, id, 3, true, &other);
	}
	yz_store_close(st);
	if (!three.n || !two.n || !other.n) {
		fprintf(stderr, "the demo registry lacks households of two and three\n");
		return -1;
	}
	return 0;
}

/* No draft of the form is waiting for the clerk (a failed test may leave one):
 * each test starts from the same screen. */
static void no_draft(const char *user)
{
	yz_store *st;
	yz_err err = {{0}};
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_draft_delete(st, user, "subsistence_allowance", &err), 0);
	yz_store_close(st);
}

static vt *start(const char *user)
{
	no_draft(user);
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, W_LOGIN, user, "demo1234");
	SEE(v, W_HOME);
	return v;
}

/* zhangli keys h's di bao application (flow_dibao) and submits it; the case
 * number into number, back home and logged out. The keys it took, printed
 * after label when label is not NULL. */
static long submit_dibao(const flow_household *h, const char *label, char number[40])
{
	vt *v = start("zhangli");
	long keys = flow_dibao(v, h);
	if (label)
		printf("%s: %ld keys\n", label, keys);
	scr_case_number(v, number, 40);
	vt_send(v, VT_ENTER);
	SEE(v, W_HOME);
	scr_quit(v, W_LOGIN);
	return keys;
}

/* Whether resident id's history has a move into a household naming case number. */
static bool moved_by(yz_store *st, int64_t id, const char *number)
{
	yz_change hist[16];
	size_t n = 0;
	yz_err err = {{0}};
	bool named = false;
	assert_int_equal(yz_history_list(st, "resident", id, hist, 16, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		named = named || (strcmp(hist[i].case_no, number) == 0 &&
		                  strcmp(hist[i].field, "household_id") == 0);
	return named;
}

/* Esc out of the form, yes to leaving (the draft kept), home, logged out. */
static void leave(vt *v)
{
	vt_esc(v);
	SEE(v, W_LEAVE);
	vt_send(v, "y");
	SEE(v, W_HOME);
	scr_quit(v, W_LOGIN);
}

/* F2, the di bao form, applicant a found by the ID number's last digits. */
static void open_form(vt *v, const yz_resident *a)
{
	vt_send(v, VT_F2);
	SEE(v, W_CATALOGUE);
	vt_send(v, "dbsq");
	SEE(v, W_DIBAO);
	vt_send(v, VT_ENTER);
	vt_send(v, a->idno + 12);
	SEE(v, a->name);
	if (!vt_wait_for(v, W_PHONE, 1000)) /* not taken at once: Enter */
		vt_send(v, VT_ENTER);
	SEE(v, W_PHONE);
}

/* The work column's option for the registry's employment: the same word, or
 * the form's shorter one (at school, pre-school); NULL for none (no work). */
static const char *work_option(const char *employment)
{
	static const char *const shorter[] = {"\u5728\u6821", "\u5b66\u9f84\u524d"};
	for (size_t i = 0; i < 2; i++)
		if (strncmp(employment, shorter[i], strlen(shorter[i])) == 0)
			return shorter[i];
	return *employment && strcmp(employment, "\u65e0\u4e1a") != 0 ? employment : NULL;
}

/* The case's value of key, from the station's database, into out. */
static void case_value(const char *number, const char *key, char *out, size_t n)
{
	yz_store *st;
	yz_err err = {{0}};
	yz_case c;
	yz_kv_list kv = {0};
	out[0] = '\0';
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_case_get(st, number, &c, &err), 0);
	assert_int_equal(yz_case_fields(st, c.id, &kv, &err), 0);
	for (size_t i = 0; i < kv.n; i++)
		if (strcmp(kv.keys[i], key) == 0)
			snprintf(out, n, "%s", kv.vals[i]);
	yz_kv_free(&kv);
	yz_store_close(st);
}

/* The counted flow: a household of three, all in the registry, the head
 * applies; at most 100 keys. Member 1 is the head as "self", the others come
 * with their relations from the registry. */
static void test_dibao_household_of_three(void **state)
{
	(void)state;
	vt *v = start("zhangli");
	flow_household h = {three.m[0].name, three.m[0].idno, 3, NULL, NULL};
	long keys = flow_dibao(v, &h);
	printf("di bao, new applicant with 3 household members: %ld keys\n", keys);
	assert_true(keys > 0 && keys <= 100);
	char number[40], val[64];
	scr_case_number(v, number, sizeof number);
	case_value(number, "members.rows", val, sizeof val);
	assert_string_equal(val, "3");
	case_value(number, "members.1.idno", val, sizeof val);
	assert_string_equal(val, three.m[0].idno);
	case_value(number, "members.1.relation", val, sizeof val);
	assert_string_equal(val, W_SELF);
	for (int i = 1; i < 3; i++) {
		char key[32];
		snprintf(key, sizeof key, "members.%d.idno", i + 1);
		case_value(number, key, val, sizeof val);
		assert_string_equal(val, three.m[i].idno);
		snprintf(key, sizeof key, "members.%d.relation", i + 1);
		case_value(number, key, val, sizeof val);
		assert_string_equal(val, three.m[i].relation); /* the head applies */
	}
	vt_send(v, VT_ENTER);
	SEE(v, W_HOME);
	scr_quit(v, W_LOGIN);
}

/* A child typed into a row once: after submit the child is in the registry,
 * in the applicant's household as a child, with a history row naming the case. */
static void test_unregistered_member_registered(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err = {{0}};
	yz_resident r;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_resident_by_idno(st, new_idno, &r, &err), 1);
	yz_store_close(st);

	flow_household h = {two.m[0].name, two.m[0].idno, 2, NEW_NAME, new_idno};
	char number[40];
	long keys = submit_dibao(&h, "di bao, 3 household members, one not registered yet", number);
	assert_true(keys > 0 && keys <= 100);

	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_resident_by_idno(st, new_idno, &r, &err), 0);
	assert_string_equal(r.name, NEW_NAME);
	assert_true(r.household_id == two.m[0].household_id);
	assert_string_equal(r.relation, W_CHILD);
	assert_true(moved_by(st, r.id, number));
	yz_store_close(st);
}

/* The spouse applies: the relations are the applicant's, told from the
 * registry's relations to the head (the head is the spouse, the head's child
 * the applicant's child). */
static void test_spouse_applies(void **state)
{
	(void)state;
	const yz_resident *head = &other.m[0], *spouse = &other.m[1], *child = &other.m[2];
	vt *v = start("zhangli");
	open_form(v, spouse);
	vt_send(v, VT_PGDN);
	SEE(v, W_PAGE2);
	assert_true(scr_wait_row(v, spouse->idno, W_SELF));
	vt_send(v, VT_F8);
	assert_true(scr_wait_row(v, head->idno, W_SPOUSE));
	assert_true(scr_wait_row(v, child->idno, W_CHILD));
	leave(v);
}

/* A person the clerk has just registered, with no household yet, applies with
 * a child typed into a row: on submit the registry has a household for them,
 * the applicant as its head and the child in it, the changes naming the case. */
static void test_new_applicant_new_household(void **state)
{
	(void)state;
	yz_store *st;
	yz_err err = {{0}};
	yz_resident app = {0}, kid;
	char kid_idno[19];
	snprintf(app.name, sizeof app.name, "%s", NEW_HEAD);
	memcpy(app.idno, NEW_HEAD17, 17);
	app.idno[17] = yz_idcard_check_char(NEW_HEAD17);
	memcpy(kid_idno, NEW_KID17, 17);
	kid_idno[17] = yz_idcard_check_char(NEW_KID17);
	kid_idno[18] = '\0';
	snprintf(app.phone, sizeof app.phone, "13905710001");
	snprintf(app.address, sizeof app.address, "%s", NEW_ADDRESS);
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_resident_add(st, &app, "zhangli", &err), 0);
	yz_store_close(st);

	flow_household h = {app.name, app.idno, 1, NEW_KID, kid_idno};
	char number[40];
	long keys = submit_dibao(&h, NULL, number);
	assert_true(keys > 0 && keys <= 100);

	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_resident_get(st, app.id, &app, &err), 0);
	assert_true(app.household_id != 0);
	assert_string_equal(app.relation, "\u6237\u4e3b"); /* the head */
	assert_int_equal(yz_resident_by_idno(st, kid_idno, &kid, &err), 0);
	assert_true(kid.household_id == app.household_id);
	assert_string_equal(kid.relation, W_CHILD);
	assert_true(moved_by(st, app.id, number));
	yz_store_close(st);
}

/* F7 lists the household's members not in the table: one key adds one; F8
 * adds the rest at once; the registry's employment comes with them. */
static void test_members_one_key_each(void **state)
{
	(void)state;
	const yz_resident *head = &other.m[0], *a = &other.m[1], *b = &other.m[2];
	vt *v = start("zhangli");
	open_form(v, head);
	vt_send(v, VT_PGDN);
	SEE(v, W_PAGE2);
	/* Member 1 is the applicant, as "self"; nobody else yet. */
	assert_true(scr_wait_row(v, head->idno, W_SELF));
	assert_true(scr_wait_row(v, head->idno, head->name));
	assert_int_equal(vt_row_of(v, a->idno), -1);
	assert_int_equal(vt_row_of(v, b->idno), -1);
	SEE(v, W_F7_KEY);
	/* F7: the household's members not in the table; one key (1) adds one. */
	vt_send(v, VT_F7);
	SEE(v, W_PICKER);
	SEE(v, a->name);
	SEE(v, b->name);
	long before = vt_keys(v);
	vt_send(v, "1");
	assert_true(scr_wait_row(v, a->idno, a->relation));
	assert_int_equal(vt_keys(v) - before, 1);
	/* With the registry's employment in the work column. */
	if (work_option(a->employment))
		assert_true(scr_wait_row(v, a->idno, work_option(a->employment)));
	/* The list comes back with the one left; Esc closes it. */
	SEE(v, W_PICKER);
	vt_esc(v);
	assert_true(vt_wait_gone(v, W_PICKER, VT_TIMEOUT));
	assert_int_equal(vt_row_of(v, b->idno), -1);
	/* F8: all the rest at once. */
	before = vt_keys(v);
	vt_send(v, VT_F8);
	assert_true(scr_wait_row(v, b->idno, b->relation));
	assert_int_equal(vt_keys(v) - before, 1);
	assert_true(scr_wait_row(v, b->idno, b->name));
	/* Nobody is added twice: F8 again says everybody is there. */
	vt_send(v, VT_F8);
	SEE(v, "\u90fd\u5728\u8868\u4e2d"); /* all in the table */
	/* Leave; the draft is kept (and declined next time). */
	leave(v);
}

/* The registry's monthly income of resident id into out (32 bytes); whether
 * its history has the income new_value naming case number. */
static bool income_by(int64_t id, const char *number, const char *new_value, char *out)
{
	yz_store *st;
	yz_err err = {{0}};
	yz_resident r;
	yz_change hist[32];
	size_t n = 0;
	bool named = false;
	assert_int_equal(scr_store_open(&st, &err), 0);
	assert_int_equal(yz_resident_get(st, id, &r, &err), 0);
	snprintf(out, 32, "%s", r.income);
	assert_int_equal(yz_history_list(st, "resident", id, hist, 32, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		named = named || (strcmp(hist[i].field, "income") == 0 &&
		                  strcmp(hist[i].case_no, number) == 0 &&
		                  strcmp(hist[i].new, new_value) == 0);
	yz_store_close(st);
	return named;
}

/* One number, one source: the incomes typed into a first di bao application
 * (the registry knew none: the clerk types them, as counted) are the
 * registry's after submit, the history naming the case; the household's next
 * application with a members table (low-rent housing) starts with them filled,
 * member 1 and the members F8 brings: the clerk does not retype them. */
static void test_incomes_kept_for_next_application(void **state)
{
	(void)state;
	const yz_resident *head = &other.m[0];
	char income[32], number[40];
	for (size_t i = 0; i < other.n; i++) {
		income_by(other.m[i].id, "", "", income);
		assert_string_equal(income, ""); /* a first application */
	}
	flow_household h = {head->name, head->idno, (int)other.n, NULL, NULL};
	long keys = submit_dibao(&h, NULL, number);
	assert_true(keys > 0 && keys <= 100);
	/* flow_dibao types 600 for member 1 and 300 for each other member. */
	assert_true(income_by(head->id, number, "600.00", income));
	assert_string_equal(income, "600.00");
	for (size_t i = 1; i < other.n; i++) {
		assert_true(income_by(other.m[i].id, number, "300.00", income));
		assert_string_equal(income, "300.00");
	}

	/* The next application: low-rent housing, the same head. */
	vt *v = start("zhangli");
	vt_send(v, VT_F2);
	SEE(v, W_CATALOGUE);
	vt_send(v, "lzf");
	SEE(v, W_HOUSING);
	vt_send(v, VT_ENTER);
	vt_send(v, head->idno + 12);
	SEE(v, head->name);
	if (!vt_wait_for(v, W_PHONE, 1000)) /* not taken at once: Enter */
		vt_send(v, VT_ENTER);
	SEE(v, W_PHONE);
	vt_send(v, VT_PGDN);
	assert_true(scr_wait_row(v, head->idno, W_SELF));
	assert_true(scr_wait_row(v, head->idno, "600.00"));
	long before = vt_keys(v);
	vt_send(v, VT_F8);
	for (size_t i = 1; i < other.n; i++)
		assert_true(scr_wait_row(v, other.m[i].idno, "300.00"));
	assert_int_equal(vt_keys(v) - before, 1);
	vt_esc(v);
	SEE(v, W_LEAVE);
	vt_send(v, "y");
	SEE(v, W_HOME);
	scr_quit(v, W_LOGIN);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dibao_household_of_three),
	    cmocka_unit_test(test_unregistered_member_registered),
	    cmocka_unit_test(test_new_applicant_new_household),
	    cmocka_unit_test(test_members_one_key_each),
	    cmocka_unit_test(test_spouse_applies),
	    cmocka_unit_test(test_incomes_kept_for_next_application),
	};
	if (getenv("YZ_SCREEN_ONLY"))
		cmocka_set_test_filter(getenv("YZ_SCREEN_ONLY"));
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
