/* Helpers shared by the lifecycle screens: who may act on a case (to show only
 * the keys that will work) and what became of a printed notice. */
#include <stdio.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

bool tui_may_act(yz_tui *t, const yz_case *c)
{
	const yz_session *s = t->s;
	if (s->user.role == YZ_ROLE_HEAD || s->user.role == YZ_ROLE_ADMIN)
		return true;
	if (strcmp(c->owner[0] ? c->owner : c->clerk_login, s->user.login) == 0)
		return true;
	/* The B clerk works the absent A clerk's cases of the line. */
	yz_cover cv[YZ_MAX_COVER];
	size_t n = 0;
	char today[11];
	yz_date_format(s->today, today);
	if (yz_cover_list(s->store, s->user.login, today, cv, YZ_MAX_COVER, &n, NULL) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(cv[i].a_login, c->owner) == 0 && strcmp(cv[i].line, c->line) == 0)
			return true;
	return false;
}

void tui_outcome_msg(yz_tui *t, const char *what, int rc, const yz_print_outcome *po,
                     const yz_err *err)
{
	if (rc != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err->msg);
		return;
	}
	if (!po) {
		tui_msg(t, TUI_MSG_OK, "%s", what);
	} else if (po->saved) {
		tui_msg(t, TUI_MSG_OK, _("%s The notice was saved to %s (no printer)."), what,
		        po->saved_path);
	} else if (po->printed) {
		tui_msg(t, TUI_MSG_OK, _("%s The notice was printed."), what);
	} else if (!po->reason[0]) {
		tui_msg(t, TUI_MSG_OK, "%s", what); /* nothing was to print */
	} else {
		tui_msg(t, TUI_MSG_ERROR,
		        _("%s The notice did not print (%s); it waits in the reprint list."), what,
		        po->reason);
	}
}
