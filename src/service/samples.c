/* A case's fields completed as intake would record them (see
 * yizhan/service/samples.h): the demo station's cases must have what their
 * documents need, since a paper is never printed with a blank (issue 13). The
 * form engine does the work, as it does at the counter: values, tables,
 * visibility and computed fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "yizhan/service.h"

/* Rows a table that is not a household table gets: the examples twice (as
 * tests/service/test_catalogue.c fills it), within the table's limits. */
#define SAMPLE_ROWS 2

/* Members of a household read for its table: more than any table holds. */
#define MEMBERS_MAX 64

static int table_max(const yz_field_def *t)
{
	return t->max_rows > 0 ? t->max_rows : YZ_TABLE_MAX_ROWS;
}

/* One row of the household table for member m of the applicant's household,
 * as the counter starts it from the registry. */
static int member_row(yz_session *s, const yz_field_def *t, const yz_resident *applicant,
                      const yz_resident *m, yz_values *v, yz_err *err)
{
	yz_kv_list cells = {0};
	if (yz_service_member_row(s, t, applicant, m, &cells, err) != 0)
		return -1;
	int row = yz_table_add_row(v, t->id);
	for (size_t i = 0; i < cells.n; i++)
		yz_table_set(v, t->id, row, cells.keys[i], cells.vals[i]);
	yz_kv_free(&cells);
	return 0;
}

/* The applicant first, then the others of their household. */
static int household_rows(yz_session *s, const yz_field_def *t, const yz_resident *applicant,
                          yz_values *v, yz_err *err)
{
	yz_resident *m = NULL;
	size_t n = 0;
	int rc = member_row(s, t, applicant, applicant, v, err);
	if (rc == 0 && applicant->household_id > 0) {
		m = calloc(MEMBERS_MAX, sizeof *m);
		if (!m) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
			return -1;
		}
		rc = yz_service_household_members(s, applicant->household_id, m, MEMBERS_MAX, &n,
		                                  err);
	}
	for (size_t i = 0; rc == 0 && i < n && yz_table_rows(v, t->id) < table_max(t); i++)
		if (m[i].id != applicant->id)
			rc = member_row(s, t, applicant, &m[i], v, err);
	free(m);
	return rc;
}

/* A table's rows: the household's, or the columns' examples; then every empty
 * cell its column's example (a member the registry knows no income of). */
static int fill_table(yz_session *s, const yz_form *f, const yz_field_def *t,
                      const yz_resident *applicant, yz_values *v, yz_err *err)
{
	int want = t->min_rows > SAMPLE_ROWS ? t->min_rows : SAMPLE_ROWS;
	if (want > table_max(t))
		want = table_max(t);
	if (yz_table_rows(v, t->id) > 0)
		return 0; /* given */
	bool household = applicant && applicant->id > 0 && yz_service_household_table(f) == t;
	if (household) {
		if (household_rows(s, t, applicant, v, err) != 0)
			return -1;
	} else {
		while (yz_table_rows(v, t->id) < want)
			yz_table_add_row(v, t->id);
	}
	for (int r = 1; r <= yz_table_rows(v, t->id); r++)
		for (size_t c = 0; c < t->n_columns; c++) {
			const yz_field_def *col = &t->columns[c];
			const char *cell = yz_table_get(v, t->id, r, col->id);
			if (cell && *cell)
				continue;
			/* a member's relation the registry cannot tell: the last option
			 * ("other", as the forms list it) rather than the example's "self" */
			if (household && r > 1 && col->type == YZ_FIELD_CHOICE &&
			    col->n_options > 0)
				yz_table_set(v, t->id, r, col->id,
				             col->options[col->n_options - 1]);
			else if (col->example)
				yz_table_set(v, t->id, r, col->id, col->example);
		}
	return 0;
}

static int copy_out(const yz_values *v, yz_kv_list *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < v->n; i++) {
		if (!v->vals[i] || !*v->vals[i])
			continue;
		if (yz_kv_push(out, v->keys[i], v->vals[i]) != 0) {
			yz_kv_free(out);
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
			return -1;
		}
	}
	return 0;
}

int yz_service_sample_fields(yz_session *s, const yz_form *f, const yz_resident *applicant,
                             const yz_kv_list *drawn, yz_kv_list *out, yz_err *err)
{
	yz_values v = {0};
	yz_eval_env env;
	int rc = 0;

	yz_service_eval_env(s, &env);
	for (size_t i = 0; i < drawn->n; i++)
		yz_values_set(&v, drawn->keys[i], drawn->vals[i]);
	for (size_t i = 0; rc == 0 && i < f->n_fields; i++) {
		const yz_field_def *d = &f->fields[i];
		const char *have = yz_values_get(&v, d->id);
		if (d->type == YZ_FIELD_TABLE)
			rc = fill_table(s, f, d, applicant, &v, err);
		else if (d->type != YZ_FIELD_COMPUTED && d->type != YZ_FIELD_RESIDENT &&
		         (!have || !*have) && d->example)
			yz_values_set(&v, d->id, d->example);
	}
	/* What the values hide a clerk cannot type: left out, as at the counter. */
	yz_form_compute(f, &v, &env);
	for (size_t i = 0; rc == 0 && i < f->n_fields; i++) {
		const yz_field_def *d = &f->fields[i];
		if (d->type != YZ_FIELD_COMPUTED && d->type != YZ_FIELD_TABLE &&
		    !yz_field_visible(d, &v, &env))
			yz_values_set(&v, d->id, NULL);
	}
	yz_form_compute(f, &v, &env);
	if (rc == 0)
		rc = copy_out(&v, out, err);
	yz_values_clear(&v);
	return rc;
}
