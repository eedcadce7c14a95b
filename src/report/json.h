/*
 * json.h: writing JSON values. Strings are escaped byte by byte; bytes that are not
 * valid UTF-8 become U+FFFD, so the output is valid JSON whatever the input held.
 * Internal to libostdiag.
 */
#ifndef OSTD_JSON_H
#define OSTD_JSON_H

#include <stdio.h>

#include "ostdiag/report.h"
#include "util/util.h"

/*
 * Append to out a string of len bytes, or a NUL-terminated string or null when
 * s is NULL (numbers: strbuf_add_uint). Objects are built in memory and written
 * at once: most values are short, and stdio's cost is per call.
 */
void json_string(struct strbuf *out, const char *s, size_t len);
void json_str_or_null(struct strbuf *out, const char *s);

/* Append the n strings of v as an array (a NULL one as null). */
void json_str_array(struct strbuf *out, char *const *v, size_t n);

struct ostd_rule;
/*
 * Append a rule's fix steps as an array of {"caution" (or null), "text",
 * "source" ("article" or "practice")}.
 */
void json_steps(struct strbuf *out, const struct ostd_rule *r);

#endif
