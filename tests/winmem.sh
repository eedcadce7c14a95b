#!/bin/sh
# ostdiag.exe reads in constant memory under wine too: its peak working set
# (tests/bench/winpeak.c) on a generated log of SIZE piped in stays within
# 8 MiB of that on a small sample.
#   sh tests/winmem.sh WINE_OSTDIAG_EXE WINPEAK_EXE GENLOG SIZE
# (run by make check-win with WINEPREFIX and WINEDEBUG set)
set -u
name=winmem
. "$(dirname "$0")/lib.sh"
exe=$1 winpeak=$2 genlog=$3 size=$4
WINE=${WINE:-wine}

# peak ARG...: the peak working set of the program on ARG..., in KiB.
peak() {
	"$WINE" "$winpeak" "$exe" --format json "$@" 2>&1 >/dev/null |
		sed -n 's/^peak working set: \([0-9]*\) KiB$/\1/p'
}
small=$(peak "$top/samples/orgforms.log")
large=$("$genlog" "$size" | peak)
if [ -n "$small" ] && [ -n "$large" ] && [ "$small" -gt 0 ] &&
	[ "$large" -le $((small + 8192)) ]
then
	ok
else
	no "peak working set ${large:-unknown} KiB on $size," \
		"${small:-unknown} KiB on a sample"
fi
echo "winmem: peak working set ${small:-?} KiB on a sample," \
	"${large:-?} KiB on $size piped in"
finish
