/* service/submit.h: submitting a case from a filled form (the service module,
 * src/service/; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_SUBMIT_H
#define YZ_SERVICE_SUBMIT_H

#include <stddef.h>
#include <stdint.h>

#include "yizhan/form.h"
#include "yizhan/store/cases.h"
#include "yizhan/service/session.h"

/* Validate values against the form (fields, tables, rules), then create the case (number allocated
 * inside the transaction). On-the-spot items (promise 0) are closed at once.
 * One write transaction holds the duplicate guard's check (below), the case,
 * the registry's write-back (yz_service_registry_write_back) and the head's
 * override row in the audit log: all of it is kept, or nothing (err says why).
 * A refused override's audit row is written after the rollback, and kept. */
int yz_service_submit(yz_session *s, const yz_form *f, const yz_values *values,
                      const char *const *materials, size_t n_materials, yz_case *out, yz_err *err);

/* The counter's submit (issue 14): what yz_service_submit_household does, and
 * in the same transaction the clerk's draft of the form removed and a print
 * job (pending, not sent) written for each paper of the case: the receipt
 * first, then the form's other documents, each for the printer of its paper.
 * A paper that can never be built for this case gets no job (jobs[i] is 0;
 * yz_service_print says why). So a committed case always has its jobs and
 * never leaves its draft behind, whenever the program is stopped; when any of
 * it fails nothing is kept (the case, the draft's removal, the jobs) and err
 * says why. Print the jobs after with yz_service_print_job. */
enum { YZ_SUBMIT_DOCS_MAX = 8 };
typedef struct yz_submitted {
	yz_case c;                            /* the new case */
	size_t n_docs;                        /* how many papers below */
	const char *docs[YZ_SUBMIT_DOCS_MAX]; /* "receipt", then the form's document ids */
	int64_t jobs[YZ_SUBMIT_DOCS_MAX];     /* the pending job of each; 0 = none */
} yz_submitted;
int yz_service_submit_counter(yz_session *s, const yz_form *f, const yz_values *values,
                              const char *const *materials, size_t n_materials, yz_submitted *out,
                              yz_err *err);

/* Issue 12: the checks of submit after the form's own: a date not before the
 * applicant's birth (not_before_birth), an applicant with an address on record
 * (need_address), and the duplicate guard: while the resident has an open case
 * of the same item, a new one is refused with YZ_ERR_EXISTS and the open case's
 * number — unless the form says `repeat yes`. */

/* The station head's override of the duplicate guard, for the next submit of
 * this session only (yz_service_submit, or a wrapper such as
 * yz_service_submit_household): a second open case is accepted when s->user is
 * the station head (or the admin) — refused and audited for anyone else — and
 * an audit row "duplicate_override" names both cases. */
void yz_service_submit_override(yz_session *s);
/* The open case of f the applicant in values already has (the guard's reason):
 * 1 with it in *open (may be NULL), 0 when there is none or f says `repeat yes`,
 * -1 on error. */
int yz_service_duplicate_of(yz_session *s, const yz_form *f, const yz_values *values, yz_case *open,
                            yz_err *err);

#endif
