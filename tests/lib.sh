# lib.sh: what the shell tests share. Set name first, then source this file:
#   name=cli; . "$(dirname "$0")/lib.sh"
# It gives top (the source tree), tmp (removed at exit), ok and no (count a check
# that passed, or print why one failed), same (do two files match; if not, say
# where), and finish (the closing line and status).
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { echo "$name: $*"; fail=$((fail + 1)); }
# same A B: are files A and B the same? Sets $differ to where they first
# differ, each side shown, for a failure's message ("" when they match).
same() {
	differ=
	cmp -s "$1" "$2" && return 0
	differ=$(diff "$1" "$2" | sed -n '1,5{s/^/  /;p;}' | cut -c1-160)
	differ="first difference ($(wc -c <"$1") and $(wc -c <"$2") bytes):
$differ"
	return 1
}
finish() {
	echo "$name: $pass passed, $fail failed"
	[ $fail = 0 ]
}
