/*
 * util.h: checked allocation and small string helpers shared by the library.
 * Internal to libostdiag; not installed.
 *
 * Stage 1 of 6, util (src/util/): what every stage uses. Takes: nothing of
 * ostdiag's. Hands on: allocation, string buffers, the platform layer
 * (platform.h), temporary-file spools and sorting, text made visible, wrapping.
 * Must not include: any header of input, parse, kb, report or run.
 */
#ifndef OSTD_UTIL_H
#define OSTD_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdarg.h>

/*
 * The printf whose formats are checked: the C library's, or where that is not
 * the one called (mingw-w64 with __USE_MINGW_ANSI_STDIO), the build names it
 * (gnu_printf).
 */
#ifndef OSTD_PRINTF_FORMAT
#define OSTD_PRINTF_FORMAT printf
#endif

#if defined(__GNUC__)
#define OSTD_PRINTF(f, a) __attribute__((format(OSTD_PRINTF_FORMAT, f, a)))
/* For a hot helper whose callers each need their own copy. */
#define OSTD_INLINE inline __attribute__((always_inline))
#else
#define OSTD_PRINTF(f, a)
#define OSTD_INLINE inline
#endif

/* Allocation wrappers: they never return NULL; on exhaustion they print and exit 2. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/*
 * Zeroed memory that starts on a cache line and fills its last one: an object
 * written by one thread shares no line with another's. Freed with free_lines
 * only (NULL is let be).
 */
#define CACHE_LINE 64
void *xcalloc_lines(size_t size);
void free_lines(void *p);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup, or NULL for NULL; ctx is unused (the shape of a copying callback). */
char *xstrdup_or_null(void *ctx, const char *s);
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
/* Append, growing the buffer (or cutting at max); the inline paths take the
 * common case where the bytes fit. */
void strbuf_add_grow(struct strbuf *b, const char *s, size_t n);

static inline void
strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap && (b->max == 0 || b->len + n <= b->max)) {
		if (n > 0)	/* s may be NULL then */
			memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		strbuf_add_grow(b, s, n);
	}
}

static inline void
strbuf_addc(struct strbuf *b, char c)
{
	if (b->len + 1 < b->cap && (b->max == 0 || b->len + 1 <= b->max)) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		strbuf_add_grow(b, &c, 1);
	}
}

static inline void
strbuf_adds(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void strbuf_addf(struct strbuf *b, const char *fmt, ...) OSTD_PRINTF(2, 3);
/* Append an integer in decimal (no format string to parse). */
void strbuf_add_uint(struct strbuf *b, unsigned long long v);
void strbuf_add_int(struct strbuf *b, long long v);

/* Write n in decimal just before end (24 bytes suffice); returns its start. */
static inline char *
decimal(char *end, unsigned long long n)
{
	do
		*--end = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	return end;
}

/* Hand the contents to the caller (malloc'd) and reset the buffer. */
char *strbuf_detach(struct strbuf *b);

/* The first occurrence of needle[0..n) in s[0..len), or NULL (memmem). */
const char *mem_find(const char *s, size_t len, const char *needle, size_t n);

/* A 64-bit word with every byte b, for tests on eight bytes at once. */
#define BYTES(b) (0x0101010101010101ULL * (b))

/* Eight bytes from p, in memory order, at any alignment. */
static inline uint64_t
load_u64(const void *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Four bytes from p, in memory order, at any alignment. */
static inline uint32_t
load_u32(const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* FNV-1a hash of n bytes at p, continuing from h (start with FNV_START). */
#define FNV_START 2166136261u
static inline uint32_t
fnv1a(uint32_t h, const void *p, size_t n)
{
	const unsigned char *u = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ u[i]) * 16777619u;
	return h;
}

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when it is not valid. */
size_t utf8_sequence(const unsigned char *s, size_t len);

/* ASCII helpers that ignore the locale (inline: they run on every byte). */
static inline int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int
ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

static inline int
ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
ascii_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static inline int
ascii_isxdigit(int c)
{
	return ascii_hexval(c) >= 0;
}

static inline int
ascii_strncaseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a[i]) !=
		    ascii_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

#endif
