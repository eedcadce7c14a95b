/* test_redact.c: stable placeholders for names, addresses and hosts. */
#include "ostdiag/redact.h"
#include "testutil.h"

static void
test_names_are_stable(void **state)
{
	struct ostd_redactor *r = ostd_redactor_new();

	(void)state;
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FOLDER, "Inbox"),
	    "folder-1");
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FOLDER, "Jo's box"),
	    "folder-2");
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FOLDER, "Inbox"),
	    "folder-1");
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_MAILBOX, "Dana Ruiz"),
	    "mailbox-1");
	ostd_redactor_free(&r);
	assert_null(r);
}

static void
test_text(void **state)
{
	struct ostd_redactor *r = ostd_redactor_new();
	char *t;

	(void)state;
	(void)ostd_redact_name(r, OSTD_REDACT_FOLDER, "Inbox");
	(void)ostd_redact_name(r, OSTD_REDACT_FOLDER, "Inbox Archive");
	t = ostd_redact_text(r, "Synchronizing server changes in folder "
	    "'Inbox Archive' and 'Inbox' for dana.ruiz@contoso.com via "
	    "https://mail.contoso.com/mapi/emsmdb/?MailboxId=1 on ex01.corp.local "
	    "at 9:14:02 [8004010F-501-0-521] version 16.0.14326, e.g. failed.");
	assert_string_equal(t, "Synchronizing server changes in folder "
	    "'folder-2' and 'folder-1' for address-1 via "
	    "https://host-1/mapi/emsmdb/?MailboxId=1 on host-2 "
	    "at 9:14:02 [8004010F-501-0-521] version 16.0.14326, e.g. failed.");
	free(t);
	t = ostd_redact_text(r, "mail.contoso.com again, DANA.RUIZ@contoso.com");
	assert_string_equal(t, "host-1 again, address-2");
	free(t);
	assert_null(ostd_redact_text(r, NULL));
	ostd_redactor_free(&r);
}

static void
test_block(void **state)
{
	struct ostd_redactor *r = ostd_redactor_new();
	struct ostd_block b;

	(void)state;
	memset(&b, 0, sizeof(b));
	b.head = OSTD_HEAD_MESSAGE;
	b.head_text = strdup("Error synchronizing message 'Budget 2027'");
	b.subject = strdup("Budget 2027");
	b.folder = strdup("Finance");
	b.scope_text = strdup("Synchronizing local changes in folder 'Finance'");
	b.evidence = strdup("12\t9:00:00 Error synchronizing message "
	    "'Budget 2027'");
	ostd_redact_block(r, &b);
	assert_string_equal(b.head_text,
	    "Error synchronizing message 'subject-1'");
	assert_string_equal(b.subject, "subject-1");
	assert_string_equal(b.folder, "folder-1");
	assert_string_equal(b.scope_text,
	    "Synchronizing local changes in folder 'folder-1'");
	assert_string_equal(b.evidence,
	    "12\t9:00:00 Error synchronizing message 'subject-1'");
	ostd_block_clear(&b);
	assert_null(b.subject);
	ostd_redactor_free(&r);
}

/* An input's path: a placeholder of its own that keeps the extension. */
static void
test_file_names(void **state)
{
	struct ostd_redactor *r = ostd_redactor_new();

	(void)state;
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FILE,
	    "red/Jos\xc3\xa9 M\xc3\xbcller sync.msg"), "file-1.msg");
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FILE,
	    "tickets/4711/sync.log"), "file-2.log");
	/* The same path, the same placeholder. */
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FILE,
	    "red/Jos\xc3\xa9 M\xc3\xbcller sync.msg"), "file-1.msg");
	/* No extension, one too long or not letters and digits, a dot folder. */
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FILE, "-"), "file-3");
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FILE,
	    "a.verylongextension"), "file-4");
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FILE,
	    "Dana.Ruiz's log"), "file-5");
	assert_string_equal(ostd_redact_name(r, OSTD_REDACT_FILE,
	    "logs.d/sync"), "file-6");
	/* The path is a name like the others: free text that holds it too. */
	{
		char *t = ostd_redact_text(r, "cannot read tickets/4711/sync.log");

		assert_string_equal(t, "cannot read file-2.log");
		free(t);
	}
	ostd_redactor_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_are_stable),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_block),
		cmocka_unit_test(test_file_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
