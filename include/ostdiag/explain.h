/*
 * ostdiag/explain.h: explanations for people at a help desk: what a code means
 * field by field and which rules can match it, or one diagnosis in full.
 */
#ifndef OSTDIAG_EXPLAIN_H
#define OSTDIAG_EXPLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "ostdiag/rules.h"

/*
 * Parse what a user typed as a code: "[8004010F-501-0-521]", "0x8004010F",
 * "8004010f-501-00-521". Returns 0 or -1.
 */
int ostd_explain_parse_code(const char *arg, struct ostd_code *code);

/*
 * Decode code field by field and list the rules that can match it, with what
 * else each needs and what it was written for; as JSON when json is set.
 */
void ostd_explain_code(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code, bool json);

/*
 * Print one rule or reference entry of rs in full: where it applies and comes
 * from, conditions, cause, fix steps with their cautions, questions, the
 * rules that cite it, example; as JSON when json is set.
 */
void ostd_explain_rule(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_rule *rule, bool json);

#endif
