/*
 * readahead.h: reads a long input on a second thread. That thread takes lines
 * from the reader, copies them and splits each into classified entries
 * (ostd_line_entries), while the calling thread parses the lines before. Lines
 * come back in their order, in batches. Memory stays bounded: READAHEAD_SLOTS
 * batches of READAHEAD_TEXT bytes of lines each, a batch growing to the length
 * of a longer line (at most OSTD_LINE_MAX) when one comes.
 *
 * Every byte of a batch is written on one processor and read on another, and
 * moving a cache line between them costs more than the work on it. So a batch
 * is packed: a line takes 16 bytes besides its text, an entry 32 (its code, a
 * rare thing, stands aside), and the parser touches the text of a line only
 * where an entry needs it.
 */
#ifndef OSTDIAG_READAHEAD_H
#define OSTDIAG_READAHEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostdiag/log.h"
#include "ostdiag/reader.h"

#define READAHEAD_TEXT (32 * 1024)	/* bytes of lines in a batch */
#define READAHEAD_SLOTS 8		/* batches read ahead at most */

/* One line of a batch. */
struct ahead_line {
	uint32_t off;		/* its text, a copy: the batch's text + off */
	uint32_t len;
	uint32_t first;		/* its entries: entries[first, first + nentries) */
	uint16_t nentries;	/* 0: too many to store; feed the line whole */
	bool cut;		/* longer than OSTD_LINE_MAX: see full_lens */
};

/* An entry of a line: struct ostd_event, packed. */
#define AHEAD_NO_SPAN UINT32_MAX	/* off of a span whose ptr is NULL */
/* A time's bit for time_padded (a time is below 2^17, or -1 for none). */
#define AHEAD_TIME_PADDED (1 << 30)

/* ev's time as packed, with time_padded in it. */
static inline int32_t
ahead_time(const struct ostd_event *ev)
{
	return ev->time >= 0 && ev->time_padded ?
	    ev->time | AHEAD_TIME_PADDED : ev->time;
}

struct ahead_entry {
	uint32_t text_off, text_len;	/* from the start of the line */
	uint32_t arg_off, arg_len;
	int32_t time;
	int32_t indent;
	uint32_t count;
	uint8_t kind;
	uint8_t sub;
	uint16_t code;		/* 0: none, else codes[code - 1] */
};

struct ahead_batch {
	const struct ahead_line *lines;
	size_t nlines;
	unsigned long first_number;	/* of lines[0]; the rest follow on */
	const char *text;
	const struct ahead_entry *entries;
	const struct ostd_code *codes;
	const size_t *full_lens;	/* [i]: length of lines[i] before cutting,
					 * set for cut lines only */
	/* After the last line: 1 more lines follow, 0 end of input, -1 error. */
	int status;
	int error;		/* errno of a read error */
	unsigned long error_line;	/* number of the last line before it */
};

/* The text of line l of batch b. */
static inline const char *
ahead_text(const struct ahead_batch *b, const struct ahead_line *l)
{
	return b->text + l->off;
}

static inline struct ostd_span
ahead_span(const char *line, uint32_t off, uint32_t len)
{
	struct ostd_span sp = { off == AHEAD_NO_SPAN ? NULL : line + off, len };

	return sp;
}

/*
 * Entry e of line l of batch b, unpacked into ev. ev->code is set only when
 * ev->has_code is.
 */
static inline void
ahead_event(const struct ahead_batch *b, const struct ahead_line *l, size_t e,
    struct ostd_event *ev)
{
	const struct ahead_entry *pe = &b->entries[l->first + e];
	const char *line = ahead_text(b, l);

	ev->kind = (enum ostd_event_kind)pe->kind;
	ev->time = pe->time >= 0 ? pe->time & ~AHEAD_TIME_PADDED : pe->time;
	ev->time_padded = pe->time >= 0 && (pe->time & AHEAD_TIME_PADDED) != 0;
	ev->indent = pe->indent;
	ev->sub = pe->sub;
	ev->count = pe->count;
	ev->text = ahead_span(line, pe->text_off, pe->text_len);
	ev->arg = ahead_span(line, pe->arg_off, pe->arg_len);
	ev->has_code = pe->code != 0;
	if (ev->has_code)
		ev->code = b->codes[pe->code - 1];
}

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
