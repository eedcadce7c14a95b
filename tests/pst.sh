#!/bin/sh
# Outlook data files: the logs of a real Outlook 2016 .ost and of a .pst with
# three logs (plain text, compressed RTF, uncompressed RTF) read straight out
# of them, in time order, the Calendar upload error diagnosed, as golden text
# and as JSON; a .pst without logs refused; damaged copies (cut short, bytes
# changed) refused or read around, never a crash or a hang. The real files
# are ../shared/pst beside the source tree; without them their checks are
# skipped with a message. A .pst that tests/bench/genpst.c writes shows the
# logs of one file merged: an error of several logs counted over all their
# sessions, Sync Issues found by its entry id whatever its name; with mail
# beside the logs, a log forwarded among it found and the rest not opened.
# A build without libpff must say so of each file, and fail it.
#   sh tests/pst.sh BINARY JSONCHECK GENPST [--update]
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
jsoncheck=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
genpst=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
update=${4:-}
name=pst
. "$(dirname "$0")/lib.sh"
data=$top/../shared/pst
expected=$top/tests/pst-expected
ost=outlook2016-sync-issues.ost

"$genpst" 12 "$tmp/twelve.pst" || { no "genpst failed"; finish; exit; }

# A build without libpff: each file fails, saying why.
"$bin" "$tmp/twelve.pst" >/dev/null 2>"$tmp/err"
if grep -q "not in this build" "$tmp/err"; then
	for f in "$tmp/twelve.pst" "$data/$ost" "$data/sync-issues.pst"; do
		[ -f "$f" ] || continue
		"$bin" --format json "$f" >"$tmp/out" 2>"$tmp/err"
		st=$?
		[ $st = 2 ] &&
			grep -qF "support for .ost/.pst is not in this build" \
			    "$tmp/err" &&
			grep -qF '"reason":"support for .ost/.pst is not in this build' \
			    "$tmp/out" && ok ||
			no "$f without libpff: exit $st, $(head -1 "$tmp/err")"
	done
	finish
	exit
fi

# damaged FILE LABEL: a damaged copy exits 0, 1 or 2 within a minute, with
# no sanitizer report, and says why when it fails.
damaged() {
	timeout 60 "$bin" -t -f json "$1" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st -gt 2 ] || grep -q "Sanitizer\|runtime error" "$tmp/err"; then
		no "$2: exit $st: $(grep -m3 . "$tmp/err")"
	elif [ $st = 2 ] && ! grep -q '"reason":"' "$tmp/out"; then
		no "$2: failed with no reason"
	else
		ok
	fi
}

# damage_all FILE: copies cut short at five sizes, and with every 509th byte
# changed from five offsets.
damage_all() {
	size=$(wc -c <"$1")
	for cut in 512 4096 $((size / 10)) $((size / 2)) $((size - 512)); do
		head -c "$cut" "$1" >"$tmp/cut.pst"
		damaged "$tmp/cut.pst" "$(basename "$1") cut to $cut bytes"
	done
	for start in 0 7 100 515 4099; do
		cp "$1" "$tmp/flip.pst"
		chmod u+w "$tmp/flip.pst"
		perl -e '
			my ($file, $start, $step) = @ARGV;
			open(my $fh, "+<", $file) or die;
			binmode($fh);
			my $size = -s $file;
			for (my $o = $start; $o < $size; $o += $step) {
				seek($fh, $o, 0); read($fh, my $b, 1);
				seek($fh, $o, 0); print $fh chr(ord($b) ^ 0x5A);
			}' "$tmp/flip.pst" "$start" 509
		damaged "$tmp/flip.pst" \
		    "$(basename "$1") with every 509th byte from $start changed"
	done
}

# The generated file: twelve logs an hour apart, every third with the same
# Organization Forms error, every seventh with a Calendar one; bodies in
# plain text, compressed and uncompressed RTF and HTML.
"$bin" -f json "$tmp/twelve.pst" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 1 ] && "$jsoncheck" <"$tmp/out" >/dev/null && ok ||
	no "generated .pst: exit $st, or not valid JSON"
jq -e '[.files[] | select(.format == "pst" and .folder == "Sync Issues" and
    .sessions == 2 and (.failed | not))] | length == 12' "$tmp/out" \
    >/dev/null && ok || no "generated .pst: not twelve logs of two sessions"
jq -e '[.files[].date] == [range(0; 12) | 1767600000 + 3600 * . |
    todate | sub("Z$"; "")]' "$tmp/out" >/dev/null && ok ||
	no "generated .pst: logs not in time order: $(jq -c '[.files[].date]' "$tmp/out")"
jq -e '.findings | length == 2 and
    (.[0] | .code == "8004010F-501-0-521" and .count == 4 and
    .sessions_with == 4 and .sessions_total == 24 and
    (.file | endswith("Synchronization Log:@2026-01-05T08:00:00"))) and
    (.[1] | .code == "8004010F-501-8004010F-320" and .count == 2 and
    .sessions_with == 2 and
    .diagnoses[0].id == "OSTD-NOT-FOUND-UPLOAD")' "$tmp/out" >/dev/null && ok ||
	no "generated .pst: repeats not merged over its logs: $(jq -c '.findings[] | [.code, .count, .sessions_with, .sessions_total]' "$tmp/out")"
jq -e '.findings[0].last_line == 6 and (.findings[0].last_file |
    endswith("twelve.pst:Sync Issues/Synchronization Log:@2026-01-05T17:00:00"))' \
    "$tmp/out" >/dev/null && ok ||
	no "generated .pst: the last occurrence not in its log"
"$bin" "$tmp/twelve.pst" 2>/dev/null | tr -s '\n ' '  ' |
	grep -q " repeats: 4 times in 4 of 24 sessions, the last at [^ ]*/twelve.pst:Sync Issues/Synchronization Log:@2026-01-05T17:00:00:6 (16:59:56) " &&
	ok || no "generated .pst: the text does not say how persistent the error is"
grep -q "twelve.pst:Sync Issues/Conflicts/Modification Resolution@2026-01-05T08:01:00: a conflict, not a log" \
    "$tmp/err" && ok || no "generated .pst: no note for the conflict"
# Sync Issues by its entry id, whatever its name.
"$genpst" -f "Problemas de sincronizaci$(printf '\303\263')n" 3 \
    "$tmp/es.pst"
"$bin" "$tmp/es.pst" >/dev/null 2>"$tmp/err"
grep -q "es.pst:Problemas de sincronizaci[^/]*n/Local Failures/Team meeting@2026-01-05T08:01:01: a local failure, not a log" \
    "$tmp/err" && ok || no "Sync Issues not found by its entry id: $(cat "$tmp/err")"
# Mail beside the logs: a log forwarded among it is found; the rest is
# passed over by its folder's list of subjects, not opened, so that two
# messages of 8 MB add nothing like their size to the peak memory.
"$genpst" -m 3 -s 8000000 12 "$tmp/mail.pst"
"$bin" -f json "$tmp/mail.pst" 2>/dev/null >"$tmp/out"
jq -e '(.files | length) == 13 and ([.files[] | select(.folder == "Inbox"
    and .sessions == 2 and (.file |
    endswith("Inbox/FW: Synchronization Log:@2026-01-03T08:00:00")))] |
    length == 1)' "$tmp/out" >/dev/null && ok ||
	no "a log forwarded among mail not found: $(jq -c '[.files[].file]' "$tmp/out")"
if grep -q '__asan_init\|__tsan_init' "$bin"; then
	echo "$name: memory not checked under a sanitizer"
elif /usr/bin/time -f %M true >/dev/null 2>&1; then
	/usr/bin/time -f %M -o "$tmp/rss0" "$bin" -q -j 1 "$tmp/twelve.pst" \
	    >/dev/null 2>&1
	/usr/bin/time -f %M -o "$tmp/rss1" "$bin" -q -j 1 "$tmp/mail.pst" \
	    >/dev/null 2>&1
	grow=$(( $(tail -1 "$tmp/rss1") - $(tail -1 "$tmp/rss0") ))
	[ "$grow" -lt 4096 ] && ok ||
		no "16 MB of mail the logs do not need adds $grow KiB of memory"
else
	echo "$name: no GNU time (/usr/bin/time): the memory check is skipped"
fi
damage_all "$tmp/twelve.pst"

if [ ! -f "$data/$ost" ] || [ ! -f "$data/sync-issues.pst" ] ||
    [ ! -f "$data/no-sync-logs.pst" ]; then
	echo "$name: the real Outlook data files of $data are not there:" \
	    "their checks are skipped"
	finish
	exit
fi
cd "$data" || exit 2

# golden LABEL FILE ARGS...: the output of ARGS is FILE of tests/pst-expected.
golden() {
	label=$1 file=$2
	shift 2
	"$bin" "$@" >"$tmp/out" 2>/dev/null
	if [ "$update" = --update ]; then
		mkdir -p "$expected"
		cp "$tmp/out" "$expected/$file"
	fi
	cmp -s "$tmp/out" "$expected/$file" && ok ||
		{ no "$label: output differs from $file:"; diff "$expected/$file" \
		    "$tmp/out" | head -20; }
}

# The real .ost: its one log, its error with the line before it as message.
golden "$ost text" ost.txt -v -t $ost
golden "$ost json" ost.json -f json -t $ost
"$bin" $ost >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 1 ] &&
	grep -qF "$ost:Sync Issues/Synchronization Log:@2021-08-12T20:41:51:7: error" \
	    "$tmp/out" &&
	grep -q "^  code: *0-0 " "$tmp/out" &&
	grep -q "^  message: *Could not connect to public folder server\.$" \
	    "$tmp/out" && ok ||
	no "$ost: exit $st, not the [0-0] error with its message"

# The .pst: three logs in time order, their bodies in every form.
golden "sync-issues.pst text" pst.txt -v -t sync-issues.pst
golden "sync-issues.pst json" pst.json -f json -t sync-issues.pst
"$bin" -f json sync-issues.pst >"$tmp/out" 2>"$tmp/err"
st=$?
"$jsoncheck" <"$tmp/out" >/dev/null && [ $st = 1 ] && ok ||
	no "sync-issues.pst: exit $st, or not valid JSON"
jq -r '.files[] | [.file, .folder, .date, .sessions, .errors,
    .findings] | @tsv' "$tmp/out" >"$tmp/files"
printf '%s\n' \
	'sync-issues.pst:Sync Issues/Synchronization Log:@2026-03-02T09:14:04	Sync Issues	2026-03-02T09:14:04	2	0	0' \
	'sync-issues.pst:Sync Issues/Synchronization Log:@2026-03-02T10:01:12	Sync Issues	2026-03-02T10:01:12	1	1	1' \
	'sync-issues.pst:Sync Issues/Synchronization Log:@2026-03-03T11:30:46	Sync Issues	2026-03-03T11:30:46	1	0	0' \
	>"$tmp/want"
cmp -s "$tmp/files" "$tmp/want" && ok ||
	{ no "sync-issues.pst: the logs' records:"; cat "$tmp/files"; }
jq -e '.findings | length == 1 and .[0].folder == "Calendar" and
    .[0].code == "8004010F-501-8004010F-320" and
    (.[0].head_text | startswith("Error synchronizing message")) and
    .[0].subject == "Team meeting" and .[0].sessions_total == 4' \
    "$tmp/out" >/dev/null && ok || no "sync-issues.pst: the Calendar error"
jq -e '.findings[0].diagnoses | length == 1 and
    (.[0] | .id == "OSTD-NOT-FOUND-UPLOAD" and .best and
    .applicability == "matches" and .provenance == "field-experience")' \
    "$tmp/out" >/dev/null && ok ||
	no "sync-issues.pst: the Calendar error not diagnosed: $(jq -c '[.findings[].diagnoses[].id]' "$tmp/out")"
grep -qF "sync-issues.pst:Sync Issues/Conflicts/Modification Resolution@2026-03-02T10:01:13: a conflict, not a log" \
    "$tmp/err" &&
	grep -qF "sync-issues.pst:Sync Issues/Local Failures/Team meeting@2026-03-02T10:01:12: a local failure, not a log" \
	    "$tmp/err" && ok ||
	no "sync-issues.pst: Conflicts and Local Failures items not noted"
# The format named: the same.
"$bin" -f json --input-format pst sync-issues.pst 2>/dev/null |
	cmp -s - "$tmp/out" && ok || no "--input-format pst reads otherwise"

# The .pst without logs: trouble, named; skipped, found.
"$bin" -f json no-sync-logs.pst >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] &&
	grep -qF "no-sync-logs.pst: no synchronization log found in the Outlook data file (7 folders and 7 messages searched)" \
	    "$tmp/err" &&
	jq -e '.files[0].failed and .files[0].format == "pst"' "$tmp/out" \
	    >/dev/null && ok || no "no-sync-logs.pst: exit $st, $(cat "$tmp/err")"
mkdir "$tmp/ticket"
cp no-sync-logs.pst sync-issues.pst "$tmp/ticket/"
"$bin" -q -R "$tmp/ticket" >"$tmp/out" 2>&1
st=$?
[ $st = 1 ] && grep -q "^4 files, 4 sessions, 1 error: .*; 1 skipped$" \
    "$tmp/out" && ok || no "-R over a ticket folder: exit $st, $(cat "$tmp/out")"

# Threads: the same report, in input order.
"$bin" -j 1 -f json -t $ost sync-issues.pst no-sync-logs.pst \
    "$top/samples/repeats.log" >"$tmp/one" 2>&1
"$bin" -j 4 -f json -t $ost sync-issues.pst no-sync-logs.pst \
    "$top/samples/repeats.log" >"$tmp/four" 2>&1
cmp -s "$tmp/one" "$tmp/four" && ok || no "-j 4 reports otherwise than -j 1"

# Redacted: no subject, folder or mailbox left.
"$bin" --redact -v -t $ost sync-issues.pst >"$tmp/out" 2>&1
! grep -q "Team meeting\|Pst Extractor\|Test User\|Calendar\|sync-issues" \
    "$tmp/out" && ok || no "--redact leaves names: $(grep -m1 "Team meeting\|Pst Extractor\|Test User\|Calendar\|sync-issues" "$tmp/out")"

# Read by name only, and only as a regular file.
"$bin" - <sync-issues.pst >/dev/null 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -qF "read by its name, not from standard input" \
    "$tmp/err" && ok || no "a .pst on standard input: exit $st"
"$bin" --input-format pst "$top/samples/repeats.log" >/dev/null 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -qF "cannot open the Outlook data file" "$tmp/err" && ok ||
	no "a log read as a .pst: exit $st, $(cat "$tmp/err")"

# Damaged copies of the real files.
damage_all sync-issues.pst
damage_all $ost
finish
