#!/bin/sh
# Time and peak memory of ostdiag on Outlook data files that genpst writes:
# one of LOGS logs, and one of the same logs (one in a hundred long) among as
# much ordinary mail as fills about SIZE bytes, as a mailbox's .ost is filled.
# Each is read with -j 1 and -j 2; a line a run:
#
#   2000 logs, 1.8 MB, -j 1: 0.26 s, 8376 KiB peak
#
#   sh tests/bench/pstbench.sh OSTDIAG GENPST LOGS [SIZE]
#
# SIZE is bytes, or a number with k, M or G (powers of 1024); 0 (the
# default) leaves the second file out. The mail is at most 30,000 messages
# of at least 64 KiB each. The files are written to BENCH_DIR (default
# ${TMPDIR:-/tmp}) and removed afterwards. Needs GNU time (/usr/bin/time).
set -eu

die() {
	echo "bench-pst: $*" >&2
	exit 1
}

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
	die "usage: sh pstbench.sh OSTDIAG GENPST LOGS [SIZE]"
fi
ostdiag=$1
genpst=$2
logs=$3
size=${4:-0}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}}
[ -x "$ostdiag" ] || die "$ostdiag: not an executable"
[ -x "$genpst" ] || die "$genpst: not an executable"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak RSS"

# bytes SIZE: SIZE in bytes.
bytes() {
	case $1 in
	*[kK]) echo $(( ${1%?} * 1024 )) ;;
	*M) echo $(( ${1%?} * 1024 * 1024 )) ;;
	*G) echo $(( ${1%?} * 1024 * 1024 * 1024 )) ;;
	*[!0-9]*|'') die "$1: not a size (bytes, or a number with k, M or G)" ;;
	*) echo "$1" ;;
	esac
}

# run FILE LABEL: time and peak memory of ostdiag -q on FILE, -j 1 and 2.
run() {
	mb=$(wc -c <"$1" | awk '{ printf "%.1f", $1 / 1000000 }')
	for j in 1 2; do
		st=0
		/usr/bin/time -f "%e %M" -o "$dir/bench-pst.time" \
		    "$ostdiag" -q -j "$j" "$1" >/dev/null 2>&1 || st=$?
		[ "$st" -le 1 ] || die "ostdiag -j $j $1: exit $st"
		read -r secs kib <<-EOF
		$(tail -1 "$dir/bench-pst.time")
		EOF
		echo "$2, $mb MB, -j $j: $secs s, $kib KiB peak"
	done
}

trap 'rm -f "$dir/bench-pst.pst" "$dir/bench-pst.time"' EXIT
"$genpst" "$logs" "$dir/bench-pst.pst"
run "$dir/bench-pst.pst" "$logs logs"

# The mail fills what the logs leave: those of the first file, and the
# long ones (about 200 KB each).
total=$(( $(bytes "$size") - $(wc -c <"$dir/bench-pst.pst") -
    (logs / 100) * 204800 ))
if [ "$(bytes "$size")" -gt 0 ]; then
	# 64 KiB bodies, larger when 30,000 do not fill the size; each
	# message takes about 1 KiB more in the file.
	mails=$(( total / (65536 + 1024) ))
	[ "$mails" -le 30000 ] || mails=30000
	[ "$mails" -ge 1 ] || mails=1
	body=$(( total / mails - 1024 ))
	[ "$body" -ge 65536 ] || body=65536
	"$genpst" -l 100 -m "$mails" -s "$body" "$logs" "$dir/bench-pst.pst"
	run "$dir/bench-pst.pst" "$logs logs among $mails mails"
fi
