/* Households (hu): number, address (text and room), head; every change to them
 * goes to the registry history. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

#define HOUSEHOLD_COLS "SELECT id, code, address, place_id, head_id, created_at FROM households"

static void household_from_row(sqlite3_stmt *s, void *out)
{
	yz_household *h = out;

	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, h->code, sizeof h->code);
	st_col_cpy(s, 2, h->address, sizeof h->address);
	h->place_id = sqlite3_column_int64(s, 3);
	h->head_id = sqlite3_column_int64(s, 4);
	st_col_cpy(s, 5, h->created_at, sizeof h->created_at);
}

int yz_household_get(yz_store *st, int64_t id, yz_household *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, HOUSEHOLD_COLS " WHERE id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return st_get_row(st, s, household_from_row, out, err);
}

int st_household_address(yz_store *st, int64_t id, char *buf, size_t n, yz_err *err)
{
	yz_household h;
	int rc = yz_household_get(st, id, &h, err);

	buf[0] = '\0';
	if (rc == 0)
		yz_strlcpy_utf8(buf, h.address, n);
	return rc;
}

static int insert_household(yz_store *st, const char *address, int64_t place_id, const char *code,
                            int64_t *id, yz_err *err)
{
	char now[21], key[32], own[24];
	sqlite3_stmt *s;

	st_now(st, now);
	yz_address_key(address, key, sizeof key);
	s = st_prep(st,
	            "INSERT INTO households(address, created_at, place_id, addr_key, code)"
	            " VALUES(?1, ?2, ?3, ?4, ?5)",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, address);
	st_bind_str(s, 2, now);
	if (place_id)
		sqlite3_bind_int64(s, 3, place_id);
	st_bind_str(s, 4, key);
	st_bind_text(s, 5, code && *code ? code : NULL);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	if (code && *code)
		return 0;
	/* Without a number of its own the household is numbered after its row. */
	snprintf(own, sizeof own, "%06lld", (long long)*id);
	s = st_prep(st, "UPDATE households SET code = ?1 WHERE id = ?2", err);
	if (!s)
		return -1;
	st_bind_str(s, 1, own);
	sqlite3_bind_int64(s, 2, *id);
	return st_exec_stmt(st, s, err);
}

int yz_household_add(yz_store *st, const char *address, int64_t *id, yz_err *err)
{
	int64_t tmp;

	if (!address || !*address) {
		yz_err_set(err, _("Type the household's address."));
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, insert_household(st, address, 0, NULL, id ? id : &tmp, err) == 0, err);
}

int yz_household_add_at(yz_store *st, int64_t place_id, const char *code, int64_t *id, yz_err *err)
{
	yz_place room;
	char address[256];
	int64_t tmp;
	int rc = yz_place_get(st, place_id, &room, err);

	if (rc == 0 && room.kind != YZ_PLACE_ROOM)
		rc = 1;
	if (rc == 1)
		yz_err_set(err, _("A household lives in a room: choose the room first."));
	if (rc != 0 || yz_place_address(st, place_id, address, sizeof address, err) < 0)
		return -1;
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(
	    st, insert_household(st, address, place_id, code, id ? id : &tmp, err) == 0, err);
}

static int set_head_in_tx(yz_store *st, const yz_household *h, int64_t resident_id,
                          const char *actor, const char *case_no, yz_err *err)
{
	char now[21], o[24], n[24];
	sqlite3_stmt *s = st_prep(st, "UPDATE households SET head_id = ?1 WHERE id = ?2", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, resident_id);
	sqlite3_bind_int64(s, 2, h->id);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	st_now(st, now);
	snprintf(o, sizeof o, "%lld", (long long)h->head_id);
	snprintf(n, sizeof n, "%lld", (long long)resident_id);
	return st_history_add(st, "household", h->id, "head_id", o, n, actor, case_no, now, err);
}

int yz_household_set_head(yz_store *st, int64_t id, int64_t resident_id, const char *actor,
                          const char *case_no, yz_err *err)
{
	yz_household h;
	yz_resident r;
	int rc = yz_household_get(st, id, &h, err);

	if (rc == 0)
		rc = yz_resident_get(st, resident_id, &r, err);
	if (rc == 0 && r.household_id != id)
		rc = 1;
	if (rc == 1)
		yz_err_set(err, _("The head of a household must be one of its members."));
	if (rc != 0)
		return -1;
	if (h.head_id == resident_id)
		return 0;
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, set_head_in_tx(st, &h, resident_id, actor, case_no, err) == 0, err);
}

static int move_in_tx(yz_store *st, const yz_household *h, int64_t place_id, const char *address,
                      const char *actor, const char *case_no, yz_err *err)
{
	char now[21], key[32], o[24], n[24];
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE households SET place_id = ?1, address = ?2, addr_key = ?3"
	                          " WHERE id = ?4",
	                          err);

	if (!s)
		return -1;
	yz_address_key(address, key, sizeof key);
	if (place_id)
		sqlite3_bind_int64(s, 1, place_id);
	st_bind_str(s, 2, address);
	st_bind_str(s, 3, key);
	sqlite3_bind_int64(s, 4, h->id);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	st_now(st, now);
	snprintf(o, sizeof o, "%lld", (long long)h->place_id);
	snprintf(n, sizeof n, "%lld", (long long)place_id);
	if (h->place_id != place_id &&
	    st_history_add(st, "household", h->id, "place_id", o, n, actor, case_no, now, err) < 0)
		return -1;
	if (strcmp(h->address, address) != 0 &&
	    st_history_add(st, "household", h->id, "address", h->address, address, actor, case_no,
	                   now, err) < 0)
		return -1;
	return 0;
}

int yz_household_move(yz_store *st, int64_t id, int64_t place_id, const char *address,
                      const char *actor, const char *case_no, yz_err *err)
{
	yz_household h;
	char path[256];
	int rc = yz_household_get(st, id, &h, err);

	if (rc == 1)
		yz_err_set(err, _("This household is no longer in the registry."));
	if (rc != 0)
		return -1;
	if (!place_id)
		place_id = h.place_id;
	if (!address && place_id) {
		if (yz_place_address(st, place_id, path, sizeof path, err) < 0)
			return -1;
		address = path;
	}
	if (!address)
		address = h.address;
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, move_in_tx(st, &h, place_id, address, actor, case_no, err) == 0, err);
}

int yz_household_list_grid(yz_store *st, int64_t grid_id, yz_household_cb cb, void *ctx,
                           yz_err *err)
{
	/* Rooms are three levels below the grid: building > unit > room. */
	sqlite3_stmt *s =
	    st_prep(st,
	            "SELECT h.id, h.code, h.address, h.place_id, h.head_id, h.created_at"
	            " FROM households h JOIN places room ON room.id = h.place_id"
	            " JOIN places u ON u.id = room.parent_id"
	            " JOIN places b ON b.id = u.parent_id"
	            " WHERE b.parent_id = ?1 ORDER BY h.addr_key, h.id",
	            err);
	yz_household h;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, grid_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		household_from_row(s, &h);
		if (cb(&h, ctx) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

/* ---- the C half of migration 1 -> 2 ------------------------------------------------ */

static int fixup_households(yz_store *st, yz_err *err)
{
	sqlite3_stmt *r = st_prep(st, "SELECT id, address FROM households", err);
	sqlite3_stmt *w =
	    r ? st_prep(st, "UPDATE households SET addr_key = ?1 WHERE id = ?2", err) : NULL;
	char key[32];
	int rc = SQLITE_DONE;

	while (w && (rc = sqlite3_step(r)) == SQLITE_ROW) {
		yz_address_key((const char *)sqlite3_column_text(r, 1), key, sizeof key);
		st_bind_str(w, 1, key);
		sqlite3_bind_int64(w, 2, sqlite3_column_int64(r, 0));
		if ((rc = sqlite3_step(w)) != SQLITE_DONE)
			break;
		sqlite3_reset(w);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(r);
	sqlite3_finalize(w);
	if (!w)
		return -1;
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int fixup_initials(yz_store *st, yz_err *err)
{
	sqlite3_stmt *r = st_prep(st, "SELECT id, name FROM residents", err);
	int rc = SQLITE_DONE, ok = 0;

	while (r && ok == 0 && (rc = sqlite3_step(r)) == SQLITE_ROW)
		ok = st_initials_put(st, sqlite3_column_int64(r, 0),
		                     (const char *)sqlite3_column_text(r, 1), err);
	sqlite3_finalize(r);
	if (!r || ok < 0)
		return -1;
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int st_migration_fixup(yz_store *st, int to, yz_err *err)
{
	if (to == 6) /* issue 14: the keyed audit trail (audit.c, key.c) */
		return st_audit_upgrade(st, err) < 0 ? -1 : st_key_upgrade(st, err);
	if (to != 2)
		return 0;
	return fixup_households(st, err) < 0 ? -1 : fixup_initials(st, err);
}
