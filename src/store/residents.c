/* The resident registry: one row per person, checked ID numbers, households, the
 * history of every change. Search lives in search.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

void st_resident_from_row(sqlite3_stmt *s, yz_resident *r)
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
	st_col_cpy(s, 10, r->hukou_address, sizeof r->hukou_address);
	yz_strlcpy_utf8(r->category, st_category_label(sqlite3_column_int(s, 11)),
	                sizeof r->category);
	yz_strlcpy_utf8(r->employment, st_employment_label_of(sqlite3_column_int(s, 12)),
	                sizeof r->employment);
	st_col_cpy(s, 13, r->notes, sizeof r->notes);
	st_col_cpy(s, 14, r->since, sizeof r->since);
	st_col_cpy(s, 15, r->income, sizeof r->income);
}

/* Step s and copy up to max rows into out + *n. Finalizes s. */
static int collect(yz_store *st, sqlite3_stmt *s, yz_resident *out, size_t max, size_t *n,
                   yz_err *err)
{
	int rc = SQLITE_DONE;

	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		st_resident_from_row(s, &out[(*n)++]);
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
	sqlite3_stmt *s = st_prep(st, ST_RESIDENT_SELECT " WHERE r.id = ?1", err);

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
	sqlite3_stmt *s = st_prep(st, ST_RESIDENT_SELECT " WHERE r.idno = ?1", err);

	normalise_idno(idno, norm);
	if (s)
		st_bind_str(s, 1, norm);
	return get_one(st, s, out, err);
}

bool st_phone_ok(const char *p)
{
	size_t n = strlen(p), digits = 0;

	if (n == 0)
		return true;
	if (n > 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)p[i]))
			digits++;
		else if (p[i] != '-' && !(i == 0 && p[i] == '+'))
			return false;
	}
	return digits >= 7;
}

/* The fields besides name and ID number. */
static int check_fields(yz_resident *r, yz_err *err)
{
	const char *eth = r->ethnicity[0] ? yz_ethnicity_lookup(r->ethnicity) : "";

	if (!eth) {
		yz_err_set(err, _("\"%s\" is not one of the 56 nationalities (GB/T 3304)."),
		           r->ethnicity);
		return -1;
	}
	yz_strlcpy_utf8(r->ethnicity, eth, sizeof r->ethnicity);
	if (!st_phone_ok(r->phone)) {
		yz_err_set(err, _("The phone number \"%s\" is not valid: type digits only."),
		           r->phone);
		return -1;
	}
	if (st_category_code(r->category) < 0) {
		yz_err_set(err, _("\"%s\" is not a population category."), r->category);
		return -1;
	}
	if (st_employment_code(r->employment) < 0) {
		yz_err_set(err, _("\"%s\" is not an employment status."), r->employment);
		return -1;
	}
	if (!st_relation_known(r->relation)) {
		yz_err_set(err, _("\"%s\" is not a relationship to the head of household."),
		           r->relation);
		return -1;
	}
	return 0;
}

/* The residence start: a date (normalised to YYYY-MM-DD), not before the
 * birth and not after today; "" is unknown. */
static int check_since(yz_store *st, yz_resident *r, yz_date birth, yz_err *err)
{
	yz_date d;

	yz_text_trim(r->since);
	if (!r->since[0])
		return 0;
	if (!yz_date_parse(r->since, &d)) {
		yz_err_set(err, _("\"%s\" is not a date: type the residence start as 2019-03-01."),
		           r->since);
		return -1;
	}
	if (yz_date_cmp(d, birth) < 0) {
		yz_err_set(err, _("The residence start %s is before the birth date."), r->since);
		return -1;
	}
	if (yz_date_cmp(d, st_today(st)) > 0) {
		yz_err_set(err, _("The residence start %s is later than today."), r->since);
		return -1;
	}
	yz_date_format(d, r->since);
	return 0;
}

/* The monthly income: yuan, not negative, kept as money is in a case
 * ("1234.50"); "" is unknown. */
static int check_income(yz_resident *r, yz_err *err)
{
	int64_t fen;

	yz_text_trim(r->income);
	if (!r->income[0])
		return 0;
	if (!yz_money_parse(r->income, &fen) || fen < 0) {
		yz_err_set(err, _("\"%s\" is not a monthly income: type yuan, as 1850 or 1850.50."),
		           r->income);
		return -1;
	}
	yz_money_format(fen, r->income);
	return 0;
}

int st_resident_check(yz_store *st, yz_resident *r, yz_err *err)
{
	yz_idcard card;
	yz_id_status ids;

	yz_text_trim(r->name);
	if (!r->name[0] || !yz_utf8_valid(r->name, strlen(r->name))) {
		yz_err_set(err, _("Type the resident's name."));
		return -1;
	}
	ids = yz_idcard_check(r->idno, st_today(st), &card);
	if (ids != YZ_ID_OK) {
		yz_err_set(err, "%s", yz_idcard_message(ids));
		return -1;
	}
	memcpy(r->idno, card.number, sizeof r->idno);
	yz_date_format(card.birth, r->birth);
	r->female = card.female;
	if (check_since(st, r, card.birth, err) < 0 || check_income(r, err) < 0)
		return -1;
	return check_fields(r, err);
}

static int refuse_duplicate(yz_store *st, const char *idno, int64_t self, yz_err *err)
{
	yz_resident other;
	int rc = yz_resident_by_idno(st, idno, &other, err);

	if (rc < 0)
		return -1;
	if (rc == 0 && other.id != self) {
		yz_err_setc(err, YZ_ERR_EXISTS,
		            _("The ID number %s is already registered for %s. Open that resident "
		              "instead of adding a new one."),
		            idno, other.name);
		return -1;
	}
	return 0;
}

/* The address to store: "" when it is the household's (kept once, there). */
static int stored_address(yz_store *st, const yz_resident *r, char *buf, size_t n, yz_err *err)
{
	char hh[256];
	int rc =
	    r->household_id > 0 ? st_household_address(st, r->household_id, hh, sizeof hh, err) : 1;

	if (rc < 0)
		return -1;
	if (r->household_id > 0 && rc == 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("The household of this resident does not exist."));
		return -1;
	}
	yz_strlcpy_utf8(buf, rc == 0 && strcmp(hh, r->address) == 0 ? "" : r->address, n);
	return 0;
}

/* Bind every stored column but id and times, from index 1. */
static int bind_resident(yz_store *st, sqlite3_stmt *s, const yz_resident *r, yz_err *err)
{
	char addr[256];

	if (stored_address(st, r, addr, sizeof addr, err) < 0)
		return -1;
	st_bind_str(s, 1, r->idno);
	st_bind_str(s, 2, r->name);
	st_bind_str(s, 3, r->birth);
	sqlite3_bind_int(s, 4, r->female);
	st_bind_str(s, 5, r->ethnicity);
	st_bind_str(s, 6, r->phone);
	st_bind_str(s, 7, addr);
	if (r->household_id > 0)
		sqlite3_bind_int64(s, 8, r->household_id);
	st_bind_str(s, 9, r->relation);
	st_bind_str(s, 10, r->hukou_address);
	sqlite3_bind_int(s, 11, st_category_code(r->category));
	sqlite3_bind_int(s, 12, st_employment_code(r->employment));
	st_bind_str(s, 13, r->notes);
	st_bind_str(s, 14, r->since);
	st_bind_str(s, 15, r->income);
	return 0;
}

static int insert_resident(yz_store *st, yz_resident *r, const char *now, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st,
	    "INSERT INTO residents(idno, name, birth, female, ethnicity, phone, address,"
	    " household_id, relation, hukou_address, category, employment, notes, since,"
	    " income, created_at, updated_at)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
	    err);

	if (!s)
		return -1;
	if (bind_resident(st, s, r, err) < 0) {
		sqlite3_finalize(s);
		return -1;
	}
	st_bind_str(s, 16, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	r->id = sqlite3_last_insert_rowid(st->db);
	return st_initials_put(st, r->id, r->name, err);
}

/* In a batch (yz_resident_batch_begin, and still inside its transaction). */
static bool in_batch(const yz_store *st)
{
	return st->batch_depth > 0 && st->tx_depth >= st->batch_depth;
}

bool st_batch_resident(const yz_store *st, int64_t resident_id)
{
	return in_batch(st) && st->batch_n > 0 && resident_id >= st->batch_first &&
	       resident_id <= st->batch_last;
}

/* A head of household added in a batch heads a household without one, as the
 * import makes it (import.c, maybe_head): no history row. */
static int batch_head(yz_store *st, const yz_resident *r, yz_err *err)
{
	sqlite3_stmt *s;

	if (r->household_id <= 0 || strcmp(r->relation, YZ_REL_HEAD) != 0)
		return 0;
	s = st_prep(st, "UPDATE households SET head_id = ?1 WHERE id = ?2 AND head_id IS NULL",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int64(s, 2, r->household_id);
	return st_exec_stmt(st, s, err);
}

/* The batch's own share of yz_resident_add: counted, no audit row. */
static int batch_note(yz_store *st, const yz_resident *r, yz_err *err)
{
	if (batch_head(st, r, err) < 0)
		return -1;
	if (st->batch_n++ == 0)
		st->batch_first = r->id;
	st->batch_last = r->id;
	return 0;
}

int yz_resident_batch_begin(yz_store *st, const char *actor, yz_err *err)
{
	if (st->batch_depth > 0) {
		yz_err_set(err, _("A batch of residents is already being added."));
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	st->batch_depth = st->tx_depth;
	yz_strlcpy_utf8(st->batch_actor, actor ? actor : "", sizeof st->batch_actor);
	st->batch_n = 0;
	st->batch_first = st->batch_last = 0;
	return 0;
}

int yz_resident_batch_end(yz_store *st, bool ok, yz_err *err)
{
	char now[21], detail[96];
	bool open = in_batch(st) && st->tx_depth == st->batch_depth;

	if (!open) { /* none, or a transaction inside it still open: it stays */
		yz_err_set(err, _("No batch of residents is being added."));
		return -1;
	}
	st->batch_depth = 0;
	if (ok && st->batch_n > 0) {
		st_now(st, now);
		/* Like the import's: the rows by number, not the people. */
		snprintf(detail, sizeof detail, "residents added %ld ids %lld-%lld", st->batch_n,
		         (long long)st->batch_first, (long long)st->batch_last);
		ok = st_audit_at(st, now, st->batch_actor, "residents_added", detail, err) == 0;
	}
	return st_tx_end(st, ok, err);
}

int yz_resident_add(yz_store *st, yz_resident *r, const char *actor, yz_err *err)
{
	char now[21], detail[64];
	int ok;

	if (st_resident_check(st, r, err) < 0)
		return -1;
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	ok = refuse_duplicate(st, r->idno, 0, err) == 0 && insert_resident(st, r, now, err) == 0;
	if (ok && in_batch(st)) {
		ok = batch_note(st, r, err) == 0;
	} else if (ok) {
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
	    {"hukou_address", o->hukou_address, n->hukou_address},
	    {"category", o->category, n->category},
	    {"employment", o->employment, n->employment},
	    {"notes", o->notes, n->notes},
	    {"since", o->since, n->since},
	    {"income", o->income, n->income},
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
	sqlite3_stmt *s =
	    st_prep(st,
	            "UPDATE residents SET idno = ?1, name = ?2, birth = ?3, female = ?4,"
	            " ethnicity = ?5, phone = ?6, address = ?7, household_id = ?8, relation = ?9,"
	            " hukou_address = ?10, category = ?11, employment = ?12, notes = ?13,"
	            " since = ?14, income = ?15, updated_at = ?16 WHERE id = ?17",
	            err);

	if (!s)
		return -1;
	if (bind_resident(st, s, r, err) < 0) {
		sqlite3_finalize(s);
		return -1;
	}
	st_bind_str(s, 16, now);
	sqlite3_bind_int64(s, 17, r->id);
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
	if (strcmp(old.name, r->name) != 0 && (st_initials_del(st, r->id, old.name, err) < 0 ||
	                                       st_initials_put(st, r->id, r->name, err) < 0))
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

	if (st_resident_check(st, &nr, err) < 0)
		return -1;
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, update_in_tx(st, &nr, actor, case_no, now, err) == 0, err);
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

/* Whether one row matches s (bound); finalizes s. */
static int any_row(yz_store *st, sqlite3_stmt *s, bool *found, yz_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, rc, err);
	*found = *found || rc == SQLITE_ROW;
	return 0;
}

int yz_resident_idno_more(yz_store *st, const char *q, bool *more, yz_err *err)
{
	size_t len = strlen(q);
	char hi[24];
	sqlite3_stmt *s;

	*more = false;
	if (len < 4 || len > 6)
		return 0;
	/* The start of a whole ID number: a range of the unique index. */
	snprintf(hi, sizeof hi, "%sZ", q);
	s = st_prep(st, "SELECT 1 FROM residents WHERE idno >= ?1 AND idno < ?2 LIMIT 1", err);
	if (!s)
		return -1;
	st_bind_str(s, 1, q);
	st_bind_str(s, 2, hi);
	if (any_row(st, s, more, err) < 0)
		return -1;
	/* The start of a suffix of m characters: q's last 4 - k characters begin
	 * the last four of the number, a range of residents_idno4. */
	for (size_t k = 1; k <= 2 && len + k <= 6 && !*more; k++) {
		size_t m = len + k;
		char lo[8], top[8];
		snprintf(lo, sizeof lo, "%s", q + (m - 4));
		snprintf(top, sizeof top, "%sZ", lo);
		s = st_prep(st,
		            "SELECT 1 FROM residents WHERE substr(idno, 15) >= ?1"
		            " AND substr(idno, 15) < ?2 AND substr(idno, ?3, ?4) = ?5 LIMIT 1",
		            err);
		if (!s)
			return -1;
		st_bind_str(s, 1, lo);
		st_bind_str(s, 2, top);
		sqlite3_bind_int(s, 3, (int)(19 - m));
		sqlite3_bind_int(s, 4, (int)len);
		st_bind_str(s, 5, q);
		if (any_row(st, s, more, err) < 0)
			return -1;
	}
	return 0;
}

int yz_household_members(yz_store *st, int64_t household_id, yz_resident *out, size_t max,
                         size_t *n, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st,
	            ST_RESIDENT_SELECT " WHERE r.household_id = ?1"
	                               " ORDER BY r.relation = ?2 DESC, r.id LIMIT ?3",
	            err);

	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, household_id);
	st_bind_str(s, 2, YZ_REL_HEAD);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)max);
	return collect(st, s, out, max, n, err);
}

int yz_resident_duplicates(yz_store *st, const yz_resident *r, yz_resident *out, size_t max,
                           size_t *n, yz_err *err)
{
	char key[32];
	/* Same name, and the same address text or the same building-unit-room. */
	sqlite3_stmt *s = st_prep(
	    st,
	    ST_RESIDENT_SELECT " WHERE r.name = ?1 AND r.id <> ?2 AND"
	                       " (CASE WHEN r.address <> '' THEN r.address ELSE coalesce(h.address,"
	                       " '') END = ?3 OR (?4 <> '' AND h.addr_key = ?4))"
	                       " ORDER BY r.id LIMIT ?5",
	    err);

	*n = 0;
	if (!s)
		return -1;
	yz_address_key(r->address, key, sizeof key);
	st_bind_str(s, 1, r->name);
	sqlite3_bind_int64(s, 2, r->id);
	st_bind_str(s, 3, r->address);
	st_bind_str(s, 4, key);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)max);
	return collect(st, s, out, max, n, err);
}
