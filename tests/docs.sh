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

for page in src/ostdiag.1 doc/ostdiag-rules.5; do
	mandoc -Tlint -Wwarning "$top/$page" >"$tmp/lint" 2>&1 && ok ||
		no "mandoc -Tlint $page: $(cat "$tmp/lint")"
done

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
# The completion offers each choice once (-j: 1 2 4 8 and the processors).
# bash-completion's _init_completion is stood in for by the words given.
got=$(bash -c '
	_init_completion() { words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
		cur=${words[cword]}; prev=${words[cword-1]}; }
	. "$1"; COMP_WORDS=(ostdiag -j ""); COMP_CWORD=2; _ostdiag
	printf "%s\n" "${COMPREPLY[@]}"' sh "$top/src/ostdiag.bash")
[ -n "$got" ] && [ "$(printf '%s\n' "$got" | sort | uniq -d)" = "" ] && ok ||
	no "completion for -j offers a choice twice: $(echo $got)"

# What the completion offers after WORDS (the last one being completed), one a
# line; _init_completion (of bash-completion) is stood in for.
complete_words() {
	bash -c '
		_init_completion() {
			words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
			cur=${words[cword]}; prev=${words[cword-1]}
		}
		_filedir() { :; }
		complete() { :; }
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_ostdiag
		printf "%s\n" "${COMPREPLY[@]}"
	' sh "$top/src/ostdiag.bash" "$@"
}
complete_words ostdiag rules --c | grep -qx -- --check && ok ||
	no "completion does not offer --check after rules"
complete_words ostdiag --c | grep -q -- --check &&
	no "completion offers --check outside rules" || ok
complete_words ostdiag explain -- | grep -q -e --check -e --redact -e --quiet &&
	no "completion offers an option that does not go with explain" || ok
complete_words ostdiag explain --format '' | tr '\n' ' ' | grep -qx 'text json ' &&
	ok || no "completion offers formats explain does not write"

# The packages README.md lists ("- build:", "- web", "- Windows" and "- tests"
# items, in back quotes) are those .ci/deps installs.
awk '/^- build:/ { set = "build" } /^- web/ { set = "web" }
	/^- Windows/ { set = "win" }
	/^- tests/ { set = "test" } /^$/ { set = "" }
	set { while (match($0, /`[^`]*`/)) {
		print set, substr($0, RSTART + 1, RLENGTH - 2)
		$0 = substr($0, RSTART + RLENGTH) } }' "$top/README.md" |
	grep -v -e ' make web$' -e ' make win$' >"$tmp/listed"
sh "$top/.ci/deps" list build | sed 's/^/build /' >"$tmp/deps"
sh "$top/.ci/deps" list web | grep -vxF "$(sh "$top/.ci/deps" list build)" |
	sed 's/^/web /' >>"$tmp/deps"
sh "$top/.ci/deps" list win | grep -vxF "$(sh "$top/.ci/deps" list web)" |
	sed 's/^/win /' >>"$tmp/deps"
sh "$top/.ci/deps" list test | grep -vxF "$(sh "$top/.ci/deps" list web)
$(sh "$top/.ci/deps" list win)" | sed 's/^/test /' >>"$tmp/deps"
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
