/* service/hall.h: the hall (issue 19) — queues, tickets at the kiosk, calls from
 * the counters, the hall display and its voice, appointments, home visits and
 * the hall's figures (the service module: hall.c, voice.c, appointments.c,
 * visits.c, hall_figures.c; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_HALL_H
#define YZ_SERVICE_HALL_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/print.h"
#include "yizhan/store/hall.h"
#include "yizhan/service/config.h"
#include "yizhan/service/documents.h"
#include "yizhan/service/session.h"

/* ---- queues (yizhan.conf's [queue X] sections, service/config.h) ------------ */

/* The queue of letter, or NULL. */
const yz_queue_line *yz_config_queue(const yz_config *c, const char *letter);
/* The queues this session's clerk serves at its counter, in the file's order:
 * the counter's `queues` when it names some; else each queue with a business
 * line the clerk is A or B of, and the lines the clerk covers for an absent A
 * today (yz_cover_list); else (the head, a clerk of no line) every queue.
 * *n letters into out. */
int yz_service_my_queues(yz_session *s, char (*out)[YZ_QUEUE_LEN], size_t max, size_t *n,
                         yz_err *err);

/* ---- the ticket kiosk (`yizhan ticket`) -------------------------------------- */

typedef struct yz_ticket_slip {
	yz_ticket t;
	char label[64];   /* the queue's name */
	int ahead;        /* waiting before it when issued */
	int wait_min;     /* estimated wait in minutes (0 = none ahead) */
	char appt_no[16]; /* the appointment it came from ("" = none) */
	char appt_slot[12];
} yz_ticket_slip;

/* A ticket of queue for today. No clerk is needed: the kiosk is the
 * residents'. The estimate: the queue's mean service time today (its DONE
 * tickets; 5 minutes before the first) times those ahead, divided by the
 * windows serving the queue (at least 1), rounded up. */
int yz_service_ticket_take(yz_session *s, const char *queue, yz_ticket_slip *out, yz_err *err);
/* An appointment arriving: key is its booking number or the resident's ID
 * number; today's BOOKED appointment becomes a priority ticket of its queue
 * (ARRIVED, linked both ways). Early is fine; none today, or one already
 * arrived, is refused in words. */
int yz_service_ticket_arrive(yz_session *s, const char *key, yz_ticket_slip *out, yz_err *err);
/* The printed ticket, in the station's document language: the station's
 * name, the number large, the queue, how many ahead, the estimate, date and
 * time (s's clock), the appointment when there is one. NULL on ENOMEM. */
yz_doc *yz_service_ticket_doc(yz_session *s, const yz_ticket_slip *slip);
/* Print it on the receipt printer (cfg->ticket_printer, else the session's
 * receipt printer); without a printer it is saved as a file, as receipts
 * are. */
int yz_service_ticket_print(yz_session *s, const yz_ticket_slip *slip, yz_print_outcome *out,
                            yz_err *err);

/* ---- calls at the counter ------------------------------------------------------ */

/* The ticket served at this counter is s->ticket (yizhan/service/session.h);
 * a case submitted while it is set is linked to it (the case records its
 * ticket, the ticket its cases). Each call below needs a signed-in clerk at a
 * counter of yizhan.conf (a session without one is refused in words). */

/* The next ticket of yz_service_my_queues (the one served now is done). 0
 * with *out, 1 when nobody waits, -1 on error. */
int yz_service_call_next(yz_session *s, yz_ticket *out, yz_err *err);
/* Call s->ticket again (the display shows it and speaks it again). */
int yz_service_call_again(yz_session *s, yz_err *err);
/* s->ticket did not come: no-show; s->ticket becomes 0. */
int yz_service_call_noshow(yz_session *s, yz_err *err);
/* s->ticket belongs to queue: it waits there (near the front); s->ticket 0. */
int yz_service_call_transfer(yz_session *s, const char *queue, yz_err *err);
/* s->ticket is served (without calling the next); s->ticket 0. */
int yz_service_call_finish(yz_session *s, yz_err *err);
/* The ticket served at this counter by the store (after a restart of the
 * counter's program, or a sign-in again): sets s->ticket; 1 = none. Only a
 * ticket this clerk called (t.clerk == s->user.login) is restored: after
 * another clerk signed out at this window, their ticket stays CALLED in the
 * store (they may come back to it) and is not this clerk's, so 1 and
 * s->ticket = 0 (no case of the new clerk is linked to it); the new clerk's N
 * finishes it as it finishes any ticket served at the window. s->ticket is 0
 * after an error too. */
int yz_service_serving(yz_session *s, yz_ticket *out, yz_err *err);
/* The ticket of a case; 1 = none (the case view's line). */
int yz_service_case_ticket(yz_session *s, const char *case_no, yz_ticket *out, yz_err *err);

/* ---- the hall display (`yizhan hall`) ------------------------------------------ */

#define YZ_HALL_RECENT 8
typedef struct yz_hall_window {
	int counter;
	char label[96]; /* the counter's label (yz_counter_paper_label: the hall reads the
	                 * station's language) */
	char code[8];   /* the ticket served there ("" = none) */
} yz_hall_window;

typedef struct yz_hall_state {
	int64_t last_call; /* the newest call's id */
	yz_hall_window windows[YZ_MAX_COUNTERS];
	size_t n_windows; /* the counters of yizhan.conf, by number */
	yz_hall_call recent[YZ_HALL_RECENT];
	size_t n_recent; /* newest first */
	yz_queue_count queues[YZ_MAX_QUEUES];
	size_t n_queues; /* the file's queues, in order */
} yz_hall_state;

int yz_service_hall_state(yz_session *s, yz_hall_state *out, yz_err *err);
/* The id of today's newest call: what the display polls. */
int yz_service_hall_last(yz_session *s, int64_t *id, yz_err *err);
/* Calls after after_id, oldest first: what the display speaks. */
int yz_service_hall_calls(yz_session *s, int64_t after_id, yz_hall_call *out, size_t max, size_t *n,
                          yz_err *err);

/* ---- the voice (voice.c) ----------------------------------------------------------- */

/* The words of a call from the template (the station's <home>/hall/call.txt,
 * read key by key over the program's data/hall/call.txt): "{ticket}" becomes the
 * code spoken letter by letter and digit by digit (the digits' words are the
 * file's `digits`), "{window}" the counter's number, "{queue}" the queue's
 * name. A bad template: -1, "file:line: ..." in err. */
int yz_service_call_words(const yz_session *s, const yz_hall_call *c, char *out, size_t n,
                          yz_err *err);
/* Speak words (the call c's): with recorded clips when cfg->hall_voice is
 * "clips" (a WAV per token in cfg->hall_clips_dir, joined), else through
 * espeak-ng's Mandarin voice; "off" says nothing. wav_path: write the sound
 * to that file instead of playing it (the tests, a station that records its
 * calls); NULL plays it with aplay (espeak-ng writes a temporary WAV: its own
 * playing exits 0 even without a sound card). Runs the player in a child and
 * waits; -1 with err when it cannot. */
int yz_service_speak(const yz_session *s, const char *words, const yz_hall_call *c,
                     const char *wav_path, yz_err *err);

/* ---- appointments (appointments.c) ------------------------------------------------- */

typedef struct yz_slot {
	char slot[12]; /* "09:00-09:30" */
	int booked;
	int capacity;
} yz_slot;

/* The slots of queue on day (a working day; none on a rest day). */
int yz_service_slots(yz_session *s, const char *queue, const char *day, yz_slot *out, size_t max,
                     size_t *n, yz_err *err);
/* Book for the resident of idno (a registered one: name and phone from the
 * registry; phone overrides when given); day as forms accept it. Refused in
 * words: not a working day, a past day, a slot not of the queue, a full
 * slot, the resident's second booking of the queue and day. */
int yz_service_appt_book(yz_session *s, const char *queue, const char *day, const char *slot,
                         const char *idno, const char *phone, const char *note, yz_appointment *out,
                         yz_err *err);
/* A booking's state in the clerk's words (booked, arrived, missed,
 * cancelled): the counter's list and `yizhan appt list` say the same. */
const char *yz_service_appt_state_text(yz_appt_state st);
int yz_service_appt_cancel(yz_session *s, int64_t id, yz_err *err);
int yz_service_appt_list(yz_session *s, const char *day, yz_appointment *out, size_t max, size_t *n,
                         yz_err *err);
/* Today's BOOKED appointments whose slot has ended (s's clock): MISSED; also
 * those of the month before that nobody marked. */
int yz_service_appt_mark_missed(yz_session *s, int *n, yz_err *err);

/* ---- home visits (visits.c) --------------------------------------------------------- */

/* Plan a home visit for an open case on day by staff (logins, space-separated,
 * each an account): the resident's address, phone and grid from the
 * registry. */
int yz_service_visit_plan(yz_session *s, const char *case_no, const char *day, const char *staff,
                          yz_visit *out, yz_err *err);
/* A visit's state in the clerk's words (planned, visited, not met,
 * cancelled). */
const char *yz_service_visit_state_text(yz_visit_state st);
int yz_service_visit_list(yz_session *s, const char *day, yz_visit *out, size_t max, size_t *n,
                          yz_err *err);
/* The result entered on return; the case goes on as usual. */
int yz_service_visit_result(yz_session *s, int64_t id, yz_visit_state state, const char *result,
                            yz_err *err);
/* The PLANNED visit of case case_no (the case view's line and key); 1 = none.
 * (Added by APPT: the case view may not read the store.) */
int yz_service_visit_of_case(yz_session *s, const char *case_no, yz_visit *out, yz_err *err);
/* Added by the issue-19 mends (APPT): the case view's line after the result:
 * the PLANNED visit of case_no, else its newest visit with a result entered;
 * 1 = none. */
int yz_service_visit_last_of_case(yz_session *s, const char *case_no, yz_visit *out, yz_err *err);
/* The staff of a visit (logins, space-separated) by their names
 * (yz_service_user_name), space-separated: the route sheet and the screens
 * show names. Returns out. */
const char *yz_service_visit_staff_names(yz_session *s, const char *logins, char *out, size_t n);
/* The names of those of logins away on day (their absences), space-separated
 * into out ("" = all at work): the plan's confirmation warns. */
int yz_service_visit_staff_away(yz_session *s, const char *logins, const char *day, char *out,
                                size_t n, yz_err *err);
/* The day's route sheet (A4): visits grouped by grid, each with the
 * resident, address, phone, item, case number, staff and a box for the
 * result. NULL on ENOMEM. */
yz_doc *yz_service_route_sheet(yz_session *s, const char *day, yz_err *err);

/* ---- figures (hall_figures.c) ------------------------------------------------------- */

/* The hall's figures over from..until (dates as forms accept them) by 'l'
 * queue, 'w' window, 'c' clerk, 'd' day or 'm' month: the head's and the
 * admin's (others refused, audited). */
int yz_service_hall_figures(yz_session *s, const char *from, const char *until, char by,
                            yz_hall_fig *out, size_t max, size_t *n, yz_err *err);
/* Today's line for the head's home: waiting now, served, mean wait and
 * service minutes, no-show rate, into buf (the clerk's language). */
int yz_service_hall_today(yz_session *s, char *buf, size_t n, yz_err *err);

#endif
