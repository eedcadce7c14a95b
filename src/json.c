/*
 * json.c: JSON string escaping with UTF-8 validation, and numbers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "json.h"
#include "util.h"

/* Does any byte of v equal zero? */
static inline bool
zero_byte(uint64_t v)
{
	return ((v - BYTES(0x01)) & ~v & BYTES(0x80)) != 0;
}

/*
 * Are the eight bytes v all printable ASCII that JSON takes as they are: none
 * below 0x20, none from 0x7F on, no quote and no backslash?
 */
static inline bool
plain8(uint64_t v)
{
	return ((v - BYTES(0x20)) & ~v & BYTES(0x80)) == 0 &&
	    ((v + BYTES(0x01)) & BYTES(0x80)) == 0 && (v & BYTES(0x80)) == 0 &&
	    !zero_byte(v ^ BYTES('"')) && !zero_byte(v ^ BYTES('\\'));
}

void
ostd_json_string(FILE *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	putc('"', out);
	while (i < len) {
		unsigned char c = s[i];
		size_t n;

		/* Plain printable ASCII goes out in runs, written at once. */
		if (i + 8 <= len && plain8(load_u64(s + i))) {
			i += 8;
			continue;
		}
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (n = utf8_sequence(s + i, len - i)) > 0) {
			i += n;
			continue;
		}
		fwrite(s + run, 1, i - run, out);
		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (c < 0x20 || c == 0x7F)
				fprintf(out, "\\u%04x", c);
			else
				fputs("\\ufffd", out);	/* not UTF-8 */
			break;
		}
		run = ++i;
	}
	fwrite(s + run, 1, i - run, out);
	putc('"', out);
}

void
json_uint(FILE *out, unsigned long long v)
{
	char buf[24], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), out);
}

void
json_int(FILE *out, long long v)
{
	if (v < 0) {
		putc('-', out);
		json_uint(out, 0ULL - (unsigned long long)v);
	} else {
		json_uint(out, (unsigned long long)v);
	}
}

void
json_str_or_null(FILE *out, const char *s)
{
	if (s == NULL)
		fputs("null", out);
	else
		ostd_json_string(out, s, strlen(s));
}
