/* service/residents.h: the resident registry as the counter sees it — find,
 * read, register and edit a person (every signed-in clerk may; each change
 * goes to the person's history with the clerk), their household, grid,
 * special groups (only those s->user's role may see) and history, the
 * registry's vocabularies, and the values a form starts from when a person is
 * picked (one number, one source). */
#ifndef YZ_SERVICE_RESIDENTS_H
#define YZ_SERVICE_RESIDENTS_H

#include "yizhan/store/residents.h"
#include "yizhan/store/search.h"
#include "yizhan/store/cases.h"
#include "yizhan/service/session.h"

/* 0, 1 when there is no such person, -1 on error. */
int yz_service_resident_get(yz_session *s, int64_t id, yz_resident *out, yz_err *err);
int yz_service_resident_by_idno(yz_session *s, const char *idno, yz_resident *out, yz_err *err);
/* Everything the query may mean (ID number or its last 4-6 characters, name,
 * pinyin initials, phone, flat), exact matches first. */
int yz_service_resident_search(yz_session *s, const char *query, yz_search_hit *out, size_t max,
                               size_t *n, yz_err *err);
/* Issue 20: as yz_service_resident_search, hits beyond what a list shows
 * read later: the hits of out[0..n) the list is about to show, or the one
 * picked, are read with yz_service_resident_search_fill. */
int yz_service_resident_search_ids(yz_session *s, const char *query, yz_search_hit *out, size_t max,
                                   size_t *n, yz_err *err);
int yz_service_resident_search_fill(yz_session *s, yz_search_hit *hits, size_t n, yz_err *err);
/* People of the same name at the same address as r (the clerk asks first). */
int yz_service_resident_duplicates(yz_session *s, const yz_resident *r, yz_resident *out,
                                   size_t max, size_t *n, yz_err *err);
/* Register r (r->id receives the new id), s->user as the clerk. */
int yz_service_resident_add(yz_session *s, yz_resident *r, yz_err *err);
/* Save the changes to r; each changed field is kept in the history with
 * s->user and case_no (NULL or "" = not from a case). */
int yz_service_resident_update(yz_session *s, const yz_resident *r, const char *case_no,
                               yz_err *err);

/* The household id: 0, 1 when none, -1 on error. */
int yz_service_household_get(yz_session *s, int64_t id, yz_household *out, yz_err *err);
/* Its members, head first. */
int yz_service_household_members(yz_session *s, int64_t household_id, yz_resident *out, size_t max,
                                 size_t *n, yz_err *err);
/* The grid (wang ge) the household's flat lies in: 0, 1 when none is known. */
int yz_service_household_grid(yz_session *s, const yz_household *h, yz_place *out, yz_err *err);
/* The person's special groups that s->user's role may see, ended ones too, as
 * of s->today (the derived 80-and-over group included). */
int yz_service_resident_tags(yz_session *s, int64_t resident_id, yz_tag *out, size_t max, size_t *n,
                             yz_err *err);
/* The newest max changes to the person and to those of their special groups
 * s->user may see, newest first. */
int yz_service_resident_history(yz_session *s, int64_t resident_id, yz_change *out, size_t max,
                                size_t *n, yz_err *err);

/* The registry's words: a special group's label, the employment statuses
 * (1.., NULL past the end) and the nationalities (0.., NULL past the end). */
const char *yz_service_tag_label(yz_tag_kind k);
const char *yz_service_employment_label(int i);
const char *yz_service_ethnicity_at(size_t i, const char **code);

/* The values form f starts from when person r is picked: each field of f
 * whose id and type are those of a registry item — phone (a phone field),
 * address and hukou_address (address fields), since (a date field: the
 * residence start) — and that is still empty in
 * now, with the registry's value (field id in keys, value in vals; free with
 * yz_service_kv_free). Empty registry values are left out. */
int yz_service_registry_prefill(yz_session *s, const yz_form *f, const yz_values *now,
                                const yz_resident *r, yz_kv_list *out, yz_err *err);
/* Inside the transaction of the submit of case case_no of form f with values
 * v (yz_service_submit calls it, so every path that submits writes back): the
 * registry items a form writes back — the residence start (a date field
 * since) — typed in v and empty or different in the registry are written to
 * the record of the applicant (the first resident field's person), each
 * change in the history with s->user and the case (one number, one source).
 * 0 also when nothing changed or the applicant is not registered; -1 with err. */
int yz_service_registry_write_back(yz_session *s, const yz_form *f, const yz_values *v,
                                   const char *case_no, yz_err *err);

/* ---- the resident record's form (src/service/resident_form.c) ---------------------
 *
 * A person is registered and edited with forms/registry/resident.form, filled
 * with the form engine like any service item. Its field ids are the registry's
 * items below; a choice's options must be the registry's own labels. */

typedef enum yz_resident_item {
	YZ_RITEM_NONE = -1,     /* not an item of the registry */
	YZ_RITEM_NAME,          /* name (a name field; required) */
	YZ_RITEM_IDNO,          /* idno (an idcard field; required; kept once registered) */
	YZ_RITEM_PHONE,         /* phone */
	YZ_RITEM_ADDRESS,       /* address: where the person lives */
	YZ_RITEM_HUKOU_ADDRESS, /* hukou_address */
	YZ_RITEM_ETHNICITY,     /* ethnicity: a GB/T 3304 name (or code, when typed) */
	YZ_RITEM_CATEGORY,      /* category: registered, resident or floating population */
	YZ_RITEM_EMPLOYMENT,    /* employment status */
	YZ_RITEM_NOTES,         /* the clerks' notes */
	YZ_RITEM_SINCE,         /* since: the date the person has lived here since (a date) */
	YZ_RITEM_INCOME,        /* income: average monthly income in yuan (a money field) */
} yz_resident_item;

/* The registry item field d of the record form holds. */
yz_resident_item yz_service_resident_item(const yz_field_def *d);
/* The form of a person's record: <forms_dir>/registry/resident.form, else the
 * one installed with yizhan, checked as `forms check` does; NULL with err (the
 * admin is to run forms check) when it cannot be used. Free with yz_form_free. */
yz_form *yz_service_resident_form(yz_session *s, yz_err *err);
/* For `yizhan forms check DIR`: the record forms of DIR/registry (none there is
 * fine; examples checked as typed on today), "file:line:col: message" added to
 * diags; *n_forms is how many were read. 0 when all are good, -1 otherwise. */
int yz_service_check_record_forms(const char *forms_dir, yz_date today, yz_diags *diags,
                                  size_t *n_forms);
/* The values form f shows for person r (out is cleared first). */
void yz_service_resident_values(const yz_form *f, const yz_resident *r, yz_values *out);
/* Read the values v of form f into r, after checking them as submit does: for a
 * new person (r->id 0) the ID number with the birth date and sex it gives; for
 * a registered one every item but the ID number. -1 with err and *field (may be
 * NULL; the index of the field at fault, or -1) when something is wrong. The
 * name is in Chinese characters unless v marks it as a foreign or minority-
 * script name (yz_form_check_names; a registered person's unchanged name is
 * not asked again). Then yz_service_resident_add or _update writes r. */
int yz_service_resident_read(yz_session *s, const yz_form *f, const yz_values *v, yz_resident *r,
                             long *field, yz_err *err);

/* ---- a form's household table (src/service/household_members.c) -------------------
 *
 * A table with the columns name (name) and relation (choice) is a household
 * table, with or without an idno (idcard) column: the applicant is its first
 * member, the others come from the applicant's household in the registry, and
 * members typed in who are not registered yet are registered when the case is
 * submitted (in a table with an idno column; without one, a row is told by
 * its name and only the income goes back to the registry). Optional columns
 * work or employment (choice) and health (choice) start from the registry too. */

/* The household table of f, NULL when it has none. */
const yz_field_def *yz_service_household_table(const yz_form *f);
/* The cells (column id in keys, value in vals; yz_service_kv_free) a row of
 * table starts with for member m of the household of applicant (m may be the
 * applicant): name, ID number, the relation to the applicant ("self", ben ren,
 * for the applicant; told from both people's relation to the household head,
 * left out when that cannot be sure), the employment and a disability in force as
 * the columns' options. */
int yz_service_member_row(yz_session *s, const yz_field_def *table, const yz_resident *applicant,
                          const yz_resident *m, yz_kv_list *out, yz_err *err);
/* The row of table in v that holds member m: by ID number when the table has
 * an idno column, else by name; 0 when no row does. */
int yz_service_member_in_table(const yz_field_def *table, const yz_values *v, const yz_resident *m);
/* yz_service_submit, and in its transaction every member of f's household
 * table not in the registry yet (by ID number) registered with name, ID number,
 * employment, and into the applicant's household with the relation to its head
 * (a household made for the applicant, as its head, when there is none); the
 * history of each names the case. Nothing is kept when any of it fails (err
 * names the row). Forms without a household table: yz_service_submit. */
int yz_service_submit_household(yz_session *s, const yz_form *f, const yz_values *values,
                                const char *const *materials, size_t n_materials, yz_case *out,
                                yz_err *err);

#endif
