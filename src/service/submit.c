/* Submitting a filled form: validate, resolve the applicant, check the materials,
 * compute the promised date, and create the case in one store transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "yizhan/service.h"

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

static int resolve_applicant(yz_session *s, const yz_form *f, const yz_values *v, int64_t *id,
                             yz_err *err)
{
	const yz_field_def *fd = applicant_field(f);
	const char *idno = fd ? yz_values_get(v, fd->id) : NULL;
	/* The form lets the person stay unnamed (a policy-consultation asker who does not want
	 * to register): validation has passed, so the empty field was not required. */
	*id = 0;
	if (fd && (!idno || !*idno) && !fd->required)
		return 0;
	if (!fd || !idno || !*idno) {
		yz_err_setc(err, YZ_ERR_INVALID, _("No applicant: choose the resident first"));
		return -1;
	}
	yz_resident r;
	int rc = yz_resident_by_idno(s->store, idno, &r, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("No resident with ID number %s in the registry"), idno);
	if (rc != 0)
		return -1;
	*id = r.id;
	return 0;
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

int yz_service_submit(yz_session *s, const yz_form *f, const yz_values *values,
                      const char *const *materials, size_t n_materials, yz_case *out, yz_err *err)
{
	yz_eval_env env;
	yz_service_eval_env(s, &env);
	if (!yz_form_validate_full(f, values, &env, NULL, err))
		return -1;
	if (check_materials(f, materials, n_materials, err) != 0)
		return -1;
	int64_t resident_id;
	if (resolve_applicant(s, f, values, &resident_id, err) != 0)
		return -1;

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
	return yz_case_create(s->store, s->cfg->station_code, s->today.year, &in, out, err);
}
