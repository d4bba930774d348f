/* Workflow checks of `yizhan forms check`: the states of a form must form a
 * graph the case-lifecycle can walk — every next state exists, every state can
 * be reached from the first one, and a case can always move on until a
 * terminal state. */
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"

static long state_index(const yz_form *f, const char *id)
{
	for (size_t i = 0; i < f->n_states; i++)
		if (strcmp(f->states[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Marks the states reachable from s (depth-first, iterative). */
static void mark_reachable(const yz_form *f, bool *seen)
{
	size_t *stack = malloc(f->n_states * sizeof *stack), n = 0;

	if (stack == NULL)
		return;
	seen[0] = true;
	stack[n++] = 0;
	while (n > 0) {
		const yz_state_def *st = &f->states[stack[--n]];
		for (size_t j = 0; j < st->n_next; j++) {
			long k = state_index(f, st->next[j]);
			if (k >= 0 && !seen[k]) {
				seen[k] = true;
				stack[n++] = (size_t)k;
			}
		}
	}
	free(stack);
}

static int check_next(const yz_form *f, const yz_state_def *st, yz_diags *diags)
{
	int errors = 0;

	for (size_t j = 0; j < st->n_next; j++) {
		if (state_index(f, st->next[j]) >= 0)
			continue;
		yz_diags_add(diags, f->path, st->next_line[j], st->next_col[j],
		             _("state '%s' moves to unknown state '%s': add a 'state %s' block or "
		               "correct the name"),
		             st->id, st->next[j], st->next[j]);
		errors++;
	}
	if (st->terminal && st->n_next > 0) {
		yz_diags_add(diags, f->path, st->line, 1,
		             _("state '%s' is terminal and cannot have 'next' states"), st->id);
		errors++;
	}
	if (!st->terminal && st->n_next == 0) {
		yz_diags_add(diags, f->path, st->line, 1,
		             _("state '%s' leads nowhere: add 'next <state>' or 'terminal yes'"),
		             st->id);
		errors++;
	}
	return errors;
}

int yzf_check_states(const yz_form *f, yz_diags *diags)
{
	bool *seen;
	int errors = 0;

	if (f->n_states == 0)
		return 0;
	for (size_t i = 0; i < f->n_states; i++)
		errors += check_next(f, &f->states[i], diags);
	if ((seen = calloc(f->n_states, sizeof *seen)) == NULL)
		return errors;
	mark_reachable(f, seen);
	for (size_t i = 0; i < f->n_states; i++) {
		if (seen[i])
			continue;
		yz_diags_add(diags, f->path, f->states[i].line, 1,
		             _("state '%s' cannot be reached from the first state '%s'"),
		             f->states[i].id, f->states[0].id);
		errors++;
	}
	free(seen);
	return errors;
}
