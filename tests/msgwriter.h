/*
 * msgwriter.h: a test-only writer of small Outlook .msg files, to make ostdiag's
 * own fixtures (sync logs saved as messages) and damaged variants of them.
 *
 * The file is a version 3 compound file (512-byte sectors) whose root storage
 * holds the message: __properties_version1.0 (submit time, code page, string
 * sizes), PR_MESSAGE_CLASS, PR_SUBJECT, and one body: PR_BODY in Unicode or ANSI
 * (Windows-1252), or PR_RTF_COMPRESSED, stored uncompressed ("MELA") or really
 * compressed ("LZFu", by the small compressor below), or PR_HTML (UTF-8, with
 * PR_INTERNET_CPID 65001). Streams shorter than 4096
 * bytes go to the mini stream; the directory is a balanced red-black tree; a FAT
 * of more than 109 sectors continues in DIFAT sectors.
 *
 * Everything is static inline so that a test or tool includes it alone; it links
 * against libostdiag only for lzfu_prebuf and lzfu_crc32.
 */
#ifndef OSTD_MSGWRITER_H
#define OSTD_MSGWRITER_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/lzfu.h"

enum msgw_body {
	MSGW_UNICODE,		/* __substg1.0_1000001F */
	MSGW_ANSI,		/* __substg1.0_1000001E, Windows-1252 */
	MSGW_RTF_STORED,	/* __substg1.0_10090102, "MELA" */
	MSGW_RTF_LZFU,		/* __substg1.0_10090102, "LZFu" */
	MSGW_HTML,		/* __substg1.0_10130102, UTF-8, in a <pre> */
	MSGW_NO_BODY
};

struct msgw_options {
	const char *subject;		/* UTF-8; NULL: none */
	int subject_ansi;		/* store it as PT_STRING8 */
	const char *body;		/* UTF-8 text, lines ending in '\n' */
	size_t body_len;
	enum msgw_body kind;
	long long submit_time;		/* seconds since 1970; -1: none */
	unsigned codepage;		/* PR_MESSAGE_CODEPAGE; 0: none */
	const char *rtf;		/* MSGW_RTF_*: this RTF, not body's */
	size_t rtf_len;
};

#define MSGW_MAX_STREAMS	16
#define MSGW_SECTOR		512u
#define MSGW_MINI		64u
#define MSGW_CUTOFF		4096u
#define MSGW_END		0xFFFFFFFEu
#define MSGW_FREE		0xFFFFFFFFu

/* A growable byte buffer. */
struct msgw_buf {
	unsigned char *p;
	size_t n, cap;
};

static inline void
msgw_put(struct msgw_buf *b, const void *data, size_t n)
{
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->n + n)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (b->p == NULL)
			abort();
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->n, data, n);
	b->n += n;
}

static inline void
msgw_byte(struct msgw_buf *b, unsigned c)
{
	unsigned char x = (unsigned char)c;

	msgw_put(b, &x, 1);
}

static inline void
msgw_str(struct msgw_buf *b, const char *s)
{
	msgw_put(b, s, strlen(s));
}

static inline void
msgw_le16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static inline void
msgw_le32(unsigned char *p, uint32_t v)
{
	msgw_le16(p, v);
	msgw_le16(p + 2, v >> 16);
}

/* Decode one UTF-8 character of s[*i..n) (bad bytes read as themselves). */
static inline uint32_t
msgw_utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[*i];
	size_t more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;

	if (more == 0 || n - *i <= more) {
		(*i)++;
		return c;
	}
	c &= 0x3Fu >> more;
	for (size_t k = 1; k <= more; k++)
		c = c << 6 | (u[*i + k] & 0x3F);
	*i += more + 1;
	return c;
}

/* UTF-8 to UTF-16LE. */
static inline void
msgw_utf16(struct msgw_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c = msgw_utf8_next(s, n, &i);
		unsigned char u[4];

		if (c >= 0x10000) {
			c -= 0x10000;
			msgw_le16(u, 0xD800 + (c >> 10));
			msgw_le16(u + 2, 0xDC00 + (c & 0x3FF));
			msgw_put(b, u, 4);
		} else {
			msgw_le16(u, c);
			msgw_put(b, u, 2);
		}
	}
}

/* The Windows-1252 byte of a character, or '?' when it has none. */
static inline unsigned
msgw_cp1252(uint32_t c)
{
	static const uint16_t high[32] = {
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
	};

	if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
		return c;
	for (unsigned i = 0; i < 32; i++)
		if (high[i] != 0 && high[i] == c)
			return 0x80 + i;
	return '?';
}

/* UTF-8 to Windows-1252. */
static inline void
msgw_ansi(struct msgw_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;)
		msgw_byte(b, msgw_cp1252(msgw_utf8_next(s, n, &i)));
}

/* Text as a small RTF document: one \par per line, non-ASCII as \uN?. */
static inline void
msgw_rtf(struct msgw_buf *b, const char *s, size_t n)
{
	msgw_str(b, "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fmodern "
	    "Courier New;}}\r\n\\uc1\\pard\\plain\\f0\\fs20 ");
	for (size_t i = 0; i < n;) {
		uint32_t c = msgw_utf8_next(s, n, &i);
		char tmp[32];

		if (c == '\\' || c == '{' || c == '}') {
			msgw_byte(b, '\\');
			msgw_byte(b, c);
		} else if (c == '\n')
			msgw_str(b, "\\par\r\n");
		else if (c == '\t')
			msgw_str(b, "\\tab ");
		else if (c == '\r')
			continue;
		else if (c < 0x80)
			msgw_byte(b, c);
		else if (c < 0x10000) {
			snprintf(tmp, sizeof(tmp), "\\u%d?", (int)(int16_t)c);
			msgw_str(b, tmp);
		} else {
			c -= 0x10000;
			snprintf(tmp, sizeof(tmp), "\\u%d?\\u%d?",
			    (int)(int16_t)(0xD800 + (c >> 10)),
			    (int)(int16_t)(0xDC00 + (c & 0x3FF)));
			msgw_str(b, tmp);
		}
	}
	msgw_str(b, "}\r\n");
}

/* Text as a small HTML document: in a <pre>, markup characters escaped. */
static inline void
msgw_html(struct msgw_buf *b, const char *s, size_t n)
{
	msgw_str(b, "<html><head><style>body { font-family: Consolas; }</style>"
	    "</head><body><pre>");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '<')
			msgw_str(b, "&lt;");
		else if (s[i] == '>')
			msgw_str(b, "&gt;");
		else if (s[i] == '&')
			msgw_str(b, "&amp;");
		else if (s[i] != '\r')
			msgw_byte(b, (unsigned char)s[i]);
	}
	msgw_str(b, "</pre></body></html>\r\n");
}

/* Wrap raw RTF in the uncompressed form of PR_RTF_COMPRESSED. */
static inline void
msgw_rtf_stored(struct msgw_buf *b, const unsigned char *rtf, size_t n)
{
	unsigned char h[16];

	msgw_le32(h, (uint32_t)n + 12);
	msgw_le32(h + 4, (uint32_t)n);
	msgw_le32(h + 8, LZFU_UNCOMPRESSED);
	msgw_le32(h + 12, 0);
	msgw_put(b, h, sizeof(h));
	msgw_put(b, rtf, n);
}

/*
 * Compress raw RTF into PR_RTF_COMPRESSED ("LZFu"): greedy longest matches in the
 * 4096-byte dictionary as the decompressor will see it, a match allowed to run
 * into the bytes it writes itself. An offset equal to the write position would
 * read as the end marker, so it is never used for a match.
 */
static inline void
msgw_rtf_lzfu(struct msgw_buf *b, const unsigned char *in, size_t n)
{
	unsigned char dict[4096], h[16];
	struct msgw_buf data = { 0 };
	unsigned wpos = LZFU_PREBUF_LEN;
	size_t p = 0, ctl_at = 0;
	unsigned ctl = 0, nbits = 8;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, lzfu_prebuf, LZFU_PREBUF_LEN);
	for (;;) {
		unsigned best_len = 0, best_off = 0;

		if (nbits == 8) {
			if (data.n > 0)
				data.p[ctl_at] = (unsigned char)ctl;
			ctl_at = data.n;
			msgw_byte(&data, 0);
			ctl = 0;
			nbits = 0;
		}
		if (p == n) {
			/* The end marker: a reference to the write position. */
			ctl |= 1u << nbits;
			msgw_byte(&data, wpos >> 4);
			msgw_byte(&data, (wpos & 0xF) << 4);
			break;
		}
		for (unsigned off = 0; off < 4096; off++) {
			unsigned len = 0;

			if (off == wpos)
				continue;
			while (len < 17 && p + len < n) {
				unsigned d = (off + len - wpos) & 4095;
				unsigned char c = d < len ? in[p + d] :
				    dict[(off + len) & 4095];

				if (c != in[p + len])
					break;
				len++;
			}
			if (len > best_len) {
				best_len = len;
				best_off = off;
			}
		}
		if (best_len >= 2) {
			unsigned ref = best_off << 4 | (best_len - 2);

			ctl |= 1u << nbits;
			msgw_byte(&data, ref >> 8);
			msgw_byte(&data, ref & 0xFF);
		} else {
			best_len = 1;
			msgw_byte(&data, in[p]);
		}
		for (unsigned i = 0; i < best_len; i++) {
			dict[wpos] = in[p++];
			wpos = (wpos + 1) & 4095;
		}
		nbits++;
	}
	data.p[ctl_at] = (unsigned char)ctl;
	msgw_le32(h, (uint32_t)data.n + 12);
	msgw_le32(h + 4, (uint32_t)n);
	msgw_le32(h + 8, LZFU_COMPRESSED);
	msgw_le32(h + 12, lzfu_crc32(0, data.p, data.n));
	msgw_put(b, h, sizeof(h));
	msgw_put(b, data.p, data.n);
	free(data.p);
}

struct msgw_stream {
	char name[32];
	struct msgw_buf data;
	uint32_t start;
	uint32_t left, right;
	int red;
};

/* CFB order of names: shorter first, then by upper-case letters. */
static inline int
msgw_name_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return la < lb ? -1 : 1;
	for (size_t i = 0; i < la; i++) {
		int ca = a[i] >= 'a' && a[i] <= 'z' ? a[i] - 32 : a[i];
		int cb = b[i] >= 'a' && b[i] <= 'z' ? b[i] - 32 : b[i];

		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return 0;
}

/* Link s[lo..hi] (sorted) as a balanced tree; its root's index or none. */
static inline uint32_t
msgw_tree(struct msgw_stream *s, int lo, int hi, int depth, int maxdepth)
{
	int mid;

	if (lo > hi)
		return MSGW_FREE;
	mid = (lo + hi) / 2;
	s[mid].left = msgw_tree(s, lo, mid - 1, depth + 1, maxdepth);
	s[mid].right = msgw_tree(s, mid + 1, hi, depth + 1, maxdepth);
	/* The deepest level red keeps every path's black count equal. */
	s[mid].red = depth == maxdepth && maxdepth > 0;
	return (uint32_t)mid + 1;	/* directory id: the root is 0 */
}

/* Write one directory entry. */
static inline void
msgw_dirent(unsigned char *e, const char *name, unsigned type, int red,
    uint32_t left, uint32_t right, uint32_t child, uint32_t start,
    uint32_t size)
{
	size_t n = strlen(name);

	memset(e, 0, 128);
	for (size_t i = 0; i < n; i++)
		msgw_le16(e + 2 * i, (unsigned char)name[i]);
	msgw_le16(e + 64, type != 0 ? (uint32_t)(n + 1) * 2 : 0);
	e[66] = (unsigned char)type;
	e[67] = red ? 0 : 1;
	msgw_le32(e + 68, left);
	msgw_le32(e + 72, right);
	msgw_le32(e + 76, child);
	msgw_le32(e + 116, start);
	msgw_le32(e + 120, size);
}

/* Chain n sectors from first in the FAT. */
static inline void
msgw_chain(uint32_t *fat, uint32_t first, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		fat[first + i] = i + 1 < n ? first + i + 1 : MSGW_END;
}

/* A compound file whose root storage holds the streams s[0..ns). */
static inline unsigned char *
msgw_cfb(struct msgw_stream *s, int ns, size_t *outlen)
{
	struct msgw_buf mini = { 0 };
	uint32_t nmini = 0, nbig = 0, ndir, dirsect, minifatsect, ministreamsect;
	uint32_t other, nfat = 1, ndif = 0, nsect, *fat, *minifat, next;
	uint32_t root_child;
	int maxdepth = 0;
	unsigned char *out, *h;

	/* Sort by CFB order (insertion sort: a handful of streams). */
	for (int i = 1; i < ns; i++)
		for (int j = i; j > 0 && msgw_name_cmp(s[j - 1].name,
		    s[j].name) > 0; j--) {
			struct msgw_stream t = s[j];

			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	while ((2 << maxdepth) <= ns)
		maxdepth++;
	root_child = msgw_tree(s, 0, ns - 1, 0, maxdepth);

	for (int i = 0; i < ns; i++) {
		size_t len = s[i].data.n;

		if (len == 0)
			s[i].start = MSGW_END;
		else if (len < MSGW_CUTOFF) {
			s[i].start = nmini;
			nmini += (uint32_t)((len + MSGW_MINI - 1) / MSGW_MINI);
		} else
			nbig += (uint32_t)((len + MSGW_SECTOR - 1) / MSGW_SECTOR);
	}
	minifat = calloc(nmini + 1, sizeof(*minifat));
	for (int i = 0; i < ns; i++) {
		size_t len = s[i].data.n;
		static const unsigned char zero[MSGW_MINI];

		if (len == 0 || len >= MSGW_CUTOFF)
			continue;
		msgw_chain(minifat, s[i].start,
		    (uint32_t)((len + MSGW_MINI - 1) / MSGW_MINI));
		msgw_put(&mini, s[i].data.p, len);
		msgw_put(&mini, zero, (MSGW_MINI - len % MSGW_MINI) % MSGW_MINI);
	}
	ndir = (uint32_t)ns + 1;
	dirsect = (ndir + 3) / 4;
	minifatsect = (nmini * 4 + MSGW_SECTOR - 1) / MSGW_SECTOR;
	ministreamsect = (uint32_t)((mini.n + MSGW_SECTOR - 1) / MSGW_SECTOR);
	other = dirsect + minifatsect + ministreamsect + nbig;
	for (;;) {
		ndif = nfat > 109 ? (nfat - 109 + 126) / 127 : 0;
		if (nfat * 128 >= other + nfat + ndif)
			break;
		nfat++;
	}
	nsect = nfat + ndif + other;
	fat = malloc((size_t)nfat * 128 * sizeof(*fat));
	for (uint32_t i = 0; i < nfat * 128; i++)
		fat[i] = MSGW_FREE;
	for (uint32_t i = 0; i < nfat; i++)
		fat[i] = 0xFFFFFFFDu;
	for (uint32_t i = 0; i < ndif; i++)
		fat[nfat + i] = 0xFFFFFFFCu;
	next = nfat + ndif;
	msgw_chain(fat, next, dirsect);
	next += dirsect;
	msgw_chain(fat, next, minifatsect);
	next += minifatsect;
	msgw_chain(fat, next, ministreamsect);
	next += ministreamsect;
	for (int i = 0; i < ns; i++) {
		uint32_t k;

		if (s[i].data.n < MSGW_CUTOFF)
			continue;
		k = (uint32_t)((s[i].data.n + MSGW_SECTOR - 1) / MSGW_SECTOR);
		s[i].start = next;
		msgw_chain(fat, next, k);
		next += k;
	}

	*outlen = (size_t)(nsect + 1) * MSGW_SECTOR;
	out = calloc(1, *outlen);
	h = out;
	memcpy(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	msgw_le16(h + 24, 0x003E);
	msgw_le16(h + 26, 3);
	msgw_le16(h + 28, 0xFFFE);
	msgw_le16(h + 30, 9);
	msgw_le16(h + 32, 6);
	msgw_le32(h + 44, nfat);
	msgw_le32(h + 48, nfat + ndif);
	msgw_le32(h + 56, MSGW_CUTOFF);
	msgw_le32(h + 60, minifatsect ? nfat + ndif + dirsect : MSGW_END);
	msgw_le32(h + 64, minifatsect);
	msgw_le32(h + 68, ndif ? nfat : MSGW_END);
	msgw_le32(h + 72, ndif);
	for (uint32_t i = 0; i < 109; i++)
		msgw_le32(h + 76 + 4 * i, i < nfat ? i : MSGW_FREE);
	/* DIFAT sectors: the FAT sectors the header does not list. */
	for (uint32_t d = 0, f = 109; d < ndif; d++) {
		unsigned char *sec = out + (size_t)(nfat + d + 1) * MSGW_SECTOR;

		for (uint32_t i = 0; i < 127; i++, f++)
			msgw_le32(sec + 4 * i, f < nfat ? f : MSGW_FREE);
		msgw_le32(sec + 508, d + 1 < ndif ? nfat + d + 1 : MSGW_END);
	}
	for (uint32_t i = 0; i < nfat * 128; i++)
		msgw_le32(out + MSGW_SECTOR + 4 * (size_t)i, fat[i]);
	/* Directory */
	{
		unsigned char *dir = out + (size_t)(nfat + ndif + 1) *
		    MSGW_SECTOR;

		msgw_dirent(dir, "Root Entry", 5, 0, MSGW_FREE, MSGW_FREE,
		    root_child, mini.n ? nfat + ndif + dirsect + minifatsect :
		    MSGW_END, (uint32_t)mini.n);
		for (int i = 0; i < ns; i++)
			msgw_dirent(dir + 128 * (size_t)(i + 1), s[i].name, 2,
			    s[i].red, s[i].left, s[i].right, MSGW_FREE,
			    s[i].start, (uint32_t)s[i].data.n);
		for (uint32_t i = ndir; i < dirsect * 4; i++)
			msgw_dirent(dir + 128 * (size_t)i, "", 0, 0, MSGW_FREE,
			    MSGW_FREE, MSGW_FREE, 0, 0);
	}
	for (uint32_t i = 0; i < nmini; i++)
		msgw_le32(out + (size_t)(nfat + ndif + dirsect + 1) * MSGW_SECTOR +
		    4 * (size_t)i, minifat[i]);
	for (uint32_t i = nmini; i < minifatsect * 128; i++)
		msgw_le32(out + (size_t)(nfat + ndif + dirsect + 1) * MSGW_SECTOR +
		    4 * (size_t)i, MSGW_FREE);
	if (mini.n > 0)
		memcpy(out + (size_t)(nfat + ndif + dirsect + minifatsect + 1) *
		    MSGW_SECTOR, mini.p, mini.n);
	for (int i = 0; i < ns; i++)
		if (s[i].data.n >= MSGW_CUTOFF)
			memcpy(out + ((size_t)s[i].start + 1) * MSGW_SECTOR,
			    s[i].data.p, s[i].data.n);
	free(fat);
	free(minifat);
	free(mini.p);
	return out;
}

/* One 16-byte entry of __properties_version1.0. */
static inline void
msgw_prop(struct msgw_buf *b, uint32_t tag, uint32_t lo, uint32_t hi)
{
	unsigned char e[16];

	msgw_le32(e, tag);
	msgw_le32(e + 4, 6);		/* readable, writable */
	msgw_le32(e + 8, lo);
	msgw_le32(e + 12, hi);
	msgw_put(b, e, sizeof(e));
}

/* A new stream named __substg1.0_<tag> in s[*ns]. */
static inline struct msgw_buf *
msgw_substg(struct msgw_stream *s, int *ns, uint32_t tag)
{
	struct msgw_stream *st = &s[(*ns)++];

	memset(st, 0, sizeof(*st));
	snprintf(st->name, sizeof(st->name), "__substg1.0_%08X", tag);
	return &st->data;
}

/* The .msg file the options describe; free the result. */
static inline unsigned char *
msgw_build(const struct msgw_options *o, size_t *outlen)
{
	struct msgw_stream s[MSGW_MAX_STREAMS];
	struct msgw_buf props = { 0 }, *b, rtf = { 0 };
	unsigned char hdr[32];
	int ns = 0;
	unsigned char *out;

	memset(hdr, 0, sizeof(hdr));
	msgw_put(&props, hdr, sizeof(hdr));
	b = msgw_substg(s, &ns, 0x001A001F);
	msgw_utf16(b, "IPM.Note", 8);
	msgw_prop(&props, 0x001A001F, (uint32_t)b->n + 2, 0);
	if (o->subject != NULL) {
		if (o->subject_ansi) {
			b = msgw_substg(s, &ns, 0x0037001E);
			msgw_ansi(b, o->subject, strlen(o->subject));
			msgw_prop(&props, 0x0037001E, (uint32_t)b->n + 1, 0);
		} else {
			b = msgw_substg(s, &ns, 0x0037001F);
			msgw_utf16(b, o->subject, strlen(o->subject));
			msgw_prop(&props, 0x0037001F, (uint32_t)b->n + 2, 0);
		}
	}
	switch (o->kind) {
	case MSGW_UNICODE:
		b = msgw_substg(s, &ns, 0x1000001F);
		msgw_utf16(b, o->body, o->body_len);
		msgw_prop(&props, 0x1000001F, (uint32_t)b->n + 2, 0);
		break;
	case MSGW_ANSI:
		b = msgw_substg(s, &ns, 0x1000001E);
		msgw_ansi(b, o->body, o->body_len);
		msgw_prop(&props, 0x1000001E, (uint32_t)b->n + 1, 0);
		break;
	case MSGW_RTF_STORED:
	case MSGW_RTF_LZFU:
		if (o->rtf != NULL)
			msgw_put(&rtf, o->rtf, o->rtf_len);
		else
			msgw_rtf(&rtf, o->body, o->body_len);
		b = msgw_substg(s, &ns, 0x10090102);
		if (o->kind == MSGW_RTF_STORED)
			msgw_rtf_stored(b, rtf.p, rtf.n);
		else
			msgw_rtf_lzfu(b, rtf.p, rtf.n);
		msgw_prop(&props, 0x10090102, (uint32_t)b->n, 0);
		free(rtf.p);
		break;
	case MSGW_HTML:
		b = msgw_substg(s, &ns, 0x10130102);
		msgw_html(b, o->body, o->body_len);
		msgw_prop(&props, 0x10130102, (uint32_t)b->n, 0);
		msgw_prop(&props, 0x3FDE0003, 65001, 0);	/* PR_INTERNET_CPID */
		break;
	case MSGW_NO_BODY:
		break;
	}
	if (o->submit_time >= 0) {
		uint64_t ft = ((uint64_t)o->submit_time + 11644473600ull) *
		    10000000ull;

		msgw_prop(&props, 0x00390040, (uint32_t)ft,
		    (uint32_t)(ft >> 32));
	}
	msgw_prop(&props, 0x0E070003, 1, 0);		/* PR_MESSAGE_FLAGS: read */
	if (o->codepage != 0)
		msgw_prop(&props, 0x3FFD0003, o->codepage, 0);
	memset(&s[ns], 0, sizeof(s[ns]));
	snprintf(s[ns].name, sizeof(s[ns].name), "__properties_version1.0");
	s[ns++].data = props;
	out = msgw_cfb(s, ns, outlen);
	for (int i = 0; i < ns; i++)
		free(s[i].data.p);
	return out;
}

#endif
