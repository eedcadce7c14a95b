/*
 * html.c: HTML documents as inputs: telling one from text by its first bytes,
 * finding its charset, and reducing it to the text of its lines.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/encoding.h"
#include "ostdiag/html.h"
#include "input/textconv.h"
#include "util/util.h"

/* Whether s[i..n) starts with word, ignoring case. */
static bool
starts_with(const char *s, size_t i, size_t n, const char *word)
{
	size_t len = strlen(word);

	return n - i >= len && ascii_strncaseeq(s + i, word, len);
}

/* Offset just past the first needle in s[from..n), or 0 when there is none. */
static size_t
past(const char *s, size_t from, size_t n, const char *needle)
{
	const char *at = mem_find(s + from, n - from, needle, strlen(needle));

	return at != NULL ? (size_t)(at - s) + strlen(needle) : 0;
}

/* Whether name[0..len) is one of the n tags, ignoring case. */
static bool
tag_in(const char *name, size_t len, const char *const *tags, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(tags[i]) == len && ascii_strncaseeq(name, tags[i], len))
			return true;
	return false;
}

/* Whether UTF-8 s[0..n) starts with the markup of an HTML document. */
static bool
starts_html(const char *s, size_t n)
{
	static const char *const first_tags[] = {
		"html", "head", "body", "meta", "title",
	};
	size_t i = 0;

	for (;;) {
		size_t k;

		while (i < n && ascii_isspace((unsigned char)s[i]))
			i++;
		if (i >= n || s[i] != '<')
			return false;
		if (starts_with(s, i, n, "<!--")) {
			if ((i = past(s, i + 4, n, "-->")) == 0)
				return false;
			continue;
		}
		if (starts_with(s, i, n, "<?")) {
			if ((i = past(s, i + 2, n, ">")) == 0)
				return false;
			continue;
		}
		if (starts_with(s, i, n, "<!doctype")) {
			for (i += 9; i < n && ascii_isspace((unsigned char)s[i]);
			    i++)
				;
			return starts_with(s, i, n, "html");
		}
		for (k = i + 1; k < n && (s[k] | 0x20) >= 'a' &&
		    (s[k] | 0x20) <= 'z'; k++)
			;
		if (k >= n || !(ascii_isspace((unsigned char)s[k]) ||
		    s[k] == '>' || s[k] == '/'))
			return false;
		return tag_in(s + i + 1, k - i - 1, first_tags,
		    sizeof(first_tags) / sizeof(first_tags[0]));
	}
}

/*
 * The charset of HTML buf[0..len) that its bytes show without reading it: a
 * byte-order mark, or the NUL bytes of UTF-16. False when they show none.
 */
static bool
charset_of_bytes(const unsigned char *buf, size_t len, enum ostd_charset *cs)
{
	size_t bom = 0;
	enum ostd_encoding e = ostd_encoding_detect(buf,
	    len < OSTD_ENC_SNIFF ? len : OSTD_ENC_SNIFF, &bom);

	if (e == OSTD_ENC_UTF16LE)
		*cs = OSTD_CS_UTF16LE;
	else if (e == OSTD_ENC_UTF16BE)
		*cs = OSTD_CS_UTF16BE;
	else if (bom > 0)
		*cs = OSTD_CS_UTF8;
	else
		return false;
	return true;
}

bool
ostd_html_sniff(const unsigned char *s, size_t n)
{
	enum ostd_charset cs;
	struct strbuf b;
	bool html;

	if (!charset_of_bytes(s, n, &cs) || cs == OSTD_CS_UTF8) {
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			return starts_html((const char *)s + 3, n - 3);
		return starts_html((const char *)s, n);
	}
	strbuf_init(&b, 0);
	charset_to_utf8(&b, (const char *)s, n, cs);
	html = b.data != NULL && starts_html(b.data, b.len);
	strbuf_free(&b);
	return html;
}

int
ostd_html_read(const char *buf, size_t len, struct ostd_message *out,
    char **err)
{
	const unsigned char *u = (const unsigned char *)buf;
	enum ostd_charset cs;
	struct strbuf utf, text;

	memset(out, 0, sizeof(*out));
	out->date = -1;
	*err = NULL;
	if (!charset_of_bytes(u, len, &cs) && !html_meta_charset(buf, len, &cs))
		cs = utf8_well_formed(buf, len, NULL) ? OSTD_CS_UTF8 :
		    OSTD_CS_CP1252;
	strbuf_init(&utf, 0);
	charset_to_utf8(&utf, buf, len, cs);
	strbuf_init(&text, 0);
	if (utf.data != NULL)
		html_to_text(&text, utf.data, utf.len);
	strbuf_free(&utf);
	for (size_t i = 0; i < text.len; i++) {
		if (!ascii_isspace((unsigned char)text.data[i])) {
			out->body_len = text.len;
			out->body = strbuf_detach(&text);
			out->body_source = "html";
			return 0;
		}
	}
	strbuf_free(&text);
	*err = xstrdup("the HTML document holds no text");
	return -1;
}
