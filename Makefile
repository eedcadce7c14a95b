# ostdiag: Outlook / Exchange OST synchronization log analyzer.
#
#   make            build build/ostdiag and build/libostdiag.a
#   make demo       build and run ostdiag on a bundled sample
#   make check      all tests, plain and under ASan + UBSan
#   make web        build build/ostdiag.html: ostdiag in one offline page
#   make win        build build/ostdiag.exe: ostdiag for Windows (mingw-w64)
#   make check-win  run ostdiag.exe and its unit tests under wine
#   make install    install to $(DESTDIR)$(PREFIX)
#
# The Debian packages needed are listed in .ci/deps (sh .ci/deps list build,
# sh .ci/deps list test), which installs the missing ones when run as root:
# `sh .ci/deps build && make demo` works on a bare Debian. Nothing is
# compiled before .ci/deps has run (deps and deps-test are order-only
# prerequisites of every object and program), so make -j cannot race it.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
CC ?= cc
PKG_CONFIG ?= pkg-config
BUILD ?= build

WARN = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wpointer-arith -Wvla
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -g \
	$(WARN) -Iinclude -Isrc
PCRE_CFLAGS = $(shell $(PKG_CONFIG) --cflags libpcre2-8)
PCRE_LIBS = $(shell $(PKG_CONFIG) --libs libpcre2-8)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)
# Outlook data files (.pst, .ost) are read with libpff (libpff-dev, and
# libbfio-dev for its header) when pkg-config finds it (PFF=auto); PFF=no
# builds without, and such a build says so of each .pst or .ost it is given.
# This is asked when a recipe first needs it, once .ci/deps has installed
# what is missing, not when make starts; then kept for the run.
PFF ?= auto
PFF_ON = $(eval PFF_ON := $(if $(filter auto,$(PFF)),$(shell \
	$(PKG_CONFIG) --exists libpff && echo yes),$(filter yes,$(PFF))))$(PFF_ON)
PFF_CFLAGS = $(eval PFF_CFLAGS := $(if $(PFF_ON),-DOSTD_HAVE_LIBPFF \
	$(shell $(PKG_CONFIG) --cflags libpff)))$(PFF_CFLAGS)
# What its static library needs too (libbfio, zlib); a dynamic link takes it.
PFF_LIBS = $(eval PFF_LIBS := $(if $(PFF_ON),$(shell \
	$(PKG_CONFIG) --static --libs libpff)))$(PFF_LIBS)
# User CFLAGS/LDFLAGS are appended, never replaced.
ALL_CFLAGS = $(BASE_CFLAGS) $(PCRE_CFLAGS) $(PFF_CFLAGS) $(EXTRA_CFLAGS) \
	$(CFLAGS)
ALL_LDFLAGS = $(EXTRA_CFLAGS) $(LDFLAGS)
# The program is linked statically (a static PIE, from the archives that
# libc6-dev and libpcre2-dev ship): it starts without the dynamic loader,
# whose work was a sixth of answering a small log. LINK=dynamic links against
# the shared libraries, as the sanitizer, coverage and valgrind builds do.
# Buys 27% on a 1 KB log (4.5 against 6.2 ms) and 29% on --version (3.8
# against 5.4 ms): timing.pl, in turns, best of 41, 2 cores.
LINK ?= static
LINK_FLAGS_static = -static-pie
LINK_FLAGS_dynamic =

# The library's sources, by stage (doc/architecture.md): each stage's folder
# under src/ may include its own headers and those of the stages before it,
# never a later one (tests/layers.sh, run by make check).
STAGES = util input parse kb report run
# What differs between operating systems (src/util/platform.h), for this one.
PLATFORM_SRC = src/util/platform_posix.c
LIB_SRC = $(filter-out src/util/platform_%.c src/kb/embed_rules.c, \
	$(sort $(wildcard $(STAGES:%=src/%/*.c)))) $(PLATFORM_SRC)
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/builtin_rules.o
RULES = $(sort $(wildcard src/kb/rules/*.rule))
# Unit tests, in tests/STAGE/ beside the stage they test.
TESTS = $(patsubst tests/%.c,%,$(filter-out %/test_platform_windows.c, \
	$(sort $(wildcard $(STAGES:%=tests/%/test_*.c)))))
TEST_BINS = $(TESTS:%=$(BUILD)/tests/%)
HEADERS = $(wildcard include/ostdiag/*.h src/*/*.h)

SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

.PHONY: all demo check check-layers check-unit check-golden check-san \
	check-tsan check-valgrind check-fuzz check-deps check-bare check-nopff \
	bench-pst \
	web deps-web check-web win deps-win check-win bench-win \
	coverage bench fuzz deps deps-test install uninstall clean

all: $(BUILD)/ostdiag $(BUILD)/rules.checked

# Every built-in rule must load and its example must yield it: a rule without an
# example, or with one that no longer matches, fails the build.
$(BUILD)/rules.checked: $(BUILD)/ostdiag
	$(BUILD)/ostdiag rules --check src/kb/rules >/dev/null
	@touch $@

# The packages to build with, then those to test with: never two apt-get at
# once.
deps:
	@sh .ci/deps build

deps-test: deps
	@sh .ci/deps test

$(BUILD)/%.o: src/%.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The rule parser, run when ostdiag is built: the rules go in as data.
EMBED_OBJ = $(BUILD)/kb/rules.o $(BUILD)/kb/idindex.o $(BUILD)/kb/safety.o \
	$(BUILD)/util/util.o $(BUILD)/parse/code.o $(BUILD)/parse/classify.o \
	$(BUILD)/util/visible.o $(PLATFORM_SRC:src/%.c=$(BUILD)/%.o)
$(BUILD)/embed_rules: src/kb/embed_rules.c $(EMBED_OBJ) | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ src/kb/embed_rules.c $(EMBED_OBJ) \
		$(ALL_LDFLAGS) $(PCRE_LIBS) -pthread

$(BUILD)/builtin_rules.c: $(BUILD)/embed_rules $(RULES)
	$(BUILD)/embed_rules $(RULES) > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin_rules.o: $(BUILD)/builtin_rules.c $(HEADERS) | deps
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libostdiag.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/ostdiag: $(BUILD)/main.o $(BUILD)/libostdiag.a | deps
	$(CC) $(ALL_LDFLAGS) $(LINK_FLAGS_$(LINK)) -o $@ $(BUILD)/main.o \
		$(BUILD)/libostdiag.a $(PCRE_LIBS) $(PFF_LIBS) -pthread

# The same objects linked against the shared libraries, for valgrind, which
# follows the heap only where malloc is shared.
$(BUILD)/ostdiag-dynamic: $(BUILD)/main.o $(BUILD)/libostdiag.a | deps
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/main.o $(BUILD)/libostdiag.a \
		$(PCRE_LIBS) $(PFF_LIBS) -pthread

$(BUILD)/tests/jsoncheck: tests/jsoncheck.c tests/jsonvalid.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

$(BUILD)/tests/%: tests/%.c tests/testutil.h tests/jsonvalid.h \
		tests/msgwriter.h $(BUILD)/libostdiag.a | deps-test
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests -o $@ $< \
		$(BUILD)/libostdiag.a $(ALL_LDFLAGS) $(CMOCKA_LIBS) \
		$(PCRE_LIBS) $(PFF_LIBS) -pthread

demo: all
	$(BUILD)/ostdiag samples/orgforms.log; test $$? -le 1

check-unit: deps-test $(TEST_BINS)
	@for t in $(TEST_BINS); do echo "== $$t"; $$t || exit 1; done

# Each stage under src/ includes only its own and earlier stages' headers.
check-layers:
	@sh tests/layers.sh

check-golden: deps-test all $(BUILD)/tests/jsoncheck $(BUILD)/genpst
	@sh tests/golden.sh $(BUILD)/ostdiag
	@sh tests/badinput.sh $(BUILD)/ostdiag
	@sh tests/cli.sh $(BUILD)/ostdiag $(BUILD)/tests/jsoncheck
	@sh tests/html.sh $(BUILD)/ostdiag
	@sh tests/inputs.sh $(BUILD)/ostdiag
	@sh tests/faults.sh $(BUILD)/ostdiag $(BUILD)/tests/jsoncheck
	@sh tests/notlog.sh $(BUILD)/ostdiag $(BUILD)/tests/jsoncheck
	@sh tests/schema.sh $(BUILD)/ostdiag
	@sh tests/docs.sh $(BUILD)/ostdiag
	@sh tests/review.sh $(BUILD)/ostdiag
	@sh tests/pst.sh $(BUILD)/ostdiag $(BUILD)/tests/jsoncheck \
		$(BUILD)/genpst

# A build without libpff: each .pst and .ost fails, saying why.
check-nopff:
	$(MAKE) BUILD=build-nopff PFF=no LINK=dynamic build-nopff/ostdiag \
		build-nopff/tests/jsoncheck build-nopff/genpst
	sh tests/pst.sh build-nopff/ostdiag build-nopff/tests/jsoncheck \
		build-nopff/genpst

# The same tests on a build with AddressSanitizer and UndefinedBehaviorSanitizer.
check-san: deps-test
	$(MAKE) BUILD=build-san LINK=dynamic EXTRA_CFLAGS="$(SAN_FLAGS)" \
		check-unit check-golden

# The threads (reading ahead, --jobs) under ThreadSanitizer: a data race fails.
TSAN_FLAGS = -fsanitize=thread -fno-omit-frame-pointer
check-tsan: deps-test
	$(MAKE) BUILD=build-tsan LINK=dynamic EXTRA_CFLAGS="$(TSAN_FLAGS)" \
		build-tsan/tests/parse/test_readahead build-tsan/ostdiag \
		build-tsan/tests/jsoncheck
	TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/parse/test_readahead
	TSAN_OPTIONS=halt_on_error=1 sh tests/cli.sh build-tsan/ostdiag \
		build-tsan/tests/jsoncheck

# The golden samples and input fixtures under valgrind: any error fails.
check-valgrind: deps-test all $(BUILD)/ostdiag-dynamic
	@for f in samples/*.log tests/fixtures/*; do \
		for fmt in text json html; do \
			valgrind -q --error-exitcode=99 \
				--leak-check=full \
				--errors-for-leak-kinds=definite \
				$(BUILD)/ostdiag-dynamic --format $$fmt -v --timeline $$f \
				>/dev/null 2>$(BUILD)/valgrind.log; \
			if [ $$? = 99 ]; then cat $(BUILD)/valgrind.log; \
				echo "valgrind: $$f ($$fmt) FAILED"; exit 1; fi; \
		done; \
	done; \
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite $(BUILD)/ostdiag-dynamic -j 3 \
		--format json -R samples tests/fixtures \
		>/dev/null 2>$(BUILD)/valgrind.log; \
	if [ $$? = 99 ]; then cat $(BUILD)/valgrind.log; \
		echo "valgrind: -j 3 FAILED"; exit 1; fi; \
	for f in ../shared/pst/*.pst ../shared/pst/*.ost; do \
		[ -f "$$f" ] || continue; \
		valgrind -q --error-exitcode=99 \
			--leak-check=full --errors-for-leak-kinds=definite \
			$(BUILD)/ostdiag-dynamic -f json -t $$f \
			>/dev/null 2>$(BUILD)/valgrind.log; \
		if [ $$? = 99 ]; then cat $(BUILD)/valgrind.log; \
			echo "valgrind: $$f FAILED"; exit 1; fi; \
	done; \
	echo "valgrind: samples, fixtures and Outlook data files clean, one" \
		"thread and three"

# Throughput, memory and start-up against grep and awk on generated logs
# (tests/bench/bench.sh says what is measured; needs perl and GNU time).
BENCH_SIZE ?= 1G
# Distinct findings and sessions of the memory benchmark (tests/bench/memory.sh).
BENCH_FINDINGS ?= 1000000
$(BUILD)/genlog: tests/bench/genlog.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -o $@ tests/bench/genlog.c

# Outlook data files of as many logs as asked, for tests/pst.sh and bench-pst.
$(BUILD)/genpst: tests/bench/genpst.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -o $@ tests/bench/genpst.c

$(BUILD)/linescan: tests/bench/linescan.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -pthread -o $@ tests/bench/linescan.c

bench: all $(BUILD)/genlog $(BUILD)/linescan
	sh tests/bench/bench.sh $(BUILD)/ostdiag $(BUILD)/genlog \
		$(BUILD)/linescan $(BENCH_SIZE)
	sh tests/bench/memory.sh $(BUILD)/ostdiag $(BENCH_FINDINGS)

# Time and peak memory of reading every log of a .pst of PST_LOGS logs, and
# of the same logs among mail filling BENCH_PST_SIZE (k, M, G; 0: not run)
# (tests/bench/pstbench.sh; needs GNU time).
PST_LOGS ?= 2000
BENCH_PST_SIZE ?= 64M
bench-pst: all $(BUILD)/genpst
	sh tests/bench/pstbench.sh $(BUILD)/ostdiag $(BUILD)/genpst \
		$(PST_LOGS) $(BENCH_PST_SIZE)

# The page: the library and main.c compiled to WebAssembly with emscripten,
# with PCRE2 for that target built from Debian's source package
# (src/cross/pcre2.sh), packed into one HTML file that needs no network
# (src/web/pack.js), with the rules as the native build embeds them. Debian's
# emscripten needs node's modules from /usr/share/nodejs.
WEB ?= build-web
EMCC ?= emcc
NODE ?= node
WEB_ENV = NODE_PATH=/usr/share/nodejs
WEB_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
	$(WARN) -Iinclude -Isrc -I$(WEB)/pcre2/include
WEB_PCRE = $(WEB)/pcre2/lib/libpcre2-8.a
WEB_OBJ = $(LIB_SRC:src/%.c=$(WEB)/%.o) $(WEB)/builtin_rules.o $(WEB)/main.o \
	$(WEB)/web/memory.o
WEB_LDFLAGS = -O2 -sMODULARIZE=1 -sEXPORT_NAME=createOstdiag \
	-sENVIRONMENT=worker -sALLOW_MEMORY_GROWTH=1 -sINVOKE_RUN=0 \
	-sEXIT_RUNTIME=1 -sFORCE_FILESYSTEM=1 -lworkerfs.js \
	-sEXPORTED_RUNTIME_METHODS=callMain,FS
WEB_PAGE = src/web/page.html src/web/page.js src/web/worker.js src/web/pack.js

web: $(BUILD)/ostdiag.html

deps-web: deps
	@sh .ci/deps web

$(WEB_PCRE): src/cross/pcre2.sh src/cross/debsource.sh | deps-web
	$(WEB_ENV) sh src/cross/pcre2.sh web $(WEB)/pcre2 && touch $@

$(WEB)/%.o: src/%.c $(HEADERS) $(WEB_PCRE)
	@mkdir -p $(dir $@)
	$(WEB_ENV) $(EMCC) $(WEB_CFLAGS) -c -o $@ $<

# The C library's memchr, memcpy, memmove and memset, with SIMD and bulk memory.
$(WEB)/web/memory.o: src/web/memory.c $(WEB_PCRE)
	@mkdir -p $(dir $@)
	$(WEB_ENV) $(EMCC) $(WEB_CFLAGS) -msimd128 -mbulk-memory -c -o $@ $<

$(WEB)/builtin_rules.o: $(BUILD)/builtin_rules.c $(HEADERS) $(WEB_PCRE)
	$(WEB_ENV) $(EMCC) $(WEB_CFLAGS) -c -o $@ $<

$(WEB)/ostdiag.js: $(WEB_OBJ) $(WEB_PCRE)
	$(WEB_ENV) $(EMCC) -o $@ $(WEB_OBJ) $(WEB_PCRE) $(WEB_LDFLAGS)

# The page in headless Chromium and Firefox against the command, byte for
# byte, and its size and speed on a WEB_LARGE-byte log (tests/web.js).
WEB_LARGE ?= 10485760
check-web: deps-test all web $(BUILD)/genlog
	WEB_LARGE=$(WEB_LARGE) $(NODE) tests/web.js $(BUILD)/ostdiag.html \
		$(BUILD)/ostdiag $(BUILD)/genlog

$(BUILD)/ostdiag.html: $(WEB)/ostdiag.js $(WEB_PAGE)
	@mkdir -p $(dir $@)
	$(NODE) src/web/pack.js $(WEB_PAGE:src/web/pack.js=) \
		$(WEB)/ostdiag.js $(WEB)/ostdiag.wasm \
		"$$(sed -n 's/.*OSTDIAG_VERSION "\(.*\)"/\1/p' \
		include/ostdiag/version.h)" > $@.tmp && mv $@.tmp $@

# Windows: build/ostdiag.exe, one static file (winpthreads linked in) that
# needs no DLL beyond the system's, cross-built with mingw-w64: the library
# with src/util/platform_windows.c, PCRE2 for that target built from Debian's
# source package (src/cross/pcre2.sh), the rules as the native build embeds
# them, and the manifest (src/win/) that makes UTF-8 the process's code page.
# Without libpff (PFF=no): each .pst and .ost is refused, saying why.
WIN ?= build-win
WIN_CC ?= x86_64-w64-mingw32-gcc
WIN_WINDRES ?= x86_64-w64-mingw32-windres
WIN_PLATFORM_SRC = src/util/platform_windows.c
WIN_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-D__USE_MINGW_ANSI_STDIO=1 -DOSTD_PRINTF_FORMAT=gnu_printf \
	-DPCRE2_STATIC -O2 $(WARN) -Iinclude -Isrc -I$(WIN)/pcre2/include
WIN_LDFLAGS = -static -s
WIN_PCRE = $(WIN)/pcre2/lib/libpcre2-8.a
WIN_AR ?= x86_64-w64-mingw32-ar
WIN_OBJ = $(patsubst src/%.c,$(WIN)/%.o,$(filter-out $(PLATFORM_SRC), \
	$(LIB_SRC)) $(WIN_PLATFORM_SRC)) $(WIN)/builtin_rules.o

win: $(BUILD)/ostdiag.exe

deps-win: deps
	@sh .ci/deps win

$(WIN_PCRE): src/cross/pcre2.sh src/cross/debsource.sh | deps-win
	sh src/cross/pcre2.sh win $(WIN)/pcre2 && touch $@

$(WIN)/%.o: src/%.c $(HEADERS) $(WIN_PCRE)
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_CFLAGS) -c -o $@ $<

$(WIN)/builtin_rules.o: $(BUILD)/builtin_rules.c $(HEADERS) $(WIN_PCRE)
	$(WIN_CC) $(WIN_CFLAGS) -c -o $@ $<

$(WIN)/libostdiag.a: $(WIN_OBJ)
	rm -f $@
	$(WIN_AR) rcs $@ $(WIN_OBJ)

$(WIN)/manifest.o: src/win/ostdiag.rc src/win/ostdiag.manifest | deps-win
	@mkdir -p $(dir $@)
	$(WIN_WINDRES) --include-dir src/win -i src/win/ostdiag.rc -O coff \
		-o $@

$(BUILD)/ostdiag.exe: $(WIN)/main.o $(WIN)/libostdiag.a $(WIN)/manifest.o
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_LDFLAGS) -o $@ $(WIN)/main.o $(WIN)/manifest.o \
		$(WIN)/libostdiag.a $(WIN_PCRE) -pthread

# The unit tests for Windows: with cmocka built by src/cross/cmocka.sh,
# tests/wincompat.c for the POSIX functions they use that Windows lacks, and
# the program's manifest (UTF-8 names).
# test_platform checks platform_posix.c (FIFOs, symbolic links, signals);
# test_platform_windows checks platform_windows.c in its place.
WIN_TESTS = $(filter-out util/test_platform,$(TESTS)) \
	util/test_platform_windows
WIN_TEST_BINS = $(WIN_TESTS:%=$(WIN)/tests/%.exe)
WIN_CMOCKA = $(WIN)/cmocka/lib/libcmocka.a
WIN_TEST_CFLAGS = $(WIN_CFLAGS) -I$(WIN)/cmocka/include -Itests \
	-include tests/wincompat.h
WIN_TEST_LDFLAGS = -static -Wl,--wrap=fclose,--wrap=fflush,--wrap=system

$(WIN_CMOCKA): src/cross/cmocka.sh src/cross/debsource.sh | deps-test
	sh src/cross/cmocka.sh $(WIN)/cmocka && touch $@

$(WIN)/tests/wincompat.o: tests/wincompat.c tests/wincompat.h $(HEADERS) \
		$(WIN_CMOCKA)
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_TEST_CFLAGS) -c -o $@ tests/wincompat.c

$(WIN)/tests/%.exe: tests/%.c tests/testutil.h tests/jsonvalid.h \
		tests/msgwriter.h $(WIN)/tests/wincompat.o $(WIN)/libostdiag.a \
		$(WIN)/manifest.o $(WIN_CMOCKA)
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_TEST_CFLAGS) $(WIN_TEST_LDFLAGS) -o $@ $< \
		$(WIN)/manifest.o $(WIN)/tests/wincompat.o $(WIN)/libostdiag.a \
		$(WIN_PCRE) $(WIN_CMOCKA) -pthread

# make check-win: the Windows program and unit tests under wine (a prefix of
# its own under $(BUILD), one wineserver kept for the run): the unit tests,
# the golden, bad-input, command-line and input tests against ostdiag.exe
# (through $(BUILD)/ostdiag-wine; what cannot apply there is skipped, saying
# why), and its reports against the native build's, byte for byte
# (tests/same.sh).
WINE ?= wine
WINE_ENV = WINEDEBUG=-all WINEPREFIX=$(CURDIR)/$(BUILD)/wine
# wine maps the shared user data at a fixed address, which a few starts in
# 10,000 find taken under the kernel's address randomization: the program is
# then never run, and wine exits 1 without a word. $(BUILD)/wine-run starts
# wine with the address space laid out the same each time (setarch -R), so
# that a test fails only for what the program does.
WINE_RUN = $(CURDIR)/$(BUILD)/wine-run
$(BUILD)/wine-run:
	@mkdir -p $(dir $@)
	printf '#!/bin/sh\n# %s\nexec setarch -R %s "$$@"\n' \
		'wine, address space not randomized (see the Makefile).' \
		'$(WINE)' >$@.tmp && chmod +x $@.tmp && mv $@.tmp $@

# wine's server and services are started with no output of make's to hold.
$(BUILD)/wine/system.reg: $(BUILD)/wine-run | deps-test
	@mkdir -p $(dir $@)
	$(WINE_ENV) $(WINE_RUN) wineboot -i </dev/null >/dev/null 2>&1
	$(WINE_ENV) wineserver -k </dev/null >/dev/null 2>&1 || true

# wine reads Unix file names and arguments in the locale's character set:
# UTF-8, whatever the tests set, as Windows gives them in Unicode.
$(BUILD)/ostdiag-wine: $(BUILD)/ostdiag.exe $(BUILD)/wine/system.reg
	printf '#!/bin/sh\n# ostdiag.exe under wine (make check-win).\n%s %s\n' \
		'LC_ALL=C.UTF-8 $(WINE_ENV) exec $(WINE_RUN)' \
		'"$(CURDIR)/$(BUILD)/ostdiag.exe" "$$@"' >$@.tmp && \
		chmod +x $@.tmp && mv $@.tmp $@

# The peak working set of a Windows program (tests/bench/winpeak.c).
$(WIN)/winpeak.exe: tests/bench/winpeak.c | deps-win
	@mkdir -p $(dir $@)
	$(WIN_CC) -std=c11 -O2 $(WARN) -static -s -o $@ $< -lpsapi

# Memory under wine stays flat: a log of WIN_MEM_SIZE piped in (make check-win).
WIN_MEM_SIZE ?= 256M
check-win: deps-test all $(BUILD)/ostdiag-wine $(BUILD)/tests/jsoncheck \
		$(WIN_TEST_BINS) $(WIN)/winpeak.exe $(BUILD)/genlog
	@$(WINE_ENV) wineserver -p 60 </dev/null >/dev/null 2>&1 || true
	@export OSTDIAG_TEST_WINDOWS=1; st=0; \
	for t in $(WIN_TEST_BINS); do echo "== $$t"; \
		$(WINE_ENV) $(WINE_RUN) $$t </dev/null || \
		{ st=1; break; }; done; \
	[ $$st = 0 ] && sh tests/golden.sh $(BUILD)/ostdiag-wine && \
	sh tests/badinput.sh $(BUILD)/ostdiag-wine && \
	sh tests/cli.sh $(BUILD)/ostdiag-wine $(BUILD)/tests/jsoncheck && \
	sh tests/inputs.sh $(BUILD)/ostdiag-wine && \
	sh tests/same.sh $(BUILD)/ostdiag $(BUILD)/ostdiag-wine && \
	$(WINE_ENV) WINE=$(WINE_RUN) sh tests/winmem.sh $(BUILD)/ostdiag.exe \
		$(WIN)/winpeak.exe $(BUILD)/genlog $(WIN_MEM_SIZE) || st=1; \
	$(WINE_ENV) wineserver -k </dev/null >/dev/null 2>&1; exit $$st

# Time and peak working set of ostdiag.exe under wine on a generated log of
# BENCH_SIZE, from a file and piped in, and on a sample.
bench-win: win $(BUILD)/genlog $(WIN)/winpeak.exe $(BUILD)/wine/system.reg
	$(BUILD)/genlog $(BENCH_SIZE) >$(BUILD)/bench-win.log
	@for f in samples/orgforms.log $(BUILD)/bench-win.log; do \
		echo "$$f:"; \
		$(WINE_ENV) /usr/bin/time -q -f "  %e s" $(WINE_RUN) \
		$(WIN)/winpeak.exe $(BUILD)/ostdiag.exe --format json $$f \
		>/dev/null; done; \
	echo "$(BENCH_SIZE) piped in:"; $(BUILD)/genlog $(BENCH_SIZE) | \
		$(WINE_ENV) /usr/bin/time -q -f "  %e s" $(WINE_RUN) \
		$(WIN)/winpeak.exe $(BUILD)/ostdiag.exe --format json \
		>/dev/null; \
	$(WINE_ENV) wineserver -k </dev/null >/dev/null 2>&1; \
	rm -f $(BUILD)/bench-win.log

# libFuzzer harnesses (clang): each runs FUZZ_SECONDS on its corpus, or
# FUZZ_RUNS inputs when that is set.
FUZZ_SECONDS ?= 300
FUZZ_RUNS ?=
fuzz: deps-test
	sh tests/fuzz/build.sh build-fuzz
	FUZZ_RUNS=$(FUZZ_RUNS) sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

# A short run of every harness, for each check.
check-fuzz: deps-test
	$(MAKE) fuzz FUZZ_SECONDS=20 FUZZ_RUNS=

# Line coverage of src/ by the whole test suite (gcov).
coverage: deps-test
	rm -rf build-cov
	$(MAKE) BUILD=build-cov LINK=dynamic EXTRA_CFLAGS="--coverage -O0" \
		check-unit check-golden
	@sh tests/coverage.sh build-cov

# .ci/deps and the Makefile's order: packages in before anything compiles,
# with make -j too.
check-deps: deps-test
	@sh tests/deps.sh

# The README's first command in a fresh Debian 12 minbase root (debootstrap,
# chroot; skipped when not root, without debootstrap or without the mirror).
check-bare: deps-test
	@sh tests/bare.sh 1

check: check-layers check-unit check-golden check-san check-tsan \
		check-valgrind check-fuzz check-nopff check-deps check-bare \
		check-web check-win
	@echo "make check: all tests passed"

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPLETIONDIR)
	cp $(BUILD)/ostdiag $(DESTDIR)$(BINDIR)/ostdiag
	chmod 755 $(DESTDIR)$(BINDIR)/ostdiag
	cp src/ostdiag.1 $(DESTDIR)$(MANDIR)/man1/ostdiag.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/ostdiag.1
	cp doc/ostdiag-rules.5 $(DESTDIR)$(MANDIR)/man5/ostdiag-rules.5
	chmod 644 $(DESTDIR)$(MANDIR)/man5/ostdiag-rules.5
	cp src/ostdiag.bash $(DESTDIR)$(COMPLETIONDIR)/ostdiag
	chmod 644 $(DESTDIR)$(COMPLETIONDIR)/ostdiag

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ostdiag $(DESTDIR)$(MANDIR)/man1/ostdiag.1 \
		$(DESTDIR)$(MANDIR)/man5/ostdiag-rules.5 \
		$(DESTDIR)$(COMPLETIONDIR)/ostdiag

clean:
	rm -rf build build-san build-tsan build-cov build-fuzz build-nopff $(WEB) $(WIN)
