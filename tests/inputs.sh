#!/bin/sh
# Inputs as help desks receive them: every encoding and message format in
# tests/fixtures gives the same error; mail is found from its header block,
# a page (HTML, a web archive) from its markup; message dates give full
# timestamps (across midnight); several inputs end with a summary table; a
# broken input is reported while the others are still analysed.
#   sh tests/inputs.sh BINARY
set -u
bin=$1
name=inputs
. "$(dirname "$0")/lib.sh"
fx=$top/tests/fixtures

# has FILE 'what'...: the JSON report of FILE holds each string.
has() {
	f=$1
	shift
	"$bin" --format json "$fx/$f" >"$tmp/out.json" 2>"$tmp/err"
	for want in "$@"; do
		grep -qF -- "$want" "$tmp/out.json" ||
			{ no "$f: no $want"; return; }
	done
	ok
}

common='"code":"8004010F-501-0-0"'
folder='"folder":"Entwürfe"'
mailbox='"mailbox":"José Müller"'
has sync-utf16le-bom.txt "$common" "$folder" "$mailbox" \
	'"format":"text","encoding":"utf-16le"'
has sync-utf16be-nobom.txt "$common" "$folder" "$mailbox" \
	'"format":"text","encoding":"utf-16be"'
has sync-utf8-bom-cr.txt "$common" "$folder" "$mailbox" \
	'"format":"text","encoding":"utf-8"'
has sync-cp1252.txt "$common" "$folder" "$mailbox" \
	'"format":"text","encoding":"windows-1252"'
has sync-outlook-saved.txt "$common" "$folder" \
	'"subject":"Synchronization Log:","date":"2026-03-03T09:15:00"' \
	'"timestamp":"2026-03-03T09:14:03"'
has sync-qp.eml "$common" "$folder" "$mailbox" '"format":"eml"' \
	'"subject":"Synchronization Log:","date":"2026-03-03T09:15:02"' \
	'"timestamp":"2026-03-03T09:14:03"'
has sync.rtf "$common" "$folder" "$mailbox" '"format":"rtf"'
has sync-midnight.eml '"timestamp":"2026-03-03T23:59:55"' \
	'"timestamp":"2026-03-04T00:00:20"'
for f in "$fx"/*.msg; do
	[ -e "$f" ] || continue
	has "$(basename "$f")" "$common" '"format":"msg"' \
		'"subject":"Synchronization Log:"' '"timestamp":"2026-03-03T09:14:03"'
done

# Outlook's saves as HTML and as a web archive (.mht): the page's text, with
# the subject and Sent date of the header block at its top.
for f in sync-outlook-2016.htm:html sync-outlook-2016.mht:mht; do
	has "${f%:*}" '"code":"8004010F-501-0-521"' "\"format\":\"${f#*:}\"" \
		'"subject":"Synchronization Log:","date":"2026-03-03T11:44:00"' \
		'"timestamp":"2026-03-03T11:43:27"' '"id":"Q168734"'
done

# Content decides for pages too: Outlook's HTML renamed .txt is HTML; any page
# is read as HTML; text that mentions <html> after its first line is text.
cp "$fx/sync-outlook-2016.htm" "$tmp/page.txt"
"$bin" --format json "$tmp/page.txt" | grep -q '"format":"html"' && ok ||
	no "an HTML save renamed .txt is not found to be HTML"
{
	printf '<!DOCTYPE html>\n<html><head><title>Log</title></head><body>\n'
	printf '<p>11:43:27 Error synchronizing folder</p>\n'
	printf '<p>11:43:27&nbsp;[8004010F-501-0-521]</p>\n</body></html>\n'
} >"$tmp/other.html"
"$bin" --format json "$tmp/other.html" >"$tmp/out.json"
grep -q '"format":"html","encoding":null,"subject":null' "$tmp/out.json" &&
	grep -q '"code":"8004010F-501-0-521"' "$tmp/out.json" && ok ||
	no "a page not from Outlook is not read as HTML"
printf '11:43:27 Error synchronizing folder\n<html>\n%s\n' \
	'11:43:27 [8004010F-501-0-521]' >"$tmp/mentions.txt"
"$bin" --format json "$tmp/mentions.txt" | grep -q '"format":"text"' && ok ||
	no "text that mentions <html> is not text"
"$bin" --format json --input-format html "$fx/sync-cp1252.txt" |
	grep -q '"format":"html"' && ok || no "--input-format html"
"$bin" --format json --input-format mht "$fx/sync-qp.eml" |
	grep -q '"format":"mht"' && ok || no "--input-format mht"

# Mail as Exchange writes it (Thread-Index, Accept-Language, X-MS-* fields, a
# base64 body) is found to be mail from its header block, whatever its fields.
has sync-exchange-base64.eml '"code":"8004010F-501-0-521"' \
	'"mailbox":"Dana Ruiz"' '"format":"eml"' \
	'"subject":"Synchronization Log:","date":"2026-03-03T11:44:05"' \
	'"timestamp":"2026-03-03T11:43:27"'
"$bin" -q "$fx/sync-exchange-base64.eml" >/dev/null 2>&1
[ $? = 1 ] && ok || no "sync-exchange-base64.eml: no finding by auto-detection"

# The real messages Outlook converted to MIME are mail too.
for f in "$top"/../shared/msg/*.eml; do
	[ -e "$f" ] || continue
	"$bin" --format json "$f" 2>/dev/null | grep -q '"format":"eml"' && ok ||
		no "$(basename "$f") is not found to be mail"
done

# A header block longer than the 4096 bytes looked at first, cut there in the
# middle of a field name: still mail.
{
	printf 'MIME-Version: 1.0\r\nTo: h@example\r\n'		# 34 bytes
	awk 'BEGIN { for (i = 0; i < 63; i++) printf " b=%059d\r\n", i }'	# 4032
	printf 'X-MS-Exchange-Organization-Network-Message-Id: 2f\r\n'
	printf 'Subject: Synchronization Log:\r\n\r\n'
	printf '11:43:27 Error synchronizing folder\r\n11:43:27 [8004010F-501-0-521]\r\n'
} >"$tmp/long-header.eml"
"$bin" --format json "$tmp/long-header.eml" |
	grep -q '"format":"eml".*"subject":"Synchronization Log:"' &&
	ok || no "a long header block is not found to be mail"

# Outlook's text save in UTF-8 ("From:<tab>Name", "Sent:") stays text.
iconv -f UTF-16 -t UTF-8 "$fx/sync-outlook-saved.txt" >"$tmp/saved-utf8.txt"
"$bin" --format json "$tmp/saved-utf8.txt" |
	grep -q '"format":"text","encoding":"utf-8","subject":"Synchronization Log:"' &&
	ok || no "Outlook's text save in UTF-8 is not text"

# Content decides, not the name: the UTF-16 file renamed .eml is still text.
cp "$fx/sync-utf16le-bom.txt" "$tmp/misnamed.eml"
"$bin" --format json "$tmp/misnamed.eml" | grep -q '"encoding":"utf-16le"' && ok ||
	no "format found from the file name, not the content"

# --encoding and --input-format override what is found.
"$bin" --format json --encoding windows-1252 "$fx/sync-cp1252.txt" |
	grep -qF "$folder" && ok || no "--encoding windows-1252"
"$bin" --format json --input-format text "$fx/sync.rtf" |
	grep -q '"format":"text"' && ok || no "--input-format text"
"$bin" --encoding ebcdic "$fx/sync.rtf" >/dev/null 2>&1
[ $? = 2 ] && ok || no "an unknown --encoding is accepted"

# Several inputs, one broken: reported, the others analysed, exit 2, a table.
head -c 1000 "$fx/sync-qp.eml" >/dev/null
printf '\320\317\021\340\241\261\032\341broken' >"$tmp/broken.msg"
"$bin" "$fx/sync-qp.eml" "$tmp/broken.msg" "$fx/sync.rtf" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] && ok || no "a broken input gives exit $st, want 2"
grep -q "broken.msg: " "$tmp/err" && ok || no "the broken input is not named"
[ "$(grep -c 'error at' "$tmp/out")" = 2 ] && ok || no "the other inputs were not analysed"
grep -q '^file  *format sessions errors findings$' "$tmp/out" &&
	grep -q 'broken.msg  *msg *failed: ' "$tmp/out" &&
	grep -q '^Q169674\|^(unrecognized)' "$tmp/out" && ok || no "no summary table"

# Damaged RTF: the text that can be read is analysed, the damage noted.
printf '{\\rtf1 9:00:00 Error synchronizing folder\\par [8004010F-501-0-0]\\par {\\b open' \
	>"$tmp/damaged.rtf"
"$bin" "$tmp/damaged.rtf" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && grep -q "8004010F-501-0-0" "$tmp/out" &&
	grep -q "damaged.rtf: RTF ends with 2 groups still open" "$tmp/err" && ok ||
	no "damaged RTF"

# Directories: only with --recursive; files found in name order.
mkdir -p "$tmp/d/sub"
cp "$fx/sync.rtf" "$tmp/d/b.rtf"
cp "$fx/sync-cp1252.txt" "$tmp/d/sub/a.txt"
"$bin" -q "$tmp/d" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q 'is a directory (use --recursive)' "$tmp/err" && ok ||
	no "a directory without --recursive"
"$bin" --recursive --format json "$tmp/d" >"$tmp/out.json"
grep -o '"kind":"file","file":"[^"]*"' "$tmp/out.json" | tr '\n' ' ' |
	grep -q "d/b.rtf.*d/sub/a.txt" && ok || no "--recursive order"

finish
