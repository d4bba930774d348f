#!/bin/sh
# The layers of ARCHITECTURE.md, checked on what was built: the tui calls the
# service, never the store (nor the hub module, issue 17). Fails when an undefined symbol of the tui's static
# library is defined by the store's (a screen calling the store directly), or
# when a file under src/tui includes yizhan/store.h, itself or through the
# headers it includes (tui.h, service.h: they bring the store's record types
# from yizhan/store/<concept>.h, never the whole store API).
#
# usage: check.sh NM TUI_LIB STORE_LIB SOURCE_ROOT CC
set -u
nm=$1 tui=$2 store=$3 root=$4 cc=$5
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# What the tui needs from elsewhere, and what the store offers.
"$nm" -u "$tui" | awk '$1 == "U" { print $2 }' | sort -u >"$tmp/needed" || exit 1
"$nm" --defined-only -g "$store" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/store" || exit 1
# The check means something only when both lists are real.
grep -qx 'yz_service_case_find' "$tmp/needed" ||
	{ echo "layers: $tui needs no yz_service_case_find: not the tui library?"; exit 1; }
grep -qx 'yz_store_open' "$tmp/store" ||
	{ echo "layers: $store defines no yz_store_open: not the store library?"; exit 1; }

comm -12 "$tmp/needed" "$tmp/store" >"$tmp/both"
if [ -s "$tmp/both" ]; then
	echo "layers: the tui calls the store directly (screens call the service):"
	while read -r sym; do
		# which objects of the tui library use it
		users=$("$nm" -A -u "$tui" |
			awk -v s="$sym" '$NF == s { split($1, p, ":"); sub(/.*\//, "", p[2]); print p[2] }' | sort -u | tr '\n' ' ')
		echo "  $sym  (used by: ${users:-?})"
	done <"$tmp/both"
	fail=1
fi

# Issue 17: nor the hub module (the department's screen works through
# service/district.h): no yz_hub_ symbol needed by the tui, no file under
# src/tui including yizhan/hub.h itself (its record types may come through
# the service's header, as the store's do).
if hub=$(grep '^yz_hub_' "$tmp/needed"); then
	echo "layers: the tui calls the hub module directly (screens call the service):"
	echo "$hub" | sed 's/^/  /'
	fail=1
fi
if files=$(grep -rl '#include "yizhan/hub.h"' "$root/src/tui"); then
	echo "layers: files under src/tui include yizhan/hub.h:"
	echo "$files" | sed 's/^/  /'
	fail=1
fi

if files=$(grep -rl 'yizhan/store.h' "$root/src/tui"); then
	echo "layers: files under src/tui include yizhan/store.h:"
	echo "$files" | sed 's/^/  /'
	fail=1
fi

# What each tui source pulls in through its headers (-MG: a generated header
# such as config.h need not exist here).
for src in "$root"/src/tui/*.c "$root"/src/tui/screens/*.c; do
	"$cc" -std=c11 -D_GNU_SOURCE -I"$root/include" -I"$root" -MM -MG "$src" >"$tmp/deps" 2>"$tmp/err" ||
		{ echo "layers: $cc -MM $src failed:"; cat "$tmp/err"; fail=1; continue; }
	if tr ' \\' '\n\n' <"$tmp/deps" | grep -q 'include/yizhan/store\.h$'; then
		echo "layers: ${src#"$root"/} pulls in yizhan/store.h through its headers"
		fail=1
	fi
done

[ "$fail" = 0 ] && echo "layers: the tui uses the service only ($(wc -l <"$tmp/needed") symbols needed, none from the store)"
exit "$fail"
