#!/bin/sh
# cmocka for the unit tests of the Windows build (make check-win), from
# Debian's source package of the same upstream release as the installed
# libcmocka-dev (debsource.sh): its one source file compiled with mingw-w64
# into a static library, with what its configuration would find given as
# definitions, and with mingw-w64's own printf (%zu), which its header's
# format checking is told of.
#   sh src/cross/cmocka.sh DIR
# leaves DIR/include/cmocka.h and DIR/lib/libcmocka.a.
set -eu

[ $# -eq 1 ] || { echo "usage: sh src/cross/cmocka.sh DIR" >&2; exit 2; }
mkdir -p "$1"
dir=$(cd "$1" && pwd)
if [ -f "$dir/lib/libcmocka.a" ] && [ -f "$dir/include/cmocka.h" ]; then
	exit 0
fi

tree=$(sh "$(dirname "$0")/debsource.sh" libcmocka-dev cmocka "$dir")
echo "cmocka.sh: building cmocka $(cat "$dir/VERSION") for 64-bit Windows" >&2
mkdir -p "$dir/lib" "$dir/include"
x86_64-w64-mingw32-gcc -std=gnu99 -O2 -D__USE_MINGW_ANSI_STDIO=1 \
	-DHAVE_MALLOC_H -DHAVE_INTTYPES_H \
	-DHAVE_SIGNAL_H -DHAVE_STRINGS_H -DHAVE_STRUCT_TIMESPEC \
	-DHAVE_GCC_THREAD_LOCAL_STORAGE -DHAVE_CLOCK_GETTIME \
	-DHAVE_CLOCK_REALTIME -DHAVE_SNPRINTF -DHAVE_VSNPRINTF \
	-I"$tree/include" -c -o "$dir/cmocka.o" "$tree/src/cmocka.c"
x86_64-w64-mingw32-ar rcs "$dir/lib/libcmocka.a" "$dir/cmocka.o"
sed 's/__format__ (__printf__,/__format__ (__gnu_printf__,/' \
	"$tree/include/cmocka.h" >"$dir/include/cmocka.h"
