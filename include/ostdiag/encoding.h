/*
 * ostdiag/encoding.h: the text encodings sync logs arrive in, and their conversion
 * to UTF-8. Outlook writes its logs as UTF-8 or in the system's ANSI code page;
 * a log pasted into Notepad and saved as "Unicode" is UTF-16LE, often without
 * byte-order mark once it has passed through a ticket system. ostdiag converts
 * everything to UTF-8 before the line reader sees it.
 *
 * Invalid input never stops a conversion: each invalid piece (an ill-formed UTF-8
 * sequence, a lone UTF-16 surrogate, an odd final byte of UTF-16, a byte that
 * Windows-1252 leaves undefined) becomes U+FFFD and is counted.
 *
 * Ownership: ostd_to_utf8 and ostd_encoding_problem return malloc'd strings the
 * caller frees. A source from ostd_utf8_source is closed with
 * ostd_source_close, which does not close the source it decodes.
 */
#ifndef OSTDIAG_ENCODING_H
#define OSTDIAG_ENCODING_H

#include <stddef.h>

#include "ostdiag/source.h"

enum ostd_encoding {
	OSTD_ENC_AUTO,		/* detect (ostd_encoding_detect) */
	OSTD_ENC_UTF8,
	OSTD_ENC_UTF16LE,
	OSTD_ENC_UTF16BE,
	OSTD_ENC_CP1252		/* Windows-1252 */
};

/* A sample this long is enough for ostd_encoding_detect on a sync log. */
#define OSTD_ENC_SNIFF 4096

/*
 * The encoding's name: "auto", "utf-8", "utf-16le", "utf-16be", "windows-1252";
 * "unknown" for a value outside the enum.
 */
const char *ostd_encoding_name(enum ostd_encoding e);

/*
 * The encoding a name stands for, ignoring case, or -1. Accepted: "auto";
 * "utf-8", "utf8"; "utf-16le", "utf16le", "utf-16", "utf16", "unicode" (the last
 * three are what Windows calls UTF-16LE); "utf-16be", "utf16be"; "windows-1252",
 * "cp1252", "1252", "latin1", "iso-8859-1" (as in web browsers, Latin-1 labels are
 * read as Windows-1252, its superset in practice).
 */
int ostd_encoding_from_name(const char *name);

/*
 * The encoding of a text, from its first len bytes (OSTD_ENC_SNIFF is plenty), in
 * this order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); the NUL pattern of
 * UTF-16 without mark (text that is partly ASCII has a NUL in the high byte of each
 * ASCII code unit: at odd offsets for LE, even offsets for BE); UTF-8 when the bytes
 * are valid UTF-8 (pure ASCII included; a sequence cut by the end of the sample
 * counts as valid); else Windows-1252. Never returns OSTD_ENC_AUTO; an empty
 * sample is UTF-8. *bom_len (may be NULL) gets the mark's length, 0 if none.
 */
enum ostd_encoding ostd_encoding_detect(const unsigned char *buf, size_t len,
    size_t *bom_len);

/*
 * in[0..len) converted to UTF-8, NUL-terminated, malloc'd; *outlen (may be NULL)
 * gets its length without the NUL (the text itself may hold NUL characters).
 * OSTD_ENC_AUTO detects the encoding from the whole buffer. A leading byte-order
 * mark of the encoding is dropped. UTF-8 input is validated: each maximal
 * ill-formed subsequence becomes one U+FFFD (the Unicode recommended practice).
 * UTF-16 surrogate pairs are joined; a lone surrogate becomes U+FFFD, and so does
 * the end of a text cut off after a high surrogate, half a code unit or both
 * (one U+FFFD for the piece, as in the WHATWG Encoding Standard). Windows-1252's
 * 0x80-0x9F become their Unicode characters, the five bytes it leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) U+FFFD. *bad (may be NULL) gets the number of
 * U+FFFD written for invalid input.
 * Returns NULL with errno EINVAL only when enc is not one of the enum's values.
 */
char *ostd_to_utf8(const unsigned char *in, size_t len, enum ostd_encoding enc,
    size_t *outlen, unsigned long *bad);

/*
 * Make src a source (ostdiag/source.h) that reads raw and yields its text as
 * UTF-8, in memory that does not depend on the input's size. prefix[0..
 * prefix_len) are bytes already read from raw while sniffing: they are
 * converted first, and the source keeps its own copy. A leading byte-order
 * mark of the encoding (in the prefix or in raw) is dropped. OSTD_ENC_AUTO
 * takes the encoding ostd_encoding_detect finds in the prefix (UTF-8 when
 * there is none).
 *
 * OSTD_ENC_UTF8 passes bytes through unchanged (the line reader copes with
 * invalid UTF-8). The other encodings convert as ostd_to_utf8 does, with a
 * code unit, a surrogate pair or a sequence split between two reads of raw
 * carried over, so the output equals ostd_to_utf8's on the whole input.
 *
 * If bad is not NULL, *bad is set to 0 here and counts the U+FFFD written for
 * invalid input as the source is read; it must stay valid until
 * ostd_source_close. A read error of raw is a read error of src.
 * ostd_source_close(src) frees its state and leaves raw open. Returns 0, or -1
 * with errno EINVAL for an unknown enc or a NULL raw.
 */
int ostd_utf8_source(struct ostd_source *src, struct ostd_source *raw,
    enum ostd_encoding enc, const unsigned char *prefix, size_t prefix_len,
    unsigned long *bad);

/*
 * A short message for a conversion that replaced bad pieces of input, such as
 * "2 bytes undefined in windows-1252 replaced by U+FFFD", malloc'd; NULL when
 * bad is 0.
 */
char *ostd_encoding_problem(enum ostd_encoding enc, unsigned long bad);

#endif
