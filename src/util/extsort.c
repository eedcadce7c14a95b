/*
 * extsort.c: sorting records in bounded memory, with runs in a temporary file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>

#include "util/extsort.h"
#include "util/platform.h"
#include "util/spool.h"
#include "util/util.h"

#define FAN_IN 32		/* runs merged at once */
#define CURSOR_BUFFER (32 * 1024)

/* A sorted run in the file: bytes [start, end), records as [u32 len][bytes]. */
struct run {
	long long start, end;
};

/* Reading one run back. */
struct cursor {
	long long pos, end;	/* in the file, still to read */
	unsigned char *buf;
	size_t fill, at;	/* bytes in buf, and read of them */
	unsigned char *rec;	/* the current record */
	size_t len, cap;
};

struct extsort {
	extsort_cmp cmp;
	size_t memory;
	struct strbuf mem;	/* records in memory: [size_t len][bytes] */
	size_t *offs;		/* of each record in mem */
	size_t n, cap;
	size_t count;
	FILE *fp;		/* the runs, once memory was full */
	long long size;		/* bytes written to fp */
	struct run *runs;
	size_t nruns, runs_cap;
	int error;
	bool reading;
	size_t next;		/* the next record in memory, with no runs */
	struct cursor *cur;	/* with runs: one a run being merged */
	size_t *heap;		/* cursors by their record, least first */
	size_t ncur, nheap;
	bool advance;		/* the heap's top was handed out */
};

static bool
fail(struct extsort *x, int error)
{
	if (x->error == 0)
		x->error = error != 0 ? error : EIO;
	return false;
}

struct extsort *
extsort_new(extsort_cmp cmp, size_t memory)
{
	struct extsort *x = xcalloc(1, sizeof(*x));

	x->cmp = cmp;
	x->memory = memory;
	return x;
}

static void
close_cursors(struct extsort *x)
{
	for (size_t i = 0; i < x->ncur; i++) {
		free(x->cur[i].buf);
		free(x->cur[i].rec);
	}
	free(x->cur);
	free(x->heap);
	x->cur = NULL;
	x->heap = NULL;
	x->ncur = x->nheap = 0;
}

void
extsort_free(struct extsort **xp)
{
	struct extsort *x;

	if (xp == NULL || (x = *xp) == NULL)
		return;
	close_cursors(x);
	strbuf_free(&x->mem);
	free(x->offs);
	free(x->runs);
	if (x->fp != NULL)
		fclose(x->fp);
	free(x);
	*xp = NULL;
}

size_t
extsort_count(const struct extsort *x)
{
	return x->count;
}

bool
extsort_spilled(const struct extsort *x)
{
	return x->nruns > 0;
}

int
extsort_error(const struct extsort *x)
{
	return x->error;
}

/* The record at offset off of mem. */
static const unsigned char *
mem_record(const struct extsort *x, size_t off, size_t *len)
{
	memcpy(len, x->mem.data + off, sizeof(*len));
	return (const unsigned char *)x->mem.data + off + sizeof(*len);
}

static _Thread_local const struct extsort *sorting;

/* Records in memory by the sorter's order, then in the order added. */
static int
by_record(const void *p, const void *q)
{
	size_t a = *(const size_t *)p, b = *(const size_t *)q, alen, blen;
	const unsigned char *ra = mem_record(sorting, a, &alen);
	const unsigned char *rb = mem_record(sorting, b, &blen);
	int c = sorting->cmp(ra, alen, rb, blen);

	return c != 0 ? c : a < b ? -1 : a > b;
}

static void
sort_memory(struct extsort *x)
{
	sorting = x;
	if (x->n > 1)
		qsort(x->offs, x->n, sizeof(*x->offs), by_record);
	sorting = NULL;
}

/* Append a record to the file as [u32 len][bytes]. */
static bool
write_record(struct extsort *x, const void *rec, size_t len)
{
	uint32_t n = (uint32_t)len;

	if (x->error != 0)
		return false;
	if (fwrite(&n, sizeof(n), 1, x->fp) != 1 ||
	    (len > 0 && fwrite(rec, len, 1, x->fp) != 1))
		return fail(x, errno);
	x->size += (long long)(sizeof(n) + len);
	return true;
}

static void
add_run(struct extsort *x, long long start)
{
	grow_array((void **)&x->runs, &x->runs_cap, x->nruns + 1,
	    sizeof(*x->runs));
	x->runs[x->nruns].start = start;
	x->runs[x->nruns].end = x->size;
	x->nruns++;
}

/* Write the records in memory to the file as one sorted run. */
static bool
spill(struct extsort *x)
{
	long long start = x->size;

	if (x->fp == NULL && (x->fp = spool_tmpfile()) == NULL)
		return fail(x, errno);
	sort_memory(x);
	for (size_t i = 0; i < x->n; i++) {
		size_t len;
		const unsigned char *rec = mem_record(x, x->offs[i], &len);

		if (!write_record(x, rec, len))
			return false;
	}
	add_run(x, start);
	x->n = 0;
	strbuf_reset(&x->mem);
	return true;
}

bool
extsort_add(struct extsort *x, const void *rec, size_t len)
{
	if (x->error != 0 || x->reading)
		return false;
	if (len > UINT32_MAX)
		return fail(x, EFBIG);
	if (x->n > 0 && x->mem.len + sizeof(len) + len > x->memory &&
	    !spill(x))
		return false;
	grow_array((void **)&x->offs, &x->cap, x->n + 1, sizeof(*x->offs));
	x->offs[x->n++] = x->mem.len;
	strbuf_add(&x->mem, (const char *)&len, sizeof(len));
	strbuf_add(&x->mem, (const char *)rec, len);
	x->count++;
	return true;
}

/* Copy n bytes of c's run into dst; false at its end or on a read failure. */
static bool
cursor_read(struct extsort *x, struct cursor *c, void *dst, size_t n)
{
	unsigned char *d = dst;

	while (n > 0) {
		size_t k;

		if (c->at == c->fill) {
			size_t want = CURSOR_BUFFER;
			ptrdiff_t got;

			if (c->pos >= c->end)
				return fail(x, EIO);
			if ((long long)want > c->end - c->pos)
				want = (size_t)(c->end - c->pos);
			if ((got = platform_read_at(fileno(x->fp), c->buf, want,
			    c->pos)) <= 0)
				return fail(x, got == 0 ? EIO : errno);
			c->pos += got;
			c->fill = (size_t)got;
			c->at = 0;
		}
		k = c->fill - c->at < n ? c->fill - c->at : n;
		memcpy(d, c->buf + c->at, k);
		c->at += k;
		d += k;
		n -= k;
	}
	return true;
}

/* Load c's next record; false at the run's end or on a failure. */
static bool
cursor_next(struct extsort *x, struct cursor *c)
{
	uint32_t len;

	if (c->at == c->fill && c->pos >= c->end)
		return false;
	if (!cursor_read(x, c, &len, sizeof(len)))
		return false;
	grow_array((void **)&c->rec, &c->cap, (size_t)len + 1, 1);
	if (!cursor_read(x, c, c->rec, len))
		return false;
	c->len = len;
	return true;
}

/* Is cursor a's record before b's (ties: the earlier run first)? */
static bool
before(const struct extsort *x, size_t a, size_t b)
{
	const struct cursor *ca = &x->cur[a], *cb = &x->cur[b];
	int c = x->cmp(ca->rec, ca->len, cb->rec, cb->len);

	return c != 0 ? c < 0 : a < b;
}

static void
sift_down(struct extsort *x, size_t i)
{
	for (;;) {
		size_t least = i, l = 2 * i + 1, r = l + 1, t;

		if (l < x->nheap && before(x, x->heap[l], x->heap[least]))
			least = l;
		if (r < x->nheap && before(x, x->heap[r], x->heap[least]))
			least = r;
		if (least == i)
			return;
		t = x->heap[i];
		x->heap[i] = x->heap[least];
		x->heap[least] = t;
		i = least;
	}
}

/* Open cursors on the k runs at runs and order them. */
static bool
open_cursors(struct extsort *x, const struct run *runs, size_t k)
{
	close_cursors(x);
	x->cur = xcalloc(k, sizeof(*x->cur));
	x->heap = xcalloc(k, sizeof(*x->heap));
	x->ncur = k;
	for (size_t i = 0; i < k; i++) {
		struct cursor *c = &x->cur[i];

		c->pos = runs[i].start;
		c->end = runs[i].end;
		c->buf = xmalloc(CURSOR_BUFFER);
		if (cursor_next(x, c))
			x->heap[x->nheap++] = i;
		else if (x->error != 0)
			return false;
	}
	for (size_t i = x->nheap / 2; i-- > 0;)
		sift_down(x, i);
	x->advance = false;
	return true;
}

/* The least record of the open cursors: 1, 0 when none is left, -1. */
static int
merge_next(struct extsort *x, const void **rec, size_t *len)
{
	if (x->advance && x->nheap > 0) {
		if (!cursor_next(x, &x->cur[x->heap[0]])) {
			if (x->error != 0)
				return -1;
			x->heap[0] = x->heap[--x->nheap];
		}
		sift_down(x, 0);
	}
	x->advance = false;
	if (x->nheap == 0)
		return 0;
	*rec = x->cur[x->heap[0]].rec;
	*len = x->cur[x->heap[0]].len;
	x->advance = true;
	return 1;
}

/* Merge the runs FAN_IN at a time until FAN_IN or fewer are left. */
static bool
merge_passes(struct extsort *x)
{
	while (x->nruns > FAN_IN) {
		struct run *old = x->runs;
		size_t nold = x->nruns;
		bool ok = fflush(x->fp) == 0 || fail(x, errno);

		x->runs = NULL;
		x->nruns = x->runs_cap = 0;
		for (size_t g = 0; ok && g < nold; g += FAN_IN) {
			size_t k = nold - g < FAN_IN ? nold - g : FAN_IN;
			long long start = x->size;
			const void *rec;
			size_t len;
			int got = -1;

			if (open_cursors(x, old + g, k))
				while ((got = merge_next(x, &rec, &len)) == 1 &&
				    write_record(x, rec, len))
					continue;
			ok = got == 0 && x->error == 0;
			if (ok)
				add_run(x, start);
		}
		free(old);
		if (!ok)
			return fail(x, x->error);
	}
	return fflush(x->fp) == 0 || fail(x, errno);
}

int
extsort_next(struct extsort *x, const void **rec, size_t *len)
{
	if (x->error != 0)
		return -1;
	if (!x->reading) {
		x->reading = true;
		if (x->nruns == 0) {
			sort_memory(x);
		} else if ((x->n > 0 && !spill(x)) || !merge_passes(x) ||
		    !open_cursors(x, x->runs, x->nruns)) {
			return -1;
		}
	}
	if (x->nruns > 0) {
		int got = merge_next(x, rec, len);

		return got < 0 || x->error != 0 ? -1 : got;
	}
	if (x->next == x->n)
		return 0;
	*rec = mem_record(x, x->offs[x->next++], len);
	return 1;
}
