#!/bin/sh
# A real (non-demo) station's accounts from the command line: init makes an
# admin with a one-time password; user add / user passwd take passwords on
# standard input, never on the command line, and store only yescrypt hashes.
# Usage: cli_users.sh PATH/TO/yizhan
set -eu
yz=$1
home=$(mktemp -d "${TMPDIR:-/tmp}/yzusers.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }
hash_of() { sqlite3 "$home/station.db" "SELECT pw_hash FROM users WHERE login = '$1'"; }

out=$("$yz" init --home "$home") || fail "init"
echo "$out" | grep -Eq 'admin with password [a-z0-9]{12} ' || fail "no one-time password: $out"
case "$(hash_of admin)" in '$y$'*) ;; *) fail "admin hash is not yescrypt" ;; esac
ok "init: an admin account with a one-time password, hashed with yescrypt"

# Issue 14: user add and user passwd need the admin's password (--as admin,
# here on descriptor 3); the one-time one of init is changed first.
pw=$(echo "$out" | sed -n 's/.* with password \([a-z0-9]*\) .*/\1/p')
printf 'Station-Admin-1\n' | "$yz" user passwd admin --home "$home" --as admin --password-fd 3 \
	3<<EOF >/dev/null || fail "the admin's own password"
$pw
EOF
as_admin() {
	"$yz" "$@" --home "$home" --as admin --password-fd 3 3<<EOF
Station-Admin-1
EOF
}

echo 'secret-1' | as_admin user add liwei 李伟 --role head --phone 13800000001 \
  | grep -q "liwei" || fail "user add"
[ "$(sqlite3 "$home/station.db" "SELECT name, role, phone FROM users WHERE login='liwei'")" = \
  "李伟|1|13800000001" ] || fail "stored user"
h1=$(hash_of liwei)
case "$h1" in '$y$'*) ;; *) fail "not yescrypt" ;; esac
sqlite3 "$home/station.db" "SELECT pw_hash FROM users" | grep -q 'secret-1' && fail "plain password stored"
ok "user add: name, role and phone stored; the password only as a hash"

if echo 'secret-3' | as_admin user add liwei 别人 2>/dev/null; then fail "duplicate login"; fi
if echo 'secret-3' | as_admin user add wang 王 --role boss 2>/dev/null; then fail "bad role"; fi
if as_admin user add wang 王 </dev/null 2>/dev/null; then fail "empty password"; fi
[ "$(sqlite3 "$home/station.db" "SELECT count(*) FROM users WHERE login = 'wang'")" = 0 ] ||
  fail "wang added"
ok "duplicate logins, unknown roles and empty passwords are refused"

echo 'secret-2' | as_admin user passwd liwei >/dev/null || fail "passwd"
[ "$(hash_of liwei)" != "$h1" ] || fail "hash unchanged"
if echo 'x' | as_admin user passwd ghost 2>/dev/null; then fail "unknown user"; fi
ok "user passwd changes the hash; an unknown login is refused"

list=$("$yz" user list --home "$home") || fail "user list"
echo "$list" | head -1 | grep -Eq '^liwei +李伟 +station head +13800000001$' || fail "list: $list"
echo "$list" | sed -n 2p | grep -Eq '^admin ' || fail "admin listed last: $list"
echo "$list" | grep -q 'pw_hash\|\$y\$' && fail "a hash in the list"
ok "user list: login, name, role and phone, heads before admins, no hashes"

"$yz" audit verify --home "$home" | grep -qi "intact" || fail "audit chain"
ok "the audit chain holds"
