/* Temporary station databases for the store tests. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"

int fx_setup_closed(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);

	assert_non_null(fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/yz-store-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->path, sizeof fx->path, "%s/station.db", fx->dir);
	*state = fx;
	return 0;
}

int fx_setup(void **state)
{
	fixture *fx;
	yz_err err = {0};

	fx_setup_closed(state);
	fx = *state;
	if (yz_store_open(fx->path, &fx->st, &err) != 0)
		fail_msg("open: %s", err.msg);
	return 0;
}

/* Remove every file of the folder (db, -wal, -shm) and the folder. */
static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

int fx_teardown(void **state)
{
	fixture *fx = *state;

	yz_store_close(fx->st);
	remove_dir(fx->dir);
	free(fx);
	return 0;
}

sqlite3 *fx_raw(const fixture *fx)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

long long raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	long long v;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

void make_idno(int region, int y, int m, int d, int seq, char out[19])
{
	snprintf(out, 19, "%06d%04d%02d%02d%03d", region, y, m, d, seq);
	out[17] = yz_idcard_check_char(out);
	out[18] = '\0';
}

int64_t fx_clerk_and_resident(fixture *fx)
{
	yz_err err = {0};
	yz_resident r;

	memset(&r, 0, sizeof r);
	if (yz_user_add(fx->st, "clerk1", "Clerk One", "", YZ_ROLE_CLERK, "secret-1", &err) != 0)
		fail_msg("user: %s", err.msg);
	snprintf(r.name, sizeof r.name, "Resident A");
	make_idno(330106, 1980, 5, 17, 123, r.idno);
	if (yz_resident_add(fx->st, &r, "clerk1", &err) != 0)
		fail_msg("resident: %s", err.msg);
	return r.id;
}

void fx_write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		fail_msg("cannot write %s", path);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

char *fx_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fstat(fileno(f), &st), 0);
	buf = calloc(1, (size_t)st.st_size + (1 << 20));
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	return buf;
}

void fx_import_row(char *buf, size_t n, const char *hh, const char *idno, const char *name,
                   const char *rest)
{
	size_t used = strlen(buf);

	snprintf(buf + used, n - used, "%s,%s,%s,%s\r\n", hh, idno, name, rest);
}

int fx_import(fixture *fx, const char *path, const char *rej, bool update, yz_import_report *rep,
              yz_err *err)
{
	yz_import_opts o = {.reject_path = rej, .actor = "clerk1", .update = update};

	return yz_residents_import_with(fx->st, path, &o, rep, err);
}

void fx_expect_in(const char *text, const char *what)
{
	if (!text || !what || !strstr(text, what))
		fail_msg("\"%s\" is not in:\n%s", what ? what : "", text ? text : "");
}
