/* The connection to the hub: opening it, running the prepared statements,
 * and telling a failure in words an admin or a clerk can act on (the
 * server's own words after ours). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "hub_int.h"

/* libpq prints the server's notices (NOTICE: relation exists…) on stderr by
 * default; the hub's are not for the people at a counter. */
static void first_line(char *out, size_t n, const char *msg);

static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Why a connection failed: libpq gives no SQLSTATE before the session
 * starts, but it tells whether the server asked for a password (so it was
 * reached, and the login is what failed). */
static void open_failed(yz_hub *h, yz_err *err)
{
	char words[384];
	first_line(words, sizeof words, PQerrorMessage(h->conn));
	if (PQconnectionNeedsPassword(h->conn))
		yz_err_setc(err, YZ_ERR_DENIED,
		            _("The hub asks for a password and none was given (hub_password in "
		              "yizhan.conf, PGPASSWORD or ~/.pgpass) (%s)"),
		            words);
	else if (PQconnectionUsedPassword(h->conn))
		yz_err_setc(err, YZ_ERR_DENIED, _("The hub refused the login (%s)"), words);
	else
		yz_err_setc(err, YZ_ERR_IO, _("Could not connect to the hub (%s)"), words);
}

int yz_hub_open(yz_hub **out, const char *url, const char *password, int connect_timeout_s,
                yz_err *err)
{
	*out = NULL;
	yz_hub *h = calloc(1, sizeof *h);
	if (!h) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	char timeout[16];
	snprintf(timeout, sizeof timeout, "%d", connect_timeout_s > 0 ? connect_timeout_s : 10);
	/* dbname first: with expand_dbname its URL or key=value words are read
	 * there, and the values after it (ours) win over the URL's. A link that
	 * goes silent is given up after about 20 s (TCP keepalives, and the
	 * user timeout for data not acknowledged), not the system's many
	 * minutes; a Unix socket has neither, HUB_WAIT_S bounds it. No JIT: the
	 * hub's statements are short, and a generic plan's estimate could cross
	 * jit_above_cost and spend more compiling than running. */
	const char *keys[] = {"dbname",           "password",         "connect_timeout",
	                      "application_name", "client_encoding",  "options",
	                      "keepalives",       "keepalives_idle",  "keepalives_interval",
	                      "keepalives_count", "tcp_user_timeout", NULL};
	const char *vals[] = {url && *url ? url : NULL,
	                      password && *password ? password : NULL,
	                      timeout,
	                      "yizhan",
	                      "UTF8",
	                      "-c statement_timeout=60s -c jit=off",
	                      "1",
	                      "10",
	                      "5",
	                      "2",
	                      "20000",
	                      NULL};
	h->conn = PQconnectdbParams(keys, vals, 1);
	if (!h->conn) {
		free(h);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	if (PQstatus(h->conn) != CONNECTION_OK) {
		open_failed(h, err);
		yz_hub_close(h);
		return -1;
	}
	PQsetNoticeProcessor(h->conn, quiet_notice, NULL);
	*out = h;
	return 0;
}

void yz_hub_close(yz_hub *h)
{
	if (!h)
		return;
	PQfinish(h->conn);
	free(h);
}

void hub_copy(char *dst, size_t n, const char *src)
{
	if (!n)
		return;
	size_t len = src ? strlen(src) : 0;
	if (len >= n) {
		len = n - 1;
		/* back to the start of a character */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	if (len)
		memcpy(dst, src, len);
	dst[len] = '\0';
}

/* The first line of a libpq message, without libpq's "ERROR:  " prefixes. */
static void first_line(char *out, size_t n, const char *msg)
{
	static const char *const prefixes[] = {"ERROR:  ", "FATAL:  ", "PANIC:  "};
	if (!msg)
		msg = "";
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (!strncmp(msg, prefixes[i], strlen(prefixes[i])))
			msg += strlen(prefixes[i]);
	hub_copy(out, n, msg);
	out[strcspn(out, "\n")] = '\0';
}

/* Which yz_err code a failure is, from its SQLSTATE (and the connection). */
static yz_errcode code_of(yz_hub *h, const char *state)
{
	if (PQstatus(h->conn) != CONNECTION_OK || !state)
		return YZ_ERR_IO;
	if (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3) || !strcmp(state, "57014"))
		return YZ_ERR_IO; /* link, shutdown, statement timeout */
	if (!strncmp(state, "28", 2) || !strcmp(state, "42501"))
		return YZ_ERR_DENIED; /* login refused; not allowed (row-level security) */
	if (!strcmp(state, "23505") || !strcmp(state, "42710"))
		return YZ_ERR_EXISTS; /* unique key; role exists */
	if (!strcmp(state, "P0002"))
		return YZ_ERR_NOT_FOUND;
	if (!strncmp(state, "22", 2) || !strncmp(state, "23", 2))
		return YZ_ERR_INVALID; /* data the server refused */
	if (!strncmp(state, "53", 2))
		return YZ_ERR_BUSY; /* too many connections, out of resources */
	return YZ_ERR_FAILED;
}

void hub_fail(yz_hub *h, const PGresult *res, const char *what, yz_err *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char words[384];
	if (h->timed_out) {
		yz_err_setc(err, YZ_ERR_IO, _("%s: the hub did not answer within %d seconds"), what,
		            HUB_WAIT_S);
		return;
	}
	first_line(words, sizeof words, primary ? primary : PQerrorMessage(h->conn));
	yz_errcode code = code_of(h, state);
	if (state && (!strcmp(state, "42P01") || !strcmp(state, "42883")))
		yz_err_setc(err, YZ_ERR_FAILED,
		            _("%s: the hub's database has no yizhan schema, or an older one "
		              "(run yizhan hub init as its admin) (%s)"),
		            what, words);
	else if (code == YZ_ERR_IO)
		yz_err_setc(err, code, _("%s: the hub cannot be reached or dropped the link (%s)"),
		            what, words);
	else if (state && !strncmp(state, "28", 2))
		yz_err_setc(err, code, _("%s: the hub refused the login (%s)"), what, words);
	else
		yz_err_setc(err, code, "%s: %s", what, words);
}

/* Prepare s on this connection the first time it runs. */
static int prepare(yz_hub *h, hub_stmt s, const char *what, yz_err *err)
{
	if (h->prepared[s])
		return 0;
	int n = 0;
	const char *sql = hub_stmt_sql(s, &n);
	PGresult *res = hub_wait(h, PQsendPrepare(h->conn, hub_stmt_name(s), sql, n, NULL));
	int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		hub_fail(h, res, what, err);
	PQclear(res);
	h->prepared[s] = ok;
	return ok ? 0 : -1;
}

PGresult *hub_run(yz_hub *h, hub_stmt s, const char *const *values, const char *what, yz_err *err)
{
	if (prepare(h, s, what, err) != 0)
		return NULL;
	int n = 0;
	hub_stmt_sql(s, &n);
	return hub_ok(
	    h,
	    hub_wait(h, PQsendQueryPrepared(h->conn, hub_stmt_name(s), n, values, NULL, NULL, 0)),
	    what, err);
}

PGresult *hub_ok(yz_hub *h, PGresult *res, const char *what, yz_err *err)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	hub_fail(h, res, what, err);
	PQclear(res);
	return NULL;
}

int hub_exec(yz_hub *h, const char *sql, const char *what, yz_err *err)
{
	PGresult *res = hub_query(h, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK ? 0 : -1;
	if (rc)
		hub_fail(h, res, what, err);
	PQclear(res);
	return rc;
}

void hub_rollback(yz_hub *h)
{
	if (!h->timed_out && PQtransactionStatus(h->conn) != PQTRANS_IDLE)
		PQclear(hub_query(h, "ROLLBACK"));
}

bool hub_wait_ready(yz_hub *h, time_t deadline)
{
	while (PQisBusy(h->conn)) {
		time_t now = time(NULL);
		if (now >= deadline) {
			h->timed_out = true;
			return false;
		}
		struct pollfd p = {.fd = PQsocket(h->conn), .events = POLLIN};
		int left = (int)(deadline - now) * 1000;
		if (p.fd < 0 || (poll(&p, 1, left) < 0 && errno != EINTR) ||
		    !PQconsumeInput(h->conn))
			return false;
	}
	return true;
}

PGresult *hub_wait(yz_hub *h, int sent)
{
	if (!sent || h->timed_out)
		return NULL;
	time_t deadline = time(NULL) + HUB_WAIT_S;
	PGresult *keep = NULL, *r;
	while (hub_wait_ready(h, deadline) && (r = PQgetResult(h->conn))) {
		/* an error wins over what follows it, as with PQexec */
		if (keep && PQresultStatus(keep) == PGRES_FATAL_ERROR) {
			PQclear(r);
			continue;
		}
		PQclear(keep);
		keep = r;
	}
	if (h->timed_out) {
		PQclear(keep);
		return NULL;
	}
	return keep;
}

PGresult *hub_query(yz_hub *h, const char *sql)
{
	return hub_wait(h, PQsendQuery(h->conn, sql));
}

int hub_kind_index(const char *kind)
{
	for (int i = 0; kind && yz_hub_kinds[i]; i++)
		if (!strcmp(kind, yz_hub_kinds[i]))
			return i;
	return -1;
}

bool hub_valid_code(const char *code, bool underscore)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 1 || n > 16)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (underscore && c == '_')))
			return false;
	}
	return true;
}

void hub_buf_add(hub_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void hub_buf_str(hub_buf *b, const char *s)
{
	hub_buf_add(b, s, strlen(s));
}

void hub_buf_free(hub_buf *b)
{
	free(b->s);
	*b = (hub_buf){0};
}

/* ---- the URL for another role ---------------------------------------------------- */

/* Percent-encode s into b: letters, digits and -._~ stay (and '/' when
 * slash, for a socket folder in a query). */
static void put_encoded(hub_buf *b, const char *s, bool slash)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char c[4];
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) || (slash && *p == '/'))
			snprintf(c, sizeof c, "%c", *p);
		else
			snprintf(c, sizeof c, "%%%02X", *p);
		hub_buf_str(b, c);
	}
}

static const char *option(const PQconninfoOption *o, const char *key)
{
	for (; o && o->keyword; o++)
		if (!strcmp(o->keyword, key))
			return o->val && *o->val ? o->val : NULL;
	return NULL;
}

int yz_hub_is_admin(yz_hub *h, bool *admin, yz_err *err)
{
	/* The hub's admin owns its tables (hub init), or is a member of the
	 * role that does; stations and departments are neither. */
	PGresult *res = hub_query(h, "SELECT pg_has_role(current_user, (SELECT relowner FROM"
	                             " pg_class WHERE oid = to_regclass('answers')), 'USAGE')");
	*admin = false;
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		hub_fail(h, res, _("Reading who the hub's login is"), err);
		PQclear(res);
		return -1;
	}
	if (PQgetisnull(res, 0, 0)) {
		yz_err_setc(
		    err, YZ_ERR_NOT_FOUND, "%s",
		    _("This database holds no district hub yet: yizhan hub init makes it."));
		PQclear(res);
		return -1;
	}
	*admin = !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	return 0;
}

int yz_hub_url_for(yz_hub *h, const char *role, char *out, size_t n, yz_err *err)
{
	PQconninfoOption *info = PQconninfo(h->conn);
	if (!info) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	const char *host = option(info, "host"), *port = option(info, "port");
	const char *hostaddr = option(info, "hostaddr"), *sslmode = option(info, "sslmode");
	const char *db = PQdb(h->conn);
	/* A plain host name or address goes before the path; a socket folder or
	 * a list of hosts goes into the query (host=…). */
	bool plain = host && host[0] != '/' && !strchr(host, ',') && !(port && strchr(port, ','));
	hub_buf b = {0};
	char q = '?';
	hub_buf_str(&b, "postgresql://");
	put_encoded(&b, role, false);
	hub_buf_str(&b, "@");
	if (plain) {
		bool v6 = strchr(host, ':') != NULL;
		hub_buf_str(&b, v6 ? "[" : "");
		hub_buf_str(&b, host);
		hub_buf_str(&b, v6 ? "]" : "");
		if (port) {
			hub_buf_str(&b, ":");
			put_encoded(&b, port, false);
		}
	}
	hub_buf_str(&b, "/");
	put_encoded(&b, db ? db : "", false);
	if (host && !plain) {
		hub_buf_str(&b, "?host=");
		put_encoded(&b, host, true);
		q = '&';
		if (port) {
			hub_buf_str(&b, "&port=");
			put_encoded(&b, port, false);
		}
	}
	const char *extra[][2] = {
	    {"hostaddr", hostaddr},
	    {"sslmode", sslmode && strcmp(sslmode, "prefer") ? sslmode : NULL}};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		if (!extra[i][1])
			continue;
		char sep[2] = {q, '\0'};
		hub_buf_str(&b, sep);
		hub_buf_str(&b, extra[i][0]);
		hub_buf_str(&b, "=");
		put_encoded(&b, extra[i][1], true);
		q = '&';
	}
	PQconninfoFree(info);
	int rc = 0;
	if (b.oom) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		rc = -1;
	} else if (b.len >= n) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s", _("The hub's address is too long."));
		rc = -1;
	} else {
		memcpy(out, b.s, b.len + 1);
	}
	hub_buf_free(&b);
	return rc;
}
