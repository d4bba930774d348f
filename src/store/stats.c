/* What the statistics read (issue 16), in one read transaction: first the
 * small sets of the period into memory — the bu zheng pauses, the forwards
 * sent in it, the ratings given in it, the cases whose follow-up is done, the
 * grid of every place and resident —, each sorted by case or id; then the
 * cases in id order, merged with them, handing on every case of the period
 * and every forward and rating with its case's keys. No query per case. The
 * cases come from one scan of the table when the period holds many of them
 * (a year of 1,000,000 cases is one sequential read), or, when it holds few
 * (a month of a station's years: the statistics screen), from the index of
 * the day they were closed (cases_closed_day, schema 7): the open ones and
 * those closed since the period began, each looked up in the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "store_int.h"

/* ---- what is read first ----------------------------------------------------- */

static const char *col_text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

typedef struct pause_row {
	int64_t case_id;
	yz_stats_pause p;
} pause_row;

typedef struct fwd_row {
	int64_t case_id;
	int dept; /* index into depts */
	char sent[11], due[11], answered[11];
} fwd_row;

typedef struct rating_row {
	int64_t case_id;
	int score;
	char date[11];
	bool followed;
} rating_row;

typedef struct place_row {
	int64_t id, parent;
	int kind;
	char *name;
	const char *grid; /* its grid's name, "" none */
} place_row;

typedef struct stats_ctx {
	yz_store *st;
	const yz_stats_query *q;
	char from[11], to[11];          /* the period as text */
	char from_utc[21], end_utc[21]; /* its first moment and the moment after it */
	pause_row *pauses;
	size_t n_pauses;
	fwd_row *fwds;
	size_t n_fwds;
	char **depts; /* the departments' names, each once */
	size_t n_depts;
	rating_row *ratings;
	size_t n_ratings;
	place_row *places;
	size_t n_places;
	struct home_row *homes; /* every resident in a household with a place, by id */
	size_t n_homes;
	int64_t *followed; /* cases with a follow-up done, sorted */
	size_t n_followed;
	yz_local_dates *ld;
} stats_ctx;

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 256;
	void *q = realloc(*p, c * size);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static int no_memory(yz_err *err)
{
	yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
	return -1;
}

/* Step s to its end, appending one record of size bytes per row to *rows
 * (filled by fn); 0, or -1 with err. s is finalized. */
typedef int (*row_fn)(stats_ctx *x, sqlite3_stmt *s, void *rec);

static int load_rows(stats_ctx *x, sqlite3_stmt *s, void **rows, size_t *n, size_t size, row_fn fn,
                     yz_err *err)
{
	size_t cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (grow(rows, &cap, *n, size) < 0 || fn(x, s, (char *)*rows + *n * size) < 0) {
			sqlite3_finalize(s);
			return no_memory(err);
		}
		(*n)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(x->st, rc, err);
}

static int pause_of(stats_ctx *x, sqlite3_stmt *s, void *rec)
{
	pause_row *p = rec;
	(void)x;
	p->case_id = sqlite3_column_int64(s, 0);
	st_col_cpy(s, 1, p->p.from, sizeof p->p.from);
	st_col_cpy(s, 2, p->p.until, sizeof p->p.until);
	return 0;
}

/* The pauses started by the period's end, by case. */
static int load_pauses(stats_ctx *x, yz_err *err)
{
	sqlite3_stmt *s = st_prep(x->st,
	                          "SELECT case_id, from_date, until_date FROM case_pauses"
	                          " WHERE from_date <= ?1 ORDER BY case_id, id",
	                          err);
	if (!s)
		return -1;
	st_bind_str(s, 1, x->to);
	return load_rows(x, s, (void **)&x->pauses, &x->n_pauses, sizeof *x->pauses, pause_of, err);
}

static int dept_index(stats_ctx *x, const char *name)
{
	for (size_t i = x->n_depts; i-- > 0;) /* a few names: the latest first */
		if (!strcmp(x->depts[i], name))
			return (int)i;
	char **d = realloc(x->depts, (x->n_depts + 1) * sizeof *d);
	if (!d)
		return -1;
	x->depts = d;
	if (!(d[x->n_depts] = strdup(name)))
		return -1;
	return (int)x->n_depts++;
}

static int fwd_of(stats_ctx *x, sqlite3_stmt *s, void *rec)
{
	fwd_row *f = rec;
	f->case_id = sqlite3_column_int64(s, 0);
	f->dept = dept_index(x, col_text(s, 1));
	st_col_cpy(s, 2, f->sent, sizeof f->sent);
	st_col_cpy(s, 3, f->due, sizeof f->due);
	st_col_cpy(s, 4, f->answered, sizeof f->answered);
	return f->dept < 0 ? -1 : 0;
}

/* The forwards sent in the period, by case. */
static int load_forwards(stats_ctx *x, yz_err *err)
{
	sqlite3_stmt *s = st_prep(x->st,
	                          "SELECT case_id, department, sent_date, dept_due, result_date"
	                          " FROM case_forwards WHERE sent_date >= ?1 AND sent_date <= ?2"
	                          " ORDER BY case_id, id",
	                          err);
	if (!s)
		return -1;
	st_bind_str(s, 1, x->from);
	st_bind_str(s, 2, x->to);
	return load_rows(x, s, (void **)&x->fwds, &x->n_fwds, sizeof *x->fwds, fwd_of, err);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int rating_of(stats_ctx *x, sqlite3_stmt *s, void *rec)
{
	rating_row *t = rec;
	t->case_id = sqlite3_column_int64(s, 0);
	t->score = sqlite3_column_int(s, 1);
	yz_local_dates_get(x->ld, col_text(s, 2), t->date);
	t->followed = x->n_followed && bsearch(&t->case_id, x->followed, x->n_followed,
	                                       sizeof t->case_id, cmp_id) != NULL;
	return 0;
}

/* The ratings given in the period (one per case: the table's key). */
static int load_ratings(stats_ctx *x, yz_err *err)
{
	sqlite3_stmt *s = st_prep(x->st,
	                          "SELECT case_id, score, at FROM ratings"
	                          " WHERE at >= ?1 AND at < ?2 ORDER BY case_id",
	                          err);
	if (!s)
		return -1;
	st_bind_str(s, 1, x->from_utc);
	st_bind_str(s, 2, x->end_utc);
	return load_rows(x, s, (void **)&x->ratings, &x->n_ratings, sizeof *x->ratings, rating_of,
	                 err);
}

static int followed_of(stats_ctx *x, sqlite3_stmt *s, void *rec)
{
	(void)x;
	*(int64_t *)rec = sqlite3_column_int64(s, 0);
	return 0;
}

static int load_followed(stats_ctx *x, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    x->st, "SELECT DISTINCT case_id FROM followups WHERE state = 'done' ORDER BY case_id",
	    err);
	if (!s)
		return -1;
	return load_rows(x, s, (void **)&x->followed, &x->n_followed, sizeof *x->followed,
	                 followed_of, err);
}

static int cmp_place(const void *a, const void *b)
{
	int64_t x = ((const place_row *)a)->id, y = ((const place_row *)b)->id;
	return (x > y) - (x < y);
}

static place_row *find_place(stats_ctx *x, int64_t id)
{
	place_row key = {.id = id};
	return x->n_places ? bsearch(&key, x->places, x->n_places, sizeof key, cmp_place) : NULL;
}

static int place_of(stats_ctx *x, sqlite3_stmt *s, void *rec)
{
	place_row *p = rec;
	(void)x;
	p->id = sqlite3_column_int64(s, 0);
	p->parent = sqlite3_column_int64(s, 1);
	p->kind = sqlite3_column_int(s, 2);
	p->grid = "";
	p->name = strdup(col_text(s, 3));
	return p->name ? 0 : -1;
}

/* Every place with the name of the grid it lies in. */
static int load_places(stats_ctx *x, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    x->st, "SELECT id, coalesce(parent_id, 0), kind, name FROM places ORDER BY id", err);
	if (!s || load_rows(x, s, (void **)&x->places, &x->n_places, sizeof *x->places, place_of,
	                    err) < 0)
		return -1;
	for (size_t i = 0; i < x->n_places; i++) {
		const place_row *p = &x->places[i];
		/* Walk up (a few levels; a loop in a damaged table ends by depth). */
		for (int depth = 0; p && depth < 8; depth++) {
			if (p->kind == YZ_PLACE_GRID) {
				x->places[i].grid = p->name;
				break;
			}
			p = p->parent ? find_place(x, p->parent) : NULL;
		}
	}
	return 0;
}

/* A resident's grid: read once for all residents, looked up per case (a join
 * per case would cost two lookups each, a million times). */
typedef struct home_row {
	int64_t resident;
	const char *grid;
} home_row;

static int home_of(stats_ctx *x, sqlite3_stmt *s, void *rec)
{
	home_row *h = rec;
	const place_row *p = find_place(x, sqlite3_column_int64(s, 1));
	h->resident = sqlite3_column_int64(s, 0);
	h->grid = p ? p->grid : "";
	return 0;
}

static int load_homes(stats_ctx *x, yz_err *err)
{
	sqlite3_stmt *s = st_prep(x->st,
	                          "SELECT r.id, h.place_id FROM residents r"
	                          " JOIN households h ON h.id = r.household_id"
	                          " WHERE h.place_id IS NOT NULL ORDER BY r.id",
	                          err);
	if (!s)
		return -1;
	return load_rows(x, s, (void **)&x->homes, &x->n_homes, sizeof *x->homes, home_of, err);
}

static int cmp_home(const void *a, const void *b)
{
	int64_t x = ((const home_row *)a)->resident, y = ((const home_row *)b)->resident;
	return (x > y) - (x < y);
}

static const char *grid_of(const stats_ctx *x, int64_t resident)
{
	home_row key = {.resident = resident};
	const home_row *h =
	    x->n_homes ? bsearch(&key, x->homes, x->n_homes, sizeof key, cmp_home) : NULL;
	return h ? h->grid : "";
}

/* ---- the scan --------------------------------------------------------------------- */

/* A date column into out (11 bytes): dates are ASCII, so a plain copy (no
 * UTF-8 walk, a million times); "" for anything not 10 bytes long. */
static void copy_date(sqlite3_stmt *s, int i, char out[11])
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (t && sqlite3_column_bytes(s, i) == 10) {
		memcpy(out, t, 10);
		out[10] = '\0';
	} else {
		out[0] = '\0';
	}
}

/* Where the scan stands in each sorted set. */
typedef struct cursor {
	size_t pause, fwd, rating;
} cursor;

/* The keys of the current row, as q asks for them (columns 5.. of the scan). */
static void read_keys(stats_ctx *x, sqlite3_stmt *s, yz_stats_keys *k)
{
	*k = (yz_stats_keys){"", "", "", "", "", ""};
	if (!x->q->keys && !x->q->grid)
		return;
	k->line = col_text(s, 5);
	k->form_id = col_text(s, 6);
	k->item = col_text(s, 7);
	k->clerk = col_text(s, 8);
	if (x->q->grid)
		k->grid = grid_of(x, sqlite3_column_int64(s, 9));
}

/* The case c (id, dates read) is one of the period's: accepted by its end,
 * open or closed on or after its first day. */
static bool in_period(const stats_ctx *x, const yz_stats_case *c)
{
	return strcmp(c->accepted, x->to) <= 0 &&
	       (!c->closed[0] || strcmp(c->closed, x->from) >= 0);
}

/* Hand on what the sets hold for case c, and c itself when it is the period's. */
static int emit(stats_ctx *x, const yz_stats_sink *sink, sqlite3_stmt *s, yz_stats_case *c,
                cursor *k)
{
	bool keys_read = false;

	c->n_pauses = c->n_pauses_all = 0;
	for (; k->pause < x->n_pauses && x->pauses[k->pause].case_id == c->id; k->pause++) {
		if (c->n_pauses < YZ_STATS_MAX_PAUSES)
			c->pauses[c->n_pauses++] = x->pauses[k->pause].p;
		c->n_pauses_all++;
	}
	if (sink->on_case && in_period(x, c)) {
		read_keys(x, s, &c->keys);
		keys_read = true;
		if (sink->on_case(c, sink->ctx) != 0)
			return -1;
	}
	for (; k->fwd < x->n_fwds && x->fwds[k->fwd].case_id == c->id; k->fwd++) {
		const fwd_row *r = &x->fwds[k->fwd];
		yz_stats_forward f = {.case_id = c->id, .department = x->depts[r->dept]};
		memcpy(f.sent, r->sent, sizeof f.sent);
		memcpy(f.due, r->due, sizeof f.due);
		memcpy(f.answered, r->answered, sizeof f.answered);
		if (!keys_read)
			read_keys(x, s, &c->keys), keys_read = true;
		f.keys = c->keys;
		if (sink->on_forward(&f, sink->ctx) != 0)
			return -1;
	}
	for (; k->rating < x->n_ratings && x->ratings[k->rating].case_id == c->id; k->rating++) {
		const rating_row *r = &x->ratings[k->rating];
		yz_stats_rating t = {.case_id = c->id, .score = r->score, .followed = r->followed};
		memcpy(t.date, r->date, sizeof t.date);
		if (!keys_read)
			read_keys(x, s, &c->keys), keys_read = true;
		t.keys = c->keys;
		if (sink->on_rating(&t, sink->ctx) != 0)
			return -1;
	}
	return 0;
}

/* Skip the set's records of cases before id (cases gone from the table). */
static void skip_to(stats_ctx *x, cursor *k, int64_t id)
{
	while (k->pause < x->n_pauses && x->pauses[k->pause].case_id < id)
		k->pause++;
	while (k->fwd < x->n_fwds && x->fwds[k->fwd].case_id < id)
		k->fwd++;
	while (k->rating < x->n_ratings && x->ratings[k->rating].case_id < id)
		k->rating++;
}

/* The key columns after the case's own, and the joins the grid needs. */
#define KEY_COLS  ", c.line, c.form_id, c.item, c.clerk_login"
#define GRID_COLS ", coalesce(c.resident_id, 0)"

/* One row of the cases read (id, dates and keys as the scan's columns): the
 * case handed on, with what the sets hold for it. 0, or -1 when a callback
 * stopped the reading. */
static int case_row(stats_ctx *x, const yz_stats_sink *sink, sqlite3_stmt *s, yz_stats_case *c,
                    cursor *k)
{
	c->id = sqlite3_column_int64(s, 0);
	copy_date(s, 1, c->accepted);
	/* Cases accepted after the period with nothing in it: nothing to read. */
	skip_to(x, k, c->id);
	if (strcmp(c->accepted, x->to) > 0 &&
	    !(k->fwd < x->n_fwds && x->fwds[k->fwd].case_id == c->id) &&
	    !(k->rating < x->n_ratings && x->ratings[k->rating].case_id == c->id))
		return 0;
	yz_local_dates_get(x->ld, col_text(s, 2), c->closed);
	copy_date(s, 3, c->due);
	c->promise_days = sqlite3_column_int(s, 4);
	return emit(x, sink, s, c, k);
}

/* The columns of a case as case_row reads them. */
static void case_sql(const stats_ctx *x, char *sql, size_t n, const char *rest)
{
	bool keys = x->q->keys || x->q->grid;
	snprintf(sql, n,
	         "SELECT c.id, c.accepted_date, c.closed_at, c.due_date, c.promise_days%s%s"
	         " FROM cases c %s",
	         keys ? KEY_COLS : "", x->q->grid ? GRID_COLS : "", rest);
}

/* The first day of the cases_closed_day index (the UTC day of closed_at) a
 * case closed on or after the period's first local day can have. */
static void closed_day(const stats_ctx *x, char day[11])
{
	memcpy(day, x->from_utc, 10);
	day[10] = '\0';
}

/* The cases open or closed since the period began, by cases_closed_day: a
 * superset of the period's cases (in_period picks them). */
#define FEW_WHERE "substr(closed_at, 1, 10) = '' OR substr(closed_at, 1, 10) >= ?1"

/* Whether the period's cases are few enough to be read through the index
 * (each a lookup in the table) rather than by reading the whole table: at
 * most one in FEW_SHARE of the cases (the count stops there; a lookup costs
 * a few rows of the scan). A period that holds every case's acceptance (a
 * station's first year) reads the table without counting. 1 few, 0 not, -1
 * with err. */
#define FEW_SHARE 3

static int few_cases(stats_ctx *x, yz_err *err)
{
	char day[11];
	int64_t span = 0, n = 0;
	bool all = false;
	sqlite3_stmt *s =
	    st_prep(x->st,
	            "SELECT (SELECT max(id) FROM cases) - (SELECT min(id) FROM cases) + 1,"
	            " (SELECT min(accepted_date) FROM cases) >= ?1"
	            " AND (SELECT max(accepted_date) FROM cases) <= ?2",
	            err);
	if (!s)
		return -1;
	st_bind_str(s, 1, x->from);
	st_bind_str(s, 2, x->to);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		span = sqlite3_column_int64(s, 0);
		all = sqlite3_column_int(s, 1) != 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return st_fail(x->st, rc, err);
	if (span <= 0 || all)
		return 0;
	s = st_prep(x->st,
	            "SELECT count(*) FROM (SELECT 1 FROM cases WHERE " FEW_WHERE " LIMIT ?2)", err);
	if (!s)
		return -1;
	closed_day(x, day);
	st_bind_str(s, 1, day);
	sqlite3_bind_int64(s, 2, span / FEW_SHARE + 1);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return st_fail(x->st, rc, err);
	return n <= span / FEW_SHARE;
}

/* The smallest case id after the cursor's place that has a forward or a
 * rating to hand on; INT64_MAX when none. */
static int64_t next_set_case(const stats_ctx *x, const cursor *k)
{
	int64_t id = INT64_MAX;
	if (k->fwd < x->n_fwds)
		id = x->fwds[k->fwd].case_id;
	if (k->rating < x->n_ratings && x->ratings[k->rating].case_id < id)
		id = x->ratings[k->rating].case_id;
	return id;
}

/* The case `id` of a forward or rating looked up by `one` (the id bound
 * first) and handed on; the sets' records of a case gone from the table are
 * passed over. 0, -1 when a callback stopped the reading, or SQLite's error
 * code. */
static int lookup_case(stats_ctx *x, const yz_stats_sink *sink, sqlite3_stmt *one, yz_stats_case *c,
                       cursor *k, int64_t id)
{
	int r;

	sqlite3_bind_int64(one, 1, id);
	r = sqlite3_step(one);
	if (r == SQLITE_ROW)
		r = case_row(x, sink, one, c, k) < 0 ? -1 : 0;
	else if (r == SQLITE_DONE)
		r = 0;
	sqlite3_reset(one);
	skip_to(x, k, id + 1);
	return r;
}

/* Read the cases: all of them in rowid order (the table itself, never an
 * index: a range of cases_accepted would look each row up at random, three
 * times slower), or, when few, the open ones and those closed since the
 * period began through cases_closed_day, in id order, each looked up in the
 * table, and between them the cases of a forward or rating of the period
 * that are neither (closed before it), one lookup each. */
static int scan_cases(stats_ctx *x, const yz_stats_sink *sink, yz_err *err)
{
	char sql[512], day[11];
	yz_stats_case *c = calloc(1, sizeof *c);
	cursor k = {0};
	sqlite3_stmt *s, *one = NULL;
	int rc = SQLITE_DONE, stop = 0, few = few_cases(x, err);

	if (few < 0 || !c) {
		free(c);
		return few < 0 ? -1 : no_memory(err);
	}
	if (few)
		case_sql(x, sql, sizeof sql,
		         "WHERE c.id IN (SELECT id FROM cases WHERE substr(closed_at, 1, 10) = ''"
		         " UNION ALL SELECT id FROM cases WHERE substr(closed_at, 1, 10) >= ?1)"
		         " ORDER BY c.id");
	else
		case_sql(x, sql, sizeof sql, "NOT INDEXED ORDER BY c.id");
	s = st_prep(x->st, sql, err);
	if (s && few) {
		closed_day(x, day);
		st_bind_str(s, 1, day);
		case_sql(x, sql, sizeof sql, "WHERE c.id = ?1");
		one = st_prep(x->st, sql, err);
	}
	if (!s || (few && !one)) {
		sqlite3_finalize(s);
		free(c);
		return -1;
	}
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0), other;
		/* The cases before this one with a forward or rating of the period. */
		while (!stop && one && (other = next_set_case(x, &k)) < id)
			stop = lookup_case(x, sink, one, c, &k, other);
		if (!stop)
			stop = case_row(x, sink, s, c, &k) < 0 ? -1 : 0;
	}
	/* ... and those after the last one. */
	while (rc == SQLITE_DONE && !stop && one && next_set_case(x, &k) < INT64_MAX)
		stop = lookup_case(x, sink, one, c, &k, next_set_case(x, &k));
	if (stop > 0)
		rc = stop; /* a lookup failed */
	sqlite3_finalize(s);
	sqlite3_finalize(one);
	free(c);
	if (stop < 0)
		return -1; /* stopped by a callback */
	return rc == SQLITE_DONE ? 0 : st_fail(x->st, rc, err);
}

static int read_all(stats_ctx *x, const yz_stats_sink *sink, yz_err *err)
{
	if (sink->on_case && load_pauses(x, err) < 0)
		return -1;
	if (sink->on_forward && load_forwards(x, err) < 0)
		return -1;
	if (sink->on_rating && (load_followed(x, err) < 0 || load_ratings(x, err) < 0))
		return -1;
	if (x->q->grid && (load_places(x, err) < 0 || load_homes(x, err) < 0))
		return -1;
	return scan_cases(x, sink, err);
}

int yz_stats_read(yz_store *st, const yz_stats_query *q, const yz_stats_sink *sink, yz_err *err)
{
	stats_ctx x = {.st = st, .q = q};
	int rc;

	x.ld = calloc(1, sizeof *x.ld);
	if (!x.ld)
		return no_memory(err);
	yz_date_format(q->from, x.from);
	yz_date_format(q->to, x.to);
	yz_local_midnight_utc(q->from, x.from_utc);
	yz_local_midnight_utc(yz_date_from_days(yz_date_to_days(q->to) + 1), x.end_utc);
	/* One read transaction: the sets and the scan see the same station. */
	if (st->tx_depth == 0)
		st_exec(st, "BEGIN", NULL);
	rc = read_all(&x, sink, err);
	if (st->tx_depth == 0)
		st_exec(st, "COMMIT", NULL);
	for (size_t i = 0; i < x.n_places; i++)
		free(x.places[i].name);
	for (size_t i = 0; i < x.n_depts; i++)
		free(x.depts[i]);
	free(x.places);
	free(x.homes);
	free(x.depts);
	free(x.pauses);
	free(x.fwds);
	free(x.ratings);
	free(x.followed);
	free(x.ld);
	return rc;
}
