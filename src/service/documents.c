/* Documents of a stored case: the acceptance receipt (a fixed layout every form
 * shares) and the form's own documents, whose text comes from the templates in
 * forms/. Everything printed is built from the database, so a reprint years later
 * gives the same paper. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "workflow_int.h"
#include "yizhan/service.h"

/* What a template can name: the case's fields and the service keys. */
typedef struct doc_ctx {
	const yz_session *s;
	const yz_case *c;
	const yz_resident *r;
	const yz_kv_list *fields;
	char buf[256]; /* scratch for computed values */
} doc_ctx;

/* The date in running text: year, month and day words in Chinese, "2026-11-22" in English. */
static void date_words(const char *iso, char *buf, size_t n)
{
	yz_date d;
	if (!yz_date_parse(iso, &d)) {
		snprintf(buf, n, "%s", iso);
		return;
	}
	/* TRANSLATORS: a date in running text: year, month, day. */
	snprintf(buf, n, _("%1$d-%2$02d-%3$02d"), d.year, d.month, d.day);
}

static const char *field_value(const yz_kv_list *kv, const char *key)
{
	for (size_t i = 0; i < kv->n; i++)
		if (strcmp(kv->keys[i], key) == 0)
			return kv->vals[i];
	return NULL;
}

static const char *resident_key(doc_ctx *x, const char *k)
{
	if (!strcmp(k, "name"))
		return x->r->name;
	if (!strcmp(k, "idno"))
		return x->r->idno;
	if (!strcmp(k, "idno_masked")) {
		yz_idcard_mask(x->r->idno, x->buf);
		return x->buf;
	}
	if (!strcmp(k, "sex"))
		return !x->r->idno[0] ? "" : x->r->female ? _("female") : _("male");
	if (!strcmp(k, "birth"))
		return x->r->birth;
	if (!strcmp(k, "address"))
		return x->r->address;
	if (!strcmp(k, "phone"))
		return x->r->phone;
	return NULL;
}

static const char *lookup(const char *key, void *ctx)
{
	doc_ctx *x = ctx;
	char today[11];
	yz_date_format(x->s->today, today);
	if (!strncmp(key, "resident.", 9))
		return resident_key(x, key + 9);
	if (!strcmp(key, "station.name"))
		return x->s->cfg->station_name;
	if (!strcmp(key, "station.phone"))
		return x->s->cfg->station_phone;
	if (!strcmp(key, "case.number"))
		return x->c->number;
	if (!strcmp(key, "case.date"))
		return x->c->accepted_date;
	if (!strcmp(key, "case.due_date"))
		return x->c->due_date;
	if (!strcmp(key, "clerk.name"))
		return x->c->clerk_name;
	if (!strcmp(key, "today")) {
		snprintf(x->buf, sizeof(x->buf), "%s", today);
		return x->buf;
	}
	if (!strcmp(key, "case.date_cn") || !strcmp(key, "today_cn")) {
		date_words(key[0] == 'c' ? x->c->accepted_date : today, x->buf, sizeof(x->buf));
		return x->buf;
	}
	return field_value(x->fields, key);
}

/* Split the expanded body into paragraphs at blank lines. */
static void add_paragraphs(yz_doc *d, char *body)
{
	char *p = body;
	while (p && *p) {
		char *end = strstr(p, "\n\n");
		if (end)
			*end = '\0';
		char *t = yz_text_trim(p);
		if (*t)
			yz_doc_text(d, t, YZ_STYLE_INDENT);
		p = end ? end + 2 : NULL;
	}
}

/* The case's intake time: documents carry it as their creation date, so that a
 * reprint gives the same file. */
static void set_case_time(yz_doc *d, const yz_case *c)
{
	time_t when = yz_utc_parse(c->created_at);
	if (d && when != (time_t)-1)
		yz_doc_set_created(d, when);
}

/* Serial number and verification code at the foot of a form document. */
static void add_serial_and_code(yz_doc *d, doc_ctx *x, const char *doc, int doc_index)
{
	char serial[64], code[YZ_VERIFY_BUF];
	yz_service_doc_serial(x->c->number, doc_index, serial, sizeof(serial));
	yz_doc_kv(d, _("Serial number"), serial);
	if (yz_service_verify_code((yz_session *)x->s, x->c->number, doc, code, NULL) == 0)
		yz_doc_code(d, _("Verification code"), code);
	yz_doc_small(d, _("Check this document with the verification code at the station."), 0);
}

static yz_doc *build_form_doc(doc_ctx *x, const yz_document_def *dd, int doc_index)
{
	yz_doc *d = yz_doc_new(dd->title);
	yz_doc_text(d, x->s->cfg->station_name, YZ_STYLE_BOLD | YZ_STYLE_CENTER);
	yz_doc_rule(d);
	yz_doc_space(d, 1);
	yz_doc_text(d, dd->title, YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	yz_doc_space(d, 1);
	char *body = yz_template_expand(dd->body ? dd->body : "", lookup, x);
	add_paragraphs(d, body);
	free(body);
	yz_doc_space(d, 2);
	yz_doc_text(d, x->s->cfg->station_name, YZ_STYLE_RIGHT);
	char date[64];
	date_words(x->c->accepted_date, date, sizeof(date));
	yz_doc_text(d, date, YZ_STYLE_RIGHT);
	yz_doc_seal_box(d, _("(seal)"));
	yz_doc_space(d, 1);
	char line[128];
	snprintf(line, sizeof(line), _("Case number: %s"), x->c->number);
	yz_doc_text(d, line, 0);
	add_serial_and_code(d, x, dd->id, doc_index);
	set_case_time(d, x->c);
	return d;
}

static void add_materials(yz_doc *d, yz_session *s, const yz_case *c)
{
	yz_kv_list m = {0};
	if (yz_case_materials(s->store, c->id, &m, NULL) != 0 || m.n == 0) {
		yz_doc_kv(d, _("Materials"), _("none"));
		yz_kv_free(&m);
		return;
	}
	size_t len = 1;
	for (size_t i = 0; i < m.n; i++)
		len += strlen(m.keys[i]) + 4;
	char *all = calloc(1, len);
	for (size_t i = 0; all && i < m.n; i++) {
		if (i)
			strcat(all, _(", "));
		strcat(all, m.keys[i]);
	}
	yz_doc_kv(d, _("Materials"), all ? all : "");
	free(all);
	yz_kv_free(&m);
}

/* The clerk who owns the case now (first clerk until a hand-over) and a phone
 * to reach them: theirs, else the station's. */
static void owner_contact(yz_session *s, const yz_case *c, char *name, size_t n, char *phone,
                          size_t pn)
{
	const char *login = c->owner[0] ? c->owner : c->clerk_login;
	snprintf(name, n, "%s", c->owner_name[0] ? c->owner_name : c->clerk_name);
	yz_user u;
	if (yz_user_get(s->store, login, &u, NULL) == 0 && u.phone[0])
		snprintf(phone, pn, "%s", u.phone);
	else
		snprintf(phone, pn, "%s", s->cfg->station_phone);
}

static void add_receipt_code(yz_doc *d, yz_session *s, const yz_case *c)
{
	char code[YZ_VERIFY_BUF], qr[128];
	if (yz_service_verify_code(s, c->number, "receipt", code, NULL) != 0) {
		yz_doc_qr(d, c->number);
		return;
	}
	yz_doc_code(d, _("Verification code"), code);
	snprintf(qr, sizeof(qr), "%s %s", c->number, code);
	yz_doc_qr(d, qr);
}

static yz_doc *build_receipt(yz_session *s, const yz_case *c)
{
	yz_doc *d = yz_doc_new(_("Acceptance receipt"));
	char masked[19], owner[128], phone[32];
	yz_idcard_mask(c->resident_idno, masked);
	yz_doc_text(d, s->cfg->station_name, YZ_STYLE_BOLD | YZ_STYLE_CENTER);
	yz_doc_text(d, _("Acceptance receipt"), YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	yz_doc_rule(d);
	yz_doc_kv(d, _("Window"), s->cfg->window);
	yz_doc_kv(d, _("Case number"), c->number);
	yz_doc_kv(d, _("Item"), c->item);
	yz_doc_kv(d, _("Applicant"), c->resident_name);
	if (c->resident_idno[0]) /* none for a person who did not register */
		yz_doc_kv(d, _("ID number"), masked);
	yz_doc_kv(d, _("Accepted"), c->accepted_date);
	int on_the_spot = strcmp(c->due_date, c->accepted_date) == 0;
	yz_doc_kv(d, _("Promised by"),
	          on_the_spot      ? _("done on the spot")
	          : c->due_date[0] ? c->due_date
	                           : "-");
	add_materials(d, s, c);
	owner_contact(s, c, owner, sizeof(owner), phone, sizeof(phone));
	yz_doc_kv(d, _("Clerk"), owner);
	if (phone[0])
		yz_doc_kv(d, _("Phone"), phone);
	if (s->cfg->station_phone[0] && strcmp(phone, s->cfg->station_phone) != 0)
		yz_doc_kv(d, _("Station phone"), s->cfg->station_phone);
	yz_doc_rule(d);
	add_receipt_code(d, s, c);
	yz_doc_text(d, _("Keep this receipt to ask about or collect your case."), YZ_STYLE_CENTER);
	set_case_time(d, c);
	return d;
}

static int load_case(yz_session *s, const char *case_no, yz_case *c, yz_resident *r, yz_err *err)
{
	int rc = yz_case_get(s->store, case_no, c, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("No case numbered %s"), case_no);
	if (rc != 0)
		return -1;
	if (c->resident_id <= 0) { /* not registered (an anonymous consultation) */
		memset(r, 0, sizeof *r);
		snprintf(r->name, sizeof r->name, "%s", c->resident_name);
		return 0;
	}
	rc = yz_resident_get(s->store, c->resident_id, r, err);
	if (rc == 1)
		yz_err_set(err, _("The applicant of case %s is missing from the registry"),
		           case_no);
	return rc == 0 ? 0 : -1;
}

yz_doc *yz_service_build_doc(yz_session *s, const char *case_no, const char *doc, yz_err *err)
{
	yz_case c;
	yz_resident r;
	if (load_case(s, case_no, &c, &r, err) != 0)
		return NULL;
	if (strcmp(doc, "receipt") == 0)
		return build_receipt(s, &c);
	if (svc_life_doc(doc)) /* issue 4: notices and slips of the lifecycle */
		return svc_life_build_doc(s, &c, doc, err);
	const yz_form *f = yz_catalogue_find(s->cat, c.form_id);
	const yz_document_def *dd = f ? yz_form_document(f, doc) : NULL;
	if (!dd) {
		yz_err_set(err, _("Item %s has no document \"%s\""), c.item, doc);
		return NULL;
	}
	yz_kv_list fields = {0};
	if (yz_case_fields(s->store, c.id, &fields, err) != 0)
		return NULL;
	doc_ctx x = {.s = s, .c = &c, .r = &r, .fields = &fields};
	yz_doc *d = build_form_doc(&x, dd, (int)(dd - f->documents) + 1);
	yz_kv_free(&fields);
	return d;
}
