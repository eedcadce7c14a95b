/*
 * test_input.c: what an input is, found from its content, for the pages
 * Outlook saves (HTML and MHT web archives) next to text and mail; and the
 * subject and date their header block gives.
 */
#include "testutil.h"

#include "ostdiag/input.h"
#include "input/textconv.h"

struct input_result {
	int rc;
	enum ostd_input_format format;
	char subject[256];
	bool has_subject;
	long long date;
	char text[4096];
	char describe[256];
	char err[256];
};

/* Open s[0..n) as format and keep copies of what came of it. */
static void
open_len(const char *s, size_t n, enum ostd_input_format format,
    struct input_result *r)
{
	struct ostd_source raw;
	struct ostd_input in;
	char *err = NULL, *describe;
	size_t len = 0;

	ostd_source_buffer(&raw, s, n);
	memset(r, 0, sizeof(*r));
	r->rc = ostd_input_open(&in, &raw, format, OSTD_ENC_AUTO, &err);
	r->format = in.format;
	if (r->rc == 0) {
		len = in.prefix_len < sizeof(r->text) - 1 ? in.prefix_len :
		    sizeof(r->text) - 1;
		memcpy(r->text, in.prefix, len);
		len += ostd_source_read_full(in.text, r->text + len,
		    sizeof(r->text) - 1 - len);
		r->text[len] = '\0';
		r->has_subject = in.msg.subject != NULL;
		snprintf(r->subject, sizeof(r->subject), "%s",
		    in.msg.subject ? in.msg.subject : "");
		r->date = in.msg.date;
		describe = ostd_input_describe(&in);
		snprintf(r->describe, sizeof(r->describe), "%s",
		    describe ? describe : "");
		free(describe);
	}
	snprintf(r->err, sizeof(r->err), "%s", err ? err : "");
	free(err);
	ostd_input_close(&in);
}

static void
open_str(const char *s, enum ostd_input_format format, struct input_result *r)
{
	open_len(s, strlen(s), format, r);
}

/* Seconds since 1970 of 2026-03-03 h:m, the header block's local time. */
static long long
march_3(int h, int m)
{
	return days_from_civil(2026, 3, 3) * 86400 + h * 3600 + m * 60;
}

#define SEED_HTML_LINES \
	"<p class=MsoNormal>11:43:26 Synchronizing Organization Forms" \
	"<o:p></o:p></p>\r\n" \
	"<p class=MsoNormal>11:43:27 Error synchronizing folder<o:p></o:p>" \
	"</p>\r\n" \
	"<p class=MsoNormal>11:43:27 [8004010F-501-0-521]<o:p></o:p></p>\r\n" \
	"<p class=MsoNormal>11:43:27 The client operation failed.<o:p></o:p>" \
	"</p>\r\n"

#define SEED_TEXT_LINES \
	"11:43:26 Synchronizing Organization Forms\n" \
	"11:43:27 Error synchronizing folder\n" \
	"11:43:27 [8004010F-501-0-521]\n" \
	"11:43:27 The client operation failed.\n"

/* Outlook 2016's Save as HTML: Word's markup, Windows-1252, header block. */
static const char outlook_html[] =
    "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" "
    "xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
    "xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n\r\n<head>\r\n"
    "<meta http-equiv=Content-Type content=\"text/html; "
    "charset=windows-1252\">\r\n"
    "<meta name=Generator content=\"Microsoft Word 15 (filtered medium)\">\r\n"
    "<style><!--\r\np.MsoNormal\r\n\t{margin:0in;}\r\n--></style>\r\n"
    "</head>\r\n<body lang=EN-US>\r\n<div class=WordSection1>\r\n"
    "<p class=MsoNormal><b>From:</b> Microsoft Outlook<br>\r\n"
    "<b>Sent:</b> Tuesday, March 3, 2026 11:44 AM<br>\r\n"
    "<b>To:</b> Jos\xE9 M\xFCller<br>\r\n"
    "<b>Subject:</b> Synchronization Log:<o:p></o:p></p>\r\n"
    "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\r\n"
    SEED_HTML_LINES
    "</div>\r\n</body>\r\n</html>\r\n";

static void
test_format_names(void **state)
{
	(void)state;
	assert_int_equal(ostd_input_format_from_name("html"), OSTD_INPUT_HTML);
	assert_int_equal(ostd_input_format_from_name("mht"), OSTD_INPUT_MHT);
	assert_string_equal(ostd_input_format_name(OSTD_INPUT_HTML), "html");
	assert_string_equal(ostd_input_format_name(OSTD_INPUT_MHT), "mht");
	assert_int_equal(ostd_input_format_from_name("htm"), -1);
}

/* Outlook's HTML save is HTML: its text, subject and Sent date. */
static void
test_outlook_html(void **state)
{
	struct input_result r;

	(void)state;
	open_str(outlook_html, OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.format, OSTD_INPUT_HTML);
	assert_string_equal(r.subject, "Synchronization Log:");
	assert_true(r.date == march_3(11, 44));
	assert_string_equal(r.text,
	    "From: Microsoft Outlook\n"
	    "Sent: Tuesday, March 3, 2026 11:44 AM\n"
	    "To: Jos\xC3\xA9 M\xC3\xBCller\n"
	    "Subject: Synchronization Log:\n"
	    "\n"
	    SEED_TEXT_LINES);
	assert_string_equal(r.describe, "HTML document 'Synchronization Log:', "
	    "dated 2026-03-03 11:44");
}

/* A page that is not from Outlook is HTML too: its text, no subject or date. */
static void
test_other_page(void **state)
{
	struct input_result r;

	(void)state;
	open_str("<!DOCTYPE html>\n<html><head><title>Notes</title></head>"
	    "<body><h1>Notes</h1><p>Sync &amp; send</p></body></html>\n",
	    OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.format, OSTD_INPUT_HTML);
	assert_false(r.has_subject);
	assert_int_equal(r.date, -1);
	assert_string_equal(r.text, "Notes\nSync & send\n");
}

/* Text that mentions a tag after its first line stays text. */
static void
test_text_mentioning_html(void **state)
{
	static const char log[] = SEED_TEXT_LINES "<html> was in the body\n";
	static const char saved[] =
	    "From:\tDana Ruiz\r\nSent:\tTuesday, March 3, 2026 11:44 AM\r\n"
	    "Subject:\tSynchronization Log:\r\n\r\n<html>\r\n" SEED_TEXT_LINES;
	struct input_result r;

	(void)state;
	open_str(log, OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.format, OSTD_INPUT_TEXT);
	assert_string_equal(r.text, log);
	open_str(saved, OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.format, OSTD_INPUT_TEXT);
	assert_string_equal(r.subject, "Synchronization Log:");
}

/* The same document in UTF-16LE, as Word saves "Unicode" HTML. */
static void
test_utf16_html(void **state)
{
	static const char page[] = "<html><head><meta http-equiv=Content-Type "
	    "content=\"text/html; charset=unicode\"></head><body>"
	    "<p>From: Microsoft Outlook<br>Sent: 3/3/2026 11:44<br>"
	    "Subject: Synchronization Log:</p><p>M\xC3\xBCller</p>"
	    "</body></html>";
	char utf16[2 * sizeof(page) + 2];
	size_t n = 0;
	struct input_result r;

	(void)state;
	utf16[n++] = '\xFF';
	utf16[n++] = '\xFE';
	for (size_t i = 0; i < sizeof(page) - 1; i++) {
		/* The one character past ASCII, U+00FC, is C3 BC in page. */
		if ((unsigned char)page[i] == 0xC3) {
			utf16[n++] = '\xFC';
			utf16[n++] = '\0';
			i++;
			continue;
		}
		utf16[n++] = page[i];
		utf16[n++] = '\0';
	}
	open_len(utf16, n, OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.format, OSTD_INPUT_HTML);
	assert_string_equal(r.subject, "Synchronization Log:");
	assert_true(r.date == march_3(11, 44));
	assert_non_null(strstr(r.text, "\nM\xC3\xBC" "ller\n"));
}

/*
 * Internet Explorer's web archive: quoted-printable page, an image part; the
 * Date: is when it was saved, the header block's Sent: is the log's date.
 */
static void
test_mht_internet_explorer(void **state)
{
	static const char mht[] =
	    "From: <Saved by Windows Internet Explorer 8>\r\n"
	    "Subject: Synchronization Log:\r\n"
	    "Date: Thu, 5 Mar 2026 16:02:37 +0100\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/related;\r\n"
	    "\ttype=\"text/html\";\r\n"
	    "\tboundary=\"----=_NextPart_000_0000_01DCAB3F.6E2C1A40\"\r\n"
	    "\r\n"
	    "This is a multi-part message in MIME format.\r\n"
	    "\r\n"
	    "------=_NextPart_000_0000_01DCAB3F.6E2C1A40\r\n"
	    "Content-Type: text/html;\r\n\tcharset=\"Windows-1252\"\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "Content-Location: file://C:\\Users\\jose\\Log.htm\r\n"
	    "\r\n"
	    "<html><body><p class=3DMsoNormal><img src=3D\"Log_files/im=\r\n"
	    "age001.png\"></p><p class=3DMsoNormal><b>From:</b> Microsoft=\r\n"
	    " Outlook<br><b>Sent:</b> Tuesday, March 3, 2026 11:44 AM<br>=\r\n"
	    "<b>To:</b> Jos=E9<br><b>Subject:</b> Synchronization Log:</p>\r\n"
	    "<p class=3DMsoNormal>11:43:27 [8004010F-501-0-521]</p>\r\n"
	    "</body></html>\r\n"
	    "------=_NextPart_000_0000_01DCAB3F.6E2C1A40\r\n"
	    "Content-Type: image/png\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "Content-Location: file:///C:/Users/jose/Log_files/image001.png\r\n"
	    "\r\n"
	    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9Q"
	    "DwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n"
	    "------=_NextPart_000_0000_01DCAB3F.6E2C1A40--\r\n";
	struct input_result r;

	(void)state;
	open_str(mht, OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.format, OSTD_INPUT_MHT);
	assert_string_equal(r.subject, "Synchronization Log:");
	assert_true(r.date == march_3(11, 44));
	assert_string_equal(r.text,
	    "From: Microsoft Outlook\n"
	    "Sent: Tuesday, March 3, 2026 11:44 AM\n"
	    "To: Jos\xC3\xA9\n"
	    "Subject: Synchronization Log:\n"
	    "11:43:27 [8004010F-501-0-521]\n");
	assert_string_equal(r.describe, "web archive 'Synchronization Log:', "
	    "dated 2026-03-03 11:44");
}

/*
 * Word's web archive has no From:, To: or Date:, and a preamble; its type
 * may be folded onto the next line. Without a header block in the page, the
 * archive's subject is kept and there is no date.
 */
static void
test_mht_word(void **state)
{
	static const char *const heads[] = {
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/related; "
	    "boundary=\"----=_NextPart_01DCAB\"\r\n",
	    "MIME-Version: 1.0\r\n"
	    "Subject: Synchronization Log:\r\n"
	    "Content-Type:\r\n"
	    " multipart/related; boundary=\"----=_NextPart_01DCAB\"\r\n",
	};
	static const char body[] =
	    "\r\n"
	    "This document is a Single File Web Page, also known as a Web "
	    "Archive file.\r\n"
	    "\r\n"
	    "------=_NextPart_01DCAB\r\n"
	    "Content-Location: file:///C:/D0A1B2C3/Log.htm\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "Content-Type: text/html; charset=\"us-ascii\"\r\n"
	    "\r\n"
	    "<html><body><p>11:43:27 [8004010F-501-0-521]</p></body></html>\r\n"
	    "------=_NextPart_01DCAB\r\n"
	    "Content-Location: file:///C:/D0A1B2C3/Log_files/filelist.xml\r\n"
	    "Content-Type: text/xml; charset=\"utf-8\"\r\n"
	    "\r\n"
	    "<xml><o:MainFile HRef=\"../Log.htm\"/></xml>\r\n"
	    "------=_NextPart_01DCAB--\r\n";
	char mht[2048];
	struct input_result r;

	(void)state;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		snprintf(mht, sizeof(mht), "%s%s", heads[i], body);
		open_str(mht, OSTD_INPUT_AUTO, &r);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.format, OSTD_INPUT_MHT);
		assert_string_equal(r.text, "11:43:27 [8004010F-501-0-521]\n");
		assert_int_equal(r.has_subject, i == 1);
		assert_int_equal(r.date, -1);
	}
}

/*
 * Mail that was sent (To:, Message-ID:) stays mail though it is
 * multipart/related: text/plain first, its Date: kept.
 */
static void
test_related_mail_is_eml(void **state)
{
	static const char eml[] =
	    "From: Dana Ruiz <dana@example.com>\r\n"
	    "To: helpdesk@example.com\r\n"
	    "Subject: Synchronization Log:\r\n"
	    "Date: Tue, 3 Mar 2026 11:44:05 +0000\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/related; boundary=\"b\"\r\n"
	    "\r\n"
	    "--b\r\n"
	    "Content-Type: text/html\r\n\r\n"
	    "<p>html part</p>\r\n"
	    "--b\r\n"
	    "Content-Type: text/plain\r\n\r\n"
	    "11:43:27 [8004010F-501-0-521]\r\n"
	    "--b--\r\n";
	struct input_result r;

	(void)state;
	open_str(eml, OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.format, OSTD_INPUT_EML);
	assert_string_equal(r.text, "11:43:27 [8004010F-501-0-521]");
	assert_true(r.date == march_3(11, 44) + 5);

	/* Forced to be a web archive, the page is read. */
	open_str(eml, OSTD_INPUT_MHT, &r);
	assert_int_equal(r.format, OSTD_INPUT_MHT);
	assert_string_equal(r.text, "html part\n");
	assert_int_equal(r.date, -1);
}

/* --input-format html reads any input as HTML; a page with no text fails. */
static void
test_forced_html(void **state)
{
	struct input_result r;

	(void)state;
	open_str("11:43:27 a &amp; b\n11:43:28 <b>c</b>\n", OSTD_INPUT_HTML,
	    &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.format, OSTD_INPUT_HTML);
	assert_string_equal(r.text, "11:43:27 a & b 11:43:28 c\n");
	open_str("<html><body>&nbsp;</body></html>", OSTD_INPUT_AUTO, &r);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.format, OSTD_INPUT_HTML);
	assert_string_equal(r.err, "the HTML document holds no text");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_outlook_html),
		cmocka_unit_test(test_other_page),
		cmocka_unit_test(test_text_mentioning_html),
		cmocka_unit_test(test_utf16_html),
		cmocka_unit_test(test_mht_internet_explorer),
		cmocka_unit_test(test_mht_word),
		cmocka_unit_test(test_related_mail_is_eml),
		cmocka_unit_test(test_forced_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
