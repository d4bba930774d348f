/* libFuzzer target for the CSV reader alone (src/store/csv.c), much faster
 * than the whole import (fuzz_csv.c) and on the same corpus: any bytes are
 * read record by record, and each complete record, written back with csv_put
 * as the export writes it, must read again to the same fields and nothing
 * more: what the export writes, the import reads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, size_t record)
{
	fprintf(stderr, "fuzz_csv_reader: record %zu: %s\n", record, what);
	abort();
}

/* rec written with csv_put and read back must give its fields. */
static void round_trip(const csv_record *rec, size_t record)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	csv_record back = {0};

	if (!f)
		abort();
	for (size_t i = 0; i < rec->n; i++)
		csv_put(f, rec->fields[i], i + 1 == rec->n);
	if (fclose(f) != 0)
		abort();
	csv_reader r = {text, text + len, 0, 0};
	if (csv_read(&r, &back) != 1 || back.unterminated || back.stray)
		fail("the written record does not read back", record);
	if (back.n != rec->n)
		fail("the written record reads back with another number of fields", record);
	for (size_t i = 0; i < rec->n; i++)
		if (strcmp(back.fields[i], rec->fields[i]) != 0)
			fail("a written field reads back changed", record);
	if (csv_read(&r, &back) != 0)
		fail("the written record reads back as more than one", record);
	csv_record_free(&back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv_reader r = {(const char *)data, (const char *)data + size, 0, 0};
	csv_record rec = {0};
	size_t record = 0;
	int rc;

	while ((rc = csv_read(&r, &rec)) == 1) {
		record++;
		if (!rec.unterminated)
			round_trip(&rec, record);
	}
	if (rc != 0)
		abort();
	csv_record_free(&rec);
	return 0;
}
