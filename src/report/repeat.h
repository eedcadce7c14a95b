/*
 * repeat.h: a table of findings that merges repeats. A finding is copied in with
 * everything it points to, so it outlives the session it came from; repeats only
 * raise its count. The table holds at most REPEAT_TABLE_MAX distinct findings
 * (or REPEAT_TABLE_BYTES of their text) in memory; past that they are sorted
 * out to a temporary file and merged back when the table is handed out, so
 * merging stays right however many distinct findings an input has.
 * Internal to libostdiag.
 */
#ifndef OSTD_REPEAT_H
#define OSTD_REPEAT_H

#include <stdbool.h>

#include "ostdiag/finding.h"

#define REPEAT_TABLE_MAX 4096
#define REPEAT_TABLE_BYTES (8 * 1024 * 1024)

struct repeat_table;

struct repeat_table *repeat_new(void);
void repeat_free(struct repeat_table **t);

/*
 * Add a finding: a new entry, or one more occurrence of an earlier one.
 * session numbers its session among all those of the inputs whose findings
 * the table merges (the index within one input, when it merges one). False
 * when the table could not go to its temporary file (repeat_error).
 */
bool repeat_add(struct repeat_table *t, const struct ostd_finding *f,
    unsigned session);

/* Memory the entries in the table hold, in bytes; written-out ones count too. */
size_t repeat_bytes(const struct repeat_table *t);

/*
 * Hand every entry to fn in the order first seen, with sessions_total set, and
 * empty the table. Returns 0, or the errno of its temporary file's failure
 * (since the last flush), when some entries may not have been handed out.
 */
int repeat_flush(struct repeat_table *t, unsigned sessions_total,
    void (*fn)(const struct ostd_finding *f, void *ctx), void *ctx);


#endif
