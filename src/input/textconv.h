/*
 * textconv.h: text conversions shared by the saved-message readers (RTF, MIME,
 * HTML, Outlook .txt): UTF-8 encoding, the legacy charsets mail uses, HTML
 * reduced to plain text, and calendar arithmetic. Internal to libostdiag.
 *
 * Every function appends to a struct strbuf and reads only the bytes it is given.
 */
#ifndef OSTD_TEXTCONV_H
#define OSTD_TEXTCONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

#define OSTD_REPLACEMENT 0xFFFDu

/* The charsets a message part may declare; anything unknown reads as CP1252. */
enum ostd_charset {
	OSTD_CS_UTF8,
	OSTD_CS_ASCII,
	OSTD_CS_LATIN1,
	OSTD_CS_CP1252,
	OSTD_CS_UTF16,		/* byte-order mark decides, big-endian without one */
	OSTD_CS_UTF16LE,
	OSTD_CS_UTF16BE
};

/* Encode code point cp as UTF-8 into u; its length. Invalid values give U+FFFD. */
size_t utf8_encode(char u[4], uint32_t cp);

/* Append code point cp as UTF-8; surrogates and values past U+10FFFF give U+FFFD. */
void utf8_put(struct strbuf *b, uint32_t cp);

/* The Unicode character of byte c in Windows code page 1252. */
uint32_t cp1252_char(unsigned char c);

/* The charset named name[0..len) (case-insensitive, MIME and Windows names). */
enum ostd_charset charset_lookup(const char *name, size_t len);

/*
 * Append s[0..n) in charset cs as UTF-8. A leading byte-order mark is dropped.
 * Bytes that are not valid UTF-8 (in a UTF-8 or US-ASCII text) are read as CP1252,
 * since mail that lies about its charset is usually Windows text; an unpaired
 * UTF-16 surrogate or an odd trailing byte becomes U+FFFD.
 */
void charset_to_utf8(struct strbuf *out, const char *s, size_t n,
    enum ostd_charset cs);

/*
 * Append s[0..n), UTF-8 with errors in it: well-formed sequences as they are, each
 * byte that is not part of one read as CP1252 (cp1252) or as U+FFFD. Returns the
 * number of such bytes.
 */
size_t utf8_repair(struct strbuf *out, const char *s, size_t n, bool cp1252);

/*
 * Is s[0..n) well-formed UTF-8? *multibyte (may be NULL) gets the number of
 * sequences longer than a byte.
 */
bool utf8_well_formed(const char *s, size_t n, size_t *multibyte);

/* How far into an HTML document a <meta> naming its charset is looked for. */
#define HTML_PRESCAN 4096

/*
 * The charset HTML s[0..n) declares in a <meta> element in its first
 * HTML_PRESCAN bytes, <meta charset="x"> or <meta http-equiv=Content-Type
 * content="text/html; charset=x">: true with *cs set, false when it names
 * none. A declared UTF-16 gives UTF-8, as in web browsers: a document whose
 * declaration reads as ASCII is not UTF-16.
 */
bool html_meta_charset(const char *s, size_t n, enum ostd_charset *cs);

/*
 * Append the text of UTF-8 HTML s[0..n) as plain lines: tags dropped, the
 * contents of style, script, title and Office xml elements dropped, comments
 * dropped, whitespace collapsed outside <pre>, a line break at <br> and around
 * block elements, a tab between table cells, character references decoded
 * (&nbsp; becomes a plain space, dropped at the end of a line outside <pre>).
 * Word's markup is understood: a <span style='mso-tab-count:N'> is N tabs
 * (none at the start of a line); <o:p> is dropped like any unknown tag, a
 * conditional comment (<!--[if gte mso 9]>...<![endif]-->) with what it holds,
 * the markers of a conditional section (<![if !supportLists]>) without it.
 * A non-empty result ends in '\n'.
 */
void html_to_text(struct strbuf *out, const char *s, size_t n);

/* Days from 1970-01-01 to the proleptic Gregorian date y-m-d. */
long long days_from_civil(int y, int m, int d);

/* Days in month m (1-12) of year y. */
int days_in_month(int y, int m);

/* Month 1-12 from an English month name or its first three letters, else 0. */
int month_from_name(const char *s, size_t len);

/* 1 when s[0..len) is an English weekday name or its first three letters. */
int is_weekday_name(const char *s, size_t len);

#endif
