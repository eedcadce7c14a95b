#!/bin/sh
# The HTML report: well-formed markup (checked with xmllint as XML), and what a
# browser renders (headless Chromium's DOM after loading the file).
#   sh tests/html.sh BINARY
set -u
bin=$1
name=html
. "$(dirname "$0")/lib.sh"

for f in "$top"/samples/*.log; do
	"$bin" --format html "$f" >"$tmp/page.html"
	xmllint --noout "$tmp/page.html" && ok || no "$(basename "$f"): markup is not well-formed"
done

# Names that need escaping, and bytes that are not UTF-8, stay well-formed.
printf 'Error synchronizing message '"'"'<b>&amp; "x"\377'"'"'\n[80004005-501-0-0]\n' \
	>"$tmp/odd.log"
"$bin" --format html "$tmp/odd.log" >"$tmp/odd.html"
xmllint --noout "$tmp/odd.html" && ok || no "escaping: markup is not well-formed"
grep -q '&lt;b&gt;&amp;amp; &quot;x&quot;' "$tmp/odd.html" && ok || no "escaping"

# What Chromium renders.
"$bin" --format html "$top/samples/messy-2016.log" "$top/samples/repeats.log" \
	>"$tmp/report.html"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking --disable-component-update \
	--disable-sync --user-data-dir="$tmp/profile" --dump-dom \
	"file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/chromium.err"
if [ ! -s "$tmp/dom.html" ]; then
	no "chromium rendered nothing: $(tail -3 "$tmp/chromium.err")"
else
	grep -q '<h1>OST synchronization report</h1>' "$tmp/dom.html" && ok || no "title"
	[ "$(grep -o '<section class="finding' "$tmp/dom.html" | wc -l)" = 8 ] && ok ||
		no "expected 8 findings, got $(grep -o '<section class="finding' "$tmp/dom.html" | wc -l)"
	grep -q 'KB3115602' "$tmp/dom.html" && ok || no "diagnosis KB3115602 not shown"
	[ "$(grep -o '<g class="session">' "$tmp/dom.html" | wc -l)" = 17 ] && ok ||
		no "the timeline does not draw 17 sessions"
	[ "$(grep -o '<circle class="error"' "$tmp/dom.html" | wc -l)" = 21 ] && ok ||
		no "the timeline does not mark 21 errors: $(grep -o '<circle class="error"' "$tmp/dom.html" | wc -l)"
	grep -q 'type="checkbox"' "$tmp/dom.html" && ok || no "no check boxes"
fi

finish
