/*
 * bytes.h: little-endian integers read from the bytes of Outlook's binary
 * formats (compound files, .msg properties, compressed RTF, .pst items),
 * whatever the order of the machine.
 * Internal to libostdiag.
 */
#ifndef OSTD_BYTES_H
#define OSTD_BYTES_H

#include <stdint.h>

static inline uint32_t
le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

#endif
