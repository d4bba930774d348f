#!/bin/sh
# The demo generator uses the store's public API only (issue 11): its library
# needs no symbol of the store's internals (st_*) and no SQLite call, and no file
# under src/demo includes a header of src/store or sqlite3.h.
#
# usage: demo.sh NM DEMO_LIB SOURCE_ROOT
set -u
nm=$1 demo=$2 root=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

"$nm" -u "$demo" | awk '$1 == "U" { print $2 }' | sort -u >"$tmp/needed" || exit 1
# The check means something only when the list is real.
grep -qx 'yz_case_create' "$tmp/needed" ||
	{ echo "layers-demo: $demo needs no yz_case_create: not the demo library?"; exit 1; }

if grep -E '^(st_|sqlite3_)' "$tmp/needed" >"$tmp/bad"; then
	echo "layers-demo: the demo calls the store's internals or SQLite:"
	sed 's/^/  /' "$tmp/bad"
	fail=1
fi
if files=$(grep -lE '#include *"(\.\./store/|store_int\.h|life_int\.h)|#include *<sqlite3\.h>' \
	"$root"/src/demo/*.c "$root"/src/demo/*.h); then
	echo "layers-demo: files under src/demo include the store's internal headers or sqlite3.h:"
	echo "$files" | sed 's/^/  /'
	fail=1
fi

[ "$fail" = 0 ] && echo "layers-demo: the demo uses the store's public API only ($(wc -l <"$tmp/needed") symbols needed)"
exit "$fail"
