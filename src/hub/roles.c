/* Stations and departments: each is a row of the hub and a PostgreSQL login
 * role (yz_s_<code> / yz_d_<code>, member of yz_station / yz_department,
 * whose row-level security confines it: schema.c). The role's password is
 * made here from the kernel's random source and sent to the server only as
 * a SCRAM verifier (PQencryptPasswordConn, as psql's \password does), so the
 * password itself never reaches the server's logs. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "../intl.h"
#include "hub_int.h"

enum { PASSWORD_LEN = 24 };

/* PASSWORD_LEN letters and digits, each uniform (bytes above the largest
 * multiple of 62 are thrown away). */
static int make_password(char *out, yz_err *err)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t n = 0;
	while (n < PASSWORD_LEN) {
		unsigned char bytes[64];
		ssize_t got = getrandom(bytes, sizeof bytes, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			yz_err_setc(err, YZ_ERR_FAILED, _("Could not make a password: %s"),
			            strerror(errno));
			return -1;
		}
		for (ssize_t i = 0; i < got && n < PASSWORD_LEN; i++)
			if (bytes[i] < 248) /* 4 * 62 */
				out[n++] = alphabet[bytes[i] % 62];
	}
	out[n] = '\0';
	return 0;
}

/* CREATE ROLE role LOGIN PASSWORD '<verifier>' IN ROLE group, the name and
 * the verifier escaped by libpq (DDL takes no parameters). */
static int create_role(yz_hub *h, const char *role, const char *password, const char *group,
                       const char *what, yz_err *err)
{
	char *verifier = PQencryptPasswordConn(h->conn, password, role, "scram-sha-256");
	char *ident = PQescapeIdentifier(h->conn, role, strlen(role));
	char *lit = verifier ? PQescapeLiteral(h->conn, verifier, strlen(verifier)) : NULL;
	int rc = -1;
	if (!verifier || !ident || !lit) {
		hub_fail(h, NULL, what, err);
	} else {
		size_t n = strlen(ident) + strlen(lit) + strlen(group) + 64;
		char *sql = malloc(n);
		if (!sql) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		} else {
			snprintf(sql, n, "CREATE ROLE %s LOGIN PASSWORD %s IN ROLE %s", ident, lit,
			         group);
			rc = hub_exec(h, sql, what, err);
			free(sql);
		}
	}
	PQfreemem(verifier);
	PQfreemem(ident);
	PQfreemem(lit);
	return rc;
}

/* The row and the role, in one transaction. */
static int add_member(yz_hub *h, bool station, const char *code, const char *name, char *role,
                      char *password, yz_err *err)
{
	const char *what =
	    station ? _("Could not register the station") : _("Could not register the department");
	if (!hub_valid_code(code, !station)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            station
		                ? _("A station's code is 1 to 16 capital letters and digits "
		                    "(its case numbers' prefix), not \"%s\".")
		                : _("A department's code is 1 to 16 capital letters, digits and "
		                    "'_', not \"%s\"."),
		            code ? code : "");
		return -1;
	}
	size_t len = name ? strlen(name) : 0;
	if (!len || len >= 160 || !yz_utf8_valid(name, len)) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("The name is missing, too long or not valid text."));
		return -1;
	}
	snprintf(role, 64, "%s", station ? "yz_s_" : "yz_d_");
	for (size_t i = 0; code[i]; i++)
		role[5 + i] = (char)tolower((unsigned char)code[i]);
	role[5 + strlen(code)] = '\0';
	if (make_password(password, err) != 0)
		return -1;

	if (hub_exec(h, "BEGIN", what, err) != 0)
		return -1;
	const char *row[] = {code, name, role};
	PGresult *res = hub_run(h, station ? HUB_STATION_ADD : HUB_DEPT_ADD, row, what, err);
	if (!res) {
		hub_rollback(h);
		if (err && err->code == YZ_ERR_EXISTS)
			yz_err_setc(
			    err, YZ_ERR_EXISTS,
			    station ? _("The hub already has a station %s.")
			            : _("The hub already has a department %s, or one named so."),
			    code);
		return -1;
	}
	PQclear(res);
	/* Roles belong to the whole server: one left by another hub database
	 * would reach this one's rows too, so it is not taken over. */
	const char *rv[] = {role};
	res = hub_run(h, HUB_ROLE_EXISTS, rv, what, err);
	if (!res || PQntuples(res) > 0) {
		if (res)
			yz_err_setc(
			    err, YZ_ERR_EXISTS,
			    _("The database server already has a role %s (another hub on the "
			      "same server?); drop it or use another code."),
			    role);
		PQclear(res);
		hub_rollback(h);
		return -1;
	}
	PQclear(res);
	if (create_role(h, role, password, station ? "yz_station" : "yz_department", what, err) !=
	        0 ||
	    hub_exec(h, "COMMIT", what, err) != 0) {
		hub_rollback(h);
		return -1;
	}
	return 0;
}

int yz_hub_station_add(yz_hub *h, const char *code, const char *name, char *role, char *password,
                       yz_err *err)
{
	return add_member(h, true, code, name, role, password, err);
}

int yz_hub_dept_add(yz_hub *h, const char *code, const char *name, char *role, char *password,
                    yz_err *err)
{
	return add_member(h, false, code, name, role, password, err);
}

int yz_hub_stations(yz_hub *h, yz_hub_station **out, size_t *n, yz_err *err)
{
	*out = NULL;
	*n = 0;
	PGresult *res = hub_run(h, HUB_STATIONS, NULL, _("Could not list the stations"), err);
	if (!res)
		return -1;
	int rows = PQntuples(res);
	yz_hub_station *s = calloc(rows ? (size_t)rows : 1, sizeof *s);
	if (!s) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	for (int i = 0; i < rows; i++) {
		hub_copy(s[i].code, sizeof s[i].code, PQgetvalue(res, i, 0));
		hub_copy(s[i].name, sizeof s[i].name, PQgetvalue(res, i, 1));
		hub_copy(s[i].last_sync, sizeof s[i].last_sync, PQgetvalue(res, i, 2));
		s[i].last_seq = strtoll(PQgetvalue(res, i, 3), NULL, 10);
		s[i].backlog = strtoll(PQgetvalue(res, i, 4), NULL, 10);
		s[i].rows = strtoll(PQgetvalue(res, i, 5), NULL, 10);
	}
	PQclear(res);
	*out = s;
	*n = (size_t)rows;
	return 0;
}
