/* service/drafts.h: nothing typed is lost. s->user's draft of a form (one per
 * clerk and form), saved on every change and offered back when the form is
 * opened again. */
#ifndef YZ_SERVICE_DRAFTS_H
#define YZ_SERVICE_DRAFTS_H

#include "yizhan/store/cases.h"
#include "yizhan/service/session.h"

int yz_service_draft_save(yz_session *s, const char *form_id, const yz_kv_list *values,
                          yz_err *err);
/* 0, 1 when there is none, -1 on error; free out with yz_service_kv_free. */
int yz_service_draft_load(yz_session *s, const char *form_id, yz_kv_list *out, yz_err *err);
int yz_service_draft_delete(yz_session *s, const char *form_id, yz_err *err);

#endif
