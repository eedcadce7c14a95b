#!/bin/sh
# Two builds of ostdiag give the same reports, byte for byte: each sample log,
# each input fixture and each real message beside the tree (../shared/msg),
# named and on standard input, in JSON (and text, checklist and HTML for the
# logs), with the same exit status; all of them at once (-R); a file with a
# UTF-8 name.
# make check-win runs it on the native build and ostdiag.exe under wine, and
# with OSTDIAG_TEST_WINDOWS set also checks that a directory given with
# backslashes is walked with backslashes.
#   sh tests/same.sh REFERENCE OTHER
set -u
name=same
. "$(dirname "$0")/lib.sh"
unset COLUMNS
export LC_ALL=C
ref=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
other=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
cd "$top" || exit 2
compared=0

# same WHAT ARG...: both builds on ARG..., output and status alike.
same() {
	what=$1
	shift
	"$ref" "$@" >"$tmp/ref" 2>"$tmp/ref.err"
	rs=$?
	"$other" "$@" >"$tmp/other" 2>"$tmp/other.err"
	os=$?
	if [ $rs = $os ] && cmp -s "$tmp/ref" "$tmp/other"; then
		ok
		compared=$((compared + 1))
	else
		no "$what: exit $rs and $os, outputs $(cmp "$tmp/ref" \
			"$tmp/other" 2>&1 | head -1)"
	fi
}

# same_stdin WHAT FILE ARG...: both builds reading FILE on standard input.
same_stdin() {
	what=$1
	f=$2
	shift 2
	"$ref" "$@" <"$f" >"$tmp/ref" 2>"$tmp/ref.err"
	rs=$?
	"$other" "$@" <"$f" >"$tmp/other" 2>"$tmp/other.err"
	os=$?
	if [ $rs = $os ] && cmp -s "$tmp/ref" "$tmp/other"; then
		ok
		compared=$((compared + 1))
	else
		no "$what on standard input: exit $rs and $os"
	fi
}

for f in samples/*.log; do
	same "$f" --format json -v -t "$f"
	same "$f (text)" -v "$f"
	same "$f (checklist)" --format checklist "$f"
	same "$f (HTML)" --format html -t "$f"
	same_stdin "$f" "$f" --format json
done
for f in tests/fixtures/* ../shared/msg/*.msg ../shared/msg/*.eml; do
	[ -f "$f" ] || continue
	same "$f" --format json -v -t "$f"
	same_stdin "$f" "$f" --format json
done
same "-R samples tests/fixtures" --format json -R samples tests/fixtures
same "-j 3 -R samples tests/fixtures" --format jsonl -j 3 -R samples \
	tests/fixtures

# A name in UTF-8 (Cyrillic), read by name and found by -R.
mkdir "$tmp/utf8"
journal=$(printf '\320\266\321\203\321\200\320\275\320\260\320\273')
cp samples/orgforms.log "$tmp/utf8/$journal.log"
cd "$tmp" || exit 2
same "a UTF-8 name" --format json utf8/*.log
same "a UTF-8 name under -R" --format json -R utf8
cd "$top" || exit 2

# Windows: a directory given with backslashes is walked with backslashes,
# and the report is the native one with them for '/'.
if [ -n "${OSTDIAG_TEST_WINDOWS:-}" ]; then
	"$ref" --format json -R tests/fixtures >"$tmp/ref" 2>/dev/null
	"$other" --format json -R 'tests\fixtures' 2>/dev/null |
		sed 's#tests\\\\fixtures\\\\#tests/fixtures/#g' >"$tmp/other"
	if cmp -s "$tmp/ref" "$tmp/other" &&
		"$other" -f json -R 'tests\fixtures' 2>/dev/null |
		grep -q '"tests\\\\fixtures\\\\sync-qp.eml"'
	then
		ok
	else
		no "-R 'tests\\fixtures' is not walked with backslashes"
	fi
fi

echo "same: $compared outputs compared byte for byte"
finish
