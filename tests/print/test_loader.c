/* The render module (src/print/render-int.h, loader.c): loaded only when a
 * document needs cairo/pango/libqrencode or CUPS is asked something; found in
 * through $YIZHAN_RENDER_MODULE or installed; when it is missing or not
 * a render module, every print function fails with a plain sentence instead
 * of crashing, and plain receipts still render.
 *
 * In isolated mode (yz_print_opts.isolated, the counter UI's) every call
 * runs in a child process: the same bytes come back, the test process never
 * maps the module, and a child that crashes or hangs gives a plain error.
 *
 * usage: test_print_loader /path/to/build/yizhan-render.so /path/to/crash-module.so */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "print-int.h" /* yz_raster_text, yz_raster_qr */
#include "print-test.h"
#include "yz_config.h" /* YZ_PKGLIBDIR */

#define MISSING "Printing components are missing"

static const char *module_path; /* argv[1]: the module in the build tree */
static yz_print_opts po;        /* what every call is given: isolated or not */
static const char *crash_path;  /* argv[2]: a module whose calls crash or hang */
#define STOPPED     "Printing stopped unexpectedly; the case is saved"
#define TOO_LONG    "Printing took too long and was stopped"
#define DEAD_SERVER "/nonexistent/yz-loader-test/cups.sock"

/* True when a mapping of this process has needle in its file name. */
static bool mapped(const char *needle)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[4096];
	bool found = false;
	while (f && !found && fgets(line, sizeof line, f))
		found = strstr(line, needle) != NULL;
	if (f)
		fclose(f);
	return found;
}

/* A receipt of text the printer's encoding takes: no module needed. */
static yz_doc *plain_receipt(void)
{
	yz_doc *d = yz_doc_new("plain");
	yz_doc_text(d, T_NAME, YZ_STYLE_BOLD | YZ_STYLE_CENTER);
	yz_doc_kv(d, T_ITEM, T_CASE_NO);
	return d;
}

/* Runs first: nothing has needed the module yet, so nothing heavy is mapped. */
static void test_plain_receipt_loads_nothing(void **state)
{
	(void)state;
	unsetenv("YIZHAN_RENDER_MODULE");
	yz_doc *d = plain_receipt();
	unsigned char *out;
	size_t len;
	yz_err err = {{0}};
	assert_int_equal(yz_escpos_render(&po, d, NULL, &out, &len, &err), 0);
	assert_true(t_find(out, len, "\x1D\x56\x01", 3) > 0); /* cut: complete */
	free(out);
	char *text = yz_doc_layout_text(d, 32);
	assert_non_null(strstr(text, T_CASE_NO));
	free(text);
	yz_doc_free(d);
	assert_false(mapped("yizhan-render"));
	assert_false(mapped("libcairo"));
	assert_false(mapped("libcups"));
}

/* Rendering d as a PDF fails with nothing returned and `want` in the message. */
static void pdf_fails(const yz_doc *d, const char *want, yz_err *err)
{
	unsigned char *out = (unsigned char *)"x";
	size_t len = 1;
	assert_int_equal(yz_pdf_render(&po, d, YZ_PAPER_A4, &out, &len, err), -1);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_non_null(strstr(err->msg, want));
}

static void expect_missing(const char *path, const char *why)
{
	setenv("YIZHAN_RENDER_MODULE", path, 1);
	yz_doc *d = t_receipt_doc(T_RARE_NAME); /* a QR code and a rare character */
	yz_err err = {{0}};
	pdf_fails(d, MISSING, &err);
	assert_non_null(strstr(err.msg, why));
	unsigned char *out = (unsigned char *)"x";
	size_t len = 1;
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_escpos_render(&po, d, NULL, &out, &len, &err), -1);
	assert_null(out);
	assert_non_null(strstr(err.msg, MISSING));
	yz_doc_free(d);

	int job = 7;
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_cups_submit(&po, "p", "t", YZ_MIME_RAW, (const unsigned char *)"x", 1,
	                                1000, &job, &err),
	                 -1);
	assert_int_equal(job, 0);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	assert_non_null(strstr(err.msg, MISSING));
	yz_cups_job cj = {.state = YZ_CUPS_JOB_DONE};
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_cups_job_state(&po, 1, 1000, &cj, &err), -1);
	assert_int_equal(cj.state, YZ_CUPS_JOB_UNKNOWN);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	assert_non_null(strstr(err.msg, MISSING));
	char *names[4];
	assert_int_equal(yz_cups_list(&po, names, 4), 0);
	/* the job-state names need no module */
	assert_string_equal(yz_job_state_name(YZ_CUPS_JOB_DONE), "printed");
	/* plain receipts still print */
	d = plain_receipt();
	assert_int_equal(yz_escpos_render(&po, d, NULL, &out, &len, &err), 0);
	free(out);
	yz_doc_free(d);
	unsetenv("YIZHAN_RENDER_MODULE");
}

static void test_missing_module_fails_plainly(void **state)
{
	(void)state;
	expect_missing("/nonexistent/yizhan-render.so", "/nonexistent/yizhan-render.so");
}

/* A file that is not a shared object at all. */
static void test_broken_module_fails_plainly(void **state)
{
	(void)state;
	char path[] = "/tmp/yzloaderXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "not a module\n", 13), 13);
	close(fd);
	expect_missing(path, path);
	unlink(path);
}

/* A shared object without the render table (libm has none). */
static void test_foreign_library_refused(void **state)
{
	(void)state;
	expect_missing("libm.so.6", "another version");
}

/* The same through child processes: the errors come back the same. */
static void test_missing_module_isolated(void **state)
{
	(void)state;
	po.isolated = true;
	expect_missing("/nonexistent/yizhan-render.so", "/nonexistent/yizhan-render.so");
	expect_missing("libm.so.6", "another version");
	po.isolated = false;
}

/* What a receipt with a QR code and a rare name and a certificate render to. */
typedef struct rendered {
	unsigned char *receipt; /* ESC/POS bytes */
	size_t receipt_len;     /* their length */
	unsigned char *pdf;     /* the certificate's PDF */
	size_t pdf_len;         /* its length */
	int submit_job;         /* a submit to a server that is not there: its job */
	yz_err submit;          /* and why it failed */
	yz_cups_job job;        /* a job state from it */
	yz_err job_err;         /* and why that failed */
	size_t n_names;         /* the printers it lists */
} rendered;

static void render_all(rendered *r)
{
	yz_err err = {{0}};
	yz_doc *d = t_receipt_doc(T_RARE_NAME);
	assert_int_equal(yz_escpos_render(&po, d, NULL, &r->receipt, &r->receipt_len, &err), 0);
	assert_true(t_find(r->receipt, r->receipt_len, "\x1D\x76\x30", 3) > 0); /* raster */
	yz_doc_free(d);
	d = t_certificate_doc(T_RARE_NAME);
	assert_int_equal(yz_pdf_render(&po, d, YZ_PAPER_A4, &r->pdf, &r->pdf_len, &err), 0);
	assert_memory_equal(r->pdf, "%PDF-", 5);
	yz_doc_free(d);
	/* CUPS through a socket nobody listens on: the reasons must come back */
	setenv("CUPS_SERVER", DEAD_SERVER, 1);
	r->submit_job = 9;
	assert_int_equal(yz_cups_submit(&po, "p", "t", YZ_MIME_RAW, r->receipt, r->receipt_len,
	                                2000, &r->submit_job, &r->submit),
	                 -1);
	assert_int_equal(r->submit_job, 0);
	assert_int_equal(r->submit.code, YZ_ERR_PRINTER);
	assert_true(r->submit.msg[0] != '\0');
	r->job.state = YZ_CUPS_JOB_DONE;
	assert_int_equal(yz_cups_job_state(&po, 5, 2000, &r->job, &r->job_err), -1);
	assert_int_equal(r->job.state, YZ_CUPS_JOB_UNKNOWN);
	assert_int_equal(r->job_err.code, YZ_ERR_PRINTER);
	assert_true(r->job_err.msg[0] != '\0');
	char *names[4];
	r->n_names = yz_cups_list(&po, names, 4);
	for (size_t i = 0; i < r->n_names; i++)
		free(names[i]);
	unsetenv("CUPS_SERVER");
}

/* Runs before anything loads the module in this process: isolated, the
 * results are those of in-process calls and nothing heavy gets mapped. */
static void test_isolated_same_bytes_nothing_mapped(void **state)
{
	(void)state;
	setenv("YIZHAN_RENDER_MODULE", module_path, 1);
	po.isolated = true;
	rendered iso = {0};
	render_all(&iso);
	po.isolated = false;
	assert_false(mapped("yizhan-render"));
	assert_false(mapped("libcairo"));
	assert_false(mapped("libpango"));
	assert_false(mapped("libqrencode"));
	assert_false(mapped("libcups"));

	rendered in = {0};
	render_all(&in);
	assert_true(mapped("yizhan-render"));
	assert_int_equal(iso.receipt_len, in.receipt_len);
	assert_memory_equal(iso.receipt, in.receipt, in.receipt_len);
	assert_int_equal(iso.pdf_len, in.pdf_len);
	assert_memory_equal(iso.pdf, in.pdf, in.pdf_len);
	assert_string_equal(iso.submit.msg, in.submit.msg);
	assert_string_equal(iso.job_err.msg, in.job_err.msg);
	assert_int_equal(iso.n_names, 0);
	assert_int_equal(in.n_names, 0);
	free(iso.receipt);
	free(iso.pdf);
	free(in.receipt);
	free(in.pdf);
}

/* A module whose calls crash, abort, exit early or hang: plain errors, the
 * outputs cleared, and the hang is cut off (cups_limit_ms: 2 x 1 ms + the
 * margin) rather than waited for. */
static void test_isolated_crash_is_plain_error(void **state)
{
	(void)state;
	po.isolated = true;
	setenv("YIZHAN_RENDER_MODULE", crash_path, 1);
	yz_doc *d = t_certificate_doc(T_NAME);
	yz_err err = {{0}};
	pdf_fails(d, STOPPED, &err);
	yz_doc_free(d);
	yz_bitmap bm = {.width = 8};
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_raster_text(&po, T_RARE_NAME, 0, 384, &bm, &err), -1); /* abort */
	assert_null(bm.bits);
	assert_non_null(strstr(err.msg, STOPPED));
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_raster_qr(&po, "x", 384, &bm, &err), -1); /* exit, no answer */
	assert_non_null(strstr(err.msg, STOPPED));
	/* the receipt that needs them fails the same way */
	d = t_receipt_doc(T_RARE_NAME);
	unsigned char *out;
	size_t len;
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_escpos_render(&po, d, NULL, &out, &len, &err), -1);
	assert_non_null(strstr(err.msg, STOPPED));
	yz_doc_free(d);

	int job = 3;
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_cups_submit(&po, "p", "t", YZ_MIME_RAW, (const unsigned char *)"x", 1,
	                                1000, &job, &err),
	                 -1); /* SIGKILL */
	assert_int_equal(job, 0);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	assert_non_null(strstr(err.msg, STOPPED));
	char *names[2];
	assert_int_equal(yz_cups_list(&po, names, 2), 0); /* SIGSEGV */
	yz_cups_job cj = {.state = YZ_CUPS_JOB_DONE};
	time_t t0 = time(NULL);
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_cups_job_state(&po, 1, 1, &cj, &err), -1); /* hangs */
	assert_true(time(NULL) - t0 < 30);
	assert_int_equal(cj.state, YZ_CUPS_JOB_UNKNOWN);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	assert_non_null(strstr(err.msg, TOO_LONG));
	unsetenv("YIZHAN_RENDER_MODULE");
	po.isolated = false;
	assert_false(mapped("crash-module"));
}

static void check_pdf_renders(void)
{
	yz_doc *d = t_certificate_doc(T_RARE_NAME);
	unsigned char *out;
	size_t len;
	yz_err err = {{0}};
	assert_int_equal(yz_pdf_render(&po, d, YZ_PAPER_A4, &out, &len, &err), 0);
	assert_true(len > 1000);
	assert_memory_equal(out, "%PDF-", 5);
	free(out);
	yz_doc_free(d);
	d = t_receipt_doc(T_RARE_NAME);
	assert_int_equal(yz_escpos_render(&po, d, NULL, &out, &len, &err), 0);
	assert_true(t_find(out, len, "\x1D\x76\x30", 3) > 0); /* raster: QR, rare name */
	free(out);
	yz_doc_free(d);
}

static void test_module_from_env(void **state)
{
	(void)state;
	setenv("YIZHAN_RENDER_MODULE", module_path, 1);
	check_pdf_renders();
	assert_true(mapped("yizhan-render"));
	unsetenv("YIZHAN_RENDER_MODULE");
}

/* Without the variable only the installed module is looked for, never the
 * build tree's (no build path is compiled in), so here printing fails and
 * names the installed path. */
static void test_no_build_tree_module(void **state)
{
	(void)state;
	static const char installed[] = YZ_PKGLIBDIR "/yizhan-render.so";
	if (access(installed, F_OK) == 0)
		skip(); /* yizhan is installed on this machine */
	unsetenv("YIZHAN_RENDER_MODULE");
	yz_doc *d = t_certificate_doc(T_NAME);
	yz_err err = {{0}};
	pdf_fails(d, MISSING, &err);
	assert_non_null(strstr(err.msg, installed));
	yz_doc_free(d);
	setenv("YIZHAN_RENDER_MODULE", module_path, 1);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s /path/to/yizhan-render.so /path/to/crash-module.so\n",
		        argv[0]);
		return 2;
	}
	module_path = argv[1];
	crash_path = argv[2];
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_receipt_loads_nothing),
	    cmocka_unit_test(test_missing_module_fails_plainly),
	    cmocka_unit_test(test_broken_module_fails_plainly),
	    cmocka_unit_test(test_foreign_library_refused),
	    cmocka_unit_test(test_missing_module_isolated),
	    cmocka_unit_test(test_isolated_crash_is_plain_error),
	    cmocka_unit_test(test_isolated_same_bytes_nothing_mapped),
	    cmocka_unit_test(test_module_from_env),
	    cmocka_unit_test(test_no_build_tree_module),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
