/* What became of the jobs CUPS accepted, printing elsewhere, and the preview.
 *
 * Tracking never blocks the counter: the screens call yz_service_poll_jobs when
 * the print queue is open and when home is shown, each question to CUPS bounded
 * by a short timeout, and the first unreachable server ends the round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"
#include "yizhan/print.h"

/* What a CUPS job state means for our job row. */
typedef enum cups_outcome {
	OUT_WAITING, /* pending or printing: ask again later */
	OUT_HELD,    /* held at the server */
	OUT_DONE,    /* printed */
	OUT_FAILED,  /* stopped, cancelled, aborted */
	OUT_GONE,    /* the server forgot the job: leave the row as it is */
} cups_outcome;

static cups_outcome classify(yz_job_state st)
{
	switch (st) {
	case YZ_CUPS_JOB_PENDING:
	case YZ_CUPS_JOB_PRINTING:
		return OUT_WAITING;
	case YZ_CUPS_JOB_HELD:
		return OUT_HELD;
	case YZ_CUPS_JOB_DONE:
		return OUT_DONE;
	case YZ_CUPS_JOB_FAILED:
		return OUT_FAILED;
	case YZ_CUPS_JOB_UNKNOWN:
		break;
	}
	return OUT_GONE;
}

enum { POLL_MAX = 64 };

void yz_service_receipt_opts(const yz_config *c, yz_escpos_opts *o)
{
	if (yz_escpos_opts_for(o, c->receipt_paper, c->receipt_profile) != 0)
		yz_escpos_opts_for(o, 80, NULL);
}

/* Store what CUPS said of one job; 1 when the row changed. */
static int apply(yz_session *s, const yz_print_job *j, cups_outcome o, const char *reason)
{
	yz_print_job_state state;
	if (o == OUT_DONE)
		state = YZ_JOB_PRINTED;
	else if (o == OUT_FAILED)
		state = YZ_JOB_FAILED;
	else if (o == OUT_HELD && j->state != YZ_JOB_HELD)
		state = YZ_JOB_HELD;
	else if (o == OUT_WAITING && j->state == YZ_JOB_HELD)
		state = YZ_JOB_SENT; /* released */
	else
		return 0;
	if (o == OUT_HELD && !*reason)
		reason = _("held at the print server");
	if (yz_job_update(s->store, j->id, state, 0, o == OUT_DONE ? "" : reason, NULL) != 0)
		return 0;
	yz_case c;
	if (o == OUT_FAILED && yz_case_get(s->store, j->case_number, &c, NULL) == 0) {
		char note[512];
		snprintf(note, sizeof note, _("%s: %s"), svc_doc_title(s, c.form_id, j->doc),
		         reason);
		yz_case_event_add(s->store, j->case_id, s->user.login, "print_failed", note, NULL);
	}
	return 1;
}

/* One state's rows; -1 when the server cannot be asked. */
static int poll_state(yz_session *s, yz_print_job_state state, int timeout_ms, size_t *changed,
                      yz_err *err)
{
	yz_print_job *v = calloc(POLL_MAX, sizeof *v);
	size_t n = 0;
	int rc = v ? yz_job_list(s->store, state, v, POLL_MAX, &n, err) : -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (v[i].cups_job_id <= 0)
			continue;
		yz_cups_job job;
		if (yz_cups_job_state(&s->print, v[i].cups_job_id, timeout_ms, &job, err) != 0) {
			rc = -1;
			break;
		}
		*changed += (size_t)apply(s, &v[i], classify(job.state), job.why);
	}
	free(v);
	return rc;
}

int yz_service_poll_jobs(yz_session *s, int timeout_ms, size_t *changed, yz_err *err)
{
	size_t dummy = 0;
	if (!changed)
		changed = &dummy;
	*changed = 0;
	if (poll_state(s, YZ_JOB_SENT, timeout_ms, changed, err) != 0)
		return -1;
	return poll_state(s, YZ_JOB_HELD, timeout_ms, changed, err);
}

int yz_service_print_elsewhere(yz_session *s, int64_t job_id, const char *printer,
                               yz_print_outcome *out, yz_err *err)
{
	/* Taken as a retry is: once, by one counter. */
	yz_print_job j;
	if (svc_take_job(s, job_id, &j, out, err) != 0)
		return -1;
	int rc = yz_service_print(s, j.case_number, j.doc, printer, out, err);
	/* The new row carries the document on (sent, or failed and waiting); the
	 * old one leaves the reprint list so that a retry cannot print it twice. */
	char why[256];
	snprintf(why, sizeof why, _("moved to printer %s"), printer);
	yz_job_update(s->store, job_id, YZ_JOB_MOVED, 0, why, NULL);
	return rc;
}

char *yz_service_preview(yz_session *s, const char *case_no, const char *doc, yz_err *err)
{
	yz_case c;
	int rc = yz_case_get(s->store, case_no, &c, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("No case numbered %s"), case_no);
	if (rc != 0)
		return NULL;
	yz_doc *d = yz_service_build_doc(s, case_no, doc, err);
	if (!d)
		return NULL;
	int columns = 72; /* an A4 line of 12-point text is about 36 Chinese characters */
	if (strcmp(svc_doc_paper(s, c.form_id, doc), "receipt") == 0) {
		yz_escpos_opts o;
		yz_service_receipt_opts(s->cfg, &o);
		columns = o.columns;
	}
	char *text = yz_doc_layout_text(d, columns);
	yz_doc_free(d);
	if (!text)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
	return text;
}

const char *yz_service_job_title(yz_session *s, const yz_print_job *j)
{
	yz_case c;
	if (yz_case_get(s->store, j->case_number, &c, NULL) != 0)
		c.form_id[0] = '\0';
	return svc_doc_title(s, c.form_id, j->doc);
}
