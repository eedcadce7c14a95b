#!/bin/sh
# Runs every fuzz harness built by tests/fuzz/build.sh for SECONDS each, on its
# seed corpus, and prints the executions of each. A crash, leak or failed check
# stops the run with the harness's report and the input kept as crash-* in
# OUTDIR; add such an input to tests/fuzz/regress/NAME/ once it is fixed.
#
#   sh tests/fuzz/run.sh OUTDIR SECONDS
#
# With FUZZ_RUNS set in the environment, each harness runs that many inputs
# instead, however long they take.
#
# The decoders' seeds include whole .msg files of up to 26 KB; fuzz_encoding and
# fuzz_mail take inputs of at most 4 KiB, which keeps their time on the
# decoding rather than on converting long runs of bytes the fuzzer does not
# steer. fuzz_msg keeps full-size inputs: a compound file needs them.
set -eu
out=$(cd "$1" && pwd)
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${FUZZ_RUNS:-}" ]; then
	limit="-runs=$FUZZ_RUNS"
	what="$FUZZ_RUNS inputs"
else
	limit="-max_total_time=$seconds"
	what="$seconds s"
fi
for h in "$out"/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h")
	name=${name#fuzz_}
	case $name in
	encoding|mail) len=-max_len=4096 ;;
	*) len= ;;
	esac
	mkdir -p "$out/corpus/$name"
	set -- "$out/corpus/$name"
	# Inputs that once crashed a harness stay in its corpus.
	[ -d "$here/regress/$name" ] && set -- "$@" "$here/regress/$name"
	# shellcheck disable=SC2086
	(cd "$out" && "$h" $limit $len -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 "$@") >"$out/$name.log" 2>&1 || {
		echo "fuzz: fuzz_$name FAILED:"
		tail -40 "$out/$name.log"
		exit 1
	}
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
	echo "fuzz: fuzz_$name: $runs executions ($what), no crash"
done
