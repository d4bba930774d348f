#!/bin/sh
# Issue 14, who may change accounts and the AB gang on the command line:
# `user add` (which can add an admin) needs an acting admin; `staff set`,
# `staff sensitive` and `staff absent` need the station head or an admin.
# Without an account, and as a clerk, each is refused (exit 2) and the users,
# line_staff and absences tables are unchanged; done by the right account the
# change is made and its audit row names that account, not `admin`.
# `staff list` (logins and dates, no personal data) stays open.
# Usage: cli_guard14.sh PATH/TO/yizhan
set -eu
yz=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/yzguard14.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

home="$work/st"
db="$home/station.db"
"$yz" init --demo --home "$home" >/dev/null || fail "init --demo"
q() { sqlite3 "$db" "$1"; }
tables() {
	q "SELECT login, name, role, phone, pw_hash FROM users ORDER BY login"
	q "SELECT line, a_login, b_login, sensitive FROM line_staff ORDER BY line"
	q "SELECT login, from_date, until_date, actor FROM absences ORDER BY id"
}
before=$(tables)

# The four commands; the new account's password on standard input.
run4() { # how: none | LOGIN
	i=0
	for c in "user add liwei Li-Wei --role admin" "staff set 社会救助 wangfang zhangli" \
		"staff sensitive 社会救助 no" "staff absent zhangli 2026-03-02 2026-03-06"; do
		i=$((i + 1))
		rc=0
		# shellcheck disable=SC2086 # the words of the command
		if [ "$1" = none ]; then
			echo 'Guard-Pass-1' | "$yz" $c --home "$home" >"$work/out" 2>"$work/err" || rc=$?
		else
			echo 'Guard-Pass-1' | "$yz" $c --home "$home" --as "$1" --password-fd 3 \
				>"$work/out" 2>"$work/err" 3<<EOF || rc=$?
demo1234
EOF
		fi
		[ "$rc" -eq 2 ] || fail "$c as $1: exit $rc, not refused (2): $(cat "$work/out" "$work/err")"
		case $1 in
		none) grep -q -- '--as' "$work/err" || fail "$c: the refusal does not name --as: $(cat "$work/err")" ;;
		*) grep -q "$1 is not one" "$work/err" || fail "$c as $1: $(cat "$work/err")" ;;
		esac
	done
	[ "$i" -eq 4 ] || fail "not all four commands ran"
}

run4 none
[ "$(tables)" = "$before" ] || fail "a command without an account changed the tables"
ok "user add, staff set/sensitive/absent refused without an account; nothing changed"

run4 zhangli
[ "$(tables)" = "$before" ] || fail "a clerk's command changed the tables"
ok "the same four refused for a clerk (zhangli); nothing changed"

rc=0
echo 'Guard-Pass-1' | "$yz" user add liwei Li-Wei --role admin --home "$home" --as zhaozhan \
	--password-fd 3 >/dev/null 2>"$work/err" 3<<EOF || rc=$?
demo1234
EOF
[ "$rc" -eq 2 ] || fail "user add by the station head: exit $rc"
[ "$(tables)" = "$before" ] || fail "the head added an account"
ok "user add refused for the station head (admins only)"

# In Chinese the refusal names the head and the admin.
rc=0
LANGUAGE= LANG=zh_CN.UTF-8 "$yz" staff set 社会救助 wangfang zhangli --home "$home" 2>"$work/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q '站长' "$work/err" && grep -q -- '--as' "$work/err" ||
	fail "zh_CN refusal: exit $rc: $(cat "$work/err")"
ok "the refusal in Chinese names the station head and --as"

as() { # LOGIN COMMAND…: acts as LOGIN, password on descriptor 3
	who=$1
	shift
	"$yz" "$@" --home "$home" --as "$who" --password-fd 3 3<<EOF
demo1234
EOF
}
echo 'Guard-Pass-1' | as admin user add liwei Li-Wei --role admin >/dev/null ||
	fail "user add by the admin"
[ "$(q "SELECT role FROM users WHERE login = 'liwei'")" = 2 ] || fail "liwei not added as admin"
[ "$(q "SELECT count(*) FROM audit WHERE actor = 'admin' AND action = 'user_add'
	AND instr(detail, 'liwei') > 0")" = 1 ] || fail "no audit row of admin adding liwei: $(q "SELECT actor, action, detail FROM audit ORDER BY id DESC LIMIT 3")"
ok "user add by the admin: the account added, the audit row names admin"

as zhaozhan staff set 社会救助 wangfang zhangli >/dev/null || fail "staff set by the head"
[ "$(q "SELECT a_login || '|' || b_login FROM line_staff WHERE line = '社会救助'")" = "wangfang|zhangli" ] ||
	fail "staff set by the head did not set the line"
[ "$(q "SELECT actor FROM audit WHERE action = 'line_staff' ORDER BY id DESC LIMIT 1")" = zhaozhan ] ||
	fail "staff set recorded as $(q "SELECT actor FROM audit WHERE action = 'line_staff' ORDER BY id DESC LIMIT 1")"
ok "staff set by the station head: done, recorded as zhaozhan"

as admin staff sensitive 社会救助 yes >/dev/null || fail "staff sensitive by the admin"
[ "$(q "SELECT sensitive FROM line_staff WHERE line = '社会救助'")" = 1 ] || fail "not sensitive"
last=$(q "SELECT actor || ' ' || action FROM audit ORDER BY id DESC LIMIT 1")
case $last in "admin "*) ;; *) fail "staff sensitive recorded as: $last" ;; esac
as zhaozhan staff sensitive 社会救助 no >/dev/null || fail "staff sensitive by the head"
last=$(q "SELECT actor FROM audit ORDER BY id DESC LIMIT 1")
[ "$last" = zhaozhan ] || fail "staff sensitive by the head recorded as: $last"
ok "staff sensitive by the admin and by the head, each recorded as itself"

as zhaozhan staff absent zhangli 2026-03-02 2026-03-06 >/dev/null || fail "staff absent by the head"
[ "$(q "SELECT actor FROM absences WHERE login = 'zhangli' AND from_date = '2026-03-02'")" = zhaozhan ] ||
	fail "absence not kept as zhaozhan's"
[ "$(q "SELECT actor FROM audit WHERE action = 'absence' ORDER BY id DESC LIMIT 1")" = zhaozhan ] ||
	fail "staff absent recorded as someone else"
ok "staff absent by the head: kept, recorded as zhaozhan"

# The OS account mapped to a clerk is a clerk; mapped to the head, the head.
printf 'os_accounts = %s:wangfang\n' "$(id -un)" >>"$home/yizhan.conf"
snap=$(tables)
rc=0
"$yz" staff sensitive 社会救助 yes --home "$home" 2>"$work/err" || rc=$?
[ "$rc" -eq 2 ] && [ "$(tables)" = "$snap" ] || fail "mapped clerk: exit $rc: $(cat "$work/err")"
sed -i '/^os_accounts/d' "$home/yizhan.conf"
printf 'os_accounts = %s:zhaozhan\n' "$(id -un)" >>"$home/yizhan.conf"
"$yz" staff sensitive 社会救助 yes --home "$home" >/dev/null || fail "mapped head refused"
[ "$(q "SELECT actor FROM audit ORDER BY id DESC LIMIT 1")" = zhaozhan ] || fail "mapped head not recorded"
ok "os_accounts: mapped to a clerk refused, mapped to the head recorded as the head"

"$yz" staff list --home "$home" </dev/null | grep -q '社会救助.*A wangfang.*B zhangli' ||
	fail "staff list"
ok "staff list stays open (logins and dates only)"

"$yz" audit verify --home "$home" >/dev/null || fail "audit chain"
ok "the audit chain holds"
