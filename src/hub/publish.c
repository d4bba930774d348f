/* The files the district publishes to its stations (issue 17): forms,
 * ledgers and the working-day calendar, in the hub's table `published`
 * (schema.c, version 2). The admin publishes and withdraws; a station's sync
 * asks for what came after the last version it took. Only the hub's owner
 * may write the table: a station's or a department's login is refused by
 * PostgreSQL itself (no grant), whatever this program does. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "hub_int.h"

#define SINCE_DEFAULT 50

/* The columns every read gives, in yz_hub_published's order. */
#define PUB_COLUMNS                                                                                \
	"SELECT name, version, withdrawn, size, coalesce(sha256, ''), "                            \
	"to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "             \
	"published_by"

/* A statement with text parameters, run once (no statement of hub_int.h's
 * table: the admin's and the sync's few calls gain nothing from preparing). */
static PGresult *run(yz_hub *h, const char *sql, int n, const char *const *values, const char *what,
                     yz_err *err)
{
	return hub_ok(h,
	              hub_wait(h, PQsendQueryParams(h->conn, sql, n, NULL, values, NULL, NULL, 0)),
	              what, err);
}

/* The admin's write refused: say who may write, not only the server's words. */
static void only_admin(yz_err *err)
{
	if (err && err->code == YZ_ERR_DENIED) {
		char server[sizeof err->msg];
		snprintf(server, sizeof server, "%s", err->msg);
		yz_err_setc(err, YZ_ERR_DENIED,
		            _("Only the hub's administrator (the login that ran yizhan hub init) "
		              "publishes files to the stations (%s)"),
		            server);
	}
}

/* Begin the admin's write: one publisher at a time, so that versions commit
 * in their order (a station that took version N never misses a smaller one
 * committed after it looked). */
static int begin_write(yz_hub *h, const char *what, yz_err *err)
{
	if (hub_exec(h, "BEGIN; LOCK TABLE published IN SHARE ROW EXCLUSIVE MODE", what, err) == 0)
		return 0;
	hub_rollback(h);
	only_admin(err);
	return -1;
}

static int end_write(yz_hub *h, int rc, const char *what, yz_err *err)
{
	if (rc == 0 && hub_exec(h, "COMMIT", what, err) == 0)
		return 0;
	hub_rollback(h);
	only_admin(err);
	return -1;
}

/* A body the table can hold: UTF-8 text without NUL, not too large. */
static int check_body(const yz_hub_pub_file *f, yz_err *err)
{
	if (!yz_hub_published_name_ok(f->name)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("\"%s\" is not a name a file is published under (forms/NAME.form, "
		              "forms/ledgers/NAME.ledger or calendar.txt)."),
		            f->name ? f->name : "");
		return -1;
	}
	if (f->len > YZ_HUB_PUBLISH_MAX) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s is %zu bytes: the most a published file may hold is %d."),
		            f->name, f->len, YZ_HUB_PUBLISH_MAX);
		return -1;
	}
	if (!f->body || memchr(f->body, '\0', f->len) || !yz_utf8_valid(f->body, f->len)) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s is not UTF-8 text."), f->name);
		return -1;
	}
	return 0;
}

int yz_hub_publish(yz_hub *h, yz_hub_pub_file *files, size_t n, yz_err *err)
{
	const char *what = _("The hub did not publish the files");
	/* The same bytes under the same name change nothing (no new version,
	 * nothing for the stations to take again). */
	static const char sql[] =
	    "INSERT INTO published AS p (name, body, sha256, size)"
	    " SELECT $1::text, $2::text, encode(sha256(b), 'hex'), octet_length(b)"
	    " FROM convert_to($2::text, 'UTF8') AS b"
	    " ON CONFLICT (name) DO UPDATE SET body = excluded.body, sha256 = excluded.sha256,"
	    " size = excluded.size, withdrawn = false, version = excluded.version,"
	    " published_at = now(), published_by = current_user"
	    " WHERE p.withdrawn OR p.sha256 IS DISTINCT FROM excluded.sha256"
	    " RETURNING version";
	for (size_t i = 0; i < n; i++)
		if (check_body(&files[i], err) != 0)
			return -1;
	if (begin_write(h, what, err) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* the text as a NUL-terminated parameter of exactly len bytes */
		char *body = malloc(files[i].len + 1);
		if (!body) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
			rc = -1;
			break;
		}
		memcpy(body, files[i].body, files[i].len);
		body[files[i].len] = '\0';
		const char *v[] = {files[i].name, body};
		PGresult *res = run(h, sql, 2, v, what, err);
		free(body);
		if (!res) {
			rc = -1;
			break;
		}
		files[i].version =
		    PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
		PQclear(res);
	}
	return end_write(h, rc, what, err);
}

int yz_hub_withdraw(yz_hub *h, const char *name, int64_t *version, yz_err *err)
{
	const char *what = _("The hub did not withdraw the file");
	static const char sql[] =
	    "UPDATE published SET body = NULL, sha256 = NULL, size = 0, withdrawn = true,"
	    " version = nextval('published_version'), published_at = now(),"
	    " published_by = current_user WHERE name = $1 AND NOT withdrawn RETURNING version";
	if (begin_write(h, what, err) != 0)
		return -1;
	const char *v[] = {name ? name : ""};
	PGresult *res = run(h, sql, 1, v, what, err);
	int rc = res ? 0 : -1;
	if (res && PQntuples(res) != 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("Nothing is published as %s (yizhan hub publish --list shows what "
		              "is)."),
		            name ? name : "");
		rc = -1;
	} else if (res && version) {
		*version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	}
	PQclear(res);
	return end_write(h, rc, what, err);
}

/* Rows of PUB_COLUMNS (and the body in column 7 when bodies) into *out. */
static int take_rows(PGresult *res, bool bodies, yz_hub_published **out, size_t *n, yz_err *err)
{
	int rows = PQntuples(res);
	yz_hub_published *p = calloc(rows ? (size_t)rows : 1, sizeof *p);
	if (!p) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	for (int i = 0; i < rows; i++) {
		hub_copy(p[i].name, sizeof p[i].name, PQgetvalue(res, i, 0));
		p[i].version = strtoll(PQgetvalue(res, i, 1), NULL, 10);
		p[i].withdrawn = !strcmp(PQgetvalue(res, i, 2), "t");
		p[i].size = strtoll(PQgetvalue(res, i, 3), NULL, 10);
		hub_copy(p[i].sha256, sizeof p[i].sha256, PQgetvalue(res, i, 4));
		hub_copy(p[i].published_at, sizeof p[i].published_at, PQgetvalue(res, i, 5));
		hub_copy(p[i].published_by, sizeof p[i].published_by, PQgetvalue(res, i, 6));
		if (bodies && !PQgetisnull(res, i, 7)) {
			int len = PQgetlength(res, i, 7);
			p[i].body = malloc((size_t)len + 1);
			if (!p[i].body) {
				yz_hub_published_free(p, (size_t)i);
				yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
				return -1;
			}
			memcpy(p[i].body, PQgetvalue(res, i, 7), (size_t)len);
			p[i].body[len] = '\0';
			p[i].size = len; /* what arrived; the sha256 tells whether it is whole */
		}
	}
	*out = p;
	*n = (size_t)rows;
	return 0;
}

int yz_hub_published_list(yz_hub *h, yz_hub_published **out, size_t *n, yz_err *err)
{
	*out = NULL;
	*n = 0;
	PGresult *res = run(h, PUB_COLUMNS " FROM published ORDER BY name", 0, NULL,
	                    _("Could not read what the hub publishes"), err);
	if (!res)
		return -1;
	int rc = take_rows(res, false, out, n, err);
	PQclear(res);
	return rc;
}

int yz_hub_published_since(yz_hub *h, int64_t after, size_t max, yz_hub_published **out, size_t *n,
                           int64_t *hub_version, yz_err *err)
{
	*out = NULL;
	*n = 0;
	char a[24], lim[24];
	snprintf(a, sizeof a, "%" PRId64, after);
	snprintf(lim, sizeof lim, "%zu", max ? max : SINCE_DEFAULT);
	const char *v[] = {a, lim};
	const char *what = _("Could not fetch the files the district published");
	/* A hub not migrated yet (schema version 1) publishes nothing: the
	 * station's sync goes on without it. */
	PGresult *res = run(h, "SELECT to_regclass('published') IS NOT NULL", 0, NULL, what, err);
	if (!res)
		return -1;
	bool have = !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	if (!have) {
		if (hub_version)
			*hub_version = -1;
		return 0;
	}
	res = run(h, "SELECT coalesce(max(version), 0) FROM published", 0, NULL, what, err);
	if (!res)
		return -1;
	if (hub_version)
		*hub_version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	res = run(h,
	          PUB_COLUMNS ", body FROM published WHERE version > $1::bigint"
	                      " ORDER BY version LIMIT $2::bigint",
	          2, v, what, err);
	if (!res)
		return -1;
	int rc = take_rows(res, true, out, n, err);
	PQclear(res);
	return rc;
}

void yz_hub_published_free(yz_hub_published *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++)
		free(p[i].body);
	free(p);
}
