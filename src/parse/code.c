/*
 * code.c: parsing and normalizing four-part synchronization codes, and decoding
 * an HRESULT into its parts.
 */
#include <string.h>

#include "ostdiag/code.h"
#include "util/util.h"

int
ostd_code_parse(const char *s, size_t len, struct ostd_code *code)
{
	size_t i = 0, digits;
	int n = 0;
	uint32_t v;
	int w = 0;
	size_t first_digits = 0;

	memset(code, 0, sizeof(*code));
	while (i < len) {
		if (n == OSTD_CODE_FIELDS)
			return -1;
		v = 0;
		digits = 0;
		while (i < len && ascii_isxdigit((unsigned char)s[i])) {
			v = v << 4 | (uint32_t)ascii_hexval((unsigned char)s[i]);
			i++;
			digits++;
		}
		if (digits == 0 || digits > 8)
			return -1;
		if (n == 0)
			first_digits = digits;
		code->field[n++] = v;
		if (i < len) {
			if (s[i] != '-' || i + 1 == len)
				return -1;
			i++;
		}
	}
	if (n == 0)
		return -1;
	code->nfields = n;
	/*
	 * Field 1 keeps its width when written in full (it is an HRESULT);
	 * fields 2-4 lose their leading zeros. At most 4 * 9 bytes are written.
	 */
	for (int f = 0; f < n; f++) {
		static const char hex[] = "0123456789ABCDEF";
		uint32_t fv = code->field[f];
		int width = f == 0 && first_digits == 8 ? 8 : 1;

		while (width < 8 && fv >> (4 * width) != 0)
			width++;
		if (f > 0)
			code->text[w++] = '-';
		for (int d = width - 1; d >= 0; d--)
			code->text[w++] = hex[fv >> (4 * d) & 0xF];
	}
	code->text[w] = '\0';
	return 0;
}

int
ostd_code_has_hresult(const struct ostd_code *code)
{
	return code->nfields == 1 || code->nfields == 4;
}

uint32_t
ostd_code_hresult(const struct ostd_code *code)
{
	return code->field[0];
}

int
ostd_hresult_severity(uint32_t hr)
{
	return (int)(hr >> 31);
}

unsigned
ostd_hresult_facility(uint32_t hr)
{
	return (hr >> 16) & 0x7FF;
}

unsigned
ostd_hresult_code(uint32_t hr)
{
	return hr & 0xFFFF;
}

const char *
ostd_facility_name(unsigned facility)
{
	switch (facility) {
	case 0:
		return "NULL";
	case 1:
		return "RPC";
	case 2:
		return "DISPATCH";
	case 3:
		return "STORAGE";
	case 4:
		return "ITF";
	case 7:
		return "WIN32";
	case 8:
		return "WINDOWS";
	case 10:
		return "CONTROL";
	default:
		return NULL;
	}
}
