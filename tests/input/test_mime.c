/* test_mime.c: .eml messages: headers, dates, encodings, multipart walking. */
#include "testutil.h"

#include "ostdiag/mime.h"

#define MSG_DIR "../shared/msg"

struct mime_result {
	int rc;
	char subject[512];
	bool has_subject;
	char body[4096];
	size_t body_len;
	long long date;
	int utc_offset;
	int has_offset;
	char source[16];
	char err[256];
};

/* A reader of messages: ostd_mime_read or ostd_mht_read. */
typedef int mime_reader(const char *, size_t, struct ostd_message *, char **);

/*
 * Read s[0..n) with read and keep copies of the result, freeing everything
 * before any assert.
 */
static void
read_with(mime_reader *read, const char *s, size_t n, struct mime_result *r)
{
	struct ostd_message m;
	char *err = (char *)1;
	bool fits;

	memset(r, 0, sizeof(*r));
	r->rc = read(s, n, &m, &err);
	fits = m.body == NULL || m.body_len < sizeof(r->body);
	r->has_subject = m.subject != NULL;
	snprintf(r->subject, sizeof(r->subject), "%s", m.subject ? m.subject : "");
	if (m.body != NULL && fits)
		memcpy(r->body, m.body, m.body_len + 1);
	r->body_len = m.body_len;
	r->date = m.date;
	r->utc_offset = m.utc_offset;
	r->has_offset = m.has_offset;
	snprintf(r->source, sizeof(r->source), "%s",
	    m.body_source ? m.body_source : "");
	snprintf(r->err, sizeof(r->err), "%s", err ? err : "");
	free(err);
	ostd_message_free(&m);
	assert_true(fits);
	assert_int_equal(m.date, -1);	/* ostd_message_free resets it */
}

static void
read_len(const char *s, size_t n, struct mime_result *r)
{
	read_with(ostd_mime_read, s, n, r);
}

static void
read_msg(const char *s, struct mime_result *r)
{
	read_len(s, strlen(s), r);
}

static void
test_plain_quoted_printable(void **state)
{
	struct mime_result r;

	(void)state;
	read_msg("From: Dana Ruiz <dana@example.com>\r\n"
	    "Subject: Synchronization Log:\r\n"
	    "Date: Tue, 3 Mar 2026 09:14:02 +0100\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=\"iso-8859-1\"\r\n"
	    "Content-Transfer-Encoding: Quoted-Printable\r\n"
	    "\r\n"
	    "11:43:26 Synchronizing server changes in folder 'Caf=E9'   \r\n"
	    "11:43:27 Error synchronizing message 'a subject that was =\r\n"
	    "wrapped'\r\n"
	    "x=3Dy =\n"
	    "z=4a=zz=\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(r.subject, "Synchronization Log:");
	assert_true(r.date == 1772525642LL);
	assert_int_equal(r.utc_offset, 60);
	assert_int_equal(r.has_offset, 1);
	assert_string_equal(r.source, "text/plain");
	assert_string_equal(r.body,
	    "11:43:26 Synchronizing server changes in folder 'Caf\xC3\xA9'\r\n"
	    "11:43:27 Error synchronizing message 'a subject that was wrapped'\r\n"
	    "x=y zJ=zz");
	assert_int_equal(r.body_len, strlen(r.body));
}

static void
test_base64_with_line_breaks(void **state)
{
	struct mime_result r;

	(void)state;
	read_msg("Subject: Synchronization\r\n"
	    "\tLog:\r\n"
	    "Content-Type: text/plain;\r\n"
	    " charset=utf-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "MTE6NDM6MjcgRXJyb3Igc3lu\r\n"
	    "Y2hyb25pemluZyBmb2xkZXIN\r\n"
	    "CjExOjQzOjI3IFs4MDA0MDEw\r\n"
	    "Ri01MDEtMC01MjFdDQpEYW5h\r\n"
	    "4oCZcyBsb2cNCg==\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.subject, "Synchronization Log:");	/* tab: space */
	assert_true(r.date == -1);
	assert_int_equal(r.has_offset, 0);
	assert_string_equal(r.body,
	    "11:43:27 Error synchronizing folder\r\n"
	    "11:43:27 [8004010F-501-0-521]\r\n"
	    "Dana\xE2\x80\x99s log\r\n");
}

/*
 * Two base64 texts joined in one body: padding in the middle starts a new run,
 * and the text after it is read, with a note.
 */
static void
test_base64_joined(void **state)
{
	struct mime_result r;

	(void)state;
	read_msg("Subject: joined\r\n"
	    "Content-Type: text/plain\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "TG9nOgo=\r\n"
	    "MTE6NDM6MjcgRXJyb3Igc3luY2hyb25pemluZyBmb2xkZXINCjExOjQzOjI3IFs4\r\n"
	    "MDA0MDEwRi01MDEtMC01MjFdDQo=\r\n", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.body, "Log:\n"
	    "11:43:27 Error synchronizing folder\r\n"
	    "11:43:27 [8004010F-501-0-521]\r\n");
	assert_string_equal(r.err, "text/plain part: base64 padding in the "
	    "middle; the text after it was decoded too");

	/* Runs joined on one line, one or two pad characters between. */
	read_msg("Content-Transfer-Encoding: base64\r\n\r\n"
	    "aGk=aGk=bm90IHJ0Zg==aGk\r\n", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.body, "hihinot rtfhi");

	/* Padding, however long, with nothing after it is regular. */
	read_msg("Content-Transfer-Encoding: base64\r\n\r\naGk====\r\n\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(r.body, "hi");

	/*
	 * A part that cannot be read leaves no note behind: the joined runs of
	 * the RTF that is not RTF are not the HTML's.
	 */
	read_msg("Content-Type: multipart/alternative; boundary=x\r\n"
	    "\r\n"
	    "--x\r\n"
	    "Content-Type: text/rtf\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "aGk=bm90IHJ0Zg==\r\n"
	    "--x\r\n"
	    "Content-Type: text/html\r\n"
	    "\r\n"
	    "<p>text</p>\r\n"
	    "--x--\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(r.source, "text/html");

	/* Damaged RTF is read around, and the damage said. */
	read_msg("Content-Type: text/rtf\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "e1xydGYxIHg=\r\n", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.body, "x");
	assert_string_equal(r.err,
	    "text/rtf part: RTF ends with 1 group still open");
}

static void
test_multipart_alternative(void **state)
{
	struct mime_result r;

	(void)state;
	/* text/html comes first, but text/plain is preferred. */
	read_msg("Subject: alt\r\n"
	    "Content-Type: multipart/alternative;\r\n"
	    "\tboundary=\"----=_NextPart_000_0001\"\r\n"
	    "\r\n"
	    "This is a multi-part message in MIME format.\r\n"
	    "\r\n"
	    "------=_NextPart_000_0001\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "\r\n"
	    "<p>html version</p>\r\n"
	    "------=_NextPart_000_0001\r\n"
	    "Content-Type: text/plain; charset=windows-1252\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "\r\n"
	    "\x93plain\x94 version \x80\r\n"
	    "\r\n"
	    "------=_NextPart_000_0001--\r\n"
	    "epilogue\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.source, "text/plain");
	assert_string_equal(r.body,
	    "\xE2\x80\x9Cplain\xE2\x80\x9D version \xE2\x82\xAC\r\n");

	/* Only HTML: tags, style, comments and entities handled. */
	read_msg("Subject: html\r\n"
	    "Content-Type: multipart/alternative; boundary=b1\r\n"
	    "\r\n"
	    "--b1\r\n"
	    "Content-Type: text/html\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "\r\n"
	    "<html><head><meta http-equiv=3D\"Content-Type\" content=3D\"text/ht=\r\n"
	    "ml; charset=3Dwindows-1252\"><style>p {margin:0}</style>\r\n"
	    "<title>t</title></head><body><!-- a comment <p>x</p> -->\r\n"
	    "<p class=3DMsoNormal>11:43:27 Error  synchronizing\r\n"
	    "   folder<o:p></o:p></p><p>Caf=E9 &amp; &lt;b&gt; &#8217;&#x2019;&nbsp;!"
	    "<br>next<br/>line</p><table><tr><td>a</td><td>b</td></tr></table>"
	    "<pre>  keep\r\n  this</pre>&bogus; &amp</body></html>\r\n"
	    "--b1--\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.source, "text/html");
	assert_string_equal(r.body,
	    "11:43:27 Error synchronizing folder\n"
	    "Caf\xC3\xA9 & <b> \xE2\x80\x99\xE2\x80\x99 !\n"
	    "next\n"
	    "line\n"
	    "a\tb\n"
	    "  keep\n"
	    "  this\n"
	    "&bogus; &amp\n");
}

static void
test_rtf_only_part(void **state)
{
	struct mime_result r;

	(void)state;
	read_msg("Subject: rtf\r\n"
	    "Content-Type: multipart/mixed; boundary=\"x\"\r\n"
	    "\r\n"
	    "--x\r\n"
	    "Content-Type: image/png\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "iVBORw0KGgo=\r\n"
	    "--x\r\n"
	    "Content-Type: text/rtf\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "\r\n"
	    "e1xydGYxXGFuc2lcYW5zaWNwZzEyNTJ7XGZvbnR0Ymx7XGYwIEFyaWFsO319XGYw\r\n"
	    "IDExOjQzOjI3IERvbmVccGFyDQp9\r\n"
	    "--x--\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.source, "text/rtf");
	assert_string_equal(r.body, "11:43:27 Done\n");

	/* RTF that cannot be read: the HTML alternative is used instead. */
	read_msg("Content-Type: multipart/alternative; boundary=x\r\n"
	    "\r\n"
	    "--x\r\n"
	    "Content-Type: application/rtf\r\n"
	    "\r\n"
	    "not rtf at all\r\n"
	    "--x\r\n"
	    "Content-Type: text/html\r\n"
	    "\r\n"
	    "<b>bold</b> text\r\n"
	    "--x--\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_false(r.has_subject);
	assert_string_equal(r.source, "text/html");
	assert_string_equal(r.body, "bold text\n");

	/* ... and without one, the message cannot be read. */
	read_msg("Subject: broken\r\n"
	    "Content-Type: text/rtf\r\n"
	    "\r\n"
	    "not rtf at all\r\n", &r);
	assert_int_equal(r.rc, -1);
	assert_string_equal(r.err, "text/rtf part: not RTF: no {\\rtf at the start");
	assert_false(r.has_subject);
	assert_string_equal(r.body, "");
}

/* Read a message with one header, name: value, which must be readable. */
static void
read_header(const char *name, const char *value, struct mime_result *r)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s: %s\r\n\r\nbody\r\n", name, value);
	read_msg(msg, r);
	assert_int_equal(r->rc, 0);
}

static void
read_subject(const char *value, struct mime_result *r)
{
	read_header("Subject", value, r);
}

static void
test_encoded_word_subject(void **state)
{
	struct mime_result r;

	(void)state;
	read_subject("=?utf-8?B?U3luY2hyb25pemF0aW9u?= =?utf-8?Q?_Log:_Caf=C3=A9?=",
	    &r);
	assert_string_equal(r.subject, "Synchronization Log: Caf\xC3\xA9");
	/* A character split across two words of one charset. */
	read_subject("=?UTF-8?Q?=E2=80?=\r\n =?UTF-8?Q?=99x?=", &r);
	assert_string_equal(r.subject, "\xE2\x80\x99x");
	read_subject("=?iso-8859-1?q?Caf=E9?= / =?windows-1252?Q?=93hi=94?= "
	    "=?us-ascii?Q?ok?=", &r);
	assert_string_equal(r.subject,
	    "Caf\xC3\xA9 / \xE2\x80\x9Chi\xE2\x80\x9Dok");
	/* Unknown charsets read as windows-1252; a language suffix is dropped. */
	read_subject("=?x-unknown?Q?=E9?= =?utf-8*en?Q?hi?=", &r);
	assert_string_equal(r.subject, "\xC3\xA9hi");
	/* Text between words is kept; malformed words are left as written. */
	read_subject("Re: =?utf-8?Q?a?= b =?utf-8?Q?c?= =?utf-8?X?d?= =?utf-8?Q?e", &r);
	assert_string_equal(r.subject, "Re: a b c =?utf-8?X?d?= =?utf-8?Q?e");
	/* Raw 8-bit: UTF-8 kept, a stray byte read as windows-1252. */
	read_subject("Caf\xC3\xA9 \xE9t\xE9", &r);
	assert_string_equal(r.subject, "Caf\xC3\xA9 \xC3\xA9t\xC3\xA9");
	/* Control characters become spaces. */
	read_subject("=?utf-8?Q?a=0Ab=00c?=", &r);
	assert_string_equal(r.subject, "a b c");
	read_subject("", &r);
	assert_true(r.has_subject);
	assert_string_equal(r.subject, "");
}

static void
test_dates(void **state)
{
	static const struct {
		const char *value;
		long long date;
		int offset;
		int has_offset;
	} cases[] = {
		{ "Tue, 3 Mar 2026 09:14:02 +0100", 1772525642LL, 60, 1 },
		{ "3 Mar 2026 09:14:02 -0500", 1772547242LL, -300, 1 },
		{ "Tue, 03 Mar 26 09:14 GMT", 1772529240LL, 0, 1 },
		{ "Tue, 3 Mar 2026 09:14:02 EST", 1772547242LL, -300, 1 },
		{ "Tue, 3 Mar 2026 09:14:02 pdt", 1772554442LL, -420, 1 },
		{ "Tue, 3 Mar 2026 09:14:02 UT", 1772529242LL, 0, 1 },
		{ "Tue, 3 Mar 2026 09:14:02 -0000", 1772529242LL, 0, 0 },
		{ "Tue, 3 Mar 2026 09:14:02", 1772529242LL, 0, 0 },
		{ "Tue, 3 Mar 2026 09:14:02 A", 1772529242LL, 0, 0 },
		{ "Tue,  3 Mar 2026 09:14:02 +0100 (CET)", 1772525642LL, 60, 1 },
		{ "(sent) Tue , 3 (x (y)) Mar 2026 09 : 14 : 02 +0100",
		    1772525642LL, 60, 1 },
		{ "Tue, 3-Mar-2026 09:14:02 +0100", 1772525642LL, 60, 1 },
		{ "3 march 99 09:14 +0000", 920452440LL, 0, 1 },
		{ "Mon, 24 Sep 107 15:28:03 +0200", 1190640483LL, 120, 1 },
		{ "Tue Mar  3 09:14:02 2026", 1772529242LL, 0, 0 },
		{ "Tue, 3 Mar 2026 23:59:60 +0000", 1772582399LL, 0, 1 },
		{ "Sun, 29 Feb 2004 00:00:00 +0000", 1078012800LL, 0, 1 },
		{ "Tue, 31 Feb 2026 09:14:02 +0100", -1, 0, 0 },
		{ "Tue, 29 Feb 2100 09:14:02 +0100", -1, 0, 0 },
		{ "Tue, 3 Mar 2026 25:00 +0100", -1, 0, 0 },
		{ "Tue, 3 Mar 2026 09:14:02 +0160", -1, 0, 0 },
		{ "Tue, 3 Mar 2026 09:14:02 Europe", -1, 0, 0 },
		{ "Tue, 3 Mar 2026 9:4:02 +0100", -1, 0, 0 },
		{ "Tue, 3 Smarch 2026 09:14:02 +0100", -1, 0, 0 },
		{ "3 Mar 1899 09:14:02 +0100", -1, 0, 0 },
		{ "yesterday", -1, 0, 0 },
		{ "", -1, 0, 0 },
		{ "Tue, 3 Mar 2026 09:14:02 +0100 (unclosed", 1772525642LL, 60, 1 },
	};
	struct mime_result r;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		read_header("Date", cases[i].value, &r);
		if (r.date != cases[i].date || r.utc_offset != cases[i].offset ||
		    r.has_offset != cases[i].has_offset)
			fail_msg("Date: %s gave %lld %d %d", cases[i].value,
			    r.date, r.utc_offset, r.has_offset);
	}

	/* No usable Date: the newest Received: gives the time. */
	read_msg("Received: from a.example by b.example; Tue, 3 Mar 2026\r\n"
	    " 09:14:02 +0100 (CET)\r\n"
	    "Received: from c by a; Mon, 2 Mar 2026 09:14:02 +0100\r\n"
	    "Date: garbage\r\n"
	    "\r\n", &r);
	assert_true(r.date == 1772525642LL);
	assert_int_equal(r.utc_offset, 60);
	assert_string_equal(r.body, "");
	assert_string_equal(r.source, "text/plain");
}

static void
test_missing_boundary_end(void **state)
{
	struct mime_result r;

	(void)state;
	read_msg("Subject: cut\r\n"
	    "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n"
	    "\r\n"
	    "--=_bnot-a-delimiter\r\n"
	    "--=_b  \r\n"
	    "Content-Type: text/plain\r\n"
	    "\r\n"
	    "line 1\r\n"
	    "--=_b is a prefix here\r\n"
	    "line 2\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "line 1\r\n--=_b is a prefix here\r\nline 2\r\n");

	/* LF-only line ends; the delimiter's line end is not part of the body. */
	read_msg("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nabc\n\n--b--\n",
	    &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "abc\n");

	/* A multipart without a boundary parameter holds nothing we can split. */
	read_msg("Content-Type: multipart/mixed\r\n\r\ntext\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "");
	assert_string_equal(r.source, "");
}

/* A message with levels nested multiparts around a text part; malloc'd. */
static char *
nested_message(int levels, bool plain_first)
{
	struct { char *p; size_t n, cap; } b = { NULL, 0, 0 };
	char line[128];
	int i;

	b.cap = 1024 + (size_t)levels * 128;
	b.p = malloc(b.cap);
	assert_non_null(b.p);
#define ADD(...) do { \
	int k_ = snprintf(line, sizeof(line), __VA_ARGS__); \
	assert_true(b.n + (size_t)k_ < b.cap); \
	memcpy(b.p + b.n, line, (size_t)k_ + 1); \
	b.n += (size_t)k_; \
} while (0)
	ADD("Subject: nested %d\r\n", levels);
	for (i = 0; i < levels; i++) {
		ADD("Content-Type: multipart/mixed; boundary=\"lvl%d\"\r\n\r\n", i);
		if (i == 0 && plain_first)
			ADD("--lvl0\r\nContent-Type: text/plain\r\n\r\ntop\r\n");
		ADD("--lvl%d\r\n", i);
	}
	ADD("Content-Type: text/plain\r\n\r\ndeep\r\n");
	for (i = levels - 1; i >= 0; i--)
		ADD("--lvl%d--\r\n", i);
#undef ADD
	return b.p;
}

static void
test_deep_nesting(void **state)
{
	struct mime_result r;
	char *msg;

	(void)state;
	msg = nested_message(50, false);
	read_msg(msg, &r);
	free(msg);
	assert_int_equal(r.rc, -1);
	assert_string_equal(r.err, "multipart nested deeper than 20 levels");
	assert_false(r.has_subject);

	/* Text within reach is read; the parts too deep are skipped, and said. */
	msg = nested_message(50, true);
	read_msg(msg, &r);
	free(msg);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.subject, "nested 50");
	assert_string_equal(r.body, "top");
	assert_string_equal(r.err, "multipart nested deeper than 20 levels: "
	    "the parts there were skipped");
	msg = nested_message(10000, true);
	read_msg(msg, &r);
	free(msg);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.body, "top");

	msg = nested_message(OSTD_MIME_DEPTH_MAX, false);
	read_msg(msg, &r);
	free(msg);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "deep");
	assert_string_equal(r.err, "");

	msg = nested_message(OSTD_MIME_DEPTH_MAX + 1, false);
	read_msg(msg, &r);
	free(msg);
	assert_int_equal(r.rc, -1);
}

static void
test_charsets(void **state)
{
	/* "A", U+1F600 as a surrogate pair, then a lone high surrogate. */
	static const char u16be[] =
	    "Content-Type: text/plain; charset=UTF-16BE\r\n\r\n"
	    "\x00\x41\xD8\x3D\xDE\x00\xD8\x3D";
	struct mime_result r;

	(void)state;
	read_msg("Content-Type: text/plain; charset=utf-16\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n"
	    "//5DAGEAZgDpACAAGSANAAoA\r\n", &r);
	assert_string_equal(r.body, "Caf\xC3\xA9 \xE2\x80\x99\r\n");
	read_len(u16be, sizeof(u16be) - 1, &r);
	assert_string_equal(r.body, "A\xF0\x9F\x98\x80\xEF\xBF\xBD");
	read_msg("Content-Type: text/plain; charset*=utf-8''\r\n\r\n"
	    "\xEF\xBB\xBF" "a\xC3\xA9\xE9\xED\xA0\x80z\r\n", &r);
	assert_string_equal(r.body,
	    "a\xC3\xA9\xC3\xA9\xC3\xAD\xC2\xA0\xE2\x82\xACz\r\n");
	read_msg("Content-Type: text/plain; charset=x-mac-roman (odd)\r\n\r\n"
	    "\x85\r\n", &r);
	assert_string_equal(r.body, "\xE2\x80\xA6\r\n");
	read_msg("Content-Type: text/plain; charset=us-ascii\r\n\r\nplain\r\n", &r);
	assert_string_equal(r.body, "plain\r\n");
	read_msg("Content-Type: text/plain; charset=latin1\r\n\r\n\x80\xE9\r\n",
	    &r);
	assert_string_equal(r.body, "\xC2\x80\xC3\xA9\r\n");
	/* HTML without a MIME charset: its <meta> names one. */
	read_msg("Content-Type: text/html\r\n\r\n"
	    "<meta charset=\"windows-1252\"><p>\x93q\x94</p>\r\n", &r);
	assert_string_equal(r.body, "\xE2\x80\x9Cq\xE2\x80\x9D\n");
}

static void
test_attachments_and_odd_input(void **state)
{
	struct mime_result r;

	(void)state;
	/* An attached .txt yields to inline HTML. */
	read_msg("Content-Type: multipart/mixed; boundary=m\r\n\r\n"
	    "--m\r\n"
	    "Content-Type: text/plain; name=log.txt\r\n"
	    "Content-Disposition: attachment; filename=log.txt\r\n\r\n"
	    "attached\r\n"
	    "--m\r\n"
	    "Content-Type: text/html\r\n\r\n"
	    "inline\r\n"
	    "--m\r\n"
	    "Content-Type: message/rfc822\r\n\r\n"
	    "Subject: inner\r\n\r\ninner body\r\n"
	    "--m--\r\n", &r);
	assert_string_equal(r.source, "text/html");
	assert_string_equal(r.body, "inline\n");
	read_msg("Content-Type: multipart/mixed; boundary=m\r\n\r\n"
	    "--m\r\n"
	    "Content-Disposition: ATTACHMENT\r\n\r\n"
	    "attached\r\n"
	    "--m--\r\n", &r);
	assert_string_equal(r.source, "text/plain");
	assert_string_equal(r.body, "attached");

	/* Only an image: no text, but the message is read. */
	read_msg("Subject: pic\r\nContent-Type: image/jpeg\r\n\r\n/9j/\r\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.subject, "pic");
	assert_string_equal(r.body, "");
	assert_int_equal(r.body_len, 0);
	assert_string_equal(r.source, "");

	/* mbox "From " line, BOM, no blank line after the header. */
	read_msg("\xEF\xBB\xBF" "From dana@example.com Tue Mar  3 09:14:02 2026\n"
	    "Subject: mbox\n"
	    "Subject: second is ignored\n"
	    "X-Empty:\n"
	    "body starts here\n", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.subject, "mbox");
	assert_string_equal(r.body, "body starts here\n");

	/* Header only, no body at all. */
	read_msg("Subject: only", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.subject, "only");
	assert_string_equal(r.body, "");

	/* Not a message. */
	read_msg("11:43:27 Error synchronizing folder\r\n", &r);
	assert_int_equal(r.rc, -1);
	assert_string_equal(r.err, "not a mail message: no header field at the start");
	read_len("", 0, &r);
	assert_int_equal(r.rc, -1);
	read_msg(": no name\r\n", &r);
	assert_int_equal(r.rc, -1);
	read_msg(" Subject: folded first\r\n", &r);
	assert_int_equal(r.rc, -1);
}

/* The real messages of ../shared/msg, when that folder is there. */
static void
read_fixture(const char *name, struct mime_result *r)
{
	char path[256];
	char *buf;
	FILE *fp;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", MSG_DIR, name);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	buf = malloc(1024 * 1024);
	assert_non_null(buf);
	n = fread(buf, 1, 1024 * 1024, fp);
	fclose(fp);
	read_len(buf, n, r);
	free(buf);
}

static void
test_real_messages(void **state)
{
	struct mime_result r;
	FILE *fp;

	(void)state;
	if ((fp = fopen(MSG_DIR "/plain_unsent.eml", "rb")) == NULL) {
		print_message("%s not found: real messages not tested\n", MSG_DIR);
		skip();
	}
	fclose(fp);

	read_fixture("plain_unsent.eml", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.subject, "Test for MSGConvert -- plain text");
	assert_true(r.date == 1172530600LL);
	assert_int_equal(r.has_offset, 1);
	assert_int_equal(r.utc_offset, 0);
	assert_string_equal(r.source, "text/plain");
	assert_string_equal(r.body, "This is a test\r\nThe body is in plain text");

	read_fixture("plain_uc_wc_unsent.eml", &r);
	assert_true(r.date == 1172530621LL);
	assert_string_equal(r.body,
	    "This is a test\r\nThe body is in p\xE6\xB1\xAC" "ain text");

	read_fixture("charset.eml", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.subject, "PST Export - Embedded Email Test");
	assert_true(r.date == 1570600510LL);
	assert_string_equal(r.body,
	    "This email contains an email\xE2\x80\xA6 Email-ception!!!\n\n");

	read_fixture("plain_jpeg_attached.eml", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.subject, "test");
	assert_true(r.date == 1190640483LL);
	assert_int_equal(r.utc_offset, 120);
	assert_string_equal(r.body, "test\r\n");
}

/*
 * A web archive's body is its page, before a text/plain part; its Date: is
 * when it was saved, so it gives no date. Damage is read around as in mail.
 */
static void
test_web_archive(void **state)
{
	static const char mht[] =
	    "From: <Saved by Windows Internet Explorer 8>\r\n"
	    "Subject: =?windows-1252?Q?Entw=FCrfe?=\r\n"
	    "Date: Thu, 5 Mar 2026 16:02:37 +0100\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/related; type=\"text/html\"; "
	    "boundary=\"r\"\r\n"
	    "\r\n"
	    "--r\r\n"
	    "Content-Type: text/plain\r\n\r\n"
	    "notes.txt\r\n"
	    "--r\r\n"
	    "Content-Type: text/html; charset=windows-1252\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	    "<p>M=FCller</p>\r\n"
	    "--r\r\n"
	    "Content-Type: image/png\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n"
	    "iVBORw0KGgo=AAAA\r\n"
	    "--r--\r\n";
	struct mime_result r;

	(void)state;
	read_with(ostd_mht_read, mht, strlen(mht), &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "M\xC3\xBCller\n");
	assert_string_equal(r.source, "text/html");
	assert_string_equal(r.subject, "Entw\xC3\xBCrfe");
	assert_int_equal(r.date, -1);
	assert_int_equal(r.has_offset, 0);
	assert_string_equal(r.err, "");
	/* As mail, the same message gives its text part and its date. */
	read_msg(mht, &r);
	assert_string_equal(r.body, "notes.txt");
	assert_true(r.date > 0);
	read_with(ostd_mht_read, "no header\r\n", 11, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.date, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_quoted_printable),
		cmocka_unit_test(test_base64_with_line_breaks),
		cmocka_unit_test(test_base64_joined),
		cmocka_unit_test(test_multipart_alternative),
		cmocka_unit_test(test_rtf_only_part),
		cmocka_unit_test(test_encoded_word_subject),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_missing_boundary_end),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_attachments_and_odd_input),
		cmocka_unit_test(test_real_messages),
		cmocka_unit_test(test_web_archive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
