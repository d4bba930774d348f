/* The hall (issue 19): the queues a counter calls from, the kiosk's tickets,
 * the calls at the counter and the hall display's state — what
 * yizhan/service/hall.h says under "queues", "the ticket kiosk", "calls at
 * the counter" and "the hall display" (the voice: voice.c; appointments and
 * visits: appointments.c, visits.c; figures: hall_figures.c).
 *
 * The kiosk and the display have no clerk: anyone in the hall may take a
 * ticket or look at the board. Calls are a clerk's at a counter: a station
 * without counters is one window, number 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "service_int.h"
#include "yizhan/service.h"

/* The estimate's base before a queue has served anybody today. */
#define FIRST_SERVICE_S 300

static void day_of(const yz_session *s, char out[11])
{
	yz_date_format(s->today, out);
}

static const yz_queue_line *queue_or_refuse(const yz_session *s, const char *letter, yz_err *err)
{
	const yz_queue_line *q = yz_config_queue(s->cfg, letter);
	if (!q)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("There is no queue \"%s\": the station's queues are the [queue X] "
		              "sections of yizhan.conf."),
		            letter ? letter : "");
	return q;
}

/* ---- queues ----------------------------------------------------------------------- */

/* A word of a space-separated list. */
static bool in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; n && (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ' || p[-1] == '\t' || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ' ' || p[n] == '\t' || p[n] == ','))
			return true;
	return false;
}

/* The id (lines.txt) of a business line as the staff table names it (its
 * word, e.g. the Chinese name); the word itself when the catalogue has no
 * such line. */
static const char *line_id(const yz_session *s, const char *word)
{
	const yz_form_vocab *v = s->cat ? &s->cat->vocab : NULL;
	for (size_t i = 0; v && i < v->n_lines; i++)
		if (strcmp(v->lines[i], word) == 0 || strcmp(v->line_ids[i], word) == 0)
			return v->line_ids[i];
	return word;
}

/* Whether queue q serves one of the business lines in lines (n of them). */
static bool serves_any(const yz_session *s, const yz_queue_line *q, char (*lines)[64], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (in_list(q->lines, line_id(s, lines[i])))
			return true;
	return false;
}

/* The clerk's business lines: those they are A or B of, and those they
 * cover today for an absent A. */
static int my_lines(yz_session *s, char (*out)[64], size_t max, size_t *n, yz_err *err)
{
	yz_line_staff ls[64];
	yz_cover cv[YZ_MAX_COVER];
	size_t nl = 0, nc = 0;
	char day[11];

	*n = 0;
	day_of(s, day);
	if (yz_line_staff_list(s->store, ls, 64, &nl, err) != 0 ||
	    yz_cover_list(s->store, s->user.login, day, cv, YZ_MAX_COVER, &nc, err) != 0)
		return -1;
	for (size_t i = 0; i < nl && *n < max; i++)
		if (strcmp(ls[i].a_login, s->user.login) == 0 ||
		    strcmp(ls[i].b_login, s->user.login) == 0)
			snprintf(out[(*n)++], 64, "%s", ls[i].line);
	for (size_t i = 0; i < nc && *n < max; i++)
		snprintf(out[(*n)++], 64, "%s", cv[i].line);
	return 0;
}

int yz_service_my_queues(yz_session *s, char (*out)[YZ_QUEUE_LEN], size_t max, size_t *n,
                         yz_err *err)
{
	const yz_counter *k = s->counter.state == YZ_COUNTER_CHOSEN
	                          ? yz_config_counter(s->cfg, s->counter.number)
	                          : NULL;
	char lines[72][64];
	size_t nl = 0;

	*n = 0;
	if (k && k->queues[0]) { /* the counter's own list, in the file's order */
		for (int i = 0; i < s->cfg->n_queues && *n < max; i++)
			if (strchr(k->queues, s->cfg->queues[i].letter[0]))
				snprintf(out[(*n)++], YZ_QUEUE_LEN, "%s", s->cfg->queues[i].letter);
		return 0;
	}
	if (s->user.login[0] && my_lines(s, lines, sizeof lines / sizeof lines[0], &nl, err) != 0)
		return -1;
	for (int i = 0; i < s->cfg->n_queues && *n < max; i++)
		if (serves_any(s, &s->cfg->queues[i], lines, nl))
			snprintf(out[(*n)++], YZ_QUEUE_LEN, "%s", s->cfg->queues[i].letter);
	if (*n > 0)
		return 0;
	/* The head, a clerk of no line: whoever waits. */
	for (int i = 0; i < s->cfg->n_queues && *n < max; i++)
		snprintf(out[(*n)++], YZ_QUEUE_LEN, "%s", s->cfg->queues[i].letter);
	return 0;
}

/* ---- the ticket kiosk ------------------------------------------------------------- */

/* The slip of a ticket just issued: its queue's name, and the estimate from
 * today's service times (see service/hall.h). The ticket is issued already:
 * when the figures cannot be read the slip goes without an estimate rather
 * than the kiosk saying "error" over a valid ticket (the resident would take
 * another, and the first would be called for nobody). */
static void fill_slip(yz_session *s, const yz_queue_line *q, const yz_ticket *t, int ahead,
                      yz_ticket_slip *out)
{
	const char *letters[1] = {q->letter};
	yz_queue_count qc;
	yz_err ignored = {{0}};

	memset(out, 0, sizeof *out);
	out->t = *t;
	out->ahead = ahead;
	svc_queue_label(q, false, out->label, sizeof out->label);
	if (yz_queue_counts(s->store, t->day, letters, 1, &qc, &ignored) != 0)
		return;
	long mean = qc.served > 0 ? qc.service_s_sum / qc.served : FIRST_SERVICE_S;
	long windows = qc.counters > 0 ? qc.counters : 1;
	long total = mean * ahead;
	out->wait_min = (int)((total + windows * 60 - 1) / (windows * 60));
}

int yz_service_ticket_take(yz_session *s, const char *queue, yz_ticket_slip *out, yz_err *err)
{
	const yz_queue_line *q;
	yz_ticket t;
	char day[11];
	int ahead = 0;

	memset(out, 0, sizeof *out);
	yz_service_new_day(s); /* a kiosk runs for days */
	if (!(q = queue_or_refuse(s, queue, err)))
		return -1;
	day_of(s, day);
	/* No audit row: the kiosk has no actor, and a ticket changes nobody's
	 * record (the store's comment in src/store/hall.c). */
	if (yz_ticket_issue(s->store, day, q->letter, false, 0, &t, &ahead, err) != 0)
		return -1;
	fill_slip(s, q, &t, ahead, out);
	return 0;
}

int yz_service_ticket_arrive(yz_session *s, const char *key, yz_ticket_slip *out, yz_err *err)
{
	const yz_queue_line *q;
	yz_appointment a;
	yz_ticket t;
	char day[11], typed[40];
	int ahead = 0, rc;

	memset(out, 0, sizeof *out);
	yz_service_new_day(s);
	day_of(s, day);
	snprintf(typed, sizeof typed, "%s", key ? key : "");
	char *k = yz_text_trim(typed);
	for (char *p = k; *p; p++) /* a booking number's Y, an ID number's X */
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	if (!*k) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("Type the booking number (Y...) or the ID number of the appointment."));
		return -1;
	}
	rc = yz_appt_find(s->store, day, k, &a, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		/* The kiosk's message, read by the residents behind: it never repeats
		 * what was typed (an ID number). */
		yz_err_setc(err, YZ_ERR_NOT_FOUND, "%s",
		            _("No appointment for today under that number. Please take an "
		              "ordinary ticket, or ask the staff."));
		return -1;
	}
	if (a.state == YZ_APPT_ARRIVED) {
		yz_ticket at;
		if (yz_ticket_get(s->store, a.ticket_id, &at, NULL) == 0)
			yz_err_setc(err, YZ_ERR_EXISTS,
			            _("Appointment %s has already checked in: its ticket is %s."),
			            a.number, at.code);
		else
			yz_err_setc(err, YZ_ERR_EXISTS, _("Appointment %s has already checked in."),
			            a.number);
		return -1;
	}
	if (a.state != YZ_APPT_BOOKED) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    a.state == YZ_APPT_CANCELLED
		        ? _("Appointment %s was cancelled. Please take an ordinary ticket.")
		        : _("The time of appointment %s has passed. Please take an ordinary "
		            "ticket."),
		    a.number);
		return -1;
	}
	if (!(q = queue_or_refuse(s, a.queue, err)))
		return -1;
	/* The ticket and the appointment's arrival together, or neither. */
	if (yz_store_begin(s->store, err) != 0)
		return -1;
	rc = yz_ticket_issue(s->store, day, q->letter, true, a.id, &t, &ahead, err);
	if (rc == 0)
		rc = yz_appt_set_state(s->store, a.id, YZ_APPT_ARRIVED, t.id,
		                       s->user.login[0] ? s->user.login : "kiosk", err);
	if (rc != 0) {
		yz_store_rollback(s->store);
		return -1;
	}
	if (yz_store_commit(s->store, err) != 0)
		return -1;
	fill_slip(s, q, &t, ahead, out);
	snprintf(out->appt_no, sizeof out->appt_no, "%s", a.number);
	snprintf(out->appt_slot, sizeof out->appt_slot, "%s", a.slot);
	return 0;
}

yz_doc *yz_service_ticket_doc(yz_session *s, const yz_ticket_slip *slip)
{
	const yz_queue_line *q = yz_config_queue(s->cfg, slip->t.queue);
	char label[96], buf[160], when[32];
	time_t now = yz_clock_now(&s->clock);
	struct tm tm;

	yz_paper_lang_set(s->cfg->document_language); /* the station's, as every paper */
	yz_doc *d = yz_doc_new(P_("Queue ticket"));
	if (!d)
		return NULL;
	yz_doc_set_created(d, now);
	if (q)
		svc_queue_label(q, true, label, sizeof label);
	else
		snprintf(label, sizeof label, P_("Queue %s"), slip->t.queue);
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	yz_doc_text(d, s->cfg->station_name, YZ_STYLE_CENTER | YZ_STYLE_BOLD);
	yz_doc_rule(d);
	yz_doc_text(d, slip->t.code, YZ_STYLE_CENTER | YZ_STYLE_DOUBLE | YZ_STYLE_BOLD);
	yz_doc_text(d, label, YZ_STYLE_CENTER | YZ_STYLE_BOLD);
	yz_doc_space(d, 1);
	/* A count with its unit ("1 person", "3 people"; in Chinese the count and its unit). Paper
	 * has no plural lookup (P_ is one msgid): the document languages are
	 * English, whose msgids these are, and Chinese, one form for any count. */
	snprintf(buf, sizeof buf, slip->ahead == 1 ? P_("%d person") : P_("%d people"),
	         slip->ahead);
	yz_doc_kv(d, P_("Waiting ahead"), buf);
	if (slip->ahead > 0)
		snprintf(buf, sizeof buf, P_("about %d min"), slip->wait_min);
	else
		snprintf(buf, sizeof buf, "%s", P_("you are next"));
	yz_doc_kv(d, P_("Estimated wait"), buf);
	if (slip->appt_no[0]) {
		snprintf(buf, sizeof buf, "%s %s", slip->appt_no, slip->appt_slot);
		yz_doc_kv(d, P_("Appointment"), buf);
	}
	yz_doc_kv(d, P_("Taken"), when);
	yz_doc_rule(d);
	yz_doc_small(d, P_("Please wait for your number to be called and shown on the screen."),
	             YZ_STYLE_CENTER);
	if (d->oom) {
		yz_doc_free(d);
		return NULL;
	}
	return d;
}

int yz_service_ticket_print(yz_session *s, const yz_ticket_slip *slip, yz_print_outcome *out,
                            yz_err *err)
{
	const char *printer =
	    s->cfg->ticket_printer[0] ? s->cfg->ticket_printer : s->cfg->printer_receipt;
	unsigned char *data = NULL;
	size_t len = 0;
	yz_escpos_opts o;
	int rc;

	memset(out, 0, sizeof *out);
	snprintf(out->printer, sizeof out->printer, "%s", printer);
	yz_doc *d = yz_service_ticket_doc(s, slip);
	if (!d) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	yz_service_receipt_opts(s->cfg, &o);
	rc = yz_escpos_render(&s->print, d, &o, &data, &len, err);
	if (rc == 0 && !*printer) {
		/* No printer: kept as a file, as receipts are. */
		snprintf(out->saved_path, sizeof out->saved_path, "%s/ticket-%s-%s.bin",
		         s->cfg->save_dir, slip->t.day, slip->t.code);
		rc = yz_private_dir(s->cfg->save_dir, true, err);
		if (rc == 0)
			rc = yz_outfile_write(out->saved_path, data, len, err);
		out->saved = rc == 0;
	} else if (rc == 0) {
		rc = svc_route_check(s, d->title, "receipt", printer, err);
		if (rc == 0)
			rc = yz_cups_submit(&s->print, printer, d->title, YZ_MIME_RAW, data, len,
			                    s->cfg->print_timeout_ms, &out->cups_job_id, err);
		out->printed = rc == 0;
		/* Whatever stopped it, the ticket did not print (it stays valid). */
		if (rc != 0 && err)
			err->code = YZ_ERR_PRINTER;
	}
	free(data);
	yz_doc_free(d);
	return rc;
}

/* ---- calls at the counter ---------------------------------------------------------- */

/* The window of this session, or -1 with a refusal: a signed-in clerk at a
 * counter of yizhan.conf (a station without counters is window 1). */
static int my_window(yz_session *s, const char *action, yz_err *err)
{
	if (svc_require_as(s, action, false, NULL, NULL, err) != 0)
		return -1;
	yz_service_new_day(s);
	if (s->counter.state == YZ_COUNTER_CHOSEN)
		return s->counter.number;
	if (s->counter.state == YZ_COUNTER_NONE)
		return 1;
	/* (A station without [counter N] sections is one window, number 1:
	 * --counter 1 there is NONE, src/service/counter.c.) */
	if (s->counter.asked[0])
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("yizhan.conf has no window %s: add a [counter %s] section or start "
		              "with the number of one of its windows."),
		            s->counter.asked, s->counter.asked);
	else
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("This terminal is not one of the station's counters: start it with "
		              "--counter N to call tickets."));
	return -1;
}

/* s->ticket, served at this window; -1 with words when there is none. */
static int my_ticket(yz_session *s, int window, yz_ticket *t, yz_err *err)
{
	if (s->ticket <= 0) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("No ticket is being served at this counter: call the next first."));
		return -1;
	}
	if (yz_ticket_get(s->store, s->ticket, t, err) != 0)
		return -1;
	if (t->state != YZ_TICKET_CALLED || t->counter != window) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("Ticket %s is no longer being served at this counter."), t->code);
		s->ticket = 0;
		return -1;
	}
	return 0;
}

int yz_service_call_next(yz_session *s, yz_ticket *out, yz_err *err)
{
	char letters[YZ_MAX_QUEUES][YZ_QUEUE_LEN], day[11];
	const char *q[YZ_MAX_QUEUES];
	size_t n = 0;
	yz_ticket t;
	int window = my_window(s, "hall_call", err), rc;

	if (window < 0 || yz_service_my_queues(s, letters, YZ_MAX_QUEUES, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		q[i] = letters[i];
	day_of(s, day);
	rc = yz_ticket_call_next(s->store, day, q, n, window, s->user.login, &t, err);
	if (rc < 0)
		return -1;
	/* Either way the ticket served before is done. */
	s->ticket = rc == 0 ? t.id : 0;
	if (rc == 0 && out)
		*out = t;
	return rc;
}

int yz_service_call_again(yz_session *s, yz_err *err)
{
	yz_ticket t;
	int window = my_window(s, "hall_recall", err);

	if (window < 0 || my_ticket(s, window, &t, err) != 0)
		return -1;
	return yz_ticket_recall(s->store, t.id, window, s->user.login, err);
}

int yz_service_call_noshow(yz_session *s, yz_err *err)
{
	yz_ticket t;
	int window = my_window(s, "hall_noshow", err);

	if (window < 0 || my_ticket(s, window, &t, err) != 0 ||
	    yz_ticket_noshow(s->store, t.id, s->user.login, err) != 0)
		return -1;
	s->ticket = 0;
	return 0;
}

int yz_service_call_transfer(yz_session *s, const char *queue, yz_err *err)
{
	const yz_queue_line *q;
	yz_ticket t;
	int window = my_window(s, "hall_transfer", err);

	if (window < 0 || !(q = queue_or_refuse(s, queue, err)) ||
	    my_ticket(s, window, &t, err) != 0 ||
	    yz_ticket_transfer(s->store, t.id, q->letter, s->user.login, err) != 0)
		return -1;
	s->ticket = 0;
	return 0;
}

int yz_service_call_finish(yz_session *s, yz_err *err)
{
	yz_ticket t;
	int window = my_window(s, "hall_finish", err);

	if (window < 0 || my_ticket(s, window, &t, err) != 0 ||
	    yz_ticket_done(s->store, t.id, err) != 0)
		return -1;
	s->ticket = 0;
	return 0;
}

int yz_service_serving(yz_session *s, yz_ticket *out, yz_err *err)
{
	char day[11];
	yz_ticket t;
	int window, rc;

	/* Whatever the store says, no ticket of a previous sign-in survives this
	 * call: a submit never links to a ticket nobody restored. */
	s->ticket = 0;
	window = my_window(s, "hall_serving", err);
	if (window < 0)
		return -1;
	day_of(s, day);
	rc = yz_ticket_serving(s->store, day, window, &t, err);
	if (rc < 0)
		return -1;
	/* Another clerk's ticket (they signed out at this window) is theirs: it
	 * stays CALLED for them to come back to, and this clerk's N finishes it. */
	if (rc == 0 && strcmp(t.clerk, s->user.login) != 0)
		rc = 1;
	s->ticket = rc == 0 ? t.id : 0;
	if (rc == 0 && out)
		*out = t;
	return rc;
}

int yz_service_case_ticket(yz_session *s, const char *case_no, yz_ticket *out, yz_err *err)
{
	yz_case c;
	int rc = yz_case_get(s->store, case_no, &c, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("There is no case %s."), case_no);
	if (rc != 0)
		return -1;
	return yz_ticket_of_case(s->store, c.id, out, err);
}

/* ---- the hall display ---------------------------------------------------------------- */

static int by_number(const void *a, const void *b)
{
	return ((const yz_hall_window *)a)->counter - ((const yz_hall_window *)b)->counter;
}

/* The windows of the station: its counters by number, or its one window. */
static size_t hall_windows(const yz_session *s, yz_hall_window *out)
{
	size_t n = 0;

	for (int i = 0; i < s->cfg->n_counters && n < YZ_MAX_COUNTERS; i++, n++) {
		memset(&out[n], 0, sizeof out[n]);
		out[n].counter = s->cfg->counters[i].number;
		yz_counter_paper_label(&s->cfg->counters[i], out[n].label, sizeof out[n].label);
	}
	if (n > 0) {
		qsort(out, n, sizeof *out, by_number);
		return n;
	}
	/* One window: its name is the station's window setting, unless that is
	 * only its number ("1", the default). */
	yz_counter one = {.number = 1};
	const char *w = s->cfg->window;
	memset(&out[0], 0, sizeof out[0]);
	out[0].counter = 1;
	if (w[0] && strspn(w, "0123456789") != strlen(w))
		yz_strlcpy_utf8(out[0].label, w, sizeof out[0].label);
	else
		yz_counter_paper_label(&one, out[0].label, sizeof out[0].label);
	return 1;
}

int yz_service_hall_state(yz_session *s, yz_hall_state *out, yz_err *err)
{
	const char *letters[YZ_MAX_QUEUES];
	char day[11];

	memset(out, 0, sizeof *out);
	yz_service_new_day(s); /* a display runs for days */
	day_of(s, day);
	yz_paper_lang_set(s->cfg->document_language); /* the hall reads the station's language */
	out->n_windows = hall_windows(s, out->windows);
	for (size_t i = 0; i < out->n_windows; i++) {
		yz_ticket t;
		int rc = yz_ticket_serving(s->store, day, out->windows[i].counter, &t, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			snprintf(out->windows[i].code, sizeof out->windows[i].code, "%s", t.code);
	}
	if (yz_hall_last_call(s->store, day, &out->last_call, err) != 0 ||
	    yz_hall_calls_recent(s->store, day, out->recent, YZ_HALL_RECENT, &out->n_recent, err) !=
	        0)
		return -1;
	for (int i = 0; i < s->cfg->n_queues && i < YZ_MAX_QUEUES; i++)
		letters[i] = s->cfg->queues[i].letter;
	out->n_queues =
	    (size_t)(s->cfg->n_queues < YZ_MAX_QUEUES ? s->cfg->n_queues : YZ_MAX_QUEUES);
	return yz_queue_counts(s->store, day, letters, out->n_queues, out->queues, err);
}

int yz_service_hall_last(yz_session *s, int64_t *id, yz_err *err)
{
	char day[11];

	yz_service_new_day(s);
	day_of(s, day);
	return yz_hall_last_call(s->store, day, id, err);
}

int yz_service_hall_calls(yz_session *s, int64_t after_id, yz_hall_call *out, size_t max, size_t *n,
                          yz_err *err)
{
	char day[11];

	yz_service_new_day(s);
	day_of(s, day);
	return yz_hall_calls_after(s->store, day, after_id, out, max, n, err);
}
