/*
 * encoding.c: detecting a log's encoding and converting it to UTF-8, either from a
 * buffer or as a source that decodes another. Both go through one incremental
 * decoder that carries an unfinished sequence from one piece of input to the next,
 * so a stream's output does not depend on how its input was split.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/encoding.h"
#include "util/util.h"

/* Most output bytes decode() writes for n input bytes (3 per byte, plus carry). */
#define DECODE_BOUND(n) (3 * (n) + 16)
/* Most output bytes decode_flush() writes. */
#define FLUSH_BOUND 16

/* Input taken per step: by ostd_to_utf8, and at most by one stream read. */
#define BUF_CHUNK (64 * 1024)
#define STREAM_CHUNK (8 * 1024)

#define REPLACEMENT 0xFFFD

struct decoder {
	enum ostd_encoding enc;	/* never OSTD_ENC_AUTO */
	bool validate;		/* UTF-8: replace invalid sequences; else copy */
	bool started;		/* past the place a byte-order mark can be */
	unsigned char pend[4];	/* bytes of an unfinished sequence or code unit */
	size_t npend;
	unsigned need;		/* UTF-8: continuation bytes still missing */
	unsigned lo, hi;	/* UTF-8: allowed range of the next one */
	unsigned surrogate;	/* UTF-16: a high surrogate awaiting its pair */
	unsigned long bad;	/* U+FFFD written for invalid input */
};

/* Windows-1252 0x80-0x9F; 0 where the code page defines no character. */
static const unsigned short cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static const char *const enc_names[] = {
	"auto", "utf-8", "utf-16le", "utf-16be", "windows-1252",
};

static const struct {
	const char *label;
	enum ostd_encoding enc;
} enc_labels[] = {
	{ "auto", OSTD_ENC_AUTO },
	{ "utf-8", OSTD_ENC_UTF8 },
	{ "utf8", OSTD_ENC_UTF8 },
	{ "utf-16le", OSTD_ENC_UTF16LE },
	{ "utf16le", OSTD_ENC_UTF16LE },
	{ "utf-16", OSTD_ENC_UTF16LE },
	{ "utf16", OSTD_ENC_UTF16LE },
	{ "unicode", OSTD_ENC_UTF16LE },
	{ "utf-16be", OSTD_ENC_UTF16BE },
	{ "utf16be", OSTD_ENC_UTF16BE },
	{ "windows-1252", OSTD_ENC_CP1252 },
	{ "cp1252", OSTD_ENC_CP1252 },
	{ "1252", OSTD_ENC_CP1252 },
	{ "latin1", OSTD_ENC_CP1252 },
	{ "iso-8859-1", OSTD_ENC_CP1252 },
};

/* True for a value of enum ostd_encoding. */
static bool
enc_valid(enum ostd_encoding e)
{
	return (unsigned)e <= OSTD_ENC_CP1252;
}

const char *
ostd_encoding_name(enum ostd_encoding e)
{
	return enc_valid(e) ? enc_names[e] : "unknown";
}

int
ostd_encoding_from_name(const char *name)
{
	size_t i, len;

	if (name == NULL)
		return -1;
	len = strlen(name);
	for (i = 0; i < sizeof(enc_labels) / sizeof(enc_labels[0]); i++)
		if (strlen(enc_labels[i].label) == len &&
		    ascii_strncaseeq(name, enc_labels[i].label, len))
			return (int)enc_labels[i].enc;
	return -1;
}

/*
 * For a byte that starts a multi-byte UTF-8 sequence: how many continuation bytes
 * follow and the range the first of them must lie in (which excludes overlong
 * forms, surrogates and code points above U+10FFFF). False for any other byte.
 */
static bool
utf8_lead(unsigned b, unsigned *need, unsigned *lo, unsigned *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF)
		*need = 1;
	else if (b == 0xE0) {
		*need = 2;
		*lo = 0xA0;
	} else if (b == 0xED) {
		*need = 2;
		*hi = 0x9F;
	} else if (b >= 0xE1 && b <= 0xEF)
		*need = 2;
	else if (b == 0xF0) {
		*need = 3;
		*lo = 0x90;
	} else if (b >= 0xF1 && b <= 0xF3)
		*need = 3;
	else if (b == 0xF4) {
		*need = 3;
		*hi = 0x8F;
	} else
		return false;
	return true;
}

/* True when p[0..len) is valid UTF-8, allowing a sequence cut off at the end. */
static bool
utf8_valid(const unsigned char *p, size_t len)
{
	size_t i = 0, k;
	unsigned need, lo, hi;

	while (i < len) {
		/* Runs of ASCII, eight bytes at a time. */
		if (i + 8 <= len && (load_u64(p + i) & BYTES(0x80)) == 0) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!utf8_lead(p[i], &need, &lo, &hi))
			return false;
		for (k = 1; k <= need; k++) {
			if (i + k >= len)
				return true;
			if (p[i + k] < lo || p[i + k] > hi)
				return false;
			lo = 0x80;
			hi = 0xBF;
		}
		i += need + 1;
	}
	return true;
}

/*
 * UTF-16LE or UTF-16BE when the NULs of p[0..len) fall into the pattern of UTF-16
 * text with ASCII in it, else OSTD_ENC_AUTO. A code unit below U+0100 has a NUL
 * high byte: such units must be at least two, a quarter of the units that are not
 * all zero (a sync log's times and codes are ASCII whatever its language), and
 * more than twice those that look like the other byte order. Runs of NUL bytes,
 * as a crash leaves in a log, are skipped: each gives at most one such unit, at
 * its edge.
 */
static enum ostd_encoding
utf16_by_nuls(const unsigned char *p, size_t len)
{
	size_t i, pairs = len / 2, le = 0, be = 0, units = 0;

	if (memchr(p, '\0', len) == NULL)
		return OSTD_ENC_AUTO;
	for (i = 0; i < pairs; i++) {
		unsigned a = p[2 * i], b = p[2 * i + 1];

		if (a == 0 && b == 0)
			continue;
		units++;
		if (b == 0)
			le++;
		else if (a == 0)
			be++;
	}
	if (le >= 2 && le > 2 * be && 4 * le >= units)
		return OSTD_ENC_UTF16LE;
	if (be >= 2 && be > 2 * le && 4 * be >= units)
		return OSTD_ENC_UTF16BE;
	return OSTD_ENC_AUTO;
}

enum ostd_encoding
ostd_encoding_detect(const unsigned char *buf, size_t len, size_t *bom_len)
{
	enum ostd_encoding e;
	size_t bom = 0;

	if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) {
		e = OSTD_ENC_UTF8;
		bom = 3;
	} else if (len >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) {
		e = OSTD_ENC_UTF16LE;
		bom = 2;
	} else if (len >= 2 && buf[0] == 0xFE && buf[1] == 0xFF) {
		e = OSTD_ENC_UTF16BE;
		bom = 2;
	} else if (len == 0)
		e = OSTD_ENC_UTF8;
	else if ((e = utf16_by_nuls(buf, len)) != OSTD_ENC_AUTO)
		;
	else if (utf8_valid(buf, len))
		e = OSTD_ENC_UTF8;
	else
		e = OSTD_ENC_CP1252;
	if (bom_len != NULL)
		*bom_len = bom;
	return e;
}

/* Write code point cp (at most U+10FFFF) as UTF-8; its length. */
static size_t
put_utf8(unsigned char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | cp >> 18);
	out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Write U+FFFD for a piece of invalid input and count it. */
static size_t
put_bad(struct decoder *d, unsigned char *out)
{
	if (d->bad != ULONG_MAX)
		d->bad++;
	return put_utf8(out, REPLACEMENT);
}

/* A decoder at the start of a text; validate matters for UTF-8 only. */
static void
decoder_init(struct decoder *d, enum ostd_encoding enc, bool validate)
{
	memset(d, 0, sizeof(*d));
	d->enc = enc;
	d->validate = validate;
}

/* One UTF-16 code unit; at most 6 bytes out (a lone surrogate's U+FFFD and u). */
static size_t
utf16_unit(struct decoder *d, unsigned u, unsigned char *out)
{
	size_t n = 0;
	bool first = !d->started;

	d->started = true;
	if (d->surrogate != 0) {
		if (u >= 0xDC00 && u <= 0xDFFF) {
			unsigned long cp = 0x10000 +
			    ((unsigned long)(d->surrogate - 0xD800) << 10) +
			    (u - 0xDC00);

			d->surrogate = 0;
			return put_utf8(out, cp);
		}
		d->surrogate = 0;
		n = put_bad(d, out);
	}
	if (u >= 0xD800 && u <= 0xDBFF) {
		d->surrogate = u;
		return n;
	}
	if (u >= 0xDC00 && u <= 0xDFFF)
		return n + put_bad(d, out + n);
	if (first && u == 0xFEFF)
		return n;
	return n + put_utf8(out + n, u);
}

/* UTF-16 in either byte order; an odd byte at the end waits in pend. */
static size_t
decode_utf16(struct decoder *d, const unsigned char *in, size_t len,
    unsigned char *out)
{
	bool le = d->enc == OSTD_ENC_UTF16LE;
	size_t i = 0, n = 0;

	if (d->npend == 1 && len > 0) {
		d->pend[1] = in[i++];
		d->npend = 0;
		n += utf16_unit(d, le ? d->pend[0] | d->pend[1] << 8 :
		    d->pend[0] << 8 | d->pend[1], out + n);
	}
	for (; i + 1 < len; i += 2)
		n += utf16_unit(d, le ? in[i] | in[i + 1] << 8 :
		    in[i] << 8 | in[i + 1], out + n);
	if (i < len)
		d->pend[d->npend++] = in[i];
	return n;
}

/* Windows-1252: one byte, one character, so nothing is ever carried. */
static size_t
decode_cp1252(struct decoder *d, const unsigned char *in, size_t len,
    unsigned char *out)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned b = in[i];

		if (b < 0x80)
			out[n++] = (unsigned char)b;
		else if (b >= 0xA0)
			n += put_utf8(out + n, b);
		else if (cp1252_c1[b - 0x80] != 0)
			n += put_utf8(out + n, cp1252_c1[b - 0x80]);
		else
			n += put_bad(d, out + n);
	}
	return n;
}

/*
 * A complete UTF-8 sequence held in pend: copy it out, unless it is the
 * byte-order mark at the very start.
 */
static size_t
utf8_complete(struct decoder *d, unsigned char *out)
{
	size_t n = d->npend;
	bool first = !d->started;

	d->npend = 0;
	d->started = true;
	if (first && n == 3 && memcmp(d->pend, "\xEF\xBB\xBF", 3) == 0)
		return 0;
	memcpy(out, d->pend, n);
	return n;
}

/*
 * Validating UTF-8: each maximal ill-formed subsequence (a byte that cannot start
 * a sequence, or a valid start cut short by an unexpected byte) becomes one
 * U+FFFD; the byte that cut it short is then read afresh.
 */
static size_t
decode_utf8(struct decoder *d, const unsigned char *in, size_t len,
    unsigned char *out)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned b = in[i];

		if (d->npend > 0) {
			if (b < d->lo || b > d->hi) {
				d->npend = 0;
				d->started = true;
				n += put_bad(d, out + n);
				continue;	/* b again, as a start */
			}
			d->pend[d->npend++] = (unsigned char)b;
			d->lo = 0x80;
			d->hi = 0xBF;
			if (--d->need == 0)
				n += utf8_complete(d, out + n);
		} else if (b < 0x80) {
			d->started = true;
			out[n++] = (unsigned char)b;
		} else if (utf8_lead(b, &d->need, &d->lo, &d->hi)) {
			d->pend[0] = (unsigned char)b;
			d->npend = 1;
		} else {
			d->started = true;
			n += put_bad(d, out + n);
		}
		i++;
	}
	return n;
}

/* UTF-8 passed through; only a byte-order mark at the start is dropped. */
static size_t
copy_utf8(struct decoder *d, const unsigned char *in, size_t len,
    unsigned char *out)
{
	static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
	size_t i = 0, n = 0;

	while (!d->started && i < len) {
		if (in[i] == bom[d->npend]) {
			d->pend[d->npend++] = in[i++];
			if (d->npend == 3) {
				d->npend = 0;
				d->started = true;
			}
			continue;
		}
		memcpy(out, d->pend, d->npend);
		n = d->npend;
		d->npend = 0;
		d->started = true;
	}
	memcpy(out + n, in + i, len - i);
	return n + len - i;
}

/*
 * Convert in[0..len) into out, which has room for DECODE_BOUND(len) bytes; an
 * unfinished sequence at the end is kept for the next call. Bytes written.
 */
static size_t
decode(struct decoder *d, const unsigned char *in, size_t len,
    unsigned char *out)
{
	switch (d->enc) {
	case OSTD_ENC_UTF16LE:
	case OSTD_ENC_UTF16BE:
		return decode_utf16(d, in, len, out);
	case OSTD_ENC_CP1252:
		return decode_cp1252(d, in, len, out);
	default:
		if (d->validate)
			return decode_utf8(d, in, len, out);
		return copy_utf8(d, in, len, out);
	}
}

/*
 * The end of input: what is still held is cut off and becomes one U+FFFD (as in
 * the WHATWG Encoding Standard's decoders). At most FLUSH_BOUND bytes.
 */
static size_t
decode_flush(struct decoder *d, unsigned char *out)
{
	size_t n = 0;

	switch (d->enc) {
	case OSTD_ENC_UTF16LE:
	case OSTD_ENC_UTF16BE:
		/* A high surrogate, half a code unit, or both: one cut-off piece. */
		if (d->surrogate != 0 || d->npend > 0)
			n += put_bad(d, out + n);
		d->surrogate = 0;
		break;
	case OSTD_ENC_CP1252:
		break;
	default:
		if (d->npend > 0 && d->validate)
			n += put_bad(d, out + n);
		else if (d->npend > 0) {
			/* A file holding only the start of a mark. */
			memcpy(out, d->pend, d->npend);
			n = d->npend;
		}
		break;
	}
	d->npend = 0;
	return n;
}

char *
ostd_to_utf8(const unsigned char *in, size_t len, enum ostd_encoding enc,
    size_t *outlen, unsigned long *bad)
{
	struct decoder d;
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, off, step;

	if (!enc_valid(enc)) {
		errno = EINVAL;
		return NULL;
	}
	if (enc == OSTD_ENC_AUTO)
		enc = ostd_encoding_detect(in, len, NULL);
	decoder_init(&d, enc, true);
	for (off = 0; off < len; off += step) {
		step = len - off < BUF_CHUNK ? len - off : BUF_CHUNK;
		grow_array((void **)&buf, &cap, n + DECODE_BOUND(step), 1);
		n += decode(&d, in + off, step, buf + n);
	}
	grow_array((void **)&buf, &cap, n + FLUSH_BOUND + 1, 1);
	n += decode_flush(&d, buf + n);
	buf[n] = '\0';
	if (outlen != NULL)
		*outlen = n;
	if (bad != NULL)
		*bad = d.bad;
	return (char *)buf;
}

/* The state behind a source from ostd_utf8_source. */
struct u8source {
	struct ostd_source *raw;
	struct decoder d;
	unsigned long *bad;
	unsigned char *prefix;	/* own copy of the sniffed bytes */
	size_t prefix_len, prefix_pos;
	size_t out_pos, out_end;
	bool eof;		/* raw is exhausted and the decoder flushed */
	unsigned char in[STREAM_CHUNK];
	unsigned char out[DECODE_BOUND(STREAM_CHUNK)];
};

/*
 * Convert the next piece of input, at most want bytes of it, into out (room
 * for DECODE_BOUND(want) bytes); returns the bytes written, which may be none
 * (half a code unit gives nothing yet). -1 on a read error of raw, errno set.
 */
static ptrdiff_t
u8source_fill(struct u8source *s, size_t want, unsigned char *out)
{
	const unsigned char *p;
	size_t n, w;

	if (want > STREAM_CHUNK)
		want = STREAM_CHUNK;
	if (s->prefix_pos < s->prefix_len) {
		n = s->prefix_len - s->prefix_pos;
		if (n > want)
			n = want;
		p = s->prefix + s->prefix_pos;
		s->prefix_pos += n;
	} else {
		n = ostd_source_read(s->raw, s->in, want);
		if (n == 0 && s->raw->error != 0) {
			errno = s->raw->error;
			return -1;
		}
		p = s->in;
	}
	if (n == 0) {
		w = decode_flush(&s->d, out);
		s->eof = true;
	} else
		w = decode(&s->d, p, n, out);
	if (s->bad != NULL)
		*s->bad = s->d.bad;
	return (ptrdiff_t)w;
}

/*
 * Read a decoding source: converted bytes, 0 at the end, -1 on a read error
 * of the source it decodes. A buffer large enough takes the conversion
 * straight; a smaller one is served from the state's own.
 */
static ptrdiff_t
u8source_read(struct ostd_source *src, void *buf, size_t size)
{
	struct u8source *s = src->state;
	ptrdiff_t got;
	size_t n;

	while (s->out_pos == s->out_end) {
		if (s->eof)
			return 0;
		if (size >= DECODE_BOUND(STREAM_CHUNK) / 4) {
			/* As much input as surely fits converted in buf. */
			got = u8source_fill(s, (size - 16) / 3, buf);
			if (got != 0)
				return got;
			continue;
		}
		s->out_pos = s->out_end = 0;
		if ((got = u8source_fill(s, size, s->out)) < 0)
			return -1;
		s->out_end = (size_t)got;
	}
	n = s->out_end - s->out_pos;
	if (n > size)
		n = size;
	memcpy(buf, s->out + s->out_pos, n);
	s->out_pos += n;
	return (ptrdiff_t)n;
}

/* Free a decoding source's state; the source it decodes stays open. */
static void
u8source_close(struct ostd_source *src)
{
	struct u8source *s = src->state;

	if (s != NULL) {
		free(s->prefix);
		free(s);
	}
	src->state = NULL;
}

int
ostd_utf8_source(struct ostd_source *src, struct ostd_source *raw,
    enum ostd_encoding enc, const unsigned char *prefix, size_t prefix_len,
    unsigned long *bad)
{
	struct u8source *s;

	if (raw == NULL || !enc_valid(enc) ||
	    (prefix == NULL && prefix_len > 0)) {
		errno = EINVAL;
		return -1;
	}
	if (enc == OSTD_ENC_AUTO)
		enc = ostd_encoding_detect(prefix, prefix_len, NULL);
	s = xcalloc(1, sizeof(*s));
	s->raw = raw;
	decoder_init(&s->d, enc, false);
	s->bad = bad;
	if (bad != NULL)
		*bad = 0;
	if (prefix_len > 0) {
		s->prefix = xmalloc(prefix_len);
		memcpy(s->prefix, prefix, prefix_len);
		s->prefix_len = prefix_len;
	}
	memset(src, 0, sizeof(*src));
	src->read = u8source_read;
	src->close = u8source_close;
	src->state = s;
	src->fd = -1;
	src->regular = 0;
	return 0;
}

char *
ostd_encoding_problem(enum ostd_encoding enc, unsigned long bad)
{
	const char *s = bad == 1 ? "" : "s";

	if (bad == 0)
		return NULL;
	switch (enc) {
	case OSTD_ENC_UTF8:
		return xasprintf("%lu invalid UTF-8 sequence%s replaced by U+FFFD",
		    bad, s);
	case OSTD_ENC_UTF16LE:
	case OSTD_ENC_UTF16BE:
		return xasprintf("%lu invalid %s code unit%s (lone surrogate or "
		    "cut-off end) replaced by U+FFFD", bad,
		    enc == OSTD_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE", s);
	case OSTD_ENC_CP1252:
		return xasprintf("%lu byte%s undefined in windows-1252 replaced "
		    "by U+FFFD", bad, s);
	default:
		return xasprintf("%lu invalid byte sequence%s replaced by U+FFFD",
		    bad, s);
	}
}
