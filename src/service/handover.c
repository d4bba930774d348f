/* What the hand-over slip (yi jiao dan) tells the department (issue 13): a
 * department that gets only the slip knows what to do. Besides the case's
 * head and the station's foot (lifecycle_docs.c) it carries the dates as
 * dates, whom to call back, what the resident asks and where (the case's
 * fields), the clerk's note and the materials handed over with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

/* A stored date as a date (an old row may hold "20261210"); "-" when none. */
static const char *day(const char *stored, char out[11])
{
	if (!stored || !*stored)
		return "-";
	return yz_date_norm(stored, out);
}

/* The phone to call the resident back on, into buf: the applicant's as given
 * on the form (the field "phone", the newest), else the registry's; "-" when
 * neither has one. Another phone field (an agent's, a guardian's, a
 * landlord's) is never taken for the resident's: it is listed under its own
 * label with the case's details. *field gets "phone" when it was used, or "". */
static const char *resident_phone(yz_session *s, const yz_case *c, const yz_form *f,
                                  const yz_kv_list *kv, const char **field, char *buf, size_t n)
{
	yz_resident r;
	*field = "";
	snprintf(buf, n, "-");
	for (size_t i = 0; f && i < kv->n; i++) {
		const yz_field_def *d = yz_form_field(f, kv->keys[i]);
		if (d && d->type == YZ_FIELD_PHONE && !strcmp(kv->keys[i], "phone") &&
		    kv->vals[i][0]) {
			*field = kv->keys[i];
			snprintf(buf, n, "%s", kv->vals[i]);
			return buf;
		}
	}
	if (c->resident_id > 0 && yz_resident_get(s->store, c->resident_id, &r, NULL) == 0 &&
	    r.phone[0])
		snprintf(buf, n, "%s", r.phone);
	return buf;
}

/* One field as the department reads it: a memo's lines joined, yes/no in
 * words. The resident (already named in the head), an empty value and the
 * screen's marks of names in other scripts are left out. */
static void field_line(yz_doc *d, const yz_form *f, const char *key, const char *val)
{
	char label[256], masked[19];
	if (!val[0] || (f && yz_form_name_mark(f, key)))
		return;
	const yz_field_def *def = f ? yz_form_field(f, key) : NULL;
	if (def && def->type == YZ_FIELD_RESIDENT)
		return;
	const char *shown = yz_service_field_shown(f, key, val, label, sizeof label, masked);
	if (def && def->type == YZ_FIELD_YESNO)
		shown = !strcmp(val, "yes") ? P_("yes") : !strcmp(val, "no") ? P_("no") : val;
	char *flat = strdup(shown);
	for (char *p = flat; p && *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	yz_doc_kv(d, label, flat ? flat : shown);
	free(flat);
}

/* The note the clerk gave when forwarding (the latest "forwarded" event's,
 * when it says more than the department's name); "" when none. */
static void forward_note(yz_session *s, const yz_case *c, const char *dept, char *out, size_t n)
{
	enum { MAX_EVENTS = 512 };
	yz_case_event *e = calloc(MAX_EVENTS, sizeof *e);
	size_t k = 0;
	out[0] = '\0';
	if (e && yz_case_timeline(s->store, c->id, e, MAX_EVENTS, &k, NULL) == 0)
		for (size_t i = k; i-- > 0;)
			if (!strcmp(e[i].kind, "forwarded")) {
				if (strcmp(e[i].note, dept) != 0)
					snprintf(out, n, "%s", e[i].note);
				break;
			}
	free(e);
}

/* The materials received with the case, joined; P_("none") when none. */
static void materials(yz_session *s, const yz_case *c, yz_doc *d)
{
	yz_kv_list m = {0};
	size_t len = 1;
	char *all = NULL;
	if (yz_case_materials(s->store, c->id, &m, NULL) == 0 && m.n > 0) {
		for (size_t i = 0; i < m.n; i++)
			len += strlen(m.keys[i]) + strlen(P_(", "));
		all = calloc(1, len);
		for (size_t i = 0; all && i < m.n; i++) {
			if (i)
				strcat(all, P_(", "));
			strcat(all, m.keys[i]);
		}
	}
	yz_doc_kv(d, P_("Materials handed over"), all ? all : P_("none"));
	free(all);
	yz_kv_free(&m);
}

void svc_handover_details(yz_session *s, yz_doc *d, const yz_case *c, const yz_case_forward *fw)
{
	char sent[11], due[11], ours[11], note[256], phone[64];
	const yz_form *f = yz_catalogue_find(s->cat, c->form_id);
	yz_kv_list kv = {0};
	const char *phone_field = "";

	yz_doc_kv(d, P_("To department"), fw->department);
	yz_doc_kv(d, P_("Sent on"), day(fw->sent_date, sent));
	yz_doc_kv(d, P_("Answer requested by"), day(fw->dept_due, due));
	yz_doc_kv(d, P_("Our promised date"), day(c->due_date, ours));
	if (yz_case_fields(s->store, c->id, &kv, NULL) != 0)
		kv.n = 0;
	yz_doc_kv(d, P_("Resident's phone"),
	          resident_phone(s, c, f, &kv, &phone_field, phone, sizeof phone));
	yz_doc_space(d, 1);
	yz_doc_text(d, P_("Details of the case"), YZ_STYLE_BOLD);
	for (size_t i = 0; i < kv.n; i++)
		if (strcmp(kv.keys[i], phone_field) != 0)
			field_line(d, f, kv.keys[i], kv.vals[i]);
	yz_kv_free(&kv);
	forward_note(s, c, fw->department, note, sizeof note);
	if (note[0])
		yz_doc_kv(d, P_("Clerk's note"), note);
	materials(s, c, d);
}
