/* test_log.c: grouping lines into error blocks and sessions. */
#include "testutil.h"

static const char seed[] = SEED_LOG;

static void
test_seed_block(void **state)
{
	struct seen sn;

	(void)state;
	parse_string(seed, &sn);
	assert_int_equal(sn.n, 1);
	assert_int_equal(sn.b[0].line, 2);
	assert_int_equal(sn.b[0].time, 11 * 3600 + 43 * 60 + 27);
	assert_int_equal(sn.b[0].head, OSTD_HEAD_FOLDER);
	assert_string_equal(sn.b[0].code, "8004010F-501-0-521");
	assert_string_equal(sn.b[0].message, "The client operation failed.");
	assert_string_equal(sn.b[0].provider,
	    "Microsoft Exchange Server Information Store");
	assert_int_equal(sn.b[0].scope, OSTD_SCOPE_FORMS);
	assert_int_equal(sn.b[0].end, OSTD_END_UNFINISHED);
}

/* Damaged copies of the same log must give the same block. */
static void
test_damaged_variants(void **state)
{
	static const char *const variants[] = {
		/* flattened onto one line */
		"11:43:26 Synchronizing Organization Forms 11:43:27 Error "
		"synchronizing folder 11:43:27 [8004010F-501-0-521] 11:43:27 The "
		"client operation failed. 11:43:27 Microsoft Exchange Server "
		"Information Store\n",
		/* mail quotes and blank lines between lines */
		"> 11:43:26 Synchronizing Organization Forms\n>\n"
		"> 11:43:27 Error synchronizing folder\n\n"
		">> 11:43:27 [8004010F-501-0-521]\n\n"
		"> > 11:43:27 The client operation failed.\n"
		"> 11:43:27 Microsoft Exchange Server Information Store\n",
		/* tab indentation, glued time, no times, trailing blanks */
		"\t11:43:26 Synchronizing Organization Forms  \n"
		"11:43:27\t\t Error synchronizing folder\n"
		"11:43:27[8004010F-501-0-521]\n"
		"The client operation failed.\n"
		"    Microsoft Exchange Server Information Store   \n",
		/* British spelling, lower case phrases, code on the head line */
		"11:43:26 synchronising organisation forms\n"
		"11:43:27 error synchronising folder [8004010f-501-00-521]\n"
		"11:43:27 The client operation failed.\n"
		"11:43:27 Microsoft Exchange Server Information Store\n",
	};
	struct seen sn;

	(void)state;
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		parse_string(variants[i], &sn);
		assert_int_equal(sn.n, 1);
		assert_int_equal(sn.b[0].head, OSTD_HEAD_FOLDER);
		assert_string_equal(sn.b[0].code, "8004010F-501-0-521");
		assert_string_equal(sn.b[0].message,
		    "The client operation failed.");
		assert_string_equal(sn.b[0].provider,
		    "Microsoft Exchange Server Information Store");
		assert_int_equal(sn.b[0].scope, OSTD_SCOPE_FORMS);
	}
}

static void
test_wrapped_message_joined(void **state)
{
	struct seen sn;

	(void)state;
	parse_string("8:20:20 Synchronizing Organization Forms\n"
	    "Error synchronizing folder\n"
	    "8:20:25 [80004005-507-0-522]\n"
	    "8:20:25 The contents of this public folder are currently\n"
	    "unavailable. Either the server is down\n"
	    "or the folder is not replicated.\n", &sn);
	assert_int_equal(sn.n, 1);
	assert_int_equal(sn.b[0].time, -1);
	assert_string_equal(sn.b[0].code, "80004005-507-0-522");
	assert_string_equal(sn.b[0].message, "The contents of this public folder "
	    "are currently unavailable. Either the server is down or the folder "
	    "is not replicated.");
}

static void
test_every_error_kind_is_a_block(void **state)
{
	struct seen sn;

	(void)state;
	parse_string("9:14:02 Synchronizer Version 16.0.14326\n"
	    "9:14:02 Synchronizing Mailbox 'Dana Ruiz'\n"
	    "9:14:02 Synchronizing Hierarchy\n"
	    "9:14:03 Error synchronizing message 'Q3 plan'\n"
	    "9:14:03 \t\t [8004010F-501-0-0]\n"
	    "9:14:03 Error synchronizing folder\n"
	    "9:14:03 \t\t [8004010F-501-0-0]\n"
	    "9:14:04 Synchronizing local changes in folder 'Deleted Items'\n"
	    "9:14:04 Synchronization of some deletions failed.\n"
	    "9:14:04 [0-130]\n"
	    "9:14:05 Error with Send/Receive.\n"
	    "9:14:05 There was an error synchronizing your folder hierarchy. "
	    "Error : 80041004.\n"
	    "9:14:06 Error synchronizing folder\n"
	    "9:14:06 Additional Info:\n"
	    "9:14:06 \t EntryID: 00000000ABCD\n"
	    "9:14:06 \t ErrCtx: 0x09010801\n"
	    "9:14:06 \t Hresult: 0x8000FFFF\n"
	    "9:14:07 Done\n"
	    "9:14:07 Microsoft Exchange offline address book\n"
	    "9:14:07 Not downloading Offline address book files. A server (URL) "
	    "could not be located.\n"
	    "9:14:07 0X8004010F\n", &sn);
	assert_int_equal(sn.n, 7);
	assert_int_equal(sn.b[0].head, OSTD_HEAD_MESSAGE);
	assert_string_equal(sn.b[0].subject, "Q3 plan");
	assert_string_equal(sn.b[0].mailbox, "Dana Ruiz");
	assert_int_equal(sn.b[0].client_major, 16);
	assert_int_equal(sn.b[1].head, OSTD_HEAD_FOLDER);
	assert_int_equal(sn.b[2].head, OSTD_HEAD_DELETIONS);
	assert_string_equal(sn.b[2].code, "0-130");
	assert_int_equal(sn.b[2].scope, OSTD_SCOPE_UPLOAD);
	assert_string_equal(sn.b[2].folder, "Deleted Items");
	assert_int_equal(sn.b[3].head, OSTD_HEAD_SEND_RECEIVE);
	assert_string_equal(sn.b[3].code, "");
	assert_int_equal(sn.b[4].head, OSTD_HEAD_HIERARCHY);
	assert_string_equal(sn.b[4].code, "80041004");
	assert_int_equal(sn.b[5].head, OSTD_HEAD_FOLDER);
	assert_string_equal(sn.b[5].code, "8000FFFF");
	assert_non_null(strstr(sn.b[5].addinfo, "ErrCtx: 0x09010801"));
	/* The OAB trailer after Done still belongs to the session. */
	assert_int_equal(sn.b[6].head, OSTD_HEAD_OAB);
	assert_string_equal(sn.b[6].code, "8004010F");
	assert_int_equal(sn.b[6].scope, OSTD_SCOPE_OAB);
	assert_int_equal(sn.b[6].session, 1);
	assert_int_equal(sn.b[6].end, OSTD_END_DONE);
	assert_int_equal(sn.sessions, 1);
}

static void
test_sessions_split(void **state)
{
	struct seen sn;

	(void)state;
	parse_string("10:00:00 Synchronizer Version 14.0.7113\n"
	    "10:00:00 Synchronizing Mailbox 'A'\n"
	    "10:00:01 Synchronizing Hierarchy\n"
	    "10:00:01 Error synchronizing folder\n"
	    "10:00:01 [80040600-501-80040600-560]\n"
	    "10:00:02 Terminated in error\n"
	    "10:30:00 Synchronizer Version 14.0.7113\n"
	    "10:30:00 Synchronizing Mailbox 'A'\n"
	    "10:30:01 Synchronizing Hierarchy\n"
	    "10:30:02 Done\n"
	    "10:40:00 Synchronizing Hierarchy\n"
	    "10:40:01 Error synchronizing folder\n"
	    "10:40:01 [80040115-501-0-0]\n", &sn);
	assert_int_equal(sn.sessions, 3);
	assert_int_equal(sn.n, 3);
	assert_int_equal(sn.b[0].session, 1);
	assert_int_equal(sn.b[0].end, OSTD_END_TERMINATED);
	assert_int_equal(sn.b[1].head, OSTD_HEAD_TERMINATED);
	assert_int_equal(sn.b[1].session, 1);
	assert_int_equal(sn.b[2].session, 3);
	assert_int_equal(sn.b[2].end, OSTD_END_UNFINISHED);
}

static void
test_times_out_of_order(void **state)
{
	struct seen sn;

	(void)state;
	parse_string("23:59:58 Synchronizing Hierarchy\n"
	    "0:00:01 Error synchronizing folder\n"
	    "0:00:01 [80004005-501-0-0]\n"
	    "23:10:00 Error synchronizing folder\n"
	    "23:10:00 [80004005-501-0-0]\n", &sn);
	assert_int_equal(sn.n, 2);
	assert_int_equal(sn.b[0].time, 1);
	assert_int_equal(sn.b[1].time, 23 * 3600 + 10 * 60);
	/* Past midnight is 3 s, not a negative or day-long gap. */
	assert_int_equal(sn.b[0].longest_gap, 3);
}

/* A mistyped time that steps back and returns is no pause. */
static void
test_typo_time_is_no_gap(void **state)
{
	struct seen sn;

	(void)state;
	parse_string("13:22:01 Synchronizing Hierarchy\n"
	    "12:22:01 Error synchronizing folder\n"
	    "13:22:01 [8004010F-501-0-0]\n"
	    "13:22:09 Done\n", &sn);
	assert_int_equal(sn.n, 1);
	assert_int_equal(sn.b[0].longest_gap, 8);
}

static void
test_orphan_codes_and_loose_text(void **state)
{
	struct seen sn;

	(void)state;
	parse_string("Synchronization with the offline folder file could not be\n"
	    "completed.\n"
	    "\n"
	    "A second paragraph.\n"
	    "13:21:53[8004010F-501-0-0]\n"
	    "13:21:53 [80004005-501-0-322]\n", &sn);
	assert_int_equal(sn.n, 4);
	assert_int_equal(sn.b[0].head, OSTD_HEAD_NONE);
	assert_string_equal(sn.b[0].message, "Synchronization with the offline "
	    "folder file could not be completed.");
	/* A blank line ends a paragraph of loose text. */
	assert_int_equal(sn.b[1].head, OSTD_HEAD_NONE);
	assert_string_equal(sn.b[1].message, "A second paragraph.");
	assert_int_equal(sn.b[2].head, OSTD_HEAD_CODE);
	assert_string_equal(sn.b[2].code, "8004010F-501-0-0");
	assert_int_equal(sn.b[3].head, OSTD_HEAD_CODE);
	assert_string_equal(sn.b[3].code, "80004005-501-0-322");
}

/*
 * Send/Receive task errors, pasted alone or among log lines: one block each,
 * of one line, with the task as context and the name as subject; the IMAP
 * head "Error in folder 'X'" takes the code after it.
 */
static void
test_task_lines_and_imap_head(void **state)
{
	struct seen sn;

	(void)state;
	parse_string("12:25:00 Synchronizing Hierarchy\n"
	    "12:25:02 Error in folder 'Projects'\n"
	    "12:25:02 [800CCCD2-0-0-733]\n"
	    "Task 'Dana Ruiz' reported error (0x8007007A): 'Unknown Error "
	    "0x8007007A'.\n"
	    "Task 'SharePoint' reported error (0x8004010F) : 'The SharePoint "
	    "List (Team - Tasks) cannot be found. HTTP 404.'\n"
	    "A line pasted after them.\n", &sn);
	assert_int_equal(sn.n, 4);
	assert_int_equal(sn.b[0].head, OSTD_HEAD_FOLDER);
	assert_string_equal(sn.b[0].subject, "Projects");
	assert_string_equal(sn.b[0].code, "800CCCD2-0-0-733");
	assert_int_equal(sn.b[0].scope, OSTD_SCOPE_HIERARCHY);
	assert_int_equal(sn.b[1].head, OSTD_HEAD_TASK);
	assert_string_equal(sn.b[1].subject, "Dana Ruiz");
	assert_string_equal(sn.b[1].code, "8007007A");
	assert_string_equal(sn.b[1].message, "Unknown Error 0x8007007A");
	assert_int_equal(sn.b[1].scope, OSTD_SCOPE_NONE);
	assert_string_equal(sn.b[1].folder, "");
	assert_int_equal(sn.b[2].head, OSTD_HEAD_TASK);
	assert_string_equal(sn.b[2].subject, "SharePoint");
	assert_string_equal(sn.b[2].message, "The SharePoint List (Team - "
	    "Tasks) cannot be found. HTTP 404.");
	/* The text after a task line is loose text, not the task's. */
	assert_int_equal(sn.b[3].head, OSTD_HEAD_NONE);
	assert_string_equal(sn.b[3].message, "A line pasted after them.");
}

static int
count_parts(const struct ostd_session *s, void *ctx)
{
	size_t *blocks = ctx;

	assert_true(s->nblocks <= OSTD_BLOCKS_PER_SESSION);
	*blocks += s->nblocks;
	return 0;
}

/* A session with more blocks than the cap is handed out in parts, none lost. */
static void
test_block_cap_keeps_every_block(void **state)
{
	struct ostd_parser *p;
	size_t blocks = 0;
	const size_t want = OSTD_BLOCKS_PER_SESSION * 2 + 5;
	unsigned long line = 0;

	(void)state;
	p = ostd_parser_new(count_parts, &blocks);
	for (size_t i = 0; i < want; i++) {
		static const char head[] = "10:00:00 Error synchronizing folder";
		static const char code[] = "10:00:00 [80004005-501-0-0]";

		ostd_parser_line(p, ++line, head, sizeof(head) - 1);
		ostd_parser_line(p, ++line, code, sizeof(code) - 1);
	}
	assert_int_equal(ostd_parser_finish(p), 0);
	ostd_parser_free(&p);
	assert_int_equal(blocks, want);
}

static int
stop_early(const struct ostd_session *s, void *ctx)
{
	(void)s;
	(void)ctx;
	return 7;
}

static void
test_callback_status_propagates(void **state)
{
	struct ostd_parser *p = ostd_parser_new(stop_early, NULL);

	(void)state;
	assert_int_equal(ostd_parser_line(p, 1, "Synchronizing Hierarchy", 23), 0);
	assert_int_equal(ostd_parser_line(p, 2, "Synchronizer Version 16.0", 25), 7);
	ostd_parser_free(&p);
	ostd_parser_free(&p);	/* NULL is accepted */
}

/* Entries only a log writes are counted; any other text is not. */
static void
test_log_entries_counted(void **state)
{
	static const char *const lines[] = {
		"root:x:0:0:root:/root:/bin/bash",
		"Microsoft Exchange Server Information Store",
		"For more information, see the help",
		"Invoice 0x80070005 is overdue",
		"",
		"11:43:26 Synchronizing Organization Forms",
		"11:43:27 Error synchronizing folder",
		"11:43:27 [8004010F-501-0-521]",
		"11:43:27 The client operation failed.",
		"11:43:28 Done",
	};
	struct ostd_parser *p;
	size_t blocks = 0;

	(void)state;
	p = ostd_parser_new(count_parts, &blocks);
	for (size_t i = 0; i < 5; i++)
		ostd_parser_line(p, i + 1, lines[i], strlen(lines[i]));
	assert_int_equal(ostd_parser_log_entries(p), 0);
	for (size_t i = 5; i < sizeof(lines) / sizeof(lines[0]); i++)
		ostd_parser_line(p, i + 1, lines[i], strlen(lines[i]));
	/* scope, head, code and Done; the message text is no sign of a log */
	assert_int_equal(ostd_parser_log_entries(p), 4);
	assert_int_equal(ostd_parser_finish(p), 0);
	ostd_parser_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_block),
		cmocka_unit_test(test_damaged_variants),
		cmocka_unit_test(test_wrapped_message_joined),
		cmocka_unit_test(test_every_error_kind_is_a_block),
		cmocka_unit_test(test_sessions_split),
		cmocka_unit_test(test_times_out_of_order),
		cmocka_unit_test(test_typo_time_is_no_gap),
		cmocka_unit_test(test_orphan_codes_and_loose_text),
		cmocka_unit_test(test_task_lines_and_imap_head),
		cmocka_unit_test(test_block_cap_keeps_every_block),
		cmocka_unit_test(test_callback_status_propagates),
		cmocka_unit_test(test_log_entries_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
