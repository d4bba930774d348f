/* The resident registry at the counter: find, read, register and edit a
 * person (any signed-in clerk; the history keeps who), their household, grid,
 * special groups and history as s->user may see them, and the values a form
 * takes from the registry when a person is picked (one number, one source). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

int yz_service_resident_get(yz_session *s, int64_t id, yz_resident *out, yz_err *err)
{
	return yz_resident_get(s->store, id, out, err);
}

int yz_service_resident_by_idno(yz_session *s, const char *idno, yz_resident *out, yz_err *err)
{
	return yz_resident_by_idno(s->store, idno, out, err);
}

int yz_service_resident_search(yz_session *s, const char *query, yz_search_hit *out, size_t max,
                               size_t *n, yz_err *err)
{
	return yz_registry_search(s->store, query, out, max, n, err);
}

int yz_service_resident_search_ids(yz_session *s, const char *query, yz_search_hit *out, size_t max,
                                   size_t *n, yz_err *err)
{
	return yz_registry_search_ids(s->store, query, out, max, n, err);
}

int yz_service_resident_search_fill(yz_session *s, yz_search_hit *hits, size_t n, yz_err *err)
{
	return yz_registry_fill(s->store, hits, n, err);
}

int yz_service_resident_duplicates(yz_session *s, const yz_resident *r, yz_resident *out,
                                   size_t max, size_t *n, yz_err *err)
{
	return yz_resident_duplicates(s->store, r, out, max, n, err);
}

int yz_service_resident_add(yz_session *s, yz_resident *r, yz_err *err)
{
	if (svc_require(s, SVC_ROLES_ANY, "resident_add", NULL, err) < 0)
		return -1;
	return yz_resident_add(s->store, r, s->user.login, err);
}

int yz_service_resident_update(yz_session *s, const yz_resident *r, const char *case_no,
                               yz_err *err)
{
	char subject[24];

	snprintf(subject, sizeof subject, "%lld", (long long)r->id);
	if (svc_require(s, SVC_ROLES_ANY, "resident_update", subject, err) < 0)
		return -1;
	return yz_resident_update(s->store, r, s->user.login, case_no && *case_no ? case_no : NULL,
	                          err);
}

/* ---- household, grid, special groups --------------------------------------------- */

int yz_service_household_get(yz_session *s, int64_t id, yz_household *out, yz_err *err)
{
	return yz_household_get(s->store, id, out, err);
}

int yz_service_household_members(yz_session *s, int64_t household_id, yz_resident *out, size_t max,
                                 size_t *n, yz_err *err)
{
	return yz_household_members(s->store, household_id, out, max, n, err);
}

int yz_service_household_grid(yz_session *s, const yz_household *h, yz_place *out, yz_err *err)
{
	int64_t grid = h->place_id ? yz_place_grid(s->store, h->place_id) : 0;

	return grid ? yz_place_get(s->store, grid, out, err) : 1;
}

int yz_service_resident_tags(yz_session *s, int64_t resident_id, yz_tag *out, size_t max, size_t *n,
                             yz_err *err)
{
	char today[11];

	yz_date_format(s->today, today);
	return yz_tag_list(s->store, resident_id, s->user.role, today, false, out, max, n, err);
}

/* ---- history ---------------------------------------------------------------------- */

/* Merge the newest-first lists a (na) and b (nb) into out, newest first, at
 * most max; ties keep a's first. */
static size_t merge_newest(const yz_change *a, size_t na, const yz_change *b, size_t nb,
                           yz_change *out, size_t max)
{
	size_t i = 0, j = 0, k = 0;

	while (k < max && (i < na || j < nb))
		out[k++] = j >= nb || (i < na && strcmp(a[i].at, b[j].at) >= 0) ? a[i++] : b[j++];
	return k;
}

int yz_service_resident_history(yz_session *s, int64_t resident_id, yz_change *out, size_t max,
                                size_t *n, yz_err *err)
{
	enum { TAGS_MAX = 64 };
	yz_tag *tags = calloc(TAGS_MAX, sizeof *tags);
	yz_change *tmp = calloc(max ? max : 1, sizeof *tmp);
	yz_change *mix = calloc(max ? max : 1, sizeof *mix);
	size_t nt = 0;
	int rc = -1;

	*n = 0;
	if (!tags || !tmp || !mix) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		goto out;
	}
	/* The person's newest, then each group's newest merged in: whatever the
	 * length of each history, the newest max of them all. */
	if (yz_history_newest(s->store, "resident", resident_id, out, max, n, err) < 0 ||
	    yz_service_resident_tags(s, resident_id, tags, TAGS_MAX, &nt, err) < 0)
		goto out;
	for (size_t i = 0; i < nt; i++) {
		size_t k = 0;
		if (!tags[i].id) /* derived (80 and over): no history */
			continue;
		if (yz_history_newest(s->store, "tag", tags[i].id, tmp, max, &k, err) < 0)
			goto out;
		*n = merge_newest(out, *n, tmp, k, mix, max);
		memcpy(out, mix, *n * sizeof *out);
	}
	rc = 0;
out:
	free(tags);
	free(tmp);
	free(mix);
	return rc;
}

/* ---- the registry's words --------------------------------------------------------- */

const char *yz_service_tag_label(yz_tag_kind k)
{
	return yz_tag_label(k);
}

const char *yz_service_employment_label(int i)
{
	return yz_employment_label(i);
}

const char *yz_service_ethnicity_at(size_t i, const char **code)
{
	return yz_ethnicity_at(i, code);
}

/* ---- prefill ---------------------------------------------------------------------- */

/* The registry's items a form field may start from: a field with this id and
 * this type. The type keeps a field that only shares the name (a choice
 * "category" of complaints, say) from getting the registry's value. */
static const struct {
	const char *id;
	yz_field_type type;
	size_t offset;   /* of the value in yz_resident */
	size_t size;     /* of that member */
	bool write_back; /* the value typed is written back to the registry on submit */
} registry_items[] = {
#define AT(m) offsetof(yz_resident, m), sizeof(((yz_resident *)0)->m)
    {"phone", YZ_FIELD_PHONE, AT(phone), false},
    {"address", YZ_FIELD_ADDRESS, AT(address), false},
    {"hukou_address", YZ_FIELD_ADDRESS, AT(hukou_address), false},
    {"since", YZ_FIELD_DATE, AT(since), true},
#undef AT
};

int yz_service_registry_prefill(yz_session *s, const yz_form *f, const yz_values *now,
                                const yz_resident *r, yz_kv_list *out, yz_err *err)
{
	(void)s;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < sizeof registry_items / sizeof registry_items[0]; i++) {
		const yz_field_def *d = yz_form_field(f, registry_items[i].id);
		const char *val = (const char *)r + registry_items[i].offset;
		const char *cur = d && now ? yz_values_get(now, d->id) : NULL;
		if (!d || d->type != registry_items[i].type || !*val || (cur && *cur))
			continue;
		if (yz_kv_push(out, d->id, val) < 0) {
			yz_kv_free(out);
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
			return -1;
		}
	}
	return 0;
}

/* The person the form is for: the first resident field's, when registered. */
static int applicant_of(yz_session *s, const yz_form *f, const yz_values *v, yz_resident *r,
                        yz_err *err)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const char *idno = yz_values_get(v, f->fields[i].id);
		if (f->fields[i].type != YZ_FIELD_RESIDENT)
			continue;
		return idno && *idno ? yz_resident_by_idno(s->store, idno, r, err) : 1;
	}
	return 1;
}

int yz_service_registry_write_back(yz_session *s, const yz_form *f, const yz_values *v,
                                   const char *case_no, yz_err *err)
{
	yz_resident r;
	bool changed = false;
	int rc = applicant_of(s, f, v, &r, err);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	for (size_t i = 0; i < sizeof registry_items / sizeof registry_items[0]; i++) {
		const yz_field_def *d = yz_form_field(f, registry_items[i].id);
		const char *typed = d ? yz_values_get(v, d->id) : NULL;
		char *val = (char *)&r + registry_items[i].offset;
		if (!registry_items[i].write_back || !d || d->type != registry_items[i].type ||
		    !typed || !*typed || strcmp(val, typed) == 0)
			continue;
		yz_strlcpy_utf8(val, typed, registry_items[i].size);
		changed = true;
	}
	if (!changed)
		return 0;
	/* The store keeps the old value in the history with the case. */
	return yz_service_resident_update(s, &r, case_no, err) < 0 ? -1 : 0;
}
