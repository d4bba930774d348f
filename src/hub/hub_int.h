/* Internal to src/hub: the connection, its prepared statements and the error
 * words shared by the module's files. */
#ifndef YZ_HUB_INT_H
#define YZ_HUB_INT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <time.h>

#include "yizhan/hub.h"

/* The statements each connection prepares on first use (statements.c). */
typedef enum hub_stmt {
	HUB_PUSH,         /* hub_push(station, seqs, kinds, keys, raws, backlog) */
	HUB_LAST_SEQ,     /* the station's last_seq */
	HUB_ANSWERS,      /* the station's answers after an id */
	HUB_STATIONS,     /* every station the role sees, by code */
	HUB_STATION_ADD,  /* insert a station */
	HUB_DEPT_ADD,     /* insert a department */
	HUB_ROLE_EXISTS,  /* is there a role of that name on the server */
	HUB_DEPT_BY_CODE, /* a department's name by its code */
	HUB_DEPT_OWN,     /* the connection's own department (code, name) */
	HUB_INBOX_OPEN,   /* a page of a department's open forwards */
	HUB_INBOX_ALL,    /* a page of all of a department's forwards */
	HUB_ANSWER,       /* hub_answer(dept, station, key, result, date) */
	HUB_FORWARD_OF,   /* a case's open forward to a department */
	HUB_DIGEST_FIRST, /* one digest statement per kind, in yz_hub_kinds' order */
	HUB_STMT_N = HUB_DIGEST_FIRST + 8
} hub_stmt;

/* A connection to the hub. */
struct yz_hub {
	PGconn *conn;              /* libpq's connection; never NULL once open */
	bool prepared[HUB_STMT_N]; /* statement i prepared on this connection */
	char dept_code[17];        /* the last department looked up ("" = own) */
	char dept_name[160];       /* its name; "" = nothing cached */
	bool timed_out;            /* the hub did not answer in time: the connection is
	                            * given up (every later call fails at once) */
};

/* The longest a statement is waited for: the server's statement_timeout
 * (60 s) and a margin. A server that stopped answering (a hung machine, a
 * link gone silent on a Unix socket where keepalives do not reach) is given
 * up after it instead of never. */
#define HUB_WAIT_S 75

/* The result of what was just sent (PQsend*: sent is its return value), as
 * PQexec would give it (an error one if any, else the last), waited for at
 * most HUB_WAIT_S; NULL when nothing came. */
PGresult *hub_wait(yz_hub *h, int sent);
/* PQexec, waited for as hub_wait does. */
/* res when it holds rows or a command's success; else NULL, err set from it
 * (hub_fail) and res cleared. */
PGresult *hub_ok(yz_hub *h, PGresult *res, const char *what, yz_err *err);
/* Wait until libpq has a whole result, at most until deadline; false when
 * the time ran out (h->timed_out set) or the link failed. */
bool hub_wait_ready(yz_hub *h, time_t deadline);
PGresult *hub_query(yz_hub *h, const char *sql);

/* A department's inbox, open forwards or all of them, in yz_hub_inbox_row's
 * columns, up to the WHERE on the department ($1; $2 today, for "overdue");
 * the page's order and limit follow: by offset (statements.c) or after a row
 * (the keyset pages of inbox.c). The open ones read the partial index
 * h_forward_open (department, dept_due, sent, station, key WHERE result IS
 * NULL) as a range, the others h_forward_dept. */
#define HUB_INBOX_COLUMNS                                                                          \
	"SELECT f.station, s.name, f.case_no, f.key, coalesce(c.body ->> 'item', ''), "            \
	"f.department, coalesce(f.sent, ''), coalesce(f.dept_due, ''), "
#define HUB_INBOX_JOINS                                                                            \
	" FROM h_forward f JOIN stations s ON s.code = f.station"                                  \
	" LEFT JOIN h_case c ON c.station = f.station AND c.key = f.case_no"
#define HUB_INBOX_OPEN_SQL                                                                         \
	HUB_INBOX_COLUMNS "f.dept_due < $2, false, ''" HUB_INBOX_JOINS                             \
	                  " WHERE f.department = $1 AND f.result IS NULL"                          \
	                  " AND NOT EXISTS (SELECT 1 FROM answers a"                               \
	                  " WHERE a.station = f.station AND a.forward_key = f.key)"
#define HUB_INBOX_ALL_SQL                                                                          \
	HUB_INBOX_COLUMNS                                                                          \
	"f.result IS NULL AND a.id IS NULL AND f.dept_due < $2, "                                  \
	"f.result IS NOT NULL OR a.id IS NOT NULL, "                                               \
	"left(coalesce(a.result, f.result, ''), 80)" HUB_INBOX_JOINS                               \
	" LEFT JOIN answers a ON a.station = f.station AND a.forward_key = f.key"                  \
	" WHERE f.department = $1"

/* A page by offset ($3 rows after $4; `hub inbox`): the first pages are an
 * index range stopped after the page. */
#define HUB_INBOX_BY_OFFSET " ORDER BY f.dept_due, f.sent, f.station, f.key LIMIT $3 OFFSET $4"

/* The statement's name and text (statements.c); n_params its parameters. */
const char *hub_stmt_name(hub_stmt s);
const char *hub_stmt_sql(hub_stmt s, int *n_params);

/* Run statement s with the text parameters values (NULL = SQL NULL),
 * preparing it first on this connection. The result (tuples or command ok),
 * or NULL with err filled: what, then the server's words. */
PGresult *hub_run(yz_hub *h, hub_stmt s, const char *const *values, const char *what, yz_err *err);
/* Run plain SQL of ours (no parameters: DDL, BEGIN, COMMIT); 0 or -1 as above. */
int hub_exec(yz_hub *h, const char *sql, const char *what, yz_err *err);
/* Fill err for a failed statement (res may be NULL: the connection's message). */
void hub_fail(yz_hub *h, const PGresult *res, const char *what, yz_err *err);
/* End a transaction that failed part way; err keeps the first failure. */
void hub_rollback(yz_hub *h);

/* Copy a UTF-8 value into a buffer of n bytes, cut at a character boundary. */
void hub_copy(char *dst, size_t n, const char *src);

/* The index of kind in yz_hub_kinds, or -1. */
int hub_kind_index(const char *kind);

/* A station code [A-Z0-9]{1,16}; a department code [A-Z0-9_]{1,16}. */
bool hub_valid_code(const char *code, bool underscore);

/* A growing text buffer (push's arrays); oom set when an allocation failed. */
typedef struct hub_buf {
	char *s;
	size_t len, cap;
	bool oom;
} hub_buf;
void hub_buf_add(hub_buf *b, const char *s, size_t n);
void hub_buf_str(hub_buf *b, const char *s);
void hub_buf_free(hub_buf *b);

/* The schema, in steps (schema.c). */
int hub_schema_step(yz_hub *h, int to_version, yz_err *err);

#endif
