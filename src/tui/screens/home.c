/* Home: the clerk's day. Who is at the counter and today's figures on top, then
 * the dashboard — overdue, due within 2 working days, waiting for the resident,
 * at a department, and the rest of my queue — with one selected case that Enter
 * opens; for the station head the pending approvals and open follow-ups. Every
 * section keeps at least its heading on an 80x24 screen; the rows are shared out
 * again when the terminal is resized. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* The sections in the order drawn: the most urgent first. */
static const yz_dash_section order[] = {YZ_DASH_OVERDUE, YZ_DASH_DUE_SOON, YZ_DASH_WAIT_RESIDENT,
                                        YZ_DASH_WAIT_DEPT, YZ_DASH_QUEUE};
enum { N_SEC = sizeof order / sizeof order[0], ROWS_MAX = N_SEC * (YZ_DASH_ROWS + 1) };

/* One line of the dashboard: a section heading or a case. */
typedef struct dline {
	int sec;          /* index into order */
	const yz_case *c; /* NULL for the heading */
} dline;

typedef struct home {
	long accepted_today;   /* reloaded whenever home is shown */
	bool stats_ok;         /* false when it could not be read */
	size_t failed_jobs;    /* print jobs waiting for a retry */
	yz_dashboard *dash;    /* the dashboard (large: allocated) */
	bool dash_ok;          /* false when it could not be read */
	dline lines[ROWS_MAX]; /* what fits now (rebuilt on every draw) */
	size_t n_lines;        /* lines used */
	size_t sel;            /* the selected case: index among the case lines */
} home;

static bool is_head(const yz_tui *t)
{
	return t->s->user.role == YZ_ROLE_HEAD || t->s->user.role == YZ_ROLE_ADMIN;
}

static void home_enter(yz_tui *t, yz_screen *sc)
{
	home *h = sc->data;
	char today[11];
	yz_date_format(t->s->today, today);
	yz_err err = {{0}};
	/* Open and overdue come from the dashboard's counts (the head's dashboard
	 * is the whole station's, a clerk's their own queue): counted once. */
	h->accepted_today = 0;
	h->stats_ok = yz_case_count_accepted(t->s->store, today, &h->accepted_today, &err) == 0;
	if (!h->stats_ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	h->dash_ok = yz_service_dashboard(t->s, h->dash, &err) == 0;
	if (!h->dash_ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	/* What became of the jobs CUPS accepted; a short timeout, so a dead print
	 * server costs the counter a moment at most. */
	yz_service_poll_jobs(t->s, 300, NULL, NULL);
	yz_print_job jobs[64];
	h->failed_jobs = 0;
	if (yz_job_list(t->s->store, YZ_JOB_FAILED, jobs, 64, &h->failed_jobs, NULL) != 0)
		h->failed_jobs = 0;
}

static const char *section_name(const yz_tui *t, yz_dash_section s)
{
	switch (s) {
	case YZ_DASH_OVERDUE:
		return _("Overdue");
	case YZ_DASH_DUE_SOON:
		return _("Due within 2 working days");
	case YZ_DASH_WAIT_RESIDENT:
		return _("Waiting for the resident");
	case YZ_DASH_WAIT_DEPT:
		return _("Waiting for a department");
	default:
		return is_head(t) ? _("All open cases") : _("My queue");
	}
}

/* Share height rows among the sections: a heading each, then one case row at a
 * time round the sections while rows and cases last. */
static void layout(home *h, int height)
{
	size_t take[N_SEC] = {0};
	int left = height - (int)N_SEC;
	for (bool more = true; more && left > 0;) {
		more = false;
		for (size_t i = 0; i < N_SEC && left > 0; i++)
			if (take[i] < h->dash->sec[order[i]].n) {
				take[i]++, left--;
				more = true;
			}
	}
	h->n_lines = 0;
	for (size_t i = 0; i < N_SEC && (int)h->n_lines < height; i++) {
		h->lines[h->n_lines++] = (dline){(int)i, NULL};
		for (size_t r = 0; r < take[i]; r++)
			h->lines[h->n_lines++] = (dline){(int)i, &h->dash->sec[order[i]].rows[r]};
	}
}

static size_t case_lines(const home *h)
{
	size_t n = 0;
	for (size_t i = 0; i < h->n_lines; i++)
		n += h->lines[i].c != NULL;
	return n;
}

static void draw_case(yz_tui *t, int y, const yz_case *c, yz_dash_section s, bool sel)
{
	bool overdue = s == YZ_DASH_OVERDUE;
	attr_t a = sel ? tui_attr(t, ROLE_FOCUS) : overdue ? tui_attr(t, ROLE_ERROR) : A_NORMAL;
	const char *due = yz_dash_date(c, s); /* the date the section is sorted by */
	char buf[160];
	tui_put_pad(y, 1, "", COLS - 2, a);
	tui_put(y, 2, overdue ? "!" : " ", 1, a);
	tui_put(y, 4, due[0] ? due + 5 : "--", 5, a);
	tui_put(y, 10, c->number, 19, a);
	tui_put(y, 30, c->item, 20, a);
	tui_put(y, 51, c->resident_name, 10, a);
	const char *what = c->paused_since[0] ? _("materials")
	                   : c->department[0] ? c->department
	                                      : yz_service_state_label(t->s, c);
	if (is_head(t)) /* the head sees every queue: whose case it is first */
		tui_fmt(buf, sizeof buf, "%s %s", c->owner_name[0] ? c->owner_name : c->owner,
		        what);
	else
		tui_fmt(buf, sizeof buf, "%s", what);
	tui_put(y, 62, buf, COLS - 63, a);
}

static void draw_dashboard(yz_tui *t, home *h, int y0, int y1)
{
	layout(h, y1 - y0);
	size_t n_cases = case_lines(h), k = 0;
	if (h->sel >= n_cases)
		h->sel = n_cases ? n_cases - 1 : 0;
	char buf[160];
	for (size_t i = 0; i < h->n_lines; i++) {
		const dline *l = &h->lines[i];
		yz_dash_section s = order[l->sec];
		int y = y0 + (int)i;
		if (!l->c) {
			tui_fmt(buf, sizeof buf, "%s (%ld)", section_name(t, s),
			        h->dash->sec[s].count);
			tui_put(y, 1, buf, COLS - 2,
			        s == YZ_DASH_OVERDUE && h->dash->sec[s].count
			            ? tui_attr(t, ROLE_ERROR) | A_UNDERLINE
			            : tui_attr(t, ROLE_HEADER));
			continue;
		}
		draw_case(t, y, l->c, s, k++ == h->sel);
	}
}

static void draw_figures(yz_tui *t, home *h, int y)
{
	char buf[256];
	if (!h->stats_ok)
		return;
	const char *label[] = {_("Accepted today"), _("Open cases"), _("Overdue")};
	/* Open and overdue are the sections' counts below (the station for the
	 * head, the clerk's own queue for a clerk): not shown when they failed. */
	long val[] = {h->accepted_today, h->dash_ok ? h->dash->sec[YZ_DASH_QUEUE].count : 0,
	              h->dash_ok ? h->dash->sec[YZ_DASH_OVERDUE].count : 0};
	int x = 1, shown = h->dash_ok ? 3 : 1;
	for (int i = 0; i < shown && x < COLS - 1; i++) {
		tui_fmt(buf, sizeof buf, " %ld    ", val[i]);
		x += tui_put(y, x, label[i], COLS - 1 - x, A_NORMAL);
		x += tui_put(y, x, buf, COLS - 1 - x,
		             i == 2 && val[i] ? tui_attr(t, ROLE_ERROR) : A_BOLD);
	}
	if (is_head(t) && h->dash_ok) {
		tui_fmt(buf, sizeof buf,
		        _("Approvals pending %ld (F5)    Follow-ups open %ld (F6)"),
		        h->dash->approvals_pending, h->dash->followups_open);
		tui_put(y + 1, 1, buf, COLS - 2,
		        h->dash->approvals_pending || h->dash->followups_open
		            ? tui_attr(t, ROLE_ERROR)
		            : A_NORMAL);
	}
}

/* The printer warnings; returns the next free row. */
static int draw_warnings(yz_tui *t, home *h, int y)
{
	const yz_config *c = t->s->cfg;
	char buf[512];
	if (!c->printer_receipt[0] && !c->printer_a4[0]) {
		tui_fmt(buf, sizeof buf,
		        _("No printer is configured: documents are saved as files in %s."),
		        c->save_dir);
		tui_put(y++, 1, buf, COLS - 2, tui_attr(t, ROLE_ERROR));
	} else if (!c->printer_receipt[0] || !c->printer_a4[0]) {
		tui_put(y++, 1,
		        !c->printer_receipt[0] ? _("No receipt printer is configured.")
		                               : _("No A4 printer is configured."),
		        COLS - 2, tui_attr(t, ROLE_ERROR));
	}
	if (h->failed_jobs) {
		tui_fmt(buf, sizeof buf, _("%zu print jobs failed and wait for a retry (F4, F6)."),
		        h->failed_jobs);
		tui_put(y++, 1, buf, COLS - 2, tui_attr(t, ROLE_ERROR));
	}
	return y;
}

static void home_draw(yz_tui *t, yz_screen *sc)
{
	home *h = sc->data;
	char buf[256], date[11];
	yz_date_format(t->s->today, date);
	tui_title(t, _("Home"));
	tui_fmt(buf, sizeof buf, _("Clerk: %s    Date: %s"), t->s->user.name, date);
	int x = 1 + tui_put(1, 1, buf, COLS - 2, A_BOLD) + 4;
	char counter[256]; /* the counter's label, or that it is unknown */
	bool warn = yz_service_counter_text(t->s, true, counter, sizeof counter);
	if (x < COLS - 1)
		tui_put(1, x, counter, COLS - 1 - x, warn ? tui_attr(t, ROLE_ERROR) : A_BOLD);
	draw_figures(t, h, 2);
	int y = draw_warnings(t, h, is_head(t) ? 4 : 3);
	if (h->dash_ok) {
		size_t n = 0;
		for (size_t i = 0; i < h->dash->n_cover; i++)
			n += (size_t)snprintf(buf + n, n < sizeof buf ? sizeof buf - n : 0,
			                      "%s%s/%s", i ? ", " : "", h->dash->cover[i].a_login,
			                      h->dash->cover[i].line);
		if (h->dash->n_cover) {
			char line[320];
			tui_fmt(line, sizeof line, _("Covering (B clerk) for: %s"), buf);
			tui_put(y++, 1, line, COLS - 2, tui_attr(t, ROLE_OK));
		}
		draw_dashboard(t, h, y, LINES - 2);
	}
	t->cur_y = -1;
}

/* The case selected, or NULL. */
static const yz_case *selected(const home *h)
{
	size_t k = 0;
	for (size_t i = 0; i < h->n_lines; i++)
		if (h->lines[i].c && k++ == h->sel)
			return h->lines[i].c;
	return NULL;
}

static bool home_fkey(yz_tui *t, tui_key k)
{
	bool head = is_head(t);
	if (key_code(k, KEY_F(2)))
		screen_catalogue_push(t);
	else if (key_code(k, KEY_F(3)))
		screen_resident_find_push(t, NULL, NULL, _("Find resident"));
	else if (key_code(k, KEY_F(4)))
		screen_cases_push(t);
	else if (key_code(k, KEY_F(5)) && head)
		screen_approvals_push(t);
	else if (key_code(k, KEY_F(6)) && head)
		screen_followups_push(t);
	else if (key_code(k, KEY_F(7)) && head)
		screen_staff_push(t);
	else if (key_code(k, KEY_F(9)))
		screen_talk_push(t);
	else if (key_code(k, KEY_F(8)) && t->s->user.role == YZ_ROLE_ADMIN)
		screen_printers_push(t);
	else
		return false;
	return true;
}

/* In kiosk mode the counter is the whole terminal and only an admin may end
 * it (yizhan --kiosk then exits 0, which tells its unit "ended on purpose"). */
static bool may_end_kiosk(const yz_tui *t)
{
	return t->kiosk && t->s->user.role == YZ_ROLE_ADMIN;
}

static void end_kiosk(yz_tui *t)
{
	if (tui_confirm(t, _("End the counter"),
	                _("End the counter program on this terminal? A console goes back to "
	                  "the system's login prompt; an SSH session closes.")))
		t->quit = true;
}

static bool home_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	home *h = sc->data;
	size_t n = case_lines(h);
	if (key_code(k, KEY_F(10))) {
		tui_msg(t, TUI_MSG_INFO, _("%s logged out."), t->s->user.name);
		tui_pop(t); /* back to the login screen */
		return true;
	}
	if (key_enter(k)) {
		const yz_case *c = selected(h);
		if (!c)
			return false;
		char no[40];
		yz_strlcpy_utf8(no, c->number, sizeof no);
		tui_msg_clear(t);
		screen_case_view_push(t, no);
		return true;
	}
	if (key_code(k, KEY_DOWN) || key_code(k, KEY_UP)) {
		if (key_code(k, KEY_DOWN) && h->sel + 1 < n)
			h->sel++;
		else if (key_code(k, KEY_UP) && h->sel > 0)
			h->sel--;
		return true;
	}
	if (key_code(k, KEY_F(12)) && may_end_kiosk(t)) {
		end_kiosk(t);
		return true;
	}
	if (k.is_code && k.code >= KEY_F(2) && k.code <= KEY_F(9)) {
		tui_msg_clear(t);
		return home_fkey(t, k);
	}
	return false;
}

static void home_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	home *h = sc->data;
	free(h->dash);
	free(h);
}

static size_t home_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)sc;
	/* The most used first: what does not fit in the bar is still in F1's help. */
	yz_keyhint k[] = {
	    {"Enter", N_("Open")},  {"F2", N_("New service")}, {"F3", N_("Find resident")},
	    {"F4", N_("Cases")},    {"F10", N_("Log out")},    {"F12", N_("End counter")},
	    {"F8", N_("Printers")}, {"F5", N_("Approvals")},   {"F6", N_("Follow-ups")},
	    {"F7", N_("Staff")},    {"F9", N_("Talk day")}};
	size_t n = 0;
	bool head = is_head(t);
	for (size_t i = 0; i < sizeof k / sizeof k[0] && n < max; i++) {
		const char *key = k[i].key;
		if (!head && (!strcmp(key, "F5") || !strcmp(key, "F6") || !strcmp(key, "F7")))
			continue; /* the station head's screens */
		if (!strcmp(key, "F8") && t->s->user.role != YZ_ROLE_ADMIN)
			continue; /* the printers screen is the admin's */
		if (!strcmp(key, "F12") && !may_end_kiosk(t))
			continue; /* only a kiosk has it, and only for the admin */
		out[n++] = k[i];
	}
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
	if (h && !(h->dash = calloc(1, sizeof *h->dash))) {
		free(h);
		h = NULL;
	}
	if (h)
		tui_push(t, &home_ops, h);
}
