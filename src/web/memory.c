/*
 * memchr, memcpy, memmove and memset for the page's WebAssembly build, with
 * the SIMD and bulk-memory instructions of every current browser, in place
 * of the C library's byte- and word-at-a-time loops. The reader's search for
 * line ends and its copies are most of what a large log costs beyond
 * classifying its lines.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wasm_simd128.h>

void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	v128_t needle = wasm_i8x16_splat((int8_t)c);

	for (; n >= 16; p += 16, n -= 16) {
		uint32_t hits = wasm_i8x16_bitmask(wasm_i8x16_eq(
		    wasm_v128_load(p), needle));
		if (hits != 0)
			return (void *)(p + __builtin_ctz(hits));
	}
	for (; n > 0; p++, n--)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* With bulk memory, the compiler writes these as memory.copy and memory.fill. */
void *
memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	__builtin_memcpy(dst, src, n);
	return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	__builtin_memmove(dst, src, n);
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	__builtin_memset(dst, c, n);
	return dst;
}
