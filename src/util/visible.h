/*
 * visible.h: text from the input (file names, log lines, names and messages
 * read from logs, rule files) made safe to show on a terminal. A control
 * character (C0, DEL, or a C1 character in UTF-8) or a byte that is not UTF-8
 * is shown as an escape, byte by byte: newline, carriage return and tab as
 * \n, \r and \t, any other as \xHH (ESC as \x1b). A backslash stays as it is.
 * Internal to libostdiag.
 */
#ifndef OSTD_VISIBLE_H
#define OSTD_VISIBLE_H

#include <stddef.h>
#include <stdio.h>

#include "util/util.h"

/* Room for the longest escape, \xHH, and a NUL. */
#define VISIBLE_ESCAPE_MAX 5

/*
 * How many bytes at the start of s[0..len) are shown as they are: all, or up
 * to the first byte to escape.
 */
size_t visible_span(const char *s, size_t len);

/* The escape of byte c into buf; returns its length. */
size_t visible_escape(unsigned char c, char buf[VISIBLE_ESCAPE_MAX]);

/* Append s[0..len) to b as it is to be shown. */
void strbuf_add_visible(struct strbuf *b, const char *s, size_t len);

/* Write s[0..len) to out as it is to be shown. */
void put_visible(FILE *out, const char *s, size_t len);

/* ostd_visible (ostdiag/show.h) gives a copy of a string as it is shown. */

#endif
