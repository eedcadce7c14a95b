/* test_classify.c: recognizing each kind of log line. */
#include "testutil.h"

static struct ostd_event
classify(const char *s)
{
	struct ostd_event ev;

	memset(&ev, 0, sizeof(ev));
	ostd_classify(s, strlen(s), &ev);
	return ev;
}

static void
assert_span(struct ostd_span sp, const char *want)
{
	assert_int_equal(sp.len, strlen(want));
	assert_memory_equal(sp.ptr, want, sp.len);
}

static void
test_session_lines(void **state)
{
	struct ostd_event ev;

	(void)state;
	ev = classify("Synchronizer Version 16.0.14326");
	assert_int_equal(ev.kind, OSTD_EV_VERSION);
	assert_span(ev.arg, "16.0.14326");
	ev = classify("Synchroniser Version 12.0.6529");
	assert_int_equal(ev.kind, OSTD_EV_VERSION);
	ev = classify("Synchronizing Mailbox 'Dana Ruiz'");
	assert_int_equal(ev.kind, OSTD_EV_MAILBOX);
	assert_span(ev.arg, "Dana Ruiz");
	ev = classify("Synchronizing Mailbox \xE2\x80\x98J\xC3\xBCrgen's box\xE2\x80\x99");
	assert_span(ev.arg, "J\xC3\xBCrgen's box");
	assert_int_equal(classify("Done").kind, OSTD_EV_DONE);
	assert_int_equal(classify("done").kind, OSTD_EV_DONE);
	assert_int_equal(classify("Terminated in error").kind,
	    OSTD_EV_TERMINATED);
}

static void
test_scopes(void **state)
{
	static const struct {
		const char *line;
		enum ostd_scope scope;
		const char *name;
	} cases[] = {
		{ "Synchronizing Hierarchy", OSTD_SCOPE_HIERARCHY, "" },
		{ "Synchronising Favourites", OSTD_SCOPE_FAVORITES, "" },
		{ "Synchronizing Views", OSTD_SCOPE_VIEWS, "" },
		{ "Synchronizing Organization Forms", OSTD_SCOPE_FORMS, "" },
		{ "synchronizing forms", OSTD_SCOPE_FORMS, "" },
		{ "Synchronizing Folder 'Inbox'", OSTD_SCOPE_FOLDER, "Inbox" },
		{ "Synchronizing local changes in folder 'Jo's calendar'",
		    OSTD_SCOPE_UPLOAD, "Jo's calendar" },
		{ "Synchronising server changes in folder \"Posteingang\"",
		    OSTD_SCOPE_DOWNLOAD, "Posteingang" },
		{ "Sending off-line mail", OSTD_SCOPE_SENDING, "" },
		{ "Microsoft Exchange offline address book", OSTD_SCOPE_OAB, "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ostd_event ev = classify(cases[i].line);

		assert_int_equal(ev.kind, OSTD_EV_SCOPE);
		assert_int_equal(ev.sub, cases[i].scope);
		assert_span(ev.arg, cases[i].name);
	}
}

static void
test_error_heads(void **state)
{
	static const struct {
		const char *line;
		enum ostd_head head;
	} cases[] = {
		{ "Error synchronizing folder", OSTD_HEAD_FOLDER },
		{ "Error synchronising folder", OSTD_HEAD_FOLDER },
		{ "Error synchronizing message 'Budget'", OSTD_HEAD_MESSAGE },
		{ "Error synchronizing view/form", OSTD_HEAD_VIEW_FORM },
		{ "Error Synchronizing Hierarchy for Mailbox 'Shared'",
		    OSTD_HEAD_HIERARCHY },
		{ "Error sending message", OSTD_HEAD_SEND },
		{ "Synchronization of some deletions failed.",
		    OSTD_HEAD_DELETIONS },
		{ "Error with Send/Receive.", OSTD_HEAD_SEND_RECEIVE },
		{ "There was an error synchronizing your folder hierarchy. "
		    "Error : 80041004.", OSTD_HEAD_HIERARCHY },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ostd_event ev = classify(cases[i].line);

		assert_int_equal(ev.kind, OSTD_EV_ERROR_HEAD);
		assert_int_equal(ev.sub, cases[i].head);
	}
	struct ostd_event ev = classify("Error synchronizing message 'Budget'");
	assert_span(ev.arg, "Budget");
	ev = classify("There was an error synchronizing your folder hierarchy. "
	    "Error : 80041004.");
	assert_true(ev.has_code);
	assert_string_equal(ev.code.text, "80041004");
	ev = classify("Error synchronizing folder [8004010F-501-0-521]");
	assert_int_equal(ev.kind, OSTD_EV_ERROR_HEAD);
	assert_true(ev.has_code);
	assert_string_equal(ev.code.text, "8004010F-501-0-521");
	assert_int_equal(ev.arg.len, 0);
}

/* Outlook 2013's IMAP head, and Send/Receive task errors. */
static void
test_modern_heads(void **state)
{
	static const struct {
		const char *line, *name, *code, *message;
	} tasks[] = {
		{ "Task 'Dana Ruiz' reported error (0x8007007A): 'Unknown Error "
		    "0x8007007A'.", "Dana Ruiz", "8007007A",
		    "Unknown Error 0x8007007A" },
		{ "Task john@contoso.com reported error (0x80070057): 'Sorry, "
		    "something went wrong. You may want to try again'",
		    "john@contoso.com", "80070057",
		    "Sorry, something went wrong. You may want to try again" },
		{ "Task 'SharePoint' reported error (0x8004010F) : 'The "
		    "SharePoint List (Team - Tasks) cannot be found. HTTP 404.'",
		    "SharePoint", "8004010F",
		    "The SharePoint List (Team - Tasks) cannot be found. HTTP "
		    "404." },
		{ "task \xE2\x80\x98Jo\xE2\x80\x99  REPORTED ERROR (0x80040102)",
		    "Jo", "80040102", "" },
		{ "Task 'Jo (home)' reported error (0x8004010F): 'The operation "
		    "failed.'", "Jo (home)", "8004010F", "The operation failed." },
	};
	struct ostd_event ev;

	(void)state;
	ev = classify("Error in folder 'Projects'");
	assert_int_equal(ev.kind, OSTD_EV_ERROR_HEAD);
	assert_int_equal(ev.sub, OSTD_HEAD_FOLDER);
	assert_span(ev.arg, "Projects");
	assert_false(ev.has_code);
	ev = classify("Error in folder 'Old name' [800CCCD2-0-0-733]");
	assert_span(ev.arg, "Old name");
	assert_true(ev.has_code);
	assert_string_equal(ev.code.text, "800CCCD2-0-0-733");
	for (size_t i = 0; i < sizeof(tasks) / sizeof(tasks[0]); i++) {
		ev = classify(tasks[i].line);
		assert_int_equal(ev.kind, OSTD_EV_ERROR_HEAD);
		assert_int_equal(ev.sub, OSTD_HEAD_TASK);
		assert_span(ev.arg, tasks[i].name);
		assert_true(ev.has_code);
		assert_string_equal(ev.code.text, tasks[i].code);
		assert_span(ostd_task_message(ev.text), tasks[i].message);
	}
	/* Not a task error: no verb, or another first word. */
	assert_int_equal(classify("Task list updated").kind, OSTD_EV_UNKNOWN);
	assert_int_equal(classify("Tasks reported error (0x80040102)").kind,
	    OSTD_EV_UNKNOWN);
	assert_string_equal(ostd_head_name(OSTD_HEAD_TASK), "task");
}

static void
test_codes(void **state)
{
	struct ostd_event ev;

	(void)state;
	ev = classify("[8004010f-501-00-521]");
	assert_int_equal(ev.kind, OSTD_EV_CODE);
	assert_string_equal(ev.code.text, "8004010F-501-0-521");
	ev = classify("[0-130]");
	assert_int_equal(ev.kind, OSTD_EV_CODE);
	assert_string_equal(ev.code.text, "0-130");
	ev = classify("0X8004010F");
	assert_int_equal(ev.kind, OSTD_EV_CODE);
	assert_string_equal(ev.code.text, "8004010F");
	ev = classify("0x80004005");
	assert_int_equal(ev.kind, OSTD_EV_CODE);
	/* Not codes: a bracketed word, a diagnostic context value. */
	ev = classify("[Inbox]");
	assert_false(ev.has_code);
	ev = classify("ErrCtx: 0x09010801");
	assert_int_equal(ev.kind, OSTD_EV_ADDINFO);
	assert_false(ev.has_code);
	ev = classify("Hresult: 0x8000FFFF");
	assert_int_equal(ev.kind, OSTD_EV_ADDINFO);
	assert_true(ev.has_code);
	assert_string_equal(ev.code.text, "8000FFFF");
	ev = classify("The Microsoft Exchange server reported error 0x00040820");
	assert_int_equal(ev.kind, OSTD_EV_UNKNOWN);
	assert_true(ev.has_code);
	assert_string_equal(ev.code.text, "00040820");
}

static void
test_details_and_others(void **state)
{
	(void)state;
	assert_int_equal(classify("Microsoft Exchange Server Information Store").kind,
	    OSTD_EV_PROVIDER);
	assert_int_equal(classify("Microsoft Exchange Information Store").kind,
	    OSTD_EV_PROVIDER);
	assert_int_equal(classify("MAPI 1.0").kind, OSTD_EV_PROVIDER);
	assert_int_equal(classify("For more information on this failure, click "
	    "the URL below:").kind, OSTD_EV_HELP);
	assert_int_equal(classify("http://www.microsoft.com/support/prodredirect/"
	    "outlook2000_us.asp?err=8004010f-501-0-521").kind, OSTD_EV_HELP);
	assert_int_equal(classify("Additional Info:").kind, OSTD_EV_ADDINFO);
	assert_int_equal(classify("3 item(s) added to offline folder").kind,
	    OSTD_EV_COUNT);
	assert_int_equal(classify("1 folder(s) updated in offline store").kind,
	    OSTD_EV_COUNT);
	assert_int_equal(classify("2 view(s)/form(s) added to offline folder").kind,
	    OSTD_EV_COUNT);
	assert_int_equal(classify("Uploading to server 'ex01.example.com'").kind,
	    OSTD_EV_TRANSFER);
	assert_int_equal(classify("Downloading from server ''").kind,
	    OSTD_EV_TRANSFER);
	assert_int_equal(classify("Begin CTX: 310").kind, OSTD_EV_MARKER);
	assert_int_equal(classify("Folder Collection Sync Key: 0").kind,
	    OSTD_EV_MARKER);
	assert_int_equal(classify("Moved a message that failed synchronization "
	    "to 'Local Failures'.").kind, OSTD_EV_MOVED);
	assert_int_equal(classify("Not downloading Offline address book files. "
	    "A server (URL) could not be located.").kind, OSTD_EV_OAB_ERROR);
	assert_int_equal(classify("The client operation failed.").kind,
	    OSTD_EV_UNKNOWN);
	assert_int_equal(classify("   ").kind, OSTD_EV_BLANK);
	/* A message text that starts with a known word is not that line. */
	assert_int_equal(classify("Done with errors, see above").kind,
	    OSTD_EV_UNKNOWN);
}

/*
 * Phrases as written, in other cases and spellings, with other blanks; and
 * text that only looks like a phrase once bit 0x20 is set on every byte.
 */
static void
test_phrase_spellings(void **state)
{
	static const char nul_blank[] = "Error\0synchronizing folder";
	static const char del_paren[] = "5 item\bs\t added to online folder";
	struct ostd_event ev;

	(void)state;
	assert_int_equal(classify("SYNCHRONISING FOLDER 'Inbox'").sub,
	    OSTD_SCOPE_FOLDER);
	assert_int_equal(classify("Synchronizing\t  server changes in  folder "
	    "'Inbox'").sub, OSTD_SCOPE_DOWNLOAD);
	assert_int_equal(classify("sYnChRoNiZiNg fAvOrItEs").sub,
	    OSTD_SCOPE_FAVORITES);
	assert_int_equal(classify("Synchronizer Version 16.0.5435").kind,
	    OSTD_EV_VERSION);
	assert_int_equal(classify("ERROR SYNCHRONISING FOLDER").kind,
	    OSTD_EV_ERROR_HEAD);
	assert_int_equal(classify("Synchronizing Foldex 'Inbox'").kind,
	    OSTD_EV_UNKNOWN);
	assert_int_equal(classify("Synchronizin").kind, OSTD_EV_UNKNOWN);
	memset(&ev, 0, sizeof(ev));
	ostd_classify(nul_blank, sizeof(nul_blank) - 1, &ev);
	assert_int_not_equal(ev.kind, OSTD_EV_ERROR_HEAD);
	memset(&ev, 0, sizeof(ev));
	ostd_classify(del_paren, sizeof(del_paren) - 1, &ev);
	assert_int_not_equal(ev.kind, OSTD_EV_COUNT);
}

/* Which way a count went: "online" anywhere in the line means up. */
static void
test_count_direction(void **state)
{
	(void)state;
	assert_int_equal(classify("12 item(s) added to online folder").sub, 1);
	assert_int_equal(classify("12 item(s) added to offline folder").sub, 2);
	assert_int_equal(classify("3 item(s) deleted in online folder").sub, 1);
	assert_int_equal(classify("1 folder(s) added to offline store").sub, 2);
	assert_int_equal(classify("7 item(s) online").sub, 1);
	assert_int_equal(classify("7 item(s) onlin").sub, 2);
}

static void
test_parse_time(void **state)
{
	int t = -1;

	(void)state;
	assert_int_equal(ostd_parse_time("11:43:27 x", 10, &t), 8);
	assert_int_equal(t, 11 * 3600 + 43 * 60 + 27);
	assert_int_equal(ostd_parse_time("8:20:25", 7, &t), 7);
	assert_int_equal(t, 8 * 3600 + 20 * 60 + 25);
	assert_int_equal(ostd_parse_time("13:22:011 item(s)", 17, &t), 8);
	assert_int_equal(t, 13 * 3600 + 22 * 60 + 1);
	assert_int_equal(ostd_parse_time("24:00:00", 8, &t), 0);
	assert_int_equal(ostd_parse_time("12:60:00", 8, &t), 0);
	assert_int_equal(ostd_parse_time("1:2:3", 5, &t), 0);
	assert_int_equal(ostd_parse_time("11:43", 5, &t), 0);
	assert_int_equal(ostd_parse_time("Done", 4, &t), 0);
	assert_int_equal(ostd_parse_time("23:59:59", 8, &t), 8);
	assert_int_equal(t, 86399);
	assert_int_equal(ostd_parse_time("0:00:00", 7, &t), 7);
	assert_int_equal(t, 0);
	assert_int_equal(ostd_parse_time("123:45:56", 9, &t), 0);
	assert_int_equal(ostd_parse_time("12:3:456", 8, &t), 0);
	assert_int_equal(ostd_parse_time("12:34:5x", 8, &t), 0);
	assert_int_equal(ostd_parse_time("9:26:3", 6, &t), 0);
	assert_int_equal(ostd_parse_time("1a:00:00", 8, &t), 0);
	assert_int_equal(ostd_parse_time("12:00:60", 8, &t), 0);
}

static void
test_names_round_trip(void **state)
{
	(void)state;
	for (int i = 1; i < OSTD_SCOPE_COUNT; i++) {
		const char *n = ostd_scope_name((enum ostd_scope)i);
		assert_int_equal(ostd_scope_from_name(n, strlen(n)), i);
	}
	for (int i = 1; i < OSTD_HEAD_COUNT; i++) {
		const char *n = ostd_head_name((enum ostd_head)i);
		assert_int_equal(ostd_head_from_name(n, strlen(n)), i);
	}
	assert_int_equal(ostd_head_from_name("nonsense", 8), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_lines),
		cmocka_unit_test(test_scopes),
		cmocka_unit_test(test_error_heads),
		cmocka_unit_test(test_modern_heads),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_details_and_others),
		cmocka_unit_test(test_phrase_spellings),
		cmocka_unit_test(test_count_direction),
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_names_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
