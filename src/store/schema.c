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


/* Version 1 -> 2: the resident and household registry (issue 5). The C part of
 * the step (pinyin keys, address keys) is st_migration_fixup in registry.c. */
static const char migrate_2[] =
    /* Suffix search on an expression index of the last four characters instead
     * of a reversed copy of every ID number: a third of the size. */
    "DROP INDEX residents_idno_rev;"
    "ALTER TABLE residents DROP COLUMN idno_rev;"
    /* With idno in the index the longer suffix is checked and the hits come out
     * sorted without touching the table. */
    "CREATE INDEX residents_idno4 ON residents(substr(idno, 15), idno);"
    "CREATE INDEX residents_phone4 ON residents(substr(phone, -4), phone) WHERE phone <> '';"
    "ALTER TABLE residents ADD COLUMN hukou_address TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE residents ADD COLUMN category INTEGER NOT NULL DEFAULT 0;"   /* labels.c */
    "ALTER TABLE residents ADD COLUMN employment INTEGER NOT NULL DEFAULT 0;" /* labels.c */
    "ALTER TABLE residents ADD COLUMN notes TEXT NOT NULL DEFAULT '';"

    /* station > grid > building > unit > room (yz_place_kind) */
    "CREATE TABLE places ("
    "  id INTEGER PRIMARY KEY,"
    "  parent_id INTEGER REFERENCES places(id),"
    "  kind INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  leader TEXT NOT NULL DEFAULT '',"
    "  leader_phone TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE UNIQUE INDEX places_parent_name ON places(coalesce(parent_id, 0), name);"

    "ALTER TABLE households ADD COLUMN code TEXT;"
    "ALTER TABLE households ADD COLUMN place_id INTEGER REFERENCES places(id);"
    "ALTER TABLE households ADD COLUMN head_id INTEGER REFERENCES residents(id);"
    "ALTER TABLE households ADD COLUMN addr_key TEXT NOT NULL DEFAULT '';"
    "UPDATE households SET code = printf('%06d', id);"
    "UPDATE households SET head_id = (SELECT min(r.id) FROM residents r"
    "  WHERE r.household_id = households.id AND r.relation = '\u6237\u4e3b');"
    "CREATE UNIQUE INDEX households_code ON households(code);"
    "CREATE INDEX households_addr_key ON households(addr_key) WHERE addr_key <> '';"
    "CREATE INDEX households_place ON households(place_id) WHERE place_id IS NOT NULL;"
    /* A member's address is the household's unless it differs: stored once. */
    "UPDATE residents SET address = '' WHERE household_id IS NOT NULL AND address ="
    "  (SELECT h.address FROM households h WHERE h.id = residents.household_id);"

    /* One row per combination of one-letter pinyin initials of the name. */
    "CREATE TABLE resident_initials ("
    "  key TEXT NOT NULL,"
    "  resident_id INTEGER NOT NULL,"
    "  PRIMARY KEY (key, resident_id)"
    ") WITHOUT ROWID;"

    "CREATE TABLE resident_tags ("
    "  id INTEGER PRIMARY KEY,"
    "  resident_id INTEGER NOT NULL REFERENCES residents(id),"
    "  kind TEXT NOT NULL," /* yz_tag_code() */
    "  detail TEXT NOT NULL DEFAULT '',"
    "  grade INTEGER NOT NULL DEFAULT 0,"
    "  start_date TEXT NOT NULL,"
    "  end_date TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX resident_tags_resident ON resident_tags(resident_id);"
    "CREATE INDEX resident_tags_kind ON resident_tags(kind, resident_id);"

    "CREATE TABLE rentals ("
    "  id INTEGER PRIMARY KEY,"
    "  room_id INTEGER NOT NULL REFERENCES places(id),"
    "  landlord_id INTEGER NOT NULL REFERENCES residents(id),"
    "  start_date TEXT NOT NULL,"
    "  end_date TEXT NOT NULL DEFAULT '',"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX rentals_room ON rentals(room_id, id);"
    "CREATE TABLE rental_tenants ("
    "  rental_id INTEGER NOT NULL REFERENCES rentals(id),"
    "  resident_id INTEGER NOT NULL REFERENCES residents(id),"
    "  PRIMARY KEY (rental_id, resident_id)"
    ") WITHOUT ROWID;"

    /* Changes to households, tags, rentals and places (residents keep theirs in
     * resident_history): who, when, old -> new, from which case. */
    "CREATE TABLE registry_history ("
    "  id INTEGER PRIMARY KEY,"
    "  entity TEXT NOT NULL,"
    "  entity_id INTEGER NOT NULL,"
    "  field TEXT NOT NULL,"
    "  old TEXT,"
    "  new TEXT,"
    "  actor TEXT NOT NULL,"
    "  case_no TEXT,"
    "  at TEXT NOT NULL"
    ");"
    "CREATE INDEX registry_history_entity ON registry_history(entity, entity_id, id);";

const char *const st_migrations[] = {
    migrate_1,
    migrate_2,
};

const size_t st_n_migrations = sizeof st_migrations / sizeof st_migrations[0];
