/* service/calendar.h: the working-day calendar of the station: the official
 * years, the provisional ones, the admin's reminder and the promised dates a
 * new calendar moved (the service module, src/service/calendar.c; all of it:
 * yizhan/service.h). */
#ifndef YZ_SERVICE_CALENDAR_H
#define YZ_SERVICE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/core.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/lifecycle.h"
#include "yizhan/service/session.h"

/* The provisional calendar's file: holidays-provisional.txt beside
 * cfg->calendar_file when the station keeps one there, else the program's own
 * data/holidays-provisional.txt (a new version of yizhan brings new years). */
void yz_config_provisional_file(const yz_config *cfg, char *out, size_t n);

/* Add the provisional calendar to cal (yz_service_load_calendar does): the
 * statutory holidays of the years the official file lacks. A missing file
 * adds nothing (those years are then counted Monday to Friday); 0, or -1 with
 * "file:line: message". */
int yz_service_load_provisional(const yz_config *cfg, yz_calendar *cal, yz_err *err);

/* A promised date from..due that depends on a year counted provisionally. */
bool yz_service_date_provisional(const yz_session *s, const char *from, const char *due);

/* The year whose official calendar the station needs and lacks, for the
 * admin's home: this year, or from 1 November the next one; 0 when none. */
int yz_service_calendar_missing(const yz_session *s);

/* The promised dates a new calendar moved, not seen yet: of s->user's cases,
 * or of every case when all (the head, the admin, `calendar moved`). */
int yz_service_due_moves(yz_session *s, bool all, yz_due_move *out, size_t max, size_t *n,
                         long *total, yz_err *err);

/* The move of c's promised date not seen yet: 1 with *m, 0 none, -1 error.
 * When s->user owns the case, it is seen now: it leaves the lists (and the
 * case's timeline says so); the case view still shows it this time. */
int yz_service_due_move_of(yz_session *s, const yz_case *c, yz_due_move *m, yz_err *err);

#endif
