/* The papers of the station's surveys (issue 18): what yizhan/store/surveys.h
 * says. Every write is one transaction with its audit row, so a paper is
 * either keyed and audited or not there at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

static bool range_ok(long first, long count, yz_err *err)
{
	if (first >= 1 && count >= 0 && first <= YZ_SURVEY_SERIAL_MAX &&
	    count <= YZ_SURVEY_SERIAL_MAX - first + 1)
		return true;
	yz_err_setc(err, YZ_ERR_INVALID, _("A paper's serial number is from 1 to %ld."),
	            YZ_SURVEY_SERIAL_MAX);
	return false;
}

/* Serials first .. first + count - 1 into survey_issued, inside the caller's
 * transaction; *added gets how many were new. */
static int insert_issued(yz_store *st, const char *survey, long first, long count, long *added,
                         yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "INSERT OR IGNORE INTO survey_issued(survey, serial) VALUES (?1, ?2)", err);
	int rc = SQLITE_DONE;

	*added = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	for (long i = 0; i < count && rc == SQLITE_DONE; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 2, first + i);
		rc = sqlite3_step(s);
		if (rc == SQLITE_DONE)
			*added += sqlite3_changes(st->db);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int yz_spaper_issue(yz_store *st, const char *survey, long first, long count, long *added,
                    yz_err *err)
{
	long n = 0;

	if (added)
		*added = 0;
	if (!range_ok(first, count, err) || st_tx_begin(st, err) < 0)
		return -1;
	int rc = insert_issued(st, survey, first, count, &n, err);
	if (st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 || rc < 0)
		return -1;
	if (added)
		*added = n;
	return 0;
}

static void long_row(sqlite3_stmt *s, void *out)
{
	*(long *)out = (long)sqlite3_column_int64(s, 0);
}

/* The highest serial issued or on a paper, counter responses left out (their
 * numbers are drawn at random: yz_spaper_counter_serial). */
static int top_serial(yz_store *st, const char *survey, long *top, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT max(coalesce((SELECT max(serial) FROM survey_issued"
	                          " WHERE survey = ?1), 0), coalesce((SELECT max(serial)"
	                          " FROM survey_papers WHERE survey = ?1 AND mode <> 'counter'),"
	                          " 0))",
	                          err);

	*top = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	return st_get_row(st, s, long_row, top, err) < 0 ? -1 : 0;
}

int yz_spaper_next_serial(yz_store *st, const char *survey, long *out, yz_err *err)
{
	long top;

	if (top_serial(st, survey, &top, err) < 0)
		return -1;
	*out = top < YZ_SURVEY_SERIAL_MAX ? top + 1 : YZ_SURVEY_SERIAL_MAX;
	return 0;
}

int yz_spaper_issue_next(yz_store *st, const char *survey, long count, long *first, yz_err *err)
{
	long top, added;
	int rc;

	*first = 0;
	if (st_tx_begin(st, err) < 0)
		return -1;
	rc = top_serial(st, survey, &top, err);
	if (rc == 0 && !range_ok(top + 1, count, err))
		rc = -1;
	if (rc == 0 && top + count >= YZ_SURVEY_COUNTER_FIRST) {
		yz_err_setc(err, YZ_ERR_INVALID, _("Printed papers are numbered below %ld."),
		            YZ_SURVEY_COUNTER_FIRST);
		rc = -1;
	}
	if (rc == 0)
		rc = insert_issued(st, survey, top + 1, count, &added, err);
	if (st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 || rc < 0)
		return -1;
	*first = top + 1;
	return 0;
}

int yz_spaper_counter_serial(yz_store *st, const char *survey, long *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT count(*) FROM (SELECT serial FROM survey_issued WHERE"
	                          " survey = ?1 AND serial = ?2 UNION ALL SELECT serial FROM"
	                          " survey_papers WHERE survey = ?1 AND serial = ?2)",
	                          err);

	*out = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	/* A billion numbers and a station's few thousand papers: a free one is
	 * found at the first draw but once in a hundred thousand years. */
	for (int i = 0; i < 64; i++) {
		uint64_t r;
		long used = 1;
		sqlite3_randomness(sizeof r, &r);
		long serial =
		    YZ_SURVEY_COUNTER_FIRST +
		    (long)(r % (uint64_t)(YZ_SURVEY_SERIAL_MAX - YZ_SURVEY_COUNTER_FIRST + 1));
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 2, serial);
		int rc = sqlite3_step(s);
		if (rc != SQLITE_ROW) {
			sqlite3_finalize(s);
			return st_fail(st, rc, err);
		}
		used = (long)sqlite3_column_int64(s, 0);
		if (used == 0) {
			sqlite3_finalize(s);
			*out = serial;
			return 0;
		}
	}
	sqlite3_finalize(s);
	yz_err_setc(err, YZ_ERR_INTERNAL, "%s", _("No free serial number was found."));
	return -1;
}

int yz_spaper_issued_span(yz_store *st, const char *survey, long serial, yz_spaper_span *out,
                          yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT count(*), coalesce(min(serial), 0), coalesce(max(serial),"
	                          " 0), coalesce(sum(serial = ?2), 0) FROM survey_issued"
	                          " WHERE survey = ?1",
	                          err);

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	sqlite3_bind_int64(s, 2, serial);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->n = (long)sqlite3_column_int64(s, 0);
		out->lo = (long)sqlite3_column_int64(s, 1);
		out->hi = (long)sqlite3_column_int64(s, 2);
		out->issued = sqlite3_column_int64(s, 3) > 0;
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

int yz_spaper_void(yz_store *st, int64_t paper, const char *audit_actor, const char *audit_detail,
                   yz_err *err)
{
	static const char *const del[] = {
	    "DELETE FROM survey_answers WHERE paper = ?1",
	    "DELETE FROM survey_entries WHERE paper = ?1",
	    "DELETE FROM survey_people WHERE paper = ?1",
	    "DELETE FROM survey_papers WHERE id = ?1",
	};
	int rc = 0;
	char now[21];

	if (st_tx_begin(st, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof del / sizeof del[0] && rc == 0; i++) {
		sqlite3_stmt *s = st_prep(st, del[i], err);
		if (!s) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, paper);
		rc = st_exec_stmt(st, s, err);
	}
	if (rc == 0 && sqlite3_changes(st->db) != 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, "%s", _("There is no such paper."));
		rc = -1;
	}
	if (rc == 0) {
		st_now(st, now);
		rc = st_audit_at(st, now, audit_actor, "survey_voided", audit_detail, err);
	}
	return st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 ? -1 : rc;
}

#define PAPER_COLS                                                                                 \
	"p.id, p.serial, p.mode, p.state, p.entered_on,"                                           \
	" coalesce(e0.clerk, 0), coalesce(u0.name, ''), coalesce(e0.mode, ''),"                    \
	" coalesce(e1.clerk, 0), coalesce(u1.name, ''), coalesce(e1.mode, ''),"                    \
	" coalesce(e2.clerk, 0), coalesce(u2.name, ''), coalesce(e2.mode, '')"                     \
	" FROM survey_papers p"                                                                    \
	" LEFT JOIN survey_entries e0 ON e0.paper = p.id AND e0.pass = 0"                          \
	" LEFT JOIN users u0 ON u0.id = e0.clerk"                                                  \
	" LEFT JOIN survey_entries e1 ON e1.paper = p.id AND e1.pass = 1"                          \
	" LEFT JOIN users u1 ON u1.id = e1.clerk"                                                  \
	" LEFT JOIN survey_entries e2 ON e2.paper = p.id AND e2.pass = 2"                          \
	" LEFT JOIN users u2 ON u2.id = e2.clerk"

static void paper_row(sqlite3_stmt *s, void *out)
{
	yz_spaper *p = out;

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	p->serial = (long)sqlite3_column_int64(s, 1);
	st_col_cpy(s, 2, p->mode, sizeof p->mode);
	p->state = sqlite3_column_int(s, 3);
	st_col_cpy(s, 4, p->entered_on, sizeof p->entered_on);
	for (int i = 0; i < 3; i++) {
		p->clerk[i] = sqlite3_column_int64(s, 5 + 3 * i);
		st_col_cpy(s, 6 + 3 * i, p->clerk_name[i], sizeof p->clerk_name[i]);
		st_col_cpy(s, 7 + 3 * i, p->pass_mode[i], sizeof p->pass_mode[i]);
	}
}

int yz_spaper_get(yz_store *st, const char *survey, long serial, yz_spaper *out, yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT " PAPER_COLS " WHERE p.survey = ?1 AND p.serial = ?2", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	sqlite3_bind_int64(s, 2, serial);
	return st_get_row(st, s, paper_row, out, err);
}

/* The answers of one pass of paper, each a row. */
static int put_answers(yz_store *st, int64_t paper, int pass, const char *const *fields,
                       const char *const *values, size_t n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO survey_answers(paper, pass, field, value)"
	                          " VALUES (?1, ?2, ?3, ?4)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, paper);
	sqlite3_bind_int(s, 2, pass);
	for (size_t i = 0; i < n; i++) {
		int rc;
		if (!values[i] || !values[i][0])
			continue; /* an empty answer is no answer: no row */
		sqlite3_reset(s);
		st_bind_str(s, 3, fields[i]);
		st_bind_str(s, 4, values[i]);
		rc = sqlite3_step(s);
		if (rc != SQLITE_DONE) {
			st_fail(st, rc, err);
			sqlite3_finalize(s);
			return -1;
		}
	}
	sqlite3_finalize(s);
	return 0;
}

static int put_entry(yz_store *st, int64_t paper, int pass, int64_t clerk, const char *mode,
                     const char *day, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "INSERT INTO survey_entries(paper, pass, clerk, mode, entered_on)"
	                          " VALUES (?1, ?2, ?3, ?4, ?5)",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, paper);
	sqlite3_bind_int(s, 2, pass);
	if (clerk > 0)
		sqlite3_bind_int64(s, 3, clerk);
	else
		sqlite3_bind_null(s, 3); /* an anonymous survey's counter response */
	st_bind_str(s, 4, mode);
	st_bind_str(s, 5, day);
	return st_exec_stmt(st, s, err);
}

static int set_state(yz_store *st, int64_t paper, int state, const char *mode, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE survey_papers SET state = ?2, mode = coalesce(?3, mode)"
	                          " WHERE id = ?1",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, paper);
	sqlite3_bind_int(s, 2, state);
	st_bind_text(s, 3, mode);
	return st_exec_stmt(st, s, err);
}

/* The first keying makes the paper, with its respondent (a named survey) or
 * its proxy's count (an anonymous one). */
static int put_paper(yz_store *st, const yz_spaper_keying *k, int64_t *paper, yz_err *err)
{
	/* The id is drawn at random: in keying order it would tell, beside the
	 * audit's times, when an anonymous paper was keyed. */
	sqlite3_stmt *s =
	    st_prep(st,
	            "INSERT INTO survey_papers(id, survey, serial, mode, state, entered_on)"
	            " VALUES (abs(random() % 9000000000000000000) + 1, ?1, ?2, ?3, ?4,"
	            " ?5)",
	            err);
	bool has_proxy = k->proxy && k->proxy[0];

	if (!s)
		return -1;
	st_bind_str(s, 1, k->survey);
	sqlite3_bind_int64(s, 2, k->serial);
	st_bind_str(s, 3, k->mode);
	sqlite3_bind_int(s, 4, k->pass == 0 ? YZ_SPAPER_COUNTED : YZ_SPAPER_WAITING);
	st_bind_str(s, 5, k->day);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	*paper = sqlite3_last_insert_rowid(st->db);
	if (k->anonymous) {
		if (!has_proxy)
			return 0;
		s = st_prep(st,
		            "INSERT INTO survey_proxies(survey, proxy, papers) VALUES (?1, ?2, 1)"
		            " ON CONFLICT (survey, proxy) DO UPDATE SET papers = papers + 1",
		            err);
		if (!s)
			return -1;
		st_bind_str(s, 1, k->survey);
		st_bind_str(s, 2, k->proxy);
		return st_exec_stmt(st, s, err);
	}
	if (k->resident <= 0 && !has_proxy)
		return 0;
	s = st_prep(st, "INSERT INTO survey_people(paper, resident, proxy) VALUES (?1, ?2, ?3)",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, *paper);
	if (k->resident > 0)
		sqlite3_bind_int64(s, 2, k->resident);
	else
		sqlite3_bind_null(s, 2);
	st_bind_text(s, 3, has_proxy ? k->proxy : NULL);
	return st_exec_stmt(st, s, err);
}

static int keying(yz_store *st, const yz_spaper_keying *k, yz_err *err)
{
	yz_spaper p;
	int64_t paper;
	int rc = yz_spaper_get(st, k->survey, k->serial, &p, err);

	if (rc < 0)
		return -1;
	if (k->pass <= 1) {
		if (rc == 0) {
			yz_err_setc(err, YZ_ERR_INVALID, _("Paper %ld was keyed already."),
			            k->serial);
			return -1;
		}
		if (put_paper(st, k, &paper, err) < 0)
			return -1;
	} else {
		/* Read again under the write lock: another counter may have keyed it. */
		if (rc == 1 || p.state != YZ_SPAPER_WAITING || p.clerk[2] != 0) {
			yz_err_setc(err, YZ_ERR_INVALID, _("Paper %ld was keyed already."),
			            k->serial);
			return -1;
		}
		paper = p.id;
	}
	if (put_entry(st, paper, k->pass, k->clerk, k->mode, k->day, err) < 0 ||
	    put_answers(st, paper, k->pass, k->fields, k->values, k->n, err) < 0)
		return -1;
	if (k->pass == 2) {
		if (k->state == YZ_SPAPER_COUNTED &&
		    (put_entry(st, paper, 0, k->clerk, k->mode, k->day, err) < 0 ||
		     put_answers(st, paper, 0, k->fields, k->values, k->n, err) < 0))
			return -1;
		if (set_state(st, paper, k->state, NULL, err) < 0)
			return -1;
	}
	if (k->audit_actor) {
		char now[21];
		st_now(st, now);
		if (st_audit_at(st, now, k->audit_actor, "survey_entered", k->audit_detail, err) <
		    0)
			return -1;
	}
	return 0;
}

int yz_spaper_put(yz_store *st, const yz_spaper_keying *k, yz_err *err)
{
	if (k->serial < 1 || k->serial > YZ_SURVEY_SERIAL_MAX || k->pass < 0 || k->pass > 2) {
		yz_err_setc(err, YZ_ERR_INVALID, _("A paper's serial number is from 1 to %ld."),
		            YZ_SURVEY_SERIAL_MAX);
		return -1;
	}
	if (st_tx_begin(st, err) < 0)
		return -1;
	int rc = keying(st, k, err);
	return st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 ? -1 : rc;
}

int yz_spaper_answers(yz_store *st, int64_t paper, int pass, yz_sanswer_fn fn, void *ctx,
                      yz_err *err)
{
	int rc;
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT field, value FROM survey_answers"
	                          " WHERE paper = ?1 AND pass = ?2 ORDER BY field",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, paper);
	sqlite3_bind_int(s, 2, pass);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fn((const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1), ctx) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int settle(yz_store *st, int64_t paper, const char *mode, int64_t clerk, const char *day,
                  const char *const *fields, const char *const *values, size_t n, const char *actor,
                  const char *detail, yz_err *err)
{
	yz_spaper p;
	int rc;
	sqlite3_stmt *s = st_prep(st, "SELECT " PAPER_COLS " WHERE p.id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, paper);
	rc = st_get_row(st, s, paper_row, &p, err);
	if (rc < 0)
		return -1;
	/* Read under the write lock: another counter may have settled it. */
	if (rc == 1 || p.state != YZ_SPAPER_DIFFERENT) {
		yz_err_setc(err, YZ_ERR_INVALID, _("Paper %ld has no differences to settle."),
		            rc == 1 ? 0L : p.serial);
		return -1;
	}
	if (put_entry(st, paper, 0, clerk, mode, day, err) < 0 ||
	    put_answers(st, paper, 0, fields, values, n, err) < 0 ||
	    set_state(st, paper, YZ_SPAPER_COUNTED, mode, err) < 0)
		return -1;
	if (actor) {
		char now[21];
		st_now(st, now);
		if (st_audit_at(st, now, actor, "survey_reconciled", detail, err) < 0)
			return -1;
	}
	return 0;
}

int yz_spaper_settle(yz_store *st, int64_t paper, const char *mode, int64_t clerk, const char *day,
                     const char *const *fields, const char *const *values, size_t n,
                     const char *audit_actor, const char *audit_detail, yz_err *err)
{
	if (st_tx_begin(st, err) < 0)
		return -1;
	int rc =
	    settle(st, paper, mode, clerk, day, fields, values, n, audit_actor, audit_detail, err);
	return st_tx_end(st, rc == 0, rc == 0 ? err : NULL) < 0 ? -1 : rc;
}

int yz_spaper_each(yz_store *st, const char *survey, int state, yz_spaper_fn fn, void *ctx,
                   yz_err *err)
{
	int rc;
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT " PAPER_COLS " WHERE p.survey = ?1"
	                          " AND (?2 < 0 OR p.state = ?2) ORDER BY p.serial",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	sqlite3_bind_int(s, 2, state);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		yz_spaper p;
		paper_row(s, &p);
		if (fn(&p, ctx) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

/* One paper's answers gathered while the statement walks the rows. */
typedef struct gather {
	char **fields, **values;
	size_t n, cap;
} gather;

static void gather_clear(gather *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->fields[i]);
		free(g->values[i]);
	}
	g->n = 0;
}

static int gather_add(gather *g, const char *f, const char *v)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 32;
		char **nf = realloc(g->fields, cap * sizeof *nf);
		if (!nf)
			return -1;
		g->fields = nf;
		char **nv = realloc(g->values, cap * sizeof *nv);
		if (!nv)
			return -1;
		g->values = nv;
		g->cap = cap;
	}
	g->fields[g->n] = strdup(f);
	g->values[g->n] = strdup(v);
	if (!g->fields[g->n] || !g->values[g->n]) {
		free(g->fields[g->n]);
		free(g->values[g->n]);
		return -1;
	}
	g->n++;
	return 0;
}

int yz_spaper_each_counted(yz_store *st, const char *survey, yz_scounted_fn fn, void *ctx,
                           yz_err *err)
{
	gather g = {0};
	long serial = 0;
	char mode[8] = "";
	bool have = false, stop = false, oom = false;
	int rc;
	/* One statement: the papers that count and their pass-0 answers, grouped
	 * by paper (a paper that answered nothing has one row of NULLs). */
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT p.serial, p.mode, a.field, a.value FROM survey_papers p"
	                          " LEFT JOIN survey_answers a ON a.paper = p.id AND a.pass = 0"
	                          " WHERE p.survey = ?1 AND p.state = 0 ORDER BY p.serial, a.field",
	                          err);

	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		long ser = (long)sqlite3_column_int64(s, 0);
		if (have && ser != serial) {
			stop = fn(serial, mode, g.n, (const char *const *)g.fields,
			          (const char *const *)g.values, ctx) != 0;
			gather_clear(&g);
			if (stop)
				break;
		}
		serial = ser;
		have = true;
		st_col_cpy(s, 1, mode, sizeof mode);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL &&
		    gather_add(&g, (const char *)sqlite3_column_text(s, 2),
		               (const char *)sqlite3_column_text(s, 3)) < 0) {
			oom = true;
			break;
		}
	}
	if (stop || oom)
		rc = SQLITE_DONE;
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE && have && !stop && !oom)
		fn(serial, mode, g.n, (const char *const *)g.fields, (const char *const *)g.values,
		   ctx);
	gather_clear(&g);
	free(g.fields);
	free(g.values);
	if (oom) {
		yz_err_setc(err, YZ_ERR_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static void counts_row(sqlite3_stmt *s, void *out)
{
	yz_spaper_counts *c = out;

	c->issued = (long)sqlite3_column_int64(s, 0);
	c->returned = (long)sqlite3_column_int64(s, 1);
	c->counted = (long)sqlite3_column_int64(s, 2);
	c->waiting = (long)sqlite3_column_int64(s, 3);
	c->different = (long)sqlite3_column_int64(s, 4);
	for (int i = 0; i < 3; i++)
		c->by_mode[i] = (long)sqlite3_column_int64(s, 5 + i);
}

int yz_spaper_counts_get(yz_store *st, const char *survey, yz_spaper_counts *out, yz_err *err)
{
	/* Issued: the serials recorded as handed out and every paper keyed (one
	 * that came back was handed out, numbered by hand or answered at the
	 * counter), so that no more come back than went out. Unknown (0) while
	 * papers came back and no issue at all was recorded: the rates then say
	 * so rather than show 100 %. */
	sqlite3_stmt *s = st_prep(
	    st,
	    "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM survey_issued WHERE survey = ?1)"
	    " AND EXISTS (SELECT 1 FROM survey_papers WHERE survey = ?1 AND mode <> 'counter')"
	    " THEN 0 ELSE (SELECT count(*) FROM (SELECT serial FROM survey_issued"
	    " WHERE survey = ?1 UNION SELECT serial FROM survey_papers WHERE survey = ?1)) END,"
	    " count(*), coalesce(sum(state = 0), 0), coalesce(sum(state = 1), 0),"
	    " coalesce(sum(state = 2), 0), coalesce(sum(state = 0 AND mode = 'self'), 0),"
	    " coalesce(sum(state = 0 AND mode = 'proxy'), 0),"
	    " coalesce(sum(state = 0 AND mode = 'counter'), 0)"
	    " FROM survey_papers WHERE survey = ?1",
	    err);

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	st_bind_str(s, 1, survey);
	return st_get_row(st, s, counts_row, out, err) < 0 ? -1 : 0;
}
