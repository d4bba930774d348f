#!/bin/sh
# Issue 17, what the district publishes to its stations (`yizhan hub
# publish`), run under tests/lib/with-postgres (YZ_PG_URL: the hub's admin):
# `hub init` migrates a version-1 hub to version 2 (a hub made at version 2
# with what step 2 adds taken away again is exactly one of version 1); a new
# form, a changed form of the installation, a ledger and a calendar with a new
# holiday are checked and published; a bad form is refused with its
# file:line:col message and nothing is published; a station's login cannot
# publish; the station's sync takes the files into <home>/district (files
# 0640, folders 0750, the same bytes), `forms check` shows the new and the
# changed form in use, the working days know the holiday, --status the
# district's version; a second sync takes nothing; the same file published
# again changes nothing; a file damaged on the way is not written; a
# withdrawn file is removed at the next sync; a published form the station
# cannot read leaves the counter its own.
# Usage: with-postgres sh publish17.sh PATH/TO/yizhan
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/common.sh"
src=$(cd "$(dirname "$0")/../.." && pwd)
home=$(mktemp -d "${TMPDIR:-/tmp}/yzpub.XXXXXX")
trap 'rm -rf "$home"' EXIT
st=$home/st
work=$home/work
mkdir "$home/admin" "$work"
# Runs yizhan; sets out, err and rc.
run() {
	set +e
	out=$("$yz" "$@" 2>"$home/err")
	rc=$?
	set -e
	err=$(cat "$home/err")
}
export YIZHAN_HUB_URL="$YZ_PG_URL"

# ---- the hub's schema, version 1 to 2 ---------------------------------------
run hub init --home "$home/admin"
[ $rc -eq 0 ] && [ "$out" = "Created the hub's schema, version 2." ] || fail "init: $rc $out $err"
hq "DROP TABLE published; DROP SEQUENCE published_version; UPDATE hub_meta SET version = 1"
run hub publish --list --home "$home/admin"
[ $rc -eq 1 ] && echo "$err" | grep -q "run yizhan hub init" || fail "list at v1: $rc $err"
run hub init --home "$home/admin"
[ $rc -eq 0 ] && [ "$out" = "Migrated the hub's schema from version 1 to version 2." ] ||
	fail "migrate: $rc $out $err"
[ "$(hq "SELECT version FROM hub_meta")" = 2 ] || fail "hub_meta: $(hq "SELECT version FROM hub_meta")"
run hub init --home "$home/admin"
[ "$out" = "The hub's schema is up to date, version 2." ] || fail "init again: $out $err"
ok "hub init: a version-1 hub migrated to 2, then up to date"

# ---- a station ------------------------------------------------------------------
demo_station "$st"
"$yz" hub station add "$code" "演示社区服务站" --home "$home/admin" >"$home/lines" ||
	fail "station add"
cat "$home/lines" >>"$st/yizhan.conf"
st_url=$(sed -n 's/^hub = //p' "$home/lines")
st_pw=$(sed -n 's/^hub_password = //p' "$home/lines")
unset YIZHAN_HUB_URL
out=$("$yz" sync --format tsv --home "$st") || fail "first sync: $out"
[ "$(echo "$out" | grep -c "^district")" = 0 ] || fail "files before any was published: $out"
[ ! -e "$st/district" ] || fail "a district folder before any file"
status=$("$yz" sync --status --home "$st")
[ "$(field "$status" district_version)" = 0 ] || fail "status: $status"
export YIZHAN_HUB_URL="$YZ_PG_URL"
ok "a station synced before anything is published: nothing taken, district_version 0"

# ---- the files -------------------------------------------------------------------
sed -e 's/^form policy_consultation/form district_hotline/' \
	-e '0,/^    title .*/s//    title 区级热线登记/' \
	-e 's/^    keywords .*/    keywords qjrx 热线/' \
	"$src/forms/policy_consultation.form" >"$work/district_hotline.form"
sed -e '0,/^    title .*/s//    title 居住证明（区级新版）/' \
	"$src/forms/residence_certificate.form" >"$work/residence_certificate.form"
sed -e 's/^ledger requests/ledger district_requests/' \
	"$src/forms/ledgers/requests.ledger" >"$work/district_requests.ledger"
cp "$src/data/calendar.txt" "$work/district-calendar.txt"
echo "holiday 2026-12-07 区级演练日" >>"$work/district-calendar.txt"
# a form with an unknown field type on line 6
printf 'form bad_one\n    title 坏表\n    line 咨询\n    authority 社区\n    kind 即办件\nfield x nosuchtype\n    label X\n' \
	>"$work/bad_one.form"

run hub publish "$work/district_hotline.form" "$work/bad_one.form" --home "$home/admin"
[ $rc -eq 1 ] || fail "bad form published: $rc $out $err"
echo "$err" | grep -q "^$work/bad_one.form:6:" || fail "no file:line message: $err"
echo "$err" | grep -q "nothing was published" || fail "refusal: $err"
[ "$(hq "SELECT count(*) FROM published")" = 0 ] || fail "something was published"
printf 'year 2026\nholiday 2026-13-01 错\n' >"$work/bad-calendar.txt"
run hub publish "$work/bad-calendar.txt" --home "$home/admin"
[ $rc -eq 1 ] && echo "$err" | grep -q "bad-calendar.txt:2" || fail "bad calendar: $rc $err"
run hub publish "$work/README" --home "$home/admin"
[ $rc -eq 2 ] && echo "$err" | grep -q "give --as NAME" || fail "unknown kind: $rc $err"
[ "$(hq "SELECT count(*) FROM published")" = 0 ] || fail "something was published"
ok "a bad form or calendar refused with file:line, nothing published"

admin_pw=$PGPASSWORD
PGPASSWORD=$st_pw
run hub publish "$work/district_hotline.form" --url "$st_url" --home "$home/admin"
PGPASSWORD=$admin_pw
[ $rc -eq 1 ] && echo "$err" | grep -q "Only the hub's administrator" ||
	fail "a station published: $rc $out $err"
set +e
PGPASSWORD=$st_pw psql "$st_url" -X -q -c "INSERT INTO published (name, body, sha256)
	VALUES ('calendar.txt', 'x', repeat('0', 64))" 2>"$home/err"
prc=$?
set -e
[ $prc -ne 0 ] && grep -q "permission denied" "$home/err" || fail "a station's INSERT: $(cat "$home/err")"
[ "$(hq "SELECT count(*) FROM published")" = 0 ] || fail "a station published"
ok "a station's login cannot publish (the command, nor SQL of its own)"

run hub publish "$work/district_hotline.form" "$work/residence_certificate.form" \
	"$work/district_requests.ledger" "$work/district-calendar.txt" --home "$home/admin"
[ $rc -eq 0 ] || fail "publish: $rc $out $err"
echo "$out" | grep -q "as forms/district_hotline.form (version" || fail "publish: $out"
echo "$out" | grep -q "as calendar.txt (version" || fail "publish: $out"
[ "$(hq "SELECT count(*) FROM published WHERE NOT withdrawn")" = 4 ] || fail "not 4 rows"
list=$("$yz" hub publish --list --format tsv --home "$home/admin")
[ "$(echo "$list" | wc -l)" = 4 ] || fail "list: $list"
sha=$(sha256sum "$work/district-calendar.txt" | cut -c1-12)
echo "$list" | grep -q "^calendar.txt	[0-9]*	published	$(wc -c <"$work/district-calendar.txt")	.*	$sha	yzadmin$" ||
	fail "list's calendar row: $list"
echo "$list" | grep -q "^forms/ledgers/district_requests.ledger	" || fail "list: $list"
top=$(hq "SELECT max(version) FROM published")
run hub publish "$work/district_hotline.form" --home "$home/admin"
[ $rc -eq 0 ] && echo "$out" | grep -q "unchanged" || fail "again: $out $err"
[ "$(hq "SELECT max(version) FROM published")" = "$top" ] || fail "a new version for the same bytes"
ok "a new form, a changed form, a ledger and a calendar published; --list; the same again: unchanged"

# ---- the station takes them --------------------------------------------------------
unset YIZHAN_HUB_URL
out=$("$yz" sync --home "$st") || fail "sync: $out"
echo "$out" | grep -q "^4 files from the district: forms/district_hotline.form, " ||
	fail "sync's line: $out"
d=$st/district
for f in forms/district_hotline.form forms/residence_certificate.form \
	forms/ledgers/district_requests.ledger calendar.txt; do
	[ -f "$d/$f" ] || fail "$f not taken"
	[ "$(stat -c %a "$d/$f")" = 640 ] || fail "$f mode $(stat -c %a "$d/$f")"
done
cmp -s "$d/calendar.txt" "$work/district-calendar.txt" || fail "calendar differs"
cmp -s "$d/forms/district_hotline.form" "$work/district_hotline.form" || fail "form differs"
for f in "$d" "$d/forms" "$d/forms/ledgers"; do
	[ "$(stat -c %a "$f")" = 750 ] || fail "$f mode $(stat -c %a "$f")"
done
status=$("$yz" sync --status --home "$st")
[ "$(field "$status" district_version)" = "$top" ] || fail "status: $status"
ok "sync took the 4 files into district/ (0640, folders 0750, the same bytes); --status: version $top"

check=$("$yz" forms check --home "$st" 2>&1) || fail "forms check: $check"
echo "$check" | grep -q "^  district_hotline	区级热线登记$" || fail "new form not in use: $check"
echo "$check" | grep -q "^  residence_certificate	居住证明（区级新版）$" || fail "changed form: $check"
echo "$check" | grep -q "Forms published by the district, in use: 2" || fail "forms check: $check"
[ "$("$yz" calendar workdays 2026-12-04 1 --home "$st")" = 2026-12-08 ] ||
	fail "the holiday is not a day off: $("$yz" calendar workdays 2026-12-04 1 --home "$st")"
[ "$("$yz" calendar workdays 2026-12-04 1 --home "$home/admin")" = 2026-12-07 ] ||
	fail "a station without the district's calendar"
# The open cases' promised dates follow the new calendar (the station's
# calendar hash no longer matches: the next start recomputes them).
moved=$("$yz" calendar moved --home "$st" 2>&1) || fail "calendar moved: $moved"
echo "$moved" | grep -q "promised dates moved with the new calendar" || fail "moved: $moved"
echo "$moved" | grep -q -- "-> 2026-12-07$" && fail "a date on the holiday: $moved"
[ "$(echo "$moved" | grep -c -- " -> ")" -gt 0 ] || fail "no date moved: $moved"
ledgers=$("$yz" ledger list --home "$st" 2>&1) || fail "ledger list: $ledgers"
echo "$ledgers" | grep -q "district_requests" || fail "the district's ledger not listed: $ledgers"
ok "forms check shows the new and the changed form in use, ledger list the ledger; the working days know the holiday, the open cases' promised dates moved"

out=$("$yz" sync --format tsv --home "$st") || fail "second sync: $out"
[ "$(echo "$out" | grep -c "^district")" = 0 ] || fail "second sync took files: $out"
out=$("$yz" sync --home "$st") || fail "third sync: $out"
echo "$out" | grep -q "from the district" && fail "third sync took files: $out"
ok "a second sync takes nothing"

# ---- damaged on the way, then withdrawn --------------------------------------------
hq "UPDATE published SET body = body || 'x', version = nextval('published_version')
	WHERE name = 'forms/district_hotline.form'"
set +e
out=$("$yz" sync --home "$st" 2>&1)
rc=$?
set -e
# the sync itself succeeds (its changes went, its answers came): the file
# waits for the next one, and the message says why
[ $rc -eq 0 ] && echo "$out" | grep -q "arrived damaged" || fail "damaged: $rc $out"
[ -z "$(field "$("$yz" sync --status --home "$st")" last_error)" ] ||
	fail "a damaged district file failed the sync"
cmp -s "$d/forms/district_hotline.form" "$work/district_hotline.form" || fail "damaged file written"
[ "$(field "$("$yz" sync --status --home "$st")" district_version)" = "$top" ] ||
	fail "version moved past a damaged file"
ok "a file damaged on the way is not written, its version not recorded, the sync not failed"

export YIZHAN_HUB_URL="$YZ_PG_URL"
run hub publish --withdraw forms/district_hotline.form --home "$home/admin"
[ $rc -eq 0 ] && echo "$out" | grep -q "^Withdrew forms/district_hotline.form" ||
	fail "withdraw: $rc $out $err"
run hub publish --withdraw forms/none.form --home "$home/admin"
[ $rc -eq 1 ] && echo "$err" | grep -q "Nothing is published as forms/none.form" ||
	fail "withdraw nothing: $rc $err"
unset YIZHAN_HUB_URL
out=$("$yz" sync --home "$st") || fail "sync after withdrawal: $out"
echo "$out" | grep -q "^1 file from the district: forms/district_hotline.form (withdrawn)" ||
	fail "sync's line: $out"
[ ! -e "$d/forms/district_hotline.form" ] || fail "withdrawn form still there"
check=$("$yz" forms check --home "$st" 2>&1) || fail "forms check: $check"
echo "$check" | grep -q "district_hotline" && fail "withdrawn form in use: $check"
ok "--withdraw: the next sync removes the file; the form is no longer in use"

# ---- a published form the station cannot read --------------------------------------
echo "field broken nosuchtype" >>"$d/forms/residence_certificate.form"
set +e
check=$("$yz" forms check --home "$st" 2>&1)
rc=$?
set -e
[ $rc -eq 1 ] && echo "$check" | grep -q "district/forms/residence_certificate.form:" ||
	fail "forms check: $rc $check"
"$yz" cases list --home "$st" >/dev/null 2>"$home/err" || fail "the station stopped: $(cat "$home/err")"
ok "a district form the station cannot read is reported; the station works with its own"

# ---- published and withdrawn between two syncs ----------------------------------------
sed -e 's/^form policy_consultation/form short_lived/' \
	"$src/forms/policy_consultation.form" >"$work/short_lived.form"
export YIZHAN_HUB_URL="$YZ_PG_URL"
"$yz" hub publish "$work/short_lived.form" --home "$home/admin" >/dev/null || fail "publish"
"$yz" hub publish --withdraw forms/short_lived.form --home "$home/admin" >/dev/null ||
	fail "withdraw"
unset YIZHAN_HUB_URL
out=$("$yz" sync --home "$st") || fail "sync: $out"
echo "$out" | grep -q "from the district" && fail "a file never taken reported: $out"
[ ! -e "$d/forms/short_lived.form" ] || fail "short_lived.form written"
[ "$(field "$("$yz" sync --status --home "$st")" district_version)" = \
	"$(hq "SELECT max(version) FROM published")" ] || fail "version not recorded"
ok "a file published and withdrawn between two syncs: nothing written, nothing said, the version taken"
