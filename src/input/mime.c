/*
 * mime.c: .eml / RFC 5322 messages and .mht web archives. The header fields
 * ostdiag needs are kept as views into the input; multipart bodies are split
 * in place and walked to a bounded depth; only the one part chosen as the body
 * is decoded and copied.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/mime.h"
#include "ostdiag/rtf.h"
#include "input/textconv.h"
#include "util/util.h"

#define VALUE_MAX (64 * 1024)	/* an unfolded header value is cut here */
#define TYPE_MAX 64
#define CHARSET_MAX 64
#define BOUNDARY_MAX 200	/* RFC 2046 allows 70; be generous */
#define COMMENT_DEPTH_MAX 16
#define WORD_MAX 512		/* RFC 2047 says 75; some mailers write more */

/* A view into the input. */
struct span {
	const char *p;
	size_t n;
};

/* The header fields of one entity (the message or a body part). */
struct headers {
	struct span subject, date, received, ctype, cte, disposition;
	size_t body;		/* offset of the body in the entity */
	bool any;		/* at least one field was read */
};

struct ctype {
	char type[TYPE_MAX];	/* "text/plain", lower case; "" when absent */
	char charset[CHARSET_MAX];
	char boundary[BOUNDARY_MAX + 1];
	size_t boundary_len;	/* 0: none (or too long to be real) */
};

enum encoding { ENC_IDENTITY, ENC_QP, ENC_BASE64 };

enum kind { KIND_PLAIN, KIND_RTF, KIND_HTML, KIND_N };

static const char *const kind_source[KIND_N] = {
	"text/plain", "text/rtf", "text/html"
};

/* The first part of one kind, inline or attached. */
struct candidate {
	bool found;
	struct span body;
	enum encoding enc;
	char charset[CHARSET_MAX];	/* "" when the part names none */
};

struct walk {
	struct candidate cand[2][KIND_N];	/* [attachment][kind] */
	bool too_deep;
};

/* Length of the line at s[i..n) without its end; returns where the next starts. */
static size_t
next_line(const char *s, size_t i, size_t n, size_t *len)
{
	const char *nl = memchr(s + i, '\n', n - i);
	size_t e = nl != NULL ? (size_t)(nl - s) : n;

	*len = e - i;
	if (*len > 0 && s[e - 1] == '\r')
		(*len)--;
	return nl != NULL ? e + 1 : n;
}

/*
 * The colon after the field name that starts line[0..len), or NULL. RFC 5322
 * allows any printable name; real ones are letters, digits, '-' and '_' and
 * start with a letter, which keeps a log line ("11:43:27 ...") from passing.
 */
static const char *
field_colon(const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	const char *e;

	if (colon == NULL || colon == line)
		return NULL;
	e = colon;
	while (e > line && (e[-1] == ' ' || e[-1] == '\t'))
		e--;		/* obsolete syntax: blanks before the colon */
	if (e == line || !((*line | 0x20) >= 'a' && (*line | 0x20) <= 'z'))
		return NULL;
	for (const char *q = line; q < e; q++)
		if (!((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') &&
		    !ascii_isdigit((unsigned char)*q) && *q != '-' && *q != '_')
			return NULL;
	return colon;
}

/* The slot for field name[0..len), or NULL for a field we do not keep. */
static struct span *
field_slot(struct headers *h, const char *name, size_t len)
{
	static const struct {
		const char *name;
		size_t off;
	} kept[] = {
		{ "subject", offsetof(struct headers, subject) },
		{ "date", offsetof(struct headers, date) },
		{ "received", offsetof(struct headers, received) },
		{ "content-type", offsetof(struct headers, ctype) },
		{ "content-transfer-encoding", offsetof(struct headers, cte) },
		{ "content-disposition", offsetof(struct headers, disposition) },
	};

	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		if (strlen(kept[i].name) == len &&
		    ascii_strncaseeq(name, kept[i].name, len)) {
			struct span *sp = (struct span *)(void *)((char *)h +
			    kept[i].off);

			/* The first occurrence counts (Received: the newest). */
			return sp->p == NULL ? sp : NULL;
		}
	}
	return NULL;
}

/*
 * Read the header block of the entity s[0..n): fields until a blank line, or
 * until a line that is not a field (the body then starts there). A message from
 * an mbox file may start with a "From " line, which is skipped.
 */
static void
parse_headers(const char *s, size_t n, bool top, struct headers *h)
{
	struct span *cur = NULL;
	size_t i = 0, len;

	memset(h, 0, sizeof(*h));
	if (top && n >= 5 && memcmp(s, "From ", 5) == 0)
		i = next_line(s, 0, n, &len);
	while (i < n) {
		size_t next = next_line(s, i, n, &len);
		const char *line = s + i, *colon;

		if (len == 0) {
			h->body = next;
			return;
		}
		if (line[0] == ' ' || line[0] == '\t') {
			if (cur != NULL)
				cur->n = (size_t)(line + len - cur->p);
			i = next;
			continue;
		}
		if ((colon = field_colon(line, len)) == NULL) {
			h->body = i;
			return;
		}
		h->any = true;
		cur = field_slot(h, line, (size_t)(colon - line));
		if (cur != NULL) {
			cur->p = colon + 1;
			cur->n = (size_t)(line + len - cur->p);
		}
		i = next;
	}
	h->body = n;
}

/* Unfold a field value into b: line ends dropped, ends trimmed, cut at VALUE_MAX. */
static void
unfold(struct strbuf *b, struct span v)
{
	size_t i = 0, n = v.n;

	strbuf_init(b, VALUE_MAX);
	while (i < n && ascii_isspace((unsigned char)v.p[i]))
		i++;
	while (n > i && ascii_isspace((unsigned char)v.p[n - 1]))
		n--;
	while (i < n) {
		size_t k = i;

		while (k < n && v.p[k] != '\r' && v.p[k] != '\n')
			k++;
		strbuf_add(b, v.p + i, k - i);
		while (k < n && (v.p[k] == '\r' || v.p[k] == '\n'))
			k++;
		i = k;
	}
	if (b->data == NULL)
		strbuf_add(b, "", 0);
}

/* Copy src[0..n) into dst (size bytes), lower-cased; false when it does not fit. */
static bool
copy_lower(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size) {
		dst[0] = '\0';
		return false;
	}
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)ascii_lower((unsigned char)src[i]);
	dst[n] = '\0';
	return true;
}

/*
 * Read a parameter value at v[*i] (a token or a quoted string) into val
 * (size bytes, cut when longer); its full length is returned.
 */
static size_t
param_value(const char *v, size_t n, size_t *i, char *val, size_t size)
{
	size_t k = *i, len = 0;

	if (k < n && v[k] == '"') {
		for (k++; k < n && v[k] != '"'; k++) {
			if (v[k] == '\\' && k + 1 < n)
				k++;
			if (len + 1 < size)
				val[len] = v[k];
			len++;
		}
		if (k < n)
			k++;
	} else {
		for (; k < n && v[k] != ';' && !ascii_isspace((unsigned char)v[k]);
		    k++) {
			if (len + 1 < size)
				val[len] = v[k];
			len++;
		}
	}
	val[len + 1 < size ? len : size - 1] = '\0';
	*i = k;
	return len;
}

/* Parse an unfolded Content-Type value: the type and the parameters we use. */
static void
parse_ctype(const char *v, size_t n, struct ctype *ct)
{
	char name[32], val[BOUNDARY_MAX + 2];
	size_t i = 0, k;

	memset(ct, 0, sizeof(*ct));
	while (i < n && ascii_isspace((unsigned char)v[i]))
		i++;
	for (k = i; k < n && v[k] != ';' && v[k] != '(' &&
	    !ascii_isspace((unsigned char)v[k]); k++)
		;
	copy_lower(ct->type, sizeof(ct->type), v + i, k - i);
	i = k;
	while (i < n) {
		size_t ns, vlen;
		bool fit;

		if (v[i++] != ';')
			continue;
		while (i < n && ascii_isspace((unsigned char)v[i]))
			i++;
		for (ns = i; i < n && v[i] != '=' && v[i] != ';' &&
		    !ascii_isspace((unsigned char)v[i]); i++)
			;
		fit = copy_lower(name, sizeof(name), v + ns, i - ns);
		while (i < n && ascii_isspace((unsigned char)v[i]))
			i++;
		if (i >= n || v[i] != '=')
			continue;
		i++;
		while (i < n && ascii_isspace((unsigned char)v[i]))
			i++;
		vlen = param_value(v, n, &i, val, sizeof(val));
		if (!fit)
			continue;
		if (strcmp(name, "charset") == 0 ||
		    strcmp(name, "charset*") == 0 ||
		    strcmp(name, "charset*0*") == 0) {
			/* RFC 2231: charset'language'value; the value is the name. */
			size_t cl = name[7] == '*' ? strcspn(val, "'") : vlen;

			copy_lower(ct->charset, sizeof(ct->charset), val,
			    cl < sizeof(val) ? cl : 0);
		} else if (strcmp(name, "boundary") == 0 && vlen > 0 &&
		    vlen <= BOUNDARY_MAX) {
			memcpy(ct->boundary, val, vlen);
			ct->boundary[vlen] = '\0';
			ct->boundary_len = vlen;
		}
	}
}

/* The Content-Transfer-Encoding that needs decoding; 7bit, 8bit, binary: none. */
static enum encoding
parse_encoding(struct span v)
{
	struct strbuf b;
	enum encoding e = ENC_IDENTITY;

	if (v.p == NULL)
		return e;
	unfold(&b, v);
	if (b.len == 16 && ascii_strncaseeq(b.data, "quoted-printable", 16))
		e = ENC_QP;
	else if (b.len == 6 && ascii_strncaseeq(b.data, "base64", 6))
		e = ENC_BASE64;
	strbuf_free(&b);
	return e;
}

/* Whether Content-Disposition marks the part as an attachment. */
static bool
is_attachment(struct span v)
{
	size_t i = 0;

	if (v.p == NULL)
		return false;
	while (i < v.n && ascii_isspace((unsigned char)v.p[i]))
		i++;
	return v.n - i >= 10 && ascii_strncaseeq(v.p + i, "attachment", 10);
}

static void walk_entity(struct walk *w, const char *s, size_t n,
    const struct headers *h, int depth);

/*
 * Split a multipart body at its delimiter lines and walk each part. The line
 * end before a delimiter belongs to the delimiter. A body whose closing
 * delimiter is missing ends its last part at the end of the input.
 */
static void
walk_multipart(struct walk *w, const char *s, size_t n, const struct ctype *ct,
    int depth)
{
	const char *b = ct->boundary;
	size_t blen = ct->boundary_len, i = 0, start = 0;
	bool in_part = false;

	while (i < n) {
		size_t len, next = next_line(s, i, n, &len), k, end;
		bool close = false;
		struct headers h;

		if (len < blen + 2 || s[i] != '-' || s[i + 1] != '-' ||
		    memcmp(s + i + 2, b, blen) != 0) {
			i = next;
			continue;
		}
		k = i + 2 + blen;
		if (len - 2 - blen >= 2 && s[k] == '-' && s[k + 1] == '-') {
			close = true;
			k += 2;
		}
		while (k < i + len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k != i + len) {	/* the boundary is only a prefix here */
			i = next;
			continue;
		}
		if (in_part) {
			end = i;
			if (end > start && s[end - 1] == '\n')
				end--;
			if (end > start && s[end - 1] == '\r')
				end--;
			parse_headers(s + start, end - start, false, &h);
			walk_entity(w, s + start, end - start, &h, depth + 1);
		}
		if (close)
			return;
		in_part = true;
		start = next;
		i = next;
	}
	if (in_part) {
		struct headers h;

		parse_headers(s + start, n - start, false, &h);
		walk_entity(w, s + start, n - start, &h, depth + 1);
	}
}

/* Look at one entity: descend into a multipart, or note a text part. */
static void
walk_entity(struct walk *w, const char *s, size_t n, const struct headers *h,
    int depth)
{
	struct ctype ct;
	struct candidate *c;
	enum kind kind;
	int att;

	memset(&ct, 0, sizeof(ct));
	if (h->ctype.p != NULL) {
		struct strbuf v;

		unfold(&v, h->ctype);
		parse_ctype(v.data, v.len, &ct);
		strbuf_free(&v);
	}
	if (strncmp(ct.type, "multipart/", 10) == 0) {
		if (depth >= OSTD_MIME_DEPTH_MAX) {
			w->too_deep = true;
			return;
		}
		if (ct.boundary_len > 0)
			walk_multipart(w, s + h->body, n - h->body, &ct, depth);
		return;
	}
	if (ct.type[0] == '\0' || strcmp(ct.type, "text/plain") == 0 ||
	    strcmp(ct.type, "text") == 0)
		kind = KIND_PLAIN;
	else if (strcmp(ct.type, "text/rtf") == 0 ||
	    strcmp(ct.type, "application/rtf") == 0)
		kind = KIND_RTF;
	else if (strcmp(ct.type, "text/html") == 0)
		kind = KIND_HTML;
	else
		return;
	att = is_attachment(h->disposition);
	c = &w->cand[att][kind];
	if (c->found)
		return;
	c->found = true;
	c->body.p = s + h->body;
	c->body.n = n - h->body;
	c->enc = parse_encoding(h->cte);
	memcpy(c->charset, ct.charset, sizeof(c->charset));
}

/* Decode quoted-printable s[0..n) into out. */
static void
decode_qp(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k = i;

		while (k < n && s[k] != '=' && s[k] != ' ' && s[k] != '\t')
			k++;
		strbuf_add(out, s + i, k - i);
		if ((i = k) >= n)
			break;
		if (s[i] == '=') {
			int hi = -1, lo = -1;

			if (i + 2 < n) {
				hi = ascii_hexval((unsigned char)s[i + 1]);
				lo = ascii_hexval((unsigned char)s[i + 2]);
			}

			if (hi >= 0 && lo >= 0) {
				strbuf_addc(out, (char)(hi << 4 | lo));
				i += 3;
				continue;
			}
			/* A soft line break: '=', optional blanks, line end. */
			for (k = i + 1; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
				;
			if (k < n && s[k] == '\r')
				k++;
			if (k >= n || s[k] == '\n') {
				i = k < n ? k + 1 : n;
				continue;
			}
			strbuf_addc(out, '=');
			i++;
			continue;
		}
		/* Blanks at the end of a line were added in transport: drop them. */
		for (k = i; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
			;
		if (k < n && s[k] != '\r' && s[k] != '\n')
			strbuf_add(out, s + i, k - i);
		i = k;
	}
}

/*
 * Decode base64 s[0..n) into out; characters outside the alphabet are ignored.
 * Padding ends a run: what follows it starts a new one, as when two encoded
 * texts were joined. *restarted (when not NULL) is set when one did.
 */
static void
decode_base64(struct strbuf *out, const char *s, size_t n, bool *restarted)
{
	uint32_t acc = 0;
	int bits = 0;
	bool padded = false;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], v;

		if (c == '=') {
			padded = true;
			acc = 0;
			bits = 0;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '+')
			v = 62;
		else if (c == '/')
			v = 63;
		else
			continue;
		if (padded && restarted != NULL)
			*restarted = true;
		padded = false;
		acc = (acc << 6 | (uint32_t)v) & 0xFFFFFF;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			strbuf_addc(out, (char)((acc >> bits) & 0xFF));
		}
	}
}

/*
 * Undo the transfer encoding of a part body into out; *restarted as for
 * decode_base64.
 */
static void
decode_transfer(struct strbuf *out, struct span body, enum encoding enc,
    bool *restarted)
{
	switch (enc) {
	case ENC_QP:
		decode_qp(out, body.p, body.n);
		break;
	case ENC_BASE64:
		decode_base64(out, body.p, body.n, restarted);
		break;
	case ENC_IDENTITY:
		strbuf_add(out, body.p, body.n);
		break;
	}
}

/* Start the next note of notes: a separator after the ones before. */
static struct strbuf *
next_note(struct strbuf *notes)
{
	if (notes->len > 0)
		strbuf_add(notes, "; ", 2);
	return notes;
}

/*
 * Decode candidate c of kind k into out, saying in notes what was read
 * around. Returns 0, or -1 with *err set when the part cannot be read (RTF
 * that is not RTF).
 */
static int
decode_part(const struct candidate *c, enum kind k, struct strbuf *out,
    struct strbuf *notes, char **err)
{
	struct strbuf raw, utf;
	enum ostd_charset cs;
	bool restarted = false;
	int rc = 0;

	strbuf_init(&raw, 0);
	decode_transfer(&raw, c->body, c->enc, &restarted);
	if (raw.data == NULL)
		strbuf_add(&raw, "", 0);
	if (restarted)
		strbuf_addf(next_note(notes), "%s part: base64 padding in the "
		    "middle; the text after it was decoded too", kind_source[k]);
	if (k == KIND_RTF) {
		char *text, *rerr;
		size_t len;

		rc = ostd_rtf_to_text(raw.data, raw.len, &text, &len, &rerr);
		if (rc < 0) {
			*err = xasprintf("text/rtf part: %s", rerr);
			free(rerr);
		} else {
			if (rerr != NULL)
				strbuf_addf(next_note(notes), "text/rtf part: %s",
				    rerr);
			free(rerr);
			strbuf_add(out, text, len);
			free(text);
			rc = 0;
		}
		strbuf_free(&raw);
		return rc;
	}
	/* A part that names no charset is US-ASCII, unless its HTML says. */
	if (c->charset[0] != '\0')
		cs = charset_lookup(c->charset, strlen(c->charset));
	else if (k != KIND_HTML || !html_meta_charset(raw.data, raw.len, &cs))
		cs = OSTD_CS_ASCII;
	if (k == KIND_PLAIN) {
		charset_to_utf8(out, raw.data, raw.len, cs);
	} else {
		strbuf_init(&utf, 0);
		charset_to_utf8(&utf, raw.data, raw.len, cs);
		html_to_text(out, utf.data != NULL ? utf.data : "", utf.len);
		strbuf_free(&utf);
	}
	strbuf_free(&raw);
	return rc;
}

/* Decode the text of one encoded-word into raw: B (base64) or Q. */
static void
decode_word(struct strbuf *raw, const char *t, size_t n, char enc)
{
	if (enc == 'b' || enc == 'B') {
		decode_base64(raw, t, n, NULL);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (t[i] == '_')
			strbuf_addc(raw, ' ');
		else if (t[i] == '=' && i + 2 < n &&
		    (hi = ascii_hexval((unsigned char)t[i + 1])) >= 0 &&
		    (lo = ascii_hexval((unsigned char)t[i + 2])) >= 0) {
			strbuf_addc(raw, (char)(hi << 4 | lo));
			i += 2;
		} else
			strbuf_addc(raw, t[i]);
	}
}

/*
 * The encoded-word at v[i..n) ("=?charset?B?text?="): its end, charset span
 * and text span, or 0 when there is none there.
 */
static size_t
encoded_word(const char *v, size_t i, size_t n, struct span *cs, char *enc,
    struct span *text)
{
	size_t k = i + 2, e;

	if (n - i < 8 || v[i] != '=' || v[i + 1] != '?')
		return 0;
	for (e = k; e < n && v[e] != '?' && !ascii_isspace((unsigned char)v[e]) &&
	    e - i < CHARSET_MAX; e++)
		;
	if (e == k || e + 3 > n || v[e] != '?' || v[e + 2] != '?')
		return 0;
	cs->p = v + k;
	cs->n = e - k;
	if (memchr(cs->p, '*', cs->n) != NULL)	/* RFC 2231 language suffix */
		cs->n = (size_t)((const char *)memchr(cs->p, '*', cs->n) - cs->p);
	*enc = v[e + 1];
	if (*enc != 'B' && *enc != 'b' && *enc != 'Q' && *enc != 'q')
		return 0;
	k = e + 3;
	for (e = k; e + 1 < n && !(v[e] == '?' && v[e + 1] == '='); e++)
		if (ascii_isspace((unsigned char)v[e]) || e - i > WORD_MAX)
			return 0;
	if (e + 1 >= n)
		return 0;
	text->p = v + k;
	text->n = e - k;
	return e + 2;
}

/* Whether v[0..n) is only blanks. */
static bool
all_blank(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!ascii_isspace((unsigned char)v[i]))
			return false;
	return true;
}

/* Convert pending encoded-word bytes to UTF-8. */
static void
flush_words(struct strbuf *out, struct strbuf *raw, enum ostd_charset cs)
{
	if (raw->len > 0)
		charset_to_utf8(out, raw->data, raw->len, cs);
	strbuf_reset(raw);
}

/*
 * Decode an unfolded header value with RFC 2047 encoded-words. Adjacent words
 * in one charset are joined before conversion (a character may be split across
 * them); blanks between encoded-words are dropped. Control characters become
 * spaces so that the result is one clean line.
 */
static char *
decode_header_text(const char *v, size_t n)
{
	struct strbuf out, raw;
	enum ostd_charset rawcs = OSTD_CS_UTF8;
	size_t i = 0, lit = 0;
	bool prev_word = false;

	strbuf_init(&out, 0);
	strbuf_init(&raw, 0);
	while (i < n) {
		struct span cs, text;
		char enc;
		size_t e = v[i] == '=' ? encoded_word(v, i, n, &cs, &enc, &text) : 0;
		enum ostd_charset wcs;

		if (e == 0) {
			i++;
			continue;
		}
		if (!prev_word || !all_blank(v + lit, i - lit)) {
			flush_words(&out, &raw, rawcs);
			charset_to_utf8(&out, v + lit, i - lit, OSTD_CS_UTF8);
		}
		wcs = charset_lookup(cs.p, cs.n);
		if (raw.len > 0 && wcs != rawcs)
			flush_words(&out, &raw, rawcs);
		rawcs = wcs;
		decode_word(&raw, text.p, text.n, enc);
		prev_word = true;
		i = lit = e;
	}
	flush_words(&out, &raw, rawcs);
	charset_to_utf8(&out, v + lit, n - lit, OSTD_CS_UTF8);
	strbuf_free(&raw);
	for (size_t k = 0; k < out.len; k++)
		if ((unsigned char)out.data[k] < 0x20 || out.data[k] == 0x7F)
			out.data[k] = ' ';
	return strbuf_detach(&out);
}

/* A cursor over a date-time value. */
struct lex {
	const char *s;
	size_t n, i;
};

/* Skip blanks and (nested) comments. */
static void
skip_cfws(struct lex *x)
{
	while (x->i < x->n) {
		if (ascii_isspace((unsigned char)x->s[x->i])) {
			x->i++;
		} else if (x->s[x->i] == '(') {
			int depth = 0;

			for (; x->i < x->n; x->i++) {
				if (x->s[x->i] == '(' && depth < COMMENT_DEPTH_MAX)
					depth++;
				else if (x->s[x->i] == ')' && --depth == 0) {
					x->i++;
					break;
				}
			}
		} else
			break;
	}
}

/* Read up to 9 digits; their count in *digits (0: none there). */
static int
lex_num(struct lex *x, int *digits)
{
	int v = 0;

	skip_cfws(x);
	for (*digits = 0; x->i < x->n && ascii_isdigit((unsigned char)x->s[x->i]);
	    x->i++)
		if (++*digits <= 9)
			v = v * 10 + (x->s[x->i] - '0');
	return *digits <= 9 ? v : -1;
}

/* Read a run of letters into *w; its length. */
static size_t
lex_word(struct lex *x, const char **w)
{
	size_t k;

	skip_cfws(x);
	*w = x->s + x->i;
	for (k = x->i; k < x->n && ((x->s[k] | 0x20) >= 'a' &&
	    (x->s[k] | 0x20) <= 'z'); k++)
		;
	k -= x->i;
	x->i += k;
	return k;
}

/* Consume character c (after blanks and comments) when it comes next. */
static bool
lex_eat(struct lex *x, char c)
{
	skip_cfws(x);
	if (x->i < x->n && x->s[x->i] == c) {
		x->i++;
		return true;
	}
	return false;
}

/* Minutes east of UTC for a zone name; *known 0 for -0000-like zones. */
static bool
zone_name(const char *w, size_t len, int *off, bool *known)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
		{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
		{ "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
		{ "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
	};

	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (strlen(zones[i].name) == len &&
		    ascii_strncaseeq(w, zones[i].name, len)) {
			*off = zones[i].hours * 60;
			*known = true;
			return true;
		}
	}
	/* Military letters were used inconsistently: RFC 5322 reads them as -0000. */
	*off = 0;
	*known = false;
	return len == 1;
}

/* Year as written (two or three digits are the obsolete forms) to a full year. */
static int
full_year(int y, int digits)
{
	if (digits == 2)
		return y < 50 ? 2000 + y : 1900 + y;
	if (digits == 3)
		return 1900 + y;
	return y;
}

/*
 * Parse an RFC 5322 date-time ("Tue, 3 Mar 2026 09:14:02 +0100"), obsolete
 * forms included, and the asctime form some mailers use ("Tue Mar  3 09:14:02
 * 2026"). A missing zone or -0000 leaves the offset unknown and reads the time
 * as UTC.
 */
static bool
parse_date(const char *s, size_t n, struct ostd_message *m)
{
	struct lex x = { s, n, 0 };
	const char *w;
	size_t wl;
	int day, mon = 0, year = 0, h, mi, sec = 0, dd, yd = 0, td, off = 0;
	bool asctime = false, known = false;

	if ((wl = lex_word(&x, &w)) > 0) {
		if (is_weekday_name(w, wl)) {
			lex_eat(&x, ',');
			if ((wl = lex_word(&x, &w)) > 0)
				asctime = true;
		} else
			asctime = true;
		if (asctime && (mon = month_from_name(w, wl)) == 0)
			return false;
	}
	day = lex_num(&x, &dd);
	if (dd == 0 || dd > 2)
		return false;
	if (!asctime) {
		lex_eat(&x, '-');
		wl = lex_word(&x, &w);
		if ((mon = month_from_name(w, wl)) == 0)
			return false;
		lex_eat(&x, '-');
		year = lex_num(&x, &yd);
	}
	h = lex_num(&x, &td);
	if (td == 0 || td > 2 || !lex_eat(&x, ':'))
		return false;
	mi = lex_num(&x, &td);
	if (td != 2)
		return false;
	if (lex_eat(&x, ':')) {
		sec = lex_num(&x, &td);
		if (td != 2)
			return false;
	}
	if (asctime)
		year = lex_num(&x, &yd);
	if (yd < 2 || yd > 4)
		return false;
	year = full_year(year, yd);
	skip_cfws(&x);
	if (x.i < n && (s[x.i] == '+' || s[x.i] == '-')) {
		int sign = s[x.i++] == '-' ? -1 : 1, zd, z;

		z = lex_num(&x, &zd);
		if (zd != 4 || z % 100 > 59 || z / 100 > 23)
			return false;
		off = sign * (z / 100 * 60 + z % 100);
		known = !(sign < 0 && z == 0);
	} else if ((wl = lex_word(&x, &w)) > 0 && !zone_name(w, wl, &off, &known))
		return false;
	if (year < 1900 || year > 9999 || day < 1 ||
	    day > days_in_month(year, mon) || h > 23 || mi > 59 || sec > 60)
		return false;
	if (sec == 60)
		sec = 59;	/* a leap second: keep it in its minute */
	m->date = days_from_civil(year, mon, day) * 86400 + h * 3600 + mi * 60 +
	    sec - (long long)off * 60;
	m->utc_offset = known ? off : 0;
	m->has_offset = known;
	return true;
}

/* Parse a Date: value, or the date after the last ';' of a Received: value. */
static bool
parse_date_field(struct span v, bool received, struct ostd_message *m)
{
	struct strbuf b;
	const char *p;
	bool ok;

	if (v.p == NULL)
		return false;
	unfold(&b, v);
	p = b.data;
	if (received) {
		const char *semi = NULL;

		for (size_t i = 0; i < b.len; i++)
			if (b.data[i] == ';')
				semi = b.data + i;
		if (semi == NULL) {
			strbuf_free(&b);
			return false;
		}
		p = semi + 1;
	}
	ok = parse_date(p, b.len - (size_t)(p - b.data), m);
	strbuf_free(&b);
	return ok;
}

/*
 * Fill the body from the best candidate, saying in notes what was read around;
 * -1 with *err when none can be read.
 */
static int
choose_body(struct walk *w, const enum kind order[KIND_N],
    struct ostd_message *out, struct strbuf *notes, char **err)
{
	struct strbuf body, part;
	char *first_err = NULL;

	for (int att = 0; att < 2; att++) {
		for (int i = 0; i < KIND_N; i++) {
			enum kind k = order[i];
			const struct candidate *c = &w->cand[att][k];
			char *e = NULL;

			if (!c->found)
				continue;
			strbuf_init(&body, 0);
			strbuf_init(&part, 0);
			if (decode_part(c, k, &body, &part, &e) < 0) {
				strbuf_free(&body);
				strbuf_free(&part);
				if (first_err == NULL)
					first_err = e;
				else
					free(e);
				continue;
			}
			free(first_err);
			if (w->too_deep)
				strbuf_addf(next_note(notes), "multipart nested "
				    "deeper than %d levels: the parts there were "
				    "skipped", OSTD_MIME_DEPTH_MAX);
			if (part.len > 0)
				strbuf_add(next_note(notes), part.data, part.len);
			strbuf_free(&part);
			out->body_len = body.len;
			out->body = strbuf_detach(&body);
			out->body_source = kind_source[k];
			return 0;
		}
	}
	if (first_err != NULL) {
		*err = first_err;
		return -1;
	}
	if (w->too_deep) {
		*err = xasprintf("multipart nested deeper than %d levels",
		    OSTD_MIME_DEPTH_MAX);
		return -1;
	}
	out->body = xstrdup("");
	out->body_len = 0;
	out->body_source = NULL;
	return 0;
}

/* Read the message buf[0..len), its body the first part of order's kinds. */
static int
mime_read(const char *buf, size_t len, const enum kind order[KIND_N],
    struct ostd_message *out, char **err)
{
	struct headers h;
	struct walk *w;
	struct strbuf notes;
	char *e = NULL;
	size_t skip = 0;

	memset(out, 0, sizeof(*out));
	out->date = -1;
	if (err != NULL)
		*err = NULL;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	buf += skip;
	len -= skip;
	parse_headers(buf, len, true, &h);
	if (!h.any) {
		if (err != NULL)
			*err = xstrdup("not a mail message: no header field at "
			    "the start");
		return -1;
	}
	if (h.subject.p != NULL) {
		struct strbuf v;

		unfold(&v, h.subject);
		out->subject = decode_header_text(v.data, v.len);
		strbuf_free(&v);
	}
	if (!parse_date_field(h.date, false, out))
		parse_date_field(h.received, true, out);
	w = xcalloc(1, sizeof(*w));
	walk_entity(w, buf, len, &h, 0);
	strbuf_init(&notes, 0);
	if (choose_body(w, order, out, &notes, &e) < 0) {
		free(w);
		strbuf_free(&notes);
		ostd_message_free(out);
		if (err != NULL)
			*err = e;
		else
			free(e);
		return -1;
	}
	free(w);
	if (notes.len == 0) {
		strbuf_free(&notes);
		return 0;
	}
	if (err != NULL)
		*err = strbuf_detach(&notes);
	else
		strbuf_free(&notes);
	return 1;
}

int
ostd_mime_read(const char *buf, size_t len, struct ostd_message *out,
    char **err)
{
	static const enum kind order[KIND_N] = {
		KIND_PLAIN, KIND_RTF, KIND_HTML
	};

	return mime_read(buf, len, order, out, err);
}

int
ostd_mht_read(const char *buf, size_t len, struct ostd_message *out,
    char **err)
{
	static const enum kind order[KIND_N] = {
		KIND_HTML, KIND_PLAIN, KIND_RTF
	};
	int rc = mime_read(buf, len, order, out, err);

	/* The archive's Date: is when the page was saved, not sent. */
	out->date = -1;
	out->utc_offset = 0;
	out->has_offset = 0;
	return rc;
}
