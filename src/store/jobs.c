/* Print jobs: every document sent to CUPS is recorded first, so that a failed job
 * waits in the reprint list with the reason the clerk was told. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "store_int.h"

#define JOB_COLS                                                                                   \
	"j.id, j.case_id, coalesce(c.number, ''), j.doc, j.printer, j.state, j.reason,"            \
	" j.cups_job_id, j.attempts, j.created_at, j.updated_at"
#define JOB_FROM " FROM print_jobs j LEFT JOIN cases c ON c.id = j.case_id"

/* The text each state is stored as, the only place it is written down. */
static const char *const state_text[] = {
    [YZ_JOB_PENDING] = "pending", [YZ_JOB_SENT] = "sent",     [YZ_JOB_HELD] = "held",
    [YZ_JOB_PRINTED] = "printed", [YZ_JOB_FAILED] = "failed", [YZ_JOB_MOVED] = "moved",
    [YZ_JOB_SAVED] = "saved",
};
#define N_STATES (sizeof state_text / sizeof state_text[0])

static const char *state_to_text(yz_print_job_state state)
{
	return (size_t)state < N_STATES ? state_text[state] : NULL;
}

/* A stored state; text no version wrote counts as failed, so that the job
 * shows in the reprint list rather than nowhere. */
static yz_print_job_state state_from_text(const char *text)
{
	for (size_t i = 0; i < N_STATES; i++)
		if (text && strcmp(text, state_text[i]) == 0)
			return (yz_print_job_state)i;
	return YZ_JOB_FAILED;
}

static void job_from_row(sqlite3_stmt *s, void *out)
{
	yz_print_job *j = out;

	memset(j, 0, sizeof *j);
	j->id = sqlite3_column_int64(s, 0);
	j->case_id = sqlite3_column_int64(s, 1);
	st_col_cpy(s, 2, j->case_number, sizeof j->case_number);
	st_col_cpy(s, 3, j->doc, sizeof j->doc);
	st_col_cpy(s, 4, j->printer, sizeof j->printer);
	j->state = state_from_text((const char *)sqlite3_column_text(s, 5));
	st_col_cpy(s, 6, j->reason, sizeof j->reason);
	j->cups_job_id = sqlite3_column_int(s, 7);
	j->attempts = sqlite3_column_int(s, 8);
	st_col_cpy(s, 9, j->created_at, sizeof j->created_at);
	st_col_cpy(s, 10, j->updated_at, sizeof j->updated_at);
}

int yz_job_add(yz_store *st, int64_t case_id, const char *doc, const char *printer, int64_t *id,
               yz_err *err)
{
	char now[21];
	sqlite3_stmt *s;

	if (!doc || !*doc) {
		yz_err_set(err, _("The print job names no document."));
		return -1;
	}
	st_now(st, now);
	s = st_prep(st,
	            "INSERT INTO print_jobs(case_id, doc, printer, state, created_at, updated_at)"
	            " VALUES(?1, ?2, ?3, ?4, ?5, ?5)",
	            err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	st_bind_str(s, 2, doc);
	st_bind_str(s, 3, printer);
	st_bind_str(s, 4, state_to_text(YZ_JOB_PENDING));
	st_bind_str(s, 5, now);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* A submission (sent or failed) counts as an attempt; printed only confirms one. */
static int update_row(yz_store *st, int64_t job_id, yz_print_job_state state, int cups_job_id,
                      const char *reason, const char *now, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE print_jobs SET state = ?2, cups_job_id = CASE WHEN ?3 > 0"
	                          " THEN ?3 ELSE cups_job_id END, reason = ?4, updated_at = ?5,"
	                          " attempts = attempts + ?6 WHERE id = ?1",
	                          err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, job_id);
	st_bind_str(s, 2, state_to_text(state));
	sqlite3_bind_int(s, 3, cups_job_id);
	st_bind_str(s, 4, reason);
	st_bind_str(s, 5, now);
	sqlite3_bind_int(s, 6, state == YZ_JOB_SENT || state == YZ_JOB_FAILED);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("This print job does not exist."));
		return -1;
	}
	return 0;
}

int yz_job_claim(yz_store *st, const yz_print_job *seen, const char *note, yz_err *err)
{
	char now[21];
	sqlite3_stmt *s = st_prep(st,
	                          "UPDATE print_jobs SET state = ?3, reason = ?5, updated_at = ?6"
	                          " WHERE id = ?1 AND state = ?2 AND updated_at = ?4"
	                          " AND cups_job_id = ?7",
	                          err);

	if (!s)
		return -1;
	st_now(st, now);
	sqlite3_bind_int64(s, 1, seen->id);
	st_bind_str(s, 3, state_to_text(YZ_JOB_PENDING));
	st_bind_str(s, 2, state_to_text(seen->state));
	st_bind_str(s, 4, seen->updated_at);
	st_bind_str(s, 5, note);
	st_bind_str(s, 6, now);
	sqlite3_bind_int(s, 7, seen->cups_job_id);
	if (st_exec_stmt(st, s, err) < 0)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 0 : 1;
}

static int update_in_tx(yz_store *st, int64_t job_id, yz_print_job_state state, int cups_job_id,
                        const char *reason, const char *now, yz_err *err)
{
	yz_print_job j;
	char detail[400];

	if (update_row(st, job_id, state, cups_job_id, reason, now, err) < 0)
		return -1;
	if (state != YZ_JOB_FAILED)
		return 0;
	if (yz_job_get(st, job_id, &j, err) != 0)
		return -1;
	snprintf(detail, sizeof detail, "job %lld case %s doc %s printer %.100s: %.200s",
	         (long long)job_id, j.case_number, j.doc, j.printer, reason ? reason : "");
	return st_audit_at(st, now, "-", "print_failed", detail, err);
}

int yz_job_update(yz_store *st, int64_t job_id, yz_print_job_state state, int cups_job_id,
                  const char *reason, yz_err *err)
{
	char now[21];

	if (!state_to_text(state)) {
		yz_err_setc(err, YZ_ERR_INTERNAL, _("No new state was given for the print job."));
		return -1;
	}
	st_now(st, now);
	if (st_tx_begin(st, err) < 0)
		return -1;
	return st_tx_end(st, update_in_tx(st, job_id, state, cups_job_id, reason, now, err) == 0,
	                 err);
}

int yz_job_get(yz_store *st, int64_t job_id, yz_print_job *out, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT " JOB_COLS JOB_FROM " WHERE j.id = ?1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, job_id);
	return st_get_row(st, s, job_from_row, out, err);
}

/* The jobs in state, at most max, by the statement sql (?1 the state, ?2 the limit). */
static int list_in_state(yz_store *st, const char *sql, yz_print_job_state state, yz_print_job *out,
                         size_t max, size_t *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, sql, err);

	*n = 0;
	if (!s)
		return -1;
	st_bind_str(s, 1, state_to_text(state));
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	return st_get_rows(st, s, job_from_row, out, sizeof *out, max, n, err);
}

/* By row id: the order the jobs were made in. */
#define JOBS_IN_STATE "SELECT " JOB_COLS JOB_FROM " WHERE j.state = ?1 ORDER BY j.id"

int yz_job_list(yz_store *st, yz_print_job_state state, yz_print_job *out, size_t max, size_t *n,
                yz_err *err)
{
	return list_in_state(st, JOBS_IN_STATE " LIMIT ?2", state, out, max, n, err);
}

int yz_job_newest(yz_store *st, yz_print_job_state state, yz_print_job *out, size_t max, size_t *n,
                  yz_err *err)
{
	/* Newest first, so that the limit keeps the latest. */
	return list_in_state(st, JOBS_IN_STATE " DESC LIMIT ?2", state, out, max, n, err);
}

int yz_job_count(yz_store *st, yz_print_job_state state, long *n, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "SELECT count(*) FROM print_jobs WHERE state = ?1", err);
	int rc;

	*n = 0;
	if (!s)
		return -1;
	st_bind_text(s, 1, state_to_text(state));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : st_fail(st, rc, err);
}
