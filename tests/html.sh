#!/bin/sh
# The HTML report: well-formed markup (checked with xmllint as XML), what it
# says (inputs and dates, the summary before the findings, an all-clear, repeats
# folded, links that land, the timeline's axis, legend and marks), what a
# browser renders (headless Chromium's DOM after loading the file), and that it
# prints (Chromium's PDF of it).
#   sh tests/html.sh BINARY
set -u
bin=$1
name=html
. "$(dirname "$0")/lib.sh"

chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chromium.err"
}

# The in-page links of a page that lead nowhere, and the ids of the
# references that nothing links to; none of either prints nothing.
dangling() {
	grep -o 'href="#[^"]*"' "$1" | sed 's/^href="#//; s/"$//' | sort -u \
		>"$tmp/hrefs"
	grep -o ' id="[^"]*"' "$1" | sed 's/^ id="//; s/"$//' | sort -u >"$tmp/ids"
	comm -23 "$tmp/hrefs" "$tmp/ids" | sed 's/^/link to #/'
	grep '^ref-' "$tmp/ids" | comm -23 - "$tmp/hrefs" | sed 's/^/nothing links to #/'
}

# Error marks of a timeline that overlap: a mark is its rect, moved to its
# place, and the next one starts to the right of where it ends.
overlapping_marks() {
	awk '/<svg /{ last = ""; svg++ }
	/<g class="errors"/ {
		match($0, /translate\([0-9.]+ /)
		x = substr($0, RSTART + 10, RLENGTH - 11) + 0
		match($0, /<rect x="-?[0-9.]+"/)
		x += substr($0, RSTART + 9, RLENGTH - 10)
		match($0, /width="[0-9.]+"/)
		w = substr($0, RSTART + 7, RLENGTH - 8) + 0
		if (last != "" && x <= last)
			print "timeline " svg ": mark at " x " overlaps the one before"
		last = x + w
	}' "$1"
}

for f in "$top"/samples/*.log; do
	"$bin" --format html "$f" >"$tmp/page.html"
	xmllint --noout "$tmp/page.html" && ok || no "$(basename "$f"): markup is not well-formed"
	[ -z "$(dangling "$tmp/page.html")" ] && ok ||
		no "$(basename "$f"): $(dangling "$tmp/page.html" | head -3 | tr '\n' ' ')"
	[ -z "$(overlapping_marks "$tmp/page.html")" ] && ok ||
		no "$(basename "$f"): $(overlapping_marks "$tmp/page.html" | head -3)"
	grep -q '(s)' "$tmp/page.html" && no "$(basename "$f"): a plural written as (s)" || ok
done

# Names that need escaping, and bytes that are not UTF-8, stay well-formed.
printf 'Error synchronizing message '"'"'<b>&amp; "x"\377'"'"'\n[80004005-501-0-0]\n' \
	>"$tmp/odd.log"
"$bin" --format html "$tmp/odd.log" >"$tmp/odd.html"
xmllint --noout "$tmp/odd.html" && ok || no "escaping: markup is not well-formed"
grep -q '&lt;b&gt;&amp;amp; &quot;x&quot;' "$tmp/odd.html" && ok || no "escaping"

# The title and the heading name the input and its times, or its date.
"$bin" --format html "$top/samples/orgforms.log" >"$tmp/orgforms.html"
grep -q '<title>orgforms.log, 11:43:26 to 11:43:27 – ostdiag report</title>' \
	"$tmp/orgforms.html" && ok || no "title: $(grep -o "<title>[^<]*" "$tmp/orgforms.html" | head -1)"
grep -q '<h1>[^<]*/samples/orgforms.log <span class="when">11:43:26 to 11:43:27</span></h1>' \
	"$tmp/orgforms.html" && ok || no "heading: $(grep -o '<h1>.*</h1>' "$tmp/orgforms.html")"
"$bin" --format html "$top/tests/fixtures/sync-rtf.msg" >"$tmp/msg.html"
grep -q '<title>sync-rtf.msg, message of 2026-03-03 08:15:02 – ostdiag report</title>' \
	"$tmp/msg.html" && ok || no "title of a message: $(grep -o "<title>[^<]*" "$tmp/msg.html" | head -1)"
# Several: how many, the first few by name, and every one under the heading.
"$bin" --format html "$top/samples/messy-2016.log" "$top/samples/repeats.log" \
	"$tmp/missing.log" "$top/samples/orgforms.log" "$top/samples/clean-2016.log" \
	>"$tmp/five.html" 2>/dev/null
grep -q '<title>5 inputs: messy-2016.log, repeats.log, orgforms.log and 2 more – ostdiag report</title>' \
	"$tmp/five.html" && ok || no "title of several: $(grep -o "<title>[^<]*" "$tmp/five.html" | head -1)"
grep -q '<h1>5 inputs</h1>' "$tmp/five.html" &&
	[ "$(sed -n '/<ul class="inputs">/,/<\/ul>/p' "$tmp/five.html" | grep -c '<li>')" = 5 ] &&
	grep -q '<li><code>[^<]*/repeats.log</code>, 09:00:00 to 16:00:04</li>' "$tmp/five.html" &&
	ok || no "the heading does not list the five inputs with their times"

# An input that cannot be read is said at the top, never with an all-clear.
"$bin" --format html "$top/samples/clean-2016.log" "$tmp/missing.log" \
	>"$tmp/cleanfail.html" 2>/dev/null
grep -q '<div class="verdict trouble" id="failed">' "$tmp/cleanfail.html" &&
	grep -q '<li><code>[^<]*missing.log</code>: No such file or directory</li>' \
		"$tmp/cleanfail.html" &&
	! grep -q 'class="verdict clean"' "$tmp/cleanfail.html" &&
	grep -q 'No errors found in the input read' "$tmp/cleanfail.html" &&
	ok || no "a failed input does not show, or the page looks clean"
[ -z "$(dangling "$tmp/five.html")" ] && ok ||
	no "several inputs: $(dangling "$tmp/five.html" | head -3 | tr '\n' ' ')"

# A clean log: a clear all-clear that names the input and what was read.
"$bin" --format html "$top/samples/clean-2016.log" >"$tmp/clean.html"
grep -q '<div class="verdict clean" id="clean">' "$tmp/clean.html" &&
	grep -q '<p class="big">No errors found</p>' "$tmp/clean.html" &&
	grep -q 'ostdiag read 1 input: 1 session in 15 lines, and found no error in it.' \
		"$tmp/clean.html" &&
	grep -q '<title>clean-2016.log, 09:14:02 to 09:14:06 – ostdiag report</title>' \
		"$tmp/clean.html" &&
	! grep -q '<section class="finding' "$tmp/clean.html" &&
	ok || no "no all-clear page for a clean log"
# Counts in words, singular where it is one, as the text report has them.
grep -q '1 file, 1 session, 0 errors: 0 findings, 0 diagnosed, 0 unrecognized; 15 lines read.' \
	"$tmp/clean.html" && ok || no "counts: $(grep -o '<p class="counts">[^<]*' "$tmp/clean.html")"

# Less likely candidates with their title and score, as in the text report.
less=$(COLUMNS=1000 "$bin" --color never "$top/samples/orgforms.log" | sed -n 's/^  less likely: //p')
lid=${less%% (*}
rest=${less#* (}
ltitle=${rest%, score *}
lscore=$(echo "$rest" | sed 's/.*, score \([0-9]*\).*/\1/')
[ -n "$lid" ] && [ -n "$ltitle" ] && [ -n "$lscore" ] &&
	grep -qF "<li><a class=\"id\" href=\"#ref-$lid\">$lid</a> $(echo "$ltitle" |
		sed "s/'/\&#39;/g") <span class=\"score\">(score $lscore)</span></li>" \
		"$tmp/orgforms.html" && ok ||
	no "less likely '$less' not shown with its title and score"

# Ids link to their entries at the end: diagnoses, articles, see-also.
for id in Q161889-8004010F Q161889 Q272187 Q172957; do
	grep -q "<a class=\"id\" href=\"#ref-$id\">$id</a>" "$tmp/orgforms.html" &&
		grep -q "<div class=\"ref\" id=\"ref-$id\">" "$tmp/orgforms.html" && ok ||
		no "no link to the reference entry of $id"
done
grep -q '<a href="#finding-1">finding 1</a>' "$tmp/orgforms.html" && ok ||
	no "a reference entry does not link back to its finding"
# The summary comes before the findings.
s=$(grep -b -o 'id="summary"' "$tmp/orgforms.html" | cut -d: -f1)
f=$(grep -b -o '<section class="finding' "$tmp/orgforms.html" | head -1 | cut -d: -f1)
[ -n "$s" ] && [ -n "$f" ] && [ "$s" -lt "$f" ] && ok ||
	no "the summary does not come before the first finding"

# Repeats fold: once merged with their count, and a finding whose diagnosis
# an earlier one shows points there instead of repeating it.
"$bin" --format html "$top/samples/repeats.log" >"$tmp/repeats.html"
[ "$(grep -c '<div class="diag">' "$tmp/repeats.html")" = 1 ] &&
	grep -q '<tr><td>repeats</td><td>14 times in 14 of 15 sessions, the last at line 116 (16:00:02)</td></tr>' \
		"$tmp/repeats.html" && ok || no "repeats.log: the repeat is not shown once with its count"
"$bin" --format html --no-merge "$top/samples/repeats.log" >"$tmp/nomerge.html"
[ "$(grep -c '<div class="diag">' "$tmp/nomerge.html")" = 1 ] &&
	[ "$(grep -c '<p class="same-as">Same diagnosis as <a href="#finding-1">finding 1</a> above' \
		"$tmp/nomerge.html")" = 13 ] && ok ||
	no "--no-merge repeats.log: $(grep -c '<div class="diag">' "$tmp/nomerge.html") diagnosis boxes, want 1"
"$bin" --format html "$top/samples/messy-2016.log" >"$tmp/messy.html"
[ "$(grep -c '<div class="diag">' "$tmp/messy.html")" = 4 ] &&
	grep -q '<section class="finding same" id="finding-6">' "$tmp/messy.html" &&
	grep -q 'Same diagnosis as <a href="#finding-5">finding 5</a> above: <a class="id" href="#ref-KB2991453">KB2991453</a>' \
		"$tmp/messy.html" && ok ||
	no "messy-2016.log: 'Terminated in error' repeats the diagnosis box of finding 5"

# The timeline: an axis with labelled ticks, a legend, no marks on top of
# each other, and every error counted.
[ "$(grep -c '<g class="tick">.*<text[^>]*>[0-2][0-9]:[0-5][0-9]</text></g>' "$tmp/repeats.html")" -ge 4 ] &&
	ok || no "repeats.log: no time axis with labelled ticks"
grep -q '<g class="legend">' "$tmp/messy.html" &&
	grep -q '<text x="18" y="4">errors (a number: how many at about that time)</text>' "$tmp/messy.html" &&
	grep -q '<text x="18" y="4">terminated in error</text>' "$tmp/messy.html" &&
	grep -q '<text x="18" y="4">Done, with errors</text>' "$tmp/messy.html" &&
	! grep -q '<text x="18" y="4">never reached Done</text>' "$tmp/messy.html" &&
	ok || no "messy-2016.log: the legend does not name what the timeline shows"
# Four errors within six seconds are one mark that says 4.
grep -q '<g class="errors" data-count="4" [^>]*><title>4 errors from 09:14:02 to 09:14:08, session 1<' \
	"$tmp/messy.html" && grep -q '>4</text></g>' "$tmp/messy.html" && ok ||
	no "messy-2016.log: close errors are not one mark with their number"
# Sessions that cross midnight stay in order on one axis.
"$bin" --format html "$top/tests/fixtures/sync-midnight.eml" >"$tmp/midnight.html"
grep -q '<figcaption>23:59:50 to 00:00:30 (40 s), 1 session' "$tmp/midnight.html" &&
	[ -z "$(overlapping_marks "$tmp/midnight.html")" ] && ok ||
	no "a session across midnight: $(grep -o '<figcaption>[^<]*' "$tmp/midnight.html")"
# Many sessions and errors close together: clusters, none overlapping.
awk 'BEGIN {
	for (i = 0; i < 200; i++) {
		t = 8 * 3600 + i * 7
		s = sprintf("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
		print s " Synchronizing Mailbox '\''A'\''"
		print s " Synchronizing server changes in folder '\''Inbox'\''"
		for (k = 0; k < i % 3; k++) {
			print s " Error synchronizing folder"
			print s " [80040115-501-0-0]"
		}
		print s " Done"
	}
}' >"$tmp/dense.log"
"$bin" --format html "$tmp/dense.log" >"$tmp/dense.html"
marks=$(grep -c '<g class="errors"' "$tmp/dense.html")
counted=$(grep -o '<g class="errors" data-count="[0-9]*"' "$tmp/dense.html" |
	sed 's/.*="//; s/"//' | awk '{ n += $1 } END { print n + 0 }')
[ -z "$(overlapping_marks "$tmp/dense.html")" ] && [ "$marks" -gt 1 ] &&
	[ "$marks" -lt 100 ] && [ "$counted" = 199 ] && ok ||
	no "200 close sessions: $marks marks counting $counted errors, want a few counting 199"

# Printing: a print style sheet, and a PDF with pages; a clean log on one.
grep -q '@media print{@page{size:A4' "$tmp/messy.html" &&
	grep -q 'break-inside:avoid' "$tmp/messy.html" && ok || no "no print style sheet"
for page in messy clean; do
	chrome --no-pdf-header-footer --print-to-pdf="$tmp/$page.pdf" \
		"file://$tmp/$page.html" >/dev/null
	pages=$(grep -a -o '/Type /Pages*' "$tmp/$page.pdf" 2>/dev/null | grep -c 'Page$')
	head -c 5 "$tmp/$page.pdf" 2>/dev/null | grep -q '%PDF-' && [ "$pages" -gt 0 ] && ok ||
		no "$page: Chromium printed no PDF pages: $(tail -3 "$tmp/chromium.err")"
	[ $page = clean ] && { [ "$pages" = 1 ] && ok || no "a clean log prints on $pages pages, want 1"; }
done

# What Chromium renders.
"$bin" --format html "$top/samples/messy-2016.log" "$top/samples/repeats.log" \
	>"$tmp/report.html"
chrome --dump-dom "file://$tmp/report.html" >"$tmp/dom.html"
if [ ! -s "$tmp/dom.html" ]; then
	no "chromium rendered nothing: $(tail -3 "$tmp/chromium.err")"
else
	grep -q '<h1>2 inputs</h1>' "$tmp/dom.html" && ok || no "heading"
	[ "$(grep -o '<section class="finding' "$tmp/dom.html" | wc -l)" = 8 ] && ok ||
		no "expected 8 findings, got $(grep -o '<section class="finding' "$tmp/dom.html" | wc -l)"
	grep -q 'KB3115602' "$tmp/dom.html" && ok || no "diagnosis KB3115602 not shown"
	s=$(grep -b -o 'id="summary"' "$tmp/dom.html" | cut -d: -f1)
	f=$(grep -b -o '<section class="finding' "$tmp/dom.html" | head -1 | cut -d: -f1)
	[ -n "$s" ] && [ -n "$f" ] && [ "$s" -lt "$f" ] && ok || no "rendered: summary after the findings"
	[ "$(grep -o '<g class="session" data-sessions="[0-9]*"' "$tmp/dom.html" |
		sed 's/.*="//; s/"//' | awk '{ n += $1 } END { print n + 0 }')" = 17 ] && ok ||
		no "the timelines do not draw 17 sessions"
	[ "$(grep -o '<g class="errors" data-count="[0-9]*"' "$tmp/dom.html" |
		sed 's/.*="//; s/"//' | awk '{ n += $1 } END { print n + 0 }')" = 21 ] && ok ||
		no "the timelines do not count 21 errors"
	[ "$(grep -c '<svg[^>]*class="timeline"' "$tmp/dom.html")" = 2 ] && ok ||
		no "not one timeline per input"
	[ -z "$(dangling "$tmp/dom.html")" ] && ok ||
		no "rendered: $(dangling "$tmp/dom.html" | head -3 | tr '\n' ' ')"
	grep -q 'type="checkbox"' "$tmp/dom.html" && ok || no "no check boxes"
fi

finish
