/*
 * builtin_rules.h: the rules compiled into the program. embed_rules reads the
 * rule files with the same parser as ostd_ruleset_load_text when ostdiag is
 * built, and writes each rule out as data, so that loading them at start-up
 * parses nothing and copies no text. Internal to libostdiag.
 */
#ifndef OSTD_BUILTIN_RULES_H
#define OSTD_BUILTIN_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "ostdiag/rules.h"

/* A rule as struct ostd_rule has it, with its patterns as their sources. */
struct builtin_rule {
	const char *id, *article, *title, *products, *fixed_in, *category;
	const char *group;
	enum ostd_level level;
	uint32_t clients;
	const struct ostd_code_pattern *codes;
	size_t ncodes;
	unsigned heads, scopes;
	const char *folder, *message;	/* pattern sources, or NULL */
	const char *const *texts;
	size_t ntexts;
	enum ostd_session_cond session;
	unsigned symptoms;
	const char *cause, *summary;
	const char *const *fix;
	size_t nfix;
	const char *const *ask;
	size_t nask;
	const char *const *see;
	size_t nsee;
	const char *example;
	const char *source;
	unsigned long source_line;
};

/* Every built-in rule, in the order of their files; then one with id NULL. */
extern const struct builtin_rule builtin_rules[];

#endif
