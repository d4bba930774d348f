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

/* Version 2 -> 3: the case lifecycle (issue 4). A case keeps `status` (accepted
 * while open, done once closed, as the skeleton wrote it) and gains its workflow
 * state, result, owner, the stopped clock, the department it waits on and the
 * computed dates the dashboard sorts by. */
static const char migrate_3[] =
    "ALTER TABLE cases ADD COLUMN state TEXT NOT NULL DEFAULT '';"  /* form state id */
    "ALTER TABLE cases ADD COLUMN result TEXT NOT NULL DEFAULT '';" /* YZ_RESULT_* when closed */
    "ALTER TABLE cases ADD COLUMN owner TEXT NOT NULL DEFAULT '';"  /* login responsible now */
    "ALTER TABLE cases ADD COLUMN paused_since TEXT NOT NULL DEFAULT '';" /* date, while waiting for
                                                                             materials (bu zheng) */
    "ALTER TABLE cases ADD COLUMN forward_id INTEGER;" /* case_forwards row while at a department */
    "ALTER TABLE cases ADD COLUMN fwd_due TEXT NOT NULL DEFAULT '';" /* the department's due date */
    "ALTER TABLE cases ADD COLUMN extension_days INTEGER NOT NULL DEFAULT 0;"
    /* Limits as at intake; -1 = unknown (cases of schema 2: filled from the form). */
    "ALTER TABLE cases ADD COLUMN promise_days INTEGER NOT NULL DEFAULT -1;"
    "ALTER TABLE cases ADD COLUMN legal_days INTEGER NOT NULL DEFAULT -1;"
    "ALTER TABLE cases ADD COLUMN legal_due_date TEXT NOT NULL DEFAULT '';"
    /* The earlier of due_date and fwd_due; '' while paused or closed: what
     * "overdue" and "due soon" look at. */
    "ALTER TABLE cases ADD COLUMN eff_due TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE cases ADD COLUMN closed_at TEXT NOT NULL DEFAULT '';"
    "UPDATE cases SET owner = clerk_login,"
    "  result = CASE status WHEN 'done' THEN 'resolved' WHEN 'refused' THEN 'rejected'"
    "    WHEN 'withdrawn' THEN 'withdrawn' ELSE '' END,"
    "  state = CASE status WHEN 'accepted' THEN 'accepted' WHEN 'refused' THEN 'rejected'"
    "    WHEN 'withdrawn' THEN 'withdrawn' ELSE 'done' END;"
    "UPDATE cases SET closed_at = updated_at, status = 'done' WHERE status <> 'accepted';"
    "UPDATE cases SET eff_due = due_date WHERE status = 'accepted';"
    "CREATE INDEX cases_owner_due ON cases(owner, status, due_date);"
    "CREATE INDEX cases_owner_eff ON cases(owner, status, eff_due);"
    "CREATE INDEX cases_status_eff ON cases(status, eff_due);"
    /* A B clerk covering an absent A reads A's cases of one line. */
    "CREATE INDEX cases_cover_due ON cases(owner, line, status, due_date);"
    "CREATE INDEX cases_cover_eff ON cases(owner, line, status, eff_due);"
    "CREATE INDEX cases_line ON cases(line, status, due_date);"
    /* Partial: only the few waiting cases, each section an index range. */
    "CREATE INDEX cases_paused ON cases(owner, status, paused_since) WHERE paused_since <> '';"
    "CREATE INDEX cases_forwarded ON cases(owner, status, fwd_due)"
    "  WHERE forward_id IS NOT NULL;"

    /* The timeline says where a transition went and for whom a B clerk acted. */
    "ALTER TABLE case_events ADD COLUMN from_state TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE case_events ADD COLUMN to_state TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE case_events ADD COLUMN on_behalf TEXT NOT NULL DEFAULT '';"

    /* Bu zheng: the clock stood still from from_date until until_date ('' = still). */
    "CREATE TABLE case_pauses ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  from_date TEXT NOT NULL,"
    "  until_date TEXT NOT NULL DEFAULT '',"
    "  missing TEXT NOT NULL," /* one material per line, exactly as told */
    "  bring_by TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX case_pauses_case ON case_pauses(case_id, id);"

    /* Forwarding (yi jiao, quan cheng dai ban): the case at a department. */
    "CREATE TABLE case_forwards ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  department TEXT NOT NULL,"
    "  sent_date TEXT NOT NULL,"
    "  dept_due TEXT NOT NULL DEFAULT '',"
    "  result TEXT NOT NULL DEFAULT '',"
    "  result_date TEXT NOT NULL DEFAULT '',"
    "  notified_how TEXT NOT NULL DEFAULT '',"
    "  notified_date TEXT NOT NULL DEFAULT '',"
    "  collected_date TEXT NOT NULL DEFAULT '',"
    "  actor TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX case_forwards_case ON case_forwards(case_id, id);"

    /* Decisions for the station head: refuse | extension | close_bad_rating. */
    "CREATE TABLE approvals ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  kind TEXT NOT NULL,"
    "  requested_by TEXT NOT NULL,"
    "  requested_at TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  days INTEGER NOT NULL DEFAULT 0,"       /* extension: working days asked */
    "  state TEXT NOT NULL DEFAULT 'pending'," /* pending | approved | rejected */
    "  decided_by TEXT NOT NULL DEFAULT '',"
    "  decided_at TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX approvals_state ON approvals(state, id);"
    "CREATE INDEX approvals_case ON approvals(case_id, id);"

    /* Ratings (hao cha ping): one per case. */
    "CREATE TABLE ratings ("
    "  case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
    "  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),"
    "  comment TEXT NOT NULL DEFAULT '',"
    "  actor TEXT NOT NULL,"
    "  at TEXT NOT NULL"
    ");"

    /* Follow-ups (hui fang): the head calls back a resident who rated badly. */
    "CREATE TABLE followups ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  due_date TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'open'," /* open | done */
    "  note TEXT NOT NULL DEFAULT '',"
    "  done_by TEXT NOT NULL DEFAULT '',"
    "  done_at TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX followups_state ON followups(state, due_date);"

    /* AB gang: the A and B clerk of each business line; sensitive lines are seen only
     * by the head, the admin and the line's A and B. */
    "CREATE TABLE line_staff ("
    "  line TEXT PRIMARY KEY,"
    "  a_login TEXT NOT NULL DEFAULT '',"
    "  b_login TEXT NOT NULL DEFAULT '',"
    "  sensitive INTEGER NOT NULL DEFAULT 0,"
    "  updated_at TEXT NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE INDEX line_staff_b ON line_staff(b_login);"

    "CREATE TABLE absences ("
    "  id INTEGER PRIMARY KEY,"
    "  login TEXT NOT NULL,"
    "  from_date TEXT NOT NULL,"
    "  until_date TEXT NOT NULL," /* inclusive */
    "  actor TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX absences_login ON absences(login, from_date);"

    /* Residents' sessions (ju min shuo shi ri) and the cases raised there. */
    "CREATE TABLE talk_sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL,"
    "  place TEXT NOT NULL,"
    "  attendees INTEGER NOT NULL DEFAULT 0,"
    "  actor TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE TABLE talk_items ("
    "  session_id INTEGER NOT NULL REFERENCES talk_sessions(id),"
    "  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),"
    "  PRIMARY KEY (session_id, case_id)"
    ") WITHOUT ROWID;";

/* Schema 4: the station head's dashboard reads every open case, so the two
 * waiting sections need ranges without an owner in front (otherwise each walks
 * all open cases: 50 ms with 100,000). */
static const char migrate_4[] =
    "CREATE INDEX cases_paused_all ON cases(status, paused_since) WHERE paused_since <> '';"
    "CREATE INDEX cases_forwarded_all ON cases(status, fwd_due) WHERE forward_id IS NOT NULL;";

/* Schema 5 (issue 12): the date a resident has lived here since, an item of
 * the registry a residence certificate starts from (one number, one source);
 * the counter's habits (the most used items, a field's usual value) read a
 * form's latest cases. A follow-up (hui fang) ends with an outcome — the
 * resident is satisfied now, the matter is reopened as a new case (linked
 * here), or the resident could not be reached — and counts the calls that did
 * not reach them; follow-ups closed before keep outcome ''. */
static const char migrate_5[] =
    "ALTER TABLE residents ADD COLUMN since TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX cases_form ON cases(form_id, id);"
    /* A station upgrading keeps the residence starts its certificates named:
     * each resident's from the latest residence certificate whose `since` is
     * a real date (YYYY-MM-DD, not before birth). No history rows: the value
     * was never in the registry, the case holds where it came from. */
    "UPDATE residents SET since = coalesce((SELECT f.value FROM cases c"
    "  JOIN case_fields f ON f.case_id = c.id AND f.key = 'since'"
    "  WHERE c.resident_id = residents.id AND c.form_id = 'residence_certificate'"
    "  AND f.value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    "  AND date(f.value) IS f.value AND f.value >= residents.birth"
    "  ORDER BY c.id DESC LIMIT 1), '')"
    " WHERE id IN (SELECT resident_id FROM cases WHERE form_id = 'residence_certificate');"
    "ALTER TABLE followups ADD COLUMN outcome TEXT NOT NULL DEFAULT '';" /* yz_followup_outcome */
    "ALTER TABLE followups ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE followups ADD COLUMN new_case_id INTEGER REFERENCES cases(id);"
    /* A person's average monthly income in yuan, as a form keeps money
     * ("1850.00"), the figure last declared or verified: a household form
     * (di bao) starts from it and writes it back; '' = unknown. */
    "ALTER TABLE residents ADD COLUMN income TEXT NOT NULL DEFAULT '';";

/* Schema 6 (issue 14): the station's data safe. One step, in parts. */

/* Sign-in: an account whose password was handed out (the one-time admin
 * password of `init`, a reset) must choose its own at the next login; failed
 * logins of names that are no account are counted and made to wait like an
 * account's (users.failures, users.locked_until) under a key that is never
 * the typed text (a password typed into the user field); a name quiet for a
 * day (last_at, unix seconds) is forgotten. */
#define MIGRATE_6_SIGNIN                                                                           \
	"ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;"                     \
	"CREATE TABLE login_throttle ("                                                            \
	"  who TEXT PRIMARY KEY,"                                                                  \
	"  failures INTEGER NOT NULL DEFAULT 0,"                                                   \
	"  locked_until INTEGER NOT NULL DEFAULT 0,"                                               \
	"  last_at INTEGER NOT NULL DEFAULT 0"                                                     \
	") WITHOUT ROWID;"

/* The audit trail: keyed chain and what it covers (see audit.c). Each row of
 * the registry and of the cases carries a MAC keyed with the station key, kept
 * by this connection's triggers (audit.c); audit_sums keeps per table the
 * number of rows and a keyed sum of them, so a deleted row is found too. A
 * later step that adds a column to one of these tables signs its rows again
 * (st_audit_upgrade's MAC part). */
#define MIGRATE_6_AUDIT                                                                            \
	"ALTER TABLE users ADD COLUMN mac BLOB;"                                                   \
	"ALTER TABLE households ADD COLUMN mac BLOB;"                                              \
	"ALTER TABLE residents ADD COLUMN mac BLOB;"                                               \
	"ALTER TABLE resident_history ADD COLUMN mac BLOB;"                                        \
	"ALTER TABLE places ADD COLUMN mac BLOB;"                                                  \
	"ALTER TABLE resident_tags ADD COLUMN mac BLOB;"                                           \
	"ALTER TABLE rentals ADD COLUMN mac BLOB;"                                                 \
	"ALTER TABLE rental_tenants ADD COLUMN mac BLOB;"                                          \
	"ALTER TABLE registry_history ADD COLUMN mac BLOB;"                                        \
	"ALTER TABLE cases ADD COLUMN mac BLOB;"                                                   \
	"ALTER TABLE case_fields ADD COLUMN mac BLOB;"                                             \
	"ALTER TABLE case_materials ADD COLUMN mac BLOB;"                                          \
	"ALTER TABLE case_events ADD COLUMN mac BLOB;"                                             \
	"ALTER TABLE case_pauses ADD COLUMN mac BLOB;"                                             \
	"ALTER TABLE case_forwards ADD COLUMN mac BLOB;"                                           \
	"ALTER TABLE approvals ADD COLUMN mac BLOB;"                                               \
	"ALTER TABLE ratings ADD COLUMN mac BLOB;"                                                 \
	"ALTER TABLE followups ADD COLUMN mac BLOB;"                                               \
	"ALTER TABLE line_staff ADD COLUMN mac BLOB;"                                              \
	"ALTER TABLE absences ADD COLUMN mac BLOB;"                                                \
	"ALTER TABLE talk_sessions ADD COLUMN mac BLOB;"                                           \
	"ALTER TABLE talk_items ADD COLUMN mac BLOB;"                                              \
	"CREATE TABLE audit_sums ("                                                                \
	"  tbl TEXT PRIMARY KEY,"                                                                  \
	"  n INTEGER NOT NULL,"                                                                    \
	"  sum BLOB NOT NULL"                                                                      \
	") WITHOUT ROWID;"

static const char migrate_6[] = MIGRATE_6_SIGNIN MIGRATE_6_AUDIT;

/* Schema 7 (issue 16): the statistics of a month read the cases still open
 * and those closed since the month began, not every case the station ever
 * had (the statistics screen at 100,000 cases read all of them: 80 ms and
 * more). Both are ranges of the day the case was closed: '' while open, else
 * the UTC day of closed_at (a local date is a day either side; the
 * statistics check it). */
static const char migrate_7[] =
    /* The day, not the whole stamp: 18 bytes a case where closed_at would
     * take 28 (1.8 MB rather than 2.8 MB at 100,000 cases). */
    "CREATE INDEX cases_closed_day ON cases(substr(closed_at, 1, 10));";

/* Schema 8 (issue 17): the station's outbox to the district hub. While
 * sync_state.enabled is set, triggers append every change of a case and of
 * its lifecycle records to outbox, in the transaction that made it; the sync
 * sends the rows in seq order and deletes what the hub acknowledged (seq is
 * AUTOINCREMENT: a seq is never given out twice, the hub keys each change by
 * it). One view per kind, sync_<kind>(key, form, field, body, case_id, rid),
 * makes a row's key and body: the triggers copy the view's row and the
 * station's digests (outbox.c) read the same views, so what was sent and
 * what the station holds are made by one expression. form is the case's
 * form and field the case_fields key (the share filter decides on them);
 * case_id and rid find one row (rid: the row's own id, the field's ord).
 * The triggers name the columns a view reads: audit.c's TEMP triggers update
 * mac after every write and must add no row. A station without a hub pays
 * the WHEN test only. */
#define SYNC_VIEW_CASE                                                                             \
	"CREATE VIEW sync_case(key, form, field, body, case_id, rid) AS SELECT number, form_id,"   \
	" NULL, json_object('number', number, 'form', form_id, 'item', item, 'line', line,"        \
	" 'state', state, 'status', status, 'result', result, 'clerk', clerk_login,"               \
	" 'owner', owner, 'accepted', accepted_date, 'due', due_date,"                             \
	" 'legal_due', legal_due_date, 'eff_due', eff_due, 'fwd_due', fwd_due,"                    \
	" 'paused_since', paused_since, 'extension_days', extension_days,"                         \
	" 'promise_days', promise_days, 'legal_days', legal_days, 'closed_at', closed_at,"         \
	" 'created_at', created_at, 'updated_at', updated_at), id, id FROM cases"
#define SYNC_VIEW_APPLICANT                                                                        \
	"CREATE VIEW sync_applicant(key, form, field, body, case_id, rid) AS SELECT number,"       \
	" form_id, NULL, json_object('case', number, 'name', resident_name,"                       \
	" 'idno', resident_idno), id, id FROM cases"
#define SYNC_VIEW_FIELD                                                                            \
	"CREATE VIEW sync_field(key, form, field, body, case_id, rid) AS SELECT"                   \
	" c.number || '/' || printf('%04d', f.ord), c.form_id, f.key,"                             \
	" json_object('case', c.number, 'key', f.key, 'value', f.value), f.case_id, f.ord"         \
	" FROM case_fields f JOIN cases c ON c.id = f.case_id"
#define SYNC_VIEW_EVENT                                                                            \
	"CREATE VIEW sync_event(key, form, field, body, case_id, rid) AS SELECT"                   \
	" c.number || '/' || printf('%010d', e.id), c.form_id, NULL,"                              \
	" json_object('case', c.number, 'at', e.at, 'actor', e.actor, 'kind', e.kind,"             \
	" 'note', e.note, 'from', e.from_state, 'to', e.to_state, 'on_behalf', e.on_behalf),"      \
	" e.case_id, e.id FROM case_events e JOIN cases c ON c.id = e.case_id"
#define SYNC_VIEW_PAUSE                                                                            \
	"CREATE VIEW sync_pause(key, form, field, body, case_id, rid) AS SELECT"                   \
	" c.number || '/' || printf('%08d', p.id), c.form_id, NULL,"                               \
	" json_object('case', c.number, 'from', p.from_date, 'until', p.until_date,"               \
	" 'missing', p.missing, 'bring_by', p.bring_by, 'actor', p.actor,"                         \
	" 'created_at', p.created_at), p.case_id, p.id"                                            \
	" FROM case_pauses p JOIN cases c ON c.id = p.case_id"
#define SYNC_VIEW_FORWARD                                                                          \
	"CREATE VIEW sync_forward(key, form, field, body, case_id, rid) AS SELECT"                 \
	" c.number || '/' || printf('%08d', w.id), c.form_id, NULL,"                               \
	" json_object('case', c.number, 'id', w.id, 'department', w.department,"                   \
	" 'sent', w.sent_date, 'due', w.dept_due, 'result', w.result,"                             \
	" 'result_date', w.result_date, 'notified_how', w.notified_how,"                           \
	" 'notified_date', w.notified_date, 'collected_date', w.collected_date,"                   \
	" 'actor', w.actor, 'created_at', w.created_at), w.case_id, w.id"                          \
	" FROM case_forwards w JOIN cases c ON c.id = w.case_id"
#define SYNC_VIEW_RATING                                                                           \
	"CREATE VIEW sync_rating(key, form, field, body, case_id, rid) AS SELECT c.number,"        \
	" c.form_id, NULL, json_object('case', c.number, 'score', r.score,"                        \
	" 'comment', r.comment, 'actor', r.actor, 'at', r.at), r.case_id, r.case_id"               \
	" FROM ratings r JOIN cases c ON c.id = r.case_id"
#define SYNC_VIEW_FOLLOWUP                                                                         \
	"CREATE VIEW sync_followup(key, form, field, body, case_id, rid) AS SELECT"                \
	" c.number || '/' || printf('%08d', u.id), c.form_id, NULL,"                               \
	" json_object('case', c.number, 'due', u.due_date, 'state', u.state, 'note', u.note,"      \
	" 'done_by', u.done_by, 'done_at', u.done_at, 'created_at', u.created_at),"                \
	" u.case_id, u.id FROM followups u JOIN cases c ON c.id = u.case_id"

/* The head of every trigger's body, and a change's time (SQLite's clock: a
 * trigger cannot read the store's). */
#define SYNC_WHEN " WHEN (SELECT enabled FROM sync_state) BEGIN "
#define SYNC_NOW  "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* Append the row of view sync_<kind> that cond finds. */
#define SYNC_COPY(kind, cond)                                                                      \
	"INSERT INTO outbox(kind, key, form, field, body, at) SELECT '" kind "', key, form,"       \
	" field, body, " SYNC_NOW " FROM sync_" kind " WHERE " cond "; "
/* Append a deletion: the key as the view makes it, from OLD and its case. */
#define SYNC_GONE(kind, key, field)                                                                \
	"INSERT INTO outbox(kind, key, form, field, body, at) SELECT '" kind "', " key ","         \
	" c.form_id, " field ", NULL, " SYNC_NOW " FROM cases c WHERE c.id = OLD.case_id; "

/* The triggers of one table: insert, update of the listed columns, delete. */
#define SYNC_I(table, kind, find)                                                                  \
	"CREATE TRIGGER sync_" table "_i AFTER INSERT ON " table SYNC_WHEN SYNC_COPY(kind,         \
	                                                                             find) "END"
#define SYNC_U(table, kind, cols, find)                                                            \
	"CREATE TRIGGER sync_" table "_u AFTER UPDATE OF " cols " ON " table SYNC_WHEN SYNC_COPY(  \
	    kind, find) "END"
#define SYNC_D(table, kind, key, field)                                                            \
	"CREATE TRIGGER sync_" table "_d AFTER DELETE ON " table SYNC_WHEN SYNC_GONE(kind, key,    \
	                                                                             field) "END"

/* Every trigger of the outbox, X(sql) each. A case feeds two kinds: its
 * applicant row changes only with the applicant's name or ID number. */
#define SYNC_TRIGGERS(X)                                                                           \
	X("CREATE TRIGGER sync_cases_i AFTER INSERT ON cases" SYNC_WHEN SYNC_COPY(                 \
	    "case", "rid = NEW.id") SYNC_COPY("applicant", "rid = NEW.id") "END")                  \
	X(SYNC_U("cases", "case",                                                                  \
	         "number, form_id, item, line, state, status, result, clerk_login, owner,"         \
	         " accepted_date, due_date, legal_due_date, eff_due, fwd_due, paused_since,"       \
	         " extension_days, promise_days, legal_days, closed_at, created_at, updated_at",   \
	         "rid = NEW.id"))                                                                  \
	X("CREATE TRIGGER sync_cases_applicant_u AFTER UPDATE OF resident_name, resident_idno"     \
	  " ON cases" SYNC_WHEN SYNC_COPY("applicant", "rid = NEW.id") "END")                      \
	X("CREATE TRIGGER sync_cases_d AFTER DELETE ON cases" SYNC_WHEN                            \
	  "INSERT INTO outbox(kind, key, form, field, body, at) VALUES"                            \
	  " ('case', OLD.number, OLD.form_id, NULL, NULL, " SYNC_NOW "),"                          \
	  " ('applicant', OLD.number, OLD.form_id, NULL, NULL, " SYNC_NOW "); END")                \
	X(SYNC_I("case_fields", "field", "case_id = NEW.case_id AND rid = NEW.ord"))               \
	X(SYNC_U("case_fields", "field", "case_id, ord, key, value",                               \
	         "case_id = NEW.case_id AND rid = NEW.ord"))                                       \
	X(SYNC_D("case_fields", "field", "c.number || '/' || printf('%04d', OLD.ord)", "OLD.key")) \
	X(SYNC_I("case_events", "event", "rid = NEW.id"))                                          \
	X(SYNC_U("case_events", "event",                                                           \
	         "case_id, at, actor, kind, note, from_state, to_state, on_behalf",                \
	         "rid = NEW.id"))                                                                  \
	X(SYNC_D("case_events", "event", "c.number || '/' || printf('%010d', OLD.id)", "NULL"))    \
	X(SYNC_I("case_pauses", "pause", "rid = NEW.id"))                                          \
	X(SYNC_U("case_pauses", "pause",                                                           \
	         "case_id, from_date, until_date, missing, bring_by, actor, created_at",           \
	         "rid = NEW.id"))                                                                  \
	X(SYNC_D("case_pauses", "pause", "c.number || '/' || printf('%08d', OLD.id)", "NULL"))     \
	X(SYNC_I("case_forwards", "forward", "rid = NEW.id"))                                      \
	X(SYNC_U("case_forwards", "forward",                                                       \
	         "case_id, department, sent_date, dept_due, result, result_date, notified_how,"    \
	         " notified_date, collected_date, actor, created_at",                              \
	         "rid = NEW.id"))                                                                  \
	X(SYNC_D("case_forwards", "forward", "c.number || '/' || printf('%08d', OLD.id)", "NULL")) \
	X(SYNC_I("ratings", "rating", "rid = NEW.case_id"))                                        \
	X(SYNC_U("ratings", "rating", "case_id, score, comment, actor, at", "rid = NEW.case_id"))  \
	X(SYNC_D("ratings", "rating", "c.number", "NULL"))                                         \
	X(SYNC_I("followups", "followup", "rid = NEW.id"))                                         \
	X(SYNC_U("followups", "followup",                                                          \
	         "case_id, due_date, state, note, done_by, done_at, created_at", "rid = NEW.id"))  \
	X(SYNC_D("followups", "followup", "c.number || '/' || printf('%08d', OLD.id)", "NULL"))

#define SYNC_STATEMENT(sql) sql ";"
#define SYNC_ELEMENT(sql)   sql,

/* The outbox, and the sync's bookkeeping in one row: acked_seq, every change
 * up to it is at the hub; answer_id, the last of the departments' answers
 * applied; the times UTC, '' = never. */
#define SYNC_TABLES                                                                                \
	"CREATE TABLE outbox ("                                                                    \
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"                                                 \
	"  kind TEXT NOT NULL,"                                                                    \
	"  key TEXT NOT NULL,"                                                                     \
	"  form TEXT NOT NULL DEFAULT ''," /* the case's form */                                   \
	"  field TEXT,"                    /* kind field: the case_fields key */                   \
	"  body TEXT,"                     /* the view's JSON; NULL = deleted */                   \
	"  at TEXT NOT NULL"                                                                       \
	");"                                                                                       \
	"CREATE TABLE sync_state ("                                                                \
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"                                                 \
	"  enabled INTEGER NOT NULL DEFAULT 0,"                                                    \
	"  acked_seq INTEGER NOT NULL DEFAULT 0,"                                                  \
	"  answer_id INTEGER NOT NULL DEFAULT 0,"                                                  \
	"  last_sync TEXT NOT NULL DEFAULT '',"                                                    \
	"  last_try TEXT NOT NULL DEFAULT '',"                                                     \
	"  last_error TEXT NOT NULL DEFAULT '',"                                                   \
	"  running INTEGER NOT NULL DEFAULT 0" /* a sync started at last_try, not ended */         \
	");"                                                                                       \
	"INSERT INTO sync_state(id) VALUES (1);"

#define SYNC_VIEWS                                                                                 \
	SYNC_VIEW_CASE ";" SYNC_VIEW_APPLICANT ";" SYNC_VIEW_FIELD ";" SYNC_VIEW_EVENT             \
	               ";" SYNC_VIEW_PAUSE ";" SYNC_VIEW_FORWARD ";" SYNC_VIEW_RATING              \
	               ";" SYNC_VIEW_FOLLOWUP ";"

static const char migrate_8[] = SYNC_TABLES SYNC_VIEWS SYNC_TRIGGERS(SYNC_STATEMENT);

/* Schema 9 (issue 18): surveys. A paper is keyed once (pass 0: the answers
 * that count) or, double entry, twice (passes 1 and 2) and then agreed or
 * reconciled into pass 0. Only the answers of asked questions are rows
 * (field = the entry form's field id). Anonymous surveys: nothing links a
 * paper to a person, so the dates are days (no time to match against a
 * counter's other records), survey_people has no row, and the worker who
 * filled papers in is a count per survey in survey_proxies. A paper's id is
 * drawn at random (yz_spaper_put), never in keying order. Not synced:
 * the outbox's triggers do not cover these tables. */
static const char migrate_9[] =
    "CREATE TABLE survey_papers ("
    "  id INTEGER PRIMARY KEY,"
    "  survey TEXT NOT NULL,"
    "  serial INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 999999999),"
    "  mode TEXT NOT NULL CHECK (mode IN ('self', 'proxy', 'counter')),"
    "  state INTEGER NOT NULL CHECK (state IN (0, 1, 2))," /* counted, waiting, different */
    "  entered_on TEXT NOT NULL,"                          /* the first keying's day, YYYY-MM-DD */
    "  UNIQUE (survey, serial)"
    ");"
    "CREATE INDEX survey_papers_state ON survey_papers(survey, state);"
    /* Who keyed each pass (0: the keying that counts, or who settled it;
     * NULL for an anonymous survey's response taken at the counter: who
     * keyed it would name whom the clerk was serving that day). */
    "CREATE TABLE survey_entries ("
    "  paper INTEGER NOT NULL REFERENCES survey_papers(id),"
    "  pass INTEGER NOT NULL CHECK (pass IN (0, 1, 2)),"
    "  clerk INTEGER REFERENCES users(id),"
    "  mode TEXT NOT NULL CHECK (mode IN ('self', 'proxy', 'counter')),"
    "  entered_on TEXT NOT NULL,"
    "  PRIMARY KEY (paper, pass)"
    ") WITHOUT ROWID;" /* no hidden rowid in keying order beside the random paper ids */
    "CREATE TABLE survey_answers ("
    "  paper INTEGER NOT NULL REFERENCES survey_papers(id),"
    "  pass INTEGER NOT NULL,"
    "  field TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (paper, pass, field)"
    ") WITHOUT ROWID;"
    "CREATE TABLE survey_people ("
    "  paper INTEGER PRIMARY KEY REFERENCES survey_papers(id),"
    "  resident INTEGER REFERENCES residents(id),"
    "  proxy TEXT"
    ");"
    "CREATE TABLE survey_proxies ("
    "  survey TEXT NOT NULL,"
    "  proxy TEXT NOT NULL,"
    "  papers INTEGER NOT NULL,"
    "  PRIMARY KEY (survey, proxy)"
    ") WITHOUT ROWID;"
    "CREATE TABLE survey_issued ("
    "  survey TEXT NOT NULL,"
    "  serial INTEGER NOT NULL,"
    "  PRIMARY KEY (survey, serial)"
    ") WITHOUT ROWID;";

/* Schema 10 (issue 19): the hall. Tickets of a day (numbered per day and
 * queue of issue; code kept through a transfer), the cases a ticket became,
 * the calls the hall display shows and speaks, appointments and home visits.
 * Days are local YYYY-MM-DD, stamps the store's UTC. Not synced: the hall's
 * day is the station's own business. */
static const char migrate_10[] =
    "CREATE TABLE queue_tickets ("
    "  id INTEGER PRIMARY KEY,"
    "  day TEXT NOT NULL,"
    "  code TEXT NOT NULL,"
    "  queue TEXT NOT NULL,"
    "  from_queue TEXT NOT NULL DEFAULT '',"
    "  number INTEGER NOT NULL,"
    "  priority INTEGER NOT NULL DEFAULT 0,"
    "  appointment_id INTEGER,"
    "  state INTEGER NOT NULL," /* yz_ticket_state */
    "  issued_at TEXT NOT NULL,"
    "  called_at TEXT NOT NULL DEFAULT '',"
    "  done_at TEXT NOT NULL DEFAULT '',"
    "  counter INTEGER NOT NULL DEFAULT 0,"
    "  clerk TEXT NOT NULL DEFAULT '',"
    "  calls INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (day, code)"
    ");"
    "CREATE INDEX queue_tickets_day ON queue_tickets(day, state, queue);"
    "CREATE TABLE ticket_cases ("
    "  case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
    "  ticket_id INTEGER NOT NULL REFERENCES queue_tickets(id)"
    ");"
    "CREATE INDEX ticket_cases_ticket ON ticket_cases(ticket_id);"
    "CREATE TABLE hall_calls ("
    "  id INTEGER PRIMARY KEY,"
    "  day TEXT NOT NULL,"
    "  ticket_id INTEGER NOT NULL,"
    "  counter INTEGER NOT NULL,"
    "  at TEXT NOT NULL,"
    "  recall INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX hall_calls_day ON hall_calls(day);"
    "CREATE TABLE appointments ("
    "  id INTEGER PRIMARY KEY,"
    "  number TEXT NOT NULL UNIQUE,"
    "  queue TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  slot TEXT NOT NULL,"
    "  idno TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  state INTEGER NOT NULL," /* yz_appt_state */
    "  ticket_id INTEGER,"
    "  clerk TEXT NOT NULL,"
    "  booked_at TEXT NOT NULL"
    ");"
    "CREATE INDEX appointments_slot ON appointments(day, queue, slot);"
    "CREATE INDEX appointments_idno ON appointments(idno, day);"
    "CREATE TABLE home_visits ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"
    "  day TEXT NOT NULL,"
    "  staff TEXT NOT NULL,"
    "  idno TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  address TEXT NOT NULL,"
    "  phone TEXT NOT NULL,"
    "  grid TEXT NOT NULL,"
    "  item TEXT NOT NULL,"
    "  state INTEGER NOT NULL," /* yz_visit_state */
    "  result TEXT NOT NULL DEFAULT '',"
    "  planned_by TEXT NOT NULL,"
    "  done_at TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX home_visits_day ON home_visits(day);";

const char *const st_migrations[] = {
    migrate_1, migrate_2, migrate_3, migrate_4, migrate_5,
    migrate_6, migrate_7, migrate_8, migrate_9, migrate_10,
};

const size_t st_n_migrations = sizeof st_migrations / sizeof st_migrations[0];

/* The outbox's triggers as schema 8 created them: audit verify tells these
 * from a trigger planted in the file by their whole text. */
const char *const st_sync_triggers[] = {SYNC_TRIGGERS(SYNC_ELEMENT)};

const size_t st_n_sync_triggers = sizeof st_sync_triggers / sizeof st_sync_triggers[0];
