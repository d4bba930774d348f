/* demo: the demo station generator (yizhan init --demo; the demo module,
 * src/demo/), written on the store's public API only. */
#ifndef YZ_DEMO_H
#define YZ_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/db.h"
#include "yizhan/store/residents.h"

typedef struct yz_demo_item yz_demo_item;

struct yz_demo_item {
	const char *form_id;
	const char *title;
	const char *line;
	int promise_days;
	int legal_days;          /* issue 4: legal limit (0 = none) */
	const char *first_state; /* the form's first workflow state; NULL = built-in */
	/* What intake would record for this item (issue 3's forms). Field values
	 * are samples; a value of several lines is a list to draw one from per
	 * case. Some keys take the resident's own data instead: applicant_field
	 * the ID number, "phone" and "address" the registry's. No fields and no
	 * materials: the demo's generic purpose and materials. */
	const char *const *field_keys;
	const char *const *field_vals;
	size_t n_fields;
	const char *applicant_field;  /* the form's resident field, or NULL */
	const char *const *materials; /* labels of the materials received */
	size_t n_materials;
	/* How a finished case of a form with a workflow ends: its terminal state
	 * and result (NULL and YZ_RESULT_NONE = the built-in "done", resolved). */
	const char *close_state;
	yz_case_result close_result;
	/* Issue 13: the case's fields completed as intake would record them for
	 * applicant r (tables, fields shown on a condition, computed values), so
	 * that its documents have every value they name: drawn holds the sample
	 * values drawn for the case, out receives the fields to store (the demo
	 * frees it with yz_kv_free). NULL = the drawn values as they are. */
	int (*complete)(void *ctx, const yz_demo_item *it, const yz_resident *r,
	                const yz_kv_list *drawn, yz_kv_list *out, yz_err *err);
	void *complete_ctx; /* passed to complete */
};

/* Fill an empty station with demo clerks (see README for logins), about
 * n_residents residents in households (valid ID numbers of one city), and
 * n_cases cases spread over items, days and states. Deterministic for a seed.
 * Names, streets and other Chinese sample data come from data_dir/demo.txt.
 * Promised and legal dates are counted in working days on cal, the
 * station's calendar (NULL = Monday to Friday), as intake counts them.
 * One transaction: on failure nothing is kept. The cases are stamped at their
 * own past times (no later than the store's clock says now); the store has its
 * clock back when this returns. */
int yz_demo_fill(yz_store *st, const char *data_dir, const char *station_code, yz_date today,
                 const yz_calendar *cal, unsigned seed, int n_residents, int n_cases,
                 const yz_demo_item *items, size_t n_items, yz_err *err);

#endif
