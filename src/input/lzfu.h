/*
 * lzfu.h: decompressing compressed RTF (MS-OXRTFCP), the PR_RTF_COMPRESSED
 * (0x10090102) property of Outlook messages. Internal to libostdiag.
 */
#ifndef OSTD_LZFU_H
#define OSTD_LZFU_H

#include <stddef.h>
#include <stdint.h>

/* The two kinds of content the header names. */
#define LZFU_COMPRESSED		0x75465A4Cu	/* "LZFu" */
#define LZFU_UNCOMPRESSED	0x414C454Du	/* "MELA" */

#define LZFU_HEADER		16
/* Largest output accepted, whatever max the caller passes. */
#define LZFU_MAX_OUT		((size_t)64 << 20)

/* The dictionary every compressed stream starts from, and its length. */
#define LZFU_PREBUF_LEN		207
extern const char lzfu_prebuf[LZFU_PREBUF_LEN + 1];

/*
 * Decompress in (len bytes, header included) into *out (allocated, NUL-terminated)
 * and *outlen. The output may be no longer than the header's raw size, max (0: no
 * limit of the caller's) and LZFU_MAX_OUT. A CRC that does not match the content
 * is an error, like truncation, a missing end marker or an unknown type: -1 with
 * *err set to an allocated message.
 */
int lzfu_decompress(const unsigned char *in, size_t len, size_t max, char **out,
    size_t *outlen, char **err);

/* The CRC-32 the format uses: table 0xEDB88320, initial 0, no final inversion. */
uint32_t lzfu_crc32(uint32_t crc, const unsigned char *p, size_t n);

#endif
