#!/bin/sh
# Golden tests: ostdiag on every samples/NAME.log must print exactly
# samples/expected/NAME.txt (text), NAME.json (JSON) and NAME.md (checklist), and
# exit with the status in samples/expected/NAME.status. The logs saved as a
# page, tests/fixtures/FILE (*.htm, *.mht), are held to samples/expected/FILE.txt,
# FILE.json, FILE.md and FILE.status in the same way.
#   sh tests/golden.sh BINARY            compare
#   sh tests/golden.sh BINARY --update   rewrite the expected files
set -u
unset COLUMNS
export LC_ALL=C
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
expected=$top/samples/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# golden DIR FILE NAME: ostdiag on FILE, run in DIR, against expected/NAME.*.
golden() {
	log=$2
	name=$3
	(cd "$1" && "$bin" "$log") >"$tmp/out.txt" 2>"$tmp/err.txt"
	status=$?
	(cd "$1" && "$bin" --format json "$log") >"$tmp/out.json" 2>/dev/null
	jstatus=$?
	(cd "$1" && "$bin" --format checklist "$log") >"$tmp/out.md" 2>/dev/null
	if [ "$update" = --update ]; then
		mkdir -p "$expected"
		cp "$tmp/out.txt" "$expected/$name.txt"
		cp "$tmp/out.json" "$expected/$name.json"
		cp "$tmp/out.md" "$expected/$name.md"
		echo "$status" >"$expected/$name.status"
		return
	fi
	ok=1
	if ! cmp -s "$tmp/out.txt" "$expected/$name.txt"; then
		echo "golden: $log: text output differs:"
		diff -u "$expected/$name.txt" "$tmp/out.txt" | head -20
		ok=0
	fi
	if ! cmp -s "$tmp/out.json" "$expected/$name.json"; then
		echo "golden: $log: JSON output differs"
		ok=0
	fi
	if ! cmp -s "$tmp/out.md" "$expected/$name.md"; then
		echo "golden: $log: checklist output differs:"
		diff -u "$expected/$name.md" "$tmp/out.md" | head -20
		ok=0
	fi
	want=$(cat "$expected/$name.status")
	if [ "$status" != "$want" ] || [ "$jstatus" != "$want" ]; then
		echo "golden: $log: exit $status (json $jstatus), want $want"
		ok=0
	fi
	if [ -s "$tmp/err.txt" ]; then
		echo "golden: $log: unexpected messages:"; cat "$tmp/err.txt"
		ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

for f in "$top"/samples/*.log; do
	log=$(basename "$f")
	golden "$top/samples" "$log" "${log%.log}"
done
for f in "$top"/tests/fixtures/*.htm "$top"/tests/fixtures/*.mht; do
	[ -e "$f" ] || continue
	golden "$top/tests/fixtures" "$(basename "$f")" "$(basename "$f")"
done
[ "$update" = --update ] && { echo "golden: expected files rewritten"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
