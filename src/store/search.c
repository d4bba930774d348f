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

/* The hit's person, and what lists show of it. */
static void fill_hit(yz_search_hit *x, const yz_resident *r)
{
	x->r = *r;
	yz_idcard_mask(r->idno, x->masked_idno);
	x->filled = true;
}

/* A hit known by its id only, its row read when it is shown
 * (yz_registry_fill); NULL when the list is full or has the person. */
static yz_search_hit *add_id(hits *h, int64_t id, yz_match how)
{
	if (full(h) || seen(h, id))
		return NULL;
	yz_search_hit *x = &h->out[h->n++];
	memset(x, 0, sizeof *x);
	x->r.id = id;
	x->how = how;
	x->exact = how < YZ_MATCH_IDNO_SUFFIX;
	return x;
}

static void add_hit(hits *h, const yz_resident *r, yz_match how)
{
	yz_search_hit *x = add_id(h, r->id, how);
	if (x)
		fill_hit(x, r);
}

/* Issue 20: the lookups by ID end, phone and name read only their index (its
 * rows carry the resident's id): four typed digits match some two hundred
 * people, and reading each one's row — a page from disk apiece — cost
 * a typed key 10 ms; a list shows seventeen. */
#define ST_RESIDENT_IDS "SELECT r.id FROM residents r"

/* Step a cached query of ids, adding each, then reset it. */
static int run_ids(hits *h, sqlite3_stmt *s, yz_match how, yz_err *err)
{
	int rc = SQLITE_DONE;

	if (!s)
		return -1;
	while (!full(h) && (rc = sqlite3_step(s)) == SQLITE_ROW)
		add_id(h, sqlite3_column_int64(s, 0), how);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return st_fail(h->st, rc, err);
	return 0;
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
	                   ST_RESIDENT_IDS " WHERE substr(r.idno, 15) = ?1"
	                                   " AND substr(r.idno, ?2) = ?3 ORDER BY r.idno",
	                   err);

	if (s) {
		st_bind_str(s, 1, q + len - 4);
		sqlite3_bind_int(s, 2, (int)(19 - len));
		st_bind_str(s, 3, q);
	}
	return run_ids(h, s, YZ_MATCH_IDNO_SUFFIX, err);
}

static int by_phone(hits *h, const char *q, bool whole, yz_err *err)
{
	size_t len = strlen(q);
	sqlite3_stmt *s =
	    whole ? st_prep_cached(h->st,
	                           ST_RESIDENT_IDS
	                           " WHERE r.phone <> '' AND substr(r.phone, -4) = ?1"
	                           " AND +r.phone = ?3 AND ?2 = ?2 ORDER BY r.phone, r.id",
	                           err)
	          : st_prep_cached(h->st,
	                           ST_RESIDENT_IDS
	                           " WHERE r.phone <> '' AND substr(r.phone, -4) = ?1"
	                           " AND substr(r.phone, ?2) = ?3 ORDER BY r.phone, r.id",
	                           err);

	if (s) {
		st_bind_str(s, 1, q + len - 4);
		sqlite3_bind_int(s, 2, -(int)len);
		st_bind_str(s, 3, q);
	}
	return run_ids(h, s, whole ? YZ_MATCH_PHONE : YZ_MATCH_PHONE_SUFFIX, err);
}

static int by_name(hits *h, const char *q, yz_err *err)
{
	char *hi;
	sqlite3_stmt *s =
	    st_prep_cached(h->st, ST_RESIDENT_IDS " WHERE r.name = ?1 ORDER BY r.id", err);

	if (s)
		st_bind_str(s, 1, q);
	if (run_ids(h, s, YZ_MATCH_NAME, err) < 0 || full(h))
		return full(h) ? 0 : -1;
	/* Every valid UTF-8 continuation sorts below the byte 0xF5, so [q, q+0xF5)
	 * is the prefix range on the name index. */
	hi = yz_strdup_printf("%s\xf5", q);
	if (!hi) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	s = st_prep_cached(
	    h->st, ST_RESIDENT_IDS " WHERE r.name > ?1 AND r.name < ?2 ORDER BY r.name, r.id", err);
	if (s) {
		st_bind_str(s, 1, q);
		st_bind_str(s, 2, hi);
	}
	free(hi);
	return run_ids(h, s, YZ_MATCH_NAME_PREFIX, err);
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

/* The stored keys hold one letter per character of every combination of
 * readings (zh/ch/sh as z/c/s); a long name with more combinations than are
 * kept is keyed by its leading characters, the key ending in '{'. The query
 * is looked up by the one-letter strings it may stand for ("zhs": zs for
 * zhang san, zhs for zhou hong song), and each row is confirmed on the name
 * by yz_pinyin_match, which tells zh from z and reads the characters a
 * shortened key leaves out. */
#define PINYIN_SELECT                                                                              \
	"SELECT r.id, r.name, r.idno, r.birth, r.female, r.ethnicity, r.phone,"                    \
	" CASE WHEN r.address <> '' THEN r.address ELSE coalesce(h.address, '') END,"              \
	" r.household_id, r.relation, r.hukou_address, r.category, r.employment, r.notes,"         \
	" r.since, r.income"                                                                       \
	" FROM resident_initials k JOIN residents r ON r.id = k.resident_id"                       \
	" LEFT JOIN households h ON h.id = r.household_id"

/* Most letters, and most zh/ch/sh, of the query that the keys are asked about:
 * a longer query is looked up by its start (at most 8 strings to look up) and
 * the rest confirmed on the names found. */
#define PY_PROBE_LETTERS  16
#define PY_PROBE_DIGRAPHS 3
#define PY_PROBE_MAX      (1 << PY_PROBE_DIGRAPHS)

/* Step s, adding each row whose name q matches, then reset it. */
static int run_pinyin(hits *h, sqlite3_stmt *s, const char *q, yz_err *err)
{
	yz_resident r;
	bool exact;
	int rc = SQLITE_DONE;

	if (!s)
		return -1;
	while (!full(h) && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 1);
		if (seen(h, sqlite3_column_int64(s, 0)) || !yz_pinyin_match(name, q, &exact))
			continue;
		st_resident_from_row(s, &r);
		add_hit(h, &r, exact ? YZ_MATCH_PINYIN : YZ_MATCH_PINYIN_PREFIX);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return st_fail(h->st, rc, err);
	return 0;
}

/* Keys from lo up to (not including) hi. */
static int pinyin_range(hits *h, const char *q, const char *lo, const char *hi, yz_err *err)
{
	sqlite3_stmt *s = st_prep_cached(h->st,
	                                 PINYIN_SELECT " WHERE k.key >= ?1 AND k.key < ?2"
	                                               " ORDER BY k.key, k.resident_id",
	                                 err);

	if (s) {
		st_bind_str(s, 1, lo);
		st_bind_str(s, 2, hi);
	}
	return run_pinyin(h, s, q, err);
}

/* Keys equal to key: the range [key, key + "\x01"). */
static int pinyin_key(hits *h, const char *q, const char *key, yz_err *err)
{
	char hi[PY_PROBE_LETTERS + 4];

	snprintf(hi, sizeof hi, "%s\x01", key);
	return pinyin_range(h, q, key, hi, err);
}

/* How much of q the keys are asked about (PY_PROBE_LETTERS, PY_PROBE_DIGRAPHS). */
static size_t probe_length(const char *q)
{
	size_t i = 0;
	int digraphs = 0;

	for (; q[i] && i < PY_PROBE_LETTERS; i++) {
		if (strchr("zcs", q[i]) && q[i + 1] == 'h' && ++digraphs > PY_PROBE_DIGRAPHS)
			break;
	}
	return i;
}

static int by_pinyin(hits *h, const char *typed, yz_err *err)
{
	char q[72], probe[PY_PROBE_LETTERS + 1], buf[PY_PROBE_MAX * (PY_PROBE_LETTERS + 1) + 1];
	char *var[PY_PROBE_MAX], *save = NULL, key[PY_PROBE_LETTERS + 4];
	size_t len = strlen(typed), plen, nv = 0;
	bool partial;

	if (len >= sizeof q - 1)
		return 0;
	for (size_t i = 0; i <= len; i++)
		q[i] = (char)tolower((unsigned char)typed[i]);
	plen = probe_length(q);
	partial = plen < len;
	memcpy(probe, q, plen);
	probe[plen] = '\0';
	if (yz_pinyin_query_keys(probe, PY_PROBE_MAX, buf, sizeof buf) == 0)
		return 0;
	for (char *v = strtok_r(buf, " ", &save); v && nv < PY_PROBE_MAX;
	     v = strtok_r(NULL, " ", &save))
		var[nv++] = v;
	/* Whole names first: a key equal to a reading of the query. */
	for (size_t i = 0; i < nv && !partial; i++) {
		if (pinyin_key(h, q, var[i], err) < 0)
			return -1;
	}
	/* Long names keyed by fewer characters than the query has. */
	for (size_t i = 0; i < nv; i++) {
		for (size_t j = 1; j < strlen(var[i]); j++) {
			snprintf(key, sizeof key, "%.*s{", (int)j, var[i]);
			if (pinyin_key(h, q, key, err) < 0)
				return -1;
		}
	}
	/* Then names that go on: keys that start with a reading of the query
	 * ('{' and '|' follow 'z'). */
	for (size_t i = 0; i < nv && !full(h); i++) {
		char lo[PY_PROBE_LETTERS + 4], hi[PY_PROBE_LETTERS + 4];
		snprintf(lo, sizeof lo, "%s%s", var[i], partial ? "" : "a");
		snprintf(hi, sizeof hi, "%s|", var[i]);
		if (pinyin_range(h, q, lo, hi, err) < 0)
			return -1;
	}
	return 0;
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

int yz_registry_search_ids(yz_store *st, const char *query, yz_search_hit *out, size_t max,
                           size_t *n, yz_err *err)
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

int yz_registry_fill(yz_store *st, yz_search_hit *hits, size_t n, yz_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = SQLITE_DONE;

	for (size_t i = 0; i < n; i++) {
		if (hits[i].filled)
			continue;
		if (!s && !(s = st_prep_cached(st, ST_RESIDENT_SELECT " WHERE r.id = ?1", err)))
			return -1;
		sqlite3_bind_int64(s, 1, hits[i].r.id);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			yz_resident r;
			st_resident_from_row(s, &r);
			fill_hit(&hits[i], &r);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return st_fail(st, rc, err);
	}
	return 0;
}

int yz_registry_search(yz_store *st, const char *query, yz_search_hit *out, size_t max, size_t *n,
                       yz_err *err)
{
	int rc = yz_registry_search_ids(st, query, out, max, n, err);
	return rc == 0 ? yz_registry_fill(st, out, *n, err) : rc;
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
