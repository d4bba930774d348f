/* The rows of the station's ledgers (issue 16): one statement per source with
 * everything a row shows joined in, streamed to the service's callback; a
 * case's form fields from a second statement in the same case order, merged
 * beside it. Correlated subqueries (the latest forward, the pauses, the
 * household's size, the special groups) each use an index of their own table,
 * so a year of 100,000 cases is one pass over the cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

/* Parameters every statement is given (binding one a statement does not use
 * is a harmless SQLITE_RANGE):
 * ?1 forms (" a b "), ?2 from, ?3 to (the source's date), ?4 line, ?5 clerk,
 * ?6 tag_from, ?7 tag_to, ?8 tags (" dibao elderly "), ?9 the elderly's
 * latest birth date, ?10 the person's groups wanted, ?11 the household's size
 * wanted. */

/* Grids: each place with the grid it lies in (a household's place is a room,
 * or a building, unit or grid of a sparser registry). */
#define GRID_CTE                                                                                   \
	"WITH RECURSIVE pg(id, grid) AS (SELECT id, name FROM places WHERE kind = 1"               \
	" UNION ALL SELECT p.id, pg.grid FROM places p JOIN pg ON p.parent_id = pg.id) "

/* The special groups of r lasting into the period (?6..?7), when asked (?10). */
#define TAGS_OF_R                                                                                  \
	"CASE WHEN ?10 THEN coalesce((SELECT group_concat(kind, ' ') FROM (SELECT t.kind"          \
	" FROM resident_tags t WHERE t.resident_id = r.id AND (?7 = '' OR t.start_date <= ?7)"     \
	" AND (t.end_date = '' OR ?6 = '' OR t.end_date >= ?6) ORDER BY t.id)), '') ELSE '' END"

/* Person columns (10) of r, household columns (7) of h, its head hd, grid g. */
#define PERSON_COLS                                                                                \
	" coalesce(r.id, 0), coalesce(r.name, ''), coalesce(r.idno, ''), coalesce(r.birth, ''),"   \
	" coalesce(r.ethnicity, ''), coalesce(r.phone, ''), coalesce(r.female, 0),"                \
	" coalesce(CASE WHEN r.address <> '' THEN r.address ELSE h.address END, ''),"              \
	" coalesce(r.relation, ''), " TAGS_OF_R
#define N_PERSON 10
#define HOUSEHOLD_COLS                                                                             \
	" coalesce(h.id, 0), coalesce(h.code, ''), coalesce(h.address, ''),"                       \
	" coalesce(hd.name, ''), coalesce(h.head_id, 0),"                                          \
	" CASE WHEN h.id IS NULL OR NOT ?11 THEN 0 ELSE"                                           \
	" (SELECT count(*) FROM residents m WHERE m.household_id = h.id) END,"                     \
	" coalesce(g.grid, '')"
#define N_HOUSEHOLD 7
#define HOUSEHOLD_JOINS                                                                            \
	" LEFT JOIN households h ON h.id = r.household_id"                                         \
	" LEFT JOIN residents hd ON hd.id = h.head_id LEFT JOIN pg g ON g.id = h.place_id"

/* Case columns (28), their joins, and the applicant's. */
#define CASE_PART                                                                                  \
	" c.id, c.number, c.form_id, c.item, c.line, c.state, c.status, c.result,"                 \
	" c.clerk_login, coalesce(u.name, ''), coalesce(o.name, ''), c.accepted_date,"             \
	" c.closed_at, c.due_date, c.legal_due_date, c.promise_days, c.extension_days,"            \
	" coalesce(ls.sensitive, 0),"                                                              \
	" coalesce((SELECT group_concat(p, ' ') FROM (SELECT from_date || '/' || until_date AS p"  \
	" FROM case_pauses WHERE case_id = c.id ORDER BY id)), ''),"                               \
	" coalesce(rt.score, 0), coalesce(rt.comment, ''), c.resident_name, c.resident_idno,"      \
	" coalesce(lf.id, 0), coalesce(lf.department, ''), coalesce(lf.sent_date, ''),"            \
	" coalesce(lf.dept_due, ''), coalesce(lf.result, ''), coalesce(lf.result_date, ''),"       \
	" coalesce(lf.notified_how, ''), coalesce(lf.notified_date, ''),"
#define N_CASE 31
#define CASE_JOINS                                                                                 \
	" LEFT JOIN users u ON u.login = c.clerk_login LEFT JOIN users o ON o.login = c.owner"     \
	" LEFT JOIN line_staff ls ON ls.line = c.line LEFT JOIN ratings rt ON rt.case_id = c.id"   \
	" LEFT JOIN case_forwards lf ON lf.id ="                                                   \
	" (SELECT max(id) FROM case_forwards WHERE case_id = c.id)"                                \
	" LEFT JOIN residents r ON r.id = c.resident_id" HOUSEHOLD_JOINS
#define CASE_WHERE(datecol)                                                                        \
	" WHERE (?1 = '' OR instr(?1, ' ' || c.form_id || ' ') > 0)"                               \
	" AND (?2 = '' OR " datecol " >= ?2) AND (?3 = '' OR " datecol " <= ?3)"                   \
	" AND (?4 = '' OR c.line = ?4) AND (?5 = '' OR c.clerk_login = ?5)"

/* Where a source's own columns start. */
#define OWN (N_CASE + N_PERSON + N_HOUSEHOLD)

static const char cases_sql[] =
    GRID_CTE "SELECT" CASE_PART PERSON_COLS "," HOUSEHOLD_COLS
             " FROM cases c" CASE_JOINS CASE_WHERE("c.accepted_date") " ORDER BY c.id";

static const char forwards_sql[] =
    GRID_CTE "SELECT" CASE_PART PERSON_COLS "," HOUSEHOLD_COLS
             ", xf.id, xf.department, xf.sent_date, xf.dept_due, xf.result, xf.result_date,"
             " xf.notified_how, xf.notified_date"
             " FROM case_forwards xf JOIN cases c ON c.id = xf.case_id" CASE_JOINS CASE_WHERE(
                 "xf.sent_date") " ORDER BY c.id, xf.id";

static const char followups_sql[] =
    GRID_CTE "SELECT" CASE_PART PERSON_COLS "," HOUSEHOLD_COLS
             ", fu.id, fu.due_date, fu.state, fu.outcome, fu.note, coalesce(du.name, fu.done_by), "
             "fu.done_at,"
             " fu.attempts"
             " FROM followups fu JOIN cases c ON c.id = fu.case_id" CASE_JOINS
             " LEFT JOIN users du ON du.login = fu.done_by" CASE_WHERE(
                 "fu.due_date") " ORDER BY c.id, fu.id";

static const char talk_sql[] = GRID_CTE
    "SELECT" CASE_PART PERSON_COLS "," HOUSEHOLD_COLS ", ts.id, ts.date, ts.place, ts.attendees"
    " FROM talk_items ti JOIN talk_sessions ts ON ts.id = ti.session_id"
    " JOIN cases c ON c.id = ti.case_id" CASE_JOINS CASE_WHERE("ts.date") " ORDER BY c.id, ts.id";

/* The fields of the same cases, in the same order. */
#define FIELDS_SQL(from, datecol)                                                                  \
	"SELECT cf.case_id, cf.key, cf.value FROM case_fields cf WHERE cf.case_id IN"              \
	" (SELECT c.id" from                                                                       \
	CASE_WHERE(datecol) ") ORDER BY cf.case_id, cf.ord"
static const char cases_fields_sql[] = FIELDS_SQL(" FROM cases c", "c.accepted_date");
static const char forwards_fields_sql[] =
    FIELDS_SQL(" FROM case_forwards xf JOIN cases c ON c.id = xf.case_id", "xf.sent_date");
static const char followups_fields_sql[] =
    FIELDS_SQL(" FROM followups fu JOIN cases c ON c.id = fu.case_id", "fu.due_date");
static const char talk_fields_sql[] =
    FIELDS_SQL(" FROM talk_items ti JOIN talk_sessions ts ON ts.id = ti.session_id"
               " JOIN cases c ON c.id = ti.case_id",
               "ts.date");

/* Residents with one of the groups asked for, stored or derived (elderly). */
static const char residents_sql[] = GRID_CTE
    "SELECT" PERSON_COLS "," HOUSEHOLD_COLS
    ", t.id, t.kind, t.detail, t.grade, t.start_date, t.end_date"
    " FROM (SELECT id, resident_id, kind, detail, grade, start_date, end_date"
    " FROM resident_tags WHERE instr(?8, ' ' || kind || ' ') > 0"
    " AND (?7 = '' OR start_date <= ?7) AND (end_date = '' OR ?6 = '' OR end_date >= ?6)"
    " UNION ALL SELECT 0, id, 'elderly', '', 0, '', '' FROM residents"
    " WHERE instr(?8, ' elderly ') > 0 AND birth <> '' AND birth <= ?9) t"
    " JOIN residents r ON r.id = t.resident_id" HOUSEHOLD_JOINS " ORDER BY r.id, t.kind, t.id";

/* Households, with the head as the row's person. */
static const char households_sql[] =
    GRID_CTE "SELECT" PERSON_COLS "," HOUSEHOLD_COLS " FROM households h"
             " LEFT JOIN residents r ON r.id = h.head_id"
             " LEFT JOIN residents hd ON hd.id = h.head_id LEFT JOIN pg g ON g.id = h.place_id"
             " ORDER BY h.code";

yz_case_status yz_lrow_status_of(const char *word)
{
	return st_case_status_from(word);
}

yz_case_result yz_lrow_result_of(const char *word)
{
	return st_case_result_from(word);
}

yz_notify_how yz_lrow_notify_of(const char *word)
{
	return word && *word ? st_notify_from(word) : YZ_NOTIFY_NONE;
}

yz_followup_state yz_lrow_fu_state_of(const char *word)
{
	return st_followup_state_from(word);
}

yz_followup_outcome yz_lrow_fu_outcome_of(const char *word)
{
	return !word                        ? YZ_FOLLOWUP_NO_OUTCOME
	       : !strcmp(word, "satisfied") ? YZ_FOLLOWUP_SATISFIED
	       : !strcmp(word, "reopened")  ? YZ_FOLLOWUP_REOPENED
	       : !strcmp(word, "unreached") ? YZ_FOLLOWUP_UNREACHED
	                                    : YZ_FOLLOWUP_NO_OUTCOME;
}

static const char *col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

static void read_person(sqlite3_stmt *s, int i, yz_lrow_person *p)
{
	p->id = sqlite3_column_int64(s, i);
	p->name = col(s, i + 1);
	p->idno = col(s, i + 2);
	p->birth = col(s, i + 3);
	p->ethnicity = col(s, i + 4);
	p->phone = col(s, i + 5);
	p->female = sqlite3_column_int(s, i + 6) != 0;
	p->address = col(s, i + 7);
	p->relation = col(s, i + 8);
	p->tags = col(s, i + 9);
}

static void read_household(sqlite3_stmt *s, int i, yz_lrow_household *h)
{
	h->id = sqlite3_column_int64(s, i);
	h->code = col(s, i + 1);
	h->address = col(s, i + 2);
	h->head = col(s, i + 3);
	h->head_id = sqlite3_column_int64(s, i + 4);
	h->size = sqlite3_column_int(s, i + 5);
	h->grid = col(s, i + 6);
}

static void read_forward(sqlite3_stmt *s, int i, yz_lrow_forward *f)
{
	f->id = sqlite3_column_int64(s, i);
	f->department = col(s, i + 1);
	f->sent = col(s, i + 2);
	f->due = col(s, i + 3);
	f->result = col(s, i + 4);
	f->result_date = col(s, i + 5);
	f->notified_how = col(s, i + 6);
	f->notified = col(s, i + 7);
}

static void read_case(sqlite3_stmt *s, yz_lrow_case *c)
{
	c->id = sqlite3_column_int64(s, 0);
	c->number = col(s, 1);
	c->form_id = col(s, 2);
	c->item = col(s, 3);
	c->line = col(s, 4);
	c->state = col(s, 5);
	c->status = col(s, 6);
	c->result = col(s, 7);
	c->clerk_login = col(s, 8);
	c->clerk_name = col(s, 9);
	c->owner_name = col(s, 10);
	c->accepted = col(s, 11);
	yz_utc_local_date(col(s, 12), c->closed);
	c->due = col(s, 13);
	c->legal_due = col(s, 14);
	c->promise_days = sqlite3_column_int(s, 15);
	c->extension_days = sqlite3_column_int(s, 16);
	c->sensitive = sqlite3_column_int(s, 17) != 0;
	c->n_pauses = yz_pauses_parse(col(s, 18), c->pauses, YZ_LROW_MAX_PAUSES, &c->n_pauses_all);
	c->rating = sqlite3_column_int(s, 19);
	c->rating_comment = col(s, 20);
	c->resident_name = col(s, 21);
	c->resident_idno = col(s, 22);
	read_forward(s, 23, &c->forward);
}

/* The fields of the cases, read beside them. */
typedef struct field_cursor {
	sqlite3_stmt *s;
	int rc;            /* the last step's result */
	const char **keys; /* the current case's fields (copies) */
	const char **vals;
	char *buf; /* their text */
	size_t n, cap, used, buf_cap;
	int64_t id; /* the case they are of (0: none yet) */
} field_cursor;

static int fc_push(field_cursor *fc, const char *k, const char *v)
{
	size_t kl = strlen(k) + 1, vl = strlen(v) + 1;

	if (fc->n == fc->cap) {
		size_t cap = fc->cap ? fc->cap * 2 : 64;
		const char **keys = realloc(fc->keys, cap * sizeof *keys);
		if (!keys)
			return -1;
		fc->keys = keys;
		const char **vals = realloc(fc->vals, cap * sizeof *vals);
		if (!vals)
			return -1;
		fc->vals = vals;
		fc->cap = cap;
	}
	if (fc->used + kl + vl > fc->buf_cap) {
		/* Offsets, not pointers, until the case's fields are complete. */
		size_t cap = (fc->buf_cap ? fc->buf_cap * 2 : 4096) + kl + vl;
		char *buf = realloc(fc->buf, cap);
		if (!buf)
			return -1;
		fc->buf = buf;
		fc->buf_cap = cap;
	}
	memcpy(fc->buf + fc->used, k, kl);
	fc->keys[fc->n] = (const char *)(uintptr_t)fc->used;
	fc->used += kl;
	memcpy(fc->buf + fc->used, v, vl);
	fc->vals[fc->n] = (const char *)(uintptr_t)fc->used;
	fc->used += vl;
	fc->n++;
	return 0;
}

/* Collect the fields of case id into fc (skipping those of cases before it).
 * The rows of one case come together (a case forwarded twice is two rows of
 * the forwards' ledger): the second keeps what the first collected. */
static int fc_collect(yz_store *st, field_cursor *fc, int64_t id, yz_err *err)
{
	if (fc->id && fc->id == id)
		return 0;
	fc->id = id;
	fc->n = fc->used = 0;
	while (fc->rc == SQLITE_ROW) {
		int64_t cid = sqlite3_column_int64(fc->s, 0);
		if (cid > id)
			break;
		if (cid == id && fc_push(fc, col(fc->s, 1), col(fc->s, 2)) < 0) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
			return -1;
		}
		fc->rc = sqlite3_step(fc->s);
	}
	if (fc->rc != SQLITE_ROW && fc->rc != SQLITE_DONE)
		return st_fail(st, fc->rc, err);
	for (size_t i = 0; i < fc->n; i++) {
		fc->keys[i] = fc->buf + (uintptr_t)fc->keys[i];
		fc->vals[i] = fc->buf + (uintptr_t)fc->vals[i];
	}
	return 0;
}

typedef enum src_kind { SRC_CASES, SRC_FORWARDS, SRC_FOLLOWUPS, SRC_TALK } src_kind;

static void bind_query(sqlite3_stmt *s, const yz_lrow_query *q)
{
	char elderly[16] = "";
	yz_date to;

	st_bind_str(s, 1, q->forms);
	st_bind_str(s, 2, q->from);
	st_bind_str(s, 3, q->to);
	st_bind_str(s, 4, q->line);
	st_bind_str(s, 5, q->clerk);
	st_bind_str(s, 6, q->tag_from);
	st_bind_str(s, 7, q->tag_to);
	st_bind_str(s, 8, q->tags);
	/* 80 or older on tag_to: born on or before the same day 80 years before
	 * (the service checks the age itself on the day). */
	if (q->tag_to && yz_date_parse(q->tag_to, &to))
		snprintf(elderly, sizeof elderly, "%04d-%02d-%02d", to.year - YZ_ELDERLY_AGE,
		         to.month, to.day);
	else
		snprintf(elderly, sizeof elderly, "9999-12-31");
	if (sqlite3_bind_parameter_count(s) >= 9)
		st_bind_str(s, 9, elderly);
	sqlite3_bind_int(s, 10, !q->no_person_tags);
	sqlite3_bind_int(s, 11, !q->no_household_size);
}

/* Run a read of several statements inside one read transaction (the same
 * snapshot for the rows and their fields), unless the caller has one. */
static int read_begin(yz_store *st, yz_err *err)
{
	return st->tx_depth > 0 ? 0 : st_exec(st, "BEGIN", err);
}

static void read_end(yz_store *st)
{
	if (st->tx_depth == 0 && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

/* What a walk over a statement's rows returns: the callback's stop when it
 * stopped, else 0 when every row was read (rc, the last step, is
 * SQLITE_DONE), else -1 with err set. */
static int walk_end(yz_store *st, int rc, int stop, yz_err *err)
{
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

static int run_cases(yz_store *st, src_kind kind, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx,
                     yz_err *err)
{
	static const char *const sqls[] = {cases_sql, forwards_sql, followups_sql, talk_sql};
	static const char *const fsqls[] = {cases_fields_sql, forwards_fields_sql,
	                                    followups_fields_sql, talk_fields_sql};
	field_cursor fc = {0};
	sqlite3_stmt *s;
	int rc = SQLITE_DONE, stop = 0;

	if (read_begin(st, err) < 0)
		return -1;
	s = st_prep(st, sqls[kind], err);
	if (s && q->fields) {
		fc.s = st_prep(st, fsqls[kind], err);
		if (!fc.s) {
			sqlite3_finalize(s);
			s = NULL;
		} else {
			bind_query(fc.s, q);
			fc.rc = sqlite3_step(fc.s);
		}
	}
	if (!s) {
		read_end(st);
		return -1;
	}
	bind_query(s, q);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		yz_lrow_case c;
		yz_lrow_person p;
		yz_lrow_household h;
		yz_lrow_forward fw;
		yz_lrow_followup fu;
		yz_lrow_talk talk;
		yz_lrow row = {.c = &c, .p = &p, .h = &h};

		read_case(s, &c);
		read_person(s, N_CASE, &p);
		read_household(s, N_CASE + N_PERSON, &h);
		c.field_keys = c.field_vals = NULL;
		c.n_fields = 0;
		c.station = c.station_name = "";
		if (fc.s) {
			if (fc_collect(st, &fc, c.id, err) < 0) {
				stop = -1;
				break;
			}
			c.field_keys = fc.keys;
			c.field_vals = fc.vals;
			c.n_fields = fc.n;
		}
		if (kind == SRC_FORWARDS) {
			read_forward(s, OWN, &fw);
			row.fw = &fw;
		} else if (kind == SRC_FOLLOWUPS) {
			fu.id = sqlite3_column_int64(s, OWN);
			fu.due = col(s, OWN + 1);
			fu.state = col(s, OWN + 2);
			fu.outcome = col(s, OWN + 3);
			fu.note = col(s, OWN + 4);
			fu.done_by = col(s, OWN + 5);
			fu.done_at = col(s, OWN + 6);
			fu.attempts = sqlite3_column_int(s, OWN + 7);
			row.fu = &fu;
		} else if (kind == SRC_TALK) {
			talk.id = sqlite3_column_int64(s, OWN);
			talk.date = col(s, OWN + 1);
			talk.place = col(s, OWN + 2);
			talk.attendees = sqlite3_column_int(s, OWN + 3);
			row.talk = &talk;
		}
		stop = cb(&row, ctx);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(fc.s);
	free(fc.keys);
	free(fc.vals);
	free(fc.buf);
	read_end(st);
	return walk_end(st, rc, stop, err);
}

int yz_lrows_cases(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run_cases(st, SRC_CASES, q, cb, ctx, err);
}

int yz_lrows_forwards(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run_cases(st, SRC_FORWARDS, q, cb, ctx, err);
}

int yz_lrows_followups(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run_cases(st, SRC_FOLLOWUPS, q, cb, ctx, err);
}

int yz_lrows_talk(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run_cases(st, SRC_TALK, q, cb, ctx, err);
}

/* Residents (with a tag) and households: one statement, no fields. */
static int run_registry(yz_store *st, bool tags, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx,
                        yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, tags ? residents_sql : households_sql, err);
	int rc = SQLITE_DONE, stop = 0;

	if (!s)
		return -1;
	bind_query(s, q);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		yz_lrow_person p;
		yz_lrow_household h;
		yz_lrow_tag t;
		yz_lrow row = {.p = &p, .h = &h};

		read_person(s, 0, &p);
		read_household(s, N_PERSON, &h);
		if (tags) {
			int i = N_PERSON + N_HOUSEHOLD;
			t.id = sqlite3_column_int64(s, i);
			t.kind = col(s, i + 1);
			t.detail = col(s, i + 2);
			t.grade = sqlite3_column_int(s, i + 3);
			t.start = col(s, i + 4);
			t.end = col(s, i + 5);
			row.tag = &t;
		}
		stop = cb(&row, ctx);
	}
	sqlite3_finalize(s);
	return walk_end(st, rc, stop, err);
}

int yz_lrows_residents(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run_registry(st, true, q, cb, ctx, err);
}

int yz_lrows_households(yz_store *st, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	return run_registry(st, false, q, cb, ctx, err);
}

int yz_lrows_latest(yz_store *st, const char *form_id, const char *to, yz_lrow_latest_cb cb,
                    void *ctx, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "SELECT c.resident_id, c.status, c.result, c.accepted_date"
	                          " FROM cases c WHERE c.id IN (SELECT max(id) FROM cases"
	                          " WHERE form_id = ?1 AND resident_id IS NOT NULL"
	                          " AND (?2 = '' OR accepted_date <= ?2) GROUP BY resident_id)"
	                          " ORDER BY c.resident_id",
	                          err);
	int rc = SQLITE_DONE, stop = 0;

	if (!s)
		return -1;
	st_bind_str(s, 1, form_id);
	st_bind_str(s, 2, to);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = cb(sqlite3_column_int64(s, 0), st_case_status_from(col(s, 1)),
		          st_case_result_from(col(s, 2)), col(s, 3), ctx);
	sqlite3_finalize(s);
	return walk_end(st, rc, stop, err);
}
