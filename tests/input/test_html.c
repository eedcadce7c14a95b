/*
 * test_html.c: HTML documents as Outlook and Word save them: the charset
 * found from a byte-order mark, a <meta> or the bytes, and the text of the
 * lines, with Word's markup (tab spans, <o:p>, conditional sections).
 */
#include "testutil.h"

#include "ostdiag/html.h"
#include "input/textconv.h"

struct html_result {
	int rc;
	char body[4096];
	char source[16];
	bool has_subject;
	long long date;
	char err[256];
};

/* Read s[0..n) and keep copies of the result, freeing everything first. */
static void
read_len(const char *s, size_t n, struct html_result *r)
{
	struct ostd_message m;
	char *err = (char *)1;
	bool fits;

	memset(r, 0, sizeof(*r));
	r->rc = ostd_html_read(s, n, &m, &err);
	fits = m.body == NULL || m.body_len < sizeof(r->body);
	if (m.body != NULL && fits)
		memcpy(r->body, m.body, m.body_len + 1);
	snprintf(r->source, sizeof(r->source), "%s",
	    m.body_source ? m.body_source : "");
	r->has_subject = m.subject != NULL;
	r->date = m.date;
	snprintf(r->err, sizeof(r->err), "%s", err ? err : "");
	free(err);
	ostd_message_free(&m);
	assert_true(fits);
}

static void
read_html(const char *s, struct html_result *r)
{
	read_len(s, strlen(s), r);
}

/* The declared charset decides: http-equiv, the HTML5 form, or none. */
static void
test_charset_meta(void **state)
{
	struct html_result r;

	(void)state;
	read_html("<html><head><meta http-equiv=Content-Type "
	    "content=\"text/html; charset=windows-1252\"></head><body>"
	    "<p>Jos\xE9 M\xFCller "
	    "\x93quoted\x94</p></body></html>", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "Jos\xC3\xA9 M\xC3\xBCller "
	    "\xE2\x80\x9Cquoted\xE2\x80\x9D\n");
	assert_string_equal(r.source, "html");
	assert_false(r.has_subject);
	assert_int_equal(r.date, -1);
	assert_string_equal(r.err, "");

	/* The charset is Latin-1 here: 0x93 is a C1 control, not a quote. */
	read_html("<meta content='text/html; charset=ISO-8859-1' "
	    "http-equiv='Content-Type'><p>a\x93" "b\xE9</p>", &r);
	assert_string_equal(r.body, "a\xC2\x93" "b\xC3\xA9\n");

	/* HTML5: <meta charset>; the bytes are UTF-8 as declared. */
	read_html("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	    "<title>t</title></head><body>Entw\xC3\xBCrfe</body></html>", &r);
	assert_string_equal(r.body, "Entw\xC3\xBCrfe\n");

	/* A UTF-16 declaration read as ASCII cannot be true: UTF-8. */
	read_html("<html><head><meta http-equiv=Content-Type "
	    "content=\"text/html; charset=unicode\"></head>"
	    "<body>M\xC3\xBCller</body></html>", &r);
	assert_string_equal(r.body, "M\xC3\xBCller\n");

	/* "charset=" in the text is no declaration. */
	read_html("<html><body><p>charset=utf-16</p><p>M\xC3\xBCller</p>"
	    "</body></html>", &r);
	assert_string_equal(r.body, "charset=utf-16\nM\xC3\xBCller\n");
}

/* No declaration: UTF-8 when the bytes are, else Windows-1252. */
static void
test_charset_undeclared(void **state)
{
	struct html_result r;

	(void)state;
	read_html("<html><body>Jos\xC3\xA9 \xE2\x82\xAC</body></html>", &r);
	assert_string_equal(r.body, "Jos\xC3\xA9 \xE2\x82\xAC\n");
	/* One byte that is not UTF-8 makes the whole document Windows-1252. */
	read_html("<html><body>\xC3\xA9 \x80</body></html>", &r);
	assert_string_equal(r.body, "\xC3\x83\xC2\xA9 \xE2\x82\xAC\n");
}

/* A byte-order mark outranks a <meta>; UTF-16 is read with or without one. */
static void
test_charset_bom(void **state)
{
	static const char le[] = "\xFF\xFE<\0p\0>\0M\0\xFC\0l\0l\0e\0r\0"
	    "<\0/\0p\0>\0";
	static const char be[] = "\0<\0h\0t\0m\0l\0>\0<\0p\0>\x20\xAC\0<\0/"
	    "\0p\0>";
	struct html_result r;

	(void)state;
	read_html("\xEF\xBB\xBF<html><head><meta charset=windows-1252>"
	    "</head><body>M\xC3\xBCller</body></html>", &r);
	assert_string_equal(r.body, "M\xC3\xBCller\n");
	read_len(le, sizeof(le) - 1, &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "M\xC3\xBCller\n");
	read_len(be, sizeof(be) - 1, &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.body, "\xE2\x82\xAC\n");
}

/* Entities, named and numeric, and &nbsp; at the end of a line. */
static void
test_entities(void **state)
{
	struct html_result r;

	(void)state;
	read_html("<p>&lt;b&gt; &amp; &quot;x&quot; &#8217;&#x2019; "
	    "caf&eacute; &euro;&nbsp;&nbsp;</p><p>a&nbsp;&nbsp;b &bogus; "
	    "&amp</p>", &r);
	assert_string_equal(r.body, "<b> & \"x\" \xE2\x80\x99\xE2\x80\x99 "
	    "caf\xC3\xA9 \xE2\x82\xAC\na  b &bogus; &amp\n");
}

/* Word's tab spans are tabs; lines joined with <br> are lines. */
static void
test_word_tabs_and_breaks(void **state)
{
	struct html_result r;

	(void)state;
	read_html("<p class=MsoNormal>11:43:27<span style='mso-tab-count:2'>"
	    "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; "
	    "</span>[8004010F-501-0-521]<o:p></o:p></p>", &r);
	assert_string_equal(r.body, "11:43:27\t\t[8004010F-501-0-521]\n");

	/* At the start of a line a tab is only indentation. */
	read_html("<p class=MsoNormal><span style='mso-tab-count:1'>&nbsp; "
	    "</span>Done</p>", &r);
	assert_string_equal(r.body, "Done\n");

	/* A span that only looks like one: its text stays. */
	read_html("<p>a<span style='color:red'> b</span></p>", &r);
	assert_string_equal(r.body, "a b\n");

	read_html("<p class=MsoNormal>11:43:26 Synchronizing Organization "
	    "Forms<br>\r\n11:43:27 Error synchronizing folder<br>\r\n"
	    "11:43:27 [8004010F-501-0-521]&nbsp;<br>\r\n"
	    "11:43:27 The client operation failed.<o:p></o:p></p>", &r);
	assert_string_equal(r.body,
	    "11:43:26 Synchronizing Organization Forms\n"
	    "11:43:27 Error synchronizing folder\n"
	    "11:43:27 [8004010F-501-0-521]\n"
	    "11:43:27 The client operation failed.\n");
}

/* Word's empty paragraphs, <o:p>, conditional comments and sections. */
static void
test_word_markup(void **state)
{
	struct html_result r;

	(void)state;
	read_html("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
	    "<head><style><!-- p.MsoNormal {margin:0in;} --></style>"
	    "<!--[if gte mso 9]><xml><o:shapedefaults v:ext=\"edit\" "
	    "spidmax=\"1026\" /></xml><![endif]--></head><body>"
	    "<div class=WordSection1><p class=MsoNormal>Subject: x<o:p></o:p>"
	    "</p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
	    "<p class=MsoListParagraph><![if !supportLists]><span>-<span "
	    "style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span>"
	    "</span><![endif]>Done<o:p></o:p></p></div></body></html>", &r);
	assert_string_equal(r.body, "Subject: x\n\n-   Done\n");
}

/* A document with no text is refused, with a reason. */
static void
test_no_text(void **state)
{
	struct html_result r;

	(void)state;
	read_html("<html><head><title>Synchronization Log:</title></head>"
	    "<body><p>&nbsp;</p></body></html>", &r);
	assert_int_equal(r.rc, -1);
	assert_string_equal(r.err, "the HTML document holds no text");
	read_len("", 0, &r);
	assert_int_equal(r.rc, -1);
}

/* What starts an HTML document, and what does not. */
static void
test_sniff(void **state)
{
	static const char *const html[] = {
		"<html xmlns:v=\"urn:schemas-microsoft-com:vml\">",
		"\xEF\xBB\xBF\r\n<HTML>",
		"<!DOCTYPE html>\n<p>x",
		"<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional"
		    "//EN\">",
		"<!-- saved from url=(0014)about:internet -->\r\n<html>",
		"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/"
		    "xhtml\">",
		"  <head><meta charset=utf-8>",
		"<meta http-equiv=Content-Type content=\"text/html\">",
		"<body>",
		"<title>Synchronization Log:</title>",
	};
	static const char *const text[] = {
		"11:43:26 Synchronizing Organization Forms\n<html>\n",
		"Subject: <html> in a log\n",
		"<b>bold</b> is not a document",
		"<htmlx>",
		"<html",
		"<!-- a comment that never ends <html>",
		"<!DOCTYPE note>",
		"{\\rtf1 <html>}",
		"",
	};
	static const unsigned char le[] = { 0xFF, 0xFE, '<', 0, 'h', 0, 't', 0,
		'm', 0, 'l', 0, '>', 0 };
	static const unsigned char le_text[] = { 0xFF, 0xFE, '1', 0, '1', 0,
		':', 0, '<', 0, 'h', 0, 't', 0, 'm', 0, 'l', 0, '>', 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(html) / sizeof(html[0]); i++)
		if (!ostd_html_sniff((const unsigned char *)html[i],
		    strlen(html[i])))
			fail_msg("not found to be HTML: %s", html[i]);
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (ostd_html_sniff((const unsigned char *)text[i],
		    strlen(text[i])))
			fail_msg("found to be HTML: %s", text[i]);
	assert_true(ostd_html_sniff(le, sizeof(le)));
	assert_false(ostd_html_sniff(le_text, sizeof(le_text)));
}

/* The shared <meta> finder, as the MIME reader uses it too. */
static void
test_meta_charset(void **state)
{
	enum ostd_charset cs = OSTD_CS_ASCII;
	char late[HTML_PRESCAN + 64];
	const char *s;

	(void)state;
	s = "<meta http-equiv=\"Content-Type\" content=\"text/html; "
	    "charset=utf-8\">";
	assert_true(html_meta_charset(s, strlen(s), &cs));
	assert_int_equal(cs, OSTD_CS_UTF8);
	s = "<META CHARSET = 'iso-8859-1' >";
	assert_true(html_meta_charset(s, strlen(s), &cs));
	assert_int_equal(cs, OSTD_CS_LATIN1);
	s = "<meta name=Generator content=\"Microsoft Word 15\">"
	    "<p>charset=utf-8</p>";
	assert_false(html_meta_charset(s, strlen(s), &cs));
	s = "<meta charset=>";
	assert_false(html_meta_charset(s, strlen(s), &cs));
	/* Cut short: nothing is read past the length given. */
	s = "<meta charset=utf-8>";
	assert_false(html_meta_charset(s, 9, &cs));
	/* Only the start of a document is looked at. */
	memset(late, ' ', sizeof(late));
	memcpy(late + HTML_PRESCAN, "<meta charset=utf-8>", 20);
	assert_false(html_meta_charset(late, sizeof(late), &cs));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charset_meta),
		cmocka_unit_test(test_charset_undeclared),
		cmocka_unit_test(test_charset_bom),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_word_tabs_and_breaks),
		cmocka_unit_test(test_word_markup),
		cmocka_unit_test(test_no_text),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_meta_charset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
