/*
 * fuzz_encoding.c: libFuzzer harness for encoding detection and conversion.
 *
 * Checks, for any bytes and each encoding: ostd_encoding_detect names an
 * encoding and a byte-order mark no longer than the input; ostd_to_utf8 returns
 * valid UTF-8 of the length it says; the streaming converter, read in small
 * pieces after a prefix of any length, gives exactly the same bytes and the same
 * count of replaced characters.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/encoding.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = utf8_sequence((const unsigned char *)s + i, len - i);

		if (n == 0)
			abort();
		i += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ostd_encoding encs[] = { OSTD_ENC_UTF16LE,
		OSTD_ENC_UTF16BE, OSTD_ENC_CP1252 };
	size_t bom = 0;
	enum ostd_encoding det = ostd_encoding_detect(data, size, &bom);

	if (bom > size || det == OSTD_ENC_AUTO)
		abort();
	for (size_t e = 0; e < sizeof(encs) / sizeof(encs[0]); e++) {
		size_t len = 0, got = 0, prefix = size ? data[0] % 8 : 0;
		unsigned long bad = 0, sbad = 0;
		char *whole = ostd_to_utf8(data, size, encs[e], &len, &bad);
		char buf[7];
		struct ostd_source raw, st;

		if (whole == NULL)
			abort();
		check_utf8(whole, len);
		if (prefix > size)
			prefix = size;
		ostd_source_buffer(&raw, data + prefix, size - prefix);
		if (ostd_utf8_source(&st, &raw, encs[e], data, prefix,
		    &sbad) != 0)
			abort();
		for (size_t n; (n = ostd_source_read(&st, buf,
		    sizeof(buf))) > 0; got += n)
			if (got + n > len || memcmp(whole + got, buf, n) != 0)
				abort();
		if (got != len || sbad != bad || st.error != 0)
			abort();
		ostd_source_close(&st);
		free(whole);
	}
	return 0;
}
