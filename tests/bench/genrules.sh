#!/bin/sh
# Write COUNT small valid rule files into DIR (created; it must not exist), for
# timing how a large rules directory loads.
#   sh tests/bench/genrules.sh COUNT DIR
# Rule k (gen-000001, ...) matches the code 8004xxxx of its number, cites the
# rule after it ('see:'), and carries an example log that yields it, so that
# 'ostdiag rules --check' finds every file sound. The files are named in an
# order other than their ids', as a directory written by hand would be.
set -eu
if [ $# -ne 2 ]; then
	echo "usage: sh genrules.sh COUNT DIR" >&2
	exit 2
fi
count=$1
dir=$2
case $count in
'' | *[!0-9]*) echo "genrules: COUNT must be a number" >&2; exit 2 ;;
esac
[ ! -e "$dir" ] || { echo "genrules: $dir exists" >&2; exit 2; }
mkdir -p "$dir"
awk -v n="$count" -v dir="$dir" 'BEGIN {
	for (k = 1; k <= n; k++) {
		id = sprintf("gen-%06d", k)
		code = sprintf("8004%04X", k % 65536)
		f = sprintf("%s/%06d-%s.rule", dir, (k * 7919) % 1000003, id)
		print "id: " id >f
		print "title: Generated rule " k >f
		print "products: Outlook 2016" >f
		print "clients: 16" >f
		print "servers: Exchange Server 2016" >f
		print "level: warning" >f
		print "category: other" >f
		print "code: " code "-*-*-*" >f
		print "cause: A generated cause, for timing the rule reader." >f
		print "fix: Restart Outlook." >f
		printf "see: gen-%06d\n", k % n + 1 >f
		print "example:" >f
		print "  10:00:00 Error synchronizing folder" >f
		print "  10:00:00 [" code "-0-0-0]" >f
		close(f)
	}
}'
