/* test_report.c: the report formats, and JSON validity for any input bytes. */
#include "testutil.h"

#include "report/json.h"
#include "util/spool.h"
#include "jsonvalid.h"

/* ---- running the analyzer into a string ---- */

static bool with_timeline;	/* ask for the sessions too */

static char *
render_merge(enum ostd_format fmt, const char *log, size_t len, bool merge)
{
	struct render r = { fmt, merge, with_timeline, false, 0 };

	return render_input(&r, NULL, log, len, "t.log");
}

static char *
render(enum ostd_format fmt, const char *log, size_t len)
{
	return render_merge(fmt, log, len, true);
}

static const char seed[] = SEED_LOG;

static void
test_json_fields(void **state)
{
	char *out;

	with_timeline = true;
	out = render(OSTD_FORMAT_JSON, seed, strlen(seed));
	with_timeline = false;

	(void)state;
	assert_true(valid_json(out));
	assert_non_null(strstr(out, "{\"schema_version\":1,\"tool\":\"ostdiag "
	    OSTDIAG_VERSION "\",\"findings\":[{"));
	assert_non_null(strstr(out, "],\"sessions\":[{\"kind\":\"session\","
	    "\"file\":\"t.log\",\"session\":1,\"first_line\":1,"
	    "\"last_line\":5,\"start\":\"11:43:26\",\"end\":\"11:43:27\","
	    "\"duration\":1,"));
	assert_non_null(strstr(out, "\"outcome\":\"unfinished\",\"folders\":0,"
	    "\"items_down\":0,\"items_up\":0,\"errors\":1,\"longest_gap\":1,"
	    "\"errors_by_folder\":[{\"folder\":\"Synchronizing Organization "
	    "Forms\",\"errors\":1}]}],\"notes\":[],"));
	assert_non_null(strstr(out, "\"file\":\"t.log\",\"line\":2,"
	    "\"time\":\"11:43:27\""));
	assert_non_null(strstr(out, "\"code\":\"8004010F-501-0-521\","
	    "\"hresult\":\"0x8004010F\",\"name\":\"MAPI_E_NOT_FOUND\""));
	assert_non_null(strstr(out, "\"context\":\"Synchronizing Organization "
	    "Forms\""));
	assert_non_null(strstr(out, "\"diagnoses\":[{\"id\":\"Q161889-8004010F\""));
	assert_non_null(strstr(out, "{\"id\":\"Q168734\",\"article\":\"Q168734\","
	    "\"title\":"));
	/* Where it applies, where it comes from, and its steps as data. */
	assert_non_null(strstr(out, "\"best\":true,\"applicability\":\"unknown\","
	    "\"applicability_text\":\"written for Exchange Server 5.0 "
	    "(upgraded from an earlier version) and Exchange client 4.0 to "
	    "Outlook 97/98; the log does not say which client wrote it\","));
	assert_non_null(strstr(out, "\"clients\":\"4-8\",\"servers\":\"Exchange "
	    "Server 5.0 (upgraded from an earlier version)\","
	    "\"provenance\":\"article\",\"source\":null,"));
	assert_non_null(strstr(out, "\"steps\":[{\"caution\":\"The Default permission applies "));
	assert_non_null(strstr(out, "\"source\":\"practice\"}"));
	assert_non_null(strstr(out, "\"summary\":{\"files\":1,\"files_failed\":0,"
	    "\"files_skipped\":0,\"sessions\":1,\"errors\":1,\"findings\":1,\"diagnosed\":1,"
	    "\"unrecognized\":0,\"filtered\":0,"));
	free(out);
}

static void
test_json_unrecognized_and_nulls(void **state)
{
	static const char log[] = "Error synchronizing folder\n[8004FFFF-1-0-0]\n"
	    "Error with Send/Receive.\n";
	char *out = render(OSTD_FORMAT_JSON, log, sizeof(log) - 1);

	(void)state;
	assert_true(valid_json(out));
	assert_non_null(strstr(out, "\"time\":null"));
	assert_non_null(strstr(out, "\"code\":\"8004FFFF-1-0-0\",\"hresult\":"
	    "\"0x8004FFFF\",\"name\":null"));
	assert_non_null(strstr(out, "\"code\":null,\"hresult\":null"));
	assert_non_null(strstr(out, "\"context\":null"));
	assert_non_null(strstr(out, "\"diagnoses\":[]"));
	assert_non_null(strstr(out, "\"unrecognized\":2"));
	free(out);
}

/* Whatever the bytes, the JSON stays valid. */
static void
test_json_valid_for_any_bytes(void **state)
{
	char log[4096];
	unsigned seedv = 12345;

	(void)state;
	for (int round = 0; round < 50; round++) {
		size_t n = 0;

		n += (size_t)snprintf(log, sizeof(log), "Error synchronizing "
		    "message '");
		for (int i = 0; i < 300; i++) {
			seedv = seedv * 1103515245u + 12345u;
			log[n++] = (char)(seedv >> 16);
		}
		n += (size_t)snprintf(log + n, sizeof(log) - n, "'\n[80004005-"
		    "501-0-0]\n");
		char *out = render(OSTD_FORMAT_JSON, log, n);

		assert_true(valid_json(out));
		free(out);
	}
}

static void
test_text_report(void **state)
{
	char *out = render(OSTD_FORMAT_TEXT, seed, strlen(seed));

	(void)state;
	assert_non_null(strstr(out, "t.log:2: error at 11:43:27, session 1, in: "
	    "Synchronizing Organization Forms\n"));
	assert_non_null(strstr(out, "  code:     8004010F-501-0-521 "
	    "(MAPI_E_NOT_FOUND:"));
	assert_non_null(strstr(out, "3 diagnoses fit equally well"));
	assert_non_null(strstr(out, "  * Q161889-8004010F "));
	assert_non_null(strstr(out, "  * Q168734 "));
	assert_non_null(strstr(out, "  * Q162703 "));
	assert_null(strstr(out, "  * Q272187 "));
	assert_non_null(strstr(out, "  less likely: Q272187 ("));
	assert_non_null(strstr(out, "    applies:  may fit this log: written for "
	    "Exchange Server 5.0 (upgraded from\n"));
	assert_non_null(strstr(out, "    source:   article Q168734\n"));
	assert_non_null(strstr(out, "     1. CAUTION: "));
	assert_non_null(strstr(out, ". [practice] "));
	assert_non_null(strstr(out, "    - [Q168734] "));
	assert_non_null(strstr(out, "1 file, 1 session, 1 error: 1 finding, "
	    "1 diagnosed, 0 unrecognized\n"));
	/* No line is wider than 80 columns. */
	for (const char *l = out; *l != '\0';) {
		const char *nl = strchr(l, '\n');

		assert_non_null(nl);
		assert_true(nl - l <= 80);
		l = nl + 1;
	}
	free(out);
}

/* Control characters from the log are shown escaped, not sent raw. */
static void
test_text_hides_control_bytes(void **state)
{
	static const char log[] = "Error synchronizing message 'a\x1b[31mred'\n"
	    "[80004005-501-0-0]\n";
	char *out = render(OSTD_FORMAT_TEXT, log, sizeof(log) - 1);

	(void)state;
	assert_null(strchr(out, '\x1b'));
	assert_non_null(strstr(out, "a\\x1b[31mred"));
	free(out);
}

/*
 * ostd_visible: C0 controls, DEL, C1 controls and bytes that are not UTF-8
 * are escaped byte by byte; other UTF-8 text and backslashes stay.
 */
static void
test_visible_escapes(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain name.log", "plain name.log" },
		{ "a\x1b[2J\nFORGED", "a\\x1b[2J\\nFORGED" },
		{ "\t\r\x01\x7f", "\\t\\r\\x01\\x7f" },
		{ "C1 \xc2\x9b\xc2\x85 end", "C1 \\xc2\\x9b\\xc2\\x85 end" },
		{ "caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac", "caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac" },
		{ "bad \xff\xc3 end", "bad \\xff\\xc3 end" },
		{ "C:\\Users\\x", "C:\\Users\\x" },
		{ "", "" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char *out = ostd_visible(cases[k].in);

		assert_string_equal(out, cases[k].want);
		free(out);
	}
	{
		char *out = ostd_visible(NULL);

		assert_string_equal(out, "");
		free(out);
	}
}

/* JSON escapes C1 controls (U+0080 to U+009F) like C0 ones. */
static void
test_json_escapes_c1(void **state)
{
	static const char in[] = "a\xc2\x9b[2J\xc2\x85" "b\xc2\xa0" "c";
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp = open_memstream(&out, &outlen);

	(void)state;
	ostd_json_string(fp, in, sizeof(in) - 1);
	fclose(fp);
	assert_string_equal(out, "\"a\\u009b[2J\\u0085b\xc2\xa0" "c\"");
	free(out);
}

static void
test_clean_log_has_no_findings(void **state)
{
	static const char log[] = "9:00:00 Synchronizer Version 16.0.1\n"
	    "9:00:00 Synchronizing Mailbox 'A'\n9:00:00 Synchronizing Hierarchy\n"
	    "9:00:01 Synchronizing server changes in folder 'Inbox'\n"
	    "9:00:01 \t   2 item(s) added to offline folder\n9:00:02 Done\n";
	char *out = render(OSTD_FORMAT_JSON, log, sizeof(log) - 1);

	(void)state;
	assert_true(valid_json(out));
	assert_non_null(strstr(out, "\"findings\":[]"));
	assert_non_null(strstr(out, "\"errors\":0,\"findings\":0"));
	free(out);
}

static const char repeated[] =
    "10:00:00 Synchronizing Hierarchy\n10:00:01 Error synchronizing folder\n"
    "10:00:01 [80040115-501-0-0]\n10:00:02 Done\n"
    "11:00:00 Synchronizing Hierarchy\n11:00:01 Done\n"
    "12:00:00 Synchronizing Hierarchy\n12:00:01 Error synchronizing folder\n"
    "12:00:01 [80040115-501-0-0]\n12:00:02 Error synchronizing folder\n"
    "12:00:02 [80040115-501-0-0]\n12:00:03 Done\n"
    "13:00:00 Synchronizing Hierarchy\n13:00:01 Error synchronizing folder\n"
    "13:00:01 [80004005-501-0-0]\n13:00:02 Done\n";

/* The same error in several sessions is one finding with its count. */
static void
test_repeats_are_merged(void **state)
{
	char *out = render(OSTD_FORMAT_JSON, repeated, sizeof(repeated) - 1);

	(void)state;
	assert_true(valid_json(out));
	assert_non_null(strstr(out, "\"line\":2,\"time\":\"10:00:01\","
	    "\"timestamp\":null,\"session\":1,\"count\":3,\"last_line\":10,"
	    "\"last_time\":\"12:00:02\",\"sessions_with\":2,"
	    "\"sessions_total\":4"));
	assert_non_null(strstr(out, "\"line\":14,\"time\":\"13:00:01\","
	    "\"timestamp\":null,\"session\":4,\"count\":1,"));
	assert_non_null(strstr(out, "\"errors\":4,\"findings\":2,"));
	/* Sessions are listed only when asked for. */
	assert_non_null(strstr(out, "\"sessions\":[]"));
	free(out);

	out = render(OSTD_FORMAT_TEXT, repeated, sizeof(repeated) - 1);
	assert_non_null(strstr(out, "  repeats:  3 times in 2 of 4 sessions, the "
	    "last at line 10 (12:00:02)\n"));
	free(out);

	out = render_merge(OSTD_FORMAT_JSON, repeated, sizeof(repeated) - 1,
	    false);
	assert_non_null(strstr(out, "\"errors\":4,\"findings\":4,"));
	assert_null(strstr(out, "\"count\":3"));
	free(out);
}

static void
test_checklist(void **state)
{
	char *out = render(OSTD_FORMAT_CHECKLIST, seed, strlen(seed));

	(void)state;
	assert_true(strncmp(out, "# ostdiag checklist\n\n## 1. "
	    "`8004010F-501-0-521` (MAPI_E_NOT_FOUND)\n", 53) == 0);
	assert_non_null(strstr(out, "- where: `t.log:2`, 11:43:27, session 1\n"));
	assert_non_null(strstr(out, "Equally likely diagnoses: Q161889-8004010F, "
	    "Q162703, Q168734\nLess likely: Q272187\n"));
	assert_non_null(strstr(out, "### Confirm\n\n- [ ] Q161889-8004010F: "));
	assert_non_null(strstr(out, "*may fit this log:* written for Exchange "
	    "Server 5.0 (upgraded from an earlier version) and Exchange client "
	    "4.0 to Outlook 97/98; the log does not say which client wrote "
	    "it\n"));
	assert_non_null(strstr(out, "*Source:* article Q168734\n"));
	assert_non_null(strstr(out, "> **Caution:** The Default permission applies "));
	assert_non_null(strstr(out, "- [ ] Q168734: Was the server that holds the "
	    "Organizational Forms Library upgraded"));
	assert_non_null(strstr(out, "### Fix if Q168734 applies: "));
	assert_non_null(strstr(out, "- [ ] 1. In Exchange Administrator open "
	    "Tools > Forms Administrator"));
	assert_non_null(strstr(out, "- [ ] 4. *(general practice)* "));
	free(out);

	out = render(OSTD_FORMAT_CHECKLIST, "Error synchronizing folder\n"
	    "[8004FFFF-1-0-0]\n", 44);
	assert_non_null(strstr(out, "- [ ] Look the code up: `ostdiag explain "
	    "8004FFFF-1-0-0`\n"));
	free(out);
}

static void
test_format_names(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(ostd_format_from_name("text"), OSTD_FORMAT_TEXT);
	assert_int_equal(ostd_format_from_name("json"), OSTD_FORMAT_JSON);
	assert_int_equal(ostd_format_from_name("checklist"),
	    OSTD_FORMAT_CHECKLIST);
	assert_int_equal(ostd_format_from_name("xml"), -1);
	assert_string_equal(ostd_format_time(3723, buf), "01:02:03");
	assert_string_equal(ostd_format_time(0, buf), "00:00:00");
	assert_string_equal(ostd_format_time(86399, buf), "23:59:59");
	assert_string_equal(ostd_format_time(86400 + 61, buf), "24:01:01");
	assert_string_equal(ostd_format_time(-1, buf), "");
}

/* Each byte JSON escapes is escaped wherever it stands in a run of plain text. */
static void
test_json_numbers(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_add_uint(&sb, 0);
	strbuf_addc(&sb, ' ');
	strbuf_add_uint(&sb, 1234567890);
	strbuf_addc(&sb, ' ');
	strbuf_add_uint(&sb, 18446744073709551615ULL);
	strbuf_addc(&sb, ' ');
	strbuf_add_int(&sb, -1);
	strbuf_addc(&sb, ' ');
	strbuf_add_int(&sb, -9223372036854775807LL - 1);
	strbuf_addc(&sb, ' ');
	strbuf_add_int(&sb, 86399);
	assert_string_equal(sb.data, "0 1234567890 18446744073709551615 -1 "
	    "-9223372036854775808 86399");
	strbuf_free(&sb);
}

static void
test_json_string_escapes_at_every_offset(void **state)
{
	static const struct {
		char c;
		const char *escaped;
	} cases[] = {
		{ '"', "\\\"" }, { '\\', "\\\\" }, { '\n', "\\n" },
		{ '\x01', "\\u0001" }, { '\x7f', "\\u007f" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		for (size_t at = 0; at < 24; at++) {
			char in[32], want[64], *out = NULL;
			size_t outlen = 0;
			FILE *fp = open_memstream(&out, &outlen);

			memset(in, 'x', sizeof(in));
			in[at] = cases[k].c;
			ostd_json_string(fp, in, sizeof(in));
			fclose(fp);
			snprintf(want, sizeof(want), "\"%.*s%s%.*s\"", (int)at,
			    in, cases[k].escaped, (int)(sizeof(in) - at - 1),
			    in + at + 1);
			assert_string_equal(out, want);
			free(out);
		}
	}
}

/* Records past the memory a spool keeps go to a file and come back in order. */
static void
test_spool_spills_in_order(void **state)
{
	struct spool s;
	unsigned rec[64];
	size_t n = 3 * SPOOL_MEMORY / sizeof(rec) + 7;
	char *copy = NULL;
	size_t copylen = 0;
	FILE *out;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < 64; k++)
			rec[k] = (unsigned)(i * 64 + k);
		assert_true(spool_put(&s, rec, sizeof(rec)));
	}
	assert_non_null(s.fp);	/* it spilled */
	assert_int_equal(s.n, n);
	for (int pass = 0; pass < 2; pass++) {
		size_t i = 0;

		spool_rewind(&s);
		while (spool_next(&s, rec, sizeof(rec))) {
			assert_int_equal(rec[0], i * 64);
			assert_int_equal(rec[63], i * 64 + 63);
			i++;
		}
		assert_int_equal(i, n);
	}
	out = open_memstream(&copy, &copylen);
	assert_non_null(out);
	spool_copy(&s, out);
	fclose(out);
	assert_int_equal(copylen, n * sizeof(rec));
	memcpy(rec, copy + copylen - sizeof(rec), sizeof(rec));
	assert_int_equal(rec[0], (n - 1) * 64);
	free(copy);
	spool_close(&s);
	assert_null(s.fp);
	assert_int_equal(s.n, 0);
}

/* The checklist ends with the totals in words, singular where one. */
static void
test_checklist_counts(void **state)
{
	char *out = render(OSTD_FORMAT_CHECKLIST, seed, strlen(seed));

	(void)state;
	assert_non_null(strstr(out, "\n---\n1 file, 1 session, 1 error: "
	    "1 finding, 1 diagnosed, 0 unrecognized\n"));
	assert_null(strstr(out, "(s)"));
	free(out);
}

/* How often needle occurs in s. */
static size_t
occurrences(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* Does every in-page link of an HTML page lead to an id the page has? */
static bool
links_land(const char *page)
{
	for (const char *p = page; (p = strstr(p, "href=\"#")) != NULL;) {
		const char *end = strchr(p + 7, '"');
		char *want;
		bool found;

		if (end == NULL)
			return false;
		want = xasprintf(" id=\"%.*s\"", (int)(end - p - 7), p + 7);
		found = strstr(page, want) != NULL;
		if (!found)
			print_error("no target for %s\n", want);
		free(want);
		if (!found)
			return false;
		p = end;
	}
	return true;
}

/*
 * HTML: the summary before the finding, the ids of the diagnoses, the
 * articles and the see-also ids link to entries at the end, and the less
 * likely show title and score.
 */
static void
test_html_summary_and_references(void **state)
{
	char *out = render(OSTD_FORMAT_HTML, seed, strlen(seed));

	(void)state;
	assert_non_null(strstr(out, "<title>t.log, 11:43:26 to 11:43:27 "));
	assert_non_null(strstr(out, "<h1>t.log <span class=\"when\">11:43:26 "
	    "to 11:43:27</span></h1>"));
	assert_true(strstr(out, "id=\"summary\"") < strstr(out,
	    "<section class=\"finding"));
	assert_non_null(strstr(out, "<p class=\"counts\">1 file, 1 session, 1 "
	    "error: 1 finding, 1 diagnosed, 0 unrecognized; 5 lines read.</p>"));
	assert_non_null(strstr(out, "<h3><a class=\"id\" href=\"#ref-Q168734\">"
	    "Q168734</a> "));
	assert_non_null(strstr(out, "<div class=\"ref\" id=\"ref-Q168734\">"));
	/* Q161889 is the article of Q161889-8004010F, and a see-also id. */
	assert_non_null(strstr(out, "<b>Article:</b> <a class=\"id\" href=\""
	    "#ref-Q161889\">Q161889</a>"));
	assert_int_equal(occurrences(out, "<div class=\"ref\" "
	    "id=\"ref-Q161889\">"), 1);
	assert_non_null(strstr(out, "<li><a class=\"id\" href=\"#ref-Q272187\">"
	    "Q272187</a> Org forms library has no replica or affinity in the "
	    "user&#39;s site <span class=\"score\">(score "));
	assert_true(occurrences(out, "<div class=\"ref\" id=") >= 5);
	assert_true(links_land(out));
	free(out);
}

/*
 * HTML: each occurrence reported on its own (no merging) shows the diagnosis
 * in full once; the others point to it.
 */
static void
test_html_folds_same_diagnosis(void **state)
{
	char *out = render_merge(OSTD_FORMAT_HTML, repeated,
	    sizeof(repeated) - 1, false);

	(void)state;
	assert_int_equal(occurrences(out, "<section class=\"finding"), 4);
	assert_int_equal(occurrences(out, "<div class=\"diag\">"), 1);
	assert_int_equal(occurrences(out, "<p class=\"same-as\">Same diagnosis "
	    "as <a href=\"#finding-1\">finding 1</a> above: "), 2);
	assert_true(links_land(out));
	free(out);

	out = render(OSTD_FORMAT_HTML, repeated, sizeof(repeated) - 1);
	assert_int_equal(occurrences(out, "<div class=\"diag\">"), 1);
	assert_non_null(strstr(out, "<tr><td>repeats</td><td>3 times in 2 of 4 "
	    "sessions, the last at line 10 (12:00:02)</td></tr>"));
	free(out);
}

/* HTML: a clean log is an all-clear page; a note on the input is shown. */
static void
test_html_clean_and_notes(void **state)
{
	static const char clean[] = "9:14:02 Synchronizer Version 16.0.14326\n"
	    "9:14:02 Synchronizing Mailbox 'A'\n9:14:06 Done\n";
	size_t len = OSTD_LINE_MAX + 100;
	char *big = xmalloc(len + 200), *out;
	int n;

	(void)state;
	out = render(OSTD_FORMAT_HTML, clean, sizeof(clean) - 1);
	assert_non_null(strstr(out, "<div class=\"verdict clean\" "
	    "id=\"clean\">\n<p class=\"big\">No errors found</p>\n<p>ostdiag "
	    "read 1 input: 1 session in 3 lines, and found no error in it.</p>"
	    "\n<p>The session reached Done.</p>"));
	assert_null(strstr(out, "<section class=\"finding"));
	free(out);

	/* A line too long to read whole is noted, with its number. */
	n = snprintf(big, 200, "%s9:14:03 ", clean);
	memset(big + n, 'x', len);
	memcpy(big + n + len, "\n9:14:07 Done\n", 15);
	out = render(OSTD_FORMAT_HTML, big, (size_t)n + len + 15);
	assert_non_null(strstr(out, "<h3>Notes on the inputs</h3>\n<ul class=\""
	    "notes\">\n<li><code>t.log:4</code>: line of "));
	free(out);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_json_numbers),
		cmocka_unit_test(test_json_string_escapes_at_every_offset),
		cmocka_unit_test(test_json_unrecognized_and_nulls),
		cmocka_unit_test(test_json_valid_for_any_bytes),
		cmocka_unit_test(test_text_report),
		cmocka_unit_test(test_text_hides_control_bytes),
		cmocka_unit_test(test_visible_escapes),
		cmocka_unit_test(test_json_escapes_c1),
		cmocka_unit_test(test_clean_log_has_no_findings),
		cmocka_unit_test(test_repeats_are_merged),
		cmocka_unit_test(test_checklist),
		cmocka_unit_test(test_checklist_counts),
		cmocka_unit_test(test_html_summary_and_references),
		cmocka_unit_test(test_html_folds_same_diagnosis),
		cmocka_unit_test(test_html_clean_and_notes),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_spool_spills_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
