#!/bin/sh
# layers.sh: the library's stages include one way (doc/architecture.md).
#
#   sh tests/layers.sh
#
# The sources live in one folder per stage under src/, in this order:
#
#   util input parse kb report run
#
# A file of a stage may include its own stage's headers and those of the
# stages before it, never a later one's. A private header is named by its
# stage ("parse/readahead.h"); a public one (include/ostdiag/NAME.h) belongs to
# the stage of src/STAGE/NAME.c, or to the stage the table below gives it.
# Public headers follow the same rule. src/main.c, on top, may include
# anything; src/web/, src/win/ and src/cross/ hold no library code. Each
# stage's main header says what the stage takes, hands on and must not include.
#
# The check is run on the tree, then on a copy given an include against the
# flow, which it must refuse.
name=layers; . "$(dirname "$0")/lib.sh"

stages="util input parse kb report run"
# Public headers with no source file of their name: the stage they belong to.
# ostdiag.h includes every public header, for programs using the library.
public_stage() {
	case $1 in
	finding) echo kb ;;
	version) echo util ;;
	ostdiag) echo top ;;
	*)
		for s in $stages; do
			[ -f "$root/src/$s/$1.c" ] && { echo "$s"; return; }
		done
		echo unknown ;;
	esac
}

rank() {
	case $1 in top) echo 99; return ;; esac
	i=0
	for s in $stages; do
		[ "$s" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}

main_header() {
	case $1 in
	util) echo src/util/util.h ;;
	input) echo include/ostdiag/input.h ;;
	parse) echo include/ostdiag/log.h ;;
	kb) echo include/ostdiag/match.h ;;
	report) echo include/ostdiag/report.h ;;
	run) echo include/ostdiag/analyze.h ;;
	esac
}

# Prints one line per include against the flow, or other misplacement, found
# under $root.
violations() {
	for f in "$root"/src/* "$root"/src/*/*.[ch]; do
		[ -d "$f" ] && continue
		case ${f#"$root"/} in
		src/main.c|src/ostdiag.1|src/ostdiag.bash) continue ;;
		src/util/*|src/input/*|src/parse/*|src/kb/*|src/report/*|src/run/*)
			;;
		src/web/*|src/win/*|src/cross/*) continue ;;
		*) echo "${f#"$root"/}: outside the stage folders"; continue ;;
		esac
	done
	for f in "$root"/src/*/*.[ch] "$root"/include/ostdiag/*.h; do
		rel=${f#"$root"/}
		case $rel in
		src/util/*|src/input/*|src/parse/*|src/kb/*|src/report/*|src/run/*)
			own=${rel#src/}; own=${own%%/*} ;;
		include/ostdiag/*)
			own=$(public_stage "$(basename "$f" .h)")
			[ "$own" = unknown ] &&
				{ echo "$rel: belongs to no stage"; continue; } ;;
		*) continue ;;
		esac
		mine=$(rank "$own")
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' \
		    "$f" | while read -r inc; do
			case $inc in
			ostdiag/*.h)
				st=$(public_stage "$(basename "$inc" .h)") ;;
			*/*.h)
				st=${inc%%/*}
				[ -f "$root/src/$inc" ] ||
					{ echo "$rel: $inc: no such header"; continue; } ;;
			*)
				echo "$rel: \"$inc\": name a private header by its stage"
				continue ;;
			esac
			theirs=$(rank "$st")
			if [ "$theirs" -lt 0 ]; then
				echo "$rel: $inc: belongs to no stage"
			elif [ "$theirs" -gt "$mine" ]; then
				echo "$rel ($own) includes $inc ($st), a later stage"
			fi
		done
	done
	for s in $stages; do
		h=$(main_header "$s")
		for word in Takes: "Hands on:" "Must not include:"; do
			grep -q "$word" "$root/$h" ||
				echo "$h: the $s stage's main header lacks '$word'"
		done
	done
}

root=$top
violations >"$tmp/found"
if [ -s "$tmp/found" ]; then
	no "includes against the stages' order:"
	sed 's/^/  /' "$tmp/found"
else
	ok
fi

# A copy with an input file that includes a report header must be refused,
# and so must a loose file in src/ and an unqualified private include.
mkdir -p "$tmp/copy"
cp -R "$top/src" "$top/include" "$tmp/copy/"
root=$tmp/copy
printf '#include "report/report_impl.h"\n' >>"$root/src/input/cfb.c"
printf '#include "util.h"\n' >>"$root/src/parse/log.c"
printf '#include "ostdiag/analyze.h"\n' >>"$root/include/ostdiag/input.h"
: >"$root/src/loose.c"
violations >"$tmp/copy.found"
for want in "src/input/cfb.c (input) includes report/report_impl.h" \
    "src/parse/log.c: \"util.h\"" \
    "include/ostdiag/input.h (input) includes ostdiag/analyze.h" \
    "src/loose.c: outside"; do
	grep -qF "$want" "$tmp/copy.found" && ok ||
		no "a copy with an include against the flow passed: $want"
done
[ "$(wc -l <"$tmp/copy.found")" -eq 4 ] && ok ||
	no "the copy gave other complaints: $(cat "$tmp/copy.found")"
finish
