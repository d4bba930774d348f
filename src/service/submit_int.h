/* Internal to submit.c and household_members.c: a submit is one transaction,
 * and a form's extra writes (the household's new members) are a step of it. */
#ifndef YZ_SERVICE_SUBMIT_INT_H
#define YZ_SERVICE_SUBMIT_INT_H

#include "yizhan/service.h"

/* A write after the case c of form f was created with values v, in the same
 * transaction: 0, or -1 with err (then nothing of the submit is kept). */
typedef int (*svc_submit_step)(yz_session *s, const yz_form *f, const yz_values *v,
                               const yz_case *c, yz_err *err);

/* yz_service_submit with step (may be NULL) after the case and the registry's
 * write-back, before the commit. */
int svc_submit(yz_session *s, const yz_form *f, const yz_values *values,
               const char *const *materials, size_t n_materials, svc_submit_step step, yz_case *out,
               yz_err *err);

/* The step of a form with a household table (its new members registered),
 * NULL for other forms. */
svc_submit_step svc_household_step(const yz_form *f);

#endif
