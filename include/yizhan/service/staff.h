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
/* Set the A and B clerk of a line ("" = nobody; both must be accounts). */
int yz_service_line_staff_set(yz_session *s, const char *line, const char *a_login,
                              const char *b_login, yz_err *err);

/* Absences that include s->today or come later, by start. */
int yz_service_absence_list(yz_session *s, yz_absence *out, size_t max, size_t *n, yz_err *err);
/* login is away from `from` to `until` (YYYY-MM-DD, inclusive); *id (may be
 * NULL) receives the absence. */
int yz_service_absence_add(yz_session *s, const char *login, const char *from, const char *until,
                           int64_t *id, yz_err *err);
/* The clerk is back: the absence's last day becomes until (NULL = s->today). */
int yz_service_absence_end(yz_session *s, int64_t id, const char *until, yz_err *err);

#endif
