/*
 * lzfu.c: compressed RTF (MS-OXRTFCP). A 16-byte header (compressed size + 12,
 * raw size, type, CRC) is followed by runs: a control byte whose bits, lowest
 * first, say whether each of the next eight tokens is a literal byte or a 2-byte
 * big-endian reference (12-bit offset into a 4096-byte circular dictionary, 4-bit
 * length less 2). The dictionary starts out holding a fixed RTF prefix, and every
 * byte written goes into it too; a reference whose offset is the current write
 * position ends the data.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/lzfu.h"
#include "util/bytes.h"
#include "util/util.h"

#define DICT_SIZE	4096

const char lzfu_prebuf[LZFU_PREBUF_LEN + 1] =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
    "\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New "
    "RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
    "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

uint32_t
lzfu_crc32(uint32_t crc, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = crc & 1 ? crc >> 1 ^ 0xEDB88320u : crc >> 1;
	}
	return crc;
}

/* Run the tokens of in[0..n) into out (at most cap bytes). */
static int
expand(const unsigned char *in, size_t n, char *out, size_t cap,
    size_t *outlen, char **err)
{
	unsigned char dict[DICT_SIZE];
	size_t pos = 0, o = 0;
	unsigned wpos = LZFU_PREBUF_LEN;

	memcpy(dict, lzfu_prebuf, LZFU_PREBUF_LEN);
	memset(dict + LZFU_PREBUF_LEN, 0, DICT_SIZE - LZFU_PREBUF_LEN);
	while (pos < n) {
		unsigned control = in[pos++];

		for (int bit = 0; bit < 8; bit++) {
			unsigned ref, off, len;

			if (pos >= n)
				goto truncated;
			if ((control & 1u << bit) == 0) {
				if (o == cap)
					goto overflow;
				out[o++] = (char)in[pos];
				dict[wpos] = in[pos++];
				wpos = (wpos + 1) % DICT_SIZE;
				continue;
			}
			if (n - pos < 2)
				goto truncated;
			ref = (unsigned)in[pos] << 8 | in[pos + 1];
			pos += 2;
			off = ref >> 4;
			len = (ref & 0xF) + 2;
			if (off == wpos) {
				*outlen = o;
				return 0;
			}
			/* Byte by byte: a reference may overlap what it writes. */
			for (unsigned i = 0; i < len; i++) {
				unsigned char c = dict[(off + i) % DICT_SIZE];

				if (o == cap)
					goto overflow;
				out[o++] = (char)c;
				dict[wpos] = c;
				wpos = (wpos + 1) % DICT_SIZE;
			}
		}
	}
truncated:
	*err = xasprintf("compressed RTF: truncated: data ends at byte %zu "
	    "without the end marker", pos + LZFU_HEADER);
	return -1;
overflow:
	*err = xasprintf("compressed RTF: output longer than %zu bytes", cap);
	return -1;
}

int
lzfu_decompress(const unsigned char *in, size_t len, size_t max, char **out,
    size_t *outlen, char **err)
{
	uint32_t compsize, rawsize, type, crc, want;
	size_t cap, n;
	char *buf;

	*out = NULL;
	*outlen = 0;
	*err = NULL;
	if (len < LZFU_HEADER) {
		*err = xasprintf("compressed RTF: truncated: %zu bytes, the "
		    "header is %d", len, LZFU_HEADER);
		return -1;
	}
	compsize = le32(in);
	rawsize = le32(in + 4);
	type = le32(in + 8);
	crc = le32(in + 12);
	cap = max != 0 && max < LZFU_MAX_OUT ? max : LZFU_MAX_OUT;
	if (rawsize > cap) {
		*err = xasprintf("compressed RTF: raw size %u over the limit of "
		    "%zu", rawsize, cap);
		return -1;
	}
	cap = rawsize;
	if (type == LZFU_UNCOMPRESSED) {
		if (len - LZFU_HEADER < rawsize) {
			*err = xasprintf("compressed RTF: truncated: %zu bytes of "
			    "%u stored", len - LZFU_HEADER, rawsize);
			return -1;
		}
		buf = xmalloc((size_t)rawsize + 1);
		memcpy(buf, in + LZFU_HEADER, rawsize);
		buf[rawsize] = '\0';
		*out = buf;
		*outlen = rawsize;
		return 0;
	}
	if (type != LZFU_COMPRESSED) {
		*err = xasprintf("compressed RTF: unknown type 0x%08X", type);
		return -1;
	}
	if (compsize < LZFU_HEADER - 4) {
		*err = xasprintf("compressed RTF: compressed size %u smaller "
		    "than the header", compsize);
		return -1;
	}
	n = (size_t)compsize - (LZFU_HEADER - 4);
	if (len - LZFU_HEADER < n) {
		*err = xasprintf("compressed RTF: truncated: %zu bytes of %zu",
		    len - LZFU_HEADER, n);
		return -1;
	}
	if ((want = lzfu_crc32(0, in + LZFU_HEADER, n)) != crc) {
		*err = xasprintf("compressed RTF: CRC 0x%08X does not match the "
		    "header's 0x%08X", want, crc);
		return -1;
	}
	buf = xmalloc(cap + 1);
	if (expand(in + LZFU_HEADER, n, buf, cap, outlen, err) == -1) {
		free(buf);
		return -1;
	}
	buf[*outlen] = '\0';
	*out = buf;
	return 0;
}
