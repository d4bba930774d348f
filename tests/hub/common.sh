# Sourced by the hub's shell tests (issue 17), which run under
# tests/lib/with-postgres: the counting and fail of the store's command-line
# tests, English messages, and the hub as its admin sees it.
#   hq SQL          a query as the hub's admin (psql reads PGPASSWORD)
#   field TEXT KEY  the value of KEY in `yizhan sync --status`-like tsv lines
#   demo_station DIR  `yizhan init --demo` in DIR, this OS account its admin
#                   (os_accounts); sets code to its station code
# The caller sets yz (the program) first.
: "${YZ_PG_URL:?run under tests/lib/with-postgres}"
. "$(dirname "$0")/../store/cli_common.sh"
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL YIZHAN_HUB_URL || true

hq() { psql "$YZ_PG_URL" -X -A -t -q -c "$1"; }
field() { echo "$1" | awk -F '\t' -v k="$2" '$1 == k { print $2 }'; }
demo_station() {
	"$yz" init --demo --home "$1" >/dev/null || fail "init --demo"
	map_admin "$1"
	code=$(sed -n 's/^station_code = //p' "$1/yizhan.conf")
	[ -n "$code" ] || fail "no station_code in $1/yizhan.conf"
}
