#!/bin/sh
# samples.sh SOURCE_ROOT BUILD_ROOT
#
# The README's sample documents (docs/receipt.txt, docs/receipt-58mm.txt,
# docs/certificate.txt beside docs/certificate.png) are what the real document
# builders make for the demo case (issue 13): docs/make-samples renders them
# afresh into a temporary folder, and each must equal the one in docs/ but for
# what changes from day to day (dates, case numbers, verification codes, the
# QR code's line, spacing of pdftotext's layout). When a document's text
# changes on purpose, run docs/make-samples and commit docs/.
set -eu
src=$1
build=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yzsamples-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "not ok - $*"
	exit 1
}

"$src/docs/make-samples" --build "$build" --out "$tmp/new" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; fail "docs/make-samples failed"; }

# What varies by the day the demo is made, and layout spacing. The demo's
# birth dates follow the day it is made (ages stay the same), so do the ID
# numbers (all but the region).
normalise() {
	sed -E \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}/DATE/g' \
		-e 's/[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日/DATE/g' \
		-e 's/[A-Z0-9]{1,16}-[0-9]{4}-[0-9]{6}/CASE/g' \
		-e 's/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/CODE/g' \
		-e 's/^ *\[QR.*$/[QR]/' \
		-e 's/([0-9]{6})([0-9]{8}|\*{8})[0-9]{3}[0-9X]/\1IDNO/g' \
		-e 's/[[:space:]]+/ /g' -e 's/^ //' -e 's/ $//' "$1" | grep -v '^$' || true
}

for f in receipt.txt receipt-58mm.txt certificate.txt; do
	[ -s "$tmp/new/$f" ] || fail "make-samples wrote no $f"
	[ -f "$src/docs/$f" ] || fail "docs/$f is missing: run docs/make-samples"
	normalise "$src/docs/$f" >"$tmp/old.txt"
	normalise "$tmp/new/$f" >"$tmp/new.txt"
	if ! diff -u "$tmp/old.txt" "$tmp/new.txt"; then
		fail "docs/$f is not what the document builders make now: run docs/make-samples"
	fi
	echo "ok - docs/$f is what the builders make"
done
# the picture: a PNG, made with certificate.txt by the same run
head -c 8 "$src/docs/certificate.png" | od -An -c | grep -q 'P   N   G' ||
	fail "docs/certificate.png is not a PNG: run docs/make-samples"
echo "ok - docs/certificate.png"
