/*
 * visible.c: escaping what a terminal would act on in text from the input.
 * Shown raw, an ESC starts a command (ESC [2J clears the screen) and a newline
 * in a file name starts a line that reads like one of the report's own.
 */
#include <stdlib.h>

#include "ostdiag/show.h"
#include "util/visible.h"

size_t
visible_span(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;

	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		if (s[i] < 0x80 || (n = utf8_sequence(s + i, len - i)) == 0)
			break;
		/* C1, U+0080 to U+009F: 0xC2 then 0x80 to 0x9F. */
		if (s[i] == 0xC2 && s[i + 1] < 0xA0)
			break;
		i += n;
	}
	return i;
}

size_t
visible_escape(unsigned char c, char buf[VISIBLE_ESCAPE_MAX])
{
	static const char hex[] = "0123456789abcdef";

	buf[0] = '\\';
	switch (c) {
	case '\n':
		buf[1] = 'n';
		break;
	case '\r':
		buf[1] = 'r';
		break;
	case '\t':
		buf[1] = 't';
		break;
	default:
		buf[1] = 'x';
		buf[2] = hex[c >> 4];
		buf[3] = hex[c & 0xF];
		buf[4] = '\0';
		return 4;
	}
	buf[2] = '\0';
	return 2;
}

void
strbuf_add_visible(struct strbuf *b, const char *s, size_t len)
{
	char esc[VISIBLE_ESCAPE_MAX];

	while (len > 0) {
		size_t n = visible_span(s, len);

		strbuf_add(b, s, n);
		if (n == len)
			break;
		strbuf_add(b, esc, visible_escape((unsigned char)s[n], esc));
		s += n + 1;
		len -= n + 1;
	}
}

void
put_visible(FILE *out, const char *s, size_t len)
{
	char esc[VISIBLE_ESCAPE_MAX];

	while (len > 0) {
		size_t n = visible_span(s, len);

		fwrite(s, 1, n, out);
		if (n == len)
			break;
		fwrite(esc, 1, visible_escape((unsigned char)s[n], esc), out);
		s += n + 1;
		len -= n + 1;
	}
}

char *
ostd_visible(const char *s)
{
	struct strbuf b;

	strbuf_init(&b, 0);
	if (s != NULL)
		strbuf_add_visible(&b, s, strlen(s));
	return strbuf_detach(&b);
}
