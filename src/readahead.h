/*
 * readahead.h: reads a long input on a second thread. That thread takes lines
 * from the reader, copies them and splits each into classified entries
 * (ostd_line_entries), while the calling thread parses the lines before. Lines
 * come back in their order, in batches. Memory stays bounded: READAHEAD_SLOTS
 * batches of READAHEAD_TEXT bytes of lines each, a batch growing to the length
 * of a longer line (at most OSTD_LINE_MAX) when one comes.
 */
#ifndef OSTDIAG_READAHEAD_H
#define OSTDIAG_READAHEAD_H

#include <stdbool.h>
#include <stddef.h>

#include "ostdiag/log.h"
#include "ostdiag/reader.h"

#define READAHEAD_TEXT (32 * 1024)	/* bytes of lines in a batch */
#define READAHEAD_SLOTS 8		/* batches read ahead at most */

/* One line of a batch. */
struct ahead_line {
	unsigned long number;	/* 1-based */
	const char *text;	/* a copy, valid while its batch is held */
	size_t len;
	size_t full_len;	/* before cutting, as struct ostd_line */
	bool cut;
	size_t first;		/* its entries: events[first, first + nevents) */
	size_t nevents;		/* 0: too many to store; feed the line whole */
};

struct ahead_batch {
	const struct ahead_line *lines;
	size_t nlines;
	const struct ostd_event *events;
	/* After the last line: 1 more lines follow, 0 end of input, -1 error. */
	int status;
	int error;		/* errno of a read error */
	unsigned long error_line;	/* number of the last line before it */
};

struct readahead;

/*
 * Start reading rd on a new thread, which owns rd until readahead_stop. The
 * thread splits the lines of a batch (nevents > 0) only when split_when batches
 * or more wait to be taken: READAHEAD_BALANCED shares the work between the two
 * threads, 0 has this one split every line it can, SIZE_MAX none. Returns NULL
 * when no thread could be started (the caller reads on its own).
 */
#define READAHEAD_BALANCED 2
struct readahead *readahead_start(struct ostd_reader *rd, size_t split_when);

/*
 * The next batch, in input order; it is held until the next call, which
 * releases it. Returns NULL after the batch whose status is not 1.
 */
const struct ahead_batch *readahead_next(struct readahead *ra);

/* Stop reading (early, if need be), wait for the thread and free everything. */
void readahead_stop(struct readahead **ra);

#endif
