/*
 * ostdiag/rules.h: the knowledge base. A rule is one diagnosis, read from a rule
 * file (format in README.md, "Rule files"): the article it cites, the conditions an
 * error must meet, the cause, the fix steps and the questions that tell it apart
 * from similar rules. A rule without conditions is a reference entry (a procedure
 * or background article that other rules point to).
 *
 * Ownership: a ruleset owns its rules and every string in them (a built-in
 * rule's strings and arrays are the program's, which it borrows); rules stay
 * valid until the ruleset is freed. A rule file's patterns are compiled when it is
 * loaded; the built-in rules' (which the build checks) when they first run. A
 * ruleset is for one thread at a time: its patterns share one match data.
 */
#ifndef OSTDIAG_RULES_H
#define OSTDIAG_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostdiag/code.h"

enum ostd_level {
	OSTD_LEVEL_INFO,
	OSTD_LEVEL_WARNING,
	OSTD_LEVEL_ERROR
};

enum ostd_session_cond {
	OSTD_SESSION_ANY,
	OSTD_SESSION_TERMINATED,
	OSTD_SESSION_UNFINISHED
};

/* Symptoms of a slow or hung synchronization, found per session. */
enum ostd_symptom {
	OSTD_SYMPTOM_LONG_GAP = 1 << 0,
	OSTD_SYMPTOM_UNFINISHED = 1 << 1,
	OSTD_SYMPTOM_REPEATED_TIMEOUT = 1 << 2
};

/* A code condition: fields to compare; a set bit in wild means "any". */
struct ostd_code_pattern {
	int nfields;
	uint32_t field[OSTD_CODE_FIELDS];
	unsigned wild;
	char text[OSTD_CODE_TEXT];
};

struct ostd_pattern;		/* a compiled PCRE2 pattern */

struct ostd_rule {
	char *id;
	char *article;		/* cited article, or NULL */
	char *title;
	char *products;
	char *fixed_in;		/* or NULL */
	char *category;
	char *group;		/* ambiguity group, or NULL */
	enum ostd_level level;
	uint32_t clients;	/* bit n: client major version n applies; 0 = any */
	char *servers;		/* the servers its source was written for, or NULL */

	/* Conditions: every one present must hold. */
	struct ostd_code_pattern *codes;
	size_t ncodes;
	unsigned heads;		/* bit per enum ostd_head; 0 = any */
	unsigned scopes;	/* bit per enum ostd_scope; 0 = any */
	struct ostd_pattern *folder;
	struct ostd_pattern *message;
	struct ostd_pattern **texts;
	size_t ntexts;
	enum ostd_session_cond session;
	unsigned symptoms;	/* enum ostd_symptom bits */

	char *cause;		/* what the source says */
	char *note;		/* what ostdiag adds to it, or NULL */
	char *public_source;	/* a source named by a rule with no article */
	char *summary;
	/*
	 * Fix steps in order: fix[i] is the text, caution[i] the warning shown
	 * before it (or NULL), and bit i of practice is set when the step is
	 * general practice rather than the cited source's procedure.
	 */
	char **fix;
	char **caution;
	uint64_t practice;
	size_t nfix;
	char **ask;
	size_t nask;
	char **see;
	size_t nsee;
	char *example;		/* the example log, lines joined by '\n' */
	bool not_held;		/* a reference whose text ostdiag has no copy of */

	char *source;		/* file the rule came from */
	unsigned long source_line;
	/*
	 * Lines of its file (0: not known, as for a built-in rule): its see:
	 * line, its example: line, and the line its example's first line is on,
	 * when the example's lines follow it one for one (no comment among
	 * them).
	 */
	unsigned long see_line, example_line, example_first;
	/* Built in: its strings are the program's, its memory its ruleset's. */
	bool builtin;
	/* A clone's: its strings and lists are the original's, its patterns its own. */
	bool copy;
};

#define OSTD_STEPS_MAX 64	/* fix steps a rule may have */

/* Is the rule a reference entry (no conditions)? */
bool ostd_rule_is_reference(const struct ostd_rule *rule);

/* Where a rule's claims come from. */
enum ostd_provenance {
	OSTD_PROV_ARTICLE,	/* a knowledge-base article it cites */
	OSTD_PROV_SOURCE,	/* another public source it names */
	OSTD_PROV_FIELD		/* field experience: no public source */
};

enum ostd_provenance ostd_rule_provenance(const struct ostd_rule *rule);
/* "article", "source" or "field-experience". */
const char *ostd_provenance_name(enum ostd_provenance p);
/* Where the claims of a rule come from, in words; into buf. */
const char *ostd_provenance_words(const struct ostd_rule *rule, char *buf,
    size_t size);
/*
 * Is step i general practice rather than the source's own procedure? Every
 * step of a rule with no public source is.
 */
bool ostd_rule_step_is_practice(const struct ostd_rule *rule, size_t i);
/* Is any of its steps general practice? */
bool ostd_rule_has_practice(const struct ostd_rule *rule);

/*
 * The client versions of a rule in words ("Exchange clients 4.0-5.0 and
 * Outlook 97-2000"), written into buf; "any client" when it names none.
 */
const char *ostd_clients_words(uint32_t clients, char *buf, size_t size);
/* The same as a rule file writes it ("4-9,12", or "any"), into buf. */
const char *ostd_clients_range(uint32_t clients, char *buf, size_t size);
const char *ostd_level_name(enum ostd_level level);

struct ostd_ruleset;

/* An empty ruleset. Never returns NULL. */
struct ostd_ruleset *ostd_ruleset_new(void);
void ostd_ruleset_free(struct ostd_ruleset **rs);

/*
 * Load rules from text (name is used in messages). A rule whose id is already in
 * the set replaces it. On error returns -1 and sets *err to every problem of
 * the text, one "name:line: message" a line, by line, allocated; the set is
 * left as it was.
 */
int ostd_ruleset_load_text(struct ostd_ruleset *rs, const char *name,
    const char *text, size_t len, char **err);

/*
 * Load a rule file, or every *.rule file of a directory (sorted by name). Every
 * file is tried; every problem of every broken file is joined in *err, one a
 * line, file by file. Returns the number of broken files (0 on success), or -1
 * when path cannot be read.
 */
int ostd_ruleset_load_path(struct ostd_ruleset *rs, const char *path, char **err);

/* Is name a rule's id, or an article a rule cites (ignoring case)? */
bool ostd_ruleset_knows(const struct ostd_ruleset *rs, const char *name);
/*
 * The ids and articles nearest to name in spelling (at most max, up to 8,
 * nearest first, none further than half name's length), into near; their
 * number.
 */
size_t ostd_ruleset_nearest(const struct ostd_ruleset *rs, const char *name,
    const char **near, size_t max);

/*
 * A ruleset for another thread, with the rules of rs: their strings and lists
 * are rs's (which must outlive it and not change while it lives), their
 * patterns its own, copied from rs's compiled code (no rule file is read
 * again; a built-in pattern that has not run is compiled when it first runs).
 * Call while no other thread uses rs.
 */
struct ostd_ruleset *ostd_ruleset_clone(const struct ostd_ruleset *rs);

/* Load the rules compiled into the program. */
void ostd_ruleset_load_builtin(struct ostd_ruleset *rs);

size_t ostd_ruleset_count(const struct ostd_ruleset *rs);
const struct ostd_rule *ostd_ruleset_get(const struct ostd_ruleset *rs, size_t i);
const struct ostd_rule *ostd_ruleset_find(const struct ostd_ruleset *rs,
    const char *id);

/*
 * What one match of a pattern may cost: steps (backtracking points tried),
 * nesting depth and heap. A match that goes past one gives up and counts as
 * no match; a pattern that gave up OSTD_LIMIT_RETIRE times on one input is not
 * tried again on it.
 */
#define OSTD_MATCH_STEPS 100000
#define OSTD_MATCH_DEPTH 1000
#define OSTD_MATCH_HEAP_KIB 1024
#define OSTD_LIMIT_RETIRE 3

/* A match that gave up, as told to a watch. */
struct ostd_limit_hit {
	const struct ostd_rule *rule;
	const char *pattern;	/* its source */
	unsigned long line;	/* of the pattern in the rule's file */
	const char *limit;	/* the limit it went past, in words */
	unsigned hits;		/* on this input, this one included */
	bool retired;		/* not tried again on this input */
};

/*
 * Who hears of matches that give up, and on which input: hit counts start
 * again when the input changes.
 */
struct ostd_limit_watch {
	unsigned long input;
	void (*hit)(const struct ostd_limit_hit *hit, void *ctx);
	void *ctx;
};

/*
 * Have w hear of the matches of rs's patterns that give up, until another
 * watch (or NULL) is set; w must live until then. With none, hits are counted
 * as for one input.
 */
void ostd_ruleset_watch(const struct ostd_ruleset *rs,
    const struct ostd_limit_watch *w);

/*
 * Match a compiled pattern against s[0..len). Returns 1 on a match, 0 on none, and -1
 * when the match hit its limits or the pattern was retired for hitting them
 * (the rule is too costly for this input).
 */
int ostd_pattern_match(const struct ostd_pattern *pat, const char *s, size_t len);

/* The text a pattern was compiled from. */
const char *ostd_pattern_source(const struct ostd_pattern *pat);

/* Does the code pattern accept code? Sets *exact to 0 when only via field-3 rules. */
bool ostd_code_pattern_match(const struct ostd_code_pattern *cp,
    const struct ostd_code *code, int *score);

#endif
