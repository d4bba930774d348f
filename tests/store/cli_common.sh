# Sourced by the store's command-line tests: TAP-like counting, fail, and
# ID numbers with a valid check digit.
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

# An ID number (GB 11643 check digit) from its first 17 digits.
idno() {
	echo "$1" | awk '{ split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); s = 0
		for (i = 1; i <= 17; i++) s += substr($1, i, 1) * w[i]
		print $1 substr("10X98765432", s % 11 + 1, 1) }'
}

# Issue 14: the commands that show or import personal data run as a named
# account. map_admin DIR: this test's OS account stands for the station's
# admin (os_accounts in DIR/yizhan.conf). new_station DIR: `init` a real
# station, the admin's one-time password changed first, then map_admin.
map_admin() { printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$1/yizhan.conf"; }
new_station() {
	pw=$(LANGUAGE=en "$yz" init --home "$1" | sed -n 's/.* with password \([a-z0-9]*\) .*/\1/p')
	[ -n "$pw" ] || fail "init $1 showed no one-time password"
	printf 'Station-Admin-1\n' | "$yz" user passwd admin --home "$1" --as admin --password-fd 3 \
		3<<PW >/dev/null || fail "the new station's admin password"
$pw
PW
	map_admin "$1"
}
