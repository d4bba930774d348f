/* store: the clerk's home dashboard (the store module, src/store/; the whole API:
 * yizhan/store.h). */
#ifndef YZ_STORE_DASHBOARD_H
#define YZ_STORE_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/staff.h"

/* The dashboard (the clerk's home). */
typedef enum yz_dash_section {
	YZ_DASH_QUEUE,         /* my open cases, by due date */
	YZ_DASH_DUE_SOON,      /* due from today to the soon date */
	YZ_DASH_OVERDUE,       /* past due (or past the department's due date) */
	YZ_DASH_WAIT_RESIDENT, /* paused (bu zheng), by date asked */
	YZ_DASH_WAIT_DEPT,     /* at a department, by the department's due date */
	YZ_DASH_SECTIONS
} yz_dash_section;

#define YZ_DASH_ROWS 20

typedef struct yz_dash_list {
	long count;                 /* cases in the section */
	size_t n;                   /* rows filled (at most YZ_DASH_ROWS) */
	yz_case rows[YZ_DASH_ROWS]; /* the first rows, soonest due first */
} yz_dash_list;

typedef struct yz_dashboard {
	yz_dash_list sec[YZ_DASH_SECTIONS]; /* by yz_dash_section */
	yz_cover cover[YZ_MAX_COVER];       /* queues of absent A clerks included */
	size_t n_cover;
	long approvals_pending; /* station-wide (for the head) */
	long followups_open;    /* station-wide (for the head) */
} yz_dashboard;

/* Fill the dashboard of login for today (YYYY-MM-DD); soon is the last date that
 * counts as "due soon" (today + 2 working days, computed by the caller). login
 * NULL: every open case of the station (the head's view). About 150 KB:
 * allocate it. */
int yz_dashboard_get(yz_store *st, const char *login, const char *today, const char *soon,
                     yz_dashboard *out, yz_err *err);
/* The date a section's rows are in order of, to show beside each: the promised
 * due date in the queue, the due date with pauses and extensions for due-soon
 * and overdue, the day it was paused, the department's due date. */
const char *yz_dash_date(const yz_case *c, yz_dash_section sec);

#endif
