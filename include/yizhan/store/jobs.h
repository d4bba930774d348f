/* store: print jobs and their states (the store module, src/store/; the whole API:
 * yizhan/store.h). */
#ifndef YZ_STORE_JOBS_H
#define YZ_STORE_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

/* The states of a print job row, one set (stored as text; jobs.c alone
 * converts). */
typedef enum yz_print_job_state {
	YZ_JOB_PENDING, /* recorded, not sent yet (or taken for a retry) */
	YZ_JOB_SENT,    /* accepted by CUPS */
	YZ_JOB_HELD,    /* CUPS holds the job (operator, authentication) */
	YZ_JOB_PRINTED, /* CUPS reports completed */
	YZ_JOB_FAILED,  /* did not print; reason says why; waits in the reprint list */
	YZ_JOB_MOVED,   /* failed here, then printed elsewhere (a new job row) */
	YZ_JOB_SAVED,   /* no printer: written to a file */
} yz_print_job_state;

typedef struct yz_print_job {
	int64_t id;
	int64_t case_id;
	char case_number[40];
	char doc[24];             /* receipt, certificate, … */
	char printer[128];        /* CUPS destination */
	yz_print_job_state state; /* where it is */
	char reason[256];         /* the message the clerk was told of its last failure (data for
	                             the reprint list: the failure itself came as a yz_err) */
	int cups_job_id;          /* 0 until CUPS accepted it */
	int attempts;
	char created_at[21];
	char updated_at[21];
} yz_print_job;

int yz_job_add(yz_store *st, int64_t case_id, const char *doc, const char *printer, int64_t *id,
               yz_err *err);
int yz_job_update(yz_store *st, int64_t job_id, yz_print_job_state state, int cups_job_id,
                  const char *reason, yz_err *err);
int yz_job_get(yz_store *st, int64_t job_id, yz_print_job *out, yz_err *err); /* 1 = none */
/* Take a job for a retry, as it was when read (seen: state, time of the last
 * change, CUPS id): it becomes pending with the note as its reason, unless
 * another counter changed it meanwhile. A failed job taken is pending, so a
 * second taker loses; a pending job must be older than a print can take
 * (the caller checks), so taking it changes its time and a second taker loses.
 * 0 = taken, 1 = changed by someone else (do not send it), -1 = error. */
int yz_job_claim(yz_store *st, const yz_print_job *seen, const char *note, yz_err *err);
/* Jobs in state, oldest first. */
int yz_job_list(yz_store *st, yz_print_job_state state, yz_print_job *out, size_t max, size_t *n,
                yz_err *err);
/* The newest max jobs in state, newest first. */
int yz_job_newest(yz_store *st, yz_print_job_state state, yz_print_job *out, size_t max, size_t *n,
                  yz_err *err);
/* How many jobs are in state, counted in SQL (however many there are). */
int yz_job_count(yz_store *st, yz_print_job_state state, long *n, yz_err *err);

#endif
