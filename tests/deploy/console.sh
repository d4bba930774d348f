#!/bin/sh
# deploy-console: data/deploy/yizhan-console, the console unit's program, with
# a stand-in fbterm (the real one needs a framebuffer) that runs its command
# as fbterm does and exits 0 whatever happened, and a stand-in yizhan that
# records what it got. The script exits 0 only when yizhan --kiosk exited 0
# (the admin's end), 1 otherwise (failed, killed, never started), so the
# unit's Restart=on-failure is right; it gives fbterm the CJK font, which
# exists on this machine (fonts-wqy-zenhei); yizhan runs with --kiosk and the
# keyboard's signals ignored; it leaves nothing behind.
#
#   console.sh DEPLOY_DIR
set -u
script=$1/yizhan-console
fail() {
	echo "deploy-console: $*" >&2
	exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deploy-console.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/fbterm" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$T/fbterm.args"
[ "${FBTERM_BROKEN:-}" ] && { echo "can't open frame buffer device!" >&2; exit 0; }
while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
shift
"$@"
exit 0
EOF
cat >"$tmp/yizhan" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$T/yizhan.args"
sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status >"$T/yizhan.sigign"
echo "$YIZHAN_COUNTER" >"$T/yizhan.counter"
[ "$STUB_EXIT" = kill ] && kill -9 $$
exit "$STUB_EXIT"
EOF
chmod +x "$tmp/fbterm" "$tmp/yizhan"
mkdir "$tmp/run"

# Runs the script with the keyboard's signals at their defaults (whatever the
# test runner left ignored), so that what the stand-in sees is the script's.
console() {
	env --default-signal=INT,QUIT,TSTP T="$tmp" STUB_EXIT="$1" YIZHAN_COUNTER=3 \
		YIZHAN_BIN="$tmp/yizhan" YIZHAN_FBTERM="$tmp/fbterm" RUNTIME_DIRECTORY="$tmp/run" \
		sh "$script" 2>"$tmp/stderr"
}

console 0 || fail "yizhan --kiosk exited 0 (an admin's end), the script did not"
grep -qx -- --kiosk "$tmp/yizhan.args" || fail "yizhan did not get --kiosk: $(cat "$tmp/yizhan.args")"
grep -qx 3 "$tmp/yizhan.counter" || fail "YIZHAN_COUNTER did not reach yizhan"
grep -qx -- '--font-names=WenQuanYi Zen Hei Mono' "$tmp/fbterm.args" || fail "fbterm's font: $(cat "$tmp/fbterm.args")"
grep -qx -- '--font-size=16' "$tmp/fbterm.args" || fail "fbterm's font size: $(cat "$tmp/fbterm.args")"
mask=$(cat "$tmp/yizhan.sigign")
for sig in 2 3 20; do # SIGINT, SIGQUIT, SIGTSTP: bit sig-1 of SigIgn
	[ $((0x$mask >> (sig - 1) & 1)) = 1 ] || fail "signal $sig reaches yizhan unignored (SigIgn $mask)"
done
[ -z "$(ls -A "$tmp/run")" ] || fail "left behind in the runtime folder: $(ls -A "$tmp/run")"

for status in 1 2 129 143 kill; do
	console "$status"
	rc=$?
	[ "$rc" = 1 ] || fail "yizhan --kiosk ended with $status; the script exited $rc, not 1"
done
grep -q "status 137" "$tmp/stderr" || fail "a killed counter is not told: $(cat "$tmp/stderr")"

FBTERM_BROKEN=1 console 0
rc=$?
[ "$rc" = 1 ] || fail "fbterm could not start; the script exited $rc, not 1"
grep -q "did not run" "$tmp/stderr" || fail "fbterm's failure is not told: $(cat "$tmp/stderr")"

YIZHAN_FONT_SIZE=24 console 0 || fail "with YIZHAN_FONT_SIZE"
grep -qx -- '--font-size=24' "$tmp/fbterm.args" || fail "YIZHAN_FONT_SIZE is not passed on"

# The font the script names is a family fontconfig knows here.
family=$(sed -n 's/^font=\${YIZHAN_FONT:-\(.*\)}$/\1/p' "$script")
[ -n "$family" ] || fail "no default font in $script"
fc-list "$family" family | grep -q . || fail "fontconfig has no family \"$family\" (fonts-wqy-zenhei)"
echo "deploy-console: exit statuses, fbterm's font, --kiosk and ignored signals checked"
