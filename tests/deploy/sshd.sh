#!/bin/sh
# deploy-sshd: data/deploy/sshd-yizhan.conf, included into an sshd
# configuration, passes `sshd -t` (every keyword known and allowed in a Match
# block), and a typo'd copy does not. ./run installs openssh-server (without
# starting it); a machine without sshd fails here rather than skip.
#
#   sshd.sh DEPLOY_DIR
set -u
snippet=$1/sshd-yizhan.conf
fail() {
	echo "deploy-sshd: $*" >&2
	exit 1
}
sshd=$(command -v sshd || echo /usr/sbin/sshd)
if [ ! -x "$sshd" ]; then
	fail "sshd is not installed (Debian package openssh-server; ./run installs it)"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deploy-sshd.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey" || fail "ssh-keygen"

# sshd -t on a configuration that includes file. Run as root where no sshd was
# ever started, it ends by missing its privilege separation folder, which it
# checks only after the whole configuration parsed: that counts as good.
check() {
	printf 'HostKey %s\nPidFile none\nInclude %s\n' "$tmp/hostkey" "$1" >"$tmp/main.conf"
	out=$("$sshd" -t -f "$tmp/main.conf" 2>&1) && return 0
	out=$(printf '%s' "$out" | tr -d '\r') # sshd's fatal() ends lines with CR LF
	[ "$out" = "Missing privilege separation directory: /run/sshd" ]
}

check "$snippet" || fail "sshd -t: $out"
grep -q '^Match Group yizhan-kiosk$' "$snippet" || fail "no Match Group yizhan-kiosk block"
grep -q '^[[:space:]]*ForceCommand /usr/bin/yizhan --kiosk$' "$snippet" || fail "no ForceCommand"
sed 's/^\([[:space:]]*\)PermitTTY/\1PermitTTTY/' "$snippet" >"$tmp/bad.conf"
cmp -s "$snippet" "$tmp/bad.conf" && fail "could not put a typo into the snippet"
if check "$tmp/bad.conf"; then
	fail "sshd -t passed a typo: $out"
fi
echo "deploy-sshd: $snippet passes sshd -t; a typo does not"
