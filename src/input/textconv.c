/*
 * textconv.c: UTF-8 output, legacy charsets, HTML to plain text, and dates, for
 * the readers of saved messages. Everything works on bounded byte ranges and
 * appends to a strbuf; nothing reads past the length it is given.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "input/textconv.h"
#include "util/util.h"

/* Bytes 0x80-0x9F of code page 1252; the five unassigned ones keep their C1 value. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

size_t
utf8_encode(char u[4], uint32_t cp)
{
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = OSTD_REPLACEMENT;
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void
utf8_put(struct strbuf *b, uint32_t cp)
{
	char u[4];

	strbuf_add(b, u, utf8_encode(u, cp));
}

uint32_t
cp1252_char(unsigned char c)
{
	if (c >= 0x80 && c < 0xA0)
		return cp1252_high[c - 0x80];
	return c;
}

/* Compare name[0..len) with the NUL-terminated lower-case word, ignoring case. */
static bool
word_is(const char *name, size_t len, const char *word)
{
	return strlen(word) == len && ascii_strncaseeq(name, word, len);
}

enum ostd_charset
charset_lookup(const char *name, size_t len)
{
	static const struct {
		const char *name;
		enum ostd_charset cs;
	} names[] = {
		{ "utf-8", OSTD_CS_UTF8 }, { "utf8", OSTD_CS_UTF8 },
		{ "us-ascii", OSTD_CS_ASCII }, { "ascii", OSTD_CS_ASCII },
		{ "ansi_x3.4-1968", OSTD_CS_ASCII },
		{ "iso646-us", OSTD_CS_ASCII }, { "iso-8859-1", OSTD_CS_LATIN1 },
		{ "iso8859-1", OSTD_CS_LATIN1 },
		{ "iso_8859-1", OSTD_CS_LATIN1 }, { "latin1", OSTD_CS_LATIN1 },
		{ "l1", OSTD_CS_LATIN1 }, { "windows-1252", OSTD_CS_CP1252 },
		{ "cp1252", OSTD_CS_CP1252 }, { "x-cp1252", OSTD_CS_CP1252 },
		{ "utf-16", OSTD_CS_UTF16 }, { "utf16", OSTD_CS_UTF16 },
		{ "utf-16le", OSTD_CS_UTF16LE }, { "unicode", OSTD_CS_UTF16LE },
		{ "utf-16be", OSTD_CS_UTF16BE },
		{ "unicodefffe", OSTD_CS_UTF16BE },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (word_is(name, len, names[i].name))
			return names[i].cs;
	return OSTD_CS_CP1252;
}

/* Length of the well-formed UTF-8 sequence at s[0..n), or 0 when there is none. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < need + 1 || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i <= need; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return need + 1;
}

/* UTF-8 with stray bytes read as CP1252: valid runs are copied as they are. */
static void
utf8_clean(struct strbuf *out, const unsigned char *s, size_t n)
{
	size_t i = 0, run = 0;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = run = 3;
	while (i < n) {
		size_t k = utf8_seq(s + i, n - i);

		if (k > 0) {
			i += k;
			continue;
		}
		strbuf_add(out, (const char *)s + run, i - run);
		utf8_put(out, cp1252_char(s[i]));
		run = ++i;
	}
	strbuf_add(out, (const char *)s + run, i - run);
}

size_t
utf8_repair(struct strbuf *out, const char *s, size_t n, bool cp1252)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, bad = 0;

	while (i < n) {
		size_t k = utf8_seq(u + i, n - i);

		if (k > 0) {
			i += k;
			continue;
		}
		strbuf_add(out, s + run, i - run);
		utf8_put(out, cp1252 ? cp1252_char(u[i]) : OSTD_REPLACEMENT);
		bad++;
		run = ++i;
	}
	strbuf_add(out, s + run, i - run);
	return bad;
}

bool
utf8_well_formed(const char *s, size_t n, size_t *multibyte)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, many = 0;

	while (i < n) {
		size_t k;

		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_seq(u + i, n - i)) == 0)
			return false;
		many++;
		i += k;
	}
	if (multibyte != NULL)
		*multibyte = many;
	return true;
}

/* UTF-16 in the given byte order (or the one its byte-order mark names). */
static void
utf16_to_utf8(struct strbuf *out, const unsigned char *s, size_t n,
    enum ostd_charset cs)
{
	bool le = cs == OSTD_CS_UTF16LE;
	uint32_t high = 0;
	size_t i = 0;

	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE && cs != OSTD_CS_UTF16BE) ||
	    (s[0] == 0xFE && s[1] == 0xFF && cs != OSTD_CS_UTF16LE))) {
		le = s[0] == 0xFF;
		i = 2;
	}
	for (; i + 1 < n; i += 2) {
		uint32_t u = le ? (uint32_t)s[i] | (uint32_t)s[i + 1] << 8 :
		    (uint32_t)s[i] << 8 | (uint32_t)s[i + 1];

		if (u >= 0xDC00 && u <= 0xDFFF && high != 0) {
			utf8_put(out, 0x10000 + ((high - 0xD800) << 10) +
			    (u - 0xDC00));
			high = 0;
			continue;
		}
		if (high != 0)
			utf8_put(out, OSTD_REPLACEMENT);
		high = 0;
		if (u >= 0xD800 && u <= 0xDBFF)
			high = u;
		else
			utf8_put(out, u);
	}
	if (high != 0 || i < n)
		utf8_put(out, OSTD_REPLACEMENT);
}

void
charset_to_utf8(struct strbuf *out, const char *s, size_t n,
    enum ostd_charset cs)
{
	const unsigned char *u = (const unsigned char *)s;

	switch (cs) {
	case OSTD_CS_UTF8:
	case OSTD_CS_ASCII:
		utf8_clean(out, u, n);
		break;
	case OSTD_CS_LATIN1:
		for (size_t i = 0; i < n; i++)
			utf8_put(out, u[i]);
		break;
	case OSTD_CS_CP1252:
		for (size_t i = 0; i < n; i++)
			utf8_put(out, cp1252_char(u[i]));
		break;
	case OSTD_CS_UTF16:
	case OSTD_CS_UTF16LE:
	case OSTD_CS_UTF16BE:
		utf16_to_utf8(out, u, n, cs);
		break;
	}
}

/* Whether c may be part of a charset name. */
static bool
charset_char(char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	    ascii_isdigit((unsigned char)c) || c == '-' || c == '_' ||
	    c == '.' || c == ':';
}

/*
 * The charset named after "charset" at s[k..e) inside a <meta> tag ("charset=x"
 * or "charset = 'x'"); true with *cs set when there is a name.
 */
static bool
meta_charset_value(const char *s, size_t k, size_t e, enum ostd_charset *cs)
{
	size_t start;

	while (k < e && ascii_isspace((unsigned char)s[k]))
		k++;
	if (k >= e || s[k] != '=')
		return false;
	k++;
	while (k < e && (ascii_isspace((unsigned char)s[k]) || s[k] == '"' ||
	    s[k] == '\''))
		k++;
	for (start = k; k < e && charset_char(s[k]); k++)
		;
	if (k == start)
		return false;
	*cs = charset_lookup(s + start, k - start);
	/* Read as ASCII, the declaration cannot be true: HTML reads UTF-8. */
	if (*cs == OSTD_CS_UTF16 || *cs == OSTD_CS_UTF16LE ||
	    *cs == OSTD_CS_UTF16BE)
		*cs = OSTD_CS_UTF8;
	return true;
}

bool
html_meta_charset(const char *s, size_t n, enum ostd_charset *cs)
{
	size_t lim = n < HTML_PRESCAN ? n : HTML_PRESCAN;

	for (size_t i = 0; i + 5 < lim; i++) {
		size_t e;

		if (s[i] != '<' || !ascii_strncaseeq(s + i + 1, "meta", 4) ||
		    !(ascii_isspace((unsigned char)s[i + 5]) ||
		    s[i + 5] == '/'))
			continue;
		for (e = i + 5; e < lim && s[e] != '>'; e++)
			;
		for (size_t k = i + 5; k + 7 <= e; k++)
			if (ascii_strncaseeq(s + k, "charset", 7) &&
			    meta_charset_value(s, k + 7, e, cs))
				return true;
		i = e;
	}
	return false;
}

/* Plain-text output of the HTML reader: the current line and pending blanks. */
struct html_out {
	struct strbuf *b;
	size_t line;		/* offset of the current line's start in b */
	bool space;		/* collapsed whitespace waits before the next text */
	int pre;		/* depth of <pre> elements */
	bool noquote;		/* a tag's quotes never closed: stop honouring them */
};

/* Whether nothing has been written on the current line. */
static bool
line_empty(const struct html_out *h)
{
	return h->b->len == h->line;
}

/*
 * End the current line. Outside <pre>, spaces left at its end (from &nbsp;,
 * which does not collapse) are dropped: Word marks an empty paragraph with one.
 */
static void
html_newline(struct html_out *h)
{
	while (h->pre == 0 && h->b->len > h->line &&
	    h->b->data[h->b->len - 1] == ' ')
		h->b->data[--h->b->len] = '\0';
	strbuf_addc(h->b, '\n');
	h->line = h->b->len;
	h->space = false;
}

/*
 * End the current line unless nothing was written on it: the edge of a block
 * element. A line of only &nbsp; ends as an empty line.
 */
static void
html_break(struct html_out *h)
{
	if (!line_empty(h))
		html_newline(h);
}

/* Append visible text, preceded by one space when whitespace came before it. */
static void
html_text(struct html_out *h, const char *s, size_t n)
{
	if (h->space && !line_empty(h))
		strbuf_addc(h->b, ' ');
	h->space = false;
	strbuf_add(h->b, s, n);
}

/* Append one decoded character as visible text. */
static void
html_char(struct html_out *h, uint32_t cp)
{
	char u[4];

	html_text(h, u, utf8_encode(u, cp));
}

#define TAB_SPAN_MAX 512	/* a Word tab span holds a few spaces */
#define TABS_MAX 8

/* The named character references worth knowing in mail. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "shy", 0 }, { "copy", 0xA9 },
	{ "reg", 0xAE }, { "trade", 0x2122 }, { "hellip", 0x2026 },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "sbquo", 0x201A }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D }, { "bdquo", 0x201E }, { "bull", 0x2022 },
	{ "middot", 0xB7 }, { "euro", 0x20AC }, { "pound", 0xA3 },
	{ "cent", 0xA2 }, { "yen", 0xA5 }, { "sect", 0xA7 }, { "deg", 0xB0 },
	{ "laquo", 0xAB }, { "raquo", 0xBB }, { "times", 0xD7 },
	{ "divide", 0xF7 }, { "plusmn", 0xB1 }, { "para", 0xB6 },
	{ "iexcl", 0xA1 }, { "iquest", 0xBF }, { "szlig", 0xDF },
	{ "auml", 0xE4 }, { "ouml", 0xF6 }, { "uuml", 0xFC }, { "Auml", 0xC4 },
	{ "Ouml", 0xD6 }, { "Uuml", 0xDC }, { "aacute", 0xE1 },
	{ "agrave", 0xE0 }, { "acirc", 0xE2 }, { "ccedil", 0xE7 },
	{ "eacute", 0xE9 }, { "egrave", 0xE8 }, { "ecirc", 0xEA },
	{ "Eacute", 0xC9 }, { "iacute", 0xED }, { "oacute", 0xF3 },
	{ "ocirc", 0xF4 }, { "uacute", 0xFA }, { "ntilde", 0xF1 },
	{ "aring", 0xE5 }, { "oslash", 0xF8 }, { "aelig", 0xE6 },
};

/*
 * Decode the character reference at s[0..n) (s[0] is '&'): the code point in
 * *cp and its length, or 0 when it is not one (the '&' is then literal text).
 */
static size_t
html_entity(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 1;

	if (i < n && s[i] == '#') {
		bool hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
		uint32_t v = 0;
		size_t digits = 0;

		i += hex ? 2 : 1;
		for (; i < n && digits < 8; i++, digits++) {
			int d = hex ? ascii_hexval((unsigned char)s[i]) :
			    ascii_isdigit((unsigned char)s[i]) ? s[i] - '0' : -1;

			if (d < 0)
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (digits == 0)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		if (v >= 0x80 && v < 0xA0)
			v = cp1252_char((unsigned char)v);
		*cp = v == 0 || v > 0x10FFFF ? OSTD_REPLACEMENT : v;
		return i;
	}
	while (i < n && i < 12 && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= 'A' && s[i] <= 'Z') || ascii_isdigit((unsigned char)s[i])))
		i++;
	if (i >= n || s[i] != ';' || i == 1)
		return 0;
	for (size_t k = 0; k < sizeof(entities) / sizeof(entities[0]); k++) {
		if (strlen(entities[k].name) == i - 1 &&
		    memcmp(entities[k].name, s + 1, i - 1) == 0) {
			*cp = entities[k].cp;
			return i + 1;
		}
	}
	return 0;
}

/* What a tag does to the text around it. */
enum tag_kind {
	TAG_HIDDEN,		/* its content is not text: skipped to its end tag */
	TAG_BLOCK,		/* a block element: its edges end the line */
	TAG_PRE,		/* <pre>: a block whose whitespace is kept */
	TAG_BR,
	TAG_CELL
};

static const struct {
	const char *name;
	enum tag_kind kind;
} tags[] = {
	{ "style", TAG_HIDDEN }, { "script", TAG_HIDDEN },
	{ "title", TAG_HIDDEN }, { "xml", TAG_HIDDEN },
	{ "br", TAG_BR }, { "td", TAG_CELL }, { "th", TAG_CELL },
	{ "pre", TAG_PRE }, { "p", TAG_BLOCK }, { "div", TAG_BLOCK },
	{ "tr", TAG_BLOCK }, { "li", TAG_BLOCK }, { "table", TAG_BLOCK },
	{ "ul", TAG_BLOCK }, { "ol", TAG_BLOCK }, { "dl", TAG_BLOCK },
	{ "dt", TAG_BLOCK }, { "dd", TAG_BLOCK }, { "h1", TAG_BLOCK },
	{ "h2", TAG_BLOCK }, { "h3", TAG_BLOCK }, { "h4", TAG_BLOCK },
	{ "h5", TAG_BLOCK }, { "h6", TAG_BLOCK }, { "hr", TAG_BLOCK },
	{ "blockquote", TAG_BLOCK }, { "address", TAG_BLOCK },
	{ "center", TAG_BLOCK }, { "form", TAG_BLOCK },
	{ "section", TAG_BLOCK }, { "article", TAG_BLOCK },
	{ "header", TAG_BLOCK }, { "footer", TAG_BLOCK }, { "nav", TAG_BLOCK },
};

/* The kind of the lower-case tag name, or -1 for an inline or unknown tag. */
static int
tag_kind(const char *name)
{
	if (name[0] == '\0')
		return -1;
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (tags[i].name[0] == name[0] && strcmp(tags[i].name, name) == 0)
			return (int)tags[i].kind;
	return -1;
}

/* Offset just past the '>' that ends the tag starting at s[from], or n. */
static size_t
tag_end(struct html_out *h, const char *s, size_t from, size_t n)
{
	char quote = 0;
	size_t i;

	if (!h->noquote) {
		for (i = from; i < n; i++) {
			if (quote != 0) {
				if (s[i] == quote)
					quote = 0;
			} else if (s[i] == '"' || s[i] == '\'')
				quote = s[i];
			else if (s[i] == '>')
				return i + 1;
		}
		/* An unclosed quote: read this and later tags without quotes. */
		h->noquote = true;
	}
	for (i = from; i < n; i++)
		if (s[i] == '>')
			return i + 1;
	return n;
}

/* Offset of the "</name" that closes a skipped element, searching from s[from]. */
static size_t
find_close(const char *s, size_t from, size_t n, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = from; i + 1 < n; i++) {
		if (s[i] != '<' || s[i + 1] != '/' || n - i - 2 < len)
			continue;
		if (ascii_strncaseeq(s + i + 2, name, len))
			return i;
	}
	return n;
}

/*
 * Word writes a tab as <span style='mso-tab-count:N'> around the spaces that
 * stand in for it. Given such a span's start tag, attributes s[from..end),
 * write N tabs (not at the start of a line) and return the offset after the
 * span's end tag when it comes within TAB_SPAN_MAX bytes; return 0 when the
 * span is no tab.
 */
static size_t
html_word_tab(struct html_out *h, const char *s, size_t from, size_t end,
    size_t n)
{
	static const char key[] = "mso-tab-count:";
	const char *at = mem_find(s + from, end - from, key, sizeof(key) - 1);
	size_t i, lim, close, tabs = 0;

	if (at == NULL)
		return 0;
	i = (size_t)(at - s) + sizeof(key) - 1;
	while (i < end && s[i] == ' ')
		i++;
	for (; i < end && ascii_isdigit((unsigned char)s[i]); i++)
		if (tabs < TABS_MAX)
			tabs = tabs * 10 + (size_t)(s[i] - '0');
	if (tabs == 0)
		tabs = 1;
	if (tabs > TABS_MAX)
		tabs = TABS_MAX;
	if (!line_empty(h)) {
		while (tabs-- > 0)
			strbuf_addc(h->b, '\t');
		h->space = false;
	}
	lim = n - end > TAB_SPAN_MAX ? end + TAB_SPAN_MAX : n;
	close = find_close(s, end, lim, "span");
	return close < lim ? tag_end(h, s, close, n) : end;
}

/* Read the tag at s[i] ('<'); the offset after it (and after skipped content). */
static size_t
html_tag(struct html_out *h, const char *s, size_t i, size_t n)
{
	char name[16];
	size_t k = i + 1, len = 0, end, after_tab;
	bool closing = false;

	if (k < n && s[k] == '/') {
		closing = true;
		k++;
	}
	while (k < n && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') ||
	    ascii_isdigit((unsigned char)s[k]) || s[k] == ':' || s[k] == '-')) {
		if (len < sizeof(name))
			name[len] = (char)ascii_lower((unsigned char)s[k]);
		len++;
		k++;
	}
	/* A name too long for any tag we know matches none of them. */
	name[len < sizeof(name) ? len : 0] = '\0';
	end = tag_end(h, s, k, n);
	if (!closing && strcmp(name, "span") == 0 &&
	    (after_tab = html_word_tab(h, s, k, end, n)) != 0)
		return after_tab;
	switch (tag_kind(name)) {
	case TAG_HIDDEN:
		if (closing || (end >= 2 && s[end - 2] == '/'))
			break;
		end = find_close(s, end, n, name);
		return tag_end(h, s, end, n);
	case TAG_PRE:
		if (closing && h->pre > 0)
			h->pre--;
		else if (!closing)
			h->pre++;
		html_break(h);
		break;
	case TAG_BLOCK:
		html_break(h);
		break;
	case TAG_BR:
		html_newline(h);
		break;
	case TAG_CELL:
		if (!closing && !line_empty(h)) {
			strbuf_addc(h->b, '\t');
			h->space = false;
		}
		break;
	}
	return end;
}

/* Offset after the comment or declaration starting at s[i] ("<!" or "<?"). */
static size_t
html_skip_markup(const char *s, size_t i, size_t n)
{
	if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		for (size_t k = i + 4; k < n; k++)
			if (s[k] == '>' && k >= i + 4 + 2 && s[k - 1] == '-' &&
			    s[k - 2] == '-')
				return k + 1;
		return n;
	}
	for (size_t k = i + 2; k < n; k++)
		if (s[k] == '>')
			return k + 1;
	return n;
}

void
html_to_text(struct strbuf *out, const char *s, size_t n)
{
	struct html_out h = { .b = out, .line = out->len };
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c == '<' && i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?'))
			i = html_skip_markup(s, i, n);
		else if (c == '<' && i + 1 < n && (s[i + 1] == '/' ||
		    ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')))
			i = html_tag(&h, s, i, n);
		else if (c == '&') {
			uint32_t cp = 0;
			size_t k = html_entity(s + i, n - i, &cp);

			if (k == 0) {
				html_text(&h, "&", 1);
				i++;
				continue;
			}
			if (cp != 0)
				html_char(&h, cp);
			i += k;
		} else if (ascii_isspace(c)) {
			if (h.pre == 0)
				h.space = true;
			else if (c == '\n')
				html_newline(&h);
			else if (c != '\r')
				strbuf_addc(out, (char)c);
			i++;
		} else {
			size_t k = i + 1;

			while (k < n && s[k] != '<' && s[k] != '&' &&
			    !ascii_isspace((unsigned char)s[k]))
				k++;
			html_text(&h, s + i, k - i);
			i = k;
		}
	}
	html_break(&h);
}

long long
days_from_civil(int y, int m, int d)
{
	long long yy = (long long)y - (m <= 2);
	long long era = (yy >= 0 ? yy : yy - 399) / 400;
	long long yoe = yy - era * 400;
	long long doy = (153LL * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return days[m - 1];
}

int
month_from_name(const char *s, size_t len)
{
	static const char *const months[12] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};

	for (int m = 0; m < 12; m++) {
		if (len == 3 && ascii_strncaseeq(s, months[m], 3))
			return m + 1;
		if (word_is(s, len, months[m]))
			return m + 1;
	}
	if (word_is(s, len, "sept"))
		return 9;
	return 0;
}

int
is_weekday_name(const char *s, size_t len)
{
	static const char *const days[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "tues", "thur", "thurs"
	};

	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		if (len == 3 && i < 7 && ascii_strncaseeq(s, days[i], 3))
			return 1;
		if (word_is(s, len, days[i]))
			return 1;
	}
	return 0;
}
