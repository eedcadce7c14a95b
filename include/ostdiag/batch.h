/*
 * ostdiag/batch.h: analyzing the inputs a command line names: files, "-" for
 * standard input, and directories (with recursive: their files and
 * subdirectories, in name order). With jobs > 1 the inputs are read on that many
 * threads and reported in their order, so the report is the same as with one.
 */
#ifndef OSTDIAG_BATCH_H
#define OSTDIAG_BATCH_H

#include <stdbool.h>

#include "ostdiag/analyze.h"
#include "ostdiag/rules.h"

/*
 * With jobs > 1, the memory an input's recording may hold before the
 * reporting thread reads that input itself instead (see
 * ostd_analyzer_limit_recording); recordings waiting to be reported hold at
 * most this much a thread more.
 */
#define OSTD_RECORDING_LIMIT ((size_t)2 << 20)

struct ostd_batch {
	bool recursive;
	int jobs;		/* threads reading inputs; 1 or less: none */
	/*
	 * Of the files a walk finds, only those whose name matches a glob of
	 * include (when there is one) and none of exclude are inputs; the
	 * others are left out unlisted. Inputs named are always read.
	 */
	const char *const *include;
	size_t ninclude;
	const char *const *exclude;
	size_t nexclude;
	/*
	 * For jobs > 1, each reading thread gets a clone of the reporting
	 * analyzer's ruleset (patterns keep state while they match; see
	 * ostd_ruleset_clone) and an analyzer set up like the reporting one:
	 * configure sets merging and the input format and encoding.
	 */
	void (*configure)(struct ostd_analyzer *a, void *ctx);
	void *ctx;
};

/*
 * Analyze the inputs named by paths (npaths of them; none: standard input)
 * through a. Returns 0, or -1 when any input could not be read.
 */
int ostd_analyze_batch(struct ostd_analyzer *a, const struct ostd_batch *b,
    char *const *paths, int npaths);

#endif
