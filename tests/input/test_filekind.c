/*
 * test_filekind.c: inputs told from their first bytes to be no log (images,
 * archives, programs, ostdiag's own reports), and logs, mail, text and
 * Outlook data files never taken for one of them.
 */
#include "input/filekind.h"
#include "testutil.h"

static const char *
kind(const char *bytes, size_t n)
{
	return file_kind_not_log((const unsigned char *)bytes, n);
}

#define KIND(lit) kind(lit, sizeof(lit) - 1)

static void
test_signatures(void **state)
{
	char tar[512];

	(void)state;
	assert_string_equal(KIND("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), "a PNG image");
	assert_string_equal(KIND("\xFF\xD8\xFF\xE0\0\x10JFIF"), "a JPEG image");
	assert_string_equal(KIND("GIF89a\x01\0"), "a GIF image");
	assert_string_equal(KIND("%PDF-1.7\n"), "a PDF document");
	assert_string_equal(KIND("PK\x03\x04\x14\0"),
	    "a ZIP archive or Office document");
	assert_string_equal(KIND("\x1F\x8B\x08\0"), "a gzip archive");
	assert_string_equal(KIND("RIFF\x10\0\0\0WEBPVP8 "), "a WebP image");
	/* An Outlook data file holds logs: it is read, not set aside. */
	assert_null(KIND("!BDN\x0E\x2A\x00\x00SM\x17\x00"));
	memset(tar, 0, sizeof(tar));
	memcpy(tar, "sync.log", 8);
	memcpy(tar + 257, "ustar", 5);
	assert_string_equal(kind(tar, sizeof(tar)), "a tar archive");
	/* A signature needs all its bytes: a cut one is not taken. */
	assert_null(KIND("\x89PN"));
	assert_null(kind(tar, 260));
}

static void
test_windows_program(void **state)
{
	char pe[64];

	(void)state;
	memset(pe, 0, sizeof(pe));
	memcpy(pe, "MZ\x90\0\x03", 5);
	assert_string_equal(kind(pe, sizeof(pe)), "a Windows program");
	/* Text that starts with MZ is no program. */
	assert_null(KIND("MZ is the mailbox of Mia Zeller, and this line is "
	    "long enough to be checked for a header"));
}

static void
test_own_reports(void **state)
{
	(void)state;
	assert_string_equal(KIND("{\"schema_version\":1,\"tool\":\"ostdiag 0.1.0\","
	    "\"findings\":[]}"), "an ostdiag report (JSON)");
	assert_string_equal(KIND("{\"kind\":\"start\",\"schema_version\":1,"
	    "\"tool\":\"ostdiag 0.1.0\"}\n"), "an ostdiag report (JSON)");
	assert_string_equal(KIND("<!DOCTYPE html>\n<html>\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n<meta name=\"generator\" "
	    "content=\"ostdiag 0.1.0\"/>\n"), "an ostdiag report (HTML)");
	assert_string_equal(KIND("# ostdiag checklist\n\n## 1. `8004010F`"),
	    "an ostdiag report (checklist)");
	assert_string_equal(KIND("sync.log:10: error at 11:43:27, session 1, in: "
	    "Synchronizing\n    Organization Forms\n  error:    Error "
	    "synchronizing folder\n  code:     8004010F-501-0-521\n"),
	    "an ostdiag report (text)");
	assert_string_equal(KIND("sync.log:3: text\n  text:     Your mailbox is "
	    "full\n"), "an ostdiag report (text)");
}

/* Logs, mail and other text: never taken for anything. */
static void
test_logs_are_not_taken(void **state)
{
	(void)state;
	assert_null(KIND("11:43:26 Synchronizing Organization Forms\n"
	    "11:43:27 Error synchronizing folder\n"));
	assert_null(KIND("\xEF\xBB\xBF" "9:14:02 Synchronizer Version 16.0\n"));
	assert_null(KIND("From: Microsoft Outlook\r\nSubject: Synchronization "
	    "Log:\r\n\r\n"));
	assert_null(KIND("{\\rtf1\\ansi 11:43:27 Error synchronizing folder}"));
	/* A JSON document of another tool, and HTML that is no report. */
	assert_null(KIND("{\"tool\":\"other\",\"text\":\"ostdiag\"}"));
	assert_null(KIND("<html><body><p class=MsoNormal>11:43:27 "
	    "[8004010F-501-0-521]</p></body></html>"));
	/* A log line that names a file and a line, with no report fields. */
	assert_null(KIND("copied from sync.log:10: error at 11:43:27\n"
	    "11:43:27 [8004010F-501-0-521]\n"));
	assert_null(KIND(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_windows_program),
		cmocka_unit_test(test_own_reports),
		cmocka_unit_test(test_logs_are_not_taken),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
