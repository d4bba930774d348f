/* Finding a resident by whatever they say first: the ID number (whole or its
 * last 4-6 characters), the name (exact or prefix), the pinyin initials of the
 * name, the phone (whole or its last digits) or the flat (building-unit-room).
 * Exact matches come first, then prefixes and suffixes; every lookup is an
 * index range scan, so a million residents answer in about a millisecond. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

/* The results being collected. */
typedef struct hits {
	yz_store *st;       /* the station */
	yz_search_hit *out; /* caller's array */
	size_t max;         /* its size */
	size_t n;           /* filled */
} hits;

static bool full(const hits *h)
{
	return h->n >= h->max;
}

static bool seen(const hits *h, int64_t id)
{
	for (size_t i = 0; i < h->n; i++) {
		if (h->out[i].r.id == id)
			return true;
	}
	return false;
}

static void add_hit(hits *h, const yz_resident *r, yz_match how)
{
	yz_search_hit *x;

	if (full(h) || seen(h, r->id))
		return;
	x = &h->out[h->n++];
	x->r = *r;
	yz_idcard_mask(r->idno, x->masked_idno);
	x->how = how;
	x->exact = how < YZ_MATCH_IDNO_SUFFIX;
}

/* Step a cached resident query, adding each row, then reset it. */
static int run(hits *h, sqlite3_stmt *s, yz_match how, yz_err *err)
{
	yz_resident r;
	int rc = SQLITE_DONE;

	if (!s)
		return -1;
	while (!full(h) && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		st_resident_from_row(s, &r);
		add_hit(h, &r, how);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return st_fail(h->st, rc, err);
	return 0;
}

/* ---- by kind -------------------------------------------------------------------- */

static int by_idno(hits *h, const char *q, yz_err *err)
{
	sqlite3_stmt *s = st_prep_cached(h->st, ST_RESIDENT_SELECT " WHERE r.idno = ?1", err);

	if (s)
		st_bind_str(s, 1, q);
	return run(h, s, YZ_MATCH_IDNO, err);
}

/* The expression index holds the last four characters; longer suffixes are
 * checked on the few rows it returns. */
static int by_idno_suffix(hits *h, const char *q, yz_err *err)
{
	size_t len = strlen(q);
	sqlite3_stmt *s =
	    st_prep_cached(h->st,
	                   ST_RESIDENT_SELECT " WHERE substr(r.idno, 15) = ?1"
	                                      " AND substr(r.idno, ?2) = ?3 ORDER BY r.idno",
	                   err);

	if (s) {
		st_bind_str(s, 1, q + len - 4);
		sqlite3_bind_int(s, 2, (int)(19 - len));
		st_bind_str(s, 3, q);
	}
	return run(h, s, YZ_MATCH_IDNO_SUFFIX, err);
}

static int by_phone(hits *h, const char *q, bool whole, yz_err *err)
{
	size_t len = strlen(q);
	sqlite3_stmt *s =
	    whole ? st_prep_cached(h->st,
	                           ST_RESIDENT_SELECT
	                           " WHERE r.phone <> '' AND substr(r.phone, -4) = ?1"
	                           " AND r.phone = ?3 AND ?2 = ?2 ORDER BY r.phone, r.id",
	                           err)
	          : st_prep_cached(h->st,
	                           ST_RESIDENT_SELECT
	                           " WHERE r.phone <> '' AND substr(r.phone, -4) = ?1"
	                           " AND substr(r.phone, ?2) = ?3 ORDER BY r.phone, r.id",
	                           err);

	if (s) {
		st_bind_str(s, 1, q + len - 4);
		sqlite3_bind_int(s, 2, -(int)len);
		st_bind_str(s, 3, q);
	}
	return run(h, s, whole ? YZ_MATCH_PHONE : YZ_MATCH_PHONE_SUFFIX, err);
}

static int by_name(hits *h, const char *q, yz_err *err)
{
	char *hi;
	sqlite3_stmt *s =
	    st_prep_cached(h->st, ST_RESIDENT_SELECT " WHERE r.name = ?1 ORDER BY r.id", err);

	if (s)
		st_bind_str(s, 1, q);
	if (run(h, s, YZ_MATCH_NAME, err) < 0 || full(h))
		return full(h) ? 0 : -1;
	/* Every valid UTF-8 continuation sorts below the byte 0xF5, so [q, q+0xF5)
	 * is the prefix range on the name index. */
	hi = yz_strdup_printf("%s\xf5", q);
	if (!hi) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	s = st_prep_cached(
	    h->st, ST_RESIDENT_SELECT " WHERE r.name > ?1 AND r.name < ?2 ORDER BY r.name, r.id",
	    err);
	if (s) {
		st_bind_str(s, 1, q);
		st_bind_str(s, 2, hi);
	}
	free(hi);
	return run(h, s, YZ_MATCH_NAME_PREFIX, err);
}

static int by_address(hits *h, const char *key, bool prefix, yz_err *err)
{
	char lo[40], hi[40];
	sqlite3_stmt *s;

	/* "13-1" is a prefix of "13-1-1504" but not of "13-10-...": the range
	 * ["13-1-", "13-1.") since '.' follows '-'. */
	snprintf(lo, sizeof lo, prefix ? "%s-" : "%s", key);
	snprintf(hi, sizeof hi, prefix ? "%s." : "%s", key);
	s = st_prep_cached(h->st,
	                   ST_RESIDENT_SELECT
	                   " WHERE r.household_id IN (SELECT id FROM households"
	                   " WHERE addr_key <> '' AND addr_key >= ?1 AND addr_key <= ?2)"
	                   " ORDER BY h.addr_key, h.id, r.relation <> ?3, r.id",
	                   err);
	if (s) {
		st_bind_str(s, 1, lo);
		st_bind_str(s, 2, hi);
		st_bind_str(s, 3, YZ_REL_HEAD);
	}
	return run(h, s, prefix ? YZ_MATCH_ADDRESS_PREFIX : YZ_MATCH_ADDRESS, err);
}

/* ---- pinyin -------------------------------------------------------------------------- */

/* The stored keys hold zh/ch/sh both as one letter and as two, so the query is
 * itself the key: equal means the whole name, a prefix the start of it. */
#define PINYIN_SELECT                                                                              \
	"SELECT r.id, r.name, r.idno, r.birth, r.female, r.ethnicity, r.phone,"                    \
	" CASE WHEN r.address <> '' THEN r.address ELSE coalesce(h.address, '') END,"              \
	" r.household_id, r.relation, r.hukou_address, r.category, r.employment, r.notes,"         \
	" r.since, r.income"                                                                       \
	" FROM resident_initials k JOIN residents r ON r.id = k.resident_id"                       \
	" LEFT JOIN households h ON h.id = r.household_id"

static int by_pinyin(hits *h, const char *typed, yz_err *err)
{
	char q[72], hi[80];
	size_t len = strlen(typed);
	sqlite3_stmt *s;

	if (len >= sizeof q - 1)
		return 0;
	for (size_t i = 0; i <= len; i++)
		q[i] = (char)tolower((unsigned char)typed[i]);
	s = st_prep_cached(h->st, PINYIN_SELECT " WHERE k.key = ?1 ORDER BY k.resident_id", err);
	if (s)
		st_bind_str(s, 1, q);
	if (run(h, s, YZ_MATCH_PINYIN, err) < 0)
		return -1;
	snprintf(hi, sizeof hi, "%s{", q); /* '{' follows 'z' */
	s = st_prep_cached(h->st,
	                   PINYIN_SELECT " WHERE k.key > ?1 AND k.key < ?2"
	                                 " ORDER BY k.key, k.resident_id",
	                   err);
	if (s) {
		st_bind_str(s, 1, q);
		st_bind_str(s, 2, hi);
	}
	return run(h, s, YZ_MATCH_PINYIN_PREFIX, err);
}

/* ---- the query --------------------------------------------------------------------- */

static bool all_digits(const char *q, bool allow_x)
{
	size_t n = strlen(q);

	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)q[i]) && !(allow_x && i == n - 1 && q[i] == 'X'))
			return false;
	}
	return n > 0;
}

static bool all_letters(const char *q)
{
	for (const char *p = q; *p; p++) {
		if (!isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
			return false;
	}
	return *q != '\0';
}

static bool has_digit(const char *q)
{
	for (const char *p = q; *p; p++) {
		if (isdigit((unsigned char)*p))
			return true;
	}
	return false;
}

static int by_number(hits *h, char *q, yz_err *err)
{
	size_t len = strlen(q);

	if (len == 18 && all_digits(q, true))
		return by_idno(h, q, err);
	if (!all_digits(q, false))
		return len >= 4 && len <= 6 && all_digits(q, true) ? by_idno_suffix(h, q, err) : 0;
	if (len >= 7 && by_phone(h, q, true, err) < 0)
		return -1;
	if (len >= 4 && len <= 6 && by_idno_suffix(h, q, err) < 0)
		return -1;
	return len >= 4 && len < 11 ? by_phone(h, q, false, err) : 0;
}

static int dispatch(hits *h, char *q, yz_err *err)
{
	size_t len = strlen(q);
	char key[40];

	/* A typed lower-case x ends an ID number too. */
	if (len >= 4 && q[len - 1] == 'x') {
		q[len - 1] = 'X';
		if (!all_digits(q, true))
			q[len - 1] = 'x';
	}
	if (all_digits(q, true))
		return by_number(h, q, err);
	if (all_letters(q))
		return by_pinyin(h, q, err);
	if (has_digit(q)) {
		yz_address_key(q, key, sizeof key);
		if (!key[0])
			return 0;
		if (by_address(h, key, false, err) < 0)
			return -1;
		return full(h) ? 0 : by_address(h, key, true, err);
	}
	return by_name(h, q, err);
}

/* Exact hits before prefix and suffix hits, keeping the order within each. */
static void rank(yz_search_hit *out, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!out[i].exact)
			continue;
		yz_search_hit tmp = out[i];
		memmove(&out[k + 1], &out[k], (i - k) * sizeof out[0]);
		out[k++] = tmp;
	}
}

int yz_registry_search(yz_store *st, const char *query, yz_search_hit *out, size_t max, size_t *n,
                       yz_err *err)
{
	hits h = {st, out, max, 0};
	char *buf = query ? strdup(query) : NULL;
	int rc = 0;

	*n = 0;
	if (query && !buf) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	char *q = buf ? yz_text_trim(buf) : NULL;

	if (q && *q && max > 0)
		rc = dispatch(&h, q, err);
	free(buf);
	rank(out, h.n);
	*n = h.n;
	return rc;
}

int yz_resident_find(yz_store *st, const char *query, yz_resident *out, size_t max, size_t *n,
                     yz_err *err)
{
	yz_search_hit *hits_buf = max ? calloc(max, sizeof *hits_buf) : NULL;
	int rc;

	*n = 0;
	if (max && !hits_buf) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	rc = yz_registry_search(st, query, hits_buf, max, n, err);
	for (size_t i = 0; i < *n; i++)
		out[i] = hits_buf[i].r;
	free(hits_buf);
	return rc;
}
