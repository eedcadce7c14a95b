/*
 * json.h: writing JSON values. Strings are escaped byte by byte; bytes that are not
 * valid UTF-8 become U+FFFD, so the output is valid JSON whatever the input held.
 * Internal to libostdiag.
 */
#ifndef OSTD_JSON_H
#define OSTD_JSON_H

#include <stdio.h>

#include "ostdiag/report.h"

/* Write a NUL-terminated string, or null when s is NULL. */
void json_str_or_null(FILE *out, const char *s);

/* Write an integer in decimal (no format string to parse: they are many). */
void json_uint(FILE *out, unsigned long long v);
void json_int(FILE *out, long long v);

#endif
