#!/bin/sh
# No false all-clear: an input that holds no synchronization log is never "0
# errors" with exit 0. Named (or on standard input) it is trouble, exit 2,
# named with why, in every format and listed in JSON "files" as failed; found
# by -R in a ticket folder it is skipped with the reason, and the logs beside
# it are analysed as before.
#   sh tests/notlog.sh BINARY JSONCHECK
set -u
bin=$1
jsoncheck=$2
name=notlog
. "$(dirname "$0")/lib.sh"

seed='11:43:26 Synchronizing Organization Forms
11:43:27 Error synchronizing folder
11:43:27 [8004010F-501-0-521]
11:43:27 The client operation failed.'

# refused LABEL MESSAGE FILE...: each format exits 2 with MESSAGE on stderr,
# and the JSON lists the file as failed with the reason.
refused() {
	label=$1 msg=$2
	shift 2
	for format in text json jsonl checklist html; do
		"$bin" --format "$format" "$@" >"$tmp/out" 2>"$tmp/err"
		st=$?
		[ $st = 2 ] && grep -qF -- "$msg" "$tmp/err" ||
			{ no "$label ($format): exit $st, stderr: $(head -2 "$tmp/err")"; return; }
		if grep -q "0 errors: 0 findings" "$tmp/out" &&
		    ! grep -q "1 file failed" "$tmp/out"; then
			no "$label ($format): an all-clear"; return
		fi
	done
	"$bin" --format json "$@" >"$tmp/out.json" 2>/dev/null
	"$jsoncheck" <"$tmp/out.json" >/dev/null &&
		grep -qF '"failed":true' "$tmp/out.json" &&
		grep -qF '"files_failed":1' "$tmp/out.json" &&
		grep -F '"reason":"' "$tmp/out.json" | grep -qF -- "$msg" && ok ||
		no "$label: JSON does not list the file as failed with the reason"
}

printf 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' \
	>"$tmp/passwd"
refused "a text file" "no synchronization log found" "$tmp/passwd"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001' >"$tmp/shot.png"
refused "a PNG" "not a synchronization log: a PNG image" "$tmp/shot.png"
awk 'BEGIN { srand(7); for (i = 0; i < 4000; i++) printf "%c", int(rand() * 256) }' \
	>"$tmp/random.bin"
refused "random bytes" "no synchronization log found" "$tmp/random.bin"
: >"$tmp/empty.log"
refused "an empty file" "no synchronization log found: the input is empty" \
	"$tmp/empty.log"
mail=$top/../shared/msg/plain_unsent.msg
if [ -r "$mail" ]; then
	refused "mail without a log" \
		"no synchronization log found in the message 'Test for MSGConvert -- plain text'" \
		"$mail"
else
	echo "$name: skipped the .msg case: $mail not found"
fi
# The wrong encoding forced: no log is read, and the way out is named.
printf '%s\n' "$seed" >"$tmp/seed.log"
refused "a forced wrong encoding" "reading it as utf-16le (--encoding auto" \
	--encoding utf-16le "$tmp/seed.log"

# A forced encoding that much of the input is not valid in: trouble, named.
awk 'BEGIN { for (i = 0; i < 40; i++)
	printf "11:43:%02d Synchronizing server changes in folder \047Entw\374rfe\047\n", i }' \
	>"$tmp/ansi.log"
printf '%s\n' "$seed" >>"$tmp/ansi.log"
"$bin" --encoding utf-8 "$tmp/ansi.log" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "ansi.log: 40 of [0-9]* bytes are not valid utf-8: the encoding is likely wrong (--encoding auto" \
	"$tmp/err" && ok || no "--encoding utf-8 on Windows-1252: exit $st, $(tail -1 "$tmp/err")"
"$bin" "$tmp/ansi.log" >/dev/null 2>&1
[ $? = 1 ] && ok || no "the same file with the encoding found is not read"

# A note on the whole file has no line.
"$bin" --format json "$tmp/passwd" 2>/dev/null |
	grep -qF '"line":null,"message":"no synchronization log found"' && ok ||
	no "a whole-file note does not have \"line\": null"

# Standard input.
echo hello | "$bin" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "(stdin): no synchronization log found" "$tmp/err" && ok ||
	no "echo hello | ostdiag: exit $st"

# A ticket folder: the log, ostdiag's own earlier reports in every format, a
# screenshot, an archive, random bytes and mail without a log. Only the log is
# read; the rest is skipped with the reason, and the run is not trouble.
mkdir "$tmp/ticket"
cp "$tmp/seed.log" "$tmp/ticket/sync.log"
for format in text json jsonl checklist html; do
	"$bin" --format "$format" "$tmp/seed.log" >"$tmp/ticket/report-$format" 2>/dev/null
done
cp "$tmp/shot.png" "$tmp/random.bin" "$tmp/ticket/"
tar czf "$tmp/ticket/logs.tgz" -C "$tmp" seed.log
[ -r "$mail" ] && cp "$mail" "$tmp/ticket/mail.msg"
"$bin" -R --format json "$tmp/ticket" >"$tmp/out.json" 2>"$tmp/err"
st=$?
"$jsoncheck" <"$tmp/out.json" >/dev/null && [ $st = 1 ] && ok ||
	no "-R ticket: exit $st, want 1 (the log's finding, nothing failed)"
for want in '"findings":1,' '"sessions":1,' '"files_failed":0' \
    '"reason":"not a synchronization log: an ostdiag report (text)"' \
    '"reason":"not a synchronization log: an ostdiag report (JSON)"' \
    '"reason":"not a synchronization log: an ostdiag report (checklist)"' \
    '"reason":"not a synchronization log: an ostdiag report (HTML)"' \
    '"reason":"not a synchronization log: a PNG image"' \
    '"reason":"not a synchronization log: a gzip archive"' \
    '"reason":"no synchronization log found"'; do
	grep -qF -- "$want" "$tmp/out.json" || no "-R ticket: no $want"
done
skipped=$(grep -o '"skipped":true' "$tmp/out.json" | wc -l)
want=8
[ -r "$mail" ] && want=9
[ "$skipped" = "$want" ] && grep -qF "\"files_skipped\":$want" "$tmp/out.json" &&
	ok || no "-R ticket: $skipped files skipped, want $want"
"$bin" -R "$tmp/ticket" >"$tmp/out" 2>/dev/null
grep -q "report-html  *-  *skipped: not a synchronization log: an ostdiag report (HTML)" \
	"$tmp/out" && grep -q "; $want skipped$" "$tmp/out" && ok ||
	no "-R ticket: the table does not show what was skipped"

# --include and --exclude-file: the files left out are not read or listed;
# inputs named are read whatever their name.
"$bin" -R --include '*.log' --format json "$tmp/ticket" >"$tmp/out.json" 2>"$tmp/err"
st=$?
[ $st = 1 ] && grep -qF '"files":1,' "$tmp/out.json" && [ ! -s "$tmp/err" ] && ok ||
	no "--include '*.log': exit $st, $(grep -o '"files":[0-9]*' "$tmp/out.json")"
"$bin" -R --exclude-file 'report-*' --exclude-file '*.png' --format json \
	"$tmp/ticket" >"$tmp/out.json" 2>/dev/null
grep -qF '"files_skipped":'"$((want - 6))" "$tmp/out.json" &&
	! grep -q 'report-\|shot.png' "$tmp/out.json" && ok ||
	no "--exclude-file: $(grep -o '"files_skipped":[0-9]*' "$tmp/out.json")"
"$bin" -R --include '*.log' "$tmp/shot.png" >/dev/null 2>&1
[ $? = 2 ] && ok || no "--include left out a file named on the command line"

finish
