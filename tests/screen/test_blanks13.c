/* Issue 13, no blanks on a paper, at the counter: a demo residence certificate
 * whose applicant has lost the current address in the registry is printed from
 * the case view (P); the clerk reads, in Chinese, that the certificate did not
 * print and what to add where, and no paper reached the printer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_fixture.h"
#include "yizhan/store.h"

static yz_case cert; /* the demo's residence certificate used */

static int find_certificate(const yz_case *c, void *ctx)
{
	(void)ctx;
	if (strcmp(c->form_id, "residence_certificate") != 0 || c->resident_id <= 0)
		return 0;
	cert = *c;
	return 1;
}

/* A demo station; the applicant of its first residence certificate without an
 * address in the registry. */
static int group_setup(void **state)
{
	(void)state;
	if (scr_station("yzblscr", NULL) != 0)
		return -1;
	yz_store *st;
	yz_err err = {{0}};
	yz_resident r;
	yz_case_filter all = {0};
	if (scr_store_open(&st, &err) != 0)
		return -1;
	int rc = yz_case_list(st, &all, find_certificate, NULL, &err);
	if (rc == 0 && !cert.number[0]) {
		fprintf(stderr, "the demo has no residence certificate\n");
		rc = -1;
	}
	if (rc == 0)
		rc = yz_resident_get(st, cert.resident_id, &r, &err);
	if (rc == 0) {
		r.address[0] = '\0'; /* moved out: no household's address either */
		r.household_id = 0;
		r.relation[0] = '\0';
		rc = yz_resident_update(st, &r, "admin", NULL, &err);
	}
	if (rc != 0)
		fprintf(stderr, "setup: %s\n", err.msg);
	yz_store_close(st);
	return rc;
}

static void test_print_refused_on_screen(void **state)
{
	(void)state;
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	/* zhangli: the demo clerk at work (wangfang is away, zhangli stands in) */
	scr_login(v, "\u8bf7\u767b\u5f55", "zhangli", "demo1234"); /* qing deng lu */
	SEE(v, "\u4eca\u65e5\u53d7\u7406"); /* jin ri shou li: the home screen */
	vt_send(v, VT_F4);
	SEE(v, "\u6309\u7f16\u53f7"); /* an bian hao: by number */
	vt_send(v, "\033[18~");       /* F7 */
	SEE(v, "\u6309\u7f16\u53f7\u6253\u5f00\u529e\u4ef6");
	vt_send(v, cert.number);
	vt_send(v, VT_ENTER);
	SEE(v, cert.number);
	int before = scr_captures("a4-");
	vt_send(v, "p");
	/* "the registry has no current address for the applicant, a paper never
	 * has a blank", and where to add it */
	SEE(v, "\u5c45\u6c11\u5e93\u4e2d\u6ca1\u6709\u7533\u8bf7\u4eba\u7684\u73b0\u4f4f\u5740");
	SEE(v, "\u6587\u4e66\u4e0d\u80fd\u7559\u7a7a\u767d");
	SEE(v, "F6");
	assert_int_equal(scr_captures("a4-"), before);
	vt_send(v, VT_ESC);
	SEE(v, "\u6309\u7f16\u53f7"); /* the cases list again */
	vt_send(v, VT_ESC);
	SEE(v, "\u4eca\u65e5\u53d7\u7406");
	scr_quit(v, "\u8bf7\u767b\u5f55");
}

int main(int argc, char **argv)
{
	int rc = scr_args(argc, argv);
	if (rc != 0)
		return rc;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_print_refused_on_screen),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
