/*
 * ostdiag/selftest.h: every rule carries an example log; running the example must
 * put that rule first, or tied first, or in the ambiguity group of a rule that is.
 * This keeps the knowledge base honest as rules are added.
 */
#ifndef OSTDIAG_SELFTEST_H
#define OSTDIAG_SELFTEST_H

#include "ostdiag/rules.h"

/*
 * Run rule's example against every rule of rs. Returns 0 when the rule leads a
 * finding of its example (reference entries always pass), else -1 with *why set to
 * an allocated "file:line: ..." explanation: the line of the first example
 * line whose finding another rule leads, or the example's own line when it
 * yields no finding.
 */
int ostd_rule_selftest(const struct ostd_ruleset *rs, const struct ostd_rule *rule,
    char **why);

#endif
