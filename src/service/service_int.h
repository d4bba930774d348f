/* Internal interface of the service module (src/service only). */
#ifndef YZ_SERVICE_INT_H
#define YZ_SERVICE_INT_H

#include <stdio.h>

#include "yizhan/service.h"
#include "yizhan/store.h" /* the service may use the whole store */

/* Paper of a document of a case of form form_id: "receipt", "a4" or "a5". */
const char *svc_doc_paper(yz_session *s, const char *form_id, const char *doc);

/* Issue 13: 0 when printer may take a document of paper ("receipt", "a4",
 * "a5"); -1 with err (YZ_ERR_PRINTER, naming the document title, its paper and
 * the printer) when the settings name printer for the other paper only or for
 * both papers. Queues the settings do not name are checked against their CUPS
 * media when the job is sent (the print module). */
int svc_route_check(yz_session *s, const char *title, const char *paper, const char *printer,
                    yz_err *err);

/* doc is a document of a case of form form_id: the receipt, a lifecycle
 * notice or slip, or one of the form's documents. */
bool svc_doc_known(yz_session *s, const char *form_id, const char *doc);
/* yz_service_build_doc; when the document is refused, *fixable (may be
 * NULL; false otherwise) says whether the clerk can fill what it lacks (a
 * registry item, a setting) and print it again, rather than never. */
yz_doc *svc_build_doc(yz_session *s, const char *case_no, const char *doc, bool *fixable,
                      yz_err *err);
/* The document's name for people: the receipt, or the form document's title. */
const char *svc_doc_title(yz_session *s, const char *form_id, const char *doc);
/* Take a failed (or abandoned, never sent) print job for a retry or a print
 * elsewhere: read, checked and claimed so that only one counter sends it.
 * -1 with err when it may not be sent now (BUSY: another counter has it). */
int svc_take_job(yz_session *s, int64_t job_id, yz_print_job *j, yz_print_outcome *out,
                 yz_err *err);

/* yizhan.conf's counter sections (counter.c), for config.c's reader: a
 * "[counter N]" header line s (trimmed; *section becomes the new counter's
 * index), a "key = value" line inside a section, and the sections (or a
 * commented example) written at the end of the file. -1 with "file:line:
 * message" in err. */
int svc_conf_section(yz_config *c, char *s, const char *path, int lineno, int *section,
                     yz_err *err);
int svc_conf_counter_key(yz_config *c, int section, const char *name, const char *val,
                         const char *path, int lineno, yz_err *err);
void svc_conf_write_counters(const yz_config *c, FILE *f);

/* Issue 19: yizhan.conf's "[queue X]" sections (queues.c), the same way:
 * a queue section's *section is SVC_QUEUE_SECTION + its index. The defaults
 * (yz_config_defaults: the four queues, line 0); a queue's label for the
 * screen or (paper) the station's document language. */
#define SVC_QUEUE_SECTION 1000
void svc_queue_defaults(yz_config *c);
int svc_conf_queue_section(yz_config *c, const char *letter, const char *path, int lineno,
                           int *section, yz_err *err);
int svc_conf_queue_key(yz_config *c, int section, const char *name, const char *val,
                       const char *path, int lineno, yz_err *err);
void svc_conf_write_queues(const yz_config *c, FILE *f);
void svc_queue_label(const yz_queue_line *q, bool paper, char *buf, size_t n);

/* Issue 17: 0 when h's login is the hub's admin; else -1 with a DENIED
 * message saying who may (district.c): the district's figures and ledgers
 * are the admin's only. */
int svc_district_admin_only(yz_hub *h, yz_err *err);
/* The hub's station of that code into out; -1 NOT_FOUND in words when the
 * hub has none (a --station mistyped must not make empty figures). */
int svc_district_station(yz_hub *h, const char *code, yz_hub_station *out, yz_err *err);

/* A refused attempt (access.c): an audit row of action ("case_denied",
 * "survey_denied") whose detail is subject (what was attempted on what; may
 * be NULL) and why, never an answer; err (DENIED) gets why and that the
 * attempt was recorded. Returns -1. workflow_int.h's svc_refuse is this with
 * "case_denied". */
int svc_refuse_as(yz_session *s, const char *action, const char *subject, const char *why,
                  yz_err *err);
/* 0 when s->user is signed in and, with head, the station head or the admin;
 * else svc_refuse_as with "Sign in first." or why (NULL: the general "only
 * the head or the admin"). */
int svc_require_as(yz_session *s, const char *action, bool head, const char *subject,
                   const char *why, yz_err *err);

/* Issue 18 (survey.c): what an audit row of survey sv names, into buf:
 * "survey <id>", then "serial <n>" (serial > 0, and never for an anonymous
 * survey: a row's time beside the clerk's cases would tie a paper to a
 * resident), then "pass <p>" (pass >= 0). */
void svc_survey_subject(const yz_survey *sv, long serial, int pass, char *buf, size_t n);
/* The counting and the report are the head's and the admin's: 0, or a
 * refusal "survey_denied" naming sv and what ("count", "report"). */
int svc_survey_require_head(yz_session *s, const yz_survey *sv, const char *what, yz_err *err);
/* The counting's percentage (survey_count.c): n of base in hundredths of a
 * percent (1234 = 12.34 %), rounded half up; 0 when base is 0. The report's
 * few shares the tally does not hold use it too. */
int64_t svc_survey_pct(long n, long base);

#endif
