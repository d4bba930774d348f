/* Submitting a filled form: validate, resolve the applicant, check the materials,
 * compute the promised date, then in one store transaction: the duplicate
 * guard's check, the case, the registry's write-back, the form's extra step
 * (a household's new members) and the head's override in the audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"
#include "submit_int.h"
#include "workflow_int.h"

/* The form's first resident field: the applicant. */
static const yz_field_def *applicant_field(const yz_form *f)
{
	for (size_t i = 0; i < f->n_fields; i++)
		if (f->fields[i].type == YZ_FIELD_RESIDENT)
			return &f->fields[i];
	return NULL;
}

static bool material_received(const char *label, const char *const *got, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(got[i], label) == 0)
			return true;
	return false;
}

/* On-the-spot items need every required material at the counter. */
static int check_materials(const yz_form *f, const char *const *got, size_t n, yz_err *err)
{
	for (size_t i = 0; i < f->n_materials; i++) {
		const yz_material_def *m = &f->materials[i];
		if (m->required && !material_received(m->label, got, n)) {
			yz_err_setc(err, YZ_ERR_INVALID, _("Required material not received: %s"),
			            m->label);
			return -1;
		}
	}
	return 0;
}

static int resolve_applicant(yz_session *s, const yz_form *f, const yz_values *v, yz_resident *r,
                             yz_err *err)
{
	const yz_field_def *fd = applicant_field(f);
	const char *idno = fd ? yz_values_get(v, fd->id) : NULL;
	/* The form lets the person stay unnamed (a policy-consultation asker who does not want
	 * to register): validation has passed, so the empty field was not required. */
	memset(r, 0, sizeof *r);
	if (fd && (!idno || !*idno) && !fd->required)
		return 0;
	if (!fd || !idno || !*idno) {
		yz_err_setc(err, YZ_ERR_INVALID, _("No applicant: choose the resident first"));
		return -1;
	}
	int rc = yz_resident_by_idno(s->store, idno, r, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("No resident with ID number %s in the registry"), idno);
	if (rc != 0)
		return -1;
	/* A paper that states where the person lives needs the address on record
	 * (need_address yes): refused before a blank is printed. */
	if (fd->need_address && !r->address[0]) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s has no address in the registry: add it on the resident's page "
		              "(F3 find the resident, F6 edit), then submit again."),
		            r->name);
		return -1;
	}
	return 0;
}

/* ---- the duplicate guard (issue 12) -------------------------------------------------- */

/* An open case of f for resident r, unless f allows repeats (`repeat yes`) or
 * the applicant is unnamed: 0 when there is none, 1 with it in *out, -1 on
 * error. Asked inside the submit's transaction, the answer holds until the new
 * case is committed: another counter's submit waits for the write lock, then
 * finds that case. */
static int open_duplicate(yz_session *s, const yz_form *f, const yz_resident *r, yz_case *out,
                          yz_err *err)
{
	if (f->repeat || r->id == 0)
		return 0;
	int rc = yz_case_open_of(s->store, f->id, r->id, out, err);
	return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

int yz_service_duplicate_of(yz_session *s, const yz_form *f, const yz_values *values, yz_case *open,
                            yz_err *err)
{
	const yz_field_def *fd = applicant_field(f);
	const char *idno = fd ? yz_values_get(values, fd->id) : NULL;
	yz_resident r;
	yz_case c;

	if (!idno || !*idno)
		return 0;
	int rc = yz_resident_by_idno(s->store, idno, &r, err);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	rc = open_duplicate(s, f, &r, &c, err);
	if (rc == 1 && open)
		*open = c;
	return rc;
}

/* The refusal of a second open case, naming the open one; the station head is
 * told they may accept it anyway (yz_service_submit_override). */
static int refuse_duplicate(yz_session *s, const yz_form *f, const yz_resident *r,
                            const yz_case *open, yz_err *err)
{
	if (yz_service_is_head(s))
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("%s already has an open case of %s: %s (accepted %s). As the station "
		              "head you may accept a second one; it is written to the audit log."),
		            r->name, f->title, open->number, open->accepted_date);
	else
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("%s already has an open case of %s: %s (accepted %s). Continue that "
		              "case; only the station head may accept a second one."),
		            r->name, f->title, open->number, open->accepted_date);
	return -1;
}

static const char *setting(const char *name, void *ctx)
{
	return yz_config_setting(ctx, name);
}

void yz_service_eval_env(const yz_session *s, yz_eval_env *env)
{
	env->today = s->today;
	env->setting = setting;
	env->setting_ctx = s->cfg;
}

void yz_service_set_clock(yz_session *s, yz_clock clock)
{
	s->clock = clock;
	if (s->store)
		yz_store_set_clock(s->store, clock);
	yz_service_new_day(s);
}

void yz_service_set_wait(yz_session *s, yz_store_wait_fn fn, void *ctx)
{
	if (s->store)
		yz_store_set_wait(s->store, fn, ctx);
}

void yz_service_new_day(yz_session *s)
{
	s->today = yz_clock_today(&s->clock);
}

/* The new case of form f, with the dates it needs beside it. */
typedef struct new_case {
	yz_case_new in; /* points into the members below */
	char today[11]; /* accepted */
	char due[11];   /* promised */
	char legal[11]; /* the legal limit's date; "" when the form has none */
} new_case;

static void new_case_of(yz_session *s, const yz_form *f, const yz_values *values,
                        const char *const *materials, size_t n_materials, int64_t resident_id,
                        new_case *nc)
{
	yz_date_format(s->today, nc->today);
	yz_date_format(yz_add_workdays(s->calendar, s->today, f->promise_days, NULL), nc->due);
	nc->legal[0] = '\0';
	if (f->legal_days > 0)
		yz_date_format(yz_add_workdays(s->calendar, s->today, f->legal_days, NULL),
		               nc->legal);
	nc->in = (yz_case_new){
	    .form_id = f->id,
	    .item = f->title,
	    .line = f->line,
	    .resident_id = resident_id,
	    .clerk_login = s->user.login,
	    .accepted_date = nc->today,
	    .due_date = nc->due,
	    .status = f->promise_days == 0 ? YZ_CASE_DONE : YZ_CASE_ACCEPTED,
	    .field_keys = (const char *const *)values->keys,
	    .field_vals = (const char *const *)values->vals,
	    .n_fields = values->n,
	    .materials = materials,
	    .n_materials = n_materials,
	    /* issue 4: the workflow starts in the form's first state; the limits are
	     * kept so that due dates can be recomputed when the calendar changes. */
	    .state = f->n_states ? f->states[0].id : NULL,
	    .promise_days = f->promise_days,
	    .legal_days = f->legal_days,
	    .legal_due_date = nc->legal,
	};
}

/* One number, one source: what the form writes back to the applicant's record
 * (the residence start), the history naming the case. */
static int write_back(yz_session *s, const yz_form *f, const yz_values *values, const yz_case *c,
                      yz_err *err)
{
	yz_err why = {{0}};

	if (yz_service_registry_write_back(s, f, values, c->number, &why) == 0)
		return 0;
	/* EXISTS is the duplicate guard's (a second open case): not this. */
	yz_err_setc(err, why.code == YZ_ERR_EXISTS || !why.code ? YZ_ERR_FAILED : why.code,
	            _("The resident's record could not be updated: %s"), why.msg);
	return -1;
}

/* The head's decision, with both numbers; without it the second case is not
 * kept. */
static int audit_override(yz_session *s, const yz_form *f, const yz_resident *r,
                          const yz_case *open, const yz_case *c, yz_err *err)
{
	char detail[256];
	yz_err why = {{0}};

	snprintf(detail, sizeof detail, "%s resident %lld: %s open, %s accepted", f->id,
	         (long long)r->id, open->number, c->number);
	if (yz_audit_append(s->store, s->user.login, "duplicate_override", detail, &why) == 0)
		return 0;
	yz_err_setc(err, why.code == YZ_ERR_EXISTS || !why.code ? YZ_ERR_FAILED : why.code,
	            _("The second case was not accepted: the audit log could not be written "
	              "(%s). Nothing was saved; try again."),
	            why.msg);
	return -1;
}

/* The counter's part of the transaction (issue 14): the clerk's draft of f
 * removed and a pending job for each paper of the new case sub->c that can be
 * built (built here to know; one that never can gets none, as
 * yz_service_print leaves none). A kill -9 after the commit leaves jobs the
 * reprint list takes up, never a case without its receipt's job nor a draft
 * that would submit the case a second time. */
static int counter_in_tx(yz_session *s, const yz_form *f, yz_submitted *sub, yz_err *err)
{
	sub->n_docs = 0;
	sub->docs[sub->n_docs++] = "receipt";
	for (size_t i = 0; i < f->n_documents && sub->n_docs < YZ_SUBMIT_DOCS_MAX; i++)
		if (strcmp(f->documents[i].id, "receipt") != 0)
			sub->docs[sub->n_docs++] = f->documents[i].id;
	if (yz_draft_delete(s->store, s->user.login, f->id, err) != 0)
		return -1;
	for (size_t i = 0; i < sub->n_docs; i++) {
		bool fixable = false;
		yz_doc *d = svc_build_doc(s, sub->c.number, sub->docs[i], &fixable, NULL);
		const char *printer =
		    yz_service_printer_for(s->cfg, svc_doc_paper(s, f->id, sub->docs[i]));
		sub->jobs[i] = 0;
		yz_doc_free(d);
		if ((d || fixable) &&
		    yz_job_add(s->store, sub->c.id, sub->docs[i], printer, &sub->jobs[i], err) != 0)
			return -1;
	}
	return 0;
}

/* Everything the submit writes, inside its transaction; open: the open case the
 * head accepts a second one beside, or NULL; sub: the counter's submit, or
 * NULL. */
static int create_in_tx(yz_session *s, const yz_form *f, const yz_values *values,
                        const yz_resident *r, const new_case *nc, const yz_case *open,
                        svc_submit_step step, yz_submitted *sub, yz_case *out, yz_err *err)
{
	/* The store records the "done" event itself for a case created closed. */
	if (yz_case_create(s->store, s->cfg->station_code, s->today.year, &nc->in, out, err) != 0 ||
	    write_back(s, f, values, out, err) != 0 || (step && step(s, f, values, out, err) != 0))
		return -1;
	/* Issue 19: the ticket served at this counter and the case it became,
	 * linked both ways in the submit's transaction. */
	if (s->ticket > 0 && yz_ticket_link_case(s->store, s->ticket, out->id, err) != 0)
		return -1;
	if (open && audit_override(s, f, r, open, out, err) != 0)
		return -1;
	if (sub) {
		sub->c = *out;
		return counter_in_tx(s, f, sub, err);
	}
	return 0;
}

static int submit(yz_session *s, const yz_form *f, const yz_values *values,
                  const char *const *materials, size_t n_materials, bool override,
                  svc_submit_step step, yz_submitted *sub, yz_case *out, yz_err *err)
{
	yz_eval_env env;
	yz_resident r;
	yz_case open;
	new_case nc;

	yz_service_eval_env(s, &env);
	if (!yz_form_validate_full(f, values, &env, NULL, err) ||
	    !yz_form_check_birth(f, values, NULL, err) ||
	    !yz_form_check_names(f, values, NULL, err))
		return -1;
	if (check_materials(f, materials, n_materials, err) != 0 ||
	    resolve_applicant(s, f, values, &r, err) != 0)
		return -1;
	new_case_of(s, f, values, materials, n_materials, r.id, &nc);
	/* The guard's check and the insert under one write lock: two counters
	 * cannot both find no open case and both accept one. */
	if (yz_store_begin(s->store, err) != 0)
		return -1;
	int dup = open_duplicate(s, f, &r, &open, err);
	if (dup == 1 && !(override && yz_service_is_head(s))) {
		yz_store_rollback(s->store);
		/* A refusal is audited after the rollback, which would take it too. */
		if (override)
			return svc_require(s, SVC_ROLES_STAFF, "duplicate_override", open.number,
			                   err);
		return refuse_duplicate(s, f, &r, &open, err);
	}
	if (dup < 0 || create_in_tx(s, f, values, &r, &nc, dup == 1 ? &open : NULL, step, sub, out,
	                            err) != 0) {
		yz_store_rollback(s->store);
		return -1;
	}
	return yz_store_commit(s->store, err);
}

int svc_submit(yz_session *s, const yz_form *f, const yz_values *values,
               const char *const *materials, size_t n_materials, svc_submit_step step, yz_case *out,
               yz_err *err)
{
	bool override = s->dup_override;
	s->dup_override = false; /* one submit only, whatever it gives */
	return submit(s, f, values, materials, n_materials, override, step, NULL, out, err);
}

int yz_service_submit_counter(yz_session *s, const yz_form *f, const yz_values *values,
                              const char *const *materials, size_t n_materials, yz_submitted *out,
                              yz_err *err)
{
	bool override = s->dup_override;
	s->dup_override = false; /* one submit only, whatever it gives */
	memset(out, 0, sizeof *out);
	yz_case c;
	return submit(s, f, values, materials, n_materials, override, svc_household_step(f), out,
	              &c, err);
}

int yz_service_submit(yz_session *s, const yz_form *f, const yz_values *values,
                      const char *const *materials, size_t n_materials, yz_case *out, yz_err *err)
{
	return svc_submit(s, f, values, materials, n_materials, NULL, out, err);
}

void yz_service_submit_override(yz_session *s)
{
	s->dup_override = true;
}
