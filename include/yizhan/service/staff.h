/* service/staff.h: AB gang — the A and B clerk of each business line, and who
 * is away. Everyone may read them; only the station head or the admin may
 * change them: anyone else is refused with a message and an audit row. */
#ifndef YZ_SERVICE_STAFF_H
#define YZ_SERVICE_STAFF_H

#include "yizhan/store/staff.h"
#include "yizhan/service/session.h"

/* Every line with its A and B clerk, by line. */
int yz_service_line_staff_list(yz_session *s, yz_line_staff *out, size_t max, size_t *n,
                               yz_err *err);
/* 0 when line is a business line of the station's vocabulary (the catalogue's
 * data/vocab/lines.txt); else -1 with err (YZ_ERR_NOT_FOUND) naming it and
 * listing the lines. */
int yz_service_line_check(yz_session *s, const char *line, yz_err *err);
/* Set the A and B clerk of a line ("" = nobody; both must be accounts); a
 * line that is not a business line is refused (yz_service_line_check). */
int yz_service_line_staff_set(yz_session *s, const char *line, const char *a_login,
                              const char *b_login, yz_err *err);

/* Absences that include s->today or come later, by start. */
int yz_service_absence_list(yz_session *s, yz_absence *out, size_t max, size_t *n, yz_err *err);
/* login is away from `from` to `until` (inclusive), each typed as a date
 * forms accept (2026-12-14 or 20261214) and stored as YYYY-MM-DD; what is not
 * a date is refused with a message naming it. *id (may be NULL) receives the
 * absence. */
int yz_service_absence_add(yz_session *s, const char *login, const char *from, const char *until,
                           int64_t *id, yz_err *err);
/* The clerk is back: the absence's last day becomes until (a date as typed;
 * NULL = the day before s->today: back today means not away today, and an
 * absence that began today is removed). With NULL, an absence that has not
 * begun is refused (cancel it: yz_service_absence_cancel), and so is one
 * that is over. */
int yz_service_absence_end(yz_session *s, int64_t id, const char *until, yz_err *err);
/* Cancel a planned absence, one that begins after s->today (audited); one
 * that has begun is refused (end it instead). */
int yz_service_absence_cancel(yz_session *s, int64_t id, yz_err *err);

/* What a clerk is called on screen: the account's display name, else
 * the login itself; "" stays "". Returns out. */
const char *yz_service_user_name(yz_session *s, const char *login, char *out, size_t n);

/* A business line that nobody covers on some day: its A clerk is away (or
 * there is none) and its B clerk too. */
typedef struct yz_uncovered {
	char line[64];
	char a_name[128]; /* the A clerk's name, "" = nobody */
	char b_name[128]; /* the B clerk's name, "" = nobody */
	char day[11];     /* the first day nobody covers it */
} yz_uncovered;

/* The lines with an A or a B clerk that nobody covers on some day from from
 * to until (YYYY-MM-DD, inclusive), by line. With login set, as if login
 * were away on those days too, and only the lines login holds: what marking
 * login absent would leave uncovered. Dates that are not dates give none. */
int yz_service_uncovered_lines(yz_session *s, const char *login, const char *from,
                               const char *until, yz_uncovered *out, size_t max, size_t *n,
                               yz_err *err);

/* Who takes a new case of line that would go to login (a follow-up's case
 * reopened goes to the old case's owner), into out: login when the account
 * is active and at work today; else the first of the line's A and B clerks
 * who is; when all of them are away today, the first active one of login, A
 * and B (their B clerk works their queue); when none is active, s->user. */
int yz_service_case_taker(yz_session *s, const char *line, const char *login, char out[33],
                          yz_err *err);

/* Whether the clerk logged in is marked away on s->today: 1 with the absence
 * in *out and the names of the B clerks who work their lines meanwhile in
 * covers ("" = nobody), 0 when not, -1 on error. */
int yz_service_my_absence(yz_session *s, yz_absence *out, char *covers, size_t n, yz_err *err);

#endif
