/* The render module (src/print/render-int.h, loader.c): loaded only when a
 * document needs cairo/pango/libqrencode or CUPS is asked something; found in
 * the build tree or through $YIZHAN_RENDER_MODULE; when it is missing or not
 * a render module, every print function fails with a plain sentence instead
 * of crashing, and plain receipts still render.
 *
 * usage: test_print_loader /path/to/build/yizhan-render.so */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print-test.h"

#define MISSING "Printing components are missing"

static const char *module_path; /* argv[1]: the module in the build tree */

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
	assert_int_equal(yz_escpos_render(d, NULL, &out, &len, &err), 0);
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

static void expect_missing(const char *path, const char *why)
{
	setenv("YIZHAN_RENDER_MODULE", path, 1);
	yz_doc *d = t_receipt_doc(T_RARE_NAME); /* a QR code and a rare character */
	unsigned char *out = (unsigned char *)"x";
	size_t len = 1;
	yz_err err = {{0}};
	assert_int_equal(yz_pdf_render(d, YZ_PAPER_A4, &out, &len, &err), -1);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_non_null(strstr(err.msg, MISSING));
	assert_non_null(strstr(err.msg, why));
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_escpos_render(d, NULL, &out, &len, &err), -1);
	assert_null(out);
	assert_non_null(strstr(err.msg, MISSING));
	yz_doc_free(d);

	yz_cups_result res = {.job_id = 7};
	assert_int_equal(
	    yz_cups_submit("p", "t", YZ_MIME_RAW, (const unsigned char *)"x", 1, 1000, &res), -1);
	assert_int_equal(res.job_id, 0);
	assert_non_null(strstr(res.reason, MISSING));
	yz_job_state st = YZ_CUPS_JOB_DONE;
	assert_int_equal(yz_cups_job_state(1, 1000, &st, &res), -1);
	assert_int_equal(st, YZ_CUPS_JOB_UNKNOWN);
	assert_non_null(strstr(res.reason, MISSING));
	char *names[4];
	assert_int_equal(yz_cups_list(names, 4), 0);
	/* the job-state names need no module */
	assert_string_equal(yz_job_state_name(YZ_CUPS_JOB_DONE), "printed");
	/* plain receipts still print */
	d = plain_receipt();
	assert_int_equal(yz_escpos_render(d, NULL, &out, &len, &err), 0);
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

static void check_pdf_renders(void)
{
	yz_doc *d = t_certificate_doc(T_RARE_NAME);
	unsigned char *out;
	size_t len;
	yz_err err = {{0}};
	assert_int_equal(yz_pdf_render(d, YZ_PAPER_A4, &out, &len, &err), 0);
	assert_true(len > 1000);
	assert_memory_equal(out, "%PDF-", 5);
	free(out);
	yz_doc_free(d);
	d = t_receipt_doc(T_RARE_NAME);
	assert_int_equal(yz_escpos_render(d, NULL, &out, &len, &err), 0);
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

/* Without the variable, a program in the build tree finds the build's module. */
static void test_module_from_build_tree(void **state)
{
	(void)state;
	unsetenv("YIZHAN_RENDER_MODULE");
	check_pdf_renders();
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s /path/to/yizhan-render.so\n", argv[0]);
		return 2;
	}
	module_path = argv[1];
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_receipt_loads_nothing),
	    cmocka_unit_test(test_missing_module_fails_plainly),
	    cmocka_unit_test(test_broken_module_fails_plainly),
	    cmocka_unit_test(test_foreign_library_refused),
	    cmocka_unit_test(test_module_from_env),
	    cmocka_unit_test(test_module_from_build_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
