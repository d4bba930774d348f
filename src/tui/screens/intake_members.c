/* The household table of an intake form, filled from the registry: the
 * applicant as member 1, the members of the applicant's household with one key
 * each (F7) or all at once (F8). Every cell is set through the engine, as if
 * typed: drafts, computed fields and validation work as for typed values.
 * Members typed into a row who are not registered yet are registered when the
 * case is submitted (yz_service_submit_household). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "intake_members.h"

enum { MEMBERS_MAX = YZ_TABLE_MAX_ROWS };

/* The household table of the engine's form and its field index; NULL when
 * the form has none. */
static const yz_field_def *household_table(yz_engine *eng, size_t *field)
{
	const yz_form *f = yz_engine_form(eng);
	const yz_field_def *table = yz_service_household_table(f);

	if (table && field)
		*field = (size_t)(table - f->fields);
	return table;
}

/* Whether the cursor is in the household table (on it or in a row). */
static bool in_household_table(yz_engine *eng)
{
	size_t field = 0;

	return household_table(eng, &field) && yz_engine_cell_def(eng) &&
	       yz_engine_field_index(eng) == field;
}

/* The applicant: the person of the form's first resident field. */
static bool applicant(yz_tui *t, yz_engine *eng, yz_resident *out)
{
	const yz_form *f = yz_engine_form(eng);

	for (size_t i = 0; i < f->n_fields; i++) {
		if (f->fields[i].type != YZ_FIELD_RESIDENT)
			continue;
		const char *idno = yz_values_get(yz_engine_values(eng), f->fields[i].id);
		return idno && *idno && yz_service_resident_by_idno(t->s, idno, out, NULL) == 0;
	}
	return false;
}

/* The row holding member m (by ID number, or by name in a table without
 * one), 0 when none does. */
static int row_of(yz_engine *eng, const yz_field_def *table, const yz_resident *m)
{
	return yz_service_member_in_table(table, yz_engine_values(eng), m);
}

/* Set row's cells to m's (cells the registry does not know are emptied). */
static bool fill_row(yz_tui *t, yz_engine *eng, size_t field, int row, const yz_resident *a,
                     const yz_resident *m)
{
	const yz_field_def *table = &yz_engine_form(eng)->fields[field];
	yz_kv_list kv = {0};
	yz_err err = {{0}};

	if (yz_service_member_row(t->s, table, a, m, &kv, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return false;
	}
	for (size_t c = 0; c < table->n_columns; c++) {
		const char *val = "";
		for (size_t k = 0; k < kv.n; k++)
			if (strcmp(kv.keys[k], table->columns[c].id) == 0)
				val = kv.vals[k];
		if (yz_engine_goto(eng, field, row, c))
			yz_engine_set_text(eng, val);
	}
	yz_service_kv_free(&kv);
	return true;
}

/* Append a row for m; false when the table is full (the engine says so). */
static bool add_member(yz_tui *t, yz_engine *eng, size_t field, const yz_resident *a,
                       const yz_resident *m)
{
	const yz_field_def *table = &yz_engine_form(eng)->fields[field];

	/* In the table, the row is added from the cell the clerk is in, which is
	 * checked as when it is left; elsewhere from the table itself. */
	bool here = yz_engine_field_index(eng) == field && yz_engine_cell_def(eng);
	if ((!here && !yz_engine_goto(eng, field, 0, 0)) ||
	    yz_engine_key(eng, YZ_KEY_ROW_ADD, 0) != YZ_KEY_DONE) {
		tui_msg(t, TUI_MSG_ERROR, "%s", yz_engine_message(eng));
		return false;
	}
	return fill_row(t, eng, field, yz_table_rows(yz_engine_values(eng), table->id), a, m);
}

void members_applicant(yz_tui *t, yz_engine *eng, const yz_resident *r)
{
	size_t field = 0, at = yz_engine_field_index(eng);
	const yz_field_def *table = household_table(eng, &field);
	const yz_values *v = yz_engine_values(eng);
	yz_kv_list self = {0};

	if (!table || row_of(eng, table, r) ||
	    yz_service_member_row(t->s, table, r, r, &self, NULL) != 0)
		return;
	/* Member 1 written as "self" was the applicant picked before: replaced. */
	const char *rel1 = yz_table_get(v, table->id, 1, "relation");
	bool was_self = false;
	for (size_t k = 0; k < self.n && rel1; k++)
		was_self = was_self || (strcmp(self.keys[k], "relation") == 0 &&
		                        strcmp(self.vals[k], rel1) == 0);
	yz_service_kv_free(&self);
	if (yz_table_rows(v, table->id) == 0)
		add_member(t, eng, field, r, r);
	else if (was_self)
		fill_row(t, eng, field, 1, r, r);
	yz_engine_goto(eng, at, 0, 0);
}

/* The members of the applicant's household not in the table yet. */
static size_t candidates(yz_tui *t, yz_engine *eng, const yz_field_def *table, const yz_resident *a,
                         yz_resident *out)
{
	yz_resident *all = calloc(MEMBERS_MAX, sizeof *all);
	size_t n = 0, k = 0;

	if (all && a->household_id &&
	    yz_service_household_members(t->s, a->household_id, all, MEMBERS_MAX, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++)
			if (!row_of(eng, table, &all[i]))
				out[k++] = all[i];
	free(all);
	return k;
}

/* After adding: the first required cell still empty, so that the clerk types
 * on at once (the incomes, say); else the last row. */
static void focus_first_empty(yz_engine *eng, size_t field)
{
	const yz_field_def *table = &yz_engine_form(eng)->fields[field];
	const yz_values *v = yz_engine_values(eng);
	int rows = yz_table_rows(v, table->id);

	for (int r = 1; r <= rows; r++)
		for (size_t c = 0; c < table->n_columns; c++) {
			const char *x = yz_table_get(v, table->id, r, table->columns[c].id);
			if (table->columns[c].required && (!x || !*x) &&
			    yz_engine_goto(eng, field, r, c))
				return;
		}
	yz_engine_goto(eng, field, rows, 0);
}

static void free_items(char **items, size_t n)
{
	for (size_t i = 0; items && i < n; i++)
		free(items[i]);
	free(items);
}

/* "name  relation  masked ID" of each candidate, for the picker; NULL when
 * out of memory (never a list with a hole in it). */
static char **pick_items(yz_tui *t, const yz_field_def *table, const yz_resident *a,
                         const yz_resident *c, size_t n)
{
	char **items = calloc(n + 1, sizeof *items);

	for (size_t i = 0; items && i < n; i++) {
		yz_kv_list kv = {0};
		const char *rel = "";
		char masked[19];
		if (yz_service_member_row(t->s, table, a, &c[i], &kv, NULL) == 0)
			for (size_t k = 0; k < kv.n; k++)
				if (strcmp(kv.keys[k], "relation") == 0)
					rel = kv.vals[k];
		yz_idcard_mask(c[i].idno, masked);
		items[i] =
		    yz_strdup_printf("%s  %s  %s", c[i].name, *rel ? rel : c[i].relation, masked);
		yz_service_kv_free(&kv);
		if (!items[i]) {
			free_items(items, i);
			return NULL;
		}
	}
	return items;
}

/* F7 (all false): the household's members not in the table, one key each
 * until none is left or Esc; F8 (all): every one of them at once. */
static void from_household(yz_tui *t, yz_engine *eng, bool all)
{
	size_t field = 0, added = 0, n;
	const yz_field_def *table = household_table(eng, &field);
	yz_resident a, *c = calloc(MEMBERS_MAX, sizeof *c);
	bool no_memory = false;

	if (!c) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	if (!applicant(t, eng, &a)) {
		tui_msg(t, TUI_MSG_ERROR, "%s",
		        _("Choose the applicant first: the members come from "
		          "the applicant's household."));
	} else if ((n = candidates(t, eng, table, &a, c)) == 0) {
		tui_msg(t, TUI_MSG_INFO, "%s",
		        a.household_id
		            ? _("Everybody of the applicant's household in the registry is "
		                "in the table. Others: F3 adds a row.")
		            : _("The applicant has no household in the registry. F3 adds "
		                "a row; members typed in are registered on submit."));
	} else {
		while (n > 0) {
			long pick = 0;
			if (!all) {
				char **items = pick_items(t, table, &a, c, n);
				if (!items) { /* no list to pick from: this member is not added */
					no_memory = true;
					break;
				}
				pick = tui_pick(t, _("Members of the household"), items, n, 0);
				free_items(items, n);
			}
			if (pick < 0 || !add_member(t, eng, field, &a, &c[pick]))
				break;
			added++;
			n = candidates(t, eng, table, &a, c);
		}
		if (added)
			tui_msg(t, TUI_MSG_OK,
			        _("Added from the household: %zu. Type what the "
			          "registry does not know (incomes)."),
			        added);
	}
	if (no_memory) /* said last: the members added before it stay */
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
	if (added)
		focus_first_empty(eng, field);
	free(c);
}

bool members_key(yz_tui *t, yz_formview *fv, tui_key k)
{
	if (!in_household_table(fv->eng) || !(key_code(k, KEY_F(7)) || key_code(k, KEY_F(8))))
		return false;
	formview_resolve_choice(fv); /* "3" typed into a choice is its option */
	from_household(t, fv->eng, key_code(k, KEY_F(8)));
	return true;
}

size_t members_hints(yz_engine *eng, yz_keyhint *out)
{
	if (!in_household_table(eng))
		return 0;
	out[0] = (yz_keyhint){"F7", N_("From household")};
	out[1] = (yz_keyhint){"F8", N_("Whole household")};
	return 2;
}
