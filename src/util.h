/*
 * util.h: checked allocation and small string helpers shared by the library.
 * Internal to libostdiag; not installed.
 */
#ifndef OSTD_UTIL_H
#define OSTD_UTIL_H

#include <stddef.h>
#include <stdarg.h>

#if defined(__GNUC__)
#define OSTD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define OSTD_PRINTF(f, a)
#endif

/* Allocation wrappers: they never return NULL; on exhaustion they print and exit 2. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) OSTD_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) OSTD_PRINTF(1, 0);

/* Grow *arr so that it holds at least need elements of size; *cap tracks capacity. */
void grow_array(void **arr, size_t *cap, size_t need, size_t size);

/* A growable byte buffer, always NUL-terminated, refusing to grow past max. */
struct strbuf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;		/* 0: unlimited */
	int truncated;		/* set when an append was cut at max */
};

void strbuf_init(struct strbuf *b, size_t max);
void strbuf_free(struct strbuf *b);
void strbuf_reset(struct strbuf *b);
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) OSTD_PRINTF(2, 3);
/* Hand the contents to the caller (malloc'd) and reset the buffer. */
char *strbuf_detach(struct strbuf *b);

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when it is not valid. */
size_t utf8_sequence(const unsigned char *s, size_t len);

/* ASCII helpers that ignore the locale. */
int ascii_lower(int c);
int ascii_isspace(int c);
int ascii_isdigit(int c);
int ascii_isxdigit(int c);
int ascii_hexval(int c);
int ascii_strncaseeq(const char *a, const char *b, size_t n);

#endif
