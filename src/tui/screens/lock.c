/* The counter's lock (issue 14). After idle_lock_minutes without a key the
 * screen is covered by this one: the station, the counter and who is logged
 * in, nothing of a resident (not even the message line). The clerk's password
 * takes the lock away and everything is as it was — the form, the field, the
 * text typed — because nothing under the lock was touched. Another clerk's
 * login ends the session under it instead: tui.c unwinds the screens (their
 * forms' drafts stay, saved at every change) and starts the new clerk's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct lock {
	yz_panel panel;   /* row 0 user (the clerk's login offered), row 1 password */
	bool offered;     /* row 0 holds the clerk's login, not typed: a letter replaces it */
	int idle;         /* the seconds without a key that locked it */
	char status[512]; /* the message line under the lock, given back on unlock */
	yz_msg_kind status_kind; /* and its kind */
} lock;

static void lock_draw(yz_tui *t, yz_screen *sc)
{
	lock *l = sc->data;
	char buf[512], line[256];
	tui_title(t, _("Counter locked"));
	int y = LINES / 2 - 6;
	tui_put_center(y, t->s->cfg->station_name, tui_attr(t, ROLE_TITLE));
	bool warn = yz_service_counter_text(t->s, false, buf, sizeof buf);
	tui_put_center(y + 1, buf, warn ? tui_attr(t, ROLE_ERROR) : A_NORMAL);
	tui_fmt(buf, sizeof buf, _("Logged in: %s (%s)"), t->s->user.name, t->s->user.login);
	tui_put_center(y + 3, buf, tui_attr(t, ROLE_TITLE));
	if (l->idle >= 60)
		tui_fmt(buf, sizeof buf, _("Locked after %d minutes without a key."), l->idle / 60);
	else
		tui_fmt(buf, sizeof buf, _("Locked after %d seconds without a key."), l->idle);
	tui_put_center(y + 4, buf, A_NORMAL);
	tui_fmt(buf, sizeof buf, "%s",
	        _("Press Enter and type your password to go on where you were. Another clerk "
	          "may type their own user name and password: this session then ends, and what "
	          "was typed into a form stays as a draft."));
	const char *p = buf;
	for (int i = 0; i < 3 && *p; i++) {
		size_t shown, skip = tui_wrap(p, COLS - 8, &shown);
		snprintf(line, sizeof line, "%.*s", (int)shown, p);
		tui_put_center(y + 5 + i, line, tui_attr(t, ROLE_DIM));
		p += skip ? skip : strlen(p);
	}
	panel_draw(t, &l->panel, y + 9, y + 11);
}

static void try_unlock(yz_tui *t, lock *l)
{
	const char *user = panel_value(&l->panel, 0);
	const char *pass = panel_value(&l->panel, 1);
	if (!*user) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Type your user name."));
		panel_focus(&l->panel, 0);
		return;
	}
	yz_user u;
	int locked = 0;
	yz_err err = {{0}};
	yz_login_result r =
	    yz_service_check_login(t->s, user, pass, yz_clock_now(&t->s->clock), &u, &locked, &err);
	if (r != YZ_LOGIN_OK) {
		tui_login_result(t, r, locked, &err);
		panel_set_value(&l->panel, 1, "");
		panel_focus(&l->panel, 1);
		return;
	}
	panel_set_value(&l->panel, 1, "");
	if (strcmp(u.login, t->s->user.login) == 0) {
		yz_service_lock_audit(t->s, YZ_LOCK_UNLOCKED, NULL, NULL);
		snprintf(t->status, sizeof t->status, "%s", l->status);
		t->status_kind = l->status_kind;
	} else {
		/* Ended once every screen of this session has returned (tui.c). */
		yz_service_lock_audit(t->s, YZ_LOCK_HANDOVER, u.login, NULL);
		t->handover = true;
		t->handover_user = u;
	}
	tui_pop(t);
}

static bool lock_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	lock *l = sc->data;
	if (key_enter(k) && l->panel.focus == 1) {
		try_unlock(t, l);
		return true;
	}
	if (key_esc(k) || key_code(k, KEY_F(10)))
		return true; /* nothing leaves the lock but a password */
	if (l->offered && l->panel.focus == 0 && key_printable(k))
		panel_set_value(&l->panel, 0, "");
	l->offered = false;
	return panel_key(t, &l->panel, k) != PANEL_NONE;
}

static size_t lock_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t, (void)sc;
	yz_keyhint k[] = {{"Enter", N_("Unlock")}, {"Tab", N_("Next")}};
	return tui_put_keys(out, max, k, sizeof k / sizeof k[0]);
}

static const yz_screen_ops lock_ops = {
    .name = "lock",
    .draw = lock_draw,
    .key = lock_key,
    .keys = lock_keys,
    .modal = true,  /* what is under it is not entered (reloaded) when it goes */
    .opaque = true, /* and not drawn while it is up */
};

void tui_lock(yz_tui *t, int idle)
{
	lock l = {.idle = idle, .offered = true};
	panel_init(&l.panel, 34);
	l.panel.value_w = 20;
	if (!tui_signin_fields(&l.panel, _("User"), true, _("Password"))) {
		panel_free(&l.panel);
		return;
	}
	/* As at the login after a log-out: the same clerk presses Enter, another
	 * types their own name over the one offered. */
	panel_set_value(&l.panel, 0, t->s->user.login);
	panel_focus(&l.panel, 0);
	/* The message line may name a resident: kept aside, not shown. */
	snprintf(l.status, sizeof l.status, "%s", t->status);
	l.status_kind = t->status_kind;
	tui_msg_clear(t);
	yz_service_lock_audit(t->s, YZ_LOCK_LOCKED, NULL, NULL);
	t->locked = true;
	tui_run_modal(t, &lock_ops, &l);
	t->locked = false;
	explicit_bzero(l.status, sizeof l.status);
	panel_free(&l.panel);
}
