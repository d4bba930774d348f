/* The station's habits at the counter: its most used items, the usual value
 * of a choice, and a resident named for sure by the end of an ID number. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

int yz_service_top_forms(yz_session *s, const yz_form **out, size_t max, size_t *n, yz_err *err)
{
	/* Ask for a few more: some may have left the catalogue. */
	size_t want = max + 8, got = 0;
	yz_form_use *use = calloc(want, sizeof *use);

	*n = 0;
	if (!use) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	if (yz_habit_top_forms(s->store, YZ_HABIT_RECENT_CASES, use, want, &got, err) < 0) {
		free(use);
		return -1;
	}
	for (size_t i = 0; i < got && *n < max; i++) {
		const yz_form *f = s->cat ? yz_catalogue_find(s->cat, use[i].form_id) : NULL;
		if (f && !f->record)
			out[(*n)++] = f;
	}
	free(use);
	return 0;
}

static bool is_option(const yz_field_def *d, const char *v)
{
	for (size_t k = 0; k < d->n_options; k++)
		if (strcmp(d->options[k], v) == 0)
			return true;
	return false;
}

/* Whether field o is shown, required and still empty in v. */
static bool wanted_empty(const yz_field_def *o, const yz_values *v, const yz_eval_env *env)
{
	const char *now = yz_values_get(v, o->id);
	bool empty = o->type == YZ_FIELD_TABLE ? yz_table_rows(v, o->id) == 0 : !now || !*now;

	return o->type != YZ_FIELD_COMPUTED && empty && yz_field_visible(o, v, env) &&
	       yz_field_required_now(o, v, env);
}

/* Whether d = val, over the values have, makes another field required while
 * it is empty (purpose "other" asks for a note): such a value is the clerk's
 * to choose, not a default that could slip through unnoticed. */
static bool asks_more(const yz_form *f, const yz_values *have, const yz_field_def *d,
                      const char *val, const yz_eval_env *env)
{
	yz_values with = {0};
	bool more = false;

	for (size_t i = 0; i < have->n; i++)
		yz_values_set(&with, have->keys[i], have->vals[i]);
	yz_values_set(&with, d->id, val);
	for (size_t i = 0; i < f->n_fields && !more; i++) {
		const yz_field_def *o = &f->fields[i];
		more = o != d && wanted_empty(o, &with, env) && !wanted_empty(o, have, env);
	}
	yz_values_clear(&with);
	return more;
}

int yz_service_choice_defaults(yz_session *s, const yz_form *f, yz_kv_list *out, yz_err *err)
{
	yz_eval_env env;
	yz_values have = {0}; /* the defaults so far: the form as it will start */

	memset(out, 0, sizeof *out);
	yz_service_eval_env(s, &env);
	for (size_t i = 0; i < f->n_fields; i++) {
		const yz_field_def *d = &f->fields[i];
		char usual[512];
		int rc;
		if (d->type != YZ_FIELD_CHOICE)
			continue;
		rc = yz_habit_usual_value(s->store, f->id, d->id, YZ_HABIT_RECENT_OF_FORM, usual,
		                          sizeof usual, err);
		if (rc < 0) {
			yz_kv_free(out);
			yz_values_clear(&have);
			return -1;
		}
		if (rc > 0 || !is_option(d, usual) || asks_more(f, &have, d, usual, &env))
			continue;
		if (yz_kv_push(out, d->id, usual) < 0) {
			yz_kv_free(out);
			yz_values_clear(&have);
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
			return -1;
		}
		yz_values_set(&have, d->id, usual);
	}
	yz_values_clear(&have);
	return 0;
}

/* The end of an ID number: 4 to 6 digits, the last may be X. */
static bool idno_end(const char *q)
{
	size_t len = strlen(q);

	if (len < 4 || len > 6)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)q[i]) &&
		    !(i + 1 == len && (q[i] == 'X' || q[i] == 'x')))
			return false;
	return true;
}

int yz_service_resident_sure(yz_session *s, const char *query, const yz_search_hit *hits, size_t n,
                             yz_err *err)
{
	char q[8];
	bool more = false;

	if (n != 1 || hits[0].how != YZ_MATCH_IDNO_SUFFIX || !idno_end(query))
		return 0;
	snprintf(q, sizeof q, "%s", query);
	for (char *p = q; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (yz_resident_idno_more(s->store, q, &more, err) < 0)
		return -1;
	return more ? 0 : 1;
}
