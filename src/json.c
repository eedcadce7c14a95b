/*
 * json.c: JSON string escaping with UTF-8 validation.
 */
#include <string.h>

#include "json.h"
#include "util.h"

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
json_str_or_null(FILE *out, const char *s)
{
	if (s == NULL)
		fputs("null", out);
	else
		ostd_json_string(out, s, strlen(s));
}
