/* Submitting a filled form: validate, resolve the applicant, check the materials,
 * compute the promised date, and create the case in one store transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
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

typedef struct dup_find {
	const char *form_id; /* the item */
	int64_t resident_id; /* the applicant */
	yz_case found;       /* the open case found, when found.number[0] */
} dup_find;

static int dup_match(const yz_case *c, void *ctx)
{
	dup_find *d = ctx;
	if (c->resident_id != d->resident_id || strcmp(c->form_id, d->form_id) != 0)
		return 0;
	d->found = *c;
	return 1; /* one is enough */
}

/* An open case of f for resident r, unless f allows repeats (`repeat yes`) or
 * the applicant is unnamed: 0 when there is none, 1 with it in *out, -1 on
 * error. The open cases of f's business line are read (a station's open cases
 * of one line are few). */
static int open_duplicate(yz_session *s, const yz_form *f, const yz_resident *r, yz_case *out,
                          yz_err *err)
{
	if (f->repeat || r->id == 0)
		return 0;
	dup_find d = {.form_id = f->id, .resident_id = r->id};
	yz_case_filter flt = {.which = YZ_CASES_OPEN, .line = f->line};
	if (yz_case_list(s->store, &flt, dup_match, &d, err) != 0)
		return -1;
	if (!d.found.number[0])
		return 0;
	*out = d.found;
	return 1;
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

void yz_service_new_day(yz_session *s)
{
	s->today = yz_clock_today(&s->clock);
}

static int submit(yz_session *s, const yz_form *f, const yz_values *values,
                  const char *const *materials, size_t n_materials, bool override, yz_case *out,
                  yz_err *err)
{
	yz_eval_env env;
	yz_service_eval_env(s, &env);
	if (!yz_form_validate_full(f, values, &env, NULL, err) ||
	    !yz_form_check_birth(f, values, NULL, err) ||
	    !yz_form_check_names(f, values, NULL, err))
		return -1;
	if (check_materials(f, materials, n_materials, err) != 0)
		return -1;
	yz_resident r;
	yz_case open;
	if (resolve_applicant(s, f, values, &r, err) != 0)
		return -1;
	int dup = open_duplicate(s, f, &r, &open, err);
	if (dup < 0)
		return -1;
	if (dup == 1 && !override)
		return refuse_duplicate(s, f, &r, &open, err);
	if (dup == 1 &&
	    svc_require(s, SVC_ROLE(YZ_ROLE_HEAD) | SVC_ROLE(YZ_ROLE_ADMIN), "duplicate_override",
	                open.number, err) != 0) /* the refusal is audited */
		return -1;
	int64_t resident_id = r.id;

	char today[11], due[11], legal[11] = "";
	yz_date_format(s->today, today);
	yz_date_format(yz_add_workdays(s->calendar, s->today, f->promise_days, NULL), due);
	if (f->legal_days > 0)
		yz_date_format(yz_add_workdays(s->calendar, s->today, f->legal_days, NULL), legal);
	yz_case_new in = {
	    .form_id = f->id,
	    .item = f->title,
	    .line = f->line,
	    .resident_id = resident_id,
	    .clerk_login = s->user.login,
	    .accepted_date = today,
	    .due_date = due,
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
	    .legal_due_date = legal,
	};
	/* The store records the "done" event itself for a case created closed. */
	if (yz_case_create(s->store, s->cfg->station_code, s->today.year, &in, out, err) != 0)
		return -1;
	if (dup == 1) { /* the head's decision, with both numbers */
		char detail[256];
		snprintf(detail, sizeof detail, "%s resident %lld: %s open, %s accepted", f->id,
		         (long long)r.id, open.number, out->number);
		if (yz_audit_append(s->store, s->user.login, "duplicate_override", detail, NULL) !=
		    0) {
			/* The case stands; the clerk is told the audit row is missing. */
			yz_err_setc(err, YZ_ERR_IO,
			            _("Case %s was accepted, but the audit log could not be "
			              "written."),
			            out->number);
		}
	}
	return 0;
}

int yz_service_submit(yz_session *s, const yz_form *f, const yz_values *values,
                      const char *const *materials, size_t n_materials, yz_case *out, yz_err *err)
{
	bool override = s->dup_override;
	s->dup_override = false; /* one submit only, whatever it gives */
	return submit(s, f, values, materials, n_materials, override, out, err);
}

void yz_service_submit_override(yz_session *s)
{
	s->dup_override = true;
}
