/* A counter that never stops committing, for cli_backup.sh (issue 14): opens
 * the station at argv[1] with the store and creates cases one transaction at
 * a time, appending each case number to the file argv[2] only once
 * yz_case_create has returned (the case is acknowledged: committed, synced).
 * Stops when the file argv[3] exists, after 100,000 cases or after 120 s.
 *
 *   backup_writer STATION.DB ACKS STOPFILE */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "yizhan/store.h"

int main(int argc, char **argv)
{
	yz_store *st;
	yz_err err = {0};
	char code[32];
	yz_case out;
	const char *keys[] = {"purpose"}, *vals[] = {"backup test"};
	yz_case_new in = {.form_id = "residence_certificate",
	                  .item = "backup test",
	                  .line = "civil",
	                  .clerk_login = "admin",
	                  .accepted_date = "2026-12-07",
	                  .due_date = "",
	                  .status = YZ_CASE_ACCEPTED,
	                  .field_keys = keys,
	                  .field_vals = vals,
	                  .n_fields = 1,
	                  .promise_days = 5};
	time_t start = time(NULL);
	FILE *acks;

	if (argc != 4) {
		fprintf(stderr, "usage: backup_writer STATION.DB ACKS STOPFILE\n");
		return 2;
	}
	if (yz_store_open(argv[1], &st, &err) != 0 ||
	    yz_store_meta_get(st, "station_code", code, sizeof code, &err) != 0) {
		fprintf(stderr, "backup_writer: %s\n", err.msg);
		return 1;
	}
	if (!(acks = fopen(argv[2], "a"))) {
		perror(argv[2]);
		return 1;
	}
	for (int i = 0; i < 100000 && access(argv[3], F_OK) != 0 && time(NULL) - start < 120; i++) {
		if (yz_case_create(st, code, 2026, &in, &out, &err) != 0) {
			fprintf(stderr, "backup_writer: case %d: %s\n", i, err.msg);
			fclose(acks);
			yz_store_close(st);
			return 1;
		}
		fprintf(acks, "%s\n", out.number);
		fflush(acks);
	}
	fclose(acks);
	yz_store_close(st);
	return 0;
}
