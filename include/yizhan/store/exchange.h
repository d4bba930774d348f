/* store: CSV import and export of residents (the store module, src/store/; the whole
 * API: yizhan/store.h). */
#ifndef YZ_STORE_EXCHANGE_H
#define YZ_STORE_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/residents.h"

/* The CSV columns, in order (header row in Chinese). */
#define YZ_CSV_COLUMNS 11

typedef struct yz_import_report {
	long rows;         /* data rows read (header excluded) */
	long imported;     /* rows added as new residents */
	long updated;      /* registered residents changed (--update) */
	long unchanged;    /* registered residents the row changed nothing of (--update) */
	long rejected;     /* rows written to the rejects file */
	char encoding[16]; /* "UTF-8" or "GB18030", as detected or given */
} yz_import_report;

/* How to import. */
typedef struct yz_import_opts {
	const char *encoding;    /* NULL or "" = detect (UTF-8 with or without BOM, else
	                          * GB18030); "utf-8" or "gb18030" */
	const char *reject_path; /* where the rejected rows go */
	const char *actor;       /* the importing user (audit, registry history) */
	bool update;             /* a registered ID number updates that resident: every
	                          * cell that is not empty replaces the registered value,
	                          * each change in the registry's history; false: the
	                          * row is rejected */
} yz_import_opts;

/* Import residents. Every row is checked; good rows go in one transaction
 * (a big file in batches that hold the write lock under a second each,
 * so that counters keep saving: an import stopped between batches keeps
 * them, err says how many, and the same file imported again rejects their
 * rows as registered), bad rows to reject_path (written only when there are any): the import's
 * own columns with the row's cells, then a reason naming the row and the
 * column, so that the corrected file imports again (a file may end with that
 * reason column; it is ignored). A value the export protected from
 * spreadsheets (a leading tab, or a quote before = + - @) is read back as it
 * was. A reject_path that is the file at path (same device and inode) is
 * refused before anything is read, and so is one yz_outfile_check refuses (a
 * device, a link, a folder, a pipe). The rejects are written to a temporary
 * file (0640) in reject_path's folder and renamed to reject_path once the
 * rows have gone in; a failed import leaves a file at reject_path as it was,
 * one without rejects removes it. A household keeps one head: a second
 * head-of-household row is rejected; a head an --update moves away or
 * demotes leaves the household without one (registry history). Returns 0 when the file was read
 * (even with rejects), -1 when nothing could be imported (err says why; also
 * when the rows went in but the rejects could not be renamed into place: err
 * names where they are). */
int yz_residents_import_with(yz_store *st, const char *path, const yz_import_opts *opts,
                             yz_import_report *rep, yz_err *err);
/* The same without --update. */
int yz_residents_import(yz_store *st, const char *path, const char *encoding,
                        const char *reject_path, const char *actor, yz_import_report *rep,
                        yz_err *err);
/* Export every resident with the import's columns (UTF-8 with BOM, or
 * GB18030), safe to open in Excel and WPS: a value starting with = + - @ (or
 * a tab, CR or quote) is written after a single quote, so it is never a
 * formula; household numbers, ID numbers and phones after a tab, so they stay
 * text. *rows receives the number written. path is written as every output
 * file named by a user is (yizhan/store/outfile.h): a device, a link, a
 * folder, a pipe or another user's file is refused and left as it was; the
 * file appears whole (0640) or not at all. */
int yz_residents_export(yz_store *st, const char *path, const char *encoding, long *rows,
                        yz_err *err);

/* One cell of a CSV file (RFC 4180: quoted when it holds a comma, quote or
 * line break; the CRLF after it when last) as the export above writes it, for
 * the other tables yizhan exports (the ledgers, issue 16): after a single
 * quote when it starts with = + - @ (or a tab, CR or quote), so never a
 * formula; a code (an ID number, a phone: true) after a tab, so Excel and WPS
 * keep it text. */
void yz_csv_put_cell(FILE *f, const char *v, bool code, bool last);

#endif
