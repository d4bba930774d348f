/* service/stats.h: the station's figures for a month, a quarter or a year
 * (issue 16): for the station and per business line, item, clerk or grid —
 * accepted, finished, on time, overdue, open at the period's end, average
 * working days to finish, forwards and the departments' answer times, bu zheng
 * (correction) pauses, ratings and the follow-ups of bad ones — and the
 * summary sentence the reports use. Read from the store in a few aggregate
 * passes; working days from the station's calendar. The service module,
 * src/service/stats.c; all of it: yizhan/service.h. */
#ifndef YZ_SERVICE_STATS_H
#define YZ_SERVICE_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/core.h"
#include "yizhan/hub.h"
#include "yizhan/text.h"
#include "yizhan/service/report.h"
#include "yizhan/service/session.h"
#include "yizhan/store/hall.h"

/* A period of the figures. */
typedef enum yz_period_kind { YZ_PERIOD_MONTH, YZ_PERIOD_QUARTER, YZ_PERIOD_YEAR } yz_period_kind;

typedef struct yz_period {
	yz_period_kind kind;
	yz_date from; /* first day */
	yz_date to;   /* last day (inclusive) */
	char id[16];  /* "2026-11", "2026Q4", "2026" */
} yz_period;

/* "2026-11", "2026Q4" (or "2026q4"), "2026" → period; -1 with err otherwise. */
int yz_period_parse(const char *text, yz_period *p, yz_err *err);
/* The month, quarter or year that holds day. */
void yz_period_of(yz_period_kind kind, yz_date day, yz_period *p);
/* The period before (step -1) or after (+1) p, of the same kind. */
void yz_period_step(const yz_period *p, int step, yz_period *out);
/* How the paper names it, in the station's language: "2026-11", "2026, fourth
 * quarter", "year 2026" in English; in Chinese the year and month, the year
 * and the quarter's ordinal, the year, each with its unit characters. */
void yz_period_label(const yz_period *p, char *buf, size_t n);

/* What the figures are split by. */
typedef enum yz_stats_by {
	YZ_STATS_BY_NONE,    /* the station only */
	YZ_STATS_BY_LINE,    /* business line */
	YZ_STATS_BY_ITEM,    /* service item (form) */
	YZ_STATS_BY_CLERK,   /* the clerk who accepted the case */
	YZ_STATS_BY_GRID,    /* the applicant's grid (wang ge) */
	YZ_STATS_BY_MONTH,   /* month of the period */
	YZ_STATS_BY_STATION, /* the station (the district's statistics at the hub only) */
} yz_stats_by;

/* "line", "item", "clerk", "grid", "month", "station" → by; -1 when unknown. */
int yz_stats_by_from(const char *word);

/* One line of figures. Definitions (also in yizhan stats --help):
 * accepted  cases accepted in the period;
 * finished  cases closed in the period (whenever accepted);
 * on_time   of those, closed on or before their promised date (pauses and
 *           approved extensions counted; an on-the-spot item is on time);
 * late      of those, closed after it;
 * overdue_open  open at the period's end and past their promised date then
 *           (not while waiting for the resident's materials);
 * open_end  accepted by the period's end and not closed by then;
 * workdays_sum / finished: the average working days from acceptance to
 *           closing, the days the clock stood still (bu zheng) not counted;
 * forwarded forwards sent in the period (a case sent twice counts twice);
 *           answered: of those, answered by the period's end;
 *           answer_days_sum / answered: the departments' average working days
 *           from sending to the answer;
 * corrections  bu zheng pauses started in the period;
 * rated     ratings given in the period; satisfied: of them very satisfied or
 *           satisfied (scores 1-2); bad: dissatisfied or worse (4-5);
 *           bad_followed: bad ones whose follow-up is done (by the time the
 *           figures are read).
 * "The period's end" for a period still running is today: what is open and
 * past due is counted as of the end of yesterday; forwards answered today
 * count as answered, as cases closed today count as finished. A period still
 * to come is judged as of today too: its open cases are overdue only when
 * past due today (no day of it has passed). Every date is a local date
 * (a case closed at 00:30 is closed that day); working days are the
 * session's calendar's (holidays and make-up working days). A split row
 * counts a case under its line, item, accepting clerk or applicant's grid;
 * by month, each row holds that month's own figures (open_end: open at that
 * month's end). */
typedef struct yz_stats_row {
	char key[192]; /* the line, item title, clerk's name, grid, month or station ("CODE
	                  name"); "" for the station */
	long accepted, finished, on_time, late, overdue_open, open_end;
	long workdays_sum;
	long forwarded, answered, answer_days_sum;
	long corrections;
	long rated, satisfied, bad, bad_followed;
} yz_stats_row;

/* A department's answers (forwards sent in the period). */
typedef struct yz_stats_dept {
	char department[128];
	long forwarded, answered, answer_days_sum,
	    overdue; /* overdue: past dept_due unanswered
	                at the period's end, or answered late */
} yz_stats_dept;

/* Issue 19: the hall's figures of one queue over the period's days, as
 * yz_hall_figures counts them by 'l' (store/hall.h: tickets under the queue
 * they were taken for; waiting and service seconds; no-shows; the queue's
 * appointments not called off and those kept). */
typedef struct yz_stats_queue {
	char name[96]; /* "A Social assistance": the letter and the queue's label (a default
	                  queue's in the paper's language; a station's own as written) */
	yz_hall_fig fig;
} yz_stats_queue;

typedef struct yz_stats {
	yz_period period;
	yz_stats_by by;
	yz_stats_row total; /* the station */
	yz_stats_row *rows; /* split by `by`, in the order a reader expects (lines in the
	                       catalogue's order, items by line, clerks and grids by name,
	                       months in order); NULL/0 for YZ_STATS_BY_NONE */
	size_t n_rows;
	yz_stats_dept *depts; /* by department, most forwarded first */
	size_t n_depts;
	long ratings[5];  /* how many of each score 1-5 in the period (the bar chart) */
	bool district;    /* read at the hub across stations (yz_service_district_stats) */
	char scope[192];  /* at the hub: what the figures cover ("CODE name" of the one station
	                     asked for, else the district's word); "" at a station */
	char station[17]; /* at the hub: the one station asked for; "" every one */
	/* Issue 19: the hall's figures of the period's days, when the station
	 * issued tickets in them (has_hall; never at the hub, which holds no
	 * tickets): hall is the whole hall (sums, wait_max_s the longest),
	 * hall_queues one per queue in letter order (malloc'd: yz_stats_free). */
	bool has_hall;
	yz_hall_fig hall;
	yz_stats_queue *hall_queues;
	size_t n_hall_queues;
} yz_stats;

/* The figures of period p split by `by`, as the session's user may see them
 * (head and admin: the whole station; a clerk is refused with an audit row, as
 * every refusal). 0, or -1 with err. */
int yz_service_stats(yz_session *s, const yz_period *p, yz_stats_by by, yz_stats *out, yz_err *err);
void yz_stats_free(yz_stats *st);

/* The district's figures (issue 17): the same definitions counted over the
 * records the hub holds (yz_hub_stats_read) across stations — station: one
 * station's code, NULL = every station. Only the hub's admin login may
 * (DENIED otherwise: a station's hub login must not get round the station's
 * own head-only, audited figures); no station account, no head check and no
 * audit row, there being no station database. The session gives the calendar
 * (working days), the catalogue (the lines' order, the items' titles),
 * today and the paper language; s->store may be NULL and is never used.
 * by: NONE, STATION (a row per station, "CODE name", in code order, every
 * station the login reads, those without figures too), LINE, ITEM or MONTH;
 * CLERK and GRID are refused (YZ_ERR_INVALID: a clerk's login means something
 * only at its station, residents' grids stay there). The departments' answer
 * times come as at a station, across stations. 0, or -1 with err. */
int yz_service_district_stats(yz_session *s, yz_hub *h, const char *station, const yz_period *p,
                              yz_stats_by by, yz_stats *out, yz_err *err);

/* The summary sentence in the reports' words, in the station's language
 * (the paper language set, as yz_service_stats leaves it): in Chinese "this
 * month (quarter, year) X items of all kinds accepted, Y finished, on-time
 * rate Z%, W open at the period's end; residents rated N times, satisfied
 * share S%, B bad ratings all followed up (or F of them)" as the district's
 * reports word it (po/zh_CN.po has the words); with the hall's figures
 * (has_hall) then "; the hall issued N tickets, mean wait X minutes, mean
 * service Y minutes, no-show rate Z%, appointments kept W%" (a mean or rate
 * of nothing left out: no ticket called, none ended, no appointment).
 * malloc'd; NULL on ENOMEM. */
char *yz_stats_summary(const yz_stats *st);
/* The figures as a report for yz_report_write, in the station's language:
 * fifteen columns (the key; accepted, finished, on time, on-time rate
 * (PERCENT), overdue = late + overdue_open, open at the end, average working
 * days (NUMBER), forwarded, the departments' average answer days (NUMBER),
 * corrections, rated, satisfied share (PERCENT), bad, followed up). Split by
 * `by`: a GROUP row naming the split, a DATA row per key, then the station's
 * figures as the SUBTOTAL row of that block (cells given: shares and averages
 * are not sums; by month what is open at the end is not either); without a
 * split one DATA row for the station. Then, when there are any, a GROUP row
 * and a DATA row per department (key, forwarded, answer days, and in the
 * overdue column the department's overdue answers), and a GROUP row and a
 * DATA row per rating score (its count in the rated column). No TOTAL row:
 * the blocks do not add up to one. With the hall's figures (has_hall), a
 * paragraph under the table (r->outro: the fifteen columns are the cases',
 * and a ticket's minutes under "Average working days" would be misread):
 * a heading line, then a line per queue in the summary's words ("A Social
 * assistance: 3 tickets, mean wait 9.5 minutes, ..."); the PDF and the
 * xlsx show it, the CSV (the table alone) and `yizhan stats`' terminal
 * table do not (the summary's clause has the hall's whole). The summary
 * sentence in r->summary, the signature labels (made by, reviewed by,
 * date), A4 landscape. NULL on ENOMEM (r->oom when a later allocation
 * failed). */
yz_report *yz_stats_report(const yz_session *s, const yz_stats *st);
/* Write report r (made by yz_stats_report from st) to path in format f, as
 * yz_report_write, with an audit row "stats_saved" (detail: "stats PERIOD by
 * SPLIT -> PATH"); a clerk is refused with a "stats_denied" row. 0, or -1
 * with err. */
int yz_service_stats_save(yz_session *s, const yz_stats *st, const yz_report *r, yz_report_format f,
                          const char *path, yz_err *err);

#endif
