/* store: CSV import and export of residents (the store module, src/store/; the whole
 * API: yizhan/store.h). */
#ifndef YZ_STORE_EXCHANGE_H
#define YZ_STORE_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/residents.h"

/* The CSV columns, in order (header row in Chinese). */
#define YZ_CSV_COLUMNS 11

typedef struct yz_import_report {
	long rows;         /* data rows read (header excluded) */
	long imported;     /* rows added */
	long rejected;     /* rows written to the reject report */
	char encoding[16]; /* "UTF-8" or "GB18030", as detected or given */
} yz_import_report;

/* Import residents. encoding NULL or "" = detect (UTF-8 with or without BOM,
 * else GB18030). Every row is checked; good rows go in one transaction, bad
 * rows to reject_path as CSV "row,column,value,reason" (written only when
 * there are any). Returns 0 when the file was read (even with rejects), -1 when
 * nothing could be imported (err says why). */
int yz_residents_import(yz_store *st, const char *path, const char *encoding,
                        const char *reject_path, const char *actor, yz_import_report *rep,
                        yz_err *err);
/* Export every resident with the import's columns (UTF-8 with BOM, or
 * GB18030). *rows receives the number written. */
int yz_residents_export(yz_store *st, const char *path, const char *encoding, long *rows,
                        yz_err *err);

#endif
