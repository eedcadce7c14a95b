# schema.jq: every record ostdiag writes as JSON, kind by kind: its members in
# order, and the JSON types each may have. Run on a stream of records (JSONL,
# or the JSON document's lists); prints one line per member out of place.

def finding: [
	["kind", "string"], ["file", "string"], ["line", "number"],
	["time", "string null"], ["timestamp", "string null"],
	["session", "number"], ["count", "number"], ["last_line", "number"],
	["last_time", "string null"], ["sessions_with", "number"],
	["sessions_total", "number"], ["last_file", "string null"],
	["mailbox", "string null"],
	["client_version", "string null"], ["code", "string null"],
	["hresult", "string null"], ["name", "string null"],
	["meaning", "string null"], ["head", "string null"],
	["head_text", "string null"], ["subject", "string null"],
	["message", "string null"], ["provider", "string null"],
	["details", "string null"], ["context", "string null"],
	["scope", "string null"], ["folder", "string null"],
	["symptom", "string null"], ["diagnoses", "array"]];

def schemas: {
	start: [["kind", "string"], ["schema_version", "number"],
		["tool", "string"]],
	error: finding, task: finding, text: finding, symptom: finding,
	file: [["kind", "string"], ["file", "string"],
		["format", "string null"], ["encoding", "string null"],
		["subject", "string null"], ["date", "string null"],
		["folder", "string null"],
		["sessions", "number"], ["errors", "number"],
		["findings", "number"], ["failed", "boolean"],
		["skipped", "boolean"], ["reason", "string null"]],
	session: [["kind", "string"], ["file", "string"], ["session", "number"],
		["first_line", "number"], ["last_line", "number"],
		["start", "string null"], ["end", "string null"],
		["duration", "number null"], ["client_version", "string null"],
		["mailbox", "string null"], ["outcome", "string"],
		["folders", "number"], ["items_down", "number"],
		["items_up", "number"], ["errors", "number"],
		["longest_gap", "number null"], ["errors_by_folder", "array"]],
	note: [["kind", "string"], ["file", "string null"],
		["line", "number null"], ["message", "string"]],
	summary: [["kind", "string"], ["files", "number"],
		["files_failed", "number"], ["files_skipped", "number"],
		["sessions", "number"], ["errors", "number"],
		["findings", "number"], ["diagnosed", "number"],
		["unrecognized", "number"], ["filtered", "number"],
		["notes", "number"], ["lines", "number"], ["bytes", "number"],
		["by_diagnosis", "array"]]
};

# The members of the record that its kind's schema does not allow, as lines.
def check:
	. as $r
	| (schemas[$r.kind // "?"]) as $s
	| if $s == null then "\($r.kind // "no kind"): no such kind of record"
	  elif ($r | keys_unsorted) != [$s[][0]] then
		"\($r.kind): members \($r | keys_unsorted), want \([$s[][0]])"
	  else $s[] | . as [$k, $types]
		| ($r[$k] | type) as $t
		| select(($types | split(" ")) | index($t) | not)
		| "\($r.kind).\($k): \($t), want \($types)"
	  end;

check
