#!/bin/sh
# The knowledge base against its sources: every defect that a review of the
# rules against their articles found (a mechanism the source does not give, a
# step presented as the source's that it does not contain, a step that can
# lose data with no warning, a rule offered for another era of Exchange, a
# reference that does not resolve, a code field decoded wrongly) has a check
# here, named after the rule and the kind of defect, on a small log or on
# `explain`. Each check reads ostdiag's JSON with jq.
#   sh tests/review.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
name=review
. "$(dirname "$0")/lib.sh"

# jq definitions every filter may use: the diagnoses of rule $id in a
# report, and the steps of one.
defs='def diag($id): [.findings[].diagnoses[] | select(.id == $id)];
def none($id): diag($id) | length == 0;
def steps_of($id): diag($id)[0].steps;
def matching($re): map(select(.text | test($re; "i")));'

# log NAME: standard input becomes the log $tmp/NAME.log.
log() { cat >"$tmp/$1.log"; }

# report ROW LOG FILTER: FILTER holds on ostdiag --format json LOG.
report() {
	"$bin" --format json "$tmp/$2.log" >"$tmp/out.json" 2>"$tmp/err"
	jq -e "$defs $3" "$tmp/out.json" >/dev/null 2>>"$tmp/err" && ok ||
		no "$1: $3 does not hold on $2.log"
}

# explained ROW ID FILTER: FILTER holds on ostdiag explain --format json ID.
explained() {
	"$bin" explain --format json "$2" >"$tmp/out.json" 2>"$tmp/err" &&
		jq -e "$defs $3" "$tmp/out.json" >/dev/null 2>>"$tmp/err" && ok ||
		no "$1: explain $2: $3 does not hold"
}

# explain_text ROW ARG ERE: ostdiag explain ARG prints a line matching ERE;
# explain_lacks: prints none.
explain_text() {
	"$bin" explain "$2" >"$tmp/out" 2>&1 && grep -Eq "$3" "$tmp/out" && ok ||
		no "$1: explain $2 does not print /$3/"
}
explain_lacks() {
	"$bin" explain "$2" >"$tmp/out" 2>&1 && ! grep -Eq "$3" "$tmp/out" && ok ||
		no "$1: explain $2 prints /$3/"
}

# A step that can lose data has its caution, and an earlier step saves.
caution_on() { printf '(.steps | matching("%s") | length > 0 and all(.caution != null))' "$1"; }
saved_before() {
	printf '((.steps | map(.text | test("%s"; "i")) | index(true)) as $d |
	  (.steps | map(.text | test("pst|personal folders"; "i")) | index(true)) as $s |
	  $d != null and $s != null and $s < $d)' "$1"
}

modern='9:00:01 Synchronizer Version 16.0.17928
9:00:01 Synchronizing Mailbox '"'"'Dana Ruiz'"'"'
9:00:01 Synchronizing Hierarchy
9:00:05 Synchronizing server changes in folder '"'"'Inbox'"'"''

# ---- wrong-version and wrong-condition: another era's rule on a modern log ----

printf '%s\n' "$modern" \
	'9:01:05 Error synchronizing message '"'"'A'"'"'' '9:01:05 [80040115-54A-0-0]' \
	'9:01:05 Network problems are preventing connection to Microsoft Exchange.' \
	'9:02:05 Error synchronizing message '"'"'B'"'"'' '9:02:05 [80040115-54A-0-0]' \
	'9:02:05 Network problems are preventing connection to Microsoft Exchange.' \
	'9:03:05 Error synchronizing folder' '9:03:05 [80040115-54A-0-0]' \
	'9:03:05 Network problems are preventing connection to Microsoft Exchange.' \
	'9:03:09 Done' | log timeouts16
report "Q269439 wrong-condition" timeouts16 'none("Q269439")'
report "Q161889-80040115 wrong-version" timeouts16 \
	'diag("Q161889-80040115") | length > 0 and all(.applicability == "mismatch")'
explained "Q161889-80040115 unsupported-fix" Q161889-80040115 \
	'.steps | matching("ping|WINS|DNS|HOSTS|RPing") | length > 0 and all(.source == "practice")'

printf '%s\n' "$modern" '9:00:06 Terminated in error' '9:00:06 [80040115-54A-0-0]' \
	'9:00:06 Network problems are preventing connection to Microsoft Exchange.' |
	log terminated16
report "Q161889-80040115 wrong-version (Terminated in error)" terminated16 \
	'diag("Q161889-80040115") | length > 0 and all(.applicability == "mismatch")'

printf '%s\n' "$modern" '9:00:06 Error synchronizing message '"'"'Plans'"'"'' \
	'9:00:06 [80030070-54A-0-0]' '9:00:06 There is not enough space on the disk.' |
	log diskfull16
report "Q161889-80030070 wrong-version" diskfull16 \
	'diag("Q161889-80030070") | length > 0 and all(.applicability == "mismatch")'

printf '%s\n' '8:02:14 Synchronizing Mailbox '"'"'Okafor, Chidi'"'"'' \
	'8:02:14 Synchronizing Hierarchy' '8:02:19 Synchronizing Folder '"'"'Inbox'"'"'' \
	'8:02:41 12 item(s) added to offline folder' \
	'8:02:41 Synchronizing Folder '"'"'Sent Items'"'"'' \
	'8:27:03 Synchronizing Folder '"'"'Calendar'"'"'' \
	'8:27:08 1 item(s) updated in offline folder' '8:27:15 Done' | log gap
report "Q166534 wrong-condition" gap 'none("Q166534")'
explained "Q166534 wrong-condition" Q166534 '.reference'

printf '%s\n' "$modern" '9:01:00 4 item(s) added to offline folder' \
	'9:01:00 Synchronizing server changes in folder '"'"'Service Desk'"'"'' \
	'9:31:58 1379 item(s) added to offline folder' | log truncated16
report "Q304338 wrong-condition" truncated16 'none("Q304338") and none("Q166534")'

printf '%s\n' 'The following offline rule is active:' \
	'Large Message Rule (client-only)' | log dialog259654
report "Q259654 wrong-condition" dialog259654 'none("Q259654")'

# ---- the articles' steps, and no others presented as theirs ----

explained "Q152905 unsupported-fix" Q152905 \
	'.steps | matching("uninstall|reinstall") | length == 0'
explained "Q152912 unsupported-fix" Q152912 \
	'.steps | matching("delete the leftover") | length == 0'
explained "Q169674 unsupported-fix" Q169674 \
	'.steps | map(select(.source == "article")) | matching("storage limit|delet") | length == 0'
explained "Q176433 unsupported-fix" Q176433 \
	'.steps | matching("ISINTEG|new OST|Q172957") | length == 0'
explained "Q182294 unsupported-fix" Q182294 \
	'.steps | matching("personal folder|\\.pst|delete the offline copy") | length == 0'
explained "Q184190 unsupported-fix" Q184190 \
	'.steps | matching("rebuild") | length == 0'

# ---- causes that say only what the source says ----

explained "Q152430 invented-fact" Q152430 '.cause | test("token") | not'
explained "Q282496 invented-fact" Q282496 \
	'(.summary | test("cannot fully bring back") | not) and (.summary | test("permissions"))'

# ---- steps that can lose data: cautioned, and saved first ----

explained "Q152722 risky-fix" Q152722 \
	'(.steps[0].text | test("answer No|click No"; "i") | not) and '"$(caution_on 'answer No|click No')"
explained "Q170816 risky-fix" Q170816 "$(caution_on 'Empty the Deleted Items')"
explained "Q180055 risky-fix" Q180055 \
	'(.steps | matching("remove the appointments|resolve or remove") | length == 0) and '"$(caution_on 'conflict')"
explained "Q182715 risky-fix" Q182715 "$(caution_on '\\.ost') and $(saved_before '\\.ost')"
explained "Q195152 risky-fix" Q195152 "$(caution_on 'delete.*\\.ost') and $(saved_before 'delete.*\\.ost')"

# ---- references that resolve ----

for id in Q191014 Q229565 Q253526 Q256986 KB2685289 KB867506; do
	explained "bad-reference $id" "$id" \
		'.reference and (.held | not) and (.cited_by | length > 0)'
done

# ---- explain ----

explain_text "explain decode-error 4DE" 80040305-54A-4DE-1900 \
	'field 3, the store.s error code: 0x4DE ecMaxObjsExceeded'
explain_text "explain decode-error 4B9" 80004005-501-4B9-560 \
	'field 3, the store.s error code: 0x4B9 ecNullObject'
explain_lacks "explain decode-error 00040820" 00040820 'busy|unrecognized'
explain_text "explain decode-error 00040820" 00040820 '^  Q264731-00040820 '
explain_lacks "explain decode-error needs" 8004010F-501-0-521 'client versions'
explain_text "explain decode-error needs" 8004010F-501-0-521 \
	'^      written for .* and Exchange client'
"$bin" explain --format json 80004005-501-4B9-560 >"$tmp/out.json" &&
	jq -e '.fields[2] == {"field":3,"value":"4B9","kind":"store-error",
	  "name":"ecNullObject","meaning":.fields[2].meaning}' \
	"$tmp/out.json" >/dev/null && ok || no "explain -f json: field 3 of 80004005-501-4B9-560"

# ---- the organizational forms family and the other archived rules ----

printf '%s\n' '11:43:26 Synchronizing Organization Forms' \
	'11:43:27 Error synchronizing folder' '11:43:27 [8004010F-501-0-521]' \
	'11:43:27 The client operation failed.' | log seed521
report "8004010F-501-0-521 family" seed521 \
	'(diag("Q162703")[0].best and diag("Q168734")[0].best and (diag("Q272187")[0].best | not)) and
	 (diag("Q161889-8004010F")[0].best)'
explained "Q168734 invented-fact" Q168734 \
	'(.cause | test("hand its contents") | not) and (.steps | matching("rewrites the permission") | length == 0)'
explained "Q168734 wrong-version" Q168734 '.applicability.clients == "4-8"'
explained "Q162703 invented-fact, risky unsupported-fix" Q162703 \
	'(.steps | matching("exactly one") | length == 0) and (.questions | map(select(test("persist"))) | length == 0)'
explained "Q162703 wrong-version" Q162703 '.applicability.clients == "4-5"'
explained "Q162703-522 unsupported-fix, risky-fix" Q162703-522 \
	'(.steps | matching("rebuild|Q172957") | length == 0) and .applicability.clients == "4-5"'

printf '%s\n' "Synchronizing Folder 'Inbox'" "Error synchronizing message 'Budget'" \
	'[80070005-508-80070005-322]' \
	'You do not have sufficient permission to perform this operation on this object.' |
	log inbox810
report "KB810018 wrong-condition" inbox810 'none("KB810018") and diag("Q182294")[0].best'
explained "KB810018 invented-fact" KB810018 '.cause | test("clears all item properties") | not'
explained "KB3115602 invented-fact" KB3115602 \
	'(.cause | test("closes the session|linger|\\bhang") | not) and (.note | test("ecMaxObjsExceeded"))'
explained "KB2665915-80004005 risky-fix" KB2665915-80004005 "$(caution_on 'Set-OfflineAddressBook')"
explained "KB2572029 question" KB2572029 \
	'(.questions | map(select(test("only in the Synchronizing Forms"))) | length == 0) and .provenance == "source"'

explained "OSTD-DELETIONS-UPLOAD invented-fact" OSTD-DELETIONS-UPLOAD '.cause | test("damaged") | not'
explained "OSTD-DELETIONS-UPLOAD risky-fix" OSTD-DELETIONS-UPLOAD \
	"$(caution_on 'rename.*\\.ost') and $(saved_before 'rename.*\\.ost')"
explained "OSTD-E-UNEXPECTED-CACHE wrong-condition" OSTD-E-UNEXPECTED-CACHE \
	'.title | test("Every") | not'
explained "OSTD-E-UNEXPECTED-CACHE risky-fix" OSTD-E-UNEXPECTED-CACHE \
	'(.steps | map(.text | test("pst"; "i")) | index(true)) as $s |
	 (.steps | map(.text | test("^Close Outlook"; "i")) | index(true)) as $c |
	 $s != null and $c != null and $s < $c'
explained "OSTD-INVALID-PARAMETER-UPLOAD unsupported-fix" OSTD-INVALID-PARAMETER-UPLOAD \
	'.steps | matching("^delete|delete the failed copy") | length == 0'

printf '%s\n' "$modern" "9:00:06 Synchronizing server changes in folder 'Calendar'" \
	'9:00:06 Error synchronizing folder' '9:00:06 [80040803-54A-80040803-533]' |
	log owncalendar
report "OSTD-NO-PARENT-SHARED-CALENDAR wrong-condition" owncalendar \
	'none("OSTD-NO-PARENT-SHARED-CALENDAR")'
printf '%s\n' "$modern" \
	"9:00:06 Error Synchronizing Hierarchy for Mailbox 'Dana Ruiz'" \
	'9:00:06 [80041004-501-0-322]' | log code80041004
report "OSTD-HOTMAIL-CONNECTOR wrong-condition" code80041004 \
	'none("OSTD-HOTMAIL-CONNECTOR")'

# ---- today's sources, corrected ----

explained "KB2665915 pairs its OAB line with 0X80004005" KB2665915 \
	'.reference and (.held | not) and (.summary | test("0X80004005")) and
	 (.cited_by | index("KB2665915-80004005") != null)'
explained "OAB 0X8004010F does not rest on KB2665915" OSTD-OAB-NOT-FOUND \
	'.provenance == "source" and (.note | test("KB2665915")) and (.source | test("KB2665915") | not)'
explained "KB2572029 rests on a third-party post" KB2572029 \
	'.provenance == "source" and (.source | test("third-party"; "i")) and (.note | test("not|never"))'
for id in KB867506 KB2685289; do
	explained "$id: no text found" "$id" '.reference and (.held | not)'
done

finish
