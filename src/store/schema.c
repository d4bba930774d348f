/* The schema, as an ordered list of migrations. Migration i takes a database from
 * user_version i to i + 1. Never edit a step once released: add a new one and bump
 * YZ_SCHEMA_VERSION in store.h. */
#include "store_int.h"
#include "schema.h"

/* Version 0 -> 1: the walking skeleton. */
static const char migrate_1[] =
    /* Settings of the station (station_code, station_name, audit_head, ...). */
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ");"

    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  login TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  role INTEGER NOT NULL DEFAULT 0," /* yz_role */
    "  pw_hash TEXT NOT NULL,"           /* crypt() string, yescrypt */
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  locked_until INTEGER NOT NULL DEFAULT 0," /* unix seconds */
    "  active INTEGER NOT NULL DEFAULT 1,"
    "  created_at TEXT NOT NULL"
    ");"

    "CREATE TABLE households ("
    "  id INTEGER PRIMARY KEY,"
    "  address TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ");"

    "CREATE TABLE residents ("
    "  id INTEGER PRIMARY KEY,"
    "  idno TEXT NOT NULL UNIQUE," /* 18 characters, upper-case X */
    "  idno_rev TEXT NOT NULL,"    /* idno reversed: suffix search as a range scan */
    "  name TEXT NOT NULL,"
    "  birth TEXT NOT NULL,"
    "  female INTEGER NOT NULL,"
    "  ethnicity TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  address TEXT NOT NULL DEFAULT '',"
    "  household_id INTEGER REFERENCES households(id),"
    "  relation TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "CREATE INDEX residents_name ON residents(name);"
    "CREATE INDEX residents_idno_rev ON residents(idno_rev);"
    "CREATE INDEX residents_household ON residents(household_id);"

    /* Every change to a resident: who, when, old -> new, from which case. */
    "CREATE TABLE resident_history ("
    "  id INTEGER PRIMARY KEY,"
    "  resident_id INTEGER NOT NULL REFERENCES residents(id),"
    "  field TEXT NOT NULL,"
    "  old TEXT,"
    "  new TEXT,"
    "  actor TEXT NOT NULL,"
    "  case_no TEXT,"
    "  at TEXT NOT NULL"
    ");"
    "CREATE INDEX resident_history_resident ON resident_history(resident_id, id);"

    /* The last sequence number given out per station and year. */
    "CREATE TABLE case_counters ("
    "  station TEXT NOT NULL,"
    "  year INTEGER NOT NULL,"
    "  last_seq INTEGER NOT NULL,"
    "  PRIMARY KEY (station, year)"
    ") WITHOUT ROWID;"

    "CREATE TABLE cases ("
    "  id INTEGER PRIMARY KEY,"
    "  number TEXT NOT NULL UNIQUE,"
    "  station TEXT NOT NULL,"
    "  year INTEGER NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  form_id TEXT NOT NULL,"
    "  item TEXT NOT NULL,"
    "  line TEXT NOT NULL DEFAULT '',"
    "  resident_id INTEGER REFERENCES residents(id),"
    "  resident_name TEXT NOT NULL DEFAULT ''," /* as at intake */
    "  resident_idno TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL,"
    "  clerk_login TEXT NOT NULL REFERENCES users(login),"
    "  accepted_date TEXT NOT NULL," /* local date */
    "  due_date TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE (station, year, seq)"
    ");"
    "CREATE INDEX cases_accepted ON cases(accepted_date);"
    "CREATE INDEX cases_status_due ON cases(status, due_date);"
    "CREATE INDEX cases_clerk ON cases(clerk_login, id);"
    "CREATE INDEX cases_resident ON cases(resident_id);"

    "CREATE TABLE case_fields ("
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  ord INTEGER NOT NULL,"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, ord)"
    ") WITHOUT ROWID;"

    "CREATE TABLE case_materials ("
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  ord INTEGER NOT NULL,"
    "  label TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, ord)"
    ") WITHOUT ROWID;"

    "CREATE TABLE case_events ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  at TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX case_events_case ON case_events(case_id, id);"

    "CREATE TABLE print_jobs ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  doc TEXT NOT NULL,"
    "  printer TEXT NOT NULL DEFAULT '',"
    "  state TEXT NOT NULL,"
    "  reason TEXT NOT NULL DEFAULT '',"
    "  cups_job_id INTEGER NOT NULL DEFAULT 0,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "CREATE INDEX print_jobs_state ON print_jobs(state, id);"

    /* One draft per clerk and form; values encoded as length-prefixed pairs so
     * that saving on every keystroke is one row write. */
    "CREATE TABLE drafts ("
    "  clerk TEXT NOT NULL,"
    "  form_id TEXT NOT NULL,"
    "  data BLOB NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  PRIMARY KEY (clerk, form_id)"
    ") WITHOUT ROWID;"

    /* Append-only; hash = SHA-256 over prev_hash and the row (audit.c). */
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  detail TEXT NOT NULL,"
    "  prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL"
    ");"
    /* Refuse edits through the program's own connection too; the hash chain
     * catches anyone who drops these triggers first. */
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;";

const char *const st_migrations[] = {
    migrate_1,
};

const size_t st_n_migrations = sizeof st_migrations / sizeof st_migrations[0];
