/* Loading the render module (render-int.h) on first use.
 *
 * The PDF and raster renderers and CUPS submission live in yizhan-render.so
 * so that a process pays for cairo, pango, libcups and their libraries only
 * once it prints, makes a PDF or asks a printer something. These wrappers keep
 * print.h's API: when the module cannot be loaded they fail like any other
 * print failure, with a sentence the clerk can pass on.
 *
 * Where the module is looked for:
 *   $YIZHAN_RENDER_MODULE  a path (the build tree's module: tests, `meson
 *                          devenv`, ./run), and then nothing else;
 *   YZ_PKGLIBDIR           else where `meson install` puts it.
 * No path of the build tree is compiled in: an installed program never picks
 * up a build's module, and runs with the build tree gone.
 *
 * Light modules (issue 20): a receipt's QR code and the CUPS calls are on the
 * path from the clerk's submit to the first printed byte, and the whole
 * module maps ~70 libraries whose loading costs a print child tens of
 * milliseconds (four times that on a slow PC). So those calls first look in
 * the module's folder for yizhan-qr.so (libqrencode only) and yizhan-cups.so
 * (libcups only), built from the same sources, and take the whole module
 * when the light one is missing, of another version, or lacks the call.
 *
 * No handle is kept (no global state): dlopen() of a module already loaded only
 * finds it again, which costs microseconds beside a print. The module is never
 * closed: glib and fontconfig cannot be unloaded safely.
 *
 * Isolated mode (yz_print_opts.isolated, which the counter UI sets): since a
 * loaded module stays, one receipt with a QR code would keep ~10 MB and one
 * PDF ~20 MB in the UI for the rest of the day (issue 5). So there each call
 * forks a short-lived child that loads the module, makes the call on its copy
 * of the arguments, writes the results to a pipe and exits; the parent never
 * maps the module. The child runs the very same in-process code (local_*), so
 * the results are the same bytes. A child that crashes, is killed or takes too
 * long ends in a plain error, never in a hang. (fork() is safe here: the
 * programs that ask for it are single-threaded.) */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "render-int.h"
#include "yz_config.h"

/* The module's table from path, or NULL with why set. */
static const yz_render_ops *open_module(const char *path, char *why, size_t n)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, n, "%s", e ? e : path);
		return NULL;
	}
	const yz_render_ops *ops = dlsym(h, YZ_RENDER_SYMBOL);
	if (ops && ops->abi == YZ_RENDER_ABI && ops->version &&
	    strcmp(ops->version, YZ_VERSION) == 0)
		return ops;
	snprintf(why, n, _("%s belongs to another version of yizhan"), path);
	dlclose(h);
	return NULL;
}

/* What a call needs: the whole module, or one of the light ones. */
typedef enum render_part { PART_ALL, PART_QR, PART_CUPS } render_part;

/* The light module for part beside the whole module at path (in its
 * folder), when there is one that can make the call; else NULL. */
static const yz_render_ops *open_light(const char *path, render_part part)
{
	static const char *const names[] = {
	    [PART_QR] = "yizhan-qr.so", [PART_CUPS] = "yizhan-cups.so"};
	const char *slash = strrchr(path, '/');
	char light[PATH_MAX], why[PATH_MAX + 128];
	if (part == PART_ALL || !slash)
		return NULL;
	int n = snprintf(light, sizeof light, "%.*s/%s", (int)(slash - path), path, names[part]);
	if (n < 0 || (size_t)n >= sizeof light || access(light, R_OK) != 0)
		return NULL;
	const yz_render_ops *ops = open_module(light, why, sizeof why);
	if (ops && (part == PART_QR ? ops->raster_qr != NULL
	                            : ops->cups_submit && ops->cups_job_state && ops->cups_list))
		return ops;
	void *h = ops ? dlopen(light, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD) : NULL;
	if (h) { /* loaded but of no use: let it go (a close for each open) */
		dlclose(h);
		dlclose(h);
	}
	return NULL;
}

/* The module for part (a light one when it can), or NULL with err set. */
static const yz_render_ops *render_ops(render_part part, yz_err *err)
{
	char why[PATH_MAX + 128] = "";
	const char *env = getenv("YIZHAN_RENDER_MODULE");
	const char *path = env && *env ? env : YZ_PKGLIBDIR "/" YZ_RENDER_NAME;
	const yz_render_ops *ops = open_light(path, part);
	if (!ops)
		ops = open_module(path, why, sizeof why);
	if (!ops)
		yz_err_setc(err, YZ_ERR_PRINTER,
		            _("Printing components are missing: %s. Reinstall yizhan or call the "
		              "station's technical support."),
		            why);
	return ops;
}

static int local_pdf_render(const yz_doc *d, yz_paper paper, unsigned char **out, size_t *len,
                            yz_err *err)
{
	*out = NULL;
	*len = 0;
	const yz_render_ops *ops = render_ops(PART_ALL, err);
	return ops ? ops->pdf_render(d, paper, out, len, err) : -1;
}

static int local_raster_text(const char *text, unsigned style, int width_dots, yz_bitmap *bm,
                             yz_err *err)
{
	memset(bm, 0, sizeof *bm);
	const yz_render_ops *ops = render_ops(PART_ALL, err);
	return ops ? ops->raster_text(text, style, width_dots, bm, err) : -1;
}

static int local_raster_qr(const char *data, int width_dots, yz_bitmap *bm, yz_err *err)
{
	memset(bm, 0, sizeof *bm);
	const yz_render_ops *ops = render_ops(PART_QR, err);
	return ops ? ops->raster_qr(data, width_dots, bm, err) : -1;
}

static int local_cups_submit(const char *printer, const char *title, const char *mime,
                             const unsigned char *data, size_t len, int timeout_ms, int *job_id,
                             yz_err *err)
{
	*job_id = 0;
	const yz_render_ops *ops = render_ops(PART_CUPS, err);
	return ops ? ops->cups_submit(printer, title, mime, data, len, timeout_ms, job_id, err)
	           : -1;
}

static int local_cups_job_state(int job_id, int timeout_ms, yz_cups_job *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	out->state = YZ_CUPS_JOB_UNKNOWN;
	const yz_render_ops *ops = render_ops(PART_CUPS, err);
	return ops ? ops->cups_job_state(job_id, timeout_ms, out, err) : -1;
}

static size_t local_cups_list(char **names, size_t max)
{
	/* No way to say why here: an empty list, and printing says why. */
	const yz_render_ops *ops = render_ops(PART_CUPS, NULL);
	return ops ? ops->cups_list(names, max) : 0;
}

/* ---- isolated mode -------------------------------------------------------- */

/* Limits on a child: renders take well under a second; the CUPS calls are
 * bounded by their timeout (connect, then send), plus room to start. */
#define ISO_RENDER_MS 120000
#define ISO_MARGIN_MS 15000
#define ISO_LIST_MS   30000
/* Written last by a child that finished: a message without it is cut short. */
#define ISO_END 0x595a454eu

static bool isolated(const yz_print_opts *po)
{
	return po && po->isolated;
}

/* The child's end of the pipe. */
typedef struct iso_out {
	int fd;  /* the pipe's write end */
	bool ok; /* every byte so far went through */
} iso_out;

static void put(iso_out *o, const void *p, size_t n)
{
	const unsigned char *c = p;
	while (o->ok && n > 0) {
		ssize_t k = write(o->fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			o->ok = false;
			break;
		}
		c += k;
		n -= (size_t)k;
	}
}

/* A byte string that may be NULL (NULL and empty are told apart). */
static void put_blob(iso_out *o, const void *p, size_t n)
{
	unsigned char there = p != NULL;
	uint64_t m = p ? n : 0;
	put(o, &there, 1);
	put(o, &m, sizeof m);
	put(o, p, (size_t)m);
}

/* What the parent read from a child, and how far it has taken it apart. */
typedef struct iso_in {
	unsigned char *buf; /* everything the child wrote */
	size_t len;         /* bytes in buf */
	size_t cap;         /* bytes allocated */
	size_t pos;         /* bytes taken by get() */
	bool ok;            /* every get() so far found its bytes */
} iso_in;

static void get(iso_in *in, void *p, size_t n)
{
	if (!in->ok || in->len - in->pos < n) {
		in->ok = false;
		memset(p, 0, n);
		return;
	}
	memcpy(p, in->buf + in->pos, n);
	in->pos += n;
}

/* The blob put_blob() wrote, malloc'd (one spare byte, zero, for strings). */
static unsigned char *get_blob(iso_in *in, size_t *n)
{
	unsigned char there = 0;
	uint64_t m = 0;
	get(in, &there, 1);
	get(in, &m, sizeof m);
	*n = 0;
	if (!in->ok || !there)
		return NULL;
	unsigned char *p = m <= in->len - in->pos ? malloc((size_t)m + 1) : NULL;
	if (!p) {
		in->ok = false;
		return NULL;
	}
	get(in, p, (size_t)m);
	p[m] = '\0';
	*n = (size_t)m;
	return p;
}

/* True when the message was all there, up to and with its end mark. */
static bool get_end(iso_in *in)
{
	uint32_t end = 0;
	get(in, &end, sizeof end);
	return in->ok && end == ISO_END && in->pos == in->len;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads fd to its end into in before the deadline; false on a timeout or an
 * error (no memory, a read that failed). */
static bool read_all(int fd, long long deadline, iso_in *in)
{
	for (;;) {
		long long left = deadline - now_ms();
		if (left <= 0)
			return false;
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int r = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (r < 0 && errno != EINTR)
			return false;
		if (r <= 0)
			continue;
		if (in->cap - in->len < 65536) {
			size_t cap = in->cap ? in->cap * 2 : 262144;
			unsigned char *b = realloc(in->buf, cap);
			if (!b)
				return false;
			in->buf = b;
			in->cap = cap;
		}
		ssize_t k = read(fd, in->buf + in->len, in->cap - in->len);
		if (k == 0)
			return true;
		if (k < 0 && errno != EINTR && errno != EAGAIN)
			return false;
		if (k > 0)
			in->len += (size_t)k;
	}
}

/* Waits for the child until the deadline, then kills it. True when it exited
 * normally with status 0 (or could not be waited for because SIGCHLD is
 * ignored: then the complete message alone says it finished). */
static bool reap(pid_t pid, long long deadline, bool killed)
{
	int st = 0;
	for (;;) {
		pid_t r = waitpid(pid, &st, killed ? 0 : WNOHANG);
		if (r == pid)
			return !killed && WIFEXITED(st) && WEXITSTATUS(st) == 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return !killed && errno == ECHILD;
		if (now_ms() >= deadline) {
			kill(pid, SIGKILL);
			killed = true;
			continue;
		}
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
}

/* In the child: the parent's signal handlers are not its own (a test
 * framework's SIGSEGV handler would go on running the parent's code, a
 * terminal library's would reset the terminal), so a crash kills it as it
 * should; the terminal's keys (Ctrl-C, Ctrl-Z) are the parent's business. */
static void child_signals(void)
{
	static const int dfl[] = {SIGHUP,  SIGILL,  SIGABRT, SIGFPE,  SIGSEGV, SIGBUS,
	                          SIGPIPE, SIGTERM, SIGALRM, SIGUSR1, SIGUSR2, SIGWINCH,
	                          SIGCONT, SIGTTIN, SIGTTOU, SIGCHLD};
	static const int ign[] = {SIGINT, SIGQUIT, SIGTSTP};
	struct sigaction sa = {.sa_handler = SIG_DFL};
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof dfl / sizeof *dfl; i++)
		sigaction(dfl[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	for (size_t i = 0; i < sizeof ign / sizeof *ign; i++)
		sigaction(ign[i], &sa, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* A child whose answer was cut short. */
static void stopped(yz_err *err)
{
	yz_err_setc(err, YZ_ERR_PRINTER,
	            _("Printing stopped unexpectedly; the case is saved. Try again."));
}

/* The operation a child runs: writes its results to o. */
typedef void (*iso_fn)(void *call, iso_out *o);

/* Runs fn(call) in a child and reads what it wrote into in. Returns 0, or -1
 * with err set when the child did not finish (crashed, killed, too slow, no
 * process or pipe to be had). */
static int iso_run(iso_fn fn, void *call, int limit_ms, iso_in *in, yz_err *err)
{
	*in = (iso_in){.ok = true};
	int p[2];
	pid_t pid = -1;
	if (pipe(p) == 0) {
		pid = fork();
		if (pid < 0) {
			close(p[0]);
			close(p[1]);
		}
	}
	if (pid < 0) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY,
		            _("Printing could not start: the computer is short of memory or "
		              "processes. The case is saved; close other programs and try again."));
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		child_signals();
		iso_out o = {.fd = p[1], .ok = true};
		fn(call, &o);
		uint32_t end = ISO_END;
		put(&o, &end, sizeof end);
		_exit(o.ok ? 0 : 3); /* no atexit handlers, no stdio flush: the parent's */
	}
	close(p[1]);
	long long deadline = now_ms() + limit_ms;
	bool done = read_all(p[0], deadline, in);
	close(p[0]);
	if (!done)
		kill(pid, SIGKILL);
	bool exited = reap(pid, deadline, !done);
	if (done && exited)
		return 0;
	free(in->buf);
	*in = (iso_in){0};
	if (!done && now_ms() >= deadline)
		yz_err_setc(err, YZ_ERR_PRINTER,
		            _("Printing took too long and was stopped; the case is saved. "
		              "Try again."));
	else
		stopped(err);
	return -1;
}

/* yz_pdf_render's arguments, as the child gets them. */
typedef struct pdf_call {
	const yz_doc *d; /* the document */
	yz_paper paper;  /* its paper */
	yz_err err;      /* the caller's err (a copy), or zero */
} pdf_call;

static void pdf_child(void *call, iso_out *o)
{
	pdf_call *c = call;
	unsigned char *out = NULL;
	size_t len = 0;
	int rc = local_pdf_render(c->d, c->paper, &out, &len, &c->err);
	put(o, &rc, sizeof rc);
	put(o, &c->err, sizeof c->err);
	put_blob(o, out, len);
}

static int iso_pdf_render(const yz_doc *d, yz_paper paper, unsigned char **out, size_t *len,
                          yz_err *err)
{
	*out = NULL;
	*len = 0;
	pdf_call c = {.d = d, .paper = paper};
	if (err)
		c.err = *err;
	iso_in in;
	if (iso_run(pdf_child, &c, ISO_RENDER_MS, &in, err) != 0)
		return -1;
	int rc = -1;
	get(&in, &rc, sizeof rc);
	get(&in, &c.err, sizeof c.err);
	unsigned char *o = get_blob(&in, len);
	bool ok = get_end(&in);
	free(in.buf);
	if (!ok) {
		free(o);
		*len = 0;
		stopped(err);
		return -1;
	}
	if (err)
		*err = c.err;
	*out = o;
	return rc;
}

/* yz_raster_text's and yz_raster_qr's arguments. */
typedef struct raster_call {
	bool qr;          /* yz_raster_qr, else yz_raster_text */
	const char *text; /* the text or the QR code's data */
	unsigned style;   /* the text's style */
	int width_dots;   /* the paper's width */
	yz_err err;       /* the caller's err (a copy), or zero */
} raster_call;

static void raster_child(void *call, iso_out *o)
{
	raster_call *c = call;
	yz_bitmap bm;
	int rc = c->qr ? local_raster_qr(c->text, c->width_dots, &bm, &c->err)
	               : local_raster_text(c->text, c->style, c->width_dots, &bm, &c->err);
	put(o, &rc, sizeof rc);
	put(o, &c->err, sizeof c->err);
	put(o, &bm.width, sizeof bm.width);
	put(o, &bm.height, sizeof bm.height);
	size_t n = bm.bits && bm.width > 0 && bm.height > 0
	               ? (size_t)bm.height * (size_t)(bm.width / 8)
	               : 0;
	put_blob(o, bm.bits, n);
}

static int iso_raster(raster_call *c, yz_bitmap *bm, yz_err *err)
{
	memset(bm, 0, sizeof *bm);
	if (err)
		c->err = *err;
	iso_in in;
	if (iso_run(raster_child, c, ISO_RENDER_MS, &in, err) != 0)
		return -1;
	int rc = -1;
	yz_bitmap got = {0};
	size_t n;
	get(&in, &rc, sizeof rc);
	get(&in, &c->err, sizeof c->err);
	get(&in, &got.width, sizeof got.width);
	get(&in, &got.height, sizeof got.height);
	got.bits = get_blob(&in, &n);
	bool ok = get_end(&in);
	free(in.buf);
	if (!ok) {
		free(got.bits);
		stopped(err);
		return -1;
	}
	if (err)
		*err = c->err;
	*bm = got;
	return rc;
}

/* The CUPS calls' arguments. */
typedef struct cups_call_args {
	int op;                    /* 's' submit, 'j' job state, 'l' list */
	const char *printer;       /* submit: the destination */
	const char *title;         /* submit: the job's title */
	const char *mime;          /* submit: the data's type */
	const unsigned char *data; /* submit: the bytes */
	size_t len;                /* submit: how many */
	int job_id;                /* job state: the job */
	int timeout_ms;            /* submit, job state: the caller's bound */
	size_t max;                /* list: how many names the caller takes */
	bool names;                /* list: the caller passed an array */
	int job_out;               /* submit: the job CUPS accepted */
	yz_cups_job job;           /* job state: what the server says */
	yz_err err;                /* the caller's err (a copy), or zero */
} cups_call_args;

static void cups_child(void *call, iso_out *o)
{
	cups_call_args *c = call;
	if (c->op == 'l') {
		char **v = c->names && c->max ? calloc(c->max, sizeof *v) : NULL;
		size_t k = local_cups_list(v, v ? c->max : 0);
		put(o, &k, sizeof k);
		for (size_t i = 0; i < k; i++)
			put_blob(o, v[i], strlen(v[i]));
		return;
	}
	int rc = c->op == 's' ? local_cups_submit(c->printer, c->title, c->mime, c->data, c->len,
	                                          c->timeout_ms, &c->job_out, &c->err)
	                      : local_cups_job_state(c->job_id, c->timeout_ms, &c->job, &c->err);
	put(o, &rc, sizeof rc);
	put(o, &c->job_out, sizeof c->job_out);
	put(o, &c->job, sizeof c->job);
	put(o, &c->err, sizeof c->err);
}

/* The CUPS calls' limit: the caller's bound (or cups.c's default), for
 * connecting and again for sending, and a margin. */
static int cups_limit_ms(int timeout_ms)
{
	int t = timeout_ms > 0 && timeout_ms < 600000 ? timeout_ms : 30000;
	return 2 * t + ISO_MARGIN_MS;
}

int yz_print_limit_ms(int timeout_ms)
{
	return ISO_RENDER_MS + cups_limit_ms(timeout_ms);
}

/* Runs a submit or job-state call in a child: c->job_out and c->job as the
 * call leaves them (zero when the child did not finish), err as it or the
 * child's end sets it. */
static int iso_cups(cups_call_args *c, yz_err *err)
{
	if (err)
		c->err = *err;
	iso_in in;
	if (iso_run(cups_child, c, cups_limit_ms(c->timeout_ms), &in, err) != 0)
		return -1;
	int rc = -1;
	get(&in, &rc, sizeof rc);
	get(&in, &c->job_out, sizeof c->job_out);
	get(&in, &c->job, sizeof c->job);
	get(&in, &c->err, sizeof c->err);
	bool ok = get_end(&in);
	free(in.buf);
	if (!ok) {
		c->job_out = 0;
		memset(&c->job, 0, sizeof c->job);
		c->job.state = YZ_CUPS_JOB_UNKNOWN;
		stopped(err);
		return -1;
	}
	if (err)
		*err = c->err;
	return rc;
}

static size_t iso_cups_list(char **names, size_t max)
{
	cups_call_args c = {.op = 'l', .max = max, .names = names != NULL};
	iso_in in;
	yz_err err = {{0}};
	if (iso_run(cups_child, &c, ISO_LIST_MS, &in, &err) != 0)
		return 0;
	size_t k = 0, n;
	get(&in, &k, sizeof k);
	size_t got = 0;
	for (; in.ok && got < k && got < max && names; got++)
		names[got] = (char *)get_blob(&in, &n);
	bool ok = get_end(&in) && got == k;
	free(in.buf);
	if (!ok) { /* no way to say why: an empty list, as in-process */
		for (size_t i = 0; i < got; i++)
			free(names[i]);
		return 0;
	}
	return k;
}

/* ---- print.h ------------------------------------------------------------ */

int yz_pdf_render(const yz_print_opts *po, const yz_doc *d, yz_paper paper, unsigned char **out,
                  size_t *len, yz_err *err)
{
	if (isolated(po))
		return iso_pdf_render(d, paper, out, len, err);
	return local_pdf_render(d, paper, out, len, err);
}

int yz_raster_text(const yz_print_opts *po, const char *text, unsigned style, int width_dots,
                   yz_bitmap *bm, yz_err *err)
{
	if (!isolated(po))
		return local_raster_text(text, style, width_dots, bm, err);
	raster_call c = {.text = text, .style = style, .width_dots = width_dots};
	return iso_raster(&c, bm, err);
}

int yz_raster_qr(const yz_print_opts *po, const char *data, int width_dots, yz_bitmap *bm,
                 yz_err *err)
{
	if (!isolated(po))
		return local_raster_qr(data, width_dots, bm, err);
	raster_call c = {.qr = true, .text = data, .width_dots = width_dots};
	return iso_raster(&c, bm, err);
}

int yz_cups_submit(const yz_print_opts *po, const char *printer, const char *title,
                   const char *mime, const unsigned char *data, size_t len, int timeout_ms,
                   int *job_id, yz_err *err)
{
	if (!isolated(po))
		return local_cups_submit(printer, title, mime, data, len, timeout_ms, job_id, err);
	cups_call_args c = {.op = 's',
	                    .printer = printer,
	                    .title = title,
	                    .mime = mime,
	                    .data = data,
	                    .len = len,
	                    .timeout_ms = timeout_ms};
	int rc = iso_cups(&c, err);
	*job_id = c.job_out;
	return rc;
}

int yz_cups_job_state(const yz_print_opts *po, int job_id, int timeout_ms, yz_cups_job *out,
                      yz_err *err)
{
	if (!isolated(po))
		return local_cups_job_state(job_id, timeout_ms, out, err);
	cups_call_args c = {.op = 'j', .job_id = job_id, .timeout_ms = timeout_ms};
	int rc = iso_cups(&c, err);
	*out = c.job;
	return rc;
}

size_t yz_cups_list(const yz_print_opts *po, char **names, size_t max)
{
	return isolated(po) ? iso_cups_list(names, max) : local_cups_list(names, max);
}
