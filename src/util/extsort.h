/*
 * extsort.h: records sorted in bounded memory. Records are kept in memory up
 * to a bound; past it each sorted batch (a run) goes to a temporary file (see
 * spool_tmpfile), and reading back merges the runs, a few dozen at a time,
 * so that memory stays bounded however many records there are. Records that
 * compare equal come back in the order they were added. Every write and read
 * is checked; the first failure is kept. Internal to libostdiag.
 */
#ifndef OSTD_EXTSORT_H
#define OSTD_EXTSORT_H

#include <stdbool.h>
#include <stddef.h>

/* Order of two records: negative, zero or positive, as for qsort. */
typedef int (*extsort_cmp)(const void *a, size_t alen, const void *b,
    size_t blen);

struct extsort;

/* A sorter holding at most memory bytes of records in memory. */
struct extsort *extsort_new(extsort_cmp cmp, size_t memory);
void extsort_free(struct extsort **x);

/* Add a record of len bytes; false when it could not be kept. */
bool extsort_add(struct extsort *x, const void *rec, size_t len);
/* Records added so far, and whether any went to the temporary file. */
size_t extsort_count(const struct extsort *x);
bool extsort_spilled(const struct extsort *x);

/*
 * Read the records back in order: 1 and the record in *rec, *len (valid until
 * the next call), 0 at the end, -1 on a failure. Nothing may be added once
 * reading has begun.
 */
int extsort_next(struct extsort *x, const void **rec, size_t *len);

/* The errno of the first failure, or 0. */
int extsort_error(const struct extsort *x);

#endif
