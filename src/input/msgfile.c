/*
 * msgfile.c: Outlook .msg files (MS-OXMSG). A message is the root storage of a
 * compound file: each variable-length property is a stream named
 * __substg1.0_<id><type> (four hex digits each), and the fixed-size ones (times,
 * flags, code pages) are 16-byte entries of the __properties_version1.0 stream,
 * after a 32-byte header in the message's own storage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/msgfile.h"
#include "ostdiag/rtf.h"
#include "input/cfb.h"
#include "input/lzfu.h"
#include "input/textconv.h"
#include "util/bytes.h"
#include "util/util.h"

#define PT_LONG		0x0003u
#define PT_SYSTIME	0x0040u
#define PT_STRING8	0x001Eu
#define PT_UNICODE	0x001Fu
#define PT_BINARY	0x0102u

#define PID_SUBJECT	0x0037u
#define PID_BODY	0x1000u
#define PID_RTF		0x1009u
#define PID_HTML	0x1013u

#define TAG_SUBMIT_TIME		0x00390040u	/* PR_CLIENT_SUBMIT_TIME */
#define TAG_DELIVERY_TIME	0x0E060040u	/* PR_MESSAGE_DELIVERY_TIME */
#define TAG_MESSAGE_FLAGS	0x0E070003u	/* PR_MESSAGE_FLAGS */
#define TAG_CREATION_TIME	0x30070040u	/* PR_CREATION_TIME */
#define TAG_MODIFY_TIME		0x30080040u	/* PR_LAST_MODIFICATION_TIME */
#define TAG_INTERNET_CPID	0x3FDE0003u	/* PR_INTERNET_CPID */
#define TAG_MESSAGE_CODEPAGE	0x3FFD0003u	/* PR_MESSAGE_CODEPAGE */

#define MSGFLAG_UNSENT		0x0008u

#define PROPS_STREAM	"__properties_version1.0"
#define PROPS_HEADER	32	/* of the top-level message */
#define PROP_ENTRY	16

#define SUBJECT_MAX	((size_t)1 << 20)

/* FILETIME of 1970-01-01 (100 ns units since 1601) */
#define FILETIME_1970	116444736000000000ull

/* The fixed-size property entries of the message. */
struct props {
	const unsigned char *p;
	size_t n;
};

/* The 8-byte value of the entry with this tag: 1 found, 0 absent. */
static int
prop_value(const struct props *pr, uint32_t tag, uint64_t *val)
{
	for (size_t o = PROPS_HEADER; pr->n - o >= PROP_ENTRY; o += PROP_ENTRY)
		if (le32(pr->p + o) == tag) {
			*val = le64(pr->p + o + 8);
			return 1;
		}
	return 0;
}

/* A PT_SYSTIME entry as seconds since 1970: 1 found, 0 absent or out of range. */
static int
prop_time(const struct props *pr, uint32_t tag, long long *t)
{
	uint64_t ft;

	if (!prop_value(pr, tag, &ft) || ft < FILETIME_1970 || ft >> 62 != 0)
		return 0;
	*t = (long long)((ft - FILETIME_1970) / 10000000u);
	return 1;
}

/* The date of the message, as ostdiag/msgfile.h describes it; -1 for none. */
static long long
message_date(const struct props *pr)
{
	uint64_t flags = 0;
	long long t;

	if (prop_time(pr, TAG_SUBMIT_TIME, &t))
		return t;
	if (prop_value(pr, TAG_MESSAGE_FLAGS, &flags) &&
	    (flags & MSGFLAG_UNSENT) != 0 &&
	    (prop_time(pr, TAG_MODIFY_TIME, &t) ||
	    prop_time(pr, TAG_CREATION_TIME, &t)))
		return t;
	if (prop_time(pr, TAG_DELIVERY_TIME, &t))
		return t;
	return -1;
}

/* The charset of a Windows code page number; unknown ones read as CP1252. */
static enum ostd_charset
codepage_charset(uint64_t cp)
{
	switch (cp & 0xFFFFFFFFu) {
	case 65001:
		return OSTD_CS_UTF8;
	case 20127:
		return OSTD_CS_ASCII;
	case 28591:
		return OSTD_CS_LATIN1;
	case 1200:
		return OSTD_CS_UTF16LE;
	case 1201:
		return OSTD_CS_UTF16BE;
	default:
		return OSTD_CS_CP1252;
	}
}

/* The charset of PT_STRING8 properties, for the subject (message) or body. */
static enum ostd_charset
string8_charset(const struct props *pr, int body)
{
	uint64_t cp;

	if (!body && prop_value(pr, TAG_MESSAGE_CODEPAGE, &cp))
		return codepage_charset(cp);
	if (prop_value(pr, TAG_INTERNET_CPID, &cp))
		return codepage_charset(cp);
	if (prop_value(pr, TAG_MESSAGE_CODEPAGE, &cp))
		return codepage_charset(cp);
	return OSTD_CS_CP1252;
}

/* Read the stream of property id and type: 0 read, 1 absent, -1 error. */
static int
read_prop(const struct cfb *c, unsigned id, unsigned type, size_t max,
    unsigned char **data, size_t *len, char **err)
{
	char name[32];

	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", id, type);
	return cfb_read_named(c, CFB_ROOT, name, max, data, len, err);
}

/*
 * Remove NUL characters from text[0..*len), so that the text is a C string of
 * *len bytes; a stored string usually ends in one, a damaged one may hold more.
 */
static void
drop_nuls(char *text, size_t *len)
{
	size_t o = 0;

	for (size_t i = 0; i < *len; i++)
		if (text[i] != '\0')
			text[o++] = text[i];
	text[o] = '\0';
	*len = o;
}

/*
 * Convert a string property to UTF-8 text without NUL characters; NULL when
 * nothing is left.
 */
static char *
prop_text(const unsigned char *d, size_t n, enum ostd_charset cs,
    size_t *outlen)
{
	struct strbuf b;

	strbuf_init(&b, 0);
	charset_to_utf8(&b, (const char *)d, n, cs);
	if (b.data != NULL)
		drop_nuls(b.data, &b.len);
	if (b.len == 0) {
		strbuf_free(&b);
		return NULL;
	}
	*outlen = b.len;
	return strbuf_detach(&b);
}

/*
 * Read a text property, Unicode first, then ANSI in charset cs: 0 with *text
 * (NULL when absent or empty) and *which set to the type found, -1 on error.
 */
static int
read_text(const struct cfb *c, unsigned id, enum ostd_charset cs, size_t max,
    char **text, size_t *len, unsigned *which, char **err)
{
	static const unsigned types[] = { PT_UNICODE, PT_STRING8 };
	unsigned char *d;
	size_t n;
	int rc;

	*text = NULL;
	*len = 0;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if ((rc = read_prop(c, id, types[i], max, &d, &n, err)) == -1)
			return -1;
		if (rc == 1)
			continue;
		*text = prop_text(d, n, types[i] == PT_UNICODE ?
		    OSTD_CS_UTF16LE : cs, len);
		free(d);
		if (*text != NULL) {
			*which = types[i];
			return 0;
		}
	}
	return 0;
}

/*
 * The body from PR_RTF_COMPRESSED: 0 with *text (NULL if absent), 1 with
 * *text and *err saying what damage was read around, or -1.
 */
static int
rtf_body(const struct cfb *c, char **text, size_t *len, char **err)
{
	unsigned char *d;
	char *rtf, *cause = NULL;
	size_t n, rtflen;
	int rc;

	*text = NULL;
	if ((rc = read_prop(c, PID_RTF, PT_BINARY, OSTD_MSG_MAX_FILE, &d, &n,
	    err)) != 0)
		return rc == 1 ? 0 : -1;
	rc = lzfu_decompress(d, n, LZFU_MAX_OUT, &rtf, &rtflen, err);
	free(d);
	if (rc == -1)
		return -1;
	/* A damaged document (1) still gives its text; only -1 gives none. */
	rc = ostd_rtf_to_text(rtf, rtflen, text, len, &cause);
	free(rtf);
	if (rc == -1 || *text == NULL) {
		*text = NULL;
		*err = xasprintf("RTF body: %s", cause != NULL ? cause :
		    "cannot be read");
		free(cause);
		return -1;
	}
	drop_nuls(*text, len);
	if (*len == 0) {
		free(*text);
		*text = NULL;
	}
	if (rc == 1 && *text != NULL) {
		*err = xasprintf("RTF body: %s", cause != NULL ? cause :
		    "damaged");
		free(cause);
		return 1;
	}
	free(cause);
	return 0;
}

/* The body from PR_HTML, tags removed: 0 with *text (NULL if absent), or -1. */
static int
html_body(const struct cfb *c, const struct props *pr, char **text,
    size_t *len, char **err)
{
	unsigned char *d;
	char *html;
	size_t n, hlen;
	unsigned which;
	int rc;
	struct strbuf b;

	*text = NULL;
	if (read_text(c, PID_HTML, string8_charset(pr, 1), OSTD_MSG_MAX_FILE,
	    &html, &hlen, &which, err) == -1)
		return -1;
	if (html == NULL) {
		/* PT_BINARY: bytes in the body's code page. */
		if ((rc = read_prop(c, PID_HTML, PT_BINARY, OSTD_MSG_MAX_FILE,
		    &d, &n, err)) != 0)
			return rc == 1 ? 0 : -1;
		html = prop_text(d, n, string8_charset(pr, 1), &hlen);
		free(d);
		if (html == NULL)
			return 0;
	}
	strbuf_init(&b, 0);
	html_to_text(&b, html, hlen);
	free(html);
	if (b.data != NULL)
		drop_nuls(b.data, &b.len);
	if (b.len == 0) {
		strbuf_free(&b);
		return 0;
	}
	*len = b.len;
	*text = strbuf_detach(&b);
	return 0;
}

/* Fill in the body and its source, the first of the kinds that is there. */
static int
read_body(const struct cfb *c, const struct props *pr, struct ostd_message *m,
    char **err)
{
	unsigned which;
	int rc;

	if (read_text(c, PID_BODY, string8_charset(pr, 1), OSTD_MSG_MAX_FILE,
	    &m->body, &m->body_len, &which, err) == -1)
		return -1;
	if (m->body != NULL) {
		m->body_source = which == PT_UNICODE ? "unicode" : "ansi";
		return 0;
	}
	if ((rc = rtf_body(c, &m->body, &m->body_len, err)) == -1)
		return -1;
	if (m->body != NULL) {
		m->body_source = "rtf";
		return rc;
	}
	if (html_body(c, pr, &m->body, &m->body_len, err) == -1)
		return -1;
	if (m->body != NULL) {
		m->body_source = "html";
		return 0;
	}
	m->body = xstrdup("");
	m->body_len = 0;
	return 0;
}

int
ostd_msg_read(const unsigned char *buf, size_t len, struct ostd_message *out,
    char **err)
{
	struct cfb *c = NULL;
	struct props pr;
	unsigned char *props = NULL;
	size_t plen, slen;
	unsigned which;
	int rc;

	memset(out, 0, sizeof(*out));
	out->date = -1;
	*err = NULL;
	if (len > OSTD_MSG_MAX_FILE) {
		*err = xasprintf("file of %zu bytes over the limit of %zu", len,
		    OSTD_MSG_MAX_FILE);
		return -1;
	}
	if (cfb_open(buf, len, &c, err) == -1)
		return -1;
	rc = cfb_read_named(c, CFB_ROOT, PROPS_STREAM, OSTD_MSG_MAX_FILE,
	    &props, &plen, err);
	if (rc == 1)
		*err = xstrdup("not an Outlook message: no " PROPS_STREAM
		    " stream");
	else if (rc == 0 && plen < PROPS_HEADER)
		*err = xasprintf("%s: %zu bytes, shorter than its %d-byte "
		    "header", PROPS_STREAM, plen, PROPS_HEADER);
	if (*err != NULL)
		goto fail;
	pr.p = props;
	pr.n = plen;
	if (read_text(c, PID_SUBJECT, string8_charset(&pr, 0), SUBJECT_MAX,
	    &out->subject, &slen, &which, err) == -1 ||
	    (rc = read_body(c, &pr, out, err)) == -1)
		goto fail;
	out->date = message_date(&pr);
	free(props);
	cfb_free(&c);
	return rc;
fail:
	free(props);
	cfb_free(&c);
	ostd_message_free(out);
	return -1;
}
