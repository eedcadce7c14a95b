#!/bin/sh
# Load and faults: nothing lost when the temporary spool fails, when standard
# descriptors are closed, when inputs are many, large, odd or vanish.
#   sh tests/faults.sh BINARY JSONCHECK
set -u
bin=$1
jsoncheck=$2
name=faults
. "$(dirname "$0")/lib.sh"

# 20,000 clean sessions: their timeline (-t) outgrows the spool's memory.
awk 'BEGIN { for (i = 0; i < 20000; i++) {
	t = sprintf("9:%02d:%02d", i % 60, i % 60);
	printf "%s Synchronizer Version 16.0.14326\n", t;
	printf "%s Synchronizing Mailbox '\''Dana Ruiz'\''\n%s Done\n", t, t } }' \
	>"$tmp/many.log"
# The same, then an error and a line long enough to be cut (a note).
cp "$tmp/many.log" "$tmp/many-note.log"
printf '%s\n' '9:00:00 Synchronizer Version 16.0.14326' \
	'9:00:01 Error synchronizing folder' '9:00:01 [8004010F-501-0-521]' \
	>>"$tmp/many-note.log"
awk 'BEGIN { for (i = 0; i < 1200000; i++) printf "x"; print "" }' \
	>>"$tmp/many-note.log"

# The timeline read back from the spool's file: every session, whole, with
# the strings of its record (mailbox, version, where its errors were).
awk 'BEGIN { for (i = 0; i < 10000; i++) {
	printf "9:00:00 Synchronizer Version 16.0.%d\n", i;
	printf "9:00:00 Synchronizing Mailbox '\''User %d'\''\n", i;
	printf "9:00:01 Synchronizing server changes in folder '\''Box-%d'\''\n", i;
	print "9:00:01 Error synchronizing folder";
	print "9:00:01 [8004010F-501-0-521]";
	print "9:00:02 Done" } }' >"$tmp/errors.log"
COLUMNS=300 "$bin" -t "$tmp/errors.log" >"$tmp/out"
[ "$(grep -c '^  session [0-9]* at ' "$tmp/out")" = 10000 ] &&
	grep -q "^  session 10000 at $tmp/errors.log:59995: 09:00:00-09:00:02 (2 s), mailbox 'User 9999', 1 folders, 0 items down, 0 up, 1 errors, Done; errors in Box-9999: 1$" "$tmp/out" &&
	ok || no "the timeline from the spool's file is not whole"

# The spool goes where TMPDIR says; when it cannot be made, the run fails
# with the directory named, rather than reporting part of the list.
TMPDIR="$tmp/none" "$bin" -t "$tmp/many.log" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "temporary file in $tmp/none: No such file" "$tmp/err" &&
	ok || no "a spool that cannot be made: $(cat "$tmp/err")"
TMPDIR="$tmp" "$bin" -t --format json "$tmp/many.log" | "$jsoncheck" &&
	[ -z "$(ls "$tmp" | grep ostdiag)" ] && ok ||
	no "a spool in TMPDIR is invalid JSON or left behind"

# A spool that fills up (a file size limit; SIGXFSZ ignored, so writes fail
# with EFBIG as on a full disk) fails the run, in every format.
for f in text json; do
	sh -c 'trap "" XFSZ; ulimit -f 600; TMPDIR=$1 "$2" -t --format "$3" \
		"$4" >/dev/null' sh "$tmp" "$bin" "$f" "$tmp/many.log" \
		2>"$tmp/err"
	[ $? = 2 ] && grep -q "temporary file in $tmp: File too large" \
		"$tmp/err" && ok || no "a full spool ($f): $(cat "$tmp/err")"
done

# Closed standard output: the report cannot go into the spool's file.
"$bin" -t --format json <"$tmp/many.log" >&- 2>"$tmp/err"
[ $? = 2 ] && grep -q "write error on standard output" "$tmp/err" && ok ||
	no "closed standard output: $(cat "$tmp/err")"
# Closed standard error: notes cannot go into the JSON on standard output.
"$bin" -t --format json <"$tmp/many-note.log" 2>&- >"$tmp/out"
[ $? = 1 ] && "$jsoncheck" <"$tmp/out" &&
	grep -q '"notes":\[{"kind":"note"' "$tmp/out" && ok ||
	no "closed standard error: the JSON is broken"

# Every input given or found is accounted for in "files", with its outcome.
printf '%s\n' '9:14:02 Synchronizer Version 16.0.14326' \
	'9:14:03 Error synchronizing folder' '9:14:03 [8004010F-501-0-521]' \
	>"$tmp/small.log"
for j in 1 2; do
	"$bin" -j $j --format json "$tmp/missing.log" "$tmp/small.log" \
		>"$tmp/out" 2>/dev/null
	[ $? = 2 ] && grep -q '"file":"[^"]*missing.log","format":null.*"failed":true,"skipped":false,"reason":"No such file or directory"' "$tmp/out" &&
		grep -q '"files":2,"files_failed":1,"files_skipped":0' "$tmp/out" &&
		ok || no "a missing input is not in files (-j $j)"
done
# A device never ends: it is refused, not read forever.
timeout 20 "$bin" /dev/zero >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -q "/dev/zero: is a device, not a file" "$tmp/err" && ok ||
	no "/dev/zero as input: $(cat "$tmp/err")"
# A FIFO no program writes to is given up after 10 s, not waited for forever;
# one that is written to is read.
mkfifo "$tmp/fifo"
timeout 30 "$bin" "$tmp/fifo" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -q "fifo: is a FIFO that no program wrote to within 10 s" \
	"$tmp/err" && ok || no "a FIFO with no writer: $(cat "$tmp/err")"
(sleep 1; cat "$tmp/small.log" >"$tmp/fifo") &
timeout 30 "$bin" -j 2 "$tmp/fifo" "$tmp/small.log" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ "$(grep -c '8004010F-501-0-521' "$tmp/out")" = 2 ] && ok ||
	no "a FIFO that is written to: $(cat "$tmp/err")"
wait
# A directory walk accounts for what it does not read: links to directories,
# dangling links, FIFOs; a link to a file is read. One thread or two, the
# report and its notes are the same, in the same order, and so are those of a
# directory that cannot be walked (here: nested too deep).
mkdir -p "$tmp/tree/sub"
cp "$tmp/small.log" "$tmp/tree/a.log"
cp "$tmp/small.log" "$tmp/tree/sub/c.log"
ln -s a.log "$tmp/tree/b-link.log"
ln -s nowhere "$tmp/tree/b-dangling.log"
ln -s sub "$tmp/tree/b-dirlink"
mkfifo "$tmp/tree/b-pipe.log"
deep="$tmp/tree/b-deep"
i=0
while [ $i -lt 66 ]; do deep="$deep/d"; i=$((i + 1)); done
mkdir -p "$deep"
cp "$tmp/small.log" "$deep/x.log"
for j in 1 2; do
	timeout 30 "$bin" -j $j -R "$tmp/tree" >"$tmp/out$j" 2>"$tmp/err$j"
	echo "status $?" >>"$tmp/out$j"
done
cmp -s "$tmp/out1" "$tmp/out2" && cmp -s "$tmp/err1" "$tmp/err2" && ok ||
	no "-R reports differ between -j 1 and -j 2"
grep -q "b-dangling.log: a symbolic link to nothing, not read" "$tmp/err1" &&
	grep -q "b-dirlink: a symbolic link to a directory, not followed" "$tmp/err1" &&
	grep -q "b-pipe.log: a FIFO, not read" "$tmp/err1" &&
	grep -q "directories nested too deep" "$tmp/err1" &&
	grep -q "^status 2$" "$tmp/out1" &&
	[ "$(grep -c '8004010F-501-0-521' "$tmp/out1")" = 3 ] &&
	grep -q "; 1 file failed; 3 skipped" "$tmp/out1" && ok ||
	no "-R does not account for what it skips: $(cat "$tmp/err1")"
rm -rf "$tmp/tree"

# Merging holds past the table's 4,096 distinct findings: 5,000 errors, each
# in all three sessions, are 5,000 findings seen 3 times in 3 of 3 sessions,
# each at its first place and with its last.
awk 'BEGIN { for (r = 0; r < 3; r++) {
	print "9:14:02 Synchronizer Version 16.0.14326";
	for (i = 0; i < 5000; i++) {
		printf "9:14:03 Synchronizing server changes in folder '\''F%d'\''\n", i;
		print "9:14:03 Error synchronizing folder";
		print "9:14:03 [8004010F-501-0-521]" }
	print "9:14:09 Done" } }' >"$tmp/repeats.log"
"$bin" --format jsonl "$tmp/repeats.log" >"$tmp/out"
[ "$(grep -c '"kind":"error"' "$tmp/out")" = 5000 ] &&
	[ "$(grep -c '"count":3,"last_line":[0-9]*,"last_time":"09:14:03","sessions_with":3,"sessions_total":3' "$tmp/out")" = 5000 ] &&
	grep -q '"line":3,.*"count":3,"last_line":30007,' "$tmp/out" &&
	grep -q '"line":15000,.*"last_line":45004,' "$tmp/out" && ok ||
	no "5,000 errors three times each are not merged: $(grep -c '"kind":"error"' "$tmp/out") findings"
# Merging them needs a temporary file: one that cannot be made fails the
# input, with a note, rather than leaving repeats unmerged.
TMPDIR="$tmp/none" "$bin" "$tmp/repeats.log" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "repeats.log: repeated findings could not be merged in a temporary file in $tmp/none" "$tmp/err" &&
	ok || no "a merge that cannot spill: $(cat "$tmp/err")"

# Memory with threads: a log of 300,000 distinct errors read beside a small
# one on two threads stays within 250 MB of address space (a whole recording
# of it would need more). Sanitizer builds reserve far more than that.
if grep -q '__asan_init\|__tsan_init' "$bin"; then
	echo "faults: memory bound not checked under a sanitizer"
else
	awk 'BEGIN { print "9:14:02 Synchronizer Version 16.0.14326";
		for (i = 0; i < 300000; i++) {
			printf "9:14:03 Synchronizing server changes in folder '\''F%d'\''\n", i;
			print "9:14:03 Error synchronizing folder";
			print "9:14:03 [8004010F-501-0-521]" } }' >"$tmp/distinct.log"
	head -n 4 "$tmp/distinct.log" >"$tmp/small.log"
	sh -c 'ulimit -v 250000; "$1" -j 2 --format json "$2" "$3" >"$4"' sh \
		"$bin" "$tmp/distinct.log" "$tmp/small.log" "$tmp/out" 2>"$tmp/err"
	[ $? = 1 ] && [ "$(grep -o '"kind":"error"' "$tmp/out" | wc -l)" = 300001 ] &&
		ok || no "300,000 distinct errors on two threads: $(cat "$tmp/err")"
	rm -f "$tmp/distinct.log" "$tmp/out"
fi

finish
