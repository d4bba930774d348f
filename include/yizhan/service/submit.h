/* service/submit.h: submitting a case from a filled form (the service module,
 * src/service/; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_SUBMIT_H
#define YZ_SERVICE_SUBMIT_H

#include <stddef.h>

#include "yizhan/form.h"
#include "yizhan/store/cases.h"
#include "yizhan/service/session.h"

/* Validate values against the form (fields, tables, rules), then create the case (number allocated
 * inside the transaction). On-the-spot items (promise 0) are closed at once. */
int yz_service_submit(yz_session *s, const yz_form *f, const yz_values *values,
                      const char *const *materials, size_t n_materials, yz_case *out, yz_err *err);

#endif
