/* Issue 12 review, the mark of a foreign or minority-script name (F2 on a name
 * field), English UI at 24x160 (the key bar whole), the real binary under a
 * pty printing to the private cupsd of tests/lib/with-cupsd:
 *  - the mark is kept in the draft: a form left and taken up again (a power
 *    cut) still has the name marked, and submits;
 *  - the case shows the mark under the name's label, never its stored key
 *    (`yizhan cases show`, in the station's language; the case view uses the
 *    same words);
 *  - a table row deleted: the mark stays with its member, it does not move to
 *    the member who takes the row's number;
 *  - the registry's new-resident form asks the same: a name in Latin letters
 *    is refused until F2 marks it.
 * Chinese text as \u escapes (no Chinese in C sources). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

#define LONGEVITY_TITLE "\u9ad8\u9f84\u6d25\u8d34\u7533\u8bf7"
#define DIBAO_TITLE     "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7"
#define AGENT_LABEL     "\u4ee3\u529e\u4eba\u59d3\u540d" /* the agent's name */
#define CHINESE_NAME    "\u738b\u5c0f\u4e8c"
/* The agent's name (foreign or minority script), as `cases show` labels the mark. */
#define MARK_LABEL AGENT_LABEL "\uff08\u5916\u6587\u6216\u5c11\u6570\u6c11\u65cf\u6587\u5b57\uff09"

static yz_resident elder; /* 83, with an address: a longevity allowance by an agent */
static yz_resident head;  /* a di bao household's head */

/* A resident born on birth (YYYYMMDD) with a valid ID number. */
static int add_resident(yz_store *st, const char *name, const char *birth, const char *seq,
                        yz_resident *r, yz_err *err)
{
	char d17[18];
	memset(r, 0, sizeof *r);
	snprintf(d17, sizeof d17, "330106%s%s", birth, seq);
	snprintf(r->idno, sizeof r->idno, "%s%c", d17, yz_idcard_check_char(d17));
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->phone, sizeof r->phone, "13588017766");
	snprintf(r->address, sizeof r->address, "\u6587\u4e00\u8def 8 \u53f7 2 \u5e62 301 \u5ba4");
	return yz_resident_add(st, r, "admin", err);
}

static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzmarks", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err = {{0}};
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = add_resident(st, "\u94b1\u5fb7\u5eb7", "19430315", "977", &elder, &err);
	if (rc == 0)
		rc = add_resident(st, "\u5468\u6c38\u798f", "19700101", "975", &head, &err);
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

static vt *clerk(void)
{
	vt *v = scr_start(scr_env_en, 24, 160, NULL);
	scr_login(v, "log in", "zhangli", "demo1234");
	SEE(v, "Accepted today");
	return v;
}

/* F2, the item by its keywords, Enter; a kept draft taken (take) or not. */
static void open_form(vt *v, const char *keyword, const char *title, bool take)
{
	vt_send(v, VT_F2);
	vt_send(v, keyword);
	SEE(v, title);
	vt_send(v, VT_ENTER);
	if (vt_wait_for(v, "kept as a draft", 1000))
		vt_send(v, take ? "y" : "n");
}

/* The resident by their whole ID number in the form's first field. */
static void pick(vt *v, const yz_resident *r, const char *title)
{
	char want[160];
	snprintf(want, sizeof want, "New service: %s", title);
	SEE(v, "ID number, name, initials");
	vt_send(v, r->idno);
	if (!vt_wait_for(v, want, 1500))
		vt_send(v, VT_ENTER);
	SEE(v, want);
	SEE(v, r->name);
}

/* The key bar (the last row) holds text. */
static bool bar_has(vt *v, const char *text)
{
	vt_pump(v, 200);
	char *bar = vt_row(v, 23);
	bool has = strstr(bar, text) != NULL;
	free(bar);
	return has;
}

/* Tab until the key bar offers F2 for a name. */
static void to_name_field(vt *v)
{
	for (int i = 0; i < 12 && !bar_has(v, "Foreign name") && !bar_has(v, "Chinese name"); i++)
		vt_send(v, VT_TAB);
	assert_true(bar_has(v, "Foreign name") || bar_has(v, "Chinese name"));
}

/* The latest case's number, from the station's database. */
static void latest_case(char *out, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	out[0] = '\0';
	assert_int_equal(sqlite3_open_v2(scr_db(), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT number FROM cases ORDER BY id DESC LIMIT 1",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* ---- tests --------------------------------------------------------------------- */

/* Marked, left (kept as a draft), taken up again: still marked, and taken;
 * the case names the mark under the agent's name, not by its key. */
static void test_mark_in_draft_and_case(void **state)
{
	(void)state;
	vt *v = clerk();
	open_form(v, "gljt", LONGEVITY_TITLE, false);
	pick(v, &elder, LONGEVITY_TITLE);
	to_name_field(v); /* the agent's name */
	vt_send(v, "John Smith");
	vt_send(v, VT_F2);
	SEE(v, "Marked as a foreign or minority-script name");
	assert_true(bar_has(v, "F2Chinese name"));
	vt_esc(v);
	SEE(v, "Leave this form");
	vt_send(v, "y");
	SEE(v, "Accepted today");
	/* As after a power cut: the draft brings the mark back. */
	open_form(v, "gljt", LONGEVITY_TITLE, true);
	SEE(v, "John Smith");
	to_name_field(v);
	assert_true(bar_has(v, "F2Chinese name"));
	scr_submit_until(v, "2019-03-01", "Accepted: case number");
	scr_esc_quit(v);

	char number[40], out[8192];
	latest_case(number, sizeof number);
	const char *args[] = {"cases", "show", number, NULL};
	assert_int_equal(scr_command(args, out, sizeof out), 0);
	if (!strstr(out, MARK_LABEL))
		fprintf(stderr, "cases show:\n%s\n", out);
	assert_non_null(strstr(out, "John Smith"));
	assert_non_null(strstr(out, MARK_LABEL)); /* in the station's language */
	assert_null(strstr(out, ".script"));
}

/* Row 3's member marked, row 2 deleted: the marked member, now row 2, keeps
 * the mark (the key bar offers to take it off). */
static void test_mark_follows_row(void **state)
{
	(void)state;
	vt *v = clerk();
	open_form(v, "dbsq", DIBAO_TITLE, false);
	pick(v, &head, DIBAO_TITLE);
	vt_send(v, VT_PGDN);
	SEE(v, "Page 2/3");
	vt_send(v, VT_F3); /* row 2: a member in Chinese characters */
	vt_send(v, CHINESE_NAME);
	vt_send(v, VT_F3); /* row 3: a foreign member, marked */
	vt_send(v, "Anna Lee");
	assert_true(bar_has(v, "F2Foreign name"));
	vt_send(v, VT_F2);
	SEE(v, "Marked as a foreign or minority-script name");
	assert_true(bar_has(v, "F2Chinese name"));
	vt_send(v, VT_UP); /* row 2's name */
	assert_true(bar_has(v, "F2Foreign name"));
	vt_send(v, VT_F4);
	SEE(v, "Delete row 2");
	vt_send(v, "y");
	assert_true(vt_wait_gone(v, CHINESE_NAME, VT_TIMEOUT));
	SEE(v, "Anna Lee");
	/* The cursor on Anna Lee's name, now row 2: still marked. */
	assert_true(bar_has(v, "F2Chinese name"));
	vt_esc(v);
	SEE(v, "Leave this form");
	vt_send(v, "y");
	scr_esc_quit(v);
}

/* The registry's new resident: a name in Latin letters refused until F2. */
static void test_registry_name_check(void **state)
{
	(void)state;
	char idno[19] = "33010619880512602", out[4096];
	idno[17] = yz_idcard_check_char(idno);
	idno[18] = '\0';
	vt *v = clerk();
	vt_send(v, VT_F3);
	SEE(v, "Find resident");
	vt_send(v, VT_F5);
	SEE(v, "Type the resident as on the ID card");
	assert_true(bar_has(v, "F2Foreign name"));
	vt_send(v, "Maria Garcia");
	vt_send(v, VT_TAB);
	vt_send(v, idno);
	vt_send(v, VT_F9);
	SEE(v, "is not written in Chinese characters");
	assert_true(bar_has(v, "F2Foreign name")); /* back on the name */
	vt_send(v, VT_F2);
	SEE(v, "Marked as a foreign or minority-script name");
	assert_true(bar_has(v, "F2Chinese name"));
	vt_send(v, VT_F9);
	assert_true(vt_wait_gone(v, "Type the resident as on the ID card", VT_TIMEOUT));
	for (int i = 0; i < 4 && !vt_wait_for(v, "Accepted today", 500); i++)
		vt_esc(v);
	SEE(v, "Accepted today");
	scr_quit(v, "log in");
	const char *args[] = {"residents", "find", idno, NULL};
	assert_int_equal(scr_command(args, out, sizeof out), 0);
	assert_non_null(strstr(out, "Maria Garcia"));
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mark_in_draft_and_case),
	    cmocka_unit_test(test_mark_follows_row),
	    cmocka_unit_test(test_registry_name_check),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
