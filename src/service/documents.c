/* Documents of a stored case: the acceptance receipt (a fixed layout every form
 * shares) and the form's own documents, whose text comes from the templates in
 * forms/. Everything printed is built from the database, so a reprint years later
 * gives the same paper. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "service_int.h"
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
	snprintf(buf, n, P_("%1$d-%2$02d-%3$02d"), d.year, d.month, d.day);
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
		return !x->r->idno[0] ? "" : x->r->female ? P_("female") : P_("male");
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
	yz_doc_kv(d, P_("Serial number"), serial);
	if (yz_service_verify_code((yz_session *)x->s, x->c->number, doc, code, NULL) == 0) {
		char qr[128]; /* the receipt's QR content: a phone checks the paper (issue 13) */
		yz_doc_code(d, P_("Verification code"), code);
		snprintf(qr, sizeof qr, "%s %s", x->c->number, code);
		yz_doc_qr(d, qr);
	}
	yz_doc_small(d, P_("Check this document with the verification code at the station."), 0);
}

/* Why a document is not printed when its template's value for key is blank:
 * the field's label as the clerk typed it (a table cell's with its row), or
 * what the registry or the settings lack and where to add it. */
static void missing_why(const yz_form *f, const char *key, char *out, size_t n)
{
	static const char *const resident[][2] = {
	    {"name", N_("name")},
	    {"idno", N_("ID number")},
	    {"idno_masked", N_("ID number")},
	    {"sex", N_("ID number")},
	    {"birth", N_("date of birth")},
	    {"address", N_("current address")},
	    {"phone", N_("phone number")},
	};
	const yz_field_def *table, *column, *field = yz_form_field(f, key);
	long row;
	char label[256], buf[19];
	if (field) {
		snprintf(
		    out, n,
		    _("\"%s\" is empty in this case, and a paper is never printed with a blank."),
		    field->label);
	} else if (yz_table_key(f, key, &table, &row, &column) && row == 0) {
		snprintf(out, n,
		         _("\"%s\" has no rows in this case, and a paper is never printed with a "
		           "blank."),
		         table->label);
	} else if (yz_table_key(f, key, &table, &row, &column)) {
		yz_service_field_shown(f, key, "", label, sizeof label, buf);
		snprintf(
		    out, n,
		    _("\"%s\" is empty in this case, and a paper is never printed with a blank."),
		    label);
	} else if (!strncmp(key, "resident.", 9)) {
		const char *what = key + 9;
		for (size_t i = 0; i < sizeof resident / sizeof *resident; i++)
			if (!strcmp(what, resident[i][0]))
				what = _(resident[i][1]);
		snprintf(out, n,
		         _("The registry has no %s for the applicant, and a paper is never printed "
		           "with a blank: add it on the resident page (F3 to find, F6 to change) "
		           "and print again."),
		         what);
	} else if (!strncmp(key, "station.", 8)) {
		snprintf(out, n,
		         _("The setting station_%s is empty, and a paper is never printed with a "
		           "blank: ask the admin to set it."),
		         key + 8);
	} else {
		snprintf(out, n,
		         _("\"%s\" has no value, and a paper is never printed with a blank."), key);
	}
}

/* The document's text with every value in place, or NULL with err saying which
 * value is missing: a paper is never printed with a blank (issue 13). *fixable
 * (may be NULL) tells whether the clerk can fill the gap (the registry, a
 * setting), so that printing again can succeed; a value the stored case lacks
 * never comes. */
static char *fill_body(doc_ctx *x, const yz_form *f, const yz_document_def *dd, bool *fixable,
                       yz_err *err)
{
	char missing[YZ_TEMPLATE_KEY_MAX], why[512];
	char *body = yz_template_fill(dd->body ? dd->body : "", lookup, x, missing);
	if (body)
		return body;
	if (!missing[0]) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return NULL;
	}
	missing_why(f, missing, why, sizeof why);
	yz_err_setc(err, YZ_ERR_INVALID, "%s", why);
	if (fixable)
		*fixable = !strncmp(missing, "resident.", 9) || !strncmp(missing, "station.", 8);
	return NULL;
}

static yz_doc *build_form_doc(doc_ctx *x, const yz_document_def *dd, char *body, int doc_index)
{
	yz_doc *d = yz_doc_new(dd->title);
	yz_doc_text(d, x->s->cfg->station_name, YZ_STYLE_BOLD | YZ_STYLE_CENTER);
	yz_doc_rule(d);
	yz_doc_space(d, 1);
	yz_doc_text(d, dd->title, YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	yz_doc_space(d, 1);
	add_paragraphs(d, body);
	/* the closing lines stay on one page with the body's last paragraph */
	size_t closing = d && d->n_blocks > 0 ? d->n_blocks - 1 : 0;
	yz_doc_space(d, 2);
	char date[64];
	date_words(x->c->accepted_date, date, sizeof(date));
	yz_doc_seal(d, x->s->cfg->station_name, date, P_("(seal)"));
	yz_doc_space(d, 1);
	char line[128];
	snprintf(line, sizeof(line), P_("Case number: %s"), x->c->number);
	yz_doc_text(d, line, 0);
	add_serial_and_code(d, x, dd->id, doc_index);
	yz_doc_keep_together(d, closing);
	set_case_time(d, x->c);
	return d;
}

static void add_materials(yz_doc *d, yz_session *s, const yz_case *c)
{
	yz_kv_list m = {0};
	if (yz_case_materials(s->store, c->id, &m, NULL) != 0 || m.n == 0) {
		yz_doc_kv(d, P_("Materials"), P_("none"));
		yz_kv_free(&m);
		return;
	}
	size_t len = 1;
	for (size_t i = 0; i < m.n; i++)
		len += strlen(m.keys[i]) + 4;
	char *all = calloc(1, len);
	for (size_t i = 0; all && i < m.n; i++) {
		if (i)
			strcat(all, P_(", "));
		strcat(all, m.keys[i]);
	}
	yz_doc_kv(d, P_("Materials"), all ? all : "");
	free(all);
	yz_kv_free(&m);
}

/* The clerk who owns the case now (first clerk until a hand-over), by name
 * only: the resident calls the station's service phone, never a clerk's own
 * mobile (issue 13). */
static const char *owner_name(const yz_case *c)
{
	return c->owner_name[0] ? c->owner_name : c->clerk_name;
}

/* The receipt's last line: an item done on the spot (its paper handed over at
 * the counter, the case closed at intake) sends nobody back for a result. */
static const char *receipt_close(const yz_case *c, bool on_the_spot)
{
	if (on_the_spot && c->status == YZ_CASE_DONE)
		return P_("Done on the spot. Keep this receipt as the record of your case.");
	return P_("Keep this receipt to ask about or collect your case.");
}

static void add_receipt_code(yz_doc *d, yz_session *s, const yz_case *c)
{
	char code[YZ_VERIFY_BUF], qr[128];
	if (yz_service_verify_code(s, c->number, "receipt", code, NULL) != 0) {
		yz_doc_qr(d, c->number);
		return;
	}
	yz_doc_code(d, P_("Verification code"), code);
	snprintf(qr, sizeof(qr), "%s %s", c->number, code);
	yz_doc_qr(d, qr);
}

/* The window on paper: the session's counter's label in the document
 * language (its default "Window N" is the screen's words otherwise), else the
 * station's window setting. */
static void paper_window(const yz_session *s, char *buf, size_t n)
{
	const yz_counter *k = s->counter.state == YZ_COUNTER_CHOSEN
	                          ? yz_config_counter(s->cfg, s->counter.number)
	                          : NULL;
	if (k)
		yz_counter_paper_label(k, buf, n);
	else
		snprintf(buf, n, "%s", s->cfg->window);
}

static yz_doc *build_receipt(yz_session *s, const yz_case *c)
{
	yz_doc *d = yz_doc_new(P_("Acceptance receipt"));
	char masked[19], window[96];
	yz_idcard_mask(c->resident_idno, masked);
	yz_doc_text(d, s->cfg->station_name, YZ_STYLE_BOLD | YZ_STYLE_CENTER);
	yz_doc_text(d, P_("Acceptance receipt"), YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	yz_doc_rule(d);
	paper_window(s, window, sizeof window);
	yz_doc_kv(d, P_("Window"), window);
	yz_doc_kv(d, P_("Case number"), c->number);
	yz_doc_kv(d, P_("Item"), c->item);
	yz_doc_kv(d, P_("Applicant"), c->resident_name);
	if (c->resident_idno[0]) /* none for a person who did not register */
		yz_doc_kv(d, P_("ID number"), masked);
	yz_doc_kv(d, P_("Accepted"), c->accepted_date);
	/* on the spot: due the day it was accepted, or no date for an item whose
	 * promise is 0 days (the demo's cases, older stations') */
	int on_the_spot =
	    strcmp(c->due_date, c->accepted_date) == 0 || (!c->due_date[0] && c->promise_days == 0);
	char promised[128]; /* a date counted on a year not announced yet says so (issue 13) */
	if (!on_the_spot && yz_service_date_provisional(s, c->accepted_date, c->due_date))
		snprintf(promised, sizeof promised, P_("%s (provisional: statutory holidays)"),
		         c->due_date);
	else
		snprintf(promised, sizeof promised, "%s",
		         on_the_spot      ? P_("done on the spot")
		         : c->due_date[0] ? c->due_date
		                          : "-");
	yz_doc_kv(d, P_("Promised by"), promised);
	add_materials(d, s, c);
	yz_doc_kv(d, P_("Clerk"), owner_name(c));
	if (s->cfg->station_phone[0])
		yz_doc_kv(d, P_("Phone"), s->cfg->station_phone);
	yz_doc_rule(d);
	add_receipt_code(d, s, c);
	yz_doc_text(d, receipt_close(c, on_the_spot), YZ_STYLE_CENTER);
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

/* Every value there but the station's phone. */
static const char *all_but_phone(const char *key, void *ctx)
{
	(void)ctx;
	return strcmp(key, "station.phone") ? "x" : "";
}

size_t yz_service_phoneless_papers(const yz_session *s)
{
	size_t n = 0;
	if (s->cfg->station_phone[0] || !s->cat)
		return 0;
	for (size_t i = 0; i < s->cat->n_forms; i++) {
		const yz_form *f = s->cat->forms[i];
		for (size_t j = 0; j < f->n_documents; j++) {
			char missing[YZ_TEMPLATE_KEY_MAX];
			const char *body = f->documents[j].body;
			char *text =
			    yz_template_fill(body ? body : "", all_but_phone, NULL, missing);
			if (!text && !strcmp(missing, "station.phone"))
				n++;
			free(text);
		}
	}
	return n;
}

bool svc_doc_known(yz_session *s, const char *form_id, const char *doc)
{
	const yz_form *f = yz_catalogue_find(s->cat, form_id);
	return !strcmp(doc, "receipt") || svc_life_doc(doc) || (f && yz_form_document(f, doc));
}

/* Issue 13: a document id that is not the item's is answered with the ids
 * it has (`yizhan print CASE --doc ID` takes any of them). */
static void no_such_doc(yz_session *s, const yz_case *c, const char *doc, yz_err *err)
{
	const yz_form *f = yz_catalogue_find(s->cat, c->form_id);
	char list[512];
	size_t len = (size_t)snprintf(list, sizeof list, "receipt (%s)", _("Acceptance receipt"));
	for (size_t i = 0; f && i < f->n_documents && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, ", %s (%s)",
		                        f->documents[i].id, f->documents[i].title);
	yz_err_setc(err, YZ_ERR_NOT_FOUND, _("Item %s has no document \"%s\". Its documents: %s"),
	            c->item, doc, list);
}

yz_doc *yz_service_build_doc(yz_session *s, const char *case_no, const char *doc, yz_err *err)
{
	return svc_build_doc(s, case_no, doc, NULL, err);
}

yz_doc *svc_build_doc(yz_session *s, const char *case_no, const char *doc, bool *fixable,
                      yz_err *err)
{
	yz_case c;
	yz_resident r;
	yz_paper_lang_set(s->cfg->document_language); /* the station's, for every paper */
	if (load_case(s, case_no, &c, &r, err) != 0)
		return NULL;
	if (strcmp(doc, "receipt") == 0)
		return build_receipt(s, &c);
	if (svc_life_doc(doc)) /* issue 4: notices and slips of the lifecycle */
		return svc_life_build_doc(s, &c, doc, err);
	const yz_form *f = yz_catalogue_find(s->cat, c.form_id);
	const yz_document_def *dd = f ? yz_form_document(f, doc) : NULL;
	if (!dd) {
		no_such_doc(s, &c, doc, err);
		return NULL;
	}
	yz_kv_list fields = {0};
	if (yz_case_fields(s->store, c.id, &fields, err) != 0)
		return NULL;
	doc_ctx x = {.s = s, .c = &c, .r = &r, .fields = &fields};
	/* A form's own documents are in the form's language (forms/ are Chinese
	 * unless a form says otherwise), whatever document_language: the words its
	 * template names (sex, dates) and the labels around its body (seal, case
	 * number, serial, code) match its text. document_language is for the
	 * program's own papers, set back at once. */
	yz_paper_lang_set(yz_form_language(f));
	char *body = fill_body(&x, f, dd, fixable, err);
	yz_doc *d = body ? build_form_doc(&x, dd, body, (int)(dd - f->documents) + 1) : NULL;
	yz_paper_lang_set(s->cfg->document_language);
	free(body);
	yz_kv_free(&fields);
	return d;
}
