/*
 * test_msgfile.c: Outlook .msg files: the compound-file reader, compressed RTF,
 * and the message reader, on ostdiag's own fixtures (sync logs written by
 * msgwriter.h), on real Outlook files in ../shared/msg beside the repository,
 * and on damaged files.
 */
#include "testutil.h"

#include <strings.h>

#include "ostdiag/msgfile.h"
#include "ostdiag/rtf.h"
#include "input/cfb.h"
#include "input/lzfu.h"
#include "input/textconv.h"
#include "msgwriter.h"

#define SHARED_MSG	"../shared/msg"
#define PROPS_NAME	"__properties_version1.0"

/* The submit time of the fixtures: 2023-11-14 22:13:20 UTC. */
#define FIXTURE_TIME	1700000000LL
#define FIXTURE_SUBJECT	"Synchronization Log: Projekt \xe2\x80\x98Nord\xe2\x80\x99 " \
	"\xc3\x9c" "bersicht"

/* A whole file, or NULL when it cannot be read. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	do {
		if (*len == cap) {
			cap = cap ? cap * 2 : 16384;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n > 0);
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/* A copy in a buffer of exactly len bytes, so that ASan sees any over-read. */
static unsigned char *
exact_copy(const unsigned char *p, size_t len)
{
	unsigned char *q = malloc(len ? len : 1);

	assert_non_null(q);
	memcpy(q, p, len);
	return q;
}

/* A little-endian 32-bit value. */
static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/*
 * Text made comparable across line-end conventions: CR dropped before LF (and a
 * lone CR made LF), blanks at line ends dropped, blank lines at the end dropped.
 */
static char *
normalize(const char *s, size_t n)
{
	char *out = malloc(n + 2);
	size_t o = 0;

	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			c = '\n';
		}
		if (c == '\n')
			while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\t'))
				o--;
		out[o++] = c;
	}
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\t' ||
	    out[o - 1] == '\n'))
		o--;
	out[o] = '\0';
	return out;
}

/* Assert that two texts are equal once normalized. */
static void
assert_text_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	char *na = normalize(a, alen), *nb = normalize(b, blen);

	assert_string_equal(na, nb);
	free(na);
	free(nb);
}

/* Build a fixture from a sample log; the test owns the result. */
static unsigned char *
fixture(const char *log, enum msgw_body kind, unsigned codepage, size_t *len,
    unsigned char **text, size_t *text_len)
{
	struct msgw_options o;
	unsigned char *msg;

	*text = slurp(log, text_len);
	assert_non_null(*text);
	memset(&o, 0, sizeof(o));
	o.subject = FIXTURE_SUBJECT;
	o.subject_ansi = kind == MSGW_ANSI;
	o.body = (const char *)*text;
	o.body_len = *text_len;
	o.kind = kind;
	o.submit_time = FIXTURE_TIME;
	o.codepage = codepage;
	msg = msgw_build(&o, len);
	assert_non_null(msg);
	return msg;
}

/* Read a fixture and check subject, date and body against the log it holds. */
static void
check_fixture(const char *log, enum msgw_body kind, unsigned codepage,
    const char *source)
{
	struct ostd_message m;
	unsigned char *msg, *text;
	size_t len, text_len;
	char *err = NULL;

	msg = fixture(log, kind, codepage, &len, &text, &text_len);
	assert_int_equal(ostd_msg_read(msg, len, &m, &err), 0);
	assert_null(err);
	assert_string_equal(m.subject, FIXTURE_SUBJECT);
	assert_true(m.date == FIXTURE_TIME);
	assert_int_equal(m.has_offset, 0);
	assert_int_equal(m.utc_offset, 0);
	assert_string_equal(m.body_source, source);
	assert_int_equal(strlen(m.body), m.body_len);
	if (kind == MSGW_UNICODE || kind == MSGW_ANSI) {
		/* Byte for byte, line ends included. */
		assert_int_equal(m.body_len, text_len);
		assert_memory_equal(m.body, text, text_len);
	} else
		assert_text_equal(m.body, m.body_len, (const char *)text,
		    text_len);
	ostd_message_free(&m);
	assert_null(m.subject);
	assert_null(m.body);
	free(msg);
	free(text);
}

static void
test_fixture_unicode(void **state)
{
	(void)state;
	/* 4392 bytes: 8784 in UTF-16, so the body lives in regular sectors. */
	check_fixture("samples/repeats.log", MSGW_UNICODE, 0, "unicode");
	check_fixture("samples/orgforms.log", MSGW_UNICODE, 0, "unicode");
	/* UTF-8 with CRLF and typographic quotes; the mini stream. */
	check_fixture("samples/messy-2016.log", MSGW_UNICODE, 0, "unicode");
}

static void
test_fixture_ansi(void **state)
{
	(void)state;
	/* U+2018 and U+2019 are stored as 0x91 and 0x92 in Windows-1252. */
	check_fixture("samples/messy-2016.log", MSGW_ANSI, 0, "ansi");
	check_fixture("samples/messy-2016.log", MSGW_ANSI, 1252, "ansi");
	check_fixture("samples/repeats.log", MSGW_ANSI, 0, "ansi");
}

static void
test_fixture_ansi_codepage(void **state)
{
	struct ostd_message m;
	unsigned char *msg;
	size_t len;
	char *err = NULL;
	/* "Projekt 'Nord'" with U+2018/U+2019 as Windows-1252 bytes */
	static const char cp1252_body[] = "Projekt \x91Nord\x92\n";
	/* The same bytes read as UTF-8 would be invalid: stored as UTF-8. */
	static const char utf8_body[] = "Projekt \xe2\x80\x98Nord\xe2\x80\x99\n";

	(void)state;
	/*
	 * PR_MESSAGE_CODEPAGE 65001: ANSI properties hold UTF-8. Built by hand,
	 * as the writer stores ANSI text in Windows-1252.
	 */
	{
		struct msgw_stream s[3];
		struct msgw_buf props = { 0 };
		unsigned char hdr[32] = { 0 };
		int ns = 0;

		msgw_put(&props, hdr, sizeof(hdr));
		msgw_put(msgw_substg(s, &ns, 0x1000001E), utf8_body,
		    strlen(utf8_body));
		msgw_prop(&props, 0x1000001E, (uint32_t)strlen(utf8_body) + 1, 0);
		msgw_prop(&props, 0x3FFD0003, 65001, 0);
		memset(&s[ns], 0, sizeof(s[ns]));
		snprintf(s[ns].name, sizeof(s[ns].name), PROPS_NAME);
		s[ns++].data = props;
		msg = msgw_cfb(s, ns, &len);
		for (int i = 0; i < ns; i++)
			free(s[i].data.p);
	}
	assert_int_equal(ostd_msg_read(msg, len, &m, &err), 0);
	assert_string_equal(m.body, utf8_body);
	assert_string_equal(m.body_source, "ansi");
	assert_null(m.subject);
	assert_true(m.date == -1);
	ostd_message_free(&m);
	free(msg);

	/* No code page at all: Windows-1252. */
	{
		struct msgw_stream s[2];
		struct msgw_buf props = { 0 };
		unsigned char hdr[32] = { 0 };
		int ns = 0;

		msgw_put(&props, hdr, sizeof(hdr));
		msgw_put(msgw_substg(s, &ns, 0x1000001E), cp1252_body,
		    strlen(cp1252_body) + 1);	/* with its NUL */
		msgw_prop(&props, 0x1000001E, (uint32_t)strlen(cp1252_body) + 1,
		    0);
		memset(&s[ns], 0, sizeof(s[ns]));
		snprintf(s[ns].name, sizeof(s[ns].name), PROPS_NAME);
		s[ns++].data = props;
		msg = msgw_cfb(s, ns, &len);
		for (int i = 0; i < ns; i++)
			free(s[i].data.p);
	}
	assert_int_equal(ostd_msg_read(msg, len, &m, &err), 0);
	assert_string_equal(m.body, utf8_body);
	assert_int_equal(m.body_len, strlen(utf8_body));
	ostd_message_free(&m);
	free(msg);
}

static void
test_fixture_rtf(void **state)
{
	(void)state;
	check_fixture("samples/orgforms.log", MSGW_RTF_LZFU, 0, "rtf");
	check_fixture("samples/orgforms.log", MSGW_RTF_STORED, 0, "rtf");
	/* Longer than the 4096-byte dictionary: references wrap around it. */
	check_fixture("samples/repeats.log", MSGW_RTF_LZFU, 0, "rtf");
	check_fixture("samples/messy-2016.log", MSGW_RTF_LZFU, 0, "rtf");
}

/*
 * An RTF body whose log is followed by groups nested deeper than the reader
 * follows: the log is read, and the damage said (1 and a message).
 */
static void
test_damaged_rtf_body_read_around(void **state)
{
	struct msgw_options o;
	struct ostd_message m;
	struct msgw_buf rtf = { 0 };
	unsigned char *msg;
	size_t len;
	char *err = NULL;

	(void)state;
	msgw_str(&rtf, "{\\rtf1\\ansi 11:43:27 Error synchronizing folder\\par "
	    "11:43:27 [8004010F-501-0-521]\\par ");
	for (int i = 0; i < 300; i++)
		msgw_str(&rtf, "{");
	msgw_str(&rtf, "deep");
	for (int i = 0; i < 301; i++)
		msgw_str(&rtf, "}");
	memset(&o, 0, sizeof(o));
	o.subject = FIXTURE_SUBJECT;
	o.kind = MSGW_RTF_LZFU;
	o.submit_time = FIXTURE_TIME;
	o.rtf = (const char *)rtf.p;
	o.rtf_len = rtf.n;
	msg = msgw_build(&o, &len);
	assert_int_equal(ostd_msg_read(msg, len, &m, &err), 1);
	assert_non_null(err);
	assert_non_null(strstr(err, "RTF body: "));
	assert_string_equal(m.body_source, "rtf");
	assert_non_null(strstr(m.body, "[8004010F-501-0-521]"));
	free(err);
	ostd_message_free(&m);
	free(msg);
	free(rtf.p);
}

static void
test_fixture_html(void **state)
{
	(void)state;
	/* Tags and the style sheet dropped, the <pre> kept, &lt; and &gt; read. */
	check_fixture("samples/orgforms.log", MSGW_HTML, 0, "html");
	check_fixture("samples/messy-2016.log", MSGW_HTML, 0, "html");
}

static void
test_fixture_no_body(void **state)
{
	struct msgw_options o;
	struct ostd_message m;
	unsigned char *msg;
	size_t len;
	char *err = NULL;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.subject = "Synchronization Log:";
	o.kind = MSGW_NO_BODY;
	o.submit_time = -1;
	msg = msgw_build(&o, &len);
	assert_int_equal(ostd_msg_read(msg, len, &m, &err), 0);
	assert_string_equal(m.subject, "Synchronization Log:");
	assert_string_equal(m.body, "");
	assert_int_equal(m.body_len, 0);
	assert_null(m.body_source);
	assert_true(m.date == -1);
	ostd_message_free(&m);
	free(msg);
}

/* The log the fixtures in tests/fixtures hold (sync-cp1252.txt, in UTF-8). */
#define SYNC_TEXT \
	"9:14:02 Synchronizer Version 16.0.14326\r\n" \
	"9:14:02 Synchronizing Mailbox 'Jos\xc3\xa9 M\xc3\xbcller'\r\n" \
	"9:14:02 Synchronizing Hierarchy\r\n" \
	"9:14:03 Synchronizing server changes in folder " \
	"'Entw\xc3\xbcrfe'\r\n" \
	"9:14:03 Error synchronizing folder\r\n" \
	"9:14:03 \t\t [8004010F-501-0-0]\r\n" \
	"9:14:03 \t\t The client operation failed.\r\n" \
	"9:14:04 Done\r\n"
#define SYNC_TIME	1772525702LL	/* 2026-03-03 08:15:02 UTC */

/*
 * The .msg fixtures of tests/fixtures, made by tests/mkmsg.c:
 *   mkmsg [-a | -R] -s "Synchronization Log:" -t 1772525702 sync.txt out.msg
 * They are what the writer makes today, and read back as the log.
 */
static void
test_fixture_files(void **state)
{
	static const struct {
		const char *path;
		enum msgw_body kind;
		const char *source;
	} files[] = {
		{ "tests/fixtures/sync-unicode.msg", MSGW_UNICODE, "unicode" },
		{ "tests/fixtures/sync-ansi.msg", MSGW_ANSI, "ansi" },
		{ "tests/fixtures/sync-rtf.msg", MSGW_RTF_LZFU, "rtf" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct msgw_options o;
		struct ostd_message m;
		unsigned char *file, *made;
		size_t flen, mlen;
		char *err = NULL;

		file = slurp(files[i].path, &flen);
		assert_non_null(file);
		memset(&o, 0, sizeof(o));
		o.subject = "Synchronization Log:";
		o.body = SYNC_TEXT;
		o.body_len = strlen(SYNC_TEXT);
		o.kind = files[i].kind;
		o.submit_time = SYNC_TIME;
		made = msgw_build(&o, &mlen);
		assert_int_equal(flen, mlen);
		assert_memory_equal(file, made, mlen);

		assert_int_equal(ostd_msg_read(file, flen, &m, &err), 0);
		assert_string_equal(m.subject, "Synchronization Log:");
		assert_true(m.date == SYNC_TIME);
		assert_string_equal(m.body_source, files[i].source);
		if (files[i].kind == MSGW_RTF_LZFU)
			assert_text_equal(m.body, m.body_len, SYNC_TEXT,
			    strlen(SYNC_TEXT));
		else
			assert_string_equal(m.body, SYNC_TEXT);
		ostd_message_free(&m);
		free(made);
		free(file);
	}
}

/* cfb_children callback: count the children, which must all be streams. */
static int
count_child(const struct cfb_entry *e, void *ctx)
{
	(*(int *)ctx)++;
	assert_int_equal(e->type, CFB_STREAM);
	return 0;
}

static void
test_cfb_directory(void **state)
{
	unsigned char *msg, *text, *data;
	size_t len, text_len, dlen;
	struct cfb *c;
	struct cfb_entry e;
	uint32_t id;
	char *err = NULL;
	int n = 0;

	(void)state;
	msg = fixture("samples/orgforms.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	assert_int_equal(cfb_open(msg, len, &c, &err), 0);
	assert_int_equal(cfb_entries(c), 8);	/* root, 4 streams, 3 unused */
	assert_int_equal(cfb_entry(c, CFB_ROOT, &e), 0);
	assert_string_equal(e.name, "Root Entry");
	assert_int_equal(e.type, CFB_ROOT_STORAGE);
	assert_int_equal(cfb_entry(c, 8, &e), -1);
	assert_int_equal(cfb_children(c, CFB_ROOT, count_child, &n, &err), 0);
	assert_int_equal(n, 4);
	/* Names are matched without case. */
	assert_int_equal(cfb_find(c, CFB_ROOT, "__SUBSTG1.0_0037001f", &id,
	    &err), 0);
	assert_int_equal(cfb_find(c, CFB_ROOT, "__substg1.0_0037001E", &id,
	    &err), 1);
	assert_int_equal(cfb_read_named(c, CFB_ROOT, "__substg1.0_001A001F",
	    100, &data, &dlen, &err), 0);
	assert_int_equal(dlen, 16);
	assert_memory_equal(data, "I\0P\0M\0.\0N\0o\0t\0e\0", 16);
	assert_int_equal(data[16], 0);
	free(data);
	/* A stream over the caller's limit. */
	assert_int_equal(cfb_read_named(c, CFB_ROOT, "__substg1.0_001A001F",
	    15, &data, &dlen, &err), -1);
	assert_string_equal(err, "__substg1.0_001A001F: stream of 16 bytes "
	    "over the limit of 15");
	free(err);
	err = NULL;
	/* A storage is not a stream. */
	assert_int_equal(cfb_read(c, CFB_ROOT, 100, &data, &dlen, &err), -1);
	assert_string_equal(err, "directory entry 0 is not a stream");
	free(err);
	cfb_free(&c);
	assert_null(c);
	cfb_free(&c);
	free(msg);
	free(text);
}

/* ---- Real Outlook files ------------------------------------------------- */

/* Is the shared folder there? Skip the test when it is not. */
static int
shared_present(void)
{
	FILE *f = fopen(SHARED_MSG "/README.md", "r");

	if (f == NULL)
		return 0;
	fclose(f);
	return 1;
}

#define NEED_SHARED() do {						\
	if (!shared_present()) {					\
		print_message("skipped: " SHARED_MSG " not present\n");	\
		skip();							\
	}								\
} while (0)

/* The value of header name in a MIME message's top-level header (unfolded). */
static char *
eml_header(const char *eml, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = eml;

	while (*p != '\0' && !(p[0] == '\r' && p[1] == '\n')) {
		const char *eol = strstr(p, "\r\n");

		assert_non_null(eol);
		if (strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
			const char *v = p + nlen + 1;

			while (*v == ' ')
				v++;
			return strndup(v, (size_t)(eol - v));
		}
		p = eol + 2;
	}
	return NULL;
}

/* Windows-1252 bytes 0x80-0x9F. */
static const unsigned short test_cp1252[32] = {
	0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
};

/*
 * The first text/plain part of a MIME message (8bit, as in the shared files),
 * converted to UTF-8 from its charset (UTF-8, US-ASCII or CP1252).
 */
static char *
eml_plain_body(const char *eml, size_t *len)
{
	const char *part = strstr(eml, "Content-Type: text/plain");
	const char *cs, *start, *end;
	int cp1252;
	struct msgw_buf b = { 0 };

	assert_non_null(part);
	cs = strstr(part, "charset=");
	assert_non_null(cs);
	cp1252 = strncasecmp(cs + 8, "CP1252", 6) == 0;
	start = strstr(part, "\r\n\r\n");
	assert_non_null(start);
	start += 4;
	end = strstr(start, "\r\n--");
	assert_non_null(end);
	for (const char *p = start; p < end; p++) {
		unsigned c = (unsigned char)*p;
		char u[4];

		if (cp1252 && c >= 0x80)
			msgw_put(&b, u, utf8_encode(u, c < 0xA0 ?
			    test_cp1252[c - 0x80] : c));
		else
			msgw_byte(&b, c);
	}
	msgw_byte(&b, 0);
	*len = b.n - 1;
	return (char *)b.p;
}

/* An RFC 5322 date ("Mon, 24 Sep 2007 15:28:03 +0200") in seconds since 1970. */
static long long
eml_date(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char mon[4], sign;
	int d, y, hh, mm, ss, off, m;
	long long days;

	assert_int_equal(sscanf(s, "%*3s, %d %3s %d %d:%d:%d %c%4d", &d, mon, &y,
	    &hh, &mm, &ss, &sign, &off), 8);
	m = (int)(strstr(months, mon) - months) / 3 + 1;
	days = days_from_civil(y, m, d);
	return days * 86400 + hh * 3600 + mm * 60 + ss -
	    (sign == '-' ? -1 : 1) * ((off / 100) * 3600 + (off % 100) * 60);
}

/* X.msg against X.eml: subject, date, plain body, and where the body came from. */
static void
check_twin(const char *name, const char *source)
{
	char path[256], *eml, *subject, *date, *body, *err = NULL;
	unsigned char *msg;
	size_t len, elen, blen;
	struct ostd_message m;

	snprintf(path, sizeof(path), SHARED_MSG "/%s.eml", name);
	eml = (char *)slurp(path, &elen);
	assert_non_null(eml);
	snprintf(path, sizeof(path), SHARED_MSG "/%s.msg", name);
	msg = slurp(path, &len);
	assert_non_null(msg);
	assert_int_equal(ostd_msg_read(msg, len, &m, &err), 0);
	assert_null(err);

	subject = eml_header(eml, "Subject");
	date = eml_header(eml, "Date");
	body = eml_plain_body(eml, &blen);
	assert_string_equal(m.subject, subject);
	assert_true(m.date == eml_date(date));
	assert_string_equal(m.body_source, source);
	assert_text_equal(m.body, m.body_len, body, blen);

	ostd_message_free(&m);
	free(subject);
	free(date);
	free(body);
	free(eml);
	free(msg);
}

static void
test_real_plain(void **state)
{
	(void)state;
	NEED_SHARED();
	check_twin("plain_unsent", "ansi");
	check_twin("plain_uc_unsent", "unicode");
	/* A CJK character in a Unicode body. */
	check_twin("plain_uc_wc_unsent", "unicode");
	/* Sent: the date is the submit time; an attachment storage beside it. */
	check_twin("plain_jpeg_attached", "ansi");
	/* Windows-1252 ANSI body with U+2026 as 0x85. */
	check_twin("charset", "ansi");
}

/* Decompress a file's PR_RTF_COMPRESSED stream. */
static char *
real_rtf(const char *name, size_t *len)
{
	char path[256], *rtf, *err = NULL;
	unsigned char *msg, *data;
	size_t mlen, dlen;
	struct cfb *c;

	snprintf(path, sizeof(path), SHARED_MSG "/%s.msg", name);
	msg = slurp(path, &mlen);
	assert_non_null(msg);
	assert_int_equal(cfb_open(msg, mlen, &c, &err), 0);
	assert_int_equal(cfb_read_named(c, CFB_ROOT, "__substg1.0_10090102",
	    1 << 20, &data, &dlen, &err), 0);
	assert_int_equal(lzfu_decompress(data, dlen, 0, &rtf, len, &err), 0);
	assert_null(err);
	free(data);
	cfb_free(&c);
	free(msg);
	return rtf;
}

static void
test_real_rtf(void **state)
{
	static const char *const names[] = { "rtf_unsent", "rtf_uc_unsent" };

	(void)state;
	NEED_SHARED();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[256], *rtf, *text, *err = NULL;
		unsigned char *msg;
		size_t rlen, tlen, mlen;
		struct ostd_message m;

		rtf = real_rtf(names[i], &rlen);
		assert_int_equal(rlen, 240);	/* the header's raw size */
		assert_memory_equal(rtf, "{\\rtf1\\ansi\\ansicpg1252", 22);
		/* It ends "}\r\n" and a NUL, counted in the raw size. */
		assert_memory_equal(rtf + rlen - 4, "}\r\n", 4);
		assert_int_equal(ostd_rtf_to_text(rtf, rlen, &text, &tlen, &err),
		    0);

		/* The plain body Outlook stored beside it says the same. */
		snprintf(path, sizeof(path), SHARED_MSG "/%s.msg", names[i]);
		msg = slurp(path, &mlen);
		assert_int_equal(ostd_msg_read(msg, mlen, &m, &err), 0);
		assert_string_equal(m.subject, "Test for MSGConvert -- rich text");
		assert_string_equal(m.body_source, i == 0 ? "ansi" : "unicode");
		assert_text_equal(text, tlen, m.body, m.body_len);
		assert_non_null(strstr(text, "This is a test"));
		ostd_message_free(&m);
		free(msg);
		free(text);
		free(rtf);
	}
}

static void
test_real_html(void **state)
{
	static const char *const names[] = { "html_unsent", "html_uc_unsent" };

	(void)state;
	NEED_SHARED();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[256], *err = NULL;
		unsigned char *msg;
		size_t mlen;
		struct ostd_message m;

		snprintf(path, sizeof(path), SHARED_MSG "/%s.msg", names[i]);
		msg = slurp(path, &mlen);
		assert_non_null(msg);
		assert_int_equal(ostd_msg_read(msg, mlen, &m, &err), 0);
		assert_string_equal(m.subject, "Test for MSGConvert -- HTML");
		assert_string_equal(m.body_source, i == 0 ? "ansi" : "unicode");
		assert_non_null(strstr(m.body, "This is a test"));
		/* Unsent: the last modification time, 2007-02-26 22:58:xx. */
		assert_true(m.date == (i == 0 ? 1172530695LL : 1172530712LL));
		ostd_message_free(&m);
		free(msg);
	}
}

/* ---- Damaged files ------------------------------------------------------ */

/* Read a damaged buffer: it must fail with a message, never crash. */
static char *
must_fail(const unsigned char *buf, size_t len)
{
	struct ostd_message m;
	unsigned char *copy = exact_copy(buf, len);
	char *err = NULL;

	assert_int_equal(ostd_msg_read(copy, len, &m, &err), -1);
	assert_non_null(err);
	assert_null(m.subject);
	assert_null(m.body);
	assert_true(m.date == -1);
	free(copy);
	return err;
}

/* Assert that a damaged buffer fails with exactly this message. */
static void
fails_with(const unsigned char *buf, size_t len, const char *want)
{
	char *err = must_fail(buf, len);

	assert_string_equal(err, want);
	free(err);
}

/* The FAT entry of sector s (the fixtures' FAT starts in sector 0). */
static unsigned char *
fat_slot(unsigned char *msg, uint32_t s)
{
	return msg + 512 + 4 * (size_t)s;
}

/* Directory entry id of a fixture (the directory follows the FAT sectors). */
static unsigned char *
dirent_at(unsigned char *msg, uint32_t id)
{
	return msg + ((size_t)get32(msg + 48) + 1) * 512 + 128 * (size_t)id;
}

/* The id of a named stream of a fixture. */
static uint32_t
stream_id(const unsigned char *msg, size_t len, const char *name)
{
	struct cfb *c;
	uint32_t id;
	char *err = NULL;

	assert_int_equal(cfb_open(msg, len, &c, &err), 0);
	assert_int_equal(cfb_find(c, CFB_ROOT, name, &id, &err), 0);
	cfb_free(&c);
	return id;
}

static void
test_damage_truncated(void **state)
{
	unsigned char *msg, *text;
	size_t len, text_len, failed = 0;
	struct ostd_message full, m;
	char *err = NULL, *e;

	(void)state;
	msg = fixture("samples/repeats.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	assert_int_equal(ostd_msg_read(msg, len, &full, &err), 0);
	/* Every length: an error, or (only padding lost) the same message. */
	for (size_t n = 0; n < len; n++) {
		unsigned char *copy = exact_copy(msg, n);

		if (ostd_msg_read(copy, n, &m, &err) == -1) {
			assert_non_null(err);
			assert_true(strlen(err) > 10);
			free(err);
			err = NULL;
			failed++;
		} else {
			assert_string_equal(m.body, full.body);
			assert_string_equal(m.subject, full.subject);
			ostd_message_free(&m);
		}
		free(copy);
	}
	/* Only the zero padding after the body's last byte may go. */
	assert_true(failed >= len - 512);
	e = must_fail(msg, 0);
	assert_string_equal(e, "not a compound file (no D0 CF 11 E0 A1 B1 1A E1 "
	    "signature)");
	free(e);
	fails_with(msg, 100, "truncated: 100 bytes, the header alone is 512");
	/* The last sector of the file is the body's last. */
	e = must_fail(msg, len - 1024);
	assert_non_null(strstr(e, "__substg1.0_1000001F: truncated: sector "));
	assert_non_null(strstr(e, " beyond end of file"));
	free(e);
	ostd_message_free(&full);
	free(msg);
	free(text);
}

static void
test_damage_fat_loop(void **state)
{
	unsigned char *msg, *text, *e;
	size_t len, text_len;
	uint32_t dirsect, id, start, saved;
	char want[128];

	(void)state;
	msg = fixture("samples/repeats.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	/* The body's chain: its third sector points back to its first. */
	id = stream_id(msg, len, "__substg1.0_1000001F");
	e = dirent_at(msg, id);
	start = get32(e + 116);
	msgw_le32(fat_slot(msg, start + 2), start);
	snprintf(want, sizeof(want), "__substg1.0_1000001F: sector chain loops "
	    "at sector %u", start);
	fails_with(msg, len, want);
	msgw_le32(fat_slot(msg, start + 2), start + 3);
	/* The directory's chain points at itself. */
	dirsect = get32(msg + 48);
	saved = get32(fat_slot(msg, dirsect));
	msgw_le32(fat_slot(msg, dirsect), dirsect);
	snprintf(want, sizeof(want), "directory: sector chain loops at sector "
	    "%u", dirsect);
	fails_with(msg, len, want);
	msgw_le32(fat_slot(msg, dirsect), saved);
	/* A chain into a free sector, and past the end of the file. */
	msgw_le32(fat_slot(msg, start + 2), MSGW_FREE);
	snprintf(want, sizeof(want), "__substg1.0_1000001F: sector chain reaches "
	    "a free sector (0xFFFFFFFF) after 3 sectors");
	fails_with(msg, len, want);
	msgw_le32(fat_slot(msg, start + 2), 5000);
	fails_with(msg, len, "__substg1.0_1000001F: truncated: sector 5000 "
	    "beyond end of file");
	msgw_le32(fat_slot(msg, start + 2), start + 3);
	/* The chain ends before the stream does. */
	msgw_le32(fat_slot(msg, start + 2), MSGW_END);
	fails_with(msg, len, "__substg1.0_1000001F: sector chain ends after 3 "
	    "sectors, 18 needed");
	free(msg);
	free(text);
}

static void
test_damage_mini_loop(void **state)
{
	unsigned char *msg, *text, *e, *minifat;
	size_t len, text_len;
	uint32_t id, start;
	char want[128];

	(void)state;
	msg = fixture("samples/orgforms.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	id = stream_id(msg, len, "__substg1.0_1000001F");
	e = dirent_at(msg, id);
	start = get32(e + 116);
	minifat = msg + ((size_t)get32(msg + 60) + 1) * 512;
	msgw_le32(minifat + 4 * (size_t)(start + 1), start);
	snprintf(want, sizeof(want), "__substg1.0_1000001F: mini sector chain "
	    "loops at mini sector %u", start);
	fails_with(msg, len, want);
	msgw_le32(minifat + 4 * (size_t)(start + 1), 100000);
	fails_with(msg, len, "__substg1.0_1000001F: mini sector 100000 beyond "
	    "the end of the mini stream");
	free(msg);
	free(text);
}

/*
 * A message whose body is some 9 MB of log, 18 MB in UTF-16: its FAT of over 236
 * sectors is listed by the header (109) and two DIFAT sectors.
 */
static unsigned char *
big_fixture(size_t *len, struct msgw_buf *big)
{
	struct msgw_options o;
	unsigned char *text;
	size_t text_len;

	text = slurp("samples/repeats.log", &text_len);
	assert_non_null(text);
	memset(big, 0, sizeof(*big));
	for (int i = 0; i < 2100; i++)
		msgw_put(big, text, text_len);
	free(text);
	memset(&o, 0, sizeof(o));
	o.subject = "big";
	o.kind = MSGW_UNICODE;
	o.body = (const char *)big->p;
	o.body_len = big->n;
	o.submit_time = FIXTURE_TIME;
	return msgw_build(&o, len);
}

static void
test_fixture_difat(void **state)
{
	struct msgw_buf big;
	struct ostd_message m;
	unsigned char *msg;
	size_t len;
	char *err = NULL;

	(void)state;
	msg = big_fixture(&len, &big);
	assert_true(get32(msg + 44) > 109 + 127);	/* FAT sectors */
	assert_int_equal(get32(msg + 72), 2);		/* DIFAT sectors */
	assert_int_equal(ostd_msg_read(msg, len, &m, &err), 0);
	assert_string_equal(m.subject, "big");
	assert_int_equal(m.body_len, big.n);
	assert_memory_equal(m.body, big.p, big.n);
	assert_true(m.date == FIXTURE_TIME);
	ostd_message_free(&m);
	free(msg);
	free(big.p);
}

static void
test_damage_difat_loop(void **state)
{
	struct msgw_buf big;
	unsigned char *msg, *d1, *d2;
	size_t len;
	uint32_t dif1, dif2, nsect;
	char want[128];

	(void)state;
	msg = big_fixture(&len, &big);
	nsect = (uint32_t)(len / 512 - 1);
	dif1 = get32(msg + 68);
	d1 = msg + ((size_t)dif1 + 1) * 512;
	dif2 = get32(d1 + 508);
	d2 = msg + ((size_t)dif2 + 1) * 512;
	assert_int_equal(get32(d2 + 508), MSGW_END);
	/* Claim more FAT sectors; the second DIFAT sector leads back to the first. */
	msgw_le32(msg + 44, 400);
	for (int i = 0; i < 127; i++)
		msgw_le32(d2 + 4 * i, 0);
	msgw_le32(d2 + 508, dif1);
	snprintf(want, sizeof(want), "DIFAT: sector chain loops at sector %u",
	    dif1);
	fails_with(msg, len, want);
	/* A DIFAT chain that stops short. */
	msgw_le32(d2 + 508, MSGW_END);
	fails_with(msg, len, "DIFAT: chain ends after 363 of 400 FAT sectors");
	/* A free sector in the list. */
	msgw_le32(msg + 44, 300);
	msgw_le32(d2 + 4 * 10, MSGW_FREE);
	fails_with(msg, len, "DIFAT: FAT sector 246 of 300 is listed as a free "
	    "sector (0xFFFFFFFF)");
	/* More FAT sectors than the file has. */
	msgw_le32(msg + 44, nsect + 1);
	snprintf(want, sizeof(want), "header claims %u FAT sectors, the file has "
	    "%u sectors", nsect + 1, nsect);
	fails_with(msg, len, want);
	free(msg);
	free(big.p);
}

static void
test_damage_directory(void **state)
{
	unsigned char *msg, *text, *root, *e;
	size_t len, text_len;
	uint32_t top;
	char want[128];

	(void)state;
	msg = fixture("samples/orgforms.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	root = dirent_at(msg, 0);
	top = get32(root + 76);
	e = dirent_at(msg, top);
	/* A sibling that is its own parent in the tree. */
	msgw_le32(e + 72, top);
	snprintf(want, sizeof(want), "directory: tree loops at entry %u", top);
	fails_with(msg, len, want);
	/* A child pointing back to the root storage. */
	msgw_le32(e + 72, 0);
	fails_with(msg, len, "directory: tree loops at entry 0");
	/* Out of range. */
	msgw_le32(e + 72, 1000);
	fails_with(msg, len, "directory: entry 1000 out of range (8 entries)");
	/* An unused entry in the tree. */
	msgw_le32(e + 72, 7);
	fails_with(msg, len, "directory: entry 7 in the tree has type 0");
	msgw_le32(e + 72, MSGW_FREE);
	/* The root entry is not a root. */
	root[66] = 1;
	fails_with(msg, len, "directory entry 0 has type 1, not the root "
	    "storage");
	root[66] = 5;
	/* No properties stream: not a message. */
	msgw_le32(root + 76, MSGW_FREE);
	fails_with(msg, len, "not an Outlook message: no __properties_version1.0 "
	    "stream");
	free(msg);
	free(text);
}

static void
test_damage_sizes(void **state)
{
	unsigned char *msg, *text, *e;
	size_t len, text_len;
	uint32_t id;

	(void)state;
	msg = fixture("samples/repeats.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	id = stream_id(msg, len, "__substg1.0_1000001F");
	e = dirent_at(msg, id);
	/* Far beyond any limit. */
	msgw_le32(e + 120, 0xFFFFFFF0u);
	fails_with(msg, len, "__substg1.0_1000001F: stream of 4294967280 bytes "
	    "over the limit of 67108864");
	/* Within the limit, beyond the file. */
	msgw_le32(e + 120, 1000000);
	fails_with(msg, len, "__substg1.0_1000001F: stream claims 1000000 bytes, "
	    "more than the file holds");
	msgw_le32(e + 120, (uint32_t)text_len * 2);
	/* A mini stream said to be bigger than the file. */
	e = dirent_at(msg, 0);
	msgw_le32(e + 120, 0x7FFFFFFF);
	fails_with(msg, len, "mini stream claims 2147483647 bytes, more than the "
	    "file holds");
	free(msg);
	free(text);
}

static void
test_damage_header(void **state)
{
	unsigned char *msg, *text;
	size_t len, text_len;

	(void)state;
	msg = fixture("samples/orgforms.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	msgw_le16(msg + 30, 10);
	fails_with(msg, len, "sector shift 10, expected 9 or 12");
	msgw_le16(msg + 30, 12);	/* 4096-byte sectors: the file is too short */
	fails_with(msg, len, "header claims 1 FAT sectors, the file has 0 "
	    "sectors");
	msgw_le16(msg + 30, 9);
	msgw_le16(msg + 28, 0xFEFF);
	fails_with(msg, len, "byte order mark 0xFEFF, expected 0xFFFE");
	msgw_le16(msg + 28, 0xFFFE);
	msgw_le32(msg + 56, 512);
	fails_with(msg, len, "mini stream cutoff 512, expected 4096");
	msgw_le32(msg + 56, 4096);
	msgw_le32(msg + 44, 0);
	fails_with(msg, len, "header lists no FAT sectors");
	free(msg);
	free(text);
}

/* A small deterministic generator for garbage. */
static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static void
test_damage_garbage(void **state)
{
	unsigned char *msg, *text, *buf;
	size_t len, text_len, ok = 0;
	uint32_t seed = 42;

	(void)state;
	/* Random bytes: not a compound file. */
	buf = calloc(1, 8192);
	for (size_t n = 0; n < 8192; n += 61) {
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)lcg(&seed);
		free(must_fail(buf, n));
	}
	/* The signature, then random bytes. */
	for (int round = 0; round < 200; round++) {
		size_t n = 512 + lcg(&seed) % 7680;

		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)lcg(&seed);
		memcpy(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
		if (round % 2) {	/* plausible header fields */
			msgw_le16(buf + 28, 0xFFFE);
			msgw_le16(buf + 30, 9);
			msgw_le16(buf + 32, 6);
			msgw_le32(buf + 56, 4096);
			msgw_le32(buf + 44, 1 + lcg(&seed) % 4);
		}
		free(must_fail(buf, n));
	}
	free(buf);
	/* A valid file with random bytes changed: no crash, whatever it says. */
	msg = fixture("samples/repeats.log", MSGW_UNICODE, 0, &len, &text,
	    &text_len);
	for (int round = 0; round < 3000; round++) {
		unsigned char *copy = exact_copy(msg, len);
		struct ostd_message m;
		char *err = NULL;
		int flips = 1 + (int)(lcg(&seed) % 4);

		for (int i = 0; i < flips; i++) {
			/* Mostly the header, FAT and directory: the first sectors. */
			size_t at = round % 3 ? lcg(&seed) % 2048 :
			    lcg(&seed) % len;

			copy[at] = (unsigned char)lcg(&seed);
		}
		if (ostd_msg_read(copy, len, &m, &err) == 0) {
			assert_null(err);
			assert_non_null(m.body);
			assert_int_equal(strlen(m.body), m.body_len);
			ok++;
			ostd_message_free(&m);
		} else {
			assert_non_null(err);
			free(err);
		}
		free(copy);
	}
	assert_true(ok > 0);
	free(msg);
	free(text);
}

/* ---- Compressed RTF ----------------------------------------------------- */

/* MS-OXRTFCP 4.1: simple compressed RTF. */
static const unsigned char spec_example1[] = {
	0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75,
	0xf1, 0xc5, 0xc7, 0xa7, 0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67,
	0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09,
	0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f,
	0xa0,
};

/* MS-OXRTFCP 4.2: a reference that reads bytes it writes itself. */
static const unsigned char spec_example2[] = {
	0x1a, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75,
	0xe2, 0xd4, 0x4b, 0x51, 0x41, 0x00, 0x04, 0x20, 0x57, 0x58, 0x59, 0x5a,
	0x0d, 0x6e, 0x7d, 0x01, 0x0e, 0xb0,
};

/* Decompress and compare with the expected text. */
static void
lzfu_gives(const unsigned char *in, size_t len, const char *want)
{
	unsigned char *copy = exact_copy(in, len);
	char *out = NULL, *err = NULL;
	size_t outlen;

	assert_int_equal(lzfu_decompress(copy, len, 0, &out, &outlen, &err), 0);
	assert_null(err);
	assert_int_equal(outlen, strlen(want));
	assert_string_equal(out, want);
	free(out);
	free(copy);
}

/* Decompress and expect this error. */
static void
lzfu_fails(const unsigned char *in, size_t len, size_t max, const char *want)
{
	unsigned char *copy = exact_copy(in, len);
	char *out = NULL, *err = NULL;
	size_t outlen;

	assert_int_equal(lzfu_decompress(copy, len, max, &out, &outlen, &err),
	    -1);
	assert_null(out);
	assert_non_null(err);
	if (want != NULL)
		assert_string_equal(err, want);
	free(err);
	free(copy);
}

static void
test_lzfu_spec_examples(void **state)
{
	(void)state;
	assert_int_equal(strlen(lzfu_prebuf), LZFU_PREBUF_LEN);
	lzfu_gives(spec_example1, sizeof(spec_example1),
	    "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
	lzfu_gives(spec_example2, sizeof(spec_example2),
	    "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}");
	/* The spec's CRC of example 1's content. */
	assert_true(lzfu_crc32(0, spec_example1 + 16, sizeof(spec_example1) -
	    16) == 0xA7C7C5F1u);
}

static void
test_lzfu_errors(void **state)
{
	unsigned char buf[64];
	static const unsigned char stored[] =
	    "\x16\0\0\0\x0a\0\0\0MELA\0\0\0\0{\\rtf1 hi}";

	(void)state;
	/* Stored as it is ("MELA"), and a stored one cut short. */
	lzfu_gives(stored, sizeof(stored) - 1, "{\\rtf1 hi}");
	lzfu_fails(stored, sizeof(stored) - 2, 0,
	    "compressed RTF: truncated: 9 bytes of 10 stored");
	/* Every truncation of the examples. */
	for (size_t n = 0; n < sizeof(spec_example1); n++)
		lzfu_fails(spec_example1, n, 0, NULL);
	for (size_t n = 0; n < sizeof(spec_example2); n++)
		lzfu_fails(spec_example2, n, 0, NULL);
	lzfu_fails(spec_example1, 10, 0,
	    "compressed RTF: truncated: 10 bytes, the header is 16");
	lzfu_fails(spec_example1, 40, 0,
	    "compressed RTF: truncated: 24 bytes of 33");
	/* One bit changed in the content: the CRC says so. */
	memcpy(buf, spec_example1, sizeof(spec_example1));
	buf[30] ^= 0x01;
	lzfu_fails(buf, sizeof(spec_example1), 0, NULL);
	{
		char *out, *err = NULL;
		size_t outlen;

		assert_int_equal(lzfu_decompress(buf, sizeof(spec_example1), 0,
		    &out, &outlen, &err), -1);
		assert_non_null(strstr(err, "CRC"));
		free(err);
	}
	/* A raw size smaller than the output. */
	memcpy(buf, spec_example1, sizeof(spec_example1));
	buf[4] = 10;
	lzfu_fails(buf, sizeof(spec_example1), 0,
	    "compressed RTF: output longer than 10 bytes");
	/* The caller's limit. */
	lzfu_fails(spec_example1, sizeof(spec_example1), 20,
	    "compressed RTF: raw size 43 over the limit of 20");
	/* A raw size beyond the absolute cap. */
	memcpy(buf, spec_example1, sizeof(spec_example1));
	msgw_le32(buf + 4, 0xFFFFFFFFu);
	lzfu_fails(buf, sizeof(spec_example1), 0,
	    "compressed RTF: raw size 4294967295 over the limit of 67108864");
	/* Unknown type. */
	memcpy(buf, spec_example1, sizeof(spec_example1));
	memcpy(buf + 8, "ABCD", 4);
	lzfu_fails(buf, sizeof(spec_example1), 0,
	    "compressed RTF: unknown type 0x44434241");
	/* No end marker: the data stops after the literals. */
	{
		unsigned char t[16 + 3] = { 0 };
		uint32_t crc;

		msgw_le32(t, 12 + 3);
		msgw_le32(t + 4, 100);
		msgw_le32(t + 8, LZFU_COMPRESSED);
		t[16] = 0x00;
		t[17] = 'a';
		t[18] = 'b';
		crc = lzfu_crc32(0, t + 16, 3);
		msgw_le32(t + 12, crc);
		lzfu_fails(t, sizeof(t), 0, "compressed RTF: truncated: data "
		    "ends at byte 19 without the end marker");
	}
}

static void
test_lzfu_round_trip(void **state)
{
	static const char *const logs[] = {
		"samples/orgforms.log", "samples/repeats.log",
		"samples/messy-2016.log", "samples/clean-2016.log",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		struct msgw_buf z = { 0 };
		unsigned char *text;
		size_t len, outlen;
		char *out, *err = NULL;

		text = slurp(logs[i], &len);
		assert_non_null(text);
		msgw_rtf_lzfu(&z, text, len);
		assert_true(z.n < len);		/* it did compress */
		assert_int_equal(lzfu_decompress(z.p, z.n, 0, &out, &outlen,
		    &err), 0);
		assert_int_equal(outlen, len);
		assert_memory_equal(out, text, len);
		free(out);
		free(z.p);
		free(text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_files),
		cmocka_unit_test(test_fixture_unicode),
		cmocka_unit_test(test_fixture_ansi),
		cmocka_unit_test(test_fixture_ansi_codepage),
		cmocka_unit_test(test_fixture_rtf),
		cmocka_unit_test(test_damaged_rtf_body_read_around),
		cmocka_unit_test(test_fixture_html),
		cmocka_unit_test(test_fixture_no_body),
		cmocka_unit_test(test_fixture_difat),
		cmocka_unit_test(test_cfb_directory),
		cmocka_unit_test(test_real_plain),
		cmocka_unit_test(test_real_rtf),
		cmocka_unit_test(test_real_html),
		cmocka_unit_test(test_damage_truncated),
		cmocka_unit_test(test_damage_fat_loop),
		cmocka_unit_test(test_damage_mini_loop),
		cmocka_unit_test(test_damage_difat_loop),
		cmocka_unit_test(test_damage_directory),
		cmocka_unit_test(test_damage_sizes),
		cmocka_unit_test(test_damage_header),
		cmocka_unit_test(test_damage_garbage),
		cmocka_unit_test(test_lzfu_spec_examples),
		cmocka_unit_test(test_lzfu_errors),
		cmocka_unit_test(test_lzfu_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
