/* The station's habits, read from its latest cases: the items served most and
 * the usual value of a field. Only the latest cases count, so that a habit
 * follows the station (a new policy, a season) and the queries stay small
 * however many years of cases the file holds. */
#include <string.h>

#include "store_int.h"

int yz_habit_top_forms(yz_store *st, size_t recent, yz_form_use *out, size_t max, size_t *n,
                       yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT form_id, count(*), max(id) FROM"
	                          " (SELECT id, form_id FROM cases ORDER BY id DESC LIMIT ?1)"
	                          " GROUP BY form_id ORDER BY 2 DESC, 3 DESC LIMIT ?2",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)recent);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		st_col_cpy(s, 0, out[*n].form_id, sizeof out[*n].form_id);
		out[*n].count = (long)sqlite3_column_int64(s, 1);
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	return 0;
}

int yz_habit_usual_value(yz_store *st, const char *form_id, const char *key, size_t recent,
                         char *out, size_t n, yz_err *err)
{
	/* cases_form gives the form's latest cases; case_fields' key is the case. */
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT f.value, count(*), max(c.id) FROM"
	                          " (SELECT id FROM cases WHERE form_id = ?1"
	                          "  ORDER BY id DESC LIMIT ?3) c"
	                          " JOIN case_fields f ON f.case_id = c.id"
	                          " WHERE f.key = ?2 AND f.value <> ''"
	                          " GROUP BY f.value ORDER BY 2 DESC LIMIT 2",
	                          err);
	sqlite3_int64 first = 0, second = 0;
	int rc;

	out[0] = '\0';
	if (!s)
		return -1;
	st_bind_str(s, 1, form_id);
	st_bind_str(s, 2, key);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)recent);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st_col_cpy(s, 0, out, n);
		first = sqlite3_column_int64(s, 1);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			second = sqlite3_column_int64(s, 1);
			rc = SQLITE_DONE;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	if (first >= 2 && first > second)
		return 0;
	out[0] = '\0';
	return 1;
}
