#!/bin/sh
# Memory on an endless standard input: genlog writes logs without end into
# ostdiag for SECONDS; its resident memory is sampled every few seconds and must
# not grow. Prints the samples and the peak.
#   sh tests/bench/endless.sh OSTDIAG GENLOG [SECONDS]
set -u
ostdiag=$1
genlog=$2
seconds=${3:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/pipe"
"$genlog" 1000G >"$tmp/pipe" &
gen=$!
"$ostdiag" --format json <"$tmp/pipe" >/dev/null &
pid=$!
first=
last=
i=0
while [ "$i" -lt "$seconds" ]; do
	sleep 5
	i=$((i + 5))
	rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null)
	[ -n "$rss" ] || { echo "endless: ostdiag ended early"; kill $gen; exit 1; }
	[ -n "$first" ] || first=$rss
	last=$rss
	echo "endless: after ${i} s: resident $rss KB"
done
peak=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
kill $gen $pid 2>/dev/null
wait 2>/dev/null
echo "endless: peak $peak KB over $seconds s (first sample $first KB, last $last KB)"
[ "$last" -le $((first + 1024)) ]
