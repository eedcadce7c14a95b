/* test_txtheader.c: the header block of a message Outlook saved as text. */
#include "testutil.h"

#include "ostdiag/txtheader.h"

struct txt_result {
	int rc;
	bool has_subject;
	char subject[256];
	long long date;
	int has_offset;
	bool has_body;
	size_t offset;
};

static void
read_len(const char *s, size_t n, struct txt_result *r)
{
	struct ostd_message m;
	size_t off = 12345;

	memset(r, 0, sizeof(*r));
	r->rc = ostd_txt_header_read(s, n, &m, &off);
	r->has_subject = m.subject != NULL;
	snprintf(r->subject, sizeof(r->subject), "%s", m.subject ? m.subject : "");
	r->date = m.date;
	r->has_offset = m.has_offset;
	r->has_body = m.body != NULL;
	r->offset = off;
	ostd_message_free(&m);
	assert_false(r->has_body);
	assert_int_equal(r->has_offset, 0);
	assert_true(r->offset <= n);
}

static void
read_txt(const char *s, struct txt_result *r)
{
	read_len(s, strlen(s), r);
}

static void
test_outlook_block(void **state)
{
	static const char head[] =
	    "From: Dana Ruiz\r\n"
	    "Sent: Tuesday, March 3, 2026 9:14 AM\r\n"
	    "To: Dana Ruiz\r\n"
	    "Subject: Synchronization Log:\r\n"
	    "\r\n";
	static const char body[] =
	    "11:43:26 Synchronizing Mailbox 'Dana Ruiz'\r\n"
	    "11:43:27 Done\r\n";
	char text[512];
	struct txt_result r;

	(void)state;
	snprintf(text, sizeof(text), "%s%s", head, body);
	read_txt(text, &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.subject, "Synchronization Log:");
	assert_true(r.date == 1772529240LL);
	assert_int_equal(r.offset, sizeof(head) - 1);
	assert_string_equal(text + r.offset, body);

	/* LF only, more fields, a wrapped To:, an empty subject, no body. */
	read_txt("From: Dana Ruiz\n"
	    "Sent: Tue 03/03/2026 09:14\n"
	    "To: Dana Ruiz; Help Desk;\n"
	    "    Second Line\n"
	    "Cc: Someone\n"
	    "Subject:\n"
	    "Importance: High\n"
	    "Attachments: log.txt\n", &r);
	assert_int_equal(r.rc, 1);
	assert_true(r.has_subject);
	assert_string_equal(r.subject, "");
	assert_true(r.date == 1772529240LL);
	assert_int_equal(r.offset, 144);	/* the end of the text */

	/* CR only; Date: stands in for Sent:; a 1252 byte in the subject. */
	read_txt("Date: 3 March 2026 09:14\rSubject: Caf\xE9  \r\rbody\r", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.subject, "Caf\xC3\xA9");
	assert_true(r.date == 1772529240LL);
	assert_int_equal(r.offset, 42);

	/* A UTF-8 BOM before the block. */
	read_txt("\xEF\xBB\xBFSubject: s\r\nSent: 3 March 2026 09:14\r\n\r\nx", &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.subject, "s");
	assert_int_equal(r.offset, 43);

	/* The block ends at a line that is not a field, without a blank line. */
	read_txt("Sent: 3 March 2026 09:14\nSubject: s\n11:43:27 Done\n", &r);
	assert_int_equal(r.rc, 1);
	assert_int_equal(r.offset, 36);
}

static long long
sent_date(const char *value)
{
	char text[256];
	struct txt_result r;

	snprintf(text, sizeof(text), "Sent: %s\nSubject: s\n\nbody\n", value);
	read_txt(text, &r);
	assert_int_equal(r.rc, 1);
	return r.date;
}

static void
test_sent_forms(void **state)
{
	static const struct {
		const char *value;
		long long date;
	} cases[] = {
		{ "Tuesday, March 3, 2026 9:14 AM", 1772529240LL },
		{ "Tuesday, March 3, 2026 9:14 PM", 1772572440LL },
		{ "Tuesday, March 3, 2026 12:05 AM", 1772496300LL },
		{ "Tuesday, March 3, 2026 12:05 pm", 1772539500LL },
		{ "Tue 03/03/2026 09:14", 1772529240LL },
		{ "Tue 3/4/2026 9:14 AM", 1772615640LL },
		{ "Wed 25/03/2026 09:14", 1774430040LL },
		{ "3 March 2026 09:14", 1772529240LL },
		{ "Tuesday, 3 March 2026 09:14:30", 1772529270LL },
		{ "Tue. 3 Mar 2026 09:14", 1772529240LL },
		{ "2026-03-03 09:14", 1772529240LL },
		{ "03.03.2026 09:14", 1772529240LL },
		{ "Tue 03/03/26 09:14", 1772529240LL },
		{ "March 3, 2026 at 9:14 a.m.", 1772529240LL },
		{ "Tuesday, March 3, 2026", -1 },
		{ "Tuesday, March 3, 2026 13:14 PM", -1 },
		{ "Tuesday, February 30, 2026 9:14 AM", -1 },
		{ "Tuesday, March 3, 2026 9:14 AM (UTC+01:00)", -1 },
		{ "Tuesday, March 3, 2026 9:4 AM", -1 },
		{ "13/13/2026 09:14", -1 },
		{ "3 March 2026 March 09:14", -1 },
		{ "99999999999 March 2026 09:14", -1 },
		{ "soon", -1 },
		{ "", -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long d = sent_date(cases[i].value);

		if (d != cases[i].date)
			fail_msg("Sent: %s gave %lld, not %lld", cases[i].value,
			    d, cases[i].date);
	}
}

static void
test_no_block(void **state)
{
	static const char utf16[] = "\xFF\xFES\0u\0b\0";
	char many[100 * 15 + 38];
	struct txt_result r;
	size_t n = 0;

	(void)state;
	read_txt("11:43:26 Synchronizing Mailbox 'Dana Ruiz'\n", &r);
	assert_int_equal(r.rc, 0);
	assert_false(r.has_subject);
	assert_true(r.date == -1);
	assert_int_equal(r.offset, 0);
	/* The block must start the text. */
	read_txt("\nSent: 3 March 2026 09:14\nSubject: s\n\n", &r);
	assert_int_equal(r.rc, 0);
	read_txt("Dear help desk,\nSent: 3 March 2026 09:14\nSubject: s\n\n", &r);
	assert_int_equal(r.rc, 0);
	read_txt(" Sent: 3 March 2026 09:14\nSubject: s\n\n", &r);
	assert_int_equal(r.rc, 0);
	/* Both Sent: and Subject: are needed, in the block. */
	read_txt("From: a\nSubject: s\n\nSent: 3 March 2026 09:14\n", &r);
	assert_int_equal(r.rc, 0);
	read_txt("From: a\nSent: 3 March 2026 09:14\n\n", &r);
	assert_int_equal(r.rc, 0);
	read_txt("Sent: 3 March 2026 09:14\n11:43:27 Subject: s\n", &r);
	assert_int_equal(r.rc, 0);
	/* UTF-16 must be converted by the caller. */
	read_len(utf16, sizeof(utf16) - 1, &r);
	assert_int_equal(r.rc, 0);
	read_len("", 0, &r);
	assert_int_equal(r.rc, 0);
	/* A run of fields longer than any real header is not one. */
	for (int i = 0; i < 100; i++) {
		memcpy(many + n, "X-Field: value\n", 15);
		n += 15;
	}
	memcpy(many + n, "Sent: 3 March 2026 09:14\nSubject: s\n\n", 38);
	read_txt(many, &r);
	assert_int_equal(r.rc, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outlook_block),
		cmocka_unit_test(test_sent_forms),
		cmocka_unit_test(test_no_block),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
