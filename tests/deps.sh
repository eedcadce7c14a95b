#!/bin/sh
# Setting up: what .ci/deps does as root, not as root and without dpkg (with
# stand-ins for dpkg-query, id and apt-get), and that make compiles nothing
# before .ci/deps is done, with -j4 too (a copy of the tree whose .ci/deps
# takes its time, built with a compiler that fails when called too early).
#   sh tests/deps.sh
set -u
name=deps
. "$(dirname "$0")/lib.sh"
# The makes below are this test's own, not jobs of a make that runs it.
unset MAKEFLAGS MFLAGS MAKELEVEL

build=$(sh "$top/.ci/deps" list build | tr '\n' ' ')
all=$(sh "$top/.ci/deps" list test | tr '\n' ' ')
case $build in
'make gcc '*) ok ;;
*) no "build packages do not start with make and gcc: $build" ;;
esac
case $all in
"$build"?*) ok ;;
*) no "test packages do not add to the build packages: $all" ;;
esac
web=$(sh "$top/.ci/deps" list web | tr '\n' ' ')
[ "$web" = "${build}emscripten dpkg-dev " ] && ok ||
	no "web packages are not the build packages, emscripten and dpkg-dev: $web"
case $all in
"$web"?*) ok ;;
*) no "test packages do not add to the web packages: $all" ;;
esac
win=$(sh "$top/.ci/deps" list win | tr '\n' ' ')
[ "$win" = "${build}dpkg-dev gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev " ] &&
	ok || no "win packages are not the build packages, dpkg-dev and mingw-w64's: $win"
for pkg in gcc-mingw-w64-x86-64 wine wine64; do
	case " $all " in
	*" $pkg "*) ok ;;
	*) no "test packages lack $pkg: $all" ;;
	esac
done
sh "$top/.ci/deps" list nothing >/dev/null 2>&1
[ $? = 2 ] && ok || no "list of an unknown set is not refused with 2"

# Stand-ins: dpkg-query knows of no package, id says $ID, apt-get logs its
# arguments and exits $APT.
mkdir -p "$tmp/bin" "$tmp/nodpkg"
printf '#!/bin/sh\nexit 1\n' >"$tmp/bin/dpkg-query"
printf '#!/bin/sh\necho "$ID"\n' >"$tmp/bin/id"
printf '#!/bin/sh\necho "$*" >>"$APTLOG"\nexit "$APT"\n' >"$tmp/bin/apt-get"
chmod +x "$tmp/bin/"*
deps() {
	PATH="$tmp/bin:$PATH" APTLOG="$tmp/apt.log" sh "$top/.ci/deps" "$@" \
		>"$tmp/out" 2>"$tmp/err"
}

# Not as root: the exact apt-get line, and failure.
: >"$tmp/apt.log"
ID=1000 APT=0 deps build
[ $? = 1 ] && ok || no "not as root: did not fail"
want="sudo apt-get update && sudo apt-get install -y --no-install-recommends $build"
grep -qF "ostdiag: install them with: ${want% }" "$tmp/err" && ok ||
	no "not as root: no apt-get line: $(cat "$tmp/err")"
[ -s "$tmp/apt.log" ] && no "not as root: apt-get was run" || ok

# As root: apt-get update, then install exactly what is missing.
ID=0 APT=0 deps test
[ $? = 0 ] && ok || no "as root: failed: $(cat "$tmp/err")"
printf '%s\n' "-o DPkg::Lock::Timeout=600 update -qq" \
	"-o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends ${all% }" \
	>"$tmp/want"
cmp -s "$tmp/want" "$tmp/apt.log" && ok ||
	no "as root: apt-get ran as: $(cat "$tmp/apt.log")"
grep -q "^ostdiag: installing: ${all% }\$" "$tmp/out" && ok ||
	no "as root: does not say what it installs: $(cat "$tmp/out")"

# As root, apt-get failing: said, and failure.
ID=0 APT=100 deps build
[ $? = 1 ] && ok || no "apt-get failing: did not fail"
grep -q "^ostdiag: apt-get could not install: ${build% }\$" "$tmp/err" && ok ||
	no "apt-get failing: not said: $(cat "$tmp/err")"

# Without dpkg-query: what is missing, by what was looked for, and failure;
# with make, cc and the pcre2 module found, the build set passes.
for c in sh awk cat; do
	ln -s "$(command -v $c)" "$tmp/nodpkg/$c"
done
PATH="$tmp/nodpkg" sh "$top/.ci/deps" build >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && ok || no "without dpkg: did not fail"
grep -qF "not found: make (command make) gcc (command cc) libpcre2-dev (module libpcre2-8) pkg-config (command pkg-config)" \
	"$tmp/err" && ok || no "without dpkg: $(cat "$tmp/err")"
printf '#!/bin/sh\ncase "$*" in "--exists "libpcre2-8|"--exists "libpff|"--exists "zlib) ;; *) exit 1 ;; esac\n' \
	>"$tmp/nodpkg/pkg-config"
printf '#!/bin/sh\nexit 0\n' >"$tmp/nodpkg/make"
cp "$tmp/nodpkg/make" "$tmp/nodpkg/cc"
chmod +x "$tmp/nodpkg/pkg-config" "$tmp/nodpkg/make" "$tmp/nodpkg/cc"
PATH="$tmp/nodpkg" sh "$top/.ci/deps" build >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && ok || no "without dpkg, all found: $(cat "$tmp/err")"
PATH="$tmp/nodpkg" sh "$top/.ci/deps" web >"$tmp/out" 2>"$tmp/err"
grep -qF "not found: emscripten (command emcc) dpkg-dev (command dpkg-source)" \
	"$tmp/err" && ok || no "without dpkg, web set: $(cat "$tmp/err")"
PATH="$tmp/nodpkg" sh "$top/.ci/deps" test >"$tmp/out" 2>"$tmp/err"
grep -qF "not found: emscripten (command emcc) dpkg-dev (command dpkg-source) gcc-mingw-w64-x86-64 (command x86_64-w64-mingw32-gcc) binutils-mingw-w64-x86-64 (command x86_64-w64-mingw32-windres) libcmocka-dev (module cmocka) libxml2-utils (command xmllint)" \
	"$tmp/err" && ok || no "without dpkg, test set: $(cat "$tmp/err")"
PATH="$tmp/nodpkg" sh "$top/.ci/deps" win >"$tmp/out" 2>"$tmp/err"
grep -qF "not found: dpkg-dev (command dpkg-source) gcc-mingw-w64-x86-64 (command x86_64-w64-mingw32-gcc) binutils-mingw-w64-x86-64 (command x86_64-w64-mingw32-windres)" \
	"$tmp/err" && ! grep -q emscripten "$tmp/err" && ok ||
	no "without dpkg, win set: $(cat "$tmp/err")"

# make -j4: a copy whose .ci/deps takes two seconds before it marks its set
# as installed, and a compiler that fails when the build mark (for test
# programs, the test mark) is not there yet; pkg-config fails likewise, so
# that what it finds (libpff, say) is asked once the packages are in.
mkdir -p "$tmp/tree" "$tmp/marks"
cp -R "$top/Makefile" "$top/src" "$top/include" "$top/tests" "$top/samples" \
	"$top/.ci" "$tmp/tree/"
cat >"$tmp/tree/.ci/deps" <<'EOF'
#!/bin/sh
echo "deps $1 started" >>"$MARKS/log"
sleep 2
echo "deps $1 done" >>"$MARKS/log"
touch "$MARKS/$1"
EOF
cat >"$tmp/cc" <<'EOF'
#!/bin/sh
need=build
case " $* " in *" tests/"*"/test_"*) need=test ;; esac
if [ ! -e "$MARKS/$need" ]; then
	echo "cc called before deps $need: $*" >>"$MARKS/log"
	exit 1
fi
exec cc "$@"
EOF
cat >"$tmp/pkg-config" <<'EOF'
#!/bin/sh
if [ ! -e "$MARKS/build" ]; then
	echo "pkg-config called before deps build: $*" >>"$MARKS/log"
	exit 1
fi
exec pkg-config "$@"
EOF
chmod +x "$tmp/cc" "$tmp/pkg-config"
premature() {
	grep -c ' called before deps ' "$tmp/marks/log" 2>/dev/null
}
early() {
	grep -m1 ' called before deps ' "$tmp/marks/log" | cut -c1-120
}
tree_make() {
	MARKS="$tmp/marks" make -C "$tmp/tree" -j4 CC="$tmp/cc" \
		PKG_CONFIG="$tmp/pkg-config" "$@"
}

tree_make demo >"$tmp/demo.out" 2>&1
st=$?
[ "$(premature)" = 0 ] && ok || no "make -j4 demo: $(early)"
[ $st = 0 ] && grep -q '8004010F-501-0-521' "$tmp/demo.out" && ok ||
	no "make -j4 demo failed: $(tail -3 "$tmp/demo.out")"
if pkg-config --exists libpff 2>/dev/null; then
	grep -q -- '-DOSTD_HAVE_LIBPFF' "$tmp/demo.out" && ok ||
		no "make -j4 demo built without libpff, which is installed"
fi

rm -f "$tmp/marks/"*
tree_make check-unit >"$tmp/unit.out" 2>&1
st=$?
[ "$(premature)" = 0 ] && ok || no "make -j4 check-unit: $(early)"
grep -q 'deps build done' "$tmp/marks/log" &&
	[ "$(grep '^deps ' "$tmp/marks/log" | sed -n 3p)" = "deps test started" ] && ok ||
	no "deps build and test overlapped: $(tr '\n' ';' <"$tmp/marks/log")"
[ $st = 0 ] && ok || no "make -j4 check-unit failed: $(tail -3 "$tmp/unit.out")"

finish
