#!/bin/sh
# No path of the source or build tree is compiled into what gets installed:
# the program and its render module, stripped of debug information (which
# names the sources; Debian moves it to a -dbgsym package), hold neither root,
# and do hold the install paths they use instead.
#
# Usage: no-paths.sh SOURCE-ROOT BUILD-ROOT INSTALLED-DATADIR FILE…
set -eu
src=$1
build=$2
datadir=$3
shift 3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yznopaths.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

for f in "$@"; do
	name=$(basename "$f")
	strip -o "$tmp/$name" "$f" || fail "strip $f"
	for root in "$src" "$build"; do
		hits=$(grep -c -a -F -- "$root" "$tmp/$name" || true)
		[ "$hits" -eq 0 ] ||
			fail "$name holds $root $hits times: $(strings -a "$tmp/$name" | grep -F -- "$root" | head -5)"
	done
	ok "$name (stripped) holds neither $src nor $build"
done

# The program itself looks for its data where it is installed.
yz=$(basename "$1")
grep -q -a -F -- "$datadir" "$tmp/$yz" || fail "$yz does not name $datadir"
ok "$yz names its installed data folder $datadir"
echo "$n checks passed"
