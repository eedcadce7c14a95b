/*
 * rtf.c: RTF to plain text. A single pass over the bytes with a bounded stack of
 * group states; text that belongs to the body goes to one buffer, which for a
 * document with encapsulated HTML holds the rebuilt HTML and is reduced to text at
 * the end.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/rtf.h"
#include "input/textconv.h"
#include "util/util.h"

#define WORD_MAX 32		/* RTF control words are at most 32 letters */
#define UC_MAX 16		/* largest \ucN honoured */
#define PARAM_MAX 2147483647LL

/* What a control word does here. */
enum word_kind {
	W_DEST,			/* a destination whose text is not body text */
	W_BREAK,		/* ends a line */
	W_TAB,
	W_CHAR,			/* a character: value is the code point */
	W_U,
	W_UC,
	W_BIN,
	W_FROMHTML,
	W_HTMLRTF
};

static const struct word {
	const char *name;
	enum word_kind kind;
	uint32_t value;
} words[] = {
	{ "par", W_BREAK, 0 }, { "line", W_BREAK, 0 }, { "sect", W_BREAK, 0 },
	{ "page", W_BREAK, 0 }, { "row", W_BREAK, 0 }, { "tab", W_TAB, 0 },
	{ "cell", W_TAB, 0 }, { "u", W_U, 0 }, { "uc", W_UC, 0 },
	{ "bin", W_BIN, 0 }, { "fromhtml", W_FROMHTML, 0 },
	{ "htmlrtf", W_HTMLRTF, 0 },
	{ "lquote", W_CHAR, 0x2018 }, { "rquote", W_CHAR, 0x2019 },
	{ "ldblquote", W_CHAR, 0x201C }, { "rdblquote", W_CHAR, 0x201D },
	{ "bullet", W_CHAR, 0x2022 }, { "endash", W_CHAR, 0x2013 },
	{ "emdash", W_CHAR, 0x2014 }, { "enspace", W_CHAR, ' ' },
	{ "emspace", W_CHAR, ' ' }, { "qmspace", W_CHAR, ' ' },
	{ "fonttbl", W_DEST, 0 }, { "colortbl", W_DEST, 0 },
	{ "stylesheet", W_DEST, 0 }, { "info", W_DEST, 0 },
	{ "pict", W_DEST, 0 }, { "object", W_DEST, 0 },
	{ "nonshppict", W_DEST, 0 }, { "header", W_DEST, 0 },
	{ "headerl", W_DEST, 0 }, { "headerr", W_DEST, 0 },
	{ "headerf", W_DEST, 0 }, { "footer", W_DEST, 0 },
	{ "footerl", W_DEST, 0 }, { "footerr", W_DEST, 0 },
	{ "footerf", W_DEST, 0 }, { "footnote", W_DEST, 0 },
	{ "ftnsep", W_DEST, 0 }, { "ftnsepc", W_DEST, 0 },
	{ "ftncn", W_DEST, 0 }, { "aftnsep", W_DEST, 0 },
	{ "aftnsepc", W_DEST, 0 }, { "aftncn", W_DEST, 0 },
	{ "fldinst", W_DEST, 0 }, { "listtable", W_DEST, 0 },
	{ "listoverridetable", W_DEST, 0 }, { "revtbl", W_DEST, 0 },
	{ "rsidtbl", W_DEST, 0 }, { "filetbl", W_DEST, 0 },
	{ "pgdsctbl", W_DEST, 0 }, { "generator", W_DEST, 0 },
	{ "xmlnstbl", W_DEST, 0 }, { "themedata", W_DEST, 0 },
	{ "colorschememapping", W_DEST, 0 }, { "datastore", W_DEST, 0 },
	{ "latentstyles", W_DEST, 0 }, { "template", W_DEST, 0 },
	{ "comment", W_DEST, 0 }, { "private", W_DEST, 0 },
	{ "userprops", W_DEST, 0 }, { "docvar", W_DEST, 0 },
	{ "bkmkstart", W_DEST, 0 }, { "bkmkend", W_DEST, 0 },
	{ "xe", W_DEST, 0 }, { "tc", W_DEST, 0 }, { "txe", W_DEST, 0 },
};

/* The state a group saves on '{' and restores on '}'. */
struct group {
	int uc;			/* fallback characters that follow \uN */
	bool skip;		/* inside a destination that is not body text */
	bool htmlrtf;		/* inside \htmlrtf: not part of encapsulated HTML */
};

struct rtf {
	const unsigned char *p, *end;
	struct group stack[OSTD_RTF_DEPTH_MAX];
	size_t depth;		/* open groups: 0 before the first, after the last */
	struct group cur;
	size_t over;		/* groups open beyond the stack, being skipped */
	struct group over_saved;	/* cur where the first of them opened */
	bool too_deep;		/* some groups were nested beyond the stack */
	bool star;		/* \* seen: the next control word is ignorable */
	bool fromhtml;		/* the document encapsulates HTML */
	bool bin_cut;		/* \bin data ran past the end */
	bool done;		/* the outermost group closed */
	int skipchars;		/* fallback characters still to skip after \uN */
	uint32_t high;		/* a high surrogate waiting for its low half */
	struct strbuf out;	/* the text, or the HTML when fromhtml */
};

/* Whether body text at this point is dropped. */
static bool
suppressed(const struct rtf *r)
{
	return r->over > 0 || r->cur.skip || (r->fromhtml && r->cur.htmlrtf);
}

/* Emit one code point, joining UTF-16 surrogate halves written as two \uN. */
static void
put_cp(struct rtf *r, uint32_t cp)
{
	if (cp == 0)
		return;		/* \u0: a NUL has no place in text */
	if (suppressed(r)) {
		r->high = 0;
		return;
	}
	if (cp >= 0xDC00 && cp <= 0xDFFF && r->high != 0) {
		utf8_put(&r->out, 0x10000 + ((r->high - 0xD800) << 10) +
		    (cp - 0xDC00));
		r->high = 0;
		return;
	}
	if (r->high != 0)
		utf8_put(&r->out, OSTD_REPLACEMENT);
	r->high = 0;
	if (cp >= 0xD800 && cp <= 0xDBFF)
		r->high = cp;
	else
		utf8_put(&r->out, cp);
}

/*
 * Emit a byte of text in the document's code page. \ansicpg is read but only
 * 1252 is known: every other code page is read as 1252 too.
 */
static void
put_byte(struct rtf *r, unsigned char c)
{
	put_cp(r, cp1252_char(c));
}

/* Consume one character of \uN fallback text when some is due; true if it was. */
static bool
fallback(struct rtf *r)
{
	if (r->skipchars <= 0)
		return false;
	r->skipchars--;
	return true;
}

/*
 * '{': save the group state. A group nested deeper than the stack has no room
 * for its state: it and the groups inside it are skipped as one, their text
 * dropped, and the state before the first of them comes back when it closes.
 */
static void
group_open(struct rtf *r)
{
	r->skipchars = 0;
	r->star = false;
	if (r->over > 0 || r->depth == OSTD_RTF_DEPTH_MAX) {
		if (r->over++ == 0)
			r->over_saved = r->cur;
		r->too_deep = true;
		return;
	}
	r->stack[r->depth++] = r->cur;
}

/* '}': restore the enclosing state; the outermost group ends the document. */
static void
group_close(struct rtf *r)
{
	r->skipchars = 0;
	r->star = false;
	if (r->over > 0) {
		if (--r->over == 0)
			r->cur = r->over_saved;
		return;
	}
	if (r->depth == 0) {
		r->done = true;
		return;
	}
	r->cur = r->stack[--r->depth];
	if (r->depth == 0)
		r->done = true;
}

/* The entry for control word name[0..len), or NULL for one we ignore. */
static const struct word *
word_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i].name[0] == name[0] &&
		    strncmp(words[i].name, name, len) == 0 &&
		    words[i].name[len] == '\0')
			return &words[i];
	return NULL;
}

/* Skip the n bytes of binary data that follow \binN. */
static void
skip_bin(struct rtf *r, long long n)
{
	if (n <= 0)
		return;
	if ((unsigned long long)n > (unsigned long long)(r->end - r->p)) {
		r->bin_cut = true;
		r->p = r->end;
	} else
		r->p += n;
}

/* Act on control word name[0..len) with its parameter (has_param says if any). */
static void
control_word(struct rtf *r, const char *name, size_t len, bool has_param,
    long long param)
{
	const struct word *w = len <= WORD_MAX ? word_find(name, len) : NULL;
	bool star = r->star;

	r->star = false;
	if (star) {
		/* An ignorable destination; from HTML we want its tags. */
		if (r->fromhtml && len == 7 && memcmp(name, "htmltag", 7) == 0)
			return;
		if (r->depth > 1)
			r->cur.skip = true;
		return;
	}
	/* Binary data is skipped even where the word stands for fallback text. */
	if (w != NULL && w->kind == W_BIN) {
		skip_bin(r, param);
		return;
	}
	if (fallback(r) || w == NULL)
		return;
	switch (w->kind) {
	case W_DEST:
		/* Never skip the outermost group: that would be the whole body. */
		if (r->depth > 1)
			r->cur.skip = true;
		break;
	case W_BREAK:
		put_cp(r, '\n');
		break;
	case W_TAB:
		put_cp(r, '\t');
		break;
	case W_CHAR:
		put_cp(r, w->value);
		break;
	case W_U:
		if (param < 0 && param >= -32768)
			param += 65536;
		put_cp(r, param >= 0 && param <= 0x10FFFF ? (uint32_t)param :
		    OSTD_REPLACEMENT);
		r->skipchars = r->cur.uc;
		break;
	case W_UC:
		r->cur.uc = param < 0 ? 0 : param > UC_MAX ? UC_MAX : (int)param;
		break;
	case W_BIN:
		break;
	case W_FROMHTML:
		if (r->over == 0)	/* a skipped group changes nothing */
			r->fromhtml = true;
		break;
	case W_HTMLRTF:
		r->cur.htmlrtf = !has_param || param != 0;
		break;
	}
}

/* Read a control word at r->p (just after the backslash, on a letter). */
static void
read_word(struct rtf *r)
{
	char name[WORD_MAX];
	size_t len = 0;
	long long param = 0;
	bool neg = false, has_param = false;

	while (r->p < r->end && (((*r->p | 0x20) >= 'a' &&
	    (*r->p | 0x20) <= 'z'))) {
		if (len < WORD_MAX)
			name[len] = (char)*r->p;
		len++;
		r->p++;
	}
	if (r->end - r->p >= 2 && *r->p == '-' && ascii_isdigit(r->p[1])) {
		neg = true;
		r->p++;
	}
	while (r->p < r->end && ascii_isdigit(*r->p)) {
		has_param = true;
		if (param <= PARAM_MAX)
			param = param * 10 + (*r->p - '0');
		r->p++;
	}
	if (param > PARAM_MAX)
		param = PARAM_MAX;
	if (neg)
		param = -param;
	if (r->p < r->end && *r->p == ' ')
		r->p++;
	control_word(r, name, len, has_param, param);
}

/* Read what follows a backslash: a control word, \'xx, or a control symbol. */
static void
read_control(struct rtf *r)
{
	unsigned char c;

	if (r->p == r->end)
		return;
	c = *r->p;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
		read_word(r);
		return;
	}
	r->p++;
	if (c == '*') {
		r->star = true;
		return;
	}
	r->star = false;
	if (c == '\'') {
		int hi, lo;

		if (r->end - r->p < 2) {
			r->p = r->end;	/* cut off in the middle of the escape */
			return;
		}
		if ((hi = ascii_hexval(r->p[0])) < 0 ||
		    (lo = ascii_hexval(r->p[1])) < 0)
			return;
		r->p += 2;
		if (!fallback(r))
			put_byte(r, (unsigned char)(hi << 4 | lo));
		return;
	}
	if (fallback(r))
		return;
	switch (c) {
	case '\\':
	case '{':
	case '}':
		put_cp(r, c);
		break;
	case '~':
		put_cp(r, 0xA0);
		break;
	case '_':
		put_cp(r, '-');
		break;
	case '\n':
	case '\r':
		put_cp(r, '\n');
		break;
	case '\t':
		put_cp(r, '\t');
		break;
	default:
		/* \- (optional hyphen), \: and \| and unknown symbols: nothing. */
		break;
	}
}

/* Copy a run of plain ASCII text starting at r->p; the run has no special bytes. */
static void
read_text(struct rtf *r)
{
	const unsigned char *s = r->p;

	while (r->p < r->end && *r->p >= 0x20 && *r->p < 0x80 &&
	    *r->p != '\\' && *r->p != '{' && *r->p != '}')
		r->p++;
	if (!suppressed(r)) {
		if (r->high != 0) {
			utf8_put(&r->out, OSTD_REPLACEMENT);
			r->high = 0;
		}
		strbuf_add(&r->out, (const char *)s, (size_t)(r->p - s));
	}
}

/* Walk the document until its outermost group closes or the input ends. */
static void
parse(struct rtf *r)
{
	while (r->p < r->end && !r->done) {
		unsigned char c = *r->p;

		if (c == '{') {
			r->p++;
			group_open(r);
		} else if (c == '}') {
			r->p++;
			group_close(r);
		} else if (c == '\\') {
			r->p++;
			read_control(r);
		} else if (c == '\r' || c == '\n' || c == '\0') {
			r->p++;		/* line ends in RTF source are not text */
		} else {
			r->star = false;
			if (fallback(r)) {
				r->p++;
			} else if (c >= 0x20 && c < 0x80) {
				read_text(r);
			} else {
				r->p++;
				if (c == '\t')
					put_cp(r, '\t');
				else if (c >= 0x80)
					put_byte(r, c);
			}
		}
	}
	if (r->high != 0 && !suppressed(r))
		utf8_put(&r->out, OSTD_REPLACEMENT);
	r->high = 0;
}

/* Offset of "{\rtf" (or "{\urtf") after any BOM and whitespace, or -1. */
static long
find_header(const char *s, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && ascii_isspace((unsigned char)s[i]))
		i++;
	if (n - i >= 5 && memcmp(s + i, "{\\rtf", 5) == 0)
		return (long)i;
	if (n - i >= 6 && memcmp(s + i, "{\\urtf", 6) == 0)
		return (long)i;
	return -1;
}

/* What was read around in the document, as one note (malloc'd), or NULL. */
static char *
damage(const struct rtf *r)
{
	struct strbuf b;
	size_t open = r->depth + r->over;

	if (!r->too_deep && !r->bin_cut && open == 0)
		return NULL;
	strbuf_init(&b, 0);
	if (r->too_deep)
		strbuf_addf(&b, "RTF groups nested deeper than %d were skipped",
		    OSTD_RTF_DEPTH_MAX);
	if (r->bin_cut)
		strbuf_addf(&b, "%sRTF ends inside \\bin data",
		    b.len > 0 ? "; " : "");
	else if (open > 0)
		strbuf_addf(&b, "%sRTF ends with %zu group%s still open",
		    b.len > 0 ? "; " : "", open, open == 1 ? "" : "s");
	return strbuf_detach(&b);
}

int
ostd_rtf_to_text(const char *rtf, size_t len, char **text, size_t *text_len,
    char **err)
{
	struct rtf *r;
	long start;
	char *note;
	int rc = 0;

	*text = NULL;
	*text_len = 0;
	if (err != NULL)
		*err = NULL;
	if ((start = find_header(rtf, len)) < 0) {
		if (err != NULL)
			*err = xstrdup("not RTF: no {\\rtf at the start");
		return -1;
	}
	r = xcalloc(1, sizeof(*r));
	r->p = (const unsigned char *)rtf + start;
	r->end = (const unsigned char *)rtf + len;
	r->cur.uc = 1;
	strbuf_init(&r->out, 0);
	parse(r);
	if ((note = damage(r)) != NULL) {
		rc = 1;
		if (err != NULL)
			*err = note;
		else
			free(note);
	}
	if (r->fromhtml) {
		struct strbuf t;

		strbuf_init(&t, 0);
		html_to_text(&t, r->out.data != NULL ? r->out.data : "",
		    r->out.len);
		strbuf_free(&r->out);
		r->out = t;
	}
	*text_len = r->out.len;
	*text = strbuf_detach(&r->out);
	free(r);
	return rc;
}
