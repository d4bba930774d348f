/* Home: who is at the counter, today's figures, and the way to everything else. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct home {
	yz_case_stats stats; /* today's figures, reloaded whenever home is shown */
	bool stats_ok;       /* false when the figures could not be read */
	size_t failed_jobs;  /* print jobs waiting for a retry */
} home;

static void home_enter(yz_tui *t, yz_screen *sc)
{
	home *h = sc->data;
	char today[11];
	yz_date_format(t->s->today, today);
	yz_err err = {{0}};
	h->stats_ok = yz_case_stats_get(t->s->store, today, &h->stats, &err) == 0;
	if (!h->stats_ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	/* What became of the jobs CUPS accepted; a short timeout, so a dead print
	 * server costs the counter a moment at most. */
	yz_service_poll_jobs(t->s, 300, NULL, NULL);
	yz_print_job jobs[64];
	h->failed_jobs = 0;
	if (yz_job_list(t->s->store, YZ_JOB_FAILED, jobs, 64, &h->failed_jobs, NULL) != 0)
		h->failed_jobs = 0;
}

static void figure(yz_tui *t, int y, const char *label, long v, enum tui_role r)
{
	char buf[64];
	tui_fmt(buf, sizeof buf, "%ld", v);
	tui_put(y, 8, label, 30, A_NORMAL);
	tui_put(y, 40, buf, 20, tui_attr(t, r));
}

static void home_draw(yz_tui *t, yz_screen *sc)
{
	home *h = sc->data;
	const yz_config *c = t->s->cfg;
	char buf[256], date[11];
	yz_date_format(t->s->today, date);
	tui_title(t, _("Home"));
	tui_put_center(2, c->station_name, tui_attr(t, ROLE_TITLE));
	tui_fmt(buf, sizeof buf, _("Clerk: %s    Date: %s"), t->s->user.name, date);
	tui_put_center(4, buf, A_NORMAL);
	tui_put(7, 6, _("Today"), 40, tui_attr(t, ROLE_HEADER));
	if (h->stats_ok) {
		figure(t, 9, _("Accepted today"), h->stats.accepted_today, ROLE_NORMAL);
		figure(t, 10, _("Open cases"), h->stats.open, ROLE_NORMAL);
		figure(t, 11, _("Overdue"), h->stats.overdue,
		       h->stats.overdue ? ROLE_ERROR : ROLE_NORMAL);
	}
	int y = 14;
	if (!c->printer_receipt[0] && !c->printer_a4[0]) {
		tui_fmt(buf, sizeof buf,
		        _("No printer is configured: documents are saved as files in %s."),
		        c->save_dir);
		tui_put(y++, 6, buf, COLS - 8, tui_attr(t, ROLE_ERROR));
	} else if (!c->printer_receipt[0] || !c->printer_a4[0]) {
		tui_put(y++, 6,
		        !c->printer_receipt[0] ? _("No receipt printer is configured.")
		                               : _("No A4 printer is configured."),
		        COLS - 8, tui_attr(t, ROLE_ERROR));
	}
	if (h->failed_jobs) {
		tui_fmt(buf, sizeof buf, _("%zu print jobs failed and wait for a retry (F4, F6)."),
		        h->failed_jobs);
		tui_put(y++, 6, buf, COLS - 8, tui_attr(t, ROLE_ERROR));
	}
}

static bool home_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	(void)sc;
	if (key_code(k, KEY_F(2))) {
		tui_msg_clear(t);
		screen_catalogue_push(t);
	} else if (key_code(k, KEY_F(3))) {
		tui_msg_clear(t);
		screen_resident_find_push(t, NULL, NULL, _("Find resident"));
	} else if (key_code(k, KEY_F(4))) {
		tui_msg_clear(t);
		screen_cases_push(t);
	} else if (key_code(k, KEY_F(8)) && t->s->user.role == YZ_ROLE_ADMIN) {
		tui_msg_clear(t);
		screen_printers_push(t);
	} else if (key_code(k, KEY_F(10))) {
		tui_msg(t, TUI_MSG_INFO, _("%s logged out."), t->s->user.name);
		tui_pop(t); /* back to the login screen */
	} else {
		return false;
	}
	return true;
}

static void home_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t home_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)sc;
	yz_keyhint k[] = {{"F2", N_("New service")},
	                  {"F3", N_("Find resident")},
	                  {"F4", N_("Cases")},
	                  {"F8", N_("Printers")},
	                  {"F10", N_("Log out")}};
	size_t n = 0;
	for (size_t i = 0; i < sizeof k / sizeof k[0] && n < max; i++)
		if (strcmp(k[i].key, "F8") != 0 || t->s->user.role == YZ_ROLE_ADMIN)
			out[n++] = k[i]; /* the printers screen is the admin's */
	return n;
}

static const yz_screen_ops home_ops = {
    .name = "home",
    .draw = home_draw,
    .key = home_key,
    .enter = home_enter,
    .leave = home_leave,
    .keys = home_keys,
};

void screen_home_push(yz_tui *t)
{
	home *h = calloc(1, sizeof *h);
	if (h)
		tui_push(t, &home_ops, h);
}
