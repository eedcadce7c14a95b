#!/bin/sh
# The Debian source package of what an installed package was built from, for
# the cross builds (pcre2.sh, cmocka.sh): the installed revision, else another
# Debian revision of the same upstream release.
#   sh src/cross/debsource.sh PACKAGE SOURCE DIR
# unpacks the source package SOURCE of the installed binary package PACKAGE
# under DIR/src, writes its version to DIR/VERSION and prints the path of its
# tree. It is fetched with apt-get through lists of Debian's source indexes
# kept under DIR/apt, made from the system's own sources (deb lines read as
# deb-src): the system's configuration is not changed, and no root is needed.
set -eu

[ $# -eq 3 ] || {
	echo "usage: sh src/cross/debsource.sh PACKAGE SOURCE DIR" >&2
	exit 2
}
package=$1
source=$2
mkdir -p "$3"
dir=$(cd "$3" && pwd)
me="debsource.sh ($source)"

installed=$(dpkg-query -W -f '${source:Version}' "$package" 2>/dev/null) || {
	echo "$me: $package is not installed (sh .ci/deps)" >&2
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
	echo "$me: cannot read Debian's source indexes" >&2
	exit 1
}
versions=$(apt-cache "$@" showsrc "$source" | sed -n 's/^Version: //p' |
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
	if (cd "$src" && apt-get "$@" source "$source=$v" >"$apt/source.log" 2>&1)
	then
		got=$v
		break
	fi
	rm -rf "$src" && mkdir -p "$src"
done
[ -n "$got" ] || {
	echo "$me: no source package of $source $upstream could be fetched" >&2
	exit 1
}
[ "$got" = "$installed" ] ||
	echo "$me: the source of $installed could not be fetched;" \
		"taking $got, the same upstream release" >&2
echo "$got" > "$dir/VERSION"
find "$src" -mindepth 1 -maxdepth 1 -type d -name "$source-*" | head -1
