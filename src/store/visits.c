/* Appointments (yu yue) and home visits (shang men fu wu) of the hall (issue
 * 19): the booking numbers, the slots' counts, the states the kiosk and the
 * clerk move them through, the visits of a day for the route sheet. States are
 * stored as the enums' numbers (schema 10: appointments.state and
 * home_visits.state are INTEGER). */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

/* A kiosk arrival has no signed-in actor: the audit row names the kiosk. */
static const char *actor_or_kiosk(const char *actor)
{
	return actor && *actor ? actor : "kiosk";
}

/* ---- appointments --------------------------------------------------------------- */

#define APPT_COLS                                                                                  \
	"id, number, queue, day, slot, idno, name, phone, note, state, COALESCE(ticket_id, 0),"    \
	" clerk, booked_at"

static void appt_row(sqlite3_stmt *s, void *out)
{
	yz_appointment *a = out;

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, a->number, sizeof a->number);
	st_col_cpy(s, 2, a->queue, sizeof a->queue);
	st_col_cpy(s, 3, a->day, sizeof a->day);
	st_col_cpy(s, 4, a->slot, sizeof a->slot);
	st_col_cpy(s, 5, a->idno, sizeof a->idno);
	st_col_cpy(s, 6, a->name, sizeof a->name);
	st_col_cpy(s, 7, a->phone, sizeof a->phone);
	st_col_cpy(s, 8, a->note, sizeof a->note);
	a->state = (yz_appt_state)sqlite3_column_int(s, 9);
	a->ticket_id = sqlite3_column_int64(s, 10);
	st_col_cpy(s, 11, a->clerk, sizeof a->clerk);
	st_col_cpy(s, 12, a->booked_at, sizeof a->booked_at);
}

/* Bookings that hold a place: a cancelled or missed one frees it. */
#define HOLDS_PLACE "state IN (0, 1)"

static int count_where(yz_store *st, sqlite3_stmt *s, int *n, yz_err *err)
{
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

/* The checks and the insert, inside the write transaction: the count of the
 * slot and the day's sequence are read under the write lock, so two counters
 * booking the last place of a slot cannot both get it. */
static int book_tx(yz_store *st, yz_appointment *a, int capacity, const char *actor, yz_err *err)
{
	sqlite3_stmt *s;
	int n = 0;
	char compact[9], prefix[12], detail[160];

	s = st_prep(st,
	            "SELECT count(*) FROM appointments WHERE idno = ?1 AND day = ?2 AND"
	            " queue = ?3 AND " HOLDS_PLACE,
	            err);
	if (s) {
		st_bind_str(s, 1, a->idno);
		st_bind_str(s, 2, a->day);
		st_bind_str(s, 3, a->queue);
	}
	if (count_where(st, s, &n, err) < 0)
		return -1;
	if (n > 0) {
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("%s already has an appointment in queue %s on %s."), a->name,
		            a->queue, a->day);
		return -1;
	}
	s = st_prep(st,
	            "SELECT count(*) FROM appointments WHERE day = ?1 AND queue = ?2 AND"
	            " slot = ?3 AND " HOLDS_PLACE,
	            err);
	if (s) {
		st_bind_str(s, 1, a->day);
		st_bind_str(s, 2, a->queue);
		st_bind_str(s, 3, a->slot);
	}
	if (count_where(st, s, &n, err) < 0)
		return -1;
	if (n >= capacity) {
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("The slot %s on %s is full (%d appointments): choose another."),
		            a->slot, a->day, capacity);
		return -1;
	}
	/* Y + the day without dashes + "-" + the day's sequence over every queue
	 * (a cancelled booking keeps its number: numbers are never reused). */
	snprintf(compact, sizeof compact, "%.4s%.2s%.2s", a->day, a->day + 5, a->day + 8);
	snprintf(prefix, sizeof prefix, "Y%s-", compact);
	s = st_prep(st,
	            "SELECT COALESCE(max(CAST(substr(number, 11) AS INTEGER)), 0) FROM"
	            " appointments WHERE substr(number, 1, 10) = ?1",
	            err);
	if (s)
		st_bind_str(s, 1, prefix);
	if (count_where(st, s, &n, err) < 0)
		return -1;
	if (n >= 999) {
		yz_err_setc(err, YZ_ERR_INVALID, _("No more appointments can be booked for %s."),
		            a->day);
		return -1;
	}
	snprintf(a->number, sizeof a->number, "%s%03d", prefix, n + 1);
	a->state = YZ_APPT_BOOKED;
	a->ticket_id = 0;
	snprintf(a->clerk, sizeof a->clerk, "%s", actor ? actor : "");
	st_now(st, a->booked_at);
	s = st_prep(st,
	            "INSERT INTO appointments(number, queue, day, slot, idno, name, phone, note,"
	            " state, clerk, booked_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10)",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, a->number);
	st_bind_str(s, 2, a->queue);
	st_bind_str(s, 3, a->day);
	st_bind_str(s, 4, a->slot);
	st_bind_str(s, 5, a->idno);
	st_bind_str(s, 6, a->name);
	st_bind_str(s, 7, a->phone);
	st_bind_str(s, 8, a->note);
	st_bind_str(s, 9, a->clerk);
	st_bind_str(s, 10, a->booked_at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	a->id = sqlite3_last_insert_rowid(st->db);
	/* The booking by its id and number, never the resident's ID number: the
	 * audit chain cannot be redacted later (the row names the record). */
	snprintf(detail, sizeof detail, "appointment %lld %s %s %s %s", (long long)a->id, a->number,
	         a->queue, a->day, a->slot);
	return st_audit_at(st, a->booked_at, a->clerk, "appt_booked", detail, err);
}

int yz_appt_book(yz_store *st, yz_appointment *a, int capacity, const char *actor, yz_err *err)
{
	if (!a || strlen(a->day) != 10 || !a->queue[0] || !a->slot[0] || !a->idno[0]) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("An appointment needs a queue, a day, a slot and an ID number."));
		return -1;
	}
	if (capacity < 1)
		capacity = 1;
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, book_tx(st, a, capacity, actor, err) == 0, err);
}

static int appt_not_found(int rc, yz_err *err)
{
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, "%s", _("No such appointment."));
	return rc;
}

int yz_appt_get(yz_store *st, int64_t id, yz_appointment *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT " APPT_COLS " FROM appointments WHERE id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return appt_not_found(st_get_row(st, s, appt_row, out, err), err);
}

int yz_appt_find(yz_store *st, const char *day, const char *key, yz_appointment *out, yz_err *err)
{
	char k[24];
	size_t i;
	sqlite3_stmt *s;

	/* A typed ID number's x and a booking number's y are upper-case. */
	for (i = 0; key && key[i] && i + 1 < sizeof k; i++)
		k[i] = key[i] >= 'a' && key[i] <= 'z' ? (char)(key[i] - 'a' + 'A') : key[i];
	k[i] = '\0';
	/* One resident may have bookings in two queues: the one still BOOKED and
	 * the earliest slot comes first. */
	s = st_prep(st,
	            "SELECT " APPT_COLS " FROM appointments WHERE day = ?1 AND"
	            " (number = ?2 OR idno = ?2) ORDER BY state <> 0, slot, id LIMIT 1",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	st_bind_str(s, 2, k);
	return st_get_row(st, s, appt_row, out, err);
}

int yz_appt_list(yz_store *st, const char *day, yz_appointment *out, size_t max, size_t *n,
                 yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " APPT_COLS " FROM appointments WHERE day = ?1"
	                          " ORDER BY slot, queue, number",
	                          err);

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	return st_get_rows(st, s, appt_row, out, sizeof *out, max, n, err);
}

int yz_appt_slot_counts(yz_store *st, const char *day, const char *queue, const char *const *slots,
                        size_t n, int *counts, yz_err *err)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = st_prep(st,
		                          "SELECT count(*) FROM appointments WHERE day = ?1 AND"
		                          " queue = ?2 AND slot = ?3 AND " HOLDS_PLACE,
		                          err);
		if (s) {
			st_bind_str(s, 1, day);
			st_bind_str(s, 2, queue);
			st_bind_str(s, 3, slots[i]);
		}
		if (count_where(st, s, &counts[i], err) < 0)
			return -1;
	}
	return 0;
}

static const char *appt_action(yz_appt_state state)
{
	switch (state) {
	case YZ_APPT_ARRIVED:
		return "appt_arrived";
	case YZ_APPT_MISSED:
		return "appt_missed";
	case YZ_APPT_CANCELLED:
		return "appt_cancelled";
	case YZ_APPT_BOOKED:
		break;
	}
	return "appt_booked";
}

static int set_state_tx(yz_store *st, int64_t id, yz_appt_state state, int64_t ticket_id,
                        const char *actor, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE appointments SET state = ?2, ticket_id ="
	                          " COALESCE(NULLIF(?3, 0), ticket_id) WHERE id = ?1 AND"
	                          " state = 0",
	                          err);
	char at[21], detail[96];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, (int)state);
	sqlite3_bind_int64(s, 3, ticket_id);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	/* Only a booking still BOOKED changes: two kiosks checking in the same
	 * booking, or a cancel meeting a check-in, find it changed. */
	if (sqlite3_changes(st->db) == 0) {
		yz_err_setc(err, YZ_ERR_EXISTS, "%s",
		            _("That appointment is no longer booked: it has checked in, was "
		              "cancelled or was marked missed."));
		return -1;
	}
	st_now(st, at);
	snprintf(detail, sizeof detail, "appointment %lld ticket %lld", (long long)id,
	         (long long)ticket_id);
	return st_audit_at(st, at, actor_or_kiosk(actor), appt_action(state), detail, err);
}

int yz_appt_set_state(yz_store *st, int64_t id, yz_appt_state state, int64_t ticket_id,
                      const char *actor, yz_err *err)
{
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, set_state_tx(st, id, state, ticket_id, actor, err) == 0, err);
}

/* One batch of at most MISSED_BATCH: their ids read first, then each one
 * updated and audited (a row per booking: whose appointment was missed is
 * what the log must tell). *more: a full batch, there may be others. */
#define MISSED_BATCH 256
static int missed_tx(yz_store *st, const char *day, const char *hhmm, const char *actor, int *n,
                     bool *more, yz_err *err)
{
	/* A slot "HH:MM-HH:MM" ends at its characters 7..11. */
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT id FROM appointments WHERE day = ?1 AND state = 0 AND"
	                          " substr(slot, 7, 5) <= ?2 ORDER BY id LIMIT 256",
	                          err);
	int64_t ids[MISSED_BATCH];
	char at[21], detail[64];
	size_t k = 0;
	int rc;

	*more = false;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	st_bind_str(s, 2, hhmm);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < MISSED_BATCH)
		ids[k++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	*more = k == MISSED_BATCH;
	st_now(st, at);
	for (size_t i = 0; i < k; i++) {
		s = st_prep(st, "UPDATE appointments SET state = 2 WHERE id = ?1 AND state = 0",
		            err);
		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, ids[i]);
		if (st_exec_stmt(st, s, err) < 0)
			return -1;
		snprintf(detail, sizeof detail, "appointment %lld", (long long)ids[i]);
		if (st_audit_at(st, at, actor_or_kiosk(actor), "appt_missed", detail, err) < 0)
			return -1;
		(*n)++;
	}
	return 0;
}

int yz_appt_mark_missed(yz_store *st, const char *day, const char *hhmm, const char *actor, int *n,
                        yz_err *err)
{
	int dummy;
	bool more = true;

	if (!n)
		n = &dummy;
	*n = 0;
	/* A batch per transaction: the write lock is never held for long. */
	while (more) {
		if (st_tx_begin(st, err) < 0 ||
		    st_tx_end(st, missed_tx(st, day, hhmm, actor, n, &more, err) == 0, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- home visits ---------------------------------------------------------------- */

#define VISIT_COLS                                                                                 \
	"v.id, v.case_id, c.number, v.day, v.staff, v.idno, v.name, v.address, v.phone, v.grid,"   \
	" v.item, v.state, v.result, v.planned_by, v.done_at FROM home_visits v JOIN cases c ON"   \
	" c.id = v.case_id"

static void visit_row(sqlite3_stmt *s, void *out)
{
	yz_visit *v = out;

	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(s, 0);
	v->case_id = sqlite3_column_int64(s, 1);
	st_col_cpy(s, 2, v->case_no, sizeof v->case_no);
	st_col_cpy(s, 3, v->day, sizeof v->day);
	st_col_cpy(s, 4, v->staff, sizeof v->staff);
	st_col_cpy(s, 5, v->idno, sizeof v->idno);
	st_col_cpy(s, 6, v->name, sizeof v->name);
	st_col_cpy(s, 7, v->address, sizeof v->address);
	st_col_cpy(s, 8, v->phone, sizeof v->phone);
	st_col_cpy(s, 9, v->grid, sizeof v->grid);
	st_col_cpy(s, 10, v->item, sizeof v->item);
	v->state = (yz_visit_state)sqlite3_column_int(s, 11);
	st_col_cpy(s, 12, v->result, sizeof v->result);
	st_col_cpy(s, 13, v->planned_by, sizeof v->planned_by);
	st_col_cpy(s, 14, v->done_at, sizeof v->done_at);
}

static int visit_add_tx(yz_store *st, yz_visit *v, const char *actor, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO home_visits(case_id, day, staff, idno, name,"
	                          " address, phone, grid, item, state, planned_by) VALUES(?1,"
	                          " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)",
	                          err);
	char at[21], detail[224];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, v->case_id);
	st_bind_str(s, 2, v->day);
	st_bind_str(s, 3, v->staff);
	st_bind_str(s, 4, v->idno);
	st_bind_str(s, 5, v->name);
	st_bind_str(s, 6, v->address);
	st_bind_str(s, 7, v->phone);
	st_bind_str(s, 8, v->grid);
	st_bind_str(s, 9, v->item);
	st_bind_str(s, 10, actor);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	v->id = sqlite3_last_insert_rowid(st->db);
	v->state = YZ_VISIT_PLANNED;
	snprintf(v->planned_by, sizeof v->planned_by, "%s", actor ? actor : "");
	st_now(st, at);
	snprintf(detail, sizeof detail, "visit %lld case %s day %s staff %.128s", (long long)v->id,
	         v->case_no, v->day, v->staff);
	return st_audit_at(st, at, actor, "visit_planned", detail, err);
}

int yz_visit_add(yz_store *st, yz_visit *v, const char *actor, yz_err *err)
{
	if (!v || !v->case_id || strlen(v->day) != 10 || !v->staff[0]) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("A home visit needs a case, a day and the staff who go."));
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, visit_add_tx(st, v, actor, err) == 0, err);
}

int yz_visit_get(yz_store *st, int64_t id, yz_visit *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT " VISIT_COLS " WHERE v.id = ?1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = st_get_row(st, s, visit_row, out, err);
	if (rc == 1)
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("There is no home visit %lld."),
		            (long long)id);
	return rc;
}

int yz_visit_list(yz_store *st, const char *day, yz_visit *out, size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT " VISIT_COLS " WHERE v.day = ?1 ORDER BY v.grid, v.address, v.id", err);

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, day);
	return st_get_rows(st, s, visit_row, out, sizeof *out, max, n, err);
}

int yz_visit_of_case(yz_store *st, int64_t case_id, yz_visit *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT " VISIT_COLS " WHERE v.case_id = ?1 AND v.state = 0 ORDER BY v.day LIMIT 1",
	    err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	return st_get_row(st, s, visit_row, out, err);
}

int yz_visit_last_of_case(yz_store *st, int64_t case_id, yz_visit *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT " VISIT_COLS " WHERE v.case_id = ?1 ORDER BY v.id DESC LIMIT 1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	return st_get_row(st, s, visit_row, out, err);
}

static int visit_result_tx(yz_store *st, int64_t id, yz_visit_state state, const char *result,
                           const char *actor, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE home_visits SET state = ?2, result = ?3, done_at = ?4"
	                          " WHERE id = ?1 AND state = 0",
	                          err);
	char at[21], detail[600];

	if (!s)
		return -1;
	st_now(st, at);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, (int)state);
	st_bind_str(s, 3, result);
	st_bind_str(s, 4, state == YZ_VISIT_CANCELLED ? "" : at);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Home visit %lld is not planned (any more): its result was entered "
		              "already, or there is no such visit."),
		            (long long)id);
		return -1;
	}
	/* Not the result's words: what a visit found at home (health, family)
	 * stays in the visit's row, out of the chained log. */
	snprintf(detail, sizeof detail, "visit %lld state %d", (long long)id, (int)state);
	return st_audit_at(st, at, actor, "visit_result", detail, err);
}

int yz_visit_result(yz_store *st, int64_t id, yz_visit_state state, const char *result,
                    const char *actor, yz_err *err)
{
	if (state == YZ_VISIT_PLANNED) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("A visit's result is done, not met or cancelled."));
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, visit_result_tx(st, id, state, result, actor, err) == 0, err);
}
