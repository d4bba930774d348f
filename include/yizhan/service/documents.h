/* service/documents.h: the papers of a case: building, printing, verification codes
 * and job tracking (the service module, src/service/; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_DOCUMENTS_H
#define YZ_SERVICE_DOCUMENTS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/print.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/jobs.h"
#include "yizhan/service/session.h"

/* Build a document of a stored case: "receipt" (acceptance receipt) or a document
 * id of the case's form (e.g. "certificate"). Caller frees. */
yz_doc *yz_service_build_doc(yz_session *s, const char *case_no, const char *doc, yz_err *err);

/* Issue 13: every document goes to a printer of its paper, decided here for
 * every print path (the counter, reprints and retries from the print queue,
 * `yizhan print`, the lifecycle's papers).
 *
 * The paper of a document of a case: "receipt" (the roll: the acceptance
 * receipt and a form's documents with "paper receipt", such as a request's
 * slip), "a5", or "a4" (certificates, notices, the lifecycle's notices and
 * hand-over slip). "a4" when the case is not found. */
const char *yz_service_doc_paper(yz_session *s, const char *case_no, const char *doc);

/* The printer in force for a paper: the receipt printer for "receipt", the A4
 * printer for "a4" and "a5" (with counters, the session's counter's: see
 * yz_config_use_counter). "" when none is set (documents are saved as files).
 * Before anything is sent, yz_service_print refuses a printer the settings
 * name for the other paper only or for both papers, and the print module a
 * queue whose media CUPS reports as the other paper: the document, its paper
 * and the printer are named in the message (code YZ_ERR_PRINTER), no byte is
 * sent. */
const char *yz_service_printer_for(const yz_config *c, const char *paper);

/* What printing a document did. Why it did not print is the caller's yz_err. */
typedef struct yz_print_outcome {
	bool printed; /* CUPS accepted the job */
	bool saved;   /* no printer configured: written to saved_path instead */
	char saved_path[PATH_MAX];
	int64_t job_id; /* our print_jobs row (0 = none was made) */
	int cups_job_id;
	char printer[128]; /* the printer it went to or failed on ("" = none set: saved) */
} yz_print_outcome;

/* Render and send one document of a case; records the job and a timeline event.
 * printer NULL = the configured one. Returns 0 when printed or saved, -1 with
 * err: code YZ_ERR_PRINTER when the document did not print (its job stays in
 * the reprint list, the message says why), another code when no job could be
 * made (no such case, the database). */
int yz_service_print(yz_session *s, const char *case_no, const char *doc, const char *printer,
                     yz_print_outcome *out, yz_err *err);

/* Print a job written with its case (yz_service_submit_counter: pending, never
 * sent) to the printer it names, as yz_service_print does; a job already sent
 * is refused (reprint instead). */
int yz_service_print_job(yz_session *s, int64_t job_id, yz_print_outcome *out, yz_err *err);

/* Retry a failed job once more (same document, same printer unless given). */
int yz_service_retry(yz_session *s, int64_t job_id, const char *printer, yz_print_outcome *out,
                     yz_err *err);

/* ---- issue 6: receipt options, verification codes, job tracking ------------- */

/* ESC/POS options of the configured receipt printer (receipt_paper,
 * receipt_profile); the defaults when they are unknown. */
void yz_service_receipt_opts(const yz_config *c, yz_escpos_opts *o);

/* Verification codes: YZ_VERIFY_LEN characters of an unambiguous alphabet
 * (digits and capitals without I, L, O, U), printed as XXXX-XXXX-XXXX. The
 * first half carries the case's year and sequence, so a code is checked with one
 * case lookup; the second half is an HMAC-SHA256 of the station code, case
 * number and document id under a per-station secret (kept in the store's meta
 * table, made on first use). */
#define YZ_VERIFY_LEN 12
#define YZ_VERIFY_BUF 16 /* with the two dashes and the NUL */

/* The code of a document ("receipt", "certificate", ...) of a case. */
int yz_service_verify_code(yz_session *s, const char *case_no, const char *doc,
                           char out[YZ_VERIFY_BUF], yz_err *err);

/* The serial number printed on a form document: the case number and the
 * document's place in the form ("DEMO01-2026-000012-1"). */
void yz_service_doc_serial(const char *case_no, int doc_index, char *out, size_t n);

typedef enum yz_verify_status {
	YZ_VERIFY_GENUINE, /* the code belongs to a case and document of this station */
	YZ_VERIFY_FORGED,  /* well-formed, but no document of the case has this code */
	YZ_VERIFY_UNKNOWN, /* no such case here, or not a code at all */
} yz_verify_status;

typedef struct yz_verify_result {
	yz_verify_status status;
	char case_number[40];       /* the case the code names ("" for UNKNOWN from bad text) */
	char item[128];             /* GENUINE: the service item */
	char doc[24];               /* GENUINE: the document id */
	char doc_title[128];        /* GENUINE: the document's name for people */
	char date[11];              /* GENUINE: date of acceptance */
	yz_case_status case_status; /* GENUINE: whether the case is open or closed */
	char
	    resident_initial[16]; /* GENUINE: the applicant's name masked: first character, stars */
	/* issue 12: what the counter's verify screen shows a signed-in clerk */
	char resident_idno_masked[19]; /* GENUINE: the applicant's ID number, 8 middle stars */
	char station[128];             /* GENUINE: the station that issued it (its name) */
} yz_verify_result;

/* Check a code (dashes, spaces and lower case are accepted; O read as 0, I and
 * L as 1). Returns 0 with out->status, -1 on a store error. Never reports the
 * whole ID number: resident_idno_masked is for the counter's screen, and
 * `yizhan verify`, which anyone at the station PC may run, leaves it out. */
int yz_service_verify(yz_session *s, const char *code, yz_verify_result *out, yz_err *err);

/* Ask CUPS about the jobs it accepted (sent, held) and store their states:
 * printed, held, or failed with CUPS's reason. Each question is bounded by
 * timeout_ms; when the server cannot be reached the rest wait for the next call.
 * *changed (may be NULL) counts the rows updated. Returns 0, or -1 with err when
 * the server was unreachable (the rows are left as they were). */
int yz_service_poll_jobs(yz_session *s, int timeout_ms, size_t *changed, yz_err *err);

/* Print a failed job's document on another printer: a new job row on printer,
 * and the failed row marked moved. out as for yz_service_print. */
int yz_service_print_elsewhere(yz_session *s, int64_t job_id, const char *printer,
                               yz_print_outcome *out, yz_err *err);

/* What a print job's document is called in the clerk's language: the
 * acceptance receipt, a form document's title, a notice's title (never its
 * id). Static or the catalogue's text: copy it before the next call. */
const char *yz_service_job_title(yz_session *s, const yz_print_job *j);

/* Issue 13: while station_phone is empty, the documents of the catalogue's
 * forms that print it ({station.phone}, not marked optional) are refused (a
 * paper never has a blank): how many they are, 0 when the phone is set. The
 * admin's home and `yizhan init` say so before a clerk meets it. */
size_t yz_service_phoneless_papers(const yz_session *s);

/* The document as it will print, as text (receipt: the receipt's columns; A4:
 * 72 columns). malloc'd; NULL with err. */
char *yz_service_preview(yz_session *s, const char *case_no, const char *doc, yz_err *err);

#endif
