/*
 * ostdiag/code.h: the four-part synchronization code ([8004010F-501-0-521]).
 *
 * Field 1 is the HRESULT (MAPI SCODE) that says what failed; fields 2-4 locate the
 * failure inside the client or server. Short forms with two or three fields exist
 * ([0-130]); a bare HRESULT (0X8004010F, "Error : 80041004.") has one field.
 * Included by any user of libostdiag. Nothing here allocates.
 */
#ifndef OSTDIAG_CODE_H
#define OSTDIAG_CODE_H

#include <stddef.h>
#include <stdint.h>

#define OSTD_CODE_FIELDS 4
#define OSTD_CODE_TEXT 48	/* room for the normalized form and its NUL */

struct ostd_code {
	int nfields;			/* 1 to 4 */
	uint32_t field[OSTD_CODE_FIELDS];
	char text[OSTD_CODE_TEXT];	/* normalized: "8004010F-501-0-521" */
};

/*
 * Parse a code written as hex fields separated by '-' (no brackets, no 0x),
 * e.g. "80070005-508-00-324". Each field holds 1 to 8 hex digits.
 * Returns 0 and fills *code, or -1 when s[0..len) is not a code.
 */
int ostd_code_parse(const char *s, size_t len, struct ostd_code *code);

/*
 * Does the code carry an HRESULT? Four-part codes and bare HRESULTs do; short
 * forms such as [0-130] do not.
 */
int ostd_code_has_hresult(const struct ostd_code *code);

/* The HRESULT of a code: field 1. */
uint32_t ostd_code_hresult(const struct ostd_code *code);

/* The symbolic name of an HRESULT (MAPI_E_NOT_FOUND), or NULL when unknown. */
const char *ostd_hresult_name(uint32_t hr);

/*
 * The HRESULT named name (MAPI_E_NOT_FOUND, in any case) into *hr. Returns 0,
 * or -1 when no HRESULT known has that name.
 */
int ostd_hresult_from_name(const char *name, uint32_t *hr);

/* A short English description of an HRESULT, or NULL when unknown. */
const char *ostd_hresult_meaning(uint32_t hr);

/*
 * The name of a store error code that field 3 may carry (0x4DE is
 * ecMaxObjsExceeded), and its meaning in *meaning when meaning is not NULL;
 * NULL when the value is no store error code known.
 */
const char *ostd_store_error_name(uint32_t value, const char **meaning);

/* Parts of an HRESULT. */
int ostd_hresult_severity(uint32_t hr);	/* 1 = failure, 0 = success/warning */
unsigned ostd_hresult_facility(uint32_t hr);
unsigned ostd_hresult_code(uint32_t hr);
/* Facility name (ITF, WIN32, STORAGE, ...) or NULL. */
const char *ostd_facility_name(unsigned facility);

#endif
