#!/bin/sh
# Issue 18: `yizhan forms check [DIR]` also reads DIR/surveys/*.survey: the
# shipped forms/ folder passes and its line counts the four surveys; a broken
# survey makes it fail (exit 1) with file:line:col and the survey's messages;
# a folder without surveys/ has none and passes.
# Usage: forms_check18.sh PATH/TO/yizhan SOURCE_ROOT
set -eu
yz=$1
src=$2
home=$(mktemp -d "${TMPDIR:-/tmp}/yzsurvey18.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

"$yz" init --home "$home/st" >/dev/null 2>&1 || fail "init"

"$yz" forms check "$src/forms" --home "$home/st" >"$home/out" 2>&1 || fail "forms check: $(cat "$home/out")"
grep -q "ledgers and 4 surveys checked in $src/forms: no problems" "$home/out" ||
	fail "forms check does not count the 4 surveys: $(cat "$home/out")"
ok "forms check passes forms/ and counts its 4 surveys"

mkdir -p "$home/f/surveys"
cp "$src"/forms/*.form "$home/f/"
cp "$src/forms/surveys/needs.survey" "$home/f/surveys/"
sed 's/^    max 5$/    max 19/' "$src/forms/surveys/needs.survey" >"$home/f/surveys/bad.survey"
if "$yz" forms check "$home/f" --home "$home/st" >"$home/out" 2>&1; then
	fail "a broken survey passed: $(cat "$home/out")"
fi
grep -q "^$home/f/surveys/bad.survey:3:8: the survey's id 'needs' differs from its file name 'bad': make them the same$" "$home/out" ||
	fail "no file name message: $(cat "$home/out")"
grep -q "^$home/f/surveys/bad.survey:[0-9]*:9: 'max' of a multi question is the most options a paper may tick: write a number from 1 to 18$" "$home/out" ||
	fail "no max message: $(cat "$home/out")"
grep -q "problems found in $home/f" "$home/out" || fail "no summary: $(cat "$home/out")"
ok "a broken survey fails forms check with file:line:col messages"

# Mend 18.1: a choice (scale) compared with a text that is none of its
# options is refused at load, like has(); in Chinese too.
rm "$home/f/surveys/bad.survey"
sed 's/^    visible_if satisfy = "不满意" or satisfy = "非常不满意"$/    visible_if satisfy = "很不满意"/' \
	"$src/forms/surveys/needs.survey" >"$home/f/surveys/needs.survey"
grep -q '很不满意' "$home/f/surveys/needs.survey" || fail "the sed found no visible_if to break"
if "$yz" forms check "$home/f" --home "$home/st" >"$home/out" 2>&1; then
	fail "a condition with no option passed: $(cat "$home/out")"
fi
grep -q "^$home/f/surveys/needs.survey:[0-9]*:[0-9]*: '很不满意' is not an option of field 'satisfy': write one of 非常满意, 满意, 一般, 不满意, 非常不满意$" "$home/out" ||
	fail "no option message: $(cat "$home/out")"
if LANGUAGE=zh_CN "$yz" forms check "$home/f" --home "$home/st" >"$home/out" 2>&1; then
	fail "a condition with no option passed (zh_CN)"
fi
grep -q "“很不满意”不是字段“satisfy”的选项" "$home/out" ||
	fail "no option message in Chinese: $(cat "$home/out")"
ok "a choice compared with a text that is not its option fails forms check"

rm -r "$home/f/surveys"
"$yz" forms check "$home/f" --home "$home/st" >"$home/out" 2>&1 || fail "forms check: $(cat "$home/out")"
grep -q "and 0 surveys checked" "$home/out" || fail "$(cat "$home/out")"
ok "a folder without surveys/ passes with 0 surveys"
echo "1..$n"
