# lib.sh: what the shell tests share. Set name first, then source this file:
#   name=cli; . "$(dirname "$0")/lib.sh"
# It gives top (the source tree), tmp (removed at exit), ok and no (count a check
# that passed, or print why one failed), and finish (the closing line and status).
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { echo "$name: $*"; fail=$((fail + 1)); }
finish() {
	echo "$name: $pass passed, $fail failed"
	[ $fail = 0 ]
}
