#!/bin/sh
# PCRE2 for a build of ostdiag for another system, from Debian's source
# package of the same upstream release as the installed libpcre2-dev
# (debsource.sh), built into a static library for TARGET, without JIT
# (ostdiag's patterns are matched by the interpreter):
#   web  WebAssembly, with emscripten (emconfigure, emmake)
#   win  64-bit Windows, with mingw-w64 (x86_64-w64-mingw32-gcc); what uses
#        it is compiled with -DPCRE2_STATIC
#   sh src/cross/pcre2.sh TARGET DIR
# leaves DIR/include/pcre2.h and DIR/lib/libpcre2-8.a.
set -eu

usage() {
	echo "usage: sh src/cross/pcre2.sh web|win DIR" >&2
	exit 2
}
[ $# -eq 2 ] || usage
target=$1
case $target in
web) what=WebAssembly
	configure="emconfigure ./configure --host=wasm32-unknown-emscripten"
	make="emmake make" ;;
win) what="64-bit Windows"
	configure="./configure --host=x86_64-w64-mingw32
		CC=x86_64-w64-mingw32-gcc"
	make=make ;;
*) usage ;;
esac
mkdir -p "$2"
dir=$(cd "$2" && pwd)
if [ -f "$dir/lib/libpcre2-8.a" ] && [ -f "$dir/include/pcre2.h" ]; then
	exit 0
fi

tree=$(sh "$(dirname "$0")/debsource.sh" libpcre2-dev pcre2 "$dir")
echo "pcre2.sh: building pcre2 $(cat "$dir/VERSION") for $what" >&2
cd "$tree"
$configure --prefix="$dir" --disable-shared --enable-static \
	--disable-jit --disable-pcre2grep-libz --disable-pcre2grep-libbz2 \
	--disable-pcre2test-libreadline >"$dir/configure.log" 2>&1 || {
	tail -20 "$dir/configure.log" >&2
	exit 1
}
$make -j2 libpcre2-8.la >"$dir/make.log" 2>&1 || {
	tail -20 "$dir/make.log" >&2
	exit 1
}
mkdir -p "$dir/lib" "$dir/include"
cp .libs/libpcre2-8.a "$dir/lib/"
cp src/pcre2.h "$dir/include/"
