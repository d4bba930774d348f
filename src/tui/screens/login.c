/* Login: user name and password. The home screen is pushed on top, so logging out
 * is popping back to this screen. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct login {
	yz_panel panel; /* row 0 user, row 1 password */
	bool offered;   /* row 0 holds the last login, not typed: a letter replaces it */
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
	tui_put_center(y + 2, _("Please log in"), A_NORMAL);
	panel_draw(t, &l->panel, y + 4, y + 6);
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

static void try_login(yz_tui *t, login *l)
{
	const char *user = panel_value(&l->panel, 0);
	const char *pass = panel_value(&l->panel, 1);
	if (!*user) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Type your user name."));
		panel_focus(&l->panel, 0);
		return;
	}
	int locked = 0;
	yz_err err = {{0}};
	switch (yz_service_login(t->s, user, pass, yz_clock_now(&t->s->clock), &locked, &err)) {
	case YZ_LOGIN_OK:
		tui_msg(t, TUI_MSG_OK, _("Welcome, %s."), t->s->user.name);
		panel_set_value(&l->panel, 1, "");
		screen_home_push(t);
		tell_absence(t);
		return;
	case YZ_LOGIN_BAD:
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Wrong user name or password. Type them again."));
		break;
	case YZ_LOGIN_LOCKED:
		tui_msg(t, TUI_MSG_ERROR,
		        _("This account is locked after too many wrong passwords. Try again in %d "
		          "minutes."),
		        (locked + 59) / 60);
		break;
	case YZ_LOGIN_ERROR:
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		break;
	}
	panel_set_value(&l->panel, 1, "");
	panel_focus(&l->panel, 1);
}

static bool login_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	login *l = sc->data;
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
	free(l);
}

static size_t login_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)sc;
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
};

void screen_login_push(yz_tui *t)
{
	login *l = calloc(1, sizeof *l);
	if (!l)
		return;
	panel_init(&l->panel, 34);
	l->panel.value_w = 20;
	if (!panel_add(&l->panel, _("User"), 32, false) ||
	    !panel_add(&l->panel, _("Password"), 64, true)) {
		panel_free(&l->panel);
		free(l);
		return;
	}
	tui_push(t, &login_ops, l);
}
