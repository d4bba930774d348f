/* service/session.h: the session every screen and command works in: config, store,
 * catalogue, clerk, date, clock (the service module, src/service/; all of it:
 * yizhan/service.h). */
#ifndef YZ_SERVICE_SESSION_H
#define YZ_SERVICE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/core.h"
#include "yizhan/form.h"
#include "yizhan/print.h"
#include "yizhan/store/db.h"
#include "yizhan/store/users.h"
#include "yizhan/service/config.h"
#include "yizhan/service/counter.h"

/* Everything a screen or a command needs. */
typedef struct yz_session {
	yz_config *cfg;
	yz_store *store;
	yz_catalogue *cat;
	yz_user user;                /* the clerk logged in (or the command's actor) */
	yz_date today;               /* local date, fixed for one operation (yz_service_new_day) */
	const yz_calendar *calendar; /* working days; NULL = Monday to Friday */
	yz_counter_pick counter;     /* issue 10: the counter this session is at */
	yz_clock clock;              /* the time (yz_service_set_clock); zero = the real clock */
	yz_print_opts print;         /* how the print library runs (isolated in the counter UI) */
	int64_t ticket;              /* issue 19: the hall's ticket served at this counter (0 =
	                              * none); a case submitted links to it (service/hall.h) */
	bool dup_override;           /* issue 12: the head accepts the next submit's second open
	                              * case (yz_service_submit_override); used once */
} yz_session;

/* What the screens say about the session's counter, into buf: its label, or
 * that it is unknown and documents print on the station's printers ("" when
 * the station has no counters). brief: a few words for a title or status
 * line. True when it is a warning (UNKNOWN). */
bool yz_service_counter_text(const yz_session *s, bool brief, char *buf, size_t n);

/* Take the time from clock from now on: the session's dates and the store's
 * stamps (yz_store_set_clock when s->store is open), and s->today. The program
 * sets the real clock; a test may set a fixed one. */
void yz_service_set_clock(yz_session *s, yz_clock clock);
/* Issue 14: what the session does while another counter holds the write lock
 * (yz_store_set_wait): the counter UI shows it and lets the clerk give up. */
void yz_service_set_wait(yz_session *s, yz_store_wait_fn fn, void *ctx);

/* Set s->today to the local date now. The counter UI calls it before each key,
 * so that a session left open past midnight — a kiosk counter runs for days —
 * dates its cases, due dates and case numbers by the day they are made. */
void yz_service_new_day(yz_session *s);

/* What form expressions need from the session: today and the station settings
 * of yizhan.conf (settings.NAME). */
void yz_service_eval_env(const yz_session *s, yz_eval_env *env);

/* Read cfg->calendar_file into cal; 0, or -1 with "file:line: message". */
int yz_service_load_calendar(const yz_config *cfg, yz_calendar *cal, yz_err *err);

#endif
