#!/bin/sh
# ostdiag's benchmark: speed, peak memory and start-up time, measured in one run
# on the same generated input against grep and a minimal awk analyzer.
#
#   sh tests/bench/bench.sh OSTDIAG GENLOG LINESCAN [SIZE]
#
# OSTDIAG is the ostdiag binary, GENLOG and LINESCAN the binaries built from
# tests/bench/genlog.c and linescan.c, SIZE the size of the big log (default 1G;
# k, M, G are powers of 1024).
#
# Measures, each the best of 5 runs on a warm page cache (ostdiag uses one
# thread per processor unless -j says otherwise):
#   ostdiag_file   ostdiag --format json FILE
#   ostdiag_file_j1  the same with -j 1 (one thread)
#   ostdiag_stdin  ostdiag --format json <FILE
#   grep_cE        grep -cE '<four-part code>' FILE
#   awk_baseline   awk -f tests/bench/baseline.awk FILE
#   lines_j1       linescan FILE: only finds every line's end, one thread
#   lines_all      linescan -j N FILE, one thread per processor
#   ostdiag_10k    ostdiag --format json on 10,000 logs of about 2 KB
#   ostdiag_10k_j1 the same with -j 1
#   ostdiag_10k_j2 the same with -j 2
#   ostdiag_10k_halves  two ostdiag -j 1 at once, on 5,000 of the logs each
#   grep_c_10k     grep -cE '<four-part code>' on the same 10,000 logs
#   grep_c_10k_halves  two of those greps at once, on 5,000 of the logs each
#   startup_1k     ostdiag --format json on a 1 KB log, best of 20
#   startup_version  ostdiag --version, in turns with startup_1k
#   rules_10k      ostdiag -j 1 --format json --rules DIR on the 1 KB log, DIR
#                  a directory of 10,000 small rule files (tests/bench/
#                  genrules.sh), best of 3
#   rules_100k     the same with 100,000 rule files, in turns with rules_10k
# The commands on the big log take turns, one run each per round, and so do
# those on the small logs (tests/bench/timing.pl): a slow spell of the machine
# then falls on all of them, and the ratios between them hold.
# Every command writes its output to a regular file in a scratch directory,
# created anew for each run, not to /dev/null: GNU grep notices /dev/null and
# stops at the first match, which would time nothing. Peak RSS comes from one
# more run of each under GNU time (/usr/bin/time -f %M).
# MB/s counts 10^6 bytes. Wall time is taken by perl's Time::HiRes around
# fork+exec+wait, so start-up times are exact to the microsecond. CPU time (user
# + system of the children, best of the same runs) is shown too: on a busy
# machine it moves less than wall time.
#
# The two _halves measures are no targets but yardsticks: what this machine
# gives two processes that share nothing, so the most -j 2 can get from it.
# So is startup_version: what starting the program costs before it reads
# anything, which the 1 KB log's time includes. And so are the two linescan
# measures: what visiting every line of the big log costs before any analysis,
# the floor of a program that reads a log line by line, as ostdiag must. The
# rules_ measures are figures as well, no targets: the time to read 100,000
# rule files, and how it grows from 10,000 (10x is linear).
#
# Prints one line per measure ("bench: name=... seconds=... mbps=... rss_kb=...
# cpu_seconds=..."), then a table, then each target with PASS or MISS ("bench:
# target=..."). A missed target is reported, not an error; a command that fails
# (ostdiag exit status above 1, grep above 1, awk above 0) stops the script with
# status 1.
#
# Environment: BENCH_DIR keeps the generated logs between runs (default
# ${TMPDIR:-/tmp}/ostdiag-bench; a log is reused when its size, seed, error share
# and the genlog binary are unchanged), BENCH_SEED (default 1), BENCH_ERRORS
# (percent of error lines, default 2), AWK (default awk), BENCH_XARGS=1 (pass
# the 10,000 logs through xargs even when they fit in one argument list).
# Everything runs with LC_ALL=C: grep and awk are at their fastest there.
#
# The s_, c_, r_ and m_ variables are assigned through eval in timed() and
# rate().
# shellcheck disable=SC2154
set -eu

die() {
	echo "bench: $*" >&2
	exit 1
}

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
	die "usage: sh bench.sh OSTDIAG GENLOG LINESCAN [SIZE]"
fi
ostdiag=$1
genlog=$2
linescan=$3
size=${4:-1G}
seed=${BENCH_SEED:-1}
errpct=${BENCH_ERRORS:-2}
awk=${AWK:-awk}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/ostdiag-bench}
here=$(cd "$(dirname "$0")" && pwd)
pattern='\[[0-9A-Fa-f]{1,8}(-[0-9A-Fa-f]{1,8}){3}\]'
nsmall=10000
# One linescan thread per processor online, as ostdiag's default (at most 64).
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
[ "$ncpu" -ge 1 ] 2>/dev/null || ncpu=1
[ "$ncpu" -le 64 ] || ncpu=64
LC_ALL=C
export LC_ALL

[ -x "$ostdiag" ] || die "$ostdiag: not an executable"
[ -x "$genlog" ] || die "$genlog: not an executable"
[ -x "$linescan" ] || die "$linescan: not an executable"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak RSS"
perl -MTime::HiRes -e 1 2>/dev/null || die "perl with Time::HiRes is needed"
command -v "$awk" >/dev/null || die "$awk: not found"
"$ostdiag" --version >/dev/null || die "$ostdiag --version failed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
mkdir -p "$dir"

# spec WORD...: add words to the jobs of the next timed run (one a line in
# $tmp/spec: ::job NAME, ::run IN MAXOK, then a command's words; a word cannot
# hold a newline). The lines of a file of names can be added as they are.
spec() {
	printf '%s\n' "$@" >>"$tmp/spec"
}

# timed REPS: time the jobs of the spec, taking turns (tests/bench/timing.pl
# says how), and record s_NAME (wall seconds), c_NAME (CPU seconds) and r_NAME
# (peak RSS in KB, or -) for each.
timed() {
	perl "$here/timing.pl" "$tmp" "$1" "$tmp/spec" >"$tmp/timing" ||
		die "a timed command failed"
	rm -f "$tmp/spec"
	# shellcheck disable=SC2034 # t_s, t_c and t_r are read through eval
	while read -r t_name t_s t_c t_r; do
		eval "s_$t_name=\$t_s c_$t_name=\$t_c r_$t_name=\$t_r"
	done <"$tmp/timing"
}

# calc FORMAT EXPR A [B]: floating-point arithmetic through awk on a and b.
calc() {
	"$awk" -v a="$3" -v b="${4:-1}" "BEGIN { printf \"$1\", $2 }"
}

# rate NAME BYTES: record m_NAME (MB/s, - for no bytes) and print NAME's
# "bench:" line.
rate() {
	eval "m_s=\$s_$1 m_c=\$c_$1 m_r=\$r_$1"
	m_mbps=-
	[ "$2" -eq 0 ] || m_mbps=$(calc %.1f 'a / 1e6 / b' "$2" "$m_s")
	eval "m_$1=\$m_mbps"
	echo "bench: name=$1 seconds=$m_s mbps=$m_mbps rss_kb=$m_r" \
		"cpu_seconds=$m_c"
}

# gen_stamp: what a generated input depends on.
gen_stamp() {
	echo "$1 seed=$seed errors=$errpct genlog=$(cksum <"$genlog" | cut -d' ' -f1)"
}

# The big log, generated once and kept.
big="$dir/sync-$size-s$seed-e$errpct.log"
want=$(gen_stamp "size=$size")
if [ -f "$big" ] && [ -f "$big.stamp" ] &&
	[ "$(sed -n 1p "$big.stamp")" = "$want" ] &&
	[ "$(wc -c <"$big")" = "$(sed -n 2p "$big.stamp")" ]; then
	echo "bench: reusing $big"
else
	echo "bench: generating $big"
	rm -f "$big" "$big.stamp"
	"$genlog" -s "$seed" -e "$errpct" "$size" >"$big.tmp" ||
		die "$genlog failed"
	mv "$big.tmp" "$big"
	{ echo "$want"; wc -c <"$big"; } >"$big.stamp"
fi
bytes=$(wc -c <"$big")

# The 10,000 small logs, kept the same way.
small="$dir/small-${nsmall}x2k-s$seed-e$errpct"
want=$(gen_stamp "count=$nsmall size=2k")
if [ -d "$small" ] && [ -f "$small.stamp" ] &&
	[ "$(cat "$small.stamp")" = "$want" ]; then
	echo "bench: reusing $small"
else
	echo "bench: generating $small"
	rm -rf "$small" "$small.stamp"
	"$genlog" -s "$seed" -e "$errpct" -n "$nsmall" -d "$small" 2k ||
		die "$genlog -n failed"
	echo "$want" >"$small.stamp"
fi
set -- "$small"/*.log
[ $# -eq "$nsmall" ] || die "$small: $# logs, expected $nsmall"
small_bytes=$(cat "$@" | wc -c)

# A 1 KB log for the start-up time.
one="$dir/one-1k-s$seed.log"
"$genlog" -s "$seed" -e 10 1k >"$one" || die "$genlog 1k failed"
one_bytes=$(wc -c <"$one")

# The rules directories, kept the same way (what they hold depends only on
# genrules.sh).
for nrules in 10000 100000; do
	rdir="$dir/rules-$nrules"
	want="count=$nrules genrules=$(cksum <"$here/genrules.sh" | cut -d' ' -f1)"
	if [ -d "$rdir" ] && [ -f "$rdir.stamp" ] &&
		[ "$(cat "$rdir.stamp")" = "$want" ]; then
		echo "bench: reusing $rdir"
	else
		echo "bench: generating $rdir"
		rm -rf "$rdir" "$rdir.stamp"
		sh "$here/genrules.sh" "$nrules" "$rdir" ||
			die "genrules.sh $nrules failed"
		echo "$want" >"$rdir.stamp"
	fi
done

# Warm the page cache.
cat "$big" >/dev/null
cat "$@" "$one" >/dev/null
find "$dir/rules-10000" "$dir/rules-100000" -name '*.rule' -exec cat {} + \
	>/dev/null

echo "bench: $("$ostdiag" --version); $("$awk" -W version 2>/dev/null |
	sed -n 1p || true); $(grep --version | sed -n 1p)"
echo "bench: input $big, $bytes bytes"

# The big log: every command takes its turn in each of 5 rounds.
spec ::job ostdiag_file ::run /dev/null 1 "$ostdiag" --format json "$big"
spec ::job ostdiag_file_j1 ::run /dev/null 1 "$ostdiag" -j 1 --format json \
	"$big"
spec ::job ostdiag_stdin ::run "$big" 1 "$ostdiag" --format json
spec ::job grep_cE ::run /dev/null 1 grep -cE "$pattern" "$big"
spec ::job awk_baseline ::run /dev/null 0 "$awk" -f "$here/baseline.awk" "$big"
spec ::job lines_j1 ::run /dev/null 0 "$linescan" "$big"
spec ::job lines_all ::run /dev/null 0 "$linescan" -j "$ncpu" "$big"
timed 5
for n in ostdiag_file ostdiag_file_j1 ostdiag_stdin grep_cE awk_baseline \
	lines_j1 lines_all; do
	rate "$n" "$bytes"
done
# The totals of the JSON summary: the last "summary" object of the output.
summary=$(grep -o '"summary":{[^}]*' "$tmp/ostdiag_file.0.out" |
	tail -n 1) || true
f_errors=$(echo "$summary" | grep -o '"errors":[0-9]*' | cut -d: -f2) || true
f_findings=$(echo "$summary" | grep -o '"findings":[0-9]*' | head -n 1 |
	cut -d: -f2) || true
g_lines=$(cat "$tmp/grep_cE.0.out")
a_lines=$(wc -l <"$tmp/awk_baseline.0.out")
echo "bench: counts: ostdiag errors=${f_errors:-?} findings=${f_findings:-?};" \
	"awk code lines=$a_lines; grep code lines=$g_lines"
big_lines=$(wc -l <"$big")
for n in lines_j1 lines_all; do
	[ "$(cat "$tmp/$n.0.out")" = "$big_lines" ] ||
		die "$n: linescan counted other than wc -l"
done

# The small logs as arguments of one run when they fit in ARG_MAX (with the
# environment and a margin), else through xargs. ostdiag_10k_halves is the
# yardstick for -j 2: two ostdiag -j 1 processes at once, on the first and the
# second 5,000 logs, which share nothing but the machine.
argmax=$(getconf ARG_MAX)
argbytes=$(( $(printf '%s\n' "$@" | wc -c) + 8 * $# + $(env | wc -c) + 4096 ))
printf '%s\n' "$@" >"$tmp/list"
half=$(( nsmall / 2 ))
head -n "$half" "$tmp/list" >"$tmp/list1"
tail -n +"$(( half + 1 ))" "$tmp/list" >"$tmp/list2"
if [ "$argbytes" -lt "$argmax" ] && [ "${BENCH_XARGS:-0}" != 1 ]; then
	how="one run, $# file arguments"
	spec ::job ostdiag_10k ::run /dev/null 1 "$ostdiag" --format json "$@"
	spec ::job ostdiag_10k_j1 ::run /dev/null 1 "$ostdiag" -j 1 --format json \
		"$@"
	spec ::job ostdiag_10k_j2 ::run /dev/null 1 "$ostdiag" -j 2 --format json \
		"$@"
	spec ::job ostdiag_10k_halves
	spec ::run /dev/null 1 "$ostdiag" -j 1 --format json
	cat "$tmp/list1" >>"$tmp/spec"
	spec ::run /dev/null 1 "$ostdiag" -j 1 --format json
	cat "$tmp/list2" >>"$tmp/spec"
	spec ::job grep_c_10k ::run /dev/null 1 grep -cE "$pattern" "$@"
	spec ::job grep_c_10k_halves ::run /dev/null 1 grep -cE "$pattern"
	cat "$tmp/list1" >>"$tmp/spec"
	spec ::run /dev/null 1 grep -cE "$pattern"
	cat "$tmp/list2" >>"$tmp/spec"
else
	how="xargs"
	# shellcheck disable=SC2016
	each='xargs "$0" "$@" --format json || [ $? -eq 123 ]'
	# shellcheck disable=SC2016
	grep_each='xargs grep -cE "$0" || [ $? -eq 123 ]'
	spec ::job ostdiag_10k ::run "$tmp/list" 1 sh -c "$each" "$ostdiag"
	spec ::job ostdiag_10k_j1 \
		::run "$tmp/list" 1 sh -c "$each" "$ostdiag" -j 1
	spec ::job ostdiag_10k_j2 \
		::run "$tmp/list" 1 sh -c "$each" "$ostdiag" -j 2
	spec ::job ostdiag_10k_halves \
		::run "$tmp/list1" 1 sh -c "$each" "$ostdiag" -j 1 \
		::run "$tmp/list2" 1 sh -c "$each" "$ostdiag" -j 1
	spec ::job grep_c_10k ::run "$tmp/list" 1 sh -c "$grep_each" "$pattern"
	spec ::job grep_c_10k_halves \
		::run "$tmp/list1" 1 sh -c "$grep_each" "$pattern" \
		::run "$tmp/list2" 1 sh -c "$grep_each" "$pattern"
fi
timed 5
echo "bench: 10k logs: $how"
for n in ostdiag_10k ostdiag_10k_j1 ostdiag_10k_j2 ostdiag_10k_halves \
	grep_c_10k grep_c_10k_halves; do
	rate "$n" "$small_bytes"
done

spec ::job startup_1k ::run /dev/null 1 "$ostdiag" --format json "$one"
spec ::job startup_version ::run /dev/null 0 "$ostdiag" --version
timed 20
rate startup_1k "$one_bytes"
rate startup_version 0

spec ::job rules_10k ::run /dev/null 1 "$ostdiag" -j 1 --format json \
	--rules "$dir/rules-10000" "$one"
spec ::job rules_100k ::run /dev/null 1 "$ostdiag" -j 1 --format json \
	--rules "$dir/rules-100000" "$one"
timed 3
rate rules_10k 0
rate rules_100k 0

# The table.
echo
printf '%-18s %10s %9s %12s %8s  %s\n' measure seconds MB/s 'peak RSS KB' \
	'CPU s' input
for n in ostdiag_file ostdiag_file_j1 ostdiag_stdin grep_cE awk_baseline \
	lines_j1 lines_all ostdiag_10k ostdiag_10k_j1 ostdiag_10k_j2 ostdiag_10k_halves grep_c_10k \
	grep_c_10k_halves startup_1k startup_version rules_10k rules_100k; do
	eval "s=\$s_$n m=\$m_$n r=\$r_$n c=\$c_$n"
	case $n in
	rules_10k) in="10,000 rule files and the 1 KB log, best of 3" ;;
	rules_100k) in="100,000 rule files and the 1 KB log, best of 3" ;;
	*_halves) in="two runs at once, $half logs each ($how)" ;;
	*_10k*) in="$nsmall logs, $small_bytes bytes ($how)" ;;
	startup_1k) in="$one_bytes bytes, best of 20" ;;
	startup_version) in="--version only, best of 20" ;;
	lines_all) in="$bytes bytes, $ncpu threads" ;;
	*) in="$bytes bytes" ;;
	esac
	printf '%-18s %10.4f %9s %12s %8s  %s\n' "$n" "$s" "$m" "$r" "$c" "$in"
done

# The targets.
echo
# target NAME VALUE OP LIMIT TEXT: print one target and its verdict.
target() {
	t_ok=$("$awk" -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
		if (op == ">=") r = v >= l; else if (op == "<=") r = v <= l;
		else r = v < l; print r ? "PASS" : "MISS" }')
	printf '%-44s %-22s %s\n' "$5" "$6" "$t_ok"
	echo "bench: target=$1 value=$2 limit=$3$4 result=$t_ok"
}
v=$(calc %.2f 'a / b' "$s_awk_baseline" "$s_ostdiag_file")
target awk_speedup "$v" ">=" 5 "analysis >= 5x faster than awk" \
	"awk/ostdiag = ${v}x"
v=$(calc %.2f 'a / b' "$s_ostdiag_file" "$s_grep_cE")
target grep_ratio "$v" "<=" 3 "within 3x of grep -cE" "ostdiag/grep = ${v}x"
target rss_file_kb "$r_ostdiag_file" "<=" 16384 "peak RSS <= 16 MiB (file)" \
	"$r_ostdiag_file KB"
target rss_stdin_kb "$r_ostdiag_stdin" "<=" 16384 "peak RSS <= 16 MiB (stdin)" \
	"$r_ostdiag_stdin KB"
v=$(calc %.3f 'a * 1000' "$s_startup_1k")
target startup_ms "$v" "<" 5 "1 KB log < 5 ms" "$v ms"
v=$(calc %.2f 'a / b' "$s_ostdiag_10k" "$s_grep_c_10k")
target many_ratio "$v" "<=" 2 "10,000 logs within 2x of grep -c" \
	"ostdiag/grep = ${v}x"
v=$(calc %.2f 'a / b' "$s_ostdiag_10k_j1" "$s_ostdiag_10k_j2")
target jobs_speedup "$v" ">=" 1.8 "-j 2 near 2x faster on 10,000 logs" \
	"-j 1/-j 2 = ${v}x"
# yardstick NAME VALUE TEXT DETAIL: print one yardstick, a figure shown beside
# the targets, not in their place.
yardstick() {
	printf '%-44s %-22s %s\n' "$3" "$4" "(yardstick)"
	echo "bench: yardstick=$1 value=$2"
}
# ratio NAME A B TEXT LABEL: the yardstick A / B, detailed as "LABEL = A/Bx".
ratio() {
	q_v=$(calc %.2f 'a / b' "$2" "$3")
	yardstick "$1" "$q_v" "$4" "$5 = ${q_v}x"
}
# What this machine gives two processes that share nothing, each on half the
# logs: the most -j 2 can get here.
ratio halves_speedup "$s_ostdiag_10k_j1" "$s_ostdiag_10k_halves" \
	"two ostdiag -j 1 at once, half the logs each" "-j 1/both"
ratio grep_halves_speedup "$s_grep_c_10k" "$s_grep_c_10k_halves" \
	"two grep -c at once, half the logs each" "grep/both"
ratio jobs_against_halves "$s_ostdiag_10k_halves" "$s_ostdiag_10k_j2" \
	"-j 2 against two ostdiag -j 1 at once" "both/-j 2"
v=$(calc %.3f 'a * 1000' "$s_startup_version")
w=$(calc %.3f '(a - b) * 1000' "$s_startup_1k" "$s_startup_version")
yardstick startup_version_ms "$v" "ostdiag --version (starting the program)" \
	"$v ms; 1 KB log +$w ms"
# What finding the lines alone costs, against grep: the analysis has to fit in
# what is left of the 3x.
ratio lines_j1_grep_ratio "$s_lines_j1" "$s_grep_cE" \
	"only finding every line, one thread" "linescan/grep"
ratio lines_all_grep_ratio "$s_lines_all" "$s_grep_cE" \
	"only finding every line, $ncpu threads" "linescan/grep"
# Reading a large rules directory: its time, and how it grows with the count.
v=$(calc %.2f 'a' "$s_rules_100k")
w=$(calc %.1f 'a * 1e6 / 100000' "$s_rules_100k")
yardstick rules_100k_seconds "$v" "load 100,000 rule files (-j 1)" \
	"$v s, $w us a rule"
ratio rules_growth "$s_rules_100k" "$s_rules_10k" \
	"100,000 rule files vs 10,000 (10x: linear)" "100k/10k"
