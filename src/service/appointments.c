/* Appointments (yu yue, issue 19): the slots of a queue on a working day from
 * yizhan.conf's [queue X] `slots` and `slot_capacity`, booking for a
 * registered resident, cancelling, the day's list and the missed ones. The
 * kiosk turns an arriving booking into a priority ticket (hall.c,
 * yz_service_ticket_arrive). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "service_int.h"

/* The queue of letter among the station's, or NULL (said in err). */
static const yz_queue_line *queue_of(yz_session *s, const char *letter, yz_err *err)
{
	for (int i = 0; letter && i < s->cfg->n_queues; i++)
		if (!strcmp(s->cfg->queues[i].letter, letter))
			return &s->cfg->queues[i];
	char names[3 * YZ_MAX_QUEUES + 1] = "";
	for (int i = 0; i < s->cfg->n_queues; i++) {
		strcat(names, s->cfg->queues[i].letter);
		if (i + 1 < s->cfg->n_queues)
			strcat(names, " ");
	}
	yz_err_setc(err, YZ_ERR_INVALID, _("There is no queue %s. The queues are: %s."),
	            letter ? letter : "", names);
	return NULL;
}

/* The queue's slots split on spaces into out (at most max); their number. */
static size_t split_slots(const yz_queue_line *q, char (*out)[12], size_t max)
{
	size_t n = 0;
	const char *p = q->slots;

	while (*p && n < max) {
		size_t len = strcspn(p, " \t");
		if (len > 0 && len < sizeof out[0]) {
			memcpy(out[n], p, len);
			out[n++][len] = '\0';
		}
		p += len;
		p += strspn(p, " \t");
	}
	return n;
}

/* A typed day in the stored form, checked to be a date: out, else NULL with
 * err said. */
static const char *day_of(const char *typed, char out[11], yz_date *d, yz_err *err)
{
	const char *day = yz_date_norm(typed, out);

	if (!day || !yz_date_parse(day, d) || strlen(day) != 10) {
		yz_err_setc(err, YZ_ERR_INVALID, _("\"%s\" is not a date: type it as 2026-12-14."),
		            typed ? typed : "");
		return NULL;
	}
	return day;
}

/* The local time now by the session's clock, "HH:MM". */
static void hhmm_now(yz_session *s, char out[6])
{
	time_t t = yz_clock_now(&s->clock);
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(out, 6, "%02d:%02d", tm.tm_hour % 24, tm.tm_min % 60);
}

int yz_service_slots(yz_session *s, const char *queue, const char *day, yz_slot *out, size_t max,
                     size_t *n, yz_err *err)
{
	const yz_queue_line *q = queue_of(s, queue, err);
	char buf[11], slots[64][12];
	const char *names[64];
	int counts[64];
	yz_date d;
	const char *dd;
	size_t k;

	*n = 0;
	if (!q || !(dd = day_of(day, buf, &d, err)))
		return -1;
	if (!yz_is_workday(s->calendar, d))
		return 0;
	k = split_slots(q, slots, max < 64 ? max : 64);
	for (size_t i = 0; i < k; i++)
		names[i] = slots[i];
	if (yz_appt_slot_counts(s->store, dd, q->letter, names, k, counts, err) < 0)
		return -1;
	for (size_t i = 0; i < k; i++) {
		snprintf(out[i].slot, sizeof out[i].slot, "%s", slots[i]);
		out[i].booked = counts[i];
		out[i].capacity = q->slot_capacity > 0 ? q->slot_capacity : 1;
	}
	*n = k;
	return 0;
}

/* The checks of a booking that need no database: the day and the slot. */
static int book_check(yz_session *s, const yz_queue_line *q, const char *day, yz_date d,
                      const char *slot, yz_err *err)
{
	char slots[64][12], now[6];
	size_t k = split_slots(q, slots, 64), i;

	if (yz_date_cmp(d, s->today) < 0) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s has passed: book a day from today on."),
		            day);
		return -1;
	}
	if (!yz_is_workday(s->calendar, d)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is not a working day: the station is closed."), day);
		return -1;
	}
	for (i = 0; i < k && strcmp(slots[i], slot ? slot : ""); i++)
		;
	if (i == k) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Queue %s has no slot \"%s\". Its slots are: %s"), q->letter,
		            slot ? slot : "", k ? q->slots : _("none"));
		return -1;
	}
	hhmm_now(s, now);
	if (yz_date_cmp(d, s->today) == 0 && strlen(slot) >= 11 && strcmp(slot + 6, now) <= 0) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The slot %s has ended today: choose a later one."), slot);
		return -1;
	}
	return 0;
}

int yz_service_appt_book(yz_session *s, const char *queue, const char *day, const char *slot,
                         const char *idno, const char *phone, const char *note, yz_appointment *out,
                         yz_err *err)
{
	const yz_queue_line *q;
	char buf[11];
	const char *dd;
	yz_date d;
	yz_resident r;
	yz_appointment a = {0};
	int rc;

	if (!s->user.login[0]) {
		yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in to book an appointment."));
		return -1;
	}
	if (!(q = queue_of(s, queue, err)) || !(dd = day_of(day, buf, &d, err)) ||
	    book_check(s, q, dd, d, slot, err) < 0)
		return -1;
	/* The number's form first: a mistyped one is not "not registered". */
	yz_idcard id;
	yz_id_status st = yz_idcard_check(idno ? idno : "", s->today, &id);
	if (st != YZ_ID_OK) {
		yz_err_setc(err, YZ_ERR_INVALID, _("\"%s\" is not a valid ID number: %s"),
		            idno ? idno : "", yz_idcard_message(st));
		return -1;
	}
	idno = id.number;
	rc = yz_resident_by_idno(s->store, idno, &r, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("No resident with ID number \"%s\" is registered: register them "
		              "first."),
		            idno ? idno : "");
		return -1;
	}
	snprintf(a.queue, sizeof a.queue, "%s", q->letter);
	snprintf(a.day, sizeof a.day, "%s", dd);
	snprintf(a.slot, sizeof a.slot, "%s", slot);
	snprintf(a.idno, sizeof a.idno, "%s", r.idno);
	yz_strlcpy_utf8(a.name, r.name, sizeof a.name);
	/* What the clerk typed is kept whole or refused, never cut. */
	if (!yz_strlcpy_utf8(a.phone, phone && *phone ? phone : r.phone, sizeof a.phone) ||
	    !yz_strlcpy_utf8(a.note, note ? note : "", sizeof a.note)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The phone (at most %zu characters) or the note (at most %zu bytes, "
		              "about %zu Chinese characters) is too long: shorten it."),
		            sizeof a.phone - 1, sizeof a.note - 1, (sizeof a.note - 1) / 3);
		return -1;
	}
	if (yz_appt_book(s->store, &a, q->slot_capacity, s->user.login, err) < 0)
		return -1;
	if (out)
		*out = a;
	return 0;
}

int yz_service_appt_cancel(yz_session *s, int64_t id, yz_err *err)
{
	yz_appointment a;
	int rc;

	if (!s->user.login[0]) {
		yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in to cancel an appointment."));
		return -1;
	}
	if ((rc = yz_appt_get(s->store, id, &a, err)) != 0)
		return -1;
	if (a.state != YZ_APPT_BOOKED) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Appointment %s cannot be cancelled: it is no longer booked."),
		            a.number);
		return -1;
	}
	return yz_appt_set_state(s->store, id, YZ_APPT_CANCELLED, 0, s->user.login, err);
}

/* The kiosk's session has no clerk: it may take tickets and check in, never
 * read residents' bookings or visits (names, ID numbers, addresses). */
static int need_clerk(const yz_session *s, yz_err *err)
{
	if (s->user.login[0])
		return 0;
	yz_err_setc(err, YZ_ERR_DENIED, "%s", _("Sign in first."));
	return -1;
}

const char *yz_service_appt_state_text(yz_appt_state st)
{
	switch (st) {
	case YZ_APPT_BOOKED:
		return _("booked");
	case YZ_APPT_ARRIVED:
		return _("arrived");
	case YZ_APPT_MISSED:
		return _("missed");
	case YZ_APPT_CANCELLED:
		return _("cancelled");
	}
	return "?";
}

int yz_service_appt_list(yz_session *s, const char *day, yz_appointment *out, size_t max, size_t *n,
                         yz_err *err)
{
	if (need_clerk(s, err) != 0)
		return -1;
	char buf[11];
	yz_date d;
	const char *dd;

	*n = 0;
	if (!day || !*day) {
		yz_date_format(s->today, buf);
		dd = buf;
	} else if (!(dd = day_of(day, buf, &d, err))) {
		return -1;
	}
	return yz_appt_list(s->store, dd, out, max, n, err);
}

/* How many days back a forgotten `appt missed` is caught up. */
#define MISSED_DAYS_BACK 31

int yz_service_appt_mark_missed(yz_session *s, int *n, yz_err *err)
{
	if (need_clerk(s, err) != 0)
		return -1;
	char day[11], now[6];
	int k = 0, dummy;

	if (!n)
		n = &dummy;
	*n = 0;
	/* Days before today whose bookings were never marked (nobody ran it
	 * at closing): every slot of theirs has ended. */
	for (long back = MISSED_DAYS_BACK; back >= 1; back--) {
		yz_date_format(yz_date_from_days(yz_date_to_days(s->today) - back), day);
		if (yz_appt_mark_missed(s->store, day, "99:99", s->user.login, &k, err) < 0)
			return -1;
		*n += k;
	}
	yz_date_format(s->today, day);
	hhmm_now(s, now);
	if (yz_appt_mark_missed(s->store, day, now, s->user.login, &k, err) < 0)
		return -1;
	*n += k;
	return 0;
}
