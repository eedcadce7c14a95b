#!/bin/sh
# Command-line behaviour: subcommands, options, and that every JSON output is
# valid JSON.
#   sh tests/cli.sh BINARY JSONCHECK
set -u
bin=$1
jsoncheck=$2
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
no() { echo "cli: $*"; fail=$((fail + 1)); }

# rules: one entry per rule file, each with its products.
nfiles=$(ls "$top"/src/rules/*.rule | wc -l)
nlisted=$("$bin" rules | grep -c '^ *products: ')
[ "$nfiles" = "$nlisted" ] && ok || no "rules lists $nlisted of $nfiles rules"
"$bin" rules --format json >"$tmp/rules.json" && "$jsoncheck" <"$tmp/rules.json" &&
	[ "$(grep -o '"id":' "$tmp/rules.json" | wc -l)" = "$nfiles" ] && ok ||
	no "rules --format json is not a valid list of $nfiles rules"
"$bin" rules --check "$top/src/rules" >"$tmp/out" 2>&1 &&
	grep -q "^$nfiles rules checked, 0 failed$" "$tmp/out" && ok ||
	no "rules --check src/rules: $(cat "$tmp/out")"

# rules --check catches an example that yields another rule (exit 1).
mkdir "$tmp/r"
printf '%s\n' 'id: SITE-1' 'title: t' 'products: p' 'level: error' \
	'category: other' 'code: 80040115-501-0-0' 'cause: c' 'fix: f' 'example:' \
	'  Error synchronizing folder' '  [8004010F-501-0-521]' >"$tmp/r/site.rule"
"$bin" rules --check "$tmp/r" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "site.rule:1: rule SITE-1: its example" "$tmp/out" && ok ||
	no "rules --check did not catch a wrong example"

# --rules overrides a built-in rule by id.
sed 's/^title: .*/title: Site-specific forms advice/' \
	"$top/src/rules/Q168734.rule" >"$tmp/r/Q168734.rule"
rm "$tmp/r/site.rule"
"$bin" --rules "$tmp/r" "$top/samples/orgforms.log" | grep -q "Site-specific forms advice" &&
	ok || no "--rules did not replace Q168734"

# explain: a code and an id.
"$bin" explain '[80070005-508-00-322]' >"$tmp/out" &&
	grep -q "MAPI_E_NO_ACCESS" "$tmp/out" && grep -q "Q180055" "$tmp/out" &&
	grep -q "Q182294" "$tmp/out" && ok || no "explain CODE"
"$bin" explain Q162703 | grep -q "^Q162703: " && ok || no "explain ID"

# --no-merge reports every occurrence; the default merges repeats.
log="$top/samples/repeats.log"
[ "$("$bin" --format json "$log" | grep -o '"kind":' | wc -l)" -lt \
  "$("$bin" --format json --no-merge "$log" | grep -o '"kind":' | wc -l)" ] &&
	ok || no "--no-merge does not report more findings than the default"

# Every JSON output is valid JSON: each sample, plain and unmerged.
for f in "$top"/samples/*.log; do
	for opt in "" --no-merge; do
		"$bin" --format json $opt "$f" | "$jsoncheck" && ok ||
			no "invalid JSON for $f $opt"
	done
done

# --help names every option the usage line has, and --version answers.
for o in --format --no-merge --rules --help --version rules explain --check; do
	"$bin" --help | grep -q -- "$o" && ok || no "--help does not mention $o"
done
"$bin" --version | grep -q '^ostdiag [0-9]' && ok || no "--version"

echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
