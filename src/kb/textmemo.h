/*
 * textmemo.h: which rules' text patterns match a string, remembered for the
 * strings seen last. Error blocks repeat the same few messages all through a
 * long log; with the memo each is run through the text patterns once, not once
 * per block. Internal to libostdiag.
 */
#ifndef OSTD_TEXTMEMO_H
#define OSTD_TEXTMEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "ostdiag/match.h"
#include "ostdiag/rules.h"

struct text_memo;

/* A memo for the rule set rs, which must outlive it. */
struct text_memo *text_memo_new(const struct ostd_ruleset *rs);
void text_memo_free(struct text_memo **m);
/* Forget every string (a new input: its patterns' limits count afresh). */
void text_memo_forget(struct text_memo *m);

/* What the text patterns of the rules of a set make of one string. */
struct text_hits {
	const uint64_t *match;	/* bit i: a text pattern of rule i matches */
	const uint64_t *costly;	/* bit i: one tried before that hit its limits */
};

/* The hits for s, from the memo or worked out now. */
struct text_hits text_memo_lookup(struct text_memo *m, const char *s);

static inline bool
text_hit(const uint64_t *bits, size_t i)
{
	return (bits[i / 64] >> (i % 64)) & 1;
}

/*
 * ostd_match_block, with the text conditions answered by memo (which must be
 * for rs).
 */
void match_block_memo(const struct ostd_ruleset *rs,
    const struct ostd_session *s, const struct ostd_block *b,
    struct text_memo *memo, struct ostd_diagnosis *out);

#endif
