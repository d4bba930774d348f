/* The district's statistics read at the hub (issue 17): the same records
 * yz_stats_read hands on at a station (records/stats.h), read from the
 * stations' rows the hub holds, for every station the login may read
 * (row-level security: the admin all, a station's login its own).
 *
 * One set-based statement in a REPEATABLE READ READ ONLY transaction: every
 * case of the station(s) once, joined by hash with its bu zheng pauses, its
 * forwards sent in the period (with the hub's own answer: a department
 * answered here and the station has not synced yet) and its rating given in
 * the period (with whether a follow-up of its case is done), each set
 * grouped by case in one pass — never a query per case, nor a lookup of the
 * case per forward or rating (three statements, each joining its records to
 * their cases, took longer: PostgreSQL misjudges how many rows a filter on
 * the JSON keeps and looked each rating's case up at random). The rows come
 * one at a time (libpq's single-row mode): a year of 1,000,000 cases is
 * never one result in memory, and, unlike a cursor's, the statement may run
 * on PostgreSQL's parallel workers. The time of a year is the server's:
 * reading every case's JSON. Tombstones (raw NULL) never count.
 *
 * Local dates (a case closed, a rating given) are worked out here from the
 * UTC stamps as the station does (the local time of this machine), through a
 * small cache: stamps of the same minute share their date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "hub_int.h"

/* The longest one statement of the read may take (the connection's own
 * limit, 60 s, is a sync's; a district's year of a million cases takes
 * seconds, a bigger district more). */
#define STATS_TIMEOUT "SET LOCAL statement_timeout = '15min'"
#define STATS_WAIT_S  (15 * 60 + 15)

/* ---- local dates ---------------------------------------------------------------- */

/* A date value: 10 bytes, else "" (as the store reads its date columns). */
static void copy_date(const char *v, char out[11])
{
	if (strlen(v) == 10) {
		memcpy(out, v, 11);
	} else {
		out[0] = '\0';
	}
}

/* ---- the statements ------------------------------------------------------------- */

/* The one statement: every case of the station(s) with its pauses, its
 * forwards sent in the period and its rating given in it, each set
 * aggregated once and joined by hash (one pass over h_case, never a query
 * per case nor a lookup per forward or rating). $1 the station (NULL: every
 * one the login reads), $2 the period's last day, $3 its first moment (UTC
 * stamp), $4 its first day, $5 the moment after its last day. Stamps and
 * dates are compared byte by byte (COLLATE "C"), as the station's SQLite
 * compares them. A case comes when it is the period's (accepted by its end,
 * not closed before it) or has a forward or a rating of it. A case's
 * forwards are one text: "department US sent US due US answered" joined by
 * RS (the separators taken out of the names). */
#define US "E'\\x1f'"
#define RS "E'\\x1e'"

static const char read_sql[] =
    "SELECT c.station, coalesce(c.body ->> 'accepted', ''), coalesce(c.body ->> 'closed_at', ''),"
    " coalesce(c.body ->> 'due', ''), coalesce(c.body ->> 'promise_days', '-1'),"
    " coalesce(c.body ->> 'line', ''), coalesce(c.body ->> 'form', ''),"
    " coalesce(c.body ->> 'item', ''), coalesce(c.body ->> 'clerk', ''),"
    " coalesce(p.n, 0), coalesce(p.pauses, ''), coalesce(w.fwds, ''),"
    " t.score, t.at, t.followed"
    " FROM h_case c"
    /* the pauses started by the period's end */
    " LEFT JOIN (SELECT station, case_no, count(*) AS n,"
    "   string_agg((body ->> 'from') || ' ' || coalesce(body ->> 'until', ''), ','"
    "   ORDER BY key) AS pauses"
    "   FROM h_pause WHERE raw IS NOT NULL AND (body ->> 'from') COLLATE \"C\" <= $2::text"
    "   AND coalesce(body ->> 'from', '') <> ''"
    "   AND ($1::text IS NULL OR station = $1::text)"
    "   GROUP BY station, case_no) p ON p.station = c.station AND p.case_no = c.key"
    /* the forwards sent in the period, answered by the station or at the hub */
    " LEFT JOIN (SELECT f.station, f.case_no, string_agg("
    "   translate(coalesce(f.department, ''), " US " || " RS ", '  ') || " US " || f.sent"
    "   || " US " || coalesce(f.dept_due, '') || " US " || coalesce(NULLIF(f.body ->> "
    "   'result_date', ''), to_char(a.result_date, 'YYYY-MM-DD'), ''), " RS " ORDER BY f.key)"
    "   AS fwds FROM h_forward f"
    "   LEFT JOIN answers a ON a.station = f.station AND a.forward_key = f.key"
    "   WHERE f.raw IS NOT NULL AND ($1::text IS NULL OR f.station = $1::text)"
    "   AND f.sent >= $4::text AND f.sent <= $2::text"
    "   GROUP BY f.station, f.case_no) w ON w.station = c.station AND w.case_no = c.key"
    /* the rating given in the period (one a case), followed when a
     * follow-up of its case is done */
    " LEFT JOIN (SELECT r.station, r.key, coalesce(r.body ->> 'score', '') AS score,"
    "   r.body ->> 'at' AS at, u.case_no IS NOT NULL AS followed FROM h_rating r"
    "   LEFT JOIN (SELECT DISTINCT station, case_no FROM h_followup"
    "     WHERE raw IS NOT NULL AND body ->> 'state' = 'done'"
    "     AND ($1::text IS NULL OR station = $1::text)) u"
    "     ON u.station = r.station AND u.case_no = r.key"
    "   WHERE r.raw IS NOT NULL AND ($1::text IS NULL OR r.station = $1::text)"
    "   AND (r.body ->> 'at') COLLATE \"C\" >= $3::text"
    "   AND (r.body ->> 'at') COLLATE \"C\" < $5::text) t"
    "   ON t.station = c.station AND t.key = c.key"
    " WHERE c.raw IS NOT NULL AND ($1::text IS NULL OR c.station = $1::text)"
    " AND (((c.body ->> 'accepted') COLLATE \"C\" <= $2::text"
    "   AND (coalesce(c.body ->> 'closed_at', '') = ''"
    "     OR (c.body ->> 'closed_at') COLLATE \"C\" >= $3::text))"
    "   OR w.fwds IS NOT NULL OR t.at IS NOT NULL)";

/* ---- reading -------------------------------------------------------------------- */

typedef struct read_ctx {
	yz_hub *h;
	const yz_stats_sink *sink;
	yz_local_dates *ld;
	int64_t next_id;
	yz_stats_case c;       /* the case being handed on (pauses inline: a few KB) */
	char from[11], to[11]; /* the period */
	char *buf;             /* a case's forwards, cut into fields */
	size_t cap;
	const char *what;
	yz_err *err; /* the read's (out of memory while cutting) */
} read_ctx;

/* The keys of a row at columns col.. (line, form, item, clerk). */
static void row_keys(const PGresult *res, int row, int col, yz_stats_keys *k)
{
	k->station = PQgetvalue(res, row, 0);
	k->line = PQgetvalue(res, row, col);
	k->form_id = PQgetvalue(res, row, col + 1);
	k->item = PQgetvalue(res, row, col + 2);
	k->clerk = PQgetvalue(res, row, col + 3);
	k->grid = "";
}

/* "from until,from until,…" into c's pauses (the first YZ_STATS_MAX_PAUSES). */
static void parse_pauses(yz_stats_case *c, const char *list, long all)
{
	c->n_pauses = 0;
	c->n_pauses_all = all > 0 ? (size_t)all : 0;
	while (*list && c->n_pauses < YZ_STATS_MAX_PAUSES) {
		size_t len = strcspn(list, ",");
		const char *sp = memchr(list, ' ', len);
		yz_stats_pause *p = &c->pauses[c->n_pauses];
		size_t fl = sp ? (size_t)(sp - list) : len;
		size_t ul = sp ? len - fl - 1 : 0;
		p->from[0] = p->until[0] = '\0';
		if (fl == 10) {
			memcpy(p->from, list, 10);
			p->from[10] = '\0';
		}
		if (ul == 10) {
			memcpy(p->until, sp + 1, 10);
			p->until[10] = '\0';
		}
		if (p->from[0])
			c->n_pauses++;
		list += len;
		if (*list == ',')
			list++;
	}
}

/* A case's forwards ("department US sent US due US answered", RS between
 * them) handed on one by one. */
static int forwards(read_ctx *x, const yz_stats_case *c, const char *list)
{
	size_t len = strlen(list) + 1;
	if (len > x->cap) {
		char *b = realloc(x->buf, len);
		if (!b) {
			yz_err_setc(x->err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
			return -1;
		}
		x->buf = b;
		x->cap = len;
	}
	memcpy(x->buf, list, len);
	for (char *one = x->buf, *next; one; one = next) {
		char *f[4] = {one, "", "", ""};
		next = strchr(one, '\x1e');
		if (next)
			*next++ = '\0';
		for (int k = 1; k < 4; k++) {
			char *sep = strchr(f[k - 1], '\x1f');
			if (!sep)
				break;
			*sep = '\0';
			f[k] = sep + 1;
		}
		yz_stats_forward w = {.case_id = c->id, .department = f[0], .keys = c->keys};
		copy_date(f[1], w.sent);
		copy_date(f[2], w.due);
		copy_date(f[3], w.answered);
		int rc = x->sink->on_forward(&w, x->sink->ctx);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* One row: the case when it is the period's, then its forwards and its
 * rating, as the station's read hands them on. 0, or the callback's
 * non-zero (-1: out of memory here). */
static int on_row(read_ctx *x, const PGresult *res, int i)
{
	yz_stats_case *c = &x->c;
	int rc = 0;

	c->id = ++x->next_id;
	copy_date(PQgetvalue(res, i, 1), c->accepted);
	yz_local_dates_get(x->ld, PQgetvalue(res, i, 2), c->closed);
	copy_date(PQgetvalue(res, i, 3), c->due);
	c->promise_days = atoi(PQgetvalue(res, i, 4));
	row_keys(res, i, 5, &c->keys);
	if (x->sink->on_case && c->accepted[0] && strcmp(c->accepted, x->to) <= 0 &&
	    (!c->closed[0] || strcmp(c->closed, x->from) >= 0)) {
		parse_pauses(c, PQgetvalue(res, i, 10), atol(PQgetvalue(res, i, 9)));
		rc = x->sink->on_case(c, x->sink->ctx);
	}
	const char *fwds = PQgetvalue(res, i, 11);
	if (rc == 0 && *fwds && x->sink->on_forward)
		rc = forwards(x, c, fwds);
	if (rc == 0 && !PQgetisnull(res, i, 13) && x->sink->on_rating) {
		yz_stats_rating r = {.case_id = c->id,
		                     .score = atoi(PQgetvalue(res, i, 12)),
		                     .followed = !strcmp(PQgetvalue(res, i, 14), "t"),
		                     .keys = c->keys};
		yz_local_dates_get(x->ld, PQgetvalue(res, i, 13), r.date);
		rc = x->sink->on_rating(&r, x->sink->ctx);
	}
	return rc;
}

typedef int (*row_fn)(read_ctx *x, const PGresult *res, int i);

/* The next result of the statement being read (single-row mode: the first
 * comes only when the server has built its sets), waited for a little longer
 * than the statement may run so that the server's own limit speaks first;
 * NULL at its end, or when the link failed or the time ran out. */
static PGresult *next_result(yz_hub *h)
{
	return hub_wait_ready(h, time(NULL) + STATS_WAIT_S) ? PQgetResult(h->conn) : NULL;
}

/* Run sql (five parameters) and hand each row to fn as it comes. 0; -1
 * with err (a callback that stopped the reading left err as it was: the
 * statement is cancelled, what it still sends read and dropped). */
static int read_rows(read_ctx *x, const char *sql, const char *const *params, row_fn fn,
                     yz_err *err)
{
	yz_hub *h = x->h;
	PGresult *res, *failed = NULL;
	bool done = false, stopped = false;

	if (h->timed_out || !PQsendQueryParams(h->conn, sql, 5, NULL, params, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(h->conn)) {
		hub_fail(h, NULL, x->what, err);
		return -1;
	}
	while ((res = next_result(h))) {
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_SINGLE_TUPLE) {
			if (!stopped && !failed && fn(x, res, 0) != 0) {
				char why[256];
				PGcancel *c = PQgetCancel(h->conn);
				stopped = true;
				if (c) {
					PQcancel(c, why, sizeof why);
					PQfreeCancel(c);
				}
			}
		} else if (st == PGRES_TUPLES_OK) {
			done = true;
		} else if (!failed) {
			failed = res; /* the first error, for its words */
			continue;
		}
		PQclear(res);
	}
	if (stopped) {
		PQclear(failed);
		return -1;
	}
	if (failed || !done || h->timed_out) {
		hub_fail(h, failed, x->what, err);
		PQclear(failed);
		return -1;
	}
	return 0;
}

int yz_hub_stats_read(yz_hub *h, const char *station, const yz_stats_query *q,
                      const yz_stats_sink *sink, yz_err *err)
{
	char from_utc[21], end_utc[21];
	read_ctx x = {.h = h,
	              .sink = sink,
	              .what = _("Could not read the district's statistics"),
	              .err = err};
	int rc = 0;

	if (station && *station && !hub_valid_code(station, false)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("\"%s\" is not a station code (A-Z and 0-9, at most 16)."), station);
		return -1;
	}
	x.ld = calloc(1, sizeof *x.ld);
	if (!x.ld) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	yz_date_format(q->from, x.from);
	yz_date_format(q->to, x.to);
	yz_local_midnight_utc(q->from, from_utc);
	yz_local_midnight_utc(yz_date_from_days(yz_date_to_days(q->to) + 1), end_utc);
	const char *params[] = {station && *station ? station : NULL, x.to, from_utc, x.from,
	                        end_utc};

	/* One snapshot (the statement's; the transaction makes it read only
	 * and gives it its time). */
	if (hub_exec(h, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; " STATS_TIMEOUT, x.what,
	             err) != 0)
		rc = -1;
	if (rc == 0)
		rc = read_rows(&x, read_sql, params, on_row, err);
	if (rc == 0)
		rc = hub_exec(h, "COMMIT", x.what, err);
	if (rc != 0)
		hub_rollback(h);
	free(x.buf);
	free(x.ld);
	return rc;
}
