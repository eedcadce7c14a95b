/*
 * fuzz_rules.c: libFuzzer harness for the rule-file reader and the rule self-test.
 *
 * Loads any bytes as a rule file with ostd_ruleset_load_text into a set that
 * already holds one known rule, and checks that:
 * - a refused file comes with an allocated "fuzz.rule:LINE: ..." message and
 *   leaves the set as it was;
 * - an accepted file adds or replaces exactly one rule, whose required fields
 *   are there (id, title of 1 to 72 characters, products, category, and for a
 *   rule with conditions a cause, a fix step and an example);
 * then runs ostd_rule_selftest on every rule of the set (the new one's example
 * runs against both rules, patterns under their match limits) and prints each
 * rule with ostd_explain_rule, all without a crash, leak or undefined behaviour.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/ostdiag.h"
#include "kb/safety.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The rule the set holds before the fuzzed text is loaded. */
static const char known[] =
    "id: Q168734\n"
    "title: Org Forms Library Default permission None\n"
    "products: Exchange Server 5.0\n"
    "clients: 4-9\n"
    "servers: Exchange Server 5.0\n"
    "level: error\n"
    "category: sync-error-code\n"
    "code: 8004010F-501-0-521\n"
    "head: folder\n"
    "scope: forms\n"
    "message: client operation failed\n"
    "cause: The Default permission is None.\n"
    "caution: Every user of the library gets the new role.\n"
    "fix: Give the Default role any other permission.\n"
    "example:\n"
    "  11:43:26 Synchronizing Organization Forms\n"
    "  11:43:27 Error synchronizing folder\n"
    "  11:43:27 [8004010F-501-0-521]\n"
    "  11:43:27 The client operation failed.\n";

static FILE *devnull;

/* Stop the run on a broken invariant, so libFuzzer keeps the input. */
static void
check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_rules: invariant broken: %s\n", what);
		abort();
	}
}

/* The fields every loaded rule must have. */
static void
check_rule(const struct ostd_rule *r)
{
	check(r->id != NULL && r->id[0] != '\0', "rule without id");
	check(r->title != NULL && strlen(r->title) >= 1 &&
	    strlen(r->title) <= 72, "rule title length");
	check(r->products != NULL, "rule without products");
	check(r->category != NULL, "rule without category");
	check(r->source != NULL, "rule without source");
	if (ostd_rule_is_reference(r))
		return;
	check(r->cause != NULL && r->cause[0] != '\0', "rule without cause");
	check(r->nfix >= 1, "rule without fix");
	check(r->example != NULL && r->example[0] != '\0',
	    "rule without example");
	check(r->servers != NULL && r->servers[0] != '\0',
	    "rule without servers");
	for (size_t i = 0; i < r->nfix; i++) {
		check(r->fix[i] != NULL && r->fix[i][0] != '\0', "empty fix step");
		check(r->caution[i] == NULL || r->caution[i][0] != '\0',
		    "empty caution");
		/* The reader lets no step that can lose data go uncautioned. */
		check(r->caution[i] != NULL || step_hazard(r->fix[i]) == NULL,
		    "a hazardous step without a caution");
	}
	check(r->nfix == OSTD_STEPS_MAX || (r->practice >> r->nfix) == 0,
	    "practice bits beyond the steps");
	for (size_t i = 0; i < r->nask; i++)
		check(r->ask[i] != NULL, "NULL question");
	for (size_t i = 0; i < r->nsee; i++)
		check(r->see[i] != NULL, "NULL see entry");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ostd_ruleset *rs = ostd_ruleset_new();
	const struct ostd_rule *before;
	char *err = NULL;
	size_t n;

	if (devnull == NULL) {
		devnull = fopen("/dev/null", "w");
		check(devnull != NULL, "cannot open /dev/null");
	}
	check(ostd_ruleset_load_text(rs, "known.rule", known, sizeof(known) - 1,
	    &err) == 0, "the known rule does not load");
	before = ostd_ruleset_get(rs, 0);

	if (ostd_ruleset_load_text(rs, "fuzz.rule", (const char *)data, size,
	    &err) != 0) {
		check(err != NULL, "refused without a message");
		/* Every problem on a line of its own, naming the file. */
		for (const char *p = err; p != NULL; p = strchr(p, '\n'),
		    p = p != NULL ? p + 1 : NULL)
			check(strncmp(p, "fuzz.rule:", 10) == 0,
			    "message does not name the file");
		check(ostd_ruleset_count(rs) == 1 &&
		    ostd_ruleset_get(rs, 0) == before,
		    "a refused file changed the set");
		free(err);
		ostd_ruleset_free(&rs);
		return 0;
	}
	check(err == NULL, "message set on success");
	n = ostd_ruleset_count(rs);
	check(n == 1 || n == 2, "an accepted file did not add one rule");
	for (size_t i = 0; i < n; i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);
		char *why = NULL;

		check_rule(r);
		check(ostd_ruleset_find(rs, r->id) == r, "rule not found by id");
		if (ostd_rule_selftest(rs, r, &why) != 0)
			check(why != NULL, "self-test failed without a reason");
		else
			check(why == NULL, "self-test passed with a reason");
		free(why);
		ostd_explain_rule(devnull, rs, r, false);
		ostd_explain_rule(devnull, rs, r, true);
	}
	ostd_ruleset_free(&rs);
	return 0;
}
