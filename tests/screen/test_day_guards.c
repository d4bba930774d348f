/* Issue 12, the counter's guards (English UI, 80x24), the real binary under a
 * pty printing to the private cupsd of tests/lib/with-cupsd:
 *  - a case by this year's last digits: typed in the cases list (F4), in its
 *    "by number" question (F7) and to `yizhan cases show`; a number that does
 *    not exist is told by the whole number tried;
 *  - a clerk opening another clerk's case is told whose it is and that they
 *    may not see it (never "no such case"), and the attempt is audited;
 *  - V on home checks a verification code read from a receipt the private
 *    cupsd captured: genuine (which document, for whom, by whom), forged,
 *    unknown;
 *  - the duplicate guard: a second open longevity allowance for the same
 *    resident is refused with the open case's number; a complaint (repeat yes)
 *    is taken again; the station head accepts the second one after a question,
 *    and the audit log has the override;
 *  - a residence certificate whose residence starts before the applicant's
 *    birth, or for a resident with no address on record, is refused;
 *  - a name in Latin letters is refused until the clerk marks it (F2, shown in
 *    the key bar on a name field) as a foreign or minority-script name.
 * The residents and cases are made in the station's database before the
 * program starts; Chinese text as \u escapes (no Chinese in C sources). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

#define WANGFANG        "\u738b\u82b3" /* the owner of the hidden case, by name */
#define LONGEVITY_ID    "longevity_allowance"
#define LONGEVITY_TITLE "\u9ad8\u9f84\u6d25\u8d34\u7533\u8bf7"
#define LONGEVITY_LINE  "\u8001\u5e74\u4e0e\u6b8b\u75be"
#define REQUEST_ID      "resident_request"
#define REQUEST_TITLE   "\u5c45\u6c11\u8bc9\u6c42"
#define REQUEST_LINE    "\u8bc9\u6c42"

static yz_resident elder;  /* 84, with phone and address: an open longevity case */
static yz_resident noaddr; /* no address on record */
static yz_resident elder2; /* 82, no case: an agent with a foreign name */
static char open_case[40]; /* elder's open longevity allowance (zhangli's) */
static char hidden[40];    /* wangfang's case in a line zhangli does not hold */
static char code[17];      /* the station code */

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* A resident born on birth (YYYYMMDD) with a valid ID number. */
static int add_resident(yz_store *st, const char *name, const char *birth, const char *seq,
                        const char *address, yz_resident *r, yz_err *err)
{
	char d17[18];
	memset(r, 0, sizeof *r);
	snprintf(d17, sizeof d17, "330106%s%s", birth, seq);
	snprintf(r->idno, sizeof r->idno, "%s%c", d17, yz_idcard_check_char(d17));
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->phone, sizeof r->phone, "13588017766");
	snprintf(r->address, sizeof r->address, "%s", address);
	return yz_resident_add(st, r, "admin", err);
}

static int add_case(yz_store *st, const char *form, const char *item, const char *line,
                    const char *state, const yz_resident *r, const char *clerk, char number[40],
                    yz_err *err)
{
	char day[11];
	scr_today(day);
	yz_case_new in = {
	    .form_id = form,
	    .item = item,
	    .line = line,
	    .resident_id = r->id,
	    .clerk_login = clerk,
	    .accepted_date = day,
	    .due_date = "2999-01-01",
	    .status = YZ_CASE_ACCEPTED,
	    .state = state,
	    .promise_days = 15,
	    .legal_days = 20,
	};
	yz_case c;
	if (yz_case_create(st, code, this_year(), &in, &c, err) != 0)
		return -1;
	snprintf(number, 40, "%s", c.number);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzguards", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err = {{0}};
	char other[40];
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_store_meta_get(st, "station_code", code, sizeof code, &err) < 0 ? -1 : 0;
	if (rc == 0)
		rc = add_resident(st, "\u94b1\u5fb7\u5eb7", "19420315", "987",
		                  "\u6587\u4e00\u8def 8 \u53f7 2 \u5e62 301 \u5ba4", &elder, &err);
	if (rc == 0)
		rc = add_resident(st, "\u5b59\u4e3d\u534e", "19900621", "986", "", &noaddr, &err);
	if (rc == 0)
		rc = add_resident(st, "\u5468\u6c38\u798f", "19440101", "985",
		                  "\u6587\u4e00\u8def 8 \u53f7 3 \u5e62 101 \u5ba4", &elder2, &err);
	if (rc == 0)
		rc = add_case(st, LONGEVITY_ID, LONGEVITY_TITLE, LONGEVITY_LINE, "received", &elder,
		              "zhangli", open_case, &err);
	if (rc == 0) /* a complaint of elder's, open: another one is normal */
		rc = add_case(st, REQUEST_ID, REQUEST_TITLE, REQUEST_LINE, "received", &elder,
		              "zhangli", other, &err);
	if (rc == 0) /* a line nobody staffs: only its owner and the head see it */
		rc = add_case(st, LONGEVITY_ID, LONGEVITY_TITLE, "guards-test", "received", &noaddr,
		              "wangfang", hidden, &err);
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

/* The sequence of a case number without its leading zeros ("43"). */
static const char *digits(const char *number)
{
	const char *p = strrchr(number, '-') + 1;
	while (*p == '0')
		p++;
	return p;
}

static void quit(vt *v)
{
	scr_quit(v, "log in");
}

/* ---- case numbers ------------------------------------------------------------ */

/* "43" opens ...-<this year>-000043 in the cases list (typed as a search, then
 * Enter), in its F7 question, and in `yizhan cases show`; a number that does
 * not exist is told by the whole number. */
static void test_number_by_last_digits(void **state)
{
	(void)state;
	char title[64], missing[40], out[8192];
	snprintf(title, sizeof title, "Case %s", open_case);
	snprintf(missing, sizeof missing, "%s-%d-999999", code, this_year());

	vt *v = scr_start_en("zhangli");
	vt_send(v, VT_F4);
	SEE(v, "Today's cases");
	vt_send(v, digits(open_case));
	vt_send(v, VT_ENTER);
	SEE(v, title);
	SEE(v, "Deadlines");
	vt_esc(v);
	SEE(v, "Today's cases");
	vt_esc(v);              /* the search */
	vt_send(v, "\033[18~"); /* F7: by number */
	SEE(v, "this year's last digits");
	vt_send(v, digits(open_case));
	vt_send(v, VT_ENTER);
	SEE(v, title);
	vt_esc(v);
	SEE(v, "Today's cases");
	vt_send(v, "\033[18~");
	SEE(v, "this year's last digits");
	vt_send(v, "999999");
	vt_send(v, VT_ENTER);
	char want[96];
	snprintf(want, sizeof want, "No case numbered %s", missing);
	SEE(v, want); /* never a bare "No such case." */
	assert_int_equal(vt_row_of(v, "No such case"), -1);
	vt_send(v, VT_ENTER);
	scr_esc_quit(v);

	const char *show[] = {"cases", "show", digits(open_case), NULL};
	assert_int_equal(scr_command(show, out, sizeof out), 0);
	assert_non_null(strstr(out, open_case));
	assert_non_null(strstr(out, LONGEVITY_TITLE));
	const char *none[] = {"cases", "show", "999999", NULL};
	assert_int_equal(scr_command(none, out, sizeof out), 1);
}

/* ---- permission messages ---------------------------------------------------------- */

static void test_owner_named(void **state)
{
	(void)state;
	long before = scr_audit_count("case_denied", "zhangli", hidden);
	assert_true(before >= 0);
	vt *v = scr_start_en("zhangli");
	vt_send(v, VT_F4);
	SEE(v, "Today's cases");
	vt_send(v, "\033[18~");
	SEE(v, "this year's last digits");
	vt_send(v, hidden);
	vt_send(v, VT_ENTER);
	SEE(v, "Cannot open the case");
	SEE(v, "belongs to " WANGFANG);
	SEE(v, "you have no right to see it");
	assert_int_equal(vt_row_of(v, "No case numbered"), -1);
	vt_send(v, VT_ENTER);
	assert_true(vt_wait_gone(v, "Cannot open the case", VT_TIMEOUT));
	scr_esc_quit(v);
	assert_int_equal(scr_audit_count("case_denied", "zhangli", hidden), before + 1);
}

/* ---- verify ---------------------------------------------------------------------- */

static bool crockford(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && !strchr("ILOU", c));
}

/* The first verification code (XXXX-XXXX-XXXX) in the newest receipt captured
 * (the highest job id: <printer>-<job id>.bin). */
static bool receipt_code(char out[15])
{
	const char *dir = getenv("YZ_CAPTURE_DIR");
	DIR *d = dir ? opendir(dir) : NULL;
	char best[PATH_MAX] = "";
	long newest = -1;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (strncmp(e->d_name, "receipt-", 8))
			continue;
		long id = strtol(e->d_name + 8, NULL, 10);
		if (id > newest) {
			newest = id;
			snprintf(best, sizeof best, "%s/%s", dir, e->d_name);
		}
	}
	if (d)
		closedir(d);
	FILE *f = best[0] ? fopen(best, "rb") : NULL;
	if (!f)
		return false;
	static unsigned char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	for (size_t i = 0; i + 14 <= n; i++) {
		bool ok = (i == 0 || !isalnum(buf[i - 1])) &&
		          (i + 14 == n || (!isalnum(buf[i + 14]) && buf[i + 14] != '-'));
		for (size_t k = 0; ok && k < 14; k++)
			ok = k == 4 || k == 9 ? buf[i + k] == '-' : crockford(buf[i + k]);
		if (ok) {
			memcpy(out, buf + i, 14);
			out[14] = '\0';
			return true;
		}
	}
	return false;
}

static void check_code(vt *v, const char *typed)
{
	SEE(v, "Verification code");
	vt_send(v, typed);
	vt_send(v, VT_ENTER);
	assert_true(vt_wait_gone(v, "Verification code", VT_TIMEOUT));
}

static void test_verify_screen(void **state)
{
	(void)state;
	char out[4096], vcode[15], masked[19];
	int before = scr_captures("receipt-");
	const char *print[] = {"print", open_case, "--doc", "receipt", NULL};
	assert_int_equal(scr_command(print, out, sizeof out), 0);
	for (int i = 0; i < 100 && scr_captures("receipt-") == before; i++)
		usleep(100000);
	assert_int_equal(scr_captures("receipt-"), before + 1);
	bool found = false; /* the backend may still be writing it */
	for (int i = 0; i < 50 && !(found = receipt_code(vcode)); i++)
		usleep(100000);
	assert_true(found);
	yz_idcard_mask(elder.idno, masked);

	vt *v = scr_start_en("zhangli");
	vt_send(v, "v");
	check_code(v, vcode);
	SEE(v, "Genuine: issued by this station");
	SEE(v, open_case);
	SEE(v, LONGEVITY_TITLE);
	SEE(v, masked); /* for whom, the ID number masked */
	assert_int_equal(vt_row_of(v, elder.idno), -1);
	SEE(v, "Acceptance receipt");
	SEE(v, "Issued by");

	/* One character changed: a forged paper. */
	char forged[15];
	snprintf(forged, sizeof forged, "%s", vcode);
	forged[13] = forged[13] == 'Z' ? 'Y' : 'Z';
	vt_send(v, VT_ENTER);
	check_code(v, forged);
	SEE(v, "NOT genuine");
	assert_int_equal(vt_row_of(v, "Genuine: issued"), -1);

	vt_send(v, VT_ENTER);
	check_code(v, "0000-0000-0000");
	SEE(v, "Unknown code");
	scr_esc_quit(v);
}

/* ---- intake: the guards ------------------------------------------------------------ */

/* F2, the item found by its keywords, Enter: the form starts with the search
 * for its applicant. */
static void open_form(vt *v, const char *keyword, const char *title)
{
	vt_send(v, VT_F2);
	vt_send(v, keyword);
	SEE(v, title);
	vt_send(v, VT_ENTER);
	if (vt_wait_for(v, "kept as a draft", 1000))
		vt_send(v, "n"); /* a fresh form */
	SEE(v, "ID number, name, initials");
}

/* The resident by their whole ID number in the form's first field: picked as
 * it is typed when the registry is sure, else with Enter. */
static void pick(vt *v, const yz_resident *r, const char *title)
{
	char want[160];
	snprintf(want, sizeof want, "New service: %s", title);
	vt_send(v, r->idno);
	if (!vt_wait_for(v, want, 1500))
		vt_send(v, VT_ENTER);
	SEE(v, want);
	SEE(v, r->name);
}

static void leave_form(vt *v)
{
	vt_esc(v);
	if (vt_wait_for(v, "Leave this form", 1500))
		vt_send(v, "y");
	SEE(v, "Accepted today");
}

static void test_duplicate_guard(void **state)
{
	(void)state;
	/* A clerk: refused with the open case's number. */
	vt *v = scr_start_en("zhangli");
	open_form(v, "gljt", LONGEVITY_TITLE);
	pick(v, &elder, LONGEVITY_TITLE);
	scr_submit_until(v, "", "already has an open case");
	SEE(v, open_case);
	SEE(v, "Continue that case");
	assert_int_equal(vt_row_of(v, "Accepted: case number"), -1);
	leave_form(v);

	/* A complaint may be repeated (repeat yes): taken although one is open. */
	open_form(v, "jmsq", REQUEST_TITLE);
	pick(v, &elder, REQUEST_TITLE);
	scr_submit_until(v, "", "Accepted: case number");
	scr_esc_quit(v);

	/* The head: asked, accepts, and the override is in the audit log. */
	long before = scr_audit_count("duplicate_override", "zhaozhan", open_case);
	assert_int_equal(before, 0);
	v = scr_start_en("zhaozhan");
	open_form(v, "gljt", LONGEVITY_TITLE);
	pick(v, &elder, LONGEVITY_TITLE);
	scr_submit_until(v, "", "Accept a second case?");
	SEE(v, open_case);
	vt_send(v, "y");
	SEE(v, "Accepted: case number");
	scr_esc_quit(v);
	assert_int_equal(scr_audit_count("duplicate_override", "zhaozhan", open_case), 1);
}

/* ---- intake: sanity checks ------------------------------------------------------------ */

static void test_residence_checks(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	/* The residence starts before the applicant was born: refused. */
	open_form(v, "jzzm", "\u5c45\u4f4f\u8bc1\u660e");
	pick(v, &elder, "\u5c45\u4f4f\u8bc1\u660e");
	scr_submit_until(v, "1930-01-01", "before the applicant was born");
	SEE(v, "1942-03-15");
	assert_int_equal(vt_row_of(v, "Accepted: case number"), -1);
	leave_form(v);

	/* No address on record: refused, saying what to do. */
	open_form(v, "jzzm", "\u5c45\u4f4f\u8bc1\u660e");
	pick(v, &noaddr, "\u5c45\u4f4f\u8bc1\u660e");
	scr_submit_until(v, "2019-03-01", "has no address in the registry");
	SEE(v, "F6");
	assert_int_equal(vt_row_of(v, "Accepted: case number"), -1);
	leave_form(v);
	quit(v);
}

/* Tab (or Shift-Tab) until the key bar offers F2 for a name: the cursor is
 * on a name field. */
static void to_name_field(vt *v, const char *key)
{
	for (int i = 0; i < 12; i++) {
		vt_pump(v, 200);
		char *bar = vt_row(v, 23);
		bool on = strstr(bar, "Foreign name") || strstr(bar, "Chinese name");
		free(bar);
		if (on)
			return;
		vt_send(v, key);
	}
	SEE(v, "F2Foreign name");
}

static void test_name_script(void **state)
{
	(void)state;
	vt *v = scr_start_en("zhangli");
	open_form(v, "gljt", LONGEVITY_TITLE);
	pick(v, &elder2, LONGEVITY_TITLE);
	to_name_field(v, VT_TAB); /* the agent's name */
	SEE(v, "F2Foreign name");
	vt_send(v, "John Smith");
	scr_submit_until(v, "", "is not written in Chinese characters");
	SEE(v, "press F2");
	assert_int_equal(vt_row_of(v, "Accepted: case number"), -1);
	/* Marked as a foreign name: taken. */
	to_name_field(v, VT_BTAB);
	vt_send(v, VT_F2);
	SEE(v, "Marked as a foreign or minority-script name");
	SEE(v, "F2Chinese name");
	scr_submit_until(v, "", "Accepted: case number");
	scr_esc_quit(v);
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_number_by_last_digits), cmocka_unit_test(test_owner_named),
	    cmocka_unit_test(test_verify_screen),         cmocka_unit_test(test_duplicate_guard),
	    cmocka_unit_test(test_residence_checks),      cmocka_unit_test(test_name_script),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
