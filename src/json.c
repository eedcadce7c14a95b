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
	size_t i = 0;

	putc('"', out);
	while (i < len) {
		unsigned char c = s[i];
		size_t n;

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
			if (c < 0x20 || c == 0x7F) {
				fprintf(out, "\\u%04x", c);
				break;
			}
			n = utf8_sequence(s + i, len - i);
			if (n == 0) {
				fputs("\\ufffd", out);
				break;
			}
			fwrite(s + i, 1, n, out);
			i += n;
			continue;
		}
		i++;
	}
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
