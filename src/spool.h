/*
 * spool.h: what a report prints after the findings (session timelines, file
 * tables, notes), kept in order until then. The first SPOOL_MEMORY bytes stay
 * in memory, which is all a run of a few inputs needs; the rest goes to a
 * temporary file, so that memory does not grow with their number.
 * Internal to libostdiag.
 */
#ifndef OSTD_SPOOL_H
#define OSTD_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

#define SPOOL_MEMORY (1024 * 1024)

struct spool {
	struct strbuf mem;	/* the first bytes kept */
	FILE *fp;		/* the rest, opened when mem is full */
	size_t read_pos;	/* in mem, while reading back */
	unsigned long n;	/* records kept */
};

/* Keep one record of size bytes; false when the temporary file failed. */
bool spool_put(struct spool *s, const void *rec, size_t size);
/* Read the records back, in order: call spool_rewind, then spool_next. */
void spool_rewind(struct spool *s);
bool spool_next(struct spool *s, void *rec, size_t size);
/* Write every byte kept to out, in order. */
void spool_copy(struct spool *s, FILE *out);
void spool_close(struct spool *s);

#endif
