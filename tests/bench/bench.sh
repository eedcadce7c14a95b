#!/bin/sh
# ostdiag's benchmark: speed, peak memory and start-up time, measured in one run
# on the same generated input against grep and a minimal awk analyzer.
#
#   sh tests/bench/bench.sh OSTDIAG GENLOG [SIZE]
#
# OSTDIAG is the ostdiag binary, GENLOG the binary built from tests/bench/genlog.c,
# SIZE the size of the big log (default 1G; k, M, G are powers of 1024).
#
# Measures, each the best of 5 runs on a warm page cache (ostdiag uses one
# thread per processor unless -j says otherwise):
#   ostdiag_file   ostdiag --format json FILE
#   ostdiag_file_j1  the same with -j 1 (one thread)
#   ostdiag_stdin  ostdiag --format json <FILE
#   grep_cE        grep -cE '<four-part code>' FILE
#   awk_baseline   awk -f tests/bench/baseline.awk FILE
#   ostdiag_10k    ostdiag --format json on 10,000 logs of about 2 KB
#   ostdiag_10k_j1 the same with -j 1
#   ostdiag_10k_j2 the same with -j 2
#   grep_c_10k     grep -cE '<four-part code>' on the same 10,000 logs
#   startup_1k     ostdiag --format json on a 1 KB log, best of 20
# Every command writes its output to a regular file in a scratch directory,
# created anew for each run, not to /dev/null: GNU grep notices /dev/null and
# stops at the first match, which would time nothing. Peak RSS comes from one
# more run of each under GNU time (/usr/bin/time -f %M).
# MB/s counts 10^6 bytes. Wall time is taken by perl's Time::HiRes around
# fork+exec+wait, so start-up times are exact to the microsecond. CPU time (user
# + system of the child, best of the same runs) is shown too: on a busy machine
# it moves less than wall time.
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
# The s_, c_, r_ and m_ variables are assigned through eval in measure().
# shellcheck disable=SC2154
set -eu

die() {
	echo "bench: $*" >&2
	exit 1
}

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	die "usage: sh bench.sh OSTDIAG GENLOG [SIZE]"
fi
ostdiag=$1
genlog=$2
size=${3:-1G}
seed=${BENCH_SEED:-1}
errpct=${BENCH_ERRORS:-2}
awk=${AWK:-awk}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/ostdiag-bench}
here=$(cd "$(dirname "$0")" && pwd)
pattern='\[[0-9A-Fa-f]{1,8}(-[0-9A-Fa-f]{1,8}){3}\]'
nsmall=10000
LC_ALL=C
export LC_ALL

[ -x "$ostdiag" ] || die "$ostdiag: not an executable"
[ -x "$genlog" ] || die "$genlog: not an executable"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak RSS"
perl -MTime::HiRes -e 1 2>/dev/null || die "perl with Time::HiRes is needed"
command -v "$awk" >/dev/null || die "$awk: not found"
"$ostdiag" --version >/dev/null || die "$ostdiag --version failed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
mkdir -p "$dir"

# best REPS IN MAXOK CMD...: the shortest wall time and the smallest CPU time
# (user + system, 10 ms ticks), in seconds, of REPS runs of CMD with stdin from
# IN and stdout to $tmp/out. An exit status above MAXOK, a signal or a failed
# exec is a failure.
best() {
	perl -MTime::HiRes=time -MPOSIX=_exit -e '
		my ($out, $reps, $in, $maxok, @cmd) = @ARGV;
		open(my $res, ">&", \*STDOUT) or die "dup stdout: $!\n";
		my ($best, $cpu);
		for (1 .. $reps) {
			open(STDIN, "<", $in) or die "$in: $!\n";
			# A new file each run: ext4 writes a file truncated and
			# then written out when it is closed, and that wait
			# would count as the command'"'"'s.
			unlink($out);
			open(STDOUT, ">", $out) or die "$out: $!\n";
			my @c0 = times;
			my $t = time;
			my $pid = fork() // die "fork: $!\n";
			if ($pid == 0) {
				exec { $cmd[0] } @cmd;
				print STDERR "$cmd[0]: $!\n";
				_exit(127);
			}
			waitpid($pid, 0);
			my $e = time - $t;
			my @c1 = times;
			my $c = $c1[2] - $c0[2] + $c1[3] - $c0[3];
			my $st = $?;
			die "$cmd[0]: killed by signal ", $st & 127, "\n" if $st & 127;
			die "$cmd[0]: exit status ", $st >> 8, "\n"
			    if ($st >> 8) > $maxok;
			$best = $e if !defined($best) || $e < $best;
			$cpu = $c if !defined($cpu) || $c < $cpu;
		}
		printf $res "%.6f %.2f\n", $best, $cpu;
	' "$tmp/out" "$@" || die "failed: $4 ..."
}

# rss IN MAXOK CMD...: peak resident set of one run, in KB; stdout to $tmp/out.
rss() {
	rss_in=$1
	rss_max=$2
	shift 2
	rss_st=0
	/usr/bin/time -f %M -o "$tmp/rss" "$@" <"$rss_in" >"$tmp/out" ||
		rss_st=$?
	[ "$rss_st" -le "$rss_max" ] || die "failed (exit status $rss_st): $*"
	tail -n 1 "$tmp/rss"
}

# calc FORMAT EXPR A [B]: floating-point arithmetic through awk on a and b.
calc() {
	"$awk" -v a="$3" -v b="${4:-1}" "BEGIN { printf \"$1\", $2 }"
}

# measure NAME BYTES REPS IN MAXOK CMD...: time and RSS of CMD, recorded as
# shell variables s_NAME (wall), c_NAME (CPU), r_NAME (RSS), m_NAME (MB/s) and
# printed as one "bench:" line.
measure() {
	m_name=$1
	m_bytes=$2
	m_reps=$3
	m_in=$4
	m_max=$5
	shift 5
	m_t=$(best "$m_reps" "$m_in" "$m_max" "$@")
	m_s=${m_t% *}
	m_c=${m_t#* }
	m_r=$(rss "$m_in" "$m_max" "$@")
	m_mbps=$(calc %.1f 'a / 1e6 / b' "$m_bytes" "$m_s")
	eval "s_$m_name=\$m_s c_$m_name=\$m_c r_$m_name=\$m_r m_$m_name=\$m_mbps"
	echo "bench: name=$m_name seconds=$m_s mbps=$m_mbps rss_kb=$m_r" \
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

# Warm the page cache.
cat "$big" >/dev/null
cat "$@" "$one" >/dev/null

echo "bench: $("$ostdiag" --version); $("$awk" -W version 2>/dev/null |
	sed -n 1p || true); $(grep --version | sed -n 1p)"
echo "bench: input $big, $bytes bytes"

measure ostdiag_file "$bytes" 5 /dev/null 1 "$ostdiag" --format json "$big"
# The totals of the JSON summary: the last "summary" object of the output.
summary=$(grep -o '"summary":{[^}]*' "$tmp/out" | tail -n 1) || true
f_errors=$(echo "$summary" | grep -o '"errors":[0-9]*' | cut -d: -f2) || true
f_findings=$(echo "$summary" | grep -o '"findings":[0-9]*' | head -n 1 |
	cut -d: -f2) || true
measure ostdiag_file_j1 "$bytes" 5 /dev/null 1 "$ostdiag" -j 1 --format json \
	"$big"
measure ostdiag_stdin "$bytes" 5 "$big" 1 "$ostdiag" --format json
measure grep_cE "$bytes" 5 /dev/null 1 grep -cE "$pattern" "$big"
g_lines=$(cat "$tmp/out")
measure awk_baseline "$bytes" 5 /dev/null 0 "$awk" -f "$here/baseline.awk" "$big"
a_lines=$(wc -l <"$tmp/out")
echo "bench: counts: ostdiag errors=${f_errors:-?} findings=${f_findings:-?};" \
	"awk code lines=$a_lines; grep code lines=$g_lines"

# The small logs as arguments of one run when they fit in ARG_MAX (with the
# environment and a margin), else through xargs.
argmax=$(getconf ARG_MAX)
argbytes=$(( $(printf '%s\n' "$@" | wc -c) + 8 * $# + $(env | wc -c) + 4096 ))
if [ "$argbytes" -lt "$argmax" ] && [ "${BENCH_XARGS:-0}" != 1 ]; then
	how="one run, $# file arguments"
	measure ostdiag_10k "$small_bytes" 5 /dev/null 1 \
		"$ostdiag" --format json "$@"
	measure ostdiag_10k_j1 "$small_bytes" 5 /dev/null 1 \
		"$ostdiag" -j 1 --format json "$@"
	measure ostdiag_10k_j2 "$small_bytes" 5 /dev/null 1 \
		"$ostdiag" -j 2 --format json "$@"
	measure grep_c_10k "$small_bytes" 5 /dev/null 1 grep -cE "$pattern" "$@"
else
	how="xargs"
	printf '%s\n' "$@" >"$tmp/list"
	# shellcheck disable=SC2016
	measure ostdiag_10k "$small_bytes" 5 "$tmp/list" 1 sh -c \
		'xargs "$0" --format json || [ $? -eq 123 ]' "$ostdiag"
	# shellcheck disable=SC2016
	measure ostdiag_10k_j1 "$small_bytes" 5 "$tmp/list" 1 sh -c \
		'xargs "$0" -j 1 --format json || [ $? -eq 123 ]' "$ostdiag"
	# shellcheck disable=SC2016
	measure ostdiag_10k_j2 "$small_bytes" 5 "$tmp/list" 1 sh -c \
		'xargs "$0" -j 2 --format json || [ $? -eq 123 ]' "$ostdiag"
	# shellcheck disable=SC2016
	measure grep_c_10k "$small_bytes" 5 "$tmp/list" 1 sh -c \
		'xargs grep -cE "$0" || [ $? -eq 123 ]' "$pattern"
fi
echo "bench: 10k logs: $how"

measure startup_1k "$one_bytes" 20 /dev/null 1 "$ostdiag" --format json "$one"

# The table.
echo
printf '%-16s %10s %9s %12s %8s  %s\n' measure seconds MB/s 'peak RSS KB' \
	'CPU s' input
for n in ostdiag_file ostdiag_file_j1 ostdiag_stdin grep_cE awk_baseline \
	ostdiag_10k ostdiag_10k_j1 ostdiag_10k_j2 grep_c_10k startup_1k; do
	eval "s=\$s_$n m=\$m_$n r=\$r_$n c=\$c_$n"
	case $n in
	*_10k*) in="$nsmall logs, $small_bytes bytes ($how)" ;;
	startup_1k) in="$one_bytes bytes, best of 20" ;;
	*) in="$bytes bytes" ;;
	esac
	printf '%-16s %10.4f %9s %12s %8s  %s\n' "$n" "$s" "$m" "$r" "$c" "$in"
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
