/*
 * wrap.c: text wrapped between words at a width in columns, for the text
 * report, the rule list and explanations.
 */
#include <stdbool.h>

#include "util/util.h"
#include "util/visible.h"
#include "util/wrap.h"

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
	text_wrap_in(out, width, col, indent, text, NULL, NULL);
}

void
text_wrap_in(FILE *out, int width, int col, int indent, const char *text,
    const char *on, const char *off)
{
	const char *p = text;
	bool first = true;
	struct strbuf word;

	strbuf_init(&word, 0);
	if (on != NULL)
		fputs(on, out);
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
			if (off != NULL)
				fputs(off, out);
			fprintf(out, "\n%*s", indent, "");
			if (on != NULL)
				fputs(on, out);
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
	if (off != NULL)
		fputs(off, out);
	putc('\n', out);
}
