/*
 * reader.c: block-buffered line splitting with a cap on line length. Lines that lie
 * inside the read buffer are handed out without copying; only a line that spans two
 * reads is assembled in a side buffer.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/reader.h"
#include "input/textconv.h"
#include "util/util.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CHUNK (64 * 1024)	/* below malloc's mmap threshold: cheap per file */

struct ostd_reader {
	struct ostd_source *src;
	char *buf;		/* CHUNK bytes read from src */
	size_t pos, end;
	struct strbuf line;	/* a line spanning reads, capped */
	struct strbuf repaired;	/* a line made well-formed UTF-8 */
	enum ostd_utf8_check check;
	struct ostd_utf8_tally tally;
	unsigned long number;
	unsigned long long bytes;
	bool eof;
	bool error;
	int read_errno;		/* of the error */
	bool started;		/* BOM check done */
	bool skip_lf;		/* the last line ended in CR: a following LF is part of it */
};

struct ostd_reader *
ostd_reader_new(struct ostd_source *src)
{
	/* Its position moves with every line, on a reading thread of its own. */
	struct ostd_reader *r = xcalloc_lines(sizeof(*r));

	r->src = src;
	r->buf = xmalloc(CHUNK);
	strbuf_init(&r->line, OSTD_LINE_MAX);
	strbuf_init(&r->repaired, 0);
	return r;
}

void
ostd_reader_restart(struct ostd_reader *r, struct ostd_source *src)
{
	r->src = src;
	r->pos = r->end = 0;
	strbuf_reset(&r->line);
	r->number = 0;
	r->bytes = 0;
	r->eof = r->error = r->started = r->skip_lf = false;
	r->read_errno = 0;
	r->check = OSTD_UTF8_TRUST;
	memset(&r->tally, 0, sizeof(r->tally));
	strbuf_free(&r->repaired);
	strbuf_init(&r->repaired, 0);
}

void
ostd_reader_check_utf8(struct ostd_reader *r, enum ostd_utf8_check how)
{
	r->check = how;
}

struct ostd_utf8_tally
ostd_reader_utf8_tally(const struct ostd_reader *r)
{
	return r->tally;
}

void
ostd_reader_free(struct ostd_reader **rp)
{
	struct ostd_reader *r;

	if (rp == NULL || (r = *rp) == NULL)
		return;
	free(r->buf);
	strbuf_free(&r->line);
	strbuf_free(&r->repaired);
	free_lines(r);
	*rp = NULL;
}

void
ostd_reader_replay(struct ostd_reader *r, const void *prefix, size_t n)
{
	if (n > CHUNK)
		n = CHUNK;
	memcpy(r->buf, prefix, n);
	r->pos = 0;
	r->end = n;
	r->bytes += n;
	r->started = true;
	if (n >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
}

unsigned long long
ostd_reader_bytes(const struct ostd_reader *r)
{
	return r->bytes;
}

/* Refill the buffer; false at end of input or on error. */
static bool
fill(struct ostd_reader *r)
{
	size_t n, more;

	if (r->eof || r->error)
		return false;
	/*
	 * The source reads no more once it met the end, also when a short
	 * read before this one (a prefix sniffed) met it.
	 */
	n = ostd_source_read(r->src, r->buf, CHUNK);
	/* A byte-order mark may come in pieces, from a pipe read early. */
	while (!r->started && n > 0 && n < 3 &&
	    (more = ostd_source_read(r->src, r->buf + n, CHUNK - n)) > 0)
		n += more;
	if (n == 0) {
		if (r->src->error != 0) {
			r->error = true;
			r->read_errno = r->src->error;
		}
		r->eof = true;
		return false;
	}
	r->pos = 0;
	r->end = n;
	r->bytes += n;
	if (!r->started) {
		r->started = true;
		if (n >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->pos = 3;
	}
	return true;
}

/*
 * The first CR or LF in [p, p + n), or NULL; sets *nul when a NUL byte comes
 * before it, and *high when a byte past ASCII does. One pass over the bytes,
 * sixteen at a time where SSE2 is there.
 */
static const char *
find_eol(const char *p, size_t n, bool *nul, bool *high)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	const __m128i zero = _mm_setzero_si128();

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned hits = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)),
		    _mm_cmpeq_epi8(v, zero)));
		unsigned highs = (unsigned)_mm_movemask_epi8(v);

		for (; hits != 0; hits &= hits - 1) {
			unsigned at = (unsigned)__builtin_ctz(hits);
			const char *c = p + i + at;

			if (*c != '\0') {
				if (highs & ((1u << at) - 1))
					*high = true;
				return c;
			}
			*nul = true;
		}
		if (highs != 0)
			*high = true;
	}
#endif
	for (; i < n; i++) {
		if (p[i] == '\n' || p[i] == '\r')
			return p + i;
		if (p[i] == '\0')
			*nul = true;
		if ((unsigned char)p[i] >= 0x80)
			*high = true;
	}
	return NULL;
}

/*
 * A line past ASCII, checked as r->check says: one that is not well-formed
 * UTF-8 is handed out repaired, and counted.
 */
static void
check_utf8(struct ostd_reader *r, struct ostd_line *line)
{
	size_t multibyte, bad;

	if (utf8_well_formed(line->ptr, line->len, &multibyte)) {
		r->tally.multibyte += multibyte;
		return;
	}
	strbuf_reset(&r->repaired);
	bad = utf8_repair(&r->repaired, line->ptr, line->len,
	    r->check == OSTD_UTF8_CP1252);
	line->ptr = r->repaired.data;
	line->len = r->repaired.len;
	r->tally.bytes += bad;
	if (r->tally.lines++ == 0)
		r->tally.first_line = line->number;
}

static void
finish_line(struct ostd_reader *r, struct ostd_line *line, const char *ptr,
    size_t len, size_t full, bool nul, bool high)
{
	line->ptr = ptr;
	line->len = len;
	line->full_len = full;
	line->cut = full > len;
	line->has_nul = nul;
	line->number = ++r->number;
	if (high && r->check != OSTD_UTF8_TRUST)
		check_utf8(r, line);
}

int
ostd_reader_next(struct ostd_reader *r, struct ostd_line *line)
{
	size_t full = 0;
	bool nul = false, high = false;

	if (r->line.len > 0)
		strbuf_reset(&r->line);
	for (;;) {
		if (r->pos == r->end && !fill(r))
			break;
		if (r->skip_lf) {
			r->skip_lf = false;
			if (r->buf[r->pos] == '\n') {
				r->pos++;
				continue;
			}
		}
		const char *p = r->buf + r->pos;
		size_t avail = r->end - r->pos;
		const char *eol = find_eol(p, avail, &nul, &high);
		size_t n = eol != NULL ? (size_t)(eol - p) : avail;

		full += n;
		if (eol != NULL) {
			r->pos += n + 1;
			/* The LF of a CRLF: now when it is in the buffer, else later. */
			if (*eol == '\r') {
				if (r->pos < r->end)
					r->pos += r->buf[r->pos] == '\n';
				else
					r->skip_lf = true;
			}
			if (r->line.len == 0 && full == n && n <= OSTD_LINE_MAX) {
				finish_line(r, line, p, n, n, nul, high);
				return 1;
			}
			strbuf_add(&r->line, p, n);
			finish_line(r, line, r->line.data, r->line.len, full, nul,
			    high);
			return 1;
		}
		strbuf_add(&r->line, p, n);
		r->pos = r->end;
	}
	if (r->error) {
		errno = r->read_errno;
		return -1;
	}
	if (full == 0)
		return 0;
	finish_line(r, line, r->line.data, r->line.len, full, nul, high);
	return 1;
}
