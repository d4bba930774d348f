#!/bin/sh
# deploy-units: the systemd units of data/deploy/ pass Debian 12's
# `systemd-analyze verify` (systemd 252) as shipped: the console's template as
# instance yizhan-counter@tty1 with the example drop-in, the backup service and
# its timer. verify fails on an unknown section or key, a value it cannot parse
# and a program of ExecStart= that does not exist; a typo'd copy of every unit
# is tried first, so that a systemd-analyze that stopped failing on typos would
# fail this test instead of passing it.
#
#   units.sh DEPLOY_DIR INSTALLED_REL
#
# DEPLOY_DIR is data/deploy of the source tree. INSTALLED_REL is where meson
# installs it below the prefix (share/yizhan/data/deploy): the units run the
# scripts from /usr/INSTALLED_REL, the Debian package's place, and every
# script they name must be there. The backup service runs the program,
# /usr/bin/yizhan backup (a stand-in takes its place for verify).
set -u
deploy=$1
installed=/usr/$2
fail() {
	echo "deploy-units: $*" >&2
	exit 1
}
command -v systemd-analyze >/dev/null ||
	fail "systemd-analyze is missing (Debian package systemd)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deploy-units.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

verify() {
	systemd-analyze verify --man=no --generators=no --recursive-errors=no "$@" 2>&1
}

# The units as shipped, the example drop-in where `systemctl edit` puts it.
mkdir "$tmp/ok" "$tmp/ok/yizhan-counter@tty1.service.d"
cp "$deploy"/*.service "$deploy"/*.timer "$tmp/ok/"
# The backup service runs the program itself, /usr/bin/yizhan, where the
# package installs it; verify wants it executable, so a stand-in takes its
# place here (this machine need not have the package installed).
mkdir "$tmp/bin"
printf '#!/bin/sh\nexit 0\n' >"$tmp/bin/yizhan"
chmod 755 "$tmp/bin/yizhan"
grep -q '^ExecStart=/usr/bin/yizhan backup$' "$tmp/ok/yizhan-backup.service" ||
	fail "yizhan-backup.service does not run /usr/bin/yizhan backup"
sed -i "s|^ExecStart=/usr/bin/yizhan |ExecStart=$tmp/bin/yizhan |" "$tmp/ok"/*.service
cp "$deploy/yizhan-counter.override.conf" "$tmp/ok/yizhan-counter@tty1.service.d/override.conf"
units="yizhan-counter@tty1.service yizhan-backup.service yizhan-backup.timer"
n=0
for f in "$deploy"/*.service "$deploy"/*.timer; do
	n=$((n + 1))
done
[ "$n" = 3 ] || fail "data/deploy has $n units; this test knows 3 (add the new one above)"

# A typo in each unit and in the drop-in must fail verify.
for u in yizhan-counter@.service yizhan-backup.service yizhan-backup.timer override.conf; do
	rm -rf "$tmp/bad"
	cp -r "$tmp/ok" "$tmp/bad"
	f=$tmp/bad/$u
	[ "$u" = override.conf ] && f=$tmp/bad/yizhan-counter@tty1.service.d/override.conf
	# After the first section header: a key systemd does not know.
	sed -i '0,/^\[/{/^\[/a\
Restrat=on-failure
}' "$f"
	grep -q '^Restrat=' "$f" || fail "could not put a typo into $u"
	set --
	for x in $units; do set -- "$@" "$tmp/bad/$x"; done
	if out=$(verify "$@"); then
		fail "systemd-analyze verify passed a typo in $u: $out"
	fi
	echo "$out" | grep -q "Restrat" || fail "verify failed on $u, but not for the typo: $out"
done

# The units as shipped: no complaint.
set --
for x in $units; do set -- "$@" "$tmp/ok/$x"; done
if ! out=$(verify "$@"); then
	fail "systemd-analyze verify: $out"
fi
[ -z "$out" ] || echo "$out"

# The scripts the units run are where the package puts data/deploy, and exist.
refs=$(grep -ho '/usr/share/yizhan[^ ]*' "$deploy"/*.service "$deploy"/*.timer | sort -u)
[ -n "$refs" ] || fail "the units name no script"
for r in $refs; do
	case $r in
	"$installed"/*) ;;
	*) fail "a unit runs $r, but the package installs data/deploy in $installed" ;;
	esac
	[ -f "$deploy/${r#"$installed"/}" ] || fail "a unit runs $r, which data/deploy does not have"
	sh -n "$deploy/${r#"$installed"/}" || fail "$r: not a valid sh script"
done
echo "deploy-units: $units verified; scripts:" $refs
