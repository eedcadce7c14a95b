#!/bin/sh
# Builds the libFuzzer harnesses of tests/fuzz and seeds their corpora.
#
#   sh tests/fuzz/build.sh OUTDIR
#
# Compiles the library sources (src/STAGE/*.c but embed_rules.c, plus the
# built-in rules generated from src/kb/rules/*.rule) with clang and the same
# instrumentation as the harnesses (libFuzzer coverage, ASan, UBSan that stops at
# the first report), links every tests/fuzz/fuzz_*.c harness into OUTDIR, and
# makes a seed corpus for each in OUTDIR/corpus/NAME: logs from samples/*.log
# and the rules' examples, rule files, codes, and the test fixtures.
# Run one for five minutes with, for example:
#
#   OUTDIR/fuzz_parser -max_total_time=300 OUTDIR/corpus/parser
#
# Needs clang 14 and its sanitizer runtimes (Debian: clang-14, which brings
# libclang-rt-14-dev with libclang_rt.fuzzer), pkg-config and libpcre2-dev.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh tests/fuzz/build.sh OUTDIR" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
CC=${CC:-clang}

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined \
-fno-omit-frame-pointer"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g \
-Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
-Wwrite-strings -I$top/include -I$top/src $(pkg-config --cflags libpcre2-8)"
LIBS="$(pkg-config --libs libpcre2-8) -pthread"

mkdir -p "$out/obj"
# The generator reads the rule files with the library's own parser.
# shellcheck disable=SC2086
cc $CFLAGS -o "$out/obj/embed_rules" "$top/src/kb/embed_rules.c" \
	"$top/src/kb/rules.c" "$top/src/kb/idindex.c" "$top/src/kb/safety.c" \
	"$top/src/util/util.c" "$top/src/parse/code.c" "$top/src/parse/classify.c" \
	"$top/src/util/visible.c" "$top/src/util/platform_posix.c" $LIBS
"$out/obj/embed_rules" "$top"/src/kb/rules/*.rule > "$out/obj/builtin_rules.c"

objs=
for src in "$top"/src/util/*.c "$top"/src/input/*.c "$top"/src/parse/*.c \
    "$top"/src/kb/*.c "$top"/src/report/*.c "$top"/src/run/*.c \
    "$out/obj/builtin_rules.c"; do
	case $(basename "$src") in
	embed_rules.c) continue ;;
	platform_posix.c) ;;
	platform_*.c) continue ;;	# another system's
	esac
	obj="$out/obj/$(basename "$src" .c).o"
	# shellcheck disable=SC2086
	$CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c -o "$obj" "$src"
	objs="$objs $obj"
done

built=
for src in "$here"/fuzz_*.c; do
	h=$(basename "$src" .c)
	# shellcheck disable=SC2086
	$CC $CFLAGS $SAN -fsanitize=fuzzer -o "$out/$h" "$src" $objs $LIBS
	built="$built $out/$h"
done

# Seed corpora: whole logs and rule files, and one line per seed for the codes.
rm -rf "$out/corpus"
mkdir -p "$out/corpus/parser" "$out/corpus/code" "$out/corpus/rules"
cp "$top"/samples/*.log "$out/corpus/parser/"
cp "$top"/src/kb/rules/*.rule "$out/corpus/rules/"
for f in "$top"/src/kb/rules/*.rule; do
	# The example log of each rule, with its two-space indent removed.
	sed -n '/^example:/,$p' "$f" | sed '1d;s/^  //' \
	    > "$out/corpus/parser/example-$(basename "$f" .rule).log"
done
# The whole analysis starts from the same logs.
cp -r "$out/corpus/parser" "$out/corpus/analysis"
i=0
cat "$top"/samples/*.log | sort -u | while IFS= read -r line; do
	i=$((i + 1))
	printf '%s' "$line" > "$out/corpus/code/line-$i"
done
grep -ho '^code: .*' "$top"/src/kb/rules/*.rule | sed 's/^code: //' | sort -u |
while IFS= read -r code; do
	printf '%s' "$code" > "$out/corpus/code/code-$(printf '%s' "$code" |
	    tr -c 'A-Za-z0-9-' '_')"
done
# The input decoders and the Outlook data file items: every fixture and
# sample, and the real Outlook files of ../shared/msg when they are there.
for c in encoding msg mail pst; do
	mkdir -p "$out/corpus/$c"
	cp "$top"/tests/fixtures/* "$top"/samples/*.log "$out/corpus/$c/"
	if [ -d "$top/../shared/msg" ]; then
		cp "$top"/../shared/msg/* "$out/corpus/$c/"
	fi
done
echo "built$built"
