/*
 * builtin_rules.h: the rules compiled into the program. embed_rules reads the
 * rule files with the same parser as ostd_ruleset_load_text when ostdiag is
 * built, and writes each rule out as data, so that loading them at start-up
 * parses nothing and copies no text. The data holds offsets, not pointers: a
 * position-independent program would otherwise fix up thousands of pointers,
 * and write to every page that holds one, each time it starts.
 * Internal to libostdiag.
 */
#ifndef OSTD_BUILTIN_RULES_H
#define OSTD_BUILTIN_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostdiag/rules.h"

#define BUILTIN_NONE UINT32_MAX	/* a string that is NULL */

/*
 * A rule as struct ostd_rule has it. Strings are offsets in builtin_strings
 * (or BUILTIN_NONE); a list of strings is its first entry in builtin_lists,
 * which hold offsets of strings; codes are entries of builtin_codes. Patterns
 * are their sources.
 */
struct builtin_rule {
	uint32_t id, article, title, products, fixed_in, category, group;
	enum ostd_level level;
	uint32_t clients;
	uint32_t codes, ncodes;
	unsigned heads, scopes;
	uint32_t folder, message;
	uint32_t texts, ntexts;
	enum ostd_session_cond session;
	unsigned symptoms;
	uint32_t servers, note, public_source;
	uint32_t cause, summary;
	uint32_t fix, caution, nfix;	/* caution: nfix entries, or NONE */
	uint64_t practice;
	bool not_held;
	uint32_t ask, nask;
	uint32_t see, nsee;
	uint32_t example, source;
	unsigned long source_line;
};

extern const char builtin_strings[];
extern const uint32_t builtin_lists[];
extern const struct ostd_code_pattern builtin_codes[];
/* Every built-in rule, in the order of their files. */
extern const struct builtin_rule builtin_rules[];
extern const size_t builtin_rule_count;

#endif
