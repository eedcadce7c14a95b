/*
 * test_encoding.c: encoding names, detection, whole-buffer conversion to UTF-8,
 * and the converting source (split reads, sniffed prefix, large input, errors).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ostdiag/encoding.h"
#include "ostdiag/reader.h"

/* A string literal's bytes and length, without the final NUL. */
#define BYTES(s) (const unsigned char *)(s), sizeof(s) - 1

/* "10:00:00 Done\r\n" in UTF-16LE and UTF-16BE. */
#define DONE_LE "1\0" "0\0" ":\0" "0\0" "0\0" ":\0" "0\0" "0\0" " \0" \
	"D\0" "o\0" "n\0" "e\0" "\r\0" "\n\0"
#define DONE_BE "\0" "1" "\0" "0" "\0" ":" "\0" "0" "\0" "0" "\0" ":" \
	"\0" "0" "\0" "0" "\0" " " "\0" "D" "\0" "o" "\0" "n" "\0" "e" \
	"\0" "\r" "\0" "\n"

/* Convert and compare with the expected bytes and count of replacements. */
static void
check_convert(const unsigned char *in, size_t len, enum ostd_encoding enc,
    const char *want, size_t want_len, unsigned long want_bad)
{
	size_t outlen = 12345;
	unsigned long bad = 12345;
	char *out = ostd_to_utf8(in, len, enc, &outlen, &bad);

	assert_non_null(out);
	assert_int_equal(outlen, want_len);
	assert_memory_equal(out, want, want_len);
	assert_int_equal(out[outlen], '\0');
	assert_int_equal(bad, want_bad);
	free(out);
}

#define CONVERT(in, enc, want, nbad) \
	check_convert(BYTES(in), enc, want, sizeof(want) - 1, nbad)

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(ostd_encoding_name(OSTD_ENC_AUTO), "auto");
	assert_string_equal(ostd_encoding_name(OSTD_ENC_UTF8), "utf-8");
	assert_string_equal(ostd_encoding_name(OSTD_ENC_UTF16LE), "utf-16le");
	assert_string_equal(ostd_encoding_name(OSTD_ENC_UTF16BE), "utf-16be");
	assert_string_equal(ostd_encoding_name(OSTD_ENC_CP1252), "windows-1252");
	assert_string_equal(ostd_encoding_name((enum ostd_encoding)99),
	    "unknown");

	assert_int_equal(ostd_encoding_from_name("utf-8"), OSTD_ENC_UTF8);
	assert_int_equal(ostd_encoding_from_name("UTF8"), OSTD_ENC_UTF8);
	assert_int_equal(ostd_encoding_from_name("utf-16le"), OSTD_ENC_UTF16LE);
	assert_int_equal(ostd_encoding_from_name("UTF16LE"), OSTD_ENC_UTF16LE);
	assert_int_equal(ostd_encoding_from_name("Unicode"), OSTD_ENC_UTF16LE);
	assert_int_equal(ostd_encoding_from_name("utf-16"), OSTD_ENC_UTF16LE);
	assert_int_equal(ostd_encoding_from_name("utf-16BE"), OSTD_ENC_UTF16BE);
	assert_int_equal(ostd_encoding_from_name("Windows-1252"),
	    OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_from_name("cp1252"), OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_from_name("latin1"), OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_from_name("ISO-8859-1"),
	    OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_from_name("auto"), OSTD_ENC_AUTO);

	assert_int_equal(ostd_encoding_from_name("utf-"), -1);
	assert_int_equal(ostd_encoding_from_name("utf-88"), -1);
	assert_int_equal(ostd_encoding_from_name("utf-32"), -1);
	assert_int_equal(ostd_encoding_from_name(""), -1);
	assert_int_equal(ostd_encoding_from_name(NULL), -1);

	/* Every name reads back as its own encoding. */
	for (int e = OSTD_ENC_AUTO; e <= OSTD_ENC_CP1252; e++)
		assert_int_equal(ostd_encoding_from_name(
		    ostd_encoding_name((enum ostd_encoding)e)), e);
}

/*
 * A byte that is not UTF-8 is seen wherever it stands after a run of ASCII,
 * and a valid sequence there keeps the text UTF-8.
 */
static void
test_detect_after_ascii_runs(void **state)
{
	(void)state;
	for (size_t at = 0; at < 40; at++) {
		unsigned char buf[48];

		memset(buf, 'a', sizeof(buf));
		buf[at] = 0xE9;		/* Windows-1252 e acute */
		assert_int_equal(ostd_encoding_detect(buf, sizeof(buf), NULL),
		    OSTD_ENC_CP1252);
		buf[at] = 0xC3;		/* UTF-8 e acute */
		buf[at + 1] = 0xA9;
		assert_int_equal(ostd_encoding_detect(buf, sizeof(buf), NULL),
		    OSTD_ENC_UTF8);
	}
}

static void
test_detect_bom(void **state)
{
	size_t bom = 99;

	(void)state;
	assert_int_equal(ostd_encoding_detect(BYTES("\xEF\xBB\xBF" "10:00"),
	    &bom), OSTD_ENC_UTF8);
	assert_int_equal(bom, 3);
	assert_int_equal(ostd_encoding_detect(BYTES("\xFF\xFE" DONE_LE), &bom),
	    OSTD_ENC_UTF16LE);
	assert_int_equal(bom, 2);
	assert_int_equal(ostd_encoding_detect(BYTES("\xFE\xFF" DONE_BE), &bom),
	    OSTD_ENC_UTF16BE);
	assert_int_equal(bom, 2);
	/* The mark alone, and the mark before text that looks like the other order. */
	assert_int_equal(ostd_encoding_detect(BYTES("\xFF\xFE"), &bom),
	    OSTD_ENC_UTF16LE);
	assert_int_equal(bom, 2);
	assert_int_equal(ostd_encoding_detect(BYTES("\xFE\xFF" DONE_LE), &bom),
	    OSTD_ENC_UTF16BE);
	assert_int_equal(bom, 2);
	assert_int_equal(ostd_encoding_detect(BYTES("\xEF\xBB\xBF"), NULL),
	    OSTD_ENC_UTF8);
	/* Two bytes of a UTF-8 mark are no mark. */
	assert_int_equal(ostd_encoding_detect(BYTES("\xEF\xBB" "x"), &bom),
	    OSTD_ENC_CP1252);
	assert_int_equal(bom, 0);
}

static void
test_detect_utf16_without_bom(void **state)
{
	size_t bom = 99;

	(void)state;
	assert_int_equal(ostd_encoding_detect(BYTES(DONE_LE), &bom),
	    OSTD_ENC_UTF16LE);
	assert_int_equal(bom, 0);
	assert_int_equal(ostd_encoding_detect(BYTES(DONE_BE), &bom),
	    OSTD_ENC_UTF16BE);
	assert_int_equal(bom, 0);
	/* A sample cut in the middle of a code unit. */
	assert_int_equal(ostd_encoding_detect((const unsigned char *)DONE_LE,
	    7, NULL), OSTD_ENC_UTF16LE);
	assert_int_equal(ostd_encoding_detect((const unsigned char *)DONE_BE,
	    7, NULL), OSTD_ENC_UTF16BE);
	/* Cyrillic after a time stamp: the ASCII's NULs are enough. */
	assert_int_equal(ostd_encoding_detect(BYTES(
	    "1\0" "0\0" ":\0" "0\0" "0\0" ":\0" "0\0" "0\0" " \0"
	    "\x21\x04\x38\x04\x3D\x04\x45\x04\x40\x04\x3E\x04\x3D\x04"
	    "\x38\x04\x37\x04\x30\x04\x46\x04\x38\x04\x4F\x04"), NULL),
	    OSTD_ENC_UTF16LE);
	/* ASCII with a run of NUL bytes (a log cut short by a crash) is not. */
	assert_int_equal(ostd_encoding_detect(BYTES("10:00:00 Done\r\n"
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), NULL), OSTD_ENC_UTF8);
	/* Nor is ASCII with a stray NUL here and there. */
	assert_int_equal(ostd_encoding_detect(BYTES("10:00:00 Synchronizing "
	    "Mailbox\0'Jane Doe'\r\n10:00:01 Done\0\r\n"), NULL),
	    OSTD_ENC_UTF8);
}

static void
test_detect_utf8_or_1252(void **state)
{
	size_t bom = 99;

	(void)state;
	assert_int_equal(ostd_encoding_detect(BYTES("Gr\xC3\xBC\xC3\x9F" "e"),
	    &bom), OSTD_ENC_UTF8);
	assert_int_equal(bom, 0);
	assert_int_equal(ostd_encoding_detect(BYTES("Gr\xFC\xDF" "e"), NULL),
	    OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_detect(BYTES("10:00:00 Done\r\n"), NULL),
	    OSTD_ENC_UTF8);
	assert_int_equal(ostd_encoding_detect(NULL, 0, &bom), OSTD_ENC_UTF8);
	assert_int_equal(bom, 0);
	/* A sequence cut by the end of the sample is fine... */
	assert_int_equal(ostd_encoding_detect(BYTES("price \xE2\x82"), NULL),
	    OSTD_ENC_UTF8);
	assert_int_equal(ostd_encoding_detect(BYTES("x \xF0\x9F\x98"), NULL),
	    OSTD_ENC_UTF8);
	/* ...but not one cut inside the sample. */
	assert_int_equal(ostd_encoding_detect(BYTES("price \xE2\x82 5"), NULL),
	    OSTD_ENC_CP1252);
	/* Overlong, surrogate and beyond U+10FFFF forms are not UTF-8. */
	assert_int_equal(ostd_encoding_detect(BYTES("\xC0\xAF"), NULL),
	    OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_detect(BYTES("\xE0\x80\xAF"), NULL),
	    OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_detect(BYTES("\xED\xA0\x80"), NULL),
	    OSTD_ENC_CP1252);
	assert_int_equal(ostd_encoding_detect(BYTES("\xF4\x90\x80\x80"), NULL),
	    OSTD_ENC_CP1252);
	/* Windows-1252 quotes around ASCII. */
	assert_int_equal(ostd_encoding_detect(BYTES("\x93Inbox\x94 \x80 5"),
	    NULL), OSTD_ENC_CP1252);
}

static void
test_utf16le(void **state)
{
	(void)state;
	CONVERT(DONE_LE, OSTD_ENC_UTF16LE, "10:00:00 Done\r\n", 0);
	/* The mark is dropped, given or detected. */
	CONVERT("\xFF\xFE" DONE_LE, OSTD_ENC_UTF16LE, "10:00:00 Done\r\n", 0);
	CONVERT("\xFF\xFE" DONE_LE, OSTD_ENC_AUTO, "10:00:00 Done\r\n", 0);
	CONVERT(DONE_LE, OSTD_ENC_AUTO, "10:00:00 Done\r\n", 0);
	/* Only at the start: U+FEFF later is kept. */
	CONVERT("A\0\xFF\xFE", OSTD_ENC_UTF16LE, "A\xEF\xBB\xBF", 0);
	/* e acute, euro, U+1F600 as a surrogate pair. */
	CONVERT("\xE9\0\xAC\x20\x3D\xD8\x00\xDE", OSTD_ENC_UTF16LE,
	    "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 0);
	/* Highest code point, U+10FFFF. */
	CONVERT("\xFF\xDB\xFF\xDF", OSTD_ENC_UTF16LE, "\xF4\x8F\xBF\xBF", 0);
	/* A high surrogate followed by a letter, a lone low one. */
	CONVERT("\x3D\xD8" "A\0", OSTD_ENC_UTF16LE, "\xEF\xBF\xBD" "A", 1);
	CONVERT("\x00\xDE" "A\0", OSTD_ENC_UTF16LE, "\xEF\xBF\xBD" "A", 1);
	/* Two high surrogates, then a low one: the second pairs. */
	CONVERT("\x3D\xD8\x3D\xD8\x00\xDE", OSTD_ENC_UTF16LE,
	    "\xEF\xBF\xBD\xF0\x9F\x98\x80", 1);
	/* A high surrogate at the end; an odd final byte; both, cut off as one. */
	CONVERT("A\0\x3D\xD8", OSTD_ENC_UTF16LE, "A\xEF\xBF\xBD", 1);
	CONVERT("A\0B", OSTD_ENC_UTF16LE, "A\xEF\xBF\xBD", 1);
	CONVERT("A\0\x3D\xD8\x00", OSTD_ENC_UTF16LE, "A\xEF\xBF\xBD", 1);
	CONVERT("\x00\xDE\x3D\xD8\x00", OSTD_ENC_UTF16LE,
	    "\xEF\xBF\xBD\xEF\xBF\xBD", 2);
	/* U+0000 is a character like any other. */
	CONVERT("A\0\0\0B\0", OSTD_ENC_UTF16LE, "A\0B", 0);
	CONVERT("", OSTD_ENC_UTF16LE, "", 0);
}

static void
test_utf16be(void **state)
{
	(void)state;
	CONVERT(DONE_BE, OSTD_ENC_UTF16BE, "10:00:00 Done\r\n", 0);
	CONVERT("\xFE\xFF" DONE_BE, OSTD_ENC_AUTO, "10:00:00 Done\r\n", 0);
	CONVERT(DONE_BE, OSTD_ENC_AUTO, "10:00:00 Done\r\n", 0);
	CONVERT("\0\xE9\x20\xAC\xD8\x3D\xDE\x00", OSTD_ENC_UTF16BE,
	    "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 0);
	CONVERT("\xDE\x00\xD8\x3D", OSTD_ENC_UTF16BE,
	    "\xEF\xBF\xBD\xEF\xBF\xBD", 2);
	CONVERT("\0A\0", OSTD_ENC_UTF16BE, "A\xEF\xBF\xBD", 1);
}

static void
test_cp1252(void **state)
{
	(void)state;
	/* Euro sign and right single quote. */
	CONVERT("\x80 5, it\x92s", OSTD_ENC_CP1252,
	    "\xE2\x82\xAC 5, it\xE2\x80\x99s", 0);
	CONVERT("Gr\xFC\xDF" "e", OSTD_ENC_CP1252, "Gr\xC3\xBC\xC3\x9F" "e", 0);
	CONVERT("Gr\xFC\xDF" "e", OSTD_ENC_AUTO, "Gr\xC3\xBC\xC3\x9F" "e", 0);
	CONVERT("\x93Inbox\x94\x85\x9F\xA0\xFF", OSTD_ENC_CP1252,
	    "\xE2\x80\x9CInbox\xE2\x80\x9D\xE2\x80\xA6\xC5\xB8\xC2\xA0\xC3\xBF",
	    0);
	/* The five undefined bytes. */
	CONVERT("a\x81" "b\x8D\x8F\x90\x9D", OSTD_ENC_CP1252,
	    "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
	    5);
	/* A UTF-8 mark means nothing here: three letters. */
	CONVERT("\xEF\xBB\xBF", OSTD_ENC_CP1252, "\xC3\xAF\xC2\xBB\xC2\xBF", 0);
}

static void
test_utf8(void **state)
{
	(void)state;
	CONVERT("10:00:00 Gr\xC3\xBC\xC3\x9F" "e\r\n", OSTD_ENC_UTF8,
	    "10:00:00 Gr\xC3\xBC\xC3\x9F" "e\r\n", 0);
	CONVERT("\xEF\xBB\xBF" "Done", OSTD_ENC_UTF8, "Done", 0);
	CONVERT("\xEF\xBB\xBF" "Done", OSTD_ENC_AUTO, "Done", 0);
	CONVERT("\xF0\x9F\x98\x80", OSTD_ENC_UTF8, "\xF0\x9F\x98\x80", 0);
	/* One U+FFFD per maximal ill-formed subsequence. */
	CONVERT("a\xFF" "b", OSTD_ENC_UTF8, "a\xEF\xBF\xBD" "b", 1);
	CONVERT("\xE2\x82" "A", OSTD_ENC_UTF8, "\xEF\xBF\xBD" "A", 1);
	CONVERT("\xE2\x82\xE2\x82\xAC", OSTD_ENC_UTF8,
	    "\xEF\xBF\xBD\xE2\x82\xAC", 1);
	CONVERT("\xC0\xAF", OSTD_ENC_UTF8, "\xEF\xBF\xBD\xEF\xBF\xBD", 2);
	CONVERT("\xED\xA0\x80", OSTD_ENC_UTF8,
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3);
	CONVERT("x\xF0\x9F\x98", OSTD_ENC_UTF8, "x\xEF\xBF\xBD", 1);
	/* A UTF-16 mark in UTF-8 is two invalid bytes. */
	CONVERT("\xFF\xFE", OSTD_ENC_UTF8, "\xEF\xBF\xBD\xEF\xBF\xBD", 2);
}

static void
test_bad_encoding_value(void **state)
{
	struct ostd_source raw, s;

	(void)state;
	errno = 0;
	assert_null(ostd_to_utf8(BYTES("x"), (enum ostd_encoding)42, NULL,
	    NULL));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	ostd_source_buffer(&raw, "x", 1);
	assert_int_equal(ostd_utf8_source(&s, &raw, (enum ostd_encoding)42,
	    NULL, 0, NULL), -1);
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_int_equal(ostd_utf8_source(&s, NULL, OSTD_ENC_UTF8, NULL, 0,
	    NULL), -1);
	assert_int_equal(errno, EINVAL);
}

/* How a test reads a converting source. */
enum read_mode {
	READ_WHOLE,		/* reads as large as the output */
	READ_BYTES,		/* reads of 1 byte */
	READ_THREES,		/* reads of 3 bytes */
	READ_MIDDLE,		/* reads of 7000 bytes, converted straight */
};

/*
 * Read in through a converting source, the first prefix_len bytes taken from
 * the input first as a caller sniffing it would; returns the malloc'd output.
 */
static char *
read_stream(const unsigned char *in, size_t len, enum ostd_encoding enc,
    size_t prefix_len, enum read_mode mode, size_t *outlen,
    unsigned long *bad)
{
	unsigned char prefix[16];
	struct ostd_source raw, s;
	char *out;
	size_t n = 0, cap = 4 * len + 7000, got, step;

	assert_true(prefix_len <= sizeof(prefix) && prefix_len <= len);
	ostd_source_buffer(&raw, in, len);
	assert_int_equal(ostd_source_read_full(&raw, prefix, prefix_len),
	    prefix_len);
	assert_int_equal(ostd_utf8_source(&s, &raw, enc, prefix, prefix_len,
	    bad), 0);
	memset(prefix, 'X', sizeof(prefix));	/* the source kept a copy */
	step = mode == READ_BYTES ? 1 : mode == READ_THREES ? 3 :
	    mode == READ_MIDDLE ? 7000 : cap;
	out = malloc(cap);
	assert_non_null(out);
	while ((got = ostd_source_read(&s, out + n, step < cap - n ? step :
	    cap - n)) > 0)
		n += got;
	assert_true(n < cap);
	assert_true(s.eof);
	assert_int_equal(s.error, 0);
	ostd_source_close(&s);
	ostd_source_close(&s);	/* twice is harmless */
	/* raw is still there, at its end. */
	assert_true(raw.eof);
	*outlen = n;
	return out;
}

/* The stream gives ostd_to_utf8's output however it is read and split. */
static void
check_stream_same(const unsigned char *in, size_t len, enum ostd_encoding enc)
{
	size_t want_len, got_len, k;
	unsigned long want_bad, got_bad;
	char *want = ostd_to_utf8(in, len, enc, &want_len, &want_bad);
	int mode;

	assert_non_null(want);
	for (mode = READ_WHOLE; mode <= READ_MIDDLE; mode++)
		for (k = 0; k <= len && k <= 7; k++) {
			char *got = read_stream(in, len, enc, k,
			    (enum read_mode)mode, &got_len, &got_bad);

			assert_int_equal(got_len, want_len);
			assert_memory_equal(got, want, want_len);
			assert_int_equal(got_bad, want_bad);
			free(got);
		}
	free(want);
}

#define STREAM_SAME(in, enc) check_stream_same(BYTES(in), enc)

static void
test_stream_matches_buffer(void **state)
{
	(void)state;
	/* Pairs, lone surrogates, CRLF and an odd final byte, split every way. */
	STREAM_SAME("\xFF\xFE" DONE_LE "\x3D\xD8\x00\xDE\xE9\0\x3D\xD8" "A\0"
	    "\x00\xDE\r\0\n\0\xAC\x20\x3D\xD8\x00\xDE\x3D\xD8\x00",
	    OSTD_ENC_UTF16LE);
	STREAM_SAME(DONE_LE "\x3D\xD8\x00\xDE", OSTD_ENC_UTF16LE);
	STREAM_SAME("\xFE\xFF" DONE_BE "\xD8\x3D\xDE\x00\0\xE9\xDE\x00\xD8\x3D",
	    OSTD_ENC_UTF16BE);
	STREAM_SAME("\x80 5, it\x92s \x81\x9D\xFC\r\n", OSTD_ENC_CP1252);
	STREAM_SAME("\xEF\xBB\xBF" "Gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x98\x80\r\n",
	    OSTD_ENC_UTF8);
	STREAM_SAME("\xEF\xBB\xBF" "Gr\xC3\xBC\xC3\x9F" "e", OSTD_ENC_AUTO);
	STREAM_SAME("\xFF\xFE", OSTD_ENC_UTF16LE);
	STREAM_SAME("A", OSTD_ENC_UTF16LE);
}

/* Reading a UTF-8 stream from the start with every prefix length. */
static void
check_utf8_stream(const char *in, size_t len, const char *want,
    size_t want_len)
{
	size_t got_len, k;
	unsigned long bad;
	int mode;

	for (mode = READ_WHOLE; mode <= READ_MIDDLE; mode++)
		for (k = 0; k <= len && k <= 7; k++) {
			char *got = read_stream((const unsigned char *)in, len,
			    OSTD_ENC_UTF8, k, (enum read_mode)mode, &got_len,
			    &bad);

			assert_int_equal(got_len, want_len);
			assert_memory_equal(got, want, want_len);
			assert_int_equal(bad, 0);
			free(got);
		}
}

static void
test_stream_utf8_passes_through(void **state)
{
	static const char in[] = "\xEF\xBB\xBF" "a\xFF\xE2\x82 \xC0\xAF\r\n";
	static const char twice[] = "\xEF\xBB\xBF\xEF\xBB\xBF" "x";

	(void)state;
	/* Invalid bytes stay; only the mark goes, wherever the prefix ends. */
	check_utf8_stream(in, sizeof(in) - 1, in + 3, sizeof(in) - 4);
	check_utf8_stream(twice, sizeof(twice) - 1, twice + 3,
	    sizeof(twice) - 4);
	check_utf8_stream("\xEF\xBB" "x", 3, "\xEF\xBB" "x", 3);
	check_utf8_stream("\xEF\xBB", 2, "\xEF\xBB", 2);
	check_utf8_stream("\xEF" "A\xBB\xBF", 4, "\xEF" "A\xBB\xBF", 4);
}

/* Input made on the fly: UTF-16LE log lines, optionally failing part way. */
struct gen {
	unsigned long lines;	/* to produce */
	unsigned long line;	/* next one */
	unsigned char buf[128];
	size_t pos, len;
	unsigned long long served;
	unsigned long long fail_at;	/* 0: never */
};

#define GEN_LINE_UNITS 28	/* ASCII 22, e acute, euro, a pair, CR, LF */

/* Line i as UTF-8, the output the converting stream must give. */
static size_t
gen_expected(unsigned long i, char *out, size_t size)
{
	return (size_t)snprintf(out, size, "10:%02lu:%02lu Line %07lu "
	    "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\r\n", i / 60 % 60, i % 60, i);
}

/* Line i as UTF-16LE, written code unit by code unit. */
static void
gen_make(struct gen *g, unsigned long i)
{
	char ascii[32];
	int n = snprintf(ascii, sizeof(ascii), "10:%02lu:%02lu Line %07lu ",
	    i / 60 % 60, i % 60, i);
	static const unsigned short tail[] = {
		0x00E9, 0x20AC, 0xD83D, 0xDE00, '\r', '\n'
	};
	size_t k = 0;

	for (int j = 0; j < n; j++) {
		g->buf[k++] = (unsigned char)ascii[j];
		g->buf[k++] = 0;
	}
	for (size_t j = 0; j < sizeof(tail) / sizeof(tail[0]); j++) {
		g->buf[k++] = tail[j] & 0xFF;
		g->buf[k++] = tail[j] >> 8;
	}
	assert_int_equal(k, 2 * GEN_LINE_UNITS);
	g->pos = 0;
	g->len = k;
}

/* Read the generator: pieces of odd sizes, to split code units. */
static ptrdiff_t
gen_read(struct ostd_source *src, void *out, size_t size)
{
	struct gen *g = src->state;
	unsigned char *buf = out;
	size_t n = 0, take;

	if (size > 4093)
		size = 4093;
	while (n < size) {
		if (g->fail_at != 0 && g->served >= g->fail_at) {
			if (n > 0)
				break;
			errno = EIO;
			return -1;
		}
		if (g->pos == g->len) {
			if (g->line == g->lines)
				break;
			gen_make(g, g->line++);
		}
		take = g->len - g->pos < size - n ? g->len - g->pos : size - n;
		if (g->fail_at != 0 && take > g->fail_at - g->served)
			take = (size_t)(g->fail_at - g->served);
		memcpy(buf + n, g->buf + g->pos, take);
		g->pos += take;
		n += take;
		g->served += take;
	}
	return (ptrdiff_t)n;
}

/* A source over the generator. */
static void
gen_open(struct ostd_source *src, struct gen *g)
{
	ostd_source_buffer(src, NULL, 0);
	src->read = gen_read;
	src->state = g;
}

/*
 * Ten MiB of UTF-16 read line by line through the converting source, as the
 * analyzer reads it: every line right, and the input never read more than a
 * bounded distance ahead of the lines handed out.
 */
static void
test_stream_large(void **state)
{
	struct gen g;
	struct ostd_source raw, s;
	struct ostd_reader *rd;
	struct ostd_line line;
	char want[256];
	unsigned long i = 0, bad = 99;
	unsigned long long in_done = 0, ahead = 0;
	size_t wlen;
	int got;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.lines = 10UL * 1024 * 1024 / (2 * GEN_LINE_UNITS) + 1;
	gen_open(&raw, &g);
	assert_int_equal(ostd_utf8_source(&s, &raw, OSTD_ENC_UTF16LE, NULL, 0,
	    &bad), 0);
	assert_int_equal(bad, 0);
	rd = ostd_reader_new(&s);
	while ((got = ostd_reader_next(rd, &line)) == 1) {
		wlen = gen_expected(i, want, sizeof(want)) - 2;	/* no CRLF */
		assert_int_equal(line.len, wlen);
		assert_memory_equal(line.ptr, want, wlen);
		i++;
		in_done += 2 * GEN_LINE_UNITS;
		/*
		 * The source reads only a bounded distance ahead of its
		 * output (a line comes out before its LF is read).
		 */
		if (g.served > in_done && g.served - in_done > ahead)
			ahead = g.served - in_done;
	}
	assert_int_equal(got, 0);
	assert_int_equal(i, g.lines);
	assert_true(g.served > 10ULL * 1024 * 1024);
	assert_true(g.served == in_done);
	assert_true(ahead <= 64 * 1024);
	assert_true(s.eof);
	assert_int_equal(s.error, 0);
	assert_int_equal(bad, 0);
	ostd_reader_free(&rd);
	ostd_source_close(&s);
}

static void
test_stream_read_error(void **state)
{
	struct gen g;
	struct ostd_source raw, s;
	char buf[4096];
	size_t n = 0, got;
	unsigned long bad;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.lines = 1000;
	g.fail_at = 1001;	/* in line 17, half its 25th code unit */
	gen_open(&raw, &g);
	assert_int_equal(ostd_utf8_source(&s, &raw, OSTD_ENC_UTF16LE, NULL, 0,
	    &bad), 0);
	while ((got = ostd_source_read(&s, buf, sizeof(buf))) > 0)
		n += got;
	assert_int_equal(s.error, EIO);
	assert_false(s.eof);
	/* Everything before the failure came through: 17 lines, 24 code units. */
	assert_int_equal(n, 17 * 33 + 27);
	/* The error stays: no more reads of the source it decodes. */
	assert_int_equal(ostd_source_read(&s, buf, sizeof(buf)), 0);
	assert_int_equal(g.served, 1001);
	ostd_source_close(&s);
}

static void
test_stream_auto_from_prefix(void **state)
{
	static const unsigned char in[] = DONE_LE DONE_LE;
	size_t len;
	unsigned long bad;
	char *out;

	(void)state;
	/* Detected from the 8 sniffed bytes, no mark. */
	out = read_stream(in, sizeof(in) - 1, OSTD_ENC_AUTO, 8, READ_WHOLE,
	    &len, &bad);
	assert_int_equal(len, 30);
	assert_memory_equal(out, "10:00:00 Done\r\n10:00:00 Done\r\n", 30);
	free(out);
	/* No prefix: nothing to detect from, so bytes pass through as UTF-8. */
	out = read_stream(in, 6, OSTD_ENC_AUTO, 0, READ_WHOLE, &len, &bad);
	assert_int_equal(len, 6);
	assert_memory_equal(out, "1\0" "0\0" ":\0", 6);
	free(out);
}

static void
test_problem_message(void **state)
{
	char *m;

	(void)state;
	assert_null(ostd_encoding_problem(OSTD_ENC_UTF16LE, 0));
	m = ostd_encoding_problem(OSTD_ENC_UTF16LE, 2);
	assert_string_equal(m, "2 invalid UTF-16LE code units (lone surrogate "
	    "or cut-off end) replaced by U+FFFD");
	free(m);
	m = ostd_encoding_problem(OSTD_ENC_UTF16BE, 1);
	assert_string_equal(m, "1 invalid UTF-16BE code unit (lone surrogate "
	    "or cut-off end) replaced by U+FFFD");
	free(m);
	m = ostd_encoding_problem(OSTD_ENC_CP1252, 5);
	assert_string_equal(m, "5 bytes undefined in windows-1252 replaced by "
	    "U+FFFD");
	free(m);
	m = ostd_encoding_problem(OSTD_ENC_UTF8, 1);
	assert_string_equal(m, "1 invalid UTF-8 sequence replaced by U+FFFD");
	free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_detect_bom),
		cmocka_unit_test(test_detect_after_ascii_runs),
		cmocka_unit_test(test_detect_utf16_without_bom),
		cmocka_unit_test(test_detect_utf8_or_1252),
		cmocka_unit_test(test_utf16le),
		cmocka_unit_test(test_utf16be),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_bad_encoding_value),
		cmocka_unit_test(test_stream_matches_buffer),
		cmocka_unit_test(test_stream_utf8_passes_through),
		cmocka_unit_test(test_stream_large),
		cmocka_unit_test(test_stream_read_error),
		cmocka_unit_test(test_stream_auto_from_prefix),
		cmocka_unit_test(test_problem_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
