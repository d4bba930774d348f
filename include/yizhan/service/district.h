/* service/district.h: a department at the district hub (issue 17): a
 * workstation with `hub`, `hub_password` and `hub_dept` in its yizhan.conf and
 * no station database reads the cases forwarded to the department from every
 * station and records its answers, which each station takes on its next sync.
 * The department's screen (tui) works through this, never through the hub
 * module: the service opens the connection with bounded waits, opens it again
 * after the link was lost, and says in plain words when the hub cannot be
 * reached. The service module, src/service/district.c. */
#ifndef YZ_SERVICE_DISTRICT_H
#define YZ_SERVICE_DISTRICT_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/form.h"
#include "yizhan/hub.h"
#include "yizhan/text.h"
#include "yizhan/service/config.h"

/* A department's session at the hub. */
typedef struct yz_district yz_district;

/* A forwarded case in the inbox, and one opened (the hub's records). */
typedef yz_hub_inbox_row yz_dept_row;
typedef yz_hub_case_view yz_dept_case;

/* The department of a session: dept (--dept CODE), else cfg's hub_dept, else
 * "" (the hub's login decides). */
const char *yz_district_dept_code(const yz_config *cfg, const char *dept);

/* Start a session: cfg's hub and hub_password, department dept as
 * yz_district_dept_code says; cat (may be NULL or empty): the forms, for the
 * labels of a case's fields (kept, not owned). Connects at once (at most
 * connect_timeout_s, 0 = 10 s; the link's silence is bounded too) and checks
 * the department; -1 with the reason (no hub in yizhan.conf, the hub
 * unreachable, the login refused, no such department). */
int yz_district_open(yz_district **out, const yz_config *cfg, const yz_catalogue *cat,
                     const char *dept, int connect_timeout_s, yz_err *err);
void yz_district_close(yz_district *d);

/* The department's name as the stations spell it ("" until known), and its
 * code as given ("" = the login's own). */
const char *yz_district_dept_name(const yz_district *d);
const char *yz_district_code(const yz_district *d);

/* A page of the inbox, by due date (none last), sent date, station, key:
 * all = answered ones too; after = the last row of the page before (NULL: the
 * first page); limit 0 = 100. today: YYYY-MM-DD for "overdue". *rows is
 * malloc'd (free()). After a lost link the next call connects again. */
int yz_district_inbox(yz_district *d, bool all, const yz_dept_row *after, size_t limit,
                      const char *today, yz_dept_row **rows, size_t *n, yz_err *err);

/* The case of the forward row r, as the department may see it (free with
 * yz_district_case_free, also after a failure). When the case's form is
 * among the session's forms, each field's key is its label and its value as
 * the counter shows it (an ID number masked, yes/no in words). */
int yz_district_case(yz_district *d, const yz_dept_row *r, const char *today, yz_dept_case *out,
                     yz_err *err);
void yz_district_case_free(yz_dept_case *c);

/* Record the department's answer to r: result (text, lines allowed), date
 * YYYY-MM-DD. Nothing is kept here: on failure the caller still has the text. */
int yz_district_answer(yz_district *d, const yz_dept_row *r, const char *result, const char *date,
                       yz_err *err);

#endif
