/* test_rtf.c: RTF to text: Outlook sync-log bodies, groups, Unicode, damage. */
#include "testutil.h"

#include "ostdiag/rtf.h"

struct rtf_result {
	int rc;
	bool has_text;
	char text[4096];
	size_t len;
	char err[256];
};

/* Convert s and keep copies of what came back, so that nothing leaks on a failed assert. */
static void
run_len(const char *s, size_t n, struct rtf_result *r)
{
	char *text = (char *)1, *err = (char *)1;
	size_t len = 99;

	memset(r, 0, sizeof(*r));
	r->rc = ostd_rtf_to_text(s, n, &text, &len, &err);
	r->has_text = text != NULL;
	r->len = len;
	if (text != NULL) {
		assert_true(len < sizeof(r->text));
		assert_int_equal(strlen(text), len);
		memcpy(r->text, text, len + 1);
	}
	if (err != NULL)
		snprintf(r->err, sizeof(r->err), "%s", err);
	free(text);
	free(err);
}

static void
run(const char *s, struct rtf_result *r)
{
	run_len(s, strlen(s), r);
}

/* A synchronization log as Outlook stores it: one \par per line, errors in red. */
static const char sync_log_rtf[] =
    "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1033"
    "{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}{\\f1\\fswiss\\fcharset0 Arial;}}\r\n"
    "{\\colortbl ;\\red0\\green0\\blue0;\\red255\\green0\\blue0;}\r\n"
    "{\\*\\generator Riched20 16.0.17928}\\viewkind4\\uc1 \r\n"
    "\\pard\\cf1\\f0\\fs20 11:43:26 Synchronizer Version 16.0.17928\\par\r\n"
    "11:43:26 Synchronizing Mailbox 'Dana Ruiz'\\par\r\n"
    "11:43:26 Synchronizing server changes in folder "
    "'Caf\\'e9 \\u8220?Notes\\u8221?'\\par\r\n"
    "11:43:26 \\tab    1 item(s) added to offline folder\\par\r\n"
    "\\cf2 11:43:27 Error synchronizing folder\\par\r\n"
    "11:43:27 \\tab\\tab  [8004010F-501-0-521]\\par\r\n"
    "11:43:27 \\tab\\tab  The client operation failed.\\par\r\n"
    "11:43:27 \\tab\\tab  Dana\\u8217?s Microsoft Exchange Server\\par\r\n"
    "\\cf1 11:43:27 Done\\par\r\n"
    "}\r\n";

static void
test_outlook_sync_log(void **state)
{
	struct rtf_result r;

	(void)state;
	run(sync_log_rtf, &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(r.text,
	    "11:43:26 Synchronizer Version 16.0.17928\n"
	    "11:43:26 Synchronizing Mailbox 'Dana Ruiz'\n"
	    "11:43:26 Synchronizing server changes in folder "
	    "'Caf\xC3\xA9 \xE2\x80\x9CNotes\xE2\x80\x9D'\n"
	    "11:43:26 \t   1 item(s) added to offline folder\n"
	    "11:43:27 Error synchronizing folder\n"
	    "11:43:27 \t\t [8004010F-501-0-521]\n"
	    "11:43:27 \t\t The client operation failed.\n"
	    "11:43:27 \t\t Dana\xE2\x80\x99s Microsoft Exchange Server\n"
	    "11:43:27 Done\n");
	assert_int_equal(r.len, strlen(r.text));
}

static void
test_nested_groups_and_destinations(void **state)
{
	struct rtf_result r;

	(void)state;
	run("{\\rtf1{\\info{\\title T}{\\author A}}a{\\b b{\\i c}}d"
	    "{\\*\\unknown zzz{\\nested yyy}}e"
	    "{\\stylesheet{\\s0 Normal;}}{\\header H\\par}{\\footer F}"
	    "{\\pict\\wmetafile8 0102ff}{\\object{\\*\\objdata 00}}"
	    "{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt link}}"
	    "{\\fldinst PAGE}f\\line g\\sect h\\page i\\row j\\cell k}", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.text, "abcdelinkf\ng\nh\ni\nj\tk");
}

static void
test_unicode_and_fallback(void **state)
{
	struct rtf_result r;

	(void)state;
	/* \uc2: two fallback characters, a \'xx escape counting as one. */
	run("{\\rtf1 \\uc2\\u233\\'e9xy\\uc0\\u233 z}", &r);
	assert_string_equal(r.text, "\xC3\xA9y\xC3\xA9z");
	/* \ucN is a group property; a brace ends the fallback. */
	run("{\\rtf1 {\\uc3 \\u8364 abc}d\\u8364?e\\u8364{f}}", &r);
	assert_string_equal(r.text,
	    "\xE2\x82\xAC" "d\xE2\x82\xAC" "e\xE2\x82\xAC" "f");
	/* Negative values and a surrogate pair: U+1F600. */
	run("{\\rtf1 \\u-10179?\\u-8704?!\\u-3?}", &r);
	assert_string_equal(r.text, "\xF0\x9F\x98\x80!\xEF\xBF\xBD");
	/* A lone high surrogate becomes U+FFFD, text goes on. */
	run("{\\rtf1 a\\u-10179?b}", &r);
	assert_string_equal(r.text, "a\xEF\xBF\xBD" "b");
	/* Typographic words. */
	run("{\\rtf1 \\lquote a\\rquote  \\ldblquote b\\rdblquote \\endash\\emdash\\bullet}",
	    &r);
	assert_string_equal(r.text, "\xE2\x80\x98" "a\xE2\x80\x99 \xE2\x80\x9C"
	    "b\xE2\x80\x9D\xE2\x80\x93\xE2\x80\x94\xE2\x80\xA2");
}

static void
test_escapes_and_code_page(void **state)
{
	struct rtf_result r;

	(void)state;
	run("{\\rtf1 a\\{b\\}c\\\\d\\~e\\-f\\_g\\:h\\|i}", &r);
	assert_string_equal(r.text, "a{b}c\\d\xC2\xA0" "ef-ghi");
	run("{\\rtf1\\ansi\\ansicpg1252 \\'e9\\'80\\'92\\'zz\\'4}", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.text, "\xC3\xA9\xE2\x82\xAC\xE2\x80\x99zz4");
	/* Another code page falls back to 1252. */
	run("{\\rtf1\\ansi\\ansicpg1251 \\'c0\\'80}", &r);
	assert_string_equal(r.text, "\xC3\x80\xE2\x82\xAC");
	/* Raw 8-bit bytes, a raw tab, a control word ended by a digit run. */
	run("{\\rtf1 \xE9\t\\fs20x\\f0 y\\li-360 z}", &r);
	assert_string_equal(r.text, "\xC3\xA9\tx" "y" "z");
	/* Line ends in the source are not text; an escaped one is \par. */
	run("{\\rtf1 a\r\nb\\\nc}", &r);
	assert_string_equal(r.text, "ab\nc");
}

static void
test_binary_data(void **state)
{
	struct rtf_result r;

	(void)state;
	run("{\\rtf1 a{\\*\\blip\\bin3 {{{}b\\bin2 }}c}", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.text, "abc");
	run("{\\rtf1 a\\bin99 xyz}", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.err, "RTF ends inside \\bin data");
	assert_string_equal(r.text, "a");
}

static void
test_encapsulated_html(void **state)
{
	struct rtf_result r;

	(void)state;
	run("{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
	    "{\\*\\htmltag19 <html>}{\\*\\htmltag34 <head>}"
	    "{\\*\\htmltag241 <style>}{\\*\\htmltag241 p \\{margin:0\\}}"
	    "{\\*\\htmltag249 </style>}{\\*\\htmltag41 </head>}{\\*\\htmltag2 \\par }"
	    "{\\*\\htmltag50 <body>}\\htmlrtf \\f0 \\htmlrtf0 {\\*\\htmltag64 <p>}"
	    "\\htmlrtf {\\htmlrtf0 11:43:27 Error synchronizing folder"
	    "{\\*\\htmltag116 <br>}\\htmlrtf \\line \\htmlrtf0 "
	    "11:43:27 [8004010F-501-0-521]"
	    "{\\*\\htmltag84 &nbsp;}\\htmlrtf\\~\\htmlrtf0 x"
	    "{\\*\\htmltag84 &amp;}\\htmlrtf &\\htmlrtf0 y\\htmlrtf\\par}\\htmlrtf0 "
	    "{\\*\\htmltag72 </p>}{\\*\\htmltag64 <p>}Caf\\'e9 \\u8217?q\\u8217?"
	    "{\\*\\htmltag72 </p>}{\\*\\mhtmltag84 <img src=\"x\">}"
	    "{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.text,
	    "11:43:27 Error synchronizing folder\n"
	    "11:43:27 [8004010F-501-0-521] x&y\n"
	    "Caf\xC3\xA9 \xE2\x80\x99q\xE2\x80\x99\n");
	/* \htmlrtf means nothing in a document that is not from HTML. */
	run("{\\rtf1 a\\htmlrtf b\\htmlrtf0 c}", &r);
	assert_string_equal(r.text, "abc");
}

/* Append s, or n copies of the byte c when s is NULL, to buf at *len. */
static void
put(char *buf, size_t size, size_t *len, const char *s, char c, size_t n)
{
	if (s != NULL)
		n = strlen(s);
	assert_true(*len + n <= size);
	if (s != NULL)
		memcpy(buf + *len, s, n);
	else
		memset(buf + *len, c, n);
	*len += n;
}

static void
test_group_bomb(void **state)
{
	static char bomb[1024];
	struct rtf_result r;
	size_t n = 0;

	(void)state;
	/*
	 * Groups nested deeper than the stack are skipped with their text; the
	 * log before and after them is kept, and the damage is said. Inside
	 * them \bin data is still stepped over, and \fromhtml and \uc change
	 * nothing outside.
	 */
	put(bomb, sizeof(bomb), &n, "{\\rtf1 before\\par ", 0, 0);
	put(bomb, sizeof(bomb), &n, NULL, '{', 300);
	put(bomb, sizeof(bomb), &n, "x\\fromhtml1{\\uc5}\\bin3 }}}", 0, 0);
	put(bomb, sizeof(bomb), &n, NULL, '}', 300);
	put(bomb, sizeof(bomb), &n, "after\\u8217?s}", 0, 0);
	run_len(bomb, n, &r);
	assert_int_equal(r.rc, 1);
	assert_true(r.has_text);
	assert_string_equal(r.text, "before\nafter\xE2\x80\x99s");
	assert_string_equal(r.err,
	    "RTF groups nested deeper than 256 were skipped");

	/* The document ends inside the skipped groups: both are said. */
	n = 0;
	put(bomb, sizeof(bomb), &n, "{\\rtf1 a", 0, 0);
	put(bomb, sizeof(bomb), &n, NULL, '{', 300);
	run_len(bomb, n, &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.text, "a");
	assert_string_equal(r.err, "RTF groups nested deeper than 256 were "
	    "skipped; RTF ends with 301 groups still open");

	/* 256 open groups (the document's own included) are allowed. */
	n = 0;
	put(bomb, sizeof(bomb), &n, "{\\rtf1 ", 0, 0);
	put(bomb, sizeof(bomb), &n, NULL, '{', 255);
	put(bomb, sizeof(bomb), &n, "x", 0, 0);
	put(bomb, sizeof(bomb), &n, NULL, '}', 256);
	run_len(bomb, n, &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.text, "x");
	assert_string_equal(r.err, "");
}

static void
test_unterminated(void **state)
{
	struct rtf_result r;

	(void)state;
	run("{\\rtf1 abc{\\b def", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.text, "abcdef");
	assert_string_equal(r.err, "RTF ends with 2 groups still open");
	run("{\\rtf1 a\\par b\\'e", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.text, "a\nb");
	assert_string_equal(r.err, "RTF ends with 1 group still open");
	run("{\\rtf1 a\\", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.text, "a");
	run("{\\rtf1 a\\u-10179", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.text, "a\xEF\xBF\xBD");
	/* After the outermost group closes, the rest is not read. */
	run("{\\rtf1 a}b}{c", &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.text, "a");
}

static void
test_not_rtf(void **state)
{
	static const char bom_rtf[] = "\xEF\xBB\xBF\r\n {\\rtf1 ok}";
	struct rtf_result r;
	char *text = NULL;
	size_t len = 7;

	(void)state;
	run("11:43:27 Error synchronizing folder\n", &r);
	assert_int_equal(r.rc, -1);
	assert_false(r.has_text);
	assert_string_equal(r.err, "not RTF: no {\\rtf at the start");
	run_len("", 0, &r);
	assert_int_equal(r.rc, -1);
	run("{\\rt", &r);
	assert_int_equal(r.rc, -1);
	/* A BOM and blank lines before the header are accepted; err may be NULL. */
	assert_int_equal(ostd_rtf_to_text(bom_rtf, sizeof(bom_rtf) - 1, &text,
	    &len, NULL), 0);
	assert_non_null(text);
	assert_int_equal(len, 2);
	assert_string_equal(text, "ok");
	free(text);
	assert_int_equal(ostd_rtf_to_text("plain", 5, &text, &len, NULL), -1);
	assert_null(text);
	assert_int_equal(len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outlook_sync_log),
		cmocka_unit_test(test_nested_groups_and_destinations),
		cmocka_unit_test(test_unicode_and_fallback),
		cmocka_unit_test(test_escapes_and_code_page),
		cmocka_unit_test(test_binary_data),
		cmocka_unit_test(test_encapsulated_html),
		cmocka_unit_test(test_group_bomb),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_not_rtf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
