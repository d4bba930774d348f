/* Submission to CUPS through the destination API (cupsGetNamedDest,
 * cupsCopyDestInfo, cupsCreateDestJob, cupsStartDestDocument,
 * cupsWriteRequestData, cupsFinishDestDocument): the API that survives in
 * libcups3, where the old one-call printing functions are gone.
 *
 * Every network step is bounded by the caller's timeout, and every failure
 * becomes one sentence the clerk can act on, with the code YZ_ERR_PRINTER: no
 * such printer, printer stopped, server unreachable, job refused. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cups/cups.h>

#include "../intl.h"
#include "render-int.h"

/* Fill err (translated format) with the code YZ_ERR_PRINTER, never splitting
 * a UTF-8 character. */
__attribute__((format(printf, 2, 3))) static void set_reason(yz_err *err, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	yz_err_setc(err, YZ_ERR_PRINTER, "%s", tmp);
}

/* One submission's connection state (no globals: libcups' callback gets it). */
typedef struct cups_call {
	http_t *srv;         /* connection to the scheduler */
	int timeout_ms;      /* bound for the connect and for each reply */
	bool timed_out;      /* a reply did not come in time */
	char state_msg[256]; /* the printer's printer-state-message, if any */
} cups_call;

/* httpSetTimeout callback: when a reply is late, give up rather than wait. */
static int give_up(http_t *http, void *data)
{
	(void)http;
	cups_call *call = data;
	call->timed_out = true;
	return 0;
}

static bool server_is_socket(void)
{
	const char *s = cupsServer();
	return s && s[0] == '/';
}

/* A connection to the scheduler (CUPS_SERVER / client.conf), the connect and
 * every later reply bounded by the timeout. */
static bool connect_server(cups_call *call)
{
	call->srv = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1,
	                         call->timeout_ms, NULL);
	if (call->srv)
		httpSetTimeout(call->srv, call->timeout_ms / 1000.0, give_up, call);
	return call->srv != NULL;
}

static void reason_unreachable(const cups_call *call, yz_err *err)
{
	if (call->timed_out)
		set_reason(err,
		           _("The print server cannot be reached: it did not answer within %d "
		             "seconds. Check that the printing service is running, then try "
		             "again."),
		           (call->timeout_ms + 999) / 1000);
	else
		set_reason(err,
		           _("The print server cannot be reached (%s). Check that the printing "
		             "service is running, then try again."),
		           cupsLastErrorString());
}

/* Ask the scheduler about the printer with a bounded request before anything
 * else: cupsGetNamedDest, when it does not find a queue, goes on to enumerate
 * destinations over the default connection, where no timeout of ours applies.
 * Returns 1 when the printer exists, 0 when it does not, -1 when the server
 * did not answer (reasons set). Keeps printer-state-message for later. */
static int probe_printer(cups_call *call, const char *printer, yz_err *err)
{
	char uri[1024];
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(),
	                 "/printers/%s", printer);
	ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
	             cupsUser());
	static const char *const want[] = {"printer-state", "printer-state-message"};
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL,
	              want);
	ipp_t *resp = cupsDoRequest(call->srv, req, "/");
	ipp_status_t st = cupsLastError();
	ipp_attribute_t *a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT);
	if (a && ippGetString(a, 0, NULL))
		snprintf(call->state_msg, sizeof call->state_msg, "%s", ippGetString(a, 0, NULL));
	ippDelete(resp);
	if (st == IPP_STATUS_ERROR_NOT_FOUND) {
		set_reason(err,
		           _("There is no printer called \"%s\". Check the printer name in the "
		             "settings."),
		           printer);
		return 0;
	}
	if (!resp || st > IPP_STATUS_OK_CONFLICTING) {
		reason_unreachable(call, err);
		return -1;
	}
	return 1;
}

/* A stopped printer or one that rejects jobs is a failure: the job would
 * only wait there while the resident waits at the counter. */
static bool printer_ready(const cups_call *call, cups_dest_t *dest, yz_err *err)
{
	const char *state = cupsGetOption("printer-state", dest->num_options, dest->options);
	const char *accepting =
	    cupsGetOption("printer-is-accepting-jobs", dest->num_options, dest->options);
	if (state && atoi(state) == IPP_PSTATE_STOPPED) {
		if (call->state_msg[0])
			set_reason(err,
			           _("The printer \"%s\" is stopped (%s). Check it (paper, cover, "
			             "cable), then start it again in the printer settings."),
			           dest->name, call->state_msg);
		else
			set_reason(err,
			           _("The printer \"%s\" is stopped. Check it (paper, cover, "
			             "cable), then start it again in the printer settings."),
			           dest->name);
		return false;
	}
	if (accepting && strcmp(accepting, "true") != 0) {
		set_reason(err,
		           _("The printer \"%s\" is not taking new jobs. Ask the administrator "
		             "to let it accept jobs again."),
		           dest->name);
		return false;
	}
	return true;
}

/* The named destination, or NULL with the reason. */
static cups_dest_t *find_dest(cups_call *call, const char *printer, yz_err *err)
{
	if (probe_printer(call, printer, err) <= 0)
		return NULL;
	cups_dest_t *dest = cupsGetNamedDest(call->srv, printer, NULL);
	if (!dest)
		reason_unreachable(call, err);
	return dest;
}

static void reason_refused(yz_err *err, const char *printer)
{
	set_reason(err, _("The printer \"%s\" refused the job: %s"), printer,
	           cupsLastErrorString());
}

/* Issue 13: ESC/POS bytes go only to a queue for a receipt roll, a PDF page
 * only to one for sheets. CUPS tells what paper a queue holds by its
 * media-default (media-supported when there is no default): a roll is at most
 * ROLL_MAX wide (58, 80 and 112 mm rolls), a sheet (A5 and larger) wider. A
 * raw queue made without a PPD reports no media; it is taken as the settings
 * name it (the service layer checks the names). */
#define ROLL_MAX 12000 /* hundredths of a millimetre */

/* The shorter side of a media keyword (PWG, legacy or PPD name) in hundredths
 * of a millimetre; 0 when CUPS does not know its size. */
static int media_width(const char *name)
{
	pwg_media_t *m = pwgMediaForPWG(name);
	if (!m)
		m = pwgMediaForLegacy(name);
	if (!m)
		m = pwgMediaForPPD(name);
	if (!m || m->width <= 0)
		return 0;
	return m->length > 0 && m->length < m->width ? m->length : m->width;
}

/* 0 when the queue's media fit the document (or the queue does not say);
 * -1 with the reason, naming the document, its paper and the printer. */
static int check_media(http_t *http, cups_dest_t *dest, cups_dinfo_t *info, const char *title,
                       const char *mime, yz_err *err)
{
	bool roll = strcmp(mime, YZ_MIME_RAW) == 0;
	if (!roll && strcmp(mime, YZ_MIME_PDF) != 0)
		return 0;
	ipp_attribute_t *a = cupsFindDestDefault(http, dest, info, "media");
	if (!a || ippGetCount(a) == 0)
		a = cupsFindDestSupported(http, dest, info, "media");
	const char *other = NULL; /* the first media of the other paper */
	for (int i = 0; a && i < ippGetCount(a); i++) {
		const char *name = ippGetString(a, i, NULL);
		int w = name ? media_width(name) : 0;
		if (w > 0 && (w <= ROLL_MAX) == roll)
			return 0;
		if (w > 0 && !other)
			other = name;
	}
	if (!other)
		return 0;
	if (roll)
		set_reason(err,
		           _("\"%s\" is printed on receipt paper, but the printer \"%s\" holds "
		             "sheets (%s): nothing was sent. Print it on a receipt printer."),
		           title, dest->name, other);
	else
		set_reason(err,
		           _("\"%s\" is printed on A4 or A5 paper, but the printer \"%s\" holds a "
		             "receipt roll (%s): nothing was sent. Print it on the A4 printer."),
		           title, dest->name, other);
	return -1;
}

/* Create the job and send the document; 0 with *job_out set on success. */
static int send_job(http_t *http, cups_dest_t *dest, const char *title, const char *mime,
                    const unsigned char *data, size_t len, int *job_out, yz_err *err)
{
	cups_dinfo_t *info = cupsCopyDestInfo(http, dest);
	if (!info) {
		reason_refused(err, dest->name);
		return -1;
	}
	int job_id = 0;
	int rc = -1;
	if (check_media(http, dest, info, title, mime, err) != 0)
		goto out;
	if (cupsCreateDestJob(http, dest, info, &job_id, title, 0, NULL) >
	        IPP_STATUS_OK_CONFLICTING ||
	    job_id <= 0) {
		reason_refused(err, dest->name);
		goto out;
	}
	if (cupsStartDestDocument(http, dest, info, job_id, title, mime, 0, NULL, 1) !=
	        HTTP_STATUS_CONTINUE ||
	    (len > 0 &&
	     cupsWriteRequestData(http, (const char *)data, len) != HTTP_STATUS_CONTINUE) ||
	    cupsFinishDestDocument(http, dest, info) > IPP_STATUS_OK_CONFLICTING) {
		reason_refused(err, dest->name);
		cupsCancelDestJob(http, dest, job_id);
		goto out;
	}
	*job_out = job_id;
	rc = 0;
out:
	cupsFreeDestInfo(info);
	return rc;
}

/* Where the job goes. cupsd names its printers ipp://localhost:631/... even
 * to clients on its Unix socket, so for a socket-only scheduler (the tests, a
 * hardened station) the job is sent over the connection we already have;
 * otherwise cupsConnectDest opens one to the scheduler that owns the printer,
 * bounded by the timeout. */
static http_t *connect_dest(cups_call *call, cups_dest_t *dest, yz_err *err)
{
	if (server_is_socket())
		return call->srv;
	char resource[1024];
	http_t *http = cupsConnectDest(dest, CUPS_DEST_FLAGS_NONE, call->timeout_ms, NULL, resource,
	                               sizeof resource, NULL, NULL);
	if (!http || httpGetFd(http) < 0) {
		reason_unreachable(call, err);
		httpClose(http);
		return NULL;
	}
	httpSetTimeout(http, call->timeout_ms / 1000.0, give_up, call);
	return http;
}

int yzr_cups_submit(const char *printer, const char *title, const char *mime,
                    const unsigned char *data, size_t len, int timeout_ms, int *job_id, yz_err *err)
{
	*job_id = 0;
	if (!printer || !*printer) {
		set_reason(err, _("No printer is chosen for this document. Choose one in the "
		                  "settings."));
		return -1;
	}
	cups_call call = {.timeout_ms = timeout_ms > 0 ? timeout_ms : 30000};
	/* (0 would mean "do not connect" to httpConnect2) */
	if (!connect_server(&call)) {
		reason_unreachable(&call, err);
		return -1;
	}
	int rc = -1;
	cups_dest_t *dest = find_dest(&call, printer, err);
	if (dest && printer_ready(&call, dest, err)) {
		http_t *http = connect_dest(&call, dest, err);
		if (http) {
			rc = send_job(http, dest, title ? title : "yizhan",
			              mime ? mime : YZ_MIME_RAW, data, len, job_id, err);
			if (http != call.srv)
				httpClose(http);
		}
	}
	cupsFreeDests(dest ? 1 : 0, dest);
	httpClose(call.srv);
	return rc;
}

/* ---- job state ----------------------------------------------------------------- */

/* Plain words for the job-state-reasons keywords a failed job carries;
 * NULL for a keyword not in the list. */
static const char *reason_words(const char *keyword)
{
	static const struct {
		const char *keyword; /* IPP job-state-reasons value */
		const char *words;   /* untranslated plain words */
	} words[] = {
	    {"job-canceled-by-user", N_("it was cancelled")},
	    {"job-canceled-by-operator", N_("an operator cancelled it")},
	    {"job-canceled-at-device", N_("it was cancelled at the printer")},
	    {"aborted-by-system", N_("the print server gave up on it")},
	    {"printer-stopped", N_("the printer is stopped")},
	    {"job-stopped", N_("the printer stopped while printing it")},
	    {"document-format-error", N_("the printer could not read the document")},
	    {"document-unprintable-error", N_("the printer could not read the document")},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(keyword, words[i].keyword) == 0)
			return _(words[i].words);
	return NULL;
}

/* The most telling of a job's job-state-reasons: a known one in plain words,
 * else the first that says more than "none" or a transition. */
static const char *job_reasons(ipp_t *resp)
{
	ipp_attribute_t *a = ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD);
	const char *other = NULL;
	for (int i = 0; a && i < ippGetCount(a); i++) {
		const char *k = ippGetString(a, i, NULL);
		if (!k)
			continue;
		const char *words = reason_words(k);
		if (words)
			return words;
		if (!other && strcmp(k, "none") != 0 && strcmp(k, "processing-to-stop-point") != 0)
			other = k;
	}
	return other;
}

/* Why a job failed, in the printer's words, when it says, into out->why. */
static void job_failure_reason(ipp_t *resp, int ipp_state, int job_id, yz_cups_job *out)
{
	ipp_attribute_t *a = ippFindAttribute(resp, "job-printer-state-message", IPP_TAG_TEXT);
	const char *msg = a ? ippGetString(a, 0, NULL) : NULL;
	if (!msg || !*msg)
		msg = job_reasons(resp);
	/* CUPS leaves "processing-to-stop-point" on a cancelled job: the state
	 * itself says what happened */
	if ((!msg || !*msg) && ipp_state == IPP_JSTATE_CANCELED)
		msg = _("it was cancelled");
	else if ((!msg || !*msg) && ipp_state == IPP_JSTATE_STOPPED)
		msg = _("the printer stopped while printing it");
	char why[1024];
	if (msg && *msg)
		snprintf(why, sizeof why, _("Print job %d did not print: %s"), job_id, msg);
	else
		snprintf(why, sizeof why, _("Print job %d did not print."), job_id);
	yz_strlcpy_utf8(out->why, why, sizeof out->why);
}

int yzr_cups_job_state(int job_id, int timeout_ms, yz_cups_job *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	out->state = YZ_CUPS_JOB_UNKNOWN;
	cups_call call = {.timeout_ms = timeout_ms > 0 ? timeout_ms : 30000};
	if (!connect_server(&call)) {
		reason_unreachable(&call, err);
		return -1;
	}
	char uri[256];
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(),
	                 "/jobs/%d", job_id);
	ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
	             cupsUser());
	static const char *const want[] = {"job-state", "job-state-reasons",
	                                   "job-printer-state-message"};
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, NULL,
	              want);
	ipp_t *resp = cupsDoRequest(call.srv, req, "/");
	ipp_status_t st = cupsLastError();
	int rc = 0;
	if (st == IPP_STATUS_ERROR_NOT_FOUND) {
		out->state = YZ_CUPS_JOB_UNKNOWN;
	} else if (!resp || st > IPP_STATUS_OK_CONFLICTING) {
		reason_unreachable(&call, err);
		rc = -1;
	} else {
		ipp_attribute_t *a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM);
		int ipp_state = a ? ippGetInteger(a, 0) : 0;
		out->state = yz_cups_map_job_state(ipp_state);
		if (out->state == YZ_CUPS_JOB_FAILED)
			job_failure_reason(resp, ipp_state, job_id, out);
	}
	ippDelete(resp);
	httpClose(call.srv);
	return rc;
}

/* ---- listing -------------------------------------------------------------------- */

/* Names gathered by cupsEnumDests (which may report a destination twice). */
typedef struct dest_names {
	char **v;   /* malloc'd names */
	size_t n;   /* names used */
	size_t cap; /* names allocated */
} dest_names;

static int add_dest_name(void *user_data, unsigned flags, cups_dest_t *dest)
{
	dest_names *names = user_data;
	if (flags & CUPS_DEST_FLAGS_REMOVED)
		return 1;
	for (size_t i = 0; i < names->n; i++)
		if (strcmp(names->v[i], dest->name) == 0)
			return 1;
	if (names->n == names->cap) {
		size_t cap = names->cap ? names->cap * 2 : 8;
		char **v = realloc(names->v, cap * sizeof *v);
		if (!v)
			return 0;
		names->v = v;
		names->cap = cap;
	}
	names->v[names->n] = strdup(dest->name);
	if (names->v[names->n])
		names->n++;
	return 1;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t yzr_cups_list(char **names, size_t max)
{
	/* probe with a bounded request first: cupsEnumDests' own connection has
	 * no timeout of ours */
	cups_call probe = {.timeout_ms = 5000};
	if (!connect_server(&probe))
		return 0;
	ipp_t *resp = cupsDoRequest(probe.srv, ippNewRequest(IPP_OP_CUPS_GET_DEFAULT), "/");
	bool answered = resp || cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND;
	ippDelete(resp);
	httpClose(probe.srv);
	if (!answered)
		return 0;
	dest_names all = {0};
	cupsEnumDests(CUPS_DEST_FLAGS_NONE, 5000, NULL, 0, CUPS_PRINTER_DISCOVERED, add_dest_name,
	              &all);
	if (all.n > 1)
		qsort(all.v, all.n, sizeof *all.v, cmp_names);
	size_t kept = 0;
	for (size_t i = 0; i < all.n; i++) {
		if (names && i < max)
			names[kept++] = all.v[i];
		else
			free(all.v[i]);
	}
	free(all.v);
	return kept;
}
