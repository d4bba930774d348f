/* Home: the clerk's day. Who is at the counter and today's figures on top, then
 * the dashboard — overdue, due within 2 working days, waiting for the resident,
 * at a department, and the rest of my queue — with one selected case that Enter
 * opens; for the station head the pending approvals and open follow-ups. Every
 * section keeps at least its heading on an 80x24 screen; the rows are shared out
 * again when the terminal is resized. Each section is a list view of its own
 * that scrolls under its heading (the heading says how many rows are hidden
 * above and below); the arrows move one selection through all of them, so
 * every case the dashboard holds can be reached. Issue 19: where the hall is
 * in use, a line under the figures shows the ticket this counter serves (or
 * that N calls the next), with the call keys (screens/calls.c). */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* The sections in the order drawn: the most urgent first. */
static const yz_dash_section order[] = {YZ_DASH_OVERDUE, YZ_DASH_DUE_SOON, YZ_DASH_WAIT_RESIDENT,
                                        YZ_DASH_WAIT_DEPT, YZ_DASH_QUEUE};
enum { N_SEC = sizeof order / sizeof order[0] };

typedef struct home home;

/* One section of the dashboard as a list of its own. */
typedef struct hsec {
	home *h;           /* the screen (its dashboard, the session for the cells) */
	yz_dash_section s; /* which section */
	yz_listview lv;    /* its rows (the dashboard's), scrolled under its heading */
} hsec;

typedef struct home {
	long accepted_today;  /* reloaded whenever home is shown */
	bool stats_ok;        /* false when it could not be read */
	size_t failed_jobs;   /* print jobs waiting for a retry */
	yz_dashboard *dash;   /* the dashboard (large: allocated) */
	bool dash_ok;         /* false when it could not be read */
	yz_uncovered gap[8];  /* the head's: lines nobody covers today (AB gang) */
	size_t n_gap;         /* how many */
	yz_tui *t;            /* for the cells' words (set when drawn) */
	yz_due_move moves[4]; /* promised dates a new calendar moved, not seen (issue 13) */
	size_t n_moves;       /* of them in moves */
	long all_moves;       /* all of them (the clerk's own; the head's and admin's: all) */
	int missing_year;     /* the admin's: the year the official calendar lacks; 0 */
	size_t phoneless;     /* the admin's: papers refused for want of station_phone */
	hsec sec[N_SEC];      /* the sections, in order */
	yz_sync_state sync;   /* issue 17: the station and its district hub */
	bool sync_ok;         /* the station has a hub and sync was read */
	yz_list all;          /* the selection over every section's cases, in order */
	tui_calls calls;      /* issue 19: the ticket served here, the hall's counts */
	time_t missed_at;     /* issue 19: when home last marked missed bookings */
} home;

static bool is_head(const yz_tui *t)
{
	return yz_service_is_head(t->s);
}

static void home_enter(yz_tui *t, yz_screen *sc)
{
	home *h = sc->data;
	yz_err err = {{0}};
	/* Open and overdue come from the dashboard's counts (the head's dashboard
	 * is the whole station's, a clerk's their own queue): counted once. */
	h->accepted_today = 0;
	h->stats_ok = yz_service_count_accepted(t->s, &h->accepted_today, &err) == 0;
	if (!h->stats_ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	h->dash_ok = yz_service_dashboard(t->s, h->dash, &err) == 0;
	if (!h->dash_ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	/* What became of the jobs CUPS accepted; a short timeout, so a dead print
	 * server costs the counter a moment at most. */
	yz_service_poll_jobs(t->s, 300, NULL, NULL);
	long failed = 0; /* all of them, counted by the database */
	if (yz_service_job_count(t->s, YZ_JOB_FAILED, &failed, NULL) != 0)
		failed = 0;
	h->failed_jobs = (size_t)failed;
	char today[11];
	yz_date_format(t->s->today, today);
	h->n_gap = 0;
	if (is_head(t) &&
	    yz_service_uncovered_lines(t->s, NULL, today, today, h->gap, 8, &h->n_gap, &err) != 0)
		h->n_gap = 0;
	bool admin = t->s->user.role == YZ_ROLE_ADMIN;
	if (yz_service_due_moves(t->s, is_head(t) || admin, h->moves, 4, &h->n_moves, &h->all_moves,
	                         NULL) != 0)
		h->n_moves = 0, h->all_moves = 0;
	h->missing_year = admin ? yz_service_calendar_missing(t->s) : 0;
	h->phoneless = admin ? yz_service_phoneless_papers(t->s) : 0;
	/* Issue 17: what the background sync last did (no network here). */
	h->sync_ok = t->s->cfg->hub[0] && yz_service_sync_state(t->s, &h->sync, &err) == 0;
	/* Issue 19: the served ticket as the store has it (s->ticket restored
	 * after a login or a restart of the counter's program). */
	tui_calls_load(t, &h->calls);
	/* Issue 19: bookings whose slot has ended without an arrival are marked
	 * missed as the day goes on: any counter's home does it, at most every
	 * ten minutes (a transaction per day of the last month). */
	time_t now = yz_clock_now(&t->s->clock);
	if (now - h->missed_at >= 600) {
		yz_err missed_err = {{0}};
		h->missed_at = now;
		yz_service_appt_mark_missed(t->s, NULL, &missed_err);
	}
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
 * time round the sections while rows and cases last; the section holding the
 * selection always shows a row. */
static void layout(const home *h, int height, size_t focus, size_t take[N_SEC])
{
	int left = height - (int)N_SEC;
	for (size_t i = 0; i < N_SEC; i++)
		take[i] = 0;
	for (bool more = true; more && left > 0;) {
		more = false;
		for (size_t i = 0; i < N_SEC && left > 0; i++)
			if (take[i] < h->dash->sec[order[i]].n) {
				take[i]++, left--;
				more = true;
			}
	}
	size_t most = 0;
	for (size_t i = 1; i < N_SEC; i++)
		most = take[i] > take[most] ? i : most;
	if (focus < N_SEC && take[focus] == 0 && take[most] > 1)
		take[most]--, take[focus]++;
}

/* The section and row of the selected case; false when there is none. */
static bool locate(const home *h, size_t *sec, size_t *row)
{
	size_t k = h->all.sel;
	for (size_t i = 0; h->dash_ok && i < N_SEC; i++) {
		size_t n = h->dash->sec[order[i]].n;
		if (k < n) {
			*sec = i, *row = k;
			return true;
		}
		k -= n;
	}
	return false;
}

/* The sections' rows from the dashboard, and the selection handed to the
 * section that holds it (the others keep where they were scrolled to).
 * Returns that section, N_SEC when none. */
static size_t sync_sections(home *h)
{
	h->all.n = 0;
	for (size_t i = 0; i < N_SEC; i++)
		h->all.n += h->dash->sec[order[i]].n;
	if (h->all.sel >= h->all.n)
		h->all.sel = h->all.n ? h->all.n - 1 : 0;
	size_t focus = N_SEC, row = 0;
	locate(h, &focus, &row);
	for (size_t i = 0; i < N_SEC; i++) {
		h->sec[i].lv.no_select = i != focus;
		if (i == focus)
			h->sec[i].lv.list.sel = row;
		listview_set_rows(&h->sec[i].lv, h->dash->sec[order[i]].n);
	}
	return focus;
}

/* Shared by the sections, so that their columns line up. */
static const yz_column columns[] = {
    {"", COL_FIXED, 1, 0, false},            /* "!" overdue */
    {N_("Due date"), COL_FIT, 8, 0, false},  /* MM-DD: the date the section is sorted by */
    {N_("Case"), COL_FIT, 24, 0, false},     /* case number */
    {N_("Item"), COL_FLEX, 10, 3, false},    /* item */
    {N_("Resident"), COL_FIT, 12, 0, false}, /* resident */
    {N_("State"), COL_FLEX, 8, 2, false},    /* state or department (the head: whose first) */
};

/* The column titles over the sections, once (the head's last column says
 * whose case it is first). */
static void draw_titles(yz_tui *t, const int *widths, int y)
{
	int x = 2;
	for (size_t j = 0; j < sizeof columns / sizeof columns[0]; j++) {
		if (widths[j] <= 0)
			continue;
		const char *title = j == 5 && is_head(t) ? _("Clerk, state") : _(columns[j].title);
		tui_put(y, x, columns[j].title[0] ? title : "", widths[j], tui_attr(t, ROLE_DIM));
		x += widths[j] + LIST_GAP;
	}
}

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const hsec *hs = ctx;
	const yz_case *c = &hs->h->dash->sec[hs->s].rows[row];
	yz_tui *t = hs->h->t;
	const char *due = yz_service_dash_date(c, hs->s); /* the date the section is sorted by */
	switch (col) {
	case 0:
		return hs->s == YZ_DASH_OVERDUE ? "!" : "";
	case 1:
		return strlen(due) > 5 ? due + 5 : "--";
	case 2:
		return c->number;
	case 3:
		return c->item;
	case 4:
		return c->resident_name;
	}
	const char *what = c->paused_since[0] ? _("materials")
	                   : c->department[0] ? c->department
	                                      : yz_service_state_label(t->s, c);
	if (is_head(t)) /* the head sees every queue: whose case it is first */
		tui_fmt(buf, n, "%s %s", c->owner_name[0] ? c->owner_name : c->owner, what);
	else
		tui_fmt(buf, n, "%s", what);
	return buf;
}

static attr_t cell_attr(const yz_tui *t, void *ctx, size_t row, size_t col, bool sel)
{
	(void)row, (void)col;
	return !sel && ((const hsec *)ctx)->s == YZ_DASH_OVERDUE ? tui_attr(t, ROLE_ERROR) : 0;
}

/* A section's heading with its count; at the right end how many of its rows
 * are hidden above and below, and how many the dashboard did not load. */
static void draw_heading(yz_tui *t, const hsec *hs, int y)
{
	const yz_dash_list *d = &hs->h->dash->sec[hs->s];
	char buf[160], m[64], more[96] = "";
	tui_fmt(buf, sizeof buf, "%s (%ld)%s", section_name(t, hs->s), d->count,
	        hs->s == YZ_DASH_WAIT_RESIDENT ? _(", dated when asked") : "");
	tui_put(y, 1, buf, COLS - 2,
	        hs->s == YZ_DASH_OVERDUE && d->count ? tui_attr(t, ROLE_ERROR) | A_UNDERLINE
	                                             : tui_attr(t, ROLE_HEADER));
	size_t above, below;
	listview_hidden(&hs->lv, &above, &below);
	list_markers(above, below, m, sizeof m);
	if (d->count > (long)d->n)
		tui_fmt(more, sizeof more, _("%ld more: F4"), d->count - (long)d->n);
	tui_fmt(buf, sizeof buf, "%s%s%s", m, m[0] && more[0] ? "  " : "", more);
	int w = yz_text_width(buf), x = COLS - 1 - w;
	if (w > 0 && x > 2 + yz_text_width(section_name(t, hs->s))) {
		tui_put_pad(y, x - 1, "", w + 1, A_NORMAL);
		tui_put(y, x, buf, w, A_BOLD);
	}
}

static void draw_dashboard(yz_tui *t, home *h, int y0, int y1)
{
	h->t = t;
	size_t focus = sync_sections(h), take[N_SEC];
	layout(h, y1 - y0 - 1, focus, take); /* the first row: the column titles */
	int natural[16] = {0}, widths[16];
	for (size_t i = 0; i < N_SEC; i++)
		listview_natural(&h->sec[i].lv, natural);
	list_layout(columns, sizeof columns / sizeof columns[0], natural, COLS - 4, widths);
	draw_titles(t, widths, y0);
	int y = y0 + 1;
	for (size_t i = 0; i < N_SEC && y < y1; i++) {
		int head = y++;
		listview_draw_rows(t, &h->sec[i].lv, widths, y, 1, COLS - 2, (int)take[i]);
		y += (int)take[i];
		draw_heading(t, &h->sec[i], head);
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

/* text on up to rows rows from row y, cut at the screen's width (at a space
 * when a word would be cut: Chinese has none and is cut anywhere); the next
 * row. */
static int put_rows(const char *text, int y, int rows, attr_t attr)
{
	for (int i = 0; i < rows && *text; i++) {
		int w = COLS - 2 - (i ? 2 : 0);
		size_t cut = yz_text_fit(text, w, NULL), sp = cut;
		while (text[cut] && text[cut] != ' ' && sp > cut / 2 && text[sp - 1] != ' ')
			sp--;
		if (text[cut] && text[cut] != ' ' && sp > cut / 2)
			cut = sp; /* after the last space that fits */
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)cut, text);
		tui_put(y++, i ? 3 : 1, line, w, attr);
		text += cut;
		while (*text == ' ')
			text++;
	}
	return y;
}

/* The calendar's warnings (issue 13): promised dates a new calendar moved,
 * and for the admin the official year that is missing; the next free row. */
static int draw_calendar(yz_tui *t, home *h, int y)
{
	char buf[512], list[200] = "";
	if (h->all_moves) {
		for (size_t i = 0, len = 0; i < h->n_moves && len < sizeof list; i++)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
			                        i ? ", " : "", h->moves[i].number);
		tui_fmt(buf, sizeof buf,
		        _("Promised dates changed with the new calendar (%ld): %s%s. Open each "
		          "case and tell the resident."),
		        h->all_moves, list, h->all_moves > (long)h->n_moves ? ", …" : "");
		y = put_rows(buf, y, 2, tui_attr(t, ROLE_ERROR));
	}
	if (h->missing_year) {
		int yr = h->missing_year;
		tui_fmt(buf, sizeof buf,
		        _("No official holiday calendar for %d: dates in %d are provisional. When "
		          "the State Council's notice is out, add %d to %s (see yizhan(1))."),
		        yr, yr, yr, t->s->cfg->calendar_file);
		y = put_rows(buf, y, 3, tui_attr(t, ROLE_ERROR));
	}
	if (h->phoneless) { /* issue 13: said before a clerk meets the refusal */
		tui_fmt(buf, sizeof buf,
		        _("Station phone not set: %zu papers print it and cannot be printed. Set "
		          "station_phone in %s/yizhan.conf."),
		        h->phoneless, t->s->cfg->home);
		y = put_rows(buf, y, 3, tui_attr(t, ROLE_ERROR));
	}
	return y;
}

/* A UTC time of the sync as the clerk reads it: "14:55" today, else
 * "12-04 14:55". */
static void sync_time(const yz_tui *t, const char *utc, char *out, size_t n)
{
	char local[32], today[11];
	yz_service_local_time(utc, local, sizeof local);
	yz_date_format(t->s->today, today);
	if (strlen(local) == 16)
		tui_fmt(out, n, "%s", local + (strncmp(local, today, 10) == 0 ? 11 : 5));
	else
		tui_fmt(out, n, "%s", local);
}

/* The gist of a failed sync's message: its last clause before the server's
 * own words, which are in brackets ("The hub did not take the changes: the hub
 * cannot be reached (server closed …)" → "the hub cannot be reached"). */
static void sync_gist(const char *msg, char *out, size_t n)
{
	size_t end = strcspn(msg, "\n(");
	const char *wide = strstr(msg, "\xef\xbc\x88"); /* a full-width bracket */
	if (wide && (size_t)(wide - msg) < end)
		end = (size_t)(wide - msg);
	size_t start = 0;
	for (size_t i = 0; i < end; i++)
		if (msg[i] == ':' && msg[i + 1] == ' ')
			start = i + 2;
		else if (!strncmp(msg + i, "\xef\xbc\x9a", 3)) /* a full-width colon */
			start = i + 3;
	while (end > start && msg[end - 1] == ' ')
		end--;
	if (start >= end)
		start = 0, end = strlen(msg);
	tui_fmt(out, n, "%.*s", (int)(end - start), msg + start);
}

/* Issue 17: one row on the district hub, from what the background sync last
 * recorded (no network here): when the station last reached the hub and how
 * many changes wait to go, or, when the last attempt failed, that first, with
 * its gist. Nothing for a station without a hub; the next free row. */
static int draw_hub(yz_tui *t, const home *h, int y)
{
	if (!h->sync_ok)
		return y;
	const yz_sync_state *st = &h->sync;
	char synced[32] = "", tried[32], gist[256], buf[512], line[512];
	long long waiting = st->waiting;
	if (st->last_sync[0])
		sync_time(t, st->last_sync, synced, sizeof synced);
	bool failed = !st->running && st->last_error[0] != '\0';
	if (st->running) {
		/* Started and not ended: under way now, or killed (the next one
		 * says which). */
		sync_time(t, st->last_try, tried, sizeof tried);
		tui_fmt(buf, sizeof buf,
		        _("Hub: a sync started %s has not ended, %lld changes waiting"), tried,
		        waiting);
	} else if (failed) {
		sync_time(t, st->last_try, tried, sizeof tried);
		sync_gist(st->last_error, gist, sizeof gist);
		if (synced[0])
			tui_fmt(buf, sizeof buf,
			        _("Hub: sync failed %s: %s. %lld changes waiting, last synced %s"),
			        tried, gist, waiting, synced);
		else
			tui_fmt(buf, sizeof buf,
			        _("Hub: sync failed %s: %s. %lld changes waiting, never synced"),
			        tried, gist, waiting);
	} else if (synced[0]) {
		tui_fmt(buf, sizeof buf, _("Hub: synced %s, %lld changes waiting"), synced,
		        waiting);
	} else {
		tui_fmt(buf, sizeof buf, _("Hub: not synced yet, %lld changes waiting"), waiting);
	}
	list_cut(buf, COLS - 2, line, sizeof line);
	tui_put(y, 1, line, COLS - 2, failed ? tui_attr(t, ROLE_ERROR) : tui_attr(t, ROLE_DIM));
	return y + 1;
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
	if (h->n_gap) { /* the head's: lines whose A and B are both away today */
		char lines[400] = "";
		for (size_t i = 0, len = 0; i < h->n_gap && len < sizeof lines; i++)
			len += (size_t)snprintf(lines + len, sizeof lines - len, "%s%s",
			                        i ? ", " : "", h->gap[i].line);
		tui_fmt(buf, sizeof buf, _("Nobody covers today (F7): %s"), lines);
		size_t first = yz_text_fit(buf, COLS - 2, NULL); /* the rest on a second row */
		tui_put(y++, 1, buf, COLS - 2, tui_attr(t, ROLE_ERROR));
		if (buf[first])
			tui_put(y++, 3, buf + first, COLS - 4, tui_attr(t, ROLE_ERROR));
	}
	return draw_calendar(t, h, y);
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
	int y = tui_calls_draw(t, &h->calls, is_head(t) ? 4 : 3); /* issue 19 */
	y = draw_warnings(t, h, draw_hub(t, h, y));
	if (h->dash_ok) {
		size_t n = 0;
		char name[128]; /* the absent A clerk by name, not login */
		for (size_t i = 0; i < h->dash->n_cover; i++)
			n += (size_t)snprintf(buf + n, n < sizeof buf ? sizeof buf - n : 0,
			                      "%s%s/%s", i ? ", " : "",
			                      yz_service_user_name(t->s, h->dash->cover[i].a_login,
			                                           name, sizeof name),
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
	size_t sec, row;
	return locate(h, &sec, &row) ? &h->dash->sec[order[sec]].rows[row] : NULL;
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
	if (key_code(k, KEY_F(10))) {
		tui_msg(t, TUI_MSG_INFO, _("%s logged out."), t->s->user.name);
		tui_pop(t); /* back to the login screen */
		return true;
	}
	if (key_enter(k)) {
		const yz_case *c = selected(h);
		if (!c && h->calls.ticket.id) { /* issue 19: serving a ticket: intake, as F2 */
			tui_msg_clear(t);
			screen_catalogue_push(t);
			return true;
		}
		if (!c)
			return false;
		char no[40];
		yz_strlcpy_utf8(no, c->number, sizeof no);
		tui_msg_clear(t);
		screen_case_view_push(t, no);
		return true;
	}
	/* One selection through the sections; a page is the selected one's rows. */
	size_t sec = 0, row;
	int page = locate(h, &sec, &row) ? h->sec[sec].lv.height : 1;
	if (list_key(&h->all, k, page > 1 ? page : 2)) {
		for (size_t i = 0; key_code(k, KEY_HOME) && i < N_SEC; i++)
			h->sec[i].lv.list.top = 0; /* the whole dashboard from its top */
		return true;
	}
	if (key_code(k, KEY_F(12)) && may_end_kiosk(t)) {
		end_kiosk(t);
		return true;
	}
	/* Issue 16: the head's and admin's figures and ledgers; L because every
	 * F-key of their home is taken (F12 ends a kiosk). */
	if ((key_code(k, KEY_F(11)) || key_ch(k, 'l') || key_ch(k, 'L')) && is_head(t)) {
		tui_msg_clear(t);
		if (key_code(k, KEY_F(11)))
			screen_stats_push(t);
		else
			screen_ledgers_push(t, NULL);
		return true;
	}
	if (k.is_code && k.code >= KEY_F(2) && k.code <= KEY_F(9)) {
		tui_msg_clear(t);
		return home_fkey(t, k);
	}
	if (!k.is_code && (k.ch == 'y' || k.ch == 'Y')) { /* issue 19: appointments */
		tui_msg_clear(t);
		if (tui_appointments(t) != 0)
			tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return true;
	}
	if (!k.is_code && (k.ch == 's' || k.ch == 'S')) { /* issue 18: the surveys */
		tui_msg_clear(t);
		screen_surveys_push(t);
		return true;
	}
	if (!k.is_code && (k.ch == 'v' || k.ch == 'V')) { /* a document's code (issue 12) */
		tui_msg_clear(t);
		screen_verify_push(t);
		return true;
	}
	return tui_calls_key(t, &h->calls, k); /* issue 19: N R X T E */
}

static void home_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	home *h = sc->data;
	for (size_t i = 0; i < N_SEC; i++)
		listview_free(&h->sec[i].lv);
	free(h->dash);
	free(h);
}

static size_t home_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	const home *h = sc->data;
	/* The most used first: what does not fit in the bar is still in F1's help. */
	yz_keyhint k[] = {
	    {"Enter", N_("Open")},     {"F2", N_("New service")}, {"F3", N_("Find resident")},
	    {"F4", N_("Cases")},       {"F10", N_("Log out")},    {"F12", N_("End counter")},
	    {"F8", N_("Printers")},    {"Y", N_("Bookings")},     {"S", N_("Surveys")},
	    {"F5", N_("Approvals")},   {"F6", N_("Follow-ups")},  {"F7", N_("Staff")},
	    {"F11", N_("Statistics")}, {"L", N_("Ledgers")},      {"F9", N_("Talk day")},
	    {"V", N_("Verify")}};
	size_t n = 0;
	bool head = is_head(t);
	for (size_t i = 0; i < sizeof k / sizeof k[0] && n < max; i++) {
		const char *key = k[i].key;
		if (!head && (!strcmp(key, "F5") || !strcmp(key, "F6") || !strcmp(key, "F7") ||
		              !strcmp(key, "F11") || !strcmp(key, "L")))
			continue; /* the station head's screens */
		if (!strcmp(key, "F8") && t->s->user.role != YZ_ROLE_ADMIN)
			continue; /* the printers screen is the admin's */
		if (!strcmp(key, "F12") && !may_end_kiosk(t))
			continue; /* only a kiosk has it, and only for the admin */
		/* Issue 19: N (call next) after the keys that must show at 80
		 * columns (F10, the admin's F12 and F8), where the hall is in use;
		 * the served ticket's keys last (its line on home shows them where
		 * they fit, F1's help always). */
		if (!strcmp(key, "Y") && h->calls.in_use)
			n += tui_calls_keys(&h->calls, false, out + n, max - n);
		if (n < max)
			out[n++] = k[i];
	}
	n += tui_calls_keys(&h->calls, true, out + n, max - n);
	return n;
}

/* Issue 17: while the clerk stays on home, the background sync may take
 * departments' answers (cases move on) or fail: when what it last recorded
 * changed, home reads everything again. */
static void home_tick(yz_tui *t, yz_screen *sc)
{
	home *h = sc->data;
	yz_sync_state now;

	/* Issue 19: tickets taken at the kiosk, calls at the other windows. */
	tui_calls_load(t, &h->calls);
	if (!h->sync_ok || yz_service_sync_state(t->s, &now, NULL) != 0)
		return;
	if (strcmp(now.last_sync, h->sync.last_sync) != 0 ||
	    strcmp(now.last_try, h->sync.last_try) != 0 || now.running != h->sync.running ||
	    now.answer_id != h->sync.answer_id)
		home_enter(t, sc);
}

static const yz_screen_ops home_ops = {
    .name = "home",
    .draw = home_draw,
    .key = home_key,
    .enter = home_enter,
    .tick = home_tick,
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
	if (!h)
		return;
	for (size_t i = 0; i < N_SEC; i++) {
		hsec *hs = &h->sec[i];
		hs->h = h;
		hs->s = order[i];
		listview_init(&hs->lv, columns, sizeof columns / sizeof columns[0], cell, hs);
		hs->lv.attr = cell_attr;
	}
	tui_push(t, &home_ops, h);
}
