/* The resident registry: one row per person, checked ID numbers, households, the
 * history of every change, and the finder behind F3. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

#define RESIDENT_COLS                                                                              \
	"id, name, idno, birth, female, ethnicity, phone, address, household_id, relation"

static void resident_from_row(sqlite3_stmt *s, yz_resident *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, r->name, sizeof r->name);
	st_col_cpy(s, 2, r->idno, sizeof r->idno);
	st_col_cpy(s, 3, r->birth, sizeof r->birth);
	r->female = sqlite3_column_int(s, 4);
	st_col_cpy(s, 5, r->ethnicity, sizeof r->ethnicity);
	st_col_cpy(s, 6, r->phone, sizeof r->phone);
	st_col_cpy(s, 7, r->address, sizeof r->address);
	r->household_id = sqlite3_column_int64(s, 8);
	st_col_cpy(s, 9, r->relation, sizeof r->relation);
}

/* Step s and copy up to max rows into out + *n. Finalizes s. */
static int collect(yz_store *st, sqlite3_stmt *s, yz_resident *out, size_t max, size_t *n,
                   yz_err *err)
{
	int rc = SQLITE_DONE;

	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		resident_from_row(s, &out[(*n)++]);
	if (*n < max && rc != SQLITE_DONE) {
		sqlite3_finalize(s);
		return st_fail(st, rc, err);
	}
	sqlite3_finalize(s);
	return 0;
}

/* One resident from a query with a single bound value; 1 = none. */
static int get_one(yz_store *st, sqlite3_stmt *s, yz_resident *out, yz_err *err)
{
	yz_resident tmp;
	size_t n = 0;

	if (!s || collect(st, s, &tmp, 1, &n, err) < 0)
		return -1;
	if (n == 0)
		return 1;
	if (out)
		*out = tmp;
	return 0;
}

int yz_resident_get(yz_store *st, int64_t id, yz_resident *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT " RESIDENT_COLS " FROM residents WHERE id = ?1", err);

	if (s)
		sqlite3_bind_int64(s, 1, id);
	return get_one(st, s, out, err);
}

/* Upper-case x; trims spaces. dst holds 19 bytes. */
static void normalise_idno(const char *typed, char dst[19])
{
	size_t j = 0;

	for (const char *p = typed ? typed : ""; *p && j < 18; p++) {
		if (*p == ' ')
			continue;
		dst[j++] = (char)toupper((unsigned char)*p);
	}
	dst[j] = '\0';
}

int yz_resident_by_idno(yz_store *st, const char *idno, yz_resident *out, yz_err *err)
{
	char norm[19];
	sqlite3_stmt *s =
	    st_prep(st, "SELECT " RESIDENT_COLS " FROM residents WHERE idno = ?1", err);

	normalise_idno(idno, norm);
	if (s)
		st_bind_str(s, 1, norm);
	return get_one(st, s, out, err);
}

static void reverse_into(const char *s, char *out)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		out[i] = s[n - 1 - i];
	out[n] = '\0';
}

/* Check name and ID number and derive birth and sex. */
static int check_resident(yz_resident *r, yz_err *err)
{
	yz_idcard card;
	yz_id_status ids;

	if (!r->name[0] || !yz_utf8_valid(r->name, strlen(r->name))) {
		yz_err_set(err, _("Type the resident's name."));
		return -1;
	}
	ids = yz_idcard_check(r->idno, st_today(), &card);
	if (ids != YZ_ID_OK) {
		yz_err_set(err, "%s", yz_idcard_message(ids));
		return -1;
	}
	memcpy(r->idno, card.number, sizeof r->idno);
	yz_date_format(card.birth, r->birth);
	r->female = card.female;
	return 0;
}

static int refuse_duplicate(yz_store *st, const char *idno, int64_t self, yz_err *err)
{
	yz_resident other;
	int rc = yz_resident_by_idno(st, idno, &other, err);

	if (rc < 0)
		return -1;
	if (rc == 0 && other.id != self) {
		yz_err_set(err,
		           _("The ID number %s is already registered for %s. Open that resident "
		             "instead of adding a new one."),
		           idno, other.name);
		return -1;
	}
	return 0;
}

static int insert_resident(yz_store *st, yz_resident *r, const char *now, yz_err *err)
{
	char rev[19];
	sqlite3_stmt *s =
	    st_prep(st,
	            "INSERT INTO residents(idno, idno_rev, name, birth, female, ethnicity,"
	            " phone, address, household_id, relation, created_at, updated_at)"
	            " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
	            err);

	if (!s)
		return -1;
	reverse_into(r->idno, rev);
	st_bind_str(s, 1, r->idno);
	st_bind_str(s, 2, rev);
	st_bind_str(s, 3, r->name);
	st_bind_str(s, 4, r->birth);
	sqlite3_bind_int(s, 5, r->female);
	st_bind_str(s, 6, r->ethnicity);
	st_bind_str(s, 7, r->phone);
	st_bind_str(s, 8, r->address);
	if (r->household_id > 0)
		sqlite3_bind_int64(s, 9, r->household_id);
	st_bind_str(s, 10, r->relation);
	st_bind_str(s, 11, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	r->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int yz_resident_add(yz_store *st, yz_resident *r, const char *actor, yz_err *err)
{
	char now[21], detail[64];
	int ok;

	if (check_resident(r, err) < 0)
		return -1;
	st_now(now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	ok = refuse_duplicate(st, r->idno, 0, err) == 0 && insert_resident(st, r, now, err) == 0;
	if (ok) {
		/* The audit names the row, not the person: the log is not a registry. */
		snprintf(detail, sizeof detail, "resident %lld", (long long)r->id);
		ok = st_audit_at(st, now, actor, "resident_added", detail, err) == 0;
	}
	if (st_tx_end(st, ok, err) < 0) {
		r->id = 0;
		return -1;
	}
	return 0;
}

/* ---- update with history --------------------------------------------------- */

static int add_history(yz_store *st, int64_t id, const char *field, const char *old,
                       const char *new, const char *actor, const char *case_no, const char *at,
                       yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st,
	            "INSERT INTO resident_history(resident_id, field, old, new, actor,"
	            " case_no, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	            err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	st_bind_str(s, 2, field);
	st_bind_str(s, 3, old);
	st_bind_str(s, 4, new);
	st_bind_str(s, 5, actor);
	st_bind_text(s, 6, case_no && *case_no ? case_no : NULL);
	st_bind_str(s, 7, at);
	return st_exec_stmt(st, s, err);
}

/* Write one history row per changed column. */
static int record_changes(yz_store *st, const yz_resident *o, const yz_resident *n,
                          const char *actor, const char *case_no, const char *at, yz_err *err)
{
	char oh[24], nh[24];
	const struct {
		const char *field, *old, *new;
	} cols[] = {
	    {"name", o->name, n->name},
	    {"idno", o->idno, n->idno},
	    {"ethnicity", o->ethnicity, n->ethnicity},
	    {"phone", o->phone, n->phone},
	    {"address", o->address, n->address},
	    {"household_id", oh, nh},
	    {"relation", o->relation, n->relation},
	};

	snprintf(oh, sizeof oh, "%lld", (long long)o->household_id);
	snprintf(nh, sizeof nh, "%lld", (long long)n->household_id);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (strcmp(cols[i].old, cols[i].new) == 0)
			continue;
		if (add_history(st, o->id, cols[i].field, cols[i].old, cols[i].new, actor, case_no,
		                at, err) < 0)
			return -1;
	}
	return 0;
}

static int update_row(yz_store *st, const yz_resident *r, const char *now, yz_err *err)
{
	char rev[19];
	sqlite3_stmt *s =
	    st_prep(st,
	            "UPDATE residents SET idno = ?2, idno_rev = ?3, name = ?4, birth = ?5,"
	            " female = ?6, ethnicity = ?7, phone = ?8, address = ?9,"
	            " household_id = ?10, relation = ?11, updated_at = ?12 WHERE id = ?1",
	            err);

	if (!s)
		return -1;
	reverse_into(r->idno, rev);
	sqlite3_bind_int64(s, 1, r->id);
	st_bind_str(s, 2, r->idno);
	st_bind_str(s, 3, rev);
	st_bind_str(s, 4, r->name);
	st_bind_str(s, 5, r->birth);
	sqlite3_bind_int(s, 6, r->female);
	st_bind_str(s, 7, r->ethnicity);
	st_bind_str(s, 8, r->phone);
	st_bind_str(s, 9, r->address);
	if (r->household_id > 0)
		sqlite3_bind_int64(s, 10, r->household_id);
	st_bind_str(s, 11, r->relation);
	st_bind_str(s, 12, now);
	return st_exec_stmt(st, s, err);
}

static int update_in_tx(yz_store *st, yz_resident *r, const char *actor, const char *case_no,
                        const char *now, yz_err *err)
{
	yz_resident old;
	char detail[96];
	int rc = yz_resident_get(st, r->id, &old, err);

	if (rc == 1)
		yz_err_set(err, _("This resident is no longer in the registry."));
	if (rc != 0)
		return -1;
	if (refuse_duplicate(st, r->idno, r->id, err) < 0 || update_row(st, r, now, err) < 0 ||
	    record_changes(st, &old, r, actor, case_no, now, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "resident %lld%s%.40s", (long long)r->id,
	         case_no && *case_no ? " case " : "", case_no ? case_no : "");
	return st_audit_at(st, now, actor, "resident_updated", detail, err);
}

int yz_resident_update(yz_store *st, const yz_resident *r, const char *actor, const char *case_no,
                       yz_err *err)
{
	yz_resident nr = *r;
	char now[21];

	if (check_resident(&nr, err) < 0)
		return -1;
	st_now(now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, update_in_tx(st, &nr, actor, case_no, now, err) == 0, err);
}

/* ---- finding --------------------------------------------------------------- */

/* 4 to 6 characters of an ID number's end: digits, the last may be X. */
static bool is_id_suffix(const char *q)
{
	size_t n = strlen(q);

	if (n < 4 || n > 6)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)q[i]) && !(i == n - 1 && q[i] == 'X'))
			return false;
	}
	return true;
}

static int find_suffix(yz_store *st, const char *q, yz_resident *out, size_t max, size_t *n,
                       yz_err *err)
{
	char lo[8], hi[9];
	/* On the reversed column a suffix is a prefix: an index range scan. */
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " RESIDENT_COLS " FROM residents"
	                          " WHERE idno_rev >= ?1 AND idno_rev < ?2 ORDER BY idno LIMIT ?3",
	                          err);

	if (!s)
		return -1;
	reverse_into(q, lo);
	snprintf(hi, sizeof hi, "%s~", lo); /* '~' sorts after digits and 'X' */
	st_bind_str(s, 1, lo);
	st_bind_str(s, 2, hi);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)max);
	return collect(st, s, out, max, n, err);
}

static int find_name(yz_store *st, const char *q, yz_resident *out, size_t max, size_t *n,
                     yz_err *err)
{
	char *hi;
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " RESIDENT_COLS " FROM residents WHERE name = ?1"
	                          " ORDER BY id LIMIT ?2",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, q);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	if (collect(st, s, out, max, n, err) < 0)
		return -1;
	if (*n >= max)
		return 0;
	/* Longer names with this prefix: every valid UTF-8 continuation sorts below
	 * the byte 0xF5, so [q, q+0xF5) is the prefix range on the name index. */
	hi = yz_strdup_printf("%s\xf5", q);
	s = hi ? st_prep(st,
	                 "SELECT " RESIDENT_COLS " FROM residents WHERE name > ?1 AND name < ?2"
	                 " ORDER BY name, id LIMIT ?3",
	                 err)
	       : NULL;
	if (!s) {
		free(hi);
		return -1;
	}
	st_bind_str(s, 1, q);
	st_bind_str(s, 2, hi);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)(max - *n));
	free(hi);
	return collect(st, s, out, max, n, err);
}

int yz_resident_find(yz_store *st, const char *query, yz_resident *out, size_t max, size_t *n,
                     yz_err *err)
{
	char *buf = query ? strdup(query) : NULL;
	char *q;
	size_t len;
	int rc;

	*n = 0;
	if (query && !buf) {
		yz_err_set(err, _("Out of memory."));
		return -1;
	}
	q = buf ? yz_text_trim(buf) : NULL;
	len = q ? strlen(q) : 0;
	if (len == 0 || max == 0) {
		free(buf);
		return 0;
	}
	if (len == 18 && isdigit((unsigned char)q[0])) {
		rc = yz_resident_by_idno(st, q, out, err);
		*n = rc == 0;
		rc = rc < 0 ? -1 : 0;
	} else {
		if (len >= 4 && len <= 6 && q[len - 1] == 'x')
			q[len - 1] = 'X';
		rc = is_id_suffix(q) ? find_suffix(st, q, out, max, n, err)
		                     : find_name(st, q, out, max, n, err);
	}
	free(buf);
	return rc;
}

long yz_resident_count(yz_store *st)
{
	sqlite3_stmt *s = st_prep(st, "SELECT count(*) FROM residents", NULL);
	long c = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		c = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return c;
}

/* ---- households -------------------------------------------------------------- */

int yz_household_add(yz_store *st, const char *address, int64_t *id, yz_err *err)
{
	char now[21];
	sqlite3_stmt *s;

	if (!address || !*address) {
		yz_err_set(err, _("Type the household's address."));
		return -1;
	}
	st_now(now);
	s = st_prep(st, "INSERT INTO households(address, created_at) VALUES(?1, ?2)", err);
	if (!s)
		return -1;
	st_bind_str(s, 1, address);
	st_bind_str(s, 2, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int yz_household_members(yz_store *st, int64_t household_id, yz_resident *out, size_t max,
                         size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " RESIDENT_COLS " FROM residents WHERE household_id = ?1"
	                          " ORDER BY relation = ?2 DESC, id LIMIT ?3",
	                          err);

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, household_id);
	st_bind_str(s, 2, YZ_REL_HEAD);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)max);
	return collect(st, s, out, max, n, err);
}
