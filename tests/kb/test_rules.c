/* test_rules.c: reading rule files and refusing broken ones with file:line. */
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"
#include "testutil.h"

static const char good[] =
    "# a comment\n"
    "id: TEST-1\n"
    "title: A test rule\n"
    "products: Outlook 2016\n"
    "clients: 12, 14-16\n"
    "level: warning\n"
    "category: sync-error-code\n"
    "group: g1\n"
    "code: 8004010F-501-*-521\n"
    "code: 80004005\n"
    "head: folder message\n"
    "scope: forms\n"
    "message: client\n"
    "  operation\n"
    "cause: First part\n"
    "  second part.\n"
    "fix: Step one.\n"
    "fix: Step two\n"
    "\tcontinued.\n"
    "ask: Is it?\n"
    "see: Q1 Q2\n"
    "example:\n"
    "  11:43:26 Synchronizing Organization Forms\n"
    "  11:43:27 Error synchronizing folder\n"
    "  11:43:27 \t[8004010F-501-0-521]\n"
    "  11:43:27 The client operation failed.\n"
    "servers: Exchange Server 2016\n";

static void
test_reads_every_field(void **state)
{
	struct ostd_ruleset *rs = *state;
	const struct ostd_rule *r;
	char *err = NULL;

	assert_int_equal(ostd_ruleset_load_text(rs, "t.rule", good,
	    strlen(good), &err), 0);
	assert_null(err);
	r = ostd_ruleset_find(rs, "test-1");
	assert_non_null(r);
	assert_string_equal(r->title, "A test rule");
	assert_null(r->article);
	assert_int_equal(r->level, OSTD_LEVEL_WARNING);
	assert_true(r->clients == (1u << 12 | 1u << 14 | 1u << 15 | 1u << 16));
	assert_int_equal(r->ncodes, 2);
	assert_string_equal(r->codes[0].text, "8004010F-501-*-521");
	assert_int_equal(r->codes[0].wild, 1u << 2);
	assert_int_equal(r->codes[1].nfields, 1);
	assert_true(r->heads == (1u << OSTD_HEAD_FOLDER | 1u << OSTD_HEAD_MESSAGE));
	assert_true(r->scopes == 1u << OSTD_SCOPE_FORMS);
	assert_non_null(r->message);
	assert_int_equal(ostd_pattern_match(r->message, "CLIENT OPERATION x", 18),
	    1);
	/* The same answers however often the pattern runs. */
	for (int i = 0; i < 300; i++) {
		assert_int_equal(ostd_pattern_match(r->message,
		    "the client operation failed", 27), 1);
		assert_int_equal(ostd_pattern_match(r->message,
		    "the server operation failed", 27), 0);
	}
	assert_string_equal(r->cause, "First part second part.");
	assert_int_equal(r->nfix, 2);
	assert_string_equal(r->fix[1], "Step two continued.");
	assert_int_equal(r->nask, 1);
	assert_int_equal(r->nsee, 2);
	assert_string_equal(r->see[1], "Q2");
	assert_string_equal(r->example, "11:43:26 Synchronizing Organization "
	    "Forms\n11:43:27 Error synchronizing folder\n11:43:27 "
	    "\t[8004010F-501-0-521]\n11:43:27 The client operation failed.");
	assert_int_equal(r->source_line, 2);
	assert_false(ostd_rule_is_reference(r));
}

static void
test_article_defaults_from_id(void **state)
{
	struct ostd_ruleset *rs = *state;
	char *err = NULL;
	const char *text = "id: Q999999-2\ntitle: t\nproducts: p\nlevel: info\n"
	    "category: howto-info\nsummary: What it is.\n";

	assert_int_equal(ostd_ruleset_load_text(rs, "r", text, strlen(text),
	    &err), 0);
	assert_string_equal(ostd_ruleset_find(rs, "Q999999-2")->article,
	    "Q999999");
	assert_true(ostd_rule_is_reference(ostd_ruleset_find(rs, "Q999999-2")));
}

/* Replace the line starting with key in good by repl (or delete it). */
static char *
variant(const char *key, const char *repl)
{
	const char *at = strstr(good, key);
	const char *eol;
	char *out;

	assert_non_null(at);
	eol = strchr(at, '\n') + 1;
	out = malloc(strlen(good) + strlen(repl) + 1);
	assert_non_null(out);
	memcpy(out, good, (size_t)(at - good));
	strcpy(out + (at - good), repl);
	strcat(out, eol);
	return out;
}

static void
test_refuses_broken_rules(void **state)
{
	static const struct {
		const char *key, *repl, *want;
	} cases[] = {
		{ "title:", "", "bad.rule:1: missing 'title'" },
		{ "level:", "level: fatal\n", "bad.rule:6: level must be" },
		{ "code: 8004", "code: 8004010X-501\n", "bad.rule:9: bad code" },
		{ "code: 8004", "code: *-501-0-0\n", "bad.rule:9: bad code" },
		{ "head:", "head: folder disk\n", "bad.rule:11: unknown head 'disk'" },
		{ "scope:", "scope: garden\n", "bad.rule:12: unknown scope" },
		{ "message:", "message: (unclosed\n",
		    "bad.rule:13: regex error at offset 19: missing closing parenthesis" },
		{ "group:", "colour: blue\n", "bad.rule:8: unknown key 'colour'" },
		{ "group:", "title: again\n", "bad.rule:8: 'title' given twice" },
		{ "clients:", "clients: 40\n", "bad.rule:5: bad clients" },
		{ "category:", "category: misc\n", "bad.rule:7: unknown category" },
		{ "# a", "  stray\n", "bad.rule:1: indented line" },
		{ "see:", "see Q1\n", "bad.rule:21: expected 'key: value'" },
		{ "fix: Step one", "", "" },
		{ "example:", "example: inline\n", "bad.rule:22: example text goes" },
		{ "  11:43:26", " 11:43:26 x\n", "bad.rule:23: example lines must" },
		{ "title:", "title: A \x1b[2J rule\n",
		    "bad.rule:3: control character at column 10" },
		{ "cause:", "cause: one\rtwo\n",
		    "bad.rule:15: control character at column 11" },
		{ "ask:", "ask: Is it\x7f?\n",
		    "bad.rule:20: control character at column 11" },
		{ "ask:", "ask: Is it \xc2\x9b?\n",
		    "bad.rule:20: control character at column 12" },
		{ "ask:", "ask: Is it\tso, \xc2\xa0" "caf\xc3\xa9?\r\n", "" },
	};
	struct ostd_ruleset *rs = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = variant(cases[i].key, cases[i].repl);
		char *err = NULL;
		int rc = ostd_ruleset_load_text(rs, "bad.rule", text,
		    strlen(text), &err);

		if (cases[i].want[0] == '\0') {
			/* One fix step fewer, or a tab, is fine. */
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(err);
			if (strstr(err, cases[i].want) != err) {
				print_error("case %zu: got '%s'\n", i, err);
				fail();
			}
		}
		free(err);
		free(text);
	}
	/* A refused rule leaves the set as it was. */
	assert_int_equal(ostd_ruleset_count(rs), 1);
}

/*
 * Every problem of a file is told, each at its line, by line; a line at
 * fault takes the lines that continue it along, and the rest is still read.
 */
static void
test_every_problem_told(void **state)
{
	static const char text[] =
	    "id: SITE-4\n"				/* 1 */
	    "title: Four problems\n"
	    "products: p\n"
	    "clients: 16\n"
	    "servers: Exchange Online\n"		/* 5 */
	    "level: loud\n"
	    "category: other\n"
	    "colour: blue\n"
	    "  and green\n"
	    "code: 80040115-501-0-0\n"		/* 10 */
	    "head: folder disk\n"
	    "cause: c\n"
	    "fix: Close Outlook.\n"
	    "fix: Empty the Deleted Items folder on exit.\n"
	    "example:\n"				/* 15 */
	    "  Error synchronizing folder\n"
	    "  [80040115-501-0-0]\n";
	static const char want[] = "four.rule:6: level must be error, "
	    "warning or info\nfour.rule:8: unknown key 'colour'\n"
	    "four.rule:11: unknown head 'disk'\nfour.rule:14: step 2 purges "
	    "Deleted Items, with no caution";
	struct ostd_ruleset *rs = *state;
	char *err = NULL;
	const char *p;
	size_t lines = 0;

	assert_int_equal(ostd_ruleset_load_text(rs, "four.rule", text,
	    sizeof(text) - 1, &err), -1);
	assert_non_null(err);
	for (p = err; p != NULL; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		lines++;
	if (lines != 4)
		print_error("got '%s'\n", err);
	assert_int_equal(lines, 4);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_int_equal(ostd_ruleset_count(rs), 0);
	free(err);
}

/* A NUL byte: a file that is no text; nothing after it is read. */
static void
test_nul_ends_reading(void **state)
{
	static const char text[] = "id: X\ntitle: t\0\nlevel: loud\n"
	    "colour: red\n";
	char *err = NULL;

	assert_int_equal(ostd_ruleset_load_text(*state, "bin.rule", text,
	    sizeof(text) - 1, &err), -1);
	assert_string_equal(err, "bin.rule:2: NUL byte in rule file");
	free(err);
}

static void
test_rule_needs_cause_fix_example(void **state)
{
	struct ostd_ruleset *rs = *state;
	char *err = NULL;
	const char *text = "id: X\ntitle: t\nproducts: p\nlevel: error\n"
	    "category: other\ncode: 80004005\ncause: c\nfix: f\n"
	    "clients: any\nservers: any\n";

	assert_int_equal(ostd_ruleset_load_text(rs, "x.rule", text, strlen(text),
	    &err), -1);
	assert_string_equal(err, "x.rule:1: rule needs an 'example' log");
	free(err);
	text = "id: X\ntitle: t\nproducts: p\nlevel: info\ncategory: other\n";
	assert_int_equal(ostd_ruleset_load_text(rs, "y.rule", text, strlen(text),
	    &err), -1);
	assert_non_null(strstr(err, "needs a 'summary'"));
	free(err);
}

static void
test_same_id_replaces(void **state)
{
	struct ostd_ruleset *rs = *state;
	char *err = NULL, *text;

	assert_int_equal(ostd_ruleset_load_text(rs, "a", good, strlen(good),
	    &err), 0);
	text = variant("title:", "title: Replaced\n");
	assert_int_equal(ostd_ruleset_load_text(rs, "b", text, strlen(text),
	    &err), 0);
	free(text);
	assert_int_equal(ostd_ruleset_count(rs), 1);
	assert_string_equal(ostd_ruleset_find(rs, "TEST-1")->title, "Replaced");
}

/* A reference entry with this id and title, loaded into rs. */
static void
load_entry(struct ostd_ruleset *rs, const char *id, const char *title)
{
	char text[256];
	char *err = NULL;

	snprintf(text, sizeof(text), "id: %s\ntitle: %s\nproducts: p\n"
	    "level: info\ncategory: other\nsummary: s\n", id, title);
	assert_int_equal(ostd_ruleset_load_text(rs, id, text, strlen(text),
	    &err), 0);
}

/*
 * Among thousands of rules, each id is found, in either case, and a rule read
 * later replaces the one with its id (given in other case) in its place; an id
 * not given is not found.
 */
static void
test_many_ids(void **state)
{
	struct ostd_ruleset *rs = *state;
	enum { N = 5000 };
	char id[32];

	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "Many-%d", i);
		load_entry(rs, id, "first");
	}
	for (int i = 0; i < N; i += 3) {
		snprintf(id, sizeof(id), "MANY-%d", i);
		load_entry(rs, id, "second");
	}
	assert_int_equal(ostd_ruleset_count(rs), N);
	for (int i = 0; i < N; i++) {
		const struct ostd_rule *r;

		snprintf(id, sizeof(id), "many-%d", i);
		r = ostd_ruleset_find(rs, id);
		assert_non_null(r);
		assert_ptr_equal(ostd_ruleset_get(rs, (size_t)i), r);
		assert_string_equal(r->title, i % 3 == 0 ? "second" : "first");
	}
	assert_null(ostd_ruleset_find(rs, "many-5000"));
	assert_null(ostd_ruleset_find(rs, "many-"));
	assert_null(ostd_ruleset_find(rs, ""));
}

/* A rule around the given fix lines, for the step checks. */
static char *
rule_with_steps(const char *steps)
{
	static const char head[] =
	    "id: STEPS\ntitle: t\nproducts: p\nclients: 16\n"
	    "servers: Exchange Online\nlevel: error\ncategory: other\n"
	    "code: 8004010F\nsource: a public article\ncause: c\n";
	static const char tail[] = "example:\n  10:00:00 Error synchronizing "
	    "folder\n  10:00:00 [8004010F-501-0-521]\n";
	char *out = malloc(strlen(head) + strlen(steps) + strlen(tail) + 1);

	assert_non_null(out);
	strcpy(out, head);
	strcat(out, steps);
	strcat(out, tail);
	return out;
}

/* Load a rule and return the error (NULL when it loaded). */
static char *
load_error(struct ostd_ruleset *rs, const char *text)
{
	char *err = NULL;

	if (ostd_ruleset_load_text(rs, "site.rule", text, strlen(text),
	    &err) == 0)
		return NULL;
	assert_non_null(err);
	return err;
}

/*
 * A rule knows the lines of its see: and example: fields, and the line its
 * example's first line is on while the example's lines run on one for one.
 */
static void
test_example_and_see_lines(void **state)
{
	struct ostd_ruleset *rs = *state;
	const struct ostd_rule *r;
	char *text;

	assert_null(load_error(rs, good));
	r = ostd_ruleset_find(rs, "TEST-1");
	assert_int_equal(r->see_line, 21);
	assert_int_equal(r->example_line, 22);
	assert_int_equal(r->example_first, 23);
	/* Blank lines before the example's first line are not in it. */
	text = variant("example:", "example:\n\n  \n");
	assert_null(load_error(rs, text));
	free(text);
	r = ostd_ruleset_find(rs, "TEST-1");
	assert_int_equal(r->example_line, 22);
	assert_int_equal(r->example_first, 25);
	assert_string_equal(r->example, "11:43:26 Synchronizing Organization "
	    "Forms\n11:43:27 Error synchronizing folder\n11:43:27 \t"
	    "[8004010F-501-0-521]\n11:43:27 The client operation failed.");
	/* A comment among its lines: they no longer run on one for one. */
	text = variant("  11:43:27 Error", "# between\n  11:43:27 Error "
	    "synchronizing folder\n");
	assert_null(load_error(rs, text));
	free(text);
	r = ostd_ruleset_find(rs, "TEST-1");
	assert_int_equal(r->example_line, 22);
	assert_int_equal(r->example_first, 0);
}

/*
 * 'fix' and 'practice' lines make one list in file order; a caution belongs
 * to the step after it.
 */
static void
test_steps_in_order_with_cautions(void **state)
{
	struct ostd_ruleset *rs = *state;
	char *text = rule_with_steps(
	    "fix: Check the server.\n"
	    "caution: Renaming the library breaks forms\n  that use it.\n"
	    "practice: Note the library's name.\n"
	    "fix: Synchronize again.\n");
	const struct ostd_rule *r;

	assert_null(load_error(rs, text));
	free(text);
	r = ostd_ruleset_find(rs, "STEPS");
	assert_int_equal(r->nfix, 3);
	assert_string_equal(r->fix[0], "Check the server.");
	assert_string_equal(r->fix[1], "Note the library's name.");
	assert_string_equal(r->fix[2], "Synchronize again.");
	assert_null(r->caution[0]);
	assert_string_equal(r->caution[1],
	    "Renaming the library breaks forms that use it.");
	assert_null(r->caution[2]);
	assert_false(ostd_rule_step_is_practice(r, 0));
	assert_true(ostd_rule_step_is_practice(r, 1));
	assert_false(ostd_rule_step_is_practice(r, 2));
	assert_int_equal(ostd_rule_provenance(r), OSTD_PROV_SOURCE);
	assert_true(ostd_rule_has_practice(r));

	/* With no public source, every step is practice. */
	text = variant("clients:", "clients: any\n");
	assert_null(load_error(rs, text));
	free(text);
	r = ostd_ruleset_find(rs, "TEST-1");
	assert_int_equal(ostd_rule_provenance(r), OSTD_PROV_FIELD);
	assert_int_equal(r->practice, 0);
	assert_true(ostd_rule_step_is_practice(r, 0));
	assert_true(ostd_rule_step_is_practice(r, 1));
	assert_false(ostd_rule_step_is_practice(r, 2));
}

/*
 * A step that can lose or change data needs a caution before it; the error
 * names the step's own line, in a user's rule as in a built-in one.
 */
static void
test_destructive_step_needs_caution(void **state)
{
	static const struct {
		const char *steps, *want;
	} cases[] = {
		{ "fix: Check the name.\nfix: Delete the .ost file and start "
		    "Outlook.\n", "site.rule:12: step 2 deletes, renames or "
		    "rebuilds the offline folder file, with no caution" },
		{ "fix: Empty the Deleted Items folder on exit.\n",
		    "site.rule:11: step 1 purges Deleted Items" },
		{ "practice: Remove the conflicting appointments from the "
		    "offline calendar.\n", "site.rule:11: step 1 deletes items "
		    "or folders" },
		{ "fix: Discard the draft\n  when asked.\n",
		    "site.rule:11: step 1 deletes items or folders" },
		{ "fix: Set the DWORD value Enabled to 0.\n",
		    "site.rule:11: step 1 turns off virus scanning" },
		{ "fix: Restart the Information Store service.\n",
		    "site.rule:11: step 1 stops or restarts a server service" },
		{ "fix: Run Set-OfflineAddressBook -AddressLists X.\n",
		    "site.rule:11: step 1 changes an organization-wide setting" },
		{ "fix: Change the Default role to Reviewer.\n",
		    "site.rule:11: step 1 changes permissions others depend on" },
		{ "fix: Run ISINTEG -fix on the store.\n",
		    "site.rule:11: step 1 runs a store repair" },
		{ "fix: In Regedt32 create the value OpenRetryDelay.\n",
		    "site.rule:11: step 1 edits the registry" },
		{ "caution: c\n", "site.rule:11: caution with no step after "
		    "it" },
		{ "caution: a\ncaution: b\nfix: f\n", "site.rule:12: a second "
		    "caution for one step" },
		{ "fix: Check.\ncaution:\nfix: Go on.\n",
		    "site.rule:12: empty caution" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ostd_ruleset *rs = *state;
		char *text = rule_with_steps(cases[i].steps);
		char *err = load_error(rs, text);

		/* Among the file's problems, each on a line of its own. */
		if (err == NULL || strstr(err, cases[i].want) == NULL)
			print_error("case %zu: got '%s'\n", i, err ? err : "");
		assert_non_null(err);
		assert_non_null(strstr(err, cases[i].want));
		free(err);
		free(text);
	}
	assert_int_equal(ostd_ruleset_count(*state), 0);
}

/*
 * An OST rebuild comes after a step that saves what only the OST holds, and
 * that save comes while Outlook is still open.
 */
static void
test_ost_rebuild_needs_save_first(void **state)
{
	struct ostd_ruleset *rs = *state;
	static const char caution[] = "caution: The OST alone holds unsent "
	    "and offline items.\n";
	char *text, *err, *steps;

	steps = xasprintf("%sfix: Rename the .ost file.\n", caution);
	text = rule_with_steps(steps);
	err = load_error(rs, text);
	assert_non_null(err);
	assert_true(strncmp(err, "site.rule:12: step 1 rebuilds the offline "
	    "folder file, but no step before it saves", 53) == 0);
	free(err);
	free(text);
	free(steps);

	steps = xasprintf("fix: Close Outlook.\nfix: Copy the Outbox and "
	    "Local Failures items to a .pst file.\n%sfix: Rename the .ost "
	    "file.\n", caution);
	text = rule_with_steps(steps);
	err = load_error(rs, text);
	assert_non_null(err);
	assert_string_equal(err, "site.rule:12: step 2 saves offline items "
	    "after step 1 closes Outlook: save them while Outlook is open, "
	    "then close it");
	free(err);
	free(text);
	free(steps);

	steps = xasprintf("fix: Copy the Outbox and Local Failures items to "
	    "a .pst file.\nfix: Close Outlook.\n%sfix: Rename the .ost "
	    "file.\n", caution);
	text = rule_with_steps(steps);
	assert_null(load_error(rs, text));
	free(text);
	free(steps);
	assert_string_equal(ostd_ruleset_find(rs, "STEPS")->caution[2],
	    "The OST alone holds unsent and offline items.");
}

/* A rule says where it applies; a reference entry may say it is not held. */
static void
test_applicability_and_provenance_keys(void **state)
{
	struct ostd_ruleset *rs = *state;
	char *err, *text;
	char buf[128];
	const struct ostd_rule *r;

	text = variant("clients:", "");
	err = load_error(rs, text);
	assert_non_null(strstr(err, "rule needs 'clients'"));
	free(err);
	free(text);
	text = variant("servers:", "");
	err = load_error(rs, text);
	assert_non_null(strstr(err, "rule needs 'servers'"));
	free(err);
	free(text);
	text = variant("clients:", "clients: any\n");
	assert_null(load_error(rs, text));
	free(text);
	r = ostd_ruleset_find(rs, "TEST-1");
	assert_int_equal(r->clients, 0);
	assert_string_equal(r->servers, "Exchange Server 2016");
	assert_int_equal(ostd_rule_provenance(r), OSTD_PROV_FIELD);
	text = variant("group:", "group: g1\nsource: Microsoft article "
	    "KB3115602\nnote: Likely a limit.\n");
	assert_null(load_error(rs, text));
	free(text);
	r = ostd_ruleset_find(rs, "TEST-1");
	assert_int_equal(ostd_rule_provenance(r), OSTD_PROV_SOURCE);
	assert_string_equal(r->public_source, "Microsoft article KB3115602");
	assert_string_equal(r->note, "Likely a limit.");
	text = variant("group:", "held: no\n");
	err = load_error(rs, text);
	assert_non_null(strstr(err, "'held' is for reference entries"));
	free(err);
	free(text);
	assert_null(load_error(rs, "id: Q191014\ntitle: t\nproducts: p\n"
	    "level: info\ncategory: other\nheld: no\nsummary: s\n"));
	r = ostd_ruleset_find(rs, "Q191014");
	assert_true(r->not_held);
	assert_int_equal(ostd_rule_provenance(r), OSTD_PROV_ARTICLE);

	assert_string_equal(ostd_clients_words(0x3F0u, buf, sizeof(buf)),
	    "Exchange client 4.0 to Outlook 2000");
	assert_string_equal(ostd_clients_words(1u << 16, buf, sizeof(buf)),
	    "Outlook 2016-2021 or Microsoft 365");
	assert_string_equal(ostd_clients_words(0x1F000u, buf, sizeof(buf)),
	    "Outlook 2007 to Microsoft 365");
	assert_string_equal(ostd_clients_words(0, buf, sizeof(buf)),
	    "any client");
	assert_string_equal(ostd_clients_range(0x3F0u | 1u << 12, buf,
	    sizeof(buf)), "4-9,12");
	assert_string_equal(ostd_clients_range(0, buf, sizeof(buf)), "any");
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* A directory with one broken file: the others load, the broken one is named. */
static void
test_directory_with_broken_file(void **state)
{
	struct ostd_ruleset *rs = *state;
	char dir[] = "/tmp/ostd-rules-XXXXXX", path[128], *err = NULL;
	char *renamed = variant("id:", "id: TEST-2\n");

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a.rule", dir);
	write_file(path, good);
	snprintf(path, sizeof(path), "%s/b.rule", dir);
	write_file(path, "id: BROKEN\ntitle: t\nproducts: p\ncategory: other\n"
	    "level: loud\n");
	snprintf(path, sizeof(path), "%s/c.rule", dir);
	write_file(path, renamed);
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	write_file(path, "not a rule");

	assert_int_equal(ostd_ruleset_load_path(rs, dir, &err), 1);
	assert_non_null(err);
	/* Both problems of b.rule, by line; nothing of the others. */
	assert_non_null(strstr(err, "/b.rule:1: reference entry (no match "
	    "conditions) needs a 'summary'\n"));
	assert_non_null(strstr(err, "/b.rule:5: level must be"));
	assert_true(strstr(err, "/b.rule:1:") < strstr(err, "/b.rule:5:"));
	assert_null(strstr(err, "/a.rule"));
	assert_null(strstr(err, "/c.rule"));
	assert_non_null(ostd_ruleset_find(rs, "TEST-1"));
	assert_non_null(ostd_ruleset_find(rs, "TEST-2"));
	assert_null(ostd_ruleset_find(rs, "BROKEN"));
	free(err);
	free(renamed);

	assert_int_equal(ostd_ruleset_load_path(rs, "/nonexistent/rules", &err),
	    -1);
	assert_string_equal(err, "/nonexistent/rules: No such file or directory");
	free(err);

	for (const char *f = "a.rule\0b.rule\0c.rule\0notes.txt\0"; *f;
	    f += strlen(f) + 1) {
		snprintf(path, sizeof(path), "%s/%s", dir, f);
		unlink(path);
	}
	rmdir(dir);
}

static void
test_builtin_rules_load(void **state)
{
	struct ostd_ruleset *rs = *state;

	ostd_ruleset_load_builtin(rs);
	assert_true(ostd_ruleset_count(rs) >= 4);
	assert_non_null(ostd_ruleset_find(rs, "Q168734"));
	assert_non_null(ostd_ruleset_find(rs, "Q162703"));
}

/* An empty value is empty, whatever the value after it says. */
static void
test_empty_value_stays_empty(void **state)
{
	static const char text[] =
	    "level:\nid: error\ntitle: t\nproducts: p\ncategory: other\n"
	    "summary: s\n";
	struct ostd_ruleset *rs = *state;
	char *err = NULL;

	assert_int_equal(ostd_ruleset_load_text(rs, "empty.rule", text,
	    strlen(text), &err), -1);
	assert_non_null(err);
	assert_string_equal(err, "empty.rule:1: level must be error, warning or "
	    "info");
	free(err);
}

static void
assert_same_string(const char *got, const char *want)
{
	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void
assert_same_strings(char *const *got, size_t ngot, char *const *want,
    size_t nwant)
{
	assert_int_equal(ngot, nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_string_equal(got[i], want[i]);
	assert_null(got[nwant]);
}

static const char *
source_or_null(const struct ostd_pattern *pat)
{
	return pat != NULL ? ostd_pattern_source(pat) : NULL;
}

/*
 * The built-in rules, written out as data when the program was built, are the
 * rule files as the parser reads them, field by field and in the same order.
 */
static void
test_builtin_rules_are_the_files(void **state)
{
	struct ostd_ruleset *rs = *state;
	struct ostd_ruleset *files = ostd_ruleset_new();
	char *err = NULL;

	ostd_ruleset_load_builtin(rs);
	assert_int_equal(ostd_ruleset_load_path(files, "src/kb/rules", &err), 0);
	assert_null(err);
	assert_int_equal(ostd_ruleset_count(rs), ostd_ruleset_count(files));
	assert_true(ostd_ruleset_count(rs) >= 80);
	for (size_t i = 0; i < ostd_ruleset_count(files); i++) {
		const struct ostd_rule *b = ostd_ruleset_get(rs, i);
		const struct ostd_rule *f = ostd_ruleset_get(files, i);

		assert_string_equal(b->id, f->id);
		assert_same_string(b->article, f->article);
		assert_string_equal(b->title, f->title);
		assert_string_equal(b->products, f->products);
		assert_same_string(b->fixed_in, f->fixed_in);
		assert_string_equal(b->category, f->category);
		assert_same_string(b->group, f->group);
		assert_int_equal(b->level, f->level);
		assert_int_equal(b->clients, f->clients);
		assert_int_equal(b->ncodes, f->ncodes);
		for (size_t c = 0; c < f->ncodes; c++) {
			assert_int_equal(b->codes[c].nfields,
			    f->codes[c].nfields);
			assert_memory_equal(b->codes[c].field, f->codes[c].field,
			    sizeof(f->codes[c].field));
			assert_int_equal(b->codes[c].wild, f->codes[c].wild);
			assert_string_equal(b->codes[c].text, f->codes[c].text);
		}
		assert_int_equal(b->heads, f->heads);
		assert_int_equal(b->scopes, f->scopes);
		assert_same_string(source_or_null(b->folder),
		    source_or_null(f->folder));
		assert_same_string(source_or_null(b->message),
		    source_or_null(f->message));
		assert_int_equal(b->ntexts, f->ntexts);
		for (size_t t = 0; t < f->ntexts; t++)
			assert_string_equal(ostd_pattern_source(b->texts[t]),
			    ostd_pattern_source(f->texts[t]));
		assert_int_equal(b->session, f->session);
		assert_int_equal(b->symptoms, f->symptoms);
		assert_same_string(b->cause, f->cause);
		assert_same_string(b->note, f->note);
		assert_same_string(b->servers, f->servers);
		assert_same_string(b->public_source, f->public_source);
		assert_same_string(b->summary, f->summary);
		assert_same_strings(b->fix, b->nfix, f->fix, f->nfix);
		for (size_t k = 0; k < f->nfix; k++)
			assert_same_string(b->caution[k], f->caution[k]);
		assert_true(b->practice == f->practice);
		assert_int_equal(b->not_held, f->not_held);
		assert_same_strings(b->ask, b->nask, f->ask, f->nask);
		assert_same_strings(b->see, b->nsee, f->see, f->nsee);
		assert_same_string(b->example, f->example);
		assert_string_equal(b->source, strrchr(f->source, '/') + 1);
		assert_int_equal(b->source_line, f->source_line);
		assert_true(b->builtin);
		assert_false(f->builtin);
	}
	ostd_ruleset_free(&files);
}

/* Run every pattern of rs's rules once, so that each has its code. */
static void
run_every_pattern(const struct ostd_ruleset *rs)
{
	static const char s[] = "Error synchronizing folder";

	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);

		if (r->folder != NULL)
			assert_true(ostd_pattern_match(r->folder, s,
			    strlen(s)) >= 0);
		if (r->message != NULL)
			assert_true(ostd_pattern_match(r->message, s,
			    strlen(s)) >= 0);
		for (size_t t = 0; t < r->ntexts; t++)
			assert_true(ostd_pattern_match(r->texts[t], s,
			    strlen(s)) >= 0);
	}
}

/* A rule file may replace a built-in rule; both free cleanly. */
static void
test_file_replaces_builtin_rule(void **state)
{
	struct ostd_ruleset *rs = *state;
	static const char text[] =
	    "id: Q168734\ntitle: Replaced\nproducts: p\nlevel: info\n"
	    "category: other\nsummary: A local note.\n";
	size_t n;
	char *err = NULL;

	ostd_ruleset_load_builtin(rs);
	n = ostd_ruleset_count(rs);
	assert_int_equal(ostd_ruleset_load_text(rs, "local.rule", text,
	    strlen(text), &err), 0);
	assert_int_equal(ostd_ruleset_count(rs), n);
	assert_string_equal(ostd_ruleset_find(rs, "Q168734")->title,
	    "Replaced");
	assert_false(ostd_ruleset_find(rs, "Q168734")->builtin);
}

/*
 * A clone holds the same rules in the same order, their strings shared and
 * their patterns its own, which match as the original's do; a rule file's
 * rule replacing a built-in one is cloned as it is. Original and clone are
 * freed on their own (the sanitizer build checks nothing is freed twice).
 */
static void
test_clone_matches_as_original(void **state)
{
	struct ostd_ruleset *rs = *state, *c;
	char *err = NULL;
	size_t tried = 0;

	ostd_ruleset_load_builtin(rs);
	assert_int_equal(ostd_ruleset_load_text(rs, "test.rule", good,
	    strlen(good), &err), 0);
	/* Some built-in patterns have run before the clone, some not. */
	assert_true(ostd_pattern_match(ostd_ruleset_find(rs, "TEST-1")->message,
	    "client operation", 16) == 1);
	c = ostd_ruleset_clone(rs);
	assert_int_equal(ostd_ruleset_count(c), ostd_ruleset_count(rs));
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *a = ostd_ruleset_get(rs, i);
		const struct ostd_rule *b = ostd_ruleset_get(c, i);

		assert_ptr_not_equal(a, b);
		assert_ptr_equal(a->id, b->id);
		assert_ptr_equal(ostd_ruleset_find(c, a->id), b);
		assert_int_equal(a->ntexts, b->ntexts);
		for (size_t k = 0; k < a->ntexts; k++) {
			const char *src = ostd_pattern_source(a->texts[k]);

			assert_ptr_not_equal(a->texts[k], b->texts[k]);
			assert_int_equal(ostd_pattern_match(b->texts[k], src,
			    strlen(src)), ostd_pattern_match(a->texts[k], src,
			    strlen(src)));
			assert_int_equal(ostd_pattern_match(b->texts[k], "zz", 2),
			    ostd_pattern_match(a->texts[k], "zz", 2));
			tried++;
		}
	}
	assert_true(tried > 20);
	assert_int_equal(ostd_pattern_match(ostd_ruleset_find(c, "TEST-1")->message,
	    "client operation", 16), 1);
	ostd_ruleset_free(&c);
	/* The original still matches once its clone is gone. */
	assert_int_equal(ostd_pattern_match(ostd_ruleset_find(rs, "TEST-1")->message,
	    "the client operation", 20), 1);
}

/* A rule file that replaces the built-in rule with this id. */
static void
replace_rule(struct ostd_ruleset *rs, const char *id)
{
	char text[256];
	char *err = NULL;

	snprintf(text, sizeof(text), "id: %s\ntitle: Replaced\nproducts: p\n"
	    "level: info\ncategory: other\nsummary: A local note.\n", id);
	assert_true(ostd_ruleset_find(rs, id)->message != NULL);
	assert_int_equal(ostd_ruleset_load_text(rs, "local.rule", text,
	    strlen(text), &err), 0);
	assert_false(ostd_ruleset_find(rs, id)->builtin);
}

/*
 * Built-in rules replaced by a file before their patterns ran, and after:
 * either way each code is freed once (check-san finds a leak or a double
 * free), and the other rules keep theirs.
 */
static void
test_file_replaces_compiled_builtin_rule(void **state)
{
	struct ostd_ruleset *rs = *state;

	ostd_ruleset_load_builtin(rs);
	replace_rule(rs, "Q168734");	/* its patterns have no code yet */
	run_every_pattern(rs);
	replace_rule(rs, "Q182294");	/* its patterns have their code */
	run_every_pattern(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reads_every_field, empty_rules_setup,
		    rules_teardown),
		cmocka_unit_test_setup_teardown(test_article_defaults_from_id,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_broken_rules, empty_rules_setup,
		    rules_teardown),
		cmocka_unit_test_setup_teardown(test_every_problem_told,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_nul_ends_reading,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_example_and_see_lines,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_rule_needs_cause_fix_example,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_steps_in_order_with_cautions,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_destructive_step_needs_caution,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_ost_rebuild_needs_save_first,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(
		    test_applicability_and_provenance_keys, empty_rules_setup,
		    rules_teardown),
		cmocka_unit_test_setup_teardown(test_same_id_replaces, empty_rules_setup,
		    rules_teardown),
		cmocka_unit_test_setup_teardown(test_many_ids, empty_rules_setup,
		    rules_teardown),
		cmocka_unit_test_setup_teardown(test_directory_with_broken_file,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_empty_value_stays_empty,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_builtin_rules_are_the_files,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_file_replaces_builtin_rule,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(
		    test_file_replaces_compiled_builtin_rule, empty_rules_setup,
		    rules_teardown),
		cmocka_unit_test_setup_teardown(test_clone_matches_as_original,
		    empty_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_builtin_rules_load, empty_rules_setup,
		    rules_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
