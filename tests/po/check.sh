#!/bin/sh
# Every user-visible string reaches the clerk in Chinese: each source file that
# marks strings for translation is listed in po/POTFILES, and every string
# marked there has a translation in po/zh_CN.po (none missing, none fuzzy).
# Fails naming the file or the English text.
#
# usage: check.sh SOURCE_ROOT
set -u
root=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$root" || exit 1

for f in $(find src -name '*.c' | sort); do
	if grep -q '\b_("\|\bN_("\|\bP_("' "$f" && ! grep -qx "$f" po/POTFILES; then
		echo "po: $f marks strings for translation but is not in po/POTFILES"
		fail=1
	fi
done

xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_ -f po/POTFILES -o "$tmp/yizhan.pot" ||
	exit 1
msgmerge -q --no-fuzzy-matching po/zh_CN.po "$tmp/yizhan.pot" -o "$tmp/merged.po" || exit 1
msgattrib --untranslated --no-obsolete "$tmp/merged.po" -o "$tmp/missing.po" || exit 1
if [ -s "$tmp/missing.po" ] && grep -q '^msgid "..*"' "$tmp/missing.po"; then
	echo "po: strings without a Chinese translation in po/zh_CN.po:"
	grep -A1 '^#:' "$tmp/missing.po" | grep -v '^--' | sed 's/^/  /'
	fail=1
fi
msgattrib --only-fuzzy --no-obsolete po/zh_CN.po -o "$tmp/fuzzy.po" || exit 1
if [ -s "$tmp/fuzzy.po" ] && grep -q '^msgid "..*"' "$tmp/fuzzy.po"; then
	echo "po: fuzzy (unchecked) translations in po/zh_CN.po:"
	grep '^msgid' "$tmp/fuzzy.po" | sed 's/^/  /'
	fail=1
fi
exit $fail
