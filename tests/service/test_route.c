/* Issue 13 on real parts: every document goes to a printer of its paper, and
 * the hand-over slip (yi jiao dan) carries what the department needs.
 *
 * Routing runs against the private cupsd of tests/lib/with-cupsd: its capture
 * backend writes each job a printer would get to a file, so "nothing was sent"
 * is a count of files. The receipt-paper slip of a resident's request (su qiu
 * shou li hui zhi) lands in the receipt queue by every path (the counter's
 * print, a reprint, a retry, print elsewhere); a printer the settings name for
 * the other paper, the same printer named for both papers, or a queue whose
 * CUPS media is the other paper is refused in plain words naming the document,
 * its paper and the printer, and no job reaches CUPS. */
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

#define SLIP_TITLE "\u8bc9\u6c42\u53d7\u7406\u56de\u6267" /* the request's slip */
#define CONTENT                                                                                    \
	"2 \u5e62 1 \u5355\u5143\u6c34\u538b\u4f4e\uff0c5 "                                        \
	"\u697c\u4ee5\u4e0a\u65e9\u665a\u7528\u6c34\u56f0\u96be"
#define PLACE "\u6587\u4e00\u8def 8 \u53f7 2 \u5e62 1 \u5355\u5143"
#define NOTE  "\u8bf7\u4e09\u65e5\u5185\u6d3e\u4eba\u67e5\u770b\u6c34\u6cf5"
#define DEPT  "\u8857\u9053\u57ce\u7ba1\u79d1"

static int setup(void **state)
{
	fixture *f = fixture_open("yzroute");
	fixture_printers(f);
	fixture_resident(f, "\u738b\u5c0f\u660e");
	*state = f;
	return 0;
}

#define JOB_PROOF "\u5c31\u4e1a\u56f0\u96be\u4eba\u5458\u8ba4\u5b9a\u8bc1\u660e"

/* An application for a public-welfare job, with two materials; it stays open. */
static void submit_job_application(fixture *f, yz_case *c)
{
	static const char *materials[] = {"\u5c45\u6c11\u8eab\u4efd\u8bc1", JOB_PROOF};
	const yz_form *form = yz_catalogue_find(&f->cat, "public_welfare_job");
	assert_non_null(form);
	yz_values v = {0};
	yz_values_set(&v, "resident", f->idno);
	yz_values_set(&v, "phone", "13588765432");
	yz_values_set(&v, "certified", "yes");
	yz_values_set(&v, "in_post", "no");
	yz_values_set(&v, "posts", "\u793e\u533a\u4fdd\u6d01");
	yz_values_set(&v, "shifts", "\u65e9\u73ed");
	yz_values_set(&v, "health", "\u5065\u5eb7");
	yz_err err = {{0}};
	int rc = yz_service_submit(&f->s, form, &v, materials, 2, c, &err);
	yz_values_clear(&v);
	if (rc != 0)
		fail_msg("submit: %s", err.msg);
}

/* The message of a refused print names the document, its paper and the printer;
 * nothing reached CUPS and the queue got no job. */
static void assert_refused(fixture *f, int rc, const yz_print_outcome *out, const yz_err *err,
                           const char *title, const char *paper, const char *printer,
                           int captured_before)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->code, YZ_ERR_PRINTER);
	if (!strstr(err->msg, title) || !strstr(err->msg, paper) || !strstr(err->msg, printer))
		fail_msg("the message should name \"%s\", \"%s\" and \"%s\": %s", title, paper,
		         printer, err->msg);
	assert_int_equal(out->cups_job_id, 0);
	usleep(300 * 1000); /* a job CUPS had taken would be captured by now */
	assert_int_equal(fixture_count_captured(printer), captured_before);
	(void)f;
}

static void test_slip_goes_to_the_receipt_printer(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_request(f, PLACE, CONTENT, &c);
	yz_print_outcome out;
	yz_err err = {{0}};
	int a4 = fixture_count_captured("a4");
	if (yz_service_print(&f->s, c.number, "slip", NULL, &out, &err) != 0)
		fail_msg("print: %s", err.msg);
	assert_string_equal(out.printer, "receipt");
	size_t len;
	unsigned char *buf = fixture_wait_capture("receipt", out.cups_job_id, &len);
	assert_memory_equal(buf, "\x1b@", 2); /* ESC/POS */
	fixture_assert_gb18030(buf, len, SLIP_TITLE);
	free(buf);
	assert_int_equal(fixture_count_captured("a4"), a4);
	/* the paper is the document's, whatever its name: every path asks the same */
	assert_string_equal(yz_service_doc_paper(&f->s, c.number, "slip"), "receipt");
	assert_string_equal(yz_service_doc_paper(&f->s, c.number, "receipt"), "receipt");
	assert_string_equal(yz_service_doc_paper(&f->s, c.number, "transfer_slip"), "a4");
	assert_string_equal(yz_service_printer_for(&f->cfg, "receipt"), "receipt");
	assert_string_equal(yz_service_printer_for(&f->cfg, "a4"), "a4");
	assert_string_equal(yz_service_printer_for(&f->cfg, "a5"), "a4");
}

static void test_printer_of_the_other_paper_refused(void **state)
{
	fixture *f = *state;
	yz_case req, cert;
	fixture_submit_request(f, PLACE, CONTENT, &req);
	fixture_submit_certificate(f, &cert);
	yz_print_outcome out;
	yz_err err = {{0}};
	/* `yizhan print --printer a4` of the slip: a4 is the A4 printer */
	int before = fixture_count_captured("a4");
	int rc = yz_service_print(&f->s, req.number, "slip", "a4", &out, &err);
	assert_refused(f, rc, &out, &err, SLIP_TITLE, "receipt paper", "a4", before);
	/* and the certificate on the receipt printer */
	before = fixture_count_captured("receipt");
	rc = yz_service_print(&f->s, cert.number, "certificate", "receipt", &out, &err);
	assert_refused(f, rc, &out, &err, "\u5c45\u4f4f\u8bc1\u660e", "A4 paper", "receipt",
	               before);
}

static void test_same_printer_for_both_papers_refused(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_request(f, PLACE, CONTENT, &c);
	snprintf(f->cfg.printer_receipt, sizeof f->cfg.printer_receipt, "a4");
	yz_print_outcome out;
	yz_err err = {{0}};
	int before = fixture_count_captured("a4");
	int rc = yz_service_print(&f->s, c.number, "slip", NULL, &out, &err);
	assert_refused(f, rc, &out, &err, SLIP_TITLE, "receipt paper", "a4", before);
	assert_non_null(strstr(err.msg, "both"));
	/* the job waits in the reprint list with the reason */
	yz_print_job j;
	assert_int_equal(yz_job_get(f->store, out.job_id, &j, NULL), 0);
	assert_int_equal(j.state, YZ_JOB_FAILED);
	assert_non_null(strstr(j.reason, "a4"));
	snprintf(f->cfg.printer_receipt, sizeof f->cfg.printer_receipt, "receipt");
}

/* A reprint list's job recorded for the A4 printer: its retry and printing it
 * on the A4 printer again are refused; elsewhere on the receipt printer, it
 * prints there. */
static void test_retry_and_elsewhere_are_checked(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_request(f, PLACE, CONTENT, &c);
	yz_err err = {{0}};
	int64_t id;
	assert_int_equal(yz_job_add(f->store, c.id, "slip", "a4", &id, &err), 0);
	assert_int_equal(yz_job_update(f->store, id, YZ_JOB_FAILED, 0, "paper out", &err), 0);
	yz_print_outcome out;
	int before = fixture_count_captured("a4");
	int rc = yz_service_retry(&f->s, id, NULL, &out, &err);
	assert_refused(f, rc, &out, &err, SLIP_TITLE, "receipt paper", "a4", before);
	rc = yz_service_print_elsewhere(&f->s, id, "a4", &out, &err);
	assert_refused(f, rc, &out, &err, SLIP_TITLE, "receipt paper", "a4", before);
	/* the refused try is still in the reprint list: print it elsewhere, rightly */
	yz_print_job list[8];
	size_t n = 0;
	assert_int_equal(yz_job_list(f->store, YZ_JOB_FAILED, list, 8, &n, NULL), 0);
	assert_int_equal(n, 1);
	if (yz_service_print_elsewhere(&f->s, list[0].id, "receipt", &out, &err) != 0)
		fail_msg("elsewhere: %s", err.msg);
	size_t len;
	unsigned char *buf = fixture_wait_capture("receipt", out.cups_job_id, &len);
	fixture_assert_gb18030(buf, len, SLIP_TITLE);
	free(buf);
	assert_int_equal(fixture_count_captured("a4"), before);
}

/* Add a capture queue to the private cupsd whose media CUPS reports. */
static void add_queue(const char *name, const char *media)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	         "PATH=\"$PATH:/usr/sbin\" lpadmin -h \"$YZ_CUPS_SOCKET\" -p %s -v capture:/%s -E "
	         "-o media-default=%s",
	         name, name, media);
	assert_int_equal(system(cmd), 0);
}

/* Queues the settings do not name ("print elsewhere" to a spare): CUPS says
 * what paper each holds, and a document goes only to one of its paper. */
static void test_queue_media_checked(void **state)
{
	fixture *f = *state;
	add_queue("laser", "iso_a4_210x297mm");
	add_queue("pos58", "oe_roll-58mm_58x297mm");
	yz_case req, cert;
	fixture_submit_request(f, PLACE, CONTENT, &req);
	fixture_submit_certificate(f, &cert);
	yz_print_outcome out;
	yz_err err = {{0}};
	int before = fixture_count_captured("laser");
	int rc = yz_service_print(&f->s, req.number, "slip", "laser", &out, &err);
	assert_refused(f, rc, &out, &err, SLIP_TITLE, "receipt paper", "laser", before);
	assert_non_null(strstr(err.msg, "iso_a4_210x297mm")); /* what CUPS said */
	before = fixture_count_captured("pos58");
	rc = yz_service_print(&f->s, cert.number, "certificate", "pos58", &out, &err);
	assert_refused(f, rc, &out, &err, "\u5c45\u4f4f\u8bc1\u660e", "A4", "pos58", before);
	/* each on its own paper prints */
	if (yz_service_print(&f->s, req.number, "slip", "pos58", &out, &err) != 0)
		fail_msg("slip on pos58: %s", err.msg);
	size_t len;
	free(fixture_wait_capture("pos58", out.cups_job_id, &len));
	if (yz_service_print(&f->s, cert.number, "certificate", "laser", &out, &err) != 0)
		fail_msg("certificate on laser: %s", err.msg);
	unsigned char *pdf = fixture_wait_capture("laser", out.cups_job_id, &len);
	assert_memory_equal(pdf, "%PDF", 4);
	free(pdf);
}

/* ---- the hand-over slip ------------------------------------------------------ */

static char *slip_text(fixture *f, const char *case_no)
{
	yz_err err = {{0}};
	yz_doc *d = yz_service_build_doc(&f->s, case_no, "transfer_slip", &err);
	if (!d)
		fail_msg("slip: %s", err.msg);
	char *text = yz_doc_layout_text(d, 72);
	yz_doc_free(d);
	assert_non_null(text);
	return text;
}

static void assert_has(const char *text, const char *what)
{
	if (!text || !strstr(text, what))
		fail_msg("the hand-over slip lacks \"%s\":\n%s", what, text ? text : "(none)");
}

static void test_transfer_slip_carries_what_the_department_needs(void **state)
{
	fixture *f = *state;
	yz_case c;
	fixture_submit_request(f, PLACE, CONTENT, &c);
	/* the department's due date typed as the clerk types it: 8 digits */
	yz_date due = yz_date_from_days(yz_date_to_days(f->s.today) + 10);
	char typed[9], shown[11];
	snprintf(typed, sizeof typed, "%04d%02d%02d", due.year, due.month, due.day);
	yz_date_format(due, shown);
	yz_err err = {{0}};
	if (yz_service_forward(&f->s, c.number, DEPT, typed, NOTE, NULL, &err) != 0)
		fail_msg("forward: %s", err.msg);
	char *text = slip_text(f, c.number);
	assert_has(text, DEPT);
	assert_has(text, CONTENT);       /* what the resident asks */
	assert_has(text, PLACE);         /* where */
	assert_has(text, "13588012345"); /* whom to call back */
	assert_has(text, NOTE);          /* the clerk's note */
	assert_has(text, shown);         /* a date, not 8 digits */
	assert_null(strstr(text, typed));
	assert_has(text, f->cfg.station_name);  /* who sends it */
	assert_has(text, f->cfg.station_phone); /* and how to reach them */
	free(text);

	/* an application forwarded with its materials: they are listed */
	yz_case job;
	submit_job_application(f, &job);
	if (yz_service_forward(&f->s, job.number, DEPT, NULL, NULL, NULL, &err) != 0)
		fail_msg("forward: %s", err.msg);
	text = slip_text(f, job.number);
	assert_has(text, "\u5c45\u6c11\u8eab\u4efd\u8bc1"); /* the ID card */
	assert_has(text, JOB_PROOF);
	assert_has(text, "\u793e\u533a\u4fdd\u6d01"); /* the post asked for, a field */
	assert_has(text, "13588765432");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_slip_goes_to_the_receipt_printer, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_printer_of_the_other_paper_refused, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_same_printer_for_both_papers_refused, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_retry_and_elsewhere_are_checked, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_queue_media_checked, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_transfer_slip_carries_what_the_department_needs,
	                                    setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
