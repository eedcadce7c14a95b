/*
 * ostdiag/reader.h: reads a source's bytes as lines, in memory that does not
 * grow with the input. Skips a UTF-8 byte-order mark, accepts LF, CRLF and CR
 * line ends, and cuts lines longer than OSTD_LINE_MAX (the rest of such a line
 * is skipped and the line is flagged, so the caller can report it).
 * The reader does not own its source (ostdiag/source.h); the caller opens and
 * closes it.
 */
#ifndef OSTDIAG_READER_H
#define OSTDIAG_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "ostdiag/source.h"

#define OSTD_LINE_MAX (1024 * 1024)

struct ostd_reader;

struct ostd_line {
	const char *ptr;	/* valid until the next call */
	size_t len;		/* without the line end */
	unsigned long number;	/* 1-based */
	size_t full_len;	/* length before cutting (may exceed len) */
	bool cut;		/* longer than OSTD_LINE_MAX: only the start is here */
	bool has_nul;		/* the line holds NUL bytes */
};

/* A reader over src. Never returns NULL. */
struct ostd_reader *ostd_reader_new(struct ostd_source *src);

/* Start over on another source, keeping the buffers: line numbers, the byte
 * count and the end of input start afresh. */
void ostd_reader_restart(struct ostd_reader *r, struct ostd_source *src);

/*
 * Bytes already taken from the source (while finding out what the input is),
 * to be read before its own. Call before the first ostd_reader_next;
 * n <= 64 KiB.
 */
void ostd_reader_replay(struct ostd_reader *r, const void *prefix, size_t n);
void ostd_reader_free(struct ostd_reader **r);

/* What the reader does with lines that are not well-formed UTF-8. */
enum ostd_utf8_check {
	OSTD_UTF8_TRUST,	/* nothing: the text is known to be UTF-8 */
	OSTD_UTF8_REPLACE,	/* each byte not part of a sequence: U+FFFD */
	OSTD_UTF8_CP1252	/* each such byte read as Windows-1252 */
};

/* What the reader found of lines that are not well-formed UTF-8. */
struct ostd_utf8_tally {
	unsigned long bytes;	/* bytes replaced or read as Windows-1252 */
	unsigned long lines;	/* lines holding them */
	unsigned long first_line;	/* the first of them, 0: none */
	unsigned long multibyte;	/* well-formed sequences past ASCII */
};

/*
 * Check the lines from now on as how says (the start is OSTD_UTF8_TRUST; a
 * restart goes back to it and empties the tally).
 */
void ostd_reader_check_utf8(struct ostd_reader *r, enum ostd_utf8_check how);
struct ostd_utf8_tally ostd_reader_utf8_tally(const struct ostd_reader *r);

/*
 * Next line: 1 and *line filled, 0 at end of input, -1 on a read error (errno
 * set).
 */
int ostd_reader_next(struct ostd_reader *r, struct ostd_line *line);

/* Bytes consumed so far. */
unsigned long long ostd_reader_bytes(const struct ostd_reader *r);

#endif
