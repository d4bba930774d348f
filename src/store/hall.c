/* The hall's tickets and calls (issue 19): what yizhan/store/hall.h says of
 * tickets, the cases they became, the hall's calls and the queues' counts
 * (appointments and visits: visits.c; the figures: hall_figures.c).
 *
 * Audit rows: a no-show and a transfer change what the ticket's record says
 * of the resident's visit and are audited. Issuing a ticket and calling it
 * are not: the kiosk has no actor (a resident pressed a key), and a call is
 * the hall's own traffic, recorded in hall_calls, not a change of a record
 * worth a row of the chained log (hundreds a day would bury the changes that
 * matter). */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

#define TICKET_COLS                                                                                \
	"id, day, code, queue, from_queue, number, priority, coalesce(appointment_id, 0), state,"  \
	" issued_at, called_at, done_at, counter, clerk, calls"

static void ticket_row(sqlite3_stmt *s, void *out)
{
	yz_ticket *t = out;

	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, t->day, sizeof t->day);
	st_col_cpy(s, 2, t->code, sizeof t->code);
	st_col_cpy(s, 3, t->queue, sizeof t->queue);
	st_col_cpy(s, 4, t->from_queue, sizeof t->from_queue);
	t->number = sqlite3_column_int(s, 5);
	t->priority = sqlite3_column_int(s, 6) != 0;
	t->appointment_id = sqlite3_column_int64(s, 7);
	t->state = (yz_ticket_state)sqlite3_column_int(s, 8);
	st_col_cpy(s, 9, t->issued_at, sizeof t->issued_at);
	st_col_cpy(s, 10, t->called_at, sizeof t->called_at);
	st_col_cpy(s, 11, t->done_at, sizeof t->done_at);
	t->counter = sqlite3_column_int(s, 12);
	st_col_cpy(s, 13, t->clerk, sizeof t->clerk);
	t->calls = sqlite3_column_int(s, 14);
}

static void int_row(sqlite3_stmt *s, void *out)
{
	*(int *)out = sqlite3_column_int(s, 0);
}

/* A queue is one capital letter: the ticket's code starts with it. */
static bool queue_ok(const char *queue, yz_err *err)
{
	if (queue && queue[0] >= 'A' && queue[0] <= 'Z' && queue[1] == '\0')
		return true;
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("A queue is named by one capital letter A to Z: \"%s\"."),
	            queue ? queue : "");
	return false;
}

static int count_where(yz_store *st, const char *sql, const char *day, const char *queue, int *out,
                       yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, sql, err);

	*out = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	st_bind_str(s, 2, queue);
	return st_get_row(st, s, int_row, out, err) < 0 ? -1 : 0;
}

/* The inside of yz_ticket_issue's transaction. */
static int issue_tx(yz_store *st, const char *day, const char *queue, bool priority,
                    int64_t appointment_id, yz_ticket *out, int *ahead, yz_err *err)
{
	int last = 0, before = 0;
	char now[21];
	sqlite3_stmt *s;

	/* Numbered by the queue of issue: the code's letter (a transferred
	 * ticket keeps it), read through the (day, code) index. */
	if (count_where(st,
	                "SELECT coalesce(max(number), 0) FROM queue_tickets WHERE day = ?1"
	                " AND code BETWEEN ?2 || '000' AND ?2 || '999'",
	                day, queue, &last, err) < 0)
		return -1;
	if (last >= 999) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("Queue %s has given out 999 tickets today: no more numbers are left."),
		    queue);
		return -1;
	}
	if (count_where(st,
	                priority ? "SELECT count(*) FROM queue_tickets WHERE day = ?1 AND state = 0"
	                           " AND queue = ?2 AND priority <> 0"
	                         : "SELECT count(*) FROM queue_tickets WHERE day = ?1 AND state = 0"
	                           " AND queue = ?2",
	                day, queue, &before, err) < 0)
		return -1;
	st_now(st, now);
	memset(out, 0, sizeof *out);
	snprintf(out->day, sizeof out->day, "%s", day);
	snprintf(out->code, sizeof out->code, "%s%03d", queue, last + 1);
	snprintf(out->queue, sizeof out->queue, "%s", queue);
	out->number = last + 1;
	out->priority = priority;
	out->appointment_id = appointment_id;
	out->state = YZ_TICKET_WAITING;
	memcpy(out->issued_at, now, sizeof out->issued_at);
	s = st_prep(st,
	            "INSERT INTO queue_tickets(day, code, queue, number, priority, appointment_id,"
	            " state, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	st_bind_str(s, 2, out->code);
	st_bind_str(s, 3, queue);
	sqlite3_bind_int(s, 4, out->number);
	sqlite3_bind_int(s, 5, priority ? 1 : 0);
	if (appointment_id > 0)
		sqlite3_bind_int64(s, 6, appointment_id);
	else
		sqlite3_bind_null(s, 6);
	st_bind_str(s, 7, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	out->id = sqlite3_last_insert_rowid(st->db);
	if (ahead)
		*ahead = before;
	return 0;
}

int yz_ticket_issue(yz_store *st, const char *day, const char *queue, bool priority,
                    int64_t appointment_id, yz_ticket *out, int *ahead, yz_err *err)
{
	int rc;

	if (ahead)
		*ahead = 0;
	if (!queue_ok(queue, err))
		return -1;
	/* BEGIN IMMEDIATE: the last number is read under the write lock, so two
	 * kiosks never print the same one. */
	if (st_tx_begin(st, err) < 0)
		return -1;
	rc = issue_tx(st, day, queue, priority, appointment_id, out, ahead, err);
	return st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 || rc < 0 ? -1 : 0;
}

int yz_ticket_get(yz_store *st, int64_t id, yz_ticket *out, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT " TICKET_COLS " FROM queue_tickets WHERE id = ?1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = st_get_row(st, s, ticket_row, out, err);
	if (rc == 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("There is no ticket %lld."), (long long)id);
		return -1;
	}
	return rc;
}

int yz_ticket_serving(yz_store *st, const char *day, int counter, yz_ticket *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " TICKET_COLS " FROM queue_tickets WHERE day = ?1"
	                          " AND state = 1 AND counter = ?2 ORDER BY id DESC LIMIT 1",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	sqlite3_bind_int(s, 2, counter);
	return st_get_row(st, s, ticket_row, out, err);
}

int yz_ticket_list(yz_store *st, const char *day, yz_ticket *out, size_t max, size_t *n,
                   yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " TICKET_COLS " FROM queue_tickets WHERE day = ?1"
	                          " ORDER BY issued_at, id",
	                          err);

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	return st_get_rows(st, s, ticket_row, out, sizeof *out, max, n, err);
}

static int add_call(yz_store *st, const char *day, int64_t ticket_id, int counter, const char *at,
                    bool recall, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO hall_calls(day, ticket_id, counter, at, recall)"
	                          " VALUES (?1, ?2, ?3, ?4, ?5)",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	sqlite3_bind_int64(s, 2, ticket_id);
	sqlite3_bind_int(s, 3, counter);
	st_bind_str(s, 4, at);
	sqlite3_bind_int(s, 5, recall ? 1 : 0);
	return st_exec_stmt(st, s, err);
}

/* The inside of yz_ticket_call_next's transaction; letters: the queues as
 * one string ("ABD"), a queue matching when its letter is in it. */
static int call_next_tx(yz_store *st, const char *day, const char *letters, int counter,
                        const char *clerk, yz_ticket *out, yz_err *err)
{
	char now[21];
	sqlite3_stmt *s;
	int rc;

	st_now(st, now);
	s = st_prep(st,
	            "UPDATE queue_tickets SET state = 2, done_at = ?3 WHERE day = ?1"
	            " AND state = 1 AND counter = ?2",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	sqlite3_bind_int(s, 2, counter);
	st_bind_str(s, 3, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	/* Priority (appointments) first, then by time of issue: a transferred
	 * ticket keeps its time and so comes near the front of its new queue. */
	s = st_prep(st,
	            "SELECT " TICKET_COLS " FROM queue_tickets WHERE day = ?1 AND state = 0"
	            " AND instr(?2, queue) > 0 ORDER BY priority DESC, issued_at, id LIMIT 1",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	st_bind_str(s, 2, letters);
	rc = st_get_row(st, s, ticket_row, out, err);
	if (rc != 0)
		return rc;
	/* called_at keeps the first call (the wait is issue -> first call);
	 * calls counts this window's calls, as its clerk sees them. */
	s = st_prep(st,
	            "UPDATE queue_tickets SET state = 1, counter = ?2, clerk = ?3, calls = 1,"
	            " called_at = CASE WHEN called_at = '' THEN ?4 ELSE called_at END"
	            " WHERE id = ?1",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, out->id);
	sqlite3_bind_int(s, 2, counter);
	st_bind_str(s, 3, clerk);
	st_bind_str(s, 4, now);
	if (st_exec_stmt(st, s, err) < 0 ||
	    add_call(st, day, out->id, counter, now, false, err) < 0)
		return -1;
	out->state = YZ_TICKET_CALLED;
	out->counter = counter;
	snprintf(out->clerk, sizeof out->clerk, "%s", clerk ? clerk : "");
	out->calls = 1;
	if (!out->called_at[0])
		memcpy(out->called_at, now, sizeof out->called_at);
	return 0;
}

int yz_ticket_call_next(yz_store *st, const char *day, const char *const *queues, size_t n_queues,
                        int counter, const char *clerk, yz_ticket *out, yz_err *err)
{
	char letters[27] = "";
	size_t k = 0;
	yz_ticket t;
	int rc;

	for (size_t i = 0; i < n_queues; i++) {
		if (!queue_ok(queues[i], err))
			return -1;
		if (!strchr(letters, queues[i][0]) && k < sizeof letters - 1) {
			letters[k++] = queues[i][0];
			letters[k] = '\0';
		}
	}
	if (counter <= 0) {
		yz_err_setc(err, YZ_ERR_INVALID, _("A call needs a window number."));
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	/* Nothing to choose from: the counter's ticket is still finished. */
	rc = call_next_tx(st, day, letters, counter, clerk, &t, err);
	if (st_tx_end(st, rc >= 0, rc >= 0 ? err : NULL) < 0 || rc < 0)
		return -1;
	if (rc == 0 && out)
		*out = t;
	return rc;
}

/* The CALLED ticket id, read inside the caller's transaction; counter > 0:
 * called to that window. NOT_FOUND in words otherwise. */
static int called_ticket(yz_store *st, int64_t id, int counter, yz_ticket *t, yz_err *err)
{
	if (yz_ticket_get(st, id, t, err) < 0)
		return -1;
	if (t->state != YZ_TICKET_CALLED || (counter > 0 && t->counter != counter)) {
		if (counter > 0)
			yz_err_setc(err, YZ_ERR_NOT_FOUND,
			            _("Ticket %s is not being served at window %d."), t->code,
			            counter);
		else
			yz_err_setc(err, YZ_ERR_NOT_FOUND, _("Ticket %s is not being served."),
			            t->code);
		return -1;
	}
	return 0;
}

int yz_ticket_recall(yz_store *st, int64_t id, int counter, const char *clerk, yz_err *err)
{
	char now[21];
	yz_ticket t;
	sqlite3_stmt *s;
	int rc = -1;

	if (st_tx_begin(st, err) < 0)
		return -1;
	st_now(st, now);
	if (called_ticket(st, id, counter, &t, err) == 0 &&
	    (s = st_prep(st, "UPDATE queue_tickets SET calls = calls + 1, clerk = ?2 WHERE id = ?1",
	                 err))) {
		sqlite3_bind_int64(s, 1, id);
		st_bind_str(s, 2, clerk && clerk[0] ? clerk : t.clerk);
		if (st_exec_stmt(st, s, err) == 0)
			rc = add_call(st, t.day, id, counter, now, true, err);
	}
	return st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 || rc < 0 ? -1 : 0;
}

/* A CALLED ticket ends: state 2 (done) or 3 (no-show). */
static int finish(yz_store *st, int64_t id, yz_ticket_state state, const char *actor, yz_err *err)
{
	char now[21], detail[96];
	yz_ticket t;
	sqlite3_stmt *s;
	int rc = -1;

	if (st_tx_begin(st, err) < 0)
		return -1;
	st_now(st, now);
	if (called_ticket(st, id, 0, &t, err) == 0 &&
	    (s = st_prep(st, "UPDATE queue_tickets SET state = ?2, done_at = ?3 WHERE id = ?1",
	                 err))) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, (int)state);
		st_bind_str(s, 3, now);
		rc = st_exec_stmt(st, s, err);
		if (rc == 0 && state == YZ_TICKET_NOSHOW) {
			snprintf(detail, sizeof detail, "%s %s window=%d", t.day, t.code,
			         t.counter);
			rc = st_audit_at(st, now, actor, "ticket_noshow", detail, err);
		}
	}
	return st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 || rc < 0 ? -1 : 0;
}

int yz_ticket_noshow(yz_store *st, int64_t id, const char *actor, yz_err *err)
{
	return finish(st, id, YZ_TICKET_NOSHOW, actor, err);
}

int yz_ticket_done(yz_store *st, int64_t id, yz_err *err)
{
	return finish(st, id, YZ_TICKET_DONE, NULL, err);
}

int yz_ticket_transfer(yz_store *st, int64_t id, const char *queue, const char *actor, yz_err *err)
{
	char now[21], detail[96];
	yz_ticket t;
	sqlite3_stmt *s;
	int rc = -1;

	if (!queue_ok(queue, err) || st_tx_begin(st, err) < 0)
		return -1;
	st_now(st, now);
	if (called_ticket(st, id, 0, &t, err) < 0)
		goto out;
	if (strcmp(t.queue, queue) == 0) {
		yz_err_setc(err, YZ_ERR_INVALID, _("Ticket %s already waits in queue %s."), t.code,
		            queue);
		goto out;
	}
	/* issued_at stays: the ticket waits near the front of its new queue. */
	s = st_prep(st,
	            "UPDATE queue_tickets SET state = 0, from_queue = queue, queue = ?2"
	            " WHERE id = ?1",
	            err);
	if (!s)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	st_bind_str(s, 2, queue);
	rc = st_exec_stmt(st, s, err);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "%s %s %s->%s window=%d", t.day, t.code, t.queue,
		         queue, t.counter);
		rc = st_audit_at(st, now, actor, "ticket_transfer", detail, err);
	}
out:
	return st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 || rc < 0 ? -1 : 0;
}

/* ---- tickets and cases ------------------------------------------------------ */

int yz_ticket_link_case(yz_store *st, int64_t ticket_id, int64_t case_id, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "INSERT INTO ticket_cases(case_id, ticket_id) VALUES (?1, ?2)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, ticket_id);
	return st_exec_stmt(st, s, err);
}

int yz_ticket_of_case(yz_store *st, int64_t case_id, yz_ticket *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " TICKET_COLS " FROM queue_tickets WHERE id ="
	                          " (SELECT ticket_id FROM ticket_cases WHERE case_id = ?1)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	return st_get_row(st, s, ticket_row, out, err);
}

static void number_row(sqlite3_stmt *s, void *out)
{
	st_col_cpy(s, 0, out, 40);
}

int yz_ticket_case_numbers(yz_store *st, int64_t ticket_id, char (*out)[40], size_t max, size_t *n,
                           yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT c.number FROM ticket_cases tc JOIN cases c"
	                          " ON c.id = tc.case_id WHERE tc.ticket_id = ?1 ORDER BY c.id",
	                          err);

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, ticket_id);
	return st_get_rows(st, s, number_row, out, sizeof *out, max, n, err);
}

/* ---- the hall display ------------------------------------------------------- */

/* The queue is the ticket's now: a call row does not keep it, and a ticket
 * is transferred away only after its call was shown. */
#define CALL_SELECT                                                                                \
	"SELECT c.id, c.ticket_id, t.code, t.queue, c.counter, c.at, c.recall FROM hall_calls c"   \
	" JOIN queue_tickets t ON t.id = c.ticket_id"

static void call_row(sqlite3_stmt *s, void *out)
{
	yz_hall_call *c = out;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	c->ticket_id = sqlite3_column_int64(s, 1);
	st_col_cpy(s, 2, c->code, sizeof c->code);
	st_col_cpy(s, 3, c->queue, sizeof c->queue);
	c->counter = sqlite3_column_int(s, 4);
	st_col_cpy(s, 5, c->at, sizeof c->at);
	c->recall = sqlite3_column_int(s, 6) != 0;
}

int yz_hall_calls_after(yz_store *st, const char *day, int64_t after_id, yz_hall_call *out,
                        size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, CALL_SELECT " WHERE c.day = ?1 AND c.id > ?2 ORDER BY c.id LIMIT ?3", err);

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	sqlite3_bind_int64(s, 2, after_id);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)max);
	return st_get_rows(st, s, call_row, out, sizeof *out, max, n, err);
}

int yz_hall_calls_recent(yz_store *st, const char *day, yz_hall_call *out, size_t max, size_t *n,
                         yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, CALL_SELECT " WHERE c.day = ?1 ORDER BY c.id DESC LIMIT ?2", err);

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	return st_get_rows(st, s, call_row, out, sizeof *out, max, n, err);
}

/* A constant: the statement cache is keyed by the text's address. */
static const char last_call_sql[] =
    "SELECT id FROM hall_calls WHERE day = ?1 ORDER BY id DESC LIMIT 1";

int yz_hall_last_call(yz_store *st, const char *day, int64_t *id, yz_err *err)
{
	/* Kept prepared: the display asks ten times a second. */
	sqlite3_stmt *s = st_prep_cached(st, last_call_sql, err);
	int rc;

	*id = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static void count_row(sqlite3_stmt *s, void *out)
{
	yz_queue_count *q = out;

	q->waiting = sqlite3_column_int(s, 0);
	q->issued = sqlite3_column_int(s, 1);
	q->served = sqlite3_column_int(s, 2);
	q->noshow = sqlite3_column_int(s, 3);
	q->service_s_sum = sqlite3_column_int(s, 4);
	q->counters = sqlite3_column_int(s, 5);
}

int yz_queue_counts(yz_store *st, const char *day, const char *const *queues, size_t n,
                    yz_queue_count *out, yz_err *err)
{
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM queue_tickets WHERE day = ?1 AND state = 0"
	    "   AND queue = ?2),"
	    " (SELECT count(*) FROM queue_tickets WHERE day = ?1"
	    "   AND code BETWEEN ?2 || '000' AND ?2 || '999'),"
	    " (SELECT count(*) FROM queue_tickets WHERE day = ?1 AND state = 2 AND queue = ?2),"
	    " (SELECT count(*) FROM queue_tickets WHERE day = ?1 AND state = 3 AND queue = ?2),"
	    " (SELECT coalesce(sum(max(0, strftime('%s', done_at) - strftime('%s', called_at))), 0)"
	    "   FROM queue_tickets WHERE day = ?1 AND state = 2 AND queue = ?2"
	    "   AND called_at <> '' AND done_at <> ''),"
	    " (SELECT count(DISTINCT c.counter) FROM hall_calls c JOIN queue_tickets t"
	    "   ON t.id = c.ticket_id WHERE c.day = ?1 AND t.queue = ?2"
	    "   AND c.at >= strftime('%Y-%m-%dT%H:%M:%SZ', ?3, '-1 hour'))";
	char now[21];
	int rc = 0;

	st_now(st, now);
	for (size_t i = 0; i < n && rc == 0; i++) {
		sqlite3_stmt *s = st_prep(st, sql, err);

		memset(&out[i], 0, sizeof out[i]);
		snprintf(out[i].queue, sizeof out[i].queue, "%s", queues[i] ? queues[i] : "");
		if (!s)
			return -1;
		st_bind_str(s, 1, day);
		st_bind_str(s, 2, out[i].queue);
		st_bind_str(s, 3, now);
		rc = st_get_row(st, s, count_row, &out[i], err) < 0 ? -1 : 0;
	}
	return rc;
}
