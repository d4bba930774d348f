/* store: AB gang: the A and B clerk of each business line, absences and cover (the
 * store module, src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_STAFF_H
#define YZ_STORE_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

/* AB gang: the A and B clerk of a business line, and whether it is sensitive. */
typedef struct yz_line_staff {
	char line[64];
	char a_login[33]; /* "" = nobody */
	char b_login[33];
	bool sensitive; /* only the head, the admin and A/B see its cases */
} yz_line_staff;

/* Set A and B of a line (either may be "" = nobody; both must be users). */
int yz_line_staff_set(yz_store *st, const char *line, const char *a_login, const char *b_login,
                      const char *actor, yz_err *err);
int yz_line_set_sensitive(yz_store *st, const char *line, bool sensitive, const char *actor,
                          yz_err *err);
int yz_line_staff_get(yz_store *st, const char *line, yz_line_staff *out,
                      yz_err *err); /* 1 = none */
int yz_line_staff_list(yz_store *st, yz_line_staff *out, size_t max, size_t *n, yz_err *err);

typedef struct yz_absence {
	int64_t id;
	char login[33];
	char from[11];  /* first day away */
	char until[11]; /* last day away (inclusive) */
	char actor[33];
} yz_absence;

/* from and until in the stored form YYYY-MM-DD (anything else is refused:
 * the day columns are compared as text). */
int yz_absence_add(yz_store *st, const char *login, const char *from, const char *until,
                   const char *actor, int64_t *id, yz_err *err);
/* End an absence early: its last day becomes until, YYYY-MM-DD (before from
 * deletes it). */
int yz_absence_end(yz_store *st, int64_t id, const char *until, const char *actor, yz_err *err);
/* Remove an absence (a planned one called off), audited as absence_cancel. */
int yz_absence_cancel(yz_store *st, int64_t id, const char *actor, yz_err *err);
/* Absences that include on or come later (on NULL = all), by start. */
int yz_absence_list(yz_store *st, const char *on, yz_absence *out, size_t max, size_t *n,
                    yz_err *err);
/* 1 when login is away on date, 0 when not, -1 on error. */
int yz_user_absent(yz_store *st, const char *login, const char *date, yz_err *err);

/* The queues a clerk works: their own, and for each line where they are B and
 * the A clerk is away on the date, that A's cases of the line. */
#define YZ_MAX_COVER 8
typedef struct yz_cover {
	char a_login[33]; /* the absent A clerk */
	char line[64];    /* the line covered */
} yz_cover;
int yz_cover_list(yz_store *st, const char *login, const char *date, yz_cover *out, size_t max,
                  size_t *n, yz_err *err);

#endif
