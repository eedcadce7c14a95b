#!/bin/sh
# Runs every fuzz harness built by tests/fuzz/build.sh for SECONDS each, on its
# seed corpus, and prints the executions of each. A crash, leak or failed check
# stops the run with the harness's report and the input kept as crash-* in
# OUTDIR; add such an input to tests/fuzz/regress/NAME/ once it is fixed.
#
#   sh tests/fuzz/run.sh OUTDIR SECONDS
set -eu
out=$(cd "$1" && pwd)
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
for h in "$out"/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h")
	name=${name#fuzz_}
	mkdir -p "$out/corpus/$name"
	set -- "$out/corpus/$name"
	# Inputs that once crashed a harness stay in its corpus.
	[ -d "$here/regress/$name" ] && set -- "$@" "$here/regress/$name"
	(cd "$out" && "$h" -max_total_time="$seconds" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 "$@") \
		>"$out/$name.log" 2>&1 || {
		echo "fuzz: fuzz_$name FAILED:"
		tail -40 "$out/$name.log"
		exit 1
	}
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
	echo "fuzz: fuzz_$name: $runs executions in $seconds s, no crash"
done
