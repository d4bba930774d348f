/* The hub's schema and its migrations (design17.md "Hub"), like the
 * station's: hub_meta.version, and forward steps in code, each run in the one
 * transaction of yz_hub_migrate.
 *
 * Who sees what is PostgreSQL's row-level security, not this program: every
 * table holding a station's rows has it enabled, and the policies give
 *   - a station's role (member of yz_station) its own station's rows only, to
 *     read and write (changes, h_<kind>) or read (answers, its stations row;
 *     the sync updates its last_seq/last_sync/backlog there);
 *   - a department's role (member of yz_department) the forwards to its
 *     department, the case, applicant, field and event rows of their cases,
 *     the answers to them, and inserting an answer only to an open forward of
 *     its own, in its own name;
 *   - the admin who ran `hub init` everything (the tables' owner: row-level
 *     security does not apply to it).
 * The policies ask "which station (department) is this role?" through
 * hub_my_station() / hub_my_department() written as (SELECT fn()): an
 * initplan, evaluated once per statement instead of once per row.
 *
 * A row deleted at the station stays as a tombstone (raw NULL, with its seq),
 * so that an older change arriving late cannot bring it back; every reader
 * counts a tombstone as gone (raw IS NOT NULL). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "hub_int.h"

/* The group roles whose members the stations' and departments' login roles
 * are (roles belong to the whole server: made once), the schema's version,
 * the stations and the departments, and the functions the policies ask. */
static const char roles_sql[] =
    "DO $$ BEGIN"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yz_station') THEN"
    "    CREATE ROLE yz_station NOLOGIN;"
    "  END IF;"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yz_department') THEN"
    "    CREATE ROLE yz_department NOLOGIN;"
    "  END IF;"
    "END $$;";

static const char meta_sql[] =
    /* No role but the owner creates objects beside the hub's (a function
     * or an operator named like one the hub's statements call would run in
     * their place); PostgreSQL 15 makes new databases so, an older or
     * restored one may not be (a warning only when the admin may not). */
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
    "CREATE TABLE hub_meta (version integer NOT NULL);"
    "INSERT INTO hub_meta VALUES (0);"
    "GRANT SELECT ON hub_meta TO yz_station, yz_department;"
    "CREATE TABLE stations ("
    "  code text COLLATE \"C\" PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{1,16}$'),"
    "  name text NOT NULL,"
    "  role text NOT NULL UNIQUE,"
    "  added_at timestamptz NOT NULL DEFAULT now(),"
    "  last_sync timestamptz,"
    "  last_seq bigint NOT NULL DEFAULT 0,"
    "  backlog bigint NOT NULL DEFAULT 0,"
    "  received bigint NOT NULL DEFAULT 0);"
    "CREATE TABLE departments ("
    "  code text COLLATE \"C\" PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{1,16}$'),"
    "  name text NOT NULL UNIQUE,"
    "  role text NOT NULL UNIQUE,"
    "  added_at timestamptz NOT NULL DEFAULT now());"
    /* which station or department the current role is (NULL: none) */
    "CREATE FUNCTION hub_my_station() RETURNS text LANGUAGE sql STABLE"
    "  BEGIN ATOMIC SELECT code FROM stations WHERE role = current_user; END;"
    "CREATE FUNCTION hub_my_department() RETURNS text LANGUAGE sql STABLE"
    "  BEGIN ATOMIC SELECT name FROM departments WHERE role = current_user; END;"
    "ALTER TABLE stations ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY station_own ON stations TO yz_station USING (role = current_user);"
    "CREATE POLICY dept_read ON stations FOR SELECT TO yz_department USING (true);"
    /* a department reads a station's code and name, not its role or figures */
    "GRANT SELECT ON stations TO yz_station;"
    "GRANT SELECT (code, name) ON stations TO yz_department;"
    "GRANT UPDATE (last_sync, last_seq, backlog, received) ON stations TO yz_station;"
    "ALTER TABLE departments ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY dept_own ON departments FOR SELECT TO yz_department"
    "  USING (role = current_user);"
    "GRANT SELECT ON departments TO yz_department;";

/* Every change received, for idempotence: (station, seq) is taken once. */
static const char changes_sql[] = "CREATE TABLE changes ("
                                  "  station text COLLATE \"C\" NOT NULL,"
                                  "  seq bigint NOT NULL,"
                                  "  kind text NOT NULL,"
                                  "  key text COLLATE \"C\" NOT NULL,"
                                  "  received_at timestamptz NOT NULL DEFAULT now(),"
                                  "  PRIMARY KEY (station, seq));"
                                  "ALTER TABLE changes ENABLE ROW LEVEL SECURITY;"
                                  "CREATE POLICY station_own ON changes TO yz_station"
                                  "  USING (station = (SELECT hub_my_station()))"
                                  "  WITH CHECK (station = (SELECT hub_my_station()));"
                                  "GRANT SELECT, INSERT ON changes TO yz_station;";

/* The shared part of every h_<kind> table: the station's key, the seq of the
 * change that wrote it, the body as the station sent it (raw: the digest is
 * made from these bytes) and parsed (body), and the case it belongs to (the
 * key's part before '/'; the whole key for case, applicant and rating). A
 * station reads and writes its own rows. */
#define H_TABLE(name, extra)                                                                       \
	"CREATE TABLE " name " ("                                                                  \
	"  station text COLLATE \"C\" NOT NULL,"                                                   \
	"  key text COLLATE \"C\" NOT NULL,"                                                       \
	"  seq bigint NOT NULL,"                                                                   \
	"  raw text,"                                                                              \
	"  body jsonb GENERATED ALWAYS AS (raw::jsonb) STORED,"                                    \
	"  case_no text COLLATE \"C\" GENERATED ALWAYS AS (split_part(key, '/', 1)) STORED,"       \
	"  " extra "  PRIMARY KEY (station, key));"                                                \
	"ALTER TABLE " name " ENABLE ROW LEVEL SECURITY;"                                          \
	"CREATE POLICY station_own ON " name " TO yz_station"                                      \
	"  USING (station = (SELECT hub_my_station()))"                                            \
	"  WITH CHECK (station = (SELECT hub_my_station()));"                                      \
	"GRANT SELECT, INSERT, UPDATE, DELETE ON " name " TO yz_station;"

/* A department reads the rows of the cases forwarded to it. */
#define DEPT_READS(name)                                                                           \
	"CREATE POLICY dept_case ON " name " FOR SELECT TO yz_department USING (EXISTS ("          \
	"  SELECT 1 FROM h_forward f WHERE f.station = " name ".station"                           \
	"  AND f.case_no = " name ".case_no AND f.department = (SELECT hub_my_department())));"    \
	"GRANT SELECT ON " name " TO yz_department;"

/* h_forward's own columns, from its body: they make the inbox's index, the
 * department's open forwards by due date (none last), then sent date. */
#define FORWARD_COLUMNS                                                                            \
	"department text GENERATED ALWAYS AS ((raw::jsonb) ->> 'department') STORED,"              \
	"  sent text COLLATE \"C\" GENERATED ALWAYS AS"                                            \
	"    (NULLIF((raw::jsonb) ->> 'sent', '')) STORED,"                                        \
	"  dept_due text COLLATE \"C\" GENERATED ALWAYS AS"                                        \
	"    (NULLIF((raw::jsonb) ->> 'due', '')) STORED,"                                         \
	"  result text GENERATED ALWAYS AS (NULLIF((raw::jsonb) ->> 'result', '')) STORED,"

/* h_forward first: the department's policies of the others read it. */
static const char forward_sql[] =
    "CREATE INDEX h_forward_open ON h_forward (department, dept_due, sent, station, key)"
    "  WHERE result IS NULL;"
    "CREATE INDEX h_forward_case ON h_forward (station, case_no);"
    /* the inbox with the answered ones too (--all, F3): the same order */
    "CREATE INDEX h_forward_dept ON h_forward (department, dept_due, sent, station, key);"
    "CREATE POLICY dept_own ON h_forward FOR SELECT TO yz_department"
    "  USING (department = (SELECT hub_my_department()));"
    "GRANT SELECT ON h_forward TO yz_department;";

/* The departments' answers, for the stations to fetch (id > the last they
 * applied). They are written only by hub_answer (below), which runs as the
 * hub's owner: no department may insert a row of its own choosing (an id far
 * ahead would hide every later answer from a station, a case number not its
 * forward's would reach another case's timeline). */
static const char answers_sql[] = "CREATE TABLE answers ("
                                  "  id bigserial PRIMARY KEY,"
                                  "  station text COLLATE \"C\" NOT NULL,"
                                  "  case_no text COLLATE \"C\" NOT NULL,"
                                  "  forward_key text COLLATE \"C\" NOT NULL,"
                                  "  department text NOT NULL,"
                                  "  result text NOT NULL CHECK (result <> ''),"
                                  "  result_date date NOT NULL,"
                                  "  answered_by text NOT NULL DEFAULT current_user,"
                                  "  answered_at timestamptz NOT NULL DEFAULT now(),"
                                  "  UNIQUE (station, forward_key));"
                                  "CREATE INDEX answers_station ON answers (station, id);"
                                  "ALTER TABLE answers ENABLE ROW LEVEL SECURITY;"
                                  "CREATE POLICY station_own ON answers FOR SELECT TO yz_station"
                                  "  USING (station = (SELECT hub_my_station()));"
                                  "CREATE POLICY dept_read ON answers FOR SELECT TO yz_department"
                                  "  USING (department = (SELECT hub_my_department()));"
                                  "GRANT SELECT ON answers TO yz_station, yz_department;";

/* The push: one batch of a station's changes in one statement (design17.md:
 * one round trip per batch, one transaction). SECURITY INVOKER (the
 * default), so the station's row-level security applies to every row it
 * writes. Changes the hub already has (station, seq) do nothing; of the new
 * ones the newest per key is kept, and a row is written only over an older
 * one (seq), a NULL body leaving a tombstone. */
static const char push_head[] =
    "CREATE FUNCTION hub_push(p_station text, p_seq bigint[], p_kind text[], p_key text[],"
    "  p_raw text[], p_backlog bigint) RETURNS bigint LANGUAGE plpgsql"
    "  SET search_path FROM CURRENT AS $$"
    "DECLARE v_acked bigint;"
    "BEGIN"
    "  IF cardinality(p_seq) <> cardinality(p_kind) OR cardinality(p_seq) <> "
    "     cardinality(p_key) OR cardinality(p_seq) <> cardinality(p_raw) THEN"
    "    RAISE EXCEPTION 'hub_push: arrays of different lengths' USING ERRCODE = '22023';"
    "  END IF;"
    "  IF EXISTS (SELECT 1 FROM unnest(p_kind) k WHERE k IS NULL OR k NOT IN ('case',"
    "     'applicant', 'field', 'event', 'pause', 'forward', 'rating', 'followup')) THEN"
    "    RAISE EXCEPTION 'hub_push: unknown kind of change' USING ERRCODE = '22023';"
    "  END IF;"
    "  WITH input AS (SELECT * FROM unnest(p_seq, p_kind, p_key, p_raw)"
    "    AS t(seq, kind, key, raw)),"
    "  fresh AS (INSERT INTO changes (station, seq, kind, key)"
    "    SELECT p_station, seq, kind, key FROM input ON CONFLICT DO NOTHING RETURNING seq),"
    "  latest AS (SELECT DISTINCT ON (i.kind, i.key) i.seq, i.kind, i.key, i.raw"
    "    FROM input i JOIN fresh f ON f.seq = i.seq ORDER BY i.kind, i.key, i.seq DESC),";

static const char push_tail[] =
    "  done AS (SELECT 1)"
    "  UPDATE stations s SET"
    "    last_seq = GREATEST(s.last_seq, coalesce((SELECT max(seq) FROM input), 0)),"
    "    last_sync = now(), backlog = GREATEST(p_backlog, 0),"
    "    received = s.received + (SELECT count(*) FROM fresh)"
    "  WHERE s.code = p_station RETURNING s.last_seq INTO v_acked;"
    "  IF v_acked IS NULL THEN"
    "    RAISE EXCEPTION 'no station % at this hub for this login', p_station"
    "      USING ERRCODE = 'P0002';"
    "  END IF;"
    "  RETURN v_acked;"
    "END $$;"
    "REVOKE ALL ON FUNCTION hub_push(text, bigint[], text[], text[], text[], bigint)"
    "  FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION hub_push(text, bigint[], text[], text[], text[], bigint)"
    "  TO yz_station;";

/* hub_push: push_head, one data-modifying statement a kind (only over an
 * older row), push_tail. */
static int create_push(yz_hub *h, const char *what, yz_err *err)
{
	hub_buf b = {0};
	hub_buf_str(&b, push_head);
	for (int k = 0; yz_hub_kinds[k]; k++) {
		const char *kind = yz_hub_kinds[k];
		char cte[512];
		snprintf(cte, sizeof cte,
		         "  u_%s AS (INSERT INTO h_%s AS h (station, key, seq, raw)"
		         "    SELECT p_station, key, seq, raw FROM latest WHERE kind = '%s'"
		         "    ON CONFLICT (station, key) DO UPDATE SET seq = excluded.seq,"
		         "    raw = excluded.raw WHERE h.seq < excluded.seq),",
		         kind, kind, kind);
		hub_buf_str(&b, cte);
	}
	hub_buf_str(&b, push_tail);
	int rc = -1;
	if (b.oom)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
	else
		rc = hub_exec(h, b.s, what, err);
	hub_buf_free(&b);
	return rc;
}

/* A department answers one forward: 'ok', or why not. SECURITY DEFINER: it
 * runs as the hub's owner, so it decides itself who answers — the logged-in
 * role's own department (p_dept NULL or its own code), or the one the hub's
 * admin names — and takes everything else from the forward. Answers are
 * numbered in the order they commit: each waits for the one being written
 * (the table lock, which no station or department role may take), or a
 * station that fetched every answer up to id N could miss one with a smaller
 * id committed after it looked. */
static const char answer_sql[] =
    "CREATE FUNCTION hub_answer(p_dept text, p_station text, p_key text, p_result text,"
    "  p_date date) RETURNS text LANGUAGE plpgsql SECURITY DEFINER"
    "  SET search_path FROM CURRENT AS $$"
    "DECLARE v_me text := session_user; v_code text; v_dept text; v_fdept text;"
    "  v_result text; v_case text; v_id bigint;"
    "BEGIN"
    "  SELECT code, name INTO v_code, v_dept FROM departments WHERE role = v_me;"
    "  IF FOUND THEN"
    "    IF p_dept IS NOT NULL AND p_dept <> v_code THEN RETURN 'no_department'; END IF;"
    "  ELSIF p_dept IS NULL OR NOT pg_has_role(v_me, (SELECT relowner FROM pg_class"
    "      WHERE oid = 'answers'::regclass), 'USAGE') THEN"
    "    RETURN 'no_department';"
    "  ELSE"
    "    SELECT name INTO v_dept FROM departments WHERE code = p_dept;"
    "    IF NOT FOUND THEN RETURN 'no_department'; END IF;"
    "  END IF;"
    "  IF p_result IS NULL OR p_result = '' OR p_date IS NULL THEN RETURN 'empty'; END IF;"
    "  LOCK TABLE answers IN SHARE ROW EXCLUSIVE MODE;"
    "  SELECT department, result, case_no INTO v_fdept, v_result, v_case FROM h_forward"
    "    WHERE station = p_station AND key = p_key AND raw IS NOT NULL;"
    "  IF NOT FOUND THEN RETURN 'no_forward'; END IF;"
    /* to a department, another's forward is as if it were not there */
    "  IF v_fdept IS DISTINCT FROM v_dept THEN"
    "    RETURN CASE WHEN v_code IS NULL THEN 'other_department' ELSE 'no_forward' END;"
    "  END IF;"
    "  IF v_result IS NOT NULL THEN RETURN 'answered'; END IF;"
    "  INSERT INTO answers (station, case_no, forward_key, department, result, result_date,"
    "    answered_by) VALUES (p_station, v_case, p_key, v_dept, p_result, p_date, v_me)"
    "    ON CONFLICT (station, forward_key) DO NOTHING RETURNING id INTO v_id;"
    "  IF v_id IS NULL THEN RETURN 'answered'; END IF;"
    "  RETURN 'ok';"
    "END $$;"
    "REVOKE ALL ON FUNCTION hub_answer(text, text, text, text, date) FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION hub_answer(text, text, text, text, date) TO yz_department;";

/* Version 1, in order (each part sent as one simple query). */
static const char *const step1[] = {
    roles_sql,
    meta_sql,
    changes_sql,
    H_TABLE("h_forward", FORWARD_COLUMNS),
    forward_sql,
    H_TABLE("h_case", "") DEPT_READS("h_case"),
    H_TABLE("h_applicant", "") DEPT_READS("h_applicant"),
    H_TABLE("h_field", "") DEPT_READS("h_field"),
    H_TABLE("h_event", "") DEPT_READS("h_event"),
    H_TABLE("h_pause", ""),
    H_TABLE("h_rating", ""),
    H_TABLE("h_followup", ""),
    answers_sql,
    answer_sql,
    NULL,
};

/* Version 2: the files the district publishes to its stations (forms,
 * ledgers, the working-day calendar), hub/publish.c. Every station and
 * department reads them all (they are the district's, not a station's: no
 * row-level security); only the hub's owner writes (no grant of INSERT,
 * UPDATE or DELETE to any member role). Each publication and withdrawal
 * takes a new version from the sequence, so a station asks for what came
 * after the last version it took; a withdrawn file stays as a row (body
 * NULL) for the stations that still hold it. */
static const char published_sql[] =
    "CREATE SEQUENCE published_version;"
    "CREATE TABLE published ("
    "  name text COLLATE \"C\" PRIMARY KEY CHECK ("
    "    name ~ '^forms/[A-Za-z0-9_][A-Za-z0-9_.-]{0,95}[.]form$'"
    "    OR name ~ '^forms/ledgers/[A-Za-z0-9_][A-Za-z0-9_.-]{0,95}[.]ledger$'"
    "    OR name = 'calendar.txt'),"
    "  body text,"
    "  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
    "  size bigint NOT NULL DEFAULT 0 CHECK (size BETWEEN 0 AND 1048576),"
    "  version bigint NOT NULL UNIQUE DEFAULT nextval('published_version'),"
    "  withdrawn boolean NOT NULL DEFAULT false,"
    "  published_at timestamptz NOT NULL DEFAULT now(),"
    "  published_by text NOT NULL DEFAULT current_user,"
    "  CHECK (withdrawn = (body IS NULL)),"
    "  CHECK (withdrawn OR sha256 IS NOT NULL));"
    "GRANT SELECT ON published TO yz_station, yz_department;";

static const char *const step2[] = {
    published_sql,
    NULL,
};

int hub_schema_step(yz_hub *h, int to_version, yz_err *err)
{
	const char *what = _("Could not create the hub's schema");
	switch (to_version) {
	case 1:
		for (size_t i = 0; step1[i]; i++)
			if (hub_exec(h, step1[i], what, err) != 0)
				return -1;
		return create_push(h, what, err);
	case 2:
		for (size_t i = 0; step2[i]; i++)
			if (hub_exec(h, step2[i], what, err) != 0)
				return -1;
		return 0;
	default:
		yz_err_setc(err, YZ_ERR_INTERNAL, _("No step to the hub's schema version %d."),
		            to_version);
		return -1;
	}
}

int yz_hub_migrate(yz_hub *h, int *from, int *to, yz_err *err)
{
	const char *what = _("Could not create or migrate the hub's schema");
	/* One transaction; the advisory lock keeps two admins' inits apart. */
	if (hub_exec(h,
	             "BEGIN; SET LOCAL client_min_messages = warning;"
	             " SELECT pg_advisory_xact_lock(7917001)",
	             what, err) != 0) {
		hub_rollback(h);
		return -1;
	}
	int version = 0;
	for (int step = 0; step < 2; step++) {
		PGresult *res = hub_query(h, step ? "SELECT max(version) FROM hub_meta"
		                                  : "SELECT to_regclass('hub_meta') IS NOT NULL");
		if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
			hub_fail(h, res, what, err);
			PQclear(res);
			hub_rollback(h);
			return -1;
		}
		bool found = strcmp(PQgetvalue(res, 0, 0), "f") != 0;
		if (step)
			version = atoi(PQgetvalue(res, 0, 0));
		PQclear(res);
		if (!found)
			break;
	}
	if (from)
		*from = version;
	if (version > YZ_HUB_SCHEMA_VERSION) {
		hub_rollback(h);
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The hub's schema is version %d, newer than this program knows (%d): "
		              "use a newer yizhan."),
		            version, YZ_HUB_SCHEMA_VERSION);
		return -1;
	}
	for (int v = version + 1; v <= YZ_HUB_SCHEMA_VERSION; v++) {
		char sql[64];
		snprintf(sql, sizeof sql, "UPDATE hub_meta SET version = %d", v);
		if (hub_schema_step(h, v, err) != 0 || hub_exec(h, sql, what, err) != 0) {
			hub_rollback(h);
			return -1;
		}
	}
	if (hub_exec(h, "COMMIT", what, err) != 0) {
		hub_rollback(h);
		return -1;
	}
	if (to)
		*to = YZ_HUB_SCHEMA_VERSION;
	return 0;
}
