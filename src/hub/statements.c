/* The hub's prepared statements: every query the module sends with values in
 * it is one of these, its values passed as parameters (never spliced into the
 * text). Each connection prepares a statement the first time it runs it
 * (hub_run), so a statement costs one round trip from then on. The tables
 * and functions they use are made by schema.c; the row-level security there
 * decides which rows a station's or a department's role reaches, so the same
 * statement serves the admin, a station and a department. */
#include "hub_int.h"

/* Digest of one kind (design17.md "Digest"): the count and the SHA-256 of
 * key TAB raw LF of each row in key order, as the station computes it from
 * its views. key is COLLATE "C" in every h_ table (bytewise, as SQLite's
 * BINARY); raw is the body exactly as the station sent it. A row deleted at
 * the station is a tombstone (raw NULL) and counts as gone. */
#define DIGEST_SQL(table)                                                                          \
	"SELECT count(*), encode(sha256(convert_to(coalesce(string_agg(key || E'\\t' || raw || "   \
	"E'\\n', '' ORDER BY key), ''), 'UTF8')), 'hex') FROM " table                              \
	" WHERE station = $1 AND raw IS NOT NULL"

static const struct {
	const char *name; /* the prepared statement's name on the connection */
	int n_params;
	const char *sql;
} stmts[HUB_STMT_N] = {
    [HUB_PUSH] = {"yz_push", 6,
                  "SELECT hub_push($1, $2::bigint[], $3::text[], $4::text[], $5::text[], "
                  "$6::bigint)"},
    [HUB_LAST_SEQ] = {"yz_last_seq", 1,
                      "SELECT last_seq, (SELECT coalesce(max(id), 0) FROM answers"
                      " WHERE station = $1) FROM stations WHERE code = $1"},
    [HUB_ANSWERS] = {"yz_answers", 3,
                     "SELECT id, case_no, forward_key, department, result, "
                     "to_char(result_date, 'YYYY-MM-DD'), answered_by, "
                     "to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                     "FROM answers WHERE station = $1 AND id > $2::bigint "
                     "ORDER BY id LIMIT $3::bigint"},
    [HUB_STATIONS] = {"yz_stations", 0,
                      "SELECT code, name, coalesce(to_char(last_sync AT TIME ZONE 'UTC', "
                      "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), last_seq, backlog, received "
                      "FROM stations ORDER BY code"},
    [HUB_STATION_ADD] = {"yz_station_add", 3,
                         "INSERT INTO stations (code, name, role) VALUES ($1, $2, $3)"},
    [HUB_DEPT_ADD] = {"yz_dept_add", 3,
                      "INSERT INTO departments (code, name, role) VALUES ($1, $2, $3)"},
    [HUB_ROLE_EXISTS] = {"yz_role_exists", 1, "SELECT 1 FROM pg_roles WHERE rolname = $1"},
    [HUB_DEPT_BY_CODE] = {"yz_dept_by_code", 1, "SELECT name FROM departments WHERE code = $1"},
    [HUB_DEPT_OWN] = {"yz_dept_own", 0,
                      "SELECT code, name FROM departments WHERE role = current_user"},
    [HUB_INBOX_OPEN] = {"yz_inbox_open", 4, HUB_INBOX_OPEN_SQL HUB_INBOX_BY_OFFSET},
    [HUB_INBOX_ALL] = {"yz_inbox_all", 4, HUB_INBOX_ALL_SQL HUB_INBOX_BY_OFFSET},
    [HUB_ANSWER] = {"yz_answer", 5, "SELECT hub_answer($1, $2, $3, $4, $5::date)"},
    [HUB_FORWARD_OF] = {"yz_forward_of", 3,
                        "SELECT key FROM h_forward WHERE station = $1 AND case_no = $2"
                        " AND department = $3 AND result IS NULL ORDER BY key DESC LIMIT 1"},
    [HUB_DIGEST_FIRST + 0] = {"yz_digest_case", 1, DIGEST_SQL("h_case")},
    [HUB_DIGEST_FIRST + 1] = {"yz_digest_applicant", 1, DIGEST_SQL("h_applicant")},
    [HUB_DIGEST_FIRST + 2] = {"yz_digest_field", 1, DIGEST_SQL("h_field")},
    [HUB_DIGEST_FIRST + 3] = {"yz_digest_event", 1, DIGEST_SQL("h_event")},
    [HUB_DIGEST_FIRST + 4] = {"yz_digest_pause", 1, DIGEST_SQL("h_pause")},
    [HUB_DIGEST_FIRST + 5] = {"yz_digest_forward", 1, DIGEST_SQL("h_forward")},
    [HUB_DIGEST_FIRST + 6] = {"yz_digest_rating", 1, DIGEST_SQL("h_rating")},
    [HUB_DIGEST_FIRST + 7] = {"yz_digest_followup", 1, DIGEST_SQL("h_followup")},
};

const char *hub_stmt_name(hub_stmt s)
{
	return stmts[s].name;
}

const char *hub_stmt_sql(hub_stmt s, int *n_params)
{
	*n_params = stmts[s].n_params;
	return stmts[s].sql;
}
