# baseline.awk: the least a synchronization-log analyzer has to do, as the
# yardstick ostdiag's benchmark measures it against. It remembers the last
# "Synchronizing ..." line (the scope an error happens in) and, for every
# bracketed code such as [8004010F-501-0-521], prints one line: where the code
# is, the code in upper case, the name of its HRESULT from a small table, and
# the scope. No rules, no sessions, no merging, no report.
#
#   awk -f tests/bench/baseline.awk FILE...
#
# Portable awk (mawk, gawk, busybox): no interval expressions, no gensub.

BEGIN {
	name["80004005"] = "MAPI_E_CALL_FAILED"
	name["8000FFFF"] = "E_UNEXPECTED"
	name["80030070"] = "STG_E_MEDIUMFULL"
	name["8004010F"] = "MAPI_E_NOT_FOUND"
	name["80040107"] = "MAPI_E_INVALID_ENTRYID"
	name["80040115"] = "MAPI_E_NETWORK_ERROR"
	name["80040305"] = "MAPI_E_TOO_BIG"
	name["80040401"] = "MAPI_E_TIMEOUT"
	name["80040600"] = "MAPI_E_CORRUPT_STORE"
	name["80040800"] = "SYNC_E_OBJECT_DELETED"
	name["80040801"] = "SYNC_E_IGNORE"
	name["80040803"] = "SYNC_E_NO_PARENT"
	name["80041004"] = "HOTMAIL_SYNC_ERROR"
	name["80070005"] = "MAPI_E_NO_ACCESS"
	name["80070057"] = "MAPI_E_INVALID_PARAMETER"
	scope = "-"
}

# A scope line (not an "Error Synchronizing Hierarchy ..." head): keep its text
# without the quote prefix, the time and the indentation.
/Synchroni[sz]ing / && !/Error/ {
	scope = $0
	sub(/\r$/, "", scope)
	sub(/^[> \t]*[0-9]*:*[0-9]*:*[0-9]*[ \t]*/, "", scope)
	next
}

/\[[0-9A-Fa-f]+-[0-9A-Fa-f-]+\]/ {
	match($0, /\[[0-9A-Fa-f]+-[0-9A-Fa-f-]+\]/)
	code = toupper(substr($0, RSTART + 1, RLENGTH - 2))
	hr = code
	sub(/-.*/, "", hr)
	printf "%s:%d: %s %s in %s\n", FILENAME, FNR, code,
	    (hr in name) ? name[hr] : "unknown", scope
}
