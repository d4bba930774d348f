/* store: the hall (issue 19) — queue tickets, the calls the hall display shows
 * and speaks, the cases a ticket became, appointments and home visits (the
 * store module, src/store/hall.c, src/store/visits.c; the whole API:
 * yizhan/store.h).
 *
 * Times are the store's UTC stamps ("YYYY-MM-DDTHH:MM:SSZ", st_now); a day is
 * the station's local date YYYY-MM-DD, as everywhere. A ticket belongs to one
 * day: numbers start again at 1 every morning, per queue. */
#ifndef YZ_STORE_HALL_H
#define YZ_STORE_HALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

/* A queue's letter: one capital letter A..Z ("A" 社会救助 ...). */
#define YZ_QUEUE_LEN 2

typedef enum yz_ticket_state {
	YZ_TICKET_WAITING, /* issued (or transferred), not called */
	YZ_TICKET_CALLED,  /* called to a window: being served there */
	YZ_TICKET_DONE,    /* served: the window called the next or finished it */
	YZ_TICKET_NOSHOW,  /* called and never came */
} yz_ticket_state;

typedef struct yz_ticket {
	int64_t id;
	char day[11];                  /* the local day it was issued */
	char code[8];                  /* as printed: queue letter + 3 digits, "A012"; kept when
	                                * it is transferred */
	char queue[YZ_QUEUE_LEN];      /* the queue it waits in now (a transfer changes it) */
	char from_queue[YZ_QUEUE_LEN]; /* the queue it was transferred from ("" = none) */
	int number;                    /* 1.. per day and queue of issue */
	bool priority;                 /* an appointment's: called before plain tickets */
	int64_t appointment_id;        /* the appointment it came from (0 = none) */
	yz_ticket_state state;
	char issued_at[21]; /* UTC stamps; "" = not yet */
	char called_at[21]; /* the first call */
	char done_at[21];   /* done or marked no-show */
	int counter;        /* the window it was (last) called to; 0 = none */
	char clerk[33];     /* who called it ("" = nobody yet) */
	int calls;          /* times called: 1 + recalls */
} yz_ticket;

/* A new ticket of queue for day, numbered after the day's last of that queue,
 * in one transaction (two kiosks never print the same number). *ahead
 * (may be NULL) receives how many are waiting before it: every waiting
 * ticket of the queue for a plain one; the waiting priority tickets for a
 * priority one. appointment_id 0 = none (priority then says whether it goes
 * first). More than 999 tickets of one queue in a day are refused in words. */
int yz_ticket_issue(yz_store *st, const char *day, const char *queue, bool priority,
                    int64_t appointment_id, yz_ticket *out, int *ahead, yz_err *err);
/* Call the next ticket of day waiting in any of queues (n_queues letters) to
 * counter, by clerk: priority first, then the earliest issued (a transferred
 * ticket keeps its time of issue: it is not sent to the back). In one
 * transaction: the ticket counter is serving (CALLED there) becomes DONE, the
 * next becomes CALLED and a call row is written for the hall. Returns 0 with
 * *out, 1 when nobody waits (the counter's ticket is still finished), -1 on
 * error. */
int yz_ticket_call_next(yz_store *st, const char *day, const char *const *queues, size_t n_queues,
                        int counter, const char *clerk, yz_ticket *out, yz_err *err);
/* Call ticket id (CALLED at counter) again: a call row marked recall, calls+1.
 * A ticket that is not being served at counter is refused (NOT_FOUND). */
int yz_ticket_recall(yz_store *st, int64_t id, int counter, const char *clerk, yz_err *err);
/* The CALLED ticket id never came: NOSHOW, done_at now, audited. */
int yz_ticket_noshow(yz_store *st, int64_t id, const char *actor, yz_err *err);
/* The CALLED ticket id belongs to another queue: it waits there again, with
 * its code and time of issue (so near the front), from_queue set, audited. */
int yz_ticket_transfer(yz_store *st, int64_t id, const char *queue, const char *actor, yz_err *err);
/* The CALLED ticket id is served: DONE, done_at now. */
int yz_ticket_done(yz_store *st, int64_t id, yz_err *err);
int yz_ticket_get(yz_store *st, int64_t id, yz_ticket *out, yz_err *err);
/* The ticket being served at counter on day (CALLED there); 1 = none. */
int yz_ticket_serving(yz_store *st, const char *day, int counter, yz_ticket *out, yz_err *err);
/* The tickets of day, earliest first (the ledger of the day, the tests). */
int yz_ticket_list(yz_store *st, const char *day, yz_ticket *out, size_t max, size_t *n,
                   yz_err *err);

/* The case a ticket became: a ticket may become several (one resident, two
 * items), a case has at most one ticket. Written in the caller's transaction
 * (the case's submit). */
int yz_ticket_link_case(yz_store *st, int64_t ticket_id, int64_t case_id, yz_err *err);
/* The ticket of case_id; 1 = none. */
int yz_ticket_of_case(yz_store *st, int64_t case_id, yz_ticket *out, yz_err *err);
/* The case numbers ticket_id became, in order of submission; *n of max. */
int yz_ticket_case_numbers(yz_store *st, int64_t ticket_id, char (*out)[40], size_t max, size_t *n,
                           yz_err *err);

/* ---- the hall display ------------------------------------------------------ */

/* One call, as the display shows and speaks it. */
typedef struct yz_hall_call {
	int64_t id; /* increasing: the display remembers the last it saw */
	int64_t ticket_id;
	char code[8];             /* "A012" */
	char queue[YZ_QUEUE_LEN]; /* the queue it was called from */
	int counter;              /* the window called to */
	char at[21];              /* UTC stamp */
	bool recall;
} yz_hall_call;

/* Calls after after_id (0 = all of day), oldest first, at most max. */
int yz_hall_calls_after(yz_store *st, const char *day, int64_t after_id, yz_hall_call *out,
                        size_t max, size_t *n, yz_err *err);
/* The newest calls of day, newest first. */
int yz_hall_calls_recent(yz_store *st, const char *day, yz_hall_call *out, size_t max, size_t *n,
                         yz_err *err);
/* The id of day's newest call (0 = none): what a display polls, cheaply. */
int yz_hall_last_call(yz_store *st, const char *day, int64_t *id, yz_err *err);

/* A queue's figures for day. */
typedef struct yz_queue_count {
	char queue[YZ_QUEUE_LEN];
	int waiting;       /* WAITING now */
	int issued;        /* issued today (by queue of issue) */
	int served;        /* DONE */
	int noshow;        /* NOSHOW */
	int service_s_sum; /* seconds called -> done over the DONE ones (the estimate's base) */
	int counters;      /* windows that called from it in the last hour */
} yz_queue_count;
/* The figures of each queue letter in queues (n of them), in that order. */
int yz_queue_counts(yz_store *st, const char *day, const char *const *queues, size_t n,
                    yz_queue_count *out, yz_err *err);

/* ---- appointments (预约) ------------------------------------------------------ */

typedef enum yz_appt_state {
	YZ_APPT_BOOKED,    /* waiting for its day */
	YZ_APPT_ARRIVED,   /* the kiosk turned it into a priority ticket */
	YZ_APPT_MISSED,    /* its slot passed without an arrival (marked) */
	YZ_APPT_CANCELLED, /* called off */
} yz_appt_state;

typedef struct yz_appointment {
	int64_t id;
	char number[16];          /* the booking number the resident is told: "Y" + day + seq,
	                           * e.g. Y20261207-003 */
	char queue[YZ_QUEUE_LEN]; /* business line (queue letter) */
	char day[11];
	char slot[12]; /* "09:00-09:30" */
	char idno[19]; /* the resident's ID number */
	char name[64];
	char phone[32];
	char note[256];
	yz_appt_state state;
	int64_t ticket_id; /* ARRIVED: the ticket it became */
	char clerk[33];    /* who booked it */
	char booked_at[21];
} yz_appointment;

/* Book: refused in words when the slot is full (capacity per slot) or the
 * resident already has a booking of that queue and day. */
int yz_appt_book(yz_store *st, yz_appointment *a, int capacity, const char *actor, yz_err *err);
int yz_appt_get(yz_store *st, int64_t id, yz_appointment *out, yz_err *err);
/* The booking of day by number or by ID number (whichever key is); 1 = none. */
int yz_appt_find(yz_store *st, const char *day, const char *key, yz_appointment *out, yz_err *err);
int yz_appt_list(yz_store *st, const char *day, yz_appointment *out, size_t max, size_t *n,
                 yz_err *err);
/* Bookings of each slot of queue and day: counts[i] for slots[i]. */
int yz_appt_slot_counts(yz_store *st, const char *day, const char *queue, const char *const *slots,
                        size_t n, int *counts, yz_err *err);
int yz_appt_set_state(yz_store *st, int64_t id, yz_appt_state state, int64_t ticket_id,
                      const char *actor, yz_err *err);
/* BOOKED appointments of day whose slot ended before hhmm ("11:30"): MISSED;
 * *n (may be NULL) how many. */
int yz_appt_mark_missed(yz_store *st, const char *day, const char *hhmm, const char *actor, int *n,
                        yz_err *err);

/* ---- home visits (上门服务) -------------------------------------------------- */

typedef enum yz_visit_state {
	YZ_VISIT_PLANNED,
	YZ_VISIT_DONE,    /* served at home: result entered */
	YZ_VISIT_NOT_MET, /* nobody at home / could not serve: result says why */
	YZ_VISIT_CANCELLED,
} yz_visit_state;

typedef struct yz_visit {
	int64_t id;
	int64_t case_id; /* the case served at home */
	char case_no[40];
	char day[11];    /* planned day */
	char staff[128]; /* who goes: logins, space-separated */
	char idno[19];   /* the resident, from the case */
	char name[64];
	char address[256]; /* from the registry when planned */
	char phone[32];
	char grid[64];  /* the resident's grid (the route sheet groups by it) */
	char item[128]; /* the case's item title */
	yz_visit_state state;
	char result[512];
	char planned_by[33];
	char done_at[21];
} yz_visit;

int yz_visit_add(yz_store *st, yz_visit *v, const char *actor, yz_err *err);
int yz_visit_get(yz_store *st, int64_t id, yz_visit *out, yz_err *err);
/* Visits of day by grid, then address. */
int yz_visit_list(yz_store *st, const char *day, yz_visit *out, size_t max, size_t *n, yz_err *err);
/* The PLANNED visit of case_id; 1 = none. */
int yz_visit_of_case(yz_store *st, int64_t case_id, yz_visit *out, yz_err *err);
/* The newest visit of case_id, whatever its state; 1 = none. */
int yz_visit_last_of_case(yz_store *st, int64_t case_id, yz_visit *out, yz_err *err);
int yz_visit_result(yz_store *st, int64_t id, yz_visit_state state, const char *result,
                    const char *actor, yz_err *err);

/* ---- figures (waiting and service times) ------------------------------------- */

/* One row of the hall's figures over days from..until (inclusive). by: 'l'
 * queue, 'w' window, 'c' clerk, 'd' day, 'm' month. Seconds are sums: the
 * service divides (a mean is sum / n, said in words). */
typedef struct yz_hall_fig {
	char key[40];     /* the queue letter, window number, clerk login, day or month */
	int issued;       /* tickets */
	int called;       /* called at least once */
	int served;       /* DONE */
	int noshow;       /* NOSHOW */
	long wait_s_sum;  /* issued -> first call, over the called ones */
	long serve_s_sum; /* first call -> done, over the DONE ones */
	int wait_max_s;
	int appts;      /* appointments of the days (queue and day rows only) */
	int appts_kept; /* ARRIVED */
} yz_hall_fig;
int yz_hall_figures(yz_store *st, const char *from, const char *until, char by, yz_hall_fig *out,
                    size_t max, size_t *n, yz_err *err);

#endif
