/* Special-group tags (with who may see them), rentals and the history reader. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

/* ---- tags ------------------------------------------------------------------------ */

static int check_tag(const yz_tag *t, yz_err *err)
{
	yz_date d;

	if ((unsigned)t->kind >= YZ_TAG_COUNT || t->kind == YZ_TAG_ELDERLY) {
		yz_err_set(err, _("This special group cannot be recorded by hand."));
		return -1;
	}
	if (!yz_date_parse(t->start, &d) || (t->end[0] && !yz_date_parse(t->end, &d)) ||
	    (t->end[0] && strcmp(t->end, t->start) < 0)) {
		yz_err_set(err, _("Type the start date (and the end date, if any) as YYYY-MM-DD; "
		                  "the end cannot come before the start."));
		return -1;
	}
	if (t->kind == YZ_TAG_DISABLED &&
	    (!st_disability_known(t->detail) || t->grade < 1 || t->grade > 4)) {
		yz_err_set(err, _("A disability needs its category and a grade from 1 to 4."));
		return -1;
	}
	return 0;
}

static int tag_in_tx(yz_store *st, yz_tag *t, const char *actor, const char *case_no,
                     const char *now, yz_err *err)
{
	char desc[128];
	sqlite3_stmt *s =
	    st_prep(st,
	            "INSERT INTO resident_tags(resident_id, kind, detail, grade,"
	            " start_date, end_date, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	            err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, t->resident_id);
	st_bind_str(s, 2, yz_tag_code(t->kind));
	st_bind_str(s, 3, t->kind == YZ_TAG_DISABLED ? t->detail : "");
	sqlite3_bind_int(s, 4, t->kind == YZ_TAG_DISABLED ? t->grade : 0);
	st_bind_str(s, 5, t->start);
	st_bind_str(s, 6, t->end);
	st_bind_str(s, 7, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	t->id = sqlite3_last_insert_rowid(st->db);
	/* Issue 20: a tag of a resident the open batch added (the demo's
	 * registry: 286,000 "tag_added" rows at a million residents, 28 MB) is
	 * part of that bulk entry, which the batch's audit row records. */
	if (st_batch_resident(st, t->resident_id))
		return 0;
	snprintf(desc, sizeof desc, "%s %lld %s", yz_tag_code(t->kind), (long long)t->resident_id,
	         t->start);
	return st_history_add(st, "tag", t->id, "tag_added", NULL, desc, actor, case_no, now, err);
}

int yz_tag_add(yz_store *st, yz_tag *t, const char *actor, const char *case_no, yz_err *err)
{
	char now[21];

	if (check_tag(t, err) < 0)
		return -1;
	if (yz_resident_get(st, t->resident_id, NULL, err) != 0) {
		yz_err_set(err, _("This resident is no longer in the registry."));
		return -1;
	}
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, tag_in_tx(st, t, actor, case_no, now, err) == 0, err);
}

static int end_in_tx(yz_store *st, int64_t id, const char *old, const char *end, const char *actor,
                     const char *case_no, yz_err *err)
{
	char now[21];
	sqlite3_stmt *s = st_prep(st, "UPDATE resident_tags SET end_date = ?1 WHERE id = ?2", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, end);
	sqlite3_bind_int64(s, 2, id);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	st_now(st, now);
	return st_history_add(st, "tag", id, "end_date", old, end, actor, case_no, now, err);
}

int yz_tag_end(yz_store *st, int64_t tag_id, const char *end, const char *actor,
               const char *case_no, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT start_date, end_date FROM resident_tags WHERE id = ?1", err);
	char start[11] = "", old[11] = "";
	yz_date d;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, tag_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st_col_cpy(s, 0, start, sizeof start);
		st_col_cpy(s, 1, old, sizeof old);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("This special-group record no longer exists."));
		return -1;
	}
	if (!end || !yz_date_parse(end, &d) || strcmp(end, start) < 0) {
		yz_err_set(err, _("Type the end date as YYYY-MM-DD, not before the start."));
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, end_in_tx(st, tag_id, old, end, actor, case_no, err) == 0, err);
}

/* The derived elderly tag: from the 80th birthday on. */
static bool add_elderly(yz_store *st, int64_t resident_id, const char *today, yz_tag *t)
{
	yz_resident r;
	yz_date birth, on;

	if (yz_resident_get(st, resident_id, &r, NULL) != 0 || !yz_date_parse(r.birth, &birth) ||
	    !yz_date_parse(today, &on) || yz_age_on(birth, on) < YZ_ELDERLY_AGE)
		return false;
	memset(t, 0, sizeof *t);
	t->resident_id = resident_id;
	t->kind = YZ_TAG_ELDERLY;
	yz_date_format((yz_date){birth.year + YZ_ELDERLY_AGE, birth.month,
	                         birth.month == 2 && birth.day == 29 ? 28 : birth.day},
	               t->start);
	return true;
}

static bool tag_from_row(sqlite3_stmt *s, yz_role viewer, yz_tag *t)
{
	int k = yz_tag_kind_from((const char *)sqlite3_column_text(s, 2));

	if (k < 0 || viewer < yz_tag_min_role((yz_tag_kind)k))
		return false;
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	t->resident_id = sqlite3_column_int64(s, 1);
	t->kind = (yz_tag_kind)k;
	st_col_cpy(s, 3, t->detail, sizeof t->detail);
	t->grade = sqlite3_column_int(s, 4);
	st_col_cpy(s, 5, t->start, sizeof t->start);
	st_col_cpy(s, 6, t->end, sizeof t->end);
	return true;
}

int yz_tag_list(yz_store *st, int64_t resident_id, yz_role viewer, const char *today,
                bool current_only, yz_tag *out, size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st,
	            "SELECT id, resident_id, kind, detail, grade, start_date, end_date"
	            " FROM resident_tags WHERE resident_id = ?1"
	            " AND (?2 = 0 OR end_date = '' OR end_date >= ?3) ORDER BY id",
	            err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	if (max && add_elderly(st, resident_id, today, &out[0]))
		(*n)++;
	sqlite3_bind_int64(s, 1, resident_id);
	sqlite3_bind_int(s, 2, current_only);
	st_bind_str(s, 3, today);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (tag_from_row(s, viewer, &out[*n]))
			(*n)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}

/* ---- rentals ---------------------------------------------------------------------- */

static int insert_tenants(yz_store *st, int64_t rental, const int64_t *tenants, size_t n,
                          yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "INSERT OR IGNORE INTO rental_tenants(rental_id, resident_id) VALUES(?1, ?2)", err);
	int rc = SQLITE_DONE;

	if (!s)
		return -1;
	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(s, 1, rental);
		sqlite3_bind_int64(s, 2, tenants[i]);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int rental_in_tx(yz_store *st, yz_rental *r, const int64_t *tenants, size_t n,
                        const char *actor, const char *case_no, yz_err *err)
{
	char now[21], desc[96];
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO rentals(room_id, landlord_id, start_date, end_date,"
	                          " notes, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	                          err);

	if (!s)
		return -1;
	st_now(st, now);
	sqlite3_bind_int64(s, 1, r->room_id);
	sqlite3_bind_int64(s, 2, r->landlord_id);
	st_bind_str(s, 3, r->start);
	st_bind_str(s, 4, r->end);
	st_bind_str(s, 5, r->notes);
	st_bind_str(s, 6, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	r->id = sqlite3_last_insert_rowid(st->db);
	snprintf(desc, sizeof desc, "room %lld landlord %lld tenants %zu", (long long)r->room_id,
	         (long long)r->landlord_id, n);
	if (insert_tenants(st, r->id, tenants, n, err) < 0)
		return -1;
	return st_history_add(st, "rental", r->id, "rental_added", NULL, desc, actor, case_no, now,
	                      err);
}

int yz_rental_add(yz_store *st, yz_rental *r, const int64_t *tenants, size_t n_tenants,
                  const char *actor, const char *case_no, yz_err *err)
{
	yz_place room;
	yz_date d;

	if (yz_place_get(st, r->room_id, &room, err) != 0 || room.kind != YZ_PLACE_ROOM) {
		yz_err_set(err, _("A rental is for a room: choose the room first."));
		return -1;
	}
	if (yz_resident_get(st, r->landlord_id, NULL, err) != 0) {
		yz_err_set(err, _("Register the landlord as a resident first."));
		return -1;
	}
	if (!yz_date_parse(r->start, &d) || (r->end[0] && !yz_date_parse(r->end, &d))) {
		yz_err_set(err, _("Type the dates of the rental as YYYY-MM-DD."));
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, rental_in_tx(st, r, tenants, n_tenants, actor, case_no, err) == 0,
	                 err);
}

static void rental_from_row(sqlite3_stmt *s, void *out)
{
	yz_rental *r = out;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->room_id = sqlite3_column_int64(s, 1);
	r->landlord_id = sqlite3_column_int64(s, 2);
	st_col_cpy(s, 3, r->start, sizeof r->start);
	st_col_cpy(s, 4, r->end, sizeof r->end);
	st_col_cpy(s, 5, r->notes, sizeof r->notes);
}

#define RENTAL_COLS "SELECT id, room_id, landlord_id, start_date, end_date, notes FROM rentals"

int yz_rental_get(yz_store *st, int64_t id, yz_rental *out, int64_t *tenants, size_t max,
                  size_t *n_tenants, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, RENTAL_COLS " WHERE id = ?1", err);
	int rc;

	*n_tenants = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = st_get_row(st, s, rental_from_row, out, err);
	if (rc != 0)
		return rc;
	s = st_prep(st, "SELECT resident_id FROM rental_tenants WHERE rental_id = ?1 ORDER BY 1",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (*n_tenants < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		tenants[(*n_tenants)++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

int yz_rental_end(yz_store *st, int64_t id, const char *end, const char *actor, const char *case_no,
                  yz_err *err)
{
	yz_rental r;
	int64_t t[1];
	size_t nt;
	char now[21];
	yz_date d;
	sqlite3_stmt *s;
	int ok;

	if (yz_rental_get(st, id, &r, t, 1, &nt, err) != 0) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This rental no longer exists."));
		return -1;
	}
	if (!end || !yz_date_parse(end, &d) || strcmp(end, r.start) < 0) {
		yz_err_set(err, _("Type the end date as YYYY-MM-DD, not before the start."));
		return -1;
	}
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	s = st_prep(st, "UPDATE rentals SET end_date = ?1 WHERE id = ?2", err);
	if (s) {
		st_bind_str(s, 1, end);
		sqlite3_bind_int64(s, 2, id);
	}
	ok =
	    s && st_exec_stmt(st, s, err) == 0 &&
	    st_history_add(st, "rental", id, "end_date", r.end, end, actor, case_no, now, err) == 0;
	return st_tx_end(st, ok, err);
}

int yz_rental_list_room(yz_store *st, int64_t room_id, yz_rental *out, size_t max, size_t *n,
                        yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, RENTAL_COLS " WHERE room_id = ?1 ORDER BY id DESC LIMIT ?2", err);

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, room_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	return st_get_rows(st, s, rental_from_row, out, sizeof *out, max, n, err);
}

/* ---- history ------------------------------------------------------------------------ */

int yz_history_list(yz_store *st, const char *entity, int64_t id, yz_change *out, size_t max,
                    size_t *n, yz_err *err)
{
	bool resident = strcmp(entity, "resident") == 0;
	sqlite3_stmt *s =
	    resident ? st_prep(st,
	                       "SELECT field, old, new, actor, case_no, at FROM resident_history"
	                       " WHERE resident_id = ?2 AND ?1 = ?1 ORDER BY id LIMIT ?3",
	                       err)
	             : st_prep(st,
	                       "SELECT field, old, new, actor, case_no, at FROM registry_history"
	                       " WHERE entity = ?1 AND entity_id = ?2 ORDER BY id LIMIT ?3",
	                       err);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, entity);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)max);
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		yz_change *c = &out[(*n)++];
		st_col_cpy(s, 0, c->field, sizeof c->field);
		st_col_cpy(s, 1, c->old, sizeof c->old);
		st_col_cpy(s, 2, c->new, sizeof c->new);
		st_col_cpy(s, 3, c->actor, sizeof c->actor);
		st_col_cpy(s, 4, c->case_no, sizeof c->case_no);
		st_col_cpy(s, 5, c->at, sizeof c->at);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}
