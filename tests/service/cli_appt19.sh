#!/bin/sh
# Issue 19, `yizhan appt` and `yizhan visit` on a demo station, through the
# real binary:
# - appt book: a registered resident in a slot of a working day, the booking
#   number Y<day>-001 said and stored (name and phone from the registry, the
#   note kept), audited; the second booking of the queue and day, a full slot,
#   a Saturday, an unknown slot, queue and resident, a 17-digit ID number
#   (not a valid number, not "not registered") refused in words (exit 2),
#   nothing written;
# - appt list (the ID number masked), --slots (places booked of capacity);
#   appt cancel frees the place; appt missed marks today's ended slot's
#   booking and leaves a later one;
# - visit plan from an open case (address and grid from the registry), a
#   closed case, an unknown login and a rest day refused; the staff said by
#   name, a warning for staff away that day; visit list by grid (in Chinese
#   the result after the translation's colon); visit
#   result (notmet needs words); visit sheet --out: the route sheet's PDF read
#   back with pdftotext (title, grids in order, residents, case numbers, the
#   staff by name), mode
#   0640; audit rows;
# - no account acting: refused.
# Usage: cli_appt19.sh PATH/TO/yizhan
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
home=$(mktemp -d "${TMPDIR:-/tmp}/yzappt.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en TZ=Asia/Shanghai
unset LC_ALL || true
n=0
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
st=$home/st
db=$st/station.db
sql() { sqlite3 "$db" "$1"; }
y() { "$yz" "$@" --home "$st"; }

"$yz" init --demo --home "$st" >/dev/null || fail "init --demo"
# Before any account is mapped: a command of personal data is refused.
if y appt list >/dev/null 2>"$home/err"; then fail "appt list without an account"; fi
grep -q . "$home/err" || fail "no words without an account"
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$st/yizhan.conf"
ok "no account acting: refused"

# Two working days ahead by the station's calendar (holidays and make-up
# days counted), and the next Saturday (a rest day but for a rare make-up day).
day=$(y calendar workdays "$(date +%F)" 2) || fail "calendar workdays"
compact=$(date -d "$day" +%Y%m%d)
sat=$(date -d 'next saturday' +%F)
id1=$(sql "SELECT idno FROM residents ORDER BY id LIMIT 1 OFFSET 1")
id2=$(sql "SELECT idno FROM residents ORDER BY id LIMIT 1 OFFSET 2")
id3=$(sql "SELECT idno FROM residents ORDER BY id LIMIT 1 OFFSET 3")
name1=$(sql "SELECT name FROM residents WHERE idno = '$id1'")
phone1=$(sql "SELECT phone FROM residents WHERE idno = '$id1'")

# ---- appt book ------------------------------------------------------------------
out=$(y appt book A "$day" 09:00-09:30 "$id1" --note "comes with a wheelchair") ||
	fail "book: $out"
echo "$out" | grep -q "^Booked Y$compact-001: $name1, queue A, $day 09:00-09:30.$" ||
	fail "book said: $out"
[ "$(sql "SELECT number, name, phone, note, state, clerk FROM appointments")" = \
	"Y$compact-001|$name1|$phone1|comes with a wheelchair|0|admin" ] ||
	fail "stored: $(sql 'SELECT * FROM appointments')"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'appt_booked'")" = 1 ] ||
	fail "no audit row"
out=$(y appt book B "$day" 09:00-09:30 "$id1" --phone 13511112222)
echo "$out" | grep -q "^Booked Y$compact-002:" || fail "second queue's number: $out"
[ "$(sql "SELECT phone FROM appointments WHERE number = 'Y$compact-002'")" = 13511112222 ] ||
	fail "phone given"
y appt book A "$day" 09:00-09:30 "$id2" >/dev/null || fail "second of the slot"
ok "book: Y$compact-001/-002/-003 over every queue, registry's name and phone, audited"

# Refusals: exit 2, in words, nothing written.
before=$(sql "SELECT count(*) FROM appointments")
refuse() {
	want=$1
	shift
	if y appt "$@" >"$home/out" 2>"$home/err"; then fail "accepted: $*"; else rc=$?; fi
	[ "$rc" = 2 ] || fail "exit $rc: $*: $(cat "$home/err")"
	grep -q "$want" "$home/err" || fail "$*: said $(cat "$home/err"), not $want"
}
refuse "already has an appointment in queue A" book A "$day" 14:00-14:30 "$id1"
refuse "is full" book A "$day" 09:00-09:30 "$id3"
refuse "is not a working day" book A "$sat" 09:00-09:30 "$id3"
refuse "has no slot" book A "$day" 08:00-08:30 "$id3"
refuse "There is no queue Q" book Q "$day" 09:00-09:30 "$id3"
refuse "is registered" book A "$day" 09:30-10:00 110101199003070011
refuse "not a date" book A 2026-02-30 09:30-10:00 "$id3"
# 17 digits: the number's form is wrong, not "not registered".
refuse "is not a valid ID number" book A "$day" 09:30-10:00 11010119900307001
refuse "give QUEUE DAY SLOT IDNO" book A "$day"
refuse "unknown option" book A "$day" 09:30-10:00 "$id3" --bogus
[ "$(sql "SELECT count(*) FROM appointments")" = "$before" ] || fail "a refusal wrote"
ok "refused in words (exit 2): second booking, full slot, Saturday, slot, queue, resident, date"

# ---- list, slots, cancel, missed -----------------------------------------------------
out=$(y appt list "$day")
echo "$out" | head -1 | grep -q '^NUMBER .*SLOT .*QUEUE .*NAME .*ID NUMBER .*STATE$' ||
	fail "list header: $out"
[ "$(echo "$out" | grep -c "^Y$compact-00[123] ")" = 3 ] || fail "list rows: $out"
echo "$out" | grep -q "$id1" && fail "ID number not masked: $out"
echo "$out" | grep "^Y$compact-001 " | grep -q ' booked$' || fail "state: $out"
out=$(y appt list "$day" --slots A)
echo "$out" | grep -q '^09:00-09:30  booked 2 of 2$' || fail "slots: $out"
echo "$out" | grep -q '^09:30-10:00  booked 0 of 2$' || fail "slots: $out"
out=$(y appt cancel "Y$compact-003") || fail "cancel: $out"
echo "$out" | grep -q "cancelled" || fail "cancel said: $out"
[ "$(sql "SELECT state FROM appointments WHERE number = 'Y$compact-003'")" = 3 ] ||
	fail "cancelled state"
y appt book A "$day" 09:00-09:30 "$id3" >/dev/null || fail "the place freed"
refuse "no longer booked" cancel "Y$compact-003"
refuse "no appointment" cancel "Y$compact-099"
ok "list (masked), slots, cancel frees the place, a second cancel refused"

# missed: a booking of today whose slot ended at midnight (written into the
# file: no slot of the queue is over yet at any hour), one late tonight.
today=$(date +%F)
tc=$(date +%Y%m%d)
sql "INSERT INTO appointments(number, queue, day, slot, idno, name, state, clerk, booked_at)
     VALUES('Y$tc-901', 'A', '$today', '00:00-00:00', '$id2', 'x', 0, 'admin', ''),
           ('Y$tc-902', 'A', '$today', '23:58-23:59', '$id3', 'y', 0, 'admin', '')"
out=$(y appt missed) || fail "missed: $out"
now=$(date +%H:%M)
if [ "$now" \< "23:59" ]; then
	echo "$out" | grep -q "^1 appointments marked missed.$" || fail "missed said: $out"
	[ "$(sql "SELECT state FROM appointments WHERE number = 'Y$tc-902'")" = 0 ] ||
		fail "a later slot marked"
fi
[ "$(sql "SELECT state FROM appointments WHERE number = 'Y$tc-901'")" = 2 ] ||
	fail "not marked missed"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'appt_missed'")" -ge 1 ] ||
	fail "missed not audited"
ok "missed: today's ended slot marked, a later one kept, audited"

# ---- home visits -----------------------------------------------------------------
c1=$(sql "SELECT c.number FROM cases c JOIN residents r ON r.id = c.resident_id
          WHERE c.closed_at = '' AND r.household_id IS NOT NULL ORDER BY c.id LIMIT 1")
c2=$(sql "SELECT c.number FROM cases c JOIN residents r ON r.id = c.resident_id
          WHERE c.closed_at = '' AND r.household_id IS NOT NULL AND c.number <> '$c1'
          AND r.id <> (SELECT resident_id FROM cases WHERE number = '$c1')
          ORDER BY c.id DESC LIMIT 1")
closed=$(sql "SELECT number FROM cases WHERE closed_at <> '' LIMIT 1")
n1=$(sql "SELECT r.name FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.number = '$c1'")
out=$(y visit plan "$c1" "$day" zhangli wangfang) || fail "plan: $out"
# The staff by name (the accounts' names), not by login.
names="$(sql "SELECT name FROM users WHERE login = 'zhangli'") $(sql "SELECT name FROM users WHERE login = 'wangfang'")"
echo "$out" | grep -q "^Home visit 1 planned: case $c1, $n1, .* on $day by $names.$" ||
	fail "plan said: $out"
y visit plan "$c2" "$day" zhangli >/dev/null || fail "plan 2"
[ "$(sql "SELECT count(*) FROM home_visits WHERE grid <> '' AND address <> ''")" = 2 ] ||
	fail "address and grid from the registry: $(sql 'SELECT * FROM home_visits')"
vrefuse() {
	want=$1
	shift
	if y visit "$@" >"$home/out" 2>"$home/err"; then fail "accepted: $*"; else rc=$?; fi
	[ "$rc" = 2 ] || fail "exit $rc: $*: $(cat "$home/err")"
	grep -q "$want" "$home/err" || fail "$*: said $(cat "$home/err"), not $want"
}
vrefuse "planned already" plan "$c1" "$day" zhangli
vrefuse "is closed" plan "$closed" "$day" zhangli
vrefuse "no account \"nobody\"" plan "$c2" "$day" nobody
vrefuse "give CASE DAY STAFF" plan "$c2"
# A rest day is refused (the simple rule: staff go out on working days).
vrefuse "is not a working day" plan "$c2" "$sat" zhangli
[ "$(sql "SELECT count(*) FROM home_visits")" = 2 ] || fail "a refusal wrote"
out=$(y visit list "$day")
echo "$out" | head -1 | grep -q '^ID .*GRID .*NAME .*ADDRESS .*CASE .*STAFF .*STATE$' ||
	fail "visit list header: $out"
g1=$(sql "SELECT grid FROM home_visits ORDER BY grid, address LIMIT 1")
echo "$out" | sed -n 2p | grep -q "$g1" || fail "list not by grid: $out"
ok "visit plan from the registry, refusals in words, list by grid"

# ---- the route sheet --------------------------------------------------------------
y visit sheet "$day" --out "$home/sheet.pdf" >/dev/null || fail "sheet"
[ "$(stat -c %a "$home/sheet.pdf")" = 640 ] || fail "mode of the PDF"
text=$(pdftotext -enc UTF-8 -layout "$home/sheet.pdf" -)
echo "$text" | grep -q '上门服务路线单' || fail "no title: $text"
for c in "$c1" "$c2"; do
	echo "$text" | grep -q "$c" || fail "no case $c: $text"
done
echo "$text" | grep -q "$n1" || fail "no resident $n1"
echo "$text" | grep -q "$names" || fail "no staff by name ($names): $text"
echo "$text" | grep -q "zhangli" && fail "staff by login on the sheet: $text"
first=$(sql "SELECT grid FROM home_visits ORDER BY grid, address LIMIT 1")
last=$(sql "SELECT grid FROM home_visits ORDER BY grid DESC, address LIMIT 1")
l1=$(echo "$text" | grep -n "网格：$first" | head -1 | cut -d: -f1)
l2=$(echo "$text" | grep -n "网格：$last" | head -1 | cut -d: -f1)
[ -n "$l1" ] && [ -n "$l2" ] || fail "grid heads: $text"
[ "$first" = "$last" ] || [ "$l1" -lt "$l2" ] || fail "grids out of order"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'visit_sheet'")" = 1 ] ||
	fail "sheet not audited"
ok "route sheet: A4 PDF 0640, title, grids in order, residents and cases, audited"

# ---- results ------------------------------------------------------------------------
vrefuse "Say why" result 1 notmet
vrefuse "done, notmet or cancel" result 1 maybe
out=$(y visit result 1 notmet nobody at home) || fail "result: $out"
[ "$(sql "SELECT state, result FROM home_visits WHERE id = 1")" = "2|nobody at home" ] ||
	fail "result stored"
vrefuse "not planned" result 1 done
y visit result 2 done signed the form >/dev/null || fail "result done"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'visit_result'")" = 2 ] ||
	fail "results not audited"
out=$(y visit list "$day")
echo "$out" | grep -q "not met: nobody at home" || fail "list shows the result: $out"
# In Chinese the label and its value are joined by the translation's colon.
out=$(LANGUAGE=zh_CN LANG=zh_CN.UTF-8 y visit list "$day")
echo "$out" | grep -q "未见到：nobody at home" || fail "zh_CN list: $out"
echo "$out" | grep -q "未见到: " && fail "ASCII colon in Chinese: $out"
# the case goes on: a new visit may be planned for it
# Staff away that day: planned, with a warning naming them.
y staff absent wangfang "$day" "$day" >/dev/null || fail "absence"
wname=$(sql "SELECT name FROM users WHERE login = 'wangfang'")
out=$(y visit plan "$c1" "$day" zhangli wangfang) || fail "plan again after the result: $out"
echo "$out" | grep -q "^Warning: $wname is away that day (absence).$" || fail "no warning: $out"
ok "results: notmet needs words, stored and audited, a second result refused"
echo "1..$n"
