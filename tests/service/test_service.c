/* The counter's transaction end to end on real parts: a real SQLite file, the
 * real forms/ catalogue, and the private cupsd of tests/lib/with-cupsd whose
 * capture backend gives back the exact bytes a printer would receive. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "yizhan/service.h"
#include "yz_config.h"

#define NAME "王𠮷祥" /* a name with a CJK Ext-B character */

static int setup(void **state)
{
	fixture *f = fixture_open("yzsvc");
	fixture_printers(f);
	fixture_resident(f, NAME);
	*state = f;
	return 0;
}

static void fill(yz_values *v, const char *idno, const char *since)
{
	yz_values_set(v, "resident", idno);
	yz_values_set(v, "purpose", "子女入学");
	yz_values_set(v, "since", since);
}

static const char *materials[] = {"居民身份证", "户口簿"};

static void submit_ok(fixture *f, yz_case *c)
{
	const yz_form *form = yz_catalogue_find(&f->cat, "residence_certificate");
	assert_non_null(form);
	yz_values v = {0};
	fill(&v, f->idno, "2019-03-01");
	yz_err err = {{0}};
	int rc = yz_service_submit(&f->s, form, &v, materials, 2, c, &err);
	yz_values_clear(&v);
	if (rc != 0)
		fail_msg("submit: %s", err.msg);
}

static void test_submit_allocates_number_and_closes(void **state)
{
	fixture *f = *state;
	yz_case c;
	submit_ok(f, &c);
	char want[40];
	snprintf(want, sizeof(want), "DEMO01-%d-000001", f->s.today.year);
	assert_string_equal(c.number, want);
	submit_ok(f, &c);
	snprintf(want, sizeof(want), "DEMO01-%d-000002", f->s.today.year);
	assert_string_equal(c.number, want);
	assert_int_equal(c.status, YZ_CASE_DONE); /* 即办件: closed at the counter */
	assert_string_equal(c.resident_name, NAME);
	yz_case_event ev[8];
	size_t n = 0;
	assert_int_equal(yz_case_timeline(f->store, c.id, ev, 8, &n, NULL), 0);
	assert_true(n >= 2);
	assert_string_equal(ev[0].kind, "accepted");
}

/* The session's clock is the only one: a case submitted while it stands at a
 * fixed time has that day's date and number and that time in every stamp
 * (case, timeline, print job), whatever the real date. */
static void test_submit_under_fixed_clock(void **state)
{
	fixture *f = *state;
	time_t at = 1709208000; /* 2024-02-29T12:00:00Z: the same day in every time zone */
	yz_service_set_clock(&f->s, yz_clock_fixed(&at));
	assert_int_equal(f->s.today.year, 2024);
	assert_int_equal(f->s.today.month, 2);
	assert_int_equal(f->s.today.day, 29);
	yz_case c;
	submit_ok(f, &c);
	assert_string_equal(c.number, "DEMO01-2024-000001");
	assert_string_equal(c.accepted_date, "2024-02-29");
	assert_string_equal(c.created_at, "2024-02-29T12:00:00Z");
	assert_string_equal(c.closed_at, "2024-02-29T12:00:00Z");
	yz_case_event ev[8];
	size_t n = 0;
	assert_int_equal(yz_case_timeline(f->store, c.id, ev, 8, &n, NULL), 0);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(ev[i].at, "2024-02-29T12:00:00Z");
	yz_print_outcome out;
	yz_err err = {{0}};
	at += 3600; /* the clock moves: the job is stamped an hour later */
	if (yz_service_print(&f->s, c.number, "receipt", NULL, &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	yz_print_job j;
	assert_int_equal(yz_job_get(f->store, out.job_id, &j, NULL), 0);
	assert_string_equal(j.created_at, "2024-02-29T13:00:00Z");
	at += 86400; /* the next day, once the counter asks */
	yz_service_new_day(&f->s);
	assert_int_equal(f->s.today.day, 1);
	assert_int_equal(f->s.today.month, 3);
	yz_service_set_clock(&f->s, yz_clock_real()); /* at goes out of scope */
}

static void test_submit_refuses_bad_input(void **state)
{
	fixture *f = *state;
	const yz_form *form = yz_catalogue_find(&f->cat, "residence_certificate");
	yz_values v = {0};
	yz_case c;
	yz_err err = {{0}};
	fill(&v, f->idno, "2099-01-01"); /* in the future */
	assert_int_equal(yz_service_submit(&f->s, form, &v, materials, 2, &c, &err), -1);
	assert_true(strlen(err.msg) > 0);
	/* the clerk's to correct, not the disk's: told apart by the code */
	assert_int_equal(err.code, YZ_ERR_INVALID);
	fill(&v, f->idno, "2019-02-30"); /* impossible date */
	assert_int_equal(yz_service_submit(&f->s, form, &v, materials, 2, &c, &err), -1);
	fill(&v, f->idno, "2019-03-01");
	assert_int_equal(yz_service_submit(&f->s, form, &v, materials, 1, &c, &err), -1);
	assert_non_null(strstr(err.msg, "户口簿")); /* names the missing material */
	char other[19];
	fixture_make_idno("11010119900101002", other); /* valid, but not in the registry */
	fill(&v, other, "2019-03-01");
	assert_int_equal(yz_service_submit(&f->s, form, &v, materials, 2, &c, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	yz_values_clear(&v);
	yz_case_stats st;
	char today[11];
	yz_date_format(f->s.today, today);
	assert_int_equal(yz_case_stats_get(f->store, today, &st, NULL), 0);
	assert_int_equal(st.accepted_today, 0); /* nothing half-stored */
}

static void test_receipt_bytes(void **state)
{
	fixture *f = *state;
	yz_case c;
	submit_ok(f, &c);
	yz_print_outcome out;
	yz_err err = {{0}};
	if (yz_service_print(&f->s, c.number, "receipt", NULL, &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	assert_true(out.printed);
	size_t len;
	unsigned char *buf = fixture_wait_capture("receipt", out.cups_job_id, &len);
	assert_memory_equal(buf, "\x1b@", 2); /* ESC @ initialises the printer */
	char masked[19];
	yz_idcard_mask(f->idno, masked);
	char want[19];
	snprintf(want, sizeof(want), "330106********%s", f->idno + 14);
	assert_string_equal(masked, want);
	fixture_assert_gb18030(buf, len, c.number);
	fixture_assert_gb18030(buf, len, "居住证明");
	fixture_assert_gb18030(buf, len, NAME);
	fixture_assert_gb18030(buf, len, masked);
	fixture_assert_gb18030(buf, len, c.accepted_date);
	fixture_assert_gb18030(buf, len, "张丽");
	assert_null(memmem(buf, len, f->idno, 18)); /* never the full ID number */
	free(buf);
}

static void test_certificate_pdf(void **state)
{
	fixture *f = *state;
	yz_case c;
	submit_ok(f, &c);
	yz_print_outcome out;
	yz_err err = {{0}};
	if (yz_service_print(&f->s, c.number, "certificate", NULL, &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	size_t len;
	unsigned char *pdf = fixture_wait_capture("a4", out.cups_job_id, &len);
	assert_memory_equal(pdf, "%PDF", 4);
	char *text = fixture_pdftotext(pdf, len);
	assert_non_null(strstr(text, NAME));
	assert_non_null(strstr(text, c.number));
	assert_non_null(strstr(text, "居住证明"));
	assert_non_null(strstr(text, "2019年3月1日"));
	free(text);
	free(pdf);
}

static int cups(const char *cmd, const char *printer)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s -h '%s' %s", cmd, getenv("YZ_CUPS_SOCKET"), printer);
	return system(buf);
}

static void test_printer_down_then_retry(void **state)
{
	fixture *f = *state;
	yz_case c;
	submit_ok(f, &c);
	assert_int_equal(cups("cupsdisable", "a4"), 0);
	int before = fixture_count_captured("a4");
	yz_print_outcome out;
	yz_err err = {{0}};
	assert_int_equal(yz_service_print(&f->s, c.number, "certificate", NULL, &out, &err), -1);
	assert_false(out.printed);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	assert_true(strlen(err.msg) > 0);
	yz_print_job jobs[8];
	size_t n = 0;
	assert_int_equal(yz_job_list(f->store, YZ_JOB_FAILED, jobs, 8, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(jobs[0].case_number, c.number);
	yz_case again;
	assert_int_equal(yz_case_get(f->store, c.number, &again, NULL), 0); /* case kept */

	assert_int_equal(cups("cupsenable", "a4"), 0);
	if (yz_service_retry(&f->s, jobs[0].id, NULL, &out, &err) != 0)
		fail_msg("retry: %s", err.msg);
	size_t len;
	free(fixture_wait_capture("a4", out.cups_job_id, &len));
	assert_int_equal(fixture_count_captured("a4"), before + 1);
	assert_int_equal(yz_job_list(f->store, YZ_JOB_FAILED, jobs, 8, &n, NULL), 0);
	assert_int_equal(n, 0);
}

static void test_no_printer_saves_file(void **state)
{
	fixture *f = *state;
	f->cfg.printer_a4[0] = '\0';
	yz_case c;
	submit_ok(f, &c);
	yz_print_outcome out;
	yz_err err = {{0}};
	assert_int_equal(yz_service_print(&f->s, c.number, "certificate", NULL, &out, &err), 0);
	assert_true(out.saved);
	FILE *fp = fopen(out.saved_path, "rb");
	assert_non_null(fp);
	char head[5] = {0};
	assert_int_equal(fread(head, 1, 4, fp), 4);
	fclose(fp);
	assert_string_equal(head, "%PDF");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_submit_allocates_number_and_closes, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_submit_under_fixed_clock, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_submit_refuses_bad_input, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_receipt_bytes, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_certificate_pdf, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_printer_down_then_retry, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_no_printer_saves_file, setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("service", tests, NULL, NULL);
}
