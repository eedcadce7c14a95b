#!/bin/sh
# Command-line behaviour: subcommands, options, and that every JSON output is
# valid JSON.
#   sh tests/cli.sh BINARY JSONCHECK
set -u
bin=$1
jsoncheck=$2
name=cli
. "$(dirname "$0")/lib.sh"

# rules: one entry per rule file, each with its products.
nfiles=$(ls "$top"/src/kb/rules/*.rule | wc -l)
nlisted=$("$bin" rules | grep -c '^ *products: ')
[ "$nfiles" = "$nlisted" ] && ok || no "rules lists $nlisted of $nfiles rules"
"$bin" rules --format json >"$tmp/rules.json" && "$jsoncheck" <"$tmp/rules.json" &&
	[ "$(grep -o '"id":' "$tmp/rules.json" | wc -l)" = "$nfiles" ] && ok ||
	no "rules --format json is not a valid list of $nfiles rules"
"$bin" rules --check "$top/src/kb/rules" >"$tmp/out" 2>&1 &&
	grep -q "^$nfiles rules checked, 0 failed$" "$tmp/out" && ok ||
	no "rules --check src/kb/rules: $(cat "$tmp/out")"

# rules --check catches an example that yields another rule (exit 1).
mkdir "$tmp/r"
printf '%s\n' 'id: SITE-1' 'title: t' 'products: p' 'clients: 16' \
	'servers: Exchange Online' 'level: error' \
	'category: other' 'code: 80040115-501-0-0' 'cause: c' 'fix: f' 'example:' \
	'  Error synchronizing folder' '  [8004010F-501-0-521]' >"$tmp/r/site.rule"
"$bin" rules --check "$tmp/r" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "site.rule:12: rule SITE-1: its example" "$tmp/out" && ok ||
	no "rules --check did not catch a wrong example"

# rules --check refuses a user rule whose step can lose data without a
# caution, naming the step's line; with the caution and a save step it loads.
mkdir "$tmp/unsafe"
printf '%s\n' 'id: SITE-2' 'title: t' 'products: p' 'clients: 16' \
	'servers: Exchange Online' 'level: error' 'category: other' \
	'code: 80040115-501-0-0' 'cause: c' 'fix: Close Outlook.' \
	'fix: Delete the .ost file and start Outlook again.' 'example:' \
	'  Synchronizer Version 16.0.17328' '  Error synchronizing folder' \
	'  [80040115-501-0-0]' \
	>"$tmp/unsafe/site.rule"
"$bin" rules --check "$tmp/unsafe" >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "site.rule:11: step 2 deletes, renames or rebuilds the offline folder file, with no caution" "$tmp/out" &&
	ok || no "rules --check accepted an uncautioned OST delete: $(cat "$tmp/out")"
sed -i 's/^fix: Close Outlook\.$/fix: Copy the Outbox and Drafts items to a .pst file.\
fix: Close Outlook.\
caution: Deleting the OST loses what only it holds; step 1 saves it./' \
	"$tmp/unsafe/site.rule"
"$bin" rules --check "$tmp/unsafe" >"$tmp/out" 2>&1 &&
	grep -q " 0 failed$" "$tmp/out" && ok ||
	no "rules --check refused a cautioned rule: $(cat "$tmp/out")"
printf 'Synchronizer Version 16.0.17328\nError synchronizing folder\n[80040115-501-0-0]\n' \
	>"$tmp/unsafe.log"
COLUMNS=300 "$bin" --rules "$tmp/unsafe" "$tmp/unsafe.log" |
	grep -A1 "3\. CAUTION: Deleting the OST loses" | grep -q "^        \[practice\] Delete the .ost" &&
	ok || no "a user rule's caution is not shown before its step"

# --rules overrides a built-in rule by id.
sed 's/^title: .*/title: Site-specific forms advice/' \
	"$top/src/kb/rules/Q168734.rule" >"$tmp/r/Q168734.rule"
rm "$tmp/r/site.rule"
"$bin" --rules "$tmp/r" "$top/samples/orgforms.log" | grep -q "Site-specific forms advice" &&
	ok || no "--rules did not replace Q168734"

# explain: a code and an id.
"$bin" explain '[80070005-508-00-322]' >"$tmp/out" &&
	grep -q "MAPI_E_NO_ACCESS" "$tmp/out" && grep -q "Q180055" "$tmp/out" &&
	grep -q "Q182294" "$tmp/out" && ok || no "explain CODE"
"$bin" explain Q162703 | grep -q "^Q162703: " && ok || no "explain ID"

# ---- explain and rules as grep, ShellCheck and jq users expect ----

# explain: an article's bare number is the article, with a note on how to ask
# for the code; a number that is neither is refused; an HRESULT name, a line
# pasted from a log, and standard input are explained.
"$bin" explain 168734 >"$tmp/out" 2>"$tmp/err" && grep -q '^Q168734: ' "$tmp/out" &&
	grep -qx "ostdiag: explain: 168734 taken as article Q168734; for the code write 0x00168734" \
	"$tmp/err" && ok || no "explain 168734: $(cat "$tmp/err")"
"$bin" explain 2665915 2>/dev/null | grep -q '^KB2665915: ' && ok ||
	no "explain 2665915 is not KB2665915"
"$bin" explain 1 >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && [ ! -s "$tmp/out" ] && grep -q '^ostdiag: explain: 1 is too short for a code' "$tmp/err" &&
	ok || no "explain 1 is not refused: $(cat "$tmp/out" "$tmp/err")"
"$bin" explain MAPI_E_NOT_FOUND | grep -q '^  field 1, the HRESULT: 0x8004010F MAPI_E_NOT_FOUND' &&
	ok || no "explain MAPI_E_NOT_FOUND does not decode 0x8004010F"
"$bin" explain '11:43:27 [8004010F-501-0-521]' >"$tmp/out" &&
	grep -q '^8004010F-501-0-521$' "$tmp/out" && grep -q '^  Q168734 ' "$tmp/out" &&
	ok || no "a pasted log line does not explain its code"
"$bin" explain - <"$top/samples/messy-2016.log" >"$tmp/out" &&
	grep -q '^80040305-54A-4DE-0$' "$tmp/out" && ok ||
	no "explain - does not explain the codes of standard input"
"$bin" explain - <"$tmp" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -qx 'ostdiag: explain: standard input: Is a directory' "$tmp/err" &&
	ok || no "explain - on a directory: $(cat "$tmp/err")"
printf 'Done\n' | "$bin" explain - >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && [ ! -s "$tmp/out" ] &&
	grep -qx 'ostdiag: explain: standard input holds no code, rule or article id or HRESULT name' \
	"$tmp/err" && ok || no "explain - with no code: $(cat "$tmp/err")"
# -f json: one document, valid; an array for several arguments or pasted text.
for arg in Q168734 8004010F-501-0-521 '11:43:27 [8004010F-501-0-521]'; do
	"$bin" explain -f json "$arg" >"$tmp/out" && "$jsoncheck" <"$tmp/out" &&
		ok || no "explain -f json '$arg' is not JSON"
done
"$bin" explain -f json Q168734 80070005 mapi_e_no_access 168734 >"$tmp/out" 2>/dev/null &&
	"$jsoncheck" <"$tmp/out" && ok || no "explain -f json of several is not JSON"
"$bin" explain --format json Q168734 80070005 | head -c 1 | grep -q '\[' &&
	"$bin" explain -f json Q168734 | head -c 1 | grep -q '{' && ok ||
	no "explain -f json: an object for one thing, an array for several"
"$bin" explain -f json - <"$top/samples/messy-2016.log" | "$jsoncheck" && ok ||
	no "explain -f json - is not JSON"
# No line over 80 columns with COLUMNS=80 (the example log apart).
COLUMNS=80 "$bin" explain Q168734 | awk 'length > 80 { bad = 1 } END { exit bad }' &&
	COLUMNS=80 "$bin" rules | awk 'length > 80 { bad = 1 } END { exit bad }' &&
	ok || no "explain or rules writes lines over 80 columns with COLUMNS=80"
COLUMNS=200 "$bin" explain Q168734 | grep -q '^cause:     After an upgrade to Exchange Server 5.0, synchronizing all folders fails at' &&
	ok || no "explain is not wrapped at COLUMNS=200"

# Options that do not go with rules or explain, and other usage errors: one
# line saying what, then where help is; exit 2, nothing on standard output.
usage_error() {
	want=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 2 ] &&
		[ "$(head -1 "$tmp/err")" = "$want" ] &&
		[ "$(tail -1 "$tmp/err")" = "Try 'ostdiag --help' for more information." ] &&
		ok || no "$*: exit $st, $(cat "$tmp/err")"
}
usage_error "ostdiag: rules: --redact does not apply here" "$bin" rules --redact
usage_error "ostdiag: explain: --redact does not apply here" "$bin" explain --redact Q168734
usage_error "ostdiag: explain: -q does not apply here" "$bin" explain -q Q168734
usage_error "ostdiag: rules: -j does not apply here" "$bin" rules -j 2
for f in html jsonl checklist; do
	usage_error "ostdiag: rules: -f $f does not apply here (text or json)" "$bin" rules -f $f
	usage_error "ostdiag: explain: --format $f does not apply here (text or json)" \
		"$bin" explain --format $f Q168734
done
usage_error "ostdiag: explain: nothing to explain: give a code, a rule or article id, an HRESULT name, or text from a log" \
	"$bin" explain
usage_error "ostdiag: option '--check' requires an argument" "$bin" rules --check
usage_error "ostdiag: --check goes with 'ostdiag rules'" "$bin" --check "$top/src/kb/rules"
usage_error "ostdiag: rules: unexpected argument 'x'" "$bin" rules x
usage_error "ostdiag: rules: --check is given once (a directory holds many rule files)" \
	"$bin" rules --check "$top/src/kb/rules" --check "$top/src/kb/rules"
usage_error "ostdiag: unknown option '--bogus'" "$bin" explain --bogus Q168734
usage_error "ostdiag: option '--redact' takes no argument" "$bin" --redact=yes x.log
usage_error "ostdiag: option '--ex' is ambiguous (can be --exclude, --exclude-file)" \
	"$bin" --ex Q1 x.log
usage_error "ostdiag: rules: --check writes text: --format json does not apply with it" \
	"$bin" rules -f json --check "$top/src/kb/rules"

# rules --check: every problem of every file in one run, each at its line;
# the count is of PATH's rules; a failing example at its example's line.
mkdir "$tmp/site"
printf '%s\n' 'id: SITE-4' 'title: Four problems' 'products: p' 'clients: 16' \
	'servers: Exchange Online' 'level: loud' 'category: other' 'colour: blue' \
	'  and green' 'code: 80040115-501-0-0' 'head: folder disk' 'cause: c' \
	'fix: Close Outlook.' 'fix: Empty the Deleted Items folder on exit.' \
	'example:' '  Error synchronizing folder' '  [80040115-501-0-0]' \
	>"$tmp/site/four.rule"
printf '%s\n' 'id: SITE-5' 'title: t' 'products: p' 'clients: 16' \
	'servers: Exchange Online' 'level: error' 'category: other' \
	'code: 80040115-501-0-0' 'cause: c' 'fix: f' 'see: Q168734 NOSUCH' 'example:' \
	'  Synchronizing Organization Forms' '  Error synchronizing folder' \
	'  [8004010F-501-0-521]' >"$tmp/site/wrong.rule"
"$bin" rules --check "$tmp/site" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] && [ "$(grep -c "^ostdiag: $tmp/site/four.rule:[0-9]*: " "$tmp/err")" = 4 ] &&
	grep -q "^ostdiag: $tmp/site/four.rule:6: level must be" "$tmp/err" &&
	grep -q "^ostdiag: $tmp/site/four.rule:8: unknown key 'colour'" "$tmp/err" &&
	grep -q "^ostdiag: $tmp/site/four.rule:11: unknown head 'disk'" "$tmp/err" &&
	grep -q "^ostdiag: $tmp/site/four.rule:14: step 2 purges Deleted Items" "$tmp/err" &&
	grep -q "^ostdiag: $tmp/site/wrong.rule:11: rule SITE-5 cites NOSUCH" "$tmp/err" &&
	grep -q "^ostdiag: $tmp/site/wrong.rule:14: rule SITE-5: its example is not diagnosed as SITE-5 (example line 2: " "$tmp/err" &&
	[ "$(cat "$tmp/out")" = "1 rule checked, 1 failed, 1 file broken" ] &&
	ok || no "rules --check of a broken directory: exit $st, $(cat "$tmp/out" "$tmp/err")"
rm "$tmp/site/four.rule"
"$bin" rules --check "$tmp/site" >"$tmp/out" 2>/dev/null
[ $? = 1 ] && [ "$(cat "$tmp/out")" = "1 rule checked, 1 failed" ] && ok ||
	no "rules --check counts rules that are not PATH's: $(cat "$tmp/out")"
# A broken rule file still stops a run before its input is read, with every
# problem listed.
printf '%s\n' 'id: SITE-6' 'title: t' 'products: p' 'level: loud' 'category: misc' \
	'summary: s' >"$tmp/site/six.rule"
"$bin" --rules "$tmp/site/six.rule" "$top/samples/orgforms.log" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 2 ] &&
	grep -q "six.rule:4: level must be" "$tmp/err" &&
	grep -q "six.rule:5: unknown category 'misc'" "$tmp/err" && ok ||
	no "--rules with a broken file: $(cat "$tmp/err")"

# --no-merge reports every occurrence; the default merges repeats.
log="$top/samples/repeats.log"
[ "$("$bin" --format json "$log" | grep -o '"kind":' | wc -l)" -lt \
  "$("$bin" --format json --no-merge "$log" | grep -o '"kind":' | wc -l)" ] &&
	ok || no "--no-merge does not report more findings than the default"

# -q: the summary line only.
[ "$("$bin" -q "$top/samples/orgforms.log" | wc -l)" = 1 ] && ok || no "-q prints more than the summary"

# -v: the log lines of each error, with their numbers.
"$bin" -v "$top/samples/orgforms.log" | grep -q '^      11 | 11:43:27 \[8004010F-501-0-521\]$' &&
	ok || no "-v does not quote the log lines"

# --timeline: one line per session, with how it ended.
COLUMNS=200 "$bin" --timeline "$top/samples/repeats.log" >"$tmp/out"
[ "$(grep -c '^  session [0-9]* at ' "$tmp/out")" = 15 ] &&
	grep -q 'session 4 at .*repeats.log:25: 10:30:00-10:30:04 (4 s), mailbox .Dana Ruiz., 1 folders, 0 items down, 0 up, 0 errors, Done' "$tmp/out" &&
	ok || no "--timeline"

# Colour: never on a pipe unless asked; NO_COLOR is honoured by auto.
"$bin" "$top/samples/orgforms.log" | grep -q "$(printf '\033')" &&
	no "colour on a pipe" || ok
"$bin" --color always "$top/samples/orgforms.log" | grep -q "$(printf '\033\\[1;31m')" &&
	ok || no "--color always gives no colour"
# --help shows examples and names the manual.
"$bin" --help >"$tmp/out"
grep -q '^Examples:$' "$tmp/out" && grep -q 'man ostdiag' "$tmp/out" &&
	grep -q '^  ostdiag -l -R tickets/' "$tmp/out" && ok ||
	no "--help has no examples or no pointer to the manual"

# Each colour ends before its line does: no line starts with a reset.
for f in "$top"/samples/*.log; do
	"$bin" --color always -v -t "$f"
done >"$tmp/out" 2>/dev/null
! grep -q "^$(printf '\033')\\[0m" "$tmp/out" && ok ||
	no "a colour reset comes after a line end"

# On a terminal (script(1) gives one): an empty NO_COLOR does not count
# (no-color.org); a set one and TERM=dumb turn colour off. Not for the Windows
# program (OSTDIAG_TEST_WINDOWS): under wine a terminal is a console that wine
# draws itself, cursor moves and all.
if [ -n "${OSTDIAG_TEST_WINDOWS:-}" ]; then
	echo "cli: skipped the colour-on-a-terminal cases: wine's console"
elif command -v script >/dev/null 2>&1; then
	on_tty() {
		env "$@" script -qec "\"$bin\" \"$top/samples/orgforms.log\"" /dev/null \
			</dev/null 2>/dev/null | grep -c "$(printf '\033')\\[1;31m"
	}
	[ "$(on_tty TERM=xterm NO_COLOR=)" -gt 0 ] && ok ||
		no "an empty NO_COLOR turned colour off"
	[ "$(on_tty TERM=xterm NO_COLOR=1)" = 0 ] && ok ||
		no "NO_COLOR=1 left colour on"
	[ "$(on_tty TERM=dumb)" = 0 ] && ok || no "TERM=dumb got colour"
	[ "$(on_tty TERM=xterm)" -gt 0 ] && ok || no "a terminal got no colour"
else
	echo "cli: skipped the colour-on-a-terminal cases: no script(1)"
fi
expect_status() { want=$1; shift; "$@" >/dev/null 2>&1; [ $? = "$want" ]; }
expect_status 2 "$bin" --color sometimes "$top/samples/orgforms.log" && ok ||
	no "--color with a bad value is accepted"

# Filters: --min-level, --only, --exclude.
"$bin" --min-level error --format json "$top/samples/messy-2016.log" >"$tmp/out"
grep -q '"filtered":2' "$tmp/out" && ! grep -q '"id":"OSTD-DELETIONS-UPLOAD"' "$tmp/out" &&
	ok || no "--min-level error keeps a warning"
"$bin" --only KB3115602,KB2991453 --format json "$top/samples/messy-2016.log" >"$tmp/out"
[ "$(grep -o '"kind":"error"' "$tmp/out" | wc -l)" = 3 ] && ok ||
	no "--only did not keep just KB3115602 and KB2991453"
"$bin" --exclude Q162703 -q "$top/samples/orgforms.log" | grep -q "0 findings.*1 left out by filters" &&
	ok || no "--exclude"
# No file and a terminal on standard input: usage, exit 2, no waiting; a
# pipe is read as before.
if [ -n "${OSTDIAG_TEST_WINDOWS:-}" ]; then
	echo "cli: skipped the terminal case: wine's console"
elif command -v script >/dev/null 2>&1; then
	timeout 10 script -qec "\"$bin\"" /dev/null >"$tmp/tty" 2>&1 </dev/null
	st=$?
	[ $st = 2 ] && grep -q "usage: ostdiag" "$tmp/tty" &&
		grep -q "no input: name a log file, or pipe one in" "$tmp/tty" && ok ||
		no "no arguments on a terminal: exit $st, $(head -1 "$tmp/tty")"
else
	echo "cli: skipped the terminal case: no script(1)"
fi
"$bin" <"$top/samples/orgforms.log" >/dev/null 2>&1
[ $? = 1 ] && ok || no "a log piped in is not read"

# --format brief: one line a finding, FILE:LINE: LEVEL: CODE NAME: TITLE [ID];
# another era's diagnosis is marked; no heading, no summary.
"$bin" --format brief "$top/samples/orgforms.log" "$top/samples/messy-2016.log" \
	"$top/samples/repeats.log" >"$tmp/out" 2>/dev/null
st=$?
[ $st = 1 ] && [ "$(wc -l <"$tmp/out")" -ge 8 ] &&
	! grep -v '^[^ :][^:]*:[0-9][0-9]*: \(error\|warning\|info\): ' "$tmp/out" |
	grep -q . && ok || no "--format brief: lines not in FILE:LINE: LEVEL: form"
grep -q '/orgforms.log:10: error: 8004010F-501-0-521 MAPI_E_NOT_FOUND: .* \[Q161889-8004010F; may fit this log\] (+3 more)$' \
	"$tmp/out" && ok || no "--format brief: the orgforms finding"
grep -q '/messy-2016.log:20: warning: 8004010F MAPI_E_NOT_FOUND: .*; written for another version\]$' \
	"$tmp/out" && ok || no "--format brief: another version not marked"
grep -q '/messy-2016.log:15: error: 8004ABCD-3EE-0-1380: no rule recognizes it$' \
	"$tmp/out" && ok || no "--format brief: an unrecognized error"
grep -q '/repeats.log:5: error: 80040115-501-0-0 .* (14 times, to line 116)$' \
	"$tmp/out" && ok || no "--format brief: repeats not counted"

# -l and -L: the names of the inputs with findings, and of those read with
# none, one a line, as grep -l and -L; files that failed are in neither.
"$bin" -l "$top/samples/clean-2016.log" "$top/samples/orgforms.log" \
	"$tmp/nosuch.log" >"$tmp/out" 2>/dev/null
[ "$(cat "$tmp/out")" = "$top/samples/orgforms.log" ] && ok ||
	no "-l: $(cat "$tmp/out")"
"$bin" -L "$top/samples/clean-2016.log" "$top/samples/orgforms.log" \
	"$tmp/nosuch.log" >"$tmp/out" 2>/dev/null
[ "$(cat "$tmp/out")" = "$top/samples/clean-2016.log" ] && ok ||
	no "-L: $(cat "$tmp/out")"
"$bin" -j 2 --files-with-findings "$top"/samples/*.log >"$tmp/out" 2>/dev/null
[ "$(wc -l <"$tmp/out")" = 5 ] && ok || no "--files-with-findings with -j 2"
expect_status 2 "$bin" -l --format json "$top/samples/orgforms.log" && ok ||
	no "-l with --format is not refused"
"$bin" -q --format json "$top/samples/orgforms.log" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "^ostdiag: -q applies to the text format only$" "$tmp/err" &&
	grep -q "^Try 'ostdiag --help' for more information.$" "$tmp/err" && ok ||
	no "-q with JSON is not refused in one line and a Try line"

# -v quotes the log's lines as written: 09:00:01 stays 09:00:01, also in a
# long file read ahead on a second thread.
printf '09:00:01 Error synchronizing folder\n9:00:02 [8004010F-501-0-521]\n' \
	>"$tmp/padded.log"
"$bin" -v "$tmp/padded.log" >"$tmp/out" 2>&1
grep -q '^ *1 | 09:00:01 Error synchronizing folder$' "$tmp/out" &&
	grep -q '^ *2 | 9:00:02 \[8004010F-501-0-521\]$' "$tmp/out" && ok ||
	no "-v does not quote the times as written: $(grep ' | ' "$tmp/out")"
awk 'BEGIN { for (i = 0; i < 30000; i++)
	print "08:59:59 Synchronizing server changes in folder '"'"'Inbox'"'"'" }' \
	>"$tmp/long-padded.log"
cat "$tmp/padded.log" >>"$tmp/long-padded.log"
"$bin" -j 2 -v "$tmp/long-padded.log" >"$tmp/out" 2>&1
grep -q '^ *30001 | 09:00:01 Error synchronizing folder$' "$tmp/out" && ok ||
	no "-v on a long file read ahead: $(grep ' | ' "$tmp/out" | head -2)"

# Errors the filters leave out are errors still: never exit 0 on them.
expect_status 1 "$bin" --exclude Q162703 "$top/samples/orgforms.log" && ok ||
	no "all findings filtered out should still exit 1"
# A finding of level info alone (a Sync Monitor item) is reported and is no
# error: exit 0. Beside an error, exit 1.
{
	printf '%s\t%s\r\n' From: 'Dana Ruiz' \
		Sent: 'Tuesday, March 3, 2026 9:15 AM' To: 'Dana Ruiz' \
		Subject: 'Sync Monitor'
	printf '\r\nDiagnostics of the synchronization.\r\n'
} >"$tmp/syncmon.txt"
"$bin" --format json "$tmp/syncmon.txt" >"$tmp/out"
status=$?
[ $status = 0 ] && grep -q '"id":"KB3197761"' "$tmp/out" &&
	grep -q '"errors":0,"findings":1,' "$tmp/out" && ok ||
	no "a Sync Monitor item alone: exit $status, $(head -c 200 "$tmp/out")"
expect_status 1 "$bin" "$tmp/syncmon.txt" "$top/samples/orgforms.log" && ok ||
	no "a Sync Monitor item beside an error does not exit 1"
expect_status 2 "$bin" --only NOSUCH "$top/samples/orgforms.log" && ok ||
	no "--only with an id no rule has is not refused"
"$bin" --only Q16873 "$top/samples/orgforms.log" 2>"$tmp/err" >/dev/null
grep -q "ostdiag: --only Q16873: no rule or article has this id (nearest: Q168734," \
	"$tmp/err" && ok || no "--only with a mistyped id does not name the nearest"
expect_status 2 "$bin" --exclude Q1 "$top/samples/orgforms.log" && ok ||
	no "--exclude with an id no rule has is not refused"
expect_status 1 "$bin" --only q168734 "$top/samples/orgforms.log" && ok ||
	no "--only takes an id in any case"

# --redact covers the inputs' names (a user's name is often in one), with the
# extension kept, in every format, stderr included.
mkdir "$tmp/red"
cp "$top/samples/messy-2016.log" "$tmp/red/José Müller sync.log"
printf 'root:x:0:0\n' >"$tmp/red/Dana Ruiz notes.txt"
for fmt in text brief json jsonl checklist html; do
	"$bin" --redact --format $fmt "$tmp/red/"* >"$tmp/out" 2>&1
	if grep -q -e 'José' -e 'Dana Ruiz' "$tmp/out"; then
		no "--redact --format $fmt leaves a file's name: $(grep -o -e 'José[^:]*' -e 'Dana Ruiz[^:]*' "$tmp/out" | head -2)"
	else
		grep -q 'file-[0-9]*\.log' "$tmp/out" && ok ||
			no "--redact --format $fmt: no file-N.log placeholder"
	fi
done
"$bin" --redact -l "$tmp/red/"* >"$tmp/out" 2>/dev/null
[ "$(cat "$tmp/out")" = file-2.log ] && ok || no "--redact -l: $(cat "$tmp/out")"

# --redact: names become stable placeholders in every format; codes stay.
for fmt in text json jsonl checklist; do
	verbose=
	[ $fmt = text ] && verbose=-v	# -v is the text format's
	"$bin" --redact --timeline $verbose --format $fmt "$top/samples/messy-2016.log" \
		"$top/samples/clean-2016.log" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if grep -q -e 'Dana' -e 'Sales Team' -e 'Projekt' -e 'Nord' -e 'office365' \
		-e 'example.com' "$tmp/out"; then
		no "--redact --format $fmt leaves a name: $(grep -o -e 'Dana[^"]*' -e 'Sales Team' -e 'Projekt' -e office365 -e example.com "$tmp/out" | head -3)"
	else
		grep -q '80040305-54A-4DE-0' "$tmp/out" && ok ||
			no "--redact --format $fmt lost the code (exit" \
			    "$status, $(wc -c <"$tmp/out") bytes):" \
			    "$(head -c 300 "$tmp/err")"
	fi
done
"$bin" --redact --format json "$top/samples/messy-2016.log" >"$tmp/out"
[ "$(grep -o '"mailbox":"mailbox-1"' "$tmp/out" | wc -l)" -ge 2 ] && ok ||
	no "--redact does not give the same mailbox the same placeholder"

# jsonl: a start line, one object per line, a summary last.
"$bin" --format jsonl "$top/samples/repeats.log" >"$tmp/out"
grep -q '"kind":"session"' "$tmp/out" && no "jsonl lists sessions without --timeline" || ok
"$bin" --format jsonl --timeline "$top/samples/repeats.log" >"$tmp/out"
head -1 "$tmp/out" | grep -q '^{"kind":"start","schema_version":1' &&
	tail -1 "$tmp/out" | grep -q '^{"kind":"summary"' &&
	[ "$(grep -c '^{"kind":"session"' "$tmp/out")" = 15 ] && ok || no "jsonl shape"
while read -r line; do
	printf '%s' "$line" | "$jsoncheck" || { no "jsonl line is not JSON: $line"; break; }
done <"$tmp/out" && ok

# -j: several threads give the same report, notes and status as one.
for fmt in text json jsonl checklist html; do
	"$bin" -j 1 --format $fmt --timeline -R "$top/samples" "$top/tests/fixtures" \
		"$tmp/missing.log" >"$tmp/j1" 2>"$tmp/j1.err"
	s1=$?
	"$bin" -j 3 --format $fmt --timeline -R "$top/samples" "$top/tests/fixtures" \
		"$tmp/missing.log" >"$tmp/j3" 2>"$tmp/j3.err"
	s3=$?
	same "$tmp/j1" "$tmp/j3" && same "$tmp/j1.err" "$tmp/j3.err" &&
		[ $s1 = 2 ] && [ $s3 = 2 ] && ok ||
		no "-j 3 --format $fmt differs from one thread (exit $s1 and" \
		    "$s3): $differ"
done
# Without a timeline the threads leave session records out, unless names are
# redacted: placeholders are numbered in the order names are reported.
for opt in --no-merge --redact; do
	for fmt in text json html; do
		"$bin" -j 1 --format $fmt $opt -R "$top/samples" \
			"$top/tests/fixtures" >"$tmp/j1" 2>&1
		s1=$?
		"$bin" -j 3 --format $fmt $opt -R "$top/samples" \
			"$top/tests/fixtures" >"$tmp/j3" 2>&1
		s3=$?
		same "$tmp/j1" "$tmp/j3" && [ $s1 = $s3 ] && ok ||
			no "-j 3 --format $fmt $opt differs from one thread" \
			    "(exit $s1 and $s3): $differ"
	done
done
# Without -R, a directory among the inputs is noted in its place.
"$bin" -j 1 --format json "$top/samples/orgforms.log" "$top/samples" \
	"$top/samples/repeats.log" >"$tmp/j1" 2>&1
s1=$?
"$bin" -j 3 --format json "$top/samples/orgforms.log" "$top/samples" \
	"$top/samples/repeats.log" >"$tmp/j3" 2>&1
s3=$?
[ $s1 = 2 ] && [ $s3 = 2 ] && grep -q 'is a directory (use --recursive)' "$tmp/j1" &&
	cmp -s "$tmp/j1" "$tmp/j3" && ok || no "-j 3 with a directory differs"
expect_status 2 "$bin" -j 0 "$top/samples/orgforms.log" && ok || no "-j 0 is accepted"
# --jobs takes digits only, from 1 to 256: anything else is a usage error that
# names the option, not a number read as far as it goes (or wrapped).
for v in 1abc 4294967297 257 -1 +2 ' 2' 2x 0x10 '' 99999999999999999999; do
	"$bin" --jobs "$v" "$top/samples/orgforms.log" >"$tmp/out" 2>"$tmp/err"
	[ $? = 2 ] && [ ! -s "$tmp/out" ] &&
		grep -q -e "--jobs takes a number from 1 to 256, not '$v'" "$tmp/err" &&
		ok || no "--jobs '$v' is not refused: $(cat "$tmp/err")"
done
for v in 1 256; do
	expect_status 1 "$bin" -j "$v" "$top/samples/orgforms.log" && ok ||
		no "-j $v is refused"
done
# COLUMNS is used only when it is a number from 40 to 65535; other text in it
# is passed over (80 columns off a terminal).
COLUMNS=80 "$bin" "$top/samples/messy-2016.log" >"$tmp/c80"
COLUMNS=120 "$bin" "$top/samples/messy-2016.log" >"$tmp/c120"
cmp -s "$tmp/c80" "$tmp/c120" && no "COLUMNS=120 does not change the width" ||
	ok
for v in 120abc 4294967416 ' 120' 39; do
	COLUMNS=$v "$bin" "$top/samples/messy-2016.log" >"$tmp/out"
	cmp -s "$tmp/c80" "$tmp/out" && ok ||
		no "COLUMNS='$v' is not passed over"
done

# A file longer than 1 MiB is read ahead on a second thread: the same report,
# also when the text is converted from UTF-16 on the way.
i=0
while [ $i -lt 300 ]; do
	cat "$top"/samples/*.log
	i=$((i + 1))
done >"$tmp/long.log"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$tmp/long.log"; } >"$tmp/long16.log"
for f in long.log long16.log; do
	for fmt in text json; do
		"$bin" -j 1 --format $fmt --timeline "$tmp/$f" >"$tmp/j1" 2>&1
		s1=$?
		"$bin" -j 2 --format $fmt --timeline "$tmp/$f" >"$tmp/j2" 2>&1
		s2=$?
		[ "$(wc -c <"$tmp/$f")" -gt 1048576 ] && [ $s1 = 1 ] &&
			[ $s2 = 1 ] && grep -q Q168734 "$tmp/j1" &&
			cmp -s "$tmp/j1" "$tmp/j2" && ok ||
			no "$f read ahead (--format $fmt) differs from -j 1"
	done
done

# Every JSON output is valid JSON: each sample, plain and unmerged.
for f in "$top"/samples/*.log; do
	for opt in "" --no-merge; do
		"$bin" --format json $opt "$f" | "$jsoncheck" && ok ||
			no "invalid JSON for $f $opt"
	done
done

# --help names every option the usage line has, and --version answers.
for o in --format --no-merge --rules --help --version rules explain --check --jobs; do
	"$bin" --help | grep -q -- "$o" && ok || no "--help does not mention $o"
done
"$bin" --version | grep -q '^ostdiag [0-9]' && ok || no "--version"

finish
