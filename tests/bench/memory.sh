#!/bin/sh
# Peak memory against the stated bound: a log of N distinct errors (every one
# a finding of its own) and a log of N sessions, each read beside a small log
# with one thread (-j 1) and two (-j 2), with the timeline on (-t), in every
# report format. The bound is what the README's "Reliability" section states:
# BOUND_KB for one thread, and BOUND_KB plus THREAD_KB for each further one.
#
#   sh tests/bench/memory.sh OSTDIAG [N]
#
# Prints one line per run ("memory: log=... jobs=... format=... peak_kb=...
# bound_kb=... PASS|MISS") and a closing count. Peak RSS comes from GNU time
# (/usr/bin/time -f %M). Exits 1 when a run is over its bound or fails.
set -u
ostdiag=$1
n=${2:-1000000}
BOUND_KB=${BOUND_KB:-32768}
THREAD_KB=${THREAD_KB:-16384}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "memory: needs GNU time (/usr/bin/time)"; exit 1; }

awk -v n="$n" 'BEGIN { print "9:14:02 Synchronizer Version 16.0.14326";
	for (i = 0; i < n; i++) {
		printf "9:14:03 Synchronizing server changes in folder '\''F%d'\''\n", i;
		print "9:14:03 Error synchronizing folder";
		print "9:14:03 [8004010F-501-0-521]" } }' >"$tmp/distinct.log"
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) {
	t = sprintf("%d:%02d:%02d", 9 + int(i / 3600) % 12, int(i / 60) % 60, i % 60);
	printf "%s Synchronizer Version 16.0.14326\n", t;
	printf "%s Synchronizing Mailbox '\''Dana Ruiz'\''\n", t;
	printf "%s Synchronizing server changes in folder '\''Inbox'\''\n", t;
	printf "%s \t   2 item(s) added to offline folder\n%s Done\n", t, t } }' \
	>"$tmp/sessions.log"
head -n 4 "$tmp/distinct.log" >"$tmp/small.log"

over=0
runs=0
for log in distinct sessions; do
	for jobs in 1 2; do
		bound=$((BOUND_KB + (jobs - 1) * THREAD_KB))
		for format in text json jsonl checklist html; do
			/usr/bin/time -f %M -o "$tmp/peak" "$ostdiag" -t -j "$jobs" \
				--format "$format" "$tmp/$log.log" "$tmp/small.log" \
				>/dev/null 2>"$tmp/err"
			status=$?
			peak=$(tail -n 1 "$tmp/peak")
			verdict=PASS
			if [ "$status" -gt 1 ]; then
				verdict="FAIL (exit $status: $(head -n 1 "$tmp/err"))"
				over=$((over + 1))
			elif [ "$peak" -gt "$bound" ]; then
				verdict=MISS
				over=$((over + 1))
			fi
			runs=$((runs + 1))
			echo "memory: log=$log n=$n jobs=$jobs format=$format" \
				"peak_kb=$peak bound_kb=$bound $verdict"
		done
	done
done
echo "memory: $runs runs, $over over their bound"
[ "$over" = 0 ]
