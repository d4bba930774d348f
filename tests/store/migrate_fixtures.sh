#!/bin/sh
# A station that upgrades keeps its data (issue 10). Every earlier schema
# version has a station database in tests/store/fixtures/, made and used by
# that version's own yizhan (README.md there). Each one is opened by this
# yizhan, which migrates it; then:
#   - PRAGMA user_version is the version a new station gets, and the schema is
#     exactly a new station's;
#   - every table of the old file has as many rows as before (meta keeps its
#     keys and values and may gain some), integrity_check and
#     foreign_key_check pass, `audit verify` finds the chain intact;
#   - what the migration derives is there (pinyin keys, household codes and
#     heads, case states and owners, due dates, residence starts from the
#     residence certificates), checked as SQL invariants that a new demo
#     station also satisfies;
#   - residents, cases, users and staff read back through the commands as the
#     fixture's .check file says;
#   - a second open changes nothing, and the station takes new writes with its
#     audit chain still intact.
# Also: every version below today's has a fixture, and a database of a newer
# version is refused with a clear message and left untouched.
# Usage: migrate_fixtures.sh PATH/TO/yizhan FIXTURE_DIR SOURCE_ROOT
set -eu
yz=$1
fixtures=$2
# The program's forms/ and data/ (the test setup sets it; the source root otherwise).
export YIZHAN_DATADIR="${YIZHAN_DATADIR:-$3}"
YZ_SCHEMA_C=$3/src/store/schema.c # the migrations, for the failed-upgrade case
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yzmigrate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
tab=$(printf '\t')
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }
q() { sqlite3 -batch "$1" "$2"; }

schema_q="SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"

# Each query counts rows that break what the migrations derive (0 = fine).
invariants() {
	q "$1" "
SELECT 'resident without pinyin keys', count(*) FROM residents r
  WHERE NOT EXISTS (SELECT 1 FROM resident_initials i WHERE i.resident_id = r.id);
SELECT 'pinyin key of an earlier form (zh/ch/sh kept whole: longer than the name)', count(*)
  FROM resident_initials i JOIN residents r ON r.id = i.resident_id
  WHERE length(i.key) > length(r.name);
SELECT 'household without code or address key', count(*) FROM households
  WHERE code IS NULL OR code = '' OR (addr_key = '' AND address <> '');
SELECT 'household with a head member but no head', count(*) FROM households h
  WHERE head_id IS NULL AND EXISTS (SELECT 1 FROM residents r
    WHERE r.household_id = h.id AND r.relation = '户主');
SELECT 'case without state or owner', count(*) FROM cases WHERE state = '' OR owner = '';
SELECT 'closed case without result or closing time', count(*) FROM cases
  WHERE status <> 'accepted' AND (closed_at = '' OR result = '' OR eff_due <> '');
SELECT 'open case whose effective due date is not its due date', count(*) FROM cases
  WHERE status = 'accepted' AND paused_since = '' AND forward_id IS NULL AND eff_due <> due_date;
SELECT 'resident without the residence start of their residence certificate', count(*)
  FROM residents r WHERE since = '' AND EXISTS (SELECT 1 FROM cases c
    JOIN case_fields f ON f.case_id = c.id AND f.key = 'since'
    WHERE c.resident_id = r.id AND c.form_id = 'residence_certificate'
      AND date(f.value) IS f.value AND f.value >= r.birth);
" | grep -v '|0$' || true
}

# The version and schema a new station gets today.
mkdir -m 0750 "$tmp/new"
"$yz" init --home "$tmp/new" >/dev/null || fail "init"
cur=$(q "$tmp/new/station.db" "PRAGMA user_version")
[ "$cur" -gt 1 ] || fail "a new station has schema $cur"
q "$tmp/new/station.db" "$schema_q" >"$tmp/new.schema"
v=1
while [ "$v" -lt "$cur" ]; do
	[ -f "$fixtures/schema-v$v.sql" ] && [ -f "$fixtures/schema-v$v.conf" ] &&
		[ -f "$fixtures/schema-v$v.check" ] ||
		fail "no fixture for schema $v: make one with that version's yizhan (fixtures/README.md)"
	v=$((v + 1))
done
mkdir -m 0750 "$tmp/demo"
"$yz" init --demo --residents 30 --home "$tmp/demo" >/dev/null || fail "init --demo"
bad=$(invariants "$tmp/demo/station.db")
[ -z "$bad" ] || fail "a new demo station breaks the invariants this test checks: $bad"
ok "today's schema is $cur; fixtures for schema 1 to $((cur - 1)); a new demo station meets the invariants"

for sql in "$fixtures"/schema-v*.sql; do
	v=${sql##*/schema-v}
	v=${v%.sql}
	home="$tmp/v$v"
	db="$home/station.db"
	mkdir -m 0750 "$home"
	sqlite3 -batch "$db" <"$sql" || fail "schema $v: loading $sql"
	q "$db" "PRAGMA journal_mode=WAL" >/dev/null # as a station's file is
	chmod 0640 "$db"
	sed -e "s#@DATADIR@#$YIZHAN_DATADIR#g" -e "s#@HOME@#$home#g" "${sql%.sql}.conf" >"$home/yizhan.conf"
	# From schema 6 (issue 14) the station key lives beside the database: the
	# fixture's own, or its audit chain and codes cannot be verified.
	if [ -f "${sql%.sql}.key" ]; then
		cp "${sql%.sql}.key" "$home/station.key"
		chmod 0640 "$home/station.key"
	fi
	# The commands that show residents and cases act as the station's admin (issue 14).
	printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$home/yizhan.conf"
	chmod 0640 "$home/yizhan.conf"
	[ "$(q "$db" "PRAGMA user_version")" = "$v" ] || fail "schema $v: fixture says version $(q "$db" "PRAGMA user_version")"
	[ "$v" -lt "$cur" ] || fail "schema $v: fixture is not older than today's schema $cur"
	tables=$(q "$db" "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	# resident_initials is derived from the names and made again on open when
	# the keys' form changes (issue 13): its rows are checked as an invariant.
	# The first open of a version with the provisional calendar (issue 13)
	# recomputes open cases; a promised date that moves (a case due in 2027
	# counted Monday to Friday) gets an event and an audit row: not counted.
	# Nor is the row that says the chain is keyed from then on (issue 14).
	moved() { case $1 in case_events) echo " WHERE kind <> 'due_moved'" ;; audit) echo " WHERE action NOT IN ('due_moved', 'audit_keyed')" ;; esac; }
	counts() { for t in $tables; do case $t in meta | resident_initials) ;; *) echo "$t $(q "$db" "SELECT count(*) FROM \"$t\"$(moved "$t")")" ;; esac; done; }
	counts >"$home/before"
	# meta may gain keys (calendar_hash: the first open fills the cases' limits;
	# it changes when the calendar does, the provisional years too, and the
	# audit rows of the dates that moved move audit_head: issue 13; audit
	# verify checks the chain). verify_secret leaves it for the station key
	# (issue 14): a copy of station.db must not make verification codes; the
	# .check files verify a code the old version printed. pinyin_keys names the
	# reading table the name keys were made with: a newer table (issue 15: the
	# readings of variants) makes them again on open.
	q "$db" "SELECT key, value FROM meta WHERE key NOT IN ('calendar_hash', 'audit_head', 'verify_secret',
	  'pinyin_keys') ORDER BY key" >"$home/meta"
	grep -q '^audit [1-9]' "$home/before" && grep -q '^cases [1-9]' "$home/before" &&
		grep -q '^residents [1-9]' "$home/before" || fail "schema $v: fixture has no audit rows, cases or residents"

	out=$("$yz" audit verify --home "$home" 2>&1) || fail "schema $v: audit verify after migration: $out"
	echo "$out" | grep -q "intact" || fail "schema $v: audit verify says: $out"
	[ "$(q "$db" "PRAGMA user_version")" = "$cur" ] ||
		fail "schema $v: user_version $(q "$db" "PRAGMA user_version") after opening, not $cur"
	ok "schema $v: migrated to $cur on open; audit chain intact"

	counts >"$home/after"
	diff "$home/before" "$home/after" >&2 || fail "schema $v: row counts changed (before < > after)"
	q "$db" "SELECT key, value FROM meta ORDER BY key" | grep -vxF -f - "$home/meta" >&2 &&
		fail "schema $v: station settings in meta lost or changed (above)"
	[ "$(q "$db" "SELECT count(*) FROM meta WHERE key = 'verify_secret'")" = 0 ] ||
		fail "schema $v: the verification codes' secret is still in station.db after the upgrade"
	[ "$(q "$db" "PRAGMA integrity_check")" = ok ] || fail "schema $v: integrity_check: $(q "$db" "PRAGMA integrity_check")"
	fk=$(q "$db" "PRAGMA foreign_key_check")
	[ -z "$fk" ] || fail "schema $v: foreign_key_check: $fk"
	q "$db" "$schema_q" >"$home/schema"
	diff "$tmp/new.schema" "$home/schema" >&2 || fail "schema $v: migrated schema differs from a new station's (< new, > migrated)"
	bad=$(invariants "$db")
	[ -z "$bad" ] || fail "schema $v: after migration: $bad"
	ok "schema $v: same rows in all $(echo "$tables" | wc -w) tables, integrity and foreign keys, a new station's schema, derived columns filled"

	# cases list writes what it showed to the audit log (issue 14): before the
	# second open, whose opening must change nothing.
	"$yz" cases list --home "$home" >/dev/null || fail "schema $v: cases list"
	q "$db" .dump >"$home/dump1"
	out=$("$yz" audit verify --home "$home" 2>&1) || fail "schema $v: second open: $out"
	"$yz" grid list --home "$home" >/dev/null || fail "schema $v: grid list"
	q "$db" .dump >"$home/dump2"
	cmp -s "$home/dump1" "$home/dump2" || fail "schema $v: a second open changed the database"
	[ "$(q "$db" "PRAGMA user_version")" = "$cur" ] || fail "schema $v: second open changed user_version"
	ok "schema $v: a second open changes nothing"

	checks=0
	while IFS="$tab" read -r args want; do
		case "$args" in '' | '#'*) continue ;; esac
		args=$(echo "$args" | sed "s#@HOME@#$home#g")
		case "$args" in
		'sql '*) # what no command shows (a column only the counter's screen shows)
			out=$(q "$db" "${args#sql }" 2>&1) || fail "schema $v: $args: $out"
			;;
		*)
			# shellcheck disable=SC2086 # ARGS are words split at spaces
			out=$("$yz" $args --home "$home" 2>&1) || fail "schema $v: yizhan $args: $out"
			;;
		esac
		case "$args" in
		*--pdf\ *)
			pdf=${args##*--pdf }
			pdf=${pdf%% *}
			out="$out
$(pdftotext "$pdf" - 2>&1)"
			;;
		esac
		printf '%s\n' "$out" | grep -qF -- "$want" || fail "schema $v: yizhan $args shows no \"$want\" in:
$out"
		checks=$((checks + 1))
	done <"${sql%.sql}.check"
	[ "$checks" -gt 0 ] || fail "schema $v: no checks in ${sql%.sql}.check"
	ncases=$(q "$db" "SELECT count(*) FROM cases")
	[ "$("$yz" cases list --home "$home" | wc -l)" -eq "$ncases" ] || fail "schema $v: cases list does not list all $ncases cases"
	ok "schema $v: $checks checks of residents, cases and staff as the station had them; all $ncases cases listed"

	audit=$(q "$db" "SELECT count(*) FROM audit")
	printf 'upgrade-2026\nupgrade-2026\n' | "$yz" user add upgraded "Upgrade Check" --home "$home" >/dev/null ||
		fail "schema $v: user add after the upgrade"
	[ "$(q "$db" "SELECT count(*) FROM audit")" -gt "$audit" ] || fail "schema $v: user add left no audit row"
	out=$("$yz" audit verify --home "$home" 2>&1) || fail "schema $v: audit verify after a write: $out"
	"$yz" user list --home "$home" | grep -q "^upgraded " || fail "schema $v: new user not listed"
	ok "schema $v: the upgraded station takes new writes; its audit chain goes on intact"
done

# A file of a newer schema than this program knows: refused, file untouched.
db="$tmp/new/station.db"
q "$db" "PRAGMA user_version=$((cur + 1))"
sum=$(sha256sum <"$db")
if out=$("$yz" audit verify --home "$tmp/new" 2>&1); then fail "schema $((cur + 1)) opened: $out"; fi
echo "$out" | grep -q "newer version of yizhan (schema $((cur + 1)); this program knows up to $cur)" ||
	fail "newer schema refused without saying why: $out"
[ "$(sha256sum <"$db")" = "$sum" ] && [ "$(q "$db" "PRAGMA user_version")" = "$((cur + 1))" ] ||
	fail "the newer file was changed"
ok "a database of schema $((cur + 1)) is refused with a clear message and left as it was"

# An upgrade that fails (here: the newest step meets an object of the same name,
# as a hand-made table or index at a station would be) says that the upgrade failed and
# why, and leaves the file as it was: one transaction, rolled back.
last=$((cur - 1))
home="$tmp/fail"
mkdir -m 0750 "$home"
sqlite3 -batch "$home/station.db" <"$fixtures/schema-v$last.sql" || fail "loading schema $last"
sed -e "s#@DATADIR@#$YIZHAN_DATADIR#g" -e "s#@HOME@#$home#g" "$fixtures/schema-v$last.conf" >"$home/yizhan.conf"
if [ -f "$fixtures/schema-v$last.key" ]; then
	cp "$fixtures/schema-v$last.key" "$home/station.key"
	chmod 0640 "$home/station.key"
fi
# The newest CREATE TABLE or CREATE INDEX of the migrations (indented with
# spaces, or with a tab in a macro's lines).
step=$(sed -n 's/^[[:space:]]*"CREATE \(TABLE\|INDEX\) \([a-z_]*\)[ (].*/\2/p' "$YZ_SCHEMA_C" | tail -1)
[ -n "$step" ] || fail "no table or index name found in the last migration of $YZ_SCHEMA_C"
q "$home/station.db" "CREATE TABLE \"$step\"(x)" >/dev/null
q "$home/station.db" "PRAGMA journal_mode=WAL" >/dev/null # as a station's file is
sqlite3 -batch "$home/station.db" .dump >"$home/before.sql"
if out=$("$yz" audit verify --home "$home" 2>&1); then fail "a failing upgrade opened: $out"; fi
echo "$out" | grep -q "from schema $last to $cur failed (.*$step.*). The file was not changed" ||
	fail "a failed upgrade is not told as such: $out"
sqlite3 -batch "$home/station.db" .dump | cmp -s - "$home/before.sql" &&
	[ "$(q "$home/station.db" "PRAGMA user_version")" = "$last" ] ||
	fail "a failed upgrade changed the file"
ok "a failed upgrade says so, with SQLite's reason, and leaves the file as it was"
