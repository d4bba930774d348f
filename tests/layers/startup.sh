#!/bin/sh
# Issue 20: what the program loads before its first screen. The counter's
# start maps only what every screen needs (SQLite, curses, crypt, nettle,
# libc); the libraries of printing (cairo, pango, CUPS), pinyin (librime), the
# district hub (libpq and the TLS, Kerberos and LDAP libraries behind it) and
# spreadsheets (libxlsxwriter, libcrypto, minizip) come in modules or by
# dlopen() when first used. Each of those at start cost the login screen
# milliseconds: this fails when one is linked into the program again. Built
# with static_core (the default, meson_options.txt), SQLite, curses, crypt and
# nettle are in the program itself: none of them may be a shared library then.
# Usage: startup.sh READELF PATH/TO/yizhan STATIC_CORE(true|false)
set -eu
readelf=$1
yz=$2
static_core=$3
needed=$("$readelf" -d "$yz" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || { echo "FAIL: no NEEDED entries read from $yz" >&2; exit 1; }
echo "the program needs: $(echo $needed)"
bad=0
for lib in $needed; do
	case $lib in
	libsqlite3.so.* | libncursesw.so.* | libtinfo.so.* | libcrypt.so.* | libnettle.so.*)
		if [ "$static_core" = true ]; then
			echo "FAIL: $yz links $lib as a shared library; static_core links it in" >&2
			bad=1
		fi
		;;
	libc.so.* | libm.so.* | ld-linux* | libasan.so.* | libubsan.so.*) ;; # the sanitizers of an ASan build
	*)
		echo "FAIL: $yz links $lib at start; load it where it is first used (a module or dlopen)" >&2
		bad=1
		;;
	esac
done
[ "$bad" -eq 0 ] || exit 1
# and nothing behind them drags one in (ldd follows the whole tree)
if ldd "$yz" | grep -E 'libpq|libxlsxwriter|libcrypto|libssl|libcups|libpango|libcairo|librime'; then
	echo "FAIL: a library of printing, pinyin, the hub or spreadsheets is loaded at start" >&2
	exit 1
fi
echo "ok - the program's start loads $(ldd "$yz" | wc -l) objects, none of the heavy ones"
