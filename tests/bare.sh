#!/bin/sh
# The README's set-up commands on a bare Debian: the Nth command of the
# README's first block (the first when N is not given), taken from the README
# itself, run as root in a chroot on a fresh Debian 12 root made by
# `debootstrap --variant=minbase bookworm` (no make, no compiler), in a clone
# of the repository's HEAD. For the first, its output must be ostdiag's report
# of samples/orgforms.log, and the ostdiag it built must exit 1 on that log
# and have been built with libpff (a .pst that is only a header is damaged);
# for the second, it must end with "make check: all tests passed". The
# command's time, from nothing installed to its end, is printed, and what it
# wrote is kept in build/bare/readmeN.log.
#
# The root is made once and kept as a tar in build/bare (BARE_CACHE), made
# again when a week old; each run unpacks a fresh copy. BARE_MIRROR is the
# Debian mirror (http://deb.debian.org/debian). Skipped (a line saying so,
# exit 0) when not root, without debootstrap, wget or git, outside a git
# checkout, when the mirror cannot be reached or a chroot cannot have /proc.
#   sh tests/bare.sh [N]
set -u
name=bare
. "$(dirname "$0")/lib.sh"

n=${1:-1}
mirror=${BARE_MIRROR:-http://deb.debian.org/debian}
cache=${BARE_CACHE:-$top/build/bare}
tarball=$cache/bookworm-minbase.tar
out=$cache/readme$n.log
root=""

# Says why the test cannot run here, and passes.
skip() {
	echo "bare: skipped: $*"
	exit 0
}

# Ends a run: stops what still runs in the root (dpkg has a session of its
# own), unmounts what the root has mounted, then removes it (and nothing
# mounted under it, should an unmount fail).
cleanup() {
	if [ -n "$root" ] && [ -d "$root" ]; then
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] &&
				kill -KILL "${p#/proc/}" 2>/dev/null
		done
		sleep 1
		for m in sys dev/shm dev/pts proc; do
			umount "$root/$m" 2>/dev/null ||
				umount -l "$root/$m" 2>/dev/null
		done
		if grep -qF " $root/" /proc/mounts; then
			echo "bare: $root left in place: still mounted:" \
				"$(grep -F " $root/" /proc/mounts | cut -d' ' -f2)"
		else
			rm -rf --one-file-system "$root"
		fi
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" = 0 ] || skip "not root (debootstrap and chroot need root)"
for c in debootstrap wget git chroot flock; do
	command -v $c >/dev/null 2>&1 ||
		skip "$c is not installed (sh .ci/deps test installs it)"
done
head=$(git -C "$top" rev-parse HEAD 2>/dev/null) ||
	skip "$top is not a git checkout"
wget -q -T 20 -t 2 -O /dev/null "$mirror/dists/bookworm/Release" ||
	skip "the mirror $mirror cannot be reached"

# The command: the Nth line of the README's first indented block, without
# its comment.
cmd=$(awk -v n="$n" '
	/^## / { exit }
	/^    [^ ]/ {
		if (++i == n) { sub(/^    /, ""); sub(/ +# .*$/, ""); print; exit }
	}' "$top/README.md")
[ -n "$cmd" ] || { no "README.md has no set-up command $n"; finish; exit; }

# The pristine root, made when missing or a week old.
mkdir -p "$cache"
exec 9>"$cache/lock"
flock 9
if [ -z "$(find "$tarball" -mtime -7 2>/dev/null)" ]; then
	echo "bare: making a Debian 12 minbase root (debootstrap, once a week)"
	new=$(mktemp -d "$cache/new.XXXXXX")
	chmod 755 "$new"
	start=$(date +%s)
	if debootstrap --variant=minbase bookworm "$new" "$mirror" \
		>"$cache/debootstrap.log" 2>&1 &&
		tar -C "$new" --numeric-owner -cf "$tarball.tmp" . &&
		mv "$tarball.tmp" "$tarball"
	then
		echo "bare: debootstrap took $(($(date +%s) - start)) s"
	else
		no "debootstrap failed: $(tail -3 "$cache/debootstrap.log")"
	fi
	grep -F " $new/" /proc/mounts | cut -d' ' -f2 |
		while read -r m; do umount -l "$m"; done
	rm -rf --one-file-system "$new" "$tarball.tmp"
	[ -e "$tarball" ] || { finish; exit; }
fi
flock -u 9

# A fresh root from it, with nothing of ostdiag's build in it.
start=$(date +%s)
root=$(cd "$(mktemp -d "$cache/root.XXXXXX")" && pwd -P)
tar -C "$root" --numeric-owner -xpf "$tarball" && chmod 755 "$root" ||
	{ no "cannot unpack $tarball"; finish; exit; }
[ -c "$root/dev/null" ] || { no "the root has no /dev/null"; finish; exit; }
mount -t proc proc "$root/proc" 2>"$tmp/mount.err" ||
	skip "cannot mount /proc in a chroot here: $(cat "$tmp/mount.err")"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" &&
	mount -t tmpfs shm "$root/dev/shm" &&
	mount -t sysfs sysfs "$root/sys" ||
	{ no "cannot mount /dev/pts, /dev/shm or /sys in the root"; finish; exit; }
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/sh -c "$1"
}
in_root 'command -v make || command -v cc || command -v gcc' >"$tmp/tools"
[ -s "$tmp/tools" ] && no "the root is not bare: $(cat "$tmp/tools")" || ok

# The repository's HEAD, cloned.
git clone -q "$top" "$root/root/ostdiag" 2>"$tmp/git.err" &&
	git -C "$root/root/ostdiag" checkout -q "$head" 2>>"$tmp/git.err" ||
	{ no "cannot clone $top: $(cat "$tmp/git.err")"; finish; exit; }

# The README's command, as a person would paste it.
echo "bare: a fresh minbase root and a clone in $(($(date +%s) - start)) s;" \
	"README command $n: $cmd"
start=$(date +%s)
in_root "cd /root/ostdiag && $cmd" >"$out" 2>&1
st=$?
echo "bare: README command $n took $(($(date +%s) - start)) s, exit $st"
[ $st = 0 ] && ok ||
	{ no "'$cmd' exited $st (all it wrote: $out):"; tail -20 "$out"; }
case $n in
1)
	grep -q '^  code: *8004010F-501-0-521 ' "$out" &&
		grep -q '^1 file, 1 session, 1 error' "$out" && ok ||
		{ no "'$cmd' did not show ostdiag's report of the sample";
			tail -5 "$out"; }
	in_root "cd /root/ostdiag && build/ostdiag samples/orgforms.log" \
		>"$tmp/again" 2>&1
	st=$?
	[ $st = 1 ] && grep -q '8004010F-501-0-521' "$tmp/again" && ok ||
		no "build/ostdiag samples/orgforms.log in the root exited $st"
	# Built with libpff: a .pst that is only a header is damaged, not
	# beyond this build.
	printf '!BDN%020d' 0 >"$root/tmp/header.pst"
	in_root "cd /root/ostdiag && build/ostdiag /tmp/header.pst" \
		>"$tmp/pst" 2>&1
	st=$?
	[ $st = 2 ] && grep -q '^ostdiag: /tmp/header.pst: ' "$tmp/pst" &&
		! grep -q 'not in this build' "$tmp/pst" && ok ||
		no "the ostdiag built in the root does not read .pst files" \
			"(exit $st): $(cat "$tmp/pst")"
	;;
2)
	grep -q '^make check: all tests passed' "$out" && ok ||
		no "'$cmd' did not end with 'make check: all tests passed'"
	;;
esac
finish
