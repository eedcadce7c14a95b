#!/bin/sh
# Line coverage of src/ from a build made with --coverage after the tests ran:
#   sh tests/coverage.sh BUILD_DIR
# Prints each file's coverage and the total, as gcov counts lines.
set -eu
build=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
total=0
covered=0
for src in "$top"/src/main.c "$top"/src/util/*.c "$top"/src/input/*.c \
    "$top"/src/parse/*.c "$top"/src/kb/*.c "$top"/src/report/*.c \
    "$top"/src/run/*.c; do
	name=$(basename "$src" .c)
	rel=${src#"$top"/src/}
	objdir=$build/$(dirname "$rel")
	case $name in
	embed_rules) continue ;;
	platform_posix) ;;
	platform_*) continue ;;	# another system's
	esac
	[ -f "$objdir/$name.gcda" ] ||
		{ echo "coverage: $rel was never run"; continue; }
	line=$(gcov -n -o "$objdir" "$src" 2>/dev/null | awk -v f="$name.c" \
		'$0 ~ "^File .*/" f "'"'"'" { getline; print; exit }')
	pct=$(echo "$line" |
		sed -n 's/^Lines executed:\([0-9.]*\)% of \([0-9]*\)$/\1 \2/p')
	[ -n "$pct" ] || continue
	set -- $pct
	n=$2
	c=$(awk -v p="$1" -v n="$n" 'BEGIN { printf "%d", p * n / 100 + 0.5 }')
	total=$((total + n))
	covered=$((covered + c))
	printf '%-26s %6s%% of %5d lines\n' "$rel" "$1" "$n"
done
awk -v c=$covered -v t=$total 'BEGIN {
	printf "coverage: %d of %d lines of src/ (%.1f%%)\n", c, t, 100 * c / t
}'
