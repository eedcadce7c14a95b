/*
 * wrap.c: text wrapped between words at a width in columns, for the text
 * report, the rule list and explanations.
 */
#include <stdbool.h>

#include "util.h"
#include "visible.h"
#include "wrap.h"

int
text_columns(const char *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

void
text_wrap(FILE *out, int width, int col, int indent, const char *text)
{
	const char *p = text;
	bool first = true;
	struct strbuf word;

	strbuf_init(&word, 0);
	for (;;) {
		size_t wl;
		int w;

		while (*p == ' ')
			p++;
		wl = strcspn(p, " ");
		if (wl == 0)
			break;
		strbuf_reset(&word);
		strbuf_add_visible(&word, p, wl);
		w = text_columns(word.data, word.len);
		if (!first && width > 0 && col + 1 + w > width) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			putc(' ', out);
			col++;
		}
		fwrite(word.data, 1, word.len, out);
		col += w;
		p += wl;
		first = false;
	}
	strbuf_free(&word);
	putc('\n', out);
}
