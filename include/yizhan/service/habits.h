/* service/habits.h: the counter starts from what the station does most (issue
 * 12) — the items it serves most (numbered at the top of the catalogue, a digit
 * opens one), the value a choice of a form usually takes (the field starts
 * with it; the clerk may change it), and a resident named for sure by the last
 * digits of the ID number (picked without Enter). All of it is read from the
 * station's own cases and registry: a new station has no habits yet. The
 * service module, src/service/habits.c; all of it: yizhan/service.h. */
#ifndef YZ_SERVICE_HABITS_H
#define YZ_SERVICE_HABITS_H

#include <stddef.h>

#include "yizhan/form.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/search.h"
#include "yizhan/service/session.h"

/* How many of the station's latest cases the habits are read from. */
#define YZ_HABIT_RECENT_CASES 1000
/* How many of a form's latest cases give a field's usual value. */
#define YZ_HABIT_RECENT_OF_FORM 200

/* The service items of s->cat the station used most in its latest cases, most
 * used first (of two as used, the one used last first): up to max into out, *n
 * of them. Forms no longer in the catalogue and record forms are left out. */
int yz_service_top_forms(yz_session *s, const yz_form **out, size_t max, size_t *n, yz_err *err);

/* The usual value of each choice field of f (outside tables): the option the
 * form's latest cases chose most (field id in keys, the option in vals; free
 * with yz_service_kv_free). A field no case filled, or whose usual value is no
 * longer one of its options, is left out; so is a value that would make
 * another field required while it is empty (purpose "other" asks for a note):
 * the clerk chooses that one. The counter shows a default as the station's
 * usual answer until the clerk touches it. */
int yz_service_choice_defaults(yz_session *s, const yz_form *f, yz_kv_list *out, yz_err *err);

/* Whether the n hits found for query name one person for sure: query is the
 * last 4 to 6 characters of an ID number, it found exactly one person by
 * them, and it cannot be the start of another person's longer ending or of a
 * whole ID number still being typed. 1 (the person is hits[0]), 0, -1 with err. */
int yz_service_resident_sure(yz_session *s, const char *query, const yz_search_hit *hits, size_t n,
                             yz_err *err);

#endif
