/* Printing a case's documents. The case is already committed when we get here; a
 * job row is written before anything is sent (once the document is built), so
 * a failure leaves a record in the reprint list with the reason in plain words
 * (a document that can never be built leaves none). A failure comes back in the
 * caller's yz_err with the code YZ_ERR_PRINTER (the job waits for a retry);
 * the job row keeps the message for the reprint list. With no printer
 * configured the document is saved as a file instead, and the clerk is told
 * where. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../intl.h"
#include "service_int.h"
#include "workflow_int.h"

/* Paper of a document, the one answer every print path asks (issue 13): the
 * acceptance receipt and forms' "receipt" documents are on the roll; the
 * lifecycle's papers (notices, the hand-over slip) are A4 whatever a form
 * calls its own documents; a form's document has the paper its file gives. */
const char *svc_doc_paper(yz_session *s, const char *case_form, const char *doc)
{
	if (strcmp(doc, "receipt") == 0)
		return "receipt";
	if (svc_life_doc(doc))
		return "a4";
	const yz_form *f = yz_catalogue_find(s->cat, case_form);
	const yz_document_def *dd = f ? yz_form_document(f, doc) : NULL;
	return dd && dd->paper ? dd->paper : "a4";
}

const char *yz_service_doc_paper(yz_session *s, const char *case_no, const char *doc)
{
	yz_case c;
	if (yz_case_get(s->store, case_no, &c, NULL) != 0)
		return "a4";
	return svc_doc_paper(s, c.form_id, doc);
}

/* The printer in force for a paper: the roll printer for receipt paper (the
 * acceptance receipt and the forms' slips), else the A4 one. With counters
 * these are the session's counter's (yz_config_use_counter). */
const char *yz_service_printer_for(const yz_config *c, const char *paper)
{
	return strcmp(paper, "receipt") == 0 ? c->printer_receipt : c->printer_a4;
}

/* Rendered bytes of a document, ready for CUPS or a file. */
typedef struct rendered {
	unsigned char *data;
	size_t len;
	const char *mime;
	const char *ext;
} rendered;

static int render(yz_session *s, const yz_doc *d, const char *paper, rendered *out, yz_err *err)
{
	if (strcmp(paper, "receipt") == 0) {
		yz_escpos_opts o;
		yz_service_receipt_opts(s->cfg, &o);
		out->mime = YZ_MIME_RAW;
		out->ext = "bin";
		return yz_escpos_render(&s->print, d, &o, &out->data, &out->len, err);
	}
	out->mime = YZ_MIME_PDF;
	out->ext = "pdf";
	return yz_pdf_render(&s->print, d, strcmp(paper, "a5") == 0 ? YZ_PAPER_A5 : YZ_PAPER_A4,
	                     &out->data, &out->len, err);
}

static int save_file(yz_session *s, const char *case_no, const char *doc, const rendered *r,
                     yz_print_outcome *out, yz_err *err)
{
	snprintf(out->saved_path, sizeof(out->saved_path), "%s/%s-%s.%s", s->cfg->save_dir, case_no,
	         doc, r->ext);
	/* The folder closed to other users; the file whole or not at all
	 * (yizhan/store/outfile.h, issue 14). */
	yz_err e = {{0}};
	if (yz_private_dir(s->cfg->save_dir, true, &e) == 0 &&
	    yz_outfile_write(out->saved_path, r->data, r->len, &e) == 0) {
		out->saved = true;
		return 0;
	}
	yz_err_setc(err, e.code, _("No printer is set and the document was not saved: %s"), e.msg);
	return -1;
}

static int send(yz_session *s, const char *printer, const yz_doc *d, const rendered *r,
                yz_print_outcome *out, yz_err *err)
{
	int rc = yz_cups_submit(&s->print, printer, d->title, r->mime, r->data, r->len,
	                        s->cfg->print_timeout_ms, &out->cups_job_id, err);
	out->printed = rc == 0;
	return rc;
}

/* The document's name for the timeline: the receipt, or the form document's title. */
const char *svc_doc_title(yz_session *s, const char *form_id, const char *doc)
{
	if (strcmp(doc, "receipt") == 0)
		return _("Acceptance receipt");
	if (svc_life_doc(doc))
		return svc_life_doc_title(doc);
	const yz_form *f = yz_catalogue_find(s->cat, form_id);
	const yz_document_def *dd = f ? yz_form_document(f, doc) : NULL;
	return dd && dd->title ? dd->title : doc;
}

static void record_event(yz_session *s, const yz_case *c, const char *doc, const char *printer,
                         int rc, const yz_print_outcome *out, const yz_err *why)
{
	const char *title = svc_doc_title(s, c->form_id, doc);
	char note[512];
	if (rc != 0)
		snprintf(note, sizeof(note), _("%s: %s"), title, why->msg);
	else if (out->saved)
		snprintf(note, sizeof(note), _("%s saved to %s"), title, out->saved_path);
	else
		snprintf(note, sizeof(note), _("%s sent to printer %s"), title, printer);
	yz_case_event_add(s->store, c->id, s->user.login, rc == 0 ? "printed" : "print_failed",
	                  note, NULL);
}

/* A document printed (or saved) at last: its earlier failed jobs leave the
 * reprint list, whichever key printed it (a retry, a reprint, another
 * printer), so that no failure is shown for a paper the resident has. */
static void supersede_failed(yz_session *s, const yz_case *c, const char *doc, int64_t job_id)
{
	enum { SCAN = 200 };
	yz_print_job *v = calloc(SCAN, sizeof *v);
	size_t n = 0;
	char why[160];
	if (!v || yz_job_list(s->store, YZ_JOB_FAILED, v, SCAN, &n, NULL) != 0)
		n = 0;
	snprintf(why, sizeof why, _("printed again (job %lld)"), (long long)job_id);
	for (size_t i = 0; i < n; i++)
		if (v[i].case_id == c->id && v[i].id != job_id && !strcmp(v[i].doc, doc))
			yz_job_update(s->store, v[i].id, YZ_JOB_MOVED, 0, why, NULL);
	free(v);
}

/* A paper's name in a message. */
static const char *paper_words(const char *paper)
{
	if (strcmp(paper, "receipt") == 0)
		return _("receipt paper");
	return strcmp(paper, "a5") == 0 ? _("A5 paper") : _("A4 paper");
}

/* Issue 13: a document goes only to a printer of its paper, checked before
 * anything is rendered or sent. The settings name a printer for receipt
 * paper and one for A4 (the station's and each counter's): a printer named
 * for the other paper only, or for both, is refused. A printer they do not
 * name (a spare chosen with "print elsewhere") is checked by the print module
 * against the media CUPS reports for it. */
int svc_route_check(yz_session *s, const char *title, const char *paper, const char *printer,
                    yz_err *err)
{
	bool roll = strcmp(paper, "receipt") == 0;
	bool for_roll = yz_config_is_receipt_printer(s->cfg, printer);
	bool for_sheet = yz_config_is_a4_printer(s->cfg, printer);
	if (for_roll && for_sheet) {
		yz_err_setc(err, YZ_ERR_PRINTER,
		            _("%s (%s) was not sent: the settings name the printer \"%s\" for "
		              "both receipt paper and A4 paper. Ask the administrator to set "
		              "printer_receipt and printer_a4 to two different printers."),
		            title, paper_words(paper), printer);
		return -1;
	}
	if (roll ? !for_sheet : !for_roll)
		return 0;
	const char *right = yz_service_printer_for(s->cfg, paper);
	if (*right)
		yz_err_setc(err, YZ_ERR_PRINTER,
		            _("%s is printed on %s, but the printer \"%s\" is set for %s: nothing "
		              "was sent. Print it on \"%s\"."),
		            title, paper_words(paper), printer,
		            paper_words(roll ? "a4" : "receipt"), right);
	else
		yz_err_setc(err, YZ_ERR_PRINTER,
		            _("%s is printed on %s, but the printer \"%s\" is set for %s: nothing "
		              "was sent. No printer is set for %s."),
		            title, paper_words(paper), printer,
		            paper_words(roll ? "a4" : "receipt"), paper_words(paper));
	return -1;
}

/* Render and deliver the document (built, taken over, or built here when
 * NULL); records the outcome on the job row and the timeline. */
static int deliver(yz_session *s, const yz_case *c, const char *doc, const char *printer,
                   int64_t job_id, yz_doc *built, yz_print_outcome *out, yz_err *err)
{
	yz_err why = {0}; /* the job row and the timeline need it when err is NULL */
	yz_doc *d = built ? built : yz_service_build_doc(s, c->number, doc, &why);
	rendered r = {0};
	int rc = -1;
	const char *paper = svc_doc_paper(s, c->form_id, doc);
	bool to_file = !printer || !*printer;
	if (d && !d->created)
		yz_doc_set_created(d, yz_clock_now(&s->clock));
	if (d &&
	    (to_file ||
	     svc_route_check(s, svc_doc_title(s, c->form_id, doc), paper, printer, &why) == 0) &&
	    render(s, d, paper, &r, &why) == 0)
		rc = to_file ? save_file(s, c->number, doc, &r, out, &why)
		             : send(s, printer, d, &r, out, &why);
	free(r.data);
	yz_doc_free(d);
	out->job_id = job_id;
	snprintf(out->printer, sizeof out->printer, "%s", printer ? printer : "");
	/* Whatever stopped it (the printer, the render, the file), the document
	 * did not print and its job waits in the reprint list: the code says so. */
	if (rc != 0)
		why.code = YZ_ERR_PRINTER;

	yz_print_job_state state =
	    rc == 0 ? (out->saved ? YZ_JOB_SAVED : YZ_JOB_SENT) : YZ_JOB_FAILED;
	yz_job_update(s->store, job_id, state, out->cups_job_id, rc == 0 ? "" : why.msg, NULL);
	record_event(s, c, doc, printer, rc, out, &why);
	if (rc == 0)
		supersede_failed(s, c, doc, job_id);
	if (rc != 0 && err)
		*err = why;
	return rc;
}

int yz_service_print(yz_session *s, const char *case_no, const char *doc, const char *printer,
                     yz_print_outcome *out, yz_err *err)
{
	memset(out, 0, sizeof(*out));
	yz_case c;
	int rc = yz_case_get(s->store, case_no, &c, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("No case numbered %s"), case_no);
	if (rc != 0)
		return -1;
	if (!svc_doc_known(s, c.form_id, doc)) { /* a typing slip: no job to retry */
		yz_doc_free(yz_service_build_doc(s, case_no, doc, err));
		return -1;
	}
	/* The paper is built before its job is written: one that can never be
	 * built (a case never forwarded has no hand-over slip; a value the stored
	 * case lacks) leaves no job that no retry could print, and err says why.
	 * A gap the clerk can fill (the registry, a setting) keeps its failed job
	 * in the reprint list, to retry once it is filled. */
	bool fixable = false;
	yz_doc *d = svc_build_doc(s, case_no, doc, &fixable, err);
	if (!d && !fixable)
		return -1;
	/* The job row records the printer it is for; a reprint asked for at
	 * another counter (printer NULL) goes to that counter's printer. */
	if (!printer)
		printer = yz_service_printer_for(s->cfg, svc_doc_paper(s, c.form_id, doc));
	int64_t job_id;
	if (yz_job_add(s->store, c.id, doc, printer, &job_id, err) != 0) {
		yz_doc_free(d);
		return -1;
	}
	return deliver(s, &c, doc, printer, job_id, d, out, err);
}

void svc_print_after(yz_session *s, const char *case_no, const char *doc, yz_print_outcome *po,
                     yz_err *err)
{
	yz_err_clear(err);
	if (po && yz_service_print(s, case_no, doc, NULL, po, err) != 0 && err)
		err->code = YZ_ERR_PRINTER; /* even when its job could not be recorded */
}

/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" lies more than seconds ago by the
 * session's clock (an unreadable one counts as old). */
static bool stamp_older(yz_session *s, const char *utc, long seconds)
{
	time_t when = yz_utc_parse(utc);
	return when == (time_t)-1 || yz_clock_now(&s->clock) - when > seconds;
}

int svc_take_job(yz_session *s, int64_t job_id, yz_print_job *j, yz_print_outcome *out, yz_err *err)
{
	memset(out, 0, sizeof(*out));
	int rc = yz_job_get(s->store, job_id, j, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("No print job %lld"), (long long)job_id);
	if (rc != 0)
		return -1;
	/* Once CUPS has a job it is never sent again from here: a retry after
	 * recovery prints the document once, never twice. A reprint is a new job. */
	bool never_sent = j->state == YZ_JOB_PENDING && j->cups_job_id == 0;
	/* A job never sent may be one another counter is sending this moment: it
	 * is taken over only when left pending longer than any print can take
	 * (the print layer's limits for a render and a send, and a margin). */
	long limit_s = yz_print_limit_ms(s->cfg->print_timeout_ms) / 1000 + 60;
	if (j->state != YZ_JOB_FAILED && !never_sent) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Print job %lld was already sent to the printer; reprint the "
		              "document instead."),
		            (long long)job_id);
		return -1;
	}
	if (never_sent && !stamp_older(s, j->updated_at, limit_s)) {
		yz_err_setc(err, YZ_ERR_BUSY,
		            _("Print job %lld is being printed right now; look again in a few "
		              "minutes."),
		            (long long)job_id);
		return -1;
	}
	char note[160];
	snprintf(note, sizeof note, _("being retried by %s"), s->user.name);
	rc = yz_job_claim(s->store, j, note, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_BUSY,
		            _("Another counter is retrying print job %lld already."),
		            (long long)job_id);
	return rc == 0 ? 0 : -1;
}

int yz_service_retry(yz_session *s, int64_t job_id, const char *printer, yz_print_outcome *out,
                     yz_err *err)
{
	yz_print_job j;
	if (svc_take_job(s, job_id, &j, out, err) != 0)
		return -1;
	yz_case c;
	if (yz_case_get(s->store, j.case_number, &c, err) != 0)
		return -1;
	return deliver(s, &c, j.doc, printer ? printer : j.printer, job_id, NULL, out, err);
}

int yz_service_print_job(yz_session *s, int64_t job_id, yz_print_outcome *out, yz_err *err)
{
	yz_print_job j;
	yz_case c;
	memset(out, 0, sizeof(*out));
	int rc = yz_job_get(s->store, job_id, &j, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("No print job %lld"), (long long)job_id);
	if (rc != 0)
		return -1;
	/* Only a job no one has sent: never a paper twice. */
	if (j.state != YZ_JOB_PENDING || j.cups_job_id != 0) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Print job %lld was already sent to the printer; reprint the "
		              "document instead."),
		            (long long)job_id);
		return -1;
	}
	if (yz_case_get(s->store, j.case_number, &c, err) != 0)
		return -1;
	return deliver(s, &c, j.doc, j.printer, job_id, NULL, out, err);
}
