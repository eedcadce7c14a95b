/*
 * wrap.h: text for people, wrapped at a width in columns, as the text report
 * and ostdiag rules and explain write it. Internal to libostdiag.
 */
#ifndef OSTD_WRAP_H
#define OSTD_WRAP_H

#include <stddef.h>
#include <stdio.h>

/* Columns a UTF-8 run takes: one per character (continuation bytes are free). */
int text_columns(const char *s, size_t n);

/*
 * Write text to out after a prefix already col columns wide, wrapping at width
 * columns (0 or less: no wrapping) between words and indenting continuation
 * lines by indent columns, then a newline. A word longer than a line stands
 * alone on its own. Control characters in text are shown escaped (visible.h),
 * and take the columns of their escapes.
 */
void text_wrap(FILE *out, int width, int col, int indent, const char *text);

/*
 * text_wrap in a colour: on (an escape sequence, or NULL for none) starts
 * each line's text and off ends it before the line end, so that a pager or a
 * log viewer keeps the lines apart.
 */
void text_wrap_in(FILE *out, int width, int col, int indent, const char *text,
    const char *on, const char *off);

#endif
