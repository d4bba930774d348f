/* libFuzzer target for the residents' CSV import (`yizhan residents import`):
 * any bytes as the file go through the encoding detection (UTF-8 with or
 * without BOM, else GB18030), the CSV reader and every row check into a fresh,
 * empty station. Besides not crashing, leaking or hanging: every data row
 * is either imported or rejected, the station holds exactly the imported
 * residents, and the reject report exists only when a row was rejected and is
 * valid UTF-8 (a clerk opens it in Excel). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_tmp.h"
#include "yizhan/store.h"
#include "yizhan/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_csv: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* The reject report is there only with rejects, and is valid UTF-8. */
static void check_rejects(const char *path, long rejected)
{
	size_t n;
	char *text;

	if (access(path, F_OK) != 0) {
		if (rejected > 0)
			fail("rows were rejected but there is no reject report", NULL);
		return;
	}
	if (rejected == 0)
		fail("a reject report without rejected rows", NULL);
	text = fuzz_tmp_read(path, &n);
	if (!yz_utf8_valid(text, n))
		fail("the reject report is not valid UTF-8", NULL);
	free(text);
}

/* A migrated, empty station file, made once per process: creating the schema
 * for each input would cost far more than the import itself. */
static const uint8_t *template_db(size_t *size)
{
	static uint8_t *bytes;
	static size_t n;
	char path[4200];
	yz_store *st;
	yz_err err = {0};

	if (bytes) {
		*size = n;
		return bytes;
	}
	fuzz_tmp_path("template.db", path, sizeof path);
	if (yz_store_open(path, &st, &err) != 0)
		fail("cannot make a station", err.msg);
	yz_store_close(st);
	bytes = (uint8_t *)fuzz_tmp_read(path, &n);
	unlink(path);
	*size = n;
	return bytes;
}

static void remove_station(const char *db)
{
	char side[4300];

	unlink(db);
	snprintf(side, sizeof side, "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db);
	unlink(side);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[4200], rej[4200], db[4200];
	const uint8_t *tmpl;
	size_t tmpl_size;
	yz_store *st;
	yz_err err = {0};
	yz_import_report rep;

	tmpl = template_db(&tmpl_size);
	fuzz_tmp_path("residents.csv", in, sizeof in);
	fuzz_tmp_path("rejects.csv", rej, sizeof rej);
	fuzz_tmp_path("station.db", db, sizeof db);
	fuzz_tmp_write(in, data, size);
	fuzz_tmp_write(db, tmpl, tmpl_size);
	if (yz_store_open(db, &st, &err) != 0)
		fail("cannot open the station", err.msg);
	if (yz_residents_import(st, in, NULL, rej, "fuzz", &rep, &err) == 0) {
		if (rep.rows != rep.imported + rep.rejected)
			fail("rows neither imported nor rejected", NULL);
		if (yz_resident_count(st) != rep.imported)
			fail("the station does not hold the imported rows", NULL);
		check_rejects(rej, rep.rejected);
	} else if (access(rej, F_OK) == 0) {
		fail("a failed import left a reject report", err.msg);
	}
	yz_store_close(st);
	remove_station(db);
	unlink(in);
	unlink(rej);
	return 0;
}
