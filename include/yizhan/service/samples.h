/* service/samples.h: a case's fields completed as intake would record them, for
 * cases that are not typed at a counter (the demo station of `yizhan init
 * --demo`; the service module, src/service/samples.c; all of it:
 * yizhan/service.h). */
#ifndef YZ_SERVICE_SAMPLES_H
#define YZ_SERVICE_SAMPLES_H

#include "yizhan/form.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/residents.h"
#include "yizhan/service/session.h"

/* Issue 13: the fields of a case of form f as the counter would have recorded
 * them, from the values given (drawn: field id → value; the applicant's ID
 * number in the form's resident field). What is missing is filled the way a
 * clerk fills the form: every field the form shows gets its example, a table
 * its rows (a household table the applicant and their household from the
 * registry, any other table its columns' examples; an empty cell its column's
 * example), fields the values hide are left out and computed fields computed.
 * So every document of the case has the values its template names. applicant
 * may be NULL (no registered applicant). out receives the fields (yz_kv_free);
 * 0, or -1 with err. */
int yz_service_sample_fields(yz_session *s, const yz_form *f, const yz_resident *applicant,
                             const yz_kv_list *drawn, yz_kv_list *out, yz_err *err);

#endif
