/* CUPS submission against the private cupsd of tests/lib/with-cupsd: the
 * captured job must hold exactly the bytes we sent, and every failure must
 * come back as a reason a clerk can read. Run it as
 *   with-cupsd test_print_cups
 * (with-cupsd keeps the scheduler's pid in YZ_CUPSD_PID: one test stops it
 * with SIGSTOP to play a hung server). */
#include <arpa/inet.h>
#include <locale.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cups/cups.h>

#include "print-test.h"

/* Set by with-cupsd. */
static const char *capture_dir(void)
{
	const char *d = getenv("YZ_CAPTURE_DIR");
	if (!d)
		fail_msg("YZ_CAPTURE_DIR is not set: run this test under tests/lib/with-cupsd");
	return d;
}

static const char *cups_socket(void)
{
	const char *s = getenv("YZ_CUPS_SOCKET");
	if (!s)
		fail_msg("YZ_CUPS_SOCKET is not set: run this test under tests/lib/with-cupsd");
	return s;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait (up to 20 s) for the capture backend to write the job's file. */
static unsigned char *wait_capture(const char *printer, int job_id, size_t *len)
{
	char *path = yz_strdup_printf("%s/%s-%d.bin", capture_dir(), printer, job_id);
	unsigned char *data = NULL;
	for (int i = 0; i < 200 && !data; i++) {
		if (access(path, F_OK) == 0)
			data = t_read(path, len);
		else
			usleep(100 * 1000);
	}
	if (!data)
		fail_msg("no capture file %s", path);
	free(path);
	return data;
}

static void admin(const char *cmd, const char *args)
{
	char *out = t_run("%s -h '%s' %s 2>&1", cmd, cups_socket(), args);
	free(out);
}

/* What a CUPS call gave: the job, what the server says of it, and why a
 * call failed. */
typedef struct cups_res {
	int job_id;      /* submit: the job CUPS accepted */
	yz_cups_job job; /* job state: what became of it */
	yz_err err;      /* why the call failed */
} cups_res;

static int submit(const char *printer, const unsigned char *data, size_t len, const char *mime,
                  cups_res *res)
{
	int rc = yz_cups_submit(NULL, printer, "yizhan test", mime, data, len, 5000, &res->job_id,
	                        &res->err);
	if (rc != 0)
		assert_int_equal(res->err.code, YZ_ERR_PRINTER);
	return rc;
}

static int job_state(int job_id, int timeout_ms, yz_job_state *js, cups_res *res)
{
	int rc = yz_cups_job_state(NULL, job_id, timeout_ms, &res->job, &res->err);
	*js = res->job.state;
	return rc;
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_receipt_bytes_captured(void **state)
{
	(void)state;
	yz_doc *d = t_receipt_doc(T_NAME);
	unsigned char *b;
	size_t n;
	assert_int_equal(yz_escpos_render(NULL, d, NULL, &b, &n, NULL), 0);
	cups_res res;
	if (submit("receipt", b, n, YZ_MIME_RAW, &res) != 0)
		fail_msg("submit failed: %s", res.err.msg);
	assert_true(res.job_id > 0);
	size_t cn;
	unsigned char *cap = wait_capture("receipt", res.job_id, &cn);
	assert_int_equal(cn, n);
	assert_memory_equal(cap, b, n);
	/* the job ends as printed */
	yz_job_state js = YZ_CUPS_JOB_UNKNOWN;
	for (int i = 0; i < 100 && js != YZ_CUPS_JOB_DONE; i++) {
		assert_int_equal(job_state(res.job_id, 5000, &js, &res), 0);
		if (js != YZ_CUPS_JOB_DONE)
			usleep(100 * 1000);
	}
	assert_int_equal(js, YZ_CUPS_JOB_DONE);
	free(cap);
	free(b);
	yz_doc_free(d);
}

static void test_pdf_captured(void **state)
{
	(void)state;
	yz_doc *d = t_certificate_doc(T_NAME);
	unsigned char *pdf;
	size_t n;
	assert_int_equal(yz_pdf_render(NULL, d, YZ_PAPER_A4, &pdf, &n, NULL), 0);
	cups_res res;
	if (submit("a4", pdf, n, YZ_MIME_PDF, &res) != 0)
		fail_msg("submit failed: %s", res.err.msg);
	size_t cn;
	unsigned char *cap = wait_capture("a4", res.job_id, &cn);
	assert_int_equal(cn, n);
	assert_memory_equal(cap, pdf, n);
	/* and the captured file is still the certificate */
	char *path = yz_strdup_printf("%s/a4-%d.bin", capture_dir(), res.job_id);
	char *text = t_run("pdftotext -enc UTF-8 '%s' -", path);
	assert_non_null(strstr(text, T_NAME));
	assert_non_null(strstr(text, T_CASE_NO));
	free(text);
	free(path);
	free(cap);
	free(pdf);
	yz_doc_free(d);
}

static void test_no_such_printer(void **state)
{
	(void)state;
	cups_res res;
	assert_int_equal(
	    submit("no-such-printer", (const unsigned char *)"x", 1, YZ_MIME_RAW, &res), -1);
	assert_int_equal(res.job_id, 0);
	assert_non_null(strstr(res.err.msg, "no-such-printer"));
	assert_non_null(strstr(res.err.msg, "no printer called"));
	assert_int_equal(submit("", (const unsigned char *)"x", 1, YZ_MIME_RAW, &res), -1);
	assert_true(res.err.msg[0] != '\0');
}

/* A stopped printer fails with the reason it was stopped for; once started
 * again, the next job prints. */
static void test_stopped_printer(void **state)
{
	(void)state;
	admin("cupsdisable", "-r 'paper jam' receipt");
	cups_res res;
	const unsigned char data[] = "\x1B@stopped\n";
	int rc = submit("receipt", data, sizeof data - 1, YZ_MIME_RAW, &res);
	admin("cupsenable", "receipt");
	assert_int_equal(rc, -1);
	assert_non_null(strstr(res.err.msg, "stopped"));
	assert_non_null(strstr(res.err.msg, "paper jam"));
	assert_non_null(strstr(res.err.msg, "receipt"));

	assert_int_equal(submit("receipt", data, sizeof data - 1, YZ_MIME_RAW, &res), 0);
	size_t cn;
	unsigned char *cap = wait_capture("receipt", res.job_id, &cn);
	assert_int_equal(cn, sizeof data - 1);
	free(cap);
}

static void test_rejecting_printer(void **state)
{
	(void)state;
	admin("cupsreject", "receipt");
	cups_res res;
	int rc = submit("receipt", (const unsigned char *)"x", 1, YZ_MIME_RAW, &res);
	admin("cupsaccept", "receipt");
	assert_int_equal(rc, -1);
	assert_non_null(strstr(res.err.msg, "not taking new jobs"));
	assert_int_equal(submit("receipt", (const unsigned char *)"y", 1, YZ_MIME_RAW, &res), 0);
}

/* A job the printer could not print ends as failed, with the printer's
 * words; a job the server does not know is unknown. The "broken" queue's
 * backend always fails ("paper out") and its error policy aborts the job. */
static void test_job_state_failed(void **state)
{
	(void)state;
	cups_res res;
	assert_int_equal(submit("broken", (const unsigned char *)"x", 1, YZ_MIME_RAW, &res), 0);
	yz_job_state js = YZ_CUPS_JOB_UNKNOWN;
	cups_res jr;
	for (int i = 0; i < 100 && js != YZ_CUPS_JOB_FAILED; i++) {
		assert_int_equal(job_state(res.job_id, 5000, &js, &jr), 0);
		if (js != YZ_CUPS_JOB_FAILED)
			usleep(100 * 1000);
	}
	assert_int_equal(js, YZ_CUPS_JOB_FAILED);
	assert_non_null(strstr(jr.job.why, "did not print"));
	assert_non_null(strstr(jr.job.why, "paper out"));
	assert_int_equal(job_state(999999, 5000, &js, &jr), 0);
	assert_int_equal(js, YZ_CUPS_JOB_UNKNOWN);
}

/* The server's socket does not exist: a quick, plain failure. */
static void test_server_unreachable(void **state)
{
	(void)state;
	char *missing = yz_strdup_printf("%s/../no-such.sock", capture_dir());
	cupsSetServer(missing);
	cups_res res;
	double t0 = now();
	int rc = yz_cups_submit(NULL, "receipt", "t", YZ_MIME_RAW, (const unsigned char *)"x", 1,
	                        2000, &res.job_id, &res.err);
	double took = now() - t0;
	cupsSetServer(cups_socket());
	free(missing);
	assert_int_equal(rc, -1);
	assert_true(took < 3.0);
	assert_non_null(strstr(res.err.msg, "cannot be reached"));
}

/* A server that accepts the connection and never answers: the timeout ends
 * the wait. */
static void test_server_silent(void **state)
{
	(void)state;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(fd, 8), 0);
	socklen_t sl = sizeof sa;
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	char server[64];
	snprintf(server, sizeof server, "127.0.0.1:%d", ntohs(sa.sin_port));
	cupsSetServer(server);
	cups_res res;
	double t0 = now();
	int rc = yz_cups_submit(NULL, "receipt", "t", YZ_MIME_RAW, (const unsigned char *)"x", 1,
	                        1500, &res.job_id, &res.err);
	double took = now() - t0;
	cupsSetServer(cups_socket());
	close(fd);
	assert_int_equal(rc, -1);
	if (took > 4.0)
		fail_msg("took %.1f s with a 1.5 s timeout", took);
	assert_non_null(strstr(res.err.msg, "cannot be reached"));
}

/* Poll the job's state until it is `want` (up to 20 s); returns the last. */
static yz_job_state wait_state(int job_id, yz_job_state want, cups_res *jr)
{
	yz_job_state js = YZ_CUPS_JOB_UNKNOWN;
	for (int i = 0; i < 200; i++) {
		if (job_state(job_id, 5000, &js, jr) != 0)
			fail_msg("job state: %s", jr->err.msg);
		if (js == want)
			break;
		usleep(100 * 1000);
	}
	return js;
}

/* Captured jobs of a printer whose bytes are exactly data. */
static int captures_of(const char *printer, const void *data, size_t len)
{
	DIR *dir = opendir(capture_dir());
	assert_non_null(dir);
	int found = 0;
	size_t plen = strlen(printer);
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, printer, plen) != 0 || e->d_name[plen] != '-' ||
		    !strstr(e->d_name, ".bin") || strstr(e->d_name, ".part"))
			continue;
		char *path = yz_strdup_printf("%s/%s", capture_dir(), e->d_name);
		size_t n;
		unsigned char *b = t_read(path, &n);
		found += b && n == len && memcmp(b, data, len) == 0;
		free(b);
		free(path);
	}
	closedir(dir);
	return found;
}

static pid_t cupsd_pid(void)
{
	const char *s = getenv("YZ_CUPSD_PID");
	if (!s || atoi(s) <= 0)
		fail_msg("YZ_CUPSD_PID is not set: run this test under tests/lib/with-cupsd");
	return (pid_t)atoi(s);
}

/* A printer deleted (lpadmin -x) while the settings still name it: the job
 * fails with a plain reason; the job it printed before is still known. */
static void test_printer_deleted(void **state)
{
	(void)state;
	admin("lpadmin", "-p gone -v capture:/gone -E");
	const unsigned char data[] = "\x1B@before deletion\n";
	cups_res res;
	assert_int_equal(submit("gone", data, sizeof data - 1, YZ_MIME_RAW, &res), 0);
	int job = res.job_id;
	size_t cn;
	free(wait_capture("gone", job, &cn));
	cups_res jr;
	assert_int_equal(wait_state(job, YZ_CUPS_JOB_DONE, &jr), YZ_CUPS_JOB_DONE);

	admin("lpadmin", "-x gone");
	assert_int_equal(submit("gone", data, sizeof data - 1, YZ_MIME_RAW, &res), -1);
	assert_int_equal(res.job_id, 0);
	assert_non_null(strstr(res.err.msg, "no printer called \"gone\""));
	assert_non_null(strstr(res.err.msg, "settings"));
	assert_int_equal(captures_of("gone", data, sizeof data - 1), 1);
}

/* A stale socket (cupsd crashed and left it): connection refused at once. */
static void test_server_dead_socket(void **state)
{
	(void)state;
	char *path = yz_strdup_printf("%s/../dead.sock", capture_dir());
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	assert_true(strlen(path) < sizeof sa.sun_path);
	strcpy(sa.sun_path, path);
	unlink(path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	close(fd); /* the file stays; nobody listens */
	cupsSetServer(path);
	cups_res res, jr;
	yz_job_state js;
	double t0 = now();
	int rc = submit("receipt", (const unsigned char *)"x", 1, YZ_MIME_RAW, &res);
	int jrc = job_state(1, 2000, &js, &jr);
	char *names[4];
	size_t nn = yz_cups_list(NULL, names, 4);
	double took = now() - t0;
	cupsSetServer(cups_socket());
	unlink(path);
	free(path);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(res.err.msg, "cannot be reached"));
	assert_non_null(strstr(res.err.msg, "printing service is running"));
	assert_int_equal(jrc, -1);
	assert_non_null(strstr(jr.err.msg, "cannot be reached"));
	assert_int_equal(jr.err.code, YZ_ERR_PRINTER);
	assert_int_equal(nn, 0);
	assert_true(took < 2.0);
}

/* cupsd hangs (stopped with SIGSTOP): the submission gives up within its
 * timeout with a plain reason, and nothing it began is printed later. Once
 * cupsd runs again the retry prints, exactly once. */
static void test_server_hung_then_retry(void **state)
{
	(void)state;
	const unsigned char data[] = "\x1B@retry after the server came back\n";
	pid_t pid = cupsd_pid();
	assert_int_equal(kill(pid, SIGSTOP), 0);
	cups_res res, jr;
	yz_job_state js;
	double t0 = now();
	int rc = yz_cups_submit(NULL, "receipt", "t", YZ_MIME_RAW, data, sizeof data - 1, 1500,
	                        &res.job_id, &res.err);
	int jrc = job_state(1, 1500, &js, &jr);
	double took = now() - t0;
	assert_int_equal(kill(pid, SIGCONT), 0);
	assert_int_equal(rc, -1);
	assert_int_equal(res.job_id, 0);
	assert_non_null(strstr(res.err.msg, "did not answer within 2 seconds"));
	assert_int_equal(jrc, -1);
	if (took > 6.0)
		fail_msg("took %.1f s with two 1.5 s timeouts", took);

	assert_int_equal(submit("receipt", data, sizeof data - 1, YZ_MIME_RAW, &res), 0);
	size_t cn;
	free(wait_capture("receipt", res.job_id, &cn));
	assert_int_equal(wait_state(res.job_id, YZ_CUPS_JOB_DONE, &jr), YZ_CUPS_JOB_DONE);
	sleep(1); /* anything the hung server still had would have printed by now */
	assert_int_equal(captures_of("receipt", data, sizeof data - 1), 1);
}

/* A queue that holds every job (job-hold-until-default=indefinite): the job
 * is "held"; released, it prints once; a held job cancelled is "failed". */
static void test_held_jobs(void **state)
{
	(void)state;
	admin("lpadmin", "-p held -v capture:/held -E -o job-hold-until-default=indefinite");
	const unsigned char data[] = "\x1B@held job\n";
	cups_res res, jr;
	assert_int_equal(submit("held", data, sizeof data - 1, YZ_MIME_RAW, &res), 0);
	int job = res.job_id;
	assert_int_equal(wait_state(job, YZ_CUPS_JOB_HELD, &jr), YZ_CUPS_JOB_HELD);
	usleep(300 * 1000);
	assert_int_equal(captures_of("held", data, sizeof data - 1), 0);
	char args[64];
	snprintf(args, sizeof args, "-i %d -H resume", job);
	admin("lp", args);
	size_t cn;
	free(wait_capture("held", job, &cn));
	assert_int_equal(wait_state(job, YZ_CUPS_JOB_DONE, &jr), YZ_CUPS_JOB_DONE);

	assert_int_equal(submit("held", data, sizeof data - 1, YZ_MIME_RAW, &res), 0);
	assert_int_equal(wait_state(res.job_id, YZ_CUPS_JOB_HELD, &jr), YZ_CUPS_JOB_HELD);
	snprintf(args, sizeof args, "%d", res.job_id);
	admin("cancel", args);
	assert_int_equal(wait_state(res.job_id, YZ_CUPS_JOB_FAILED, &jr), YZ_CUPS_JOB_FAILED);
	assert_non_null(strstr(jr.job.why, "did not print"));
	assert_non_null(strstr(jr.job.why, "cancelled"));
	admin("lpadmin", "-x held");
	assert_int_equal(captures_of("held", data, sizeof data - 1), 1);
}

/* The test page goes to both kinds of printer. */
static void test_test_page_prints(void **state)
{
	(void)state;
	yz_doc *d = yz_doc_test_page("station", "receipt", time(NULL));
	unsigned char *b;
	size_t n;
	assert_int_equal(yz_escpos_render(NULL, d, NULL, &b, &n, NULL), 0);
	cups_res res;
	assert_int_equal(submit("receipt", b, n, YZ_MIME_RAW, &res), 0);
	size_t cn;
	unsigned char *cap = wait_capture("receipt", res.job_id, &cn);
	assert_int_equal(cn, n);
	assert_memory_equal(cap, b, n);
	free(cap);
	free(b);
	assert_int_equal(yz_pdf_render(NULL, d, YZ_PAPER_A4, &b, &n, NULL), 0);
	assert_int_equal(submit("a4", b, n, YZ_MIME_PDF, &res), 0);
	cap = wait_capture("a4", res.job_id, &cn);
	assert_int_equal(cn, n);
	free(cap);
	free(b);
	yz_doc_free(d);
}

static void test_list(void **state)
{
	(void)state;
	char *names[8];
	size_t n = yz_cups_list(NULL, names, 8);
	assert_int_equal(n, 3);
	assert_string_equal(names[0], "a4");
	assert_string_equal(names[1], "broken");
	assert_string_equal(names[2], "receipt");
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	assert_int_equal(yz_cups_list(NULL, names, 1), 1);
	free(names[0]);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	/* English reasons: the checks below read them */
	setenv("LANGUAGE", "C", 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_receipt_bytes_captured),
	    cmocka_unit_test(test_pdf_captured),
	    cmocka_unit_test(test_no_such_printer),
	    cmocka_unit_test(test_job_state_failed),
	    cmocka_unit_test(test_stopped_printer),
	    cmocka_unit_test(test_rejecting_printer),
	    cmocka_unit_test(test_server_unreachable),
	    cmocka_unit_test(test_server_silent),
	    cmocka_unit_test(test_list),
	    cmocka_unit_test(test_printer_deleted),
	    cmocka_unit_test(test_server_dead_socket),
	    cmocka_unit_test(test_server_hung_then_retry),
	    cmocka_unit_test(test_held_jobs),
	    cmocka_unit_test(test_test_page_prints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
