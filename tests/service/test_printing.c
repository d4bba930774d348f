/* Issue 6 on real parts: the receipt and certificate with their verification
 * codes, `yizhan verify`'s service call, and the print queue's job states
 * against the private cupsd of tests/lib/with-cupsd (its capture backend
 * writes each job a printer would get to a file; the queue "broken" aborts
 * every job as a printer out of paper would). */
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

#include <sqlite3.h>

#include "fixture.h"
#include "yizhan/service.h"
#include "yz_config.h"

static int setup(void **state)
{
	fixture *f = fixture_open("yzprt");
	fixture_printers(f);
	fixture_resident(f, "王小明");
	*state = f;
	return 0;
}

/* The state of job row id after polling CUPS until it leaves "sent" (or 10 s). */
static void poll_until_settled(fixture *f, int64_t id, yz_print_job *j)
{
	for (int i = 0; i < 100; i++) {
		yz_err err = {{0}};
		if (yz_service_poll_jobs(&f->s, 2000, NULL, &err) != 0)
			fail_msg("poll: %s", err.msg);
		assert_int_equal(yz_job_get(f->store, id, j, NULL), 0);
		if (j->state != YZ_JOB_SENT)
			return;
		usleep(100 * 1000);
	}
}

static void test_receipt_code_and_promise(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_request(f, "文一路 8 号 2 幢 1 单元", "水压低", &c);
	assert_true(c.due_date[0] && strcmp(c.due_date, c.accepted_date) != 0);
	char code[YZ_VERIFY_BUF];
	yz_err err = {{0}};
	assert_int_equal(yz_service_verify_code(&f->s, c.number, "receipt", code, &err), 0);
	assert_int_equal(strlen(code), YZ_VERIFY_LEN + 2);
	yz_print_outcome out;
	if (yz_service_print(&f->s, c.number, "receipt", NULL, &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	size_t len;
	unsigned char *buf = fixture_wait_capture("receipt", out.cups_job_id, &len);
	fixture_assert_gb18030(buf, len, code);
	fixture_assert_gb18030(buf, len, c.due_date);
	fixture_assert_gb18030(buf, len, c.number);
	/* issue 13: the station's service phone, never the clerk's own mobile */
	fixture_assert_gb18030(buf, len, "0571-88886666");
	assert_null(memmem(buf, len, "13800000000", 11));
	fixture_assert_gb18030(buf, len, "330106********");
	assert_null(memmem(buf, len, f->idno, 18));
	/* QR raster: GS v 0 (a raster bit image) follows the text */
	assert_non_null(memmem(buf, len, "\x1dv0", 3));
	/* reproducible: the same bytes on reprint */
	yz_print_outcome again;
	if (yz_service_print(&f->s, c.number, "receipt", NULL, &again, &err) != 0)
		fail_msg("reprint: %s", err.msg);
	size_t len2;
	unsigned char *buf2 = fixture_wait_capture("receipt", again.cups_job_id, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(buf, buf2, len);
	free(buf);
	free(buf2);
}

static void test_certificate_serial_and_code(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_certificate(f, &c);
	yz_print_outcome out;
	yz_err err = {{0}};
	if (yz_service_print(&f->s, c.number, "certificate", NULL, &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	size_t len;
	unsigned char *pdf = fixture_wait_capture("a4", out.cups_job_id, &len);
	char *text = fixture_pdftotext(pdf, len);
	char code[YZ_VERIFY_BUF], serial[64];
	assert_int_equal(yz_service_verify_code(&f->s, c.number, "certificate", code, &err), 0);
	yz_service_doc_serial(c.number, 1, serial, sizeof serial);
	if (!strstr(text, code) || !strstr(text, serial))
		fail_msg("certificate lacks %s or %s:\n%s", code, serial, text);
	assert_non_null(strstr(text, f->cfg.station_name));
	/* reproducible: the PDF of a reprint is the same file */
	yz_print_outcome again;
	if (yz_service_print(&f->s, c.number, "certificate", NULL, &again, &err) != 0)
		fail_msg("reprint: %s", err.msg);
	size_t len2;
	unsigned char *pdf2 = fixture_wait_capture("a4", again.cups_job_id, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(pdf, pdf2, len);
	free(text);
	free(pdf);
	free(pdf2);
}

static void test_verify(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_certificate(f, &c);
	char code[YZ_VERIFY_BUF];
	yz_err err = {{0}};
	assert_int_equal(yz_service_verify_code(&f->s, c.number, "certificate", code, &err), 0);
	yz_verify_result r;
	assert_int_equal(yz_service_verify(&f->s, code, &r, &err), 0);
	assert_int_equal(r.status, YZ_VERIFY_GENUINE);
	assert_string_equal(r.case_number, c.number);
	assert_string_equal(r.doc, "certificate");
	assert_string_equal(r.item, c.item);
	assert_string_equal(r.date, c.accepted_date);
	assert_string_equal(r.resident_initial, "王**");
	/* typed loosely: lower case, no dashes, O for 0 */
	char loose[YZ_VERIFY_BUF] = "";
	size_t k = 0;
	for (const char *p = code; *p; p++)
		if (*p != '-')
			loose[k++] = *p == '0' ? 'o' : (char)(*p | 0x20);
	loose[k] = '\0';
	assert_int_equal(yz_service_verify(&f->s, loose, &r, &err), 0);
	assert_int_equal(r.status, YZ_VERIFY_GENUINE);
	/* the receipt's code is another, also genuine */
	char rcode[YZ_VERIFY_BUF];
	assert_int_equal(yz_service_verify_code(&f->s, c.number, "receipt", rcode, &err), 0);
	assert_string_not_equal(rcode, code);
	assert_int_equal(yz_service_verify(&f->s, rcode, &r, &err), 0);
	assert_int_equal(r.status, YZ_VERIFY_GENUINE);
	assert_string_equal(r.doc, "receipt");
	/* one character of the check half changed: forged */
	char forged[YZ_VERIFY_BUF];
	memcpy(forged, code, sizeof forged);
	forged[13] = forged[13] == 'Z' ? 'Y' : 'Z';
	assert_int_equal(yz_service_verify(&f->s, forged, &r, &err), 0);
	assert_int_equal(r.status, YZ_VERIFY_FORGED);
	assert_string_equal(r.case_number, c.number);
	assert_int_equal(yz_service_verify(&f->s, "not a code", &r, &err), 0);
	assert_int_equal(r.status, YZ_VERIFY_UNKNOWN);
	/* a code of another station (another station key, issue 14: no longer a
	 * secret in meta) names no case here */
	char other[sizeof f->home + 32];
	snprintf(other, sizeof other, "%s/other", f->home);
	assert_int_equal(mkdir(other, 0750), 0);
	strcat(other, "/station.db");
	yz_store *st2 = NULL, *mine = f->s.store;
	assert_int_equal(yz_store_open(other, &st2, &err), 0);
	f->s.store = st2;
	assert_int_equal(yz_service_verify(&f->s, code, &r, &err), 0);
	f->s.store = mine;
	yz_store_close(st2);
	assert_int_not_equal(r.status, YZ_VERIFY_GENUINE);
}

static void test_job_printed_after_capture(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_certificate(f, &c);
	yz_print_outcome out;
	yz_err err = {{0}};
	if (yz_service_print(&f->s, c.number, "receipt", NULL, &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	size_t len;
	free(fixture_wait_capture("receipt", out.cups_job_id, &len));
	yz_print_job j;
	poll_until_settled(f, out.job_id, &j);
	assert_int_equal(j.state, YZ_JOB_PRINTED);
	/* once printed, a retry never sends it again */
	int before = fixture_count_captured("receipt");
	assert_int_equal(yz_service_retry(&f->s, out.job_id, NULL, &out, &err), -1);
	assert_true(strlen(err.msg) > 0);
	assert_int_equal(fixture_count_captured("receipt"), before);
}

static int cups(const char *cmd, const char *printer)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s -h '%s' %s", cmd, getenv("YZ_CUPS_SOCKET"), printer);
	return system(buf);
}

static void test_stopped_then_retry_prints_once(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_certificate(f, &c);
	assert_int_equal(cups("cupsdisable", "a4"), 0);
	int before = fixture_count_captured("a4");
	yz_print_outcome out;
	yz_err err = {{0}};
	assert_int_equal(yz_service_print(&f->s, c.number, "certificate", NULL, &out, &err), -1);
	assert_int_equal(err.code, YZ_ERR_PRINTER); /* one channel: code and message */
	assert_non_null(strstr(err.msg, "stopped"));
	int64_t id = out.job_id;
	yz_print_job j;
	assert_int_equal(yz_job_get(f->store, id, &j, NULL), 0);
	assert_int_equal(j.state, YZ_JOB_FAILED);
	assert_string_equal(j.reason, err.msg); /* the reprint list shows what the clerk read */
	assert_int_equal(cups("cupsenable", "a4"), 0);
	if (yz_service_retry(&f->s, id, NULL, &out, &err) != 0)
		fail_msg("retry: %s", err.msg);
	/* a second retry (the clerk pressing the key again) sends nothing */
	yz_print_outcome twice;
	assert_int_equal(yz_service_retry(&f->s, id, NULL, &twice, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID); /* already sent: reprint instead */
	size_t len;
	free(fixture_wait_capture("a4", out.cups_job_id, &len));
	poll_until_settled(f, id, &j);
	assert_int_equal(j.state, YZ_JOB_PRINTED);
	usleep(300 * 1000);
	assert_int_equal(fixture_count_captured("a4"), before + 1);
}

/* A job left pending and never sent may be another counter's print in
 * progress: a retry leaves it alone for a while, then takes it over (its
 * counter crashed) and prints it once. */
static void test_pending_job_taken_over_only_when_abandoned(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_certificate(f, &c);
	int64_t id;
	yz_err err = {{0}};
	assert_int_equal(yz_job_add(f->store, c.id, "certificate", "a4", &id, &err), 0);
	yz_print_outcome out;
	assert_int_equal(yz_service_retry(&f->s, id, NULL, &out, &err), -1);
	assert_non_null(strstr(err.msg, "being printed right now"));
	assert_int_equal(err.code, YZ_ERR_BUSY);
	yz_print_job j;
	assert_int_equal(yz_job_get(f->store, id, &j, NULL), 0);
	assert_int_equal(j.state, YZ_JOB_PENDING);

	/* ten minutes later nobody has sent it: the retry takes it and prints */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->cfg.db_path, &db), SQLITE_OK);
	char sql[128];
	snprintf(sql, sizeof sql,
	         "UPDATE print_jobs SET updated_at = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ',"
	         " 'now', '-10 minutes') WHERE id = %lld",
	         (long long)id);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	int before = fixture_count_captured("a4");
	if (yz_service_retry(&f->s, id, NULL, &out, &err) != 0)
		fail_msg("retry: %s", err.msg);
	size_t len;
	free(fixture_wait_capture("a4", out.cups_job_id, &len));
	assert_int_equal(fixture_count_captured("a4"), before + 1);
}

static void test_aborted_job_then_print_elsewhere(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_certificate(f, &c);
	yz_print_outcome out;
	yz_err err = {{0}};
	/* "broken" accepts the job, then the printer reports paper out */
	if (yz_service_print(&f->s, c.number, "certificate", "broken", &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	int64_t id = out.job_id;
	yz_print_job j;
	poll_until_settled(f, id, &j);
	assert_int_equal(j.state, YZ_JOB_FAILED);
	assert_true(strlen(j.reason) > 0);
	int before = fixture_count_captured("a4");
	if (yz_service_print_elsewhere(&f->s, id, "a4", &out, &err) != 0)
		fail_msg("elsewhere: %s", err.msg);
	assert_int_not_equal(out.job_id, id);
	size_t len;
	unsigned char *pdf = fixture_wait_capture("a4", out.cups_job_id, &len);
	assert_memory_equal(pdf, "%PDF", 4);
	free(pdf);
	assert_int_equal(fixture_count_captured("a4"), before + 1);
	assert_int_equal(yz_job_get(f->store, id, &j, NULL), 0);
	assert_int_equal(j.state, YZ_JOB_MOVED);
	yz_print_job list[8];
	size_t n = 0;
	assert_int_equal(yz_job_list(f->store, YZ_JOB_FAILED, list, 8, &n, NULL), 0);
	assert_int_equal(n, 0); /* nothing left to retry twice */
	assert_int_equal(yz_service_print_elsewhere(&f->s, id, "a4", &out, &err), -1);
}

static void test_preview(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_certificate(f, &c);
	f->cfg.receipt_paper = 58;
	yz_err err = {{0}};
	char *text = yz_service_preview(&f->s, c.number, "receipt", &err);
	assert_non_null(text);
	char code[YZ_VERIFY_BUF];
	assert_int_equal(yz_service_verify_code(&f->s, c.number, "receipt", code, &err), 0);
	assert_non_null(strstr(text, code));
	assert_non_null(strstr(text, "[QR: "));
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (yz_text_width(line) > 32 && strncmp(line, "[QR: ", 5) != 0)
			fail_msg("wider than 58 mm paper: %s", line);
	free(text);
	text = yz_service_preview(&f->s, c.number, "certificate", &err);
	assert_non_null(text);
	assert_non_null(strstr(text, "居住证明"));
	free(text);
	assert_null(yz_service_preview(&f->s, "DEMO01-1999-000001", "receipt", &err));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Asia/Shanghai", 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_receipt_code_and_promise, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_certificate_serial_and_code, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_verify, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_job_printed_after_capture, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_pending_job_taken_over_only_when_abandoned, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_stopped_then_retry_prints_once, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_aborted_job_then_print_elsewhere, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_preview, setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("printing", tests, NULL, NULL);
}
