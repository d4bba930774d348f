/* The rows of the stations' ledgers at the district hub (issue 17): the same
 * records the station's store streams (records/ledger.h), made from the
 * bodies the stations synced (the JSON of their sync_<kind> views, store
 * schema 8). Cases, forwards and follow-ups are each one statement with the
 * case's applicant, rating, pauses and latest forward joined in (set-based:
 * never a query per case); a case's shared fields come from a second
 * statement in the same (station, case number) order, merged beside it as
 * the store does. Both are cursors of one REPEATABLE READ READ ONLY
 * transaction (the rows and their fields are one snapshot), fetched a chunk
 * at a time: a district's year of a million cases is never one result in
 * memory. Tombstones (raw NULL) are never read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "hub_int.h"

/* Rows a FETCH brings: large enough that round trips cost little, small
 * enough that a chunk of wide case rows stays a few megabytes. */
#define CHUNK 2000

/* Parameters of every statement: $1 station ("" = all the login reads), $2
 * forms (" a b "), $3 from, $4 to (the source's own date), $5 line, $6
 * clerk. */
#define CASE_WHERE(datecol)                                                                        \
	" WHERE c.raw IS NOT NULL AND ($1 = '' OR c.station = $1)"                                 \
	" AND ($2 = '' OR strpos($2, ' ' || (c.body ->> 'form') || ' ') > 0)"                      \
	" AND ($3 = '' OR (" datecol ") COLLATE \"C\" >= $3)"                                      \
	" AND ($4 = '' OR (" datecol ") COLLATE \"C\" <= $4)"                                      \
	" AND ($5 = '' OR c.body ->> 'line' = $5) AND ($6 = '' OR c.body ->> 'clerk' = $6)"

/* The case's columns (N_CASE), as the store's ledger_rows.c reads them; the
 * latest forward's result is the station's, else a department's answer made
 * at the hub that the station has not fetched yet. A case's pauses are the
 * keys "CASE/..." of its station: a range of h_pause's primary key ('/' and
 * '0' are neighbours in byte order), not a scan of the station's pauses for
 * each case (h_pause has no index on case_no). */
#define CASE_COLS                                                                                  \
	"SELECT c.station, s.name, c.key, coalesce(c.body ->> 'form', ''),"                        \
	" coalesce(c.body ->> 'item', ''), coalesce(c.body ->> 'line', ''),"                       \
	" coalesce(c.body ->> 'state', ''), coalesce(c.body ->> 'status', ''),"                    \
	" coalesce(c.body ->> 'result', ''), coalesce(c.body ->> 'clerk', ''),"                    \
	" coalesce(c.body ->> 'owner', ''), coalesce(c.body ->> 'accepted', ''),"                  \
	" coalesce(c.body ->> 'closed_at', ''), coalesce(c.body ->> 'due', ''),"                   \
	" coalesce(c.body ->> 'legal_due', ''), coalesce(c.body ->> 'promise_days', '-1'),"        \
	" coalesce(c.body ->> 'extension_days', '0'),"                                             \
	" coalesce((SELECT string_agg(coalesce(p.body ->> 'from', '') || '/' ||"                   \
	" coalesce(p.body ->> 'until', ''), ' ' ORDER BY p.key) FROM h_pause p"                    \
	" WHERE p.station = c.station AND p.key > c.key || '/' AND p.key < c.key || '0'"           \
	" AND p.raw IS NOT NULL), ''),"                                                            \
	" coalesce(r.body ->> 'score', '0'), coalesce(r.body ->> 'comment', ''),"                  \
	" a.key IS NOT NULL, coalesce(a.body ->> 'name', ''), coalesce(a.body ->> 'idno', ''),"    \
	" coalesce(lf.body ->> 'id', '0'), coalesce(lf.department, ''), coalesce(lf.sent, ''),"    \
	" coalesce(lf.dept_due, ''), coalesce(lf.result, lan.result, ''),"                         \
	" coalesce(NULLIF(lf.body ->> 'result_date', ''),"                                         \
	" to_char(lan.result_date, 'YYYY-MM-DD'), ''), coalesce(lf.body ->> 'notified_how', ''),"  \
	" coalesce(lf.body ->> 'notified_date', '')"
#define N_CASE 31
#define CASE_JOINS                                                                                 \
	" JOIN stations s ON s.code = c.station"                                                   \
	" LEFT JOIN h_rating r ON r.station = c.station AND r.key = c.key AND r.raw IS NOT NULL"   \
	" LEFT JOIN h_applicant a ON a.station = c.station AND a.key = c.key"                      \
	" AND a.raw IS NOT NULL"                                                                   \
	" LEFT JOIN LATERAL (SELECT f.station, f.key, f.body, f.department, f.sent, f.dept_due,"   \
	" f.result FROM h_forward f WHERE f.station = c.station AND f.case_no = c.key"             \
	" AND f.raw IS NOT NULL ORDER BY f.key DESC LIMIT 1) lf ON true"                           \
	" LEFT JOIN answers lan ON lan.station = lf.station AND lan.forward_key = lf.key"

#define CASES_FROM " FROM h_case c" CASE_JOINS
#define CASES_SQL  CASE_COLS CASES_FROM CASE_WHERE("c.body ->> 'accepted'")
static const char cases_sql[] = CASES_SQL " ORDER BY c.station, c.key";

/* A forward's own columns (after the case's): the department's answer at
 * the hub as for the case's latest. */
#define FORWARD_COLS                                                                               \
	", coalesce(xf.body ->> 'id', '0'), coalesce(xf.department, ''),"                          \
	" coalesce(xf.sent, ''), coalesce(xf.dept_due, ''), coalesce(xf.result, xan.result, ''),"  \
	" coalesce(NULLIF(xf.body ->> 'result_date', ''),"                                         \
	" to_char(xan.result_date, 'YYYY-MM-DD'), ''), coalesce(xf.body ->> 'notified_how', ''),"  \
	" coalesce(xf.body ->> 'notified_date', '')"
#define FORWARDS_FROM                                                                              \
	" FROM h_forward xf JOIN h_case c ON c.station = xf.station AND c.key = xf.case_no"
#define FORWARDS_JOINS                                                                             \
	CASE_JOINS " LEFT JOIN answers xan ON xan.station = xf.station AND xan.forward_key = "     \
	           "xf.key"
static const char forwards_sql[] = CASE_COLS FORWARD_COLS FORWARDS_FROM FORWARDS_JOINS CASE_WHERE(
    "xf.sent") " AND xf.raw IS NOT NULL ORDER BY c.station, c.key, xf.key";

/* A follow-up's own columns (its outcome and calls are not synced). */
#define FOLLOWUP_COLS                                                                              \
	", coalesce(fu.body ->> 'due', ''), coalesce(fu.body ->> 'note', ''),"                     \
	" coalesce(fu.body ->> 'done_by', ''), coalesce(fu.body ->> 'done_at', ''),"               \
	" coalesce(fu.body ->> 'state', '')"
#define FOLLOWUPS_FROM                                                                             \
	" FROM h_followup fu JOIN h_case c ON c.station = fu.station AND c.key = fu.case_no"
static const char followups_sql[] = CASE_COLS FOLLOWUP_COLS FOLLOWUPS_FROM CASE_JOINS CASE_WHERE(
    "fu.body ->> 'due'") " AND fu.raw IS NOT NULL ORDER BY c.station, c.key, fu.key";

/* The shared fields of the same cases, in the same order: a field's key is
 * "CASE/ord", and '/' sorts before every character of a case number, so
 * (station, key) is the cases' order, and its own primary key's. */
#define FIELDS_SQL(from, datecol, own)                                                             \
	"SELECT hf.station, hf.case_no, coalesce(hf.body ->> 'key', ''),"                          \
	" coalesce(hf.body ->> 'value', '') FROM h_field hf WHERE hf.raw IS NOT NULL"              \
	" AND (hf.station, hf.case_no) IN (SELECT c.station, c.key" from                           \
	CASE_WHERE(datecol) own ") ORDER BY hf.station, hf.key"
static const char cases_fields_sql[] = FIELDS_SQL(" FROM h_case c", "c.body ->> 'accepted'", "");
static const char forwards_fields_sql[] =
    FIELDS_SQL(FORWARDS_FROM, "xf.sent", " AND xf.raw IS NOT NULL");
static const char followups_fields_sql[] =
    FIELDS_SQL(FOLLOWUPS_FROM, "fu.body ->> 'due'", " AND fu.raw IS NOT NULL");

typedef enum src_kind { SRC_CASES, SRC_FORWARDS, SRC_FOLLOWUPS } src_kind;

/* ---- cursors ------------------------------------------------------------------ */

typedef struct cursor {
	const char *name; /* the SQL cursor's */
	PGresult *res;    /* the chunk fetched last */
	int row, rows;    /* the current row in it, and how many it has */
	bool last;        /* the chunk was the last (fewer rows than asked) */
} cursor;

static const char *what_failed(void)
{
	return _("Could not read the ledger's rows at the hub");
}

/* Declare name for sql with its n parameters v. */
static int declare(yz_hub *h, const char *name, const char *sql, const char *const *v, int n,
                   yz_err *err)
{
	hub_buf b = {0};
	hub_buf_str(&b, "DECLARE ");
	hub_buf_str(&b, name);
	hub_buf_str(&b, " NO SCROLL CURSOR FOR ");
	hub_buf_str(&b, sql);
	if (b.oom) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	PGresult *res = hub_wait(h, PQsendQueryParams(h->conn, b.s, n, NULL, v, NULL, NULL, 0));
	hub_buf_free(&b);
	int rc = res && PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc)
		hub_fail(h, res, what_failed(), err);
	PQclear(res);
	return rc;
}

/* Move to the cursor's next row, fetching the next chunk when the current
 * one is used up: 1 a row, 0 the end, -1 with err. */
static int cur_next(yz_hub *h, cursor *c, yz_err *err)
{
	if (c->res && ++c->row < c->rows)
		return 1;
	if (c->res && c->last)
		return 0;
	PQclear(c->res);
	c->res = NULL;
	char sql[64];
	snprintf(sql, sizeof sql, "FETCH %d FROM %s", CHUNK, c->name);
	PGresult *res = hub_query(h, sql);
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		hub_fail(h, res, what_failed(), err);
		PQclear(res);
		return -1;
	}
	c->res = res;
	c->row = 0;
	c->rows = PQntuples(res);
	c->last = c->rows < CHUNK;
	return c->rows > 0;
}

static const char *val(const cursor *c, int col)
{
	return PQgetvalue(c->res, c->row, col);
}

/* ---- a case's fields, read beside it -------------------------------------------- */

/* The fields of the current case, copied (the fields' cursor may fetch its
 * next chunk before they are all read). */
typedef struct field_set {
	cursor cur;
	int state;         /* cur_next's last answer (1 on a row) */
	const char **keys; /* offsets into buf until complete, then pointers */
	const char **vals;
	size_t n, cap;
	hub_buf buf;
	char station[17], case_no[64]; /* the case they are of ("" = none yet) */
} field_set;

static int fs_push(field_set *fs, const char *k, const char *v)
{
	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 64;
		const char **keys = realloc(fs->keys, cap * sizeof *keys);
		if (!keys)
			return -1;
		fs->keys = keys;
		const char **vals = realloc(fs->vals, cap * sizeof *vals);
		if (!vals)
			return -1;
		fs->vals = vals;
		fs->cap = cap;
	}
	/* hub_buf_add keeps a NUL after the text: each string ends where the
	 * next begins, one byte on. */
	fs->keys[fs->n] = (const char *)(uintptr_t)fs->buf.len;
	hub_buf_add(&fs->buf, k, strlen(k) + 1);
	fs->vals[fs->n] = (const char *)(uintptr_t)fs->buf.len;
	hub_buf_add(&fs->buf, v, strlen(v) + 1);
	fs->n++;
	return fs->buf.oom ? -1 : 0;
}

/* (station, case) against the fields' row: the order of both cursors
 * (COLLATE "C": byte order, as strcmp). */
static int cmp_case(const char *st_a, const char *no_a, const char *st_b, const char *no_b)
{
	int r = strcmp(st_a, st_b);
	return r ? r : strcmp(no_a, no_b);
}

/* Collect the fields of case (station, no) (skipping those of cases before
 * it; a case met again, a second forward of it, keeps the ones collected). */
static int fs_collect(yz_hub *h, field_set *fs, const char *station, const char *no, yz_err *err)
{
	if (!strcmp(fs->station, station) && !strcmp(fs->case_no, no))
		return 0;
	hub_copy(fs->station, sizeof fs->station, station);
	hub_copy(fs->case_no, sizeof fs->case_no, no);
	fs->n = 0;
	fs->buf.len = 0;
	while (fs->state == 1) {
		int r = cmp_case(val(&fs->cur, 0), val(&fs->cur, 1), station, no);
		if (r > 0)
			break;
		if (r == 0 && fs_push(fs, val(&fs->cur, 2), val(&fs->cur, 3)) < 0) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
			return -1;
		}
		fs->state = cur_next(h, &fs->cur, err);
	}
	if (fs->state < 0)
		return -1;
	for (size_t i = 0; i < fs->n; i++) {
		fs->keys[i] = fs->buf.s + (uintptr_t)fs->keys[i];
		fs->vals[i] = fs->buf.s + (uintptr_t)fs->vals[i];
	}
	return 0;
}

/* ---- a row -------------------------------------------------------------------- */

/* The person a shared applicant is at the hub: the same station and ID
 * number, the same number (FNV-1a of both; never 0), as a station's
 * registry gives one resident one id across their cases. */
static int64_t person_id(const char *station, const char *idno)
{
	uint64_t h = 14695981039346656037u;
	for (const char *p = station; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h = (h ^ 0xFFu) * 1099511628211u; /* a separator no code holds */
	for (const char *p = idno; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h &= INT64_MAX;
	return h ? (int64_t)h : 1;
}

static void read_forward(const cursor *c, int i, yz_lrow_forward *f)
{
	f->id = strtoll(val(c, i), NULL, 10);
	f->department = val(c, i + 1);
	f->sent = val(c, i + 2);
	f->due = val(c, i + 3);
	f->result = val(c, i + 4);
	f->result_date = val(c, i + 5);
	f->notified_how = val(c, i + 6);
	f->notified = val(c, i + 7);
}

/* What one row carries besides its case. */
typedef struct row_bufs {
	yz_lrow_case c;
	yz_lrow_person p;
	yz_lrow_household h;
	char birth[11];
} row_bufs;

static void read_case(const cursor *cur, int64_t id, row_bufs *b)
{
	yz_lrow_case *c = &b->c;

	memset(b, 0, sizeof *b);
	c->id = id;
	c->station = val(cur, 0);
	c->station_name = val(cur, 1);
	c->number = val(cur, 2);
	c->form_id = val(cur, 3);
	c->item = val(cur, 4);
	c->line = val(cur, 5);
	c->state = val(cur, 6);
	c->status = val(cur, 7);
	c->result = val(cur, 8);
	/* Users stay at the station: the logins stand for the names. */
	c->clerk_login = c->clerk_name = val(cur, 9);
	c->owner_name = val(cur, 10);
	c->accepted = val(cur, 11);
	yz_utc_local_date(val(cur, 12), c->closed);
	c->due = val(cur, 13);
	c->legal_due = val(cur, 14);
	c->promise_days = atoi(val(cur, 15));
	c->extension_days = atoi(val(cur, 16));
	c->sensitive = false; /* no staff lists at the hub: its roles decided */
	c->n_pauses =
	    yz_pauses_parse(val(cur, 17), c->pauses, YZ_LROW_MAX_PAUSES, &c->n_pauses_all);
	c->rating = atoi(val(cur, 18));
	c->rating_comment = val(cur, 19);
	bool applicant = !strcmp(val(cur, 20), "t");
	c->resident_name = val(cur, 21);
	c->resident_idno = val(cur, 22);
	read_forward(cur, 23, &c->forward);

	/* The person: the shared applicant (birth and sex from the ID number). */
	yz_lrow_person *p = &b->p;
	p->name = p->idno = p->birth = p->ethnicity = p->phone = "";
	p->address = p->relation = p->tags = "";
	if (applicant) {
		yz_idcard card;
		p->id = person_id(c->station, c->resident_idno);
		p->name = c->resident_name;
		p->idno = c->resident_idno;
		if (yz_idcard_check(p->idno, (yz_date){9999, 12, 31}, &card) == YZ_ID_OK) {
			yz_date_format(card.birth, b->birth);
			p->birth = b->birth;
			p->female = card.female != 0;
		}
	}
	yz_lrow_household *hh = &b->h;
	hh->code = hh->address = hh->head = hh->grid = "";
}

/* ---- the walk ------------------------------------------------------------------- */

static int run(yz_hub *h, src_kind kind, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx,
               yz_err *err)
{
	static const char *const sqls[] = {cases_sql, forwards_sql, followups_sql};
	static const char *const fsqls[] = {cases_fields_sql, forwards_fields_sql,
	                                    followups_fields_sql};
	const char *v[6] = {
	    q->station ? q->station : "", q->forms ? q->forms : "", q->from ? q->from : "",
	    q->to ? q->to : "",           q->line ? q->line : "",   q->clerk ? q->clerk : "",
	};
	cursor rows = {.name = "yz_lrows"};
	field_set fs = {.cur = {.name = "yz_lfields"}};
	int stop = 0, got = 0;
	int64_t id = 0;

	/* Every row is fetched: the planner is told so (cursor_tuple_fraction 1),
	 * or it picks a plan quick to its first rows, a nested loop over the
	 * stations that filters the period's cases once per station (2.5 times
	 * slower for a month of 200 stations). */
	if (hub_exec(h,
	             "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"
	             " SET LOCAL cursor_tuple_fraction = 1",
	             what_failed(), err) != 0 ||
	    declare(h, rows.name, sqls[kind], v, 6, err) != 0 ||
	    (q->fields && declare(h, fs.cur.name, fsqls[kind], v, 6, err) != 0))
		goto fail;
	if (q->fields && (fs.state = cur_next(h, &fs.cur, err)) < 0)
		goto fail;
	while (!stop && (got = cur_next(h, &rows, err)) == 1) {
		row_bufs b;
		yz_lrow_forward fw;
		yz_lrow_followup fu;
		yz_lrow row = {.c = &b.c, .p = &b.p, .h = &b.h};

		read_case(&rows, ++id, &b);
		if (q->fields) {
			if (fs_collect(h, &fs, b.c.station, b.c.number, err) < 0)
				goto fail;
			b.c.field_keys = fs.keys;
			b.c.field_vals = fs.vals;
			b.c.n_fields = fs.n;
		}
		if (kind == SRC_FORWARDS) {
			read_forward(&rows, N_CASE, &fw);
			row.fw = &fw;
		} else if (kind == SRC_FOLLOWUPS) {
			fu.id = id;
			fu.due = val(&rows, N_CASE);
			fu.note = val(&rows, N_CASE + 1);
			fu.done_by = val(&rows, N_CASE + 2);
			fu.done_at = val(&rows, N_CASE + 3);
			fu.state = val(&rows, N_CASE + 4);
			fu.outcome =
			    ""; /* not synced: the stations send the call, not its outcome */
			fu.attempts = -1;
			row.fu = &fu;
		}
		stop = cb(&row, ctx);
	}
	if (got < 0)
		goto fail;
	PQclear(rows.res);
	PQclear(fs.cur.res);
	free(fs.keys);
	free(fs.vals);
	hub_buf_free(&fs.buf);
	if (hub_exec(h, "COMMIT", what_failed(), err) != 0) {
		hub_rollback(h);
		return -1;
	}
	return stop;
fail:
	PQclear(rows.res);
	PQclear(fs.cur.res);
	free(fs.keys);
	free(fs.vals);
	hub_buf_free(&fs.buf);
	hub_rollback(h);
	return -1;
}

int yz_hub_lrows_cases(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run(h, SRC_CASES, q, cb, ctx, err);
}

int yz_hub_lrows_forwards(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run(h, SRC_FORWARDS, q, cb, ctx, err);
}

int yz_hub_lrows_followups(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run(h, SRC_FOLLOWUPS, q, cb, ctx, err);
}

/* Each shared applicant's latest case of a form (by case number: numbers
 * grow with time within a station), accepted by $3. */
static const char latest_sql[] =
    "SELECT DISTINCT ON (c.station, a.body ->> 'idno') c.station, a.body ->> 'idno',"
    " coalesce(c.body ->> 'status', ''), coalesce(c.body ->> 'result', ''),"
    " coalesce(c.body ->> 'accepted', '') FROM h_case c JOIN h_applicant a"
    " ON a.station = c.station AND a.key = c.key AND a.raw IS NOT NULL"
    " WHERE c.raw IS NOT NULL AND ($1 = '' OR c.station = $1) AND c.body ->> 'form' = $2"
    " AND ($3 = '' OR (c.body ->> 'accepted') COLLATE \"C\" <= $3)"
    " AND coalesce(a.body ->> 'idno', '') <> ''"
    " ORDER BY c.station, a.body ->> 'idno', c.key DESC";

int yz_hub_lrows_latest(yz_hub *h, const char *station, const char *form_id, const char *to,
                        yz_hub_latest_cb cb, void *ctx, yz_err *err)
{
	const char *v[3] = {station ? station : "", form_id ? form_id : "", to ? to : ""};
	cursor cur = {.name = "yz_llatest"};
	int stop = 0, got = 0;

	if (hub_exec(h,
	             "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"
	             " SET LOCAL cursor_tuple_fraction = 1",
	             what_failed(), err) != 0 ||
	    declare(h, cur.name, latest_sql, v, 3, err) != 0)
		goto fail;
	while (!stop && (got = cur_next(h, &cur, err)) == 1)
		stop = cb(person_id(val(&cur, 0), val(&cur, 1)), val(&cur, 2), val(&cur, 3),
		          val(&cur, 4), ctx);
	if (got < 0)
		goto fail;
	PQclear(cur.res);
	if (hub_exec(h, "COMMIT", what_failed(), err) != 0) {
		hub_rollback(h);
		return -1;
	}
	return stop;
fail:
	PQclear(cur.res);
	hub_rollback(h);
	return -1;
}
