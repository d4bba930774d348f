/* store/habits.h: what the station's own cases say about its day — the items it
 * serves most, and the value a field of a form usually takes — so that the
 * counter starts from them (issue 12). The store module, src/store/habits.c;
 * the whole API: yizhan/store.h. */
#ifndef YZ_STORE_HABITS_H
#define YZ_STORE_HABITS_H

#include <stddef.h>

#include "yizhan/core.h"
#include "yizhan/store/db.h"

/* How often a form was used. */
typedef struct yz_form_use {
	char form_id[64]; /* the form's id, as the cases recorded it */
	long count;       /* cases of it among those looked at */
} yz_form_use;

/* The forms of the station's latest `recent` cases, most used first (of two
 * used as often, the one used last first): up to max into out, *n of them. */
int yz_habit_top_forms(yz_store *st, size_t recent, yz_form_use *out, size_t max, size_t *n,
                       yz_err *err);

/* The usual value of field key in the latest `recent` cases of form_id into
 * out (n bytes): the value given at least twice and more often than any other.
 * 0; 1 when there is none (no such cases, or no clear habit: two values as
 * common, or each given once); -1 with err. */
int yz_habit_usual_value(yz_store *st, const char *form_id, const char *key, size_t recent,
                         char *out, size_t n, yz_err *err);

#endif
