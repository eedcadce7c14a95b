#!/bin/sh
# PCRE2 for the WebAssembly build of ostdiag, from Debian's source package of
# the same upstream release as the installed libpcre2-dev, built with
# emscripten into a static library without JIT.
#   sh src/web/pcre2.sh DIR
# leaves DIR/include/pcre2.h and DIR/lib/libpcre2-8.a. The source is fetched
# with apt-get through lists of Debian's source indexes kept under DIR, made
# from the system's own sources (deb lines read as deb-src): the system's
# configuration is not changed, and no root is needed.
set -eu

[ $# -eq 1 ] || { echo "usage: sh src/web/pcre2.sh DIR" >&2; exit 2; }
mkdir -p "$1"
dir=$(cd "$1" && pwd)
if [ -f "$dir/lib/libpcre2-8.a" ] && [ -f "$dir/include/pcre2.h" ]; then
	exit 0
fi

# The source version to fetch: the installed one first, then any other
# Debian revision of the same upstream release.
installed=$(dpkg-query -W -f '${source:Version}' libpcre2-dev 2>/dev/null) || {
	echo "pcre2.sh: libpcre2-dev is not installed (sh .ci/deps build)" >&2
	exit 1
}
upstream=${installed#*:}
upstream=${upstream%%-*}

apt="$dir/apt"
rm -rf "$apt"
mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] && sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f"
done > "$apt/parts/system.list"
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	sed 's/^Types:.*/Types: deb-src/' "$f" > "$apt/parts/$(basename "$f")"
done
set -- -q -o Dir::Etc::SourceList=/dev/null \
	-o Dir::Etc::SourceParts="$apt/parts" \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
	-o Debug::NoLocking=1 -o APT::Sandbox::User=root
apt-get "$@" update >"$apt/update.log" 2>&1 || {
	cat "$apt/update.log" >&2
	echo "pcre2.sh: cannot read Debian's source indexes" >&2
	exit 1
}
versions=$(apt-cache "$@" showsrc pcre2 | sed -n 's/^Version: //p' |
	awk -v u="$upstream" -v i="$installed" '
		{ v = $0; sub(/^[0-9]+:/, "", v); sub(/-[^-]*$/, "", v) }
		v == u && $0 == i { print; next }
		v == u { other = other $0 "\n" }
		END { printf "%s", other }')
src="$dir/src"
rm -rf "$src"
mkdir -p "$src"
got=
for v in $versions; do
	if (cd "$src" && apt-get "$@" source "pcre2=$v" >"$apt/source.log" 2>&1)
	then
		got=$v
		break
	fi
	rm -rf "$src" && mkdir -p "$src"
done
[ -n "$got" ] || {
	echo "pcre2.sh: no source package of pcre2 $upstream could be fetched" >&2
	exit 1
}
[ "$got" = "$installed" ] ||
	echo "pcre2.sh: the source of $installed could not be fetched;" \
		"building $got, the same upstream release" >&2
echo "pcre2.sh: building pcre2 $got for WebAssembly" >&2
tree=$(find "$src" -mindepth 1 -maxdepth 1 -type d -name 'pcre2-*' | head -1)
cd "$tree"
emconfigure ./configure --host=wasm32-unknown-emscripten \
	--prefix="$dir" --disable-shared --enable-static --disable-jit \
	--disable-pcre2grep-libz --disable-pcre2grep-libbz2 \
	--disable-pcre2test-libreadline >"$dir/configure.log" 2>&1 || {
	tail -20 "$dir/configure.log" >&2
	exit 1
}
emmake make -j2 libpcre2-8.la >"$dir/make.log" 2>&1 || {
	tail -20 "$dir/make.log" >&2
	exit 1
}
mkdir -p "$dir/lib" "$dir/include"
cp .libs/libpcre2-8.a "$dir/lib/"
cp src/pcre2.h "$dir/include/"
echo "$got" > "$dir/VERSION"
