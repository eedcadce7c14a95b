/*
 * repeat.h: a table of findings that merges repeats. A finding is copied in with
 * everything it points to, so it outlives the session it came from; repeats only
 * raise its count. Internal to libostdiag.
 */
#ifndef OSTD_REPEAT_H
#define OSTD_REPEAT_H

#include <stdbool.h>

#include "ostdiag/analyze.h"

/* Distinct findings kept before the table is handed out early. */
#define REPEAT_TABLE_MAX 4096

struct repeat_table;

struct repeat_table *repeat_new(void);
void repeat_free(struct repeat_table **t);

/* Is the table full (hand it out before adding more)? */
bool repeat_full(const struct repeat_table *t);

/* Add a finding: a new entry, or one more occurrence of an earlier one. */
void repeat_add(struct repeat_table *t, const struct ostd_finding *f);

/*
 * Hand every entry to fn in the order first seen, with sessions_total set, and
 * empty the table.
 */
void repeat_flush(struct repeat_table *t, unsigned sessions_total,
    void (*fn)(const struct ostd_finding *f, void *ctx), void *ctx);

#endif
