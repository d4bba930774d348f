/* Picking a colleague from the station's accounts (hand-over, A/B clerks, absences):
 * clerks and heads by name, never a login typed from memory. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

enum { PEOPLE_MAX = 64 };

bool tui_pick_clerk(yz_tui *t, const char *title, const char *skip, bool none, char login[33])
{
	yz_user u[PEOPLE_MAX];
	char names[PEOPLE_MAX + 1][180], *items[PEOPLE_MAX + 1];
	size_t n = 0, k = 0;
	yz_err err = {{0}};
	if (yz_service_user_list(t->s, u, PEOPLE_MAX, &n, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return false;
	}
	const char *logins[PEOPLE_MAX + 1];
	if (none) {
		snprintf(names[k], sizeof names[k], "%s", _("(nobody)"));
		logins[k++] = "";
	}
	for (size_t i = 0; i < n; i++) {
		if (u[i].role == YZ_ROLE_ADMIN || (skip && !strcmp(u[i].login, skip)))
			continue;
		snprintf(names[k], sizeof names[k], "%s (%s)", u[i].name, u[i].login);
		logins[k++] = u[i].login;
	}
	if (k == 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("There is no other clerk to choose."));
		return false;
	}
	for (size_t i = 0; i < k; i++)
		items[i] = names[i];
	long sel = tui_pick(t, title, items, k, 0);
	if (sel < 0)
		return false;
	snprintf(login, 33, "%s", logins[sel]);
	return true;
}
