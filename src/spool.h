/*
 * spool.h: fixed-size records that a report prints after the findings (session
 * timelines, file tables), kept in a temporary file so that memory does not grow
 * with their number. Internal to libostdiag.
 */
#ifndef OSTD_SPOOL_H
#define OSTD_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct spool {
	FILE *fp;		/* opened on the first record */
	unsigned long n;	/* records kept */
};

/* Keep one record of size bytes; false when the temporary file failed. */
bool spool_put(struct spool *s, const void *rec, size_t size);
/* Read the records back, in order: call spool_rewind, then spool_next. */
void spool_rewind(struct spool *s);
bool spool_next(struct spool *s, void *rec, size_t size);
void spool_close(struct spool *s);

#endif
