/* The registry around residents: pinyin keys, places (station > grid > building >
 * unit > room), households, the registry history and the C half of the schema 2
 * migration. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "schema.h"
#include "store_int.h"

/* ---- pinyin keys ------------------------------------------------------------- */

/* Run stmt (key ?1, resident ?2) for every key of name. */
static int each_key(yz_store *st, const char *sql, int64_t id, const char *name, yz_err *err)
{
	char keys[ST_MAX_PINYIN_KEYS * 130];
	sqlite3_stmt *s;
	int rc = SQLITE_DONE;

	if (yz_pinyin_keys(name, ST_MAX_PINYIN_KEYS, keys, sizeof keys) == 0)
		return 0;
	s = st_prep(st, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 2, id);
	for (char *k = strtok(keys, " "); k && rc == SQLITE_DONE; k = strtok(NULL, " ")) {
		st_bind_str(s, 1, k);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int st_initials_put(yz_store *st, int64_t id, const char *name, yz_err *err)
{
	return each_key(st,
	                "INSERT OR IGNORE INTO resident_initials(key, resident_id) VALUES(?1, ?2)",
	                id, name, err);
}

int st_initials_del(yz_store *st, int64_t id, const char *name, yz_err *err)
{
	return each_key(st, "DELETE FROM resident_initials WHERE key = ?1 AND resident_id = ?2", id,
	                name, err);
}

/* Step w (key ?1, resident ?2) for every key of name: SQLITE_DONE or an error. */
static int rekey_one(sqlite3_stmt *w, int64_t id, const char *name)
{
	char keys[ST_MAX_PINYIN_KEYS * 130], *save = NULL;
	int rc = SQLITE_DONE;

	yz_pinyin_keys(name ? name : "", ST_MAX_PINYIN_KEYS, keys, sizeof keys);
	for (char *k = strtok_r(keys, " ", &save); k && rc == SQLITE_DONE;
	     k = strtok_r(NULL, " ", &save)) {
		st_bind_str(w, 1, k);
		sqlite3_bind_int64(w, 2, id);
		rc = sqlite3_step(w);
		sqlite3_reset(w);
	}
	return rc;
}

/* The pinyin keys of every resident, made again in the caller's transaction. */
static int rekey_all(yz_store *st, yz_err *err)
{
	sqlite3_stmt *r, *w;
	int rc;

	if (st_exec(st, "DELETE FROM resident_initials", err) < 0)
		return -1;
	r = st_prep(st, "SELECT id, name FROM residents", err);
	w = r ? st_prep(st,
	                "INSERT OR IGNORE INTO resident_initials(key, resident_id) VALUES(?1, ?2)",
	                err)
	      : NULL;
	if (!w) {
		sqlite3_finalize(r);
		return -1;
	}
	while ((rc = sqlite3_step(r)) == SQLITE_ROW &&
	       (rc = rekey_one(w, sqlite3_column_int64(r, 0),
	                       (const char *)sqlite3_column_text(r, 1))) == SQLITE_DONE)
		;
	sqlite3_finalize(r);
	sqlite3_finalize(w);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

#define PINYIN_META "pinyin_keys"

int st_initials_refresh(yz_store *st, yz_err *err)
{
	char want[16], have[16];
	int rc;

	snprintf(want, sizeof want, "%08x", (unsigned)yz_pinyin_keys_version());
	rc = yz_store_meta_get(st, PINYIN_META, have, sizeof have, err);
	if (rc < 0 || (rc == 0 && strcmp(have, want) == 0))
		return rc < 0 ? -1 : 0;
	if (st_tx_begin(st, err) < 0)
		return -1;
	/* Read again under the write lock: another counter may have done it. */
	rc = yz_store_meta_get(st, PINYIN_META, have, sizeof have, err);
	if (rc == 0 && strcmp(have, want) == 0)
		return st_tx_end(st, true, err);
	return st_tx_end(st,
	                 rc >= 0 && rekey_all(st, err) == 0 &&
	                     yz_store_meta_set(st, PINYIN_META, want, err) == 0,
	                 err);
}

/* ---- history ------------------------------------------------------------------- */

int st_history_add(yz_store *st, const char *entity, int64_t id, const char *field, const char *old,
                   const char *new, const char *actor, const char *case_no, const char *at,
                   yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO registry_history(entity, entity_id, field, old, new,"
	                          " actor, case_no, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, entity);
	sqlite3_bind_int64(s, 2, id);
	st_bind_str(s, 3, field);
	st_bind_text(s, 4, old);
	st_bind_text(s, 5, new);
	st_bind_str(s, 6, actor);
	st_bind_text(s, 7, case_no && *case_no ? case_no : NULL);
	st_bind_str(s, 8, at);
	return st_exec_stmt(st, s, err);
}

static void change_from_row(sqlite3_stmt *s, void *out)
{
	yz_change *c = out;

	memset(c, 0, sizeof *c);
	st_col_cpy(s, 0, c->field, sizeof c->field);
	st_col_cpy(s, 1, c->old, sizeof c->old);
	st_col_cpy(s, 2, c->new, sizeof c->new);
	st_col_cpy(s, 3, c->actor, sizeof c->actor);
	st_col_cpy(s, 4, c->case_no, sizeof c->case_no);
	st_col_cpy(s, 5, c->at, sizeof c->at);
}

int yz_history_newest(yz_store *st, const char *entity, int64_t id, yz_change *out, size_t max,
                      size_t *n, yz_err *err)
{
	/* Newest first by row id (the order they were written), so that a long
	 * history shows its latest changes, not its first ones. */
	sqlite3_stmt *s =
	    strcmp(entity, "resident") == 0
	        ? st_prep(st,
	                  "SELECT field, old, new, actor, case_no, at"
	                  " FROM resident_history WHERE resident_id = ?2 AND ?1 = ?1"
	                  " ORDER BY id DESC LIMIT ?3",
	                  err)
	        : st_prep(st,
	                  "SELECT field, old, new, actor, case_no, at"
	                  " FROM registry_history WHERE entity = ?1 AND entity_id = ?2"
	                  " ORDER BY id DESC LIMIT ?3",
	                  err);

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, entity);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)max);
	return st_get_rows(st, s, change_from_row, out, sizeof *out, max, n, err);
}

/* ---- address keys ----------------------------------------------------------------- */

void yz_address_key(const char *address, char *out, size_t n)
{
	const char *runs[3] = {NULL, NULL, NULL};
	size_t lens[3] = {0, 0, 0}, used = 0;

	if (n)
		out[0] = '\0';
	/* Keep the last three runs of ASCII digits: building, unit, room. */
	for (const char *p = address ? address : ""; *p;) {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *start = p;
		while (isdigit((unsigned char)*p))
			p++;
		memmove(runs, runs + 1, 2 * sizeof runs[0]);
		memmove(lens, lens + 1, 2 * sizeof lens[0]);
		runs[2] = start;
		lens[2] = (size_t)(p - start);
	}
	for (int i = 0; i < 3; i++) {
		if (!runs[i])
			continue;
		/* Leading zeros do not change a number: "01" and "1" are one unit. */
		while (lens[i] > 1 && runs[i][0] == '0')
			runs[i]++, lens[i]--;
		if (used + lens[i] + 2 > n)
			return;
		if (used)
			out[used++] = '-';
		memcpy(out + used, runs[i], lens[i]);
		used += lens[i];
		out[used] = '\0';
	}
}

/* ---- places -------------------------------------------------------------------- */

static void place_from_row(sqlite3_stmt *s, void *out)
{
	yz_place *p = out;

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	p->parent_id = sqlite3_column_int64(s, 1);
	p->kind = (yz_place_kind)sqlite3_column_int(s, 2);
	st_col_cpy(s, 3, p->name, sizeof p->name);
	st_col_cpy(s, 4, p->leader, sizeof p->leader);
	st_col_cpy(s, 5, p->leader_phone, sizeof p->leader_phone);
}

#define PLACE_COLS "SELECT id, parent_id, kind, name, leader, leader_phone FROM places"

int yz_place_get(yz_store *st, int64_t id, yz_place *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, PLACE_COLS " WHERE id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return st_get_row(st, s, place_from_row, out, err);
}

int yz_place_children(yz_store *st, int64_t parent_id, yz_place *out, size_t max, size_t *n,
                      yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          PLACE_COLS " WHERE coalesce(parent_id, 0) = ?1"
	                                     " ORDER BY length(name), name LIMIT ?2",
	                          err);

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, parent_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	return st_get_rows(st, s, place_from_row, out, sizeof *out, max, n, err);
}

static int find_place(yz_store *st, int64_t parent_id, const char *name, int64_t *id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st, "SELECT id FROM places WHERE coalesce(parent_id, 0) = ?1 AND name = ?2", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, parent_id);
	st_bind_str(s, 2, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
}

static int check_parent(yz_store *st, int64_t parent_id, yz_place_kind kind, yz_err *err)
{
	yz_place parent;
	int rc;

	if (kind == YZ_PLACE_STATION && parent_id == 0)
		return 0;
	rc = parent_id ? yz_place_get(st, parent_id, &parent, err) : 1;
	if (rc < 0)
		return -1;
	if (rc == 1 || parent.kind + 1 != kind) {
		yz_err_set(err, _("A place must lie inside the level above it: station, grid, "
		                  "building, unit, room."));
		return -1;
	}
	return 0;
}

int yz_place_ensure(yz_store *st, int64_t parent_id, yz_place_kind kind, const char *name,
                    int64_t *id, yz_err *err)
{
	char now[21];
	sqlite3_stmt *s;
	int rc;

	if (!name || !*name) {
		yz_err_set(err, _("Type the name of the place."));
		return -1;
	}
	rc = find_place(st, parent_id, name, id, err);
	if (rc <= 0)
		return rc;
	if (check_parent(st, parent_id, kind, err) < 0)
		return -1;
	st_now(st, now);
	s = st_prep(st,
	            "INSERT INTO places(parent_id, kind, name, created_at) VALUES(?1, ?2, ?3, ?4)",
	            err);
	if (!s)
		return -1;
	if (parent_id)
		sqlite3_bind_int64(s, 1, parent_id);
	sqlite3_bind_int(s, 2, (int)kind);
	st_bind_str(s, 3, name);
	st_bind_str(s, 4, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int leader_in_tx(yz_store *st, const yz_place *g, const char *leader, const char *phone,
                        const char *actor, const char *now, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "UPDATE places SET leader = ?1, leader_phone = ?2 WHERE id = ?3", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, leader);
	st_bind_str(s, 2, phone);
	sqlite3_bind_int64(s, 3, g->id);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (strcmp(g->leader, leader) != 0 &&
	    st_history_add(st, "place", g->id, "leader", g->leader, leader, actor, NULL, now, err) <
	        0)
		return -1;
	if (strcmp(g->leader_phone, phone) != 0 &&
	    st_history_add(st, "place", g->id, "leader_phone", g->leader_phone, phone, actor, NULL,
	                   now, err) < 0)
		return -1;
	return 0;
}

int yz_place_set_leader(yz_store *st, int64_t grid_id, const char *leader, const char *phone,
                        const char *actor, yz_err *err)
{
	yz_place g;
	char now[21];
	int rc = yz_place_get(st, grid_id, &g, err);

	if (rc == 0 && g.kind != YZ_PLACE_GRID)
		rc = 1;
	if (rc == 1)
		yz_err_set(err, _("Only a grid has a grid leader."));
	if (rc != 0)
		return -1;
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(
	    st,
	    leader_in_tx(st, &g, leader ? leader : "", phone ? phone : "", actor, now, err) == 0,
	    err);
}

int yz_place_address(yz_store *st, int64_t id, char *buf, size_t n, yz_err *err)
{
	char tmp[512];
	yz_place p;

	buf[0] = '\0';
	/* Walk up to the grid, prepending each level's name. */
	while (id) {
		int rc = yz_place_get(st, id, &p, err);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
		if (p.kind <= YZ_PLACE_GRID)
			break;
		snprintf(tmp, sizeof tmp, "%s%s", p.name, buf);
		yz_strlcpy_utf8(buf, tmp, n);
		id = p.parent_id;
	}
	return 0;
}

int64_t yz_place_grid(yz_store *st, int64_t id)
{
	yz_place p;

	while (id && yz_place_get(st, id, &p, NULL) == 0) {
		if (p.kind == YZ_PLACE_GRID)
			return p.id;
		id = p.parent_id;
	}
	return 0;
}

/* One statement's texts into cb; *left counts down the rows allowed. 1 when cb
 * stopped or no rows are left, 0 at the end, -1 on error. */
static int place_texts_run(yz_store *st, const char *sql, bool building, size_t *left,
                           yz_place_text_cb cb, void *ctx, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, sql, err);
	int rc = SQLITE_DONE, stop = 0;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)*left);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 0);
		(*left)--;
		if (text && *text && cb(text, building, ctx) != 0)
			stop = 1;
		if (*left == 0)
			stop = 1;
	}
	sqlite3_finalize(s);
	if (stop)
		return 1;
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int yz_place_texts(yz_store *st, size_t max_rows, yz_place_text_cb cb, void *ctx, yz_err *err)
{
	size_t left = max_rows;
	int rc;

	if (left == 0)
		return 0;
	/* kind 2: YZ_PLACE_BUILDING. No ORDER BY (the caller sorts what it keeps):
	 * the rows stream and the limit stops the scan early in a registry of many
	 * places or households, instead of sorting them all first. */
	rc = place_texts_run(st, "SELECT name FROM places WHERE kind = 2 LIMIT ?1", true, &left, cb,
	                     ctx, err);
	if (rc == 0)
		rc = place_texts_run(st,
		                     "SELECT DISTINCT address FROM households"
		                     " WHERE place_id IS NULL AND address <> '' LIMIT ?1",
		                     false, &left, cb, ctx, err);
	return rc < 0 ? -1 : 0;
}
