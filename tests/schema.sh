#!/bin/sh
# The JSON schema, record by record: every kind of record (start, each kind of
# finding, file, session, note, summary) in JSONL is one flat object with the
# members tests/schema.jq lists, in order, of the types it allows; the JSON
# document holds the same records in its lists. Needs jq.
#   sh tests/schema.sh BINARY
set -u
bin=$1
name=schema
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null 2>&1 || { echo "$name: needs jq"; exit 1; }

# Logs that give every kind: the samples, a Send/Receive task line, a
# symptom (repeated time-outs on an old client) and a file with no log.
cp "$top"/samples/*.log "$tmp/"
printf "Task 'SharePoint' reported error (0x8004010F) : 'x'\n" >"$tmp/task.log"
sed -n '/^example:/,$p' "$top/src/kb/rules/Q269439.rule" | sed '1d; s/^  //' \
	>"$tmp/symptom.log"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$tmp/passwd"
"$bin" -t --format jsonl "$tmp"/*.log "$tmp/passwd" >"$tmp/out.jsonl" 2>/dev/null
for kind in start error task text symptom file session note summary; do
	grep -q "^{\"kind\":\"$kind\"" "$tmp/out.jsonl" && ok ||
		no "no $kind record to check"
done
jq -r -f "$top/tests/schema.jq" "$tmp/out.jsonl" >"$tmp/bad" 2>&1
[ ! -s "$tmp/bad" ] && ok || no "JSONL: $(head -5 "$tmp/bad")"

# The JSON document: the same records in its lists, the summary an object.
"$bin" -t --format json "$tmp"/*.log "$tmp/passwd" >"$tmp/out.json" 2>/dev/null
jq -c '(.findings[], .files[], .sessions[], .notes[]),
	(.summary | {kind: "summary"} + .)' "$tmp/out.json" |
	jq -r -f "$top/tests/schema.jq" >"$tmp/bad" 2>&1
[ ! -s "$tmp/bad" ] && ok || no "JSON: $(head -5 "$tmp/bad")"
[ "$(jq -r 'keys_unsorted | join(",")' "$tmp/out.json")" = \
    "schema_version,tool,findings,files,sessions,notes,summary" ] && ok ||
	no "JSON: the document's members changed"
# Every record of the stream is flat: no member holds an object.
jq -r 'select([.[] | objects] | length > 0) | .kind' "$tmp/out.jsonl" >"$tmp/nested"
[ ! -s "$tmp/nested" ] && ok || no "JSONL: nested records: $(sort -u "$tmp/nested")"

finish
