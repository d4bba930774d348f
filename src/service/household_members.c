/* A form's household table filled from the registry, and written back to it
 * (one number, one source): the applicant is member 1, the other members of
 * the applicant's household start with what the registry knows of them, and
 * a member typed into a row who is not registered yet is registered into the
 * applicant's household with the case that brought them.
 *
 * The table is recognised by its columns (forms/README.md): a "name" column
 * (name) and a "relation" column (choice) make a household table, with or
 * without an "idno" column (idcard; without one, a row is told from another by
 * its name, members typed in are not registered, and an income is written back
 * to the one member of the applicant's household of that name); "work" or "employment" (choice) is
 * the registry's employment, "health" (choice) knows a current disability. A station's form keeps
 * its own option words: a registry word finds the option equal to it or the longest option it
 * starts with (the registry's "in school, student" is the form's "in school"). An "income" column
 * (money) is the registry's monthly income: a row starts with it, and the figure of a submitted row
 * is written back to the person, the history naming the case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "submit_int.h"
#include "workflow_int.h"

/* The relation of the applicant to themself, as household tables write it
 * (ben ren). */
#define REL_SELF_WORD "\u672c\u4eba"

/* The registry's relationships (yz_relation_label's order), and SELF. */
enum {
	REL_HEAD,
	REL_SPOUSE,
	REL_CHILD,
	REL_PARENT,
	REL_GRANDCHILD,
	REL_SIBLING,
	REL_OTHER,
	REL_SELF,
	REL_UNKNOWN = -1,
};

/* Member m's relation to the applicant a, from both people's relation to the
 * household's head: only what is sure (a grandchild of the head may be the
 * applicant's child or a nephew: not listed). When the applicant is the head,
 * the member's own relation is the answer. */
static const struct {
	int applicant; /* the applicant's relation to the head */
	int member;    /* the member's relation to the head */
	int result;    /* the member's relation to the applicant */
} rel_rules[] = {
    {REL_SPOUSE, REL_HEAD, REL_SPOUSE},
    {REL_SPOUSE, REL_CHILD, REL_CHILD},
    {REL_SPOUSE, REL_GRANDCHILD, REL_GRANDCHILD},
    {REL_CHILD, REL_HEAD, REL_PARENT},
    {REL_CHILD, REL_SPOUSE, REL_PARENT},
    {REL_CHILD, REL_CHILD, REL_SIBLING},
    {REL_PARENT, REL_HEAD, REL_CHILD},
    {REL_PARENT, REL_CHILD, REL_GRANDCHILD},
    {REL_SIBLING, REL_HEAD, REL_SIBLING},
    {REL_SIBLING, REL_SIBLING, REL_SIBLING},
    {REL_SIBLING, REL_PARENT, REL_PARENT},
};

#define N_RULES (sizeof rel_rules / sizeof rel_rules[0])

static int relation_index(const char *label)
{
	for (int i = 0; yz_relation_label(i); i++)
		if (strcmp(yz_relation_label(i), label) == 0)
			return i;
	return REL_UNKNOWN;
}

static const char *relation_word(int rel)
{
	return rel == REL_SELF ? REL_SELF_WORD : rel >= 0 ? yz_relation_label(rel) : NULL;
}

static int relation_to_applicant(const yz_resident *a, const yz_resident *m)
{
	int ar = relation_index(a->relation), mr = relation_index(m->relation);

	if (a->id == m->id)
		return REL_SELF;
	if (ar == REL_HEAD && mr != REL_HEAD)
		return mr;
	for (size_t i = 0; i < N_RULES; i++)
		if (rel_rules[i].applicant == ar && rel_rules[i].member == mr)
			return rel_rules[i].result;
	return REL_UNKNOWN;
}

/* The relation to the head of a member whose relation to applicant a is r
 * (an option word of the form): OTHER when it cannot be told. */
static int relation_to_head(const yz_resident *a, const char *r)
{
	int ar = relation_index(a->relation), rr = relation_index(r), found = REL_UNKNOWN;

	if (rr == REL_UNKNOWN || rr == REL_HEAD)
		return REL_OTHER;
	if (ar == REL_HEAD)
		return rr;
	for (size_t i = 0; i < N_RULES; i++) {
		if (rel_rules[i].applicant != ar || rel_rules[i].result != rr)
			continue;
		if (found != REL_UNKNOWN)
			return REL_OTHER; /* two answers: not sure */
		found = rel_rules[i].member;
	}
	return found == REL_UNKNOWN ? REL_OTHER : found;
}

/* ---- the table's columns ------------------------------------------------------ */

static const yz_field_def *column(const yz_field_def *table, const char *id, yz_field_type type)
{
	const yz_field_def *c = yz_table_column(table, id);

	return c && c->type == type ? c : NULL;
}

static const yz_field_def *work_column(const yz_field_def *table)
{
	const yz_field_def *c = column(table, "work", YZ_FIELD_CHOICE);

	return c ? c : column(table, "employment", YZ_FIELD_CHOICE);
}

const yz_field_def *yz_service_household_table(const yz_form *f)
{
	for (size_t i = 0; f && i < f->n_fields; i++) {
		const yz_field_def *t = &f->fields[i];
		/* no ID column needed: the certificate of a household's finances
		 * lists its members by name */
		if (t->type == YZ_FIELD_TABLE && column(t, "name", YZ_FIELD_NAME) &&
		    column(t, "relation", YZ_FIELD_CHOICE))
			return t;
	}
	return NULL;
}

/* The option of choice column c for the registry's word: the option equal to
 * it, else the longest option it starts with; NULL when none. */
static const char *option_for(const yz_field_def *c, const char *word)
{
	const char *best = NULL;

	if (!c || !word || !*word)
		return NULL;
	for (size_t i = 0; i < c->n_options; i++) {
		const char *o = c->options[i];
		size_t l = strlen(o);
		if (strcmp(o, word) == 0)
			return o;
		if (l && strncmp(word, o, l) == 0 && (!best || l > strlen(best)))
			best = o;
	}
	return best;
}

/* The registry's employment word for option o of the form: the word equal to
 * it, else the one word that starts with it; NULL when none or several. */
static const char *employment_for(const char *o)
{
	const char *found = NULL;

	for (int i = 1; o && *o && yz_employment_label(i); i++) {
		const char *w = yz_employment_label(i);
		if (strcmp(w, o) == 0)
			return w;
		if (strncmp(w, o, strlen(o)) == 0) {
			if (found)
				return NULL;
			found = w;
		}
	}
	return found;
}

static const yz_field_def *income_column(const yz_field_def *table)
{
	return column(table, "income", YZ_FIELD_MONEY);
}

/* ---- a row from the registry ---------------------------------------------------- */

/* Whether m has a disability group in force today (as s->user may see it). */
static bool disabled_now(yz_session *s, const yz_resident *m)
{
	yz_tag tags[32];
	size_t n = 0;
	char today[11];

	yz_date_format(s->today, today);
	if (yz_service_resident_tags(s, m->id, tags, 32, &n, NULL) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tags[i].kind == YZ_TAG_DISABLED &&
		    (!tags[i].end[0] || strcmp(tags[i].end, today) > 0))
			return true;
	return false;
}

static int push(yz_kv_list *out, const yz_field_def *c, const char *val, yz_err *err)
{
	if (!c || !val || !*val)
		return 0;
	if (yz_kv_push(out, c->id, val) == 0)
		return 0;
	yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
	return -1;
}

int yz_service_member_row(yz_session *s, const yz_field_def *table, const yz_resident *applicant,
                          const yz_resident *m, yz_kv_list *out, yz_err *err)
{
	const yz_field_def *rel = column(table, "relation", YZ_FIELD_CHOICE);
	const yz_field_def *health = column(table, "health", YZ_FIELD_CHOICE);
	int r = relation_to_applicant(applicant, m);
	int rc;

	memset(out, 0, sizeof *out);
	rc = push(out, column(table, "name", YZ_FIELD_NAME), m->name, err);
	if (rc == 0)
		rc = push(out, column(table, "idno", YZ_FIELD_IDCARD), m->idno, err);
	if (rc == 0)
		rc = push(out, rel, option_for(rel, relation_word(r)), err);
	if (rc == 0)
		rc = push(out, work_column(table), option_for(work_column(table), m->employment),
		          err);
	if (rc == 0)
		rc = push(out, income_column(table), m->income, err);
	if (rc == 0 && health && disabled_now(s, m))
		rc = push(out, health, option_for(health, yz_tag_label(YZ_TAG_DISABLED)), err);
	if (rc != 0)
		yz_kv_free(out);
	return rc;
}

int yz_service_member_in_table(const yz_field_def *table, const yz_values *v, const yz_resident *m)
{
	bool by_id = column(table, "idno", YZ_FIELD_IDCARD) != NULL;
	const char *want = by_id ? m->idno : m->name;

	for (int r = 1; *want && r <= yz_table_rows(v, table->id); r++) {
		const char *x = yz_table_get(v, table->id, r, by_id ? "idno" : "name");
		if (x && strcmp(x, want) == 0)
			return r;
	}
	return 0;
}

/* ---- registering the rows not in the registry ----------------------------------- */

/* The applicant of the values: the person of the form's first resident field. */
static int applicant_of(yz_session *s, const yz_form *f, const yz_values *v, yz_resident *a,
                        yz_err *err)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const char *idno = yz_values_get(v, f->fields[i].id);
		if (f->fields[i].type != YZ_FIELD_RESIDENT)
			continue;
		int rc = idno && *idno ? yz_resident_by_idno(s->store, idno, a, err) : 1;
		if (rc == 1)
			yz_err_set(err, "%s", _("The applicant is not in the registry."));
		return rc == 0 ? 0 : -1;
	}
	return 1; /* no applicant: nobody to register members with */
}

/* The applicant's household, made (with the applicant as its head) when the
 * registry has none for them yet. */
static int applicant_household(yz_session *s, yz_resident *a, const char *case_no, yz_err *err)
{
	int64_t h = 0;

	if (a->household_id)
		return 0;
	if (yz_household_add(s->store, a->address, &h, err) != 0)
		return -1;
	a->household_id = h;
	snprintf(a->relation, sizeof a->relation, "%s", yz_relation_label(REL_HEAD));
	if (yz_resident_update(s->store, a, s->user.login, case_no, err) != 0)
		return -1;
	return yz_household_set_head(s->store, h, a->id, s->user.login, case_no, err);
}

/* The income of row as the registry keeps money ("1850.00") into buf; false
 * when the form has no income column or the row none (the registry keeps its
 * figure). */
static bool row_income(const yz_field_def *table, const yz_values *v, int row, char buf[32])
{
	const yz_field_def *ic = income_column(table);
	const char *typed = ic ? yz_table_get(v, table->id, row, ic->id) : NULL;
	int64_t fen;

	if (!typed || !yz_money_parse(typed, &fen) || fen < 0)
		return false;
	yz_money_format(fen, buf);
	return true;
}

/* A registered member's income from the row, when it differs: the history
 * names the case. The applicant's copy a follows (it may be written again). */
static int write_income(yz_session *s, yz_resident *known, const char *income, yz_resident *a,
                        const char *case_no, yz_err *err)
{
	if (strcmp(known->income, income) == 0)
		return 0;
	snprintf(known->income, sizeof known->income, "%s", income);
	if (yz_resident_update(s->store, known, s->user.login, case_no, err) != 0)
		return -1;
	if (known->id == a->id)
		snprintf(a->income, sizeof a->income, "%s", income);
	return 0;
}

/* In a table without an ID column: the one member of a's household named
 * name, found into out (1 when none or several: nobody is guessed). */
static int member_by_name(yz_session *s, const yz_resident *a, const char *name, yz_resident *out,
                          yz_err *err)
{
	enum { MAX = 64 };
	yz_resident *m = a->household_id ? calloc(MAX, sizeof *m) : NULL;
	size_t n = 0, found = 0;

	if (a->household_id && !m) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	if (a->id && strcmp(a->name, name) == 0) {
		*out = *a;
		found = 1;
	}
	if (m && yz_household_members(s->store, a->household_id, m, MAX, &n, err) != 0) {
		free(m);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (m[i].id != a->id && strcmp(m[i].name, name) == 0 && found++ == 0)
			*out = m[i];
	free(m);
	return found == 1 ? 0 : 1;
}

/* Register row's member: added, then put into the applicant's household with
 * the relation, employment and income, so that the history names the case. A
 * registered member's income is written back. */
static int register_row(yz_session *s, const yz_field_def *table, const yz_values *v, int row,
                        yz_resident *a, const char *case_no, yz_err *err)
{
	const char *name = yz_table_get(v, table->id, row, "name");
	const char *idno = yz_table_get(v, table->id, row, "idno");
	const char *rel = yz_table_get(v, table->id, row, "relation");
	const yz_field_def *wc = work_column(table);
	const char *work = wc ? employment_for(yz_table_get(v, table->id, row, wc->id)) : NULL;
	yz_resident r = {0}, known;
	char income[32];
	bool has_income;
	int rc;

	if (!name || !*name)
		return 0;
	has_income = row_income(table, v, row, income);
	if (!column(table, "idno", YZ_FIELD_IDCARD)) { /* a member of the household by name */
		rc = has_income ? member_by_name(s, a, name, &known, err) : 1;
		return rc == 0 ? write_income(s, &known, income, a, case_no, err) : rc < 0 ? -1 : 0;
	}
	if (!idno || !*idno)
		return 0;
	rc = yz_resident_by_idno(s->store, idno, &known, err);
	if (rc < 0)
		return rc;
	if (rc == 0) /* registered already: the registry is the source, but for the income */
		return has_income ? write_income(s, &known, income, a, case_no, err) : 0;
	if (applicant_household(s, a, case_no, err) != 0)
		return -1;
	snprintf(r.name, sizeof r.name, "%s", name);
	snprintf(r.idno, sizeof r.idno, "%s", idno);
	if (yz_resident_add(s->store, &r, s->user.login, err) != 0)
		return -1;
	r.household_id = a->household_id;
	snprintf(r.relation, sizeof r.relation, "%s",
	         yz_relation_label(relation_to_head(a, rel ? rel : "")));
	if (work)
		snprintf(r.employment, sizeof r.employment, "%s", work);
	if (has_income)
		snprintf(r.income, sizeof r.income, "%s", income);
	return yz_resident_update(s->store, &r, s->user.login, case_no, err);
}

static int register_members(yz_session *s, const yz_form *f, const yz_values *v,
                            const char *case_no, yz_err *err)
{
	const yz_field_def *table = yz_service_household_table(f);
	yz_resident a;
	int rc;

	if (!table)
		return 0;
	rc = applicant_of(s, f, v, &a, err);
	if (rc != 0)
		return rc > 0 ? 0 : -1;
	for (int row = 1; row <= yz_table_rows(v, table->id); row++) {
		yz_err why = {{0}};
		if (register_row(s, table, v, row, &a, case_no, &why) == 0)
			continue;
		/* EXISTS is the duplicate guard's (a second open case): not this. */
		yz_err_setc(err, why.code == YZ_ERR_EXISTS ? YZ_ERR_FAILED : why.code,
		            _("Member %d (%s) of %s could not be written to the registry: %s"), row,
		            yz_table_get(v, table->id, row, "name"), table->label, why.msg);
		return -1;
	}
	return 0;
}

/* The submit's step (svc_submit_step): inside its transaction, after the case. */
static int register_step(yz_session *s, const yz_form *f, const yz_values *v, const yz_case *c,
                         yz_err *err)
{
	return register_members(s, f, v, c->number, err);
}

/* One transaction, the submit's own (not one around it): a refusal's audit row
 * is written after its rollback and is kept. */
int yz_service_submit_household(yz_session *s, const yz_form *f, const yz_values *values,
                                const char *const *materials, size_t n_materials, yz_case *out,
                                yz_err *err)
{
	return svc_submit(s, f, values, materials, n_materials, svc_household_step(f), out, err);
}

svc_submit_step svc_household_step(const yz_form *f)
{
	return yz_service_household_table(f) ? register_step : NULL;
}
