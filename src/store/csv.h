/* Internal: RFC 4180 CSV records (csv.c) for the registry's import and export. */
#ifndef YZ_STORE_CSV_H
#define YZ_STORE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A reader over a text in memory (UTF-8 by the time it gets here). */
typedef struct csv_reader {
	const char *p;     /* next byte */
	const char *end;   /* end of the text */
	size_t expect_min; /* fields a record that spans lines must have at least ... */
	size_t expect_max; /* ... and at most; 0 = any number */
} csv_reader;

/* One record; the fields point into buf and stay valid until the next read. */
typedef struct csv_record {
	char **fields;     /* field starts, NUL terminated (a NUL byte inside ends it early) */
	size_t *lens;      /* each field's length in bytes, NUL bytes inside counted */
	size_t n;          /* number of fields */
	size_t cap;        /* allocated entries of fields and lens */
	char *buf;         /* the unquoted field bytes */
	size_t cap_buf;    /* allocated bytes of buf */
	bool unterminated; /* a quoted field is not closed on the record's line */
	bool stray;        /* text follows the closing quote of a quoted field */
} csv_record;

/* Read the next record: 1, 0 at the end, -1 when out of memory. Quoted fields
 * may hold commas, quotes ("") and line breaks; records end at LF, CRLF or CR.
 * A malformed record (unterminated or stray set) is one line long whatever its
 * quotes, and its fields are that line's cells as written (a cell that is not
 * a well-formed quoted field keeps its quotes): an unclosed quote never
 * swallows the rows after it. */
int csv_read(csv_reader *r, csv_record *rec);
void csv_record_free(csv_record *rec);

/* Append one field (quoted when it holds a comma, quote, CR or LF, or starts or
 * ends with a space) and, when last, the CRLF that ends the record. */
void csv_put(FILE *f, const char *s, bool last);
/* The same with prefix (no quote, comma or line break in it) written before s,
 * inside the quotes when there are any. */
void csv_put_prefixed(FILE *f, const char *prefix, const char *s, bool last);

#endif
