/* Calling at the counter (issue 19): the hall's ticket this counter serves, on
 * a line of the home screen, and the keys that call the next ticket (N), call
 * it again (R), mark a no-show (X), send it to another queue (T) or finish it
 * (E). A case submitted while a ticket is served is linked to it by the
 * service (s->ticket), so intake needs nothing from here.
 *
 * The line shows only where the hall is in use: a ticket served here, or a
 * ticket issued today. A station that never prints a ticket keeps its home as
 * it was. The store stays the truth about the served ticket: every load asks
 * it (yz_service_serving), so a counter restarted, or signed in again, keeps
 * its ticket. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* A queue's name as the clerk reads it: a station's own label as written, a
 * default queue's (an English msgid, line 0) translated, none "Queue X". */
static void queue_label(const yz_tui *t, const char *letter, char *buf, size_t n)
{
	const yz_queue_line *q = yz_config_queue(t->s->cfg, letter);
	if (!q || !q->label[0])
		tui_fmt(buf, n, _("Queue %s"), letter);
	else
		tui_fmt(buf, n, "%s", q->line == 0 ? _(q->label) : q->label);
}

void tui_calls_load(yz_tui *t, tui_calls *c)
{
	yz_err err = {{0}};
	memset(c, 0, sizeof *c);
	/* The counter's served ticket from the store (after a login, a restart):
	 * it sets s->ticket. A session that cannot call (no counter) has none. */
	if (yz_service_serving(t->s, &c->ticket, &err) != 0)
		memset(&c->ticket, 0, sizeof c->ticket);
	yz_hall_state *st = malloc(sizeof *st); /* the windows and calls: a few KB */
	if (st && yz_service_hall_state(t->s, st, &err) == 0) {
		char mine[YZ_MAX_QUEUES][YZ_QUEUE_LEN];
		size_t n_mine = 0;
		if (yz_service_my_queues(t->s, mine, YZ_MAX_QUEUES, &n_mine, &err) != 0)
			n_mine = 0;
		for (size_t i = 0; i < st->n_queues; i++) {
			c->issued += st->queues[i].issued;
			for (size_t j = 0; j < n_mine; j++)
				if (strcmp(mine[j], st->queues[i].queue) == 0)
					c->waiting += st->queues[i].waiting;
		}
		for (size_t j = 0, len = 0; j < n_mine && len < sizeof c->mine; j++)
			len += (size_t)snprintf(c->mine + len, sizeof c->mine - len, "%s%s",
			                        j ? " " : "", mine[j]);
	}
	free(st);
	c->in_use = c->ticket.id != 0 || c->issued > 0;
	/* The head's line of the day's hall (waiting, served, mean wait ...). */
	c->today[0] = '\0';
	if (c->in_use && yz_service_is_head(t->s) &&
	    yz_service_hall_today(t->s, c->today, sizeof c->today, &err) != 0)
		c->today[0] = '\0';
}

int tui_calls_draw(yz_tui *t, const tui_calls *c, int y)
{
	char buf[512], label[128], line[512];
	if (!c->in_use)
		return y;
	if (c->ticket.id) {
		queue_label(t, c->ticket.queue, label, sizeof label);
		int n = tui_put(y, 1, _("Serving ticket"), COLS - 2, A_BOLD) + 1;
		tui_fmt(buf, sizeof buf, " %s ", c->ticket.code);
		n += tui_put(y, 1 + n, buf, COLS - 2 - n, tui_attr(t, ROLE_FOCUS) | A_BOLD) + 1;
		char calls[64], from[96] = "";
		tui_fmt(calls, sizeof calls,
		        dngettext(YZ_DOMAIN, "called %d time", "called %d times", c->ticket.calls),
		        c->ticket.calls);
		if (c->ticket.from_queue[0])
			tui_fmt(from, sizeof from, _(" (from queue %s)"), c->ticket.from_queue);
		const char *appt = c->ticket.priority ? _(" · appointment") : "";
		const char *keys = _("R recall  X no-show  T transfer  E finish  N next");
		int room = COLS - 2 - n;
		/* Whole words, never a cut: the keys go first when the line is too
		 * long (the key bar and F1 hold them too), then the least needed
		 * words; an ellipsis only where even the queue's name does not fit. */
		tui_fmt(buf, sizeof buf, "%s%s%s · %s    %s", label, from, appt, calls, keys);
		if (yz_text_width(buf) > room)
			tui_fmt(buf, sizeof buf, "%s%s%s · %s", label, from, appt, calls);
		if (yz_text_width(buf) > room)
			tui_fmt(buf, sizeof buf, "%s%s%s", label, from, appt);
		if (yz_text_width(buf) > room)
			tui_fmt(buf, sizeof buf, "%s%s", label, from);
		if (yz_text_width(buf) > room)
			tui_fmt(buf, sizeof buf, "%s", label);
		list_cut(buf, room, line, sizeof line);
		tui_put(y, 1 + n, line, room, tui_attr(t, ROLE_OK));
	} else {
		if (c->mine[0])
			tui_fmt(buf, sizeof buf,
			        _("Calls: press N for the next ticket (waiting in %s: %d)"),
			        c->mine, c->waiting);
		else
			tui_fmt(buf, sizeof buf, "%s", _("Calls: press N for the next ticket"));
		list_cut(buf, COLS - 2, line, sizeof line);
		tui_put(y, 1, line, COLS - 2, A_NORMAL);
	}
	y++;
	if (c->today[0]) { /* the head's figures of the day */
		list_cut(c->today, COLS - 2, line, sizeof line);
		tui_put(y++, 1, line, COLS - 2, tui_attr(t, ROLE_DIM));
	}
	return y;
}

/* N: the next ticket of this counter's queues; the one served is done. */
static void call_next(yz_tui *t)
{
	yz_err err = {{0}};
	yz_ticket tk;
	int rc = yz_service_call_next(t->s, &tk, &err);
	if (rc < 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	} else if (rc == 1) {
		tui_msg(t, TUI_MSG_INFO, "%s",
		        _("Nobody is waiting in this counter's queues. Press N again later."));
	} else {
		char label[128];
		queue_label(t, tk.queue, label, sizeof label);
		tui_msg(t, TUI_MSG_OK,
		        _("Called %s (%s): the hall display shows it and calls it out."), tk.code,
		        label);
	}
}

/* R, X, T, E need a ticket served here; without one, the clerk is told so. */
static bool need_ticket(yz_tui *t, const tui_calls *c)
{
	if (c->ticket.id && t->s->ticket)
		return true;
	tui_msg(t, TUI_MSG_ERROR, "%s", _("No ticket is being served here: N calls the next."));
	return false;
}

static void call_again(yz_tui *t, const tui_calls *c)
{
	yz_err err = {{0}};
	if (yz_service_call_again(t->s, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s called again."), c->ticket.code);
}

static void call_noshow(yz_tui *t, const tui_calls *c)
{
	char text[256];
	yz_err err = {{0}};
	tui_fmt(text, sizeof text,
	        _("%s did not come to the window? It is marked as a no-show; N then calls the "
	          "next."),
	        c->ticket.code);
	if (!tui_confirm(t, _("Mark no-show"), text))
		return;
	if (yz_service_call_noshow(t->s, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s marked as a no-show. N calls the next."),
		        c->ticket.code);
}

/* T: the queues of the station but the ticket's own, picked from a list. */
static void call_transfer(yz_tui *t, const tui_calls *c)
{
	const yz_config *cfg = t->s->cfg;
	char items[YZ_MAX_QUEUES][160], label[128], title[128];
	char *ptr[YZ_MAX_QUEUES];
	const char *letter[YZ_MAX_QUEUES];
	size_t n = 0;
	for (int i = 0; i < cfg->n_queues && n < YZ_MAX_QUEUES; i++) {
		const char *q = cfg->queues[i].letter;
		if (strcmp(q, c->ticket.queue) == 0)
			continue;
		queue_label(t, q, label, sizeof label);
		tui_fmt(items[n], sizeof items[n], "%s  %s", q, label);
		ptr[n] = items[n];
		letter[n++] = q;
	}
	if (n == 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("The station has no other queue to send it to."));
		return;
	}
	tui_fmt(title, sizeof title, _("Send %s to which queue?"), c->ticket.code);
	long k = tui_pick(t, title, ptr, n, 0);
	if (k < 0)
		return;
	yz_err err = {{0}};
	if (yz_service_call_transfer(t->s, letter[k], &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	queue_label(t, letter[k], label, sizeof label);
	tui_msg(t, TUI_MSG_OK, _("%s now waits in queue %s (%s), near the front."), c->ticket.code,
	        letter[k], label);
}

static void call_finish(yz_tui *t, const tui_calls *c)
{
	yz_err err = {{0}};
	if (yz_service_call_finish(t->s, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s served. N calls the next."), c->ticket.code);
}

bool tui_calls_key(yz_tui *t, tui_calls *c, tui_key k)
{
	if (k.is_code || k.none)
		return false;
	switch (k.ch) {
	case 'n':
	case 'N':
		tui_msg_clear(t);
		call_next(t);
		break;
	case 'r':
	case 'R':
		tui_msg_clear(t);
		if (need_ticket(t, c))
			call_again(t, c);
		break;
	case 'x':
	case 'X':
		tui_msg_clear(t);
		if (need_ticket(t, c))
			call_noshow(t, c);
		break;
	case 't':
	case 'T':
		tui_msg_clear(t);
		if (need_ticket(t, c))
			call_transfer(t, c);
		break;
	case 'e':
	case 'E':
		tui_msg_clear(t);
		if (need_ticket(t, c))
			call_finish(t, c);
		break;
	default:
		return false;
	}
	tui_calls_load(t, c); /* what the call changed, and what others did meanwhile */
	return true;
}

size_t tui_calls_keys(const tui_calls *c, bool serving_keys, yz_keyhint *out, size_t max)
{
	static const yz_keyhint next[] = {{"N", N_("Call next")}};
	static const yz_keyhint ticket[] = {{"R", N_("Call again")},
	                                    {"X", N_("Mark no-show")},
	                                    {"T", N_("Transfer ticket")},
	                                    {"E", N_("Finish ticket")}};
	if (!serving_keys)
		return tui_put_keys(out, max, next, 1);
	return c->ticket.id ? tui_put_keys(out, max, ticket, sizeof ticket / sizeof ticket[0]) : 0;
}
