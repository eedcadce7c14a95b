/*
 * test_pstitem.c: what ostdiag makes of the folders and messages of an
 * Outlook data file, apart from libpff: entry ids of both forms, the special
 * folders' property, folder roles, subjects, names, and bodies in each form.
 */
#include "testutil.h"

#include "input/lzfu.h"
#include "input/pstitem.h"
#include "util/util.h"

/* Bytes of hex text s into buf; their number. */
static size_t
unhex(const char *s, unsigned char *buf, size_t size)
{
	size_t n = 0;

	for (; s[0] != '\0' && s[1] != '\0' && n < size; s += 2)
		buf[n++] = (unsigned char)(ascii_hexval(s[0]) << 4 |
		    ascii_hexval(s[1]));
	return n;
}

/* 0x36D8 of the Inbox of a real Outlook 2016 .ost (six values). */
static const char ost_special[] =
    "060000001c0000004a00000078000000a6000000d400000002010000"
    "00000000b1043673667af149817c0918652aa1d10100bc786fda8b4f1f4894a688de8d"
    "f0c9fc000000001e270000"
    "00000000b1043673667af149817c0918652aa1d10100bc786fda8b4f1f4894a688de8d"
    "f0c9fc000000001e260000"
    "00000000b1043673667af149817c0918652aa1d10100bc786fda8b4f1f4894a688de8d"
    "f0c9fc000000001e280000"
    "00000000b1043673667af149817c0918652aa1d10100bc786fda8b4f1f4894a688de8d"
    "f0c9fc000000001e290000"
    "00000000b1043673667af149817c0918652aa1d10100bc786fda8b4f1f4894a688de8d"
    "f0c9fc00000000011d0000"
    "a3bde256";

static void
test_entry_ids(void **state)
{
	unsigned char id[64];
	size_t n;
	struct pst_ref r;

	(void)state;
	/* A .pst's: flags, the store's uid, the node id. */
	n = unhex("000000005366e7dd900fb74db6e130cedf3bc07722800000", id,
	    sizeof(id));
	r = pst_entry_ref(id, n);
	assert_int_equal(r.kind, PST_REF_NODE);
	assert_int_equal(r.value, 0x8022);
	/* An .ost's: the global counter near its end. */
	n = unhex("00000000b1043673667af149817c0918652aa1d10100bc786fda8b4f1f48"
	    "94a688de8df0c9fc000000001e260000", id, sizeof(id));
	r = pst_entry_ref(id, n);
	assert_int_equal(r.kind, PST_REF_COUNTER);
	assert_int_equal(r.value, 0x1e26);
	/* Other lengths, and ids pointing nowhere, are no reference. */
	assert_int_equal(pst_entry_ref(id, 23).kind, PST_REF_NONE);
	assert_int_equal(pst_entry_ref(NULL, 24).kind, PST_REF_NONE);
	memset(id, 0, 24);
	assert_int_equal(pst_entry_ref(id, 24).kind, PST_REF_NONE);
	/* A folder's 0x67F4: a replica id, then the counter. */
	n = unhex("0100000000001e26", id, sizeof(id));
	assert_int_equal(pst_folder_counter(id, n), 0x1e26);
	assert_int_equal(pst_folder_counter(id, 7), 0);
}

static void
test_special_folders(void **state)
{
	unsigned char data[512];
	size_t n = unhex(ost_special, data, sizeof(data));
	struct pst_ref refs[4];

	(void)state;
	assert_int_equal(pst_special_folders(data, n, refs, 4), 6);
	assert_int_equal(refs[0].value, 0x1e27);	/* Conflicts */
	assert_int_equal(refs[1].value, 0x1e26);	/* Sync Issues */
	assert_int_equal(refs[2].value, 0x1e28);	/* Local Failures */
	assert_int_equal(refs[3].value, 0x1e29);	/* Server Failures */
	assert_int_equal(refs[1].kind, PST_REF_COUNTER);
	/* Cut short: the values past the end are none, the rest are read. */
	assert_int_equal(pst_special_folders(data, 0x78, refs, 4), 6);
	assert_int_equal(refs[0].value, 0x1e27);
	assert_int_equal(refs[1].value, 0x1e26);
	assert_int_equal(refs[2].kind, PST_REF_NONE);
	assert_int_equal(refs[3].kind, PST_REF_NONE);
	/* A count larger than the offsets that fit: nothing. */
	data[0] = 0xff;
	assert_int_equal(pst_special_folders(data, n, refs, 4), 0);
	assert_int_equal(refs[1].kind, PST_REF_NONE);
	assert_int_equal(pst_special_folders(data, 3, refs, 4), 0);
	/* An offset pointing into the offsets: that value is none. */
	n = unhex(ost_special, data, sizeof(data));
	data[4] = 0x04;
	assert_int_equal(pst_special_folders(data, n, refs, 4), 6);
	assert_int_equal(refs[0].kind, PST_REF_NONE);
	assert_int_equal(refs[1].value, 0x1e26);
}

static void
test_roles_by_name(void **state)
{
	(void)state;
	assert_int_equal(pst_role_by_name("Sync Issues", PST_ROLE_OTHER),
	    PST_ROLE_SYNC_ISSUES);
	assert_int_equal(pst_role_by_name("sync issues", PST_ROLE_OTHER),
	    PST_ROLE_SYNC_ISSUES);
	assert_int_equal(pst_role_by_name("Synchronisierungsprobleme",
	    PST_ROLE_OTHER), PST_ROLE_SYNC_ISSUES);
	assert_int_equal(pst_role_by_name("Probl\xC3\xA8mes de synchronisation",
	    PST_ROLE_OTHER), PST_ROLE_SYNC_ISSUES);
	assert_int_equal(pst_role_by_name("Inbox", PST_ROLE_OTHER),
	    PST_ROLE_OTHER);
	assert_int_equal(pst_role_by_name(NULL, PST_ROLE_OTHER),
	    PST_ROLE_OTHER);
	/* Below Sync Issues. */
	assert_int_equal(pst_role_by_name("Conflicts", PST_ROLE_SYNC_ISSUES),
	    PST_ROLE_CONFLICTS);
	assert_int_equal(pst_role_by_name("Lokale Fehler",
	    PST_ROLE_SYNC_ISSUES), PST_ROLE_LOCAL_FAILURES);
	assert_int_equal(pst_role_by_name("\xC3\x89" "checs du serveur",
	    PST_ROLE_SYNC_ISSUES), PST_ROLE_SERVER_FAILURES);
	assert_int_equal(pst_role_by_name("Archive", PST_ROLE_SYNC_ISSUES),
	    PST_ROLE_SYNC_OTHER);
	/* Deeper, and Conflicts elsewhere, are no special folder. */
	assert_int_equal(pst_role_by_name("Conflicts", PST_ROLE_CONFLICTS),
	    PST_ROLE_SYNC_OTHER);
	assert_int_equal(pst_role_by_name("Conflicts", PST_ROLE_OTHER),
	    PST_ROLE_OTHER);
}

static void
test_subjects(void **state)
{
	char *s;

	(void)state;
	s = pst_subject("\x01\x01Synchronization Log:");
	assert_string_equal(s, "Synchronization Log:");
	free(s);
	s = pst_subject("\x01\x0b" "Accepted: meeting");
	assert_string_equal(s, "Accepted: meeting");
	free(s);
	s = pst_subject("Synchronization Log: ");
	assert_string_equal(s, "Synchronization Log: ");
	free(s);
	s = pst_subject("\x01");
	assert_string_equal(s, "\x01");
	free(s);
	s = pst_subject(NULL);
	assert_string_equal(s, "");
	free(s);

	assert_true(pst_subject_is_log("Synchronization Log:"));
	assert_true(pst_subject_is_log("Synchronization Log: "));
	assert_true(pst_subject_is_log("  synchronization log"));
	assert_true(pst_subject_is_log("FW: Synchronization Log:"));
	assert_true(pst_subject_is_log("RE: Fwd: Synchronization Log:"));
	assert_true(pst_subject_is_log("Synchronisierungsprotokoll:"));
	assert_true(pst_subject_is_log("WG: Journal de synchronisation :"));
	assert_false(pst_subject_is_log("Synchronization Logs"));
	assert_false(pst_subject_is_log("About the Synchronization Log:"));
	assert_false(pst_subject_is_log("Modification Resolution"));
	assert_false(pst_subject_is_log("FW:"));
	assert_false(pst_subject_is_log(""));
	assert_false(pst_subject_is_log(NULL));

	assert_int_equal(pst_classify(PST_ROLE_OTHER, "Synchronization Log:"),
	    OSTD_PST_LOG);
	assert_int_equal(pst_classify(PST_ROLE_OTHER, "Team meeting"),
	    OSTD_PST_NONE);
	/* In Sync Issues, whatever the language calls the log. */
	assert_int_equal(pst_classify(PST_ROLE_SYNC_ISSUES, "Registro"),
	    OSTD_PST_LOG);
	assert_int_equal(pst_classify(PST_ROLE_CONFLICTS,
	    "Modification Resolution"), OSTD_PST_CONFLICT);
	assert_int_equal(pst_classify(PST_ROLE_LOCAL_FAILURES, "Team meeting"),
	    OSTD_PST_LOCAL_FAILURE);
	assert_int_equal(pst_classify(PST_ROLE_SERVER_FAILURES, "x"),
	    OSTD_PST_SERVER_FAILURE);
	assert_int_equal(pst_classify(PST_ROLE_SYNC_OTHER, "x"),
	    OSTD_PST_SYNC_ITEM);
	assert_int_equal(pst_classify(PST_ROLE_CONFLICTS,
	    "Synchronization Log:"), OSTD_PST_LOG);

	/* A contents table's subject spares opening only ordinary mail. */
	assert_true(pst_listed_is_no_log(PST_ROLE_OTHER,
	    "\x01\x01Weekly figures"));
	assert_true(pst_listed_is_no_log(PST_ROLE_OTHER, ""));
	assert_false(pst_listed_is_no_log(PST_ROLE_OTHER,
	    "\x01\x04" "FW: Synchronization Log:"));
	assert_false(pst_listed_is_no_log(PST_ROLE_OTHER,
	    "Synchronisierungsprotokoll:"));
	assert_false(pst_listed_is_no_log(PST_ROLE_OTHER, NULL));
	assert_false(pst_listed_is_no_log(PST_ROLE_SYNC_ISSUES, "Registro"));
	assert_false(pst_listed_is_no_log(PST_ROLE_LOCAL_FAILURES,
	    "Team meeting"));
	assert_false(pst_listed_is_no_log(PST_ROLE_SYNC_OTHER, "x"));
}

static void
test_names(void **state)
{
	char subject[200], *s;

	(void)state;
	s = pst_item_name("user.ost", "Sync Issues", "Synchronization Log: ",
	    1628800911, 1);
	assert_string_equal(s, "user.ost:Sync Issues/Synchronization Log:"
	    "@2021-08-12T20:41:51");
	free(s);
	s = pst_item_name("a.pst", "Sync Issues/Conflicts", "Line\nbreak\t",
	    -1, 2);
	assert_string_equal(s, "a.pst:Sync Issues/Conflicts/Line break#2");
	free(s);
	s = pst_item_name("a.pst", "", "", 0, 1);
	assert_string_equal(s, "a.pst:@1970-01-01T00:00:00");
	free(s);
	/* A long subject is cut where a character starts. */
	memset(subject, 'a', sizeof(subject));
	memcpy(subject + 119, "\xC3\xA9", 2);
	subject[sizeof(subject) - 1] = '\0';
	s = pst_item_name("f", "d", subject, -1, 1);
	assert_int_equal(strlen(s), strlen("f:d/") + 119);
	free(s);

	assert_int_equal(pst_filetime(132732745117410000ULL), 1628800911);
	assert_int_equal(pst_filetime(0), -1);
}

static void
test_sort(void **state)
{
	char sync[] = "Sync Issues", deleted[] = "Deleted Items", a[] = "a",
	    b[] = "b";
	struct ostd_pst_item it[4] = {
		{ .folder = sync, .subject = b, .date = 200, .id = 4,
		    .kind = OSTD_PST_LOG },
		{ .folder = sync, .subject = a, .date = 200, .id = 3,
		    .kind = OSTD_PST_LOG },
		{ .folder = deleted, .subject = a, .date = 100, .id = 9,
		    .kind = OSTD_PST_LOG },
		{ .folder = sync, .subject = a, .date = -1, .id = 1,
		    .kind = OSTD_PST_LOG },
	};

	(void)state;
	pst_sort_items(it, 4);
	assert_int_equal(it[0].id, 1);
	assert_int_equal(it[1].id, 9);
	assert_int_equal(it[2].id, 3);
	assert_int_equal(it[3].id, 4);
}

/* A stored RTF property of the uncompressed form, around rtf. */
static size_t
mela(const char *rtf, unsigned char *out)
{
	size_t n = strlen(rtf);
	uint32_t head[4] = { (uint32_t)n + 12, (uint32_t)n, LZFU_UNCOMPRESSED,
	    0 };

	for (size_t i = 0; i < 4; i++)
		for (size_t k = 0; k < 4; k++)
			out[4 * i + k] = (unsigned char)(head[i] >> 8 * k);
	memcpy(out + 16, rtf, n);
	return n + 16;
}

static void
test_bodies(void **state)
{
	static const char html[] = "<html><body><p>11:30:45 Synchronizer "
	    "Version 16.0</p><p>11:30:46 Done</p></body></html>";
	struct ostd_message m;
	unsigned char buf[256];
	char *err = NULL;
	size_t n;

	(void)state;
	/* Plain text: its end-of-string dropped, Windows bytes read as such. */
	memset(&m, 0, sizeof(m));
	assert_int_equal(pst_text_from_plain("09:14:02 Caf\xE9\n", 14, &m,
	    &err), 0);
	assert_string_equal(m.body, "09:14:02 Caf\xC3\xA9\n");
	assert_string_equal(m.body_source, "text");
	ostd_message_free(&m);
	assert_int_equal(pst_text_from_plain("\0", 1, &m, &err), -1);
	assert_non_null(err);
	free(err);

	/* RTF stored as it is ("MELA"), which libpff does not read. */
	n = mela("{\\rtf1\\ansi 10:01:12 Done\\par\n}", buf);
	assert_int_equal(pst_text_from_rtf(buf, n, &m, &err), 0);
	assert_string_equal(m.body, "10:01:12 Done\n");
	assert_string_equal(m.body_source, "rtf");
	ostd_message_free(&m);
	/* Cut short: the reason, no body. */
	assert_int_equal(pst_text_from_rtf(buf, n - 5, &m, &err), -1);
	assert_non_null(strstr(err, "truncated"));
	assert_null(m.body);
	free(err);
	/* Compressed ("LZFu"): the same reader as for .msg. */
	n = unhex("2d0000002b0000004c5a4675f1c5c7a703000a00726370673132354232"
	    "0af32068656c090020627705b06c647d0a800fa0", buf, sizeof(buf));
	assert_int_equal(pst_text_from_rtf(buf, n, &m, &err), 0);
	assert_string_equal(m.body, "hello world");
	ostd_message_free(&m);

	/* HTML: tags dropped, lines kept. */
	assert_int_equal(pst_text_from_html(html, strlen(html), &m, &err), 0);
	assert_non_null(strstr(m.body, "11:30:45 Synchronizer Version 16.0\n"));
	assert_non_null(strstr(m.body, "11:30:46 Done"));
	assert_string_equal(m.body_source, "html");
	ostd_message_free(&m);
	assert_int_equal(pst_text_from_html("<p></p>", 7, &m, &err), -1);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_ids),
		cmocka_unit_test(test_special_folders),
		cmocka_unit_test(test_roles_by_name),
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_bodies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
