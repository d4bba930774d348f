/* Appointments at the counter (yu yue, issue 19): the bookings of a day, one
 * list; B books one for a resident (queue, day, ID number, then the slot from
 * the ones with a place left), C cancels the selected one, D shows another
 * day, M marks today's ended bookings missed, V opens the home visits. The kiosk turns a booking
 * into a priority ticket when the resident arrives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { APPTS_MAX = 300, SLOTS_MAX = 64 };

typedef struct appts {
	char day[11];                /* the day shown */
	yz_appointment v[APPTS_MAX]; /* its bookings by slot */
} appts;

static size_t appts_load(yz_tui *t, yz_listscreen *ls)
{
	appts *a = ls->data;
	size_t n = 0;
	yz_err err = {{0}};

	if (yz_service_appt_list(t->s, a->day, a->v, APPTS_MAX, &n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	return n;
}

static const yz_column columns[] = {
    {N_("Booking no."), COL_FIT, 13, 0, false}, {N_("Slot"), COL_FIT, 11, 0, false},
    {N_("Queue letter"), COL_FIT, 2, 0, false}, {N_("Name"), COL_FLEX, 6, 1, false},
    {N_("ID number"), COL_FIT, 18, 0, false},   {N_("Contact phone"), COL_FIT, 11, 0, false},
    {N_("State"), COL_FIT, 6, 0, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const yz_appointment *p = &((appts *)ctx)->v[row];
	char masked[19];

	switch (col) {
	case 0:
		return p->number;
	case 1:
		return p->slot;
	case 2:
		return p->queue;
	case 3:
		return p->name;
	case 4:
		yz_idcard_mask(p->idno, masked);
		tui_fmt(buf, n, "%s", masked);
		return buf;
	case 5:
		return p->phone;
	default:
		return yz_service_appt_state_text(p->state);
	}
}

static void appts_draw(yz_tui *t, yz_listscreen *ls)
{
	const appts *a = ls->data;
	size_t row;
	char buf[400];

	tui_fmt(buf, sizeof buf, _("Day %s"), a->day);
	tui_put(LINES - 4, 2, buf, COLS - 4, A_BOLD);
	if (listscreen_selected(ls, &row) && a->v[row].note[0]) {
		tui_fmt(buf, sizeof buf, _("%s: %s"), _("Note"), a->v[row].note);
		tui_put(LINES - 3, 2, buf, COLS - 4, tui_attr(t, ROLE_DIM));
	}
}

/* A queue's name as the clerk reads it: a default queue's label is an English
 * msgid (yz_config_defaults), a station's own label its own words. */
static void queue_label(const yz_queue_line *q, char *buf, size_t n)
{
	if (!q->label[0])
		tui_fmt(buf, n, "%s", q->letter);
	else
		tui_fmt(buf, n, "%s %s", q->letter, q->line == 0 ? _(q->label) : q->label);
}

/* The queue the clerk picks; NULL on Esc. */
static const yz_queue_line *pick_queue(yz_tui *t)
{
	const yz_config *c = t->s->cfg;
	char names[YZ_MAX_QUEUES][96], *items[YZ_MAX_QUEUES];
	size_t n = 0;

	for (int i = 0; i < c->n_queues && n < YZ_MAX_QUEUES; i++, n++) {
		queue_label(&c->queues[i], names[n], sizeof names[n]);
		items[n] = names[n];
	}
	if (!n) {
		tui_message(t, _("Not done"), _("The station has no queues (yizhan.conf)."));
		return NULL;
	}
	long k = tui_pick(t, _("Book in which queue?"), items, n, 0);
	return k < 0 ? NULL : &c->queues[k];
}

/* The slot the clerk picks among those of queue on day with a place left;
 * false on Esc or when there is none (said). */
static bool pick_slot(yz_tui *t, const yz_queue_line *q, const char *day, char slot[12])
{
	yz_slot sl[SLOTS_MAX];
	char names[SLOTS_MAX][64], *items[SLOTS_MAX];
	size_t n = 0, idx[SLOTS_MAX], k = 0;
	yz_err err = {{0}};

	if (yz_service_slots(t->s, q->letter, day, sl, SLOTS_MAX, &n, &err) != 0) {
		tui_message(t, _("Not done"), err.msg);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (sl[i].booked >= sl[i].capacity)
			continue;
		tui_fmt(names[k], sizeof names[k], _("%s  (%d of %d places left)"), sl[i].slot,
		        sl[i].capacity - sl[i].booked, sl[i].capacity);
		items[k] = names[k];
		idx[k++] = i;
	}
	if (!k) {
		tui_message(t, _("Not done"),
		            n ? _("Every slot of that day is full: choose another day.")
		              : _("No slots that day: not a working day, or the queue takes no "
		                  "appointments."));
		return false;
	}
	long c = tui_pick(t, _("Which slot?"), items, k, 0);
	if (c < 0)
		return false;
	tui_fmt(slot, 12, "%s", sl[idx[c]].slot);
	return true;
}

/* The typed ID number checked before the slot list: its form by the core's
 * check, then that the resident is registered. False with the refusal said
 * (the clerk goes back to the form with what was typed). */
static bool idno_ok(yz_tui *t, const char *idno)
{
	yz_idcard id;
	yz_id_status st = yz_idcard_check(idno, t->s->today, &id);
	yz_resident r;
	yz_err err = {{0}};
	char msg[300];
	int rc;

	if (st != YZ_ID_OK) {
		tui_fmt(msg, sizeof msg, _("\"%s\" is not a valid ID number: %s"), idno,
		        yz_idcard_message(st));
		tui_message(t, _("Not booked"), msg);
		return false;
	}
	rc = yz_service_resident_by_idno(t->s, id.number, &r, &err);
	if (rc < 0) {
		tui_message(t, _("Not booked"), err.msg);
		return false;
	}
	if (rc == 1) {
		tui_fmt(msg, sizeof msg,
		        _("No resident with ID number \"%s\" is registered: register them first."),
		        id.number);
		tui_message(t, _("Not booked"), msg);
		return false;
	}
	return true;
}

static void book(yz_tui *t, yz_listscreen *ls)
{
	appts *a = ls->data;
	const yz_queue_line *q = pick_queue(t);
	char day[11], idno[24] = "", phone[32] = "", note[200] = "", slot[12], msg[256];
	yz_appointment ap;
	yz_err err = {{0}};

	if (!q)
		return;
	tui_fmt(day, sizeof day, "%s", a->day);
	yz_ask_field f[] = {{N_("Day (YYYY-MM-DD)"), day, sizeof day, 10, true},
	                    {N_("ID number"), idno, sizeof idno, 18, true},
	                    {N_("Phone (empty: the registry's)"), phone, sizeof phone, 20, false},
	                    {N_("Note"), note, sizeof note, 0, false}};
	/* A refusal goes back to the form with what was typed: the buffers keep
	 * it, tui_ask shows them again. Esc ends. */
	for (;;) {
		if (!tui_ask(t, _("Book an appointment"), NULL, f, 4))
			return;
		if (!idno_ok(t, idno) || !pick_slot(t, q, day, slot))
			continue;
		memset(&err, 0, sizeof err);
		if (yz_service_appt_book(t->s, q->letter, day, slot, idno, phone, note, &ap,
		                         &err) == 0)
			break;
		tui_message(t, _("Not booked"), err.msg);
	}
	tui_fmt(a->day, sizeof a->day, "%s", ap.day);
	tui_fmt(msg, sizeof msg,
	        _("Booked %s for %s, %s %s. Tell the resident the number: the ticket machine "
	          "takes it, or the ID card."),
	        ap.number, ap.name, ap.day, ap.slot);
	tui_message(t, _("Booked"), msg);
	listscreen_reload(t, ls);
}

static void cancel(yz_tui *t, yz_listscreen *ls, const yz_appointment *p)
{
	char q[256];
	yz_err err = {{0}};

	tui_fmt(q, sizeof q, _("Cancel appointment %s of %s (%s)?"), p->number, p->name, p->slot);
	if (!tui_confirm(t, _("Cancel"), q))
		return;
	if (yz_service_appt_cancel(t->s, p->id, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("Appointment %s cancelled."), p->number);
	listscreen_reload(t, ls);
}

static bool appts_key(yz_tui *t, yz_listscreen *ls, tui_key k)
{
	appts *a = ls->data;
	size_t row;

	if (key_ch(k, 'b') || key_ch(k, 'B')) {
		book(t, ls);
	} else if (key_ch(k, 'd') || key_ch(k, 'D')) {
		char day[11];
		tui_fmt(day, sizeof day, "%s", a->day);
		yz_ask_field f[] = {{N_("Day (YYYY-MM-DD)"), day, sizeof day, 10, true}};
		yz_date d;
		if (!tui_ask(t, _("Appointments of"), NULL, f, 1))
			return true;
		if (!yz_date_parse(day, &d)) {
			tui_msg(t, TUI_MSG_ERROR, _("\"%s\" is not a date: type it as 2026-12-14."),
			        day);
			return true;
		}
		yz_date_format(d, a->day);
		listscreen_reload(t, ls);
	} else if (key_ch(k, 'm') || key_ch(k, 'M')) {
		int n = 0;
		yz_err err = {{0}};
		if (yz_service_appt_mark_missed(t->s, &n, &err) != 0)
			tui_message(t, _("Not done"), err.msg);
		else
			tui_msg(t, TUI_MSG_OK, _("%d appointments marked missed."), n);
		listscreen_reload(t, ls);
	} else if (key_ch(k, 'v') || key_ch(k, 'V')) {
		tui_visits(t);
	} else if ((key_ch(k, 'c') || key_ch(k, 'C')) && listscreen_selected(ls, &row)) {
		cancel(t, ls, &a->v[row]);
	} else {
		return false;
	}
	return true;
}

static const yz_keyhint keys[] = {{"Esc", N_("Back")},      {"B", N_("Book")},
                                  {"D", N_("Day")},         {"M", N_("Mark missed")},
                                  {"V", N_("Home visits")}, {"C", N_("Cancel")}};

static const yz_listscreen_def appts_def = {
    .title = N_("Appointments of the day"),
    .count = true,
    .empty = N_("No appointments that day: B books one."),
    .cols = columns,
    .n_cols = sizeof columns / sizeof columns[0],
    .cell = cell,
    .below = 3, /* the day and the selected booking's note */
    .load = appts_load,
    .draw = appts_draw,
    .key = appts_key,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .n_keys_empty = 5, /* not Cancel */
};

int tui_appointments(yz_tui *t)
{
	appts *a = calloc(1, sizeof *a);

	if (!a)
		return -1;
	yz_date_format(t->s->today, a->day);
	listscreen_push(t, &appts_def, a);
	return 0;
}
