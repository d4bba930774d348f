/* Login: user name and password. The home screen is pushed on top, so logging out
 * is popping back to this screen. An account whose password was handed out
 * (the one-time admin password of `yizhan init`, a reset) chooses its own here
 * first, typed twice (issue 14). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct login {
	yz_panel panel;   /* row 0 user, row 1 password */
	yz_panel newpass; /* the first login's change: row 0 new password, row 1 again */
	bool offered;     /* row 0 holds the last login, not typed: a letter replaces it */
	bool changing;    /* s->user signed in with a handed-out password: newpass is shown */
} login;

static void login_draw(yz_tui *t, yz_screen *sc)
{
	login *l = sc->data;
	tui_title(t, _("yizhan counter"));
	int y = LINES / 2 - 5;
	tui_put_center(y, t->s->cfg->station_name, tui_attr(t, ROLE_TITLE));
	char counter[256]; /* this terminal's counter, or why it is unknown */
	bool warn = yz_service_counter_text(t->s, false, counter, sizeof counter);
	tui_put_center(y + 1, counter, warn ? tui_attr(t, ROLE_ERROR) : A_NORMAL);
	if (!l->changing) {
		tui_put_center(y + 2, _("Please log in"), A_NORMAL);
		panel_draw(t, &l->panel, y + 4, y + 6);
		return;
	}
	char buf[256];
	tui_fmt(buf, sizeof buf, _("%s, choose your own password"), t->s->user.name);
	tui_put_center(y + 2, buf, tui_attr(t, ROLE_TITLE));
	tui_fmt(buf, sizeof buf,
	        _("The password you logged in with was handed out and works only once. Your own: "
	          "at least %d characters, not your login, not a common one such as 12345678."),
	        YZ_PASSWORD_MIN);
	size_t shown, skip = tui_wrap(buf, COLS - 8, &shown);
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)shown, buf);
	tui_put_center(y + 3, line, A_NORMAL);
	tui_put_center(y + 4, buf + skip, A_NORMAL);
	panel_draw(t, &l->newpass, y + 6, y + 8);
}

/* A clerk marked away today (AB gang) is told so over the home screen: their
 * B clerks work their queue meanwhile, and only the head ends the absence. */
static void tell_absence(yz_tui *t)
{
	yz_absence a;
	char covers[256], text[640];
	if (yz_service_my_absence(t->s, &a, covers, sizeof covers, NULL) != 1)
		return;
	if (covers[0])
		tui_fmt(text, sizeof text,
		        _("You are marked away from %s until %s. Meanwhile %s works your queue. "
		          "If you are back, ask the station head to end the absence."),
		        a.from, a.until, covers);
	else
		tui_fmt(text, sizeof text,
		        _("You are marked away from %s until %s. If you are back, ask the station "
		          "head to end the absence."),
		        a.from, a.until);
	tui_message(t, _("You are marked away"), text);
}

/* s->user has signed in: their home, or first their own password (changed:
 * they have just chosen it). */
static void begin_session(yz_tui *t, login *l, bool changed)
{
	panel_set_value(&l->panel, 1, "");
	if (t->s->user.must_change) {
		l->changing = true;
		panel_set_value(&l->newpass, 0, "");
		panel_set_value(&l->newpass, 1, "");
		panel_focus(&l->newpass, 0);
		tui_msg(t, TUI_MSG_INFO, "%s",
		        _("Choose your own password before you go on: type it twice."));
		return;
	}
	if (changed)
		tui_msg(t, TUI_MSG_OK, _("Your password is changed. Welcome, %s."),
		        t->s->user.name);
	else
		tui_msg(t, TUI_MSG_OK, _("Welcome, %s."), t->s->user.name);
	screen_home_push(t);
	tell_absence(t);
}

/* Why a login waits, in the clerk's words. */
static void tell_wait(yz_tui *t, int seconds)
{
	if (seconds < 120)
		tui_msg(t, TUI_MSG_ERROR,
		        _("Too many wrong passwords: this account waits %d seconds before the next "
		          "try. The admin can let it in at once."),
		        seconds);
	else
		tui_msg(t, TUI_MSG_ERROR,
		        _("Too many wrong passwords: this account waits %d minutes before the next "
		          "try. The admin can let it in at once."),
		        (seconds + 59) / 60);
}

void tui_login_result(yz_tui *t, yz_login_result r, int locked, const yz_err *err)
{
	switch (r) {
	case YZ_LOGIN_OK:
		break;
	case YZ_LOGIN_BAD:
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Wrong user name or password. Type them again."));
		break;
	case YZ_LOGIN_LOCKED:
		tell_wait(t, locked);
		break;
	case YZ_LOGIN_ERROR:
		tui_msg(t, TUI_MSG_ERROR, "%s", err->msg);
		break;
	}
}

static void try_login(yz_tui *t, login *l)
{
	const char *user = panel_value(&l->panel, 0);
	const char *pass = panel_value(&l->panel, 1);
	if (!*user) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Type your user name."));
		panel_focus(&l->panel, 0);
		return;
	}
	if (!tui_station(t))
		return; /* the station could not be opened: the UI ends and says why */
	int locked = 0;
	yz_err err = {{0}};
	yz_login_result r =
	    yz_service_login(t->s, user, pass, yz_clock_now(&t->s->clock), &locked, &err);
	if (r == YZ_LOGIN_OK) {
		begin_session(t, l, false);
		return;
	}
	tui_login_result(t, r, locked, &err);
	panel_set_value(&l->panel, 1, "");
	panel_focus(&l->panel, 1);
}

/* Back to the login from the first login's change: nobody is signed in. */
static void end_change(yz_tui *t, login *l)
{
	l->changing = false;
	panel_set_value(&l->newpass, 0, "");
	panel_set_value(&l->newpass, 1, "");
	memset(&t->s->user, 0, sizeof t->s->user);
	panel_focus(&l->panel, 1);
}

static void try_change(yz_tui *t, login *l)
{
	const char *pw = panel_value(&l->newpass, 0);
	yz_err err = {{0}};
	if (strcmp(pw, panel_value(&l->newpass, 1)) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("The two passwords differ. Type them again."));
	} else if (yz_service_change_password(t->s, pw, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	} else {
		l->changing = false;
		panel_set_value(&l->newpass, 0, "");
		panel_set_value(&l->newpass, 1, "");
		begin_session(t, l, true);
		return;
	}
	panel_set_value(&l->newpass, 0, "");
	panel_set_value(&l->newpass, 1, "");
	panel_focus(&l->newpass, 0);
}

static bool change_key(yz_tui *t, login *l, tui_key k)
{
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		end_change(t, l);
		tui_msg(t, TUI_MSG_INFO, "%s",
		        _("Not logged in: choose your own password at the next login."));
		return true;
	}
	if (key_enter(k) && l->newpass.focus == 1) {
		try_change(t, l);
		return true;
	}
	return panel_key(t, &l->newpass, k) != PANEL_NONE;
}

static bool login_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	login *l = sc->data;
	if (l->changing)
		return change_key(t, l, k);
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		if (t->kiosk)
			return false; /* a kiosk's login never quits: only an admin ends it */
		t->quit = true;
		return true;
	}
	if (key_enter(k) && l->panel.focus == 1) {
		try_login(t, l);
		return true;
	}
	/* The last clerk's login is offered; the next clerk just types theirs. */
	if (l->offered && l->panel.focus == 0 && key_printable(k))
		panel_set_value(&l->panel, 0, "");
	l->offered = false;
	return panel_key(t, &l->panel, k) != PANEL_NONE;
}

static void login_enter(yz_tui *t, yz_screen *sc)
{
	login *l = sc->data;
	memset(&t->s->user, 0, sizeof t->s->user);
	l->changing = false;
	panel_set_value(&l->panel, 1, "");
	/* After a log-out the same clerk presses Enter, another types a name: the
	 * password is never typed against someone else's account. */
	l->offered = panel_value(&l->panel, 0)[0] != '\0';
	panel_focus(&l->panel, 0);
}

static void login_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	login *l = sc->data;
	panel_free(&l->panel);
	panel_free(&l->newpass);
	free(l);
}

static size_t login_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	login *l = sc->data;
	if (l->changing) {
		yz_keyhint k[] = {
		    {"Enter", N_("Save")}, {"Tab", N_("Next")}, {"Esc", N_("Cancel")}};
		return tui_put_keys(out, max, k, sizeof k / sizeof k[0]);
	}
	yz_keyhint k[] = {{"Enter", N_("Log in")}, {"Tab", N_("Next")}, {"F10", N_("Quit")}};
	size_t n = sizeof k / sizeof k[0];
	if (t->kiosk)
		n--; /* no Quit: the last entry */
	return tui_put_keys(out, max, k, n);
}

static const yz_screen_ops login_ops = {
    .name = "login",
    .draw = login_draw,
    .key = login_key,
    .enter = login_enter,
    .leave = login_leave,
    .keys = login_keys,
    .before_station = true,
};

/* A row refused a character beyond limit bytes (and as many characters). */
static bool add_limited(yz_panel *p, const char *label, size_t limit, bool masked)
{
	yz_row *r = panel_add(p, label, 0, masked);
	if (r) {
		r->edit.max_bytes = limit;
		r->edit.max_chars = limit;
	}
	return r != NULL;
}

bool tui_signin_fields(yz_panel *p, const char *first, bool login, const char *second)
{
	/* What is longer than a login or a password can be is refused as it is
	 * typed (the field says it is full), never cut. */
	return add_limited(p, first, login ? YZ_LOGIN_MAX : YZ_PASSWORD_MAX, !login) &&
	       add_limited(p, second, YZ_PASSWORD_MAX, true);
}

void tui_login_handover(yz_tui *t, const yz_user *u)
{
	yz_screen *sc = t->depth ? &t->stack[0] : NULL;
	if (!sc || sc->ops != &login_ops)
		return;
	login *l = sc->data;
	t->s->user = *u;
	panel_set_value(&l->panel, 0, u->login);
	l->offered = true;
	begin_session(t, l, false);
}

void screen_login_push(yz_tui *t)
{
	login *l = calloc(1, sizeof *l);
	if (!l)
		return;
	panel_init(&l->panel, 34);
	l->panel.value_w = 20;
	panel_init(&l->newpass, 34);
	l->newpass.value_w = 20;
	if (!tui_signin_fields(&l->panel, _("User"), true, _("Password")) ||
	    !tui_signin_fields(&l->newpass, _("New password"), false, _("Again"))) {
		panel_free(&l->panel);
		panel_free(&l->newpass);
		free(l);
		return;
	}
	tui_push(t, &login_ops, l);
}
