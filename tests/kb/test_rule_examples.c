/*
 * test_rule_examples.c: the knowledge base tests itself. Every built-in rule's
 * example must yield that rule first (or in its ambiguity group), and no rule may
 * fire on the clean sample logs.
 */
#include "util/util.h"
#include "testutil.h"

static void
test_every_example_yields_its_rule(void **state)
{
	const struct ostd_ruleset *rs = *state;
	int failed = 0;

	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);
		char *why = NULL;

		if (ostd_rule_selftest(rs, r, &why) != 0) {
			print_error("%s\n", why);
			failed++;
		}
		free(why);
	}
	assert_int_equal(failed, 0);
}

/* The check can fail: a rule whose example shows another error is caught. */
static void
test_selftest_catches_a_wrong_example(void **state)
{
	struct ostd_ruleset *rs = *state;
	static const char text[] = "id: WRONG\ntitle: t\nproducts: p\n"
	    "level: error\ncategory: other\ncode: 80040115-501-0-0\n"
	    "clients: any\nservers: any\n"
	    "cause: c\nfix: f\nexample:\n  Synchronizing Organization Forms\n"
	    "  Error synchronizing folder\n  [8004010F-501-0-521]\n"
	    "  The client operation failed.\n";
	char *err = NULL, *why = NULL;

	assert_int_equal(ostd_ruleset_load_text(rs, "wrong.rule", text,
	    sizeof(text) - 1, &err), 0);
	assert_int_equal(ostd_rule_selftest(rs, ostd_ruleset_find(rs, "WRONG"),
	    &why), -1);
	/* At the file line of the example's error: its line 2, after 11. */
	assert_non_null(strstr(why, "wrong.rule:13: rule WRONG: its example is "
	    "not diagnosed as WRONG (example line 2: "));
	free(why);
}

/*
 * An example that yields nothing is told at its example: line, as is one
 * whose lines a comment breaks (its lines no longer map one for one).
 */
static void
test_selftest_lines(void **state)
{
	struct ostd_ruleset *rs = *state;
	static const char head[] = "id: QUIET\ntitle: t\nproducts: p\n"
	    "level: error\ncategory: other\ncode: 80040115-501-0-0\n"
	    "clients: any\nservers: any\ncause: c\nfix: f\nexample:\n";
	char *text, *err = NULL, *why = NULL;

	text = xasprintf("%s  11:43:26 Done\n", head);
	assert_int_equal(ostd_ruleset_load_text(rs, "quiet.rule", text,
	    strlen(text), &err), 0);
	free(text);
	assert_int_equal(ostd_rule_selftest(rs, ostd_ruleset_find(rs, "QUIET"),
	    &why), -1);
	assert_string_equal(why, "quiet.rule:11: rule QUIET: its example "
	    "yields no finding");
	free(why);
	text = xasprintf("%s  Synchronizing Organization Forms\n# a note\n"
	    "  Error synchronizing folder\n  [8004010F-501-0-521]\n", head);
	assert_int_equal(ostd_ruleset_load_text(rs, "quiet.rule", text,
	    strlen(text), &err), 0);
	free(text);
	assert_int_equal(ostd_rule_selftest(rs, ostd_ruleset_find(rs, "QUIET"),
	    &why), -1);
	assert_non_null(strstr(why, "quiet.rule:11: rule QUIET: its example is "
	    "not diagnosed as QUIET (example line 2: "));
	free(why);
}

static void
count_findings(const struct ostd_finding *f, void *ctx)
{
	(void)f;
	(*(int *)ctx)++;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void
test_clean_samples_fire_nothing(void **state)
{
	static const char *const clean[] = {
		"samples/clean-2016.log", "samples/clean-outlook97.log",
	};

	for (size_t i = 0; i < sizeof(clean) / sizeof(clean[0]); i++) {
		int findings = 0;
		size_t len;
		char *text = slurp(clean[i], &len);
		struct ostd_report *rep = ostd_report_new_fn(count_findings,
		    &findings);
		struct ostd_analyzer *a = ostd_analyzer_new(*state, rep);

		ostd_analyze_buffer(a, text, len, clean[i]);
		assert_true(ostd_analyzer_summary(a)->sessions > 0);
		assert_int_equal(findings, 0);
		ostd_analyzer_free(&a);
		ostd_report_free(&rep);
		free(text);
	}
}

struct top_ids {
	char ids[8][32];	/* the best-scoring rules of the first finding */
	size_t n;
	bool seen;
};

static void
first_finding_top(const struct ostd_finding *f, void *ctx)
{
	struct top_ids *t = ctx;

	if (t->seen)
		return;
	t->seen = true;
	for (size_t i = 0; i < f->diag->ntop && i < 8; i++)
		snprintf(t->ids[t->n++], 32, "%s", f->diag->cand[i].rule->id);
}

/* The best rules for the first error of log, joined by spaces. */
static void
assert_top(const struct ostd_ruleset *rs, const char *log, const char *want)
{
	struct top_ids t;
	struct ostd_report *rep = ostd_report_new_fn(first_finding_top, &t);
	struct ostd_analyzer *a = ostd_analyzer_new(rs, rep);
	char got[256] = "";

	memset(&t, 0, sizeof(t));
	ostd_analyze_buffer(a, log, strlen(log), "case.log");
	for (size_t i = 0; i < t.n; i++) {
		strcat(got, i ? " " : "");
		strcat(got, t.ids[i]);
	}
	if (strcmp(got, want) != 0) {
		print_error("log:\n%s\nbest: '%s', want '%s'\n", log, got, want);
		fail();
	}
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
}

/* Context decides between rules that share a code. */
static void
test_context_decides_between_articles(void **state)
{
	const struct ostd_ruleset *rs = *state;

	assert_top(rs, "Synchronizing Folder 'Inbox'\n"
	    "Error synchronizing view/form\n[80070005-508-0-322]\n"
	    "You do not have sufficient permission to perform this operation "
	    "on this object.\n", "Q180055");
	assert_top(rs, "Synchronizing Folder 'Inbox'\n"
	    "Error synchronizing message 'Budget'\n[80070005-508-0-322]\n"
	    "You do not have sufficient permission to perform this operation "
	    "on this object.\n", "Q182294");
	assert_top(rs, "11:43:26 Synchronizing Organization Forms\n"
	    "11:43:27 Error synchronizing folder\n11:43:27 [8004010F-501-0-521]\n"
	    "11:43:27 The client operation failed.\n",
	    "Q161889-8004010F Q162703 Q168734");
	assert_top(rs, "8:20:20 Synchronizing Organization Forms\n"
	    "Error synchronizing folder\n8:20:25 [80004005-507-0-522]\n"
	    "8:20:25 The contents of this public folder are currently\n"
	    "unavailable.\n", "Q162703-522");
	assert_top(rs, "> Synchronizing Organization Forms\n> Terminated in "
	    "error\n> [8004010f-501-0-b20]\n> The client operation failed.\n",
	    "Q259795");
	assert_top(rs, "Sending off-line mail\nError sending message\n"
	    "[8004010F-501-0-0]\nThe client operation failed.\n", "Q169674");
	assert_top(rs, "Terminated in error\n[8004010F-583-0-0]\n"
	    "An unexpected error has occurred.\nMAPI 1.0\n", "Q152437");
	/* Newer servers write their own HRESULT in field 3. */
	assert_top(rs, "Synchronizing Organization Forms\n"
	    "Error synchronizing folder\n[8004010F-501-8004010F-521]\n"
	    "The client operation failed.\n",
	    "Q161889-8004010F Q162703 Q168734");
	/*
	 * Access denied on a message: in a mailbox folder the service-pack
	 * article, not the Exchange 2000 public-folder one.
	 */
	assert_top(rs, "Synchronizing Folder 'Inbox'\n"
	    "Error synchronizing message 'Budget'\n[80070005-508-80070005-322]\n"
	    "You do not have sufficient permission to perform this operation "
	    "on this object.\n", "Q182294");
	assert_top(rs, "Synchronizing Folder 'Purchase Approvals'\n"
	    "Error synchronizing message 'new Modified'\n"
	    "[80070005-508-80070005-322]\n"
	    "You do not have sufficient permission to perform this operation "
	    "on this object.\n", "KB810018");
	/* A shared calendar's NO_PARENT, not the user's own Calendar. */
	assert_top(rs, "Synchronizer Version 16.0.1\n"
	    "Synchronizing server changes in folder 'Calendar'\n"
	    "Error synchronizing folder\n[80040803-54A-80040803-533]\n", "");
	assert_top(rs, "Synchronizer Version 16.0.1\n"
	    "Synchronizing server changes in folder 'Jo's Calendar'\n"
	    "Error synchronizing folder\n[80040803-54A-80040803-533]\n",
	    "OSTD-NO-PARENT-SHARED-CALENDAR");
	/* One code, several causes: the context decides (Outlook 2013 logs). */
	assert_top(rs, "Synchronizer Version 15.0.1\nSynchronizing Mailbox 'x'\n"
	    "Done\nMicrosoft Exchange offline address book\n0x8004010f\n",
	    "OSTD-OAB-8004010F-ENTRYID OSTD-OAB-8004010F-MIGRATION "
	    "OSTD-OAB-8004010F-NOT-GENERATED OSTD-OAB-8004010F-REPLICAS");
	assert_top(rs, "Microsoft Exchange offline address book\nNot downloading "
	    "Offline address book files. A server (URL) could not be located.\n"
	    "0X8004010F\n", "OSTD-OAB-NOT-FOUND");
	assert_top(rs, "Microsoft Exchange offline address book\nNot downloading "
	    "Offline address book files. A server (URL) could not be located\n"
	    "0X80004005\n", "KB2665915-80004005");
	assert_top(rs, "Task 'SharePoint' reported error (0x8004010F) : 'The "
	    "SharePoint List (A - B) cannot be found. If the problem continues, "
	    "contact the SharePoint site administrator. HTTP 404.'\n",
	    "OSTD-SHAREPOINT-HTTP404");
	assert_top(rs, "Local autodiscover for contoso.com starting\n\n"
	    "Local autodiscover for contoso.com Failed (0x8004010F)\n",
	    "KB2785498");
	assert_top(rs, "0x8004010F: Outlook data file cannot be accessed.\n",
	    "KB2659085");
	assert_top(rs, "Task 'Dana Ruiz' reported error (0x8007007A): 'Unknown "
	    "Error 0x8007007A'.\n", "KB3031401");
	assert_top(rs, "Task john@contoso.com reported error (0x80070057): "
	    "'Sorry, something went wrong. You may want to try again'\n",
	    "KB2845987");
	/* Field 4 1380: the HRESULT decides. */
	assert_top(rs, "Synchronizing local changes in folder 'Shared - A'\n"
	    "Error synchronizing folder\n[80004005-501-0-1380]\n",
	    "KB3115602-1380");
	assert_top(rs, "Synchronizing local changes in folder 'Inbox'\n"
	    "Error synchronizing message 'OBA Settings'\n[80070005-508-0-1380]\n"
	    "You do not have sufficient permission to perform this operation "
	    "on this object.\n", "OSTD-NAMEDPROP-DENIED");
	assert_top(rs, "12:25:00 Synchronizing Hierarchy\n"
	    "12:25:02 Error in folder 'Projects'\n12:25:02 [800CCCD2-0-0-733]\n",
	    "KB3087043");
	/* A Sync Issues item known by its subject: diagnostics. */
	assert_top(rs, "From:\tDana Ruiz\r\nSent:\tTuesday, March 3, 2026 9:15 "
	    "AM\r\nTo:\tDana Ruiz\r\nSubject:\tSync Monitor\r\n\r\n"
	    "Diagnostics of the synchronization.\r\n", "KB3197761");
	assert_int_equal(ostd_ruleset_find(rs, "KB3197761")->level,
	    OSTD_LEVEL_INFO);
	assert_top(rs, "9:00:00 Synchronizer Version 16.0.1\n"
	    "9:00:00 Synchronizing Hierarchy\n9:00:01 Error synchronizing "
	    "folder\n9:00:01 [80040600-501-80040600-560]\n"
	    "9:00:01 Terminated in error\n", "KB2991453");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_example_yields_its_rule,
		    builtin_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(
		    test_selftest_catches_a_wrong_example, builtin_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_selftest_lines,
		    builtin_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_clean_samples_fire_nothing,
		    builtin_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(
		    test_context_decides_between_articles, builtin_rules_setup, rules_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
