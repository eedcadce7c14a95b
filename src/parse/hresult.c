/*
 * hresult.c: names and meanings of the HRESULTs seen in synchronization logs.
 * The MAPI names follow the table of synchronization codes in article Q185136
 * (its CdoE_X is MAPI_E_X); the SYNC_, STG_ and E_ codes are those that newer
 * clients write into the log.
 */
#include <stddef.h>
#include <stdint.h>
#include <strings.h>

#include "ostdiag/code.h"

struct hresult_entry {
	uint32_t value;
	const char *name;
	const char *meaning;
};

/* Sorted by value: hresult_find() bisects it. */
static const struct hresult_entry hresults[] = {
	{ 0x00040203, "MAPI_W_NO_SERVICE", "a service could not be loaded" },
	{ 0x00040380, "MAPI_W_ERRORS_RETURNED", "some properties returned errors" },
	{ 0x00040481, "MAPI_W_POSITION_CHANGED", "the table position moved" },
	{ 0x00040482, "MAPI_W_APPROX_COUNT", "the count is only approximate" },
	{ 0x00040580, "MAPI_W_CANCEL_MESSAGE", "message sending was cancelled" },
	{ 0x00040680, "MAPI_W_PARTIAL_COMPLETION", "the operation only partly completed" },
	{ 0x00040820, "SYNC_W_PROGRESS", "a synchronization progress warning, not a failure (Outlook 2002 reports it as \"reported error 0x00040820\")" },
	{ 0x80004002, "MAPI_E_INTERFACE_NOT_SUPPORTED", "the interface is not supported" },
	{ 0x80004005, "MAPI_E_CALL_FAILED", "the call failed (unspecified error)" },
	{ 0x8000FFFF, "E_UNEXPECTED", "an unexpected failure" },
	{ 0x80030070, "STG_E_MEDIUMFULL", "the disk is full" },
	{ 0x80040102, "MAPI_E_NO_SUPPORT", "the operation is not supported" },
	{ 0x80040103, "MAPI_E_BAD_CHARWIDTH", "wrong character width (Unicode/ANSI)" },
	{ 0x80040105, "MAPI_E_STRING_TOO_LONG", "a string is too long" },
	{ 0x80040106, "MAPI_E_UNKNOWN_FLAGS", "unknown flags were passed" },
	{ 0x80040107, "MAPI_E_INVALID_ENTRYID", "an entry identifier is invalid" },
	{ 0x80040108, "MAPI_E_INVALID_OBJECT", "an object is invalid" },
	{ 0x80040109, "MAPI_E_OBJECT_CHANGED", "the object was changed by someone else" },
	{ 0x8004010A, "MAPI_E_OBJECT_DELETED", "the object was deleted" },
	{ 0x8004010B, "MAPI_E_BUSY", "the object or server is busy" },
	{ 0x8004010D, "MAPI_E_NOT_ENOUGH_DISK", "not enough disk space" },
	{ 0x8004010E, "MAPI_E_NOT_ENOUGH_RESOURCES", "not enough resources" },
	{ 0x8004010F, "MAPI_E_NOT_FOUND", "an object or property was not found" },
	{ 0x80040110, "MAPI_E_VERSION", "version mismatch" },
	{ 0x80040111, "MAPI_E_LOGON_FAILED", "the logon failed" },
	{ 0x80040112, "MAPI_E_SESSION_LIMIT", "too many sessions" },
	{ 0x80040113, "MAPI_E_USER_CANCEL", "the user cancelled" },
	{ 0x80040114, "MAPI_E_UNABLE_TO_ABORT", "the operation could not be aborted" },
	{ 0x80040115, "MAPI_E_NETWORK_ERROR", "a network error (server unreachable)" },
	{ 0x80040116, "MAPI_E_DISK_ERROR", "a disk error" },
	{ 0x80040117, "MAPI_E_TOO_COMPLEX", "the operation is too complex" },
	{ 0x80040118, "MAPI_E_BAD_COLUMN", "a bad table column" },
	{ 0x80040119, "MAPI_E_EXTENDED_ERROR", "an extended error" },
	{ 0x8004011A, "MAPI_E_COMPUTED", "a computed property cannot be set" },
	{ 0x8004011B, "MAPI_E_CORRUPT_DATA", "the data is corrupt" },
	{ 0x8004011C, "MAPI_E_UNCONFIGURED", "a service is not configured" },
	{ 0x8004011D, "MAPI_E_FAILONEPROVIDER", "one provider failed" },
	{ 0x8004011E, "MAPI_E_UNKNOWN_CPID", "unknown code page" },
	{ 0x8004011F, "MAPI_E_UNKNOWN_LCID", "unknown locale" },
	{ 0x80040120, "MAPI_E_PASSWORD_CHANGE_REQUIRED", "the password must be changed" },
	{ 0x80040121, "MAPI_E_PASSWORD_EXPIRED", "the password has expired" },
	{ 0x80040122, "MAPI_E_INVALID_WORKSTATION_ACCOUNT", "the workstation account is not allowed" },
	{ 0x80040123, "MAPI_E_INVALID_ACCESS_TIME", "logon not allowed at this time" },
	{ 0x80040124, "MAPI_E_ACCOUNT_DISABLED", "the account is disabled" },
	{ 0x80040200, "MAPI_E_END_OF_SESSION", "the session ended" },
	{ 0x80040201, "MAPI_E_UNKNOWN_ENTRYID", "an entry identifier is not recognized" },
	{ 0x80040202, "MAPI_E_MISSING_REQUIRED_COLUMN", "a required column is missing" },
	{ 0x80040301, "MAPI_E_BAD_VALUE", "a bad property value" },
	{ 0x80040302, "MAPI_E_INVALID_TYPE", "an invalid property type" },
	{ 0x80040303, "MAPI_E_TYPE_NO_SUPPORT", "a property type is not supported" },
	{ 0x80040304, "MAPI_E_UNEXPECTED_TYPE", "an unexpected property type" },
	{ 0x80040305, "MAPI_E_TOO_BIG", "too big (or too many objects open)" },
	{ 0x80040306, "MAPI_E_DECLINE_COPY", "the copy was declined" },
	{ 0x80040307, "MAPI_E_UNEXPECTED_ID", "an unexpected identifier" },
	{ 0x80040400, "MAPI_E_UNABLE_TO_COMPLETE", "the operation could not complete" },
	{ 0x80040401, "MAPI_E_TIMEOUT", "the operation timed out" },
	{ 0x80040402, "MAPI_E_TABLE_EMPTY", "the table is empty" },
	{ 0x80040403, "MAPI_E_TABLE_TOO_BIG", "the table is too big" },
	{ 0x80040405, "MAPI_E_INVALID_BOOKMARK", "an invalid table bookmark" },
	{ 0x80040500, "MAPI_E_WAIT", "a wait timed out" },
	{ 0x80040501, "MAPI_E_CANCEL", "the operation was cancelled" },
	{ 0x80040502, "MAPI_E_NOT_ME", "not handled by this provider" },
	{ 0x80040600, "MAPI_E_CORRUPT_STORE", "the message store is corrupt" },
	{ 0x80040601, "MAPI_E_NOT_IN_QUEUE", "the message is not in the queue" },
	{ 0x80040602, "MAPI_E_NO_SUPPRESS", "read reports cannot be suppressed" },
	{ 0x80040604, "MAPI_E_COLLISION", "a name collision" },
	{ 0x80040605, "MAPI_E_NOT_INITIALIZED", "not initialized" },
	{ 0x80040606, "MAPI_E_NON_STANDARD", "a non-standard error" },
	{ 0x80040607, "MAPI_E_NO_RECIPIENTS", "the message has no recipients" },
	{ 0x80040608, "MAPI_E_SUBMITTED", "the message was already submitted" },
	{ 0x80040609, "MAPI_E_HAS_FOLDERS", "the folder still has subfolders" },
	{ 0x8004060A, "MAPI_E_HAS_MESSAGES", "the folder still has messages" },
	{ 0x8004060B, "MAPI_E_FOLDER_CYCLE", "a folder would contain itself" },
	{ 0x80040700, "MAPI_E_AMBIGUOUS_RECIP", "an ambiguous recipient" },
	{ 0x80040800, "SYNC_E_OBJECT_DELETED", "the object was deleted on the other side" },
	{ 0x80040801, "SYNC_E_IGNORE", "the change was ignored by the synchronizer" },
	{ 0x80040803, "SYNC_E_NO_PARENT", "the item's parent folder is missing" },
	{ 0x80041004, NULL, "Outlook Hotmail Connector synchronization error" },
	{ 0x80070005, "MAPI_E_NO_ACCESS", "access denied" },
	{ 0x8007000E, "MAPI_E_NOT_ENOUGH_MEMORY", "not enough memory" },
	{ 0x80070057, "MAPI_E_INVALID_PARAMETER", "an invalid parameter (E_INVALIDARG)" },
	{ 0x800CCCD2, "IXP_E_IMAP_TAGGED_NO_RESPONSE", "the IMAP server refused a command (a tagged NO answer)" },
};

static const struct hresult_entry *
hresult_find(uint32_t hr)
{
	size_t lo = 0, hi = sizeof(hresults) / sizeof(hresults[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (hresults[mid].value == hr)
			return &hresults[mid];
		if (hresults[mid].value < hr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
ostd_hresult_name(uint32_t hr)
{
	const struct hresult_entry *e = hresult_find(hr);

	return e != NULL ? e->name : NULL;
}

int
ostd_hresult_from_name(const char *name, uint32_t *hr)
{
	for (size_t i = 0; i < sizeof(hresults) / sizeof(hresults[0]); i++)
		if (hresults[i].name != NULL &&
		    strcasecmp(hresults[i].name, name) == 0) {
			*hr = hresults[i].value;
			return 0;
		}
	return -1;
}

/*
 * Error codes of the Exchange store that field 3 of a code carries in place of
 * 0 or the server's HRESULT, as the sources that quote them explain them.
 */
static const struct hresult_entry store_errors[] = {
	{ 0x4B9, "ecNullObject", "the store found no object where one was "
	    "expected (an unreachable replica, in the forms case)" },
	{ 0x4DE, "ecMaxObjsExceeded", "the server refused to open one more "
	    "object: the session has as many open as the server allows" },
};

const char *
ostd_store_error_name(uint32_t value, const char **meaning)
{
	for (size_t i = 0; i < sizeof(store_errors) / sizeof(store_errors[0]);
	    i++)
		if (store_errors[i].value == value) {
			if (meaning != NULL)
				*meaning = store_errors[i].meaning;
			return store_errors[i].name;
		}
	return NULL;
}

const char *
ostd_hresult_meaning(uint32_t hr)
{
	const struct hresult_entry *e = hresult_find(hr);

	return e != NULL ? e->meaning : NULL;
}
