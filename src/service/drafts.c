/* Nothing typed is lost: each clerk's draft of a form, kept on every change.
 * A draft is always s->user's own, so a session can neither read nor write
 * another clerk's. */
#include "workflow_int.h"

int yz_service_draft_save(yz_session *s, const char *form_id, const yz_kv_list *values, yz_err *err)
{
	if (svc_require(s, SVC_ROLES_ANY, "draft_save", form_id, err) < 0)
		return -1;
	return yz_draft_save(s->store, s->user.login, form_id, values, err);
}

int yz_service_draft_load(yz_session *s, const char *form_id, yz_kv_list *out, yz_err *err)
{
	return yz_draft_load(s->store, s->user.login, form_id, out, err);
}

int yz_service_draft_delete(yz_session *s, const char *form_id, yz_err *err)
{
	if (svc_require(s, SVC_ROLES_ANY, "draft_delete", form_id, err) < 0)
		return -1;
	return yz_draft_delete(s->store, s->user.login, form_id, err);
}
