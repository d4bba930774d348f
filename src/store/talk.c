/* Ju min shuo shi ri: a session where residents raise matters, each of which
 * becomes a case linked to the session, and the session's summary by category. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

static int talk_tx(yz_store *st, const char *date, const char *place, int attendees,
                   const char *actor, const char *at, int64_t *id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO talk_sessions(date, place, attendees, actor,"
	                          " created_at) VALUES(?1, ?2, ?3, ?4, ?5)",
	                          err);
	char detail[192];

	if (!s)
		return -1;
	st_bind_str(s, 1, date);
	st_bind_str(s, 2, place);
	sqlite3_bind_int(s, 3, attendees);
	st_bind_str(s, 4, actor);
	st_bind_str(s, 5, at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	snprintf(detail, sizeof detail, "%lld %s %.128s", (long long)*id, date, place);
	return st_audit_at(st, at, actor, "talk_session", detail, err);
}

int yz_talk_add(yz_store *st, const char *date, const char *place, int attendees, const char *actor,
                int64_t *id, yz_err *err)
{
	yz_date d;
	char at[21];
	int64_t dummy;

	if (!date || !yz_date_parse(date, &d) || !place || !*place || attendees < 0) {
		yz_err_set(err, _("A residents' session needs a date, a place and the number of "
		                  "people who came."));
		return -1;
	}
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(
	    st, talk_tx(st, date, place, attendees, actor, at, id ? id : &dummy, err) == 0, err);
}

int yz_talk_get(yz_store *st, int64_t id, yz_talk_session *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT id, date, place, attendees, actor FROM talk_sessions WHERE id = ?1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(s, 0);
		st_col_cpy(s, 1, out->date, sizeof out->date);
		st_col_cpy(s, 2, out->place, sizeof out->place);
		out->attendees = sqlite3_column_int(s, 3);
		st_col_cpy(s, 4, out->actor, sizeof out->actor);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
}

static int link_tx(yz_store *st, int64_t session_id, int64_t case_id, const char *actor,
                   const char *at, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "INSERT INTO talk_items(session_id, case_id) VALUES(?1, ?2)", err);
	char note[64];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, session_id);
	sqlite3_bind_int64(s, 2, case_id);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	snprintf(note, sizeof note, "%lld", (long long)session_id);
	return st_event_full(st, case_id, actor, "talk_item", note, at, "", "", "", err);
}

int yz_talk_link(yz_store *st, int64_t session_id, int64_t case_id, const char *actor, yz_err *err)
{
	yz_talk_session t;
	char at[21];
	int rc = yz_talk_get(st, session_id, &t, err);

	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This residents' session does not exist."));
	if (rc != 0)
		return -1;
	st_now(st, at);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, link_tx(st, session_id, case_id, actor, at, err) == 0, err);
}

int yz_talk_summary(yz_store *st, int64_t session_id, yz_talk_row *out, size_t max, size_t *n,
                    long *accepted, long *done, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT c.item, count(*), sum(c.status <> 'accepted')"
	                          " FROM talk_items t JOIN cases c ON c.id = t.case_id"
	                          " WHERE t.session_id = ?1 GROUP BY c.item ORDER BY count(*) DESC,"
	                          " c.item",
	                          err);
	int rc = SQLITE_DONE;

	*n = 0;
	*accepted = *done = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, session_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long a = (long)sqlite3_column_int64(s, 1), d = (long)sqlite3_column_int64(s, 2);
		*accepted += a;
		*done += d;
		if (*n < max) {
			yz_talk_row *r = &out[(*n)++];
			st_col_cpy(s, 0, r->item, sizeof r->item);
			r->accepted = a;
			r->done = d;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}
