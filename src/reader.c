/*
 * reader.c: block-buffered line splitting with a cap on line length. Lines that lie
 * inside the read buffer are handed out without copying; only a line that spans two
 * reads is assembled in a side buffer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/reader.h"
#include "util.h"

#define CHUNK (64 * 1024)	/* below malloc's mmap threshold: cheap per file */

struct ostd_reader {
	FILE *fp;
	char *buf;		/* CHUNK bytes read from fp */
	size_t pos, end;
	struct strbuf line;	/* a line spanning reads, capped */
	unsigned long number;
	unsigned long long bytes;
	bool eof;
	bool error;
	bool started;		/* BOM check done */
	bool skip_lf;		/* the last line ended in CR: a following LF is part of it */
};

struct ostd_reader *
ostd_reader_new(FILE *fp)
{
	struct ostd_reader *r = xcalloc(1, sizeof(*r));

	r->fp = fp;
	r->buf = xmalloc(CHUNK);
	strbuf_init(&r->line, OSTD_LINE_MAX);
	return r;
}

void
ostd_reader_free(struct ostd_reader **rp)
{
	struct ostd_reader *r;

	if (rp == NULL || (r = *rp) == NULL)
		return;
	free(r->buf);
	strbuf_free(&r->line);
	free(r);
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
	size_t n;

	if (r->eof || r->error)
		return false;
	n = fread(r->buf, 1, CHUNK, r->fp);
	if (n == 0) {
		if (ferror(r->fp))
			r->error = true;
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

/* First CR or LF in [p, p + n), or NULL. */
static const char *
find_eol(const char *p, size_t n)
{
	const char *lf = memchr(p, '\n', n);
	const char *cr = memchr(p, '\r', lf != NULL ? (size_t)(lf - p) : n);

	return cr != NULL ? cr : lf;
}

static void
finish_line(struct ostd_reader *r, struct ostd_line *line, const char *ptr,
    size_t len, size_t full)
{
	line->ptr = ptr;
	line->len = len;
	line->full_len = full;
	line->cut = full > len;
	line->has_nul = memchr(ptr, '\0', len) != NULL;
	line->number = ++r->number;
}

int
ostd_reader_next(struct ostd_reader *r, struct ostd_line *line)
{
	size_t full = 0;

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
		const char *eol = find_eol(p, avail);
		size_t n = eol != NULL ? (size_t)(eol - p) : avail;

		full += n;
		if (eol != NULL) {
			r->pos += n + 1;
			r->skip_lf = *eol == '\r';
			if (r->line.len == 0 && full == n && n <= OSTD_LINE_MAX) {
				finish_line(r, line, p, n, n);
				return 1;
			}
			strbuf_add(&r->line, p, n);
			finish_line(r, line, r->line.data, r->line.len, full);
			return 1;
		}
		strbuf_add(&r->line, p, n);
		r->pos = r->end;
	}
	if (r->error)
		return -1;
	if (full == 0)
		return 0;
	finish_line(r, line, r->line.data, r->line.len, full);
	return 1;
}
