#!/bin/sh
# Documentation agrees with the program: the man page is clean under
# mandoc -Tlint, --help and the man page name the same options, the bash
# completion knows them all, and every example in README.md's "Examples"
# section prints what the README shows.
#   sh tests/docs.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
name=docs
. "$(dirname "$0")/lib.sh"

mandoc -Tlint -Wwarning "$top/src/ostdiag.1" >"$tmp/lint" 2>&1 && ok ||
	no "mandoc -Tlint: $(cat "$tmp/lint")"

# Long options: those in --help, in the man page, and in the completion.
"$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/help"
grep -o 'Fl \\-[a-z][a-z-]*' "$top/src/ostdiag.1" | sed 's/^Fl \\/-/' |
	sort -u >"$tmp/man"
cmp -s "$tmp/help" "$tmp/man" && ok ||
	no "--help and the man page differ: $(diff "$tmp/help" "$tmp/man" | grep '^[<>]' | tr '\n' ' ')"
for o in $(cat "$tmp/help"); do
	grep -q -- "$o" "$top/src/ostdiag.bash" || no "completion lacks $o"
done
bash -n "$top/src/ostdiag.bash" && ok || no "completion script has a syntax error"

# The packages README.md lists ("- build:" and "- tests" items, in back
# quotes) are those .ci/deps installs.
awk '/^- build:/ { set = "build" } /^- tests/ { set = "test" } /^$/ { set = "" }
	set { while (match($0, /`[^`]*`/)) {
		print set, substr($0, RSTART + 1, RLENGTH - 2)
		$0 = substr($0, RSTART + RLENGTH) } }' "$top/README.md" >"$tmp/listed"
sh "$top/.ci/deps" list build | sed 's/^/build /' >"$tmp/deps"
sh "$top/.ci/deps" list test | grep -vxF "$(sh "$top/.ci/deps" list build)" |
	sed 's/^/test /' >>"$tmp/deps"
sort -o "$tmp/deps" "$tmp/deps"
sort -o "$tmp/listed" "$tmp/listed"
[ -s "$tmp/deps" ] && cmp -s "$tmp/deps" "$tmp/listed" && ok ||
	no "README packages differ from .ci/deps (< .ci/deps, > README):" \
		"$(diff "$tmp/deps" "$tmp/listed" | grep '^[<>]' | tr '\n' ' ')"

# README examples: "    $ command" then the expected output, indented the same.
run_example() {
	(cd "$top" && PATH="$(dirname "$bin"):$PATH" COLUMNS=80 \
		sh -c "$cmd") >"$tmp/got" 2>&1
	cmp -s "$tmp/got" "$tmp/want" && ok ||
		{ no "README example '$cmd' prints:"; diff "$tmp/want" "$tmp/got" | head -10; }
}
awk '/^## Examples/ { on = 1; next } /^## / { on = 0 } on' "$top/README.md" \
	>"$tmp/examples"
n=0
while IFS= read -r line; do
	case $line in
	'    $ '*)
		[ $n -gt 0 ] && run_example
		n=$((n + 1))
		cmd=${line#    \$ }
		: >"$tmp/want"
		;;
	'    '*)
		printf '%s\n' "${line#    }" >>"$tmp/want"
		;;
	*)
		;;
	esac
done <"$tmp/examples"
[ $n -gt 0 ] && run_example
[ $n -ge 4 ] && ok || no "README has $n examples, want at least 4"

finish
